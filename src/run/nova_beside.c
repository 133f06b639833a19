#include "config.h"

#include "src/run/nova_beside.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/novalog.h"
#include "analysis/units.h"
#include "src/analyze/read_lines.h"
#include "src/common/json.h"

struct mb_nova_beside {
	char path[4096];
	char instance[VIR_UUID_STRING_BUFLEN];
	struct mb_novalog *log;
	struct mb_novalog_info info;
	const struct mb_nova_migration *mig; /* the instance's last, or NULL */
};

static int log_line(void *p, const char *line, size_t len)
{
	return mb_novalog_line(p, line, len) < 0; /* out of memory */
}

static int read_log(struct mb_nova_beside *nb, char *err, size_t errlen)
{
	char buf[MB_NOVALOG_LINE_MAX + 2];
	FILE *f = fopen(nb->path, "r");
	int rc;

	if (!f) {
		snprintf(err, errlen, "%s", strerror(errno));
		return -1;
	}
	rc = mb_read_lines(f, buf, sizeof(buf), log_line, nb->log);
	if (rc)
		snprintf(err, errlen, "%s", strerror(rc > 0 ? ENOMEM : errno));
	fclose(f);
	return rc ? -1 : 0;
}

/* The instance's latest migration: the one just measured, if nova logged it. */
static void find_migration(struct mb_nova_beside *nb)
{
	for (size_t i = 0; i < mb_novalog_count(nb->log); i++) {
		const struct mb_nova_migration *m = mb_novalog_migration(nb->log, i);

		if (!strcmp(m->instance, nb->instance))
			nb->mig = m;
	}
}

struct mb_nova_beside *mb_nova_beside_read(struct mb_run *run, const char *path, bool *failed)
{
	struct mb_nova_beside *nb = calloc(1, sizeof(*nb));
	char err[256];

	*failed = false;
	if (!nb || !(nb->log = mb_novalog_new())) {
		free(nb);
		return NULL;
	}
	snprintf(nb->path, sizeof(nb->path), "%s", path);
	if (!run->dom || virDomainGetUUIDString(run->dom, nb->instance) < 0)
		nb->instance[0] = '\0';
	if (read_log(nb, err, sizeof(err))) {
		mb_run_error(run, "--nova-log: %s: %s", path, err);
		*failed = true;
		return nb;
	}
	mb_novalog_info(nb->log, &nb->info);
	find_migration(nb);
	if (!nb->mig)
		mb_run_error(run, "warning: --nova-log: %s: no migration of instance %s (domain '%s') in it",
			     path, nb->instance[0] ? nb->instance : "?", run->domain_name);
	return nb;
}

static void put_time(json_object *o, const char *key, const struct mb_novalog_time *t)
{
	mb_json_put_str(o, key, t->t.set ? t->t.text : NULL);
}

static json_object *migration_json(const struct mb_nova_migration *m)
{
	json_object *o = json_object_new_object();
	struct mb_nova_figures f;

	mb_nova_migration_figures(m, &f);
	mb_json_put_str(o, "request_id", m->request_id[0] ? m->request_id : NULL);
	mb_json_put_str(o, "outcome", mb_nova_outcome_name(m->outcome));
	mb_json_put_str(o, "start_from", mb_nova_start_name(m->start_from));
	put_time(o, "start", &m->start);
	put_time(o, "paused", &m->paused);
	put_time(o, "end", &m->end);
	put_time(o, "stopped", &m->stopped);
	put_time(o, "finished", &m->finished);
	mb_json_put_known(o, "start_to_end_ns", f.start_to_end_ns);
	mb_json_put_known(o, "start_to_stopped_ns", f.start_to_stopped_ns);
	mb_json_put_known(o, "start_to_finished_ns", f.start_to_finished_ns);
	mb_json_put_known(o, "paused_to_end_ns", f.paused_to_end_ns);
	return o;
}

/* A figure of the run's document, -1 if null. */
static int64_t figure(json_object *figures, const char *group, const char *key)
{
	json_object *g, *v;

	if (!json_object_object_get_ex(figures, group, &g) || !json_object_object_get_ex(g, key, &v) ||
	    !json_object_is_type(v, json_type_int))
		return -1;
	return json_object_get_int64(v);
}

json_object *mb_nova_beside_json(const struct mb_nova_beside *nb, json_object *figures)
{
	json_object *o = json_object_new_object(), *t = json_object_new_object();
	struct mb_nova_figures f = { -1, -1, -1, -1 };

	if (nb->mig)
		mb_nova_migration_figures(nb->mig, &f);
	mb_json_put_str(o, "log", nb->path);
	mb_json_put_str(o, "instance", nb->instance[0] ? nb->instance : NULL);
	mb_json_put_uint(o, "lines", nb->info.lines);
	mb_json_put_uint(o, "entries", nb->info.entries);
	mb_json_put_uint(o, "malformed", nb->info.malformed);
	mb_json_put_uint(o, "foreign", nb->info.foreign);
	json_object_object_add(o, "migration", nb->mig ? migration_json(nb->mig) : NULL);
	mb_json_put_known(t, "wire_ns", figure(figures, "total_time", "wire_ns"));
	mb_json_put_known(t, "hypervisor_ns", figure(figures, "total_time", "hypervisor_ns"));
	mb_json_put_known(t, "nova_start_to_end_ns", f.start_to_end_ns);
	mb_json_put_known(t, "nova_start_to_stopped_ns", f.start_to_stopped_ns);
	json_object_object_add(o, "total_time", t);
	return o;
}

static const char *dur(int64_t ns, char *buf, size_t len)
{
	if (ns < 0)
		snprintf(buf, len, "not known");
	else
		mb_format_duration(ns, buf, len);
	return buf;
}

void mb_nova_beside_text(FILE *out, const struct mb_nova_beside *nb, json_object *figures)
{
	struct mb_nova_figures f;
	char a[32], b[32], c[32], d[32];

	if (!nb->mig) {
		fprintf(out, "nova (%s): no migration of instance %s\n", nb->path, nb->instance);
		return;
	}
	mb_nova_migration_figures(nb->mig, &f);
	fprintf(out, "nova (%s): %s, request %s, start %s (%s)\n", nb->path,
		mb_nova_outcome_name(nb->mig->outcome), nb->mig->request_id[0] ? nb->mig->request_id : "-",
		nb->mig->start.t.set ? nb->mig->start.t.text : "not in the log",
		mb_nova_start_name(nb->mig->start_from));
	fprintf(out, "%-20s migbench %s, hypervisor %s, nova %s (to VM Stopped %s)\n", "total time",
		dur(figure(figures, "total_time", "wire_ns"), a, sizeof(a)),
		dur(figure(figures, "total_time", "hypervisor_ns"), b, sizeof(b)),
		dur(f.start_to_end_ns, c, sizeof(c)), dur(f.start_to_stopped_ns, d, sizeof(d)));
}

void mb_nova_beside_free(struct mb_nova_beside *nb)
{
	if (!nb)
		return;
	mb_novalog_free(nb->log);
	free(nb);
}
