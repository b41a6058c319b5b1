/*
 * BIRD filters and functions -> policy IR.
 *
 * Everything is inlined: a function call runs the function's statements
 * in place with its parameters bound to the (constant-folded) arguments,
 * so `prefix_len_is_valid(8, 24)` becomes `net.len < 8` and friends, and an
 * accept or reject inside a function ends the whole filter, as in BIRD.
 * The compiler works on continuations: the statements still to run, up
 * through the callers.  A `return` resumes the caller; when it sits in a
 * branch, the branch receives its own copy of what follows (bounded by a
 * node budget), so the IR stays a tree.  Functions used as values
 * (`if is_bogon() then ...`) are evaluated to a condition; local variables
 * hold constants or conditions.
 *
 * Not modelled (reported as unrecognized, so the results are marked
 * approximate): next-hop and `from`-vs-next-hop checks, defined(),
 * community counts, for loops, route changes made by functions that are
 * used as values.  A filter that ends without accept/reject rejects
 * (BIRD logs "did not return accept nor reject" and drops the route).
 */
#include <stdio.h>
#include <string.h>

#include "vendors/bird_int.h"

static bv ev(bp *, const bn *, benv *, int);
static bv ev_inner(bp *, const bn *, benv *, int);

/* ---- reporting ------------------------------------------------------ */

void
bc_unknown(bp *p, const bn *n, const char *why)
{
	const char *txt, *sec;
	unsigned len;

	if (n == NULL || n->t0 < 0 || n->t0 >= p->nt || p->reported[n->t0])
		return;
	p->reported[n->t0] = 1;
	txt = bp_text(p, n->t0, n->t1, &len);
	sec = p->section ? p->section : "filter";
	if (why != NULL)
		sec = mc_printf(p->a, "%s: %s", sec, why);
	mc_dev_unparsed(p->dev, n->line, sec, txt, len);
}

static const char *
node_text(bp *p, const bn *n)
{
	unsigned len;
	const char *t;

	if (n == NULL)
		return NULL;
	t = bp_text(p, n->t0, n->t1, &len);
	return mc_strndup(p->a, t, len > 160 ? 160 : len);
}

/* ---- conditions ----------------------------------------------------- */

/*
 * The depth of every composite condition built here, by address: deep
 * conditions (a long predicate function folded into one) would make the
 * engine and the JSON writer recurse too far, so beyond BC_MAX_CDEPTH a
 * condition becomes "not understood".
 */
typedef struct cdmap {
	const mc_cond **k;
	uint16_t *d;
	size_t cap, n;
} cdmap;

static size_t
cd_slot(const cdmap *m, const mc_cond *c)
{
	size_t h = (size_t)(((uintptr_t)c >> 4) * 0x9e3779b97f4a7c15ull);

	return h & (m->cap - 1);
}

static unsigned
cd_get(bp *p, const mc_cond *c)
{
	cdmap *m = p->cdm;
	size_t i;

	if (m == NULL || m->cap == 0)
		return 1;
	for (i = cd_slot(m, c); m->k[i] != NULL; i = (i + 1) & (m->cap - 1))
		if (m->k[i] == c)
			return m->d[i];
	return 1;
}

static void
cd_put(bp *p, const mc_cond *c, unsigned d)
{
	cdmap *m = p->cdm;
	size_t i;

	if (m == NULL)
		m = p->cdm = mc_alloc(p->a, sizeof(*m));
	if ((m->n + 1) * 2 > m->cap) {
		cdmap o = *m;
		size_t j;

		m->cap = o.cap ? o.cap * 2 : 1024;
		m->k = mc_alloc(p->a, m->cap * sizeof(*m->k));
		m->d = mc_alloc(p->a, m->cap * sizeof(*m->d));
		m->n = 0;
		for (j = 0; j < o.cap; j++)
			if (o.k[j] != NULL) {
				for (i = cd_slot(m, o.k[j]); m->k[i] != NULL;
				    i = (i + 1) & (m->cap - 1))
					;
				m->k[i] = o.k[j];
				m->d[i] = o.d[j];
				m->n++;
			}
	}
	for (i = cd_slot(m, c); m->k[i] != NULL; i = (i + 1) & (m->cap - 1))
		;
	m->k[i] = c;
	m->d[i] = (uint16_t)d;
	m->n++;
}

/* A composite of depth d: itself, or "too complex" beyond the limit. */
static mc_cond *
c_depth(bp *p, mc_cond *c, unsigned d)
{
	if (d > BC_MAX_CDEPTH) {
		mc_cond *u = mc_cond_new(p->a, MC_C_UNKNOWN, c->line);

		u->str = "condition too complex to analyse";
		if (!p->overflowed) {
			p->overflowed = true;
			mc_dev_unparsed(p->dev, c->line, p->section, u->str,
			    strlen(u->str));
		}
		return u;
	}
	if (d > 1)
		cd_put(p, c, d);
	return c;
}

static mc_cond *
c_const(bp *p, bool v, int line)
{
	return mc_cond_new(p->a, v ? MC_C_TRUE : MC_C_FALSE, line);
}

static mc_cond *
c_not(bp *p, mc_cond *c, int line)
{
	mc_cond *n;

	if (c->kind == MC_C_TRUE)
		return c_const(p, false, line);
	if (c->kind == MC_C_FALSE)
		return c_const(p, true, line);
	if (c->kind == MC_C_NOT && c->kids.n == 1)
		return c->kids.v[0];
	n = mc_cond_new(p->a, MC_C_NOT, line);
	mc_vec_push(p->a, &n->kids, c);
	return c_depth(p, n, cd_get(p, c) + 1);
}

static mc_cond *
c_bin(bp *p, mc_cond_kind kind, mc_cond *x, mc_cond *y, int line)
{
	mc_cond_kind unit = kind == MC_C_AND ? MC_C_TRUE : MC_C_FALSE;
	mc_cond_kind zero = kind == MC_C_AND ? MC_C_FALSE : MC_C_TRUE;
	mc_cond *n;
	size_t k;
	unsigned d = 2;

	if (x->kind == zero)
		return x;
	if (y->kind == zero)
		return y;
	if (x->kind == unit)
		return y;
	if (y->kind == unit)
		return x;
	if (x == y)
		return x;
	n = mc_cond_new(p->a, kind, line);
	if (x->kind == kind && x->kids.n <= 8)
		for (k = 0; k < x->kids.n; k++)
			mc_vec_push(p->a, &n->kids, x->kids.v[k]);
	else
		mc_vec_push(p->a, &n->kids, x);
	if (y->kind == kind && y->kids.n <= 8)
		for (k = 0; k < y->kids.n; k++)
			mc_vec_push(p->a, &n->kids, y->kids.v[k]);
	else
		mc_vec_push(p->a, &n->kids, y);
	for (k = 0; k < n->kids.n; k++)
		if (cd_get(p, n->kids.v[k]) + 1 > d)
			d = cd_get(p, n->kids.v[k]) + 1;
	return c_depth(p, n, d);
}

static mc_cond *
c_unknown(bp *p, const bn *n, const char *why)
{
	mc_cond *c = mc_cond_new(p->a, MC_C_UNKNOWN, n ? n->line : 0);

	c->str = n ? node_text(p, n) : "unknown";
	bc_unknown(p, n, why);
	return c;
}

static mc_cond *
c_range(bp *p, mc_cond_kind kind, uint64_t lo, uint64_t hi, int line)
{
	mc_cond *c;

	if (hi > 0xffffffffu)
		hi = 0xffffffffu;
	if (lo > hi)
		return c_const(p, false, line);
	c = mc_cond_new(p->a, kind, line);
	c->lo = (uint32_t)lo;
	c->hi = (uint32_t)hi;
	return c;
}

static mc_cond *
c_plist(bp *p, mc_prefix_list *pl, int line)
{
	mc_cond *c = mc_cond_new(p->a, MC_C_PREFIX_INLINE, line);

	c->plist = pl;
	c->ref = pl->name;
	return c;
}

static mc_cond *
c_comm(bp *p, int kind, uint32_t a, uint32_t b, uint32_t cc, int line)
{
	mc_cond *c = mc_cond_new(p->a, MC_C_COMMUNITY, line);

	c->comm.kind = (uint8_t)kind;
	c->comm.a = a;
	c->comm.b = b;
	c->comm.c = cc;
	return c;
}

/* ---- values --------------------------------------------------------- */

static bv
v_void(void)
{
	bv v;

	memset(&v, 0, sizeof(v));
	return v;
}

static bv
v_unknown(const bn *src)
{
	bv v = v_void();

	v.k = BV_UNKNOWN;
	v.src = src;
	return v;
}

static bv
v_int(uint64_t i)
{
	bv v = v_void();

	v.k = BV_INT;
	v.i = i;
	return v;
}

static bv
v_bool(bool b)
{
	bv v = v_void();

	v.k = BV_BOOL;
	v.i = b;
	return v;
}

static bv
v_cond(mc_cond *c)
{
	bv v = v_void();

	if (c->kind == MC_C_TRUE || c->kind == MC_C_FALSE)
		return v_bool(c->kind == MC_C_TRUE);
	v.k = BV_COND;
	v.cond = c;
	return v;
}

static bv
v_attr(int sub, const bn *src)
{
	bv v = v_void();

	v.k = BV_ATTR;
	v.sub = sub;
	v.src = src;
	return v;
}

static bool
boolish(const bv *v)
{
	return v->k == BV_BOOL || v->k == BV_COND;
}

static mc_cond *
to_cond(bp *p, const bv *v, const bn *n)
{
	if (v->k == BV_BOOL)
		return c_const(p, v->i != 0, n ? n->line : 0);
	if (v->k == BV_COND)
		return v->cond;
	return c_unknown(p, v->k == BV_UNKNOWN && v->src ? v->src : n, NULL);
}

