/* Figures of an application request stream; the definitions are in app.h.
 *
 * Per phase, two histograms (latency from scheduled and from sent) and a
 * few counters; the stall and the brownout are running states over the
 * records in the order they are classified (their finishing order).  The
 * only other memory is the optional hold-back ring, so a run of any length
 * costs the same. */
#include "analysis/app.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/histogram.h"

struct phase_acc {
	uint64_t requests, completed, reconnects;
	uint64_t outcomes[MB_APP_N_OUTCOMES];
	struct mb_hist sched, sent;
};

struct mb_app {
	uint32_t brownout_run;
	int64_t marks[MB_APP_N_MARKS];
	struct phase_acc ph[MB_APP_N_PHASES];
	struct mb_hist tmp_sched, tmp_sent; /* merged migration phases */
	uint64_t requests, after_tail, rejected, released_early;
	int64_t first_scheduled_ns, last_done_ns;

	/* Stall: last ok answer so far (or the first scheduled time). */
	int64_t last_ok_ns;
	int64_t stall_start_ns, stall_end_ns;

	/* Brownout. */
	int64_t baseline_p99_ns; /* frozen at the first record after RESUMED */
	uint32_t run;
	int64_t run_start_ns, brownout_end_ns;
	int64_t first_ok_after_resume_ns;

	/* Hold-back ring: v[(head + i) % cap], i < len. */
	struct mb_app_request *held;
	size_t cap, head, len;
};

struct mb_app *mb_app_new(const struct mb_app_config *cfg)
{
	struct mb_app *a = calloc(1, sizeof(*a));

	if (!a)
		return NULL;
	a->brownout_run = cfg && cfg->brownout_run ? cfg->brownout_run : MB_APP_DEFAULT_BROWNOUT_RUN;
	a->cap = cfg ? cfg->hold : 0;
	if (a->cap && !(a->held = calloc(a->cap, sizeof(*a->held)))) {
		free(a);
		return NULL;
	}
	for (int m = 0; m < MB_APP_N_MARKS; m++)
		a->marks[m] = -1;
	for (int p = 0; p < MB_APP_N_PHASES; p++) {
		mb_hist_init(&a->ph[p].sched);
		mb_hist_init(&a->ph[p].sent);
	}
	a->first_scheduled_ns = a->last_done_ns = a->last_ok_ns = -1;
	a->stall_start_ns = a->stall_end_ns = -1;
	a->baseline_p99_ns = a->brownout_end_ns = a->first_ok_after_resume_ns = -1;
	return a;
}

void mb_app_free(struct mb_app *a)
{
	if (!a)
		return;
	free(a->held);
	free(a);
}

int mb_app_set_mark(struct mb_app *a, enum mb_app_mark m, int64_t t_ns)
{
	if ((unsigned)m >= MB_APP_N_MARKS || t_ns < 0 || a->marks[m] >= 0)
		return -1;
	for (int k = 0; k < MB_APP_N_MARKS; k++) {
		if (a->marks[k] < 0)
			continue;
		if ((k < (int)m && a->marks[k] > t_ns) || (k > (int)m && a->marks[k] < t_ns))
			return -1;
	}
	a->marks[m] = t_ns;
	return 0;
}

/* The phase of time t, or -1 at or after TAIL_END. */
static int phase_of(const struct mb_app *a, int64_t t)
{
	int p = MB_APP_BASELINE;

	if (a->marks[MB_APP_MARK_TAIL_END] >= 0 && t >= a->marks[MB_APP_MARK_TAIL_END])
		return -1;
	for (int k = 0; k < MB_APP_MARK_TAIL_END; k++)
		if (a->marks[k] >= 0 && t >= a->marks[k])
			p = k + 1;
	return p;
}

