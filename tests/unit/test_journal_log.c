/* Unit tests of analysis/snapio/journal_log.c: the snapio journal's log
 * replayed (commits, a torn last line, changes never committed) and
 * damaged journals refused with a reason: a depth whose fio job has no
 * name, indexes outside the plan, members of the wrong type. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/snapio/journal_log.h"

/* A state of 2 layers, as the first line of a journal. */
#define HEAD "{\"migbench\":{\"document\":\"snapio-journal\",\"format\":2},\"status\":\"running\"," \
	"\"failure\":null,\"config\":{\"snapshots\":2},\"layers\":[" \
	"{\"layer\":0,\"overlay\":\"/d.qcow2\",\"snapshot\":null,\"manifest\":{}}," \
	"{\"layer\":1,\"overlay\":\"/d.1.qcow2\",\"snapshot\":\"s1\",\"created\":false,\"removed\":false,\"manifest\":null,\"deleted\":[]}," \
	"{\"layer\":2,\"overlay\":\"/d.2.qcow2\",\"snapshot\":\"s2\",\"created\":false,\"removed\":false,\"manifest\":null,\"deleted\":[]}]," \
	"\"cursor\":{},\"inflight\":null,\"depths\":[],\"steps\":[],\"commands\":[],\"notes\":[]}\n"
#define JOB(name) "{\"name\":" name ",\"rw\":\"read\",\"iops\":5.5,\"bw_bytes\":100,\"lat_p50_ns\":null," \
	"\"lat_p99_ns\":9,\"lat_mean_ns\":7,\"io_bytes\":4096,\"error\":0}"
#define FIO(job) "{\"depth\":1,\"set\":{\"fio\":{\"version\":\"fio-3.33\",\"jobs\":[" job "]}}}\n"
#define SAVED "{\"saved\":1700000000000000000}\n"

static json_object *at(json_object *o, const char *path)
{
	char key[64];

	while (o && *path) {
		size_t n = strcspn(path, ".");

		snprintf(key, sizeof(key), "%.*s", (int)n, path);
		if (json_object_is_type(o, json_type_array))
			o = json_object_array_get_idx(o, (size_t)atoi(key));
		else if (!json_object_object_get_ex(o, key, &o))
			return NULL;
		path += n + (path[n] == '.');
	}
	return o;
}

static const char *str_at(json_object *o, const char *path)
{
	return json_object_get_string(at(o, path));
}

static json_object *replay(const char *text, struct mb_jlog_replay *info, char *err, size_t errlen)
{
	return mb_jlog_replay(text, strlen(text), info, err, errlen);
}

static void committed_changes_replayed(void **state)
{
	static const char text[] = HEAD
		"{\"cursor\":{\"phase\":\"build\",\"step\":\"snapshot\",\"n\":1}}\n"
		"{\"inflight\":{\"pid\":42,\"step\":\"build layer 1/2\"}}\n"
		"{\"layer\":1,\"set\":{\"created\":true,\"manifest\":{\"a\":\"x\"}}}\n"
		"{\"command\":{\"step\":\"one\",\"stderr\":\"\"}}\n"
		SAVED
		"{\"inflight\":null}\n"
		FIO(JOB("\"write\""))
		"{\"depth\":1,\"set\":{\"integrity\":{\"ok\":true,\"files_expected\":1,\"files_found\":1,"
		"\"missing\":0,\"unexpected\":0,\"changed\":0,\"detail\":\"\"}}}\n"
		"{\"status\":\"failed\",\"failure\":{\"step\":\"x\",\"reason\":\"why\"}}\n"
		"{\"note\":{\"note\":\"n\"}}\n"
		SAVED;
	struct mb_jlog_replay info;
	char err[256];
	json_object *st = replay(text, &info, err, sizeof(err));

	(void)state;
	assert_non_null(st);
	assert_int_equal(info.saves, 2);
	assert_int_equal(info.changes, 9);
	assert_int_equal(info.dropped, 0);
	assert_false(info.torn);
	assert_string_equal(str_at(st, "cursor.phase"), "build");
	assert_null(at(st, "inflight"));
	assert_true(json_object_get_boolean(at(st, "layers.1.created")));
	assert_string_equal(str_at(st, "layers.1.manifest.a"), "x");
	assert_int_equal(json_object_array_length(at(st, "commands")), 1);
	assert_int_equal(json_object_get_int(at(st, "depths.0.depth")), 1);
	assert_string_equal(str_at(st, "depths.0.fio.jobs.0.name"), "write");
	assert_true(json_object_get_boolean(at(st, "depths.0.integrity.ok")));
	assert_string_equal(str_at(st, "status"), "failed");
	assert_string_equal(str_at(st, "failure.reason"), "why");
	assert_int_equal(json_object_array_length(at(st, "notes")), 1);
	assert_non_null(at(st, "saved_realtime_ns"));
	assert_int_equal(mb_jlog_validate(st, err, sizeof(err)), 0);
	json_object_put(st);
}

