/* Unit tests of analysis/argsplit.c: a command line split as the shell
 * would quote it, without any expansion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/argsplit.h"

struct split_case {
	const char *in;
	const char *words[6]; /* NULL-terminated */
};

static void splits_like_the_shell(void **state)
{
	static const struct split_case cases[] = {
		{ "virsh migrate guest1", { "virsh", "migrate", "guest1" } },
		{ "  a\t b\n", { "a", "b" } },
		{ "virsh -c 'qemu+tcp://10.0.0.2/system' list", { "virsh", "-c", "qemu+tcp://10.0.0.2/system", "list" } },
		{ "echo 'it''s' \"a \\\"b\\\" \\$HOME \\x\"", { "echo", "its", "a \"b\" $HOME \\x" } },
		{ "a\\ b c\\'d", { "a b", "c'd" } },
		{ "'' \"\" x", { "", "", "x" } },
		{ "pre'fix'\"suf\"fix", { "prefixsuffix" } },
		{ "'$HOME' * ; | &&", { "$HOME", "*", ";", "|", "&&" } },
		{ "\"line\\\ncont\" a\\\nb", { "linecont", "ab" } },
		{ "\"\\\\\nx\"", { "\\\nx" } },
		{ "x", { "x" } },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mb_args a;
		const char *why = NULL;
		size_t n = 0;

		assert_int_equal(mb_argsplit(cases[i].in, &a, &why), 0);
		while (cases[i].words[n])
			n++;
		assert_int_equal(a.argc, n);
		for (size_t w = 0; w < n; w++)
			assert_string_equal(a.argv[w], cases[i].words[w]);
		assert_null(a.argv[n]);
		mb_args_free(&a);
	}
}

static void refuses_what_the_shell_would(void **state)
{
	static const struct { const char *in, *why; } cases[] = {
		{ "", "no program named" },
		{ " \t\n", "no program named" },
		{ "echo 'open", "unterminated single quote" },
		{ "echo \"open", "unterminated double quote" },
		{ "echo \"a\\\"", "unterminated double quote" },
		{ "echo a\\", "trailing backslash" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mb_args a;
		const char *why = NULL;

		assert_int_equal(mb_argsplit(cases[i].in, &a, &why), -1);
		assert_string_equal(why, cases[i].why);
		assert_null(a.argv);
		assert_null(a.buf);
	}
}

/* The worst case for the buffers: one-character words. */
static void many_short_words_fit(void **state)
{
	char in[2001];
	struct mb_args a;
	const char *why;

	(void)state;
	for (size_t i = 0; i < 1000; i++) {
		in[2 * i] = 'a';
		in[2 * i + 1] = ' ';
	}
	in[1998] = 'z';
	in[1999] = '\0'; /* "a a ... a z": 1999 bytes, 1000 words */
	assert_int_equal(mb_argsplit(in, &a, &why), 0);
	assert_int_equal(a.argc, 1000);
	assert_string_equal(a.argv[999], "z");
	assert_null(a.argv[1000]);
	mb_args_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(splits_like_the_shell),
		cmocka_unit_test(refuses_what_the_shell_would),
		cmocka_unit_test(many_short_words_fit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
