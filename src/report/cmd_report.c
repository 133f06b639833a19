/* migbench report DIR|FILE.json: a campaign's summary, or a run's text,
 * rendered again from the saved results, without any host. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "src/commands.h"
#include "src/common/cli.h"
#include "src/common/exitcode.h"
#include "src/report/report_run_json.h"
#include "src/report/summary.h"

struct report_options {
	const char *out_dir;
};

enum { OPT_OUT = 1 };

static const struct mb_cli_option options[] = {
	{ "out", true, OPT_OUT },
	{ NULL, false, 0 },
};

static void usage(FILE *out)
{
	fputs("Usage: migbench report [--out DIR2] DIR|FILE.json\n"
	      "  DIR          a campaign's folder (migbench run --runs/--sweep --out DIR):\n"
	      "               its summary on stdout, the same bytes as DIR/summary.txt\n"
	      "  FILE.json    one run's migbench.json: its figures as text\n"
	      "  --out DIR2   also write summary.txt, summary.json, summary.csv, runs.csv\n"
	      "               and the plots into DIR2 (never into DIR)\n"
	      "See migbench-report(1).\n", out);
}

static int apply(void *ctx, int id, const char *v)
{
	struct report_options *o = ctx;

	if (id == OPT_OUT)
		o->out_dir = v;
	return 0;
}

/* The saved files are the record: a rendering never replaces them. */
static bool same_dir(const char *a, const char *b)
{
	char ra[PATH_MAX], rb[PATH_MAX];

	return realpath(a, ra) && realpath(b, rb) && !strcmp(ra, rb);
}

int mb_cmd_report(int argc, char **argv)
{
	static const struct mb_cli_command cmd = {
		.cmd = "report", .options = options, .apply = apply, .usage = usage, .max_operands = 1,
	};
	struct report_options o = { 0 };
	struct stat st;
	bool help;
	int first, r = mb_cli_parse(&cmd, &o, argc, argv, &help, &first);
	const char *what;

	if (r || help)
		return r;
	if (first >= argc)
		return mb_cli_refuse("report", "a campaign folder or a run's JSON file is required (try --help)");
	what = argv[first];
	if (stat(what, &st)) {
		fprintf(stderr, "migbench: report: %s: %s\n", what, strerror(errno));
		return MB_EXIT_ENV;
	}
	if (S_ISDIR(st.st_mode) && o.out_dir && same_dir(what, o.out_dir))
		r = mb_cli_refuse("report", "--out '%s' is the campaign's own folder: name another", o.out_dir);
	else if (S_ISDIR(st.st_mode))
		r = mb_summary_write(what, o.out_dir, stdout);
	else if (o.out_dir)
		r = mb_cli_refuse("report", "--out: only with a campaign folder");
	else
		r = mb_report_run_json_text(what, stdout);
	fflush(stdout);
	return r;
}
