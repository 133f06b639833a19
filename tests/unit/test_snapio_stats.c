/* Unit tests of analysis/snapio/snapio_stats.c: the slowdown against
 * depth 0 of repeated fio runs, against hand-computed values. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "analysis/snapio/snapio_stats.h"

#define EPS 1e-6

static void assert_near(double got, double want)
{
	if (fabs(got - want) > EPS)
		fail_msg("%.9f, expected %.9f", got, want);
}

/* Two runs a depth: depth 0 did 100 and 110 IOPS, depth 2 did 80 and 90.
 * ratio 85 / 105, slowdown 100 (1 - 85/105) = 19.047619 %; the interval
 * of the ratio is [80/110, 90/100] (see test_stats), so the slowdown's is
 * [100 (1 - 0.9), 100 (1 - 80/110)] = [10, 27.272727] %. */
static void two_runs(void **state)
{
	const double base[] = { 100, 110 }, v[] = { 90, 80 };
	struct mb_snapio_slowdown d;

	(void)state;
	assert_int_equal(mb_snapio_slowdown(base, 2, v, 2, mb_snapio_stats_seed("write", 2, MB_SNAPIO_NFIGURES), &d), 0);
	assert_near(d.ratio, 85.0 / 105);
	assert_near(d.ratio_lo, 80.0 / 110);
	assert_near(d.ratio_hi, 0.9);
	assert_near(d.pct, 100 * (1 - 85.0 / 105));
	assert_near(d.pct, 19.047619048);
	assert_near(d.pct_lo, 10);
	assert_near(d.pct_hi, 100 * (1 - 80.0 / 110));
}

/* One run a depth (no --repeat): today's slowdown, 100 (1 - 90/100) =
 * 10 %, and no interval. */
static void one_run(void **state)
{
	const double base[] = { 100 }, v[] = { 90 };
	struct mb_snapio_slowdown d;

	(void)state;
	assert_int_equal(mb_snapio_slowdown(base, 1, v, 1, 7, &d), 0);
	assert_near(d.ratio, 0.9);
	assert_near(d.pct, 10);
	assert_true(isnan(d.ratio_lo) && isnan(d.ratio_hi) && isnan(d.pct_lo) && isnan(d.pct_hi));
}

/* Faster than depth 0: a negative slowdown.  A run that lacks the job
 * (NaN) is not counted: 1 run left at depth 1, so no interval. */
static void faster_and_missing(void **state)
{
	const double base[] = { 100, 100, 100 }, v[] = { 125, NAN };
	struct mb_snapio_slowdown d;

	(void)state;
	assert_int_equal(mb_snapio_slowdown(base, 3, v, 2, 7, &d), 0);
	assert_near(d.pct, -25);
	assert_true(isnan(d.pct_lo));
}

/* No depth 0 measured (a campaign stopped before it): nothing known. */
static void no_base(void **state)
{
	const double none[] = { NAN }, v[] = { 90, 80 };
	struct mb_snapio_slowdown d;

	(void)state;
	assert_int_equal(mb_snapio_slowdown(none, 1, v, 2, 7, &d), 0);
	assert_true(isnan(d.ratio) && isnan(d.pct) && isnan(d.pct_lo));
}

/* The seed depends on the job, the depth and the figure, and nothing else. */
static void seeds(void **state)
{
	(void)state;
	assert_true(mb_snapio_stats_seed("write", 1, MB_SNAPIO_IOPS) == mb_snapio_stats_seed("write", 1, MB_SNAPIO_IOPS));
	assert_true(mb_snapio_stats_seed("write", 1, MB_SNAPIO_IOPS) != mb_snapio_stats_seed("read", 1, MB_SNAPIO_IOPS));
	assert_true(mb_snapio_stats_seed("write", 1, MB_SNAPIO_IOPS) != mb_snapio_stats_seed("write", 2, MB_SNAPIO_IOPS));
	assert_true(mb_snapio_stats_seed("write", 1, MB_SNAPIO_IOPS) != mb_snapio_stats_seed("write", 1, MB_SNAPIO_BW));
	assert_true(mb_snapio_stats_seed(NULL, 0, MB_SNAPIO_IOPS) == mb_snapio_stats_seed("", 0, MB_SNAPIO_IOPS));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(two_runs),
		cmocka_unit_test(one_run),
		cmocka_unit_test(faster_and_missing),
		cmocka_unit_test(no_base),
		cmocka_unit_test(seeds),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
