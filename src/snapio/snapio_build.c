/* Build phase: for layer i, an external snapshot of the disk, then the
 * guest writes into the new overlay: a tag file, deletions of earlier
 * files, new files of random content, sync, and the checksum manifest of
 * what the layer holds. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/units.h"
#include "src/snapio/snapio.h"
#include "src/snapio/snapshot.h"

/* sha256sum of every entry under the campaign directory; nothing when it
 * does not exist (depth 0), an error when the mount point is missing. */
static const char manifest_script[] =
	"[ -d \"$1\" ] || { echo \"$1: no such directory\" >&2; exit 2; }\n"
	"[ -d \"$2\" ] || exit 0\n"
	"cd \"$2\" && find . -mindepth 1 -print0 | xargs -0 -r sha256sum\n";

int mb_snapio_read_manifest(struct mb_snapio *s, struct mb_manifest *m)
{
	const char *argv[] = { "-c", manifest_script, "sh", s->cfg.guest_dir, s->cfg.campaign_dir };
	struct mb_agent_result r;
	char err[512];
	int rc = mb_snapio_guest_cmd(s, "checksums of the campaign directory", s->opt->guest_timeout_ns,
				     NULL, 0, &r, argv, 5);

	if (rc)
		return rc;
	if (r.out_truncated)
		rc = mb_snapio_fail(s, MB_EXIT_STEP, "checksum list truncated by the guest agent");
	else if (mb_manifest_parse(r.out, m, err, sizeof(err)))
		rc = mb_snapio_fail(s, MB_EXIT_STEP, "guest: %s", err);
	mb_agent_result_free(&r);
	return rc;
}

static int current_source(struct mb_snapio *s, struct mb_disk_info *d)
{
	bool running;
	char err[1024];

	if (mb_disk_current(s->dom, s->cfg.disk, d, &running, err, sizeof(err)))
		return mb_snapio_fail(s, MB_EXIT_STEP, "%s", err);
	return 0;
}

static int create_snapshot(struct mb_snapio *s, unsigned i)
{
	const char *name = mb_journal_layer_str(&s->journal, i, "snapshot");
	const char *overlay = mb_journal_layer_str(&s->journal, i, "overlay");
	char *xml = virDomainGetXMLDesc(s->dom, 0), *snap = NULL, **others = NULL, err[1024], desc[256];
	size_t n = 0;
	int rc = 0;

	if (!xml)
		return mb_snapio_fail(s, MB_EXIT_STEP, "%s", mb_virt_last_error());
	snprintf(desc, sizeof(desc), "migbench snapio campaign %s, layer %u of %u", s->cfg.id, i,
		 s->cfg.layers);
	if (mb_domxml_other_disks(xml, s->cfg.disk, &others, &n, err, sizeof(err)) ||
	    !(snap = mb_domxml_snapshot(name, desc, s->cfg.disk, overlay, others, n, err, sizeof(err))))
		rc = mb_snapio_fail(s, MB_EXIT_INTERNAL, "%s", err);
	else if (mb_snapshot_create(s->dom, snap, err, sizeof(err)))
		rc = mb_snapio_fail(s, MB_EXIT_STEP, "libvirt refused snapshot %s: %s", name, err);
	for (size_t k = 0; k < n; k++)
		free(others[k]);
	free(others);
	free(snap);
	free(xml);
	return rc;
}

int mb_snapio_step_snapshot(struct mb_snapio *s)
{
	unsigned i = s->cur.n;
	const char *name = mb_journal_layer_str(&s->journal, i, "snapshot");
	const char *overlay = mb_journal_layer_str(&s->journal, i, "overlay");
	struct mb_disk_info d;
	char err[1024];
	int ex = mb_snapshot_exists(s->dom, name, err, sizeof(err)), rc;

	if (ex < 0)
		return mb_snapio_fail(s, MB_EXIT_STEP, "%s", err);
	if (!ex && (rc = create_snapshot(s, i)))
		return rc;
	/* Made now, or before a crash of ours: either way it is ours. */
	if ((rc = current_source(s, &d)))
		return rc;
	if (strcmp(d.source, overlay))
		return mb_snapio_fail(s, MB_EXIT_STEP, "snapshot %s exists, but disk %s is on %s, not on %s",
				      name, s->cfg.disk, d.source, overlay);
	mb_journal_layer_set_flag(&s->journal, i, "created", true);
	return 0;
}

int mb_snapio_step_tag(struct mb_snapio *s)
{
	static const char script[] = "mkdir -p -- \"$1\" && printf '%s\\n' \"$3\" > \"$1/$2\"\n";
	char tag[64], text[128];
	const char *argv[] = { "-c", script, "sh", s->cfg.campaign_dir, tag, text };

	mb_snapio_tag_name(s->cur.n, tag, sizeof(tag));
	snprintf(text, sizeof(text), "migbench snapio %s layer %u", s->cfg.id, s->cur.n);
	return mb_snapio_guest_cmd(s, "writing the tag file", s->opt->guest_timeout_ns, NULL, 0,
				   NULL, argv, 6);
}

