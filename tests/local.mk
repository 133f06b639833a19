include $(srcdir)/tests/unit/local.mk
include $(srcdir)/tests/e2e/lab.mk
include $(srcdir)/tests/e2e/probe.mk
include $(srcdir)/tests/e2e/capture.mk
include $(srcdir)/tests/e2e/workload.mk
include $(srcdir)/tests/e2e/pinglog.mk
include $(srcdir)/tests/e2e/snapio.mk
