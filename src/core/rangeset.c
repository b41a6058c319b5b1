/*
 * Prefix-range sets: exact set algebra over ranges {p, lo, hi}.
 *
 * Subtraction walks the binary trie of the subtrahend below each range of
 * the minuend, carrying the set of still-allowed lengths as a 129-bit map;
 * that keeps "everything minus a 10,000-entry prefix list" linear in the
 * list instead of quadratic.  Intersection pairs each range with the
 * ranges of the other set that nest with it, found in a sorted index.
 */
#include <stdlib.h>
#include <string.h>

#include "manrs/prefix.h"

#include "core/addr_bits.h"

/* Clear the bits after len (mc_prefix_clear_host, inlined). */
static inline void
clear_host(mc_prefix *p)
{
	int l = p->len;
	uint64_t w0 = word(p->a, 0), w1 = word(p->a, 1);

	if (l < 64) {
		w0 = l == 0 ? 0 : w0 & (~(uint64_t)0 << (64 - l));
		w1 = 0;
	} else if (l < 128)
		w1 = l == 64 ? 0 : w1 & (~(uint64_t)0 << (128 - l));
	w0 = __builtin_bswap64(w0);
	w1 = __builtin_bswap64(w1);
	memcpy(p->a, &w0, 8);
	memcpy(p->a + 8, &w1, 8);
}

static inline bool
prefix_eq(const mc_prefix *x, const mc_prefix *y)
{
	return x->af == y->af && x->len == y->len && addr_cmp(x->a, y->a) == 0;
}

bool
mc_range_make(const mc_prefix *p, int lo, int hi, mc_range *out)
{
	int bits;

	if (p->af != MC_AF4 && p->af != MC_AF6)
		return false;
	bits = mc_af_bits(p->af);
	if (p->len > bits)
		return false;
	if (lo < p->len)
		lo = p->len;
	if (hi > bits)
		hi = bits;
	if (lo > hi)
		return false;
	out->p = *p;
	clear_host(&out->p);
	out->lo = (uint8_t)lo;
	out->hi = (uint8_t)hi;
	return true;
}

bool
mc_range_has(const mc_range *r, const mc_prefix *q)
{
	/* contains() is this file's inline mc_prefix_contains: ranges
	 * keep their host bits clear, and q's beyond r's length do not
	 * matter to it */
	return q->len >= r->lo && q->len <= r->hi && contains(&r->p, q);
}

/* ---- elementary helpers --------------------------------------------------- */

static void
push(mc_arena *a, mc_rangeset *s, const mc_range *r)
{
	if (s->n >= MC_RANGESET_MAX) {
		s->overflow = true;
		return;
	}
	if (s->n == s->cap)
		s->v = mc_vec_grow(a, s->v, &s->cap, sizeof(*s->v));
	s->v[s->n++] = *r;
}

void
mc_rs_reserve(mc_arena *a, mc_rangeset *s, size_t more)
{
	mc_range *v;

	if (more <= s->cap - s->n || more > MC_RANGESET_MAX)
		return;
	v = mc_alloc_nz(a, (s->n + more) * sizeof(*v));
	if (s->n > 0)
		memcpy(v, s->v, s->n * sizeof(*v));
	s->v = v;
	s->cap = s->n + more;
}

/* r as mc_range_make leaves a range: a family, len <= lo <= hi <= its
 * bits, no host bits. */
static inline bool
canonical(const mc_range *r)
{
	int l = r->p.len, bits;
	uint64_t w0, w1;

	if (r->p.af == MC_AF4)
		bits = 32;
	else if (r->p.af == MC_AF6)
		bits = 128;
	else
		return false;
	if (l > r->lo || r->lo > r->hi || r->hi > bits)
		return false;
	w0 = word(r->p.a, 0);
	w1 = word(r->p.a, 1);
	if (l < 64)
		return (l == 0 ? w0 : w0 << l) == 0 && w1 == 0;
	/* no host bits in a /128; no shift by 64 */
	return l == 128 || (l == 64 ? w1 : w1 << (l - 64)) == 0;
}

void
mc_rs_add(mc_arena *a, mc_rangeset *s, const mc_range *r)
{
	mc_range n;

	s->fp[0] = s->fp[1] = 0;
	/* Re-normalise: callers build ranges by hand (the model's prefix
	 * lists are normal already: no copy for them). */
	if (canonical(r))
		push(a, s, r);
	else if (mc_range_make(&r->p, r->lo, r->hi, &n))
		push(a, s, &n);
}

void
mc_rs_add_strided(mc_arena *a, mc_rangeset *s, const mc_range *first,
    size_t n, size_t stride)
{
	const char *p = (const char *)first;
	size_t i;

	for (i = 0; i < n; i++, p += stride)
		mc_rs_add(a, s, (const mc_range *)(const void *)p);
}

mc_rangeset
mc_rs_universe(mc_arena *a, int af)
{
	mc_rangeset s = {0};
	mc_range r;

	memset(&r, 0, sizeof(r));
	if (af == 0 || af == MC_AF4) {
		r.p.af = MC_AF4;
		r.hi = 32;
		push(a, &s, &r);
	}
	if (af == 0 || af == MC_AF6) {
		r.p.af = MC_AF6;
		r.hi = 128;
		push(a, &s, &r);
	}
	return s;
}

mc_rangeset
mc_rs_single(mc_arena *a, const mc_prefix *p)
{
	mc_rangeset s = {0};
	mc_range r;

	if (mc_range_make(p, p->len, p->len, &r))
		push(a, &s, &r);
	return s;
}

mc_rangeset
mc_rs_copy(mc_arena *a, const mc_rangeset *in)
{
	mc_rangeset s = {0};

	if (in->n > 0) {
		s.v = mc_alloc_nz(a, in->n * sizeof(*s.v));
		memcpy(s.v, in->v, in->n * sizeof(*s.v));
		s.n = s.cap = in->n;
	}
	s.overflow = in->overflow;
	return s;
}

bool
mc_rs_empty(const mc_rangeset *s)
{
	return s->n == 0;
}

