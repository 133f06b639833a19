#include "config.h"

#include "src/run/report_run.h"

#include <string.h>

#include "analysis/units.h"
#include "src/common/json.h"
#include "src/probe/report_outage.h"
#include "src/analyze/report_volume.h"
#include "src/common/report_app.h"
#include "src/run/report_convergence.h"
#include "src/run/report_ledger.h"

const char *mb_run_trigger_name(enum mb_trigger_kind k)
{
	switch (k) {
	case MB_TRIGGER_PROGRAM: return "program";
	case MB_TRIGGER_EXTERNAL: return "external";
	default: return "libvirt";
	}
}

const char *mb_run_status_name(enum mb_run_status s)
{
	switch (s) {
	case MB_RUN_COMPLETED: return "completed";
	case MB_RUN_FAILED: return "failed";
	case MB_RUN_ABORTED: return "aborted";
	default: return "not-started";
	}
}

/* Every figure of the summary, derived once from the run; the text and
 * the JSON are two renderings of it.  -1: not measured or not reported. */
struct run_figures {
	bool probed, have_icmp;
	struct mb_outage_result outage;
	struct mb_icmp_stats icmp;
	struct mb_volume_view vol;
	int64_t wire_ns;           /* migration start to the guest resumed on dst */
	int64_t api_ns;            /* migration start to the API's return */
	int64_t hv_total_ns, hv_downtime_ns, hv_downtime_net_ns;
	int64_t hv_iterations;     /* data and memory processed: in vol */
	char continuity[32];
	bool app;                  /* --app: the application probe's figures */
	struct mb_app_figures app_fig;
	struct mb_app_probe_stats app_stats;
	struct mb_report_app app_view;
	struct mb_ledger ledger;   /* freed by run_figures_free */
};

