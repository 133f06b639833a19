/* migbench analyze: the data-volume counting of `migbench run` on a saved
 * capture (taken with tcpdump anywhere), or live on an interface for a
 * given time - the same parser, counters, bins and report, so a capture
 * taken elsewhere is measured the same way, and so the capture itself can
 * be checked against known traffic (tests/e2e/capture.test).
 * With --ping-log it is the outage analysis of a saved ping log instead,
 * with --nova-log / --nova-migrations OpenStack's records of its
 * migrations: the command line is parsed here, the rest is
 * src/analyze/cmd_analyze_ping.c and src/analyze/cmd_analyze_nova.c. */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include "analysis/units.h"
#include "analysis/volume.h"
#include "src/analyze/analyze_nova.h"
#include "src/analyze/analyze_ping.h"
#include "probes/capture.h"
#include "src/analyze/capture_pipeline.h"
#include "probes/clock.h"
#include "src/common/cli.h"
#include "src/commands.h"
#include "src/common/exitcode.h"
#include "src/common/json.h"
#include "src/common/outfile.h"
#include "src/common/privs.h"
#include "src/analyze/report_volume.h"
#include "src/common/signals.h"

#define CMD "analyze" /* in refusals of an option value */
#define WAIT_STEP_NS 100000000LL

struct analyze_opts {
	const char *file, *live, *src_addr, *json_path, *csv_path;
	uint16_t port_lo, port_hi;
	int64_t bin_ns, duration_ns; /* duration 0: until a signal */
	bool quiet;
	struct mb_analyze_ping_opts ping; /* ping.path set: --ping-log mode */
	struct mb_analyze_nova_opts nova; /* a path set: --nova-log/--nova-migrations mode */
	/* The first option given of each mode, to refuse a mix by name. */
	const char *capture_opt, *ping_opt;
};

struct analyze_run {
	struct analyze_opts o;
	struct mb_capture *offline;
	struct mb_capture_pipeline live;
	struct mb_capture_stats st;
	struct mb_volume_view view;
	json_object *errors;
	int64_t t0_ns, t0_realtime_ns;
	bool interrupted;
};

/* ---- command line ----------------------------------------------------- */

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: migbench analyze FILE [OPTIONS]\n"
		"       migbench analyze --live IFACE [--duration D] [OPTIONS]\n"
		"       migbench analyze --ping-log FILE [--interval D] [--late-after D]\n"
		"                        [--lost-after D] [--ping-format F] [--json FILE] [--quiet]\n"
		"       migbench analyze [--nova-log FILE] [--nova-migrations FILE] [--json FILE]\n"
		"Count migration traffic - wire bytes, TCP payload, packets per direction,\n"
		"throughput - in a saved capture (pcap or pcapng) or live on IFACE; or,\n"
		"with --ping-log, the outages in a saved ping log (iputils, busybox, fping)\n"
		"as migbench probe reports them; with --nova-log and/or --nova-migrations,\n"
		"OpenStack's records of its live migrations: nova-compute's log, the\n"
		"table of nova migration-list / openstack server migration list.\n\n"
		"  --ports LO-HI      migration ports (default 49152-49261)\n"
		"  --src-addr ADDR    the migration source's address: sets the direction\n"
		"                     (default: by ports - the side with a port in the\n"
		"                     range is the destination)\n"
		"  --bin D            throughput bin width (default 10ms, 100us to 60s)\n"
		"  --live IFACE       capture on IFACE instead of reading FILE\n"
		"  --duration D       with --live: stop after D (default: at SIGINT/SIGTERM)\n"
		"  --json FILE        the figures as one JSON document\n"
		"  --csv FILE         the throughput bins as CSV\n"
		"  --quiet            no text summary\n"
		"  --help             this text\n"
		"With --ping-log (FILE '-' is standard input):\n"
		"  --interval D       ping's -i (required unless -D timestamps or the footer show it)\n"
		"  --ping-format F    iputils, busybox or fping (default: detected)\n"
		"  --late-after D     answered later than this: late (default 100ms)\n"
		"  --lost-after D     unanswered this long: lost (default 1s)\n"
		"With --nova-log and/or --nova-migrations (FILE '-' is standard input):\n"
		"  --nova-log FILE    nova-compute's log: its live migrations per instance\n"
		"  --nova-migrations FILE\n"
		"                     nova migration-list's table: each migration's duration\n"
		"See migbench-analyze(1).\n");
}

