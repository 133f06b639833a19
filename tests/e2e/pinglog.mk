# tests/e2e/pinglog.mk: migbench analyze --ping-log on saved ping logs: the
# lab's real `ping -i 0.002` log of a migration and a synthetic ping -D log
# across the icmp_seq wrap, and the refusals (no privileges needed).
TESTS += tests/e2e/pinglog.test
EXTRA_DIST += tests/e2e/pinglog.test \
	tests/data/ping-lab-2ms.log tests/data/ping-wrap-D.log
