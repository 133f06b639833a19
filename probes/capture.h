/* libpcap capture of the migration traffic: the data-volume probe.
 *
 * Live: one thread runs a pcap_dispatch loop on the interface, counts every
 * packet the filter "tcp portrange LO-HI" (on Ethernet also behind one or
 * two VLAN tags, see mb_capture_filter) lets through (analysis/volume.h:
 * direction, wire bytes, TCP payload bytes, time bins) and nothing else.
 * Offline: the same counting over a saved capture file.
 *
 * Capture settings (pcap_create, then the options, then pcap_activate):
 *   snap length 128: headers only (Ethernet + VLAN + IPv6 + a full TCP
 *     header fit); the wire length comes from the kernel, not the snap;
 *   kernel buffer 32 MiB (the TPACKET_V3 ring): ~200 ms of 64-byte headers
 *     at 10 Gbit/s of 1500-byte frames, far more with GRO super-packets;
 *   promiscuous: a Linux bridge hands frames it forwards between its ports
 *     to its own packet sockets only in promiscuous mode;
 *   nanosecond timestamps (microsecond where the kernel cannot), which are
 *     CLOCK_REALTIME and converted to CLOCK_MONOTONIC with an offset
 *     measured at start and re-measured every second (as probes/icmp.c);
 *   block timeout 20 ms: a partly filled ring block reaches us within
 *     about two timeouts, which bounds the drain at stop.
 *
 * Threading: open, start, stop and free belong to one caller thread.  The
 * volume and the stats are read after stop (or after read_file); nothing is
 * shared while the thread runs but the stop flag.
 */
#ifndef MB_PROBES_CAPTURE_H
#define MB_PROBES_CAPTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analysis/volume.h"

#define MB_CAPTURE_SNAPLEN 128
#define MB_CAPTURE_BUFFER_BYTES (32 << 20)
#define MB_CAPTURE_TIMEOUT_MS 20
/* 1 Mi bins (56 MiB at most, allocated as the run goes): 2.9 hours of
 * 10 ms bins.  Later packets still count in the totals ("unbinned"). */
#define MB_CAPTURE_MAX_BINS (1u << 20)
#define MB_CAPTURE_DEFAULT_BIN_NS 10000000LL

struct mb_capture_config {
	struct mb_volume_match match;
	int64_t origin_ns;  /* live: CLOCK_MONOTONIC start of bin 0; offline: the first packet */
	int64_t bin_ns;     /* 0: MB_CAPTURE_DEFAULT_BIN_NS */
	size_t max_bins;    /* 0: MB_CAPTURE_MAX_BINS */
};

struct mb_capture_stats {
	bool live;
	char source[256];        /* the interface, or the file */
	char filter[160];
	char linktype[32];       /* pcap's name for the link type, e.g. "EN10MB" */
	int snaplen, buffer_bytes;
	bool promiscuous;
	int64_t tstamp_resolution_ns;  /* 1, or 1000 for microsecond stamps */
	bool have_pcap_stats;    /* live only: a file does not record drops */
	uint64_t received, kernel_drops, iface_drops; /* pcap_stats ps_recv, ps_drop, ps_ifdrop */
	int64_t clock_offset_err_ns;   /* live: half-width of the best offset bracket */
	uint64_t clock_steps;    /* live: CLOCK_REALTIME steps seen */
	uint64_t bin_reserve_failures; /* out of memory for bins: packets unbinned */
	uint64_t bad_stamps;     /* timestamps out of range: counted as unparsed */
	int64_t start_ns, stop_ns;     /* live: the capture's span, CLOCK_MONOTONIC */
	char warning[768];       /* pcap_activate's warning, or a damaged file's end; "" if none */
	char error[768];         /* the capture thread stopped early on this; "" if not */
};

struct mb_capture; /* opaque */

/* "tcp portrange LO-HI", or "tcp port P" when LO == HI; with vlan (an
 * Ethernet link) also behind one or two 802.1Q / 802.1ad tags:
 * "T or (vlan and (T or (vlan and T)))". */
void mb_capture_filter(uint16_t lo, uint16_t hi, bool vlan, char *buf, size_t len);

/* Creates and activates a live capture on iface, with the filter set, so
 * that permission and interface errors come before anything starts.  The
 * kernel queues packets from here on; they are counted once started.
 * Returns 0 or a negative errno: -EPERM no permission, -ENODEV no such
 * interface, -ENETDOWN interface down, -EINVAL bad config or link type,
 * -ENOMEM, -EIO another pcap failure.  err gets "what: why" with pcap's own
 * message (pcap_statustostr / pcap_geterr).  A warning from pcap_activate
 * is not an error: it is in the stats. */
int mb_capture_open_live(struct mb_capture **out, const char *iface,
			 const struct mb_capture_config *cfg, char *err, size_t errlen);

/* Starts the capture thread (signals blocked in it).  0 or a negative errno. */
int mb_capture_start(struct mb_capture *c, char *err, size_t errlen);

/* Counts everything the kernel captured until now, then joins the thread
 * and reads pcap_stats.  Idempotent. */
void mb_capture_stop(struct mb_capture *c);

/* Counts a saved capture (pcap or pcapng; nanosecond stamps kept), with the
 * same filter applied.  Bin 0 starts at the first packet.  0, -EINVAL (not
 * a capture file, unsupported link type) or -ENOMEM.  A file that ends in
 * the middle of a packet is counted up to there, with a warning. */
int mb_capture_read_file(struct mb_capture **out, const char *path,
			 const struct mb_capture_config *cfg, char *err, size_t errlen);

/* After stop or read_file. */
const struct mb_volume *mb_capture_volume(const struct mb_capture *c);
void mb_capture_stats(const struct mb_capture *c, struct mb_capture_stats *st);

/* Stops if running, closes, frees.  NULL is fine. */
void mb_capture_free(struct mb_capture *c);

#endif
