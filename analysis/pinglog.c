/* A saved ping log -> the probe series (pinglog.h).
 *
 * One slot per probe from the first seq to the highest seen, as three
 * parallel arrays rather than an array of structs: the receive stamps are
 * only kept for -D logs, and a log without them then costs 5 bytes a
 * probe instead of 16. */
#include "analysis/pinglog.h"

#include <stdlib.h>
#include <string.h>

#include "analysis/pingline.h"

#define US_NS 1000

struct mb_pinglog {
	struct mb_pinglog_info info; /* the counters; the series fields are filled on demand */
	bool run_over;          /* a second PING header: the rest is not this run */
	bool have_seq;          /* first is set: a seq was placed */
	uint64_t first;         /* seq of slot 0 */
	uint64_t max_replied;   /* slot of the highest answered probe so far */
	bool stamped_all;       /* every probe answered so far had a -D stamp */

	uint32_t *rtt_us;       /* the first reply's rtt (ping prints 1 us) */
	uint8_t *replies;       /* 0 no reply, 1, more: duplicates (saturating) */
	int64_t *recv_ns;       /* the first reply's stamp; NULL once !stamped_all */
	size_t n, cap;          /* slots in use, allocated */
};

struct mb_pinglog *mb_pinglog_new(void)
{
	struct mb_pinglog *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	p->stamped_all = true;
	p->info.footer_time_ns = -1;
	return p;
}

void mb_pinglog_force_format(struct mb_pinglog *p, enum mb_ping_format f)
{
	p->info.format = f;
}

/* The first probe's number: iputils counts from 1, busybox and fping
 * from 0. */
static uint64_t base(const struct mb_pinglog *p)
{
	return p->info.format == MB_PING_BUSYBOX || p->info.format == MB_PING_FPING ? 0 : 1;
}

static bool wraps(const struct mb_pinglog *p)
{
	return p->info.format != MB_PING_FPING;
}

void mb_pinglog_free(struct mb_pinglog *p)
{
	if (!p)
		return;
	free(p->rtt_us);
	free(p->replies);
	free(p->recv_ns);
	free(p);
}

/* ---- slots ------------------------------------------------------------ */

static int grow_array(void **a, size_t cap, size_t size)
{
	void *v = realloc(*a, cap * size);

	if (!v)
		return -1;
	*a = v;
	return 0;
}

/* n slots in use, the new ones unanswered.  On failure nothing visible
 * changes (an array that did grow just has spare room). */
static int grow(struct mb_pinglog *p, size_t n)
{
	size_t cap = p->cap ? p->cap : 1024;

	while (cap < n)
		cap *= 2;
	if (cap > p->cap) {
		if (grow_array((void **)&p->rtt_us, cap, sizeof(*p->rtt_us)) ||
		    grow_array((void **)&p->replies, cap, sizeof(*p->replies)) ||
		    (p->stamped_all && grow_array((void **)&p->recv_ns, cap, sizeof(*p->recv_ns))))
			return -1;
		p->cap = cap;
	}
	memset(p->replies + p->n, 0, n - p->n);
	p->n = n;
	return 0;
}

/* The 64-bit seq of a line's icmp_seq: the one nearest to the highest so
 * far (a reply printed late is a little below it, a probe after a wrap a
 * little above), unless the log contradicts that; then one lap (65536)
 * later: more than 32767 probes went by without a line.  Contradictions:
 * a probe before the first of a complete log (with its header), and a line
 * that is not a (DUP!) about a probe already answered - ping marks every
 * second reply to an icmp_seq it has not sent again.  fping's [N] does not
 * wrap: it is taken as it is.  Returns 0, 1 for a probe before a cut
 * log's first, 2 for an fping number too far ahead to be true. */
static int unwrap(const struct mb_pinglog *p, const struct mb_pingline *l, uint64_t *u, bool *lap)
{
	int64_t max, d, v;
	uint16_t seq = l->icmp_seq;

	*lap = false;
	if (!wraps(p)) {
		*u = l->seq;
		if (!p->have_seq)
			return 0;
		/* A jump no fping run makes is a damaged number, not a probe:
		 * it would cost a slot for every number in between. */
		return l->seq < p->first ? 1 : l->seq - (p->first + p->n - 1) > 65536 ? 2 : 0;
	}
	if (!p->have_seq) {
		/* iputils starts at 1: a 0 can only follow a wrap. */
		*u = seq >= base(p) ? seq : 65536;
		return 0;
	}
	max = (int64_t)(p->first + p->n - 1);
	d = (uint16_t)(seq - (uint16_t)max);
	v = max + (d > INT16_MAX ? d - 65536 : d);
	if (v < (int64_t)p->first)
		*lap = p->info.header;
	else if (v <= max)
		*lap = !l->dup && p->replies[v - (int64_t)p->first] > 0;
	v += *lap ? 65536 : 0;
	if (v < (int64_t)p->first)
		return 1;
	*u = (uint64_t)v;
	return 0;
}

