/* Unit tests of analysis/snapio/snapio_plan.c: the campaign's write plan is
 * deterministic, honours the deletion ratio and never deletes a file
 * twice or before it exists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/snapio/snapio_plan.h"

#define MAXF 4096

static struct mb_snapio_plan *plan(unsigned layers, unsigned files, uint32_t ppm, uint64_t seed)
{
	struct mb_snapio_plan_config cfg = { layers, files, 1 << 20, ppm, seed };
	struct mb_snapio_plan *p = mb_snapio_plan_new(&cfg);

	assert_non_null(p);
	return p;
}

static void splitmix64_reference(void **state)
{
	/* First outputs for seed 0 (the generator's published reference). */
	uint64_t s = 0;

	(void)state;
	assert_true(mb_splitmix64(&s) == 0xe220a8397b1dcdafULL);
	assert_true(mb_splitmix64(&s) == 0x6e789e6aa1b965f4ULL);
	assert_true(mb_splitmix64(&s) == 0x06c45d188009454fULL);
}

static void same_seed_same_plan(void **state)
{
	struct mb_snapio_plan *a = plan(6, 20, 590000, 42), *b = plan(6, 20, 590000, 42);
	struct mb_snapio_plan *c = plan(6, 20, 590000, 43);
	static struct mb_snapio_file fa[MAXF], fb[MAXF], fc[MAXF];
	int differs = 0;

	(void)state;
	for (unsigned l = 1; l <= 6; l++) {
		size_t na = mb_snapio_plan_deleted(a, l, fa, MAXF);
		size_t nb = mb_snapio_plan_deleted(b, l, fb, MAXF);
		size_t nc = mb_snapio_plan_deleted(c, l, fc, MAXF);

		assert_int_equal(na, nb);
		assert_memory_equal(fa, fb, na * sizeof(fa[0]));
		differs |= na != nc || memcmp(fa, fc, na * sizeof(fa[0]));
	}
	assert_true(differs);
	mb_snapio_plan_free(a);
	mb_snapio_plan_free(b);
	mb_snapio_plan_free(c);
}

static void ratio_extremes(void **state)
{
	struct mb_snapio_plan *none = plan(4, 3, 0, 1), *all = plan(4, 3, 1000000, 1);
	struct mb_snapio_file f[64];

	(void)state;
	for (unsigned l = 1; l <= 4; l++) {
		assert_int_equal(mb_snapio_plan_deleted(none, l, f, 64), 0);
		assert_int_equal(mb_snapio_plan_live(none, l, f, 64), 3 * l);
		/* Everything earlier goes: only this layer's files stay. */
		assert_int_equal(mb_snapio_plan_deleted(all, l, f, 64), l == 1 ? 0 : 3);
		assert_int_equal(mb_snapio_plan_live(all, l, f, 64), 3);
		assert_int_equal(f[0].layer, l);
	}
	assert_true(mb_snapio_plan_peak_bytes(none) == 12ULL << 20);
	assert_true(mb_snapio_plan_peak_bytes(all) == 3ULL << 20);
	assert_int_equal(mb_snapio_plan_live(none, 0, f, 64), 0);
	mb_snapio_plan_free(none);
	mb_snapio_plan_free(all);
}

/* live(l) = live(l-1) - deleted(l) + the layer's own files, and the
 * deleted files were live before. */
static void live_sets_are_consistent(void **state)
{
	struct mb_snapio_plan *p = plan(10, 20, 590000, 7);
	static struct mb_snapio_file before[MAXF], gone[MAXF], after[MAXF];
	size_t total_deleted = 0;

	(void)state;
	for (unsigned l = 1; l <= 10; l++) {
		size_t nb = mb_snapio_plan_live(p, l - 1, before, MAXF);
		size_t nd = mb_snapio_plan_deleted(p, l, gone, MAXF);
		size_t na = mb_snapio_plan_live(p, l, after, MAXF);

		assert_int_equal(na, nb - nd + 20);
		for (size_t i = 0; i < nd; i++) {
			int found = 0;

			assert_true(gone[i].layer < l);
			for (size_t j = 0; j < nb; j++)
				found |= before[j].layer == gone[i].layer && before[j].index == gone[i].index;
			assert_true(found);
		}
		total_deleted += nd;
	}
	/* 59% of what is there each time: live files settle near 20 / 0.59,
	 * so about 166 deletions in all (expectation; a deviation near 10). */
	assert_in_range(total_deleted, 130, 200);
	mb_snapio_plan_free(p);
}

static void counts_beyond_max(void **state)
{
	struct mb_snapio_plan *p = plan(3, 5, 0, 1);
	struct mb_snapio_file f[2];

	(void)state;
	assert_int_equal(mb_snapio_plan_live(p, 3, f, 2), 15);
	assert_int_equal(f[0].layer, 1);
	assert_int_equal(f[1].index, 1);
	assert_int_equal(mb_snapio_plan_live(p, 4, f, 2), 0);
	mb_snapio_plan_free(p);
}

static void bad_configs(void **state)
{
	struct mb_snapio_plan_config c0 = { 0, 1, 1, 0, 0 }, c1 = { 1, 1, 1, 1000001, 0 };
	struct mb_snapio_plan_config c2 = { MB_SNAPIO_MAX_LAYERS + 1, 1, 1, 0, 0 };

	(void)state;
	assert_null(mb_snapio_plan_new(&c0));
	assert_null(mb_snapio_plan_new(&c1));
	assert_null(mb_snapio_plan_new(&c2));
}

static void names(void **state)
{
	struct mb_snapio_file f = { 3, 7 };
	char buf[32];

	(void)state;
	assert_int_equal(mb_snapio_file_name(&f, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "layer003-file0007.dat");
	assert_int_equal(mb_snapio_tag_name(12, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "TAG_layer012");
	assert_int_equal(mb_snapio_file_name(&f, buf, 8), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(splitmix64_reference),
		cmocka_unit_test(same_seed_same_plan),
		cmocka_unit_test(ratio_extremes),
		cmocka_unit_test(live_sets_are_consistent),
		cmocka_unit_test(counts_beyond_max),
		cmocka_unit_test(bad_configs),
		cmocka_unit_test(names),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
