/* fio's default job and JSON figures (fio.h). */
#include "analysis/snapio/fio.h"

#include <inttypes.h>
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

static double number(json_object *o, const char *key, bool *ok)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !(json_object_is_type(v, json_type_double) || json_object_is_type(v, json_type_int))) {
		*ok = false;
		return 0;
	}
	return json_object_get_double(v);
}

/* A percentile of clat_ns: fio names them "99.000000"; -1 if absent. */
static double percentile(json_object *dir, const char *key)
{
	json_object *clat, *pct, *v;

	if (!json_object_object_get_ex(dir, "clat_ns", &clat) ||
	    !json_object_object_get_ex(clat, "percentile", &pct) ||
	    !json_object_object_get_ex(pct, key, &v))
		return -1;
	return json_object_get_double(v);
}

static double clat_mean(json_object *dir)
{
	json_object *clat, *v;

	if (!json_object_object_get_ex(dir, "clat_ns", &clat) ||
	    !json_object_object_get_ex(clat, "mean", &v))
		return -1;
	return json_object_get_double(v);
}

struct direction {
	json_object *o;
	double iops, bw, ios;
	uint64_t bytes;
};

static int read_direction(json_object *job, const char *name, struct direction *d)
{
	bool ok = true;

	memset(d, 0, sizeof(*d));
	if (!json_object_object_get_ex(job, name, &d->o))
		return -1;
	d->iops = number(d->o, "iops", &ok);
	d->bw = number(d->o, "bw_bytes", &ok);
	d->bytes = (uint64_t)number(d->o, "io_bytes", &ok);
	d->ios = number(d->o, "total_ios", &ok);
	return ok ? 0 : -1;
}

static int parse_job(json_object *job, struct mb_fio_job *out, char *err, size_t errlen)
{
	struct direction rd, wr;
	json_object *name, *error;
	const struct direction *dom; /* the direction that did more I/Os */

	memset(out, 0, sizeof(*out));
	if (!json_object_object_get_ex(job, "jobname", &name) ||
	    read_direction(job, "read", &rd) || read_direction(job, "write", &wr)) {
		snprintf(err, errlen, "fio JSON: a job without jobname, read or write figures");
		return -1;
	}
	snprintf(out->name, sizeof(out->name), "%s", json_object_get_string(name));
	if (json_object_object_get_ex(job, "error", &error))
		out->error = json_object_get_int(error);
	out->iops = rd.iops + wr.iops;
	out->bw_bytes = rd.bw + wr.bw;
	out->io_bytes = rd.bytes + wr.bytes;
	snprintf(out->rw, sizeof(out->rw), "%s",
		 rd.ios > 0 && wr.ios > 0 ? "mixed" : rd.ios > 0 ? "read" : "write");
	dom = rd.ios > wr.ios ? &rd : &wr;
	out->lat_p50_ns = percentile(dom->o, "50.000000");
	out->lat_p99_ns = percentile(dom->o, "99.000000");
	out->lat_mean_ns = clat_mean(dom->o);
	return 0;
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
		if (json_object_object_get_ex(doc, "fio version", &version))
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
