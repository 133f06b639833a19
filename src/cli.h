/* What every command says when getopt_long refuses its command line. */
#ifndef MB_CLI_H
#define MB_CLI_H

/* After getopt_long returned '?' (with opterr 0): names the culprit on
 * stderr, one line, and returns MB_EXIT_USAGE. */
int mb_cli_getopt_error(char **argv);

#endif
