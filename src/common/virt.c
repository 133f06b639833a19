#include "config.h"

#include "src/common/virt.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libvirt/virterror.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

static void quiet_error_handler(void *data, virErrorPtr e)
{
	(void)data;
	(void)e; /* reported by the caller, with context */
}

const char *mb_virt_last_error(void)
{
	const char *m = virGetLastErrorMessage();

	return m ? m : "unknown libvirt error";
}

int mb_virt_init(char *err, size_t errlen)
{
	virSetErrorFunc(NULL, quiet_error_handler);
	if (virInitialize() < 0 || virEventRegisterDefaultImpl() < 0) {
		snprintf(err, errlen, "libvirt initialisation: %s", mb_virt_last_error());
		return -1;
	}
	return 0;
}

bool mb_virt_denied(void)
{
	virErrorPtr e = virGetLastError();

	return e && e->code == VIR_ERR_OPERATION_DENIED;
}

int mb_virt_connect(struct mb_virt_host *h, const struct mb_host *host, char *err, size_t errlen)
{
	return mb_virt_connect_mode(h, host, false, err, errlen);
}

int mb_virt_connect_mode(struct mb_virt_host *h, const struct mb_host *host, bool read_only,
			 char *err, size_t errlen)
{
	char *name;
	const char *type;

	memset(h, 0, sizeof(*h));
	h->host = *host;
	h->read_only = read_only;
	h->conn = virConnectOpenAuth(host->uri, virConnectAuthPtrDefault, read_only ? VIR_CONNECT_RO : 0);
	if (!h->conn) {
		snprintf(err, errlen, "cannot connect %sto %s (%s): %s", read_only ? "read-only " : "",
			 host->name, host->uri, mb_virt_last_error());
		return -1;
	}
	/* Notice a dead peer within seconds rather than hanging on it. */
	virConnectSetKeepAlive(h->conn, 5, 3);
	name = virConnectGetHostname(h->conn);
	snprintf(h->hostname, sizeof(h->hostname), "%s", name ? name : "");
	free(name);
	virConnectGetLibVersion(h->conn, &h->libvirt_version);
	virConnectGetVersion(h->conn, &h->hv_version);
	type = virConnectGetType(h->conn);
	snprintf(h->hv_type, sizeof(h->hv_type), "%s", type ? type : "");
	return 0;
}

void mb_virt_close(struct mb_virt_host *h)
{
	if (h->conn)
		virConnectClose(h->conn);
	h->conn = NULL;
}

const char *mb_virt_state_name(int state)
{
	switch (state) {
	case VIR_DOMAIN_RUNNING: return "running";
	case VIR_DOMAIN_BLOCKED: return "blocked";
	case VIR_DOMAIN_PAUSED: return "paused";
	case VIR_DOMAIN_SHUTDOWN: return "shutting down";
	case VIR_DOMAIN_SHUTOFF: return "shut off";
	case VIR_DOMAIN_CRASHED: return "crashed";
	case VIR_DOMAIN_PMSUSPENDED: return "suspended";
	default: return "unknown";
	}
}

static virDomainPtr named_domain(struct mb_virt_host *h, const char *name, char *err, size_t errlen)
{
	virDomainPtr dom = virDomainLookupByName(h->conn, name);
	int state, reason;

	if (!dom) {
		snprintf(err, errlen, "domain '%s' on %s: %s", name, h->host.name, mb_virt_last_error());
		return NULL;
	}
	if (virDomainGetState(dom, &state, &reason, 0) < 0) {
		snprintf(err, errlen, "domain '%s' on %s: %s", name, h->host.name, mb_virt_last_error());
		virDomainFree(dom);
		return NULL;
	}
	if (state != VIR_DOMAIN_RUNNING) {
		snprintf(err, errlen, "domain '%s' is not running on %s (it is %s)", name,
			 h->host.name, mb_virt_state_name(state));
		virDomainFree(dom);
		return NULL;
	}
	return dom;
}

