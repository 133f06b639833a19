/* Unit tests of analysis/snapio/manifest.c: sha256sum output in, differences out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/snapio/manifest.h"

#define HA "73e2ed39d87a56cc4ed44d6041522e593b46eddd5c9f454cac2ad3aaa3628a0f"
#define HB "98ea6e4f216f2fb4b69fff9b3a44842c38686ca685f3f55dc48c5d3fb1107be4"
#define HC "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

static void parse_busybox_output(void **state)
{
	struct mb_manifest m;
	char err[256];

	(void)state;
	/* find | xargs sha256sum prints "./name", in no particular order. */
	assert_int_equal(mb_manifest_parse(HB "  ./b\n" HA "  ./a\n" HC " *c d\n", &m, err, sizeof(err)), 0);
	assert_int_equal(m.n, 3);
	assert_string_equal(m.e[0].name, "a");
	assert_string_equal(m.e[0].sha256, HA);
	assert_string_equal(m.e[2].name, "c d");
	assert_non_null(mb_manifest_find(&m, "b"));
	assert_null(mb_manifest_find(&m, "./b"));
	mb_manifest_free(&m);
	assert_int_equal(mb_manifest_parse("", &m, err, sizeof(err)), 0);
	assert_int_equal(m.n, 0);
	mb_manifest_free(&m);
}

static void parse_rejects(void **state)
{
	static const char *const bad[] = {
		HA " ./a\n",                 /* one space */
		HA "  \n",                   /* no name */
		HA "  ./d/a\n",              /* nested */
		HA "  a\n" HB "  a\n",       /* twice */
		"73E2ED39D87A56CC4ED44D6041522E593B46EDDD5C9F454CAC2AD3AAA3628A0F  a\n",
		"sha256sum: can't open 'x': No such file or directory\n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct mb_manifest m;
		char err[256];

		assert_int_equal(mb_manifest_parse(bad[i], &m, err, sizeof(err)), -1);
		assert_non_null(strstr(err, "checksum line"));
		assert_int_equal(m.n, 0);
	}
}

static void compare_kinds(void **state)
{
	struct mb_manifest want = { 0 }, have = { 0 };
	struct mb_manifest_diff d;
	char text[256];

	(void)state;
	assert_int_equal(mb_manifest_add(&want, "a", HA), 0);
	assert_int_equal(mb_manifest_add(&want, "b", HB), 0);
	assert_int_equal(mb_manifest_add(&want, "new", ""), 0);   /* any content */
	assert_int_equal(mb_manifest_add(&want, "gone", HC), 0);
	assert_int_equal(mb_manifest_add(&want, "a", HA), -1);
	assert_int_equal(mb_manifest_add(&have, "a", HA), 0);
	assert_int_equal(mb_manifest_add(&have, "b", HC), 0);     /* changed */
	assert_int_equal(mb_manifest_add(&have, "new", HB), 0);
	assert_int_equal(mb_manifest_add(&have, "extra1", HB), 0);
	assert_int_equal(mb_manifest_add(&have, "extra2", HB), 0);
	assert_false(mb_manifest_compare(&want, &have, &d));
	assert_int_equal(d.missing, 1);
	assert_int_equal(d.changed, 1);
	assert_int_equal(d.unexpected, 2);
	mb_manifest_diff_text(&d, text, sizeof(text));
	assert_string_equal(text, "1 missing (gone), 2 unexpected (extra1, ...), 1 changed (b)");
	assert_true(mb_manifest_compare(&have, &have, &d));
	mb_manifest_diff_text(&d, text, sizeof(text));
	assert_string_equal(text, "identical");
	mb_manifest_free(&want);
	mb_manifest_free(&have);
}

static void add_rejects_bad_entries(void **state)
{
	struct mb_manifest m = { 0 };

	(void)state;
	assert_int_equal(mb_manifest_add(&m, "", HA), -1);
	assert_int_equal(mb_manifest_add(&m, "..", HA), -1);
	assert_int_equal(mb_manifest_add(&m, "a/b", HA), -1);
	assert_int_equal(mb_manifest_add(&m, "a", "abc"), -1);
	assert_int_equal(mb_manifest_add(&m, "a", NULL), 0);
	assert_string_equal(m.e[0].sha256, "");
	mb_manifest_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_busybox_output),
		cmocka_unit_test(parse_rejects),
		cmocka_unit_test(compare_kinds),
		cmocka_unit_test(add_rejects_bad_entries),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
