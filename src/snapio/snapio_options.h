/* The command line of "migbench snapio": parsed and checked, nothing opened. */
#ifndef MB_SNAPIO_OPTIONS_H
#define MB_SNAPIO_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum mb_revert_route { MB_REVERT_AUTO, MB_REVERT_NATIVE, MB_REVERT_MANUAL };

struct mb_snapio_options {
	const char *host, *domain, *disk, *out_dir;
	const char *hosts_file, *connect_template;
	const char *guest_dir, *fio_job;
	int snapshots, files, repeat; /* int: what mb_cli_parse_int_range() fills */
	uint64_t file_size, fio_size;
	uint32_t delete_ppm;
	uint64_t seed;
	int64_t fio_runtime_ns, guest_timeout_ns, shutdown_timeout_ns, boot_timeout_ns;
	enum mb_revert_route revert;
	bool seed_set, resume, unwind, quiet;
	/* Which campaign-shaping options were given: --resume refuses them. */
	bool shape_given;
};

/* 0 ok (or --help printed: *help set), else MB_EXIT_USAGE with the reason
 * printed as one line on stderr. */
int mb_snapio_options_parse(int argc, char **argv, struct mb_snapio_options *o, bool *help);
void mb_snapio_usage(FILE *out);

#endif
