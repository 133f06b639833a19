/* A small text file an option names (run --dst-xml), read whole: what a
 * user points at is not trusted for its size or its kind. */
#ifndef MB_TEXTFILE_H
#define MB_TEXTFILE_H

#include <stddef.h>

/* The contents of path, NUL-terminated and malloc'd: a regular file of at
 * most max bytes, with no NUL byte in it.  NULL with err "PATH: why". */
char *mb_textfile_read(const char *path, size_t max, char *err, size_t errlen);

#endif
