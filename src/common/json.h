/* Building result documents with json-c: the one set of put helpers every
 * report uses.  One rule for unknowns: a figure that was not measured is
 * JSON null, never a made-up number. */
#ifndef MB_COMMON_JSON_H
#define MB_COMMON_JSON_H

#include <json-c/json.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct mb_stats;

/* A count or a time that is always known. */
void mb_json_put_int(json_object *o, const char *key, int64_t v);
void mb_json_put_uint(json_object *o, const char *key, uint64_t v);
/* A figure where a negative value means "not measured": null. */
void mb_json_put_known(json_object *o, const char *key, int64_t v);
/* NULL or "" is null. */
void mb_json_put_str(json_object *o, const char *key, const char *v);
void mb_json_put_bool(json_object *o, const char *key, bool v);
/* NaN and infinities are null. */
void mb_json_put_double(json_object *o, const char *key, double v);
/* num / den, null when den <= 0. */
void mb_json_put_ratio(json_object *o, const char *key, uint64_t num, int64_t den);
/* Bytes from elsewhere (a guest's output, a file): a string that is valid
 * UTF-8 whatever they hold; invalid sequences become U+FFFD. */
void mb_json_put_text(json_object *o, const char *key, const char *bytes, size_t len);

/* A figure's statistics (analysis/stats.h) as members of O: n, missing,
 * mean, median, p95, min, max, sd and the two intervals; the one shape of
 * a campaign summary's and snapio's figures (migbench(1)). */
void mb_json_put_stats(json_object *o, const struct mb_stats *st);

#endif
