/* Guest workloads through the agent, and libvirt's dirty-rate figure
 * (workload.h). */
#include "config.h"

#include "src/run/workload.h"

#include <stdlib.h>
#include <string.h>

#include "analysis/units.h"
#include "probes/clock.h"
#include "src/common/agent.h"
#include "src/common/json.h"
#include "src/common/virt.h"

/* A workload that ended within this long of its start never ran: the
 * dirtier touches its whole working set first, so it fails fast. */
#define START_CHECK_NS (1000 * 1000000LL)
/* SIGTERM, then this long for the program to end and report. */
#define STOP_WAIT_NS (15 * MB_NS_PER_S)
/* How long the agent may take to answer again before the stop. */
#define AGENT_WAIT_NS (30 * MB_NS_PER_S)
/* The dirtier ends by itself this long after the run should have: a
 * crash of ours must not leave it writing the guest's memory for ever. */
#define DIRTIER_SLACK_NS (120 * MB_NS_PER_S)

static int words_of(struct mb_words *w, const char *const *v, size_t n)
{
	memset(w, 0, sizeof(*w));
	for (size_t i = 0; i < n; i++) {
		w->w[i] = strdup(v[i]);
		if (!w->w[i])
			return -1;
		w->n++;
	}
	return 0;
}

static int dirtier_words(struct mb_guest_prog *p, int64_t run_for_ns)
{
	char size[32], rate[48], dur[32], why[160];

	if (mb_workload_parse(p->spec, &p->dirty, why, sizeof(why)))
		return -1;	/* the options checked it */
	mb_workload_dirtier_args(&p->dirty, size, sizeof(size), rate, sizeof(rate));
	snprintf(dur, sizeof(dur), "%lld", (long long)((run_for_ns + DIRTIER_SLACK_NS) / MB_NS_PER_S));
	return words_of(&p->words, (const char *const[]){ MB_DIRTIER_PATH, "--size", size,
			"--rate", rate, "--duration", dur }, 7);
}

int mb_workloads_init(struct mb_workloads *w, const char *workload, const char *const *guest_exec,
		      size_t n_guest_exec, int64_t run_for_ns, char *err, size_t errlen)
{
	char why[160];

	memset(w, 0, sizeof(*w));
	w->p = calloc(n_guest_exec + 1, sizeof(*w->p));
	if (!w->p) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < n_guest_exec + (workload != NULL); i++) {
		struct mb_guest_prog *p = &w->p[w->n++];
		bool dirtier = workload && i == 0;
		int r;

		p->spec = dirtier ? workload : guest_exec[i - (workload != NULL)];
		p->dirtier = dirtier;
		p->pid = -1;
		p->achieved_bps = -1;
		p->status = "not started";
		r = dirtier ? dirtier_words(p, run_for_ns) : mb_split_words(p->spec, &p->words, why, sizeof(why));
		if (r) {
			snprintf(err, errlen, "%s '%s': %s", dirtier ? "--workload" : "--guest-exec", p->spec,
				 dirtier ? "not a workload" : why);
			return -1;
		}
	}
	return 0;
}

static const char *opt_of(const struct mb_guest_prog *p)
{
	return p->dirtier ? "--workload" : "--guest-exec";
}

/* What the agent told of an ended program, kept (its buffers taken). */
static void keep_result(struct mb_guest_prog *p, struct mb_agent_result *r)
{
	double rate, secs;
	uint64_t pages;

	p->gone = true;
	p->exitcode = r->exitcode;
	p->signal = r->signal;
	p->out = r->out;
	p->err = r->err;
	p->out_len = r->out_len;
	p->err_len = r->err_len;
	p->out_truncated = r->out_truncated;
	p->err_truncated = r->err_truncated;
	r->out = r->err = NULL;
	if (p->dirtier && p->out && mb_dirtier_report(p->out, &rate, &pages, &secs))
		p->achieved_bps = rate;
}

/* The first line of what it said on stderr, for a one-line reason. */
static const char *first_line(const char *s, char *buf, size_t len)
{
	size_t n = s ? strcspn(s, "\n") : 0;

	snprintf(buf, len, "%.*s", (int)(n < len ? n : len - 1), s ? s : "");
	return buf;
}

