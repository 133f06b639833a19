# src/: the command line and orchestration, one folder per mode; each
# folder's local.mk adds its sources to the one program.
bin_PROGRAMS += src/migbench
src_migbench_SOURCES = src/main.c src/commands.c src/commands.h
src_migbench_CFLAGS = $(AM_CFLAGS) $(LIBVIRT_CFLAGS) $(LIBVIRT_QEMU_CFLAGS) $(PCAP_CFLAGS) \
	$(NL_CFLAGS) $(JSONC_CFLAGS) $(LIBXML_CFLAGS) $(CAPNG_CFLAGS) -DMB_GNUPLOT='"$(GNUPLOT)"'
src_migbench_LDADD = probes/libmbprobes.a analysis/libmbsnapio.a analysis/libmbanalysis.a \
	$(LIBVIRT_QEMU_LIBS) $(LIBVIRT_LIBS) $(PCAP_LIBS) $(NL_LIBS) $(JSONC_LIBS) $(LIBXML_LIBS) $(CAPNG_LIBS) -lm

include $(srcdir)/src/common/local.mk
include $(srcdir)/src/probe/local.mk
include $(srcdir)/src/analyze/local.mk
include $(srcdir)/src/run/local.mk
include $(srcdir)/src/snapio/local.mk
include $(srcdir)/src/report/local.mk
