/* SPSC request-record queue: the same protocol as probes/sampleq.c (head
 * written by the producer only, tail by the consumer only, each published
 * with a release store read with acquire, on separate cache lines). */
#include "config.h"

#include "probes/appq.h"

#include <stdalign.h>
#include <stdatomic.h>
#include <stdlib.h>

struct mb_appq {
	alignas(64) _Atomic size_t head;
	alignas(64) _Atomic size_t tail;
	alignas(64) size_t mask;
	struct mb_app_request *slots;
};

struct mb_appq *mb_appq_new(size_t min_capacity)
{
	struct mb_appq *q;
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
	/* Pre-touch: the producer should not take page faults. */
	for (size_t i = 0; i < cap; i++)
		q->slots[i].sent_ns = -1;
	atomic_init(&q->head, 0);
	atomic_init(&q->tail, 0);
	q->mask = cap - 1;
	return q;
}

void mb_appq_free(struct mb_appq *q)
{
	if (!q)
		return;
	free(q->slots);
	free(q);
}

bool mb_appq_push(struct mb_appq *q, const struct mb_app_request *r)
{
	size_t head = atomic_load_explicit(&q->head, memory_order_relaxed);
	size_t tail = atomic_load_explicit(&q->tail, memory_order_acquire);

	if (head - tail > q->mask)
		return false;
	q->slots[head & q->mask] = *r;
	atomic_store_explicit(&q->head, head + 1, memory_order_release);
	return true;
}

size_t mb_appq_pop(struct mb_appq *q, struct mb_app_request *out, size_t max)
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
