/* Migration data volume: header parsing, totals, bins.  See volume.h.
 *
 * Bins live in chunks of CHUNK_BINS, reached through a table sized for
 * max_bins when the volume is made.  mb_volume_reserve allocates (and
 * touches, so the first write takes no page fault) the chunks ahead of
 * time; mb_volume_add only indexes.  That keeps allocation off the
 * per-packet path while memory grows with the run, not with its limit.
 */
#include "analysis/volume.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_BINS 1024
#define NS_PER_S INT64_C(1000000000)

#define ETH_HDR 14
#define VLAN_TAG 4
#define SLL_HDR 16
#define SLL2_HDR 20
#define IPV4_MIN_HDR 20
#define IPV6_HDR 40
#define TCP_MIN_CAPTURED 14 /* ports, sequence, ack, data offset, flags */
#define TCP_MIN_HDR 20
#define MAX_IPV6_EXT 8

#define ETHERTYPE_IPV4 0x0800
#define ETHERTYPE_IPV6 0x86dd
#define ETHERTYPE_VLAN 0x8100
#define ETHERTYPE_QINQ 0x88a8
#define ETHERTYPE_QINQ_OLD 0x9100 /* pre-802.1ad; libpcap's "vlan" takes it too */
#define MAX_VLAN_TAGS 2           /* as many as the capture filter looks through */
#define PROTO_TCP 6
#define TCP_FLAG_FIN 0x01
#define TCP_FLAG_SYN 0x02

/* Open addressing, at most 3/4 full so probes stay short. */
#define FLOW_SLOTS 2048
_Static_assert(MB_VOLUME_MAX_FLOWS * 4 <= FLOW_SLOTS * 3, "flow table load");
/* Sequence ranges below the high mark not seen yet (reordering at the
 * capture point, or loss before it) per flow direction. */
#define MAX_HOLES MB_VOLUME_MAX_HOLES

struct hole {
	uint32_t start, end; /* [start, end) */
};

struct flow_slot {
	struct mb_flow_key key;
	uint32_t high;  /* the sequence number after the highest one seen */
	unsigned nholes;
	struct hole holes[MAX_HOLES];
	bool used;
	bool carried;   /* some packet of it had payload: a data connection */
};

struct mb_volume {
	struct mb_volume_config cfg;
	struct mb_volume_bin **chunks; /* cfg.max_bins / CHUNK_BINS, rounded up */
	size_t nchunks, reserved_chunks;
	size_t lo_bin, hi_bin;         /* bins with traffic: [lo, hi]; valid if any */
	bool any_bin, any_packet;
	struct mb_volume_totals t;
	struct flow_slot *flows;       /* FLOW_SLOTS */
	struct flow_slot *last_flow;   /* most packets belong to the previous one's flow */
	size_t nflows;
};

/* ---- header parsing ----------------------------------------------------- */

static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static bool is_vlan_tpid(uint16_t type)
{
	return type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD;
}

/* Steps over up to MAX_VLAN_TAGS tags (TCI, then the next type) behind the
 * type field that ends at *o.  -1 if the captured bytes end first. */
static int skip_vlan_tags(const uint8_t *d, size_t caplen, size_t *o, uint16_t *type)
{
	for (int tags = 0; is_vlan_tpid(*type) && tags < MAX_VLAN_TAGS; tags++) {
		if (caplen < *o + VLAN_TAG)
			return -1;
		*type = be16(d + *o + 2);
		*o += VLAN_TAG;
	}
	return 0;
}

/* Where the IP header starts and its version (4 or 6); 0 if not IP (a
 * third tag included), -1 if the captured bytes end first.  Linux cooked
 * v1 carries tags too: libpcap puts back the tag the kernel took off, after
 * the protocol field (SLL2 gets none). */
static int link_payload(enum mb_linktype link, const uint8_t *d, size_t caplen, size_t *off)
{
	uint16_t type;
	size_t o;

	switch (link) {
	case MB_LINK_RAW:
		*off = 0;
		if (caplen < 1)
			return -1;
		return (d[0] >> 4) == 4 ? 4 : (d[0] >> 4) == 6 ? 6 : 0;
	case MB_LINK_LINUX_SLL:
		if (caplen < SLL_HDR)
			return -1;
		type = be16(d + 14);
		o = SLL_HDR;
		if (skip_vlan_tags(d, caplen, &o, &type))
			return -1;
		break;
	case MB_LINK_LINUX_SLL2:
		if (caplen < SLL2_HDR)
			return -1;
		type = be16(d);
		o = SLL2_HDR;
		break;
	case MB_LINK_ETHERNET:
	default:
		if (caplen < ETH_HDR)
			return -1;
		type = be16(d + 12);
		o = ETH_HDR;
		if (skip_vlan_tags(d, caplen, &o, &type))
			return -1;
		break;
	}
	*off = o;
	return type == ETHERTYPE_IPV4 ? 4 : type == ETHERTYPE_IPV6 ? 6 : 0;
}

