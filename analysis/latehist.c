/* Log-bucket histogram: see latehist.h.
 *
 * Values below 16 have a bucket each.  A value v >= 16 with its top bit at
 * position e (>= 4) falls in octave e - 4, sub-bucket (v >> (e - 4)) & 15:
 * each bucket spans 2^(e-4) ns, 1/16 of the octave's start. */
#include "config.h"

#include "analysis/latehist.h"

#include <string.h>

static unsigned top_bit(uint64_t v)
{
	return 63u - (unsigned)__builtin_clzll(v);
}

static unsigned bucket_of(uint64_t v)
{
	unsigned e;

	if (v < MB_LATEHIST_SUB)
		return (unsigned)v;
	e = top_bit(v);
	return MB_LATEHIST_SUB + (e - 4) * MB_LATEHIST_SUB + (unsigned)((v >> (e - 4)) & 15);
}

/* The largest value that falls in bucket b. */
static int64_t bucket_top(unsigned b)
{
	unsigned e, sub;

	if (b < MB_LATEHIST_SUB)
		return (int64_t)b;
	e = (b - MB_LATEHIST_SUB) / MB_LATEHIST_SUB + 4;
	sub = (b - MB_LATEHIST_SUB) % MB_LATEHIST_SUB;
	return (int64_t)((((uint64_t)MB_LATEHIST_SUB + sub + 1) << (e - 4)) - 1);
}

void mb_latehist_reset(struct mb_latehist *h)
{
	memset(h, 0, sizeof(*h));
}

void mb_latehist_add(struct mb_latehist *h, int64_t ns)
{
	if (ns < 0)
		ns = 0;
	h->bucket[bucket_of((uint64_t)ns)]++;
	if (h->count == 0 || ns > h->max_ns)
		h->max_ns = ns;
	h->count++;
}

int64_t mb_latehist_quantile(const struct mb_latehist *h, double q)
{
	uint64_t rank, seen = 0;

	if (h->count == 0)
		return -1;
	if (!(q > 0))
		q = 0;
	rank = (uint64_t)(q * (double)h->count);
	if ((double)rank < q * (double)h->count)
		rank++; /* ceil, without libm */
	if (rank < 1)
		rank = 1;
	if (rank > h->count)
		rank = h->count;
	for (unsigned b = 0; b < MB_LATEHIST_BUCKETS; b++) {
		seen += h->bucket[b];
		if (seen >= rank) {
			int64_t top = bucket_top(b);
			return top < h->max_ns ? top : h->max_ns;
		}
	}
	return h->max_ns;
}
