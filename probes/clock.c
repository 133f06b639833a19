#include "config.h"

#include "probes/clock.h"

#include <errno.h>
#include <signal.h>

int64_t mb_clock_realtime_offset(int64_t *err_ns)
{
	int64_t best_span = INT64_MAX, offset = 0;

	for (int k = 0; k < 9; k++) {
		int64_t m1 = mb_now_ns();
		int64_t r = mb_realtime_ns();
		int64_t m2 = mb_now_ns();

		if (m2 - m1 < best_span) {
			best_span = m2 - m1;
			offset = r - (m1 + (m2 - m1) / 2);
		}
	}
	*err_ns = (best_span + 1) / 2;
	return offset;
}

/* ---- the offset of kernel stamps ------------------------------------- */

void mb_clock_offset_init(struct mb_clock_offset *o)
{
	o->offset_ns = mb_clock_realtime_offset(&o->err_ns);
	o->next_check_ns = mb_now_ns() + MB_CLOCK_OFFSET_REFRESH_NS;
}

bool mb_clock_offset_update(struct mb_clock_offset *o, int64_t off, int64_t err)
{
	int64_t drift = off > o->offset_ns ? off - o->offset_ns : o->offset_ns - off;

	/* Bracket noise is tens of ns; anything well beyond is a step. */
	if (drift <= 1000 + 4 * (err + o->err_ns))
		return false;
	o->offset_ns = off;
	return true;
}

bool mb_clock_offset_refresh(struct mb_clock_offset *o, int64_t now)
{
	int64_t err, off;

	if (now < o->next_check_ns)
		return false;
	o->next_check_ns = now + MB_CLOCK_OFFSET_REFRESH_NS;
	off = mb_clock_realtime_offset(&err);
	return mb_clock_offset_update(o, off, err);
}

/* ---- sleeping ---------------------------------------------------------- */

bool mb_sleep_until_ns(int64_t deadline_ns)
{
	struct timespec ts = mb_ns_ts(deadline_ns > 0 ? deadline_ns : 0);

	/* No EINTR retry, on purpose: see clock.h. */
	return clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) != EINTR;
}

bool mb_sleep_ns(int64_t ns)
{
	return ns <= 0 || mb_sleep_until_ns(mb_now_ns() + ns);
}

/* ---- threads ------------------------------------------------------------ */

int mb_thread_start(pthread_t *thread, void *(*fn)(void *), void *arg)
{
	sigset_t all, old;
	int rc;

	/* The new thread inherits the mask: signals go to the caller's
	 * threads, whose loops poll the flag, never to a worker. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(thread, NULL, fn, arg);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}
