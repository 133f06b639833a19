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
#include "analysis/units.h"
#include "src/common/outfile.h"
#include "src/common/plot.h"


/* ------------------------------------------------------------ data */

/* One measured depth, from the journal. */
struct depth_row {
	unsigned depth;
	json_object *o;     /* the journal's object */
	json_object *jobs;  /* fio.jobs, or NULL */
};

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

static int by_depth(const void *a, const void *b)
{
	const struct depth_row *x = a, *y = b;

	return (x->depth > y->depth) - (x->depth < y->depth);
}

/* Measured depths in ascending order; *n of them. */
static struct depth_row *depth_rows(struct mb_snapio *s, size_t *n)
{
	json_object *arr = get(s->journal.doc, "depths");
	size_t len = arr ? json_object_array_length(arr) : 0;
	struct depth_row *rows = calloc(len + 1, sizeof(*rows));

	*n = 0;
	for (size_t i = 0; rows && i < len; i++) {
		json_object *o = json_object_array_get_idx(arr, i);

		rows[*n].depth = (unsigned)json_object_get_int(get(o, "depth"));
		rows[*n].o = o;
		rows[*n].jobs = get(get(o, "fio"), "jobs");
		(*n)++;
	}
	if (rows)
		qsort(rows, *n, sizeof(*rows), by_depth);
	return rows;
}

static json_object *job_named(json_object *jobs, const char *name)
{
	size_t n = jobs ? json_object_array_length(jobs) : 0;

	for (size_t i = 0; i < n; i++) {
		json_object *j = json_object_array_get_idx(jobs, i);

		if (!strcmp(json_object_get_string(get(j, "name")), name))
			return j;
	}
	return NULL;
}

/* IOPS lost against depth 0, in percent (positive: slower); NaN if
 * depth 0 was not measured. */
static double slowdown_pct(const struct depth_row *rows, size_t n, json_object *job)
{
	json_object *base = n && rows[0].depth == 0
		? job_named(rows[0].jobs, json_object_get_string(get(job, "name"))) : NULL;
	double b = num(base, "iops"), v = num(job, "iops");

	if (!base || !(b > 0) || isnan(v))
		return NAN;
	return (1 - v / b) * 100;
}

/* ------------------------------------------------------------ text */

static void text_header(FILE *f, struct mb_snapio *s, const char *status)
{
	fprintf(f, "migbench snapio: campaign %s, domain %s, disk %s, %u snapshot layer%s (%s)\n",
		s->cfg.id, s->cfg.domain, s->cfg.disk, s->cfg.layers, s->cfg.layers == 1 ? "" : "s", status);
	fprintf(f, "%5s  %-12s %10s %14s %12s %10s  %s\n", "depth", "job", "IOPS", "bandwidth",
		"p99 latency", "slowdown", "integrity");
}

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

static void text_row(FILE *f, const struct depth_row *rows, size_t n, const struct depth_row *r,
		     json_object *job)
{
	char bw[32], p99[32], slow[32], integ[64];
	double sd = slowdown_pct(rows, n, job), lat = num(job, "lat_p99_ns");

	mb_format_size((uint64_t)num(job, "bw_bytes"), bw, sizeof(bw));
	strncat(bw, "/s", sizeof(bw) - strlen(bw) - 1);
	if (isnan(lat))
		snprintf(p99, sizeof(p99), "-");
	else
		mb_format_duration((int64_t)lat, p99, sizeof(p99));
	if (isnan(sd))
		snprintf(slow, sizeof(slow), "-");
	else
		snprintf(slow, sizeof(slow), "%+.1f %%", sd);
	fprintf(f, "%5u  %-12.12s %10.1f %14s %12s %10s  %s\n", r->depth,
		json_object_get_string(get(job, "name")), num(job, "iops"), bw, p99, slow,
		integrity_text(r->o, integ, sizeof(integ)));
}

static void print_table(FILE *f, struct mb_snapio *s, const struct depth_row *rows, size_t n,
			const char *status)
{
	char integ[64];

	text_header(f, s, status);
	for (size_t i = n; i-- > 0;) {
		size_t jn = rows[i].jobs ? json_object_array_length(rows[i].jobs) : 0;

		for (size_t k = 0; k < jn; k++)
			text_row(f, rows, n, &rows[i], json_object_array_get_idx(rows[i].jobs, k));
		if (!jn)
			fprintf(f, "%5u  %-12s %10s %14s %12s %10s  %s\n", rows[i].depth, "(no fio)", "-",
				"-", "-", "-", integrity_text(rows[i].o, integ, sizeof(integ)));
	}
}

/* ------------------------------------------------------------ JSON, CSV */

static json_object *copy(json_object *o)
{
	json_object *c = NULL;

	if (o && json_object_deep_copy(o, &c, NULL) != 0)
		c = NULL;
	return c;
}

