/* A bounded-memory distribution of non-negative durations (send lateness,
 * kernel-minus-user send time): a log-bucket histogram with 16 buckets per
 * power of two, so a percentile is read to within 1/16 (6.25%) of its
 * value, always rounded up (never understated), and never above the
 * exact maximum, which is kept too.  8 KiB, no allocation.  Pure. */
#ifndef MB_ANALYSIS_LATEHIST_H
#define MB_ANALYSIS_LATEHIST_H

#include <stdint.h>

#define MB_LATEHIST_SUB 16
#define MB_LATEHIST_BUCKETS (MB_LATEHIST_SUB + 60 * MB_LATEHIST_SUB)

struct mb_latehist {
	uint64_t count;
	int64_t max_ns;
	uint64_t bucket[MB_LATEHIST_BUCKETS];
};

/* A zeroed struct is an empty histogram. */
void mb_latehist_reset(struct mb_latehist *h);

/* Counts one value; negative values count as 0. */
void mb_latehist_add(struct mb_latehist *h, int64_t ns);

/* The q-quantile (0 < q <= 1): the smallest bucket bound below which at
 * least ceil(q * count) values lie, capped at the maximum; -1 if empty. */
int64_t mb_latehist_quantile(const struct mb_latehist *h, double q);

#endif
