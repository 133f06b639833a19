/* Base64 encoding and strict decoding (base64.h). */
#include "analysis/base64.h"

#include <stdint.h>

static const char alphabet[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t mb_base64_encoded_len(size_t n)
{
	return (n + 2) / 3 * 4;
}

void mb_base64_encode(const void *data, size_t n, char *out)
{
	const unsigned char *p = data;
	size_t i = 0;

	for (; i + 3 <= n; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];

		*out++ = alphabet[v >> 18];
		*out++ = alphabet[v >> 12 & 63];
		*out++ = alphabet[v >> 6 & 63];
		*out++ = alphabet[v & 63];
	}
	if (n - i == 1) {
		uint32_t v = (uint32_t)p[i] << 16;

		*out++ = alphabet[v >> 18];
		*out++ = alphabet[v >> 12 & 63];
		*out++ = '=';
		*out++ = '=';
	} else if (n - i == 2) {
		uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8;

		*out++ = alphabet[v >> 18];
		*out++ = alphabet[v >> 12 & 63];
		*out++ = alphabet[v >> 6 & 63];
		*out++ = '=';
	}
	*out = '\0';
}

/* 0..63, -1 for a non-alphabet character. */
static int value_of(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

static int is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* Writes the bytes of one group of 4 symbols, pads of them '='. */
static int flush_group(const int v[4], int pads, unsigned char *out, size_t *n)
{
	uint32_t bits = (uint32_t)v[0] << 18 | (uint32_t)v[1] << 12 |
			(uint32_t)v[2] << 6 | (uint32_t)v[3];

	if (pads > 2)
		return -1;
	out[(*n)++] = (unsigned char)(bits >> 16);
	if (pads < 2)
		out[(*n)++] = (unsigned char)(bits >> 8);
	if (pads < 1)
		out[(*n)++] = (unsigned char)bits;
	return 0;
}

int mb_base64_decode(const char *text, unsigned char *out, size_t *n)
{
	int v[4], k = 0, pads = 0;
	int done = 0;

	*n = 0;
	for (const char *p = text; *p; p++) {
		if (is_space(*p))
			continue;
		if (done)
			return -1; /* data after the padded last group */
		if (*p == '=') {
			if (k < 2)
				return -1;
			pads++;
			v[k++] = 0;
		} else {
			if (pads)
				return -1; /* "=" in the middle of a group */
			v[k] = value_of(*p);
			if (v[k++] < 0)
				return -1;
		}
		if (k == 4) {
			if (flush_group(v, pads, out, n))
				return -1;
			done = pads > 0;
			k = 0;
		}
	}
	return k == 0 ? 0 : -1;
}
