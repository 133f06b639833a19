/* migbench analyze --ping-log: a saved ping log (iputils, busybox, fping)
 * through the
 * outage analyzer of `migbench probe`, reported with the same text and
 * JSON (src/report_outage.c), plus what only a log has: its line counts,
 * ping's own footer, where the times came from, and the windows in
 * ping's icmp_seq.
 *
 * The file is read here, a line at a time, into analysis/pinglog.c (pure);
 * that turns it into probes in seq order for analysis/outage.c. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "analysis/outage.h"
#include "analysis/pingline.h"
#include "analysis/pinglog.h"
#include "analysis/units.h"
#include "src/analyze/analyze_ping.h"
#include "src/analyze/read_lines.h"
#include "src/common/exitcode.h"
#include "src/common/json.h"
#include "src/common/problem.h"
#include "src/common/outfile.h"
#include "src/probe/report_outage.h"

struct ping_run {
	const struct mb_analyze_ping_opts *o;
	const char *name;        /* the log as messages name it */
	struct mb_pinglog *log;
	struct mb_pinglog_info info;
	int64_t interval_ns;
	enum interval_from { FROM_OPTION, FROM_STAMPS, FROM_FOOTER } interval_from;
	uint64_t interval_pairs; /* FROM_STAMPS: differences the interval is the median of */
	struct mb_outage *outage;
	struct mb_outage_result res;
	json_object *errors;
};

/* One line "migbench: analyze: ..." on stderr. */
#define fail(...) mb_problem(NULL, stderr, "analyze", __VA_ARGS__)
/* A doubt about a file: on stderr and in the JSON's errors. */
#define warn(r, ...) mb_problem((r)->errors, stderr, "analyze", __VA_ARGS__)

static int check_opts(const struct mb_analyze_ping_opts *o)
{
	char late[32], lost[32], err[512];

	if (o->late_after_ns > o->lost_after_ns) {
		mb_format_duration(o->late_after_ns, late, sizeof(late));
		mb_format_duration(o->lost_after_ns, lost, sizeof(lost));
		fail("--late-after %s is longer than --lost-after %s", late, lost);
		return MB_EXIT_USAGE;
	}
	/* Before reading a long log: a result that cannot be written fails now. */
	if (o->json_path && mb_outfile_check(o->json_path, err, sizeof(err))) {
		fail("--json: %s", err);
		return MB_EXIT_ENV;
	}
	return 0;
}

/* ---- reading ---------------------------------------------------------- */

static int ping_line(void *log, const char *line, size_t len)
{
	return mb_pinglog_line(log, line, len) < 0; /* out of memory */
}

/* Line by line into the parser (src/analyze/read_lines.h). */
static int read_lines(struct ping_run *r, FILE *f)
{
	char buf[MB_PINGLINE_MAX + 2];
	int rc = mb_read_lines(f, buf, sizeof(buf), ping_line, r->log);

	if (rc > 0) {
		fail("%s: %s", r->name, strerror(ENOMEM));
		return MB_EXIT_INTERNAL;
	}
	if (rc < 0) {
		fail("%s: %s", r->name, strerror(errno));
		return MB_EXIT_ENV;
	}
	return 0;
}

static int read_log(struct ping_run *r)
{
	bool std = !strcmp(r->o->path, "-");
	FILE *f = std ? stdin : fopen(r->o->path, "r");
	int rc;

	if (!f) {
		fail("%s: %s", r->name, strerror(errno));
		return MB_EXIT_ENV;
	}
	rc = read_lines(r, f);
	if (!std)
		fclose(f);
	if (rc)
		return rc;
	mb_pinglog_info(r->log, &r->info);
	if (r->info.replies == 0 && r->o->format && r->info.other_format) {
		fail("%s: no %s ping replies found (%" PRIu64 " lines of another program's: "
		     "try without --ping-format)", r->name, mb_ping_format_name(r->o->format),
		     r->info.other_format);
		return MB_EXIT_ENV;
	}
	if (r->info.replies == 0) {
		fail("%s: no ping replies found (is it iputils, busybox or fping output?)", r->name);
		return MB_EXIT_ENV;
	}
	return 0;
}

static const char *dur(char *buf, size_t len, int64_t ns)
{
	mb_format_duration(ns, buf, len);
	return buf;
}

/* The interval the log shows: the median step of its -D stamps, else the
 * footer's mean (time / (transmitted - 1)).  Returns false if neither. */
