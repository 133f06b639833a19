#include "config.h"

#include "analysis/gnuplot.h"

void mb_gnuplot_put_string(FILE *f, const char *s)
{
	fputc('\'', f);
	for (const char *p = s ? s : ""; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '\'')
			fputs("''", f);
		else
			fputc(c < 0x20 || c == 0x7f ? '?' : c, f);
	}
	fputc('\'', f);
}
