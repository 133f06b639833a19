/* Unit tests of analysis/convergence.c on synthetic job-statistics
 * timelines: a converging guest, one converged only by auto-converge, one
 * that never converges, one completed by post-copy. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/convergence.h"

#define MIB 1048576LL
#define MS 1000000LL
#define STEP (100 * MS)

/* One pre-copy iteration as the generator lays it out. */
struct seg {
	int64_t duration_ns;
	int64_t remaining;      /* at its start */
	int64_t bps;            /* sending rate */
	int64_t throttle;
};

struct tl {
	struct mb_conv_sample s[1000];
	size_t n;
	int64_t end_ns, processed;
};

/* Samples every 100 ms from 50 ms on (the migration starts at 0). */
static void build(struct tl *tl, const struct seg *segs, size_t nsegs)
{
	int64_t start = 0, t = 50 * MS, processed = 0;

	memset(tl, 0, sizeof(*tl));
	for (size_t k = 0; k < nsegs; k++) {
		const struct seg *g = &segs[k];

		for (; t < start + g->duration_ns; t += STEP) {
			int64_t sent = g->bps * (t - start) / 1000000000;

			tl->s[tl->n++] = (struct mb_conv_sample){
				.t_ns = t, .iteration = (int64_t)k + 1, .processed = processed + sent,
				.remaining = g->remaining - sent, .dirty_rate = 0, .page_size = 4096,
				.throttle = g->throttle, .downtime_ms = 40,
			};
		}
		processed += g->bps * g->duration_ns / 1000000000;
		start += g->duration_ns;
	}
	tl->end_ns = start;
	tl->processed = processed;
}

static struct mb_conv_result *audit(const struct tl *tl, enum mb_conv_outcome o, int64_t postcopy_ns,
				    const struct mb_conv_event *ev, size_t nev)
{
	struct mb_conv_result *r = malloc(sizeof(*r));
	struct mb_conv_input in = {
		.samples = tl->s, .n = tl->n, .events = ev, .nevents = nev,
		.start_ns = 0, .end_ns = tl->end_ns, .postcopy_ns = postcopy_ns, .outcome = o,
		.max_downtime_ms = -1, .measured_downtime_ms = 60,
		.final_processed = o == MB_CONV_COMPLETED ? tl->processed : -1,
	};

	assert_non_null(r);
	mb_convergence_audit(&in, r);
	return r;
}

static void assert_near(int64_t got, int64_t want, int64_t tol)
{
	if (llabs(got - want) > tol)
		fail_msg("%lld not within %lld of %lld", (long long)got, (long long)tol, (long long)want);
}

static void converging(void **state)
{
	/* 200 MiB at 100 MiB/s; the guest dirtied 20 MiB meanwhile, then 2. */
	static const struct seg segs[] = {
		{ 2000 * MS, 200 * MIB, 100 * MIB, 0 },
		{ 200 * MS, 20 * MIB, 100 * MIB, 0 },
		{ 100 * MS, 2 * MIB, 20 * MIB, 0 },
	};
	static struct tl tl;
	struct mb_conv_result *r;

	(void)state;
	build(&tl, segs, 3);
	r = audit(&tl, MB_CONV_COMPLETED, -1, NULL, 0);
	assert_int_equal(r->verdict, MB_CONV_CONVERGED);
	assert_string_equal(r->verdict_text, "converged in 3 iterations");
	assert_string_equal(r->switchover, "the remaining data fit the downtime limit (300 ms, the default)");
	assert_int_equal(r->n, 3);
	assert_int_equal(r->iters[0].start_ns, 50 * MS);	/* the first sample of it */
	/* From its first sample to the next iteration's: 2 s at 100 MiB/s. */
	assert_int_equal(r->iters[0].duration_ns, 2000 * MS);
	assert_near(r->iters[0].bytes, 200 * MIB, MIB / 100);
	assert_near(r->iters[0].transfer_bps, 100 * MIB, MIB / 100);
	/* Iteration 2 found 20 MiB (minus 50 ms of sending) after 2 s. */
	assert_true(r->iters[0].dirty_estimated);
	assert_near(r->iters[0].dirty_bps, 15 * MIB / 2, MIB / 100);
	assert_int_equal(r->iters[1].remaining, 20 * MIB - 5 * MIB);
	assert_false(r->iters[2].complete);
	assert_int_equal(r->iters[2].dirty_bps, -1);
	assert_int_equal(r->expected_downtime_ms, 40);
	assert_int_equal(r->measured_downtime_ms, 60);
	free(r);
}

