/* Parsing and formatting of the units users type: durations, sizes, rates.
 * Pure; every parser rejects trailing garbage, negatives and overflow. */
#ifndef MB_ANALYSIS_UNITS_H
#define MB_ANALYSIS_UNITS_H

#include <stddef.h>
#include <stdint.h>

/* "1.5s", "100ms", "250us", "10ns", "2m", "1h"; a bare number is seconds.
 * Returns 0, or -1 on bad input. */
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
