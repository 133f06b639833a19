/* A command line written as one option value ("virsh -c 'qemu+tcp://h/system'
 * migrate ...") split into its words by the shell's quoting rules, so a
 * program is run without a shell: no expansion, no globbing, no operators. */
#ifndef MB_ANALYSIS_ARGSPLIT_H
#define MB_ANALYSIS_ARGSPLIT_H

#include <stddef.h>

struct mb_args {
	char **argv;  /* argc words, then NULL: ready for posix_spawn */
	size_t argc;
	char *buf;    /* the words, one allocation */
};

/* Splits s: blanks (space, tab, newline) separate words; '...' keeps
 * everything literally; "..." keeps everything but \" \\ \$ \` and a
 * backslash-newline; outside quotes a backslash keeps the next character.
 * 0 with at least one word in *a (free with mb_args_free), or -1 with
 * *why set: an unterminated quote, a trailing backslash, no word at all,
 * or out of memory. */
int mb_argsplit(const char *s, struct mb_args *a, const char **why);
void mb_args_free(struct mb_args *a);

#endif
