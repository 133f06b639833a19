/* Measure phase, at each depth: the integrity check (the campaign
 * directory holds exactly the files and checksums of that layer), then
 * fio in the guest, its JSON kept and its figures journaled. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/snapio/fio.h"
#include "probes/clock.h"
#include "src/common/json.h"
#include "src/common/outfile.h"
#include "src/snapio/snapio.h"

static json_object *integrity_record(bool ok, const struct mb_manifest *want,
				     const struct mb_manifest *have,
				     const struct mb_manifest_diff *diff, const char *text)
{
	json_object *o = json_object_new_object();

	mb_json_put_bool(o, "ok", ok);
	mb_json_put_uint(o, "files_expected", want->n);
	mb_json_put_uint(o, "files_found", have->n);
	mb_json_put_uint(o, "missing", diff->missing);
	mb_json_put_uint(o, "unexpected", diff->unexpected);
	mb_json_put_uint(o, "changed", diff->changed);
	/* Names of files the guest has: its bytes. */
	mb_json_put_text(o, "detail", text, strlen(text));
	return o;
}

int mb_snapio_step_integrity(struct mb_snapio *s)
{
	unsigned d = s->cur.n;
	struct mb_manifest want, have = { 0 };
	struct mb_manifest_diff diff;
	char text[600];
	bool ok;
	int rc;

	if (mb_journal_get_manifest(&s->journal, d, &want))
		return mb_snapio_fail(s, MB_EXIT_INTERNAL, "no manifest of layer %u in the journal", d);
	rc = mb_snapio_read_manifest(s, &have);
	if (!rc) {
		ok = mb_manifest_compare(&want, &have, &diff);
		mb_manifest_diff_text(&diff, text, sizeof(text));
		mb_journal_set_depth(&s->journal, d, "integrity",
				     integrity_record(ok, &want, &have, &diff, text));
		if (!ok)
			rc = mb_snapio_fail(s, MB_EXIT_STEP, "integrity check failed at depth %u: %s", d, text);
		else
			mb_snapio_progress(s, "depth %u holds its %zu files, checksums equal", d, have.n);
	}
	mb_manifest_free(&want);
	mb_manifest_free(&have);
	return rc;
}

/* fio's own JSON, kept as it came: fio-depth-D.json in --out, and
 * fio-depth-D-K.json for run K >= 2 of --repeat. */
static int keep_raw(struct mb_snapio *s, unsigned d, unsigned k, const char *text, size_t len)
{
	char name[64], path[4200], err[1024];
	struct mb_outstream *out;

	if (k)
		snprintf(name, sizeof(name), "fio-depth-%u-%u.json", d, k + 1);
	else
		snprintf(name, sizeof(name), "fio-depth-%u.json", d);
	if (mb_outfile_join(path, sizeof(path), s->journal.dir, name) ||
	    mb_outstream_open(&out, path, err, sizeof(err)))
		return mb_snapio_fail(s, MB_EXIT_ENV, "%s: cannot write it", name);
	fwrite(text, 1, len, mb_outstream_file(out));
	if (mb_outstream_commit(out, err, sizeof(err)))
		return mb_snapio_fail(s, MB_EXIT_ENV, "%s", err);
	return 0;
}

/* fio's "not reported" (negative here) becomes JSON null. */
static void put_figure(json_object *o, const char *k, double v)
{
	mb_json_put_double(o, k, v < 0 ? NAN : v);
}

static json_object *jobs_json(const struct mb_fio_result *r)
{
	json_object *arr = json_object_new_array();

	for (size_t i = 0; i < r->n; i++) {
		const struct mb_fio_job *j = &r->jobs[i];
		json_object *o = json_object_new_object();

		/* Job names come from the guest's fio (and job file): its bytes. */
		mb_json_put_text(o, "name", j->name, strlen(j->name));
		mb_json_put_str(o, "rw", j->rw);
		put_figure(o, "iops", j->iops);
		put_figure(o, "bw_bytes", j->bw_bytes);
		put_figure(o, "lat_p50_ns", j->lat_p50_ns);
		put_figure(o, "lat_p99_ns", j->lat_p99_ns);
		put_figure(o, "lat_mean_ns", j->lat_mean_ns);
		mb_json_put_uint(o, "io_bytes", j->io_bytes);
		mb_json_put_int(o, "error", j->error);
		json_object_array_add(arr, o);
	}
	return arr;
}

static int record_fio(struct mb_snapio *s, const struct mb_agent_result *r)
{
	struct mb_fio_result fr;
	json_object *o = json_object_new_object();
	char err[512];

	if (mb_fio_parse(r->out, &fr, err, sizeof(err))) {
		json_object_put(o);
		return mb_snapio_fail(s, MB_EXIT_STEP, "%s", err);
	}
	for (size_t i = 0; i < fr.n; i++)
		if (fr.jobs[i].error) {
			int e = fr.jobs[i].error;

			snprintf(err, sizeof(err), "%s", fr.jobs[i].name);
			mb_fio_result_free(&fr);
			json_object_put(o);
			return mb_snapio_fail(s, MB_EXIT_STEP, "fio job %s ended with error %d", err, e);
		}
	mb_json_put_text(o, "version", fr.version, strlen(fr.version));
	json_object_object_add(o, "jobs", jobs_json(&fr));
	mb_json_put_int(o, "realtime_ns", mb_realtime_ns());
	mb_journal_add_fio_run(&s->journal, s->cur.n, s->cur.repeat, o);
	mb_snapio_progress(s, "depth %u: fio ran %zu jobs", s->cur.n, fr.n);
	mb_fio_result_free(&fr);
	return 0;
}

/* The default job's file goes after each run: at depth 0 it would
 * otherwise stay on the user's disk. */
static int remove_fio_file(struct mb_snapio *s)
{
	const char *argv[] = { "-c", "rm -f -- \"$1\"", "sh", s->cfg.fio_file };

	if (!s->cfg.fio_file[0])
		return 0;
	return mb_snapio_guest_cmd(s, "removing fio's file", s->opt->guest_timeout_ns, NULL, 0,
				   NULL, argv, 4);
}

int mb_snapio_step_fio(struct mb_snapio *s)
{
	const char *put[] = { "-c", "cat > \"$1\"", "sh", s->cfg.fio_job_guest };
	const char *run[] = { "-c", "exec fio --output-format=json \"$1\"", "sh", s->cfg.fio_job_guest };
	/* Four stonewalled jobs of the default job each stop at the runtime. */
	int64_t timeout = s->opt->guest_timeout_ns + 4 * s->cfg.fio_runtime_ns;
	struct mb_agent_result r;
	int rc;

	/* A run the journal has (the campaign was stopped after it) is kept,
	 * never run again: only its file is left to remove. */
	if (mb_journal_fio_runs(&s->journal, s->cur.n) > s->cur.repeat) {
		mb_snapio_note(s, "this fio run is in the journal already: not run again");
		return remove_fio_file(s);
	}
	/* /tmp of a guest does not survive the reboots of the reverts. */
	rc = mb_snapio_guest_cmd(s, "putting the fio job into the guest", s->opt->guest_timeout_ns,
				 s->cfg.fio_job, strlen(s->cfg.fio_job), NULL, put, 4);
	if (rc)
		return rc;
	rc = mb_snapio_guest_cmd(s, "running the fio job", timeout, NULL, 0, &r, run, 4);
	if (rc)
		return rc;
	rc = keep_raw(s, s->cur.n, s->cur.repeat, r.out, r.out_len);
	if (!rc)
		rc = record_fio(s, &r);
	mb_agent_result_free(&r);
	return rc ? rc : remove_fio_file(s);
}
