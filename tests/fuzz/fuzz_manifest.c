/* A guest's sha256sum listings of the campaign directory
 * (analysis/snapio/manifest.c): two parsed and compared. */
#include "config.h"

#include "tests/fuzz/fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "analysis/snapio/manifest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mb_manifest a, b;
	struct mb_manifest_diff d;
	char err[256], text[512];
	/* Two listings: the first half of the input, the second. */
	char *s1 = mb_fuzz_string(data, size / 2), *s2 = mb_fuzz_string(data + size / 2, size - size / 2);

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	if (mb_manifest_parse(s1, &a, err, sizeof(err)) == 0 &&
	    mb_manifest_parse(s2, &b, err, sizeof(err)) == 0 && !mb_manifest_compare(&a, &b, &d))
		mb_manifest_diff_text(&d, text, sizeof(text));
	mb_manifest_free(&a);
	mb_manifest_free(&b);
	free(s1);
	free(s2);
	return 0;
}
