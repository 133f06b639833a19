#include "config.h"

#include "src/common/plot.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "src/common/outfile.h"

#define GNUPLOT "gnuplot"
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

/* gnuplot in dir with the script on stdin and the image file as its fd 3;
 * 0, or -1 with its stderr. */
static int run_gnuplot(const char *dir, const char *script, int image_fd, char *why, size_t len)
{
	int in[2], err[2], status = 0, got;
	pid_t pid;

	if (pipe2(in, O_CLOEXEC) || pipe2(err, O_CLOEXEC)) {
		snprintf(why, len, "pipe: %s", strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		if (dup2(in[0], 0) < 0 || dup2(err[1], 2) < 0 || dup2(err[1], 1) < 0 || chdir(dir) < 0 ||
		    (image_fd == IMAGE_FD ? fcntl(IMAGE_FD, F_SETFD, 0) : dup2(image_fd, IMAGE_FD)) < 0)
			_exit(127);
		execlp(GNUPLOT, GNUPLOT, (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(err[1]);
	if (pid > 0 && write(in[1], script, strlen(script)) < 0)
		status = -1;
	close(in[1]);
	got = read_all(err[0], why, len);
	close(err[0]);
	if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
		if (!got)
			snprintf(why, len, "%s could not run (exit status %d)", GNUPLOT,
				 pid > 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		return -1;
	}
	return 0;
}

int mb_plot_draw(const char *dir, const char *png_name, mb_plot_script_fn script_fn, void *ctx,
		 char *why, size_t len)
{
	static const char *const terminals[] = { "pngcairo", "png" };
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
	for (size_t t = 0; r != 0 && t < sizeof(terminals) / sizeof(terminals[0]); t++) {
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
		snprintf(why, len, "%s failed", GNUPLOT);
	return -1;
}
