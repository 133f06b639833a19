/* Unit tests of analysis/units.c: table-driven parsing and formatting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/units.h"

#define US INT64_C(1000)
#define MS INT64_C(1000000)
#define SEC INT64_C(1000000000)

struct duration_case {
	const char *text;
	int64_t ns;
};

static void parse_duration_valid(void **state)
{
	static const struct duration_case cases[] = {
		{ "0", 0 },
		{ "1", SEC },                 /* bare number: seconds */
		{ "1.5s", 1500 * MS },
		{ "100ms", 100 * MS },
		{ "0.1ms", 100 * US },
		{ "250us", 250 * US },
		{ "250\xc2\xb5s", 250 * US }, /* micro sign */
		{ "10ns", 10 },
		{ "2m", 120 * SEC },
		{ "1h", 3600 * SEC },
		{ "1.25h", 4500 * SEC },
		{ "0.000000001", 1 },
		{ "0.0000000019s", 1 },       /* truncated to 1 ns */
		{ "1.9ns", 1 },
		{ "007s", 7 * SEC },
		{ "1.000000000000000000000000000001s", SEC },
		{ "0.999999999999999999999999999999h", 3600 * SEC - 1 },
		{ "720h", MB_DURATION_MAX_NS },   /* 30 days: the longest */
		{ "2592000s", MB_DURATION_MAX_NS },
		{ "2592000000000000ns", MB_DURATION_MAX_NS },
		{ "720.0000000000001h", MB_DURATION_MAX_NS }, /* 0.36 ns over: truncated */
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t ns = -42;

		print_message("# duration \"%s\"\n", cases[i].text);
		assert_int_equal(mb_parse_duration(cases[i].text, &ns), 0);
		assert_int_equal(ns, cases[i].ns);
	}
}

static void parse_duration_invalid(void **state)
{
	static const char *const cases[] = {
		"", "s", "ms", ".5s", "1.", "1.s", "-1s", "+1s", "-0", " 1s",
		"1s ", "1 s", "1S", "1sec", "1ss", "1d", "1e3", "1,5s", "0x10",
		"1.5.5s", "1..5s", "1e30s", "1e3s", "inf", "nan",
	};
	/* Well-formed but longer than 30 days, however far: a deadline of now
	 * plus one of these could overflow. */
	static const char *const too_long[] = {
		"2592000000000001ns", "2592000.000000001s", "721h", "43201m",
		"9223372036854775807ns", "9223372036854775808ns", "9223372036.854775808s",
		"2562047h", "2562048h", "99999999999h", "99999999999999999999999999ns",
		"18446744073709551616", "18446744073709551616h",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t ns = -42;

		print_message("# duration \"%s\"\n", cases[i]);
		assert_int_equal(mb_parse_duration(cases[i], &ns), -1);
		assert_int_equal(ns, -42); /* untouched on error */
	}
	for (size_t i = 0; i < sizeof(too_long) / sizeof(too_long[0]); i++) {
		int64_t ns = -42;

		print_message("# duration \"%s\"\n", too_long[i]);
		assert_int_equal(mb_parse_duration(too_long[i], &ns), MB_DURATION_TOO_LONG);
		assert_int_equal(ns, -42);
	}
	assert_int_equal(mb_parse_duration(NULL, &(int64_t){ 0 }), -1);
	assert_int_equal(mb_parse_duration("1s", NULL), -1);
}

struct size_case {
	const char *text;
	uint64_t bytes;
};

#define KI UINT64_C(1024)

static void parse_size_valid(void **state)
{
	static const struct size_case cases[] = {
		{ "0", 0 },
		{ "64", 64 },
		{ "64B", 64 },
		{ "64K", 64 * KI },
		{ "64k", 64 * KI },
		{ "64Ki", 64 * KI },
		{ "64KiB", 64 * KI },
		{ "64KB", 64 * KI },
		{ "70M", 70 * KI * KI },
		{ "70MiB", 70 * KI * KI },
		{ "1G", KI * KI * KI },
		{ "1.5GiB", 3 * KI * KI * KI / 2 },
		{ "2T", 2 * KI * KI * KI * KI },
		{ "0.5K", 512 },
		{ "0.1K", 102 },             /* 102.4 truncated */
		{ "16777215.999999999999T", UINT64_MAX - 1 },
		{ "18446744073709551615", UINT64_MAX },
		{ "18446744073709551615B", UINT64_MAX },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint64_t bytes = 42;

		print_message("# size \"%s\"\n", cases[i].text);
		assert_int_equal(mb_parse_size(cases[i].text, &bytes), 0);
		assert_int_equal(bytes, cases[i].bytes);
	}
}

static void parse_size_invalid(void **state)
{
	static const char *const cases[] = {
		"", "K", "-1", "+1", "-1K", "1.", ".5K", " 1K", "1K ", "1 K",
		"1Kb", "1b", "1iB", "1KiBB", "1P", "1X", "1.5.5K", "1e3",
		"18446744073709551616", "16777216T", "16384P",
		"99999999999999999999999K",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint64_t bytes = 42;

		print_message("# size \"%s\"\n", cases[i]);
		assert_int_equal(mb_parse_size(cases[i], &bytes), -1);
		assert_int_equal(bytes, 42);
	}
	assert_int_equal(mb_parse_size(NULL, &(uint64_t){ 0 }), -1);
	assert_int_equal(mb_parse_size("1K", NULL), -1);
}

struct port_case {
	const char *text;
	int ok;
	uint16_t lo, hi;
};

