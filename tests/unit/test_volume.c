/* Unit tests of analysis/volume.c, part two: totals, bins, throughput,
 * retransmissions and reordering, fed parsed packets directly (the header
 * parsing is test_volume_parse.c).  Every figure is asserted exactly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/volume.h"

#define MS INT64_C(1000000)
#define SEC INT64_C(1000000000)

static struct mb_pkt_info counted(enum mb_dir dir, uint64_t wire, uint64_t payload)
{
	static uint16_t next_port = 1;
	struct mb_pkt_info p = { .cls = MB_PKT_COUNTED, .dir = dir, .wire_bytes = wire,
				 .payload_bytes = payload };

	p.flow.family = 4;
	p.flow.sport = next_port++;
	p.flow.dport = 49152;
	return p;
}

/* A segment of the connection 10.0.0.1:sport -> 10.0.0.2:49200. */
static struct mb_pkt_info segment(uint16_t sport, uint32_t seq, uint64_t payload, bool syn, bool fin)
{
	struct mb_pkt_info p = { .cls = MB_PKT_COUNTED, .dir = MB_DIR_SRC_TO_DST,
				 .wire_bytes = 66 + payload, .payload_bytes = payload,
				 .seq = seq, .syn = syn, .fin = fin };

	p.flow.family = 4;
	memcpy(p.flow.src, "\x0a\x00\x00\x01", 4);
	memcpy(p.flow.dst, "\x0a\x00\x00\x02", 4);
	p.flow.sport = sport;
	p.flow.dport = 49200;
	return p;
}

static uint64_t retransmitted_after(struct mb_volume *v, struct mb_pkt_info p)
{
	struct mb_volume_totals before, after;

	mb_volume_totals(v, &before);
	mb_volume_add(v, SEC, &p);
	mb_volume_totals(v, &after);
	assert_int_equal(after.all.payload_bytes - before.all.payload_bytes, p.payload_bytes);
	return after.all.retransmitted_bytes - before.all.retransmitted_bytes;
}

static struct mb_volume *new_volume(int64_t origin, int64_t bin, size_t max_bins)
{
	struct mb_volume_config cfg = { .origin_ns = origin, .bin_ns = bin, .max_bins = max_bins };
	struct mb_volume *v = mb_volume_new(&cfg);

	assert_non_null(v);
	return v;
}

static void bad_configs(void **state)
{
	struct mb_volume_config zero_bin = { .origin_ns = 0, .bin_ns = 0, .max_bins = 10 };
	struct mb_volume_config no_bins = { .origin_ns = 0, .bin_ns = MS, .max_bins = 0 };

	(void)state;
	assert_null(mb_volume_new(&zero_bin));
	assert_null(mb_volume_new(&no_bins));
	assert_null(mb_volume_new(NULL));
	mb_volume_free(NULL);
}

