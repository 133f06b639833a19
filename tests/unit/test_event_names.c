/* Unit tests of src/run/event_names.c: libvirt's names for lifecycle
 * events and their details, as the run's events report them. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <libvirt/libvirt.h>

#include "src/run/event_names.h"

static void text_is(int event, int detail, const char *want)
{
	char buf[64];

	mb_lifecycle_text(event, detail, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

/* What a migration produces on each side. */
static void migration_events(void **state)
{
	(void)state;
	text_is(VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_MIGRATED, "suspended/migrated");
	text_is(VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED, "suspended/paused");
	text_is(VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_MIGRATED, "stopped/migrated");
	text_is(VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_MIGRATED, "started/migrated");
	text_is(VIR_DOMAIN_EVENT_RESUMED, VIR_DOMAIN_EVENT_RESUMED_MIGRATED, "resumed/migrated");
	text_is(VIR_DOMAIN_EVENT_RESUMED, VIR_DOMAIN_EVENT_RESUMED_POSTCOPY, "resumed/postcopy");
	text_is(VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY_FAILED,
		"suspended/postcopy_failed");
	text_is(VIR_DOMAIN_EVENT_RESUMED, VIR_DOMAIN_EVENT_RESUMED_POSTCOPY_FAILED,
		"resumed/postcopy_failed");
	text_is(VIR_DOMAIN_EVENT_DEFINED, VIR_DOMAIN_EVENT_DEFINED_ADDED, "defined/added");
	text_is(VIR_DOMAIN_EVENT_UNDEFINED, VIR_DOMAIN_EVENT_UNDEFINED_REMOVED, "undefined/removed");
}

/* Every event and every detail libvirt 9.0 defines has a name. */
static void every_detail_named(void **state)
{
	static const int last[] = {
		[VIR_DOMAIN_EVENT_DEFINED] = VIR_DOMAIN_EVENT_DEFINED_FROM_SNAPSHOT,
		[VIR_DOMAIN_EVENT_UNDEFINED] = VIR_DOMAIN_EVENT_UNDEFINED_RENAMED,
		[VIR_DOMAIN_EVENT_STARTED] = VIR_DOMAIN_EVENT_STARTED_WAKEUP,
		[VIR_DOMAIN_EVENT_SUSPENDED] = VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY_FAILED,
		[VIR_DOMAIN_EVENT_RESUMED] = VIR_DOMAIN_EVENT_RESUMED_POSTCOPY_FAILED,
		[VIR_DOMAIN_EVENT_STOPPED] = VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT,
		[VIR_DOMAIN_EVENT_SHUTDOWN] = VIR_DOMAIN_EVENT_SHUTDOWN_HOST,
		[VIR_DOMAIN_EVENT_PMSUSPENDED] = VIR_DOMAIN_EVENT_PMSUSPENDED_DISK,
		[VIR_DOMAIN_EVENT_CRASHED] = VIR_DOMAIN_EVENT_CRASHED_CRASHLOADED,
	};

	(void)state;
	for (int e = 0; e < (int)(sizeof(last) / sizeof(last[0])); e++) {
		assert_non_null(mb_lifecycle_event_name(e));
		for (int d = 0; d <= last[e]; d++)
			assert_non_null(mb_lifecycle_detail_name(e, d));
		assert_null(mb_lifecycle_detail_name(e, last[e] + 1));
	}
	text_is(VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT, "stopped/from_snapshot");
	text_is(VIR_DOMAIN_EVENT_CRASHED, VIR_DOMAIN_EVENT_CRASHED_CRASHLOADED, "crashed/crashloaded");
	text_is(VIR_DOMAIN_EVENT_SHUTDOWN, VIR_DOMAIN_EVENT_SHUTDOWN_GUEST, "shutdown/guest");
	text_is(VIR_DOMAIN_EVENT_PMSUSPENDED, VIR_DOMAIN_EVENT_PMSUSPENDED_DISK, "pmsuspended/disk");
}

/* What a newer libvirt may add still shows, as numbers. */
static void unknown_shows_numbers(void **state)
{
	(void)state;
	assert_null(mb_lifecycle_event_name(9));
	assert_null(mb_lifecycle_event_name(-1));
	assert_null(mb_lifecycle_detail_name(VIR_DOMAIN_EVENT_RESUMED, -1));
	text_is(VIR_DOMAIN_EVENT_RESUMED, 42, "resumed/detail 42");
	text_is(9, 0, "event 9/detail 0");
	text_is(-3, -4, "event -3/detail -4");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(migration_events),
		cmocka_unit_test(every_detail_named),
		cmocka_unit_test(unknown_shows_numbers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
