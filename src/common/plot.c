#include "config.h"

#include "src/common/plot.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "src/common/outfile.h"

/* The gnuplot configure found (src/local.mk), or plain "gnuplot" for
 * PATH when it found none. */
#ifndef MB_GNUPLOT
#error "MB_GNUPLOT must name the gnuplot program (src/local.mk passes it)"
#endif
/* gnuplot writes the image to a file we created (mkstemp: never a name
 * someone planted a symlink at) and hand it as this descriptor. */
#define IMAGE_FD 3
#define IMAGE_PATH "/dev/fd/3"

static int read_all(int fd, char *buf, size_t len)
{
	size_t got = 0;
	ssize_t r;

	while (len && got < len - 1 && (r = read(fd, buf + got, len - 1 - got)) > 0)
		got += (size_t)r;
	if (len)
		buf[got] = '\0';
	return (int)got;
}

/* gnuplot in dir, stdin from in, stdout and stderr to out, the image file
 * as IMAGE_FD: 0 or an errno (posix_spawn reports a failed exec, so a
 * missing gnuplot is ENOENT).  A dup2 onto itself clears FD_CLOEXEC. */
static int spawn_gnuplot(const char *dir, int in, int out, int image, pid_t *pid)
{
	char *const argv[] = { (char *)MB_GNUPLOT, NULL };
	posix_spawn_file_actions_t fa;
	int r = posix_spawn_file_actions_init(&fa);

	if (r)
		return r;
	r = posix_spawn_file_actions_adddup2(&fa, in, 0);
	if (!r)
		r = posix_spawn_file_actions_adddup2(&fa, out, 1);
	if (!r)
		r = posix_spawn_file_actions_adddup2(&fa, out, 2);
	if (!r)
		r = posix_spawn_file_actions_adddup2(&fa, image, IMAGE_FD);
	if (!r)
		r = posix_spawn_file_actions_addchdir_np(&fa, dir);
	if (!r)
		r = posix_spawnp(pid, MB_GNUPLOT, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	return r;
}

/* A gnuplot that dies before reading its script must not kill us with
 * SIGPIPE: it is blocked around the write and, pending, discarded. */
static ssize_t write_script(int fd, const char *script)
{
	struct timespec zero = { 0, 0 };
	sigset_t pipe_set, old;
	ssize_t n;

	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
	n = write(fd, script, strlen(script));
	/* Raised also when part of the script was written (n > 0). */
	while (sigtimedwait(&pipe_set, NULL, &zero) == SIGPIPE)
		;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return n;
}

/* gnuplot in dir with the script on stdin and the image file as its
 * IMAGE_FD; 0, or -1 with its stderr. */
static int run_gnuplot(const char *dir, const char *script, int image, char *why, size_t len)
{
	int in[2], err[2], status = 0, got, r;
	pid_t pid;

	if (pipe2(in, O_CLOEXEC) || pipe2(err, O_CLOEXEC)) {
		snprintf(why, len, "pipe: %s", strerror(errno));
		return -1;
	}
	r = spawn_gnuplot(dir, in[0], err[1], image, &pid);
	close(in[0]);
	close(err[1]);
	if (r) {
		close(in[1]);
		close(err[0]);
		snprintf(why, len, "cannot run %s: %s%s", MB_GNUPLOT, strerror(r),
			 r == ENOENT ? " (install the Debian package gnuplot-nox)" : "");
		return -1;
	}
	if (write_script(in[1], script) < 0)
		status = -1;
	close(in[1]);
	got = read_all(err[0], why, len);
	close(err[0]);
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
		if (!got)
			snprintf(why, len, "%s failed (%s %d)", MB_GNUPLOT,
				 WIFEXITED(status) ? "exit status" : "signal",
				 WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
		return -1;
	}
	return 0;
}

int mb_plot_draw(const char *dir, const char *png_name, mb_plot_script_fn script_fn, void *ctx,
		 char *why, size_t len)
{
	static const char *const png[] = { "pngcairo", "png", NULL }, *const svg[] = { "svg", NULL };
	size_t n = strlen(png_name);
	/* A name ending in .svg is drawn by the svg terminal. */
	const char *const *terminals = n > 4 && !strcmp(png_name + n - 4, ".svg") ? svg : png;
	char tmp[4200], final[4200], tmp_name[256];
	int fd, r = -1;

	snprintf(tmp_name, sizeof(tmp_name), ".%s.XXXXXX", png_name);
	if (mb_outfile_join(tmp, sizeof(tmp), dir, tmp_name) ||
	    mb_outfile_join(final, sizeof(final), dir, png_name)) {
		snprintf(why, len, "%s: path too long", dir);
		return -1;
	}
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		snprintf(why, len, "%s: %s", tmp, strerror(errno));
		return -1;
	}
	(void)fchmod(fd, 0644);
	why[0] = '\0';
	for (size_t t = 0; r != 0 && terminals[t]; t++) {
		char *script = script_fn(ctx, terminals[t], IMAGE_PATH);

		r = script ? run_gnuplot(dir, script, fd, why, len) : -1;
		free(script);
	}
	if (close(fd) == 0 && r == 0 && rename(tmp, final) == 0)
		return 0;
	if (r == 0)
		snprintf(why, len, "%s: %s", final, strerror(errno));
	unlink(tmp);
	why[strcspn(why, "\n")] = '\0';
	if (!why[0])
		snprintf(why, len, "%s failed", MB_GNUPLOT);
	return -1;
}
