/* The snapio journal as an append-only log (migbench-snapio(1)): JSON
 * lines.  The first line is the campaign's whole state (the document
 * format 2 describes); every later line is one change to it, and each
 * save ends with a commit line {"saved": REALTIME_NS}.  Replaying applies
 * the changes up to the last commit: what a crash cut short (a torn last
 * line, changes not yet committed) is ignored, so a replayed journal is
 * the state of its last save, as a rewritten file was.
 *
 * Changes, one member naming each:
 *   {"cursor": {...}}                      the next step
 *   {"inflight": null | {"pid", "step"}}   the guest program under way
 *   {"status": S, "failure": null | {...}}
 *   {"command": {...}}, {"step": {...}}, {"note": {...}}   appended
 *   {"layer": I, "set": {KEY: VALUE, ...}} members of layers[I]
 *   {"depth": D, "set": {KEY: VALUE, ...}} members of depth D's measurements
 *
 * The same apply makes every change in memory, so the state a campaign
 * holds and the state a resume replays are one.  Everything is checked:
 * a journal is a file, and files are not trusted for a type, a size or
 * an index.  Pure (json-c). */
#ifndef MB_ANALYSIS_JOURNAL_LOG_H
#define MB_ANALYSIS_JOURNAL_LOG_H

#include <stdbool.h>
#include <stddef.h>

#include <json-c/json.h>

#define MB_JLOG_DOCUMENT "snapio-journal"
#define MB_JLOG_FORMAT 2
#define MB_JLOG_MAX_LAYERS 1000

/* Applies one change to state (which mb_jlog_validate accepted); the
 * change is not taken (its values are shared).  0, or -1 with the reason:
 * an unknown change, a member of the wrong type, an index outside the
 * plan. */
int mb_jlog_apply(json_object *state, json_object *change, char *err, size_t errlen);

struct mb_jlog_replay {
	size_t changes;   /* applied */
	size_t saves;     /* commit lines */
	size_t dropped;   /* complete lines after the last commit, ignored */
	bool torn;        /* the last line was cut short, ignored */
};

/* The state a journal's text describes, or NULL with the reason
 * ("line N: why").  info may be NULL. */
json_object *mb_jlog_replay(const char *text, size_t len, struct mb_jlog_replay *info,
			    char *err, size_t errlen);

/* Checks a state: its document and format, and every member a resume or
 * the report reads, of its type and within the plan (layers 0..N, depths
 * 0..N once each, fio jobs with names and figures).  0, or -1 with the
 * reason. */
int mb_jlog_validate(json_object *state, char *err, size_t errlen);

#endif