static benv *
env_find(benv *e, const char *s, unsigned len)
{
	for (; e != NULL; e = e->next)
		if (e->len == len && memcmp(e->name, s, len) == 0)
			return e;
	return NULL;
}

static benv *
env_bind(bp *p, benv *e, const char *s, unsigned len, bv v)
{
	benv *n = mc_alloc(p->a, sizeof(*n));

	n->name = s;
	n->len = len;
	n->val = v;
	n->next = e;
	return n;
}

/* Two values a variable may hold after "if c": the one of the then path
 * and the one of the else path (c NULL: unknown which). */
static bv
merge_val(bp *p, mc_cond *c, const bv *v1, const bv *v2)
{
	if (bv_equal(v1, v2))
		return *v1;
	if (c != NULL && boolish(v1) && boolish(v2)) {
		int line = c->line;
		mc_cond *x = to_cond(p, v1, NULL), *y = to_cond(p, v2, NULL);

		return v_cond(c_bin(p, MC_C_OR, c_bin(p, MC_C_AND, c, x, line),
		    c_bin(p, MC_C_AND, c_not(p, c, line), y, line), line));
	}
	return v_unknown(NULL);
}

static benv *
env_merge(bp *p, mc_cond *c, benv *e1, benv *e2)
{
	benv *out = NULL, *x;

	if (e1 == NULL)
		return e2;
	if (e2 == NULL || e1 == e2)
		return e1;
	for (x = e1; x != NULL; x = x->next) {
		benv *y;
		bv v;

		if (env_find(e1, x->name, x->len) != x)
			continue;	/* shadowed */
		y = env_find(e2, x->name, x->len);
		if (y == NULL)
			v = x->val;
		else
			v = merge_val(p, c, &x->val, &y->val);
		out = env_bind(p, out, x->name, x->len, v);
	}
	for (x = e2; x != NULL; x = x->next)
		if (env_find(e2, x->name, x->len) == x &&
		    env_find(e1, x->name, x->len) == NULL)
			out = env_bind(p, out, x->name, x->len, x->val);
	return out;
}

/* ---- symbols -------------------------------------------------------- */

static int
attr_of(const char *s, unsigned len)
{
	static const struct { const char *n; int a; } t[] = {
		{ "net", A_NET }, { "bgp_path", A_PATH },
		{ "bgp_community", A_CLIST },
		{ "bgp_large_community", A_LCLIST },
		{ "bgp_ext_community", A_ECLIST }, { "source", A_SOURCE },
		{ "proto", A_PROTO }, { "from", A_FROM },
		{ "bgp_next_hop", A_NEXTHOP }, { NULL, 0 }
	};
	int k;

	for (k = 0; t[k].n != NULL; k++)
		if (strlen(t[k].n) == len && memcmp(t[k].n, s, len) == 0)
			return t[k].a;
	return A_OTHER;
}

static bv
const_value(bp *p, bconst *c)
{
	bv v;
	benv *none = NULL;

	if (c->state == 2)
		return *c->val;
	if (c->state == 1 || c->expr == NULL)
		return v_unknown(c->expr);
	c->state = 1;
	v = ev(p, c->expr, none, 0);
	if (v.k == BV_SET && v.set != NULL && v.set->name == NULL) {
		v.set->name = c->name;
		v.set->line = c->line;
	}
	c->val = mc_alloc(p->a, sizeof(*c->val));
	*c->val = v;
	c->state = 2;
	return v;
}

static bv
ev_sym(bp *p, const bn *n, benv *env)
{
	benv *e = env_find(env, n->s, n->len);
	bconst *c;
	bv v;

	if (e != NULL)
		return e->val;
	if ((c = bp_const(p, n->s, n->len)) != NULL)
		return const_value(p, c);
	if (bv_enum_lookup(n->s, n->len, &v))
		return v;
	if (bp_table(p, n->s, n->len) != NULL) {
		v = v_void();
		v.k = BV_SYMREF;
		v.s = mc_strndup(p->a, n->s, n->len);
		v.src = n;
		return v;
	}
	return v_attr(attr_of(n->s, n->len), n);
}

static bool
field_is(const bn *n, const char *f)
{
	return n->len == strlen(f) && memcmp(n->s, f, n->len) == 0;
}

static bv
ev_dot(bp *p, const bn *n, benv *env, int depth)
{
	bv b = ev(p, n->kids[0], env, depth), v;

	if (b.k == BV_ATTR) {
		switch (b.sub) {
		case A_NET:
			if (field_is(n, "len"))
				return v_attr(A_NET_LEN, n);
			if (field_is(n, "type"))
				return v_attr(A_NET_TYPE, n);
			if (field_is(n, "ip"))
				return v_attr(A_NET_IP, n);
			break;
		case A_PATH:
			if (field_is(n, "first"))
				return v_attr(A_PATH_FIRST, n);
			if (field_is(n, "last") ||
			    field_is(n, "last_nonaggregated"))
				return v_attr(A_PATH_LAST, n);
			if (field_is(n, "len"))
				return v_attr(A_PATH_LEN, n);
			break;
		case A_CLIST: case A_LCLIST: case A_ECLIST:
			if (field_is(n, "len"))
				return v_attr(A_LIST_LEN, n);
			break;
		}
		return v_attr(A_OTHER, n);
	}
	v = v_void();
	if (b.k == BV_PREFIX) {
		if (field_is(n, "len"))
			return v_int(b.p.len);
		if (field_is(n, "ip")) {
			v.k = BV_IP;
			v.p = b.p;
			v.p.len = (uint8_t)mc_af_bits(b.p.af);
			return v;
		}
		if (field_is(n, "type")) {
			bv_enum_lookup(b.p.af == MC_AF6 ? "NET_IP6" : "NET_IP4",
			    7, &v);
			return v;
		}
	}
	if (b.k == BV_IP && field_is(n, "is_v4"))
		return v_bool(b.p.af == MC_AF4);
	if (b.k == BV_PAIR && field_is(n, "asn"))
		return v_int(b.a);
	if (b.k == BV_PAIR && field_is(n, "data"))
		return v_int(b.b);
	if (b.k == BV_LC && field_is(n, "asn"))
		return v_int(b.a);
	if (b.k == BV_LC && field_is(n, "data1"))
		return v_int(b.b);
	if (b.k == BV_LC && field_is(n, "data2"))
		return v_int(b.c);
	return v_unknown(n);
}

static bv
ev_tuple(bp *p, const bn *n, benv *env, int depth)
{
	bv v = v_void(), c[3];
	int k, first = 0;

	if (n->nkids < 2 || n->nkids > 3)
		return v_unknown(n);
	if (n->nkids == 3 && n->kids[0]->kind == BN_ECKIND)
		first = 1;
	for (k = first; k < n->nkids; k++) {
		c[k] = ev(p, n->kids[k], env, depth);
		if (c[k].k != BV_INT || c[k].i > 0xffffffffu)
			return v_unknown(n);
	}
	if (n->nkids == 2) {
		v.k = BV_PAIR;
		v.a = (uint32_t)c[0].i;
		v.b = (uint32_t)c[1].i;
	} else if (first) {
		v.k = BV_EC;
		v.a = (uint32_t)n->kids[0]->num;
		v.b = (uint32_t)c[1].i;
		v.c = (uint32_t)c[2].i;
	} else {
		v.k = BV_LC;
		v.a = (uint32_t)c[0].i;
		v.b = (uint32_t)c[1].i;
		v.c = (uint32_t)c[2].i;
	}
	return v;
}

/* ---- comparisons ---------------------------------------------------- */

/* The values x with "x op v" as a closed range within [0, max]; false
 * when empty.  '=' and '~' give [v, v]. */
static bool
rel_range(int op, uint64_t v, uint64_t max, uint64_t *lo, uint64_t *hi)
{
	switch (op) {
	case '<':
		if (v == 0)
			return false;
		*lo = 0;
		*hi = v - 1;
		break;
	case BO_LEQ:
		*lo = 0;
		*hi = v;
		break;
	case '>':
		if (v >= max)
			return false;
		*lo = v + 1;
		*hi = max;
		break;
	case BO_GEQ:
		*lo = v;
		*hi = max;
		break;
	default:
		*lo = *hi = v;
	}
	if (*hi > max)
		*hi = max;
	return *lo <= *hi;
}

/* An int attribute (prefix length, path length, first/last AS) compared
 * with a constant or tested against an int set. */
static mc_cond *
int_attr_cond(bp *p, mc_cond_kind kind, int op, const bv *r, uint64_t max, int line)
{
	uint64_t lo, hi;
	mc_cond *c;
	size_t k;

	if (r->k == BV_INT) {
		if (!rel_range(op, r->i, max, &lo, &hi))
			return c_const(p, false, line);
		return c_range(p, kind, lo, hi, line);
	}
	if (r->k == BV_SET && (op == '~' || op == '=')) {
		c = c_const(p, false, line);
		for (k = 0; k < r->set->items.n; k++) {
			const bsitem *it = &r->set->items.v[k];

			if (it->k != BSI_INT)
				return NULL;
			c = c_bin(p, MC_C_OR, c, c_range(p, kind, it->lo[0],
			    it->hi[0], line), line);
		}
		return c;
	}
	return NULL;
}

/* One community set item as a condition: exact parts, '*' parts as the
 * 0xffffffff wildcard, small ranges spelled out (NULL when large). */
