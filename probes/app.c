/* The open-loop application probe.  See app.h for the contract.
 *
 * Design choices, and why:
 *
 * - One thread, one ppoll() over every connection and a stop eventfd: the
 *   schedule, the backlog and the connections are private to it; other
 *   threads see only relaxed atomic counters and the record queue.
 *
 * - Open loop: due times are start + k / rate, computed from k, so delays
 *   never accumulate and never thin the schedule.  A due request with no
 *   free connection waits in the backlog (bounded: it times out `timeout`
 *   after it was due, so at most rate x timeout wait), which is what makes
 *   the latency from the scheduled time honest during a stall.
 *
 * - sent_ns is when the request was handed to a connection: the connect()
 *   call for a new one.  With a server that closes after every answer the
 *   handshake is part of every request, as it is for its users.
 *
 * - Every request ends in exactly one record, also at stop and on a fatal
 *   error, so the figures never lose a request silently; only a full
 *   record queue can drop one, and that is counted.
 */
#include "config.h"

#include "probes/app.h"

#include <errno.h>
#include <inttypes.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "analysis/httpresp.h"
#include "probes/appq.h"
#include "probes/clock.h"

#define MAX_WAIT_NS 100000000LL /* re-check the stop flag at least this often */
#define EOF_ERR (-1)            /* conn_error: the peer closed */

enum conn_state { C_CLOSED, C_IDLE, C_CONNECTING, C_SENDING, C_WAITING };

struct conn {
	int fd;
	enum conn_state st;
	bool used;    /* the slot connected before: its next connect is a reconnect */
	bool fresh;   /* the request is the connection's first */
	bool retried; /* the request was already retried once */
	struct mb_app_request req;
	char tx[MB_URL_PATH_MAX + MB_URL_HOST_MAX + 96];
	size_t tx_len, tx_off;
	struct mb_http_resp http;
	char line[64];
	size_t line_len;
};

struct pending {
	uint64_t seq;
	int64_t due;
};

struct counters {
	_Atomic int64_t start_ns, max_send_late_ns;
	_Atomic uint64_t scheduled, sent, finished, connects, retries, queue_dropped, backlog_max;
	_Atomic uint64_t outcomes[MB_APP_N_OUTCOMES];
	_Atomic int last_errno, fatal_errno;
};

struct mb_app_probe {
	struct mb_app_probe_config cfg;
	struct mb_url url;
	struct sockaddr_storage addr;
	socklen_t addrlen;
	char host_header[MB_URL_HOST_MAX + 16];
	struct mb_appq *q;

	/* Probe thread only. */
	struct pending *backlog;
	size_t bl_cap, bl_head, bl_len;
	struct conn *conns;
	struct pollfd *pfd;
	uint64_t next_seq;
	int64_t start_ns;

	int wakefd;
	pthread_t thread;
	bool started, joined;
	_Atomic bool stop;
	struct counters c;
};

static void add_relaxed(_Atomic uint64_t *v, uint64_t n)
{
	atomic_store_explicit(v, atomic_load_explicit(v, memory_order_relaxed) + n,
			      memory_order_relaxed);
}

static void max_relaxed(_Atomic uint64_t *v, uint64_t n)
{
	if (n > atomic_load_explicit(v, memory_order_relaxed))
		atomic_store_explicit(v, n, memory_order_relaxed);
}

static int64_t due_time(const struct mb_app_probe *p, uint64_t k)
{
	return p->start_ns + (int64_t)((double)k * 1e9 / p->cfg.rate);
}

/* ---- records ------------------------------------------------------------ */

static void emit(struct mb_app_probe *p, struct mb_app_request *r, enum mb_app_outcome o,
		 int64_t now)
{
	r->outcome = o;
	r->done_ns = now;
	if (!mb_appq_push(p->q, r))
		add_relaxed(&p->c.queue_dropped, 1);
	add_relaxed(&p->c.finished, 1);
	add_relaxed(&p->c.outcomes[o], 1);
}

static enum mb_app_outcome outcome_of(int e)
{
	switch (e) {
	case ECONNREFUSED:
		return MB_APP_REFUSED;
	case EOF_ERR:
	case ECONNRESET:
	case EPIPE:
	case ECONNABORTED:
		return MB_APP_RESET;
	case ETIMEDOUT:
		return MB_APP_TIMEOUT;
	default:
		return MB_APP_OTHER;
	}
}

