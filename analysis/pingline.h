/* One line of a ping log - iputils ping, busybox ping or fping -
 * classified and its fields read.
 *
 * Pure and stateless: each line form is recognised on its own, so every
 * form can be tested alone; the sequence bookkeeping (wrap-around,
 * duplicates, arrival order) is analysis/pinglog.c's.
 *
 * Forms (each but the header and the footer may carry ping -D's
 * "[1700000000.123456] " prefix):
 *   PING 10.0.0.1 (10.0.0.1) 56(84) bytes of data.
 *   64 bytes from 10.0.0.1: icmp_seq=7 ttl=64 time=0.245 ms
 *   64 bytes from 10.0.0.1: icmp_seq=7 ttl=64 time=0.301 ms (DUP!)
 *   no answer yet for icmp_seq=8                       (ping -O)
 *   From 10.0.0.254 icmp_seq=9 Destination Host Unreachable
 *   --- 10.0.0.1 ping statistics ---
 *   12417 packets transmitted, 12413 received, 0.03% packet loss, time 24999ms
 *   rtt min/avg/max/mdev = 0.086/0.285/19.560/0.351 ms, pipe 2
 * busybox ping (seq from 0, no -D, no footer time):
 *   PING 10.0.0.1 (10.0.0.1): 56 data bytes
 *   64 bytes from 10.0.0.1: seq=0 ttl=64 time=0.400 ms
 *   5 packets transmitted, 5 packets received, 0% packet loss
 *   round-trip min/avg/max = 0.029/0.047/0.173 ms
 * fping -l / -c / -C, maybe -D (seq [N] from 0, not wrapped):
 *   10.0.0.1 : [0], 64 bytes, 0.40 ms (0.40 avg, 0% loss)
 *   10.0.0.1 : [1], timed out (0.40 avg, 50% loss)
 *   10.0.0.1 : xmt/rcv/%loss = 247/231/6%, min/avg/max = 0.020/0.044/0.103
 *   10.0.0.1 : 0.40 0.41 - 0.39                          (-C: one rtt a probe)
 */
#ifndef MB_ANALYSIS_PINGLINE_H
#define MB_ANALYSIS_PINGLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* No line ping prints is longer (a host name is at most 253 bytes); a
 * longer one is OTHER whatever it holds, so a reader may pass only its
 * first MB_PINGLINE_MAX + 1 bytes. */
#define MB_PINGLINE_MAX 1000

/* The program a line form belongs to.  AUTO: a line iputils and busybox
 * both print ("--- A ping statistics ---", the rtt line), or, as a
 * reader's setting, "detect it". */
enum mb_ping_format {
	MB_PING_AUTO,
	MB_PING_IPUTILS,
	MB_PING_BUSYBOX,
	MB_PING_FPING,
};

enum mb_pingline_kind {
	MB_PINGLINE_BLANK,     /* empty or only blanks */
	MB_PINGLINE_HEADER,    /* "PING target ..." */
	MB_PINGLINE_REPLY,     /* an echo reply with its time=, maybe (DUP!) */
	MB_PINGLINE_NO_ANSWER, /* "no answer yet for icmp_seq=N", fping's "timed out" */
	MB_PINGLINE_ERROR,     /* "From A icmp_seq=N <ICMP error>" */
	MB_PINGLINE_FOOTER,    /* any of the statistics lines, fping's xmt/rcv */
	MB_PINGLINE_COLUMNS,   /* fping -C: "A : rtt rtt - rtt" */
	MB_PINGLINE_OTHER,     /* none of these */
};

struct mb_pingline {
	enum mb_pingline_kind kind;
	enum mb_ping_format format; /* whose form */
	bool stamped;          /* -D prefix present */
	int64_t stamp_ns;      /* its time, ns since the epoch */
	uint16_t icmp_seq;     /* REPLY, NO_ANSWER, ERROR: as printed (fping: seq's low 16 bits) */
	uint64_t seq;          /* the same, fping's [N] whole */
	int64_t rtt_ns;        /* REPLY */
	bool dup;              /* REPLY: "(DUP!)" */
	bool counts;           /* FOOTER: the "N packets transmitted" line */
	uint64_t transmitted, received; /* with counts */
	int64_t time_ns;       /* with counts: "time Nms", -1 if absent */
	const char *target;    /* HEADER, fping's lines: points into the line, not terminated */
	size_t target_len;
	const char *columns;   /* COLUMNS: the rtts, into the line, not terminated */
	size_t columns_len;
};

/* Reads line[0 .. len) (a trailing "\n" or "\r\n" is allowed) into *out. */
void mb_pingline_parse(const char *line, size_t len, struct mb_pingline *out);

/* The next column of a COLUMNS line from *p (< end): *rtt_ns, or -1 for
 * fping's '-' (lost).  Returns false after the last one. */
bool mb_pingline_column(const char **p, const char *end, int64_t *rtt_ns);

/* "iputils", "busybox", "fping"; "auto" for MB_PING_AUTO. */
const char *mb_ping_format_name(enum mb_ping_format f);

#endif
