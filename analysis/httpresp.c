/* Incremental HTTP/1.x response reader; see httpresp.h. */
#include "analysis/httpresp.h"

#include <string.h>
#include <strings.h>

enum { HEAD, BODY, DONE, ERROR };

void mb_http_resp_init(struct mb_http_resp *r)
{
	r->state = HEAD;
	r->head_len = 0;
	r->status = 0;
	r->keep_alive = false;
	r->content_length = -1;
	r->body = 0;
	r->error = NULL;
}

static int fail(struct mb_http_resp *r, const char *why)
{
	r->state = ERROR;
	r->error = why;
	return -1;
}

/* "HTTP/1.x NNN reason"; sets the version's default for keep-alive. */
static const char *status_line(struct mb_http_resp *r, const char *l, size_t n)
{
	if (n < 12 || memcmp(l, "HTTP/1.", 7) != 0 || (l[7] != '0' && l[7] != '1') || l[8] != ' ')
		return "not an HTTP/1.x status line";
	for (int i = 9; i < 12; i++)
		if (l[i] < '0' || l[i] > '9')
			return "bad status code";
	if (n > 12 && l[12] != ' ')
		return "bad status code";
	r->status = (l[9] - '0') * 100 + (l[10] - '0') * 10 + (l[11] - '0');
	if (r->status < 200)
		return "unexpected 1xx answer to a GET";
	r->keep_alive = l[7] == '1';
	return NULL;
}

static bool has_token(const char *v, size_t n, const char *tok)
{
	size_t t = strlen(tok);

	for (size_t i = 0; i + t <= n; i++)
		if (strncasecmp(v + i, tok, t) == 0 && (i == 0 || v[i - 1] == ' ' || v[i - 1] == ',') &&
		    (i + t == n || v[i + t] == ' ' || v[i + t] == ','))
			return true;
	return false;
}

static const char *content_length(struct mb_http_resp *r, const char *v, size_t n)
{
	int64_t len = 0;

	if (n == 0)
		return "empty Content-Length";
	for (size_t i = 0; i < n; i++) {
		if (v[i] < '0' || v[i] > '9' || len > (INT64_MAX - 9) / 10)
			return "bad Content-Length";
		len = len * 10 + (v[i] - '0');
	}
	if (r->content_length >= 0 && r->content_length != len)
		return "conflicting Content-Length headers";
	r->content_length = len;
	return NULL;
}

static const char *header(struct mb_http_resp *r, const char *l, size_t n)
{
	const char *colon = memchr(l, ':', n), *v;
	size_t name, vn;

	if (!colon || colon == l)
		return "malformed header line";
	name = (size_t)(colon - l);
	v = colon + 1;
	vn = n - name - 1;
	while (vn && (*v == ' ' || *v == '\t'))
		v++, vn--;
	while (vn && (v[vn - 1] == ' ' || v[vn - 1] == '\t'))
		vn--;
	if (name == 14 && strncasecmp(l, "Content-Length", 14) == 0)
		return content_length(r, v, vn);
	if (name == 17 && strncasecmp(l, "Transfer-Encoding", 17) == 0 && !has_token(v, vn, "identity"))
		return "chunked (or other) transfer coding is not supported";
	if (name == 10 && strncasecmp(l, "Connection", 10) == 0) {
		if (has_token(v, vn, "close"))
			r->keep_alive = false;
		else if (has_token(v, vn, "keep-alive"))
			r->keep_alive = true;
	}
	return NULL;
}

/* The head is complete in r->head (ending with an empty line). */
static const char *parse_head(struct mb_http_resp *r)
{
	const char *p = r->head, *end = r->head + r->head_len, *why = NULL;
	bool first = true;

	while (p < end && !why) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)(nl - p);

		if (n && p[n - 1] == '\r')
			n--;
		if (n == 0)
			break;
		why = first ? status_line(r, p, n) : header(r, p, n);
		first = false;
		p = nl + 1;
	}
	if (!why && (r->status == 204 || r->status == 304))
		r->content_length = 0;
	if (!why && r->content_length < 0)
		r->keep_alive = false; /* the body ends at the close */
	return why;
}

/* Appends bytes to the head until its empty line; returns how many were
 * taken, or -1. */
static long take_head(struct mb_http_resp *r, const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t h;

		if (r->head_len == MB_HTTP_HEAD_MAX)
			return fail(r, "response head larger than 8 KiB");
		r->head[r->head_len++] = buf[i];
		h = r->head_len;
		if ((h >= 2 && memcmp(r->head + h - 2, "\n\n", 2) == 0) ||
		    (h >= 4 && memcmp(r->head + h - 4, "\r\n\r\n", 4) == 0)) {
			const char *why = parse_head(r);

			if (why)
				return fail(r, why);
			r->state = BODY;
			return (long)(i + 1);
		}
	}
	return (long)n;
}

int mb_http_resp_feed(struct mb_http_resp *r, const char *buf, size_t n)
{
	if (r->state == ERROR)
		return -1;
	if (r->state == HEAD) {
		long used = take_head(r, buf, n);

		if (used < 0)
			return -1;
		buf += used;
		n -= (size_t)used;
	}
	if (r->state == DONE && n)
		return fail(r, "bytes after the end of the response");
	if (r->state == BODY) {
		if (r->content_length >= 0 && (uint64_t)r->content_length - r->body < n)
			return fail(r, "bytes after the end of the response");
		r->body += n;
		if (r->content_length >= 0 && r->body == (uint64_t)r->content_length)
			r->state = DONE;
	}
	return r->state == DONE ? 1 : 0;
}

int mb_http_resp_eof(struct mb_http_resp *r)
{
	if (r->state == DONE)
		return 1;
	if (r->state == BODY && r->content_length < 0) {
		r->state = DONE;
		return 1;
	}
	return fail(r, r->state == ERROR && r->error ? r->error : "connection closed before the end of the response");
}