static int spawn(struct mb_guest_prog *p, virDomainPtr dom, char *err, size_t errlen)
{
	struct mb_agent_cmd cmd = {
		.path = p->words.w[0], .argv = (const char *const *)p->words.w + 1,
		.argc = p->words.n - 1,
	};
	char why[512];

	p->pid = mb_agent_spawn(dom, &cmd, why, sizeof(why));
	if (p->pid < 0) {
		snprintf(err, errlen, "%s '%s': the guest could not start %s: %s", opt_of(p), p->spec,
			 p->words.w[0], why);
		p->status = "not started";
		return -1;
	}
	p->started_ns = mb_now_ns();
	p->status = "running";
	return 0;
}

/* Still running after START_CHECK_NS?  Else why not. */
static int check_running(struct mb_guest_prog *p, virDomainPtr dom, char *err, size_t errlen)
{
	struct mb_agent_result r;
	char why[512], line[200];
	int ended = mb_agent_poll(dom, p->pid, &r, why, sizeof(why));

	if (ended == 0)
		return 0;
	if (ended < 0) {
		snprintf(err, errlen, "%s '%s': cannot tell whether it runs: %s", opt_of(p), p->spec, why);
		mb_agent_result_free(&r);
		return -1;
	}
	keep_result(p, &r);
	p->status = "ended at once";
	snprintf(err, errlen, "%s '%s': ended at once (exit status %d%s%s)", opt_of(p), p->spec,
		 p->exitcode, p->err && p->err[0] ? ": " : "", first_line(p->err, line, sizeof(line)));
	return -1;
}

int mb_workloads_start(struct mb_workloads *w, virDomainPtr dom, char *err, size_t errlen)
{
	char why[512];

	if (w->n == 0)
		return 0;
	w->started = true;
	if (mb_agent_ping(dom, 10, why, sizeof(why))) {
		snprintf(err, errlen, "%s needs the guest agent, which does not answer: %s",
			 opt_of(&w->p[0]), why);
		return -1;
	}
	for (size_t i = 0; i < w->n; i++)
		if (spawn(&w->p[i], dom, err, errlen))
			goto fail;
	mb_sleep_ns(START_CHECK_NS);
	for (size_t i = 0; i < w->n; i++)
		if (check_running(&w->p[i], dom, err, errlen))
			goto fail;
	return 0;
fail:
	mb_workloads_stop(w, dom, NULL, NULL);
	return -1;
}

static void say(void (*report)(void *, const char *), void *ctx, struct mb_guest_prog *p,
		const char *what, const char *why)
{
	snprintf(p->error, sizeof(p->error), "%s '%.300s': %s: %.500s", opt_of(p), p->spec, what, why);
	if (report)
		report(ctx, p->error);
}

static void stop_one(struct mb_guest_prog *p, virDomainPtr dom,
		     void (*report)(void *, const char *), void *ctx)
{
	struct mb_agent_result r;
	char why[512];
	int ended = mb_agent_poll(dom, p->pid, &r, why, sizeof(why));
	enum mb_agent_status st;

	if (ended > 0) {
		keep_result(p, &r);
		p->stopped_ns = mb_now_ns();
		p->status = "ended before the stop";
		return;
	}
	mb_agent_result_free(&r);
	if (mb_agent_kill(dom, p->pid, "TERM", why, sizeof(why)))
		say(report, ctx, p, "stopping it", why);
	st = mb_agent_wait(dom, p->pid, STOP_WAIT_NS, &r, why, sizeof(why));
	p->stopped_ns = mb_now_ns();
	if (st == MB_AGENT_OK) {
		keep_result(p, &r);
		p->status = "stopped";
		return;
	}
	mb_agent_result_free(&r);
	p->status = st == MB_AGENT_TIMEOUT ? "killed" : "unknown";
	say(report, ctx, p, "did not end on SIGTERM", why);
}

void mb_workloads_stop(struct mb_workloads *w, virDomainPtr dom,
		       void (*report)(void *, const char *), void *ctx)
{
	char why[512];
	size_t i;

	for (i = 0; i < w->n && (w->p[i].pid <= 0 || w->p[i].gone); i++)
		;
	if (i == w->n)
		return;
	/* Right after a migration the destination's agent may need a while
	 * before it answers again. */
	if (mb_agent_await(dom, AGENT_WAIT_NS, why, sizeof(why))) {
		for (; i < w->n; i++)
			if (w->p[i].pid > 0 && !w->p[i].gone) {
				w->p[i].status = "unknown";
				say(report, ctx, &w->p[i], "cannot stop it: the guest agent does not answer", why);
			}
		return;
	}
	for (; i < w->n; i++)
		if (w->p[i].pid > 0 && !w->p[i].gone)
			stop_one(&w->p[i], dom, report, ctx);
}

