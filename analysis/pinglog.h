/* A saved ping log (iputils ping, busybox ping or fping: pingline.h)
 * turned back into the probe series of
 * analysis/outage.h, so that an old `ping -i 0.002 GUEST` log of a
 * migration gets the same outage analysis as migbench's own prober.
 *
 * Pure: the caller reads the log and hands over one line at a time.
 *
 * Memory: the whole series is held, compactly - 5 bytes a probe, 13 with
 * -D timestamps (a 10-minute 10 kHz log, 6 million probes: 44 MB and 91 MB
 * peak resident for all of migbench analyze) - because nothing can
 * be handed to the analyzer before the last line: a -D log's interval is
 * the median over all of it, and the statistics footer at the very end
 * says how many probes went out after the last reply.
 *
 * Formats: detected from the first line of one program's form (or forced,
 * mb_pinglog_force_format); lines of another program's form are then
 * ignored (counted), and so are fping lines about another target.
 * busybox numbers from 0, iputils from 1 (both wrap at 16 bits); fping's
 * [N] counts from 0 and does not wrap.  fping -C's column line makes the
 * series when the log has no per-probe line, else it counts as the footer.
 *
 * Sequence: ping's icmp_seq is 16 bits and wraps (65535 -> 0; the first
 * probe is 1, busybox's 0).  It is unwrapped into a 64-bit number that counts probes
 * the way ping does: the same as icmp_seq up to 65535, then 65536 where
 * ping printed 0, and so on.  Each seq is unwrapped to the value nearest
 * to the highest one seen so far, so replies printed out of order and
 * losses of up to 32767 probes stay in place; a longer loss with no line
 * in it (no ping -O) is found where the nearest value contradicts the log
 * (see unwrap() in pinglog.c), and the line goes one lap later.  A log with
 * its PING header starts at probe 1; without it (a cut log), at the first
 * seq it holds, and replies to probes before that one are left out
 * (counted).
 *
 * Times:
 *   with -D stamps on every reply (real times): receive = the stamp,
 *   send = receive - rtt, kept non-decreasing (a stamp has 1 us, an rtt 3
 *   digits: two close probes may come out a hair reversed); a probe with
 *   no reply is placed between the sends of the answered probes around
 *   it, evenly spread, or one interval apart before the first and after
 *   the last answered probe.
 *   without them (nominal times): send = (seq - first seq) x interval,
 *   receive = send + rtt.  Nominal receive times may contradict the
 *   order ping printed the replies in (printed_out_of_order counts those
 *   ping printed after a reply to a later probe).
 * A probe with several replies keeps the first one's time.
 */
#ifndef MB_ANALYSIS_PINGLOG_H
#define MB_ANALYSIS_PINGLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analysis/outage.h"
#include "analysis/pingline.h"

struct mb_pinglog; /* opaque */

#define MB_PINGLOG_LINES_KEPT 5 /* line numbers of ignored lines kept */

struct mb_pinglog_info {
	enum mb_ping_format format; /* detected or forced; AUTO: none yet */
	char target[256];           /* from the PING header or fping's lines; "" without */
	uint64_t lines;             /* every line, blank ones included */
	uint64_t replies;           /* reply lines taken, (DUP!) ones included */
	uint64_t duplicates;        /* of them, replies to an already answered probe */
	uint64_t errors;            /* ICMP error lines ("From A icmp_seq=N ...") */
	uint64_t no_answer;         /* "no answer yet" lines (ping -O) */
	uint64_t ignored;           /* lines of no known form, and the second run's */
	uint64_t ignored_line[MB_PINGLOG_LINES_KEPT]; /* the first ignored ones (1-based), 0: none */
	uint64_t other_format;      /* of them, another program's lines */
	uint64_t other_target;      /* of them, fping lines about another target */
	bool columns;               /* the series is fping -C's column line */
	uint64_t before_first;      /* replies to probes before the log's first */
	uint64_t printed_out_of_order; /* replies printed after one to a later probe */
	uint64_t lap_later;         /* lines placed a lap (65536) after the nearest seq */
	uint64_t second_run_line;   /* a second PING header (not analyzed): its line, or 0 */
	bool header;                /* the PING header was read */
	bool footer;                /* the "N packets transmitted" line was read */
	uint64_t transmitted, received; /* the footer's */
	int64_t footer_time_ns;     /* the footer's "time", -1 if none */
	bool stamped;               /* every reply had a -D stamp: real times */
	uint64_t first_seq, last_seq; /* the series (unwrapped); 0, 0 if none */
	uint64_t probes;            /* last_seq - first_seq + 1, 0 if none */
	uint64_t answered;          /* probes with at least one reply */
};

struct mb_pinglog *mb_pinglog_new(void);
/* Before the first line: take only this program's lines. */
void mb_pinglog_force_format(struct mb_pinglog *p, enum mb_ping_format f);
void mb_pinglog_free(struct mb_pinglog *p);

/* One line, with or without its "\n" (see analysis/pingline.h).  Returns
 * the line's enum mb_pingline_kind, or -1 when out of memory (the line is
 * then not taken). */
int mb_pinglog_line(struct mb_pinglog *p, const char *line, size_t len);

void mb_pinglog_info(const struct mb_pinglog *p, struct mb_pinglog_info *out);

/* The interval of a -D log: the median (the lower one of an even count) of
 * the send-time differences of consecutive answered probes.  Returns 0, or
 * -1 without stamps, without two consecutive answered probes, or when the
 * median is not positive.  *pairs (may be NULL): the differences used. */
int mb_pinglog_infer_interval(const struct mb_pinglog *p, int64_t *interval_ns,
			      uint64_t *pairs);

/* The mean interval from the footer: iputils' "time T" over its
 * "N packets transmitted", T / (N - 1).  Returns 0, or -1 without them. */
int mb_pinglog_footer_interval(const struct mb_pinglog *p, int64_t *interval_ns);

/* The probes in seq order, as mb_outage_add takes them.  interval_ns
 * (> 0) makes the nominal times, and the stamped times of unanswered
 * probes at either end. */
struct mb_pinglog_cursor {
	uint64_t i, n;           /* next probe, from the first; probes */
	int64_t interval_ns;
	int64_t last_sent_ns;    /* the previous probe's */
	bool have_prev;          /* stamped: an answered probe was handed out */
	uint64_t prev_i;         /* stamped: the last one */
	int64_t prev_sent_ns;
	uint64_t next_i;         /* stamped: the next answered at or after i */
};

void mb_pinglog_rewind(const struct mb_pinglog *p, int64_t interval_ns,
		       struct mb_pinglog_cursor *c);
/* The next probe into *s; false after the last one. */
bool mb_pinglog_next(const struct mb_pinglog *p, struct mb_pinglog_cursor *c,
		     struct mb_probe_sample *s);

#endif
