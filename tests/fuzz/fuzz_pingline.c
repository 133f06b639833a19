/* One line of a ping log (analysis/pingline.c), exactly as long as the
 * input: no terminator to lean on. */
#include "config.h"

#include "tests/fuzz/fuzz.h"

#include <stdlib.h>

#include "analysis/pingline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mb_pingline l;

	mb_pingline_parse((const char *)data, size, &l);
	/* A HEADER's target points into the line. */
	if (l.kind == MB_PINGLINE_HEADER && l.target &&
	    (l.target < (const char *)data || l.target + l.target_len > (const char *)data + size))
		abort();
	return 0;
}
