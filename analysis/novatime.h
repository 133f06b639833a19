/* A time as OpenStack writes it, kept as written: nova-compute's log
 * ("2018-11-22 09:59:42.442", local time with no zone in nova's default
 * format), an ISO-8601 form with its offset ("2026-11-30T10:01:02.345+01:00",
 * "...Z"), and nova's API times in `nova migration-list`
 * ("2018-11-22T09:59:35.000000", no zone; nova keeps UTC).
 *
 * Pure.  No time zone database is consulted: a time without a zone is
 * compared only with another without one (both local, as written), and a
 * time with an offset only with another with one (then in UTC). */
#ifndef MB_ANALYSIS_NOVATIME_H
#define MB_ANALYSIS_NOVATIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MB_NOVATIME_TEXT 40

struct mb_novatime {
	bool set;
	int64_t written_ns;     /* the clock as written, ns since 1970-01-01 00:00 of that clock */
	bool zoned;             /* an offset or Z was written */
	int32_t offset_s;       /* with zoned: east of UTC */
	char text[MB_NOVATIME_TEXT]; /* as written */
};

/* Reads "YYYY-MM-DD[ T]HH:MM:SS[.F][Z|+HH:MM|+HHMM|-...]" from the start
 * of s[0 .. len).  Returns the bytes read (0: no such time there). */
size_t mb_novatime_parse(const char *s, size_t len, struct mb_novatime *t);

/* b - a in ns: true when both are set and comparable (see above). */
bool mb_novatime_diff(const struct mb_novatime *a, const struct mb_novatime *b, int64_t *ns);

/* ns since the epoch in UTC: true only with an offset. */
bool mb_novatime_utc(const struct mb_novatime *t, int64_t *ns);

/* "local, as written", "UTC" or "+01:00" (into buf). */
const char *mb_novatime_zone(const struct mb_novatime *t, char *buf, size_t len);

#endif
