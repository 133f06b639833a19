/* Least privilege: once the ICMP socket and the captures are open, nothing
 * migbench still does needs CAP_NET_RAW or any other capability but the
 * few named by the caller.  Linux capabilities belong to a thread and pass
 * to the threads it creates, so this runs before any thread starts (the
 * prober, the capture, run's libvirt event loop and migration). */
#ifndef MB_PRIVS_H
#define MB_PRIVS_H

#include <stddef.h>

/* What to keep beside CAP_DAC_OVERRIDE (always kept, if held: root needs
 * it for result files in another user's directory). */
enum {
	MB_PRIVS_KEEP_NICE = 1,    /* CAP_SYS_NICE: the prober thread's SCHED_FIFO */
	MB_PRIVS_KEEP_NET_RAW = 2, /* CAP_NET_RAW: a later run (campaign, watch
				    * --count) opens its sockets again */
};

/* Drops every capability from this thread's effective, permitted and
 * inheritable sets (and so the ambient set) and from the bounding set
 * (programs run later, gnuplot, ssh or a --trigger, get none) but
 * CAP_DAC_OVERRIDE and those in keep (MB_PRIVS_KEEP_*), each only if held.
 * Nothing to do without capabilities.  0, or -1 with the reason in err. */
int mb_privs_drop(unsigned keep, char *err, size_t errlen);

#endif
