/* A measured migration as people and programs read it: the text summary
 * (wire figures beside the hypervisor's) and the one JSON document. */
#ifndef MB_REPORT_RUN_H
#define MB_REPORT_RUN_H

#include <stdio.h>

#include <json-c/json.h>

#include "src/run/run.h"

const char *mb_run_status_name(enum mb_run_status s);
/* "libvirt", "program", "external": config.trigger. */
const char *mb_run_trigger_name(enum mb_trigger_kind k);
void mb_report_run_text(FILE *out, struct mb_run *run, int exit_status);
/* {migbench, config, host, trigger, figures, probe (src/probe/report_outage.h),
 *  capture, hypervisor, workload, convergence, timeline, events, errors}; the
 *  caller owns it. */
json_object *mb_report_run_json(struct mb_run *run, int exit_status);

#endif
