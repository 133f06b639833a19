/* fio's default job and JSON figures (fio.h). */
#include "analysis/snapio/fio.h"

#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

const char *const mb_fio_default_jobs[4] = { "write", "randwrite", "read", "randread" };

char *mb_fio_default_job(const char *filename, uint64_t size, int64_t runtime_ns)
{
	char *text = NULL;
	/* fio's runtime is in seconds; a fraction would be truncated to 0,
	 * which fio reads as "no limit". */
	int64_t secs = (runtime_ns + 999999999) / 1000000000;

	if (asprintf(&text,
		     "; migbench snapio default job: the seed's tiobench-like setup\n"
		     "[global]\n"
		     "direct=1\n"
		     "ioengine=libaio\n"
		     "bs=4k\n"
		     "size=%" PRIu64 "\n"
		     "runtime=%" PRId64 "\n"
		     "numjobs=1\n"
		     "filename=%s\n"
		     "\n[write]\nrw=write\n"
		     "\n[randwrite]\nstonewall\nrw=randwrite\n"
		     "\n[read]\nstonewall\nrw=read\n"
		     "\n[randread]\nstonewall\nrw=randread\n",
		     size, secs < 1 ? 1 : secs, filename) < 0)
		return NULL;
	return text;
}

/* fio's figures are counts, rates and times: finite, not negative, and
 * small enough to add two and cast to a 64-bit integer. */
#define FIGURE_MAX 4.6e18

/* Where a figure was read, for the reason a document is refused. */
struct where {
	const char *job, *dir;
	char *err;
	size_t errlen;
};

/* A member that must hold a figure: 0 and *v, or -1 with the reason.
 * Absent: -1, or *v = dflt when dflt is not NAN. */
static int figure(json_object *o, const char *key, double dflt, double *v, const struct where *w)
{
	json_object *m = NULL;
	bool present = json_object_object_get_ex(o, key, &m);

	if (!present && !isnan(dflt)) {
		*v = dflt;
		return 0;
	}
	if (!(json_object_is_type(m, json_type_double) || json_object_is_type(m, json_type_int))) {
		snprintf(w->err, w->errlen, "fio JSON: job %s: %s.%s is %s, not a number", w->job, w->dir,
			 key, present ? json_object_to_json_string(m) : "missing");
		return -1;
	}
	*v = json_object_get_double(m);
	if (!isfinite(*v) || *v < 0 || *v > FIGURE_MAX ||
	    (json_object_is_type(m, json_type_int) && json_object_get_uint64(m) > (uint64_t)FIGURE_MAX)) {
		snprintf(w->err, w->errlen, "fio JSON: job %s: %s.%s is %s, out of range [0, %.2g]",
			 w->job, w->dir, key, json_object_to_json_string(m), FIGURE_MAX);
		return -1;
	}
	return 0;
}

/* clat_ns's mean and percentiles (fio names them "99.000000"); -1 for
 * those fio did not report. */
static int latency(json_object *dir, struct mb_fio_job *out, const struct where *w)
{
	json_object *clat = NULL, *pct = NULL;
	struct where lw = *w;
	char at[32];

	out->lat_p50_ns = out->lat_p99_ns = out->lat_mean_ns = -1;
	if (!json_object_object_get_ex(dir, "clat_ns", &clat))
		return 0;
	snprintf(at, sizeof(at), "%s.clat_ns", w->dir);
	lw.dir = at;
	if (figure(clat, "mean", -1, &out->lat_mean_ns, &lw))
		return -1;
	if (!json_object_object_get_ex(clat, "percentile", &pct))
		return 0;
	snprintf(at, sizeof(at), "%s.clat_ns.percentile", w->dir);
	return figure(pct, "50.000000", -1, &out->lat_p50_ns, &lw) ||
	       figure(pct, "99.000000", -1, &out->lat_p99_ns, &lw) ? -1 : 0;
}

struct direction {
	json_object *o;
	double iops, bw, ios, bytes;
};

static int read_direction(json_object *job, const char *name, struct direction *d,
			  struct where *w)
{
	memset(d, 0, sizeof(*d));
	w->dir = name;
	if (!json_object_object_get_ex(job, name, &d->o) ||
	    !json_object_is_type(d->o, json_type_object)) {
		snprintf(w->err, w->errlen, "fio JSON: job %s without %s figures", w->job, name);
		return -1;
	}
	return figure(d->o, "iops", NAN, &d->iops, w) || figure(d->o, "bw_bytes", NAN, &d->bw, w) ||
	       figure(d->o, "io_bytes", NAN, &d->bytes, w) ||
	       figure(d->o, "total_ios", NAN, &d->ios, w) ? -1 : 0;
}

