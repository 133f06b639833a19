/* Outage result -> text and JSON.  Formatting only: the figures themselves
 * come from analysis/outage.c. */
#include "config.h"

#include "src/probe/report_outage.h"

#include <inttypes.h>
#include <string.h>

#include "analysis/units.h"

enum mb_sample_status mb_sample_status(const struct mb_probe_sample *s,
				       const struct mb_outage_config *cfg)
{
	int64_t rtt;

	if (s->recv_ns < 0 || s->replies == 0)
		return MB_SAMPLE_LOST;
	rtt = s->recv_ns - s->sent_ns;
	if (rtt > cfg->lost_after_ns)
		return MB_SAMPLE_LOST;
	return rtt > cfg->late_after_ns ? MB_SAMPLE_LATE : MB_SAMPLE_OK;
}

const char *mb_sample_status_name(enum mb_sample_status st)
{
	switch (st) {
	case MB_SAMPLE_OK: return "ok";
	case MB_SAMPLE_LATE: return "late";
	case MB_SAMPLE_LOST: return "lost";
	}
	return "?";
}

void mb_report_continuity(size_t n_windows, char *buf, size_t len)
{
	if (n_windows == 0)
		snprintf(buf, len, "no outage");
	else if (n_windows == 1)
		snprintf(buf, len, "one window");
	else
		snprintf(buf, len, "%zu windows", n_windows);
}

int mb_report_csv_header(FILE *f)
{
	return fputs("seq,sent_ns,recv_ns,rtt_ns,status\n", f) < 0 ? -1 : 0;
}

int mb_report_csv_sample(FILE *f, const struct mb_probe_sample *s,
			 const struct mb_outage_config *cfg)
{
	const char *status = mb_sample_status_name(mb_sample_status(s, cfg));
	int n;

	if (s->recv_ns < 0)
		n = fprintf(f, "%" PRIu64 ",%" PRId64 ",,,%s\n", s->seq, s->sent_ns, status);
	else
		n = fprintf(f, "%" PRIu64 ",%" PRId64 ",%" PRId64 ",%" PRId64 ",%s\n", s->seq,
			    s->sent_ns, s->recv_ns, s->recv_ns - s->sent_ns, status);
	return n < 0 ? -1 : 0;
}

/* ---- text ------------------------------------------------------------- */

/* Several durations per line: a small ring of buffers. */
struct fmt {
	char buf[8][32];
	unsigned next;
};

static const char *dur(struct fmt *f, int64_t ns)
{
	char *b = f->buf[f->next++ % 8];
	mb_format_duration(ns, b, sizeof(f->buf[0]));
	return b;
}

static void text_window(FILE *out, struct fmt *f, const struct mb_outage_result *r, size_t i)
{
	const struct mb_outage_window *w = &r->windows[i];

	fprintf(out, "  window %zu: at +%s  estimate %s  bounds [%s, %s]  %" PRIu64 " lost%s%s\n",
		i + 1, dur(f, w->start_ns - r->first_sent_ns), dur(f, w->estimate_ns),
		dur(f, w->lower_ns), dur(f, w->upper_ns), w->lost,
		w->open_start ? "  (began before the first probe)" : "",
		w->open_end ? "  (lasted to the last probe)" : "");
}

void mb_report_outage_text(FILE *out, const struct mb_outage_result *r,
			   const struct mb_icmp_stats *icmp)
{
	struct fmt f = { .next = 0 };
	char cont[32];

	mb_report_continuity(r->n_windows, cont, sizeof(cont));
	fprintf(out, "probes:      %" PRIu64 " sent, %" PRIu64 " answered, %" PRIu64 " late, %"
		PRIu64 " lost\n", r->sent, r->answered, r->late, r->lost);
	fprintf(out, "downtime:    %s (resolution %s)\n", dur(&f, r->downtime_ns),
		dur(&f, r->resolution_ns));
	fprintf(out, "continuity:  %s\n", cont);
	for (size_t i = 0; i < r->n_windows; i++)
		text_window(out, &f, r, i);
	fprintf(out, "seed method 1 (lost x interval):      %s\n", dur(&f, r->seed_method1_ns));
	fprintf(out, "seed method 2 (duration x loss ratio): %s\n", dur(&f, r->seed_method2_ns));
	fprintf(out, "largest response gap: %s\n", dur(&f, r->max_response_gap_ns));
	if (r->answered)
		fprintf(out, "rtt:         min %s  mean %s  max %s\n", dur(&f, r->rtt_min_ns),
			dur(&f, r->rtt_mean_ns), dur(&f, r->rtt_max_ns));
	else
		fprintf(out, "rtt:         no replies\n");
	fprintf(out, "duplicates:  %" PRIu64 "  reordered: %" PRIu64, r->duplicates, r->reordered);
	if (icmp)
		fprintf(out, "  foreign: %" PRIu64, icmp->foreign);
	fputc('\n', out);
}

/* ---- JSON ------------------------------------------------------------- */

static void put_i64(struct json_object *o, const char *key, int64_t v)
{
	json_object_object_add(o, key, json_object_new_int64(v));
}

static void put_u64(struct json_object *o, const char *key, uint64_t v)
{
	json_object_object_add(o, key, json_object_new_uint64(v));
}

static struct json_object *prober_json(const struct mb_icmp_stats *st)
{
	struct json_object *o = json_object_new_object();

