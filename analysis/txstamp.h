/* Kernel transmit timestamps matched back to probes.
 *
 * With SO_TIMESTAMPING and SOF_TIMESTAMPING_OPT_ID the kernel reports each
 * software transmit stamp on the socket's error queue with a 32-bit key
 * (sock_extended_err.ee_data).  The key is either the one the sender gave
 * the packet (SCM_TS_OPT_ID, Linux 6.13+: we give the low 32 bits of the
 * sequence number) or the kernel's own counter of sends (older kernels:
 * then a failed send is assumed to take no key, which holds for the
 * routing errors an outage causes).  The error queue may deliver stamps
 * out of order, twice, or never (a packet dropped before the driver):
 * this map says which probe a key belongs to, and whether it was matched
 * already.  Pure: no I/O. */
#ifndef MB_ANALYSIS_TXSTAMP_H
#define MB_ANALYSIS_TXSTAMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum mb_txkey_mode {
	MB_TXKEY_EXPLICIT = 0, /* key = (uint32_t)seq, given with each send */
	MB_TXKEY_COUNTER,      /* key = the kernel's count of earlier sends */
};

enum mb_txmatch {
	MB_TXMATCH_OK = 0,    /* first stamp for a probe still in the map */
	MB_TXMATCH_DUPLICATE, /* that probe had its stamp already */
	MB_TXMATCH_UNKNOWN,   /* no such key (never sent, or too old) */
};

struct mb_txmap_entry {
	uint64_t seq;
	uint32_t key;
	uint8_t state; /* 0 empty, 1 waiting for its stamp, 2 stamped */
};

struct mb_txmap {
	struct mb_txmap_entry *ring;
	uint64_t mask;
	enum mb_txkey_mode mode;
	uint32_t next_counter; /* MB_TXKEY_COUNTER: the key of the next send */
};

/* A map remembering the last `slots` sends (rounded up to a power of two;
 * at least the probes that can be outstanding).  0 or -1 (no memory). */
int mb_txmap_init(struct mb_txmap *m, size_t slots);
void mb_txmap_free(struct mb_txmap *m);

/* From now on the kernel counts (the explicit key was refused).  The
 * counter starts at the number of keys the kernel handed out so far:
 * 0 when no send carried an explicit key yet. */
void mb_txmap_use_counter(struct mb_txmap *m, uint32_t first_key);

/* The key of the probe seq about to be sent, as the mode says. */
uint32_t mb_txmap_key(const struct mb_txmap *m, uint64_t seq);

/* Probe seq left the socket (the send succeeded) under key. */
void mb_txmap_sent(struct mb_txmap *m, uint64_t seq, uint32_t key);

/* A stamp arrived for key: *seq gets its probe when MB_TXMATCH_OK. */
enum mb_txmatch mb_txmap_match(struct mb_txmap *m, uint32_t key, uint64_t *seq);

/* Plausibility of a stamp against the user-space send time read just
 * before the send (both on CLOCK_MONOTONIC): the kernel's time is not
 * earlier than user_ns - tolerance_ns (the clock offset's error) and not
 * later than user_ns + max_ns (a mismatched key would show as a stamp of
 * another probe).  A stamp that fails is not used. */
bool mb_txstamp_plausible(int64_t user_ns, int64_t kernel_ns, int64_t tolerance_ns,
			  int64_t max_ns);

/* Keeps a series physical where kernel stamps and user-space times mix
 * (a probe whose stamp never came keeps the clock read before its send,
 * which can precede the previous probe's stamp if a qdisc held that one):
 * *sent_ns is raised to prev_ns, the previous probe's send time (-1 for
 * the first probe), and *recv_ns, if a reply came (>= 0), to *sent_ns. */
void mb_txstamp_keep_order(int64_t prev_ns, int64_t *sent_ns, int64_t *recv_ns);

#endif
