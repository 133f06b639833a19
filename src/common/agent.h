/* The guest agent: is it there, and run a program in the guest
 * (guest-exec, then guest-exec-status until it ends).  Requests are built
 * and answers read with json-c; program arguments travel as a JSON array,
 * never through a shell command line of ours. */
#ifndef MB_AGENT_H
#define MB_AGENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libvirt/libvirt.h>

#include "src/common/agent_reply.h"

enum mb_agent_status {
	MB_AGENT_OK = 0,           /* the program ran to its end: see exitcode */
	MB_AGENT_ERROR = -1,       /* the agent could not run or report it (err) */
	MB_AGENT_TIMEOUT = -2,     /* still running at the deadline (killed) */
	MB_AGENT_INTERRUPTED = -3, /* a signal came; the program runs on */
};

struct mb_agent_cmd {
	const char *path;
	const char *const *argv;   /* arguments after the program name */
	size_t argc;
	const void *input;         /* stdin, or NULL */
	size_t input_len;
	int64_t timeout_ns;
	/* Told the guest's pid as soon as the program runs, so a journal can
	 * wait for it after a crash of ours.  May be NULL. */
	void (*started)(void *data, int64_t pid);
	void *data;
};

/* The result (struct mb_agent_result, mb_agent_result_free) and the
 * checked reading of the agent's answers: agent_reply.h. */

/* guest-ping: 0, or -1 with libvirt's reason in err. */
int mb_agent_ping(virDomainPtr dom, int timeout_s, char *err, size_t errlen);

/* Pings until the agent answers or timeout_ns passes (or a signal).
 * 0, or -1 with the last reason in err. */
int mb_agent_await(virDomainPtr dom, int64_t timeout_ns, char *err, size_t errlen);

enum mb_agent_status mb_agent_exec(virDomainPtr dom, const struct mb_agent_cmd *cmd,
				   struct mb_agent_result *r, char *err, size_t errlen);

/* Waits for a program started earlier (by pid) to end; its output is
 * collected as by mb_agent_exec.  MB_AGENT_ERROR when the agent does not
 * know the pid (the guest restarted, or the status was already taken). */
enum mb_agent_status mb_agent_wait(virDomainPtr dom, int64_t pid, int64_t timeout_ns,
				   struct mb_agent_result *r, char *err, size_t errlen);

/* Starts a program and returns at once: its pid, or -1 with the reason
 * (a program that does not exist in the guest fails here). */
int64_t mb_agent_spawn(virDomainPtr dom, const struct mb_agent_cmd *cmd, char *err, size_t errlen);

/* One look at a program started earlier: 1 ended (r filled as by
 * mb_agent_wait; free it), 0 still running, -1 with the reason. */
int mb_agent_poll(virDomainPtr dom, int64_t pid, struct mb_agent_result *r, char *err, size_t errlen);

/* Sends a signal ("TERM", "KILL") to a guest pid with the guest's
 * /bin/kill, run without a shell.  0, or -1 with the reason. */
int mb_agent_kill(virDomainPtr dom, int64_t pid, const char *sig, char *err, size_t errlen);

#endif
