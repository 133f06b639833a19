/* Continuing (--resume) or unwinding (--unwind) the campaign journaled in
 * --out (snapio_setup.h).  Nothing changes unless the domain still matches
 * the journal. */
#include "config.h"

#include "src/snapio/snapio_setup.h"

#include <stdio.h>
#include <string.h>

#include "src/common/signals.h"
#include "src/snapio/snapshot.h"

static int open_journal(struct mb_snapio *s)
{
	char err[1024];

	if (mb_journal_open(&s->journal, s->opt->out_dir, false, err, sizeof(err)))
		return mb_snapio_fail(s, MB_EXIT_ENV, "--out: %s", err);
	if (!mb_journal_exists(&s->journal))
		return mb_snapio_fail(s, MB_EXIT_ENV, "%s: no campaign journal here", s->opt->out_dir);
	if (mb_journal_load(&s->journal, &s->cfg, err, sizeof(err)))
		return mb_snapio_fail(s, MB_EXIT_ENV, "%s", err);
	/* A save the stop cut short: the state is that of the save before. */
	if (s->journal.replay.torn || s->journal.replay.dropped)
		mb_snapio_note(s, "%s: %s%zu uncommitted change%s of an interrupted save ignored",
			       s->journal.path, s->journal.replay.torn ? "a torn last line and " : "",
			       s->journal.replay.dropped, s->journal.replay.dropped == 1 ? "" : "s");
	return 0;
}

static int find_domain(struct mb_snapio *s)
{
	const char *name;

	s->dom = virDomainLookupByUUIDString(s->host.conn, s->cfg.uuid);
	if (!s->dom)
		return mb_snapio_fail(s, MB_EXIT_ENV, "domain '%s' (%s) on %s: %s", s->cfg.domain,
				      s->cfg.uuid, s->host.host.name, mb_virt_last_error());
	name = virDomainGetName(s->dom);
	if (name && strcmp(name, s->cfg.domain))
		mb_snapio_note(s, "domain '%s' is called '%s' now", s->cfg.domain, name);
	return 0;
}

static int mismatch(struct mb_snapio *s, const char *why)
{
	return mb_snapio_fail(s, MB_EXIT_ENV, "the domain no longer matches the journal: %s; not continuing", why);
}

/* The disk's source must be a layer the cursor allows; snapshots at or
 * below meta_lo must exist, none above meta_hi.  *depth: the layer found. */
static int check_matches(struct mb_snapio *s, unsigned *depth, bool *running)
{
	struct mb_snapio_expect e;
	struct mb_disk_info d;
	char err[1024], where[300], why[6000];

	mb_snapio_expect(&s->cur, &e);
	mb_snapio_cursor_label(&s->shape, &s->cur, where, sizeof(where));
	if (mb_disk_current(s->dom, s->cfg.disk, &d, running, err, sizeof(err)))
		return mb_snapio_fail(s, MB_EXIT_ENV, "domain '%s': %s", s->cfg.domain, err);
	for (*depth = e.disk_lo; *depth <= e.disk_hi; (*depth)++)
		if (!strcmp(d.source, mb_journal_layer_str(&s->journal, *depth, "overlay")))
			break;
	if (*depth > e.disk_hi) {
		snprintf(why, sizeof(why), "disk %s is on %s, but at '%s' the journal has it on %s%s%s",
			 s->cfg.disk, d.source, where, mb_journal_layer_str(&s->journal, e.disk_lo, "overlay"),
			 e.disk_hi > e.disk_lo ? " or " : "",
			 e.disk_hi > e.disk_lo ? mb_journal_layer_str(&s->journal, e.disk_hi, "overlay") : "");
		return mismatch(s, why);
	}
	for (unsigned i = 1; i <= s->cfg.layers; i++) {
		const char *name = mb_journal_layer_str(&s->journal, i, "snapshot");
		int ex = mb_snapshot_exists(s->dom, name, err, sizeof(err));

		if (ex < 0)
			return mb_snapio_fail(s, MB_EXIT_ENV, "snapshot %s: %s", name, err);
		if ((i <= e.meta_lo && !ex) || (i > e.meta_hi && ex)) {
			snprintf(why, sizeof(why), "snapshot %s %s at '%s'", name,
				 ex ? "exists, which the journal has not made" : "is gone, which the journal needs",
				 where);
			return mismatch(s, why);
		}
	}
	return 0;
}

