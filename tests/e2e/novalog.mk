# tests/e2e/novalog.mk: migbench analyze --nova-log / --nova-migrations on
# the committed nova-compute log and migration tables (tests/data/), and
# the refusals (no privileges needed).
TESTS += tests/e2e/novalog.test
EXTRA_DIST += tests/e2e/novalog.test