/* fio's per-job error: an errno, 0 if none. */
static int job_error(json_object *job, struct mb_fio_job *out, const struct where *w)
{
	json_object *e;
	int64_t v;

	if (!json_object_object_get_ex(job, "error", &e))
		return 0;
	v = json_object_get_int64(e);
	if (!json_object_is_type(e, json_type_int) || v < 0 || v > INT_MAX) {
		snprintf(w->err, w->errlen, "fio JSON: job %s: error is %s, not an error number", w->job,
			 json_object_to_json_string(e));
		return -1;
	}
	out->error = (int)v;
	return 0;
}

static int parse_job(json_object *job, struct mb_fio_job *out, char *err, size_t errlen)
{
	struct direction rd, wr;
	json_object *name;
	const struct direction *dom; /* the direction that did more I/Os */
	struct where w = { out->name, "", err, errlen };

	memset(out, 0, sizeof(*out));
	if (!json_object_object_get_ex(job, "jobname", &name) ||
	    !json_object_is_type(name, json_type_string)) {
		snprintf(err, errlen, "fio JSON: a job without a jobname");
		return -1;
	}
	snprintf(out->name, sizeof(out->name), "%s", json_object_get_string(name));
	if (read_direction(job, "read", &rd, &w) || read_direction(job, "write", &wr, &w) ||
	    job_error(job, out, &w))
		return -1;
	out->iops = rd.iops + wr.iops;
	out->bw_bytes = rd.bw + wr.bw;
	out->io_bytes = (uint64_t)rd.bytes + (uint64_t)wr.bytes;
	snprintf(out->rw, sizeof(out->rw), "%s",
		 rd.ios > 0 && wr.ios > 0 ? "mixed" : rd.ios > 0 ? "read" : "write");
	dom = rd.ios > wr.ios ? &rd : &wr;
	w.dir = dom == &rd ? "read" : "write";
	return latency(dom->o, out, &w);
}

static json_object *parse_text(const char *text, char *err, size_t errlen)
{
	const char *start = strchr(text, '{');
	json_tokener *tok;
	json_object *doc;

	if (!start) {
		snprintf(err, errlen, "fio printed no JSON");
		return NULL;
	}
	tok = json_tokener_new();
	if (!tok) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	doc = json_tokener_parse_ex(tok, start, (int)strlen(start));
	if (!doc) {
		enum json_tokener_error e = json_tokener_get_error(tok);

		snprintf(err, errlen, "fio JSON: %s", e == json_tokener_continue
			 ? "truncated document" : json_tokener_error_desc(e));
	}
	json_tokener_free(tok);
	return doc;
}

static int parse_jobs(json_object *jobs, struct mb_fio_result *r, char *err, size_t errlen)
{
	size_t n = json_object_array_length(jobs);

	if (n == 0) {
		snprintf(err, errlen, "fio JSON: no jobs");
		return -1;
	}
	r->jobs = calloc(n, sizeof(*r->jobs));
	if (!r->jobs) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if (parse_job(json_object_array_get_idx(jobs, i), &r->jobs[i], err, errlen))
			return -1;
		r->n++;
	}
	return 0;
}

int mb_fio_parse(const char *text, struct mb_fio_result *r, char *err, size_t errlen)
{
	json_object *doc, *jobs, *version;
	int rc = -1;

	memset(r, 0, sizeof(*r));
	doc = parse_text(text, err, errlen);
	if (!doc)
		return -1;
	if (!json_object_object_get_ex(doc, "jobs", &jobs) ||
	    !json_object_is_type(jobs, json_type_array)) {
		snprintf(err, errlen, "fio JSON: no \"jobs\" array");
	} else {
		if (json_object_object_get_ex(doc, "fio version", &version) &&
		    json_object_is_type(version, json_type_string))
			snprintf(r->version, sizeof(r->version), "%s", json_object_get_string(version));
		rc = parse_jobs(jobs, r, err, errlen);
	}
	json_object_put(doc);
	if (rc)
		mb_fio_result_free(r);
	return rc;
}

void mb_fio_result_free(struct mb_fio_result *r)
{
	free(r->jobs);
	memset(r, 0, sizeof(*r));
}