enum { OPT_PORTS, OPT_SRC_ADDR, OPT_BIN, OPT_LIVE, OPT_DURATION, OPT_JSON, OPT_CSV,
       OPT_QUIET, OPT_PING_LOG, OPT_INTERVAL, OPT_LATE, OPT_LOST, OPT_PING_FORMAT,
       OPT_NOVA_LOG, OPT_NOVA_MIGRATIONS };

static const struct mb_cli_option options[] = {
	{ "ports", true, OPT_PORTS },
	{ "src-addr", true, OPT_SRC_ADDR },
	{ "bin", true, OPT_BIN },
	{ "live", true, OPT_LIVE },
	{ "duration", true, OPT_DURATION },
	{ "json", true, OPT_JSON },
	{ "csv", true, OPT_CSV },
	{ "quiet", false, OPT_QUIET },
	{ "ping-log", true, OPT_PING_LOG },
	{ "interval", true, OPT_INTERVAL },
	{ "late-after", true, OPT_LATE },
	{ "lost-after", true, OPT_LOST },
	{ "ping-format", true, OPT_PING_FORMAT },
	{ "nova-log", true, OPT_NOVA_LOG },
	{ "nova-migrations", true, OPT_NOVA_MIGRATIONS },
	{ NULL, false, 0 },
};

/* Remembers the first option of either mode only, for check_opts. */
static void note_mode(struct analyze_opts *o, int c)
{
	const char **first = NULL;

	if (c == OPT_PORTS || c == OPT_SRC_ADDR || c == OPT_BIN || c == OPT_DURATION || c == OPT_CSV)
		first = &o->capture_opt;
	else if (c == OPT_INTERVAL || c == OPT_LATE || c == OPT_LOST || c == OPT_PING_FORMAT)
		first = &o->ping_opt;
	for (const struct mb_cli_option *l = options; first && !*first && l->name; l++)
		if (l->id == c)
			*first = l->name;
}

/* The options of --ping-log mode.  No duration may be 0: a zero interval,
 * a reply late or lost at once. */
static int apply_ping_option(struct analyze_opts *o, int c, const char *v)
{
	struct mb_analyze_ping_opts *p = &o->ping;
	enum mb_cli_zero no_zero = MB_CLI_ZERO_REFUSED;

	switch (c) {
	case OPT_PING_LOG:
		p->path = v;
		/* fopen("") would say "No such file" about a name no one sees. */
		return *v ? 0 : mb_cli_refuse_value(CMD, "ping-log", v, "not a file name");
	case OPT_INTERVAL: return mb_cli_parse_duration(CMD, "interval", v, no_zero, &p->interval_ns);
	case OPT_LATE: return mb_cli_parse_duration(CMD, "late-after", v, no_zero, &p->late_after_ns);
	case OPT_LOST: return mb_cli_parse_duration(CMD, "lost-after", v, no_zero, &p->lost_after_ns);
	case OPT_PING_FORMAT:
		for (p->format = MB_PING_IPUTILS; p->format <= MB_PING_FPING; p->format++)
			if (!strcmp(v, mb_ping_format_name(p->format)))
				return 0;
		return mb_cli_refuse_value(CMD, "ping-format", v, "not iputils, busybox or fping");
	case OPT_NOVA_LOG:
	case OPT_NOVA_MIGRATIONS:
		*(c == OPT_NOVA_LOG ? &o->nova.log_path : &o->nova.migrations_path) = v;
		return *v ? 0 : mb_cli_refuse_value(CMD, c == OPT_NOVA_LOG ? "nova-log" : "nova-migrations",
						    v, "not a file name");
	}
	return MB_EXIT_INTERNAL;
}

/* One option; 0 or an exit status.  --duration 0 is refused because
 * duration_ns 0 stands for no --duration (until a signal). */
static int apply_option(void *ctx, int c, const char *v)
{
	enum mb_cli_zero no_zero = MB_CLI_ZERO_REFUSED;
	struct analyze_opts *o = ctx;
	struct mb_ip_addr a;

	note_mode(o, c);
	switch (c) {
	case OPT_PORTS:
		return mb_parse_port_range(v, &o->port_lo, &o->port_hi)
			       ? mb_cli_refuse_value(CMD, "ports", v, "not a port or a range like 49152-49261") : 0;
	case OPT_SRC_ADDR:
		o->src_addr = v;
		return mb_ip_addr_parse(v, &a)
			       ? mb_cli_refuse_value(CMD, "src-addr", v, "not an IPv4 or IPv6 address") : 0;
	case OPT_BIN: return mb_cli_parse_duration(CMD, "bin", v, no_zero, &o->bin_ns);
	case OPT_LIVE: o->live = v; return 0;
	case OPT_DURATION: return mb_cli_parse_duration(CMD, "duration", v, no_zero, &o->duration_ns);
	case OPT_JSON: o->json_path = v; return 0;
	case OPT_CSV: o->csv_path = v; return 0;
	case OPT_QUIET: o->quiet = true; return 0;
	}
	return apply_ping_option(o, c, v);
}

