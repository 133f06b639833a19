/* Unit tests of analysis/app.c on synthetic request series.
 *
 * A small model of a server stands in for the network: one connection,
 * a fixed service time, optional pauses during which it serves nothing.
 * The client is open-loop: request k is due at T0 + k * interval and sent
 * when the connection is free (at once, or when the previous answer came),
 * so during a pause requests queue and are counted late from their
 * scheduled time.  Expected figures are worked out in the comments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/app.h"
#include "analysis/histogram.h"

#define US INT64_C(1000)
#define MS INT64_C(1000000)
#define SEC INT64_C(1000000000)
#define T0 (5 * SEC)

struct server {
	int64_t interval, service;
	int64_t pause_start, pause_end; /* -1: never paused */
	int64_t dead_from, timeout;     /* answers nothing from dead_from on; -1 never */
	int64_t free_at;                /* the connection is busy until then */
};

static struct server server(int64_t interval, int64_t service)
{
	struct server s = { .interval = interval, .service = service, .pause_start = -1,
			    .pause_end = -1, .dead_from = -1, .timeout = SEC };
	return s;
}

/* Request k through the model. */
static struct mb_app_request request(struct server *s, uint64_t k)
{
	struct mb_app_request r = { .seq = k, .scheduled_ns = T0 + (int64_t)k * s->interval };
	int64_t start, done;

	r.sent_ns = r.scheduled_ns > s->free_at ? r.scheduled_ns : s->free_at;
	if (s->dead_from >= 0 && r.sent_ns >= s->dead_from) {
		/* Timed out from its scheduled time; the next one is sent then. */
		r.done_ns = r.scheduled_ns + s->timeout;
		if (r.sent_ns > r.done_ns)
			r.sent_ns = -1;
		r.first_byte_ns = -1;
		r.outcome = MB_APP_TIMEOUT;
		s->free_at = r.done_ns;
		return r;
	}
	start = r.sent_ns;
	if (s->pause_start >= 0 && start >= s->pause_start && start < s->pause_end)
		start = s->pause_end;
	done = start + s->service;
	if (s->pause_start >= 0 && start < s->pause_start && done > s->pause_start)
		done += s->pause_end - s->pause_start;
	r.first_byte_ns = done;
	r.done_ns = done;
	r.outcome = MB_APP_OK;
	r.http_status = 200;
	s->free_at = done;
	return r;
}

static struct mb_app *new_app(uint32_t run, size_t hold)
{
	struct mb_app_config cfg = { .brownout_run = run, .hold = hold };
	struct mb_app *a = mb_app_new(&cfg);

	assert_non_null(a);
	return a;
}

static void feed(struct mb_app *a, struct server *s, uint64_t n)
{
	for (uint64_t k = 0; k < n; k++) {
		struct mb_app_request r = request(s, k);

		assert_int_equal(mb_app_add(a, &r), 0);
	}
}

static void set_marks(struct mb_app *a, int64_t mig, int64_t susp, int64_t res,
		      int64_t end, int64_t tail)
{
	const int64_t t[] = { mig, susp, res, end, tail };

	for (int m = 0; m < MB_APP_N_MARKS; m++)
		if (t[m] >= 0)
			assert_int_equal(mb_app_set_mark(a, (enum mb_app_mark)m, t[m]), 0);
}

static struct mb_app_figures *result(struct mb_app *a)
{
	static struct mb_app_figures f;

	mb_app_result(a, &f);
	return &f;
}

static void assert_near_ns(int64_t got, int64_t want)
{
	assert_in_range(got, mb_hist_lowest_equiv(want), mb_hist_highest_equiv(want));
}

/* 1000 requests at 10 ms, answered in 1 ms: 100/s, latency 1 ms both
 * ways, the longest stall one interval, no phases but the baseline. */
