/* Saved results read back: a run's migbench.json, a campaign's plan. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <json-c/json.h>

#include "src/common/outfile.h"
#include "src/report/summary.h"

/* Where each figure is in a run's JSON, and its unit in the summary. */
static const struct {
	const char *group, *field;
	double per_unit;
} where[MB_NFIGURES] = {
	[MB_FIG_DOWNTIME_PROBE] = { "downtime", "probe_ns", 1e6 },
	[MB_FIG_DOWNTIME_HV] = { "downtime", "hypervisor_ns", 1e6 },
	[MB_FIG_TOTAL_WIRE] = { "total_time", "wire_ns", 1e9 },
	[MB_FIG_TOTAL_HV] = { "total_time", "hypervisor_ns", 1e9 },
	[MB_FIG_VOLUME_WIRE] = { "data_volume", "wire_bytes", 1048576 },
	[MB_FIG_VOLUME_HV] = { "data_volume", "hypervisor_data_processed", 1048576 },
};

static json_object *member(json_object *o, const char *key, json_type type)
{
	json_object *v;

	if (!o || !json_object_is_type(o, json_type_object) || !json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, type))
		return NULL;
	return v;
}

static void copy_string(json_object *o, const char *key, char *buf, size_t len)
{
	json_object *v = member(o, key, json_type_string);

	snprintf(buf, len, "%s", v ? json_object_get_string(v) : "");
}

/* A count or a time: a whole number, not negative. */
static double figure(json_object *figs, int i)
{
	json_object *v = member(member(figs, where[i].group, json_type_object), where[i].field, json_type_int);
	int64_t n = v ? json_object_get_int64(v) : -1;

	return n < 0 ? NAN : (double)n / where[i].per_unit;
}

static void read_doc(json_object *doc, struct mb_saved_run *r)
{
	json_object *meta = member(doc, "migbench", json_type_object), *cfg = member(doc, "config", json_type_object);
	json_object *figs = member(doc, "figures", json_type_object);
	char reason[128], dst_state[64];

	copy_string(meta, "status", r->status, sizeof(r->status));
	copy_string(meta, "abort_reason", reason, sizeof(reason));
	copy_string(meta, "dst_state", dst_state, sizeof(dst_state));
	copy_string(cfg, "src", r->src, sizeof(r->src));
	copy_string(cfg, "dst", r->dst, sizeof(r->dst));
	r->completed = !strcmp(r->status, "completed");
	r->dst_running = !strcmp(dst_state, "running");
	/* A run cut short by Ctrl-C or a kill is not a result: resumed. */
	r->complete = r->status[0] && strncmp(reason, "interrupted by signal", 21);
	for (int i = 0; i < MB_NFIGURES; i++)
		r->fig[i] = r->completed ? figure(figs, i) : NAN;
}

int mb_saved_run_read(const char *dir, struct mb_saved_run *r)
{
	char path[4200];
	json_object *doc;

	memset(r, 0, sizeof(*r));
	for (int i = 0; i < MB_NFIGURES; i++)
		r->fig[i] = NAN;
	if (mb_outfile_join(path, sizeof(path), dir, "migbench.json"))
		return -1;
	doc = json_object_from_file(path);
	if (!doc)
		return -1;
	if (json_object_is_type(doc, json_type_object))
		read_doc(doc, r);
	json_object_put(doc);
	return r->status[0] ? 0 : -1;
}

bool mb_saved_run_complete(const char *dir)
{
	struct mb_saved_run r;

	return mb_saved_run_read(dir, &r) == 0 && r.complete;
}

int mb_plan_read(const char *dir, struct mb_plan *p, char *err, size_t len)
{
	char path[4200];
	json_object *doc;
	int r;

	mb_plan_init(p);
	if (mb_outfile_join(path, sizeof(path), dir, "campaign.json")) {
		snprintf(err, len, "path too long");
		return -1;
	}
	doc = json_object_from_file(path);
	if (!doc) {
		char why[512];

		snprintf(why, sizeof(why), "%s", json_util_get_last_err());
		why[strcspn(why, "\n")] = '\0';
		snprintf(err, len, "not a campaign (%s)", why);
		return -1;
	}
	r = mb_plan_from_json(doc, p, err, len);
	json_object_put(doc);
	return r;
}
