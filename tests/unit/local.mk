# tests/unit/local.mk: cmocka unit tests of analysis/, run under the TAP driver.
check_PROGRAMS += tests/unit/test_outage tests/unit/test_units
TESTS += tests/unit/test_outage tests/unit/test_units

tests_unit_test_outage_SOURCES = tests/unit/test_outage.c tests/unit/outage_fixture.h
tests_unit_test_outage_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_outage_LDADD = analysis/libmbanalysis.a $(CMOCKA_LIBS)
check_PROGRAMS += tests/unit/test_outage_long
TESTS += tests/unit/test_outage_long
tests_unit_test_outage_long_SOURCES = tests/unit/test_outage_long.c tests/unit/outage_fixture.h
tests_unit_test_outage_long_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_outage_long_LDADD = analysis/libmbanalysis.a $(CMOCKA_LIBS)

tests_unit_test_units_SOURCES = tests/unit/test_units.c
tests_unit_test_units_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_units_LDADD = analysis/libmbanalysis.a $(CMOCKA_LIBS)

# Data volume: header parsing, totals, bins, throughput.
check_PROGRAMS += tests/unit/test_volume
TESTS += tests/unit/test_volume
tests_unit_test_volume_SOURCES = tests/unit/test_volume.c
tests_unit_test_volume_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_volume_LDADD = analysis/libmbanalysis.a $(CMOCKA_LIBS)
check_PROGRAMS += tests/unit/test_volume_parse
TESTS += tests/unit/test_volume_parse
tests_unit_test_volume_parse_SOURCES = tests/unit/test_volume_parse.c
tests_unit_test_volume_parse_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_volume_parse_LDADD = analysis/libmbanalysis.a $(CMOCKA_LIBS)

# gnuplot string quoting (analysis/gnuplot.c).
check_PROGRAMS += tests/unit/test_gnuplot
TESTS += tests/unit/test_gnuplot
tests_unit_test_gnuplot_SOURCES = tests/unit/test_gnuplot.c
tests_unit_test_gnuplot_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_gnuplot_LDADD = analysis/libmbanalysis.a $(CMOCKA_LIBS)

# The run plot script.
check_PROGRAMS += tests/unit/test_run_plot
TESTS += tests/unit/test_run_plot
tests_unit_test_run_plot_SOURCES = tests/unit/test_run_plot.c
tests_unit_test_run_plot_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_run_plot_LDADD = analysis/libmbanalysis.a $(CMOCKA_LIBS)

# The snapshot IO campaign's pure code (analysis/libmbsnapio.a).
snapio_unit_tests = tests/unit/test_base64 tests/unit/test_snapio_plan \
	tests/unit/test_snapio_steps tests/unit/test_manifest tests/unit/test_fio \
	tests/unit/test_snapio_plot tests/unit/test_snapio_stats
check_PROGRAMS += $(snapio_unit_tests)
TESTS += $(snapio_unit_tests)
EXTRA_DIST += tests/data/fio-4jobs.json
snapio_unit_cflags = $(AM_CFLAGS) $(CMOCKA_CFLAGS) $(JSONC_CFLAGS)
snapio_unit_ldadd = analysis/libmbsnapio.a analysis/libmbanalysis.a $(CMOCKA_LIBS) $(JSONC_LIBS) -lm
tests_unit_test_base64_SOURCES = tests/unit/test_base64.c
tests_unit_test_base64_CFLAGS = $(snapio_unit_cflags)
tests_unit_test_base64_LDADD = $(snapio_unit_ldadd)
tests_unit_test_snapio_plan_SOURCES = tests/unit/test_snapio_plan.c
tests_unit_test_snapio_plan_CFLAGS = $(snapio_unit_cflags)
tests_unit_test_snapio_plan_LDADD = $(snapio_unit_ldadd)
tests_unit_test_snapio_steps_SOURCES = tests/unit/test_snapio_steps.c
tests_unit_test_snapio_steps_CFLAGS = $(snapio_unit_cflags)
tests_unit_test_snapio_steps_LDADD = $(snapio_unit_ldadd)
tests_unit_test_manifest_SOURCES = tests/unit/test_manifest.c
tests_unit_test_manifest_CFLAGS = $(snapio_unit_cflags)
tests_unit_test_manifest_LDADD = $(snapio_unit_ldadd)
tests_unit_test_fio_SOURCES = tests/unit/test_fio.c
tests_unit_test_fio_CFLAGS = $(snapio_unit_cflags)
tests_unit_test_fio_LDADD = $(snapio_unit_ldadd)
tests_unit_test_snapio_plot_SOURCES = tests/unit/test_snapio_plot.c
tests_unit_test_snapio_plot_CFLAGS = $(snapio_unit_cflags)
tests_unit_test_snapio_plot_LDADD = $(snapio_unit_ldadd)
tests_unit_test_snapio_stats_SOURCES = tests/unit/test_snapio_stats.c
tests_unit_test_snapio_stats_CFLAGS = $(snapio_unit_cflags)
tests_unit_test_snapio_stats_LDADD = $(snapio_unit_ldadd)
# Domain, snapshot, pool and volume XML (src/snapio/domxml.c, libxml2).
check_PROGRAMS += tests/unit/test_domxml
TESTS += tests/unit/test_domxml
tests_unit_test_domxml_SOURCES = tests/unit/test_domxml.c src/snapio/domxml.c src/snapio/domxml.h
tests_unit_test_domxml_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) $(LIBXML_CFLAGS)
tests_unit_test_domxml_LDADD = $(CMOCKA_LIBS) $(LIBXML_LIBS)
# The command-line refusals and value parsers every command shares (src/common/cli.c).
check_PROGRAMS += tests/unit/test_cli
TESTS += tests/unit/test_cli
tests_unit_test_cli_SOURCES = tests/unit/test_cli.c src/common/cli.c src/common/cli.h \
	src/common/problem.c src/common/problem.h
