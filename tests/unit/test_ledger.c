/* Unit tests of analysis/ledger.c: order, omissions, ties, intervals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/ledger.h"

#define MS INT64_C(1000000)

static void expect(const struct mb_ledger *l, size_t i, const char *name, int64_t t,
		   const char *source)
{
	assert_true(i < l->n);
	assert_string_equal(l->entries[i].name, name);
	assert_int_equal(l->entries[i].t_ns, t);
	assert_string_equal(l->entries[i].source, source);
}

/* A whole migration, with the events delivered out of causal order in
 * time (the destination's resume event reaches us after the first probe
 * reply) and two instants at the same time. */
static void full(void **state)
{
	const int64_t iters[] = { 1100 * MS, 1900 * MS, 2300 * MS };
	struct mb_ledger_input in;
	struct mb_ledger l;

	(void)state;
	mb_ledger_input_init(&in);
	in.migration_call_ns = 1000 * MS;
	in.iteration_ns = iters;
	in.n_iterations = 3;
	in.suspended_ns = 2400 * MS;
	in.last_wire_byte_ns = 2450 * MS;
	in.resumed_ns = 2500 * MS;
	in.first_announce_ns = 2510 * MS;
	in.first_probe_reply_ns = 2490 * MS;
	in.first_app_reply_ns = 2700 * MS;
	in.call_returned_ns = 2700 * MS;
	in.app_stall_start_ns = 2380 * MS;
	in.app_stall_end_ns = 2700 * MS;
	in.brownout_ns = 350 * MS;
	in.probe_outage_start_ns = 2367 * MS;
	assert_int_equal(mb_ledger_build(&in, &l), 0);
	assert_int_equal(l.n, 11);
	expect(&l, 0, "migration-call", 1000 * MS, "migbench");
	expect(&l, 1, "iteration 1", 1100 * MS, "libvirt-src");
	expect(&l, 2, "iteration 2", 1900 * MS, "libvirt-src");
	expect(&l, 3, "iteration 3", 2300 * MS, "libvirt-src");
	expect(&l, 4, "source-suspended", 2400 * MS, "libvirt-src");
	expect(&l, 5, "last-migration-byte", 2450 * MS, "wire");
	expect(&l, 6, "first-probe-reply", 2490 * MS, "prober");
	expect(&l, 7, "destination-resumed", 2500 * MS, "libvirt-dst");
	expect(&l, 8, "first-announce", 2510 * MS, "wire");
	/* A tie keeps the causal order: the reply, then the return. */
	expect(&l, 9, "first-app-reply", 2700 * MS, "app");
	expect(&l, 10, "call-returned", 2700 * MS, "migbench");
	assert_int_equal(l.iv.blackout_ns, 100 * MS);
	assert_int_equal(l.iv.announce_ns, 10 * MS);
	assert_int_equal(l.iv.reconvergence_ns, -10 * MS); /* a finding, kept */
	assert_int_equal(l.iv.app_recovery_ns, 200 * MS);
	assert_int_equal(l.iv.app_stall_ns, 320 * MS);
	assert_int_equal(l.iv.brownout_ns, 350 * MS);
	/* The probes were lost 33 ms before the pause. */
	assert_true(l.iv.probe_outage_offset_known);
	assert_int_equal(l.iv.probe_outage_offset_ns, -33 * MS);
	mb_ledger_free(&l);
	assert_int_equal(l.n, 0);
	mb_ledger_free(&l); /* twice is fine */
}

/* Only the call and its return were seen (no events, no capture, no
 * probes): two entries, every interval unknown. */
static void sparse(void **state)
{
	struct mb_ledger_input in;
	struct mb_ledger l;

	(void)state;
	mb_ledger_input_init(&in);
	in.migration_call_ns = 5;
	in.call_returned_ns = 0; /* 0 is a time: the run's t0 */
	in.probe_outage_start_ns = 100; /* without a suspension: no offset */
	assert_int_equal(mb_ledger_build(&in, &l), 0);
	assert_int_equal(l.n, 2);
	expect(&l, 0, "call-returned", 0, "migbench");
	expect(&l, 1, "migration-call", 5, "migbench");
	assert_int_equal(l.iv.blackout_ns, -1);
	assert_int_equal(l.iv.announce_ns, -1);
	assert_int_equal(l.iv.reconvergence_ns, -1);
	assert_int_equal(l.iv.app_recovery_ns, -1);
	assert_int_equal(l.iv.app_stall_ns, -1);
	assert_int_equal(l.iv.brownout_ns, -1);
	assert_false(l.iv.probe_outage_offset_known);
	mb_ledger_free(&l);
}

/* Unknown iterations among known ones are left out; nothing at all gives
 * an empty ledger. */
static void omissions(void **state)
{
	const int64_t iters[] = { 10, -1, 30 };
	struct mb_ledger_input in;
	struct mb_ledger l;

	(void)state;
	mb_ledger_input_init(&in);
	assert_int_equal(mb_ledger_build(&in, &l), 0);
	assert_int_equal(l.n, 0);
	mb_ledger_free(&l);
	in.iteration_ns = iters;
	in.n_iterations = 3;
	in.resumed_ns = 20;
	in.suspended_ns = 15;
	in.probe_outage_start_ns = 16; /* after the pause began */
	assert_int_equal(mb_ledger_build(&in, &l), 0);
	assert_int_equal(l.n, 4);
	expect(&l, 0, "iteration 1", 10, "libvirt-src");
	expect(&l, 1, "source-suspended", 15, "libvirt-src");
	expect(&l, 2, "destination-resumed", 20, "libvirt-dst");
	expect(&l, 3, "iteration 3", 30, "libvirt-src");
	assert_int_equal(l.iv.blackout_ns, 5);
	assert_int_equal(l.iv.probe_outage_offset_ns, 1);
	mb_ledger_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(full),
		cmocka_unit_test(sparse),
		cmocka_unit_test(omissions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
