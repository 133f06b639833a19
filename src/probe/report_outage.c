/* Outage result -> text and JSON.  Formatting only: the figures themselves
 * come from analysis/outage.c. */
#include "config.h"

#include "src/probe/report_outage.h"
#include "src/common/problem.h"

#include <inttypes.h>
#include <string.h>

#include "analysis/units.h"
#include "src/common/json.h"

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
	const char *status = mb_probe_verdict_name(mb_outage_classify(cfg, s));
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

static void text_window(FILE *out, struct fmt *f, const struct mb_outage_result *r, size_t i,
			int64_t t0_ns)
{
	const struct mb_outage_window *w = &r->windows[i];

	fprintf(out, "  window %zu: at +%s  estimate %s  bounds [%s, %s]  %" PRIu64 " lost%s%s\n",
		i + 1, dur(f, w->start_ns - t0_ns), dur(f, w->estimate_ns),
		dur(f, w->lower_ns), dur(f, w->upper_ns), w->lost,
		w->open_start ? "  (began before the first probe)" : "",
		w->open_end ? "  (lasted to the last probe)" : "");
}

/* The sender: lateness p99 and max, skipped slots, the send clock. */
static void text_sender(FILE *out, struct fmt *f, const struct mb_icmp_stats *st)
{
	if (st->send_late.count)
		fprintf(out, "send late:   p99 %s  max %s  (%" PRIu64 " slots skipped)\n",
			dur(f, st->send_late.p99_ns), dur(f, st->send_late.max_ns), st->skipped);
	if (st->send_clock == MB_ICMP_SEND_USER)
		fprintf(out, "send times:  user space (the kernel gives no transmit stamps)\n");
	else
		fprintf(out, "send times:  kernel for %" PRIu64 " of %" PRIu64 " probes "
			"(kernel - user: p99 %s)\n", st->tx_stamped, st->sent,
			dur(f, st->tx_delay.p99_ns > 0 ? st->tx_delay.p99_ns : 0));
}

void mb_report_outage_text(FILE *out, const struct mb_outage_result *r,
			   const struct mb_icmp_stats *icmp, int64_t t0_ns)
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
		text_window(out, &f, r, i, t0_ns);
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
	if (icmp)
		text_sender(out, &f, icmp);
}

/* ---- JSON ------------------------------------------------------------- */

static struct json_object *dist_json(const struct mb_icmp_dist *d)
{
	struct json_object *o = json_object_new_object();

	mb_json_put_known(o, "p50_ns", d->p50_ns);
	mb_json_put_known(o, "p99_ns", d->p99_ns);
	mb_json_put_known(o, "p999_ns", d->p999_ns);
	mb_json_put_known(o, "max_ns", d->max_ns);
	return o;
}

/* Send lateness: the distribution and the slots not sent at all. */
static struct json_object *send_late_json(const struct mb_icmp_stats *st)
{
	struct json_object *o = dist_json(&st->send_late);

	mb_json_put_uint(o, "skipped_slots", st->skipped);
	return o;
}

/* Where the send times come from, and how far the kernel's were from the
 * clock read before send(). */
static struct json_object *send_time_json(const struct mb_icmp_stats *st)
{
	struct json_object *o = json_object_new_object();

	mb_json_put_str(o, "clock", mb_icmp_send_clock_name(st->send_clock));
	mb_json_put_uint(o, "kernel_stamped", st->tx_stamped);
	mb_json_put_uint(o, "missing", st->tx_missing);
	mb_json_put_uint(o, "duplicates", st->tx_duplicates);
	mb_json_put_uint(o, "unmatched", st->tx_unmatched);
	json_object_object_add(o, "kernel_minus_user", dist_json(&st->tx_delay));
	return o;
}

/* The PM QoS request (probes/cpulatency.h): held, or why not. */
static struct json_object *cpu_latency_json(const struct mb_icmp_stats *st)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "held", json_object_new_boolean(st->cpu_latency_held));
	json_object_object_add(o, "max_us", st->cpu_latency_held ? json_object_new_int(0) : NULL);
	mb_json_put_str(o, "error", st->cpu_latency_errno ? strerror(st->cpu_latency_errno) : NULL);
	return o;
}

static struct json_object *prober_json(const struct mb_icmp_stats *st)
{
	struct json_object *o;

	if (!st)
		return NULL;
	o = json_object_new_object();
	mb_json_put_str(o, "socket", mb_icmp_socket_name(st->socket_kind));
	mb_json_put_uint(o, "sent", st->sent);
	mb_json_put_uint(o, "replies", st->replies);
	mb_json_put_uint(o, "send_errors", st->send_errors);
	mb_json_put_uint(o, "recv_errors", st->recv_errors);
	mb_json_put_uint(o, "foreign", st->foreign);
	mb_json_put_uint(o, "duplicates", st->duplicates);
	mb_json_put_uint(o, "stale", st->stale);
	mb_json_put_uint(o, "skipped", st->skipped);
	mb_json_put_int(o, "max_send_late_ns", st->max_send_late_ns);
	json_object_object_add(o, "send_late", send_late_json(st));
	json_object_object_add(o, "send_time", send_time_json(st));
	mb_json_put_uint(o, "clock_steps", st->clock_steps);
	mb_json_put_int(o, "clock_offset_err_ns", st->clock_offset_err_ns);
	mb_json_put_uint(o, "ring_slots", st->ring_slots);
	mb_json_put_int(o, "rt_priority", st->rt_priority);
	json_object_object_add(o, "cpu_latency", cpu_latency_json(st));
	mb_json_put_known(o, "host_steal_ns", st->host_steal_ns);
	return o;
}

