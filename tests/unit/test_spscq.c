/* Unit tests of probes/spscq.c, the generic ring under sampleq and appq:
 * whole elements of any size go through in order across the wrap, a full
 * ring refuses and counts, and a zero element size is refused. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "probes/spscq.h"

/* An odd size, so a slot index mistaken for a byte offset shows. */
struct odd {
	uint32_t id;
	char tag[9];
};

static struct odd odd(uint32_t id)
{
	struct odd e;

	memset(&e, 0, sizeof(e));
	e.id = id;
	memset(e.tag, 'a' + (int)(id % 26), sizeof(e.tag) - 1);
	return e;
}

static void zero_size_refused(void **state)
{
	(void)state;
	assert_null(mb_spscq_new(0, 16));
}

static void capacity_rounds_up(void **state)
{
	struct mb_spscq *q = mb_spscq_new(sizeof(struct odd), 17);

	(void)state;
	assert_non_null(q);
	assert_int_equal(mb_spscq_capacity(q), 32);
	mb_spscq_free(q);
	q = mb_spscq_new(1, 0);
	assert_non_null(q);
	assert_int_equal(mb_spscq_capacity(q), 16);
	mb_spscq_free(q);
	mb_spscq_free(NULL);
}

static void order_across_the_wrap(void **state)
{
	struct mb_spscq *q = mb_spscq_new(sizeof(struct odd), 16);
	struct odd e, out[16];
	uint32_t next_in = 0, next_out = 0;

	(void)state;
	assert_non_null(q);
	/* 10 in, 7 out, many times: the indexes wrap the 16 slots often. */
	for (int round = 0; round < 40; round++) {
		for (int i = 0; i < 10 && next_in - next_out < 16; i++) {
			e = odd(next_in++);
			assert_true(mb_spscq_push(q, &e));
		}
		size_t n = mb_spscq_pop(q, out, 7);

		assert_true(n <= 7);
		for (size_t i = 0; i < n; i++) {
			e = odd(next_out++);
			assert_memory_equal(&out[i], &e, sizeof(e));
		}
	}
	assert_int_equal(mb_spscq_dropped(q), 0);
	mb_spscq_free(q);
}

static void full_ring_drops_and_counts(void **state)
{
	struct mb_spscq *q = mb_spscq_new(sizeof(struct odd), 16);
	struct odd e, out[32];

	(void)state;
	assert_non_null(q);
	for (uint32_t i = 0; i < 16; i++) {
		e = odd(i);
		assert_true(mb_spscq_push(q, &e));
	}
	e = odd(99);
	assert_false(mb_spscq_push(q, &e));
	assert_false(mb_spscq_push(q, &e));
	assert_int_equal(mb_spscq_dropped(q), 2);
	/* The refused pushes left the ring as it was. */
	assert_int_equal(mb_spscq_pop(q, out, 32), 16);
	for (uint32_t i = 0; i < 16; i++)
		assert_int_equal(out[i].id, i);
	assert_int_equal(mb_spscq_pop(q, out, 32), 0);
	/* Room again after the pop; the count stays. */
	assert_true(mb_spscq_push(q, &e));
	assert_int_equal(mb_spscq_dropped(q), 2);
	mb_spscq_free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(zero_size_refused),
		cmocka_unit_test(capacity_rounds_up),
		cmocka_unit_test(order_across_the_wrap),
		cmocka_unit_test(full_ring_drops_and_counts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
