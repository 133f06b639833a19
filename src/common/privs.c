#include "config.h"

#include "src/common/privs.h"

#include <stdio.h>

#include <cap-ng.h>

int mb_privs_drop(unsigned keep, char *err, size_t errlen)
{
	const struct { unsigned cap, flag; } wanted[] = {
		{ CAP_DAC_OVERRIDE, 0 },
		{ CAP_SYS_NICE, MB_PRIVS_KEEP_NICE },
		{ CAP_NET_RAW, MB_PRIVS_KEEP_NET_RAW },
	};
	const size_t n = sizeof(wanted) / sizeof(wanted[0]);
	unsigned held[sizeof(wanted) / sizeof(wanted[0])];
	size_t nheld = 0;
	int rc;

	if (capng_get_caps_process() != 0) {
		snprintf(err, errlen, "capabilities: cannot read this process's");
		return -1;
	}
	if (capng_have_capabilities(CAPNG_SELECT_CAPS) == CAPNG_NONE)
		return 0;
	/* Only what is held can be kept. */
	for (size_t i = 0; i < n; i++)
		if ((!wanted[i].flag || (keep & wanted[i].flag)) &&
		    capng_have_capability(CAPNG_PERMITTED, wanted[i].cap))
			held[nheld++] = wanted[i].cap;
	capng_clear(CAPNG_SELECT_BOTH);
	for (size_t i = 0; i < nheld; i++)
		if (capng_update(CAPNG_ADD, CAPNG_EFFECTIVE | CAPNG_PERMITTED, held[i])) {
			snprintf(err, errlen, "capabilities: cannot keep capability %u", held[i]);
			return -1;
		}
	/* The bounding set needs CAP_SETPCAP (root has it; a binary with only
	 * file capabilities, or a second call, does not): then the thread's
	 * sets alone. */
	rc = capng_apply(CAPNG_SELECT_BOTH);
	if (rc != 0)
		rc = capng_apply(CAPNG_SELECT_CAPS);
	if (rc != 0) {
		snprintf(err, errlen, "capabilities: cannot drop them (libcap-ng error %d)", rc);
		return -1;
	}
	return 0;
}
