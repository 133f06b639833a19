/* Unit tests of analysis/pingline.c (one line of iputils ping output) and
 * analysis/pinglog.c (a whole log back into the probe series).
 *
 * Every figure is asserted exactly; times are worked out in the comments.
 * Stamps are ping -D's: seconds since the epoch with 6 decimals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/outage.h"
#include "analysis/pingline.h"
#include "analysis/pinglog.h"

#define US INT64_C(1000)
#define MS INT64_C(1000000)
#define SEC INT64_C(1000000000)
#define EPOCH (INT64_C(1700000000) * SEC) /* the stamps' whole seconds */

/* ---- helpers ---------------------------------------------------------- */

static struct mb_pingline line(const char *text)
{
	struct mb_pingline l;

	mb_pingline_parse(text, strlen(text), &l);
	return l;
}

/* Feeds text line by line, each with its "\n". */
static void feed(struct mb_pinglog *p, const char *text)
{
	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t len = nl ? (size_t)(nl - text) + 1 : strlen(text);

		assert_true(mb_pinglog_line(p, text, len) >= 0);
		text += len;
	}
}

static struct mb_pinglog *log_of(const char *text)
{
	struct mb_pinglog *p = mb_pinglog_new();

	assert_non_null(p);
	feed(p, text);
	return p;
}

static struct mb_pinglog_info info_of(const struct mb_pinglog *p)
{
	struct mb_pinglog_info i;

	mb_pinglog_info(p, &i);
	return i;
}

/* All probes, in order, into out[max]; returns how many. */
static size_t probes(const struct mb_pinglog *p, int64_t interval, struct mb_probe_sample *out,
		     size_t max)
{
	struct mb_pinglog_cursor c;
	size_t n = 0;

	mb_pinglog_rewind(p, interval, &c);
	while (mb_pinglog_next(p, &c, &out[n]))
		assert_true(++n < max);
	return n;
}

static void assert_probe(const struct mb_probe_sample *s, uint64_t seq, int64_t sent,
			 int64_t recv, uint32_t replies)
{
	assert_int_equal(s->seq, seq);
	assert_int_equal(s->sent_ns, sent);
	assert_int_equal(s->recv_ns, recv);
	assert_int_equal(s->replies, replies);
}

/* ---- one line --------------------------------------------------------- */

static void reply_lines(void **state)
{
	struct mb_pingline l;

	(void)state;
	l = line("64 bytes from 10.77.0.100: icmp_seq=1369 ttl=64 time=0.117 ms\n");
	assert_int_equal(l.kind, MB_PINGLINE_REPLY);
	assert_int_equal(l.icmp_seq, 1369);
	assert_int_equal(l.rtt_ns, 117 * US);
	assert_false(l.dup);
	assert_false(l.stamped);
	/* Fewer decimals as the time grows, read exactly: not 19599999. */
	assert_int_equal(line("64 bytes from 10.0.0.1: icmp_seq=1373 ttl=64 time=19.6 ms").rtt_ns,
			 19600 * US);
	assert_int_equal(line("64 bytes from 10.0.0.1: icmp_seq=2 ttl=64 time=1234 ms").rtt_ns,
			 1234 * MS);
	/* A locale with a decimal comma. */
	assert_int_equal(line("64 bytes from 10.0.0.1: icmp_seq=2 ttl=64 time=0,045 ms").rtt_ns,
			 45 * US);
	/* A host name, IPv6 (colons in the address), the old icmp_req, CRLF. */
	l = line("64 bytes from guest1.lab (10.77.0.100): icmp_seq=65535 ttl=64 time=0.5 ms");
	assert_int_equal(l.kind, MB_PINGLINE_REPLY);
	assert_int_equal(l.icmp_seq, 65535);
	l = line("64 bytes from fe80::1%br0: icmp_seq=7 ttl=64 time=0.081 ms");
	assert_int_equal(l.kind, MB_PINGLINE_REPLY);
	assert_int_equal(l.icmp_seq, 7);
	assert_int_equal(line("64 bytes from 10.0.0.1: icmp_req=9 ttl=64 time=0.081 ms").icmp_seq, 9);
	assert_int_equal(line("64 bytes from 10.0.0.1: icmp_seq=0 ttl=64 time=0.081 ms\r\n").kind,
			 MB_PINGLINE_REPLY);
}

