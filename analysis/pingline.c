/* One line of a ping log (pingline.h).
 *
 * A small scanner over [p, end): lines are not NUL-terminated (the reader
 * hands over its buffer with a length), and every field is read exactly,
 * without floating point, so a time like 19.6 ms is 19600000 ns and not
 * 19599999. */
#include "analysis/pingline.h"
#include "analysis/scan.h"

#include <string.h>

#define MS_NS INT64_C(1000000)
#define S_NS INT64_C(1000000000)






/* "I[.F]" in units of unit_ns, as ns; digits finer than 1 ns are dropped.
 * ',' is a decimal point too: ping prints its times in the locale's form.
 * Below MAX_DECIMAL_NS (2^62 ns, the year 2116 for a stamp) or refused: a
 * log is not trusted, and a send time (stamp - rtt) minus another must
 * not overflow. */
#define MAX_DECIMAL_NS (INT64_C(1) << 62)
static bool decimal(struct mb_scan *s, int64_t unit_ns, int64_t *ns)
{
	uint64_t ip;
	int64_t v, scale = unit_ns;

	if (!mb_scan_u64(s, &ip) || ip > (uint64_t)(MAX_DECIMAL_NS / unit_ns))
		return false;
	v = (int64_t)ip * unit_ns;
	if (s->end - s->p >= 2 && (s->p[0] == '.' || s->p[0] == ',') && mb_scan_is_digit(s->p[1])) {
		for (s->p++; s->p < s->end && mb_scan_is_digit(*s->p); s->p++) {
			scale /= 10;
			v += (*s->p - '0') * scale;
		}
	}
	if (v >= MAX_DECIMAL_NS)
		return false;
	*ns = v;
	return true;
}

/* icmp_seq is 16 bits on the wire; a larger number is not ping's. */
static bool seq16(struct mb_scan *s, uint16_t *seq)
{
	uint64_t v;

	if (!mb_scan_u64(s, &v) || v > UINT16_MAX)
		return false;
	*seq = (uint16_t)v;
	return mb_scan_at_end(s) || *s->p == ' ';
}

static bool set_seq16(struct mb_scan *s, struct mb_pingline *o)
{
	if (!seq16(s, &o->icmp_seq))
		return false;
	o->seq = o->icmp_seq;
	return true;
}

/* "[1700000000.123456] " of ping -D. */
static bool stamp(struct mb_scan *s, struct mb_pingline *o)
{
	struct mb_scan t = *s;

	if (!mb_scan_eat(&t, "[") || !decimal(&t, S_NS, &o->stamp_ns) || !mb_scan_eat(&t, "] "))
		return false;
	o->stamped = true;
	*s = t;
	return true;
}

static bool header(struct mb_scan s, struct mb_pingline *o)
{
	const char *t;

	if (!mb_scan_eat(&s, "PING "))
		return false;
	for (t = s.p; s.p < s.end && *s.p != ' ' && *s.p != '('; s.p++)
		;
	o->target = t;
	o->target_len = (size_t)(s.p - t);
	/* "56(84) bytes of data." and busybox's "56 data bytes". */
	if (mb_scan_skip_past(&s, " data bytes"))
		o->format = MB_PING_BUSYBOX;
	else if (mb_scan_skip_past(&s, " bytes of data"))
		o->format = MB_PING_IPUTILS;
	return o->target_len > 0;
}

/* "64 bytes from A: icmp_seq=N ttl=T time=X ms[ (DUP!)]", busybox's
 * "seq=N" instead of "icmp_seq=N".  A reply with
 * any other remark (BAD CHECKSUM!) is not taken: ping does not count it
 * as received either.  The address may hold colons (IPv6): the field
 * names anchor the parse, not the first colon. */
static bool reply(struct mb_scan s, struct mb_pingline *o)
{
	uint64_t bytes;

	if (!mb_scan_u64(&s, &bytes) || !mb_scan_eat(&s, " bytes from "))
		return false;
	/* icmp_req: what iputils called it until 2013. */
	o->format = MB_PING_IPUTILS;
	if (!mb_scan_skip_past(&s, ": icmp_seq=") && !mb_scan_skip_past(&s, ": icmp_req=")) {
		o->format = MB_PING_BUSYBOX;
		if (!mb_scan_skip_past(&s, ": seq="))
			return false;
	}
	if (!set_seq16(&s, o) || !mb_scan_skip_past(&s, " time=") ||
	    !decimal(&s, MS_NS, &o->rtt_ns))
		return false;
	if (!mb_scan_eat(&s, " ms") && !mb_scan_eat(&s, "ms"))
		return false;
	o->dup = mb_scan_eat(&s, " (DUP!)");
	return mb_scan_at_end(&s);
}

