sbin_SCRIPTS += scripts/migbench-lab
EXTRA_DIST += scripts/migbench-lab.in
CLEANFILES += scripts/migbench-lab
scripts/migbench-lab: scripts/migbench-lab.in Makefile
	$(AM_V_GEN)$(MKDIR_P) scripts && $(do_subst) < $(srcdir)/scripts/migbench-lab.in > $@.tmp && chmod +x $@.tmp && mv $@.tmp $@
