/* The names are libvirt's enum names (virDomainEventType and the
 * virDomainEvent*DetailType enums of libvirt-domain.h), lower case, so a
 * reader can look each one up in libvirt's documentation. */
#include "config.h"

#include "src/run/event_names.h"

#include <stdio.h>

#include <libvirt/libvirt.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

struct names {
	const char *event;
	const char *const *details;
	size_t n;
};

static const char *const defined[] = {
	[VIR_DOMAIN_EVENT_DEFINED_ADDED] = "added",
	[VIR_DOMAIN_EVENT_DEFINED_UPDATED] = "updated",
	[VIR_DOMAIN_EVENT_DEFINED_RENAMED] = "renamed",
	[VIR_DOMAIN_EVENT_DEFINED_FROM_SNAPSHOT] = "from_snapshot",
};
static const char *const undefined[] = {
	[VIR_DOMAIN_EVENT_UNDEFINED_REMOVED] = "removed",
	[VIR_DOMAIN_EVENT_UNDEFINED_RENAMED] = "renamed",
};
static const char *const started[] = {
	[VIR_DOMAIN_EVENT_STARTED_BOOTED] = "booted",
	[VIR_DOMAIN_EVENT_STARTED_MIGRATED] = "migrated",
	[VIR_DOMAIN_EVENT_STARTED_RESTORED] = "restored",
	[VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT] = "from_snapshot",
	[VIR_DOMAIN_EVENT_STARTED_WAKEUP] = "wakeup",
};
static const char *const suspended[] = {
	[VIR_DOMAIN_EVENT_SUSPENDED_PAUSED] = "paused",
	[VIR_DOMAIN_EVENT_SUSPENDED_MIGRATED] = "migrated",
	[VIR_DOMAIN_EVENT_SUSPENDED_IOERROR] = "ioerror",
	[VIR_DOMAIN_EVENT_SUSPENDED_WATCHDOG] = "watchdog",
	[VIR_DOMAIN_EVENT_SUSPENDED_RESTORED] = "restored",
	[VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT] = "from_snapshot",
	[VIR_DOMAIN_EVENT_SUSPENDED_API_ERROR] = "api_error",
	[VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY] = "postcopy",
	[VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY_FAILED] = "postcopy_failed",
};
static const char *const resumed[] = {
	[VIR_DOMAIN_EVENT_RESUMED_UNPAUSED] = "unpaused",
	[VIR_DOMAIN_EVENT_RESUMED_MIGRATED] = "migrated",
	[VIR_DOMAIN_EVENT_RESUMED_FROM_SNAPSHOT] = "from_snapshot",
	[VIR_DOMAIN_EVENT_RESUMED_POSTCOPY] = "postcopy",
	[VIR_DOMAIN_EVENT_RESUMED_POSTCOPY_FAILED] = "postcopy_failed",
};
static const char *const stopped[] = {
	[VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN] = "shutdown",
	[VIR_DOMAIN_EVENT_STOPPED_DESTROYED] = "destroyed",
	[VIR_DOMAIN_EVENT_STOPPED_CRASHED] = "crashed",
	[VIR_DOMAIN_EVENT_STOPPED_MIGRATED] = "migrated",
	[VIR_DOMAIN_EVENT_STOPPED_SAVED] = "saved",
	[VIR_DOMAIN_EVENT_STOPPED_FAILED] = "failed",
	[VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT] = "from_snapshot",
};
static const char *const shutdown[] = {
	[VIR_DOMAIN_EVENT_SHUTDOWN_FINISHED] = "finished",
	[VIR_DOMAIN_EVENT_SHUTDOWN_GUEST] = "guest",
	[VIR_DOMAIN_EVENT_SHUTDOWN_HOST] = "host",
};
static const char *const pmsuspended[] = {
	[VIR_DOMAIN_EVENT_PMSUSPENDED_MEMORY] = "memory",
	[VIR_DOMAIN_EVENT_PMSUSPENDED_DISK] = "disk",
};
static const char *const crashed[] = {
	[VIR_DOMAIN_EVENT_CRASHED_PANICKED] = "panicked",
	[VIR_DOMAIN_EVENT_CRASHED_CRASHLOADED] = "crashloaded",
};

static const struct names events[] = {
	[VIR_DOMAIN_EVENT_DEFINED] = { "defined", defined, COUNT(defined) },
	[VIR_DOMAIN_EVENT_UNDEFINED] = { "undefined", undefined, COUNT(undefined) },
	[VIR_DOMAIN_EVENT_STARTED] = { "started", started, COUNT(started) },
	[VIR_DOMAIN_EVENT_SUSPENDED] = { "suspended", suspended, COUNT(suspended) },
	[VIR_DOMAIN_EVENT_RESUMED] = { "resumed", resumed, COUNT(resumed) },
	[VIR_DOMAIN_EVENT_STOPPED] = { "stopped", stopped, COUNT(stopped) },
	[VIR_DOMAIN_EVENT_SHUTDOWN] = { "shutdown", shutdown, COUNT(shutdown) },
	[VIR_DOMAIN_EVENT_PMSUSPENDED] = { "pmsuspended", pmsuspended, COUNT(pmsuspended) },
	[VIR_DOMAIN_EVENT_CRASHED] = { "crashed", crashed, COUNT(crashed) },
};

/* Every enum of libvirt 9.0 is in the tables; a newer libvirt's additions
 * show as numbers. */
_Static_assert(COUNT(events) == 9, "lifecycle events of libvirt 9.0");
_Static_assert(COUNT(resumed) == 5 && COUNT(suspended) == 9 && COUNT(stopped) == 7,
	       "lifecycle details of libvirt 9.0");

const char *mb_lifecycle_event_name(int event)
{
	return event >= 0 && (size_t)event < COUNT(events) ? events[event].event : NULL;
}

const char *mb_lifecycle_detail_name(int event, int detail)
{
	if (!mb_lifecycle_event_name(event) || detail < 0 || (size_t)detail >= events[event].n)
		return NULL;
	return events[event].details[detail];
}

void mb_lifecycle_text(int event, int detail, char *buf, size_t len)
{
	const char *e = mb_lifecycle_event_name(event), *d = mb_lifecycle_detail_name(event, detail);

	if (!e)
		snprintf(buf, len, "event %d/detail %d", event, detail);
	else if (!d)
		snprintf(buf, len, "%s/detail %d", e, detail);
	else
		snprintf(buf, len, "%s/%s", e, d);
}
