/* libvirt control: connections, the domain, its address.  Every failure
 * comes back as one line with libvirt's own message. */
#ifndef MB_VIRT_H
#define MB_VIRT_H

#include <stdbool.h>
#include <stddef.h>

#include <libvirt/libvirt.h>

#include "src/common/hosts.h"

struct mb_virt_host {
	struct mb_host host;
	virConnectPtr conn;
	char hostname[256];
	unsigned long libvirt_version; /* of the daemon */
	unsigned long hv_version;
	char hv_type[32];
	bool read_only;                /* opened with VIR_CONNECT_RO */
};

/* Once per process, before any connection: libvirt's errors are reported
 * by us, not printed by libvirt, and events need the default loop. */
int mb_virt_init(char *err, size_t errlen);

int mb_virt_connect(struct mb_virt_host *h, const struct mb_host *host, char *err, size_t errlen);
/* The same, read-only if asked (VIR_CONNECT_RO: events, states and job
 * statistics, nothing that changes a domain). */
int mb_virt_connect_mode(struct mb_virt_host *h, const struct mb_host *host, bool read_only,
			 char *err, size_t errlen);
/* Whether libvirt's last failure in this thread was a refusal of a
 * read-only connection. */
bool mb_virt_denied(void);
void mb_virt_close(struct mb_virt_host *h);

/* The named domain, which must be running; or with name NULL, the one
 * running domain of the host.  NULL with the reason in err. */
virDomainPtr mb_virt_pick_domain(struct mb_virt_host *h, const char *name, char *err, size_t errlen);

/* The MAC address of the domain's first interface ("52:54:00:12:34:56",
 * checked to be that form), from its XML.  0, or -1. */
int mb_virt_guest_mac(virDomainPtr dom, char *mac, size_t len);

/* The guest's first address of family (AF_INET, AF_INET6) that is neither
 * loopback nor IPv6 link-local, asked of the guest agent, then of the
 * host's ARP table; *source says which answered ("agent", "arp").  0, or
 * -1 with the reasons in err. */
int mb_virt_guest_addr(virDomainPtr dom, int family, char *addr, size_t len, const char **source,
		       char *err, size_t errlen);

/* "running", "paused", "shut off", ... for a virDomainState. */
const char *mb_virt_state_name(int state);

/* libvirt's message for the last failure in this thread. */
const char *mb_virt_last_error(void);

#endif
