/* Unit tests of analysis/workload.c: the --workload spec, the --guest-exec
 * word splitter and the dirtier's own report. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/workload.h"

#define MIB 1048576ull

static void spec_accepted(void **state)
{
	struct mb_dirty_spec s;
	char why[128], size[32], rate[32];

	(void)state;
	assert_int_equal(mb_workload_parse("dirty:128M@200M", &s, why, sizeof(why)), 0);
	assert_int_equal(s.size_bytes, 128 * MIB);
	assert_int_equal(s.rate_bps, 200 * MIB);
	mb_workload_dirtier_args(&s, size, sizeof(size), rate, sizeof(rate));
	assert_string_equal(size, "128");
	assert_string_equal(rate, "200");
	assert_int_equal(mb_workload_parse("dirty:1G@max", &s, why, sizeof(why)), 0);
	assert_int_equal(s.size_bytes, 1024 * MIB);
	assert_int_equal(s.rate_bps, 0);
	mb_workload_dirtier_args(&s, size, sizeof(size), rate, sizeof(rate));
	assert_string_equal(rate, "0");
	assert_int_equal(mb_workload_parse("dirty:64M@512K", &s, why, sizeof(why)), 0);
	mb_workload_dirtier_args(&s, size, sizeof(size), rate, sizeof(rate));
	assert_string_equal(rate, "0.5");
}

static void spec_refused(void **state)
{
	static const char *const bad[] = {
		"", "dirty", "dirty:", "dirty:128M", "dirty:@200M", "dirty:128M@",
		"dirty:128M@0", "dirty:128M@-5M", "dirty:100K@1M", "dirty:1.5M@1M",
		"dirty:0@max", "dirty:128M@maxx", "dirty:128M@200M@1", "cpu:1@1",
		"dirty:2T@max", "dirty:128M@2T", "dirty:99999999999999999999@max",
	};
	struct mb_dirty_spec s;
	char why[128];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why[0] = '\0';
		assert_int_equal(mb_workload_parse(bad[i], &s, why, sizeof(why)), -1);
		assert_true(why[0] != '\0');
		assert_null(strchr(why, '\n'));
	}
}

static void split_case(const char *line, size_t n, const char *const *want)
{
	struct mb_words w;
	char why[128];

	assert_int_equal(mb_split_words(line, &w, why, sizeof(why)), 0);
	assert_int_equal(w.n, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(w.w[i], want[i]);
	mb_words_free(&w);
}

static void split_quoting(void **state)
{
	(void)state;
	split_case("/bin/sleep 30", 2, (const char *const[]){ "/bin/sleep", "30" });
	split_case("  a\t b  ", 2, (const char *const[]){ "a", "b" });
	split_case("echo 'a b' \"c d\"", 3, (const char *const[]){ "echo", "a b", "c d" });
	split_case("x '' \"\"", 3, (const char *const[]){ "x", "", "" });
	split_case("a'b'\"c\"d", 1, (const char *const[]){ "abcd" });
	split_case("a\\ b \\'", 2, (const char *const[]){ "a b", "'" });
	split_case("\"\\\"\\\\\\$\\x\"", 1, (const char *const[]){ "\"\\$\\x" });
	split_case("'\\n' \"$HOME\" *", 3, (const char *const[]){ "\\n", "$HOME", "*" });
	split_case("a \\\nb", 2, (const char *const[]){ "a", "b" });
	split_case("p ';' '&&' '|'", 4, (const char *const[]){ "p", ";", "&&", "|" });
}

static void split_refused(void **state)
{
	static char longword[5000];
	static char many[200];
	const char *const bad[] = { "", "   ", "'open", "a \"open", "a 'b\"", longword, many };
	struct mb_words w;
	char why[128];

	(void)state;
	memset(longword, 'x', sizeof(longword) - 1);
	for (size_t i = 0; i < 65; i++)
		memcpy(many + 2 * i, "a ", 2);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why[0] = '\0';
		assert_int_equal(mb_split_words(bad[i], &w, why, sizeof(why)), -1);
		assert_int_equal(w.n, 0);
		assert_true(why[0] != '\0');
	}
}

static void dirtier_report(void **state)
{
	double rate, secs;
	uint64_t pages;

	(void)state;
	assert_true(mb_dirtier_report("dirtied=2560000 pages seconds=40.000 rate=250.00 MiB/s\n",
				      &rate, &pages, &secs));
	assert_int_equal(pages, 2560000);
	assert_true(rate == 250.0 * MIB);
	assert_true(secs == 40.0);
	/* The last line wins; a "dirtied=" inside a line is not a report. */
	assert_true(mb_dirtier_report("dirtied=1 pages seconds=1.000 rate=1.00 MiB/s\n"
				      "xdirtied=9 pages seconds=9 rate=9 MiB/s\n"
				      "dirtied=2 pages seconds=2.000 rate=2.50 MiB/s\n",
				      &rate, &pages, &secs));
	assert_int_equal(pages, 2);
	assert_true(rate == 2.5 * MIB);
	assert_false(mb_dirtier_report("", &rate, &pages, &secs));
	assert_false(mb_dirtier_report("dirtied=x", &rate, &pages, &secs));
	assert_false(mb_dirtier_report("dirtied=1 pages seconds=nan rate=1 MiB/s", &rate, &pages, &secs));
	assert_false(mb_dirtier_report("dirtied=1 pages seconds=1 rate=-1 MiB/s", &rate, &pages, &secs));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(spec_accepted),
		cmocka_unit_test(spec_refused),
		cmocka_unit_test(split_quoting),
		cmocka_unit_test(split_refused),
		cmocka_unit_test(dirtier_report),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
