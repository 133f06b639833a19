/* migbench analyze --nova-log / --nova-migrations (analyze_nova.h).
 *
 * The files are read here a line at a time into analysis/novalog.c and
 * analysis/novamig.c (pure); this file refuses what is not OpenStack's,
 * says which lines were not taken, sets each migration of the log beside
 * its row of the table, and reports.  Every time is printed as written,
 * with its zone as written: nova's default log format has none (local
 * time), nova's API writes UTC without saying so. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "analysis/novalog.h"
#include "analysis/novamig.h"
#include "analysis/novatime.h"
#include "src/analyze/analyze_nova.h"
#include "src/analyze/read_lines.h"
#include "src/common/exitcode.h"
#include "src/common/json.h"
#include "src/common/problem.h"
#include "src/common/outfile.h"

#define LINE_MAX_READ 8192 /* both parsers' limit: MB_NOVALOG_LINE_MAX, MB_NOVAMIG_LINE_MAX */
#define MS_NS INT64_C(1000000)
#define LIST_ZONE "none written (nova's API: UTC)"

struct nova_run {
	const struct mb_analyze_nova_opts *o;
	struct mb_novalog *log;
	struct mb_novalog_info li;
	struct mb_novamig *mig;
	struct mb_novamig_info mi;
	const struct mb_novamig_row **match; /* per log migration: its table row, or NULL */
	json_object *errors;
};

/* One line "migbench: analyze: ..." on stderr. */
#define fail(...) mb_problem(NULL, stderr, "analyze", __VA_ARGS__)
/* A doubt about a file: on stderr and in the JSON's errors. */
#define warn(r, ...) mb_problem((r)->errors, stderr, "analyze", __VA_ARGS__)

static const char *name_of(const char *path)
{
	return strcmp(path, "-") ? path : "standard input";
}

/* ---- reading ---------------------------------------------------------- */

static int log_line(void *p, const char *line, size_t len)
{
	return mb_novalog_line(p, line, len) < 0; /* out of memory */
}

static int mig_line(void *p, const char *line, size_t len)
{
	return mb_novamig_line(p, line, len) < 0;
}

/* Line by line into a parser (src/analyze/read_lines.h). */
static int read_file(const char *path, mb_line_fn *fn, void *parser)
{
	bool std = !strcmp(path, "-");
	FILE *f = std ? stdin : fopen(path, "r");
	char buf[LINE_MAX_READ + 2];
	int rc;

	if (!f) {
		fail("%s: %s", name_of(path), strerror(errno));
		return MB_EXIT_ENV;
	}
	rc = mb_read_lines(f, buf, sizeof(buf), fn, parser);
	if (rc > 0) {
		fail("%s: %s", name_of(path), strerror(ENOMEM));
		rc = MB_EXIT_INTERNAL;
	} else if (rc < 0) {
		fail("%s: %s", name_of(path), strerror(errno));
		rc = MB_EXIT_ENV;
	}
	if (!std)
		fclose(f);
	return rc;
}

/* "10, 20, 21" (and " ..." when there were more) into buf. */
static const char *line_list(const uint64_t *lines, size_t kept, uint64_t count, char *buf, size_t len)
{
	size_t at = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < kept && i < count && at < len; i++)
		at += (size_t)snprintf(buf + at, len - at, "%s%" PRIu64, i ? ", " : "", lines[i]);
	if (count > kept && at < len)
		snprintf(buf + at, len - at, ", ...");
	return buf;
}

/* Lines not taken: one warning a file. */
static void warn_skipped(struct nova_run *r, const char *path, uint64_t malformed,
			 const uint64_t *ml, uint64_t foreign, const uint64_t *fl, size_t kept)
{
	char a[128], b[128];

	if (malformed || foreign)
		warn(r, "%s: %" PRIu64 " malformed line(s) (%s), %" PRIu64 " foreign line(s) (%s): not taken",
		     name_of(path), malformed, malformed ? line_list(ml, kept, malformed, a, sizeof(a)) : "none",
		     foreign, foreign ? line_list(fl, kept, foreign, b, sizeof(b)) : "none");
}

static int read_log(struct nova_run *r)
{
	const char *path = r->o->log_path;
	int rc = read_file(path, log_line, r->log);

	if (rc)
		return rc;
	mb_novalog_info(r->log, &r->li);
	if (r->li.entries == 0) {
		fail("%s: not a nova-compute log (no line of nova's form "
		     "'DATE TIME PID LEVEL LOGGER [REQUEST] [instance: UUID] MESSAGE')", name_of(path));
		return MB_EXIT_ENV;
	}
	warn_skipped(r, path, r->li.malformed, r->li.malformed_line, r->li.foreign,
		     r->li.foreign_line, MB_NOVALOG_LINES_KEPT);
	if (r->li.zoned && r->li.unzoned)
		warn(r, "%s: some times have a zone and some not: times of the two kinds are not compared",
		     name_of(path));
	return 0;
}

