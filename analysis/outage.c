/* Outage analysis of a probe series; the definitions live in outage.h.
 *
 * Everything is computed incrementally, one probe at a time, so memory
 * depends only on the number of outage windows and on how many replies can
 * still be overtaken (those of the probes sent within the last lost_after),
 * never on the length of the series. */
#include "analysis/outage.h"

#include <stdlib.h>
#include <string.h>

/* Replies not yet known to be in their final arrival position, sorted
 * ascending in v[head .. head+len).  A probe sent at s can only be answered
 * in [s, s + lost_after], so once a probe sent at s was added, every pending
 * arrival <= s is final: nothing added later can land before it. */
struct arrivals {
	int64_t *v;
	size_t head, len, cap;
};

struct mb_outage {
	struct mb_outage_config cfg;

	bool started;           /* at least one probe added */
	uint64_t next_seq;
	int64_t first_sent_ns, last_sent_ns;

	uint64_t sent, answered, lost, late, duplicates, reordered;
	int64_t rtt_min_ns, rtt_max_ns;
	unsigned __int128 rtt_sum_ns; /* 6e6 replies of up to lost_after each */

	/* Reordering: latest arrival among the lower-seq answered probes. */
	bool have_latest;
	int64_t latest_arrival_ns;

	/* Response gap over the arrivals already released in order. */
	struct arrivals pending;
	bool have_released;
	int64_t last_released_ns;
	int64_t max_gap_ns;

	/* Windows: win[0 .. n_win) are closed.  While in_loss, win[n_win] is
	 * the open run (always allocated), with run_before_ns = s_{k-1} (or
	 * its nominal stand-in) and run_last_ns = s_m. */
	struct mb_outage_window *win;
	size_t n_win, cap_win;
	bool in_loss;
	int64_t run_before_ns, run_last_ns;
	int64_t closed_downtime_ns;
};

static int64_t sat_add(int64_t x, int64_t y)
{
	int64_t r;

	if (__builtin_add_overflow(x, y, &r))
		return y > 0 ? INT64_MAX : INT64_MIN;
	return r;
}

static int64_t sat_sub(int64_t x, int64_t y)
{
	int64_t r;

	if (__builtin_sub_overflow(x, y, &r))
		return y < 0 ? INT64_MAX : INT64_MIN;
	return r;
}

static int64_t clamp_i64(unsigned __int128 v)
{
	return v > (unsigned __int128)INT64_MAX ? INT64_MAX : (int64_t)v;
}

struct mb_outage *mb_outage_new(const struct mb_outage_config *cfg)
{
	struct mb_outage *a;

	if (!cfg || cfg->interval_ns <= 0 || cfg->late_after_ns < 0 ||
	    cfg->lost_after_ns < 0 || cfg->late_after_ns > cfg->lost_after_ns)
		return NULL;
	a = calloc(1, sizeof(*a));
	if (!a)
		return NULL;
	a->cfg = *cfg;
	return a;
}

void mb_outage_free(struct mb_outage *a)
{
	if (!a)
		return;
	free(a->pending.v);
	free(a->win);
	free(a);
}

/* ---- pending arrivals ------------------------------------------------- */

/* Make room for one more arrival without changing the logical content. */
static int arrivals_reserve(struct arrivals *p)
{
	size_t cap;
	int64_t *v;

	if (p->head + p->len < p->cap)
		return 0;
	if (p->head > 0) {
		/* Released entries left a hole at the front: reuse it. */
		memmove(p->v, p->v + p->head, p->len * sizeof(*p->v));
		p->head = 0;
		return 0;
	}
	cap = p->cap ? 2 * p->cap : 16;
	v = realloc(p->v, cap * sizeof(*v));
	if (!v)
		return -1;
	p->v = v;
	p->cap = cap;
	return 0;
}

/* Insertion from the back: replies mostly arrive in order, so this is
 * O(1) in the common case and O(pending) at worst, pending being at most
 * the probes sent within lost_after.  A sorted buffer rather than a heap
 * lets mb_outage_result read the pending arrivals in order without
 * sorting or allocating. */
static void arrivals_insert(struct arrivals *p, int64_t t)
{
	size_t end = p->head + p->len, pos = end;

	while (pos > p->head && p->v[pos - 1] > t)
		pos--;
	memmove(p->v + pos + 1, p->v + pos, (end - pos) * sizeof(*p->v));
	p->v[pos] = t;
	p->len++;
}

