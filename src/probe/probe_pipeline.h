/* The ICMP prober wired to the outage analyzer and the CSV series: the
 * prober's thread only queues samples; the caller drains the queue on its
 * own thread (no disk or analysis on the prober's hot path).  Used by
 * `migbench run` and `migbench probe`. */
#ifndef MB_PROBE_PIPELINE_H
#define MB_PROBE_PIPELINE_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <json-c/json.h>

#include "analysis/outage.h"
#include "probes/icmp.h"
#include "probes/sampleq.h"
#include "src/common/outfile.h"

/* What to probe and how to judge it.  The prober's interval and lost_after
 * are the analyzer's: one setting each, so they cannot disagree. */
struct mb_pipeline_config {
	int family;              /* AF_INET (or 0): target; AF_INET6: target6 */
	struct in_addr target;
	struct in6_addr target6;
	struct mb_outage_config outage;
	enum mb_icmp_socket socket_kind; /* 0: auto */
	bool no_cpu_latency; /* no PM QoS CPU latency request (probes/cpulatency.h) */
	int rt_priority; /* SCHED_FIFO priority for the prober thread (0: normal);
			  * a refusal is not an error, the prober's stats say so */
};

#define MB_PIPELINE_RECENT 4096 /* replies: 4 s at 1 ms, 0.4 s at 100 us */

struct mb_probe_pipeline {
	struct mb_outage_config cfg;
	struct mb_icmp *icmp;
	struct mb_sampleq *queue;
	struct mb_outage *outage;
	struct mb_outstream *csv;    /* NULL: no series written */
	int csv_errno;               /* the first CSV write's failure (0: none):
				      * the series is incomplete */
	uint64_t refused;            /* samples the analyzer refused (a bug) */
	/* The consumer's view of the sequence: the queue drops samples when
	 * full (mb_sampleq_dropped), and the analysis is cut at the first gap. */
	uint64_t next_seq;           /* the sequence number due next */
	bool cut;
	uint64_t cut_seq;            /* cut: the first sequence number missing */
	/* The first reply received at or after watch_ns (a run's resume,
	 * learnt late from an event): the last replies' times are kept, so a
	 * watch set after they were drained still finds them. */
	int64_t recent[MB_PIPELINE_RECENT];
	size_t recent_n;             /* replies seen; recent[i % RECENT] */
	int64_t watch_ns;            /* 0: no watch */
	int64_t first_reply_after_ns; /* -1: none yet */
};

/* Opens the socket, the queue and the analyzer.  0, or an exit status
 * (src/exitcode.h) with the reason in err. */
int mb_pipeline_open(struct mb_probe_pipeline *p, const struct mb_pipeline_config *cfg,
		     char *err, size_t errlen);
/* Adds the CSV series at path: the header now, a line a sample as they are
 * drained.  Before mb_pipeline_start.  0 or MB_EXIT_ENV (reason in err). */
int mb_pipeline_open_csv(struct mb_probe_pipeline *p, const char *path, char *err, size_t errlen);
int mb_pipeline_start(struct mb_probe_pipeline *p, char *err, size_t errlen);
/* Moves queued samples into the analyzer and the CSV.  Call often. */
void mb_pipeline_drain(struct mb_probe_pipeline *p);
/* Drains every period_ns until deadline_ns (CLOCK_MONOTONIC) or until a
 * signal (src/signals.h); false if a signal ended the wait. */
bool mb_pipeline_drain_until(struct mb_probe_pipeline *p, int64_t deadline_ns, int64_t period_ns);
/* From now on, first_reply_after_ns is the earliest reply received at or
 * after t_ns (CLOCK_MONOTONIC; once, a later call is ignored), the replies
 * drained in the last MB_PIPELINE_RECENT included. */
void mb_pipeline_watch_replies(struct mb_probe_pipeline *p, int64_t t_ns);
/* Stops the prober (waits lost_after for late replies); its last samples
 * wait in the queue, which is sized for them, until the next drain.  For
 * callers that stop every producer first, then drain. */
void mb_pipeline_stop_prober(struct mb_probe_pipeline *p);
/* Stops the prober and drains. */
void mb_pipeline_stop(struct mb_probe_pipeline *p);
/* After mb_pipeline_stop: every problem with the measurement itself (the
 * prober's, mb_report_icmp_problems, then samples the analyzer refused and
 * samples dropped on a full queue), appended to the JSON array errors and
 * printed to err as "migbench: prober: ...", once each.  Either may be
 * NULL. */
void mb_pipeline_report_problems(const struct mb_probe_pipeline *p, struct json_object *errors,
				 FILE *err);
/* Whether the target keeps up with the probing rate: of the probes sent
 * so far (during what `when` names, e.g. "the first 1.00 s"), at least
 * MB_PIPELINE_RATE_MIN_ANSWERED answered.  A slow guest's receive ring
 * overflows at high rates and its losses would read as outage.  If not,
 * a one-line warning goes to errors and err (mb_report_problem) and the
 * result is false.  Too few probes to judge (< 20): true. */
#define MB_PIPELINE_RATE_MIN_ANSWERED 0.9
bool mb_pipeline_rate_check(const struct mb_probe_pipeline *p, const char *when,
			    struct json_object *errors, FILE *err);
/* Renames the CSV into place; one that a write failed for is removed
 * instead, with that write's reason in err ("PATH: No space left on
 * device").  0 or -1. */
int mb_pipeline_commit(struct mb_probe_pipeline *p, char *err, size_t errlen);
/* Removes the CSV now (say after csv_errno): a full disk then has room
 * for the other result files. */
void mb_pipeline_discard_csv(struct mb_probe_pipeline *p);
/* Frees everything; a CSV not committed is removed.  A zeroed p is fine. */
void mb_pipeline_free(struct mb_probe_pipeline *p);

#endif
