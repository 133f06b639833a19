/* Resolving a HOST argument to a libvirt URI and a migration address.
 *
 * A HOST is a libvirt URI ("qemu+tcp://10.0.0.2/system"), or a name looked
 * up in a hosts file (lines "NAME URI MIGRATION-ADDRESS", '#' comments),
 * or else a name put into the connect template (nova's live_migration_uri
 * style, default "qemu+ssh://%s/system"). */
#ifndef MB_HOSTS_H
#define MB_HOSTS_H

#include <stddef.h>

#define MB_DEFAULT_CONNECT_TEMPLATE "qemu+ssh://%s/system"
#define MB_SYSTEM_HOSTS_FILE "/etc/migbench/hosts"
#define MB_LAB_HOSTS_FILE "/run/migbench/lab/default/hosts"

struct mb_host {
	char name[128];
	char uri[512];
	char migration_address[256]; /* empty: let libvirt choose */
	char source[600];            /* where the answer came from, for reports */
};

struct mb_host_lookup {
	const char *hosts_file;       /* NULL: $MIGBENCH_HOSTS, then the defaults */
	const char *connect_template; /* NULL: MB_DEFAULT_CONNECT_TEMPLATE */
};

/* The host part of a libvirt URI into buf, by libxml2's RFC 3986 parser
 * (libvirt's own virURIParse is not public API), as libvirt reads it:
 * "qemu+ssh://user@h:2222/system" -> "h", "qemu+tcp://[::1]/system" ->
 * "::1" (brackets off).  0, or -1 ("" in buf) when there is none
 * ("qemu:///system"), the URI does not parse, or the host does not fit. */
int mb_uri_host(const char *uri, char *buf, size_t len);

/* Returns 0, or -1 with a one-line reason in err (bad hosts file line,
 * an explicit hosts file that cannot be read, a template without %s). */
int mb_host_resolve(const char *arg, const struct mb_host_lookup *lk,
		    struct mb_host *out, char *err, size_t errlen);

#endif
