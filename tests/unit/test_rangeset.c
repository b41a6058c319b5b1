/* Prefix-range sets: checked against brute force over a small universe. */
#include <time.h>

#include "helpers.h"
#include "manrs/prefix.h"

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint32_t
rnd(uint32_t n)
{
	return ut_rnd(&rng, n);
}

static mc_prefix
P(const char *s)
{
	mc_prefix p;

	assert_true(mc_prefix_parse(s, strlen(s), &p));
	return p;
}

static mc_range
R(const char *s, int lo, int hi)
{
	mc_prefix p = P(s);
	mc_range r;

	assert_true(mc_range_make(&p, lo, hi, &r));
	return r;
}

static const mc_prefix *
PP(const char *s)
{
	static mc_prefix buf[8];
	static int i;
	mc_prefix *p = &buf[i++ % 8];

	*p = P(s);
	return p;
}

static const mc_range *
RR(const char *s, int lo, int hi)
{
	static mc_range buf[8];
	static int i;
	mc_range *r = &buf[i++ % 8];

	*r = R(s, lo, hi);
	return r;
}

/* The universe: every prefix within 10/8 of length 8..17, the ancestors of
 * 10/8, a few neighbours, and a small IPv6 corner. */
static mc_prefix uni[1200];
static size_t nuni;

static void
build_universe(void)
{
	static const char *extra[] = {
		"11.0.0.0/8", "11.128.0.0/9", "8.0.0.0/7", "9.255.0.0/16",
		"2001:db8::/32", "2001:db8::/33", "2001:db8:8000::/33",
		"2001:db8:1::/48", "2001:db8:1::/64", "2001:db9::/32", "::/0",
		"2000::/3", "fc00::/7",
	};
	mc_prefix base = P("10.0.0.0/8");
	int len, i;
	uint32_t k;

	nuni = 0;
	for (len = 8; len <= 17; len++)
		for (k = 0; k < (1u << (len - 8)); k++) {
			mc_prefix q = base;

			q.len = (uint8_t)len;
			for (i = 0; i < len - 8; i++)
				mc_prefix_set_bit(&q, 8 + i,
				    (int)((k >> (len - 9 - i)) & 1));
			uni[nuni++] = q;
		}
	for (len = 0; len < 8; len++)
		uni[nuni++] = mc_prefix_trunc(&base, len);
	for (i = 0; i < (int)(sizeof(extra) / sizeof(extra[0])); i++)
		uni[nuni++] = P(extra[i]);
}

static mc_range
random_range(void)
{
	mc_prefix p = P("10.0.0.0/8");
	mc_range r;
	int len, i, lo, hi;

	switch (rnd(12)) {
	case 0:
		p = P("0.0.0.0/0");
		break;
	case 1:
		p = P("10.0.0.0/7");
		break;
	case 2:
		p = P(rnd(2) ? "2001:db8::/32" : "2001:db8:1::/48");
		break;
	default:
		len = 8 + (int)rnd(7);
		p.len = (uint8_t)len;
		for (i = 8; i < len; i++)
			mc_prefix_set_bit(&p, i, (int)rnd(2));
		break;
	}
	for (;;) {
		lo = (int)p.len - 2 + (int)rnd(10);
		hi = lo - 1 + (int)rnd(8);
		if (p.af == MC_AF6)
			hi = hi < 64 ? 64 : hi;
		if (mc_range_make(&p, lo, hi, &r))
			return r;
	}
}

static mc_rangeset
random_set(mc_arena *a)
{
	mc_rangeset s = {0};
	int n = (int)rnd(7), i;

	for (i = 0; i < n; i++) {
		mc_range r = random_range();

		mc_rs_add(a, &s, &r);
	}
	return s;
}

static bool
brute_has(const mc_rangeset *s, const mc_prefix *q)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		const mc_range *r = &s->v[i];

		if (r->p.af == q->af && q->len >= r->lo && q->len <= r->hi &&
		    mc_prefix_contains(&r->p, q))
			return true;
	}
	return false;
}

static void
test_range_make(void **state)
{
	mc_prefix p = P("10.1.2.3/8");
	mc_range r;

	(void)state;
	assert_true(mc_range_make(&p, 0, 99, &r));
	assert_int_equal(r.lo, 8);
	assert_int_equal(r.hi, 32);
	assert_int_equal(r.p.a[1], 0);	/* host bits cleared */
	assert_false(mc_range_make(&p, 25, 24, &r));
	assert_false(mc_range_make(&p, 33, 40, &r));
	assert_true(mc_range_has(RR("10.0.0.0/8", 16, 24),
	    PP("10.9.0.0/16")));
	assert_false(mc_range_has(RR("10.0.0.0/8", 16, 24),
	    PP("10.0.0.0/8")));
	assert_false(mc_range_has(RR("10.0.0.0/8", 8, 32),
	    PP("11.0.0.0/8")));
}

