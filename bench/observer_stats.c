/* bench/observer_stats: the observer-effect table from bench/observer.sh's
 * CSV.  Per variant, the medians of libvirt's total time and downtime with
 * their 95% bootstrap intervals; then each migbench variant against plain
 * virsh: the ratios of the medians with their intervals (analysis/stats).
 *
 *   observer_stats [--seed S] FILE.csv
 *
 * Exit status 0, 1 for usage, 2 when the file cannot be read or is not
 * the benchmark's CSV. */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/stats.h"

#define MAX_RUNS 1000
#define NVARIANTS 4

/* virsh first: the base of every ratio.  A variant with no run in the CSV
 * is left out of both tables. */
static const char *const variant_names[NVARIANTS] = {
	"virsh", "migbench-1ms", "migbench-100us", "migbench-1ms-nodr",
};
static const char *const variant_labels[NVARIANTS] = {
	"`virsh migrate --live --p2p`", "migbench, 1 ms probing, capture on",
	"migbench, 100 µs probing, capture on",
	"migbench, 1 ms probing, capture on, `--no-dirty-rate`",
};

/* The runs of one variant: NaN where a run failed or gave no figure. */
struct variant {
	double total[MAX_RUNS], down[MAX_RUNS];
	size_t runs, from_compute1, from_compute2;
};

/* The CSV's columns this tool reads, found by name in its header. */
enum { C_VARIANT, C_SRC, C_STATUS, C_TOTAL, C_DOWN, NCOLS };
static const char *const col_names[NCOLS] = { "variant", "src", "status", "total_ms", "downtime_ms" };

static int find_columns(char *header, int col[NCOLS])
{
	int i = 0;

	for (int c = 0; c < NCOLS; c++)
		col[c] = -1;
	header[strcspn(header, "\r\n")] = 0;
	for (char *tok = strsep(&header, ","); tok; tok = strsep(&header, ","), i++)
		for (int c = 0; c < NCOLS; c++)
			if (!strcmp(tok, col_names[c]))
				col[c] = i;
	for (int c = 0; c < NCOLS; c++)
		if (col[c] < 0)
			return -1;
	return 0;
}

/* A figure in ms, or NaN when empty or not a number. */
static double figure(const char *s)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	return *s && !*end && !errno && isfinite(v) ? v : NAN;
}

static int add_run(char *line, const int col[NCOLS], struct variant *vs)
{
	const char *f[NCOLS] = { 0 };
	struct variant *v = NULL;
	int i = 0;

	line[strcspn(line, "\r\n")] = 0;
	for (char *tok = strsep(&line, ","); tok; tok = strsep(&line, ","), i++)
		for (int c = 0; c < NCOLS; c++)
			if (col[c] == i)
				f[c] = tok;
	for (int c = 0; c < NCOLS; c++)
		if (!f[c])
			return -1;
	for (int k = 0; k < NVARIANTS; k++)
		if (!strcmp(f[C_VARIANT], variant_names[k]))
			v = &vs[k];
	if (!v || v->runs == MAX_RUNS)
		return -1;
	v->from_compute1 += !strcmp(f[C_SRC], "compute1");
	v->from_compute2 += !strcmp(f[C_SRC], "compute2");
	v->total[v->runs] = strcmp(f[C_STATUS], "completed") ? NAN : figure(f[C_TOTAL]);
	v->down[v->runs] = strcmp(f[C_STATUS], "completed") ? NAN : figure(f[C_DOWN]);
	v->runs++;
	return 0;
}

static int read_csv(const char *path, struct variant *vs)
{
	char line[4096];
	int col[NCOLS], have_header = 0, lineno = 0;
	FILE *f = fopen(path, "r");

	if (!f) {
		fprintf(stderr, "observer_stats: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (!have_header ? find_columns(line, col) : add_run(line, col, vs)) {
			fprintf(stderr, "observer_stats: %s: line %d: not the benchmark's CSV\n", path, lineno);
			fclose(f);
			return -1;
		}
		have_header = 1;
	}
	fclose(f);
	return have_header ? 0 : (fprintf(stderr, "observer_stats: %s: no header\n", path), -1);
}

static void ms_ci(double m, double lo, double hi)
{
	if (isnan(m))
		printf(" n/a |");
	else
		printf(" %.0f ms [%.0f, %.0f] |", m, lo, hi);
}

static int medians_table(const struct variant *vs, uint64_t seed)
{
	puts("| variant | runs (from compute1 / compute2) | completed | median total time [95% CI] |"
	     " median hypervisor downtime [95% CI] |");
	puts("|---|---|---|---|---|");
	for (int k = 0; k < NVARIANTS; k++) {
		struct mb_stats t, d;

		if (k > 0 && vs[k].runs == 0)
			continue;
		if (mb_stats_compute(vs[k].total, vs[k].runs, seed, &t) ||
		    mb_stats_compute(vs[k].down, vs[k].runs, seed, &d))
			return -1;
		printf("| %s | %zu (%zu / %zu) | %zu |", variant_labels[k], vs[k].runs, vs[k].from_compute1,
		       vs[k].from_compute2, t.n);
		ms_ci(t.median, t.median_lo, t.median_hi);
		ms_ci(d.median, d.median_lo, d.median_hi);
		putchar('\n');
	}
	return 0;
}

static int ratio_row(const struct variant *base, const struct variant *v, int k, int downtime,
		     uint64_t seed)
{
	struct mb_stats_ratio q;

	if (mb_stats_ratio_medians(downtime ? base->down : base->total, base->runs,
				   downtime ? v->down : v->total, v->runs, seed, &q))
		return -1;
	printf("| %s | %s |", variant_labels[k], downtime ? "median hypervisor downtime" : "median total time");
	if (isnan(q.ratio))
		printf(" n/a | n/a | n/a | no: not measured |\n");
	else
		printf(" %.3f | [%.3f, %.3f] | %.3f | %s |\n", q.ratio, q.lo, q.hi, q.hi - q.lo,
		       q.contains_one ? "yes" : "**no: target missed**");
	return 0;
}

static int ratios_table(const struct variant *vs, uint64_t seed)
{
	puts("| migbench variant | figure | ratio migbench / virsh | 95% CI (bootstrap) | CI width |"
	     " CI contains 1.0 (the target) |");
	puts("|---|---|---|---|---|---|");
	for (int k = 1; k < NVARIANTS; k++)
		for (int downtime = 0; downtime <= 1 && vs[k].runs; downtime++)
			if (ratio_row(&vs[0], &vs[k], k, downtime, seed))
				return -1;
	return 0;
}

int main(int argc, char **argv)
{
	static struct variant vs[NVARIANTS];
	uint64_t seed = 14;
	char *end;

	if (argc == 4 && !strcmp(argv[1], "--seed")) {
		errno = 0;
		seed = strtoull(argv[2], &end, 10);
		if (!*argv[2] || *end || errno)
			argc = 0;
		argv += 2;
		argc -= argc ? 2 : 0;
	}
	if (argc != 2) {
		fputs("usage: observer_stats [--seed S] FILE.csv\n", stderr);
		return 1;
	}
	if (read_csv(argv[1], vs))
		return 2;
	printf("Medians over the completed runs; intervals: percentile bootstrap, %d resamples, seed %" PRIu64
	       ".\n\n", MB_STATS_BOOTSTRAP, seed);
	if (medians_table(vs, seed) || (putchar('\n'), ratios_table(vs, seed))) {
		fputs("observer_stats: bootstrap: out of memory\n", stderr);
		return 4;
	}
	return 0;
}
