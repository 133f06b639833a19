#include "config.h"

#include "src/run/campaign_options.h"

#include <stdlib.h>
#include <string.h>

#include "analysis/units.h"
#include "src/common/cli.h"
#include "src/common/exitcode.h"
#include "src/common/hosts.h"
#include "src/run/run_options.h"

/* The campaign's own options, by the names a command line may give. */
static const struct mb_cli_option campaign_options[] = {
	{ "runs", true, 1 }, { "pause", true, 2 }, { "sweep", true, 3 }, { "hosts", true, 4 },
	{ "resume", true, 5 }, { "stop-on-failure", false, 6 }, { NULL, false, 0 },
};

enum { C_RUNS = 1, C_PAUSE, C_SWEEP, C_HOSTS, C_RESUME, C_STOP };

/* Options a sweep may not vary: where the runs go and what they write. */
static const char *const unsweepable[] = {
	"src", "dst", "domain", "hosts-file", "connect-template", "json", "out", "quiet", NULL,
};

/* The option "--NAME[=V]" names, as getopt_long reads it (the whole name
 * or an unambiguous prefix), in either table; NULL if none or ambiguous.
 * *campaign says which table. */
static const struct mb_cli_option *resolve(const char *arg, bool *campaign)
{
	const struct mb_cli_option *tables[2] = { mb_run_option_table(), campaign_options }, *hit = NULL;
	size_t n = strcspn(arg, "=") - 2;

	if (strncmp(arg, "--", 2) || n == 0)
		return NULL;
	for (int t = 0; t < 2; t++)
		for (const struct mb_cli_option *o = tables[t]; o->name; o++) {
			if (strncmp(o->name, arg + 2, n))
				continue;
			if (strlen(o->name) == n) {
				*campaign = t == 1;
				return o; /* exact beats any prefix */
			}
			if (hit)
				return NULL;
			hit = o;
			*campaign = t == 1;
		}
	return hit;
}

bool mb_campaign_wanted(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		bool campaign = false;
		const struct mb_cli_option *o;

		if (!strcmp(argv[i], "--"))
			return false;
		o = resolve(argv[i], &campaign);
		if (o && campaign)
			return true;
		if (o && o->value && !strchr(argv[i], '='))
			i++; /* its value, whatever it looks like */
	}
	return false;
}

static void campaign_usage(FILE *out)
{
	mb_run_usage(out);
}

static int add_hosts(struct mb_plan *p, const char *list)
{
	char err[128], name[256];

	for (const char *h = list;; h += strcspn(h, ",") + 1) {
		size_t n = strcspn(h, ",");

		snprintf(name, sizeof(name), "%.*s", (int)n, h);
		if (n >= sizeof(name) || mb_plan_add_host(p, name, err, sizeof(err)))
			return mb_cli_refuse_value(NULL, "hosts", list, n >= sizeof(name) ? "a name too long" : err);
		if (!h[n])
			break;
	}
	if (p->nhosts < 2)
		return mb_cli_refuse_value(NULL, "hosts", list, "name two hosts or more");
	return 0;
}

static int apply_campaign(struct mb_campaign_options *c, int id, const char *v)
{
	char err[128];
	uint64_t runs;

	switch (id) {
	case C_RUNS:
		if (mb_cli_parse_uint(NULL, "runs", v, 1, MB_PLAN_MAX_RUNS, &runs))
			return MB_EXIT_USAGE;
		c->plan.runs = (unsigned)runs;
		c->runs_given = true;
		return 0;
	case C_PAUSE: return mb_cli_parse_duration(NULL, "pause", v, MB_CLI_ZERO_ALLOWED, &c->pause_ns);
	case C_SWEEP:
		if (mb_plan_add_sweep(&c->plan, v, err, sizeof(err)))
			return mb_cli_refuse_value(NULL, "sweep", v, err);
		return 0;
	case C_HOSTS: return c->plan.nhosts ? mb_cli_refuse(NULL, "--hosts given twice") : add_hosts(&c->plan, v);
	case C_RESUME: c->dir = v; c->resume = true; return 0;
	case C_STOP: c->stop_on_failure = true; return 0;
	}
	return MB_EXIT_INTERNAL;
}

/* What the campaign keeps of a run option rather than passing it on. */
struct kept {
	const char *src, *dst, *out;
	bool json;
};

