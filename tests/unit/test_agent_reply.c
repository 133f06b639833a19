/* Unit tests of src/common/agent_reply.c: guest agent answers whose
 * members are missing, null, of the wrong type, out of range or huge are
 * refused with a reason, never a crash. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/common/agent_reply.h"

/* The status of answer text: what mb_agent_reply_status returns. */
static int status_of(const char *answer, struct mb_agent_result *r, char *err, size_t errlen)
{
	json_object *doc, *ret = mb_agent_reply_return(answer, &doc, err, errlen);
	int rc;

	memset(r, 0, sizeof(*r));
	if (!ret)
		return -2;
	rc = mb_agent_reply_status(ret, r, err, errlen);
	json_object_put(doc);
	return rc;
}

static void status_refused(const char *answer, const char *why)
{
	struct mb_agent_result r;
	char err[512] = "";

	assert_int_equal(status_of(answer, &r, err, sizeof(err)), -1);
	if (!strstr(err, why))
		fail_msg("%s: reason '%s' does not say '%s'", answer, err, why);
	mb_agent_result_free(&r);
}

static void a_whole_answer(void **state)
{
	struct mb_agent_result r;
	char err[256];

	(void)state;
	assert_int_equal(status_of("{\"return\":{\"exited\":true,\"exitcode\":3,\"out-data\":\"aGk=\","
				   "\"err-data\":\"b29wcwo=\",\"out-truncated\":true}}", &r, err, sizeof(err)), 1);
	assert_int_equal(r.exitcode, 3);
	assert_int_equal(r.signal, 0);
	assert_string_equal(r.out, "hi");
	assert_int_equal(r.out_len, 2);
	assert_string_equal(r.err, "oops\n");
	assert_true(r.out_truncated);
	assert_false(r.err_truncated);
	mb_agent_result_free(&r);
	/* Output members absent: empty, never NULL. */
	assert_int_equal(status_of("{\"return\":{\"exited\":true,\"signal\":9}}", &r, err, sizeof(err)), 1);
	assert_int_equal(r.exitcode, -1);
	assert_int_equal(r.signal, 9);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err, "");
	mb_agent_result_free(&r);
	assert_int_equal(status_of("{\"return\":{\"exited\":false}}", &r, err, sizeof(err)), 0);
	assert_null(r.out);
}

static void output_members_checked(void **state)
{
	(void)state;
	status_refused("{\"return\":{\"exited\":true,\"exitcode\":0,\"out-data\":null}}",
		       "\"out-data\" is not a string");
	status_refused("{\"return\":{\"exited\":true,\"err-data\":17}}", "\"err-data\" is not a string");
	status_refused("{\"return\":{\"exited\":true,\"err-data\":{\"a\":1}}}", "\"err-data\" is not a string");
	status_refused("{\"return\":{\"exited\":true,\"out-data\":\"!!!!\"}}", "not base64");
	status_refused("{\"return\":{\"exited\":true,\"out-data\":\"aGk=\\u0000AAAA\"}}", "not base64");
	status_refused("{\"return\":{\"exited\":true,\"out-truncated\":\"yes\"}}",
		       "\"out-truncated\" is not a boolean");
}

static void huge_output_refused(void **state)
{
	/* One base64 quantum more than 16 MiB of output needs. */
	size_t n = (MB_AGENT_OUTPUT_MAX / 3 + 2) * 4;
	const char *pre = "{\"return\":{\"exited\":true,\"out-data\":\"", *post = "\"}}";
	char *answer = malloc(strlen(pre) + n + strlen(post) + 1);

	(void)state;
	assert_non_null(answer);
	strcpy(answer, pre);
	memset(answer + strlen(pre), 'A', n);
	strcpy(answer + strlen(pre) + n, post);
	status_refused(answer, "more than 16 MiB");
	free(answer);
}

static void exit_status_checked(void **state)
{
	(void)state;
	status_refused("{\"return\":{}}", "no boolean \"exited\"");
	status_refused("{\"return\":{\"exited\":null}}", "no boolean \"exited\"");
	status_refused("{\"return\":{\"exited\":1}}", "no boolean \"exited\"");
	status_refused("{\"return\":{\"exited\":true,\"exitcode\":\"0\"}}", "\"exitcode\" is not an integer");
	status_refused("{\"return\":{\"exited\":true,\"exitcode\":1e300}}", "\"exitcode\" is not an integer");
	status_refused("{\"return\":{\"exited\":true,\"exitcode\":256}}", "\"exitcode\" 256 is out of range");
	status_refused("{\"return\":{\"exited\":true,\"exitcode\":-1}}", "out of range");
	status_refused("{\"return\":{\"exited\":true,\"signal\":0}}", "\"signal\" 0 is out of range");
	status_refused("{\"return\":{\"exited\":true,\"signal\":18446744073709551615}}", "out of range");
}

static int64_t pid_of(const char *answer, char *err, size_t errlen)
{
	json_object *doc, *ret = mb_agent_reply_return(answer, &doc, err, errlen);
	int64_t pid;

	assert_non_null(ret);
	pid = mb_agent_reply_pid(ret, err, errlen);
	json_object_put(doc);
	return pid;
}

static void pid_checked(void **state)
{
	static const char *const bad[] = {
		"{\"return\":{}}", "{\"return\":{\"pid\":null}}", "{\"return\":{\"pid\":\"12\"}}",
		"{\"return\":{\"pid\":12.5}}", "{\"return\":{\"pid\":0}}", "{\"return\":{\"pid\":-1}}",
		"{\"return\":{\"pid\":2147483648}}", "{\"return\":{\"pid\":9223372036854775808}}",
	};
	char err[256];

	(void)state;
	assert_int_equal(pid_of("{\"return\":{\"pid\":4242}}", err, sizeof(err)), 4242);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		assert_int_equal(pid_of(bad[i], err, sizeof(err)), -1);
		assert_true(strstr(err, "pid") != NULL);
	}
}

static void answer_checked(void **state)
{
	static const char *const bad[] = {
		"", "not json", "{\"error\":{\"class\":\"GenericError\"}}", "{\"return\":null}",
		"{\"return\":[1]}", "[]",
	};
	json_object *doc;
	char err[512];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_null(mb_agent_reply_return(bad[i], &doc, err, sizeof(err)));
		assert_null(doc);
		assert_non_null(strstr(err, "unexpected guest agent answer"));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_whole_answer),
		cmocka_unit_test(output_members_checked),
		cmocka_unit_test(huge_output_refused),
		cmocka_unit_test(exit_status_checked),
		cmocka_unit_test(pid_checked),
		cmocka_unit_test(answer_checked),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
