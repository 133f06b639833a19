/* Base64 (RFC 4648, standard alphabet, padded): the guest agent carries a
 * program's stdin, stdout and stderr in it.  Pure. */
#ifndef MB_ANALYSIS_BASE64_H
#define MB_ANALYSIS_BASE64_H

#include <stddef.h>

/* Length of the encoding of n bytes, without the terminating NUL. */
size_t mb_base64_encoded_len(size_t n);

/* Encodes n bytes into out, which must hold mb_base64_encoded_len(n) + 1
 * bytes; the result is NUL-terminated. */
void mb_base64_encode(const void *data, size_t n, char *out);

/* Decodes text (padding required when the length is not a multiple of 4;
 * whitespace is skipped, as in agents that wrap lines).  out must hold
 * at least strlen(text) / 4 * 3 + 3 bytes; *n gets the decoded length.
 * Returns 0, or -1 on a character outside the alphabet, bad padding or a
 * truncated group. */
int mb_base64_decode(const char *text, unsigned char *out, size_t *n);

#endif
