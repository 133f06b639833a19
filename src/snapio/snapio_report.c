/* Report of a snapshot IO campaign (snapio_report.h). */
#include "config.h"

#include "src/snapio/snapio_report.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis/snapio/snapio_plot.h"
#include "src/common/json.h"
#include "src/snapio/snapio_figures.h"
#include "analysis/units.h"
#include "src/common/outfile.h"
#include "src/common/plot.h"


/* ------------------------------------------------------------ data */

static json_object *get(json_object *o, const char *key)
{
	json_object *v = NULL;

	if (o)
		json_object_object_get_ex(o, key, &v);
	return v;
}

static double num(json_object *o, const char *key)
{
	json_object *v = get(o, key);

	return v ? json_object_get_double(v) : NAN;
}

/* IOPS lost against depth 0 of a run's job, in percent (positive:
 * slower), against depth 0's median; NaN if depth 0 was not measured. */
static double run_slowdown(const struct mb_snapio_rows *rows, json_object *job)
{
	const struct mb_snapio_jobfig *b = mb_snapio_base_job(rows, json_object_get_string(get(job, "name")));
	double m = b ? b->st[MB_SNAPIO_IOPS].median : NAN, v = num(job, "iops");

	return m > 0 && !isnan(v) ? (1 - v / m) * 100 : NAN;
}

/* ------------------------------------------------------------ text */

static const char *integrity_text(json_object *depth, char *buf, size_t len)
{
	json_object *in = get(depth, "integrity");

	if (!in)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%s (%d files)", json_object_get_boolean(get(in, "ok")) ? "ok" : "FAILED",
			 json_object_get_int(get(in, "files_found")));
	return buf;
}

static void text_header(FILE *f, struct mb_snapio *s, const char *status, bool repeats)
{
	char runs[64] = "";

	if (s->cfg.repeat > 1)
		snprintf(runs, sizeof(runs), ", fio %u times a depth", s->cfg.repeat);
	fprintf(f, "migbench snapio: campaign %s, domain %s, disk %s, %u snapshot layer%s%s (%s)\n",
		s->cfg.id, s->cfg.domain, s->cfg.disk, s->cfg.layers, s->cfg.layers == 1 ? "" : "s",
		runs, status);
	if (repeats)
		fprintf(f, "%5s  %-12s %4s %11s %22s %11s %23s %9s %18s  %s\n", "depth", "job", "runs",
			"IOPS median", "95% CI of the median", "mean", "min..max", "slowdown",
			"its 95% CI", "integrity");
	else
		fprintf(f, "%5s  %-12s %10s %14s %12s %10s  %s\n", "depth", "job", "IOPS", "bandwidth",
			"p99 latency", "slowdown", "integrity");
}

/* One run's row, as the table has been without --repeat. */
static void text_row(FILE *f, const struct mb_snapio_row *r, const struct mb_snapio_jobfig *jf,
		     json_object *job)
{
	char bw[32], p99[32], slow[32], integ[64];
	double lat = num(job, "lat_p99_ns");

	mb_format_size((uint64_t)num(job, "bw_bytes"), bw, sizeof(bw));
	strncat(bw, "/s", sizeof(bw) - strlen(bw) - 1);
	if (isnan(lat))
		snprintf(p99, sizeof(p99), "-");
	else
		mb_format_duration((int64_t)lat, p99, sizeof(p99));
	if (isnan(jf->slow.pct))
		snprintf(slow, sizeof(slow), "-");
	else
		snprintf(slow, sizeof(slow), "%+.1f %%", jf->slow.pct);
	fprintf(f, "%5u  %-12.12s %10.1f %14s %12s %10s  %s\n", r->depth, jf->name, num(job, "iops"),
		bw, p99, slow, integrity_text(r->o, integ, sizeof(integ)));
}

/* "[lo, hi]" (signed: "[+lo, +hi]"), or what stands in for an interval
 * one run cannot give. */
static void interval_text(double lo, double hi, bool sign, char *buf, size_t len)
{
	if (isnan(lo) || isnan(hi))
		snprintf(buf, len, "- (one run)");
	else if (sign)
		snprintf(buf, len, "[%+.1f, %+.1f]", lo, hi);
	else
		snprintf(buf, len, "[%.1f, %.1f]", lo, hi);
}

