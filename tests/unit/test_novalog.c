/* Unit tests of analysis/novatime.c and analysis/novalog.c: times as
 * OpenStack writes them, nova-compute's line forms (the seed write-up's
 * real lines), damaged lines, and the committed source-host log
 * tests/data/nova-compute-source.log against its figures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/novalog.h"
#include "analysis/novatime.h"

#define MS INT64_C(1000000)
#define S INT64_C(1000000000)

#define SEED_DOWNTIME                                                                          \
	"2018-11-22 09:59:42.442 5 INFO nova.virt.libvirt.migration "                          \
	"[req-d9849256-eaa8-4446-9cec-9545b74df126 202e7852a6074540a70638eed185538e "          \
	"eb83bf3b057f45e1b386cbc8c0702ae1 - default default] "                                 \
	"[instance: eebe068a-ba85-4905-a39b-f003a7480b14] Increasing downtime to 50 ms after " \
	"0 sec elapsed time"
#define SEED_STOPPED                                                                           \
	"2018-11-22 10:00:02.984 5 INFO nova.compute.manager "                                 \
	"[req-4b409237-6c82-4b56-ae4c-9f905a4f932e b2edc935f89d4d2684ec4039c02a21cc "          \
	"ab7e3eb8c00d4299afd8572e1ec437bf - default default] "                                 \
	"[instance: eebe068a-ba85-4905-a39b-f003a7480b14] VM Stopped (Lifecycle Event)"

static struct mb_novatime tm(const char *s)
{
	struct mb_novatime t;

	mb_novatime_parse(s, strlen(s), &t);
	return t;
}

static void times(void **state)
{
	struct mb_novatime a = tm("2018-11-22 09:59:42.442"), b = tm("2018-11-22 10:00:02.984");
	struct mb_novatime z = tm("2026-11-30T10:01:02.345+01:00"), u = tm("2026-11-30T09:01:09.845Z");
	char buf[16];
	int64_t ns;

	(void)state;
	assert_true(a.set);
	assert_false(a.zoned);
	assert_string_equal(a.text, "2018-11-22 09:59:42.442");
	assert_true(mb_novatime_diff(&a, &b, &ns));
	assert_int_equal(ns, 20542 * MS);
	assert_string_equal(mb_novatime_zone(&a, buf, sizeof(buf)), "local, as written");
	/* The seed's migration-list times: ISO, no zone, microseconds. */
	assert_true(mb_novatime_diff(&(struct mb_novatime){ 0 }, &a, &ns) == false);
	assert_int_equal(tm("2018-11-22T10:00:04.000000").written_ns -
				 tm("2018-11-22T09:59:36.000000").written_ns, 28 * S);
	/* Offsets: compared in UTC; never with a time without one. */
	assert_true(z.zoned);
	assert_string_equal(mb_novatime_zone(&z, buf, sizeof(buf)), "+01:00");
	assert_string_equal(mb_novatime_zone(&u, buf, sizeof(buf)), "UTC");
	assert_true(mb_novatime_diff(&z, &u, &ns));
	assert_int_equal(ns, 7500 * MS);
	assert_false(mb_novatime_diff(&a, &z, &ns));
	assert_true(mb_novatime_utc(&u, &ns));
	assert_int_equal(tm("2026-11-30T10:01:02-0530").offset_s, -(5 * 3600 + 30 * 60));
	/* 1970-01-01 is 0; a leap day exists, a 30 February does not. */
	assert_int_equal(tm("1970-01-01 00:00:00").written_ns, 0);
	assert_true(tm("2024-02-29 12:00:00").set);
	assert_false(tm("2023-02-29 12:00:00").set);
	assert_false(tm("2018-02-30 12:00:00").set);
	assert_false(tm("2018-11-22 24:00:00").set);
	assert_false(tm("2018-11-22 10:00").set);
	assert_false(tm("2018-11-22 10:00:00x").set);
	assert_false(tm("").set);
}

static struct mb_novalog *feed(const char *const *lines, size_t n)
{
	struct mb_novalog *p = mb_novalog_new();

	assert_non_null(p);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(mb_novalog_line(p, lines[i], strlen(lines[i])), 0);
	return p;
}

