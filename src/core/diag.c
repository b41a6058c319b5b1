/* Input errors, collected per run; every one names its file and line. */
#include <stdarg.h>

#include "manrs/diag.h"

void
mc_diag_init(mc_diag *d, mc_arena *a)
{
	d->arena = a;
	d->errors.v = NULL;
	d->errors.n = d->errors.cap = 0;
}

void
mc_diag_error(mc_diag *d, const char *file, int line, const char *fmt, ...)
{
	mc_error e;
	va_list ap;

	va_start(ap, fmt);
	e.message = mc_vprintf(d->arena, fmt, ap);
	va_end(ap);
	e.file = mc_strdup(d->arena, file);
	e.line = line;
	mc_vec_push(d->arena, &d->errors, e);
}
