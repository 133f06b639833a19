/* Least privilege: once the ICMP socket and the capture are open, nothing
 * migbench still does needs CAP_NET_RAW or any other capability but the
 * few named by the caller.  Linux capabilities belong to a thread and pass
 * to the threads it creates, so this runs before the prober or capture
 * thread starts. */
#ifndef MB_PRIVS_H
#define MB_PRIVS_H

#include <stdbool.h>
#include <stddef.h>

/* Drops every capability from this thread's effective and permitted sets
 * and from the bounding set (programs run later, gnuplot and ssh, get
 * none) but CAP_DAC_OVERRIDE, which root needs for result files in
 * another user's directory, and with realtime CAP_SYS_NICE, for the
 * prober thread's SCHED_FIFO; each only if held.  Nothing to do without
 * capabilities.  0, or -1 with the reason in err. */
int mb_privs_drop(bool realtime, char *err, size_t errlen);

#endif
