# tests/e2e/app.mk: the application probe (probes/app.c) end to end against
# HTTP and TCP echo servers in a private network namespace, with outages
# injected (needs root; skipped otherwise).
TESTS += tests/e2e/app-probe.test
EXTRA_DIST += tests/e2e/app-probe.test tests/helpers/app_servers.py
# migbench run --app in a private lab of its own (needs root).
TESTS += tests/e2e/run-app.test
EXTRA_DIST += tests/e2e/run-app.test

# Runs the probe and prints its figures as JSON.
check_PROGRAMS += tests/helpers/app_driver
tests_helpers_app_driver_SOURCES = tests/helpers/app_driver.c
tests_helpers_app_driver_LDADD = probes/libmbprobes.a analysis/libmbanalysis.a