/* The slot of a line's seq, made if new.  Returns 0, 1 for a probe
 * before the log's first, 2 for a number too far ahead, -1 out of memory. */
static int place(struct mb_pinglog *p, const struct mb_pingline *l, size_t *slot)
{
	uint64_t u, first;
	bool lap;
	int rc = unwrap(p, l, &u, &lap);

	if (rc)
		return rc;
	/* With the header the log is complete: the first probe was sent. */
	first = p->have_seq ? p->first : p->info.header ? base(p) : u;
	if (u - first >= p->n && grow(p, u - first + 1))
		return -1;
	p->first = first;
	p->have_seq = true;
	p->info.lap_later += lap;
	*slot = u - first;
	return 0;
}

/* ---- lines ------------------------------------------------------------ */

static void note_stamp(struct mb_pinglog *p, size_t i, const struct mb_pingline *l)
{
	if (!p->stamped_all)
		return;
	if (l->stamped) {
		p->recv_ns[i] = l->stamp_ns;
		return;
	}
	/* One reply without a stamp: no real times for any probe. */
	free(p->recv_ns);
	p->recv_ns = NULL;
	p->stamped_all = false;
}

static void first_reply(struct mb_pinglog *p, size_t i, const struct mb_pingline *l)
{
	int64_t us = (l->rtt_ns + US_NS / 2) / US_NS;

	p->replies[i] = 1;
	p->rtt_us[i] = us > UINT32_MAX ? UINT32_MAX : (uint32_t)us;
	note_stamp(p, i, l);
	if (p->info.answered > 0 && i < p->max_replied)
		p->info.printed_out_of_order++;
	else
		p->max_replied = i;
	p->info.answered++;
}

/* The line being read is ignored: counted, its number kept if among the
 * first few. */
static void ignore(struct mb_pinglog *p)
{
	uint64_t k = p->info.ignored++;

	if (k < MB_PINGLOG_LINES_KEPT)
		p->info.ignored_line[k] = p->info.lines + 1;
}

static int take_reply(struct mb_pinglog *p, const struct mb_pingline *l)
{
	size_t i;
	int rc = place(p, l, &i);

	if (rc != 0) {
		if (rc == 2)
			ignore(p);
		p->info.before_first += rc == 1;
		return rc < 0 ? -1 : 0;
	}
	p->info.replies++;
	if (p->replies[i] == 0) {
		/* A (DUP!) of a reply the log does not hold is the first. */
		first_reply(p, i, l);
		return 0;
	}
	if (p->replies[i] < UINT8_MAX)
		p->replies[i]++;
	p->info.duplicates++;
	return 0;
}

/* "no answer yet" and ICMP errors: the probe was sent, not answered. */
static int take_sent(struct mb_pinglog *p, const struct mb_pingline *l)
{
	size_t i;
	int rc = place(p, l, &i);

	if (rc < 0)
		return -1;
	if (rc == 2)
		ignore(p);
	else if (l->kind == MB_PINGLINE_ERROR)
		p->info.errors++;
	else
		p->info.no_answer++;
	return 0;
}

static void take_header(struct mb_pinglog *p, const struct mb_pingline *l)
{
	size_t n = l->target_len < sizeof(p->info.target) - 1 ? l->target_len
							      : sizeof(p->info.target) - 1;

	if (p->info.header || p->have_seq) {
		/* A second run numbers from 1 again: it cannot join this one. */
		p->run_over = true;
		p->info.second_run_line = p->info.lines + 1;
		ignore(p);
		return;
	}
	p->info.header = true;
	memcpy(p->info.target, l->target, n);
	p->info.target[n] = '\0';
}

static void take_footer(struct mb_pinglog *p, const struct mb_pingline *l)
{
	if (!l->counts || p->info.footer)
		return;
	p->info.footer = true;
	p->info.transmitted = l->transmitted;
	p->info.received = l->received;
	p->info.footer_time_ns = l->time_ns;
}

/* fping -C's column line: the series itself, or, after per-probe lines
 * (the same run printed both), its footer. */
static int take_columns(struct mb_pinglog *p, const struct mb_pingline *l)
{
	const char *c = l->columns, *end = l->columns + l->columns_len;
	struct mb_pingline r = *l;
	uint64_t n = 0, received = 0;
	bool series = !p->have_seq;
	size_t i;

	r.kind = MB_PINGLINE_REPLY;
	for (; mb_pingline_column(&c, end, &r.rtt_ns); n++) {
		received += r.rtt_ns >= 0;
		if (!series)
			continue;
		r.seq = n;
		r.icmp_seq = (uint16_t)n;
		if (r.rtt_ns < 0 ? place(p, &r, &i) < 0 : take_reply(p, &r) < 0)
			return -1;
		p->info.columns = true;
	}
	r.kind = MB_PINGLINE_FOOTER;
	r.counts = true;
	r.transmitted = n;
	r.received = received;
	r.time_ns = -1;
	take_footer(p, &r);
	return 0;
}