static void steady(void **state)
{
	struct mb_app *a = new_app(0, 0);
	struct server s = server(10 * MS, MS);
	struct mb_app_figures *f;
	const struct mb_app_phase_figures *b;

	(void)state;
	feed(a, &s, 1000);
	f = result(a);
	b = &f->phase[MB_APP_BASELINE];
	assert_int_equal(f->requests, 1000);
	assert_true(b->known);
	assert_int_equal(b->start_ns, T0);
	assert_int_equal(b->end_ns, T0 + 999 * 10 * MS + MS);
	assert_int_equal(b->completed, 1000);
	/* 1000 answers over 9.991 s. */
	assert_true(b->throughput > 100.08 && b->throughput < 100.10);
	assert_int_equal(b->errors, 0);
	assert_int_equal(b->outcomes[MB_APP_OK], 1000);
	assert_int_equal(b->from_scheduled.p50_ns, MS);
	assert_int_equal(b->from_scheduled.p99_ns, MS);
	assert_int_equal(b->from_scheduled.max_ns, MS);
	assert_int_equal(b->from_sent.p999_ns, MS);
	assert_int_equal(b->from_sent.mean_ns, MS);
	/* The first answer 1 ms after the first request, then one per 10 ms. */
	assert_int_equal(f->stall_ns, 10 * MS);
	assert_false(f->stall_open);
	for (int p = MB_APP_PRE_PAUSE; p < MB_APP_N_PHASES; p++) {
		assert_false(f->phase[p].known);
		assert_true(f->phase[p].throughput < 0);
		assert_int_equal(f->phase[p].requests, 0);
		assert_int_equal(f->phase[p].from_scheduled.p99_ns, -1);
	}
	assert_false(f->migration.known);
	assert_true(f->throughput_ratio < 0);
	assert_true(f->p99_ratio < 0);
	assert_int_equal(f->brownout_ns, -1);
	assert_false(f->brownout_open);
	assert_int_equal(f->baseline_p99_ns, MS);
	mb_app_free(a);
}

#define MIG (T0 + 5 * SEC)
#define SUSP (T0 + 8 * SEC)
#define RES (SUSP + 500 * MS)
#define END (T0 + 9 * SEC)
#define TAIL (T0 + 12 * SEC)

/* The server pauses for 500 ms at SUSP (requests 800..849 are due in the
 * pause).  Request 799 (due SUSP - 10 ms) was answered at SUSP - 9 ms;
 * request 800 is processed at RES and answered at RES + 1 ms: the stall is
 * 510 ms.  The backlog drains at 1 ms per request: request 800 + k is done
 * at RES + (k + 1) ms, i.e. 501 - 9k ms after it was due, until k = 56
 * (due RES + 60 ms), the first back at 1 ms: the brownout ends at its
 * answer, RES + 61 ms. */
static void paused_server(void **state)
{
	struct mb_app *a = new_app(10, 0);
	struct server s = server(10 * MS, MS);
	struct mb_app_figures *f;
	const struct mb_app_phase_figures *ph;

	(void)state;
	s.pause_start = SUSP;
	s.pause_end = RES;
	set_marks(a, MIG, SUSP, RES, END, TAIL);
	feed(a, &s, 1300); /* the last 100 are due after TAIL */
	f = result(a);
	assert_int_equal(f->requests, 1200);
	assert_int_equal(f->after_tail, 100);
	assert_int_equal(f->phase[MB_APP_BASELINE].requests, 500);
	assert_int_equal(f->phase[MB_APP_PRE_PAUSE].requests, 300);
	assert_int_equal(f->phase[MB_APP_PAUSED].requests, 50);
	assert_int_equal(f->phase[MB_APP_POST_RESUME].requests, 50);
	assert_int_equal(f->phase[MB_APP_TAIL].requests, 300);
	/* Nothing is answered while paused. */
	ph = &f->phase[MB_APP_PAUSED];
	assert_int_equal(ph->completed, 0);
	assert_true(ph->throughput == 0);
	assert_int_equal(ph->start_ns, SUSP);
	assert_int_equal(ph->end_ns, RES);
	/* Due in the pause: from scheduled 501 ms down to 61 ms; from sent,
	 * only the first waited (500 + 1 ms), the others took 1 ms. */
	assert_int_equal(ph->from_scheduled.max_ns, 501 * MS);
	assert_near_ns(ph->from_scheduled.p50_ns, 501 * MS - 25 * 9 * MS); /* 25th of 50 */
	assert_near_ns(ph->from_sent.p50_ns, MS);
	assert_int_equal(ph->from_sent.max_ns, 501 * MS);
	/* Stall. */
	assert_int_equal(f->stall_start_ns, SUSP - 9 * MS);
	assert_int_equal(f->stall_end_ns, RES + MS);
	assert_int_equal(f->stall_ns, 510 * MS);
	assert_false(f->stall_open);
	/* Coordinated omission: over the migration, p99 from scheduled is
	 * hundreds of ms, from sent still the service time. */
	assert_true(f->migration.known);
	assert_int_equal(f->migration.requests, 400);
	assert_true(f->migration.from_scheduled.p99_ns > 400 * MS);
	assert_near_ns(f->migration.from_sent.p99_ns, MS);
	assert_true(f->p99_ratio > 400);
	/* Over the 4 s of the migration, 400 answers all the same. */
	assert_true(f->throughput_ratio > 0.99 && f->throughput_ratio < 1.01);
	/* Brownout. */
	assert_int_equal(f->baseline_p99_ns, MS);
	assert_int_equal(f->first_ok_after_resume_ns, RES + MS);
	assert_int_equal(f->brownout_end_ns, RES + 61 * MS);
	assert_int_equal(f->brownout_ns, 61 * MS);
	assert_false(f->brownout_open);
	mb_app_free(a);
}