static void
test_random_vs_brute(void **state)
{
	mc_arena *a = mc_arena_new();
	int iter;

	(void)state;
	build_universe();
	for (iter = 0; iter < 4000; iter++) {
		mc_rangeset x = random_set(a), y = random_set(a);
		mc_rangeset i = mc_rs_intersect(a, &x, &y);
		mc_rangeset u = mc_rs_union(a, &x, &y);
		mc_rangeset d = mc_rs_subtract(a, &x, &y);
		mc_prefix w;
		size_t k;

		for (k = 0; k < nuni; k++) {
			const mc_prefix *q = &uni[k];
			bool in_x = brute_has(&x, q), in_y = brute_has(&y, q);

			if (mc_rs_has(&i, q) != (in_x && in_y) ||
			    mc_rs_has(&u, q) != (in_x || in_y) ||
			    mc_rs_has(&d, q) != (in_x && !in_y)) {
				char b[MC_PREFIX_STRLEN];

				fail_msg("iteration %d: %s", iter, mc_prefix_fmt(q, b));
			}
		}
		/* Emptiness and witnesses agree with membership. */
		assert_int_equal(mc_rs_empty(&d), d.n == 0);
		if (mc_rs_witness(&d, &w)) {
			int minlen = 255;

			assert_true(brute_has(&d, &w));
			assert_true(brute_has(&x, &w) && !brute_has(&y, &w));
			for (k = 0; k < d.n; k++)
				if (d.v[k].lo < minlen)
					minlen = d.v[k].lo;
			assert_int_equal(w.len, minlen);
		} else
			assert_true(mc_rs_empty(&d));
		/* The witness of the difference, found without building it,
		 * is the same prefix. */
		{
			mc_prefix w2;
			bool b1 = mc_rs_witness(&d, &w),
			    b2 = mc_rs_diff_witness(a, &x, &y, &w2);

			assert_int_equal(b1, b2);
			if (b1 && (w.len != w2.len ||
			    memcmp(w.a, w2.a, sizeof(w.a)) != 0)) {
				char b[MC_PREFIX_STRLEN], c[MC_PREFIX_STRLEN];

				fail_msg("iteration %d: diff witness %s, not %s",
				    iter, mc_prefix_fmt(&w2, b),
				    mc_prefix_fmt(&w, c));
			}
		}
		assert_false(i.overflow || u.overflow || d.overflow);
	}
	mc_arena_free(a);
}

/* got is want, range for range, and holds what both x and y hold (every
 * step-th prefix of the universe); counts got as empty or not. */
static void
same_isect(const mc_rangeset *got, const mc_rangeset *want,
    const mc_rangeset *x, const mc_rangeset *y, size_t step, int *hits,
    int *empty)
{
	size_t k;

	assert_int_equal(got->n, want->n);
	assert_int_equal(got->overflow, want->overflow);
	if (got->n > 0)
		assert_memory_equal(got->v, want->v, got->n * sizeof(*got->v));
	*hits += got->n > 0;
	*empty += got->n == 0;
	for (k = 0; k < nuni; k += step)
		assert_int_equal(mc_rs_has(got, &uni[k]),
		    brute_has(x, &uni[k]) && brute_has(y, &uni[k]));
}

/* One range against an indexed set gives what mc_rs_intersect gives, range
 * for range, on sets in order and not, with duplicates, both families and
 * ancestors at many lengths; and membership agrees with brute force. */
static void
test_index_isect(void **state)
{
	mc_arena *a = mc_arena_new();
	int iter, hits = 0, empty = 0;

	(void)state;
	build_universe();
	for (iter = 0; iter < 3000; iter++) {
		mc_rangeset y = {0};
		mc_rs_index ix;
		int n = 16 + (int)rnd(iter % 4 == 0 ? 300 : 40), i, q;

		for (i = 0; i < n; i++) {
			mc_range r = random_range();

			if (rnd(3) == 0) {	/* one exact prefix: sparse sets */
				const mc_prefix *p = &uni[rnd((uint32_t)nuni)];

				assert_true(mc_range_make(p, p->len, p->len, &r));
			}
			mc_rs_add(a, &y, &r);
			if (rnd(8) == 0)	/* a duplicate */
				mc_rs_add(a, &y, &r);
		}
		if (iter % 3 == 0)
			mc_rs_compact(a, &y);
		y.overflow = iter % 50 == 7;
		mc_rs_index_build(a, &y, &ix);
		for (q = 0; q < 40; q++) {
			mc_range x;
			mc_rangeset one = {0}, want, got;

			if (rnd(2)) {
				x = random_range();
			} else {
				const mc_prefix *p = &uni[rnd((uint32_t)nuni)];

				assert_true(mc_range_make(p, p->len, p->len, &x));
			}
			mc_rs_add(a, &one, &x);
			one.overflow = q == 3;
			want = mc_rs_intersect(a, &one, &y);
			got = mc_rs_index_isect(a, &x, one.overflow, &ix);
			same_isect(&got, &want, &one, &y, 7, &hits, &empty);
		}
	}
	/* Both answers are common: the comparison is not vacuous. */
	assert_true(hits > 10000 && empty > 10000);
	mc_arena_free(a);
}

/* A whole set against an indexed one with parents gives what
 * mc_rs_intersect gives, byte for byte after compaction: sets in order and
 * not, compacted or not, with duplicates, same-prefix windows, both
 * families, ancestors many levels up; and the parents hold their ranges. */