static void close_conn(struct conn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	c->st = C_CLOSED;
}

/* The request on c is over: record it, keep or close the connection. */
static void finish(struct mb_app_probe *p, struct conn *c, enum mb_app_outcome o,
		   int64_t now, bool keep)
{
	emit(p, &c->req, o, now);
	c->retried = false;
	if (keep)
		c->st = C_IDLE;
	else
		close_conn(c);
}

/* ---- requests ------------------------------------------------------------ */

static void build_request(struct mb_app_probe *p, struct conn *c)
{
	int n;

	if (p->url.scheme == MB_URL_HTTP)
		n = snprintf(c->tx, sizeof(c->tx), "GET %s HTTP/1.1\r\nHost: %s\r\n"
			     "User-Agent: migbench\r\nAccept: */*\r\n\r\n", p->url.path, p->host_header);
	else
		n = snprintf(c->tx, sizeof(c->tx), "migbench %" PRIu64 "\n", c->req.seq);
	c->tx_len = n > 0 && (size_t)n < sizeof(c->tx) ? (size_t)n : 0; /* sized for the longest */
	c->tx_off = 0;
}

static void try_send(struct mb_app_probe *p, struct conn *c, int64_t now);
static void conn_error(struct mb_app_probe *p, struct conn *c, int e, int64_t now);

/* Opens a new connection for the request on c. */
static void connect_conn(struct mb_app_probe *p, struct conn *c, int64_t now)
{
	int one = 1;

	c->req.reconnect = c->req.reconnect || c->used;
	c->used = true;
	c->fresh = true;
	add_relaxed(&p->c.connects, 1);
	c->fd = socket(p->addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (c->fd < 0) {
		conn_error(p, c, errno, now);
		return;
	}
	setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (connect(c->fd, (const struct sockaddr *)&p->addr, p->addrlen) == 0) {
		c->st = C_SENDING;
		try_send(p, c, now);
	} else if (errno == EINPROGRESS) {
		c->st = C_CONNECTING;
	} else {
		conn_error(p, c, errno, now);
	}
}

static void start_request(struct mb_app_probe *p, struct conn *c, struct pending pd, int64_t now)
{
	c->req = (struct mb_app_request){
		.seq = pd.seq, .scheduled_ns = pd.due, .sent_ns = now, .first_byte_ns = -1,
		.done_ns = -1,
	};
	build_request(p, c);
	add_relaxed(&p->c.sent, 1);
	if (now - pd.due > atomic_load_explicit(&p->c.max_send_late_ns, memory_order_relaxed))
		atomic_store_explicit(&p->c.max_send_late_ns, now - pd.due, memory_order_relaxed);
	if (c->st == C_CLOSED) {
		connect_conn(p, c, now);
		return;
	}
	c->fresh = false;
	c->st = C_SENDING;
	try_send(p, c, now);
}

/* A socket error or EOF on c's request.  A kept connection the server
 * closed before answering gets the request once more, on a new one. */
static void conn_error(struct mb_app_probe *p, struct conn *c, int e, int64_t now)
{
	if (e > 0)
		atomic_store_explicit(&p->c.last_errno, e, memory_order_relaxed);
	close_conn(c);
	if (!c->fresh && !c->retried && c->req.first_byte_ns < 0 &&
	    (e == EOF_ERR || e == ECONNRESET || e == EPIPE)) {
		c->retried = true;
		add_relaxed(&p->c.retries, 1);
		build_request(p, c);
		connect_conn(p, c, now);
		return;
	}
	finish(p, c, outcome_of(e), now, false);
}

static void try_send(struct mb_app_probe *p, struct conn *c, int64_t now)
{
	while (c->tx_off < c->tx_len) {
		ssize_t n = send(c->fd, c->tx + c->tx_off, c->tx_len - c->tx_off, MSG_NOSIGNAL);

		if (n < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
				return;
			conn_error(p, c, errno, now);
			return;
		}
		c->tx_off += (size_t)n;
	}
	c->st = C_WAITING;
	mb_http_resp_init(&c->http);
	c->line_len = 0;
}

/* Answer bytes for a tcp:// echo: 1 complete, 0 more, -1 wrong. */
static int echo_feed(struct conn *c, const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (c->line_len == sizeof(c->line))
			return -1;
		c->line[c->line_len++] = buf[i];
		if (buf[i] == '\n')
			return i + 1 == n && c->line_len == c->tx_len &&
			       memcmp(c->line, c->tx, c->tx_len) == 0 ? 1 : -1;
	}
	return 0;
}