static int64_t ms_to_ns(int64_t ms)
{
	return ms < 0 ? -1 : ms * 1000000;
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

static void hypervisor_figures(const struct mb_run *run, struct run_figures *f)
{
	const struct mb_jobstats *h = &run->completed;
	bool hv = run->have_completed;

	f->hv_total_ns = hv ? ms_to_ns(h->time_elapsed_ms) : -1;
	f->hv_downtime_ns = hv ? ms_to_ns(h->downtime_ms) : -1;
	f->hv_downtime_net_ns = hv ? ms_to_ns(h->downtime_net_ms) : -1;
	f->hv_iterations = hv ? h->memory_iteration : -1;
}

static void run_figures(struct mb_run *run, struct run_figures *f)
{
	memset(f, 0, sizeof(*f));
	f->probed = run->probe.outage != NULL;
	if (f->probed)
		mb_outage_result(run->probe.outage, &f->outage);
	f->have_icmp = run->probe.icmp != NULL;
	if (f->have_icmp)
		mb_icmp_stats(run->probe.icmp, &f->icmp);
	mb_report_continuity(f->outage.n_windows, f->continuity, sizeof(f->continuity));
	volume_view(run, &f->vol);
	f->wire_ns = run->migration_started ? run->completed_ns - run->mig.start_ns : -1;
	f->api_ns = run->migration_started ? run->mig.end_ns - run->mig.start_ns : -1;
	hypervisor_figures(run, f);
	f->app = run->app_on;
	if (f->app) {
		mb_app_pipeline_result(&run->app, &f->app_fig);
		mb_app_pipeline_stats(&run->app, &f->app_stats);
		f->app_view = (struct mb_report_app){
			.pipe = &run->app, .fig = &f->app_fig, .stats = &f->app_stats,
			.t0_ns = run->t0_ns, .migration = true, /* the same keys, run or not */
		};
	}
	/* Out of memory leaves it empty: no ledger rather than no report. */
	(void)mb_run_ledger(run, f->app ? &f->app_fig : NULL, &f->ledger);
}

static void run_figures_free(struct run_figures *f)
{
	mb_ledger_free(&f->ledger);
}

/* ---------------------------------------------------------------- text -- */

/* An unknown figure says so in words: never a -1 or a blank. */
static const char *text_dur(int64_t ns, const char *unknown, char *buf, size_t len)
{
	if (ns < 0)
		snprintf(buf, len, "%s", unknown);
	else
		mb_format_duration(ns, buf, len);
	return buf;
}

static const char *text_size(int64_t bytes, const char *unknown, char *buf, size_t len)
{
	if (bytes < 0)
		snprintf(buf, len, "%s", unknown);
	else
		mb_format_size((uint64_t)bytes, buf, len);
	return buf;
}

static const char *text_count(int64_t n, const char *what, char *buf, size_t len)
{
	if (n < 0)
		snprintf(buf, len, "%s not reported", what);
	else
		snprintf(buf, len, "%lld %s", (long long)n, what);
	return buf;
}

#define NR "not reported" /* by the hypervisor */
#define NM "not measured"

static void text_table(FILE *out, const struct run_figures *f, bool ours)
{
	char a[48], b[48], c[160], d[48];

	fprintf(out, "%-20s %-32s %s\n", "", "wire (migbench)", "hypervisor");
	fprintf(out, "%-20s %-32s %s (%s after %s)\n", "total time",
		text_dur(f->wire_ns, NM, a, sizeof(a)), text_dur(f->hv_total_ns, NR, b, sizeof(b)),
		ours ? "API call returned" : "source's job seen ended", text_dur(f->api_ns, NM, d, sizeof(d)));
	snprintf(c, sizeof(c), "%s (+-%s, %s)", text_dur(f->outage.downtime_ns, NM, a, sizeof(a)),
		 text_dur(f->outage.resolution_ns, NM, d, sizeof(d)), f->continuity);
	fprintf(out, "%-20s %-32s %s (without network %s)\n", "downtime", c,
		text_dur(f->hv_downtime_ns, NR, a, sizeof(a)),
		text_dur(f->hv_downtime_net_ns, NR, b, sizeof(b)));
	mb_report_volume_cell(&f->vol, c, sizeof(c));
	fprintf(out, "%-20s %-32s %s (memory %s, %s)\n", "data volume", c,
		text_size(f->vol.hv_data_processed, NR, a, sizeof(a)),
		text_size(f->vol.hv_memory_processed, NR, b, sizeof(b)),
		text_count(f->hv_iterations, "iterations", d, sizeof(d)));
	if (!f->app) {
		fprintf(out, "%-20s largest response gap %s; application probe not run (--app)\n",
			"application impact", text_dur(f->outage.max_response_gap_ns, NM, a, sizeof(a)));
		return;
	}
	mb_report_app_cell(&f->app_view, c, sizeof(c));
	fprintf(out, "%-20s %s; largest ICMP response gap %s\n", "application impact", c,
		text_dur(f->outage.max_response_gap_ns, NM, a, sizeof(a)));
}

/* Who migrated, when it is not migbench. */
static void text_trigger(FILE *out, const struct mb_run *run)
{
	char how[64], at[32];

	if (mb_run_owns_migration(run))
		return;
	if (run->have_trigger) {
		mb_trigger_describe(&run->trigger, how, sizeof(how));
		fprintf(out, "migration asked for by: %s (it %s)\n", run->opt->trigger, how);
	} else {
		fputs("migration started by someone else (watched)\n", out);
	}
	if (run->migration_started)
		fprintf(out, "its job first seen at +%s\n",
			text_dur(run->job_seen_ns - run->t0_ns, NM, at, sizeof(at)));
}

void mb_report_run_text(FILE *out, struct mb_run *run, int exit_status)
{
	struct run_figures f;

	run_figures(run, &f);
	fprintf(out, "migbench: %s %s -> %s: %s%s%s\n", run->domain_name[0] ? run->domain_name : "?",
		run->src.host.name[0] ? run->src.host.name : run->opt->src,
		run->dst.host.name[0] ? run->dst.host.name : run->opt->dst,
		mb_run_status_name(run->status), run->abort_reason[0] ? " - " : "", run->abort_reason);
	if (run->target[0])
		fprintf(out, "probed %s every %lld us\n", run->target,
			(long long)(run->opt->interval_ns / 1000));
	text_trigger(out, run);
	if (f.probed) {
		text_table(out, &f, mb_run_owns_migration(run));
		fputs("\nprobe detail:\n", out);
		mb_report_outage_text(out, &f.outage, f.have_icmp ? &f.icmp : NULL, run->t0_ns);
	}
	if (f.app) {
		fputs("\n", out);
		mb_report_app_text(out, &f.app_view);
	}
	if (f.vol.vol) {
		fputs("\n", out);
		mb_report_volume_text(out, &f.vol);
	}
	if (run->workloads.n || run->dirtyrate.seconds) {
		fputs("\n", out);
		mb_workload_text(out, &run->workloads, &run->dirtyrate);
	}
	if (run->conv) {
		fputs("\n", out);
		mb_convergence_text(out, run->conv);
	}
	if (f.ledger.n) {
		fputs("\n", out);
		mb_run_ledger_text(out, &f.ledger);
	}
	/* Where the guest is, not only where it is not. */
	if (run->migration_started)
		fprintf(out, "after the run: %s is %s on %s, %s on %s\n", run->domain_name,
			run->src_state, run->src.host.name, run->dst_state, run->dst.host.name);
	fprintf(out, "exit status %d\n", exit_status);
	run_figures_free(&f);
}

/* ---------------------------------------------------------------- JSON -- */

static json_object *config_json(const struct mb_run *run)
{
	const struct mb_run_options *o = run->opt;
	json_object *c = json_object_new_object();
	char ports[16];

	mb_json_put_str(c, "src", o->src);
	mb_json_put_str(c, "dst", o->dst);
	mb_json_put_str(c, "domain", run->domain_name[0] ? run->domain_name : o->domain);
	mb_json_put_str(c, "target", run->target[0] ? run->target : o->target);
	mb_json_put_str(c, "target_source", run->target_source);
	mb_json_put_known(c, "interval_ns", o->interval_ns);
	mb_json_put_known(c, "late_after_ns", o->late_after_ns);
	mb_json_put_known(c, "lost_after_ns", o->lost_after_ns);
	mb_json_put_known(c, "baseline_ns", o->baseline_ns);
	mb_json_put_known(c, "tail_ns", o->tail_ns);
	mb_json_put_known(c, "timeout_ns", o->timeout_ns ? o->timeout_ns : -1);
	mb_json_put_known(c, "bandwidth_mib", o->bandwidth_mib ? (int64_t)o->bandwidth_mib : -1);
	mb_json_put_known(c, "max_downtime_ns", o->max_downtime_ns ? o->max_downtime_ns : -1);
	mb_json_put_known(c, "parallel", o->parallel ? o->parallel : -1);
	mb_json_put_bool(c, "postcopy", o->postcopy);
	mb_json_put_known(c, "postcopy_after", o->postcopy ? (o->postcopy_after < 0 ? 1 : o->postcopy_after) : -1);
	mb_json_put_bool(c, "compressed", o->compressed);
	mb_json_put_bool(c, "auto_converge", o->auto_converge);
	mb_json_put_str(c, "copy_storage", o->copy_storage == MB_COPY_ALL ? "all" :
				   o->copy_storage == MB_COPY_INC ? "inc" : NULL);
	mb_json_put_str(c, "dst_xml", o->dst_xml);
	mb_json_put_bool(c, "persist", o->persist);
	mb_json_put_bool(c, "undefine_source", o->undefine_source);
	mb_json_put_str(c, "migrate_uri", run->migration_started && run->mig.uri[0] ? run->mig.uri : o->migrate_uri);
	mb_json_put_known(c, "flags", run->migration_started && mb_run_owns_migration(run) ? (int64_t)run->mig.flags : -1);
	mb_json_put_str(c, "trigger", mb_run_trigger_name(o->trigger_kind));
	mb_json_put_str(c, "trigger_program", o->trigger);
	mb_json_put_bool(c, "capture", !o->no_capture);
	mb_json_put_bool(c, "dirty_rate", !o->no_dirty_rate);
	snprintf(ports, sizeof(ports), "%u-%u", (unsigned)o->port_lo, (unsigned)o->port_hi);
	mb_json_put_str(c, "ports", ports);
	mb_json_put_str(c, "iface", o->iface);
	mb_json_put_known(c, "bin_ns", o->bin_ns);
	mb_json_put_bool(c, "app", o->app);
	return c;
}

static json_object *host_json(const struct mb_virt_host *h, bool have)
{
	json_object *o = json_object_new_object();

	mb_json_put_str(o, "name", have ? h->host.name : NULL);
	mb_json_put_str(o, "uri", have ? h->host.uri : NULL);
	mb_json_put_str(o, "resolved_from", have ? h->host.source : NULL);
	mb_json_put_str(o, "migration_address", have && h->host.migration_address[0] ? h->host.migration_address : NULL);
	mb_json_put_str(o, "hostname", have ? h->hostname : NULL);
	mb_json_put_str(o, "hypervisor", have ? h->hv_type : NULL);
	mb_json_put_known(o, "hypervisor_version", have ? (int64_t)h->hv_version : -1);
	mb_json_put_known(o, "libvirt_version", have ? (int64_t)h->libvirt_version : -1);
	mb_json_put_bool(o, "read_only", have && h->read_only);
	return o;
}

/* The Virt-LM table: the four figures, wire beside hypervisor. */
static json_object *figures_json(const struct run_figures *f)
{
	json_object *o = json_object_new_object(), *x;

	x = json_object_new_object();
	mb_json_put_known(x, "wire_ns", f->wire_ns);
	mb_json_put_known(x, "api_ns", f->api_ns);
	mb_json_put_known(x, "hypervisor_ns", f->hv_total_ns);
	json_object_object_add(o, "total_time", x);
	x = json_object_new_object();
	mb_json_put_known(x, "probe_ns", f->probed ? f->outage.downtime_ns : -1);
	mb_json_put_known(x, "resolution_ns", f->probed ? f->outage.resolution_ns : -1);
	mb_json_put_uint(x, "windows", f->outage.n_windows);
	mb_json_put_str(x, "continuity", f->continuity);
	mb_json_put_known(x, "hypervisor_ns", f->hv_downtime_ns);
	mb_json_put_known(x, "hypervisor_net_ns", f->hv_downtime_net_ns);
	json_object_object_add(o, "downtime", x);
	json_object_object_add(o, "data_volume", mb_report_volume_figures(&f->vol));
	x = f->app ? mb_report_app_json(&f->app_view) : json_object_new_object();
	mb_json_put_known(x, "max_response_gap_ns", f->probed ? f->outage.max_response_gap_ns : -1);
	mb_json_put_str(x, "service_probe", f->app ? "run" : "not run");
	json_object_object_add(o, "application_impact", x);
	return o;
}

static json_object *timeline_json(const struct mb_run *run)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < run->timeline.n; i++)
		json_object_array_add(a, mb_jobstats_json(&run->timeline.samples[i], run->t0_ns));
	return a;
}