static bool measure_interval(struct ping_run *r)
{
	if (!mb_pinglog_infer_interval(r->log, &r->interval_ns, &r->interval_pairs)) {
		r->interval_from = FROM_STAMPS;
		return true;
	}
	if (!mb_pinglog_footer_interval(r->log, &r->interval_ns)) {
		r->interval_from = FROM_FOOTER;
		return true;
	}
	return false;
}

/* The measured interval, else --interval: ping keeps its -i only roughly
 * (-i 0.01 sends every 15.5 ms on a busy host), and lost x interval is
 * only as good as the interval.  A measured one more than 10% off
 * --interval is said. */
static int choose_interval(struct ping_run *r)
{
	int64_t given = r->o->interval_ns, d;
	char a[32], b[32];

	if (!measure_interval(r)) {
		r->interval_ns = given;
		r->interval_from = FROM_OPTION;
		if (given)
			return 0;
		fail("%s: no -D timestamps or footer time to measure the interval from: give "
		     "--interval (ping's default is 1s)", r->name);
		return MB_EXIT_USAGE;
	}
	d = r->interval_ns > given ? r->interval_ns - given : given - r->interval_ns;
	if (given && d * 10 > given)
		warn(r, "%s: --interval %s, but the log shows %s per probe (%s): using %s", r->name,
		     dur(a, sizeof(a), given), dur(b, sizeof(b), r->interval_ns),
		     r->interval_from == FROM_STAMPS ? "its -D timestamps" : "its footer's time and count", b);
	return 0;
}

/* ---- analysis --------------------------------------------------------- */

static int analyze(struct ping_run *r)
{
	struct mb_outage_config cfg = {
		.interval_ns = r->interval_ns,
		.late_after_ns = r->o->late_after_ns,
		.lost_after_ns = r->o->lost_after_ns,
	};
	struct mb_pinglog_cursor c;
	struct mb_probe_sample s;

	r->outage = mb_outage_new(&cfg);
	if (!r->outage) {
		fail("outage analyzer: %s", strerror(ENOMEM));
		return MB_EXIT_INTERNAL;
	}
	mb_pinglog_rewind(r->log, r->interval_ns, &c);
	while (mb_pinglog_next(r->log, &c, &s)) {
		/* The cursor hands out a valid series: a refusal is memory or a bug. */
		if (mb_outage_add(r->outage, &s)) {
			fail("outage analyzer refused probe %" PRIu64 " of %s", s.seq, r->name);
			return MB_EXIT_INTERNAL;
		}
	}
	mb_outage_result(r->outage, &r->res);
	/* Ping prints replies as they arrive: without stamps its print order
	 * is the only arrival order there is, and nominal times would invent
	 * reorderings around an outage where ping fell off its grid. */
	if (!r->info.stamped)
		r->res.reordered = r->info.printed_out_of_order;
	return 0;
}

/* What the log itself says against the series read from it. */
static void check_log(struct ping_run *r)
{
	const struct mb_pinglog_info *i = &r->info;

	if (i->second_run_line)
		warn(r, "%s: a second ping run begins at line %" PRIu64 ": only the first is analyzed",
		     r->name, i->second_run_line);
	if (i->before_first)
		warn(r, "%s: %" PRIu64 " replies to probes before the first one of the log were left out",
		     r->name, i->before_first);
	/* Only a whole log (header and footer; fping numbers from 0 without
	 * a header) counts what ping counted. */
	if ((i->header || (i->format == MB_PING_FPING && i->first_seq == 0)) && i->footer &&
	    (i->transmitted != i->probes || i->received != i->answered))
		warn(r, "%s: ping counted %" PRIu64 " transmitted, %" PRIu64 " received, but the log "
		     "shows %" PRIu64 " probes, %" PRIu64 " answered: lines missing or altered?",
		     r->name, i->transmitted, i->received, i->probes, i->answered);
}

/* ---- report ----------------------------------------------------------- */

static void text_counts(const struct ping_run *r)
{
	const struct mb_pinglog_info *i = &r->info;
	char a[32];

	printf("migbench analyze: ping log %s%s%s\n", r->name, i->target[0] ? ", target " : "",
	       i->target);
	printf("format:      %s (%s)\n", mb_ping_format_name(i->format),
	       r->o->format ? "--ping-format" : "detected");
	printf("ping log:    %" PRIu64 " lines: %" PRIu64 " replies (%" PRIu64 " duplicates), %" PRIu64
	       " errors, %" PRIu64 " %s, %" PRIu64 " ignored", i->lines, i->replies, i->duplicates,
	       i->errors, i->no_answer, i->format == MB_PING_FPING ? "'timed out'" : "'no answer yet'",
	       i->ignored);
	for (size_t k = 0; k < MB_PINGLOG_LINES_KEPT && k < i->ignored; k++)
		printf("%s%" PRIu64, k ? ", " : " (lines ", i->ignored_line[k]);
	printf("%s\n", !i->ignored ? "" : i->ignored > MB_PINGLOG_LINES_KEPT ? ", ...)" : ")");
	if (i->footer)
		printf("ping said:   %" PRIu64 " transmitted, %" PRIu64 " received%s%s\n", i->transmitted,
		       i->received, i->footer_time_ns >= 0 ? ", time " : "",
		       i->footer_time_ns >= 0 ? dur(a, sizeof(a), i->footer_time_ns) : "");
	else
		printf("ping said:   nothing (no statistics footer): probes sent after the last line are unknown\n");
}