/* The IP layer as far as TCP needs it. */
struct ip_view {
	const uint8_t *src, *dst;
	size_t addr_len;
	size_t hdr_len;   /* IP header(s) */
	uint64_t ip_len;  /* header(s) + TCP segment */
	bool tcp;
};

/* One of MB_PKT_*; fills v when COUNTED (so far). */
static enum mb_pkt_class ipv4_view(const uint8_t *ip, size_t cap, uint64_t wire_ip, struct ip_view *v)
{
	size_t ihl;
	uint16_t tot, frag;

	if (cap < IPV4_MIN_HDR || (ip[0] >> 4) != 4)
		return MB_PKT_UNPARSED;
	ihl = (size_t)(ip[0] & 0x0f) * 4;
	if (ihl < IPV4_MIN_HDR)
		return MB_PKT_UNPARSED;
	if (ip[9] != PROTO_TCP)
		return MB_PKT_IGNORED;
	frag = be16(ip + 6);
	if (frag & 0x3fff) /* MF or an offset: the segment is split, TCP unreadable */
		return MB_PKT_UNPARSED;
	tot = be16(ip + 2);
	/* 0: a super-packet beyond 64 KiB (BIG TCP); only the wire length knows. */
	v->ip_len = tot ? tot : wire_ip;
	v->hdr_len = ihl;
	v->src = ip + 12;
	v->dst = ip + 16;
	v->addr_len = 4;
	v->tcp = true;
	return MB_PKT_COUNTED;
}

/* Extension headers we can step over; anything else ends the chain. */
static bool ipv6_ext_len(uint8_t nh, const uint8_t *h, size_t *len)
{
	switch (nh) {
	case 0:  /* hop-by-hop */
	case 43: /* routing */
	case 60: /* destination options */
		*len = ((size_t)h[1] + 1) * 8;
		return true;
	case 51: /* authentication header */
		*len = ((size_t)h[1] + 2) * 4;
		return true;
	default:
		return false;
	}
}

static enum mb_pkt_class ipv6_view(const uint8_t *ip, size_t cap, uint64_t wire_ip, struct ip_view *v)
{
	size_t off = IPV6_HDR, ext;
	uint8_t nh;
	uint16_t plen;

	if (cap < IPV6_HDR || (ip[0] >> 4) != 6)
		return MB_PKT_UNPARSED;
	nh = ip[6];
	for (int i = 0; i < MAX_IPV6_EXT && nh != PROTO_TCP; i++) {
		if (nh == 44) /* fragment header */
			return MB_PKT_UNPARSED;
		if (cap < off + 2)
			return MB_PKT_UNPARSED;
		if (!ipv6_ext_len(nh, ip + off, &ext))
			return MB_PKT_IGNORED; /* no next header, or not TCP */
		nh = ip[off];
		off += ext;
	}
	if (nh != PROTO_TCP)
		return MB_PKT_UNPARSED;
	plen = be16(ip + 4);
	/* 0: a jumbogram (BIG TCP); the wire length is all there is. */
	v->ip_len = plen ? (uint64_t)IPV6_HDR + plen : wire_ip;
	v->hdr_len = off;
	v->src = ip + 8;
	v->dst = ip + 24;
	v->addr_len = 16;
	v->tcp = true;
	return MB_PKT_COUNTED;
}

static bool in_range(const struct mb_volume_match *m, uint16_t port)
{
	return port >= m->port_lo && port <= m->port_hi;
}

