/* Unit tests of analysis/volume.c, part one: header parsing on hand-built
 * packets (links, VLAN tags, IPv4 and IPv6, TCP), stamps and directions.
 * Totals, bins and throughput are in test_volume.c.  Every figure is
 * asserted exactly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/volume.h"

#define MS INT64_C(1000000)
#define SEC INT64_C(1000000000)

#define SRC4 "10.213.1.11"
#define DST4 "10.213.1.12"
#define SRC6 "fd00::11"
#define DST6 "fd00::12"

/* ---- a packet builder --------------------------------------------------- */

struct pkt {
	uint8_t b[256];
	size_t len; /* bytes built = what a capture holds */
};

static void put16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put_zero(struct pkt *p, size_t n)
{
	assert_true(p->len + n <= sizeof(p->b));
	memset(p->b + p->len, 0, n);
	p->len += n;
}

static void eth(struct pkt *p, unsigned type)
{
	put_zero(p, 12); /* MACs */
	put16(p->b + p->len, type);
	p->len += 2;
}

static void vlan(struct pkt *p, unsigned tpid_after)
{
	/* Called after eth(p, 0x8100): TCI then the inner type. */
	put16(p->b + p->len, 42);
	put16(p->b + p->len + 2, tpid_after);
	p->len += 4;
}

static void addr(const char *text, uint8_t *out)
{
	struct mb_ip_addr a;

	assert_int_equal(mb_ip_addr_parse(text, &a), 0);
	memcpy(out, a.bytes, a.family == 4 ? 4 : 16);
}

/* IPv4 header of ihl_words*4 bytes, total length tot, protocol proto. */
static void ipv4(struct pkt *p, const char *src, const char *dst, unsigned tot,
		 unsigned proto, unsigned ihl_words, unsigned frag)
{
	uint8_t *h = p->b + p->len;

	put_zero(p, ihl_words * 4);
	h[0] = (uint8_t)(0x40 | ihl_words);
	put16(h + 2, tot);
	put16(h + 6, frag);
	h[8] = 64;
	h[9] = (uint8_t)proto;
	addr(src, h + 12);
	addr(dst, h + 16);
}

static void ipv6(struct pkt *p, const char *src, const char *dst, unsigned plen, unsigned nh)
{
	uint8_t *h = p->b + p->len;

	put_zero(p, 40);
	h[0] = 0x60;
	put16(h + 4, plen);
	h[6] = (uint8_t)nh;
	h[7] = 64;
	addr(src, h + 8);
	addr(dst, h + 24);
}

/* An extension header of 8*(1+len8) bytes whose next header is nh. */
static void ipv6_ext(struct pkt *p, unsigned nh, unsigned len8)
{
	uint8_t *h = p->b + p->len;

	put_zero(p, 8 * (1 + len8));
	h[0] = (uint8_t)nh;
	h[1] = (uint8_t)len8;
}

static void tcp(struct pkt *p, unsigned sport, unsigned dport, unsigned doff_words)
{
	uint8_t *h = p->b + p->len;

	put_zero(p, doff_words * 4);
	put16(h, sport);
	put16(h + 2, dport);
	h[12] = (uint8_t)(doff_words << 4);
	h[13] = 0x10; /* ACK */
}

static struct mb_volume_match match(const char *src)
{
	struct mb_volume_match m = { .port_lo = 49152, .port_hi = 49261 };

	if (src)
		assert_int_equal(mb_ip_addr_parse(src, &m.src), 0);
	return m;
}

static struct mb_pkt_info parse(const struct mb_volume_match *m, enum mb_linktype link,
				const struct pkt *p, size_t caplen, uint64_t wire)
{
	struct mb_pkt_info info;

	mb_volume_parse(m, link, p->b, caplen, wire, &info);
	assert_int_equal(info.wire_bytes, wire);
	return info;
}

static void assert_counted(const struct mb_pkt_info *i, enum mb_dir dir, uint64_t payload)
{
	assert_int_equal(i->cls, MB_PKT_COUNTED);
	assert_int_equal(i->dir, dir);
	assert_int_equal(i->payload_bytes, payload);
}

