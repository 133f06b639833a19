/* Unit tests of analysis/sweep.c: the sweep's product, the interleaved
 * order, folder names, and the plan's JSON round trip. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/sweep.h"

static void plan_2x3(struct mb_plan *p)
{
	char err[128];

	mb_plan_init(p);
	p->runs = 2;
	assert_int_equal(mb_plan_add_host(p, "compute1", err, sizeof(err)), 0);
	assert_int_equal(mb_plan_add_host(p, "compute2", err, sizeof(err)), 0);
	assert_int_equal(mb_plan_add_sweep(p, "bandwidth=200,400", err, sizeof(err)), 0);
	assert_int_equal(mb_plan_add_sweep(p, "parallel=1,2,4", err, sizeof(err)), 0);
	assert_int_equal(mb_plan_add_arg(p, "--baseline"), 0);
	assert_int_equal(mb_plan_add_arg(p, "1s"), 0);
}

static void product(void **state)
{
	struct mb_plan p;
	char buf[256];

	(void)state;
	plan_2x3(&p);
	assert_int_equal(mb_plan_scenarios(&p), 6);
	assert_int_equal(mb_plan_slots(&p), 12);
	/* The last axis varies fastest. */
	assert_string_equal(mb_plan_value(&p, 0, 0), "200");
	assert_string_equal(mb_plan_value(&p, 0, 1), "1");
	assert_string_equal(mb_plan_value(&p, 1, 1), "2");
	assert_string_equal(mb_plan_value(&p, 2, 1), "4");
	assert_string_equal(mb_plan_value(&p, 3, 0), "400");
	assert_string_equal(mb_plan_value(&p, 3, 1), "1");
	assert_string_equal(mb_plan_value(&p, 5, 0), "400");
	assert_string_equal(mb_plan_value(&p, 5, 1), "4");
	mb_plan_label(&p, 4, buf, sizeof(buf));
	assert_string_equal(buf, "bandwidth=400,parallel=2");
	mb_plan_dir(&p, 4, buf, sizeof(buf));
	assert_string_equal(buf, "s5-bandwidth=400,parallel=2");
	mb_plan_free(&p);
}

static void interleaved(void **state)
{
	struct mb_plan p;
	size_t s;
	unsigned r;

	(void)state;
	plan_2x3(&p);
	/* A1 B1 C1 D1 E1 F1 A2 ... */
	for (size_t g = 0; g < 12; g++) {
		mb_plan_slot(&p, g, &s, &r);
		assert_int_equal(s, g % 6);
		assert_int_equal(r, g / 6 + 1);
	}
	mb_plan_free(&p);
}

static void no_sweep(void **state)
{
	struct mb_plan p;
	char buf[64];
	size_t s;
	unsigned r;

	(void)state;
	mb_plan_init(&p);
	p.runs = 3;
	assert_int_equal(mb_plan_scenarios(&p), 1);
	mb_plan_label(&p, 0, buf, sizeof(buf));
	assert_string_equal(buf, "default");
	mb_plan_dir(&p, 0, buf, sizeof(buf));
	assert_string_equal(buf, "s1-default");
	mb_plan_slot(&p, 2, &s, &r);
	assert_int_equal(s, 0);
	assert_int_equal(r, 3);
	mb_plan_free(&p);
}

static void dir_sanitised(void **state)
{
	struct mb_plan p;
	char err[128], buf[128];

	(void)state;
	mb_plan_init(&p);
	assert_int_equal(mb_plan_add_sweep(&p, "migrate-uri=tcp://a/b c,x", err, sizeof(err)), 0);
	mb_plan_dir(&p, 0, buf, sizeof(buf));
	assert_string_equal(buf, "s1-migrate-uri=tcp___a_b_c");
	mb_plan_label(&p, 0, buf, sizeof(buf));
	assert_string_equal(buf, "migrate-uri=tcp://a/b c");
	mb_plan_free(&p);
}

static void refusals(void **state)
{
	static const char *const bad[] = {
		"bandwidth", "=1,2", "bandwidth=", "bandwidth=1,,2", "bandwidth=1,", "bandwidth=1,1",
		"bandwidth=3",  /* swept already (below) */
	};
	struct mb_plan p;
	char err[128];

	(void)state;
	mb_plan_init(&p);
	assert_int_equal(mb_plan_add_sweep(&p, "bandwidth=5", err, sizeof(err)), 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		if (mb_plan_add_sweep(&p, bad[i], err, sizeof(err)) != -1)
			fail_msg("accepted '%s'", bad[i]);
		assert_true(err[0]);
	}
	assert_int_equal(p.naxes, 1);
	assert_int_equal(mb_plan_add_host(&p, "a", err, sizeof(err)), 0);
	assert_int_equal(mb_plan_add_host(&p, "a", err, sizeof(err)), -1);
	assert_string_equal(err, "a host named twice");
	assert_int_equal(mb_plan_add_host(&p, "", err, sizeof(err)), -1);
	mb_plan_free(&p);
}

