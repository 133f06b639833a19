# The built-in lab's own tests (need root; they bring up a private lab).
TESTS += tests/e2e/lab-cli.test tests/e2e/lab.test
EXTRA_DIST += tests/e2e/tap.sh tests/e2e/lab-helpers.sh tests/e2e/lab-cli.test tests/e2e/lab.test
