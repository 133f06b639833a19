/* Unit tests of analysis/utf8.c: what a guest prints becomes valid UTF-8. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/utf8.h"

struct utf8_case {
	const char *in;
	size_t len;
	const char *out;
};

#define C(s, o) { s, sizeof(s) - 1, o }

static void clean_cases(void **state)
{
	static const struct utf8_case cases[] = {
		C("plain ascii", "plain ascii"),
		C("caf\xc3\xa9", "caf\xc3\xa9"),                    /* valid 2-byte */
		C("\xe2\x82\xac", "\xe2\x82\xac"),                  /* valid 3-byte */
		C("\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80"),          /* valid 4-byte */
		C("a\xffz", "a\xef\xbf\xbdz"),                       /* stray byte */
		C("\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd"),           /* overlong '/' */
		C("\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"), /* surrogate */
		C("\xf4\x90\x80\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"),
		C("\xe2\x82", "\xef\xbf\xbd\xef\xbf\xbd"),           /* truncated */
		C("a\0b", "a\xef\xbf\xbd" "b"),                       /* NUL */
	};
	char out[64];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t n = mb_utf8_clean(cases[i].in, cases[i].len, out, sizeof(out));

		assert_int_equal(n, strlen(cases[i].out));
		assert_string_equal(out, cases[i].out);
		assert_true(mb_utf8_valid(out, n));
		assert_int_equal(mb_utf8_valid(cases[i].in, cases[i].len),
				 strcmp(cases[i].in, cases[i].out) == 0 && cases[i].len == n);
	}
}

static void clean_all_bad_fits(void **state)
{
	char in[100], out[301];

	(void)state;
	memset(in, 0xff, sizeof(in));
	assert_int_equal(mb_utf8_clean_size(sizeof(in)), sizeof(out));
	assert_int_equal(mb_utf8_clean(in, sizeof(in), out, sizeof(out)), 300);
	assert_true(mb_utf8_valid(out, 300));
}

static void clean_truncates_on_sequence_boundary(void **state)
{
	char out[5];

	(void)state;
	/* "\xc3\xa9" twice needs 4 bytes + NUL: fits; three times does not */
	assert_int_equal(mb_utf8_clean("\xc3\xa9\xc3\xa9\xc3\xa9", 6, out, sizeof(out)), 4);
	assert_true(mb_utf8_valid(out, 4));
	assert_int_equal(mb_utf8_clean("x", 1, out, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(clean_cases),
		cmocka_unit_test(clean_all_bad_fits),
		cmocka_unit_test(clean_truncates_on_sequence_boundary),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
