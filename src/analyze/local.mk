# src/analyze/: migbench analyze (saved or live captures, ping logs), and
# the capture pipeline and volume report that run shares.
src_migbench_SOURCES += src/analyze/cmd_analyze.c \
	src/analyze/cmd_analyze_ping.c src/analyze/analyze_ping.h \
	src/analyze/cmd_analyze_nova.c src/analyze/analyze_nova.h \
	src/analyze/read_lines.c src/analyze/read_lines.h \
	src/analyze/capture_pipeline.c src/analyze/capture_pipeline.h \
	src/analyze/report_volume.c src/analyze/report_volume.h
