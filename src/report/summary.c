#include "config.h"

#include "src/report/summary.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/stats.h"
#include "src/common/exitcode.h"
#include "src/common/json.h"
#include "src/common/outfile.h"
#include "src/report/summary_plot.h"

static const struct {
	const char *key, *title, *unit;
	int decimals;
} figs[MB_NFIGURES] = {
	[MB_FIG_DOWNTIME_PROBE] = { "downtime_probe", "downtime (probe)", "ms", 1 },
	[MB_FIG_DOWNTIME_HV] = { "downtime_hypervisor", "downtime (hypervisor)", "ms", 1 },
	[MB_FIG_TOTAL_WIRE] = { "total_time_wire", "total time (wire)", "s", 3 },
	[MB_FIG_TOTAL_HV] = { "total_time_hypervisor", "total time (hypervisor)", "s", 3 },
	[MB_FIG_VOLUME_WIRE] = { "data_volume_wire", "data volume (wire)", "MiB", 1 },
	[MB_FIG_VOLUME_HV] = { "data_volume_hypervisor", "data processed (hypervisor)", "MiB", 1 },
};

/* The bootstrap's seeds: fixed, so every rendering draws the same. */
#define SEED(fig, s) (UINT64_C(0x6d6967626e6368) + (uint64_t)(fig) * 1000003 + (s))

struct summary {
	struct mb_plan plan;
	size_t nscen, nslots;
	struct mb_saved_run *runs;   /* by slot */
	bool *have;                  /* a complete result in the slot */
	struct mb_stats *stats;      /* [scenario * MB_NFIGURES + figure] */
	struct mb_stats_diff *diffs; /* the same, against scenario 1 */
	size_t measured, failed, missing;
};

static void summary_free(struct summary *s)
{
	mb_plan_free(&s->plan);
	free(s->runs);
	free(s->have);
	free(s->stats);
	free(s->diffs);
}

static int load_runs(struct summary *s, const char *dir)
{
	char sdir[600], rel[700], path[4200];

	for (size_t g = 0; g < s->nslots; g++) {
		size_t sc;
		unsigned k;

		mb_plan_slot(&s->plan, g, &sc, &k);
		mb_plan_dir(&s->plan, sc, sdir, sizeof(sdir));
		snprintf(rel, sizeof(rel), "%s/run%u", sdir, k);
		s->have[g] = !mb_outfile_join(path, sizeof(path), dir, rel) &&
			     !mb_saved_run_read(path, &s->runs[g]) && s->runs[g].complete;
		if (!s->have[g])
			s->missing++;
		else if (s->runs[g].completed)
			s->measured++;
		else
			s->failed++;
	}
	return 0;
}

/* Figure f of every run of scenario sc, NaN where none. */
static void column(const struct summary *s, size_t sc, int f, double *v)
{
	for (unsigned k = 0; k < s->plan.runs; k++) {
		size_t g = (size_t)k * s->nscen + sc;

		v[k] = s->have[g] ? s->runs[g].fig[f] : NAN;
	}
}

static int compute(struct summary *s)
{
	double *a = malloc(s->plan.runs * sizeof(*a)), *b = malloc(s->plan.runs * sizeof(*b));
	int r = a && b ? 0 : -1;

	for (size_t sc = 0; sc < s->nscen && !r; sc++)
		for (int f = 0; f < MB_NFIGURES && !r; f++) {
			column(s, sc, f, b);
			r = mb_stats_compute(b, s->plan.runs, SEED(f, sc), &s->stats[sc * MB_NFIGURES + f]);
			column(s, 0, f, a);
			if (!r && sc)
				r = mb_stats_diff_medians(a, s->plan.runs, b, s->plan.runs, SEED(f, sc + 500000),
							  &s->diffs[sc * MB_NFIGURES + f]);
		}
	free(a);
	free(b);
	return r;
}

