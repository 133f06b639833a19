/* Domain events of both hosts, timestamped on arrival on the run's clock.
 * libvirt's default event loop runs in a thread of its own. */
#ifndef MB_EVENTS_H
#define MB_EVENTS_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>
#include <libvirt/libvirt.h>

#include "src/run/jobstats.h"

#define MB_EVENTS_MAX_SUBS 2 /* the source and the destination */

struct mb_event {
	int64_t t_ns;
	const char *host;  /* "src" or "dst" */
	char kind[24];     /* lifecycle, job-completed, migration-iteration */
	char detail[64];   /* lifecycle: libvirt's names, event/detail (src/run/event_names.h),
			    * e.g. "suspended/migrated"; else e.g. "iteration 3" */
};

struct mb_event_sub {
	struct mb_events *owner;
	virConnectPtr conn;
	const char *host;
	int ids[3];
};

struct mb_events {
	pthread_mutex_t lock;
	struct mb_event *list;
	size_t n, cap;
	char domain_name[256];
	struct mb_jobstats completed; /* from the job-completed event; type NONE if none */
	int64_t iteration;            /* latest migration iteration, -1 none */
	int64_t dst_resumed_ns;       /* arrival of the destination's "resumed", 0 none */
	struct mb_event_sub subs[MB_EVENTS_MAX_SUBS];
	size_t nsubs;
	pthread_t loop;
	bool loop_running;
	atomic_bool stop;             /* set by mb_events_stop, read by the loop thread */
};

void mb_events_init(struct mb_events *ev, const char *domain_name);
/* Starts the event loop thread. 0, or -1 with the reason. */
int mb_events_start(struct mb_events *ev, char *err, size_t errlen);
/* Subscribes to one host's events for the domain, at most
 * MB_EVENTS_MAX_SUBS hosts.  0, or -1 with the reason. */
int mb_events_watch(struct mb_events *ev, virConnectPtr conn, const char *host,
		    char *err, size_t errlen);
/* Unsubscribes, stops and joins the loop. */
void mb_events_stop(struct mb_events *ev);
void mb_events_free(struct mb_events *ev);

int64_t mb_events_iteration(struct mb_events *ev);
/* When the guest resumed on the destination (event arrival), 0 if not. */
int64_t mb_events_dst_resumed(struct mb_events *ev);
/* Arrival times of host's events of kind whose detail starts with
 * prefix, in order: up to max into out; returns how many there are. */
size_t mb_events_times(struct mb_events *ev, const char *host, const char *kind,
		       const char *prefix, int64_t *out, size_t max);
/* The first of them, 0 if none. */
int64_t mb_events_first(struct mb_events *ev, const char *host, const char *kind, const char *prefix);
/* Copies the completed job statistics; false if the event never came. */
bool mb_events_completed(struct mb_events *ev, struct mb_jobstats *out);
json_object *mb_events_json(struct mb_events *ev, int64_t t0_ns);

#endif
