#include "config.h"

#include "src/run/jobstats.h"

#include <stdlib.h>
#include <string.h>

#include "probes/clock.h"
#include "src/common/virt.h"

#define F(param, key, member) { param, key, offsetof(struct mb_jobstats, member) }
const struct mb_jobstats_field mb_jobstats_fields[] = {
	F(VIR_DOMAIN_JOB_TIME_ELAPSED, "time_elapsed_ms", time_elapsed_ms),
	F(VIR_DOMAIN_JOB_TIME_REMAINING, "time_remaining_ms", time_remaining_ms),
	F(VIR_DOMAIN_JOB_SETUP_TIME, "setup_time_ms", setup_time_ms),
	F(VIR_DOMAIN_JOB_DOWNTIME, "downtime_ms", downtime_ms),
	F(VIR_DOMAIN_JOB_DOWNTIME_NET, "downtime_net_ms", downtime_net_ms),
	F(VIR_DOMAIN_JOB_DATA_TOTAL, "data_total", data_total),
	F(VIR_DOMAIN_JOB_DATA_PROCESSED, "data_processed", data_processed),
	F(VIR_DOMAIN_JOB_DATA_REMAINING, "data_remaining", data_remaining),
	F(VIR_DOMAIN_JOB_MEMORY_TOTAL, "memory_total", memory_total),
	F(VIR_DOMAIN_JOB_MEMORY_PROCESSED, "memory_processed", memory_processed),
	F(VIR_DOMAIN_JOB_MEMORY_REMAINING, "memory_remaining", memory_remaining),
	F(VIR_DOMAIN_JOB_MEMORY_BPS, "memory_bps", memory_bps),
	F(VIR_DOMAIN_JOB_MEMORY_DIRTY_RATE, "memory_dirty_rate", memory_dirty_rate),
	F(VIR_DOMAIN_JOB_MEMORY_ITERATION, "memory_iteration", memory_iteration),
	F(VIR_DOMAIN_JOB_MEMORY_POSTCOPY_REQS, "memory_postcopy_reqs", memory_postcopy_reqs),
	F(VIR_DOMAIN_JOB_MEMORY_CONSTANT, "memory_constant", memory_constant),
	F(VIR_DOMAIN_JOB_MEMORY_NORMAL, "memory_normal", memory_normal),
	F(VIR_DOMAIN_JOB_MEMORY_NORMAL_BYTES, "memory_normal_bytes", memory_normal_bytes),
	F(VIR_DOMAIN_JOB_MEMORY_PAGE_SIZE, "memory_page_size", memory_page_size),
	F(VIR_DOMAIN_JOB_DISK_TOTAL, "disk_total", disk_total),
	F(VIR_DOMAIN_JOB_DISK_PROCESSED, "disk_processed", disk_processed),
	F(VIR_DOMAIN_JOB_DISK_REMAINING, "disk_remaining", disk_remaining),
	F(VIR_DOMAIN_JOB_AUTO_CONVERGE_THROTTLE, "auto_converge_throttle", auto_converge_throttle),
	F(VIR_DOMAIN_JOB_OPERATION, "operation", operation),
	/* --compressed (XBZRLE): what the page cache saved on pages resent. */
	F(VIR_DOMAIN_JOB_COMPRESSION_CACHE, "compression_cache", compression_cache),
	F(VIR_DOMAIN_JOB_COMPRESSION_BYTES, "compression_bytes", compression_bytes),
	F(VIR_DOMAIN_JOB_COMPRESSION_PAGES, "compression_pages", compression_pages),
	F(VIR_DOMAIN_JOB_COMPRESSION_CACHE_MISSES, "compression_cache_misses", compression_cache_misses),
	F(VIR_DOMAIN_JOB_COMPRESSION_OVERFLOW, "compression_overflow", compression_overflow),
};
#undef F
const size_t mb_jobstats_nfields = sizeof(mb_jobstats_fields) / sizeof(mb_jobstats_fields[0]);

static int64_t *field_ptr(struct mb_jobstats *s, size_t i)
{
	return (int64_t *)((char *)s + mb_jobstats_fields[i].offset);
}

static int64_t field_value(const struct mb_jobstats *s, size_t i)
{
	return *(const int64_t *)((const char *)s + mb_jobstats_fields[i].offset);
}

void mb_jobstats_clear(struct mb_jobstats *s)
{
	s->t_ns = 0;
	s->type = VIR_DOMAIN_JOB_NONE;
	for (size_t i = 0; i < mb_jobstats_nfields; i++)
		*field_ptr(s, i) = -1;
}

static int64_t param_value(const virTypedParameter *p)
{
	switch (p->type) {
	case VIR_TYPED_PARAM_INT: return p->value.i;
	case VIR_TYPED_PARAM_UINT: return p->value.ui;
	case VIR_TYPED_PARAM_LLONG: return p->value.l;
	case VIR_TYPED_PARAM_ULLONG: return p->value.ul > INT64_MAX ? INT64_MAX : (int64_t)p->value.ul;
	default: return -1;
	}
}

void mb_jobstats_from_params(struct mb_jobstats *s, virTypedParameterPtr params, int n)
{
	for (int j = 0; j < n; j++)
		for (size_t i = 0; i < mb_jobstats_nfields; i++)
			if (!strcmp(params[j].field, mb_jobstats_fields[i].param))
				*field_ptr(s, i) = param_value(&params[j]);
}

int mb_jobstats_get(virDomainPtr dom, unsigned int flags, struct mb_jobstats *s,
		    char *err, size_t errlen)
{
	virTypedParameterPtr params = NULL;
	int n = 0, type;

	mb_jobstats_clear(s);
	if (virDomainGetJobStats(dom, &type, &params, &n, flags) < 0) {
		snprintf(err, errlen, "job statistics: %s", mb_virt_last_error());
		return -1;
	}
	s->t_ns = mb_now_ns();
	s->type = type;
	mb_jobstats_from_params(s, params, n);
	virTypedParamsFree(params, n);
	return 0;
}

bool mb_jobstats_migrating_out(const struct mb_jobstats *s)
{
	return (s->type == VIR_DOMAIN_JOB_BOUNDED || s->type == VIR_DOMAIN_JOB_UNBOUNDED) &&
	       (s->operation < 0 || s->operation == VIR_DOMAIN_JOB_OPERATION_MIGRATION_OUT);
}

json_object *mb_jobstats_json(const struct mb_jobstats *s, int64_t t0_ns)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "t_ns", json_object_new_int64(s->t_ns - t0_ns));
	for (size_t i = 0; i < mb_jobstats_nfields; i++) {
		int64_t v = field_value(s, i);

		if (v >= 0)
			json_object_object_add(o, mb_jobstats_fields[i].key, json_object_new_int64(v));
	}
	return o;
}

void mb_jobstats_csv_header(FILE *f)
{
	fputs("t_ns", f);
	for (size_t i = 0; i < mb_jobstats_nfields; i++)
		fprintf(f, ",%s", mb_jobstats_fields[i].key);
	fputc('\n', f);
}

void mb_jobstats_csv_row(FILE *f, const struct mb_jobstats *s, int64_t t0_ns)
{
	fprintf(f, "%lld", (long long)(s->t_ns - t0_ns));
	for (size_t i = 0; i < mb_jobstats_nfields; i++) {
		int64_t v = field_value(s, i);

		if (v >= 0)
			fprintf(f, ",%lld", (long long)v);
		else
			fputc(',', f);
	}
	fputc('\n', f);
}
