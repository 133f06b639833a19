#include "config.h"

#include "src/run/report_run.h"

#include <string.h>

#include "analysis/units.h"
#include "src/probe/report_outage.h"
#include "src/analyze/report_volume.h"

const char *mb_run_status_name(enum mb_run_status s)
{
	switch (s) {
	case MB_RUN_COMPLETED: return "completed";
	case MB_RUN_FAILED: return "failed";
	case MB_RUN_ABORTED: return "aborted";
	default: return "not-started";
	}
}

static struct mb_outage_result outage_of(struct mb_run *run)
{
	struct mb_outage_result r;

	memset(&r, 0, sizeof(r));
	if (run->probe.outage)
		mb_outage_result(run->probe.outage, &r);
	return r;
}

/* The capture's figures beside the hypervisor's data processed. */
static void volume_view(const struct mb_run *run, struct mb_volume_view *v)
{
	if (run->capturing) {
		mb_capture_pipeline_view(&run->capture, v);
	} else {
		memset(v, 0, sizeof(*v));
		v->not_captured = run->opt->no_capture ? "--no-capture" : "capture not started";
	}
	v->hv_data_processed = run->have_completed ? run->completed.data_processed : -1;
	v->hv_memory_processed = run->have_completed ? run->completed.memory_processed : -1;
	v->t0_ns = run->t0_ns;
}

static int64_t ms_to_ns(int64_t ms)
{
	return ms < 0 ? -1 : ms * 1000000;
}

static void add_i64(json_object *o, const char *key, int64_t v)
{
	/* -1 is "not reported": null, never a made-up number */
	json_object_object_add(o, key, v < 0 ? NULL : json_object_new_int64(v));
}

static void add_str(json_object *o, const char *key, const char *v)
{
	json_object_object_add(o, key, v ? json_object_new_string(v) : NULL);
}

/* ---------------------------------------------------------------- text -- */

static void text_dur(int64_t ns, char *buf, size_t len)
{
	if (ns < 0)
		snprintf(buf, len, "-");
	else
		mb_format_duration(ns, buf, len);
}

static void text_size(int64_t bytes, char *buf, size_t len)
{
	if (bytes < 0)
		snprintf(buf, len, "-");
	else
		mb_format_size((uint64_t)bytes, buf, len);
}

static void text_figures(FILE *out, struct mb_run *run, const struct mb_outage_result *o)
{
	const struct mb_jobstats *h = &run->completed;
	char a[48], b[48], c[160], d[48], cont[32];
	bool hv = run->have_completed;
	struct mb_volume_view v;

	volume_view(run, &v);
	fprintf(out, "%-20s %-32s %s\n", "", "wire (migbench)", "hypervisor");
	text_dur(run->migration_started ? run->completed_ns - run->mig.start_ns : -1, a, sizeof(a));
	text_dur(hv ? ms_to_ns(h->time_elapsed_ms) : -1, b, sizeof(b));
	text_dur(run->migration_started ? run->mig.end_ns - run->mig.start_ns : -1, c, sizeof(c));
	fprintf(out, "%-20s %-32s %s (API call returned after %s)\n", "total time", a, b, c);
	mb_report_continuity(o->n_windows, cont, sizeof(cont));
	text_dur(o->downtime_ns, a, sizeof(a));
	text_dur(o->resolution_ns, d, sizeof(d));
	snprintf(c, sizeof(c), "%s (+-%s, %s)", a, d, cont);
	text_dur(hv ? ms_to_ns(h->downtime_ms) : -1, a, sizeof(a));
	text_dur(hv ? ms_to_ns(h->downtime_net_ms) : -1, b, sizeof(b));
	fprintf(out, "%-20s %-32s %s (without network %s)\n", "downtime", c, a, b);
	text_size(hv ? h->data_processed : -1, a, sizeof(a));
	text_size(hv ? h->memory_processed : -1, b, sizeof(b));
	mb_report_volume_cell(&v, c, sizeof(c));
	fprintf(out, "%-20s %-32s %s (memory %s, %lld iterations)\n", "data volume",
		c, a, b, (long long)(hv ? h->memory_iteration : -1));
	text_dur(o->max_response_gap_ns, a, sizeof(a));
	fprintf(out, "%-20s largest response gap %s; application probe not run\n",
		"application impact", a);
}