/* ---- parsing -------------------------------------------------------------- */

/* A GRO super-packet: 128 bytes captured of 65226 on the wire; the IP
 * length says 65212 = 20 IP + 32 TCP + 65160 payload. */
static void ipv4_super_packet(void **state)
{
	struct mb_volume_match m = match(SRC4);
	struct pkt p = { .len = 0 };
	struct mb_pkt_info i;

	(void)state;
	eth(&p, 0x0800);
	ipv4(&p, SRC4, DST4, 65212, 6, 5, 0x4000 /* DF */);
	tcp(&p, 40001, 49200, 8);
	put16(p.b + 34 + 4, 0x0102);
	put16(p.b + 34 + 6, 0x0304);
	p.b[34 + 13] = 0x11; /* ACK FIN */
	put_zero(&p, 128 - p.len);
	i = parse(&m, MB_LINK_ETHERNET, &p, 128, 65226);
	assert_counted(&i, MB_DIR_SRC_TO_DST, 65160);
	assert_int_equal(i.sport, 40001);
	assert_int_equal(i.dport, 49200);
	assert_int_equal(i.seq, 0x01020304);
	assert_false(i.syn);
	assert_true(i.fin);
	assert_int_equal(i.flow.family, 4);
	assert_memory_equal(i.flow.src, "\x0a\xd5\x01\x0b", 4);
	assert_memory_equal(i.flow.dst, "\x0a\xd5\x01\x0c", 4);
	assert_int_equal(i.flow.sport, 40001);
	assert_int_equal(i.flow.dport, 49200);
}

/* A bare ACK back, padded to the 60-byte Ethernet minimum on the wire: the
 * padding is wire bytes, never payload. */
static void ipv4_padded_ack(void **state)
{
	struct mb_volume_match m = match(SRC4);
	struct pkt p = { .len = 0 };
	struct mb_pkt_info i;

	(void)state;
	eth(&p, 0x0800);
	ipv4(&p, DST4, SRC4, 40, 6, 5, 0x4000);
	tcp(&p, 49200, 40001, 5);
	put_zero(&p, 6);
	i = parse(&m, MB_LINK_ETHERNET, &p, p.len, 60);
	assert_counted(&i, MB_DIR_DST_TO_SRC, 0);
}

static void ipv4_options_and_vlans(void **state)
{
	struct mb_volume_match m = match(SRC4);
	struct pkt p = { .len = 0 }, q = { .len = 0 };
	struct mb_pkt_info i;

	(void)state;
	/* One 802.1Q tag, 8 bytes of IP options, 12 of TCP options. */
	eth(&p, 0x8100);
	vlan(&p, 0x0800);
	ipv4(&p, SRC4, DST4, 28 + 32 + 1000, 6, 7, 0);
	tcp(&p, 40001, 49152, 8);
	i = parse(&m, MB_LINK_ETHERNET, &p, p.len, 18 + 28 + 32 + 1000);
	assert_counted(&i, MB_DIR_SRC_TO_DST, 1000);
	/* 802.1ad outside 802.1Q. */
	eth(&q, 0x88a8);
	vlan(&q, 0x8100);
	vlan(&q, 0x0800);
	ipv4(&q, SRC4, DST4, 20 + 20 + 7, 6, 5, 0);
	tcp(&q, 40001, 49261, 5);
	i = parse(&m, MB_LINK_ETHERNET, &q, q.len, q.len + 7);
	assert_counted(&i, MB_DIR_SRC_TO_DST, 7);
}

/* BIG TCP: an IPv4 length of 0 means "beyond 64 KiB": the wire knows. */
static void ipv4_big_tcp(void **state)
{
	struct mb_volume_match m = match(SRC4);
	struct pkt p = { .len = 0 };
	struct mb_pkt_info i;

	(void)state;
	eth(&p, 0x0800);
	ipv4(&p, SRC4, DST4, 0, 6, 5, 0x4000);
	tcp(&p, 40001, 49200, 5);
	i = parse(&m, MB_LINK_ETHERNET, &p, p.len, 14 + 20 + 20 + 150000);
	assert_counted(&i, MB_DIR_SRC_TO_DST, 150000);
}

