/* The one clock of a run: int64 nanoseconds of CLOCK_MONOTONIC, with the
 * conversions every layer needs.  Lives in probes/ because the prober uses
 * it too and src/ may depend on probes/, not the other way round. */
#ifndef MB_PROBES_CLOCK_H
#define MB_PROBES_CLOCK_H

#include <stdint.h>
#include <time.h>

#define MB_NS_PER_S 1000000000LL

static inline int64_t mb_ts_ns(const struct timespec *ts)
{
	return (int64_t)ts->tv_sec * MB_NS_PER_S + ts->tv_nsec;
}

/* ns >= 0: a duration or a CLOCK_MONOTONIC instant. */
static inline struct timespec mb_ns_ts(int64_t ns)
{
	struct timespec ts = { .tv_sec = ns / MB_NS_PER_S, .tv_nsec = ns % MB_NS_PER_S };

	return ts;
}

static inline int64_t mb_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return mb_ts_ns(&ts);
}

static inline int64_t mb_realtime_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return mb_ts_ns(&ts);
}

/* CLOCK_REALTIME - CLOCK_MONOTONIC, from the tightest of several
 * back-to-back brackets; *err_ns gets the half-width of that bracket.
 * Kernel packet stamps are REALTIME: subtract this to put them on the
 * run's clock. */
int64_t mb_clock_realtime_offset(int64_t *err_ns);

#endif
