#include "config.h"

#include "src/probe/probe_pipeline.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "probes/clock.h"
#include "src/common/exitcode.h"
#include "src/probe/report_outage.h"
#include "src/common/signals.h"

/* Prober thread: it must never drop a sample (the analyzer needs every
 * sequence number), so a full queue means waiting for the consumer.  The
 * queue is sized so that this cannot happen in practice: see open. */
static void on_sample(void *user, const struct mb_probe_sample *s)
{
	struct mb_probe_pipeline *p = user;
	const struct timespec pause = { .tv_sec = 0, .tv_nsec = 200000 };

	while (!mb_sampleq_push(p->queue, s)) {
		atomic_fetch_add(&p->overflow, 1);
		nanosleep(&pause, NULL);
	}
}

int mb_pipeline_open(struct mb_probe_pipeline *p, const struct mb_pipeline_config *cfg,
		     char *err, size_t errlen)
{
	struct mb_icmp_config ic = {
		.target = cfg->target,
		.interval_ns = cfg->outage.interval_ns,
		.lost_after_ns = cfg->outage.lost_after_ns,
		.payload_len = MB_ICMP_DEFAULT_PAYLOAD,
		.socket_kind = cfg->socket_kind,
		.rt_priority = cfg->rt_priority,
	};
	struct mb_icmp_stats st;
	int r;

	memset(p, 0, sizeof(*p));
	p->cfg = cfg->outage;
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

void mb_pipeline_drain(struct mb_probe_pipeline *p)
{
	struct mb_probe_sample batch[512];
	size_t n;

	while ((n = mb_sampleq_pop(p->queue, batch, sizeof(batch) / sizeof(batch[0]))) > 0) {
		for (size_t i = 0; i < n; i++) {
			if (mb_outage_add(p->outage, &batch[i]))
				p->refused++;
			if (p->csv && mb_report_csv_sample(mb_outstream_file(p->csv), &batch[i], &p->cfg) < 0)
				csv_failed(p);
		}
	}
}

/* No EINTR retry: a signal must end the sleep, the loop then sees it. */
bool mb_pipeline_drain_until(struct mb_probe_pipeline *p, int64_t deadline_ns, int64_t period_ns)
{
	for (;;) {
		int64_t now = mb_now_ns(), wake = now + period_ns;
		struct timespec ts;

		mb_pipeline_drain(p);
		if (mb_signal_pending())
			return false;
		if (now >= deadline_ns)
			return true;
		ts = mb_ns_ts(wake < deadline_ns ? wake : deadline_ns);
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
	}
}

void mb_pipeline_stop(struct mb_probe_pipeline *p)
{
	if (!p->icmp)
		return;
	mb_icmp_stop(p->icmp);
	mb_pipeline_drain(p);
}

int mb_pipeline_commit(struct mb_probe_pipeline *p, char *err, size_t errlen)
{
	struct mb_outstream *s = p->csv;

	p->csv = NULL;
	if (s && p->csv_errno) {
		snprintf(err, errlen, "%s: %s", mb_outstream_path(s), strerror(p->csv_errno));
		mb_outstream_abort(s);
		return -1;
	}
	return s ? mb_outstream_commit(s, err, errlen) : 0;
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
	uint64_t waits = (uint64_t)atomic_load(&p->overflow);
	char msg[200];

	if (!p->icmp)
		return;
	mb_icmp_stats(p->icmp, &st);
	mb_report_icmp_problems(&st, p->cfg.interval_ns, errors, err);
	if (p->refused) {
		snprintf(msg, sizeof(msg), "prober: the analyzer refused %" PRIu64 " samples (a bug)",
			 p->refused);
		mb_report_problem(errors, err, msg);
	}
	if (waits) {
		/* The prober paused for the consumer: its sends were late then. */
		snprintf(msg, sizeof(msg), "prober: waited %" PRIu64 " times for the result writer "
			 "(disk too slow?)", waits);
		mb_report_problem(errors, err, msg);
	}
}
