/* migbench probe: measure reachability of a target with the ICMP prober
 * alone, no migration.  The same prober, analyzer and report code as
 * `migbench run`, so a probe run is how the downtime measurement itself is
 * checked (tests/e2e/probe-accuracy.test).
 *
 * Threads: the prober's thread only pushes samples into a queue; this
 * (main) thread sleeps, drains the queue into the analyzer and the CSV
 * stream, and takes the signals (src/probe_pipeline.h). */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <netdb.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <json-c/json.h>

#include "analysis/outage.h"
#include "analysis/units.h"
#include "probes/clock.h"
#include "probes/icmp.h"
#include "src/common/app_pipeline.h"
#include "src/common/cli.h"
#include "src/common/problem.h"
#include "src/common/report_app.h"
#include "src/commands.h"
#include "src/common/exitcode.h"
#include "src/common/json.h"
#include "src/common/outfile.h"
#include "src/common/privs.h"
#include "src/probe/probe_pipeline.h"
#include "src/probe/report_outage.h"
#include "src/common/signals.h"

#define CMD "probe" /* in refusals of an option value */
#define DRAIN_PERIOD_NS 20000000LL /* main thread wakes every 20 ms */

struct probe_opts {
	const char *target_arg;
	int family;              /* AF_INET or AF_INET6 */
	struct in_addr target;
	struct in6_addr target6;
	int64_t duration_ns, interval_ns, late_after_ns, lost_after_ns;
	const char *json_path, *out_dir;
	bool quiet;
	enum mb_icmp_socket socket_kind;
	int rt_priority;
	bool no_cpu_latency;
	bool app;            /* --app: the application probe beside the prober */
	const char *app_url; /* NULL: http://TARGET/; "tcp": tcp://TARGET:7 */
	double app_rate;
	uint64_t app_conns;
	int64_t app_timeout_ns;
};

struct probe_run {
	struct probe_opts o;
	struct mb_probe_pipeline probe;
	struct mb_app_pipeline app;
	bool app_on;
	char csv_path[4096], json_path[4096], app_csv_path[4096];
	bool interrupted;
	int64_t t0_ns, t0_realtime_ns; /* the run's origin: its start */
	struct json_object *errors;    /* the document's errors, as they happen */
};

/* ---- command line ----------------------------------------------------- */

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: migbench probe --target ADDR [OPTIONS]\n"
		"Measure outages of ADDR with a high-rate ICMP echo series.\n\n"
		"  --target ADDR      IPv4 or IPv6 address or host name (required)\n"
		"  --duration D       how long to probe (default 10s)\n"
		"  --interval D       time between probes, >= 50us (default 1ms)\n"
		"  --late-after D     answered later than this: late (default 100ms)\n"
		"  --lost-after D     unanswered this long: lost (default 1s)\n"
		"  --json FILE        write the results as JSON to FILE\n"
		"  --out DIR          write DIR/probe.json and DIR/probes.csv\n"
		"  --socket KIND      auto (default), raw or dgram\n"
		"  --rt-priority N    SCHED_FIFO priority of the prober thread, with the\n"
		"                     CPUs' wake-up latency held at 0; 0 for neither (default 10)\n"
		"  --no-cpu-latency   SCHED_FIFO without holding the CPUs' wake-up latency\n"
		"  --app[=URL]        application probe beside the prober: http://HOST[:PORT]/PATH\n"
		"                     or tcp://HOST:PORT (default http://ADDR/; 'tcp': tcp://ADDR:7)\n"
		"  --app-rate R       its requests per second, open loop (default 200)\n"
		"  --app-conns N      its connections (default 4)\n"
		"  --app-timeout D    a request unanswered D after it was due fails (default 2s)\n"
		"  --quiet            no text summary\n"
		"  --help             this text\n"
		"Durations: 10s, 250ms, 100us, 2m.  See migbench-probe(1).\n");
}

static int parse_socket_kind(const char *value, enum mb_icmp_socket *kind)
{
	if (!strcmp(value, "auto"))
		*kind = MB_ICMP_SOCK_AUTO;
	else if (!strcmp(value, "raw"))
		*kind = MB_ICMP_SOCK_RAW;
	else if (!strcmp(value, "dgram"))
		*kind = MB_ICMP_SOCK_DGRAM;
	else
		return mb_cli_refuse_value(CMD, "socket", value, "not one of auto, raw, dgram");
	return 0;
}

