/* A guest agent's answer to guest-exec-status, read as src/common/agent.c
 * reads it: json-c's parser, the "return" object, its members, and the
 * base64 output streams (analysis/base64.c), each decoded into a buffer
 * sized from its text as agent.c sizes it.  The whole input is also
 * decoded as base64. */
#include "config.h"

#include "tests/fuzz/fuzz.h"

#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "analysis/base64.h"

static void decode(const char *text)
{
	/* The least base64.h asks for (agent.c adds a byte for a NUL). */
	size_t cap = strlen(text) / 4 * 3 + 3, n = 0;
	unsigned char *out = malloc(cap);

	if (!out)
		abort();
	if (mb_base64_decode(text, out, &n) == 0 && n > cap)
		abort();
	free(out);
}

static void members(json_object *ret)
{
	static const char *const streams[] = { "out-data", "err-data" };
	json_object *v;

	if (json_object_object_get_ex(ret, "exited", &v))
		(void)json_object_get_boolean(v);
	if (json_object_object_get_ex(ret, "exitcode", &v))
		(void)json_object_get_int(v);
	if (json_object_object_get_ex(ret, "pid", &v))
		(void)json_object_get_int64(v);
	for (size_t i = 0; i < 2; i++)
		if (json_object_object_get_ex(ret, streams[i], &v) && json_object_is_type(v, json_type_string))
			decode(json_object_get_string(v));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = mb_fuzz_string(data, size);
	json_object *doc = json_tokener_parse(s), *ret;

	if (doc && json_object_object_get_ex(doc, "return", &ret))
		members(ret);
	json_object_put(doc);
	decode(s);
	free(s);
	return 0;
}
