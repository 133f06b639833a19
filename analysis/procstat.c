/* The steal time of a /proc/stat "cpu" line.  See procstat.h. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/procstat.h"

#define STEAL_FIELD 8 /* user nice system idle iowait irq softirq steal */

int mb_procstat_steal(const char *line, uint64_t *ticks)
{
	const char *p;

	if (!line || strncmp(line, "cpu ", 4))
		return -1;
	p = line + 4;
	for (int field = 1; field <= STEAL_FIELD; field++) {
		unsigned long long v;
		char *end;

		while (*p == ' ')
			p++;
		if (!isdigit((unsigned char)*p))
			return -1;
		errno = 0;
		v = strtoull(p, &end, 10);
		if (errno || (*end && *end != ' ' && *end != '\n'))
			return -1;
		if (field == STEAL_FIELD)
			*ticks = v;
		p = end;
	}
	return 0;
}
