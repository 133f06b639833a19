/* A bounded single-producer single-consumer queue of probe samples: the
 * probes/spscq.h ring, typed for struct mb_probe_sample.
 *
 * The prober's callback runs on the prober's thread, which must never wait
 * on a disk nor on its consumer: pushing here is a copy and a release
 * store, and a push onto a full queue drops the sample and counts it.  The
 * consumer (analysis, CSV) runs on another thread at its own pace.  No
 * locks. */
#ifndef MB_PROBES_SAMPLEQ_H
#define MB_PROBES_SAMPLEQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analysis/outage.h"

struct mb_sampleq;

/* Capacity is min_capacity rounded up to a power of two.  NULL if out of
 * memory. */
struct mb_sampleq *mb_sampleq_new(size_t min_capacity);
void mb_sampleq_free(struct mb_sampleq *q);

/* Producer side.  Returns false if the queue is full: the sample is
 * dropped, counted in mb_sampleq_dropped, and the queue is unchanged. */
bool mb_sampleq_push(struct mb_sampleq *q, const struct mb_probe_sample *s);

/* Consumer side.  Copies up to max samples, oldest first; returns how many. */
size_t mb_sampleq_pop(struct mb_sampleq *q, struct mb_probe_sample *out, size_t max);

size_t mb_sampleq_capacity(const struct mb_sampleq *q);

/* Samples dropped on a full queue so far.  Any thread, any time. */
uint64_t mb_sampleq_dropped(const struct mb_sampleq *q);

#endif
