/* placeholder until the command lands */
#include <stdio.h>
#include "src/commands.h"
#include "src/exitcode.h"
int mb_cmd_run(int argc, char **argv)
{
	(void)argc; (void)argv;
	fprintf(stderr, "migbench: run: not built yet\n");
	return MB_EXIT_INTERNAL;
}