/* A job's runs at a depth, described. */
static void stats_row(FILE *f, const struct mb_snapio_row *r, const struct mb_snapio_jobfig *jf)
{
	const struct mb_stats *st = &jf->st[MB_SNAPIO_IOPS];
	char ci[96], range[96], slow[32], sci[96], integ[64];

	interval_text(st->median_lo, st->median_hi, false, ci, sizeof(ci));
	snprintf(range, sizeof(range), "%.1f..%.1f", st->min, st->max);
	if (isnan(jf->slow.pct))
		snprintf(slow, sizeof(slow), "-");
	else
		snprintf(slow, sizeof(slow), "%+.1f %%", jf->slow.pct);
	interval_text(jf->slow.pct_lo, jf->slow.pct_hi, true, sci, sizeof(sci));
	if (!isnan(jf->slow.pct_lo))
		strncat(sci, " %", sizeof(sci) - strlen(sci) - 1);
	else if (isnan(jf->slow.pct))
		snprintf(sci, sizeof(sci), "-");
	fprintf(f, "%5u  %-12.12s %4zu %11.1f %22s %11.1f %23s %9s %18s  %s\n", r->depth, jf->name,
		st->n, st->median, ci, st->mean, range, slow, sci,
		integrity_text(r->o, integ, sizeof(integ)));
}

static void print_table(FILE *f, struct mb_snapio *s, const struct mb_snapio_rows *rows,
			const char *status)
{
	bool repeats = rows->max_runs > 1;
	char integ[64];

	text_header(f, s, status, repeats);
	for (size_t i = rows->n; i-- > 0;) {
		const struct mb_snapio_row *r = &rows->r[i];

		for (size_t k = 0; k < r->n_jobs; k++) {
			if (repeats)
				stats_row(f, r, &r->jf[k]);
			else
				text_row(f, r, &r->jf[k], json_object_array_get_idx(r->jobs, k));
		}
		if (!r->n_jobs)
			fprintf(f, "%5u  %-12s %10s %14s %12s %10s  %s\n", r->depth, "(no fio)", "-",
				"-", "-", "-", integrity_text(r->o, integ, sizeof(integ)));
	}
	if (repeats)
		fprintf(f, "IOPS of the runs at each depth; intervals: 95%% percentile bootstrap (%d resamples), none from one run;\n"
			"slowdown: 100 (1 - median IOPS at the depth / median IOPS at depth 0).\n",
			MB_STATS_BOOTSTRAP);
}

/* ------------------------------------------------------------ JSON, CSV */

static json_object *copy(json_object *o)
{
	json_object *c = NULL;

	if (o && json_object_deep_copy(o, &c, NULL) != 0)
		c = NULL;
	return c;
}

static json_object *stats_json(const struct mb_stats *st)
{
	json_object *o = json_object_new_object();

	mb_json_put_stats(o, st);
	return o;
}

static json_object *slowdown_json(const struct mb_snapio_slowdown *d)
{
	json_object *o = json_object_new_object();

	mb_json_put_double(o, "ratio", d->ratio);
	mb_json_put_double(o, "ratio_ci_low", d->ratio_lo);
	mb_json_put_double(o, "ratio_ci_high", d->ratio_hi);
	mb_json_put_double(o, "pct", d->pct);
	mb_json_put_double(o, "pct_ci_low", d->pct_lo);
	mb_json_put_double(o, "pct_ci_high", d->pct_hi);
	return o;
}

static json_object *job_stats_json(const struct mb_snapio_jobfig *jf)
{
	static const char *const keys[MB_SNAPIO_NFIGURES] = { "iops", "bw_bytes", "lat_p99_ns" };
	json_object *o = json_object_new_object();

	mb_json_put_text(o, "name", jf->name, strlen(jf->name));
	mb_json_put_str(o, "rw", jf->rw);
	for (int g = 0; g < MB_SNAPIO_NFIGURES; g++)
		json_object_object_add(o, keys[g], stats_json(&jf->st[g]));
	json_object_object_add(o, "slowdown", slowdown_json(&jf->slow));
	return o;
}

/* The journal's depth (its runs as they came), each job of the first run
 * with the slowdown, then the runs described. */
