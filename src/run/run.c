#include "config.h"

#include "src/run/run.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libvirt/virterror.h>

#include "analysis/units.h"
#include "probes/clock.h"
#include "src/common/exitcode.h"
#include "src/common/hosts.h"
#include "src/analyze/report_volume.h"
#include "src/common/privs.h"
#include "src/common/problem.h"
#include "src/common/signals.h"
#include "src/common/textfile.h"
#include "src/snapio/domxml.h"
#include "src/run/report_convergence.h"
#include "src/run/run_app.h"
#include "src/run/external.h"

#define SAMPLE_PERIOD_NS 100000000LL /* job statistics every 100 ms */

void mb_run_error(struct mb_run *run, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	mb_vproblem(run->errors, stderr, NULL, fmt, ap);
	va_end(ap);
}

/* Both probes' queues. */
static void drain_probes(struct mb_run *run)
{
	mb_pipeline_drain(&run->probe);
	mb_run_app_drain(run);
}

/* The probe queues drained while waiting; false if a signal came. */
static bool wait_until(struct mb_run *run, int64_t deadline_ns)
{
	for (;;) {
		int64_t now = mb_now_ns(), wake = now + SAMPLE_PERIOD_NS;

		drain_probes(run);
		if (mb_signal_pending())
			return false;
		if (now >= deadline_ns)
			return true;
		mb_sleep_until_ns(wake < deadline_ns ? wake : deadline_ns); /* a signal ends it */
	}
}

/* libvirt's own limit for an XML document it reads (virsh's too) is
 * 10 MiB; a domain definition is a few KiB. */
#define DST_XML_MAX (1024 * 1024)

/* --dst-xml, read and checked before any host is touched: a file that
 * cannot be read is the environment's (2), one that is no domain XML the
 * user's (1); what the destination makes of it is libvirt's to say. */
static int read_dst_xml(struct mb_run *run)
{
	char err[1024];

	if (!run->opt->dst_xml)
		return 0;
	run->dst_xml = mb_textfile_read(run->opt->dst_xml, DST_XML_MAX, err, sizeof(err));
	if (!run->dst_xml) {
		mb_run_error(run, "--dst-xml %s", err);
		return MB_EXIT_ENV;
	}
	mb_domxml_init();
	if (mb_domxml_check_domain(run->dst_xml, err, sizeof(err))) {
		mb_run_error(run, "--dst-xml %s: %s", run->opt->dst_xml, err);
		return MB_EXIT_USAGE;
	}
	return 0;
}

static int open_hosts(struct mb_run *run)
{
	struct mb_host_lookup lk = { run->opt->hosts_file, run->opt->connect_template };
	struct mb_host src, dst;
	char err[1024];

	if (mb_host_resolve(run->opt->src, &lk, &src, err, sizeof(err)) ||
	    mb_host_resolve(run->opt->dst, &lk, &dst, err, sizeof(err))) {
		mb_run_error(run, "%s", err);
		return MB_EXIT_USAGE;
	}
	if (mb_virt_connect_mode(&run->src, &src, run->opt->read_only, err, sizeof(err))) {
		mb_run_error(run, "source %s", err);
		return MB_EXIT_ENV;
	}
	run->have_src = true;
	if (mb_virt_connect_mode(&run->dst, &dst, run->opt->read_only, err, sizeof(err))) {
		mb_run_error(run, "destination %s", err);
		return MB_EXIT_ENV;
	}
	run->have_dst = true;
	return 0;
}

/* The guest's address (IPv6 with --ipv6): a read-only source may refuse
 * the agent, so once more read-write then. */
static int guest_address(struct mb_run *run, const char **source, char *err, size_t len)
{
	int family = run->opt->ipv6 ? AF_INET6 : AF_INET;

	if (!mb_virt_guest_addr(run->dom, family, run->target, sizeof(run->target), source, err, len))
		return 0;
	if (!run->src.read_only || mb_external_read_write(run, "asking the guest agent for its address"))
		return -1;
	return mb_virt_guest_addr(run->dom, family, run->target, sizeof(run->target), source, err, len);
}

/* The address to probe, parsed (--target's was checked by the option
 * parser, the agent's is checked here). */