static bool leftovers(struct mb_snapio *s, bool running)
{
	char err[256];

	if (!running)
		return true;
	for (unsigned i = 1; i <= s->cfg.layers; i++)
		if ((mb_journal_layer_flag(&s->journal, i, "created") &&
		     !mb_journal_layer_flag(&s->journal, i, "removed")) ||
		    mb_snapshot_exists(s->dom, mb_journal_layer_str(&s->journal, i, "snapshot"), err, sizeof(err)) != 0)
			return true;
	return false;
}

/* A guest program the killed campaign left running must end before the
 * step runs again. */
static int await_inflight(struct mb_snapio *s)
{
	int64_t pid = mb_journal_inflight(&s->journal);
	struct mb_agent_result r;
	char err[1024];
	enum mb_agent_status st;

	if (pid <= 0)
		return 0;
	mb_snapio_progress(s, "waiting for guest pid %lld left by the interrupted campaign", (long long)pid);
	st = mb_agent_wait(s->dom, pid, s->opt->guest_timeout_ns, &r, err, sizeof(err));
	mb_journal_command(&s->journal, "resume: wait for the interrupted command", "(earlier)",
			   NULL, 0, &r, st, err);
	mb_agent_result_free(&r);
	mb_journal_set_inflight(&s->journal, 0, NULL);
	if (st == MB_AGENT_INTERRUPTED)
		return mb_snapio_fail(s, MB_EXIT_STEP, "interrupted by signal %d", mb_signal_number());
	return 0; /* unknown pid (the guest restarted) or ended: either way, gone */
}

static int load_cursor(struct mb_snapio *s)
{
	if (mb_journal_get_cursor(&s->journal, &s->cur) ||
	    !mb_snapio_cursor_valid(&s->shape, &s->cur))
		return mb_snapio_fail(s, MB_EXIT_ENV, "%s: damaged journal (no valid next step)",
				      s->journal.path);
	return 0;
}

static int position(struct mb_snapio *s, bool *finished)
{
	struct mb_snapio_expect e;
	unsigned depth;
	bool running;
	int r = check_matches(s, &depth, &running);

	if (r)
		return r;
	if (s->opt->unwind) {
		/* The shutdown ends whatever the guest was running for us. */
		mb_journal_set_inflight(&s->journal, 0, NULL);
		if (s->cur.phase != MB_PHASE_UNWIND)
			mb_snapio_unwind(&s->shape, depth, leftovers(s, running), &s->cur);
		s->unwound = true;
		*finished = s->cur.phase == MB_PHASE_DONE;
		return 0;
	}
	if (s->cur.phase == MB_PHASE_DONE) {
		*finished = true;
		return 0;
	}
	mb_snapio_expect(&s->cur, &e);
	if (e.needs_running && !running)
		return mb_snapio_fail(s, MB_EXIT_ENV,
				      "domain '%s' is not running, which the next step needs: start it, then --resume",
				      s->cfg.domain);
	return await_inflight(s);
}

int mb_snapio_setup_resume(struct mb_snapio *s, bool *finished)
{
	int r;

	*finished = false;
	if ((r = open_journal(s)) || (r = mb_snapio_connect(s, s->opt->host ? s->opt->host : s->cfg.host_uri)) ||
	    (r = find_domain(s)) || (r = mb_snapio_make_plan(s)) || (r = load_cursor(s)) ||
	    (r = position(s, finished)))
		return r;
	if (*finished) {
		mb_snapio_progress(s, "campaign %s: nothing left to do in %s", s->cfg.id, s->journal.path);
		return 0;
	}
	mb_journal_set_cursor(&s->journal, &s->cur);
	mb_journal_set_status(&s->journal, "running", NULL, NULL);
	mb_snapio_progress(s, "campaign %s: %s %s", s->cfg.id, s->opt->unwind ? "unwinding" : "resuming",
			   s->journal.path);
	return mb_snapio_save(s);
}