enum { OPT_TARGET, OPT_DURATION, OPT_INTERVAL, OPT_LATE, OPT_LOST, OPT_JSON, OPT_OUT,
       OPT_SOCKET, OPT_RT, OPT_NO_CPU_LATENCY, OPT_QUIET, OPT_APP, OPT_APP_RATE, OPT_APP_CONNS, OPT_APP_TIMEOUT };

static const struct mb_cli_option options[] = {
	{ "target", true, OPT_TARGET },
	{ "duration", true, OPT_DURATION },
	{ "interval", true, OPT_INTERVAL },
	{ "late-after", true, OPT_LATE },
	{ "lost-after", true, OPT_LOST },
	{ "json", true, OPT_JSON },
	{ "out", true, OPT_OUT },
	{ "socket", true, OPT_SOCKET },
	{ "rt-priority", true, OPT_RT },
	{ "no-cpu-latency", false, OPT_NO_CPU_LATENCY },
	{ "quiet", false, OPT_QUIET },
	{ "app", MB_CLI_VALUE_OPTIONAL, OPT_APP },
	{ "app-rate", true, OPT_APP_RATE },
	{ "app-conns", true, OPT_APP_CONNS },
	{ "app-timeout", true, OPT_APP_TIMEOUT },
	{ NULL, false, 0 },
};

/* The application probe's options; the URL is checked here, so a
 * malformed one is refused before anything starts. */
static int apply_app_option(struct probe_opts *o, int c, const char *arg)
{
	struct mb_url u;
	char err[512];

	switch (c) {
	case OPT_APP:
		o->app = true;
		o->app_url = arg && strcmp(arg, "http") ? arg : NULL;
		if (o->app_url && strcmp(arg, "tcp") && mb_url_parse(arg, &u, err, sizeof(err)))
			return mb_cli_refuse(CMD, "--app: %s", err);
		return 0;
	case OPT_APP_RATE:
		return mb_cli_parse_number(CMD, "app-rate", arg, MB_APP_PROBE_MIN_RATE,
					   MB_APP_PROBE_MAX_RATE, &o->app_rate);
	case OPT_APP_CONNS:
		return mb_cli_parse_uint(CMD, "app-conns", arg, 1, MB_APP_PROBE_MAX_CONNS, &o->app_conns);
	case OPT_APP_TIMEOUT:
		return mb_cli_parse_duration(CMD, "app-timeout", arg, MB_CLI_ZERO_REFUSED,
					     &o->app_timeout_ns);
	}
	return MB_EXIT_INTERNAL;
}

/* One option; returns 0 or an exit status.  No duration may be 0: an
 * empty run, a zero interval, a reply late or lost at once. */
static int apply_option(void *ctx, int c, const char *arg)
{
	enum mb_cli_zero no_zero = MB_CLI_ZERO_REFUSED;
	struct probe_opts *o = ctx;

	switch (c) {
	case OPT_TARGET: o->target_arg = arg; return 0;
	case OPT_DURATION: return mb_cli_parse_duration(CMD, "duration", arg, no_zero, &o->duration_ns);
	case OPT_INTERVAL: return mb_cli_parse_duration(CMD, "interval", arg, no_zero, &o->interval_ns);
	case OPT_LATE: return mb_cli_parse_duration(CMD, "late-after", arg, no_zero, &o->late_after_ns);
	case OPT_LOST: return mb_cli_parse_duration(CMD, "lost-after", arg, no_zero, &o->lost_after_ns);
	case OPT_JSON: o->json_path = arg; return 0;
	case OPT_OUT: o->out_dir = arg; return 0;
	case OPT_SOCKET: return parse_socket_kind(arg, &o->socket_kind);
	case OPT_RT: return mb_cli_parse_int_range(CMD, "rt-priority", arg, 0, 99, &o->rt_priority);
	case OPT_NO_CPU_LATENCY: o->no_cpu_latency = true; return 0;
	case OPT_QUIET: o->quiet = true; return 0;
	}
	return apply_app_option(o, c, arg);
}

