/* migbench analyze --nova-log / --nova-migrations: OpenStack's own records
 * of its live migrations - nova-compute's log and the table of `nova
 * migration-list` / `openstack server migration list` - read back into
 * the times the seed write-up took by hand (src/analyze/cmd_analyze_nova.c),
 * as text and as a "nova" JSON block a report of migbench's own
 * measurement can set beside its figures.  cmd_analyze.c parses the
 * command line and hands over. */
#ifndef MB_ANALYZE_NOVA_H
#define MB_ANALYZE_NOVA_H

#include <stdbool.h>

struct mb_analyze_nova_opts {
	const char *log_path;        /* --nova-log; NULL: none; "-": standard input */
	const char *migrations_path; /* --nova-migrations; NULL: none */
	const char *json_path;       /* NULL: no JSON */
	bool quiet;
};

/* Reads, reports.  Returns the exit status. */
int mb_analyze_nova(const struct mb_analyze_nova_opts *o);

#endif
