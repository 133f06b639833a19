/* The guest's self-announce on the wire: after a migration QEMU sends RARP
 * frames from the guest's MAC and the guest's virtio-net sends gratuitous
 * ARPs (and unsolicited IPv6 neighbour advertisements), so switches learn
 * its new port.  A second, tiny libpcap handle on
 * the capture's interface keeps only those frames; they are few, so the
 * kernel's ring holds them until the run reads them at its end: no thread.
 * Used for the phase ledger's "first announce" instant. */
#ifndef MB_PROBES_ANNOUNCE_H
#define MB_PROBES_ANNOUNCE_H

#include <stddef.h>
#include <stdint.h>

struct mb_announce;

/* Opens and activates the handle on iface (Ethernet only).  mac
 * ("52:54:00:..."), when not NULL, keeps frames from that MAC only.  0, or
 * a negative errno with the reason in err. */
int mb_announce_open(struct mb_announce **out, const char *iface, const char *mac,
		     char *err, size_t errlen);
/* Reads every frame the kernel kept; the CLOCK_MONOTONIC time of the first
 * one at or after after_ns, or -1 when none came. */
int64_t mb_announce_first(struct mb_announce *a, int64_t after_ns);
void mb_announce_free(struct mb_announce *a);

#endif
