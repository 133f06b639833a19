/* The campaign journal (snapio_journal.h). */
#include "config.h"

#include "src/snapio/snapio_journal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis/snapio/snapio_stats.h"
#include "analysis/utf8.h"
#include "probes/clock.h"
#include "src/common/json.h"
#include "src/common/outfile.h"

/* What a command record keeps of a program's output. */
#define KEEP_STDERR 8192
#define KEEP_STDOUT 1024

int mb_journal_open(struct mb_journal *j, const char *dir, bool create, char *err, size_t errlen)
{
	char lock[4300];
	struct stat st;

	memset(j, 0, sizeof(*j));
	j->lock_fd = j->fd = -1;
	if (snprintf(j->dir, sizeof(j->dir), "%s", dir) >= (int)sizeof(j->dir) ||
	    mb_outfile_join(j->path, sizeof(j->path), dir, MB_JOURNAL_NAME) ||
	    mb_outfile_join(lock, sizeof(lock), dir, ".journal.lock")) {
		snprintf(err, errlen, "--out '%s': path too long", dir);
		return -1;
	}
	if (!create && stat(dir, &st) < 0) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if (!create && !S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s: not a directory", dir);
		return -1;
	}
	if (create && mb_outdir_ensure(dir, err, errlen))
		return -1;
	j->lock_fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (j->lock_fd < 0) {
		snprintf(err, errlen, "%s: %s", lock, strerror(errno));
		return -1;
	}
	if (flock(j->lock_fd, LOCK_EX | LOCK_NB) < 0) {
		snprintf(err, errlen, "%s: %s", dir, errno == EWOULDBLOCK
			 ? "another migbench is running this campaign" : strerror(errno));
		close(j->lock_fd);
		j->lock_fd = -1;
		return -1;
	}
	return 0;
}

bool mb_journal_exists(const struct mb_journal *j)
{
	return access(j->path, F_OK) == 0;
}

void mb_journal_close(struct mb_journal *j)
{
	json_object_put(j->doc);
	j->doc = NULL;
	free(j->pending);
	j->pending = NULL;
	j->pending_len = j->pending_cap = 0;
	if (j->fd >= 0)
		close(j->fd);
	j->fd = -1;
	if (j->lock_fd >= 0)
		close(j->lock_fd); /* releases the lock */
	j->lock_fd = -1;
}

void mb_snapio_config_free(struct mb_snapio_config *cfg)
{
	free(cfg->fio_job);
	free(cfg->base_disk_xml);
	cfg->fio_job = cfg->base_disk_xml = NULL;
}

/* ---------------------------------------------------------- config */

static json_object *config_json(const struct mb_snapio_config *c)
{
	json_object *o = json_object_new_object();

	mb_json_put_str(o, "id", c->id);
	mb_json_put_str(o, "host", c->host_name);
	mb_json_put_str(o, "host_uri", c->host_uri);
	mb_json_put_str(o, "domain", c->domain);
	mb_json_put_str(o, "domain_uuid", c->uuid);
	mb_json_put_str(o, "disk", c->disk);
	mb_json_put_uint(o, "snapshots", c->layers);
	mb_json_put_uint(o, "files", c->files);
	mb_json_put_uint(o, "file_size", c->file_size);
	mb_json_put_uint(o, "delete_ppm", c->delete_ppm);
	mb_json_put_uint(o, "seed", c->seed);
	mb_json_put_str(o, "guest_dir", c->guest_dir);
	mb_json_put_str(o, "campaign_dir", c->campaign_dir);
	mb_json_put_str(o, "fio_file", c->fio_file);
	mb_json_put_str(o, "fio_job_guest", c->fio_job_guest);
	mb_json_put_str(o, "fio_job_source", c->fio_job_source);
	mb_json_put_str(o, "fio_job", c->fio_job);
	mb_json_put_uint(o, "fio_size", c->fio_size);
	mb_json_put_int(o, "fio_runtime_ns", c->fio_runtime_ns);
	mb_json_put_uint(o, "repeat", c->repeat ? c->repeat : 1);
	mb_json_put_str(o, "revert", c->native ? "native" : "manual");
	mb_json_put_str(o, "base_source", c->base_source);
	mb_json_put_str(o, "base_format", c->base_format);
	mb_json_put_str(o, "base_disk_xml", c->base_disk_xml);
	mb_json_put_uint(o, "libvirt_version", c->libvirt_version);
	return o;
}