static void ipv6_extension_headers(void **state)
{
	struct mb_volume_match m = match(SRC6);
	struct pkt p = { .len = 0 };
	struct mb_pkt_info i;

	(void)state;
	/* hop-by-hop (8 bytes) -> destination options (16) -> TCP (20). */
	eth(&p, 0x86dd);
	ipv6(&p, DST6, SRC6, 8 + 16 + 20 + 3000, 0);
	ipv6_ext(&p, 60, 0);
	ipv6_ext(&p, 6, 1);
	tcp(&p, 49200, 40001, 5);
	i = parse(&m, MB_LINK_ETHERNET, &p, p.len, 14 + 40 + 8 + 16 + 20 + 3000);
	assert_counted(&i, MB_DIR_DST_TO_SRC, 3000);
}

static void ipv6_jumbo_and_fragment(void **state)
{
	struct mb_volume_match m = match(SRC6);
	struct pkt j = { .len = 0 }, f = { .len = 0 };
	struct mb_pkt_info i;

	(void)state;
	/* Payload length 0 behind a hop-by-hop header: a jumbogram. */
	eth(&j, 0x86dd);
	ipv6(&j, SRC6, DST6, 0, 0);
	ipv6_ext(&j, 6, 0);
	tcp(&j, 40001, 49200, 5);
	i = parse(&m, MB_LINK_ETHERNET, &j, j.len, 14 + 40 + 8 + 20 + 100000);
	assert_counted(&i, MB_DIR_SRC_TO_DST, 100000);
	/* A fragment header: the TCP header may be anywhere. */
	eth(&f, 0x86dd);
	ipv6(&f, SRC6, DST6, 8 + 20 + 10, 44);
	ipv6_ext(&f, 6, 0);
	tcp(&f, 40001, 49200, 5);
	i = parse(&m, MB_LINK_ETHERNET, &f, f.len, f.len + 10);
	assert_int_equal(i.cls, MB_PKT_UNPARSED);
	assert_int_equal(i.payload_bytes, 0);
}

/* The other link types carry the same packet behind other headers. */
static void linux_cooked_and_raw(void **state)
{
	struct mb_volume_match m = match(SRC4);
	struct pkt sll = { .len = 0 }, sll2 = { .len = 0 }, raw = { .len = 0 }, raw6 = { .len = 0 };
	struct mb_pkt_info i;
	struct mb_volume_match m6 = match(SRC6);

	(void)state;
	put_zero(&sll, 14);
	put16(sll.b + 14, 0x0800);
	sll.len = 16;
	ipv4(&sll, SRC4, DST4, 40 + 500, 6, 5, 0);
	tcp(&sll, 40001, 49200, 5);
	i = parse(&m, MB_LINK_LINUX_SLL, &sll, sll.len, 16 + 540);
	assert_counted(&i, MB_DIR_SRC_TO_DST, 500);

	put_zero(&sll2, 20);
	put16(sll2.b, 0x0800);
	ipv4(&sll2, DST4, SRC4, 40 + 9, 6, 5, 0);
	tcp(&sll2, 49200, 40001, 5);
	i = parse(&m, MB_LINK_LINUX_SLL2, &sll2, sll2.len, 20 + 49);
	assert_counted(&i, MB_DIR_DST_TO_SRC, 9);

	ipv4(&raw, SRC4, DST4, 40 + 1, 6, 5, 0);
	tcp(&raw, 40001, 49200, 5);
	i = parse(&m, MB_LINK_RAW, &raw, raw.len, 41);
	assert_counted(&i, MB_DIR_SRC_TO_DST, 1);

	ipv6(&raw6, SRC6, DST6, 20 + 2, 6);
	tcp(&raw6, 40001, 49200, 5);
	i = parse(&m6, MB_LINK_RAW, &raw6, raw6.len, 62);
	assert_counted(&i, MB_DIR_SRC_TO_DST, 2);
}