static void
test_index_isect_set(void **state)
{
	mc_arena *a = mc_arena_new();
	int iter, hits = 0, empty = 0, deep = 0;

	(void)state;
	build_universe();
	for (iter = 0; iter < 3000; iter++) {
		mc_rangeset y = {0}, x = {0}, want, got;
		mc_rs_index ix;
		int n = 1 + (int)rnd(iter % 4 == 0 ? 300 : 60), i;
		int m = 1 + (int)rnd(iter % 5 == 0 ? 80 : 12);
		size_t k;

		for (i = 0; i < n + m; i++) {
			mc_range r = random_range();

			if (rnd(3) == 0) {	/* one exact prefix */
				const mc_prefix *p = &uni[rnd((uint32_t)nuni)];

				assert_true(mc_range_make(p, p->len, p->len,
				    &r));
			}
			mc_rs_add(a, i < n ? &y : &x, &r);
			if (rnd(8) == 0)	/* a duplicate */
				mc_rs_add(a, i < n ? &y : &x, &r);
		}
		if (iter % 3 == 0)
			mc_rs_compact(a, &y);
		if (iter % 4 == 1)
			mc_rs_compact(a, &x);
		y.overflow = iter % 50 == 7;
		x.overflow = iter % 70 == 9;
		mc_rs_index_build(a, &y, &ix);
		assert_true(mc_rs_index_parents(a, &ix));
		for (k = 0; k < ix.s.n; k++) {
			uint32_t up = ix.parent[k];

			if (up == UINT32_MAX)
				continue;
			assert_true(up < k);
			assert_true(mc_prefix_contains(&ix.s.v[up].p,
			    &ix.s.v[k].p));
			deep += ix.parent[up] != UINT32_MAX;
		}
		want = mc_rs_intersect(a, &x, &y);
		got = mc_rs_index_isect_set(a, &x, &ix);
		same_isect(&got, &want, &x, &y, 11, &hits, &empty);
	}
	/* Not vacuous: both answers, and chains of more than one parent. */
	assert_true(hits > 500 && empty > 100 && deep > 1000);
	mc_arena_free(a);
}

/*
 * mc_rs_compact says when its result is where compaction stops: compacting
 * it again changes nothing; a big set whose sibling merges cascade is cut
 * short and says so.  An intersection told that one side is such a set
 * gives what mc_rs_intersect gives, byte for byte, by a sweep and by
 * either index, also when the answer is all of that side (the case it
 * skips compaction for, made common here by flows that cover the list).
 */
/* A customer's entry under 10.0.0.0/8: /12 to /24, windows to /32. */
static mc_range
block_range(void)
{
	mc_prefix p = P("10.0.0.0/8");
	mc_range r;
	int len = 12 + (int)rnd(13), i, lo, hi;

	p.len = (uint8_t)len;
	for (i = 8; i < len; i++)
		mc_prefix_set_bit(&p, i, (int)rnd(2));
	lo = len + (int)rnd(4);
	hi = lo + (int)rnd(33 - lo);
	assert_true(mc_range_make(&p, lo, hi, &r));
	return r;
}

/* 10.0.0.0/8 as sixteen /12s of /12 (/13 every other) to /32 (/24 with
 * nested: then
 * 10.0.0.0/16 and 10.16.0.0/16 of /20 to /32 too, meeting their parent's
 * window), and 2001:db8::/32 to /128. */
static mc_rangeset
target_blocks(mc_arena *a, bool nested)
{
	mc_rangeset t = {0};
	mc_range r;
	int k;

	for (k = 0; k < 16; k++) {
		mc_prefix p = P("10.0.0.0/12");

		p.a[1] = (uint8_t)(k << 4);
		/* windows alike would merge the siblings into one */
		assert_true(mc_range_make(&p, 12 + (k & 1), nested ? 24 : 32,
		    &r));
		mc_rs_add(a, &t, &r);
	}
	if (nested) {
		r.p = P("10.0.0.0/16");
		assert_true(mc_range_make(&r.p, 20, 32, &r));
		mc_rs_add(a, &t, &r);
		r.p = P("10.16.0.0/16");
		assert_true(mc_range_make(&r.p, 20, 32, &r));
		mc_rs_add(a, &t, &r);
	}
	r.p = P("2001:db8::/32");
	assert_true(mc_range_make(&r.p, 32, 128, &r));
	mc_rs_add(a, &t, &r);
	return t;
}

/* A set's length windows per family are the shortest and longest length
 * its ranges admit, frozen or not; sets whose windows do not meet share
 * nothing; a range added by hand (host bits, a window outside its length)
 * is added as mc_range_make makes it. */
static void
test_windows(void **state)
{
	mc_arena *a = mc_arena_new();
	int iter, apart = 0;

	(void)state;
	build_universe();
	for (iter = 0; iter < 2000; iter++) {
		mc_rangeset x = random_set(a), y = random_set(a), xf, i;
		uint8_t wx[2][2], wy[2][2];
		int f;
		size_t k;

		mc_rs_windows(&x, wx);
		for (f = 0; f < 2; f++) {
			int lo = 255, hi = 0;

			for (k = 0; k < x.n; k++)
				if ((x.v[k].p.af == MC_AF6) == f) {
					lo = x.v[k].lo < lo ? x.v[k].lo : lo;
					hi = x.v[k].hi > hi ? x.v[k].hi : hi;
				}
			assert_int_equal(wx[f][0], lo);
			assert_int_equal(wx[f][1], hi);
		}
		xf = mc_rs_copy(a, &x);
		mc_rs_freeze(&xf);
		assert_memory_equal(xf.win, wx, sizeof(wx));
		mc_rs_windows(&y, wy);
		if (mc_rs_windows_meet(wx, wy))
			continue;
		apart++;
		i = mc_rs_intersect(a, &x, &y);
		assert_int_equal(i.n, 0);
		for (k = 0; k < nuni; k++)
			assert_false(brute_has(&x, &uni[k]) &&
			    brute_has(&y, &uni[k]));
	}
	assert_true(apart > 100);
	for (iter = 0; iter < 2000; iter++) {
		mc_range r = random_range(), want;
		mc_rangeset s = {0};
		bool ok;

		/* long IPv6 prefixes too, to /128 */
		if (iter % 3 == 0) {
			size_t b;

			r.p.af = MC_AF6;
			r.p.len = (uint8_t)(56 + rnd(73));
			for (b = 0; b < 16; b++)
				r.p.a[b] = (uint8_t)rnd(256);
			mc_prefix_clear_host(&r.p);
			r.lo = r.hi = r.p.len;
		}
		/* spoil it (most of the time): host bits, windows below the
		 * length or past the family's bits */
		if (iter % 4 != 0) {
			r.p.a[(size_t)rnd(16)] |= (uint8_t)(1u << rnd(8));
			r.lo = (uint8_t)rnd(140);
			r.hi = (uint8_t)rnd(140);
		}
		ok = mc_range_make(&r.p, r.lo, r.hi, &want);
		mc_rs_add(a, &s, &r);
		assert_int_equal(s.n, ok ? 1 : 0);
		if (ok)
			assert_memory_equal(&s.v[0], &want, sizeof(want));
	}
	mc_arena_free(a);
}

