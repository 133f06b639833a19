/* nova-compute's log -> its live migrations (novalog.h).
 *
 * A line is cut into its fields first (struct entry), then its message
 * matched against the few nova writes about a live migration; the
 * migrations are an array in order of their first line, searched from the
 * end for an instance's latest (a log holds few). */
#include "analysis/novalog.h"
#include "analysis/scan.h"

#include <stdlib.h>
#include <string.h>

struct entry {
	struct mb_novatime t;
	char req[MB_NOVALOG_ID], greq[MB_NOVALOG_ID];
	char inst[MB_NOVALOG_ID];
	const char *msg;
	size_t msg_len;
};

struct mb_novalog {
	struct mb_novalog_info info;
	struct mb_nova_migration *m;
	size_t n, cap;
};

struct mb_novalog *mb_novalog_new(void)
{
	return calloc(1, sizeof(struct mb_novalog));
}

void mb_novalog_free(struct mb_novalog *p)
{
	if (!p)
		return;
	free(p->m);
	free(p);
}

/* ---- fields ----------------------------------------------------------- */


/* A run of characters none of which is a blank (or ']' when in_brackets). */
static size_t token(struct mb_scan *s, bool in_brackets)
{
	const char *t = s->p;

	while (s->p < s->end && *s->p != ' ' && !(in_brackets && *s->p == ']'))
		s->p++;
	return (size_t)(s->p - t);
}