/* 10 ms bins from T=1 s: 3 packets in bin 0, none in bin 1, 1 in bin 2. */
static void totals_and_bins(void **state)
{
	struct mb_volume *v = new_volume(SEC, 10 * MS, 1000);
	struct mb_pkt_info a = counted(MB_DIR_SRC_TO_DST, 65226, 65160);
	struct mb_pkt_info b = counted(MB_DIR_DST_TO_SRC, 66, 0);
	struct mb_pkt_info c = counted(MB_DIR_OTHER, 100, 34);
	struct mb_pkt_info ign = { .cls = MB_PKT_IGNORED, .wire_bytes = 99 };
	struct mb_pkt_info bad = { .cls = MB_PKT_UNPARSED, .wire_bytes = 77 };
	struct mb_volume_totals t;
	struct mb_volume_bin bin;
	size_t first, n;
	int64_t start;

	(void)state;
	assert_false(mb_volume_bin_range(v, &first, &n));
	assert_int_equal(mb_volume_reserve(v, SEC + 25 * MS), 0);
	mb_volume_add(v, SEC + 1 * MS, &a);
	mb_volume_add(v, SEC + 2 * MS, &b);
	mb_volume_add(v, SEC + 9 * MS, &c);
	mb_volume_add(v, SEC + 21 * MS, &a);
	mb_volume_add(v, SEC + 22 * MS, &ign);
	mb_volume_add(v, SEC + 23 * MS, &bad);
	mb_volume_totals(v, &t);
	assert_int_equal(t.dir[MB_DIR_SRC_TO_DST].packets, 2);
	assert_int_equal(t.dir[MB_DIR_SRC_TO_DST].wire_bytes, 2 * 65226);
	assert_int_equal(t.dir[MB_DIR_SRC_TO_DST].payload_bytes, 2 * 65160);
	assert_int_equal(t.dir[MB_DIR_DST_TO_SRC].wire_bytes, 66);
	assert_int_equal(t.dir[MB_DIR_OTHER].payload_bytes, 34);
	assert_int_equal(t.all.packets, 4);
	assert_int_equal(t.all.wire_bytes, 2 * 65226 + 66 + 100);
	assert_int_equal(t.all.payload_bytes, 2 * 65160 + 34);
	assert_int_equal(t.ignored_packets, 1);
	assert_int_equal(t.unparsed_packets, 1);
	assert_int_equal(t.unparsed_wire_bytes, 77);
	assert_int_equal(t.unbinned_packets, 0);
	assert_int_equal(t.first_ns, SEC + 1 * MS);
	assert_int_equal(t.last_ns, SEC + 21 * MS);

	assert_true(mb_volume_bin_range(v, &first, &n));
	assert_int_equal(first, 0);
	assert_int_equal(n, 3);
	mb_volume_bin(v, 0, &bin, &start);
	assert_int_equal(start, SEC);
	assert_int_equal(bin.packets, 3);
	assert_int_equal(bin.wire_bytes[MB_DIR_SRC_TO_DST], 65226);
	assert_int_equal(bin.wire_bytes[MB_DIR_DST_TO_SRC], 66);
	assert_int_equal(bin.payload_bytes[MB_DIR_OTHER], 34);
	mb_volume_bin(v, 1, &bin, &start);
	assert_int_equal(start, SEC + 10 * MS);
	assert_int_equal(bin.packets, 0);
	mb_volume_bin(v, 2, &bin, &start);
	assert_int_equal(bin.packets, 1);
	assert_int_equal(bin.payload_bytes[MB_DIR_SRC_TO_DST], 65160);
	/* Far beyond what was reserved: zeros, never a read past the end. */
	mb_volume_bin(v, 999, &bin, &start);
	assert_int_equal(bin.packets, 0);
	assert_int_equal(start, SEC + 999 * 10 * MS);
	mb_volume_free(v);
}

/* The edges of the bins: origin, unreserved, beyond max_bins. */
static void unbinned_packets_still_count(void **state)
{
	struct mb_volume *v = new_volume(SEC, MS, 2048);
	struct mb_pkt_info a = counted(MB_DIR_SRC_TO_DST, 100, 46);
	struct mb_volume_totals t;
	size_t first, n;

	(void)state;
	assert_int_equal(mb_volume_reserve(v, SEC - 1), 0);  /* before the origin: nothing */
	mb_volume_add(v, SEC, &a);                           /* not reserved yet */
	assert_int_equal(mb_volume_reserve(v, SEC), 0);      /* chunk 0: bins 0..1023 */
	mb_volume_add(v, SEC - 1, &a);                       /* before the origin */
	mb_volume_add(v, SEC, &a);                           /* bin 0 */
	mb_volume_add(v, SEC + 1023 * MS, &a);               /* bin 1023 */
	mb_volume_add(v, SEC + 1024 * MS, &a);               /* chunk 1: not reserved */
	assert_int_equal(mb_volume_reserve(v, 100 * SEC), 0); /* capped at max_bins */
	mb_volume_add(v, SEC + 2047 * MS, &a);               /* the last bin */
	mb_volume_add(v, SEC + 2048 * MS, &a);               /* beyond max_bins */
	mb_volume_totals(v, &t);
	assert_int_equal(t.all.packets, 7);
	assert_int_equal(t.all.payload_bytes, 7 * 46);
	assert_int_equal(t.unbinned_packets, 4);
	assert_int_equal(t.first_ns, SEC - 1);
	assert_int_equal(t.last_ns, SEC + 2048 * MS);
	assert_true(mb_volume_bin_range(v, &first, &n));
	assert_int_equal(first, 0);
	assert_int_equal(n, 2048);
	/* The origin is fixed once packets came. */
	assert_int_equal(mb_volume_set_origin(v, 0), -1);
	mb_volume_free(v);
}

