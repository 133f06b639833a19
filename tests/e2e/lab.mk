# The built-in lab and migbench run against it (the lab tests need root;
# each brings up a private lab instance of its own).
TESTS += tests/e2e/lab-cli.test tests/e2e/run-cli.test tests/e2e/lab.test tests/e2e/run.test
# Least privilege and valgrind memcheck on real migrations (privs-lab.test).
TESTS += tests/e2e/privs-lab.test
EXTRA_DIST += tests/e2e/privs-lab.test
# Campaigns: a sweep, its summary and plots, migbench report, kill and resume.
TESTS += tests/e2e/campaign.test
EXTRA_DIST += tests/e2e/campaign.test
EXTRA_DIST += tests/e2e/tap.sh tests/e2e/lab-helpers.sh tests/e2e/lab-cli.test \
	tests/e2e/run-cli.test tests/e2e/lab.test tests/e2e/run.test