static void dup_and_stamp(void **state)
{
	struct mb_pingline l;

	(void)state;
	l = line("64 bytes from 10.0.0.1: icmp_seq=12 ttl=64 time=0.420 ms (DUP!)");
	assert_int_equal(l.kind, MB_PINGLINE_REPLY);
	assert_true(l.dup);
	assert_int_equal(l.icmp_seq, 12);
	l = line("[1700000000.123456] 64 bytes from 10.0.0.1: icmp_seq=3 ttl=64 time=0.250 ms\n");
	assert_int_equal(l.kind, MB_PINGLINE_REPLY);
	assert_true(l.stamped);
	assert_int_equal(l.stamp_ns, EPOCH + 123456 * US);
	assert_int_equal(l.rtt_ns, 250 * US);
	l = line("[1700000001.000001] 64 bytes from 10.0.0.1: icmp_seq=4 ttl=64 time=0.3 ms (DUP!)");
	assert_true(l.stamped && l.dup);
	assert_int_equal(l.stamp_ns, EPOCH + SEC + US);
}

/* Times from a log are not trusted: beyond 2^62 ns a line is not ping's
 * (before, [9223372036.999999999] overflowed int64 while it was read). */
static void times_out_of_range(void **state)
{
	struct mb_pingline l;

	(void)state;
	l = line("[4611686017.999999] 64 bytes from 10.0.0.1: icmp_seq=3 ttl=64 time=0.250 ms");
	assert_int_equal(l.kind, MB_PINGLINE_REPLY);
	assert_int_equal(l.stamp_ns, INT64_C(4611686017999999000));
	assert_int_equal(line("[4611686018.5] 64 bytes from 10.0.0.1: icmp_seq=3 ttl=64 time=0.2 ms").kind,
			 MB_PINGLINE_OTHER);
	assert_int_equal(line("[9223372036.999999999] 64 bytes from 10.0.0.1: icmp_seq=3 ttl=64 "
			      "time=0.2 ms").kind, MB_PINGLINE_OTHER);
	assert_int_equal(line("[18446744073709551615] 64 bytes from 10.0.0.1: icmp_seq=3 ttl=64 "
			      "time=0.2 ms").kind, MB_PINGLINE_OTHER);
	l = line("64 bytes from 10.0.0.1: icmp_seq=2 ttl=64 time=4611686018427.387903 ms");
	assert_int_equal(l.kind, MB_PINGLINE_REPLY);
	assert_int_equal(l.rtt_ns, (INT64_C(1) << 62) - 1);
	assert_int_equal(line("64 bytes from 10.0.0.1: icmp_seq=2 ttl=64 time=4611686018427.387904 ms").kind,
			 MB_PINGLINE_OTHER);
	assert_int_equal(line("64 bytes from 10.0.0.1: icmp_seq=2 ttl=64 time=9223372036854.775807 ms").kind,
			 MB_PINGLINE_OTHER);
}

static void no_answer_and_error_lines(void **state)
{
	struct mb_pingline l;

	(void)state;
	l = line("no answer yet for icmp_seq=1370");
	assert_int_equal(l.kind, MB_PINGLINE_NO_ANSWER);
	assert_int_equal(l.icmp_seq, 1370);
	l = line("[1700000000.050005] no answer yet for icmp_seq=65534\n");
	assert_int_equal(l.kind, MB_PINGLINE_NO_ANSWER);
	assert_true(l.stamped);
	assert_int_equal(l.icmp_seq, 65534);
	l = line("From 10.77.0.1 icmp_seq=1371 Destination Host Unreachable");
	assert_int_equal(l.kind, MB_PINGLINE_ERROR);
	assert_int_equal(l.icmp_seq, 1371);
	l = line("[1700000000.060500] From 10.77.0.1 icmp_seq=9 Time to live exceeded");
	assert_int_equal(l.kind, MB_PINGLINE_ERROR);
	assert_int_equal(l.icmp_seq, 9);
}

