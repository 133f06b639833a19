/* Unit tests of src/common/cli.c: the one option loop every command uses,
 * every refusal in one format and one line, and the shared duration and
 * whole-number parsers. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "analysis/units.h"
#include "src/common/cli.h"
#include "src/common/exitcode.h"

/* What the helpers print goes to stderr; tests read it back from here. */
static FILE *captured;
static int saved_stderr;

static int capture_stderr(void **state)
{
	(void)state;
	fflush(stderr);
	captured = tmpfile();
	saved_stderr = dup(STDERR_FILENO);
	if (!captured || saved_stderr < 0 || dup2(fileno(captured), STDERR_FILENO) < 0)
		return -1;
	return 0;
}

static int restore_stderr(void **state)
{
	(void)state;
	fflush(stderr);
	dup2(saved_stderr, STDERR_FILENO);
	close(saved_stderr);
	fclose(captured);
	return 0;
}

/* The one line printed since the last call ("" for none). */
static const char *printed(void)
{
	static char line[256];
	size_t n;

	fflush(stderr);
	rewind(captured);
	n = fread(line, 1, sizeof(line) - 1, captured);
	line[n] = '\0';
	rewind(captured);
	if (ftruncate(fileno(captured), 0) < 0)
		line[0] = '\0';
	return line;
}

static void refusal_format(void **state)
{
	(void)state;
	assert_int_equal(mb_cli_refuse_value("probe", "socket", "tcp", "why"), MB_EXIT_USAGE);
	assert_string_equal(printed(), "migbench: probe: --socket 'tcp': why\n");
	assert_int_equal(mb_cli_refuse_value(NULL, "ports", "", "why"), MB_EXIT_USAGE);
	assert_string_equal(printed(), "migbench: --ports '': why\n");
}

static void duration_zero_policy(void **state)
{
	int64_t ns = -1;

	(void)state;
	assert_int_equal(mb_cli_parse_duration(NULL, "tail", "0", MB_CLI_ZERO_ALLOWED, &ns), 0);
	assert_int_equal(ns, 0);
	assert_string_equal(printed(), "");
	assert_int_equal(mb_cli_parse_duration("probe", "duration", "0s", MB_CLI_ZERO_REFUSED, &ns),
			 MB_EXIT_USAGE);
	assert_string_equal(printed(), "migbench: probe: --duration '0s': must be longer than zero\n");
	assert_int_equal(mb_cli_parse_duration(NULL, "bin", "250us", MB_CLI_ZERO_REFUSED, &ns), 0);
	assert_int_equal(ns, 250000);
}

static void duration_malformed(void **state)
{
	static const char *const bad[] = { "", "abc", "-1s", "2 seconds", "1x" };
	int64_t ns;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char want[128];

		assert_int_equal(mb_cli_parse_duration("analyze", "bin", bad[i], MB_CLI_ZERO_ALLOWED, &ns),
				 MB_EXIT_USAGE);
		snprintf(want, sizeof(want), "migbench: analyze: --bin '%s': not a duration like 500ms or 2s\n",
			 bad[i]);
		assert_string_equal(printed(), want);
	}
}

