/* Unit tests of analysis/stats.c against hand-computed values. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "analysis/stats.h"

#define EPS 1e-6
#define SEED 42

static void assert_near(double got, double want)
{
	if (fabs(got - want) > EPS)
		fail_msg("%.9f, expected %.9f", got, want);
}

static void four_values(void **state)
{
	const double v[] = { 4, 1, 3, 2 };
	struct mb_stats s;

	(void)state;
	assert_int_equal(mb_stats_compute(v, 4, SEED, &s), 0);
	assert_int_equal(s.n, 4);
	assert_int_equal(s.missing, 0);
	assert_near(s.mean, 2.5);
	assert_near(s.median, 2.5);
	assert_near(s.p95, 3.85);           /* h = 3 * 0.95 = 2.85: 3 + 0.85 */
	assert_near(s.min, 1);
	assert_near(s.max, 4);
	assert_near(s.sd, sqrt(5.0 / 3));   /* (2.25 + 0.25 + 0.25 + 2.25) / 3 */
	/* 2.5 -+ t(0.975, 3) sd / 2 = 2.5 -+ 3.1824463 * 1.2909944 / 2 */
	assert_near(s.mean_lo, 2.5 - 3.1824463 * sqrt(5.0 / 3) / 2);
	assert_near(s.mean_hi, 2.5 + 3.1824463 * sqrt(5.0 / 3) / 2);
	assert_true(s.mean_lo > 0.4457 && s.mean_lo < 0.4458);
	assert_true(s.median_lo >= 1 && s.median_lo <= s.median && s.median_hi >= s.median && s.median_hi <= 4);
}

static void one_value(void **state)
{
	const double v[] = { 7 };
	struct mb_stats s;

	(void)state;
	assert_int_equal(mb_stats_compute(v, 1, SEED, &s), 0);
	assert_int_equal(s.n, 1);
	assert_near(s.mean, 7);
	assert_near(s.median, 7);
	assert_near(s.p95, 7);
	assert_near(s.min, 7);
	assert_near(s.max, 7);
	/* One run has no spread and no interval. */
	assert_true(isnan(s.sd) && isnan(s.mean_lo) && isnan(s.mean_hi));
	assert_true(isnan(s.median_lo) && isnan(s.median_hi));
}

static void two_values(void **state)
{
	const double v[] = { 20, 10 };
	struct mb_stats s;

	(void)state;
	assert_int_equal(mb_stats_compute(v, 2, SEED, &s), 0);
	assert_near(s.mean, 15);
	assert_near(s.median, 15);
	assert_near(s.p95, 19.5);
	assert_near(s.sd, sqrt(50));
	/* 15 -+ 12.7062047 * sqrt(50) / sqrt(2) = 15 -+ 63.5310235 */
	assert_near(s.mean_lo, 15 - 63.5310235);
	assert_near(s.mean_hi, 15 + 63.5310235);
	/* Resampled medians are 10, 15 or 20 (1/4, 1/2, 1/4): the 2.5% and
	 * 97.5% quantiles of 2000 of them are the two values. */
	assert_near(s.median_lo, 10);
	assert_near(s.median_hi, 20);
}

static void ties(void **state)
{
	const double v[] = { 5, 9, 5, 5 };
	struct mb_stats s;

	(void)state;
	assert_int_equal(mb_stats_compute(v, 4, SEED, &s), 0);
	assert_near(s.mean, 6);
	assert_near(s.median, 5);
	assert_near(s.p95, 8.4);  /* h = 2.85: 5 + 0.85 * 4 */
	assert_near(s.sd, 2);     /* (1 + 1 + 1 + 9) / 3 = 4 */
	assert_near(s.median_lo, 5);
	assert_true(s.median_hi >= 5 && s.median_hi <= 9);
}

static void constant(void **state)
{
	const double v[] = { 4, 4, 4 };
	struct mb_stats s;

	(void)state;
	assert_int_equal(mb_stats_compute(v, 3, SEED, &s), 0);
	assert_near(s.sd, 0);
	assert_near(s.mean_lo, 4);
	assert_near(s.mean_hi, 4);
	assert_near(s.median_lo, 4);
	assert_near(s.median_hi, 4);
}

