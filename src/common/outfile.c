/* Atomic result files: temp file in the same directory, fsync, rename.
 * A target that exists and is not a regular file (/dev/null, /dev/stdout,
 * a FIFO) is written in place instead: a rename would replace the device
 * node or the pipe with a file, and there is nothing half-written to fear
 * in a stream someone else reads.  A symlink is followed there only when
 * root or this user made it (/dev/stdout is root's): one another user
 * planted in the output directory is replaced by the result, never
 * written through (migbench often runs as root). */
#include "config.h"

#include "src/common/outfile.h"
#include "src/common/exitcode.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct mb_outstream {
	FILE *f;
	char *path;
	char *tmp;
};

int mb_outfile_join(char *buf, size_t len, const char *dir, const char *name)
{
	int n = snprintf(buf, len, "%s/%s", dir, name);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

int mb_outdir_ensure(const char *dir, char *err, size_t errlen)
{
	struct stat st;

	if (mkdir(dir, 0755) == 0)
		return 0;
	if (errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	snprintf(err, errlen, "%s: %s", dir, errno == EEXIST ? "not a directory" : strerror(errno));
	return -1;
}

/* "dir/.name.XXXXXX" next to path: hidden, and on the same file system. */
static char *temp_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	const char *base = path + dirlen;
	size_t len = dirlen + 1 + strlen(base) + 8;
	char *t = malloc(len);

	if (t)
		snprintf(t, len, "%.*s.%s.XXXXXX", (int)dirlen, path, base);
	return t;
}

/* mkstemp with the mode an ordinary result file gets (mkstemp uses 0600). */
static int open_temp(const char *path, char **tmp, char *err, size_t errlen)
{
	int fd;

	*tmp = temp_name(path);
	if (!*tmp) {
		snprintf(err, errlen, "%s: %s", path, strerror(ENOMEM));
		return -1;
	}
	fd = mkstemp(*tmp);
	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		free(*tmp);
		*tmp = NULL;
		return -1;
	}
	(void)fchmod(fd, 0644);
	return fd;
}

/* Whether path is written in place; *st is then the file written, and
 * *via_link whether a (trusted) symlink names it. */
static bool in_place(const char *path, struct stat *st, bool *via_link)
{
	struct stat lst;

	*via_link = false;
	if (lstat(path, &lst) != 0)
		return false;
	if (S_ISLNK(lst.st_mode)) {
		if ((lst.st_uid != 0 && lst.st_uid != geteuid()) || stat(path, st) != 0)
			return false;
		*via_link = true;
	} else {
		*st = lst;
	}
	return !S_ISREG(st->st_mode) && !S_ISDIR(st->st_mode);
}

/* The descriptor to write: a temp file (*tmp its name), or the target
 * itself when it is written in place (*tmp NULL). */
static int open_target(const char *path, char **tmp, char *err, size_t errlen)
{
	struct stat st, now;
	bool via_link;
	int fd;

	if (!in_place(path, &st, &via_link))
		return open_temp(path, tmp, err, errlen);
	*tmp = NULL;
	fd = open(path, O_WRONLY | O_CLOEXEC | (via_link ? 0 : O_NOFOLLOW));
	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	/* What was checked is what was opened: a name swapped meanwhile for
	 * another symlink is refused. */
	if (fstat(fd, &now) != 0 || now.st_dev != st.st_dev || now.st_ino != st.st_ino) {
		snprintf(err, errlen, "%s: replaced while it was opened", path);
		close(fd);
		return -1;
	}
	return fd;
}

/* Only a temp file goes away: never the target written in place. */
static void drop_temp(const char *tmp)
{
	if (tmp)
		unlink(tmp);
}

