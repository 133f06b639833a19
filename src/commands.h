/* The subcommands.  Each gets argv with argv[0] set to its own name. */
#ifndef MB_COMMANDS_H
#define MB_COMMANDS_H

struct mb_command {
	const char *name;
	int (*run)(int argc, char **argv);
};

int mb_cmd_run(int argc, char **argv);
int mb_cmd_probe(int argc, char **argv);
int mb_cmd_analyze(int argc, char **argv);
int mb_cmd_snapio(int argc, char **argv);
int mb_cmd_report(int argc, char **argv);

extern const struct mb_command mb_commands[];

#endif
