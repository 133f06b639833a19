/* Unit tests of the busybox ping and fping forms of analysis/pingline.c
 * and their series rules in analysis/pinglog.c: busybox numbers from 0 and
 * wraps at 16 bits, fping's [N] counts from 0 and does not wrap, fping -C's
 * column line, the format detected or forced, and the footer's interval.
 * The lines are the tools' own (from the logs made for tests/data/). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/pingline.h"
#include "analysis/pinglog.h"

#define US INT64_C(1000)
#define MS INT64_C(1000000)
#define SEC INT64_C(1000000000)

static struct mb_pingline line(const char *text)
{
	struct mb_pingline l;

	mb_pingline_parse(text, strlen(text), &l);
	return l;
}

static struct mb_pinglog *log_of(enum mb_ping_format forced, const char *text)
{
	struct mb_pinglog *p = mb_pinglog_new();

	assert_non_null(p);
	if (forced)
		mb_pinglog_force_format(p, forced);
	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t len = nl ? (size_t)(nl - text) + 1 : strlen(text);

		assert_true(mb_pinglog_line(p, text, len) >= 0);
		text += len;
	}
	return p;
}

static struct mb_pinglog_info info_of(const struct mb_pinglog *p)
{
	struct mb_pinglog_info i;

	mb_pinglog_info(p, &i);
	return i;
}

/* The probes' seqs and whether answered, as "0+1+2-3+" (- lost). */
static void assert_series(const struct mb_pinglog *p, int64_t interval, const char *want)
{
	struct mb_pinglog_cursor c;
	struct mb_probe_sample s;
	char got[256] = "";
	size_t n = 0;

	mb_pinglog_rewind(p, interval, &c);
	while (mb_pinglog_next(p, &c, &s) && n < sizeof(got) - 24)
		n += (size_t)snprintf(got + n, sizeof(got) - n, "%llu%c", (unsigned long long)s.seq,
				      s.replies ? '+' : '-');
	assert_string_equal(got, want);
}

/* ---- lines ------------------------------------------------------------ */

static void busybox_lines(void **state)
{
	struct mb_pingline l;

	(void)state;
	l = line("64 bytes from 127.0.0.1: seq=0 ttl=64 time=0.036 ms\n");
	assert_int_equal(l.kind, MB_PINGLINE_REPLY);
	assert_int_equal(l.format, MB_PING_BUSYBOX);
	assert_int_equal(l.seq, 0);
	assert_int_equal(l.rtt_ns, 36 * US);
	l = line("64 bytes from 10.0.0.1: seq=65535 ttl=64 time=1.250 ms (DUP!)");
	assert_int_equal(l.kind, MB_PINGLINE_REPLY);
	assert_true(l.dup);
	assert_int_equal(l.icmp_seq, 65535);
	l = line("PING 127.0.0.1 (127.0.0.1): 56 data bytes");
	assert_int_equal(l.kind, MB_PINGLINE_HEADER);
	assert_int_equal(l.format, MB_PING_BUSYBOX);
	assert_int_equal(line("PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.").format, MB_PING_IPUTILS);
	l = line("200 packets transmitted, 184 packets received, 8% packet loss");
	assert_int_equal(l.kind, MB_PINGLINE_FOOTER);
	assert_int_equal(l.format, MB_PING_BUSYBOX);
	assert_true(l.counts);
	assert_int_equal(l.transmitted, 200);
	assert_int_equal(l.received, 184);
	assert_int_equal(l.time_ns, -1);
	l = line("round-trip min/avg/max = 0.029/0.047/0.173 ms");
	assert_int_equal(l.kind, MB_PINGLINE_FOOTER);
	assert_int_equal(l.format, MB_PING_AUTO); /* a line of both programs */
	assert_int_equal(line("--- 127.0.0.1 ping statistics ---").format, MB_PING_AUTO);
	/* Cut short, or not 16 bits: not a reply. */
	assert_int_equal(line("64 bytes from 127.0.0.1: seq=31 ttl=64 t").kind, MB_PINGLINE_OTHER);
	assert_int_equal(line("64 bytes from 127.0.0.1: seq=65536 ttl=64 time=1 ms").kind,
			 MB_PINGLINE_OTHER);
}

