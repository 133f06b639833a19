/* The prober's socket (internal to probes/icmp.c): the checks on its
 * settings, the ICMP socket opened, configured and connected, and the
 * buffers the thread sends from and receives into. */
#ifndef MB_PROBES_ICMP_SOCKET_H
#define MB_PROBES_ICMP_SOCKET_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <time.h>

#include "probes/icmp.h"

#define MB_ICMP_PAYLOAD_MAGIC 0x4d425052u /* "MBPR" */
#define MB_ICMP_HDR_LEN 8
#define MB_ICMP_RX_BATCH 32 /* a read every ms holds 20 kHz in one call */
#define MB_ICMP_CTRL_LEN 256 /* room for every stamp and error cmsg */

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
	union {
		struct sockaddr_in v4;
		struct sockaddr_in6 v6;
	} from[MB_ICMP_RX_BATCH];
	union {
		char buf[MB_ICMP_CTRL_LEN];
		struct cmsghdr align;
	} ctrl[MB_ICMP_RX_BATCH];
	unsigned char *bufs; /* MB_ICMP_RX_BATCH * buflen */
	size_t buflen;
};

/* How the kernel says when a probe left (SO_TIMESTAMPING, see
 * analysis/txstamp.h). */
enum mb_icmp_txstamp {
	MB_ICMP_TXSTAMP_NONE = 0, /* refused: send times are read in user space */
	MB_ICMP_TXSTAMP_KEYED,    /* each send gives its key (SCM_TS_OPT_ID) */
	MB_ICMP_TXSTAMP_COUNTED,  /* the kernel counts sends (older kernels) */
};

/* Called for each software transmit stamp read from the error queue:
 * key (ee_data) and the stamp, CLOCK_REALTIME ns. */
typedef void (*mb_icmp_stamp_fn)(void *user, uint32_t key, int64_t realtime_ns);

struct mb_icmp_sock {
	enum mb_icmp_socket kind; /* the one in use: RAW or DGRAM */
	int family;               /* AF_INET or AF_INET6 */
	int fd;                   /* -1 until open */
	uint64_t nonce;           /* this run's, in every payload */
	uint16_t ident;
	size_t pkt_len;           /* ICMP header + payload */
	unsigned char *txbuf;     /* the echo request; seq, time, checksum per send */
	struct mb_icmp_rx rx;
	enum mb_icmp_txstamp txstamp;
	bool keyed_ok;            /* a keyed send succeeded: the key is supported */
	struct mb_icmp_rx err;    /* error-queue batch (stamps only: OPT_TSONLY) */
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

/* Sends the echo request in txbuf; in MB_ICMP_TXSTAMP_KEYED mode with key
 * for its transmit stamp.  A kernel that refuses the key (EINVAL before
 * any keyed send succeeded) switches the socket to COUNTED and the send is
 * retried; *switched is then true.  0 or the errno of the failed send. */
int mb_icmp_sock_send(struct mb_icmp_sock *s, uint32_t key, bool *switched);

/* Reads every queued transmit stamp (MSG_ERRQUEUE), calling fn for each.
 * 0, or a negative errno if the socket is unusable. */
int mb_icmp_sock_read_stamps(struct mb_icmp_sock *s, mb_icmp_stamp_fn fn, void *user);

/* Closes and frees; a zeroed s with fd -1 is fine. */
void mb_icmp_sock_close(struct mb_icmp_sock *s);

#endif
