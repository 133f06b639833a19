# tests/e2e/faults.mk: faults in the middle of a run, in a private lab
# (root): a link cut, a libvirtd killed on either side, signals in each
# phase, a full --out directory, a guest agent that hangs in snapio.
TESTS += tests/e2e/faults.test
EXTRA_DIST += tests/e2e/faults.test
