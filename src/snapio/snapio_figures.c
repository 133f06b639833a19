/* The campaign's figures from its journal (snapio_figures.h). */
#include "config.h"

#include "src/snapio/snapio_figures.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const figure_keys[MB_SNAPIO_NFIGURES] = { "iops", "bw_bytes", "lat_p99_ns" };

static json_object *get(json_object *o, const char *key)
{
	json_object *v = NULL;

	if (o)
		json_object_object_get_ex(o, key, &v);
	return v;
}

double mb_snapio_job_figure(json_object *job, enum mb_snapio_figure fig)
{
	json_object *v = get(job, figure_keys[fig]);

	return v ? json_object_get_double(v) : NAN;
}

json_object *mb_snapio_row_run(const struct mb_snapio_row *r, size_t k)
{
	if (k >= r->n_runs)
		return NULL;
	return k ? json_object_array_get_idx(get(r->o, "fio_repeats"), k - 1) : get(r->o, "fio");
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

static int by_depth(const void *a, const void *b)
{
	const struct mb_snapio_row *x = a, *y = b;

	return (x->depth > y->depth) - (x->depth < y->depth);
}

/* A job's figures over the row's runs, and their statistics. */
static int job_figures(const struct mb_snapio_row *r, json_object *job, struct mb_snapio_jobfig *f)
{
	f->name = json_object_get_string(get(job, "name"));
	f->rw = json_object_get_string(get(job, "rw"));
	for (int g = 0; g < MB_SNAPIO_NFIGURES; g++) {
		uint64_t seed = mb_snapio_stats_seed(f->name, r->depth, (enum mb_snapio_figure)g);

		f->v[g] = malloc(r->n_runs * sizeof(double));
		if (!f->v[g])
			return -1;
		for (size_t k = 0; k < r->n_runs; k++) {
			json_object *j = job_named(get(mb_snapio_row_run(r, k), "jobs"), f->name);

			f->v[g][k] = j ? mb_snapio_job_figure(j, (enum mb_snapio_figure)g) : NAN;
		}
		if (mb_stats_compute(f->v[g], r->n_runs, seed, &f->st[g]))
			return -1;
	}
	return 0;
}

static int row_load(json_object *o, struct mb_snapio_row *r)
{
	json_object *fio = get(o, "fio"), *rep = get(o, "fio_repeats");

	r->depth = (unsigned)json_object_get_int(get(o, "depth"));
	r->o = o;
	r->jobs = get(fio, "jobs");
	r->n_runs = fio ? 1 + (rep ? json_object_array_length(rep) : 0) : 0;
	r->n_jobs = r->jobs ? json_object_array_length(r->jobs) : 0;
	r->jf = calloc(r->n_jobs + 1, sizeof(*r->jf));
	if (!r->jf)
		return -1;
	for (size_t i = 0; i < r->n_jobs; i++)
		if (job_figures(r, json_object_array_get_idx(r->jobs, i), &r->jf[i]))
			return -1;
	return 0;
}

const struct mb_snapio_jobfig *mb_snapio_base_job(const struct mb_snapio_rows *rows, const char *name)
{
	const struct mb_snapio_row *b = rows->n && rows->r[0].depth == 0 ? &rows->r[0] : NULL;

	for (size_t i = 0; b && i < b->n_jobs; i++)
		if (!strcmp(b->jf[i].name, name))
			return &b->jf[i];
	return NULL;
}

/* Every job's slowdown, once depth 0 is known. */
static int slowdowns(struct mb_snapio_rows *rows)
{
	static const double none = NAN;

	for (size_t i = 0; i < rows->n; i++) {
		const struct mb_snapio_row *r = &rows->r[i];

		for (size_t k = 0; k < r->n_jobs; k++) {
			struct mb_snapio_jobfig *f = &r->jf[k];
			const struct mb_snapio_jobfig *b = mb_snapio_base_job(rows, f->name);
			uint64_t seed = mb_snapio_stats_seed(f->name, r->depth, MB_SNAPIO_NFIGURES);

			if (mb_snapio_slowdown(b ? b->v[MB_SNAPIO_IOPS] : &none, b ? rows->r[0].n_runs : 1,
					       f->v[MB_SNAPIO_IOPS], r->n_runs, seed, &f->slow))
				return -1;
		}
	}
	return 0;
}

int mb_snapio_rows_load(json_object *journal, struct mb_snapio_rows *rows)
{
	json_object *arr = get(journal, "depths");
	size_t len = arr ? json_object_array_length(arr) : 0;

	memset(rows, 0, sizeof(*rows));
	rows->r = calloc(len + 1, sizeof(*rows->r));
	if (!rows->r)
		return -1;
	for (; rows->n < len; rows->n++) {
		if (row_load(json_object_array_get_idx(arr, rows->n), &rows->r[rows->n])) {
			rows->n++;
			return -1;
		}
		if (rows->r[rows->n].n_runs > rows->max_runs)
			rows->max_runs = rows->r[rows->n].n_runs;
	}
	qsort(rows->r, rows->n, sizeof(*rows->r), by_depth);
	return slowdowns(rows);
}

void mb_snapio_rows_free(struct mb_snapio_rows *rows)
{
	for (size_t i = 0; rows->r && i < rows->n; i++) {
		for (size_t k = 0; rows->r[i].jf && k < rows->r[i].n_jobs; k++)
			for (int g = 0; g < MB_SNAPIO_NFIGURES; g++)
				free(rows->r[i].jf[k].v[g]);
		free(rows->r[i].jf);
	}
	free(rows->r);
	memset(rows, 0, sizeof(*rows));
}