static void header_and_footer_lines(void **state)
{
	struct mb_pingline l;

	(void)state;
	l = line("PING 10.77.0.100 (10.77.0.100) 56(84) bytes of data.\n");
	assert_int_equal(l.kind, MB_PINGLINE_HEADER);
	assert_int_equal(l.target_len, 11);
	assert_memory_equal(l.target, "10.77.0.100", 11);
	l = line("PING ::1(::1) 56 data bytes");
	assert_int_equal(l.kind, MB_PINGLINE_HEADER);
	assert_int_equal(l.target_len, 3);
	assert_int_equal(line("--- 10.77.0.100 ping statistics ---").kind, MB_PINGLINE_FOOTER);
	assert_int_equal(line("rtt min/avg/max/mdev = 0.086/0.285/19.560/0.351 ms, pipe 2").kind,
			 MB_PINGLINE_FOOTER);
	l = line("12417 packets transmitted, 12413 received, 0.0322139% packet loss, time 24999ms");
	assert_int_equal(l.kind, MB_PINGLINE_FOOTER);
	assert_true(l.counts);
	assert_int_equal(l.transmitted, 12417);
	assert_int_equal(l.received, 12413);
	assert_int_equal(l.time_ns, 24999 * MS);
	l = line("20 packets transmitted, 15 received, +2 duplicates, +3 errors, 25% packet loss, "
		 "time 19020ms");
	assert_true(l.counts);
	assert_int_equal(l.received, 15);
	assert_int_equal(l.time_ns, 19020 * MS);
	/* The other two footer lines carry no counts. */
	assert_false(line("--- x ping statistics ---").counts);
}

static void other_lines(void **state)
{
	static const char *const other[] = {
		"ping: sendmsg: No buffer space available",
		"Request timeout for icmp_seq 5",                          /* not iputils */
		"64 bytes from 10.0.0.1: icmp_seq=65536 ttl=64 time=1 ms", /* not 16 bits */
		"64 bytes from 10.0.0.1: icmp_seq=5 ttl=64",               /* no time= */
		"64 bytes from 10.0.0.1: icmp_seq=5 ttl=64 time=0.1 ms (BAD CHECKSUM!)",
		"64 bytes from 10.0.0.1: icmp_seq=5x ttl=64 time=0.1 ms",
		"[1700000000.5 64 bytes from 10.0.0.1: icmp_seq=5 ttl=64 time=0.1 ms",
		"[noise] 64 bytes from 10.0.0.1: icmp_seq=5 ttl=64 time=0.1 ms",
		"[1700000000.000001] hello",
		"no answer yet for icmp_seq=",
		"From 10.0.0.1 icmp_seq=5",
		"PING ",
		"\x01\x02\xff",
	};
	char longline[MB_PINGLINE_MAX + 100];
	struct mb_pingline l;

	(void)state;
	for (size_t i = 0; i < sizeof(other) / sizeof(other[0]); i++) {
		l = line(other[i]);
		assert_int_equal(l.kind, MB_PINGLINE_OTHER);
		assert_false(l.stamped); /* nothing half-read is left */
	}
	assert_int_equal(line("").kind, MB_PINGLINE_BLANK);
	assert_int_equal(line(" \t\r\n").kind, MB_PINGLINE_BLANK);
	/* A reply followed by a long tail: longer than ping ever prints. */
	snprintf(longline, sizeof(longline), "64 bytes from 10.0.0.1: icmp_seq=5 ttl=64 time=0.1 ms%*s",
		 MB_PINGLINE_MAX, "x");
	assert_int_equal(line(longline).kind, MB_PINGLINE_OTHER);
}

/* ---- the series ------------------------------------------------------- */

/* Header, one lost probe in the middle, two more after the last reply
 * known only from the footer: nominal times at 2 ms. */
static void nominal_series(void **state)
{
	struct mb_pinglog *p = log_of(
		"PING 10.0.0.1 (10.0.0.1) 56(84) bytes of data.\n"
		"64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 time=0.500 ms\n"
		"64 bytes from 10.0.0.1: icmp_seq=2 ttl=64 time=0.250 ms\n"
		"64 bytes from 10.0.0.1: icmp_seq=4 ttl=64 time=19.6 ms\n"
		"\n"
		"--- 10.0.0.1 ping statistics ---\n"
		"6 packets transmitted, 3 received, 50% packet loss, time 10ms\n"
		"rtt min/avg/max/mdev = 0.250/6.783/19.600/9.1 ms\n");
	struct mb_pinglog_info i = info_of(p);
	struct mb_probe_sample s[16];

	(void)state;
	assert_string_equal(i.target, "10.0.0.1");
	assert_int_equal(i.lines, 8);
	assert_int_equal(i.replies, 3);
	assert_int_equal(i.ignored, 0); /* the blank line is not "ignored" */
	assert_true(i.header && i.footer);
	assert_false(i.stamped);
	assert_int_equal(i.transmitted, 6);
	assert_int_equal(i.received, 3);
	assert_int_equal(i.footer_time_ns, 10 * MS);
	assert_int_equal(i.first_seq, 1);
	assert_int_equal(i.last_seq, 6);
	assert_int_equal(i.probes, 6);
	assert_int_equal(i.answered, 3);
	/* send = (seq - 1) x 2 ms, receive = send + rtt */
	assert_int_equal(probes(p, 2 * MS, s, 16), 6);
	assert_probe(&s[0], 1, 0, 500 * US, 1);
	assert_probe(&s[1], 2, 2 * MS, 2250 * US, 1);
	assert_probe(&s[2], 3, 4 * MS, -1, 0);
	assert_probe(&s[3], 4, 6 * MS, 25600 * US, 1);
	assert_probe(&s[4], 5, 8 * MS, -1, 0);
	assert_probe(&s[5], 6, 10 * MS, -1, 0);
	mb_pinglog_free(p);
}