/* A crash mid-save: the changes after the last commit do not count,
 * whether their last line is whole or torn. */
static void torn_and_uncommitted_tail_ignored(void **state)
{
	static const char *const texts[] = {
		HEAD "{\"cursor\":{\"n\":1}}\n" SAVED "{\"cursor\":{\"n\":2}}\n{\"inflight\":{\"pid\":7,\"st",
		HEAD "{\"cursor\":{\"n\":1}}\n" SAVED "{\"cursor\":{\"n\":2}}\n{\"saved\":17",
		HEAD "{\"cursor\":{\"n\":1}}\n" SAVED "{\"cursor\":{\"n\":2}}\n",
		HEAD "{\"cursor\":{\"n\":1}}\n" SAVED "\0\0\0\0",
	};
	static const size_t dropped[] = { 1, 1, 1, 0 };
	static const bool torn[] = { true, true, false, true };

	(void)state;
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct mb_jlog_replay info;
		char err[256];
		size_t len = strlen(texts[i]) + (i == 3 ? 4 : 0);
		json_object *st = mb_jlog_replay(texts[i], len, &info, err, sizeof(err));

		print_message("# case %zu\n", i);
		assert_non_null(st);
		assert_int_equal(json_object_get_int(at(st, "cursor.n")), 1);
		assert_null(at(st, "inflight"));
		assert_int_equal(info.saves, 1);
		assert_int_equal(info.dropped, dropped[i]);
		assert_true(info.torn == torn[i]);
		json_object_put(st);
	}
}

static void refused(const char *text, const char *why)
{
	char err[512] = "";
	json_object *st = replay(text, NULL, err, sizeof(err));

	if (st)
		fail_msg("accepted: %s", text);
	if (!strstr(err, why))
		fail_msg("reason '%s' does not say '%s'", err, why);
	assert_null(strchr(err, '\n'));
}

static void damaged_depths_refused(void **state)
{
	(void)state;
	/* The crash of old: a fio job without a name. */
	refused(HEAD "{\"depth\":1,\"set\":{\"fio\":{\"jobs\":[{\"rw\":\"read\"}]}}}\n" SAVED,
		"line 2: depth 1: damaged \"fio\"");
	refused(HEAD FIO(JOB("null")) SAVED, "line 2: depth 1: damaged \"fio\"");
	refused(HEAD FIO(JOB("7")) SAVED, "damaged \"fio\"");
	refused(HEAD "{\"depth\":1,\"set\":{\"fio\":{\"jobs\":[{\"name\":\"w\",\"rw\":\"read\",\"iops\":-1}]}}}\n"
		SAVED, "damaged \"fio\"");
	refused(HEAD "{\"depth\":1,\"set\":{\"fio\":{\"jobs\":[{\"name\":\"w\",\"rw\":\"read\",\"iops\":1e300}]}}}\n"
		SAVED, "damaged \"fio\"");
	refused(HEAD "{\"depth\":1,\"set\":{\"fio\":{\"jobs\":null}}}\n" SAVED, "damaged \"fio\"");
	refused(HEAD "{\"depth\":1,\"set\":{\"integrity\":{\"ok\":\"yes\"}}}\n" SAVED, "damaged \"integrity\"");
	refused(HEAD "{\"depth\":3,\"set\":{\"fio\":{\"jobs\":[]}}}\n" SAVED,
		"a \"depth\" change of 3, not one of 0..2");
	refused(HEAD "{\"depth\":-1,\"set\":{}}\n" SAVED, "not one of 0..2");
	refused(HEAD "{\"depth\":\"1\",\"set\":{}}\n" SAVED, "not one of 0..2");
	refused(HEAD "{\"depth\":1,\"set\":{\"bogus\":1}}\n" SAVED, "depth 1: unknown member \"bogus\"");
}

