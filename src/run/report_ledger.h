/* The phase ledger of a run (analysis/ledger.h): its inputs gathered from
 * the run (the call, the events, the wire, the prober, the application
 * probe) and its renderings, the JSON "phases" and "intervals" and the
 * text's table.  Every time relative to the run's t0. */
#ifndef MB_RUN_REPORT_LEDGER_H
#define MB_RUN_REPORT_LEDGER_H

#include <stdio.h>

#include <json-c/json.h>

#include "analysis/app.h"
#include "analysis/ledger.h"

struct mb_run;

/* app: the application figures, NULL without --app.  0, or -1 out of
 * memory (l empty then).  mb_ledger_free afterwards. */
int mb_run_ledger(struct mb_run *run, const struct mb_app_figures *app, struct mb_ledger *l);

/* [{name, t_ns, source}, ...] in order. */
json_object *mb_run_ledger_phases_json(const struct mb_ledger *l);
/* {blackout_ns, announce_ns, reconvergence_ns, app_recovery_ns,
 *  app_stall_ns, brownout_ns, probe_outage_offset_ns}; unknown null. */
json_object *mb_run_ledger_intervals_json(const struct mb_ledger *l);
/* "phase ledger:", a line an instant, then the intervals. */
void mb_run_ledger_text(FILE *out, const struct mb_ledger *l);

#endif
