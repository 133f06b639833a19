/* Unit tests of analysis/campaign_plot.c: the campaign's gnuplot scripts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/campaign_plot.h"

static size_t count(const char *s, const char *what)
{
	size_t n = 0;

	for (const char *p = s; (p = strstr(p, what)); p++)
		n++;
	return n;
}

static void box_panels(void **state)
{
	struct mb_campaign_plot p = {
		.terminal = "pngcairo", .output = "it's.png", .scenarios = 3,
		.has_probe = true, .has_hv = true, .has_total = true, .has_volume = false,
	};
	char *s = mb_campaign_box_script(&p);

	(void)state;
	assert_non_null(s);
	assert_non_null(strstr(s, "set terminal pngcairo size 1200,900 noenhanced\nset output 'it''s.png'\n"));
	assert_non_null(strstr(s, "set multiplot layout 2,2"));
	/* Three panels of boxes, one per scenario (the factor column 2). */
	assert_int_equal(count(s, "with boxplot"), 3);
	assert_non_null(strstr(s, "using (1):5:(0.5):2 with boxplot"));
	assert_non_null(strstr(s, "using (1):6:(0.5):2 with boxplot"));
	assert_non_null(strstr(s, "using (1):7:(0.5):2 with boxplot"));
	assert_non_null(strstr(s, "set xrange [0.5:3.5]"));
	/* The volume was not measured: said, and nothing plotted from runs.csv. */
	assert_null(strstr(s, "using (1):9:"));
	assert_int_equal(count(s, "'not measured'"), 1);
	assert_non_null(strstr(s, "unset multiplot\n"));
	free(s);
}

static void scatter(void **state)
{
	struct mb_campaign_plot p = {
		.terminal = "svg", .output = "d.svg", .scenarios = 2, .has_probe = true, .has_hv = true,
	};
	char *s = mb_campaign_scatter_script(&p);

	(void)state;
	assert_non_null(s);
	assert_non_null(strstr(s, "set terminal svg size 800,700"));
	assert_non_null(strstr(s, "plot for [s=1:2] 'runs.csv' skip 1 using (column(1) == s ? column(5) : NaN):6"));
	assert_non_null(strstr(s, "title 'y = x'"));
	free(s);
	p.has_hv = false;
	s = mb_campaign_scatter_script(&p);
	assert_non_null(strstr(s, "'not measured'"));
	assert_null(strstr(s, "runs.csv"));
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(box_panels),
		cmocka_unit_test(scatter),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
