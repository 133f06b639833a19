/* Starting a new campaign (snapio_setup.h): every check before anything
 * in the domain changes. */
#include "config.h"

#include "src/snapio/snapio_setup.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "analysis/snapio/fio.h"
#include "analysis/units.h"
#include "analysis/utf8.h"
#include "src/common/hosts.h"
#include "src/snapio/snapshot.h"

#define MAX_JOB_FILE (1 << 20)
#define PING_TIMEOUT_S 5

/* ------------------------------------------------------------ shared */

int mb_snapio_connect(struct mb_snapio *s, const char *arg)
{
	struct mb_host_lookup lk = { s->opt->hosts_file, s->opt->connect_template };
	struct mb_host h;
	char err[1024];

	if (mb_host_resolve(arg, &lk, &h, err, sizeof(err)))
		return mb_snapio_fail(s, MB_EXIT_USAGE, "%s", err);
	if (mb_virt_connect(&s->host, &h, err, sizeof(err)))
		return mb_snapio_fail(s, MB_EXIT_ENV, "%s", err);
	s->have_host = true;
	return 0;
}

int mb_snapio_make_plan(struct mb_snapio *s)
{
	struct mb_snapio_plan_config pc = {
		s->cfg.layers, s->cfg.files, s->cfg.file_size, s->cfg.delete_ppm, s->cfg.seed,
	};

	s->plan = mb_snapio_plan_new(&pc);
	if (!s->plan)
		return mb_snapio_fail(s, MB_EXIT_INTERNAL, "write plan: bad configuration or out of memory");
	s->shape = (struct mb_snapio_shape){ s->cfg.layers, s->cfg.files, s->cfg.native, s->cfg.repeat };
	return 0;
}

static void version_text(unsigned long v, char *buf, size_t len)
{
	snprintf(buf, len, "%lu.%lu.%lu", v / 1000000, v / 1000 % 1000, v % 1000);
}

/* ------------------------------------------------------------ new */

static int random_bytes(void *buf, size_t n)
{
	return getrandom(buf, n, 0) == (ssize_t)n ? 0 : -1;
}

static int make_id_and_seed(struct mb_snapio *s)
{
	uint32_t id;
	uint64_t seed;

	if (random_bytes(&id, sizeof(id)) || random_bytes(&seed, sizeof(seed)))
		return mb_snapio_fail(s, MB_EXIT_INTERNAL, "getrandom: %s", strerror(errno));
	snprintf(s->cfg.id, sizeof(s->cfg.id), "%08" PRIx32, id);
	/* 53 bits: exact in any JSON reader, jq included. */
	s->cfg.seed = s->opt->seed_set ? s->opt->seed : seed & ((1ULL << 53) - 1);
	return 0;
}

static int pick_domain(struct mb_snapio *s)
{
	char err[1024];
	int persistent;

	s->dom = mb_virt_pick_domain(&s->host, s->opt->domain, err, sizeof(err));
	if (!s->dom)
		return mb_snapio_fail(s, MB_EXIT_ENV, "%s", err);
	snprintf(s->cfg.domain, sizeof(s->cfg.domain), "%s", virDomainGetName(s->dom));
	virDomainGetUUIDString(s->dom, s->cfg.uuid);
	persistent = virDomainIsPersistent(s->dom);
	if (persistent != 1 && !s->cfg.native)
		return mb_snapio_fail(s, MB_EXIT_ENV,
				      "domain '%s' is not persistent: the manual revert redefines it", s->cfg.domain);
	return 0;
}

static int choose_route(struct mb_snapio *s)
{
	bool can = s->host.libvirt_version >= MB_LIBVIRT_NATIVE_EXTERNAL_REVERT;
	char v[32];

	version_text(s->host.libvirt_version, v, sizeof(v));
	if (s->opt->revert == MB_REVERT_NATIVE && !can)
		return mb_snapio_fail(s, MB_EXIT_ENV,
				      "libvirt %s on %s cannot revert external snapshots (9.9.0 can): use --revert manual",
				      v, s->host.host.name);
	s->cfg.native = can && s->opt->revert != MB_REVERT_MANUAL;
	s->cfg.libvirt_version = s->host.libvirt_version;
	return 0;
}

