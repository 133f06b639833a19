/* The prober's socket: see icmp_socket.h.  Everything here runs once, in
 * mb_icmp_open, so that permission and routing errors come before the
 * measurement starts. */
#include "config.h"

#include "probes/icmp_socket.h"

#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <netinet/icmp6.h>
#include <netinet/ip_icmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include <linux/errqueue.h>
#include <linux/net_tstamp.h>

/* linux/icmp.h clashes with glibc's headers; this is all we need of it. */
#ifndef ICMP_FILTER
#define ICMP_FILTER 1
#endif

/* Linux 6.13's per-send timestamp key; older headers lack it, older
 * kernels refuse it (EINVAL) and we fall back to their counter. */
#ifndef SCM_TS_OPT_ID
#define SCM_TS_OPT_ID 81
#endif

#define IP_MAX_HDR 60
#define ERR_BUFLEN 64 /* OPT_TSONLY: the stamps come without the packet */
#define RX_SLACK 64 /* so an oversized reply shows as foreign, not truncated */

const char *mb_icmp_send_clock_name(enum mb_icmp_send_clock c)
{
	switch (c) {
	case MB_ICMP_SEND_KERNEL: return "kernel";
	case MB_ICMP_SEND_KERNEL_COUNTED: return "kernel-counted";
	case MB_ICMP_SEND_USER: break;
	}
	return "user";
}

const char *mb_icmp_socket_name(enum mb_icmp_socket kind)
{
	switch (kind) {
	case MB_ICMP_SOCK_RAW: return "raw";
	case MB_ICMP_SOCK_DGRAM: return "dgram";
	case MB_ICMP_SOCK_AUTO: break;
	}
	return "auto";
}

static size_t payload_len(const struct mb_icmp_config *cfg)
{
	return cfg->payload_len ? cfg->payload_len : MB_ICMP_DEFAULT_PAYLOAD;
}

int mb_icmp_check_config(const struct mb_icmp_config *cfg, char *err, size_t errlen)
{
	size_t plen = payload_len(cfg);

	if (cfg->interval_ns < MB_ICMP_MIN_INTERVAL_NS || cfg->interval_ns > MB_ICMP_MAX_INTERVAL_NS) {
		snprintf(err, errlen, "interval %" PRId64 " ns: outside 50 us .. 60 s", cfg->interval_ns);
		return -EINVAL;
	}
	if (cfg->family != 0 && cfg->family != AF_INET && cfg->family != AF_INET6) {
		snprintf(err, errlen, "address family %d: not IPv4 or IPv6", cfg->family);
		return -EINVAL;
	}
	if (cfg->lost_after_ns <= 0) {
		snprintf(err, errlen, "lost-after %" PRId64 " ns: must be positive", cfg->lost_after_ns);
		return -EINVAL;
	}
	if (cfg->lost_after_ns / cfg->interval_ns >= MB_ICMP_MAX_OUTSTANDING) {
		snprintf(err, errlen, "lost-after / interval: more than %u probes outstanding",
			 MB_ICMP_MAX_OUTSTANDING);
		return -EINVAL;
	}
	if (cfg->rt_priority < 0 || cfg->rt_priority > 99) {
		snprintf(err, errlen, "realtime priority %d: outside 0 .. 99", cfg->rt_priority);
		return -EINVAL;
	}
	if (plen < MB_ICMP_MIN_PAYLOAD || plen > MB_ICMP_MAX_PAYLOAD) {
		snprintf(err, errlen, "payload %zu bytes: outside %d .. %d", plen,
			 MB_ICMP_MIN_PAYLOAD, MB_ICMP_MAX_PAYLOAD);
		return -EINVAL;
	}
	return 0;
}

/* Raw where allowed, else the unprivileged ping socket.  Returns the fd or
 * a negative errno. */
