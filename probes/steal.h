/* The machine's steal time so far: how long the hypervisor ran something
 * else while this VM's CPUs had work, summed over the CPUs (/proc/stat).
 * A prober held off for milliseconds at SCHED_FIFO on a VM is, as a rule,
 * a vCPU the host did not run; the difference over a run says so. */
#ifndef MB_PROBES_STEAL_H
#define MB_PROBES_STEAL_H

#include <stdint.h>

/* Nanoseconds, or -1 where the kernel does not say (no /proc, no steal
 * column). */
int64_t mb_steal_ns(void);

#endif
