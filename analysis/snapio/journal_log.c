/* The snapio journal's log: changes applied and replayed, every member
 * checked (journal_log.h). */
#include "analysis/snapio/journal_log.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/snapio/snapio_stats.h"

/* fio's figures as analysis/snapio/fio.c admits them. */
#define FIGURE_MAX 4.6e18

static int bad(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int bad(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* The member's value (NULL for JSON null); *present says if it is there. */
static json_object *get(json_object *o, const char *key, bool *present)
{
	json_object *v = NULL;

	*present = json_object_is_type(o, json_type_object) && json_object_object_get_ex(o, key, &v);
	return v;
}

static bool is_count(json_object *v, int64_t lo, int64_t hi)
{
	int64_t n = json_object_get_int64(v);

	return json_object_is_type(v, json_type_int) && n >= lo && n <= hi &&
	       !(n == INT64_MAX && json_object_get_uint64(v) > INT64_MAX);
}

static bool is_str(json_object *v)
{
	return json_object_is_type(v, json_type_string);
}

static bool is_text(json_object *v) /* a string, or null for none */
{
	return !v || is_str(v);
}

static bool is_figure(json_object *v) /* null: not reported */
{
	double d = json_object_get_double(v);

	return !v || ((json_object_is_type(v, json_type_double) || is_count(v, 0, INT64_MAX)) &&
		      isfinite(d) && d >= 0 && d <= FIGURE_MAX);
}

static bool all_of(json_object *arr, bool (*ok)(json_object *))
{
	size_t n;

	if (!json_object_is_type(arr, json_type_array))
		return false;
	n = json_object_array_length(arr);
	for (size_t i = 0; i < n; i++)
		if (!ok(json_object_array_get_idx(arr, i)))
			return false;
	return true;
}

static bool is_object(json_object *v)
{
	return json_object_is_type(v, json_type_object);
}

static bool has(json_object *o, const char *key)
{
	bool present;

	get(o, key, &present);
	return present;
}

/* A member of o that must be there and pass ok, if given (null passes if
 * ok lets it). */
static bool needs(json_object *o, const char *key, bool (*ok)(json_object *))
{
	bool present;
	json_object *v = get(o, key, &present);

	return present && (!ok || ok(v));
}

static unsigned snapshots(json_object *state)
{
	bool present;
	json_object *cfg = get(state, "config", &present);

	return (unsigned)json_object_get_int64(get(cfg, "snapshots", &present));
}

/* fio runs at each depth: config.repeat, 1 in journals from before it. */
static unsigned repeats(json_object *state)
{
	bool present;
	json_object *cfg = get(state, "config", &present), *v = get(cfg, "repeat", &present);

	return present ? (unsigned)json_object_get_int64(v) : 1;
}

/* ---------------------------------------------------------- layers */

static bool is_manifest(json_object *v)
{
	if (!v)
		return true; /* not made yet */
	if (!is_object(v))
		return false;
	json_object_object_foreach(v, name, hash) {
		(void)name;
		if (!is_str(hash))
			return false;
	}
	return true;
}

static bool is_bool(json_object *v)
{
	return json_object_is_type(v, json_type_boolean);
}

static int check_layer_member(unsigned i, const char *key, json_object *v, char *err, size_t errlen)
{
	bool ok;

	if (!strcmp(key, "layer"))
		ok = is_count(v, i, i);
	else if (!strcmp(key, "snapshot"))
		ok = is_text(v);
	else if (!strcmp(key, "overlay"))
		ok = is_str(v) && json_object_get_string_len(v) > 0;
	else if (!strcmp(key, "created") || !strcmp(key, "removed"))
		ok = is_bool(v);
	else if (!strcmp(key, "manifest"))
		ok = is_manifest(v);
	else if (!strcmp(key, "deleted"))
		ok = all_of(v, is_str);
	else
		return bad(err, errlen, "layer %u: unknown member \"%s\"", i, key);
	return ok ? 0 : bad(err, errlen, "layer %u: \"%s\" is %s", i, key,
			    v ? json_object_to_json_string(v) : "null");
}

static int check_layer(json_object *layer, unsigned i, char *err, size_t errlen)
{
	/* The first three every layer has; the others those above the disk. */
	static const char *const needed[] = {
		"layer", "overlay", "manifest", "snapshot", "created", "removed", "deleted",
	};

	if (!is_object(layer))
		return bad(err, errlen, "layer %u is not an object", i);
	for (size_t k = 0; k < (i ? sizeof(needed) / sizeof(needed[0]) : 3); k++)
		if (!has(layer, needed[k]))
			return bad(err, errlen, "layer %u without \"%s\"", i, needed[k]);
	json_object_object_foreach(layer, key, v)
		if (check_layer_member(i, key, v, err, errlen))
			return -1;
	return 0;
}

/* ---------------------------------------------------------- depths */

static bool is_job(json_object *j)
{
	static const char *const figures[] = {
		"iops", "bw_bytes", "lat_p50_ns", "lat_p99_ns", "lat_mean_ns",
	};
	bool present;
	json_object *v;

	if (!is_object(j) || !needs(j, "name", is_str) || !needs(j, "rw", is_str))
		return false;
	for (size_t k = 0; k < sizeof(figures) / sizeof(figures[0]); k++)
		if (!is_figure(get(j, figures[k], &present)))
			return false;
	v = get(j, "io_bytes", &present);
	if (present && !is_count(v, 0, INT64_MAX))
		return false;
	v = get(j, "error", &present);
	return !present || is_count(v, 0, INT32_MAX);
}

static bool is_fio(json_object *v)
{
	bool present;

	return is_object(v) && is_text(get(v, "version", &present)) && needs(v, "jobs", NULL) &&
	       all_of(get(v, "jobs", &present), is_job);
}

static bool is_any_count(json_object *v)
{
	return is_count(v, 0, INT64_MAX);
}

static bool is_integrity(json_object *v)
{
	static const char *const counts[] = {
		"files_expected", "files_found", "missing", "unexpected", "changed",
	};
	bool present;

	if (!is_object(v) || !needs(v, "ok", is_bool) || !is_text(get(v, "detail", &present)))
		return false;
	for (size_t k = 0; k < sizeof(counts) / sizeof(counts[0]); k++)
		if (!needs(v, counts[k], is_any_count))
			return false;
	return true;
}

/* Run k (2, 3, ...) of --repeat: a fio record that says which it is. */
static bool is_repeat(json_object *v, size_t k)
{
	bool present;

	return is_fio(v) && is_count(get(v, "repeat", &present), (int64_t)k, (int64_t)k);
}

/* Runs 2..R in order, each once; run 1 is "fio". */
static bool is_repeats(json_object *v, unsigned max)
{
	size_t n = json_object_is_type(v, json_type_array) ? json_object_array_length(v) : 0;

	if (!json_object_is_type(v, json_type_array) || n + 1 > max)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!is_repeat(json_object_array_get_idx(v, i), i + 2))
			return false;
	return true;
}

static int check_depth_member(unsigned d, const char *key, json_object *v, unsigned max_repeat,
			      char *err, size_t errlen)
{
	bool ok;

	if (!strcmp(key, "integrity"))
		ok = is_integrity(v);
	else if (!strcmp(key, "fio"))
		ok = is_fio(v);
	else if (!strcmp(key, "fio_repeats"))
		ok = is_repeats(v, max_repeat);
	else
		return bad(err, errlen, "depth %u: unknown member \"%s\"", d, key);
	return ok ? 0 : bad(err, errlen, "depth %u: damaged \"%s\" (a member missing or of the wrong type)",
			    d, key);
}

/* One measured depth: its number within the plan, once; repeated runs
 * only after the first. */
static int check_depth(json_object *o, unsigned n, unsigned max_repeat, bool *seen, char *err,
		       size_t errlen)
{
	bool present;
	json_object *dv = get(o, "depth", &present);
	unsigned d;

	if (!present || !is_count(dv, 0, n))
		return bad(err, errlen, "a measured depth %s, not one of 0..%u",
			   present && dv ? json_object_to_json_string(dv) : "without a number", n);
	d = (unsigned)json_object_get_int64(dv);
	if (seen[d])
		return bad(err, errlen, "depth %u measured twice", d);
	seen[d] = true;
	json_object_object_foreach(o, key, v)
		if (strcmp(key, "depth") && check_depth_member(d, key, v, max_repeat, err, errlen))
			return -1;
	if (has(o, "fio_repeats") && !has(o, "fio"))
		return bad(err, errlen, "depth %u: repeated fio runs without the first", d);
	return 0;
}

static int check_depths(json_object *arr, unsigned n, unsigned max_repeat, char *err,
			size_t errlen)
{
	size_t len;
	bool *seen;
	int rc = 0;

	if (!json_object_is_type(arr, json_type_array))
		return bad(err, errlen, "\"depths\" is not an array");
	len = json_object_array_length(arr);
	seen = calloc(n + 1, sizeof(*seen));
	if (!seen)
		return bad(err, errlen, "out of memory");
	for (size_t i = 0; !rc && i < len; i++)
		rc = check_depth(json_object_array_get_idx(arr, i), n, max_repeat, seen, err, errlen);
	free(seen);
	return rc;
}

/* ---------------------------------------------------------- the rest */

static bool is_inflight(json_object *v)
{
	bool present;

	return !v || (is_object(v) && is_count(get(v, "pid", &present), 1, INT32_MAX) &&
		      needs(v, "step", is_text));
}

static bool is_status(json_object *v)
{
	static const char *const known[] = { "running", "failed", "interrupted", "done", "unwound" };

	for (size_t k = 0; is_str(v) && k < sizeof(known) / sizeof(known[0]); k++)
		if (!strcmp(json_object_get_string(v), known[k]))
			return true;
	return false;
}

static bool is_failure(json_object *v)
{
	bool present;

	return !v || (is_object(v) && is_text(get(v, "step", &present)) &&
		      is_text(get(v, "reason", &present)));
}

static int check_head(json_object *state, char *err, size_t errlen)
{
	bool present;
	json_object *mb = get(state, "migbench", &present), *cfg = get(state, "config", &present);
	json_object *doc = get(mb, "document", &present), *fmt = get(mb, "format", &present);

	if (!is_str(doc) || strcmp(json_object_get_string(doc), MB_JLOG_DOCUMENT) ||
	    !is_count(fmt, MB_JLOG_FORMAT, MB_JLOG_FORMAT))
		return bad(err, errlen, "not a migbench snapio journal of format %d", MB_JLOG_FORMAT);
	if (!is_object(cfg) || !needs(cfg, "snapshots", NULL) ||
	    !is_count(get(cfg, "snapshots", &present), 1, MB_JLOG_MAX_LAYERS))
		return bad(err, errlen, "damaged journal: config.snapshots is not 1..%d", MB_JLOG_MAX_LAYERS);
	if (has(cfg, "repeat") && !is_count(get(cfg, "repeat", &present), 1, MB_SNAPIO_MAX_REPEAT))
		return bad(err, errlen, "damaged journal: config.repeat is not 1..%d", MB_SNAPIO_MAX_REPEAT);
	return 0;
}

static bool is_objects(json_object *v)
{
	return all_of(v, is_object);
}

int mb_jlog_validate(json_object *state, char *err, size_t errlen)
{
	bool present;
	json_object *layers;
	unsigned n;

	if (check_head(state, err, errlen))
		return -1;
	n = snapshots(state);
	layers = get(state, "layers", &present);
	if (!needs(state, "status", is_status) || !needs(state, "failure", is_failure) ||
	    !needs(state, "inflight", is_inflight) || !needs(state, "cursor", is_object) ||
	    !needs(state, "steps", is_objects) || !needs(state, "commands", is_objects) ||
	    !needs(state, "notes", is_objects))
		return bad(err, errlen, "damaged journal: status, failure, inflight, cursor, steps, commands or notes");
	if (!json_object_is_type(layers, json_type_array) || json_object_array_length(layers) != n + 1)
		return bad(err, errlen, "damaged journal: not the %u layers of its config", n + 1);
	for (unsigned i = 0; i <= n; i++)
		if (check_layer(json_object_array_get_idx(layers, i), i, err, errlen))
			return -1;
	return check_depths(get(state, "depths", &present), n, repeats(state), err, errlen);
}

/* ---------------------------------------------------------- changes */

static int set_members(json_object *state, json_object *change, const char *kind, char *err,
		       size_t errlen);
static int add_repeat(json_object *state, json_object *change, char *err, size_t errlen);

/* Appends the change's object to the state's array. */
static int append(json_object *state, json_object *v, const char *array, char *err, size_t errlen)
{
	bool present;

	if (!is_object(v))
		return bad(err, errlen, "a change to \"%s\" that is not an object", array);
	json_object_array_add(get(state, array, &present), json_object_get(v));
	return 0;
}

static void replace(json_object *o, const char *key, json_object *v)
{
	json_object_object_add(o, key, json_object_get(v));
}

/* Every change names itself by one member, with at most one companion
 * (a depth's: "set", or "fio_repeat" for a repeated run). */
static int change_kind(json_object *change, const char **kind, char *err, size_t errlen)
{
	static const char *const kinds[][3] = {
		{ "cursor", NULL, NULL }, { "inflight", NULL, NULL }, { "status", "failure", NULL },
		{ "command", NULL, NULL }, { "step", NULL, NULL }, { "note", NULL, NULL },
		{ "layer", "set", NULL }, { "depth", "set", "fio_repeat" }, { "saved", NULL, NULL },
	};

	if (!is_object(change))
		return bad(err, errlen, "a change that is not an object");
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		const char *const *kd = kinds[k];

		if (!has(change, kd[0]))
			continue;
		*kind = kd[0];
		if (json_object_object_length(change) != (kd[1] ? 2 : 1) ||
		    (kd[1] && !has(change, kd[1]) && !(kd[2] && has(change, kd[2]))))
			return bad(err, errlen, "a \"%s\" change with other members than %s%s%s", kd[0],
				   kd[1] ? kd[1] : "its own", kd[2] ? " or " : "", kd[2] ? kd[2] : "");
		return 0;
	}
	return bad(err, errlen, "an unknown change");
}

