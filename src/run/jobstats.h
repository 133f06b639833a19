/* The hypervisor's migration job statistics (virDomainGetJobStats and the
 * job-completed event), as one flat record.  -1 marks a figure the
 * hypervisor did not report. */
#ifndef MB_JOBSTATS_H
#define MB_JOBSTATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <json-c/json.h>
#include <libvirt/libvirt.h>

struct mb_jobstats {
	int64_t t_ns; /* CLOCK_MONOTONIC when sampled or received */
	int type;     /* virDomainJobType */
	int64_t time_elapsed_ms, time_remaining_ms, setup_time_ms;
	int64_t downtime_ms, downtime_net_ms;
	int64_t data_total, data_processed, data_remaining;
	int64_t memory_total, memory_processed, memory_remaining;
	int64_t memory_bps, memory_dirty_rate, memory_iteration, memory_postcopy_reqs;
	int64_t memory_constant, memory_normal, memory_normal_bytes, memory_page_size;
	int64_t disk_total, disk_processed, disk_remaining;
	int64_t auto_converge_throttle;
	int64_t operation; /* virDomainJobOperation (libvirt 3.3 and later) */
	int64_t compression_cache, compression_bytes, compression_pages;
	int64_t compression_cache_misses, compression_overflow;
};

/* One field: its libvirt typed-parameter name and where it goes. */
struct mb_jobstats_field {
	const char *param;  /* VIR_DOMAIN_JOB_* */
	const char *key;    /* name in our JSON and CSV */
	size_t offset;
};
extern const struct mb_jobstats_field mb_jobstats_fields[];
extern const size_t mb_jobstats_nfields;

void mb_jobstats_clear(struct mb_jobstats *s);
void mb_jobstats_from_params(struct mb_jobstats *s, virTypedParameterPtr params, int n);

/* The current (flags 0) or completed (VIR_DOMAIN_JOB_STATS_COMPLETED) job.
 * 0, or -1 with libvirt's reason in err. */
int mb_jobstats_get(virDomainPtr dom, unsigned int flags, struct mb_jobstats *s,
		    char *err, size_t errlen);

/* A migration of the domain away from this host is under way: an active
 * job, a migration as far as libvirt says what it is. */
bool mb_jobstats_migrating_out(const struct mb_jobstats *s);

/* Reported fields only; t_ns made relative to t0. */
json_object *mb_jobstats_json(const struct mb_jobstats *s, int64_t t0_ns);
/* CSV header and row with every field (empty where unreported). */
void mb_jobstats_csv_header(FILE *f);
void mb_jobstats_csv_row(FILE *f, const struct mb_jobstats *s, int64_t t0_ns);

#endif