static struct json_object *window_json(const struct mb_outage_window *w, int64_t t0_ns)
{
	struct json_object *o = json_object_new_object();

	mb_json_put_uint(o, "first_seq", w->first_seq);
	mb_json_put_uint(o, "last_seq", w->last_seq);
	mb_json_put_uint(o, "lost", w->lost);
	mb_json_put_int(o, "start_offset_ns", w->start_ns - t0_ns);
	mb_json_put_int(o, "start_ns", w->start_ns);
	mb_json_put_int(o, "end_ns", w->end_ns);
	mb_json_put_int(o, "estimate_ns", w->estimate_ns);
	mb_json_put_int(o, "lower_ns", w->lower_ns);
	mb_json_put_int(o, "upper_ns", w->upper_ns);
	mb_json_put_bool(o, "open_start", w->open_start);
	mb_json_put_bool(o, "open_end", w->open_end);
	return o;
}

static struct json_object *windows_json(const struct mb_outage_result *r, int64_t t0_ns)
{
	struct json_object *a = json_object_new_array();

	for (size_t i = 0; i < r->n_windows; i++)
		json_object_array_add(a, window_json(&r->windows[i], t0_ns));
	return a;
}

struct json_object *mb_report_outage_json(const struct mb_outage_result *r,
					  const struct mb_icmp_stats *icmp, int64_t t0_ns)
{
	struct json_object *o = json_object_new_object();
	char cont[32];

	mb_report_continuity(r->n_windows, cont, sizeof(cont));
	mb_json_put_uint(o, "sent", r->sent);
	mb_json_put_uint(o, "answered", r->answered);
	mb_json_put_uint(o, "late", r->late);
	mb_json_put_uint(o, "lost", r->lost);
	mb_json_put_int(o, "downtime_ns", r->downtime_ns);
	mb_json_put_int(o, "resolution_ns", r->resolution_ns);
	mb_json_put_str(o, "continuity", cont);
	mb_json_put_uint(o, "n_windows", r->n_windows);
	mb_json_put_int(o, "seed_method1_ns", r->seed_method1_ns);
	mb_json_put_int(o, "seed_method2_ns", r->seed_method2_ns);
	mb_json_put_int(o, "max_response_gap_ns", r->max_response_gap_ns);
	/* No reply, no RTT: null rather than a 0 that reads as measured. */
	mb_json_put_known(o, "rtt_min_ns", r->answered ? r->rtt_min_ns : -1);
	mb_json_put_known(o, "rtt_mean_ns", r->answered ? r->rtt_mean_ns : -1);
	mb_json_put_known(o, "rtt_max_ns", r->answered ? r->rtt_max_ns : -1);
	mb_json_put_uint(o, "duplicates", r->duplicates);
	mb_json_put_uint(o, "reordered", r->reordered);
	mb_json_put_int(o, "first_sent_ns", r->first_sent_ns);
	mb_json_put_int(o, "last_sent_ns", r->last_sent_ns);
	json_object_object_add(o, "first_sent_offset_ns", r->sent ?
			       json_object_new_int64(r->first_sent_ns - t0_ns) : NULL);
	json_object_object_add(o, "windows", windows_json(r, t0_ns));
	json_object_object_add(o, "prober", prober_json(icmp));
	return o;
}

void mb_report_problem(struct json_object *errors, FILE *err, const char *text)
{
	mb_problem(errors, err, NULL, "%s", text);
}

void mb_report_icmp_problems(const struct mb_icmp_stats *st, int64_t interval_ns,
			     struct json_object *errors, FILE *err)
{
	char msg[400], late[32], iv[32];

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
		char stolen[32], steal[96] = "";

		mb_format_duration(st->max_send_late_ns, late, sizeof(late));
		mb_format_duration(interval_ns, iv, sizeof(iv));
		/* On a VM a SCHED_FIFO sender is held off mostly by the host. */
		if (st->host_steal_ns > 0) {
			mb_format_duration(st->host_steal_ns, stolen, sizeof(stolen));
			snprintf(steal, sizeof(steal), "; the host took %s of this machine's CPU time (steal)",
				 stolen);
		}
		snprintf(msg, sizeof(msg), "prober: the sender fell behind by up to %s: %" PRIu64
			 " send slots skipped, resolution coarser than %s meanwhile%s",
			 late, st->skipped, iv, steal);
		mb_report_problem(errors, err, msg);
	}
	if (st->rt_errno) {
		snprintf(msg, sizeof(msg), "prober: realtime scheduling refused (%s): sends may "
			 "be late while the host is busy", strerror(st->rt_errno));
		mb_report_problem(errors, err, msg);
	}
	if (st->send_clock == MB_ICMP_SEND_USER && st->sent) {
		snprintf(msg, sizeof(msg), "prober: the kernel gives no transmit timestamps here: "
			 "send times are read before send(), so a busy host can move a window's "
			 "bounds");
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
