#include "config.h"

#include "src/run/trigger.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "probes/clock.h"
#include "src/common/json.h"

extern char **environ;

#define POLL_NS 20000000LL /* mb_trigger_wait's cadence */

/* The child gets what a shell would give it: no signal blocked, and not
 * the SIGPIPE we ignore (an ignored signal survives exec). */
static int spawn_attrs(posix_spawnattr_t *a)
{
	sigset_t none, dfl;

	sigemptyset(&none);
	sigemptyset(&dfl);
	sigaddset(&dfl, SIGPIPE);
	sigaddset(&dfl, SIGINT);
	sigaddset(&dfl, SIGTERM);
	if (posix_spawnattr_init(a))
		return -1;
	if (posix_spawnattr_setsigmask(a, &none) || posix_spawnattr_setsigdefault(a, &dfl) ||
	    posix_spawnattr_setflags(a, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)) {
		posix_spawnattr_destroy(a);
		return -1;
	}
	return 0;
}

static int spawn_files(posix_spawn_file_actions_t *f, int out)
{
	if (posix_spawn_file_actions_init(f))
		return -1;
	if (posix_spawn_file_actions_addopen(f, STDIN_FILENO, "/dev/null", O_RDONLY, 0) ||
	    posix_spawn_file_actions_adddup2(f, out, STDOUT_FILENO) ||
	    posix_spawn_file_actions_adddup2(f, out, STDERR_FILENO)) {
		posix_spawn_file_actions_destroy(f);
		return -1;
	}
	return 0;
}

int mb_trigger_start(struct mb_trigger *t, const char *cmdline, char *err, size_t errlen)
{
	posix_spawn_file_actions_t files;
	posix_spawnattr_t attrs;
	const char *why;
	int rc;

	memset(t, 0, sizeof(*t));
	t->cmdline = cmdline;
	if (mb_argsplit(cmdline, &t->args, &why)) {
		snprintf(err, errlen, "--trigger '%s': %s", cmdline, why);
		return -1;
	}
	t->out = tmpfile();
	if (!t->out) {
		snprintf(err, errlen, "trigger %s: temporary file for its output: %s", t->args.argv[0],
			 strerror(errno));
		return -1;
	}
	if (spawn_attrs(&attrs)) {
		snprintf(err, errlen, "trigger %s: spawn attributes: out of memory", t->args.argv[0]);
		return -1;
	}
	rc = spawn_files(&files, fileno(t->out));
	if (!rc) {
		t->start_ns = mb_now_ns();
		rc = posix_spawnp(&t->pid, t->args.argv[0], &files, &attrs, t->args.argv, environ);
		posix_spawn_file_actions_destroy(&files);
	}
	posix_spawnattr_destroy(&attrs);
	if (rc) {
		t->pid = 0;
		snprintf(err, errlen, "trigger %s: cannot run it: %s", t->args.argv[0],
			 strerror(rc > 0 ? rc : ENOMEM));
		return -1;
	}
	return 0;
}

bool mb_trigger_poll(struct mb_trigger *t)
{
	int ws;
	pid_t r;

	if (!t->pid || t->exited)
		return t->exited;
	do
		r = waitpid(t->pid, &ws, WNOHANG);
	while (r < 0 && errno == EINTR);
	if (r == t->pid) {
		t->exited = true;
		t->wstatus = ws;
		t->exit_ns = mb_now_ns();
	}
	return t->exited;
}

bool mb_trigger_wait(struct mb_trigger *t, int64_t deadline_ns)
{
	while (!mb_trigger_poll(t) && t->pid && mb_now_ns() < deadline_ns)
		mb_sleep_until_ns(mb_now_ns() + POLL_NS);
	return t->exited;
}

bool mb_trigger_failed(const struct mb_trigger *t)
{
	return t->exited && !(WIFEXITED(t->wstatus) && WEXITSTATUS(t->wstatus) == 0);
}

void mb_trigger_describe(const struct mb_trigger *t, char *buf, size_t len)
{
	if (!t->exited)
		snprintf(buf, len, "is still running");
	else if (WIFEXITED(t->wstatus))
		snprintf(buf, len, "exited with status %d", WEXITSTATUS(t->wstatus));
	else
		snprintf(buf, len, "was killed by signal %d", WTERMSIG(t->wstatus));
}

/* Up to cap bytes of the output from its start; *total its whole size.
 * pread and fstat: the file offset is the program's too (a shared
 * description), and it may still be writing. */
static size_t read_output(const struct mb_trigger *t, char *buf, size_t cap, long *total)
{
	struct stat st;
	ssize_t n;

	*total = 0;
	if (!t->out || fstat(fileno(t->out), &st))
		return 0;
	*total = (long)st.st_size;
	do
		n = pread(fileno(t->out), buf, cap, 0);
	while (n < 0 && errno == EINTR);
	return n < 0 ? 0 : (size_t)n;
}

void mb_trigger_first_line(const struct mb_trigger *t, char *buf, size_t len)
{
	char raw[256];
	long total;
	size_t n = read_output(t, raw, sizeof(raw), &total), o = 0;

	for (size_t i = 0; i < n && raw[i] != '\n' && o + 1 < len; i++)
		buf[o++] = raw[i] >= 0x20 && raw[i] < 0x7f ? raw[i] : '?';
	if (len)
		buf[o] = '\0';
}

static json_object *argv_json(const struct mb_args *a)
{
	json_object *arr = json_object_new_array();

	for (size_t i = 0; i < a->argc; i++)
		json_object_array_add(arr, json_object_new_string(a->argv[i]));
	return arr;
}

json_object *mb_trigger_json(const struct mb_trigger *t, int64_t t0_ns)
{
	json_object *o = json_object_new_object();
	bool normal = t->exited && WIFEXITED(t->wstatus);
	char *out = malloc(MB_TRIGGER_OUTPUT_MAX);
	long total = 0;
	size_t n = out ? read_output(t, out, MB_TRIGGER_OUTPUT_MAX, &total) : 0;

	mb_json_put_str(o, "command", t->cmdline);
	json_object_object_add(o, "argv", argv_json(&t->args));
	mb_json_put_known(o, "pid", t->pid ? t->pid : -1);
	mb_json_put_known(o, "start_ns", t->pid ? t->start_ns - t0_ns : -1);
	mb_json_put_known(o, "exit_ns", t->exited ? t->exit_ns - t0_ns : -1);
	mb_json_put_bool(o, "exited", t->exited);
	mb_json_put_known(o, "exit_status", normal ? WEXITSTATUS(t->wstatus) : -1);
	mb_json_put_known(o, "signal", t->exited && WIFSIGNALED(t->wstatus) ? WTERMSIG(t->wstatus) : -1);
	mb_json_put_text(o, "output", out ? out : "", n);
	mb_json_put_int(o, "output_bytes", total);
	mb_json_put_bool(o, "output_truncated", (long)n < total);
	free(out);
	return o;
}

void mb_trigger_free(struct mb_trigger *t)
{
	if (t->out)
		fclose(t->out);
	t->out = NULL;
	mb_args_free(&t->args);
}
