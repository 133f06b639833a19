/* One run of "migbench run" with its result files: what a single
 * migration and every run of a campaign do alike. */
#ifndef MB_CMD_RUN_H
#define MB_CMD_RUN_H

#include <stdio.h>

#include "src/run/run.h"

/* Measures (mb_run_measure), writes --json and --out's files and plot,
 * then the text on text (NULL: none).  The exit status; the caller frees
 * run (mb_run_free) in every case. */
int mb_run_one(struct mb_run *run, const struct mb_run_options *opt, FILE *text);

#endif
