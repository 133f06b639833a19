#include "config.h"

#include "src/analyze/report_volume.h"

#include <inttypes.h>
#include <string.h>

#include "analysis/units.h"
#include "src/common/json.h"

static const char *const dir_key[MB_DIR_COUNT] = { "src_to_dst", "dst_to_src", "other" };
static const char *const dir_text[MB_DIR_COUNT] = { "src -> dst", "dst -> src", "other" };

/* A time of the capture relative to t0, or -1. */
static int64_t rel(const struct mb_volume_view *v, int64_t t)
{
	return t < 0 ? -1 : t - v->t0_ns;
}

static uint64_t unique(const struct mb_volume_counts *c)
{
	return c->payload_bytes - c->retransmitted_bytes;
}

static bool lower_bound(const struct mb_volume_view *v, const struct mb_volume_totals *t)
{
	return v->cap->kernel_drops || v->cap->error[0] || t->unparsed_packets;
}

/* ---- text ----------------------------------------------------------------- */

void mb_report_volume_cell(const struct mb_volume_view *v, char *buf, size_t len)
{
	struct mb_volume_totals t;
	char size[32];

	if (!v->vol) {
		snprintf(buf, len, "not captured (%s)", v->not_captured ? v->not_captured : "-");
		return;
	}
	mb_volume_totals(v->vol, &t);
	mb_format_size(t.all.wire_bytes, size, sizeof(size));
	if (v->hv_data_processed > 0)
		snprintf(buf, len, "%s%s (%.3fx)", lower_bound(v, &t) ? "at least " : "", size,
			 (double)t.all.wire_bytes / (double)v->hv_data_processed);
	else
		snprintf(buf, len, "%s%s", lower_bound(v, &t) ? "at least " : "", size);
}

static void text_direction(FILE *out, const char *name, const struct mb_volume_counts *c)
{
	char w[32], p[32], r[32];

	mb_format_size(c->wire_bytes, w, sizeof(w));
	mb_format_size(c->payload_bytes, p, sizeof(p));
	mb_format_size(c->retransmitted_bytes, r, sizeof(r));
	fprintf(out, "  %-14s wire %-12s payload %-12s %8" PRIu64 " packets; retransmitted %s\n", name, w,
		p, c->packets, r);
}

static void text_ratios(FILE *out, const struct mb_volume_view *v, const struct mb_volume_totals *t)
{
	if (v->hv_data_processed <= 0) {
		fprintf(out, "  %-14s hypervisor's data processed not known\n", "overhead");
		return;
	}
	fprintf(out, "  %-14s wire / hypervisor data processed %.3f; unique payload src -> dst / data "
		"processed %.3f\n", "overhead", (double)t->all.wire_bytes / (double)v->hv_data_processed,
		(double)unique(&t->dir[MB_DIR_SRC_TO_DST]) / (double)v->hv_data_processed);
}

static void text_rate(FILE *out, const struct mb_volume_view *v)
{
	struct mb_volume_rate r;
	char avg[32], peak[32], bin[32], from[32], to[32];

	mb_volume_rate(v->vol, &r);
	if (!r.have) {
		fprintf(out, "  %-14s no traffic\n", "throughput");
		return;
	}
	mb_format_bitrate(r.avg_bit_per_s, avg, sizeof(avg));
	mb_format_bitrate(r.peak_bit_per_s, peak, sizeof(peak));
	mb_format_duration(r.bin_ns, bin, sizeof(bin));
	mb_format_duration(r.first_ns - v->t0_ns, from, sizeof(from));
	mb_format_duration(r.end_ns - v->t0_ns, to, sizeof(to));
	fprintf(out, "  %-14s average %s, peak %s (%s bins; traffic from +%s to +%s)\n",
		"throughput", avg, peak, bin, from, to);
}

static void text_link(FILE *out, const struct mb_volume_view *v)
{
	char rx[32], tx[32];

	if (!v->link)
		return;
	mb_format_size(v->link->rx_bytes, rx, sizeof(rx));
	mb_format_size(v->link->tx_bytes, tx, sizeof(tx));
	fprintf(out, "  %-14s %s: rx %s (%" PRIu64 " packets), tx %s (%" PRIu64 " packets), all traffic\n",
		"link counters", v->link_iface, rx, v->link->rx_packets, tx, v->link->tx_packets);
}

