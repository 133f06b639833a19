/* Snapshots, disk sources and overlay removal through libvirt (snapshot.h). */
#include "config.h"

#include "src/snapio/snapshot.h"

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libvirt/virterror.h>

#include "src/common/virt.h"

static bool last_error_is(int code)
{
	virErrorPtr e = virGetLastError();

	return e && e->code == code;
}

int mb_snapshot_create(virDomainPtr dom, const char *xml, char *err, size_t errlen)
{
	/* Metadata kept: the chain shows in virsh snapshot-list, and libvirt
	 * >= 9.9 can revert it natively.  ATOMIC: on failure libvirt leaves
	 * no overlay file behind.  QUIESCE: the guest's file systems are
	 * frozen through its agent, so the layer below holds every write made
	 * before it, the user's own included, and a revert loses none. */
	unsigned int flags = VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY | VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC |
			     VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE;
	virDomainSnapshotPtr snap = virDomainSnapshotCreateXML(dom, xml, flags);

	if (!snap) {
		snprintf(err, errlen, "%s", mb_virt_last_error());
		return -1;
	}
	virDomainSnapshotFree(snap);
	return 0;
}

int mb_snapshot_exists(virDomainPtr dom, const char *name, char *err, size_t errlen)
{
	virDomainSnapshotPtr snap = virDomainSnapshotLookupByName(dom, name, 0);

	if (snap) {
		virDomainSnapshotFree(snap);
		return 1;
	}
	if (last_error_is(VIR_ERR_NO_DOMAIN_SNAPSHOT))
		return 0;
	snprintf(err, errlen, "%s", mb_virt_last_error());
	return -1;
}

int mb_snapshot_drop_metadata(virDomainPtr dom, const char *name, char *err, size_t errlen)
{
	virDomainSnapshotPtr snap = virDomainSnapshotLookupByName(dom, name, 0);
	int rc;

	if (!snap) {
		if (last_error_is(VIR_ERR_NO_DOMAIN_SNAPSHOT))
			return 0;
		snprintf(err, errlen, "%s", mb_virt_last_error());
		return -1;
	}
	rc = virDomainSnapshotDelete(snap, VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY);
	if (rc < 0)
		snprintf(err, errlen, "%s", mb_virt_last_error());
	virDomainSnapshotFree(snap);
	return rc < 0 ? -1 : 0;
}

int mb_snapshot_native_revert(virDomainPtr dom, const char *name, char *err, size_t errlen)
{
	virDomainSnapshotPtr snap = virDomainSnapshotLookupByName(dom, name, 0);
	int rc = -1;

	if (!snap) {
		snprintf(err, errlen, "%s", mb_virt_last_error());
		return -1;
	}
	if (virDomainRevertToSnapshot(snap, VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING) < 0)
		snprintf(err, errlen, "revert: %s", mb_virt_last_error());
	else if (virDomainSnapshotDelete(snap, 0) < 0)
		snprintf(err, errlen, "delete after revert: %s", mb_virt_last_error());
	else
		rc = 0;
	virDomainSnapshotFree(snap);
	return rc;
}

int mb_disk_current(virDomainPtr dom, const char *target, struct mb_disk_info *d,
		    bool *running, char *err, size_t errlen)
{
	int active = virDomainIsActive(dom);
	char *xml;
	int r;

	if (active < 0) {
		snprintf(err, errlen, "%s", mb_virt_last_error());
		return -1;
	}
	*running = active == 1;
	xml = virDomainGetXMLDesc(dom, active ? 0 : VIR_DOMAIN_XML_INACTIVE);
	if (!xml) {
		snprintf(err, errlen, "%s", mb_virt_last_error());
		return -1;
	}
	r = mb_domxml_disk(xml, target, d, err, errlen);
	free(xml);
	return r ? -1 : 0;
}

/* The volume at path in an active pool, refreshing the pools over its
 * directory first (they may not have seen a file libvirt just made). */