static void fping_lines(void **state)
{
	struct mb_pingline l;

	(void)state;
	l = line("[1796116260.84892] 127.0.0.1 : [0], 64 bytes, 0.020 ms (0.020 avg, 0% loss)\n");
	assert_int_equal(l.kind, MB_PINGLINE_REPLY);
	assert_int_equal(l.format, MB_PING_FPING);
	assert_true(l.stamped);
	assert_int_equal(l.stamp_ns, INT64_C(1796116260) * SEC + 848920 * US);
	assert_int_equal(l.seq, 0);
	assert_int_equal(l.rtt_ns, 20 * US);
	assert_int_equal(l.target_len, 9);
	assert_memory_equal(l.target, "127.0.0.1", 9);
	/* [N] is not 16 bits: kept whole. */
	l = line("10.0.0.1 : [70000], 64 bytes, 0.40 ms (0.40 avg, 0% loss)");
	assert_int_equal(l.kind, MB_PINGLINE_REPLY);
	assert_int_equal(l.seq, 70000);
	assert_int_equal(l.rtt_ns, 400 * US);
	l = line("[1796116260.87936] 127.0.0.1 : [2], timed out (0.022 avg, 33% loss)");
	assert_int_equal(l.kind, MB_PINGLINE_NO_ANSWER);
	assert_int_equal(l.format, MB_PING_FPING);
	assert_int_equal(l.seq, 2);
	assert_int_equal(line("10.0.0.1 : [5], timed out (NaN avg, 100% loss)").kind, MB_PINGLINE_NO_ANSWER);
	l = line("127.0.0.1 : xmt/rcv/%loss = 247/231/6%, min/avg/max = 0.020/0.044/0.103");
	assert_int_equal(l.kind, MB_PINGLINE_FOOTER);
	assert_true(l.counts);
	assert_int_equal(l.transmitted, 247);
	assert_int_equal(l.received, 231);
	assert_int_equal(line("10.0.0.1 : xmt/rcv/%loss = 5/0/100%").received, 0);
	/* Damaged: cut, a bad number. */
	assert_int_equal(line("[1796116261.24] 127.0.0.1 : [4").kind, MB_PINGLINE_OTHER);
	assert_int_equal(line("127.0.0.1 : [4], 64 bytes, x ms (0.1 avg, 0% loss)").kind, MB_PINGLINE_OTHER);
	assert_int_equal(line("127.0.0.1 : [4] 64 bytes").kind, MB_PINGLINE_OTHER);
	assert_int_equal(line(" : [4], timed out").kind, MB_PINGLINE_OTHER);
}

static void fping_columns(void **state)
{
	struct mb_pingline l = line("127.0.0.1 : 0.076 0.022 - 0.031\n");
	const char *p, *end;
	int64_t rtt[8];
	size_t n = 0;

	(void)state;
	assert_int_equal(l.kind, MB_PINGLINE_COLUMNS);
	assert_int_equal(l.format, MB_PING_FPING);
	for (p = l.columns, end = l.columns + l.columns_len; mb_pingline_column(&p, end, &rtt[n]); n++)
		;
	assert_int_equal(n, 4);
	assert_int_equal(rtt[0], 76 * US);
	assert_int_equal(rtt[2], -1);
	assert_int_equal(rtt[3], 31 * US);
	assert_int_equal(line("127.0.0.1 : 0.019 0.03x -").kind, MB_PINGLINE_OTHER);
	assert_int_equal(line("127.0.0.1 : ").kind, MB_PINGLINE_OTHER);
}

/* ---- series ----------------------------------------------------------- */

