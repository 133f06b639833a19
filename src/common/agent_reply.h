/* The guest agent's answers, read: every member the guest sends is
 * checked for its type and range before it is used.  A pid from the guest
 * is only ever echoed back to the agent.  No libvirt here: unit-tested
 * (tests/unit/test_agent_reply.c). */
#ifndef MB_AGENT_REPLY_H
#define MB_AGENT_REPLY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

/* qemu-ga keeps at most this much of each output stream. */
#define MB_AGENT_OUTPUT_MAX (16 << 20)

struct mb_agent_result {
	int64_t pid;
	int exitcode;              /* 0..255; -1 when ended by a signal */
	int signal;                /* the signal, 0 if none */
	char *out, *err;           /* decoded and NUL-terminated (never NULL after OK) */
	size_t out_len, err_len;
	bool out_truncated, err_truncated; /* the agent keeps at most 16 MiB */
	int64_t duration_ns;
};

/* The "return" object of an agent's answer; *doc owns it.  NULL with the
 * reason in err (not JSON, an error answer, no object to return). */
json_object *mb_agent_reply_return(const char *answer, json_object **doc, char *err,
				   size_t errlen);

/* guest-exec's "pid": 1..INT32_MAX, or -1 with the reason in err. */
int64_t mb_agent_reply_pid(json_object *ret, char *err, size_t errlen);

/* A guest-exec-status "return": 1 ended (r's exit status and output
 * filled), 0 still running, -1 with the reason in err.  r's buffers are
 * freed by mb_agent_result_free, whatever the outcome. */
int mb_agent_reply_status(json_object *ret, struct mb_agent_result *r, char *err, size_t errlen);

void mb_agent_result_free(struct mb_agent_result *r);

#endif