static void text_drops(FILE *out, const struct mb_volume_view *v)
{
	const struct mb_capture_stats *s = v->cap;

	if (!s->have_pcap_stats) {
		fprintf(out, "  %-14s not recorded in a capture file\n", "drops");
		return;
	}
	fprintf(out, "  %-14s kernel %" PRIu64 ", interface %" PRIu64 "\n", "drops", s->kernel_drops,
		s->iface_drops);
	if (s->kernel_drops || s->iface_drops)
		fprintf(out, "  WARNING: packets were dropped while capturing: the wire figures are lower bounds\n");
}

void mb_report_volume_text(FILE *out, const struct mb_volume_view *v)
{
	struct mb_volume_totals t;

	if (!v->vol)
		return;
	mb_volume_totals(v->vol, &t);
	fprintf(out, "capture detail: %s%s%s%s, %s\n", v->cap->source, v->iface_source ? " (" : "",
		v->iface_source ? v->iface_source : "", v->iface_source ? ")" : "", v->cap->filter);
	if (v->src_addr)
		fprintf(out, "  %-14s %s (%s)\n", "source", v->src_addr, v->src_addr_source);
	else
		fprintf(out, "  %-14s %s\n", "source", "by ports: the side with a port in the range receives");
	for (int d = 0; d < MB_DIR_COUNT; d++)
		if (d != MB_DIR_OTHER || t.dir[d].packets)
			text_direction(out, dir_text[d], &t.dir[d]);
	if (t.unparsed_packets)
		fprintf(out, "  %-14s %" PRIu64 " packets (%" PRIu64 " wire bytes) with unreadable headers"
			"%s\n", "unparsed", t.unparsed_packets, t.unparsed_wire_bytes,
			v->cap->bad_stamps ? " or timestamps out of range" : "");
	text_ratios(out, v, &t);
	text_rate(out, v);
	text_link(out, v);
	text_drops(out, v);
}

/* ---- JSON ----------------------------------------------------------------- */

static json_object *counts_json(const struct mb_volume_counts *c)
{
	json_object *o = json_object_new_object();

	mb_json_put_uint(o, "wire_bytes", c->wire_bytes);
	mb_json_put_uint(o, "payload_bytes", c->payload_bytes);
	mb_json_put_uint(o, "retransmitted_bytes", c->retransmitted_bytes);
	mb_json_put_uint(o, "unique_payload_bytes", unique(c));
	mb_json_put_uint(o, "packets", c->packets);
	mb_json_put_uint(o, "connections", c->connections);
	return o;
}

static json_object *rate_json(const struct mb_volume_view *v)
{
	struct mb_volume_rate r;
	json_object *o;

	mb_volume_rate(v->vol, &r);
	if (!r.have)
		return NULL;
	o = json_object_new_object();
	mb_json_put_double(o, "avg_bit_per_s", r.avg_bit_per_s);
	mb_json_put_double(o, "peak_bit_per_s", r.peak_bit_per_s);
	mb_json_put_known(o, "peak_at_ns", rel(v, r.peak_ns));
	mb_json_put_known(o, "bin_ns", r.bin_ns);
	mb_json_put_known(o, "first_bin_ns", rel(v, r.first_ns));
	mb_json_put_known(o, "end_ns", rel(v, r.end_ns));
	mb_json_put_uint(o, "bins_with_traffic", r.bins_with_traffic);
	return o;
}

static json_object *drops_json(const struct mb_volume_view *v)
{
	json_object *o = json_object_new_object();
	bool have = v->cap->have_pcap_stats;

	json_object_object_add(o, "kernel", have ? json_object_new_uint64(v->cap->kernel_drops) : NULL);
	json_object_object_add(o, "interface", have ? json_object_new_uint64(v->cap->iface_drops) : NULL);
	return o;
}

static json_object *link_json(const struct mb_volume_view *v)
{
	json_object *o;

	if (!v->link)
		return NULL;
	o = json_object_new_object();
	mb_json_put_str(o, "iface", v->link_iface);
	mb_json_put_uint(o, "rx_bytes", v->link->rx_bytes);
	mb_json_put_uint(o, "tx_bytes", v->link->tx_bytes);
	mb_json_put_uint(o, "rx_packets", v->link->rx_packets);
	mb_json_put_uint(o, "tx_packets", v->link->tx_packets);
	return o;
}