static void not_ours_is_ignored(void **state)
{
	struct mb_volume_match m = match(SRC4);
	struct pkt udp = { .len = 0 }, out = { .len = 0 }, edge = { .len = 0 };
	struct mb_pkt_info i;

	(void)state;
	eth(&udp, 0x0800);
	ipv4(&udp, SRC4, DST4, 28 + 100, 17, 5, 0);
	put_zero(&udp, 8);
	i = parse(&m, MB_LINK_ETHERNET, &udp, udp.len, 142);
	assert_int_equal(i.cls, MB_PKT_IGNORED);

	/* Both ports outside, one either side of the range. */
	eth(&out, 0x0800);
	ipv4(&out, SRC4, DST4, 40 + 100, 6, 5, 0);
	tcp(&out, 49151, 49262, 5);
	i = parse(&m, MB_LINK_ETHERNET, &out, out.len, 154);
	assert_int_equal(i.cls, MB_PKT_IGNORED);
	assert_int_equal(i.payload_bytes, 0);

	/* The range's own edges are inside. */
	eth(&edge, 0x0800);
	ipv4(&edge, SRC4, DST4, 40, 6, 5, 0);
	tcp(&edge, 49261, 1, 5);
	i = parse(&m, MB_LINK_ETHERNET, &edge, edge.len, 54);
	assert_int_equal(i.cls, MB_PKT_COUNTED);
}

static void broken_headers_are_unparsed(void **state)
{
	struct mb_volume_match m = match(SRC4);
	struct pkt p = { .len = 0 };
	struct mb_pkt_info i;
	size_t ip_at = 14, tcp_at = 34;

	(void)state;
	eth(&p, 0x0800);
	ipv4(&p, SRC4, DST4, 40 + 100, 6, 5, 0x4000);
	tcp(&p, 40001, 49200, 5);
	/* The capture ends inside the Ethernet, IP and TCP headers. */
	for (size_t cap = 0; cap < tcp_at + 14; cap++) {
		i = parse(&m, MB_LINK_ETHERNET, &p, cap, 154);
		assert_int_equal(i.cls, MB_PKT_UNPARSED);
	}
	i = parse(&m, MB_LINK_ETHERNET, &p, tcp_at + 14, 154);
	assert_counted(&i, MB_DIR_SRC_TO_DST, 100);
	/* An IP length longer than the wire length. */
	i = parse(&m, MB_LINK_ETHERNET, &p, p.len, 14 + 139);
	assert_int_equal(i.cls, MB_PKT_UNPARSED);
	/* A TCP data offset below 5 words. */
	p.b[tcp_at + 12] = 0x40;
	i = parse(&m, MB_LINK_ETHERNET, &p, p.len, 154);
	assert_int_equal(i.cls, MB_PKT_UNPARSED);
	p.b[tcp_at + 12] = 0x50;
	/* An IP header length below 20 bytes. */
	p.b[ip_at] = 0x44;
	i = parse(&m, MB_LINK_ETHERNET, &p, p.len, 154);
	assert_int_equal(i.cls, MB_PKT_UNPARSED);
	p.b[ip_at] = 0x45;
	/* An IP length shorter than its headers. */
	put16(p.b + ip_at + 2, 39);
	i = parse(&m, MB_LINK_ETHERNET, &p, p.len, 154);
	assert_int_equal(i.cls, MB_PKT_UNPARSED);
	put16(p.b + ip_at + 2, 140);
	/* A fragment: MF set, then an offset. */
	put16(p.b + ip_at + 6, 0x2000);
	i = parse(&m, MB_LINK_ETHERNET, &p, p.len, 154);
	assert_int_equal(i.cls, MB_PKT_UNPARSED);
	put16(p.b + ip_at + 6, 0x0010);
	i = parse(&m, MB_LINK_ETHERNET, &p, p.len, 154);
	assert_int_equal(i.cls, MB_PKT_UNPARSED);
	/* IPv4 ethertype with an IPv6 version nibble. */
	put16(p.b + ip_at + 6, 0);
	p.b[ip_at] = 0x65;
	i = parse(&m, MB_LINK_ETHERNET, &p, p.len, 154);
	assert_int_equal(i.cls, MB_PKT_UNPARSED);
}

