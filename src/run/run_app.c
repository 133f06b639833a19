#include "config.h"

#include "src/run/run_app.h"

#include <string.h>

#include "analysis/units.h"
#include "analysis/url.h"
#include "probes/clock.h"
#include "src/common/exitcode.h"
#include "src/run/run.h"

/* A run without a release this long classifies early (and says so). */
#define HOLD_S 600

/* --app alone (or "guest", "http"): the guest's HTTP server; "tcp": its
 * echo service; anything else is a URL (checked by the option parser). */
static void app_url(const struct mb_run *run, char *buf, size_t len)
{
	const char *u = run->opt->app_url;
	char host[MB_URL_HOST_MAX + 3];

	(void)mb_url_host_text(run->target, host, sizeof(host)); /* an address: it fits */
	if (!u)
		snprintf(buf, len, "http://%s/", host);
	else if (!strcmp(u, "tcp"))
		snprintf(buf, len, "tcp://%s:7", host);
	else
		snprintf(buf, len, "%s", u);
}

int mb_run_app_start(struct mb_run *run)
{
	const struct mb_run_options *o = run->opt;
	char url[2048], csv[4096], err[1024];
	struct mb_app_pipeline_config cfg = {
		.url = url, .rate = o->app_rate, .conns = o->app_conns,
		.timeout_ns = o->app_timeout_ns, .t0_ns = run->t0_ns, .hold_s = HOLD_S,
	};
	int r;

	if (!o->app)
		return 0;
	app_url(run, url, sizeof(url));
	if (o->out_dir) {
		if (mb_outfile_join(csv, sizeof(csv), o->out_dir, "app.csv")) {
			mb_run_error(run, "--out '%s': path too long", o->out_dir);
			return MB_EXIT_USAGE;
		}
		cfg.csv_path = csv;
	}
	r = mb_app_pipeline_open(&run->app, &cfg, err, sizeof(err));
	if (!r) {
		run->app_on = true;
		r = mb_app_pipeline_start(&run->app, err, sizeof(err));
	}
	if (r)
		mb_run_error(run, "--app %s: %s", url, err);
	return r;
}

void mb_run_app_drain(struct mb_run *run)
{
	int64_t resumed;

	/* The prober's watch serves the ledger with or without --app. */
	if (run->migration_started && run->probing && !run->probe.watch_ns &&
	    (resumed = mb_events_dst_resumed(&run->events)) > 0)
		mb_pipeline_watch_replies(&run->probe, resumed);
	if (!run->app_on)
		return;
	mb_app_pipeline_drain(&run->app);
	/* Before the call no mark can come; after mb_run_app_marks every one
	 * before now is known.  In between the records wait. */
	if (!run->migration_started || run->app_marked)
		mb_app_pipeline_release(&run->app, mb_now_ns());
}

int mb_run_app_check_baseline(struct mb_run *run)
{
	char d[32];

	if (!run->app_on)
		return 0;
	mb_format_duration(run->opt->baseline_ns, d, sizeof(d));
	return mb_app_pipeline_check_baseline(&run->app, d, run->errors, stderr);
}

void mb_run_app_marks(struct mb_run *run)
{
	int64_t suspended, resumed;

	if (!run->app_on || !run->migration_started)
		return;
	suspended = mb_events_first(&run->events, "src", "lifecycle", "suspended");
	resumed = mb_events_dst_resumed(&run->events);
	mb_app_pipeline_mark(&run->app, MB_APP_MARK_MIGRATION, run->mig.start_ns);
	/* An event outside the call is not this migration's pause. */
	if (suspended > run->mig.start_ns && suspended <= run->mig.end_ns)
		mb_app_pipeline_mark(&run->app, MB_APP_MARK_SUSPENDED, suspended);
	if (resumed > run->mig.start_ns && resumed <= run->mig.end_ns)
		mb_app_pipeline_mark(&run->app, MB_APP_MARK_RESUMED, resumed);
	mb_app_pipeline_mark(&run->app, MB_APP_MARK_END, run->mig.end_ns);
	run->app_marked = true;
	mb_run_app_drain(run);
}

void mb_run_app_stop(struct mb_run *run)
{
	if (!run->app_on)
		return;
	if (run->app_marked)
		mb_app_pipeline_mark(&run->app, MB_APP_MARK_TAIL_END, run->end_ns);
	mb_app_pipeline_stop(&run->app);
}

void mb_run_app_finish(struct mb_run *run)
{
	char err[1024];

	if (!run->app_on)
		return;
	mb_app_pipeline_drain(&run->app);
	mb_app_pipeline_report_problems(&run->app, run->errors, stderr);
	if (mb_app_pipeline_commit(&run->app, err, sizeof(err))) {
		run->out_failed = true;
		mb_run_error(run, "--out: %s", err);
	}
}
