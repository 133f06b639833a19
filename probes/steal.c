/* The machine's steal time so far.  See steal.h. */
#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "analysis/procstat.h"
#include "probes/clock.h"
#include "probes/steal.h"

int64_t mb_steal_ns(void)
{
	char line[512];
	uint64_t ticks;
	long hz = sysconf(_SC_CLK_TCK);
	FILE *f = fopen("/proc/stat", "re");
	int ok;

	if (!f)
		return -1;
	ok = fgets(line, sizeof(line), f) && mb_procstat_steal(line, &ticks) == 0;
	fclose(f);
	/* INT64_MAX ns is 292 years: more ticks than that is not a reading. */
	if (!ok || hz <= 0 || ticks > (uint64_t)(INT64_MAX / MB_NS_PER_S))
		return -1;
	return (int64_t)(ticks * (uint64_t)MB_NS_PER_S / (uint64_t)hz);
}
