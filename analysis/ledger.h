/* The phase ledger of a migration: every instant migbench observed, on the
 * run's clock, in order, with the intervals between the ones that matter.
 *
 * Pure.  Inputs are ns relative to the run's t0; -1 = not observed, and an
 * unobserved instant is left out of the list (never guessed).  Entries are
 * sorted by time, stably: equal times keep the input order below, which is
 * the causal order of a migration. */
#ifndef MB_ANALYSIS_LEDGER_H
#define MB_ANALYSIS_LEDGER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct mb_ledger_input {
	int64_t migration_call_ns;         /* migbench: virDomainMigrate* called */
	const int64_t *iteration_ns;       /* libvirt-src: each iteration event */
	size_t n_iterations;
	int64_t suspended_ns;              /* libvirt-src: suspended (migrated) */
	int64_t last_wire_byte_ns;         /* wire: last migration byte captured */
	int64_t resumed_ns;                /* libvirt-dst: resumed (migrated) */
	int64_t first_announce_ns;         /* wire: first RARP/GARP from the guest MAC */
	int64_t first_probe_reply_ns;      /* prober: first reply after the resume */
	int64_t first_app_reply_ns;        /* app: first answer after the resume */
	int64_t call_returned_ns;          /* migbench: the migration call returned */
	/* From the figures of other modules, -1 if unknown. */
	int64_t app_stall_start_ns, app_stall_end_ns; /* analysis/app.h */
	int64_t brownout_ns;
	int64_t probe_outage_start_ns;     /* the first prober window after the call */
};

/* Initializes every field to "not observed". */
void mb_ledger_input_init(struct mb_ledger_input *in);

#define MB_LEDGER_NAME_MAX 32

struct mb_ledger_entry {
	char name[MB_LEDGER_NAME_MAX]; /* "migration-call", "iteration 3", ... */
	int64_t t_ns;
	const char *source; /* "migbench", "libvirt-src", "libvirt-dst", "wire", "prober", "app" */
};

struct mb_ledger_intervals {
	int64_t blackout_ns;        /* suspended -> resumed (hypervisor) */
	int64_t announce_ns;        /* resumed -> first RARP/GARP */
	int64_t reconvergence_ns;   /* resumed -> first probe reply */
	int64_t app_recovery_ns;    /* resumed -> first app answer */
	int64_t app_stall_ns;       /* longest application stall */
	int64_t brownout_ns;
	/* First prober outage window start - suspended: negative means the
	 * loss began before the pause (the guest or its receive ring). */
	int64_t probe_outage_offset_ns;
	bool probe_outage_offset_known; /* the offset can be any sign */
};

struct mb_ledger {
	struct mb_ledger_entry *entries;
	size_t n;
	struct mb_ledger_intervals iv; /* -1 for unknown, except the offset */
};

/* Builds the ledger.  Returns 0, or -1 if out of memory (out is then
 * empty).  Negative instants are left out as unknown; an interval whose
 * end comes before its start is computed as is (it is a finding, e.g. a
 * reply counted before an event's late delivery). */
int mb_ledger_build(const struct mb_ledger_input *in, struct mb_ledger *out);
void mb_ledger_free(struct mb_ledger *l);

#endif
