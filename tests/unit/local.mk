# tests/unit/local.mk: cmocka unit tests of analysis/, run under the TAP driver.
check_PROGRAMS += tests/unit/test_outage tests/unit/test_units
TESTS += tests/unit/test_outage tests/unit/test_units

tests_unit_test_outage_SOURCES = tests/unit/test_outage.c
tests_unit_test_outage_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_outage_LDADD = analysis/libmbanalysis.a $(CMOCKA_LIBS)

tests_unit_test_units_SOURCES = tests/unit/test_units.c
tests_unit_test_units_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_units_LDADD = analysis/libmbanalysis.a $(CMOCKA_LIBS)

# Data volume: header parsing, totals, bins, throughput.
check_PROGRAMS += tests/unit/test_volume
TESTS += tests/unit/test_volume
tests_unit_test_volume_SOURCES = tests/unit/test_volume.c
tests_unit_test_volume_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_volume_LDADD = analysis/libmbanalysis.a $(CMOCKA_LIBS)

# The run plot script.
check_PROGRAMS += tests/unit/test_run_plot
TESTS += tests/unit/test_run_plot
tests_unit_test_run_plot_SOURCES = tests/unit/test_run_plot.c
tests_unit_test_run_plot_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_run_plot_LDADD = analysis/libmbanalysis.a $(CMOCKA_LIBS)

# The snapshot IO campaign's pure code (analysis/libmbsnapio.a).
snapio_unit_tests = tests/unit/test_base64 tests/unit/test_snapio_plan \
	tests/unit/test_snapio_steps tests/unit/test_manifest tests/unit/test_fio \
	tests/unit/test_snapio_plot
check_PROGRAMS += $(snapio_unit_tests)
TESTS += $(snapio_unit_tests)
EXTRA_DIST += tests/data/fio-4jobs.json
snapio_unit_cflags = $(AM_CFLAGS) $(CMOCKA_CFLAGS) $(JSONC_CFLAGS)
snapio_unit_ldadd = analysis/libmbsnapio.a $(CMOCKA_LIBS) $(JSONC_LIBS) -lm
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
# Domain, snapshot, pool and volume XML (src/snapio/domxml.c, libxml2).
check_PROGRAMS += tests/unit/test_domxml
TESTS += tests/unit/test_domxml
tests_unit_test_domxml_SOURCES = tests/unit/test_domxml.c src/snapio/domxml.c src/snapio/domxml.h
tests_unit_test_domxml_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) $(LIBXML_CFLAGS)
tests_unit_test_domxml_LDADD = $(CMOCKA_LIBS) $(LIBXML_LIBS)
# The command-line refusals and value parsers every command shares (src/common/cli.c).
check_PROGRAMS += tests/unit/test_cli
TESTS += tests/unit/test_cli
tests_unit_test_cli_SOURCES = tests/unit/test_cli.c src/common/cli.c src/common/cli.h
tests_unit_test_cli_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_cli_LDADD = analysis/libmbanalysis.a $(CMOCKA_LIBS)
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
tests_unit_test_sampleq_SOURCES = tests/unit/test_sampleq.c probes/sampleq.c probes/sampleq.h
tests_unit_test_sampleq_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_sampleq_LDADD = $(CMOCKA_LIBS)
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
	src/common/signals.c src/common/json.c
tests_unit_test_probe_pipeline_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) $(JSONC_CFLAGS)
tests_unit_test_probe_pipeline_LDADD = probes/libmbprobes.a analysis/libmbanalysis.a \
	$(CMOCKA_LIBS) $(JSONC_LIBS) $(PCAP_LIBS) $(NL_LIBS) -lm
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
