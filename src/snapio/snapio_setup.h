/* Getting a campaign going: a new one (every check before anything is
 * changed), or the one journaled in --out (the domain must still match
 * the journal).  Both return 0 with the context ready for the step loop,
 * or an exit status with the reason printed. */
#ifndef MB_SNAPIO_SETUP_H
#define MB_SNAPIO_SETUP_H

#include <stdbool.h>

#include "src/snapio/snapio.h"

int mb_snapio_setup_new(struct mb_snapio *s);                     /* snapio_setup.c */
/* *finished: nothing left to do (the report is rewritten). */
int mb_snapio_setup_resume(struct mb_snapio *s, bool *finished); /* snapio_resume.c */

/* Shared by both: HOST resolved as in the migration mode, and the write
 * plan and step shape from the config. */
int mb_snapio_connect(struct mb_snapio *s, const char *arg);
int mb_snapio_make_plan(struct mb_snapio *s);

#endif
