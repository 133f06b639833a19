/* OpenStack's times, as written (novatime.h).  Exact integer arithmetic:
 * a fraction of up to 9 digits is ns, finer digits are dropped. */
#include "analysis/novatime.h"

#include <stdio.h>
#include <string.h>

#define S_NS INT64_C(1000000000)

static bool digits(const char *s, size_t len, size_t at, size_t n, int *v)
{
	*v = 0;
	if (at + n > len)
		return false;
	for (size_t i = at; i < at + n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*v = *v * 10 + (s[i] - '0');
	}
	return true;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's). */
static int64_t days_from_civil(int y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool valid_date(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12 || d < 1)
		return false;
	return d <= mdays[m - 1] + (m == 2 && leap(y));
}

/* ".F" after the seconds: ns and the bytes read. */
static size_t fraction(const char *s, size_t len, size_t at, int64_t *ns)
{
	size_t i = at + 1;
	int64_t scale = S_NS;

	*ns = 0;
	if (at >= len || (s[at] != '.' && s[at] != ',') || i >= len || s[i] < '0' || s[i] > '9')
		return 0;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
		scale /= 10;
		*ns += (s[i] - '0') * scale;
	}
	return i - at;
}

/* "Z", "+HH:MM", "+HHMM", "+HH" (or '-'): bytes read, 0 without. */
static size_t offset(const char *s, size_t len, size_t at, struct mb_novatime *t)
{
	int h, m = 0;
	size_t n = 3;

	if (at < len && s[at] == 'Z') {
		t->zoned = true;
		return 1;
	}
	if (at >= len || (s[at] != '+' && s[at] != '-') || !digits(s, len, at + 1, 2, &h) || h > 23)
		return 0;
	if (at + 3 < len && s[at + 3] == ':' && digits(s, len, at + 4, 2, &m))
		n = 6;
	else if (digits(s, len, at + 3, 2, &m))
		n = 5;
	if (m > 59)
		return 0;
	t->zoned = true;
	t->offset_s = (s[at] == '-' ? -1 : 1) * (h * 3600 + m * 60);
	return n;
}

size_t mb_novatime_parse(const char *s, size_t len, struct mb_novatime *t)
{
	int y, mo, d, h, mi, sec;
	int64_t frac;
	size_t n = 19;

	memset(t, 0, sizeof(*t));
	if (!digits(s, len, 0, 4, &y) || len < 19 || s[4] != '-' || !digits(s, len, 5, 2, &mo) ||
	    s[7] != '-' || !digits(s, len, 8, 2, &d) || (s[10] != ' ' && s[10] != 'T') ||
	    !digits(s, len, 11, 2, &h) || s[13] != ':' || !digits(s, len, 14, 2, &mi) ||
	    s[16] != ':' || !digits(s, len, 17, 2, &sec))
		return 0;
	/* 60: a leap second as written. */
	if (!valid_date(y, mo, d) || h > 23 || mi > 59 || sec > 60)
		return 0;
	n += fraction(s, len, n, &frac);
	n += offset(s, len, n, t);
	if (n < len && s[n] != ' ' && s[n] != '\t' && s[n] != '\r' && s[n] != '\n')
		return 0;
	t->set = true;
	t->written_ns = ((days_from_civil(y, mo, d) * 24 + h) * 3600 + mi * 60 + sec) * S_NS + frac;
	memcpy(t->text, s, n < sizeof(t->text) ? n : sizeof(t->text) - 1);
	return n;
}

bool mb_novatime_utc(const struct mb_novatime *t, int64_t *ns)
{
	if (!t->set || !t->zoned)
		return false;
	*ns = t->written_ns - (int64_t)t->offset_s * S_NS;
	return true;
}

bool mb_novatime_diff(const struct mb_novatime *a, const struct mb_novatime *b, int64_t *ns)
{
	if (!a->set || !b->set || a->zoned != b->zoned)
		return false;
	/* Both local as written, or both brought to UTC by their offsets. */
	*ns = b->written_ns - a->written_ns;
	if (a->zoned)
		*ns -= ((int64_t)b->offset_s - a->offset_s) * S_NS;
	return true;
}

const char *mb_novatime_zone(const struct mb_novatime *t, char *buf, size_t len)
{
	int32_t o = t->offset_s < 0 ? -t->offset_s : t->offset_s;

	if (!t->zoned)
		return "local, as written";
	if (t->offset_s == 0)
		return "UTC";
	snprintf(buf, len, "%c%02d:%02d", t->offset_s < 0 ? '-' : '+', (int)(o / 3600), (int)(o % 3600 / 60));
	return buf;
}
