#include "config.h"

#include "src/run/external.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "analysis/units.h"
#include "probes/clock.h"
#include "src/common/exitcode.h"
#include "src/common/signals.h"

#define SAMPLE_PERIOD_NS 100000000LL /* as the monitor samples */
#define TRIGGER_EXIT_WAIT_NS 5000000000LL /* after the tail, for the program to exit */

int mb_external_read_write(struct mb_run *run, const char *why)
{
	struct mb_host host = run->src.host;
	char err[1024];

	if (run->dom)
		virDomainFree(run->dom);
	run->dom = NULL;
	mb_virt_close(&run->src);
	run->have_src = false;
	mb_run_error(run, "warning: %s needs a read-write connection to %s: connecting read-write",
		     why, host.name);
	if (mb_virt_connect_mode(&run->src, &host, false, err, sizeof(err))) {
		mb_run_error(run, "source %s", err);
		return -1;
	}
	run->have_src = true;
	run->dom = mb_virt_pick_domain(&run->src, run->domain_name, err, sizeof(err));
	if (!run->dom) {
		mb_run_error(run, "%s", err);
		return -1;
	}
	return 0;
}

int mb_external_access(struct mb_run *run)
{
	struct mb_jobstats s;
	char err[512];

	if (mb_jobstats_get(run->dom, 0, &s, err, sizeof(err)) == 0)
		return 0;
	if (!mb_virt_denied()) {
		mb_run_error(run, "domain '%s' on %s: %s", run->domain_name, run->src.host.name, err);
		return -1;
	}
	return mb_external_read_write(run, "reading the job statistics");
}

int mb_external_start_trigger(struct mb_run *run)
{
	char err[1024];

	if (mb_trigger_start(&run->trigger, run->opt->trigger, err, sizeof(err))) {
		mb_trigger_free(&run->trigger);
		snprintf(run->abort_reason, sizeof(run->abort_reason), "the trigger could not be run");
		mb_run_error(run, "%s; the guest was not touched", err);
		return MB_EXIT_TRIGGER;
	}
	run->have_trigger = true;
	return 0;
}

static void began(struct mb_run *run, const struct mb_jobstats *s)
{
	char d[32];

	run->job_seen_ns = s->t_ns;
	run->mig.start_ns = s->time_elapsed_ms >= 0 ? s->t_ns - s->time_elapsed_ms * 1000000 : s->t_ns;
	run->migration_started = true;
	mb_run_timeline_add(run, s);
	if (run->mig.start_ns < run->t0_ns) {
		mb_format_duration(run->t0_ns - run->mig.start_ns, d, sizeof(d));
		mb_run_error(run, "warning: the migration of '%s' began %s before migbench did: "
			     "the probes and the capture miss its beginning", run->domain_name, d);
	}
}

/* A migration over between two samples: the guest resumed on the
 * destination.  Its start is the completed job's, where known. */
static void began_unseen(struct mb_run *run, int64_t resumed_ns)
{
	struct mb_jobstats c;

	run->job_seen_ns = mb_now_ns();
	run->mig.start_ns = resumed_ns;
	if (mb_events_completed(&run->events, &c) && c.time_elapsed_ms >= 0)
		run->mig.start_ns = c.t_ns - c.time_elapsed_ms * 1000000;
	run->migration_started = true;
}

/* How long the migration may take to begin: --timeout; for a trigger
 * program 5 minutes without one; watch waits for ever without one. */
static int64_t wait_bound(const struct mb_run *run)
{
	if (run->opt->timeout_ns)
		return run->opt->timeout_ns;
	return run->opt->trigger_kind == MB_TRIGGER_PROGRAM ? MB_TRIGGER_DEFAULT_WAIT_NS : 0;
}

static int trigger_failed(struct mb_run *run)
{
	char how[64], line[160];

	mb_trigger_describe(&run->trigger, how, sizeof(how));
	mb_trigger_first_line(&run->trigger, line, sizeof(line));
	snprintf(run->abort_reason, sizeof(run->abort_reason), "the trigger %s", how);
	mb_run_error(run, "trigger %s %s before any migration of '%s' began%s%s; the guest was not touched",
		     run->trigger.args.argv[0], how, run->domain_name, line[0] ? ": " : "", line);
	return MB_EXIT_TRIGGER;
}

