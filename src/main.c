/* migbench: command dispatch.  Each command lives in its own cmd_*.c. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "src/commands.h"
#include "src/common/exitcode.h"

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: migbench [run] --src HOST --dst HOST [OPTIONS]\n"
		"       migbench [run] --src HOST --dst HOST | --hosts A,B,... --runs N [--sweep KEY=V1,V2] --out DIR\n"
		"       migbench run --resume DIR\n"
		"       migbench report DIR | FILE.json\n"
		"       migbench probe --target ADDR [--duration D] [OPTIONS]\n"
		"       migbench analyze FILE.pcap | --live IFACE | --ping-log FILE [OPTIONS]\n"
		"       migbench snapio --host HOST --domain NAME --disk TARGET --snapshots N [OPTIONS]\n"
		"       migbench --help | --version\n"
		"See migbench(1).\n");
}

int main(int argc, char **argv)
{
	/* A refusal is one line, like every other; --help shows the usage. */
	if (argc < 2) {
		fprintf(stderr, "migbench: no command given (try --help)\n");
		return MB_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return MB_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("migbench %s\n", PACKAGE_VERSION);
		return MB_EXIT_OK;
	}
	for (const struct mb_command *c = mb_commands; c->name; c++)
		if (!strcmp(argv[1], c->name))
			return c->run(argc - 1, argv + 1);
	if (argv[1][0] == '-')	/* "run" may be omitted */
		return mb_cmd_run(argc, argv);
	fprintf(stderr, "migbench: unknown command '%s' (try --help)\n", argv[1]);
	return MB_EXIT_USAGE;
}