static bool malformed(const struct mb_app_request *r)
{
	bool answered = r->outcome == MB_APP_OK || r->outcome == MB_APP_HTTP_STATUS;

	if (r->scheduled_ns < 0 || r->done_ns < r->scheduled_ns)
		return true;
	if ((unsigned)r->outcome >= MB_APP_N_OUTCOMES)
		return true;
	if (r->sent_ns >= 0 && (r->sent_ns < r->scheduled_ns || r->sent_ns > r->done_ns))
		return true;
	if (r->sent_ns < 0 && (answered || r->first_byte_ns >= 0))
		return true;
	return r->first_byte_ns >= 0 && (r->first_byte_ns < r->sent_ns || r->first_byte_ns > r->done_ns);
}

static void track_stall(struct mb_app *a, const struct mb_app_request *r)
{
	if (a->last_ok_ns < 0)
		a->last_ok_ns = a->first_scheduled_ns;
	if (r->outcome != MB_APP_OK || r->done_ns <= a->last_ok_ns)
		return;
	if (a->stall_start_ns < 0 || r->done_ns - a->last_ok_ns > a->stall_end_ns - a->stall_start_ns) {
		a->stall_start_ns = a->last_ok_ns;
		a->stall_end_ns = r->done_ns;
	}
	a->last_ok_ns = r->done_ns;
}

static void track_brownout(struct mb_app *a, const struct mb_app_request *r)
{
	int64_t resumed = a->marks[MB_APP_MARK_RESUMED];
	bool ok = r->outcome == MB_APP_OK;

	if (resumed < 0 || r->done_ns < resumed)
		return;
	if (ok && a->first_ok_after_resume_ns < 0)
		a->first_ok_after_resume_ns = r->done_ns;
	if (a->baseline_p99_ns < 0)
		a->baseline_p99_ns = mb_hist_quantile(&a->ph[MB_APP_BASELINE].sched, 0.99);
	if (a->baseline_p99_ns < 0 || a->brownout_end_ns >= 0)
		return;
	if (!ok || r->done_ns - r->scheduled_ns > a->baseline_p99_ns) {
		a->run = 0;
		return;
	}
	if (a->run++ == 0)
		a->run_start_ns = r->done_ns;
	if (a->run >= a->brownout_run)
		a->brownout_end_ns = a->run_start_ns;
}

static void classify(struct mb_app *a, const struct mb_app_request *r)
{
	int p = phase_of(a, r->scheduled_ns), q;
	struct phase_acc *ph;

	if (p < 0) {
		a->after_tail++;
		return;
	}
	ph = &a->ph[p];
	a->requests++;
	ph->requests++;
	ph->outcomes[r->outcome]++;
	ph->reconnects += r->reconnect;
	if (r->outcome == MB_APP_OK) {
		mb_hist_record(&ph->sched, r->done_ns - r->scheduled_ns);
		mb_hist_record(&ph->sent, r->done_ns - r->sent_ns);
		q = phase_of(a, r->done_ns);
		if (q >= 0)
			a->ph[q].completed++;
	}
	if (a->first_scheduled_ns < 0 || r->scheduled_ns < a->first_scheduled_ns)
		a->first_scheduled_ns = r->scheduled_ns;
	if (r->done_ns > a->last_done_ns)
		a->last_done_ns = r->done_ns;
	track_stall(a, r);
	track_brownout(a, r);
}

static void pop_held(struct mb_app *a)
{
	classify(a, &a->held[a->head]);
	a->head = (a->head + 1) % a->cap;
	a->len--;
}

int mb_app_add(struct mb_app *a, const struct mb_app_request *r)
{
	if (malformed(r)) {
		a->rejected++;
		return -1;
	}
	if (!a->cap) {
		classify(a, r);
		return 0;
	}
	if (a->len == a->cap) {
		pop_held(a);
		a->released_early++;
	}
	a->held[(a->head + a->len) % a->cap] = *r;
	a->len++;
	return 0;
}

void mb_app_release(struct mb_app *a, int64_t t_ns)
{
	while (a->len && a->held[a->head].done_ns < t_ns)
		pop_held(a);
}

void mb_app_finish(struct mb_app *a)
{
	while (a->len)
		pop_held(a);
}

