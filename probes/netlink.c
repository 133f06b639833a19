/* libnl-3 route lookups and link counters.  See netlink.h. */
#include "config.h"

#include "probes/netlink.h"

#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <netlink/addr.h>
#include <netlink/errno.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <netlink/route/nexthop.h>
#include <netlink/route/route.h>

static struct nl_sock *route_socket(char *err, size_t errlen)
{
	struct nl_sock *sk = nl_socket_alloc();
	int rc;

	if (!sk) {
		snprintf(err, errlen, "netlink: %s", strerror(ENOMEM));
		return NULL;
	}
	rc = nl_connect(sk, NETLINK_ROUTE);
	if (rc < 0) {
		snprintf(err, errlen, "netlink: %s", nl_geterror(rc));
		nl_socket_free(sk);
		return NULL;
	}
	return sk;
}

/* libnl's error numbers are its own; the callers want errno's. */
static int errno_of(int nlerr)
{
	switch (-nlerr) {
	case NLE_OBJ_NOTFOUND:
	case NLE_NODEV:
		return -ENODEV;
	case NLE_NOADDR:
	case NLE_INVAL:
		return -EHOSTUNREACH;
	case NLE_PERM:
		return -EPERM;
	case NLE_NOMEM:
		return -ENOMEM;
	default:
		return -EIO;
	}
}

static int link_by_name(struct nl_sock *sk, const char *ifname, struct rtnl_link **link,
			char *err, size_t errlen)
{
	int rc;

	if (!ifname[0] || strlen(ifname) >= IFNAMSIZ) {
		snprintf(err, errlen, "%s: no such interface", ifname);
		return -ENODEV;
	}
	rc = rtnl_link_get_kernel(sk, 0, ifname, link);
	if (rc < 0) {
		int e = errno_of(rc);

		if (e == -ENODEV)
			snprintf(err, errlen, "%s: no such interface", ifname);
		else
			snprintf(err, errlen, "%s: %s", ifname, nl_geterror(rc));
		return e;
	}
	return 0;
}

static int route_ifindex(struct nl_sock *sk, const struct mb_ip_addr *dst, int *ifindex,
			 char *err, size_t errlen)
{
	struct nl_addr *a = nl_addr_build(dst->family == 4 ? AF_INET : AF_INET6, dst->bytes,
					  dst->family == 4 ? 4 : 16);
	struct rtnl_route *route = NULL;
	struct rtnl_nexthop *nh;
	char text[64];
	int rc;

	if (!a) {
		snprintf(err, errlen, "route lookup: %s", strerror(ENOMEM));
		return -ENOMEM;
	}
	nl_addr2str(a, text, sizeof(text));
	rc = rtnl_route_lookup(sk, a, &route);
	nl_addr_put(a);
	if (rc < 0) {
		snprintf(err, errlen, "route to %s: %s", text, nl_geterror(rc));
		return errno_of(rc) == -ENODEV ? -EHOSTUNREACH : errno_of(rc);
	}
	nh = rtnl_route_get_nnexthops(route) > 0 ? rtnl_route_nexthop_n(route, 0) : NULL;
	*ifindex = nh ? rtnl_route_nh_get_ifindex(nh) : 0;
	rtnl_route_put(route);
	if (*ifindex <= 0) {
		snprintf(err, errlen, "route to %s: no output interface", text);
		return -EHOSTUNREACH;
	}
	return 0;
}

int mb_netlink_route_iface(const struct mb_ip_addr *dst, char *ifname, size_t len,
			   char *err, size_t errlen)
{
	struct nl_sock *sk;
	struct rtnl_link *link = NULL;
	int ifindex = 0, rc;

	if (dst->family != 4 && dst->family != 6) {
		snprintf(err, errlen, "route lookup: no address");
		return -EINVAL;
	}
	sk = route_socket(err, errlen);
	if (!sk)
		return -EIO;
	rc = route_ifindex(sk, dst, &ifindex, err, errlen);
	if (!rc) {
		rc = rtnl_link_get_kernel(sk, ifindex, NULL, &link);
		if (rc < 0) {
			snprintf(err, errlen, "interface %d: %s", ifindex, nl_geterror(rc));
			rc = errno_of(rc);
		} else {
			snprintf(ifname, len, "%s", rtnl_link_get_name(link));
			rtnl_link_put(link);
		}
	}
	nl_socket_free(sk);
	return rc;
}

/* IFNAME's link, read on a socket of its own (the link outlives it):
 * 0 with *link to put, or -errno after err. */
static int link_named(const char *ifname, struct rtnl_link **link, char *err, size_t errlen)
{
	struct nl_sock *sk = route_socket(err, errlen);
	int rc;

	*link = NULL;
	if (!sk)
		return -EIO;
	rc = link_by_name(sk, ifname, link, err, errlen);
	nl_socket_free(sk);
	return rc;
}

int mb_netlink_iface_check(const char *ifname, char *err, size_t errlen)
{
	struct rtnl_link *link;
	int rc = link_named(ifname, &link, err, errlen);

	if (!rc && !(rtnl_link_get_flags(link) & IFF_UP)) {
		snprintf(err, errlen, "%s: interface is down", ifname);
		rc = -ENETDOWN;
	}
	if (link)
		rtnl_link_put(link);
	return rc;
}

int mb_netlink_link_counters(const char *ifname, struct mb_link_counters *c,
			     char *err, size_t errlen)
{
	struct rtnl_link *link;
	int rc = link_named(ifname, &link, err, errlen);

	if (!rc) {
		c->rx_bytes = rtnl_link_get_stat(link, RTNL_LINK_RX_BYTES);
		c->tx_bytes = rtnl_link_get_stat(link, RTNL_LINK_TX_BYTES);
		c->rx_packets = rtnl_link_get_stat(link, RTNL_LINK_RX_PACKETS);
		c->tx_packets = rtnl_link_get_stat(link, RTNL_LINK_TX_PACKETS);
		rtnl_link_put(link);
	}
	return rc;
}

static uint64_t minus(uint64_t a, uint64_t b)
{
	return a >= b ? a - b : 0;
}

void mb_link_counters_delta(const struct mb_link_counters *before,
			    const struct mb_link_counters *after,
			    struct mb_link_counters *delta)
{
	delta->rx_bytes = minus(after->rx_bytes, before->rx_bytes);
	delta->tx_bytes = minus(after->tx_bytes, before->tx_bytes);
	delta->rx_packets = minus(after->rx_packets, before->rx_packets);
	delta->tx_packets = minus(after->tx_packets, before->tx_packets);
}
