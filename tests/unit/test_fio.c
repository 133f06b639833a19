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
		{ "{\"jobs\":[{\"jobname\":\"a\",\"read\":{\"iops\":1},\"write\":{}}]}",
		  "job a: read.bw_bytes is missing, not a number" },
		{ "{\"jobs\":[{\"jobname\":7,\"read\":{},\"write\":{}}]}", "without a jobname" },
		{ "{\"jobs\":[{\"jobname\":\"a\",\"read\":null,\"write\":{}}]}", "job a without read" },
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

/* One job whose read direction has MEMBER (a JSON fragment) in place of
 * a plausible figure; the rest is whole. */
static char *job_with(const char *read_iops, const char *io_bytes, const char *p99, const char *error)
{
	char *doc = NULL;

	assert_true(asprintf(&doc,
			     "{\"jobs\":[{\"jobname\":\"j\",\"error\":%s,"
			     "\"read\":{\"io_bytes\":%s,\"bw_bytes\":10,\"iops\":%s,\"total_ios\":30,"
			     "\"clat_ns\":{\"mean\":7.0,\"percentile\":{\"50.000000\":5,\"99.000000\":%s}}},"
			     "\"write\":{\"io_bytes\":0,\"bw_bytes\":0,\"iops\":0,\"total_ios\":0}}]}",
			     error, io_bytes, read_iops, p99) > 0);
	return doc;
}

/* Figures that would be cast to integers (NaN, negative, 1e300, beyond
 * 64 bits) are refused with the member named, not converted. */
static void figures_out_of_range(void **state)
{
	static const char *const bad[][5] = {
		/* iops, io_bytes, p99, error, reason */
		{ "NaN", "100", "9", "0", "job j: read.iops is NaN, out of range" },
		{ "-1", "100", "9", "0", "job j: read.iops is -1, out of range" },
		{ "1e300", "100", "9", "0", "read.iops is 1e300, out of range" },
		{ "\"5\"", "100", "9", "0", "read.iops is \"5\", not a number" },
		{ "null", "100", "9", "0", "read.iops is null, not a number" },
		{ "1", "-100", "9", "0", "read.io_bytes is -100, out of range" },
		{ "1", "1e300", "9", "0", "read.io_bytes is 1e300, out of range" },
		{ "1", "18446744073709551615", "9", "0", "read.io_bytes is 18446744073709551615, out of range" },
		{ "1", "100", "-5", "0", "read.clat_ns.percentile.99.000000 is -5, out of range" },
		{ "1", "100", "1e300", "0", "99.000000 is 1e300, out of range" },
		{ "1", "100", "{}", "0", "99.000000 is {" },
		{ "1", "100", "9", "\"EIO\"", "job j: error is \"EIO\", not an error number" },
		{ "1", "100", "9", "-3", "job j: error is -3" },
		{ "1", "100", "9", "1e300", "job j: error is 1e300" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *doc = job_with(bad[i][0], bad[i][1], bad[i][2], bad[i][3]);
		struct mb_fio_result r;
		char err[256] = "";

		print_message("# %s\n", doc);
		assert_int_equal(mb_fio_parse(doc, &r, err, sizeof(err)), -1);
		if (!strstr(err, bad[i][4]))
			fail_msg("reason '%s' does not say '%s'", err, bad[i][4]);
		assert_null(r.jobs);
		free(doc);
	}
}

static void figures_in_range(void **state)
{
	char *doc = job_with("4.6e18", "4600000000000000000", "0", "5");
	struct mb_fio_result r;
	char err[256];

	(void)state;
	assert_int_equal(mb_fio_parse(doc, &r, err, sizeof(err)), 0);
	assert_true(r.jobs[0].iops == 4.6e18);
	assert_true(r.jobs[0].io_bytes == 4600000000000000000ULL);
	assert_true(r.jobs[0].lat_p99_ns == 0);
	assert_int_equal(r.jobs[0].error, 5);
	mb_fio_result_free(&r);
	free(doc);
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
		cmocka_unit_test(figures_out_of_range),
		cmocka_unit_test(figures_in_range),
		cmocka_unit_test(default_job),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
