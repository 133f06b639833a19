/* app_driver: run the application probe (probes/app.c) for a while and
 * print its figures (analysis/app.c) as one JSON document, so the
 * end-to-end tests can check them against what they injected.
 *
 *   app_driver URL RATE CONNS DURATION_MS TIMEOUT_MS [--csv FILE]
 *              [--marks M0,M1,M2,M3,M4]
 *
 * --marks sets the phase marks (MIGRATION, SUSPENDED, RESUMED, END,
 * TAIL_END) in ms after the first request's deadline; "-" leaves one
 * unknown.  Every time in the JSON is ns after that deadline, t0_ns
 * (CLOCK_MONOTONIC), which the CSV's times are relative to as well.  Exit 0 when
 * the probe ran, 2 when it could not start (the message on stderr). */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analysis/app.h"
#include "probes/app.h"
#include "probes/clock.h"

#define MS 1000000LL

struct run {
	struct mb_app_probe *probe;
	struct mb_app *fig;
	FILE *csv;
	int64_t t0;
};

static void drain(struct run *r)
{
	struct mb_app_request buf[256];
	char line[256];
	size_t n;

	while ((n = mb_app_probe_pop(r->probe, buf, 256)) > 0)
		for (size_t i = 0; i < n; i++) {
			if (mb_app_add(r->fig, &buf[i]) < 0)
				fprintf(stderr, "app_driver: malformed record %" PRIu64 "\n", buf[i].seq);
			if (r->csv) {
				mb_app_csv_row(&buf[i], r->t0, line, sizeof(line));
				fputs(line, r->csv);
			}
		}
}

static int64_t rel(int64_t t, int64_t t0)
{
	return t < 0 ? -1 : t - t0;
}

static void print_latency(const char *name, const struct mb_app_latency *l)
{
	printf("\"%s\": {\"count\": %" PRIu64 ", \"min_ns\": %" PRId64 ", \"p50_ns\": %" PRId64
	       ", \"p99_ns\": %" PRId64 ", \"p999_ns\": %" PRId64 ", \"max_ns\": %" PRId64
	       ", \"mean_ns\": %" PRId64 "}", name, l->count, l->min_ns, l->p50_ns, l->p99_ns,
	       l->p999_ns, l->max_ns, l->mean_ns);
}

static void print_phase(const char *name, const struct mb_app_phase_figures *f, int64_t t0)
{
	printf("\"%s\": {\"known\": %s, \"start_ns\": %" PRId64 ", \"end_ns\": %" PRId64
	       ", \"requests\": %" PRIu64 ", \"completed\": %" PRIu64 ", \"throughput\": %.3f"
	       ", \"errors\": %" PRIu64 ", \"reconnects\": %" PRIu64 ", \"outcomes\": {",
	       name, f->known ? "true" : "false", rel(f->start_ns, t0), rel(f->end_ns, t0),
	       f->requests, f->completed, f->throughput, f->errors, f->reconnects);
	for (int o = 0; o < MB_APP_N_OUTCOMES; o++)
		printf("%s\"%s\": %" PRIu64, o ? ", " : "", mb_app_outcome_name(o), f->outcomes[o]);
	printf("}, ");
	print_latency("from_scheduled", &f->from_scheduled);
	printf(", ");
	print_latency("from_sent", &f->from_sent);
	printf("}");
}

static void print_stats(const struct mb_app_probe_stats *st)
{
	printf("\"stats\": {\"scheduled\": %" PRIu64 ", \"sent\": %" PRIu64 ", \"finished\": %" PRIu64
	       ", \"connects\": %" PRIu64 ", \"retries\": %" PRIu64 ", \"queue_dropped\": %" PRIu64
	       ", \"backlog_max\": %" PRIu64 ", \"max_send_late_ns\": %" PRId64
	       ", \"last_errno\": %d, \"fatal_errno\": %d}", st->scheduled, st->sent, st->finished,
	       st->connects, st->retries, st->queue_dropped, st->backlog_max, st->max_send_late_ns,
	       st->last_errno, st->fatal_errno);
}

