/* Unit tests of src/common/plot.c: the gnuplot configure found draws the
 * image (whole or absent); its complaint, or its absence, is one clear
 * line.  MB_GNUPLOT names a stub this test writes and removes. */
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

/* Draws "PNG" into the file of the script's "set output", or complains in
 * two lines when the script says FAIL. */
static const char stub[] =
	"#!/bin/sh\n"
	"s=$(cat)\n"
	"case $s in *FAIL*) echo 'stub: line 1: invalid command' >&2; echo more >&2; exit 1 ;; esac\n"
	"out=$(printf '%s\\n' \"$s\" | sed -n \"s/^set output '\\(.*\\)'$/\\1/p\")\n"
	"printf PNG >\"$out\"\n";

struct fixture {
	char dir[64];
	char path[128];
	const char *body;     /* the script's text after its set output */
	char terminals[64];   /* the terminals asked for, in order */
};

static int setup(void **state)
{
	static struct fixture fx;
	FILE *f;

	memset(&fx, 0, sizeof(fx));
	strcpy(fx.dir, "/tmp/mb-test-plot.XXXXXX");
	if (!mkdtemp(fx.dir))
		return -1;
	f = fopen(MB_GNUPLOT, "w");
	if (!f || fputs(stub, f) < 0 || fclose(f) || chmod(MB_GNUPLOT, 0755))
		return -1;
	fx.body = "plot x\n";
	*state = &fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	char cmd[128];

	unlink(MB_GNUPLOT);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fx->dir);
	return system(cmd) == 0 ? 0 : -1;
}

static char *script(void *ctx, const char *terminal, const char *output)
{
	struct fixture *fx = ctx;
	char *s;

	strcat(fx->terminals, terminal);
	strcat(fx->terminals, " ");
	return asprintf(&s, "set terminal %s\nset output '%s'\n%s", terminal, output, fx->body) < 0 ? NULL : s;
}

static int exists(const struct fixture *fx, const char *name)
{
	char p[256];

	snprintf(p, sizeof(p), "%s/%s", fx->dir, name);
	return access(p, F_OK) == 0;
}

static void draws_with_the_configured_gnuplot(void **state)
{
	struct fixture *fx = *state;
	char why[256], p[256], got[8] = "";
	FILE *f;

	assert_int_equal(mb_plot_draw(fx->dir, "x.png", script, fx, why, sizeof(why)), 0);
	assert_string_equal(fx->terminals, "pngcairo ");
	snprintf(p, sizeof(p), "%s/x.png", fx->dir);
	f = fopen(p, "r");
	assert_non_null(f);
	assert_non_null(fgets(got, sizeof(got), f));
	fclose(f);
	assert_string_equal(got, "PNG");
	assert_false(exists(fx, ".x.png.tmp"));
}

static void complaint_is_one_line(void **state)
{
	struct fixture *fx = *state;
	char why[256];

	fx->body = "FAIL\n";
	assert_int_equal(mb_plot_draw(fx->dir, "x.png", script, fx, why, sizeof(why)), -1);
	assert_string_equal(why, "stub: line 1: invalid command");
	assert_string_equal(fx->terminals, "pngcairo png ");
	assert_false(exists(fx, "x.png"));
	assert_false(exists(fx, ".x.png.tmp"));
}

static void missing_gnuplot_says_so(void **state)
{
	struct fixture *fx = *state;
	char why[256];

	/* Under valgrind posix_spawn cannot report a failed exec: the child
	 * exits 127 instead (scripts/valgrind-check). */
	if (getenv("MB_VALGRIND"))
		skip();
	assert_int_equal(unlink(MB_GNUPLOT), 0);
	assert_int_equal(mb_plot_draw(fx->dir, "x.png", script, fx, why, sizeof(why)), -1);
	assert_string_equal(why, "cannot run " MB_GNUPLOT ": No such file or directory"
				 " (install the Debian package gnuplot-nox)");
	assert_false(exists(fx, "x.png"));
}

/* A gnuplot that exits without reading its script (here: before 1 MiB
 * of it fits in the pipe): a failed plot, not a SIGPIPE that kills us. */
static void gnuplot_reading_nothing_is_a_failure(void **state)
{
	struct fixture *fx = *state;
	char why[256], *body = malloc(1 << 20);
	FILE *f = fopen(MB_GNUPLOT, "w");

	assert_non_null(body);
	assert_non_null(f);
	fputs("#!/bin/sh\nexit 3\n", f);
	fclose(f);
	memset(body, '#', (1 << 20) - 1);
	body[(1 << 20) - 1] = '\0';
	fx->body = body;
	assert_int_equal(mb_plot_draw(fx->dir, "x.png", script, fx, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "exit status 3"));
	assert_false(exists(fx, "x.png"));
	free(body);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(draws_with_the_configured_gnuplot, setup, teardown),
		cmocka_unit_test_setup_teardown(complaint_is_one_line, setup, teardown),
		cmocka_unit_test_setup_teardown(missing_gnuplot_says_so, setup, teardown),
		cmocka_unit_test_setup_teardown(gnuplot_reading_nothing_is_a_failure, setup, teardown),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
