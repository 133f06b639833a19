#include "config.h"

#include "src/run/report_convergence.h"

#include <stdlib.h>
#include <string.h>

#include "analysis/units.h"
#include "src/common/json.h"

static enum mb_conv_outcome outcome(const struct mb_run *run)
{
	if (run->status == MB_RUN_COMPLETED)
		return MB_CONV_COMPLETED;
	if (run->status == MB_RUN_ABORTED)
		return strcmp(run->abort_reason, "--timeout reached") ? MB_CONV_ABORTED
								      : MB_CONV_ABORTED_TIMEOUT;
	return MB_CONV_FAILED;
}

static void samples_of(const struct mb_run *run, struct mb_conv_sample *s)
{
	for (size_t i = 0; i < run->timeline.n; i++) {
		const struct mb_jobstats *j = &run->timeline.samples[i];

		s[i] = (struct mb_conv_sample){
			.t_ns = j->t_ns - run->t0_ns, .iteration = j->memory_iteration,
			.processed = j->data_processed, .remaining = j->data_remaining,
			.dirty_rate = j->memory_dirty_rate, .page_size = j->memory_page_size,
			.throttle = j->auto_converge_throttle, .downtime_ms = j->downtime_ms,
		};
	}
}

/* The source's iteration events, and when it switched to post-copy
 * ("suspended/postcopy").  The event thread is stopped: no lock needed. */
static size_t events_of(const struct mb_run *run, struct mb_conv_event *e, int64_t *postcopy_ns)
{
	const struct mb_events *ev = &run->events;
	size_t n = 0;
	long long it;

	*postcopy_ns = -1;
	for (size_t i = 0; run->have_events && i < ev->n; i++) {
		const struct mb_event *x = &ev->list[i];

		if (strcmp(x->host, "src"))
			continue;
		if (!strcmp(x->kind, "migration-iteration") && sscanf(x->detail, "iteration %lld", &it) == 1)
			e[n++] = (struct mb_conv_event){ x->t_ns - run->t0_ns, it };
		else if (!strcmp(x->kind, "lifecycle") && !strcmp(x->detail, "suspended/postcopy") &&
			 *postcopy_ns < 0)
			*postcopy_ns = x->t_ns - run->t0_ns;
	}
	return n;
}

struct mb_conv_result *mb_run_convergence(const struct mb_run *run)
{
	struct mb_conv_sample *s = calloc(run->timeline.n + 1, sizeof(*s));
	struct mb_conv_event *e = calloc(run->have_events ? run->events.n + 1 : 1, sizeof(*e));
	struct mb_conv_result *r = malloc(sizeof(*r));
	struct mb_conv_input in = {
		.samples = s, .n = run->timeline.n, .events = e,
		/* A completed migration ends when the guest resumed on the
		 * destination: the API returns later. */
		.start_ns = run->mig.start_ns - run->t0_ns,
		.end_ns = (run->status == MB_RUN_COMPLETED ? run->completed_ns : run->mig.end_ns) - run->t0_ns,
		.outcome = outcome(run),
		.max_downtime_ms = run->opt->max_downtime_ns ? run->opt->max_downtime_ns / 1000000 : -1,
		.measured_downtime_ms = run->have_completed ? run->completed.downtime_ms : -1,
		.final_processed = run->have_completed ? run->completed.data_processed : -1,
	};

	if (!run->migration_started || !s || !e || !r) {
		free(s);
		free(e);
		free(r);
		return NULL;
	}
	samples_of(run, s);
	in.nevents = events_of(run, e, &in.postcopy_ns);
	mb_convergence_audit(&in, r);
	free(s);
	free(e);
	return r;
}

static json_object *iter_json(const struct mb_conv_iter *x)
{
	json_object *o = json_object_new_object();

	mb_json_put_int(o, "iteration", x->iteration);
	mb_json_put_int(o, "start_ns", x->start_ns);
	mb_json_put_int(o, "duration_ns", x->duration_ns);
	mb_json_put_known(o, "bytes", x->bytes);
	mb_json_put_known(o, "transfer_bytes_per_s", x->transfer_bps);
	mb_json_put_known(o, "dirty_bytes_per_s", x->dirty_bps);
	mb_json_put_str(o, "dirty_source", x->dirty_bps < 0 ? NULL :
			x->dirty_estimated ? "estimated from the next iteration" : "hypervisor");
	mb_json_put_known(o, "remaining_bytes", x->remaining);
	mb_json_put_bool(o, "complete", x->complete);
	return o;
}

json_object *mb_convergence_json(const struct mb_conv_result *r)
{
	json_object *o = json_object_new_object(), *a = json_object_new_array();

	if (!r) {
		json_object_put(a);
		json_object_put(o);
		return NULL;
	}
	mb_json_put_str(o, "verdict", mb_conv_verdict_name(r->verdict));
	mb_json_put_str(o, "verdict_text", r->verdict_text);
	mb_json_put_str(o, "switchover", r->switchover);
	mb_json_put_known(o, "expected_downtime_ms", r->expected_downtime_ms);
	mb_json_put_known(o, "measured_downtime_ms", r->measured_downtime_ms);
	mb_json_put_int(o, "max_throttle_percent", r->max_throttle);
	for (size_t i = 0; i < r->n; i++)
		json_object_array_add(a, iter_json(&r->iters[i]));
	json_object_object_add(o, "iterations", a);
	mb_json_put_uint(o, "iterations_dropped", r->dropped);
	return o;
}

static const char *cell_size(int64_t v, const char *suffix, char *buf, size_t len)
{
	char s[24];

	if (v < 0) {
		snprintf(buf, len, "-");
		return buf;
	}
	mb_format_size((uint64_t)v, s, sizeof(s));
	snprintf(buf, len, "%s%s", s, suffix);
	return buf;
}

static const char *ms_text(int64_t ms, char *buf, size_t len)
{
	if (ms < 0)
		snprintf(buf, len, "not reported");
	else
		snprintf(buf, len, "%lld ms", (long long)ms);
	return buf;
}

void mb_convergence_text(FILE *out, const struct mb_conv_result *r)
{
	char a[32], b[32], c[32], d[32], e[32], f[32], g[40];

	if (!r)
		return;
	fprintf(out, "convergence: %s\n  switch-over: %s\n", r->verdict_text, r->switchover);
	fprintf(out, "  downtime: expected %s by the hypervisor, measured %s\n",
		ms_text(r->expected_downtime_ms, a, sizeof(a)), ms_text(r->measured_downtime_ms, b, sizeof(b)));
	if (r->n)
		fprintf(out, "  %-9s %-10s %-10s %-12s %-14s %-16s %s\n", "iteration", "start", "duration",
			"sent", "transfer rate", "dirty rate", "remaining at start");
	for (size_t i = 0; i < r->n; i++) {
		const struct mb_conv_iter *x = &r->iters[i];

		mb_format_duration(x->start_ns, a, sizeof(a));
		mb_format_duration(x->duration_ns, b, sizeof(b));
		snprintf(g, sizeof(g), "%s%s", x->dirty_estimated ? ">=" : "",
			 cell_size(x->dirty_bps, "/s", e, sizeof(e)));
		fprintf(out, "  %-9lld +%-9s %-10s %-12s %-14s %-16s %s\n", (long long)x->iteration, a, b,
			cell_size(x->bytes, "", c, sizeof(c)), cell_size(x->transfer_bps, "/s", d, sizeof(d)), g,
			cell_size(x->remaining, "", f, sizeof(f)));
	}
}
