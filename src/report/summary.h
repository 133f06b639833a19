/* A campaign's results read back from its folder, and its summary: the
 * statistics (analysis/stats.h) per scenario and figure, rendered as text,
 * summary.json, summary.csv, runs.csv and the box plots.  The live campaign
 * and "migbench report DIR" both call mb_summary_write on the saved files,
 * so the two summaries are the same bytes.  Saved files are untrusted: a
 * field of the wrong type is a figure not measured, never a crash. */
#ifndef MB_SUMMARY_H
#define MB_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "analysis/sweep.h"

enum {
	MB_FIG_DOWNTIME_PROBE, MB_FIG_DOWNTIME_HV, MB_FIG_TOTAL_WIRE, MB_FIG_TOTAL_HV,
	MB_FIG_VOLUME_WIRE, MB_FIG_VOLUME_HV, MB_NFIGURES,
};

struct mb_saved_run {
	bool complete;     /* a result: not cut short by a signal */
	bool completed;    /* the migration completed */
	bool dst_running;  /* the guest ran on dst afterwards */
	char status[32];   /* "completed", "failed", ...; "" unknown */
	char src[128], dst[128];
	double fig[MB_NFIGURES]; /* in the summary's units; NaN: none */
};

/* DIR/migbench.json of one run: 0, or -1 when absent or not a run. */
int mb_saved_run_read(const char *run_dir, struct mb_saved_run *r);
bool mb_saved_run_complete(const char *run_dir);

/* DIR/campaign.json: 0, or -1 with the reason in err. */
int mb_plan_read(const char *dir, struct mb_plan *p, char *err, size_t len);

/* The summary of the campaign in dir: its text on text, and when out_dir
 * is given summary.txt, summary.json, summary.csv, runs.csv and the plots
 * there.  The exit status: 0, 1 (not a campaign), 2 (a file not written). */
int mb_summary_write(const char *dir, const char *out_dir, FILE *text);

#endif
