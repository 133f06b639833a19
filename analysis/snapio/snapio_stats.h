/* The statistics of a snapshot IO campaign's repeated fio runs (--repeat,
 * migbench-snapio(1)): per job and depth, the figures of its runs are
 * described by analysis/stats.h (n, mean, median, their 95% intervals,
 * min, max); the slowdown against depth 0 is the ratio of median IOPS,
 * median(IOPS at d) / median(IOPS at 0), with its 95% percentile
 * bootstrap interval, and as a percentage 100 (1 - ratio): positive when
 * the chain made the job slower.  Pure: no I/O. */
#ifndef MB_ANALYSIS_SNAPIO_STATS_H
#define MB_ANALYSIS_SNAPIO_STATS_H

#include <stddef.h>
#include <stdint.h>

#define MB_SNAPIO_MAX_REPEAT 100

/* The figures a job's runs are described by, in this order. */
enum mb_snapio_figure { MB_SNAPIO_IOPS, MB_SNAPIO_BW, MB_SNAPIO_P99, MB_SNAPIO_NFIGURES };

struct mb_snapio_slowdown {
	double ratio, ratio_lo, ratio_hi; /* NaN: not known (no depth 0, n = 1) */
	double pct, pct_lo, pct_hi;       /* 100 (1 - ratio); pct_lo from ratio_hi */
};

/* IOPS of the runs at a depth, v[0..n-1], against those at depth 0,
 * base[0..nbase-1] (NaN: a run without the job).  The interval needs two
 * runs or more on each side: with one it is NaN.  0, or -1 when out of
 * memory. */
int mb_snapio_slowdown(const double *base, size_t nbase, const double *v, size_t n, uint64_t seed,
		       struct mb_snapio_slowdown *out);

/* The bootstrap's seed for a job's figure at a depth: from the job's
 * name, the depth and the figure alone, so a report made again from the
 * journal has the same intervals. */
uint64_t mb_snapio_stats_seed(const char *job, unsigned depth, enum mb_snapio_figure fig);

#endif
