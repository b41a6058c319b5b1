/*
 * Junos route filters (route-filter, route-filter-list entries,
 * prefix-list-filter) as first-match prefix lists.
 *
 * Of the route-filter prefixes of a term only the longest one that contains
 * the route counts; the route matches if one of that prefix's match types
 * (the first in order) matches.  That is a first-match list: prefixes
 * longest first, for each its match types, then "deny P orlonger" so that
 * the routes below P never reach a shorter prefix.  A selector picks which
 * route filters are permitted (all, those without an own action, those
 * with a given action), so one list per action class says which routes
 * that class decides.
 */
#include <stdlib.h>
#include <string.h>

#include "vendors/junos_int.h"

bool
jx_range(const mc_prefix *p, int lo, int hi, mc_range *out)
{
	int bits = mc_af_bits(p->af);

	if (lo < p->len)
		lo = p->len;
	if (hi > bits)
		hi = bits;
	if (lo > hi || lo < 0)
		return false;
	memset(out, 0, sizeof(*out));
	out->p = *p;
	mc_prefix_clear_host(&out->p);
	out->lo = (uint8_t)lo;
	out->hi = (uint8_t)hi;
	return true;
}

static bool
plen(const jt_node *n, int *v)
{
	uint32_t u;
	jt_node tmp;

	if (n == NULL || n->wlen < 2 || n->w[0] != '/')
		return false;
	tmp = *n;
	tmp.w++;
	tmp.wlen--;
	if (!jx_u32(&tmp, &u) || u > 128)
		return false;
	*v = (int)u;
	return true;
}

static void
sig_walk(jx *x, const jt_node *n, char **s, int depth)
{
	const jt_node *k;

	if (depth > 8)
		return;
	for (k = jt_first(n); k != NULL && strlen(*s) < 4096;
	    k = jt_next(k)) {
		*s = mc_printf(x->a, "%s %.*s", *s, (int)k->wlen, k->w);
		sig_walk(x, k, s, depth + 1);
		*s = mc_printf(x->a, "%s;", *s);
	}
}

bool
jx_is_match_type(const jt_node *n)
{
	static const char *const mts[] = {
		"exact", "orlonger", "longer", "upto", "prefix-length-range",
		"through", "address-mask", NULL
	};

	return jx_in(n, mts);
}

/* route-filter P match-type [arg] [actions]: one item per match type. */
void
jx_rf_items(jx *x, const jt_node *list, rfv *out, int *seq)
{
	const jt_node *p, *mt;
	rfitem it;
	char *s;

	for (p = jt_first(list); p != NULL; p = jt_next(p)) {
		memset(&it, 0, sizeof(it));
		if (!jx_prefix(p, &it.p))
			continue;
		for (mt = jt_first(p); mt != NULL; mt = jt_next(mt)) {
			if (!jx_is_match_type(mt))
				continue;
			it.mt = mt;
			it.arg = NULL;
			it.act = mt;
			if (jt_is(mt, "upto") ||
			    jt_is(mt, "prefix-length-range") ||
			    jt_is(mt, "through") || jt_is(mt, "address-mask")) {
				it.arg = jt_first(mt);
				it.act = it.arg;
			}
			it.sig = NULL;
			if (it.act != NULL && jt_first(it.act) != NULL) {
				s = "";
				sig_walk(x, it.act, &s, 0);
				it.sig = s;
			}
			it.seq = (*seq)++;
			mc_vec_push(x->a, out, it);
		}
	}
}

/* The ranges a match type covers; returns how many (through: several). */
static int
item_ranges(jx *x, const rfitem *it, mc_range *r, int max)
{
	int bits = mc_af_bits(it->p.af), len = it->p.len, a, b, n = 0, l;
	mc_prefix q, t;
	const char *dash;
	jt_node lo, hi;

	if (jt_is(it->mt, "exact"))
		return jx_range(&it->p, len, len, r) ? 1 : 0;
	if (jt_is(it->mt, "orlonger"))
		return jx_range(&it->p, len, bits, r) ? 1 : 0;
	if (jt_is(it->mt, "longer"))
		return jx_range(&it->p, len + 1, bits, r) ? 1 : 0;
	if (jt_is(it->mt, "upto"))
		return plen(it->arg, &b) && jx_range(&it->p, len, b, r) ? 1 : 0;
	if (jt_is(it->mt, "prefix-length-range")) {
		if (it->arg == NULL)
			return 0;
		dash = memchr(it->arg->w, '-', it->arg->wlen);
		if (dash == NULL)
			return 0;
		lo = *it->arg;
		lo.wlen = (unsigned)(dash - it->arg->w);
		hi = *it->arg;
		hi.w = dash + 1;
		hi.wlen = it->arg->wlen - lo.wlen - 1;
		if (!plen(&lo, &a) || !plen(&hi, &b))
			return 0;
		return jx_range(&it->p, a, b, r) ? 1 : 0;
	}
	if (jt_is(it->mt, "through")) {
		/* every prefix on the way from P down to Q */
		if (!jx_prefix(it->arg, &q) || !mc_prefix_contains(&it->p, &q))
			return 0;
		for (l = len; l <= q.len && n < max; l++) {
			t = mc_prefix_trunc(&q, l);
			if (jx_range(&t, l, l, &r[n]))
				n++;
		}
		return n;
	}
	/* address-mask: non-contiguous; the prefix itself, approximately */
	jx_note(x, "route-filter address-mask at line %d is approximated by "
	    "its prefix", it->mt->line);
	return jx_range(&it->p, len, len, r) ? 1 : 0;
}

