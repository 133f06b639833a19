/* libpcap capture of the migration traffic.  See capture.h for the
 * contract; the choices behind it:
 *
 * - The thread waits in poll() on pcap's descriptor and an eventfd of ours,
 *   and calls pcap_dispatch() in non-blocking mode.  Not pcap_breakloop():
 *   with TPACKET_V3 an idle ring never wakes a blocking dispatch, so only
 *   pcap's own eventfd could stop it, and pcap_setnonblock() closes that
 *   eventfd - a breakloop racing with it would write to a closed (or
 *   reused) descriptor.  With our own eventfd the stop is race-free.
 *
 * - Stopping at time T: the kernel hands a ring block to user space when it
 *   is full or when its timeout (MB_CAPTURE_TIMEOUT_MS) expires, which can
 *   take up to two timeouts.  So after T the thread keeps dispatching until
 *   a dispatch that began at T + DRAIN_NS or later: every packet the kernel
 *   stamped up to T is counted, and none stamped after T.
 *
 * - The per-packet path (on_packet) parses and adds into preallocated bins:
 *   no allocation, no formatting, no lock.  Bins are reserved ahead of time
 *   between dispatches, RESERVE_LEAD_NS beyond now; a dispatch takes
 *   milliseconds and a wait at most WAIT_NS, so a packet's bin always
 *   exists (if one does not, it is counted and reported as unbinned).
 */
#include "config.h"

#include "probes/capture.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "probes/clock.h"

#define NS_PER_S 1000000000LL
#define WAIT_NS 500000000LL           /* longest sleep between dispatches */
#define RESERVE_LEAD_NS (2 * NS_PER_S)
#define DRAIN_NS (3LL * MB_CAPTURE_TIMEOUT_MS * 1000000LL)
#define DRAIN_POLL_NS 5000000LL

struct mb_capture {
	struct mb_capture_config cfg;
	pcap_t *pcap;
	enum mb_linktype link;
	struct mb_volume *vol;
	int wakefd;
	bool live, nano;

	struct mb_clock_offset clock; /* live: for the kernel's stamps; offline: 0 */

	pthread_t thread;
	bool started, joined;
	atomic_bool stop;
	_Atomic int64_t stop_at_ns;
	int64_t cutoff_ns;            /* the thread's copy of stop_at; INT64_MAX before */

	struct mb_capture_stats st;   /* thread-written fields read after join */
};

/* ---- clocks ----------------------------------------------------------- */

/* The packet's stamp in ns: CLOCK_MONOTONIC live, the file's clock offline.
 * With nanosecond precision pcap puts nanoseconds in tv_usec.  -1 for a
 * stamp out of range: a file's are not trusted. */
static int stamp_ns(const struct mb_capture *c, const struct pcap_pkthdr *h, int64_t *t)
{
	if (mb_volume_stamp_ns(h->ts.tv_sec, h->ts.tv_usec, c->nano ? NS_PER_S : 1000000, t))
		return -1;
	*t -= c->clock.offset_ns;
	return 0;
}

/* ---- the per-packet path ------------------------------------------------ */

static void on_packet(u_char *user, const struct pcap_pkthdr *h, const u_char *bytes)
{
	struct mb_capture *c = (struct mb_capture *)(void *)user;
	struct mb_pkt_info info;
	int64_t t;

	if (stamp_ns(c, h, &t)) {
		/* No time to put it at: unparsed, and counted apart too. */
		info = (struct mb_pkt_info){ .cls = MB_PKT_UNPARSED, .dir = MB_DIR_OTHER,
					     .wire_bytes = h->len };
		c->st.bad_stamps++;
		mb_volume_add(c->vol, 0, &info);
		return;
	}
	if (t > c->cutoff_ns) /* stamped after the stop: not this capture's */
		return;
	mb_volume_parse(&c->cfg.match, c->link, bytes, h->caplen, h->len, &info);
	mb_volume_add(c->vol, t, &info);
}

/* ---- setup -------------------------------------------------------------- */