virDomainPtr mb_virt_pick_domain(struct mb_virt_host *h, const char *name, char *err, size_t errlen)
{
	virDomainPtr *doms = NULL, dom = NULL;
	int n;

	if (name)
		return named_domain(h, name, err, errlen);
	n = virConnectListAllDomains(h->conn, &doms, VIR_CONNECT_LIST_DOMAINS_RUNNING);
	if (n < 0) {
		snprintf(err, errlen, "listing domains on %s: %s", h->host.name, mb_virt_last_error());
		return NULL;
	}
	if (n == 1) {
		dom = doms[0];
		doms[0] = NULL;
	} else if (n == 0) {
		snprintf(err, errlen, "no running domain on %s", h->host.name);
	} else {
		snprintf(err, errlen, "%d running domains on %s (%s, ...): choose one with --domain",
			 n, h->host.name, virDomainGetName(doms[0]));
	}
	for (int i = 0; i < n; i++)
		if (doms[i])
			virDomainFree(doms[i]);
	free(doms);
	return dom;
}

/* An address a prober elsewhere can reach: not loopback, and for IPv6 not
 * link-local (it would need the zone of an interface on this side). */
static bool usable(const virDomainIPAddress *a, int type)
{
	if (a->type != type || !a->addr)
		return false;
	struct in6_addr a6;

	if (type == VIR_IP_ADDR_TYPE_IPV4)
		return strncmp(a->addr, "127.", 4) != 0;
	return inet_pton(AF_INET6, a->addr, &a6) == 1 && !IN6_IS_ADDR_LOOPBACK(&a6) &&
	       !IN6_IS_ADDR_LINKLOCAL(&a6);
}

/* The first usable address of that type, from one libvirt source. */
static int addr_from(virDomainPtr dom, unsigned int source, int type, char *addr, size_t len)
{
	virDomainInterfacePtr *ifaces = NULL;
	int n = virDomainInterfaceAddresses(dom, &ifaces, source, 0);
	int found = -1;

	for (int i = 0; i < n; i++) {
		for (unsigned int j = 0; found < 0 && j < ifaces[i]->naddrs; j++) {
			virDomainIPAddressPtr a = &ifaces[i]->addrs[j];

			if (usable(a, type)) {
				snprintf(addr, len, "%s", a->addr);
				found = 0;
			}
		}
		virDomainInterfaceFree(ifaces[i]);
	}
	free(ifaces);
	return n < 0 ? -2 : found;
}

int mb_virt_guest_addr(virDomainPtr dom, int family, char *addr, size_t len, const char **source,
		       char *err, size_t errlen)
{
	int type = family == AF_INET6 ? VIR_IP_ADDR_TYPE_IPV6 : VIR_IP_ADDR_TYPE_IPV4;
	const char *none = family == AF_INET6 ? "no global IPv6 address" : "no IPv4 address";
	char agent_why[256];
	int r;

	r = addr_from(dom, VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT, type, addr, len);
	*source = "agent";
	if (r == 0)
		return 0;
	snprintf(agent_why, sizeof(agent_why), "%s", r == -2 ? mb_virt_last_error() : none);
	r = addr_from(dom, VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_ARP, type, addr, len);
	*source = "arp";
	if (r == 0)
		return 0;
	snprintf(err, errlen, "guest agent: %s; ARP table: %s", agent_why,
		 r == -2 ? mb_virt_last_error() : none);
	return -1;
}

/* "xx:xx:xx:xx:xx:xx" in hex: it goes into a capture filter. */
static bool is_mac(const char *s)
{
	for (int i = 0; i < 17; i++) {
		bool colon = i % 3 == 2;
		char c = s[i];

		if (colon ? c != ':' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
					 (c >= 'A' && c <= 'F')))
			return false;
	}
	return s[17] == '\0';
}

int mb_virt_guest_mac(virDomainPtr dom, char *mac, size_t len)
{
	char *xml = virDomainGetXMLDesc(dom, 0);
	xmlDocPtr doc = xml ? xmlReadMemory(xml, (int)strlen(xml), "domain.xml", NULL, XML_PARSE_NONET) : NULL;
	xmlXPathContextPtr ctx = doc ? xmlXPathNewContext(doc) : NULL;
	xmlXPathObjectPtr v = ctx ? xmlXPathEvalExpression(
		(const xmlChar *)"string(/domain/devices/interface[1]/mac/@address)", ctx) : NULL;
	int rc = -1;

	if (v && v->type == XPATH_STRING && v->stringval && is_mac((const char *)v->stringval) &&
	    len > 17) {
		snprintf(mac, len, "%s", (const char *)v->stringval);
		rc = 0;
	}
	xmlXPathFreeObject(v);
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
	free(xml);
	return rc;
}
