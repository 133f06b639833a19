/* migbench run: trigger a live migration and measure it. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "src/commands.h"
#include "analysis/run_plot.h"
#include "src/common/exitcode.h"
#include "src/common/plot.h"
#include "src/common/outfile.h"
#include "src/run/report_run.h"
#include "src/run/run.h"
#include "src/common/signals.h"

/* Before anything is measured: a result file that could not be written
 * afterwards is refused now, in one line, and no host is touched. */
static int check_outputs(const struct mb_run_options *o)
{
	char path[4096], err[1024];

	if (o->json_path && mb_outfile_check(o->json_path, err, sizeof(err))) {
		fprintf(stderr, "migbench: --json: %s\n", err);
		return MB_EXIT_ENV;
	}
	if (!o->out_dir)
		return 0;
	if (mb_outfile_join(path, sizeof(path), o->out_dir, "migbench.json")) {
		fprintf(stderr, "migbench: --out '%s': path too long\n", o->out_dir);
		return MB_EXIT_USAGE;
	}
	if (mb_outdir_ensure(o->out_dir, err, sizeof(err)) || mb_outfile_check(path, err, sizeof(err))) {
		fprintf(stderr, "migbench: --out: %s\n", err);
		return MB_EXIT_ENV;
	}
	return 0;
}

static int write_json(const char *opt, const char *path, json_object *doc)
{
	char err[1024];

	if (mb_outfile_write_json(path, doc, err, sizeof(err))) {
		fprintf(stderr, "migbench: %s: %s\n", opt, err);
		return MB_EXIT_ENV;
	}
	return 0;
}

/* Every result file is written even when the migration failed (a failed
 * run is a result too), and each one even when another could not be:
 * every failure is one line, and the status 2. */
static int write_reports(struct mb_run *run, const struct mb_run_options *o, int status)
{
	json_object *doc = mb_report_run_json(run, status);
	char path[4096];
	int r = 0, w;

	if (o->json_path)
		r = write_json("--json", o->json_path, doc);
	/* check_outputs() made sure the name fits. */
	if (o->out_dir && !mb_outfile_join(path, sizeof(path), o->out_dir, "migbench.json") &&
	    (w = write_json("--out", path, doc)))
		r = w;
	json_object_put(doc);
	return r;
}

/* 1-based CSV column of a job-statistics field (t_ns is column 1). */
static int jobstats_column(const char *key)
{
	for (size_t i = 0; i < mb_jobstats_nfields; i++)
		if (!strcmp(mb_jobstats_fields[i].key, key))
			return (int)i + 2;
	return 0;
}

static char *run_plot_script(void *ctx, const char *terminal, const char *output)
{
	struct mb_run *run = ctx;
	char title[600];
	int64_t starts[MB_RUN_PLOT_MAX_ITERATIONS], no[MB_RUN_PLOT_MAX_ITERATIONS];
	size_t n = 0;
	struct mb_run_plot p = {
		.terminal = terminal, .output = output, .title = title, .t0_ns = run->t0_ns,
		.end_ns = run->end_ns - run->t0_ns,
		.mig_start_ns = run->migration_started ? run->mig.start_ns - run->t0_ns : -1,
		.mig_completed_ns = run->status == MB_RUN_COMPLETED ? run->completed_ns - run->t0_ns : -1,
		.bin_ns = run->capturing ? run->opt->bin_ns : 0,
		.jobstats_remaining_col = run->timeline.n ? jobstats_column("data_remaining") : 0,
	};

	for (; run->conv && n < run->conv->n && n < MB_RUN_PLOT_MAX_ITERATIONS; n++)
	{
		starts[n] = run->conv->iters[n].start_ns;
		no[n] = run->conv->iters[n].iteration;
	}
	p.iteration_ns = starts;
	p.iteration_no = no;
	p.n_iterations = n;
	snprintf(title, sizeof(title), "migbench: %s %s -> %s (%s)", run->domain_name,
		 run->src.host.name, run->dst.host.name, mb_run_status_name(run->status));
	return mb_run_plot_script(&p);
}

/* migbench.png beside the CSV files it is drawn from. */
static void draw_plot(struct mb_run *run, const char *dir)
{
	char why[2048];

	if (mb_plot_draw(dir, "migbench.png", run_plot_script, run, why, sizeof(why)))
		fprintf(stderr, "migbench: warning: no plot (migbench.png): %s; the figures are in migbench.json\n",
			why);
}

int mb_cmd_run(int argc, char **argv)
{
	struct mb_run_options opt;
	struct mb_run run;
	bool help;
	char err[1024];
	int status, wr;

	status = mb_run_options_parse(argc, argv, &opt, &help);
	if (status || help)
		return status;
	status = check_outputs(&opt);
	if (status)
		return status;
	mb_signals_install();
	mb_signals_ignore_sigpipe();
	if (mb_virt_init(err, sizeof(err))) {
		fprintf(stderr, "migbench: %s\n", err);
		return MB_EXIT_INTERNAL;
	}
	status = mb_run_measure(&run, &opt);
	wr = write_reports(&run, &opt, status);
	if (opt.out_dir && run.probing)
		draw_plot(&run, opt.out_dir);
	/* The migration's own failure (3) says more than a file that failed. */
	status = status ? status : wr;
	/* After the files, so the text's exit status is the one returned; a
	 * run that failed before probing has said why on stderr already. */
	if (run.probing)
		mb_report_run_text(stdout, &run, status);
	fflush(stdout);
	mb_run_free(&run);
	return status;
}
