/* The request-record queue is a probes/spscq.c ring of struct
 * mb_app_request (the memory ordering is explained there); the application
 * probe counts its own refused pushes.  struct mb_appq is never defined:
 * the distinct type only keeps callers from mixing queues. */
#include "config.h"

#include "probes/appq.h"

#include "probes/spscq.h"

static struct mb_spscq *ring(struct mb_appq *q)
{
	return (struct mb_spscq *)q;
}

struct mb_appq *mb_appq_new(size_t min_capacity)
{
	return (struct mb_appq *)mb_spscq_new(sizeof(struct mb_app_request), min_capacity);
}

void mb_appq_free(struct mb_appq *q)
{
	mb_spscq_free(ring(q));
}

bool mb_appq_push(struct mb_appq *q, const struct mb_app_request *r)
{
	return mb_spscq_push(ring(q), r);
}

size_t mb_appq_pop(struct mb_appq *q, struct mb_app_request *out, size_t max)
{
	return mb_spscq_pop(ring(q), out, max);
}
