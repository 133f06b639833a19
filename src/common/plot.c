#include "config.h"

#include "src/common/plot.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "src/common/outfile.h"

/* The gnuplot configure found (src/local.mk), or plain "gnuplot" for
 * PATH when it found none. */
#ifndef MB_GNUPLOT
#error "MB_GNUPLOT must name the gnuplot program (src/local.mk passes it)"
#endif

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

/* gnuplot in dir, stdin from in, stdout and stderr to out: 0 or an errno
 * (posix_spawn reports a failed exec, so a missing gnuplot is ENOENT). */
static int spawn_gnuplot(const char *dir, int in, int out, pid_t *pid)
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
		r = posix_spawn_file_actions_addchdir_np(&fa, dir);
	if (!r)
		r = posix_spawnp(pid, MB_GNUPLOT, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	return r;
}

/* gnuplot in dir with the script on stdin; 0, or -1 with its stderr. */
static int run_gnuplot(const char *dir, const char *script, char *why, size_t len)
{
	int in[2], err[2], status = 0, got, r;
	pid_t pid;

	if (pipe2(in, O_CLOEXEC) || pipe2(err, O_CLOEXEC)) {
		snprintf(why, len, "pipe: %s", strerror(errno));
		return -1;
	}
	r = spawn_gnuplot(dir, in[0], err[1], &pid);
	close(in[0]);
	close(err[1]);
	if (r) {
		close(in[1]);
		close(err[0]);
		snprintf(why, len, "cannot run %s: %s%s", MB_GNUPLOT, strerror(r),
			 r == ENOENT ? " (install the Debian package gnuplot-nox)" : "");
		return -1;
	}
	if (write(in[1], script, strlen(script)) < 0)
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
	char tmp_name[256], tmp[4200], final[4200];

	snprintf(tmp_name, sizeof(tmp_name), ".%s.tmp", png_name);
	if (mb_outfile_join(tmp, sizeof(tmp), dir, tmp_name) ||
	    mb_outfile_join(final, sizeof(final), dir, png_name)) {
		snprintf(why, len, "%s: path too long", dir);
		return -1;
	}
	why[0] = '\0';
	for (size_t t = 0; terminals[t]; t++) {
		char *script = script_fn(ctx, terminals[t], tmp_name);
		int r = script ? run_gnuplot(dir, script, why, len) : -1;

		free(script);
		if (r == 0 && rename(tmp, final) == 0)
			return 0;
	}
	unlink(tmp);
	why[strcspn(why, "\n")] = '\0';
	if (!why[0])
		snprintf(why, len, "%s failed", MB_GNUPLOT);
	return -1;
}
