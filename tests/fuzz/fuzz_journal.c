/* The snapio journal as --resume and --unwind read it back
 * (src/snapio/snapio_journal.c): the input as DIR/journal.json, opened,
 * loaded, and every member a resumed campaign reads taken from it (the
 * cursor, each layer's names, flags and manifest). */
#include "config.h"

#include "tests/fuzz/fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "src/snapio/snapio_journal.h"

static void members(struct mb_journal *j, const struct mb_snapio_config *cfg)
{
	static const char *const keys[] = { "snapshot", "overlay" };
	struct mb_snapio_cursor c;
	struct mb_manifest m;

	mb_journal_get_cursor(j, &c);
	for (unsigned i = 0; i <= cfg->layers; i++) {
		for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
			(void)mb_journal_layer_str(j, i, keys[k]);
		(void)mb_journal_layer_flag(j, i, "created");
		memset(&m, 0, sizeof(m));
		mb_journal_get_manifest(j, i, &m);
		mb_manifest_free(&m);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mb_snapio_config cfg;
	struct mb_journal j;
	char err[1024];

	/* The journal lives in the campaign directory: the scratch one. */
	if (mb_journal_open(&j, mb_fuzz_dir(), false, err, sizeof(err)))
		abort();
	mb_fuzz_write(MB_JOURNAL_NAME, data, size);
	memset(&cfg, 0, sizeof(cfg));
	if (mb_journal_load(&j, &cfg, err, sizeof(err)) == 0)
		members(&j, &cfg);
	mb_snapio_config_free(&cfg);
	mb_journal_close(&j);
	return 0;
}