/* A whole lap, icmp_seq 1 .. 65535, then 1 and 2 again: probes 65537 and
 * 65538, not duplicates; probe 65536 (printed icmp_seq 0) is lost. */
static void wrap_around(void **state)
{
	struct mb_pinglog *p = mb_pinglog_new();
	struct mb_probe_sample *s = calloc(70000, sizeof(*s));
	char text[128];
	struct mb_pinglog_info i;

	(void)state;
	assert_non_null(s);
	feed(p, "PING 10.0.0.1 (10.0.0.1) 56(84) bytes of data.\n");
	for (unsigned seq = 1; seq <= 65535; seq++) {
		snprintf(text, sizeof(text), "64 bytes from 10.0.0.1: icmp_seq=%u ttl=64 time=0.1 ms\n", seq);
		feed(p, text);
	}
	feed(p, "64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 time=0.1 ms\n"
		"64 bytes from 10.0.0.1: icmp_seq=2 ttl=64 time=0.1 ms\n");
	i = info_of(p);
	assert_int_equal(i.first_seq, 1);
	assert_int_equal(i.last_seq, 65538);
	assert_int_equal(i.answered, 65537);
	assert_int_equal(i.duplicates, 0); /* icmp_seq 1 again is probe 65537, not a DUP */
	assert_int_equal(probes(p, MS, s, 70000), 65538);
	assert_probe(&s[65534], 65535, 65534 * MS, 65534 * MS + 100 * US, 1);
	assert_probe(&s[65535], 65536, 65535 * MS, -1, 0);
	assert_probe(&s[65536], 65537, 65536 * MS, 65536 * MS + 100 * US, 1);
	free(s);
	mb_pinglog_free(p);
}

/* A cut log (no header) across the wrap: it starts at its first seq. */
static void wrap_in_cut_log(void **state)
{
	struct mb_pinglog *p = log_of(
		"64 bytes from 10.0.0.1: icmp_seq=65535 ttl=64 time=0.1 ms\n"
		"64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 time=0.1 ms\n"
		"64 bytes from 10.0.0.1: icmp_seq=0 ttl=64 time=5.0 ms\n" /* printed late */
		"65540 packets transmitted, 65539 received, 0% packet loss, time 65539ms\n");
	struct mb_pinglog_info i = info_of(p);
	struct mb_probe_sample s[8];

	(void)state;
	assert_false(i.header);
	assert_int_equal(i.first_seq, 65535);
	/* The footer counts probes, the log shows 16 bits: 65540 is 65537 + 3. */
	assert_int_equal(i.last_seq, 65540);
	assert_int_equal(i.printed_out_of_order, 1);
	assert_int_equal(probes(p, MS, s, 8), 6);
	assert_probe(&s[0], 65535, 0, 100 * US, 1);
	assert_probe(&s[1], 65536, MS, 6 * MS, 1);
	assert_probe(&s[2], 65537, 2 * MS, 2 * MS + 100 * US, 1);
	assert_probe(&s[5], 65540, 5 * MS, -1, 0);
	mb_pinglog_free(p);
}

