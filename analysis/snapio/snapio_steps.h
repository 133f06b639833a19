/* The steps of a snapshot IO campaign, in order, and where the disk
 * stands at each: the journal records a cursor, resuming continues from
 * it, and the checks before resuming ask what the domain may look like
 * there.  Pure.
 *
 *   build, layer i = 1..N:   snapshot, tag, delete, file 0..F-1, sync, manifest
 *   measure, depth d = N..0: integrity, fio (run 1..R of --repeat R), then
 *       (d > 0) the revert to d-1:
 *       manual: shutdown, drop-metadata, redefine, remove-overlay, start, agent
 *       native: native-revert, agent
 *   unwind (after a failure, on request): the revert from the current
 *       depth straight to 0, then done. */
#ifndef MB_ANALYSIS_SNAPIO_STEPS_H
#define MB_ANALYSIS_SNAPIO_STEPS_H

#include <stdbool.h>
#include <stddef.h>

enum mb_snapio_phase { MB_PHASE_BUILD, MB_PHASE_MEASURE, MB_PHASE_UNWIND, MB_PHASE_DONE };

enum mb_snapio_step {
	MB_STEP_SNAPSHOT, MB_STEP_TAG, MB_STEP_DELETE, MB_STEP_FILE, MB_STEP_SYNC,
	MB_STEP_MANIFEST,
	MB_STEP_INTEGRITY, MB_STEP_FIO,
	MB_STEP_SHUTDOWN, MB_STEP_DROP_METADATA, MB_STEP_REDEFINE, MB_STEP_REMOVE_OVERLAY,
	MB_STEP_START, MB_STEP_AGENT,
	MB_STEP_NATIVE_REVERT,
	MB_STEP_NONE, /* the campaign is done */
};

struct mb_snapio_shape {
	unsigned layers, files;
	bool native; /* libvirt reverts external snapshots itself */
	unsigned repeats; /* fio runs at each depth; 0 is taken as 1 */
};

struct mb_snapio_cursor {
	enum mb_snapio_phase phase;
	enum mb_snapio_step step;
	unsigned n;    /* build: the layer; measure, unwind: the depth before the revert */
	unsigned to;   /* revert steps: the depth reverted to */
	unsigned file; /* MB_STEP_FILE: the file, 0-based */
	unsigned repeat; /* MB_STEP_FIO: the run, 0-based */
};

/* Depth ranges a domain may show at a cursor: the step may or may not
 * have taken effect when a campaign was killed in it. */
struct mb_snapio_expect {
	unsigned disk_lo, disk_hi; /* overlays under the disk's current source */
	unsigned meta_lo, meta_hi; /* snapshots with metadata */
	bool needs_running;        /* the step talks to the guest */
};

void mb_snapio_first(struct mb_snapio_cursor *c);
void mb_snapio_next(const struct mb_snapio_shape *s, struct mb_snapio_cursor *c);
/* From a cursor anywhere, the revert straight to depth 0, from the depth
 * the disk is at; done at once if it is at 0 and nothing is left over
 * (no overlay file, no snapshot metadata, the guest running). */
void mb_snapio_unwind(const struct mb_snapio_shape *s, unsigned depth, bool leftovers,
		      struct mb_snapio_cursor *c);

void mb_snapio_expect(const struct mb_snapio_cursor *c, struct mb_snapio_expect *e);

/* Journal names ("build", "file", ...) and back; -1 for an unknown name. */
const char *mb_snapio_phase_name(enum mb_snapio_phase p);
const char *mb_snapio_step_name(enum mb_snapio_step s);
int mb_snapio_phase_parse(const char *name, enum mb_snapio_phase *p);
int mb_snapio_step_parse(const char *name, enum mb_snapio_step *s);

/* Whether a cursor is one mb_snapio_next could produce for this shape. */
bool mb_snapio_cursor_valid(const struct mb_snapio_shape *s, const struct mb_snapio_cursor *c);

/* "build layer 2/3: file 4/20", "measure depth 3: fio", "measure depth 3:
 * fio 2/5" (with repeats), "revert 3->2: start". */
void mb_snapio_cursor_label(const struct mb_snapio_shape *s, const struct mb_snapio_cursor *c,
			    char *buf, size_t len);

#endif
