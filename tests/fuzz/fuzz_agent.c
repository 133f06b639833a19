/* A guest agent's answer, read as src/common/agent.c reads it
 * (src/common/agent_reply.c): json-c's parser, the "return" object, then
 * that object as guest-exec's answer (the pid) and as guest-exec-status's
 * (exit status, signal, base64 output streams).  The whole input is also
 * decoded as base64 (analysis/base64.c). */
#include "config.h"

#include "tests/fuzz/fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "analysis/base64.h"
#include "src/common/agent_reply.h"

static void decode(const char *text)
{
	/* The least base64.h asks for. */
	size_t cap = strlen(text) / 4 * 3 + 3, n = 0;
	unsigned char *out = malloc(cap);

	if (!out)
		abort();
	if (mb_base64_decode(text, out, &n) == 0 && n > cap)
		abort();
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = mb_fuzz_string(data, size);
	struct mb_agent_result r;
	json_object *doc = NULL, *ret;
	char err[512];

	ret = mb_agent_reply_return(s, &doc, err, sizeof(err));
	if (ret) {
		mb_agent_reply_pid(ret, err, sizeof(err));
		memset(&r, 0, sizeof(r));
		/* Ended: the output is there, decoded and terminated. */
		if (mb_agent_reply_status(ret, &r, err, sizeof(err)) == 1 &&
		    (!r.out || !r.err || r.out[r.out_len] || r.err[r.err_len]))
			abort();
		mb_agent_result_free(&r);
	}
	json_object_put(doc);
	decode(s);
	free(s);
	return 0;
}
