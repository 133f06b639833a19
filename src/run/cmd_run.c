/* migbench run: trigger a live migration and measure it. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "src/commands.h"
#include "analysis/run_plot.h"
#include "src/common/exitcode.h"
#include "src/common/plot.h"
#include "src/common/outfile.h"
#include "src/run/campaign.h"
#include "src/run/cmd_run.h"
#include "src/run/campaign_options.h"
#include "src/run/report_ledger.h"
#include "src/run/nova_beside.h"
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
static int write_reports(const struct mb_run_options *o, json_object *doc)
{
	char path[4096];
	int r = 0, w;

	if (o->json_path)
		r = write_json("--json", o->json_path, doc);
	/* check_outputs() made sure the name fits. */
	if (o->out_dir && !mb_outfile_join(path, sizeof(path), o->out_dir, "migbench.json") &&
	    (w = write_json("--out", path, doc)))
		r = w;
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

#define MAX_PLOT_MARKS 32

/* The ledger's instants as the plot's marks (names valid while l is). */
static size_t plot_marks(struct mb_run *run, struct mb_ledger *l, struct mb_run_plot_mark *m)
{
	struct mb_app_figures af;
	size_t n = 0;

	if (run->app_on)
		mb_app_pipeline_result(&run->app, &af);
	if (mb_run_ledger(run, run->app_on ? &af : NULL, l))
		return 0;
	for (size_t i = 0; i < l->n && n < MAX_PLOT_MARKS; i++)
		m[n++] = (struct mb_run_plot_mark){ l->entries[i].name, l->entries[i].t_ns };
	return n;
}

/* Where each pre-copy iteration started, and its number, for the plot. */
static size_t plot_iterations(const struct mb_run *run, int64_t *starts, int64_t *no)
{
	size_t n = 0;

	for (; run->conv && n < run->conv->n && n < MB_RUN_PLOT_MAX_ITERATIONS; n++) {
		starts[n] = run->conv->iters[n].start_ns;
		no[n] = run->conv->iters[n].iteration;
	}
	return n;
}

static char *run_plot_script(void *ctx, const char *terminal, const char *output)
{
	struct mb_run *run = ctx;
	struct mb_run_plot_mark marks[MAX_PLOT_MARKS];
	struct mb_ledger l;
	char title[600], *script;
	int64_t starts[MB_RUN_PLOT_MAX_ITERATIONS], no[MB_RUN_PLOT_MAX_ITERATIONS];
	struct mb_run_plot p = {
		.terminal = terminal, .output = output, .title = title, .t0_ns = run->t0_ns,
		.end_ns = run->end_ns - run->t0_ns,
		.mig_start_ns = run->migration_started ? run->mig.start_ns - run->t0_ns : -1,
		.mig_completed_ns = run->status == MB_RUN_COMPLETED ? run->completed_ns - run->t0_ns : -1,
		.bin_ns = run->capturing ? run->opt->bin_ns : 0,
		.jobstats_remaining_col = run->timeline.n ? jobstats_column("data_remaining") : 0,
		.marks = marks, .app_csv = run->app_on,
		.iteration_ns = starts, .iteration_no = no,
	};

	p.n_iterations = plot_iterations(run, starts, no);
	snprintf(title, sizeof(title), "migbench: %s %s -> %s (%s)", run->domain_name,
		 run->src.host.name, run->dst.host.name, mb_run_status_name(run->status));
	p.n_marks = plot_marks(run, &l, marks);
	script = mb_run_plot_script(&p);
	mb_ledger_free(&l);
	return script;
}

/* migbench.png beside the CSV files it is drawn from. */
static void draw_plot(struct mb_run *run, const char *dir)
{
	char why[2048];

	/* gnuplot would only complain, line by line, of the missing file. */
	if (run->out_failed) {
		fprintf(stderr, "migbench: warning: no plot (migbench.png): a series it is drawn from could not be written; the figures are in migbench.json\n");
		return;
	}
	if (mb_plot_draw(dir, "migbench.png", run_plot_script, run, why, sizeof(why)))
		fprintf(stderr, "migbench: warning: no plot (migbench.png): %s; the figures are in migbench.json\n",
			why);
}

/* watch --nova-log: nova's record of the migration, beside the figures. */
static struct mb_nova_beside *read_nova(struct mb_run *run, const char *path, int *status)
{
	struct mb_nova_beside *nb;
	bool failed;

	if (!path || !run->migration_started)
		return NULL;
	nb = mb_nova_beside_read(run, path, &failed);
	if (failed && !*status)
		*status = MB_EXIT_ENV;
	return nb;
}

int mb_run_one(struct mb_run *run, const struct mb_run_options *opt, FILE *text)
{
	struct mb_nova_beside *nova;
	json_object *doc;
	int status = mb_run_measure(run, opt), wr;

	nova = read_nova(run, opt->nova_log, &status);
	doc = mb_report_run_json(run, status);
	if (nova)
		json_object_object_add(doc, "nova", mb_nova_beside_json(nova, json_object_object_get(doc, "figures")));
	wr = write_reports(opt, doc);
	if (opt->out_dir && run->probing)
		draw_plot(run, opt->out_dir);
	/* The migration's own failure (3) says more than a file that failed. */
	status = status ? status : wr;
	/* After the files, so the text's exit status is the one returned; a
	 * run that failed before probing has said why on stderr already. */
	if (run->probing && text)
		mb_report_run_text(text, run, status);
	if (nova && text)
		mb_nova_beside_text(text, nova, json_object_object_get(doc, "figures"));
	json_object_put(doc);
	mb_nova_beside_free(nova);
	return status;
}

bool mb_run_start(mb_run_parse_fn parse, int argc, char **argv, struct mb_run_options *opt,
		  int *status)
{
	bool help;
	char err[1024];

	*status = parse(argc, argv, opt, &help);
	if (*status || help)
		return false;
	mb_signals_install();
	mb_signals_ignore_sigpipe();
	if (mb_virt_init(err, sizeof(err))) {
		fprintf(stderr, "migbench: %s\n", err);
		*status = MB_EXIT_INTERNAL;
		return false;
	}
	return true;
}

int mb_cmd_run(int argc, char **argv)
{
	struct mb_run_options opt;
	int status;

	if (mb_campaign_wanted(argc, argv))
		return mb_campaign_main(argc, argv);
	if (!mb_run_start(mb_run_options_parse, argc, argv, &opt, &status))
		return status;
	return mb_run_and_report(&opt);
}

int mb_run_and_report(const struct mb_run_options *opt)
{
	struct mb_run run;
	int status = check_outputs(opt);

	if (status)
		return status;
	status = mb_run_one(&run, opt, stdout);
	fflush(stdout);
	mb_run_free(&run);
	return status;
}
