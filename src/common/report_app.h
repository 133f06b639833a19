/* The application probe's figures (analysis/app.h) as people and programs
 * read them, for `migbench run` (figures.application_impact, the summary
 * row, "application detail:") and `migbench probe` (its "application"
 * block).  Times relative to the document's t0, as every other. */
#ifndef MB_COMMON_REPORT_APP_H
#define MB_COMMON_REPORT_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <json-c/json.h>

#include "analysis/app.h"
#include "src/common/app_pipeline.h"

struct mb_report_app {
	const struct mb_app_pipeline *pipe;
	const struct mb_app_figures *fig;
	const struct mb_app_probe_stats *stats;
	int64_t t0_ns;
	bool migration; /* phases by the migration's marks; else one phase, "run" */
};

/* The JSON block: url, rate, conns, timeout_ns, requests, phases (each
 * phase's start/end, requests, completed, throughput, outcomes, errors,
 * reconnects, latency from scheduled and from sent), migration (the three
 * middle phases together), throughput_ratio, p99_ratio, stall,
 * baseline_p99_ns, brownout, first_ok_after_resume_ns, marks, probe (the
 * thread's own counters).  Without migration: phases has "run" alone and
 * the migration's keys are left out. */
json_object *mb_report_app_json(const struct mb_report_app *r);

/* The summary's cell: "baseline 200/s p99 2.1 ms; migration 151/s (0.76x)
 * p99 1.2 s (560x); stall 1.21 s at +3.25 s; brownout 12 ms". */
void mb_report_app_cell(const struct mb_report_app *r, char *buf, size_t len);

/* "application detail:" and its table, one line a phase. */
void mb_report_app_text(FILE *out, const struct mb_report_app *r);

#endif
