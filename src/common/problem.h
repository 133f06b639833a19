/* The one way a problem is told: one line "migbench: [WHERE: ]WHAT" on
 * stderr, and the same WHAT in a result document's errors array. */
#ifndef MB_COMMON_PROBLEM_H
#define MB_COMMON_PROBLEM_H

#include <stdarg.h>
#include <stdio.h>

#include <json-c/json.h>

/* errors, err and where may each be NULL (no array, not printed, no
 * prefix). */
void mb_problem(json_object *errors, FILE *err, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void mb_vproblem(json_object *errors, FILE *err, const char *where, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

#endif
