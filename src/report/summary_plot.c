#include "config.h"

#include "src/report/summary_plot.h"

#include <stdio.h>

#include "analysis/campaign_plot.h"
#include "src/common/plot.h"

static void fill(struct mb_campaign_plot *p, const struct mb_summary_plot_data *d, const char *terminal,
		 const char *output)
{
	*p = (struct mb_campaign_plot){
		.terminal = terminal, .output = output, .scenarios = d->scenarios,
		.has_probe = d->has_probe, .has_hv = d->has_hv, .has_total = d->has_total,
		.has_volume = d->has_volume,
	};
}

static char *box_script(void *ctx, const char *terminal, const char *output)
{
	struct mb_campaign_plot p;

	fill(&p, ctx, terminal, output);
	return mb_campaign_box_script(&p);
}

static char *scatter_script(void *ctx, const char *terminal, const char *output)
{
	struct mb_campaign_plot p;

	fill(&p, ctx, terminal, output);
	return mb_campaign_scatter_script(&p);
}

void mb_summary_plots(const char *dir, const struct mb_summary_plot_data *d)
{
	static const char *const names[] = { "campaign.png", "campaign.svg", "downtime-scatter.png",
					     "downtime-scatter.svg" };
	char why[2048];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (mb_plot_draw(dir, names[i], i < 2 ? box_script : scatter_script, (void *)d, why, sizeof(why)))
			fprintf(stderr, "migbench: warning: no plot (%s): %s; the figures are in summary.json\n",
				names[i], why);
}