/* Who migrated: migbench, the program (its status and output), or
 * someone else; for the last two, when migbench first saw the job. */
static json_object *trigger_json(const struct mb_run *run)
{
	json_object *t = json_object_new_object();
	bool theirs = !mb_run_owns_migration(run);

	mb_json_put_str(t, "kind", mb_run_trigger_name(run->opt->trigger_kind));
	mb_json_put_known(t, "job_seen_ns", theirs && run->migration_started ? run->job_seen_ns - run->t0_ns : -1);
	json_object_object_add(t, "program", run->have_trigger ? mb_trigger_json(&run->trigger, run->t0_ns) : NULL);
	return t;
}

static json_object *meta_json(const struct mb_run *run, int exit_status)
{
	json_object *m = json_object_new_object();

	mb_json_put_str(m, "version", PACKAGE_VERSION);
	mb_json_put_str(m, "status", mb_run_status_name(run->status));
	mb_json_put_str(m, "abort_reason", run->abort_reason[0] ? run->abort_reason : NULL);
	mb_json_put_int(m, "exit_status", exit_status);
	mb_json_put_str(m, "clock", "CLOCK_MONOTONIC");
	mb_json_put_int(m, "t0_monotonic_ns", run->t0_ns);
	mb_json_put_int(m, "t0_realtime_ns", run->t0_realtime_ns);
	mb_json_put_known(m, "migration_start_ns", run->migration_started ? run->mig.start_ns - run->t0_ns : -1);
	mb_json_put_known(m, "migration_end_ns", run->migration_started ? run->mig.end_ns - run->t0_ns : -1);
	mb_json_put_known(m, "migration_completed_ns", run->migration_started ? run->completed_ns - run->t0_ns : -1);
	mb_json_put_str(m, "src_state", run->src_state);
	mb_json_put_str(m, "dst_state", run->dst_state);
	return m;
}

