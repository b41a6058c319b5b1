/* IP prefixes (v4 and v6) and prefix-range sets: the algebra filters need. */
#ifndef MANRS_PREFIX_H
#define MANRS_PREFIX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "manrs/arena.h"

#define MC_AF4 4
#define MC_AF6 6
#define MC_PREFIX_STRLEN 52

typedef struct mc_prefix {
	uint8_t af;	/* MC_AF4 or MC_AF6 */
	uint8_t len;	/* 0..32 or 0..128 */
	uint8_t a[16];	/* network order; host bits always zero */
} mc_prefix;

static inline int mc_af_bits(int af) { return af == MC_AF6 ? 128 : 32; }

/* "192.0.2.0/24", "2001:db8::/32"; without "/len" a host prefix.  The text
 * need not be NUL-terminated.  Host bits are cleared unless strict is set,
 * in which case set host bits make the parse fail. */
bool mc_prefix_parse(const char *s, size_t n, mc_prefix *out);
bool mc_prefix_parse_strict(const char *s, size_t n, mc_prefix *out);
/* The common "a.b.c.d/len" (octets without leading zeros, a length of one
 * or two digits) read from s as far as it goes: where it stopped, or NULL
 * when the text is not of that form.  What it ends on is the caller's to
 * check; text of that form parses alike with mc_prefix_parse. */
const char *mc_prefix4_span(const char *s, const char *end, bool strict,
    mc_prefix *out);
/* A bare address "192.0.2.1" or "2001:db8::1" (host prefix). */
bool mc_addr_parse(const char *s, size_t n, mc_prefix *out);
/* IOS style "10.0.0.0 255.0.0.0" (netmask) -> prefix length, -1 if not contiguous. */
int mc_netmask_len(const mc_prefix *mask);
/* IOS wildcard "0.0.0.255" -> prefix length, -1 if not contiguous. */
int mc_wildcard_len(const mc_prefix *wild);
void mc_prefix_clear_host(mc_prefix *);
int mc_prefix_bit(const mc_prefix *, int i);
void mc_prefix_set_bit(mc_prefix *, int i, int v);
/* Writes "a.b.c.d/len" into buf (MC_PREFIX_STRLEN bytes); returns buf. */
char *mc_prefix_fmt(const mc_prefix *, char *buf);
/* Address only, without "/len". */
char *mc_addr_fmt(const mc_prefix *, char *buf);
const char *mc_prefix_str(mc_arena *, const mc_prefix *);
/* inner lies within outer (same family, inner->len >= outer->len, bits equal). */
bool mc_prefix_contains(const mc_prefix *outer, const mc_prefix *inner);
bool mc_prefix_eq(const mc_prefix *, const mc_prefix *);
int mc_prefix_cmp(const mc_prefix *, const mc_prefix *);
/* p truncated to len bits (len <= p->len). */
mc_prefix mc_prefix_trunc(const mc_prefix *p, int len);

/*
 * A prefix range: every prefix q with q within p and lo <= q.len <= hi.
 * Normalised so that p.len <= lo <= hi <= family bits; otherwise empty.
 * IOS "10.0.0.0/8 le 32" is {10/8, 8, 32}; BIRD "10.0.0.0/8{16,24}" is
 * {10/8, 16, 24}; Junos "upto /24" is {p, p.len, 24}.
 */
typedef struct mc_range {
	mc_prefix p;
	uint8_t lo, hi;
} mc_range;

/* Build a normalised range; returns false when it is empty. */
bool mc_range_make(const mc_prefix *p, int lo, int hi, mc_range *out);
bool mc_range_has(const mc_range *, const mc_prefix *q);

/* A finite union of ranges.  Operations never lose precision; when a set
 * would grow beyond MC_RANGESET_MAX ranges it stops growing and sets
 * `overflow`, and callers must report the analysis as approximate. */
#define MC_RANGESET_MAX 200000
typedef struct mc_rangeset {
	mc_range *v;
	size_t n, cap;
	bool overflow;
	uint64_t fp[2];	/* mc_rs_freeze: content hash; 0 when not frozen */
	bool wit_any;	/* frozen: mc_rs_witness's answer, computed once */
	bool sorted;	/* frozen: in range order (every sweep asks) */
	mc_prefix wit;
	uint8_t win[2][2];	/* frozen: mc_rs_windows */
} mc_rangeset;

void mc_rs_add(mc_arena *, mc_rangeset *, const mc_range *);
/* mc_rs_add of n ranges stride bytes apart (a field of callers' structs,
 * a prefix list's entries): one call for them all. */
void mc_rs_add_strided(mc_arena *, mc_rangeset *, const mc_range *first,
    size_t n, size_t stride);
