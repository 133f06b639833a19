# analysis/: pure functions, no I/O, no libvirt.
noinst_LIBRARIES += analysis/libmbanalysis.a
analysis_libmbanalysis_a_SOURCES = \
	analysis/outage.c analysis/outage.h \
	analysis/units.c analysis/units.h
# Migration data volume from packet headers: parsing, totals, bins.
analysis_libmbanalysis_a_SOURCES += analysis/volume.c analysis/volume.h
# The run plot: a gnuplot script over the CSV files of --out.
analysis_libmbanalysis_a_SOURCES += analysis/run_plot.c analysis/run_plot.h

# The snapshot IO campaign's pure code: write plan, step order, checksum
# manifests, fio figures (json-c), base64 and the gnuplot script.
noinst_LIBRARIES += analysis/libmbsnapio.a
analysis_libmbsnapio_a_SOURCES = \
	analysis/base64.c analysis/base64.h \
	analysis/snapio_plan.c analysis/snapio_plan.h \
	analysis/snapio_steps.c analysis/snapio_steps.h \
	analysis/manifest.c analysis/manifest.h \
	analysis/fio.c analysis/fio.h \
	analysis/snapio_plot.c analysis/snapio_plot.h
analysis_libmbsnapio_a_CFLAGS = $(AM_CFLAGS) $(JSONC_CFLAGS)
# A saved iputils ping log read back into a probe series (migbench analyze
# --ping-log): the line forms, then the series.
analysis_libmbanalysis_a_SOURCES += analysis/pingline.c analysis/pingline.h \
	analysis/pinglog.c analysis/pinglog.h
