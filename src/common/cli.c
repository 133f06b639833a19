#include "config.h"

#include "src/common/cli.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/units.h"
#include "src/common/exitcode.h"
#include "src/common/problem.h"

/* getopt_long's val of table entry i; above every char, so that optopt
 * tells an unknown short option (its char) from a long one (0) and from a
 * long option given a value it does not take (its val). */
#define VAL_BASE 256
#define VAL_HELP (VAL_BASE + MB_CLI_MAX_OPTIONS)

int mb_cli_refuse(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	mb_vproblem(NULL, stderr, cmd, fmt, ap);
	va_end(ap);
	return MB_EXIT_USAGE;
}

int mb_cli_refuse_value(const char *cmd, const char *opt, const char *value, const char *why)
{
	/* Quoted: an empty value or one with blanks stays visible. */
	return mb_cli_refuse(cmd, "--%s '%s': %s", opt, value, why);
}

/* getopt's table from the command's, plus --help; -1 if it does not fit. */
static int build_table(const struct mb_cli_option *opts, struct option *lo)
{
	int n = 0;

	for (; opts[n].name; n++) {
		if (n == MB_CLI_MAX_OPTIONS)
			return -1;
		lo[n] = (struct option){ opts[n].name,
					 !opts[n].value ? no_argument :
					 opts[n].value == MB_CLI_VALUE_OPTIONAL ? optional_argument : required_argument,
					 NULL, VAL_BASE + n };
	}
	lo[n++] = (struct option){ "help", no_argument, NULL, VAL_HELP };
	lo[n] = (struct option){ NULL, 0, NULL, 0 };
	return 0;
}

/* Names an option by its table entry: the whole name, even when the
 * command line abbreviated it. */
static const char *val_name(const struct option *lo, int val)
{
	if (val == VAL_HELP)
		return "help";
	return val >= VAL_BASE && val < VAL_HELP ? lo[val - VAL_BASE].name : NULL;
}

/* Whether "--PREFIX" abbreviates more than one option ("--l": --late-after
 * and --lost-after); getopt_long says '?' to both that and an unknown one. */
static bool ambiguous(const struct option *lo, const char *arg)
{
	size_t n = strcspn(arg, "="), matches = 0;

	if (strncmp(arg, "--", 2) || n <= 2)
		return false;
	for (; lo->name; lo++)
		matches += !strncmp(lo->name, arg + 2, n - 2);
	return matches > 1;
}

/* After getopt_long returned '?' or ':' (opterr 0, optstring ":h"). */
static int getopt_refusal(const char *cmd, int c, const struct option *lo, char **argv)
{
	const char *arg = argv[optind - 1], *name = val_name(lo, optopt);

	if (c == ':' && name)
		return mb_cli_refuse(cmd, "option '--%s' needs a value", name);
	if (name)
		return mb_cli_refuse(cmd, "option '--%s' takes no value", name);
	if (optopt > 0 && optopt < VAL_BASE)
		return mb_cli_refuse(cmd, "unknown option '-%c' (try --help)", optopt);
	/* "--frob=1": the option is "--frob". */
	return mb_cli_refuse(cmd, "%s option '%.*s' (try --help)",
			     ambiguous(lo, arg) ? "ambiguous" : "unknown", (int)strcspn(arg, "="), arg);
}

static int check_operands(const struct mb_cli_command *c, int argc, char **argv, int *first)
{
	if (argc - optind > c->max_operands)
		return mb_cli_refuse(c->cmd, "unexpected argument '%s' (try --help)",
				     argv[optind + c->max_operands]);
	if (first)
		*first = optind;
	return 0;
}

/* getopt_long takes an optional value only as "--NAME=VALUE"; the next
 * argument is the value too unless it is an option (GNU getopt permutes
 * operands only when it is called again, so taking it here is safe). */
static const char *optional_value(const struct mb_cli_option *o, int argc, char **argv)
{
	if (optarg || o->value != MB_CLI_VALUE_OPTIONAL || optind >= argc || argv[optind][0] == '-')
		return optarg;
	return argv[optind++];
}

