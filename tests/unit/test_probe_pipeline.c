/* Unit tests of the consumer side of src/probe/probe_pipeline.c: samples
 * a full queue dropped cut the analysis at the first one missing (the
 * analyzer needs every sequence number), and the drop is reported once. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "src/probe/probe_pipeline.h"

static void setup(struct mb_probe_pipeline *p, size_t cap)
{
	memset(p, 0, sizeof(*p));
	p->cfg = (struct mb_outage_config){ .interval_ns = 1000000, .late_after_ns = 100000000,
					    .lost_after_ns = 1000000000 };
	p->queue = mb_sampleq_new(cap);
	p->outage = mb_outage_new(&p->cfg);
	assert_non_null(p->queue);
	assert_non_null(p->outage);
}

static void push(struct mb_probe_pipeline *p, uint64_t from, uint64_t to, bool want)
{
	for (uint64_t seq = from; seq < to; seq++) {
		struct mb_probe_sample s = { .seq = seq, .sent_ns = 1000000 * (int64_t)(seq + 1),
					     .recv_ns = 1000000 * (int64_t)(seq + 1) + 50000,
					     .replies = 1 };

		assert_int_equal(mb_sampleq_push(p->queue, &s), want);
	}
}

static void no_drop_no_cut(void **state)
{
	struct mb_probe_pipeline p;
	struct mb_outage_result r;

	(void)state;
	setup(&p, 16);
	push(&p, 0, 16, true);
	mb_pipeline_drain(&p);
	push(&p, 16, 32, true);
	mb_pipeline_drain(&p);
	mb_outage_result(p.outage, &r);
	assert_int_equal(r.sent, 32);
	assert_false(p.cut);
	assert_int_equal(p.refused, 0);
	assert_int_equal(mb_sampleq_dropped(p.queue), 0);
	mb_pipeline_free(&p);
}

static void drop_cuts_analysis(void **state)
{
	struct mb_probe_pipeline p;
	struct mb_outage_result r;

	(void)state;
	setup(&p, 16);
	push(&p, 0, 16, true);
	push(&p, 16, 20, false); /* full: dropped, the producer goes on */
	assert_int_equal(mb_sampleq_dropped(p.queue), 4);
	mb_pipeline_drain(&p);
	push(&p, 20, 30, true);
	mb_pipeline_drain(&p);
	mb_outage_result(p.outage, &r);
	/* The analysis holds 0..15 only; nothing is a refusal (a bug). */
	assert_int_equal(r.sent, 16);
	assert_int_equal(r.lost, 0);
	assert_true(p.cut);
	assert_int_equal(p.cut_seq, 16);
	assert_int_equal(p.refused, 0);
	mb_pipeline_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_drop_no_cut),
		cmocka_unit_test(drop_cuts_analysis),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