static int read_migrations(struct nova_run *r)
{
	const char *path = r->o->migrations_path;
	int rc = read_file(path, mig_line, r->mig);

	if (rc)
		return rc;
	mb_novamig_info(r->mig, &r->mi);
	if (r->mi.headers == 0) {
		fail("%s: not a nova migration table (no '| Id | ... | Status | ... | Created At | "
		     "Updated At |' header of nova migration-list or openstack server migration list)",
		     name_of(path));
		return MB_EXIT_ENV;
	}
	warn_skipped(r, path, r->mi.malformed, r->mi.malformed_line, r->mi.foreign,
		     r->mi.foreign_line, MB_NOVAMIG_LINES_KEPT);
	return 0;
}

/* ---- the log beside the table ----------------------------------------- */

/* The table's row of a log migration: the same instance, Created At at or
 * before the log's start and Updated At (if any) at or after it, the
 * latest such.  Only times of the same kind compare: a log in local time
 * beside the API's UTC finds nothing unless the host's clock is UTC. */
static const struct mb_novamig_row *row_of(const struct mb_novamig *mig,
					   const struct mb_nova_migration *m)
{
	const struct mb_novamig_row *best = NULL;
	int64_t before, after;

	for (size_t i = 0; i < mb_novamig_count(mig); i++) {
		const struct mb_novamig_row *row = mb_novamig_row(mig, i);

		if (strcmp(row->instance, m->instance) ||
		    !mb_novatime_diff(&row->created, &m->start.t, &before) || before < 0)
			continue;
		if (mb_novatime_diff(&m->start.t, &row->updated, &after) && after < 0)
			continue;
		if (!best || row->created.written_ns > best->created.written_ns)
			best = row;
	}
	return best;
}

static int match_rows(struct nova_run *r)
{
	size_t n = r->log ? mb_novalog_count(r->log) : 0;

	if (!n || !r->mig)
		return 0;
	r->match = calloc(n, sizeof(*r->match));
	if (!r->match) {
		fail("%s", strerror(ENOMEM));
		return MB_EXIT_INTERNAL;
	}
	for (size_t i = 0; i < n; i++)
		r->match[i] = row_of(r->mig, mb_novalog_migration(r->log, i));
	return 0;
}

/* ---- text ------------------------------------------------------------- */

/* "18.247 s" (nova writes ms), "unknown" for -1. */
static const char *secs(int64_t ns, char *buf, size_t len)
{
	if (ns < 0)
		return "unknown";
	snprintf(buf, len, "%" PRId64 ".%03" PRId64 " s", ns / (1000 * MS_NS), ns % (1000 * MS_NS) / MS_NS);
	return buf;
}

static void text_time(const char *label, const struct mb_novalog_time *t, const char *extra)
{
	if (!t->t.set)
		return;
	printf("  %-13s%s (line %" PRIu64 "%s%s)\n", label, t->t.text, t->line, extra ? ", " : "",
	       extra ? extra : "");
}

static void text_figure(const char *label, int64_t ns, const char *note)
{
	char b[32];

	printf("  %-24s%s%s\n", label, secs(ns, b, sizeof(b)), ns >= 0 && note ? note : "");
}

static void text_row_beside(const struct mb_novamig_row *row)
{
	char b[32];

	if (!row) {
		printf("  %-24s%s\n", "nova migration-list:", "no row of this instance around its start");
		return;
	}
	printf("  %-24sid %s, %s, %s (Created At to Updated At)\n", "nova migration-list:", row->id,
	       row->status, secs(row->duration_ns, b, sizeof(b)));
}

