/* The convergence audit of a run (analysis/convergence.h) from its job
 * statistics timeline and events, and its text and JSON. */
#ifndef MB_REPORT_CONVERGENCE_H
#define MB_REPORT_CONVERGENCE_H

#include <stdio.h>

#include <json-c/json.h>

#include "src/run/run.h"

/* After the migration (events stopped): the audit, or NULL when no
 * migration started or out of memory.  Free with free(). */
struct mb_conv_result *mb_run_convergence(const struct mb_run *run);
json_object *mb_convergence_json(const struct mb_conv_result *r);
void mb_convergence_text(FILE *out, const struct mb_conv_result *r);

#endif
