# Guest workloads, the convergence audit and the migration knobs, seen by
# their effects (root: a private lab of its own).
TESTS += tests/e2e/workload.test
EXTRA_DIST += tests/e2e/workload.test
