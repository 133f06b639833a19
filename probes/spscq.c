/* SPSC ring: head is written by the producer only, tail by the consumer
 * only; each publishes its slots with a release store that the other side
 * reads with acquire.  The two indexes live on separate cache lines so the
 * threads do not bounce one line on every element; the drop counter is the
 * producer's too, beside head. */
#include "config.h"

#include "probes/spscq.h"

#include <stdalign.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct mb_spscq {
	alignas(64) _Atomic size_t head; /* next slot to write */
	_Atomic uint64_t dropped;        /* pushes refused on a full ring */
	alignas(64) _Atomic size_t tail; /* next slot to read */
	alignas(64) size_t mask;
	size_t elem_size;
	unsigned char *slots;
};

struct mb_spscq *mb_spscq_new(size_t elem_size, size_t min_capacity)
{
	struct mb_spscq *q;
	size_t cap = 16;

	if (elem_size == 0)
		return NULL;
	while (cap < min_capacity)
		cap <<= 1;
	q = aligned_alloc(64, sizeof(*q));
	if (!q)
		return NULL;
	q->slots = calloc(cap, elem_size);
	if (!q->slots) {
		free(q);
		return NULL;
	}
	/* Pre-touch (with a non-zero value the compiler cannot elide): the
	 * producer is a probe's thread, which should not take page faults. */
	memset(q->slots, 0xff, cap * elem_size);
	atomic_init(&q->head, 0);
	atomic_init(&q->dropped, 0);
	atomic_init(&q->tail, 0);
	q->mask = cap - 1;
	q->elem_size = elem_size;
	return q;
}

void mb_spscq_free(struct mb_spscq *q)
{
	if (!q)
		return;
	free(q->slots);
	free(q);
}

bool mb_spscq_push(struct mb_spscq *q, const void *elem)
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
	memcpy(q->slots + (head & q->mask) * q->elem_size, elem, q->elem_size);
	atomic_store_explicit(&q->head, head + 1, memory_order_release);
	return true;
}

size_t mb_spscq_pop(struct mb_spscq *q, void *out, size_t max)
{
	size_t tail = atomic_load_explicit(&q->tail, memory_order_relaxed);
	size_t head = atomic_load_explicit(&q->head, memory_order_acquire);
	size_t n = head - tail;
	unsigned char *dst = out;

	if (n > max)
		n = max;
	for (size_t i = 0; i < n; i++)
		memcpy(dst + i * q->elem_size, q->slots + ((tail + i) & q->mask) * q->elem_size,
		       q->elem_size);
	atomic_store_explicit(&q->tail, tail + n, memory_order_release);
	return n;
}

size_t mb_spscq_capacity(const struct mb_spscq *q)
{
	return q->mask + 1;
}

uint64_t mb_spscq_dropped(const struct mb_spscq *q)
{
	return atomic_load_explicit(&q->dropped, memory_order_relaxed);
}