bool
mc_rs_has(const mc_rangeset *s, const mc_prefix *q)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (mc_range_has(&s->v[i], q))
			return true;
	return false;
}

static bool witness_scan(const mc_rangeset *, mc_prefix *);

bool
mc_rs_witness(const mc_rangeset *s, mc_prefix *out)
{
	if (s->fp[0] != 0 || s->fp[1] != 0) {	/* frozen: computed once */
		if (s->wit_any)
			*out = s->wit;
		return s->wit_any;
	}
	return witness_scan(s, out);
}

/* Is r a better witness than best?  Shortest member first; ties by
 * family, then address: the answer does not depend on the order of the
 * ranges. */
static inline bool
wit_better(const mc_range *r, const mc_range *best)
{
	if (best == NULL || r->lo != best->lo)
		return best == NULL || r->lo < best->lo;
	if (r->p.af != best->p.af)
		return r->p.af < best->p.af;
	return addr_cmp(r->p.a, best->p.a) < 0;
}

/* The witness best names, as out (false: the set was empty). */
static bool
wit_of(const mc_range *best, mc_prefix *out)
{
	if (best == NULL)
		return false;
	*out = best->p;
	out->len = best->lo;
	return true;
}

static bool
witness_scan(const mc_rangeset *s, mc_prefix *out)
{
	const mc_range *best = NULL;
	size_t i;

	for (i = 0; i < s->n; i++)
		if (wit_better(&s->v[i], best))
			best = &s->v[i];
	return wit_of(best, out);
}

/* Order by family, address, length, window. */
static inline int
range_cmp(const mc_range *x, const mc_range *y)
{
	int c;

	if (x->p.af != y->p.af)
		return x->p.af < y->p.af ? -1 : 1;
	if ((c = addr_cmp(x->p.a, y->p.a)) != 0)
		return c;
	if (x->p.len != y->p.len)
		return x->p.len < y->p.len ? -1 : 1;
	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	if (x->hi != y->hi)
		return x->hi < y->hi ? -1 : 1;
	return 0;
}

int
mc_range_cmp(const mc_range *x, const mc_range *y)
{
	return range_cmp(x, y);
}

static bool
is_sorted(const mc_range *v, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (range_cmp(&v[i - 1], &v[i]) > 0)
			return false;
	return true;
}

/* A frozen set's order was found when it froze (mutators unfreeze). */
static bool
set_sorted(const mc_rangeset *s)
{
	if (s->fp[0] != 0 || s->fp[1] != 0)
		return s->sorted;
	return is_sorted(s->v, s->n);
}

/*
 * IPv4 ranges sorted by one 64-bit key each, address:len:lo:hi, which
 * orders them as range_cmp does and holds the whole range (the rest of an
 * IPv4 range is zero): the keys are sorted and the ranges written back
 * from them.  A prefix list's entries come in file order; sorting them by
 * comparing ranges was a tenth of a check.  The keys are spread by the
 * address's top bits (a byte, more for big sets); a bucket of a few keys
 * is then sorted by insertion, a bigger one by merging (a byte-wise radix
 * sort of each bucket cost more: 256 counters a pass).  Returns false
 * (nothing done) when a range is not IPv4 with a clean address.
 */
#define RADIX_SMALL 24

static void
insertion_sort_keys(uint64_t *a, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		uint64_t t = a[i];

		for (j = i; j > 0 && a[j - 1] > t; j--)
			a[j] = a[j - 1];
		a[j] = t;
	}
}

/* Bottom-up merge sort of keys, b scratch of n; the result ends in a. */
static void
merge_sort_keys(uint64_t *a, uint64_t *b, size_t n)
{
	uint64_t *src = a, *dst = b, *t;
	size_t w, i;

	for (i = 0; i < n; i += RADIX_SMALL)
		insertion_sort_keys(a + i, n - i < RADIX_SMALL ? n - i :
		    RADIX_SMALL);
	for (w = RADIX_SMALL; w < n; w *= 2) {
		for (i = 0; i < n; i += 2 * w) {
			size_t x = i, xm = i + w < n ? i + w : n;
			size_t y = xm, ym = i + 2 * w < n ? i + 2 * w : n;
			size_t k = i;

			while (x < xm && y < ym)
				dst[k++] = src[y] < src[x] ? src[y++] :
				    src[x++];
			while (x < xm)
				dst[k++] = src[x++];
			while (y < ym)
				dst[k++] = src[y++];
		}
		t = src;
		src = dst;
		dst = t;
	}
	if (src != a)
		memcpy(a, src, n * sizeof(*a));
}

static bool
radix_sort_v4(mc_range *v, size_t n)
{
	uint64_t *a, *b;
	size_t i, *cnt, sum = 0, nb;
	int bits = 8, shift;

	if ((b = malloc(2 * n * sizeof(*b))) == NULL)
		abort();
	a = b + n;
	for (i = 0; i < n; i++) {
		uint64_t w0 = word(v[i].p.a, 0);

		if (v[i].p.af != MC_AF4 || word(v[i].p.a, 1) != 0 ||
		    (w0 & 0xffffffffu) != 0) {
			free(b);
			return false;
		}
		b[i] = w0 | (uint64_t)v[i].p.len << 16 |
		    (uint64_t)v[i].lo << 8 | v[i].hi;
	}
	/* About four keys a bucket: one byte of the address for a prefix
	 * list, up to fourteen bits for the union of hundreds of them. */
	while (bits < 14 && ((size_t)4 << (bits + 1)) <= n)
		bits++;
	nb = (size_t)1 << bits;
	shift = 64 - bits;
	if ((cnt = calloc(nb, sizeof(*cnt))) == NULL)
		abort();
	for (i = 0; i < n; i++)
		cnt[b[i] >> shift]++;
	for (i = 0; i < nb; i++) {
		size_t c = cnt[i];

		cnt[i] = sum;	/* now the bucket's start */
		sum += c;
	}
	for (i = 0; i < n; i++)
		a[cnt[b[i] >> shift]++] = b[i];
	/* cnt[i] is now the end of bucket i */
	for (i = 0, sum = 0; i < nb; sum = cnt[i++]) {
		size_t m = cnt[i] - sum;

		if (m <= 1)
			continue;
		if (m <= RADIX_SMALL)
			insertion_sort_keys(a + sum, m);
		else
			merge_sort_keys(a + sum, b + sum, m);
	}
	for (i = 0; i < n; i++) {
		uint64_t k = a[i], w = __builtin_bswap64(k &
		    0xffffffff00000000ull);

		memset(&v[i], 0, sizeof(v[i]));
		v[i].p.af = MC_AF4;
		v[i].p.len = (uint8_t)(k >> 16);
		memcpy(v[i].p.a, &w, 8);
		v[i].lo = (uint8_t)(k >> 8);
		v[i].hi = (uint8_t)k;
	}
	free(cnt);
	free(b);
	return true;
}

