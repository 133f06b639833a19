/* An incremental HTTP/1.x response reader for the application probe.
 *
 * Pure: fed the bytes as they arrive, it finds the end of one response to
 * a GET (Content-Length, or the close of the connection when there is
 * none) and whether the server keeps the connection.  The head is kept
 * (bounded); the body is counted, not stored.  Chunked transfer coding is
 * refused: the probe's targets (busybox httpd, small test servers) send a
 * length, and a refusal is better than a wrong end of response. */
#ifndef MB_ANALYSIS_HTTPRESP_H
#define MB_ANALYSIS_HTTPRESP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MB_HTTP_HEAD_MAX 8192

struct mb_http_resp {
	int state;               /* internal: head, body, done, error */
	size_t head_len;
	char head[MB_HTTP_HEAD_MAX];
	int status;              /* 0 until the status line is read */
	bool keep_alive;         /* the server keeps the connection after it */
	int64_t content_length;  /* -1: the body ends at the close */
	uint64_t body;           /* body bytes seen */
	const char *error;       /* why it was refused */
};

void mb_http_resp_init(struct mb_http_resp *r);

/* Feeds n bytes.  Returns 1 when the response is complete, 0 when more is
 * needed, -1 if it is malformed (r->error), including bytes after the end
 * of the response (the probe never pipelines). */
int mb_http_resp_feed(struct mb_http_resp *r, const char *buf, size_t n);

/* The server closed the connection: 1 if that completes the response (a
 * body without a length), else -1 (r->error: closed early). */
int mb_http_resp_eof(struct mb_http_resp *r);

#endif
