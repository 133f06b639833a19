#include "config.h"

#include "src/common/app_pipeline.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "analysis/units.h"
#include "probes/clock.h"
#include "src/common/exitcode.h"
#include "src/common/problem.h"

#define MAX_HOLD (1u << 20) /* records: 56 MiB at most */

/* The hold-back ring: the longest stretch without a release at the rate,
 * within bounds (a full ring classifies early and says so). */
static size_t hold_slots(double rate, int64_t hold_s)
{
	double n = rate * (double)hold_s;

	if (hold_s <= 0)
		return 0;
	return n < 4096 ? 4096 : n > MAX_HOLD ? MAX_HOLD : (size_t)n;
}

static void csv_failed(struct mb_app_pipeline *p)
{
	if (!p->csv_errno)
		p->csv_errno = errno ? errno : EIO;
}

int mb_app_pipeline_open(struct mb_app_pipeline *p, const struct mb_app_pipeline_config *cfg,
			 char *err, size_t errlen)
{
	struct mb_app_probe_config pc = {
		.url = cfg->url, .rate = cfg->rate, .conns = cfg->conns, .timeout_ns = cfg->timeout_ns,
	};
	struct mb_app_config ac = { .hold = hold_slots(cfg->rate, cfg->hold_s) };
	int rc;

	memset(p, 0, sizeof(*p));
	p->t0_ns = cfg->t0_ns;
	p->rate = cfg->rate;
	p->conns = cfg->conns ? cfg->conns : 1;
	p->timeout_ns = cfg->timeout_ns ? cfg->timeout_ns : MB_APP_PROBE_DEFAULT_TIMEOUT_NS;
	p->baseline_stats.start_ns = -1;
	rc = mb_app_probe_open(&p->probe, &pc, err, errlen);
	if (rc)
		return rc == -EINVAL ? MB_EXIT_USAGE : rc == -ENOMEM ? MB_EXIT_INTERNAL : MB_EXIT_ENV;
	p->fig = mb_app_new(&ac);
	if (!p->fig) {
		snprintf(err, errlen, "application figures: %s", strerror(ENOMEM));
		return MB_EXIT_INTERNAL;
	}
	if (cfg->csv_path) {
		if (mb_outstream_open(&p->csv, cfg->csv_path, err, errlen))
			return MB_EXIT_ENV;
		if (fprintf(mb_outstream_file(p->csv), "%s\n", mb_app_csv_header()) < 0)
			csv_failed(p);
	}
	return 0;
}

int mb_app_pipeline_start(struct mb_app_pipeline *p, char *err, size_t errlen)
{
	if (mb_app_probe_start(p->probe, err, errlen))
		return MB_EXIT_ENV;
	p->started = true;
	return 0;
}

void mb_app_pipeline_drain(struct mb_app_pipeline *p)
{
	struct mb_app_request buf[256];
	char line[256];
	size_t n;

	if (!p->probe)
		return;
	while ((n = mb_app_probe_pop(p->probe, buf, sizeof(buf) / sizeof(buf[0]))) > 0)
		for (size_t i = 0; i < n; i++) {
			(void)mb_app_add(p->fig, &buf[i]); /* refusals are counted there */
			if (!p->csv)
				continue;
			mb_app_csv_row(&buf[i], p->t0_ns, line, sizeof(line));
			if (fputs(line, mb_outstream_file(p->csv)) < 0)
				csv_failed(p);
		}
}

void mb_app_pipeline_mark(struct mb_app_pipeline *p, enum mb_app_mark m, int64_t t_ns)
{
	if (p->fig && t_ns >= 0)
		(void)mb_app_set_mark(p->fig, m, t_ns); /* one out of order stays unknown */
}

void mb_app_pipeline_release(struct mb_app_pipeline *p, int64_t t_ns)
{
	if (p->fig)
		mb_app_release(p->fig, t_ns);
}

void mb_app_pipeline_stop(struct mb_app_pipeline *p)
{
	if (!p->probe)
		return;
	mb_app_probe_stop(p->probe);
	mb_app_pipeline_drain(p);
	mb_app_finish(p->fig);
}

void mb_app_pipeline_result(struct mb_app_pipeline *p, struct mb_app_figures *out)
{
	mb_app_result(p->fig, out);
}

void mb_app_pipeline_stats(const struct mb_app_pipeline *p, struct mb_app_probe_stats *st)
{
	mb_app_probe_stats(p->probe, st);
}

