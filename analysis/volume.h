/* Migration data volume from captured packet headers: what one packet is,
 * and the totals and time bins of many.  Pure: no I/O, no clocks, no pcap.
 *
 * Definitions (the same words as migbench(1), METRICS, and the JSON):
 *   wire bytes: the packet's length as the kernel reported it (pcap's len,
 *     never the captured length): link-layer header included, no FCS.  A
 *     GRO/TSO super-packet of up to 64 KiB counts once, at its full length.
 *   payload bytes: the TCP payload, IP length - IP header(s) - TCP header,
 *     read from the captured headers.  Where the IP length field is 0 (a
 *     BIG TCP super-packet longer than 64 KiB), the wire length minus the
 *     link, IP and TCP headers.
 *   matched: TCP (over IPv4 or IPv6, untagged or behind one or two
 *     802.1Q / 802.1ad tags) with the source or the destination port inside
 *     [port_lo, port_hi] - what the capture filter (probes/capture.h) lets
 *     through.
 *   direction: src_to_dst when the IP source is the migration source's
 *     address, dst_to_src when the IP destination is, other otherwise.
 *     Without a source address, the side whose port is inside the range is
 *     the destination (it listens there) and the other side the source;
 *     both or neither inside: other.
 *   retransmitted bytes: payload at sequence numbers that the same
 *     connection, in the same direction, carried before in this capture
 *     (TCP retransmissions, keep-alive probes).  Each direction of each
 *     connection keeps the highest sequence seen and up to
 *     MB_VOLUME_MAX_HOLES holes below it (32-bit serial arithmetic): a segment that arrives out of order at
 *     the capture point fills a hole and is new, not retransmitted.
 *     unique payload = payload - retransmitted: the bytes the stream moved.
 *     A connection first seen mid-stream starts at its first packet.  A
 *     hole that finds no room is forgotten ("forgotten_holes"; bytes that
 *     fill it later count as retransmitted, so unique payload is then a
 *     lower bound).  Up
 *     to MB_VOLUME_MAX_FLOWS connection directions are followed; payload
 *     of more counts as unique (and as "untracked").
 *   unparsed: passed the filter but its headers could not be read (too
 *     short a capture, not IP behind the link header, malformed IP or TCP,
 *     an IP fragment), or its timestamp is out of range (the capture
 *     decides that, mb_volume_stamp_ns): counted apart, with its wire
 *     bytes, never guessed at.
 *   bins: fixed-width time bins from an origin; bin k covers
 *     [origin + k*width, origin + (k+1)*width).
 *   throughput: over the bins from the first to the last with traffic:
 *     average = their wire bytes / their span; peak = the fullest bin's
 *     wire bytes / the bin width.  Both count every matched packet, all
 *     directions, in bits per second.
 */
#ifndef MB_ANALYSIS_VOLUME_H
#define MB_ANALYSIS_VOLUME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The link-layer header in front of the IP header (pcap's DLT_*, mapped by
 * the caller so that this file needs no pcap header). */
enum mb_linktype {
	MB_LINK_ETHERNET,    /* DLT_EN10MB; up to two 802.1Q/802.1ad tags skipped */
	MB_LINK_LINUX_SLL,   /* DLT_LINUX_SLL: Linux "cooked", 16 bytes (tags as above) */
	MB_LINK_LINUX_SLL2,  /* DLT_LINUX_SLL2: 20 bytes */
	MB_LINK_RAW,         /* DLT_RAW, DLT_IPV4, DLT_IPV6: IP first */
};

enum mb_dir { MB_DIR_SRC_TO_DST, MB_DIR_DST_TO_SRC, MB_DIR_OTHER, MB_DIR_COUNT };

enum mb_pkt_class {
	MB_PKT_COUNTED,   /* matched, headers read */
	MB_PKT_IGNORED,   /* not TCP, or neither port in the range */
	MB_PKT_UNPARSED,  /* see above */
};

struct mb_ip_addr {
	int family;           /* 4, 6, or 0: none */
	uint8_t bytes[16];    /* network order; IPv4 in the first 4 */
};

struct mb_volume_match {
	uint16_t port_lo, port_hi;
	struct mb_ip_addr src;  /* the migration source; family 0: infer from ports */
};

/* One direction of one TCP connection.  Compared as a whole: bytes not
 * used by an IPv4 address are zero. */
struct mb_flow_key {
	int32_t family;           /* 4 or 6 */
	uint8_t src[16], dst[16]; /* IPv4 in the first 4 */
	uint16_t sport, dport;
};

struct mb_pkt_info {
	enum mb_pkt_class cls;
	enum mb_dir dir;          /* when counted */
	uint64_t wire_bytes;      /* always: the reported length */
	uint64_t payload_bytes;   /* when counted */
	uint16_t sport, dport;    /* when a TCP header was read */
	struct mb_flow_key flow;  /* when counted */
	uint32_t seq;             /* when counted */
	bool syn, fin;
};

#define MB_VOLUME_MAX_FLOWS 1536
/* Enough for the losses of a 10 Gbit/s window before the capture point. */
#define MB_VOLUME_MAX_HOLES 64

