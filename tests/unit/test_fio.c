/* Unit tests of analysis/snapio/fio.c: a real fio 3.33 JSON document from the
 * lab guest (tests/data/fio-4jobs.json), damaged variants, and the
 * default job text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/snapio/fio.h"

static char *slurp_data(const char *name)
{
	const char *top = getenv("top_srcdir");
	char path[4096];
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/tests/data/%s", top ? top : ".", name);
	f = fopen(path, "r");
	assert_non_null(f);
	assert_int_not_equal(getdelim(&text, &len, '\0', f), -1);
	fclose(f);
	return text;
}

static void real_output(void **state)
{
	char *text = slurp_data("fio-4jobs.json");
	struct mb_fio_result r;
	char err[256];

	(void)state;
	assert_int_equal(mb_fio_parse(text, &r, err, sizeof(err)), 0);
	assert_string_equal(r.version, "fio-3.33");
	assert_int_equal(r.n, 4);
	for (size_t i = 0; i < 4; i++)
		assert_string_equal(r.jobs[i].name, mb_fio_default_jobs[i]);
	assert_string_equal(r.jobs[0].rw, "write");
	assert_string_equal(r.jobs[3].rw, "read");
	assert_true(r.jobs[0].iops > 5595.6 && r.jobs[0].iops < 5595.7);
	assert_true(r.jobs[0].lat_p99_ns == 708608);
	assert_true(r.jobs[2].lat_p50_ns == 80384);
	assert_true(r.jobs[2].lat_mean_ns > 106627 && r.jobs[2].lat_mean_ns < 106628);
	assert_true(r.jobs[3].io_bytes == 8388608);
	assert_true(r.jobs[1].bw_bytes > 0);
	assert_int_equal(r.jobs[1].error, 0);
	mb_fio_result_free(&r);
	free(text);
}

static void leading_warning_skipped(void **state)
{
	char *json = slurp_data("fio-4jobs.json"), *text;
	struct mb_fio_result r;
	char err[256];

	(void)state;
	assert_true(asprintf(&text, "fio: some warning on stdout\n%s", json) > 0);
	assert_int_equal(mb_fio_parse(text, &r, err, sizeof(err)), 0);
	assert_int_equal(r.n, 4);
	mb_fio_result_free(&r);
	free(text);
	free(json);
}

static void mixed_job_and_missing_percentiles(void **state)
{
	static const char doc[] =
		"{\"fio version\":\"fio-3.33\",\"jobs\":[{\"jobname\":\"rw\",\"error\":5,"
		"\"read\":{\"io_bytes\":100,\"bw_bytes\":10,\"iops\":2.5,\"total_ios\":30,"
		"\"clat_ns\":{\"mean\":7.0,\"percentile\":{\"50.000000\":5,\"99.000000\":9}}},"
		"\"write\":{\"io_bytes\":50,\"bw_bytes\":5,\"iops\":1.5,\"total_ios\":10,"
		"\"clat_ns\":{\"mean\":3.0}}}]}";
	struct mb_fio_result r;
	char err[256];

	(void)state;
	assert_int_equal(mb_fio_parse(doc, &r, err, sizeof(err)), 0);
	assert_string_equal(r.jobs[0].rw, "mixed");
	assert_true(r.jobs[0].iops == 4.0);
	assert_true(r.jobs[0].bw_bytes == 15.0);
	assert_true(r.jobs[0].io_bytes == 150);
	assert_true(r.jobs[0].lat_p99_ns == 9); /* from read: more I/Os */
	assert_true(r.jobs[0].lat_mean_ns == 7.0);
	assert_int_equal(r.jobs[0].error, 5);
	mb_fio_result_free(&r);
}

static void rejects(void **state)
{
	static const char *const bad[][2] = {
		{ "", "no JSON" },
		{ "fio: failed to open file\n", "no JSON" },
		{ "{\"jobs\":[", "fio JSON" },
		{ "{\"fio version\":\"x\"}", "no \"jobs\"" },
		{ "{\"jobs\":[]}", "no jobs" },
		{ "{\"jobs\":[{\"jobname\":\"a\"}]}", "without" },
		{ "{\"jobs\":[{\"jobname\":\"a\",\"read\":{\"iops\":1},\"write\":{}}]}", "without" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct mb_fio_result r;
		char err[256];

		print_message("# %s\n", bad[i][0]);
		assert_int_equal(mb_fio_parse(bad[i][0], &r, err, sizeof(err)), -1);
		assert_non_null(strstr(err, bad[i][1]));
		assert_null(r.jobs);
	}
}

static void default_job(void **state)
{
	char *job = mb_fio_default_job("/data/x.fio", 64ULL << 20, 2500000000LL);

	(void)state;
	assert_non_null(job);
	assert_non_null(strstr(job, "\ndirect=1\n"));
	assert_non_null(strstr(job, "\nioengine=libaio\n"));
	assert_non_null(strstr(job, "\nbs=4k\n"));
	assert_non_null(strstr(job, "\nsize=67108864\n"));
	assert_non_null(strstr(job, "\nruntime=3\n"));  /* rounded up */
	assert_non_null(strstr(job, "\nfilename=/data/x.fio\n"));
	assert_non_null(strstr(job, "[write]\nrw=write\n"));
	assert_non_null(strstr(job, "[randwrite]\nstonewall\nrw=randwrite\n"));
	assert_non_null(strstr(job, "[read]\nstonewall\nrw=read\n"));
	assert_non_null(strstr(job, "[randread]\nstonewall\nrw=randread\n"));
	free(job);
	job = mb_fio_default_job("/f", 1, 1);
	assert_non_null(strstr(job, "\nruntime=1\n"));
	free(job);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(real_output),
		cmocka_unit_test(leading_warning_skipped),
		cmocka_unit_test(mixed_job_and_missing_percentiles),
		cmocka_unit_test(rejects),
		cmocka_unit_test(default_job),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