static void damaged_changes_refused(void **state)
{
	(void)state;
	refused(HEAD "{\"layer\":3,\"set\":{\"created\":true}}\n" SAVED, "not one of 0..2");
	refused(HEAD "{\"layer\":1,\"set\":{\"created\":1}}\n" SAVED, "layer 1: \"created\" is 1");
	refused(HEAD "{\"layer\":1,\"set\":{\"overlay\":null}}\n" SAVED, "layer 1: \"overlay\" is null");
	refused(HEAD "{\"layer\":1,\"set\":{\"manifest\":{\"a\":5}}}\n" SAVED, "\"manifest\" is");
	refused(HEAD "{\"layer\":1,\"set\":{\"deleted\":[1]}}\n" SAVED, "\"deleted\" is");
	refused(HEAD "{\"layer\":1,\"set\":{\"layer\":2}}\n" SAVED, "\"layer\" is 2");
	refused(HEAD "{\"inflight\":{\"pid\":0,\"step\":\"x\"}}\n" SAVED, "\"inflight\" change of the wrong type");
	refused(HEAD "{\"inflight\":{\"pid\":4294967296,\"step\":\"x\"}}\n" SAVED, "wrong type");
	refused(HEAD "{\"inflight\":{\"pid\":\"12\",\"step\":\"x\"}}\n" SAVED, "wrong type");
	refused(HEAD "{\"status\":\"bogus\",\"failure\":null}\n" SAVED, "\"status\" change of the wrong type");
	refused(HEAD "{\"status\":\"done\"}\n" SAVED, "other members than failure");
	refused(HEAD "{\"cursor\":[]}\n" SAVED, "\"cursor\" change of the wrong type");
	refused(HEAD "{\"command\":\"x\"}\n" SAVED, "not an object");
	refused(HEAD "{\"cursor\":{},\"note\":{}}\n" SAVED, "other members");
	refused(HEAD "{\"bogus\":1}\n" SAVED, "line 2: an unknown change");
	refused(HEAD "[1]\n" SAVED, "line 2: a change that is not an object");
	refused(HEAD "{\"saved\":\"now\"}\n", "line 2: a \"saved\" change of the wrong type");
	/* Damage in the middle is not a torn last line. */
	refused(HEAD "{\"cursor\":{\"n\":1\n" SAVED, "line 2: not one JSON value");
	refused(HEAD "{\"cursor\":{}} {}\n" SAVED, "line 2: not one JSON value: more after it");
}

/* HEAD with config.repeat 3 (--repeat 3). */
static char *head_repeat(const char *rest)
{
	static const char from[] = "\"config\":{\"snapshots\":2}", to[] = "\"config\":{\"snapshots\":2,\"repeat\":3}";
	const char *h = HEAD, *at = strstr(h, from);
	size_t n = strlen(h) + strlen(to) + strlen(rest) + 1;
	char *t = malloc(n);

	assert_non_null(at);
	snprintf(t, n, "%.*s%s%s%s", (int)(at - h), h, to, at + strlen(from), rest);
	return t;
}

#define REPEAT(d, k) "{\"depth\":" #d ",\"fio_repeat\":{\"repeat\":" #k ",\"jobs\":[" JOB("\"write\"") "]}}\n"

/* Runs 2 and 3 of --repeat 3 appended one by one after run 1. */
static void repeated_runs_replayed(void **state)
{
	char err[256], *t = head_repeat(FIO(JOB("\"write\"")) SAVED REPEAT(1, 2) SAVED REPEAT(1, 3) SAVED);
	json_object *st = replay(t, NULL, err, sizeof(err));

	(void)state;
	if (!st)
		fail_msg("%s", err);
	assert_int_equal(json_object_array_length(at(st, "depths.0.fio_repeats")), 2);
	assert_int_equal(json_object_get_int(at(st, "depths.0.fio_repeats.1.repeat")), 3);
	assert_string_equal(str_at(st, "depths.0.fio_repeats.0.jobs.0.name"), "write");
	assert_int_equal(mb_jlog_validate(st, err, sizeof(err)), 0);
	json_object_put(st);
	free(t);
}

/* Out of order, twice, beyond --repeat, before run 1, in a journal from
 * before --repeat (one run a depth), or set whole: refused. */
static void repeated_runs_refused(void **state)
{
	static const char *const bad[][2] = {
		{ FIO(JOB("\"write\"")) REPEAT(1, 3) SAVED, "not run 2 of 3" },
		{ FIO(JOB("\"write\"")) REPEAT(1, 2) REPEAT(1, 2) SAVED, "not run 3 of 3" },
		{ FIO(JOB("\"write\"")) REPEAT(1, 2) REPEAT(1, 3) REPEAT(1, 4) SAVED, "not run 4 of 3" },
		{ REPEAT(1, 2) SAVED, "not run 2 of 3 after run 1" },
		{ REPEAT(5, 2) SAVED, "of depth 5, not one of 0..2" },
		{ "{\"depth\":1,\"fio_repeat\":{\"repeat\":2,\"jobs\":[{\"rw\":\"read\"}]}}\n" SAVED, "not run 2" },
		{ FIO(JOB("\"write\"")) "{\"depth\":1,\"set\":{\"fio_repeats\":[]}}\n" SAVED, "added one by one" },
		{ "{\"depth\":1,\"fio_repeat\":{},\"set\":{}}\n" SAVED, "other members than set or fio_repeat" },
	};
	char *t;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		print_message("# case %zu\n", i);
		t = head_repeat(bad[i][0]);
		refused(t, bad[i][1]);
		free(t);
	}
	refused(HEAD FIO(JOB("\"write\"")) REPEAT(1, 2) SAVED, "not run 2 of 1");
	refused("{\"migbench\":{\"document\":\"snapio-journal\",\"format\":2},\"config\":{\"snapshots\":2,\"repeat\":101}}\n",
		"config.repeat is not 1..100");
}

