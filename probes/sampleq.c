/* SPSC sample queue: head is written by the producer only, tail by the
 * consumer only; each publishes its slots with a release store that the
 * other side reads with acquire.  The two indexes live on separate cache
 * lines so the threads do not bounce one line on every sample; the drop
 * counter is the producer's too, beside head. */
#include "config.h"

#include "probes/sampleq.h"

#include <stdalign.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

struct mb_sampleq {
	alignas(64) _Atomic size_t head; /* next slot to write */
	_Atomic uint64_t dropped;        /* pushes refused on a full queue */
	alignas(64) _Atomic size_t tail; /* next slot to read */
	alignas(64) size_t mask;
	struct mb_probe_sample *slots;
};

struct mb_sampleq *mb_sampleq_new(size_t min_capacity)
{
	struct mb_sampleq *q;
	size_t cap = 16;

	while (cap < min_capacity)
		cap <<= 1;
	q = aligned_alloc(64, sizeof(*q));
	if (!q)
		return NULL;
	q->slots = calloc(cap, sizeof(*q->slots));
	if (!q->slots) {
		free(q);
		return NULL;
	}
	/* Pre-touch (with a non-zero value the compiler cannot elide): the
	 * producer is the prober's thread, which should not take page faults. */
	for (size_t i = 0; i < cap; i++)
		q->slots[i].recv_ns = -1;
	atomic_init(&q->head, 0);
	atomic_init(&q->dropped, 0);
	atomic_init(&q->tail, 0);
	q->mask = cap - 1;
	return q;
}

void mb_sampleq_free(struct mb_sampleq *q)
{
	if (!q)
		return;
	free(q->slots);
	free(q);
}

bool mb_sampleq_push(struct mb_sampleq *q, const struct mb_probe_sample *s)
{
	size_t head = atomic_load_explicit(&q->head, memory_order_relaxed);
	size_t tail = atomic_load_explicit(&q->tail, memory_order_acquire);

	if (head - tail > q->mask) {
		/* Single writer: a plain load and store, no locked instruction. */
		atomic_store_explicit(&q->dropped,
				      atomic_load_explicit(&q->dropped, memory_order_relaxed) + 1,
				      memory_order_relaxed);
		return false;
	}
	q->slots[head & q->mask] = *s;
	atomic_store_explicit(&q->head, head + 1, memory_order_release);
	return true;
}

size_t mb_sampleq_pop(struct mb_sampleq *q, struct mb_probe_sample *out, size_t max)
{
	size_t tail = atomic_load_explicit(&q->tail, memory_order_relaxed);
	size_t head = atomic_load_explicit(&q->head, memory_order_acquire);
	size_t n = head - tail;

	if (n > max)
		n = max;
	for (size_t i = 0; i < n; i++)
		out[i] = q->slots[(tail + i) & q->mask];
	atomic_store_explicit(&q->tail, tail + n, memory_order_release);
	return n;
}

size_t mb_sampleq_capacity(const struct mb_sampleq *q)
{
	return q->mask + 1;
}

uint64_t mb_sampleq_dropped(const struct mb_sampleq *q)
{
	return atomic_load_explicit(&q->dropped, memory_order_relaxed);
}