/* busybox: the first probe is 0, the footer's 5 sent are 0-4. */
static void busybox_series(void **state)
{
	struct mb_pinglog *p = log_of(MB_PING_AUTO,
		"PING 10.0.0.1 (10.0.0.1): 56 data bytes\n"
		"64 bytes from 10.0.0.1: seq=0 ttl=64 time=0.400 ms\n"
		"64 bytes from 10.0.0.1: seq=2 ttl=64 time=0.400 ms\n"
		"\n--- 10.0.0.1 ping statistics ---\n"
		"5 packets transmitted, 2 packets received, 60% packet loss\n"
		"round-trip min/avg/max = 0.400/0.400/0.400 ms\n");
	struct mb_pinglog_info i = info_of(p);
	int64_t iv;

	(void)state;
	assert_int_equal(i.format, MB_PING_BUSYBOX);
	assert_string_equal(i.target, "10.0.0.1");
	assert_int_equal(i.first_seq, 0);
	assert_int_equal(i.last_seq, 4);
	assert_int_equal(i.probes, 5);
	assert_int_equal(i.ignored, 0);
	assert_series(p, 10 * MS, "0+1-2+3-4-");
	/* No time in busybox's footer: nothing to measure. */
	assert_int_equal(mb_pinglog_footer_interval(p, &iv), -1);
	mb_pinglog_free(p);
}

/* busybox's seq wraps at 16 bits like iputils': 65535 then 0 is 65536. */
static void busybox_wrap(void **state)
{
	struct mb_pinglog *p = log_of(MB_PING_AUTO,
		"64 bytes from 10.0.0.1: seq=65534 ttl=64 time=0.4 ms\n"
		"64 bytes from 10.0.0.1: seq=0 ttl=64 time=0.4 ms\n");
	struct mb_pinglog_info i = info_of(p);

	(void)state;
	assert_int_equal(i.first_seq, 65534);
	assert_int_equal(i.last_seq, 65536);
	assert_series(p, 10 * MS, "65534+65535-65536+");
	mb_pinglog_free(p);
}

/* fping: [N] as it is, timeouts sent and unanswered, real times from -D,
 * another target's lines ignored, a jump no run makes ignored. */
static void fping_series(void **state)
{
	struct mb_pinglog *p = log_of(MB_PING_AUTO,
		"[1700000000.00040] 10.0.0.1 : [0], 64 bytes, 0.400 ms (0.400 avg, 0% loss)\n"
		"[1700000000.02000] 10.0.0.1 : [1], timed out (0.400 avg, 50% loss)\n"
		"[1700000000.02040] 10.0.0.1 : [2], 64 bytes, 0.400 ms (0.400 avg, 33% loss)\n"
		"[1700000000.02050] 10.0.0.9 : [2], 64 bytes, 0.500 ms (0.500 avg, 0% loss)\n"
		"[1700000000.03040] 10.0.0.1 : [99999999], 64 bytes, 0.400 ms (0.4 avg, 0% loss)\n"
		"[1700000000.03040] 10.0.0.1 : [3], 64 bytes, 0.400 ms (0.400 avg, 25% loss)\n"
		"\n"
		"10.0.0.1 : xmt/rcv/%loss = 5/3/40%, min/avg/max = 0.400/0.400/0.400\n");
	struct mb_pinglog_info i = info_of(p);
	int64_t iv;
	uint64_t pairs;

	(void)state;
	assert_int_equal(i.format, MB_PING_FPING);
	assert_string_equal(i.target, "10.0.0.1");
	assert_true(i.stamped);
	assert_int_equal(i.replies, 3);
	assert_int_equal(i.no_answer, 1);
	assert_int_equal(i.other_target, 1);
	assert_int_equal(i.ignored, 2);
	assert_int_equal(i.ignored_line[0], 4);
	assert_int_equal(i.ignored_line[1], 5);
	/* 5 sent: 0-4, the last after the last line. */
	assert_int_equal(i.first_seq, 0);
	assert_int_equal(i.last_seq, 4);
	assert_series(p, 10 * MS, "0+1-2+3+4-");
	/* Sends 0, 20, 30 ms: steps 20 (0 to 2 skips 1: not a pair) - 10. */
	assert_int_equal(mb_pinglog_infer_interval(p, &iv, &pairs), 0);
	assert_int_equal(iv, 10 * MS);
	assert_int_equal(pairs, 1);
	mb_pinglog_free(p);
}

