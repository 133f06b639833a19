/* Getting a campaign going: a new one (every check before anything is
 * changed), or the one journaled in --out (the domain must still match
 * the journal).  Both return 0 with the context ready for the step loop,
 * or an exit status with the reason printed. */
#ifndef MB_SNAPIO_SETUP_H
#define MB_SNAPIO_SETUP_H

#include <stdbool.h>

#include "src/snapio.h"

int mb_snapio_setup_new(struct mb_snapio *s);
/* *finished: nothing left to do (the report is rewritten). */
int mb_snapio_setup_resume(struct mb_snapio *s, bool *finished);

#endif
