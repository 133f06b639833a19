/* Unit tests of analysis/latehist.c: percentiles of a bounded histogram,
 * within 1/16 of the exact value, never below it, never above the max. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "analysis/latehist.h"

static void empty_is_unknown(void **state)
{
	static struct mb_latehist h;

	(void)state;
	mb_latehist_reset(&h);
	assert_int_equal(mb_latehist_quantile(&h, 0.5), -1);
	assert_int_equal(h.count, 0);
}

static void small_values_are_exact(void **state)
{
	static struct mb_latehist h;

	(void)state;
	mb_latehist_reset(&h);
	for (int64_t v = 0; v < 10; v++)
		mb_latehist_add(&h, v);
	assert_int_equal(mb_latehist_quantile(&h, 0.5), 4);  /* rank 5 */
	assert_int_equal(mb_latehist_quantile(&h, 1.0), 9);
	mb_latehist_add(&h, -5); /* early counts as 0 */
	assert_int_equal(h.count, 11);
	assert_int_equal(mb_latehist_quantile(&h, 0.01), 0);
}

/* 1..100000 ns: each percentile within 6.25% above the exact one. */
static void percentiles_within_a_sixteenth(void **state)
{
	static struct mb_latehist h;
	const double qs[] = { 0.5, 0.9, 0.99, 0.999 };

	(void)state;
	mb_latehist_reset(&h);
	for (int64_t v = 100000; v >= 1; v--) /* order does not matter */
		mb_latehist_add(&h, v);
	for (size_t i = 0; i < sizeof(qs) / sizeof(qs[0]); i++) {
		int64_t exact = (int64_t)(qs[i] * 100000), got = mb_latehist_quantile(&h, qs[i]);
		assert_true(got >= exact);
		assert_true(got <= exact + exact / 16 + 1);
	}
	assert_int_equal(h.max_ns, 100000);
	assert_int_equal(mb_latehist_quantile(&h, 1.0), 100000);
}

/* One hiccup among many on-time sends: p99 stays small, the max shows it. */
static void one_hiccup(void **state)
{
	static struct mb_latehist h;

	(void)state;
	mb_latehist_reset(&h);
	for (int i = 0; i < 9999; i++)
		mb_latehist_add(&h, 3000 + i % 7);
	mb_latehist_add(&h, 16000000);
	assert_true(mb_latehist_quantile(&h, 0.99) <= 3200);
	assert_true(mb_latehist_quantile(&h, 0.999) <= 3200);
	assert_int_equal(mb_latehist_quantile(&h, 1.0), 16000000);
	assert_int_equal(h.max_ns, 16000000);
}

/* Capped at the max: a bucket's top is never reported beyond it. */
static void capped_at_max(void **state)
{
	static struct mb_latehist h;

	(void)state;
	mb_latehist_reset(&h);
	mb_latehist_add(&h, 1000001);
	assert_int_equal(mb_latehist_quantile(&h, 0.5), 1000001);
	mb_latehist_add(&h, INT64_MAX); /* the top octave has room */
	assert_int_equal(mb_latehist_quantile(&h, 1.0), INT64_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(empty_is_unknown),
		cmocka_unit_test(small_values_are_exact),
		cmocka_unit_test(percentiles_within_a_sixteenth),
		cmocka_unit_test(one_hiccup),
		cmocka_unit_test(capped_at_max),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
