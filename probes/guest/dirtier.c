/* migbench-dirtier: dirty guest memory at a steady, known rate.
 *
 * Live migration cost depends on how fast the guest dirties pages, so the
 * lab needs a workload whose dirty rate is a parameter, not an accident.
 * We touch a working set once, then write one byte per 4 KiB page at
 * RATE MiB/s worth of pages, paced against absolute CLOCK_MONOTONIC
 * deadlines so sleeping jitter does not accumulate into rate error.
 * Linked statically: it runs in the busybox initramfs of the lab guest. */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "probes/clock.h" /* header only: fine in a static guest binary */

#define PROG "migbench-dirtier"
/* The migration code tracks dirtiness per 4 KiB guest page (x86). */
#define PAGE_BYTES 4096u
#define PAGES_PER_MIB 256u
/* 10 ms slices: fine enough for a smooth rate, coarse enough that the
 * sleep overhead stays negligible even under TCG. */
#define SLICE_NS 10000000LL
/* With rate 0 we check the clock and the stop flag after this many pages. */
#define BURST_PAGES 4096u
/* If we fall this many slices behind (guest paused, CPU starved) we drop
 * the backlog instead of bursting to catch up: a burst would distort the
 * very dirty rate the test is trying to hold. */
#define MAX_LAG_SLICES 10
/* Keeps page counts (rate x time) far from the limits of a uint64_t. */
#define MAX_RATE_MIB 1048576.0
/* Keeps the end deadline in nanoseconds far from int64 overflow. */
#define MAX_DURATION_S (366.0 * 86400)

static volatile sig_atomic_t stop_requested;

struct options {
	uint64_t size_mib;
	double rate_mib;	/* 0: as fast as possible */
	double duration_s;	/* 0: until SIGTERM/SIGINT */
};

struct workset {
	unsigned char *base;
	uint64_t pages;
	uint64_t cursor;	/* next page to dirty */
	uint64_t seq;		/* source of the varying byte value */
	uint64_t dirtied;
};

static void on_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static void usage(FILE *out)
{
	fprintf(out, "usage: " PROG " --size MIB --rate MIB_PER_S [--duration SECONDS]\n");
}

/* Parses a whole non-negative decimal number; false on junk or overflow. */
static int parse_u64(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (s == NULL || *s < '0' || *s > '9')
		return 0;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return 0;
	*out = v;
	return 1;
}

/* Parses a finite, non-negative decimal number (fractions allowed). */
static int parse_nonneg(const char *s, double *out)
{
	char *end;
	double v;

	if (s == NULL || *s == '\0' || *s == '-' || *s == '+')
		return 0;
	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || *end != '\0' || !isfinite(v) || v < 0)
		return 0;
	*out = v;
	return 1;
}

static int fail(const char *what, const char *why)
{
	fprintf(stderr, PROG ": %s: %s\n", what, why);
	return 0;
}

/* Fills *o from argv; on error prints one line and returns 0. */
static int parse_args(int argc, char **argv, struct options *o)
{
	int have_size = 0, have_rate = 0;

	memset(o, 0, sizeof(*o));
	for (int i = 1; i < argc; i++) {
		const char *opt = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(opt, "--help") == 0 || strcmp(opt, "-h") == 0) {
			usage(stdout);
			exit(0);
		} else if (strcmp(opt, "--size") == 0) {
			if (!parse_u64(val, &o->size_mib) || o->size_mib == 0)
				return fail("--size", "expected a whole number of MiB > 0");
			have_size = 1;
		} else if (strcmp(opt, "--rate") == 0) {
			if (!parse_nonneg(val, &o->rate_mib) || o->rate_mib > MAX_RATE_MIB)
				return fail("--rate", "expected MiB/s from 0 (as fast as possible) to 1048576");
			have_rate = 1;
		} else if (strcmp(opt, "--duration") == 0) {
			if (!parse_nonneg(val, &o->duration_s) || o->duration_s == 0 ||
			    o->duration_s > MAX_DURATION_S)
				return fail("--duration", "expected seconds > 0 (at most a year)");
		} else {
			return fail(opt, "unknown argument (see --help)");
		}
		i++;
	}
	if (!have_size || !have_rate)
		return fail(have_size ? "--rate" : "--size", "is required");
	/* Keep byte counts and page indexes well inside 64 bits. */
	if (o->size_mib > (SIZE_MAX >> 21))
		return fail("--size", "too large for this machine");
	return 1;
}

