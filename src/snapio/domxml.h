/* Domain, snapshot and volume XML, read and edited as XML with libxml2,
 * never by text substitution.  No libvirt calls here: strings in,
 * strings out.  Error texts are "what: why" without the prefix. */
#ifndef MB_DOMXML_H
#define MB_DOMXML_H

#include <stdbool.h>
#include <stddef.h>

struct mb_disk_info {
	char target[64];     /* <target dev=...> */
	char type[16];       /* <disk type=...>: file, block, network, ... */
	char device[16];     /* <disk device=...>: disk, cdrom, ... */
	char source[4096];   /* <source file=...>, "" if none */
	char format[32];     /* <driver type=...>, "" if none */
	bool readonly;
};

/* Once per process: libxml2 must not print errors of its own. */
void mb_domxml_init(void);

/* Well-formed XML whose root is <domain> (run --dst-xml); 0, or -1 with
 * the reason.  What libvirt makes of it is libvirt's to say. */
int mb_domxml_check_domain(const char *xml, char *err, size_t errlen);

/* The disk with that target.  0; 1 if there is none (err lists the
 * targets there are); -1 on XML the parser refuses. */
int mb_domxml_disk(const char *domain_xml, const char *target, struct mb_disk_info *d,
		   char *err, size_t errlen);

/* The targets of every <disk> but `except`, malloc'd (free each and the
 * array).  -1 on bad XML or out of memory. */
int mb_domxml_other_disks(const char *domain_xml, const char *except, char ***targets,
			  size_t *n, char *err, size_t errlen);

/* The <disk> element of that target, serialized: the journal keeps the
 * original to put it back at depth 0.  NULL with err. */
char *mb_domxml_disk_element(const char *domain_xml, const char *target, char *err, size_t errlen);

/* The domain XML with that disk's source file and driver format set and
 * its <backingStore> dropped (libvirt reads the chain from the image). */
char *mb_domxml_point_disk(const char *domain_xml, const char *target, const char *file,
			   const char *format, char *err, size_t errlen);

/* The domain XML with that disk element replaced by disk_xml (a <disk>
 * whose target is the same). */
char *mb_domxml_replace_disk(const char *domain_xml, const char *target, const char *disk_xml,
			     char *err, size_t errlen);

/* An external disk-only snapshot of one disk into overlay (qcow2), every
 * other disk excluded with snapshot='no'. */
char *mb_domxml_snapshot(const char *name, const char *description, const char *target,
			 const char *overlay, char *const *others, size_t n_others,
			 char *err, size_t errlen);

/* The backing file and format of a storage volume (virStorageVolGetXMLDesc).
 * 0; 1 if it has no backing store; -1 on bad XML. */
int mb_volxml_backing(const char *vol_xml, char *path, size_t pathlen, char *format,
		      size_t formatlen, char *err, size_t errlen);

/* A transient directory pool over dir, and the target path of a pool. */
char *mb_domxml_pool(const char *name, const char *dir, char *err, size_t errlen);
int mb_poolxml_target(const char *pool_xml, char *path, size_t len, char *err, size_t errlen);

#endif