void mb_workloads_free(struct mb_workloads *w)
{
	for (size_t i = 0; i < w->n; i++) {
		mb_words_free(&w->p[i].words);
		free(w->p[i].out);
		free(w->p[i].err);
	}
	free(w->p);
	memset(w, 0, sizeof(*w));
}

/* ------------------------------------------------------- dirty rate -- */

void mb_dirtyrate_none(struct mb_dirtyrate *d, const char *why)
{
	memset(d, 0, sizeof(*d));
	d->bytes_per_s = -1;
	snprintf(d->reason, sizeof(d->reason), "%s", why);
}

void mb_dirtyrate_start(struct mb_dirtyrate *d, virDomainPtr dom, int64_t baseline_ns)
{
	if (baseline_ns < MB_NS_PER_S) {
		mb_dirtyrate_none(d, "the baseline is shorter than the calculation's 1 s");
		return;
	}
	mb_dirtyrate_none(d, "");
	/* A second less than the baseline, so the figure is there when the
	 * migration starts. */
	d->seconds = baseline_ns >= 2 * MB_NS_PER_S ? (int)(baseline_ns / MB_NS_PER_S) - 1 : 1;
	if (d->seconds > 60)
		d->seconds = 60;	/* QEMU's longest calculation */
	if (virDomainStartDirtyRateCalc(dom, d->seconds, 0) < 0) {
		snprintf(d->reason, sizeof(d->reason), "the hypervisor cannot calculate it: %s",
			 mb_virt_last_error());
		d->seconds = 0;
	}
}

static void dirtyrate_params(struct mb_dirtyrate *d, virTypedParameterPtr p, int n, int *status,
			     long long *mib)
{
	for (int i = 0; i < n; i++) {
		if (!strcmp(p[i].field, "dirtyrate.calc_status") && p[i].type == VIR_TYPED_PARAM_INT)
			*status = p[i].value.i;
		else if (!strcmp(p[i].field, "dirtyrate.megabytes_per_second") &&
			 p[i].type == VIR_TYPED_PARAM_LLONG)
			*mib = p[i].value.l;
		else if (!strcmp(p[i].field, "dirtyrate.calc_mode") && p[i].type == VIR_TYPED_PARAM_STRING)
			snprintf(d->mode, sizeof(d->mode), "%s", p[i].value.s);
	}
}

bool mb_dirtyrate_collect(struct mb_dirtyrate *d, virDomainPtr dom)
{
	virDomainPtr doms[] = { dom, NULL };
	virDomainStatsRecordPtr *recs = NULL;
	int status = -1, n;
	long long mib = -1;

	if (d->seconds == 0 || d->bytes_per_s >= 0)
		return true;
	n = virDomainListGetStats(doms, VIR_DOMAIN_STATS_DIRTYRATE, &recs, 0);
	if (n < 0) {
		snprintf(d->reason, sizeof(d->reason), "reading it: %s", mb_virt_last_error());
		return true;
	}
	if (n > 0)
		dirtyrate_params(d, recs[0]->params, recs[0]->nparams, &status, &mib);
	virDomainStatsRecordListFree(recs);
	if (status == VIR_DOMAIN_DIRTYRATE_MEASURING)
		return false;
	if (status == VIR_DOMAIN_DIRTYRATE_MEASURED && mib >= 0 && mib < (INT64_MAX >> 20)) {
		d->bytes_per_s = mib << 20;	/* QEMU's "MB" are MiB */
		d->reason[0] = '\0';
		return true;
	}
	snprintf(d->reason, sizeof(d->reason), status < 0 ? "the hypervisor reported no dirty-rate figures"
				   : "the calculation did not finish (status %d)", status);
	return true;
}

/* ---------------------------------------------------------- reports -- */

