#include "config.h"

#include "src/snapio/snapio_options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/snapio/snapio_plan.h"
#include "analysis/snapio/snapio_stats.h"
#include "analysis/units.h"
#include "src/common/cli.h"
#include "src/common/exitcode.h"

enum {
	OPT_HOST = 256, OPT_DOMAIN, OPT_DISK, OPT_SNAPSHOTS, OPT_OUT, OPT_HOSTS_FILE,
	OPT_TEMPLATE, OPT_FILES, OPT_FILE_SIZE, OPT_DELETE_RATIO, OPT_SEED, OPT_GUEST_DIR,
	OPT_FIO_JOB, OPT_FIO_SIZE, OPT_FIO_RUNTIME, OPT_GUEST_TIMEOUT, OPT_SHUTDOWN_TIMEOUT,
	OPT_BOOT_TIMEOUT, OPT_REVERT, OPT_RESUME, OPT_UNWIND, OPT_QUIET, OPT_REPEAT,
};

static const struct mb_cli_option options[] = {
	{ "host", true, OPT_HOST },
	{ "domain", true, OPT_DOMAIN },
	{ "disk", true, OPT_DISK },
	{ "snapshots", true, OPT_SNAPSHOTS },
	{ "out", true, OPT_OUT },
	{ "hosts-file", true, OPT_HOSTS_FILE },
	{ "connect-template", true, OPT_TEMPLATE },
	{ "files", true, OPT_FILES },
	{ "file-size", true, OPT_FILE_SIZE },
	{ "delete-ratio", true, OPT_DELETE_RATIO },
	{ "seed", true, OPT_SEED },
	{ "guest-dir", true, OPT_GUEST_DIR },
	{ "fio-job", true, OPT_FIO_JOB },
	{ "fio-size", true, OPT_FIO_SIZE },
	{ "fio-runtime", true, OPT_FIO_RUNTIME },
	{ "repeat", true, OPT_REPEAT },
	{ "guest-timeout", true, OPT_GUEST_TIMEOUT },
	{ "shutdown-timeout", true, OPT_SHUTDOWN_TIMEOUT },
	{ "boot-timeout", true, OPT_BOOT_TIMEOUT },
	{ "revert", true, OPT_REVERT },
	{ "resume", false, OPT_RESUME },
	{ "unwind", false, OPT_UNWIND },
	{ "quiet", false, OPT_QUIET },
	{ NULL, false, 0 },
};

void mb_snapio_usage(FILE *out)
{
	fprintf(out,
		"Usage: migbench snapio --host HOST [--domain NAME] --disk TARGET --snapshots N [OPTIONS]\n"
		"       migbench snapio --out DIR --resume | --unwind\n"
		"  --domain NAME          the guest (default: the one running domain on HOST)\n"
		"  --disk TARGET          the disk to snapshot, by target (vdb)\n"
		"  --snapshots N          layers of external snapshots, 1..%d\n"
		"  --out DIR              journal and results (default: snapio-ID)\n"
		"  --files N              new files per layer (default 20)\n"
		"  --file-size SIZE       size of each file (default 70M)\n"
		"  --delete-ratio R       share of earlier files each layer deletes (default 0.59)\n"
		"  --seed N               seed of the deletions (default: random, recorded)\n"
		"  --guest-dir DIR        the disk's mount point in the guest (default /data)\n"
		"  --fio-job FILE         your own fio job file instead of the default job\n"
		"  --fio-size SIZE        default job: bytes per fio job (default 64M)\n"
		"  --fio-runtime D        default job: time limit per fio job (default 10s)\n"
		"  --repeat N             fio runs at each depth, 1..%d (default 1)\n"
		"  --guest-timeout D      limit for each guest command (default 10m)\n"
		"  --shutdown-timeout D   guest shutdown before it is destroyed (default 60s)\n"
		"  --boot-timeout D       start until the guest agent answers (default 120s)\n"
		"  --revert auto|native|manual  how layers are reverted (default auto)\n"
		"  --hosts-file FILE --connect-template T   as for migbench run\n"
		"  --resume               continue the campaign journaled in --out\n"
		"  --unwind               revert the campaign in --out to its original disk\n"
		"  --quiet                no progress lines\n"
		"See migbench-snapio(1).\n", MB_SNAPIO_MAX_LAYERS, MB_SNAPIO_MAX_REPEAT);
}