static void int_range(void **state)
{
	static const char *const bad[] = { "", "x", "7x", "0", "256", "-1", "99999999999999999999" };
	int n = -1;

	(void)state;
	assert_int_equal(mb_cli_parse_int_range(NULL, "parallel", "1", 1, 255, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(mb_cli_parse_int_range(NULL, "parallel", "255", 1, 255, &n), 0);
	assert_int_equal(n, 255);
	assert_string_equal(printed(), "");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char want[128];

		assert_int_equal(mb_cli_parse_int_range(NULL, "parallel", bad[i], 1, 255, &n), MB_EXIT_USAGE);
		assert_int_equal(n, 255); /* untouched */
		snprintf(want, sizeof(want), "migbench: --parallel '%s': not a whole number from 1 to 255\n",
			 bad[i]);
		assert_string_equal(printed(), want);
	}
}

static void duration_too_long(void **state)
{
	static const char *const too_long[] = { "99999999999h", "721h", "2592001s", "2562048h",
						"9223372036854775807ns" };
	int64_t ns = -1;

	(void)state;
	assert_int_equal(mb_cli_parse_duration(NULL, "timeout", "720h", MB_CLI_ZERO_ALLOWED, &ns), 0);
	assert_int_equal(ns, MB_DURATION_MAX_NS);
	assert_string_equal(printed(), "");
	for (size_t i = 0; i < sizeof(too_long) / sizeof(too_long[0]); i++) {
		char want[128];

		ns = -1;
		assert_int_equal(mb_cli_parse_duration(NULL, "timeout", too_long[i], MB_CLI_ZERO_ALLOWED, &ns),
				 MB_EXIT_USAGE);
		assert_int_equal(ns, -1); /* untouched */
		snprintf(want, sizeof(want), "migbench: --timeout '%s': longer than the maximum of 30 days\n",
			 too_long[i]);
		assert_string_equal(printed(), want);
	}
	/* An exponent is no duration at all. */
	assert_int_equal(mb_cli_parse_duration("probe", "duration", "1e30s", MB_CLI_ZERO_ALLOWED, &ns),
			 MB_EXIT_USAGE);
	assert_string_equal(printed(), "migbench: probe: --duration '1e30s': not a duration like 500ms or 2s\n");
	assert_int_equal(ns, -1);
}

static void uint_valid(void **state)
{
	uint64_t v = 42;

	(void)state;
	assert_int_equal(mb_cli_parse_uint(NULL, "seed", "0", 0, UINT64_MAX, &v), 0);
	assert_true(v == 0);
	assert_int_equal(mb_cli_parse_uint(NULL, "seed", "007", 0, UINT64_MAX, &v), 0);
	assert_true(v == 7); /* decimal, not octal */
	assert_int_equal(mb_cli_parse_uint(NULL, "seed", "18446744073709551615", 0, UINT64_MAX, &v), 0);
	assert_true(v == UINT64_MAX);
	assert_int_equal(mb_cli_parse_uint(NULL, "bandwidth", "1", 1, 100, &v), 0);
	assert_true(v == 1);
	assert_int_equal(mb_cli_parse_uint(NULL, "bandwidth", "100", 1, 100, &v), 0);
	assert_true(v == 100);
	assert_string_equal(printed(), "");
}

static void uint_refused(void **state)
{
	/* strtoull would take the first ten: "-1" as 2^64-1, blanks, a sign,
	 * hex, and the overflows as ULLONG_MAX without a word. */
	static const char *const bad[] = {
		"-1", "-0", "+1", " 1", "1 ", "0x10", "1x", "1.0", "1e3", "", "-",
		"18446744073709551616", "99999999999999999999999",
	};
	uint64_t v = 42;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char want[128];

		assert_int_equal(mb_cli_parse_uint(NULL, "seed", bad[i], 0, UINT64_MAX, &v), MB_EXIT_USAGE);
		assert_true(v == 42); /* untouched */
		snprintf(want, sizeof(want),
			 "migbench: --seed '%s': not a whole number from 0 to 18446744073709551615\n", bad[i]);
		assert_string_equal(printed(), want);
	}
	assert_int_equal(mb_cli_parse_uint("x", "bandwidth", "0", 1, 100, &v), MB_EXIT_USAGE);
	assert_string_equal(printed(), "migbench: x: --bandwidth '0': not a whole number from 1 to 100\n");
	assert_int_equal(mb_cli_parse_uint("x", "bandwidth", "101", 1, 100, &v), MB_EXIT_USAGE);
	assert_string_equal(printed(), "migbench: x: --bandwidth '101': not a whole number from 1 to 100\n");
	assert_true(v == 42);
}

static void number_parse(void **state)
{
	static const char *const bad[] = { "", "x", "-1", "+5", " 5", "5 ", "0x10", "inf", "nan",
					   "1e9", "0", "0.001", "5/s", ".5" };
	double v = -1;

	(void)state;
	assert_int_equal(mb_cli_parse_number(NULL, "rate", "200", 0.01, 1e5, &v), 0);
	assert_true(v == 200.0);
	assert_int_equal(mb_cli_parse_number(NULL, "rate", "0.5", 0.01, 1e5, &v), 0);
	assert_true(v == 0.5);
	assert_int_equal(mb_cli_parse_number(NULL, "rate", "1e3", 0.01, 1e5, &v), 0);
	assert_true(v == 1000.0);
	assert_string_equal(printed(), "");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char want[128];

		v = -1;
		assert_int_equal(mb_cli_parse_number("t", "rate", bad[i], 0.01, 1e5, &v), 1);
		assert_true(v == -1);
		snprintf(want, sizeof(want), "migbench: t: --rate '%s': not a number from 0.01 to 100000\n", bad[i]);
		assert_string_equal(printed(), want);
	}
}