static mc_cond *
comm_item_cond(bp *p, int kind, const bsitem *it, int line)
{
	int first = kind == 2 ? 1 : 0, last = kind == 0 ? 1 : 2, j;
	uint64_t mx = kind == 0 ? 65535 : 0xffffffffu;
	uint64_t lo[3] = { 0, 0, 0 }, hi[3] = { 0, 0, 0 }, n = 1, idx;
	bool wild[3] = { false, false, false };
	mc_cond *c;

	for (j = first; j <= last; j++) {
		lo[j] = it->lo[j];
		hi[j] = it->hi[j];
		if (lo[j] != hi[j] && lo[j] == 0 && hi[j] >= mx) {
			wild[j] = true;
			continue;
		}
		if (hi[j] < lo[j])
			return c_const(p, false, line);
		n *= hi[j] - lo[j] + 1;
		if (n > 32)
			return NULL;
	}
	c = c_const(p, false, line);
	for (idx = 0; idx < n; idx++) {
		uint32_t x[3] = { 0, 0, 0 };
		uint64_t rem = idx;

		for (j = last; j >= first; j--) {
			uint64_t span = hi[j] - lo[j] + 1;

			if (wild[j]) {
				x[j] = 0xffffffffu;
				continue;
			}
			x[j] = (uint32_t)(lo[j] + rem % span);
			rem /= span;
		}
		if (kind == 2)
			x[0] = it->ectype;
		c = c_bin(p, MC_C_OR, c, c_comm(p, kind, x[0], x[1],
		    kind == 0 ? 0 : x[2], line), line);
	}
	return c;
}

static mc_cond *
list_set_cond(bp *p, int kind, const bset *s, int line)
{
	int want = kind == 0 ? BSI_PAIR : kind == 1 ? BSI_LC : BSI_EC;
	mc_cond *c = c_const(p, false, line), *x;
	size_t k;

	for (k = 0; k < s->items.n; k++) {
		if (s->items.v[k].k != want)
			return NULL;
		if ((x = comm_item_cond(p, kind, &s->items.v[k], line)) ==
		    NULL)
			return NULL;
		c = c_bin(p, MC_C_OR, c, x, line);
	}
	return c;
}

static mc_cond *
mask_item_cond(bp *p, mc_cond_kind kind, const bmitem *it, int line)
{
	mc_cond *c;
	size_t k;

	if (it->plus)
		return NULL;
	if (it->k == BMI_ASN)
		return c_range(p, kind, it->lo, it->hi, line);
	if (it->k != BMI_SET)
		return NULL;
	c = c_const(p, false, line);
	for (k = 0; k < it->set->items.n; k++) {
		const bsitem *s = &it->set->items.v[k];

		if (s->k != BSI_INT)
			return NULL;
		c = c_bin(p, MC_C_OR, c, c_range(p, kind, s->lo[0], s->hi[0],
		    line), line);
	}
	return c;
}

/* bgp_path ~ [= ... =] */
static mc_cond *
mask_cond(bp *p, const bmask *m, int line)
{
	size_t n = m->items.n, k;
	const bmitem *it = m->items.v;
	mc_cond *c;
	const char *re;

	if (n == 0)
		return c_range(p, MC_C_ASPATH_LEN, 0, 0, line);
	for (k = 0; k < n; k++)
		if (it[k].k != BMI_STAR)
			break;
	if (k == n)
		return c_const(p, true, line);
	if (n == 3 && it[0].k == BMI_STAR && it[2].k == BMI_STAR &&
	    (c = mask_item_cond(p, MC_C_AS_ANY, &it[1], line)) != NULL)
		return c;
	if (n == 2 && it[0].k == BMI_STAR &&
	    (c = mask_item_cond(p, MC_C_AS_ORIGIN, &it[1], line)) != NULL)
		return c;
	if (n == 2 && it[1].k == BMI_STAR &&
	    (c = mask_item_cond(p, MC_C_AS_FIRST, &it[0], line)) != NULL)
		return c;
	if ((re = bv_mask_regex(p, m)) == NULL)
		return NULL;
	c = mc_cond_new(p->a, MC_C_ASPATH_REGEX, line);
	c->str = re;
	c->dialect = MC_RE_POSIX;
	return c;
}

/* bgp_next_hop = addr; NULL: bgp_next_hop = from */
static mc_cond *
next_hop_cond(bp *p, const mc_prefix *addr, int line)
{
	mc_cond *c = mc_cond_new(p->a, MC_C_NEXT_HOP, line);
	char buf[MC_PREFIX_STRLEN];

	if (addr != NULL)
		c->str = mc_strdup(p->a, mc_addr_fmt(addr, buf));
	return c;
}

/* "proto = name": the kind of that protocol; "" when no protocol has the
 * name (the comparison is then false in BIRD); NULL when unknown. */
static const char *
proto_kind(bp *p, const bv *name)
{
	char buf[128];
	size_t n = name->i < sizeof(buf) - 1 ? (size_t)name->i :
	    sizeof(buf) - 1;
	bproto *pr;

	memcpy(buf, name->s, n);
	buf[n] = '\0';
	if ((pr = bp_proto(p, buf)) == NULL || pr->is_template)
		return "";
	if (strcmp(pr->type, "direct") == 0)
		return "connected";
	if (strcmp(pr->type, "pipe") == 0 || strcmp(pr->type, "unknown") == 0)
		return NULL;
	return pr->type;
}

static int
rov_mask(uint64_t roa)
{
	return roa == 1 ? MC_ROV_VALID : roa == 2 ? MC_ROV_INVALID :
	    MC_ROV_NOTFOUND;
}

static bool
const_cmp(const bv *l, const bv *r, int op, bool *res, int *approx)
{
	int c;

	switch (op) {
	case '=': case BO_NEQ:
		if (l->k == BV_COND || r->k == BV_COND)
			return false;
		*res = bv_equal(l, r);
		if (op == BO_NEQ)
			*res = !*res;
		return true;
	case '~': case BO_NMA:
		if (r->k == BV_SET)
			*res = bv_set_has(r->set, l, approx);
		else if (l->k == BV_IP && r->k == BV_PREFIX)
			*res = mc_prefix_contains(&r->p, &l->p);
		else if (l->k == BV_PREFIX && r->k == BV_PREFIX)
			*res = mc_prefix_contains(&r->p, &l->p);
		else if (l->k == BV_STR && r->k == BV_STR)
			*res = bv_str_match(l, r);
		else
			return false;
		if (*approx)
			return false;
		if (op == BO_NMA)
			*res = !*res;
		return true;
	}
	if (l->k == BV_INT && r->k == BV_INT)
		c = l->i < r->i ? -1 : l->i > r->i;
	else if ((l->k == BV_IP || l->k == BV_PREFIX) && l->k == r->k &&
	    l->p.af == r->p.af)
		c = mc_prefix_cmp(&l->p, &r->p);
	else if (l->k == BV_PAIR && r->k == BV_PAIR)
		c = l->a != r->a ? (l->a < r->a ? -1 : 1) :
		    l->b < r->b ? -1 : l->b > r->b;
	else
		return false;
	switch (op) {
	case '<': *res = c < 0; break;
	case '>': *res = c > 0; break;
	case BO_LEQ: *res = c <= 0; break;
	case BO_GEQ: *res = c >= 0; break;
	default: return false;
	}
	return true;
}

