# src/run/: migbench run: options, the migration, its job statistics and
# events, and the run report.
src_migbench_SOURCES += src/run/cmd_run.c \
	src/run/run.c src/run/run.h \
	src/run/run_options.c src/run/run_options.h \
	src/run/migration.c src/run/migration.h \
	src/run/jobstats.c src/run/jobstats.h \
	src/run/events.c src/run/events.h \
	src/run/event_names.c src/run/event_names.h \
	src/run/report_run.c src/run/report_run.h \
	src/run/workload.c src/run/workload.h \
	src/run/report_convergence.c src/run/report_convergence.h \
	src/run/cmd_run.h src/run/campaign.c src/run/campaign.h \
	src/run/campaign_options.c src/run/campaign_options.h \
	src/run/run_app.c src/run/run_app.h \
	src/run/report_ledger.c src/run/report_ledger.h \
	src/run/trigger.c src/run/trigger.h \
	src/run/external.c src/run/external.h \
	src/run/nova_beside.c src/run/nova_beside.h