static void latency(const struct mb_hist *h, struct mb_app_latency *l)
{
	l->count = h->count;
	l->min_ns = mb_hist_min(h);
	l->p50_ns = mb_hist_quantile(h, 0.5);
	l->p99_ns = mb_hist_quantile(h, 0.99);
	l->p999_ns = mb_hist_quantile(h, 0.999);
	l->max_ns = mb_hist_max(h);
	l->mean_ns = mb_hist_mean(h);
}

static double per_second(uint64_t n, int64_t start, int64_t end)
{
	if (start < 0 || end <= start)
		return -1;
	return (double)n * 1e9 / (double)(end - start);
}

/* The end of phase p: the next known mark after its start, else the end
 * of the data. */
static int64_t phase_end(const struct mb_app *a, int p)
{
	for (int k = p; k < MB_APP_N_MARKS; k++)
		if (a->marks[k] >= 0)
			return a->marks[k];
	return a->last_done_ns;
}

static void fill_phase(const struct phase_acc *ph, const struct mb_hist *sched,
		       const struct mb_hist *sent, struct mb_app_phase_figures *f)
{
	f->requests = ph->requests;
	f->completed = ph->completed;
	f->reconnects = ph->reconnects;
	memcpy(f->outcomes, ph->outcomes, sizeof(f->outcomes));
	f->errors = ph->requests - ph->outcomes[MB_APP_OK];
	f->throughput = f->known ? per_second(f->completed, f->start_ns, f->end_ns) : -1;
	latency(sched, &f->from_scheduled);
	latency(sent, &f->from_sent);
}

static void phases(const struct mb_app *a, struct mb_app_figures *out)
{
	for (int p = 0; p < MB_APP_N_PHASES; p++) {
		struct mb_app_phase_figures *f = &out->phase[p];

		f->known = p == MB_APP_BASELINE || a->marks[p - 1] >= 0;
		f->start_ns = p == MB_APP_BASELINE ? a->first_scheduled_ns :
			      f->known ? a->marks[p - 1] : -1;
		f->end_ns = f->known ? phase_end(a, p) : -1;
		fill_phase(&a->ph[p], &a->ph[p].sched, &a->ph[p].sent, f);
	}
}

/* MIGRATION .. END as one phase: the three middle phases merged. */
static void migration(struct mb_app *a, struct mb_app_figures *out)
{
	struct mb_app_phase_figures *f = &out->migration;
	struct phase_acc sum = { 0 };

	mb_hist_init(&a->tmp_sched);
	mb_hist_init(&a->tmp_sent);
	for (int p = MB_APP_PRE_PAUSE; p <= MB_APP_POST_RESUME; p++) {
		sum.requests += a->ph[p].requests;
		sum.completed += a->ph[p].completed;
		sum.reconnects += a->ph[p].reconnects;
		for (int o = 0; o < MB_APP_N_OUTCOMES; o++)
			sum.outcomes[o] += a->ph[p].outcomes[o];
		mb_hist_merge(&a->tmp_sched, &a->ph[p].sched);
		mb_hist_merge(&a->tmp_sent, &a->ph[p].sent);
	}
	f->known = a->marks[MB_APP_MARK_MIGRATION] >= 0 && a->marks[MB_APP_MARK_END] >= 0;
	f->start_ns = f->known ? a->marks[MB_APP_MARK_MIGRATION] : -1;
	f->end_ns = f->known ? a->marks[MB_APP_MARK_END] : -1;
	fill_phase(&sum, &a->tmp_sched, &a->tmp_sent, f);
}

static double ratio(double x, double base)
{
	return x < 0 || base <= 0 ? -1 : x / base;
}

static void stall(const struct mb_app *a, struct mb_app_figures *out)
{
	int64_t last_ok = a->last_ok_ns >= 0 ? a->last_ok_ns : a->first_scheduled_ns;

	out->stall_start_ns = a->stall_start_ns;
	out->stall_end_ns = a->stall_end_ns;
	out->stall_open = false;
	if (last_ok >= 0 && a->last_done_ns > last_ok &&
	    (a->stall_start_ns < 0 || a->last_done_ns - last_ok > a->stall_end_ns - a->stall_start_ns)) {
		out->stall_start_ns = last_ok;
		out->stall_end_ns = a->last_done_ns;
		out->stall_open = true;
	}
	out->stall_ns = out->stall_start_ns >= 0 ? out->stall_end_ns - out->stall_start_ns : -1;
}

