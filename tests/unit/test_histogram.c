/* Unit tests of analysis/histogram.c: quantiles against the exact order
 * statistics of seeded random data (within one bucket), the bucket layout
 * at its edges, merge, and the empty and one-value cases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/histogram.h"

#define N 20000

static const double qs[] = { 0, 0.0001, 0.01, 0.1, 0.5, 0.9, 0.99, 0.999, 0.9999, 1 };

/* xorshift64*: the same data on every run and every libc. */
static uint64_t next_rand(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static struct mb_hist *new_hist(void)
{
	struct mb_hist *h = malloc(sizeof(*h));

	assert_non_null(h);
	mb_hist_init(h);
	return h;
}

/* The exact quantile: sorted[ceil(q n) - 1], rank at least 1. */
static int64_t exact(const int64_t *sorted, size_t n, double q)
{
	size_t rank = (size_t)(q * (double)n);

	if ((double)rank < q * (double)n)
		rank++;
	if (rank < 1)
		rank = 1;
	return sorted[rank - 1];
}

static void check_against_exact(int64_t *v, size_t n)
{
	struct mb_hist *h = new_hist();
	unsigned __int128 sum = 0;

	for (size_t i = 0; i < n; i++) {
		mb_hist_record(h, v[i]);
		sum += (unsigned __int128)v[i];
	}
	qsort(v, n, sizeof(*v), cmp_i64);
	assert_int_equal(h->count, n);
	assert_int_equal(mb_hist_min(h), v[0]);
	assert_int_equal(mb_hist_max(h), v[n - 1]);
	assert_int_equal(mb_hist_mean(h), (int64_t)(sum / n));
	for (size_t i = 0; i < sizeof(qs) / sizeof(qs[0]); i++) {
		int64_t e = exact(v, n, qs[i]), got = mb_hist_quantile(h, qs[i]);

		assert_in_range(got, mb_hist_lowest_equiv(e), mb_hist_highest_equiv(e));
		/* One bucket is within 1/128 of the value. */
		assert_true(got - e <= e / 128 + 1);
	}
	free(h);
}

static void uniform_random(void **state)
{
	int64_t *v = malloc(N * sizeof(*v));
	uint64_t s = 0x9e3779b97f4a7c15ULL;

	(void)state;
	assert_non_null(v);
	for (size_t i = 0; i < N; i++)
		v[i] = (int64_t)(next_rand(&s) % 2000000000ULL); /* 0 .. 2 s */
	check_against_exact(v, N);
	free(v);
}

/* Latency-like: most values near 1 ms, a long tail out to minutes. */
static void log_uniform_random(void **state)
{
	int64_t *v = malloc(N * sizeof(*v));
	uint64_t s = 42;

	(void)state;
	assert_non_null(v);
	for (size_t i = 0; i < N; i++) {
		unsigned bits = (unsigned)(next_rand(&s) % 40);

		v[i] = (int64_t)(next_rand(&s) >> (64 - bits - 1)) + (bits ? 0 : 3);
	}
	check_against_exact(v, N);
	free(v);
}

/* Few distinct values: ties, and the exact linear range. */
static void small_values_exact(void **state)
{
	int64_t *v = malloc(1000 * sizeof(*v));
	uint64_t s = 7;

	(void)state;
	assert_non_null(v);
	for (size_t i = 0; i < 1000; i++)
		v[i] = (int64_t)(next_rand(&s) % 200);
	check_against_exact(v, 1000);
	free(v);
}

static void empty(void **state)
{
	struct mb_hist *h = new_hist();

	(void)state;
	assert_int_equal(h->count, 0);
	assert_int_equal(mb_hist_min(h), -1);
	assert_int_equal(mb_hist_max(h), -1);
	assert_int_equal(mb_hist_mean(h), -1);
	assert_int_equal(mb_hist_quantile(h, 0.5), -1);
	assert_int_equal(mb_hist_quantile(h, 1), -1);
	free(h);
}

static void one_value(void **state)
{
	struct mb_hist *h = new_hist();

	(void)state;
	mb_hist_record(h, 123456789);
	for (size_t i = 0; i < sizeof(qs) / sizeof(qs[0]); i++)
		assert_int_equal(mb_hist_quantile(h, qs[i]), 123456789);
	assert_int_equal(mb_hist_mean(h), 123456789);
	/* Outside 0..1 is clamped; a negative value is recorded as 0. */
	assert_int_equal(mb_hist_quantile(h, 7), 123456789);
	mb_hist_record(h, -5);
	assert_int_equal(mb_hist_min(h), 0);
	assert_int_equal(mb_hist_quantile(h, -1), 0);
	free(h);
}

static void huge_values(void **state)
{
	struct mb_hist *h = new_hist();

	(void)state;
	assert_int_equal(mb_hist_bucket(INT64_MAX), MB_HIST_BUCKETS - 1);
	assert_int_equal(mb_hist_highest_equiv(INT64_MAX), INT64_MAX);
	for (int i = 0; i < 1000; i++)
		mb_hist_record(h, INT64_MAX - i);
	mb_hist_record(h, 1);
	assert_int_equal(mb_hist_max(h), INT64_MAX);
	assert_int_equal(mb_hist_quantile(h, 1), INT64_MAX);
	assert_in_range(mb_hist_quantile(h, 0.5), mb_hist_lowest_equiv(INT64_MAX), INT64_MAX);
	/* The mean of 1000 values near INT64_MAX does not overflow. */
	assert_true(mb_hist_mean(h) > INT64_MAX / 1002 * 1000);
	free(h);
}

/* Buckets tile 0..INT64_MAX without gaps, each narrower than 1/128 of
 * its lower bound. */
static void layout(void **state)
{
	(void)state;
	for (int64_t v = 0; v < 256; v++) {
		assert_int_equal(mb_hist_bucket(v), v);
		assert_int_equal(mb_hist_highest_equiv(v), v);
	}
	for (int k = 8; k < 63; k++) {
		int64_t lo = (int64_t)1 << k;

		assert_int_equal(mb_hist_bucket(lo), mb_hist_bucket(lo - 1) + 1);
		assert_int_equal(mb_hist_lowest_equiv(lo), lo);
		assert_int_equal(mb_hist_highest_equiv(lo - 1), lo - 1);
		int64_t v = lo + lo / 3;
		int64_t w = mb_hist_highest_equiv(v) - mb_hist_lowest_equiv(v) + 1;
		assert_int_equal(w, lo / 128);
		assert_int_equal(mb_hist_highest_equiv(lo) + 1,
				 mb_hist_lowest_equiv(mb_hist_highest_equiv(lo) + 1));
	}
}

static void merge(void **state)
{
	struct mb_hist *a = new_hist(), *b = new_hist(), *all = new_hist();
	uint64_t s = 99;

	(void)state;
	mb_hist_merge(a, b); /* empty into empty */
	assert_int_equal(a->count, 0);
	assert_int_equal(mb_hist_min(a), -1);
	for (int i = 0; i < 5000; i++) {
		int64_t v = (int64_t)(next_rand(&s) % 100000000ULL);

		mb_hist_record(i % 3 ? a : b, v);
		mb_hist_record(all, v);
	}
	mb_hist_merge(a, b);
	assert_int_equal(a->count, all->count);
	assert_int_equal(mb_hist_min(a), mb_hist_min(all));
	assert_int_equal(mb_hist_max(a), mb_hist_max(all));
	assert_int_equal(mb_hist_mean(a), mb_hist_mean(all));
	for (size_t i = 0; i < sizeof(qs) / sizeof(qs[0]); i++)
		assert_int_equal(mb_hist_quantile(a, qs[i]), mb_hist_quantile(all, qs[i]));
	assert_memory_equal(a->buckets, all->buckets, sizeof(a->buckets));
	free(a);
	free(b);
	free(all);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(uniform_random),
		cmocka_unit_test(log_uniform_random),
		cmocka_unit_test(small_values_exact),
		cmocka_unit_test(empty),
		cmocka_unit_test(one_value),
		cmocka_unit_test(huge_values),
		cmocka_unit_test(layout),
		cmocka_unit_test(merge),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