static int parse_target(struct mb_run *run)
{
	run->target_family = AF_INET;
	if (inet_pton(AF_INET, run->target, &run->target_addr) == 1)
		return 0;
	run->target_family = AF_INET6;
	if (inet_pton(AF_INET6, run->target, &run->target6) == 1)
		return 0;
	mb_run_error(run, "address '%s' (%s): not an IPv4 or IPv6 address", run->target,
		     run->target_source);
	return MB_EXIT_USAGE;
}

static int pick_domain_and_target(struct mb_run *run)
{
	const char *source = NULL;
	char err[1024];

	run->dom = mb_virt_pick_domain(&run->src, run->opt->domain, err, sizeof(err));
	if (!run->dom) {
		mb_run_error(run, "%s", err);
		return MB_EXIT_ENV;
	}
	snprintf(run->domain_name, sizeof(run->domain_name), "%s", virDomainGetName(run->dom));
	if (run->src.read_only && mb_external_access(run))
		return MB_EXIT_ENV;
	if (run->opt->target) {
		snprintf(run->target, sizeof(run->target), "%s", run->opt->target);
		snprintf(run->target_source, sizeof(run->target_source), "option");
	} else if (guest_address(run, &source, err, sizeof(err))) {
		mb_run_error(run, "no address for domain '%s' (%s): give one with --target",
			     run->domain_name, err);
		return MB_EXIT_ENV;
	} else {
		snprintf(run->target_source, sizeof(run->target_source), "%s", source);
	}
	return parse_target(run);
}

static int out_path(struct mb_run *run, const char *name, char *buf, size_t len)
{
	if (mb_outfile_join(buf, len, run->opt->out_dir, name)) {
		mb_run_error(run, "--out '%s': path too long", run->opt->out_dir);
		return -1;
	}
	return 0;
}

/* The ICMP socket (and probes.csv), no thread yet. */
static int open_probe(struct mb_run *run)
{
	struct mb_pipeline_config cfg = {
		.outage = {
			.interval_ns = run->opt->interval_ns,
			.late_after_ns = run->opt->late_after_ns,
			.lost_after_ns = run->opt->lost_after_ns,
		},
		/* Real-time priority keeps 100 us cadence while QEMU loads the CPUs. */
		.rt_priority = 10,
	};
	char csv[4096], err[1024];
	int r;

	cfg.family = run->target_family;
	cfg.target = run->target_addr;
	cfg.target6 = run->target6;
	if (run->opt->out_dir && out_path(run, "probes.csv", csv, sizeof(csv)))
		return MB_EXIT_USAGE;
	r = mb_pipeline_open(&run->probe, &cfg, err, sizeof(err));
	if (!r && run->opt->out_dir)
		r = mb_pipeline_open_csv(&run->probe, csv, err, sizeof(err));
	if (r)
		mb_run_error(run, "prober: %s", err);
	return r;
}

static int start_probe(struct mb_run *run)
{
	char err[1024];
	int r = mb_pipeline_start(&run->probe, err, sizeof(err));

	if (r) {
		mb_run_error(run, "prober: %s", err);
		return r;
	}
	run->probing = true;
	return 0;
}

/* Where the migration stream goes: --migrate-uri's host, else the
 * destination's migration address, else its libvirt URI's host. */
static const char *stream_address(const struct mb_run *run, char *buf, size_t len)
{
	if (run->opt->migrate_uri && !mb_uri_host(run->opt->migrate_uri, buf, len))
		return buf;
	if (run->dst.host.migration_address[0])
		return run->dst.host.migration_address;
	return mb_uri_host(run->dst.host.uri, buf, len) ? NULL : buf;
}

/* The source's address on the migration network, as well as we know it. */
static const char *source_address(const struct mb_run *run, char *buf, size_t len,
				  char *from, size_t fromlen)
{
	const struct mb_host *h = &run->src.host;

	if (h->migration_address[0]) {
		snprintf(from, fromlen, "migration address of %s", h->name);
		return h->migration_address;
	}
	snprintf(from, fromlen, "URI of %s", h->name);
	return mb_uri_host(h->uri, buf, len) ? NULL : buf;
}

/* The ledger's announce instant: a warning, not a failure, when the link
 * cannot show it (not Ethernet, say). */
