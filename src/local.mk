bin_PROGRAMS += src/migbench
src_migbench_SOURCES = \
	src/main.c src/commands.c src/commands.h src/exitcode.h \
	src/signals.c src/signals.h src/cli.c src/cli.h \
	src/hosts.c src/hosts.h \
	src/run_options.c src/run_options.h \
	src/virt.c src/virt.h \
	src/jobstats.c src/jobstats.h \
	src/events.c src/events.h \
	src/migration.c src/migration.h \
	src/probe_pipeline.c src/probe_pipeline.h \
	src/run.c src/run.h \
	src/report_run.c src/report_run.h \
	src/plot.c src/plot.h \
	src/cmd_run.c src/cmd_probe.c
src_migbench_CFLAGS = $(AM_CFLAGS) $(LIBVIRT_CFLAGS) $(PCAP_CFLAGS) $(NL_CFLAGS) $(JSONC_CFLAGS)
src_migbench_LDADD = probes/libmbprobes.a analysis/libmbanalysis.a $(LIBVIRT_LIBS) $(PCAP_LIBS) $(NL_LIBS) $(JSONC_LIBS) -lm
# probe command: outage report and atomic result files (shared with run).
src_migbench_SOURCES += src/report_outage.c src/report_outage.h src/outfile.c src/outfile.h
# The data-volume capture in run, and analyze (saved captures, or live).
src_migbench_SOURCES += src/capture_pipeline.c src/capture_pipeline.h \
	src/report_volume.c src/report_volume.h src/cmd_analyze.c
# analyze --ping-log: a saved ping log through the outage analyzer.
src_migbench_SOURCES += src/cmd_analyze_ping.c src/analyze_ping.h
# snapio: the snapshot IO campaign (migbench-snapio(1)).
src_migbench_SOURCES += src/cmd_snapio.c \
	src/snapio.c src/snapio.h src/snapio_options.c src/snapio_options.h \
	src/snapio_setup.c src/snapio_setup.h src/snapio_resume.c src/snapio_journal.c src/snapio_journal.h \
	src/snapio_build.c src/snapio_measure.c src/snapio_revert.c \
	src/snapio_report.c src/snapio_report.h \
	src/agent.c src/agent.h src/domxml.c src/domxml.h src/snapshot.c src/snapshot.h
src_migbench_CFLAGS += $(LIBVIRT_QEMU_CFLAGS) $(LIBXML_CFLAGS) -DMB_GNUPLOT='"$(GNUPLOT)"'
src_migbench_LDADD += analysis/libmbsnapio.a $(LIBVIRT_QEMU_LIBS) $(LIBXML_LIBS)