/* Bottom-up merge sort with the comparison inlined; stable.  Sets arrive
 * mostly sorted (sweeps emit in order), so check that first. */
static void
sort_ranges(mc_range *v, size_t n)
{
	mc_range *tmp, *src, *dst, *t;
	size_t w, i;

	if (n < 2 || is_sorted(v, n))
		return;
	if (n >= 24 && radix_sort_v4(v, n))
		return;
	if ((tmp = malloc(n * sizeof(*tmp))) == NULL)
		abort();
	src = v;
	dst = tmp;
	for (w = 1; w < n; w *= 2) {
		for (i = 0; i < n; i += 2 * w) {
			size_t a = i, am = i + w < n ? i + w : n;
			size_t b = am, bm = i + 2 * w < n ? i + 2 * w : n;
			size_t k = i;

			while (a < am && b < bm)
				dst[k++] = range_cmp(&src[b], &src[a]) < 0 ?
				    src[b++] : src[a++];
			while (a < am)
				dst[k++] = src[a++];
			while (b < bm)
				dst[k++] = src[b++];
		}
		t = src;
		src = dst;
		dst = t;
	}
	if (src != v)
		memcpy(v, src, n * sizeof(*v));
	free(tmp);
}

/* Compare a range's prefix with (af, address, len). */
static int
key_cmp(const mc_range *x, int af, const uint8_t *addr, int len)
{
	int c;

	if (x->p.af != af)
		return x->p.af < af ? -1 : 1;
	if ((c = addr_cmp(x->p.a, addr)) != 0)
		return c;
	if (x->p.len != len)
		return x->p.len < len ? -1 : 1;
	return 0;
}

static bool
range_isect(const mc_range *x, const mc_range *y, mc_range *out)
{
	const mc_prefix *p;

	/* Disjoint length windows first: cheap, and the usual answer when
	 * one prefix is scanned against a list's ranges. */
	if (x->p.af != y->p.af || x->lo > y->hi || y->lo > x->hi)
		return false;
	if (contains(&x->p, &y->p))
		p = &y->p;
	else if (contains(&y->p, &x->p))
		p = &x->p;
	else
		return false;
	/* Both are ranges already (host bits clear, len <= lo <= hi <=
	 * bits) and p is the longer prefix: the windows' overlap needs no
	 * clamping, only a test that it is not empty. */
	out->p = *p;
	out->lo = x->lo > y->lo ? x->lo : y->lo;
	out->hi = x->hi < y->hi ? x->hi : y->hi;
	return out->lo <= out->hi;
}

/* ---- sorted index ------------------------------------------------------- */

typedef struct rs_index {
	const mc_range *v;
	size_t n;
} rs_index;

static void
index_build(mc_arena *a, const mc_rangeset *s, rs_index *ix)
{
	size_t i;
	bool sorted = true;

	memset(ix, 0, sizeof(*ix));
	(void)i;
	sorted = set_sorted(s);
	if (sorted) {
		ix->v = s->v;
	} else {
		mc_range *c = mc_alloc(a, s->n * sizeof(*c));

		memcpy(c, s->v, s->n * sizeof(*c));
		sort_ranges(c, s->n);
		ix->v = c;
	}
	ix->n = s->n;
}

/*
 * Visit every range of x (in sorted order) with the ranges of ix that are
 * strict ancestors of its prefix and the slice of ix within its prefix.
 * One merge-like pass: the ancestors are kept on a stack of nested
 * prefixes while both sorted lists are walked.
 */
typedef void (*visit_fn)(const mc_range *x, const mc_range *const *anc,
    size_t nanc, const mc_range *in, size_t nin, void *arg);

typedef bool (*skip_fn)(const mc_range *x, void *arg);

static void
sweep(mc_arena *a, const mc_rangeset *x, const rs_index *ix, visit_fn fn,
    skip_fn skip, void *arg)
{
	rs_index xs;
	MC_VEC(const mc_range *) st = {0};
	size_t i, j = 0, e;

	index_build(a, x, &xs);
	for (i = 0; i < xs.n; i++) {
		const mc_range *r = &xs.v[i];

		/* Push the ranges of ix that sort before r's prefix. */
		while (j < ix->n && key_cmp(&ix->v[j], r->p.af, r->p.a,
		    r->p.len) < 0) {
			const mc_range *y = &ix->v[j++];

			while (st.n > 0 && !contains(&st.v[st.n - 1]->p,
			    &y->p))
				st.n--;
			mc_vec_push(a, &st, y);
		}
		while (st.n > 0 && !contains(&st.v[st.n - 1]->p, &r->p))
			st.n--;
		if (skip != NULL && skip(r, arg))
			continue;
		/* Ranges within r's prefix follow at once, contiguously. */
		for (e = j; e < ix->n && contains(&r->p, &ix->v[e].p);
		    e++)
			;
		fn(r, st.v, st.n, ix->v + j, e - j, arg);
	}
}

/* ---- compaction ---------------------------------------------------------- */

/* Sort; equal prefixes: union of overlapping or adjacent windows; drop
 * ranges covered by an enclosing one. */
