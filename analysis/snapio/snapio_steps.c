/* Steps of a snapshot IO campaign (snapio_steps.h). */
#include "analysis/snapio/snapio_steps.h"

#include <stdio.h>
#include <string.h>

static const char *const phase_names[] = { "build", "measure", "unwind", "done" };
static const char *const step_names[] = {
	"snapshot", "tag", "delete", "file", "sync", "manifest",
	"integrity", "fio",
	"shutdown", "drop-metadata", "redefine", "remove-overlay", "start", "agent",
	"native-revert", "none",
};

#define N_PHASES (sizeof(phase_names) / sizeof(phase_names[0]))
#define N_STEPS (sizeof(step_names) / sizeof(step_names[0]))

const char *mb_snapio_phase_name(enum mb_snapio_phase p)
{
	return (size_t)p < N_PHASES ? phase_names[p] : "?";
}

const char *mb_snapio_step_name(enum mb_snapio_step s)
{
	return (size_t)s < N_STEPS ? step_names[s] : "?";
}

int mb_snapio_phase_parse(const char *name, enum mb_snapio_phase *p)
{
	for (size_t i = 0; i < N_PHASES; i++)
		if (!strcmp(name, phase_names[i])) {
			*p = (enum mb_snapio_phase)i;
			return 0;
		}
	return -1;
}

int mb_snapio_step_parse(const char *name, enum mb_snapio_step *s)
{
	for (size_t i = 0; i < N_STEPS; i++)
		if (!strcmp(name, step_names[i])) {
			*s = (enum mb_snapio_step)i;
			return 0;
		}
	return -1;
}

static void set(struct mb_snapio_cursor *c, enum mb_snapio_phase p, enum mb_snapio_step s,
		unsigned n, unsigned to)
{
	c->phase = p;
	c->step = s;
	c->n = n;
	c->to = to;
	c->file = 0;
	c->repeat = 0;
}

static unsigned repeats(const struct mb_snapio_shape *s)
{
	return s->repeats ? s->repeats : 1;
}

void mb_snapio_first(struct mb_snapio_cursor *c)
{
	set(c, MB_PHASE_BUILD, MB_STEP_SNAPSHOT, 1, 0);
}

static void done(struct mb_snapio_cursor *c)
{
	set(c, MB_PHASE_DONE, MB_STEP_NONE, 0, 0);
}

static void next_build(const struct mb_snapio_shape *s, struct mb_snapio_cursor *c)
{
	switch (c->step) {
	case MB_STEP_SNAPSHOT: c->step = MB_STEP_TAG; break;
	case MB_STEP_TAG: c->step = MB_STEP_DELETE; break;
	case MB_STEP_DELETE:
		c->step = s->files ? MB_STEP_FILE : MB_STEP_SYNC;
		c->file = 0;
		break;
	case MB_STEP_FILE:
		if (++c->file >= s->files) {
			c->step = MB_STEP_SYNC;
			c->file = 0;
		}
		break;
	case MB_STEP_SYNC: c->step = MB_STEP_MANIFEST; break;
	default: /* manifest */
		if (c->n < s->layers)
			set(c, MB_PHASE_BUILD, MB_STEP_SNAPSHOT, c->n + 1, 0);
		else
			set(c, MB_PHASE_MEASURE, MB_STEP_INTEGRITY, s->layers, 0);
	}
}

/* The revert steps in order; AGENT ends both routes. */
static void next_revert(const struct mb_snapio_shape *s, struct mb_snapio_cursor *c)
{
	switch (c->step) {
	case MB_STEP_SHUTDOWN: c->step = MB_STEP_DROP_METADATA; break;
	case MB_STEP_DROP_METADATA: c->step = MB_STEP_REDEFINE; break;
	case MB_STEP_REDEFINE: c->step = MB_STEP_REMOVE_OVERLAY; break;
	case MB_STEP_REMOVE_OVERLAY: c->step = MB_STEP_START; break;
	case MB_STEP_START: c->step = MB_STEP_AGENT; break;
	case MB_STEP_NATIVE_REVERT: c->step = MB_STEP_AGENT; break;
	default: /* agent: the revert is complete */
		if (c->phase == MB_PHASE_MEASURE)
			set(c, MB_PHASE_MEASURE, MB_STEP_INTEGRITY, c->to, 0);
		else
			done(c);
	}
	(void)s;
}

static enum mb_snapio_step first_revert_step(const struct mb_snapio_shape *s)
{
	return s->native ? MB_STEP_NATIVE_REVERT : MB_STEP_SHUTDOWN;
}

void mb_snapio_next(const struct mb_snapio_shape *s, struct mb_snapio_cursor *c)
{
	switch (c->phase) {
	case MB_PHASE_BUILD:
		next_build(s, c);
		return;
	case MB_PHASE_MEASURE:
		if (c->step == MB_STEP_INTEGRITY) {
			c->step = MB_STEP_FIO;
		} else if (c->step == MB_STEP_FIO) {
			if (c->repeat + 1 < repeats(s))
				c->repeat++;
			else if (c->n == 0)
				done(c);
			else
				set(c, MB_PHASE_MEASURE, first_revert_step(s), c->n, c->n - 1);
		} else {
			next_revert(s, c);
		}
		return;
	case MB_PHASE_UNWIND:
		next_revert(s, c);
		return;
	default:
		done(c);
	}
}

