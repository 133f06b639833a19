/* A campaign's plots: gnuplot scripts over its runs.csv (src/report/
 * summary.c writes it: column 1 the scenario's index, 2 its tag "sN", then
 * the figures from column 5).  Pure: the script is text. */
#ifndef MB_ANALYSIS_CAMPAIGN_PLOT_H
#define MB_ANALYSIS_CAMPAIGN_PLOT_H

#include <stdbool.h>
#include <stddef.h>

/* runs.csv's columns of the plotted figures. */
#define MB_CPLOT_COL_DOWNTIME_PROBE 5
#define MB_CPLOT_COL_DOWNTIME_HV 6
#define MB_CPLOT_COL_TOTAL_WIRE 7
#define MB_CPLOT_COL_VOLUME_WIRE 9

struct mb_campaign_plot {
	const char *terminal, *output;
	size_t scenarios;
	/* whether any run has the figure: a panel without one says so
	 * (gnuplot refuses to plot nothing, and would lose the others) */
	bool has_probe, has_hv, has_total, has_volume;
};

/* Box plots per scenario: downtime (probe, hypervisor), total time, data
 * volume, in one 2x2 image.  NULL when out of memory; the caller frees. */
char *mb_campaign_box_script(const struct mb_campaign_plot *p);
/* Probe against hypervisor downtime, one point per run, y = x dashed. */
char *mb_campaign_scatter_script(const struct mb_campaign_plot *p);

#endif
