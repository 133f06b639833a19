/* The program of "run --trigger": started without a shell once the
 * baseline is over, reaped without blocking while the migration it asks
 * for is measured; its exit status and (bounded) output go into the
 * result. */
#ifndef MB_TRIGGER_H
#define MB_TRIGGER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include <json-c/json.h>

#include "analysis/argsplit.h"

#define MB_TRIGGER_OUTPUT_MAX 16384 /* bytes of its output kept in the JSON */

struct mb_trigger {
	const char *cmdline;  /* as given */
	struct mb_args args;
	pid_t pid;            /* 0: not started */
	bool exited;
	int wstatus;          /* waitpid's, once exited */
	int64_t start_ns, exit_ns;
	FILE *out;            /* its stdout and stderr: an unlinked temporary file */
};

/* Splits cmdline and starts the program: stdin /dev/null, stdout and
 * stderr into a temporary file, default signal dispositions.  0, or -1
 * with the reason (which names the program). */
int mb_trigger_start(struct mb_trigger *t, const char *cmdline, char *err, size_t errlen);
/* Reaps the program if it has exited; true once it has. */
bool mb_trigger_poll(struct mb_trigger *t);
/* Polls until it exits or deadline_ns passes; true if it exited. */
bool mb_trigger_wait(struct mb_trigger *t, int64_t deadline_ns);
/* Exited with a status other than 0, or killed by a signal. */
bool mb_trigger_failed(const struct mb_trigger *t);
/* "exited with status 1", "was killed by signal 9", "is still running". */
void mb_trigger_describe(const struct mb_trigger *t, char *buf, size_t len);
/* The first line of its output, printable ASCII only, for a message. */
void mb_trigger_first_line(const struct mb_trigger *t, char *buf, size_t len);
/* argv, pid, start and exit (relative to t0), exit_status or signal,
 * output (valid UTF-8, at most MB_TRIGGER_OUTPUT_MAX bytes kept),
 * output_bytes, output_truncated. */
json_object *mb_trigger_json(const struct mb_trigger *t, int64_t t0_ns);
void mb_trigger_free(struct mb_trigger *t);

#endif
