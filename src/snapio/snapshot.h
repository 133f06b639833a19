/* libvirt side of the campaign: external disk-only snapshots, their
 * metadata, the disk's current source, and removal of an overlay file
 * through libvirt's storage API (the file lives on the libvirt host,
 * which need not be this machine). */
#ifndef MB_SNAPSHOT_H
#define MB_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>

#include <libvirt/libvirt.h>

#include "src/snapio/domxml.h"

/* libvirt reverts external snapshots itself from this version on. */
#define MB_LIBVIRT_NATIVE_EXTERNAL_REVERT 9009000UL

/* DISK_ONLY | ATOMIC | QUIESCE, with metadata (see migbench-snapio(1) for why). */
int mb_snapshot_create(virDomainPtr dom, const char *xml, char *err, size_t errlen);

/* 1 exists, 0 does not, -1 error. */
int mb_snapshot_exists(virDomainPtr dom, const char *name, char *err, size_t errlen);

/* Drops the metadata only (the overlay file stays).  0, also when it was
 * already gone; -1 with err. */
int mb_snapshot_drop_metadata(virDomainPtr dom, const char *name, char *err, size_t errlen);

/* libvirt >= 9.9: revert to the snapshot (running), then delete it, which
 * folds libvirt's fresh overlay into the snapshot's backing file. */
int mb_snapshot_native_revert(virDomainPtr dom, const char *name, char *err, size_t errlen);

/* The disk as the domain has it now: the live definition when it runs,
 * the persistent one otherwise. */
int mb_disk_current(virDomainPtr dom, const char *target, struct mb_disk_info *d,
		    bool *running, char *err, size_t errlen);

/* Removes an overlay file migbench made: it must be a volume whose
 * backing file is `backing`; found through an active storage pool, else
 * through a transient directory pool named pool_name made for the
 * purpose (and destroyed after it, or after a killed run on the next
 * call).  0 removed, 1 already absent, -1 error (nothing removed). */
int mb_overlay_remove(virConnectPtr conn, const char *path, const char *backing,
		      const char *pool_name, char *err, size_t errlen);

#endif
