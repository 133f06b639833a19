# tests/e2e/watch.mk: the command lines of watch and run --trigger
# (watch-cli.test); migbench watch and run --trigger in their own lab:
# migrations started by virsh from another process, or by the trigger
# program, measured as run measures its own (needs root).
TESTS += tests/e2e/watch-cli.test tests/e2e/watch.test
EXTRA_DIST += tests/e2e/watch-cli.test tests/e2e/watch.test
