/* SIGINT and SIGTERM end a measurement cleanly: the flag below is the one
 * global of the program; loops poll it. */
#ifndef MB_SIGNALS_H
#define MB_SIGNALS_H

#include <stdbool.h>

/* SIGINT and SIGTERM set the flag.  No SA_RESTART: a sleep in the polling
 * loop ends at once. */
void mb_signals_install(void);
/* A vanished peer (libvirt's connections) must give an error, not kill
 * us.  Not part of mb_signals_install: `migbench probe` keeps the default
 * disposition. */
void mb_signals_ignore_sigpipe(void);
bool mb_signal_pending(void);
/* The signal number received, 0 if none. */
int mb_signal_number(void);

#endif