static int keep_run_option(struct mb_campaign_options *c, struct kept *k, const char *name,
			   const char *v, const char *arg)
{
	if (!strcmp(name, "src"))
		k->src = v;
	else if (!strcmp(name, "dst"))
		k->dst = v;
	else if (!strcmp(name, "out"))
		k->out = v;
	else if (!strcmp(name, "json"))
		k->json = true;
	else if (!strcmp(name, "quiet"))
		c->quiet = true;
	else
		return mb_plan_add_arg(&c->plan, arg) ? MB_EXIT_INTERNAL : 1;
	return 0;
}

/* One argument at argv[*i] (and its value): 0, or an exit status. */
static int split_one(struct mb_campaign_options *c, struct kept *k, int argc, char **argv, int *i)
{
	const char *arg = argv[*i], *eq = strchr(arg, '='), *v = NULL;
	bool campaign = false;
	const struct mb_cli_option *o = resolve(arg, &campaign);
	int r;

	if (!o) /* not ours: the run's own parse words the refusal */
		return mb_plan_add_arg(&c->plan, arg) ? MB_EXIT_INTERNAL : 0;
	if (o->value && !eq && *i + 1 >= argc)
		return mb_cli_refuse(NULL, "option '--%s' needs a value", o->name);
	if (o->value)
		v = eq ? eq + 1 : argv[++*i];
	if (campaign)
		return apply_campaign(c, o->id, v);
	r = keep_run_option(c, k, o->name, v, arg);
	if (r == 1 && o->value && !eq)
		r = mb_plan_add_arg(&c->plan, v) ? MB_EXIT_INTERNAL : 0;
	return r == 1 ? 0 : r;
}

static int check_dirs(struct mb_campaign_options *c, const struct kept *k)
{
	if (k->json)
		return mb_cli_refuse(NULL, "--json: a campaign writes one JSON per run under --out DIR");
	if (c->resume && k->out)
		return mb_cli_refuse(NULL, "--resume DIR continues the campaign in DIR: no --out");
	if (!c->resume && !k->out)
		return mb_cli_refuse(NULL, "a campaign (--runs, --sweep, --hosts) needs --out DIR");
	if (!c->resume)
		c->dir = k->out;
	return 0;
}

static int check_hosts(struct mb_campaign_options *c, const struct kept *k)
{
	char err[128];

	if (c->plan.nhosts && (k->src || k->dst))
		return mb_cli_refuse(NULL, "--hosts names every host: no --src or --dst");
	if (c->plan.nhosts)
		return 0;
	if (!k->src || !k->dst)
		return c->resume && !k->src && !k->dst ? 0 : mb_cli_refuse(NULL, "--src HOST and --dst HOST are required (or --hosts A,B,...)");
	if (mb_plan_add_host(&c->plan, k->src, err, sizeof(err)) ||
	    mb_plan_add_host(&c->plan, k->dst, err, sizeof(err)))
		return mb_cli_refuse(NULL, "--src and --dst name the same host");
	return 0;
}

int mb_campaign_options_parse(int argc, char **argv, struct mb_campaign_options *c, bool *help)
{
	struct kept k = { 0 };
	int r = 0;

	memset(c, 0, sizeof(*c));
	mb_plan_init(&c->plan);
	*help = false;
	for (int i = 1; i < argc && !r; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			campaign_usage(stdout);
			*help = true;
			return 0;
		}
		r = split_one(c, &k, argc, argv, &i);
	}
	if (!r)
		r = check_dirs(c, &k);
	if (!r)
		r = check_hosts(c, &k);
	return r;
}

void mb_campaign_options_free(struct mb_campaign_options *c)
{
	mb_plan_free(&c->plan);
}

static const struct mb_cli_option *run_option(const char *name)
{
	for (const struct mb_cli_option *o = mb_run_option_table(); o->name; o++)
		if (!strcmp(o->name, name))
			return o;
	return NULL;
}

static int push(char **argv, int *n, const char *s)
{
	argv[*n] = strdup(s);
	return argv[(*n)++] ? 0 : -1;
}

