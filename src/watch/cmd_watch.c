/* migbench watch: measure the migrations someone else starts (virsh, nova,
 * any orchestrator): each one exactly as run measures its own. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "src/commands.h"
#include "src/common/exitcode.h"
#include "src/common/outfile.h"
#include "src/common/signals.h"
#include "src/run/run.h"

/* --count N: DIR/1 ... DIR/N, the roles swapped after each migration that
 * completed (the guest is on the other host then). */
static int watch_series(const struct mb_run_options *opt)
{
	struct mb_run_options o = *opt;
	char dir[4096], name[16], err[1024];
	const char *t;
	int status = 0;

	if (mb_outdir_ensure(opt->out_dir, err, sizeof(err))) {
		fprintf(stderr, "migbench: --out: %s\n", err);
		return MB_EXIT_ENV;
	}
	for (int i = 1; i <= opt->count && !status; i++) {
		snprintf(name, sizeof(name), "%d", i);
		if (mb_outfile_join(dir, sizeof(dir), opt->out_dir, name)) {
			fprintf(stderr, "migbench: --out '%s': path too long\n", opt->out_dir);
			return MB_EXIT_USAGE;
		}
		o.out_dir = dir;
		o.more_runs = i < opt->count;
		printf("migration %d of %d (%s)\n", i, opt->count, dir);
		fflush(stdout);
		status = mb_run_and_report(&o);
		t = o.src;
		o.src = o.dst;
		o.dst = t;
		if (!status && mb_signal_pending())
			status = MB_EXIT_NO_MIGRATION;
	}
	return status;
}

int mb_cmd_watch(int argc, char **argv)
{
	struct mb_run_options opt;
	int status;

	if (!mb_run_start(mb_watch_options_parse, argc, argv, &opt, &status))
		return status;
	return opt.count > 1 ? watch_series(&opt) : mb_run_and_report(&opt);
}
