/* The prober's socket (internal to probes/icmp.c): the checks on its
 * settings, the ICMP socket opened, configured and connected, and the
 * buffers the thread sends from and receives into. */
#ifndef MB_PROBES_ICMP_SOCKET_H
#define MB_PROBES_ICMP_SOCKET_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <time.h>

#include "probes/icmp.h"

#define MB_ICMP_PAYLOAD_MAGIC 0x4d425052u /* "MBPR" */
#define MB_ICMP_HDR_LEN 8
#define MB_ICMP_RX_BATCH 16

/* Our part of the echo payload; the rest is padding.  Host byte order:
 * only we read it back. */
struct mb_icmp_payload {
	uint32_t magic;
	uint32_t zero;
	uint64_t nonce;
	uint64_t seq;
	int64_t sent_ns;
};
_Static_assert(sizeof(struct mb_icmp_payload) == MB_ICMP_MIN_PAYLOAD, "payload layout");

/* One recvmmsg() batch, with room for the kernel's receive stamps. */
struct mb_icmp_rx {
	struct mmsghdr msgs[MB_ICMP_RX_BATCH];
	struct iovec iov[MB_ICMP_RX_BATCH];
	struct sockaddr_in from[MB_ICMP_RX_BATCH];
	union {
		char buf[CMSG_SPACE(sizeof(struct timespec)) * 2];
		struct cmsghdr align;
	} ctrl[MB_ICMP_RX_BATCH];
	unsigned char *bufs; /* MB_ICMP_RX_BATCH * buflen */
	size_t buflen;
};

struct mb_icmp_sock {
	enum mb_icmp_socket kind; /* the one in use: RAW or DGRAM */
	int fd;                   /* -1 until open */
	uint64_t nonce;           /* this run's, in every payload */
	uint16_t ident;
	size_t pkt_len;           /* ICMP header + payload */
	unsigned char *txbuf;     /* the echo request; seq, time, checksum per send */
	struct mb_icmp_rx rx;
};

/* The settings the prober accepts (icmp.h's limits).  0, or -EINVAL with
 * the reason in err. */
int mb_icmp_check_config(const struct mb_icmp_config *cfg, char *err, size_t errlen);

/* Draws the nonce, allocates the buffers, opens the socket (raw or
 * datagram as cfg says), sets its options and connects it to the target.
 * 0, or a negative errno with "what: why" in err; s is then still for
 * mb_icmp_sock_close. */
int mb_icmp_sock_open(struct mb_icmp_sock *s, const struct mb_icmp_config *cfg,
		      char *err, size_t errlen);

/* Closes and frees; a zeroed s with fd -1 is fine. */
void mb_icmp_sock_close(struct mb_icmp_sock *s);

#endif