static virStorageVolPtr volume_in_pools(virConnectPtr conn, const char *path, const char *dir)
{
	virStoragePoolPtr *pools = NULL;
	int n = virConnectListAllStoragePools(conn, &pools, VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE);

	for (int i = 0; i < n; i++) {
		char *xml = virStoragePoolGetXMLDesc(pools[i], 0);
		char target[4096], err[256];

		if (xml && mb_poolxml_target(xml, target, sizeof(target), err, sizeof(err)) == 0 &&
		    !strcmp(target, dir))
			virStoragePoolRefresh(pools[i], 0);
		free(xml);
		virStoragePoolFree(pools[i]);
	}
	free(pools);
	return virStorageVolLookupByPath(conn, path);
}

/* The pool of that name, made by a campaign killed while it removed an
 * overlay: adopted, so it goes when this removal ends.  NULL if none. */
static virStoragePoolPtr leftover_pool(virConnectPtr conn, const char *name)
{
	virStoragePoolPtr pool = virStoragePoolLookupByName(conn, name);

	if (pool && virStoragePoolIsActive(pool) == 1)
		virStoragePoolRefresh(pool, 0);
	return pool;
}

static virStoragePoolPtr transient_pool(virConnectPtr conn, const char *name, const char *dir,
					char *err, size_t errlen)
{
	char *xml = mb_domxml_pool(name, dir, err, errlen);
	virStoragePoolPtr pool;

	if (!xml)
		return NULL;
	/* Transient: it vanishes when destroyed, and the directory stays. */
	pool = virStoragePoolCreateXML(conn, xml, 0);
	free(xml);
	if (!pool)
		snprintf(err, errlen, "temporary storage pool over %s: %s", dir, mb_virt_last_error());
	return pool;
}

/* The volume is ours when it is the qcow2 overlay of `backing`. */
static int check_backing(virStorageVolPtr vol, const char *path, const char *backing,
			 char *err, size_t errlen)
{
	char *xml = virStorageVolGetXMLDesc(vol, 0);
	char have[4096], fmt[32];
	int r;

	if (!xml) {
		snprintf(err, errlen, "%s: %s", path, mb_virt_last_error());
		return -1;
	}
	r = mb_volxml_backing(xml, have, sizeof(have), fmt, sizeof(fmt), err, errlen);
	free(xml);
	if (r == 0 && strcmp(have, backing))
		r = 1;
	if (r == 1)
		snprintf(err, errlen, "%s is not the overlay of %s that migbench made: not removing it",
			 path, backing);
	return r ? -1 : 0;
}

int mb_overlay_remove(virConnectPtr conn, const char *path, const char *backing,
		      const char *pool_name, char *err, size_t errlen)
{
	char *copy = strdup(path), *dir;
	virStoragePoolPtr pool = NULL;
	virStorageVolPtr vol;
	int rc = -1;

	if (!copy) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	dir = dirname(copy);
	pool = leftover_pool(conn, pool_name);
	vol = volume_in_pools(conn, path, dir);
	if (!vol) {
		if (!pool && !(pool = transient_pool(conn, pool_name, dir, err, errlen)))
			goto out;
		vol = virStorageVolLookupByPath(conn, path);
		if (!vol) {
			if (last_error_is(VIR_ERR_NO_STORAGE_VOL))
				rc = 1;
			else
				snprintf(err, errlen, "%s: %s", path, mb_virt_last_error());
			goto out;
		}
	}
	if (check_backing(vol, path, backing, err, errlen) == 0) {
		if (virStorageVolDelete(vol, 0) == 0)
			rc = 0;
		else
			snprintf(err, errlen, "%s: %s", path, mb_virt_last_error());
	}
	virStorageVolFree(vol);
out:
	if (pool) {
		virStoragePoolDestroy(pool);
		virStoragePoolFree(pool);
	}
	free(copy);
	return rc;
}
