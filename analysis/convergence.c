#include "config.h"

#include "analysis/convergence.h"

#include <stdio.h>
#include <string.h>

#include "analysis/units.h"

/* x86 pages, when the hypervisor does not say. */
#define DEFAULT_PAGE 4096
/* libvirt's (QEMU's) downtime limit when none is set. */
#define DEFAULT_MAX_DOWNTIME_MS 300
/* Dirty and transfer rates this close are "about the same". */
#define SAME_RATE_PERMILLE 50

const char *mb_conv_verdict_name(enum mb_conv_verdict v)
{
	switch (v) {
	case MB_CONV_CONVERGED: return "converged";
	case MB_CONV_THROTTLED: return "converged-by-throttling";
	case MB_CONV_POSTCOPY: return "post-copy";
	case MB_CONV_NOT_CONVERGED: return "not-converged";
	default: return "no-data";
	}
}

/* Data processed at t: linear between the known points (the migration's
 * start, when nothing was sent, every sample, the completed job's figure at
 * the end).  -1 where no point brackets t. */
static int64_t processed_at(const struct mb_conv_input *in, int64_t t)
{
	int64_t pt = in->start_ns, pv = 0;

	for (size_t i = 0; i <= in->n; i++) {
		int64_t ct, cv;

		if (i < in->n) {
			ct = in->samples[i].t_ns;
			cv = in->samples[i].processed;
		} else {
			ct = in->end_ns;
			cv = in->final_processed;
		}
		if (cv < 0 || ct < pt)
			continue;
		if (t <= ct) {
			if (pv < 0 || t < pt)
				return -1;
			return ct == pt ? cv : pv + (int64_t)((double)(cv - pv) * (double)(t - pt) /
							   (double)(ct - pt));
		}
		pt = ct;
		pv = cv;
	}
	return t == pt ? pv : -1;
}

/* The iteration starting at t (or found earlier by an event). */
static struct mb_conv_iter *iter_for(struct mb_conv_result *r, int64_t iteration, int64_t t)
{
	if (r->n && r->iters[r->n - 1].iteration == iteration) {
		if (t < r->iters[r->n - 1].start_ns)
			r->iters[r->n - 1].start_ns = t;
		return &r->iters[r->n - 1];
	}
	if (r->n && r->iters[r->n - 1].iteration > iteration)
		return NULL;	/* out of order: the hypervisor's count never goes back */
	if (r->n == MB_CONV_MAX_ITERS) {
		r->dropped++;
		return NULL;
	}
	r->iters[r->n] = (struct mb_conv_iter){ .iteration = iteration, .start_ns = t,
		.bytes = -1, .transfer_bps = -1, .dirty_bps = -1, .remaining = -1 };
	return &r->iters[r->n++];
}

/* The iterations in order, from samples and events merged by time. */
static void collect(const struct mb_conv_input *in, struct mb_conv_result *r)
{
	size_t i = 0, e = 0;

	while (i < in->n || e < in->nevents) {
		bool ev = e < in->nevents && (i == in->n || in->events[e].t_ns <= in->samples[i].t_ns);
		int64_t it = ev ? in->events[e].iteration : in->samples[i].iteration;
		int64_t t = ev ? in->events[e].t_ns : in->samples[i].t_ns;
		struct mb_conv_iter *x = it >= 1 ? iter_for(r, it, t) : NULL;

		if (x && !ev && x->remaining < 0)
			x->remaining = in->samples[i].remaining;
		if (!ev) {
			const struct mb_conv_sample *s = &in->samples[i];

			if (s->throttle > r->max_throttle)
				r->max_throttle = s->throttle;
			if (s->downtime_ms >= 0)
				r->expected_downtime_ms = s->downtime_ms;
		}
		ev ? e++ : i++;
	}
}

/* The hypervisor's own dirty rate over the samples of one iteration, in
 * bytes/s; -1 if it reported none (TCG reports 0). */
static int64_t reported_dirty(const struct mb_conv_input *in, const struct mb_conv_iter *x,
			      int64_t end)
{
	double sum = 0;
	size_t n = 0;

	for (size_t i = 0; i < in->n; i++) {
		const struct mb_conv_sample *s = &in->samples[i];

		if (s->t_ns >= x->start_ns && s->t_ns < end && s->dirty_rate > 0) {
			sum += (double)s->dirty_rate * (double)(s->page_size > 0 ? s->page_size : DEFAULT_PAGE);
			n++;
		}
	}
	return n ? (int64_t)(sum / (double)n) : -1;
}

/* What iteration k+1 found to send was dirtied during k: a lower bound,
 * since a page dirtied twice counts once.  Its remaining data at its
 * start, else (an iteration too short to be sampled) what it sent. */
static void estimate_dirty(struct mb_conv_result *r, size_t k)
{
	struct mb_conv_iter *x = &r->iters[k];
	const struct mb_conv_iter *next = &r->iters[k + 1];
	int64_t found = next->remaining >= 0 ? next->remaining : next->bytes;

	if (x->dirty_bps >= 0 || found < 0 || x->duration_ns <= 0)
		return;
	x->dirty_bps = (int64_t)((double)found * 1e9 / (double)x->duration_ns);
	x->dirty_estimated = true;
}

