#include "config.h"

#include "src/common/report_app.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "analysis/units.h"
#include "src/common/json.h"

static const char *const mark_keys[MB_APP_N_MARKS] = {
	"migration_ns", "suspended_ns", "resumed_ns", "end_ns", "tail_end_ns",
};

static int64_t rel(int64_t t, int64_t t0)
{
	return t < 0 ? -1 : t - t0;
}

static void url_text(const struct mb_app_pipeline *p, char *buf, size_t len)
{
	/* buf is sized for the longest host and path. */
	(void)mb_url_format(mb_app_probe_url(p->probe), buf, len);
}

static json_object *latency_json(const struct mb_app_latency *l)
{
	json_object *o = json_object_new_object();

	mb_json_put_uint(o, "count", l->count);
	mb_json_put_known(o, "min_ns", l->min_ns);
	mb_json_put_known(o, "p50_ns", l->p50_ns);
	mb_json_put_known(o, "p99_ns", l->p99_ns);
	mb_json_put_known(o, "p999_ns", l->p999_ns);
	mb_json_put_known(o, "max_ns", l->max_ns);
	mb_json_put_known(o, "mean_ns", l->mean_ns);
	return o;
}

static json_object *phase_json(const struct mb_app_phase_figures *f, int64_t t0)
{
	json_object *o = json_object_new_object(), *oc = json_object_new_object();

	mb_json_put_bool(o, "known", f->known);
	mb_json_put_known(o, "start_ns", f->known ? rel(f->start_ns, t0) : -1);
	mb_json_put_known(o, "end_ns", f->known ? rel(f->end_ns, t0) : -1);
	mb_json_put_uint(o, "requests", f->requests);
	mb_json_put_uint(o, "completed", f->completed);
	mb_json_put_double(o, "throughput", f->throughput >= 0 ? f->throughput : NAN);
	mb_json_put_uint(o, "errors", f->errors);
	mb_json_put_uint(o, "reconnects", f->reconnects);
	for (int i = 0; i < MB_APP_N_OUTCOMES; i++)
		mb_json_put_uint(oc, mb_app_outcome_name((enum mb_app_outcome)i), f->outcomes[i]);
	json_object_object_add(o, "outcomes", oc);
	json_object_object_add(o, "from_scheduled", latency_json(&f->from_scheduled));
	json_object_object_add(o, "from_sent", latency_json(&f->from_sent));
	return o;
}

static json_object *stats_json(const struct mb_app_probe_stats *st)
{
	json_object *o = json_object_new_object();

	mb_json_put_uint(o, "scheduled", st->scheduled);
	mb_json_put_uint(o, "sent", st->sent);
	mb_json_put_uint(o, "finished", st->finished);
	mb_json_put_uint(o, "connects", st->connects);
	mb_json_put_uint(o, "retries", st->retries);
	mb_json_put_uint(o, "queue_dropped", st->queue_dropped);
	mb_json_put_uint(o, "backlog_max", st->backlog_max);
	mb_json_put_known(o, "max_send_late_ns", st->max_send_late_ns);
	mb_json_put_str(o, "last_error", st->last_errno ? strerror(st->last_errno) : NULL);
	return o;
}

static json_object *stall_json(const struct mb_app_figures *f, int64_t t0)
{
	json_object *o = json_object_new_object();

	mb_json_put_known(o, "start_ns", rel(f->stall_start_ns, t0));
	mb_json_put_known(o, "end_ns", rel(f->stall_end_ns, t0));
	mb_json_put_known(o, "length_ns", f->stall_start_ns < 0 ? -1 : f->stall_ns);
	mb_json_put_bool(o, "open", f->stall_open);
	return o;
}

