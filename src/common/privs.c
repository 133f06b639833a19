#include "config.h"

#include "src/common/privs.h"

#include <stdio.h>

#include <cap-ng.h>

int mb_privs_drop(bool realtime, char *err, size_t errlen)
{
	const unsigned keep[] = { CAP_DAC_OVERRIDE, CAP_SYS_NICE };
	size_t n = realtime ? 2 : 1;
	unsigned held[2];
	size_t nheld = 0;
	int rc;

	if (capng_get_caps_process() != 0) {
		snprintf(err, errlen, "capabilities: cannot read this process's");
		return -1;
	}
	if (capng_have_capabilities(CAPNG_SELECT_CAPS) == CAPNG_NONE)
		return 0;
	/* Only what is held can be kept. */
	for (size_t i = 0; i < n && nheld < sizeof(held) / sizeof(held[0]); i++)
		if (capng_have_capability(CAPNG_PERMITTED, keep[i]))
			held[nheld++] = keep[i];
	capng_clear(CAPNG_SELECT_BOTH);
	for (size_t i = 0; i < nheld; i++)
		if (capng_update(CAPNG_ADD, CAPNG_EFFECTIVE | CAPNG_PERMITTED, held[i])) {
			snprintf(err, errlen, "capabilities: cannot keep capability %u", held[i]);
			return -1;
		}
	/* The bounding set needs CAP_SETPCAP (root has it; a binary with only
	 * file capabilities does not): then the thread's sets alone. */
	rc = capng_apply(CAPNG_SELECT_BOTH);
	if (rc != 0)
		rc = capng_apply(CAPNG_SELECT_CAPS);
	if (rc != 0) {
		snprintf(err, errlen, "capabilities: cannot drop them (libcap-ng error %d)", rc);
		return -1;
	}
	return 0;
}
