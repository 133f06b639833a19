# src/report/: migbench report: a campaign's summary (also the live
# campaign's) and a run's text, from saved results.
src_migbench_SOURCES += src/report/cmd_report.c \
	src/report/saved.c src/report/summary.c src/report/summary.h \
	src/report/summary_plot.c src/report/summary_plot.h \
	src/report/report_run_json.c src/report/report_run_json.h
