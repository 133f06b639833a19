# tests/e2e/snapio.mk: migbench snapio, the snapshot IO campaign.  The
# command-line test needs nothing; the lab tests need root and bring up a
# private lab with a data disk each.
TESTS += tests/e2e/snapio-cli.test tests/e2e/snapio.test tests/e2e/snapio-resume.test
EXTRA_DIST += tests/e2e/snapio-cli.test tests/e2e/snapio.test tests/e2e/snapio-resume.test \
	tests/e2e/snapio-helpers.sh
