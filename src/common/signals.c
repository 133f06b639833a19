#include "config.h"

#include "src/common/signals.h"

#include <signal.h>
#include <string.h>

static volatile sig_atomic_t received_signal;

static void on_signal(int sig)
{
	received_signal = sig;
}

void mb_signals_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

void mb_signals_ignore_sigpipe(void)
{
	signal(SIGPIPE, SIG_IGN);
}

bool mb_signal_pending(void)
{
	return received_signal != 0;
}

int mb_signal_number(void)
{
	return received_signal;
}