/* fping -C -q: the column line alone is the series; its count the footer. */
static void fping_column_series(void **state)
{
	struct mb_pinglog *p = log_of(MB_PING_AUTO, "10.0.0.1 : 0.40 0.41 - 0.39 -\n");
	struct mb_pinglog_info i = info_of(p);

	(void)state;
	assert_true(i.columns);
	assert_false(i.stamped);
	assert_int_equal(i.replies, 3);
	assert_true(i.footer);
	assert_int_equal(i.transmitted, 5);
	assert_int_equal(i.received, 3);
	assert_series(p, 10 * MS, "0+1+2-3+4-");
	mb_pinglog_free(p);
	/* After per-probe lines (fping -C 2>&1): only a footer. */
	p = log_of(MB_PING_AUTO,
		   "10.0.0.1 : [0], 64 bytes, 0.40 ms (0.40 avg, 0% loss)\n"
		   "10.0.0.1 : [1], 64 bytes, 0.41 ms (0.40 avg, 0% loss)\n"
		   "\n10.0.0.1 : 0.40 0.41 -\n");
	i = info_of(p);
	assert_false(i.columns);
	assert_int_equal(i.replies, 2);
	assert_int_equal(i.transmitted, 3);
	assert_series(p, 10 * MS, "0+1+2-");
	mb_pinglog_free(p);
}

/* The first line of one program's form decides; another's are ignored,
 * and a forced format ignores every other program's lines. */
static void format_detected_or_forced(void **state)
{
	static const char mixed[] =
		"64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 time=0.4 ms\n"
		"64 bytes from 10.0.0.1: seq=2 ttl=64 time=0.4 ms\n"
		"10.0.0.1 : [3], 64 bytes, 0.40 ms (0.40 avg, 0% loss)\n"
		"64 bytes from 10.0.0.1: icmp_seq=2 ttl=64 time=0.4 ms\n";
	struct mb_pinglog *p = log_of(MB_PING_AUTO, mixed);
	struct mb_pinglog_info i = info_of(p);

	(void)state;
	assert_int_equal(i.format, MB_PING_IPUTILS);
	assert_int_equal(i.replies, 2);
	assert_int_equal(i.other_format, 2);
	assert_int_equal(i.ignored_line[0], 2);
	mb_pinglog_free(p);
	p = log_of(MB_PING_BUSYBOX, mixed);
	i = info_of(p);
	assert_int_equal(i.format, MB_PING_BUSYBOX);
	assert_int_equal(i.replies, 1);
	assert_int_equal(i.other_format, 3);
	mb_pinglog_free(p);
}

/* iputils' footer: time / (transmitted - 1), the seed's 3.08 s for 200. */
static void footer_interval(void **state)
{
	struct mb_pinglog *p = log_of(MB_PING_AUTO,
		"PING 10.0.0.1 (10.0.0.1) 56(84) bytes of data.\n"
		"64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 time=0.4 ms\n"
		"200 packets transmitted, 1 received, 99.5% packet loss, time 3080ms\n");
	int64_t iv;

	(void)state;
	assert_int_equal(mb_pinglog_footer_interval(p, &iv), 0);
	assert_int_equal(iv, 3080 * MS / 199);
	mb_pinglog_free(p);
	p = log_of(MB_PING_AUTO, "64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 time=0.4 ms\n"
				 "1 packets transmitted, 1 received, 0% packet loss, time 0ms\n");
	assert_int_equal(mb_pinglog_footer_interval(p, &iv), -1);
	mb_pinglog_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(busybox_lines),
		cmocka_unit_test(fping_lines),
		cmocka_unit_test(fping_columns),
		cmocka_unit_test(busybox_series),
		cmocka_unit_test(busybox_wrap),
		cmocka_unit_test(fping_series),
		cmocka_unit_test(fping_column_series),
		cmocka_unit_test(format_detected_or_forced),
		cmocka_unit_test(footer_interval),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
