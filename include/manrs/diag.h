/* Diagnostics: errors about input, always with file and line. */
#ifndef MANRS_DIAG_H
#define MANRS_DIAG_H

#include "manrs/arena.h"

typedef struct mc_error {
	const char *file;	/* NULL: not about a file (usage) */
	int line;		/* 0: the whole file */
	const char *message;
} mc_error;

typedef struct mc_diag {
	mc_arena *arena;
	MC_VEC(mc_error) errors;
} mc_diag;

void mc_diag_init(mc_diag *, mc_arena *);
void mc_diag_error(mc_diag *, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