static void seed_lines(void **state)
{
	static const char *const lines[] = { SEED_DOWNTIME "\n", SEED_STOPPED "\r\n" };
	struct mb_novalog *p = feed(lines, 2);
	const struct mb_nova_migration *m;
	struct mb_nova_figures f;
	struct mb_novalog_info i;

	(void)state;
	mb_novalog_info(p, &i);
	assert_int_equal(i.entries, 2);
	assert_int_equal(i.events, 2);
	assert_int_equal(i.malformed + i.foreign + i.unattached, 0);
	assert_int_equal(mb_novalog_count(p), 1);
	m = mb_novalog_migration(p, 0);
	assert_string_equal(m->instance, "eebe068a-ba85-4905-a39b-f003a7480b14");
	assert_string_equal(m->request_id, "req-d9849256-eaa8-4446-9cec-9545b74df126");
	assert_string_equal(m->global_request_id, "");
	assert_string_equal(m->stopped_request_id, "req-4b409237-6c82-4b56-ae4c-9f905a4f932e");
	assert_int_equal(m->start_from, MB_NOVA_START_DOWNTIME);
	assert_int_equal(m->outcome, MB_NOVA_UNFINISHED);
	assert_int_equal(m->downtime_steps, 1);
	assert_int_equal(m->last_downtime_ms, 50);
	assert_int_equal(m->stopped.line, 2);
	mb_nova_migration_figures(m, &f);
	/* The seed's own figure: time.sh's 20 s, to the ms. */
	assert_int_equal(f.start_to_stopped_ns, 20542 * MS);
	assert_int_equal(f.start_to_end_ns, -1);
	assert_null(mb_novalog_migration(p, 1));
	mb_novalog_free(p);
}

static void context_forms(void **state)
{
	static const char *const lines[] = {
		/* newer nova: a global request id first */
		"2026-11-30 10:01:02.345 12345 DEBUG nova.virt.libvirt.driver [req-aaaa1111 req-bbbb2222 "
		"admin admin] [instance: 11111111-2222-3333-4444-555555555555] Starting monitoring of live "
		"migration {{(pid=12345) _live_migration /opt/nova/virt/libvirt/driver.py:10150}}",
		/* "None": no global id */
		"2026-11-30 10:01:03.000 12345 INFO nova.virt.libvirt.driver [None req-cccc3333 admin admin] "
		"[instance: 22222222-2222-3333-4444-555555555555] Migration running for 5 secs, memory 40% "
		"remaining (bytes processed=1, remaining=2, total=3); disk 0% remaining",
		/* no context at all, as an exception's continuation lines */
		"2026-11-30 10:01:04.000 12345 INFO nova.compute.manager [instance: "
		"22222222-2222-3333-4444-555555555555] VM Paused (Lifecycle Event)",
		"2026-11-30 10:01:05.000 12345 INFO nova.virt.libvirt.driver [-] [instance: "
		"22222222-2222-3333-4444-555555555555] Migration operation was cancelled",
	};
	struct mb_novalog *p = feed(lines, 4);
	const struct mb_nova_migration *a, *b;
	struct mb_novalog_info i;

	(void)state;
	mb_novalog_info(p, &i);
	assert_int_equal(i.entries, 4);
	assert_int_equal(i.events, 4);
	assert_int_equal(mb_novalog_count(p), 2);
	a = mb_novalog_migration(p, 0);
	b = mb_novalog_migration(p, 1);
	assert_string_equal(a->request_id, "req-bbbb2222");
	assert_string_equal(a->global_request_id, "req-aaaa1111");
	assert_int_equal(a->start_from, MB_NOVA_START_MONITOR);
	assert_string_equal(b->request_id, "req-cccc3333");
	assert_string_equal(b->global_request_id, "");
	assert_int_equal(b->start_from, MB_NOVA_START_PROGRESS);
	assert_int_equal(b->last_progress_secs, 5);
	assert_int_equal(b->last_memory_remaining_pct, 40);
	assert_true(b->paused.t.set);
	assert_int_equal(b->outcome, MB_NOVA_CANCELLED);
	mb_novalog_free(p);
}

/* Damaged and foreign lines are counted with their numbers, and never
 * taken; nothing crashes on them. */
