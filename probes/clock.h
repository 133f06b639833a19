/* The one clock of a run: int64 nanoseconds of CLOCK_MONOTONIC, with the
 * conversions every layer needs, the offset that puts kernel packet stamps
 * on it, the one way to sleep and the one way to start a worker thread.
 * Lives in probes/ because the probes use it too and src/ may depend on
 * probes/, not the other way round. */
#ifndef MB_PROBES_CLOCK_H
#define MB_PROBES_CLOCK_H

#include <pthread.h>
#include <stdbool.h>
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

/* The offset a probe thread applies to kernel stamps, re-measured every
 * MB_CLOCK_OFFSET_REFRESH_NS.  NTP slewing moves both clocks alike, so the
 * offset only changes when CLOCK_REALTIME is stepped; a refresh follows
 * such a step.  Owned by one thread. */
#define MB_CLOCK_OFFSET_REFRESH_NS MB_NS_PER_S

struct mb_clock_offset {
	int64_t offset_ns;     /* REALTIME - MONOTONIC in use */
	int64_t err_ns;        /* half-width of the first (best) bracket */
	int64_t next_check_ns; /* next re-measurement, CLOCK_MONOTONIC */
};

/* Measures now; the first re-measurement is due a period later. */
void mb_clock_offset_init(struct mb_clock_offset *o);
/* Re-measures if due at now; true if it found a step (offset updated). */
bool mb_clock_offset_refresh(struct mb_clock_offset *o, int64_t now);
/* The rule behind refresh, given one measurement off with its error err:
 * a drift beyond 1 us + 4 * (err + o->err_ns) is a step, adopted (true);
 * anything less is bracket noise and ignored (false). */
bool mb_clock_offset_update(struct mb_clock_offset *o, int64_t off, int64_t err);

/* Sleeping, the one rule for every wait of the program: a signal this
 * process handles (SIGINT, SIGTERM: src/common/signals.h installs them
 * without SA_RESTART) ends the sleep early, and the sleep is not resumed,
 * so the caller polls mb_signal_pending() next and stops promptly.  Every
 * loop that sleeps checks the flag after each sleep.  Both return false
 * if a signal ended the sleep, true if the time was reached. */
bool mb_sleep_until_ns(int64_t deadline_ns); /* CLOCK_MONOTONIC instant */
bool mb_sleep_ns(int64_t ns);                /* ns <= 0: no sleep */

/* pthread_create with every signal blocked in the new thread (the mask
 * is inherited), so signals reach only the caller's threads, which poll
 * the flag.  0 or pthread_create's error number. */
int mb_thread_start(pthread_t *thread, void *(*fn)(void *), void *arg);

#endif
