/* Result files that are never half-written: everything goes to a temporary
 * file in the destination's directory (so rename() cannot cross file
 * systems) and is renamed into place only once complete and synced.  A
 * path that exists and is not a regular file (/dev/null, /dev/stdout, a
 * FIFO) is written in place: a rename would replace it.
 *
 * Error texts are "what: why" without the "migbench: " prefix. */
#ifndef MB_OUTFILE_H
#define MB_OUTFILE_H

#include <stddef.h>
#include <stdio.h>

#include <json-c/json.h>

/* Creates dir (one level, mode 0755) unless it exists as a directory. */
int mb_outdir_ensure(const char *dir, char *err, size_t errlen);

/* Fails early, before a measurement, if files cannot be created next to
 * path.  Returns 0 or -1. */
int mb_outfile_check(const char *path, char *err, size_t errlen);

/* Pretty-printed JSON, atomically.  Returns 0 or -1. */
int mb_outfile_write_json(const char *path, struct json_object *obj,
			  char *err, size_t errlen);
/* mb_outfile_write_json, then doc released; a failure is one line
 * "migbench: [WHERE: ]OPT: why" on stderr.  0 or MB_EXIT_ENV. */
int mb_outfile_emit_json(const char *where, const char *opt, const char *path,
			 struct json_object *doc);

/* len bytes of buf, atomically.  Returns 0 or -1. */
int mb_outfile_write_text(const char *path, const char *buf, size_t len, char *err, size_t errlen);

/* A stream written over time (e.g. a CSV series), renamed into place by
 * mb_outstream_commit; mb_outstream_abort removes it.  Both free s. */
struct mb_outstream;
int mb_outstream_open(struct mb_outstream **s, const char *path, char *err, size_t errlen);
FILE *mb_outstream_file(struct mb_outstream *s);
const char *mb_outstream_path(const struct mb_outstream *s); /* the target's */
int mb_outstream_commit(struct mb_outstream *s, char *err, size_t errlen);
void mb_outstream_abort(struct mb_outstream *s);
/* Ends a stream whose writes may have failed: aborts s and reports
 * write_errno if it is set, else commits.  s may be NULL (nothing to do,
 * returns 0).  Frees s.  Returns 0 or -1. */
int mb_outstream_finish(struct mb_outstream *s, int write_errno, char *err, size_t errlen);

/* "dir/name" into buf; -1 if it does not fit. */
int mb_outfile_join(char *buf, size_t len, const char *dir, const char *name);

#endif
