/* Unit tests of analysis/snapio/snapio_steps.c: the campaign's step order, what
 * the domain may look like at each step, and the journal names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/snapio/snapio_steps.h"

/* The whole sequence as "phase:n:step[:file]" words, space separated. */
static void walk(const struct mb_snapio_shape *s, char *buf, size_t len)
{
	struct mb_snapio_cursor c;
	size_t used = 0;

	mb_snapio_first(&c);
	buf[0] = '\0';
	for (int guard = 0; guard < 1000 && c.phase != MB_PHASE_DONE; guard++) {
		assert_true(mb_snapio_cursor_valid(s, &c));
		used += (size_t)snprintf(buf + used, len - used, "%s%c%u%s%s", used ? " " : "",
					 mb_snapio_phase_name(c.phase)[0], c.n,
					 c.step == MB_STEP_FILE ? "f" : ":",
					 c.step == MB_STEP_FILE ? "" : mb_snapio_step_name(c.step));
		if (c.step == MB_STEP_FILE)
			used += (size_t)snprintf(buf + used, len - used, "%u", c.file);
		mb_snapio_next(s, &c);
	}
	assert_int_equal(c.phase, MB_PHASE_DONE);
	assert_true(mb_snapio_cursor_valid(s, &c));
}

static void manual_sequence(void **state)
{
	struct mb_snapio_shape s = { 2, 2, false, 1 };
	char buf[2048];

	(void)state;
	walk(&s, buf, sizeof(buf));
	assert_string_equal(buf,
		"b1:snapshot b1:tag b1:delete b1f0 b1f1 b1:sync b1:manifest "
		"b2:snapshot b2:tag b2:delete b2f0 b2f1 b2:sync b2:manifest "
		"m2:integrity m2:fio m2:shutdown m2:drop-metadata m2:redefine m2:remove-overlay m2:start m2:agent "
		"m1:integrity m1:fio m1:shutdown m1:drop-metadata m1:redefine m1:remove-overlay m1:start m1:agent "
		"m0:integrity m0:fio");
}

static void native_sequence_without_files(void **state)
{
	struct mb_snapio_shape s = { 1, 0, true, 1 };
	char buf[1024];

	(void)state;
	walk(&s, buf, sizeof(buf));
	assert_string_equal(buf,
		"b1:snapshot b1:tag b1:delete b1:sync b1:manifest "
		"m1:integrity m1:fio m1:native-revert m1:agent m0:integrity m0:fio");
}

static void unwind(void **state)
{
	struct mb_snapio_shape s = { 3, 1, false, 1 };
	struct mb_snapio_cursor c;

	(void)state;
	mb_snapio_unwind(&s, 0, false, &c);
	assert_int_equal(c.phase, MB_PHASE_DONE);
	/* At depth 0 with an overlay file or metadata left: the whole revert. */
	mb_snapio_unwind(&s, 0, true, &c);
	assert_int_equal(c.phase, MB_PHASE_UNWIND);
	assert_int_equal(c.step, MB_STEP_SHUTDOWN);
	assert_int_equal(c.n, 0);
	assert_true(mb_snapio_cursor_valid(&s, &c));
	mb_snapio_unwind(&s, 2, false, &c);
	assert_int_equal(c.phase, MB_PHASE_UNWIND);
	assert_int_equal(c.step, MB_STEP_SHUTDOWN);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.to, 0);
	for (int i = 0; i < 5; i++)
		mb_snapio_next(&s, &c);
	assert_int_equal(c.step, MB_STEP_AGENT);
	assert_true(mb_snapio_cursor_valid(&s, &c));
	mb_snapio_next(&s, &c);
	assert_int_equal(c.phase, MB_PHASE_DONE);
}

static void expectations(void **state)
{
	struct mb_snapio_cursor c = { MB_PHASE_BUILD, MB_STEP_SNAPSHOT, 2, 0, 0, 0 };
	struct mb_snapio_expect e;

	(void)state;
	mb_snapio_expect(&c, &e);
	assert_int_equal(e.disk_lo, 1);
	assert_int_equal(e.disk_hi, 2);
	assert_true(e.needs_running);
	c = (struct mb_snapio_cursor){ MB_PHASE_BUILD, MB_STEP_FILE, 2, 0, 3, 0 };
	mb_snapio_expect(&c, &e);
	assert_int_equal(e.disk_lo, 2);
	assert_int_equal(e.meta_hi, 2);
	c = (struct mb_snapio_cursor){ MB_PHASE_MEASURE, MB_STEP_DROP_METADATA, 3, 2, 0, 0 };
	mb_snapio_expect(&c, &e);
	assert_int_equal(e.disk_lo, 3);
	assert_int_equal(e.disk_hi, 3);
	assert_int_equal(e.meta_lo, 2);
	assert_int_equal(e.meta_hi, 3);
	assert_false(e.needs_running);
	c.step = MB_STEP_REDEFINE;
	mb_snapio_expect(&c, &e);
	assert_int_equal(e.disk_lo, 2);
	assert_int_equal(e.disk_hi, 3);
	assert_int_equal(e.meta_lo, 2);
	assert_int_equal(e.meta_hi, 2);
	c.step = MB_STEP_START;
	mb_snapio_expect(&c, &e);
	assert_int_equal(e.disk_hi, 2);
	c = (struct mb_snapio_cursor){ MB_PHASE_UNWIND, MB_STEP_REDEFINE, 3, 0, 0, 0 };
	mb_snapio_expect(&c, &e);
	assert_int_equal(e.disk_lo, 0);
	assert_int_equal(e.disk_hi, 3);
}

