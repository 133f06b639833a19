/* The run plot script: panels follow the data present, markers the
 * migration, and no caller text can break out of its quotes. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/run_plot.h"

static struct mb_run_plot base(void)
{
	struct mb_run_plot p = {
		.terminal = "pngcairo", .output = ".migbench.png.tmp", .title = "guest1 a -> b",
		.t0_ns = 1000000000, .end_ns = 6500000000LL, .mig_start_ns = 2000000000,
		.mig_completed_ns = 2300000000LL, .bin_ns = 10000000, .jobstats_remaining_col = 9,
	};
	return p;
}

static void all_panels(void **state)
{
	struct mb_run_plot p = base();
	char *s = mb_run_plot_script(&p);

	(void)state;
	assert_non_null(s);
	assert_non_null(strstr(s, "set terminal pngcairo size 1200,900"));
	assert_non_null(strstr(s, "set output '.migbench.png.tmp'\n"));
	assert_non_null(strstr(s, "set multiplot layout 3,1 title 'guest1 a -> b'\n"));
	assert_non_null(strstr(s, "set xrange [0:6.500000]"));
	assert_non_null(strstr(s, "t0 = 1000000000\n"));
	assert_non_null(strstr(s, "from first 2.000000, graph 0 to first 2.000000"));
	assert_non_null(strstr(s, "from first 2.300000, graph 0 to first 2.300000"));
	assert_non_null(strstr(s, "plot 'probes.csv'"));
	assert_non_null(strstr(s, "bin = 0.010000000\n"));
	assert_non_null(strstr(s, "plot 'bins.csv'"));
	assert_non_null(strstr(s, "using ($1/1e9):($9/1048576)"));
	assert_non_null(strstr(s, "unset multiplot\n"));
	free(s);
}

static void probes_only_without_markers(void **state)
{
	struct mb_run_plot p = base();
	char *s;

	(void)state;
	p.bin_ns = 0;
	p.jobstats_remaining_col = 0;
	p.mig_start_ns = -1;
	p.mig_completed_ns = -1;
	s = mb_run_plot_script(&p);
	assert_non_null(s);
	assert_non_null(strstr(s, "set multiplot layout 1,1"));
	assert_null(strstr(s, "bins.csv"));
	assert_null(strstr(s, "jobstats.csv"));
	assert_null(strstr(s, "set arrow"));
	free(s);
}

static void iterations_marked(void **state)
{
	static const int64_t starts[] = { 2000000000, 3500000000, 4100000000 }, no[] = { 1, 2, 4 };
	struct mb_run_plot p = {
		.terminal = "png", .output = "x.png", .title = "t", .end_ns = 5000000000,
		.mig_start_ns = -1, .mig_completed_ns = -1,
		.iteration_ns = starts, .iteration_no = no, .n_iterations = 3,
	};
	char *s = mb_run_plot_script(&p);

	(void)state;
	assert_non_null(s);
	assert_non_null(strstr(s, "set arrow 3 from first 2.000000, graph 0 to first 2.000000, graph 1 nohead dt 3"));
	assert_non_null(strstr(s, "set arrow 5 from first 4.100000,"));
	assert_non_null(strstr(s, "set label 1 '1' at first 2.000000,"));
	assert_non_null(strstr(s, "set label 3 '4' at first 4.100000,"));
	assert_null(strstr(s, "set arrow 6 "));
	/* Before the multiplot, so every panel shows them. */
	assert_true(strstr(s, "set arrow 3 ") < strstr(s, "set multiplot"));
	free(s);
}

static void title_cannot_escape(void **state)
{
	struct mb_run_plot p = base();
	char *s;

	(void)state;
	p.title = "it's\nsystem 'rm -rf /'";
	s = mb_run_plot_script(&p);
	assert_non_null(s);
	assert_non_null(strstr(s, "title 'it''s?system ''rm -rf /'''\n"));
	free(s);
	/* DEL and the output name go through the same quoting. */
	p.title = "a\x7f" "b";
	p.output = "it's.png";
	s = mb_run_plot_script(&p);
	assert_non_null(s);
	assert_non_null(strstr(s, "title 'a?b'\n"));
	assert_non_null(strstr(s, "set output 'it''s.png'\n"));
	free(s);
}

static void ledger_marks_and_app_panel(void **state)
{
	static const struct mb_run_plot_mark marks[] = {
		{ "source-suspended", 2100000000LL }, { "it's", 2200000000LL },
	};
	struct mb_run_plot p = base();
	char *s;

	(void)state;
	p.marks = marks;
	p.n_marks = 2;
	p.app_csv = true;
	s = mb_run_plot_script(&p);
	assert_non_null(s);
	assert_non_null(strstr(s, "set multiplot layout 4,1"));
	assert_non_null(strstr(s, "set arrow 10 from first 2.100000, graph 0 to first 2.100000, graph 1 nohead dt 3"));
	assert_non_null(strstr(s, "set label 1 'source-suspended' at first 2.100000"));
	assert_non_null(strstr(s, "set label 2 'it''s' at first 2.200000"));
	/* Labels on the first panel only; before the application's panel. */
	assert_true(strstr(s, "unset label") < strstr(s, "plot 'app.csv'"));
	assert_non_null(strstr(s, "plot 'app.csv' skip 1 using ($2/1e9):(strcol(8) eq 'ok' ? $6/1e6 : NaN)"));
	free(s);
	p.app_csv = false;
	p.n_marks = 0;
	s = mb_run_plot_script(&p);
	assert_null(strstr(s, "app.csv"));
	assert_null(strstr(s, "set label 1"));
	free(s);
}

/* Both kinds of dotted lines at once: no arrow or label number twice. */
static void iterations_and_marks_apart(void **state)
{
	static const int64_t starts[] = { 1000000000, 1100000000, 1200000000, 1300000000,
					  1400000000, 1500000000, 1600000000, 1700000000 };
	static const int64_t no[] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	static const struct mb_run_plot_mark marks[] = { { "source-suspended", 2100000000LL } };
	struct mb_run_plot p = base();
	char *s;

	(void)state;
	p.iteration_ns = starts;
	p.iteration_no = no;
	p.n_iterations = 8;
	p.marks = marks;
	p.n_marks = 1;
	s = mb_run_plot_script(&p);
	assert_non_null(s);
	/* Iterations take arrows 3..10, so the mark moves to 11. */
	assert_non_null(strstr(s, "set arrow 10 from first 1.700000,"));
	assert_non_null(strstr(s, "set arrow 11 from first 2.100000,"));
	assert_null(strstr(s, "set arrow 12 "));
	assert_non_null(strstr(s, "set label 1 'source-suspended' at first 2.100000"));
	assert_non_null(strstr(s, "set label 2 '1' at first 1.000000,"));
	assert_non_null(strstr(s, "set label 9 '8' at first 1.700000,"));
	assert_null(strstr(s, "set label 10 "));
	free(s);
}

static void bad_input(void **state)
{
	struct mb_run_plot p = base();

	(void)state;
	p.end_ns = 0;
	assert_null(mb_run_plot_script(&p));
	p = base();
	p.output = NULL;
	assert_null(mb_run_plot_script(&p));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(all_panels),
		cmocka_unit_test(probes_only_without_markers),
		cmocka_unit_test(title_cannot_escape),
		cmocka_unit_test(iterations_marked),
		cmocka_unit_test(ledger_marks_and_app_panel),
		cmocka_unit_test(iterations_and_marks_apart),
		cmocka_unit_test(bad_input),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