/* Readers: each marks *ok false when the member is missing or mistyped.
 * A string that was empty is null (src/common/json.h). */
static const char *get_str(json_object *o, const char *k, bool *ok)
{
	json_object *v = NULL;

	if (!json_object_object_get_ex(o, k, &v) || (v && !json_object_is_type(v, json_type_string))) {
		*ok = false;
		return "";
	}
	return v ? json_object_get_string(v) : "";
}

static void copy_str(json_object *o, const char *k, char *dst, size_t len, bool *ok)
{
	if (snprintf(dst, len, "%s", get_str(o, k, ok)) >= (int)len)
		*ok = false;
}

/* An integer in [0, max]. */
static uint64_t get_u64(json_object *o, const char *k, uint64_t max, bool *ok)
{
	json_object *v;
	uint64_t n;

	if (!json_object_object_get_ex(o, k, &v) || !json_object_is_type(v, json_type_int) ||
	    json_object_get_int64(v) < 0 || (n = json_object_get_uint64(v)) > max) {
		*ok = false;
		return 0;
	}
	return n;
}

static int config_read(json_object *o, struct mb_snapio_config *c)
{
	bool ok = true;

	memset(c, 0, sizeof(*c));
	copy_str(o, "id", c->id, sizeof(c->id), &ok);
	copy_str(o, "host", c->host_name, sizeof(c->host_name), &ok);
	copy_str(o, "host_uri", c->host_uri, sizeof(c->host_uri), &ok);
	copy_str(o, "domain", c->domain, sizeof(c->domain), &ok);
	copy_str(o, "domain_uuid", c->uuid, sizeof(c->uuid), &ok);
	copy_str(o, "disk", c->disk, sizeof(c->disk), &ok);
	c->layers = (unsigned)get_u64(o, "snapshots", MB_JLOG_MAX_LAYERS, &ok);
	c->files = (unsigned)get_u64(o, "files", UINT_MAX, &ok);
	c->file_size = get_u64(o, "file_size", INT64_MAX, &ok);
	c->delete_ppm = (uint32_t)get_u64(o, "delete_ppm", 1000000, &ok);
	c->seed = get_u64(o, "seed", UINT64_MAX, &ok);
	copy_str(o, "guest_dir", c->guest_dir, sizeof(c->guest_dir), &ok);
	copy_str(o, "campaign_dir", c->campaign_dir, sizeof(c->campaign_dir), &ok);
	copy_str(o, "fio_file", c->fio_file, sizeof(c->fio_file), &ok);
	copy_str(o, "fio_job_guest", c->fio_job_guest, sizeof(c->fio_job_guest), &ok);
	copy_str(o, "fio_job_source", c->fio_job_source, sizeof(c->fio_job_source), &ok);
	c->fio_job = strdup(get_str(o, "fio_job", &ok));
	c->fio_size = get_u64(o, "fio_size", INT64_MAX, &ok);
	c->fio_runtime_ns = (int64_t)get_u64(o, "fio_runtime_ns", INT64_MAX, &ok);
	/* Journals from before --repeat ran fio once a depth. */
	c->repeat = json_object_object_get_ex(o, "repeat", NULL)
		? (unsigned)get_u64(o, "repeat", MB_SNAPIO_MAX_REPEAT, &ok) : 1;
	if (!c->repeat)
		ok = false;
	c->native = !strcmp(get_str(o, "revert", &ok), "native");
	if (!c->native && strcmp(get_str(o, "revert", &ok), "manual"))
		ok = false;
	copy_str(o, "base_source", c->base_source, sizeof(c->base_source), &ok);
	copy_str(o, "base_format", c->base_format, sizeof(c->base_format), &ok);
	c->base_disk_xml = strdup(get_str(o, "base_disk_xml", &ok));
	c->libvirt_version = (unsigned long)get_u64(o, "libvirt_version", ULONG_MAX, &ok);
	/* What names the campaign's snapshots and files, and the disk. */
	if (!c->fio_job || !c->base_disk_xml || !c->id[0] || !c->uuid[0] || !c->disk[0] ||
	    !c->base_source[0] || !c->campaign_dir[0] || !c->layers)
		ok = false;
	if (!ok)
		mb_snapio_config_free(c);
	return ok ? 0 : -1;
}

