/* A PM QoS CPU latency request held while probing.
 *
 * An idle CPU sleeps in a C-state, and on a virtual machine in HLT, after
 * which the hypervisor must schedule the vCPU again before the prober's
 * timer runs: on the lab machine (a VM with the haltpoll cpuidle driver)
 * that moved 1 ms probes by 1.5-21 ms dozens of times a second even at
 * SCHED_FIFO, and a gap that falls on an outage's end widens its window.
 * Writing 0 to /dev/cpu_dma_latency and keeping the file open asks the
 * kernel to use only idle states that wake at once (polling) until it is
 * closed (the kernel's pm_qos_interface documentation; cyclictest does the
 * same).  The cost is power: idle CPUs poll.
 *
 * The file is root's: open it before dropping privileges. */
#ifndef MB_PROBES_CPULATENCY_H
#define MB_PROBES_CPULATENCY_H

#include <stdbool.h>

#define MB_CPU_LATENCY_DEV "/dev/cpu_dma_latency"

struct mb_cpu_latency {
	int fd;      /* held open while the request stands, else -1 */
	int err;     /* why it could not be held (errno), 0 if held or not asked */
	bool held;   /* the request was made (still true once released) */
};

/* Requests a CPU wake-up latency of at most max_us microseconds for as long
 * as the request is held.  Never fails the caller: a refusal (no such
 * file, not root) is kept in c->err for the report. */
void mb_cpu_latency_hold(struct mb_cpu_latency *c, int max_us);

/* Withdraws the request; safe on one never held. */
void mb_cpu_latency_release(struct mb_cpu_latency *c);

#endif