/* A failed run is NaN: counted, never averaged in. */
static void failed_run(void **state)
{
	const double v[] = { 3, NAN, 5 };
	const double none[] = { NAN, NAN };
	struct mb_stats s;

	(void)state;
	assert_int_equal(mb_stats_compute(v, 3, SEED, &s), 0);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.missing, 1);
	assert_near(s.mean, 4);
	assert_near(s.median, 4);
	assert_near(s.min, 3);
	assert_near(s.max, 5);
	assert_near(s.sd, sqrt(2));
	assert_int_equal(mb_stats_compute(none, 2, SEED, &s), 0);
	assert_int_equal(s.n, 0);
	assert_int_equal(s.missing, 2);
	assert_true(isnan(s.mean) && isnan(s.median) && isnan(s.min) && isnan(s.max));
	assert_int_equal(mb_stats_compute(NULL, 0, SEED, &s), 0);
	assert_int_equal(s.n, 0);
}

static void t_quantiles(void **state)
{
	(void)state;
	assert_near(mb_stats_t975(1), 12.7062047);
	assert_near(mb_stats_t975(10), 2.2281389);
	assert_near(mb_stats_t975(30), 2.0422725);
	/* Beyond the table, the expansion: published t(0.975) values. */
	assert_true(fabs(mb_stats_t975(40) - 2.0210754) < 1e-5);
	assert_true(fabs(mb_stats_t975(60) - 2.0002978) < 1e-5);
	assert_true(fabs(mb_stats_t975(120) - 1.9799304) < 1e-5);
	assert_true(isnan(mb_stats_t975(0)));
}

static void quantile_interpolates(void **state)
{
	const double x[] = { 1, 2, 3, 4, 5 };

	(void)state;
	assert_near(mb_stats_quantile(x, 5, 0), 1);
	assert_near(mb_stats_quantile(x, 5, 1), 5);
	assert_near(mb_stats_quantile(x, 5, 0.5), 3);
	assert_near(mb_stats_quantile(x, 5, 0.95), 4.8);
	assert_near(mb_stats_quantile(x, 5, 0.025), 1.1);
	assert_true(isnan(mb_stats_quantile(x, 0, 0.5)));
}

/* splitmix64's published first output for seed 0 is xoshiro's s[0]; the
 * same seed gives the same draws: the intervals are reproducible. */
static void rng_reproducible(void **state)
{
	struct mb_rng a, b;

	(void)state;
	mb_rng_seed(&a, 0);
	assert_true(a.s[0] == 0xe220a8397b1dcdafULL);
	assert_true(a.s[1] == 0x6e789e6aa1b965f4ULL);
	mb_rng_seed(&a, 7);
	mb_rng_seed(&b, 7);
	for (int i = 0; i < 1000; i++) {
		assert_true(mb_rng_next(&a) == mb_rng_next(&b));
		assert_true(mb_rng_below(&a, 3) < 3);
		(void)mb_rng_below(&b, 3);
	}
}

/* The bootstrap's numbers pinned: a change of generator or method shows. */
static void bootstrap_pinned(void **state)
{
	const double v[] = { 77, 153, 90, 101, 88, 120, 95, 110, 84, 99 };
	struct mb_stats s, t;

	(void)state;
	assert_int_equal(mb_stats_compute(v, 10, SEED, &s), 0);
	assert_int_equal(mb_stats_compute(v, 10, SEED, &t), 0);
	assert_true(s.median_lo == t.median_lo && s.median_hi == t.median_hi);
	assert_near(s.median, 97);
	assert_true(s.median_lo >= 84 && s.median_lo <= 95);
	assert_true(s.median_hi >= 99 && s.median_hi <= 120);
	print_message("# pinned median CI [%.3f, %.3f]\n", s.median_lo, s.median_hi);
	assert_near(s.median_lo, 87);
	assert_near(s.median_hi, 110);
}

static void diff_medians(void **state)
{
	const double a[] = { 1, 1, 1 }, b[] = { 3, 3, 3 }, c[] = { 1, 2, 3 }, none[] = { NAN };
	struct mb_stats_diff d;

	(void)state;
	assert_int_equal(mb_stats_diff_medians(a, 3, b, 3, SEED, &d), 0);
	assert_near(d.diff, 2);
	assert_near(d.lo, 2);
	assert_near(d.hi, 2);
	assert_true(d.excludes_zero);
	assert_int_equal(mb_stats_diff_medians(b, 3, a, 3, SEED, &d), 0);
	assert_near(d.diff, -2);
	assert_true(d.excludes_zero);
	assert_int_equal(mb_stats_diff_medians(c, 3, c, 3, SEED, &d), 0);
	assert_near(d.diff, 0);
	assert_true(d.lo < 0 && d.hi > 0);
	assert_false(d.excludes_zero);
	/* A scenario whose runs all failed: nothing to compare. */
	assert_int_equal(mb_stats_diff_medians(a, 3, none, 1, SEED, &d), 0);
	assert_true(isnan(d.diff) && isnan(d.lo) && isnan(d.hi));
	assert_false(d.excludes_zero);
}

