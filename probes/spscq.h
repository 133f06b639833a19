/* A bounded single-producer single-consumer ring of fixed-size elements.
 *
 * The producer is a probe's thread, which must never wait on a disk nor on
 * its consumer: pushing here is a copy and a release store, and a push onto
 * a full ring drops the element and counts it.  The consumer (analysis,
 * CSV) runs on another thread at its own pace.  No locks.  probes/sampleq.h
 * and probes/appq.h are its typed faces. */
#ifndef MB_PROBES_SPSCQ_H
#define MB_PROBES_SPSCQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct mb_spscq;

/* Elements of elem_size bytes; capacity is min_capacity rounded up to a
 * power of two (at least 16).  NULL if out of memory or elem_size is 0. */
struct mb_spscq *mb_spscq_new(size_t elem_size, size_t min_capacity);
void mb_spscq_free(struct mb_spscq *q);

/* Producer side.  Copies one element from elem.  Returns false if the ring
 * is full: the element is dropped, counted in mb_spscq_dropped, and the
 * ring is unchanged. */
bool mb_spscq_push(struct mb_spscq *q, const void *elem);

/* Consumer side.  Copies up to max elements into out, oldest first;
 * returns how many. */
size_t mb_spscq_pop(struct mb_spscq *q, void *out, size_t max);

size_t mb_spscq_capacity(const struct mb_spscq *q);

/* Pushes refused on a full ring so far.  Any thread, any time. */
uint64_t mb_spscq_dropped(const struct mb_spscq *q);

#endif
