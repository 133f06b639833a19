/* A bounded single-producer single-consumer queue of application request
 * records: the probes/spscq.h ring, typed for struct mb_app_request.  The
 * producer is the application probe's thread, which never waits: a push
 * into a full queue fails and the probe counts it. */
#ifndef MB_PROBES_APPQ_H
#define MB_PROBES_APPQ_H

#include <stdbool.h>
#include <stddef.h>

#include "analysis/app.h"

struct mb_appq;

/* Capacity is min_capacity rounded up to a power of two.  NULL if out of
 * memory. */
struct mb_appq *mb_appq_new(size_t min_capacity);
void mb_appq_free(struct mb_appq *q);

/* Producer side.  Returns false, leaving the queue unchanged, if it is full. */
bool mb_appq_push(struct mb_appq *q, const struct mb_app_request *r);

/* Consumer side.  Copies up to max records, oldest first; returns how many. */
size_t mb_appq_pop(struct mb_appq *q, struct mb_app_request *out, size_t max);

#endif