/* The outcomes of the baseline's failures, "12 refused, 3 timeout". */
static void outcome_list(const struct mb_app_phase_figures *b, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int o = 1; o < MB_APP_N_OUTCOMES && used < len; o++)
		if (b->outcomes[o])
			used += (size_t)snprintf(buf + used, len - used, "%s%" PRIu64 " %s",
						 used ? ", " : "", b->outcomes[o],
						 mb_app_outcome_name((enum mb_app_outcome)o));
}

/* Below 90% of the rate, or a send late by more than ten intervals (and
 * 10 ms): the schedule was not kept, and the figures would say so only
 * as latency. */
static void check_rate(struct mb_app_pipeline *p, const struct mb_app_phase_figures *b,
		       json_object *errors, FILE *err)
{
	const struct mb_app_probe_stats *st = &p->baseline_stats;
	double late_limit = 10e9 / p->rate;
	char late[32];

	if (late_limit < 10e6)
		late_limit = 10e6;
	if (b->throughput >= 0.9 * p->rate && (double)st->max_send_late_ns <= late_limit)
		return;
	mb_format_duration(st->max_send_late_ns > 0 ? st->max_send_late_ns : 0, late, sizeof(late));
	mb_problem(errors, err, NULL, "application probe: the rate of %g requests/s was not sustained "
		   "in the baseline: %.1f/s answered, up to %" PRIu64 " requests waiting for one of "
		   "%u connections, a send up to %s late (lower --app-rate or raise --app-conns)",
		   p->rate, b->throughput < 0 ? 0.0 : b->throughput, st->backlog_max, p->conns, late);
}

int mb_app_pipeline_check_baseline(struct mb_app_pipeline *p, const char *baseline,
				   json_object *errors, FILE *err)
{
	struct mb_app_figures f;
	const struct mb_app_phase_figures *b = &f.phase[MB_APP_BASELINE];
	char what[256], why[64] = "";

	mb_app_pipeline_stats(p, &p->baseline_stats);
	mb_app_pipeline_drain(p);
	mb_app_pipeline_release(p, mb_now_ns());
	mb_app_result(p->fig, &f);
	if (b->completed == 0) {
		char url[MB_URL_HOST_MAX + MB_URL_PATH_MAX + 32];

		(void)mb_url_format(mb_app_probe_url(p->probe), url, sizeof(url));
		outcome_list(b, what, sizeof(what));
		if (p->baseline_stats.last_errno)
			snprintf(why, sizeof(why), "; last error: %s", strerror(p->baseline_stats.last_errno));
		mb_problem(errors, err, NULL, "application probe: %s did not answer a single "
			   "request during the %s baseline (%" PRIu64 " due%s%s%s); not migrating",
			   url, baseline, b->requests, what[0] ? ": " : "", what, why);
		return MB_EXIT_ENV;
	}
	check_rate(p, b, errors, err);
	return 0;
}

void mb_app_pipeline_report_problems(struct mb_app_pipeline *p, json_object *errors, FILE *err)
{
	struct mb_app_probe_stats st;
	struct mb_app_figures f;

	if (!p->probe)
		return;
	mb_app_pipeline_stats(p, &st);
	mb_app_result(p->fig, &f);
	if (st.fatal_errno)
		mb_problem(errors, err, NULL, "application probe: stopped early: %s",
			   strerror(st.fatal_errno));
	if (st.queue_dropped)
		mb_problem(errors, err, NULL, "application probe: record queue full: %" PRIu64
			   " requests not counted (the consumer fell behind)", st.queue_dropped);
	if (f.rejected)
		mb_problem(errors, err, NULL, "application probe: %" PRIu64 " malformed records refused (a bug)",
			   f.rejected);
	if (f.released_early)
		mb_problem(errors, err, NULL, "application probe: %" PRIu64 " requests classified before "
			   "the phase marks were known (hold-back ring full): their phase may be wrong",
			   f.released_early);
}

int mb_app_pipeline_commit(struct mb_app_pipeline *p, char *err, size_t errlen)
{
	struct mb_outstream *s = p->csv;

	p->csv = NULL;
	return mb_outstream_finish(s, p->csv_errno, err, errlen);
}

void mb_app_pipeline_free(struct mb_app_pipeline *p)
{
	mb_app_probe_free(p->probe);
	mb_outstream_abort(p->csv);
	mb_app_free(p->fig);
	memset(p, 0, sizeof(*p));
}
