#include "config.h"

#include "src/run/events.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probes/clock.h"
#include "src/common/virt.h"
#include "src/run/event_names.h"

void mb_events_init(struct mb_events *ev, const char *domain_name)
{
	memset(ev, 0, sizeof(*ev));
	pthread_mutex_init(&ev->lock, NULL);
	atomic_init(&ev->stop, false);
	snprintf(ev->domain_name, sizeof(ev->domain_name), "%s", domain_name);
	mb_jobstats_clear(&ev->completed);
	ev->iteration = -1;
}

static void record(struct mb_events *ev, const char *host, const char *kind, const char *detail)
{
	int64_t t = mb_now_ns();

	pthread_mutex_lock(&ev->lock);
	if (ev->n == ev->cap) {
		size_t cap = ev->cap ? ev->cap * 2 : 32;
		struct mb_event *l = realloc(ev->list, cap * sizeof(*l));

		if (!l) {
			pthread_mutex_unlock(&ev->lock);
			return; /* an event lost to OOM is not worth failing the run */
		}
		ev->list = l;
		ev->cap = cap;
	}
	struct mb_event *e = &ev->list[ev->n++];
	e->t_ns = t;
	e->host = host;
	snprintf(e->kind, sizeof(e->kind), "%s", kind);
	snprintf(e->detail, sizeof(e->detail), "%s", detail);
	pthread_mutex_unlock(&ev->lock);
}

static bool ours(struct mb_event_sub *sub, virDomainPtr dom)
{
	return !strcmp(virDomainGetName(dom), sub->owner->domain_name);
}

static int on_lifecycle(virConnectPtr conn, virDomainPtr dom, int event, int detail, void *opaque)
{
	struct mb_event_sub *sub = opaque;
	char text[64];

	(void)conn;
	if (!ours(sub, dom))
		return 0;
	/* The migration is complete when the guest runs on the destination. */
	if (event == VIR_DOMAIN_EVENT_RESUMED && !strcmp(sub->host, "dst")) {
		pthread_mutex_lock(&sub->owner->lock);
		if (!sub->owner->dst_resumed_ns)
			sub->owner->dst_resumed_ns = mb_now_ns();
		pthread_mutex_unlock(&sub->owner->lock);
	}
	mb_lifecycle_text(event, detail, text, sizeof(text));
	record(sub->owner, sub->host, "lifecycle", text);
	return 0;
}

static void on_iteration(virConnectPtr conn, virDomainPtr dom, int iteration, void *opaque)
{
	struct mb_event_sub *sub = opaque;
	char text[64];

	(void)conn;
	if (!ours(sub, dom))
		return;
	pthread_mutex_lock(&sub->owner->lock);
	sub->owner->iteration = iteration;
	pthread_mutex_unlock(&sub->owner->lock);
	snprintf(text, sizeof(text), "iteration %d", iteration);
	record(sub->owner, sub->host, "migration-iteration", text);
}

static void on_job_completed(virConnectPtr conn, virDomainPtr dom, virTypedParameterPtr params,
			     int nparams, void *opaque)
{
	struct mb_event_sub *sub = opaque;
	struct mb_events *ev = sub->owner;

	(void)conn;
	if (!ours(sub, dom))
		return;
	pthread_mutex_lock(&ev->lock);
	/* The source's record is the one with the downtime; keep the first. */
	if (ev->completed.type == VIR_DOMAIN_JOB_NONE) {
		ev->completed.t_ns = mb_now_ns();
		ev->completed.type = VIR_DOMAIN_JOB_COMPLETED;
		mb_jobstats_from_params(&ev->completed, params, nparams);
	}
	pthread_mutex_unlock(&ev->lock);
	record(ev, sub->host, "job-completed", "");
}

static void *loop_main(void *arg)
{
	struct mb_events *ev = arg;

	while (!atomic_load_explicit(&ev->stop, memory_order_acquire))
		if (virEventRunDefaultImpl() < 0)
			break;
	return NULL;
}

int mb_events_start(struct mb_events *ev, char *err, size_t errlen)
{
	int rc = mb_thread_start(&ev->loop, loop_main, ev);

	if (rc) {
		snprintf(err, errlen, "event thread: %s", strerror(rc));
		return -1;
	}
	ev->loop_running = true;
	return 0;
}

