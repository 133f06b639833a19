/* Unit tests of probes/clock.c: the clock-step rule, the one sleep and
 * its rule about signals, the one masked thread start. */
#include "config.h"

#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/time.h>

#include <cmocka.h>

#include "probes/clock.h"

static void offset_noise_is_not_a_step(void **state)
{
	struct mb_clock_offset o = { .offset_ns = 1000000, .err_ns = 20 };

	(void)state;
	/* Within 1 us + 4 * (err + err0) = 1000 + 4 * 50: noise. */
	assert_false(mb_clock_offset_update(&o, 1000000 + 1200, 30));
	assert_false(mb_clock_offset_update(&o, 1000000 - 1200, 30));
	assert_int_equal(o.offset_ns, 1000000);
}

static void offset_step_is_adopted(void **state)
{
	struct mb_clock_offset o = { .offset_ns = 1000000, .err_ns = 20 };

	(void)state;
	assert_true(mb_clock_offset_update(&o, 1000000 + 1201, 30));
	assert_int_equal(o.offset_ns, 1000000 + 1201);
	/* Backwards (REALTIME stepped back) counts as well. */
	assert_true(mb_clock_offset_update(&o, -5000000000LL, 30));
	assert_int_equal(o.offset_ns, -5000000000LL);
}

static void offset_refresh_waits_its_period(void **state)
{
	struct mb_clock_offset o;
	int64_t now;

	(void)state;
	mb_clock_offset_init(&o);
	now = mb_now_ns();
	assert_true(o.next_check_ns > now && o.next_check_ns <= now + MB_CLOCK_OFFSET_REFRESH_NS);
	assert_true(o.err_ns >= 0);
	/* Not due: nothing measured, nothing moved. */
	assert_false(mb_clock_offset_refresh(&o, o.next_check_ns - 1));
	/* Due with the clocks unstepped: no step, next check a period on. */
	now = o.next_check_ns;
	assert_false(mb_clock_offset_refresh(&o, now));
	assert_int_equal(o.next_check_ns, now + MB_CLOCK_OFFSET_REFRESH_NS);
}

static void sleep_reaches_its_time(void **state)
{
	int64_t t0 = mb_now_ns();

	(void)state;
	assert_true(mb_sleep_ns(20000000));
	assert_true(mb_now_ns() - t0 >= 20000000);
	assert_true(mb_sleep_until_ns(t0)); /* in the past: at once */
	assert_true(mb_sleep_until_ns(-1));
	assert_true(mb_sleep_ns(0));
	assert_true(mb_sleep_ns(-5));
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* The rule: a handled signal ends the sleep, which is not resumed. */
static void signal_ends_sleep(void **state)
{
	struct sigaction sa;
	struct itimerval it = { .it_value = { .tv_sec = 0, .tv_usec = 50000 } };
	int64_t t0;
	bool reached;

	(void)state;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm; /* no SA_RESTART, as src/common/signals.c */
	sigemptyset(&sa.sa_mask);
	assert_int_equal(sigaction(SIGALRM, &sa, NULL), 0);
	t0 = mb_now_ns();
	assert_int_equal(setitimer(ITIMER_REAL, &it, NULL), 0);
	reached = mb_sleep_ns(5 * MB_NS_PER_S);
	assert_false(reached);
	assert_true(mb_now_ns() - t0 < 2 * MB_NS_PER_S);
	signal(SIGALRM, SIG_DFL);
}

static void *report_mask(void *arg)
{
	sigset_t *mask = arg;

	pthread_sigmask(SIG_BLOCK, NULL, mask);
	return NULL;
}

static void thread_starts_with_signals_blocked(void **state)
{
	sigset_t in_thread, before, after;
	pthread_t t;

	(void)state;
	pthread_sigmask(SIG_BLOCK, NULL, &before);
	assert_false(sigismember(&before, SIGINT));
	assert_int_equal(mb_thread_start(&t, report_mask, &in_thread), 0);
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_true(sigismember(&in_thread, SIGINT));
	assert_true(sigismember(&in_thread, SIGTERM));
	assert_true(sigismember(&in_thread, SIGALRM));
	/* The caller's own mask is as it was. */
	pthread_sigmask(SIG_BLOCK, NULL, &after);
	assert_false(sigismember(&after, SIGINT));
	assert_false(sigismember(&after, SIGTERM));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(offset_noise_is_not_a_step),
		cmocka_unit_test(offset_step_is_adopted),
		cmocka_unit_test(offset_refresh_waits_its_period),
		cmocka_unit_test(sleep_reaches_its_time),
		cmocka_unit_test(signal_ends_sleep),
		cmocka_unit_test(thread_starts_with_signals_blocked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