static void events_refine_starts(void **state)
{
	static const struct seg segs[] = {
		{ 2000 * MS, 200 * MIB, 100 * MIB, 0 },
		{ 500 * MS, 20 * MIB, 100 * MIB, 0 },
	};
	static const struct mb_conv_event ev[] = { { 0, 1 }, { 2000 * MS, 2 } };
	static struct tl tl;
	struct mb_conv_result *r;

	(void)state;
	build(&tl, segs, 2);
	r = audit(&tl, MB_CONV_COMPLETED, -1, ev, 2);
	assert_int_equal(r->n, 2);
	assert_int_equal(r->iters[0].start_ns, 0);
	assert_int_equal(r->iters[1].start_ns, 2000 * MS);
	assert_near(r->iters[0].bytes, 200 * MIB, MIB / 100);
	assert_int_equal(r->iters[0].duration_ns, 2000 * MS);
	free(r);
}

/* An iteration shorter than the sampling period is known by its event
 * only: the one before it takes its dirty rate from what it sent. */
static void unsampled_iteration(void **state)
{
	static const struct seg segs[] = {
		{ 2000 * MS, 200 * MIB, 100 * MIB, 0 },
		{ 50 * MS, 5 * MIB, 100 * MIB, 0 },
		{ 500 * MS, 1 * MIB, 2 * MIB, 0 },
	};
	static const struct mb_conv_event ev[] = { { 2000 * MS, 2 }, { 2050 * MS, 3 } };
	static struct tl tl;
	struct mb_conv_result *r;

	(void)state;
	build(&tl, segs, 3);
	r = audit(&tl, MB_CONV_COMPLETED, -1, ev, 2);
	assert_int_equal(r->n, 3);
	assert_int_equal(r->iters[1].start_ns, 2000 * MS);
	assert_int_equal(r->iters[1].remaining, -1);
	assert_true(r->iters[1].bytes > 0);
	assert_true(r->iters[0].dirty_estimated);
	assert_int_equal(r->iters[0].dirty_bps,
			 (int64_t)((double)r->iters[1].bytes * 1e9 / (double)r->iters[0].duration_ns));
	free(r);
}

static void throttled(void **state)
{
	/* 64 MiB dirtied as fast as sent, until the throttle bites. */
	static const struct seg segs[] = {
		{ 2000 * MS, 200 * MIB, 100 * MIB, 0 },
		{ 640 * MS, 64 * MIB, 100 * MIB, 0 },
		{ 640 * MS, 64 * MIB, 100 * MIB, 20 },
		{ 400 * MS, 40 * MIB, 100 * MIB, 40 },
		{ 100 * MS, 5 * MIB, 100 * MIB, 40 },
	};
	static struct tl tl;
	struct mb_conv_result *r;

	(void)state;
	build(&tl, segs, 5);
	r = audit(&tl, MB_CONV_COMPLETED, -1, NULL, 0);
	assert_int_equal(r->verdict, MB_CONV_THROTTLED);
	assert_int_equal(r->max_throttle, 40);
	assert_string_equal(r->verdict_text, "converged only by throttling (40%) in 5 iterations");
	assert_non_null(strstr(r->switchover, "auto-converge throttled the guest by 40%"));
	free(r);
}

static void never_converging(void **state)
{
	/* 128 MiB rewritten during every 2.56 s pass at 50 MiB/s; --timeout. */
	static const struct seg segs[] = {
		{ 5000 * MS, 250 * MIB, 50 * MIB, 0 },
		{ 2560 * MS, 128 * MIB, 50 * MIB, 0 },
		{ 2560 * MS, 136 * MIB, 50 * MIB, 0 },
		{ 2560 * MS, 136 * MIB, 50 * MIB, 0 },
		{ 1000 * MS, 136 * MIB, 50 * MIB, 0 },
	};
	static struct tl tl;
	struct mb_conv_result *r;

	(void)state;
	build(&tl, segs, 5);
	r = audit(&tl, MB_CONV_ABORTED_TIMEOUT, -1, NULL, 0);
	assert_int_equal(r->verdict, MB_CONV_NOT_CONVERGED);
	assert_string_equal(mb_conv_verdict_name(r->verdict), "not-converged");
	assert_non_null(strstr(r->verdict_text, "did not converge: dirty rate at least "));
	assert_non_null(strstr(r->verdict_text, "above transfer rate"));
	assert_non_null(strstr(r->verdict_text, "(iteration 4)"));
	assert_string_equal(r->switchover, "none: ended by --timeout in iteration 5");
	assert_int_equal(r->n, 5);
	/* Not completed: the last iteration's bytes are not known past the samples. */
	assert_int_equal(r->iters[4].bytes, -1);
	free(r);
}

