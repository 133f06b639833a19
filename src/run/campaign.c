#include "config.h"

#include "src/run/campaign.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "analysis/units.h"
#include "src/common/cli.h"
#include "src/common/exitcode.h"
#include "src/common/outfile.h"
#include "src/common/signals.h"
#include "src/report/summary.h"
#include "src/run/campaign_options.h"
#include "src/run/cmd_run.h"
#include "src/run/report_run.h"

#define PLAN_FILE "campaign.json"

struct campaign {
	struct mb_campaign_options o;
	size_t here;          /* the ring's host the guest is on */
	size_t done, failed;  /* runs measured by this process */
	size_t stopped_at;    /* the slot a signal stopped in or before */
	bool paused;          /* in the --pause before it */
	bool signal_in_run;   /* a signal was pending when the last run returned */
	int64_t start_ns;
};

static int64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

/* DIR/SCENARIO/runK (mkdir_parents: each level made). */
static int slot_dir(const struct campaign *c, size_t g, bool make, char *buf, size_t len, char *err,
		    size_t errlen)
{
	char sdir[600], rel[700];
	size_t s;
	unsigned run;

	mb_plan_slot(&c->o.plan, g, &s, &run);
	mb_plan_dir(&c->o.plan, s, sdir, sizeof(sdir));
	snprintf(rel, sizeof(rel), "%s/run%u", sdir, run);
	if (mb_outfile_join(buf, len, c->o.dir, sdir) || (make && mb_outdir_ensure(buf, err, errlen)) ||
	    mb_outfile_join(buf, len, c->o.dir, rel) || (make && mb_outdir_ensure(buf, err, errlen))) {
		if (!make || !err[0])
			snprintf(err, errlen, "%s/%s: path too long", c->o.dir, rel);
		return -1;
	}
	return 0;
}

static size_t host_index(const struct mb_plan *p, const char *name)
{
	for (size_t i = 0; name && i < p->nhosts; i++)
		if (!strcmp(p->hosts[i], name))
			return i;
	return p->nhosts;
}

/* Where a saved run left the guest: on dst when it runs there. */
static size_t saved_location(const struct campaign *c, const struct mb_saved_run *r)
{
	size_t src = host_index(&c->o.plan, r->src), dst = host_index(&c->o.plan, r->dst);

	if (dst < c->o.plan.nhosts && r->dst_running)
		return dst;
	return src < c->o.plan.nhosts ? src : c->here;
}

/* The runs from slot g on still without a result (for the estimate). */
static size_t todo(struct campaign *c, size_t from)
{
	size_t n = 0;

	for (size_t g = from; g < mb_plan_slots(&c->o.plan); g++) {
		char dir[4200], err[256];

		n += slot_dir(c, g, false, dir, sizeof(dir), err, sizeof(err)) || !mb_saved_run_complete(dir);
	}
	return n;
}

static void progress(struct campaign *c, size_t g)
{
	char label[600], el[32], eta[32];
	int64_t elapsed = now_ns() - c->start_ns;
	size_t s;
	unsigned run;

	size_t todo_left;

	if (c->o.quiet || !isatty(STDERR_FILENO))
		return;
	todo_left = todo(c, g);
	mb_plan_slot(&c->o.plan, g, &s, &run);
	mb_plan_label(&c->o.plan, s, label, sizeof(label));
	mb_format_duration(elapsed, el, sizeof(el));
	if (c->done)
		mb_format_duration(elapsed / (int64_t)c->done * (int64_t)todo_left, eta, sizeof(eta));
	fprintf(stderr, "campaign: %s, run %u of %u (%zu of %zu), elapsed %s, %s%s%s\n", label, run,
		c->o.plan.runs, g + 1, mb_plan_slots(&c->o.plan), el, c->done ? "about " : "",
		c->done ? eta : "time left not known yet", c->done ? " left" : "");
}

/* The run's text beside its JSON (migbench.txt). */
static int run_and_save(struct mb_run_options *opt, struct mb_run *run, const char *dir)
{
	char *buf = NULL, path[4200], err[1024];
	size_t len = 0;
	FILE *text = open_memstream(&buf, &len);
	int status = mb_run_one(run, opt, text);

	if (text && !fclose(text) && !mb_outfile_join(path, sizeof(path), dir, "migbench.txt") &&
	    mb_outfile_write_text(path, buf, len, err, sizeof(err)))
		fprintf(stderr, "migbench: --out: %s\n", err);
	free(buf);
	return status;
}

