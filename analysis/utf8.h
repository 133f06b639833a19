/* Making bytes from elsewhere (a guest's output, a file) valid UTF-8, so a
 * result document stays valid JSON whatever a guest printed. */
#ifndef MB_ANALYSIS_UTF8_H
#define MB_ANALYSIS_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Length of the longest valid UTF-8 sequence starting at s (1 to 4), or 0
 * when s[0..n) does not start with one (RFC 3629: no overlongs, no
 * surrogates, nothing above U+10FFFF). */
size_t mb_utf8_seq_len(const unsigned char *s, size_t n);
bool mb_utf8_valid(const char *s, size_t n);
/* The buffer size mb_utf8_clean needs for n input bytes (each invalid byte
 * becomes the 3 bytes of U+FFFD, plus a terminating NUL). */
size_t mb_utf8_clean_size(size_t n);
/* Copies s[0..n) to out, each byte that starts no valid sequence replaced
 * by U+FFFD and NUL bytes by U+FFFD too (json-c strings are C strings to
 * many readers); NUL-terminates; returns the length written. */
size_t mb_utf8_clean(const char *s, size_t n, char *out, size_t cap);

#endif