/* The figures when nothing was captured: the same keys, null. */
static void add_uncaptured(json_object *f)
{
	static const char *const keys[] = { "wire_bytes", "payload_bytes", "retransmitted_bytes",
					    "unique_payload_bytes", "packets", "src_to_dst",
					    "dst_to_src", "other", "wire_ratio", "payload_ratio",
					    "throughput", "first_packet_ns", "last_packet_ns",
					    "drops", "link", "lower_bound", "unparsed_packets" };

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		json_object_object_add(f, keys[i], NULL);
}

json_object *mb_report_volume_figures(const struct mb_volume_view *v)
{
	json_object *f = json_object_new_object();
	struct mb_volume_totals t;

	mb_json_put_known(f, "hypervisor_data_processed", v->hv_data_processed);
	mb_json_put_known(f, "hypervisor_memory_processed", v->hv_memory_processed);
	if (!v->vol) {
		add_uncaptured(f);
		mb_json_put_str(f, "not_captured", v->not_captured);
		return f;
	}
	mb_volume_totals(v->vol, &t);
	mb_json_put_uint(f, "wire_bytes", t.all.wire_bytes);
	mb_json_put_uint(f, "payload_bytes", t.all.payload_bytes);
	mb_json_put_uint(f, "retransmitted_bytes", t.all.retransmitted_bytes);
	mb_json_put_uint(f, "unique_payload_bytes", unique(&t.all));
	mb_json_put_uint(f, "packets", t.all.packets);
	for (int d = 0; d < MB_DIR_COUNT; d++)
		json_object_object_add(f, dir_key[d], counts_json(&t.dir[d]));
	mb_json_put_ratio(f, "wire_ratio", t.all.wire_bytes, v->hv_data_processed);
	mb_json_put_ratio(f, "payload_ratio", unique(&t.dir[MB_DIR_SRC_TO_DST]), v->hv_data_processed);
	json_object_object_add(f, "throughput", rate_json(v));
	mb_json_put_known(f, "first_packet_ns", rel(v, t.first_ns));
	mb_json_put_known(f, "last_packet_ns", rel(v, t.last_ns));
	json_object_object_add(f, "drops", drops_json(v));
	json_object_object_add(f, "link", link_json(v));
	mb_json_put_bool(f, "lower_bound", lower_bound(v, &t));
	mb_json_put_uint(f, "unparsed_packets", t.unparsed_packets);
	return f;
}

static void capture_settings(json_object *o, const struct mb_capture_stats *s)
{
	mb_json_put_str(o, "filter", s->filter);
	mb_json_put_str(o, "linktype", s->linktype);
	mb_json_put_known(o, "snaplen", s->snaplen);
	mb_json_put_known(o, "buffer_bytes", s->live ? s->buffer_bytes : -1);
	json_object_object_add(o, "promiscuous", s->live ? json_object_new_boolean(s->promiscuous) : NULL);
	mb_json_put_known(o, "tstamp_resolution_ns", s->tstamp_resolution_ns);
}

static void capture_counters(json_object *o, const struct mb_volume_view *v)
{
	const struct mb_capture_stats *s = v->cap;
	struct mb_volume_totals t;

	mb_volume_totals(v->vol, &t);
	json_object_object_add(o, "received", s->have_pcap_stats ? json_object_new_uint64(s->received) : NULL);
	json_object_object_add(o, "kernel_drops", s->have_pcap_stats ? json_object_new_uint64(s->kernel_drops) : NULL);
	json_object_object_add(o, "interface_drops", s->have_pcap_stats ? json_object_new_uint64(s->iface_drops) : NULL);
	mb_json_put_uint(o, "ignored_packets", t.ignored_packets);
	mb_json_put_uint(o, "unparsed_packets", t.unparsed_packets);
	mb_json_put_uint(o, "unparsed_wire_bytes", t.unparsed_wire_bytes);
	mb_json_put_uint(o, "bad_timestamp_packets", s->bad_stamps);
	mb_json_put_uint(o, "unbinned_packets", t.unbinned_packets);
	mb_json_put_uint(o, "untracked_packets", t.untracked_packets);
	mb_json_put_uint(o, "forgotten_holes", t.forgotten_holes);
	json_object_object_add(o, "bin_reserve_failures", s->live ? json_object_new_uint64(s->bin_reserve_failures) : NULL);
	mb_json_put_known(o, "clock_offset_err_ns", s->live ? s->clock_offset_err_ns : -1);
	json_object_object_add(o, "clock_steps", s->live ? json_object_new_uint64(s->clock_steps) : NULL);
	mb_json_put_known(o, "start_ns", s->live ? rel(v, s->start_ns) : -1);
	mb_json_put_known(o, "stop_ns", s->live && s->stop_ns ? rel(v, s->stop_ns) : -1);
}

