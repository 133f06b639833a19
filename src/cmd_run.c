/* migbench run: trigger a live migration and measure it. */
#include "config.h"

#include <stdio.h>

#include "src/commands.h"
#include "src/exitcode.h"
#include "src/outfile.h"
#include "src/report_run.h"
#include "src/run.h"
#include "src/signals.h"

static int write_json(const char *path, json_object *doc)
{
	char err[1024];

	if (mb_outfile_write_json(path, doc, err, sizeof(err))) {
		fprintf(stderr, "migbench: %s\n", err);
		return MB_EXIT_ENV;
	}
	return 0;
}

/* Every result file is written even when the migration failed: a failed
 * run is a result too. */
static int write_reports(struct mb_run *run, const struct mb_run_options *o, int status)
{
	json_object *doc = mb_report_run_json(run, status);
	char path[4096];
	int r = 0;

	if (o->json_path)
		r = write_json(o->json_path, doc);
	if (!r && o->out_dir) {
		if (mb_outfile_join(path, sizeof(path), o->out_dir, "migbench.json"))
			r = MB_EXIT_USAGE;
		else
			r = write_json(path, doc);
	}
	json_object_put(doc);
	return r;
}

int mb_cmd_run(int argc, char **argv)
{
	struct mb_run_options opt;
	struct mb_run run;
	bool help;
	char err[1024];
	int status, wr;

	status = mb_run_options_parse(argc, argv, &opt, &help);
	if (status || help) {
		if (help)
			mb_run_usage(stdout);
		return status;
	}
	mb_signals_install();
	mb_signals_ignore_sigpipe();
	if (mb_virt_init(err, sizeof(err))) {
		fprintf(stderr, "migbench: %s\n", err);
		return MB_EXIT_INTERNAL;
	}
	status = mb_run_measure(&run, &opt);
	/* A run that failed before probing has said why on stderr already. */
	if (run.probing)
		mb_report_run_text(stdout, &run, status);
	fflush(stdout);
	wr = write_reports(&run, &opt, status);
	mb_run_free(&run);
	return status ? status : wr;
}