/* Every 10th answer is a 503, 5 resets and 3 refusals: counted per
 * outcome, and latency over the ok answers only. */
static void failures(void **state)
{
	struct mb_app *a = new_app(0, 0);
	struct server s = server(10 * MS, MS);
	struct mb_app_figures *f;
	const struct mb_app_phase_figures *b;

	(void)state;
	for (uint64_t k = 0; k < 200; k++) {
		struct mb_app_request r = request(&s, k);

		if (k % 10 == 0) {
			r.outcome = MB_APP_HTTP_STATUS;
			r.http_status = 503;
			r.done_ns += 50 * MS; /* slow, but not in the latency */
		} else if (k >= 101 && k <= 105) {
			r.outcome = MB_APP_RESET;
		} else if (k >= 111 && k <= 113) {
			r.outcome = MB_APP_REFUSED;
			r.first_byte_ns = -1;
		}
		assert_int_equal(mb_app_add(a, &r), 0);
	}
	f = result(a);
	b = &f->phase[MB_APP_BASELINE];
	assert_int_equal(b->requests, 200);
	assert_int_equal(b->outcomes[MB_APP_HTTP_STATUS], 20);
	assert_int_equal(b->outcomes[MB_APP_RESET], 5);
	assert_int_equal(b->outcomes[MB_APP_REFUSED], 3);
	assert_int_equal(b->outcomes[MB_APP_OK], 172);
	assert_int_equal(b->errors, 28);
	assert_int_equal(b->completed, 172);
	assert_int_equal(b->from_scheduled.count, 172);
	assert_int_equal(b->from_scheduled.max_ns, MS);
	/* 100 (a 503: not ok) and 101..105 fail in a row: no ok answer after
	 * 99's at T0 + 991 ms until 106's at T0 + 1061 ms; 110..113 make
	 * only 50 ms. */
	assert_int_equal(f->stall_start_ns, T0 + 991 * MS);
	assert_int_equal(f->stall_ns, 70 * MS);
	mb_app_free(a);
}

/* A server that closes after every answer: each request reconnects. */
static void reconnects(void **state)
{
	struct mb_app *a = new_app(0, 0);
	struct server s = server(10 * MS, 2 * MS);
	struct mb_app_figures *f;

	(void)state;
	for (uint64_t k = 0; k < 100; k++) {
		struct mb_app_request r = request(&s, k);

		r.reconnect = k > 0; /* the slot's first connection is not a re-connection */
		assert_int_equal(mb_app_add(a, &r), 0);
	}
	set_marks(a, T0 + 500 * MS, -1, -1, -1, -1);
	f = result(a);
	/* The mark came after the records: they all stayed in the baseline. */
	assert_int_equal(f->phase[MB_APP_BASELINE].reconnects, 99);
	assert_int_equal(f->phase[MB_APP_BASELINE].errors, 0);
	assert_int_equal(f->phase[MB_APP_BASELINE].from_sent.p50_ns, 2 * MS);
	mb_app_free(a);
}

/* The server stops answering at T0 + 3 s for good; requests time out 1 s
 * after they were due.  The stall runs open from the last answer to the
 * end of the data; the brownout never ends. */
