/* The libFuzzer entry point every harness in tests/fuzz/ defines, and the
 * two ways they hand input to a parser.  Built with clang's
 * -fsanitize=fuzzer by scripts/fuzz, or with replay.c's main() by make
 * check, which runs the committed corpus through each harness. */
#ifndef MB_FUZZ_H
#define MB_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input as a NUL-terminated string (a NUL inside ends it early, as it
 * would for a C caller); malloc'd, the caller frees.  Aborts when out of
 * memory: a harness has no other way to say so. */
char *mb_fuzz_string(const uint8_t *data, size_t size);

/* A scratch directory of this process, removed with what it holds at
 * exit. */
const char *mb_fuzz_dir(void);

/* The input written to mb_fuzz_dir()/NAME (the same path on every call
 * with NAME; valid until the next call); its path. */
const char *mb_fuzz_write(const char *name, const uint8_t *data, size_t size);

/* mb_fuzz_write("input", ...). */
const char *mb_fuzz_file(const uint8_t *data, size_t size);

#endif
