#include "config.h"

#include <string.h>

#include "analysis/utf8.h"

static const char replacement[] = "\xef\xbf\xbd";

static bool cont(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

size_t mb_utf8_seq_len(const unsigned char *s, size_t n)
{
	unsigned char c;

	if (n == 0)
		return 0;
	c = s[0];
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return n >= 2 && cont(s[1]) ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		/* E0 needs A0.., ED stops at 9F (surrogates) */
		unsigned char lo = c == 0xe0 ? 0xa0 : 0x80, hi = c == 0xed ? 0x9f : 0xbf;

		return n >= 3 && s[1] >= lo && s[1] <= hi && cont(s[2]) ? 3 : 0;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		unsigned char lo = c == 0xf0 ? 0x90 : 0x80, hi = c == 0xf4 ? 0x8f : 0xbf;

		return n >= 4 && s[1] >= lo && s[1] <= hi && cont(s[2]) && cont(s[3]) ? 4 : 0;
	}
	return 0;
}

bool mb_utf8_valid(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		size_t k = mb_utf8_seq_len(u + i, n - i);

		if (k == 0 || u[i] == 0)
			return false;
		i += k;
	}
	return true;
}

size_t mb_utf8_clean_size(size_t n)
{
	return n * 3 + 1;
}

size_t mb_utf8_clean(const char *s, size_t n, char *out, size_t cap)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, o = 0;

	if (cap == 0)
		return 0;
	while (i < n) {
		size_t k = mb_utf8_seq_len(u + i, n - i);
		const char *src = (const char *)u + i;

		if (k == 0 || u[i] == 0) {
			src = replacement;
			k = 3;
			i++;
		} else {
			i += k;
		}
		if (o + k >= cap)
			break;
		memcpy(out + o, src, k);
		o += k;
	}
	out[o] = '\0';
	return o;
}
