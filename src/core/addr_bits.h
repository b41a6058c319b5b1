/*
 * Addresses as two host-order 64-bit words: comparison and containment in
 * a few instructions instead of memcmp calls.  Internal to src/core.
 */
#ifndef MANRS_CORE_ADDR_BITS_H
#define MANRS_CORE_ADDR_BITS_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "manrs/prefix.h"

/* The address as two host-order words: comparisons and containment in a
 * few instructions instead of memcmp calls (they dominate the profile). */
static inline uint64_t
word(const uint8_t *a, int i)
{
	uint64_t w;

	memcpy(&w, a + 8 * i, sizeof(w));
	return __builtin_bswap64(w);
}

static inline int
addr_cmp(const uint8_t *x, const uint8_t *y)
{
	uint64_t a = word(x, 0), b = word(y, 0);

	if (a != b)
		return a < b ? -1 : 1;
	a = word(x, 1);
	b = word(y, 1);
	if (a != b)
		return a < b ? -1 : 1;
	return 0;
}

/* The first outer->len bits of inner are outer's (host bits of either
 * do not matter), same family, inner no shorter. */
static inline bool
contains(const mc_prefix *outer, const mc_prefix *inner)
{
	int l = outer->len;
	uint64_t m0, m1;

	if (outer->af != inner->af || inner->len < l)
		return false;
	m0 = l >= 64 ? ~(uint64_t)0 : l == 0 ? 0 : ~(uint64_t)0 << (64 - l);
	m1 = l <= 64 ? 0 : l >= 128 ? ~(uint64_t)0 : ~(uint64_t)0 << (128 - l);
	return ((word(outer->a, 0) ^ word(inner->a, 0)) & m0) == 0 &&
	    ((word(outer->a, 1) ^ word(inner->a, 1)) & m1) == 0;
}

/* Bit i of an address (0: the most significant), and setting it: the
 * compaction's sibling test runs them for every range. */
static inline int
bit_get(const mc_prefix *p, int i)
{
	return (p->a[i / 8] >> (7 - i % 8)) & 1;
}

static inline void
bit_set(mc_prefix *p, int i)
{
	p->a[i / 8] |= (uint8_t)(1u << (7 - i % 8));
}

#endif