/* Whether a line is of the log's program (the first that showed decides,
 * unless forced) and, for fping, about its target. */
static bool of_this_log(struct mb_pinglog *p, const struct mb_pingline *l)
{
	struct mb_pinglog_info *i = &p->info;
	size_t n = l->target_len < sizeof(i->target) - 1 ? l->target_len : sizeof(i->target) - 1;

	if (l->format == MB_PING_AUTO)
		return true;
	if (i->format == MB_PING_AUTO)
		i->format = l->format;
	if (l->format != i->format) {
		i->other_format++;
		return false;
	}
	if (l->format != MB_PING_FPING)
		return true;
	if (!i->target[0]) {
		memcpy(i->target, l->target, n);
		i->target[n] = '\0';
	}
	if (strlen(i->target) != l->target_len || memcmp(i->target, l->target, n)) {
		i->other_target++;
		return false;
	}
	return true;
}

static int take_line(struct mb_pinglog *p, const struct mb_pingline *l)
{
	if (l->kind == MB_PINGLINE_BLANK)
		return 0;
	if (l->kind == MB_PINGLINE_OTHER || !of_this_log(p, l)) {
		ignore(p);
		return 0;
	}
	switch (l->kind) {
	case MB_PINGLINE_REPLY: return take_reply(p, l);
	case MB_PINGLINE_NO_ANSWER:
	case MB_PINGLINE_ERROR: return take_sent(p, l);
	case MB_PINGLINE_HEADER: take_header(p, l); break;
	case MB_PINGLINE_FOOTER: take_footer(p, l); break;
	case MB_PINGLINE_COLUMNS: return take_columns(p, l);
	case MB_PINGLINE_OTHER:
	case MB_PINGLINE_BLANK: break;
	}
	return 0;
}

int mb_pinglog_line(struct mb_pinglog *p, const char *line, size_t len)
{
	struct mb_pingline l;

	mb_pingline_parse(line, len, &l);
	if (p->run_over) {
		if (l.kind != MB_PINGLINE_BLANK)
			ignore(p);
	} else if (take_line(p, &l)) {
		return -1;
	}
	p->info.lines++;
	return (int)l.kind;
}

/* ---- the series ------------------------------------------------------- */

static bool stamped(const struct mb_pinglog *p)
{
	return p->stamped_all && p->info.answered > 0;
}

/* Probes in the series: the slots, and those the footer says went out
 * after the last seq the log shows. */
static uint64_t series_len(const struct mb_pinglog *p)
{
	uint64_t max = p->first + p->n - 1, last;

	if (!p->have_seq)
		return 0;
	if (!p->info.footer)
		return p->n;
	if (p->info.transmitted == 0)
		return p->n;
	/* The last probe's number in the program's own count.  The header
	 * (or fping, which does not wrap) makes seqs that count; a cut log
	 * only shares their low 16 bits. */
	last = p->info.transmitted - 1 + base(p);
	if (!p->info.header && wraps(p))
		last = max + (uint16_t)(last - max);
	return last > max ? last - p->first + 1 : p->n;
}

int mb_pinglog_footer_interval(const struct mb_pinglog *p, int64_t *interval_ns)
{
	const struct mb_pinglog_info *i = &p->info;

	if (!i->footer || i->footer_time_ns <= 0 || i->transmitted < 2)
		return -1;
	*interval_ns = i->footer_time_ns / (int64_t)(i->transmitted - 1);
	return *interval_ns > 0 ? 0 : -1;
}

void mb_pinglog_info(const struct mb_pinglog *p, struct mb_pinglog_info *out)
{
	*out = p->info;
	out->stamped = stamped(p);
	out->probes = series_len(p);
	out->first_seq = out->probes ? p->first : 0;
	out->last_seq = out->probes ? p->first + out->probes - 1 : 0;
}

static int64_t rtt_ns(const struct mb_pinglog *p, uint64_t i)
{
	return (int64_t)p->rtt_us[i] * US_NS;
}

static bool answered(const struct mb_pinglog *p, uint64_t i)
{
	return i < p->n && p->replies[i] > 0;
}

/* Stamped and answered: send = receive - rtt. */
static int64_t stamped_send(const struct mb_pinglog *p, uint64_t i)
{
	return p->recv_ns[i] - rtt_ns(p, i);
}

/* ---- interval --------------------------------------------------------- */