static int open_socket(struct mb_icmp_sock *s, enum mb_icmp_socket want, char *err, size_t errlen)
{
	int raw_errno = 0, fd, proto = s->family == AF_INET6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP;

	if (want != MB_ICMP_SOCK_DGRAM) {
		fd = socket(s->family, SOCK_RAW | SOCK_CLOEXEC, proto);
		if (fd >= 0) {
			s->kind = MB_ICMP_SOCK_RAW;
			return fd;
		}
		raw_errno = errno;
		if (want == MB_ICMP_SOCK_RAW || (raw_errno != EPERM && raw_errno != EACCES)) {
			snprintf(err, errlen, "raw ICMP socket: %s%s", strerror(raw_errno),
				 raw_errno == EPERM ? " (needs CAP_NET_RAW)" : "");
			return -raw_errno;
		}
	}
	fd = socket(s->family, SOCK_DGRAM | SOCK_CLOEXEC, proto);
	if (fd >= 0) {
		s->kind = MB_ICMP_SOCK_DGRAM;
		return fd;
	}
	int dgram_errno = errno;
	if (raw_errno)
		snprintf(err, errlen, "no ICMP socket: raw: %s; datagram: %s (needs CAP_NET_RAW, "
			 "or a group id within sysctl net.ipv4.ping_group_range)",
			 strerror(raw_errno), strerror(dgram_errno));
	else
		snprintf(err, errlen, "datagram ICMP socket: %s (needs a group id within sysctl "
			 "net.ipv4.ping_group_range)", strerror(dgram_errno));
	return -dgram_errno;
}

/* Software transmit stamps, keyed, reported without the packet.  Not
 * fatal: without them send times come from user space (stats say so). */
static void set_txstamp(struct mb_icmp_sock *s)
{
	int flags = SOF_TIMESTAMPING_TX_SOFTWARE | SOF_TIMESTAMPING_SOFTWARE |
		    SOF_TIMESTAMPING_OPT_ID | SOF_TIMESTAMPING_OPT_TSONLY;

	s->txstamp = setsockopt(s->fd, SOL_SOCKET, SO_TIMESTAMPING, &flags, sizeof(flags)) == 0 ?
		     MB_ICMP_TXSTAMP_KEYED : MB_ICMP_TXSTAMP_NONE;
}

/* A raw socket sees every ICMP message of the host: let the kernel drop
 * all but echo replies. */
static int set_raw_filter(struct mb_icmp_sock *s, char *err, size_t errlen)
{
	if (s->family == AF_INET6) {
		struct icmp6_filter f6;
		ICMP6_FILTER_SETBLOCKALL(&f6);
		ICMP6_FILTER_SETPASS(ICMP6_ECHO_REPLY, &f6);
		if (setsockopt(s->fd, IPPROTO_ICMPV6, ICMP6_FILTER, &f6, sizeof(f6)) == 0)
			return 0;
		snprintf(err, errlen, "ICMP6_FILTER: %s", strerror(errno));
		return -errno;
	}
	uint32_t filter = ~(1u << ICMP_ECHOREPLY);
	if (setsockopt(s->fd, SOL_RAW, ICMP_FILTER, &filter, sizeof(filter)) == 0)
		return 0;
	snprintf(err, errlen, "ICMP_FILTER: %s", strerror(errno));
	return -errno;
}

static int set_socket_options(struct mb_icmp_sock *s, char *err, size_t errlen)
{
	int on = 1, rcvbuf = 4 << 20;

	if (setsockopt(s->fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof(on)) < 0) {
		snprintf(err, errlen, "SO_TIMESTAMPNS: %s", strerror(errno));
		return -errno;
	}
	/* Room for a few hundred ms of replies if the thread is starved;
	 * FORCE needs CAP_NET_ADMIN, else the sysctl cap applies. */
	if (setsockopt(s->fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)) < 0)
		(void)setsockopt(s->fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	set_txstamp(s);
	if (s->kind == MB_ICMP_SOCK_RAW)
		return set_raw_filter(s, err, errlen);
	return 0;
}

/* connect(): send() needs no address, the kernel drops other sources, and a
 * missing route is reported now. */
