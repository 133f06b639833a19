/* The gnuplot script of a snapshot IO campaign: IOPS of each fio job
 * against the depth of the snapshot chain (the median of its runs with
 * --repeat), with error bars where an interval is given.  Pure: data in,
 * script text out; running gnuplot is the caller's business. */
#ifndef MB_ANALYSIS_SNAPIO_PLOT_H
#define MB_ANALYSIS_SNAPIO_PLOT_H

#include <stddef.h>

struct mb_plot_series {
	const char *name;   /* the fio job */
	const double *y;    /* one value per depth; NaN or negative: not measured */
	/* The error bar per depth (the 95% interval of the median), or NULL
	 * for none; NaN where a depth has none (one run). */
	const double *lo, *hi;
};

struct mb_plot_input {
	const char *terminal;  /* "pngcairo" or "png" */
	const char *output;    /* the image file, as gnuplot should open it */
	const char *title;
	const unsigned *depths; /* x values */
	size_t n_depths;
	const struct mb_plot_series *series;
	size_t n_series;
};

/* A complete gnuplot script (inline data block, one line per series,
 * drawn with yerrorlines when any series has an error bar), or
 * NULL on out of memory or an empty input.  Text from the caller is
 * quoted for gnuplot; control characters become '?'.  Free with free(). */
char *mb_snapio_plot_script(const struct mb_plot_input *in);

#endif