static void
test_intersect_fixed(void **state)
{
	mc_arena *a = mc_arena_new();
	int iter, hits = 0, empty = 0, whole = 0;
	mc_rangeset big = {0}, again;
	uint32_t k;
	int inside = 0;

	(void)state;
	build_universe();
	for (iter = 0; iter < 3000; iter++) {
		mc_rangeset y = {0}, x = {0}, y2, want, got, xf;
		mc_rs_index ix, ixx;
		bool fixed;
		int n = 1 + (int)rnd(iter % 4 == 0 ? 200 : 40), i;

		for (i = 0; i < n; i++) {
			mc_range r = iter % 5 >= 3 ? block_range() :
			    random_range();

			mc_rs_add(a, &y, &r);
		}
		fixed = mc_rs_compact(a, &y);
		assert_true(fixed);	/* small sets always get there */
		y2 = mc_rs_copy(a, &y);
		assert_true(mc_rs_compact(a, &y2));
		assert_int_equal(y2.n, y.n);
		if (y.n > 0)
			assert_memory_equal(y2.v, y.v, y.n * sizeof(*y.v));
		/* a flow: random, y's own ranges and more, or everything */
		switch (iter % 5) {
		case 0:
			x = random_set(a);
			break;
		case 1:
			x = mc_rs_copy(a, &y);
			for (i = 0; i < 3; i++) {
				mc_range r = random_range();

				mc_rs_add(a, &x, &r);
			}
			mc_rs_compact(a, &x);
			break;
		case 2:
			x = mc_rs_universe(a, 0);
			break;
		default:
			/* a target of blocks (the rules' global unicast):
			 * sixteen /12s, and in case 4 /16s nested in them
			 * whose windows meet theirs */
			x = target_blocks(a, iter % 5 == 4);
			break;
		}
		want = mc_rs_intersect(a, &x, &y);
		whole += want.n == y.n && y.n > 0 &&
		    memcmp(want.v, y.v, y.n * sizeof(*y.v)) == 0;
		got = mc_rs_intersect_fixed(a, &x, &y, &y);
		same_isect(&got, &want, &x, &y, 13, &hits, &empty);
		got = mc_rs_intersect_fixed(a, &y, &x, &y);
		same_isect(&got, &want, &x, &y, 13, &hits, &empty);
		mc_rs_index_build(a, &y, &ix);
		if (mc_rs_index_parents(a, &ix)) {
			got = mc_rs_index_isect_set_fixed(a, &x, &ix, &y);
			same_isect(&got, &want, &x, &y, 13, &hits, &empty);
		}
		mc_rs_index_build(a, &x, &ixx);
		if (mc_rs_index_parents(a, &ixx)) {
			got = mc_rs_index_isect_set_fixed(a, &y, &ixx, &y);
			same_isect(&got, &want, &x, &y, 13, &hits, &empty);
		}
		/* a frozen flow: the list may be taken whole without a
		 * sweep when each of its ranges lies in one of the flow's */
		xf = mc_rs_copy(a, &x);
		mc_rs_compact(a, &xf);
		mc_rs_freeze(&xf);
		want = mc_rs_intersect(a, &xf, &y);
		inside += want.n == y.n && y.n >= 8 && xf.n >= 8 &&
		    memcmp(want.v, y.v, y.n * sizeof(*y.v)) == 0;
		got = mc_rs_intersect_fixed(a, &xf, &y, &y);
		same_isect(&got, &want, &xf, &y, 13, &hits, &empty);
		got = mc_rs_intersect_fixed(a, &y, &xf, &y);
		same_isect(&got, &want, &xf, &y, 13, &hits, &empty);
	}
	assert_true(hits > 1000 && empty > 100 && whole > 500);
	assert_true(inside > 200);
	/* 8192 sibling /24s: the one round a big set gets is not enough */
	for (k = 0; k < 8192; k++) {
		mc_prefix p = P("10.0.0.0/24");
		mc_range r;

		p.a[1] = (uint8_t)(k >> 8);
		p.a[2] = (uint8_t)k;
		assert_true(mc_range_make(&p, 24, 24, &r));
		mc_rs_add(a, &big, &r);
	}
	assert_false(mc_rs_compact(a, &big));
	again = mc_rs_copy(a, &big);
	assert_true(mc_rs_compact(a, &again));
	assert_true(again.n < big.n);
	mc_arena_free(a);
}

/* Membership of many prefixes in one pass equals mc_rs_has for each, on
 * sets in order and not, with queries in range order (duplicates too) and
 * out of order (the per-prefix fallback). */
static int
cmp_range(const void *a, const void *b)
{
	return mc_range_cmp(a, b);
}