static void copy(char *dst, size_t cap, const char *src, size_t n)
{
	n = n < cap - 1 ? n : cap - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static bool is_req(const char *t, size_t n)
{
	return n > 4 && memcmp(t, "req-", 4) == 0;
}

/* "[req-X user project ...]", "[None req-X ...]", "[req-G req-X ...]", "[-]". */
static bool context(struct mb_scan *s, struct entry *e)
{
	const char *t0, *t1 = NULL;
	size_t n0, n1 = 0;

	if (!mb_scan_eat(s, "[") || s->p == s->end)
		return false;
	t0 = s->p;
	n0 = token(s, true);
	if (mb_scan_eat(s, " ")) {
		t1 = s->p;
		n1 = token(s, true);
	}
	while (s->p < s->end && *s->p != ']')
		s->p++;
	if (!mb_scan_eat(s, "]"))
		return false;
	if (is_req(t0, n0) && t1 && is_req(t1, n1)) {
		copy(e->greq, sizeof(e->greq), t0, n0);
		copy(e->req, sizeof(e->req), t1, n1);
	} else if (n0 == 4 && !memcmp(t0, "None", 4) && t1 && is_req(t1, n1)) {
		copy(e->req, sizeof(e->req), t1, n1);
	} else if (is_req(t0, n0)) {
		copy(e->req, sizeof(e->req), t0, n0);
	}
	return true;
}

static bool instance(struct mb_scan *s, struct entry *e)
{
	const char *t;

	if (!mb_scan_eat(s, "[instance: "))
		return false;
	t = s->p;
	while (s->p < s->end && *s->p != ']' && *s->p != ' ')
		s->p++;
	if (s->p == t || !mb_scan_eat(s, "]"))
		return false;
	copy(e->inst, sizeof(e->inst), t, (size_t)(s->p - t - 1));
	return true;
}

static bool level(const char *t, size_t n)
{
	static const char *const names[] = { "TRACE", "DEBUG", "INFO", "AUDIT", "WARNING",
					     "ERROR", "CRITICAL" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == n && !memcmp(names[i], t, n))
			return true;
	return false;
}

/* After the time: " PID LEVEL LOGGER[ [context]][ [instance: U]] MESSAGE". */
static bool fields(struct mb_scan s, struct entry *e)
{
	const char *t;
	size_t n;

	if (!mb_scan_eat(&s, " ") || s.p == s.end || *s.p < '0' || *s.p > '9')
		return false;
	for (; s.p < s.end && *s.p >= '0' && *s.p <= '9'; s.p++)
		;
	if (!mb_scan_eat(&s, " "))
		return false;
	t = s.p;
	n = token(&s, false);
	if (!level(t, n) || !mb_scan_eat(&s, " ") || token(&s, false) == 0)
		return false;
	if (mb_scan_eat(&s, " ") && s.p < s.end && *s.p == '[' &&
	    !((size_t)(s.end - s.p) >= 11 && !memcmp(s.p, "[instance: ", 11)) && !context(&s, e))
		return false;
	if (s.p < s.end && *s.p == ' ')
		s.p++;
	if (s.p < s.end && *s.p == '[' && instance(&s, e))
		mb_scan_eat(&s, " ");
	e->msg = s.p;
	e->msg_len = (size_t)(s.end - s.p);
	return true;
}

/* 1: an entry; 0: foreign; -1: malformed (dated, but not nova's form). */
static int parse_entry(const char *line, size_t len, struct entry *e)
{
	size_t n;

	memset(e, 0, sizeof(*e));
	n = mb_novatime_parse(line, len, &e->t);
	if (n && fields((struct mb_scan){ line + n, line + len }, e))
		return 1;
	/* "2018-" begins a nova line and nothing else in such a file. */
	if (len >= 5 && line[4] == '-' && line[0] >= '0' && line[0] <= '9' && line[1] >= '0' &&
	    line[1] <= '9' && line[2] >= '0' && line[2] <= '9' && line[3] >= '0' && line[3] <= '9')
		return -1;
	return 0;
}

/* ---- messages --------------------------------------------------------- */

enum event {
	EV_NONE, EV_MONITOR, EV_MIGRATE_API, EV_DOWNTIME, EV_PROGRESS,
	EV_COMPLETED, EV_ABORTED, EV_CANCELLED, EV_FAILED,
	EV_PAUSED, EV_STOPPED, EV_FINISHED,
	EV_BAD, /* a taken message with numbers that do not read */
};



/* "Increasing downtime to D ms after S sec elapsed time" */
static enum event downtime(struct mb_scan s, struct mb_nova_migration *v)
{
	int64_t after;

	if (!mb_scan_eat(&s, "Increasing downtime to "))
		return EV_NONE;
	if (!mb_scan_i64(&s, &v->last_downtime_ms) || !mb_scan_eat(&s, " ms after ") || !mb_scan_i64(&s, &after) ||
	    !mb_scan_eat(&s, " sec elapsed time"))
		return EV_BAD;
	return EV_DOWNTIME;
}

/* "Migration running for S secs, memory P% remaining..." */
static enum event progress(struct mb_scan s, struct mb_nova_migration *v)
{
	if (!mb_scan_eat(&s, "Migration running for "))
		return EV_NONE;
	if (!mb_scan_i64(&s, &v->last_progress_secs) || !mb_scan_eat(&s, " secs, memory ") ||
	    !mb_scan_i64(&s, &v->last_memory_remaining_pct) || !mb_scan_eat(&s, "% remaining") ||
	    v->last_memory_remaining_pct > 100)
		return EV_BAD;
	return EV_PROGRESS;
}

/* The message's event; the numbers of a downtime or progress line in *v. */
static enum event classify(const struct entry *e, struct mb_nova_migration *v)
{
	static const struct {
		const char *lit;
		enum event ev;
	} fixed[] = {
		{ "Starting monitoring of live migration", EV_MONITOR },
		{ "About to invoke the migrate API", EV_MIGRATE_API },
		{ "Migration operation has completed", EV_COMPLETED },
		{ "Migration operation has aborted", EV_ABORTED },
		{ "Migration operation was cancelled", EV_CANCELLED },
		{ "Live Migration failure:", EV_FAILED },
		{ "VM Paused (Lifecycle Event)", EV_PAUSED },
		{ "VM Stopped (Lifecycle Event)", EV_STOPPED },
	};
	struct mb_scan s = { e->msg, e->msg + e->msg_len };
	enum event ev;

	if (!e->inst[0])
		return EV_NONE;
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (mb_scan_starts(&s, fixed[i].lit))
			return fixed[i].ev;
	if ((ev = downtime(s, v)) != EV_NONE || (ev = progress(s, v)) != EV_NONE)
		return ev;
	if (mb_scan_starts(&s, "Migrating instance to ") && e->msg_len > 22 &&
	    memmem(s.p, e->msg_len, " finished successfully", 22))
		return EV_FINISHED;
	return EV_NONE;
}

/* ---- migrations ------------------------------------------------------- */

static struct mb_nova_migration *latest(struct mb_novalog *p, const char *inst)
{
	for (size_t i = p->n; i-- > 0;)
		if (!strcmp(p->m[i].instance, inst))
			return &p->m[i];
	return NULL;
}

static struct mb_nova_migration *begin(struct mb_novalog *p, const struct entry *e)
{
	struct mb_nova_migration *m;

	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 16;
		void *v = realloc(p->m, cap * sizeof(*p->m));

		if (!v)
			return NULL;
		p->m = v;
		p->cap = cap;
	}
	m = &p->m[p->n++];
	memset(m, 0, sizeof(*m));
	strcpy(m->instance, e->inst);
	strcpy(m->request_id, e->req);
	strcpy(m->global_request_id, e->greq);
	m->last_downtime_ms = m->last_progress_secs = m->last_memory_remaining_pct = -1;
	return m;
}

