/* The command lines of every command: one option loop (a command gives a
 * table and a handler), one wording of every refusal, and the checked
 * parsers of option values.  One place, so that every command refuses the
 * same way: one line on stderr, "migbench: [CMD: ]what", exit status 1. */
#ifndef MB_CLI_H
#define MB_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* One option of a command, "--NAME" or "--NAME VALUE" (also "--NAME=VALUE",
 * or an unambiguous prefix of NAME, as getopt_long takes them). */
struct mb_cli_option {
	const char *name; /* without the dashes; NULL ends the table */
	/* false: no value; true: a value; MB_CLI_VALUE_OPTIONAL: the value
	 * may be left out ("--NAME" alone, handed over as NULL); given, it is
	 * "--NAME=VALUE", or "--NAME VALUE" when the next argument does not
	 * start with '-'. */
	int value;
	int id;           /* what the handler is given */
};

#define MB_CLI_VALUE_OPTIONAL 2

/* The most options a table may hold. */
#define MB_CLI_MAX_OPTIONS 62

struct mb_cli_command {
	const char *cmd; /* in refusals; NULL leaves out "CMD: " (run, snapio) */
	const struct mb_cli_option *options;
	/* One option, in command-line order: 0, or an exit status after one
	 * line on stderr.  value is NULL for an option without one. */
	int (*apply)(void *ctx, int id, const char *value);
	void (*usage)(FILE *out); /* the --help text */
	int max_operands;         /* arguments after the options (analyze: FILE) */
};

/* Parses argv (argv[0] the command's name) against c, handing each option
 * to c->apply(ctx, ...).  --help and -h (every command has them) print
 * c->usage on stdout and end the parse at once: 0 with *help set.
 * Otherwise 0 with argv[*first_operand] the first operand, if any (NULL
 * first_operand when max_operands is 0), or MB_EXIT_USAGE after one line on
 * stderr: an unknown option, a missing value, a value for an option that
 * takes none, more operands than c->max_operands, or what apply refused. */
int mb_cli_parse(const struct mb_cli_command *c, void *ctx, int argc, char **argv, bool *help,
		 int *first_operand);

/* VALUE as a decimal number (digits, one '.', an optional exponent)
 * from LO to HI into *OUT.  Returns 0, or MB_EXIT_USAGE after
 * mb_cli_refuse_value() (*OUT untouched). */
int mb_cli_parse_number(const char *cmd, const char *opt, const char *value, double lo, double hi,
			double *out);

/* A refusal of the command line: "migbench: [CMD: ]WHAT" with WHAT
 * printf-formatted, one line on stderr; returns MB_EXIT_USAGE. */
int mb_cli_refuse(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Refuses VALUE of option --OPT (OPT given without the dashes): one line
 * on stderr, "migbench: [CMD: ]--OPT 'VALUE': WHY", and returns
 * MB_EXIT_USAGE. */
int mb_cli_refuse_value(const char *cmd, const char *opt, const char *value, const char *why);

/* Whether a duration option may be 0: for some, 0 means "none". */
enum mb_cli_zero { MB_CLI_ZERO_REFUSED, MB_CLI_ZERO_ALLOWED };

/* VALUE as mb_parse_duration reads it ("500ms", "2s"), at most
 * MB_DURATION_MAX_NS (analysis/units.h), into *NS.  Returns 0, or
 * MB_EXIT_USAGE after mb_cli_refuse_value() (*NS untouched). */
int mb_cli_parse_duration(const char *cmd, const char *opt, const char *value,
			  enum mb_cli_zero zero, int64_t *ns);

/* VALUE as a whole number from LO to HI (0 <= LO <= HI) into *OUT, as
 * mb_cli_parse_uint() reads it.  Returns 0, or MB_EXIT_USAGE after
 * mb_cli_refuse_value() (*OUT untouched). */
int mb_cli_parse_int_range(const char *cmd, const char *opt, const char *value,
			   int lo, int hi, int *out);

/* VALUE as a whole number from LO to HI into *OUT: decimal digits only,
 * so a sign ("-1" would wrap in strtoull), blanks, a 0x prefix, trailing
 * text, an empty value and anything beyond HI (2^64 and up included) are
 * refused.  Returns 0, or MB_EXIT_USAGE after mb_cli_refuse_value()
 * (*OUT untouched). */
int mb_cli_parse_uint(const char *cmd, const char *opt, const char *value,
		      uint64_t lo, uint64_t hi, uint64_t *out);

#endif