static void
test_has_each(void **state)
{
	mc_arena *a = mc_arena_new();
	int iter, yes = 0, no = 0;

	(void)state;
	build_universe();
	for (iter = 0; iter < 2000; iter++) {
		mc_rangeset s = random_set(a), q = {0};
		bool out[80];
		int n = 1 + (int)rnd(70), i;

		for (i = 0; i < 3 + (int)rnd(200); i++) {
			mc_range r = random_range();

			mc_rs_add(a, &s, &r);
		}
		if (iter % 2 == 0)
			mc_rs_compact(a, &s);
		for (i = 0; i < n; i++) {
			const mc_prefix *p = &uni[rnd((uint32_t)nuni)];
			mc_range r;

			assert_true(mc_range_make(p, p->len, p->len, &r));
			mc_rs_add(a, &q, &r);
			if (rnd(10) == 0)
				mc_rs_add(a, &q, &r);	/* a duplicate */
		}
		if (q.n > 80)
			q.n = 80;
		if (iter % 5 != 0)
			qsort(q.v, q.n, sizeof(*q.v), cmp_range);
		mc_rs_has_each(a, &s, &q, out);
		for (i = 0; i < (int)q.n; i++) {
			assert_int_equal(out[i], mc_rs_has(&s, &q.v[i].p));
			assert_int_equal(out[i], brute_has(&s, &q.v[i].p));
			yes += out[i];
			no += !out[i];
		}
	}
	assert_true(yes > 5000 && no > 5000);
	mc_arena_free(a);
}

/* A frozen set remembers whether it is in range order, and the sweeps
 * trust that instead of checking again: sets frozen out of order (added
 * by hand, never compacted) and in order must answer alike. */
static void
test_frozen_order(void **state)
{
	mc_arena *a = mc_arena_new();
	int iter;

	(void)state;
	build_universe();
	for (iter = 0; iter < 200; iter++) {
		mc_rangeset x = {0}, y = {0}, rev = {0}, c, i1, i2;
		int n = 2 + (int)rnd(60), i;
		size_t k;

		for (i = 0; i < n; i++) {
			mc_range r = random_range();

			mc_rs_add(a, &x, &r);
			r = random_range();
			mc_rs_add(a, &y, &r);
		}
		for (k = x.n; k > 0; k--)
			mc_rs_add(a, &rev, &x.v[k - 1]);
		c = mc_rs_copy(a, &x);
		mc_rs_compact(a, &c);
		mc_rs_freeze(&rev);
		mc_rs_freeze(&c);
		mc_rs_compact(a, &y);
		i1 = mc_rs_intersect(a, &rev, &y);
		i2 = mc_rs_intersect(a, &c, &y);
		for (k = 0; k < nuni; k++) {
			bool want = brute_has(&x, &uni[k]) &&
			    brute_has(&y, &uni[k]);

			if (mc_rs_has(&i1, &uni[k]) != want ||
			    mc_rs_has(&i2, &uni[k]) != want)
				fail_msg("iteration %d: intersection differs",
				    iter);
		}
		assert_int_equal(mc_rs_space(a, &rev, MC_AF4),
		    mc_rs_space(a, &c, MC_AF4));
		assert_int_equal(mc_rs_space(a, &rev, MC_AF6),
		    mc_rs_space(a, &c, MC_AF6));
	}
	mc_arena_free(a);
}

/* Big IPv4 sets are spread over up to 2^14 buckets by their top bits
 * before sorting; with one IPv6 range added the same ranges are sorted
 * by comparisons.  Both must give the same IPv4 ranges, strictly in
 * order (also after a round of sibling merges, which for sets of more
 * than 4,096 ranges is the only round), each original range kept. */
static void
test_radix_buckets(void **state)
{
	static const size_t sizes[] = { 2047, 2048, 5000, 9000, 40000, 70000 };
	mc_arena *a = mc_arena_new();
	size_t s, i, k;

	(void)state;
	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		mc_rangeset x = {0}, y, c1, c2;
		mc_range six;

		for (i = 0; i < sizes[s]; i++) {
			mc_prefix q;
			mc_range r;
			int b, len = 8 + (int)rnd(17);

			/* half crowded under three /8s (deep buckets),
			 * half anywhere */
			memset(&q, 0, sizeof(q));
			q.af = MC_AF4;
			q.len = (uint8_t)len;
			for (b = 0; b < len; b++)
				mc_prefix_set_bit(&q, b, (int)rnd(2));
			if (rnd(2))
				q.a[0] = (uint8_t)(10 + rnd(3));
			if (!mc_range_make(&q, len + (int)rnd(3),
			    len + 3 + (int)rnd(5), &r))
				continue;
			mc_rs_add(a, &x, &r);
		}
		y = mc_rs_copy(a, &x);
		assert_true(mc_range_make(&(mc_prefix){ .af = MC_AF6, .len = 32,
		    .a = { 0x20, 0x01, 0x0d, 0xb8 } }, 32, 48, &six));
		mc_rs_add(a, &y, &six);
		c1 = mc_rs_copy(a, &x);
		mc_rs_compact(a, &c1);
		c2 = y;
		mc_rs_compact(a, &c2);
		assert_int_equal(c1.n + 1, c2.n);
		for (k = 0; k < c1.n; k++) {
			assert_int_equal(mc_range_cmp(&c1.v[k], &c2.v[k]), 0);
			if (k > 0)
				assert_true(mc_range_cmp(&c1.v[k - 1],
				    &c1.v[k]) < 0);
		}
		for (k = 0; k < x.n; k++) {
			mc_prefix q = x.v[k].p;

			q.len = x.v[k].lo;
			assert_true(mc_rs_has(&c1, &q));
		}
	}
	mc_arena_free(a);
}

/* Sets of 24 and more IPv4 ranges are sorted by the radix path of
 * compaction, mixed ones by comparisons: both give the same set, in
 * range order. */