static void text_source(const struct ping_run *r)
{
	static const char *const seq[] = {
		[MB_PING_AUTO] = "ping's icmp_seq, unwrapped (65536 follows 65535)",
		[MB_PING_IPUTILS] = "ping's icmp_seq, unwrapped (65536 follows 65535)",
		[MB_PING_BUSYBOX] = "busybox's seq, from 0, unwrapped (65536 follows 65535)",
		[MB_PING_FPING] = "fping's [N], from 0, not wrapped",
	};
	const struct mb_pinglog_info *i = &r->info;
	char a[32], b[32];

	text_counts(r);
	if (r->interval_from == FROM_STAMPS)
		printf("interval:    %s (the median of %" PRIu64 " send-time steps of the -D timestamps)\n",
		       dur(a, sizeof(a), r->interval_ns), r->interval_pairs);
	else if (r->interval_from == FROM_FOOTER)
		printf("interval:    %s (the footer's time / (transmitted - 1): %s / %" PRIu64 ")\n",
		       dur(a, sizeof(a), r->interval_ns), dur(b, sizeof(b), i->footer_time_ns),
		       i->transmitted - 1);
	else
		printf("interval:    %s (--interval)\n", dur(a, sizeof(a), r->interval_ns));
	if (i->stamped)
		printf("times:       from -D: receive as stamped, send = receive - rtt\n");
	else
		printf("times:       nominal (no -D timestamps): send = (seq - %" PRIu64 ") x %s, "
		       "receive = send + rtt\n", i->first_seq, dur(b, sizeof(b), r->interval_ns));
	printf("seq:         %s: probes %" PRIu64 " to %" PRIu64 "\n", seq[i->format], i->first_seq,
	       i->last_seq);
}

/* The windows in the numbers ping printed, to find them in the log. */
static void text_seqs(const struct ping_run *r)
{
	for (size_t k = 0; k < r->res.n_windows; k++) {
		const struct mb_outage_window *w = &r->res.windows[k];

		printf("  window %zu: seq %" PRIu64 "-%" PRIu64, k + 1, w->first_seq, w->last_seq);
		if (w->last_seq > UINT16_MAX)
			printf(" (printed as icmp_seq %u-%u)", (unsigned)(w->first_seq & 0xffff),
			       (unsigned)(w->last_seq & 0xffff));
		putchar('\n');
	}
}

static void print_text(const struct ping_run *r)
{
	text_source(r);
	/* A log has no run around it: its t0 is the first probe. */
	mb_report_outage_text(stdout, &r->res, NULL, r->res.first_sent_ns);
	if (r->res.n_windows)
		printf("windows in ping's numbering:\n");
	text_seqs(r);
	if (!r->info.stamped)
		printf("note:        the response gap comes from nominal times, not from arrivals; "
		       "reordered is ping's print order\n");
	fflush(stdout);
}

static json_object *footer_json(const struct mb_pinglog_info *i)
{
	json_object *f;

	if (!i->footer)
		return NULL;
	f = json_object_new_object();
	mb_json_put_uint(f, "transmitted", i->transmitted);
	mb_json_put_uint(f, "received", i->received);
	mb_json_put_known(f, "time_ns", i->footer_time_ns);
	return f;
}

/* The first few ignored lines' numbers. */
static json_object *ignored_json(const struct mb_pinglog_info *i)
{
	json_object *a = json_object_new_array();

	for (size_t k = 0; k < MB_PINGLOG_LINES_KEPT && k < i->ignored; k++)
		json_object_array_add(a, json_object_new_int64((int64_t)i->ignored_line[k]));
	return a;
}

