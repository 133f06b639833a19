/* Unit tests of analysis/base64.c: RFC 4648 vectors, round trips, and
 * the strictness of the decoder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/base64.h"

static void rfc4648_vectors(void **state)
{
	static const char *const pairs[][2] = {
		{ "", "" }, { "f", "Zg==" }, { "fo", "Zm8=" }, { "foo", "Zm9v" },
		{ "foob", "Zm9vYg==" }, { "fooba", "Zm9vYmE=" }, { "foobar", "Zm9vYmFy" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		char enc[32];
		unsigned char dec[32];
		size_t n;

		assert_int_equal(mb_base64_encoded_len(strlen(pairs[i][0])), strlen(pairs[i][1]));
		mb_base64_encode(pairs[i][0], strlen(pairs[i][0]), enc);
		assert_string_equal(enc, pairs[i][1]);
		assert_int_equal(mb_base64_decode(pairs[i][1], dec, &n), 0);
		assert_int_equal(n, strlen(pairs[i][0]));
		assert_memory_equal(dec, pairs[i][0], n);
	}
}

static void round_trip_all_bytes(void **state)
{
	unsigned char data[256], dec[260];
	char enc[400];
	size_t n;

	(void)state;
	for (int i = 0; i < 256; i++)
		data[i] = (unsigned char)(255 - i);
	for (size_t len = 0; len <= sizeof(data); len += 37) {
		mb_base64_encode(data, len, enc);
		assert_int_equal(mb_base64_decode(enc, dec, &n), 0);
		assert_int_equal(n, len);
		assert_memory_equal(dec, data, len);
	}
}

static void decoder_skips_whitespace(void **state)
{
	unsigned char dec[16];
	size_t n;

	(void)state;
	assert_int_equal(mb_base64_decode("Zm9v\nYmFy\r\n", dec, &n), 0);
	assert_int_equal(n, 6);
	assert_memory_equal(dec, "foobar", 6);
}

static void decoder_rejects(void **state)
{
	static const char *const bad[] = {
		"Zm9", "Zg=", "Z===", "=Zg=", "Zg==Zg==", "Zm9v!", "Zm=v", "Zg==\nZ",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		unsigned char dec[32];
		size_t n;

		print_message("# \"%s\"\n", bad[i]);
		assert_int_equal(mb_base64_decode(bad[i], dec, &n), -1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rfc4648_vectors),
		cmocka_unit_test(round_trip_all_bytes),
		cmocka_unit_test(decoder_skips_whitespace),
		cmocka_unit_test(decoder_rejects),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
