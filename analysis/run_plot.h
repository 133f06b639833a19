/* The gnuplot script of one measured migration: probe round-trip times
 * with the lost probes, the migration traffic's throughput and the
 * hypervisor's remaining data and the application probe's latency, on the
 * run's time axis, with the migration's start and completion and the
 * phase ledger's instants marked.  Pure: figures in, script text out; the
 * script reads the CSV files that `migbench run --out DIR` writes. */
#ifndef MB_ANALYSIS_RUN_PLOT_H
#define MB_ANALYSIS_RUN_PLOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* An instant of the phase ledger (analysis/ledger.h) to mark. */
struct mb_run_plot_mark {
	const char *name;          /* its label */
	int64_t t_ns;              /* relative to t0 */
};

struct mb_run_plot {
	const char *terminal;      /* "pngcairo" or "png" */
	const char *output;        /* image file, as gnuplot should open it */
	const char *title;
	int64_t t0_ns;             /* probes.csv times are CLOCK_MONOTONIC: minus this */
	int64_t end_ns;            /* x axis length, relative to t0 */
	int64_t mig_start_ns;      /* relative to t0; < 0: no marker */
	int64_t mig_completed_ns;  /* relative to t0; < 0: no marker */
	int64_t bin_ns;            /* width of a bins.csv row; 0: no bins.csv */
	int jobstats_remaining_col; /* 1-based column of data_remaining; 0: none */
	/* Where each pre-copy iteration started (relative to t0) and its
	 * number; dotted and labelled.  At most MB_RUN_PLOT_MAX_ITERATIONS
	 * are drawn. */
	const int64_t *iteration_ns, *iteration_no;
	size_t n_iterations;
	const struct mb_run_plot_mark *marks; /* dotted lines, labelled on the first panel */
	size_t n_marks;
	bool app_csv;              /* app.csv: a panel of application latency */
};

#define MB_RUN_PLOT_MAX_ITERATIONS 100

/* A complete script, or NULL on out of memory or a bad input (no
 * terminal/output, end_ns <= 0).  Free with free(). */
char *mb_run_plot_script(const struct mb_run_plot *p);

#endif
