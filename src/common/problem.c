#include "config.h"

#include "src/common/problem.h"

void mb_vproblem(json_object *errors, FILE *err, const char *where, const char *fmt, va_list ap)
{
	char msg[1024];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (errors)
		json_object_array_add(errors, json_object_new_string(msg));
	if (err)
		fprintf(err, "migbench: %s%s%s\n", where ? where : "", where ? ": " : "", msg);
}

void mb_problem(json_object *errors, FILE *err, const char *where, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	mb_vproblem(errors, err, where, fmt, ap);
	va_end(ap);
}