static void note_gap(int64_t *max_gap, bool *have_last, int64_t *last,
		     int64_t t)
{
	if (*have_last && t - *last > *max_gap)
		*max_gap = t - *last;
	*last = t;
	*have_last = true;
}

/* Release, in order, every arrival that no later probe can precede. */
static void arrivals_release(struct mb_outage *a, int64_t upto_ns)
{
	struct arrivals *p = &a->pending;

	while (p->len > 0 && p->v[p->head] <= upto_ns) {
		note_gap(&a->max_gap_ns, &a->have_released,
			 &a->last_released_ns, p->v[p->head]);
		p->head++;
		p->len--;
	}
	if (p->len == 0)
		p->head = 0;
}

/* ---- windows ---------------------------------------------------------- */

static int windows_reserve(struct mb_outage *a)
{
	size_t cap;
	struct mb_outage_window *w;

	if (a->n_win < a->cap_win)
		return 0;
	cap = a->cap_win ? 2 * a->cap_win : 8;
	w = realloc(a->win, cap * sizeof(*w));
	if (!w)
		return -1;
	a->win = w;
	a->cap_win = cap;
	return 0;
}

/* Fill the derived figures of the open run, ended at end_ns = s_{m+1}
 * (or its nominal stand-in when open_end). */
static void window_finish(const struct mb_outage *a, struct mb_outage_window *w,
			  int64_t end_ns, bool open_end)
{
	w->end_ns = end_ns;
	w->estimate_ns = sat_sub(end_ns, w->start_ns);
	/* The outage covered at least the sends of the lost probes, s_k..s_m.
	 * With a steady sender that is s_{m+1} - s_k - interval; after a send
	 * stall it is the only bound that stays true. */
	w->lower_ns = sat_sub(a->run_last_ns, w->start_ns);
	w->upper_ns = sat_sub(end_ns, a->run_before_ns);
	w->open_end = open_end;
}

static void loss_extend(struct mb_outage *a, const struct mb_probe_sample *s)
{
	struct mb_outage_window *w = &a->win[a->n_win];

	if (!a->in_loss) {
		memset(w, 0, sizeof(*w));
		w->first_seq = s->seq;
		w->start_ns = s->sent_ns;
		w->open_start = !a->started;
		/* No s_{k-1} before the first probe: assume one interval. */
		a->run_before_ns = a->started ? a->last_sent_ns
					      : s->sent_ns - a->cfg.interval_ns;
		a->in_loss = true;
	}
	w->last_seq = s->seq;
	w->lost++;
	a->run_last_ns = s->sent_ns;
}

static void loss_close(struct mb_outage *a, int64_t end_ns)
{
	struct mb_outage_window *w = &a->win[a->n_win];

	window_finish(a, w, end_ns, false);
	a->closed_downtime_ns = sat_add(a->closed_downtime_ns, w->estimate_ns);
	a->n_win++;
	a->in_loss = false;
}

/* ---- adding probes ---------------------------------------------------- */

static bool sample_valid(const struct mb_outage *a,
			 const struct mb_probe_sample *s)
{
	if (s->sent_ns < 0)
		return false;
	if (a->started && (s->seq != a->next_seq || s->sent_ns < a->last_sent_ns))
		return false;
	/* A timestamp needs a reply, a reply needs a timestamp, and nothing
	 * is answered before it was sent. */
	if (s->recv_ns >= 0)
		return s->replies > 0 && s->recv_ns >= s->sent_ns;
	return s->replies == 0;
}

enum mb_probe_verdict mb_outage_classify(const struct mb_outage_config *cfg,
					 const struct mb_probe_sample *s)
{
	int64_t rtt;

	if (s->recv_ns < 0 || s->replies == 0)
		return MB_PROBE_LOST;
	rtt = s->recv_ns - s->sent_ns;
	if (rtt > cfg->lost_after_ns)
		return MB_PROBE_LOST;
	return rtt > cfg->late_after_ns ? MB_PROBE_LATE : MB_PROBE_OK;
}

const char *mb_probe_verdict_name(enum mb_probe_verdict v)
{
	switch (v) {
	case MB_PROBE_OK: return "ok";
	case MB_PROBE_LATE: return "late";
	case MB_PROBE_LOST: return "lost";
	}
	return "?";
}