/* ---------------------------------------------------------- layers */

/* "stem.snapio-ID-i.qcow2" beside the disk's file. */
static void overlay_path(const struct mb_snapio_config *c, unsigned i, char *buf, size_t len)
{
	const char *slash = strrchr(c->base_source, '/');
	const char *base = slash ? slash + 1 : c->base_source;
	const char *dot = strrchr(base, '.');
	int stem = dot && dot != base ? (int)(dot - base) : (int)strlen(base);

	snprintf(buf, len, "%.*s%.*s.snapio-%s-%u.qcow2", (int)(base - c->base_source),
		 c->base_source, stem, base, c->id, i);
}

static json_object *layer_json(const struct mb_snapio_config *c, unsigned i)
{
	json_object *o = json_object_new_object();
	char name[128], path[4300];

	mb_json_put_uint(o, "layer", i);
	if (i == 0) {
		mb_json_put_str(o, "overlay", c->base_source);
		mb_json_put_str(o, "snapshot", "");
		json_object_object_add(o, "manifest", json_object_new_object());
		return o;
	}
	snprintf(name, sizeof(name), "migbench-snapio-%s-%u", c->id, i);
	overlay_path(c, i, path, sizeof(path));
	mb_json_put_str(o, "snapshot", name);
	mb_json_put_str(o, "overlay", path);
	mb_json_put_bool(o, "created", false);
	mb_json_put_bool(o, "removed", false);
	json_object_object_add(o, "manifest", NULL);
	json_object_object_add(o, "deleted", json_object_new_array());
	return o;
}

/* Names and paths from the options or a file: a journal is UTF-8 JSON, and
 * these must come back exact, so they are refused rather than mended. */
static int config_text(json_object *config, char *err, size_t errlen)
{
	json_object_object_foreach(config, key, v) {
		if (json_object_is_type(v, json_type_string) &&
		    !mb_utf8_valid(json_object_get_string(v), (size_t)json_object_get_string_len(v))) {
			snprintf(err, errlen, "the campaign's %s is not UTF-8 text", key);
			return -1;
		}
	}
	return 0;
}

int mb_journal_init(struct mb_journal *j, const struct mb_snapio_config *cfg,
		    char *err, size_t errlen)
{
	json_object *doc = json_object_new_object(), *mb = json_object_new_object();
	json_object *layers = json_object_new_array();

	mb_json_put_str(mb, "version", PACKAGE_VERSION);
	mb_json_put_str(mb, "document", MB_JLOG_DOCUMENT);
	mb_json_put_int(mb, "format", MB_JLOG_FORMAT);
	json_object_object_add(doc, "migbench", mb);
	mb_json_put_str(doc, "status", "running");
	json_object_object_add(doc, "failure", NULL);
	json_object_object_add(doc, "config", config_json(cfg));
	for (unsigned i = 0; i <= cfg->layers; i++)
		json_object_array_add(layers, layer_json(cfg, i));
	json_object_object_add(doc, "layers", layers);
	json_object_object_add(doc, "cursor", json_object_new_object());
	json_object_object_add(doc, "inflight", NULL);
	json_object_object_add(doc, "depths", json_object_new_array());
	json_object_object_add(doc, "steps", json_object_new_array());
	json_object_object_add(doc, "commands", json_object_new_array());
	json_object_object_add(doc, "notes", json_object_new_array());
	mb_json_put_int(doc, "created_realtime_ns", mb_realtime_ns());
	if (config_text(json_object_object_get(doc, "config"), err, errlen) ||
	    mb_jlog_validate(doc, err, errlen)) {
		json_object_put(doc);
		return -1;
	}
	json_object_put(j->doc);
	j->doc = doc;
	return 0;
}

