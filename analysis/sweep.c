#include "analysis/sweep.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void mb_plan_init(struct mb_plan *p)
{
	memset(p, 0, sizeof(*p));
	p->runs = 1;
}

void mb_plan_free(struct mb_plan *p)
{
	for (size_t i = 0; i < p->nhosts; i++)
		free(p->hosts[i]);
	for (size_t a = 0; a < p->naxes; a++) {
		free(p->axes[a].key);
		for (size_t v = 0; v < p->axes[a].n; v++)
			free(p->axes[a].values[v]);
	}
	for (size_t i = 0; i < p->nargs; i++)
		free(p->args[i]);
	free(p->args);
	mb_plan_init(p);
}

static int fail(char *err, size_t len, const char *what)
{
	snprintf(err, len, "%s", what);
	return -1;
}

static int add_value(struct mb_sweep_axis *ax, const char *v, size_t vlen, char *err, size_t len)
{
	if (!vlen)
		return fail(err, len, "an empty value");
	if (ax->n == MB_SWEEP_MAX_VALUES)
		return fail(err, len, "more than 64 values");
	for (size_t i = 0; i < ax->n; i++)
		if (strlen(ax->values[i]) == vlen && !memcmp(ax->values[i], v, vlen))
			return fail(err, len, "a value given twice");
	ax->values[ax->n] = strndup(v, vlen);
	if (!ax->values[ax->n])
		return fail(err, len, "out of memory");
	ax->n++;
	return 0;
}

static int parse_values(struct mb_sweep_axis *ax, const char *list, char *err, size_t len)
{
	for (const char *v = list;; v += strcspn(v, ",") + 1) {
		if (add_value(ax, v, strcspn(v, ","), err, len))
			return -1;
		if (!v[strcspn(v, ",")])
			return 0;
	}
}

static void free_axis(struct mb_sweep_axis *ax)
{
	free(ax->key);
	for (size_t v = 0; v < ax->n; v++)
		free(ax->values[v]);
	memset(ax, 0, sizeof(*ax));
}

int mb_plan_add_sweep(struct mb_plan *p, const char *arg, char *err, size_t len)
{
	const char *eq = strchr(arg, '=');
	struct mb_sweep_axis ax = { 0 };

	if (!eq || eq == arg)
		return fail(err, len, "not KEY=V1,V2,...");
	if (p->naxes == MB_SWEEP_MAX_AXES)
		return fail(err, len, "more than 8 swept keys");
	for (size_t a = 0; a < p->naxes; a++)
		if (strlen(p->axes[a].key) == (size_t)(eq - arg) && !memcmp(p->axes[a].key, arg, (size_t)(eq - arg)))
			return fail(err, len, "that key is swept already");
	ax.key = strndup(arg, (size_t)(eq - arg));
	if (!ax.key)
		return fail(err, len, "out of memory");
	if (parse_values(&ax, eq + 1, err, len) ||
	    (mb_plan_scenarios(p) * ax.n > MB_PLAN_MAX_SCENARIOS &&
	     fail(err, len, "more than 1024 scenarios"))) {
		free_axis(&ax);
		return -1;
	}
	p->axes[p->naxes++] = ax;
	return 0;
}

int mb_plan_add_host(struct mb_plan *p, const char *name, char *err, size_t len)
{
	if (!*name)
		return fail(err, len, "an empty host name");
	if (p->nhosts == MB_PLAN_MAX_HOSTS)
		return fail(err, len, "more than 64 hosts");
	for (size_t i = 0; i < p->nhosts; i++)
		if (!strcmp(p->hosts[i], name))
			return fail(err, len, "a host named twice");
	p->hosts[p->nhosts] = strdup(name);
	if (!p->hosts[p->nhosts])
		return fail(err, len, "out of memory");
	p->nhosts++;
	return 0;
}

int mb_plan_add_arg(struct mb_plan *p, const char *arg)
{
	char **a = realloc(p->args, (p->nargs + 1) * sizeof(*a));

	if (!a)
		return -1;
	p->args = a;
	a[p->nargs] = strdup(arg);
	if (!a[p->nargs])
		return -1;
	p->nargs++;
	return 0;
}

