/* Hosts files (src/common/hosts.c): the input as --hosts-file, looked up
 * by a few names, and as a HOST argument (a URI or a name). */
#include "config.h"

#include "tests/fuzz/fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "src/common/hosts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "a", "compute1", "dst", "#" };
	struct mb_host_lookup lk = { .hosts_file = mb_fuzz_file(data, size) };
	struct mb_host h;
	char err[1024], host[256];
	char *s = mb_fuzz_string(data, size);

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (mb_host_resolve(names[i], &lk, &h, err, sizeof(err)) == 0 &&
		    (!memchr(h.uri, '\0', sizeof(h.uri)) || !memchr(h.source, '\0', sizeof(h.source))))
			abort();
	lk.hosts_file = "/nonexistent/hosts";
	mb_host_resolve(s, &lk, &h, err, sizeof(err));
	lk.connect_template = s;
	mb_host_resolve("a", &lk, &h, err, sizeof(err));
	if (mb_uri_host(s, host, sizeof(host)) == 0 && !host[0])
		abort();
	free(s);
	return 0;
}