static int load(struct summary *s, const char *dir, char *err, size_t len)
{
	memset(s, 0, sizeof(*s));
	if (mb_plan_read(dir, &s->plan, err, len))
		return -1;
	s->nscen = mb_plan_scenarios(&s->plan);
	s->nslots = mb_plan_slots(&s->plan);
	s->runs = calloc(s->nslots, sizeof(*s->runs));
	s->have = calloc(s->nslots, sizeof(*s->have));
	s->stats = calloc(s->nscen * MB_NFIGURES, sizeof(*s->stats));
	s->diffs = calloc(s->nscen * MB_NFIGURES, sizeof(*s->diffs));
	if (!s->runs || !s->have || !s->stats || !s->diffs || load_runs(s, dir) || compute(s)) {
		snprintf(err, len, "out of memory");
		return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------- text -- */

static void cell(FILE *f, int fig, double v, int width)
{
	char b[64];

	if (isnan(v))
		snprintf(b, sizeof(b), "-");
	else
		snprintf(b, sizeof(b), "%.*f", figs[fig].decimals, v);
	fprintf(f, " %*s", width, b);
}

static void interval(FILE *f, int fig, double lo, double hi)
{
	char a[40], b[40], c[90];

	if (isnan(lo) || isnan(hi)) {
		fprintf(f, " %21s", "-");
		return;
	}
	snprintf(a, sizeof(a), "%.*f", figs[fig].decimals, lo);
	snprintf(b, sizeof(b), "%.*f", figs[fig].decimals, hi);
	snprintf(c, sizeof(c), "[%s, %s]", a, b);
	fprintf(f, " %21s", c);
}

static void text_figure(FILE *f, const struct summary *s, int fig)
{
	fprintf(f, "\n%s, %s\n%-5s %3s %7s %9s %9s %9s %9s %9s %9s %21s %21s\n", figs[fig].title,
		figs[fig].unit, "", "n", "missing", "mean", "median", "p95", "min", "max", "sd",
		"mean 95% CI", "median 95% CI");
	for (size_t sc = 0; sc < s->nscen; sc++) {
		const struct mb_stats *st = &s->stats[sc * MB_NFIGURES + fig];
		char tag[32];

		snprintf(tag, sizeof(tag), "s%zu", sc + 1);
		fprintf(f, "%-5s %3zu %7zu", tag, st->n, st->missing);
		cell(f, fig, st->mean, 9);
		cell(f, fig, st->median, 9);
		cell(f, fig, st->p95, 9);
		cell(f, fig, st->min, 9);
		cell(f, fig, st->max, 9);
		cell(f, fig, st->sd, 9);
		interval(f, fig, st->mean_lo, st->mean_hi);
		interval(f, fig, st->median_lo, st->median_hi);
		fputc('\n', f);
	}
}

static void text_diffs(FILE *f, const struct summary *s)
{
	if (s->nscen < 2)
		return;
	fputs("\ndifference of medians against s1 (95% bootstrap interval; \"differs\" when it excludes 0)\n", f);
	for (int fig = 0; fig < MB_NFIGURES; fig++)
		for (size_t sc = 1; sc < s->nscen; sc++) {
			const struct mb_stats_diff *d = &s->diffs[sc * MB_NFIGURES + fig];
			char title[64];

			snprintf(title, sizeof(title), "%s, %s", figs[fig].title, figs[fig].unit);
			fprintf(f, "%-34s s%-3zu", title, sc + 1);
			cell(f, fig, d->diff, 9);
			interval(f, fig, d->lo, d->hi);
			fprintf(f, " %s\n", isnan(d->diff) ? "-" : d->excludes_zero ? "differs" : "no difference shown");
		}
}

static void text_summary(FILE *f, const struct summary *s)
{
	char label[600];

	fprintf(f, "campaign: %zu scenario%s x %u run%s on", s->nscen, s->nscen == 1 ? "" : "s",
		s->plan.runs, s->plan.runs == 1 ? "" : "s");
	for (size_t i = 0; i < s->plan.nhosts; i++)
		fprintf(f, " %s", s->plan.hosts[i]);
	fprintf(f, ": %zu measured, %zu failed, %zu not run\n", s->measured, s->failed, s->missing);
	for (size_t sc = 0; sc < s->nscen; sc++) {
		mb_plan_label(&s->plan, sc, label, sizeof(label));
		fprintf(f, "  s%zu: %s\n", sc + 1, label);
	}
	for (int fig = 0; fig < MB_NFIGURES; fig++)
		text_figure(f, s, fig);
	text_diffs(f, s);
}

/* ---------------------------------------------------------- JSON, CSV -- */

static json_object *stats_json(const struct mb_stats *st, int fig)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "unit", json_object_new_string(figs[fig].unit));
	mb_json_put_stats(o, st);
	return o;
}

