/* The command line of "migbench run": parsed and checked, nothing opened. */
#ifndef MB_RUN_OPTIONS_H
#define MB_RUN_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "src/common/cli.h"

enum mb_copy_storage { MB_COPY_NONE, MB_COPY_ALL, MB_COPY_INC };

#define MB_RUN_MAX_GUEST_EXEC 8                   /* --guest-exec, at most */

struct mb_run_options {
	const char *src, *dst, *domain, *target;
	const char *hosts_file, *connect_template, *migrate_uri;
	const char *json_path, *out_dir;
	int64_t interval_ns, late_after_ns, lost_after_ns;
	int64_t baseline_ns, tail_ns, timeout_ns; /* timeout 0: none */
	uint64_t bandwidth_mib;                   /* 0: libvirt's default */
	int64_t max_downtime_ns;                  /* 0: libvirt's default */
	int parallel;                             /* 0: single connection */
	int postcopy_after;                       /* iterations; -1: never switch */
	enum mb_copy_storage copy_storage;
	bool postcopy, compressed, auto_converge, persist, undefine_source, quiet;
	/* the data-volume capture */
	uint16_t port_lo, port_hi;                /* --ports, default 49152-49261 */
	const char *iface;                        /* NULL: the route to the destination */
	int64_t bin_ns;                           /* throughput bins, default 10 ms */
	bool no_capture;
	/* guest workloads (src/run/workload.h) */
	const char *workload;                     /* dirty:SIZE@RATE, or NULL */
	const char *guest_exec[MB_RUN_MAX_GUEST_EXEC];
	size_t n_guest_exec;
	/* the application probe (--app): app_url NULL with app set is the
	 * guest's HTTP server, "tcp" its echo service on port 7 */
	bool app;
	const char *app_url;
	double app_rate;                          /* requests per second */
	unsigned app_conns;
	int64_t app_timeout_ns;
};

#define MB_RUN_MIN_BIN_NS 100000LL            /* 100 us */
#define MB_RUN_MAX_BIN_NS 60000000000LL       /* 60 s */

/* 0 ok (or --help printed: *help set), else MB_EXIT_USAGE with the reason
 * printed as one line on stderr. */
int mb_run_options_parse(int argc, char **argv, struct mb_run_options *o, bool *help);
void mb_run_usage(FILE *out);

/* The option table of "migbench run" (a campaign checks its --sweep keys
 * and splits its own options from the runs' against it). */
const struct mb_cli_option *mb_run_option_table(void);

#endif