static void stamp(struct mb_novalog_time *to, const struct entry *e, uint64_t line)
{
	to->t = e->t;
	to->line = line;
}

static bool is_start(enum event ev)
{
	return ev == EV_MONITOR || ev == EV_MIGRATE_API || ev == EV_DOWNTIME || ev == EV_PROGRESS;
}

/* A start line's migration: the instance's open one of the same request,
 * or a new one. */
static struct mb_nova_migration *for_start(struct mb_novalog *p, const struct entry *e)
{
	struct mb_nova_migration *m = latest(p, e->inst);

	if (!m || m->outcome != MB_NOVA_UNFINISHED ||
	    (m->request_id[0] && e->req[0] && strcmp(m->request_id, e->req)))
		return begin(p, e);
	if (!m->request_id[0]) {
		strcpy(m->request_id, e->req);
		strcpy(m->global_request_id, e->greq);
	}
	return m;
}

static void take_start(struct mb_nova_migration *m, enum event ev, const struct entry *e,
		       const struct mb_nova_migration *v, uint64_t line)
{
	static const enum mb_nova_start from[] = {
		[EV_MONITOR] = MB_NOVA_START_MONITOR, [EV_MIGRATE_API] = MB_NOVA_START_MIGRATE_API,
		[EV_DOWNTIME] = MB_NOVA_START_DOWNTIME, [EV_PROGRESS] = MB_NOVA_START_PROGRESS,
	};

	if (!m->start.t.set) {
		stamp(&m->start, e, line);
		m->start_from = from[ev];
	}
	if (ev == EV_DOWNTIME) {
		if (!m->downtime_steps++)
			stamp(&m->first_downtime, e, line);
		m->last_downtime_ms = v->last_downtime_ms;
	} else if (ev == EV_PROGRESS) {
		m->progress_lines++;
		stamp(&m->last_progress, e, line);
		m->last_progress_secs = v->last_progress_secs;
		m->last_memory_remaining_pct = v->last_memory_remaining_pct;
	}
}

static void take_end(struct mb_nova_migration *m, enum event ev, const struct entry *e, uint64_t line)
{
	static const enum mb_nova_outcome outcome[] = {
		[EV_COMPLETED] = MB_NOVA_COMPLETED, [EV_ABORTED] = MB_NOVA_ABORTED,
		[EV_CANCELLED] = MB_NOVA_CANCELLED, [EV_FAILED] = MB_NOVA_FAILED,
	};

	m->outcome = outcome[ev];
	stamp(&m->end, e, line);
}

/* Paused, stopped, finished: to the instance's latest migration, once.
 * Returns false when there is none to take it. */
static bool take_after(struct mb_nova_migration *m, enum event ev, const struct entry *e, uint64_t line)
{
	struct mb_novalog_time *to = ev == EV_PAUSED ? &m->paused : ev == EV_STOPPED ? &m->stopped
										: &m->finished;

	/* A pause after the end belongs to something else (a later operation). */
	if (to->t.set || (ev == EV_PAUSED && m->outcome != MB_NOVA_UNFINISHED))
		return false;
	stamp(to, e, line);
	if (ev == EV_STOPPED)
		strcpy(m->stopped_request_id, e->req);
	return true;
}

static bool same_request(const struct mb_nova_migration *m, const struct entry *e)
{
	return !e->req[0] || !strcmp(m->request_id, e->req);
}