static void open_announce(struct mb_run *run)
{
	char mac[32], err[1024];
	bool have_mac = mb_virt_guest_mac(run->dom, mac, sizeof(mac)) == 0;

	if (mb_announce_open(&run->announce, run->capture.iface, have_mac ? mac : NULL, err, sizeof(err)))
		mb_run_error(run, "warning: no announce in the ledger: %s", err);
}

/* The capture and the announce capture, no thread yet. */
static int open_capture(struct mb_run *run)
{
	const struct mb_run_options *o = run->opt;
	char dst[256], src[256], from[300], err[1024];
	struct mb_capture_request rq = {
		.iface = o->iface, .port_lo = o->port_lo, .port_hi = o->port_hi,
		.bin_ns = o->bin_ns, .origin_ns = run->t0_ns,
	};
	int r;

	if (o->no_capture)
		return 0;
	rq.dst_addr = stream_address(run, dst, sizeof(dst));
	rq.src_addr = source_address(run, src, sizeof(src), from, sizeof(from));
	rq.src_addr_source = from;
	r = mb_capture_pipeline_open(&run->capture, &rq, err, sizeof(err));
	if (r)
		mb_run_error(run, "%s", err);
	else
		open_announce(run);
	return r;
}

/* Before the prober: the capture counts from the baseline on. */
static int start_capture(struct mb_run *run)
{
	char err[1024];
	int r;

	if (run->opt->no_capture)
		return 0;
	r = mb_capture_pipeline_start(&run->capture, err, sizeof(err));
	if (r)
		mb_run_error(run, "%s", err);
	else
		run->capturing = true;
	return r;
}

/* Every socket and capture is open, no thread of ours runs yet (each
 * inherits its creator's capabilities): all but what privs.h keeps go,
 * CAP_SYS_NICE for the prober's SCHED_FIFO, CAP_NET_RAW while a later
 * run of the same process opens its own. */
static int drop_privileges(struct mb_run *run)
{
	unsigned keep = MB_PRIVS_KEEP_NICE | (run->opt->more_runs ? MB_PRIVS_KEEP_NET_RAW : 0);
	char err[1024];

	if (mb_privs_drop(keep, err, sizeof(err))) {
		mb_run_error(run, "%s", err);
		return MB_EXIT_ENV;
	}
	return 0;
}

static int open_outputs(struct mb_run *run)
{
	char path[4096], err[1024];

	if (run->opt->json_path && mb_outfile_check(run->opt->json_path, err, sizeof(err))) {
		mb_run_error(run, "--json: %s", err);
		return MB_EXIT_ENV;
	}
	if (!run->opt->out_dir)
		return 0;
	if (mb_outdir_ensure(run->opt->out_dir, err, sizeof(err))) {
		mb_run_error(run, "--out: %s", err);
		return MB_EXIT_ENV;
	}
	if (out_path(run, "jobstats.csv", path, sizeof(path)))
		return MB_EXIT_USAGE;
	if (mb_outstream_open(&run->jobstats_csv, path, err, sizeof(err))) {
		mb_run_error(run, "--out: %s", err);
		return MB_EXIT_ENV;
	}
	mb_jobstats_csv_header(mb_outstream_file(run->jobstats_csv));
	return 0;
}

static int start_events(struct mb_run *run)
{
	char err[1024];

	mb_events_init(&run->events, run->domain_name);
	run->have_events = true;
	if (mb_events_watch(&run->events, run->src.conn, "src", err, sizeof(err)) ||
	    mb_events_watch(&run->events, run->dst.conn, "dst", err, sizeof(err)) ||
	    mb_events_start(&run->events, err, sizeof(err))) {
		mb_run_error(run, "%s", err);
		return MB_EXIT_ENV;
	}
	return 0;
}

/* Before the capture and the prober start: a workload that cannot run is
 * refused with nothing measured. */
static int start_workloads(struct mb_run *run)
{
	const struct mb_run_options *o = run->opt;
	/* Without --timeout, 10 minutes of migration: the dirtier's own end
	 * if it cannot be stopped (see workload.h). */
	int64_t run_for = o->baseline_ns + o->tail_ns + (o->timeout_ns ? o->timeout_ns : 600 * MB_NS_PER_S);
	char err[1024];

	if (mb_workloads_init(&run->workloads, o->workload, o->guest_exec, o->n_guest_exec, run_for,
			      err, sizeof(err)) ||
	    mb_workloads_start(&run->workloads, run->dom, err, sizeof(err))) {
		mb_run_error(run, "%s; not migrating", err);
		return MB_EXIT_ENV;
	}
	return 0;
}

