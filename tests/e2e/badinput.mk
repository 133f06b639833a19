# tests/e2e/badinput.mk: the table of invocations that must fail (one line
# on stderr, the documented status), and the man pages' EXIT STATUS
# sections against the code.  No privileges, no lab.
TESTS += tests/e2e/badinput.test tests/e2e/exitstatus.test
EXTRA_DIST += tests/e2e/badinput.test tests/e2e/badinput.tsv tests/e2e/exitstatus.test
