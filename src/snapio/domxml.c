/* Domain, snapshot and volume XML with libxml2 (domxml.h). */
#include "config.h"

#include "src/snapio/domxml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg; /* the caller reports, with context */
}

void mb_domxml_init(void)
{
	xmlInitParser();
	xmlSetGenericErrorFunc(NULL, quiet);
}

static bool named(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !xmlStrcmp(n->name, (const xmlChar *)name);
}

static xmlNode *child(xmlNode *parent, const char *name)
{
	for (xmlNode *c = parent ? parent->children : NULL; c; c = c->next)
		if (named(c, name))
			return c;
	return NULL;
}

/* An attribute into buf ("" if absent). */
static void attr(xmlNode *n, const char *name, char *buf, size_t len)
{
	xmlChar *v = n ? xmlGetProp(n, (const xmlChar *)name) : NULL;

	snprintf(buf, len, "%s", v ? (const char *)v : "");
	xmlFree(v);
}

static xmlDoc *parse(const char *xml, const char *what, char *err, size_t errlen)
{
	xmlDoc *doc = xmlReadMemory(xml, (int)strlen(xml), what, NULL,
				    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);

	if (!doc) {
		const xmlError *e = xmlGetLastError();
		const char *m = e && e->message ? e->message : "no reason given";

		/* libxml2 ends its message with a newline: one line, closed. */
		snprintf(err, errlen, "%s: not well-formed XML (%.*s)", what, (int)strcspn(m, "\n"), m);
	}
	return doc;
}

static xmlNode *devices(xmlDoc *doc)
{
	xmlNode *root = xmlDocGetRootElement(doc);

	return root && named(root, "domain") ? child(root, "devices") : NULL;
}

int mb_domxml_check_domain(const char *xml, char *err, size_t errlen)
{
	xmlDoc *doc = parse(xml, "domain XML", err, errlen);
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	int r = 0;

	if (!doc)
		return -1;
	if (!root || !named(root, "domain")) {
		snprintf(err, errlen, "domain XML: the root element is <%.64s>, not <domain>",
			 root ? (const char *)root->name : "");
		r = -1;
	}
	xmlFreeDoc(doc);
	return r;
}

/* The <disk> with that target, or NULL with the targets listed in err. */
static xmlNode *find_disk(xmlDoc *doc, const char *target, char *err, size_t errlen)
{
	char dev[64], list[512] = "";
	size_t used = 0;

	for (xmlNode *c = devices(doc) ? devices(doc)->children : NULL; c; c = c->next) {
		if (!named(c, "disk"))
			continue;
		attr(child(c, "target"), "dev", dev, sizeof(dev));
		if (!strcmp(dev, target))
			return c;
		if (used < sizeof(list))
			used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%s",
						 used ? ", " : "", dev);
	}
	snprintf(err, errlen, "no disk with target '%s' (the domain has: %s)", target,
		 list[0] ? list : "no disks");
	return NULL;
}

static void disk_info(xmlNode *disk, struct mb_disk_info *d)
{
	xmlNode *src = child(disk, "source");

	memset(d, 0, sizeof(*d));
	attr(child(disk, "target"), "dev", d->target, sizeof(d->target));
	attr(disk, "type", d->type, sizeof(d->type));
	attr(disk, "device", d->device, sizeof(d->device));
	attr(child(disk, "driver"), "type", d->format, sizeof(d->format));
	attr(src, "file", d->source, sizeof(d->source));
	if (!d->source[0])
		attr(src, "dev", d->source, sizeof(d->source));
	d->readonly = child(disk, "readonly") != NULL;
}

int mb_domxml_disk(const char *domain_xml, const char *target, struct mb_disk_info *d,
		   char *err, size_t errlen)
{
	xmlDoc *doc = parse(domain_xml, "domain XML", err, errlen);
	xmlNode *disk;

	if (!doc)
		return -1;
	disk = find_disk(doc, target, err, errlen);
	if (disk)
		disk_info(disk, d);
	xmlFreeDoc(doc);
	return disk ? 0 : 1;
}

