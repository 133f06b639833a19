/* Parsing and formatting of durations, sizes and port ranges (units.h).
 *
 * Numbers are "digits[.digits]" with no sign and no blanks; the unit
 * follows immediately.  Fractions are converted exactly (no floating
 * point) and truncated to the base unit (1 ns, 1 byte). */
#include "analysis/units.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* A decimal number as written: integer digits and fraction digits. */
struct decimal {
	const char *int_digits, *frac_digits;
	size_t n_int, n_frac;
};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static size_t count_digits(const char *p)
{
	size_t n = 0;

	while (is_digit(p[n]))
		n++;
	return n;
}

/* Scan "digits[.digits]"; returns the text after it, or NULL. */
static const char *scan_decimal(const char *text, struct decimal *d)
{
	const char *p = text;

	d->int_digits = p;
	d->n_int = count_digits(p);
	if (d->n_int == 0)
		return NULL;
	p += d->n_int;
	d->frac_digits = p;
	d->n_frac = 0;
	if (*p != '.')
		return p;
	d->frac_digits = ++p;
	d->n_frac = count_digits(p);
	/* "1." is a typo, not a number. */
	return d->n_frac ? p + d->n_frac : NULL;
}

/* Well-formed, but too big for a uint64_t. */
#define PARSE_OVERFLOW (-2)

/* floor(d * mult), or PARSE_OVERFLOW if it does not fit in a uint64_t. */
static int decimal_scale(const struct decimal *d, uint64_t mult, uint64_t *out)
{
	uint64_t ip = 0, fp = 0;

	for (size_t i = 0; i < d->n_int; i++) {
		if (__builtin_mul_overflow(ip, 10, &ip) ||
		    __builtin_add_overflow(ip, (uint64_t)(d->int_digits[i] - '0'), &ip))
			return PARSE_OVERFLOW;
	}
	if (__builtin_mul_overflow(ip, mult, &ip))
		return PARSE_OVERFLOW;
	/* floor(mult * 0.f1f2...fn) by Horner from the last digit:
	 * y = floor((f_i * mult + y) / 10) keeps y < mult, and nested floors
	 * equal the floor of the exact value, so any number of digits is
	 * exact.  mult <= 3.6e12 here, so 10 * mult cannot overflow. */
	for (size_t i = d->n_frac; i-- > 0;)
		fp = ((uint64_t)(d->frac_digits[i] - '0') * mult + fp) / 10;
	return __builtin_add_overflow(ip, fp, out) ? PARSE_OVERFLOW : 0;
}

struct unit {
	const char *name;
	uint64_t mult;
};

/* Look the whole suffix up; "" must be in the table to be accepted. */
static int unit_lookup(const struct unit *tab, size_t n, const char *suffix,
		       uint64_t *mult)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(tab[i].name, suffix) == 0) {
			*mult = tab[i].mult;
			return 0;
		}
	}
	return -1;
}

/* 0, -1 (malformed) or PARSE_OVERFLOW. */
static int parse_scaled(const char *text, const struct unit *tab, size_t n,
			uint64_t *out)
{
	struct decimal d;
	const char *suffix;
	uint64_t mult;

	if (!text || !out)
		return -1;
	suffix = scan_decimal(text, &d);
	if (!suffix || unit_lookup(tab, n, suffix, &mult) < 0)
		return -1;
	return decimal_scale(&d, mult, out);
}

#define NS_PER_S UINT64_C(1000000000)

static const struct unit duration_units[] = {
	{ "", NS_PER_S }, /* a bare number is seconds */
	{ "ns", 1 },
	{ "us", 1000 },
	{ "\xc2\xb5s", 1000 }, /* U+00B5 micro sign, UTF-8 */
	{ "ms", 1000000 },
	{ "s", NS_PER_S },
	{ "m", 60 * NS_PER_S },
	{ "h", 3600 * NS_PER_S },
};

int mb_parse_duration(const char *text, int64_t *ns)
{
	uint64_t v;
	int r;

	if (!ns)
		return -1;
	r = parse_scaled(text, duration_units, sizeof(duration_units) / sizeof(duration_units[0]), &v);
	if (r == PARSE_OVERFLOW || (r == 0 && v > (uint64_t)MB_DURATION_MAX_NS))
		return MB_DURATION_TOO_LONG;
	if (r)
		return -1;
	*ns = (int64_t)v;
	return 0;
}

#define KIB UINT64_C(1024)

/* K/M/G/T, optionally followed by "i", "iB" or "B"; lower case accepted
 * for the prefix only ("b" would mean bits). */
