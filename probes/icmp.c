/* High-rate ICMP echo prober.  See icmp.h for the contract.
 *
 * Design choices, and why:
 *
 * - One thread does everything (send, receive, finalize).  With kernel
 *   receive timestamps, how late we read a reply does not matter, so there
 *   is nothing to gain from a second thread and no shared state to guard:
 *   the ring of outstanding probes is private to the thread and the
 *   counters other threads read are single-writer relaxed atomics.
 *
 * - Cadence: probe slot i is due at start + i*interval (absolute), never
 *   "interval after the last send", so scheduling delays do not accumulate.
 *   The thread sleeps in ppoll() on the socket until the next deadline, with
 *   its timer slack set to 1 ns.  ppoll() adds its own slack of 0.1% of the
 *   wait, so a wait longer than 2 ms is split: a coarse sleep to 1 ms before
 *   the deadline, then a short precise one.
 *
 * - Scheduling: on a 2-core host where QEMU keeps both cores busy, a normal
 *   thread waits milliseconds for a core; measured on the lab VM, max wakeup
 *   lateness at 100 us went from 3 ms (SCHED_OTHER) to 0.1-0.4 ms
 *   (SCHED_FIFO 10).  So the thread asks for SCHED_FIFO when configured to.
 *   It sleeps most of the time, and the kernel's RT throttling bounds it
 *   should it ever spin.  The ring is pre-touched so that the hot path does
 *   not take page faults either.
 *
 * - Falling behind: a late probe is sent as soon as the thread runs (its
 *   lateness, send time minus deadline, goes into a bounded histogram:
 *   analysis/histogram.h), but we never burst to catch up:
 *   if the sender is a whole interval or more behind, the missed slots are
 *   skipped (counted in "skipped") and the next deadline is the first slot
 *   after now.  The sequence number counts probes actually issued, so it
 *   stays consecutive; the analyzer works from the real send times, so a
 *   stall lowers the resolution for its duration rather than bending it.
 *
 * - A failed send() still consumes its sequence number and is reported as
 *   unanswered: during an outage the kernel may refuse to send (no route,
 *   host unreachable) and those probes must count as lost, or the outage
 *   would vanish from the series.
 *
 * - Clocks: the clock is read just before send() (that time goes into the
 *   payload), but the probe's send time is the kernel's software transmit
 *   stamp (SO_TIMESTAMPING, OPT_ID, read from the error queue) when one
 *   comes: a thread preempted between its clock read and send() would
 *   otherwise date the probe too early, and a window's bounds could miss
 *   the truth.  Stamps are matched to probes by key (analysis/txstamp.h);
 *   a probe without one keeps the user-space time (counted as missing).
 *   Reply times are the kernel's SO_TIMESTAMPNS stamps.  Kernel stamps are
 *   CLOCK_REALTIME, moved to CLOCK_MONOTONIC by the offset probes/clock.c
 *   measures and follows across steps (counted in clock_steps).
 *
 * - Reading: with kernel stamps both ways, when we read does not matter:
 *   the thread wakes only for its deadlines and reads replies and stamps
 *   once per READ_PERIOD_NS in batches (one wake and one send a probe).
 *
 * The socket and its buffers are set up by probes/icmp_socket.c.
 */
#include "config.h"

#include "probes/icmp.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/icmp6.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "analysis/histogram.h"
#include "analysis/txstamp.h"
#include "probes/clock.h"
#include "probes/cpulatency.h"
#include "probes/steal.h"
#include "probes/icmp_socket.h"

#define COARSE_WAIT_NS 2000000LL
#define COARSE_MARGIN_NS 1000000LL
#define READ_PERIOD_NS 1000000LL
#define SPIN_MAX_NS 20000LL /* replies and stamps are read this often */

struct slot {
	uint64_t seq;
	int64_t deadline_ns; /* when it was due */
	int64_t user_ns;     /* clock read before send(), also in the payload */
	int64_t sent_ns;     /* the kernel's transmit stamp if any, else user_ns */
	int64_t recv_ns;
	uint32_t replies;
	bool stamped, send_failed;
};

