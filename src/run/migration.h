/* One live migration through virDomainMigrateToURI3, run in its own thread
 * so the caller can sample, display and abort while it runs. */
#ifndef MB_MIGRATION_H
#define MB_MIGRATION_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include <libvirt/libvirt.h>

#include "src/run/run_options.h"

struct mb_migration {
	virDomainPtr dom;
	char dconnuri[512];
	char uri[512];              /* VIR_MIGRATE_PARAM_URI; empty: libvirt's choice */
	virTypedParameterPtr params;
	int nparams, maxparams;
	unsigned long flags;
	pthread_t thread;
	atomic_bool done;
	int64_t start_ns;           /* just before the API call, CLOCK_MONOTONIC; set by
				     * mb_migration_start before the thread starts */
	int64_t end_ns;             /* the API's return; read after done or join */
	int result;                 /* 0, or -1 */
	char error[1024];           /* libvirt's reason when result is -1 */
};

/* Builds flags and typed parameters from the options.  dst_uri is the
 * destination libvirt URI; migration_address the destination's address
 * for the data stream (may be empty); dst_xml the domain XML the
 * destination defines it with (--dst-xml's text, copied), or NULL.  0, or
 * -1 with the reason. */
int mb_migration_prepare(struct mb_migration *m, virDomainPtr dom, const char *dst_uri,
			 const char *migration_address, const char *dst_xml,
			 const struct mb_run_options *o, char *err, size_t errlen);
int mb_migration_start(struct mb_migration *m, char *err, size_t errlen);
/* Waits for the migration thread. */
void mb_migration_join(struct mb_migration *m);
void mb_migration_free(struct mb_migration *m);

#endif