static void too_many_scenarios(void **state)
{
	struct mb_plan p;
	char err[128], arg[512];
	size_t used = (size_t)snprintf(arg, sizeof(arg), "k=0");

	(void)state;
	for (int i = 1; i < 32; i++)
		used += (size_t)snprintf(arg + used, sizeof(arg) - used, ",%d", i);
	mb_plan_init(&p);
	arg[0] = 'a';
	assert_int_equal(mb_plan_add_sweep(&p, arg, err, sizeof(err)), 0);
	arg[0] = 'b';
	assert_int_equal(mb_plan_add_sweep(&p, arg, err, sizeof(err)), 0);  /* 1024 */
	arg[0] = 'c';
	assert_int_equal(mb_plan_add_sweep(&p, arg, err, sizeof(err)), -1);
	assert_string_equal(err, "more than 1024 scenarios");
	mb_plan_free(&p);
}

static void round_trip(void **state)
{
	struct mb_plan p, q;
	json_object *doc, *back;
	char err[128];
	char *text;

	(void)state;
	plan_2x3(&p);
	doc = mb_plan_to_json(&p);
	text = strdup(json_object_to_json_string_ext(doc, JSON_C_TO_STRING_PRETTY));
	back = json_tokener_parse(text);
	assert_non_null(back);
	assert_int_equal(mb_plan_from_json(back, &q, err, sizeof(err)), 0);
	assert_true(mb_plan_equal(&p, &q));
	assert_int_equal(q.runs, 2);
	assert_int_equal(q.nhosts, 2);
	assert_string_equal(q.hosts[1], "compute2");
	assert_int_equal(q.nargs, 2);
	assert_string_equal(q.args[1], "1s");
	assert_int_equal(mb_plan_scenarios(&q), 6);
	json_object_put(back);
	back = mb_plan_to_json(&q);
	assert_string_equal(text, json_object_to_json_string_ext(back, JSON_C_TO_STRING_PRETTY));
	/* Another run count is another plan. */
	q.runs = 3;
	assert_false(mb_plan_equal(&p, &q));
	json_object_put(back);
	json_object_put(doc);
	free(text);
	mb_plan_free(&p);
	mb_plan_free(&q);
}

static void bad_documents(void **state)
{
	static const char *const bad[] = {
		"[]", "{}", "{\"migbench_campaign\": 2}", "{\"migbench_campaign\": \"1\"}",
		"{\"migbench_campaign\": 1, \"runs\": 0, \"hosts\": [\"a\",\"b\"], \"sweep\": [], \"args\": []}",
		"{\"migbench_campaign\": 1, \"runs\": \"2\", \"hosts\": [\"a\",\"b\"], \"sweep\": [], \"args\": []}",
		"{\"migbench_campaign\": 1, \"runs\": 99999, \"hosts\": [\"a\",\"b\"], \"sweep\": [], \"args\": []}",
		"{\"migbench_campaign\": 1, \"runs\": 2, \"hosts\": [\"a\"], \"sweep\": [], \"args\": []}",
		"{\"migbench_campaign\": 1, \"runs\": 2, \"hosts\": [\"a\",\"a\"], \"sweep\": [], \"args\": []}",
		"{\"migbench_campaign\": 1, \"runs\": 2, \"hosts\": [\"a\",1], \"sweep\": [], \"args\": []}",
		"{\"migbench_campaign\": 1, \"runs\": 2, \"hosts\": [\"a\",\"b\"], \"sweep\": {}, \"args\": []}",
		"{\"migbench_campaign\": 1, \"runs\": 2, \"hosts\": [\"a\",\"b\"], \"sweep\": [1], \"args\": []}",
		"{\"migbench_campaign\": 1, \"runs\": 2, \"hosts\": [\"a\",\"b\"], \"sweep\": [{\"key\": \"k\", \"values\": []}], \"args\": []}",
		"{\"migbench_campaign\": 1, \"runs\": 2, \"hosts\": [\"a\",\"b\"], \"sweep\": [{\"key\": \"k\", \"values\": [\"1,2\"]}], \"args\": []}",
		"{\"migbench_campaign\": 1, \"runs\": 2, \"hosts\": [\"a\",\"b\"], \"sweep\": [{\"key\": \"k=\", \"values\": [\"1\"]}], \"args\": []}",
		"{\"migbench_campaign\": 1, \"runs\": 2, \"hosts\": [\"a\",\"b\"], \"sweep\": [], \"args\": [null]}",
		"{\"migbench_campaign\": 1, \"runs\": 2, \"hosts\": [\"a\",\"b\"], \"sweep\": []}",
	};
	struct mb_plan p;
	char err[128];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		json_object *doc = json_tokener_parse(bad[i]);

		assert_non_null(doc);
		err[0] = '\0';
		if (mb_plan_from_json(doc, &p, err, sizeof(err)) != -1)
			fail_msg("accepted %s", bad[i]);
		assert_true(err[0]);
		assert_int_equal(p.nhosts, 0);
		json_object_put(doc);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(product),
		cmocka_unit_test(interleaved),
		cmocka_unit_test(no_sweep),
		cmocka_unit_test(dir_sanitised),
		cmocka_unit_test(refusals),
		cmocka_unit_test(too_many_scenarios),
		cmocka_unit_test(round_trip),
		cmocka_unit_test(bad_documents),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
