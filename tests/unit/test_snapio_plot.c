/* Unit tests of analysis/snapio/snapio_plot.c: the gnuplot script of IOPS
 * against chain depth. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/snapio/snapio_plot.h"

static void script_shape(void **state)
{
	static const unsigned depths[] = { 0, 1, 2 };
	static const double w[] = { 100.5, 90, 80.25 }, r[] = { 200, NAN, -1 };
	const struct mb_plot_series series[] = { { "write", w, NULL, NULL }, { "it's read", r, NULL, NULL } };
	struct mb_plot_input in = { "pngcairo", "snapio.png", "guest1 vdb\nx", depths, 3, series, 2 };
	char *s = mb_snapio_plot_script(&in);

	(void)state;
	assert_non_null(s);
	assert_non_null(strstr(s, "set terminal pngcairo size 900,600 noenhanced\n"));
	assert_non_null(strstr(s, "set output 'snapio.png'\n"));
	assert_non_null(strstr(s, "set title 'guest1 vdb?x'\n"));  /* no newline inside */
	assert_non_null(strstr(s, "set ylabel 'IOPS'\n"));
	assert_non_null(strstr(s, "$iops << EOD\n0 100.500 200.000\n1 90.000 NaN\n2 80.250 NaN\nEOD\n"));
	assert_non_null(strstr(s, "plot $iops using 1:2 with linespoints linewidth 2 pointtype 1 title 'write'"));
	assert_non_null(strstr(s, "$iops using 1:3 with linespoints linewidth 2 pointtype 2 title 'it''s read'\n"));
	assert_null(strstr(s, "set offsets")); /* without bars: the script as before --repeat */
	free(s);
}

static void terminal_choice(void **state)
{
	static const unsigned depths[] = { 0 };
	static const double y[] = { 1 };
	const struct mb_plot_series series[] = { { "j", y, NULL, NULL } };
	struct mb_plot_input in = { "png", "o.png", NULL, depths, 1, series, 1 };
	char *s = mb_snapio_plot_script(&in);

	(void)state;
	assert_non_null(strstr(s, "set terminal png size"));
	assert_non_null(strstr(s, "set title ''\n"));
	free(s);
	in.terminal = "x11; system('rm -rf /')";  /* only the two known terminals */
	s = mb_snapio_plot_script(&in);
	assert_non_null(strstr(s, "set terminal pngcairo size"));
	assert_null(strstr(s, "system"));
	free(s);
}

/* A job without a name, and names with a backslash and DEL. */
static void series_names(void **state)
{
	static const unsigned depths[] = { 0 };
	static const double y[] = { 1 };
	const struct mb_plot_series series[] = { { NULL, y, NULL, NULL }, { "a\\b\x7f", y, NULL, NULL } };
	struct mb_plot_input in = { "png", "o.png", "t", depths, 1, series, 2 };
	char *s = mb_snapio_plot_script(&in);

	(void)state;
	assert_non_null(s);
	assert_non_null(strstr(s, "pointtype 1 title ''"));
	assert_non_null(strstr(s, "pointtype 2 title 'a\\b?'\n"));
	free(s);
}

/* With repeated runs: yerrorlines, each series' value, low and high; a
 * depth without an interval (one run) a bar of no length. */
static void error_bars(void **state)
{
	static const unsigned depths[] = { 0, 1 };
	static const double w[] = { 100, 90 }, wlo[] = { 95, NAN }, whi[] = { 110, NAN };
	static const double r[] = { 200, NAN };
	const struct mb_plot_series series[] = { { "write", w, wlo, whi }, { "read", r, NULL, NULL } };
	struct mb_plot_input in = { "pngcairo", "snapio.png", "t", depths, 2, series, 2 };
	char *s = mb_snapio_plot_script(&in);

	(void)state;
	assert_non_null(s);
	assert_non_null(strstr(s, "$iops << EOD\n0 100.000 95.000 110.000 200.000 200.000 200.000\n"
			       "1 90.000 90.000 90.000 NaN NaN NaN\nEOD\n"));
	assert_non_null(strstr(s, "plot $iops using 1:2:3:4 with yerrorlines linewidth 2 pointtype 1 title 'write'"));
	assert_non_null(strstr(s, "$iops using 1:5:6:7 with yerrorlines linewidth 2 pointtype 2 title 'read'\n"));
	assert_non_null(strstr(s, "set ylabel 'IOPS: median of the runs, bars: its 95% interval'\n"));
	assert_null(strstr(s, "linespoints"));
	assert_non_null(strstr(s, "set autoscale xfix\nset offsets 0.1, 0.1, 0, 0\n"));
	free(s);
}

static void empty_input(void **state)
{
	static const unsigned depths[] = { 0 };
	struct mb_plot_input in = { "png", "o.png", "t", depths, 1, NULL, 0 };

	(void)state;
	assert_null(mb_snapio_plot_script(&in));
	in.n_series = 1;
	in.n_depths = 0;
	assert_null(mb_snapio_plot_script(&in));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(script_shape),
		cmocka_unit_test(terminal_choice),
		cmocka_unit_test(series_names),
		cmocka_unit_test(error_bars),
		cmocka_unit_test(empty_input),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