static void
tidy(mc_rangeset *s)
{
	size_t i, j, n = s->n;
	mc_range stack[256];
	size_t sp = 0;

	sort_ranges(s->v, n);
	for (i = 1, j = 0; i < n; i++) {
		mc_range *w = &s->v[j], *r = &s->v[i];

		if (prefix_eq(&w->p, &r->p) && r->lo <= w->hi + 1) {
			if (r->hi > w->hi)
				w->hi = r->hi;
		} else if (++j != i)	/* in place until a merge */
			s->v[j] = *r;
	}
	s->n = n = j + 1;
	for (i = 0, j = 0; i < n; i++) {
		mc_range *r = &s->v[i];
		bool covered = false;
		size_t k;

		while (sp > 0 && !contains(&stack[sp - 1].p, &r->p))
			sp--;
		for (k = 0; k < sp && !covered; k++)
			covered = stack[k].lo <= r->lo && r->hi <= stack[k].hi;
		if (covered)
			continue;
		if (sp < sizeof(stack) / sizeof(stack[0]))
			stack[sp++] = *r;
		if (j != i)
			s->v[j] = *r;
		j++;
	}
	s->n = j;
}

/* Siblings with one window: their parent with that window, in the
 * 0-sibling's place (which may leave the set out of order).  Whether
 * any merged. */
static bool
siblings(mc_rangeset *s)
{
	size_t i, j, n = s->n;
	bool merged = false;

	for (i = 0; i < n; i++) {
		mc_range *r = &s->v[i], sib;
		size_t lo, hi;

		if (r->p.len == 0 || r->lo == 0xff ||
		    bit_get(&r->p, r->p.len - 1) != 0 || i + 1 >= n)
			continue;
		/* the next range not under r and not of r's length: it is
		 * not the sibling, so there is none (the usual case) */
		if (s->v[i + 1].p.len != r->p.len &&
		    !contains(&r->p, &s->v[i + 1].p))
			continue;
		sib = *r;
		bit_set(&sib.p, r->p.len - 1);
		lo = i + 1;
		hi = n;
		if (lo < n && !contains(&r->p, &s->v[lo].p)) {
			/* No more-specifics follow r (the usual case):
			 * the sibling's ranges, if any, come next. */
			while (lo < n && prefix_eq(&s->v[lo].p, &sib.p) &&
			    (s->v[lo].lo != sib.lo || s->v[lo].hi != sib.hi))
				lo++;
		} else
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;

				if (range_cmp(&s->v[mid], &sib) < 0)
					lo = mid + 1;
				else
					hi = mid;
			}
		if (lo < n && range_cmp(&s->v[lo], &sib) == 0) {
			s->v[lo].lo = 0xff;	/* removed */
			r->p = mc_prefix_trunc(&r->p, r->p.len - 1);
			merged = true;
		}
	}
	if (!merged)
		return false;	/* nothing marked removed */
	for (i = 0, j = 0; i < n; i++)
		if (s->v[i].lo != 0xff)
			s->v[j++] = s->v[i];
	s->n = j;
	return merged;
}

/* Canonical form: sorted, no duplicates, equal-prefix windows merged,
 * sibling windows merged into their parent, ranges covered by an
 * ancestor's range dropped.  Never changes the set, only its
 * representation. */
static bool
compact(mc_arena *a, mc_rangeset *s)
{
	int pass, passes = s->n > 4096 ? 1 : 130;

	/* Sibling merges can cascade up the tree; big sets get one round
	 * of them (their shape rarely allows more and the cost is per
	 * pass).  A round that merged is followed by a tidy pass: a merged
	 * parent may sit out of order or under a range that covers it.
	 * Whether the last round merged nothing: then compacting the
	 * result again would leave it as it is. */
	(void)a;
	for (pass = 0; s->n > 1; pass++) {
		tidy(s);
		if (pass == passes)
			return false;
		if (!siblings(s))
			return true;
	}
	return true;
}

/* out's ranges are fixed's, in the same order: compacting out gives fixed
 * again when fixed is as compaction left it (mc_rs_compact said so), so
 * the work can be skipped.  The common case: a list all of whose prefixes
 * lie in the flow that meets it. */
static void
compact_unless(mc_arena *a, mc_rangeset *out, const mc_rangeset *fixed)
{
	if (fixed != NULL && out->n == fixed->n && out->n > 0 &&
	    memcmp(out->v, fixed->v, out->n * sizeof(out->v[0])) == 0)
		return;
	(void)compact(a, out);
}

/* ---- set operations ------------------------------------------------------- */

struct isect_arg {
	mc_arena *a;
	mc_rangeset *out;
	const mc_range *x;
};

static void
isect_one(const mc_range *y, void *arg)
{
	struct isect_arg *ia = arg;
	mc_range r;

	if (range_isect(ia->x, y, &r))
		push(ia->a, ia->out, &r);
}

static void
isect_visit(const mc_range *x, const mc_range *const *anc, size_t nanc,
    const mc_range *in, size_t nin, void *arg)
{
	struct isect_arg *ia = arg;
	size_t k;

	ia->x = x;
	for (k = 0; k < nanc; k++)
		isect_one(anc[k], ia);
	for (k = 0; k < nin; k++)
		isect_one(&in[k], ia);
}

/*
 * Does every range of s meet exactly one range of t, one that holds it
 * whole?  Then s's ranges are the intersection's pieces, one each, and
 * s as compaction left it is the intersection.  Both sorted: one walk,
 * t's ancestors of the range at hand on a stack as in sweep().  The
 * usual case: a customer's list, all of it inside the target of global
 * unicast space.
 */
