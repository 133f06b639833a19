/* libvirt's names for domain lifecycle events and their details, as the
 * run reports them: "suspended/migrated", "resumed/postcopy".  Pure: only
 * libvirt's enum values, no calls into it. */
#ifndef MB_EVENT_NAMES_H
#define MB_EVENT_NAMES_H

#include <stddef.h>

/* The event's name ("suspended"), NULL if libvirt 9.0 defines no such
 * event. */
const char *mb_lifecycle_event_name(int event);
/* The detail's name for that event ("migrated"), NULL if unknown. */
const char *mb_lifecycle_detail_name(int event, int detail);
/* "event/detail" into buf; numbers for what is unknown, so that a newer
 * libvirt's event still shows: "suspended/detail 12", "event 9/detail 0". */
void mb_lifecycle_text(int event, int detail, char *buf, size_t len);

#endif