/* Written only by the prober thread, read by anyone. */
struct counters {
	_Atomic uint64_t sent, replies, send_errors, recv_errors, foreign;
	_Atomic uint64_t duplicates, stale, skipped, clock_steps;
	_Atomic uint64_t tx_stamped, tx_missing, tx_duplicates, tx_unmatched;
	_Atomic int64_t max_send_late_ns;
	_Atomic int last_send_errno, last_recv_errno, fatal_errno;
	_Atomic int rt_priority, rt_errno;
};

struct mb_icmp {
	struct mb_icmp_config cfg;
	struct mb_icmp_sock sock;
	int wakefd;
	struct mb_cpu_latency cpu_latency; /* held from open until stopped */
	int64_t steal_start_ns;            /* mb_steal_ns() at start */
	_Atomic int64_t steal_ns;          /* the host's steal while running, -1 */

	struct slot *ring;
	uint64_t mask;
	uint64_t next_seq;   /* next sequence to send */
	uint64_t next_final; /* next sequence to hand over */
	int64_t start_ns;
	uint64_t slot_index; /* deadline index: start + slot_index*interval */

	struct mb_clock_offset clock; /* for the kernel's packet stamps */
	struct mb_txmap txmap;        /* transmit-stamp keys to probes */
	int64_t next_read_ns;         /* the sockets are read from then on */
	int64_t last_sent_out;        /* send time of the last probe handed over */
	/* Thread-private until it is joined; mb_icmp_stats reads them after. */
	struct mb_hist late;           /* send time minus deadline */
	struct mb_hist txdelay;      /* kernel stamp minus user-space time */

	mb_icmp_sample_fn fn;
	void *user;
	pthread_t thread;
	bool started, joined;
	atomic_bool stop;

	struct counters c;
};

/* ---- small helpers ---------------------------------------------------- */

/* Single writer: a plain load and store, no locked instruction. */
static void bump(_Atomic uint64_t *c, uint64_t n)
{
	atomic_store_explicit(c, atomic_load_explicit(c, memory_order_relaxed) + n,
			      memory_order_relaxed);
}

static void put_relaxed_int(_Atomic int *v, int x)
{
	atomic_store_explicit(v, x, memory_order_relaxed);
}

