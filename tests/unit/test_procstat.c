/* Unit tests of analysis/procstat.c on /proc/stat lines as Linux writes
 * them (the first is this VM's), and on damaged ones. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "analysis/procstat.h"

static void real_lines(void **state)
{
	uint64_t t = 0;

	(void)state;
	assert_int_equal(mb_procstat_steal("cpu  1900622 86703 625816 1764891 11586 0 47983 69831 0 0\n", &t), 0);
	assert_int_equal(t, 69831);
	/* Linux 2.6.11's eight values, no guest columns, no newline. */
	assert_int_equal(mb_procstat_steal("cpu 1 2 3 4 5 6 7 8", &t), 0);
	assert_int_equal(t, 8);
	assert_int_equal(mb_procstat_steal("cpu  0 0 0 0 0 0 0 18446744073709551615 0 0\n", &t), 0);
	assert_int_equal(t, UINT64_MAX);
}

static void refused(void **state)
{
	uint64_t t = 42;

	(void)state;
	assert_int_equal(mb_procstat_steal(NULL, &t), -1);
	assert_int_equal(mb_procstat_steal("", &t), -1);
	/* a per-CPU line is not the sum */
	assert_int_equal(mb_procstat_steal("cpu0 932787 44001 304175 911250 3633 0 20733 35105 0 0\n", &t), -1);
	/* too few values (Linux before 2.6.11) */
	assert_int_equal(mb_procstat_steal("cpu  1 2 3 4 5 6 7\n", &t), -1);
	assert_int_equal(mb_procstat_steal("cpu  1 2 3 4 5 6 7 -8\n", &t), -1);
	assert_int_equal(mb_procstat_steal("cpu  1 2 3 4 5 6 7 8x\n", &t), -1);
	assert_int_equal(mb_procstat_steal("cpu  1 2 3 4 5 6 7 18446744073709551616\n", &t), -1);
	assert_int_equal(mb_procstat_steal("intr 1 2 3 4 5 6 7 8\n", &t), -1);
	assert_int_equal(t, 42); /* untouched on refusal */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(real_lines),
		cmocka_unit_test(refused),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
