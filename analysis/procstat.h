/* The steal time in a /proc/stat "cpu" line: how long the hypervisor ran
 * something else while this (virtual) machine's CPUs had work, summed over
 * the CPUs, in USER_HZ ticks (proc(5): the 8th value, since Linux 2.6.11).
 * Pure: the caller reads the file.  Nothing in the line is trusted: a
 * missing, negative or overflowing field is refused. */
#ifndef MB_ANALYSIS_PROCSTAT_H
#define MB_ANALYSIS_PROCSTAT_H

#include <stdint.h>

/* 0 and *ticks, or -1 if line is not an aggregate "cpu " line with at
 * least eight values. */
int mb_procstat_steal(const char *line, uint64_t *ticks);

#endif
