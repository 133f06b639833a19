/* The data-volume probe of a run: which interface to capture on (the
 * kernel's route to the destination, or --iface), which address is the
 * migration source, the capture itself and the link counters around it.
 * Used by `migbench run` and `migbench analyze --live`. */
#ifndef MB_CAPTURE_PIPELINE_H
#define MB_CAPTURE_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "probes/capture.h"
#include "probes/netlink.h"
#include "src/analyze/report_volume.h"

struct mb_capture_request {
	const char *iface;            /* --iface; NULL: the route to dst_addr */
	const char *iface_option;     /* the option that named it, for messages */
	const char *dst_addr;         /* address or name the migration stream goes to */
	const char *src_addr;         /* the source's address or name; NULL: by ports */
	const char *src_addr_source;  /* where src_addr came from, for reports */
	uint16_t port_lo, port_hi;
	int64_t bin_ns;
	int64_t origin_ns;            /* CLOCK_MONOTONIC start of bin 0 */
};

struct mb_capture_pipeline {
	struct mb_capture *cap;
	char iface[64];
	char iface_source[128];       /* "--iface", "route to 10.213.4.12" */
	char src_addr[64];            /* numeric; "" when direction is by ports */
	char src_addr_source[160];
	struct mb_link_counters before, delta;
	bool have_before, have_delta, running, stopped;
	struct mb_capture_stats st;   /* after stop */
};

/* Resolves the interface (which must exist and be up) and the source
 * address, reads the link counters and activates the capture.  0, or an
 * exit status (src/exitcode.h) with the reason in err: MB_EXIT_ENV for no
 * route, no such interface, an interface down, no permission to capture. */
int mb_capture_pipeline_open(struct mb_capture_pipeline *p, const struct mb_capture_request *rq,
			     char *err, size_t errlen);
int mb_capture_pipeline_start(struct mb_capture_pipeline *p, char *err, size_t errlen);
/* Stops the capture, reads the link counters again.  A counter read that
 * fails leaves the delta out and says why in err (returns -1). */
int mb_capture_pipeline_stop(struct mb_capture_pipeline *p, char *err, size_t errlen);
/* The view for reports (hypervisor figures and t0 to be filled in). */
void mb_capture_pipeline_view(const struct mb_capture_pipeline *p, struct mb_volume_view *v);
/* The bins as CSV, atomically (src/outfile.h).  0 or -1. */
int mb_capture_pipeline_write_bins(const struct mb_capture_pipeline *p, const char *path,
				   int64_t t0_ns, char *err, size_t errlen);
void mb_capture_pipeline_free(struct mb_capture_pipeline *p);

#endif
