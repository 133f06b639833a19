#include "analysis/argsplit.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* Inside "...", a backslash escapes only these (POSIX 2.2.3). */
static bool dq_escapable(char c)
{
	return c == '"' || c == '\\' || c == '$' || c == '`' || c == '\n';
}

/* One word from *p into out; moves *p past it.  Returns the bytes written,
 * or -1 with why. */
static long word(const char **p, char *out, const char **why)
{
	const char *s = *p;
	long n = 0;

	while (*s && !blank(*s)) {
		if (*s == '\'') {
			const char *e = strchr(s + 1, '\'');

			if (!e)
				return *why = "unterminated single quote", -1;
			memcpy(out + n, s + 1, (size_t)(e - s - 1));
			n += e - s - 1;
			s = e + 1;
		} else if (*s == '"') {
			for (s++; *s != '"'; s++) {
				bool escaped = *s == '\\' && dq_escapable(s[1]);

				if (!*s)
					return *why = "unterminated double quote", -1;
				s += escaped;
				if (!(escaped && *s == '\n')) /* a line continued */
					out[n++] = *s;
			}
			s++;
		} else if (*s == '\\') {
			if (!s[1])
				return *why = "trailing backslash", -1;
			if (s[1] != '\n')
				out[n++] = s[1];
			s += 2;
		} else {
			out[n++] = *s++;
		}
	}
	*p = s;
	return n;
}

int mb_argsplit(const char *s, struct mb_args *a, const char **why)
{
	size_t len = strlen(s), cap = len / 2 + 2;
	char *w;

	memset(a, 0, sizeof(*a));
	/* Each word takes at most its bytes plus a NUL; words are at most
	 * half the input, plus one. */
	a->buf = malloc(len + cap);
	a->argv = calloc(cap, sizeof(*a->argv));
	if (!a->buf || !a->argv) {
		mb_args_free(a);
		return *why = "out of memory", -1;
	}
	w = a->buf;
	for (;;) {
		long n;

		while (blank(*s))
			s++;
		if (!*s)
			break;
		n = word(&s, w, why);
		if (n < 0) {
			mb_args_free(a);
			return -1;
		}
		w[n] = '\0';
		a->argv[a->argc++] = w;
		w += n + 1;
	}
	if (!a->argc) {
		mb_args_free(a);
		return *why = "no program named", -1;
	}
	return 0;
}

void mb_args_free(struct mb_args *a)
{
	free(a->argv);
	free(a->buf);
	memset(a, 0, sizeof(*a));
}
