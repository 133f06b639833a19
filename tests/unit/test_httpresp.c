/* Unit tests of analysis/httpresp.c: lengths, keep-alive, byte-at-a-time
 * feeding, a body ended by the close, and the refusals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/httpresp.h"

static struct mb_http_resp r;

static int feed_str(const char *s)
{
	mb_http_resp_init(&r);
	return mb_http_resp_feed(&r, s, strlen(s));
}

/* Refused with a reason containing why. */
static void refused(const char *s, const char *why)
{
	assert_int_equal(feed_str(s), -1);
	assert_non_null(strstr(r.error, why));
	assert_int_equal(mb_http_resp_feed(&r, "x", 1), -1); /* stays refused */
}

/* busybox httpd's answer: HTTP/1.1 with Connection: close. */
static void busybox_close(void **state)
{
	(void)state;
	assert_int_equal(feed_str("HTTP/1.1 200 OK\r\nContent-type: text/html\r\n"
				  "Date: Tue, 01 Dec 2026 09:00:00 GMT\r\nConnection: close\r\n"
				  "Content-Length: 15\r\n\r\nmigbench guest\n"), 1);
	assert_int_equal(r.status, 200);
	assert_false(r.keep_alive);
	assert_int_equal(r.content_length, 15);
	assert_int_equal(r.body, 15);
}

static void keep_alive_byte_at_a_time(void **state)
{
	const char *s = "HTTP/1.1 404 Not Found\r\ncontent-length:  3 \r\n\r\nabc";
	size_t n = strlen(s);

	(void)state;
	mb_http_resp_init(&r);
	for (size_t i = 0; i + 1 < n; i++)
		assert_int_equal(mb_http_resp_feed(&r, s + i, 1), 0);
	assert_int_equal(mb_http_resp_feed(&r, s + n - 1, 1), 1);
	assert_int_equal(r.status, 404);
	assert_true(r.keep_alive);
	/* HTTP/1.0 closes unless it says keep-alive. */
	assert_int_equal(feed_str("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n"), 1);
	assert_false(r.keep_alive);
	assert_int_equal(feed_str("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n"), 1);
	assert_true(r.keep_alive);
	/* Bare newlines, and 204 without a length. */
	assert_int_equal(feed_str("HTTP/1.1 204 No Content\n\n"), 1);
	assert_int_equal(r.content_length, 0);
	assert_true(r.keep_alive);
}

/* No length: the body ends at the close, and the connection is not kept. */
static void until_close(void **state)
{
	(void)state;
	assert_int_equal(feed_str("HTTP/1.0 200 OK\r\nServer: x\r\n\r\nsome body"), 0);
	assert_false(r.keep_alive);
	assert_int_equal(mb_http_resp_feed(&r, " more", 5), 0);
	assert_int_equal(mb_http_resp_eof(&r), 1);
	assert_int_equal(r.body, 14);
	/* A close before the length is reached is not a response. */
	assert_int_equal(feed_str("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"), 0);
	assert_int_equal(mb_http_resp_eof(&r), -1);
	assert_non_null(strstr(r.error, "closed before the end"));
	assert_int_equal(feed_str("HTTP/1.1 20"), 0);
	assert_int_equal(mb_http_resp_eof(&r), -1);
}

static void refusals(void **state)
{
	char big[MB_HTTP_HEAD_MAX + 64];

	(void)state;
	refused("SSH-2.0-OpenSSH\r\n\r\n", "not an HTTP/1.x status line");
	refused("HTTP/2 200\r\n\r\n", "not an HTTP/1.x status line");
	refused("HTTP/1.1 2x0 OK\r\n\r\n", "bad status code");
	refused("HTTP/1.1 2000 OK\r\n\r\n", "bad status code");
	refused("HTTP/1.1 100 Continue\r\n\r\n", "1xx");
	refused("HTTP/1.1 200 OK\r\nno colon\r\n\r\n", "malformed header");
	refused("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "bad Content-Length");
	refused("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n", "bad Content-Length");
	refused("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", "conflicting");
	refused("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", "not supported");
	refused("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nab", "bytes after the end");
	memset(big, 'a', sizeof(big));
	memcpy(big, "HTTP/1.1 200 OK\r\nX: ", 20);
	big[sizeof(big) - 1] = '\0';
	refused(big, "larger than 8 KiB");
	/* After a complete response, more bytes are refused too. */
	assert_int_equal(feed_str("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"), 1);
	assert_int_equal(mb_http_resp_feed(&r, "H", 1), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(busybox_close),
		cmocka_unit_test(keep_alive_byte_at_a_time),
		cmocka_unit_test(until_close),
		cmocka_unit_test(refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
