/* Arena: chunks of memory released together; no per-object free. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "manrs/arena.h"
#include "core/asan.h"

#define CHUNK_MIN (64 * 1024)

struct chunk {
	struct chunk *next;
	size_t size, used;
	max_align_t data[];
};

struct mc_arena {
	struct chunk *head;
	size_t total;
};

static void
oom(void)
{
	fputs("manrs-check: out of memory\n", stderr);
	abort();
}

mc_arena *
mc_arena_new(void)
{
	mc_arena *a = calloc(1, sizeof(*a));

	if (a == NULL)
		oom();
	return a;
}

void
mc_arena_free(mc_arena *a)
{
	struct chunk *c, *n;

	if (a == NULL)
		return;
	for (c = a->head; c != NULL; c = n) {
		n = c->next;
		free(c);
	}
	free(a);
}

void
mc_arena_reset(mc_arena *a)
{
	struct chunk *c, *n;

	if (a == NULL || a->head == NULL)
		return;
#if defined(MC_ASAN)
	c = NULL;
#else
	c = a->head;	/* the newest, the biggest */
#endif
	for (n = a->head; n != NULL; ) {
		struct chunk *next = n->next;

		if (n != c)
			free(n);
		n = next;
	}
	a->head = c;
	a->total = 0;
	if (c != NULL) {
		c->next = NULL;
		c->used = 0;
		a->total = c->size;
	}
}

/* A new chunk for n bytes (a multiple of the alignment), made the head. */
static __attribute__((noinline)) void *
alloc_chunk(mc_arena *a, size_t n)
{
	size_t al = sizeof(max_align_t);
	size_t sz = n > CHUNK_MIN ? n : CHUNK_MIN;
	struct chunk *c;

	/* grow geometrically for big devices, in whole aligned units */
	if (a->head != NULL && sz < a->total / 4 &&
	    a->total / 4 < 16 * 1024 * 1024)
		sz = a->total / 4 / al * al;
	c = malloc(sizeof(*c) + sz);
	if (c == NULL)
		oom();
	c->size = sz;
	c->used = n;
	c->next = a->head;
	a->head = c;
	a->total += sz;
	return c->data;
}

void *
mc_alloc_nz(mc_arena *a, size_t n)
{
	struct chunk *c = a->head;
	size_t al = sizeof(max_align_t);
	void *p;

	/* small enough to inline: the common case is a bump */
	n = n == 0 ? al : (n + al - 1) / al * al;
	if (c == NULL || c->size - c->used < n)
		return alloc_chunk(a, n);
	p = (char *)c->data + c->used;
	c->used += n;
	return p;
}

void *
mc_alloc(mc_arena *a, size_t n)
{
	void *p = mc_alloc_nz(a, n);

	memset(p, 0, n);
	return p;
}

char *
mc_strndup(mc_arena *a, const char *s, size_t n)
{
	char *p = mc_alloc_nz(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
mc_strdup(mc_arena *a, const char *s)
{
	return s == NULL ? NULL : mc_strndup(a, s, strlen(s));
}

char *
mc_vprintf(mc_arena *a, const char *fmt, va_list ap)
{
	struct chunk *c = a->head;
	size_t al = sizeof(max_align_t), room;
	va_list cp;
	int n;
	char *p;
	char buf[512];

	/* Most messages fit in the newest chunk's free space: format them
	 * there and keep what was written (no copy). */
	if (c != NULL && (room = c->size - c->used) >= 256) {
		p = (char *)c->data + c->used;
		va_copy(cp, ap);
		n = mc_vsnprintf(p, room, fmt, cp);
		va_end(cp);
		if (n < 0)
			return mc_strdup(a, "");
		if ((size_t)n + 1 <= room / al * al) {
			c->used += ((size_t)n + 1 + al - 1) / al * al;
			return p;
		}
	} else {
		/* Else into the stack, then copied. */
		va_copy(cp, ap);
		n = mc_vsnprintf(buf, sizeof(buf), fmt, cp);
		va_end(cp);
		if (n < 0)
			return mc_strdup(a, "");
		if ((size_t)n < sizeof(buf))
			return mc_strndup(a, buf, (size_t)n);
	}
	p = mc_alloc_nz(a, (size_t)n + 1);
	mc_vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
mc_printf(mc_arena *a, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = mc_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

size_t
mc_arena_used(const mc_arena *a)
{
	return a->total;
}

void *
mc_vec_grow(mc_arena *a, void *v, size_t *cap, size_t elsize)
{
	/* Vectors of big elements (the engine's flows carry a whole route)
	 * usually hold one or two: start small. */
	size_t ncap = *cap ? *cap * 2 : elsize >= 256 ? 2 : 8;
	void *nv;

	if (ncap > SIZE_MAX / elsize)
		oom();
	/* Not zeroed: a vector's elements past n are never read (the engine
	 * grows vectors of 1 KB flows all the time). */
	nv = mc_alloc_nz(a, ncap * elsize);
	if (v != NULL)
		memcpy(nv, v, *cap * elsize);
	*cap = ncap;
	return nv;
}