static json_object *member(struct mb_journal *j, const char *key)
{
	json_object *v = NULL;

	json_object_object_get_ex(j->doc, key, &v);
	return v;
}

/* ---------------------------------------------------------- the log */

static int add_line(struct mb_journal *j, const char *text)
{
	size_t len = strlen(text);

	if (j->pending_len + len + 1 > j->pending_cap) {
		size_t cap = (j->pending_cap ? j->pending_cap * 2 : 4096) + len + 1;
		char *p = realloc(j->pending, cap);

		if (!p)
			return -1;
		j->pending = p;
		j->pending_cap = cap;
	}
	memcpy(j->pending + j->pending_len, text, len);
	j->pending[j->pending_len + len] = '\n';
	j->pending_len += len + 1;
	return 0;
}

/* Every change is applied by the log's own apply, then queued for the
 * next save: memory and a replay cannot disagree.  Takes rec. */
static void change(struct mb_journal *j, json_object *rec)
{
	char why[256];

	if (!j->doc)
		snprintf(j->broken, sizeof(j->broken), "a change before the journal exists");
	else if (mb_jlog_apply(j->doc, rec, why, sizeof(why)))
		snprintf(j->broken, sizeof(j->broken), "%s", why);
	else if (add_line(j, json_object_to_json_string_ext(rec, JSON_C_TO_STRING_PLAIN |
							    JSON_C_TO_STRING_NOSLASHESCAPE)))
		snprintf(j->broken, sizeof(j->broken), "out of memory");
	json_object_put(rec);
}

static json_object *one(const char *key, json_object *v)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, key, v);
	return o;
}

static int write_all(int fd, const char *buf, size_t len, int64_t at)
{
	while (len) {
		ssize_t n = pwrite(fd, buf, len, (off_t)at);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
		at += n;
	}
	return 0;
}

/* The changes and their commit line, in one write at the end of what was
 * saved.  A failed write is cut off again before the next. */
static int append(struct mb_journal *j, char *err, size_t errlen)
{
	change(j, one("saved", json_object_new_int64(mb_realtime_ns())));
	if (j->broken[0]) {
		snprintf(err, errlen, "%s: internal error: %s", j->path, j->broken);
		return -1;
	}
	if (j->tail_dirty && ftruncate(j->fd, (off_t)j->size) < 0) {
		snprintf(err, errlen, "%s: %s", j->path, strerror(errno));
		return -1;
	}
	j->tail_dirty = false;
	errno = 0;
	if (write_all(j->fd, j->pending, j->pending_len, j->size) || fsync(j->fd) < 0) {
		snprintf(err, errlen, "%s: %s", j->path, errno ? strerror(errno) : "short write");
		j->tail_dirty = true;
		return -1;
	}
	j->size += (int64_t)j->pending_len;
	j->pending_len = 0;
	return 0;
}

