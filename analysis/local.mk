# analysis/: pure functions, no I/O, no libvirt.
noinst_LIBRARIES += analysis/libmbanalysis.a
analysis_libmbanalysis_a_SOURCES = \
	analysis/outage.c analysis/outage.h \
	analysis/units.c analysis/units.h
# Migration data volume from packet headers: parsing, totals, bins.
analysis_libmbanalysis_a_SOURCES += analysis/volume.c analysis/volume.h
# The run plot: a gnuplot script over the CSV files of --out.
analysis_libmbanalysis_a_SOURCES += analysis/run_plot.c analysis/run_plot.h

include $(srcdir)/analysis/snapio/local.mk
# A saved iputils ping log read back into a probe series (migbench analyze
# --ping-log): the line forms, then the series.
analysis_libmbanalysis_a_SOURCES += analysis/pingline.c analysis/pingline.h \
	analysis/pinglog.c analysis/pinglog.h
# Bytes from a guest or a file made valid UTF-8 for result documents.
analysis_libmbanalysis_a_SOURCES += analysis/utf8.c analysis/utf8.h
# Guest workloads: the --workload spec, --guest-exec words, the dirtier's
# report; and the convergence audit of a migration's iterations.
analysis_libmbanalysis_a_SOURCES += analysis/workload.c analysis/workload.h \
	analysis/convergence.c analysis/convergence.h