static bv
cmp(bp *p, const bn *n, int op, bv l, bv r)
{
	int line = n->line, base, approx = 0;
	bool neg = false, res;
	mc_cond *c = NULL;
	size_t k;

	if (l.k == BV_UNKNOWN || r.k == BV_UNKNOWN)
		return v_cond(c_unknown(p, n, NULL));
	if (bv_is_const(&l) && bv_is_const(&r)) {
		if (const_cmp(&l, &r, op, &res, &approx))
			return v_bool(res);
		return v_cond(c_unknown(p, n, NULL));
	}
	/* attribute on the left for the ordered comparisons */
	if (r.k == BV_ATTR && l.k != BV_ATTR && op != '~' && op != BO_NMA) {
		bv t = l;

		l = r;
		r = t;
		op = op == '<' ? '>' : op == '>' ? '<' : op == BO_LEQ ?
		    BO_GEQ : op == BO_GEQ ? BO_LEQ : op;
	}
	if (op == BO_NEQ || op == BO_NMA) {
		neg = true;
		base = op == BO_NEQ ? '=' : '~';
	} else
		base = op;
	if (l.k == BV_ATTR) {
		switch (l.sub) {
		case A_NET:
			if (r.k == BV_PREFIX && base == '=')
				c = c_plist(p, bv_pattern_plist(p, &r.p,
				    r.p.len, r.p.len, NULL, line), line);
			else if (r.k == BV_PREFIX && base == '~')
				c = c_plist(p, bv_pattern_plist(p, &r.p,
				    r.p.len, mc_af_bits(r.p.af), NULL, line),
				    line);
			else if (r.k == BV_SET && base == '~')
				c = c_plist(p, bv_set_plist(p, r.set), line);
			break;
		case A_NET_LEN:
			c = int_attr_cond(p, MC_C_NET_LEN, base, &r, 128, line);
			break;
		case A_PATH_FIRST:
			c = int_attr_cond(p, MC_C_AS_FIRST, base, &r,
			    0xffffffffu, line);
			break;
		case A_PATH_LAST:
			c = int_attr_cond(p, MC_C_AS_ORIGIN, base, &r,
			    0xffffffffu, line);
			break;
		case A_PATH_LEN:
			c = int_attr_cond(p, MC_C_ASPATH_LEN, base, &r,
			    0xffffffffu, line);
			break;
		case A_NET_TYPE:
			if (r.k == BV_ENUM && r.sub == EN_NET && base == '=') {
				if (r.i == 1 || r.i == 2) {
					c = mc_cond_new(p->a, MC_C_NET_AF,
					    line);
					c->n = r.i == 1 ? MC_AF4 : MC_AF6;
				} else
					c = c_const(p, false, line);
			}
			break;
		case A_PATH:
			if (r.k == BV_MASK && base == '~')
				c = mask_cond(p, r.mask, line);
			else if (r.k == BV_SET && base == '~')
				c = int_attr_cond(p, MC_C_AS_ANY, '~', &r,
				    0xffffffffu, line);
			break;
		case A_SOURCE:
			if (r.k == BV_ENUM && r.sub == EN_RTS && base == '=' &&
			    bv_rts_protocol(r.i) != NULL) {
				c = mc_cond_new(p->a, MC_C_PROTOCOL, line);
				c->str = bv_rts_protocol(r.i);
			} else if (r.k == BV_SET && base == '~') {
				c = c_const(p, false, line);
				for (k = 0; c != NULL && k < r.set->items.n;
				    k++) {
					const bsitem *it = &r.set->items.v[k];
					mc_cond *x;

					if (it->k != BSI_ENUM ||
					    it->eclass != EN_RTS ||
					    bv_rts_protocol(it->lo[0]) == NULL) {
						c = NULL;
						break;
					}
					x = mc_cond_new(p->a, MC_C_PROTOCOL,
					    line);
					x->str = bv_rts_protocol(it->lo[0]);
					c = c_bin(p, MC_C_OR, c, x, line);
				}
			}
			break;
		case A_PROTO:
			if (r.k == BV_STR && base == '=' &&
			    proto_kind(p, &r) != NULL) {
				if (*proto_kind(p, &r) == '\0')
					c = c_const(p, false, line);
				else if (strcmp(proto_kind(p, &r), "bgp") == 0) {
					/* The instance the route came from
					 * (tests/lab/regress/bird-1): a BGP
					 * session is a neighbour by name. */
					c = mc_cond_new(p->a, MC_C_NEIGHBOR,
					    line);
					c->str = mc_strndup(p->a, r.s,
					    (size_t)r.i);
				} else {
					c = mc_cond_new(p->a, MC_C_PROTOCOL,
					    line);
					c->str = proto_kind(p, &r);
				}
			}
			break;
		case A_NEXTHOP:
			if ((r.k == BV_ATTR && r.sub == A_FROM && base == '=') ||
			    (r.k == BV_IP && base == '='))
				c = next_hop_cond(p, r.k == BV_IP ? &r.p : NULL,
				    line);
			else if (r.k == BV_SET && base == '~') {
				c = c_const(p, false, line);
				for (k = 0; c != NULL && k < r.set->items.n;
				    k++) {
					if (r.set->items.v[k].k != BSI_IP) {
						c = NULL;
						break;
					}
					c = c_bin(p, MC_C_OR, c, next_hop_cond(p,
					    &r.set->items.v[k].p, line), line);
				}
			}
			break;
		case A_FROM:
			if (r.k == BV_ATTR && r.sub == A_NEXTHOP && base == '=') {
				c = next_hop_cond(p, NULL, line);
				break;
			}
			if (r.k == BV_IP && base == '=') {
				char buf[MC_PREFIX_STRLEN];

				c = mc_cond_new(p->a, MC_C_NEIGHBOR, line);
				c->str = mc_strdup(p->a, mc_addr_fmt(&r.p, buf));
			}
			break;
		case A_ROA:
			if (r.k == BV_ENUM && r.sub == EN_ROA && base == '=') {
				c = mc_cond_new(p->a, MC_C_RPKI, line);
				c->n = rov_mask(r.i);
			} else if (r.k == BV_SET && base == '~') {
				int m = 0;

				for (k = 0; k < r.set->items.n; k++) {
					const bsitem *it = &r.set->items.v[k];

					if (it->k != BSI_ENUM ||
					    it->eclass != EN_ROA)
						break;
					m |= rov_mask(it->lo[0]);
				}
				if (k == r.set->items.n) {
					c = mc_cond_new(p->a, MC_C_RPKI, line);
					c->n = m;
				}
			}
			if (c != NULL && neg) {
				c->n = ~c->n & (MC_ROV_VALID | MC_ROV_INVALID |
				    MC_ROV_NOTFOUND);
				neg = false;
			}
			break;
		case A_CLIST: case A_LCLIST: case A_ECLIST:
			if (r.k == BV_SET && base == '~')
				c = list_set_cond(p, l.sub - A_CLIST, r.set,
				    line);
			break;
		}
	} else if (r.k == BV_ATTR && base == '~') {
		if (r.sub == A_PATH && l.k == BV_INT)
			c = c_range(p, MC_C_AS_ANY, l.i, l.i, line);
		else if (r.sub == A_CLIST && l.k == BV_PAIR)
			c = c_comm(p, 0, l.a, l.b, 0, line);
		else if (r.sub == A_LCLIST && l.k == BV_LC)
			c = c_comm(p, 1, l.a, l.b, l.c, line);
		else if (r.sub == A_ECLIST && l.k == BV_EC)
			c = c_comm(p, 2, l.a, l.b, l.c, line);
	}
	if (c == NULL)
		c = c_unknown(p, n, NULL);
	if (neg)
		c = c_not(p, c, line);
	return v_cond(c);
}

/* ---- expressions ---------------------------------------------------- */

static int purity(bp *, bfunc *);
static bv fv_func(bp *, bfunc *, benv *, int);

static benv *
call_env(bp *p, bfunc *f, const bn *call, benv *caller, int depth)
{
	benv *e = NULL;
	int k;

	for (k = 0; k < f->nparams && k < call->nkids; k++)
		e = env_bind(p, e, f->params[k], (unsigned)strlen(f->params[k]),
		    ev(p, call->kids[k], caller, depth));
	for (k = 0; k < f->nlocals; k++)
		e = env_bind(p, e, f->locals[k], (unsigned)strlen(f->locals[k]),
		    v_void());
	return e;
}

static bv
ev_call(bp *p, const bn *n, benv *env, int depth)
{
	bfunc *f;
	bv v;

	if (n->len == 9 && memcmp(n->s, "roa_check", 9) == 0) {
		if (n->nkids == 1)
			return v_attr(A_ROA, n);
		if (n->nkids == 3) {
			bv a = ev(p, n->kids[1], env, depth);
			bv b = ev(p, n->kids[2], env, depth);

			if (a.k == BV_ATTR && a.sub == A_NET &&
			    b.k == BV_ATTR && b.sub == A_PATH_LAST)
				return v_attr(A_ROA, n);
		}
		return v_attr(A_OTHER, n);
	}
	f = bp_func(p, n->s, n->len);
	if (f == NULL || f->is_filter || f->nparams != n->nkids ||
	    depth >= BC_MAX_CALLS)
		return v_unknown(n);	/* defined(), format(), ... */
	if (purity(p, f) == 2)
		bc_unknown(p, n, "route changes of a function used as a value "
		    "are not modelled");
	v = fv_func(p, f, call_env(p, f, n, env, depth), depth + 1);
	return v;
}

static bv
ev_bin(bp *p, const bn *n, benv *env, int depth)
{
	bv l, r;

	if (n->op == BO_AND || n->op == BO_OR) {
		bool isand = n->op == BO_AND;
		mc_cond *x;

		l = ev(p, n->kids[0], env, depth);
		if (l.k == BV_BOOL && (l.i != 0) != isand)
			return l;	/* false && .., true || .. */
		r = ev(p, n->kids[1], env, depth);
		if (l.k == BV_BOOL && boolish(&r))
			return r;
		x = to_cond(p, &l, n->kids[0]);
		return v_cond(c_bin(p, isand ? MC_C_AND : MC_C_OR, x,
		    to_cond(p, &r, n->kids[1]), n->line));
	}
	l = ev(p, n->kids[0], env, depth);
	r = ev(p, n->kids[1], env, depth);
	switch (n->op) {
	case '+': case '-': case '*': case '/': case '%':
		if (l.k != BV_INT || r.k != BV_INT)
			return v_unknown(n);
		switch (n->op) {
		case '+': return v_int(l.i + r.i);
		case '-': return v_int(l.i - r.i);
		case '*': return v_int(l.i * r.i);
		case '/': return r.i ? v_int(l.i / r.i) : v_unknown(n);
		default: return r.i ? v_int(l.i % r.i) : v_unknown(n);
		}
	}
	return cmp(p, n, n->op, l, r);
}

/* Evaluation nests as deep as the expressions and calls do: bounded. */
static bv
ev(bp *p, const bn *n, benv *env, int depth)
{
	bv v;

	if (p->edepth >= BC_MAX_EDEPTH)
		return v_unknown(n);
	p->edepth++;
	v = ev_inner(p, n, env, depth);
	p->edepth--;
	return v;
}

static bv
ev_inner(bp *p, const bn *n, benv *env, int depth)
{
	bv v = v_void(), x;

	if (n == NULL)
		return v;
	if (--p->steps < 0)
		return v_unknown(n);
	switch (n->kind) {
	case BN_NUM:
		return v_int(n->num);
	case BN_BOOL:
		return v_bool(n->num != 0);
	case BN_STR:
		v.k = BV_STR;
		v.s = n->s;
		v.i = n->len;
		return v;
	case BN_IP:
		v.k = BV_IP;
		v.p = n->pfx;
		return v;
	case BN_PREFIX:
		if (n->op != BP_EXACT)
			return v_unknown(n);
		v.k = BV_PREFIX;
		v.p = n->pfx;
		return v;
	case BN_EMPTY:
		v.k = BV_EMPTYLIST;
		v.sub = n->op;
		return v;
	case BN_SET:
		if (!bv_set_from_node(p, n, env, &v))
			return v_unknown(n);
		return v;
	case BN_MASK:
		if (!bv_mask_from_node(p, n, env, &v))
			return v_unknown(n);
		return v;
	case BN_TUPLE:
		return ev_tuple(p, n, env, depth);
	case BN_SYM:
		return ev_sym(p, n, env);
	case BN_DOT:
		return ev_dot(p, n, env, depth);
	case BN_METHOD:
		return v_attr(A_OTHER, n);
	case BN_CALL:
		return ev_call(p, n, env, depth);
	case BN_NOT:
		x = ev(p, n->kids[0], env, depth);
		if (x.k == BV_BOOL)
			return v_bool(!x.i);
		if (x.k == BV_COND)
			return v_cond(c_not(p, x.cond, n->line));
		return v_cond(c_not(p, to_cond(p, &x, n->kids[0]), n->line));
	case BN_BIN:
		return ev_bin(p, n, env, depth);
	case BN_CONDVAL:
		return v_cond(n->aux);
	}
	return v_unknown(n);
}