int mb_outfile_check(const char *path, char *err, size_t errlen)
{
	struct stat st;
	bool via_link;
	char *tmp;
	int fd;

	/* The temp file would be made, the rename onto a directory refused. */
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s: %s", path, strerror(EISDIR));
		return -1;
	}

	/* Opening a FIFO for writing would wait for its reader. */
	if (in_place(path, &st, &via_link)) {
		if (access(path, W_OK) == 0)
			return 0;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	fd = open_temp(path, &tmp, err, errlen);

	if (fd < 0)
		return -1;
	close(fd);
	unlink(tmp);
	free(tmp);
	return 0;
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* fsync before rename: after a crash the name points at the whole file or
 * at the previous one, never at an empty one. */
static int finish(int fd, const char *tmp, const char *path, char *err, size_t errlen)
{
	if (!tmp) { /* in place: a device or pipe has nothing to sync or rename */
		if (close(fd) == 0)
			return 0;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fsync(fd) < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		close(fd);
		unlink(tmp);
		return -1;
	}
	if (close(fd) < 0 || rename(tmp, path) < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

int mb_outfile_write_json(const char *path, struct json_object *obj,
			  char *err, size_t errlen)
{
	const char *text = json_object_to_json_string_ext(obj,
		JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE);
	char *tmp;
	int fd, rc;

	if (!text) {
		snprintf(err, errlen, "%s: %s", path, strerror(ENOMEM));
		return -1;
	}
	fd = open_target(path, &tmp, err, errlen);
	if (fd < 0)
		return -1;
	if (write_all(fd, text, strlen(text)) < 0 || write_all(fd, "\n", 1) < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		close(fd);
		drop_temp(tmp);
		free(tmp);
		return -1;
	}
	rc = finish(fd, tmp, path, err, errlen);
	free(tmp);
	return rc;
}

int mb_outstream_open(struct mb_outstream **out, const char *path, char *err, size_t errlen)
{
	struct mb_outstream *s = calloc(1, sizeof(*s));
	int fd;

	*out = NULL;
	if (!s || !(s->path = strdup(path))) {
		free(s);
		snprintf(err, errlen, "%s: %s", path, strerror(ENOMEM));
		return -1;
	}
	fd = open_target(path, &s->tmp, err, errlen);
	if (fd < 0 || !(s->f = fdopen(fd, "w"))) {
		if (fd >= 0) {
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			close(fd);
			drop_temp(s->tmp);
		}
		free(s->tmp);
		free(s->path);
		free(s);
		return -1;
	}
	*out = s;
	return 0;
}

FILE *mb_outstream_file(struct mb_outstream *s)
{
	return s->f;
}

const char *mb_outstream_path(const struct mb_outstream *s)
{
	return s->path;
}

static void outstream_free(struct mb_outstream *s)
{
	free(s->tmp);
	free(s->path);
	free(s);
}

int mb_outstream_commit(struct mb_outstream *s, char *err, size_t errlen)
{
	int rc = 0;

	/* Same order as finish(): data on disk before the name moves. */
	errno = 0;
	if (fflush(s->f) != 0 || ferror(s->f) || (s->tmp && fsync(fileno(s->f)) < 0)) {
		snprintf(err, errlen, "%s: %s", s->path, strerror(errno ? errno : EIO));
		mb_outstream_abort(s);
		return -1;
	}
	if (fclose(s->f) != 0 || (s->tmp && rename(s->tmp, s->path) < 0)) {
		snprintf(err, errlen, "%s: %s", s->path, strerror(errno));
		drop_temp(s->tmp);
		rc = -1;
	}
	outstream_free(s);
	return rc;
}

void mb_outstream_abort(struct mb_outstream *s)
{
	if (!s)
		return;
	fclose(s->f);
	drop_temp(s->tmp);
	outstream_free(s);
}

int mb_outfile_write_text(const char *path, const char *buf, size_t len, char *err, size_t errlen)
{
	struct mb_outstream *s;

	if (mb_outstream_open(&s, path, err, errlen))
		return -1;
	if (fwrite(buf, 1, len, mb_outstream_file(s)) != len) {
		snprintf(err, errlen, "%s: write failed", path);
		mb_outstream_abort(s);
		return -1;
	}
	return mb_outstream_commit(s, err, errlen);
}

int mb_outstream_finish(struct mb_outstream *s, int write_errno, char *err, size_t errlen)
{
	if (!s)
		return 0;
	if (write_errno) {
		snprintf(err, errlen, "%s: %s", mb_outstream_path(s), strerror(write_errno));
		mb_outstream_abort(s);
		return -1;
	}
	return mb_outstream_commit(s, err, errlen);
}

int mb_outfile_emit_json(const char *where, const char *opt, const char *path, struct json_object *doc)
{
	char err[1024];
	int rc = 0;

	if (mb_outfile_write_json(path, doc, err, sizeof(err))) {
		fprintf(stderr, "migbench: %s%s%s: %s\n", where ? where : "", where ? ": " : "", opt, err);
		rc = MB_EXIT_ENV;
	}
	json_object_put(doc);
	return rc;
}