static int connect_target(struct mb_icmp_sock *s, const struct mb_icmp_config *cfg,
			  char *err, size_t errlen)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr = cfg->target };
	struct sockaddr_in6 sin6 = { .sin6_family = AF_INET6, .sin6_addr = cfg->target6 };
	char addr[INET6_ADDRSTRLEN];
	int rc;

	if (s->family == AF_INET6)
		rc = connect(s->fd, (struct sockaddr *)&sin6, sizeof(sin6));
	else
		rc = connect(s->fd, (struct sockaddr *)&sin, sizeof(sin));
	if (rc == 0)
		return 0;
	int e = errno;
	inet_ntop(s->family, s->family == AF_INET6 ? (const void *)&cfg->target6 :
		  (const void *)&cfg->target, addr, sizeof(addr));
	snprintf(err, errlen, "%s: %s", addr, strerror(e));
	return -e;
}

/* The echo request template: type, ident and our payload, padded. */
static void fill_template(struct mb_icmp_sock *s, size_t plen)
{
	struct mb_icmp_payload pl = { .magic = MB_ICMP_PAYLOAD_MAGIC, .nonce = s->nonce };
	uint16_t id = htons(s->ident);

	s->txbuf[0] = s->family == AF_INET6 ? ICMP6_ECHO_REQUEST : ICMP_ECHO;
	memcpy(s->txbuf + 4, &id, 2);
	memcpy(s->txbuf + MB_ICMP_HDR_LEN, &pl, sizeof(pl));
	for (size_t i = sizeof(pl); i < plen; i++)
		s->txbuf[MB_ICMP_HDR_LEN + i] = (unsigned char)i;
}

static int alloc_rx(struct mb_icmp_rx *rx, size_t buflen)
{
	rx->buflen = buflen;
	rx->bufs = calloc(MB_ICMP_RX_BATCH, rx->buflen);
	if (!rx->bufs)
		return -ENOMEM;
	for (unsigned i = 0; i < MB_ICMP_RX_BATCH; i++) {
		struct msghdr *mh = &rx->msgs[i].msg_hdr;
		rx->iov[i].iov_base = rx->bufs + (size_t)i * rx->buflen;
		rx->iov[i].iov_len = rx->buflen;
		mh->msg_iov = &rx->iov[i];
		mh->msg_iovlen = 1;
		mh->msg_name = &rx->from[i];
		mh->msg_control = rx->ctrl[i].buf;
	}
	return 0;
}

static int alloc_buffers(struct mb_icmp_sock *s, size_t plen)
{
	s->pkt_len = MB_ICMP_HDR_LEN + plen;
	s->txbuf = calloc(1, s->pkt_len);
	if (!s->txbuf || alloc_rx(&s->rx, IP_MAX_HDR + s->pkt_len + RX_SLACK) < 0 ||
	    alloc_rx(&s->err, ERR_BUFLEN) < 0)
		return -ENOMEM;
	fill_template(s, plen);
	return 0;
}

/* ---- the hot path ------------------------------------------------------ */

static ssize_t send_keyed(struct mb_icmp_sock *s, uint32_t key)
{
	struct iovec iov = { .iov_base = s->txbuf, .iov_len = s->pkt_len };
	union {
		char buf[CMSG_SPACE(sizeof(uint32_t))];
		struct cmsghdr align;
	} ctrl;
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *cm;

	if (s->txstamp != MB_ICMP_TXSTAMP_KEYED)
		return send(s->fd, s->txbuf, s->pkt_len, MSG_DONTWAIT);
	memset(&ctrl, 0, sizeof(ctrl));
	mh.msg_control = ctrl.buf;
	mh.msg_controllen = sizeof(ctrl.buf);
	cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_TS_OPT_ID;
	cm->cmsg_len = CMSG_LEN(sizeof(key));
	memcpy(CMSG_DATA(cm), &key, sizeof(key));
	return sendmsg(s->fd, &mh, MSG_DONTWAIT);
}

int mb_icmp_sock_send(struct mb_icmp_sock *s, uint32_t key, bool *switched)
{
	ssize_t n = send_keyed(s, key);

	*switched = false;
	if (n < 0 && errno == EINVAL && s->txstamp == MB_ICMP_TXSTAMP_KEYED && !s->keyed_ok) {
		s->txstamp = MB_ICMP_TXSTAMP_COUNTED; /* a kernel before 6.13 */
		*switched = true;
		n = send_keyed(s, key);
	}
	if (n == (ssize_t)s->pkt_len) {
		s->keyed_ok = s->txstamp == MB_ICMP_TXSTAMP_KEYED;
		return 0;
	}
	return n < 0 ? errno : EMSGSIZE;
}

