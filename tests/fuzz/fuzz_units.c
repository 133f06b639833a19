/* The values users type: durations, sizes, port ranges and addresses
 * (analysis/units.c, analysis/volume.c), and the command line's number
 * and duration parsers (src/common/cli.c).  A value that parses must
 * format and stay in its documented range. */
#include "config.h"

#include "tests/fuzz/fuzz.h"

#include <stdlib.h>

#include "analysis/units.h"
#include "analysis/volume.h"
#include "src/common/cli.h"

static void values(const char *s)
{
	char buf[64];
	int64_t ns;
	uint64_t bytes, u;
	uint16_t lo, hi;
	struct mb_ip_addr addr;
	int i;

	if (mb_parse_duration(s, &ns) == 0) {
		if (ns < 0 || ns > MB_DURATION_MAX_NS)
			abort();
		mb_format_duration(ns, buf, sizeof(buf));
	}
	if (mb_parse_size(s, &bytes) == 0)
		mb_format_size(bytes, buf, sizeof(buf));
	if (mb_parse_port_range(s, &lo, &hi) == 0 && (lo == 0 || lo > hi))
		abort();
	mb_ip_addr_parse(s, &addr);
	if (mb_cli_parse_uint("fuzz", "n", s, 1, 8796093022207ULL, &u) == 0 &&
	    (u < 1 || u > 8796093022207ULL))
		abort();
	if (mb_cli_parse_int_range("fuzz", "n", s, 0, 99, &i) == 0 && (i < 0 || i > 99))
		abort();
	if (mb_cli_parse_duration("fuzz", "d", s, MB_CLI_ZERO_REFUSED, &ns) == 0 && ns <= 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = mb_fuzz_string(data, size);

	values(s);
	free(s);
	return 0;
}
