#include "analysis/scan.h"

#include <string.h>

bool mb_scan_eat(struct mb_scan *s, const char *lit)
{
	size_t n = strlen(lit);

	if ((size_t)(s->end - s->p) < n || memcmp(s->p, lit, n) != 0)
		return false;
	s->p += n;
	return true;
}

bool mb_scan_starts(const struct mb_scan *s, const char *lit)
{
	struct mb_scan t = *s;

	return mb_scan_eat(&t, lit);
}

bool mb_scan_skip_past(struct mb_scan *s, const char *lit)
{
	size_t n = strlen(lit);
	const char *hit = memmem(s->p, (size_t)(s->end - s->p), lit, n);

	if (!hit)
		return false;
	s->p = hit + n;
	return true;
}

bool mb_scan_u64(struct mb_scan *s, uint64_t *v)
{
	uint64_t n = 0;
	const char *p = s->p;

	if (p == s->end || !mb_scan_is_digit(*p))
		return false;
	for (; p < s->end && mb_scan_is_digit(*p); p++)
		if (__builtin_mul_overflow(n, 10, &n) ||
		    __builtin_add_overflow(n, (uint64_t)(*p - '0'), &n))
			return false;
	*v = n;
	s->p = p;
	return true;
}

bool mb_scan_i64(struct mb_scan *s, int64_t *v)
{
	uint64_t n;
	struct mb_scan t = *s;

	if (!mb_scan_u64(&t, &n) || n > INT64_MAX)
		return false;
	*v = (int64_t)n;
	*s = t;
	return true;
}