static bool no_answer(struct mb_scan s, struct mb_pingline *o)
{
	o->format = MB_PING_IPUTILS;
	return mb_scan_eat(&s, "no answer yet for icmp_seq=") && set_seq16(&s, o) && mb_scan_at_end(&s);
}

/* "From A icmp_seq=N Destination Host Unreachable" and every other ICMP
 * error ping reports about one of its probes. */
static bool error_reply(struct mb_scan s, struct mb_pingline *o)
{
	o->format = MB_PING_IPUTILS;
	return mb_scan_eat(&s, "From ") && mb_scan_skip_past(&s, "icmp_seq=") && set_seq16(&s, o) &&
	       mb_scan_eat(&s, " ") && !mb_scan_at_end(&s);
}

/* "N packets transmitted, M received, ..., time Tms" */
static bool footer_counts(struct mb_scan s, struct mb_pingline *o)
{
	if (!mb_scan_u64(&s, &o->transmitted) || !mb_scan_eat(&s, " packets transmitted, ") ||
	    !mb_scan_u64(&s, &o->received))
		return false;
	if (mb_scan_eat(&s, " received"))
		o->format = MB_PING_IPUTILS;
	else if (mb_scan_eat(&s, " packets received"))
		o->format = MB_PING_BUSYBOX;
	else
		return false;
	o->time_ns = -1;
	if (mb_scan_skip_past(&s, ", time ") && !(decimal(&s, MS_NS, &o->time_ns) && mb_scan_eat(&s, "ms")))
		o->time_ns = -1;
	o->counts = true;
	return true;
}

static bool footer(struct mb_scan s, struct mb_pingline *o)
{
	size_t n = (size_t)(s.end - s.p);
	static const char tail[] = " ping statistics ---";

	if (n >= sizeof(tail) - 1 && mb_scan_eat(&s, "--- ") &&
	    memcmp(s.end - (sizeof(tail) - 1), tail, sizeof(tail) - 1) == 0)
		return true;
	if (mb_scan_eat(&s, "rtt min/") || mb_scan_eat(&s, "round-trip min/"))
		return true;
	return footer_counts(s, o);
}

/* ---- fping ------------------------------------------------------------ */

/* "A : " of every fping line: the target, then the rest. */
static bool fping_target(struct mb_scan *s, struct mb_pingline *o)
{
	const char *hit = memmem(s->p, (size_t)(s->end - s->p), " : ", 3);

	if (!hit || hit == s->p || memchr(s->p, ' ', (size_t)(hit - s->p)))
		return false;
	o->target = s->p;
	o->target_len = (size_t)(hit - s->p);
	o->format = MB_PING_FPING;
	s->p = hit + 3;
	return true;
}

/* fping's running figures after a probe: " (0.40 avg, 0% loss)". */
static bool fping_tail(struct mb_scan *s)
{
	return mb_scan_at_end(s) || (mb_scan_eat(s, " (") && s->end[-1] == ')');
}

/* "[N], 64 bytes, X ms (...)" and "[N], timed out (...)". */
static bool fping_probe(struct mb_scan s, struct mb_pingline *o, enum mb_pingline_kind *kind)
{
	uint64_t bytes;

	if (!fping_target(&s, o) || !mb_scan_eat(&s, "[") || !mb_scan_u64(&s, &o->seq) || !mb_scan_eat(&s, "], "))
		return false;
	o->icmp_seq = (uint16_t)o->seq;
	if (mb_scan_eat(&s, "timed out")) {
		*kind = MB_PINGLINE_NO_ANSWER;
		return fping_tail(&s);
	}
	*kind = MB_PINGLINE_REPLY;
	return mb_scan_u64(&s, &bytes) && mb_scan_eat(&s, " bytes, ") && decimal(&s, MS_NS, &o->rtt_ns) &&
	       mb_scan_eat(&s, " ms") && fping_tail(&s);
}

