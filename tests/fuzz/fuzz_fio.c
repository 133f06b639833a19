/* fio's --output-format=json as the guest sends it back
 * (analysis/snapio/fio.c). */
#include "config.h"

#include "tests/fuzz/fuzz.h"

#include <stdlib.h>

#include "analysis/snapio/fio.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mb_fio_result r = { 0 };
	char err[256];
	char *s = mb_fuzz_string(data, size);

	if (mb_fio_parse(s, &r, err, sizeof(err)) == 0 && r.n && !r.jobs)
		abort();
	mb_fio_result_free(&r);
	free(s);
	return 0;
}