static void text_migration(const struct nova_run *r, size_t k)
{
	const struct mb_nova_migration *m = mb_novalog_migration(r->log, k);
	struct mb_nova_figures f;
	char from[64];

	mb_nova_migration_figures(m, &f);
	printf("migration %zu: instance %s, %s\n", k + 1, m->instance, mb_nova_outcome_name(m->outcome));
	printf("  %-13s%s%s%s\n", "request:", m->request_id[0] ? m->request_id : "none in the log",
	       m->global_request_id[0] ? ", global " : "", m->global_request_id);
	snprintf(from, sizeof(from), "\"%s\"", mb_nova_start_name(m->start_from));
	if (m->start.t.set)
		text_time("start:", &m->start, from);
	else
		printf("  %-13snot in the log (cut?)\n", "start:");
	if (m->downtime_steps)
		printf("  %-13s%" PRIu64 " step(s), the last to %" PRId64 " ms\n", "downtime:",
		       m->downtime_steps, m->last_downtime_ms);
	if (m->progress_lines)
		printf("  %-13s%" PRIu64 " line(s), the last at %" PRId64 " s: memory %" PRId64
		       "%% remaining\n", "progress:", m->progress_lines, m->last_progress_secs,
		       m->last_memory_remaining_pct);
	text_time("VM Paused:", &m->paused, NULL);
	snprintf(from, sizeof(from), "%s:", mb_nova_outcome_name(m->outcome));
	text_time(from, &m->end, NULL);
	text_time("VM Stopped:", &m->stopped, m->stopped_request_id[0] ? m->stopped_request_id : NULL);
	text_time("finished:", &m->finished, NULL);
	text_figure(m->outcome == MB_NOVA_COMPLETED ? "start to completed:" : "start to end:",
		    f.start_to_end_ns, NULL);
	text_figure("start to VM Stopped:", f.start_to_stopped_ns, "  (the seed's migration time)");
	text_figure("start to finished:", f.start_to_finished_ns, NULL);
	text_figure("VM Paused to end:", f.paused_to_end_ns, NULL);
	if (r->mig)
		text_row_beside(r->match[k]);
}

static void text_log(const struct nova_run *r)
{
	const struct mb_novalog_info *i = &r->li;
	char a[128], b[128];

	printf("migbench analyze: nova-compute log %s\n", name_of(r->o->log_path));
	printf("nova log:    %" PRIu64 " lines: %" PRIu64 " nova entries, %" PRIu64 " taken into %zu "
	       "migration(s), %" PRIu64 " lifecycle/end line(s) of no migration; %" PRIu64
	       " malformed (%s), %" PRIu64 " foreign (%s), %" PRIu64 " blank\n", i->lines, i->entries,
	       i->events, mb_novalog_count(r->log), i->unattached, i->malformed,
	       i->malformed ? line_list(i->malformed_line, MB_NOVALOG_LINES_KEPT, i->malformed, a, sizeof(a)) : "none",
	       i->foreign, i->foreign ? line_list(i->foreign_line, MB_NOVALOG_LINES_KEPT, i->foreign, b, sizeof(b)) : "none",
	       i->blank);
	printf("times:       %s\n", i->zoned && !i->unzoned ? "with their offsets as written, compared in UTC"
			    : i->zoned ? "some with an offset, some local as written: not compared across"
				       : "local, as written (nova's log format writes no zone)");
	for (size_t k = 0; k < mb_novalog_count(r->log); k++)
		text_migration(r, k);
}

static void text_table(const struct nova_run *r)
{
	const struct mb_novamig_info *i = &r->mi;
	char a[128], b[128], d[32];

	printf("migbench analyze: nova migration table %s\n", name_of(r->o->migrations_path));
	printf("table:       %" PRIu64 " lines: %" PRIu64 " header(s), %" PRIu64 " row(s), %" PRIu64
	       " malformed (%s), %" PRIu64 " foreign (%s)\n", i->lines, i->headers, i->rows, i->malformed,
	       i->malformed ? line_list(i->malformed_line, MB_NOVAMIG_LINES_KEPT, i->malformed, a, sizeof(a)) : "none",
	       i->foreign, i->foreign ? line_list(i->foreign_line, MB_NOVAMIG_LINES_KEPT, i->foreign, b, sizeof(b)) : "none");
	printf("times:       as written, %s\n", LIST_ZONE);
	for (size_t k = 0; k < mb_novamig_count(r->mig); k++) {
		const struct mb_novamig_row *row = mb_novamig_row(r->mig, k);

		printf("  id %s: %s %s, %s -> %s, instance %s, %s to %s: %s\n", row->id,
		       row->type[0] ? row->type : "migration", row->status, row->source_node[0] ?
		       row->source_node : "?", row->dest_node[0] ? row->dest_node : "?", row->instance,
		       row->created.set ? row->created.text : "None",
		       row->updated.set ? row->updated.text : "None", secs(row->duration_ns, d, sizeof(d)));
	}
}

static void print_text(const struct nova_run *r)
{
	if (r->log)
		text_log(r);
	if (r->mig)
		text_table(r);
	fflush(stdout);
}

/* ---- JSON ------------------------------------------------------------- */

static void put_text(json_object *o, const char *key, const char *s)
{
	if (s[0])
		mb_json_put_text(o, key, s, strlen(s));
	else
		mb_json_put_str(o, key, NULL);
}