/* The answer on c is complete (done > 0), wrong (done < 0). */
static void answered(struct mb_app_probe *p, struct conn *c, int done, int64_t now)
{
	bool http = p->url.scheme == MB_URL_HTTP;

	if (done < 0) {
		finish(p, c, MB_APP_OTHER, now, false);
		return;
	}
	if (!http) {
		finish(p, c, MB_APP_OK, now, true);
		return;
	}
	c->req.http_status = c->http.status;
	finish(p, c, c->http.status / 100 == 2 ? MB_APP_OK : MB_APP_HTTP_STATUS, now,
	       c->http.keep_alive);
}

static void try_recv(struct mb_app_probe *p, struct conn *c, int64_t now)
{
	char buf[16384];
	bool http = p->url.scheme == MB_URL_HTTP;

	for (;;) {
		ssize_t n = recv(c->fd, buf, sizeof(buf), 0);
		int done;

		if (n < 0) {
			if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
				conn_error(p, c, errno, now);
			return;
		}
		if (n == 0) {
			if (http && c->req.first_byte_ns >= 0 && mb_http_resp_eof(&c->http) == 1)
				answered(p, c, 1, now);
			else
				conn_error(p, c, EOF_ERR, now);
			return;
		}
		if (c->req.first_byte_ns < 0)
			c->req.first_byte_ns = now;
		done = http ? mb_http_resp_feed(&c->http, buf, (size_t)n) : echo_feed(c, buf, (size_t)n);
		if (done) {
			answered(p, c, done, now);
			return;
		}
	}
}

/* ---- the loop ------------------------------------------------------------ */

static bool busy(const struct conn *c)
{
	return c->st == C_CONNECTING || c->st == C_SENDING || c->st == C_WAITING;
}

/* Requests due by now join the backlog.  A full backlog means the thread
 * itself stalled for longer than the timeout: the oldest is over. */
static void schedule_due(struct mb_app_probe *p, int64_t now)
{
	while (due_time(p, p->next_seq) <= now) {
		struct pending pd = { .seq = p->next_seq, .due = due_time(p, p->next_seq) };

		if (p->bl_len == p->bl_cap) {
			struct pending *old = &p->backlog[p->bl_head];
			struct mb_app_request r = { .seq = old->seq, .scheduled_ns = old->due,
						    .sent_ns = -1, .first_byte_ns = -1 };
			emit(p, &r, MB_APP_TIMEOUT, now);
			p->bl_head = (p->bl_head + 1) % p->bl_cap;
			p->bl_len--;
		}
		p->backlog[(p->bl_head + p->bl_len) % p->bl_cap] = pd;
		p->bl_len++;
		p->next_seq++;
		add_relaxed(&p->c.scheduled, 1);
	}
}

/* Requests whose time is up, waiting or on a connection. */
static void expire(struct mb_app_probe *p, int64_t now)
{
	int64_t t = p->cfg.timeout_ns;

	while (p->bl_len && p->backlog[p->bl_head].due + t <= now) {
		struct pending *pd = &p->backlog[p->bl_head];
		struct mb_app_request r = { .seq = pd->seq, .scheduled_ns = pd->due,
					    .sent_ns = -1, .first_byte_ns = -1 };
		emit(p, &r, MB_APP_TIMEOUT, now);
		p->bl_head = (p->bl_head + 1) % p->bl_cap;
		p->bl_len--;
	}
	for (unsigned i = 0; i < p->cfg.conns; i++) {
		struct conn *c = &p->conns[i];

		if (busy(c) && c->req.scheduled_ns + t <= now)
			finish(p, c, MB_APP_TIMEOUT, now, false);
	}
}

