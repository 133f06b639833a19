/* A campaign's plots drawn from its runs.csv (analysis/campaign_plot.h):
 * campaign.png and .svg (box plots), downtime-scatter.png and .svg.  A
 * plot that cannot be drawn is a warning, never a lost result. */
#ifndef MB_SUMMARY_PLOT_H
#define MB_SUMMARY_PLOT_H

#include <stdbool.h>
#include <stddef.h>

struct mb_summary_plot_data {
	size_t scenarios;
	bool has_probe, has_hv, has_total, has_volume;
};

void mb_summary_plots(const char *dir, const struct mb_summary_plot_data *d);

#endif
