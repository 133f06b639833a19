/* Unit tests of analysis/novamig.c: the migration tables of `nova
 * migration-list` and `openstack server migration list` (committed under
 * tests/data/, damaged rows included), columns by header name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/novamig.h"

#define S INT64_C(1000000000)

static struct mb_novamig *read_data(const char *name)
{
	const char *top = getenv("top_srcdir");
	struct mb_novamig *p = mb_novamig_new();
	char path[4096], *line = NULL;
	size_t cap = 0;
	ssize_t n;
	FILE *f;

	assert_non_null(p);
	snprintf(path, sizeof(path), "%s/tests/data/%s", top ? top : ".", name);
	f = fopen(path, "r");
	assert_non_null(f);
	while ((n = getline(&line, &cap, f)) >= 0)
		assert_int_equal(mb_novamig_line(p, line, (size_t)n), 0);
	free(line);
	fclose(f);
	return p;
}

static void nova_client_table(void **state)
{
	struct mb_novamig *p = read_data("nova-migration-list.txt");
	const struct mb_novamig_row *r;
	struct mb_novamig_info i;

	(void)state;
	mb_novamig_info(p, &i);
	assert_int_equal(i.lines, 10);
	assert_int_equal(i.borders, 3);
	assert_int_equal(i.headers, 1);
	assert_int_equal(i.rows, 4);
	/* Row 10 cut short, row 9 with "09:2x" for a time. */
	assert_int_equal(i.malformed, 2);
	assert_int_equal(i.malformed_line[0], 8);
	assert_int_equal(i.malformed_line[1], 9);
	assert_int_equal(i.foreign, 0);
	assert_int_equal(mb_novamig_count(p), 4);
	r = mb_novamig_row(p, 2);
	assert_string_equal(r->id, "12");
	assert_string_equal(r->source_node, "compute1");
	assert_string_equal(r->dest_node, "compute2");
	assert_string_equal(r->dest_compute, "compute2");
	assert_string_equal(r->status, "completed");
	assert_string_equal(r->instance, "eebe068a-ba85-4905-a39b-f003a7480b14");
	assert_string_equal(r->type, "live-migration");
	assert_string_equal(r->created.text, "2018-11-22T09:59:36.000000");
	/* The seed's migration-list figure: 28 s, 7 s over the log's. */
	assert_int_equal(r->duration_ns, 28 * S);
	assert_int_equal(r->line, 6);
	assert_int_equal(mb_novamig_row(p, 0)->duration_ns, 79 * S);
	assert_int_equal(mb_novamig_row(p, 1)->duration_ns, 10 * S);
	assert_string_equal(mb_novamig_row(p, 1)->status, "error");
	/* "None" for Updated At: no duration, not malformed. */
	r = mb_novamig_row(p, 3);
	assert_string_equal(r->status, "running");
	assert_false(r->updated.set);
	assert_int_equal(r->duration_ns, -1);
	assert_null(mb_novamig_row(p, 4));
	mb_novamig_free(p);
}

/* openstack's columns: Server UUID, Type before the times. */
static void openstack_client_table(void **state)
{
	struct mb_novamig *p = read_data("openstack-server-migration-list.txt");
	const struct mb_novamig_row *r;

	(void)state;
	assert_int_equal(mb_novamig_count(p), 1);
	r = mb_novamig_row(p, 0);
	assert_string_equal(r->instance, "eebe068a-ba85-4905-a39b-f003a7480b14");
	assert_string_equal(r->type, "live-migration");
	assert_int_equal(r->duration_ns, 28 * S);
	mb_novamig_free(p);
}

static struct mb_novamig *feed(const char *const *lines, size_t n)
{
	struct mb_novamig *p = mb_novamig_new();

	for (size_t i = 0; i < n; i++)
		assert_int_equal(mb_novamig_line(p, lines[i], strlen(lines[i])), 0);
	return p;
}

static void damaged_tables(void **state)
{
	static const char *const lines[] = {
		"| 1 | done | 2018-11-22T09:59:36 | 2018-11-22T10:00:04 |",            /* 1: before a header */
		"WARNING: novaclient is deprecated",                                    /* 2: foreign */
		"| Id | Status | Created At | Type |",                                   /* 3: no Updated At */
		"| 2 | done | 2018-11-22T09:59:36 | live-migration |",                  /* 4 */
		"| Id | Status | Created At | Updated At |",                             /* 5 */
		"| 3 | done | 2018-11-22T09:59:36 |",                                    /* 6: a cell short */
		"| 4 | done | 2018-11-22T10:00:04 | 2018-11-22T09:59:36 |",             /* 7: backwards */
		"| | done | 2018-11-22T09:59:36 | 2018-11-22T10:00:04 |",              /* 8: no Id */
		"| 5 | done | 2018-11-22T09:59:36Z | 2018-11-22T10:00:04 |",            /* 9: zones differ */
		"+====+",
		"",
	};
	struct mb_novamig *p = feed(lines, sizeof(lines) / sizeof(lines[0]));
	struct mb_novamig_info i;

	(void)state;
	mb_novamig_info(p, &i);
	assert_int_equal(i.headers, 2);
	assert_int_equal(i.foreign, 1);
	assert_int_equal(i.foreign_line[0], 2);
	assert_int_equal(i.malformed, 5);
	assert_int_equal(i.malformed_line[0], 1);
	assert_int_equal(i.malformed_line[1], 3);
	assert_int_equal(i.malformed_line[2], 4);
	assert_int_equal(i.malformed_line[3], 6);
	assert_int_equal(i.malformed_line[4], 8);
	assert_int_equal(i.rows, 2);
	/* A time before its start, or times of two zones: no duration. */
	assert_int_equal(mb_novamig_row(p, 0)->duration_ns, -1);
	assert_int_equal(mb_novamig_row(p, 1)->duration_ns, -1);
	assert_int_equal(i.borders, 1);
	assert_int_equal(i.blank, 1);
	mb_novamig_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nova_client_table),
		cmocka_unit_test(openstack_client_table),
		cmocka_unit_test(damaged_tables),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