static uint16_t inet_csum(const unsigned char *b, size_t len)
{
	uint32_t sum = 0;

	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)b[i] << 8 | b[i + 1];
	if (len & 1)
		sum += (uint32_t)b[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* ---- sending ---------------------------------------------------------- */

/* The send's figures, once per probe when it is handed over: by then its
 * transmit stamp, if the kernel gave one, is in. */
static void account_send(struct mb_icmp *p, const struct slot *s)
{
	int64_t late = s->sent_ns - s->deadline_ns;

	mb_hist_record(&p->late, late);
	if (late > atomic_load_explicit(&p->c.max_send_late_ns, memory_order_relaxed))
		atomic_store_explicit(&p->c.max_send_late_ns, late, memory_order_relaxed);
	if (s->stamped) {
		bump(&p->c.tx_stamped, 1);
		mb_hist_record(&p->txdelay, s->sent_ns - s->user_ns);
	} else if (!s->send_failed && p->sock.txstamp != MB_ICMP_TXSTAMP_NONE) {
		bump(&p->c.tx_missing, 1);
	}
}

static void deliver(struct mb_icmp *p, struct slot *s)
{
	struct mb_probe_sample out = {
		.seq = s->seq,
		.sent_ns = s->sent_ns,
		.recv_ns = s->replies ? s->recv_ns : -1,
		.replies = s->replies,
	};
	account_send(p, s);
	mb_txstamp_keep_order(p->last_sent_out, &out.sent_ns, &out.recv_ns);
	p->last_sent_out = out.sent_ns;
	p->next_final++;
	p->fn(p->user, &out);
}

/* Hands over, in order, every probe that is answered or past its deadline. */
static void finalize(struct mb_icmp *p, int64_t now)
{
	while (p->next_final < p->next_seq) {
		struct slot *s = &p->ring[p->next_final & p->mask];
		if (s->replies == 0 && now < s->sent_ns + p->cfg.lost_after_ns)
			break;
		deliver(p, s);
	}
}

static void fill_packet(struct mb_icmp *p, uint64_t seq, int64_t sent_ns)
{
	unsigned char *b = p->sock.txbuf;
	uint16_t seq16 = htons((uint16_t)seq), csum;

	b[2] = b[3] = 0;
	memcpy(b + 6, &seq16, 2);
	memcpy(b + MB_ICMP_HDR_LEN + offsetof(struct mb_icmp_payload, seq), &seq, 8);
	memcpy(b + MB_ICMP_HDR_LEN + offsetof(struct mb_icmp_payload, sent_ns), &sent_ns, 8);
	/* An IPv4 raw socket sends what we give it; the datagram socket and
	 * every ICMPv6 socket compute the checksum themselves. */
	if (p->sock.family == AF_INET && p->sock.kind == MB_ICMP_SOCK_RAW) {
		csum = htons(inet_csum(b, p->sock.pkt_len));
		memcpy(b + 2, &csum, 2);
	}
}

static void send_probe(struct mb_icmp *p, int64_t deadline)
{
	uint64_t seq = p->next_seq;
	struct slot *s;
	uint32_t key;
	bool switched;
	int64_t now;
	int e;

	/* The ring is sized so this cannot happen at our pace; never overwrite
	 * an outstanding probe all the same. */
	if (seq - p->next_final > p->mask)
		deliver(p, &p->ring[p->next_final & p->mask]);
	s = &p->ring[seq & p->mask];
	now = mb_now_ns();
	fill_packet(p, seq, now);
	*s = (struct slot){ .seq = seq, .deadline_ns = deadline, .user_ns = now, .sent_ns = now,
			    .recv_ns = -1 };
	p->next_seq++;
	key = mb_txmap_key(&p->txmap, seq);
	e = mb_icmp_sock_send(&p->sock, key, &switched);
	if (switched) { /* no keyed sends yet: the kernel's counter starts at 0 */
		mb_txmap_use_counter(&p->txmap, 0);
		key = mb_txmap_key(&p->txmap, seq);
	}
	if (e) {
		s->send_failed = true;
		bump(&p->c.send_errors, 1);
		put_relaxed_int(&p->c.last_send_errno, e);
	} else if (p->sock.txstamp != MB_ICMP_TXSTAMP_NONE) {
		mb_txmap_sent(&p->txmap, seq, key);
	}
	bump(&p->c.sent, 1);
}

static int64_t deadline_of(const struct mb_icmp *p, uint64_t index)
{
	return p->start_ns + (int64_t)index * p->cfg.interval_ns;
}

/* Sends the probe that is due, if any: one at most, no catch-up burst. */
static void send_due(struct mb_icmp *p, int64_t now)
{
	int64_t deadline = deadline_of(p, p->slot_index);
	uint64_t first_future;

	if (now < deadline)
		return;
	send_probe(p, deadline);
	p->slot_index++;
	if (deadline_of(p, p->slot_index) > now)
		return;
	first_future = (uint64_t)((now - p->start_ns) / p->cfg.interval_ns) + 1;
	bump(&p->c.skipped, first_future - p->slot_index);
	p->slot_index = first_future;
}

/* ---- receiving -------------------------------------------------------- */

static int64_t kernel_stamp(const struct mb_icmp *p, struct msghdr *mh)
{
	for (struct cmsghdr *cm = CMSG_FIRSTHDR(mh); cm; cm = CMSG_NXTHDR(mh, cm)) {
		if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_TIMESTAMPNS) {
			struct timespec ts;
			memcpy(&ts, CMSG_DATA(cm), sizeof(ts));
			return mb_ts_ns(&ts) - p->clock.offset_ns;
		}
	}
	return mb_now_ns(); /* the kernel always stamps with SO_TIMESTAMPNS on */
}