bool
bc_eval(bp *p, const bn *n, benv *env, bv *out)
{
	if (p->steps <= 0)
		p->steps = 10000;
	*out = ev(p, n, env, 0);
	return out->k != BV_UNKNOWN;
}

/* ---- statement analysis --------------------------------------------- */

static bool
has_return(const bn *s)
{
	int k;
	bool r = false;

	if (s == NULL)
		return false;
	if (s->hasret)
		return s->hasret == 2;
	switch (s->kind) {
	case BN_RETURN:
		r = true;
		break;
	case BN_IF:
		r = has_return(s->kids[1]) || has_return(s->kids[2]);
		break;
	case BN_BLOCK:
		for (k = 0; k < s->nkids && !r; k++)
			r = has_return(s->kids[k]);
		break;
	case BN_CASE:
		for (k = 1; k < s->nkids && !r; k++)
			if (s->kids[k]->kind == BN_ARM)
				r = has_return(s->kids[k]->kids[1]);
		break;
	}
	((bn *)s)->hasret = r ? 2 : 1;
	return r;
}

static bool
is_local_name(const bfunc *f, const bn *s)
{
	int k;

	for (k = 0; k < f->nparams; k++)
		if (strlen(f->params[k]) == s->len &&
		    memcmp(f->params[k], s->s, s->len) == 0)
			return true;
	for (k = 0; k < f->nlocals; k++)
		if (strlen(f->locals[k]) == s->len &&
		    memcmp(f->locals[k], s->s, s->len) == 0)
			return true;
	return false;
}

static bool expr_impure(bp *, const bn *);

typedef MC_VEC(const bn *) bnvec;

static bool
stmt_impure(bp *p, bfunc *f, const bn *s, bnvec *decls)
{
	int k;
	size_t j;

	if (s == NULL)
		return false;
	switch (s->kind) {
	case BN_ACCEPT: case BN_REJECT:
		return true;
	case BN_DECL:
		mc_vec_push(p->a, decls, s);
		return s->nkids > 0 && expr_impure(p, s->kids[0]);
	case BN_ASSIGN:
		if (s->kids[0]->kind != BN_SYM)
			return true;
		if (!is_local_name(f, s->kids[0])) {
			for (j = 0; j < decls->n; j++)
				if (decls->v[j]->len == s->kids[0]->len &&
				    memcmp(decls->v[j]->s, s->kids[0]->s,
				    s->kids[0]->len) == 0)
					break;
			if (j == decls->n)
				return true;
		}
		return expr_impure(p, s->kids[1]);
	case BN_EXPR:
		if (s->kids[0]->kind != BN_CALL)
			return true;
		if (s->kids[0]->len == 5 && memcmp(s->kids[0]->s, "unset",
		    5) == 0)
			return true;
		return expr_impure(p, s->kids[0]);
	case BN_RETURN:
		return s->nkids > 0 && expr_impure(p, s->kids[0]);
	case BN_IF:
		return expr_impure(p, s->kids[0]) ||
		    stmt_impure(p, f, s->kids[1], decls) ||
		    stmt_impure(p, f, s->kids[2], decls);
	case BN_BLOCK:
		for (k = 0; k < s->nkids; k++)
			if (stmt_impure(p, f, s->kids[k], decls))
				return true;
		return false;
	case BN_CASE:
		if (expr_impure(p, s->kids[0]))
			return true;
		for (k = 1; k < s->nkids; k++)
			if (s->kids[k]->kind == BN_ARM &&
			    stmt_impure(p, f, s->kids[k]->kids[1], decls))
				return true;
		return false;
	}
	return false;
}

static bool
expr_impure(bp *p, const bn *e)
{
	int k;
	bfunc *g;
	bool r = false;

	if (e == NULL)
		return false;
	if (p->edepth >= BC_MAX_EDEPTH)
		return true;	/* too deep to look into: assume effects */
	if (e->kind == BN_CALL && (g = bp_func(p, e->s, e->len)) != NULL &&
	    !g->is_filter && purity(p, g) == 2)
		return true;
	p->edepth++;
	for (k = 0; k < e->nkids && !r; k++)
		r = expr_impure(p, e->kids[k]);
	p->edepth--;
	return r;
}

/* 1: no route changes, no accept/reject; 2: has them. */
static int
purity(bp *p, bfunc *f)
{
	bnvec decls = { 0 };

	if (f->purity == 3)
		return 1;	/* recursion: assume pure */
	if (f->purity != 0)
		return f->purity;
	f->purity = 3;
	f->purity = stmt_impure(p, f, f->body, &decls) ? 2 : 1;
	return f->purity;
}

/* case e { labels: ... } as nested ifs on precomputed conditions. */
static bn *
case_to_if(bp *p, const bn *s, benv *env, int depth)
{
	bv e = ev(p, s->kids[0], env, depth);
	bn *chain = NULL;
	int k;

	for (k = 1; k < s->nkids; k++)
		if (s->kids[k]->kind == BN_ARM && s->kids[k]->kids[0] == NULL)
			chain = s->kids[k]->kids[1];
		else if (s->kids[k]->kind == BN_UNKNOWN)
			bc_unknown(p, s->kids[k], NULL);
	for (k = s->nkids - 1; k >= 1; k--) {
		const bn *arm = s->kids[k];
		bn *ifn, *cv;
		bv set;
		mc_cond *c;

		if (arm->kind != BN_ARM || arm->kids[0] == NULL)
			continue;
		if (e.k == BV_UNKNOWN)
			c = c_unknown(p, e.src ? e.src : s->kids[0], NULL);
		else if (!bv_set_from_node(p, arm->kids[0], env, &set))
			c = c_unknown(p, arm->kids[0], NULL);
		else {
			bv r = cmp(p, arm->kids[0], '~', e, set);

			c = to_cond(p, &r, arm->kids[0]);
		}
		cv = bp_node(p, BN_CONDVAL, arm->t0);
		cv->aux = c;
		ifn = bp_node(p, BN_IF, arm->t0);
		bp_kid(p, ifn, cv);
		bp_kid(p, ifn, arm->kids[1]);
		bp_kid(p, ifn, chain);
		chain = ifn;
	}
	return chain;
}

/* ---- functions as values -------------------------------------------- */

/*
 * What running some statements yields, without copying what follows:
 * r, the value they return on the paths that return (BV_VOID: none);
 * f, the condition under which they fall through; env, the variables
 * then.  Paths ended by accept/reject return nothing and do not fall
 * through (their value does not matter: the filter has decided).
 */
typedef struct vo {
	bv r;
	mc_cond *f;
	benv *env;
} vo;

static vo fv_stmt(bp *, const bn *, benv *, int);
static vo fv_stmt_inner(bp *, const bn *, benv *, int, vo);

/* The value where c holds is a, elsewhere b; VOID is "does not matter". */
static bv
pick(bp *p, mc_cond *c, const bv *a, const bv *b)
{
	if (c->kind == MC_C_TRUE || b->k == BV_VOID)
		return *a;
	if (c->kind == MC_C_FALSE || a->k == BV_VOID)
		return *b;
	return merge_val(p, c, a, b);
}

/* Statements in sequence: the first returns r_1 unless f_1, then the
 * rest decides; folded from the end so the result stays linear.  At the
 * end of a function nothing is returned: false for a predicate. */
static vo
fv_list(bp *p, bn *const *st, int n, benv *env, int depth)
{
	vo *o, res;
	int m = 0, i;

	res.env = env;
	res.r = v_void();
	res.f = c_const(p, true, 0);
	if (n <= 0)
		return res;
	o = mc_alloc(p->a, (size_t)n * sizeof(*o));
	for (i = 0; i < n; i++) {
		if (st[i] == NULL)
			continue;
		o[m] = fv_stmt(p, st[i], res.env, depth);
		res.env = o[m].env;
		if (o[m++].f->kind == MC_C_FALSE)
			break;
	}
	for (i = m - 1; i >= 0; i--) {
		mc_cond *f = o[i].f;
		int line = f->line;

		if (res.r.k == BV_VOID && boolish(&o[i].r) &&
		    f->kind != MC_C_FALSE && f->kind != MC_C_TRUE)
			res.r = v_cond(c_bin(p, MC_C_AND, c_not(p, f, line),
			    to_cond(p, &o[i].r, NULL), line));
		else
			res.r = pick(p, f, &res.r, &o[i].r);
		res.f = c_bin(p, MC_C_AND, f, res.f, line);
	}
	return res;
}

/* "if c then a else b" from the outcomes of both sides. */
static vo
fv_join(bp *p, mc_cond *c, const vo *a, const vo *b, int line)
{
	vo o;

	o.r = pick(p, c, &a->r, &b->r);
	o.f = c_bin(p, MC_C_OR, c_bin(p, MC_C_AND, c, a->f, line),
	    c_bin(p, MC_C_AND, c_not(p, c, line), b->f, line), line);
	if (a->f->kind == MC_C_FALSE)
		o.env = b->env;
	else if (b->f->kind == MC_C_FALSE)
		o.env = a->env;
	else
		o.env = env_merge(p, c, a->env, b->env);
	return o;
}

/* case e { labels: ... else: ... }: the first arm whose labels hold runs.
 * Folded from the last arm, without nesting (cases can be long). */
