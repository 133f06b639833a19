#include "config.h"

#include "analysis/campaign_plot.h"

#include <stdio.h>
#include <stdlib.h>

#include "analysis/gnuplot.h"

static void header(FILE *f, const struct mb_campaign_plot *p, int w, int h)
{
	fprintf(f, "set terminal %s size %d,%d noenhanced\nset output ", p->terminal, w, h);
	mb_gnuplot_put_string(f, p->output);
	fputs("\nset datafile separator ','\nset grid\n", f);
}

static void box(FILE *f, const struct mb_campaign_plot *p, bool has, int col, const char *title)
{
	fprintf(f, "set title '%s'\n", title);
	if (!has) {
		fputs("set label 1 'not measured' at graph 0.5, graph 0.5 center\n"
		      "plot [0:1][0:1] 2 notitle\nunset label 1\n", f);
		return;
	}
	/* The 4th column is the factor: one box per scenario, at 1, 2, ... */
	fprintf(f, "set xrange [0.5:%zu.5]\n"
		   "plot 'runs.csv' skip 1 using (1):%d:(0.5):2 with boxplot lc rgb 'navy' notitle, \\\n"
		   "     '' skip 1 using 1:%d with points pt 7 ps 0.6 lc rgb 'red' notitle\n"
		   "set xrange [*:*]\n", p->scenarios, col, col);
}

/* After fclose: only then does buf hold the text. */
static char *finish(FILE *f, char **buf)
{
	if (fclose(f)) {
		free(*buf);
		return NULL;
	}
	return *buf;
}

char *mb_campaign_box_script(const struct mb_campaign_plot *p)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	header(f, p, 1200, 900);
	fputs("set style boxplot outliers pointtype 7\nset style fill solid 0.25\nset bars 0.5\n"
	      "set xtics nomirror\nset multiplot layout 2,2 title 'migbench campaign: each run a red point, "
	      "boxes the quartiles, whiskers 1.5 IQR'\n", f);
	fputs("set ylabel 'ms'\n", f);
	box(f, p, p->has_probe, MB_CPLOT_COL_DOWNTIME_PROBE, "downtime (probe)");
	box(f, p, p->has_hv, MB_CPLOT_COL_DOWNTIME_HV, "downtime (hypervisor)");
	fputs("set ylabel 's'\n", f);
	box(f, p, p->has_total, MB_CPLOT_COL_TOTAL_WIRE, "total time (wire)");
	fputs("set ylabel 'MiB'\n", f);
	box(f, p, p->has_volume, MB_CPLOT_COL_VOLUME_WIRE, "data volume (wire)");
	fputs("unset multiplot\n", f);
	return finish(f, &buf);
}

char *mb_campaign_scatter_script(const struct mb_campaign_plot *p)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	header(f, p, 800, 700);
	fputs("set title 'downtime per run: probe against hypervisor'\n"
	      "set xlabel 'probe downtime (ms)'\nset ylabel 'hypervisor downtime (ms)'\n"
	      "set key top left\n", f);
	if (!p->has_probe || !p->has_hv) {
		fputs("set label 1 'not measured' at graph 0.5, graph 0.5 center\nplot [0:1][0:1] 2 notitle\n", f);
		return finish(f, &buf);
	}
	fprintf(f, "plot for [s=1:%zu] 'runs.csv' skip 1 using (column(1) == s ? column(%d) : NaN):%d "
		   "with points pt 7 ps 1.2 title sprintf('s%%d', s), \\\n"
		   "     x with lines dt 2 lc rgb 'gray40' title 'y = x'\n",
		p->scenarios, MB_CPLOT_COL_DOWNTIME_PROBE, MB_CPLOT_COL_DOWNTIME_HV);
	return finish(f, &buf);
}