/* {"as_written", "zone", "utc_ns" (with an offset only), "line"}, or null. */
static json_object *time_json(const struct mb_novatime *t, uint64_t line, const char *zone)
{
	json_object *o;
	char buf[16];
	int64_t utc;

	if (!t->set)
		return NULL;
	o = json_object_new_object();
	mb_json_put_text(o, "as_written", t->text, strlen(t->text));
	mb_json_put_str(o, "zone", t->zoned || !zone ? mb_novatime_zone(t, buf, sizeof(buf)) : zone);
	mb_json_put_known(o, "utc_ns", mb_novatime_utc(t, &utc) ? utc : -1);
	if (line)
		mb_json_put_uint(o, "line", line);
	return o;
}

static void add_time(json_object *o, const char *key, const struct mb_novalog_time *t)
{
	json_object_object_add(o, key, time_json(&t->t, t->line, NULL));
}

static json_object *lines_json(const uint64_t *lines, size_t kept, uint64_t count)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < kept && i < count; i++)
		json_object_array_add(a, json_object_new_int64((int64_t)lines[i]));
	return a;
}

static json_object *figures_json(const struct mb_nova_migration *m)
{
	json_object *o = json_object_new_object();
	struct mb_nova_figures f;

	mb_nova_migration_figures(m, &f);
	mb_json_put_known(o, "start_to_end_ns", f.start_to_end_ns);
	mb_json_put_known(o, "start_to_stopped_ns", f.start_to_stopped_ns);
	mb_json_put_known(o, "start_to_finished_ns", f.start_to_finished_ns);
	mb_json_put_known(o, "paused_to_end_ns", f.paused_to_end_ns);
	return o;
}

static json_object *migration_json(const struct nova_run *r, size_t k)
{
	const struct mb_nova_migration *m = mb_novalog_migration(r->log, k);
	json_object *o = json_object_new_object();

	put_text(o, "instance", m->instance);
	put_text(o, "request_id", m->request_id);
	put_text(o, "global_request_id", m->global_request_id);
	mb_json_put_str(o, "outcome", mb_nova_outcome_name(m->outcome));
	mb_json_put_str(o, "start_from", m->start.t.set ? mb_nova_start_name(m->start_from) : NULL);
	add_time(o, "start", &m->start);
	add_time(o, "first_downtime_step", &m->first_downtime);
	add_time(o, "last_progress", &m->last_progress);
	add_time(o, "paused", &m->paused);
	add_time(o, "end", &m->end);
	add_time(o, "stopped", &m->stopped);
	put_text(o, "stopped_request_id", m->stopped_request_id);
	add_time(o, "finished", &m->finished);
	mb_json_put_uint(o, "downtime_steps", m->downtime_steps);
	mb_json_put_known(o, "last_downtime_ms", m->last_downtime_ms);
	mb_json_put_uint(o, "progress_lines", m->progress_lines);
	mb_json_put_known(o, "last_progress_secs", m->last_progress_secs);
	mb_json_put_known(o, "last_memory_remaining_pct", m->last_memory_remaining_pct);
	json_object_object_add(o, "figures", figures_json(m));
	if (r->mig)
		put_text(o, "migration_list_id", r->match[k] ? r->match[k]->id : "");
	return o;
}

static json_object *log_json(const struct nova_run *r)
{
	const struct mb_novalog_info *i = &r->li;
	json_object *o = json_object_new_object(), *a = json_object_new_array();

	mb_json_put_str(o, "source", r->o->log_path);
	mb_json_put_uint(o, "lines", i->lines);
	mb_json_put_uint(o, "blank", i->blank);
	mb_json_put_uint(o, "entries", i->entries);
	mb_json_put_uint(o, "events", i->events);
	mb_json_put_uint(o, "unattached", i->unattached);
	mb_json_put_uint(o, "malformed", i->malformed);
	json_object_object_add(o, "malformed_lines", lines_json(i->malformed_line, MB_NOVALOG_LINES_KEPT, i->malformed));
	mb_json_put_uint(o, "foreign", i->foreign);
	json_object_object_add(o, "foreign_lines", lines_json(i->foreign_line, MB_NOVALOG_LINES_KEPT, i->foreign));
	mb_json_put_str(o, "time_zone", i->zoned && !i->unzoned ? "offsets as written"
					: i->zoned ? "mixed" : "local, as written");
	for (size_t k = 0; k < mb_novalog_count(r->log); k++)
		json_object_array_add(a, migration_json(r, k));
	json_object_object_add(o, "migrations", a);
	return o;
}