static void stops_answering(void **state)
{
	struct mb_app *a = new_app(5, 0);
	struct server s = server(10 * MS, MS);
	struct mb_app_figures *f;
	const struct mb_app_phase_figures *b, *m;

	(void)state;
	s.dead_from = T0 + 3 * SEC;
	set_marks(a, T0 + 2 * SEC, -1, T0 + 2500 * MS, -1, -1);
	feed(a, &s, 1000);
	f = result(a);
	b = &f->phase[MB_APP_BASELINE];
	m = &f->phase[MB_APP_PRE_PAUSE];
	assert_int_equal(b->requests, 200);
	assert_int_equal(b->errors, 0);
	/* SUSPENDED unknown: the paused phase merges into pre-pause. */
	assert_false(f->phase[MB_APP_PAUSED].known);
	assert_int_equal(m->requests, 50);
	assert_int_equal(m->end_ns, T0 + 2500 * MS);
	assert_int_equal(f->phase[MB_APP_POST_RESUME].requests, 750);
	assert_int_equal(f->phase[MB_APP_POST_RESUME].outcomes[MB_APP_TIMEOUT], 700);
	assert_int_equal(f->phase[MB_APP_POST_RESUME].from_scheduled.count, 50);
	/* Last answer: request 299, due T0 + 2.99 s, at T0 + 2.991 s; the last
	 * timeout: request 999 at T0 + 9.99 s + 1 s. */
	assert_true(f->stall_open);
	assert_int_equal(f->stall_start_ns, T0 + 2991 * MS);
	assert_int_equal(f->stall_end_ns, T0 + 10990 * MS);
	assert_int_equal(f->stall_ns, 7999 * MS);
	/* Latency recovered for 50 answers after RESUMED, then died: the
	 * brownout ended (run of 5) at the first answer after it. */
	assert_int_equal(f->first_ok_after_resume_ns, T0 + 2501 * MS);
	assert_int_equal(f->brownout_ns, MS);
	mb_app_free(a);

	/* Dead before the resume: latency never comes back. */
	a = new_app(5, 0);
	s = server(10 * MS, MS);
	s.dead_from = T0 + 3 * SEC;
	set_marks(a, T0 + 2 * SEC, T0 + 2900 * MS, T0 + 4 * SEC, -1, -1);
	feed(a, &s, 1000);
	f = result(a);
	assert_true(f->brownout_open);
	assert_int_equal(f->brownout_ns, -1);
	assert_int_equal(f->brownout_min_ns, T0 + 10990 * MS - (T0 + 4 * SEC));
	assert_int_equal(f->first_ok_after_resume_ns, -1);
	/* Paused from T0 + 2.9 s: 290..299 were still answered in it. */
	assert_int_equal(f->phase[MB_APP_PAUSED].completed, 10);
	mb_app_free(a);
}

/* Marks that come while records are fed: held records are classified
 * once released, as if the marks had been known from the start; a ring too
 * small for the delay classifies early and says so. */
static void hold_back(void **state)
{
	struct mb_app *ref = new_app(10, 0), *a = new_app(10, 2000), *small = new_app(10, 4);
	struct server s1 = server(10 * MS, MS), s2 = s1, s3 = s1;
	struct mb_app_figures want, *got;

	(void)state;
	s1.pause_start = s2.pause_start = s3.pause_start = SUSP;
	s1.pause_end = s2.pause_end = s3.pause_end = RES;
	set_marks(ref, MIG, SUSP, RES, END, TAIL);
	feed(ref, &s1, 1300);
	mb_app_result(ref, &want);
	for (uint64_t k = 0; k < 1300; k++) {
		struct mb_app_request r = request(&s2, k), q = request(&s3, k);

		assert_int_equal(mb_app_add(a, &r), 0);
		assert_int_equal(mb_app_add(small, &q), 0);
		if (k == 700) { /* the marks arrive late, then the release */
			set_marks(a, MIG, SUSP, -1, -1, -1);
			set_marks(small, MIG, SUSP, -1, -1, -1);
		}
		if (k == 900) {
			set_marks(a, -1, -1, RES, END, TAIL);
			set_marks(small, -1, -1, RES, END, TAIL);
			mb_app_release(a, T0 + 9 * SEC);
		}
	}
	mb_app_finish(a);
	mb_app_finish(small);
	got = result(a);
	assert_int_equal(got->released_early, 0);
	for (int p = 0; p < MB_APP_N_PHASES; p++) {
		assert_int_equal(got->phase[p].requests, want.phase[p].requests);
		assert_int_equal(got->phase[p].from_scheduled.p99_ns, want.phase[p].from_scheduled.p99_ns);
	}
	assert_int_equal(got->brownout_ns, want.brownout_ns);
	assert_int_equal(got->stall_ns, want.stall_ns);
	got = result(small);
	assert_true(got->released_early > 0);
	assert_int_equal(got->phase[MB_APP_BASELINE].requests, 700 - 3);
	mb_app_free(ref);
	mb_app_free(a);
	mb_app_free(small);
}

