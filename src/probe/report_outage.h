/* Outage figures as people and programs read them: the text summary and
 * the JSON "probe" block shared by `migbench probe`, `migbench run` and
 * `migbench analyze --ping-log`, so all three say the same thing in the
 * same words (analysis/outage.h). */
#ifndef MB_REPORT_OUTAGE_H
#define MB_REPORT_OUTAGE_H

#include <stddef.h>
#include <stdio.h>

#include <json-c/json.h>

#include "analysis/outage.h"
#include "probes/icmp.h"

/* "no outage", "one window", "N windows" */
void mb_report_continuity(size_t n_windows, char *buf, size_t len);

/* The CSV series: header line, then one line per probe:
 * seq,sent_ns,recv_ns,rtt_ns,status (recv_ns and rtt_ns empty if no reply). */
int mb_report_csv_header(FILE *f);
int mb_report_csv_sample(FILE *f, const struct mb_probe_sample *s,
			 const struct mb_outage_config *cfg);

/* Every relative time below counts from t0_ns, the report's origin: the
 * run's t0 for `migbench run` and `migbench probe`, the first probe for a
 * ping log (one origin per document, design.md). */

/* Text summary: counts, downtime, continuity and each window (its start
 * as "+offset" from t0), seeds, response gap, RTT, anomalies.  icmp may be
 * NULL (then "foreign" and the prober's own counters are left out). */
void mb_report_outage_text(FILE *out, const struct mb_outage_result *r,
			   const struct mb_icmp_stats *icmp, int64_t t0_ns);

/* The JSON "probe" block, the same keys in every document (probe, run,
 * analyze --ping-log): every figure of r, "continuity",
 * "first_sent_offset_ns" and each window's "start_offset_ns" from t0,
 * absolute *_ns times on the document's clock, "windows", and the
 * prober's own counters under "prober" (null when icmp is NULL). */
struct json_object *mb_report_outage_json(const struct mb_outage_result *r,
					  const struct mb_icmp_stats *icmp, int64_t t0_ns);

/* Warnings about the measurement itself (send errors, a sender that fell
 * behind, clock steps), appended as strings to the JSON array errors and
 * printed to err (if not NULL) as "migbench: <what>". */
void mb_report_icmp_problems(const struct mb_icmp_stats *icmp, int64_t interval_ns,
			     struct json_object *errors, FILE *err);

/* One such warning: text appended to errors, "migbench: text" to err;
 * either may be NULL. */
void mb_report_problem(struct json_object *errors, FILE *err, const char *text);

#endif
