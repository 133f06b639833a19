#include "config.h"

#include "src/probe/probe_pipeline.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "analysis/units.h"
#include "probes/clock.h"
#include "src/common/exitcode.h"
#include "src/probe/report_outage.h"
#include "src/common/signals.h"

/* Prober thread: it never waits for the consumer, or its sends would be
 * late and the cadence bent.  A full queue drops the sample (the queue
 * counts it); the queue is sized so that this cannot happen in practice
 * (see open), and drain cuts the analysis at the first missing sample. */
static void on_sample(void *user, const struct mb_probe_sample *s)
{
	struct mb_probe_pipeline *p = user;

	(void)mb_sampleq_push(p->queue, s);
}

int mb_pipeline_open(struct mb_probe_pipeline *p, const struct mb_pipeline_config *cfg,
		     char *err, size_t errlen)
{
	struct mb_icmp_config ic = {
		.family = cfg->family,
		.target = cfg->target,
		.target6 = cfg->target6,
		.interval_ns = cfg->outage.interval_ns,
		.lost_after_ns = cfg->outage.lost_after_ns,
		.payload_len = MB_ICMP_DEFAULT_PAYLOAD,
		.socket_kind = cfg->socket_kind,
		.rt_priority = cfg->rt_priority,
		.no_cpu_latency = cfg->no_cpu_latency,
	};
	struct mb_icmp_stats st;
	int r;

	memset(p, 0, sizeof(*p));
	p->cfg = cfg->outage;
	p->first_reply_after_ns = -1;
	r = mb_icmp_open(&p->icmp, &ic, err, errlen);
	if (r)
		return r == -EINVAL ? MB_EXIT_USAGE : r == -ENOMEM ? MB_EXIT_INTERNAL : MB_EXIT_ENV;
	/* The whole outstanding ring arrives at once while the consumer waits
	 * in mb_icmp_stop; beyond that, 13 s of series at 10 kHz. */
	mb_icmp_stats(p->icmp, &st);
	p->queue = mb_sampleq_new(2 * st.ring_slots + (1u << 17));
	/* Callers check the settings first, so only memory can be missing. */
	p->outage = mb_outage_new(&p->cfg);
	if (!p->queue || !p->outage) {
		snprintf(err, errlen, "analyzer: %s", strerror(ENOMEM));
		return MB_EXIT_INTERNAL;
	}
	return 0;
}

/* Right after a failed stdio write: errno says why (ENOSPC, EIO). */
static void csv_failed(struct mb_probe_pipeline *p)
{
	if (!p->csv_errno)
		p->csv_errno = errno ? errno : EIO;
}

int mb_pipeline_open_csv(struct mb_probe_pipeline *p, const char *path, char *err, size_t errlen)
{
	if (mb_outstream_open(&p->csv, path, err, errlen))
		return MB_EXIT_ENV;
	if (mb_report_csv_header(mb_outstream_file(p->csv)) < 0)
		csv_failed(p);
	return 0;
}

int mb_pipeline_start(struct mb_probe_pipeline *p, char *err, size_t errlen)
{
	return mb_icmp_start(p->icmp, on_sample, p, err, errlen) ? MB_EXIT_ENV : 0;
}

/* One sample to the analyzer.  The analyzer needs every sequence number:
 * after a sample the full queue dropped, it gets none (the series is cut
 * there, and reported); the CSV still gets every sample that arrived. */
static void analyze(struct mb_probe_pipeline *p, const struct mb_probe_sample *s)
{
	if (p->cut)
		return;
	if (s->seq != p->next_seq) { /* the prober numbers from 0 */
		p->cut = true;
		p->cut_seq = p->next_seq;
		return;
	}
	p->next_seq = s->seq + 1;
	if (mb_outage_add(p->outage, s))
		p->refused++;
}

static void see_reply(struct mb_probe_pipeline *p, int64_t recv_ns)
{
	if (p->watch_ns && recv_ns >= p->watch_ns &&
	    (p->first_reply_after_ns < 0 || recv_ns < p->first_reply_after_ns))
		p->first_reply_after_ns = recv_ns;
}

void mb_pipeline_watch_replies(struct mb_probe_pipeline *p, int64_t t_ns)
{
	size_t n = p->recent_n < MB_PIPELINE_RECENT ? p->recent_n : MB_PIPELINE_RECENT;

	if (p->watch_ns || t_ns <= 0)
		return;
	p->watch_ns = t_ns;
	for (size_t i = 0; i < n; i++)
		see_reply(p, p->recent[i]);
}