static json_object *diff_json(const struct mb_stats_diff *d)
{
	json_object *o = json_object_new_object();

	mb_json_put_double(o, "difference", d->diff);
	mb_json_put_double(o, "low", d->lo);
	mb_json_put_double(o, "high", d->hi);
	json_object_object_add(o, "excludes_zero", json_object_new_boolean(d->excludes_zero));
	return o;
}

static json_object *scenario_json(const struct summary *s, size_t sc)
{
	json_object *o = json_object_new_object(), *st = json_object_new_object();
	json_object *df = sc ? json_object_new_object() : NULL;
	char buf[600];

	mb_plan_label(&s->plan, sc, buf, sizeof(buf));
	json_object_object_add(o, "name", json_object_new_string(buf));
	mb_plan_dir(&s->plan, sc, buf, sizeof(buf));
	json_object_object_add(o, "dir", json_object_new_string(buf));
	for (int fig = 0; fig < MB_NFIGURES; fig++) {
		json_object_object_add(st, figs[fig].key, stats_json(&s->stats[sc * MB_NFIGURES + fig], fig));
		if (df)
			json_object_object_add(df, figs[fig].key, diff_json(&s->diffs[sc * MB_NFIGURES + fig]));
	}
	json_object_object_add(o, "figures", st);
	json_object_object_add(o, "difference_of_medians_against_first", df);
	return o;
}

static json_object *run_json(const struct summary *s, size_t g)
{
	const struct mb_saved_run *r = &s->runs[g];
	json_object *o = json_object_new_object();
	size_t sc;
	unsigned k;

	mb_plan_slot(&s->plan, g, &sc, &k);
	json_object_object_add(o, "scenario", json_object_new_int64((int64_t)sc + 1));
	json_object_object_add(o, "run", json_object_new_int64(k));
	json_object_object_add(o, "src", s->have[g] ? json_object_new_string(r->src) : NULL);
	json_object_object_add(o, "dst", s->have[g] ? json_object_new_string(r->dst) : NULL);
	json_object_object_add(o, "status", json_object_new_string(s->have[g] ? r->status : "not-run"));
	for (int fig = 0; fig < MB_NFIGURES; fig++)
		mb_json_put_double(o, figs[fig].key, r->fig[fig]);
	return o;
}

static json_object *summary_json(const struct summary *s)
{
	json_object *doc = json_object_new_object(), *a = json_object_new_array(), *runs = json_object_new_array();

	json_object_object_add(doc, "migbench_summary", json_object_new_int(1));
	json_object_object_add(doc, "runs_per_scenario", json_object_new_int64(s->plan.runs));
	json_object_object_add(doc, "measured", json_object_new_int64((int64_t)s->measured));
	json_object_object_add(doc, "failed", json_object_new_int64((int64_t)s->failed));
	json_object_object_add(doc, "not_run", json_object_new_int64((int64_t)s->missing));
	for (size_t sc = 0; sc < s->nscen; sc++)
		json_object_array_add(a, scenario_json(s, sc));
	json_object_object_add(doc, "scenarios", a);
	for (size_t g = 0; g < s->nslots; g++)
		json_object_array_add(runs, run_json(s, g));
	json_object_object_add(doc, "results", runs);
	return doc;
}

static void csv_num(FILE *f, double v)
{
	if (isnan(v))
		fputs(",", f);
	else
		fprintf(f, ",%.9g", v);
}

static void summary_csv(FILE *f, const struct summary *s)
{
	fputs("scenario,figure,unit,n,missing,mean,median,p95,min,max,sd,mean_ci_low,mean_ci_high,"
	      "median_ci_low,median_ci_high\n", f);
	for (size_t sc = 0; sc < s->nscen; sc++)
		for (int fig = 0; fig < MB_NFIGURES; fig++) {
			const struct mb_stats *st = &s->stats[sc * MB_NFIGURES + fig];
			const double v[] = { st->mean, st->median, st->p95, st->min, st->max, st->sd,
					     st->mean_lo, st->mean_hi, st->median_lo, st->median_hi };

			fprintf(f, "s%zu,%s,%s,%zu,%zu", sc + 1, figs[fig].key, figs[fig].unit, st->n, st->missing);
			for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
				csv_num(f, v[i]);
			fputc('\n', f);
		}
}

