# tests/e2e/pinglog.mk: migbench analyze --ping-log on saved ping logs: the
# lab's real `ping -i 0.002` log of a migration, a synthetic ping -D log
# across the icmp_seq wrap, real iputils, busybox and fping logs made with
# loss, and the refusals (no privileges needed).
TESTS += tests/e2e/pinglog.test
EXTRA_DIST += tests/e2e/pinglog.test \
	tests/data/ping-lab-2ms.log tests/data/ping-wrap-D.log \
	tests/data/ping-iputils-10ms.log tests/data/ping-iputils-D-10ms.log \
	tests/data/ping-busybox-10ms.log tests/data/ping-fping-lD-10ms.log \
	tests/data/ping-fping-C-10ms.log tests/data/ping-fping-Cq-10ms.log
