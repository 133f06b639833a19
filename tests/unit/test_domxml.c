/* Unit tests of src/snapio/domxml.c: domain, snapshot, pool and volume XML read
 * and edited with libxml2 (no libvirt needed). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/snapio/domxml.h"

/* The lab's guest after one snapshot: live definition, backing chain. */
static const char domain[] =
	"<domain type='qemu'>\n"
	"  <name>guest1</name>\n"
	"  <devices>\n"
	"    <disk type='file' device='cdrom'><target dev='hdc' bus='ide'/><readonly/></disk>\n"
	"    <disk type='file' device='disk'>\n"
	"      <driver name='qemu' type='qcow2' cache='none'/>\n"
	"      <source file='/img/d.snapio-1.qcow2' index='2'/>\n"
	"      <backingStore type='file' index='1'>\n"
	"        <format type='raw'/>\n"
	"        <source file='/img/d.raw'/>\n"
	"        <backingStore/>\n"
	"      </backingStore>\n"
	"      <target dev='vdb' bus='virtio'/>\n"
	"      <address type='pci' domain='0x0000' bus='0x00' slot='0x04' function='0x0'/>\n"
	"    </disk>\n"
	"    <disk type='block' device='disk'><source dev='/dev/sdz'/><target dev='vdc'/></disk>\n"
	"  </devices>\n"
	"</domain>\n";

static void setup_quiet(void)
{
	mb_domxml_init();
}

static void find_disk(void **state)
{
	struct mb_disk_info d;
	char err[256];

	(void)state;
	setup_quiet();
	assert_int_equal(mb_domxml_disk(domain, "vdb", &d, err, sizeof(err)), 0);
	assert_string_equal(d.type, "file");
	assert_string_equal(d.device, "disk");
	assert_string_equal(d.source, "/img/d.snapio-1.qcow2");
	assert_string_equal(d.format, "qcow2");
	assert_false(d.readonly);
	assert_int_equal(mb_domxml_disk(domain, "vdc", &d, err, sizeof(err)), 0);
	assert_string_equal(d.source, "/dev/sdz");
	assert_string_equal(d.type, "block");
	assert_int_equal(mb_domxml_disk(domain, "hdc", &d, err, sizeof(err)), 0);
	assert_true(d.readonly);
	assert_int_equal(mb_domxml_disk(domain, "vdz", &d, err, sizeof(err)), 1);
	assert_string_equal(err, "no disk with target 'vdz' (the domain has: hdc, vdb, vdc)");
	assert_int_equal(mb_domxml_disk("<domain><devices></devices>", "vdb", &d, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "domain XML: not well-formed XML ("));
	assert_null(strchr(err, '\n'));
	assert_int_equal(err[strlen(err) - 1], ')');
}

static void other_disks(void **state)
{
	char **t, err[256];
	size_t n;

	(void)state;
	assert_int_equal(mb_domxml_other_disks(domain, "vdb", &t, &n, err, sizeof(err)), 0);
	assert_int_equal(n, 2);
	assert_string_equal(t[0], "hdc");
	assert_string_equal(t[1], "vdc");
	for (size_t i = 0; i < n; i++)
		free(t[i]);
	free(t);
}

static void point_disk(void **state)
{
	char err[256], *x = mb_domxml_point_disk(domain, "vdb", "/img/it's & co.qcow2", "qcow2",
						 err, sizeof(err));
	struct mb_disk_info d;

	(void)state;
	assert_non_null(x);
	assert_null(strstr(x, "backingStore"));
	assert_null(strstr(x, "index="));
	assert_non_null(strstr(x, "slot=\"0x04\"")); /* the address stays */
	assert_non_null(strstr(x, "&amp;"));
	assert_int_equal(mb_domxml_disk(x, "vdb", &d, err, sizeof(err)), 0);
	assert_string_equal(d.source, "/img/it's & co.qcow2");
	assert_string_equal(d.format, "qcow2");
	/* The other disks are untouched. */
	assert_int_equal(mb_domxml_disk(x, "vdc", &d, err, sizeof(err)), 0);
	assert_string_equal(d.source, "/dev/sdz");
	free(x);
	assert_null(mb_domxml_point_disk(domain, "vdq", "/x", "qcow2", err, sizeof(err)));
}

