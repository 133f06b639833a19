/* Unit tests of analysis/txstamp.c: error-queue stamps to probes, out of
 * order, missing, duplicated, unknown, and the kernel's counter keys. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "analysis/txstamp.h"

static void send_all(struct mb_txmap *m, uint64_t from, uint64_t to)
{
	for (uint64_t s = from; s < to; s++)
		mb_txmap_sent(m, s, mb_txmap_key(m, s));
}

static void explicit_keys_out_of_order(void **state)
{
	struct mb_txmap m;
	uint64_t seq = 0;

	(void)state;
	assert_int_equal(mb_txmap_init(&m, 8), 0);
	send_all(&m, 0, 8);
	/* Reverse order: every stamp still finds its probe. */
	for (uint32_t k = 8; k-- > 0;) {
		assert_int_equal(mb_txmap_match(&m, k, &seq), MB_TXMATCH_OK);
		assert_int_equal(seq, k);
	}
	mb_txmap_free(&m);
}

static void duplicate_and_unknown(void **state)
{
	struct mb_txmap m;
	uint64_t seq = 99;

	(void)state;
	assert_int_equal(mb_txmap_init(&m, 16), 0);
	send_all(&m, 0, 4);
	assert_int_equal(mb_txmap_match(&m, 2, &seq), MB_TXMATCH_OK);
	assert_int_equal(seq, 2);
	seq = 99;
	assert_int_equal(mb_txmap_match(&m, 2, &seq), MB_TXMATCH_DUPLICATE);
	assert_int_equal(seq, 99); /* untouched */
	/* Never sent. */
	assert_int_equal(mb_txmap_match(&m, 7, &seq), MB_TXMATCH_UNKNOWN);
	assert_int_equal(mb_txmap_match(&m, 0xffffffffu, &seq), MB_TXMATCH_UNKNOWN);
	mb_txmap_free(&m);
}

static void missing_stamp_does_not_shift_others(void **state)
{
	struct mb_txmap m;
	uint64_t seq;

	(void)state;
	assert_int_equal(mb_txmap_init(&m, 16), 0);
	send_all(&m, 0, 5);
	/* Stamp 1 never comes (dropped before the driver). */
	for (uint32_t k = 0; k < 5; k++) {
		if (k == 1)
			continue;
		assert_int_equal(mb_txmap_match(&m, k, &seq), MB_TXMATCH_OK);
		assert_int_equal(seq, k);
	}
	mb_txmap_free(&m);
}

static void old_keys_are_forgotten(void **state)
{
	struct mb_txmap m;
	uint64_t seq;

	(void)state;
	assert_int_equal(mb_txmap_init(&m, 16), 0); /* 16 entries */
	send_all(&m, 0, 40);
	/* Key 3 was overwritten by 19, then 35: a late stamp for 3 is unknown,
	 * not taken for 35. */
	assert_int_equal(mb_txmap_match(&m, 3, &seq), MB_TXMATCH_UNKNOWN);
	assert_int_equal(mb_txmap_match(&m, 35, &seq), MB_TXMATCH_OK);
	assert_int_equal(seq, 35);
	mb_txmap_free(&m);
}

static void explicit_key_wraps_at_32_bits(void **state)
{
	struct mb_txmap m;
	uint64_t seq, big = (1ull << 32) + 1;

	(void)state;
	assert_int_equal(mb_txmap_init(&m, 16), 0);
	send_all(&m, big - 3, big + 3);
	assert_int_equal(mb_txmap_key(&m, big), 1u);
	assert_int_equal(mb_txmap_match(&m, 1, &seq), MB_TXMATCH_OK);
	assert_int_equal(seq, big);
	assert_int_equal(mb_txmap_match(&m, 0xfffffffeu, &seq), MB_TXMATCH_OK);
	assert_int_equal(seq, big - 3);
	mb_txmap_free(&m);
}

/* The kernel counts successful sends; a failed send (no route) takes no
 * key, so probe 2 (failed) is skipped and probe 3 gets key 2. */
static void counter_keys_skip_failed_sends(void **state)
{
	struct mb_txmap m;
	uint64_t seq;

	(void)state;
	assert_int_equal(mb_txmap_init(&m, 16), 0);
	mb_txmap_use_counter(&m, 0);
	for (uint64_t s = 0; s < 5; s++) {
		if (s == 2)
			continue; /* the send failed: not recorded */
		mb_txmap_sent(&m, s, mb_txmap_key(&m, s));
	}
	assert_int_equal(mb_txmap_match(&m, 2, &seq), MB_TXMATCH_OK);
	assert_int_equal(seq, 3);
	assert_int_equal(mb_txmap_match(&m, 3, &seq), MB_TXMATCH_OK);
	assert_int_equal(seq, 4);
	assert_int_equal(mb_txmap_match(&m, 4, &seq), MB_TXMATCH_UNKNOWN);
	mb_txmap_free(&m);
}

/* Switching to the counter forgets the explicit keys given before. */
static void switch_to_counter_forgets(void **state)
{
	struct mb_txmap m;
	uint64_t seq;

	(void)state;
	assert_int_equal(mb_txmap_init(&m, 16), 0);
	send_all(&m, 0, 3);
	mb_txmap_use_counter(&m, 0);
	assert_int_equal(mb_txmap_match(&m, 1, &seq), MB_TXMATCH_UNKNOWN);
	mb_txmap_sent(&m, 3, mb_txmap_key(&m, 3));
	assert_int_equal(mb_txmap_match(&m, 0, &seq), MB_TXMATCH_OK);
	assert_int_equal(seq, 3);
	mb_txmap_free(&m);
}

static void plausibility(void **state)
{
	(void)state;
	assert_true(mb_txstamp_plausible(1000, 1000, 50, 10000));
	assert_true(mb_txstamp_plausible(1000, 980, 50, 10000));   /* offset error */
	assert_false(mb_txstamp_plausible(1000, 900, 50, 10000));  /* before the send */
	assert_true(mb_txstamp_plausible(1000, 11000, 50, 10000));
	assert_false(mb_txstamp_plausible(1000, 11001, 50, 10000)); /* another probe's */
}

/* A stampless probe after a stamped one the qdisc held: its user-space
 * time would precede the previous send; raised to it, and its reply too. */
static void keep_order(void **state)
{
	int64_t sent = 900, recv = 950;

	(void)state;
	mb_txstamp_keep_order(1000, &sent, &recv);
	assert_int_equal(sent, 1000);
	assert_int_equal(recv, 1000);
	sent = 1100, recv = 1200;
	mb_txstamp_keep_order(1000, &sent, &recv);
	assert_int_equal(sent, 1100);
	assert_int_equal(recv, 1200);
	sent = 900, recv = -1; /* lost: stays without a reply */
	mb_txstamp_keep_order(1000, &sent, &recv);
	assert_int_equal(sent, 1000);
	assert_int_equal(recv, -1);
	sent = 5, recv = -1; /* the first probe */
	mb_txstamp_keep_order(-1, &sent, &recv);
	assert_int_equal(sent, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(explicit_keys_out_of_order),
		cmocka_unit_test(duplicate_and_unknown),
		cmocka_unit_test(missing_stamp_does_not_shift_others),
		cmocka_unit_test(old_keys_are_forgotten),
		cmocka_unit_test(explicit_key_wraps_at_32_bits),
		cmocka_unit_test(counter_keys_skip_failed_sends),
		cmocka_unit_test(switch_to_counter_forgets),
		cmocka_unit_test(plausibility),
		cmocka_unit_test(keep_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