static int take_event(struct mb_novalog *p, enum event ev, const struct entry *e,
		      const struct mb_nova_migration *v, uint64_t line)
{
	struct mb_nova_migration *m;

	if (is_start(ev)) {
		if (!(m = for_start(p, e)))
			return -1;
		take_start(m, ev, e, v, line);
	} else if (ev >= EV_COMPLETED && ev <= EV_FAILED) {
		m = latest(p, e->inst);
		/* "Live Migration failure" is followed by "has aborted": one
		 * end, the first. */
		if (m && m->outcome != MB_NOVA_UNFINISHED && same_request(m, e)) {
			p->info.events++;
			return 0;
		}
		if ((!m || m->outcome != MB_NOVA_UNFINISHED) && !(m = begin(p, e)))
			return -1;
		take_end(m, ev, e, line);
	} else {
		m = latest(p, e->inst);
		if (!m || !take_after(m, ev, e, line)) {
			p->info.unattached++;
			return 0;
		}
	}
	p->info.events++;
	return 0;
}

static void keep(uint64_t *lines, uint64_t count, uint64_t line)
{
	if (count <= MB_NOVALOG_LINES_KEPT)
		lines[count - 1] = line;
}

static bool blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return false;
	return true;
}

int mb_novalog_line(struct mb_novalog *p, const char *line, size_t len)
{
	struct mb_novalog_info *i = &p->info;
	struct mb_nova_migration v;
	struct entry e;
	uint64_t no = ++i->lines;
	enum event ev;
	int rc;

	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' '))
		len--;
	if (blank(line, len)) {
		i->blank++;
		return 0;
	}
	rc = len > MB_NOVALOG_LINE_MAX ? 0 : parse_entry(line, len, &e);
	ev = rc > 0 ? classify(&e, &v) : EV_NONE;
	if (rc < 0 || ev == EV_BAD) {
		keep(i->malformed_line, ++i->malformed, no);
		return 0;
	}
	if (rc == 0) {
		keep(i->foreign_line, ++i->foreign, no);
		return 0;
	}
	i->entries++;
	i->zoned += e.t.zoned;
	i->unzoned += !e.t.zoned;
	return ev == EV_NONE ? 0 : take_event(p, ev, &e, &v, no);
}

void mb_novalog_info(const struct mb_novalog *p, struct mb_novalog_info *out)
{
	*out = p->info;
}

size_t mb_novalog_count(const struct mb_novalog *p)
{
	return p->n;
}

const struct mb_nova_migration *mb_novalog_migration(const struct mb_novalog *p, size_t i)
{
	return i < p->n ? &p->m[i] : NULL;
}

static int64_t between(const struct mb_novalog_time *a, const struct mb_novalog_time *b)
{
	int64_t ns;

	/* Times out of order are no duration: unknown. */
	return mb_novatime_diff(&a->t, &b->t, &ns) && ns >= 0 ? ns : -1;
}

void mb_nova_migration_figures(const struct mb_nova_migration *m, struct mb_nova_figures *f)
{
	f->start_to_end_ns = between(&m->start, &m->end);
	f->start_to_stopped_ns = between(&m->start, &m->stopped);
	f->start_to_finished_ns = between(&m->start, &m->finished);
	f->paused_to_end_ns = between(&m->paused, &m->end);
}

const char *mb_nova_outcome_name(enum mb_nova_outcome o)
{
	switch (o) {
	case MB_NOVA_COMPLETED: return "completed";
	case MB_NOVA_ABORTED: return "aborted";
	case MB_NOVA_CANCELLED: return "cancelled";
	case MB_NOVA_FAILED: return "failed";
	case MB_NOVA_UNFINISHED: break;
	}
	return "unfinished";
}

const char *mb_nova_start_name(enum mb_nova_start s)
{
	switch (s) {
	case MB_NOVA_START_MONITOR: return "Starting monitoring of live migration";
	case MB_NOVA_START_MIGRATE_API: return "About to invoke the migrate API";
	case MB_NOVA_START_DOWNTIME: return "Increasing downtime";
	case MB_NOVA_START_PROGRESS: return "Migration running for";
	case MB_NOVA_START_NONE: break;
	}
	return "not in the log";
}
