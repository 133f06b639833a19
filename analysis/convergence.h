/* The convergence audit of one migration: from the hypervisor's job
 * statistics, sampled every 100 ms, and the iteration events, what each
 * pre-copy iteration sent against what the guest dirtied meanwhile, why
 * the migration switched over (or did not), and a verdict in words.
 * Pure: the caller gives the samples with times relative to its t0. */
#ifndef MB_ANALYSIS_CONVERGENCE_H
#define MB_ANALYSIS_CONVERGENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One job-statistics sample of the running job; -1: not reported. */
struct mb_conv_sample {
	int64_t t_ns;
	int64_t iteration;          /* memory_iteration (QEMU's dirty-sync count) */
	int64_t processed;          /* data_processed, bytes */
	int64_t remaining;          /* data_remaining, bytes */
	int64_t dirty_rate;         /* memory_dirty_rate, pages/s (0 under TCG) */
	int64_t page_size;          /* memory_page_size, bytes */
	int64_t throttle;           /* auto_converge_throttle, percent */
	int64_t downtime_ms;        /* while running: the expected downtime */
};

/* An iteration-started event (libvirt's migration-iteration). */
struct mb_conv_event {
	int64_t t_ns;
	int64_t iteration;
};

enum mb_conv_outcome {
	MB_CONV_COMPLETED,
	MB_CONV_ABORTED_TIMEOUT,    /* migbench aborted it on --timeout */
	MB_CONV_ABORTED,            /* aborted otherwise (a signal) */
	MB_CONV_FAILED,
};

struct mb_conv_input {
	const struct mb_conv_sample *samples;
	size_t n;
	const struct mb_conv_event *events;
	size_t nevents;
	int64_t start_ns, end_ns;   /* the migration's start (nothing sent yet) and end */
	int64_t postcopy_ns;        /* switched to post-copy; -1 never */
	enum mb_conv_outcome outcome;
	int64_t max_downtime_ms;    /* the limit asked for; -1 libvirt's default */
	int64_t measured_downtime_ms; /* the completed job's; -1 unknown */
	int64_t final_processed;    /* the completed job's data processed; -1 */
};

enum mb_conv_verdict {
	MB_CONV_NO_DATA,            /* no sample of the running job */
	MB_CONV_CONVERGED,
	MB_CONV_THROTTLED,          /* converged only by auto-converge's throttle */
	MB_CONV_POSTCOPY,           /* completed by post-copy */
	MB_CONV_NOT_CONVERGED,
};

struct mb_conv_iter {
	int64_t iteration;
	int64_t start_ns, duration_ns;
	int64_t bytes;              /* data sent during it; -1 unknown */
	int64_t transfer_bps;       /* bytes / duration; -1 unknown */
	int64_t dirty_bps;          /* -1 unknown */
	bool dirty_estimated;       /* from what the next iteration had to send */
	int64_t remaining;          /* data remaining at its start; -1 unknown */
	bool complete;              /* a later iteration started */
};

#define MB_CONV_MAX_ITERS 256

struct mb_conv_result {
	struct mb_conv_iter iters[MB_CONV_MAX_ITERS];
	size_t n;
	size_t dropped;             /* iterations beyond MB_CONV_MAX_ITERS */
	int64_t expected_downtime_ms, measured_downtime_ms;
	int64_t max_throttle;       /* percent; 0 none */
	enum mb_conv_verdict verdict;
	char switchover[160];       /* why it switched over, in words */
	char verdict_text[200];     /* "converged in 3 iterations", ... */
};

/* Fills r (large: do not put it on a small stack). */
void mb_convergence_audit(const struct mb_conv_input *in, struct mb_conv_result *r);
const char *mb_conv_verdict_name(enum mb_conv_verdict v);

#endif