/* 0 with *help after --help (the usage printed), 0, or an exit status. */
static int parse_args(struct probe_opts *o, int argc, char **argv, bool *help)
{
	static const struct mb_cli_command cmd = {
		.cmd = CMD, .options = options, .apply = apply_option, .usage = usage,
	};

	return mb_cli_parse(&cmd, o, argc, argv, help, NULL);
}

static int conflict(const char *a, int64_t av, const char *rel, const char *b, int64_t bv)
{
	char as[32], bs[32];

	mb_format_duration(av, as, sizeof(as));
	mb_format_duration(bv, bs, sizeof(bs));
	fprintf(stderr, "migbench: probe: %s %s %s %s %s\n", a, as, rel, b, bs);
	return MB_EXIT_USAGE;
}

static int check_opts(const struct probe_opts *o)
{
	if (!o->target_arg) {
		fprintf(stderr, "migbench: probe: --target: required (try --help)\n");
		return MB_EXIT_USAGE;
	}
	if (o->interval_ns < MB_ICMP_MIN_INTERVAL_NS)
		return conflict("--interval", o->interval_ns, "is below the minimum", "of", MB_ICMP_MIN_INTERVAL_NS);
	if (o->interval_ns > MB_ICMP_MAX_INTERVAL_NS)
		return conflict("--interval", o->interval_ns, "is above the maximum", "of", MB_ICMP_MAX_INTERVAL_NS);
	if (o->interval_ns > o->duration_ns)
		return conflict("--interval", o->interval_ns, "is longer than", "--duration", o->duration_ns);
	if (o->late_after_ns > o->lost_after_ns)
		return conflict("--late-after", o->late_after_ns, "is longer than", "--lost-after", o->lost_after_ns);
	if (!o->app && (o->app_rate != MB_APP_DEFAULT_RATE || o->app_conns != MB_APP_DEFAULT_CONNS ||
			o->app_timeout_ns != MB_APP_PROBE_DEFAULT_TIMEOUT_NS)) {
		fprintf(stderr, "migbench: probe: --app-rate, --app-conns and --app-timeout need --app\n");
		return MB_EXIT_USAGE;
	}
	if (o->lost_after_ns / o->interval_ns >= MB_ICMP_MAX_OUTSTANDING) {
		fprintf(stderr, "migbench: probe: --lost-after / --interval: more than %u probes "
			"would be outstanding\n", MB_ICMP_MAX_OUTSTANDING);
		return MB_EXIT_USAGE;
	}
	return 0;
}

/* ---- target ----------------------------------------------------------- */

/* A host name's first IPv4 address, else its first IPv6 one. */
static int lookup_target(struct probe_opts *o)
{
	struct addrinfo hints = { .ai_family = AF_INET, .ai_socktype = SOCK_RAW };
	struct addrinfo *res = NULL;
	int rc = getaddrinfo(o->target_arg, NULL, &hints, &res), rc4 = rc;

	if (rc != 0) {
		hints.ai_family = AF_INET6;
		rc = getaddrinfo(o->target_arg, NULL, &hints, &res);
	}
	if (rc != 0 || !res) {
		rc = rc4 ? rc4 : rc; /* the IPv4 reason: the usual case */
		fprintf(stderr, "migbench: probe: --target %s: %s\n", o->target_arg,
			rc == EAI_SYSTEM ? strerror(errno) : gai_strerror(rc));
		return MB_EXIT_ENV;
	}
	o->family = res->ai_family;
	if (o->family == AF_INET6)
		o->target6 = ((const struct sockaddr_in6 *)res->ai_addr)->sin6_addr;
	else
		o->target = ((const struct sockaddr_in *)res->ai_addr)->sin_addr;
	freeaddrinfo(res);
	return 0;
}

