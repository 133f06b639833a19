#include "config.h"

#include "src/report/report_run_json.h"

#include <string.h>

#include <json-c/json.h>

#include "analysis/units.h"
#include "src/common/exitcode.h"

/* The value at a path of object keys, of the given type; NULL otherwise. */
static json_object *at(json_object *o, json_type type, const char *k1, const char *k2)
{
	json_object *v = o;

	if (!json_object_is_type(v, json_type_object) || !json_object_object_get_ex(v, k1, &v))
		return NULL;
	if (k2 && (!json_object_is_type(v, json_type_object) || !json_object_object_get_ex(v, k2, &v)))
		return NULL;
	return json_object_is_type(v, type) ? v : NULL;
}

static const char *str(json_object *doc, const char *k1, const char *k2, const char *none)
{
	json_object *v = at(doc, json_type_string, k1, k2);

	return v ? json_object_get_string(v) : none;
}

static int64_t num(json_object *doc, const char *k1, const char *k2)
{
	json_object *v = at(doc, json_type_int, k1, k2);

	return v ? json_object_get_int64(v) : -1;
}

static const char *dur(int64_t ns, char *buf, size_t len)
{
	if (ns < 0)
		snprintf(buf, len, "not measured");
	else
		mb_format_duration(ns, buf, len);
	return buf;
}

static const char *size(int64_t b, char *buf, size_t len)
{
	if (b < 0)
		snprintf(buf, len, "not measured");
	else
		mb_format_size((uint64_t)b, buf, len);
	return buf;
}

static void table(FILE *out, json_object *f)
{
	char a[48], b[48], c[48];

	fprintf(out, "%-20s %-32s %s\n", "", "wire (migbench)", "hypervisor");
	fprintf(out, "%-20s %-32s %s (API call returned after %s)\n", "total time",
		dur(num(f, "total_time", "wire_ns"), a, sizeof(a)),
		dur(num(f, "total_time", "hypervisor_ns"), b, sizeof(b)),
		dur(num(f, "total_time", "api_ns"), c, sizeof(c)));
	fprintf(out, "%-20s %-32s %s (without network %s)\n", "downtime",
		dur(num(f, "downtime", "probe_ns"), a, sizeof(a)),
		dur(num(f, "downtime", "hypervisor_ns"), b, sizeof(b)),
		dur(num(f, "downtime", "hypervisor_net_ns"), c, sizeof(c)));
	fprintf(out, "%-20s %-32s %s\n", "data volume", size(num(f, "data_volume", "wire_bytes"), a, sizeof(a)),
		size(num(f, "data_volume", "hypervisor_data_processed"), b, sizeof(b)));
	fprintf(out, "%-20s largest response gap %s\n", "application impact",
		dur(num(f, "application_impact", "max_response_gap_ns"), a, sizeof(a)));
}

int mb_report_run_json_text(const char *path, FILE *out)
{
	json_object *doc = json_object_from_file(path), *figs;
	const char *reason;

	if (!doc) {
		fprintf(stderr, "migbench: report: %s: %s\n", path, json_util_get_last_err());
		return MB_EXIT_ENV;
	}
	if (!at(doc, json_type_string, "migbench", "status") || !(figs = at(doc, json_type_object, "figures", NULL))) {
		fprintf(stderr, "migbench: report: %s: not a migbench run's JSON (no migbench.status, figures)\n", path);
		json_object_put(doc);
		return MB_EXIT_USAGE;
	}
	reason = str(doc, "migbench", "abort_reason", "");
	fprintf(out, "migbench: %s %s -> %s: %s%s%s\n", str(doc, "config", "domain", "?"),
		str(doc, "config", "src", "?"), str(doc, "config", "dst", "?"),
		str(doc, "migbench", "status", "?"), reason[0] ? " - " : "", reason);
	table(out, figs);
	fprintf(out, "after the run: %s on the source, %s on the destination\n",
		str(doc, "migbench", "src_state", "unknown"), str(doc, "migbench", "dst_state", "unknown"));
	fprintf(out, "exit status %lld\n", (long long)num(doc, "migbench", "exit_status"));
	json_object_put(doc);
	return 0;
}