static json_object *log_json(const struct ping_run *r)
{
	const struct mb_pinglog_info *i = &r->info;
	json_object *o = json_object_new_object();

	if (i->target[0])
		mb_json_put_text(o, "target", i->target, strlen(i->target));
	else
		mb_json_put_str(o, "target", NULL);
	mb_json_put_str(o, "format", mb_ping_format_name(i->format));
	mb_json_put_str(o, "format_from", r->o->format ? "--ping-format" : "detected");
	mb_json_put_uint(o, "lines", i->lines);
	mb_json_put_uint(o, "replies", i->replies);
	mb_json_put_uint(o, "duplicates", i->duplicates);
	mb_json_put_uint(o, "errors", i->errors);
	mb_json_put_uint(o, "no_answer", i->no_answer);
	mb_json_put_uint(o, "ignored", i->ignored);
	json_object_object_add(o, "ignored_lines", ignored_json(i));
	mb_json_put_uint(o, "other_format", i->other_format);
	mb_json_put_uint(o, "other_target", i->other_target);
	mb_json_put_bool(o, "columns", i->columns);
	mb_json_put_uint(o, "before_first", i->before_first);
	mb_json_put_uint(o, "printed_out_of_order", i->printed_out_of_order);
	mb_json_put_uint(o, "lap_later", i->lap_later);
	mb_json_put_bool(o, "header", i->header);
	mb_json_put_bool(o, "timestamps", i->stamped);
	mb_json_put_uint(o, "first_seq", i->first_seq);
	mb_json_put_uint(o, "last_seq", i->last_seq);
	json_object_object_add(o, "footer", footer_json(i));
	return o;
}

static json_object *config_json(const struct ping_run *r)
{
	json_object *c = json_object_new_object();

	mb_json_put_str(c, "source", r->o->path);
	mb_json_put_bool(c, "ping_log", true);
	mb_json_put_int(c, "interval_ns", r->interval_ns);
	mb_json_put_str(c, "interval_from", r->interval_from == FROM_STAMPS ? "-D timestamps"
					   : r->interval_from == FROM_FOOTER ? "footer" : "--interval");
	/* --interval as given (null: none), beside the one used. */
	mb_json_put_known(c, "interval_option_ns", r->o->interval_ns ? r->o->interval_ns : -1);
	mb_json_put_str(c, "ping_format", r->o->format ? mb_ping_format_name(r->o->format) : "auto");
	mb_json_put_int(c, "late_after_ns", r->o->late_after_ns);
	mb_json_put_int(c, "lost_after_ns", r->o->lost_after_ns);
	return c;
}

static json_object *build_json(const struct ping_run *r)
{
	json_object *doc = json_object_new_object(), *m = json_object_new_object();

	mb_json_put_str(m, "version", PACKAGE_VERSION);
	mb_json_put_str(m, "command", "analyze");
	mb_json_put_int(m, "exit_status", MB_EXIT_OK);
	/* What the *_ns times are: -D stamps are wall-clock time. */
	mb_json_put_str(m, "clock", r->info.stamped ? "ping -D timestamps (CLOCK_REALTIME)"
						    : "nominal: (seq - first_seq) x interval");
	/* The origin of every offset: a log's t0 is its first probe. */
	mb_json_put_int(m, "t0_ns", r->res.first_sent_ns);
	json_object_object_add(doc, "migbench", m);
	json_object_object_add(doc, "config", config_json(r));
	json_object_object_add(doc, "ping_log", log_json(r));
	json_object_object_add(doc, "probe", mb_report_outage_json(&r->res, NULL, r->res.first_sent_ns));
	json_object_object_add(doc, "errors", json_object_get(r->errors));
	return doc;
}

static int report(struct ping_run *r)
{
	check_log(r);
	if (!r->o->quiet)
		print_text(r);
	if (!r->o->json_path)
		return 0;
	return mb_outfile_emit_json("analyze", "--json", r->o->json_path, build_json(r));
}

int mb_analyze_ping(const struct mb_analyze_ping_opts *o)
{
	struct ping_run r = { .o = o };
	int rc = check_opts(o);

	if (rc)
		return rc;
	r.name = strcmp(o->path, "-") ? o->path : "standard input";
	r.log = mb_pinglog_new();
	r.errors = json_object_new_array();
	if (r.log && o->format)
		mb_pinglog_force_format(r.log, o->format);
	if (!r.log || !r.errors) {
		fail("%s", strerror(ENOMEM));
		rc = MB_EXIT_INTERNAL;
	}
	if (!rc && !(rc = read_log(&r)) && !(rc = choose_interval(&r)) && !(rc = analyze(&r)))
		rc = report(&r);
	mb_outage_free(r.outage);
	mb_pinglog_free(r.log);
	json_object_put(r.errors);
	return rc;
}