static void report_line(void *ctx, const char *line)
{
	mb_run_error(ctx, "%s", line);
}

/* After the tail: in the guest wherever it runs now. */
static void stop_workloads(struct mb_run *run)
{
	virDomainPtr d = NULL;
	int state, reason;

	if (!run->workloads.started)
		return;
	if (run->status == MB_RUN_COMPLETED)
		d = virDomainLookupByName(run->dst.conn, run->domain_name);
	if (d && (virDomainGetState(d, &state, &reason, 0) < 0 || state != VIR_DOMAIN_RUNNING)) {
		virDomainFree(d);
		d = NULL;
	}
	mb_workloads_stop(&run->workloads, d ? d : run->dom, report_line, run);
	if (d)
		virDomainFree(d);
}

/* libvirt's figure, for at most 2 s past the baseline. */
static void collect_dirtyrate(struct mb_run *run)
{
	int64_t deadline = mb_now_ns() + 2 * MB_NS_PER_S;

	while (!mb_dirtyrate_collect(&run->dirtyrate, run->dom))
		if (mb_now_ns() > deadline || !wait_until(run, mb_now_ns() + SAMPLE_PERIOD_NS)) {
			snprintf(run->dirtyrate.reason, sizeof(run->dirtyrate.reason),
				 "the calculation was still running when the migration started");
			break;
		}
}

/* The guest must answer before we move it: otherwise there is nothing to
 * measure and the fault lies elsewhere. */
static int baseline(struct mb_run *run)
{
	char d[32], when[64];
	int r;

	if (run->opt->no_dirty_rate)
		mb_dirtyrate_none(&run->dirtyrate, "not asked for (--no-dirty-rate)");
	else
		mb_dirtyrate_start(&run->dirtyrate, run->dom, run->opt->baseline_ns);
	if (!wait_until(run, mb_now_ns() + run->opt->baseline_ns)) {
		snprintf(run->abort_reason, sizeof(run->abort_reason), "interrupted by signal %d",
			 mb_signal_number());
		run->status = MB_RUN_ABORTED;
		return MB_EXIT_MIGRATION;
	}
	if (mb_icmp_replies(run->probe.icmp) == 0) {
		mb_format_duration(run->opt->baseline_ns, d, sizeof(d));
		mb_run_error(run, "guest %s (%s) did not answer a single probe during the %s baseline; not migrating",
			     run->domain_name, run->target, d);
		return MB_EXIT_ENV;
	}
	/* A warning, not a refusal: the migration is still measured. */
	mb_format_duration(run->opt->baseline_ns, d, sizeof(d));
	snprintf(when, sizeof(when), "the %s baseline", d);
	mb_pipeline_rate_check(&run->probe, when, run->errors, stderr);
	if ((r = mb_run_app_check_baseline(run)))
		return r;
	collect_dirtyrate(run);
	return 0;
}

void mb_run_timeline_add(struct mb_run *run, const struct mb_jobstats *s)
{
	struct mb_timeline *tl = &run->timeline;

	if (tl->n == tl->cap) {
		size_t cap = tl->cap ? tl->cap * 2 : 256;
		struct mb_jobstats *v = realloc(tl->samples, cap * sizeof(*v));

		if (!v) {
			mb_run_error(run, "job statistics timeline: out of memory");
			return;
		}
		tl->samples = v;
		tl->cap = cap;
	}
	tl->samples[tl->n++] = *s;
	if (run->jobstats_csv)
		mb_jobstats_csv_row(mb_outstream_file(run->jobstats_csv), s, run->t0_ns);
}

bool mb_run_owns_migration(const struct mb_run *run)
{
	return run->opt->trigger_kind == MB_TRIGGER_LIBVIRT;
}

