/* gnuplot script of IOPS against chain depth (snapio_plot.h). */
#include "analysis/snapio/snapio_plot.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/gnuplot.h"

static void put_header(FILE *f, const struct mb_plot_input *in, bool bars)
{
	fputs("# migbench snapio: IOPS of each fio job against the snapshot chain depth.\n", f);
	fputs("# Generated; run it with: gnuplot snapio.gp\n", f);
	fprintf(f, "set terminal %s size 900,600 noenhanced\n",
		!strcmp(in->terminal, "png") ? "png" : "pngcairo");
	fputs("set output ", f);
	mb_gnuplot_put_string(f, in->output);
	fputs("\nset title ", f);
	mb_gnuplot_put_string(f, in->title);
	fputs("\nset xlabel 'snapshot chain depth (external overlays above the disk)'\n", f);
	fputs(bars ? "set ylabel 'IOPS: median of the runs, bars: its 95% interval'\n"
		   : "set ylabel 'IOPS'\n", f);
	fputs("set grid\n"
	      "set key outside right top\n"
	      "set xtics 1\n"
	      "set yrange [0:*]\n", f);
	if (bars) /* room for the bars at the first and last depth */
		fputs("set autoscale xfix\nset offsets 0.1, 0.1, 0, 0\n", f);
}

static bool has_bars(const struct mb_plot_input *in)
{
	for (size_t s = 0; s < in->n_series; s++)
		if (in->series[s].lo && in->series[s].hi)
			return true;
	return false;
}

static void put_value(FILE *f, double y)
{
	if (isnan(y) || y < 0)
		fputs(" NaN", f);
	else
		fprintf(f, " %.3f", y);
}

/* One row per depth; columns are the series (with bars: its value, low
 * and high; a depth without an interval has a bar of no length), "NaN"
 * where not measured. */
static void put_data(FILE *f, const struct mb_plot_input *in, bool bars)
{
	fputs("$iops << EOD\n", f);
	for (size_t d = 0; d < in->n_depths; d++) {
		fprintf(f, "%u", in->depths[d]);
		for (size_t s = 0; s < in->n_series; s++) {
			const struct mb_plot_series *p = &in->series[s];
			double y = p->y[d];
			bool bar = p->lo && p->hi && !isnan(p->lo[d]) && !isnan(p->hi[d]);

			put_value(f, y);
			if (bars) {
				put_value(f, bar ? p->lo[d] : y);
				put_value(f, bar ? p->hi[d] : y);
			}
		}
		fputc('\n', f);
	}
	fputs("EOD\n", f);
}

static void put_plot(FILE *f, const struct mb_plot_input *in, bool bars)
{
	fputs("plot ", f);
	for (size_t s = 0; s < in->n_series; s++) {
		fputs(s ? ", \\\n     " : "", f);
		if (bars)
			fprintf(f, "$iops using 1:%zu:%zu:%zu with yerrorlines", 3 * s + 2, 3 * s + 3,
				3 * s + 4);
		else
			fprintf(f, "$iops using 1:%zu with linespoints", s + 2);
		fprintf(f, " linewidth 2 pointtype %zu title ", s % 13 + 1);
		mb_gnuplot_put_string(f, in->series[s].name);
	}
	fputc('\n', f);
}

char *mb_snapio_plot_script(const struct mb_plot_input *in)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	if (!in->n_depths || !in->n_series || !in->output || !in->terminal)
		return NULL;
	f = open_memstream(&text, &len);
	if (!f)
		return NULL;
	put_header(f, in, has_bars(in));
	put_data(f, in, has_bars(in));
	put_plot(f, in, has_bars(in));
	if (fclose(f) != 0) {
		free(text);
		return NULL;
	}
	return text;
}