static int parse_bytes(const char *opt, const char *v, uint64_t *out)
{
	if (mb_parse_size(v, out))
		return mb_cli_refuse_value(NULL, opt, v, "not a size like 1M or 70M");
	if (*out == 0)
		return mb_cli_refuse_value(NULL, opt, v, "must be positive");
	return 0;
}

/* "0.59": a probability, kept in millionths. */
static int parse_ratio(const char *v, uint32_t *ppm)
{
	char *end;
	double r = strtod(v, &end);

	if (!*v || *end || !(r >= 0 && r <= 1))
		return mb_cli_refuse_value(NULL, "delete-ratio", v, "not a number from 0 to 1");
	*ppm = (uint32_t)(r * 1e6 + 0.5);
	return 0;
}

static int parse_seed(const char *v, struct mb_snapio_options *o)
{
	if (mb_cli_parse_uint(NULL, "seed", v, 0, UINT64_MAX, &o->seed))
		return MB_EXIT_USAGE;
	o->seed_set = true;
	return 0;
}

static int parse_revert(const char *v, enum mb_revert_route *r)
{
	if (!strcmp(v, "auto"))
		*r = MB_REVERT_AUTO;
	else if (!strcmp(v, "native"))
		*r = MB_REVERT_NATIVE;
	else if (!strcmp(v, "manual"))
		*r = MB_REVERT_MANUAL;
	else
		return mb_cli_refuse_value(NULL, "revert", v, "expected auto, native or manual");
	return 0;
}

static void set_defaults(struct mb_snapio_options *o)
{
	memset(o, 0, sizeof(*o));
	o->files = 20;
	o->repeat = 1;
	o->file_size = 70ULL << 20;
	o->delete_ppm = 590000; /* about what the seed's name pattern deletes */
	o->guest_dir = "/data";
	o->fio_size = 64ULL << 20;
	o->fio_runtime_ns = 10000000000LL;
	o->guest_timeout_ns = 600000000000LL;
	o->shutdown_timeout_ns = 60000000000LL;
	o->boot_timeout_ns = 120000000000LL;
}

/* Options that shape the campaign: fixed by the journal once it starts. */
static int shaping(int c)
{
	switch (c) {
	case OPT_DOMAIN: case OPT_DISK: case OPT_SNAPSHOTS: case OPT_FILES: case OPT_FILE_SIZE:
	case OPT_DELETE_RATIO: case OPT_SEED: case OPT_GUEST_DIR: case OPT_FIO_JOB:
	case OPT_FIO_SIZE: case OPT_FIO_RUNTIME: case OPT_REVERT: case OPT_REPEAT:
		return 1;
	default:
		return 0;
	}
}

/* What the parse fills: the options, and whether the default job was tuned. */
struct parse_ctx {
	struct mb_snapio_options *o;
	bool fio_tuned;
};

/* One option; 0 or MB_EXIT_USAGE.  Refusals name no command (NULL).  No
 * duration may be 0: a zero fio runtime or a timeout that expires at once. */