static void origin_moves_before_packets(void **state)
{
	struct mb_volume *v = new_volume(0, 10 * MS, 100);
	struct mb_pkt_info a = counted(MB_DIR_SRC_TO_DST, 1000, 900);
	struct mb_pkt_info bad = { .cls = MB_PKT_UNPARSED, .wire_bytes = 77 };
	struct mb_volume_bin bin;
	size_t first, n;
	int64_t start;

	(void)state;
	/* An unparsed packet first (a file's record with a stamp out of
	 * range) is in no bin: the first counted one still sets the origin. */
	mb_volume_add(v, 0, &bad);
	assert_int_equal(mb_volume_set_origin(v, 5 * SEC + 3), 0);
	assert_int_equal(mb_volume_origin(v), 5 * SEC + 3);
	assert_int_equal(mb_volume_reserve(v, 5 * SEC + 3), 0);
	mb_volume_add(v, 5 * SEC + 3, &a);
	assert_true(mb_volume_bin_range(v, &first, &n));
	assert_int_equal(first, 0);
	mb_volume_bin(v, 0, &bin, &start);
	assert_int_equal(start, 5 * SEC + 3);
	assert_int_equal(bin.packets, 1);
	assert_int_equal(mb_volume_set_origin(v, 6 * SEC), -1);
	assert_int_equal(mb_volume_origin(v), 5 * SEC + 3);
	mb_volume_free(v);
}

/* 10 ms bins: 1,250,000 bytes in bin 3 and 250,000 in bin 5, none in 4.
 * span = bins 3..5 = 30 ms; average = 1.5e6 B * 8 / 0.03 s = 400 Mbit/s;
 * peak = 1.25e6 B * 8 / 0.01 s = 1 Gbit/s, in bin 3. */
static void throughput(void **state)
{
	struct mb_volume *v = new_volume(0, 10 * MS, 100);
	struct mb_pkt_info big = counted(MB_DIR_SRC_TO_DST, 625000, 600000);
	struct mb_pkt_info small = counted(MB_DIR_DST_TO_SRC, 250000, 0);
	struct mb_volume_rate r;

	(void)state;
	mb_volume_rate(v, &r);
	assert_false(r.have);
	assert_int_equal(r.first_ns, -1);
	assert_int_equal(mb_volume_reserve(v, SEC), 0);
	mb_volume_add(v, 30 * MS, &big);
	mb_volume_add(v, 39 * MS, &big);
	mb_volume_add(v, 59 * MS, &small);
	mb_volume_rate(v, &r);
	assert_true(r.have);
	assert_int_equal(r.bin_ns, 10 * MS);
	assert_int_equal(r.first_ns, 30 * MS);
	assert_int_equal(r.end_ns, 60 * MS);
	assert_int_equal(r.bins_with_traffic, 2);
	assert_int_equal(r.wire_bytes, 1500000);
	assert_float_equal(r.avg_bit_per_s, 400e6, 1e-3);
	assert_float_equal(r.peak_bit_per_s, 1e9, 1e-3);
	assert_int_equal(r.peak_ns, 30 * MS);
	mb_volume_free(v);
}

/* Sequence numbers tell a retransmission from new data, per connection and
 * direction, across the 32-bit wrap. */
