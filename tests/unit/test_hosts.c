/* Unit tests of src/common/hosts.c: the one reading of a libvirt URI's
 * host (libxml2's parser), and HOST arguments resolved through a URI, a
 * hosts file and the connect template. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "src/common/hosts.h"

static void uri_hosts(void **state)
{
	static const struct {
		const char *uri, *host;
	} cases[] = {
		{ "qemu+ssh://user@host:2222/system", "host" },
		{ "qemu+tcp://[::1]/system", "::1" },
		{ "qemu+tcp://user@[fd00::1]:16509/system", "fd00::1" },
		{ "qemu+tcp://10.213.4.12/system", "10.213.4.12" },
		{ "qemu+ssh://node-1.example.org/system?keyfile=/root/.ssh/lab", "node-1.example.org" },
		{ "qemu+ssh://root@node-1/system", "node-1" },
		{ "tcp://10.213.5.12:49152", "10.213.5.12" },  /* a --migrate-uri */
		/* The old copies disagreed here ("h#x" in one of them). */
		{ "qemu+tcp://h#x", "h" },
	};
	char buf[64];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(buf, 'x', sizeof(buf));
		assert_int_equal(mb_uri_host(cases[i].uri, buf, sizeof(buf)), 0);
		assert_string_equal(buf, cases[i].host);
	}
}

/* No host, or no URI: -1 and an empty string, never a piece of the text. */
static void uri_without_host(void **state)
{
	static const char *const cases[] = {
		"qemu:///system",
		"qemu+unix:///system?socket=/run/libvirt/virtqemud-sock",
		"qemu+ssh://user@/system",      /* a user and no host */
		"tcp:10.213.5.12",              /* no authority at all */
		"qemu+ssh://a@b@c/system",      /* not a URI (two '@') */
		"qemu+tcp://[fd00::1/system",   /* an unclosed literal */
		"qemu+tcp://[]/system",
		"node-1",
		"",
	};
	char buf[64];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(buf, 'x', sizeof(buf));
		assert_int_equal(mb_uri_host(cases[i], buf, sizeof(buf)), -1);
		assert_string_equal(buf, "");
	}
	assert_int_equal(mb_uri_host(NULL, buf, sizeof(buf)), -1);
	assert_string_equal(buf, "");
}

static void uri_host_too_long(void **state)
{
	char buf[8];

	(void)state;
	assert_int_equal(mb_uri_host("qemu+ssh://abcdefg/system", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "abcdefg");
	assert_int_equal(mb_uri_host("qemu+ssh://abcdefgh/system", buf, sizeof(buf)), -1);
	assert_string_equal(buf, "");
	assert_int_equal(mb_uri_host("qemu+ssh://abcdefgh/system", buf, 0), -1);
}

static void resolve_uri(void **state)
{
	struct mb_host h;
	char err[256];

	(void)state;
	assert_int_equal(mb_host_resolve("qemu+tcp://user@[fd00::2]:16509/system", NULL, &h, err,
					 sizeof(err)), 0);
	assert_string_equal(h.uri, "qemu+tcp://user@[fd00::2]:16509/system");
	assert_string_equal(h.migration_address, "fd00::2");
	assert_string_equal(h.source, "libvirt URI");
	assert_int_equal(mb_host_resolve("qemu:///system", NULL, &h, err, sizeof(err)), 0);
	assert_string_equal(h.uri, "qemu:///system");
	assert_string_equal(h.migration_address, ""); /* libvirt chooses */
}

static void resolve_from_file_and_template(void **state)
{
	char path[] = "/tmp/mb-test-hosts-XXXXXX";
	int fd = mkstemp(path);
	struct mb_host_lookup lk = { .hosts_file = path, .connect_template = "qemu+tcp://%s:16509/system" };
	struct mb_host h;
	char err[256], source[300];
	FILE *f;

	(void)state;
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fputs("# the lab\nsrc qemu+ssh://root@10.213.4.11:2222/system\n"
	      "dst qemu+tcp://[fd00::12]/system 10.213.5.12  # migration network\n", f);
	fclose(f);

	assert_int_equal(mb_host_resolve("src", &lk, &h, err, sizeof(err)), 0);
	assert_string_equal(h.name, "src");
	assert_string_equal(h.uri, "qemu+ssh://root@10.213.4.11:2222/system");
	assert_string_equal(h.migration_address, "10.213.4.11");
	snprintf(source, sizeof(source), "hosts file %s line 2", path);
	assert_string_equal(h.source, source);

	assert_int_equal(mb_host_resolve("dst", &lk, &h, err, sizeof(err)), 0);
	assert_string_equal(h.uri, "qemu+tcp://[fd00::12]/system");
	assert_string_equal(h.migration_address, "10.213.5.12");

	/* Not in the file: the template. */
	assert_int_equal(mb_host_resolve("node-7", &lk, &h, err, sizeof(err)), 0);
	assert_string_equal(h.uri, "qemu+tcp://node-7:16509/system");
	assert_string_equal(h.migration_address, "node-7");
	assert_string_equal(h.source, "connect template qemu+tcp://%s:16509/system");

	lk.connect_template = "qemu+ssh://node/system";
	assert_int_equal(mb_host_resolve("node-7", &lk, &h, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "exactly one %s"));
	unlink(path);

	/* An explicit hosts file must exist. */
	assert_int_equal(mb_host_resolve("src", &lk, &h, err, sizeof(err)), -1);
	assert_non_null(strstr(err, path));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(uri_hosts),
		cmocka_unit_test(uri_without_host),
		cmocka_unit_test(uri_host_too_long),
		cmocka_unit_test(resolve_uri),
		cmocka_unit_test(resolve_from_file_and_template),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
