#include "config.h"

#include "src/probe_pipeline.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "src/exitcode.h"
#include "src/report_outage.h"

/* Room for 2^18 samples: 26 s of probes at 10 kHz before the drain must
 * have run, far more than the 100 ms a run's main loop sleeps. */
#define QUEUE_CAPACITY (1u << 18)

static void on_sample(void *user, const struct mb_probe_sample *s)
{
	struct mb_probe_pipeline *p = user;

	if (!mb_sampleq_push(p->queue, s))
		atomic_fetch_add(&p->overflow, 1);
}

int mb_pipeline_open(struct mb_probe_pipeline *p, struct in_addr target,
		     const struct mb_outage_config *cfg, const char *csv_path,
		     char *err, size_t errlen)
{
	struct mb_icmp_config ic = {
		.target = target, .interval_ns = cfg->interval_ns, .lost_after_ns = cfg->lost_after_ns,
	};
	int r;

	memset(p, 0, sizeof(*p));
	p->cfg = *cfg;
	p->queue = mb_sampleq_new(QUEUE_CAPACITY);
	p->outage = mb_outage_new(cfg);
	if (!p->queue || !p->outage) {
		snprintf(err, errlen, "probe analysis: out of memory or bad settings");
		return MB_EXIT_INTERNAL;
	}
	r = mb_icmp_open(&p->icmp, &ic, err, errlen);
	if (r)
		return r == -EINVAL ? MB_EXIT_USAGE : r == -ENOMEM ? MB_EXIT_INTERNAL : MB_EXIT_ENV;
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