static char *domain_xml(struct mb_snapio *s, unsigned int flags)
{
	char *xml = virDomainGetXMLDesc(s->dom, flags);

	if (!xml)
		mb_snapio_fail(s, MB_EXIT_ENV, "domain '%s': %s", s->cfg.domain, mb_virt_last_error());
	return xml;
}

static int check_disk_kind(struct mb_snapio *s, const struct mb_disk_info *d)
{
	if (strcmp(d->device, "disk"))
		return mb_snapio_fail(s, MB_EXIT_ENV, "domain '%s': %s is a %s, not a disk",
				      s->cfg.domain, d->target, d->device);
	if (strcmp(d->type, "file"))
		return mb_snapio_fail(s, MB_EXIT_ENV,
				      "domain '%s': disk %s is of type '%s': snapio puts overlays beside the disk's file, so it needs a file disk",
				      s->cfg.domain, d->target, d->type);
	if (d->readonly || !d->source[0])
		return mb_snapio_fail(s, MB_EXIT_ENV, "domain '%s': disk %s is %s", s->cfg.domain,
				      d->target, d->readonly ? "read-only" : "empty");
	return 0;
}

/* The disk as it runs, and its persistent definition, which the manual
 * revert puts back at depth 0. */
static int check_disk(struct mb_snapio *s)
{
	struct mb_disk_info live, persistent;
	char *xml = domain_xml(s, 0), err[1024];
	int r;

	if (!xml)
		return MB_EXIT_ENV;
	r = mb_domxml_disk(xml, s->opt->disk, &live, err, sizeof(err));
	free(xml);
	if (r)
		return mb_snapio_fail(s, MB_EXIT_ENV, "domain '%s': %s", s->cfg.domain, err);
	if ((r = check_disk_kind(s, &live)))
		return r;
	xml = domain_xml(s, VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE);
	if (!xml)
		return MB_EXIT_ENV;
	r = mb_domxml_disk(xml, s->opt->disk, &persistent, err, sizeof(err));
	s->cfg.base_disk_xml = r ? NULL : mb_domxml_disk_element(xml, s->opt->disk, err, sizeof(err));
	free(xml);
	if (!s->cfg.base_disk_xml)
		return mb_snapio_fail(s, MB_EXIT_ENV, "domain '%s' (persistent definition): %s",
				      s->cfg.domain, err);
	if (strcmp(live.source, persistent.source))
		return mb_snapio_fail(s, MB_EXIT_ENV,
				      "domain '%s': disk %s runs on %s but is defined on %s; start from a domain whose definitions agree",
				      s->cfg.domain, live.target, live.source, persistent.source);
	snprintf(s->cfg.disk, sizeof(s->cfg.disk), "%s", live.target);
	snprintf(s->cfg.base_source, sizeof(s->cfg.base_source), "%s", live.source);
	snprintf(s->cfg.base_format, sizeof(s->cfg.base_format), "%s", live.format);
	return 0;
}

static int check_agent(struct mb_snapio *s)
{
	char err[1024];

	if (mb_agent_ping(s->dom, PING_TIMEOUT_S, err, sizeof(err)))
		return mb_snapio_fail(s, MB_EXIT_ENV, "guest agent of domain '%s' does not answer: %s",
				      s->cfg.domain, err);
	return 0;
}

static char *read_job_file(struct mb_snapio *s, const char *path)
{
	FILE *f = fopen(path, "r");
	char *text = calloc(1, MAX_JOB_FILE + 1);
	size_t n = 0;

	if (f && text)
		n = fread(text, 1, MAX_JOB_FILE + 1, f);
	/* The journal keeps the job as a JSON string: UTF-8 text, kept exact. */
	if (!f || !text || ferror(f) || n > MAX_JOB_FILE || memchr(text, '\0', n) ||
	    !mb_utf8_valid(text, n)) {
		mb_snapio_fail(s, MB_EXIT_USAGE, "--fio-job %s: %s", path,
			       !f ? strerror(errno) : n > MAX_JOB_FILE ? "larger than 1 MiB"
			       : "unreadable or not UTF-8 text");
		free(text);
		text = NULL;
	}
	if (f)
		fclose(f);
	return text;
}