static void retransmissions(void **state)
{
	struct mb_volume *v = new_volume(0, 10 * MS, 1000);
	struct mb_volume_totals t;
	struct mb_pkt_info ack = segment(40001, 7, 0, false, false);

	(void)state;
	/* SYN at 5000: data from 5001. */
	assert_int_equal(retransmitted_after(v, segment(40001, 5000, 0, true, false)), 0);
	assert_int_equal(retransmitted_after(v, segment(40001, 5001, 100, false, false)), 0);
	assert_int_equal(retransmitted_after(v, segment(40001, 5101, 100, false, false)), 0);
	assert_int_equal(retransmitted_after(v, segment(40001, 5001, 100, false, false)), 100);
	/* Overlaps the end of what was sent: 50 old, 50 new. */
	assert_int_equal(retransmitted_after(v, segment(40001, 5151, 100, false, false)), 50);
	/* A 1-byte keep-alive probe below the high mark. */
	assert_int_equal(retransmitted_after(v, segment(40001, 5250, 1, false, false)), 1);
	/* Data with FIN, then the FIN again. */
	assert_int_equal(retransmitted_after(v, segment(40001, 5251, 10, false, true)), 0);
	assert_int_equal(retransmitted_after(v, segment(40001, 5251, 10, false, true)), 10);
	/* A bare ACK with any sequence changes nothing. */
	mb_volume_add(v, SEC, &ack);
	/* Another connection, first seen mid-stream, across the wrap. */
	assert_int_equal(retransmitted_after(v, segment(40002, 0xffffff00u, 0x200, false, false)), 0);
	assert_int_equal(retransmitted_after(v, segment(40002, 0xffffff80u, 0x100, false, false)), 0x100);
	assert_int_equal(retransmitted_after(v, segment(40002, 0x100, 0x10, false, false)), 0);
	/* The first connection is still followed. */
	assert_int_equal(retransmitted_after(v, segment(40001, 5262, 5, false, false)), 0);
	mb_volume_totals(v, &t);
	assert_int_equal(t.dir[MB_DIR_SRC_TO_DST].retransmitted_bytes, 100 + 50 + 1 + 10 + 0x100);
	assert_int_equal(t.untracked_packets, 0);
	/* Two data connections, each counted once; the bare ACK's none. */
	assert_int_equal(t.dir[MB_DIR_SRC_TO_DST].connections, 2);
	assert_int_equal(t.all.connections, 2);
	assert_int_equal(t.dir[MB_DIR_DST_TO_SRC].connections, 0);
	mb_volume_free(v);
}

/* Out of order at the capture point is not a retransmission: the late
 * segment fills a hole below the high mark. */
static void reordering(void **state)
{
	struct mb_volume *v = new_volume(0, 10 * MS, 1000);
	struct mb_volume_totals t;

	(void)state;
	assert_int_equal(retransmitted_after(v, segment(1, 1000, 100, false, false)), 0);
	assert_int_equal(retransmitted_after(v, segment(1, 1200, 100, false, false)), 0); /* hole 1100-1200 */
	assert_int_equal(retransmitted_after(v, segment(1, 1100, 100, false, false)), 0); /* fills it */
	assert_int_equal(retransmitted_after(v, segment(1, 1100, 100, false, false)), 100);
	/* A hole split in two by a segment in its middle, then filled whole. */
	assert_int_equal(retransmitted_after(v, segment(1, 1800, 100, false, false)), 0); /* hole 1300-1800 */
	assert_int_equal(retransmitted_after(v, segment(1, 1500, 100, false, false)), 0); /* 1300-1500, 1600-1800 */
	/* 1300-1900: 400 from the holes, 1500-1600 and 1800-1900 seen before. */
	assert_int_equal(retransmitted_after(v, segment(1, 1300, 600, false, false)), 200);
	assert_int_equal(retransmitted_after(v, segment(1, 1250, 100, false, false)), 100);
	/* One gap more than there is room for: the oldest hole (1900-2000)
	 * is forgotten, its bytes then count as seen. */
	for (uint32_t k = 0; k < MB_VOLUME_MAX_HOLES + 1; k++)
		assert_int_equal(retransmitted_after(v, segment(1, 2000 + 200 * k, 100, false, false)), 0);
	mb_volume_totals(v, &t);
	assert_int_equal(t.forgotten_holes, 1);
	assert_int_equal(retransmitted_after(v, segment(1, 1900, 100, false, false)), 100);
	assert_int_equal(retransmitted_after(v, segment(1, 2100, 100, false, false)), 0);
	assert_int_equal(retransmitted_after(v, segment(1, 1900 + 200 * MB_VOLUME_MAX_HOLES, 100, false, false)), 0);
	/* A segment across a hole's edge: the hole part is new, the rest not. */
	assert_int_equal(retransmitted_after(v, segment(1, 2250, 100, false, false)), 50);
	mb_volume_totals(v, &t);
	assert_int_equal(t.all.retransmitted_bytes, 100 + 200 + 100 + 100 + 50);
	mb_volume_free(v);
}