static json_object *depths_json(const struct depth_row *rows, size_t n)
{
	json_object *arr = json_object_new_array();

	for (size_t i = 0; i < n; i++) {
		json_object *o = copy(rows[i].o), *jobs = get(get(o, "fio"), "jobs");
		size_t jn = jobs ? json_object_array_length(jobs) : 0;

		for (size_t k = 0; k < jn; k++) {
			json_object *j = json_object_array_get_idx(jobs, k);
			double sd = slowdown_pct(rows, n, j);

			json_object_object_add(j, "slowdown_pct", isnan(sd) ? NULL : json_object_new_double(sd));
		}
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

static json_object *report_json(struct mb_snapio *s, const struct depth_row *rows, size_t n,
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
	json_object_object_add(doc, "depths", depths_json(rows, n));
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

static void write_csv_rows(FILE *f, const struct depth_row *rows, size_t n)
{
	fputs("depth,job,rw,iops,bw_bytes,lat_p50_ns,lat_p99_ns,lat_mean_ns,slowdown_pct,integrity\n", f);
	for (size_t i = 0; i < n; i++) {
		size_t jn = rows[i].jobs ? json_object_array_length(rows[i].jobs) : 0;
		json_object *in = get(rows[i].o, "integrity");

		for (size_t k = 0; k < jn; k++) {
			json_object *j = json_object_array_get_idx(rows[i].jobs, k);

			/* Job names come from fio job files: quoted as CSV text. */
			fprintf(f, "%u,\"", rows[i].depth);
			for (const char *p = json_object_get_string(get(j, "name")); *p; p++) {
				if (*p == '"')
					fputc('"', f);
				fputc(*p, f);
			}
			fprintf(f, "\",%s", json_object_get_string(get(j, "rw")));
			csv_num(f, num(j, "iops"));
			csv_num(f, num(j, "bw_bytes"));
			csv_num(f, num(j, "lat_p50_ns"));
			csv_num(f, num(j, "lat_p99_ns"));
			csv_num(f, num(j, "lat_mean_ns"));
			csv_num(f, slowdown_pct(rows, n, j));
			fprintf(f, ",%s\n", !in ? "" : json_object_get_boolean(get(in, "ok")) ? "ok" : "failed");
		}
	}
}

static int out_path(struct mb_snapio *s, const char *name, char *buf, size_t len)
{
	return mb_outfile_join(buf, len, s->journal.dir, name);
}

static int write_text_file(struct mb_snapio *s, const char *name, const char *text,
			   void (*fill)(FILE *, const struct depth_row *, size_t),
			   const struct depth_row *rows, size_t n)
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
		fill(mb_outstream_file(out), rows, n);
	if (mb_outstream_commit(out, err, sizeof(err))) {
		fprintf(stderr, "migbench: %s\n", err);
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------ plot */

/* Job names in order of first appearance, IOPS per depth. */
struct plot_data {
	const char *names[64];
	double *y[64];
	unsigned *depths;
	size_t n_series, n_depths;
};

static void plot_data_free(struct plot_data *p)
{
	for (size_t i = 0; i < p->n_series; i++)
		free(p->y[i]);
	free(p->depths);
}

static int series_of(struct plot_data *p, const char *name)
{
	for (size_t i = 0; i < p->n_series; i++)
		if (!strcmp(p->names[i], name))
			return (int)i;
	if (p->n_series == 64 || !(p->y[p->n_series] = malloc(p->n_depths * sizeof(double))))
		return -1;
	for (size_t d = 0; d < p->n_depths; d++)
		p->y[p->n_series][d] = NAN;
	p->names[p->n_series] = name;
	return (int)p->n_series++;
}

static int plot_data(struct plot_data *p, const struct depth_row *rows, size_t n)
{
	memset(p, 0, sizeof(*p));
	p->n_depths = n;
	p->depths = calloc(n + 1, sizeof(unsigned));
	if (!p->depths)
		return -1;
	for (size_t i = 0; i < n; i++) {
		size_t jn = rows[i].jobs ? json_object_array_length(rows[i].jobs) : 0;

		p->depths[i] = rows[i].depth;
		for (size_t k = 0; k < jn; k++) {
			json_object *j = json_object_array_get_idx(rows[i].jobs, k);
			int sidx = series_of(p, json_object_get_string(get(j, "name")));

			if (sidx >= 0)
				p->y[sidx][i] = num(j, "iops");
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

	snprintf(title, sizeof(title), "migbench snapio %s: %s disk %s, IOPS against chain depth",
		 s->cfg.id, s->cfg.domain, s->cfg.disk);
	for (size_t i = 0; i < p->n_series; i++)
		series[i] = (struct mb_plot_series){ p->names[i], p->y[i] };
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

static void plot(struct mb_snapio *s, const struct depth_row *rows, size_t n)
{
	struct plot_data p;
	char *script;

	if (!n || plot_data(&p, rows, n))
		return;
	if (p.n_series) {
		script = plot_script(s, &p, "pngcairo", "snapio.png");
		if (script)
			write_text_file(s, "snapio.gp", script, NULL, NULL, 0);
		free(script);
		draw(s, &p);
	}
	plot_data_free(&p);
}

/* ------------------------------------------------------------ all */

int mb_snapio_report(struct mb_snapio *s, int rc)
{
	const char *status = mb_journal_status(&s->journal);
	size_t n = 0;
	struct depth_row *rows = depth_rows(s, &n);
	json_object *doc;
	char path[4200], err[1024] = "path too long";
	int r = 0;

	if (!rows) {
		fprintf(stderr, "migbench: snapio: results: %s\n", strerror(ENOMEM));
		return -1;
	}
	if (n) {
		print_table(stdout, s, rows, n, status);
		fflush(stdout);
	}
	doc = report_json(s, rows, n, status, rc);
	if (out_path(s, "snapio.json", path, sizeof(path)) ||
	    mb_outfile_write_json(path, doc, err, sizeof(err))) {
		fprintf(stderr, "migbench: snapio.json: %s\n", err);
		r = -1;
	}
	json_object_put(doc);
	if (write_text_file(s, "snapio.csv", NULL, write_csv_rows, rows, n))
		r = -1;
	plot(s, rows, n);
	free(rows);
	return r;
}