int mb_jlog_apply(json_object *state, json_object *change, char *err, size_t errlen)
{
	const char *kind = "";
	bool present;
	json_object *v;

	if (change_kind(change, &kind, err, errlen))
		return -1;
	v = get(change, kind, &present);
	if (!strcmp(kind, "cursor") && is_object(v))
		replace(state, "cursor", v);
	else if (!strcmp(kind, "inflight") && is_inflight(v))
		replace(state, "inflight", v);
	else if (!strcmp(kind, "status") && is_status(v) && is_failure(get(change, "failure", &present))) {
		replace(state, "status", v);
		replace(state, "failure", get(change, "failure", &present));
	} else if (!strcmp(kind, "command") || !strcmp(kind, "step") || !strcmp(kind, "note")) {
		char array[16];

		snprintf(array, sizeof(array), "%ss", kind);
		return append(state, v, array, err, errlen);
	} else if (!strcmp(kind, "saved") && is_count(v, 0, INT64_MAX))
		replace(state, "saved_realtime_ns", v);
	else if (!strcmp(kind, "depth") && has(change, "fio_repeat"))
		return add_repeat(state, change, err, errlen);
	else if (!strcmp(kind, "layer") || !strcmp(kind, "depth"))
		return set_members(state, change, kind, err, errlen);
	else
		return bad(err, errlen, "a \"%s\" change of the wrong type: %s", kind,
			   v ? json_object_to_json_string(v) : "null");
	return 0;
}

