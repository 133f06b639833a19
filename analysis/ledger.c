/* The phase ledger; see ledger.h.  Entries are collected in causal order
 * and sorted with a stable insertion sort: the list is short and mostly
 * in order already. */
#include "analysis/ledger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void mb_ledger_input_init(struct mb_ledger_input *in)
{
	*in = (struct mb_ledger_input){
		.migration_call_ns = -1, .suspended_ns = -1, .last_wire_byte_ns = -1,
		.resumed_ns = -1, .first_announce_ns = -1, .first_probe_reply_ns = -1,
		.first_app_reply_ns = -1, .call_returned_ns = -1,
		.app_stall_start_ns = -1, .app_stall_end_ns = -1, .brownout_ns = -1,
		.probe_outage_start_ns = -1,
	};
}

static void put(struct mb_ledger *l, const char *name, int64_t t, const char *source)
{
	struct mb_ledger_entry *e;

	if (t < 0)
		return;
	e = &l->entries[l->n++];
	snprintf(e->name, sizeof(e->name), "%s", name);
	e->t_ns = t;
	e->source = source;
}

static void sort_stable(struct mb_ledger *l)
{
	for (size_t i = 1; i < l->n; i++) {
		struct mb_ledger_entry e = l->entries[i];
		size_t j = i;

		for (; j > 0 && l->entries[j - 1].t_ns > e.t_ns; j--)
			l->entries[j] = l->entries[j - 1];
		l->entries[j] = e;
	}
}

static int64_t span(int64_t from, int64_t to)
{
	return from >= 0 && to >= 0 ? to - from : -1;
}

static void intervals(const struct mb_ledger_input *in, struct mb_ledger_intervals *iv)
{
	iv->blackout_ns = span(in->suspended_ns, in->resumed_ns);
	iv->announce_ns = span(in->resumed_ns, in->first_announce_ns);
	iv->reconvergence_ns = span(in->resumed_ns, in->first_probe_reply_ns);
	iv->app_recovery_ns = span(in->resumed_ns, in->first_app_reply_ns);
	iv->app_stall_ns = span(in->app_stall_start_ns, in->app_stall_end_ns);
	iv->brownout_ns = in->brownout_ns >= 0 ? in->brownout_ns : -1;
	iv->probe_outage_offset_known = in->probe_outage_start_ns >= 0 && in->suspended_ns >= 0;
	iv->probe_outage_offset_ns = iv->probe_outage_offset_known ?
				     in->probe_outage_start_ns - in->suspended_ns : 0;
}

int mb_ledger_build(const struct mb_ledger_input *in, struct mb_ledger *out)
{
	char name[MB_LEDGER_NAME_MAX];

	memset(out, 0, sizeof(*out));
	out->entries = calloc(in->n_iterations + 8, sizeof(*out->entries));
	if (!out->entries)
		return -1;
	put(out, "migration-call", in->migration_call_ns, "migbench");
	for (size_t i = 0; i < in->n_iterations; i++) {
		snprintf(name, sizeof(name), "iteration %zu", i + 1);
		put(out, name, in->iteration_ns[i], "libvirt-src");
	}
	put(out, "source-suspended", in->suspended_ns, "libvirt-src");
	put(out, "last-migration-byte", in->last_wire_byte_ns, "wire");
	put(out, "destination-resumed", in->resumed_ns, "libvirt-dst");
	put(out, "first-announce", in->first_announce_ns, "wire");
	put(out, "first-probe-reply", in->first_probe_reply_ns, "prober");
	put(out, "first-app-reply", in->first_app_reply_ns, "app");
	put(out, "call-returned", in->call_returned_ns, "migbench");
	sort_stable(out);
	intervals(in, &out->iv);
	return 0;
}

void mb_ledger_free(struct mb_ledger *l)
{
	if (!l)
		return;
	free(l->entries);
	l->entries = NULL;
	l->n = 0;
}
