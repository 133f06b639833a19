/* Unit tests of analysis/outage.c on synthetic probe series.
 *
 * Every figure is asserted exactly; the expected values are worked out in
 * the comments.  Times are in ns; the series start at T0 so that no probe
 * is sent at time 0. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "analysis/outage.h"

#define US INT64_C(1000)
#define MS INT64_C(1000000)
#define SEC INT64_C(1000000000)
#define T0 (5 * SEC)
#define LOST INT64_MIN /* rtt marker: no reply at all */

static const struct mb_outage_config cfg_10ms = {
	.interval_ns = 10 * MS, .late_after_ns = 100 * MS, .lost_after_ns = SEC,
};

static struct mb_outage *new_analyzer(const struct mb_outage_config *cfg)
{
	struct mb_outage *a = mb_outage_new(cfg);

	assert_non_null(a);
	return a;
}

/* Probe seq sent at sent, answered rtt later (LOST: never answered). */
static struct mb_probe_sample probe(uint64_t seq, int64_t sent, int64_t rtt)
{
	struct mb_probe_sample s = {
		.seq = seq, .sent_ns = sent,
		.recv_ns = rtt == LOST ? -1 : sent + rtt,
		.replies = rtt == LOST ? 0 : 1,
	};
	return s;
}

static void add_ok(struct mb_outage *a, struct mb_probe_sample s)
{
	assert_int_equal(mb_outage_add(a, &s), 0);
}

/* n probes seq0.. at T0 + i * 10 ms with rtt(i) from the table or fixed. */
static void feed(struct mb_outage *a, uint64_t seq0, size_t from, size_t n,
		 const int64_t *rtt, int64_t fixed_rtt)
{
	for (size_t i = from; i < from + n; i++)
		add_ok(a, probe(seq0 + i, T0 + (int64_t)i * 10 * MS,
				rtt ? rtt[i] : fixed_rtt));
}