static void rates(const struct mb_conv_input *in, struct mb_conv_result *r)
{
	for (size_t k = 0; k < r->n; k++) {
		struct mb_conv_iter *x = &r->iters[k];
		int64_t end = k + 1 < r->n ? r->iters[k + 1].start_ns : in->end_ns;
		int64_t a = processed_at(in, x->start_ns), b = processed_at(in, end);

		x->complete = k + 1 < r->n;
		x->duration_ns = end > x->start_ns ? end - x->start_ns : 0;
		if (a >= 0 && b >= a)
			x->bytes = b - a;
		if (x->bytes >= 0 && x->duration_ns > 0)
			x->transfer_bps = (int64_t)((double)x->bytes * 1e9 / (double)x->duration_ns);
		x->dirty_bps = reported_dirty(in, x, end);
	}
	for (size_t k = 0; k + 1 < r->n; k++)
		estimate_dirty(r, k);
}

static const char *rate_text(int64_t bps, char *buf, size_t len)
{
	char s[24];

	mb_format_size((uint64_t)bps, s, sizeof(s));
	snprintf(buf, len, "%s/s", s);
	return buf;
}

/* The last complete iteration with both rates; NULL if none. */
static const struct mb_conv_iter *last_rated(const struct mb_conv_result *r)
{
	for (size_t k = r->n; k-- > 0;)
		if (r->iters[k].complete && r->iters[k].dirty_bps >= 0 && r->iters[k].transfer_bps > 0)
			return &r->iters[k];
	return NULL;
}

static void not_converged(const struct mb_conv_input *in, struct mb_conv_result *r)
{
	const struct mb_conv_iter *x = last_rated(r);
	const char *how[] = { "--timeout", "abort", "failure" };
	char d[32], t[32];

	r->verdict = MB_CONV_NOT_CONVERGED;
	snprintf(r->switchover, sizeof(r->switchover), "none: ended by %s in iteration %lld",
		 how[in->outcome - MB_CONV_ABORTED_TIMEOUT],
		 (long long)(r->n ? r->iters[r->n - 1].iteration : 0));
	if (!x) {
		snprintf(r->verdict_text, sizeof(r->verdict_text),
			 "did not converge: ended during the first pass over memory");
		return;
	}
	rate_text(x->dirty_bps, d, sizeof(d));
	rate_text(x->transfer_bps, t, sizeof(t));
	if (x->dirty_bps * 1000 >= x->transfer_bps * (1000 - SAME_RATE_PERMILLE))
		snprintf(r->verdict_text, sizeof(r->verdict_text),
			 "did not converge: dirty rate %s%s %s transfer rate %s (iteration %lld)",
			 x->dirty_estimated ? "at least " : "", d,
			 x->dirty_bps > x->transfer_bps ? "above" : "as high as", t,
			 (long long)x->iteration);
	else
		snprintf(r->verdict_text, sizeof(r->verdict_text),
			 "did not converge: dirty rate %s below transfer rate %s, not enough to fit the downtime limit in time (iteration %lld)",
			 d, t, (long long)x->iteration);
}

/* The iteration running at t. */
static int64_t iteration_at(const struct mb_conv_result *r, int64_t t)
{
	int64_t it = 0;

	for (size_t k = 0; k < r->n && r->iters[k].start_ns <= t; k++)
		it = r->iters[k].iteration;
	return it;
}

static void completed(const struct mb_conv_input *in, struct mb_conv_result *r)
{
	long long n = r->n ? (long long)r->iters[r->n - 1].iteration : 0;
	char lim[48];

	if (in->postcopy_ns >= 0) {
		long long k = (long long)iteration_at(r, in->postcopy_ns);

		r->verdict = MB_CONV_POSTCOPY;
		snprintf(r->switchover, sizeof(r->switchover), "post-copy switched in iteration %lld", k);
		snprintf(r->verdict_text, sizeof(r->verdict_text),
			 "completed by post-copy after %lld pre-copy iterations", k);
		return;
	}
	if (in->max_downtime_ms >= 0)
		snprintf(lim, sizeof(lim), "%lld ms", (long long)in->max_downtime_ms);
	else
		snprintf(lim, sizeof(lim), "%d ms, the default", DEFAULT_MAX_DOWNTIME_MS);
	if (r->max_throttle > 0) {
		r->verdict = MB_CONV_THROTTLED;
		snprintf(r->switchover, sizeof(r->switchover),
			 "auto-converge throttled the guest by %lld%%, then the remaining data fit the downtime limit (%s)",
			 (long long)r->max_throttle, lim);
		snprintf(r->verdict_text, sizeof(r->verdict_text),
			 "converged only by throttling (%lld%%) in %lld iterations",
			 (long long)r->max_throttle, n);
		return;
	}
	r->verdict = MB_CONV_CONVERGED;
	snprintf(r->switchover, sizeof(r->switchover),
		 "the remaining data fit the downtime limit (%s)", lim);
	snprintf(r->verdict_text, sizeof(r->verdict_text), "converged in %lld iteration%s", n,
		 n == 1 ? "" : "s");
}

void mb_convergence_audit(const struct mb_conv_input *in, struct mb_conv_result *r)
{
	memset(r, 0, sizeof(*r));
	r->expected_downtime_ms = -1;
	r->measured_downtime_ms = in->measured_downtime_ms;
	collect(in, r);
	rates(in, r);
	if (in->outcome != MB_CONV_COMPLETED) {
		not_converged(in, r);
		return;
	}
	if (r->n == 0) {
		r->verdict = MB_CONV_NO_DATA;
		snprintf(r->switchover, sizeof(r->switchover), "not known: no job statistics");
		snprintf(r->verdict_text, sizeof(r->verdict_text),
			 "not known: the job ended before its statistics were sampled");
		return;
	}
	completed(in, r);
}