void mb_snapio_unwind(const struct mb_snapio_shape *s, unsigned depth, bool leftovers,
		      struct mb_snapio_cursor *c)
{
	if (depth == 0 && !leftovers)
		done(c);
	else
		set(c, MB_PHASE_UNWIND, first_revert_step(s), depth, 0);
}

static void range(struct mb_snapio_expect *e, unsigned dlo, unsigned dhi, unsigned mlo, unsigned mhi)
{
	e->disk_lo = dlo;
	e->disk_hi = dhi;
	e->meta_lo = mlo;
	e->meta_hi = mhi;
}

static void expect_revert(const struct mb_snapio_cursor *c, struct mb_snapio_expect *e)
{
	unsigned d = c->n, t = c->to;

	switch (c->step) {
	case MB_STEP_SHUTDOWN: range(e, d, d, d, d); break;
	case MB_STEP_DROP_METADATA: range(e, d, d, t, d); break;
	case MB_STEP_REDEFINE: range(e, t, d, t, t); break;
	case MB_STEP_NATIVE_REVERT: range(e, t, d, t, d); break;
	default: range(e, t, t, t, t); /* remove-overlay, start, agent */
	}
	/* A shutdown may have been under way; start and agent wait for it. */
	e->needs_running = false;
}

void mb_snapio_expect(const struct mb_snapio_cursor *c, struct mb_snapio_expect *e)
{
	memset(e, 0, sizeof(*e));
	switch (c->phase) {
	case MB_PHASE_BUILD:
		if (c->step == MB_STEP_SNAPSHOT)
			range(e, c->n - 1, c->n, c->n - 1, c->n);
		else
			range(e, c->n, c->n, c->n, c->n);
		e->needs_running = true;
		return;
	case MB_PHASE_MEASURE:
		if (c->step == MB_STEP_INTEGRITY || c->step == MB_STEP_FIO) {
			range(e, c->n, c->n, c->n, c->n);
			e->needs_running = true;
			return;
		}
		expect_revert(c, e);
		return;
	case MB_PHASE_UNWIND:
		expect_revert(c, e);
		return;
	default:
		range(e, 0, 0, 0, 0);
	}
}

static bool revert_step(enum mb_snapio_step st, bool native)
{
	if (st == MB_STEP_AGENT)
		return true;
	if (native)
		return st == MB_STEP_NATIVE_REVERT;
	return st >= MB_STEP_SHUTDOWN && st <= MB_STEP_START;
}

bool mb_snapio_cursor_valid(const struct mb_snapio_shape *s, const struct mb_snapio_cursor *c)
{
	if (c->repeat && (c->step != MB_STEP_FIO || c->repeat >= repeats(s)))
		return false;
	switch (c->phase) {
	case MB_PHASE_BUILD:
		return c->n >= 1 && c->n <= s->layers && c->step <= MB_STEP_MANIFEST &&
		       (c->step != MB_STEP_FILE || c->file < s->files);
	case MB_PHASE_MEASURE:
		if (c->n > s->layers)
			return false;
		if (c->step == MB_STEP_INTEGRITY || c->step == MB_STEP_FIO)
			return true;
		return c->n >= 1 && c->to == c->n - 1 && revert_step(c->step, s->native);
	case MB_PHASE_UNWIND:
		return c->n <= s->layers && c->to == 0 && revert_step(c->step, s->native);
	case MB_PHASE_DONE:
		return c->step == MB_STEP_NONE;
	}
	return false;
}

static const char *revert_label(enum mb_snapio_step st)
{
	switch (st) {
	case MB_STEP_SHUTDOWN: return "shut the guest down";
	case MB_STEP_DROP_METADATA: return "drop snapshot metadata";
	case MB_STEP_REDEFINE: return "point the disk at its backing file";
	case MB_STEP_REMOVE_OVERLAY: return "remove the overlay";
	case MB_STEP_START: return "start the guest";
	case MB_STEP_NATIVE_REVERT: return "revert (libvirt)";
	default: return "wait for the guest agent";
	}
}

void mb_snapio_cursor_label(const struct mb_snapio_shape *s, const struct mb_snapio_cursor *c,
			    char *buf, size_t len)
{
	switch (c->phase) {
	case MB_PHASE_BUILD:
		if (c->step == MB_STEP_FILE)
			snprintf(buf, len, "build layer %u/%u: file %u/%u", c->n, s->layers,
				 c->file + 1, s->files);
		else
			snprintf(buf, len, "build layer %u/%u: %s", c->n, s->layers,
				 mb_snapio_step_name(c->step));
		return;
	case MB_PHASE_MEASURE:
		if (c->step == MB_STEP_FIO && repeats(s) > 1) {
			snprintf(buf, len, "measure depth %u: fio %u/%u", c->n, c->repeat + 1, repeats(s));
			return;
		}
		if (c->step == MB_STEP_INTEGRITY || c->step == MB_STEP_FIO) {
			snprintf(buf, len, "measure depth %u: %s", c->n, mb_snapio_step_name(c->step));
			return;
		}
		/* fall through */
	case MB_PHASE_UNWIND:
		snprintf(buf, len, "%s %u->%u: %s", c->phase == MB_PHASE_UNWIND ? "unwind" : "revert",
			 c->n, c->to, revert_label(c->step));
		return;
	default:
		snprintf(buf, len, "done");
	}
}