void mb_capture_filter(uint16_t lo, uint16_t hi, bool vlan, char *buf, size_t len)
{
	char tcp[32];

	if (lo == hi)
		snprintf(tcp, sizeof(tcp), "tcp port %u", (unsigned)lo);
	else
		snprintf(tcp, sizeof(tcp), "tcp portrange %u-%u", (unsigned)lo, (unsigned)hi);
	/* Each "vlan" moves the offsets for the rest of the expression
	 * (pcap-filter(7)), so the tagged cases nest: a flat "... or (vlan and
	 * vlan and tcp ...)" after "(vlan and tcp ...)" looks three tags deep
	 * and misses 802.1ad.  Live, libpcap also matches a tag the kernel
	 * took off the packet. */
	if (vlan)
		snprintf(buf, len, "%s or (vlan and (%s or (vlan and %s)))", tcp, tcp, tcp);
	else
		snprintf(buf, len, "%s", tcp);
}

static int map_linktype(struct mb_capture *c, char *err, size_t errlen)
{
	int dlt = pcap_datalink(c->pcap);
	const char *name = pcap_datalink_val_to_name(dlt);

	snprintf(c->st.linktype, sizeof(c->st.linktype), "%s", name ? name : "?");
	switch (dlt) {
	case DLT_EN10MB: c->link = MB_LINK_ETHERNET; return 0;
	case DLT_LINUX_SLL: c->link = MB_LINK_LINUX_SLL; return 0;
	case DLT_LINUX_SLL2: c->link = MB_LINK_LINUX_SLL2; return 0;
	case DLT_RAW:
	case DLT_IPV4:
	case DLT_IPV6: c->link = MB_LINK_RAW; return 0;
	default:
		snprintf(err, errlen, "%s: link type %s (%d) not supported (Ethernet, Linux cooked or raw IP)",
			 c->st.source, name ? name : "unknown", dlt);
		return -EINVAL;
	}
}

static int set_filter(struct mb_capture *c, char *err, size_t errlen)
{
	struct bpf_program prog;

	/* libpcap has "vlan" on Ethernet only.  (Live, the kernel's filter
	 * mostly sees tags taken off, and libpcap puts them back for Linux
	 * cooked v1 too: the parser steps over them there as well.) */
	mb_capture_filter(c->cfg.match.port_lo, c->cfg.match.port_hi, c->link == MB_LINK_ETHERNET,
			  c->st.filter, sizeof(c->st.filter));
	if (pcap_compile(c->pcap, &prog, c->st.filter, 1, PCAP_NETMASK_UNKNOWN) < 0) {
		snprintf(err, errlen, "%s: filter '%s': %s", c->st.source, c->st.filter, pcap_geterr(c->pcap));
		return -EINVAL;
	}
	if (pcap_setfilter(c->pcap, &prog) < 0) {
		snprintf(err, errlen, "%s: filter '%s': %s", c->st.source, c->st.filter, pcap_geterr(c->pcap));
		pcap_freecode(&prog);
		return -EIO;
	}
	pcap_freecode(&prog);
	return 0;
}

static struct mb_capture *capture_new(const struct mb_capture_config *cfg, const char *source,
				      char *err, size_t errlen)
{
	struct mb_capture *c = calloc(1, sizeof(*c));
	struct mb_volume_config vc;

	if (!c) {
		snprintf(err, errlen, "capture: %s", strerror(ENOMEM));
		return NULL;
	}
	c->cfg = *cfg;
	if (!c->cfg.bin_ns)
		c->cfg.bin_ns = MB_CAPTURE_DEFAULT_BIN_NS;
	if (!c->cfg.max_bins)
		c->cfg.max_bins = MB_CAPTURE_MAX_BINS;
	c->wakefd = -1;
	c->cutoff_ns = INT64_MAX;
	atomic_init(&c->stop, false);
	atomic_init(&c->stop_at_ns, 0);
	snprintf(c->st.source, sizeof(c->st.source), "%s", source);
	vc = (struct mb_volume_config){ .origin_ns = c->cfg.origin_ns, .bin_ns = c->cfg.bin_ns,
					.max_bins = c->cfg.max_bins };
	c->vol = mb_volume_new(&vc);
	if (!c->vol) {
		snprintf(err, errlen, "capture: bins of %lld ns: bad width or %s", (long long)c->cfg.bin_ns,
			 strerror(ENOMEM));
		free(c);
		return NULL;
	}
	return c;
}

/* pcap's own words for an activation status: for PCAP_ERROR and
 * PCAP_WARNING pcap_geterr() says it all, otherwise the status text with
 * pcap_geterr()'s detail if it has any. */