int mb_journal_compact(struct mb_journal *j, char *err, size_t errlen)
{
	struct mb_outstream *out;
	const char *text;
	int fd;

	if (j->broken[0]) {
		snprintf(err, errlen, "%s: internal error: %s", j->path, j->broken);
		return -1;
	}
	mb_json_put_int(j->doc, "saved_realtime_ns", mb_realtime_ns());
	text = json_object_to_json_string_ext(j->doc, JSON_C_TO_STRING_PLAIN |
					      JSON_C_TO_STRING_NOSLASHESCAPE);
	if (mb_outstream_open(&out, j->path, err, errlen))
		return -1;
	fprintf(mb_outstream_file(out), "%s\n", text);
	if (mb_outstream_commit(out, err, errlen))
		return -1;
	fd = open(j->path, O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", j->path, strerror(errno));
		return -1;
	}
	if (j->fd >= 0)
		close(j->fd);
	j->fd = fd;
	j->size = (int64_t)strlen(text) + 1;
	j->pending_len = 0;
	j->tail_dirty = false;
	return 0;
}

int mb_journal_save(struct mb_journal *j, char *err, size_t errlen)
{
	return j->fd < 0 ? mb_journal_compact(j, err, errlen) : append(j, err, errlen);
}

static char *read_all(const char *path, size_t *len, char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	char *text = NULL;
	ssize_t n = 0;

	if (fd < 0 || fstat(fd, &st) < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
	} else if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: not a regular file", path);
	} else if (!(text = malloc((size_t)st.st_size + 1))) {
		snprintf(err, errlen, "%s: out of memory", path);
	} else {
		for (*len = 0; *len < (size_t)st.st_size; *len += (size_t)n)
			if ((n = read(fd, text + *len, (size_t)st.st_size - *len)) <= 0)
				break;
		if (n < 0) {
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			free(text);
			text = NULL;
		}
	}
	if (fd >= 0)
		close(fd);
	return text;
}

int mb_journal_load(struct mb_journal *j, struct mb_snapio_config *cfg, char *err, size_t errlen)
{
	size_t len = 0;
	char *text = read_all(j->path, &len, err, errlen), why[768];
	json_object *doc;

	if (!text)
		return -1;
	doc = mb_jlog_replay(text, len, &j->replay, why, sizeof(why));
	free(text);
	if (!doc) {
		snprintf(err, errlen, "%s: damaged journal: %s", j->path, why);
		return -1;
	}
	json_object_put(j->doc);
	j->doc = doc;
	if (config_read(member(j, "config"), cfg)) {
		snprintf(err, errlen, "%s: damaged journal: its config", j->path);
		return -1;
	}
	return 0;
}

/* ---------------------------------------------------------- layers */

json_object *mb_journal_layer(struct mb_journal *j, unsigned i)
{
	return json_object_array_get_idx(member(j, "layers"), i);
}

void mb_journal_set_layer(struct mb_journal *j, unsigned i, const char *key, json_object *value)
{
	json_object *rec = json_object_new_object(), *set = json_object_new_object();

	json_object_object_add(set, key, value);
	json_object_object_add(rec, "layer", json_object_new_int64(i));
	json_object_object_add(rec, "set", set);
	change(j, rec);
}