static void print_figures(const struct mb_app_figures *f, const struct mb_app_probe_stats *st,
			  int64_t t0)
{
	printf("{\"t0_ns\": %" PRId64 ", ", t0);
	print_stats(st);
	printf(", \"requests\": %" PRIu64 ", \"rejected\": %" PRIu64 ", \"phases\": {",
	       f->requests, f->rejected);
	for (int p = 0; p < MB_APP_N_PHASES; p++) {
		printf(p ? ", " : "");
		print_phase(mb_app_phase_name(p), &f->phase[p], t0);
	}
	printf("}, ");
	print_phase("migration", &f->migration, t0);
	printf(", \"throughput_ratio\": %.4f, \"p99_ratio\": %.4f", f->throughput_ratio, f->p99_ratio);
	printf(", \"stall\": {\"start_ns\": %" PRId64 ", \"end_ns\": %" PRId64 ", \"length_ns\": %"
	       PRId64 ", \"open\": %s}", rel(f->stall_start_ns, t0), rel(f->stall_end_ns, t0),
	       f->stall_ns, f->stall_open ? "true" : "false");
	printf(", \"baseline_p99_ns\": %" PRId64 ", \"brownout_ns\": %" PRId64
	       ", \"brownout_open\": %s, \"first_ok_after_resume_ns\": %" PRId64 "}\n",
	       f->baseline_p99_ns, f->brownout_ns, f->brownout_open ? "true" : "false",
	       rel(f->first_ok_after_resume_ns, t0));
}

static int set_marks(struct mb_app *fig, const char *spec, int64_t t0)
{
	char *copy = strdup(spec), *save = NULL, *tok = strtok_r(copy, ",", &save);
	int m = 0, rc = 0;

	for (; tok && m < MB_APP_N_MARKS; tok = strtok_r(NULL, ",", &save), m++)
		if (strcmp(tok, "-") != 0 &&
		    mb_app_set_mark(fig, (enum mb_app_mark)m, t0 + atoll(tok) * MS) < 0)
			rc = -1;
	free(copy);
	return rc;
}

static void sleep_ms(int64_t ms)
{
	struct timespec ts = mb_ns_ts(ms * MS);

	nanosleep(&ts, NULL);
}

static int run(struct run *r, int64_t duration_ms, const char *marks)
{
	struct mb_app_probe_stats st;
	struct mb_app_figures f;
	char err[512];

	if (mb_app_probe_start(r->probe, err, sizeof(err)) < 0) {
		fprintf(stderr, "app_driver: %s\n", err);
		return 2;
	}
	do {
		sleep_ms(1);
		mb_app_probe_stats(r->probe, &st);
	} while (st.start_ns < 0);
	r->t0 = st.start_ns;
	if (marks && set_marks(r->fig, marks, r->t0) < 0) {
		fprintf(stderr, "app_driver: --marks %s: out of order\n", marks);
		return 2;
	}
	for (int64_t end = r->t0 + duration_ms * MS; mb_now_ns() < end;) {
		sleep_ms(5);
		drain(r);
	}
	mb_app_probe_stop(r->probe);
	drain(r);
	mb_app_finish(r->fig);
	mb_app_probe_stats(r->probe, &st);
	mb_app_result(r->fig, &f);
	print_figures(&f, &st, r->t0);
	return 0;
}

int main(int argc, char **argv)
{
	struct mb_app_probe_config cfg = { 0 };
	struct run r = { 0 };
	const char *csv = NULL, *marks = NULL;
	char err[512];
	int rc = 2;

	if (argc < 6) {
		fprintf(stderr, "usage: app_driver URL RATE CONNS DURATION_MS TIMEOUT_MS "
				"[--csv FILE] [--marks M0,M1,M2,M3,M4]\n");
		return 1;
	}
	for (int i = 6; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--csv") == 0)
			csv = argv[i + 1];
		else if (strcmp(argv[i], "--marks") == 0)
			marks = argv[i + 1];
	}
	cfg.url = argv[1];
	cfg.rate = atof(argv[2]);
	cfg.conns = (unsigned)atoi(argv[3]);
	cfg.timeout_ns = atoll(argv[5]) * MS;
	r.fig = mb_app_new(NULL);
	if (!r.fig || mb_app_probe_open(&r.probe, &cfg, err, sizeof(err)) < 0) {
		fprintf(stderr, "app_driver: %s\n", r.fig ? err : strerror(ENOMEM));
		goto out;
	}
	if (csv && !(r.csv = fopen(csv, "w"))) {
		fprintf(stderr, "app_driver: %s: %s\n", csv, strerror(errno));
		goto out;
	}
	if (r.csv)
		fprintf(r.csv, "%s\n", mb_app_csv_header());
	rc = run(&r, atoll(argv[4]), marks);
out:
	if (r.csv && fclose(r.csv) != 0)
		rc = 2;
	mb_app_probe_free(r.probe);
	mb_app_free(r.fig);
	return rc;
}
