/* Unit tests of analysis/outage.c on synthetic probe series.
 *
 * Every figure is asserted exactly; the expected values are worked out in
 * the comments.  Times are in ns; the series start at T0 so that no probe
 * is sent at time 0.  The random cross-check and the ten-minute series
 * are in test_outage_long.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "analysis/outage.h"
#include "tests/unit/outage_fixture.h"

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
		cmocka_unit_test(classify_matches_counts),
	};

	/* TAP for automake's tap-driver.sh, whatever the environment says. */
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
