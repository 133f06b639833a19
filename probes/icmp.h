/* High-rate ICMP echo prober: the downtime probe of migbench.
 *
 * One thread sends echo requests on absolute deadlines (start + i*interval)
 * and reads the replies with their kernel receive timestamps.  Every probe
 * is handed to the caller exactly once, in sequence order, as a
 * struct mb_probe_sample (analysis/outage.h): when it is answered and all
 * earlier probes were handed over, or when its lost_after deadline passed.
 *
 * Times are CLOCK_MONOTONIC nanoseconds.  Send times are the kernel's
 * software transmit stamps (SO_TIMESTAMPING, read from the error queue)
 * where it gives them, else clock_gettime() read just before send();
 * receive times are the kernel's SO_TIMESTAMPNS stamps.  Kernel stamps are
 * CLOCK_REALTIME, converted with an offset that is measured at start and
 * re-measured every second (see icmp.c).
 *
 * Threading: mb_icmp_open, _start, _stop and _free belong to one caller
 * thread.  mb_icmp_replies and mb_icmp_stats may be called from any thread
 * at any time.  The sample callback runs on the prober's thread: it must be
 * quick and must not call back into the prober; hand heavy work (files) to
 * another thread, e.g. with probes/sampleq.h.
 */
#ifndef MB_PROBES_ICMP_H
#define MB_PROBES_ICMP_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analysis/outage.h"

#define MB_ICMP_MIN_INTERVAL_NS 50000LL         /* 50 us: 20,000 probes/s */
#define MB_ICMP_MAX_INTERVAL_NS 60000000000LL   /* 60 s */
#define MB_ICMP_MIN_PAYLOAD 32                  /* magic, nonce, seq, send time */
#define MB_ICMP_MAX_PAYLOAD 1472                /* one 1500-byte frame */
#define MB_ICMP_DEFAULT_PAYLOAD 56              /* as ping(8) */
#define MB_ICMP_MAX_OUTSTANDING (1u << 20)      /* lost_after / interval cap */

enum mb_icmp_socket {
	MB_ICMP_SOCK_AUTO = 0, /* raw, else datagram ("ping socket") */
	MB_ICMP_SOCK_RAW,      /* SOCK_RAW: needs CAP_NET_RAW */
	MB_ICMP_SOCK_DGRAM,    /* SOCK_DGRAM: needs a gid in net.ipv4.ping_group_range */
};

struct mb_icmp_config {
	int family;              /* AF_INET (or 0): target; AF_INET6: target6 */
	struct in_addr target;
	struct in6_addr target6; /* ICMPv6 echo */
	int64_t interval_ns;   /* MB_ICMP_MIN_INTERVAL_NS .. MB_ICMP_MAX_INTERVAL_NS */
	int64_t lost_after_ns; /* > 0: unanswered this long after sending = lost */
	size_t payload_len;    /* 0 = MB_ICMP_DEFAULT_PAYLOAD */
	enum mb_icmp_socket socket_kind; /* 0 = auto */
	int rt_priority;       /* 1..99: run the prober SCHED_FIFO at this priority
				* if permitted (else normal scheduling, see stats)
				* and hold the CPUs' wake-up latency at 0 while it
				* runs (probes/cpulatency.h); 0: neither */
	bool no_cpu_latency;   /* SCHED_FIFO without the latency request */
};

/* A distribution of durations (analysis/histogram.h): -1 everywhere while
 * the prober runs or when nothing was counted. */
struct mb_icmp_dist {
	uint64_t count;
	int64_t p50_ns, p99_ns, p999_ns, max_ns;
};

/* Where send times come from. */
enum mb_icmp_send_clock {
	MB_ICMP_SEND_USER = 0,   /* clock_gettime() before send(): the kernel gave no stamps */
	MB_ICMP_SEND_KERNEL,     /* kernel stamps keyed by sequence (SCM_TS_OPT_ID) */
	MB_ICMP_SEND_KERNEL_COUNTED, /* kernel stamps keyed by its send counter */
};