static int fill_config(struct mb_snapio *s)
{
	struct mb_snapio_config *c = &s->cfg;
	const struct mb_snapio_options *o = s->opt;

	snprintf(c->host_name, sizeof(c->host_name), "%s", s->host.host.name);
	snprintf(c->host_uri, sizeof(c->host_uri), "%s", s->host.host.uri);
	c->layers = o->snapshots;
	c->files = o->files;
	c->repeat = (unsigned)o->repeat;
	c->file_size = o->file_size;
	c->delete_ppm = o->delete_ppm;
	snprintf(c->guest_dir, sizeof(c->guest_dir), "%s", o->guest_dir);
	/* "/data" and "/data/" alike. */
	while (strlen(c->guest_dir) > 1 && c->guest_dir[strlen(c->guest_dir) - 1] == '/')
		c->guest_dir[strlen(c->guest_dir) - 1] = '\0';
	snprintf(c->campaign_dir, sizeof(c->campaign_dir), "%s/migbench-snapio-%s",
		 strcmp(c->guest_dir, "/") ? c->guest_dir : "", c->id);
	snprintf(c->fio_job_guest, sizeof(c->fio_job_guest), "/tmp/migbench-snapio-%s.fio", c->id);
	if (o->fio_job)
		return 0; /* read first of all, by load_job_file */
	snprintf(c->fio_file, sizeof(c->fio_file), "%s.fio-data", c->campaign_dir);
	snprintf(c->fio_job_source, sizeof(c->fio_job_source), "default");
	c->fio_size = o->fio_size;
	c->fio_runtime_ns = o->fio_runtime_ns;
	c->fio_job = mb_fio_default_job(c->fio_file, c->fio_size, c->fio_runtime_ns);
	return c->fio_job ? 0 : mb_snapio_fail(s, MB_EXIT_INTERNAL, "out of memory");
}

/* The user's job file, before anything else: a typo in its name should
 * not wait for a connection. */
static int load_job_file(struct mb_snapio *s)
{
	if (!s->opt->fio_job)
		return 0;
	snprintf(s->cfg.fio_job_source, sizeof(s->cfg.fio_job_source), "%s", s->opt->fio_job);
	s->cfg.fio_job = read_job_file(s, s->opt->fio_job);
	return s->cfg.fio_job ? 0 : MB_EXIT_USAGE;
}

/* A preflight command in the guest (not journaled: no journal yet). */
static int preflight_cmd(struct mb_snapio *s, const char *const *argv, size_t argc,
			 const char *input, struct mb_agent_result *r, int bad_status)
{
	struct mb_agent_cmd cmd = {
		.path = "/bin/sh", .argv = argv, .argc = argc, .input = input,
		.input_len = input ? strlen(input) : 0, .timeout_ns = s->opt->guest_timeout_ns,
	};
	char err[1024] = "";
	enum mb_agent_status st = mb_agent_exec(s->dom, &cmd, r, err, sizeof(err));

	if (!s->preflight)
		s->preflight = json_object_new_array();
	json_object_array_add(s->preflight, mb_journal_command_record("preflight", cmd.path, argv, argc,
								      r, st, err));
	if (st != MB_AGENT_OK)
		return mb_snapio_fail(s, st == MB_AGENT_INTERRUPTED ? MB_EXIT_STEP : MB_EXIT_ENV,
				      "guest preflight: %s", err);
	if (r->exitcode || r->signal) {
		r->err[strcspn(r->err, "\n")] = '\0';
		return mb_snapio_fail(s, bad_status, "guest: %s", r->err[0] ? r->err : "preflight failed");
	}
	return 0;
}

/* Free space needed at the peak: the live files, tags, fio's file, and
 * room for the file system's own bookkeeping (2% + 16 MiB). */
static uint64_t space_needed(const struct mb_snapio *s)
{
	uint64_t need = mb_snapio_plan_peak_bytes(s->plan) + (uint64_t)s->cfg.layers * 4096 +
			s->cfg.fio_size;

	return need + need / 50 + (16ULL << 20);
}

static int check_space(struct mb_snapio *s, const char *df_line)
{
	unsigned long long total_k, used_k, avail_k;
	char have[32], need[32], each[32];
	uint64_t needed = space_needed(s);

	if (sscanf(df_line, "%*s %llu %llu %llu", &total_k, &used_k, &avail_k) != 3)
		return mb_snapio_fail(s, MB_EXIT_ENV, "guest: cannot read df output '%.100s'", df_line);
	if ((uint64_t)avail_k * 1024 >= needed)
		return 0;
	mb_format_size((uint64_t)avail_k * 1024, have, sizeof(have));
	mb_format_size(needed, need, sizeof(need));
	mb_format_size(s->cfg.file_size, each, sizeof(each));
	return mb_snapio_fail(s, MB_EXIT_ENV,
			      "not enough space in the guest: %s has %s free, the campaign needs %s (%llu files of %s at its peak, fio's file, room for the file system)",
			      s->cfg.guest_dir, have, need,
			      (unsigned long long)(mb_snapio_plan_peak_bytes(s->plan) / s->cfg.file_size), each);
}