/* The n names this layer deletes, into names[] and the journal. */
static int plan_deletions(struct mb_snapio *s, char (*names)[32], size_t n)
{
	struct mb_snapio_file *files = calloc(n + 1, sizeof(*files));
	json_object *deleted;

	if (!files)
		return -1;
	mb_snapio_plan_deleted(s->plan, s->cur.n, files, n);
	deleted = json_object_new_array();
	for (size_t k = 0; k < n; k++) {
		mb_snapio_file_name(&files[k], names[k], sizeof(names[k]));
		json_object_array_add(deleted, json_object_new_string(names[k]));
	}
	mb_journal_set_layer(&s->journal, s->cur.n, "deleted", deleted);
	free(files);
	return 0;
}

/* rm -f: a resumed step may find some already gone; the manifest step
 * checks that exactly the planned files are left. */
int mb_snapio_step_delete(struct mb_snapio *s)
{
	static const char script[] = "cd \"$1\" && shift && rm -f -- \"$@\"";
	size_t n = mb_snapio_plan_deleted(s->plan, s->cur.n, NULL, 0), argc = 0;
	char (*names)[32] = calloc(n + 1, sizeof(*names));
	const char **argv = calloc(n + 5, sizeof(char *));
	int rc = 0;

	if (!names || !argv || plan_deletions(s, names, n)) {
		rc = mb_snapio_fail(s, MB_EXIT_INTERNAL, "out of memory");
	} else if (n) {
		argv[argc++] = "-c";
		argv[argc++] = script;
		argv[argc++] = "sh";
		argv[argc++] = s->cfg.campaign_dir;
		for (size_t k = 0; k < n; k++)
			argv[argc++] = names[k];
		rc = mb_snapio_guest_cmd(s, "deleting earlier files", s->opt->guest_timeout_ns, NULL, 0,
					 NULL, argv, argc);
	}
	free(names);
	free(argv);
	return rc;
}

int mb_snapio_step_file(struct mb_snapio *s)
{
	struct mb_snapio_file f = { s->cur.n, s->cur.file };
	char name[64], path[1400], bytes[32], what[128];
	const char *argv[] = { "-c", "head -c \"$2\" /dev/urandom > \"$1\"", "sh", path, bytes };

	mb_snapio_file_name(&f, name, sizeof(name));
	mb_snapio_guest_path(s, name, path, sizeof(path));
	snprintf(bytes, sizeof(bytes), "%" PRIu64, s->cfg.file_size);
	snprintf(what, sizeof(what), "writing %s", name);
	return mb_snapio_guest_cmd(s, what, s->opt->guest_timeout_ns, NULL, 0, NULL, argv, 5);
}

int mb_snapio_step_sync(struct mb_snapio *s)
{
	const char *argv[] = { "-c", "sync" };

	return mb_snapio_guest_cmd(s, "sync", s->opt->guest_timeout_ns, NULL, 0, NULL, argv, 2);
}

/* What layer i must hold: the plan's files and every tag so far, with the
 * checksums layer i-1 recorded for what it already had. */
static int expected_layer(struct mb_snapio *s, unsigned i, struct mb_manifest *want)
{
	size_t n = mb_snapio_plan_live(s->plan, i, NULL, 0);
	struct mb_snapio_file *files = calloc(n + 1, sizeof(*files));
	struct mb_manifest before;
	char name[64];
	int bad = !files || mb_journal_get_manifest(&s->journal, i - 1, &before);

	memset(want, 0, sizeof(*want));
	if (bad) {
		free(files);
		return mb_snapio_fail(s, MB_EXIT_INTERNAL, "layer %u: no manifest of layer %u in the journal",
				      i, i - 1);
	}
	mb_snapio_plan_live(s->plan, i, files, n);
	for (size_t k = 0; k < n + i; k++) {
		const struct mb_manifest_entry *old;

		if (k < n)
			mb_snapio_file_name(&files[k], name, sizeof(name));
		else
			mb_snapio_tag_name((unsigned)(k - n + 1), name, sizeof(name));
		/* A file of this layer is new: any content; older ones keep theirs. */
		old = (k < n && files[k].layer == i) || (k >= n && k - n + 1 == i)
			? NULL : mb_manifest_find(&before, name);
		mb_manifest_add(want, name, old ? old->sha256 : NULL);
	}
	mb_manifest_free(&before);
	free(files);
	return 0;
}

int mb_snapio_step_manifest(struct mb_snapio *s)
{
	struct mb_manifest want, have = { 0 };
	struct mb_manifest_diff d;
	char text[600];
	int rc = expected_layer(s, s->cur.n, &want);

	if (rc)
		return rc;
	rc = mb_snapio_read_manifest(s, &have);
	if (!rc && !mb_manifest_compare(&want, &have, &d)) {
		mb_manifest_diff_text(&d, text, sizeof(text));
		rc = mb_snapio_fail(s, MB_EXIT_STEP, "layer %u does not hold what was written: %s",
				    s->cur.n, text);
	}
	if (!rc)
		mb_journal_set_manifest(&s->journal, s->cur.n, &have);
	mb_manifest_free(&want);
	mb_manifest_free(&have);
	return rc;
}