/* Locates the ICMP message and checks its source; NULL if not plausible. */
static const unsigned char *icmp_of(const struct mb_icmp *p, const unsigned char *b,
				    size_t len, const struct mb_icmp_rx *rx, unsigned i,
				    size_t *icmp_len)
{
	if (p->sock.family == AF_INET6) {
		/* Raw or datagram, ICMPv6 comes without its IP header. */
		if (rx->msgs[i].msg_hdr.msg_namelen < sizeof(struct sockaddr_in6) ||
		    memcmp(&rx->from[i].v6.sin6_addr, &p->cfg.target6, sizeof(p->cfg.target6)) != 0)
			return NULL;
		*icmp_len = len;
		return b;
	}
	if (p->sock.kind == MB_ICMP_SOCK_DGRAM) {
		if (rx->from[i].v4.sin_addr.s_addr != p->cfg.target.s_addr)
			return NULL;
		*icmp_len = len;
		return b;
	}
	/* Raw: the IPv4 header comes first. */
	size_t ihl;
	if (len < 20 || (b[0] >> 4) != 4 || b[9] != IPPROTO_ICMP)
		return NULL;
	ihl = (size_t)(b[0] & 0x0f) * 4;
	if (ihl < 20 || ihl > len || memcmp(b + 12, &p->cfg.target.s_addr, 4) != 0)
		return NULL;
	*icmp_len = len - ihl;
	return b + ihl;
}

/* Returns the payload if this is a well-formed echo reply to this run. */
static bool parse_reply(const struct mb_icmp *p, const unsigned char *icmp, size_t len,
			struct mb_icmp_payload *pl)
{
	uint16_t seq16;

	unsigned char reply = p->sock.family == AF_INET6 ? ICMP6_ECHO_REPLY : ICMP_ECHOREPLY;

	if (len != p->sock.pkt_len || icmp[0] != reply || icmp[1] != 0)
		return false;
	memcpy(pl, icmp + MB_ICMP_HDR_LEN, sizeof(*pl));
	memcpy(&seq16, icmp + 6, 2);
	return pl->magic == MB_ICMP_PAYLOAD_MAGIC && pl->nonce == p->sock.nonce &&
	       ntohs(seq16) == (uint16_t)pl->seq;
}

/* Records one of our replies against its probe. */
static void match_reply(struct mb_icmp *p, const struct mb_icmp_payload *pl, int64_t recv_ns)
{
	struct slot *s = &p->ring[pl->seq & p->mask];

	if (pl->seq >= p->next_seq || s->seq != pl->seq || s->user_ns != pl->sent_ns) {
		/* Never sent, or its slot was reused long ago. */
		bump(pl->seq >= p->next_seq ? &p->c.foreign : &p->c.stale, 1);
		return;
	}
	bump(&p->c.replies, 1);
	if (s->replies) {
		bump(&p->c.duplicates, 1);
	} else if (pl->seq < p->next_final) {
		bump(&p->c.stale, 1); /* already handed over as lost */
		return;
	} else {
		/* Offset error is tens of ns; a reply before its request means a
		 * clock step between the two reads: keep the order physical. */
		s->recv_ns = recv_ns < s->sent_ns ? s->sent_ns : recv_ns;
	}
	s->replies++;
}

static void handle_msg(struct mb_icmp *p, unsigned i, size_t len)
{
	struct msghdr *mh = &p->sock.rx.msgs[i].msg_hdr;
	const unsigned char *icmp;
	struct mb_icmp_payload pl;
	size_t icmp_len;

	icmp = icmp_of(p, p->sock.rx.iov[i].iov_base, len, &p->sock.rx, i, &icmp_len);
	if (!icmp || (mh->msg_flags & MSG_TRUNC) || !parse_reply(p, icmp, icmp_len, &pl)) {
		bump(&p->c.foreign, 1);
		return;
	}
	match_reply(p, &pl, kernel_stamp(p, mh));
}

