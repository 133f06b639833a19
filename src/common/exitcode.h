/* Exit statuses of every migbench command: the one list, documented in
 * migbench(1).  Functions return these so main() can exit with them. */
#ifndef MB_EXITCODE_H
#define MB_EXITCODE_H

enum mb_exit {
	MB_EXIT_OK = 0,        /* measured */
	MB_EXIT_USAGE = 1,     /* bad command line or input */
	MB_EXIT_ENV = 2,       /* environment: permission, no such host/domain/interface */
	MB_EXIT_MIGRATION = 3, /* the migration failed or was aborted; figures still written */
	MB_EXIT_INTERNAL = 4,  /* a bug or resource exhaustion */
	MB_EXIT_NO_MIGRATION = 5, /* watch, run --trigger: no migration began within --timeout */
	MB_EXIT_TRIGGER = 6,   /* run --trigger: the program failed and no migration began */
};

#endif