/* --ping-log is a mode of its own: nothing of a capture goes with it. */
static int check_ping_opts(const struct analyze_opts *o)
{
	if (o->file)
		fprintf(stderr, "migbench: analyze: --ping-log and a capture FILE cannot be combined\n");
	else if (o->live)
		fprintf(stderr, "migbench: analyze: --ping-log and --live cannot be combined\n");
	else if (o->capture_opt)
		fprintf(stderr, "migbench: analyze: --%s is for captures, not for --ping-log\n",
			o->capture_opt);
	else
		return 0;
	return MB_EXIT_USAGE;
}

/* --nova-log / --nova-migrations: a mode of their own too. */
static int check_nova_opts(const struct analyze_opts *o)
{
	const char *other = o->ping.path ? "--ping-log" : o->file ? "a capture FILE" :
			    o->live ? "--live" : NULL;

	if (other)
		fprintf(stderr, "migbench: analyze: --nova-log/--nova-migrations and %s cannot be combined\n",
			other);
	else if (o->nova.log_path && o->nova.migrations_path && !strcmp(o->nova.log_path, "-") &&
		 !strcmp(o->nova.migrations_path, "-"))
		fprintf(stderr, "migbench: analyze: --nova-log and --nova-migrations cannot both be "
			"standard input\n");
	else if (o->capture_opt || o->ping_opt)
		fprintf(stderr, "migbench: analyze: --%s is not for --nova-log/--nova-migrations\n",
			o->capture_opt ? o->capture_opt : o->ping_opt);
	else
		return 0;
	return MB_EXIT_USAGE;
}

static int check_opts(const struct analyze_opts *o)
{
	const char *why = NULL;

	if (o->nova.log_path || o->nova.migrations_path)
		return check_nova_opts(o);
	if (o->ping.path)
		return check_ping_opts(o);
	if (o->ping_opt) {
		fprintf(stderr, "migbench: analyze: --%s needs --ping-log\n", o->ping_opt);
		return MB_EXIT_USAGE;
	}
	if (!o->file && !o->live)
		why = "a capture FILE, --live IFACE, --ping-log FILE or --nova-log FILE is required (try --help)";
	else if (o->file && o->live)
		why = "a capture FILE and --live cannot be combined";
	else if (o->duration_ns && !o->live)
		why = "--duration needs --live";
	else if (o->bin_ns < 100000 || o->bin_ns > 60000000000LL)
		why = "--bin: from 100us to 60s";
	if (why)
		fprintf(stderr, "migbench: analyze: %s\n", why);
	return why ? MB_EXIT_USAGE : 0;
}

/* 0 with *help after --help (the usage printed), 0, or an exit status. */
static int parse_args(struct analyze_opts *o, int argc, char **argv, bool *help)
{
	static const struct mb_cli_command cmd = {
		.cmd = CMD, .options = options, .apply = apply_option, .usage = usage,
		.max_operands = 1,
	};
	int first, rc;

	memset(o, 0, sizeof(*o));
	o->port_lo = 49152;
	o->port_hi = 49261;
	o->bin_ns = MB_CAPTURE_DEFAULT_BIN_NS;
	o->ping.late_after_ns = MB_ANALYZE_PING_LATE_AFTER_NS;
	o->ping.lost_after_ns = MB_ANALYZE_PING_LOST_AFTER_NS;
	rc = mb_cli_parse(&cmd, o, argc, argv, help, &first);
	if (rc || *help)
		return rc;
	if (first < argc)
		o->file = argv[first];
	return check_opts(o);
}

/* ---- counting ----------------------------------------------------------- */