static void rx_reset(struct mb_icmp_rx *rx)
{
	for (unsigned i = 0; i < MB_ICMP_RX_BATCH; i++) {
		struct msghdr *mh = &rx->msgs[i].msg_hdr;
		mh->msg_namelen = sizeof(rx->from[i]);
		mh->msg_controllen = sizeof(rx->ctrl[i].buf);
		mh->msg_flags = 0;
	}
}

/* A transmit stamp from the error queue: the probe's send time becomes the
 * kernel's, if the stamp is its and plausible (txstamp.h). */
static void on_stamp(void *user, uint32_t key, int64_t realtime_ns)
{
	struct mb_icmp *p = user;
	int64_t k = realtime_ns - p->clock.offset_ns, tolerance = 2 * p->clock.err_ns + 2000;
	struct slot *s;
	uint64_t seq;

	switch (mb_txmap_match(&p->txmap, key, &seq)) {
	case MB_TXMATCH_DUPLICATE:
		bump(&p->c.tx_duplicates, 1);
		return;
	case MB_TXMATCH_UNKNOWN:
		bump(&p->c.tx_unmatched, 1);
		return;
	case MB_TXMATCH_OK:
		break;
	}
	s = &p->ring[seq & p->mask];
	if (seq < p->next_final || s->seq != seq ||
	    !mb_txstamp_plausible(s->user_ns, k, tolerance, p->cfg.lost_after_ns)) {
		bump(&p->c.tx_unmatched, 1);
		return;
	}
	s->sent_ns = k < s->user_ns ? s->user_ns : k; /* within the offset's error */
	s->stamped = true;
	if (s->replies && s->recv_ns < s->sent_ns)
		s->recv_ns = s->sent_ns;
}

static bool fatal_socket_errno(int e)
{
	return e == EBADF || e == EFAULT || e == EINVAL || e == ENOTSOCK;
}

/* Reads everything queued.  Returns 0, or a negative errno if the socket is
 * unusable. */
static int drain(struct mb_icmp *p)
{
	for (;;) {
		int n;
		rx_reset(&p->sock.rx);
		n = recvmmsg(p->sock.fd, p->sock.rx.msgs, MB_ICMP_RX_BATCH, MSG_DONTWAIT, NULL);
		if (n < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return 0;
			if (errno == EINTR)
				continue;
			if (fatal_socket_errno(errno))
				return -errno;
			/* An ICMP error reported on the socket (e.g. host
			 * unreachable): consumed by this call, so no spin. */
			bump(&p->c.recv_errors, 1);
			put_relaxed_int(&p->c.last_recv_errno, errno);
			return 0;
		}
		for (int i = 0; i < n; i++)
			handle_msg(p, (unsigned)i, p->sock.rx.msgs[i].msg_len);
		if (n < MB_ICMP_RX_BATCH)
			return 0;
	}
}

/* Replies first, then stamps: a stamp is queued before its packet leaves,
 * so every reply read here has its probe's stamp queued by the second
 * read, and the probe is handed over with the kernel's send time. */
static int read_socket(struct mb_icmp *p)
{
	int rc = drain(p);

	if (rc == 0 && p->sock.txstamp != MB_ICMP_TXSTAMP_NONE)
		rc = mb_icmp_sock_read_stamps(&p->sock, on_stamp, p);
	return rc;
}

/* ---- the thread ------------------------------------------------------- */

static int64_t next_wake(const struct mb_icmp *p, bool sending)
{
	int64_t wake = INT64_MAX;

	if (sending)
		wake = deadline_of(p, p->slot_index);
	if (p->next_final < p->next_seq) {
		int64_t expiry = p->ring[p->next_final & p->mask].sent_ns + p->cfg.lost_after_ns;
		if (expiry < wake)
			wake = expiry;
	}
	return wake;
}

