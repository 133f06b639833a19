/* Unit tests of probes/sampleq.c: order, capacity, and the count of
 * samples dropped on a full queue (the prober never waits for its
 * consumer). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "probes/sampleq.h"

static struct mb_probe_sample sample(uint64_t seq)
{
	struct mb_probe_sample s = { .seq = seq, .sent_ns = (int64_t)seq * 1000, .recv_ns = -1 };

	return s;
}

static void capacity_rounds_up(void **state)
{
	struct mb_sampleq *q = mb_sampleq_new(100);

	(void)state;
	assert_non_null(q);
	assert_int_equal(mb_sampleq_capacity(q), 128);
	assert_int_equal(mb_sampleq_dropped(q), 0);
	mb_sampleq_free(q);
}

static void full_queue_drops_and_counts(void **state)
{
	struct mb_sampleq *q = mb_sampleq_new(16);
	struct mb_probe_sample s, out[32];
	size_t cap;

	(void)state;
	assert_non_null(q);
	cap = mb_sampleq_capacity(q);
	for (uint64_t i = 0; i < cap; i++) {
		s = sample(i);
		assert_true(mb_sampleq_push(q, &s));
	}
	assert_int_equal(mb_sampleq_dropped(q), 0);
	/* Full: refused at once, counted, the queue unchanged. */
	s = sample(cap);
	assert_false(mb_sampleq_push(q, &s));
	s = sample(cap + 1);
	assert_false(mb_sampleq_push(q, &s));
	assert_int_equal(mb_sampleq_dropped(q), 2);
	/* Room for one: the next push is taken; the count stays. */
	assert_int_equal(mb_sampleq_pop(q, out, 1), 1);
	assert_int_equal(out[0].seq, 0);
	s = sample(cap + 2);
	assert_true(mb_sampleq_push(q, &s));
	assert_int_equal(mb_sampleq_dropped(q), 2);
	/* Oldest first; the dropped ones are not there. */
	assert_int_equal(mb_sampleq_pop(q, out, 32), cap);
	for (size_t i = 0; i + 1 < cap; i++)
		assert_int_equal(out[i].seq, i + 1);
	assert_int_equal(out[cap - 1].seq, cap + 2);
	assert_int_equal(mb_sampleq_pop(q, out, 32), 0);
	mb_sampleq_free(q);
}

static void wraps_around(void **state)
{
	struct mb_sampleq *q = mb_sampleq_new(16);
	struct mb_probe_sample s, out[4];
	uint64_t next = 0;

	(void)state;
	for (uint64_t i = 0; i < 1000; i++) {
		s = sample(i);
		assert_true(mb_sampleq_push(q, &s));
		if (i % 3 == 2) {
			size_t n = mb_sampleq_pop(q, out, 4);

			for (size_t k = 0; k < n; k++)
				assert_int_equal(out[k].seq, next++);
		}
	}
	assert_int_equal(mb_sampleq_dropped(q), 0);
	mb_sampleq_free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(capacity_rounds_up),
		cmocka_unit_test(full_queue_drops_and_counts),
		cmocka_unit_test(wraps_around),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
