/* A small cursor over the bytes [p, end) of one line of a log from
 * elsewhere (a ping log, nova's log): lines are not NUL-terminated, and
 * numbers are read exactly, refusing overflow. */
#ifndef MB_ANALYSIS_SCAN_H
#define MB_ANALYSIS_SCAN_H

#include <stdbool.h>
#include <stdint.h>

struct mb_scan {
	const char *p, *end;
};

static inline bool mb_scan_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static inline bool mb_scan_at_end(const struct mb_scan *s)
{
	return s->p == s->end;
}

/* The literal at the cursor: move past it. */
bool mb_scan_eat(struct mb_scan *s, const char *lit);
/* The literal at the cursor, the cursor left where it is. */
bool mb_scan_starts(const struct mb_scan *s, const char *lit);
/* The literal anywhere ahead: move past its first occurrence. */
bool mb_scan_skip_past(struct mb_scan *s, const char *lit);
/* Decimal digits (at least one), refused on overflow. */
bool mb_scan_u64(struct mb_scan *s, uint64_t *v);
bool mb_scan_i64(struct mb_scan *s, int64_t *v);

#endif