static void damaged_lines(void **state)
{
	static const char *const lines[] = {
		"2018-11-22 10:00:01.3",                                                 /* 1: cut */
		"2018-11-22 10:00:01.300 5 LOUD nova.compute.manager [-] hello",          /* 2 */
		"2018-11-22 10:00:01.300 five INFO nova.compute.manager [-] hello",       /* 3 */
		"2018-11-22 10:00:01.300 5 INFO nova.compute.manager [req-x",             /* 4: unclosed */
		"2018-11-22 10:00:01.300 5 INFO nova.virt.libvirt.migration [-] [instance: "
		"eebe068a-ba85-4905-a39b-f003a7480b14] Increasing downtime to -5 ms after 0 sec elapsed time",
		"2018-11-22 10:00:01.300 5 INFO nova.virt.libvirt.driver [-] [instance: "
		"eebe068a-ba85-4905-a39b-f003a7480b14] Migration running for 9 secs, memory 900% remaining",
		"Traceback (most recent call last):",                                     /* 7 */
		"Nov 22 10:00:01 compute1 nova-compute[5]: INFO nova.compute.manager x",  /* 8 */
		"\x01\x02\xff\xfe",                                                       /* 9 */
		"   ",                                                                    /* 10: blank */
		"2018-13-22 10:00:01.300 5 INFO nova.compute.manager [-] month 13",       /* 11 */
		"2018-11-22 10:00:01.300 5 INFO nova.compute.manager [-] [instance: "
		"eebe068a-ba85-4905-a39b-f003a7480b14] VM Stopped (Lifecycle Event)",     /* 12: unattached */
	};
	struct mb_novalog *p = feed(lines, sizeof(lines) / sizeof(lines[0]));
	char longline[MB_NOVALOG_LINE_MAX + 100];
	struct mb_novalog_info i;

	(void)state;
	memset(longline, 'x', sizeof(longline));
	memcpy(longline, SEED_DOWNTIME, strlen(SEED_DOWNTIME));
	assert_int_equal(mb_novalog_line(p, longline, sizeof(longline)), 0);
	mb_novalog_info(p, &i);
	assert_int_equal(i.lines, 13);
	assert_int_equal(i.blank, 1);
	assert_int_equal(i.malformed, 7);
	assert_int_equal(i.foreign, 4);
	assert_int_equal(i.entries, 1);
	assert_int_equal(i.unattached, 1);
	assert_int_equal(i.events, 0);
	assert_int_equal(mb_novalog_count(p), 0);
	/* The first five of each, by number. */
	assert_int_equal(i.malformed_line[0], 1);
	assert_int_equal(i.malformed_line[4], 5);
	assert_int_equal(i.foreign_line[0], 7);
	assert_int_equal(i.foreign_line[2], 9);
	assert_int_equal(i.foreign_line[3], 13);
	mb_novalog_free(p);
}

static struct mb_novalog *read_data(const char *name)
{
	const char *top = getenv("top_srcdir");
	struct mb_novalog *p = mb_novalog_new();
	char path[4096], *line = NULL;
	size_t cap = 0;
	ssize_t n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/tests/data/%s", top ? top : ".", name);
	f = fopen(path, "r");
	assert_non_null(f);
	while ((n = getline(&line, &cap, f)) >= 0)
		assert_int_equal(mb_novalog_line(p, line, (size_t)n), 0);
	free(line);
	fclose(f);
	return p;
}

static void assert_time(const struct mb_novalog_time *t, const char *text, uint64_t line)
{
	assert_true(t->t.set);
	assert_string_equal(t->t.text, text);
	assert_int_equal(t->line, line);
}

/* The committed log: the figures worked out by hand in its header
 * comment (tests/e2e/novalog.test repeats them through the command). */
