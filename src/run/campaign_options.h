/* The command line of a campaign ("migbench run" with --runs, --sweep,
 * --hosts, --resume, --pause or --stop-on-failure): the campaign's own
 * options split from those every run shares, and each run's command line
 * built from the plan.  Everything is checked before a host is touched. */
#ifndef MB_CAMPAIGN_OPTIONS_H
#define MB_CAMPAIGN_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "analysis/sweep.h"

struct mb_campaign_options {
	struct mb_plan plan;
	const char *dir;          /* --out DIR or --resume DIR */
	bool resume, stop_on_failure, quiet;
	bool runs_given;          /* --runs on the command line */
	int64_t pause_ns;
};

/* Whether the command line gives nothing but --resume DIR (and --pause,
 * --stop-on-failure, --quiet): the plan is then DIR's. */
bool mb_campaign_bare_resume(const struct mb_campaign_options *c);

/* Whether argv asks for a campaign (one of its options is there). */
bool mb_campaign_wanted(int argc, char **argv);

/* 0 (or --help printed: *help set), or MB_EXIT_USAGE after one line. */
int mb_campaign_options_parse(int argc, char **argv, struct mb_campaign_options *c, bool *help);
void mb_campaign_options_free(struct mb_campaign_options *c);

/* The command line of the run in slot g from src to dst writing into
 * out_dir: argv[0..*argc-1] in a new array of new strings (free with
 * mb_campaign_argv_free); NULL when out of memory. */
char **mb_campaign_argv(const struct mb_plan *p, size_t scenario, const char *src, const char *dst,
			const char *out_dir, bool quiet, int *argc);
void mb_campaign_argv_free(char **argv);

/* Checks every scenario's command line as the run would parse it, and the
 * sweep's keys and boolean values; 0 or MB_EXIT_USAGE after one line. */
int mb_campaign_check_plan(const struct mb_plan *p);

#endif