static void status_text(pcap_t *p, int status, char *buf, size_t len)
{
	const char *detail = pcap_geterr(p);

	if (status == PCAP_ERROR || status == PCAP_WARNING)
		snprintf(buf, len, "%s", detail);
	else if (detail[0])
		snprintf(buf, len, "%s (%s)", pcap_statustostr(status), detail);
	else
		snprintf(buf, len, "%s", pcap_statustostr(status));
}

static int errno_of_status(int status)
{
	switch (status) {
	case PCAP_ERROR_PERM_DENIED:
	case PCAP_ERROR_PROMISC_PERM_DENIED:
		return -EPERM;
	case PCAP_ERROR_NO_SUCH_DEVICE:
		return -ENODEV;
	case PCAP_ERROR_IFACE_NOT_UP:
		return -ENETDOWN;
	default:
		return -EIO;
	}
}

/* The options before activation; each can only fail on an activated handle. */
static int set_options(struct mb_capture *c, char *err, size_t errlen)
{
	int rc = 0;

	c->st.snaplen = MB_CAPTURE_SNAPLEN;
	c->st.buffer_bytes = MB_CAPTURE_BUFFER_BYTES;
	c->st.promiscuous = true;
	if (pcap_set_snaplen(c->pcap, c->st.snaplen) || pcap_set_promisc(c->pcap, 1) ||
	    pcap_set_timeout(c->pcap, MB_CAPTURE_TIMEOUT_MS) ||
	    pcap_set_buffer_size(c->pcap, c->st.buffer_bytes)) {
		snprintf(err, errlen, "capture on %s: setting options: %s", c->st.source, pcap_geterr(c->pcap));
		return -EIO;
	}
	rc = pcap_set_tstamp_precision(c->pcap, PCAP_TSTAMP_PRECISION_NANO);
	if (rc && rc != PCAP_ERROR_TSTAMP_PRECISION_NOTSUP) {
		snprintf(err, errlen, "capture on %s: %s", c->st.source, pcap_statustostr(rc));
		return -EIO;
	}
	return 0; /* without nanoseconds: microseconds, see after activation */
}

static int activate(struct mb_capture *c, char *err, size_t errlen)
{
	char text[PCAP_ERRBUF_SIZE + 128];
	int status = pcap_activate(c->pcap);

	if (status < 0) {
		status_text(c->pcap, status, text, sizeof(text));
		snprintf(err, errlen, "capture on %s: %s%s", c->st.source, text,
			 errno_of_status(status) == -EPERM ? " (needs CAP_NET_RAW)" : "");
		return errno_of_status(status);
	}
	if (status > 0) {
		/* A warning: kept apart from errors, the capture goes on. */
		status_text(c->pcap, status, text, sizeof(text));
		snprintf(c->st.warning, sizeof(c->st.warning), "capture on %s: %s", c->st.source, text);
	}
	c->nano = pcap_get_tstamp_precision(c->pcap) == PCAP_TSTAMP_PRECISION_NANO;
	c->st.tstamp_resolution_ns = c->nano ? 1 : 1000;
	return 0;
}

static int open_live(struct mb_capture *c, const char *iface, char *err, size_t errlen)
{
	char eb[PCAP_ERRBUF_SIZE] = "";
	int rc;

	c->live = c->st.live = true;
	c->pcap = pcap_create(iface, eb);
	if (!c->pcap) {
		snprintf(err, errlen, "capture on %s: %s", iface, eb);
		return -EIO;
	}
	if ((rc = set_options(c, err, errlen)) || (rc = activate(c, err, errlen)) ||
	    (rc = map_linktype(c, err, errlen)) || (rc = set_filter(c, err, errlen)))
		return rc;
	if (pcap_setnonblock(c->pcap, 1, eb) < 0) {
		snprintf(err, errlen, "capture on %s: non-blocking mode: %s", iface, eb);
		return -EIO;
	}
	c->wakefd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (c->wakefd < 0) {
		rc = errno;
		snprintf(err, errlen, "capture: eventfd: %s", strerror(rc));
		return -rc;
	}
	mb_clock_offset_init(&c->clock);
	c->st.clock_offset_err_ns = c->clock.err_ns;
	return 0;
}