/* Differences between the sends of consecutive answered probes: how many
 * are <= at_most, and (if lo) the smallest and largest. */
static uint64_t count_diffs(const struct mb_pinglog *p, int64_t at_most, int64_t *lo, int64_t *hi)
{
	uint64_t n = 0;

	for (size_t i = 0; i + 1 < p->n; i++) {
		int64_t d;

		if (!p->replies[i] || !p->replies[i + 1])
			continue;
		d = stamped_send(p, i + 1) - stamped_send(p, i);
		if (d > at_most)
			continue;
		if (lo && (n == 0 || d < *lo))
			*lo = d;
		if (hi && (n == 0 || d > *hi))
			*hi = d;
		n++;
	}
	return n;
}

int mb_pinglog_infer_interval(const struct mb_pinglog *p, int64_t *interval_ns, uint64_t *pairs)
{
	int64_t lo = 0, hi = 0;
	uint64_t n = stamped(p) ? count_diffs(p, INT64_MAX, &lo, &hi) : 0, k = (n + 1) / 2;

	if (pairs)
		*pairs = n;
	if (n == 0)
		return -1;
	/* Bisect on the value (the k-th smallest), not on a sorted copy: no
	 * second array of the log's size, about 40 passes over the slots. */
	while (lo < hi) {
		int64_t mid = lo + (int64_t)(((uint64_t)hi - (uint64_t)lo) / 2);

		if (count_diffs(p, mid, NULL, NULL) >= k)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (lo <= 0)
		return -1;
	*interval_ns = lo;
	return 0;
}

/* ---- probes in order -------------------------------------------------- */

static int64_t clamp_i64(__int128 v)
{
	return v > INT64_MAX ? INT64_MAX : v < INT64_MIN ? INT64_MIN : (int64_t)v;
}

void mb_pinglog_rewind(const struct mb_pinglog *p, int64_t interval_ns, struct mb_pinglog_cursor *c)
{
	memset(c, 0, sizeof(*c));
	c->n = series_len(p);
	c->interval_ns = interval_ns;
}

/* The first answered probe after i (p->n if none), remembered: the probes
 * of one lost run share it, so a whole pass stays linear. */
static uint64_t next_answered(const struct mb_pinglog *p, struct mb_pinglog_cursor *c, uint64_t i)
{
	if (c->next_i <= i) {
		uint64_t j = i + 1;

		while (j < p->n && !p->replies[j])
			j++;
		c->next_i = j;
	}
	return c->next_i;
}

/* Stamped log, probe i unanswered: spread between its answered
 * neighbours' sends, or an interval apart beyond the first or last. */
static int64_t unanswered_send(const struct mb_pinglog *p, struct mb_pinglog_cursor *c, uint64_t i)
{
	uint64_t j = next_answered(p, c, i);
	__int128 span;

	if (c->have_prev && j < p->n) {
		span = (__int128)stamped_send(p, j) - c->prev_sent_ns;
		if (span < 0)
			span = 0;
		return clamp_i64(c->prev_sent_ns + span * (i - c->prev_i) / (j - c->prev_i));
	}
	if (j < p->n)
		return clamp_i64((__int128)stamped_send(p, j) - (__int128)(j - i) * c->interval_ns);
	return clamp_i64((__int128)c->prev_sent_ns + (__int128)(i - c->prev_i) * c->interval_ns);
}

static int64_t send_time(const struct mb_pinglog *p, struct mb_pinglog_cursor *c, uint64_t i)
{
	int64_t sent;

	if (!stamped(p))
		sent = clamp_i64((__int128)i * c->interval_ns);
	else
		sent = answered(p, i) ? stamped_send(p, i) : unanswered_send(p, c, i);
	/* The analyzer takes sends in order, none before 0 (last_sent_ns
	 * starts at 0). */
	return sent < c->last_sent_ns ? c->last_sent_ns : sent;
}

bool mb_pinglog_next(const struct mb_pinglog *p, struct mb_pinglog_cursor *c, struct mb_probe_sample *s)
{
	uint64_t i = c->i;

	if (i >= c->n)
		return false;
	s->seq = p->first + i;
	s->sent_ns = send_time(p, c, i);
	s->recv_ns = -1;
	s->replies = 0;
	if (answered(p, i)) {
		if (!stamped(p))
			s->recv_ns = clamp_i64((__int128)s->sent_ns + rtt_ns(p, i));
		else
			s->recv_ns = p->recv_ns[i] > s->sent_ns ? p->recv_ns[i] : s->sent_ns;
		s->replies = p->replies[i];
		c->have_prev = stamped(p);
		c->prev_i = i;
		c->prev_sent_ns = s->sent_ns;
	}
	c->last_sent_ns = s->sent_ns;
	c->i++;
	return true;
}
