/* Unit tests of src/common/plot.c (runs the real gnuplot): the image is drawn into
 * a file migbench created, never through a name someone could plant a
 * symlink at beforehand, and renamed into place whole. */
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

#include "src/common/plot.h"

static char *script(void *ctx, const char *terminal, const char *output)
{
	char *s = NULL;

	(void)ctx;
	if (asprintf(&s, "set terminal %s size 64,64\nset output '%s'\nplot x\n", terminal, output) < 0)
		return NULL;
	return s;
}

/* The name earlier versions drew into, planted as a symlink to a file
 * that must survive: the plot lands in x.png, the file keeps its bytes. */
static void planted_temp_name_not_followed(void **state)
{
	char dir[] = "/tmp/mb-plot.XXXXXX", victim[64], planted[64], png[64], why[512], cmd[96];
	unsigned char magic[4] = { 0 };
	struct stat st;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(victim, sizeof(victim), "%s/victim", dir);
	snprintf(planted, sizeof(planted), "%s/.x.png.tmp", dir);
	snprintf(png, sizeof(png), "%s/x.png", dir);
	f = fopen(victim, "w");
	assert_non_null(f);
	fputs("keep", f);
	fclose(f);
	assert_int_equal(symlink(victim, planted), 0);

	assert_int_equal(mb_plot_draw(dir, "x.png", script, NULL, why, sizeof(why)), 0);
	assert_int_equal(stat(victim, &st), 0);
	assert_int_equal(st.st_size, 4);
	f = fopen(png, "rb");
	assert_non_null(f);
	assert_int_equal(fread(magic, 1, 4, f), 4);
	fclose(f);
	assert_memory_equal(magic, "\x89PNG", 4);
	assert_int_equal(lstat(png, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(planted_temp_name_not_followed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