static void brownout(const struct mb_app *a, struct mb_app_figures *out)
{
	int64_t resumed = a->marks[MB_APP_MARK_RESUMED];

	out->baseline_p99_ns = resumed >= 0 && a->baseline_p99_ns >= 0 ? a->baseline_p99_ns :
			       mb_hist_quantile(&a->ph[MB_APP_BASELINE].sched, 0.99);
	out->brownout_end_ns = a->brownout_end_ns;
	out->brownout_ns = a->brownout_end_ns >= 0 ? a->brownout_end_ns - resumed : -1;
	out->brownout_open = resumed >= 0 && a->baseline_p99_ns >= 0 && a->brownout_end_ns < 0;
	out->brownout_min_ns = out->brownout_open && a->last_done_ns > resumed ?
			       a->last_done_ns - resumed : -1;
	out->first_ok_after_resume_ns = a->first_ok_after_resume_ns;
}

void mb_app_result(struct mb_app *a, struct mb_app_figures *out)
{
	memset(out, 0, sizeof(*out));
	out->requests = a->requests;
	out->after_tail = a->after_tail;
	out->rejected = a->rejected;
	out->released_early = a->released_early;
	out->first_scheduled_ns = a->first_scheduled_ns;
	out->last_done_ns = a->last_done_ns;
	memcpy(out->marks, a->marks, sizeof(out->marks));
	phases(a, out);
	migration(a, out);
	out->throughput_ratio = ratio(out->migration.throughput, out->phase[MB_APP_BASELINE].throughput);
	out->p99_ratio = out->migration.from_scheduled.count ?
			 ratio((double)out->migration.from_scheduled.p99_ns,
			       (double)out->phase[MB_APP_BASELINE].from_scheduled.p99_ns) : -1;
	stall(a, out);
	brownout(a, out);
}

const char *mb_app_phase_name(enum mb_app_phase p)
{
	static const char *const names[] = { "baseline", "pre-pause", "paused", "post-resume", "tail" };

	return (unsigned)p < MB_APP_N_PHASES ? names[p] : "?";
}

const char *mb_app_outcome_name(enum mb_app_outcome o)
{
	static const char *const names[] = { "ok", "http-status", "timeout", "reset", "refused", "other" };

	return (unsigned)o < MB_APP_N_OUTCOMES ? names[o] : "?";
}

const char *mb_app_csv_header(void)
{
	return "seq,scheduled_ns,sent_ns,first_byte_ns,done_ns,latency_ns,service_ns,"
	       "outcome,http_status,reconnect";
}

/* "" for an unknown time, else t - t0. */
static const char *rel(char *buf, size_t len, int64_t t, int64_t t0)
{
	if (t < 0)
		buf[0] = '\0';
	else
		snprintf(buf, len, "%" PRId64, t - t0);
	return buf;
}

int mb_app_csv_row(const struct mb_app_request *r, int64_t t0_ns, char *buf, size_t len)
{
	char s[24], se[24], fb[24], d[24], svc[24];

	if (r->sent_ns >= 0)
		snprintf(svc, sizeof(svc), "%" PRId64, r->done_ns - r->sent_ns);
	else
		svc[0] = '\0';
	return snprintf(buf, len, "%" PRIu64 ",%s,%s,%s,%s,%" PRId64 ",%s,%s,%d,%d\n", r->seq,
			rel(s, sizeof(s), r->scheduled_ns, t0_ns), rel(se, sizeof(se), r->sent_ns, t0_ns),
			rel(fb, sizeof(fb), r->first_byte_ns, t0_ns), rel(d, sizeof(d), r->done_ns, t0_ns),
			r->done_ns - r->scheduled_ns, svc, mb_app_outcome_name(r->outcome),
			r->http_status, r->reconnect ? 1 : 0);
}
