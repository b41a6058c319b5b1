/* Arena allocation: one arena per device (or per run), freed at once. */
#ifndef MANRS_ARENA_H
#define MANRS_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct mc_arena mc_arena;

mc_arena *mc_arena_new(void);
void mc_arena_free(mc_arena *);
/* Forget everything allocated, keep one chunk for reuse (scratch space
 * used over and over).  Under AddressSanitizer it frees everything, so a
 * use after reset is still caught. */
void mc_arena_reset(mc_arena *);
/* Zeroed memory; aborts (clear message) only when the system is out of memory. */
void *mc_alloc(mc_arena *, size_t);
/* Not zeroed: for memory the caller fills at once (copies). */
void *mc_alloc_nz(mc_arena *, size_t);
char *mc_strndup(mc_arena *, const char *, size_t);
char *mc_strdup(mc_arena *, const char *);
char *mc_printf(mc_arena *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *mc_vprintf(mc_arena *, const char *fmt, va_list);
size_t mc_arena_used(const mc_arena *);
/* vsnprintf with the same bytes and result, faster on the plain
 * conversions messages use (core/fmt.c). */
int mc_vsnprintf(char *, size_t, const char *fmt, va_list);
int mc_snprintf(char *, size_t, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Growable arrays in an arena: MC_VEC(int) v = {0}; mc_vec_push(a, &v, 3); */
#define MC_VEC(T) struct { T *v; size_t n, cap; }
void *mc_vec_grow(mc_arena *, void *v, size_t *cap, size_t elsize);
#define mc_vec_push(a, vec, x)                                              \
	do {                                                                \
		if ((vec)->n == (vec)->cap)                                 \
			(vec)->v = mc_vec_grow((a), (vec)->v, &(vec)->cap,  \
			    sizeof(*(vec)->v));                             \
		(vec)->v[(vec)->n++] = (x);                                 \
	} while (0)

#endif
