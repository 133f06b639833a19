/* Application impact of a migration: the figures of an open-loop request
 * stream, per phase.
 *
 * Pure: no I/O, no clocks.  Fed one finished request at a time; memory is
 * fixed (two latency histograms per phase, analysis/histogram.h) plus an
 * optional bounded hold-back ring, never per-request storage.
 *
 * Phases, split by marks on the run's clock (any mark may stay unknown; a
 * phase whose start mark is unknown is merged into the one before it):
 *   baseline     until MIGRATION (the migration call)
 *   pre-pause    MIGRATION .. SUSPENDED (source suspended)
 *   paused       SUSPENDED .. RESUMED (destination resumed, or the first
 *                answer after it: the caller chooses)
 *   post-resume  RESUMED .. END (the migration call returned)
 *   tail         END .. TAIL_END (requests due later are not counted)
 * A request belongs to the phase of its SCHEDULED time for its count,
 * latency, outcome and reconnect; throughput counts the ok answers whose
 * done time falls in the phase, over the phase's length.
 *
 * Latency is taken over ok answers only, from the scheduled time (what a
 * user waited: corrected for coordinated omission) and, beside it, from the
 * sent time (what a closed-loop tool would report).
 *
 * Stall: the longest interval in which no request was answered ok (from
 * the first scheduled request, to the end of the data if it never ends).
 * Brownout: from RESUMED until the first of brownout_run consecutive
 * requests answered ok within the baseline's p99 (from scheduled) and
 * done at or after RESUMED; a failure or a slow answer restarts the count.
 *
 * Marks may come while requests are fed (a run learns them from events).
 * A record is classified when it leaves the hold-back ring: with hold > 0,
 * records wait there until mb_app_release(t) says every mark before t is
 * known (or the ring is full, counted in released_early). */
#ifndef MB_ANALYSIS_APP_H
#define MB_ANALYSIS_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum mb_app_outcome {
	MB_APP_OK = 0,      /* a complete answer: HTTP 2xx, or the line echoed */
	MB_APP_HTTP_STATUS, /* a complete HTTP answer whose status is not 2xx */
	MB_APP_TIMEOUT,     /* no complete answer within the timeout */
	MB_APP_RESET,       /* the connection broke: RST, or closed mid-answer */
	MB_APP_REFUSED,     /* connect() refused */
	MB_APP_OTHER,       /* unreachable, malformed answer, ... */
	MB_APP_N_OUTCOMES
};

/* One request, final.  Times are CLOCK_MONOTONIC ns; -1 = did not happen. */
struct mb_app_request {
	uint64_t seq;          /* index on the schedule, from 0 */
	int64_t scheduled_ns;  /* its deadline on the fixed schedule */
	int64_t sent_ns;       /* handed to a connection: connect() started, or
				* the request written on an open one */
	int64_t first_byte_ns; /* first byte of the answer */
	int64_t done_ns;       /* answer complete, failure seen, or timed out */
	enum mb_app_outcome outcome;
	int http_status;       /* 0 when there was no status line */
	bool reconnect;        /* it needed a new connection, not a slot's first */
};

enum mb_app_mark {
	MB_APP_MARK_MIGRATION, MB_APP_MARK_SUSPENDED, MB_APP_MARK_RESUMED,
	MB_APP_MARK_END, MB_APP_MARK_TAIL_END, MB_APP_N_MARKS
};

enum mb_app_phase {
	MB_APP_BASELINE, MB_APP_PRE_PAUSE, MB_APP_PAUSED, MB_APP_POST_RESUME,
	MB_APP_TAIL, MB_APP_N_PHASES
};

#define MB_APP_DEFAULT_BROWNOUT_RUN 10

struct mb_app_config {
	uint32_t brownout_run; /* 0 = MB_APP_DEFAULT_BROWNOUT_RUN */
	size_t hold;           /* hold-back ring slots; 0 = classify at once */
};

struct mb_app_latency {
	uint64_t count;
	int64_t min_ns, p50_ns, p99_ns, p999_ns, max_ns, mean_ns; /* -1 if count 0 */
};