tests_unit_test_cli_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) $(JSONC_CFLAGS)
tests_unit_test_cli_LDADD = analysis/libmbanalysis.a $(CMOCKA_LIBS) $(JSONC_LIBS)
# Ping logs read back (analysis/pingline.c, analysis/pinglog.c).
check_PROGRAMS += tests/unit/test_pinglog
TESTS += tests/unit/test_pinglog
tests_unit_test_pinglog_SOURCES = tests/unit/test_pinglog.c
tests_unit_test_pinglog_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_pinglog_LDADD = analysis/libmbanalysis.a $(CMOCKA_LIBS)
# Guest output made valid UTF-8 (analysis/utf8.c).
check_PROGRAMS += tests/unit/test_utf8
TESTS += tests/unit/test_utf8
tests_unit_test_utf8_SOURCES = tests/unit/test_utf8.c
tests_unit_test_utf8_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_utf8_LDADD = analysis/libmbanalysis.a $(CMOCKA_LIBS)
# The sample queue between the prober and its consumer (probes/sampleq.c).
check_PROGRAMS += tests/unit/test_sampleq
TESTS += tests/unit/test_sampleq
tests_unit_test_sampleq_SOURCES = tests/unit/test_sampleq.c probes/sampleq.c probes/sampleq.h \
	probes/spscq.c probes/spscq.h
tests_unit_test_sampleq_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_sampleq_LDADD = $(CMOCKA_LIBS)
# The generic SPSC ring under it and under the application probe's queue.
check_PROGRAMS += tests/unit/test_spscq
TESTS += tests/unit/test_spscq
tests_unit_test_spscq_SOURCES = tests/unit/test_spscq.c probes/spscq.c probes/spscq.h
tests_unit_test_spscq_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_spscq_LDADD = $(CMOCKA_LIBS)
# Clock offset steps, the one sleep and the masked thread start (probes/clock.c).
check_PROGRAMS += tests/unit/test_clock
TESTS += tests/unit/test_clock
tests_unit_test_clock_SOURCES = tests/unit/test_clock.c probes/clock.c probes/clock.h
tests_unit_test_clock_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_clock_LDADD = $(CMOCKA_LIBS)
# libvirt's names for lifecycle events (src/run/event_names.c; headers only).
check_PROGRAMS += tests/unit/test_event_names
TESTS += tests/unit/test_event_names
tests_unit_test_event_names_SOURCES = tests/unit/test_event_names.c src/run/event_names.c \
	src/run/event_names.h
tests_unit_test_event_names_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) $(LIBVIRT_CFLAGS)
tests_unit_test_event_names_LDADD = $(CMOCKA_LIBS)
# The prober pipeline's consumer: a dropped sample cuts the analysis.
check_PROGRAMS += tests/unit/test_probe_pipeline
TESTS += tests/unit/test_probe_pipeline
tests_unit_test_probe_pipeline_SOURCES = tests/unit/test_probe_pipeline.c \
	src/probe/probe_pipeline.c src/probe/report_outage.c src/common/outfile.c \
	src/common/signals.c src/common/json.c src/common/problem.c
tests_unit_test_probe_pipeline_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) $(JSONC_CFLAGS)
tests_unit_test_probe_pipeline_LDADD = probes/libmbprobes.a analysis/libmbanalysis.a \
	$(CMOCKA_LIBS) $(JSONC_LIBS) $(PCAP_LIBS) $(NL_LIBS) -lm
