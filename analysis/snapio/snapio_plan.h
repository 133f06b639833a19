/* The write plan of a snapshot IO campaign (migbench-snapio(1)): which
 * files each layer writes and which earlier files it deletes.
 *
 * Layer i (1..N) writes `files` new files and, before that, deletes each
 * still-present file of the earlier layers with probability
 * delete_ppm / 1e6, drawn from a splitmix64 stream seeded with `seed`.
 * Everything follows from the config: a resumed campaign recomputes the
 * same plan, and the journal records the seed so a run can be repeated.
 * Pure: no I/O. */
#ifndef MB_ANALYSIS_SNAPIO_PLAN_H
#define MB_ANALYSIS_SNAPIO_PLAN_H

#include <stddef.h>
#include <stdint.h>

#define MB_SNAPIO_MAX_LAYERS 200
#define MB_SNAPIO_MAX_FILES 10000

struct mb_snapio_plan_config {
	unsigned layers;      /* N, 1..MB_SNAPIO_MAX_LAYERS */
	unsigned files;       /* new files per layer, 0..MB_SNAPIO_MAX_FILES */
	uint64_t file_size;   /* bytes per file */
	uint32_t delete_ppm;  /* deletion probability in millionths, 0..1000000 */
	uint64_t seed;
};

/* A data file, by the layer that wrote it (1-based) and its index there
 * (0-based). */
struct mb_snapio_file {
	unsigned layer, index;
};

struct mb_snapio_plan;

/* NULL on a config out of range or out of memory. */
struct mb_snapio_plan *mb_snapio_plan_new(const struct mb_snapio_plan_config *cfg);
void mb_snapio_plan_free(struct mb_snapio_plan *p);

/* The files layer `layer` deletes, in (layer, index) order: fills up to
 * max entries of out and returns how many there are in all. */
size_t mb_snapio_plan_deleted(const struct mb_snapio_plan *p, unsigned layer,
			      struct mb_snapio_file *out, size_t max);

/* The data files present once layer `layer` is written (0: none), same
 * contract as above. */
size_t mb_snapio_plan_live(const struct mb_snapio_plan *p, unsigned layer,
			   struct mb_snapio_file *out, size_t max);

/* Largest number of data bytes present at once over the campaign. */
uint64_t mb_snapio_plan_peak_bytes(const struct mb_snapio_plan *p);

/* Names inside the campaign directory: "layer003-file0007.dat" and the
 * layer's tag file "TAG_layer003".  -1 if len is too small. */
int mb_snapio_file_name(const struct mb_snapio_file *f, char *buf, size_t len);
int mb_snapio_tag_name(unsigned layer, char *buf, size_t len);

/* The splitmix64 generator the plan draws from (exposed for tests). */
uint64_t mb_splitmix64(uint64_t *state);

#endif
