#include "config.h"

#include "analysis/workload.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/units.h"

#define MIB 1048576u

static int refuse(char *why, size_t len, const char *msg)
{
	snprintf(why, len, "%s", msg);
	return -1;
}

int mb_workload_parse(const char *spec, struct mb_dirty_spec *out, char *why, size_t whylen)
{
	char size[64];
	const char *at, *rate;
	size_t n;

	if (strncmp(spec, "dirty:", 6) != 0)
		return refuse(why, whylen, "expected dirty:SIZE@RATE (the only workload kind)");
	spec += 6;
	at = strchr(spec, '@');
	if (!at)
		return refuse(why, whylen, "expected dirty:SIZE@RATE, no '@' before the rate");
	n = (size_t)(at - spec);
	if (n == 0 || n >= sizeof(size))
		return refuse(why, whylen, "no working-set size before '@'");
	memcpy(size, spec, n);
	size[n] = '\0';
	if (mb_parse_size(size, &out->size_bytes) || out->size_bytes < MIB ||
	    out->size_bytes % MIB || out->size_bytes / MIB > MB_DIRTY_MAX_SIZE_MIB)
		return refuse(why, whylen, "SIZE: a whole number of MiB from 1M to 1T, e.g. 128M");
	rate = at + 1;
	if (!strcmp(rate, "max")) {
		out->rate_bps = 0;
		return 0;
	}
	if (mb_parse_size(rate, &out->rate_bps) || out->rate_bps == 0 ||
	    out->rate_bps > (uint64_t)MB_DIRTY_MAX_SIZE_MIB * MIB)
		return refuse(why, whylen, "RATE: bytes per second from 1 to 1T (e.g. 200M) or max");
	return 0;
}

void mb_workload_dirtier_args(const struct mb_dirty_spec *s, char *size, size_t sizelen,
			      char *rate, size_t ratelen)
{
	snprintf(size, sizelen, "%" PRIu64, s->size_bytes / MIB);
	/* Enough digits that 1 byte/s survives the trip through MiB/s. */
	snprintf(rate, ratelen, "%.9g", (double)s->rate_bps / MIB);
}

/* The word being built: bounded, so a hostile line cannot grow it. */
struct word {
	char buf[MB_SPLIT_MAX_LEN + 1];
	size_t len;
	bool open;      /* a word has started (even an empty '' one) */
};

static int put(struct word *w, char c)
{
	if (w->len == MB_SPLIT_MAX_LEN)
		return -1;
	w->buf[w->len++] = c;
	w->open = true;
	return 0;
}

static int end_word(struct word *w, struct mb_words *out)
{
	if (!w->open)
		return 0;
	if (out->n == MB_SPLIT_MAX_WORDS)
		return -1;
	w->buf[w->len] = '\0';
	out->w[out->n] = strdup(w->buf);
	if (!out->w[out->n])
		return -1;
	out->n++;
	w->len = 0;
	w->open = false;
	return 0;
}

/* Inside "...": the characters a backslash escapes there. */
static bool dq_escapable(char c)
{
	return c == '"' || c == '\\' || c == '$' || c == '`' || c == '\n';
}

/* One quoted part starting at *p (on the quote); advances past it.  0,
 * -1 unterminated, -2 too long. */
static int quoted(const char **p, struct word *w)
{
	char q = **p;
	const char *s = *p + 1;

	w->open = true;
	for (; *s && *s != q; s++) {
		if (q == '"' && *s == '\\' && dq_escapable(s[1])) {
			s++;
			if (*s == '\n')
				continue;	/* a line continuation: nothing */
		}
		if (put(w, *s))
			return -2;
	}
	if (*s != q)
		return -1;
	*p = s + 1;
	return 0;
}

static int split_fail(struct mb_words *out, char *why, size_t len, const char *msg)
{
	mb_words_free(out);
	return refuse(why, len, msg);
}

int mb_split_words(const char *line, struct mb_words *out, char *why, size_t whylen)
{
	struct word *cur = calloc(1, sizeof(*cur));
	const char *p = line;
	int r = 0;

	/* On the heap: 4 KiB is too much for a stack frame here. */
	memset(out, 0, sizeof(*out));
	if (!cur)
		return refuse(why, whylen, "out of memory");
	while (*p && r == 0) {
		if (*p == ' ' || *p == '\t' || *p == '\n') {
			r = end_word(cur, out) ? -3 : 0;
			p++;
		} else if (*p == '\'' || *p == '"') {
			r = quoted(&p, cur);
		} else if (*p == '\\') {
			p++;
			if (*p == '\n')
				p++;	/* a line continuation */
			else if (*p)
				r = put(cur, *p++) ? -2 : 0;
		} else {
			r = put(cur, *p++) ? -2 : 0;
		}
	}
	if (r == 0 && end_word(cur, out))
		r = -3;
	free(cur);
	if (r == -1)
		return split_fail(out, why, whylen, "a quote is not closed");
	if (r == -2)
		return split_fail(out, why, whylen, "a word is longer than 4096 bytes");
	if (r == -3)
		return split_fail(out, why, whylen, "more than 64 words (or out of memory)");
	if (out->n == 0)
		return split_fail(out, why, whylen, "no program given");
	return 0;
}

void mb_words_free(struct mb_words *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->w[i]);
	w->n = 0;
}

bool mb_dirtier_report(const char *out, double *rate_bps, uint64_t *pages, double *secs)
{
	const char *line = NULL;
	unsigned long long n;
	double s, r;

	/* The last report wins: it is the one printed at the end. */
	for (const char *p = out; (p = strstr(p, "dirtied=")) != NULL; p++)
		if (p == out || p[-1] == '\n')
			line = p;
	if (!line || sscanf(line, "dirtied=%llu pages seconds=%lf rate=%lf MiB/s", &n, &s, &r) != 3 ||
	    !isfinite(s) || !isfinite(r) || s < 0 || r < 0)
		return false;
	*rate_bps = r * MIB;
	*pages = n;
	*secs = s;
	return true;
}
