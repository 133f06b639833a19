/* Unit tests of analysis/gnuplot.c: text from elsewhere as a gnuplot
 * single-quoted string that nothing can break out of. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/gnuplot.h"

/* What mb_gnuplot_put_string writes for s; the caller frees it. */
static char *quoted(const char *s)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	mb_gnuplot_put_string(f, s);
	assert_int_equal(fclose(f), 0);
	return text;
}

static void assert_quoted(const char *in, const char *want)
{
	char *got = quoted(in);

	assert_string_equal(got, want);
	free(got);
}

static void plain_text(void **state)
{
	(void)state;
	assert_quoted("guest1", "'guest1'");
	assert_quoted("", "''");
	assert_quoted(NULL, "''");
	assert_quoted("migbench: guest1 compute1 -> compute2 (completed)",
		      "'migbench: guest1 compute1 -> compute2 (completed)'");
	/* UTF-8 is text to gnuplot: it passes unchanged. */
	assert_quoted("d\xc3\xa9j\xc3\xa0", "'d\xc3\xa9j\xc3\xa0'");
}

static void quotes(void **state)
{
	(void)state;
	assert_quoted("it's", "'it''s'");
	assert_quoted("'", "''''");
	assert_quoted("''", "''''''");
	/* A would-be command stays inside the string. */
	assert_quoted("x'; system('rm -rf /'); '", "'x''; system(''rm -rf /''); '''");
	/* Double quotes are nothing special in single quotes. */
	assert_quoted("say \"hi\"", "'say \"hi\"'");
}

static void backslashes(void **state)
{
	(void)state;
	/* Single quotes have no escapes: a backslash is itself, also before a
	 * quote (which is doubled all the same). */
	assert_quoted("a\\b", "'a\\b'");
	assert_quoted("C:\\dir\\", "'C:\\dir\\'");
	assert_quoted("\\'", "'\\'''");
	assert_quoted("\\n", "'\\n'");
}

static void control_characters(void **state)
{
	(void)state;
	/* A newline would end the command; none survives. */
	assert_quoted("title\nset output '/etc/passwd'", "'title?set output ''/etc/passwd'''");
	assert_quoted("a\r\tb\x1b[0m\x7f", "'a??b?[0m?'");
	assert_quoted("\n", "'?'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_text),
		cmocka_unit_test(quotes),
		cmocka_unit_test(backslashes),
		cmocka_unit_test(control_characters),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