static void validity(void **state)
{
	struct mb_snapio_shape s = { 2, 3, false, 1 };
	const struct mb_snapio_cursor bad[] = {
		{ MB_PHASE_BUILD, MB_STEP_SNAPSHOT, 0, 0, 0, 0 },
		{ MB_PHASE_BUILD, MB_STEP_SNAPSHOT, 3, 0, 0, 0 },
		{ MB_PHASE_BUILD, MB_STEP_FILE, 1, 0, 3, 0 },
		{ MB_PHASE_BUILD, MB_STEP_FIO, 1, 0, 0, 0 },
		{ MB_PHASE_MEASURE, MB_STEP_FIO, 3, 0, 0, 0 },
		{ MB_PHASE_MEASURE, MB_STEP_SHUTDOWN, 0, 0, 0, 0 },
		{ MB_PHASE_MEASURE, MB_STEP_SHUTDOWN, 2, 0, 0, 0 },
		{ MB_PHASE_MEASURE, MB_STEP_NATIVE_REVERT, 2, 1, 0, 0 },
		{ MB_PHASE_UNWIND, MB_STEP_START, 2, 1, 0, 0 },
		{ MB_PHASE_UNWIND, MB_STEP_START, 3, 0, 0, 0 },
		{ MB_PHASE_DONE, MB_STEP_FIO, 0, 0, 0, 0 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		print_message("# case %zu\n", i);
		assert_false(mb_snapio_cursor_valid(&s, &bad[i]));
	}
}

static void names_round_trip(void **state)
{
	(void)state;
	for (int p = MB_PHASE_BUILD; p <= MB_PHASE_DONE; p++) {
		enum mb_snapio_phase back;

		assert_int_equal(mb_snapio_phase_parse(mb_snapio_phase_name((enum mb_snapio_phase)p), &back), 0);
		assert_int_equal(back, p);
	}
	for (int st = MB_STEP_SNAPSHOT; st <= MB_STEP_NONE; st++) {
		enum mb_snapio_step back;

		assert_int_equal(mb_snapio_step_parse(mb_snapio_step_name((enum mb_snapio_step)st), &back), 0);
		assert_int_equal(back, st);
	}
	enum mb_snapio_step st;
	assert_int_equal(mb_snapio_step_parse("reboot", &st), -1);
}

/* --repeat 3: three fio runs at each depth, the run in the cursor. */
static void repeated_fio(void **state)
{
	struct mb_snapio_shape s = { 1, 0, true, 3 };
	struct mb_snapio_cursor c = { MB_PHASE_MEASURE, MB_STEP_FIO, 1, 0, 0, 2 };
	char buf[1024];

	(void)state;
	walk(&s, buf, sizeof(buf));
	assert_string_equal(buf,
		"b1:snapshot b1:tag b1:delete b1:sync b1:manifest "
		"m1:integrity m1:fio m1:fio m1:fio m1:native-revert m1:agent m0:integrity m0:fio m0:fio m0:fio");
	mb_snapio_cursor_label(&s, &c, buf, sizeof(buf));
	assert_string_equal(buf, "measure depth 1: fio 3/3");
	assert_true(mb_snapio_cursor_valid(&s, &c));
	c.repeat = 3;
	assert_false(mb_snapio_cursor_valid(&s, &c));
	c = (struct mb_snapio_cursor){ MB_PHASE_MEASURE, MB_STEP_INTEGRITY, 1, 0, 0, 1 };
	assert_false(mb_snapio_cursor_valid(&s, &c));
	/* Without --repeat (0 or 1): one run, no run in the cursor. */
	s.repeats = 1;
	c = (struct mb_snapio_cursor){ MB_PHASE_MEASURE, MB_STEP_FIO, 1, 0, 0, 1 };
	assert_false(mb_snapio_cursor_valid(&s, &c));
	c.repeat = 0;
	mb_snapio_cursor_label(&s, &c, buf, sizeof(buf));
	assert_string_equal(buf, "measure depth 1: fio");
	mb_snapio_next(&s, &c);
	assert_int_equal(c.step, MB_STEP_NATIVE_REVERT);
}

static void labels(void **state)
{
	struct mb_snapio_shape s = { 3, 20, false, 1 };
	struct mb_snapio_cursor c = { MB_PHASE_BUILD, MB_STEP_FILE, 2, 0, 3, 0 };
	char buf[128];

	(void)state;
	mb_snapio_cursor_label(&s, &c, buf, sizeof(buf));
	assert_string_equal(buf, "build layer 2/3: file 4/20");
	c = (struct mb_snapio_cursor){ MB_PHASE_MEASURE, MB_STEP_FIO, 3, 0, 0, 0 };
	mb_snapio_cursor_label(&s, &c, buf, sizeof(buf));
	assert_string_equal(buf, "measure depth 3: fio");
	c = (struct mb_snapio_cursor){ MB_PHASE_MEASURE, MB_STEP_START, 3, 2, 0, 0 };
	mb_snapio_cursor_label(&s, &c, buf, sizeof(buf));
	assert_string_equal(buf, "revert 3->2: start the guest");
	c = (struct mb_snapio_cursor){ MB_PHASE_UNWIND, MB_STEP_SHUTDOWN, 3, 0, 0, 0 };
	mb_snapio_cursor_label(&s, &c, buf, sizeof(buf));
	assert_string_equal(buf, "unwind 3->0: shut the guest down");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(manual_sequence),
		cmocka_unit_test(native_sequence_without_files),
		cmocka_unit_test(unwind),
		cmocka_unit_test(expectations),
		cmocka_unit_test(validity),
		cmocka_unit_test(names_round_trip),
		cmocka_unit_test(labels),
		cmocka_unit_test(repeated_fio),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