/* Depth d's measurements, made if absent. */
static json_object *depth_object(json_object *state, unsigned d)
{
	bool present;
	json_object *arr = get(state, "depths", &present), *o;
	size_t n = json_object_array_length(arr);

	for (size_t i = 0; i < n; i++) {
		o = json_object_array_get_idx(arr, i);
		if ((unsigned)json_object_get_int64(get(o, "depth", &present)) == d)
			return o;
	}
	o = json_object_new_object();
	json_object_object_add(o, "depth", json_object_new_int64(d));
	json_object_array_add(arr, o);
	return o;
}

/* {"layer": I, "set": {...}} or {"depth": D, "set": {...}}: each member
 * checked, then set. */
static int set_members(json_object *state, json_object *change, const char *kind, char *err,
		       size_t errlen)
{
	bool present, layer = !strcmp(kind, "layer");
	json_object *iv = get(change, kind, &present), *set = get(change, "set", &present), *target;
	unsigned n = snapshots(state), i;

	if (!is_count(iv, 0, n) || !is_object(set))
		return bad(err, errlen, "a \"%s\" change of %s, not one of 0..%u with an object to set", kind,
			   iv ? json_object_to_json_string(iv) : "null", n);
	i = (unsigned)json_object_get_int64(iv);
	json_object_object_foreach(set, key, v)
		if (layer ? check_layer_member(i, key, v, err, errlen)
			  : !strcmp(key, "fio_repeats")
			  ? bad(err, errlen, "depth %u: repeated runs are added one by one", i)
			  : check_depth_member(i, key, v, repeats(state), err, errlen))
			return -1;
	target = layer ? json_object_array_get_idx(get(state, "layers", &present), i)
		       : depth_object(state, i);
	json_object_object_foreach(set, k2, v2)
		replace(target, k2, v2);
	return 0;
}

