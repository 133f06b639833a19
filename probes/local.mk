# probes/: things that watch from outside; probes/guest/: programs for the lab guest.

# The ICMP downtime prober and its sample queue (used by probe and run).
noinst_LIBRARIES += probes/libmbprobes.a
probes_libmbprobes_a_SOURCES = \
	probes/icmp.c probes/icmp.h \
	probes/sampleq.c probes/sampleq.h
