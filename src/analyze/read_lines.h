/* Reading a saved log a line at a time for analyze's pure parsers
 * (ping logs, nova's records): NUL bytes in a line are bytes like any
 * other (a damaged log holds them; fgets + strlen would cut the line there
 * and take its rest for the next line), and a line longer than the parser
 * takes is handed over as its first max + 1 bytes only, the rest skipped,
 * so memory does not depend on what the file holds. */
#ifndef MB_ANALYZE_READ_LINES_H
#define MB_ANALYZE_READ_LINES_H

#include <stddef.h>
#include <stdio.h>

/* Called with each line (its "\n" included when there is one); nonzero
 * stops the reading and is returned. */
typedef int mb_line_fn(void *ctx, const char *line, size_t len);

/* Every line of f to fn, in buf[0 .. cap) (cap >= 2: max + 1 bytes of a
 * line and room for its "\n").  Returns 0, fn's nonzero value, or -1 on a
 * read error (errno set). */
int mb_read_lines(FILE *f, char *buf, size_t cap, mb_line_fn *fn, void *ctx);

#endif
