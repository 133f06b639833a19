/* The report of a snapshot IO campaign, made from its journal alone (so a
 * resumed campaign reports the same way): a table of IOPS, bandwidth and
 * p99 latency per job and depth with the slowdown against depth 0 on
 * stdout (with --repeat: the runs described, median, intervals); snapio.json
 * (one document), snapio.csv, snapio-stats.csv, snapio.gp and, through
 * gnuplot, snapio.png in the output directory.  A plot that cannot be
 * drawn is a warning, never a lost result. */
#ifndef MB_SNAPIO_REPORT_H
#define MB_SNAPIO_REPORT_H

#include "src/snapio/snapio.h"

/* rc: the campaign's exit status so far.  Returns 0, or -1 if a result
 * file could not be written (reported on stderr). */
int mb_snapio_report(struct mb_snapio *s, int rc);

#endif
