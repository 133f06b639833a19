#include "config.h"

#include "src/common/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "analysis/units.h"
#include "src/common/exitcode.h"

int mb_cli_getopt_error(char **argv)
{
	const char *culprit = argv[optind - 1];

	if (optopt)
		fprintf(stderr, "migbench: option '%s' needs a value\n", culprit);
	else
		fprintf(stderr, "migbench: unknown option '%s' (try --help)\n", culprit);
	return MB_EXIT_USAGE;
}

int mb_cli_refuse_value(const char *cmd, const char *opt, const char *value, const char *why)
{
	/* Quoted: an empty value or one with blanks stays visible. */
	fprintf(stderr, "migbench: %s%s--%s '%s': %s\n", cmd ? cmd : "", cmd ? ": " : "", opt,
		value, why);
	return MB_EXIT_USAGE;
}

int mb_cli_parse_duration(const char *cmd, const char *opt, const char *value,
			  enum mb_cli_zero zero, int64_t *ns)
{
	/* mb_parse_duration refuses negatives, so only zero is left to judge. */
	if (mb_parse_duration(value, ns))
		return mb_cli_refuse_value(cmd, opt, value, "not a duration like 500ms or 2s");
	if (*ns == 0 && zero == MB_CLI_ZERO_REFUSED)
		return mb_cli_refuse_value(cmd, opt, value, "must be longer than zero");
	return 0;
}

int mb_cli_parse_int_range(const char *cmd, const char *opt, const char *value,
			   int lo, int hi, int *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(value, &end, 10);
	/* errno: out of long's range, which is out of [lo, hi] too. */
	if (end == value || *end || errno || n < lo || n > hi) {
		char why[64];

		snprintf(why, sizeof(why), "not a whole number from %d to %d", lo, hi);
		return mb_cli_refuse_value(cmd, opt, value, why);
	}
	*out = (int)n;
	return 0;
}
