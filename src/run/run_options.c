#include "config.h"

#include "src/run/run_options.h"

#include <arpa/inet.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "analysis/argsplit.h"
#include "analysis/units.h"
#include "analysis/workload.h"
#include "analysis/url.h"
#include "src/common/app_pipeline.h"
#include "src/common/cli.h"
#include "src/common/exitcode.h"

enum {
	OPT_SRC = 256, OPT_DST, OPT_DOMAIN, OPT_TARGET, OPT_HOSTS_FILE, OPT_TEMPLATE,
	OPT_MIGRATE_URI, OPT_JSON, OPT_OUT, OPT_INTERVAL, OPT_LATE, OPT_LOST,
	OPT_BASELINE, OPT_TAIL, OPT_TIMEOUT, OPT_BANDWIDTH, OPT_MAX_DOWNTIME,
	OPT_PARALLEL, OPT_POSTCOPY, OPT_POSTCOPY_AFTER, OPT_COMPRESSED,
	OPT_AUTO_CONVERGE, OPT_COPY_STORAGE, OPT_PERSIST, OPT_UNDEFINE_SOURCE,
	OPT_QUIET, OPT_PORTS, OPT_IFACE, OPT_BIN, OPT_NO_CAPTURE, OPT_WORKLOAD, OPT_GUEST_EXEC,
	OPT_APP, OPT_APP_RATE, OPT_APP_CONNS, OPT_APP_TIMEOUT, OPT_TRIGGER, OPT_COUNT,
	OPT_NOVA_LOG, OPT_IPV6, OPT_DST_XML, OPT_NO_DIRTY_RATE,
};

/* The options run and watch both take: what measures. */
/* The options run and watch both take: what measures.  A macro, so each
 * table is one constant array for mb_cli_parse, the list written once. */
#define MEASURE_OPTIONS \
	{ "src", true, OPT_SRC }, \
	{ "dst", true, OPT_DST }, \
	{ "domain", true, OPT_DOMAIN }, \
	{ "target", true, OPT_TARGET }, \
	{ "ipv6", false, OPT_IPV6 }, \
	{ "hosts-file", true, OPT_HOSTS_FILE }, \
	{ "connect-template", true, OPT_TEMPLATE }, \
	{ "migrate-uri", true, OPT_MIGRATE_URI }, \
	{ "json", true, OPT_JSON }, \
	{ "out", true, OPT_OUT }, \
	{ "interval", true, OPT_INTERVAL }, \
	{ "late-after", true, OPT_LATE }, \
	{ "lost-after", true, OPT_LOST }, \
	{ "baseline", true, OPT_BASELINE }, \
	{ "tail", true, OPT_TAIL }, \
	{ "timeout", true, OPT_TIMEOUT }, \
	{ "quiet", false, OPT_QUIET }, \
	{ "ports", true, OPT_PORTS }, \
	{ "iface", true, OPT_IFACE }, \
	{ "bin", true, OPT_BIN }, \
	{ "no-capture", false, OPT_NO_CAPTURE },

/* run: the measuring options, then what migrates and what runs in the
 * guest meanwhile. */
static const struct mb_cli_option run_options[] = {
	MEASURE_OPTIONS
	{ "bandwidth", true, OPT_BANDWIDTH },
	{ "max-downtime", true, OPT_MAX_DOWNTIME },
	{ "parallel", true, OPT_PARALLEL },
	{ "postcopy", false, OPT_POSTCOPY },
	{ "postcopy-after", true, OPT_POSTCOPY_AFTER },
	{ "compressed", false, OPT_COMPRESSED },
	{ "auto-converge", false, OPT_AUTO_CONVERGE },
	{ "copy-storage", true, OPT_COPY_STORAGE },
	{ "dst-xml", true, OPT_DST_XML },
	{ "persist", false, OPT_PERSIST },
	{ "undefine-source", false, OPT_UNDEFINE_SOURCE },
	{ "no-dirty-rate", false, OPT_NO_DIRTY_RATE },
	{ "workload", true, OPT_WORKLOAD },
	{ "guest-exec", true, OPT_GUEST_EXEC },
	{ "app", MB_CLI_VALUE_OPTIONAL, OPT_APP },
	{ "app-rate", true, OPT_APP_RATE },
	{ "app-conns", true, OPT_APP_CONNS },
	{ "app-timeout", true, OPT_APP_TIMEOUT },
	{ "trigger", true, OPT_TRIGGER },
	{ NULL, false, 0 },
};