static void
test_big_sets_sorted(void **state)
{
	mc_arena *a = mc_arena_new();
	int iter;

	(void)state;
	build_universe();
	mc_rangeset prev = {0};

	for (iter = 0; iter < 300; iter++) {
		mc_rangeset x = {0}, c;
		int n = 24 + (int)rnd(180), i;
		size_t k;

		for (i = 0; i < n; i++) {
			mc_range r = random_range();

			if (r.p.af == MC_AF6 && iter % 2 == 0)
				continue;	/* even iterations: IPv4 only */
			if (r.p.af == MC_AF4 && rnd(2)) {
				/* deeper, crowded under two /16s so that every
				 * octet decides an order */
				mc_prefix q = P(rnd(2) ? "10.1.0.0/16" :
				    "10.2.0.0/16");
				int b, len = 16 + (int)rnd(15);

				q.len = (uint8_t)len;
				for (b = 16; b < len; b++)
					mc_prefix_set_bit(&q, b, (int)rnd(2));
				if (!mc_range_make(&q, len + (int)rnd(3),
				    32 - (int)rnd(3), &r))
					continue;
			}
			mc_rs_add(a, &x, &r);
		}
		c = mc_rs_copy(a, &x);
		mc_rs_compact(a, &c);
		for (k = 1; k < c.n; k++)
			if (mc_range_cmp(&c.v[k - 1], &c.v[k]) >= 0)
				fail_msg("iteration %d: ranges %zu and %zu out "
				    "of order", iter, k - 1, k);
		for (k = 0; k < nuni; k++)
			if (mc_rs_has(&c, &uni[k]) != brute_has(&x, &uni[k]))
				fail_msg("iteration %d: membership differs",
				    iter);
		for (k = 0; k < x.n; k++) {
			mc_prefix q = x.v[k].p;

			q.len = x.v[k].lo;	/* host bits are clear */
			if (!mc_rs_has(&c, &q))
				fail_msg("iteration %d: range %zu lost", iter, k);
		}
		/* The union of two compacted sets merges them in order. */
		if (iter > 0) {
			mc_rangeset u = mc_rs_union(a, &c, &prev);

			for (k = 1; k < u.n; k++)
				assert_true(mc_range_cmp(&u.v[k - 1], &u.v[k]) < 0);
			for (k = 0; k < nuni; k++)
				if (mc_rs_has(&u, &uni[k]) != (mc_rs_has(&c,
				    &uni[k]) || mc_rs_has(&prev, &uni[k])))
					fail_msg("iteration %d: union differs",
					    iter);
			for (k = 0; k < prev.n; k++) {
				mc_prefix q = prev.v[k].p;

				q.len = prev.v[k].hi < 32 ? prev.v[k].hi :
				    prev.v[k].lo;
				if (q.af == MC_AF4 && !mc_rs_has(&u, &q))
					fail_msg("iteration %d: union lost "
					    "range %zu", iter, k);
			}
		}
		prev = c;
	}
	mc_arena_free(a);
}

static void
test_subtract_shape(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_rangeset x = {0}, y = {0}, d;
	mc_range r;

	(void)state;
	/* 10/8 le 24 minus 10.64.0.0/10 le 16: siblings 10.128/9 and
	 * 10.0/10 keep the window, the ancestors 10/8 and 10/9 remain as
	 * exact lengths, inside 10.64/10 only /17../24 remain. */
	r = R("10.0.0.0/8", 8, 24);
	mc_rs_add(a, &x, &r);
	r = R("10.64.0.0/10", 10, 16);
	mc_rs_add(a, &y, &r);
	d = mc_rs_subtract(a, &x, &y);
	assert_true(mc_rs_has(&d, PP("10.0.0.0/8")));
	assert_true(mc_rs_has(&d, PP("10.0.0.0/9")));
	assert_true(mc_rs_has(&d, PP("10.128.0.0/9")));
	assert_true(mc_rs_has(&d, PP("10.0.0.0/10")));
	assert_false(mc_rs_has(&d, PP("10.64.0.0/10")));
	assert_false(mc_rs_has(&d, PP("10.65.0.0/16")));
	assert_true(mc_rs_has(&d, PP("10.65.0.0/17")));
	assert_true(mc_rs_has(&d, PP("10.65.1.0/24")));
	assert_false(mc_rs_has(&d, PP("10.65.1.0/25")));
	/* Less specific subtrahend: only the window is cut. */
	y.n = 0;
	r = R("0.0.0.0/0", 20, 22);
	mc_rs_add(a, &y, &r);
	d = mc_rs_subtract(a, &x, &y);
	assert_int_equal(d.n, 2);
	assert_true(mc_rs_has(&d, PP("10.1.0.0/19")));
	assert_false(mc_rs_has(&d, PP("10.1.0.0/21")));
	assert_true(mc_rs_has(&d, PP("10.1.0.0/23")));
	mc_arena_free(a);
}

/* Sibling ranges with one window merge into their parent, up the tree:
 * the 256 /24s of a /16 in any order become one range.  A /26 under one
 * of them stays apart (another window); under 10.0.4.0/24 it follows its
 * parent, so that pair is found by the search, the others by the look at
 * the next range. */
