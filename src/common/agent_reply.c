/* Guest agent answers, checked (agent_reply.h). */
#include "config.h"

#include "src/common/agent_reply.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/base64.h"

json_object *mb_agent_reply_return(const char *answer, json_object **doc, char *err,
				   size_t errlen)
{
	json_object *ret;

	*doc = json_tokener_parse(answer);
	if (*doc && json_object_object_get_ex(*doc, "return", &ret) &&
	    json_object_is_type(ret, json_type_object))
		return ret;
	snprintf(err, errlen, "unexpected guest agent answer: %.200s", answer);
	json_object_put(*doc);
	*doc = NULL;
	return NULL;
}

/* An integer member within [lo, hi]: 1 read, 0 absent, -1 mistyped or out
 * of range (reason in err). */
static int member_int(json_object *o, const char *key, int64_t lo, int64_t hi, int64_t *v,
		      char *err, size_t errlen)
{
	json_object *m;

	if (!json_object_object_get_ex(o, key, &m))
		return 0;
	if (!json_object_is_type(m, json_type_int)) {
		snprintf(err, errlen, "guest agent answer: \"%s\" is not an integer", key);
		return -1;
	}
	*v = json_object_get_int64(m);
	if (*v < lo || *v > hi || (*v == INT64_MAX && json_object_get_uint64(m) > INT64_MAX)) {
		snprintf(err, errlen, "guest agent answer: \"%s\" %s is out of range [%lld, %lld]", key,
			 json_object_to_json_string(m), (long long)lo, (long long)hi);
		return -1;
	}
	return 1;
}

/* A boolean member, false when absent; -1 when mistyped. */
static int member_bool(json_object *o, const char *key, bool *v, char *err, size_t errlen)
{
	json_object *m;

	*v = false;
	if (!json_object_object_get_ex(o, key, &m))
		return 0;
	if (!json_object_is_type(m, json_type_boolean)) {
		snprintf(err, errlen, "guest agent answer: \"%s\" is not a boolean", key);
		return -1;
	}
	*v = json_object_get_boolean(m);
	return 0;
}

int64_t mb_agent_reply_pid(json_object *ret, char *err, size_t errlen)
{
	int64_t pid;
	int r = member_int(ret, "pid", 1, INT32_MAX, &pid, err, errlen);

	if (r == 0)
		snprintf(err, errlen, "guest-exec answered without a pid");
	return r == 1 ? pid : -1;
}

/* A base64 output member, decoded and NUL-terminated; "" when absent. */
static int decode_member(json_object *ret, const char *key, char **out, size_t *len,
			 char *err, size_t errlen)
{
	json_object *v;
	const char *text = "";
	size_t n = 0;

	if (json_object_object_get_ex(ret, key, &v)) {
		if (!json_object_is_type(v, json_type_string)) {
			snprintf(err, errlen, "guest agent answer: \"%s\" is not a string", key);
			return -1;
		}
		text = json_object_get_string(v);
		n = (size_t)json_object_get_string_len(v);
	}
	if (n > mb_base64_encoded_len(MB_AGENT_OUTPUT_MAX)) {
		snprintf(err, errlen, "guest agent answer: \"%s\" holds %zu characters, more than %d MiB of output",
			 key, n, MB_AGENT_OUTPUT_MAX >> 20);
		return -1;
	}
	*out = malloc(n / 4 * 3 + 4);
	if (!*out) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (strlen(text) != n || mb_base64_decode(text, (unsigned char *)*out, len)) {
		snprintf(err, errlen, "guest agent sent \"%s\" that is not base64", key);
		return -1;
	}
	(*out)[*len] = '\0';
	return 0;
}

int mb_agent_reply_status(json_object *ret, struct mb_agent_result *r, char *err, size_t errlen)
{
	json_object *ex;
	int64_t code = -1, sig = 0;

	if (!json_object_object_get_ex(ret, "exited", &ex) ||
	    !json_object_is_type(ex, json_type_boolean)) {
		snprintf(err, errlen, "guest agent answer: no boolean \"exited\"");
		return -1;
	}
	if (!json_object_get_boolean(ex))
		return 0;
	if (member_int(ret, "exitcode", 0, 255, &code, err, errlen) < 0 ||
	    member_int(ret, "signal", 1, 255, &sig, err, errlen) < 0 ||
	    member_bool(ret, "out-truncated", &r->out_truncated, err, errlen) ||
	    member_bool(ret, "err-truncated", &r->err_truncated, err, errlen) ||
	    decode_member(ret, "out-data", &r->out, &r->out_len, err, errlen) ||
	    decode_member(ret, "err-data", &r->err, &r->err_len, err, errlen))
		return -1;
	r->exitcode = sig ? -1 : (int)code;
	r->signal = (int)sig;
	return 1;
}

void mb_agent_result_free(struct mb_agent_result *r)
{
	free(r->out);
	free(r->err);
	r->out = r->err = NULL;
}