int mb_capture_open_live(struct mb_capture **out, const char *iface,
			 const struct mb_capture_config *cfg, char *err, size_t errlen)
{
	struct mb_capture *c;
	int rc;

	*out = NULL;
	c = capture_new(cfg, iface, err, errlen);
	if (!c)
		return -ENOMEM;
	rc = open_live(c, iface, err, errlen);
	if (rc) {
		mb_capture_free(c);
		return rc;
	}
	*out = c;
	return 0;
}

/* ---- the thread --------------------------------------------------------- */

static void reserve_ahead(struct mb_capture *c, int64_t now)
{
	if (mb_volume_reserve(c->vol, now + RESERVE_LEAD_NS))
		c->st.bin_reserve_failures++;
}

/* Sleeps up to wait_ns, less if a packet block or the stop comes. */
static int wait_for_packets(struct mb_capture *c, int64_t wait_ns)
{
	struct pollfd pfd[2] = {
		{ .fd = pcap_get_selectable_fd(c->pcap), .events = POLLIN },
		{ .fd = c->wakefd, .events = POLLIN },
	};
	struct timespec ts = { .tv_sec = wait_ns / NS_PER_S, .tv_nsec = wait_ns % NS_PER_S };
	uint64_t v;

	if (ppoll(pfd, 2, &ts, NULL) < 0 && errno != EINTR) {
		snprintf(c->st.error, sizeof(c->st.error), "capture on %s: poll: %s", c->st.source,
			 strerror(errno));
		return -1;
	}
	if ((pfd[1].revents & POLLIN) && read(c->wakefd, &v, sizeof(v)) < 0 && errno != EAGAIN) {
		snprintf(c->st.error, sizeof(c->st.error), "capture: eventfd: %s", strerror(errno));
		return -1;
	}
	/* An error indication on the socket (say, the interface went down)
	 * stays raised: let the next dispatch report it, but do not spin. */
	if (pfd[0].revents & (POLLERR | POLLHUP))
		mb_sleep_ns(DRAIN_POLL_NS);
	return 0;
}

/* Counts what the ring holds.  Packets, or -1 on a capture error. */
static int dispatch(struct mb_capture *c)
{
	int n = pcap_dispatch(c->pcap, -1, on_packet, (u_char *)(void *)c);

	if (n == PCAP_ERROR) {
		snprintf(c->st.error, sizeof(c->st.error), "capture on %s: %s", c->st.source,
			 pcap_geterr(c->pcap));
		return -1;
	}
	return n < 0 ? 0 : n; /* PCAP_ERROR_BREAK: nobody breaks this loop */
}

static void *capture_thread(void *arg)
{
	struct mb_capture *c = arg;
	bool stopping = false;

	c->clock.next_check_ns = mb_now_ns() + MB_CLOCK_OFFSET_REFRESH_NS;
	for (;;) {
		int64_t now = mb_now_ns();
		int n;

		if (!stopping && atomic_load_explicit(&c->stop, memory_order_acquire)) {
			stopping = true;
			c->cutoff_ns = atomic_load_explicit(&c->stop_at_ns, memory_order_relaxed);
		}
		reserve_ahead(c, now);
		if (mb_clock_offset_refresh(&c->clock, now))
			c->st.clock_steps++;
		n = dispatch(c);
		if (n < 0)
			break;
		/* This dispatch began after every block holding a packet
		 * stamped before the stop was handed over. */
		if (stopping && now >= c->cutoff_ns + DRAIN_NS)
			break;
		/* dispatch took every block that was ready; poll() returns at
		 * once if another one is. */
		if (wait_for_packets(c, stopping ? DRAIN_POLL_NS : WAIT_NS) < 0)
			break;
	}
	return NULL;
}

int mb_capture_start(struct mb_capture *c, char *err, size_t errlen)
{
	int rc;

	if (!c->live || c->started) {
		snprintf(err, errlen, "capture: %s", c->started ? "already started" : "not a live capture");
		return -EINVAL;
	}
	reserve_ahead(c, mb_now_ns());
	c->st.start_ns = mb_now_ns();
	rc = mb_thread_start(&c->thread, capture_thread, c);
	if (rc) {
		snprintf(err, errlen, "capture thread: %s", strerror(rc));
		return -rc;
	}
	c->started = true;
	return 0;
}