static enum mb_dir direction(const struct mb_volume_match *m, const struct ip_view *v,
			     uint16_t sport, uint16_t dport)
{
	bool s_in, d_in;

	if (m->src.family) {
		size_t n = m->src.family == 4 ? 4 : 16;

		if (n != v->addr_len)
			return MB_DIR_OTHER;
		if (!memcmp(v->src, m->src.bytes, n))
			return MB_DIR_SRC_TO_DST;
		if (!memcmp(v->dst, m->src.bytes, n))
			return MB_DIR_DST_TO_SRC;
		return MB_DIR_OTHER;
	}
	s_in = in_range(m, sport);
	d_in = in_range(m, dport);
	if (d_in && !s_in)
		return MB_DIR_SRC_TO_DST;
	if (s_in && !d_in)
		return MB_DIR_DST_TO_SRC;
	return MB_DIR_OTHER;
}

/* The TCP header: ports, its length, the payload. */
static enum mb_pkt_class tcp_part(const struct mb_volume_match *m, const uint8_t *tcp, size_t cap,
				  const struct ip_view *v, struct mb_pkt_info *out)
{
	size_t thl;

	if (cap < TCP_MIN_CAPTURED)
		return MB_PKT_UNPARSED;
	out->sport = be16(tcp);
	out->dport = be16(tcp + 2);
	if (!in_range(m, out->sport) && !in_range(m, out->dport))
		return MB_PKT_IGNORED;
	thl = (size_t)(tcp[12] >> 4) * 4;
	if (thl < TCP_MIN_HDR || v->ip_len < v->hdr_len + thl)
		return MB_PKT_UNPARSED;
	out->payload_bytes = v->ip_len - v->hdr_len - thl;
	out->dir = direction(m, v, out->sport, out->dport);
	out->seq = be32(tcp + 4);
	out->syn = tcp[13] & TCP_FLAG_SYN;
	out->fin = tcp[13] & TCP_FLAG_FIN;
	out->flow.family = v->addr_len == 4 ? 4 : 6;
	memcpy(out->flow.src, v->src, v->addr_len);
	memcpy(out->flow.dst, v->dst, v->addr_len);
	out->flow.sport = out->sport;
	out->flow.dport = out->dport;
	return MB_PKT_COUNTED;
}

static enum mb_pkt_class classify(const struct mb_volume_match *m, enum mb_linktype link,
				  const uint8_t *d, size_t caplen, uint64_t wire_len,
				  struct mb_pkt_info *out)
{
	struct ip_view v;
	enum mb_pkt_class c;
	size_t off;
	int ver = link_payload(link, d, caplen, &off);

	/* Not IP behind the link header: the filter said TCP, so something
	 * here is malformed (or it has a third tag): unreadable, not someone else's. */
	if (ver <= 0)
		return MB_PKT_UNPARSED;
	/* The wire length must at least hold what was captured. */
	if (wire_len < caplen)
		return MB_PKT_UNPARSED;
	memset(&v, 0, sizeof(v));
	c = ver == 4 ? ipv4_view(d + off, caplen - off, wire_len - off, &v)
		     : ipv6_view(d + off, caplen - off, wire_len - off, &v);
	if (c != MB_PKT_COUNTED)
		return c;
	/* An IP length beyond what the kernel saw is a lie we do not count. */
	if (v.ip_len > wire_len - off || caplen - off < v.hdr_len)
		return MB_PKT_UNPARSED;
	return tcp_part(m, d + off + v.hdr_len, caplen - off - v.hdr_len, &v, out);
}

void mb_volume_parse(const struct mb_volume_match *m, enum mb_linktype link,
		     const uint8_t *data, size_t caplen, uint64_t wire_len,
		     struct mb_pkt_info *out)
{
	memset(out, 0, sizeof(*out));
	out->wire_bytes = wire_len;
	out->dir = MB_DIR_OTHER;
	out->cls = classify(m, link, data, caplen, wire_len, out);
	if (out->cls != MB_PKT_COUNTED) {
		out->payload_bytes = 0;
		out->dir = MB_DIR_OTHER;
	}
}

int mb_ip_addr_parse(const char *text, struct mb_ip_addr *out)
{
	memset(out, 0, sizeof(*out));
	if (!text)
		return -1;
	if (inet_pton(AF_INET, text, out->bytes) == 1) {
		out->family = 4;
		return 0;
	}
	if (inet_pton(AF_INET6, text, out->bytes) == 1) {
		out->family = 6;
		return 0;
	}
	return -1;
}

bool mb_ip_addr_equal(const struct mb_ip_addr *a, const struct mb_ip_addr *b)
{
	return a->family == b->family && !memcmp(a->bytes, b->bytes, sizeof(a->bytes));
}

