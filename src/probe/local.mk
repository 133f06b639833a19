# src/probe/: migbench probe, and the prober pipeline and outage report
# that run and analyze --ping-log share.
src_migbench_SOURCES += src/probe/cmd_probe.c \
	src/probe/probe_pipeline.c src/probe/probe_pipeline.h \
	src/probe/report_outage.c src/probe/report_outage.h
