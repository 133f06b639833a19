/* Log-bucketed latency histogram; the layout is described in histogram.h.
 *
 * Bucket of v: below 2^(SUB_BITS+1) it is v itself.  Above, with msb the
 * index of v's top bit, v >> (msb - SUB_BITS) keeps the top SUB_BITS+1
 * bits, a "mantissa" in [SUB, 2*SUB); the bucket is
 * (msb - SUB_BITS + 1) * SUB + mantissa - SUB, which continues the linear
 * range without a seam (msb = SUB_BITS gives v). */
#include "analysis/histogram.h"

#include <string.h>

void mb_hist_init(struct mb_hist *h)
{
	memset(h, 0, sizeof(*h));
	h->min = -1;
	h->max = -1;
}

int mb_hist_bucket(int64_t v)
{
	int msb;

	if (v < 0)
		v = 0;
	if (v < 2 * MB_HIST_SUB)
		return (int)v;
	msb = 63 - __builtin_clzll((unsigned long long)v);
	return (msb - MB_HIST_SUB_BITS + 1) * MB_HIST_SUB +
	       (int)(v >> (msb - MB_HIST_SUB_BITS)) - MB_HIST_SUB;
}

/* Lower bound of bucket i, and the log2 of its width. */
static int64_t bucket_low(int i, int *shift)
{
	int group = i / MB_HIST_SUB;

	if (group < 2) {
		*shift = 0;
		return i;
	}
	*shift = group - 1;
	return (int64_t)(i % MB_HIST_SUB + MB_HIST_SUB) << *shift;
}

/* Upper bound of bucket i; the top bucket ends at INT64_MAX, so
 * low + (width - 1) cannot overflow. */
static int64_t bucket_high(int i)
{
	int shift;
	int64_t low = bucket_low(i, &shift);

	return low + (((int64_t)1 << shift) - 1);
}

int64_t mb_hist_lowest_equiv(int64_t v)
{
	int shift;

	return bucket_low(mb_hist_bucket(v), &shift);
}

int64_t mb_hist_highest_equiv(int64_t v)
{
	return bucket_high(mb_hist_bucket(v));
}

void mb_hist_record(struct mb_hist *h, int64_t ns)
{
	if (ns < 0)
		ns = 0;
	h->buckets[mb_hist_bucket(ns)]++;
	if (h->count == 0 || ns < h->min)
		h->min = ns;
	if (h->count == 0 || ns > h->max)
		h->max = ns;
	h->count++;
	h->sum += (unsigned __int128)ns;
}

void mb_hist_merge(struct mb_hist *dst, const struct mb_hist *src)
{
	if (src->count == 0)
		return;
	for (int i = 0; i < MB_HIST_BUCKETS; i++)
		dst->buckets[i] += src->buckets[i];
	if (dst->count == 0 || src->min < dst->min)
		dst->min = src->min;
	if (dst->count == 0 || src->max > dst->max)
		dst->max = src->max;
	dst->count += src->count;
	dst->sum += src->sum;
}

int64_t mb_hist_min(const struct mb_hist *h)
{
	return h->count ? h->min : -1;
}

int64_t mb_hist_max(const struct mb_hist *h)
{
	return h->count ? h->max : -1;
}

int64_t mb_hist_mean(const struct mb_hist *h)
{
	return h->count ? (int64_t)(h->sum / h->count) : -1;
}

int64_t mb_hist_quantile(const struct mb_hist *h, double q)
{
	uint64_t rank, seen = 0;
	int64_t v = -1;

	if (h->count == 0)
		return -1;
	if (!(q > 0))
		return h->min;
	if (q >= 1)
		return h->max;
	rank = (uint64_t)(q * (double)h->count); /* ceil, without libm */
	if ((double)rank < q * (double)h->count)
		rank++;
	if (rank < 1)
		rank = 1;
	if (rank > h->count)
		rank = h->count;
	for (int i = 0; i < MB_HIST_BUCKETS; i++) {
		seen += h->buckets[i];
		if (seen >= rank) {
			v = bucket_high(i);
			break;
		}
	}
	if (v > h->max)
		v = h->max;
	if (v < h->min)
		v = h->min;
	return v;
}