/* Fixed rtt of 1 ms except for the lost runs [lo, hi). */
static void feed_with_losses(struct mb_outage *a, size_t n,
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

static void assert_window(const struct mb_outage_window *w, uint64_t first,
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

/* ---- basic series ----------------------------------------------------- */

static void empty_series(void **state)
{
	struct mb_outage *a = new_analyzer(&cfg_10ms);
	struct mb_outage_result r;

	(void)state;
	mb_outage_result(a, &r);
	assert_int_equal(r.sent, 0);
	assert_int_equal(r.lost, 0);
	assert_int_equal(r.n_windows, 0);
	assert_int_equal(r.downtime_ns, 0);
	assert_int_equal(r.seed_method2_ns, 0);
	assert_int_equal(r.max_response_gap_ns, 0);
	assert_int_equal(r.rtt_mean_ns, 0);
	assert_int_equal(r.resolution_ns, 10 * MS);
	mb_outage_free(a);
}

/* 100 probes, rtt 1000 + (i % 5) * 10 us: mean 1020 us; consecutive
 * arrivals differ by 10 ms + 10 us at most. */
static void no_loss(void **state)
{
	struct mb_outage *a = new_analyzer(&cfg_10ms);
	struct mb_outage_result r;
	int64_t rtt[100];

	(void)state;
	for (size_t i = 0; i < 100; i++)
		rtt[i] = 1000 * US + (int64_t)(i % 5) * 10 * US;
	feed(a, 0, 0, 100, rtt, 0);
	mb_outage_result(a, &r);
	assert_int_equal(r.sent, 100);
	assert_int_equal(r.answered, 100);
	assert_int_equal(r.lost, 0);
	assert_int_equal(r.late, 0);
	assert_int_equal(r.duplicates, 0);
	assert_int_equal(r.reordered, 0);
	assert_int_equal(r.first_sent_ns, T0);
	assert_int_equal(r.last_sent_ns, T0 + 990 * MS);
	assert_int_equal(r.n_windows, 0);
	assert_int_equal(r.downtime_ns, 0);
	assert_int_equal(r.resolution_ns, 10 * MS);
	assert_int_equal(r.seed_method1_ns, 0);
	assert_int_equal(r.seed_method2_ns, 0);
	assert_int_equal(r.max_response_gap_ns, 10 * MS + 10 * US);
	assert_int_equal(r.rtt_min_ns, 1000 * US);
	assert_int_equal(r.rtt_max_ns, 1040 * US);
	assert_int_equal(r.rtt_mean_ns, 1020 * US);
	mb_outage_free(a);
}

/* Probes 40..49 of 100 lost: estimate s50 - s40 = 100 ms, bounds
 * [90 ms, s50 - s39 = 110 ms]; method 1 = 10 * 10 ms; method 2 =
 * 990 ms * 10 / 100 = 99 ms; the replies around it are 110 ms apart. */
static void one_window(void **state)
{
	static const size_t runs[][2] = { { 40, 50 } };
	struct mb_outage *a = new_analyzer(&cfg_10ms);
	struct mb_outage_result r;

	(void)state;
	feed_with_losses(a, 100, runs, 1);
	mb_outage_result(a, &r);
	assert_int_equal(r.sent, 100);
	assert_int_equal(r.answered, 90);
	assert_int_equal(r.lost, 10);
	assert_int_equal(r.n_windows, 1);
	assert_window(&r.windows[0], 40, 49, T0 + 400 * MS, T0 + 500 * MS,
		      100 * MS, 90 * MS, 110 * MS, false, false);
	assert_int_equal(r.downtime_ns, 100 * MS);
	assert_int_equal(r.seed_method1_ns, 100 * MS);
	assert_int_equal(r.seed_method2_ns, 99 * MS);
	assert_int_equal(r.max_response_gap_ns, 110 * MS);
	assert_int_equal(r.rtt_min_ns, MS);
	assert_int_equal(r.rtt_max_ns, MS);
	assert_int_equal(r.rtt_mean_ns, MS);
	mb_outage_free(a);
}

/* Runs 10..12, 50 and 100..149 of 200: estimates 30, 10 and 500 ms;
 * method 2 = 1990 ms * 54 / 200 = 537.3 ms. */
static void several_windows(void **state)
{
	static const size_t runs[][2] = { { 10, 13 }, { 50, 51 }, { 100, 150 } };
	struct mb_outage *a = new_analyzer(&cfg_10ms);
	struct mb_outage_result r;

	(void)state;
	feed_with_losses(a, 200, runs, 3);
	mb_outage_result(a, &r);
	assert_int_equal(r.lost, 54);
	assert_int_equal(r.n_windows, 3);
	assert_window(&r.windows[0], 10, 12, T0 + 100 * MS, T0 + 130 * MS,
		      30 * MS, 20 * MS, 40 * MS, false, false);
	assert_window(&r.windows[1], 50, 50, T0 + 500 * MS, T0 + 510 * MS,
		      10 * MS, 0, 20 * MS, false, false);
	assert_window(&r.windows[2], 100, 149, T0 + 1000 * MS, T0 + 1500 * MS,
		      500 * MS, 490 * MS, 510 * MS, false, false);
	assert_int_equal(r.downtime_ns, 540 * MS);
	assert_int_equal(r.seed_method1_ns, 540 * MS);
	assert_int_equal(r.seed_method2_ns, 537300 * US);
	assert_int_equal(r.max_response_gap_ns, 510 * MS);
	mb_outage_free(a);
}

/* Probes 0..4 of 20 lost: no s_{-1}, so the upper bound uses
 * s0 - interval: s5 - (s0 - 10 ms) = 60 ms. */
static void loss_at_first_probe(void **state)
{
	static const size_t runs[][2] = { { 0, 5 } };
	struct mb_outage *a = new_analyzer(&cfg_10ms);
	struct mb_outage_result r;

	(void)state;
	feed_with_losses(a, 20, runs, 1);
	mb_outage_result(a, &r);
	assert_int_equal(r.n_windows, 1);
	assert_window(&r.windows[0], 0, 4, T0, T0 + 50 * MS, 50 * MS, 40 * MS,
		      60 * MS, true, false);
	assert_int_equal(r.downtime_ns, 50 * MS);
	assert_int_equal(r.rtt_min_ns, MS);
	mb_outage_free(a);
}

/* Probes 15..19 of 20 lost: reported with the nominal end s19 + 10 ms;
 * then probe 20 is lost too and probe 21, sent 3 ms late, closes it. */
static void loss_at_last_probe(void **state)
{
	static const size_t runs[][2] = { { 15, 20 } };
	struct mb_outage *a = new_analyzer(&cfg_10ms);
	struct mb_outage_result r;

	(void)state;
	feed_with_losses(a, 20, runs, 1);
	mb_outage_result(a, &r);
	assert_int_equal(r.lost, 5);
	assert_int_equal(r.n_windows, 1);
	assert_window(&r.windows[0], 15, 19, T0 + 150 * MS, T0 + 200 * MS,
		      50 * MS, 40 * MS, 60 * MS, false, true);
	assert_int_equal(r.downtime_ns, 50 * MS);

	/* Asking again changes nothing. */
	mb_outage_result(a, &r);
	assert_int_equal(r.n_windows, 1);
	assert_int_equal(r.windows[0].estimate_ns, 50 * MS);

	add_ok(a, probe(20, T0 + 200 * MS, LOST));
	mb_outage_result(a, &r);
	assert_int_equal(r.lost, 6);
	assert_int_equal(r.n_windows, 1);
	assert_window(&r.windows[0], 15, 20, T0 + 150 * MS, T0 + 210 * MS,
		      60 * MS, 50 * MS, 70 * MS, false, true);

	add_ok(a, probe(21, T0 + 213 * MS, MS));
	mb_outage_result(a, &r);
	assert_int_equal(r.sent, 22);
	assert_int_equal(r.lost, 6);
	assert_int_equal(r.n_windows, 1);
	/* s21 came 3 ms late: the lower bound is s20 - s15, not 63 - 10. */
	assert_window(&r.windows[0], 15, 20, T0 + 150 * MS, T0 + 213 * MS,
		      63 * MS, 50 * MS, 73 * MS, false, false);
	assert_int_equal(r.downtime_ns, 63 * MS);
	/* Arrivals s14 + 1 ms and s21 + 1 ms. */
	assert_int_equal(r.max_response_gap_ns, 73 * MS);
	mb_outage_free(a);
}

/* Every probe lost: both edges unknown, no reply, no rtt. */
static void all_lost(void **state)
{
	static const size_t runs[][2] = { { 0, 5 } };
	struct mb_outage *a = new_analyzer(&cfg_10ms);
	struct mb_outage_result r;

	(void)state;
	feed_with_losses(a, 5, runs, 1);
	mb_outage_result(a, &r);
	assert_int_equal(r.answered, 0);
	assert_int_equal(r.lost, 5);
	assert_int_equal(r.n_windows, 1);
	assert_window(&r.windows[0], 0, 4, T0, T0 + 50 * MS, 50 * MS, 40 * MS,
		      60 * MS, true, true);
	assert_int_equal(r.seed_method1_ns, 50 * MS);
	assert_int_equal(r.seed_method2_ns, 40 * MS); /* 40 ms * 5 / 5 */
	assert_int_equal(r.max_response_gap_ns, 0);
	assert_int_equal(r.rtt_min_ns, 0);
	assert_int_equal(r.rtt_max_ns, 0);
	assert_int_equal(r.rtt_mean_ns, 0);
	mb_outage_free(a);
}

/* ---- late, duplicate and reordered replies ---------------------------- */

/* late_after 100 ms, lost_after 1 s.  Probe 1 at exactly 100 ms is not
 * late, probe 2 at 100 ms + 1 ns is, probe 3 at exactly 1 s is late but
 * not lost, probe 4 at 1 s + 1 ns is lost (a one-probe window). */
static void late_replies(void **state)
{
	int64_t rtt[200];
	struct mb_outage *a = new_analyzer(&cfg_10ms);
	struct mb_outage_result r;

	(void)state;
	for (size_t i = 0; i < 200; i++)
		rtt[i] = MS;
	rtt[1] = 100 * MS;
	rtt[2] = 100 * MS + 1;
	rtt[3] = SEC;
	rtt[4] = SEC + 1;
	feed(a, 0, 0, 200, rtt, 0);
	mb_outage_result(a, &r);
	assert_int_equal(r.sent, 200);
	assert_int_equal(r.answered, 199);
	assert_int_equal(r.late, 2);
	assert_int_equal(r.lost, 1);
	assert_int_equal(r.n_windows, 1);
	assert_window(&r.windows[0], 4, 4, T0 + 40 * MS, T0 + 50 * MS, 10 * MS,
		      0, 20 * MS, false, false);
	assert_int_equal(r.rtt_min_ns, MS);
	assert_int_equal(r.rtt_max_ns, SEC);
	/* (196 * 1 ms + 100 ms + 100 ms + 1 ns + 1 s) / 199 */
	assert_int_equal(r.rtt_mean_ns, (196 * MS + 1200 * MS + 1) / 199);
	/* In arrival order: s0 + 1 ms, then s5 + 1 ms = s0 + 51 ms (the
	 * largest gap, 50 ms), then 10 ms steps with probes 1 and 2 slotted
	 * in, probe 3 at s0 + 1030 ms between probes 102 and 103. */
	assert_int_equal(r.max_response_gap_ns, 50 * MS);
	/* Probes 5..102 arrive before probe 3's reply: 98 overtakers. */
	assert_int_equal(r.reordered, 98);
	mb_outage_free(a);
}

/* Duplicates count the extra replies, even of a probe answered too late. */
static void duplicates(void **state)
{
	struct mb_outage *a = new_analyzer(&cfg_10ms);
	struct mb_outage_result r;
	struct mb_probe_sample s;

	(void)state;
	feed(a, 0, 0, 3, NULL, MS);
	s = probe(3, T0 + 30 * MS, MS);
	s.replies = 2;
	add_ok(a, s);
	s = probe(4, T0 + 40 * MS, 2 * MS);
	s.replies = 3;
	add_ok(a, s);
	s = probe(5, T0 + 50 * MS, SEC + 1);
	s.replies = 2;
	add_ok(a, s);
	feed(a, 0, 6, 4, NULL, MS);
	mb_outage_result(a, &r);
	assert_int_equal(r.sent, 10);
	assert_int_equal(r.answered, 9);
	assert_int_equal(r.lost, 1);
	assert_int_equal(r.duplicates, 1 + 2 + 1);
	assert_int_equal(r.reordered, 0);
	assert_int_equal(r.rtt_max_ns, 2 * MS);
	mb_outage_free(a);
}

/* Sent at 0, 10, 20, 30, 40 ms; answered at 1, 35, 21, 31, 41 ms.  In
 * seq order the arrivals 1, 35, 21, 31 would give a 34 ms gap; in arrival
 * order 1, 21, 31, 35, 41 the largest gap is 20 ms.  Probes 2 and 3
 * overtook probe 1: two reordered replies. */
static void reordered_gap(void **state)
{
	static const int64_t rtt[] = { 1 * MS, 25 * MS, 1 * MS, 1 * MS, 1 * MS };
	struct mb_outage *a = new_analyzer(&cfg_10ms);
	struct mb_outage_result r;

	(void)state;
	feed(a, 0, 0, 4, rtt, 0);
	/* Live summary while probe 1's reply is still pending. */
	mb_outage_result(a, &r);
	assert_int_equal(r.max_response_gap_ns, 20 * MS);
	assert_int_equal(r.reordered, 2);
	feed(a, 0, 4, 1, rtt, 0);
	mb_outage_result(a, &r);
	assert_int_equal(r.answered, 5);
	assert_int_equal(r.reordered, 2);
	assert_int_equal(r.max_response_gap_ns, 20 * MS);
	assert_int_equal(r.rtt_max_ns, 25 * MS);
	assert_int_equal(r.rtt_mean_ns, 29 * MS / 5);
	mb_outage_free(a);
}

/* ---- sequence numbers ------------------------------------------------- */

/* The ICMP field is 16 bits; the 64-bit seq must run on across 65535. */
static void seq_wrap_16bit(void **state)
{
	struct mb_outage *a = new_analyzer(&cfg_10ms);
	struct mb_outage_result r;

	(void)state;
	for (uint64_t i = 0; i < 20; i++) {
		uint64_t seq = 65530 + i;

		add_ok(a, probe(seq, T0 + (int64_t)i * 10 * MS,
				seq >= 65534 && seq <= 65537 ? LOST : MS));
	}
	mb_outage_result(a, &r);
	assert_int_equal(r.sent, 20);
	assert_int_equal(r.lost, 4);
	assert_int_equal(r.n_windows, 1);
	assert_window(&r.windows[0], 65534, 65537, T0 + 40 * MS, T0 + 80 * MS,
		      40 * MS, 30 * MS, 50 * MS, false, false);
	assert_int_equal(r.first_sent_ns, T0);
	assert_int_equal(r.last_sent_ns, T0 + 190 * MS);
	mb_outage_free(a);
}

/* Even the 64-bit counter may start anywhere, up to its own wrap. */
static void seq_wrap_64bit(void **state)
{
	struct mb_outage *a = new_analyzer(&cfg_10ms);
	struct mb_outage_result r;

	(void)state;
	add_ok(a, probe(UINT64_MAX - 1, T0, MS));
	add_ok(a, probe(UINT64_MAX, T0 + 10 * MS, LOST));
	add_ok(a, probe(0, T0 + 20 * MS, LOST));
	add_ok(a, probe(1, T0 + 30 * MS, MS));
	mb_outage_result(a, &r);
	assert_int_equal(r.n_windows, 1);
	assert_int_equal(r.windows[0].first_seq, UINT64_MAX);
	assert_int_equal(r.windows[0].last_seq, 0);
	assert_int_equal(r.windows[0].lost, 2);
	assert_int_equal(r.windows[0].estimate_ns, 20 * MS);
	mb_outage_free(a);
}

static void assert_same_result(const struct mb_outage_result *x,
			       const struct mb_outage_result *y)
{
	assert_int_equal(x->sent, y->sent);
	assert_int_equal(x->answered, y->answered);
	assert_int_equal(x->lost, y->lost);
	assert_int_equal(x->late, y->late);
	assert_int_equal(x->duplicates, y->duplicates);
	assert_int_equal(x->reordered, y->reordered);
	assert_int_equal(x->first_sent_ns, y->first_sent_ns);
	assert_int_equal(x->last_sent_ns, y->last_sent_ns);
	assert_int_equal(x->downtime_ns, y->downtime_ns);
	assert_int_equal(x->seed_method1_ns, y->seed_method1_ns);
	assert_int_equal(x->seed_method2_ns, y->seed_method2_ns);
	assert_int_equal(x->max_response_gap_ns, y->max_response_gap_ns);
	assert_int_equal(x->rtt_min_ns, y->rtt_min_ns);
	assert_int_equal(x->rtt_max_ns, y->rtt_max_ns);
	assert_int_equal(x->rtt_mean_ns, y->rtt_mean_ns);
	assert_int_equal(x->n_windows, y->n_windows);
	for (size_t i = 0; i < x->n_windows; i++)
		assert_memory_equal(&x->windows[i], &y->windows[i],
				    sizeof(x->windows[i]));
}

static void assert_rejected(struct mb_outage *a, struct mb_probe_sample s)
{
	struct mb_outage_result before, after;
	struct mb_outage_window w[4];

	mb_outage_result(a, &before);
	assert_true(before.n_windows <= 4);
	memcpy(w, before.windows, before.n_windows * sizeof(w[0]));
	before.windows = w;
	assert_int_equal(mb_outage_add(a, &s), -1);
	mb_outage_result(a, &after);
	assert_same_result(&before, &after);
}

/* Probes 0 and 1 answered, 2 lost (window open); then every bad sample
 * is refused without a trace, and probe 3 still closes the window. */
static void bad_samples_rejected(void **state)
{
	struct mb_outage *a = new_analyzer(&cfg_10ms);
	struct mb_outage_result r;
	struct mb_probe_sample s;

	(void)state;
	feed(a, 0, 0, 2, NULL, MS);
	add_ok(a, probe(2, T0 + 20 * MS, LOST));

	assert_rejected(a, probe(4, T0 + 30 * MS, MS));  /* gap in seq */
	assert_rejected(a, probe(2, T0 + 30 * MS, MS));  /* repeated */
	assert_rejected(a, probe(1, T0 + 30 * MS, MS));  /* backwards */
	assert_rejected(a, probe(3, T0 + 19 * MS, MS));  /* sent before 2 */
	assert_rejected(a, probe(3, -1, LOST));          /* negative time */
	s = probe(3, T0 + 30 * MS, MS);
	s.recv_ns = s.sent_ns - 1;                       /* answer before ask */
	assert_rejected(a, s);
	s = probe(3, T0 + 30 * MS, MS);
	s.replies = 0;                                   /* time, no reply */
	assert_rejected(a, s);
	s = probe(3, T0 + 30 * MS, LOST);
	s.replies = 1;                                   /* reply, no time */
	assert_rejected(a, s);
	assert_int_equal(mb_outage_add(a, NULL), -1);
	assert_int_equal(mb_outage_add(NULL, &s), -1);

	add_ok(a, probe(3, T0 + 30 * MS, MS));
	mb_outage_result(a, &r);
	assert_int_equal(r.sent, 4);
	assert_int_equal(r.lost, 1);
	assert_int_equal(r.n_windows, 1);
	assert_window(&r.windows[0], 2, 2, T0 + 20 * MS, T0 + 30 * MS, 10 * MS,
		      0, 20 * MS, false, false);
	mb_outage_free(a);
}

/* The prober may send late and catch up: s0 = 0, s1 = 10 ms (lost),
 * s2 = 14 ms, s3 = 14 ms again.  The estimate is 4 ms; estimate - interval
 * would be -6 ms, and an outage is never negative, so the lower bound is 0. */
static void jittery_sending(void **state)
{
	struct mb_outage *a = new_analyzer(&cfg_10ms);
	struct mb_outage_result r;

	(void)state;
	add_ok(a, probe(0, T0, MS));
	add_ok(a, probe(1, T0 + 10 * MS, LOST));
	add_ok(a, probe(2, T0 + 14 * MS, MS));
	add_ok(a, probe(3, T0 + 14 * MS, 2 * MS));
	mb_outage_result(a, &r);
	assert_int_equal(r.n_windows, 1);
	assert_window(&r.windows[0], 1, 1, T0 + 10 * MS, T0 + 14 * MS, 4 * MS,
		      0, 14 * MS, false, false);
	assert_int_equal(r.seed_method1_ns, 10 * MS);
	assert_int_equal(r.seed_method2_ns, 14 * MS / 4);
	assert_int_equal(r.max_response_gap_ns, 14 * MS);
	mb_outage_free(a);
}

/* The sender stalls right after the lost probe: s1 = 10 ms (lost), s2 =
 * 50 ms.  The outage may have been over just after 10 ms, so the lower
 * bound is s_m - s_k = 0, not s_{m+1} - s_k - interval = 30 ms. */
static void send_stall_after_loss(void **state)
{
	struct mb_outage *a = new_analyzer(&cfg_10ms);
	struct mb_outage_result r;

	(void)state;
	add_ok(a, probe(0, T0, MS));
	add_ok(a, probe(1, T0 + 10 * MS, LOST));
	add_ok(a, probe(2, T0 + 50 * MS, MS));
	mb_outage_result(a, &r);
	assert_int_equal(r.n_windows, 1);
	assert_window(&r.windows[0], 1, 1, T0 + 10 * MS, T0 + 50 * MS, 40 * MS,
		      0, 50 * MS, false, false);
	mb_outage_free(a);
}

/* The first probe fixes nothing but its own seq: any start is fine, and
 * a reply at the very send time (rtt 0) is valid. */
static void first_probe_any_seq(void **state)
{
	struct mb_outage *a = new_analyzer(&cfg_10ms);
	struct mb_outage_result r;

	(void)state;
	add_ok(a, probe(12345, 0, 0));
	add_ok(a, probe(12346, 10 * MS, 0));
	mb_outage_result(a, &r);
	assert_int_equal(r.answered, 2);
	assert_int_equal(r.rtt_max_ns, 0);
	assert_int_equal(r.max_response_gap_ns, 10 * MS);
	mb_outage_free(a);
}

static void bad_configs(void **state)
{
	static const struct mb_outage_config bad[] = {
		{ .interval_ns = 0, .late_after_ns = 100 * MS, .lost_after_ns = SEC },
		{ .interval_ns = -1, .late_after_ns = 100 * MS, .lost_after_ns = SEC },
		{ .interval_ns = MS, .late_after_ns = SEC + 1, .lost_after_ns = SEC },
		{ .interval_ns = MS, .late_after_ns = -1, .lost_after_ns = SEC },
		{ .interval_ns = MS, .late_after_ns = -2, .lost_after_ns = -1 },
	};
	struct mb_outage_config edge = { .interval_ns = 1, .late_after_ns = SEC,
					 .lost_after_ns = SEC };
	struct mb_outage_result r;
	struct mb_outage *a;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_null(mb_outage_new(&bad[i]));
	assert_null(mb_outage_new(NULL));
	a = mb_outage_new(&edge); /* late_after == lost_after is allowed */
	assert_non_null(a);
	mb_outage_free(a);
	mb_outage_free(NULL);
	mb_outage_result(NULL, &r);
	assert_int_equal(r.sent, 0);
	assert_int_equal(r.n_windows, 0);
}

/* Method 2 multiplies a duration by a count: 5 probes 2e18 ns apart,
 * 4 lost: 8e18 * 4 overflows 64 bits, the result 6.4e18 does not. */
static void seed_method2_wide(void **state)
{
	struct mb_outage_config cfg = { .interval_ns = 2 * SEC * SEC,
					.late_after_ns = 0, .lost_after_ns = 0 };
	struct mb_outage *a = new_analyzer(&cfg);
	struct mb_outage_result r;

	(void)state;
	add_ok(a, probe(0, 0, 0));
	for (uint64_t i = 1; i < 5; i++)
		add_ok(a, probe(i, (int64_t)i * 2 * SEC * SEC, LOST));
	mb_outage_result(a, &r);
	assert_int_equal(r.seed_method2_ns, INT64_C(6400000000000000000));
	assert_int_equal(r.seed_method1_ns, INT64_C(8000000000000000000));
	/* The nominal end s4 + interval = 1e19 saturates instead of wrapping. */
	assert_int_equal(r.windows[0].end_ns, INT64_MAX);
	mb_outage_free(a);
}

/* ---- a random cross-check against a naive reference ------------------- */

struct ref_series {
	size_t n;
	struct mb_probe_sample *s;
};

static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static uint64_t rng(void)
{
	/* xorshift64*: deterministic, good enough for test data. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * UINT64_C(2685821657736338717);
}

static bool ref_answered(const struct mb_outage_config *c,
			 const struct mb_probe_sample *s)
{
	return s->recv_ns >= 0 && s->recv_ns - s->sent_ns <= c->lost_after_ns;
}

static int cmp_i64(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;

	return (a > b) - (a < b);
}

/* The gap the obvious way: sort every arrival. */
static int64_t ref_gap(const struct mb_outage_config *c,
		       const struct mb_probe_sample *s, size_t n)
{
	int64_t *t = calloc(n + 1, sizeof(*t)), gap = 0;
	size_t m = 0;

	assert_non_null(t);
	for (size_t i = 0; i < n; i++)
		if (ref_answered(c, &s[i]))
			t[m++] = s[i].recv_ns;
	qsort(t, m, sizeof(*t), cmp_i64);
	for (size_t i = 1; i < m; i++)
		if (t[i] - t[i - 1] > gap)
			gap = t[i] - t[i - 1];
	free(t);
	return gap;
}

/* Reordered the obvious way: compare with every lower seq. */
static uint64_t ref_reordered(const struct mb_outage_config *c,
			      const struct mb_probe_sample *s, size_t n)
{
	uint64_t count = 0;

	for (size_t j = 0; j < n; j++) {
		if (!ref_answered(c, &s[j]))
			continue;
		for (size_t i = 0; i < j; i++) {
			if (ref_answered(c, &s[i]) && s[i].recv_ns > s[j].recv_ns) {
				count++;
				break;
			}
		}
	}
	return count;
}

static void ref_check_windows(const struct mb_outage_config *c,
			      const struct mb_probe_sample *s, size_t n,
			      const struct mb_outage_result *r)
{
	size_t w = 0;
	int64_t downtime = 0;

	for (size_t k = 0; k < n; k++) {
		size_t m = k;
		int64_t end, before, est;

		if (ref_answered(c, &s[k]))
			continue;
		while (m + 1 < n && !ref_answered(c, &s[m + 1]))
			m++;
		end = m + 1 < n ? s[m + 1].sent_ns : s[m].sent_ns + c->interval_ns;
		before = k > 0 ? s[k - 1].sent_ns : s[k].sent_ns - c->interval_ns;
		est = end - s[k].sent_ns;
		assert_true(w < r->n_windows);
		assert_window(&r->windows[w], s[k].seq, s[m].seq, s[k].sent_ns,
			      end, est, s[m].sent_ns - s[k].sent_ns,
			      end - before, k == 0, m + 1 == n);
		downtime += est;
		w++;
		k = m;
	}
	assert_int_equal(r->n_windows, w);
	assert_int_equal(r->downtime_ns, downtime);
}

static void ref_check(const struct mb_outage_config *c,
		      const struct mb_probe_sample *s, size_t n,
		      const struct mb_outage_result *r)
{
	uint64_t answered = 0, late = 0, dup = 0;
	int64_t sum = 0, lo = INT64_MAX, hi = 0;

	for (size_t i = 0; i < n; i++) {
		int64_t rtt = s[i].recv_ns - s[i].sent_ns;

		dup += s[i].replies > 1 ? s[i].replies - 1 : 0;
		if (!ref_answered(c, &s[i]))
			continue;
		answered++;
		late += rtt > c->late_after_ns;
		sum += rtt;
		lo = rtt < lo ? rtt : lo;
		hi = rtt > hi ? rtt : hi;
	}
	assert_int_equal(r->sent, n);
	assert_int_equal(r->answered, answered);
	assert_int_equal(r->lost, n - answered);
	assert_int_equal(r->late, late);
	assert_int_equal(r->duplicates, dup);
	assert_int_equal(r->reordered, ref_reordered(c, s, n));
	assert_int_equal(r->max_response_gap_ns, ref_gap(c, s, n));
	assert_int_equal(r->rtt_min_ns, answered ? lo : 0);
	assert_int_equal(r->rtt_max_ns, hi);
	assert_int_equal(r->rtt_mean_ns, answered ? sum / (int64_t)answered : 0);
	assert_int_equal(r->seed_method1_ns, (int64_t)(n - answered) * c->interval_ns);
	assert_int_equal(r->seed_method2_ns,
			 (s[n - 1].sent_ns - s[0].sent_ns) * (int64_t)(n - answered) / (int64_t)n);
	ref_check_windows(c, s, n, r);
}

/* Jittery sending (sometimes two probes at once), rtts up to 60 ms with
 * lost_after 50 ms, runs of loss, duplicates; checked at many prefixes,
 * which also exercises the live summary between adds. */
static void random_vs_reference(void **state)
{
	const struct mb_outage_config c = { .interval_ns = MS,
					    .late_after_ns = 20 * MS,
					    .lost_after_ns = 50 * MS };
	enum { N = 3000 };
	struct mb_probe_sample *s = calloc(N, sizeof(*s));
	struct mb_outage *a = new_analyzer(&c);
	struct mb_outage_result r;
	int64_t t = 7 * SEC;
	size_t loss_run = 0;

	(void)state;
	assert_non_null(s);
	for (size_t i = 0; i < N; i++) {
		uint64_t x = rng();

		s[i].seq = 1000 + i;
		s[i].sent_ns = t;
		t += (int64_t)(x % 2000) * US; /* 0 .. 2 ms */
		if (loss_run == 0 && x % 97 == 0)
			loss_run = 1 + (x >> 20) % 40;
		if (loss_run > 0) {
			loss_run--;
			s[i].recv_ns = -1;
		} else {
			s[i].recv_ns = s[i].sent_ns + (int64_t)((x >> 8) % (60 * MS));
			s[i].replies = 1 + ((x >> 40) % 16 == 0);
		}
		add_ok(a, s[i]);
		if (i % 97 == 0 || i + 1 == N) {
			mb_outage_result(a, &r);
			ref_check(&c, s, i + 1, &r);
		}
	}
	mb_outage_free(a);
	free(s);
}

/* ---- ten minutes at 10 kHz -------------------------------------------- */

/* 6,000,000 probes 100 us apart, generated one at a time (the analyzer
 * never sees an array of them):
 *   rtt 200 + (i % 5) * 10 us, so replies stay in order;
 *   60 spikes (i % 100000 == 50000) of 350 us, each overtaken by i + 1;
 *   a late burst 4,000,000..4,000,999 at 150 ms, overtaken by the 1497
 *     probes 4,001,000..4,002,496;
 *   6 probes (i % 1000000 == 500123) with 3 replies each;
 *   windows 1,000,000..1,002,999, 3,000,000..3,000,049 and, open at the
 *     end, 5,999,900..5,999,999. */
#define BIG_N 6000000
#define BIG_I (100 * US)

static struct mb_probe_sample big_probe(uint64_t i)
{
	int64_t rtt = 200 * US + (int64_t)(i % 5) * 10 * US;
	struct mb_probe_sample s;

	if (i % 100000 == 50000)
		rtt = 350 * US;
	if (i >= 4000000 && i < 4001000)
		rtt = 150 * MS;
	if ((i >= 1000000 && i < 1003000) || (i >= 3000000 && i < 3000050) ||
	    i >= 5999900)
		rtt = LOST;
	s = probe(i, T0 + (int64_t)i * BIG_I, rtt);
	if (i % 1000000 == 500123)
		s.replies = 3;
	return s;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void ten_minutes_10khz(void **state)
{
	const struct mb_outage_config c = { .interval_ns = BIG_I,
					    .late_after_ns = 100 * MS,
					    .lost_after_ns = SEC };
	struct mb_outage *a = new_analyzer(&c);
	struct mb_outage_result r;
	unsigned __int128 rtt_sum = 0;
	double t0 = now_s(), elapsed;

	(void)state;
	for (uint64_t i = 0; i < BIG_N; i++) {
		struct mb_probe_sample s = big_probe(i);

		if (s.recv_ns >= 0)
			rtt_sum += (uint64_t)(s.recv_ns - s.sent_ns);
		if (mb_outage_add(a, &s) != 0)
			fail_msg("probe %llu refused", (unsigned long long)i);
	}
	mb_outage_result(a, &r);
	elapsed = now_s() - t0;
	print_message("# 6e6 probes analysed in %.3f s\n", elapsed);
	/* ~0.15 s under ASan on one core; scripts/valgrind-check (some 25 s)
	 * checks memory, not speed. */
	if (!getenv("MB_VALGRIND"))
		assert_true(elapsed < 2.0);

	assert_int_equal(r.sent, BIG_N);
	assert_int_equal(r.lost, 3150);
	assert_int_equal(r.answered, BIG_N - 3150);
	assert_int_equal(r.late, 1000);
	assert_int_equal(r.duplicates, 12);
	assert_int_equal(r.reordered, 60 + 1497);
	assert_int_equal(r.first_sent_ns, T0);
	assert_int_equal(r.last_sent_ns, T0 + (BIG_N - 1) * BIG_I);
	assert_int_equal(r.n_windows, 3);
	assert_window(&r.windows[0], 1000000, 1002999, T0 + 100 * SEC,
		      T0 + 100300 * MS, 300 * MS, 299900 * US, 300100 * US,
		      false, false);
	assert_window(&r.windows[1], 3000000, 3000049, T0 + 300 * SEC,
		      T0 + 300005 * MS, 5 * MS, 4900 * US, 5100 * US, false, false);
	assert_window(&r.windows[2], 5999900, 5999999, T0 + 599990 * MS,
		      T0 + 600 * SEC, 10 * MS, 9900 * US, 10100 * US, false, true);
	assert_int_equal(r.downtime_ns, 315 * MS);
	assert_int_equal(r.seed_method1_ns, 315 * MS);
	/* 599,999,900,000 ns * 3150 / 6,000,000 = 314,999,947.5 */
	assert_int_equal(r.seed_method2_ns, 314999947);
	/* Around window A: s999999 + 240 us to s1003000 + 200 us. */
	assert_int_equal(r.max_response_gap_ns, 300060 * US);
	assert_int_equal(r.rtt_min_ns, 200 * US);
	assert_int_equal(r.rtt_max_ns, 150 * MS);
	assert_int_equal(r.rtt_mean_ns, (int64_t)(rtt_sum / r.answered));
	mb_outage_free(a);
}

/* The one classifier: its verdict on each probe is what the analyzer
 * counted.  Edges: rtt == late_after is ok, == lost_after is late, one ns
 * more is the next class; no reply at all is lost. */
static void classify_matches_counts(void **state)
{
	const int64_t rtts[] = { 1 * MS, 100 * MS, 100 * MS + 1, SEC, SEC + 1, LOST, 0 };
	const enum mb_probe_verdict want[] = { MB_PROBE_OK, MB_PROBE_OK, MB_PROBE_LATE,
					       MB_PROBE_LATE, MB_PROBE_LOST, MB_PROBE_LOST,
					       MB_PROBE_OK };
	struct mb_outage *a = new_analyzer(&cfg_10ms);
	struct mb_outage_result r;
	uint64_t n[3] = { 0, 0, 0 };

	(void)state;
	for (size_t i = 0; i < sizeof(rtts) / sizeof(rtts[0]); i++) {
		struct mb_probe_sample s = probe(i, T0 + (int64_t)i * 10 * MS, rtts[i]);
		enum mb_probe_verdict v = mb_outage_classify(&cfg_10ms, &s);

		assert_int_equal(v, want[i]);
		n[v]++;
		add_ok(a, s);
	}
	mb_outage_result(a, &r);
	assert_int_equal(r.late, n[MB_PROBE_LATE]);
	assert_int_equal(r.lost, n[MB_PROBE_LOST]);
	assert_int_equal(r.answered, n[MB_PROBE_OK] + n[MB_PROBE_LATE]);
	assert_string_equal(mb_probe_verdict_name(MB_PROBE_OK), "ok");
	assert_string_equal(mb_probe_verdict_name(MB_PROBE_LATE), "late");
	assert_string_equal(mb_probe_verdict_name(MB_PROBE_LOST), "lost");
	mb_outage_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(empty_series),
		cmocka_unit_test(no_loss),
		cmocka_unit_test(one_window),
		cmocka_unit_test(several_windows),
		cmocka_unit_test(loss_at_first_probe),
		cmocka_unit_test(loss_at_last_probe),
		cmocka_unit_test(all_lost),
		cmocka_unit_test(late_replies),
		cmocka_unit_test(duplicates),
		cmocka_unit_test(reordered_gap),
		cmocka_unit_test(seq_wrap_16bit),
		cmocka_unit_test(seq_wrap_64bit),
		cmocka_unit_test(bad_samples_rejected),
		cmocka_unit_test(jittery_sending),
		cmocka_unit_test(send_stall_after_loss),
		cmocka_unit_test(first_probe_any_seq),
		cmocka_unit_test(bad_configs),
		cmocka_unit_test(seed_method2_wide),
		cmocka_unit_test(random_vs_reference),
		cmocka_unit_test(ten_minutes_10khz),
		cmocka_unit_test(classify_matches_counts),
	};

	/* TAP for automake's tap-driver.sh, whatever the environment says. */
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
