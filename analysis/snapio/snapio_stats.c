/* Statistics of repeated fio runs (snapio_stats.h). */
#include "analysis/snapio/snapio_stats.h"


#include "analysis/stats.h"

int mb_snapio_slowdown(const double *base, size_t nbase, const double *v, size_t n, uint64_t seed,
		       struct mb_snapio_slowdown *out)
{
	struct mb_stats_ratio q;
	int r = mb_stats_ratio_medians(base, nbase, v, n, seed, &q);

	out->ratio = q.ratio;
	out->ratio_lo = q.lo;
	out->ratio_hi = q.hi;
	out->pct = (1 - q.ratio) * 100;
	/* The fewer IOPS, the more slowdown: the ends swap. */
	out->pct_lo = (1 - q.hi) * 100;
	out->pct_hi = (1 - q.lo) * 100;
	return r;
}

/* FNV-1a over the name, then the depth and figure mixed in. */
uint64_t mb_snapio_stats_seed(const char *job, unsigned depth, enum mb_snapio_figure fig)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (const unsigned char *p = (const unsigned char *)(job ? job : ""); *p; p++)
		h = (h ^ *p) * 0x100000001b3ULL;
	return h ^ ((uint64_t)depth << 8) ^ (uint64_t)fig;
}
