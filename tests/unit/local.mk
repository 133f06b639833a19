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