static json_object *prog_json(const struct mb_guest_prog *p, int64_t t0_ns)
{
	json_object *o = json_object_new_object(), *argv = json_object_new_array();

	mb_json_put_str(o, "kind", p->dirtier ? "dirtier" : "guest-exec");
	mb_json_put_str(o, "spec", p->spec);
	for (size_t i = 0; i < p->words.n; i++)
		json_object_array_add(argv, json_object_new_string(p->words.w[i]));
	json_object_object_add(o, "argv", argv);
	if (p->dirtier) {
		mb_json_put_int(o, "size_bytes", (int64_t)p->dirty.size_bytes);
		mb_json_put_known(o, "requested_bytes_per_s", p->dirty.rate_bps ? (int64_t)p->dirty.rate_bps : -1);
		mb_json_put_bool(o, "requested_max", p->dirty.rate_bps == 0);
		mb_json_put_known(o, "achieved_bytes_per_s", p->achieved_bps >= 0 ? (int64_t)p->achieved_bps : -1);
	}
	mb_json_put_str(o, "status", p->status);
	mb_json_put_known(o, "pid", p->pid);
	mb_json_put_known(o, "started_ns", p->pid > 0 ? p->started_ns - t0_ns : -1);
	mb_json_put_known(o, "stopped_ns", p->stopped_ns ? p->stopped_ns - t0_ns : -1);
	mb_json_put_bool(o, "gone", p->gone);
	mb_json_put_known(o, "exit_code", p->gone && p->signal == 0 ? p->exitcode : -1);
	mb_json_put_known(o, "signal", p->gone && p->signal ? p->signal : -1);
	if (p->out)
		mb_json_put_text(o, "stdout", p->out, p->out_len);
	else
		mb_json_put_str(o, "stdout", NULL);
	if (p->err)
		mb_json_put_text(o, "stderr", p->err, p->err_len);
	else
		mb_json_put_str(o, "stderr", NULL);
	mb_json_put_bool(o, "stdout_truncated", p->out_truncated);
	mb_json_put_bool(o, "stderr_truncated", p->err_truncated);
	mb_json_put_str(o, "error", p->error);
	return o;
}

json_object *mb_workload_json(const struct mb_workloads *w, const struct mb_dirtyrate *d,
			      int64_t t0_ns)
{
	json_object *o = json_object_new_object(), *progs = json_object_new_array(), *h;

	for (size_t i = 0; i < w->n; i++)
		json_object_array_add(progs, prog_json(&w->p[i], t0_ns));
	json_object_object_add(o, "programs", progs);
	h = json_object_new_object();
	mb_json_put_known(h, "bytes_per_s", d->bytes_per_s);
	mb_json_put_known(h, "calc_seconds", d->seconds ? d->seconds : -1);
	mb_json_put_str(h, "calc_mode", d->bytes_per_s >= 0 ? (d->mode[0] ? d->mode : "page-sampling") : NULL);
	mb_json_put_str(h, "reason", d->bytes_per_s >= 0 ? NULL : d->reason);
	json_object_object_add(o, "hypervisor_dirty_rate", h);
	return o;
}

static const char *rate(double bps, char *buf, size_t len)
{
	char s[24];

	mb_format_size((uint64_t)bps, s, sizeof(s));
	snprintf(buf, len, "%s/s", s);
	return buf;
}

static void prog_text(FILE *out, const struct mb_guest_prog *p)
{
	char a[32], b[32];

	fprintf(out, "%s %s: %s", p->dirtier ? "workload" : "guest-exec", p->spec, p->status);
	if (p->gone)
		p->signal ? fprintf(out, " (signal %d)", p->signal) : fprintf(out, " (exit status %d)", p->exitcode);
	if (p->dirtier)
		fprintf(out, "; requested %s, achieved %s (the dirtier's report)",
			p->dirty.rate_bps ? rate((double)p->dirty.rate_bps, a, sizeof(a)) : "max",
			p->achieved_bps >= 0 ? rate(p->achieved_bps, b, sizeof(b)) : "not reported");
	fputs("\n", out);
}

void mb_workload_text(FILE *out, const struct mb_workloads *w, const struct mb_dirtyrate *d)
{
	char a[32];

	for (size_t i = 0; i < w->n; i++)
		prog_text(out, &w->p[i]);
	if (d->bytes_per_s >= 0)
		fprintf(out, "guest dirty rate (libvirt, %s over %d s of the baseline): %s\n",
			d->mode[0] ? d->mode : "page-sampling", d->seconds, rate((double)d->bytes_per_s, a, sizeof(a)));
	else
		fprintf(out, "guest dirty rate (libvirt): not measured: %s\n", d->reason);
}
