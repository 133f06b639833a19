# tests/e2e/probe.mk: the ICMP prober and `migbench probe`, end to end,
# against a private network namespace (needs root; skipped otherwise).
TESTS += tests/e2e/probe-cli.test tests/e2e/probe-replies.test \
	tests/e2e/probe-accuracy.test tests/e2e/privs.test
# (tests/e2e/tap.sh, which they share with the lab tests, is in lab.mk.)
EXTRA_DIST += tests/e2e/probe-cli.test tests/e2e/probe-replies.test \
	tests/e2e/probe-accuracy.test tests/e2e/privs.test tests/helpers/netns.sh \
	tests/helpers/echo_responder.py

# Cuts a link for exact, recorded lengths of time (libnl-route).
check_PROGRAMS += tests/helpers/outage_inject
tests_helpers_outage_inject_SOURCES = tests/helpers/outage_inject.c
tests_helpers_outage_inject_CFLAGS = $(AM_CFLAGS) $(NL_CFLAGS)
tests_helpers_outage_inject_LDADD = $(NL_LIBS)
