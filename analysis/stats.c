#include "analysis/stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* splitmix64 spreads one seed over xoshiro's state (its authors' advice). */
static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void mb_rng_seed(struct mb_rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t mb_rng_next(struct mb_rng *r)
{
	uint64_t *s = r->s, result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* Lemire's multiply-shift: integers only, so every machine agrees. */
size_t mb_rng_below(struct mb_rng *r, size_t n)
{
	return (size_t)(((unsigned __int128)mb_rng_next(r) * n) >> 64);
}

/* t(0.975, df) for df 1..30; beyond, the Cornish-Fisher expansion around
 * the normal quantile, within 1e-5 there. */
static const double t975[30] = {
	12.7062047, 4.3026527, 3.1824463, 2.7764451, 2.5705818, 2.4469119, 2.3646243,
	2.3060041, 2.2621572, 2.2281389, 2.2009852, 2.1788128, 2.1603687, 2.1447867,
	2.1314495, 2.1199053, 2.1098156, 2.1009220, 2.0930241, 2.0859634, 2.0796138,
	2.0738731, 2.0686576, 2.0638986, 2.0595386, 2.0555294, 2.0518305, 2.0484071,
	2.0452296, 2.0422725,
};

double mb_stats_t975(size_t df)
{
	const double z = 1.959963985, z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z;
	double d = (double)df;

	if (df == 0)
		return NAN;
	if (df <= 30)
		return t975[df - 1];
	return z + (z3 + z) / (4 * d) + (5 * z5 + 16 * z3 + 3 * z) / (96 * d * d) +
	       (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * d * d * d);
}

double mb_stats_quantile(const double *x, size_t n, double p)
{
	double h = (double)(n - 1) * p, f;
	size_t i;

	if (n == 0)
		return NAN;
	f = floor(h);
	i = (size_t)f;
	if (i + 1 >= n)
		return x[n - 1];
	return x[i] + (h - f) * (x[i + 1] - x[i]);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The numbers of v, sorted, in a new array (*n their count); NULL with
 * *n = 0 when there are none, or when out of memory (*oom set). */
static double *sorted_values(const double *v, size_t nv, size_t *n, bool *oom)
{
	double *x = malloc((nv ? nv : 1) * sizeof(*x));

	*n = 0;
	*oom = !x;
	if (!x)
		return NULL;
	for (size_t i = 0; i < nv; i++)
		if (!isnan(v[i]))
			x[(*n)++] = v[i];
	qsort(x, *n, sizeof(*x), cmp_double);
	return x;
}

/* The median of a resample of x[0..n-1] drawn into tmp. */
static double resample_median(struct mb_rng *r, const double *x, size_t n, double *tmp)
{
	for (size_t i = 0; i < n; i++)
		tmp[i] = x[mb_rng_below(r, n)];
	qsort(tmp, n, sizeof(*tmp), cmp_double);
	return mb_stats_quantile(tmp, n, 0.5);
}

/* How a draw of the two-sample bootstrap combines its two medians. */
enum combine { MEDIAN, DIFF, RATIO };

static double combine(enum combine op, double mx, double my)
{
	switch (op) {
	case DIFF: return my - mx;
	case RATIO: return my / mx;
	default: return mx;
	}
}

/* MB_STATS_BOOTSTRAP medians of resamples of x, sorted into meds; when y
 * is given, each is op(median(resample of x), median(resample of y)). */
static int bootstrap(const double *x, size_t nx, const double *y, size_t ny, uint64_t seed,
		     enum combine op, double *meds)
{
	double *tmp = malloc((nx > ny ? nx : ny) * sizeof(*tmp));
	struct mb_rng r;

	if (!tmp)
		return -1;
	mb_rng_seed(&r, seed);
	for (size_t b = 0; b < MB_STATS_BOOTSTRAP; b++) {
		double m = resample_median(&r, x, nx, tmp);

		meds[b] = y ? combine(op, m, resample_median(&r, y, ny, tmp)) : m;
	}
	free(tmp);
	qsort(meds, MB_STATS_BOOTSTRAP, sizeof(*meds), cmp_double);
	return 0;
}

static void moments(const double *x, size_t n, struct mb_stats *s)
{
	double sum = 0, ss = 0, half;

	for (size_t i = 0; i < n; i++)
		sum += x[i];
	s->mean = sum / (double)n;
	for (size_t i = 0; i < n; i++)
		ss += (x[i] - s->mean) * (x[i] - s->mean);
	if (n < 2)
		return;
	s->sd = sqrt(ss / (double)(n - 1));
	half = mb_stats_t975(n - 1) * s->sd / sqrt((double)n);
	s->mean_lo = s->mean - half;
	s->mean_hi = s->mean + half;
}

int mb_stats_compute(const double *v, size_t nv, uint64_t seed, struct mb_stats *s)
{
	double meds[MB_STATS_BOOTSTRAP], *x;
	bool oom;
	size_t n;

	s->n = 0;
	s->missing = nv;
	s->mean = s->median = s->p95 = s->min = s->max = s->sd = NAN;
	s->mean_lo = s->mean_hi = s->median_lo = s->median_hi = NAN;
	x = sorted_values(v, nv, &n, &oom);
	if (oom)
		return -1;
	s->n = n;
	s->missing = nv - n;
	if (n) {
		s->min = x[0];
		s->max = x[n - 1];
		s->median = mb_stats_quantile(x, n, 0.5);
		s->p95 = mb_stats_quantile(x, n, 0.95);
		moments(x, n, s);
	}
	if (n >= 2 && bootstrap(x, n, NULL, 0, seed, MEDIAN, meds) == 0) {
		s->median_lo = mb_stats_quantile(meds, MB_STATS_BOOTSTRAP, 0.025);
		s->median_hi = mb_stats_quantile(meds, MB_STATS_BOOTSTRAP, 0.975);
	}
	free(x);
	return n >= 2 && isnan(s->median_lo) ? -1 : 0;
}

/* op(median(A), median(B)) into est[0] when both sides have a value (and,
 * for a ratio, median(A) > 0), its interval into est[1..2]: 1 when the
 * interval was computed, 0 when not (NaN), -1 when out of memory. */
static int compare_medians(const double *a, size_t na, const double *b, size_t nb, uint64_t seed,
			   enum combine op, double est[3])
{
	double meds[MB_STATS_BOOTSTRAP], *x, *y;
	bool oom_x, oom_y;
	size_t nx, ny;
	int r = 0;

	est[0] = est[1] = est[2] = NAN;
	x = sorted_values(a, na, &nx, &oom_x);
	y = sorted_values(b, nb, &ny, &oom_y);
	if (oom_x || oom_y) {
		r = -1;
	} else if (nx && ny && !(op == RATIO && mb_stats_quantile(x, nx, 0.5) <= 0)) {
		est[0] = combine(op, mb_stats_quantile(x, nx, 0.5), mb_stats_quantile(y, ny, 0.5));
		/* One value has no spread to resample (its "interval" would be a
		 * point that excludes everything); a ratio's resample could
		 * divide by zero unless every value of A is positive. */
		if (nx >= 2 && ny >= 2 && !(op == RATIO && x[0] <= 0)) {
			r = bootstrap(x, nx, y, ny, seed, op, meds);
			if (r == 0) {
				est[1] = mb_stats_quantile(meds, MB_STATS_BOOTSTRAP, 0.025);
				est[2] = mb_stats_quantile(meds, MB_STATS_BOOTSTRAP, 0.975);
				r = 1;
			}
		}
	}
	free(x);
	free(y);
	return r;
}

int mb_stats_diff_medians(const double *a, size_t na, const double *b, size_t nb, uint64_t seed,
			  struct mb_stats_diff *d)
{
	double est[3];
	int r = compare_medians(a, na, b, nb, seed, DIFF, est);

	d->diff = est[0];
	d->lo = est[1];
	d->hi = est[2];
	d->excludes_zero = r == 1 && (d->lo > 0 || d->hi < 0);
	return r < 0 ? -1 : 0;
}

int mb_stats_ratio_medians(const double *a, size_t na, const double *b, size_t nb, uint64_t seed,
			   struct mb_stats_ratio *q)
{
	double est[3];
	int r = compare_medians(a, na, b, nb, seed, RATIO, est);

	q->ratio = est[0];
	q->lo = est[1];
	q->hi = est[2];
	q->contains_one = r == 1 && q->lo <= 1 && q->hi >= 1;
	return r < 0 ? -1 : 0;
}
