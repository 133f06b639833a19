/* The table `nova migration-list` and `openstack server migration list`
 * print, read back: per migration its nodes, status, instance, type and
 * its duration as nova's database has it (Updated At - Created At; the
 * seed write-up's awk '{print $24}', '{print $26}').
 *
 *   +----+------+-------------+-----------+-----+-----------+---------------+-----+----------------------------+----------------------------+----------------+
 *   | Id | UUID | Source Node | Dest Node | ... | Status    | Instance UUID | ... | Created At                 | Updated At                 | Type           |
 *   +----+------+-------------+-----------+-----+-----------+---------------+-----+----------------------------+----------------------------+----------------+
 *   | 12 | ...  | compute1    | compute2  | ... | completed | eebe068a-...  | ... | 2018-11-22T09:59:35.000000 | 2018-11-22T10:00:09.000000 | live-migration |
 *
 * Columns are found by their header name, in any order and number (the
 * clients' versions differ: "Server UUID" is openstack's "Instance UUID");
 * Id, Status, Created At and Updated At are required.  A second header
 * (two outputs in one file) maps the rows after it.  Times: novatime.h
 * (the API writes no zone; nova keeps UTC).
 *
 * Pure: the caller hands over one line at a time.  Lines: blank, border
 * ("+--+"), header, row; malformed (a "|" line that is no header and has
 * not the header's cells, or bad times, or a row before any header);
 * foreign (anything else).  The first few of each kept by line number. */
#ifndef MB_ANALYSIS_NOVAMIG_H
#define MB_ANALYSIS_NOVAMIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analysis/novatime.h"

#define MB_NOVAMIG_LINE_MAX 8192
#define MB_NOVAMIG_LINES_KEPT 5
#define MB_NOVAMIG_CELL 80

struct mb_novamig_row {
	uint64_t line;
	char id[MB_NOVAMIG_CELL], uuid[MB_NOVAMIG_CELL];
	char source_node[MB_NOVAMIG_CELL], dest_node[MB_NOVAMIG_CELL];
	char source_compute[MB_NOVAMIG_CELL], dest_compute[MB_NOVAMIG_CELL];
	char status[MB_NOVAMIG_CELL], instance[MB_NOVAMIG_CELL], type[MB_NOVAMIG_CELL];
	struct mb_novatime created, updated; /* set false: "None" or empty */
	int64_t duration_ns;                 /* updated - created, -1 unknown */
};

struct mb_novamig_info {
	uint64_t lines, blank, borders, headers, rows, malformed, foreign;
	uint64_t malformed_line[MB_NOVAMIG_LINES_KEPT], foreign_line[MB_NOVAMIG_LINES_KEPT];
};

struct mb_novamig; /* opaque */

struct mb_novamig *mb_novamig_new(void);
void mb_novamig_free(struct mb_novamig *p);
/* Returns 0, -1 out of memory. */
int mb_novamig_line(struct mb_novamig *p, const char *line, size_t len);
void mb_novamig_info(const struct mb_novamig *p, struct mb_novamig_info *out);
size_t mb_novamig_count(const struct mb_novamig *p);
const struct mb_novamig_row *mb_novamig_row(const struct mb_novamig *p, size_t i);

#endif
