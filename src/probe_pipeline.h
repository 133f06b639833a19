/* The ICMP prober wired to the outage analyzer and the CSV series: the
 * prober's thread only queues samples; the caller drains the queue on its
 * own thread (no disk or analysis on the prober's hot path). */
#ifndef MB_PROBE_PIPELINE_H
#define MB_PROBE_PIPELINE_H

#include <netinet/in.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "analysis/outage.h"
#include "probes/icmp.h"
#include "probes/sampleq.h"
#include "src/outfile.h"

struct mb_probe_pipeline {
	struct mb_outage_config cfg;
	struct mb_icmp *icmp;
	struct mb_sampleq *queue;
	struct mb_outage *outage;
	struct mb_outstream *csv;    /* NULL: no series written */
	atomic_uint_fast64_t overflow; /* times the prober waited on a full queue */
	uint64_t refused;            /* samples the analyzer refused (a bug) */
};

/* Opens the socket, the analyzer and (csv_path not NULL) the series file.
 * rt_priority: SCHED_FIFO priority for the prober thread (0: normal); a
 * refusal is not an error, the prober's stats say so.
 * 0, or an exit status (src/exitcode.h) with the reason in err. */
int mb_pipeline_open(struct mb_probe_pipeline *p, struct in_addr target,
		     const struct mb_outage_config *cfg, int rt_priority, const char *csv_path,
		     char *err, size_t errlen);
int mb_pipeline_start(struct mb_probe_pipeline *p, char *err, size_t errlen);
/* Moves queued samples into the analyzer and the CSV.  Call often. */
void mb_pipeline_drain(struct mb_probe_pipeline *p);
/* Stops the prober (waits lost_after for late replies) and drains. */
void mb_pipeline_stop(struct mb_probe_pipeline *p);
/* Renames the CSV into place.  0 or -1. */
int mb_pipeline_commit(struct mb_probe_pipeline *p, char *err, size_t errlen);
void mb_pipeline_free(struct mb_probe_pipeline *p);

#endif