/* The spin tail before a send deadline: a fifth of the interval, at most
 * SPIN_MAX_NS (see the top comment). */
static int64_t spin_of(const struct mb_icmp *p)
{
	int64_t spin = p->cfg.interval_ns / 5;

	return spin < SPIN_MAX_NS ? spin : SPIN_MAX_NS;
}

/* Sleeps until wake or until the stop eventfd is readable; while sending,
 * the last spin_of() ns are spun.  While sending, the socket is left out:
 * replies carry the kernel's receive stamps, so reading them once per
 * READ_PERIOD_NS (one batch) costs no accuracy and saves a wake and a read
 * per probe.  Once stopped, the socket wakes us so the last replies end
 * the wait early. */
static int wait_for(struct mb_icmp *p, int64_t wake, bool sending)
{
	struct pollfd pfd[2] = {
		{ .fd = p->wakefd, .events = POLLIN },
		{ .fd = p->sock.fd, .events = POLLIN },
	};
	int64_t spin = sending ? spin_of(p) : 0, wait = wake - spin - mb_now_ns();
	bool coarse = wait > COARSE_WAIT_NS;
	struct timespec ts;
	int r;

	if (wait < 0)
		wait = 0;
	else if (coarse)
		wait -= COARSE_MARGIN_NS; /* coarse first; see the top comment */
	ts = mb_ns_ts(wait);
	r = ppoll(pfd, sending ? 1 : 2, &ts, NULL);
	if (r < 0)
		return errno == EINTR ? 0 : -errno;
	if (pfd[0].revents & POLLIN) {
		uint64_t v;
		if (read(p->wakefd, &v, sizeof(v)) < 0 && errno != EAGAIN)
			return -errno;
		return 0;
	}
	if (spin && !coarse)
		while (mb_now_ns() < wake)
			;
	return 0;
}

/* The oldest outstanding probe is past its deadline: read before it is
 * handed over as lost, so a reply or stamp that is in is not missed. */
static bool oldest_expired(const struct mb_icmp *p, int64_t now)
{
	return p->next_final < p->next_seq &&
	       now >= p->ring[p->next_final & p->mask].sent_ns + p->cfg.lost_after_ns;
}

/* One wake: send what is due, read if it is time, hand over what is final. */
static int step(struct mb_icmp *p, bool sending)
{
	int64_t now = mb_now_ns();
	int rc;

	if (sending)
		send_due(p, now);
	if (!sending || now >= p->next_read_ns || oldest_expired(p, now)) {
		if ((rc = read_socket(p)) < 0)
			return rc;
		p->next_read_ns = now + READ_PERIOD_NS;
	}
	finalize(p, now);
	if (mb_clock_offset_refresh(&p->clock, now))
		bump(&p->c.clock_steps, 1);
	return 0;
}

static void set_scheduling(struct mb_icmp *p)
{
	struct sched_param sp = { .sched_priority = p->cfg.rt_priority };
	int rc;

	prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL); /* 0 would mean "default" */
	if (p->cfg.rt_priority <= 0)
		return;
	rc = pthread_setschedparam(pthread_self(), SCHED_FIFO, &sp);
	if (rc == 0)
		put_relaxed_int(&p->c.rt_priority, p->cfg.rt_priority);
	else
		put_relaxed_int(&p->c.rt_errno, rc);
}

static void *prober_thread(void *arg)
{
	struct mb_icmp *p = arg;
	bool sending = true;
	int rc = 0;

	set_scheduling(p);
	p->start_ns = mb_now_ns();
	p->clock.next_check_ns = p->start_ns + MB_CLOCK_OFFSET_REFRESH_NS;
	for (;;) {
		if (sending && atomic_load_explicit(&p->stop, memory_order_acquire))
			sending = false;
		if ((rc = step(p, sending)) < 0)
			break;
		if (!sending && p->next_final == p->next_seq)
			break;
		if ((rc = wait_for(p, next_wake(p, sending), sending)) < 0)
			break;
	}
	if (rc < 0) {
		put_relaxed_int(&p->c.fatal_errno, -rc);
		while (p->next_final < p->next_seq) /* every probe is handed over */
			deliver(p, &p->ring[p->next_final & p->mask]);
	}
	return NULL;
}

