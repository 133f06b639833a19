#include "config.h"

#include "src/common/hosts.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/uri.h>

int mb_uri_host(const char *uri, char *buf, size_t len)
{
	xmlURIPtr u = uri ? xmlParseURI(uri) : NULL;
	const char *host = u && u->server ? u->server : "";
	size_t n = strlen(host);
	int rc = -1;

	if (len)
		buf[0] = '\0';
	/* libxml2 keeps an IPv6 literal's brackets; libvirt takes them off. */
	if (n >= 2 && host[0] == '[' && host[n - 1] == ']') {
		host++;
		n -= 2;
	}
	if (n > 0 && n < len) {
		memcpy(buf, host, n);
		buf[n] = '\0';
		rc = 0;
	}
	xmlFreeURI(u);
	return rc;
}

static int set_field(char *dst, size_t len, const char *src)
{
	return snprintf(dst, len, "%s", src) >= (int)len ? -1 : 0;
}

/* Looks NAME up in PATH.  1 found, 0 not found, -1 error (in err).  A
 * file that cannot be opened is an error only if it must exist. */
static int lookup_file(const char *path, bool must_exist, const char *name,
		       struct mb_host *out, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	int lineno = 0, found = 0;

	if (!f) {
		if (!must_exist)
			return 0;
		snprintf(err, errlen, "hosts file %s: %s", path, strerror(errno));
		return -1;
	}
	while (!found && fgets(line, sizeof(line), f)) {
		char n[128], uri[512], addr[256];
		int fields;

		lineno++;
		line[strcspn(line, "#\n")] = '\0';
		fields = sscanf(line, "%127s %511s %255s", n, uri, addr);
		if (fields <= 0)
			continue;
		if (fields < 2 || !strstr(uri, "://")) {
			snprintf(err, errlen, "hosts file %s line %d: expected NAME URI [MIGRATION-ADDRESS]",
				 path, lineno);
			fclose(f);
			return -1;
		}
		if (strcmp(n, name))
			continue;
		found = 1;
		if (fields < 3) /* the URI's host, or none: libvirt chooses */
			mb_uri_host(uri, addr, sizeof(addr));
		if (set_field(out->uri, sizeof(out->uri), uri) ||
		    set_field(out->migration_address, sizeof(out->migration_address), addr))
			found = 0;
		snprintf(out->source, sizeof(out->source), "hosts file %s line %d", path, lineno);
	}
	/* fopen() takes a directory; reading it fails (EISDIR). */
	if (!found && ferror(f)) {
		snprintf(err, errlen, "hosts file %s: %s", path, strerror(errno));
		found = -1;
	}
	fclose(f);
	return found;
}

/* An explicit file must exist; the default files are consulted if present. */
static int lookup_hosts_files(const char *name, const struct mb_host_lookup *lk,
			      struct mb_host *out, char *err, size_t errlen)
{
	const char *explicit_file = lk && lk->hosts_file ? lk->hosts_file : getenv("MIGBENCH_HOSTS");
	const char *defaults[] = { MB_SYSTEM_HOSTS_FILE, MB_LAB_HOSTS_FILE };

	if (explicit_file && *explicit_file)
		return lookup_file(explicit_file, true, name, out, err, errlen);
	for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++) {
		int r = lookup_file(defaults[i], false, name, out, err, errlen);

		if (r)
			return r;
	}
	return 0;
}

static int from_template(const char *name, const char *tmpl, struct mb_host *out,
			 char *err, size_t errlen)
{
	const char *pct = strstr(tmpl, "%s");

	if (!pct || strchr(pct + 2, '%') || strchr(tmpl, '%') != pct) {
		snprintf(err, errlen, "connect template '%s' must contain exactly one %%s", tmpl);
		return -1;
	}
	if (snprintf(out->uri, sizeof(out->uri), "%.*s%s%s", (int)(pct - tmpl), tmpl,
		     name, pct + 2) >= (int)sizeof(out->uri)) {
		snprintf(err, errlen, "host '%s': URI too long", name);
		return -1;
	}
	mb_uri_host(out->uri, out->migration_address, sizeof(out->migration_address));
	snprintf(out->source, sizeof(out->source), "connect template %s", tmpl);
	return 0;
}

int mb_host_resolve(const char *arg, const struct mb_host_lookup *lk,
		    struct mb_host *out, char *err, size_t errlen)
{
	int r;

	memset(out, 0, sizeof(*out));
	if (!arg || !*arg || set_field(out->name, sizeof(out->name), arg)) {
		snprintf(err, errlen, "host '%s': empty or too long", arg ? arg : "");
		return -1;
	}
	if (strstr(arg, "://")) {
		if (set_field(out->uri, sizeof(out->uri), arg)) {
			snprintf(err, errlen, "host URI too long");
			return -1;
		}
		mb_uri_host(arg, out->migration_address, sizeof(out->migration_address));
		snprintf(out->source, sizeof(out->source), "libvirt URI");
		return 0;
	}
	r = lookup_hosts_files(arg, lk, out, err, errlen);
	if (r)
		return r > 0 ? 0 : -1;
	return from_template(arg, lk && lk->connect_template ? lk->connect_template
							     : MB_DEFAULT_CONNECT_TEMPLATE,
			     out, err, errlen);
}