/* A whole state (a compacted journal) with its runs out of order, or
 * without the first. */
static void repeated_runs_validated(void **state)
{
	static const char *const depths[] = {
		"\"depths\":[{\"depth\":1,\"fio\":{\"jobs\":[]},\"fio_repeats\":[{\"repeat\":3,\"jobs\":[]}]}]",
		"\"depths\":[{\"depth\":1,\"fio_repeats\":[{\"repeat\":2,\"jobs\":[]}]}]",
		"\"depths\":[{\"depth\":1,\"fio\":{\"jobs\":[]},\"fio_repeats\":[{\"repeat\":2,\"jobs\":[]}]}]",
	};
	static const char *const why[] = { "damaged \"fio_repeats\"", "repeated fio runs without the first", NULL };

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		char *t = head_repeat(""), *d = strstr(t, "\"depths\":[]"), buf[4096], err[256];
		json_object *st;

		snprintf(buf, sizeof(buf), "%.*s%s%s", (int)(d - t), t, depths[i], d + strlen("\"depths\":[]"));
		if (why[i]) {
			refused(buf, why[i]);
		} else {
			st = replay(buf, NULL, err, sizeof(err));
			assert_non_null(st);
			json_object_put(st);
		}
		free(t);
	}
}

static void damaged_heads_refused(void **state)
{
	(void)state;
	refused("", "empty");
	refused("{\"migbench\"", "line 1: not a whole line");
	/* A pretty-printed journal of format 1. */
	refused("{\n  \"migbench\":{\"document\":\"snapio-journal\",\"format\":1}\n}\n",
		"not a migbench snapio journal of format 2");
	refused("{\n  \"migbench\":\n", "line 1: not one JSON value");
	refused("{\"migbench\":{\"document\":\"snapio-journal\",\"format\":1}}\n",
		"not a migbench snapio journal of format 2");
	refused("{\"migbench\":{\"document\":\"snapio-journal\",\"format\":2},\"config\":{\"snapshots\":0}}\n",
		"config.snapshots is not 1..1000");
	refused("{\"migbench\":{\"document\":\"snapio-journal\",\"format\":2},\"config\":{\"snapshots\":2}}\n",
		"damaged journal: status");
}

/* A state as a campaign holds it: apply and validate agree. */
static void validate_checks_the_state(void **state)
{
	char err[256];
	json_object *st = replay(HEAD, NULL, err, sizeof(err)), *layers, *bad;

	(void)state;
	assert_non_null(st);
	bad = json_tokener_parse("{\"layer\":1,\"set\":{\"created\":true}}");
	assert_int_equal(mb_jlog_apply(st, bad, err, sizeof(err)), 0);
	json_object_put(bad);
	assert_int_equal(mb_jlog_validate(st, err, sizeof(err)), 0);
	/* A layer lost: not the plan's. */
	json_object_object_get_ex(st, "layers", &layers);
	json_object_array_del_idx(layers, 2, 1);
	assert_int_equal(mb_jlog_validate(st, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "not the 3 layers of its config"));
	json_object_put(st);
	st = replay(HEAD, NULL, err, sizeof(err));
	json_object_object_add(st, "depths", json_tokener_parse("[{\"depth\":1},{\"depth\":1}]"));
	assert_int_equal(mb_jlog_validate(st, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "depth 1 measured twice"));
	json_object_object_add(st, "depths", json_tokener_parse("[{\"fio\":{}}]"));
	assert_int_equal(mb_jlog_validate(st, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "a measured depth without a number"));
	json_object_put(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(committed_changes_replayed),
		cmocka_unit_test(torn_and_uncommitted_tail_ignored),
		cmocka_unit_test(damaged_depths_refused),
		cmocka_unit_test(damaged_changes_refused),
		cmocka_unit_test(damaged_heads_refused),
		cmocka_unit_test(repeated_runs_replayed),
		cmocka_unit_test(repeated_runs_refused),
		cmocka_unit_test(repeated_runs_validated),
		cmocka_unit_test(validate_checks_the_state),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
