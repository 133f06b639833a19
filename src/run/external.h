/* A migration migbench does not start itself (watch, run --trigger):
 * read-only access where it suffices, the trigger program, waiting for
 * the job to begin on the source, and how it ended. */
#ifndef MB_EXTERNAL_H
#define MB_EXTERNAL_H

#include "src/run/run.h"

/* On a read-only source: job statistics must be readable; if libvirt
 * refuses them read-only, the source is opened again read-write and the
 * run says so.  0, or -1 with the error recorded. */
int mb_external_access(struct mb_run *run);
/* Replaces the read-only source connection (and the domain) with a
 * read-write one, saying why it is needed.  0, or -1 (recorded). */
int mb_external_read_write(struct mb_run *run, const char *why);

/* Starts --trigger's program; 0, or MB_EXIT_TRIGGER (recorded). */
int mb_external_start_trigger(struct mb_run *run);
/* Samples the source every 100 ms until the domain's migration job
 * begins: 0 with mig.start_ns set to the job's own start (its elapsed
 * time back from the sample) and migration_started; or, recorded,
 * MB_EXIT_NO_MIGRATION (none within --timeout, or a signal) or
 * MB_EXIT_TRIGGER (the program failed before any migration began). */
int mb_external_wait(struct mb_run *run);
/* The source's job is gone: the migration is over (mig.end_ns). */
void mb_external_ended(struct mb_run *run);
/* A signal while measuring another's migration: the measuring stops, the
 * migration is left alone. */
void mb_external_interrupted(struct mb_run *run, const char *why);
/* After the monitor: completed if the guest runs on the destination.
 * 0, or MB_EXIT_MIGRATION (recorded). */
int mb_external_settle(struct mb_run *run);
/* After the tail: the program's end, waited for a little. */
void mb_external_trigger_done(struct mb_run *run);

#endif
