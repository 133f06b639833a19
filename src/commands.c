#include "src/commands.h"

#include <stddef.h>

const struct mb_command mb_commands[] = {
	{ "run", mb_cmd_run },
	{ "probe", mb_cmd_probe },
	{ "analyze", mb_cmd_analyze },
	{ "snapio", mb_cmd_snapio },
	{ "report", mb_cmd_report },
	{ NULL, NULL },
};
