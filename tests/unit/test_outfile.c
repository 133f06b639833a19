/* Unit tests of src/common/outfile.c's symlink rule: a symlink another
 * user planted where a result goes is replaced by the result, never
 * written through (as root migbench could otherwise write a device or
 * truncate any file); one made by root or by us, such as /dev/stdout, is
 * followed.  The planted link needs root to give it another owner. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "src/common/outfile.h"

#define NOBODY 65534

static char dir[64];

static int make_dir(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/mb-outfile.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* dir/name as a symlink to target, owned by uid. */
static void plant(char *path, size_t len, const char *name, const char *target, uid_t uid)
{
	snprintf(path, len, "%s/%s", dir, name);
	unlink(path);
	assert_int_equal(symlink(target, path), 0);
	assert_int_equal(lchown(path, uid, uid), 0);
}

static void write_doc(const char *path, int want)
{
	json_object *doc = json_object_new_object();
	char err[512] = "";

	json_object_object_add(doc, "x", json_object_new_int(1));
	assert_int_equal(mb_outfile_write_json(path, doc, err, sizeof(err)), want);
	json_object_put(doc);
}

static void is_regular_result(const char *path)
{
	struct stat st;

	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_true(st.st_size > 0);
}

/* /dev/full as the target: written through, the write fails (ENOSPC). */
static void planted_link_to_a_device_is_replaced(void **state)
{
	char path[128];

	(void)state;
	if (geteuid() != 0)
		skip();
	plant(path, sizeof(path), "probe.json", "/dev/full", NOBODY);
	write_doc(path, 0);
	is_regular_result(path);
}

static void planted_link_to_a_file_is_replaced(void **state)
{
	char path[128], victim[128], err[512];
	struct mb_outstream *s;
	struct stat st;
	FILE *f;

	(void)state;
	if (geteuid() != 0)
		skip();
	snprintf(victim, sizeof(victim), "%s/victim", dir);
	f = fopen(victim, "w");
	assert_non_null(f);
	fputs("keep", f);
	fclose(f);
	plant(path, sizeof(path), "probes.csv", victim, NOBODY);
	assert_int_equal(mb_outstream_open(&s, path, err, sizeof(err)), 0);
	fputs("t_ns\n", mb_outstream_file(s));
	assert_int_equal(mb_outstream_commit(s, err, sizeof(err)), 0);
	is_regular_result(path);
	assert_int_equal(stat(victim, &st), 0);
	assert_int_equal(st.st_size, 4);
}

/* Our own link to /dev/full is followed: the write reaches the device. */
static void own_link_is_followed(void **state)
{
	char path[128];
	struct stat st;

	(void)state;
	plant(path, sizeof(path), "own.json", "/dev/full", geteuid());
	write_doc(path, -1);
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
}

static void dev_stdout_still_works(void **state)
{
	(void)state;
	write_doc("/dev/null", 0);
	if (access("/dev/stdout", W_OK) == 0)
		write_doc("/dev/stdout", 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(planted_link_to_a_device_is_replaced),
		cmocka_unit_test(planted_link_to_a_file_is_replaced),
		cmocka_unit_test(own_link_is_followed),
		cmocka_unit_test(dev_stdout_still_works),
	};

	return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
