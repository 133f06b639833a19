/* Reverting the chain from depth n to depth `to`.
 *
 * Manual route (libvirt < 9.9 refuses to revert external snapshots):
 * shut the guest down through its agent (destroy after a timeout), drop
 * the snapshots' metadata, point the disk back at the layer's file in the
 * persistent definition (edited as XML; at depth 0 the original <disk>
 * element comes back), remove the overlay files migbench made, start the
 * guest, wait for its agent.  Every step can run again after a crash and
 * finds its work done.
 *
 * Native route (libvirt >= 9.9): virDomainRevertToSnapshot, then the
 * snapshot is deleted; the result is checked like the manual one. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "probes/clock.h"
#include "src/common/signals.h"
#include "src/snapio/snapio.h"
#include "src/snapio/snapshot.h"

#define STATE_POLL_NS 200000000LL

/* *on is set either way: false when libvirt cannot tell. */
static int active(struct mb_snapio *s, bool *on)
{
	int a = virDomainIsActive(s->dom);

	*on = false;
	if (a < 0)
		return mb_snapio_fail(s, MB_EXIT_STEP, "%s", mb_virt_last_error());
	*on = a == 1;
	return 0;
}

/* Polls until the domain is off; false at the deadline or on a signal. */
static bool wait_off(struct mb_snapio *s, int64_t deadline)
{
	bool on = true;

	while (mb_now_ns() < deadline && !mb_signal_pending()) {
		if (active(s, &on) || !on)
			return !on;
		mb_sleep_ns(STATE_POLL_NS); /* a signal ends it: the flag is polled above */
	}
	return false;
}

int mb_snapio_step_shutdown(struct mb_snapio *s)
{
	int64_t deadline = mb_now_ns() + s->opt->shutdown_timeout_ns;
	bool on;
	int rc = active(s, &on);

	if (rc || !on)
		return rc;
	/* Through the agent: the guest unmounts and syncs on the way down. */
	if (virDomainShutdownFlags(s->dom, VIR_DOMAIN_SHUTDOWN_GUEST_AGENT) < 0)
		mb_snapio_note(s, "shutdown through the guest agent refused (%s): destroying",
			       mb_virt_last_error());
	else if (wait_off(s, deadline))
		return 0;
	if (mb_signal_pending())
		return mb_snapio_fail(s, MB_EXIT_STEP, "interrupted by signal %d", mb_signal_number());
	if ((rc = active(s, &on)) || !on)
		return rc;
	/* The layer above is thrown away; the one below was synced before its
	 * snapshot was taken, so pulling the plug loses nothing kept. */
	mb_snapio_note(s, "guest still running after %.0f s: destroying it",
		       (double)s->opt->shutdown_timeout_ns / 1e9);
	if (virDomainDestroy(s->dom) < 0)
		return mb_snapio_fail(s, MB_EXIT_STEP, "destroy: %s", mb_virt_last_error());
	return 0;
}

/* Everything above `to`, top down: a later crash may have left any of it. */
int mb_snapio_step_drop_metadata(struct mb_snapio *s)
{
	char err[1024];

	for (unsigned i = s->cfg.layers; i > s->cur.to; i--) {
		const char *name = mb_journal_layer_str(&s->journal, i, "snapshot");

		if (mb_snapshot_drop_metadata(s->dom, name, err, sizeof(err)))
			return mb_snapio_fail(s, MB_EXIT_STEP, "snapshot %s: %s", name, err);
	}
	return 0;
}

static int must_be_off(struct mb_snapio *s)
{
	bool on;
	int rc = active(s, &on);

	if (!rc && on)
		return mb_snapio_fail(s, MB_EXIT_STEP, "domain '%s' is running; this step needs it shut off",
				      s->cfg.domain);
	return rc;
}

static int check_source(struct mb_snapio *s, unsigned depth, const char *when)
{
	const char *want = mb_journal_layer_str(&s->journal, depth, "overlay");
	struct mb_disk_info d;
	bool running;
	char err[1024];

	if (mb_disk_current(s->dom, s->cfg.disk, &d, &running, err, sizeof(err)))
		return mb_snapio_fail(s, MB_EXIT_STEP, "%s", err);
	if (strcmp(d.source, want))
		return mb_snapio_fail(s, MB_EXIT_STEP, "%s, disk %s is on %s, not on %s", when,
				      s->cfg.disk, d.source, want);
	return 0;
}

