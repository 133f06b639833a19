/* The journal of a snapshot IO campaign, in the output directory: the
 * campaign's configuration, what each layer is (snapshot name, overlay
 * file, whether migbench created and removed it, the checksum manifest),
 * the cursor of the next step, every guest command with its exit status
 * and stderr, the measurements, and how the campaign ended.
 *
 * On disk it is an append-only log of JSON lines (analysis/snapio/
 * journal_log.h): the whole state once, then each change; a save appends
 * the changes since the last one and a commit line, and fsyncs.  A save
 * costs what changed, not the campaign so far.  The log is written whole
 * again (one line, atomically) when a campaign starts, resumes or ends.
 *
 * A lock (flock on DIR/.journal.lock) keeps two migbench processes off
 * one campaign. */
#ifndef MB_SNAPIO_JOURNAL_H
#define MB_SNAPIO_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#include "analysis/snapio/journal_log.h"
#include "analysis/snapio/manifest.h"
#include "analysis/snapio/snapio_steps.h"
#include "src/common/agent.h"

#define MB_JOURNAL_NAME "journal.json"

struct mb_snapio_config {
	char id[17];                   /* names this campaign's snapshots, files, pool */
	char host_name[128], host_uri[512];
	char domain[256], uuid[40];
	char disk[64];
	unsigned layers, files;
	uint64_t file_size;
	uint32_t delete_ppm;
	uint64_t seed;
	char guest_dir[1024];          /* the disk's mount point in the guest */
	char campaign_dir[1200];       /* guest_dir/migbench-snapio-ID */
	char fio_file[1250];           /* default job's data file; "" with --fio-job */
	char fio_job_guest[1200];      /* where the job file is put in the guest */
	char fio_job_source[1024];     /* "default" or the user's file */
	char *fio_job;                 /* the job text itself (owned) */
	uint64_t fio_size;
	int64_t fio_runtime_ns;
	unsigned repeat;               /* fio runs at each depth (1 in older journals) */
	bool native;                   /* libvirt reverts (>= 9.9) */
	char base_source[4096];        /* the disk's file at depth 0 */
	char base_format[32];
	char *base_disk_xml;           /* its persistent <disk> element (owned) */
	unsigned long libvirt_version;
};

struct mb_journal {
	char dir[4096];
	char path[4200];
	int lock_fd;
	int fd;                        /* the log, once written whole; -1 before */
	int64_t size;                  /* its length at the last save */
	bool tail_dirty;               /* a failed append may have left bytes past size */
	json_object *doc;              /* the state */
	char *pending;                 /* the changes since the last save, as lines */
	size_t pending_len, pending_cap;
	char broken[256];              /* a change the log refused (a bug of ours) */
	struct mb_jlog_replay replay;  /* what the load found */
};

/* Takes the lock of dir, creating dir first if `create`.  0, or -1 with
 * err (no such directory; another process holds the lock). */
int mb_journal_open(struct mb_journal *j, const char *dir, bool create, char *err, size_t errlen);
bool mb_journal_exists(const struct mb_journal *j);
void mb_journal_close(struct mb_journal *j);

/* A new journal for cfg, with layers 0..N described; not yet saved. */
int mb_journal_init(struct mb_journal *j, const struct mb_snapio_config *cfg,
		    char *err, size_t errlen);
/* Replays the journal (everything checked: a damaged one is refused with
 * the reason) and reads the config in it (cfg's owned strings are
 * allocated: free with mb_snapio_config_free).  j->replay says what a
 * crash left: a torn last line, changes never committed. */
int mb_journal_load(struct mb_journal *j, struct mb_snapio_config *cfg, char *err, size_t errlen);
/* Appends the changes since the last save and fsyncs; the first save
 * after init or load writes the journal whole. */
int mb_journal_save(struct mb_journal *j, char *err, size_t errlen);
/* Writes the journal whole, as one line: the state, no changes. */
int mb_journal_compact(struct mb_journal *j, char *err, size_t errlen);
void mb_snapio_config_free(struct mb_snapio_config *cfg);

/* Layer i (0 = the disk itself): "snapshot", "overlay", "created",
 * "removed", "manifest", "deleted".  Read only: changes go through
 * mb_journal_set_layer (which takes value). */
json_object *mb_journal_layer(struct mb_journal *j, unsigned i);
void mb_journal_set_layer(struct mb_journal *j, unsigned i, const char *key, json_object *value);
const char *mb_journal_layer_str(struct mb_journal *j, unsigned i, const char *key);
bool mb_journal_layer_flag(struct mb_journal *j, unsigned i, const char *key);
void mb_journal_layer_set_flag(struct mb_journal *j, unsigned i, const char *key, bool v);

/* Layer i's manifest (what the campaign directory holds at depth i). */
int mb_journal_get_manifest(struct mb_journal *j, unsigned i, struct mb_manifest *m);
void mb_journal_set_manifest(struct mb_journal *j, unsigned i, const struct mb_manifest *m);

int mb_journal_get_cursor(struct mb_journal *j, struct mb_snapio_cursor *c);
void mb_journal_set_cursor(struct mb_journal *j, const struct mb_snapio_cursor *c);

/* The guest program under way (its pid), so a resumed campaign can wait
 * for it rather than run a second one beside it.  0 when none. */
void mb_journal_set_inflight(struct mb_journal *j, int64_t pid, const char *label);
int64_t mb_journal_inflight(struct mb_journal *j);

void mb_journal_command(struct mb_journal *j, const char *label, const char *path,
			const char *const *argv, size_t argc, const struct mb_agent_result *r,
			int status, const char *why);
/* The same record, for commands run before the journal exists (the
 * preflight), added once it does. */
json_object *mb_journal_command_record(const char *label, const char *path,
				       const char *const *argv, size_t argc,
				       const struct mb_agent_result *r, int status, const char *why);
void mb_journal_add_command(struct mb_journal *j, json_object *record);
void mb_journal_step(struct mb_journal *j, const char *label, int64_t started_realtime_ns,
		     int64_t duration_ns);
void mb_journal_note(struct mb_journal *j, const char *label, const char *text);
/* "running", "failed", "interrupted", "done", "unwound"; reason may be NULL. */
void mb_journal_set_status(struct mb_journal *j, const char *status, const char *label,
			   const char *reason);
const char *mb_journal_status(struct mb_journal *j);

/* Depth d's measurement "integrity" or "fio" (value taken). */
void mb_journal_set_depth(struct mb_journal *j, unsigned d, const char *key, json_object *value);
/* Run k (0-based) of fio at depth d (value taken): run 0 is "fio", the
 * others are appended to "fio_repeats" with their number. */
void mb_journal_add_fio_run(struct mb_journal *j, unsigned d, unsigned k, json_object *value);
/* The fio runs journaled at depth d. */
unsigned mb_journal_fio_runs(struct mb_journal *j, unsigned d);

#endif
