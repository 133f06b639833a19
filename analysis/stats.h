/* Statistics of repeated measurements (migbench run --runs, a campaign's
 * summary).  Pure: no I/O.  Definitions (the same words as migbench(1)):
 *   n: the values given that are numbers; NaN stands for a run that failed
 *     or did not measure the figure: counted in missing, never averaged in.
 *   mean, sd: arithmetic mean, sample standard deviation (divisor n - 1).
 *   median, p95: quantiles by linear interpolation between order
 *     statistics (h = (n - 1) p, Hyndman and Fan's type 7, R's default).
 *   mean CI: mean -+ t(0.975, n - 1) sd / sqrt(n), Student's t.
 *   median CI: the 2.5% and 97.5% quantiles of the medians of
 *     MB_STATS_BOOTSTRAP resamples with replacement (percentile bootstrap),
 *     drawn from xoshiro256** seeded by splitmix64 from the caller's seed:
 *     the same numbers on every machine.
 *   difference of medians: median(B) - median(A), its interval the same
 *     percentile bootstrap resampling A and B independently; it excludes
 *     zero when both ends lie on the same side of 0.
 *   ratio of medians: median(B) / median(A) when median(A) > 0, its
 *     interval the same resampling (each draw's ratio of the two resampled
 *     medians) when every value of A is positive (times, downtimes), so
 *     that no resample divides by zero; it contains 1 when lo <= 1 <= hi.
 * Undefined figures are NaN: sd and every interval for n < 2 (on either
 * side of a comparison: one value has no spread to resample), everything
 * but the counts for n = 0. */
#ifndef MB_ANALYSIS_STATS_H
#define MB_ANALYSIS_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MB_STATS_BOOTSTRAP 2000

struct mb_stats {
	size_t n, missing;
	double mean, median, p95, min, max, sd;
	double mean_lo, mean_hi, median_lo, median_hi;
};

struct mb_stats_diff {
	double diff, lo, hi; /* median(B) - median(A) and its interval */
	bool excludes_zero;
};

struct mb_stats_ratio {
	double ratio, lo, hi; /* median(B) / median(A) and its interval */
	bool contains_one;
};

/* The pseudo-random generator of the bootstrap, exposed for its tests. */
struct mb_rng {
	uint64_t s[4];
};
void mb_rng_seed(struct mb_rng *r, uint64_t seed);
uint64_t mb_rng_next(struct mb_rng *r);
size_t mb_rng_below(struct mb_rng *r, size_t n); /* uniform in [0, n), n > 0 */

/* Student's t quantile at 0.975 for df >= 1 degrees of freedom. */
double mb_stats_t975(size_t df);

/* Quantile p (0..1) of sorted[0..n-1] as above; NaN for n = 0. */
double mb_stats_quantile(const double *sorted, size_t n, double p);

/* v[0..n-1]; 0, or -1 when out of memory. */
int mb_stats_compute(const double *v, size_t n, uint64_t seed, struct mb_stats *out);

/* B against A; 0, or -1 when out of memory.  NaN figures (and no
 * excludes_zero) when either side has no value; no interval (NaN) unless
 * each side has two. */
int mb_stats_diff_medians(const double *a, size_t na, const double *b, size_t nb, uint64_t seed,
			  struct mb_stats_diff *out);

/* B against A; 0, or -1 when out of memory.  NaN figures (and no
 * contains_one) when either side has no value or median(A) <= 0; no
 * interval unless each side has two values and every value of A > 0. */
int mb_stats_ratio_medians(const double *a, size_t na, const double *b, size_t nb, uint64_t seed,
			   struct mb_stats_ratio *out);

#endif
