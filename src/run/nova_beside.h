/* watch --nova-log: nova-compute's record of the migration just measured
 * (analysis/novalog.h), found by the domain's UUID (nova's instance id),
 * set beside migbench's and the hypervisor's figures of the same
 * migration. */
#ifndef MB_NOVA_BESIDE_H
#define MB_NOVA_BESIDE_H

#include <stdbool.h>
#include <stdio.h>

#include <json-c/json.h>

#include "src/run/run.h"

struct mb_nova_beside;

/* Reads the log after the run; NULL only when out of memory.  A log that
 * cannot be read, or holds no migration of the instance, is recorded in
 * the run's errors (a warning for the latter); *failed is set for the
 * former. */
struct mb_nova_beside *mb_nova_beside_read(struct mb_run *run, const char *path, bool *failed);
/* The "nova" block: log, instance, the log's line counts, migration (its
 * times as written and nova's figures, null if none) and total_time
 * {wire_ns, hypervisor_ns (from figures), nova_start_to_end_ns,
 * nova_start_to_stopped_ns}. */
json_object *mb_nova_beside_json(const struct mb_nova_beside *nb, json_object *figures);
void mb_nova_beside_text(FILE *out, const struct mb_nova_beside *nb, json_object *figures);
void mb_nova_beside_free(struct mb_nova_beside *nb);

#endif
