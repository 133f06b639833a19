/* The figures of a snapshot IO campaign, from its journal: per measured
 * depth, the fio runs (one, or --repeat of them), and per job their
 * statistics and the slowdown against depth 0 (analysis/snapio/
 * snapio_stats.h).  What the report's text, JSON, CSV and plot show. */
#ifndef MB_SNAPIO_FIGURES_H
#define MB_SNAPIO_FIGURES_H

#include <stddef.h>

#include <json-c/json.h>

#include "analysis/snapio/snapio_stats.h"
#include "analysis/stats.h"

/* One job at one depth, by the name it has in the depth's first run. */
struct mb_snapio_jobfig {
	const char *name, *rw;
	double *v[MB_SNAPIO_NFIGURES];   /* per run; NaN: not in that run */
	struct mb_stats st[MB_SNAPIO_NFIGURES];
	struct mb_snapio_slowdown slow;  /* of IOPS, against depth 0 */
};

struct mb_snapio_row {
	unsigned depth;
	json_object *o;                  /* the journal's depth object */
	json_object *jobs;               /* the first run's fio.jobs, or NULL */
	size_t n_runs;                   /* fio runs journaled */
	struct mb_snapio_jobfig *jf;     /* one per entry of jobs */
	size_t n_jobs;
};

struct mb_snapio_rows {
	struct mb_snapio_row *r;         /* ascending depth */
	size_t n;
	size_t max_runs;                 /* most runs at a depth: 1 without --repeat */
};

/* From the journal's state (checked when it was loaded).  0, or -1 when
 * out of memory. */
int mb_snapio_rows_load(json_object *journal, struct mb_snapio_rows *rows);
void mb_snapio_rows_free(struct mb_snapio_rows *rows);

/* Run k (0-based) of a depth: its fio object, NULL past the last. */
json_object *mb_snapio_row_run(const struct mb_snapio_row *r, size_t k);

/* A job's figure as the journal has it; NaN when absent or null. */
double mb_snapio_job_figure(json_object *job, enum mb_snapio_figure fig);

/* The same job at depth 0, NULL if depth 0 was not measured or lacks it. */
const struct mb_snapio_jobfig *mb_snapio_base_job(const struct mb_snapio_rows *rows, const char *name);

#endif