/* One line per slot; the scenario's index first and its tag second for
 * the plots (names are in summary.json: they may hold commas). */
static void runs_csv(FILE *f, const struct summary *s)
{
	fputs("scenario_index,scenario,run,status", f);
	for (int fig = 0; fig < MB_NFIGURES; fig++)
		fprintf(f, ",%s_%s", figs[fig].key, figs[fig].unit);
	fputs(",src,dst\n", f);
	for (size_t g = 0; g < s->nslots; g++) {
		const struct mb_saved_run *r = &s->runs[g];
		size_t sc;
		unsigned k;

		mb_plan_slot(&s->plan, g, &sc, &k);
		fprintf(f, "%zu,s%zu,%u,%s", sc + 1, sc + 1, k, s->have[g] ? r->status : "not-run");
		for (int fig = 0; fig < MB_NFIGURES; fig++)
			csv_num(f, r->fig[fig]);
		/* Host names come from the saved files: no comma or newline. */
		fprintf(f, ",%s,%s\n", s->have[g] && !strpbrk(r->src, ",\n\"") ? r->src : "",
			s->have[g] && !strpbrk(r->dst, ",\n\"") ? r->dst : "");
	}
}

/* ------------------------------------------------------------- writing -- */

typedef void (*render_fn)(FILE *f, const struct summary *s);

static int write_rendered(const char *out_dir, const char *name, render_fn fn, const struct summary *s)
{
	char *buf = NULL, path[4200], err[1024];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int r = -1;

	if (f) {
		fn(f, s);
		if (!fclose(f) && !mb_outfile_join(path, sizeof(path), out_dir, name))
			r = mb_outfile_write_text(path, buf, len, err, sizeof(err));
		else
			snprintf(err, sizeof(err), "%s: out of memory", name);
	}
	if (r)
		fprintf(stderr, "migbench: summary: %s\n", f ? err : "out of memory");
	free(buf);
	return r ? MB_EXIT_ENV : 0;
}

static bool any(const struct summary *s, int fig)
{
	for (size_t i = 0; i < s->nscen; i++)
		if (s->stats[i * MB_NFIGURES + fig].n)
			return true;
	return false;
}

static void plots(const char *out_dir, const struct summary *s)
{
	struct mb_summary_plot_data d = {
		.scenarios = s->nscen, .has_probe = any(s, MB_FIG_DOWNTIME_PROBE),
		.has_hv = any(s, MB_FIG_DOWNTIME_HV), .has_total = any(s, MB_FIG_TOTAL_WIRE),
		.has_volume = any(s, MB_FIG_VOLUME_WIRE),
	};

	mb_summary_plots(out_dir, &d);
}

static int write_files(const char *out_dir, const struct summary *s)
{
	char path[4200], err[1024];
	json_object *doc = summary_json(s);
	int r = 0;

	if (mb_outfile_join(path, sizeof(path), out_dir, "summary.json") ||
	    mb_outfile_write_json(path, doc, err, sizeof(err))) {
		fprintf(stderr, "migbench: summary: %s\n", err);
		r = MB_EXIT_ENV;
	}
	json_object_put(doc);
	r = write_rendered(out_dir, "summary.txt", text_summary, s) ? MB_EXIT_ENV : r;
	r = write_rendered(out_dir, "summary.csv", summary_csv, s) ? MB_EXIT_ENV : r;
	r = write_rendered(out_dir, "runs.csv", runs_csv, s) ? MB_EXIT_ENV : r;
	if (!r)
		plots(out_dir, s);
	return r;
}

int mb_summary_write(const char *dir, const char *out_dir, FILE *text)
{
	struct summary s;
	char err[1024];
	int r = 0;

	if (load(&s, dir, err, sizeof(err))) {
		fprintf(stderr, "migbench: %s: %s\n", dir, err);
		summary_free(&s);
		return MB_EXIT_USAGE;
	}
	if (out_dir && mb_outdir_ensure(out_dir, err, sizeof(err))) {
		fprintf(stderr, "migbench: --out: %s\n", err);
		r = MB_EXIT_ENV;
	} else if (out_dir) {
		r = write_files(out_dir, &s);
	}
	if (text)
		text_summary(text, &s);
	summary_free(&s);
	return r;
}