static int parse_one(void *ctx, int c, const char *v)
{
	enum mb_cli_zero no_zero = MB_CLI_ZERO_REFUSED;
	struct parse_ctx *p = ctx;
	struct mb_snapio_options *o = p->o;

	o->shape_given |= shaping(c);
	p->fio_tuned |= c == OPT_FIO_SIZE || c == OPT_FIO_RUNTIME;
	switch (c) {
	case OPT_HOST: o->host = v; return 0;
	case OPT_DOMAIN: o->domain = v; return 0;
	case OPT_DISK: o->disk = v; return 0;
	case OPT_OUT: o->out_dir = v; return 0;
	case OPT_HOSTS_FILE: o->hosts_file = v; return 0;
	case OPT_TEMPLATE: o->connect_template = v; return 0;
	case OPT_GUEST_DIR: o->guest_dir = v; return 0;
	case OPT_FIO_JOB: o->fio_job = v; return 0;
	case OPT_SNAPSHOTS:
		return mb_cli_parse_int_range(NULL, "snapshots", v, 1, MB_SNAPIO_MAX_LAYERS, &o->snapshots);
	case OPT_FILES: return mb_cli_parse_int_range(NULL, "files", v, 0, MB_SNAPIO_MAX_FILES, &o->files);
	case OPT_REPEAT:
		return mb_cli_parse_int_range(NULL, "repeat", v, 1, MB_SNAPIO_MAX_REPEAT, &o->repeat);
	case OPT_FILE_SIZE: return parse_bytes("file-size", v, &o->file_size);
	case OPT_FIO_SIZE: return parse_bytes("fio-size", v, &o->fio_size);
	case OPT_DELETE_RATIO: return parse_ratio(v, &o->delete_ppm);
	case OPT_SEED: return parse_seed(v, o);
	case OPT_FIO_RUNTIME:
		return mb_cli_parse_duration(NULL, "fio-runtime", v, no_zero, &o->fio_runtime_ns);
	case OPT_GUEST_TIMEOUT:
		return mb_cli_parse_duration(NULL, "guest-timeout", v, no_zero, &o->guest_timeout_ns);
	case OPT_SHUTDOWN_TIMEOUT:
		return mb_cli_parse_duration(NULL, "shutdown-timeout", v, no_zero, &o->shutdown_timeout_ns);
	case OPT_BOOT_TIMEOUT:
		return mb_cli_parse_duration(NULL, "boot-timeout", v, no_zero, &o->boot_timeout_ns);
	case OPT_REVERT: return parse_revert(v, &o->revert);
	case OPT_RESUME: o->resume = true; return 0;
	case OPT_UNWIND: o->unwind = true; return 0;
	case OPT_QUIET: o->quiet = true; return 0;
	}
	return MB_EXIT_INTERNAL; /* an id missing here: a bug */
}

static int usage_error(const char *msg)
{
	return mb_cli_refuse(NULL, "%s", msg);
}

static int check_consistency(const struct mb_snapio_options *o, bool fio_tuned)
{
	if (o->resume && o->unwind)
		return usage_error("--resume and --unwind exclude each other");
	if (o->resume || o->unwind) {
		if (!o->out_dir)
			return usage_error("--resume and --unwind need --out DIR, where the journal is");
		if (o->shape_given)
			return usage_error("the journal fixes the campaign: with --resume or --unwind give only --out, --host, --hosts-file, --connect-template, timeouts and --quiet");
		return 0;
	}
	if (!o->host)
		return usage_error("--host HOST is required (try --help)");
	if (!o->disk || !*o->disk)
		return usage_error("--disk TARGET is required (try --help)");
	if (!o->snapshots)
		return usage_error("--snapshots N is required (try --help)");
	if (o->guest_dir[0] != '/')
		return usage_error("--guest-dir must be an absolute path in the guest");
	if (o->fio_job && fio_tuned)
		return usage_error("--fio-size and --fio-runtime apply to the default job, not to --fio-job");
	return 0;
}

int mb_snapio_options_parse(int argc, char **argv, struct mb_snapio_options *o, bool *help)
{
	static const struct mb_cli_command cmd = {
		.cmd = NULL, .options = options, .apply = parse_one, .usage = mb_snapio_usage,
	};
	struct parse_ctx p = { .o = o };
	int r;

	set_defaults(o);
	r = mb_cli_parse(&cmd, &p, argc, argv, help, NULL);
	return r || *help ? r : check_consistency(o, p.fio_tuned);
}