static int analyze_file(struct analyze_run *r)
{
	struct mb_capture_config cfg = {
		.match = { .port_lo = r->o.port_lo, .port_hi = r->o.port_hi },
		.bin_ns = r->o.bin_ns,
	};
	char err[1024];
	int rc;

	if (r->o.src_addr)
		mb_ip_addr_parse(r->o.src_addr, &cfg.match.src);
	rc = mb_capture_read_file(&r->offline, r->o.file, &cfg, err, sizeof(err));
	if (rc) {
		fprintf(stderr, "migbench: analyze: %s\n", err);
		return rc == -ENOMEM ? MB_EXIT_INTERNAL : MB_EXIT_USAGE;
	}
	mb_capture_stats(r->offline, &r->st);
	memset(&r->view, 0, sizeof(r->view));
	r->view.vol = mb_capture_volume(r->offline);
	r->view.cap = &r->st;
	r->view.src_addr = r->o.src_addr;
	r->view.src_addr_source = r->o.src_addr ? "--src-addr" : "no --src-addr: by ports";
	/* Times relative to the first packet; the file's clock is wall time. */
	r->t0_ns = r->t0_realtime_ns = mb_volume_origin(r->view.vol);
	return 0;
}

/* Until --duration has passed or a signal came. */
static void wait_live(struct analyze_run *r)
{
	int64_t end = r->o.duration_ns ? r->t0_ns + r->o.duration_ns : INT64_MAX;

	while (!mb_signal_pending()) {
		int64_t now = mb_now_ns(), step = end - now < WAIT_STEP_NS ? end - now : WAIT_STEP_NS;

		if (now >= end)
			return;
		mb_sleep_ns(step); /* a signal ends it early */
	}
	r->interrupted = true;
}

static int analyze_live(struct analyze_run *r)
{
	struct mb_capture_request rq = {
		.iface = r->o.live, .iface_option = "--live",
		.src_addr = r->o.src_addr, .src_addr_source = "--src-addr",
		.port_lo = r->o.port_lo, .port_hi = r->o.port_hi, .bin_ns = r->o.bin_ns,
	};
	struct mb_capture_stats st;
	char err[1024];
	int rc;

	mb_signals_install();
	r->t0_ns = rq.origin_ns = mb_now_ns();
	r->t0_realtime_ns = mb_realtime_ns();
	rc = mb_capture_pipeline_open(&r->live, &rq, err, sizeof(err));
	/* The capture is open: CAP_NET_RAW and the rest are no longer needed. */
	if (!rc && mb_privs_drop(0, err, sizeof(err)))
		rc = MB_EXIT_ENV;
	if (!rc)
		rc = mb_capture_pipeline_start(&r->live, err, sizeof(err));
	if (rc) {
		fprintf(stderr, "migbench: analyze: %s\n", err);
		return rc;
	}
	/* The one line on stderr that is not an error: a script waits for it. */
	mb_capture_stats(r->live.cap, &st); /* the filter the capture has */
	if (!r->o.quiet)
		fprintf(stderr, "migbench analyze: capturing on %s, %s, until %s\n", r->live.iface, st.filter,
			r->o.duration_ns ? "--duration has passed" : "SIGINT or SIGTERM");
	wait_live(r);
	if (mb_capture_pipeline_stop(&r->live, err, sizeof(err))) {
		fprintf(stderr, "migbench: analyze: link counters: %s\n", err);
		json_object_array_add(r->errors, json_object_new_string(err));
	}
	mb_capture_pipeline_view(&r->live, &r->view);
	return 0;
}

/* ---- output ------------------------------------------------------------- */

static json_object *config_json(const struct analyze_run *r)
{
	json_object *c = json_object_new_object();
	char ports[16];

	mb_json_put_str(c, "source", r->o.live ? r->o.live : r->o.file);
	mb_json_put_bool(c, "live", r->o.live != NULL);
	snprintf(ports, sizeof(ports), "%u-%u", (unsigned)r->o.port_lo, (unsigned)r->o.port_hi);
	mb_json_put_str(c, "ports", ports);
	mb_json_put_str(c, "src_addr", r->o.src_addr);
	mb_json_put_int(c, "bin_ns", r->o.bin_ns);
	mb_json_put_known(c, "duration_ns", r->o.duration_ns ? r->o.duration_ns : -1);
	return c;
}

static bool any_packet(const struct mb_volume *v)
{
	struct mb_volume_totals t;

	mb_volume_totals(v, &t);
	return t.all.packets || t.ignored_packets || t.unparsed_packets;
}

