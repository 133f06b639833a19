/* Guest agent commands through libvirt-qemu (agent.h). */
#include "config.h"

#include "src/common/agent.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>
#include <libvirt/libvirt-qemu.h>

#include "analysis/base64.h"
#include "probes/clock.h"
#include "src/common/signals.h"
#include "src/common/virt.h"

/* How long one agent request may take; the guest program itself is
 * bounded by the caller's timeout. */
#define REQUEST_TIMEOUT_S 30
#define POLL_MIN_NS 20000000LL   /* 20 ms: short commands answer fast */
#define POLL_MAX_NS 500000000LL  /* 500 ms: long ones need no more */

/* Sends a request; the "return" member of the answer, or NULL with the
 * reason in err.  *doc owns the answer. */
static json_object *request(virDomainPtr dom, json_object *req, json_object **doc,
			    char *err, size_t errlen)
{
	const char *text = json_object_to_json_string_ext(req, JSON_C_TO_STRING_PLAIN |
							  JSON_C_TO_STRING_NOSLASHESCAPE);
	char *answer = virDomainQemuAgentCommand(dom, text, REQUEST_TIMEOUT_S, 0);
	json_object *ret;

	*doc = NULL;
	if (!answer) {
		snprintf(err, errlen, "%s", mb_virt_last_error());
		return NULL;
	}
	ret = mb_agent_reply_return(answer, doc, err, errlen);
	free(answer);
	return ret;
}

static json_object *command(const char *name, json_object *args)
{
	json_object *req = json_object_new_object();

	json_object_object_add(req, "execute", json_object_new_string(name));
	if (args)
		json_object_object_add(req, "arguments", args);
	return req;
}

int mb_agent_ping(virDomainPtr dom, int timeout_s, char *err, size_t errlen)
{
	char *answer = virDomainQemuAgentCommand(dom, "{\"execute\":\"guest-ping\"}", timeout_s, 0);

	if (!answer) {
		snprintf(err, errlen, "%s", mb_virt_last_error());
		return -1;
	}
	free(answer);
	return 0;
}

int mb_agent_await(virDomainPtr dom, int64_t timeout_ns, char *err, size_t errlen)
{
	int64_t deadline = mb_now_ns() + timeout_ns;

	for (;;) {
		if (mb_agent_ping(dom, 2, err, errlen) == 0)
			return 0;
		if (mb_signal_pending()) {
			snprintf(err, errlen, "interrupted by signal %d", mb_signal_number());
			return -1;
		}
		if (mb_now_ns() >= deadline)
			return -1;
		mb_sleep_ns(500000000LL);
	}
}

static json_object *exec_args(const struct mb_agent_cmd *cmd)
{
	json_object *args = json_object_new_object(), *argv = json_object_new_array();

	json_object_object_add(args, "path", json_object_new_string(cmd->path));
	for (size_t i = 0; i < cmd->argc; i++)
		json_object_array_add(argv, json_object_new_string(cmd->argv[i]));
	json_object_object_add(args, "arg", argv);
	json_object_object_add(args, "capture-output", json_object_new_boolean(1));
	if (cmd->input) {
		char *b64 = malloc(mb_base64_encoded_len(cmd->input_len) + 1);

		if (!b64) {
			json_object_put(args);
			return NULL;
		}
		mb_base64_encode(cmd->input, cmd->input_len, b64);
		json_object_object_add(args, "input-data", json_object_new_string(b64));
		free(b64);
	}
	return args;
}

/* guest-exec: the pid, or -1 with the reason in err. */
static int64_t start(virDomainPtr dom, const struct mb_agent_cmd *cmd, char *err, size_t errlen)
{
	json_object *args = exec_args(cmd), *req, *doc, *ret;
	int64_t p = -1;

	if (!args) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	req = command("guest-exec", args);
	ret = request(dom, req, &doc, err, errlen);
	if (ret)
		p = mb_agent_reply_pid(ret, err, errlen);
	json_object_put(doc);
	json_object_put(req);
	return p;
}

/* One guest-exec-status: 1 ended (r filled), 0 running, -1 error. */
static int poll_once(virDomainPtr dom, int64_t pid, struct mb_agent_result *r,
		     char *err, size_t errlen)
{
	json_object *args = json_object_new_object(), *req, *doc, *ret;
	int ended = -1;

	json_object_object_add(args, "pid", json_object_new_int64(pid));
	req = command("guest-exec-status", args);
	ret = request(dom, req, &doc, err, errlen);
	if (ret)
		ended = mb_agent_reply_status(ret, r, err, errlen);
	json_object_put(doc);
	json_object_put(req);
	return ended;
}