const char *mb_journal_layer_str(struct mb_journal *j, unsigned i, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(mb_journal_layer(j, i), key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return "";
	return json_object_get_string(v);
}

bool mb_journal_layer_flag(struct mb_journal *j, unsigned i, const char *key)
{
	json_object *v;

	return json_object_object_get_ex(mb_journal_layer(j, i), key, &v) &&
	       json_object_get_boolean(v);
}

void mb_journal_layer_set_flag(struct mb_journal *j, unsigned i, const char *key, bool v)
{
	mb_journal_set_layer(j, i, key, json_object_new_boolean(v));
}

int mb_journal_get_manifest(struct mb_journal *j, unsigned i, struct mb_manifest *m)
{
	json_object *man;

	memset(m, 0, sizeof(*m));
	if (!json_object_object_get_ex(mb_journal_layer(j, i), "manifest", &man) ||
	    !json_object_is_type(man, json_type_object))
		return -1;
	json_object_object_foreach(man, name, hash) {
		if (!json_object_is_type(hash, json_type_string) ||
		    mb_manifest_add(m, name, json_object_get_string(hash))) {
			mb_manifest_free(m);
			return -1;
		}
	}
	return 0;
}

void mb_journal_set_manifest(struct mb_journal *j, unsigned i, const struct mb_manifest *m)
{
	json_object *man = json_object_new_object();

	for (size_t k = 0; k < m->n; k++)
		json_object_object_add(man, m->e[k].name, json_object_new_string(m->e[k].sha256));
	mb_journal_set_layer(j, i, "manifest", man);
}

void mb_journal_set_depth(struct mb_journal *j, unsigned d, const char *key, json_object *value)
{
	json_object *rec = json_object_new_object(), *set = json_object_new_object();

	json_object_object_add(set, key, value);
	json_object_object_add(rec, "depth", json_object_new_int64(d));
	json_object_object_add(rec, "set", set);
	change(j, rec);
}

void mb_journal_add_fio_run(struct mb_journal *j, unsigned d, unsigned k, json_object *value)
{
	json_object *rec;

	if (k == 0) {
		mb_journal_set_depth(j, d, "fio", value);
		return;
	}
	mb_json_put_uint(value, "repeat", k + 1);
	rec = json_object_new_object();
	json_object_object_add(rec, "depth", json_object_new_int64(d));
	json_object_object_add(rec, "fio_repeat", value);
	change(j, rec);
}

unsigned mb_journal_fio_runs(struct mb_journal *j, unsigned d)
{
	json_object *arr = member(j, "depths");
	size_t n = arr ? json_object_array_length(arr) : 0;

	for (size_t i = 0; i < n; i++) {
		json_object *o = json_object_array_get_idx(arr, i), *v;

		if (!json_object_object_get_ex(o, "depth", &v) || json_object_get_int64(v) != d)
			continue;
		if (!json_object_object_get_ex(o, "fio", NULL))
			return 0;
		return 1 + (json_object_object_get_ex(o, "fio_repeats", &v)
			    ? (unsigned)json_object_array_length(v) : 0);
	}
	return 0;
}

/* ---------------------------------------------------------- cursor */

int mb_journal_get_cursor(struct mb_journal *j, struct mb_snapio_cursor *c)
{
	json_object *o = member(j, "cursor");
	bool ok = true;

	memset(c, 0, sizeof(*c));
	if (!o || mb_snapio_phase_parse(get_str(o, "phase", &ok), &c->phase) ||
	    mb_snapio_step_parse(get_str(o, "step", &ok), &c->step))
		return -1;
	c->n = (unsigned)get_u64(o, "n", UINT_MAX, &ok);
	c->to = (unsigned)get_u64(o, "to", UINT_MAX, &ok);
	c->file = (unsigned)get_u64(o, "file", UINT_MAX, &ok);
	/* Only a repeated fio run has one. */
	if (json_object_object_get_ex(o, "repeat", NULL))
		c->repeat = (unsigned)get_u64(o, "repeat", UINT_MAX, &ok);
	return ok ? 0 : -1;
}

void mb_journal_set_cursor(struct mb_journal *j, const struct mb_snapio_cursor *c)
{
	json_object *o = json_object_new_object();

	mb_json_put_str(o, "phase", mb_snapio_phase_name(c->phase));
	mb_json_put_str(o, "step", mb_snapio_step_name(c->step));
	mb_json_put_uint(o, "n", c->n);
	mb_json_put_uint(o, "to", c->to);
	mb_json_put_uint(o, "file", c->file);
	if (c->repeat)
		mb_json_put_uint(o, "repeat", c->repeat ? c->repeat : 1);
	change(j, one("cursor", o));
}

/* The pid is the guest's: only ever given back to its agent. */
void mb_journal_set_inflight(struct mb_journal *j, int64_t pid, const char *label)
{
	json_object *o = NULL;

	if (pid > 0) {
		o = json_object_new_object();
		mb_json_put_int(o, "pid", pid);
		mb_json_put_str(o, "step", label);
	}
	change(j, one("inflight", o));
}

/* Checked on load (1..INT32_MAX) and on every change. */
int64_t mb_journal_inflight(struct mb_journal *j)
{
	json_object *o = member(j, "inflight"), *pid;

	return o && json_object_object_get_ex(o, "pid", &pid) ? json_object_get_int64(pid) : 0;
}

/* ---------------------------------------------------------- records */

/* Program output in a record: at most keep bytes, made valid UTF-8 (a
 * guest's bytes must not make the journal invalid JSON). */
static void kept(json_object *o, const char *key, const char *text, size_t len, size_t keep)
{
	mb_json_put_text(o, key, text ? text : "", text ? (len < keep ? len : keep) : 0);
}

json_object *mb_journal_command_record(const char *label, const char *path,
				       const char *const *argv, size_t argc,
				       const struct mb_agent_result *r, int status, const char *why)
{
	json_object *o = json_object_new_object(), *a = json_object_new_array();

	mb_json_put_str(o, "step", label);
	mb_json_put_str(o, "path", path);
	for (size_t i = 0; i < argc; i++)
		json_object_array_add(a, json_object_new_string(argv[i]));
	json_object_object_add(o, "argv", a);
	mb_json_put_int(o, "agent_status", status);
	if (why && *why) /* may quote the agent's answer */
		mb_json_put_text(o, "agent_error", why, strlen(why));
	if (r && status == MB_AGENT_OK) {
		mb_json_put_int(o, "pid", r->pid);
		mb_json_put_int(o, "exitcode", r->exitcode);
		mb_json_put_int(o, "signal", r->signal);
		kept(o, "stderr", r->err, r->err_len, KEEP_STDERR);
		kept(o, "stdout_head", r->out, r->out_len, KEEP_STDOUT);
		mb_json_put_uint(o, "stdout_bytes", r->out_len);
		mb_json_put_int(o, "duration_ns", r->duration_ns);
	}
	mb_json_put_int(o, "realtime_ns", mb_realtime_ns());
	return o;
}

void mb_journal_command(struct mb_journal *j, const char *label, const char *path,
			const char *const *argv, size_t argc, const struct mb_agent_result *r,
			int status, const char *why)
{
	mb_journal_add_command(j, mb_journal_command_record(label, path, argv, argc, r, status, why));
}

void mb_journal_add_command(struct mb_journal *j, json_object *record)
{
	change(j, one("command", record));
}

void mb_journal_step(struct mb_journal *j, const char *label, int64_t started_realtime_ns,
		     int64_t duration_ns)
{
	json_object *o = json_object_new_object();

	mb_json_put_str(o, "step", label);
	mb_json_put_int(o, "started_realtime_ns", started_realtime_ns);
	mb_json_put_int(o, "duration_ns", duration_ns);
	change(j, one("step", o));
}

/* Notes and reasons may quote a guest's words. */
void mb_journal_note(struct mb_journal *j, const char *label, const char *text)
{
	json_object *o = json_object_new_object();

	mb_json_put_str(o, "step", label);
	mb_json_put_text(o, "note", text, strlen(text));
	mb_json_put_int(o, "realtime_ns", mb_realtime_ns());
	change(j, one("note", o));
}

void mb_journal_set_status(struct mb_journal *j, const char *status, const char *label,
			   const char *reason)
{
	json_object *rec = json_object_new_object(), *f = NULL;

	mb_json_put_str(rec, "status", status);
	if (reason) {
		f = json_object_new_object();
		mb_json_put_str(f, "step", label);
		mb_json_put_text(f, "reason", reason, strlen(reason));
		mb_json_put_int(f, "realtime_ns", mb_realtime_ns());
	}
	json_object_object_add(rec, "failure", f);
	change(j, rec);
}

const char *mb_journal_status(struct mb_journal *j)
{
	json_object *v = member(j, "status");

	return v ? json_object_get_string(v) : "";
}