static void
test_siblings_cascade(void **state)
{
	mc_arena *a = mc_arena_new();
	int iter;

	(void)state;
	for (iter = 0; iter < 40; iter++) {
		mc_rangeset x = {0};
		mc_range r, v[256];
		char buf[32];
		int i, k = iter % 3;	/* 0: no /26; 1: under .4; 2: under .5 */

		for (i = 0; i < 256; i++) {
			snprintf(buf, sizeof(buf), "10.0.%d.0/24", i);
			v[i] = R(buf, 24, 24);
		}
		for (i = 255; i > 0; i--) {
			int j = (int)rnd((uint32_t)i + 1);

			r = v[i];
			v[i] = v[j];
			v[j] = r;
		}
		for (i = 0; i < 256; i++)
			mc_rs_add(a, &x, &v[i]);
		if (k > 0) {
			r = R(k == 1 ? "10.0.4.0/26" : "10.0.5.0/26", 26, 26);
			mc_rs_add(a, &x, &r);
		}
		mc_rs_compact(a, &x);
		assert_int_equal(x.n, k > 0 ? 2 : 1);
		assert_true(mc_prefix_eq(&x.v[0].p, PP("10.0.0.0/16")));
		assert_int_equal(x.v[0].lo, 24);
		assert_int_equal(x.v[0].hi, 24);
		assert_true(mc_rs_has(&x, PP("10.0.77.0/24")));
		assert_false(mc_rs_has(&x, PP("10.0.77.0/25")));
		assert_true(mc_rs_has(&x, PP(k == 1 ? "10.0.4.0/26" :
		    "10.0.4.0/24")));
	}
	mc_arena_free(a);
}

static void
test_union_compacts(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_rangeset x = {0}, y = {0}, d, u, i;
	mc_range r;

	(void)state;
	/* (A - B) u (A n B) is A again, in one range. */
	r = R("10.0.0.0/8", 8, 32);
	mc_rs_add(a, &x, &r);
	r = R("10.1.2.0/24", 24, 28);
	mc_rs_add(a, &y, &r);
	d = mc_rs_subtract(a, &x, &y);
	assert_true(d.n > 10);
	i = mc_rs_intersect(a, &x, &y);
	u = mc_rs_union(a, &d, &i);
	assert_int_equal(u.n, 1);
	assert_true(mc_prefix_eq(&u.v[0].p, &x.v[0].p));
	assert_int_equal(u.v[0].lo, 8);
	assert_int_equal(u.v[0].hi, 32);
	mc_arena_free(a);
}

static void
test_ipv6_and_mixed(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_rangeset all = mc_rs_universe(a, 0), v6 = mc_rs_universe(a, MC_AF6);
	mc_rangeset glob = {0}, bog, x;
	mc_range r;
	mc_prefix w;

	(void)state;
	assert_int_equal(all.n, 2);
	r = R("2000::/3", 3, 128);
	mc_rs_add(a, &glob, &r);
	bog = mc_rs_subtract(a, &v6, &glob);	/* outside 2000::/3 */
	assert_true(mc_rs_has(&bog, PP("fc00::/7")));
	assert_true(mc_rs_has(&bog, PP("::/0")));
	assert_true(mc_rs_has(&bog, PP("::/2")));
	assert_false(mc_rs_has(&bog, PP("2001:db8::/32")));
	assert_false(mc_rs_has(&bog, PP("10.0.0.0/8")));
	assert_true(mc_rs_witness(&bog, &w));
	assert_int_equal(w.af, MC_AF6);
	assert_int_equal(w.len, 0);
	/* Mixed: intersecting both families with v6-only keeps v6 only. */
	x = mc_rs_intersect(a, &all, &glob);
	assert_int_equal(x.n, 1);
	assert_int_equal(x.v[0].p.af, MC_AF6);
	/* A v4 range does not cut v6. */
	r = R("0.0.0.0/0", 0, 32);
	x = mc_rs_subtract(a, &all, &(mc_rangeset){ .v = &r, .n = 1, .cap = 1 });
	assert_int_equal(x.n, 1);
	assert_int_equal(x.v[0].p.af, MC_AF6);
	/* 2001:db8::/32 le 48 minus 2001:db8:1::/48. */
	x.n = 0;
	r = R("2001:db8::/32", 32, 48);
	mc_rs_add(a, &x, &r);
	r = R("2001:db8:1::/48", 48, 48);
	x = mc_rs_subtract(a, &x, &(mc_rangeset){ .v = &r, .n = 1, .cap = 1 });
	assert_false(mc_rs_has(&x, PP("2001:db8:1::/48")));
	assert_true(mc_rs_has(&x, PP("2001:db8:2::/48")));
	assert_true(mc_rs_has(&x, PP("2001:db8::/47")));
	assert_true(mc_rs_has(&x, PP("2001:db8::/32")));
	assert_false(mc_rs_has(&x, PP("2001:db8:2::/49")));
	mc_rs_witness(&x, &w);
	assert_int_equal(w.len, 32);
	mc_arena_free(a);
}

static void
test_single_and_witness_order(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_prefix p = P("198.51.100.0/24"), w;
	mc_rangeset s = mc_rs_single(a, &p), t = {0};
	mc_range r;

	(void)state;
	assert_true(mc_rs_has(&s, &p));
	assert_false(mc_rs_has(&s, PP("198.51.100.0/25")));
	assert_false(mc_rs_witness(&t, &w));
	/* Same shortest length: lowest address, whatever the order. */
	r = R("192.168.0.0/16", 16, 24);
	mc_rs_add(a, &t, &r);
	r = R("172.16.0.0/12", 16, 24);
	mc_rs_add(a, &t, &r);
	assert_true(mc_rs_witness(&t, &w));
	assert_true(mc_prefix_eq(&w, PP("172.16.0.0/16")));
	mc_arena_free(a);
}