int mb_domxml_other_disks(const char *domain_xml, const char *except, char ***targets,
			  size_t *n, char *err, size_t errlen)
{
	xmlDoc *doc = parse(domain_xml, "domain XML", err, errlen);
	char dev[64];

	*targets = NULL;
	*n = 0;
	if (!doc)
		return -1;
	for (xmlNode *c = devices(doc) ? devices(doc)->children : NULL; c; c = c->next) {
		char **grown;

		if (!named(c, "disk"))
			continue;
		attr(child(c, "target"), "dev", dev, sizeof(dev));
		if (!dev[0] || !strcmp(dev, except))
			continue;
		grown = realloc(*targets, (*n + 1) * sizeof(char *));
		if (!grown || !(grown[*n] = strdup(dev))) {
			*targets = grown ? grown : *targets;
			snprintf(err, errlen, "out of memory");
			xmlFreeDoc(doc);
			return -1;
		}
		*targets = grown;
		(*n)++;
	}
	xmlFreeDoc(doc);
	return 0;
}

/* xmlChar text into a malloc'd string. */
static char *own(xmlChar *text, int len)
{
	char *s = text ? malloc((size_t)len + 1) : NULL;

	if (s) {
		memcpy(s, text, (size_t)len);
		s[len] = '\0';
	}
	xmlFree(text);
	return s;
}

static char *dump_doc(xmlDoc *doc)
{
	xmlChar *text = NULL;
	int len = 0;

	xmlDocDumpFormatMemory(doc, &text, &len, 0);
	return own(text, len);
}

char *mb_domxml_disk_element(const char *domain_xml, const char *target, char *err, size_t errlen)
{
	xmlDoc *doc = parse(domain_xml, "domain XML", err, errlen);
	xmlNode *disk = doc ? find_disk(doc, target, err, errlen) : NULL;
	xmlBuffer *buf;
	char *s = NULL;

	if (disk && (buf = xmlBufferCreate())) {
		if (xmlNodeDump(buf, doc, disk, 0, 0) >= 0)
			s = strdup((const char *)xmlBufferContent(buf));
		xmlBufferFree(buf);
	}
	if (disk && !s)
		snprintf(err, errlen, "out of memory");
	xmlFreeDoc(doc);
	return s;
}

/* Drops every child element of that name. */
static void drop_children(xmlNode *parent, const char *name)
{
	xmlNode *c = parent->children;

	while (c) {
		xmlNode *next = c->next;

		if (named(c, name)) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
		c = next;
	}
}

static xmlNode *ensure_child(xmlNode *parent, const char *name)
{
	xmlNode *c = child(parent, name);

	return c ? c : xmlNewChild(parent, NULL, (const xmlChar *)name, NULL);
}

char *mb_domxml_point_disk(const char *domain_xml, const char *target, const char *file,
			   const char *format, char *err, size_t errlen)
{
	xmlDoc *doc = parse(domain_xml, "domain XML", err, errlen);
	xmlNode *disk = doc ? find_disk(doc, target, err, errlen) : NULL;
	xmlNode *src, *drv;
	char *s = NULL;

	if (disk) {
		src = ensure_child(disk, "source");
		drv = ensure_child(disk, "driver");
		/* A fresh <source>: attributes of the overlay (index, ...) go. */
		drop_children(disk, "backingStore");
		xmlUnsetProp(src, (const xmlChar *)"index");
		xmlSetProp(disk, (const xmlChar *)"type", (const xmlChar *)"file");
		xmlSetProp(src, (const xmlChar *)"file", (const xmlChar *)file);
		if (format && *format)
			xmlSetProp(drv, (const xmlChar *)"type", (const xmlChar *)format);
		s = dump_doc(doc);
		if (!s)
			snprintf(err, errlen, "out of memory");
	}
	xmlFreeDoc(doc);
	return s;
}

