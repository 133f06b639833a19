#include "config.h"

#include "probes/announce.h"

#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>

#include "probes/clock.h"

/* RARP (QEMU's announce), an ARP whose sender and target addresses are
 * one (a gratuitous ARP), or a neighbour advertisement to all nodes (the
 * guest's unsolicited NA, IPv6's gratuitous ARP): never the guest's
 * ordinary ARP or neighbour discovery, whose answers are unicast. */
#define ANNOUNCE_FILTER "(rarp or (arp and arp[14:4] = arp[24:4]) or " \
	"(icmp6 and ip6 dst ff02::1 and ip6[40] = 136))"

struct mb_announce {
	pcap_t *pcap;
	struct mb_clock_offset clock;
	int64_t after_ns, first_ns;
};

static int fail(struct mb_announce *a, const char *iface, const char *what, char *err, size_t errlen)
{
	snprintf(err, errlen, "announce capture on %s: %s: %s", iface, what, pcap_geterr(a->pcap));
	return -EIO;
}

static int set_filter(struct mb_announce *a, const char *iface, const char *mac,
		      char *err, size_t errlen)
{
	char text[256];
	struct bpf_program prog;
	int rc = 0;

	if (mac)
		snprintf(text, sizeof(text), "ether src %s and %s", mac, ANNOUNCE_FILTER);
	else
		snprintf(text, sizeof(text), "%s", ANNOUNCE_FILTER);
	if (pcap_compile(a->pcap, &prog, text, 1, PCAP_NETMASK_UNKNOWN) < 0)
		return fail(a, iface, text, err, errlen);
	if (pcap_setfilter(a->pcap, &prog) < 0)
		rc = fail(a, iface, text, err, errlen);
	pcap_freecode(&prog);
	return rc;
}

int mb_announce_open(struct mb_announce **out, const char *iface, const char *mac,
		     char *err, size_t errlen)
{
	char eb[PCAP_ERRBUF_SIZE] = "";
	struct mb_announce *a = calloc(1, sizeof(*a));
	int rc = -EIO;

	*out = NULL;
	if (!a)
		return -ENOMEM;
	a->pcap = pcap_create(iface, eb);
	if (!a->pcap) {
		snprintf(err, errlen, "announce capture on %s: %s", iface, eb);
		free(a);
		return -EIO;
	}
	pcap_set_snaplen(a->pcap, 64);
	pcap_set_buffer_size(a->pcap, 1 << 20);
	pcap_set_tstamp_precision(a->pcap, PCAP_TSTAMP_PRECISION_NANO);
	/* Frame by frame (TPACKET_V2): the few frames are readable at once,
	 * not held in a block that a quiet link never fills. */
	pcap_set_immediate_mode(a->pcap, 1);
	if (pcap_activate(a->pcap) < 0)
		rc = fail(a, iface, "activate", err, errlen);
	else if (pcap_datalink(a->pcap) != DLT_EN10MB)
		snprintf(err, errlen, "announce capture on %s: not an Ethernet link", iface);
	else if (!(rc = set_filter(a, iface, mac, err, errlen)) && pcap_setnonblock(a->pcap, 1, eb) < 0)
		rc = fail(a, iface, "non-blocking mode", err, errlen);
	if (rc) {
		mb_announce_free(a);
		return rc;
	}
	mb_clock_offset_init(&a->clock);
	*out = a;
	return 0;
}

static void on_frame(u_char *user, const struct pcap_pkthdr *h, const u_char *bytes)
{
	struct mb_announce *a = (struct mb_announce *)user;
	int64_t t;

	(void)bytes;
	/* Stamps are CLOCK_REALTIME; an absurd one is not an instant. */
	if (h->ts.tv_sec < 0 || h->ts.tv_sec > (INT64_C(1) << 32) || h->ts.tv_usec < 0)
		return;
	t = (int64_t)h->ts.tv_sec * MB_NS_PER_S + h->ts.tv_usec - a->clock.offset_ns;
	if (t >= a->after_ns && (a->first_ns < 0 || t < a->first_ns))
		a->first_ns = t;
}

int64_t mb_announce_first(struct mb_announce *a, int64_t after_ns)
{
	a->after_ns = after_ns;
	a->first_ns = -1;
	/* Non-blocking: 0 once the ring is empty, -1 on an error. */
	while (pcap_dispatch(a->pcap, -1, on_frame, (u_char *)a) > 0)
		;
	return a->first_ns;
}

void mb_announce_free(struct mb_announce *a)
{
	if (!a)
		return;
	if (a->pcap)
		pcap_close(a->pcap);
	free(a);
}
