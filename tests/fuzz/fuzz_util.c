/* tests/fuzz/fuzz.h's helpers, shared by every harness. */
#include "config.h"

#include "tests/fuzz/fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *mb_fuzz_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* The one temp file, for atexit(): test code, not migbench's. */
static char fuzz_path[64];

static void remove_file(void)
{
	unlink(fuzz_path);
}

const char *mb_fuzz_file(const uint8_t *data, size_t size)
{
	FILE *f;

	if (!fuzz_path[0]) {
		const char *dir = getenv("TMPDIR");
		int fd;

		snprintf(fuzz_path, sizeof(fuzz_path), "%s/mbfuzz.XXXXXX", dir && *dir ? dir : "/tmp");
		fd = mkstemp(fuzz_path);
		if (fd < 0)
			abort();
		close(fd);
		atexit(remove_file);
	}
	f = fopen(fuzz_path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f))
		abort();
	return fuzz_path;
}