/* ---- the option loop ---------------------------------------------------- */

enum { T_NAME = 7, T_LATE, T_LOST, T_FLAG, T_REFUSE, T_OPT };

static const struct mb_cli_option t_options[] = {
	{ "name", true, T_NAME },
	{ "late-after", true, T_LATE },
	{ "lost-after", true, T_LOST },
	{ "flag", false, T_FLAG },
	{ "refuse", true, T_REFUSE },
	{ "opt", MB_CLI_VALUE_OPTIONAL, T_OPT },
	{ NULL, false, 0 },
};

/* What the handler saw, in order: "id=value" words. */
struct t_seen {
	char log[256];
};

static int t_apply(void *ctx, int id, const char *value)
{
	struct t_seen *s = ctx;
	size_t n = strlen(s->log);

	if (id == T_REFUSE)
		return mb_cli_refuse_value("t", "refuse", value, "no");
	snprintf(s->log + n, sizeof(s->log) - n, "%s%d=%s", n ? " " : "", id, value ? value : "-");
	return 0;
}

static int usage_printed;

static void t_usage(FILE *out)
{
	(void)out;
	usage_printed++;
}

struct t_result {
	int rc, first;
	bool help;
	struct t_seen seen;
};

/* Parses the NULL-ended words as "t WORDS..." (getopt permutes argv, so a
 * writable copy). */
static struct t_result t_parse(const char *cmd, int max_operands, const char *const *words,
			       char ***argv_out)
{
	static char *argv[16];
	static char buf[16][64];
	struct mb_cli_command c = {
		.cmd = cmd, .options = t_options, .apply = t_apply, .usage = t_usage,
		.max_operands = max_operands,
	};
	struct t_result r = { .first = -1 };
	int argc = 0;

	argv[argc++] = strcpy(buf[0], "t");
	for (; *words; words++, argc++)
		argv[argc] = strcpy(buf[argc], *words);
	argv[argc] = NULL;
	usage_printed = 0;
	r.rc = mb_cli_parse(&c, &r.seen, argc, argv, &r.help, max_operands ? &r.first : NULL);
	if (argv_out)
		*argv_out = argv;
	return r;
}

#define WORDS(...) ((const char *const[]){ __VA_ARGS__, NULL })

static void loop_options_in_order(void **state)
{
	struct t_result r;
	char **argv;

	(void)state;
	r = t_parse(NULL, 0, WORDS("--name", "a", "--flag", "--name=b", "--lat", "3", "--lost-after=4"),
		    NULL);
	assert_int_equal(r.rc, 0);
	assert_false(r.help);
	/* An unambiguous prefix is the whole option. */
	assert_string_equal(r.seen.log, "7=a 10=- 7=b 8=3 9=4");
	assert_string_equal(printed(), "");
	/* Operands: at most max_operands, wherever they stand. */
	r = t_parse("t", 1, WORDS("FILE", "--flag"), &argv);
	assert_int_equal(r.rc, 0);
	assert_string_equal(argv[r.first], "FILE");
	r = t_parse("t", 1, WORDS("--flag"), NULL);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.first, 2); /* argc: no operand */
	/* "--" ends the options: "--flag" after it is an operand. */
	r = t_parse("t", 1, WORDS("--", "--flag"), &argv);
	assert_int_equal(r.rc, 0);
	assert_string_equal(argv[r.first], "--flag");
	assert_string_equal(r.seen.log, "");
	assert_string_equal(printed(), "");
}

/* An optional value: alone (NULL), "=VALUE", or the next word unless it
 * is an option; an operand after it stays an operand when it is taken
 * as the value only if it does not start with '-'. */
