/* The campaign journal (snapio_journal.h). */
#include "config.h"

#include "src/snapio/snapio_journal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "probes/clock.h"
#include "src/common/outfile.h"

/* What a command record keeps of a program's output. */
#define KEEP_STDERR 8192
#define KEEP_STDOUT 1024

int mb_journal_open(struct mb_journal *j, const char *dir, bool create, char *err, size_t errlen)
{
	char lock[4300];
	struct stat st;

	memset(j, 0, sizeof(*j));
	j->lock_fd = -1;
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

static void put_str(json_object *o, const char *k, const char *v)
{
	json_object_object_add(o, k, json_object_new_string(v ? v : ""));
}

static void put_i64(json_object *o, const char *k, int64_t v)
{
	json_object_object_add(o, k, json_object_new_int64(v));
}

static void put_u64(json_object *o, const char *k, uint64_t v)
{
	json_object_object_add(o, k, json_object_new_uint64(v));
}

static void put_bool(json_object *o, const char *k, bool v)
{
	json_object_object_add(o, k, json_object_new_boolean(v));
}

static json_object *config_json(const struct mb_snapio_config *c)
{
	json_object *o = json_object_new_object();

	put_str(o, "id", c->id);
	put_str(o, "host", c->host_name);
	put_str(o, "host_uri", c->host_uri);
	put_str(o, "domain", c->domain);
	put_str(o, "domain_uuid", c->uuid);
	put_str(o, "disk", c->disk);
	put_u64(o, "snapshots", c->layers);
	put_u64(o, "files", c->files);
	put_u64(o, "file_size", c->file_size);
	put_u64(o, "delete_ppm", c->delete_ppm);
	put_u64(o, "seed", c->seed);
	put_str(o, "guest_dir", c->guest_dir);
	put_str(o, "campaign_dir", c->campaign_dir);
	put_str(o, "fio_file", c->fio_file);
	put_str(o, "fio_job_guest", c->fio_job_guest);
	put_str(o, "fio_job_source", c->fio_job_source);
	put_str(o, "fio_job", c->fio_job);
	put_u64(o, "fio_size", c->fio_size);
	put_i64(o, "fio_runtime_ns", c->fio_runtime_ns);
	put_str(o, "revert", c->native ? "native" : "manual");
	put_str(o, "base_source", c->base_source);
	put_str(o, "base_format", c->base_format);
	put_str(o, "base_disk_xml", c->base_disk_xml);
	put_u64(o, "libvirt_version", c->libvirt_version);
	return o;
}

/* Readers: each marks *ok false when the member is missing or mistyped. */
static const char *get_str(json_object *o, const char *k, bool *ok)
{
	json_object *v;

	if (!json_object_object_get_ex(o, k, &v) || !json_object_is_type(v, json_type_string)) {
		*ok = false;
		return "";
	}
	return json_object_get_string(v);
}

static void copy_str(json_object *o, const char *k, char *dst, size_t len, bool *ok)
{
	if (snprintf(dst, len, "%s", get_str(o, k, ok)) >= (int)len)
		*ok = false;
}

static uint64_t get_u64(json_object *o, const char *k, bool *ok)
{
	json_object *v;

	if (!json_object_object_get_ex(o, k, &v) || !json_object_is_type(v, json_type_int)) {
		*ok = false;
		return 0;
	}
	return json_object_get_uint64(v);
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
	c->layers = (unsigned)get_u64(o, "snapshots", &ok);
	c->files = (unsigned)get_u64(o, "files", &ok);
	c->file_size = get_u64(o, "file_size", &ok);
	c->delete_ppm = (uint32_t)get_u64(o, "delete_ppm", &ok);
	c->seed = get_u64(o, "seed", &ok);
	copy_str(o, "guest_dir", c->guest_dir, sizeof(c->guest_dir), &ok);
	copy_str(o, "campaign_dir", c->campaign_dir, sizeof(c->campaign_dir), &ok);
	copy_str(o, "fio_file", c->fio_file, sizeof(c->fio_file), &ok);
	copy_str(o, "fio_job_guest", c->fio_job_guest, sizeof(c->fio_job_guest), &ok);
	copy_str(o, "fio_job_source", c->fio_job_source, sizeof(c->fio_job_source), &ok);
	c->fio_job = strdup(get_str(o, "fio_job", &ok));
	c->fio_size = get_u64(o, "fio_size", &ok);
	c->fio_runtime_ns = (int64_t)get_u64(o, "fio_runtime_ns", &ok);
	c->native = !strcmp(get_str(o, "revert", &ok), "native");
	copy_str(o, "base_source", c->base_source, sizeof(c->base_source), &ok);
	copy_str(o, "base_format", c->base_format, sizeof(c->base_format), &ok);
	c->base_disk_xml = strdup(get_str(o, "base_disk_xml", &ok));
	c->libvirt_version = (unsigned long)get_u64(o, "libvirt_version", &ok);
	if (!c->fio_job || !c->base_disk_xml)
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

	put_u64(o, "layer", i);
	if (i == 0) {
		put_str(o, "overlay", c->base_source);
		put_str(o, "snapshot", "");
		json_object_object_add(o, "manifest", json_object_new_object());
		return o;
	}
	snprintf(name, sizeof(name), "migbench-snapio-%s-%u", c->id, i);
	overlay_path(c, i, path, sizeof(path));
	put_str(o, "snapshot", name);
	put_str(o, "overlay", path);
	put_bool(o, "created", false);
	put_bool(o, "removed", false);
	json_object_object_add(o, "manifest", NULL);
	json_object_object_add(o, "deleted", json_object_new_array());
	return o;
}

int mb_journal_init(struct mb_journal *j, const struct mb_snapio_config *cfg,
		    char *err, size_t errlen)
{
	json_object *doc = json_object_new_object(), *mb = json_object_new_object();
	json_object *layers = json_object_new_array();

	put_str(mb, "version", PACKAGE_VERSION);
	put_str(mb, "document", "snapio-journal");
	put_u64(mb, "format", MB_JOURNAL_FORMAT);
	json_object_object_add(doc, "migbench", mb);
	put_str(doc, "status", "running");
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
	put_i64(doc, "created_realtime_ns", mb_realtime_ns());
	json_object_put(j->doc);
	j->doc = doc;
	(void)err;
	(void)errlen;
	return 0;
}

static json_object *member(struct mb_journal *j, const char *key)
{
	json_object *v = NULL;

	json_object_object_get_ex(j->doc, key, &v);
	return v;
}

/* The members kept as arrays: json-c asserts (aborts) on an array
 * function given anything else, so a damaged journal is refused here. */
static bool arrays_intact(struct mb_journal *j)
{
	static const char *const keys[] = { "layers", "depths", "steps", "commands", "notes" };

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!json_object_is_type(member(j, keys[i]), json_type_array))
			return false;
	return true;
}