static const struct unit size_units[] = {
	{ "", 1 }, { "B", 1 },
	{ "K", KIB }, { "Ki", KIB }, { "KiB", KIB }, { "KB", KIB },
	{ "k", KIB }, { "ki", KIB }, { "kiB", KIB }, { "kB", KIB },
	{ "M", KIB * KIB }, { "Mi", KIB * KIB }, { "MiB", KIB * KIB }, { "MB", KIB * KIB },
	{ "m", KIB * KIB }, { "mi", KIB * KIB }, { "miB", KIB * KIB }, { "mB", KIB * KIB },
	{ "G", KIB * KIB * KIB }, { "Gi", KIB * KIB * KIB },
	{ "GiB", KIB * KIB * KIB }, { "GB", KIB * KIB * KIB },
	{ "g", KIB * KIB * KIB }, { "gi", KIB * KIB * KIB },
	{ "giB", KIB * KIB * KIB }, { "gB", KIB * KIB * KIB },
	{ "T", KIB * KIB * KIB * KIB }, { "Ti", KIB * KIB * KIB * KIB },
	{ "TiB", KIB * KIB * KIB * KIB }, { "TB", KIB * KIB * KIB * KIB },
	{ "t", KIB * KIB * KIB * KIB }, { "ti", KIB * KIB * KIB * KIB },
	{ "tiB", KIB * KIB * KIB * KIB }, { "tB", KIB * KIB * KIB * KIB },
};

int mb_parse_size(const char *text, uint64_t *bytes)
{
	return parse_scaled(text, size_units,
			    sizeof(size_units) / sizeof(size_units[0]), bytes) ? -1 : 0;
}

/* A port number 1..65535: digits only; returns the text after it or NULL. */
static const char *scan_port(const char *p, uint16_t *port)
{
	uint32_t v = 0;
	size_t n = count_digits(p);

	if (n == 0)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		v = v * 10 + (uint32_t)(p[i] - '0');
		if (v > 65535)
			return NULL;
	}
	if (v == 0)
		return NULL;
	*port = (uint16_t)v;
	return p + n;
}

int mb_parse_port_range(const char *text, uint16_t *lo, uint16_t *hi)
{
	const char *p;
	uint16_t a, b;

	if (!text || !lo || !hi)
		return -1;
	p = scan_port(text, &a);
	if (!p)
		return -1;
	b = a;
	if (*p == '-')
		p = scan_port(p + 1, &b);
	if (!p || *p != '\0' || a > b)
		return -1;
	*lo = a;
	*hi = b;
	return 0;
}

/* ---- formatting ------------------------------------------------------- */

static uint64_t pow10_u64(unsigned n)
{
	uint64_t p = 1;

	while (n-- > 0)
		p *= 10;
	return p;
}

/* mag in [1, 1000) of unit u: three significant digits, rounded to
 * nearest; returns false if rounding reached 1000 (use the next unit). */
static bool format_3sig(uint64_t mag, uint64_t unit, const char *name,
			char *buf, size_t len)
{
	unsigned dec = mag / unit < 10 ? 2 : mag / unit < 100 ? 1 : 0;

	for (;;) {
		uint64_t step = unit / pow10_u64(dec);
		uint64_t scaled = (mag + step / 2) / step;
		uint64_t whole = scaled / pow10_u64(dec);

		if (whole >= 1000)
			return false;
		/* 9.996 rounds to 10.00: drop a decimal to keep 3 digits. */
		if (dec > 0 && whole >= pow10_u64(3 - dec)) {
			dec--;
			continue;
		}
		if (dec == 0)
			snprintf(buf, len, "%" PRIu64 " %s", whole, name);
		else
			snprintf(buf, len, "%" PRIu64 ".%0*" PRIu64 " %s", whole,
				 (int)dec, scaled % pow10_u64(dec), name);
		return true;
	}
}

void mb_format_duration(int64_t ns, char *buf, size_t len)
{
	/* Magnitude as unsigned: -INT64_MIN does not fit an int64_t. */
	uint64_t mag = ns < 0 ? -(uint64_t)ns : (uint64_t)ns;
	const char *sign = ns < 0 ? "-" : "";
	char body[48];

	if (!buf || len == 0)
		return;
	if (mag < 1000)
		snprintf(body, sizeof(body), "%" PRIu64 " ns", mag);
	else if (!(mag < 1000000 && format_3sig(mag, 1000, "us", body, sizeof(body))) &&
		 !(mag < NS_PER_S && format_3sig(mag, 1000000, "ms", body, sizeof(body)))) {
		/* Seconds keep millisecond resolution: "1.234 s", "600.000 s". */
		uint64_t ms = mag / 1000000 + (mag % 1000000 >= 500000);

		snprintf(body, sizeof(body), "%" PRIu64 ".%03" PRIu64 " s",
			 ms / 1000, ms % 1000);
	}
	snprintf(buf, len, "%s%s", sign, body);
}

void mb_format_size(uint64_t bytes, char *buf, size_t len)
{
	static const char *const names[] = { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
	uint64_t unit = KIB;

	if (!buf || len == 0)
		return;
	if (bytes < KIB) {
		snprintf(buf, len, "%" PRIu64 " B", bytes);
		return;
	}
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		/* Tenths of the unit, rounded; (bytes % unit) * 10 < 2^64. */
		uint64_t tenths = bytes / unit * 10 +
				  ((bytes % unit) * 10 + unit / 2) / unit;
		bool last = i + 1 == sizeof(names) / sizeof(names[0]);

		if (last || tenths < 10240) {
			snprintf(buf, len, "%" PRIu64 ".%" PRIu64 " %s",
				 tenths / 10, tenths % 10, names[i]);
			return;
		}
		unit *= KIB;
	}
}