# The prober's transmit stamps to probes, and its lateness percentiles.
check_PROGRAMS += tests/unit/test_txstamp
TESTS += tests/unit/test_txstamp
tests_unit_test_txstamp_SOURCES = tests/unit/test_txstamp.c
tests_unit_test_txstamp_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_txstamp_LDADD = analysis/libmbanalysis.a $(CMOCKA_LIBS)
# A libvirt URI's host and HOST arguments resolved (src/common/hosts.c, libxml2).
check_PROGRAMS += tests/unit/test_hosts
TESTS += tests/unit/test_hosts
tests_unit_test_hosts_SOURCES = tests/unit/test_hosts.c src/common/hosts.c src/common/hosts.h
tests_unit_test_hosts_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) $(LIBXML_CFLAGS)
tests_unit_test_hosts_LDADD = $(CMOCKA_LIBS) $(LIBXML_LIBS)

# Guest workloads and the convergence audit.
check_PROGRAMS += tests/unit/test_workload tests/unit/test_convergence
TESTS += tests/unit/test_workload tests/unit/test_convergence
tests_unit_test_workload_SOURCES = tests/unit/test_workload.c
tests_unit_test_workload_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_workload_LDADD = analysis/libmbanalysis.a $(CMOCKA_LIBS)
tests_unit_test_convergence_SOURCES = tests/unit/test_convergence.c
tests_unit_test_convergence_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_convergence_LDADD = analysis/libmbanalysis.a $(CMOCKA_LIBS)
# OpenStack's records (analysis/novatime.c, novalog.c, novamig.c).
check_PROGRAMS += tests/unit/test_novalog tests/unit/test_novamig
TESTS += tests/unit/test_novalog tests/unit/test_novamig
EXTRA_DIST += tests/data/nova-compute-source.log tests/data/nova-compute-iso.log \
	tests/data/nova-migration-list.txt tests/data/openstack-server-migration-list.txt
tests_unit_test_novalog_SOURCES = tests/unit/test_novalog.c
tests_unit_test_novalog_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_novalog_LDADD = analysis/libmbanalysis.a $(CMOCKA_LIBS)
tests_unit_test_novamig_SOURCES = tests/unit/test_novamig.c
tests_unit_test_novamig_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_novamig_LDADD = analysis/libmbanalysis.a $(CMOCKA_LIBS)
# busybox ping and fping logs (analysis/pingline.c, analysis/pinglog.c).
check_PROGRAMS += tests/unit/test_pingformats
TESTS += tests/unit/test_pingformats
tests_unit_test_pingformats_SOURCES = tests/unit/test_pingformats.c
tests_unit_test_pingformats_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_pingformats_LDADD = analysis/libmbanalysis.a $(CMOCKA_LIBS)
# Drawing with gnuplot (src/common/plot.c): the configured gnuplot, here a
# stub the test writes, and a missing one.
check_PROGRAMS += tests/unit/test_plot
TESTS += tests/unit/test_plot
tests_unit_test_plot_SOURCES = tests/unit/test_plot.c src/common/plot.c src/common/plot.h \
	src/common/outfile.c src/common/outfile.h
tests_unit_test_plot_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) $(JSONC_CFLAGS) \
	-DMB_GNUPLOT='"$(abs_top_builddir)/tests/unit/test_plot-gnuplot-stub"'
tests_unit_test_plot_LDADD = $(CMOCKA_LIBS) $(JSONC_LIBS)
# The application probe's pure code: histogram, URLs, figures, ledger.
app_unit_tests = tests/unit/test_histogram tests/unit/test_url tests/unit/test_app \
	tests/unit/test_ledger tests/unit/test_httpresp
check_PROGRAMS += $(app_unit_tests)
TESTS += $(app_unit_tests)
tests_unit_test_histogram_SOURCES = tests/unit/test_histogram.c
tests_unit_test_histogram_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_histogram_LDADD = analysis/libmbanalysis.a $(CMOCKA_LIBS)
tests_unit_test_url_SOURCES = tests/unit/test_url.c
tests_unit_test_url_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_url_LDADD = analysis/libmbanalysis.a $(CMOCKA_LIBS)
tests_unit_test_app_SOURCES = tests/unit/test_app.c
tests_unit_test_app_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_app_LDADD = analysis/libmbanalysis.a $(CMOCKA_LIBS)
tests_unit_test_ledger_SOURCES = tests/unit/test_ledger.c
tests_unit_test_ledger_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_ledger_LDADD = analysis/libmbanalysis.a $(CMOCKA_LIBS)
tests_unit_test_httpresp_SOURCES = tests/unit/test_httpresp.c
tests_unit_test_httpresp_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_httpresp_LDADD = analysis/libmbanalysis.a $(CMOCKA_LIBS)
# Guest agent answers, every member checked (src/common/agent_reply.c).
check_PROGRAMS += tests/unit/test_agent_reply
TESTS += tests/unit/test_agent_reply
tests_unit_test_agent_reply_SOURCES = tests/unit/test_agent_reply.c src/common/agent_reply.c \
	src/common/agent_reply.h
