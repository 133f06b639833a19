/* The command line of "migbench run": parsed and checked, nothing opened. */
#ifndef MB_RUN_OPTIONS_H
#define MB_RUN_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "src/common/cli.h"

enum mb_copy_storage { MB_COPY_NONE, MB_COPY_ALL, MB_COPY_INC };

/* Who starts the migration that is measured. */
enum mb_trigger_kind {
	MB_TRIGGER_LIBVIRT,  /* migbench itself, virDomainMigrateToURI3 (run) */
	MB_TRIGGER_PROGRAM,  /* run --trigger PROGRAM; migbench waits for the job */
	MB_TRIGGER_EXTERNAL, /* someone else (watch); migbench only waits */
};
#define MB_RUN_MAX_GUEST_EXEC 8                   /* --guest-exec, at most */

struct mb_run_options {
	const char *src, *dst, *domain, *target;
	int target_family;                        /* --target's: AF_INET or AF_INET6; 0 none */
	bool ipv6;                                /* --ipv6: the guest's IPv6 address by default */
	const char *hosts_file, *connect_template, *migrate_uri;
	const char *json_path, *out_dir;
	int64_t interval_ns, late_after_ns, lost_after_ns;
	int64_t baseline_ns, tail_ns, timeout_ns; /* timeout 0: none */
	uint64_t bandwidth_mib;                   /* 0: libvirt's default */
	int64_t max_downtime_ns;                  /* 0: libvirt's default */
	int parallel;                             /* 0: single connection */
	int postcopy_after;                       /* iterations; -1: never switch */
	enum mb_copy_storage copy_storage;
	const char *dst_xml;                      /* --dst-xml FILE: VIR_MIGRATE_PARAM_DEST_XML */
	bool postcopy, compressed, auto_converge, persist, undefine_source, quiet;
	/* the data-volume capture */
	uint16_t port_lo, port_hi;                /* --ports, default 49152-49261 */
	const char *iface;                        /* NULL: the route to the destination */
	int64_t bin_ns;                           /* throughput bins, default 10 ms */
	bool no_capture;
	bool no_dirty_rate;                       /* no libvirt dirty-rate calculation */
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
	/* who migrates: --trigger's command line (PROGRAM), watch (EXTERNAL) */
	enum mb_trigger_kind trigger_kind;
	const char *trigger;
	bool read_only;                           /* connect read-only where it can (watch) */
	int count;                                /* watch --count: migrations to measure */
	const char *nova_log;                     /* watch --nova-log: read after the migration */
	/* Set by a campaign or watch --count before all but the last run:
	 * the next run opens its sockets again, so CAP_NET_RAW stays (privs.h). */
	bool more_runs;
};

/* run --trigger without --timeout: how long the migration may take to begin. */
#define MB_TRIGGER_DEFAULT_WAIT_NS (300LL * 1000000000)

#define MB_RUN_MIN_BIN_NS 100000LL            /* 100 us */
#define MB_RUN_MAX_BIN_NS 60000000000LL       /* 60 s */

/* 0 ok (or --help printed: *help set), else MB_EXIT_USAGE with the reason
 * printed as one line on stderr. */
int mb_run_options_parse(int argc, char **argv, struct mb_run_options *o, bool *help);
void mb_run_usage(FILE *out);
/* The same for "migbench watch": run's options that measure, --count. */
int mb_watch_options_parse(int argc, char **argv, struct mb_run_options *o, bool *help);
void mb_watch_usage(FILE *out);

/* The option table of "migbench run" (a campaign checks its --sweep keys
 * and splits its own options from the runs' against it). */
const struct mb_cli_option *mb_run_option_table(void);

#endif