void mb_report_run_text(FILE *out, struct mb_run *run, int exit_status)
{
	struct mb_outage_result o = outage_of(run);
	struct mb_icmp_stats st;
	struct mb_volume_view v;

	volume_view(run, &v);
	fprintf(out, "migbench: %s %s -> %s: %s%s%s\n", run->domain_name[0] ? run->domain_name : "?",
		run->src.host.name[0] ? run->src.host.name : run->opt->src,
		run->dst.host.name[0] ? run->dst.host.name : run->opt->dst,
		mb_run_status_name(run->status), run->abort_reason[0] ? " - " : "", run->abort_reason);
	if (run->target[0])
		fprintf(out, "probed %s every %lld us\n", run->target,
			(long long)(run->opt->interval_ns / 1000));
	if (run->probe.outage) {
		text_figures(out, run, &o);
		fputs("\nprobe detail:\n", out);
		if (run->probe.icmp)
			mb_icmp_stats(run->probe.icmp, &st);
		mb_report_outage_text(out, &o, run->probe.icmp ? &st : NULL);
	}
	if (v.vol) {
		fputs("\n", out);
		mb_report_volume_text(out, &v);
	}
	if (run->migration_started)
		fprintf(out, "guest on %s afterwards: %s\n", run->dst.host.name, run->dst_state);
	fprintf(out, "exit status %d\n", exit_status);
}

/* ---------------------------------------------------------------- JSON -- */

static json_object *config_json(const struct mb_run *run)
{
	const struct mb_run_options *o = run->opt;
	json_object *c = json_object_new_object();
	char ports[16];

	add_str(c, "src", o->src);
	add_str(c, "dst", o->dst);
	add_str(c, "domain", run->domain_name[0] ? run->domain_name : o->domain);
	add_str(c, "target", run->target[0] ? run->target : o->target);
	add_str(c, "target_source", run->target_source[0] ? run->target_source : NULL);
	add_i64(c, "interval_ns", o->interval_ns);
	add_i64(c, "late_after_ns", o->late_after_ns);
	add_i64(c, "lost_after_ns", o->lost_after_ns);
	add_i64(c, "baseline_ns", o->baseline_ns);
	add_i64(c, "tail_ns", o->tail_ns);
	add_i64(c, "timeout_ns", o->timeout_ns ? o->timeout_ns : -1);
	add_i64(c, "bandwidth_mib", o->bandwidth_mib ? (int64_t)o->bandwidth_mib : -1);
	add_i64(c, "max_downtime_ns", o->max_downtime_ns ? o->max_downtime_ns : -1);
	add_i64(c, "parallel", o->parallel ? o->parallel : -1);
	json_object_object_add(c, "postcopy", json_object_new_boolean(o->postcopy));
	add_i64(c, "postcopy_after", o->postcopy ? (o->postcopy_after < 0 ? 1 : o->postcopy_after) : -1);
	json_object_object_add(c, "compressed", json_object_new_boolean(o->compressed));
	json_object_object_add(c, "auto_converge", json_object_new_boolean(o->auto_converge));
	add_str(c, "copy_storage", o->copy_storage == MB_COPY_ALL ? "all" :
				   o->copy_storage == MB_COPY_INC ? "inc" : NULL);
	json_object_object_add(c, "persist", json_object_new_boolean(o->persist));
	json_object_object_add(c, "undefine_source", json_object_new_boolean(o->undefine_source));
	add_str(c, "migrate_uri", run->migration_started && run->mig.uri[0] ? run->mig.uri : o->migrate_uri);
	add_i64(c, "flags", run->migration_started ? (int64_t)run->mig.flags : -1);
	json_object_object_add(c, "capture", json_object_new_boolean(!o->no_capture));
	snprintf(ports, sizeof(ports), "%u-%u", (unsigned)o->port_lo, (unsigned)o->port_hi);
	add_str(c, "ports", ports);
	add_str(c, "iface", o->iface);
	add_i64(c, "bin_ns", o->bin_ns);
	return c;
}

static json_object *host_json(const struct mb_virt_host *h, bool have)
{
	json_object *o = json_object_new_object();

	add_str(o, "name", have ? h->host.name : NULL);
	add_str(o, "uri", have ? h->host.uri : NULL);
	add_str(o, "resolved_from", have ? h->host.source : NULL);
	add_str(o, "migration_address", have && h->host.migration_address[0] ? h->host.migration_address : NULL);
	add_str(o, "hostname", have ? h->hostname : NULL);
	add_str(o, "hypervisor", have ? h->hv_type : NULL);
	add_i64(o, "hypervisor_version", have ? (int64_t)h->hv_version : -1);
	add_i64(o, "libvirt_version", have ? (int64_t)h->libvirt_version : -1);
	return o;
}