char *mb_domxml_replace_disk(const char *domain_xml, const char *target, const char *disk_xml,
			     char *err, size_t errlen)
{
	xmlDoc *doc = parse(domain_xml, "domain XML", err, errlen);
	xmlDoc *part = doc ? parse(disk_xml, "saved disk XML", err, errlen) : NULL;
	xmlNode *disk = part ? find_disk(doc, target, err, errlen) : NULL;
	xmlNode *root = part ? xmlDocGetRootElement(part) : NULL;
	char dev[64];
	char *s = NULL;

	if (disk) {
		attr(child(root, "target"), "dev", dev, sizeof(dev));
		if (!named(root, "disk") || strcmp(dev, target)) {
			snprintf(err, errlen, "saved disk XML is not a <disk> with target '%s'", target);
		} else {
			xmlNode *copy = xmlDocCopyNode(root, doc, 1);

			xmlReplaceNode(disk, copy);
			xmlFreeNode(disk);
			s = dump_doc(doc);
			if (!s)
				snprintf(err, errlen, "out of memory");
		}
	}
	xmlFreeDoc(part);
	xmlFreeDoc(doc);
	return s;
}

static xmlNode *add(xmlNode *parent, const char *name, const char *text)
{
	return xmlNewTextChild(parent, NULL, (const xmlChar *)name, (const xmlChar *)text);
}

static void set(xmlNode *n, const char *name, const char *value)
{
	xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)value);
}

char *mb_domxml_snapshot(const char *name, const char *description, const char *target,
			 const char *overlay, char *const *others, size_t n_others,
			 char *err, size_t errlen)
{
	xmlDoc *doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNode *root = xmlNewNode(NULL, (const xmlChar *)"domainsnapshot");
	xmlNode *disks, *disk;
	char *s;

	xmlDocSetRootElement(doc, root);
	add(root, "name", name);
	add(root, "description", description);
	disks = add(root, "disks", NULL);
	disk = add(disks, "disk", NULL);
	set(disk, "name", target);
	set(disk, "snapshot", "external");
	set(disk, "type", "file");
	set(add(disk, "driver", NULL), "type", "qcow2");
	set(add(disk, "source", NULL), "file", overlay);
	for (size_t i = 0; i < n_others; i++) {
		xmlNode *o = add(disks, "disk", NULL);

		set(o, "name", others[i]);
		set(o, "snapshot", "no");
	}
	s = dump_doc(doc);
	xmlFreeDoc(doc);
	if (!s)
		snprintf(err, errlen, "out of memory");
	return s;
}

int mb_volxml_backing(const char *vol_xml, char *path, size_t pathlen, char *format,
		      size_t formatlen, char *err, size_t errlen)
{
	xmlDoc *doc = parse(vol_xml, "volume XML", err, errlen);
	xmlNode *root, *bs, *p;
	xmlChar *text;

	if (!doc)
		return -1;
	root = xmlDocGetRootElement(doc);
	bs = root ? child(root, "backingStore") : NULL;
	p = child(bs, "path");
	if (!p) {
		xmlFreeDoc(doc);
		return 1;
	}
	text = xmlNodeGetContent(p);
	snprintf(path, pathlen, "%s", text ? (const char *)text : "");
	xmlFree(text);
	attr(child(bs, "format"), "type", format, formatlen);
	xmlFreeDoc(doc);
	return 0;
}

char *mb_domxml_pool(const char *name, const char *dir, char *err, size_t errlen)
{
	xmlDoc *doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNode *root = xmlNewNode(NULL, (const xmlChar *)"pool");
	char *s;

	xmlDocSetRootElement(doc, root);
	set(root, "type", "dir");
	add(root, "name", name);
	add(add(root, "target", NULL), "path", dir);
	s = dump_doc(doc);
	xmlFreeDoc(doc);
	if (!s)
		snprintf(err, errlen, "out of memory");
	return s;
}

int mb_poolxml_target(const char *pool_xml, char *path, size_t len, char *err, size_t errlen)
{
	xmlDoc *doc = parse(pool_xml, "pool XML", err, errlen);
	xmlNode *p;
	xmlChar *text;

	if (!doc)
		return -1;
	p = child(child(xmlDocGetRootElement(doc), "target"), "path");
	text = p ? xmlNodeGetContent(p) : NULL;
	snprintf(path, len, "%s", text ? (const char *)text : "");
	xmlFree(text);
	xmlFreeDoc(doc);
	return p ? 0 : 1;
}
