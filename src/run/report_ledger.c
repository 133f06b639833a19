#include "config.h"

#include "src/run/report_ledger.h"

#include "analysis/units.h"
#include "analysis/volume.h"
#include "src/common/json.h"
#include "src/run/run.h"

#define MAX_ITERATIONS 256 /* beyond: the ledger lists the first ones */

static int64_t rel(int64_t t, int64_t t0)
{
	return t <= 0 ? -1 : t - t0;
}

/* The first prober outage window that begins after the call. */
static int64_t first_window_after(struct mb_run *run, int64_t from)
{
	struct mb_outage_result r;

	if (!run->probe.outage)
		return -1;
	mb_outage_result(run->probe.outage, &r);
	for (size_t i = 0; i < r.n_windows; i++)
		if (r.windows[i].end_ns > from)
			return r.windows[i].start_ns;
	return -1;
}

static int64_t last_wire_byte(const struct mb_run *run)
{
	struct mb_volume_view v;
	struct mb_volume_totals t;

	if (!run->capturing)
		return -1;
	mb_capture_pipeline_view(&run->capture, &v);
	if (!v.vol)
		return -1;
	mb_volume_totals(v.vol, &t);
	return t.last_ns;
}

static void app_inputs(const struct mb_app_figures *app, int64_t t0, struct mb_ledger_input *in)
{
	if (!app)
		return;
	in->first_app_reply_ns = rel(app->first_ok_after_resume_ns, t0);
	in->app_stall_start_ns = rel(app->stall_start_ns, t0);
	in->app_stall_end_ns = rel(app->stall_end_ns, t0);
	in->brownout_ns = app->brownout_ns;
}

int mb_run_ledger(struct mb_run *run, const struct mb_app_figures *app, struct mb_ledger *l)
{
	int64_t it[MAX_ITERATIONS], t0 = run->t0_ns;
	struct mb_ledger_input in;
	size_t n = 0;

	mb_ledger_input_init(&in);
	if (run->migration_started) {
		in.migration_call_ns = rel(run->mig.start_ns, t0);
		in.call_returned_ns = rel(run->mig.end_ns, t0);
		in.last_wire_byte_ns = rel(last_wire_byte(run), t0);
		in.first_probe_reply_ns = rel(run->probe.first_reply_after_ns, t0);
		in.first_announce_ns = rel(run->first_announce_ns, t0);
		in.probe_outage_start_ns = rel(first_window_after(run, run->mig.start_ns), t0);
		app_inputs(app, t0, &in);
	}
	if (run->migration_started && run->have_events) {
		n = mb_events_times(&run->events, "src", "migration-iteration", "", it, MAX_ITERATIONS);
		n = n < MAX_ITERATIONS ? n : MAX_ITERATIONS;
		for (size_t i = 0; i < n; i++)
			it[i] = rel(it[i], t0);
		in.iteration_ns = it;
		in.n_iterations = n;
		in.suspended_ns = rel(mb_events_first(&run->events, "src", "lifecycle", "suspended"), t0);
		in.resumed_ns = rel(mb_events_dst_resumed(&run->events), t0);
	}
	return mb_ledger_build(&in, l);
}

json_object *mb_run_ledger_phases_json(const struct mb_ledger *l)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < l->n; i++) {
		json_object *e = json_object_new_object();

		mb_json_put_str(e, "name", l->entries[i].name);
		mb_json_put_int(e, "t_ns", l->entries[i].t_ns);
		mb_json_put_str(e, "source", l->entries[i].source);
		json_object_array_add(a, e);
	}
	return a;
}

json_object *mb_run_ledger_intervals_json(const struct mb_ledger *l)
{
	const struct mb_ledger_intervals *iv = &l->iv;
	json_object *o = json_object_new_object();

	mb_json_put_known(o, "blackout_ns", iv->blackout_ns);
	mb_json_put_known(o, "announce_ns", iv->announce_ns);
	mb_json_put_known(o, "reconvergence_ns", iv->reconvergence_ns);
	mb_json_put_known(o, "app_recovery_ns", iv->app_recovery_ns);
	mb_json_put_known(o, "app_stall_ns", iv->app_stall_ns);
	mb_json_put_known(o, "brownout_ns", iv->brownout_ns);
	if (iv->probe_outage_offset_known)
		mb_json_put_int(o, "probe_outage_offset_ns", iv->probe_outage_offset_ns);
	else
		json_object_object_add(o, "probe_outage_offset_ns", NULL);
	return o;
}

static void interval_line(FILE *out, const char *what, int64_t ns, const char *means)
{
	char d[32];

	if (ns < 0)
		return;
	mb_format_duration(ns, d, sizeof(d));
	fprintf(out, "  %-22s %10s  %s\n", what, d, means);
}

void mb_run_ledger_text(FILE *out, const struct mb_ledger *l)
{
	const struct mb_ledger_intervals *iv = &l->iv;
	char t[32], d[32];

	fputs("phase ledger (from t0):\n", out);
	for (size_t i = 0; i < l->n; i++) {
		mb_format_duration(l->entries[i].t_ns, t, sizeof(t));
		fprintf(out, "  +%-11s %-22s %s\n", t, l->entries[i].name, l->entries[i].source);
	}
	interval_line(out, "hypervisor blackout", iv->blackout_ns, "source suspended -> destination resumed");
	interval_line(out, "announce delay", iv->announce_ns, "resumed -> first RARP/ARP/NA");
	interval_line(out, "network reconvergence", iv->reconvergence_ns, "resumed -> first probe reply");
	interval_line(out, "application recovery", iv->app_recovery_ns, "resumed -> first application answer");
	interval_line(out, "application stall", iv->app_stall_ns, "longest time with no answer");
	interval_line(out, "brownout", iv->brownout_ns, "resumed -> latency back within the baseline's p99");
	if (iv->probe_outage_offset_known) {
		int64_t off = iv->probe_outage_offset_ns;

		mb_format_duration(off < 0 ? -off : off, d, sizeof(d));
		fprintf(out, "  the prober's first window began %s %s the suspension%s\n", d,
			off < 0 ? "before" : "after",
			off < 0 ? " (the guest or its receive ring, not the pause)" : "");
	}
}