/* Room for more ranges without growing (a new array: s's may be shared). */
void mc_rs_reserve(mc_arena *, mc_rangeset *, size_t more);
mc_rangeset mc_rs_universe(mc_arena *, int af); /* af 0: both families */
mc_rangeset mc_rs_single(mc_arena *, const mc_prefix *); /* exactly one prefix */
mc_rangeset mc_rs_copy(mc_arena *, const mc_rangeset *);
mc_rangeset mc_rs_intersect(mc_arena *, const mc_rangeset *, const mc_rangeset *);
mc_rangeset mc_rs_subtract(mc_arena *, const mc_rangeset *, const mc_rangeset *);
mc_rangeset mc_rs_union(mc_arena *, const mc_rangeset *, const mc_rangeset *);
/* Appends y's ranges to *x without compacting (many unions in a loop:
 * append each, then mc_rs_compact once; pairwise unions are quadratic). */
void mc_rs_append(mc_arena *, mc_rangeset *x, const mc_rangeset *y);
/* Whether the result is where compaction stops: compacting it again would
 * not change it (false only for a big set cut short). */
bool mc_rs_compact(mc_arena *, mc_rangeset *);
/* mc_rs_intersect, where fixed (NULL, or one of x and y) is a set
 * mc_rs_compact left as it said: an intersection that is all of fixed is
 * fixed's ranges, without compacting them again.  When a frozen other side
 * holds each of fixed's ranges whole, the result shares fixed's array
 * (cap == n: an add copies it first), which must outlive it. */
mc_rangeset mc_rs_intersect_fixed(mc_arena *, const mc_rangeset *x,
    const mc_rangeset *y, const mc_rangeset *fixed);
/* Ranges ordered by family, address, length, then window. */
int mc_range_cmp(const mc_range *, const mc_range *);
bool mc_rs_empty(const mc_rangeset *);
bool mc_rs_has(const mc_rangeset *, const mc_prefix *);
/* Two independent 64-bit hashes of the ranges (as stored). */
void mc_rs_hash(const mc_rangeset *, uint64_t *h1, uint64_t *h2);
/* Record the hash in fp and the witness: the set is promised never to
 * change again (query targets and cached results, used many times).
 * Changing operations clear fp. */
void mc_rs_freeze(mc_rangeset *);
/* Per family (0 IPv4, 1 IPv6) the shortest and the longest length any of
 * the set's ranges admits; {255, 0} when it has none of that family.  Two
 * sets whose windows do not meet in either family have nothing in common
 * (a flow of /25s to /32s and a list of /24s and shorter). */
void mc_rs_windows(const mc_rangeset *, uint8_t win[2][2]);
bool mc_rs_windows_meet(const uint8_t a[2][2], const uint8_t b[2][2]);
/* A member of the set, preferring the shortest prefix; false when empty. */
bool mc_rs_witness(const mc_rangeset *, mc_prefix *out);
/* Addresses the prefixes of the set's ranges in family af cover, whatever
 * the lengths, in /32s (IPv4) or /64s (IPv6), saturating: how much space
 * a filter lets through. */
uint64_t mc_rs_space(mc_arena *, const mc_rangeset *, int af);
/* A set in range order, with the prefix lengths it holds: many one-range
 * intersections with it (a route's prefix against a list, once per
 * evaluation) by binary search instead of a scan of the whole set. */
typedef struct mc_rs_index {
	mc_rangeset s;		/* in range order; shares the array when it was */
	uint64_t lens[2][3];	/* [IPv4, IPv6]: bit L, a range of length L */
	/* mc_rs_index_parents: for each range, the nearest one before it
	 * whose prefix holds its own; NULL until then. */
	uint32_t *parent;
} mc_rs_index;
/* The set must not change while the index is used. */
void mc_rs_index_build(mc_arena *, const mc_rangeset *, mc_rs_index *);
/* {x} ∩ the indexed set: the same set as mc_rs_intersect, with x's
 * overflow flag given. */
mc_rangeset mc_rs_index_isect(mc_arena *, const mc_range *x, bool overflow,
    const mc_rs_index *);
/* Adds the parents to an index (once; false: the set is too big). */
bool mc_rs_index_parents(mc_arena *, mc_rs_index *);
/* x ∩ the indexed set, which has its parents: the same set as
 * mc_rs_intersect, at a binary search and a short walk up the parents per
 * range of x instead of a pass over both sets (for x much the smaller). */
mc_rangeset mc_rs_index_isect_set(mc_arena *, const mc_rangeset *x,
    const mc_rs_index *);
/* The same, with fixed as for mc_rs_intersect_fixed (x or the indexed
 * set's ranges). */
mc_rangeset mc_rs_index_isect_set_fixed(mc_arena *, const mc_rangeset *x,
    const mc_rs_index *, const mc_rangeset *fixed);
/* For each range of qs (exact prefixes in mc_range_cmp order): whether s
 * holds its prefix, in out[] (as mc_rs_has), in one pass over s. */
void mc_rs_has_each(mc_arena *, const mc_rangeset *s, const mc_rangeset *qs,
    bool *out);
/* mc_rs_witness of x minus y, without building the difference. */
bool mc_rs_diff_witness(mc_arena *, const mc_rangeset *x,
    const mc_rangeset *y, mc_prefix *out);

#endif
