/* migbench snapio: the snapshot IO campaign of seed 000.  A chain of
 * external disk-only snapshots of one disk, guest writes between them,
 * then fio and an integrity check at every depth while the chain is
 * reverted layer by layer.  See migbench-snapio(1).
 *
 * Every step is journaled (snapio_journal.h) before the next begins, so a
 * campaign killed anywhere continues with --resume; the report is made
 * from the journal alone. */
#ifndef MB_SNAPIO_H
#define MB_SNAPIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libvirt/libvirt.h>

#include "analysis/snapio/manifest.h"
#include "analysis/snapio/snapio_plan.h"
#include "analysis/snapio/snapio_steps.h"
#include "src/common/agent.h"
#include "src/common/exitcode.h"
#include "src/snapio/snapio_journal.h"
#include "src/snapio/snapio_options.h"
#include "src/common/virt.h"

/* snapio's refinement of status 3: a campaign step failed, or a signal
 * stopped it; results so far are written and the journal can continue. */
#define MB_EXIT_STEP MB_EXIT_MIGRATION

struct mb_snapio {
	const struct mb_snapio_options *opt;
	struct mb_snapio_config cfg;      /* from the options, or from the journal */
	struct mb_journal journal;
	struct mb_virt_host host;
	bool have_host;
	virDomainPtr dom;
	struct mb_snapio_plan *plan;
	struct mb_snapio_shape shape;
	struct mb_snapio_cursor cur;
	char label[256];                  /* the step under way, for messages */
	char failure[2048];               /* why the campaign stopped */
	int64_t t0_ns;                    /* CLOCK_MONOTONIC at start (progress) */
	bool unwound;                     /* this run reverted to depth 0 on request */
	json_object *preflight;           /* guest commands run before the journal existed */
};

/* Runs a new campaign, or continues (--resume) or unwinds (--unwind) the
 * one journaled in --out.  Returns an exit status; reports are written. */
int mb_snapio_main(const struct mb_snapio_options *opt);

/* For the step modules. */

/* Records why the campaign stops, prints it as "migbench: <label>: why",
 * returns status. */
int mb_snapio_fail(struct mb_snapio *s, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void mb_snapio_progress(struct mb_snapio *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Something worth knowing that did not stop the campaign (journal + stderr). */
void mb_snapio_note(struct mb_snapio *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Runs /bin/sh with argv in the guest for the current step (scripts are
 * fixed text, every name an argument), journaled: argv, exit status,
 * stderr, duration.  0 when it exited 0; otherwise the campaign fails with
 * "what" and the program's own words (stderr), and the status is
 * returned.  r, if not NULL, gets the output on success (free with
 * mb_agent_result_free). */
int mb_snapio_guest_cmd(struct mb_snapio *s, const char *what, int64_t timeout_ns,
			const void *input, size_t input_len, struct mb_agent_result *r,
			const char *const *argv, size_t argc);

/* Saves the journal; on failure the campaign stops (status 2). */
int mb_snapio_save(struct mb_snapio *s);

/* The paths in the guest and on the host for layer i (0: the disk). */
void mb_snapio_guest_path(const struct mb_snapio *s, const char *name, char *buf, size_t len);

/* Step implementations (snapio_build.c, snapio_measure.c, snapio_revert.c). */
int mb_snapio_step_snapshot(struct mb_snapio *s);
int mb_snapio_step_tag(struct mb_snapio *s);
int mb_snapio_step_delete(struct mb_snapio *s);
int mb_snapio_step_file(struct mb_snapio *s);
int mb_snapio_step_sync(struct mb_snapio *s);
int mb_snapio_step_manifest(struct mb_snapio *s);
int mb_snapio_step_integrity(struct mb_snapio *s);
int mb_snapio_step_fio(struct mb_snapio *s);
int mb_snapio_step_shutdown(struct mb_snapio *s);
int mb_snapio_step_drop_metadata(struct mb_snapio *s);
int mb_snapio_step_redefine(struct mb_snapio *s);
int mb_snapio_step_remove_overlay(struct mb_snapio *s);
int mb_snapio_step_start(struct mb_snapio *s);
int mb_snapio_step_agent(struct mb_snapio *s);
int mb_snapio_step_native_revert(struct mb_snapio *s);

/* The manifest of the campaign directory as the guest has it now. */
int mb_snapio_read_manifest(struct mb_snapio *s, struct mb_manifest *m);

#endif