static void replace_with_original(void **state)
{
	static const char original[] =
		"<disk type='file' device='disk'><driver name='qemu' type='raw'/>"
		"<source file='/img/d.raw'/><target dev='vdb' bus='virtio'/></disk>";
	char err[256], *x = mb_domxml_replace_disk(domain, "vdb", original, err, sizeof(err));
	char *el;
	struct mb_disk_info d;

	(void)state;
	assert_non_null(x);
	assert_int_equal(mb_domxml_disk(x, "vdb", &d, err, sizeof(err)), 0);
	assert_string_equal(d.source, "/img/d.raw");
	assert_string_equal(d.format, "raw");
	assert_null(strstr(x, "backingStore"));
	el = mb_domxml_disk_element(x, "vdb", err, sizeof(err));
	assert_non_null(el);
	assert_non_null(strstr(el, "<source file=\"/img/d.raw\"/>"));
	free(el);
	free(x);
	/* A saved element for another target is refused. */
	assert_null(mb_domxml_replace_disk(domain, "vdc", original, err, sizeof(err)));
	assert_non_null(strstr(err, "target 'vdc'"));
}

static void snapshot_xml(void **state)
{
	char *others[] = { "hdc", "vdc" };
	char err[256], *x = mb_domxml_snapshot("migbench-snapio-ab-1", "layer 1 <of> 3", "vdb",
					       "/img/d&e.qcow2", others, 2, err, sizeof(err));

	(void)state;
	assert_non_null(x);
	assert_non_null(strstr(x, "<domainsnapshot>"));
	assert_non_null(strstr(x, "<name>migbench-snapio-ab-1</name>"));
	assert_non_null(strstr(x, "<description>layer 1 &lt;of&gt; 3</description>"));
	assert_non_null(strstr(x, "<disk name=\"vdb\" snapshot=\"external\" type=\"file\">"));
	assert_non_null(strstr(x, "<driver type=\"qcow2\"/>"));
	assert_non_null(strstr(x, "<source file=\"/img/d&amp;e.qcow2\"/>"));
	assert_non_null(strstr(x, "<disk name=\"hdc\" snapshot=\"no\"/>"));
	assert_non_null(strstr(x, "<disk name=\"vdc\" snapshot=\"no\"/>"));
	free(x);
}

static void volume_and_pool(void **state)
{
	static const char vol[] =
		"<volume type='file'><name>o.qcow2</name><target><path>/img/o.qcow2</path></target>"
		"<backingStore><path>/img/d.raw</path><format type='raw'/></backingStore></volume>";
	char path[256], fmt[32], err[256], *pool;

	(void)state;
	assert_int_equal(mb_volxml_backing(vol, path, sizeof(path), fmt, sizeof(fmt), err, sizeof(err)), 0);
	assert_string_equal(path, "/img/d.raw");
	assert_string_equal(fmt, "raw");
	assert_int_equal(mb_volxml_backing("<volume><name>x</name></volume>", path, sizeof(path), fmt,
					   sizeof(fmt), err, sizeof(err)), 1);
	pool = mb_domxml_pool("migbench-snapio-ab", "/img", err, sizeof(err));
	assert_non_null(strstr(pool, "<pool type=\"dir\">"));
	assert_int_equal(mb_poolxml_target(pool, path, sizeof(path), err, sizeof(err)), 0);
	assert_string_equal(path, "/img");
	free(pool);
}

/* run --dst-xml: a domain document, or the reason it is not one. */
static void check_domain(void **state)
{
	char err[256];

	(void)state;
	assert_int_equal(mb_domxml_check_domain(domain, err, sizeof(err)), 0);
	assert_int_equal(mb_domxml_check_domain("<?xml version='1.0'?>\n<!-- x -->\n<domain/>", err,
						sizeof(err)), 0);
	assert_int_equal(mb_domxml_check_domain("<network><name>n</name></network>", err, sizeof(err)), -1);
	assert_string_equal(err, "domain XML: the root element is <network>, not <domain>");
	assert_int_equal(mb_domxml_check_domain("<domain><name>x</domain>", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "domain XML: not well-formed XML ("));
	assert_null(strchr(err, '\n'));
	assert_int_equal(err[strlen(err) - 1], ')');
	assert_int_equal(mb_domxml_check_domain("", err, sizeof(err)), -1);
	assert_int_equal(mb_domxml_check_domain("name guest1\n", err, sizeof(err)), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(find_disk),
		cmocka_unit_test(other_disks),
		cmocka_unit_test(point_disk),
		cmocka_unit_test(replace_with_original),
		cmocka_unit_test(snapshot_xml),
		cmocka_unit_test(volume_and_pool),
		cmocka_unit_test(check_domain),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