/* Resampled medians of A = {2, 2} are 2; of B = {2, 4} 2, 3 or 4 (1/4,
 * 1/2, 1/4): the ratios 1, 1.5, 2, whose 2.5% and 97.5% quantiles of 2000
 * draws are the extremes. */
static void ratio_medians(void **state)
{
	const double a[] = { 2, 2 }, b[] = { 2, 4 }, c[] = { 1, 1, 1 }, d[] = { 3, 3, 3 };
	const double a_failed[] = { NAN, 2, 2 };
	struct mb_stats_ratio q;

	(void)state;
	assert_int_equal(mb_stats_ratio_medians(a, 2, b, 2, SEED, &q), 0);
	assert_near(q.ratio, 1.5);
	assert_near(q.lo, 1);
	assert_near(q.hi, 2);
	assert_true(q.contains_one);
	assert_int_equal(mb_stats_ratio_medians(c, 3, d, 3, SEED, &q), 0);
	assert_near(q.ratio, 3);
	assert_near(q.lo, 3);
	assert_near(q.hi, 3);
	assert_false(q.contains_one);
	assert_int_equal(mb_stats_ratio_medians(d, 3, c, 3, SEED, &q), 0);
	assert_near(q.ratio, 1.0 / 3);
	assert_false(q.contains_one);
	/* A failed run is left out, as in every figure. */
	assert_int_equal(mb_stats_ratio_medians(a_failed, 3, b, 2, SEED, &q), 0);
	assert_near(q.ratio, 1.5);
	assert_near(q.lo, 1);
	assert_near(q.hi, 2);
}

/* No ratio without values; no interval with a denominator sample that
 * has a value <= 0 (a resample could divide by zero). */
static void ratio_undefined(void **state)
{
	const double a[] = { 1, 2, 3 }, zero[] = { 0, 2, 3 }, neg[] = { -1, 2, 3 }, none[] = { NAN };
	struct mb_stats_ratio q;

	(void)state;
	assert_int_equal(mb_stats_ratio_medians(a, 3, none, 1, SEED, &q), 0);
	assert_true(isnan(q.ratio) && isnan(q.lo) && isnan(q.hi));
	assert_false(q.contains_one);
	assert_int_equal(mb_stats_ratio_medians(none, 1, a, 3, SEED, &q), 0);
	assert_true(isnan(q.ratio) && !q.contains_one);
	assert_int_equal(mb_stats_ratio_medians(NULL, 0, a, 3, SEED, &q), 0);
	assert_true(isnan(q.ratio));
	/* median(A) 2 > 0: the ratio; a value <= 0 in A: no interval. */
	assert_int_equal(mb_stats_ratio_medians(zero, 3, a, 3, SEED, &q), 0);
	assert_near(q.ratio, 1);
	assert_true(isnan(q.lo) && isnan(q.hi) && !q.contains_one);
	assert_int_equal(mb_stats_ratio_medians(neg, 3, a, 3, SEED, &q), 0);
	assert_near(q.ratio, 1);
	assert_true(isnan(q.lo) && !q.contains_one);
	/* Zeros in the numerator are fine: ratio 0. */
	assert_int_equal(mb_stats_ratio_medians(a, 3, zero, 3, SEED, &q), 0);
	assert_near(q.ratio, 1);
}

/* Scaling by a power of two is exact in binary floating point, and the
 * draws depend only on the seed and the sizes: scaling B scales the ratio
 * and both ends by that factor exactly; scaling both changes nothing. */
static void ratio_scales(void **state)
{
	const double a[] = { 44, 36, 137, 52, 61, 90, 48, 70 };
	const double b[] = { 40, 120, 58, 47, 66, 85, 51, 77, 95 };
	double a4[8], b4[9];
	struct mb_stats_ratio q, q4, q44;

	(void)state;
	for (size_t i = 0; i < 8; i++)
		a4[i] = 4 * a[i];
	for (size_t i = 0; i < 9; i++)
		b4[i] = 4 * b[i];
	assert_int_equal(mb_stats_ratio_medians(a, 8, b, 9, SEED, &q), 0);
	assert_int_equal(mb_stats_ratio_medians(a, 8, b4, 9, SEED, &q4), 0);
	assert_int_equal(mb_stats_ratio_medians(a4, 8, b4, 9, SEED, &q44), 0);
	assert_true(q4.ratio == 4 * q.ratio && q4.lo == 4 * q.lo && q4.hi == 4 * q.hi);
	assert_true(q44.ratio == q.ratio && q44.lo == q.lo && q44.hi == q.hi);
}