static int resolve_target(struct probe_opts *o)
{
	o->family = AF_INET;
	if (inet_pton(AF_INET, o->target_arg, &o->target) == 1)
		return 0;
	o->family = AF_INET6;
	if (inet_pton(AF_INET6, o->target_arg, &o->target6) == 1)
		return 0;
	/* No host name has a colon: a malformed IPv6 address is a usage
	 * error, not a failed lookup. */
	if (strchr(o->target_arg, ':')) {
		fprintf(stderr, "migbench: probe: --target '%s': not an IPv4 or IPv6 address\n",
			o->target_arg);
		return MB_EXIT_USAGE;
	}
	return lookup_target(o);
}

/* The target's address as text. */
static void target_text(const struct probe_opts *o, char *buf, size_t len)
{
	inet_ntop(o->family, o->family == AF_INET6 ? (const void *)&o->target6 :
		  (const void *)&o->target, buf, (socklen_t)len);
}

/* ---- outputs ---------------------------------------------------------- */

static int prepare_outputs(struct probe_run *r)
{
	char err[512];

	if (r->o.out_dir) {
		if (mb_outdir_ensure(r->o.out_dir, err, sizeof(err)) < 0 ||
		    mb_outfile_join(r->csv_path, sizeof(r->csv_path), r->o.out_dir, "probes.csv") < 0 ||
		    mb_outfile_join(r->json_path, sizeof(r->json_path), r->o.out_dir, "probe.json") < 0 ||
		    mb_pipeline_open_csv(&r->probe, r->csv_path, err, sizeof(err)) != 0) {
			fprintf(stderr, "migbench: probe: --out %s\n", err);
			return MB_EXIT_ENV;
		}
	}
	if (r->o.json_path && mb_outfile_check(r->o.json_path, err, sizeof(err)) < 0) {
		fprintf(stderr, "migbench: probe: --json %s\n", err);
		return MB_EXIT_ENV;
	}
	return 0;
}

static void add_config_json(struct json_object *doc, const struct probe_run *r)
{
	struct json_object *c = json_object_new_object();
	char addr[INET6_ADDRSTRLEN];

	target_text(&r->o, addr, sizeof(addr));
	mb_json_put_str(c, "target", r->o.target_arg);
	mb_json_put_str(c, "address", addr);
	mb_json_put_int(c, "duration_ns", r->o.duration_ns);
	mb_json_put_int(c, "interval_ns", r->o.interval_ns);
	mb_json_put_int(c, "late_after_ns", r->o.late_after_ns);
	mb_json_put_int(c, "lost_after_ns", r->o.lost_after_ns);
	mb_json_put_int(c, "payload_bytes", MB_ICMP_DEFAULT_PAYLOAD);
	mb_json_put_str(c, "socket", mb_icmp_socket_name(r->o.socket_kind));
	mb_json_put_int(c, "rt_priority", r->o.rt_priority);
	mb_json_put_bool(c, "cpu_latency", r->o.rt_priority > 0 && !r->o.no_cpu_latency);
	mb_json_put_bool(c, "app", r->o.app);
	json_object_object_add(doc, "config", c);
}

static void add_host_json(struct json_object *doc)
{
	struct json_object *h = json_object_new_object();
	struct utsname u;
	char name[256] = "";

	if (gethostname(name, sizeof(name) - 1) == 0)
		mb_json_put_str(h, "hostname", name);
	if (uname(&u) == 0)
		mb_json_put_str(h, "kernel", u.release);
	json_object_object_add(doc, "host", h);
}

/* As `migbench run`'s: the clock, and t0 on both clocks, which turns any
 * *_ns time here into wall time. */
static struct json_object *meta_json(const struct probe_run *r)
{
	struct json_object *m = json_object_new_object();

	mb_json_put_str(m, "version", PACKAGE_VERSION);
	mb_json_put_str(m, "command", "probe");
	mb_json_put_str(m, "clock", "CLOCK_MONOTONIC");
	mb_json_put_int(m, "t0_monotonic_ns", r->t0_ns);
	mb_json_put_int(m, "t0_realtime_ns", r->t0_realtime_ns);
	mb_json_put_bool(m, "interrupted", r->interrupted);
	return m;
}

static struct json_object *build_json(const struct probe_run *r, const struct mb_outage_result *res,
				      const struct mb_icmp_stats *st, struct json_object *app,
				      struct json_object *errors)
{
	struct json_object *doc = json_object_new_object();

