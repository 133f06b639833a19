/* The prober's socket: see icmp_socket.h.  Everything here runs once, in
 * mb_icmp_open, so that permission and routing errors come before the
 * measurement starts. */
#include "config.h"

#include "probes/icmp_socket.h"

#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <netinet/ip_icmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

/* linux/icmp.h clashes with glibc's headers; this is all we need of it. */
#ifndef ICMP_FILTER
#define ICMP_FILTER 1
#endif

#define IP_MAX_HDR 60
#define RX_SLACK 64 /* so an oversized reply shows as foreign, not truncated */

static size_t payload_len(const struct mb_icmp_config *cfg)
{
	return cfg->payload_len ? cfg->payload_len : MB_ICMP_DEFAULT_PAYLOAD;
}

int mb_icmp_check_config(const struct mb_icmp_config *cfg, char *err, size_t errlen)
{
	size_t plen = payload_len(cfg);

	if (cfg->interval_ns < MB_ICMP_MIN_INTERVAL_NS || cfg->interval_ns > MB_ICMP_MAX_INTERVAL_NS) {
		snprintf(err, errlen, "interval %" PRId64 " ns: outside 100 us .. 60 s", cfg->interval_ns);
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
	int raw_errno = 0, fd;

	if (want != MB_ICMP_SOCK_DGRAM) {
		fd = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);
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
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, IPPROTO_ICMP);
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
	if (s->kind == MB_ICMP_SOCK_RAW) {
		/* A raw socket sees every ICMP message of the host: let the
		 * kernel drop all but echo replies. */
		uint32_t filter = ~(1u << ICMP_ECHOREPLY);
		if (setsockopt(s->fd, SOL_RAW, ICMP_FILTER, &filter, sizeof(filter)) < 0) {
			snprintf(err, errlen, "ICMP_FILTER: %s", strerror(errno));
			return -errno;
		}
	}
	return 0;
}

/* connect(): send() needs no address, the kernel drops other sources, and a
 * missing route is reported now. */
static int connect_target(struct mb_icmp_sock *s, struct in_addr target, char *err, size_t errlen)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr = target };
	char addr[INET_ADDRSTRLEN];

	if (connect(s->fd, (struct sockaddr *)&sin, sizeof(sin)) == 0)
		return 0;
	int e = errno;
	inet_ntop(AF_INET, &target, addr, sizeof(addr));
	snprintf(err, errlen, "%s: %s", addr, strerror(e));
	return -e;
}

/* The echo request template: type, ident and our payload, padded. */
static void fill_template(struct mb_icmp_sock *s, size_t plen)
{
	struct mb_icmp_payload pl = { .magic = MB_ICMP_PAYLOAD_MAGIC, .nonce = s->nonce };
	uint16_t id = htons(s->ident);

	s->txbuf[0] = ICMP_ECHO;
	memcpy(s->txbuf + 4, &id, 2);
	memcpy(s->txbuf + MB_ICMP_HDR_LEN, &pl, sizeof(pl));
	for (size_t i = sizeof(pl); i < plen; i++)
		s->txbuf[MB_ICMP_HDR_LEN + i] = (unsigned char)i;
}

static int alloc_buffers(struct mb_icmp_sock *s, size_t plen)
{
	struct mb_icmp_rx *rx = &s->rx;

	s->pkt_len = MB_ICMP_HDR_LEN + plen;
	s->txbuf = calloc(1, s->pkt_len);
	rx->buflen = IP_MAX_HDR + s->pkt_len + RX_SLACK;
	rx->bufs = calloc(MB_ICMP_RX_BATCH, rx->buflen);
	if (!s->txbuf || !rx->bufs)
		return -ENOMEM;
	fill_template(s, plen);
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

int mb_icmp_sock_open(struct mb_icmp_sock *s, const struct mb_icmp_config *cfg,
		      char *err, size_t errlen)
{
	int rc;

	if (getrandom(&s->nonce, sizeof(s->nonce), 0) != sizeof(s->nonce)) {
		snprintf(err, errlen, "getrandom: %s", strerror(errno));
		return -errno;
	}
	s->ident = (uint16_t)(s->nonce >> 48);
	if (alloc_buffers(s, payload_len(cfg)) < 0) {
		snprintf(err, errlen, "probe buffers: %s", strerror(ENOMEM));
		return -ENOMEM;
	}
	s->fd = open_socket(s, cfg->socket_kind, err, errlen);
	if (s->fd < 0)
		return s->fd;
	if ((rc = set_socket_options(s, err, errlen)) < 0 ||
	    (rc = connect_target(s, cfg->target, err, errlen)) < 0)
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
	s->txbuf = NULL;
	s->rx.bufs = NULL;
}