/* Every tag the filter looks through, on Ethernet and Linux cooked v1: the
 * same packet behind 0, 1 and 2 tags counts the same payload, with the
 * wire length (tags included) as reported. */
static void vlan_tags(void **state)
{
	static const unsigned tags[][2] = {
		{ 0x8100, 0 }, { 0x88a8, 0 }, { 0x9100, 0 },
		{ 0x88a8, 0x8100 }, { 0x8100, 0x8100 }, { 0x9100, 0x8100 },
	};
	struct mb_volume_match m = match(SRC4);
	struct mb_volume_match m6 = match(SRC6);
	struct mb_pkt_info i;

	(void)state;
	for (size_t k = 0; k < sizeof(tags) / sizeof(tags[0]); k++) {
		struct pkt e = { .len = 0 }, c = { .len = 0 }, e6 = { .len = 0 };

		eth(&e, tags[k][0]);
		if (tags[k][1])
			vlan(&e, tags[k][1]);
		vlan(&e, 0x0800);
		ipv4(&e, SRC4, DST4, 40 + 1448, 6, 5, 0x4000);
		tcp(&e, 40001, 49152, 5);
		i = parse(&m, MB_LINK_ETHERNET, &e, e.len, e.len + 1448);
		assert_counted(&i, MB_DIR_SRC_TO_DST, 1448);
		assert_int_equal(i.dport, 49152);

		put_zero(&c, 14);
		put16(c.b + c.len, tags[k][0]);
		c.len += 2;
		if (tags[k][1])
			vlan(&c, tags[k][1]);
		vlan(&c, 0x0800);
		ipv4(&c, DST4, SRC4, 40 + 3, 6, 5, 0);
		tcp(&c, 49152, 40001, 5);
		i = parse(&m, MB_LINK_LINUX_SLL, &c, c.len, c.len + 3);
		assert_counted(&i, MB_DIR_DST_TO_SRC, 3);

		eth(&e6, tags[k][0]);
		if (tags[k][1])
			vlan(&e6, tags[k][1]);
		vlan(&e6, 0x86dd);
		ipv6(&e6, SRC6, DST6, 20 + 9000, 6);
		tcp(&e6, 40001, 49261, 5);
		i = parse(&m6, MB_LINK_ETHERNET, &e6, e6.len, e6.len + 9000);
		assert_counted(&i, MB_DIR_SRC_TO_DST, 9000);
	}
}

/* What the filter passes but the parser cannot read: a capture that ends
 * inside a tag, a third tag, a type that is not IP behind the tags. */
