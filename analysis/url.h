/* The application probe's target: http://HOST[:PORT]/PATH or
 * tcp://HOST:PORT.  Pure parsing; resolving HOST is the probe's job.
 *
 * HOST is a DNS name or IPv4 literal (letters, digits, '-', '.'), or an
 * IPv6 literal in brackets (checked to be one; no zone index).  http's
 * PORT defaults to 80 and its PATH to "/"; PATH (with any query) is sent
 * as is, so it must be printable ASCII without spaces; a fragment is
 * refused (it is never sent).  tcp needs a PORT and takes no path.  No user info, no other schemes. */
#ifndef MB_ANALYSIS_URL_H
#define MB_ANALYSIS_URL_H

#include <stddef.h>
#include <stdint.h>

#define MB_URL_HOST_MAX 253 /* the longest DNS name */
#define MB_URL_PATH_MAX 1024

enum mb_url_scheme { MB_URL_HTTP, MB_URL_TCP };

struct mb_url {
	enum mb_url_scheme scheme;
	char host[MB_URL_HOST_MAX + 1]; /* without the brackets of an IPv6 literal */
	uint16_t port;
	char path[MB_URL_PATH_MAX + 1]; /* http: starts with '/'; tcp: "" */
};

/* Returns 0, or -1 with the reason in err ("http://x:0/: port 0: ..."). */
int mb_url_parse(const char *text, struct mb_url *out, char *err, size_t errlen);

/* HOST as it goes into a URL or a Host header: an IPv6 literal (any
 * colon) in brackets, anything else as is.  0, or -1 if it does not fit
 * (buf then holds a truncated string). */
int mb_url_host_text(const char *host, char *buf, size_t len);

/* The URL with every part spelled out ("http://[fd00::2]:80/",
 * "tcp://10.0.0.2:7"): how reports name it.  0, or -1 if it does not fit. */
int mb_url_format(const struct mb_url *u, char *buf, size_t len);

/* "http" / "tcp" */
const char *mb_url_scheme_name(enum mb_url_scheme s);

#endif