int mb_volume_stamp_ns(int64_t sec, int64_t frac, int64_t frac_per_s, int64_t *out)
{
	int64_t t;

	/* Checked before any product: sec and frac come from a file. */
	if (frac_per_s <= 0 || frac_per_s > NS_PER_S || NS_PER_S % frac_per_s)
		return -1;
	if (sec < 0 || sec > MB_VOLUME_MAX_STAMP_NS / NS_PER_S || frac < 0 || frac >= frac_per_s)
		return -1;
	t = sec * NS_PER_S + frac * (NS_PER_S / frac_per_s);
	if (t >= MB_VOLUME_MAX_STAMP_NS)
		return -1;
	*out = t;
	return 0;
}

/* ---- totals and bins ---------------------------------------------------- */

struct mb_volume *mb_volume_new(const struct mb_volume_config *cfg)
{
	struct mb_volume *v;

	if (!cfg || cfg->bin_ns <= 0 || cfg->max_bins == 0)
		return NULL;
	v = calloc(1, sizeof(*v));
	if (!v)
		return NULL;
	v->cfg = *cfg;
	v->nchunks = (cfg->max_bins + CHUNK_BINS - 1) / CHUNK_BINS;
	v->chunks = calloc(v->nchunks, sizeof(*v->chunks));
	v->flows = malloc(FLOW_SLOTS * sizeof(*v->flows));
	if (!v->chunks || !v->flows) {
		free(v->chunks);
		free(v->flows);
		free(v);
		return NULL;
	}
	memset(v->flows, 0, FLOW_SLOTS * sizeof(*v->flows)); /* touched now, not per packet */
	v->t.first_ns = v->t.last_ns = -1;
	return v;
}

void mb_volume_free(struct mb_volume *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->reserved_chunks; i++)
		free(v->chunks[i]);
	free(v->chunks);
	free(v->flows);
	free(v);
}

int mb_volume_set_origin(struct mb_volume *v, int64_t origin_ns)
{
	if (v->any_packet)
		return -1;
	v->cfg.origin_ns = origin_ns;
	return 0;
}

int64_t mb_volume_origin(const struct mb_volume *v)
{
	return v->cfg.origin_ns;
}

/* The bin holding t, or -1 if t is before the origin or past max_bins. */
static int64_t bin_index(const struct mb_volume *v, int64_t t_ns)
{
	int64_t k;

	if (t_ns < v->cfg.origin_ns)
		return -1;
	k = (t_ns - v->cfg.origin_ns) / v->cfg.bin_ns;
	return (uint64_t)k < v->cfg.max_bins ? k : -1;
}

int mb_volume_reserve(struct mb_volume *v, int64_t until_ns)
{
	int64_t k = until_ns < v->cfg.origin_ns ? -1 : (until_ns - v->cfg.origin_ns) / v->cfg.bin_ns;
	size_t want;

	if (k < 0)
		return 0;
	want = (uint64_t)k >= v->cfg.max_bins ? v->nchunks : (size_t)k / CHUNK_BINS + 1;
	while (v->reserved_chunks < want) {
		struct mb_volume_bin *c = malloc(CHUNK_BINS * sizeof(*c));

		if (!c)
			return -1;
		memset(c, 0, CHUNK_BINS * sizeof(*c)); /* touched now, not on the packet path */
		v->chunks[v->reserved_chunks++] = c;
	}
	return 0;
}

/* ---- retransmissions ---------------------------------------------------- */

static bool seq_before(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) < 0;
}

/* One fixed-size compare (inlined): parse zeroes the unused address bytes. */
static bool key_equal(const struct mb_flow_key *a, const struct mb_flow_key *b)
{
	return !memcmp(a, b, sizeof(*a));
}

static uint32_t key_hash(const struct mb_flow_key *k)
{
	size_t n = k->family == 4 ? 4 : 16;
	uint32_t h = 2166136261u; /* FNV-1a */

	for (size_t i = 0; i < n; i++)
		h = (h ^ k->src[i] ^ (uint32_t)k->dst[i] << 8) * 16777619u;
	h = (h ^ k->sport) * 16777619u;
	return (h ^ k->dport) * 16777619u;
}

/* The flow's slot, new (*fresh) if not seen; NULL when the table is full. */
static struct flow_slot *flow_slot(struct mb_volume *v, const struct mb_flow_key *k, bool *fresh)
{
	size_t i;