struct mb_icmp_stats {
	enum mb_icmp_socket socket_kind; /* the one in use: RAW or DGRAM */
	uint64_t sent;          /* probes issued (send errors included: they count as lost) */
	uint64_t replies;       /* replies to our probes, duplicates and stale included */
	uint64_t send_errors;   /* send() failed; the probe is reported unanswered */
	int last_send_errno;
	uint64_t recv_errors;   /* recvmmsg() errors, e.g. ICMP host unreachable */
	int last_recv_errno;
	uint64_t foreign;       /* not ours: other source/nonce, not an echo reply, malformed */
	uint64_t duplicates;    /* second and later replies to one probe */
	uint64_t stale;         /* replies for probes already reported lost */
	uint64_t skipped;       /* deadlines not sent because the sender fell a whole interval behind */
	int64_t max_send_late_ns; /* worst send time minus its deadline */
	struct mb_icmp_dist send_late; /* send time minus deadline, per probe (after stop) */
	enum mb_icmp_send_clock send_clock;
	uint64_t tx_stamped;    /* probes whose send time is the kernel's */
	uint64_t tx_missing;    /* sent, but no stamp came: user-space time used */
	uint64_t tx_duplicates; /* a second stamp for one probe (ignored) */
	uint64_t tx_unmatched;  /* stamps for no known probe, or implausible (ignored) */
	struct mb_icmp_dist tx_delay; /* kernel stamp minus user-space time (after stop) */
	uint64_t clock_steps;   /* CLOCK_REALTIME steps seen while re-measuring the offset */
	int64_t clock_offset_err_ns; /* half-width of the best offset bracket at start */
	size_t ring_slots;      /* outstanding-probe ring size */
	int rt_priority;        /* SCHED_FIFO priority in effect, 0 if none */
	int rt_errno;           /* why the requested priority was refused, or 0 */
	bool cpu_latency_held;  /* the PM QoS CPU latency request stood */
	int cpu_latency_errno;  /* why it could not be made, or 0 */
	int64_t host_steal_ns;  /* steal time of the machine's CPUs from start to
				 * stop (probes/steal.h); -1 unknown or running */
	int fatal_errno;        /* nonzero: the prober stopped early on this error */
};

struct mb_icmp; /* opaque */

typedef void (*mb_icmp_sample_fn)(void *user, const struct mb_probe_sample *s);

/* Validates cfg and opens the socket now, so permission and routing errors
 * come before anything starts.  Returns 0, or a negative errno: -EINVAL bad
 * config, -EPERM/-EACCES no ICMP socket allowed, -ENETUNREACH etc. from
 * connect(), -ENOMEM.  err gets "what: why" without the "migbench: " prefix. */
int mb_icmp_open(struct mb_icmp **out, const struct mb_icmp_config *cfg,
		 char *err, size_t errlen);

/* Starts the prober thread (all signals blocked in it); the first probe
 * leaves at once.  Returns 0 or a negative errno. */
int mb_icmp_start(struct mb_icmp *p, mb_icmp_sample_fn fn, void *user,
		  char *err, size_t errlen);

/* Running count of matching replies (thread-safe). */
uint64_t mb_icmp_replies(const struct mb_icmp *p);

/* Stops sending, waits up to lost_after for outstanding replies, delivers
 * every remaining sample, joins the thread.  Idempotent. */
void mb_icmp_stop(struct mb_icmp *p);

void mb_icmp_stats(const struct mb_icmp *p, struct mb_icmp_stats *st);

/* "raw" / "dgram" */
const char *mb_icmp_socket_name(enum mb_icmp_socket kind);

/* "kernel" / "kernel-counted" / "user" */
const char *mb_icmp_send_clock_name(enum mb_icmp_send_clock c);

/* Stops if running, closes, frees.  NULL is fine. */
void mb_icmp_free(struct mb_icmp *p);

#endif