static void migration_json(json_object *o, const struct mb_app_figures *f, int64_t t0)
{
	json_object *b = json_object_new_object(), *m = json_object_new_object();

	json_object_object_add(o, "migration", phase_json(&f->migration, t0));
	mb_json_put_double(o, "throughput_ratio", f->throughput_ratio >= 0 ? f->throughput_ratio : NAN);
	mb_json_put_double(o, "p99_ratio", f->p99_ratio >= 0 ? f->p99_ratio : NAN);
	mb_json_put_known(o, "baseline_p99_ns", f->baseline_p99_ns);
	mb_json_put_known(b, "length_ns", f->brownout_ns);
	mb_json_put_known(b, "end_ns", rel(f->brownout_end_ns, t0));
	mb_json_put_bool(b, "open", f->brownout_open);
	mb_json_put_known(b, "at_least_ns", f->brownout_open ? f->brownout_min_ns : -1);
	json_object_object_add(o, "brownout", b);
	mb_json_put_known(o, "first_ok_after_resume_ns", rel(f->first_ok_after_resume_ns, t0));
	for (int i = 0; i < MB_APP_N_MARKS; i++)
		mb_json_put_known(m, mark_keys[i], rel(f->marks[i], t0));
	json_object_object_add(o, "marks", m);
}

json_object *mb_report_app_json(const struct mb_report_app *r)
{
	const struct mb_app_figures *f = r->fig;
	json_object *o = json_object_new_object(), *ph = json_object_new_object();
	char url[MB_URL_HOST_MAX + MB_URL_PATH_MAX + 32];

	url_text(r->pipe, url, sizeof(url));
	mb_json_put_str(o, "url", url);
	mb_json_put_double(o, "rate", r->pipe->rate);
	mb_json_put_uint(o, "conns", r->pipe->conns);
	mb_json_put_int(o, "timeout_ns", r->pipe->timeout_ns);
	mb_json_put_uint(o, "requests", f->requests);
	mb_json_put_uint(o, "after_tail", f->after_tail);
	if (r->migration)
		for (int i = 0; i < MB_APP_N_PHASES; i++)
			json_object_object_add(ph, mb_app_phase_name((enum mb_app_phase)i),
					       phase_json(&f->phase[i], r->t0_ns));
	else
		json_object_object_add(ph, "run", phase_json(&f->phase[MB_APP_BASELINE], r->t0_ns));
	json_object_object_add(o, "phases", ph);
	json_object_object_add(o, "stall", stall_json(f, r->t0_ns));
	if (r->migration)
		migration_json(o, f, r->t0_ns);
	json_object_object_add(o, "probe", stats_json(r->stats));
	return o;
}

/* ---------------------------------------------------------------- text -- */

static const char *dur(int64_t ns, char *buf, size_t len)
{
	if (ns < 0)
		snprintf(buf, len, "-");
	else
		mb_format_duration(ns, buf, len);
	return buf;
}

static const char *ratio(double x, char *buf, size_t len)
{
	if (x < 0)
		snprintf(buf, len, "ratio unknown");
	else
		snprintf(buf, len, "%.2fx", x);
	return buf;
}

static size_t stall_text(const struct mb_app_figures *f, int64_t t0, char *buf, size_t len)
{
	char a[32], b[32];

	if (f->stall_start_ns < 0)
		return (size_t)snprintf(buf, len, "no request");
	return (size_t)snprintf(buf, len, "stall %s%s at +%s", f->stall_open ? "at least " : "",
				dur(f->stall_ns, a, sizeof(a)), dur(f->stall_start_ns - t0, b, sizeof(b)));
}

