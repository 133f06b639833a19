# tests/e2e/probe.mk
