/* Checksum manifests (manifest.h). */
#include "analysis/snapio/manifest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_hex_lower(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

/* A name directly inside the directory: no slash, not "." or "..". */
static bool plain_name(const char *name)
{
	return *name && !strchr(name, '/') && strcmp(name, ".") && strcmp(name, "..");
}

/* Index of name, or where it would go (binary search); *found set. */
static size_t position(const struct mb_manifest *m, const char *name, bool *found)
{
	size_t lo = 0, hi = m->n;

	*found = false;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(m->e[mid].name, name);

		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int grow(struct mb_manifest *m)
{
	size_t cap = m->cap ? m->cap * 2 : 16;
	struct mb_manifest_entry *e;

	if (m->n < m->cap)
		return 0;
	e = realloc(m->e, cap * sizeof(*e));
	if (!e)
		return -1;
	m->e = e;
	m->cap = cap;
	return 0;
}

int mb_manifest_add(struct mb_manifest *m, const char *name, const char *sha256)
{
	bool found;
	size_t at;
	char *copy;

	if (!plain_name(name) || (sha256 && *sha256 &&
				  (strlen(sha256) != MB_SHA256_HEX || !is_hex_lower(sha256, MB_SHA256_HEX))))
		return -1;
	at = position(m, name, &found);
	if (found || grow(m) || !(copy = strdup(name)))
		return -1;
	memmove(&m->e[at + 1], &m->e[at], (m->n - at) * sizeof(*m->e));
	m->e[at].name = copy;
	snprintf(m->e[at].sha256, sizeof(m->e[at].sha256), "%s", sha256 ? sha256 : "");
	m->n++;
	return 0;
}

const struct mb_manifest_entry *mb_manifest_find(const struct mb_manifest *m, const char *name)
{
	bool found;
	size_t at = position(m, name, &found);

	return found ? &m->e[at] : NULL;
}

void mb_manifest_free(struct mb_manifest *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->e[i].name);
	free(m->e);
	memset(m, 0, sizeof(*m));
}

/* One line "HEX  NAME" or "HEX *NAME" (len bytes, no newline). */
static int parse_line(struct mb_manifest *m, const char *line, size_t len)
{
	char name[4096];
	const char *p = line + MB_SHA256_HEX + 2;
	char hex[MB_SHA256_HEX + 1];
	size_t n;

	if (len < MB_SHA256_HEX + 3 || !is_hex_lower(line, MB_SHA256_HEX) ||
	    line[MB_SHA256_HEX] != ' ' || (line[MB_SHA256_HEX + 1] != ' ' && line[MB_SHA256_HEX + 1] != '*'))
		return -1;
	n = len - (size_t)(p - line);
	if (n >= 2 && p[0] == '.' && p[1] == '/') {
		p += 2;
		n -= 2;
	}
	if (n == 0 || n >= sizeof(name))
		return -1;
	memcpy(name, p, n);
	name[n] = '\0';
	memcpy(hex, line, MB_SHA256_HEX);
	hex[MB_SHA256_HEX] = '\0';
	return mb_manifest_add(m, name, hex);
}

int mb_manifest_parse(const char *text, struct mb_manifest *m, char *err, size_t errlen)
{
	int lineno = 0;

	memset(m, 0, sizeof(*m));
	while (*text) {
		size_t len = strcspn(text, "\n");

		lineno++;
		if (len && parse_line(m, text, len)) {
			snprintf(err, errlen, "checksum line %d is not 'SHA256  NAME' with a new plain name: '%.*s'",
				 lineno, (int)(len > 120 ? 120 : len), text);
			mb_manifest_free(m);
			return -1;
		}
		text += len;
		if (*text)
			text++;
	}
	return 0;
}

static void note_first(char *dst, size_t len, size_t count, const char *name)
{
	if (count == 1)
		snprintf(dst, len, "%s", name);
}

bool mb_manifest_compare(const struct mb_manifest *expected, const struct mb_manifest *actual,
			 struct mb_manifest_diff *d)
{
	memset(d, 0, sizeof(*d));
	for (size_t i = 0; i < expected->n; i++) {
		const struct mb_manifest_entry *want = &expected->e[i];
		const struct mb_manifest_entry *have = mb_manifest_find(actual, want->name);

		if (!have) {
			d->missing++;
			note_first(d->first_missing, sizeof(d->first_missing), d->missing, want->name);
		} else if (want->sha256[0] && strcmp(want->sha256, have->sha256)) {
			d->changed++;
			note_first(d->first_changed, sizeof(d->first_changed), d->changed, want->name);
		}
	}
	for (size_t i = 0; i < actual->n; i++)
		if (!mb_manifest_find(expected, actual->e[i].name)) {
			d->unexpected++;
			note_first(d->first_unexpected, sizeof(d->first_unexpected), d->unexpected,
				   actual->e[i].name);
		}
	return !d->missing && !d->unexpected && !d->changed;
}

static void append_kind(char *buf, size_t len, size_t count, const char *what, const char *first)
{
	size_t used = strlen(buf);

	if (!count || used >= len)
		return;
	snprintf(buf + used, len - used, "%s%zu %s (%s%s)", used ? ", " : "", count, what, first,
		 count > 1 ? ", ..." : "");
}

void mb_manifest_diff_text(const struct mb_manifest_diff *d, char *buf, size_t len)
{
	if (!len)
		return;
	buf[0] = '\0';
	append_kind(buf, len, d->missing, "missing", d->first_missing);
	append_kind(buf, len, d->unexpected, "unexpected", d->first_unexpected);
	append_kind(buf, len, d->changed, "changed", d->first_changed);
	if (!buf[0])
		snprintf(buf, len, "identical");
}