	if (!doc)
		return NULL;
	json_object_object_add(doc, "migbench", meta_json(r));
	add_config_json(doc, r);
	add_host_json(doc);
	json_object_object_add(doc, "probe", mb_report_outage_json(res, st, r->t0_ns));
	json_object_object_add(doc, "application", app);
	json_object_object_add(doc, "errors", json_object_get(errors));
	return doc;
}

/* Writes --json and --out DIR/probe.json, commits the CSV.  Returns an
 * exit status. */
static int write_outputs(struct probe_run *r, struct json_object *doc)
{
	char err[512];
	int rc = MB_EXIT_OK;

	/* First: a series that failed is removed, which leaves room for the
	 * JSON on a full disk. */
	if (mb_pipeline_commit(&r->probe, err, sizeof(err)) < 0) {
		fprintf(stderr, "migbench: probe: %s\n", err);
		rc = MB_EXIT_ENV;
	}
	if (mb_app_pipeline_commit(&r->app, err, sizeof(err)) < 0) {
		fprintf(stderr, "migbench: probe: %s\n", err);
		rc = MB_EXIT_ENV;
	}
	const char *paths[2] = { r->o.json_path, r->csv_path[0] ? r->json_path : NULL };
	for (int i = 0; i < 2; i++) {
		if (paths[i] && mb_outfile_write_json(paths[i], doc, err, sizeof(err)) < 0) {
			fprintf(stderr, "migbench: probe: %s\n", err);
			rc = MB_EXIT_ENV;
		}
	}
	return rc;
}

/* ---- the run ---------------------------------------------------------- */

static int open_pipeline(struct probe_run *r)
{
	struct mb_pipeline_config cfg = {
		.family = r->o.family,
		.target = r->o.target,
		.target6 = r->o.target6,
		.outage = {
			.interval_ns = r->o.interval_ns,
			.late_after_ns = r->o.late_after_ns,
			.lost_after_ns = r->o.lost_after_ns,
		},
		.socket_kind = r->o.socket_kind,
		.rt_priority = r->o.rt_priority,
		.no_cpu_latency = r->o.no_cpu_latency,
	};
	char err[512];
	int rc = mb_pipeline_open(&r->probe, &cfg, err, sizeof(err));

	/* The socket is open: CAP_NET_RAW and the rest are no longer needed. */
	if (rc == 0 && mb_privs_drop(r->o.rt_priority > 0 ? MB_PRIVS_KEEP_NICE : 0, err, sizeof(err)))
		rc = MB_EXIT_ENV;
	if (rc != 0)
		fprintf(stderr, "migbench: probe: %s\n", err);
	return rc;
}

/* The rate check's window: the first second, or the whole run if shorter. */
static int64_t first_second(const struct probe_run *r)
{
	return r->o.duration_ns < MB_NS_PER_S ? r->o.duration_ns : MB_NS_PER_S;
}

/* Does the target answer at this rate?  Warned now, on stderr, and kept
 * for the JSON's errors. */
static void check_rate(struct probe_run *r)
{
	char when[48], d[32];

	mb_format_duration(first_second(r), d, sizeof(d));
	snprintf(when, sizeof(when), "the first %s", d);
	mb_pipeline_rate_check(&r->probe, when, r->errors, stderr);
}

/* --app: the URL (the target's HTTP server or echo by default), app.csv
 * under --out.  Opened before the start, so that a bad host or file is
 * said before anything is measured. */
static int open_app(struct probe_run *r)
{
	struct probe_opts *o = &r->o;
	struct mb_app_pipeline_config cfg = {
		.rate = o->app_rate, .conns = (unsigned)o->app_conns, .timeout_ns = o->app_timeout_ns,
	};
	char url[2048], text[INET6_ADDRSTRLEN], addr[INET6_ADDRSTRLEN + 2], err[1024];
	int rc;

	if (!o->app)
		return 0;
	target_text(o, text, sizeof(text));
	(void)mb_url_host_text(text, addr, sizeof(addr)); /* sized for it */
	if (!o->app_url)
		snprintf(url, sizeof(url), "http://%s/", addr);
	else if (!strcmp(o->app_url, "tcp"))
		snprintf(url, sizeof(url), "tcp://%s:7", addr);
	else
		snprintf(url, sizeof(url), "%s", o->app_url);
	cfg.url = url;
	if (o->out_dir) {
		if (mb_outfile_join(r->app_csv_path, sizeof(r->app_csv_path), o->out_dir, "app.csv") < 0) {
			fprintf(stderr, "migbench: probe: --out %s: path too long\n", o->out_dir);
			return MB_EXIT_USAGE;
		}
		cfg.csv_path = r->app_csv_path;
	}
	rc = mb_app_pipeline_open(&r->app, &cfg, err, sizeof(err));
	r->app_on = rc == 0;
	if (rc)
		fprintf(stderr, "migbench: probe: --app %s: %s\n", url, err);
	return rc;
}