static const char preflight_script[] =
	"cd \"$1\" 2>/dev/null || { echo \"$1: no such directory in the guest\" >&2; exit 10; }\n"
	"[ ! -e \"$2\" ] || { echo \"$2 exists already in the guest\" >&2; exit 11; }\n"
	"for p in fio sha256sum head find xargs sync rm mkdir df; do\n"
	"\tcommand -v \"$p\" >/dev/null || { echo \"$p: not found in the guest\" >&2; exit 12; }\n"
	"done\n"
	"df -Pk . | tail -n 1\n";

static const char parse_job_script[] =
	"cat > \"$1\" && fio --parse-only \"$1\" >/dev/null\n";

static int guest_preflight(struct mb_snapio *s)
{
	const char *argv[] = { "-c", preflight_script, "sh", s->cfg.guest_dir, s->cfg.campaign_dir };
	const char *pargv[] = { "-c", parse_job_script, "sh", s->cfg.fio_job_guest };
	struct mb_agent_result r;
	int rc = preflight_cmd(s, argv, 5, NULL, &r, MB_EXIT_ENV);

	if (!rc)
		rc = check_space(s, r.out);
	mb_agent_result_free(&r);
	if (rc || !s->opt->fio_job)
		return rc;
	/* The user's job: fio reads it now rather than after hours of build. */
	rc = preflight_cmd(s, pargv, 4, s->cfg.fio_job, &r, MB_EXIT_USAGE);
	mb_agent_result_free(&r);
	return rc;
}

static int create_journal(struct mb_snapio *s)
{
	char dir[4096], err[1024];
	struct mb_snapio_cursor c;

	snprintf(dir, sizeof(dir), "%s", s->opt->out_dir ? s->opt->out_dir : "");
	if (!dir[0])
		snprintf(dir, sizeof(dir), "snapio-%s", s->cfg.id);
	if (mb_journal_open(&s->journal, dir, true, err, sizeof(err)))
		return mb_snapio_fail(s, MB_EXIT_ENV, "--out: %s", err);
	if (mb_journal_exists(&s->journal))
		return mb_snapio_fail(s, MB_EXIT_ENV,
				      "%s holds a campaign already: continue it with --resume, or choose another --out", dir);
	if (mb_journal_init(&s->journal, &s->cfg, err, sizeof(err)))
		return mb_snapio_fail(s, MB_EXIT_USAGE, "%s", err);
	for (size_t i = 0; s->preflight && i < json_object_array_length(s->preflight); i++)
		mb_journal_add_command(&s->journal,
				       json_object_get(json_object_array_get_idx(s->preflight, i)));
	mb_snapio_first(&c);
	s->cur = c;
	mb_journal_set_cursor(&s->journal, &c);
	return mb_snapio_save(s);
}

int mb_snapio_setup_new(struct mb_snapio *s)
{
	char size[32];
	int r;

	if ((r = load_job_file(s)) || (r = make_id_and_seed(s)) || (r = mb_snapio_connect(s, s->opt->host)) ||
	    (r = choose_route(s)) || (r = pick_domain(s)) || (r = check_disk(s)) ||
	    (r = check_agent(s)) || (r = fill_config(s)) || (r = mb_snapio_make_plan(s)) ||
	    (r = guest_preflight(s)) || (r = create_journal(s)))
		return r;
	mb_format_size(s->cfg.file_size, size, sizeof(size));
	mb_snapio_progress(s, "campaign %s: domain %s disk %s (%s) on %s: %u snapshot layers, %u files of %s each, %s revert, fio %u time%s a depth; journal %s",
			   s->cfg.id, s->cfg.domain, s->cfg.disk, s->cfg.base_source, s->cfg.host_name,
			   s->cfg.layers, s->cfg.files, size, s->cfg.native ? "native" : "manual",
			   s->cfg.repeat, s->cfg.repeat == 1 ? "" : "s", s->journal.path);
	return 0;
}
