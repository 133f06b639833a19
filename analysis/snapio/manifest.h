/* Checksum manifests: what a directory holds, as `sha256sum` prints it,
 * and the comparison of what it should hold with what it holds.  Pure. */
#ifndef MB_ANALYSIS_MANIFEST_H
#define MB_ANALYSIS_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>

#define MB_SHA256_HEX 64

struct mb_manifest_entry {
	char *name;                      /* relative, without a leading "./" */
	char sha256[MB_SHA256_HEX + 1];  /* lowercase hex; "" in an expectation: any */
};

struct mb_manifest {
	struct mb_manifest_entry *e;     /* sorted by name, names unique */
	size_t n, cap;
};

/* Parses sha256sum output: lines "HEX  NAME" (or "HEX *NAME"), names
 * relative ("./" is dropped).  Returns 0, or -1 with the offending line in
 * err (bad checksum, empty or nested name, a name twice). */
int mb_manifest_parse(const char *text, struct mb_manifest *m, char *err, size_t errlen);

/* Adds one entry (sha256 may be "" or NULL: any content).  -1 if the name
 * is there already, is not a plain file name, or out of memory. */
int mb_manifest_add(struct mb_manifest *m, const char *name, const char *sha256);

const struct mb_manifest_entry *mb_manifest_find(const struct mb_manifest *m, const char *name);
void mb_manifest_free(struct mb_manifest *m);

struct mb_manifest_diff {
	size_t missing, unexpected, changed;
	/* The first name of each kind, for a one-line reason. */
	char first_missing[128], first_unexpected[128], first_changed[128];
};

/* Compares a directory's actual manifest with the expected one. True when
 * they agree: the same names, and equal checksums wherever the
 * expectation has one. */
bool mb_manifest_compare(const struct mb_manifest *expected, const struct mb_manifest *actual,
			 struct mb_manifest_diff *d);

/* "2 missing (layer002-file0001.dat, ...), 1 unexpected (...)". */
void mb_manifest_diff_text(const struct mb_manifest_diff *d, char *buf, size_t len);

#endif
