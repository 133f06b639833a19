# probes/: things that watch from outside; probes/guest/: programs for the lab guest.

# The ICMP downtime prober, its sample queue (over the generic SPSC ring) and the clock helpers that src/
# shares (used by probe and run).
noinst_LIBRARIES += probes/libmbprobes.a
probes_libmbprobes_a_SOURCES = \
	probes/clock.c probes/clock.h probes/icmp.c probes/icmp.h \
	probes/cpulatency.c probes/cpulatency.h probes/steal.c probes/steal.h \
	probes/icmp_socket.c probes/icmp_socket.h \
	probes/sampleq.c probes/sampleq.h probes/spscq.c probes/spscq.h
# The data-volume probe: libpcap capture and libnl-route interface lookups.
probes_libmbprobes_a_SOURCES += \
	probes/capture.c probes/capture.h \
	probes/announce.c probes/announce.h \
	probes/netlink.c probes/netlink.h
# The open-loop application probe (HTTP or TCP echo) and its record queue.
probes_libmbprobes_a_SOURCES += probes/app.c probes/app.h probes/appq.c probes/appq.h
probes_libmbprobes_a_CPPFLAGS = $(AM_CPPFLAGS) $(PCAP_CFLAGS) $(NL_CFLAGS)

# The lab guest's memory dirtier: static, so it runs in the busybox
# initramfs; no AM_CFLAGS/AM_LDFLAGS because sanitizers cannot link -static.
pkglibexec_PROGRAMS += probes/guest/migbench-dirtier
probes_guest_migbench_dirtier_SOURCES = probes/guest/dirtier.c
probes_guest_migbench_dirtier_CFLAGS = $(WARN_CFLAGS)
probes_guest_migbench_dirtier_LDFLAGS = -static
