/* Unit tests of src/common/cli.c: every command's refusal of an option value has
 * one format, and the shared duration and whole-number parsers. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(refusal_format),
		cmocka_unit_test(duration_zero_policy),
		cmocka_unit_test(duration_malformed),
		cmocka_unit_test(int_range),
	};

	/* TAP for automake's tap-driver.sh, whatever the environment says. */
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, capture_stderr, restore_stderr);
}
