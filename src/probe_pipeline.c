#include "config.h"

#include "src/probe_pipeline.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "src/exitcode.h"
#include "src/report_outage.h"

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

int mb_pipeline_open(struct mb_probe_pipeline *p, struct in_addr target,
		     const struct mb_outage_config *cfg, int rt_priority, const char *csv_path,
		     char *err, size_t errlen)
{
	struct mb_icmp_config ic = {
		.target = target, .interval_ns = cfg->interval_ns, .lost_after_ns = cfg->lost_after_ns,
		.payload_len = MB_ICMP_DEFAULT_PAYLOAD, .rt_priority = rt_priority,
	};
	struct mb_icmp_stats st;
	int r;

	memset(p, 0, sizeof(*p));
	p->cfg = *cfg;
	r = mb_icmp_open(&p->icmp, &ic, err, errlen);
	if (r)
		return r == -EINVAL ? MB_EXIT_USAGE : r == -ENOMEM ? MB_EXIT_INTERNAL : MB_EXIT_ENV;
	/* The whole outstanding ring arrives at once while the consumer waits
	 * in mb_icmp_stop; beyond that, 13 s of series at 10 kHz. */
	mb_icmp_stats(p->icmp, &st);
	p->queue = mb_sampleq_new(2 * st.ring_slots + (1u << 17));
	p->outage = mb_outage_new(cfg);
	if (!p->queue || !p->outage) {
		snprintf(err, errlen, "probe analysis: out of memory or bad settings");
		return MB_EXIT_INTERNAL;
	}
	if (csv_path) {
		if (mb_outstream_open(&p->csv, csv_path, err, errlen))
			return MB_EXIT_ENV;
		mb_report_csv_header(mb_outstream_file(p->csv));
	}
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
			if (p->csv)
				mb_report_csv_sample(mb_outstream_file(p->csv), &batch[i], &p->cfg);
		}
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
	return s ? mb_outstream_commit(s, err, errlen) : 0;
}

void mb_pipeline_free(struct mb_probe_pipeline *p)
{
	mb_icmp_free(p->icmp);
	if (p->csv)
		mb_outstream_abort(p->csv);
	mb_outage_free(p->outage);
	mb_sampleq_free(p->queue);
	memset(p, 0, sizeof(*p));
}