static void first_pass_abort(void **state)
{
	static const struct seg segs[] = { { 3000 * MS, 250 * MIB, 20 * MIB, 0 } };
	static struct tl tl;
	struct mb_conv_result *r;

	(void)state;
	build(&tl, segs, 1);
	r = audit(&tl, MB_CONV_ABORTED, -1, NULL, 0);
	assert_int_equal(r->verdict, MB_CONV_NOT_CONVERGED);
	assert_string_equal(r->verdict_text, "did not converge: ended during the first pass over memory");
	assert_string_equal(r->switchover, "none: ended by abort in iteration 1");
	free(r);
}

static void postcopy(void **state)
{
	static const struct seg segs[] = {
		{ 2000 * MS, 200 * MIB, 100 * MIB, 0 },
		{ 640 * MS, 64 * MIB, 100 * MIB, 0 },
		{ 800 * MS, 64 * MIB, 100 * MIB, 0 },
	};
	static struct tl tl;
	struct mb_conv_result *r;

	(void)state;
	build(&tl, segs, 3);
	r = audit(&tl, MB_CONV_COMPLETED, 2300 * MS, NULL, 0);
	assert_int_equal(r->verdict, MB_CONV_POSTCOPY);
	assert_string_equal(r->switchover, "post-copy switched in iteration 2");
	assert_string_equal(r->verdict_text, "completed by post-copy after 2 pre-copy iterations");
	free(r);
}

static void reported_dirty_rate(void **state)
{
	static const struct seg segs[] = {
		{ 1000 * MS, 100 * MIB, 100 * MIB, 0 },
		{ 100 * MS, 1 * MIB, 100 * MIB, 0 },
	};
	static struct tl tl;
	struct mb_conv_result *r;

	(void)state;
	build(&tl, segs, 2);
	for (size_t i = 0; i < tl.n; i++)
		tl.s[i].dirty_rate = 1000;	/* pages per second */
	r = audit(&tl, MB_CONV_COMPLETED, -1, NULL, 0);
	assert_int_equal(r->iters[0].dirty_bps, 4096000);
	assert_false(r->iters[0].dirty_estimated);
	free(r);
}

static void no_samples(void **state)
{
	static struct tl tl;
	struct mb_conv_result *r;

	(void)state;
	memset(&tl, 0, sizeof(tl));
	tl.end_ns = 100 * MS;
	r = audit(&tl, MB_CONV_COMPLETED, -1, NULL, 0);
	assert_int_equal(r->verdict, MB_CONV_NO_DATA);
	assert_int_equal(r->n, 0);
	assert_int_equal(r->expected_downtime_ms, -1);
	free(r);
}

/* An iteration count that goes back (a hostile or confused hypervisor)
 * is ignored, never a new iteration or an out-of-bounds index. */
static void count_going_back(void **state)
{
	static const struct seg segs[] = {
		{ 500 * MS, 50 * MIB, 100 * MIB, 0 },
		{ 500 * MS, 5 * MIB, 10 * MIB, 0 },
	};
	static struct tl tl;
	struct mb_conv_result *r;

	(void)state;
	build(&tl, segs, 2);
	tl.s[tl.n - 1].iteration = 1;
	tl.s[tl.n - 2].iteration = -7;
	r = audit(&tl, MB_CONV_COMPLETED, -1, NULL, 0);
	assert_int_equal(r->n, 2);
	free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(converging),
		cmocka_unit_test(events_refine_starts),
		cmocka_unit_test(unsampled_iteration),
		cmocka_unit_test(throttled),
		cmocka_unit_test(never_converging),
		cmocka_unit_test(first_pass_abort),
		cmocka_unit_test(postcopy),
		cmocka_unit_test(reported_dirty_rate),
		cmocka_unit_test(no_samples),
		cmocka_unit_test(count_going_back),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
