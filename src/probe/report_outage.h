/* Outage figures as people and programs read them: the text summary and
 * the JSON objects shared by `migbench probe` and `migbench run`, so both
 * commands say the same thing in the same words (analysis/outage.h). */
#ifndef MB_REPORT_OUTAGE_H
#define MB_REPORT_OUTAGE_H

#include <stddef.h>
#include <stdio.h>

#include <json-c/json.h>

#include "analysis/outage.h"
#include "probes/icmp.h"

enum mb_sample_status { MB_SAMPLE_OK, MB_SAMPLE_LATE, MB_SAMPLE_LOST };

/* One probe classified by the definitions of analysis/outage.h. */
enum mb_sample_status mb_sample_status(const struct mb_probe_sample *s,
				       const struct mb_outage_config *cfg);
const char *mb_sample_status_name(enum mb_sample_status st); /* "ok", "late", "lost" */

/* "no outage", "one window", "N windows" */
void mb_report_continuity(size_t n_windows, char *buf, size_t len);

/* The CSV series: header line, then one line per probe:
 * seq,sent_ns,recv_ns,rtt_ns,status (recv_ns and rtt_ns empty if no reply). */
int mb_report_csv_header(FILE *f);
int mb_report_csv_sample(FILE *f, const struct mb_probe_sample *s,
			 const struct mb_outage_config *cfg);

/* Text summary: counts, downtime, continuity and each window, seeds,
 * response gap, RTT, anomalies.  icmp may be NULL (then "foreign" and the
 * prober's own counters are left out). */
void mb_report_outage_text(FILE *out, const struct mb_outage_result *r,
			   const struct mb_icmp_stats *icmp);

/* JSON "figures": every figure of r in ns, plus "continuity", and the
 * prober's counters under "prober" when icmp is not NULL. */
struct json_object *mb_report_outage_figures(const struct mb_outage_result *r,
					     const struct mb_icmp_stats *icmp);

/* JSON "windows": one object per window with absolute CLOCK_MONOTONIC
 * start_ns/end_ns and start_offset_ns from the first probe. */
struct json_object *mb_report_outage_windows(const struct mb_outage_result *r);

/* Warnings about the measurement itself (send errors, a sender that fell
 * behind, clock steps), appended as strings to the JSON array errors and
 * printed to err (if not NULL) as "migbench: <what>". */
void mb_report_icmp_problems(const struct mb_icmp_stats *icmp, int64_t interval_ns,
			     struct json_object *errors, FILE *err);

/* One such warning: text appended to errors, "migbench: text" to err;
 * either may be NULL. */
void mb_report_problem(struct json_object *errors, FILE *err, const char *text);

#endif
