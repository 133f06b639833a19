/* Outage analysis of a probe series: the metric contract of design.md.
 *
 * Pure: no I/O, no clocks, no libvirt.  Fed one finalized probe at a time in
 * sequence order, so a 10-minute 10 kHz series needs no more memory than
 * its outage windows and a bounded reorder buffer.
 *
 * Definitions (the same words as migbench(1) and the JSON):
 *   probe i sent at s_i; answered at r_i, or not at all.
 *   late: answered with r_i - s_i > late_after and <= lost_after.
 *   lost: no answer, or r_i - s_i > lost_after.
 *   outage window: a maximal run of consecutive lost probes k..m;
 *     estimate = s_{m+1} - s_k;
 *     bounds [s_m - s_k, s_{m+1} - s_{k-1}]; with a steady sender
 *     s_m - s_k = s_{m+1} - s_k - interval (design.md's form), and after
 *     a send stall it is the bound that stays true.
 *   downtime = sum of window estimates; resolution = interval.
 *   seed method 1 = lost * interval; seed method 2 = duration * loss ratio.
 *   continuity: number of windows.
 *   response gap: largest time between two consecutive reply arrivals.
 *   reordered: replies that arrived before a reply to a lower seq.
 *   Gap and reordering look at the arrivals of answered probes only.
 */
#ifndef MB_ANALYSIS_OUTAGE_H
#define MB_ANALYSIS_OUTAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One probe, final: the prober hands it over once it is answered or its
 * lost_after deadline has passed. */
struct mb_probe_sample {
	uint64_t seq;      /* 64-bit sequence, consecutive from the first probe */
	int64_t sent_ns;   /* CLOCK_MONOTONIC send time */
	int64_t recv_ns;   /* kernel receive time, CLOCK_MONOTONIC; -1 if none */
	uint32_t replies;  /* replies seen: 0 none, 1 normal, >1 duplicates */
};

struct mb_outage_config {
	int64_t interval_ns;   /* nominal send interval */
	int64_t late_after_ns; /* default 100 ms */
	int64_t lost_after_ns; /* default 1 s */
};

/* The verdict on one probe, by the definitions above; the analyzer's
 * counts and the CSV series both come from this one function. */
enum mb_probe_verdict { MB_PROBE_OK, MB_PROBE_LATE, MB_PROBE_LOST };

enum mb_probe_verdict mb_outage_classify(const struct mb_outage_config *cfg,
					 const struct mb_probe_sample *s);
const char *mb_probe_verdict_name(enum mb_probe_verdict v); /* "ok", "late", "lost" */

struct mb_outage_window {
	uint64_t first_seq, last_seq; /* k and m */
	uint64_t lost;                /* m - k + 1 */
	int64_t start_ns;             /* s_k */
	int64_t end_ns;               /* s_{m+1} (nominal if the series ended in the window) */
	int64_t estimate_ns;
	int64_t lower_ns, upper_ns;
	bool open_start;              /* loss began at the first probe: lower edge unknown */
	bool open_end;                /* loss lasted to the last probe: upper edge unknown */
};

struct mb_outage_result {
	uint64_t sent, answered, lost, late, duplicates, reordered;
	int64_t first_sent_ns, last_sent_ns;
	int64_t downtime_ns;          /* sum of window estimates */
	int64_t resolution_ns;        /* = interval */
	int64_t seed_method1_ns;      /* lost * interval */
	int64_t seed_method2_ns;      /* (last_sent - first_sent) * lost / sent */
	int64_t max_response_gap_ns;  /* 0 if fewer than two replies */
	int64_t rtt_min_ns, rtt_max_ns, rtt_mean_ns; /* over answered probes, late included */
	size_t n_windows;
	const struct mb_outage_window *windows; /* owned by the analyzer */
};

struct mb_outage; /* opaque analyzer */

/* Returns NULL on a bad config (non-positive interval, late_after >
 * lost_after) or out of memory. */
struct mb_outage *mb_outage_new(const struct mb_outage_config *cfg);
void mb_outage_free(struct mb_outage *a);

/* Feed probes in sequence order.  Returns 0, or -1 if the sample is out of
 * order (seq not the successor of the previous) or malformed; the analyzer
 * is unchanged then.  Malformed: sent_ns < 0 or before the previous probe's
 * sent_ns; recv_ns >= 0 with replies == 0 or recv_ns < sent_ns; recv_ns < 0
 * (no reply) with replies != 0. */
int mb_outage_add(struct mb_outage *a, const struct mb_probe_sample *s);

/* Figures so far (complete once every probe was added).  The windows array
 * stays valid until the next mb_outage_add or mb_outage_free. */
void mb_outage_result(struct mb_outage *a, struct mb_outage_result *out);

#endif