static void
test_overflow_and_speed(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_rangeset all = mc_rs_universe(a, MC_AF4), holes = {0}, d, i;
	clock_t t0 = clock();
	int k;

	(void)state;
	/* 5000 random /24 holes: the complement is large but exact. */
	for (k = 0; k < 5000; k++) {
		mc_prefix p = { .af = MC_AF4, .len = 24 };
		mc_range r;

		p.a[0] = (uint8_t)(1 + rnd(223));
		p.a[1] = (uint8_t)rnd(256);
		p.a[2] = (uint8_t)rnd(256);
		mc_range_make(&p, 24, 24, &r);
		mc_rs_add(a, &holes, &r);
	}
	d = mc_rs_subtract(a, &all, &holes);
	assert_false(d.overflow);
	for (k = 0; k < 100; k++)
		assert_false(mc_rs_has(&d, &holes.v[k].p));
	i = mc_rs_intersect(a, &d, &holes);
	assert_true(mc_rs_empty(&i));
	/* Too many holes: the set stops growing and says so. */
	for (k = 0; k < 20000; k++) {
		mc_prefix p = { .af = MC_AF4, .len = 32 };
		mc_range r;

		p.a[0] = (uint8_t)(1 + rnd(223));
		p.a[1] = (uint8_t)rnd(256);
		p.a[2] = (uint8_t)rnd(256);
		p.a[3] = (uint8_t)rnd(256);
		mc_range_make(&p, 32, 32, &r);
		mc_rs_add(a, &holes, &r);
	}
	d = mc_rs_subtract(a, &all, &holes);
	assert_true(d.overflow);
	(void)t0;	/* speed is measured in make bench, not asserted here */
	mc_arena_free(a);
}

/* A frozen set keeps its hash until it changes; equal content, equal
 * hash; a change of one window changes it. */
static void
test_freeze_and_hash(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_rangeset x = random_set(a), y, z;
	uint64_t h1, h2, g1, g2;

	(void)state;
	mc_rs_compact(a, &x);
	y = mc_rs_copy(a, &x);
	mc_rs_freeze(&x);
	assert_true(x.fp[0] != 0 || x.fp[1] != 0);
	{
		/* the frozen set's stored witness is the scanned one */
		mc_prefix w1, w2;
		bool b1 = mc_rs_witness(&x, &w1), b2 = mc_rs_witness(&y, &w2);

		assert_int_equal(b1, b2);
		if (b1)
			assert_true(mc_prefix_eq(&w1, &w2));
	}
	mc_rs_hash(&y, &h1, &h2);
	assert_int_equal(x.fp[0], h1);
	assert_int_equal(x.fp[1], h2);
	if (y.n > 0) {
		y.v[0].hi = y.v[0].hi > y.v[0].lo ? y.v[0].hi - 1 : y.v[0].hi;
		y.v[0].lo = y.v[0].p.len;
		mc_rs_hash(&y, &g1, &g2);
		if (y.v[0].lo != x.v[0].lo || y.v[0].hi != x.v[0].hi)
			assert_true(g1 != h1 || g2 != h2);
	}
	z = mc_rs_universe(a, MC_AF4);
	mc_rs_freeze(&x);
	mc_rs_append(a, &x, &z);
	assert_true(x.fp[0] == 0 && x.fp[1] == 0);
	mc_rs_freeze(&x);
	mc_rs_compact(a, &x);
	assert_true(x.fp[0] == 0 && x.fp[1] == 0);
	mc_arena_free(a);
}

/* mc_rs_space: the addresses the ranges' prefixes cover, lengths aside;
 * nested prefixes count once, in any order; IPv6 in /64s, saturating. */
static void
test_space(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_rangeset s = {0}, v6 = {0};
	mc_range r;

	(void)state;
	assert_int_equal(mc_rs_space(a, &s, MC_AF4), 0);
	/* appended out of order: 10.1.0.0/16 inside 10.0.0.0/8 */
	r = R("192.0.2.0/24", 24, 24);
	mc_rs_append(a, &s, &(mc_rangeset){ .v = &r, .n = 1, .cap = 1 });
	r = R("10.1.0.0/16", 20, 24);
	mc_rs_append(a, &s, &(mc_rangeset){ .v = &r, .n = 1, .cap = 1 });
	r = R("10.0.0.0/8", 30, 32);
	mc_rs_append(a, &s, &(mc_rangeset){ .v = &r, .n = 1, .cap = 1 });
	r = R("2001:db8::/32", 48, 48);
	mc_rs_append(a, &s, &(mc_rangeset){ .v = &r, .n = 1, .cap = 1 });
	assert_int_equal(mc_rs_space(a, &s, MC_AF4), (1u << 24) + 256);
	assert_int_equal(mc_rs_space(a, &s, MC_AF6), 1ull << 32);
	r = R("::/0", 0, 128);
	mc_rs_add(a, &v6, &r);
	assert_true(mc_rs_space(a, &v6, MC_AF6) == UINT64_MAX);
	assert_int_equal(mc_rs_space(a, &v6, MC_AF4), 0);
	mc_arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_range_make),
		cmocka_unit_test(test_space),
		cmocka_unit_test(test_random_vs_brute),
		cmocka_unit_test(test_index_isect),
		cmocka_unit_test(test_index_isect_set),
		cmocka_unit_test(test_windows),
		cmocka_unit_test(test_intersect_fixed),
		cmocka_unit_test(test_has_each),
		cmocka_unit_test(test_big_sets_sorted),
		cmocka_unit_test(test_radix_buckets),
		cmocka_unit_test(test_frozen_order),
		cmocka_unit_test(test_subtract_shape),
		cmocka_unit_test(test_union_compacts),
		cmocka_unit_test(test_siblings_cascade),
		cmocka_unit_test(test_ipv6_and_mixed),
		cmocka_unit_test(test_single_and_witness_order),
		cmocka_unit_test(test_overflow_and_speed),
		cmocka_unit_test(test_freeze_and_hash),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