static void dispatch(struct mb_app_probe *p, int64_t now)
{
	for (unsigned i = 0; i < p->cfg.conns && p->bl_len; i++) {
		struct conn *c = &p->conns[i];

		while (p->bl_len && !busy(c)) {
			struct pending pd = p->backlog[p->bl_head];

			p->bl_head = (p->bl_head + 1) % p->bl_cap;
			p->bl_len--;
			start_request(p, c, pd, now);
		}
	}
	max_relaxed(&p->c.backlog_max, p->bl_len);
}

static int64_t next_wake(const struct mb_app_probe *p, bool scheduling, int64_t now)
{
	int64_t wake = now + MAX_WAIT_NS, t = p->cfg.timeout_ns;

	if (scheduling && due_time(p, p->next_seq) < wake)
		wake = due_time(p, p->next_seq);
	if (p->bl_len && p->backlog[p->bl_head].due + t < wake)
		wake = p->backlog[p->bl_head].due + t;
	for (unsigned i = 0; i < p->cfg.conns; i++)
		if (busy(&p->conns[i]) && p->conns[i].req.scheduled_ns + t < wake)
			wake = p->conns[i].req.scheduled_ns + t;
	return wake;
}

static short poll_events(const struct conn *c)
{
	switch (c->st) {
	case C_CONNECTING:
	case C_SENDING:
		return POLLOUT;
	case C_WAITING:
	case C_IDLE: /* a kept connection the server closes */
		return POLLIN;
	default:
		return 0;
	}
}

static void handle(struct mb_app_probe *p, struct conn *c, short rev, int64_t now)
{
	int e = 0;
	socklen_t len = sizeof(e);

	switch (c->st) {
	case C_CONNECTING:
		if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &e, &len) < 0)
			e = errno;
		if (e) {
			conn_error(p, c, e, now);
			return;
		}
		c->st = C_SENDING;
		/* fall through */
	case C_SENDING:
		try_send(p, c, now);
		return;
	case C_WAITING:
		try_recv(p, c, now);
		return;
	case C_IDLE:
		if (rev)
			close_conn(c); /* closed (or spoke) between requests: not a request's failure */
		return;
	default:
		return;
	}
}

/* Sleeps in ppoll until wake or an event; handles the events.  Returns 0,
 * or a negative errno if polling itself failed. */
static int wait_and_handle(struct mb_app_probe *p, int64_t wake)
{
	unsigned n = 0;
	int64_t d = wake - mb_now_ns();
	struct timespec ts = mb_ns_ts(d > 0 ? d : 0);
	int64_t now;
	int rc;

	p->pfd[n++] = (struct pollfd){ .fd = p->wakefd, .events = POLLIN };
	for (unsigned i = 0; i < p->cfg.conns; i++)
		p->pfd[n++] = (struct pollfd){
			.fd = p->conns[i].fd, .events = p->conns[i].fd >= 0 ? poll_events(&p->conns[i]) : 0,
		};
	rc = ppoll(p->pfd, n, &ts, NULL);
	if (rc < 0)
		return errno == EINTR ? 0 : -errno;
	if (rc == 0)
		return 0;
	if (p->pfd[0].revents) { /* stop: drain it, or every later ppoll returns at once */
		uint64_t v;

		if (read(p->wakefd, &v, sizeof(v)) < 0)
			(void)0;
	}
	now = mb_now_ns();
	for (unsigned i = 0; i < p->cfg.conns; i++)
		if (p->pfd[i + 1].revents && p->pfd[i + 1].fd == p->conns[i].fd)
			handle(p, &p->conns[i], p->pfd[i + 1].revents, now);
	return 0;
}

static bool any_busy(const struct mb_app_probe *p)
{
	for (unsigned i = 0; i < p->cfg.conns; i++)
		if (busy(&p->conns[i]))
			return true;
	return false;
}

/* After a fatal error: every request still due ends as "other". */
static void abandon(struct mb_app_probe *p)
{
	int64_t now = mb_now_ns();

	for (unsigned i = 0; i < p->cfg.conns; i++)
		if (busy(&p->conns[i]))
			finish(p, &p->conns[i], MB_APP_OTHER, now, false);
	while (p->bl_len) {
		struct pending *pd = &p->backlog[p->bl_head];
		struct mb_app_request r = { .seq = pd->seq, .scheduled_ns = pd->due,
					    .sent_ns = -1, .first_byte_ns = -1 };
		emit(p, &r, MB_APP_OTHER, now);
		p->bl_head = (p->bl_head + 1) % p->bl_cap;
		p->bl_len--;
	}
}