size_t mb_plan_scenarios(const struct mb_plan *p)
{
	size_t n = 1;

	for (size_t a = 0; a < p->naxes; a++)
		n *= p->axes[a].n;
	return n;
}

size_t mb_plan_slots(const struct mb_plan *p)
{
	return mb_plan_scenarios(p) * p->runs;
}

const char *mb_plan_value(const struct mb_plan *p, size_t s, size_t axis)
{
	for (size_t a = p->naxes; a-- > axis + 1;)
		s /= p->axes[a].n;
	return p->axes[axis].values[s % p->axes[axis].n];
}

void mb_plan_slot(const struct mb_plan *p, size_t g, size_t *scenario, unsigned *run)
{
	size_t n = mb_plan_scenarios(p);

	*scenario = g % n;
	*run = (unsigned)(g / n) + 1;
}

void mb_plan_label(const struct mb_plan *p, size_t s, char *buf, size_t len)
{
	size_t used = 0;

	snprintf(buf, len, "%s", p->naxes ? "" : "default");
	for (size_t a = 0; a < p->naxes && used < len; a++) {
		int w = snprintf(buf + used, len - used, "%s%s=%s", a ? "," : "", p->axes[a].key,
				 mb_plan_value(p, s, a));
		used += w > 0 ? (size_t)w : 0;
	}
}

void mb_plan_dir(const struct mb_plan *p, size_t s, char *buf, size_t len)
{
	char label[512];
	int w;

	mb_plan_label(p, s, label, sizeof(label));
	w = snprintf(buf, len, "s%zu-%s", s + 1, label);
	for (char *c = buf + (w > 0 ? strcspn(buf, "-") : 0); *c; c++)
		if (!strchr("=,.+-", *c) && !(*c >= 'a' && *c <= 'z') && !(*c >= 'A' && *c <= 'Z') &&
		    !(*c >= '0' && *c <= '9'))
			*c = '_';
}

static json_object *strings_json(char *const *v, size_t n)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < n; i++)
		json_object_array_add(a, json_object_new_string(v[i]));
	return a;
}

static json_object *scenarios_json(const struct mb_plan *p)
{
	json_object *a = json_object_new_array();
	char buf[600];

	for (size_t s = 0; s < mb_plan_scenarios(p); s++) {
		json_object *o = json_object_new_object();

		mb_plan_label(p, s, buf, sizeof(buf));
		json_object_object_add(o, "name", json_object_new_string(buf));
		mb_plan_dir(p, s, buf, sizeof(buf));
		json_object_object_add(o, "dir", json_object_new_string(buf));
		json_object_array_add(a, o);
	}
	return a;
}

json_object *mb_plan_to_json(const struct mb_plan *p)
{
	json_object *doc = json_object_new_object(), *sweep = json_object_new_array();

	json_object_object_add(doc, "migbench_campaign", json_object_new_int(1));
	json_object_object_add(doc, "runs", json_object_new_int64(p->runs));
	json_object_object_add(doc, "hosts", strings_json(p->hosts, p->nhosts));
	for (size_t a = 0; a < p->naxes; a++) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "key", json_object_new_string(p->axes[a].key));
		json_object_object_add(o, "values", strings_json(p->axes[a].values, p->axes[a].n));
		json_object_array_add(sweep, o);
	}
	json_object_object_add(doc, "sweep", sweep);
	json_object_object_add(doc, "args", strings_json(p->args, p->nargs));
	/* For readers: the plan above decides them. */
	json_object_object_add(doc, "scenarios", scenarios_json(p));
	return doc;
}

/* The array at key, every element a string: NULL otherwise. */
static json_object *string_array(json_object *doc, const char *key)
{
	json_object *a;

	if (!json_object_object_get_ex(doc, key, &a) || !json_object_is_type(a, json_type_array))
		return NULL;
	for (size_t i = 0; i < json_object_array_length(a); i++)
		if (!json_object_is_type(json_object_array_get_idx(a, i), json_type_string))
			return NULL;
	return a;
}