/* With every hole slot taken, a segment inside a hole cannot split it: the
 * hole's upper part is forgotten (its bytes will count as seen). */
static void hole_split_without_room(void **state)
{
	struct mb_volume *v = new_volume(0, 10 * MS, 1000);
	struct mb_volume_totals t;
	uint32_t last_hole = 1000 + 200 * (MB_VOLUME_MAX_HOLES - 1) + 100;

	(void)state;
	/* segments at 1000, 1200, ...: holes 1100-1200, 1300-1400, ... */
	for (uint32_t k = 0; k < MB_VOLUME_MAX_HOLES + 1; k++)
		assert_int_equal(retransmitted_after(v, segment(2, 1000 + 200 * k, 100, false, false)), 0);
	mb_volume_totals(v, &t);
	assert_int_equal(t.forgotten_holes, 0);
	/* 1120-1140 in the middle of 1100-1200: 1140-1200 is forgotten */
	assert_int_equal(retransmitted_after(v, segment(2, 1120, 20, false, false)), 0);
	mb_volume_totals(v, &t);
	assert_int_equal(t.forgotten_holes, 1);
	assert_int_equal(retransmitted_after(v, segment(2, 1100, 20, false, false)), 0);
	assert_int_equal(retransmitted_after(v, segment(2, 1140, 60, false, false)), 60);
	assert_int_equal(retransmitted_after(v, segment(2, last_hole, 100, false, false)), 0);
	mb_volume_free(v);
}

/* Beyond MB_VOLUME_MAX_FLOWS connections: counted, unique, untracked. */
static void too_many_flows(void **state)
{
	struct mb_volume *v = new_volume(0, 10 * MS, 1000);
	struct mb_volume_totals t;

	(void)state;
	for (unsigned i = 0; i <= MB_VOLUME_MAX_FLOWS; i++)
		assert_int_equal(retransmitted_after(v, segment((uint16_t)(1000 + i), 1, 10, false, false)), 0);
	/* A resend on a followed flow is still seen; on the extra one it is not. */
	assert_int_equal(retransmitted_after(v, segment(1000, 1, 10, false, false)), 10);
	assert_int_equal(retransmitted_after(v, segment((uint16_t)(1000 + MB_VOLUME_MAX_FLOWS), 1, 10, false, false)), 0);
	mb_volume_totals(v, &t);
	assert_int_equal(t.untracked_packets, 2);
	assert_int_equal(t.all.packets, MB_VOLUME_MAX_FLOWS + 3);
	assert_int_equal(t.all.connections, MB_VOLUME_MAX_FLOWS);
	mb_volume_free(v);
}

static void bitrates(void **state)
{
	static const struct {
		double bps;
		const char *text;
	} cases[] = {
		{ 0, "0 bit/s" }, { 120, "120 bit/s" }, { 999, "999 bit/s" },
		{ 1000, "1.00 kbit/s" }, { 812.4e6, "812 Mbit/s" }, { 9.414e9, "9.41 Gbit/s" },
		{ 10.7e9, "10.7 Gbit/s" }, { 999.4e6, "999 Mbit/s" }, { 999.6e6, "1.00 Gbit/s" },
		{ 2e15, "2000 Tbit/s" },
	};
	char buf[32];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		mb_format_bitrate(cases[i].bps, buf, sizeof(buf));
		assert_string_equal(buf, cases[i].text);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bad_configs),
		cmocka_unit_test(totals_and_bins),
		cmocka_unit_test(unbinned_packets_still_count),
		cmocka_unit_test(origin_moves_before_packets),
		cmocka_unit_test(throughput),
		cmocka_unit_test(retransmissions),
		cmocka_unit_test(reordering),
		cmocka_unit_test(hole_split_without_room),
		cmocka_unit_test(too_many_flows),
		cmocka_unit_test(bitrates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