static bool
within_one(const mc_rangeset *s, const mc_rangeset *t)
{
	const mc_range *st[130];
	size_t sp = 0, i, j = 0, e, k;

	for (i = 0; i < s->n; i++) {
		const mc_range *r = &s->v[i], *hold = NULL;
		int meets = 0;

		while (j < t->n && key_cmp(&t->v[j], r->p.af, r->p.a,
		    r->p.len) < 0) {
			const mc_range *y = &t->v[j++];

			while (sp > 0 && !contains(&st[sp - 1]->p, &y->p))
				sp--;
			if (sp == sizeof(st) / sizeof(st[0]))
				return false;
			st[sp++] = y;
		}
		while (sp > 0 && !contains(&st[sp - 1]->p, &r->p))
			sp--;
		for (k = 0; k < sp && meets < 2; k++)
			if (st[k]->lo <= r->hi && r->lo <= st[k]->hi) {
				meets++;
				hold = st[k];
			}
		/* t's ranges at or under r's prefix follow at once */
		for (e = j; e < t->n && meets < 2 && contains(&r->p,
		    &t->v[e].p); e++)
			if (t->v[e].lo <= r->hi && r->lo <= t->v[e].hi) {
				meets++;
				hold = &t->v[e];
			}
		if (meets != 1 || !contains(&hold->p, &r->p) ||
		    hold->lo > r->lo || hold->hi < r->hi)
			return false;
	}
	return true;
}

static mc_rangeset
intersect(mc_arena *a, const mc_rangeset *x, const mc_rangeset *y,
    const mc_rangeset *fixed)
{
	mc_rangeset out = {0};
	const mc_rangeset *other;
	rs_index ix;
	size_t i, k;

	out.overflow = x->overflow || y->overflow;
	if (x->n == 0 || y->n == 0)
		return out;
	/* fixed is sorted (compaction's last pass sorts and siblings()
	 * merged nothing); the other side must be known sorted without a
	 * scan: frozen. */
	other = fixed == x ? y : fixed == y ? x : NULL;
	if (other != NULL && other->n >= 8 && fixed->n >= 8 &&
	    (other->fp[0] != 0 || other->fp[1] != 0) && other->sorted &&
	    within_one(fixed, other)) {
		out.v = fixed->v;	/* shared: see prefix.h */
		out.n = out.cap = fixed->n;
		return out;
	}
	/* Few ranges on one side (a query for one prefix, a probe): a
	 * plain scan of the other beats sorting and sweeping it. */
	if (x->n * y->n <= 64 || x->n <= 2 || y->n <= 2) {
		for (i = 0; i < x->n; i++)
			for (k = 0; k < y->n; k++) {
				mc_range r;

				if (range_isect(&x->v[i], &y->v[k], &r))
					push(a, &out, &r);
			}
	} else {
		struct isect_arg ia = { a, &out, NULL };

		/* The same pairs meet either way round; a visit costs more
		 * than a step over the index, so visit the smaller set. */
		if (x->n > y->n) {
			const mc_rangeset *t = x;

			x = y;
			y = t;
		}
		index_build(a, y, &ix);
		sweep(a, x, &ix, isect_visit, NULL, &ia);
	}
	compact_unless(a, &out, fixed);
	return out;
}

mc_rangeset
mc_rs_intersect(mc_arena *a, const mc_rangeset *x, const mc_rangeset *y)
{
	return intersect(a, x, y, NULL);
}

mc_rangeset
mc_rs_intersect_fixed(mc_arena *a, const mc_rangeset *x,
    const mc_rangeset *y, const mc_rangeset *fixed)
{
	return intersect(a, x, y, fixed);
}

/* ---- one range against an indexed set ------------------------------------ */

void
mc_rs_index_build(mc_arena *a, const mc_rangeset *s, mc_rs_index *ix)
{
	size_t i;

	memset(ix, 0, sizeof(*ix));	/* no parents yet */
	ix->s = *s;
	ix->s.fp[0] = ix->s.fp[1] = 0;
	if (!set_sorted(s)) {
		ix->s = mc_rs_copy(a, s);
		sort_ranges(ix->s.v, ix->s.n);
	}
	ix->s.cap = ix->s.n;	/* an add by a caller copies */
	for (i = 0; i < s->n; i++) {
		int f = s->v[i].p.af == MC_AF6, L = s->v[i].p.len;

		ix->lens[f][L / 64] |= (uint64_t)1 << (L % 64);
	}
}

/* x meets the ranges within its prefix, which follow its key (at)
 * contiguously in the sorted v. */
static void
push_within(mc_arena *a, mc_rangeset *out, const mc_range *x,
    const mc_range *v, size_t at, size_t n)
{
	mc_range r;

	for (; at < n && contains(&x->p, &v[at].p); at++)
		if (range_isect(x, &v[at], &r))
			push(a, out, &r);
}

