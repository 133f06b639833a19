# analysis/snapio/: the snapshot IO campaign's pure code: write plan, step
# order, checksum manifests, fio figures (json-c) and the gnuplot script
# (which quotes with analysis/gnuplot.c: link analysis/libmbanalysis.a after).
noinst_LIBRARIES += analysis/libmbsnapio.a
analysis_libmbsnapio_a_SOURCES = \
	analysis/base64.c analysis/base64.h \
	analysis/snapio/snapio_plan.c analysis/snapio/snapio_plan.h \
	analysis/snapio/snapio_steps.c analysis/snapio/snapio_steps.h \
	analysis/snapio/manifest.c analysis/snapio/manifest.h \
	analysis/snapio/fio.c analysis/snapio/fio.h \
	analysis/snapio/journal_log.c analysis/snapio/journal_log.h \
	analysis/snapio/snapio_plot.c analysis/snapio/snapio_plot.h \
	analysis/snapio/snapio_stats.c analysis/snapio/snapio_stats.h
analysis_libmbsnapio_a_CFLAGS = $(AM_CFLAGS) $(JSONC_CFLAGS)