static json_object *depths_json(const struct mb_snapio_rows *rows)
{
	json_object *arr = json_object_new_array();

	for (size_t i = 0; i < rows->n; i++) {
		const struct mb_snapio_row *r = &rows->r[i];
		json_object *o = copy(r->o), *jobs = get(get(o, "fio"), "jobs"), *st;

		for (size_t k = 0; k < r->n_jobs; k++)
			mb_json_put_double(json_object_array_get_idx(jobs, k), "slowdown_pct", r->jf[k].slow.pct);
		mb_json_put_uint(o, "runs", r->n_runs);
		st = json_object_new_array();
		for (size_t k = 0; k < r->n_jobs; k++)
			json_object_array_add(st, job_stats_json(&r->jf[k]));
		json_object_object_add(o, "stats", st);
		json_object_array_add(arr, o);
	}
	return arr;
}

static json_object *layers_json(struct mb_snapio *s)
{
	json_object *arr = json_object_new_array();

	for (unsigned i = 1; i <= s->cfg.layers; i++) {
		json_object *l = mb_journal_layer(&s->journal, i), *o = json_object_new_object();
		json_object *man = get(l, "manifest"), *del = get(l, "deleted");

		json_object_object_add(o, "layer", json_object_new_int((int)i));
		json_object_object_add(o, "snapshot", copy(get(l, "snapshot")));
		json_object_object_add(o, "overlay", copy(get(l, "overlay")));
		json_object_object_add(o, "created", copy(get(l, "created")));
		json_object_object_add(o, "removed", copy(get(l, "removed")));
		json_object_object_add(o, "files", man ? json_object_new_int(json_object_object_length(man)) : NULL);
		json_object_object_add(o, "deleted", del ? json_object_new_int((int)json_object_array_length(del)) : NULL);
		json_object_array_add(arr, o);
	}
	return arr;
}

static json_object *report_json(struct mb_snapio *s, const struct mb_snapio_rows *rows,
				const char *status, int rc)
{
	json_object *doc = json_object_new_object(), *mb = json_object_new_object();
	json_object *host = json_object_new_object();

	json_object_object_add(mb, "version", json_object_new_string(PACKAGE_VERSION));
	json_object_object_add(mb, "mode", json_object_new_string("snapio"));
	json_object_object_add(mb, "status", json_object_new_string(status));
	json_object_object_add(mb, "exit_status", json_object_new_int(rc));
	json_object_object_add(doc, "migbench", mb);
	json_object_object_add(doc, "config", copy(get(s->journal.doc, "config")));
	json_object_object_add(host, "name", json_object_new_string(s->cfg.host_name));
	json_object_object_add(host, "uri", json_object_new_string(s->host.host.uri));
	json_object_object_add(host, "hostname", json_object_new_string(s->host.hostname));
	json_object_object_add(host, "libvirt_version", json_object_new_int64((int64_t)s->host.libvirt_version));
	json_object_object_add(doc, "host", host);
	json_object_object_add(doc, "layers", layers_json(s));
	json_object_object_add(doc, "depths", depths_json(rows));
	json_object_object_add(doc, "steps", copy(get(s->journal.doc, "steps")));
	json_object_object_add(doc, "notes", copy(get(s->journal.doc, "notes")));
	json_object_object_add(doc, "failure", copy(get(s->journal.doc, "failure")));
	return doc;
}

static void csv_num(FILE *f, double v)
{
	if (isnan(v))
		fputs(",", f);
	else
		fprintf(f, ",%.3f", v);
}

