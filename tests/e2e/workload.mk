# Guest workloads, the convergence audit and the migration knobs, seen by
# their effects (root: a private lab of its own).
TESTS += tests/e2e/workload.test
EXTRA_DIST += tests/e2e/workload.test
# --copy-storage all|inc with --dst-xml, in a lab whose guest has a data
# disk (a plain migration of that guest is refused: its own lab).
TESTS += tests/e2e/copystorage.test
EXTRA_DIST += tests/e2e/copystorage.test