json_object *mb_report_run_json(struct mb_run *run, int exit_status)
{
	json_object *doc = json_object_new_object(), *host = json_object_new_object();
	struct run_figures f;

	run_figures(run, &f);
	json_object_object_add(doc, "migbench", meta_json(run, exit_status));
	json_object_object_add(doc, "config", config_json(run));
	json_object_object_add(host, "src", host_json(&run->src, run->have_src));
	json_object_object_add(host, "dst", host_json(&run->dst, run->have_dst));
	json_object_object_add(doc, "host", host);
	json_object_object_add(doc, "trigger", trigger_json(run));
	json_object_object_add(doc, "figures", figures_json(&f));
	json_object_object_add(doc, "probe", f.probed ? mb_report_outage_json(&f.outage,
				f.have_icmp ? &f.icmp : NULL, run->t0_ns) : NULL);
	json_object_object_add(doc, "capture", mb_report_volume_capture(&f.vol));
	json_object_object_add(doc, "hypervisor", run->have_completed ? mb_jobstats_json(&run->completed, run->t0_ns) : NULL);
	json_object_object_add(doc, "workload", mb_workload_json(&run->workloads, &run->dirtyrate, run->t0_ns));
	json_object_object_add(doc, "convergence", mb_convergence_json(run->conv));
	json_object_object_add(doc, "timeline", timeline_json(run));
	json_object_object_add(doc, "events", run->have_events ? mb_events_json(&run->events, run->t0_ns) : json_object_new_array());
	json_object_object_add(doc, "phases", mb_run_ledger_phases_json(&f.ledger));
	json_object_object_add(doc, "intervals", mb_run_ledger_intervals_json(&f.ledger));
	json_object_object_add(doc, "errors", json_object_get(run->errors));
	run_figures_free(&f);
	return doc;
}