/* One error-queue message: its software transmit stamp and key, if any. */
static bool stamp_of(struct msghdr *mh, uint32_t *key, int64_t *realtime_ns)
{
	bool have_ts = false, have_key = false;

	for (struct cmsghdr *cm = CMSG_FIRSTHDR(mh); cm; cm = CMSG_NXTHDR(mh, cm)) {
		if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SO_TIMESTAMPING &&
		    cm->cmsg_len >= CMSG_LEN(sizeof(struct scm_timestamping))) {
			struct scm_timestamping ts;
			memcpy(&ts, CMSG_DATA(cm), sizeof(ts));
			*realtime_ns = (int64_t)ts.ts[0].tv_sec * 1000000000LL + ts.ts[0].tv_nsec;
			have_ts = ts.ts[0].tv_sec || ts.ts[0].tv_nsec;
		} else if (((cm->cmsg_level == SOL_IP && cm->cmsg_type == IP_RECVERR) ||
			    (cm->cmsg_level == SOL_IPV6 && cm->cmsg_type == IPV6_RECVERR)) &&
			   cm->cmsg_len >= CMSG_LEN(sizeof(struct sock_extended_err))) {
			struct sock_extended_err ee;
			memcpy(&ee, CMSG_DATA(cm), sizeof(ee));
			have_key = ee.ee_errno == ENOMSG && ee.ee_origin == SO_EE_ORIGIN_TIMESTAMPING &&
				   ee.ee_info == SCM_TSTAMP_SND;
			*key = ee.ee_data;
		}
	}
	return have_ts && have_key;
}

int mb_icmp_sock_read_stamps(struct mb_icmp_sock *s, mb_icmp_stamp_fn fn, void *user)
{
	struct mb_icmp_rx *rx = &s->err;

	for (;;) {
		int n;
		for (unsigned i = 0; i < MB_ICMP_RX_BATCH; i++) {
			rx->msgs[i].msg_hdr.msg_namelen = sizeof(rx->from[i]);
			rx->msgs[i].msg_hdr.msg_controllen = sizeof(rx->ctrl[i].buf);
			rx->msgs[i].msg_hdr.msg_flags = 0;
		}
		n = recvmmsg(s->fd, rx->msgs, MB_ICMP_RX_BATCH, MSG_ERRQUEUE | MSG_DONTWAIT, NULL);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			/* Only a broken socket is fatal; anything else just
			 * ends this read. */
			return errno == EBADF || errno == EFAULT || errno == ENOTSOCK ? -errno : 0;
		}
		for (int i = 0; i < n; i++) {
			uint32_t key = 0;
			int64_t ns = 0;
			if (stamp_of(&rx->msgs[i].msg_hdr, &key, &ns))
				fn(user, key, ns);
		}
		if (n < MB_ICMP_RX_BATCH)
			return 0;
	}
}

int mb_icmp_sock_open(struct mb_icmp_sock *s, const struct mb_icmp_config *cfg,
		      char *err, size_t errlen)
{
	int rc;

	if (getrandom(&s->nonce, sizeof(s->nonce), 0) != sizeof(s->nonce)) {
		snprintf(err, errlen, "getrandom: %s", strerror(errno));
		return -errno;
	}
	s->ident = (uint16_t)(s->nonce >> 48);
	s->family = cfg->family == AF_INET6 ? AF_INET6 : AF_INET;
	if (alloc_buffers(s, payload_len(cfg)) < 0) {
		snprintf(err, errlen, "probe buffers: %s", strerror(ENOMEM));
		return -ENOMEM;
	}
	s->fd = open_socket(s, cfg->socket_kind, err, errlen);
	if (s->fd < 0)
		return s->fd;
	if ((rc = set_socket_options(s, err, errlen)) < 0 ||
	    (rc = connect_target(s, cfg, err, errlen)) < 0)
		return rc;
	return 0;
}

void mb_icmp_sock_close(struct mb_icmp_sock *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	free(s->txbuf);
	free(s->rx.bufs);
	free(s->err.bufs);
	s->txbuf = NULL;
	s->rx.bufs = s->err.bufs = NULL;
}