/* Classifies one packet: data holds the caplen bytes captured, wire_len is
 * the length the kernel reported. */
void mb_volume_parse(const struct mb_volume_match *m, enum mb_linktype link,
		     const uint8_t *data, size_t caplen, uint64_t wire_len,
		     struct mb_pkt_info *out);

/* Parses "10.0.0.1" or "fd00::1".  0, or -1. */
int mb_ip_addr_parse(const char *text, struct mb_ip_addr *out);
bool mb_ip_addr_equal(const struct mb_ip_addr *a, const struct mb_ip_addr *b);

/* Packet times are kept below this (2^62 ns: the year 2116), so that bin
 * and report arithmetic on them cannot overflow. */
#define MB_VOLUME_MAX_STAMP_NS (INT64_C(1) << 62)

/* A capture record's time, sec + frac / frac_per_s (frac_per_s 10^9 or
 * 10^6; any divisor of 10^9), in ns into *out.  0, or -1 if sec or frac is
 * out of range (negative, frac >= frac_per_s, beyond
 * MB_VOLUME_MAX_STAMP_NS): a file's stamps are not trusted. */
int mb_volume_stamp_ns(int64_t sec, int64_t frac, int64_t frac_per_s, int64_t *out);

/* ---- totals and bins ------------------------------------------------- */

struct mb_volume_counts {
	uint64_t packets, wire_bytes, payload_bytes;
	uint64_t retransmitted_bytes;       /* part of payload_bytes */
	/* TCP connections that carried payload this way (--parallel N: N
	 * multifd channels and the main one); of the first
	 * MB_VOLUME_MAX_FLOWS only. */
	uint64_t connections;
};

struct mb_volume_totals {
	struct mb_volume_counts dir[MB_DIR_COUNT];
	struct mb_volume_counts all;        /* the three directions together */
	uint64_t ignored_packets;
	uint64_t unparsed_packets, unparsed_wire_bytes;
	uint64_t unbinned_packets;          /* counted, but outside the bins */
	uint64_t untracked_packets;         /* with payload, beyond MB_VOLUME_MAX_FLOWS */
	uint64_t forgotten_holes;           /* beyond MB_VOLUME_MAX_HOLES */
	int64_t first_ns, last_ns;          /* counted packets' times; -1: none */
};

struct mb_volume_bin {
	uint64_t packets;
	uint64_t wire_bytes[MB_DIR_COUNT];
	uint64_t payload_bytes[MB_DIR_COUNT];
};

struct mb_volume_config {
	int64_t origin_ns;  /* start of bin 0 */
	int64_t bin_ns;     /* > 0 */
	size_t max_bins;    /* > 0: memory bound, MB_VOLUME_BIN_BYTES each */
};

#define MB_VOLUME_BIN_BYTES sizeof(struct mb_volume_bin)

struct mb_volume_rate {
	bool have;                 /* some bin has traffic */
	int64_t bin_ns;
	int64_t first_ns, end_ns;  /* start of the first bin with traffic, end of the last */
	size_t bins_with_traffic;
	uint64_t wire_bytes;       /* in the bins */
	double avg_bit_per_s, peak_bit_per_s;
	int64_t peak_ns;           /* start of the fullest bin */
};

struct mb_volume; /* opaque */

/* NULL on a bad config or out of memory. */
struct mb_volume *mb_volume_new(const struct mb_volume_config *cfg);
void mb_volume_free(struct mb_volume *v);

/* Moves the origin; only before the first counted packet (offline: the
 * first packet's time).  0, or -1 if counted packets were added already
 * (ignored and unparsed ones are in no bin). */
int mb_volume_set_origin(struct mb_volume *v, int64_t origin_ns);
int64_t mb_volume_origin(const struct mb_volume *v);

/* Allocates the bins up to the one holding until_ns (at most max_bins).
 * This is the only call that allocates: the capture calls it between
 * batches, ahead of time, never per packet.  0, or -1 out of memory. */
int mb_volume_reserve(struct mb_volume *v, int64_t until_ns);

/* Counts one classified packet at t_ns.  Never allocates: a counted packet
 * whose bin is not reserved (before the origin, beyond max_bins, or not
 * reserved in time) is in the totals and in unbinned_packets. */
void mb_volume_add(struct mb_volume *v, int64_t t_ns, const struct mb_pkt_info *p);

void mb_volume_totals(const struct mb_volume *v, struct mb_volume_totals *t);

/* The bins from the first to the last with traffic: *first and *count.
 * False if there is none. */
bool mb_volume_bin_range(const struct mb_volume *v, size_t *first, size_t *count);
/* Bin i (zeros where never reserved); its start time in *start_ns. */
void mb_volume_bin(const struct mb_volume *v, size_t i, struct mb_volume_bin *out, int64_t *start_ns);

void mb_volume_rate(const struct mb_volume *v, struct mb_volume_rate *r);

/* "812 Mbit/s", "9.41 Gbit/s", "120 bit/s" (SI, as networks count). */
void mb_format_bitrate(double bit_per_s, char *buf, size_t len);

#endif