	if (!o)
		return NULL;
	json_object_object_add(o, "socket", json_object_new_string(mb_icmp_socket_name(st->socket_kind)));
	put_u64(o, "sent", st->sent);
	put_u64(o, "replies", st->replies);
	put_u64(o, "send_errors", st->send_errors);
	put_u64(o, "recv_errors", st->recv_errors);
	put_u64(o, "foreign", st->foreign);
	put_u64(o, "duplicates", st->duplicates);
	put_u64(o, "stale", st->stale);
	put_u64(o, "skipped", st->skipped);
	put_i64(o, "max_send_late_ns", st->max_send_late_ns);
	put_u64(o, "clock_steps", st->clock_steps);
	put_i64(o, "clock_offset_err_ns", st->clock_offset_err_ns);
	put_u64(o, "ring_slots", st->ring_slots);
	json_object_object_add(o, "rt_priority", json_object_new_int(st->rt_priority));
	return o;
}

struct json_object *mb_report_outage_figures(const struct mb_outage_result *r,
					     const struct mb_icmp_stats *icmp)
{
	struct json_object *o = json_object_new_object();
	char cont[32];

	if (!o)
		return NULL;
	mb_report_continuity(r->n_windows, cont, sizeof(cont));
	put_u64(o, "sent", r->sent);
	put_u64(o, "answered", r->answered);
	put_u64(o, "late", r->late);
	put_u64(o, "lost", r->lost);
	put_i64(o, "downtime_ns", r->downtime_ns);
	put_i64(o, "resolution_ns", r->resolution_ns);
	json_object_object_add(o, "continuity", json_object_new_string(cont));
	put_u64(o, "n_windows", r->n_windows);
	put_i64(o, "seed_method1_ns", r->seed_method1_ns);
	put_i64(o, "seed_method2_ns", r->seed_method2_ns);
	put_i64(o, "max_response_gap_ns", r->max_response_gap_ns);
	put_i64(o, "rtt_min_ns", r->rtt_min_ns);
	put_i64(o, "rtt_mean_ns", r->rtt_mean_ns);
	put_i64(o, "rtt_max_ns", r->rtt_max_ns);
	put_u64(o, "duplicates", r->duplicates);
	put_u64(o, "reordered", r->reordered);
	put_i64(o, "first_sent_ns", r->first_sent_ns);
	put_i64(o, "last_sent_ns", r->last_sent_ns);
	if (icmp) {
		put_u64(o, "foreign", icmp->foreign);
		json_object_object_add(o, "prober", prober_json(icmp));
	}
	return o;
}

static struct json_object *window_json(const struct mb_outage_result *r,
				       const struct mb_outage_window *w)
{
	struct json_object *o = json_object_new_object();

	if (!o)
		return NULL;
	put_u64(o, "first_seq", w->first_seq);
	put_u64(o, "last_seq", w->last_seq);
	put_u64(o, "lost", w->lost);
	put_i64(o, "start_offset_ns", w->start_ns - r->first_sent_ns);
	put_i64(o, "start_ns", w->start_ns);
	put_i64(o, "end_ns", w->end_ns);
	put_i64(o, "estimate_ns", w->estimate_ns);
	put_i64(o, "lower_ns", w->lower_ns);
	put_i64(o, "upper_ns", w->upper_ns);
	json_object_object_add(o, "open_start", json_object_new_boolean(w->open_start));
	json_object_object_add(o, "open_end", json_object_new_boolean(w->open_end));
	return o;
}

struct json_object *mb_report_outage_windows(const struct mb_outage_result *r)
{
	struct json_object *a = json_object_new_array();

	if (!a)
		return NULL;
	for (size_t i = 0; i < r->n_windows; i++)
		json_object_array_add(a, window_json(r, &r->windows[i]));
	return a;
}

void mb_report_problem(struct json_object *errors, FILE *err, const char *text)
{
	if (errors)
		json_object_array_add(errors, json_object_new_string(text));
	if (err)
		fprintf(err, "migbench: %s\n", text);
}

void mb_report_icmp_problems(const struct mb_icmp_stats *st, int64_t interval_ns,
			     struct json_object *errors, FILE *err)
{
	char msg[256], late[32], iv[32];

	if (st->send_errors) {
		snprintf(msg, sizeof(msg), "prober: %" PRIu64 " probes could not be sent (counted "
			 "as lost; last: %s)", st->send_errors, strerror(st->last_send_errno));
		mb_report_problem(errors, err, msg);
	}
	if (st->recv_errors) {
		snprintf(msg, sizeof(msg), "prober: %" PRIu64 " errors reported on the socket "
			 "(last: %s)", st->recv_errors, strerror(st->last_recv_errno));
		mb_report_problem(errors, err, msg);
	}
	if (st->skipped) {
		mb_format_duration(st->max_send_late_ns, late, sizeof(late));
		mb_format_duration(interval_ns, iv, sizeof(iv));
		snprintf(msg, sizeof(msg), "prober: the sender fell behind by up to %s: %" PRIu64
			 " send slots skipped, resolution coarser than %s meanwhile",
			 late, st->skipped, iv);
		mb_report_problem(errors, err, msg);
	}
	if (st->rt_errno) {
		snprintf(msg, sizeof(msg), "prober: realtime scheduling refused (%s): sends may "
			 "be late while the host is busy", strerror(st->rt_errno));
		mb_report_problem(errors, err, msg);
	}
	if (st->clock_steps) {
		snprintf(msg, sizeof(msg), "prober: CLOCK_REALTIME was stepped %" PRIu64 " times "
			 "during the run; replies around a step may be mistimed", st->clock_steps);
		mb_report_problem(errors, err, msg);
	}
	if (st->fatal_errno) {
		snprintf(msg, sizeof(msg), "prober: stopped early: %s", strerror(st->fatal_errno));
		mb_report_problem(errors, err, msg);
	}
}
