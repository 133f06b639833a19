/* outage_inject: cut a link's egress for given lengths of time and say
 * exactly when, on CLOCK_MONOTONIC, so a test can compare what migbench
 * measured with what happened.
 *
 *   outage_inject DEVICE WAIT_MS:LEN_MS [WAIT_MS:LEN_MS ...]
 *
 * For each pair: wait WAIT_MS after the previous outage ended (or after
 * start), drop everything DEVICE sends for LEN_MS, then restore it.  Prints
 * one line per outage:
 *
 *   outage N LEN_NS APPLY_BEFORE APPLY_AFTER REMOVE_BEFORE REMOVE_AFTER
 *
 * with CLOCK_MONOTONIC ns read just before sending each netlink request and
 * just after its acknowledgement: the change took effect in between.
 *
 * Mechanism: a "blackhole" root qdisc, added and deleted over rtnetlink
 * with libnl (raw RTM_NEWQDISC/RTM_DELQDISC messages: libnl-route 3.7's
 * qdisc object for "blackhole" hits a BUG() because the kind has no
 * options).  Unlike taking the link down, it leaves the link, its
 * routes and its ARP entries alone: taking a veth down flushes neighbours
 * on both sides and routes on its own, and bringing it up goes through
 * linkwatch and a new ARP exchange, so the end of the outage would lag the
 * recorded time by an unknown amount.  A qdisc swap is effective when the
 * kernel acknowledges it.
 *
 * The helper runs SCHED_FIFO (if allowed) so that the before/after brackets
 * stay tight on a busy host. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <net/if.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>

#include "probes/clock.h"

#define NS_PER_MS 1000000LL
#define MAX_OUTAGES 64

struct outage {
	int64_t wait_ns, len_ns;
	int64_t apply_before, apply_after, remove_before, remove_after;
};

struct injector {
	struct nl_sock *sk;
	int ifindex;
	const char *dev;
};

#define QDISC_HANDLE 0x01d00000u /* 1d0: */

static void sleep_until(int64_t t)
{
	struct timespec ts = mb_ns_ts(t);
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
		;
}

static int parse_schedule(int n, char **args, struct outage *o)
{
	for (int i = 0; i < n; i++) {
		long long w, l;
		char tail;
		if (sscanf(args[i], "%lld:%lld%c", &w, &l, &tail) != 2 || w < 0 || l <= 0) {
			fprintf(stderr, "outage_inject: %s: expected WAIT_MS:LEN_MS\n", args[i]);
			return -1;
		}
		o[i] = (struct outage){ .wait_ns = w * NS_PER_MS, .len_ns = l * NS_PER_MS };
	}
	return 0;
}

static int open_injector(struct injector *in, const char *dev)
{
	unsigned ifindex = if_nametoindex(dev);
	int err;

	in->dev = dev;
	if (!ifindex) {
		fprintf(stderr, "outage_inject: %s: %s\n", dev, strerror(errno));
		return -1;
	}
	in->ifindex = (int)ifindex;
	in->sk = nl_socket_alloc();
	if (!in->sk) {
		fprintf(stderr, "outage_inject: %s\n", strerror(ENOMEM));
		return -1;
	}
	if ((err = nl_connect(in->sk, NETLINK_ROUTE)) < 0) {
		fprintf(stderr, "outage_inject: netlink: %s\n", nl_geterror(err));
		return -1;
	}
	return 0;
}

/* The root blackhole qdisc request: RTM_NEWQDISC or RTM_DELQDISC. */
static struct nl_msg *qdisc_msg(const struct injector *in, int type, int flags)
{
	struct tcmsg tcm = {
		.tcm_family = AF_UNSPEC,
		.tcm_ifindex = in->ifindex,
		.tcm_handle = QDISC_HANDLE,
		.tcm_parent = TC_H_ROOT,
	};
	struct nl_msg *msg = nlmsg_alloc_simple(type, flags);

	if (msg && (nlmsg_append(msg, &tcm, sizeof(tcm), NLMSG_ALIGNTO) < 0 ||
		    nla_put_string(msg, TCA_KIND, "blackhole") < 0)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return msg;
}

/* Sends the request and waits for the kernel's ack, bracketed by clock
 * reads; the message is built before the first read. */
static int timed_request(struct injector *in, int type, int flags, const char *what,
			 int64_t *before, int64_t *after)
{
	struct nl_msg *msg = qdisc_msg(in, type, flags);
	int err;

	if (!msg) {
		fprintf(stderr, "outage_inject: %s\n", strerror(ENOMEM));
		return -1;
	}
	*before = mb_now_ns();
	err = nl_send_sync(in->sk, msg); /* frees msg */
	*after = mb_now_ns();
	if (err < 0)
		fprintf(stderr, "outage_inject: %s: %s blackhole qdisc: %s\n", in->dev, what,
			nl_geterror(err));
	return err < 0 ? -1 : 0;
}

static int cut(struct injector *in, struct outage *o)
{
	return timed_request(in, RTM_NEWQDISC, NLM_F_CREATE | NLM_F_REPLACE, "add",
			     &o->apply_before, &o->apply_after);
}

static int restore(struct injector *in, struct outage *o)
{
	return timed_request(in, RTM_DELQDISC, 0, "delete", &o->remove_before, &o->remove_after);
}

static int run(struct injector *in, struct outage *o, int n)
{
	int64_t t = mb_now_ns();

	for (int i = 0; i < n; i++) {
		sleep_until(t + o[i].wait_ns);
		if (cut(in, &o[i]) < 0)
			return -1;
		sleep_until(o[i].apply_after + o[i].len_ns);
		if (restore(in, &o[i]) < 0)
			return -1;
		t = o[i].remove_after;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct outage o[MAX_OUTAGES];
	struct injector in = { 0 };
	struct sched_param sp = { .sched_priority = 20 };
	int n = argc - 2, rc = 1;

	if (argc < 3 || n > MAX_OUTAGES) {
		fprintf(stderr, "usage: outage_inject DEVICE WAIT_MS:LEN_MS [WAIT_MS:LEN_MS ...]\n");
		return 2;
	}
	if (parse_schedule(n, argv + 2, o) < 0 || open_injector(&in, argv[1]) < 0)
		goto out;
	if (sched_setscheduler(0, SCHED_FIFO, &sp) < 0)
		fprintf(stderr, "outage_inject: SCHED_FIFO: %s (timing brackets may widen)\n", strerror(errno));
	if (run(&in, o, n) < 0) {
		struct outage dummy;
		restore(&in, &dummy); /* never leave the link cut */
		goto out;
	}
	for (int i = 0; i < n; i++)
		printf("outage %d %" PRId64 " %" PRId64 " %" PRId64 " %" PRId64 " %" PRId64 "\n", i + 1,
		       o[i].len_ns, o[i].apply_before, o[i].apply_after, o[i].remove_before,
		       o[i].remove_after);
	rc = 0;
out:
	if (in.sk)
		nl_socket_free(in.sk);
	return rc;
}