int mb_journal_load(struct mb_journal *j, struct mb_snapio_config *cfg, char *err, size_t errlen)
{
	json_object *doc = json_object_from_file(j->path), *mb, *fmt, *layers;

	if (!doc) {
		snprintf(err, errlen, "%s: %s", j->path, json_util_get_last_err());
		if (strchr(err, '\n'))
			*strchr(err, '\n') = '\0';
		return -1;
	}
	json_object_put(j->doc);
	j->doc = doc;
	if (!json_object_object_get_ex(doc, "migbench", &mb) ||
	    !json_object_object_get_ex(mb, "format", &fmt) ||
	    json_object_get_int(fmt) != MB_JOURNAL_FORMAT) {
		snprintf(err, errlen, "%s: not a migbench snapio journal of format %d", j->path,
			 MB_JOURNAL_FORMAT);
		return -1;
	}
	if (!arrays_intact(j) || config_read(member(j, "config"), cfg) || !(layers = member(j, "layers")) ||
	    json_object_array_length(layers) != cfg->layers + 1 ||
	    !cfg->layers || cfg->layers > 1000) {
		snprintf(err, errlen, "%s: damaged journal (config, layers or a list)", j->path);
		return -1;
	}
	return 0;
}

int mb_journal_save(struct mb_journal *j, char *err, size_t errlen)
{
	put_i64(j->doc, "saved_realtime_ns", mb_realtime_ns());
	return mb_outfile_write_json(j->path, j->doc, err, errlen);
}

json_object *mb_journal_layer(struct mb_journal *j, unsigned i)
{
	return json_object_array_get_idx(member(j, "layers"), i);
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
	put_bool(mb_journal_layer(j, i), key, v);
}