static void one_line(const struct campaign *c, size_t g, const struct mb_run *run, int status)
{
	char label[600], d[32];
	size_t s;
	unsigned k;

	mb_plan_slot(&c->o.plan, g, &s, &k);
	mb_plan_label(&c->o.plan, s, label, sizeof(label));
	if (run->probe.outage) {
		struct mb_outage_result r;

		mb_outage_result(run->probe.outage, &r);
		mb_format_duration(r.downtime_ns, d, sizeof(d));
	} else {
		snprintf(d, sizeof(d), "not measured");
	}
	printf("run %zu of %zu: %s run %u, %s -> %s: %s, downtime %s, exit status %d\n", g + 1,
	       mb_plan_slots(&c->o.plan), label, k, c->o.plan.hosts[c->here],
	       c->o.plan.hosts[(c->here + 1) % c->o.plan.nhosts], mb_run_status_name(run->status), d,
	       status);
	fflush(stdout);
}

/* Slot g from the guest's host to the next in the ring. */
static int do_slot(struct campaign *c, size_t g, const char *dir)
{
	const struct mb_plan *p = &c->o.plan;
	struct mb_run_options opt;
	struct mb_run run;
	size_t s, next = (c->here + 1) % p->nhosts;
	unsigned k;
	bool help;
	int argc, status;
	char **argv;

	c->signal_in_run = true; /* until the run returns without one */
	mb_plan_slot(p, g, &s, &k);
	argv = mb_campaign_argv(p, s, p->hosts[c->here], p->hosts[next], dir, c->o.quiet, &argc);
	if (!argv) {
		fprintf(stderr, "migbench: campaign: out of memory\n");
		return MB_EXIT_INTERNAL;
	}
	status = mb_run_options_parse(argc, argv, &opt, &help);
	opt.more_runs = g + 1 < mb_plan_slots(p);
	if (!status) {
		status = run_and_save(&opt, &run, dir);
		c->signal_in_run = mb_signal_pending();
		one_line(c, g, &run, status);
		/* A failed migration leaves the guest where it was. */
		if (run.status == MB_RUN_COMPLETED || !strcmp(run.dst_state, "running"))
			c->here = next;
		mb_run_free(&run);
	}
	mb_campaign_argv_free(argv);
	c->done++;
	c->failed += status != 0;
	return status;
}

/* Sleeps d unless a signal comes: false then.  In slices of 50 ms: the
 * signal may land on another thread (libvirt's), whose handler sets the
 * flag without waking this sleep. */
static bool pause_for(int64_t d)
{
	int64_t end = now_ns() + d, left;

	while (!mb_signal_pending() && (left = end - now_ns()) > 0) {
		int64_t slice = left < 50000000 ? left : 50000000;
		struct timespec t = { .tv_sec = 0, .tv_nsec = slice };

		nanosleep(&t, NULL);
	}
	return !mb_signal_pending();
}

static int run_slots(struct campaign *c)
{
	int worst = 0;
	bool ran = false;

	for (size_t g = 0; g < mb_plan_slots(&c->o.plan); g++) {
		char dir[4200], err[1024] = "";
		struct mb_saved_run saved;
		int r;

		if (slot_dir(c, g, true, dir, sizeof(dir), err, sizeof(err))) {
			fprintf(stderr, "migbench: --out: %s\n", err);
			return MB_EXIT_ENV;
		}
		if (mb_saved_run_read(dir, &saved) == 0 && saved.complete) {
			c->here = saved_location(c, &saved);
			continue; /* never measured again, never rewritten */
		}
		c->stopped_at = g;
		c->paused = ran && c->o.pause_ns;
		if (c->paused && !pause_for(c->o.pause_ns))
			break;
		c->paused = false;
		progress(c, g);
		r = do_slot(c, g, dir);
		ran = true;
		/* A failed migration (3) gives way to a file or an internal error. */
		if (r && (!worst || worst == MB_EXIT_MIGRATION))
			worst = r;
		if (mb_signal_pending() || (r && c->o.stop_on_failure)) {
			/* A signal that came once the run's results were written,
			 * while it was torn down, stopped the campaign between runs. */
			if (mb_signal_pending() && !c->signal_in_run && g + 1 < mb_plan_slots(&c->o.plan)) {
				c->stopped_at = g + 1;
				c->paused = true;
			}
			break;
		}
	}
	/* Stopped by a signal between runs: nothing failed, yet it is not a
	 * whole campaign, so never 0. */
	return mb_signal_pending() && !worst ? MB_EXIT_MIGRATION : worst;
}