/* "xmt/rcv/%loss = 247/231/6%[, min/avg/max = ...]" */
static bool fping_footer(struct mb_scan s, struct mb_pingline *o)
{
	if (!fping_target(&s, o) || !mb_scan_eat(&s, "xmt/rcv/%loss = ") || !mb_scan_u64(&s, &o->transmitted) ||
	    !mb_scan_eat(&s, "/") || !mb_scan_u64(&s, &o->received) || !mb_scan_eat(&s, "/"))
		return false;
	o->counts = true;
	o->time_ns = -1;
	return true;
}

bool mb_pingline_column(const char **p, const char *end, int64_t *rtt_ns)
{
	struct mb_scan s = { *p, end };

	while (s.p < s.end && *s.p == ' ')
		s.p++;
	if (mb_scan_at_end(&s))
		return false;
	if (mb_scan_eat(&s, "-"))
		*rtt_ns = -1;
	else if (!decimal(&s, MS_NS, rtt_ns))
		return false;
	if (!mb_scan_at_end(&s) && *s.p != ' ')
		return false;
	*p = s.p;
	return true;
}

/* "A : 0.40 0.41 - 0.39": -C's summary, one column a probe. */
static bool fping_columns(struct mb_scan s, struct mb_pingline *o)
{
	const char *p;
	int64_t rtt;
	size_t n = 0;

	if (!fping_target(&s, o))
		return false;
	for (p = s.p; mb_pingline_column(&p, s.end, &rtt); n++)
		;
	if (n == 0 || p != s.end)
		return false;
	o->columns = s.p;
	o->columns_len = (size_t)(s.end - s.p);
	return true;
}

static bool fping_reply(struct mb_scan s, struct mb_pingline *o)
{
	enum mb_pingline_kind k;

	return fping_probe(s, o, &k) && k == MB_PINGLINE_REPLY;
}

static bool fping_timeout(struct mb_scan s, struct mb_pingline *o)
{
	enum mb_pingline_kind k;

	return fping_probe(s, o, &k) && k == MB_PINGLINE_NO_ANSWER;
}

const char *mb_ping_format_name(enum mb_ping_format f)
{
	switch (f) {
	case MB_PING_IPUTILS: return "iputils";
	case MB_PING_BUSYBOX: return "busybox";
	case MB_PING_FPING: return "fping";
	case MB_PING_AUTO: break;
	}
	return "auto";
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

typedef bool form_fn(struct mb_scan s, struct mb_pingline *o);

static const struct {
	form_fn *parse;
	enum mb_pingline_kind kind;
} forms[] = {
	{ reply, MB_PINGLINE_REPLY },
	{ no_answer, MB_PINGLINE_NO_ANSWER },
	{ error_reply, MB_PINGLINE_ERROR },
	{ header, MB_PINGLINE_HEADER },
	{ footer, MB_PINGLINE_FOOTER },
	{ fping_reply, MB_PINGLINE_REPLY },
	{ fping_timeout, MB_PINGLINE_NO_ANSWER },
	{ fping_footer, MB_PINGLINE_FOOTER },
	{ fping_columns, MB_PINGLINE_COLUMNS },
};

/* Each form parses into a copy, so a form that fails half-way leaves no
 * stray fields behind. */
static enum mb_pingline_kind classify(struct mb_scan s, struct mb_pingline *o)
{
	if (*s.p == '[' && !stamp(&s, o))
		return MB_PINGLINE_OTHER;
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		struct mb_pingline t = *o;

		if (forms[i].parse(s, &t)) {
			*o = t;
			return forms[i].kind;
		}
	}
	return MB_PINGLINE_OTHER;
}

void mb_pingline_parse(const char *line, size_t len, struct mb_pingline *out)
{
	struct mb_scan s = { line, line + len };

	memset(out, 0, sizeof(*out));
	if (len > MB_PINGLINE_MAX) {
		out->kind = MB_PINGLINE_OTHER;
		return;
	}
	/* Trailing blanks and the line end, "\r\n" of a log that passed
	 * through Windows included, are not part of any form. */
	while (s.end > s.p && is_blank(s.end[-1]))
		s.end--;
	if (mb_scan_at_end(&s)) {
		out->kind = MB_PINGLINE_BLANK;
		return;
	}
	out->kind = classify(s, out);
	if (out->kind == MB_PINGLINE_OTHER) {
		/* A stamp before nothing known means nothing. */
		memset(out, 0, sizeof(*out));
		out->kind = MB_PINGLINE_OTHER;
	}
}
