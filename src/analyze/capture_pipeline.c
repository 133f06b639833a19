#include "config.h"

#include "src/analyze/capture_pipeline.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "src/common/exitcode.h"
#include "src/common/outfile.h"

/* A numeric address or a name, to an address and its numeric text. */
static int resolve(const char *text, struct mb_ip_addr *out, char *numeric, size_t nlen,
		   char *err, size_t errlen)
{
	struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM };
	struct addrinfo *res = NULL;
	int rc;

	if (mb_ip_addr_parse(text, out) == 0) {
		snprintf(numeric, nlen, "%s", text);
		return 0;
	}
	rc = getaddrinfo(text, NULL, &hints, &res);
	if (rc || !res) {
		snprintf(err, errlen, "%s: %s", text, rc == EAI_SYSTEM ? strerror(errno) : gai_strerror(rc));
		return -1;
	}
	memset(out, 0, sizeof(*out));
	if (res->ai_family == AF_INET) {
		out->family = 4;
		memcpy(out->bytes, &((const struct sockaddr_in *)(const void *)res->ai_addr)->sin_addr, 4);
	} else {
		out->family = 6;
		memcpy(out->bytes, &((const struct sockaddr_in6 *)(const void *)res->ai_addr)->sin6_addr, 16);
	}
	inet_ntop(res->ai_family, out->bytes, numeric, (socklen_t)nlen);
	freeaddrinfo(res);
	return 0;
}

static int check_iface(const char *opt, const char *iface, char *err, size_t errlen)
{
	char why[512];

	if (mb_netlink_iface_check(iface, why, sizeof(why)) == 0)
		return 0;
	snprintf(err, errlen, "%s%s", opt, why);
	return MB_EXIT_ENV;
}

/* --iface, else the interface of the kernel's route to the destination. */
static int pick_iface(struct mb_capture_pipeline *p, const struct mb_capture_request *rq,
		      char *err, size_t errlen)
{
	struct mb_ip_addr dst;
	char numeric[64], why[512];

	if (rq->iface) {
		const char *opt = rq->iface_option ? rq->iface_option : "--iface";
		char prefix[32];

		snprintf(p->iface, sizeof(p->iface), "%s", rq->iface);
		snprintf(p->iface_source, sizeof(p->iface_source), "%s", opt);
		snprintf(prefix, sizeof(prefix), "%s ", opt);
		return check_iface(prefix, p->iface, err, errlen);
	}
	if (!rq->dst_addr) {
		snprintf(err, errlen, "capture: no destination address to find the interface by (give --iface)");
		return MB_EXIT_ENV;
	}
	if (resolve(rq->dst_addr, &dst, numeric, sizeof(numeric), why, sizeof(why)) ||
	    mb_netlink_route_iface(&dst, p->iface, sizeof(p->iface), why, sizeof(why))) {
		snprintf(err, errlen, "capture: destination %s (give --iface)", why);
		return MB_EXIT_ENV;
	}
	snprintf(p->iface_source, sizeof(p->iface_source), "route to %s", numeric);
	return check_iface("capture: ", p->iface, err, errlen);
}

/* The source address decides the direction; without one, the ports do. */
static void pick_source(struct mb_capture_pipeline *p, const struct mb_capture_request *rq,
			struct mb_ip_addr *src)
{
	char why[512];

	memset(src, 0, sizeof(*src));
	if (!rq->src_addr) {
		snprintf(p->src_addr_source, sizeof(p->src_addr_source), "no source address: by ports");
		return;
	}
	if (resolve(rq->src_addr, src, p->src_addr, sizeof(p->src_addr), why, sizeof(why))) {
		memset(src, 0, sizeof(*src));
		p->src_addr[0] = '\0';
		snprintf(p->src_addr_source, sizeof(p->src_addr_source), "source %.100s: by ports", why);
		return;
	}
	snprintf(p->src_addr_source, sizeof(p->src_addr_source), "%s",
		 rq->src_addr_source ? rq->src_addr_source : "given");
}

static int exit_of(int rc)
{
	return rc == -ENOMEM ? MB_EXIT_INTERNAL : MB_EXIT_ENV;
}

int mb_capture_pipeline_open(struct mb_capture_pipeline *p, const struct mb_capture_request *rq,
			     char *err, size_t errlen)
{
	struct mb_capture_config cfg = {
		.match = { .port_lo = rq->port_lo, .port_hi = rq->port_hi },
		.origin_ns = rq->origin_ns, .bin_ns = rq->bin_ns,
	};
	char why[512];
	int r;

	memset(p, 0, sizeof(*p));
	if ((r = pick_iface(p, rq, err, errlen)))
		return r;
	pick_source(p, rq, &cfg.match.src);
	/* Read before the capture opens: its promiscuous mode changes what a
	 * bridge counts. */
	p->have_before = mb_netlink_link_counters(p->iface, &p->before, why, sizeof(why)) == 0;
	r = mb_capture_open_live(&p->cap, p->iface, &cfg, err, errlen);
	return r ? exit_of(r) : 0;
}

int mb_capture_pipeline_start(struct mb_capture_pipeline *p, char *err, size_t errlen)
{
	int r = mb_capture_start(p->cap, err, errlen);

	if (r)
		return exit_of(r);
	p->running = true;
	return 0;
}

int mb_capture_pipeline_stop(struct mb_capture_pipeline *p, char *err, size_t errlen)
{
	struct mb_link_counters after;

	if (!p->cap || p->stopped)
		return 0;
	mb_capture_stop(p->cap);
	mb_capture_stats(p->cap, &p->st);
	p->stopped = true;
	p->running = false;
	if (!p->have_before)
		return 0;
	if (mb_netlink_link_counters(p->iface, &after, err, errlen))
		return -1;
	mb_link_counters_delta(&p->before, &after, &p->delta);
	p->have_delta = true;
	return 0;
}

void mb_capture_pipeline_view(const struct mb_capture_pipeline *p, struct mb_volume_view *v)
{
	memset(v, 0, sizeof(*v));
	v->hv_data_processed = v->hv_memory_processed = -1;
	if (!p->cap || !p->stopped) {
		v->not_captured = "capture not run";
		return;
	}
	v->vol = mb_capture_volume(p->cap);
	v->cap = &p->st;
	v->iface_source = p->iface_source;
	v->src_addr = p->src_addr[0] ? p->src_addr : NULL;
	v->src_addr_source = p->src_addr_source;
	v->link_iface = p->iface;
	v->link = p->have_delta ? &p->delta : NULL;
}

int mb_capture_pipeline_write_bins(const struct mb_capture_pipeline *p, const char *path,
				   int64_t t0_ns, char *err, size_t errlen)
{
	struct mb_outstream *s;

	if (mb_outstream_open(&s, path, err, errlen))
		return -1;
	if (mb_report_volume_bins_csv(mb_outstream_file(s), mb_capture_volume(p->cap), t0_ns)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		mb_outstream_abort(s);
		return -1;
	}
	return mb_outstream_commit(s, err, errlen);
}

void mb_capture_pipeline_free(struct mb_capture_pipeline *p)
{
	mb_capture_free(p->cap);
	memset(p, 0, sizeof(*p));
}