void mb_report_app_cell(const struct mb_report_app *r, char *buf, size_t len)
{
	const struct mb_app_figures *f = r->fig;
	const struct mb_app_phase_figures *b = &f->phase[MB_APP_BASELINE], *m = &f->migration;
	char p1[32], p2[32], x1[32], x2[32], bo[48];
	size_t n;

	if (!r->migration) {
		n = (size_t)snprintf(buf, len, "%.1f/s answered, p99 %s; ", b->throughput < 0 ? 0 : b->throughput,
				     dur(b->from_scheduled.p99_ns, p1, sizeof(p1)));
		if (n < len)
			stall_text(f, r->t0_ns, buf + n, len - n);
		return;
	}
	if (f->brownout_open)
		snprintf(bo, sizeof(bo), "at least %s", dur(f->brownout_min_ns, x1, sizeof(x1)));
	else
		dur(f->brownout_ns, bo, sizeof(bo));
	n = (size_t)snprintf(buf, len, "baseline %.1f/s p99 %s; migration %.1f/s (%s) p99 %s (%s); ",
			     b->throughput < 0 ? 0 : b->throughput, dur(b->from_scheduled.p99_ns, p1, sizeof(p1)),
			     m->throughput < 0 ? 0 : m->throughput, ratio(f->throughput_ratio, x1, sizeof(x1)),
			     dur(m->from_scheduled.p99_ns, p2, sizeof(p2)), ratio(f->p99_ratio, x2, sizeof(x2)));
	if (n < len)
		n += stall_text(f, r->t0_ns, buf + n, len - n);
	if (n < len)
		snprintf(buf + n, len - n, "; brownout %s", bo);
}

static void phase_line(FILE *out, const char *name, const struct mb_app_phase_figures *f, int64_t t0)
{
	char s[32], l[32], a[32], b[32], c[32], d[32], tp[32];

	if (!f->known) {
		fprintf(out, "  %-12s not observed\n", name);
		return;
	}
	if (f->throughput < 0)
		snprintf(tp, sizeof(tp), "-");
	else
		snprintf(tp, sizeof(tp), "%.1f/s", f->throughput);
	fprintf(out, "  %-12s +%-9s %-9s %8" PRIu64 " %9s %9s %9s %9s %9s %6" PRIu64 " %6" PRIu64 "\n",
		name, dur(f->start_ns - t0, s, sizeof(s)), dur(f->end_ns - f->start_ns, l, sizeof(l)),
		f->requests, tp, dur(f->from_scheduled.p50_ns, a, sizeof(a)),
		dur(f->from_scheduled.p99_ns, b, sizeof(b)), dur(f->from_scheduled.p999_ns, c, sizeof(c)),
		dur(f->from_scheduled.max_ns, d, sizeof(d)), f->errors, f->reconnects);
}

void mb_report_app_text(FILE *out, const struct mb_report_app *r)
{
	const struct mb_app_figures *f = r->fig;
	char url[MB_URL_HOST_MAX + MB_URL_PATH_MAX + 32], t[32], cell[256];

	url_text(r->pipe, url, sizeof(url));
	fprintf(out, "application detail: %s, %g requests/s on %u connections, timeout %s\n", url,
		r->pipe->rate, r->pipe->conns, dur(r->pipe->timeout_ns, t, sizeof(t)));
	fprintf(out, "  %-12s %-10s %-9s %8s %9s %9s %9s %9s %9s %6s %6s\n", "phase", "from", "length",
		"requests", "answered", "p50", "p99", "p99.9", "max", "errors", "reconn");
	if (r->migration)
		for (int i = 0; i < MB_APP_N_PHASES; i++)
			phase_line(out, mb_app_phase_name((enum mb_app_phase)i), &f->phase[i], r->t0_ns);
	else
		phase_line(out, "run", &f->phase[MB_APP_BASELINE], r->t0_ns);
	fprintf(out, "  latency counts from the scheduled time (open loop); from the send, p99 %s %s\n",
		r->migration ? "during the migration" : "over the run", dur(r->migration ? f->migration.from_sent.p99_ns : f->phase[MB_APP_BASELINE].from_sent.p99_ns,
		    t, sizeof(t)));
	stall_text(f, r->t0_ns, cell, sizeof(cell));
	fprintf(out, "  longest %s", cell);
	if (f->stall_start_ns >= 0)
		fprintf(out, " (until +%s)", dur(f->stall_end_ns - r->t0_ns, t, sizeof(t)));
	fprintf(out, "; %" PRIu64 " connects, %" PRIu64 " retries, backlog up to %" PRIu64 "\n",
		r->stats->connects, r->stats->retries, r->stats->backlog_max);
}
