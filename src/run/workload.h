/* Guest workloads of a run: the lab dirtier (--workload dirty:SIZE@RATE)
 * and users' own programs (--guest-exec), started through the guest agent
 * before the baseline and stopped after the tail; and the guest's dirty
 * rate as libvirt calculates it during the baseline. */
#ifndef MB_RUN_WORKLOAD_H
#define MB_RUN_WORKLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <json-c/json.h>
#include <libvirt/libvirt.h>

#include "analysis/workload.h"

/* Where the lab guest carries the dirtier. */
#define MB_DIRTIER_PATH "/usr/bin/migbench-dirtier"

struct mb_guest_prog {
	const char *spec;           /* as given on the command line */
	bool dirtier;
	struct mb_dirty_spec dirty;
	struct mb_words words;      /* the program and its arguments */
	int64_t pid;                /* the guest's; -1 not started */
	int64_t started_ns, stopped_ns;
	const char *status;         /* "not started", "running", "stopped", ... */
	bool gone;                  /* the agent saw it end */
	int exitcode, signal;
	char *out, *err;
	size_t out_len, err_len;
	bool out_truncated, err_truncated;
	double achieved_bps;        /* the dirtier's own report; < 0 none */
	char error[1024];
};

struct mb_workloads {
	struct mb_guest_prog *p;
	size_t n;
	bool started;
};

/* libvirt's dirty-rate calculation (virDomainStartDirtyRateCalc). */
struct mb_dirtyrate {
	int seconds;                /* asked for; 0 not asked */
	int64_t bytes_per_s;        /* -1 not measured */
	char mode[32];
	char reason[256];           /* why not measured */
};

/* From the options: the dirtier first, then each --guest-exec.  0, or -1
 * with the reason (the options were checked: only out of memory). */
int mb_workloads_init(struct mb_workloads *w, const char *workload, const char *const *guest_exec,
		      size_t n_guest_exec, int64_t run_for_ns, char *err, size_t errlen);
/* Checks the agent, starts every program and checks each still runs.
 * 0, or -1 with the reason in err (what started is stopped again). */
int mb_workloads_start(struct mb_workloads *w, virDomainPtr dom, char *err, size_t errlen);
/* Stops what runs (SIGTERM, then waits; the agent kills what outlives
 * that) and keeps the exit status and output.  Each failure is one line
 * through report(ctx, line). */
void mb_workloads_stop(struct mb_workloads *w, virDomainPtr dom,
		       void (*report)(void *ctx, const char *line), void *ctx);
void mb_workloads_free(struct mb_workloads *w);

/* No calculation, and why (the JSON's reason). */
void mb_dirtyrate_none(struct mb_dirtyrate *d, const char *why);
/* Starts the calculation over the baseline (seconds from baseline_ns). */
void mb_dirtyrate_start(struct mb_dirtyrate *d, virDomainPtr dom, int64_t baseline_ns);
/* One look at the result: true when it is final (measured or failed). */
bool mb_dirtyrate_collect(struct mb_dirtyrate *d, virDomainPtr dom);

json_object *mb_workload_json(const struct mb_workloads *w, const struct mb_dirtyrate *d,
			      int64_t t0_ns);
void mb_workload_text(FILE *out, const struct mb_workloads *w, const struct mb_dirtyrate *d);

#endif
