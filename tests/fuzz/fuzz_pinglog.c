/* A whole ping log as migbench analyze --ping-log reads it
 * (analysis/pinglog.c): its lines, the interval, the series through the
 * outage analyzer. */
#include "config.h"

#include "tests/fuzz/fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "analysis/outage.h"
#include "analysis/pinglog.h"

/* A log of a few KiB can describe millions of probes (seq jumps); the
 * fuzzer needs speed more than their tail. */
#define MAX_PROBES (1u << 17)

static void series(const struct mb_pinglog *log)
{
	struct mb_outage_config cfg = {
		.late_after_ns = 100000000, .lost_after_ns = 1000000000,
	};
	struct mb_outage_result res;
	struct mb_pinglog_cursor c;
	struct mb_probe_sample s;
	struct mb_outage *o;

	if (mb_pinglog_infer_interval(log, &cfg.interval_ns, NULL))
		cfg.interval_ns = 2000000;
	o = mb_outage_new(&cfg);
	if (!o)
		abort();
	mb_pinglog_rewind(log, cfg.interval_ns, &c);
	for (unsigned n = 0; n < MAX_PROBES && mb_pinglog_next(log, &c, &s); n++)
		if (mb_outage_add(o, &s))
			abort(); /* the cursor hands out a valid series */
	mb_outage_result(o, &res);
	mb_outage_free(o);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mb_pinglog *log = mb_pinglog_new();
	struct mb_pinglog_info info;
	const uint8_t *p = data, *end = data + size;

	if (!log)
		abort();
	while (p < end) {
		const uint8_t *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);

		mb_pinglog_line(log, (const char *)p, len);
		p += len;
	}
	mb_pinglog_info(log, &info);
	if (info.replies)
		series(log);
	mb_pinglog_free(log);
	return 0;
}
