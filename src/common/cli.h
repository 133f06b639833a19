/* What every command says when it refuses its command line: getopt's
 * refusals, and option values that are malformed or out of range.  One
 * place, so that every command words a refusal the same way. */
#ifndef MB_CLI_H
#define MB_CLI_H

#include <stdint.h>

/* After getopt_long returned '?' (with opterr 0): names the culprit on
 * stderr, one line, and returns MB_EXIT_USAGE. */
int mb_cli_getopt_error(char **argv);

/* Refuses VALUE of option --OPT (OPT given without the dashes): one line
 * on stderr, "migbench: CMD: --OPT 'VALUE': WHY", and returns
 * MB_EXIT_USAGE.  CMD NULL leaves out "CMD: " (run and snapio, whose
 * messages never named the command). */
int mb_cli_refuse_value(const char *cmd, const char *opt, const char *value, const char *why);

/* Whether a duration option may be 0: for some, 0 means "none". */
enum mb_cli_zero { MB_CLI_ZERO_REFUSED, MB_CLI_ZERO_ALLOWED };

/* VALUE as mb_parse_duration reads it ("500ms", "2s") into *NS.  Returns 0,
 * or MB_EXIT_USAGE after mb_cli_refuse_value() (*NS may be overwritten). */
int mb_cli_parse_duration(const char *cmd, const char *opt, const char *value,
			  enum mb_cli_zero zero, int64_t *ns);

/* VALUE as a whole number from LO to HI into *OUT.  Returns 0, or
 * MB_EXIT_USAGE after mb_cli_refuse_value() (*OUT untouched). */
int mb_cli_parse_int_range(const char *cmd, const char *opt, const char *value,
			   int lo, int hi, int *out);

#endif