static vo
fv_case(bp *p, const bn *s, benv *env, int depth)
{
	bv e = ev(p, s->kids[0], env, depth), set, r;
	const bn *els = NULL, **body;
	mc_cond **cs;
	vo acc, a;
	int k, m = 0;

	body = mc_alloc(p->a, (size_t)s->nkids * sizeof(*body));
	cs = mc_alloc(p->a, (size_t)s->nkids * sizeof(*cs));
	for (k = 1; k < s->nkids && els == NULL; k++) {
		const bn *arm = s->kids[k];
		mc_cond *c;

		if (arm->kind == BN_UNKNOWN) {
			bc_unknown(p, arm, NULL);
			continue;
		}
		if (arm->kind != BN_ARM)
			continue;
		if (arm->kids[0] == NULL) {
			els = arm->kids[1];
			break;
		}
		if (e.k == BV_UNKNOWN)
			c = c_unknown(p, e.src ? e.src : s->kids[0], NULL);
		else if (!bv_set_from_node(p, arm->kids[0], env, &set))
			c = c_unknown(p, arm->kids[0], NULL);
		else {
			r = cmp(p, arm->kids[0], '~', e, set);
			c = to_cond(p, &r, arm->kids[0]);
		}
		if (c->kind == MC_C_FALSE)
			continue;
		if (c->kind == MC_C_TRUE) {
			els = arm->kids[1];	/* this arm always runs */
			break;
		}
		cs[m] = c;
		body[m++] = arm->kids[1];
	}
	acc.r = v_void();
	acc.f = c_const(p, true, s->line);
	acc.env = env;
	if (els != NULL)
		acc = fv_stmt(p, els, env, depth);
	while (m-- > 0) {
		a = fv_stmt(p, body[m], env, depth);
		acc = fv_join(p, cs[m], &a, &acc, s->line);
	}
	return acc;
}

static vo
fv_stmt(bp *p, const bn *s, benv *env, int depth)
{
	vo o;

	o.r = v_void();
	o.f = c_const(p, true, s->line);
	o.env = env;
	if (--p->steps < 0 || p->edepth >= BC_MAX_EDEPTH) {
		o.r = v_unknown(NULL);
		o.f = c_const(p, false, s->line);
		return o;
	}
	p->edepth++;
	o = fv_stmt_inner(p, s, env, depth, o);
	p->edepth--;
	return o;
}

static vo
fv_stmt_inner(bp *p, const bn *s, benv *env, int depth, vo o)
{
	vo a, b;
	bv cv;
	mc_cond *c;
	const bn *e;

	switch (s->kind) {
	case BN_RETURN:
		o.r = s->nkids ? ev(p, s->kids[0], env, depth) : v_void();
		o.f = c_const(p, false, s->line);
		return o;
	case BN_ACCEPT:
	case BN_REJECT:
		o.f = c_const(p, false, s->line);
		return o;
	case BN_BLOCK:
		return fv_list(p, s->kids, s->nkids, env, depth);
	case BN_IF:
		cv = ev(p, s->kids[0], env, depth);
		if (cv.k == BV_BOOL) {
			e = cv.i ? s->kids[1] : s->kids[2];
			return e ? fv_stmt(p, e, env, depth) : o;
		}
		c = to_cond(p, &cv, s->kids[0]);
		a = s->kids[1] ? fv_stmt(p, s->kids[1], env, depth) : o;
		b = s->kids[2] ? fv_stmt(p, s->kids[2], env, depth) : o;
		return fv_join(p, c, &a, &b, s->line);
	case BN_CASE:
		return fv_case(p, s, env, depth);
	case BN_DECL:
		o.env = env_bind(p, env, s->s, s->len, s->nkids ?
		    ev(p, s->kids[0], env, depth) : v_void());
		return o;
	case BN_ASSIGN:
		e = s->kids[0];
		if (e->kind == BN_SYM && env_find(env, e->s, e->len))
			o.env = env_bind(p, env, e->s, e->len,
			    ev(p, s->kids[1], env, depth));
		return o;	/* route changes: reported at the call */
	case BN_UNKNOWN:
		bc_unknown(p, s, NULL);
		return o;
	}
	return o;
}

static bv
fv_func(bp *p, bfunc *f, benv *env, int depth)
{
	return fv_stmt(p, f->body, env, depth).r;
}

/* ---- statements ----------------------------------------------------- */

enum { K_SEQ = 1, K_FUNC, K_STOP, K_END };
enum { RH_DISCARD = 1, RH_BIND, RH_BRANCH, RH_RETURN };

typedef struct col {
	MC_VEC(benv *) envs;
} col;

/*
 * A continuation: statements still to run (K_SEQ), the end of an inlined
 * function (K_FUNC: how its caller goes on), the end of an if branch
 * (K_STOP: collect the variables) or the end of the filter (K_END).
 */
typedef struct kont kont;
struct kont {
	int kind;
	bn *const *st;
	int n, i;
	kont *up;
	int rh;
	const char *bname;
	unsigned blen;
	const bn *bthen, *belse, *bnode;
	bool bneg;
	benv *saved;
	kont *outer;
	int depth;
	col *c;
};

static kont *
kseq(bp *p, const bn *s, kont *up)
{
	kont *k;

	if (s == NULL)
		return up;
	k = mc_alloc(p->a, sizeof(*k));
	k->kind = K_SEQ;
	if (s->kind == BN_BLOCK) {
		k->st = s->kids;
		k->n = s->nkids;
	} else {
		bn **one = mc_alloc(p->a, sizeof(*one));

		one[0] = (bn *)s;
		k->st = one;
		k->n = 1;
	}
	k->up = up;
	return k;
}

static mc_stmt *
put(bp *p, mc_block *out, int kind, int line)
{
	mc_stmt *s;

	p->budget--;
	p->dev_budget--;
	s = mc_stmt_new(p->a, kind, line);
	mc_vec_push(p->a, out, s);
	return s;
}

static void
overflow(bp *p, mc_block *out, int line)
{
	mc_stmt *s = mc_stmt_new(p->a, MC_S_UNKNOWN, line);

	s->str = "policy too large to analyse (inlined BIRD functions)";
	mc_vec_push(p->a, out, s);
	if (!p->overflowed) {
		/* counted once per policy */
		p->overflowed = true;
		mc_dev_unparsed(p->dev, line, p->section, s->str,
		    strlen(s->str));
	}
}

static mc_stmt *
put_set(bp *p, mc_block *out, const bn *s, int set, int kind, uint32_t a,
    uint32_t b, uint32_t c)
{
	mc_stmt *st = put(p, out, MC_S_SET, s->line);

	st->set = set;
	st->comm.kind = (uint8_t)kind;
	st->comm.a = a;
	st->comm.b = b;
	st->comm.c = c;
	st->str = node_text(p, s);
	return st;
}

static bool
value_comm(const bv *v, int want, uint32_t *a, uint32_t *b, uint32_t *c)
{
	if ((want == 0 && v->k == BV_PAIR) || (want == 1 && v->k == BV_LC) ||
	    (want == 2 && v->k == BV_EC)) {
		*a = v->a;
		*b = v->b;
		*c = v->c;
		return true;
	}
	return false;
}

/* list.op(arg) on a route attribute. */
static void
comp_list_op(bp *p, const bn *s, const bv *target, const char *op,
    unsigned oplen, const bn *arg, benv *env, mc_block *out)
{
	uint32_t a, b, c;
	bv v;
	size_t k;

#define OPIS(w) (oplen == strlen(w) && memcmp(op, w, oplen) == 0)
	if (target->k == BV_ATTR && (target->sub == A_CLIST ||
	    target->sub == A_LCLIST || target->sub == A_ECLIST)) {
		int kind = target->sub - A_CLIST;

		if (OPIS("empty")) {
			put_set(p, out, s, MC_SET_COMMUNITY_NONE, kind, 0, 0,
			    0);
			return;
		}
		v = arg ? ev(p, arg, env, 0) : v_void();
		if (OPIS("add") && value_comm(&v, kind, &a, &b, &c)) {
			put_set(p, out, s, MC_SET_COMMUNITY_ADD, kind, a, b, c);
			return;
		}
		if (OPIS("delete") && value_comm(&v, kind, &a, &b, &c)) {
			put_set(p, out, s, MC_SET_COMMUNITY_DEL, kind, a, b, c);
			return;
		}
		if (OPIS("delete") && v.k == BV_SET) {
			for (k = 0; k < v.set->items.n; k++) {
				const bsitem *it = &v.set->items.v[k];
				uint32_t x[3] = { 0, 0, 0 };
				int j, first = kind == 2 ? 1 : 0;
				int last = kind == 0 ? 1 : 2;
				uint64_t mx = kind == 0 ? 65535 : 0xffffffffu;

				for (j = first; j <= last; j++) {
					if (it->lo[j] == it->hi[j])
						x[j] = (uint32_t)it->lo[j];
					else if (it->lo[j] == 0 &&
					    it->hi[j] >= mx)
						x[j] = 0xffffffffu;
					else
						break;
				}
				if (j <= last) {
					/* a partial range: not expressible */
					put_set(p, out, s, MC_SET_OTHER, kind,
					    0, 0, 0);
					continue;
				}
				if (kind == 2)
					x[0] = it->ectype;
				put_set(p, out, s, MC_SET_COMMUNITY_DEL, kind,
				    x[0], x[1], kind == 0 ? 0 : x[2]);
			}
			return;
		}
		put_set(p, out, s, MC_SET_OTHER, kind, 0, 0, 0);
		return;
	}
	if (target->k == BV_ATTR && target->sub == A_PATH && OPIS("prepend")) {
		mc_stmt *st;

		v = arg ? ev(p, arg, env, 0) : v_void();
		if (v.k == BV_INT && v.i <= 0xffffffffu) {
			st = put_set(p, out, s, MC_SET_PREPEND, 0,
			    (uint32_t)v.i, 0, 0);
			st->n = 1;
			return;
		}
	}
	put_set(p, out, s, MC_SET_OTHER, 0, 0, 0, 0);
#undef OPIS
}

/* Attribute changes: x.add(..), x.delete(..), x.empty, x = add(x, ..),
 * bgp_local_pref = 200, ... */
