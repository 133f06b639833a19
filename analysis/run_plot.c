#include "config.h"

#include "analysis/run_plot.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/gnuplot.h"

static double seconds(int64_t ns)
{
	return (double)ns / 1e9;
}

static size_t n_iterations(const struct mb_run_plot *p)
{
	return p->n_iterations < MB_RUN_PLOT_MAX_ITERATIONS ? p->n_iterations
							    : MB_RUN_PLOT_MAX_ITERATIONS;
}

/* Dotted lines where each iteration started, numbered at the top: arrows
 * 3 and up, labels after the ledger's. */
static void add_iterations(FILE *f, const struct mb_run_plot *p)
{
	for (size_t i = 0; i < n_iterations(p); i++) {
		double x = seconds(p->iteration_ns[i]);

		fprintf(f, "set arrow %zu from first %.6f, graph 0 to first %.6f, graph 1 nohead dt 3 lc rgb 'dark-orange'\n",
			i + 3, x, x);
		fprintf(f, "set label %zu '%lld' at first %.6f, graph 0.97 left offset 0.3,0 tc rgb 'dark-orange'\n",
			p->n_marks + i + 1, (long long)p->iteration_no[i], x);
	}
}

/* The ledger's instants: arrows 10 and up (past the iterations' when
 * there are more than 7 of those), labels 1 and up, on the first panel
 * only. */
static void add_marks(FILE *f, const struct mb_run_plot *p)
{
	size_t first = 3 + n_iterations(p) > 10 ? 3 + n_iterations(p) : 10;

	for (size_t i = 0; i < p->n_marks; i++) {
		double x = seconds(p->marks[i].t_ns);

		fprintf(f, "set arrow %zu from first %.6f, graph 0 to first %.6f, graph 1 nohead dt 3 "
			   "lc rgb 'orange'\nset label %zu ", first + i, x, x, i + 1);
		mb_gnuplot_put_string(f, p->marks[i].name);
		fprintf(f, " at first %.6f, graph 0.98 rotate by 90 right font ',7' tc rgb 'dark-orange'\n", x);
	}
}

static void add_header(FILE *f, const struct mb_run_plot *p, int panels)
{
	fprintf(f, "set terminal %s size 1200,%d noenhanced\nset output ", p->terminal, 300 * panels);
	mb_gnuplot_put_string(f, p->output);
	fputs("\nset datafile separator ','\nset grid\nset key top right\n", f);
	fprintf(f, "set xrange [0:%.6f]\nset xlabel 'seconds since the run started'\n", seconds(p->end_ns));
	fprintf(f, "t0 = %lld\n", (long long)p->t0_ns);
	/* Dashed lines where the migration started and completed. */
	if (p->mig_start_ns >= 0)
		fprintf(f, "set arrow 1 from first %.6f, graph 0 to first %.6f, graph 1 nohead dt 2 lc rgb 'gray30'\n",
		    seconds(p->mig_start_ns), seconds(p->mig_start_ns));
	if (p->mig_completed_ns >= 0)
		fprintf(f, "set arrow 2 from first %.6f, graph 0 to first %.6f, graph 1 nohead dt 2 lc rgb 'dark-green'\n",
		    seconds(p->mig_completed_ns), seconds(p->mig_completed_ns));
	add_iterations(f, p);
	add_marks(f, p);
	fprintf(f, "set multiplot layout %d,1 title ", panels);
	mb_gnuplot_put_string(f, p->title);
	fputc('\n', f);
}

/* Lost probes sit on the floor of the log axis, in red. */
static void add_probes(FILE *f)
{
	fputs("set ylabel 'RTT (ms)'\nset logscale y\nset yrange [0.01:*]\n"
	      "plot 'probes.csv' skip 1 using (($2-t0)/1e9):(strcol(5) eq 'lost' ? NaN : $4/1e6) "
	      "with points pt 7 ps 0.3 lc rgb 'navy' title 'reply RTT', \\\n"
	      "     '' skip 1 using (($2-t0)/1e9):(strcol(5) eq 'lost' ? 0.012 : NaN) "
	      "with points pt 2 ps 0.6 lc rgb 'red' title 'lost probe'\n"
	      "unset logscale y\nset yrange [*:*]\nunset label\n", f);
}

/* Latency from the scheduled time of every request; failures in red on
 * the floor, at their scheduled time. */
static void add_app(FILE *f)
{
	fputs("set ylabel 'request latency (ms)'\nset logscale y\nset yrange [0.01:*]\n"
	      "plot 'app.csv' skip 1 using ($2/1e9):(strcol(8) eq 'ok' ? $6/1e6 : NaN) "
	      "with points pt 7 ps 0.3 lc rgb 'dark-violet' title 'answered, from scheduled', \\\n"
	      "     '' skip 1 using ($2/1e9):(strcol(8) eq 'ok' ? NaN : 0.012) "
	      "with points pt 2 ps 0.6 lc rgb 'red' title 'failed request'\n"
	      "unset logscale y\nset yrange [*:*]\n", f);
}

static void add_bins(FILE *f, int64_t bin_ns)
{
	fprintf(f, "set ylabel 'Gbit/s'\nbin = %.9f\n"
	           "plot 'bins.csv' skip 1 using ($1/1e9):($2*8/bin/1e9) with steps lw 1.5 title 'source -> destination', \\\n"
	           "     '' skip 1 using ($1/1e9):($3*8/bin/1e9) with steps title 'destination -> source'\n",
	           seconds(bin_ns));
}

static void add_remaining(FILE *f, int col)
{
	fprintf(f, "set ylabel 'MiB'\n"
	           "plot 'jobstats.csv' skip 1 using ($1/1e9):($%d/1048576) with steps lw 1.5 "
	           "title 'data remaining (hypervisor)'\n", col);
}

char *mb_run_plot_script(const struct mb_run_plot *p)
{
	int panels = 1 + (p->bin_ns > 0) + (p->jobstats_remaining_col > 0) + p->app_csv;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	if (!p->terminal || !p->output || p->end_ns <= 0)
		return NULL;
	f = open_memstream(&text, &len);
	if (!f)
		return NULL;
	add_header(f, p, panels);
	add_probes(f);
	if (p->app_csv)
		add_app(f);
	if (p->bin_ns > 0)
		add_bins(f, p->bin_ns);
	if (p->jobstats_remaining_col > 0)
		add_remaining(f, p->jobstats_remaining_col);
	fputs("unset multiplot\n", f);
	/* A failed write to a memory stream is out of memory: no script. */
	if (ferror(f) | fclose(f)) {
		free(text);
		return NULL;
	}
	return text;
}
