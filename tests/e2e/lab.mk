# tests/e2e/lab.mk