/* Pages that should have been dirtied by the end of slice number n
 * (counting from 0) at pages_per_s. Cumulative, so rounding never drifts. */
static uint64_t pages_due(double pages_per_s, uint64_t n)
{
	return (uint64_t)(pages_per_s * (double)n * SLICE_NS / MB_NS_PER_S);
}

/* The byte written next: never 0, so a dirtied page never turns back into
 * a zero page that migration could send for free. */
static unsigned char next_value(uint64_t seq)
{
	return (unsigned char)(seq % 255u + 1u);
}

/* MemAvailable in MiB, or UINT64_MAX when /proc/meminfo says nothing. */
static uint64_t mem_available_mib(void)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[128];
	unsigned long long kib;
	uint64_t mib = UINT64_MAX;

	if (f == NULL)
		return mib;
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "MemAvailable: %llu kB", &kib) == 1)
			mib = kib / 1024;
	fclose(f);
	return mib;
}

/* Maps and touches the working set, so every page is really resident
 * before the timed part starts. */
static int workset_init(struct workset *w, uint64_t size_mib)
{
	size_t bytes = (size_t)size_mib << 20;
	uint64_t avail = mem_available_mib();
	char why[96];

	/* Fail with a reason now rather than be OOM-killed halfway. */
	if (size_mib > avail) {
		snprintf(why, sizeof(why), "only %" PRIu64 " MiB available", avail);
		return fail("--size", why);
	}
	w->base = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (w->base == MAP_FAILED)
		return fail("allocating the working set", strerror(errno));
	w->pages = size_mib * PAGES_PER_MIB;
	w->cursor = w->seq = w->dirtied = 0;
	for (uint64_t p = 0; p < w->pages; p++)
		w->base[p * PAGE_BYTES] = next_value(w->seq++);
	return 1;
}

/* Writes one byte into each of the next n pages, round robin. */
static void dirty_pages(struct workset *w, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++) {
		w->base[w->cursor * PAGE_BYTES] = next_value(w->seq++);
		if (++w->cursor == w->pages)
			w->cursor = 0;
	}
	w->dirtied += n;
}

static int expired(int64_t end)
{
	return stop_requested || (end != 0 && mb_now_ns() >= end);
}

/* Rate 0: dirty flat out, looking up only to check for the end. */
static void run_flat_out(struct workset *w, int64_t end)
{
	while (!expired(end))
		dirty_pages(w, BURST_PAGES);
}

/* Sleeps until the absolute deadline (or the end); EINTR means a stop
 * signal, which the caller sees through the flag. */
static void sleep_until(int64_t deadline, int64_t end)
{
	struct timespec t;

	if (end != 0 && end < deadline)
		deadline = end;
	t = mb_ns_ts(deadline);
	while (!stop_requested &&
	       clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL) == EINTR)
		;
}

/* Paced: slice n owes pages_due(n + 1) - pages_due(n) pages. */
static void run_paced(struct workset *w, double pages_per_s, int64_t t0, int64_t end)
{
	uint64_t n = 0, now_slice;

	while (!expired(end)) {
		dirty_pages(w, pages_due(pages_per_s, n + 1) - pages_due(pages_per_s, n));
		n++;
		now_slice = (uint64_t)((mb_now_ns() - t0) / SLICE_NS);
		if (now_slice > n + MAX_LAG_SLICES)
			n = now_slice;	/* drop the backlog, see MAX_LAG_SLICES */
		sleep_until(t0 + (int64_t)n * SLICE_NS, end);
	}
}

static void install_handlers(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;	/* no SA_RESTART: interrupt the sleep */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
}

int main(int argc, char **argv)
{
	struct options o;
	struct workset w;
	int64_t t0, end;
	double secs;

	if (!parse_args(argc, argv, &o))
		return 1;
	install_handlers();
	if (!workset_init(&w, o.size_mib))
		return 1;
	t0 = mb_now_ns();
	end = o.duration_s > 0 ? t0 + (int64_t)(o.duration_s * MB_NS_PER_S) : 0;
	if (o.rate_mib == 0)
		run_flat_out(&w, end);
	else
		run_paced(&w, o.rate_mib * PAGES_PER_MIB, t0, end);
	secs = (double)(mb_now_ns() - t0) / MB_NS_PER_S;
	printf("dirtied=%" PRIu64 " pages seconds=%.3f rate=%.2f MiB/s\n", w.dirtied,
	       secs, secs > 0 ? (double)w.dirtied / PAGES_PER_MIB / secs : 0.0);
	return fflush(stdout) == 0 ? 0 : 1;
}