/* {"depth": D, "fio_repeat": {..., "repeat": K}}: run K of depth D after
 * the K - 1 before it, within config.repeat; a run is never replaced. */
static int add_repeat(json_object *state, json_object *change, char *err, size_t errlen)
{
	bool present;
	json_object *iv = get(change, "depth", &present), *v = get(change, "fio_repeat", &present);
	json_object *o, *arr;
	unsigned n = snapshots(state), d;
	size_t k;

	if (!is_count(iv, 0, n))
		return bad(err, errlen, "a \"fio_repeat\" change of depth %s, not one of 0..%u",
			   iv ? json_object_to_json_string(iv) : "null", n);
	d = (unsigned)json_object_get_int64(iv);
	o = depth_object(state, d); /* has "fio" already, or the change is refused */
	arr = get(o, "fio_repeats", &present);
	k = (arr ? json_object_array_length(arr) : 0) + 2;
	if (!has(o, "fio") || k > repeats(state) || !is_repeat(v, k))
		return bad(err, errlen, "depth %u: a repeated fio run that is not run %zu of %u after run 1",
			   d, k, repeats(state));
	if (!arr) {
		arr = json_object_new_array();
		json_object_object_add(o, "fio_repeats", arr);
	}
	json_object_array_add(arr, json_object_get(v));
	return 0;
}