struct mb_app_phase_figures {
	bool known;           /* its start mark is set (the baseline always is) */
	int64_t start_ns;     /* baseline: the first scheduled request */
	int64_t end_ns;       /* the next known mark, else the end of the data */
	uint64_t requests;    /* scheduled in the phase */
	uint64_t completed;   /* ok answers done in the phase */
	double throughput;    /* completed per second of the phase; -1 unknown */
	uint64_t outcomes[MB_APP_N_OUTCOMES]; /* of the requests scheduled in it */
	uint64_t errors;      /* requests not ok */
	uint64_t reconnects;
	struct mb_app_latency from_scheduled, from_sent;
};

struct mb_app_figures {
	uint64_t requests;       /* classified, in any phase */
	uint64_t after_tail;     /* scheduled at or after TAIL_END: not counted */
	uint64_t rejected;       /* malformed records refused by mb_app_add */
	uint64_t released_early; /* classified before mb_app_release said so */
	int64_t first_scheduled_ns, last_done_ns; /* -1 if none */
	int64_t marks[MB_APP_N_MARKS];
	struct mb_app_phase_figures phase[MB_APP_N_PHASES];
	/* MIGRATION .. END: pre-pause, paused and post-resume together; known
	 * when both marks are. */
	struct mb_app_phase_figures migration;
	double throughput_ratio; /* migration / baseline; -1 unknown */
	double p99_ratio;        /* the same for p99 from scheduled; -1 unknown */
	/* Longest stall; start -1 if there was no request at all. */
	int64_t stall_start_ns, stall_end_ns, stall_ns;
	bool stall_open;         /* no ok answer after it: it lasted to the end */
	/* Brownout: -1 when RESUMED or the baseline p99 is unknown, or when
	 * latency never came back (brownout_open; brownout_min_ns then bounds
	 * it from below: the last record's done time - RESUMED). */
	int64_t baseline_p99_ns;
	int64_t brownout_ns, brownout_end_ns, brownout_min_ns;
	bool brownout_open;
	int64_t first_ok_after_resume_ns; /* -1 if none (or RESUMED unknown) */
};

struct mb_app;

/* NULL if out of memory. */
struct mb_app *mb_app_new(const struct mb_app_config *cfg);
void mb_app_free(struct mb_app *a);

/* Sets a mark (t >= 0).  Returns -1, changing nothing, if t breaks the
 * order MIGRATION <= SUSPENDED <= RESUMED <= END <= TAIL_END with a mark
 * already set, or if the mark was already set. */
int mb_app_set_mark(struct mb_app *a, enum mb_app_mark m, int64_t t_ns);

/* Feeds one finished request, in the order they finished.  Returns 0, or
 * -1 (counted in rejected) if it is malformed: scheduled < 0; done before
 * scheduled; sent outside [scheduled, done]; a first byte without a send or
 * outside [sent, done]; an unknown outcome; an answer (ok or an HTTP status)
 * that was never sent. */
int mb_app_add(struct mb_app *a, const struct mb_app_request *r);

/* Classifies held records done before t_ns: every mark before t is known. */
void mb_app_release(struct mb_app *a, int64_t t_ns);

/* Classifies every held record: the stream has ended. */
void mb_app_finish(struct mb_app *a);

/* The figures of the records classified so far. */
void mb_app_result(struct mb_app *a, struct mb_app_figures *out);

/* "baseline", "pre-pause", "paused", "post-resume", "tail" */
const char *mb_app_phase_name(enum mb_app_phase p);
/* "ok", "http-status", "timeout", "reset", "refused", "other" */
const char *mb_app_outcome_name(enum mb_app_outcome o);

/* The per-request CSV of --out (app.csv): times relative to t0, unknown
 * ones empty.  The header has no newline; a row gets one.  Returns the
 * length snprintf would write (>= len: truncated). */
const char *mb_app_csv_header(void);
int mb_app_csv_row(const struct mb_app_request *r, int64_t t0_ns, char *buf, size_t len);

#endif