/* Job names come from fio job files: quoted as CSV text. */
static void csv_text(FILE *f, const char *text)
{
	fputc('"', f);
	for (const char *p = text; *p; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	fputc('"', f);
}

/* snapio.csv: one row per depth, job and run. */
static void write_csv_rows(FILE *f, const struct mb_snapio_rows *rows)
{
	fputs("depth,job,rw,iops,bw_bytes,lat_p50_ns,lat_p99_ns,lat_mean_ns,slowdown_pct,integrity,repeat\n", f);
	for (size_t i = 0; i < rows->n; i++) {
		const struct mb_snapio_row *r = &rows->r[i];
		json_object *in = get(r->o, "integrity");

		for (size_t k = 0; k < r->n_runs; k++) {
			json_object *jobs = get(mb_snapio_row_run(r, k), "jobs");

			for (size_t m = 0; m < json_object_array_length(jobs); m++) {
				json_object *j = json_object_array_get_idx(jobs, m);

				fprintf(f, "%u,", r->depth);
				csv_text(f, json_object_get_string(get(j, "name")));
				fprintf(f, ",%s", json_object_get_string(get(j, "rw")));
				csv_num(f, num(j, "iops"));
				csv_num(f, num(j, "bw_bytes"));
				csv_num(f, num(j, "lat_p50_ns"));
				csv_num(f, num(j, "lat_p99_ns"));
				csv_num(f, num(j, "lat_mean_ns"));
				csv_num(f, run_slowdown(rows, j));
				fprintf(f, ",%s,%zu\n", !in ? "" : json_object_get_boolean(get(in, "ok"))
					? "ok" : "failed", k + 1);
			}
		}
	}
}

/* snapio-stats.csv: one row per depth and job, its runs described. */
static void write_stats_rows(FILE *f, const struct mb_snapio_rows *rows)
{
	fputs("depth,job,rw,n,iops_mean,iops_median,iops_median_ci_low,iops_median_ci_high,"
	      "iops_mean_ci_low,iops_mean_ci_high,iops_min,iops_max,iops_sd,bw_bytes_median,"
	      "lat_p99_ns_median,slowdown_pct,slowdown_pct_ci_low,slowdown_pct_ci_high\n", f);
	for (size_t i = 0; i < rows->n; i++) {
		for (size_t k = 0; k < rows->r[i].n_jobs; k++) {
			const struct mb_snapio_jobfig *jf = &rows->r[i].jf[k];
			const struct mb_stats *st = &jf->st[MB_SNAPIO_IOPS];
			const double v[] = {
				st->mean, st->median, st->median_lo, st->median_hi, st->mean_lo, st->mean_hi,
				st->min, st->max, st->sd, jf->st[MB_SNAPIO_BW].median,
				jf->st[MB_SNAPIO_P99].median, jf->slow.pct, jf->slow.pct_lo, jf->slow.pct_hi,
			};

			fprintf(f, "%u,", rows->r[i].depth);
			csv_text(f, jf->name);
			fprintf(f, ",%s,%zu", jf->rw, st->n);
			for (size_t m = 0; m < sizeof(v) / sizeof(v[0]); m++)
				csv_num(f, v[m]);
			fputc('\n', f);
		}
	}
}

static int out_path(struct mb_snapio *s, const char *name, char *buf, size_t len)
{
	return mb_outfile_join(buf, len, s->journal.dir, name);
}

static int write_text_file(struct mb_snapio *s, const char *name, const char *text,
			   void (*fill)(FILE *, const struct mb_snapio_rows *),
			   const struct mb_snapio_rows *rows)
{
	char path[4200], err[1024];
	struct mb_outstream *out;

	if (out_path(s, name, path, sizeof(path))) {
		fprintf(stderr, "migbench: %s: path too long\n", name);
		return -1;
	}
	if (mb_outstream_open(&out, path, err, sizeof(err))) {
		fprintf(stderr, "migbench: %s\n", err);
		return -1;
	}
	if (text)
		fputs(text, mb_outstream_file(out));
	else
		fill(mb_outstream_file(out), rows);
	if (mb_outstream_commit(out, err, sizeof(err))) {
		fprintf(stderr, "migbench: %s\n", err);
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------ plot */

/* Job names in order of first appearance; per depth the median IOPS and,
 * with repeated runs, the 95% interval of the median as error bar. */
struct plot_data {
	const char *names[64];
	double *y[64], *lo[64], *hi[64];
	unsigned *depths;
	size_t n_series, n_depths;
	bool bars;
};

static void plot_data_free(struct plot_data *p)
{
	for (size_t i = 0; i < p->n_series; i++) {
		free(p->y[i]);
		free(p->lo[i]);
		free(p->hi[i]);
	}
	free(p->depths);
}

static int series_of(struct plot_data *p, const char *name)
{
	size_t n = p->n_series;

	for (size_t i = 0; i < n; i++)
		if (!strcmp(p->names[i], name))
			return (int)i;
	if (n == 64)
		return -1;
	p->y[n] = malloc(p->n_depths * sizeof(double));
	p->lo[n] = malloc(p->n_depths * sizeof(double));
	p->hi[n] = malloc(p->n_depths * sizeof(double));
	p->names[n] = name;
	p->n_series++; /* freed with the others even when incomplete */
	if (!p->y[n] || !p->lo[n] || !p->hi[n])
		return -1;
	for (size_t d = 0; d < p->n_depths; d++)
		p->y[n][d] = p->lo[n][d] = p->hi[n][d] = NAN;
	return (int)n;
}

static int plot_data(struct plot_data *p, const struct mb_snapio_rows *rows)
{
	memset(p, 0, sizeof(*p));
	p->n_depths = rows->n;
	p->bars = rows->max_runs > 1;
	p->depths = calloc(rows->n + 1, sizeof(unsigned));
	if (!p->depths)
		return -1;
	for (size_t i = 0; i < rows->n; i++) {
		p->depths[i] = rows->r[i].depth;
		for (size_t k = 0; k < rows->r[i].n_jobs; k++) {
			const struct mb_stats *st = &rows->r[i].jf[k].st[MB_SNAPIO_IOPS];
			int sidx = series_of(p, rows->r[i].jf[k].name);

			if (sidx < 0)
				continue;
			p->y[sidx][i] = st->median;
			p->lo[sidx][i] = st->median_lo;
			p->hi[sidx][i] = st->median_hi;
		}
	}
	return 0;
}

static char *plot_script(struct mb_snapio *s, const struct plot_data *p, const char *terminal,
			 const char *output)
{
	struct mb_plot_series series[64];
	char title[512];
	struct mb_plot_input in = { terminal, output, title, p->depths, p->n_depths, series, p->n_series };

	snprintf(title, sizeof(title), "migbench snapio %s: %s disk %s, IOPS against chain depth%s",
		 s->cfg.id, s->cfg.domain, s->cfg.disk, p->bars ? " (median of the runs)" : "");
	for (size_t i = 0; i < p->n_series; i++)
		series[i] = (struct mb_plot_series){ p->names[i], p->y[i], p->bars ? p->lo[i] : NULL,
						     p->bars ? p->hi[i] : NULL };
	return mb_snapio_plot_script(&in);
}

struct plot_ctx {
	struct mb_snapio *s;
	const struct plot_data *p;
};

static char *plot_script_for(void *ctx, const char *terminal, const char *output)
{
	struct plot_ctx *c = ctx;

	return plot_script(c->s, c->p, terminal, output);
}

/* snapio.png is whole or absent (src/plot.c); a missing plot is a warning. */
static void draw(struct mb_snapio *s, const struct plot_data *p)
{
	struct plot_ctx c = { s, p };
	char why[2048];

	if (mb_plot_draw(s->journal.dir, "snapio.png", plot_script_for, &c, why, sizeof(why)))
		fprintf(stderr, "migbench: warning: no plot (snapio.png): %s; the figures are in snapio.json and snapio.csv\n",
			why);
}

static void plot(struct mb_snapio *s, const struct mb_snapio_rows *rows)
{
	struct plot_data p;
	char *script;

	if (rows->n && plot_data(&p, rows) == 0 && p.n_series) {
		script = plot_script(s, &p, "pngcairo", "snapio.png");
		if (script)
			write_text_file(s, "snapio.gp", script, NULL, NULL);
		free(script);
		draw(s, &p);
	}
	if (rows->n)
		plot_data_free(&p);
}

/* ------------------------------------------------------------ all */

static int write_json(struct mb_snapio *s, const struct mb_snapio_rows *rows, const char *status,
		      int rc)
{
	json_object *doc = report_json(s, rows, status, rc);
	char path[4200], err[1024] = "path too long";
	int r = 0;

	if (out_path(s, "snapio.json", path, sizeof(path)) ||
	    mb_outfile_write_json(path, doc, err, sizeof(err))) {
		fprintf(stderr, "migbench: snapio.json: %s\n", err);
		r = -1;
	}
	json_object_put(doc);
	return r;
}

int mb_snapio_report(struct mb_snapio *s, int rc)
{
	const char *status = mb_journal_status(&s->journal);
	struct mb_snapio_rows rows;
	int r = 0;

	if (mb_snapio_rows_load(s->journal.doc, &rows)) {
		mb_snapio_rows_free(&rows);
		fprintf(stderr, "migbench: snapio: results: %s\n", strerror(ENOMEM));
		return -1;
	}
	if (rows.n) {
		print_table(stdout, s, &rows, status);
		fflush(stdout);
	}
	if (write_json(s, &rows, status, rc))
		r = -1;
	if (write_text_file(s, "snapio.csv", NULL, write_csv_rows, &rows) ||
	    write_text_file(s, "snapio-stats.csv", NULL, write_stats_rows, &rows))
		r = -1;
	plot(s, &rows);
	mb_snapio_rows_free(&rows);
	return r;
}
