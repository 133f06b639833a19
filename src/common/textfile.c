#include "config.h"

#include "src/common/textfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Up to cap bytes into buf; the count, or -1 with errno. */
static ssize_t read_up_to(int fd, char *buf, size_t cap)
{
	size_t got = 0;

	while (got < cap) {
		ssize_t n = read(fd, buf + got, cap - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

static const char *too_large(size_t max, char *why, size_t len)
{
	snprintf(why, len, "larger than %zu KiB", max >> 10);
	return why;
}

static const char *kind_problem(int fd, size_t max, char *why, size_t len)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return strerror(errno);
	if (!S_ISREG(st.st_mode))
		return "not a regular file";
	if ((unsigned long long)st.st_size > max)
		return too_large(max, why, len);
	return NULL;
}

/* The file's text into text (max + 2 bytes); NULL, or what is wrong. */
static const char *read_text(int fd, char *text, size_t max, char *why, size_t len)
{
	/* One byte more than allowed: a file that grew since fstat shows it. */
	ssize_t n = read_up_to(fd, text, max + 1);

	if (n < 0)
		return strerror(errno);
	if ((size_t)n > max)
		return too_large(max, why, len);
	if (memchr(text, '\0', (size_t)n))
		return "holds a NUL byte: not a text file";
	text[n] = '\0';
	return NULL;
}

char *mb_textfile_read(const char *path, size_t max, char *err, size_t errlen)
{
	/* O_NONBLOCK: a FIFO given by mistake is refused, not waited on. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	char why[64], *text = NULL;
	const char *problem = fd < 0 ? strerror(errno) : kind_problem(fd, max, why, sizeof(why));

	if (!problem && !(text = malloc(max + 2)))
		problem = "out of memory";
	if (!problem)
		problem = read_text(fd, text, max, why, sizeof(why));
	if (fd >= 0)
		close(fd);
	if (problem) {
		snprintf(err, errlen, "%s: %s", path, problem);
		free(text);
		return NULL;
	}
	return text;
}