	*fresh = false;
	if (v->last_flow && key_equal(&v->last_flow->key, k))
		return v->last_flow;
	for (i = key_hash(k) & (FLOW_SLOTS - 1); v->flows[i].used; i = (i + 1) & (FLOW_SLOTS - 1))
		if (key_equal(&v->flows[i].key, k))
			return v->last_flow = &v->flows[i];
	if (v->nflows >= MB_VOLUME_MAX_FLOWS)
		return NULL;
	v->nflows++;
	v->flows[i].used = true;
	v->flows[i].key = *k;
	*fresh = true;
	return v->last_flow = &v->flows[i];
}

static uint32_t seq_max(uint32_t a, uint32_t b)
{
	return seq_before(a, b) ? b : a;
}

static uint32_t seq_min(uint32_t a, uint32_t b)
{
	return seq_before(a, b) ? a : b;
}

/* Takes [s, e) out of the holes; returns how many bytes were in them. */
static uint64_t fill_holes(struct mb_volume *v, struct flow_slot *f, uint32_t s, uint32_t e)
{
	uint64_t got = 0;
	unsigned i = 0;

	while (i < f->nholes) {
		struct hole *h = &f->holes[i];
		uint32_t lo = seq_max(h->start, s), hi = seq_min(h->end, e);

		if (!seq_before(lo, hi)) {
			i++;
			continue;
		}
		got += hi - lo;
		if (lo == h->start && hi == h->end) {
			*h = f->holes[--f->nholes]; /* look at the moved one next */
			continue;
		}
		if (lo == h->start) {
			h->start = hi;
		} else if (hi == h->end) {
			h->end = lo;
		} else if (f->nholes < MAX_HOLES) { /* split; [hi, end) lies past e */
			f->holes[f->nholes++] = (struct hole){ hi, h->end };
			h->end = lo;
		} else {
			h->end = lo; /* no room: the rest will count as seen */
			v->t.forgotten_holes++;
		}
		i++;
	}
	return got;
}

/* A gap [start, end) opened above the high mark; with no room, the
 * oldest hole goes (its bytes will count as retransmitted if they come). */
static void add_hole(struct mb_volume *v, struct flow_slot *f, uint32_t start, uint32_t end)
{
	unsigned oldest = 0;

	if (f->nholes == MAX_HOLES) {
		v->t.forgotten_holes++;
		for (unsigned i = 1; i < f->nholes; i++)
			if (seq_before(f->holes[i].start, f->holes[oldest].start))
				oldest = i;
		f->holes[oldest] = f->holes[--f->nholes];
	}
	f->holes[f->nholes++] = (struct hole){ start, end };
}

/* Payload bytes at sequence numbers this flow carried before: below the
 * high mark and not in a hole.  *first_data: the flow's first payload. */
static uint64_t retransmitted(struct mb_volume *v, const struct mb_pkt_info *p, bool *first_data)
{
	uint32_t start = p->seq + (p->syn ? 1u : 0u);
	uint32_t end = start + (uint32_t)p->payload_bytes;
	uint32_t last = end + (p->fin ? 1u : 0u); /* SYN and FIN take a number each */
	uint64_t fresh_bytes = 0;
	struct flow_slot *f;
	bool fresh;

	if (!p->payload_bytes && !p->syn && !p->fin)
		return 0; /* a bare ACK moves nothing */
	f = flow_slot(v, &p->flow, &fresh);
	if (!f) {
		v->t.untracked_packets += p->payload_bytes > 0;
		return 0;
	}
	if (p->payload_bytes && !f->carried)
		*first_data = f->carried = true;
	if (fresh) {
		f->high = last;
		return 0;
	}
	if (seq_before(start, f->high))
		fresh_bytes += fill_holes(v, f, start, seq_min(end, f->high));
	if (seq_before(f->high, end))
		fresh_bytes += end - seq_max(start, f->high);
	if (seq_before(f->high, start))
		add_hole(v, f, f->high, start);
	if (seq_before(f->high, last))
		f->high = last;
	return p->payload_bytes - fresh_bytes;
}

static void add_counts(struct mb_volume_counts *c, const struct mb_pkt_info *p, uint64_t old)
{
	c->packets++;
	c->wire_bytes += p->wire_bytes;
	c->payload_bytes += p->payload_bytes;
	c->retransmitted_bytes += old;
}

