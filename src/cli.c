#include "config.h"

#include "src/cli.h"

#include <getopt.h>
#include <stdio.h>

#include "src/exitcode.h"

int mb_cli_getopt_error(char **argv)
{
	const char *culprit = argv[optind - 1];

	if (optopt)
		fprintf(stderr, "migbench: option '%s' needs a value\n", culprit);
	else
		fprintf(stderr, "migbench: unknown option '%s' (try --help)\n", culprit);
	return MB_EXIT_USAGE;
}
