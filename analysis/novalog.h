/* nova-compute's log read back into its live migrations, per instance:
 * the times the seed write-up took by hand (grep, awk, date -d), with
 * nova's request id.
 *
 * Pure: the caller reads the file and hands over one line at a time.
 *
 * A line in oslo.log's default form (nova's logging_context_format_string;
 * older nova has no "None"/global request id, newer may write one first):
 *   2018-11-22 09:59:42.442 5 INFO nova.virt.libvirt.migration [req-UUID USER PROJECT - default default] [instance: UUID] MESSAGE
 *   ... [None req-UUID USER PROJECT] ...  ... [req-GLOBAL req-UUID ...] ...  ... [-] ...
 * (the context and the instance may be missing, as in an exception's
 * continuation lines).  Time: see analysis/novatime.h.
 *
 * Messages taken (of an instance; every other message is an entry and
 * nothing more):
 *   start      "Starting monitoring of live migration" (DEBUG),
 *              "About to invoke the migrate API" (DEBUG), else the first of:
 *              "Increasing downtime to D ms after S sec elapsed time"
 *              "Migration running for S secs, memory P% remaining; ..."
 *   end        "Migration operation has completed" | "... has aborted" |
 *              "... was cancelled" | "Live Migration failure: ..."
 *   lifecycle  "VM Paused (Lifecycle Event)", "VM Stopped (Lifecycle Event)"
 *              (the source's; nova may hold a Stopped event back before
 *              it logs it)
 *   finished   "Migrating instance to HOST finished successfully."
 * A migration begins at a start line of an instance with no migration
 * open, or with one that ended or carries another request id; end,
 * lifecycle and finished lines go to the instance's latest migration.
 *
 * Lines: blank; a nova entry; malformed (begins like one - a date - but
 * is not, or a taken message with bad numbers); foreign (anything else).
 * The first few malformed and foreign line numbers are kept. */
#ifndef MB_ANALYSIS_NOVALOG_H
#define MB_ANALYSIS_NOVALOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analysis/novatime.h"

#define MB_NOVALOG_LINE_MAX 8192 /* a longer line is foreign; pass at most this + 1 bytes */
#define MB_NOVALOG_LINES_KEPT 5
#define MB_NOVALOG_ID 64         /* request ids, instance UUIDs (36) */

struct mb_novalog_time {
	struct mb_novatime t;   /* t.set false: not in the log */
	uint64_t line;          /* 1-based */
};

enum mb_nova_outcome {
	MB_NOVA_UNFINISHED,     /* no end line (yet, or the log is cut) */
	MB_NOVA_COMPLETED,
	MB_NOVA_ABORTED,
	MB_NOVA_CANCELLED,
	MB_NOVA_FAILED,         /* "Live Migration failure: ..." */
};

enum mb_nova_start {
	MB_NOVA_START_NONE,     /* the log holds no start line (cut) */
	MB_NOVA_START_MONITOR,  /* "Starting monitoring of live migration" */
	MB_NOVA_START_MIGRATE_API, /* "About to invoke the migrate API" */
	MB_NOVA_START_DOWNTIME, /* the first "Increasing downtime" */
	MB_NOVA_START_PROGRESS, /* the first "Migration running for" */
};

struct mb_nova_migration {
	char instance[MB_NOVALOG_ID];
	char request_id[MB_NOVALOG_ID];        /* "" if none */
	char global_request_id[MB_NOVALOG_ID]; /* "" if none */
	enum mb_nova_start start_from;
	enum mb_nova_outcome outcome;
	struct mb_novalog_time start, first_downtime, last_progress, paused, end, stopped, finished;
	char stopped_request_id[MB_NOVALOG_ID];
	uint64_t downtime_steps;
	int64_t last_downtime_ms;    /* -1: none */
	uint64_t progress_lines;
	int64_t last_progress_secs;  /* -1: none */
	int64_t last_memory_remaining_pct; /* -1: none */
};

struct mb_novalog_info {
	uint64_t lines, blank, entries, malformed, foreign;
	uint64_t events;             /* entries taken into a migration */
	uint64_t unattached;         /* end, lifecycle or finished lines of an instance with no migration */
	uint64_t malformed_line[MB_NOVALOG_LINES_KEPT], foreign_line[MB_NOVALOG_LINES_KEPT];
	uint64_t zoned, unzoned;     /* entries with and without a written offset */
};

struct mb_novalog; /* opaque */

struct mb_novalog *mb_novalog_new(void);
void mb_novalog_free(struct mb_novalog *p);
/* One line, with or without its "\n".  Returns 0, -1 out of memory. */
int mb_novalog_line(struct mb_novalog *p, const char *line, size_t len);
void mb_novalog_info(const struct mb_novalog *p, struct mb_novalog_info *out);
size_t mb_novalog_count(const struct mb_novalog *p);
/* The i-th migration, in order of its first line. */
const struct mb_nova_migration *mb_novalog_migration(const struct mb_novalog *p, size_t i);

/* The figures of one migration: ns, -1 when either end is unknown or the
 * two are not comparable (novatime.h). */
struct mb_nova_figures {
	int64_t start_to_end_ns;      /* the start to "has completed" (or aborted, ...) */
	int64_t start_to_stopped_ns;  /* the start to the source's "VM Stopped": the seed's figure */
	int64_t start_to_finished_ns; /* the start to "finished successfully" */
	int64_t paused_to_end_ns;     /* "VM Paused" to "has completed" */
};

void mb_nova_migration_figures(const struct mb_nova_migration *m, struct mb_nova_figures *f);

const char *mb_nova_outcome_name(enum mb_nova_outcome o);
const char *mb_nova_start_name(enum mb_nova_start s);

#endif