int mb_snapio_step_redefine(struct mb_snapio *s)
{
	unsigned to = s->cur.to;
	char *xml, *edited, err[1024];
	virDomainPtr defined;
	int rc = must_be_off(s);

	if (rc)
		return rc;
	/* SECURE: a definition without its passwords would lose them. */
	xml = virDomainGetXMLDesc(s->dom, VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE);
	if (!xml)
		return mb_snapio_fail(s, MB_EXIT_STEP, "%s", mb_virt_last_error());
	if (to == 0)
		edited = mb_domxml_replace_disk(xml, s->cfg.disk, s->cfg.base_disk_xml, err, sizeof(err));
	else
		edited = mb_domxml_point_disk(xml, s->cfg.disk,
					      mb_journal_layer_str(&s->journal, to, "overlay"), "qcow2",
					      err, sizeof(err));
	free(xml);
	if (!edited)
		return mb_snapio_fail(s, MB_EXIT_STEP, "editing the definition: %s", err);
	defined = virDomainDefineXML(s->host.conn, edited);
	free(edited);
	if (!defined)
		return mb_snapio_fail(s, MB_EXIT_STEP, "libvirt refused the edited definition: %s",
				      mb_virt_last_error());
	virDomainFree(defined);
	return check_source(s, to, "after the redefinition");
}

/* Only overlays the journal says migbench created, and each only if it
 * is still the overlay of the layer below (mb_overlay_remove checks). */
int mb_snapio_step_remove_overlay(struct mb_snapio *s)
{
	char pool[64], err[1024];
	int rc = must_be_off(s);

	if (rc)
		return rc;
	snprintf(pool, sizeof(pool), "migbench-snapio-%s", s->cfg.id);
	for (unsigned i = s->cfg.layers; i > s->cur.to; i--) {
		const char *path = mb_journal_layer_str(&s->journal, i, "overlay");
		int r;

		if (!mb_journal_layer_flag(&s->journal, i, "created") ||
		    mb_journal_layer_flag(&s->journal, i, "removed"))
			continue;
		r = mb_overlay_remove(s->host.conn, path,
				      mb_journal_layer_str(&s->journal, i - 1, "overlay"), pool,
				      err, sizeof(err));
		if (r < 0)
			return mb_snapio_fail(s, MB_EXIT_STEP, "removing %s: %s", path, err);
		if (r == 1)
			mb_snapio_note(s, "%s was gone already", path);
		mb_journal_layer_set_flag(&s->journal, i, "removed", true);
		if ((rc = mb_snapio_save(s)))
			return rc;
	}
	return 0;
}

int mb_snapio_step_start(struct mb_snapio *s)
{
	bool on;
	int rc = active(s, &on);

	if (rc)
		return rc;
	if (!on && virDomainCreate(s->dom) < 0)
		return mb_snapio_fail(s, MB_EXIT_STEP, "start: %s", mb_virt_last_error());
	return check_source(s, s->cur.to, "after the start");
}

int mb_snapio_step_agent(struct mb_snapio *s)
{
	char err[1024];
	int64_t t0 = mb_now_ns();

	if (mb_agent_await(s->dom, s->opt->boot_timeout_ns, err, sizeof(err)))
		return mb_snapio_fail(s, MB_EXIT_STEP, "guest agent did not answer within %.0f s of the start: %s",
				      (double)s->opt->boot_timeout_ns / 1e9, err);
	mb_snapio_progress(s, "guest agent answers (%.1f s)", (double)(mb_now_ns() - t0) / 1e9);
	return 0;
}

int mb_snapio_step_native_revert(struct mb_snapio *s)
{
	char err[1024];

	for (unsigned i = s->cur.n; i > s->cur.to; i--) {
		const char *name = mb_journal_layer_str(&s->journal, i, "snapshot");
		int ex = mb_snapshot_exists(s->dom, name, err, sizeof(err));

		if (ex < 0)
			return mb_snapio_fail(s, MB_EXIT_STEP, "snapshot %s: %s", name, err);
		if (ex && mb_snapshot_native_revert(s->dom, name, err, sizeof(err)))
			return mb_snapio_fail(s, MB_EXIT_STEP, "snapshot %s: %s (--revert manual avoids this route)",
					      name, err);
		/* libvirt removes the overlay files it reverts away from. */
		mb_journal_layer_set_flag(&s->journal, i, "removed", true);
	}
	return check_source(s, s->cur.to, "after libvirt's revert");
}
