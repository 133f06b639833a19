/* A campaign: the runs of a plan (analysis/sweep.h) one after another,
 * back and forth or around the ring of hosts, each run's results in
 * DIR/SCENARIO/runK/ as it finishes, resumable, then the summary
 * (src/report/summary.h). */
#ifndef MB_CAMPAIGN_H
#define MB_CAMPAIGN_H

/* "migbench run" with campaign options; the exit status: 0 every run
 * measured, 3 a run failed, 1 usage, 2 environment (a file, a folder). */
int mb_campaign_main(int argc, char **argv);

#endif