static int no_migration(struct mb_run *run, int64_t bound_ns)
{
	char d[32], how[64] = "";

	mb_format_duration(bound_ns, d, sizeof(d));
	if (run->have_trigger && !mb_trigger_poll(&run->trigger)) {
		kill(run->trigger.pid, SIGTERM);
		snprintf(how, sizeof(how), " (trigger %s still running: stopped)", run->trigger.args.argv[0]);
	} else if (run->have_trigger) {
		snprintf(how, sizeof(how), " (trigger %s exited with status 0)", run->trigger.args.argv[0]);
	}
	snprintf(run->abort_reason, sizeof(run->abort_reason), "no migration within --timeout");
	mb_run_error(run, "no migration of '%s' began on %s within %s%s", run->domain_name,
		     run->src.host.name, d, how);
	return MB_EXIT_NO_MIGRATION;
}

static int interrupted_waiting(struct mb_run *run)
{
	snprintf(run->abort_reason, sizeof(run->abort_reason), "interrupted by signal %d",
		 mb_signal_number());
	mb_run_error(run, "interrupted by signal %d before a migration of '%s' began",
		     mb_signal_number(), run->domain_name);
	return MB_EXIT_NO_MIGRATION;
}

/* One sample: 1 begun, 0 not yet, else an exit status. */
static int wait_step(struct mb_run *run, int64_t deadline_ns, int64_t bound_ns)
{
	struct mb_jobstats s;
	int64_t resumed;
	char err[512];

	mb_pipeline_drain(&run->probe);
	if (mb_jobstats_get(run->dom, 0, &s, err, sizeof(err)) == 0 && mb_jobstats_migrating_out(&s)) {
		began(run, &s);
		return 1;
	}
	resumed = mb_events_dst_resumed(&run->events);
	if (resumed) {
		began_unseen(run, resumed);
		return 1;
	}
	if (run->have_trigger && mb_trigger_poll(&run->trigger) && mb_trigger_failed(&run->trigger))
		return trigger_failed(run);
	if (mb_signal_pending())
		return interrupted_waiting(run);
	if (deadline_ns && mb_now_ns() >= deadline_ns)
		return no_migration(run, bound_ns);
	return 0;
}

int mb_external_wait(struct mb_run *run)
{
	int64_t bound = wait_bound(run), next = mb_now_ns();
	int64_t deadline = bound ? next + bound : 0;
	int r;

	if (!run->opt->quiet)
		fprintf(stderr, "migbench: waiting for a migration of %s from %s to %s\n",
			run->domain_name, run->src.host.name, run->dst.host.name);
	while (!(r = wait_step(run, deadline, bound))) {
		next += SAMPLE_PERIOD_NS;
		mb_sleep_until_ns(next); /* a signal ends it: the flag is polled above */
	}
	return r == 1 ? 0 : r;
}

void mb_external_ended(struct mb_run *run)
{
	run->mig.end_ns = mb_now_ns();
	atomic_store(&run->mig.done, true);
}

void mb_external_interrupted(struct mb_run *run, const char *why)
{
	snprintf(run->abort_reason, sizeof(run->abort_reason), "%s", why);
	mb_external_ended(run);
}

static bool active_on(virConnectPtr conn, const char *name)
{
	virDomainPtr d = virDomainLookupByName(conn, name);
	bool active = d && virDomainIsActive(d) == 1;

	if (d)
		virDomainFree(d);
	return active;
}

int mb_external_settle(struct mb_run *run)
{
	if (run->abort_reason[0]) {
		run->status = MB_RUN_ABORTED;
		mb_run_error(run, "measuring the migration of '%s' %s; the migration itself was left alone",
			     run->domain_name, run->abort_reason);
		return MB_EXIT_MIGRATION;
	}
	if (active_on(run->dst.conn, run->domain_name)) {
		run->status = MB_RUN_COMPLETED;
		return 0;
	}
	run->status = MB_RUN_FAILED;
	mb_run_error(run, "migration of '%s' from %s to %s failed: its job ended and the guest does not run on %s",
		     run->domain_name, run->src.host.name, run->dst.host.name, run->dst.host.name);
	return MB_EXIT_MIGRATION;
}

void mb_external_trigger_done(struct mb_run *run)
{
	if (mb_trigger_wait(&run->trigger, mb_now_ns() + TRIGGER_EXIT_WAIT_NS))
		return;
	mb_run_error(run, "warning: trigger %s is still running after the tail (pid %ld): left running",
		     run->trigger.args.argv[0], (long)run->trigger.pid);
}