/* Both queues drained until the deadline; false if a signal came. */
static bool drain_until(struct probe_run *r, int64_t deadline_ns)
{
	for (;;) {
		int64_t now = mb_now_ns(), wake = now + DRAIN_PERIOD_NS;

		mb_pipeline_drain(&r->probe);
		if (r->app_on) {
			mb_app_pipeline_drain(&r->app);
			mb_app_pipeline_release(&r->app, now); /* no marks: one phase */
		}
		if (mb_signal_pending())
			return false;
		if (now >= deadline_ns)
			return true;
		mb_sleep_until_ns(wake < deadline_ns ? wake : deadline_ns);
	}
}

static int measure(struct probe_run *r)
{
	char err[512];
	int64_t start;

	mb_signals_install();
	r->errors = json_object_new_array();
	if (!r->errors) {
		fprintf(stderr, "migbench: probe: results: %s\n", strerror(ENOMEM));
		return MB_EXIT_INTERNAL;
	}
	start = mb_now_ns();
	r->t0_ns = start;
	r->t0_realtime_ns = mb_realtime_ns();
	/* Status 4, not the pipeline's 2: migbench-probe(1) calls a prober
	 * that does not start a bug. */
	if (mb_pipeline_start(&r->probe, err, sizeof(err)) != 0) {
		fprintf(stderr, "migbench: probe: %s\n", err);
		return MB_EXIT_INTERNAL;
	}
	r->app.t0_ns = start;
	if (r->app_on && mb_app_pipeline_start(&r->app, err, sizeof(err)) != 0) {
		fprintf(stderr, "migbench: probe: %s\n", err);
		mb_pipeline_stop(&r->probe);
		return MB_EXIT_INTERNAL;
	}
	r->interrupted = !drain_until(r, start + first_second(r));
	if (!r->interrupted) {
		check_rate(r);
		r->interrupted = !drain_until(r, start + r->o.duration_ns);
	}
	mb_pipeline_stop(&r->probe);
	if (r->app_on)
		mb_app_pipeline_stop(&r->app);
	return 0;
}

static void print_header(const struct probe_run *r, const struct mb_icmp_stats *st)
{
	char addr[INET6_ADDRSTRLEN], iv[32], du[32], sched[128] = "normal scheduling";

	target_text(&r->o, addr, sizeof(addr));
	mb_format_duration(r->o.interval_ns, iv, sizeof(iv));
	mb_format_duration(r->o.duration_ns, du, sizeof(du));
	if (st->rt_priority)
		snprintf(sched, sizeof(sched), "SCHED_FIFO %d", st->rt_priority);
	if (st->cpu_latency_held)
		snprintf(sched + strlen(sched), sizeof(sched) - strlen(sched),
			 ", CPU wake-up latency held at 0");
	else if (st->cpu_latency_errno)
		snprintf(sched + strlen(sched), sizeof(sched) - strlen(sched),
			 ", CPU wake-up latency not held (%s)", strerror(st->cpu_latency_errno));
	printf("migbench probe: %s (%s), every %s for %s, %s socket, %s%s\n", r->o.target_arg,
	       addr, iv, du, mb_icmp_socket_name(st->socket_kind), sched,
	       r->interrupted ? ", interrupted" : "");
}

/* --app: its problems, its text, and its JSON block (NULL without --app);
 * *silent when the service never answered.  One phase, the whole run:
 * without a migration there are no marks. */
