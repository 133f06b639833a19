/* gnuplot's string syntax, for text from elsewhere (a domain or host name,
 * a fio job, a path) in a generated script.  Pure: it writes to a stream
 * the caller gives, a memory stream in practice. */
#ifndef MB_ANALYSIS_GNUPLOT_H
#define MB_ANALYSIS_GNUPLOT_H

#include <stdio.h>

/* s as a gnuplot single-quoted string: '' stands for ', a backslash is
 * itself (single quotes have no escapes); control characters and DEL
 * become '?' so no text can end the command.  NULL is the empty ''. */
void mb_gnuplot_put_string(FILE *f, const char *s);

#endif
