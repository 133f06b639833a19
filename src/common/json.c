#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/stats.h"
#include "analysis/utf8.h"
#include "src/common/json.h"

void mb_json_put_int(json_object *o, const char *key, int64_t v)
{
	json_object_object_add(o, key, json_object_new_int64(v));
}

void mb_json_put_uint(json_object *o, const char *key, uint64_t v)
{
	json_object_object_add(o, key, json_object_new_uint64(v));
}

void mb_json_put_known(json_object *o, const char *key, int64_t v)
{
	json_object_object_add(o, key, v < 0 ? NULL : json_object_new_int64(v));
}

void mb_json_put_str(json_object *o, const char *key, const char *v)
{
	json_object_object_add(o, key, v && v[0] ? json_object_new_string(v) : NULL);
}

void mb_json_put_bool(json_object *o, const char *key, bool v)
{
	json_object_object_add(o, key, json_object_new_boolean(v));
}

void mb_json_put_double(json_object *o, const char *key, double v)
{
	json_object_object_add(o, key, isfinite(v) ? json_object_new_double(v) : NULL);
}

void mb_json_put_ratio(json_object *o, const char *key, uint64_t num, int64_t den)
{
	json_object_object_add(o, key,
			       den > 0 ? json_object_new_double((double)num / (double)den) : NULL);
}

void mb_json_put_text(json_object *o, const char *key, const char *bytes, size_t len)
{
	size_t cap = mb_utf8_clean_size(len);
	char *clean = malloc(cap);
	size_t n;

	if (!clean) {
		json_object_object_add(o, key, NULL);
		return;
	}
	n = mb_utf8_clean(bytes, len, clean, cap);
	json_object_object_add(o, key, json_object_new_string_len(clean, (int)n));
	free(clean);
}

void mb_json_put_stats(json_object *o, const struct mb_stats *st)
{
	mb_json_put_uint(o, "n", st->n);
	mb_json_put_uint(o, "missing", st->missing);
	mb_json_put_double(o, "mean", st->mean);
	mb_json_put_double(o, "median", st->median);
	mb_json_put_double(o, "p95", st->p95);
	mb_json_put_double(o, "min", st->min);
	mb_json_put_double(o, "max", st->max);
	mb_json_put_double(o, "sd", st->sd);
	mb_json_put_double(o, "mean_ci_low", st->mean_lo);
	mb_json_put_double(o, "mean_ci_high", st->mean_hi);
	mb_json_put_double(o, "median_ci_low", st->median_lo);
	mb_json_put_double(o, "median_ci_high", st->median_hi);
}