static void count_reply(struct mb_outage *a, const struct mb_probe_sample *s, bool late)
{
	int64_t rtt = s->recv_ns - s->sent_ns;

	if (a->answered == 0 || rtt < a->rtt_min_ns)
		a->rtt_min_ns = rtt;
	if (a->answered == 0 || rtt > a->rtt_max_ns)
		a->rtt_max_ns = rtt;
	a->rtt_sum_ns += (unsigned __int128)rtt;
	a->answered++;
	if (late)
		a->late++;
	/* Overtaken: some lower seq was answered after this one. */
	if (a->have_latest && s->recv_ns < a->latest_arrival_ns)
		a->reordered++;
	else
		a->latest_arrival_ns = s->recv_ns;
	a->have_latest = true;
	arrivals_insert(&a->pending, s->recv_ns);
}

int mb_outage_add(struct mb_outage *a, const struct mb_probe_sample *s)
{
	enum mb_probe_verdict v;
	bool answered;

	if (!a || !s || !sample_valid(a, s))
		return -1;
	v = mb_outage_classify(&a->cfg, s);
	answered = v != MB_PROBE_LOST;
	/* Allocate first, so a failure leaves the analyzer unchanged. */
	if (answered ? arrivals_reserve(&a->pending) : windows_reserve(a))
		return -1;

	arrivals_release(a, s->sent_ns);
	if (answered) {
		if (a->in_loss)
			loss_close(a, s->sent_ns);
		count_reply(a, s, v == MB_PROBE_LATE);
	} else {
		loss_extend(a, s);
		a->lost++;
	}
	if (s->replies > 1)
		a->duplicates += s->replies - 1;
	if (!a->started)
		a->first_sent_ns = s->sent_ns;
	a->started = true;
	a->next_seq = s->seq + 1;
	a->last_sent_ns = s->sent_ns;
	a->sent++;
	return 0;
}

/* ---- result ----------------------------------------------------------- */

/* The gap so far includes the arrivals still pending: read them in order
 * without releasing, so a live summary does not disturb the analysis. */
static int64_t response_gap(const struct mb_outage *a)
{
	const struct arrivals *p = &a->pending;
	int64_t max_gap = a->max_gap_ns, last = a->last_released_ns;
	bool have_last = a->have_released;

	for (size_t i = p->head; i < p->head + p->len; i++)
		note_gap(&max_gap, &have_last, &last, p->v[i]);
	return max_gap;
}

void mb_outage_result(struct mb_outage *a, struct mb_outage_result *out)
{
	if (!out)
		return;
	memset(out, 0, sizeof(*out));
	if (!a)
		return;
	out->sent = a->sent;
	out->answered = a->answered;
	out->lost = a->lost;
	out->late = a->late;
	out->duplicates = a->duplicates;
	out->reordered = a->reordered;
	out->first_sent_ns = a->first_sent_ns;
	out->last_sent_ns = a->last_sent_ns;
	out->resolution_ns = a->cfg.interval_ns;
	out->downtime_ns = a->closed_downtime_ns;
	out->n_windows = a->n_win;
	if (a->in_loss) {
		/* Report the open run with a nominal end; a later add
		 * overwrites it when the run closes. */
		window_finish(a, &a->win[a->n_win],
			      sat_add(a->run_last_ns, a->cfg.interval_ns), true);
		out->downtime_ns = sat_add(out->downtime_ns,
					   a->win[a->n_win].estimate_ns);
		out->n_windows++;
	}
	out->windows = a->win;
	out->seed_method1_ns = clamp_i64((unsigned __int128)a->lost *
					 (uint64_t)a->cfg.interval_ns);
	if (a->sent > 0)
		out->seed_method2_ns = clamp_i64(
			(unsigned __int128)(uint64_t)(a->last_sent_ns - a->first_sent_ns) *
			a->lost / a->sent);
	out->max_response_gap_ns = response_gap(a);
	if (a->answered > 0) {
		out->rtt_min_ns = a->rtt_min_ns;
		out->rtt_max_ns = a->rtt_max_ns;
		out->rtt_mean_ns = (int64_t)(a->rtt_sum_ns / a->answered);
	}
}
