/* gnuplot script of IOPS against chain depth (snapio_plot.h). */
#include "analysis/snapio/snapio_plot.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/gnuplot.h"

static void put_header(FILE *f, const struct mb_plot_input *in)
{
	fputs("# migbench snapio: IOPS of each fio job against the snapshot chain depth.\n", f);
	fputs("# Generated; run it with: gnuplot snapio.gp\n", f);
	fprintf(f, "set terminal %s size 900,600 noenhanced\n",
		!strcmp(in->terminal, "png") ? "png" : "pngcairo");
	fputs("set output ", f);
	mb_gnuplot_put_string(f, in->output);
	fputs("\nset title ", f);
	mb_gnuplot_put_string(f, in->title);
	fputs("\nset xlabel 'snapshot chain depth (external overlays above the disk)'\n"
	      "set ylabel 'IOPS'\n"
	      "set grid\n"
	      "set key outside right top\n"
	      "set xtics 1\n"
	      "set yrange [0:*]\n", f);
}

/* One row per depth; columns are the series, "NaN" where not measured. */
static void put_data(FILE *f, const struct mb_plot_input *in)
{
	fputs("$iops << EOD\n", f);
	for (size_t d = 0; d < in->n_depths; d++) {
		fprintf(f, "%u", in->depths[d]);
		for (size_t s = 0; s < in->n_series; s++) {
			double y = in->series[s].y[d];

			if (isnan(y) || y < 0)
				fputs(" NaN", f);
			else
				fprintf(f, " %.3f", y);
		}
		fputc('\n', f);
	}
	fputs("EOD\n", f);
}

static void put_plot(FILE *f, const struct mb_plot_input *in)
{
	fputs("plot ", f);
	for (size_t s = 0; s < in->n_series; s++) {
		fprintf(f, "%s$iops using 1:%zu with linespoints linewidth 2 pointtype %zu title ",
			s ? ", \\\n     " : "", s + 2, s % 13 + 1);
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
	put_header(f, in);
	put_data(f, in);
	put_plot(f, in);
	if (fclose(f) != 0) {
		free(text);
		return NULL;
	}
	return text;
}
