/* SIGINT and SIGTERM end a measurement cleanly: the flag below is the one
 * global of the program; loops poll it. */
#ifndef MB_SIGNALS_H
#define MB_SIGNALS_H

#include <stdbool.h>

void mb_signals_install(void);
bool mb_signal_pending(void);
/* The signal number received, 0 if none. */
int mb_signal_number(void);

#endif
