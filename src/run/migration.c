#include "config.h"

#include "src/run/migration.h"

#include <stdio.h>
#include <string.h>

#include "probes/clock.h"
#include "src/common/virt.h"

static int add_param_failed(char *err, size_t errlen, const char *name)
{
	snprintf(err, errlen, "migration parameter %s: %s", name, mb_virt_last_error());
	return -1;
}

static unsigned long option_flags(const struct mb_run_options *o)
{
	unsigned long f = VIR_MIGRATE_LIVE | VIR_MIGRATE_PEER2PEER;

	if (o->postcopy)
		f |= VIR_MIGRATE_POSTCOPY;
	if (o->compressed)
		f |= VIR_MIGRATE_COMPRESSED;
	if (o->auto_converge)
		f |= VIR_MIGRATE_AUTO_CONVERGE;
	if (o->parallel > 0)
		f |= VIR_MIGRATE_PARALLEL;
	if (o->copy_storage == MB_COPY_ALL)
		f |= VIR_MIGRATE_NON_SHARED_DISK;
	if (o->copy_storage == MB_COPY_INC)
		f |= VIR_MIGRATE_NON_SHARED_INC;
	if (o->persist)
		f |= VIR_MIGRATE_PERSIST_DEST;
	if (o->undefine_source)
		f |= VIR_MIGRATE_UNDEFINE_SOURCE;
	return f;
}

int mb_migration_prepare(struct mb_migration *m, virDomainPtr dom, const char *dst_uri,
			 const char *migration_address, const char *dst_xml,
			 const struct mb_run_options *o, char *err, size_t errlen)
{
	memset(m, 0, sizeof(*m));
	m->dom = dom;
	m->flags = option_flags(o);
	snprintf(m->dconnuri, sizeof(m->dconnuri), "%s", dst_uri);
	if (o->migrate_uri)
		snprintf(m->uri, sizeof(m->uri), "%s", o->migrate_uri);
	else if (migration_address && *migration_address)
		snprintf(m->uri, sizeof(m->uri), strchr(migration_address, ':') ? "tcp://[%s]" : "tcp://%s",
			 migration_address);
	if (*m->uri && virTypedParamsAddString(&m->params, &m->nparams, &m->maxparams,
					       VIR_MIGRATE_PARAM_URI, m->uri) < 0)
		return add_param_failed(err, errlen, VIR_MIGRATE_PARAM_URI);
	if (o->bandwidth_mib && virTypedParamsAddULLong(&m->params, &m->nparams, &m->maxparams,
							VIR_MIGRATE_PARAM_BANDWIDTH, o->bandwidth_mib) < 0)
		return add_param_failed(err, errlen, VIR_MIGRATE_PARAM_BANDWIDTH);
	if (o->parallel > 0 && virTypedParamsAddInt(&m->params, &m->nparams, &m->maxparams,
						    VIR_MIGRATE_PARAM_PARALLEL_CONNECTIONS, o->parallel) < 0)
		return add_param_failed(err, errlen, VIR_MIGRATE_PARAM_PARALLEL_CONNECTIONS);
	if (dst_xml && virTypedParamsAddString(&m->params, &m->nparams, &m->maxparams,
					       VIR_MIGRATE_PARAM_DEST_XML, dst_xml) < 0)
		return add_param_failed(err, errlen, VIR_MIGRATE_PARAM_DEST_XML);
	return 0;
}

static void *migrate_main(void *arg)
{
	struct mb_migration *m = arg;
	int r;

	r = virDomainMigrateToURI3(m->dom, m->dconnuri, m->params, (unsigned int)m->nparams,
				   (unsigned int)m->flags);
	m->end_ns = mb_now_ns();
	m->result = r < 0 ? -1 : 0;
	if (r < 0)
		snprintf(m->error, sizeof(m->error), "%s", mb_virt_last_error());
	atomic_store(&m->done, true);
	return NULL;
}

int mb_migration_start(struct mb_migration *m, char *err, size_t errlen)
{
	int rc;

	/* Set here, before the thread exists, so the caller's --timeout and
	 * progress read a start that is already written (pthread_create
	 * orders it before the thread); the API call follows at once. */
	m->start_ns = mb_now_ns();
	atomic_store(&m->done, false);
	rc = mb_thread_start(&m->thread, migrate_main, m);
	if (rc) {
		snprintf(err, errlen, "migration thread: %s", strerror(rc));
		return -1;
	}
	return 0;
}

void mb_migration_join(struct mb_migration *m)
{
	pthread_join(m->thread, NULL);
}

void mb_migration_free(struct mb_migration *m)
{
	virTypedParamsFree(m->params, m->nparams);
	m->params = NULL;
}
