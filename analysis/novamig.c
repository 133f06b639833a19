/* nova's migration table -> its rows (novamig.h). */
#include "analysis/novamig.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_CELLS 64

enum col {
	COL_ID, COL_UUID, COL_SRC_NODE, COL_DST_NODE, COL_SRC_COMPUTE, COL_DST_COMPUTE,
	COL_STATUS, COL_INSTANCE, COL_CREATED, COL_UPDATED, COL_TYPE, COL_N
};

struct cell {
	const char *p;
	size_t n;
};

struct mb_novamig {
	struct mb_novamig_info info;
	bool mapped;            /* a header with the required columns is in force */
	size_t cells;           /* its number of cells */
	int col[COL_N];         /* cell index of each column, -1 absent */
	struct mb_novamig_row *rows;
	size_t n, cap;
};

struct mb_novamig *mb_novamig_new(void)
{
	return calloc(1, sizeof(struct mb_novamig));
}

void mb_novamig_free(struct mb_novamig *p)
{
	if (!p)
		return;
	free(p->rows);
	free(p);
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* "| a | b |" into trimmed cells; false if not such a line. */
static bool split(const char *s, size_t len, struct cell *c, size_t *n)
{
	const char *p = s + 1, *end = s + len - 1;

	*n = 0;
	if (len < 2 || s[0] != '|' || s[len - 1] != '|')
		return false;
	while (p <= end) {
		const char *bar = memchr(p, '|', (size_t)(end - p) + 1), *a = p, *b = bar;

		if (*n == MAX_CELLS)
			return false;
		while (a < b && is_blank(*a))
			a++;
		while (b > a && is_blank(b[-1]))
			b--;
		c[(*n)++] = (struct cell){ a, (size_t)(b - a) };
		p = bar + 1;
	}
	return true;
}

static bool cell_is(const struct cell *c, const char *name)
{
	return strlen(name) == c->n && !strncasecmp(c->p, name, c->n);
}

/* A header: its cells name the columns.  Returns false if this is none. */
static bool header(struct mb_novamig *p, const struct cell *c, size_t n)
{
	static const struct {
		const char *name;
		enum col col;
	} names[] = {
		{ "Id", COL_ID }, { "UUID", COL_UUID }, { "Source Node", COL_SRC_NODE },
		{ "Dest Node", COL_DST_NODE }, { "Source Compute", COL_SRC_COMPUTE },
		{ "Dest Compute", COL_DST_COMPUTE }, { "Status", COL_STATUS },
		{ "Instance UUID", COL_INSTANCE }, { "Server UUID", COL_INSTANCE },
		{ "Created At", COL_CREATED }, { "Updated At", COL_UPDATED }, { "Type", COL_TYPE },
		{ "Migration Type", COL_TYPE },
	};
	int col[COL_N];
	bool any = false;

	for (int k = 0; k < COL_N; k++)
		col[k] = -1;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++)
			if (cell_is(&c[i], names[k].name) && col[names[k].col] < 0) {
				col[names[k].col] = (int)i;
				any = true;
			}
	if (!any || col[COL_STATUS] < 0 || col[COL_CREATED] < 0)
		return false;
	memcpy(p->col, col, sizeof(col));
	p->cells = n;
	p->mapped = col[COL_ID] >= 0 && col[COL_UPDATED] >= 0;
	return true;
}

static void put(char *dst, const struct cell *c)
{
	size_t n = c->n < MB_NOVAMIG_CELL - 1 ? c->n : MB_NOVAMIG_CELL - 1;

	memcpy(dst, c->p, n);
	dst[n] = '\0';
}

static void put_col(const struct mb_novamig *p, const struct cell *c, enum col k, char *dst)
{
	if (p->col[k] >= 0)
		put(dst, &c[p->col[k]]);
}

/* A time cell: "None", "-" or empty is no time; anything else must be one. */
static bool time_cell(const struct cell *c, struct mb_novatime *t)
{
	memset(t, 0, sizeof(*t));
	if (c->n == 0 || cell_is(c, "None") || cell_is(c, "-"))
		return true;
	return mb_novatime_parse(c->p, c->n, t) == c->n;
}

static int row(struct mb_novamig *p, const struct cell *c, uint64_t line)
{
	struct mb_novamig_row r;
	int64_t ns;

	memset(&r, 0, sizeof(r));
	if (!time_cell(&c[p->col[COL_CREATED]], &r.created) ||
	    !time_cell(&c[p->col[COL_UPDATED]], &r.updated) || c[p->col[COL_ID]].n == 0)
		return 1;
	r.line = line;
	put_col(p, c, COL_ID, r.id);
	put_col(p, c, COL_UUID, r.uuid);
	put_col(p, c, COL_SRC_NODE, r.source_node);
	put_col(p, c, COL_DST_NODE, r.dest_node);
	put_col(p, c, COL_SRC_COMPUTE, r.source_compute);
	put_col(p, c, COL_DST_COMPUTE, r.dest_compute);
	put_col(p, c, COL_STATUS, r.status);
	put_col(p, c, COL_INSTANCE, r.instance);
	put_col(p, c, COL_TYPE, r.type);
	r.duration_ns = mb_novatime_diff(&r.created, &r.updated, &ns) && ns >= 0 ? ns : -1;
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 16;
		void *v = realloc(p->rows, cap * sizeof(*p->rows));

		if (!v)
			return -1;
		p->rows = v;
		p->cap = cap;
	}
	p->rows[p->n++] = r;
	return 0;
}

static bool border(const char *s, size_t len)
{
	if (len < 2 || s[0] != '+')
		return false;
	for (size_t i = 0; i < len; i++)
		if (s[i] != '+' && s[i] != '-' && s[i] != '=')
			return false;
	return true;
}

static void keep(uint64_t *lines, uint64_t *count, uint64_t line)
{
	if (++*count <= MB_NOVAMIG_LINES_KEPT)
		lines[*count - 1] = line;
}

int mb_novamig_line(struct mb_novamig *p, const char *line, size_t len)
{
	struct mb_novamig_info *i = &p->info;
	struct cell c[MAX_CELLS];
	uint64_t no = ++i->lines;
	size_t n;
	int rc;

	while (len > 0 && is_blank(line[len - 1]))
		len--;
	while (len > 0 && is_blank(*line))
		line++, len--;
	if (len == 0) {
		i->blank++;
		return 0;
	}
	if (border(line, len)) {
		i->borders++;
		return 0;
	}
	if (len > MB_NOVAMIG_LINE_MAX || !split(line, len, c, &n)) {
		/* A "|" line that does not close: a row cut short. */
		if (line[0] == '|')
			keep(i->malformed_line, &i->malformed, no);
		else
			keep(i->foreign_line, &i->foreign, no);
		return 0;
	}
	if (header(p, c, n)) {
		i->headers++;
		/* A header without Id or Updated At maps nothing: its rows are malformed. */
		if (!p->mapped)
			keep(i->malformed_line, &i->malformed, no);
		return 0;
	}
	rc = p->mapped && n == p->cells ? row(p, c, no) : 1;
	if (rc < 0)
		return -1;
	if (rc)
		keep(i->malformed_line, &i->malformed, no);
	else
		i->rows++;
	return 0;
}

void mb_novamig_info(const struct mb_novamig *p, struct mb_novamig_info *out)
{
	*out = p->info;
}

size_t mb_novamig_count(const struct mb_novamig *p)
{
	return p->n;
}

const struct mb_novamig_row *mb_novamig_row(const struct mb_novamig *p, size_t i)
{
	return i < p->n ? &p->rows[i] : NULL;
}
