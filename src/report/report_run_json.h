/* One run's migbench.json as text again (migbench report FILE.json): the
 * head line and the figures table of the live text, from the saved JSON,
 * every field type-checked (a wrong one reads as not measured). */
#ifndef MB_REPORT_RUN_JSON_H
#define MB_REPORT_RUN_JSON_H

#include <stdio.h>

/* The exit status: 0, 1 (not a run's JSON), 2 (unreadable). */
int mb_report_run_json_text(const char *path, FILE *out);

#endif
