/* Unit tests of src/snapio/snapio_journal.c on real files: saves append to
 * the one log (never rewrite it), a guest's bytes leave the journal valid
 * UTF-8 JSON, a torn last line is ignored on load, a damaged journal is
 * refused with a one-line reason. */
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

#include "analysis/utf8.h"
#include "src/snapio/snapio_journal.h"

struct fixture {
	char dir[64];
	struct mb_snapio_config cfg;
	struct mb_journal j;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	snprintf(f->dir, sizeof(f->dir), "/tmp/test_snapio_journal.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->cfg.id, sizeof(f->cfg.id), "0badcafe");
	snprintf(f->cfg.domain, sizeof(f->cfg.domain), "guest1");
	snprintf(f->cfg.uuid, sizeof(f->cfg.uuid), "6d7f1c2e-0000-4000-8000-000000000001");
	snprintf(f->cfg.disk, sizeof(f->cfg.disk), "vdb");
	snprintf(f->cfg.base_source, sizeof(f->cfg.base_source), "/img/data.qcow2");
	snprintf(f->cfg.campaign_dir, sizeof(f->cfg.campaign_dir), "/data/migbench-snapio-0badcafe");
	f->cfg.layers = 2;
	f->cfg.files = 3;
	f->cfg.file_size = 1 << 20;
	f->cfg.fio_job = strdup("[x]\nrw=read\n");
	f->cfg.base_disk_xml = strdup("<disk/>");
	/* fio_file, guest_dir... stay empty: written as null, read as "". */
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[128];

	mb_journal_close(&f->j);
	mb_snapio_config_free(&f->cfg);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

static void start(struct fixture *f)
{
	char err[512];

	assert_int_equal(mb_journal_open(&f->j, f->dir, false, err, sizeof(err)), 0);
	assert_int_equal(mb_journal_init(&f->j, &f->cfg, err, sizeof(err)), 0);
	assert_int_equal(mb_journal_save(&f->j, err, sizeof(err)), 0);
}

/* Closes the journal and loads it again, as --resume does. */
static int reload(struct fixture *f, struct mb_snapio_config *cfg, char *err, size_t errlen)
{
	mb_journal_close(&f->j);
	assert_int_equal(mb_journal_open(&f->j, f->dir, false, err, errlen), 0);
	return mb_journal_load(&f->j, cfg, err, errlen);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "r");
	char *text = NULL;
	size_t cap = 0;
	ssize_t n;

	assert_non_null(fp);
	n = getdelim(&text, &cap, '\0', fp);
	fclose(fp);
	*len = n < 0 ? 0 : (size_t)n;
	return text;
}

static void append_text(const char *path, const char *text)
{
	FILE *fp = fopen(path, "a");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void command(struct mb_journal *j, const char *err_bytes, const char *out_bytes)
{
	const char *argv[] = { "-c", "true" };
	struct mb_agent_result r = {
		.pid = 42, .err = (char *)err_bytes, .err_len = strlen(err_bytes),
		.out = (char *)out_bytes, .out_len = strlen(out_bytes),
	};

	mb_journal_command(j, "build layer 1/2: file 1/3", "/bin/sh", argv, 2, &r, MB_AGENT_OK, NULL);
}

static void saves_append(void **state)
{
	struct fixture *f = *state;
	struct mb_snapio_cursor c = { 0 };
	struct stat st0, st;
	char *before = NULL, err[512], big[4097];
	size_t before_len = 0, len;

	start(f);
	assert_int_equal(stat(f->j.path, &st0), 0);
	before = slurp(f->j.path, &before_len);
	memset(big, 'e', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	for (int i = 0; i < 200; i++) {
		char *now;

		command(&f->j, big, "");
		mb_journal_step(&f->j, "a step", 1, 2);
		c.file = (unsigned)i;
		mb_journal_set_cursor(&f->j, &c);
		assert_int_equal(mb_journal_save(&f->j, err, sizeof(err)), 0);
		/* The same file, what it held before left as it was. */
		assert_int_equal(stat(f->j.path, &st), 0);
		assert_true(st.st_ino == st0.st_ino);
		now = slurp(f->j.path, &len);
		assert_true(len > before_len && len - before_len < sizeof(big) + 1024);
		assert_memory_equal(now, before, before_len);
		free(before);
		before = now;
		before_len = len;
	}
	free(before);
	mb_snapio_config_free(&f->cfg);
	assert_int_equal(reload(f, &f->cfg, err, sizeof(err)), 0);
	assert_int_equal(mb_journal_get_cursor(&f->j, &c), 0);
	assert_int_equal(c.file, 199);
	assert_int_equal(f->j.replay.saves, 200);
	assert_false(f->j.replay.torn);
	assert_string_equal(f->cfg.fio_file, "");
	assert_string_equal(f->cfg.id, "0badcafe");
}

static void guest_bytes_stay_utf8(void **state)
{
	struct fixture *f = *state;
	struct mb_snapio_config cfg;
	json_object *cmds, *rec, *v, *doc;
	char *text, err[512];
	size_t len;

	start(f);
	command(&f->j, "fio: \xff\xfe failed to create dir /proc/migbench\xc3\n", "\x80\xbfout");
	mb_journal_note(&f->j, "label", "the guest said \xe2\x82");
	mb_journal_set_status(&f->j, "failed", "label", "exit status 1 in the guest: \xff");
	assert_int_equal(mb_journal_save(&f->j, err, sizeof(err)), 0);
	text = slurp(f->j.path, &len);
	assert_true(mb_utf8_valid(text, len));
	free(text);
	/* Written whole at the end: still valid. */
	assert_int_equal(mb_journal_compact(&f->j, err, sizeof(err)), 0);
	text = slurp(f->j.path, &len);
	assert_true(mb_utf8_valid(text, len));
	doc = json_tokener_parse(text);
	assert_non_null(doc);
	json_object_put(doc);
	free(text);
	assert_int_equal(reload(f, &cfg, err, sizeof(err)), 0);
	mb_snapio_config_free(&cfg);
	assert_true(json_object_object_get_ex(f->j.doc, "commands", &cmds));
	rec = json_object_array_get_idx(cmds, 0);
	assert_true(json_object_object_get_ex(rec, "stderr", &v));
	assert_non_null(strstr(json_object_get_string(v), "fio: \xef\xbf\xbd\xef\xbf\xbd failed"));
	assert_string_equal(mb_journal_status(&f->j), "failed");
}

static void torn_last_line_ignored(void **state)
{
	struct fixture *f = *state;
	struct mb_snapio_cursor c = { .file = 1 };
	struct mb_snapio_config cfg;
	char err[512], *text;
	size_t len;

	start(f);
	mb_journal_set_cursor(&f->j, &c);
	assert_int_equal(mb_journal_save(&f->j, err, sizeof(err)), 0);
	mb_journal_close(&f->j);
	/* Killed mid-save: one change whole, one cut short, no commit. */
	append_text(f->j.path, "{\"cursor\":{\"phase\":\"build\",\"file\":2}}\n{\"inflight\":{\"pid\":7,\"st");
	assert_int_equal(reload(f, &cfg, err, sizeof(err)), 0);
	mb_snapio_config_free(&cfg);
	assert_true(f->j.replay.torn);
	assert_int_equal(f->j.replay.dropped, 1);
	assert_int_equal(mb_journal_get_cursor(&f->j, &c), 0);
	assert_int_equal(c.file, 1);
	assert_int_equal(mb_journal_inflight(&f->j), 0);
	/* The first save after a load writes it whole: the torn line is gone. */
	assert_int_equal(mb_journal_save(&f->j, err, sizeof(err)), 0);
	text = slurp(f->j.path, &len);
	assert_non_null(memchr(text, '\n', len));
	assert_ptr_equal(memchr(text, '\n', len), text + len - 1);
	free(text);
	mb_journal_set_inflight(&f->j, 9, "x");
	assert_int_equal(mb_journal_save(&f->j, err, sizeof(err)), 0);
	assert_int_equal(reload(f, &cfg, err, sizeof(err)), 0);
	mb_snapio_config_free(&cfg);
	assert_false(f->j.replay.torn);
	assert_int_equal(mb_journal_inflight(&f->j), 9);
}

static void damaged_journal_refused(void **state)
{
	struct fixture *f = *state;
	struct mb_snapio_config cfg;
	char err[512];

	start(f);
	mb_journal_close(&f->j);
	/* A measured depth whose fio job lost its name. */
	append_text(f->j.path, "{\"depth\":1,\"set\":{\"fio\":{\"jobs\":[{\"rw\":\"read\"}]}}}\n{\"saved\":1}\n");
	assert_int_equal(reload(f, &cfg, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "journal.json: damaged journal: line 2: depth 1: damaged \"fio\""));
	assert_null(strchr(err, '\n'));
}

/* A fio record as snapio_measure.c journals it. */
static json_object *fio_record(double iops)
{
	json_object *o = json_object_new_object(), *jobs = json_object_new_array();
	json_object *j = json_object_new_object();

	json_object_object_add(j, "name", json_object_new_string("write"));
	json_object_object_add(j, "rw", json_object_new_string("write"));
	json_object_object_add(j, "iops", json_object_new_double(iops));
	json_object_array_add(jobs, j);
	json_object_object_add(o, "jobs", jobs);
	return o;
}

/* --repeat 2: both runs of a depth survive a reload, the cursor's run
 * too; config.repeat comes back. */
static void repeats_round_trip(void **state)
{
	struct fixture *f = *state;
	struct mb_snapio_cursor c = { MB_PHASE_MEASURE, MB_STEP_FIO, 2, 0, 0, 1 }, back;
	struct mb_snapio_config cfg;
	char err[512];

	f->cfg.repeat = 2;
	start(f);
	assert_int_equal(mb_journal_fio_runs(&f->j, 2), 0);
	mb_journal_add_fio_run(&f->j, 2, 0, fio_record(100));
	mb_journal_set_cursor(&f->j, &c);
	assert_int_equal(mb_journal_save(&f->j, err, sizeof(err)), 0);
	mb_journal_add_fio_run(&f->j, 2, 1, fio_record(110));
	assert_int_equal(mb_journal_save(&f->j, err, sizeof(err)), 0);
	assert_int_equal(mb_journal_fio_runs(&f->j, 2), 2);
	assert_int_equal(reload(f, &cfg, err, sizeof(err)), 0);
	assert_int_equal(cfg.repeat, 2);
	assert_int_equal(mb_journal_fio_runs(&f->j, 2), 2);
	assert_int_equal(mb_journal_fio_runs(&f->j, 1), 0);
	assert_int_equal(mb_journal_get_cursor(&f->j, &back), 0);
	assert_int_equal(back.repeat, 1);
	assert_int_equal(back.n, 2);
	/* A third run is beyond --repeat 2: the log refuses it, the save says so. */
	mb_journal_add_fio_run(&f->j, 2, 2, fio_record(120));
	assert_int_equal(mb_journal_save(&f->j, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "not run 3 of 2"));
	mb_snapio_config_free(&cfg);
}

/* A journal from before --repeat: no config.repeat, no cursor.repeat;
 * it reads as one run a depth. */
static void journal_without_repeat(void **state)
{
	struct fixture *f = *state;
	struct mb_snapio_config cfg;
	struct mb_snapio_cursor back;
	char err[512];

	start(f);
	json_object_object_del(json_object_object_get(f->j.doc, "config"), "repeat");
	assert_int_equal(mb_journal_compact(&f->j, err, sizeof(err)), 0);
	assert_int_equal(reload(f, &cfg, err, sizeof(err)), 0);
	assert_int_equal(cfg.repeat, 1);
	mb_journal_add_fio_run(&f->j, 0, 0, fio_record(100));
	assert_int_equal(mb_journal_save(&f->j, err, sizeof(err)), 0);
	assert_int_equal(mb_journal_fio_runs(&f->j, 0), 1);
	assert_int_equal(mb_journal_get_cursor(&f->j, &back), -1); /* none set: {} */
	mb_snapio_config_free(&cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(saves_append, setup, teardown),
		cmocka_unit_test_setup_teardown(guest_bytes_stay_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(torn_last_line_ignored, setup, teardown),
		cmocka_unit_test_setup_teardown(damaged_journal_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(repeats_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(journal_without_repeat, setup, teardown),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
