#include "config.h"

#include "analysis/run_plot.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A growing string; on failure it stays failed and the script is NULL. */
struct text {
	char *s;
	size_t len, cap;
	bool failed;
};

__attribute__((format(printf, 2, 3)))
static void add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->failed)
		return;
	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(t->s ? t->s + t->len : NULL, t->s ? t->cap - t->len : 0, fmt, ap);
		va_end(ap);
		if (n < 0) {
			t->failed = true;
			return;
		}
		if (t->s && t->len + (size_t)n < t->cap) {
			t->len += (size_t)n;
			return;
		}
		size_t cap = (t->cap + (size_t)n + 1) * 2;
		char *s = realloc(t->s, cap);

		if (!s) {
			t->failed = true;
			return;
		}
		t->s = s;
		t->cap = cap;
	}
}

/* A gnuplot single-quoted string: '' stands for ', control characters
 * become '?' so a name cannot end the line. */
static void add_quoted(struct text *t, const char *v)
{
	add(t, "'");
	for (const char *c = v ? v : ""; *c; c++) {
		if (*c == '\'')
			add(t, "''");
		else
			add(t, "%c", (unsigned char)*c < 0x20 ? '?' : *c);
	}
	add(t, "'");
}

static double seconds(int64_t ns)
{
	return (double)ns / 1e9;
}

static void add_header(struct text *t, const struct mb_run_plot *p, int panels)
{
	add(t, "set terminal %s size 1200,%d noenhanced\nset output ", p->terminal, 300 * panels);
	add_quoted(t, p->output);
	add(t, "\nset datafile separator ','\nset grid\nset key top right\n");
	add(t, "set xrange [0:%.6f]\nset xlabel 'seconds since the run started'\n", seconds(p->end_ns));
	add(t, "t0 = %lld\n", (long long)p->t0_ns);
	/* Dashed lines where the migration started and completed. */
	if (p->mig_start_ns >= 0)
		add(t, "set arrow 1 from first %.6f, graph 0 to first %.6f, graph 1 nohead dt 2 lc rgb 'gray30'\n",
		    seconds(p->mig_start_ns), seconds(p->mig_start_ns));
	if (p->mig_completed_ns >= 0)
		add(t, "set arrow 2 from first %.6f, graph 0 to first %.6f, graph 1 nohead dt 2 lc rgb 'dark-green'\n",
		    seconds(p->mig_completed_ns), seconds(p->mig_completed_ns));
	/* Dotted lines where each iteration started, numbered at the top. */
	for (size_t i = 0; i < p->n_iterations && i < MB_RUN_PLOT_MAX_ITERATIONS; i++) {
		double x = seconds(p->iteration_ns[i]);

		add(t, "set arrow %zu from first %.6f, graph 0 to first %.6f, graph 1 nohead dt 3 lc rgb 'dark-orange'\n",
		    i + 3, x, x);
		add(t, "set label %zu '%lld' at first %.6f, graph 0.97 left offset 0.3,0 tc rgb 'dark-orange'\n",
		    i + 1, (long long)p->iteration_no[i], x);
	}
	add(t, "set multiplot layout %d,1 title ", panels);
	add_quoted(t, p->title);
	add(t, "\n");
}

/* Lost probes sit on the floor of the log axis, in red. */
static void add_probes(struct text *t)
{
	add(t, "set ylabel 'RTT (ms)'\nset logscale y\nset yrange [0.01:*]\n"
	       "plot 'probes.csv' skip 1 using (($2-t0)/1e9):(strcol(5) eq 'lost' ? NaN : $4/1e6) "
	       "with points pt 7 ps 0.3 lc rgb 'navy' title 'reply RTT', \\\n"
	       "     '' skip 1 using (($2-t0)/1e9):(strcol(5) eq 'lost' ? 0.012 : NaN) "
	       "with points pt 2 ps 0.6 lc rgb 'red' title 'lost probe'\n"
	       "unset logscale y\nset yrange [*:*]\n");
}

static void add_bins(struct text *t, int64_t bin_ns)
{
	add(t, "set ylabel 'Gbit/s'\nbin = %.9f\n"
	       "plot 'bins.csv' skip 1 using ($1/1e9):($2*8/bin/1e9) with steps lw 1.5 title 'source -> destination', \\\n"
	       "     '' skip 1 using ($1/1e9):($3*8/bin/1e9) with steps title 'destination -> source'\n",
	    seconds(bin_ns));
}

static void add_remaining(struct text *t, int col)
{
	add(t, "set ylabel 'MiB'\n"
	       "plot 'jobstats.csv' skip 1 using ($1/1e9):($%d/1048576) with steps lw 1.5 "
	       "title 'data remaining (hypervisor)'\n", col);
}

char *mb_run_plot_script(const struct mb_run_plot *p)
{
	struct text t = { 0 };
	int panels = 1 + (p->bin_ns > 0) + (p->jobstats_remaining_col > 0);

	if (!p->terminal || !p->output || p->end_ns <= 0)
		return NULL;
	add_header(&t, p, panels);
	add_probes(&t);
	if (p->bin_ns > 0)
		add_bins(&t, p->bin_ns);
	if (p->jobstats_remaining_col > 0)
		add_remaining(&t, p->jobstats_remaining_col);
	add(&t, "unset multiplot\n");
	if (t.failed) {
		free(t.s);
		return NULL;
	}
	return t.s;
}