static void duplicates(void **state)
{
	struct mb_pinglog *p = log_of(
		"PING 10.0.0.1 (10.0.0.1) 56(84) bytes of data.\n"
		"64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 time=0.300 ms\n"
		"64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 time=0.400 ms (DUP!)\n"
		"64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 time=0.500 ms (DUP!)\n"
		/* The original of 2 is not in the log: its DUP is the first reply. */
		"64 bytes from 10.0.0.1: icmp_seq=2 ttl=64 time=0.700 ms (DUP!)\n");
	struct mb_pinglog_info i = info_of(p);
	struct mb_probe_sample s[4];

	(void)state;
	assert_int_equal(i.replies, 4);
	assert_int_equal(i.duplicates, 2);
	assert_int_equal(i.answered, 2);
	assert_int_equal(probes(p, 10 * MS, s, 4), 2);
	/* The first reply's time is kept. */
	assert_probe(&s[0], 1, 0, 300 * US, 3);
	assert_probe(&s[1], 2, 10 * MS, 10700 * US, 1);
	mb_pinglog_free(p);
}

/* Ping prints in arrival order: 3 before 2.  The series is in seq order
 * with each reply where it belongs. */
static void out_of_order_arrival(void **state)
{
	struct mb_pinglog *p = log_of(
		"[1700000000.000100] 64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 time=0.100 ms\n"
		"[1700000000.020100] 64 bytes from 10.0.0.1: icmp_seq=3 ttl=64 time=0.100 ms\n"
		"[1700000000.025000] 64 bytes from 10.0.0.1: icmp_seq=2 ttl=64 time=15.0 ms\n"
		"[1700000000.030100] 64 bytes from 10.0.0.1: icmp_seq=4 ttl=64 time=0.100 ms\n");
	struct mb_pinglog_info i = info_of(p);
	struct mb_probe_sample s[8];

	(void)state;
	assert_true(i.stamped);
	assert_int_equal(i.printed_out_of_order, 1);
	assert_int_equal(probes(p, 10 * MS, s, 8), 4);
	assert_probe(&s[0], 1, EPOCH, EPOCH + 100 * US, 1);
	assert_probe(&s[1], 2, EPOCH + 10 * MS, EPOCH + 25 * MS, 1);
	assert_probe(&s[2], 3, EPOCH + 20 * MS, EPOCH + 20100 * US, 1);
	assert_probe(&s[3], 4, EPOCH + 30 * MS, EPOCH + 30100 * US, 1);
	mb_pinglog_free(p);
}

/* -D: send = stamp - rtt: 0, 2.010, 4.010, (4 lost), 10.000, 12.000,
 * 15.500 ms.  Steps between consecutive answered probes: 2.010, 2.000,
 * 2.000, 3.500 (none across the lost 4); their lower median is 2.000. */
static void interval_inferred(void **state)
{
	struct mb_pinglog *p = log_of(
		"[1700000000.000500] 64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 time=0.500 ms\n"
		"[1700000000.002510] 64 bytes from 10.0.0.1: icmp_seq=2 ttl=64 time=0.500 ms\n"
		"[1700000000.004510] 64 bytes from 10.0.0.1: icmp_seq=3 ttl=64 time=0.500 ms\n"
		"[1700000000.010500] 64 bytes from 10.0.0.1: icmp_seq=5 ttl=64 time=0.500 ms\n"
		"[1700000000.012500] 64 bytes from 10.0.0.1: icmp_seq=6 ttl=64 time=0.500 ms\n"
		"[1700000000.016000] 64 bytes from 10.0.0.1: icmp_seq=7 ttl=64 time=0.500 ms\n");
	int64_t iv = 0;
	uint64_t pairs = 0;
	struct mb_probe_sample s[8];

	(void)state;
	assert_int_equal(mb_pinglog_infer_interval(p, &iv, &pairs), 0);
	assert_int_equal(pairs, 4);
	assert_int_equal(iv, 2 * MS);
	/* The lost 4 sits between the sends of 3 and 5, evenly: 4.010 +
	 * (10.000 - 4.010) / 2. */
	assert_int_equal(probes(p, iv, s, 8), 7);
	assert_probe(&s[3], 4, EPOCH + 7005 * US, -1, 0);
	mb_pinglog_free(p);
}

