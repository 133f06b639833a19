/* Drawing a PNG with gnuplot: the script comes from analysis/, gnuplot
 * runs in the output directory, the image is drawn into a new temporary file
 * and renamed, so it is whole or absent.  A plot is never a lost result:
 * failures come back as a reason for a warning. */
#ifndef MB_PLOT_H
#define MB_PLOT_H

#include <stddef.h>

/* Builds the script for a terminal ("pngcairo", else "png") and the file
 * gnuplot should write; NULL on failure.  The caller frees it. */
typedef char *(*mb_plot_script_fn)(void *ctx, const char *terminal, const char *output);

/* A png_name ending in ".svg" is drawn as SVG (terminal "svg").
 * 0, or -1 with gnuplot's own complaint (or ours) in why. */
int mb_plot_draw(const char *dir, const char *png_name, mb_plot_script_fn script, void *ctx,
		 char *why, size_t len);

#endif