static void marks_in_order(void **state)
{
	struct mb_app *a = new_app(0, 0);

	(void)state;
	assert_int_equal(mb_app_set_mark(a, MB_APP_MARK_RESUMED, 100), 0);
	assert_int_equal(mb_app_set_mark(a, MB_APP_MARK_RESUMED, 200), -1);  /* twice */
	assert_int_equal(mb_app_set_mark(a, MB_APP_MARK_SUSPENDED, 150), -1); /* after RESUMED */
	assert_int_equal(mb_app_set_mark(a, MB_APP_MARK_END, 50), -1);        /* before it */
	assert_int_equal(mb_app_set_mark(a, MB_APP_MARK_END, -1), -1);
	assert_int_equal(mb_app_set_mark(a, MB_APP_N_MARKS, 1), -1);
	assert_int_equal(mb_app_set_mark(a, MB_APP_MARK_SUSPENDED, 100), 0);  /* equal is fine */
	assert_int_equal(result(a)->marks[MB_APP_MARK_SUSPENDED], 100);
	assert_int_equal(result(a)->marks[MB_APP_MARK_MIGRATION], -1);
	mb_app_free(a);
}

static void malformed(void **state)
{
	struct mb_app *a = new_app(0, 0);
	const struct mb_app_request good = {
		.scheduled_ns = 100, .sent_ns = 110, .first_byte_ns = 150, .done_ns = 200,
	};
	struct mb_app_request r;

	(void)state;
	assert_int_equal(mb_app_add(a, &good), 0);
	r = good, r.scheduled_ns = -1;
	assert_int_equal(mb_app_add(a, &r), -1);
	r = good, r.done_ns = 99;
	assert_int_equal(mb_app_add(a, &r), -1);
	r = good, r.sent_ns = 90;
	assert_int_equal(mb_app_add(a, &r), -1);
	r = good, r.first_byte_ns = 105;
	assert_int_equal(mb_app_add(a, &r), -1);
	r = good, r.first_byte_ns = 201;
	assert_int_equal(mb_app_add(a, &r), -1);
	r = good, r.sent_ns = -1; /* answered but never sent */
	assert_int_equal(mb_app_add(a, &r), -1);
	r = good, r.outcome = MB_APP_N_OUTCOMES;
	assert_int_equal(mb_app_add(a, &r), -1);
	r = good, r.sent_ns = -1, r.first_byte_ns = -1, r.outcome = MB_APP_TIMEOUT;
	assert_int_equal(mb_app_add(a, &r), 0); /* due, never sent, timed out */
	assert_int_equal(result(a)->rejected, 7);
	assert_int_equal(result(a)->requests, 2);
	mb_app_free(a);
}

static void empty(void **state)
{
	struct mb_app *a = new_app(0, 0);
	struct mb_app_figures *f;

	(void)state;
	mb_app_finish(a);
	f = result(a);
	assert_int_equal(f->requests, 0);
	assert_int_equal(f->stall_ns, -1);
	assert_int_equal(f->phase[MB_APP_BASELINE].start_ns, -1);
	assert_true(f->phase[MB_APP_BASELINE].throughput < 0);
	assert_int_equal(f->phase[MB_APP_BASELINE].from_scheduled.p50_ns, -1);
	assert_int_equal(f->baseline_p99_ns, -1);
	mb_app_free(a);
}

static void csv(void **state)
{
	const struct mb_app_request r = {
		.seq = 7, .scheduled_ns = T0 + 10, .sent_ns = T0 + 30, .first_byte_ns = T0 + 90,
		.done_ns = T0 + 100, .outcome = MB_APP_HTTP_STATUS, .http_status = 503,
		.reconnect = true,
	};
	const struct mb_app_request t = {
		.seq = 8, .scheduled_ns = T0 + 20, .sent_ns = -1, .first_byte_ns = -1,
		.done_ns = T0 + 1020, .outcome = MB_APP_TIMEOUT,
	};
	char buf[256];

	(void)state;
	assert_string_equal(mb_app_csv_header(), "seq,scheduled_ns,sent_ns,first_byte_ns,done_ns,"
			    "latency_ns,service_ns,outcome,http_status,reconnect");
	mb_app_csv_row(&r, T0, buf, sizeof(buf));
	assert_string_equal(buf, "7,10,30,90,100,90,70,http-status,503,1\n");
	mb_app_csv_row(&t, T0, buf, sizeof(buf));
	assert_string_equal(buf, "8,20,,,1020,1000,,timeout,0,0\n");
	assert_true(mb_app_csv_row(&t, T0, buf, 8) >= 8);
	assert_string_equal(mb_app_phase_name(MB_APP_POST_RESUME), "post-resume");
	assert_string_equal(mb_app_outcome_name(MB_APP_REFUSED), "refused");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(steady),
		cmocka_unit_test(paused_server),
		cmocka_unit_test(failures),
		cmocka_unit_test(reconnects),
		cmocka_unit_test(stops_answering),
		cmocka_unit_test(hold_back),
		cmocka_unit_test(marks_in_order),
		cmocka_unit_test(malformed),
		cmocka_unit_test(empty),
		cmocka_unit_test(csv),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
