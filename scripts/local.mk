sbin_SCRIPTS += scripts/migbench-lab
EXTRA_DIST += scripts/migbench-lab.in
CLEANFILES += scripts/migbench-lab
scripts/migbench-lab: scripts/migbench-lab.in Makefile
	$(AM_V_GEN)$(MKDIR_P) scripts && $(do_subst) < $(srcdir)/scripts/migbench-lab.in > $@.tmp && chmod +x $@.tmp && mv $@.tmp $@

# mkguest: builds the lab guest (kernel + initramfs) from Debian packages.
pkglibexec_SCRIPTS += scripts/mkguest
CLEANFILES += scripts/mkguest
EXTRA_DIST += scripts/mkguest.in
scripts/mkguest: $(srcdir)/scripts/mkguest.in Makefile
	$(AM_V_GEN)$(MKDIR_P) scripts && \
	$(do_subst) < $(srcdir)/scripts/mkguest.in > $@.tmp && \
	chmod +x $@.tmp && mv -f $@.tmp $@
