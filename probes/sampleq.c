/* The sample queue is a probes/spscq.c ring of struct mb_probe_sample (the
 * memory ordering is explained there).  struct mb_sampleq is never defined:
 * the distinct type only keeps callers from handing one queue's pointer to
 * another queue's functions. */
#include "config.h"

#include "probes/sampleq.h"

#include "probes/spscq.h"

static struct mb_spscq *ring(struct mb_sampleq *q)
{
	return (struct mb_spscq *)q;
}

static const struct mb_spscq *cring(const struct mb_sampleq *q)
{
	return (const struct mb_spscq *)q;
}

struct mb_sampleq *mb_sampleq_new(size_t min_capacity)
{
	return (struct mb_sampleq *)mb_spscq_new(sizeof(struct mb_probe_sample), min_capacity);
}

void mb_sampleq_free(struct mb_sampleq *q)
{
	mb_spscq_free(ring(q));
}

bool mb_sampleq_push(struct mb_sampleq *q, const struct mb_probe_sample *s)
{
	return mb_spscq_push(ring(q), s);
}

size_t mb_sampleq_pop(struct mb_sampleq *q, struct mb_probe_sample *out, size_t max)
{
	return mb_spscq_pop(ring(q), out, max);
}

size_t mb_sampleq_capacity(const struct mb_sampleq *q)
{
	return mb_spscq_capacity(cring(q));
}

uint64_t mb_sampleq_dropped(const struct mb_sampleq *q)
{
	return mb_spscq_dropped(cring(q));
}