/* The first range at or after lo whose prefix sorts at or after p. */
static size_t
lower_bound(const mc_range *v, size_t lo, size_t hi, const mc_prefix *p)
{
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (key_cmp(&v[mid], p->af, p->a, p->len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The ranges that meet x are those whose prefix is x's, within it, or one
 * of its ancestors (range_isect needs the prefixes nested).  In range order
 * the first two kinds follow x's key contiguously, and each ancestor length
 * is one run of equal prefixes before it.  They are pushed in range order;
 * compaction sorts, so the result is the one the scan of mc_rs_intersect
 * gives.
 */
mc_rangeset
mc_rs_index_isect(mc_arena *a, const mc_range *x, bool overflow,
    const mc_rs_index *ix)
{
	const mc_range *v = ix->s.v;
	const uint64_t *lens = ix->lens[x->p.af == MC_AF6];
	mc_rangeset out = {0};
	size_t n = ix->s.n, at, lo = 0, i;
	mc_range r;
	int L;

	out.overflow = overflow || ix->s.overflow;
	at = lower_bound(v, 0, n, &x->p);
	for (L = 0; L < x->p.len; L++) {
		mc_prefix anc = x->p;

		if ((lens[L / 64] >> (L % 64) & 1) == 0)
			continue;
		anc.len = (uint8_t)L;
		clear_host(&anc);
		lo = lower_bound(v, lo, at, &anc);
		for (i = lo; i < at && key_cmp(&v[i], anc.af, anc.a, L) == 0;
		    i++)
			if (range_isect(x, &v[i], &r))
				push(a, &out, &r);
	}
	push_within(a, &out, x, v, at, n);
	compact(a, &out);
	return out;
}

#define NO_PARENT UINT32_MAX

/* One pass with the chain of enclosing ranges on a stack, as sweep keeps
 * its ancestors: a range's parent is the top that holds it.  Ranges of
 * one prefix chain to each other (the earlier window first). */
bool
mc_rs_index_parents(mc_arena *a, mc_rs_index *ix)
{
	const mc_range *v = ix->s.v;
	size_t n = ix->s.n, i, sp = 0;
	uint32_t *par, *st;

	if (ix->parent != NULL)
		return true;
	if (n >= NO_PARENT)
		return false;
	par = mc_alloc_nz(a, (n > 0 ? n : 1) * sizeof(*par));
	st = mc_alloc_nz(a, (n > 0 ? n : 1) * sizeof(*st));
	for (i = 0; i < n; i++) {
		while (sp > 0 && !contains(&v[st[sp - 1]].p, &v[i].p))
			sp--;
		par[i] = sp > 0 ? st[sp - 1] : NO_PARENT;
		st[sp++] = (uint32_t)i;
	}
	ix->parent = par;
	return true;
}

/*
 * The pairs sweep visits, found from x's side: the ranges within x's
 * prefix follow its key contiguously; its strict ancestors all lie on the
 * parent chain of the range just before that key (each sorts before x and
 * holds that range too), and once one on the chain holds x, every one
 * after it does.  Compaction sorts, so the order of the pushes does not
 * matter.
 */
mc_rangeset
mc_rs_index_isect_set(mc_arena *a, const mc_rangeset *x,
    const mc_rs_index *ix)
{
	return mc_rs_index_isect_set_fixed(a, x, ix, NULL);
}

mc_rangeset
mc_rs_index_isect_set_fixed(mc_arena *a, const mc_rangeset *x,
    const mc_rs_index *ix, const mc_rangeset *fixed)
{
	const mc_range *v = ix->s.v;
	const uint32_t *par = ix->parent;
	mc_rangeset out = {0};
	size_t n = ix->s.n, at, k;
	mc_range r;

	out.overflow = x->overflow || ix->s.overflow;
	if (x->n == 0 || n == 0)
		return out;
	for (k = 0; k < x->n; k++) {
		const mc_range *q = &x->v[k];
		uint32_t up;

		at = lower_bound(v, 0, n, &q->p);
		up = at > 0 ? (uint32_t)(at - 1) : NO_PARENT;
		while (up != NO_PARENT && !contains(&v[up].p, &q->p))
			up = par[up];
		for (; up != NO_PARENT; up = par[up])
			if (range_isect(q, &v[up], &r))
				push(a, &out, &r);
		push_within(a, &out, q, v, at, n);
	}
	compact_unless(a, &out, fixed);
	return out;
}

/* ---- membership of many prefixes ----------------------------------------- */

struct has_arg {
	const mc_range *base;
	bool *out;
};

/* A range holds x's prefix when it is an ancestor's or x's own, with x's
 * length in its window (a longer prefix's window starts above it). */
static void
has_visit(const mc_range *x, const mc_range *const *anc, size_t nanc,
    const mc_range *in, size_t nin, void *arg)
{
	struct has_arg *h = arg;
	int len = x->p.len;
	bool yes = false;
	size_t k;

	for (k = 0; k < nanc && !yes; k++)
		yes = len >= anc[k]->lo && len <= anc[k]->hi;
	for (k = 0; k < nin && !yes; k++)
		yes = len >= in[k].lo && len <= in[k].hi;
	h->out[x - h->base] = yes;
}

void
mc_rs_has_each(mc_arena *a, const mc_rangeset *s, const mc_rangeset *qs,
    bool *out)
{
	struct has_arg h = { qs->v, out };
	rs_index ix;
	size_t i;

	for (i = 0; i < qs->n; i++)
		out[i] = false;
	if (s->n == 0 || qs->n == 0)
		return;
	if (!set_sorted(qs)) {	/* the sweep would visit a copy */
		for (i = 0; i < qs->n; i++)
			out[i] = mc_rs_has(s, &qs->v[i].p);
		return;
	}
	index_build(a, s, &ix);
	sweep(a, qs, &ix, has_visit, NULL, &h);
}

mc_rangeset
mc_rs_union(mc_arena *a, const mc_rangeset *x, const mc_rangeset *y)
{
	mc_rangeset out = {0};
	size_t i;

	out.overflow = x->overflow || y->overflow;
	if (x->n + y->n > 64 && x->n + y->n <= MC_RANGESET_MAX &&
	    set_sorted(x) && set_sorted(y)) {
		/* Both in order (compacted sets are): merge them, so that
		 * compaction need not sort thousands of ranges again. */
		size_t j = 0;

		out.v = mc_alloc_nz(a, (x->n + y->n) * sizeof(*out.v));
		out.cap = x->n + y->n;
		for (i = 0; i < x->n || j < y->n;)
			out.v[out.n++] = j == y->n || (i < x->n &&
			    range_cmp(&x->v[i], &y->v[j]) <= 0) ?
			    x->v[i++] : y->v[j++];
	} else {
		for (i = 0; i < x->n; i++)
			push(a, &out, &x->v[i]);
		for (i = 0; i < y->n; i++)
			push(a, &out, &y->v[i]);
	}
	compact(a, &out);
	return out;
}

void
mc_rs_append(mc_arena *a, mc_rangeset *x, const mc_rangeset *y)
{
	size_t i;

	x->overflow = x->overflow || y->overflow;
	x->fp[0] = x->fp[1] = 0;
	if (x->n == x->cap && x->n > 0) {
		/* x may share its array with a cached set: copy before writing. */
		x->v = mc_vec_grow(a, x->v, &x->cap, sizeof(*x->v));
	}
	for (i = 0; i < y->n; i++)
		push(a, x, &y->v[i]);
}

bool
mc_rs_compact(mc_arena *a, mc_rangeset *s)
{
	s->fp[0] = s->fp[1] = 0;
	return compact(a, s);
}

static inline uint64_t
mix(uint64_t h, uint64_t v, uint64_t m)
{
	h ^= v;
	h *= m;
	return h ^ (h >> 29);
}

uint64_t
mc_rs_space(mc_arena *a, const mc_rangeset *s, int af)
{
	const mc_range *v = s->v;
	mc_prefix cover = { 0 };
	uint64_t sum = 0, add;
	bool have = false;
	size_t i;

	if (s->n == 0)
		return 0;
	/* In range order (compacted sets are), a block's more-specifics
	 * follow it. */
	if (!set_sorted(s)) {
		mc_range *c = mc_alloc_nz(a, s->n * sizeof(*c));

		memcpy(c, s->v, s->n * sizeof(*c));
		sort_ranges(c, s->n);
		v = c;
	}
	for (i = 0; i < s->n; i++) {
		if (v[i].p.af != af || (have && contains(&cover, &v[i].p)))
			continue;
		cover = v[i].p;
		have = true;
		if (af == MC_AF4)
			add = 1ull << (32 - cover.len);
		else
			add = cover.len >= 64 ? 1 : (cover.len == 0 ?
			    UINT64_MAX : 1ull << (64 - cover.len));
		sum = sum + add < sum ? UINT64_MAX : sum + add;
	}
	return sum;
}

void
mc_rs_hash(const mc_rangeset *t, uint64_t *h1, uint64_t *h2)
{
	uint64_t a = 0x9e3779b97f4a7c15ull, b = 0xc2b2ae3d27d4eb4full;
	size_t i;

	for (i = 0; i < t->n; i++) {
		const mc_range *r = &t->v[i];
		uint64_t w0, w1, w2;

		memcpy(&w0, r->p.a, 8);
		memcpy(&w1, r->p.a + 8, 8);
		w2 = (uint64_t)r->p.af | (uint64_t)r->p.len << 8 |
		    (uint64_t)r->lo << 16 | (uint64_t)r->hi << 24 |
		    (uint64_t)i << 32;
		/* an IPv4 range's second word is zero: no step for it */
		a = mix(a, w0, 0xff51afd7ed558ccdull);
		b = mix(b, w2, 0xc4ceb9fe1a85ec53ull);
		if (w1 != 0) {
			a = mix(a, w1, 0xff51afd7ed558ccdull);
			b = mix(b, w1, 0x94d049bb133111ebull);
		}
		a = mix(a, w2, 0xff51afd7ed558ccdull);
		b = mix(b, w0, 0xbf58476d1ce4e5b9ull);
	}
	*h1 = a | 1;	/* never both zero: zero means "not frozen" */
	*h2 = b;
}

/* Length windows (mc_rs_windows): none of either family yet, then
 * widened by each range. */
static inline void
win_init(uint8_t win[2][2])
{
	win[0][0] = win[1][0] = 255;
	win[0][1] = win[1][1] = 0;
}

static inline void
win_add(uint8_t win[2][2], const mc_range *r)
{
	int f = r->p.af == MC_AF6;

	if (r->lo < win[f][0])
		win[f][0] = r->lo;
	if (r->hi > win[f][1])
		win[f][1] = r->hi;
}

void
mc_rs_freeze(mc_rangeset *s)
{
	const mc_range *best = NULL;
	size_t i;

	/* order, witness (as witness_scan picks it) and windows in one
	 * pass: every evaluation's result is frozen */
	s->fp[0] = s->fp[1] = 0;
	s->sorted = true;
	win_init(s->win);
	for (i = 0; i < s->n; i++) {
		const mc_range *r = &s->v[i];

		if (i > 0 && s->sorted && range_cmp(&s->v[i - 1], r) > 0)
			s->sorted = false;
		win_add(s->win, r);
		if (wit_better(r, best))
			best = r;
	}
	s->wit_any = wit_of(best, &s->wit);
	mc_rs_hash(s, &s->fp[0], &s->fp[1]);
}

void
mc_rs_windows(const mc_rangeset *s, uint8_t win[2][2])
{
	size_t i;

	win_init(win);
	for (i = 0; i < s->n; i++)
		win_add(win, &s->v[i]);
}

bool
mc_rs_windows_meet(const uint8_t a[2][2], const uint8_t b[2][2])
{
	int f;

	for (f = 0; f < 2; f++)
		if (a[f][0] <= a[f][1] && b[f][0] <= b[f][1] &&
		    a[f][0] <= b[f][1] && b[f][0] <= a[f][1])
			return true;
	return false;
}

/* Lengths as a 129-bit map. */
typedef struct lenmap {
	uint64_t w[3];
} lenmap;

static void
lm_window(lenmap *m, int lo, int hi, int v)
{
	int w;

	/* A word at a time: bits lo..hi of each 64-bit word. */
	for (w = lo / 64; w <= hi / 64 && w < 3; w++) {
		int a = lo > w * 64 ? lo - w * 64 : 0;
		int b = hi < w * 64 + 63 ? hi - w * 64 : 63;
		uint64_t mask;

		if (a > b)
			continue;
		mask = (b - a == 63 ? ~(uint64_t)0 :
		    (((uint64_t)1 << (b - a + 1)) - 1)) << a;
		if (v)
			m->w[w] |= mask;
		else
			m->w[w] &= ~mask;
	}
}

static bool
lm_empty(const lenmap *m)
{
	return (m->w[0] | m->w[1] | m->w[2]) == 0;
}

static int
lm_get(const lenmap *m, int i)
{
	return (int)((m->w[i / 64] >> (i % 64)) & 1);
}

static void
emit_runs(mc_arena *a, mc_rangeset *out, const mc_prefix *p, const lenmap *m)
{
	int bits = mc_af_bits(p->af), i = p->len;
	mc_range r;

	while (i <= bits) {
		int j;

		if (!lm_get(m, i)) {
			i++;
			continue;
		}
		for (j = i; j + 1 <= bits && lm_get(m, j + 1); j++)
			;
		if (mc_range_make(p, i, j, &r))
			push(a, out, &r);
		i = j + 1;
	}
}

/* p's two halves, and where the sorted ranges v[k..n) within p pass from
 * the first half to the second. */
static size_t
split(const mc_prefix *p, const mc_range *v, size_t k, size_t n,
    mc_prefix *c0, mc_prefix *c1)
{
	size_t mid;

	for (mid = k; mid < n && bit_get(&v[mid].p, p->len) == 0; mid++)
		;
	*c0 = *p;
	c0->len++;
	*c1 = *c0;
	bit_set(c1, p->len);
	return mid;
}

/* Emit the part of {p, lengths m} not covered by v[0..n), all of which
 * lie within p. */
static void
descend(mc_arena *a, mc_rangeset *out, const mc_prefix *p, lenmap m,
    const mc_range *v, size_t n)
{
	size_t k = 0, mid;
	mc_prefix c0, c1;

	if (lm_empty(&m))
		return;
	while (k < n && v[k].p.len == p->len) {
		lm_window(&m, v[k].lo, v[k].hi, 0);
		k++;
	}
	if (lm_empty(&m))
		return;
	if (k == n) {
		emit_runs(a, out, p, &m);
		return;
	}
	if (lm_get(&m, p->len)) {
		mc_range r;

		if (mc_range_make(p, p->len, p->len, &r))
			push(a, out, &r);
		lm_window(&m, p->len, p->len, 0);
	}
	if (p->len >= mc_af_bits(p->af) || lm_empty(&m))
		return;
	mid = split(p, v, k, n, &c0, &c1);
	descend(a, out, &c0, m, v + k, mid - k);
	descend(a, out, &c1, m, v + mid, n - mid);
}

/* r's lengths that no range on a strict ancestor of its prefix covers. */
static lenmap
own_lengths(const mc_range *r, const mc_range *const *anc, size_t nanc)
{
	lenmap m;
	size_t k;

	memset(&m, 0, sizeof(m));
	lm_window(&m, r->lo, r->hi, 1);
	for (k = 0; k < nanc; k++)
		lm_window(&m, anc[k]->lo, anc[k]->hi, 0);
	return m;
}

struct sub_arg {
	mc_arena *a;
	mc_rangeset *out;
};

static void
sub_visit(const mc_range *r, const mc_range *const *anc, size_t nanc,
    const mc_range *in, size_t nin, void *arg)
{
	struct sub_arg *sa = arg;

	descend(sa->a, sa->out, &r->p, own_lengths(r, anc, nanc), in, nin);
}

mc_rangeset
mc_rs_subtract(mc_arena *a, const mc_rangeset *x, const mc_rangeset *y)
{
	mc_rangeset out = {0};
	rs_index ix;
	struct sub_arg sa;
	size_t i;

	out.overflow = x->overflow || y->overflow;
	if (y->n == 0) {
		for (i = 0; i < x->n; i++)
			push(a, &out, &x->v[i]);
		return out;
	}
	/* The same ranges: nothing is left.  A condition that holds for a
	 * whole flow often hands back a copy of its set, not the set. */
	if (x->n == y->n && (x->v == y->v ||
	    memcmp(x->v, y->v, x->n * sizeof(*x->v)) == 0))
		return out;
	index_build(a, y, &ix);
	sa.a = a;
	sa.out = &out;
	sweep(a, x, &ix, sub_visit, NULL, &sa);
	compact(a, &out);
	return out;
}

/* ---- witness of a difference ---------------------------------------------- */

/*
 * The witness of x minus y without building the difference: when y is a
 * device's own and customer space, x minus y has tens of thousands of
 * fragments while its least member is usually found near the root.
 */
struct dw_arg {
	bool any;
	mc_prefix best;
};

static int
lm_lowest(const lenmap *m)
{
	int i;

	for (i = 0; i < 3; i++)
		if (m->w[i] != 0)
			return i * 64 + __builtin_ctzll(m->w[i]);
	return -1;
}

/* q (or any member of length len under q) cannot come before the best. */
static bool
dw_beaten(const struct dw_arg *d, const mc_prefix *q, int len)
{
	if (!d->any || len < d->best.len)
		return false;
	if (len > d->best.len)
		return true;
	if (q->af != d->best.af)
		return q->af > d->best.af;
	return addr_cmp(q->a, d->best.a) >= 0;
}

/* Like descend: the least member of {p, lengths m} not covered by
 * v[0..n), all of which lie within p.  The windows of m never go below
 * p's length. */
static void
dw_descend(const mc_prefix *p, lenmap m, const mc_range *v, size_t n,
    struct dw_arg *d)
{
	size_t k = 0, mid;
	mc_prefix c0, c1;
	int low;

	while (k < n && v[k].p.len == p->len) {
		lm_window(&m, v[k].lo, v[k].hi, 0);
		k++;
	}
	if ((low = lm_lowest(&m)) < 0 || dw_beaten(d, p, low))
		return;
	if (k == n || low == p->len) {
		d->best = *p;
		d->best.len = (uint8_t)low;
		d->any = true;
		return;
	}
	if (p->len >= mc_af_bits(p->af))
		return;
	mid = split(p, v, k, n, &c0, &c1);
	dw_descend(&c0, m, v + k, mid - k, d);
	dw_descend(&c1, m, v + mid, n - mid, d);
}

static void
dw_visit(const mc_range *r, const mc_range *const *anc, size_t nanc,
    const mc_range *in, size_t nin, void *arg)
{
	dw_descend(&r->p, own_lengths(r, anc, nanc), in, nin, arg);
}

/* No member of r can come before the best found so far. */
static bool
dw_skip(const mc_range *r, void *arg)
{
	return dw_beaten(arg, &r->p, r->lo);
}

bool
mc_rs_diff_witness(mc_arena *a, const mc_rangeset *x, const mc_rangeset *y,
    mc_prefix *out)
{
	struct dw_arg d;
	rs_index ix;

	if (y->n == 0)
		return mc_rs_witness(x, out);
	memset(&d, 0, sizeof(d));
	/* x's least member, when y does not hold it, is the answer (the
	 * common case: a leak of everything). */
	if (!mc_rs_witness(x, &d.best))
		return false;
	if (!mc_rs_has(y, &d.best)) {
		*out = d.best;
		return true;
	}
	index_build(a, y, &ix);
	sweep(a, x, &ix, dw_visit, dw_skip, &d);
	if (d.any)
		*out = d.best;
	return d.any;
}