static json_object *row_json(const struct mb_novamig_row *row)
{
	json_object *o = json_object_new_object();

	put_text(o, "id", row->id);
	put_text(o, "uuid", row->uuid);
	put_text(o, "source_node", row->source_node);
	put_text(o, "dest_node", row->dest_node);
	put_text(o, "source_compute", row->source_compute);
	put_text(o, "dest_compute", row->dest_compute);
	put_text(o, "status", row->status);
	put_text(o, "instance", row->instance);
	put_text(o, "type", row->type);
	json_object_object_add(o, "created", time_json(&row->created, 0, LIST_ZONE));
	json_object_object_add(o, "updated", time_json(&row->updated, 0, LIST_ZONE));
	mb_json_put_known(o, "duration_ns", row->duration_ns);
	mb_json_put_uint(o, "line", row->line);
	return o;
}

static json_object *table_json(const struct nova_run *r)
{
	const struct mb_novamig_info *i = &r->mi;
	json_object *o = json_object_new_object(), *a = json_object_new_array();

	mb_json_put_str(o, "source", r->o->migrations_path);
	mb_json_put_uint(o, "lines", i->lines);
	mb_json_put_uint(o, "headers", i->headers);
	mb_json_put_uint(o, "rows", i->rows);
	mb_json_put_uint(o, "malformed", i->malformed);
	json_object_object_add(o, "malformed_lines", lines_json(i->malformed_line, MB_NOVAMIG_LINES_KEPT, i->malformed));
	mb_json_put_uint(o, "foreign", i->foreign);
	json_object_object_add(o, "foreign_lines", lines_json(i->foreign_line, MB_NOVAMIG_LINES_KEPT, i->foreign));
	mb_json_put_str(o, "time_zone", LIST_ZONE);
	for (size_t k = 0; k < mb_novamig_count(r->mig); k++)
		json_object_array_add(a, row_json(mb_novamig_row(r->mig, k)));
	json_object_object_add(o, "migrations", a);
	return o;
}

static json_object *build_json(const struct nova_run *r)
{
	json_object *doc = json_object_new_object(), *m = json_object_new_object();
	json_object *c = json_object_new_object(), *n = json_object_new_object();

	mb_json_put_str(m, "version", PACKAGE_VERSION);
	mb_json_put_str(m, "command", "analyze");
	mb_json_put_int(m, "exit_status", MB_EXIT_OK);
	/* No clock of migbench's: OpenStack's times, each with its zone. */
	mb_json_put_str(m, "clock", "as written by OpenStack");
	json_object_object_add(doc, "migbench", m);
	mb_json_put_str(c, "nova_log", r->o->log_path);
	mb_json_put_str(c, "nova_migrations", r->o->migrations_path);
	json_object_object_add(doc, "config", c);
	json_object_object_add(n, "log", r->log ? log_json(r) : NULL);
	json_object_object_add(n, "migration_list", r->mig ? table_json(r) : NULL);
	json_object_object_add(doc, "nova", n);
	json_object_object_add(doc, "errors", json_object_get(r->errors));
	return doc;
}

/* ---- the command ------------------------------------------------------ */

static int report(struct nova_run *r)
{
	if (!r->o->quiet)
		print_text(r);
	if (!r->o->json_path)
		return 0;
	return mb_outfile_emit_json("analyze", "--json", r->o->json_path, build_json(r));
}

static int setup(struct nova_run *r)
{
	char err[512];

	/* Before reading: a result that cannot be written fails now. */
	if (r->o->json_path && mb_outfile_check(r->o->json_path, err, sizeof(err))) {
		fail("--json: %s", err);
		return MB_EXIT_ENV;
	}
	r->errors = json_object_new_array();
	if (r->o->log_path)
		r->log = mb_novalog_new();
	if (r->o->migrations_path)
		r->mig = mb_novamig_new();
	if (!r->errors || (r->o->log_path && !r->log) || (r->o->migrations_path && !r->mig)) {
		fail("%s", strerror(ENOMEM));
		return MB_EXIT_INTERNAL;
	}
	return 0;
}

int mb_analyze_nova(const struct mb_analyze_nova_opts *o)
{
	struct nova_run r = { .o = o };
	int rc = setup(&r);

	if (!rc && r.log)
		rc = read_log(&r);
	if (!rc && r.mig)
		rc = read_migrations(&r);
	if (!rc)
		rc = match_rows(&r);
	if (!rc)
		rc = report(&r);
	free(r.match);
	mb_novalog_free(r.log);
	mb_novamig_free(r.mig);
	json_object_put(r.errors);
	return rc;
}