/* Best effort: a program past its deadline must not write on while the
 * campaign goes on.  The pid is the guest's own. */
static void kill_in_guest(virDomainPtr dom, int64_t pid)
{
	char num[32];
	const char *argv[] = { "-KILL", num };
	struct mb_agent_cmd k = { .path = "/bin/kill", .argv = argv, .argc = 2 };
	char err[256];
	int64_t kp;

	snprintf(num, sizeof(num), "%lld", (long long)pid);
	kp = start(dom, &k, err, sizeof(err));
	if (kp > 0) {
		struct mb_agent_result r;

		memset(&r, 0, sizeof(r));
		mb_sleep_ns(POLL_MAX_NS);
		poll_once(dom, kp, &r, err, sizeof(err));
		mb_agent_result_free(&r);
	}
}

enum mb_agent_status mb_agent_wait(virDomainPtr dom, int64_t pid, int64_t timeout_ns,
				   struct mb_agent_result *r, char *err, size_t errlen)
{
	int64_t t0 = mb_now_ns(), deadline = t0 + timeout_ns, pause = POLL_MIN_NS;

	memset(r, 0, sizeof(*r));
	r->pid = pid;
	for (;;) {
		int ended = poll_once(dom, pid, r, err, errlen);

		r->duration_ns = mb_now_ns() - t0;
		if (ended > 0)
			return MB_AGENT_OK;
		if (ended < 0)
			return MB_AGENT_ERROR;
		if (mb_signal_pending()) {
			snprintf(err, errlen, "interrupted by signal %d", mb_signal_number());
			return MB_AGENT_INTERRUPTED;
		}
		if (mb_now_ns() >= deadline) {
			kill_in_guest(dom, pid);
			snprintf(err, errlen, "still running after %.0f s: killed",
				 (double)timeout_ns / 1e9);
			return MB_AGENT_TIMEOUT;
		}
		mb_sleep_ns(pause); /* a signal ends it: the flag is polled above */
		pause = pause * 2 > POLL_MAX_NS ? POLL_MAX_NS : pause * 2;
	}
}

enum mb_agent_status mb_agent_exec(virDomainPtr dom, const struct mb_agent_cmd *cmd,
				   struct mb_agent_result *r, char *err, size_t errlen)
{
	int64_t t0 = mb_now_ns(), pid;
	enum mb_agent_status st;

	memset(r, 0, sizeof(*r));
	pid = start(dom, cmd, err, errlen);
	if (pid < 0)
		return MB_AGENT_ERROR;
	if (cmd->started)
		cmd->started(cmd->data, pid);
	st = mb_agent_wait(dom, pid, cmd->timeout_ns, r, err, errlen);
	r->duration_ns = mb_now_ns() - t0;
	return st;
}

int64_t mb_agent_spawn(virDomainPtr dom, const struct mb_agent_cmd *cmd, char *err, size_t errlen)
{
	return start(dom, cmd, err, errlen);
}

int mb_agent_poll(virDomainPtr dom, int64_t pid, struct mb_agent_result *r, char *err, size_t errlen)
{
	memset(r, 0, sizeof(*r));
	r->pid = pid;
	return poll_once(dom, pid, r, err, errlen);
}

int mb_agent_kill(virDomainPtr dom, int64_t pid, const char *sig, char *err, size_t errlen)
{
	char num[32], opt[16];
	const char *argv[] = { opt, num };
	struct mb_agent_cmd k = { .path = "/bin/kill", .argv = argv, .argc = 2,
				  .timeout_ns = 10 * MB_NS_PER_S };
	struct mb_agent_result r;
	enum mb_agent_status st;

	snprintf(opt, sizeof(opt), "-%s", sig);
	snprintf(num, sizeof(num), "%lld", (long long)pid);
	st = mb_agent_exec(dom, &k, &r, err, errlen);
	if (st == MB_AGENT_OK && r.exitcode != 0)
		snprintf(err, errlen, "/bin/kill %s %s exited with %d: %.200s", opt, num, r.exitcode,
			 r.err ? r.err : "");
	mb_agent_result_free(&r);
	return st == MB_AGENT_OK && r.exitcode == 0 ? 0 : -1;
}