static json_object *build_json(const struct analyze_run *r, int status)
{
	json_object *doc = json_object_new_object(), *m = json_object_new_object();
	json_object *fig = json_object_new_object();

	mb_json_put_str(m, "version", PACKAGE_VERSION);
	mb_json_put_str(m, "command", "analyze");
	mb_json_put_int(m, "exit_status", status);
	mb_json_put_str(m, "clock", r->o.live ? "CLOCK_MONOTONIC" : "capture file");
	mb_json_put_known(m, "t0_monotonic_ns", r->o.live ? r->t0_ns : -1);
	/* A file without a single filtered packet has no time at all. */
	mb_json_put_known(m, "t0_realtime_ns", r->o.live || any_packet(r->view.vol) ?
			  r->t0_realtime_ns : -1);
	mb_json_put_bool(m, "interrupted", r->interrupted);
	json_object_object_add(doc, "migbench", m);
	json_object_object_add(doc, "config", config_json(r));
	json_object_object_add(fig, "data_volume", mb_report_volume_figures(&r->view));
	json_object_object_add(doc, "figures", fig);
	json_object_object_add(doc, "capture", mb_report_volume_capture(&r->view));
	json_object_object_add(doc, "errors", json_object_get(r->errors));
	return doc;
}

static int write_csv(const struct analyze_run *r)
{
	struct mb_outstream *s;
	char err[1024];

	if (mb_outstream_open(&s, r->o.csv_path, err, sizeof(err)))
		goto fail;
	if (mb_report_volume_bins_csv(mb_outstream_file(s), r->view.vol, r->t0_ns)) {
		snprintf(err, sizeof(err), "%s: %s", r->o.csv_path, strerror(errno));
		mb_outstream_abort(s);
		goto fail;
	}
	if (mb_outstream_commit(s, err, sizeof(err)))
		goto fail;
	return 0;
fail:
	fprintf(stderr, "migbench: analyze: --csv: %s\n", err);
	return MB_EXIT_ENV;
}

static int write_outputs(const struct analyze_run *r, int status)
{
	char err[1024];
	json_object *doc;
	int rc = 0;

	if (r->o.csv_path)
		rc = write_csv(r);
	if (!r->o.json_path)
		return rc;
	doc = build_json(r, status);
	if (mb_outfile_write_json(r->o.json_path, doc, err, sizeof(err))) {
		fprintf(stderr, "migbench: analyze: --json: %s\n", err);
		rc = MB_EXIT_ENV;
	}
	json_object_put(doc);
	return rc;
}

static int check_outputs(const struct analyze_opts *o)
{
	const char *paths[2] = { o->json_path, o->csv_path }, *names[2] = { "--json", "--csv" };
	char err[1024];

	for (int i = 0; i < 2; i++) {
		if (paths[i] && mb_outfile_check(paths[i], err, sizeof(err))) {
			fprintf(stderr, "migbench: analyze: %s: %s\n", names[i], err);
			return MB_EXIT_ENV;
		}
	}
	return 0;
}

static void print_text(const struct analyze_run *r)
{
	printf("migbench analyze: %s%s\n", r->o.live ? "live on " : "", r->o.live ? r->o.live : r->o.file);
	mb_report_volume_text(stdout, &r->view);
	fflush(stdout);
}

int mb_cmd_analyze(int argc, char **argv)
{
	struct analyze_run r;
	bool help;
	int status, wr;

	memset(&r, 0, sizeof(r));
	status = parse_args(&r.o, argc, argv, &help);
	if (status || help)
		return status;
	if (r.o.nova.log_path || r.o.nova.migrations_path) {
		r.o.nova.json_path = r.o.json_path;
		r.o.nova.quiet = r.o.quiet;
		return mb_analyze_nova(&r.o.nova);
	}
	if (r.o.ping.path) {
		r.o.ping.json_path = r.o.json_path;
		r.o.ping.quiet = r.o.quiet;
		return mb_analyze_ping(&r.o.ping);
	}
	if ((status = check_outputs(&r.o)))
		return status;
	r.errors = json_object_new_array();
	status = r.o.live ? analyze_live(&r) : analyze_file(&r);
	if (!status) {
		r.view.t0_ns = r.t0_ns;
		r.view.hv_data_processed = r.view.hv_memory_processed = -1;
		mb_report_volume_problems(&r.view, r.errors, stderr);
		if (r.st.error[0] || r.live.st.error[0])
			status = MB_EXIT_ENV;
		if (!r.o.quiet)
			print_text(&r);
		wr = write_outputs(&r, status);
		status = status ? status : wr;
	}
	mb_capture_free(r.offline);
	mb_capture_pipeline_free(&r.live);
	json_object_put(r.errors);
	return status;
}