static void vlan_tags_broken(void **state)
{
	struct mb_volume_match m = match(SRC4);
	struct pkt q = { .len = 0 }, three = { .len = 0 }, arp = { .len = 0 }, raw = { .len = 0 };
	struct mb_pkt_info i;

	(void)state;
	eth(&q, 0x88a8);
	vlan(&q, 0x8100);
	vlan(&q, 0x0800);
	ipv4(&q, SRC4, DST4, 40 + 100, 6, 5, 0);
	tcp(&q, 40001, 49200, 5);
	for (size_t cap = 0; cap < 22 + 20 + 14; cap++) { /* two tags, IP, TCP */
		i = parse(&m, MB_LINK_ETHERNET, &q, cap, q.len + 100);
		assert_int_equal(i.cls, MB_PKT_UNPARSED);
		assert_int_equal(i.payload_bytes, 0);
	}
	i = parse(&m, MB_LINK_ETHERNET, &q, 22 + 20 + 14, q.len + 100);
	assert_counted(&i, MB_DIR_SRC_TO_DST, 100);
	/* The wire length shorter than the tagged frame's headers say. */
	i = parse(&m, MB_LINK_ETHERNET, &q, q.len, q.len + 99);
	assert_int_equal(i.cls, MB_PKT_UNPARSED);

	eth(&three, 0x88a8);
	vlan(&three, 0x8100);
	vlan(&three, 0x8100);
	vlan(&three, 0x0800);
	ipv4(&three, SRC4, DST4, 40, 6, 5, 0);
	tcp(&three, 40001, 49200, 5);
	i = parse(&m, MB_LINK_ETHERNET, &three, three.len, three.len);
	assert_int_equal(i.cls, MB_PKT_UNPARSED);

	eth(&arp, 0x8100);
	vlan(&arp, 0x0806);
	put_zero(&arp, 28);
	i = parse(&m, MB_LINK_ETHERNET, &arp, arp.len, 46);
	assert_int_equal(i.cls, MB_PKT_UNPARSED);
	assert_int_equal(i.wire_bytes, 46);

	/* Raw IP with a version that is neither 4 nor 6. */
	ipv4(&raw, SRC4, DST4, 40, 6, 5, 0);
	tcp(&raw, 40001, 49200, 5);
	raw.b[0] = 0x55;
	i = parse(&m, MB_LINK_RAW, &raw, raw.len, raw.len);
	assert_int_equal(i.cls, MB_PKT_UNPARSED);
}

/* A record's time: exact in range, refused (never overflowed) outside,
 * as a pcapng timestamp of 2^64 - 1 ns is (18446744073 s). */
static void stamps(void **state)
{
	int64_t t = 42;

	(void)state;
	assert_int_equal(mb_volume_stamp_ns(1700000000, 123456789, SEC, &t), 0);
	assert_int_equal(t, INT64_C(1700000000123456789));
	assert_int_equal(mb_volume_stamp_ns(1700000000, 999999, 1000000, &t), 0);
	assert_int_equal(t, INT64_C(1700000000999999000));
	assert_int_equal(mb_volume_stamp_ns(0, 0, SEC, &t), 0);
	assert_int_equal(t, 0);
	/* The last representable stamp, and the first one past it. */
	assert_int_equal(mb_volume_stamp_ns(4611686018, 427387903, SEC, &t), 0);
	assert_int_equal(t, MB_VOLUME_MAX_STAMP_NS - 1);
	t = 42;
	assert_int_equal(mb_volume_stamp_ns(4611686018, 427387904, SEC, &t), -1);
	assert_int_equal(mb_volume_stamp_ns(4611686019, 0, SEC, &t), -1);
	assert_int_equal(mb_volume_stamp_ns(INT64_C(18446744073), 709551615, SEC, &t), -1);
	assert_int_equal(mb_volume_stamp_ns(INT64_MAX, 0, SEC, &t), -1);
	assert_int_equal(mb_volume_stamp_ns(INT64_MIN, 0, SEC, &t), -1);
	assert_int_equal(mb_volume_stamp_ns(-1, 999999999, SEC, &t), -1);
	/* A sub-second part out of its unit's range (a classic pcap's is raw). */
	assert_int_equal(mb_volume_stamp_ns(1, SEC, SEC, &t), -1);
	assert_int_equal(mb_volume_stamp_ns(1, 1000000, 1000000, &t), -1);
	assert_int_equal(mb_volume_stamp_ns(1, INT64_MAX, 1000000, &t), -1);
	assert_int_equal(mb_volume_stamp_ns(1, -1, SEC, &t), -1);
	/* Units that do not divide a second into whole ns. */
	assert_int_equal(mb_volume_stamp_ns(1, 0, 0, &t), -1);
	assert_int_equal(mb_volume_stamp_ns(1, 0, 3, &t), -1);
	assert_int_equal(mb_volume_stamp_ns(1, 0, 2 * SEC, &t), -1);
	assert_int_equal(t, 42); /* untouched when refused */
}