static int
rf_cmp(const void *a, const void *b)
{
	const rfitem *p = a, *q = b;
	int c;

	if (p->p.len != q->p.len)
		return p->p.len > q->p.len ? -1 : 1;
	if ((c = mc_prefix_cmp(&p->p, &q->p)) != 0)
		return c;
	return p->seq - q->seq;
}


/* A set of the prefixes of the route filters, to know whether a shorter
 * route filter contains a prefix. */
typedef struct pset {
	const mc_prefix **tab;
	size_t cap;
	uint8_t lens[129];	/* lengths present */
} pset;

static uint32_t
phash(const mc_prefix *p)
{
	uint32_t h = 2166136261u ^ p->af ^ ((uint32_t)p->len << 8);
	int i;

	for (i = 0; i < 16; i++)
		h = (h ^ p->a[i]) * 16777619u;
	return h;
}

static bool
pset_has(const pset *s, const mc_prefix *p)
{
	size_t i = phash(p) & (s->cap - 1);

	while (s->tab[i] != NULL) {
		if (mc_prefix_eq(s->tab[i], p))
			return true;
		i = (i + 1) & (s->cap - 1);
	}
	return false;
}

static void
pset_build(jx *x, pset *s, const rfitem *v, size_t n)
{
	size_t i, j;

	memset(s, 0, sizeof(*s));
	for (s->cap = 16; s->cap < n * 2; s->cap *= 2)
		;
	s->tab = mc_alloc(x->a, sizeof(*s->tab) * s->cap);
	for (i = 0; i < n; i++) {
		if (pset_has(s, &v[i].p))
			continue;
		j = phash(&v[i].p) & (s->cap - 1);
		while (s->tab[j] != NULL)
			j = (j + 1) & (s->cap - 1);
		s->tab[j] = &v[i].p;
		s->lens[v[i].p.len] = 1;
	}
}

/* Does a shorter route-filter prefix contain p? */
static bool
shorter_exists(const pset *s, const mc_prefix *p)
{
	mc_prefix t;
	int l;

	for (l = p->len - 1; l >= 0; l--) {
		if (!s->lens[l])
			continue;
		t = mc_prefix_trunc(p, l);
		if (pset_has(s, &t))
			return true;
	}
	return false;
}

/* The longest-match encoding of route filters as a first-match list: the
 * routes whose deciding route filter is selected are permitted.  After the
 * entries of a prefix, "deny P orlonger" keeps the routes below P from
 * reaching a shorter route filter; it is left out when no shorter one
 * contains P or when P's own entries already cover P orlonger. */
mc_prefix_list *
jx_rf_encode(jx *x, rfitem *v, size_t n, int sel, const char *sig, int line)
{
	mc_prefix_list *pl = mc_alloc(x->a, sizeof(*pl));
	mc_range r[129];
	mc_prefix_entry e;
	pset ps;
	size_t i, j;
	int k, nr, seq = 0, af = -1, bits;
	bool permit, covered;

	pl->line = line;
	if (n > 1)
		qsort(v, n, sizeof(*v), rf_cmp);
	pset_build(x, &ps, v, n);
	for (i = 0; i < n; i = j) {
		bits = mc_af_bits(v[i].p.af);
		covered = false;
		for (j = i; j < n && mc_prefix_eq(&v[j].p, &v[i].p); j++) {
			permit = sel == JX_SEL_ALL ||
			    (sel == JX_SEL_NOACT && v[j].sig == NULL) ||
			    (sel == JX_SEL_SIG && v[j].sig != NULL &&
			    strcmp(v[j].sig, sig) == 0);
			nr = item_ranges(x, &v[j], r, 129);
			for (k = 0; k < nr; k++) {
				memset(&e, 0, sizeof(e));
				e.permit = permit;
				e.r = r[k];
				e.seq = seq += 5;
				e.line = v[j].mt->line;
				mc_vec_push(x->a, &pl->entries, e);
				if (r[k].lo == v[i].p.len && r[k].hi == bits)
					covered = true;
			}
		}
		memset(&e, 0, sizeof(e));
		if (!covered && shorter_exists(&ps, &v[i].p) &&
		    jx_range(&v[i].p, v[i].p.len, bits, &e.r)) {
			e.permit = false;
			e.seq = seq += 5;
			e.line = v[i].mt->line;
			mc_vec_push(x->a, &pl->entries, e);
		}
		if (af == -1)
			af = v[i].p.af;
		else if (af != v[i].p.af)
			af = 0;
	}
	pl->af = af < 0 ? 0 : af;
	return pl;
}