char **mb_campaign_argv(const struct mb_plan *p, size_t s, const char *src, const char *dst,
			const char *out_dir, bool quiet, int *argc)
{
	char **argv = calloc(p->nargs + 2 * p->naxes + 10, sizeof(*argv)), opt[128];
	int n = 0, bad = !argv;

	for (size_t i = 0; i < p->nargs && !bad; i++)
		bad = push(argv, &n, p->args[i]);
	for (size_t a = 0; a < p->naxes && !bad; a++) {
		const char *v = mb_plan_value(p, s, a);
		const struct mb_cli_option *o = run_option(p->axes[a].key);

		snprintf(opt, sizeof(opt), "--%s", p->axes[a].key);
		if (o && !o->value && !strcmp(v, "off"))
			continue;
		bad = push(argv, &n, opt) || (o && o->value && push(argv, &n, v));
	}
	bad = bad || push(argv, &n, "--src") || push(argv, &n, src) || push(argv, &n, "--dst") ||
	      push(argv, &n, dst) || push(argv, &n, "--out") || push(argv, &n, out_dir) ||
	      (quiet && push(argv, &n, "--quiet"));
	if (bad) {
		mb_campaign_argv_free(argv);
		return NULL;
	}
	/* getopt wants argv[0] first: shift by one. */
	memmove(argv + 1, argv, (size_t)n * sizeof(*argv));
	argv[0] = strdup("migbench");
	*argc = n + 1;
	if (!argv[0]) {
		mb_campaign_argv_free(argv);
		return NULL;
	}
	return argv;
}

void mb_campaign_argv_free(char **argv)
{
	for (size_t i = 0; argv && argv[i]; i++)
		free(argv[i]);
	free(argv);
}

static bool in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (!strcmp(*list, s))
			return true;
	return false;
}

/* A swept key: a run option by its whole name, one a sweep may vary,
 * not given as an option too, and a boolean one swept as on,off. */
static int check_axis(const struct mb_plan *p, const struct mb_sweep_axis *ax)
{
	const struct mb_cli_option *o = run_option(ax->key);
	bool campaign;

	if (!o || in_list(unsweepable, ax->key))
		return mb_cli_refuse(NULL, "--sweep: unknown key '%s' (a run option that takes a value, or a boolean one as on,off)", ax->key);
	for (size_t i = 0; i < p->nargs; i++)
		if (resolve(p->args[i], &campaign) == o)
			return mb_cli_refuse(NULL, "--sweep %s: --%s is given as an option too", ax->key, ax->key);
	for (size_t v = 0; v < ax->n && !o->value; v++)
		if (strcmp(ax->values[v], "on") && strcmp(ax->values[v], "off"))
			return mb_cli_refuse(NULL, "--sweep %s: value '%s': --%s takes on or off", ax->key,
					     ax->values[v], ax->key);
	return 0;
}

/* Every name of the ring as the runs will resolve it: with a hosts file
 * in play, a name that is not in it would go to the connect template,
 * a typo far more often than a host reached by name beside the file's. */
static int check_ring(const struct mb_plan *p, const struct mb_run_options *o)
{
	struct mb_host_lookup lk = { .hosts_file = o->hosts_file, .connect_template = o->connect_template };
	struct mb_host h;
	char err[1024];
	size_t from_file = 0, unknown = p->nhosts;

	for (size_t i = 0; i < p->nhosts; i++) {
		if (mb_host_resolve(p->hosts[i], &lk, &h, err, sizeof(err)))
			return mb_cli_refuse(NULL, "--hosts: %s", err);
		if (!strncmp(h.source, "hosts file", 10))
			from_file++;
		else if (!strncmp(h.source, "connect template", 16) && !o->connect_template)
			unknown = i;
	}
	if (from_file && unknown < p->nhosts)
		return mb_cli_refuse(NULL, "--hosts: unknown host '%s' (not in the hosts file; --connect-template reaches hosts by name)",
				     p->hosts[unknown]);
	return 0;
}

int mb_campaign_check_plan(const struct mb_plan *p)
{
	struct mb_run_options o;
	bool help;
	int argc, r = 0;

	for (size_t a = 0; a < p->naxes; a++)
		if ((r = check_axis(p, &p->axes[a])))
			return r;
	for (size_t s = 0; s < mb_plan_scenarios(p) && !r; s++) {
		char **argv = mb_campaign_argv(p, s, p->hosts[0], p->hosts[1], ".", true, &argc);

		if (!argv)
			return mb_cli_refuse(NULL, "out of memory");
		r = mb_run_options_parse(argc, argv, &o, &help);
		if (!r && help)
			r = mb_cli_refuse(NULL, "--help is not a run option of a campaign");
		/* Its disk paths are one host's, and a campaign's runs go back and forth. */
		if (!r && o.dst_xml)
			r = mb_cli_refuse(NULL, "--dst-xml names one destination's disks: not in a campaign, whose runs go back and forth");
		if (!r && s == 0)
			r = check_ring(p, &o);
		mb_campaign_argv_free(argv);
	}
	return r;
}

bool mb_campaign_bare_resume(const struct mb_campaign_options *c)
{
	return c->resume && !c->runs_given && !c->plan.nargs && !c->plan.naxes && !c->plan.nhosts;
}
