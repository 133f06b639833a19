/* The open-loop application probe: requests to a service in the guest on
 * a fixed schedule, the fourth Virt-LM figure.
 *
 * One thread, on the prober's clock (CLOCK_MONOTONIC ns): request k is due
 * at start + k / rate (absolute deadlines), whatever happened to the
 * earlier ones.  It is sent on the first free one of `conns` non-blocking
 * connections, all in one poll loop; when every connection is busy it
 * waits in a backlog and stays due at its scheduled time (latency is
 * counted from there: no coordinated omission).  A request times out
 * `timeout` after it was DUE (what its user waited), sent or not; a
 * connection whose request timed out is closed.
 *
 *   http://HOST[:PORT]/PATH  HTTP/1.1 GET; the connection is kept when the
 *                            server allows, else a new one per request
 *                            (busybox httpd answers Connection: close);
 *                            2xx is ok, other statuses MB_APP_HTTP_STATUS
 *   tcp://HOST:PORT          connect, send "migbench SEQ\n", read the same
 *                            line back; the connection is kept
 *
 * A request written on a kept connection that the server had closed in
 * the meantime (EOF or reset before any answer byte) is retried once on a
 * new connection: that race is HTTP's, not the service's.
 *
 * Records (analysis/app.h) go through a bounded lock-free queue; the
 * consumer pops them with mb_app_probe_pop at its own pace and feeds
 * analysis/app.c and app.csv.  The probe never waits for the consumer: a
 * record that finds the queue full is dropped and counted.
 *
 * Threading: open, start, stop and free belong to one caller thread; pop
 * to one consumer thread (it may be the same); stats from any thread. */
#ifndef MB_PROBES_APP_H
#define MB_PROBES_APP_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/app.h"
#include "analysis/url.h"

#define MB_APP_PROBE_MAX_RATE 100000.0       /* requests per second */
#define MB_APP_PROBE_MIN_RATE 0.01
#define MB_APP_PROBE_MAX_CONNS 1024
#define MB_APP_PROBE_DEFAULT_TIMEOUT_NS 2000000000LL /* 2 s */
#define MB_APP_PROBE_MAX_BACKLOG (1u << 20)  /* rate x timeout cap */

struct mb_app_probe_config {
	const char *url;    /* see above; parsed by analysis/url.h */
	double rate;        /* requests per second, MIN_RATE .. MAX_RATE */
	unsigned conns;     /* 1 .. MAX_CONNS; 0 = 1 */
	int64_t timeout_ns; /* > 0, from the scheduled time; 0 = the default */
	size_t queue_slots; /* record queue; 0 = rate x 2 s, at least 1024 */
};

struct mb_app_probe_stats {
	int64_t start_ns;          /* request 0's deadline; -1 before start */
	uint64_t scheduled;        /* requests that came due */
	uint64_t sent;             /* handed to a connection */
	uint64_t finished;         /* records produced (queued or dropped) */
	uint64_t outcomes[MB_APP_N_OUTCOMES];
	uint64_t connects;         /* connect() calls */
	uint64_t retries;          /* requests retried after a kept connection was closed */
	uint64_t queue_dropped;    /* records the consumer was too slow for */
	uint64_t backlog_max;      /* most requests due at once with no free connection */
	int64_t max_send_late_ns;  /* worst sent - scheduled */
	int last_errno;            /* the last socket error seen, 0 if none */
	int fatal_errno;           /* nonzero: the probe thread stopped on this */
};

struct mb_app_probe; /* opaque */

/* Parses the URL, resolves HOST (the first address getaddrinfo gives) and
 * checks the config, so mistakes come before anything starts.  Returns 0,
 * or a negative errno (-EINVAL bad URL or config, -ENOENT unknown host,
 * -ENOMEM); err gets "what: why" without the "migbench: " prefix. */
int mb_app_probe_open(struct mb_app_probe **out, const struct mb_app_probe_config *cfg,
		      char *err, size_t errlen);

/* The parsed target (valid until free). */
const struct mb_url *mb_app_probe_url(const struct mb_app_probe *p);

/* Starts the probe thread (all signals blocked in it); request 0 is due at
 * once.  Returns 0 or a negative errno. */
int mb_app_probe_start(struct mb_app_probe *p, char *err, size_t errlen);

/* Consumer side: up to max finished records, oldest first. */
size_t mb_app_probe_pop(struct mb_app_probe *p, struct mb_app_request *out, size_t max);

/* Stops scheduling, lets the requests already due finish or time out (at
 * most the timeout), joins the thread.  Idempotent.  Pop afterwards for
 * the last records. */
void mb_app_probe_stop(struct mb_app_probe *p);

void mb_app_probe_stats(const struct mb_app_probe *p, struct mb_app_probe_stats *st);

/* Stops if running, closes, frees.  NULL is fine. */
void mb_app_probe_free(struct mb_app_probe *p);

#endif
