/* libnl-3 (route): which interface the kernel sends to an address through,
 * whether an interface exists and is up, and its byte counters - the
 * capture's interface and a second, independent volume figure.
 *
 * Every call opens its own NETLINK_ROUTE socket: they happen a few times
 * per run, never on a hot path.  Errors come back as negative errno values
 * with "what: why" in err (libnl's own message), without "migbench: ".
 */
#ifndef MB_PROBES_NETLINK_H
#define MB_PROBES_NETLINK_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/volume.h"

/* The kernel's own interface counters (struct rtnl_link_stats64). */
struct mb_link_counters {
	uint64_t rx_bytes, tx_bytes, rx_packets, tx_packets;
};

/* The output interface of the route to dst ("ip route get"): its name into
 * ifname.  0, -EHOSTUNREACH (no route), or another negative errno. */
int mb_netlink_route_iface(const struct mb_ip_addr *dst, char *ifname, size_t len,
			   char *err, size_t errlen);

/* 0 if ifname exists and is administratively up; -ENODEV, -ENETDOWN, or
 * another negative errno. */
int mb_netlink_iface_check(const char *ifname, char *err, size_t errlen);

/* The counters of ifname now.  0 or a negative errno. */
int mb_netlink_link_counters(const char *ifname, struct mb_link_counters *c,
			     char *err, size_t errlen);

/* after - before, field by field (a counter that went back gives 0). */
void mb_link_counters_delta(const struct mb_link_counters *before,
			    const struct mb_link_counters *after,
			    struct mb_link_counters *delta);

#endif
