/* URL parsing for the application probe; the accepted forms are in url.h.
 * Strict on purpose: the probe sends the path verbatim and a typo in a
 * benchmark's target should fail before the run, not measure nothing. */
#include "analysis/url.h"

#include <arpa/inet.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static int fail(char *err, size_t errlen, const char *text, const char *why)
{
	snprintf(err, errlen, "%s: %s", text, why);
	return -1;
}

static bool host_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '.';
}

static bool ipv6_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F') || c == ':' || c == '.';
}

/* The text between the brackets must be an IPv6 address: a typo there
 * is a usage error now, not an unknown host later. */
static const char *ipv6_literal(const char *host)
{
	struct in6_addr a;

	return inet_pton(AF_INET6, host, &a) == 1 ? NULL : "not an IPv6 address between '[' and ']'";
}

/* Copies the host at *p into out; leaves *p after it. */
static const char *parse_host(const char **p, char *out)
{
	const char *s = *p, *end;
	bool (*ok)(char) = host_char;

	if (*s == '[') {
		end = strchr(++s, ']');
		if (!end)
			return "IPv6 literal without its ']'";
		ok = ipv6_char;
		*p = end + 1;
	} else {
		end = s + strcspn(s, ":/?#");
		*p = end;
		if (*end == ':' && memchr(end + 1, ':', strcspn(end + 1, "/?#")))
			return "an IPv6 address goes in brackets ([ADDR])";
	}
	if (end == s)
		return "no host";
	if ((size_t)(end - s) > MB_URL_HOST_MAX)
		return "host name longer than 253 characters";
	for (const char *c = s; c < end; c++)
		if (!ok(*c))
			return *c == '@' ? "user info is not supported" : "bad character in the host";
	memcpy(out, s, (size_t)(end - s));
	out[end - s] = '\0';
	return ok == ipv6_char ? ipv6_literal(out) : NULL;
}

/* ":PORT" at *p if any; *port stays 0 without one. */
static const char *parse_port(const char **p, uint16_t *port)
{
	const char *s = *p;
	unsigned long v = 0;

	if (*s != ':')
		return NULL;
	s++;
	if (*s < '0' || *s > '9')
		return "port is not a number";
	while (*s >= '0' && *s <= '9') {
		v = v * 10 + (unsigned long)(*s++ - '0');
		if (v > 65535)
			return "port outside 1..65535";
	}
	if (v == 0)
		return "port outside 1..65535";
	*port = (uint16_t)v;
	*p = s;
	return NULL;
}

static const char *parse_path(const char *s, char *out)
{
	if (*s == '\0')
		s = "/";
	if (*s != '/')
		return "the path must start with '/'";
	if (strlen(s) > MB_URL_PATH_MAX)
		return "path longer than 1024 characters";
	for (const char *c = s; *c; c++) {
		if (*c == '#')
			return "a fragment (#...) is never sent; leave it out";
		if (*c <= ' ' || *c >= 0x7f)
			return "space or control character in the path (percent-encode it)";
	}
	strcpy(out, s);
	return NULL;
}

static const char *parse_rest(const char *s, struct mb_url *u)
{
	const char *why = parse_host(&s, u->host);

	if (!why)
		why = parse_port(&s, &u->port);
	if (why)
		return why;
	if (*s && *s != '/' && *s != '?')
		return "bad character after the host or port";
	if (u->scheme == MB_URL_TCP) {
		if (!u->port)
			return "tcp:// needs a port (tcp://HOST:PORT)";
		if (*s && strcmp(s, "/") != 0)
			return "tcp:// takes no path";
		return NULL;
	}
	if (!u->port)
		u->port = 80;
	if (*s == '?')
		return "the path must start with '/'";
	return parse_path(s, u->path);
}

int mb_url_parse(const char *text, struct mb_url *out, char *err, size_t errlen)
{
	struct mb_url u = { 0 };
	const char *s, *why;

	if (!text || !*text)
		return fail(err, errlen, "\"\"", "empty URL");
	if (strncmp(text, "http://", 7) == 0) {
		u.scheme = MB_URL_HTTP;
		s = text + 7;
	} else if (strncmp(text, "tcp://", 6) == 0) {
		u.scheme = MB_URL_TCP;
		s = text + 6;
	} else {
		return fail(err, errlen, text, strstr(text, "://") ?
			    "unsupported scheme (http:// or tcp://)" :
			    "not a URL (http://HOST[:PORT]/PATH or tcp://HOST:PORT)");
	}
	why = parse_rest(s, &u);
	if (why)
		return fail(err, errlen, text, why);
	*out = u;
	return 0;
}

const char *mb_url_scheme_name(enum mb_url_scheme s)
{
	return s == MB_URL_TCP ? "tcp" : "http";
}

int mb_url_host_text(const char *host, char *buf, size_t len)
{
	int n = snprintf(buf, len, strchr(host, ':') ? "[%s]" : "%s", host);

	return n < 0 || (size_t)n >= len ? -1 : 0;
}

int mb_url_format(const struct mb_url *u, char *buf, size_t len)
{
	char host[MB_URL_HOST_MAX + 3];
	int n;

	if (mb_url_host_text(u->host, host, sizeof(host)))
		return -1;
	n = snprintf(buf, len, "%s://%s:%u%s", mb_url_scheme_name(u->scheme), host,
		     (unsigned)u->port, u->path);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}