static void interval_not_inferable(void **state)
{
	struct mb_pinglog *nominal = log_of(
		"64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 time=0.5 ms\n"
		"64 bytes from 10.0.0.1: icmp_seq=2 ttl=64 time=0.5 ms\n");
	struct mb_pinglog *lonely = log_of(
		"[1700000000.000500] 64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 time=0.5 ms\n"
		"[1700000000.004500] 64 bytes from 10.0.0.1: icmp_seq=3 ttl=64 time=0.5 ms\n");
	/* One reply without a stamp: no real times at all. */
	struct mb_pinglog *mixed = log_of(
		"[1700000000.000500] 64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 time=0.5 ms\n"
		"64 bytes from 10.0.0.1: icmp_seq=2 ttl=64 time=0.5 ms\n"
		"[1700000000.004500] 64 bytes from 10.0.0.1: icmp_seq=3 ttl=64 time=0.5 ms\n");
	int64_t iv = 42;
	uint64_t pairs = 42;

	(void)state;
	assert_int_equal(mb_pinglog_infer_interval(nominal, &iv, &pairs), -1);
	assert_int_equal(pairs, 0);
	assert_int_equal(mb_pinglog_infer_interval(lonely, &iv, &pairs), -1);
	assert_int_equal(pairs, 0);
	assert_true(info_of(lonely).stamped);
	assert_int_equal(mb_pinglog_infer_interval(mixed, &iv, NULL), -1);
	assert_false(info_of(mixed).stamped);
	assert_int_equal(iv, 42);
	mb_pinglog_free(nominal);
	mb_pinglog_free(lonely);
	mb_pinglog_free(mixed);
}

/* -D with losses at both ends: with the header probes 1 and 2 were sent
 * before the first reply (3), and the footer adds 5 after the last (4).
 * Stamps jitter: 4's send (stamp - rtt) comes out before 3's and is kept
 * at 3's, so the analyzer gets sends in order. */
static void stamped_ends_and_jitter(void **state)
{
	struct mb_pinglog *p = log_of(
		"PING 10.0.0.1 (10.0.0.1) 56(84) bytes of data.\n"
		"[1700000000.020500] 64 bytes from 10.0.0.1: icmp_seq=3 ttl=64 time=0.500 ms\n"
		"[1700000000.020600] 64 bytes from 10.0.0.1: icmp_seq=4 ttl=64 time=0.700 ms\n"
		"--- 10.0.0.1 ping statistics ---\n"
		"5 packets transmitted, 2 received, 60% packet loss, time 40ms\n");
	struct mb_probe_sample s[8];

	(void)state;
	assert_int_equal(probes(p, 10 * MS, s, 8), 5);
	assert_probe(&s[0], 1, EPOCH, -1, 0);              /* 20.000 - 2 x 10 */
	assert_probe(&s[1], 2, EPOCH + 10 * MS, -1, 0);
	assert_probe(&s[2], 3, EPOCH + 20 * MS, EPOCH + 20500 * US, 1);
	assert_probe(&s[3], 4, EPOCH + 20 * MS, EPOCH + 20600 * US, 1); /* 19.900 -> 20.000 */
	assert_probe(&s[4], 5, EPOCH + 30 * MS, -1, 0);    /* 20.000 + 10 */
	mb_pinglog_free(p);
}

static void no_replies(void **state)
{
	struct mb_pinglog *p = log_of(
		"PING 10.0.0.1 (10.0.0.1) 56(84) bytes of data.\n"
		"From 10.0.0.254 icmp_seq=1 Destination Host Unreachable\n"
		"no answer yet for icmp_seq=2\n"
		"--- 10.0.0.1 ping statistics ---\n"
		"2 packets transmitted, 0 received, +1 errors, 100% packet loss, time 1001ms\n");
	struct mb_pinglog *text = log_of("hello\nworld\n\n");
	struct mb_pinglog_info i = info_of(p);

	(void)state;
	assert_int_equal(i.replies, 0);
	assert_int_equal(i.answered, 0);
	assert_int_equal(i.errors, 1);
	assert_int_equal(i.no_answer, 1);
	assert_false(i.stamped);
	i = info_of(text);
	assert_int_equal(i.replies, 0);
	assert_int_equal(i.lines, 3);
	assert_int_equal(i.ignored, 2);
	assert_int_equal(i.probes, 0);
	assert_int_equal(i.first_seq, 0);
	mb_pinglog_free(p);
	mb_pinglog_free(text);
}

/* Unknown lines are counted and change nothing; an error reply and a "no
 * answer yet" mark their probe as sent and unanswered. */