static void show_progress(const struct mb_run *run, const struct mb_jobstats *s)
{
	char rem[32], rate[32], el[32];
	double pct = s->data_total > 0 ? 100.0 * (double)s->data_processed / (double)s->data_total : 0;

	mb_format_size(s->data_remaining > 0 ? (uint64_t)s->data_remaining : 0, rem, sizeof(rem));
	mb_format_size(s->memory_bps > 0 ? (uint64_t)s->memory_bps : 0, rate, sizeof(rate));
	mb_format_duration(s->t_ns - run->mig.start_ns, el, sizeof(el));
	fprintf(stderr, "\r\033[Kmigrating %s: %5.1f%%  remaining %s  rate %s/s  iteration %lld  elapsed %s",
		run->domain_name, pct, rem, rate, (long long)s->memory_iteration, el);
}

static void request_abort(struct mb_run *run, const char *why)
{
	if (run->abort_reason[0])
		return;
	snprintf(run->abort_reason, sizeof(run->abort_reason), "%s", why);
	if (virDomainAbortJob(run->dom) < 0)
		mb_run_error(run, "aborting the migration (%s): %s", why, mb_virt_last_error());
}

/* Things the options ask for once the job exists. */
static void steer(struct mb_run *run, const struct mb_jobstats *s, bool *downtime_set, bool *postcopy_on)
{
	const struct mb_run_options *o = run->opt;

	if (o->max_downtime_ns && !*downtime_set && s->type == VIR_DOMAIN_JOB_UNBOUNDED) {
		*downtime_set = true;
		if (virDomainMigrateSetMaxDowntime(run->dom, (unsigned long long)(o->max_downtime_ns / 1000000), 0) < 0)
			mb_run_error(run, "--max-downtime: %s", mb_virt_last_error());
	}
	if (o->postcopy && !*postcopy_on && mb_events_iteration(&run->events) >= (o->postcopy_after < 0 ? 1 : o->postcopy_after)) {
		*postcopy_on = true;
		if (virDomainMigrateStartPostCopy(run->dom, 0) < 0)
			mb_run_error(run, "switching to post-copy: %s", mb_virt_last_error());
	}
}

/* Ours ends when the API returns (the migration thread sets done);
 * another's when the source's job is gone, which is also its end.  A
 * signal aborts ours; another's is left alone, only the measuring stops. */
static void monitor(struct mb_run *run)
{
	bool tty = !run->opt->quiet && isatty(STDERR_FILENO), ours = mb_run_owns_migration(run);
	bool downtime_set = false, postcopy_on = false;
	int64_t next = mb_now_ns();
	char err[256];

	while (!atomic_load(&run->mig.done)) {
		struct mb_jobstats s;
		bool got;

		drain_probes(run);
		got = mb_jobstats_get(run->dom, 0, &s, err, sizeof(err)) == 0;
		if (run->have_trigger)
			mb_trigger_poll(&run->trigger);
		if (got && s.type != VIR_DOMAIN_JOB_NONE && (ours || mb_jobstats_migrating_out(&s))) {
			mb_run_timeline_add(run, &s);
			if (tty)
				show_progress(run, &s);
			if (ours)
				steer(run, &s, &downtime_set, &postcopy_on);
		} else if (!ours) {
			mb_external_ended(run);
			break;
		}
		if (mb_signal_pending()) {
			char why[40];

			snprintf(why, sizeof(why), "interrupted by signal %d", mb_signal_number());
			if (!ours) {
				mb_external_interrupted(run, why);
				break;
			}
			request_abort(run, why);
		}
		if (ours && run->opt->timeout_ns && mb_now_ns() - run->mig.start_ns > run->opt->timeout_ns)
			request_abort(run, "--timeout reached");
		next += SAMPLE_PERIOD_NS;
		mb_sleep_until_ns(next); /* a signal ends it: the flag is polled above */
	}
	if (tty)
		fputs("\n", stderr);
}

static int migrate_ours(struct mb_run *run)
{
	char err[1024];

	if (mb_migration_prepare(&run->mig, run->dom, run->dst.host.uri,
				 run->dst.host.migration_address, run->dst_xml, run->opt, err,
				 sizeof(err)) ||
	    mb_migration_start(&run->mig, err, sizeof(err))) {
		mb_run_error(run, "%s", err);
		return MB_EXIT_INTERNAL;
	}
	run->migration_started = true;
	monitor(run);
	mb_migration_join(&run->mig);
	mb_run_app_marks(run);
	if (run->mig.result == 0) {
		/* A signal as the job was completing asked for an abort too late
		 * (its failure is in errors): the guest moved, nothing was aborted. */
		run->abort_reason[0] = '\0';
		run->status = MB_RUN_COMPLETED;
		return 0;
	}
	run->status = run->abort_reason[0] ? MB_RUN_ABORTED : MB_RUN_FAILED;
	mb_run_error(run, "migration of '%s' from %s to %s %s: %s", run->domain_name,
		     run->src.host.name, run->dst.host.name,
		     run->status == MB_RUN_ABORTED ? "aborted" : "failed", run->mig.error);
	return MB_EXIT_MIGRATION;
}