static void loop_optional_value(void **state)
{
	struct t_result r;
	char **argv;

	(void)state;
	r = t_parse(NULL, 0, WORDS("--opt", "--flag", "--opt=x", "--opt", "y", "--opt"), NULL);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.seen.log, "12=- 10=- 12=x 12=y 12=-");
	/* The next word taken as the value is not an operand any more. */
	r = t_parse("t", 1, WORDS("--opt", "v", "FILE"), &argv);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.seen.log, "12=v");
	assert_string_equal(argv[r.first], "FILE");
	/* With no operand allowed, a word after the value is refused. */
	r = t_parse("t", 0, WORDS("--opt", "v", "w"), NULL);
	assert_int_equal(r.rc, 1);
	assert_string_equal(printed(), "migbench: t: unexpected argument 'w' (try --help)\n");
}

struct refusal_case {
	const char *cmd;
	const char *const *words;
	const char *line;
};

/* Every refusal is one line naming the culprit, and exit status 1. */
static void loop_refusals(void **state)
{
	const struct refusal_case cases[] = {
		{ NULL, WORDS("-x"), "migbench: unknown option '-x' (try --help)\n" },
		{ NULL, WORDS("--name", "a", "-x", "--flag"), "migbench: unknown option '-x' (try --help)\n" },
		{ "t", WORDS("--frob"), "migbench: t: unknown option '--frob' (try --help)\n" },
		{ "t", WORDS("--frob=1"), "migbench: t: unknown option '--frob' (try --help)\n" },
		{ "t", WORDS("--l", "1"), "migbench: t: ambiguous option '--l' (try --help)\n" },
		{ NULL, WORDS("--name"), "migbench: option '--name' needs a value\n" },
		{ "t", WORDS("--lost"), "migbench: t: option '--lost-after' needs a value\n" },
		{ NULL, WORDS("--flag=1"), "migbench: option '--flag' takes no value\n" },
		{ NULL, WORDS("--help=1"), "migbench: option '--help' takes no value\n" },
		{ NULL, WORDS("stray"), "migbench: unexpected argument 'stray' (try --help)\n" },
		{ "t", WORDS("--refuse", "v"), "migbench: t: --refuse 'v': no\n" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct t_result r = t_parse(cases[i].cmd, 0, cases[i].words, NULL);

		print_message("# %s", cases[i].line);
		assert_int_equal(r.rc, MB_EXIT_USAGE);
		assert_false(r.help);
		assert_string_equal(printed(), cases[i].line);
		assert_int_equal(usage_printed, 0);
	}
	assert_int_equal(t_parse("t", 1, WORDS("a", "b"), NULL).rc, MB_EXIT_USAGE);
	assert_string_equal(printed(), "migbench: t: unexpected argument 'b' (try --help)\n");
}

/* --help and -h print the usage and end the parse: what follows is not
 * looked at, what came before was. */
static void loop_help(void **state)
{
	struct t_result r;

	(void)state;
	r = t_parse(NULL, 0, WORDS("--flag", "--help", "--frob", "stray"), NULL);
	assert_int_equal(r.rc, 0);
	assert_true(r.help);
	assert_int_equal(usage_printed, 1);
	assert_string_equal(r.seen.log, "10=-");
	r = t_parse(NULL, 0, WORDS("-h"), NULL);
	assert_int_equal(r.rc, 0);
	assert_true(r.help);
	assert_int_equal(usage_printed, 1);
	r = t_parse(NULL, 0, WORDS("--he"), NULL);
	assert_true(r.help);
	r = t_parse(NULL, 0, WORDS("--frob", "--help"), NULL);
	assert_int_equal(r.rc, MB_EXIT_USAGE);
	assert_false(r.help);
	assert_int_equal(usage_printed, 0);
	assert_string_equal(printed(), "migbench: unknown option '--frob' (try --help)\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(refusal_format),
		cmocka_unit_test(duration_zero_policy),
		cmocka_unit_test(duration_malformed),
		cmocka_unit_test(int_range),
		cmocka_unit_test(duration_too_long),
		cmocka_unit_test(uint_valid),
		cmocka_unit_test(uint_refused),
		cmocka_unit_test(loop_options_in_order),
		cmocka_unit_test(number_parse),
		cmocka_unit_test(loop_optional_value),
		cmocka_unit_test(loop_refusals),
		cmocka_unit_test(loop_help),
	};

	/* TAP for automake's tap-driver.sh, whatever the environment says. */
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, capture_stderr, restore_stderr);
}
