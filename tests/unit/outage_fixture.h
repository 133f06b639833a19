/* What the unit tests of analysis/outage.c share (test_outage.c and
 * test_outage_long.c): time units, a 10 ms analyzer, and probe series
 * builders.  Include after cmocka.h.  Times are in ns; the series start at
 * T0 so that no probe is sent at time 0. */
#ifndef MB_TESTS_OUTAGE_FIXTURE_H
#define MB_TESTS_OUTAGE_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analysis/outage.h"

#define US INT64_C(1000)
#define MS INT64_C(1000000)
#define SEC INT64_C(1000000000)
#define T0 (5 * SEC)
#define LOST INT64_MIN /* rtt marker: no reply at all */

static const struct mb_outage_config cfg_10ms = {
	.interval_ns = 10 * MS, .late_after_ns = 100 * MS, .lost_after_ns = SEC,
};

static inline struct mb_outage *new_analyzer(const struct mb_outage_config *cfg)
{
	struct mb_outage *a = mb_outage_new(cfg);

	assert_non_null(a);
	return a;
}

/* Probe seq sent at sent, answered rtt later (LOST: never answered). */
static inline struct mb_probe_sample probe(uint64_t seq, int64_t sent, int64_t rtt)
{
	struct mb_probe_sample s = {
		.seq = seq, .sent_ns = sent,
		.recv_ns = rtt == LOST ? -1 : sent + rtt,
		.replies = rtt == LOST ? 0 : 1,
	};
	return s;
}

static inline void add_ok(struct mb_outage *a, struct mb_probe_sample s)
{
	assert_int_equal(mb_outage_add(a, &s), 0);
}

/* n probes seq0.. at T0 + i * 10 ms with rtt(i) from the table or fixed. */
static inline void feed(struct mb_outage *a, uint64_t seq0, size_t from, size_t n,
			const int64_t *rtt, int64_t fixed_rtt)
{
	for (size_t i = from; i < from + n; i++)
		add_ok(a, probe(seq0 + i, T0 + (int64_t)i * 10 * MS,
				rtt ? rtt[i] : fixed_rtt));
}

/* Fixed rtt of 1 ms except for the lost runs [lo, hi). */
static inline void feed_with_losses(struct mb_outage *a, size_t n,
				    const size_t (*runs)[2], size_t n_runs)
{
	for (size_t i = 0; i < n; i++) {
		int64_t rtt = MS;

		for (size_t r = 0; r < n_runs; r++)
			if (i >= runs[r][0] && i < runs[r][1])
				rtt = LOST;
		add_ok(a, probe(i, T0 + (int64_t)i * 10 * MS, rtt));
	}
}

static inline void assert_window(const struct mb_outage_window *w, uint64_t first,
				 uint64_t last, int64_t start, int64_t end,
				 int64_t estimate, int64_t lower, int64_t upper,
				 bool open_start, bool open_end)
{
	assert_int_equal(w->first_seq, first);
	assert_int_equal(w->last_seq, last);
	assert_int_equal(w->lost, last - first + 1);
	assert_int_equal(w->start_ns, start);
	assert_int_equal(w->end_ns, end);
	assert_int_equal(w->estimate_ns, estimate);
	assert_int_equal(w->lower_ns, lower);
	assert_int_equal(w->upper_ns, upper);
	assert_int_equal(w->open_start, open_start);
	assert_int_equal(w->open_end, open_end);
}

#endif
