/* fio in the snapshot IO campaign: the default job (the seed's four
 * stonewalled 4 KiB direct libaio jobs) and the figures of fio's
 * --output-format=json.  Pure: text in, figures out. */
#ifndef MB_ANALYSIS_FIO_H
#define MB_ANALYSIS_FIO_H

#include <stddef.h>
#include <stdint.h>

struct mb_fio_job {
	char name[128];
	char rw[8];           /* "read", "write" or "mixed": the directions that did I/O */
	double iops;          /* read + write */
	double bw_bytes;      /* bytes per second, read + write */
	/* Completion latency (fio's clat_ns) of the direction that did more
	 * I/Os; negative when fio reported no such percentile. */
	double lat_p50_ns, lat_p99_ns, lat_mean_ns;
	uint64_t io_bytes;
	int error;            /* fio's own per-job error number, 0 if none */
};

struct mb_fio_result {
	struct mb_fio_job *jobs;
	size_t n;
	char version[32];     /* "fio-3.33" */
};

/* Parses fio's JSON output; anything before the first '{' (warnings fio
 * prints on stdout) is skipped.  Returns 0, or -1 with the reason in err
 * (not JSON, no "jobs" array, a job without its figures, a figure that
 * is not a finite number in [0, 4.6e18], an error that is not an errno). */
int mb_fio_parse(const char *text, struct mb_fio_result *r, char *err, size_t errlen);
void mb_fio_result_free(struct mb_fio_result *r);

/* The default job file: write, randwrite, read and randread of 4 KiB
 * blocks, direct, libaio, one after another (stonewall), on `filename`,
 * each stopping after size bytes or runtime, whichever comes first.
 * Returns a malloc'd text, NULL on out of memory. */
char *mb_fio_default_job(const char *filename, uint64_t size, int64_t runtime_ns);

/* The default job's names, in order. */
extern const char *const mb_fio_default_jobs[4];

#endif