static void add_to_bin(struct mb_volume *v, int64_t t_ns, const struct mb_pkt_info *p)
{
	int64_t k = bin_index(v, t_ns);
	struct mb_volume_bin *b;

	if (k < 0 || (size_t)k / CHUNK_BINS >= v->reserved_chunks) {
		v->t.unbinned_packets++;
		return;
	}
	b = &v->chunks[(size_t)k / CHUNK_BINS][(size_t)k % CHUNK_BINS];
	b->packets++;
	b->wire_bytes[p->dir] += p->wire_bytes;
	b->payload_bytes[p->dir] += p->payload_bytes;
	if (!v->any_bin || (size_t)k < v->lo_bin)
		v->lo_bin = (size_t)k;
	if (!v->any_bin || (size_t)k > v->hi_bin)
		v->hi_bin = (size_t)k;
	v->any_bin = true;
}

void mb_volume_add(struct mb_volume *v, int64_t t_ns, const struct mb_pkt_info *p)
{
	bool first_data = false;
	uint64_t old;

	if (p->cls == MB_PKT_IGNORED) {
		v->t.ignored_packets++;
		return;
	}
	if (p->cls == MB_PKT_UNPARSED) {
		v->t.unparsed_packets++;
		v->t.unparsed_wire_bytes += p->wire_bytes;
		return;
	}
	v->any_packet = true; /* binned from here on: the origin stays */
	old = retransmitted(v, p, &first_data);
	add_counts(&v->t.dir[p->dir], p, old);
	add_counts(&v->t.all, p, old);
	v->t.dir[p->dir].connections += first_data;
	v->t.all.connections += first_data;
	if (v->t.first_ns < 0 || t_ns < v->t.first_ns)
		v->t.first_ns = t_ns;
	if (t_ns > v->t.last_ns)
		v->t.last_ns = t_ns;
	add_to_bin(v, t_ns, p);
}

void mb_volume_totals(const struct mb_volume *v, struct mb_volume_totals *t)
{
	*t = v->t;
}

bool mb_volume_bin_range(const struct mb_volume *v, size_t *first, size_t *count)
{
	if (!v->any_bin)
		return false;
	*first = v->lo_bin;
	*count = v->hi_bin - v->lo_bin + 1;
	return true;
}

void mb_volume_bin(const struct mb_volume *v, size_t i, struct mb_volume_bin *out, int64_t *start_ns)
{
	if (i / CHUNK_BINS < v->reserved_chunks)
		*out = v->chunks[i / CHUNK_BINS][i % CHUNK_BINS];
	else
		memset(out, 0, sizeof(*out));
	*start_ns = v->cfg.origin_ns + (int64_t)i * v->cfg.bin_ns;
}

static uint64_t bin_wire(const struct mb_volume_bin *b)
{
	uint64_t s = 0;

	for (int d = 0; d < MB_DIR_COUNT; d++)
		s += b->wire_bytes[d];
	return s;
}

void mb_volume_rate(const struct mb_volume *v, struct mb_volume_rate *r)
{
	size_t first, n;
	uint64_t peak = 0;

	memset(r, 0, sizeof(*r));
	r->bin_ns = v->cfg.bin_ns;
	r->first_ns = r->end_ns = r->peak_ns = -1;
	if (!mb_volume_bin_range(v, &first, &n))
		return;
	for (size_t i = first; i < first + n; i++) {
		struct mb_volume_bin b;
		int64_t start;
		uint64_t w;

		mb_volume_bin(v, i, &b, &start);
		w = bin_wire(&b);
		r->wire_bytes += w;
		r->bins_with_traffic += b.packets > 0;
		if (w > peak || r->peak_ns < 0) {
			peak = w;
			r->peak_ns = start;
		}
	}
	r->have = true;
	r->first_ns = v->cfg.origin_ns + (int64_t)first * v->cfg.bin_ns;
	r->end_ns = r->first_ns + (int64_t)n * v->cfg.bin_ns;
	r->avg_bit_per_s = (double)r->wire_bytes * 8e9 / (double)(r->end_ns - r->first_ns);
	r->peak_bit_per_s = (double)peak * 8e9 / (double)v->cfg.bin_ns;
}

void mb_format_bitrate(double bps, char *buf, size_t len)
{
	static const char *const unit[] = { "bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s" };
	int u = 0;

	while (bps >= 999.5 && u < 4) {
		bps /= 1000;
		u++;
	}
	if (u == 0)
		snprintf(buf, len, "%.0f %s", bps, unit[u]);
	else
		snprintf(buf, len, "%.*f %s", bps < 9.995 ? 2 : bps < 99.95 ? 1 : 0, bps, unit[u]);
}