/* Another's migration (watch, --trigger): started by the program, or by
 * someone else, then measured as ours is. */
static int migrate_theirs(struct mb_run *run)
{
	int r = run->opt->trigger_kind == MB_TRIGGER_PROGRAM ? mb_external_start_trigger(run) : 0;

	if (!r)
		r = mb_external_wait(run);
	if (r)
		return r;
	monitor(run);
	r = mb_external_settle(run);
	mb_run_app_marks(run);
	return r;
}

/* The trigger step: migbench migrates, or waits for the migration. */
static int migrate(struct mb_run *run)
{
	return mb_run_owns_migration(run) ? migrate_ours(run) : migrate_theirs(run);
}

/* The hypervisor's own figures: the job-completed event, else the
 * completed job as the source, then the destination, still know it. */
static void collect_completed(struct mb_run *run)
{
	char err[256];
	virDomainPtr d;

	if (run->have_events && mb_events_completed(&run->events, &run->completed)) {
		run->have_completed = true;
		return;
	}
	if (mb_jobstats_get(run->dom, VIR_DOMAIN_JOB_STATS_COMPLETED, &run->completed, err, sizeof(err)) == 0 &&
	    run->completed.type == VIR_DOMAIN_JOB_COMPLETED) {
		run->have_completed = true;
		return;
	}
	d = virDomainLookupByName(run->dst.conn, run->domain_name);
	if (d && mb_jobstats_get(d, VIR_DOMAIN_JOB_STATS_COMPLETED, &run->completed, err, sizeof(err)) == 0 &&
	    run->completed.type == VIR_DOMAIN_JOB_COMPLETED)
		run->have_completed = true;
	if (d)
		virDomainFree(d);
}

/* Where the guest is after the run: a failed migration leaves it on the
 * source, running or paused, and the report must say so.  "absent" only
 * when the host says it has no such domain: a host that cannot be asked
 * (its libvirtd died) may still run the guest. */
static void record_state(struct mb_run *run, virConnectPtr conn, const char *host, char *buf, size_t len)
{
	virDomainPtr d = virDomainLookupByName(conn, run->domain_name);
	virErrorPtr e;
	int state, reason;

	if (d && virDomainGetState(d, &state, &reason, 0) == 0) {
		snprintf(buf, len, "%s", mb_virt_state_name(state));
	} else if (!d && (e = virGetLastError()) && e->code == VIR_ERR_NO_DOMAIN) {
		snprintf(buf, len, "absent");
	} else {
		snprintf(buf, len, "unknown");
		mb_run_error(run, "state of '%s' on %s: %s", run->domain_name, host, mb_virt_last_error());
	}
	if (d)
		virDomainFree(d);
}

/* A series of --out that could not be written: the run's status says so. */
static void out_failed(struct mb_run *run, const char *err)
{
	run->out_failed = true;
	mb_run_error(run, "--out: %s", err);
}

/* Right after the tail, every producer stops before anything is drained
 * or written: the capture first (its window ends with the tail), then the
 * prober (its last samples wait in the queue, sized for them), then the
 * events.  None of their threads waits for this one, so the joins cannot
 * deadlock: the prober drops what a full queue cannot take. */
static void stop_producers(struct mb_run *run)
{
	char err[1024];

	if (run->capturing && mb_capture_pipeline_stop(&run->capture, err, sizeof(err)))
		mb_run_error(run, "link counters: %s", err);
	if (run->probing)
		mb_pipeline_stop_prober(&run->probe);
	mb_run_app_stop(run);
	if (run->have_events)
		mb_events_stop(&run->events);
}

