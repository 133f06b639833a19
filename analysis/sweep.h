/* A campaign's plan (migbench run --runs N, --sweep KEY=V1,V2,...): the
 * sweep's axes, their cartesian product (the scenarios), the interleaved
 * order of the runs, and the plan as the JSON of DIR/campaign.json.  Pure:
 * no I/O; json-c only builds and reads the document.
 *
 * Scenario s of axes a_1..a_k takes value index (s / (n_{i+1} ... n_k)) mod
 * n_i of axis i: the last axis varies fastest.  Slot g of the campaign
 * (0-based) is run g / S + 1 of scenario g mod S (S scenarios): A1, B1,
 * A2, B2, ... so that drift on the hosts does not pass for a difference
 * between settings. */
#ifndef MB_ANALYSIS_SWEEP_H
#define MB_ANALYSIS_SWEEP_H

#include <stdbool.h>
#include <stddef.h>

#include <json-c/json.h>

#define MB_SWEEP_MAX_AXES 8
#define MB_SWEEP_MAX_VALUES 64
#define MB_PLAN_MAX_SCENARIOS 1024
#define MB_PLAN_MAX_RUNS 10000
#define MB_PLAN_MAX_HOSTS 64

struct mb_sweep_axis {
	char *key;
	char *values[MB_SWEEP_MAX_VALUES];
	size_t n;
};

struct mb_plan {
	unsigned runs;                 /* per scenario */
	char *hosts[MB_PLAN_MAX_HOSTS]; /* the ring, in order */
	size_t nhosts;
	struct mb_sweep_axis axes[MB_SWEEP_MAX_AXES];
	size_t naxes;
	char **args;                   /* the run options every run shares */
	size_t nargs;
};

void mb_plan_init(struct mb_plan *p);
void mb_plan_free(struct mb_plan *p);

/* "KEY=V1,V2,..." as one more axis: 0, or -1 with the reason in err
 * (no '=', an empty key or value, a key already swept, a value twice,
 * too many axes or values, or more than MB_PLAN_MAX_SCENARIOS in all). */
int mb_plan_add_sweep(struct mb_plan *p, const char *arg, char *err, size_t len);
int mb_plan_add_host(struct mb_plan *p, const char *name, char *err, size_t len);
int mb_plan_add_arg(struct mb_plan *p, const char *arg);

size_t mb_plan_scenarios(const struct mb_plan *p);
size_t mb_plan_slots(const struct mb_plan *p); /* scenarios * runs */
const char *mb_plan_value(const struct mb_plan *p, size_t scenario, size_t axis);
/* Slot g's scenario (0-based) and run (1-based). */
void mb_plan_slot(const struct mb_plan *p, size_t g, size_t *scenario, unsigned *run);
/* "bandwidth=200,parallel=2", or "default" without a sweep. */
void mb_plan_label(const struct mb_plan *p, size_t scenario, char *buf, size_t len);
/* The scenario's folder: "s1-" and the label, every byte but letters,
 * digits and "=,.+-" as '_' (the number keeps two folders apart). */
void mb_plan_dir(const struct mb_plan *p, size_t scenario, char *buf, size_t len);

/* campaign.json; the caller owns it. */
json_object *mb_plan_to_json(const struct mb_plan *p);
/* Read back, every field's type and bound checked: 0, or -1 with the
 * reason in err (p is then empty). */
int mb_plan_from_json(json_object *doc, struct mb_plan *p, char *err, size_t len);
/* Whether two plans ask for the same runs. */
bool mb_plan_equal(const struct mb_plan *a, const struct mb_plan *b);

#endif
