/* migbench analyze --ping-log: the outage analysis and report of
 * `migbench probe` on a saved iputils ping log (src/cmd_analyze_ping.c),
 * so a lab's old `ping -i 0.002 GUEST` logs compare with migbench's own
 * figures.  cmd_analyze.c parses the command line and hands over. */
#ifndef MB_ANALYZE_PING_H
#define MB_ANALYZE_PING_H

#include <stdbool.h>
#include <stdint.h>

#include "analysis/pingline.h"

struct mb_analyze_ping_opts {
	const char *path;       /* the log; "-" for standard input */
	const char *json_path;  /* NULL: no JSON */
	int64_t interval_ns;    /* 0: infer it from ping -D timestamps */
	int64_t late_after_ns, lost_after_ns;
	enum mb_ping_format format; /* --ping-format; AUTO: detected */
	bool quiet;
};

#define MB_ANALYZE_PING_LATE_AFTER_NS 100000000LL /* as migbench probe */
#define MB_ANALYZE_PING_LOST_AFTER_NS 1000000000LL

/* Reads, analyzes, reports.  Returns the exit status. */
int mb_analyze_ping(const struct mb_analyze_ping_opts *o);

#endif
