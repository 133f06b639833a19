/* Latency histogram with logarithmic buckets (HdrHistogram's idea).
 *
 * Pure, fixed size, no allocation: values 0..127 ns have a bucket each;
 * above, every power of two [2^k, 2^(k+1)) is split into 128 equal
 * sub-buckets, so a bucket is never wider than 1/128 of its lower bound
 * (relative error < 0.8%, better than two significant digits) over the
 * whole int64 range, in 7296 counters (57 KiB).
 *
 * Quantiles answer with the highest value equivalent to the bucket that
 * holds the rank (HdrHistogram's convention), clamped to the recorded min
 * and max, so quantile(0) = min, quantile(1) = max exactly, and any
 * other answer lies in the same bucket as the exact order statistic. */
#ifndef MB_ANALYSIS_HISTOGRAM_H
#define MB_ANALYSIS_HISTOGRAM_H

#include <stdint.h>

#define MB_HIST_SUB_BITS 7
#define MB_HIST_SUB (1 << MB_HIST_SUB_BITS)
/* Two linear groups (0 .. 2^(SUB_BITS+1)-1), then one group of SUB per
 * msb SUB_BITS+1 .. 62. */
#define MB_HIST_BUCKETS ((64 - MB_HIST_SUB_BITS) * MB_HIST_SUB)

struct mb_hist {
	uint64_t count;
	int64_t min, max;         /* meaningful when count > 0 */
	unsigned __int128 sum;    /* for the mean: no overflow at any count */
	uint64_t buckets[MB_HIST_BUCKETS];
};

void mb_hist_init(struct mb_hist *h);

/* Negative values (a clock read out of order) are recorded as 0. */
void mb_hist_record(struct mb_hist *h, int64_t ns);

/* Adds every value of src into dst. */
void mb_hist_merge(struct mb_hist *dst, const struct mb_hist *src);

/* -1 when empty. */
int64_t mb_hist_min(const struct mb_hist *h);
int64_t mb_hist_max(const struct mb_hist *h);
int64_t mb_hist_mean(const struct mb_hist *h);

/* The value at quantile q (0 <= q <= 1; outside is clamped): the smallest
 * recorded value v with at least ceil(q * count) values <= v, to within
 * one bucket.  -1 when empty. */
int64_t mb_hist_quantile(const struct mb_hist *h, double q);

/* The bucket of v (v >= 0) and its bounds: every value in
 * [lowest_equiv(v), highest_equiv(v)] is counted as the same. */
int mb_hist_bucket(int64_t v);
int64_t mb_hist_lowest_equiv(int64_t v);
int64_t mb_hist_highest_equiv(int64_t v);

#endif