static void *probe_thread(void *arg)
{
	struct mb_app_probe *p = arg;
	bool scheduling = true;
	int rc = 0;

	prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL); /* 0 would mean "default" */
	p->start_ns = mb_now_ns();
	atomic_store_explicit(&p->c.start_ns, p->start_ns, memory_order_relaxed);
	for (;;) {
		int64_t now = mb_now_ns();

		if (scheduling && atomic_load_explicit(&p->stop, memory_order_acquire))
			scheduling = false;
		if (scheduling)
			schedule_due(p, now);
		expire(p, now);
		dispatch(p, now);
		if (!scheduling && !p->bl_len && !any_busy(p))
			break;
		rc = wait_and_handle(p, next_wake(p, scheduling, now));
		if (rc < 0)
			break;
	}
	if (rc < 0) {
		atomic_store_explicit(&p->c.fatal_errno, -rc, memory_order_relaxed);
		abandon(p);
	}
	for (unsigned i = 0; i < p->cfg.conns; i++)
		close_conn(&p->conns[i]);
	return NULL;
}

/* ---- setup ------------------------------------------------------------ */

static int check_config(const struct mb_app_probe_config *cfg, char *err, size_t errlen)
{
	double backlog;

	if (!(cfg->rate >= MB_APP_PROBE_MIN_RATE && cfg->rate <= MB_APP_PROBE_MAX_RATE)) {
		snprintf(err, errlen, "rate %g/s: outside %g .. %g requests per second", cfg->rate,
			 MB_APP_PROBE_MIN_RATE, MB_APP_PROBE_MAX_RATE);
		return -EINVAL;
	}
	if (cfg->conns > MB_APP_PROBE_MAX_CONNS) {
		snprintf(err, errlen, "connections %u: outside 1 .. %d", cfg->conns,
			 MB_APP_PROBE_MAX_CONNS);
		return -EINVAL;
	}
	if (cfg->timeout_ns < 0) {
		snprintf(err, errlen, "timeout %" PRId64 " ns: must be positive", cfg->timeout_ns);
		return -EINVAL;
	}
	backlog = cfg->rate * (double)cfg->timeout_ns / 1e9;
	if (backlog > MB_APP_PROBE_MAX_BACKLOG) {
		snprintf(err, errlen, "rate x timeout: more than %u requests could be waiting",
			 MB_APP_PROBE_MAX_BACKLOG);
		return -EINVAL;
	}
	return 0;
}

static int resolve(struct mb_app_probe *p, char *err, size_t errlen)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM, .ai_flags = AI_NUMERICSERV };
	struct addrinfo *res;
	char port[8];
	int rc;

	snprintf(port, sizeof(port), "%u", p->url.port);
	rc = getaddrinfo(p->url.host, port, &hints, &res);
	if (rc) {
		snprintf(err, errlen, "%s: %s", p->url.host,
			 rc == EAI_SYSTEM ? strerror(errno) : gai_strerror(rc));
		return -ENOENT;
	}
	memcpy(&p->addr, res->ai_addr, res->ai_addrlen);
	p->addrlen = res->ai_addrlen;
	freeaddrinfo(res);
	(void)mb_url_host_text(p->url.host, p->host_header, sizeof(p->host_header)); /* sized for it */
	if (p->url.port != 80)
		snprintf(p->host_header + strlen(p->host_header),
			 sizeof(p->host_header) - strlen(p->host_header), ":%u", p->url.port);
	return 0;
}