int mb_cli_parse(const struct mb_cli_command *c, void *ctx, int argc, char **argv, bool *help,
		 int *first_operand)
{
	struct option lo[MB_CLI_MAX_OPTIONS + 2];
	int ch, r;

	*help = false;
	if (build_table(c->options, lo)) {
		fprintf(stderr, "migbench: %s: more than %d options (a bug)\n", argv[0], MB_CLI_MAX_OPTIONS);
		return MB_EXIT_INTERNAL;
	}
	opterr = 0;
	optind = 0; /* 0, not 1: glibc then forgets any earlier parse entirely */
	/* Leading ':' makes a missing value ':' rather than '?'. */
	while ((ch = getopt_long(argc, argv, ":h", lo, NULL)) != -1) {
		if (ch == 'h' || ch == VAL_HELP) {
			c->usage(stdout);
			*help = true;
			return 0;
		}
		if (ch < VAL_BASE || ch >= VAL_HELP)
			return getopt_refusal(c->cmd, ch, lo, argv);
		r = c->apply(ctx, c->options[ch - VAL_BASE].id, optional_value(&c->options[ch - VAL_BASE], argc, argv));
		if (r)
			return r;
	}
	return check_operands(c, argc, argv, first_operand);
}

_Static_assert(MB_DURATION_MAX_NS == INT64_C(30) * 24 * 3600 * 1000000000,
	       "mb_cli_parse_duration's refusal names the limit: 30 days");

int mb_cli_parse_duration(const char *cmd, const char *opt, const char *value,
			  enum mb_cli_zero zero, int64_t *ns)
{
	int64_t v;
	int r = mb_parse_duration(value, &v);

	/* mb_parse_duration refuses negatives, so only zero is left to judge. */
	if (r == MB_DURATION_TOO_LONG)
		return mb_cli_refuse_value(cmd, opt, value, "longer than the maximum of 30 days");
	if (r)
		return mb_cli_refuse_value(cmd, opt, value, "not a duration like 500ms or 2s");
	if (v == 0 && zero == MB_CLI_ZERO_REFUSED)
		return mb_cli_refuse_value(cmd, opt, value, "must be longer than zero");
	*ns = v;
	return 0;
}

/* Digits only, at least one, and no more than fits a uint64_t.  strtoull
 * would take blanks, a sign (and wrap "-1" to 2^64-1) and a 0x prefix. */
static int scan_uint(const char *s, uint64_t *out)
{
	uint64_t v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || __builtin_mul_overflow(v, 10, &v) ||
		    __builtin_add_overflow(v, (uint64_t)(*s - '0'), &v))
			return -1;
	}
	*out = v;
	return 0;
}

int mb_cli_parse_uint(const char *cmd, const char *opt, const char *value,
		      uint64_t lo, uint64_t hi, uint64_t *out)
{
	uint64_t v;

	if (scan_uint(value, &v) || v < lo || v > hi) {
		char why[96];

		snprintf(why, sizeof(why), "not a whole number from %" PRIu64 " to %" PRIu64, lo, hi);
		return mb_cli_refuse_value(cmd, opt, value, why);
	}
	*out = v;
	return 0;
}

int mb_cli_parse_int_range(const char *cmd, const char *opt, const char *value,
			   int lo, int hi, int *out)
{
	uint64_t v;
	/* Every range in use starts at 0 or above: negatives are malformed. */
	uint64_t ulo = lo < 0 ? 0 : (uint64_t)lo, uhi = hi < 0 ? 0 : (uint64_t)hi;

	if (mb_cli_parse_uint(cmd, opt, value, ulo, uhi, &v))
		return MB_EXIT_USAGE;
	*out = (int)v;
	return 0;
}

int mb_cli_parse_number(const char *cmd, const char *opt, const char *value, double lo, double hi,
			double *out)
{
	char *end = NULL, why[96];
	double v;

	/* strtod alone would take blanks, a sign, hex, "inf" and "nan". */
	if (value[0] >= '0' && value[0] <= '9' && !strpbrk(value, "xXpP")) {
		v = strtod(value, &end);
		if (*end == '\0' && v >= lo && v <= hi) {
			*out = v;
			return 0;
		}
	}
	snprintf(why, sizeof(why), "not a number from %g to %g", lo, hi);
	return mb_cli_refuse_value(cmd, opt, value, why);
}