static void
comp_set(bp *p, const bn *s, benv *env, mc_block *out)
{
	const bn *e = s->kids[0], *rhs;
	bv target;

	if (s->kind == BN_EXPR && e->kind == BN_METHOD) {
		target = ev(p, e->kids[0], env, 0);
		comp_list_op(p, s, &target, e->s, e->len, e->nkids > 1 ?
		    e->kids[1] : NULL, env, out);
		return;
	}
	if (s->kind == BN_EXPR && e->kind == BN_DOT) {
		target = ev(p, e->kids[0], env, 0);
		comp_list_op(p, s, &target, e->s, e->len, NULL, env, out);
		return;
	}
	if (s->kind == BN_ASSIGN) {
		target = ev(p, e, env, 0);
		rhs = s->kids[1];
		if (rhs->kind == BN_EMPTY) {
			comp_list_op(p, s, &target, "empty", 5, NULL, env, out);
			return;
		}
		if (rhs->kind == BN_CALL && rhs->nkids == 2) {
			bv first = ev(p, rhs->kids[0], env, 0);

			if (first.k == BV_ATTR && target.k == BV_ATTR &&
			    first.sub == target.sub) {
				comp_list_op(p, s, &target, rhs->s, rhs->len,
				    rhs->kids[1], env, out);
				return;
			}
		}
	}
	put_set(p, out, s, MC_SET_OTHER, 0, 0, 0, 0);
}

/* A call (maybe negated) of a user function that changes the route or
 * decides: compiled as statements so its effects are kept. */
static const bn *
direct_call(bp *p, const bn *e, bool *neg, bfunc **fp)
{
	bfunc *f;

	*neg = false;
	while (e != NULL && e->kind == BN_NOT && e->nkids == 1) {
		*neg = !*neg;
		e = e->kids[0];
	}
	if (e == NULL || e->kind != BN_CALL)
		return NULL;
	f = bp_func(p, e->s, e->len);
	if (f == NULL || f->is_filter || f->nparams != e->nkids ||
	    purity(p, f) != 2)
		return NULL;
	*fp = f;
	return e;
}

/* A function whose only return is its last statement can be inlined:
 * no return needs to skip the rest of its body. */
static bool
simple_func(bfunc *f)
{
	int k, n;

	if (f->simple)
		return f->simple == 1;
	f->simple = 1;
	n = f->body ? f->body->nkids : 0;
	for (k = 0; k < n; k++) {
		const bn *s = f->body->kids[k];

		if (k == n - 1 && s->kind == BN_RETURN)
			break;
		if (has_return(s)) {
			f->simple = 2;
			break;
		}
	}
	return f->simple == 1;
}

static void comp(bp *, kont *, benv *, mc_block *, int, int);
static mc_policy *new_policy(bp *, const char *, int);

static const char *
arg_text(bp *p, const bv *v)
{
	char buf[MC_PREFIX_STRLEN];

	switch (v->k) {
	case BV_INT:
		return mc_printf(p->a, "%llu", (unsigned long long)v->i);
	case BV_BOOL:
		return v->i ? "true" : "false";
	case BV_STR:
		return mc_printf(p->a, "\"%.*s\"", (int)(v->i > 40 ? 40 :
		    v->i), v->s);
	case BV_IP:
		return mc_strdup(p->a, mc_addr_fmt(&v->p, buf));
	case BV_PREFIX:
		return mc_strdup(p->a, mc_prefix_fmt(&v->p, buf));
	case BV_PAIR:
		return mc_printf(p->a, "(%u,%u)", v->a, v->b);
	case BV_LC:
		return mc_printf(p->a, "(%u,%u,%u)", v->a, v->b, v->c);
	case BV_ENUM:
		return v->s ? v->s : "?";
	case BV_SET:
		return v->set && v->set->name ? v->set->name : "[...]";
	}
	return "?";
}

/* The function compiled as a policy of its own for these arguments, run
 * with MC_S_CALL: its accept/reject end the filter, its return resumes
 * the caller (the engine's BIRD function semantics). */
static mc_policy *
fn_policy(bp *p, bfunc *f, const bn *call, benv *caller, int depth,
    benv **envp)
{
	benv *env = call_env(p, f, call, caller, depth), *e;
	const char *key, *sv_section;
	long sv_budget;
	bool sv_over, sv_in;
	int sv_end, k;
	mc_policy *pol;
	bfmemo m;
	kont *end;

	*envp = env;
	key = mc_printf(p->a, "%s(", f->name);
	for (k = 0; k < f->nparams; k++) {
		e = env_find(env, f->params[k], (unsigned)strlen(f->params[k]));
		key = mc_printf(p->a, "%s%s%s", key, k ? ", " : "",
		    e ? arg_text(p, &e->val) : "?");
	}
	key = mc_printf(p->a, "%s)", key);
	for (k = 0; k < (int)p->memo.n; k++)
		if (strcmp(p->memo.v[k].key, key) == 0)
			return p->memo.v[k].pol;
	if (p->fn_depth >= 16)
		return NULL;
	pol = new_policy(p, key, f->line);
	pol->is_function = true;
	m.key = key;
	m.pol = pol;
	mc_vec_push(p->a, &p->memo, m);
	sv_section = p->section;
	sv_budget = p->budget;
	sv_over = p->overflowed;
	sv_in = p->in_function;
	sv_end = p->end_line;
	p->section = mc_printf(p->a, "function %s", f->name);
	p->budget = BC_POLICY_NODES;
	p->overflowed = false;
	p->in_function = true;
	p->end_line = f->last_line;
	p->fn_depth++;
	end = mc_alloc(p->a, sizeof(*end));
	end->kind = K_END;
	comp(p, kseq(p, f->body, end), env, &pol->terms.v[0].body, depth + 1,
	    0);
	p->fn_depth--;
	p->section = sv_section;
	p->budget = sv_budget;
	p->overflowed = sv_over;
	p->in_function = sv_in;
	p->end_line = sv_end;
	mc_vec_push(p->a, &p->dev->policies, pol);
	return pol;
}

/* Emit the call of a function that cannot be inlined; *rv gets the value
 * it returns (as a condition for predicates). */
static bool
call_stmt(bp *p, bfunc *f, const bn *call, benv *env, int depth,
    mc_block *out, int line, bv *rv)
{
	benv *fenv;
	mc_policy *pol = fn_policy(p, f, call, env, depth, &fenv);
	mc_stmt *st;

	if (pol == NULL)
		return false;
	st = put(p, out, MC_S_CALL, line);
	st->ref = pol->name;
	st->str = node_text(p, call);
	if (rv != NULL)
		*rv = fv_func(p, f, fenv, depth + 1);
	return true;
}

static kont *
func_frame(bp *p, int rh, kont *up, benv *saved, int depth)
{
	kont *k = mc_alloc(p->a, sizeof(*k));

	k->kind = K_FUNC;
	k->rh = rh;
	k->up = up;
	k->saved = saved;
	k->depth = depth;
	return k;
}

static kont *
stop_frame(bp *p, col *c)
{
	kont *k = mc_alloc(p->a, sizeof(*k));

	k->kind = K_STOP;
	k->c = c;
	return k;
}

static benv *
col_env(bp *p, col *c)
{
	benv *e;
	size_t k;

	if (c->envs.n == 0)
		return NULL;
	e = c->envs.v[0];
	for (k = 1; k < c->envs.n; k++)
		e = env_merge(p, NULL, e, c->envs.v[k]);
	return e;
}

/*
 * "if c then s1 else s2" then `next`: each branch is compiled up to its
 * end, the variables of the branches that go on are merged, and the rest
 * follows the IF once.  Returns false when every path has ended.
 */
static bool
branch(bp *p, mc_cond *c, const bn *s1, const bn *s2, kont *next,
    benv **envp, kont **kp, mc_block *out, int depth, int rec, int line)
{
	mc_stmt *st;
	col c1, c2;
	benv *e1, *e2;

	if (c->kind == MC_C_TRUE || c->kind == MC_C_FALSE) {
		*kp = kseq(p, c->kind == MC_C_TRUE ? s1 : s2, next);
		return true;
	}
	st = put(p, out, MC_S_IF, line);
	st->cond = c;
	memset(&c1, 0, sizeof(c1));
	memset(&c2, 0, sizeof(c2));
	if (s1 != NULL)
		comp(p, kseq(p, s1, stop_frame(p, &c1)), *envp, &st->then,
		    depth, rec + 1);
	else
		mc_vec_push(p->a, &c1.envs, *envp);
	if (s2 != NULL)
		comp(p, kseq(p, s2, stop_frame(p, &c2)), *envp, &st->els,
		    depth, rec + 1);
	else
		mc_vec_push(p->a, &c2.envs, *envp);
	if (c1.envs.n == 0 && c2.envs.n == 0)
		return false;
	e1 = col_env(p, &c1);
	e2 = col_env(p, &c2);
	if (c1.envs.n == 0)
		*envp = e2;
	else if (c2.envs.n == 0)
		*envp = e1;
	else
		*envp = env_merge(p, c, e1, e2);
	*kp = next;
	return true;
}

static kont *
enclosing_func(kont *k)
{
	for (; k != NULL; k = k->up)
		if (k->kind == K_FUNC)
			return k;
		else if (k->kind != K_SEQ)
			return NULL;
	return NULL;
}