int mb_journal_get_manifest(struct mb_journal *j, unsigned i, struct mb_manifest *m)
{
	json_object *man;

	memset(m, 0, sizeof(*m));
	if (!json_object_object_get_ex(mb_journal_layer(j, i), "manifest", &man) ||
	    !json_object_is_type(man, json_type_object))
		return -1;
	json_object_object_foreach(man, name, hash) {
		if (mb_manifest_add(m, name, json_object_get_string(hash))) {
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
		put_str(man, m->e[k].name, m->e[k].sha256);
	json_object_object_add(mb_journal_layer(j, i), "manifest", man);
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
	c->n = (unsigned)get_u64(o, "n", &ok);
	c->to = (unsigned)get_u64(o, "to", &ok);
	c->file = (unsigned)get_u64(o, "file", &ok);
	return ok ? 0 : -1;
}

void mb_journal_set_cursor(struct mb_journal *j, const struct mb_snapio_cursor *c)
{
	json_object *o = json_object_new_object();

	put_str(o, "phase", mb_snapio_phase_name(c->phase));
	put_str(o, "step", mb_snapio_step_name(c->step));
	put_u64(o, "n", c->n);
	put_u64(o, "to", c->to);
	put_u64(o, "file", c->file);
	json_object_object_add(j->doc, "cursor", o);
}

void mb_journal_set_inflight(struct mb_journal *j, int64_t pid, const char *label)
{
	json_object *o = NULL;

	if (pid > 0) {
		o = json_object_new_object();
		put_i64(o, "pid", pid);
		put_str(o, "step", label);
	}
	json_object_object_add(j->doc, "inflight", o);
}

int64_t mb_journal_inflight(struct mb_journal *j)
{
	json_object *o = member(j, "inflight"), *pid;

	return o && json_object_object_get_ex(o, "pid", &pid) ? json_object_get_int64(pid) : 0;
}

/* ---------------------------------------------------------- records */

/* Program output as JSON text: at most keep bytes, NULs and invalid
 * UTF-8 left to json-c's escaping. */
static json_object *kept(const char *text, size_t len, size_t keep)
{
	return json_object_new_string_len(text ? text : "", (int)(len < keep ? len : keep));
}

json_object *mb_journal_command_record(const char *label, const char *path,
				       const char *const *argv, size_t argc,
				       const struct mb_agent_result *r, int status, const char *why)
{
	json_object *o = json_object_new_object(), *a = json_object_new_array();

	put_str(o, "step", label);
	put_str(o, "path", path);
	for (size_t i = 0; i < argc; i++)
		json_object_array_add(a, json_object_new_string(argv[i]));
	json_object_object_add(o, "argv", a);
	put_i64(o, "agent_status", status);
	if (why && *why)
		put_str(o, "agent_error", why);
	if (r && status == MB_AGENT_OK) {
		put_i64(o, "pid", r->pid);
		put_i64(o, "exitcode", r->exitcode);
		put_i64(o, "signal", r->signal);
		json_object_object_add(o, "stderr", kept(r->err, r->err_len, KEEP_STDERR));
		json_object_object_add(o, "stdout_head", kept(r->out, r->out_len, KEEP_STDOUT));
		put_u64(o, "stdout_bytes", r->out_len);
		put_i64(o, "duration_ns", r->duration_ns);
	}
	put_i64(o, "realtime_ns", mb_realtime_ns());
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
	json_object_array_add(member(j, "commands"), record);
}

void mb_journal_step(struct mb_journal *j, const char *label, int64_t started_realtime_ns,
		     int64_t duration_ns)
{
	json_object *o = json_object_new_object();

	put_str(o, "step", label);
	put_i64(o, "started_realtime_ns", started_realtime_ns);
	put_i64(o, "duration_ns", duration_ns);
	json_object_array_add(member(j, "steps"), o);
}

void mb_journal_note(struct mb_journal *j, const char *label, const char *text)
{
	json_object *o = json_object_new_object();

	put_str(o, "step", label);
	put_str(o, "note", text);
	put_i64(o, "realtime_ns", mb_realtime_ns());
	json_object_array_add(member(j, "notes"), o);
}

void mb_journal_set_status(struct mb_journal *j, const char *status, const char *label,
			   const char *reason)
{
	json_object *f = NULL;

	put_str(j->doc, "status", status);
	if (reason) {
		f = json_object_new_object();
		put_str(f, "step", label);
		put_str(f, "reason", reason);
		put_i64(f, "realtime_ns", mb_realtime_ns());
	}
	json_object_object_add(j->doc, "failure", f);
}

const char *mb_journal_status(struct mb_journal *j)
{
	json_object *v = member(j, "status");

	return v ? json_object_get_string(v) : "";
}

json_object *mb_journal_depth(struct mb_journal *j, unsigned d)
{
	json_object *arr = member(j, "depths"), *o, *v;
	size_t n = json_object_array_length(arr);

	for (size_t i = 0; i < n; i++) {
		o = json_object_array_get_idx(arr, i);
		if (json_object_object_get_ex(o, "depth", &v) && (unsigned)json_object_get_int(v) == d)
			return o;
	}
	o = json_object_new_object();
	put_u64(o, "depth", d);
	json_object_array_add(arr, o);
	return o;
}