static int setup(struct mb_app_probe *p, char *err, size_t errlen)
{
	size_t qslots = p->cfg.queue_slots;

	if (!qslots) {
		double two_s = p->cfg.rate * 2;

		qslots = two_s > 1024 ? (size_t)two_s : 1024;
	}
	p->bl_cap = (size_t)(p->cfg.rate * (double)p->cfg.timeout_ns / 1e9) + p->cfg.conns + 16;
	p->backlog = calloc(p->bl_cap, sizeof(*p->backlog));
	p->conns = calloc(p->cfg.conns, sizeof(*p->conns));
	p->pfd = calloc(p->cfg.conns + 1, sizeof(*p->pfd));
	p->q = mb_appq_new(qslots);
	if (!p->backlog || !p->conns || !p->pfd || !p->q) {
		snprintf(err, errlen, "application probe: %s", strerror(ENOMEM));
		return -ENOMEM;
	}
	for (unsigned i = 0; i < p->cfg.conns; i++)
		p->conns[i].fd = -1;
	p->wakefd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (p->wakefd < 0) {
		snprintf(err, errlen, "eventfd: %s", strerror(errno));
		return -errno;
	}
	return 0;
}

int mb_app_probe_open(struct mb_app_probe **out, const struct mb_app_probe_config *cfg,
		      char *err, size_t errlen)
{
	struct mb_app_probe *p;
	int rc;

	*out = NULL;
	p = calloc(1, sizeof(*p));
	if (!p) {
		snprintf(err, errlen, "application probe: %s", strerror(ENOMEM));
		return -ENOMEM;
	}
	p->cfg = *cfg;
	p->wakefd = -1;
	if (!p->cfg.conns)
		p->cfg.conns = 1;
	if (!p->cfg.timeout_ns)
		p->cfg.timeout_ns = MB_APP_PROBE_DEFAULT_TIMEOUT_NS;
	atomic_init(&p->stop, false);
	atomic_init(&p->c.start_ns, -1);
	if (mb_url_parse(cfg->url, &p->url, err, errlen) < 0)
		rc = -EINVAL;
	else if ((rc = check_config(&p->cfg, err, errlen)) == 0 && (rc = resolve(p, err, errlen)) == 0)
		rc = setup(p, err, errlen);
	if (rc < 0) {
		mb_app_probe_free(p);
		return rc;
	}
	*out = p;
	return 0;
}

const struct mb_url *mb_app_probe_url(const struct mb_app_probe *p)
{
	return &p->url;
}

int mb_app_probe_start(struct mb_app_probe *p, char *err, size_t errlen)
{
	sigset_t all, old;
	int rc;

	if (p->started) {
		snprintf(err, errlen, "application probe: already started");
		return -EINVAL;
	}
	/* Signals go to the caller's threads, never to the probe. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&p->thread, NULL, probe_thread, p);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc) {
		snprintf(err, errlen, "application probe thread: %s", strerror(rc));
		return -rc;
	}
	p->started = true;
	return 0;
}

size_t mb_app_probe_pop(struct mb_app_probe *p, struct mb_app_request *out, size_t max)
{
	return mb_appq_pop(p->q, out, max);
}

void mb_app_probe_stop(struct mb_app_probe *p)
{
	uint64_t one = 1;

	if (!p || !p->started || p->joined)
		return;
	atomic_store_explicit(&p->stop, true, memory_order_release);
	if (write(p->wakefd, &one, sizeof(one)) < 0)
		(void)0; /* the thread re-checks the flag at every wake anyway */
	pthread_join(p->thread, NULL);
	p->joined = true;
}

#define LOAD(f) atomic_load_explicit(&p->c.f, memory_order_relaxed)

void mb_app_probe_stats(const struct mb_app_probe *p, struct mb_app_probe_stats *st)
{
	st->start_ns = LOAD(start_ns);
	st->scheduled = LOAD(scheduled);
	st->sent = LOAD(sent);
	st->finished = LOAD(finished);
	for (int o = 0; o < MB_APP_N_OUTCOMES; o++)
		st->outcomes[o] = LOAD(outcomes[o]);
	st->connects = LOAD(connects);
	st->retries = LOAD(retries);
	st->queue_dropped = LOAD(queue_dropped);
	st->backlog_max = LOAD(backlog_max);
	st->max_send_late_ns = LOAD(max_send_late_ns);
	st->last_errno = LOAD(last_errno);
	st->fatal_errno = LOAD(fatal_errno);
}

void mb_app_probe_free(struct mb_app_probe *p)
{
	if (!p)
		return;
	mb_app_probe_stop(p);
	if (p->wakefd >= 0)
		close(p->wakefd);
	mb_appq_free(p->q);
	free(p->backlog);
	free(p->conns);
	free(p->pfd);
	free(p);
}
