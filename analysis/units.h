/* Parsing and formatting of the units users type: durations, sizes, rates.
 * Pure; every parser rejects trailing garbage, negatives and overflow. */
#ifndef MB_ANALYSIS_UNITS_H
#define MB_ANALYSIS_UNITS_H

#include <stddef.h>
#include <stdint.h>

/* The longest duration a user may give: 30 days.  Far beyond any
 * measurement, and small enough that a deadline made of a CLOCK_MONOTONIC
 * time (under 2^62 ns: 146 years of uptime) plus any sum of a few such
 * durations cannot overflow an int64_t. */
#define MB_DURATION_MAX_NS (INT64_C(30) * 24 * 3600 * 1000000000)

/* mb_parse_duration's refusal of a well-formed duration that is too long. */
#define MB_DURATION_TOO_LONG (-2)

/* "1.5s", "100ms", "250us", "10ns", "2m", "1h"; a bare number is seconds.
 * Returns 0; -1 on bad input; MB_DURATION_TOO_LONG beyond
 * MB_DURATION_MAX_NS (however far: "99999999999h" too).  *ns is written
 * only on success. */
int mb_parse_duration(const char *text, int64_t *ns);

/* "64", "64K", "70M", "1G", "1.5GiB" (powers of 1024; a bare number is
 * bytes). Returns 0, or -1. */
int mb_parse_size(const char *text, uint64_t *bytes);

/* "lo-hi" or a single port, 1..65535, lo <= hi. Returns 0, or -1. */
int mb_parse_port_range(const char *text, uint16_t *lo, uint16_t *hi);

/* Human-readable: "1.234 s", "12.3 ms", "850 us", "120 ns". */
void mb_format_duration(int64_t ns, char *buf, size_t len);
/* "80.2 MiB" style. */
void mb_format_size(uint64_t bytes, char *buf, size_t len);

#endif