/* watch: the measuring options, then its own (it measures a migration
 * someone else starts). */
static const struct mb_cli_option watch_options[] = {
	MEASURE_OPTIONS
	{ "count", true, OPT_COUNT },
	{ "nova-log", true, OPT_NOVA_LOG },
	{ NULL, false, 0 },
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
_Static_assert(N_OF(run_options) - 1 <= MB_CLI_MAX_OPTIONS &&
	       N_OF(watch_options) - 1 <= MB_CLI_MAX_OPTIONS, "an option table fits mb_cli_parse");

const struct mb_cli_option *mb_run_option_table(void)
{
	return run_options;
}

static const struct mb_cli_option *watch_option_table(void)
{
	return watch_options;
}

void mb_run_usage(FILE *out)
{
	fprintf(out,
		"Usage: migbench [run] --src HOST --dst HOST [OPTIONS]\n"
		"  --domain NAME          the guest (default: the one running domain on --src)\n"
		"  --target ADDR          IPv4 or IPv6 address to probe (default: the guest's,\n"
		"                         from libvirt: agent then ARP)\n"
		"  --ipv6                 the guest's IPv6 address (from its agent) by default\n"
		"  --hosts-file FILE      NAME URI MIGRATION-ADDRESS lines (default: $MIGBENCH_HOSTS,\n"
		"                         /etc/migbench/hosts, /run/migbench/lab/default/hosts)\n"
		"  --connect-template T   URI for names not in a hosts file (default qemu+ssh://%%s/system)\n"
		"  --interval D           probe interval (default 1ms, at least 50us)\n"
		"  --late-after D         a reply later than this is late (default 100ms)\n"
		"  --lost-after D         a reply later than this is lost (default 1s)\n"
		"  --baseline D           probing before the migration (default 2s)\n"
		"  --tail D               probing after the migration (default 2s)\n"
		"  --timeout D            abort the migration after D (default: none)\n"
		"  --bandwidth MIB        migration bandwidth limit, MiB/s\n"
		"  --max-downtime D       maximum tolerable downtime (libvirt's setting)\n"
		"  --parallel N           N parallel migration connections\n"
		"  --compressed --auto-converge --postcopy [--postcopy-after N]\n"
		"  --copy-storage all|inc --persist --undefine-source --migrate-uri URI\n"
		"  --dst-xml FILE         the domain XML the destination starts it with (its disks' paths)\n"
		"  --ports LO-HI          migration ports to capture (default 49152-49261)\n"
		"  --iface NAME           capture there (default: the route to the destination)\n"
		"  --bin D                throughput bin width (default 10ms, 100us to 60s)\n"
		"  --no-capture           no packet capture: no wire data volume\n"
		"  --no-dirty-rate        no libvirt dirty-rate calculation in the baseline\n"
		"  --workload dirty:SIZE@RATE  the lab guest's dirtier during the run (RATE bytes/s or max)\n"
		"  --guest-exec 'PROG ARG...'  a program in the guest during the run (repeatable)\n"
		"  --app[=URL]            application probe: http://HOST[:PORT]/PATH or\n"
		"                         tcp://HOST:PORT (default: the guest's HTTP server;\n"
		"                         'http' or 'guest' the same, 'tcp' its echo on port 7)\n"
		"  --app-rate R           requests per second, open loop (default 200)\n"
		"  --app-conns N          connections (default 4)\n"
		"  --app-timeout D        a request unanswered D after it was due fails (default 2s)\n"
		"  --json FILE            the run as one JSON document\n"
		"  --out DIR              JSON, probe series, job-statistics and throughput CSV\n"
		"  --quiet                no progress line\n"
		"A campaign (then --out DIR is required):\n"
		"  --runs N               N runs of every scenario, back and forth\n"
		"  --sweep KEY=V1,V2,...  one scenario per combination (repeatable; booleans on,off)\n"
		"  --hosts A,B,C,...      round the ring of hosts instead of --src/--dst\n"
		"  --pause D              wait D between runs\n"
		"  --resume DIR           do the runs of DIR's campaign still without a result\n"
		"  --stop-on-failure      stop at the first failed run\n"
		"  --trigger 'PROG ARG..' after the baseline run PROG (no shell; quoted as in sh)\n"
		"                         instead of migrating, and measure the migration that\n"
		"                         follows; --timeout then bounds its start (default 5m)\n"
		"See migbench(1).\n");
}

void mb_watch_usage(FILE *out)
{
	fprintf(out,
		"Usage: migbench watch --src HOST --dst HOST [OPTIONS]\n"
		"  Waits for a migration of the domain that someone else starts (virsh, nova,\n"
		"  any orchestrator) and measures it as run does.\n"
		"  --domain NAME          the guest (default: the one running domain on --src)\n"
		"  --target ADDR          IPv4 or IPv6 address to probe (default: the guest's,\n"
		"                         from libvirt: agent then ARP)\n"
		"  --ipv6                 the guest's IPv6 address (from its agent) by default\n"
		"  --hosts-file FILE      NAME URI MIGRATION-ADDRESS lines\n"
		"  --connect-template T   URI for names not in a hosts file (default qemu+ssh://%%s/system)\n"
		"  --timeout D            give up if no migration begins within D (exit status 5)\n"
		"  --count N              measure N migrations, back and forth, into --out DIR/1 ...\n"
		"  --nova-log FILE        nova-compute's log, read after the migration: nova's times\n"
		"                         of the same instance beside migbench's and the hypervisor's\n"
		"  --interval D --late-after D --lost-after D --baseline D --tail D\n"
		"  --ports LO-HI --iface NAME --bin D --no-capture --migrate-uri URI\n"
		"  --json FILE            the migration as one JSON document (with --count 1)\n"
		"  --out DIR              JSON, probe series, job-statistics and throughput CSV\n"
		"  --quiet                no progress line\n"
		"See migbench-watch(1).\n");
}

static void set_defaults(struct mb_run_options *o)
{
	memset(o, 0, sizeof(*o));
	o->interval_ns = 1000000;
	o->late_after_ns = 100000000;
	o->lost_after_ns = 1000000000;
	o->baseline_ns = 2000000000;
	o->tail_ns = 2000000000;
	o->postcopy_after = -1;
	o->port_lo = 49152;
	o->port_hi = 49261;
	o->bin_ns = 10000000;
	o->app_rate = MB_APP_DEFAULT_RATE;
	o->app_conns = MB_APP_DEFAULT_CONNS;
	o->app_timeout_ns = MB_APP_PROBE_DEFAULT_TIMEOUT_NS;
	o->count = 1;
}

/* QEMU keeps the limit in bytes/s as an int64_t: libvirt refuses more. */
#define MAX_BANDWIDTH_MIB ((uint64_t)INT64_MAX >> 20)

static int parse_copy_storage(const char *v, struct mb_run_options *o)
{
	if (!strcmp(v, "all"))
		o->copy_storage = MB_COPY_ALL;
	else if (!strcmp(v, "inc"))
		o->copy_storage = MB_COPY_INC;
	else
		return mb_cli_refuse_value(NULL, "copy-storage", v, "expected all or inc");
	return 0;
}

static int parse_workload(const char *v, struct mb_run_options *o)
{
	struct mb_dirty_spec s;
	char why[160];

	if (mb_workload_parse(v, &s, why, sizeof(why)))
		return mb_cli_refuse_value(NULL, "workload", v, why);
	o->workload = v;
	return 0;
}

/* Split here only to refuse a bad line before anything is opened. */
static int parse_guest_exec(const char *v, struct mb_run_options *o)
{
	struct mb_words w;
	char why[160];

	if (o->n_guest_exec == MB_RUN_MAX_GUEST_EXEC)
		return mb_cli_refuse_value(NULL, "guest-exec", v, "at most 8 programs");
	if (mb_split_words(v, &w, why, sizeof(why)))
		return mb_cli_refuse_value(NULL, "guest-exec", v, why);
	mb_words_free(&w);
	o->guest_exec[o->n_guest_exec++] = v;
	return 0;
}

/* An address, not a name: the prober needs one family and one address,
 * and a typo should not become a DNS lookup after the hosts are opened. */
static int parse_target(const char *v, struct mb_run_options *o)
{
	struct in6_addr a6;
	struct in_addr a4;

	if (inet_pton(AF_INET, v, &a4) == 1)
		o->target_family = AF_INET;
	else if (inet_pton(AF_INET6, v, &a6) == 1)
		o->target_family = AF_INET6;
	else
		return mb_cli_refuse_value(NULL, "target", v, "not an IPv4 or IPv6 address");
	o->target = v;
	return 0;
}

static int parse_ports(const char *v, struct mb_run_options *o)
{
	if (mb_parse_port_range(v, &o->port_lo, &o->port_hi))
		return mb_cli_refuse_value(NULL, "ports", v, "not a port or a range like 49152-49261");
	return 0;
}

/* The application probe's options: the URL is checked here, so a
 * malformed one is a usage error before any host is touched. */
static int parse_app(int c, const char *v, struct mb_run_options *o)
{
	uint64_t n;
	char err[512];
	struct mb_url u;

	switch (c) {
	case OPT_APP:
		o->app = true;
		o->app_url = v && strcmp(v, "guest") && strcmp(v, "http") ? v : NULL;
		if (o->app_url && strcmp(v, "tcp") && mb_url_parse(v, &u, err, sizeof(err)))
			return mb_cli_refuse(NULL, "--app: %s", err);
		return 0;
	case OPT_APP_RATE:
		return mb_cli_parse_number(NULL, "app-rate", v, MB_APP_PROBE_MIN_RATE,
					   MB_APP_PROBE_MAX_RATE, &o->app_rate);
	case OPT_APP_CONNS:
		if (mb_cli_parse_uint(NULL, "app-conns", v, 1, MB_APP_PROBE_MAX_CONNS, &n))
			return MB_EXIT_USAGE;
		o->app_conns = (unsigned)n;
		return 0;
	case OPT_APP_TIMEOUT:
		return mb_cli_parse_duration(NULL, "app-timeout", v, MB_CLI_ZERO_REFUSED, &o->app_timeout_ns);
	}
	return MB_EXIT_INTERNAL; /* an id missing here: a bug */
}

/* Split now so a bad quote is a usage error before any host is touched;
 * the run splits it again when it starts the program. */
static int parse_trigger(const char *v, struct mb_run_options *o)
{
	struct mb_args a;
	const char *why;

	if (mb_argsplit(v, &a, &why))
		return mb_cli_refuse_value(NULL, "trigger", v, why);
	mb_args_free(&a);
	o->trigger = v;
	o->trigger_kind = MB_TRIGGER_PROGRAM;
	return 0;
}

/* One option; 0 or MB_EXIT_USAGE.  Refusals name no command (NULL).  Every
 * duration may be 0 here: --timeout 0 is no timeout, --max-downtime 0
 * libvirt's default, --tail 0 no tail window; check_consistency() bounds
 * --interval, --late-after, --lost-after and --bin with its own messages. */
static int parse_one(void *ctx, int c, const char *v)
{
	enum mb_cli_zero zero_ok = MB_CLI_ZERO_ALLOWED;
	struct mb_run_options *o = ctx;

	switch (c) {
	case OPT_SRC: o->src = v; return 0;
	case OPT_DST: o->dst = v; return 0;
	case OPT_DOMAIN: o->domain = v; return 0;
	case OPT_TARGET: return parse_target(v, o);
	case OPT_IPV6: o->ipv6 = true; return 0;
	case OPT_HOSTS_FILE: o->hosts_file = v; return 0;
	case OPT_TEMPLATE: o->connect_template = v; return 0;
	case OPT_MIGRATE_URI: o->migrate_uri = v; return 0;
	case OPT_JSON: o->json_path = v; return 0;
	case OPT_OUT: o->out_dir = v; return 0;
	case OPT_INTERVAL: return mb_cli_parse_duration(NULL, "interval", v, zero_ok, &o->interval_ns);
	case OPT_LATE: return mb_cli_parse_duration(NULL, "late-after", v, zero_ok, &o->late_after_ns);
	case OPT_LOST: return mb_cli_parse_duration(NULL, "lost-after", v, zero_ok, &o->lost_after_ns);
	/* The baseline decides whether the guest answers: it cannot be empty. */
	case OPT_BASELINE:
		return mb_cli_parse_duration(NULL, "baseline", v, MB_CLI_ZERO_REFUSED, &o->baseline_ns);
	case OPT_TAIL: return mb_cli_parse_duration(NULL, "tail", v, zero_ok, &o->tail_ns);
	case OPT_TIMEOUT: return mb_cli_parse_duration(NULL, "timeout", v, zero_ok, &o->timeout_ns);
	case OPT_MAX_DOWNTIME:
		return mb_cli_parse_duration(NULL, "max-downtime", v, zero_ok, &o->max_downtime_ns);
	case OPT_BANDWIDTH:
		return mb_cli_parse_uint(NULL, "bandwidth", v, 1, MAX_BANDWIDTH_MIB, &o->bandwidth_mib);
	case OPT_PARALLEL: return mb_cli_parse_int_range(NULL, "parallel", v, 1, 255, &o->parallel);
	case OPT_POSTCOPY_AFTER:
		return mb_cli_parse_int_range(NULL, "postcopy-after", v, 0, 1000000, &o->postcopy_after);
	case OPT_COPY_STORAGE: return parse_copy_storage(v, o);
	case OPT_DST_XML: o->dst_xml = v; return 0; /* read by the run, before any host */
	case OPT_POSTCOPY: o->postcopy = true; return 0;
	case OPT_COMPRESSED: o->compressed = true; return 0;
	case OPT_AUTO_CONVERGE: o->auto_converge = true; return 0;
	case OPT_PERSIST: o->persist = true; return 0;
	case OPT_UNDEFINE_SOURCE: o->undefine_source = true; return 0;
	case OPT_QUIET: o->quiet = true; return 0;
	case OPT_PORTS: return parse_ports(v, o);
	case OPT_IFACE: o->iface = v; return 0;
	case OPT_BIN: return mb_cli_parse_duration(NULL, "bin", v, zero_ok, &o->bin_ns);
	case OPT_NO_CAPTURE: o->no_capture = true; return 0;
	case OPT_NO_DIRTY_RATE: o->no_dirty_rate = true; return 0;
	case OPT_TRIGGER: return parse_trigger(v, o);
	case OPT_COUNT: return mb_cli_parse_int_range(NULL, "count", v, 1, 10000, &o->count);
	case OPT_NOVA_LOG: o->nova_log = v; return 0;
	case OPT_WORKLOAD: return parse_workload(v, o);
	case OPT_GUEST_EXEC: return parse_guest_exec(v, o);
	default: return parse_app(c, v, o);
	}
}

static int usage_error(const char *msg)
{
	return mb_cli_refuse(NULL, "%s", msg);
}

/* How libvirt migrates is the trigger's business once it migrates. */
static int check_trigger(const struct mb_run_options *o)
{
	if (o->trigger_kind != MB_TRIGGER_PROGRAM)
		return 0;
	if (o->bandwidth_mib || o->max_downtime_ns || o->parallel || o->postcopy || o->compressed ||
	    o->auto_converge || o->copy_storage != MB_COPY_NONE || o->persist || o->undefine_source ||
	    o->dst_xml)
		return usage_error("--trigger: the program migrates, so libvirt's migration options "
				   "(--bandwidth, --max-downtime, --parallel, --postcopy, --compressed, "
				   "--auto-converge, --copy-storage, --dst-xml, --persist, --undefine-source) "
				   "are its own");
	return 0;
}

/* What each option cannot be alone or together. */
static int check_consistency(const struct mb_run_options *o)
{
	if (!o->src)
		return usage_error("--src HOST is required (try --help)");
	if (!o->dst)
		return usage_error("--dst HOST is required (try --help)");
	if (!strcmp(o->src, o->dst))
		return usage_error("--src and --dst name the same host");
	if (o->interval_ns < 50000)
		return usage_error("--interval: at least 50us");
	if (o->late_after_ns <= 0 || o->lost_after_ns <= 0)
		return usage_error("--late-after and --lost-after must be positive");
	if (o->late_after_ns > o->lost_after_ns)
		return usage_error("--late-after must not exceed --lost-after");
	if (o->lost_after_ns > 60LL * 1000000000)
		return usage_error("--lost-after: at most 60s");
	if (o->postcopy_after >= 0 && !o->postcopy)
		return usage_error("--postcopy-after needs --postcopy");
	if (o->postcopy && o->compressed)
		return usage_error("--postcopy and --compressed cannot be combined (QEMU refuses)");
	if (o->bin_ns < MB_RUN_MIN_BIN_NS || o->bin_ns > MB_RUN_MAX_BIN_NS)
		return usage_error("--bin: from 100us to 60s");
	if (o->ipv6 && o->target_family == AF_INET)
		return usage_error("--ipv6 with an IPv4 --target: choose one");
	if (o->no_capture && o->iface)
		return usage_error("--iface and --no-capture cannot be combined");
	if (!o->app && (o->app_rate != MB_APP_DEFAULT_RATE || o->app_conns != MB_APP_DEFAULT_CONNS ||
			o->app_timeout_ns != MB_APP_PROBE_DEFAULT_TIMEOUT_NS))
		return usage_error("--app-rate, --app-conns and --app-timeout need --app");
	return check_trigger(o);
}

int mb_run_options_parse(int argc, char **argv, struct mb_run_options *o, bool *help)
{
	const struct mb_cli_command cmd = {
		.cmd = NULL, .options = mb_run_option_table(), .apply = parse_one, .usage = mb_run_usage,
	};
	int r;

	set_defaults(o);
	r = mb_cli_parse(&cmd, o, argc, argv, help, NULL);
	return r || *help ? r : check_consistency(o);
}

int mb_watch_options_parse(int argc, char **argv, struct mb_run_options *o, bool *help)
{
	const struct mb_cli_command cmd = {
		.cmd = "watch", .options = watch_option_table(), .apply = parse_one,
		.usage = mb_watch_usage,
	};
	int r;

	set_defaults(o);
	o->trigger_kind = MB_TRIGGER_EXTERNAL;
	o->read_only = true;
	r = mb_cli_parse(&cmd, o, argc, argv, help, NULL);
	if (r || *help || (r = check_consistency(o)))
		return r;
	if (o->count > 1 && !o->out_dir)
		return usage_error("--count N writes DIR/1 to DIR/N: give --out DIR");
	if (o->count > 1 && o->json_path)
		return usage_error("--json holds one migration: with --count, the results are in --out DIR/N");
	return 0;
}