/* ---------------------------------------------------------- replay */

/* One complete line as JSON, or NULL with the reason. */
static json_object *parse_line(json_tokener *tok, const char *line, size_t len, char *err,
			       size_t errlen)
{
	json_object *o;

	if (memchr(line, '\0', len) || len > INT32_MAX) {
		bad(err, errlen, "not JSON text");
		return NULL;
	}
	json_tokener_reset(tok);
	o = json_tokener_parse_ex(tok, line, (int)len);
	if (!o || json_tokener_get_error(tok) != json_tokener_success ||
	    json_tokener_get_parse_end(tok) != len) {
		enum json_tokener_error e = json_tokener_get_error(tok);

		bad(err, errlen, "not one JSON value: %s", !o && e != json_tokener_success
		    ? json_tokener_error_desc(e) : "more after it");
		json_object_put(o);
		return NULL;
	}
	return o;
}

struct replay {
	json_object *state;
	json_object *pending;      /* complete changes since the last commit */
	size_t first;              /* the line of the first of them */
	struct mb_jlog_replay info;
};

/* Line *no: the state (line 1), a change kept until its commit, or a
 * commit that applies them; on failure *no is the line at fault. */
static int replay_line(struct replay *r, json_object *o, size_t *no, char *err, size_t errlen)
{
	size_t n;

	if (*no == 1) {
		r->state = o;
		return mb_jlog_validate(o, err, errlen);
	}
	if (!json_object_array_length(r->pending))
		r->first = *no;
	json_object_array_add(r->pending, o);
	if (!has(o, "saved"))
		return 0;
	n = json_object_array_length(r->pending);
	for (size_t i = 0; i < n; i++)
		if (mb_jlog_apply(r->state, json_object_array_get_idx(r->pending, i), err, errlen)) {
			*no = r->first + i;
			return -1;
		}
	r->info.changes += n - 1;
	r->info.saves++;
	json_object_array_del_idx(r->pending, 0, n);
	return 0;
}