static int read_header(json_object *doc, struct mb_plan *p, char *err, size_t len)
{
	json_object *v, *hosts = string_array(doc, "hosts");
	int64_t runs;

	if (!json_object_is_type(doc, json_type_object) ||
	    !json_object_object_get_ex(doc, "migbench_campaign", &v) ||
	    !json_object_is_type(v, json_type_int) || json_object_get_int64(v) != 1)
		return fail(err, len, "not a migbench campaign plan (no \"migbench_campaign\": 1)");
	if (!json_object_object_get_ex(doc, "runs", &v) || !json_object_is_type(v, json_type_int) ||
	    (runs = json_object_get_int64(v)) < 1 || runs > MB_PLAN_MAX_RUNS)
		return fail(err, len, "\"runs\": not a number from 1 to 10000");
	p->runs = (unsigned)runs;
	if (!hosts || json_object_array_length(hosts) < 2)
		return fail(err, len, "\"hosts\": not an array of two or more names");
	for (size_t i = 0; i < json_object_array_length(hosts); i++)
		if (mb_plan_add_host(p, json_object_get_string(json_object_array_get_idx(hosts, i)), err, len))
			return -1;
	return 0;
}

/* One axis back into "KEY=V1,V2" so the same checks apply. */
static int read_axis(json_object *o, struct mb_plan *p, char *err, size_t len)
{
	json_object *k, *vals = string_array(o, "values");
	char arg[8192];
	size_t used;

	if (!json_object_is_type(o, json_type_object) || !json_object_object_get_ex(o, "key", &k) ||
	    !json_object_is_type(k, json_type_string) || !vals || !json_object_array_length(vals))
		return fail(err, len, "\"sweep\": an entry without a key and values");
	used = (size_t)snprintf(arg, sizeof(arg), "%s=", json_object_get_string(k));
	for (size_t i = 0; i < json_object_array_length(vals) && used < sizeof(arg); i++)
		used += (size_t)snprintf(arg + used, sizeof(arg) - used, "%s%s", i ? "," : "",
					 json_object_get_string(json_object_array_get_idx(vals, i)));
	if (used >= sizeof(arg))
		return fail(err, len, "\"sweep\": an entry too long");
	if (strchr(json_object_get_string(k), '='))
		return fail(err, len, "\"sweep\": a key with '='");
	for (size_t i = 0; i < json_object_array_length(vals); i++)
		if (strchr(json_object_get_string(json_object_array_get_idx(vals, i)), ','))
			return fail(err, len, "\"sweep\": a value with ','");
	return mb_plan_add_sweep(p, arg, err, len);
}

int mb_plan_from_json(json_object *doc, struct mb_plan *p, char *err, size_t len)
{
	json_object *sweep, *args;

	mb_plan_init(p);
	if (read_header(doc, p, err, len))
		goto bad;
	if (!json_object_object_get_ex(doc, "sweep", &sweep) || !json_object_is_type(sweep, json_type_array)) {
		fail(err, len, "\"sweep\": not an array");
		goto bad;
	}
	for (size_t i = 0; i < json_object_array_length(sweep); i++)
		if (read_axis(json_object_array_get_idx(sweep, i), p, err, len))
			goto bad;
	if (!(args = string_array(doc, "args"))) {
		fail(err, len, "\"args\": not an array of strings");
		goto bad;
	}
	for (size_t i = 0; i < json_object_array_length(args); i++)
		if (mb_plan_add_arg(p, json_object_get_string(json_object_array_get_idx(args, i)))) {
			fail(err, len, "out of memory");
			goto bad;
		}
	return 0;
bad:
	mb_plan_free(p);
	return -1;
}

bool mb_plan_equal(const struct mb_plan *a, const struct mb_plan *b)
{
	json_object *x = mb_plan_to_json(a), *y = mb_plan_to_json(b);
	bool eq = !strcmp(json_object_to_json_string_ext(x, JSON_C_TO_STRING_PLAIN),
			  json_object_to_json_string_ext(y, JSON_C_TO_STRING_PLAIN));

	json_object_put(x);
	json_object_put(y);
	return eq;
}
