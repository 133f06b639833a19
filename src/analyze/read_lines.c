/* A saved log, a line at a time (read_lines.h). */
#include "src/analyze/read_lines.h"

#include <errno.h>

int mb_read_lines(FILE *f, char *buf, size_t cap, mb_line_fn *fn, void *ctx)
{
	size_t len = 0;
	int c, rc;

	errno = 0;
	while ((c = getc(f)) != EOF) {
		if (len < cap)
			buf[len++] = (char)c;
		if (c != '\n')
			continue;
		/* A line cut at cap has lost its "\n": no parser takes it whole. */
		if ((rc = fn(ctx, buf, len)))
			return rc;
		len = 0;
	}
	if (ferror(f))
		return -1;
	return len ? fn(ctx, buf, len) : 0;
}