static void read_pcap_stats(struct mb_capture *c)
{
	struct pcap_stat ps;

	if (pcap_stats(c->pcap, &ps) < 0) {
		if (!c->st.error[0])
			snprintf(c->st.error, sizeof(c->st.error), "capture on %s: statistics: %s",
				 c->st.source, pcap_geterr(c->pcap));
		return;
	}
	c->st.have_pcap_stats = true;
	c->st.received = ps.ps_recv;
	c->st.kernel_drops = ps.ps_drop;
	c->st.iface_drops = ps.ps_ifdrop;
}

void mb_capture_stop(struct mb_capture *c)
{
	uint64_t one = 1;

	if (!c || !c->started || c->joined)
		return;
	c->st.stop_ns = mb_now_ns();
	atomic_store_explicit(&c->stop_at_ns, c->st.stop_ns, memory_order_relaxed);
	atomic_store_explicit(&c->stop, true, memory_order_release);
	/* An eventfd write cannot fail short of overflow; the thread also
	 * looks at the flag every WAIT_NS. */
	if (write(c->wakefd, &one, sizeof(one)) < 0)
		(void)0;
	pthread_join(c->thread, NULL);
	c->joined = true;
	read_pcap_stats(c);
}

/* ---- offline ------------------------------------------------------------ */

static int open_file(struct mb_capture *c, const char *path, char *err, size_t errlen)
{
	char eb[PCAP_ERRBUF_SIZE] = "";
	int rc;

	c->pcap = pcap_open_offline_with_tstamp_precision(path, PCAP_TSTAMP_PRECISION_NANO, eb);
	if (!c->pcap) {
		/* pcap names the file itself in some messages, not in others */
		if (!strncmp(eb, path, strlen(path)))
			snprintf(err, errlen, "%s", eb);
		else
			snprintf(err, errlen, "%s: %s", path, eb);
		return -EINVAL;
	}
	c->nano = true;
	c->st.tstamp_resolution_ns = 1;
	c->st.snaplen = pcap_snapshot(c->pcap);
	if ((rc = map_linktype(c, err, errlen)) || (rc = set_filter(c, err, errlen)))
		return rc;
	return 0;
}

/* Reads packet by packet: allocation between packets is fine here (no
 * kernel ring to overflow), so each bin is reserved just in time. */
static int read_packets(struct mb_capture *c, char *err, size_t errlen)
{
	struct pcap_pkthdr *h;
	const u_char *bytes;
	bool first = true;
	int r;

	while ((r = pcap_next_ex(c->pcap, &h, &bytes)) == 1) {
		int64_t t;

		if (stamp_ns(c, h, &t) == 0) { /* else on_packet counts it as unparsed */
			if (first) {
				mb_volume_set_origin(c->vol, t);
				first = false;
			}
			if (mb_volume_reserve(c->vol, t)) {
				snprintf(err, errlen, "%s: bins: %s", c->st.source, strerror(ENOMEM));
				return -ENOMEM;
			}
		}
		on_packet((u_char *)(void *)c, h, bytes);
	}
	if (r == PCAP_ERROR)
		snprintf(c->st.warning, sizeof(c->st.warning), "%s: %s; counted up to there",
			 c->st.source, pcap_geterr(c->pcap));
	return 0;
}

int mb_capture_read_file(struct mb_capture **out, const char *path,
			 const struct mb_capture_config *cfg, char *err, size_t errlen)
{
	struct mb_capture *c;
	int rc;

	*out = NULL;
	c = capture_new(cfg, path, err, errlen);
	if (!c)
		return -ENOMEM;
	rc = open_file(c, path, err, errlen);
	if (!rc)
		rc = read_packets(c, err, errlen);
	if (rc) {
		mb_capture_free(c);
		return rc;
	}
	*out = c;
	return 0;
}

/* ---- results ------------------------------------------------------------ */

const struct mb_volume *mb_capture_volume(const struct mb_capture *c)
{
	return c->vol;
}

void mb_capture_stats(const struct mb_capture *c, struct mb_capture_stats *st)
{
	*st = c->st;
}

void mb_capture_free(struct mb_capture *c)
{
	if (!c)
		return;
	mb_capture_stop(c);
	if (c->pcap)
		pcap_close(c->pcap);
	if (c->wakefd >= 0)
		close(c->wakefd);
	mb_volume_free(c->vol);
	free(c);
}