void mb_pipeline_drain(struct mb_probe_pipeline *p)
{
	struct mb_probe_sample batch[512];
	size_t n;

	while ((n = mb_sampleq_pop(p->queue, batch, sizeof(batch) / sizeof(batch[0]))) > 0) {
		for (size_t i = 0; i < n; i++) {
			analyze(p, &batch[i]);
			if (batch[i].recv_ns >= 0) {
				p->recent[p->recent_n++ % MB_PIPELINE_RECENT] = batch[i].recv_ns;
				see_reply(p, batch[i].recv_ns);
			}
			if (p->csv && mb_report_csv_sample(mb_outstream_file(p->csv), &batch[i], &p->cfg) < 0)
				csv_failed(p);
		}
	}
}

bool mb_pipeline_drain_until(struct mb_probe_pipeline *p, int64_t deadline_ns, int64_t period_ns)
{
	for (;;) {
		int64_t now = mb_now_ns(), wake = now + period_ns;

		mb_pipeline_drain(p);
		if (mb_signal_pending())
			return false;
		if (now >= deadline_ns)
			return true;
		mb_sleep_until_ns(wake < deadline_ns ? wake : deadline_ns); /* a signal ends it */
	}
}

void mb_pipeline_stop_prober(struct mb_probe_pipeline *p)
{
	if (p->icmp)
		mb_icmp_stop(p->icmp);
}

void mb_pipeline_stop(struct mb_probe_pipeline *p)
{
	if (!p->icmp)
		return;
	mb_pipeline_stop_prober(p);
	mb_pipeline_drain(p);
}

int mb_pipeline_commit(struct mb_probe_pipeline *p, char *err, size_t errlen)
{
	struct mb_outstream *s = p->csv;

	p->csv = NULL;
	return mb_outstream_finish(s, p->csv_errno, err, errlen);
}

void mb_pipeline_discard_csv(struct mb_probe_pipeline *p)
{
	mb_outstream_abort(p->csv);
	p->csv = NULL;
}

void mb_pipeline_free(struct mb_probe_pipeline *p)
{
	mb_icmp_free(p->icmp);
	mb_pipeline_discard_csv(p);
	mb_outage_free(p->outage);
	mb_sampleq_free(p->queue);
	memset(p, 0, sizeof(*p));
}

void mb_pipeline_report_problems(const struct mb_probe_pipeline *p, struct json_object *errors,
				 FILE *err)
{
	struct mb_icmp_stats st;
	uint64_t dropped;
	char msg[300];

	if (!p->icmp)
		return;
	dropped = mb_sampleq_dropped(p->queue);
	mb_icmp_stats(p->icmp, &st);
	mb_report_icmp_problems(&st, p->cfg.interval_ns, errors, err);
	if (p->refused) {
		snprintf(msg, sizeof(msg), "prober: the analyzer refused %" PRIu64 " samples (a bug)",
			 p->refused);
		mb_report_problem(errors, err, msg);
	}
	if (dropped) {
		/* The prober never waits for the consumer: what did not fit is lost. */
		snprintf(msg, sizeof(msg), "prober: sample queue full: %" PRIu64 " samples dropped "
			 "(the result writer fell behind; disk too slow?); the analysis stops "
			 "before probe %" PRIu64, dropped, p->cut ? p->cut_seq : p->next_seq);
		mb_report_problem(errors, err, msg);
	}
}

bool mb_pipeline_rate_check(const struct mb_probe_pipeline *p, const char *when,
			    struct json_object *errors, FILE *err)
{
	struct mb_icmp_stats st;
	char msg[400], iv[32];
	double rate;

	if (!p->icmp)
		return true;
	mb_icmp_stats(p->icmp, &st);
	if (st.sent < 20 || (double)st.replies >= MB_PIPELINE_RATE_MIN_ANSWERED * (double)st.sent)
		return true;
	mb_format_duration(p->cfg.interval_ns, iv, sizeof(iv));
	rate = 1e9 / (double)p->cfg.interval_ns;
	snprintf(msg, sizeof(msg), "prober: the target answered %" PRIu64 " of %" PRIu64 " probes "
		 "during %s (%.0f%%): it may not keep up with one every %s (%.0f/s); its losses "
		 "read as outage, so a longer --interval may measure better", st.replies, st.sent,
		 when, 100.0 * (double)st.replies / (double)st.sent, iv, rate);
	mb_report_problem(errors, err, msg);
	return false;
}
