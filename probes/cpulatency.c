/* A PM QoS CPU latency request held while probing.  See cpulatency.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <unistd.h>

#include "probes/cpulatency.h"

void mb_cpu_latency_hold(struct mb_cpu_latency *c, int max_us)
{
	int32_t value = max_us;
	ssize_t n;

	c->err = 0;
	c->held = false;
	c->fd = open(MB_CPU_LATENCY_DEV, O_WRONLY | O_CLOEXEC);
	if (c->fd < 0) {
		c->err = errno;
		return;
	}
	/* The request is the binary s32 (the kernel also takes hex text). */
	n = write(c->fd, &value, sizeof(value));
	if (n != (ssize_t)sizeof(value)) {
		c->err = n < 0 ? errno : EIO;
		close(c->fd);
		c->fd = -1;
		return;
	}
	c->held = true;
}

void mb_cpu_latency_release(struct mb_cpu_latency *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}
