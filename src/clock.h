/* Moved to probes/clock.h (the prober shares it).  Kept only so that code
 * still including this name (src/run.c, branches in flight) builds; include
 * probes/clock.h instead, and delete this file once nothing names it. */
#ifndef MB_CLOCK_H
#define MB_CLOCK_H

#include "probes/clock.h"

#endif
