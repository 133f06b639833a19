/* One measured migration: the session that cmd_run drives and reports. */
#ifndef MB_RUN_H
#define MB_RUN_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#include "src/analyze/capture_pipeline.h"
#include "src/common/app_pipeline.h"
#include "src/run/events.h"
#include "src/run/jobstats.h"
#include "src/run/migration.h"
#include "src/probe/probe_pipeline.h"
#include "src/run/run_options.h"
#include "src/run/trigger.h"
#include "src/run/workload.h"
#include "analysis/convergence.h"
#include "src/common/virt.h"
#include "probes/announce.h"

enum mb_run_status {
	MB_RUN_NOT_STARTED, /* stopped before the migration was asked for */
	MB_RUN_COMPLETED,
	MB_RUN_FAILED,
	MB_RUN_ABORTED,     /* by a signal or --timeout */
};

struct mb_timeline {
	struct mb_jobstats *samples;
	size_t n, cap;
};

struct mb_run {
	const struct mb_run_options *opt;
	struct mb_virt_host src, dst;
	bool have_src, have_dst;
	virDomainPtr dom;
	char domain_name[256];
	char target[64];           /* the address probed */
	int target_family;         /* AF_INET or AF_INET6 */
	struct in_addr target_addr; /* the same, parsed: AF_INET */
	struct in6_addr target6;   /* AF_INET6 */
	char target_source[32];    /* "option" (--target), "agent" or "arp" */
	struct mb_probe_pipeline probe;
	bool probing;
	struct mb_capture_pipeline capture;
	bool capturing;
	struct mb_announce *announce; /* the guest's RARP/GARP on the capture link */
	int64_t first_announce_ns;    /* the first after the migration call; -1 none */            /* opened: stopped and reported in finish */
	struct mb_app_pipeline app; /* --app (src/run/run_app.h) */
	bool app_on;               /* opened: stopped and reported in finish */
	bool app_marked;           /* the migration's marks are set */
	struct mb_events events;
	bool have_events;
	char *dst_xml;             /* --dst-xml's text, or NULL */
	struct mb_migration mig;   /* ours; for another's, start_ns, end_ns and done only */
	bool migration_started;    /* asked for, or another's seen under way */
	struct mb_trigger trigger; /* run --trigger's program */
	bool have_trigger;
	int64_t job_seen_ns;       /* another's migration: its job first sampled */
	struct mb_timeline timeline;
	struct mb_outstream *jobstats_csv;
	int64_t completed_ns;      /* guest resumed on dst; else the API's return */
	struct mb_jobstats completed;
	bool have_completed;
	char abort_reason[96];
	char src_state[64];        /* the domain's state on src after the run, */
	char dst_state[64];        /* and on dst: "absent", "running", "paused", ... */
	int64_t t0_ns, t0_realtime_ns;
	int64_t end_ns;            /* when the probes stopped */
	enum mb_run_status status;
	bool out_failed;           /* a series of --out could not be written */
	struct mb_workloads workloads;
	struct mb_dirtyrate dirtyrate;
	struct mb_conv_result *conv; /* the convergence audit; NULL: no migration */
	json_object *errors;       /* strings, in the order they happened */
};

/* Everything from opening the hosts to the tail window; the figures are
 * in run afterwards.  Returns the exit status (src/exitcode.h). */
int mb_run_measure(struct mb_run *run, const struct mb_run_options *opt);
void mb_run_free(struct mb_run *run);

/* Whether migbench itself migrates (run without --trigger): only then
 * does it steer or abort the job. */
bool mb_run_owns_migration(const struct mb_run *run);
/* One job-statistics sample into the timeline and jobstats.csv. */
void mb_run_timeline_add(struct mb_run *run, const struct mb_jobstats *s);

/* cmd_run.c: one measured migration and all its results (the files, the
 * plot, the text on stdout); returns the exit status. */
int mb_run_and_report(const struct mb_run_options *opt);

/* An options parser of run or watch (mb_run_options_parse). */
typedef int (*mb_run_parse_fn)(int argc, char **argv, struct mb_run_options *o, bool *help);

/* The start of run and watch: the command line by PARSE, then the signal
 * handlers and libvirt.  true to go on and measure; false to return
 * *status (0 after --help, or the refusal's or libvirt's exit status,
 * already said on stderr). */
bool mb_run_start(mb_run_parse_fn parse, int argc, char **argv, struct mb_run_options *opt,
		  int *status);

/* Records an error for the report and prints it as "migbench: ..." */
void mb_run_error(struct mb_run *run, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
