/* migbench snapio: the campaign loop and what every step shares (snapio.h). */
#include "config.h"

#include "src/snapio/snapio.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probes/clock.h"
#include "src/common/signals.h"
#include "src/snapio/snapio_report.h"
#include "src/snapio/snapio_setup.h"

static void vformat(char *buf, size_t len, const char *fmt, va_list ap)
{
	vsnprintf(buf, len, fmt, ap);
}

int mb_snapio_fail(struct mb_snapio *s, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vformat(s->failure, sizeof(s->failure), fmt, ap);
	va_end(ap);
	fprintf(stderr, "migbench: %s: %s\n", s->label, s->failure);
	return status;
}

void mb_snapio_progress(struct mb_snapio *s, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	if (s->opt->quiet)
		return;
	va_start(ap, fmt);
	vformat(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "migbench: snapio [%7.1f s] %s\n", (double)(mb_now_ns() - s->t0_ns) / 1e9, msg);
}

void mb_snapio_note(struct mb_snapio *s, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vformat(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (s->journal.doc)
		mb_journal_note(&s->journal, s->label, msg);
	if (!s->opt->quiet)
		fprintf(stderr, "migbench: %s: note: %s\n", s->label, msg);
}

void mb_snapio_guest_path(const struct mb_snapio *s, const char *name, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s", s->cfg.campaign_dir, name);
}

/* The journal knows the guest pid before we wait: a campaign killed now
 * waits for that program on --resume instead of racing it. */
static void on_started(void *data, int64_t pid)
{
	struct mb_snapio *s = data;
	char err[512];

	mb_journal_set_inflight(&s->journal, pid, s->label);
	if (mb_journal_save(&s->journal, err, sizeof(err)))
		mb_snapio_note(s, "journal not saved: %s", err);
}

/* A program's stderr as one line: lines joined with "; ". */
static void one_line(const char *text, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	while (text && *text && used + 1 < len) {
		size_t n = strcspn(text, "\n");

		if (n)
			used += (size_t)snprintf(buf + used, len - used, "%s%.*s", used ? "; " : "",
						 (int)n, text);
		text += n;
		text += *text == '\n';
	}
	if (!buf[0])
		snprintf(buf, len, "(nothing on stderr)");
}

static int judge(struct mb_snapio *s, const char *what, enum mb_agent_status st,
		 const struct mb_agent_result *r, const char *err)
{
	char why[600];

	switch (st) {
	case MB_AGENT_INTERRUPTED:
		return mb_snapio_fail(s, MB_EXIT_STEP, "%s: %s (it runs on in the guest; --resume waits for it)",
				      what, err);
	case MB_AGENT_TIMEOUT:
		return mb_snapio_fail(s, MB_EXIT_STEP, "%s: %s", what, err);
	case MB_AGENT_ERROR:
		return mb_snapio_fail(s, MB_EXIT_STEP, "%s: guest agent: %s", what, err);
	default:
		break;
	}
	if (r->signal)
		return mb_snapio_fail(s, MB_EXIT_STEP, "%s: killed by signal %d in the guest", what, r->signal);
	if (r->exitcode) {
		one_line(r->err, why, sizeof(why));
		return mb_snapio_fail(s, MB_EXIT_STEP, "%s: exit status %d in the guest: %s", what,
				      r->exitcode, why);
	}
	return 0;
}

int mb_snapio_guest_cmd(struct mb_snapio *s, const char *what, int64_t timeout_ns,
			const void *input, size_t input_len, struct mb_agent_result *out,
			const char *const *argv, size_t argc)
{
	struct mb_agent_cmd cmd = {
		.path = "/bin/sh", .argv = argv, .argc = argc, .input = input,
		.input_len = input_len, .timeout_ns = timeout_ns, .started = on_started, .data = s,
	};
	struct mb_agent_result r;
	char err[1024] = "";
	enum mb_agent_status st = mb_agent_exec(s->dom, &cmd, &r, err, sizeof(err));
	int rc;

	if (st != MB_AGENT_INTERRUPTED)
		mb_journal_set_inflight(&s->journal, 0, NULL);
	mb_journal_command(&s->journal, s->label, cmd.path, argv, argc, &r, st, err);
	rc = judge(s, what, st, &r, err);
	if (!rc && out)
		*out = r;
	else
		mb_agent_result_free(&r);
	return rc;
}

static int dispatch(struct mb_snapio *s)
{
	switch (s->cur.step) {
	case MB_STEP_SNAPSHOT: return mb_snapio_step_snapshot(s);
	case MB_STEP_TAG: return mb_snapio_step_tag(s);
	case MB_STEP_DELETE: return mb_snapio_step_delete(s);
	case MB_STEP_FILE: return mb_snapio_step_file(s);
	case MB_STEP_SYNC: return mb_snapio_step_sync(s);
	case MB_STEP_MANIFEST: return mb_snapio_step_manifest(s);
	case MB_STEP_INTEGRITY: return mb_snapio_step_integrity(s);
	case MB_STEP_FIO: return mb_snapio_step_fio(s);
	case MB_STEP_SHUTDOWN: return mb_snapio_step_shutdown(s);
	case MB_STEP_DROP_METADATA: return mb_snapio_step_drop_metadata(s);
	case MB_STEP_REDEFINE: return mb_snapio_step_redefine(s);
	case MB_STEP_REMOVE_OVERLAY: return mb_snapio_step_remove_overlay(s);
	case MB_STEP_START: return mb_snapio_step_start(s);
	case MB_STEP_AGENT: return mb_snapio_step_agent(s);
	case MB_STEP_NATIVE_REVERT: return mb_snapio_step_native_revert(s);
	default: return 0;
	}
}

int mb_snapio_save(struct mb_snapio *s)
{
	char err[1024];

	if (mb_journal_save(&s->journal, err, sizeof(err)) == 0)
		return 0;
	return mb_snapio_fail(s, MB_EXIT_ENV, "journal: %s", err);
}

/* One step after another; the journal is saved after each, with the
 * cursor on the next. */
static int run_steps(struct mb_snapio *s)
{
	while (s->cur.phase != MB_PHASE_DONE) {
		int64_t t_real = mb_realtime_ns(), t = mb_now_ns();
		int r;

		mb_snapio_cursor_label(&s->shape, &s->cur, s->label, sizeof(s->label));
		mb_snapio_progress(s, "%s", s->label);
		r = dispatch(s);
		if (r)
			return r;
		mb_journal_step(&s->journal, s->label, t_real, mb_now_ns() - t);
		mb_snapio_next(&s->shape, &s->cur);
		mb_journal_set_cursor(&s->journal, &s->cur);
		r = mb_snapio_save(s);
		if (r)
			return r;
		if (mb_signal_pending())
			return mb_snapio_fail(s, MB_EXIT_STEP, "interrupted by signal %d after this step",
					      mb_signal_number());
	}
	return 0;
}

static const char *final_status(const struct mb_snapio *s, int rc)
{
	if (rc == 0)
		return s->unwound ? "unwound" : "done";
	return mb_signal_pending() ? "interrupted" : "failed";
}

/* What to do next, once, for a person reading the terminal. */
static void hint(const struct mb_snapio *s, int rc)
{
	if (rc == 0 || s->opt->quiet)
		return;
	fprintf(stderr, "migbench: snapio: journal and results so far in %s; continue with "
		"'migbench snapio --out %s --resume', or restore the original disk with --unwind\n",
		s->journal.dir, s->journal.dir);
}

static int finish(struct mb_snapio *s, int rc)
{
	char err[1024];

	mb_journal_set_status(&s->journal, final_status(s, rc), rc ? s->label : NULL,
			      rc ? s->failure : NULL);
	/* Written whole once more: a finished journal is one JSON document. */
	if (mb_journal_compact(&s->journal, err, sizeof(err)))
		fprintf(stderr, "migbench: journal: %s\n", err);
	/* A campaign whose results are not written did not succeed. */
	if (mb_snapio_report(s, rc) && rc == 0)
		rc = MB_EXIT_ENV;
	hint(s, rc);
	return rc;
}

static void cleanup(struct mb_snapio *s)
{
	if (s->dom)
		virDomainFree(s->dom);
	if (s->have_host)
		mb_virt_close(&s->host);
	mb_snapio_plan_free(s->plan);
	json_object_put(s->preflight);
	mb_journal_close(&s->journal);
	mb_snapio_config_free(&s->cfg);
}

int mb_snapio_main(const struct mb_snapio_options *opt)
{
	struct mb_snapio s;
	bool finished = false;
	int rc;

	memset(&s, 0, sizeof(s));
	s.opt = opt;
	s.journal.lock_fd = -1;
	s.t0_ns = mb_now_ns();
	snprintf(s.label, sizeof(s.label), "snapio");
	if (opt->resume || opt->unwind)
		rc = mb_snapio_setup_resume(&s, &finished);
	else
		rc = mb_snapio_setup_new(&s);
	/* A refusal to start or resume leaves the journal as it was. */
	if (rc == 0 && finished)
		rc = mb_snapio_report(&s, rc) ? MB_EXIT_ENV : 0; /* as it was: only the report again */
	else if (rc == 0)
		rc = finish(&s, run_steps(&s));
	cleanup(&s);
	return rc;
}
