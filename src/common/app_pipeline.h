/* The application probe (probes/app.h) wired to its figures
 * (analysis/app.h) and app.csv, as src/probe/probe_pipeline.h wires the
 * ICMP prober: the probe's thread only queues records; the caller drains
 * them on its own thread, sets the phase marks as it learns them and
 * releases the records those marks classify.  Used by `migbench run` and
 * `migbench probe`. */
#ifndef MB_COMMON_APP_PIPELINE_H
#define MB_COMMON_APP_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <json-c/json.h>

#include "analysis/app.h"
#include "probes/app.h"
#include "src/common/outfile.h"

#define MB_APP_DEFAULT_RATE 200.0 /* requests per second */
#define MB_APP_DEFAULT_CONNS 4

struct mb_app_pipeline_config {
	const char *url;
	double rate;
	unsigned conns;
	int64_t timeout_ns;
	const char *csv_path; /* NULL: no app.csv */
	int64_t t0_ns;        /* the run's origin: app.csv's times count from it */
	/* Records held until the marks that classify them are known: the
	 * longest stretch without a release, in seconds (0: classify at once). */
	int64_t hold_s;
};

struct mb_app_pipeline {
	struct mb_app_probe *probe;
	struct mb_app *fig;
	struct mb_outstream *csv;
	int csv_errno;        /* the first CSV write's failure, 0 none */
	int64_t t0_ns;
	double rate;
	unsigned conns;
	int64_t timeout_ns;
	bool started;
	/* The probe's stats when the baseline was judged (start_ns -1: never). */
	struct mb_app_probe_stats baseline_stats;
};

/* Parses the URL, resolves its host, opens app.csv.  0 or an exit status
 * (MB_EXIT_USAGE a bad URL or setting, MB_EXIT_ENV an unknown host or a
 * file) with "what: why" in err. */
int mb_app_pipeline_open(struct mb_app_pipeline *p, const struct mb_app_pipeline_config *cfg,
			 char *err, size_t errlen);
int mb_app_pipeline_start(struct mb_app_pipeline *p, char *err, size_t errlen);
/* Moves finished records into the figures (held, see hold_s) and app.csv. */
void mb_app_pipeline_drain(struct mb_app_pipeline *p);
/* A phase mark, absolute CLOCK_MONOTONIC ns; t < 0 is ignored. */
void mb_app_pipeline_mark(struct mb_app_pipeline *p, enum mb_app_mark m, int64_t t_ns);
/* Every mark before t_ns is set: the records done before it are classified. */
void mb_app_pipeline_release(struct mb_app_pipeline *p, int64_t t_ns);
/* Stops the probe (its requests due finish or time out), drains, and
 * classifies what is held.  Idempotent. */
void mb_app_pipeline_stop(struct mb_app_pipeline *p);
void mb_app_pipeline_result(struct mb_app_pipeline *p, struct mb_app_figures *out);
void mb_app_pipeline_stats(const struct mb_app_pipeline *p, struct mb_app_probe_stats *st);

/* The baseline so far (every record classified, no mark set yet): 0 if
 * the service answered at all; else MB_EXIT_ENV after one line on stderr
 * and errors ("... did not answer a single request during the ..."); a
 * rate the probe did not sustain is said the same way, and returns 0. */
int mb_app_pipeline_check_baseline(struct mb_app_pipeline *p, const char *baseline,
				   json_object *errors, FILE *err);
/* After stop: problems with the measurement itself (records dropped on a
 * full queue, refused by the figures or classified before their marks,
 * a probe thread that died, app.csv incomplete). */
void mb_app_pipeline_report_problems(struct mb_app_pipeline *p, json_object *errors, FILE *err);
/* Renames app.csv into place (see mb_pipeline_commit).  0 or -1. */
int mb_app_pipeline_commit(struct mb_app_pipeline *p, char *err, size_t errlen);
/* A zeroed p is fine. */
void mb_app_pipeline_free(struct mb_app_pipeline *p);

#endif