static json_object *figures_json(struct mb_run *run, const struct mb_outage_result *o)
{
	const struct mb_jobstats *h = &run->completed;
	bool hv = run->have_completed;
	json_object *f = json_object_new_object(), *x;
	struct mb_volume_view v;
	char cont[32];

	x = json_object_new_object();
	add_i64(x, "wire_ns", run->migration_started ? run->completed_ns - run->mig.start_ns : -1);
	add_i64(x, "api_ns", run->migration_started ? run->mig.end_ns - run->mig.start_ns : -1);
	add_i64(x, "hypervisor_ns", hv ? ms_to_ns(h->time_elapsed_ms) : -1);
	json_object_object_add(f, "total_time", x);
	x = json_object_new_object();
	add_i64(x, "probe_ns", run->probe.outage ? o->downtime_ns : -1);
	add_i64(x, "resolution_ns", run->probe.outage ? o->resolution_ns : -1);
	json_object_object_add(x, "windows", json_object_new_int64((int64_t)o->n_windows));
	mb_report_continuity(o->n_windows, cont, sizeof(cont));
	add_str(x, "continuity", cont);
	add_i64(x, "hypervisor_ns", hv ? ms_to_ns(h->downtime_ms) : -1);
	add_i64(x, "hypervisor_net_ns", hv ? ms_to_ns(h->downtime_net_ms) : -1);
	json_object_object_add(f, "downtime", x);
	volume_view(run, &v);
	json_object_object_add(f, "data_volume", mb_report_volume_figures(&v));
	x = json_object_new_object();
	add_i64(x, "max_response_gap_ns", run->probe.outage ? o->max_response_gap_ns : -1);
	add_str(x, "service_probe", "not run");
	json_object_object_add(f, "application_impact", x);
	return f;
}

static json_object *timeline_json(const struct mb_run *run)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < run->timeline.n; i++)
		json_object_array_add(a, mb_jobstats_json(&run->timeline.samples[i], run->t0_ns));
	return a;
}

static json_object *meta_json(const struct mb_run *run, int exit_status)
{
	json_object *m = json_object_new_object();

	add_str(m, "version", PACKAGE_VERSION);
	add_str(m, "status", mb_run_status_name(run->status));
	add_str(m, "abort_reason", run->abort_reason[0] ? run->abort_reason : NULL);
	json_object_object_add(m, "exit_status", json_object_new_int(exit_status));
	json_object_object_add(m, "clock", json_object_new_string("CLOCK_MONOTONIC"));
	json_object_object_add(m, "t0_monotonic_ns", json_object_new_int64(run->t0_ns));
	json_object_object_add(m, "t0_realtime_ns", json_object_new_int64(run->t0_realtime_ns));
	add_i64(m, "migration_start_ns", run->migration_started ? run->mig.start_ns - run->t0_ns : -1);
	add_i64(m, "migration_end_ns", run->migration_started ? run->mig.end_ns - run->t0_ns : -1);
	add_i64(m, "migration_completed_ns", run->migration_started ? run->completed_ns - run->t0_ns : -1);
	add_str(m, "dst_state", run->dst_state[0] ? run->dst_state : NULL);
	return m;
}

json_object *mb_report_run_json(struct mb_run *run, int exit_status)
{
	struct mb_outage_result o = outage_of(run);
	json_object *doc = json_object_new_object(), *host = json_object_new_object();
	struct mb_icmp_stats st;
	struct mb_volume_view v;

	json_object_object_add(doc, "migbench", meta_json(run, exit_status));
	json_object_object_add(doc, "config", config_json(run));
	json_object_object_add(host, "src", host_json(&run->src, run->have_src));
	json_object_object_add(host, "dst", host_json(&run->dst, run->have_dst));
	json_object_object_add(doc, "host", host);
	json_object_object_add(doc, "figures", figures_json(run, &o));
	if (run->probe.icmp)
		mb_icmp_stats(run->probe.icmp, &st);
	json_object_object_add(doc, "windows", run->probe.outage ? mb_report_outage_windows(&o) : json_object_new_array());
	json_object_object_add(doc, "probe", run->probe.outage ?
			       mb_report_outage_figures(&o, run->probe.icmp ? &st : NULL) : NULL);
	volume_view(run, &v);
	json_object_object_add(doc, "capture", mb_report_volume_capture(&v));
	json_object_object_add(doc, "hypervisor", run->have_completed ? mb_jobstats_json(&run->completed, run->t0_ns) : NULL);
	json_object_object_add(doc, "timeline", timeline_json(run));
	json_object_object_add(doc, "events", run->have_events ? mb_events_json(&run->events, run->t0_ns) : json_object_new_array());
	json_object_object_add(doc, "errors", json_object_get(run->errors));
	return doc;
}