static void direction_by_address(void **state)
{
	struct mb_volume_match m = match(SRC4);
	static const struct {
		const char *src, *dst;
		enum mb_dir dir;
	} cases[] = {
		{ SRC4, DST4, MB_DIR_SRC_TO_DST },
		{ DST4, SRC4, MB_DIR_DST_TO_SRC },
		{ SRC4, "10.213.1.99", MB_DIR_SRC_TO_DST },  /* source to anyone */
		{ "10.213.1.99", DST4, MB_DIR_OTHER },        /* another migration */
	};

	(void)state;
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		struct pkt p = { .len = 0 };
		struct mb_pkt_info i;

		eth(&p, 0x0800);
		ipv4(&p, cases[k].src, cases[k].dst, 40 + 5, 6, 5, 0);
		/* Ports say the opposite: the address decides. */
		tcp(&p, 49200, 40001, 5);
		i = parse(&m, MB_LINK_ETHERNET, &p, p.len, 59);
		assert_counted(&i, cases[k].dir, 5);
	}
	/* An IPv6 packet when the source is an IPv4 address. */
	{
		struct pkt p = { .len = 0 };
		struct mb_pkt_info i;

		eth(&p, 0x86dd);
		ipv6(&p, SRC6, DST6, 20, 6);
		tcp(&p, 40001, 49200, 5);
		i = parse(&m, MB_LINK_ETHERNET, &p, p.len, p.len);
		assert_counted(&i, MB_DIR_OTHER, 0);
	}
}

static void direction_by_ports(void **state)
{
	struct mb_volume_match m = match(NULL);
	static const struct {
		unsigned sport, dport;
		enum mb_dir dir;
	} cases[] = {
		{ 40001, 49200, MB_DIR_SRC_TO_DST }, /* to the listener */
		{ 49200, 40001, MB_DIR_DST_TO_SRC },
		{ 49153, 49200, MB_DIR_OTHER },      /* both inside: cannot tell */
	};

	(void)state;
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		struct pkt p = { .len = 0 };
		struct mb_pkt_info i;

		eth(&p, 0x0800);
		ipv4(&p, SRC4, DST4, 40 + 3, 6, 5, 0);
		tcp(&p, cases[k].sport, cases[k].dport, 5);
		i = parse(&m, MB_LINK_ETHERNET, &p, p.len, 57);
		assert_counted(&i, cases[k].dir, 3);
	}
}

static void addresses(void **state)
{
	struct mb_ip_addr a, b;

	(void)state;
	assert_int_equal(mb_ip_addr_parse("10.0.0.1", &a), 0);
	assert_int_equal(a.family, 4);
	assert_int_equal(mb_ip_addr_parse("fd00::1", &b), 0);
	assert_int_equal(b.family, 6);
	assert_false(mb_ip_addr_equal(&a, &b));
	assert_int_equal(mb_ip_addr_parse("10.0.0.1", &b), 0);
	assert_true(mb_ip_addr_equal(&a, &b));
	assert_int_equal(mb_ip_addr_parse("10.0.0.256", &a), -1);
	assert_int_equal(mb_ip_addr_parse("host", &a), -1);
	assert_int_equal(mb_ip_addr_parse("", &a), -1);
	assert_int_equal(mb_ip_addr_parse(NULL, &a), -1);
}

/* ---- totals, bins, throughput ------------------------------------------- */

/* A counted packet of a connection of its own (so never a retransmission). */

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ipv4_super_packet),
		cmocka_unit_test(ipv4_padded_ack),
		cmocka_unit_test(ipv4_options_and_vlans),
		cmocka_unit_test(ipv4_big_tcp),
		cmocka_unit_test(ipv6_extension_headers),
		cmocka_unit_test(ipv6_jumbo_and_fragment),
		cmocka_unit_test(linux_cooked_and_raw),
		cmocka_unit_test(not_ours_is_ignored),
		cmocka_unit_test(broken_headers_are_unparsed),
		cmocka_unit_test(vlan_tags),
		cmocka_unit_test(vlan_tags_broken),
		cmocka_unit_test(stamps),
		cmocka_unit_test(direction_by_address),
		cmocka_unit_test(direction_by_ports),
		cmocka_unit_test(addresses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
