#include "config.h"

#include "probes/clock.h"

int64_t mb_clock_realtime_offset(int64_t *err_ns)
{
	int64_t best_span = INT64_MAX, offset = 0;

	for (int k = 0; k < 9; k++) {
		int64_t m1 = mb_now_ns();
		int64_t r = mb_realtime_ns();
		int64_t m2 = mb_now_ns();

		if (m2 - m1 < best_span) {
			best_span = m2 - m1;
			offset = r - (m1 + (m2 - m1) / 2);
		}
	}
	*err_ns = (best_span + 1) / 2;
	return offset;
}