/* Pinned against an independent implementation of the same bootstrap (a
 * Python transcription of splitmix64, xoshiro256**, the multiply-shift and
 * type-7 quantiles, which also gives bootstrap_pinned's [87, 110]):
 * ratio 132 / 113, interval [0.675496689, 1.770833333] for seed 42 and
 * [0.717557252, 1.770833333] for seed 7.  The same seed gives the same
 * interval. */
static void ratio_pinned(void **state)
{
	const double a[] = { 44, 36, 137, 52, 61, 90, 48, 70 };
	const double b[] = { 40, 120, 58, 47, 66, 85, 51, 77, 95 };
	struct mb_stats_ratio q, r, other;

	(void)state;
	assert_int_equal(mb_stats_ratio_medians(a, 8, b, 9, SEED, &q), 0);
	assert_int_equal(mb_stats_ratio_medians(a, 8, b, 9, SEED, &r), 0);
	assert_int_equal(mb_stats_ratio_medians(a, 8, b, 9, 7, &other), 0);
	print_message("# pinned ratio CI [%.9f, %.9f]\n", q.lo, q.hi);
	assert_near(q.ratio, 66.0 / 56.5);
	assert_near(q.lo, 0.675496689);
	assert_near(q.hi, 1.770833333);
	assert_true(q.contains_one);
	assert_true(r.lo == q.lo && r.hi == q.hi);
	assert_near(other.ratio, q.ratio);
	assert_near(other.lo, 0.717557252);
	assert_near(other.hi, 1.770833333);
}

/* median(B) / median(A) = 85 / 105.  Resampled medians of A are 100,
 * 105, 110 (1/4, 1/2, 1/4) and of B 80, 85, 90: the lowest ratio, 80 /
 * 110, and the highest, 90 / 100, each come 1/16 of the time, more than
 * the 2.5% in each tail. */
static void ratio_of_medians(void **state)
{
	const double a[] = { 110, 100 }, b[] = { 80, 90 };
	struct mb_stats_ratio q, again;

	(void)state;
	assert_int_equal(mb_stats_ratio_medians(a, 2, b, 2, SEED, &q), 0);
	assert_near(q.ratio, 85.0 / 105);
	assert_near(q.lo, 80.0 / 110);
	assert_near(q.hi, 90.0 / 100);
	assert_int_equal(mb_stats_ratio_medians(a, 2, b, 2, SEED, &again), 0);
	assert_true(again.lo == q.lo && again.hi == q.hi);
}

/* One value on a side: the ratio, no interval; none at all without a
 * positive denominator or a value. */
static void ratio_without_interval(void **state)
{
	const double a[] = { 100 }, b[] = { 80, 90 }, zero[] = { 0, 0 }, nan2[] = { NAN, NAN };
	const double some_zero[] = { 0, 10 };
	struct mb_stats_ratio q;

	(void)state;
	assert_int_equal(mb_stats_ratio_medians(a, 1, b, 2, SEED, &q), 0);
	assert_near(q.ratio, 0.85);
	assert_true(isnan(q.lo) && isnan(q.hi));
	assert_int_equal(mb_stats_ratio_medians(b, 2, a, 1, SEED, &q), 0);
	assert_near(q.ratio, 100.0 / 85);
	assert_true(isnan(q.lo) && isnan(q.hi));
	assert_int_equal(mb_stats_ratio_medians(zero, 2, b, 2, SEED, &q), 0);
	assert_true(isnan(q.ratio) && isnan(q.lo));
	assert_int_equal(mb_stats_ratio_medians(nan2, 2, b, 2, SEED, &q), 0);
	assert_true(isnan(q.ratio) && isnan(q.lo));
	/* A resampled median could be 0: the point only. */
	assert_int_equal(mb_stats_ratio_medians(some_zero, 2, b, 2, SEED, &q), 0);
	assert_near(q.ratio, 17);
	assert_true(isnan(q.lo) && isnan(q.hi));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(four_values),
		cmocka_unit_test(one_value),
		cmocka_unit_test(two_values),
		cmocka_unit_test(ties),
		cmocka_unit_test(constant),
		cmocka_unit_test(failed_run),
		cmocka_unit_test(t_quantiles),
		cmocka_unit_test(quantile_interpolates),
		cmocka_unit_test(rng_reproducible),
		cmocka_unit_test(bootstrap_pinned),
		cmocka_unit_test(diff_medians),
		cmocka_unit_test(ratio_medians),
		cmocka_unit_test(ratio_undefined),
		cmocka_unit_test(ratio_scales),
		cmocka_unit_test(ratio_pinned),
		cmocka_unit_test(ratio_of_medians),
		cmocka_unit_test(ratio_without_interval),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
