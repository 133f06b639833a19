/* Unit tests of analysis/url.c: the accepted forms and every refusal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/url.h"

static void good(const char *text, enum mb_url_scheme scheme, const char *host,
		 unsigned port, const char *path)
{
	struct mb_url u;
	char err[256] = "";

	assert_int_equal(mb_url_parse(text, &u, err, sizeof(err)), 0);
	assert_int_equal(u.scheme, scheme);
	assert_string_equal(u.host, host);
	assert_int_equal(u.port, port);
	assert_string_equal(u.path, path);
}

/* Refused, with a reason that names the URL and contains why. */
static void bad(const char *text, const char *why)
{
	struct mb_url u;
	char err[512] = "";

	assert_int_equal(mb_url_parse(text, &u, err, sizeof(err)), -1);
	assert_non_null(strstr(err, why));
	assert_non_null(strstr(err, text[0] ? text : "\"\""));
}

static void accepted(void **state)
{
	(void)state;
	good("http://10.0.0.2/", MB_URL_HTTP, "10.0.0.2", 80, "/");
	good("http://10.0.0.2", MB_URL_HTTP, "10.0.0.2", 80, "/");
	good("http://guest:8080/index.html?a=1&b=2", MB_URL_HTTP, "guest", 8080,
	     "/index.html?a=1&b=2");
	good("http://[fd00::2]:81/x", MB_URL_HTTP, "fd00::2", 81, "/x");
	good("http://my-host.example.org:65535/%20", MB_URL_HTTP, "my-host.example.org",
	     65535, "/%20");
	good("tcp://10.0.0.2:7", MB_URL_TCP, "10.0.0.2", 7, "");
	good("tcp://[::1]:7/", MB_URL_TCP, "::1", 7, "");
	good("http://[fd00:10:213:1::101]/", MB_URL_HTTP, "fd00:10:213:1::101", 80, "/");
	good("tcp://[::ffff:10.0.0.2]:7", MB_URL_TCP, "::ffff:10.0.0.2", 7, "");
}

static void refused(void **state)
{
	char longhost[400];

	(void)state;
	bad("", "empty URL");
	bad("10.0.0.2", "not a URL");
	bad("https://x/", "unsupported scheme");
	bad("ftp://x/", "unsupported scheme");
	bad("http:///", "no host");
	bad("http://:80/", "no host");
	bad("http://x:0/", "port outside 1..65535");
	bad("http://x:65536/", "port outside 1..65535");
	bad("http://x:99999999999999999999/", "port outside");
	bad("http://x:/", "port is not a number");
	bad("http://x:8o/", "bad character after the host or port");
	bad("http://[::1]x/", "bad character after the host or port");
	bad("http://user@x/", "user info");
	bad("http://x y/", "bad character in the host");
	bad("http://[fd00::2/", "without its ']'");
	bad("http://[fd00::zz]/", "bad character in the host");
	bad("http://[fd00::1::2]/", "not an IPv6 address");
	bad("http://[10.0.0.2]/", "not an IPv6 address");
	bad("tcp://[fd00:1:2:3:4:5:6:7:8]:7", "not an IPv6 address");
	bad("http://[]/", "no host");
	bad("http://[fe80::1%eth0]/", "bad character in the host");
	bad("http://fd00::1/", "goes in brackets");
	bad("tcp://fd00:1::2:7", "goes in brackets");
	bad("http://x/a b", "space or control character");
	bad("http://x/a\tb", "space or control character");
	bad("http://x/a#frag", "fragment");
	bad("http://x?q", "must start with '/'");
	bad("tcp://x", "needs a port");
	bad("tcp://x:7/echo", "takes no path");
	memset(longhost, 'a', sizeof(longhost));
	memcpy(longhost, "http://", 7);
	strcpy(longhost + 7 + 260, "/");
	bad(longhost, "longer than 253");
}

/* A host as it goes into a URL: IPv6 bracketed, the rest as is; too
 * small a buffer is said. */
static void host_text(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(mb_url_host_text("10.0.0.2", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "10.0.0.2");
	assert_int_equal(mb_url_host_text("fd00::101", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "[fd00::101]");
	assert_int_equal(mb_url_host_text("guest", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "guest");
	assert_int_equal(mb_url_host_text("fd00::101", buf, 11), -1);
	assert_int_equal(mb_url_host_text("fd00::101", buf, 12), 0);
}

static void formatted(const char *text, const char *want)
{
	struct mb_url u;
	char err[256], buf[128];

	assert_int_equal(mb_url_parse(text, &u, err, sizeof(err)), 0);
	assert_int_equal(mb_url_format(&u, buf, sizeof(buf)), 0);
	assert_string_equal(buf, want);
	assert_int_equal(mb_url_format(&u, buf, strlen(want)), -1);
}

static void format(void **state)
{
	(void)state;
	formatted("http://[fd00::2]/", "http://[fd00::2]:80/");
	formatted("tcp://[fd00::2]:7", "tcp://[fd00::2]:7");
	formatted("http://10.0.0.2/x?y", "http://10.0.0.2:80/x?y");
	formatted("tcp://guest:7/", "tcp://guest:7");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(accepted),
		cmocka_unit_test(refused),
		cmocka_unit_test(host_text),
		cmocka_unit_test(format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
