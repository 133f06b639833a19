/* migbench snapio: the snapshot IO campaign (see snapio.h). */
#include "config.h"

#include <stdio.h>

#include "src/commands.h"
#include "src/snapio/domxml.h"
#include "src/common/exitcode.h"
#include "src/common/signals.h"
#include "src/snapio/snapio.h"
#include "src/snapio/snapio_options.h"
#include "src/common/virt.h"

int mb_cmd_snapio(int argc, char **argv)
{
	struct mb_snapio_options opt;
	bool help;
	char err[1024];
	int status;

	status = mb_snapio_options_parse(argc, argv, &opt, &help);
	if (status || help)
		return status;
	mb_signals_install();
	mb_signals_ignore_sigpipe(); /* a dropped libvirt connection is an error, not death */
	mb_domxml_init();
	if (mb_virt_init(err, sizeof(err))) {
		fprintf(stderr, "migbench: %s\n", err);
		return MB_EXIT_INTERNAL;
	}
	return mb_snapio_main(&opt);
}