int mb_events_watch(struct mb_events *ev, virConnectPtr conn, const char *host,
		    char *err, size_t errlen)
{
	struct mb_event_sub *sub;

	if (ev->nsubs >= MB_EVENTS_MAX_SUBS) {
		snprintf(err, errlen, "domain events on %s: more than %d hosts watched", host,
			 MB_EVENTS_MAX_SUBS);
		return -1;
	}
	sub = &ev->subs[ev->nsubs];
	sub->owner = ev;
	sub->conn = conn;
	sub->host = host;
	sub->ids[0] = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
		VIR_DOMAIN_EVENT_CALLBACK(on_lifecycle), sub, NULL);
	sub->ids[1] = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION,
		VIR_DOMAIN_EVENT_CALLBACK(on_iteration), sub, NULL);
	sub->ids[2] = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_JOB_COMPLETED,
		VIR_DOMAIN_EVENT_CALLBACK(on_job_completed), sub, NULL);
	ev->nsubs++;
	for (int i = 0; i < 3; i++)
		if (sub->ids[i] < 0) {
			snprintf(err, errlen, "domain events on %s: %s", host, mb_virt_last_error());
			return -1;
		}
	return 0;
}

static void wake(int timer, void *opaque)
{
	(void)timer;
	(void)opaque;
}

void mb_events_stop(struct mb_events *ev)
{
	for (size_t s = 0; s < ev->nsubs; s++)
		for (int i = 0; i < 3; i++)
			if (ev->subs[s].ids[i] >= 0)
				virConnectDomainEventDeregisterAny(ev->subs[s].conn, ev->subs[s].ids[i]);
	ev->nsubs = 0;
	if (!ev->loop_running)
		return;
	atomic_store_explicit(&ev->stop, true, memory_order_release);
	/* A timer that fires at once makes virEventRunDefaultImpl return. */
	int timer = virEventAddTimeout(0, wake, NULL, NULL);
	pthread_join(ev->loop, NULL);
	if (timer >= 0)
		virEventRemoveTimeout(timer);
	ev->loop_running = false;
}

void mb_events_free(struct mb_events *ev)
{
	free(ev->list);
	ev->list = NULL;
	pthread_mutex_destroy(&ev->lock);
}

int64_t mb_events_iteration(struct mb_events *ev)
{
	int64_t it;

	pthread_mutex_lock(&ev->lock);
	it = ev->iteration;
	pthread_mutex_unlock(&ev->lock);
	return it;
}

int64_t mb_events_dst_resumed(struct mb_events *ev)
{
	int64_t t;

	pthread_mutex_lock(&ev->lock);
	t = ev->dst_resumed_ns;
	pthread_mutex_unlock(&ev->lock);
	return t;
}

bool mb_events_completed(struct mb_events *ev, struct mb_jobstats *out)
{
	bool have;

	pthread_mutex_lock(&ev->lock);
	have = ev->completed.type != VIR_DOMAIN_JOB_NONE;
	if (have)
		*out = ev->completed;
	pthread_mutex_unlock(&ev->lock);
	return have;
}

json_object *mb_events_json(struct mb_events *ev, int64_t t0_ns)
{
	json_object *a = json_object_new_array();

	pthread_mutex_lock(&ev->lock);
	for (size_t i = 0; i < ev->n; i++) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "t_ns", json_object_new_int64(ev->list[i].t_ns - t0_ns));
		json_object_object_add(o, "host", json_object_new_string(ev->list[i].host));
		json_object_object_add(o, "kind", json_object_new_string(ev->list[i].kind));
		json_object_object_add(o, "detail", json_object_new_string(ev->list[i].detail));
		json_object_array_add(a, o);
	}
	pthread_mutex_unlock(&ev->lock);
	return a;
}

size_t mb_events_times(struct mb_events *ev, const char *host, const char *kind,
		       const char *prefix, int64_t *out, size_t max)
{
	size_t n = 0;

	pthread_mutex_lock(&ev->lock);
	for (size_t i = 0; i < ev->n; i++) {
		const struct mb_event *e = &ev->list[i];

		if (strcmp(e->host, host) || strcmp(e->kind, kind) ||
		    strncmp(e->detail, prefix, strlen(prefix)))
			continue;
		if (n < max)
			out[n] = e->t_ns;
		n++;
	}
	pthread_mutex_unlock(&ev->lock);
	return n;
}

int64_t mb_events_first(struct mb_events *ev, const char *host, const char *kind, const char *prefix)
{
	int64_t t = 0;

	mb_events_times(ev, host, kind, prefix, &t, 1);
	return t;
}