static void garbage_and_errors(void **state)
{
	struct mb_pinglog *p = log_of(
		"PING 10.0.0.1 (10.0.0.1) 56(84) bytes of data.\n"
		"64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 time=0.5 ms\n"
		"ping: sendmsg: No buffer space available\n"
		"64 bytes from 10.0.0.1: icmp_seq=2 ttl=64 time=0.5 ms (BAD CHECKSUM!)\n"
		"From 10.0.0.254 icmp_seq=3 Destination Host Unreachable\n"
		"no answer yet for icmp_seq=4\n"
		"\x7f" "ELF\n");
	struct mb_pinglog_info i = info_of(p);
	struct mb_probe_sample s[8];

	(void)state;
	assert_int_equal(i.lines, 7);
	assert_int_equal(i.ignored, 3);
	assert_int_equal(i.errors, 1);
	assert_int_equal(i.no_answer, 1);
	assert_int_equal(i.last_seq, 4);
	assert_int_equal(probes(p, MS, s, 8), 4);
	assert_probe(&s[1], 2, MS, -1, 0);
	assert_probe(&s[2], 3, 2 * MS, -1, 0);
	assert_probe(&s[3], 4, 3 * MS, -1, 0);
	mb_pinglog_free(p);
}

/* A cut log whose first line is not its lowest seq, and a second run. */
static void before_first_and_second_run(void **state)
{
	struct mb_pinglog *p = log_of(
		"64 bytes from 10.0.0.1: icmp_seq=101 ttl=64 time=0.5 ms\n"
		"64 bytes from 10.0.0.1: icmp_seq=100 ttl=64 time=9.0 ms\n"
		"64 bytes from 10.0.0.1: icmp_seq=102 ttl=64 time=0.5 ms\n"
		"PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.\n"
		"64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=0.5 ms\n");
	struct mb_pinglog_info i = info_of(p);

	(void)state;
	assert_int_equal(i.before_first, 1);
	assert_int_equal(i.replies, 2);
	assert_int_equal(i.second_run_line, 4);
	assert_int_equal(i.ignored, 2);
	assert_string_equal(i.target, "");
	assert_int_equal(i.first_seq, 101);
	assert_int_equal(i.last_seq, 102);
	mb_pinglog_free(p);
}

/* A loss of 40000 probes with no line in it: more than half a lap of
 * icmp_seq.  The nearest seq would be before probe 1 (with the header) or
 * a probe already answered (not a DUP): one lap later it is. */
static void long_loss_without_lines(void **state)
{
	struct mb_pinglog *whole = mb_pinglog_new(), *cut = mb_pinglog_new();
	struct mb_pinglog_info i;
	char text[128];

	(void)state;
	feed(whole, "PING 10.0.0.1 (10.0.0.1) 56(84) bytes of data.\n");
	for (unsigned k = 1; k <= 40110; k++) {
		snprintf(text, sizeof(text), "64 bytes from 10.0.0.1: icmp_seq=%u ttl=64 time=0.1 ms\n",
			 k & 0xffff);
		if (k <= 100 || k > 40100)
			feed(whole, text);
	}
	i = info_of(whole);
	assert_int_equal(i.lap_later, 1);
	assert_int_equal(i.last_seq, 40110);
	assert_int_equal(i.answered, 110);
	assert_int_equal(i.before_first, 0);
	/* Cut log: 1 .. 35000, then 75001 .. 75010 (icmp_seq 9465 .. 9474,
	 * nearest to 35000 would be the answered 9465 .. 9474). */
	for (unsigned k = 1; k <= 75010; k++) {
		snprintf(text, sizeof(text), "64 bytes from 10.0.0.1: icmp_seq=%u ttl=64 time=0.1 ms\n",
			 k & 0xffff);
		if (k <= 35000 || k > 75000)
			feed(cut, text);
	}
	i = info_of(cut);
	assert_int_equal(i.lap_later, 1);
	assert_int_equal(i.last_seq, 75010);
	assert_int_equal(i.answered, 35010);
	assert_int_equal(i.duplicates, 0);
	/* A (DUP!) is what it says, not a lap later. */
	feed(cut, "64 bytes from 10.0.0.1: icmp_seq=9470 ttl=64 time=0.1 ms (DUP!)\n");
	i = info_of(cut);
	assert_int_equal(i.duplicates, 1);
	assert_int_equal(i.last_seq, 75010);
	mb_pinglog_free(whole);
	mb_pinglog_free(cut);
}

/* The shape of the lab's real log, through the analyzer: icmp_seq 5..8
 * lost out of 12 at 2 ms.  k = 5, m = 8: estimate s9 - s5 = 8 ms, bounds
 * [s8 - s5, s9 - s4] = [6 ms, 10 ms]. */
