/* The write plan of a snapshot IO campaign (snapio_plan.h). */
#include "analysis/snapio/snapio_plan.h"

#include <stdio.h>
#include <stdlib.h>

struct mb_snapio_plan {
	struct mb_snapio_plan_config cfg;
	/* deleted_at[(layer - 1) * files + index]: the layer that deletes the
	 * file, 0 if none does. */
	unsigned *deleted_at;
	uint64_t peak_bytes;
};

uint64_t mb_splitmix64(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned *slot(const struct mb_snapio_plan *p, unsigned layer, unsigned index)
{
	return &p->deleted_at[(size_t)(layer - 1) * p->cfg.files + index];
}

static int present_after(const struct mb_snapio_plan *p, unsigned layer, unsigned index,
			 unsigned after)
{
	unsigned d = *slot(p, layer, index);

	return layer <= after && (d == 0 || d > after);
}

/* One draw per file still present, in (layer, index) order. */
static void draw_deletions(struct mb_snapio_plan *p, unsigned layer, uint64_t *rng)
{
	for (unsigned l = 1; l < layer; l++)
		for (unsigned i = 0; i < p->cfg.files; i++) {
			if (!present_after(p, l, i, layer - 1))
				continue;
			if (mb_splitmix64(rng) % 1000000u < p->cfg.delete_ppm)
				*slot(p, l, i) = layer;
		}
}

static uint64_t live_count(const struct mb_snapio_plan *p, unsigned layer)
{
	uint64_t n = 0;

	for (unsigned l = 1; l <= layer; l++)
		for (unsigned i = 0; i < p->cfg.files; i++)
			n += (uint64_t)present_after(p, l, i, layer);
	return n;
}

struct mb_snapio_plan *mb_snapio_plan_new(const struct mb_snapio_plan_config *cfg)
{
	struct mb_snapio_plan *p;
	uint64_t rng;

	if (cfg->layers < 1 || cfg->layers > MB_SNAPIO_MAX_LAYERS ||
	    cfg->files > MB_SNAPIO_MAX_FILES || cfg->delete_ppm > 1000000)
		return NULL;
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->cfg = *cfg;
	p->deleted_at = calloc((size_t)cfg->layers * cfg->files + 1, sizeof(unsigned));
	if (!p->deleted_at) {
		free(p);
		return NULL;
	}
	rng = cfg->seed;
	for (unsigned layer = 1; layer <= cfg->layers; layer++) {
		uint64_t bytes;

		draw_deletions(p, layer, &rng);
		/* Deletions come before the new files: the peak is after them. */
		if (__builtin_mul_overflow(live_count(p, layer), cfg->file_size, &bytes))
			bytes = UINT64_MAX;
		if (bytes > p->peak_bytes)
			p->peak_bytes = bytes;
	}
	return p;
}

void mb_snapio_plan_free(struct mb_snapio_plan *p)
{
	if (!p)
		return;
	free(p->deleted_at);
	free(p);
}

static size_t collect(const struct mb_snapio_plan *p, unsigned layer, int want_deleted,
		      struct mb_snapio_file *out, size_t max)
{
	size_t n = 0;

	if (layer > p->cfg.layers)
		return 0;
	for (unsigned l = 1; l <= layer; l++)
		for (unsigned i = 0; i < p->cfg.files; i++) {
			int take = want_deleted ? *slot(p, l, i) == layer
						: present_after(p, l, i, layer);
			if (!take)
				continue;
			if (n < max)
				out[n] = (struct mb_snapio_file){ l, i };
			n++;
		}
	return n;
}

size_t mb_snapio_plan_deleted(const struct mb_snapio_plan *p, unsigned layer,
			      struct mb_snapio_file *out, size_t max)
{
	return layer == 0 ? 0 : collect(p, layer, 1, out, max);
}

size_t mb_snapio_plan_live(const struct mb_snapio_plan *p, unsigned layer,
			   struct mb_snapio_file *out, size_t max)
{
	return collect(p, layer, 0, out, max);
}

uint64_t mb_snapio_plan_peak_bytes(const struct mb_snapio_plan *p)
{
	return p->peak_bytes;
}

int mb_snapio_file_name(const struct mb_snapio_file *f, char *buf, size_t len)
{
	int n = snprintf(buf, len, "layer%03u-file%04u.dat", f->layer, f->index);

	return n < 0 || (size_t)n >= len ? -1 : 0;
}

int mb_snapio_tag_name(unsigned layer, char *buf, size_t len)
{
	int n = snprintf(buf, len, "TAG_layer%03u", layer);

	return n < 0 || (size_t)n >= len ? -1 : 0;
}