/* ---- setup ------------------------------------------------------------ */

/* The outstanding-probe ring, pre-touched (and every slot marked unused):
 * no page faults on the hot path. */
static int alloc_ring(struct mb_icmp *p)
{
	uint64_t need = (uint64_t)(p->cfg.lost_after_ns / p->cfg.interval_ns) + 2, slots = 16;

	while (slots < need)
		slots <<= 1;
	p->mask = slots - 1;
	p->ring = calloc(slots, sizeof(*p->ring));
	if (!p->ring)
		return -ENOMEM;
	for (uint64_t i = 0; i < slots; i++)
		p->ring[i].seq = UINT64_MAX;
	return 0;
}

static int setup(struct mb_icmp *p, char *err, size_t errlen)
{
	int rc;

	if (alloc_ring(p) < 0 || mb_txmap_init(&p->txmap, (size_t)p->mask + 1) < 0) {
		snprintf(err, errlen, "probe buffers: %s", strerror(ENOMEM));
		return -ENOMEM;
	}
	if ((rc = mb_icmp_sock_open(&p->sock, &p->cfg, err, errlen)) < 0)
		return rc;
	p->wakefd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (p->wakefd < 0) {
		snprintf(err, errlen, "eventfd: %s", strerror(errno));
		return -errno;
	}
	mb_clock_offset_init(&p->clock);
	/* Opened here, with the socket, before the caller drops privileges. */
	if (p->cfg.rt_priority > 0 && !p->cfg.no_cpu_latency)
		mb_cpu_latency_hold(&p->cpu_latency, 0);
	return 0;
}

int mb_icmp_open(struct mb_icmp **out, const struct mb_icmp_config *cfg,
		 char *err, size_t errlen)
{
	struct mb_icmp *p;
	int rc;

	*out = NULL;
	if ((rc = mb_icmp_check_config(cfg, err, errlen)) < 0)
		return rc;
	p = calloc(1, sizeof(*p));
	if (p) {
		mb_hist_init(&p->late);
		mb_hist_init(&p->txdelay);
	}
	if (!p) {
		snprintf(err, errlen, "prober: %s", strerror(ENOMEM));
		return -ENOMEM;
	}
	p->cfg = *cfg;
	p->sock.fd = p->wakefd = p->cpu_latency.fd = -1;
	p->last_sent_out = -1;
	atomic_init(&p->stop, false);
	atomic_init(&p->steal_ns, -1);
	rc = setup(p, err, errlen);
	if (rc < 0) {
		mb_icmp_free(p);
		return rc;
	}
	*out = p;
	return 0;
}

int mb_icmp_start(struct mb_icmp *p, mb_icmp_sample_fn fn, void *user,
		  char *err, size_t errlen)
{
	int rc;

	if (!fn || p->started) {
		snprintf(err, errlen, "prober: %s", !fn ? "no sample callback" : "already started");
		return -EINVAL;
	}
	p->fn = fn;
	p->user = user;
	p->steal_start_ns = mb_steal_ns();
	rc = mb_thread_start(&p->thread, prober_thread, p);
	if (rc) {
		snprintf(err, errlen, "prober thread: %s", strerror(rc));
		return -rc;
	}
	p->started = true;
	return 0;
}

uint64_t mb_icmp_replies(const struct mb_icmp *p)
{
	return atomic_load_explicit(&p->c.replies, memory_order_relaxed);
}