static void committed_log(void **state)
{
	struct mb_novalog *p = read_data("nova-compute-source.log");
	const struct mb_nova_migration *m;
	struct mb_nova_figures f;
	struct mb_novalog_info i;

	(void)state;
	mb_novalog_info(p, &i);
	assert_int_equal(i.lines, 32);
	assert_int_equal(i.blank, 1);
	assert_int_equal(i.entries, 25);
	assert_int_equal(i.malformed, 3);
	assert_int_equal(i.malformed_line[0], 10);
	assert_int_equal(i.malformed_line[1], 20);
	assert_int_equal(i.malformed_line[2], 21);
	assert_int_equal(i.foreign, 3);
	assert_int_equal(i.foreign_line[0], 16);
	assert_int_equal(i.foreign_line[1], 17);
	assert_int_equal(i.foreign_line[2], 22);
	assert_int_equal(i.events, 20);
	assert_int_equal(i.unattached, 1);
	assert_int_equal(mb_novalog_count(p), 3);

	m = mb_novalog_migration(p, 0);
	assert_string_equal(m->instance, "eebe068a-ba85-4905-a39b-f003a7480b14");
	assert_int_equal(m->outcome, MB_NOVA_COMPLETED);
	assert_time(&m->start, "2018-11-22 09:59:42.442", 3);
	assert_time(&m->paused, "2018-11-22 10:00:00.112", 7);
	assert_time(&m->end, "2018-11-22 10:00:00.689", 8);
	assert_time(&m->stopped, "2018-11-22 10:00:02.984", 11);
	assert_time(&m->finished, "2018-11-22 10:00:03.517", 12);
	assert_int_equal(m->downtime_steps, 3);
	assert_int_equal(m->last_downtime_ms, 140);
	assert_int_equal(m->progress_lines, 1);
	mb_nova_migration_figures(m, &f);
	assert_int_equal(f.start_to_end_ns, 18247 * MS);
	assert_int_equal(f.start_to_stopped_ns, 20542 * MS);
	assert_int_equal(f.start_to_finished_ns, 21075 * MS);
	assert_int_equal(f.paused_to_end_ns, 577 * MS);

	m = mb_novalog_migration(p, 1);
	assert_string_equal(m->instance, "7c1d52f0-3e8a-4c55-9d2b-0f6a1e2b9c44");
	assert_string_equal(m->request_id, "req-1f0c9b7e-55d2-4b8e-a0c1-7de3f6a2b811");
	/* "Live Migration failure", then "has aborted": one end, the first. */
	assert_int_equal(m->outcome, MB_NOVA_FAILED);
	assert_time(&m->end, "2018-11-22 10:02:13.771", 15);
	assert_int_equal(m->downtime_steps, 1);
	mb_nova_migration_figures(m, &f);
	assert_int_equal(f.start_to_end_ns, 3767 * MS);
	assert_int_equal(f.start_to_stopped_ns, -1);

	m = mb_novalog_migration(p, 2);
	assert_string_equal(m->instance, "a3c5e7f9-1b2d-4e6f-8091-a2b3c4d5e6f7");
	assert_string_equal(m->request_id, "req-9a3e5c21-0b7d-4f64-8e2a-c4d1b0f9e377");
	assert_int_equal(m->start_from, MB_NOVA_START_MIGRATE_API);
	assert_time(&m->start, "2018-11-22 10:05:20.301", 23);
	assert_time(&m->first_downtime, "2018-11-22 10:05:20.905", 25);
	assert_int_equal(m->progress_lines, 2);
	assert_int_equal(m->last_progress_secs, 60);
	assert_int_equal(m->last_memory_remaining_pct, 12);
	assert_string_equal(m->stopped_request_id, "");
	mb_nova_migration_figures(m, &f);
	assert_int_equal(f.start_to_end_ns, 64914 * MS);
	assert_int_equal(f.start_to_stopped_ns, 66700 * MS);
	assert_int_equal(f.paused_to_end_ns, 335 * MS);
	assert_int_equal(f.start_to_finished_ns, -1);
	mb_novalog_free(p);
}

/* A log format with ISO-8601 times and offsets: compared in UTC. */
static void committed_iso_log(void **state)
{
	struct mb_novalog *p = read_data("nova-compute-iso.log");
	const struct mb_nova_migration *m;
	struct mb_nova_figures f;
	struct mb_novalog_info i;

	(void)state;
	mb_novalog_info(p, &i);
	assert_int_equal(i.entries, 3);
	assert_int_equal(i.zoned, 3);
	assert_int_equal(mb_novalog_count(p), 1);
	m = mb_novalog_migration(p, 0);
	mb_nova_migration_figures(m, &f);
	assert_int_equal(f.start_to_end_ns, 7500 * MS);
	/* 09:01:11.095Z is 10:01:11.095+01:00. */
	assert_int_equal(f.start_to_stopped_ns, 8750 * MS);
	mb_novalog_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(times),
		cmocka_unit_test(seed_lines),
		cmocka_unit_test(context_forms),
		cmocka_unit_test(damaged_lines),
		cmocka_unit_test(committed_log),
		cmocka_unit_test(committed_iso_log),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