/* campaign.json: the plan, and after a signal what stopped it ("interrupted",
 * which --resume reads past and a whole campaign drops again). */
static int write_plan(const struct campaign *c)
{
	char path[4200], why[200];
	json_object *doc = mb_plan_to_json(&c->o.plan), *o;
	int sig = mb_signal_number();

	if (sig) {
		snprintf(why, sizeof(why), "interrupted by signal %d %s run %zu of %zu", sig,
			 c->paused ? "in the pause before" : "in", c->stopped_at + 1,
			 mb_plan_slots(&c->o.plan));
		o = json_object_new_object();
		json_object_object_add(o, "signal", json_object_new_int(sig));
		json_object_object_add(o, "run", json_object_new_int64((int64_t)c->stopped_at + 1));
		json_object_object_add(o, "in", json_object_new_string(c->paused ? "pause" : "run"));
		json_object_object_add(o, "reason", json_object_new_string(why));
		json_object_object_add(doc, "interrupted", o);
	}
	/* start_fresh checked the path's length. */
	mb_outfile_join(path, sizeof(path), c->o.dir, PLAN_FILE);
	if (mb_outfile_emit_json(NULL, "--out", path, doc))
		return MB_EXIT_ENV;
	if (sig)
		fprintf(stderr, "migbench: campaign: %s; --resume %s does the runs left\n", why, c->o.dir);
	return 0;
}

/* A new campaign's folder and plan; never over another campaign. */
static int start_fresh(struct campaign *c)
{
	char path[4200], err[1024];

	if (mb_outfile_join(path, sizeof(path), c->o.dir, PLAN_FILE))
		return mb_cli_refuse(NULL, "--out '%s': path too long", c->o.dir);
	if (mb_outdir_ensure(c->o.dir, err, sizeof(err))) {
		fprintf(stderr, "migbench: --out: %s\n", err);
		return MB_EXIT_ENV;
	}
	if (access(path, F_OK) == 0)
		return mb_cli_refuse(NULL, "--out '%s' holds a campaign already (--resume %s continues it)",
				     c->o.dir, c->o.dir);
	return write_plan(c);
}

/* DIR's plan: the one to follow when only --resume DIR was given, else
 * it must be the one the options ask for. */
static int start_resume(struct campaign *c)
{
	struct mb_plan saved;
	char err[1024];
	int r = mb_plan_read(c->o.dir, &saved, err, sizeof(err));

	if (r)
		return mb_cli_refuse(NULL, "--resume '%s': %s", c->o.dir, err);
	if (mb_campaign_bare_resume(&c->o)) {
		mb_plan_free(&c->o.plan);
		c->o.plan = saved;
		return 0;
	}
	r = mb_plan_equal(&saved, &c->o.plan) ? 0 :
	    mb_cli_refuse(NULL, "--resume '%s': its plan (%s) differs from these options' (runs, hosts, sweep or run options)",
			  c->o.dir, PLAN_FILE);
	mb_plan_free(&saved);
	return r;
}

/* The plan again when a signal stopped it or a resume may have ended an
 * interruption, then the summary. */
static int finish(struct campaign *c, int status)
{
	int w = mb_signal_pending() || c->o.resume ? write_plan(c) : 0;
	int r = mb_summary_write(c->o.dir, c->o.dir, stdout);

	fflush(stdout);
	return status ? status : w ? w : r;
}

int mb_campaign_main(int argc, char **argv)
{
	struct campaign c = { .start_ns = now_ns() };
	char err[1024];
	bool help;
	int r = mb_campaign_options_parse(argc, argv, &c.o, &help);

	if (!r && !help)
		r = c.o.resume ? start_resume(&c) : mb_campaign_check_plan(&c.o.plan);
	if (!r && !help && c.o.resume)
		r = mb_campaign_check_plan(&c.o.plan);
	if (!r && !help && !c.o.resume)
		r = start_fresh(&c);
	if (r || help)
		goto out;
	mb_signals_install();
	mb_signals_ignore_sigpipe();
	if (mb_virt_init(err, sizeof(err))) {
		fprintf(stderr, "migbench: %s\n", err);
		r = MB_EXIT_INTERNAL;
		goto out;
	}
	r = finish(&c, run_slots(&c));
out:
	mb_campaign_options_free(&c.o);
	return r;
}