/* Report the capture's own problems, write the bins. */
static void finish_capture(struct mb_run *run)
{
	struct mb_volume_view v;
	char err[1024], path[4096];

	if (!run->capturing)
		return;
	mb_capture_pipeline_view(&run->capture, &v);
	mb_report_volume_problems(&v, run->errors, stderr);
	if (run->opt->out_dir && !out_path(run, "bins.csv", path, sizeof(path)) &&
	    mb_capture_pipeline_write_bins(&run->capture, path, run->t0_ns, err, sizeof(err)))
		out_failed(run, err);
}

static void finish(struct mb_run *run)
{
	char err[1024];

	run->end_ns = mb_now_ns();
	stop_producers(run);
	finish_capture(run);
	mb_run_app_finish(run);
	if (run->probing) {
		mb_pipeline_drain(&run->probe);
		/* Only a measurement has figures the problems could spoil. */
		if (run->migration_started)
			mb_pipeline_report_problems(&run->probe, run->errors, stderr);
		if (mb_pipeline_commit(&run->probe, err, sizeof(err)))
			out_failed(run, err);
	}
	if (run->migration_started) {
		int64_t resumed = mb_events_dst_resumed(&run->events);

		run->completed_ns = resumed > run->mig.start_ns && resumed < run->mig.end_ns ? resumed
											    : run->mig.end_ns;
		collect_completed(run);
		if (run->announce)
			run->first_announce_ns = mb_announce_first(run->announce, run->mig.start_ns);
		run->conv = mb_run_convergence(run);
		record_state(run, run->src.conn, run->src.host.name, run->src_state, sizeof(run->src_state));
		record_state(run, run->dst.conn, run->dst.host.name, run->dst_state, sizeof(run->dst_state));
	}
	if (run->have_trigger)
		mb_external_trigger_done(run);
	if (run->jobstats_csv) {
		struct mb_outstream *s = run->jobstats_csv;

		run->jobstats_csv = NULL;
		if (mb_outstream_commit(s, err, sizeof(err)))
			out_failed(run, err);
	}
}

int mb_run_measure(struct mb_run *run, const struct mb_run_options *opt)
{
	int r;

	memset(run, 0, sizeof(*run));
	run->opt = opt;
	run->errors = json_object_new_array();
	run->t0_ns = mb_now_ns();
	run->t0_realtime_ns = mb_realtime_ns();
	run->status = MB_RUN_NOT_STARTED;
	run->first_announce_ns = -1;
	mb_dirtyrate_none(&run->dirtyrate, "no baseline was run");
	/* Everything that needs a capability opens before the drop, every
	 * thread starts after it. */
	if ((r = read_dst_xml(run)) || (r = open_hosts(run)) || (r = pick_domain_and_target(run)) ||
	    (r = open_outputs(run)) || (r = open_capture(run)) || (r = open_probe(run)) ||
	    (r = drop_privileges(run)) || (r = start_events(run)) || (r = start_workloads(run)) ||
	    (r = start_capture(run)) ||
	    (r = start_probe(run)) || (r = mb_run_app_start(run)) || (r = baseline(run)))
		goto out;
	r = migrate(run);
	if (!wait_until(run, mb_now_ns() + opt->tail_ns) && r == 0)
		mb_run_error(run, "tail window cut short by signal %d", mb_signal_number());
out:
	stop_workloads(run);
	finish(run);
	/* Figures measured but a series lost: an environment failure (2),
	 * unless the migration's own failure says more. */
	return r == 0 && run->out_failed ? MB_EXIT_ENV : r;
}

void mb_run_free(struct mb_run *run)
{
	if (run->migration_started)
		mb_migration_free(&run->mig);
	if (run->have_trigger)
		mb_trigger_free(&run->trigger);
	if (run->jobstats_csv)
		mb_outstream_abort(run->jobstats_csv);
	mb_pipeline_free(&run->probe);
	mb_app_pipeline_free(&run->app);
	mb_capture_pipeline_free(&run->capture);
	mb_announce_free(run->announce);
	if (run->have_events)
		mb_events_free(&run->events);
	if (run->dom)
		virDomainFree(run->dom);
	if (run->have_dst)
		mb_virt_close(&run->dst);
	if (run->have_src)
		mb_virt_close(&run->src);
	free(run->timeline.samples);
	mb_workloads_free(&run->workloads);
	free(run->conv);
	free(run->dst_xml);
	json_object_put(run->errors);
}
