/* The application probe in a run (--app): started after the prober,
 * judged at the end of the baseline, its phase marks set from the run's
 * events, stopped with the other producers.  Every function does nothing
 * without --app, so run.c calls them unconditionally. */
#ifndef MB_RUN_APP_H
#define MB_RUN_APP_H

struct mb_run;

/* Opens and starts it; 0 or an exit status (the reason said). */
int mb_run_app_start(struct mb_run *run);
/* Drains its records (and watches the prober for the first reply after
 * the resume, once the event came); classifies what the marks allow. */
void mb_run_app_drain(struct mb_run *run);
/* At the end of the baseline: 0, or MB_EXIT_ENV when the service never
 * answered (said; no migration). */
int mb_run_app_check_baseline(struct mb_run *run);
/* After the migration call returned: the marks from its events. */
void mb_run_app_marks(struct mb_run *run);
/* After the tail: the last mark, the probe stopped (its due requests
 * finish or time out). */
void mb_run_app_stop(struct mb_run *run);
/* After the stop: drained, classified, problems said, app.csv committed. */
void mb_run_app_finish(struct mb_run *run);

#endif
