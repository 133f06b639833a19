/* Unit tests of analysis/outage.c, the long ones: random series checked
 * against a naive reference, and ten minutes at 10 kHz (memory and speed;
 * the speed bound is off under valgrind, MB_VALGRIND). */
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(random_vs_reference),
		cmocka_unit_test(ten_minutes_10khz),
	};

	/* TAP for automake's tap-driver.sh, whatever the environment says. */
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