static struct json_object *report_app(struct probe_run *r, struct json_object *errors, bool *silent)
{
	struct mb_app_figures f;
	struct mb_app_probe_stats st;
	struct mb_report_app v = { .pipe = &r->app, .fig = &f, .stats = &st, .t0_ns = r->t0_ns };
	char cell[256];

	*silent = false;
	if (!r->app_on)
		return NULL;
	mb_app_pipeline_result(&r->app, &f);
	mb_app_pipeline_stats(&r->app, &st);
	mb_app_pipeline_report_problems(&r->app, errors, stderr);
	*silent = f.phase[MB_APP_BASELINE].completed == 0;
	if (*silent)
		mb_report_problem(errors, NULL, "application never answered");
	if (!r->o.quiet) {
		mb_report_app_cell(&v, cell, sizeof(cell));
		printf("application: %s\n", cell);
		mb_report_app_text(stdout, &v);
	}
	return mb_report_app_json(&v);
}

/* Results to the terminal and files; returns the exit status. */
static int report(struct probe_run *r)
{
	struct mb_outage_result res;
	struct mb_icmp_stats st;
	struct json_object *errors = r->errors, *doc, *app;
	bool app_silent;
	int rc;

	mb_icmp_stats(r->probe.icmp, &st);
	mb_outage_result(r->probe.outage, &res);
	mb_pipeline_report_problems(&r->probe, errors, stderr);
	if (st.replies == 0)
		mb_report_problem(errors, NULL, "target never answered");
	if (!r->o.quiet) {
		print_header(r, &st);
		mb_report_outage_text(stdout, &res, &st, r->t0_ns);
	}
	app = report_app(r, errors, &app_silent);
	fflush(stdout);
	doc = build_json(r, &res, &st, app, errors);
	if (!doc) {
		fprintf(stderr, "migbench: probe: results: %s\n", strerror(ENOMEM));
		return MB_EXIT_INTERNAL;
	}
	rc = write_outputs(r, doc);
	json_object_put(doc);
	/* Analyzer refusals and a dead socket are bugs: the figures are
	 * written but must not pass for a measurement. */
	if (rc == MB_EXIT_OK && (r->probe.refused || st.fatal_errno))
		rc = MB_EXIT_INTERNAL;
	if (rc == MB_EXIT_OK && st.replies == 0) {
		fprintf(stderr, "migbench: probe: %s: never answered (%" PRIu64 " probes sent)\n",
			r->o.target_arg, st.sent);
		rc = MB_EXIT_ENV;
	}
	if (rc == MB_EXIT_OK && app_silent) {
		fprintf(stderr, "migbench: probe: --app: the service never answered\n");
		rc = MB_EXIT_ENV;
	}
	return rc;
}

static int setup_and_run(struct probe_run *r)
{
	int rc;

	if ((rc = resolve_target(&r->o)) != 0 || (rc = open_pipeline(r)) != 0 ||
	    (rc = prepare_outputs(r)) != 0 || (rc = open_app(r)) != 0 || (rc = measure(r)) != 0)
		return rc;
	return report(r);
}

int mb_cmd_probe(int argc, char **argv)
{
	struct probe_run *r = calloc(1, sizeof(*r));
	bool help;
	int rc;

	if (!r) {
		fprintf(stderr, "migbench: probe: %s\n", strerror(ENOMEM));
		return MB_EXIT_INTERNAL;
	}
	r->o = (struct probe_opts){
		.duration_ns = 10 * MB_NS_PER_S,
		.interval_ns = 1000000,
		.late_after_ns = 100000000,
		.lost_after_ns = MB_NS_PER_S,
		.rt_priority = 10,
		.app_rate = MB_APP_DEFAULT_RATE,
		.app_conns = MB_APP_DEFAULT_CONNS,
		.app_timeout_ns = MB_APP_PROBE_DEFAULT_TIMEOUT_NS,
	};
	rc = parse_args(&r->o, argc, argv, &help);
	if (rc == 0 && !help && (rc = check_opts(&r->o)) == 0)
		rc = setup_and_run(r);
	mb_pipeline_free(&r->probe);
	json_object_put(r->errors);
	mb_app_pipeline_free(&r->app);
	free(r);
	return rc;
}