static void
comp(bp *p, kont *k, benv *env, mc_block *out, int depth, int rec)
{
	kont *f;
	bv rv;

	if (rec > 400) {
		mc_stmt *s = put(p, out, MC_S_UNKNOWN, p->end_line);

		s->str = "filter nesting too deep to analyse";
		if (!p->overflowed) {
			p->overflowed = true;
			mc_dev_unparsed(p->dev, p->end_line, p->section, s->str,
			    strlen(s->str));
		}
		return;
	}
	for (;;) {
		const bn *s, *e;
		kont *next, *g;
		bfunc *fn;
		bool neg;

		if (p->budget <= 0 || p->dev_budget <= 0) {
			overflow(p, out, 0);
			return;
		}
		switch (k->kind) {
		case K_END:
			if (!p->in_function) {
				mc_stmt *st = put(p, out, MC_S_REJECT,
				    p->end_line);

				st->str = "end of filter without accept or "
				    "reject";
			}
			return;
		case K_STOP:
			mc_vec_push(p->a, &k->c->envs, env);
			return;
		case K_FUNC:
			f = k;
			rv = v_void();
			goto ret;
		}
		if (k->i >= k->n) {
			k = k->up;
			continue;
		}
		s = k->st[k->i];
		next = mc_alloc(p->a, sizeof(*next));
		*next = *k;
		next->i++;
		k = next;
		if (s == NULL)
			continue;
		switch (s->kind) {
		case BN_NOP: case BN_PRINT:
			continue;
		case BN_DECL:
			env = env_bind(p, env, s->s, s->len, s->nkids ?
			    ev(p, s->kids[0], env, depth) : v_void());
			continue;
		case BN_BLOCK:
			k = kseq(p, s, next);
			continue;
		case BN_ACCEPT: case BN_REJECT: {
			mc_stmt *st = put(p, out, s->kind == BN_ACCEPT ?
			    MC_S_ACCEPT : MC_S_REJECT, s->line);

			st->str = node_text(p, s);
			return;
		}
		case BN_RETURN:
			f = enclosing_func(next);
			e = s->nkids ? direct_call(p, s->kids[0], &neg, &fn) :
			    NULL;
			if (e != NULL && !neg && depth < BC_MAX_CALLS &&
			    f != NULL && simple_func(fn)) {
				g = func_frame(p, RH_RETURN, NULL, env, depth);
				g->outer = f;
				env = call_env(p, fn, e, env, depth);
				k = kseq(p, fn->body, g);
				depth++;
				continue;
			}
			if (e != NULL && !neg && depth < BC_MAX_CALLS &&
			    call_stmt(p, fn, e, env, depth, out, s->line, &rv))
				;
			else
				rv = s->nkids ? ev(p, s->kids[0], env, depth) :
				    v_void();
			if (f == NULL) {
				mc_stmt *st;

				if (p->in_function) {
					st = put(p, out, MC_S_RETURN, s->line);
					st->str = node_text(p, s);
				} else {
					st = put(p, out, MC_S_REJECT, s->line);
					st->str = "return outside a function: "
					    "BIRD rejects";
				}
				return;
			}
			goto ret;
		case BN_IF:
			if ((e = direct_call(p, s->kids[0], &neg, &fn)) !=
			    NULL && depth < BC_MAX_CALLS) {
				if (simple_func(fn)) {
					g = func_frame(p, RH_BRANCH, next, env,
					    depth);
					g->bthen = s->kids[1];
					g->belse = s->kids[2];
					g->bneg = neg;
					g->bnode = s;
					env = call_env(p, fn, e, env, depth);
					k = kseq(p, fn->body, g);
					depth++;
					continue;
				}
				if (call_stmt(p, fn, e, env, depth, out, s->line,
				    &rv)) {
					mc_cond *c = to_cond(p, &rv, s->kids[0]);

					if (neg)
						c = c_not(p, c, s->line);
					if (!branch(p, c, s->kids[1], s->kids[2],
					    next, &env, &k, out, depth, rec,
					    s->line))
						return;
					continue;
				}
			}
			rv = ev(p, s->kids[0], env, depth);
			if (!branch(p, to_cond(p, &rv, s->kids[0]), s->kids[1],
			    s->kids[2], next, &env, &k, out, depth, rec,
			    s->line))
				return;
			continue;
		case BN_CASE:
			k = kseq(p, case_to_if(p, s, env, depth), next);
			continue;
		case BN_ASSIGN:
			e = s->kids[0];
			if (e->kind == BN_SYM && env_find(env, e->s, e->len)) {
				const bn *call;

				if ((call = direct_call(p, s->kids[1], &neg,
				    &fn)) != NULL && !neg &&
				    depth < BC_MAX_CALLS) {
					if (simple_func(fn)) {
						g = func_frame(p, RH_BIND, next,
						    env, depth);
						g->bname = e->s;
						g->blen = e->len;
						env = call_env(p, fn, call, env,
						    depth);
						k = kseq(p, fn->body, g);
						depth++;
						continue;
					}
					if (call_stmt(p, fn, call, env, depth,
					    out, s->line, &rv)) {
						env = env_bind(p, env, e->s,
						    e->len, rv);
						continue;
					}
				}
				env = env_bind(p, env, e->s, e->len,
				    ev(p, s->kids[1], env, depth));
				continue;
			}
			comp_set(p, s, env, out);
			continue;
		case BN_EXPR:
			e = s->kids[0];
			if (e->kind == BN_CALL) {
				fn = bp_func(p, e->s, e->len);
				if (fn != NULL && !fn->is_filter &&
				    fn->nparams == e->nkids) {
					if (purity(p, fn) == 1)
						continue;	/* no effect */
					if (depth < BC_MAX_CALLS &&
					    simple_func(fn)) {
						g = func_frame(p, RH_DISCARD,
						    next, env, depth);
						env = call_env(p, fn, e, env,
						    depth);
						k = kseq(p, fn->body, g);
						depth++;
						continue;
					}
					if (depth < BC_MAX_CALLS &&
					    call_stmt(p, fn, e, env, depth, out,
					    s->line, NULL))
						continue;
					{
						mc_stmt *st = put(p, out,
						    MC_S_UNKNOWN, s->line);

						st->str = node_text(p, s);
						bc_unknown(p, s, "calls nested "
						    "too deep");
					}
					continue;
				}
				if (e->len == 5 && memcmp(e->s, "unset", 5) == 0) {
					put_set(p, out, s, MC_SET_OTHER, 0, 0,
					    0, 0);
					continue;
				}
				break;	/* unknown function */
			}
			comp_set(p, s, env, out);
			continue;
		default:
			break;
		}
		{
			mc_stmt *st = put(p, out, MC_S_UNKNOWN, s->line);

			st->str = node_text(p, s);
			bc_unknown(p, s, NULL);
		}
		continue;
ret:
		/* the inlined function f returns rv to its caller */
		while (f->rh == RH_RETURN && f->outer != NULL)
			f = f->outer;
		depth = f->depth;
		switch (f->rh) {
		case RH_BIND:
			env = env_bind(p, f->saved, f->bname, f->blen, rv);
			k = f->up;
			continue;
		case RH_BRANCH: {
			mc_cond *c = to_cond(p, &rv, f->bnode ?
			    f->bnode->kids[0] : NULL);

			if (f->bneg)
				c = c_not(p, c, c->line);
			env = f->saved;
			if (!branch(p, c, f->bthen, f->belse, f->up, &env, &k,
			    out, depth, rec, f->bnode ? f->bnode->line : 0))
				return;
			continue;
		}
		default:
			env = f->saved;
			k = f->up;
			continue;
		}
	}
}

/* ---- entry points --------------------------------------------------- */

static mc_policy *
new_policy(bp *p, const char *name, int line)
{
	mc_policy *pol = mc_alloc(p->a, sizeof(*pol));
	mc_term t;

	pol->name = name;
	pol->fallthrough = MC_FALL_REJECT;
	pol->line = line;
	memset(&t, 0, sizeof(t));
	t.name = "filter";
	t.line = line;
	mc_vec_push(p->a, &pol->terms, t);
	return pol;
}

static void
run(bp *p, mc_policy *pol, const bn *block, benv *env, int end_line)
{
	kont *end = mc_alloc(p->a, sizeof(*end));

	end->kind = K_END;
	p->budget = BC_POLICY_NODES;
	p->steps = BC_EVAL_STEPS;
	p->overflowed = false;
	p->end_line = end_line;
	comp(p, kseq(p, block, end), env, &pol->terms.v[0].body, 0, 0);
}

mc_policy *
bc_compile_filter(bp *p, bfunc *f)
{
	mc_policy *pol;
	benv *env = NULL;
	int k;

	if (f->policy != NULL)
		return f->policy;
	pol = new_policy(p, f->name, f->line);
	f->policy = pol;
	p->section = mc_printf(p->a, "filter %s", f->name);
	for (k = 0; k < f->nlocals; k++)
		env = env_bind(p, env, f->locals[k],
		    (unsigned)strlen(f->locals[k]), v_void());
	run(p, pol, f->body, env, f->last_line);
	return pol;
}

mc_policy *
bc_compile_block(bp *p, const char *name, bn *block, int line)
{
	mc_policy *pol = new_policy(p, name, line);

	p->section = mc_printf(p->a, "filter %s", name);
	run(p, pol, block, NULL, p->t[block->t1].line);
	return pol;
}

mc_policy *
bc_compile_where(bp *p, const char *name, bn *expr, int line)
{
	bn *blk = bp_node(p, BN_BLOCK, expr->t0);
	bn *ifn = bp_node(p, BN_IF, expr->t0);
	bn *acc = bp_node(p, BN_ACCEPT, expr->t0);
	bn *rej = bp_node(p, BN_REJECT, expr->t0);
	mc_policy *pol = new_policy(p, name, line);

	acc->t1 = rej->t1 = expr->t1;
	bp_kid(p, ifn, expr);
	bp_kid(p, ifn, acc);
	bp_kid(p, ifn, rej);
	bp_kid(p, blk, ifn);
	p->section = mc_printf(p->a, "filter %s", name);
	run(p, pol, blk, NULL, line);
	return pol;
}

mc_policy *
bc_compile_all(bp *p, const char *name, bool accept, int line)
{
	mc_policy *pol = new_policy(p, name, line);
	mc_stmt *s = mc_stmt_new(p->a, accept ? MC_S_ACCEPT : MC_S_REJECT,
	    line);

	s->str = accept ? "all" : "none";
	mc_vec_push(p->a, &pol->terms.v[0].body, s);
	return pol;
}