static void parse_port_range(void **state)
{
	static const struct port_case cases[] = {
		{ "49152-49261", 0, 49152, 49261 },
		{ "80", 0, 80, 80 },
		{ "1", 0, 1, 1 },
		{ "65535", 0, 65535, 65535 },
		{ "1-65535", 0, 1, 65535 },
		{ "5-5", 0, 5, 5 },
		{ "0080", 0, 80, 80 },
		{ "", -1, 0, 0 },
		{ "0", -1, 0, 0 },
		{ "0-10", -1, 0, 0 },
		{ "65536", -1, 0, 0 },
		{ "1-65536", -1, 0, 0 },
		{ "99999999999999999999", -1, 0, 0 },
		{ "10-5", -1, 0, 0 },
		{ "-5", -1, 0, 0 },
		{ "5-", -1, 0, 0 },
		{ "5--6", -1, 0, 0 },
		{ "5-6-7", -1, 0, 0 },
		{ "+80", -1, 0, 0 },
		{ " 80", -1, 0, 0 },
		{ "80 ", -1, 0, 0 },
		{ "80-90x", -1, 0, 0 },
		{ "http", -1, 0, 0 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint16_t lo = 7, hi = 7;

		print_message("# ports \"%s\"\n", cases[i].text);
		assert_int_equal(mb_parse_port_range(cases[i].text, &lo, &hi),
				 cases[i].ok);
		assert_int_equal(lo, cases[i].ok == 0 ? cases[i].lo : 7);
		assert_int_equal(hi, cases[i].ok == 0 ? cases[i].hi : 7);
	}
	assert_int_equal(mb_parse_port_range(NULL, &(uint16_t){ 0 },
					     &(uint16_t){ 0 }), -1);
}

struct format_duration_case {
	int64_t ns;
	const char *text;
};

static void format_duration(void **state)
{
	static const struct format_duration_case cases[] = {
		{ 0, "0 ns" },
		{ 120, "120 ns" },
		{ 999, "999 ns" },
		{ 1000, "1.00 us" },
		{ 1234, "1.23 us" },
		{ 9996, "10.0 us" },          /* rounding adds a digit */
		{ 12345, "12.3 us" },
		{ 99960, "100 us" },
		{ 850 * US, "850 us" },
		{ 999499, "999 us" },
		{ 999500, "1.00 ms" },        /* rounding changes the unit */
		{ 12300 * US, "12.3 ms" },
		{ 250 * MS, "250 ms" },
		{ 999499999, "999 ms" },
		{ 999500000, "1.000 s" },
		{ 1234 * MS, "1.234 s" },
		{ 1234500 * US, "1.235 s" },  /* half up */
		{ 600 * SEC, "600.000 s" },
		{ -1500 * US, "-1.50 ms" },
		{ -120, "-120 ns" },
		{ INT64_MAX, "9223372036.855 s" },
		{ INT64_MIN, "-9223372036.855 s" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char buf[32];

		mb_format_duration(cases[i].ns, buf, sizeof(buf));
		assert_string_equal(buf, cases[i].text);
	}
}

struct format_size_case {
	uint64_t bytes;
	const char *text;
};

static void format_size(void **state)
{
	static const struct format_size_case cases[] = {
		{ 0, "0 B" },
		{ 1023, "1023 B" },
		{ 1024, "1.0 KiB" },
		{ 1536, "1.5 KiB" },
		{ 1024 * KI - 1, "1.0 MiB" },      /* 1023.999 rounds up a unit */
		{ 1024 * KI - 60, "1023.9 KiB" },
		{ 84095795, "80.2 MiB" },
		{ 3 * KI * KI * KI / 2, "1.5 GiB" },
		{ 5 * KI * KI * KI * KI, "5.0 TiB" },
		{ KI * KI * KI * KI * KI, "1.0 PiB" },
		{ UINT64_MAX, "16.0 EiB" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char buf[32];

		mb_format_size(cases[i].bytes, buf, sizeof(buf));
		assert_string_equal(buf, cases[i].text);
	}
}

/* A short buffer gets a terminated prefix; a zero length is not touched. */
static void format_truncates(void **state)
{
	char buf[5] = "xxxx";

	(void)state;
	mb_format_duration(1234 * MS, buf, sizeof(buf));
	assert_string_equal(buf, "1.23");
	mb_format_size(84095795, buf, sizeof(buf));
	assert_string_equal(buf, "80.2");
	buf[0] = 'z';
	mb_format_duration(1, buf, 0);
	mb_format_size(1, buf, 0);
	assert_int_equal(buf[0], 'z');
}

/* What the formatter writes in its own unit parses back (space removed). */
static void format_parse_round_trip(void **state)
{
	static const int64_t values[] = { 120, 850 * US, 12300 * US, 1234 * MS };

	(void)state;
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		char buf[32], *sp;
		int64_t ns;

		mb_format_duration(values[i], buf, sizeof(buf));
		sp = strchr(buf, ' ');
		assert_non_null(sp);
		memmove(sp, sp + 1, strlen(sp));
		assert_int_equal(mb_parse_duration(buf, &ns), 0);
		assert_int_equal(ns, values[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_duration_valid),
		cmocka_unit_test(parse_duration_invalid),
		cmocka_unit_test(parse_size_valid),
		cmocka_unit_test(parse_size_invalid),
		cmocka_unit_test(parse_port_range),
		cmocka_unit_test(format_duration),
		cmocka_unit_test(format_size),
		cmocka_unit_test(format_truncates),
		cmocka_unit_test(format_parse_round_trip),
	};

	/* TAP for automake's tap-driver.sh, whatever the environment says. */
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