tests_unit_test_agent_reply_CFLAGS = $(snapio_unit_cflags)
tests_unit_test_agent_reply_LDADD = $(snapio_unit_ldadd)
# The snapio journal's log: replay, a torn last line, damage refused
# (analysis/snapio/journal_log.c).
check_PROGRAMS += tests/unit/test_journal_log
TESTS += tests/unit/test_journal_log
tests_unit_test_journal_log_SOURCES = tests/unit/test_journal_log.c
tests_unit_test_journal_log_CFLAGS = $(snapio_unit_cflags)
tests_unit_test_journal_log_LDADD = $(snapio_unit_ldadd)
# The snapio journal on real files: appends, guest bytes, a torn last line
# (src/snapio/snapio_journal.c).
check_PROGRAMS += tests/unit/test_snapio_journal
TESTS += tests/unit/test_snapio_journal
tests_unit_test_snapio_journal_SOURCES = tests/unit/test_snapio_journal.c \
	src/snapio/snapio_journal.c src/common/json.c src/common/outfile.c probes/clock.c
tests_unit_test_snapio_journal_CFLAGS = $(snapio_unit_cflags) $(LIBVIRT_CFLAGS)
tests_unit_test_snapio_journal_LDADD = analysis/libmbsnapio.a analysis/libmbanalysis.a \
	$(CMOCKA_LIBS) $(JSONC_LIBS) -lm
# Result files and symlinks: a planted one is replaced, never written through.
check_PROGRAMS += tests/unit/test_outfile
TESTS += tests/unit/test_outfile
tests_unit_test_outfile_SOURCES = tests/unit/test_outfile.c src/common/outfile.c src/common/outfile.h
tests_unit_test_outfile_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) $(JSONC_CFLAGS)
tests_unit_test_outfile_LDADD = $(CMOCKA_LIBS) $(JSONC_LIBS)
# The gnuplot image drawn into a file of our own (src/common/plot.c; the
# real gnuplot).
check_PROGRAMS += tests/unit/test_plot_link
TESTS += tests/unit/test_plot_link
tests_unit_test_plot_link_SOURCES = tests/unit/test_plot_link.c src/common/plot.c src/common/plot.h \
	src/common/outfile.c
tests_unit_test_plot_link_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) $(JSONC_CFLAGS) -DMB_GNUPLOT='"$(GNUPLOT)"'
tests_unit_test_plot_link_LDADD = $(CMOCKA_LIBS) $(JSONC_LIBS)
# Campaign statistics and plans (analysis/stats.c, analysis/sweep.c).
check_PROGRAMS += tests/unit/test_stats tests/unit/test_sweep
TESTS += tests/unit/test_stats tests/unit/test_sweep
tests_unit_test_stats_SOURCES = tests/unit/test_stats.c
tests_unit_test_stats_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_stats_LDADD = analysis/libmbanalysis.a $(CMOCKA_LIBS) -lm
tests_unit_test_sweep_SOURCES = tests/unit/test_sweep.c
tests_unit_test_sweep_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) $(JSONC_CFLAGS)
tests_unit_test_sweep_LDADD = analysis/libmbanalysis.a $(CMOCKA_LIBS) $(JSONC_LIBS)
# A campaign's plot scripts (analysis/campaign_plot.c).
check_PROGRAMS += tests/unit/test_campaign_plot
TESTS += tests/unit/test_campaign_plot
tests_unit_test_campaign_plot_SOURCES = tests/unit/test_campaign_plot.c
tests_unit_test_campaign_plot_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_campaign_plot_LDADD = analysis/libmbanalysis.a $(CMOCKA_LIBS)

# The shell-quoting splitter of run --trigger.
check_PROGRAMS += tests/unit/test_argsplit
TESTS += tests/unit/test_argsplit
tests_unit_test_argsplit_SOURCES = tests/unit/test_argsplit.c
tests_unit_test_argsplit_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_argsplit_LDADD = analysis/libmbanalysis.a $(CMOCKA_LIBS)
check_PROGRAMS += tests/unit/test_procstat
TESTS += tests/unit/test_procstat
tests_unit_test_procstat_SOURCES = tests/unit/test_procstat.c
tests_unit_test_procstat_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_procstat_LDADD = analysis/libmbanalysis.a $(CMOCKA_LIBS)
