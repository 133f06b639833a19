/* Guest workloads as users write them: the --workload spec, the words of a
 * --guest-exec command line, and what the lab dirtier reports at its end.
 * Pure: text in, figures out. */
#ifndef MB_ANALYSIS_WORKLOAD_H
#define MB_ANALYSIS_WORKLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The dirtier's working set is a whole number of MiB (its --size). */
#define MB_DIRTY_MAX_SIZE_MIB 1048576u /* 1 TiB: beyond any guest we drive */

struct mb_dirty_spec {
	uint64_t size_bytes;    /* a multiple of 1 MiB, at least 1 MiB */
	uint64_t rate_bps;      /* bytes per second; 0 is "max" */
};

/* "dirty:SIZE@RATE": SIZE as mb_parse_size reads it ("128M"), RATE bytes
 * per second the same way ("200M") or "max".  0, or -1 with the reason in
 * why (one phrase, no newline). */
int mb_workload_parse(const char *spec, struct mb_dirty_spec *out, char *why, size_t whylen);

/* The dirtier's --size and --rate arguments (MiB, MiB/s; rate "0" is as
 * fast as it can). */
void mb_workload_dirtier_args(const struct mb_dirty_spec *s, char *size, size_t sizelen,
			      char *rate, size_t ratelen);

/* At most this many words in one --guest-exec, each at most this long. */
#define MB_SPLIT_MAX_WORDS 64
#define MB_SPLIT_MAX_LEN 4096

struct mb_words {
	char *w[MB_SPLIT_MAX_WORDS];
	size_t n;
};

/* Splits a command line by the shell's quoting rules and nothing more:
 * blanks separate words; '...' is literal; "..." is literal but for \" \\
 * \$ \` and a backslash-newline; a backslash outside quotes takes the
 * next character literally.  No expansion of any kind ($, *, ~ stay as
 * they are): nothing runs a shell.  0, or -1 with the reason (an
 * unterminated quote, no word at all, too many or too long words).
 * Free with mb_words_free, also after a failure. */
int mb_split_words(const char *line, struct mb_words *out, char *why, size_t whylen);
void mb_words_free(struct mb_words *w);

/* What the dirtier printed last: "dirtied=N pages seconds=S rate=R MiB/s".
 * True with its rate in bytes per second, its pages and seconds; false
 * when no such line is there. */
bool mb_dirtier_report(const char *out, double *rate_bps, uint64_t *pages, double *secs);

#endif
