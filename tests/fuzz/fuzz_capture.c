/* A capture file as migbench analyze FILE counts it: the input written
 * to a file and read by libpcap's pcap and pcapng readers through
 * probes/capture.c, then every figure analyze reports taken from it. */
#include "config.h"

#include "tests/fuzz/fuzz.h"

#include <stdlib.h>

#include "analysis/volume.h"
#include "probes/capture.h"

static void figures(const struct mb_capture *c)
{
	const struct mb_volume *v = mb_capture_volume(c);
	struct mb_capture_stats st;
	struct mb_volume_totals t;
	struct mb_volume_rate r;
	struct mb_volume_bin b;
	size_t first, count;
	int64_t start;

	mb_capture_stats(c, &st);
	mb_volume_totals(v, &t);
	mb_volume_rate(v, &r);
	if (!mb_volume_bin_range(v, &first, &count))
		return;
	for (size_t i = first; i < first + count; i++)
		mb_volume_bin(v, i, &b, &start);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* analyze's defaults, and a small bin limit: a file's stamps may
	 * spread over years, and the bins are the memory it costs. */
	struct mb_capture_config cfg = {
		.match = { .port_lo = 49152, .port_hi = 49261 },
		.bin_ns = 10000000,
		.max_bins = 4096,
	};
	struct mb_capture *c = NULL;
	char err[1024];

	if (mb_capture_read_file(&c, mb_fuzz_file(data, size), &cfg, err, sizeof(err)) == 0)
		figures(c);
	mb_capture_free(c);
	return 0;
}
