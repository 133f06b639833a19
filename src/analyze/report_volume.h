/* Data-volume figures as people and programs read them: the text, the JSON
 * objects and the bins CSV shared by `migbench run` and `migbench analyze`,
 * so both say the same thing in the same words (analysis/volume.h). */
#ifndef MB_REPORT_VOLUME_H
#define MB_REPORT_VOLUME_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <json-c/json.h>

#include "analysis/volume.h"
#include "probes/capture.h"
#include "probes/netlink.h"

/* Everything a report says about the volume; NULL and -1 mean "none". */
struct mb_volume_view {
	const struct mb_volume *vol;          /* NULL: nothing was captured */
	const struct mb_capture_stats *cap;   /* set with vol */
	const char *not_captured;             /* why vol is NULL */
	const char *iface_source;             /* "--iface", "route to ADDR"; NULL offline */
	const char *src_addr;                 /* NULL: direction from the ports */
	const char *src_addr_source;
	const char *link_iface;               /* the link counters' interface */
	const struct mb_link_counters *link;  /* their delta over the capture; NULL if not read */
	int64_t hv_data_processed, hv_memory_processed;
	int64_t t0_ns;                        /* JSON and CSV times are relative to this */
};

/* The wire column of the summary's "data volume" row: "84.3 MiB (1.049x)"
 * or "not captured (why)". */
void mb_report_volume_cell(const struct mb_volume_view *v, char *buf, size_t len);

/* "capture detail:" and its lines: per direction, ratios, throughput, link
 * counters, drops (with a warning line when not zero). */
void mb_report_volume_text(FILE *out, const struct mb_volume_view *v);

/* figures.data_volume: wire_bytes, payload_bytes, retransmitted_bytes,
 * unique_payload_bytes, packets, src_to_dst, dst_to_src, other (each with
 * the same five counts), hypervisor_data_processed, hypervisor_memory_processed,
 * wire_ratio, payload_ratio, throughput, first_packet_ns, last_packet_ns,
 * drops, link, lower_bound.  Always an object; unmeasured figures null. */
json_object *mb_report_volume_figures(const struct mb_volume_view *v);

/* The top-level "capture": how the figures were taken; NULL without vol. */
json_object *mb_report_volume_capture(const struct mb_volume_view *v);

/* Warnings about the capture itself (drops, pcap's warning, an early stop,
 * unparsed or unbinned packets): appended as strings to errors and printed
 * to err (if not NULL) as "migbench: <what>". */
void mb_report_volume_problems(const struct mb_volume_view *v, json_object *errors, FILE *err);

/* The bins from the first to the last with traffic, zeros included:
 * t_ns (bin start relative to t0_ns), wire_bytes_src_to_dst,
 * wire_bytes_dst_to_src, wire_bytes_other, payload_bytes_src_to_dst,
 * payload_bytes_dst_to_src, payload_bytes_other, packets.  0 or -1. */
int mb_report_volume_bins_csv(FILE *f, const struct mb_volume *vol, int64_t t0_ns);

#endif