json_object *mb_report_volume_capture(const struct mb_volume_view *v)
{
	json_object *o;

	if (!v->vol)
		return NULL;
	o = json_object_new_object();
	mb_json_put_str(o, "source", v->cap->source);
	mb_json_put_bool(o, "live", v->cap->live);
	mb_json_put_str(o, "iface_source", v->iface_source);
	mb_json_put_str(o, "src_addr", v->src_addr);
	mb_json_put_str(o, "src_addr_source", v->src_addr_source);
	mb_json_put_str(o, "direction_by", v->src_addr ? "address" : "ports");
	capture_settings(o, v->cap);
	capture_counters(o, v);
	mb_json_put_str(o, "warning", v->cap->warning);
	mb_json_put_str(o, "error", v->cap->error);
	return o;
}

/* ---- problems and CSV ----------------------------------------------------- */

static void problem(json_object *errors, FILE *err, const char *msg)
{
	if (errors)
		json_object_array_add(errors, json_object_new_string(msg));
	if (err)
		fprintf(err, "migbench: %s\n", msg);
}

void mb_report_volume_problems(const struct mb_volume_view *v, json_object *errors, FILE *err)
{
	const struct mb_capture_stats *s = v->cap;
	struct mb_volume_totals t;
	char msg[1024];

	if (!v->vol)
		return;
	mb_volume_totals(v->vol, &t);
	if (s->warning[0])
		problem(errors, err, s->warning);
	if (s->error[0]) {
		snprintf(msg, sizeof(msg), "%s; the capture stopped there: wire figures are lower bounds", s->error);
		problem(errors, err, msg);
	}
	if (s->kernel_drops || s->iface_drops) {
		snprintf(msg, sizeof(msg), "capture on %s: %" PRIu64 " packets dropped by the kernel, %" PRIu64
			 " by the interface: wire figures are lower bounds", s->source, s->kernel_drops, s->iface_drops);
		problem(errors, err, msg);
	}
	if (t.unparsed_packets > s->bad_stamps) {
		snprintf(msg, sizeof(msg), "capture on %s: %" PRIu64 " packets with unreadable headers "
			 "(not counted as payload)", s->source, t.unparsed_packets - s->bad_stamps);
		problem(errors, err, msg);
	}
	if (s->bad_stamps) {
		snprintf(msg, sizeof(msg), "capture on %s: %" PRIu64 " packets with timestamps out of range "
			 "(counted as unparsed, not in the bins)", s->source, s->bad_stamps);
		problem(errors, err, msg);
	}
	if (t.forgotten_holes || t.untracked_packets) {
		snprintf(msg, sizeof(msg), "capture on %s: %" PRIu64 " sequence holes forgotten, %" PRIu64
			 " packets of connections beyond %d: the retransmitted bytes are approximate",
			 s->source, t.forgotten_holes, t.untracked_packets, MB_VOLUME_MAX_FLOWS);
		problem(errors, err, msg);
	}
	if (t.unbinned_packets) {
		snprintf(msg, sizeof(msg), "capture on %s: %" PRIu64 " packets outside the time bins "
			 "(counted in the totals only; a wider --bin covers a longer run)", s->source,
			 t.unbinned_packets);
		problem(errors, err, msg);
	}
}

int mb_report_volume_bins_csv(FILE *f, const struct mb_volume *vol, int64_t t0_ns)
{
	size_t first = 0, n = 0;

	if (fprintf(f, "t_ns,wire_bytes_src_to_dst,wire_bytes_dst_to_src,wire_bytes_other,"
		    "payload_bytes_src_to_dst,payload_bytes_dst_to_src,payload_bytes_other,packets\n") < 0)
		return -1;
	if (!mb_volume_bin_range(vol, &first, &n))
		return 0;
	for (size_t i = first; i < first + n; i++) {
		struct mb_volume_bin b;
		int64_t start;

		mb_volume_bin(vol, i, &b, &start);
		if (fprintf(f, "%" PRId64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64
			    ",%" PRIu64 ",%" PRIu64 "\n", start - t0_ns, b.wire_bytes[0], b.wire_bytes[1],
			    b.wire_bytes[2], b.payload_bytes[0], b.payload_bytes[1], b.payload_bytes[2],
			    b.packets) < 0)
			return -1;
	}
	return 0;
}