static void through_the_analyzer(void **state)
{
	struct mb_pinglog *p = mb_pinglog_new();
	struct mb_outage_config cfg = { 2 * MS, 100 * MS, SEC };
	struct mb_outage *a = mb_outage_new(&cfg);
	struct mb_pinglog_cursor c;
	struct mb_probe_sample s;
	struct mb_outage_result r;
	char text[128];

	(void)state;
	feed(p, "PING 10.0.0.1 (10.0.0.1) 56(84) bytes of data.\n");
	for (unsigned seq = 1; seq <= 12; seq++) {
		snprintf(text, sizeof(text), "64 bytes from 10.0.0.1: icmp_seq=%u ttl=64 time=0.2 ms\n", seq);
		if (seq < 5 || seq > 8)
			feed(p, text);
	}
	mb_pinglog_rewind(p, 2 * MS, &c);
	while (mb_pinglog_next(p, &c, &s))
		assert_int_equal(mb_outage_add(a, &s), 0);
	mb_outage_result(a, &r);
	assert_int_equal(r.sent, 12);
	assert_int_equal(r.lost, 4);
	assert_int_equal(r.n_windows, 1);
	assert_int_equal(r.windows[0].first_seq, 5);
	assert_int_equal(r.windows[0].last_seq, 8);
	assert_int_equal(r.windows[0].estimate_ns, 8 * MS);
	assert_int_equal(r.windows[0].lower_ns, 6 * MS);
	assert_int_equal(r.windows[0].upper_ns, 10 * MS);
	assert_int_equal(r.seed_method1_ns, 8 * MS);
	mb_outage_free(a);
	mb_pinglog_free(p);
}

/* A million stamped replies at 1 ms (15 wraps of icmp_seq), one lost run:
 * memory stays at a few bytes a probe and a pass stays linear. */
static void long_stamped_log(void **state)
{
	struct mb_pinglog *p = mb_pinglog_new();
	struct mb_pinglog_cursor c;
	struct mb_probe_sample s;
	uint64_t n = 0, lost = 0, pairs;
	int64_t iv;
	char text[160];

	(void)state;
	for (uint64_t k = 1; k <= 1000000; k++) {
		int64_t recv_us = (int64_t)k * 1000 + 250;

		if (k >= 700000 && k < 700010)
			continue;
		snprintf(text, sizeof(text), "[%lld.%06lld] 64 bytes from 10.0.0.1: icmp_seq=%u ttl=64 "
			 "time=0.250 ms\n", (long long)(1700000000 + recv_us / 1000000),
			 (long long)(recv_us % 1000000), (unsigned)(k & 0xffff));
		assert_true(mb_pinglog_line(p, text, strlen(text)) >= 0);
	}
	assert_int_equal(info_of(p).last_seq, 1000000);
	assert_int_equal(mb_pinglog_infer_interval(p, &iv, &pairs), 0);
	assert_int_equal(iv, MS);
	assert_int_equal(pairs, 1000000 - 10 - 2);
	mb_pinglog_rewind(p, iv, &c);
	while (mb_pinglog_next(p, &c, &s)) {
		n++;
		lost += s.replies == 0;
		assert_int_equal(s.sent_ns, EPOCH + (int64_t)s.seq * MS);
	}
	assert_int_equal(n, 1000000);
	assert_int_equal(lost, 10);
	mb_pinglog_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reply_lines),
		cmocka_unit_test(dup_and_stamp),
		cmocka_unit_test(times_out_of_range),
		cmocka_unit_test(no_answer_and_error_lines),
		cmocka_unit_test(header_and_footer_lines),
		cmocka_unit_test(other_lines),
		cmocka_unit_test(nominal_series),
		cmocka_unit_test(wrap_around),
		cmocka_unit_test(wrap_in_cut_log),
		cmocka_unit_test(duplicates),
		cmocka_unit_test(out_of_order_arrival),
		cmocka_unit_test(interval_inferred),
		cmocka_unit_test(interval_not_inferable),
		cmocka_unit_test(stamped_ends_and_jitter),
		cmocka_unit_test(no_replies),
		cmocka_unit_test(garbage_and_errors),
		cmocka_unit_test(before_first_and_second_run),
		cmocka_unit_test(long_loss_without_lines),
		cmocka_unit_test(through_the_analyzer),
		cmocka_unit_test(long_stamped_log),
	};

	/* TAP for automake's tap-driver.sh, whatever the environment says. */
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