void mb_icmp_stop(struct mb_icmp *p)
{
	uint64_t one = 1;
	int64_t end;

	if (!p || !p->started || p->joined)
		return;
	atomic_store_explicit(&p->stop, true, memory_order_release);
	/* An eventfd counter write cannot fail short of overflow; the thread
	 * also re-checks the flag at every wake. */
	if (write(p->wakefd, &one, sizeof(one)) < 0)
		(void)0;
	pthread_join(p->thread, NULL);
	p->joined = true;
	mb_cpu_latency_release(&p->cpu_latency);
	if (p->steal_start_ns >= 0 && (end = mb_steal_ns()) >= p->steal_start_ns)
		atomic_store(&p->steal_ns, end - p->steal_start_ns);
}

#define LOAD(x) atomic_load_explicit(&(x), memory_order_relaxed)

/* The histograms are the thread's own: read only once it is joined. */
static struct mb_icmp_dist dist_of(const struct mb_icmp *p, const struct mb_hist *h)
{
	bool ready = !p->started || p->joined;

	if (!ready || h->count == 0)
		return (struct mb_icmp_dist){ .count = ready ? 0 : h->count, .p50_ns = -1,
					      .p99_ns = -1, .p999_ns = -1, .max_ns = -1 };
	return (struct mb_icmp_dist){
		.count = h->count,
		.p50_ns = mb_hist_quantile(h, 0.5),
		.p99_ns = mb_hist_quantile(h, 0.99),
		.p999_ns = mb_hist_quantile(h, 0.999),
		.max_ns = h->max,
	};
}

static enum mb_icmp_send_clock send_clock_of(const struct mb_icmp *p)
{
	switch (p->sock.txstamp) {
	case MB_ICMP_TXSTAMP_KEYED: return MB_ICMP_SEND_KERNEL;
	case MB_ICMP_TXSTAMP_COUNTED: return MB_ICMP_SEND_KERNEL_COUNTED;
	case MB_ICMP_TXSTAMP_NONE: break;
	}
	return MB_ICMP_SEND_USER;
}

void mb_icmp_stats(const struct mb_icmp *p, struct mb_icmp_stats *st)
{
	*st = (struct mb_icmp_stats){
		.socket_kind = p->sock.kind,
		.sent = LOAD(p->c.sent),
		.replies = LOAD(p->c.replies),
		.send_errors = LOAD(p->c.send_errors),
		.last_send_errno = LOAD(p->c.last_send_errno),
		.recv_errors = LOAD(p->c.recv_errors),
		.last_recv_errno = LOAD(p->c.last_recv_errno),
		.foreign = LOAD(p->c.foreign),
		.duplicates = LOAD(p->c.duplicates),
		.stale = LOAD(p->c.stale),
		.skipped = LOAD(p->c.skipped),
		.max_send_late_ns = LOAD(p->c.max_send_late_ns),
		.send_late = dist_of(p, &p->late),
		.send_clock = send_clock_of(p),
		.tx_stamped = LOAD(p->c.tx_stamped),
		.tx_missing = LOAD(p->c.tx_missing),
		.tx_duplicates = LOAD(p->c.tx_duplicates),
		.tx_unmatched = LOAD(p->c.tx_unmatched),
		.tx_delay = dist_of(p, &p->txdelay),
		.clock_steps = LOAD(p->c.clock_steps),
		.clock_offset_err_ns = p->clock.err_ns,
		.ring_slots = (size_t)p->mask + 1,
		.fatal_errno = LOAD(p->c.fatal_errno),
		.rt_priority = LOAD(p->c.rt_priority),
		.rt_errno = LOAD(p->c.rt_errno),
		.host_steal_ns = LOAD(p->steal_ns),
		/* Set at open and never changed: any thread may read them. */
		.cpu_latency_held = p->cpu_latency.held,
		.cpu_latency_errno = p->cpu_latency.err,
	};
}

void mb_icmp_free(struct mb_icmp *p)
{
	if (!p)
		return;
	mb_icmp_stop(p);
	mb_cpu_latency_release(&p->cpu_latency);
	mb_icmp_sock_close(&p->sock);
	if (p->wakefd >= 0)
		close(p->wakefd);
	free(p->ring);
	mb_txmap_free(&p->txmap);
	free(p);
}