/* A journal of another format written as one pretty-printed document
 * (format 1 was): true, with what it is in err. */
static bool whole_document(json_tokener *tok, const char *text, size_t len, char *err,
			   size_t errlen)
{
	json_object *o = parse_line(tok, text, len, err, errlen);
	bool whole = o != NULL;

	if (whole && !check_head(o, err, errlen))
		snprintf(err, errlen, "a single document, not the log of format %d", MB_JLOG_FORMAT);
	json_object_put(o);
	return whole;
}

static int replay_lines(struct replay *r, json_tokener *tok, const char *text, size_t len,
			char *err, size_t errlen)
{
	char why[512];
	size_t no = 0;

	for (size_t at = 0; at < len;) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t end = nl ? (size_t)(nl - text) : len, line;
		json_object *o;

		line = ++no;
		if (!nl && no > 1) { /* cut short by a crash mid-write */
			r->info.torn = true;
			break;
		}
		o = nl ? parse_line(tok, text + at, end - at, why, sizeof(why)) : NULL;
		if (!o && no == 1 && whole_document(tok, text, len, why, sizeof(why)))
			return bad(err, errlen, "%s", why);
		if (!o)
			return bad(err, errlen, "line %zu: %s", no, nl ? why : "not a whole line");
		if (replay_line(r, o, &line, why, sizeof(why)))
			return bad(err, errlen, "line %zu: %s", line, why);
		at = end + 1;
	}
	return no ? 0 : bad(err, errlen, "empty");
}

json_object *mb_jlog_replay(const char *text, size_t len, struct mb_jlog_replay *info,
			    char *err, size_t errlen)
{
	struct replay r = { NULL, json_object_new_array(), 0, { 0 } };
	json_tokener *tok = json_tokener_new();
	int rc = -1;

	if (tok && r.pending)
		rc = replay_lines(&r, tok, text, len, err, errlen);
	else
		bad(err, errlen, "out of memory");
	r.info.dropped = r.pending ? json_object_array_length(r.pending) : 0;
	json_tokener_free(tok);
	json_object_put(r.pending);
	if (rc) {
		json_object_put(r.state);
		return NULL;
	}
	if (info)
		*info = r.info;
	return r.state;
}
