/*
 * BIRD values: enumerations, sets (int, pair, lc, ec, prefix patterns,
 * ip, enum), BGP path masks and their translation to a regex over the
 * space-separated path, prefix patterns as prefix-range lists.
 *
 * A prefix pattern a/l{lo,hi} matches q when the first min(l, q.len) bits
 * agree and lo <= q.len <= hi (BIRD manual, "prefix set").  Lengths below
 * l are the ancestors of a/l: one exact range per length.  So a/l- =
 * a/l{0,l} is a/l and all its supernets, never its subnets.
 */
#include <fnmatch.h>
#include <stdio.h>
#include <string.h>

#include "vendors/bird_int.h"

static const struct benum {
	const char *name;
	int cls;
	int val;
} enums[] = {
	{ "RTS_DUMMY", EN_RTS, 0 }, { "RTS_STATIC", EN_RTS, 1 },
	{ "RTS_INHERIT", EN_RTS, 2 }, { "RTS_DEVICE", EN_RTS, 3 },
	{ "RTS_STATIC_DEVICE", EN_RTS, 4 }, { "RTS_REDIRECT", EN_RTS, 5 },
	{ "RTS_RIP", EN_RTS, 6 }, { "RTS_OSPF", EN_RTS, 7 },
	{ "RTS_OSPF_IA", EN_RTS, 8 }, { "RTS_OSPF_EXT1", EN_RTS, 9 },
	{ "RTS_OSPF_EXT2", EN_RTS, 10 }, { "RTS_BGP", EN_RTS, 11 },
	{ "RTS_PIPE", EN_RTS, 12 }, { "RTS_BABEL", EN_RTS, 13 },
	{ "RTS_RPKI", EN_RTS, 14 }, { "RTS_PERF", EN_RTS, 15 },
	{ "RTS_L3VPN", EN_RTS, 16 }, { "RTS_AGGREGATED", EN_RTS, 17 },
	{ "NET_IP4", EN_NET, 1 }, { "NET_IP6", EN_NET, 2 },
	{ "NET_VPN4", EN_NET, 3 }, { "NET_VPN6", EN_NET, 4 },
	{ "NET_ROA4", EN_NET, 5 }, { "NET_ROA6", EN_NET, 6 },
	{ "NET_FLOW4", EN_NET, 7 }, { "NET_FLOW6", EN_NET, 8 },
	{ "NET_IP6_SADR", EN_NET, 9 }, { "NET_MPLS", EN_NET, 10 },
	{ "NET_ASPA", EN_NET, 11 },
	{ "ROA_UNKNOWN", EN_ROA, 0 }, { "ROA_VALID", EN_ROA, 1 },
	{ "ROA_INVALID", EN_ROA, 2 },
	{ "ASPA_UNKNOWN", EN_ASPA, 0 }, { "ASPA_VALID", EN_ASPA, 1 },
	{ "ASPA_INVALID", EN_ASPA, 2 },
	{ "SCOPE_HOST", EN_SCOPE, 0 }, { "SCOPE_LINK", EN_SCOPE, 1 },
	{ "SCOPE_SITE", EN_SCOPE, 2 }, { "SCOPE_ORGANIZATION", EN_SCOPE, 3 },
	{ "SCOPE_UNIVERSE", EN_SCOPE, 4 }, { "SCOPE_UNDEFINED", EN_SCOPE, 5 },
	{ "RTD_ROUTER", EN_RTD, 0 }, { "RTD_DEVICE", EN_RTD, 1 },
	{ "RTD_BLACKHOLE", EN_RTD, 2 }, { "RTD_UNREACHABLE", EN_RTD, 3 },
	{ "RTD_PROHIBIT", EN_RTD, 4 }, { "RTD_MULTIPATH", EN_RTD, 5 },
	{ "RTD_NONE", EN_RTD, 6 },
	{ "ORIGIN_IGP", EN_ORIGIN, 0 }, { "ORIGIN_EGP", EN_ORIGIN, 1 },
	{ "ORIGIN_INCOMPLETE", EN_ORIGIN, 2 },
	{ NULL, 0, 0 }
};

bool
bv_enum_lookup(const char *s, unsigned len, bv *out)
{
	int k;

	for (k = 0; enums[k].name != NULL; k++)
		if (strlen(enums[k].name) == len &&
		    memcmp(enums[k].name, s, len) == 0) {
			memset(out, 0, sizeof(*out));
			out->k = BV_ENUM;
			out->sub = enums[k].cls;
			out->i = (uint64_t)enums[k].val;
			out->s = enums[k].name;
			return true;
		}
	return false;
}

/* The engine's protocol names for route sources. */
const char *
bv_rts_protocol(uint64_t v)
{
	switch (v) {
	case 1: case 4: return "static";
	case 2: return "kernel";
	case 3: return "connected";
	case 6: return "rip";
	case 7: case 8: case 9: case 10: return "ospf";
	case 11: return "bgp";
	case 12: return "pipe";
	case 13: return "babel";
	case 17: return "aggregate";
	}
	return NULL;
}

bool
bv_is_const(const bv *v)
{
	switch (v->k) {
	case BV_INT: case BV_BOOL: case BV_STR: case BV_IP: case BV_PREFIX:
	case BV_PAIR: case BV_LC: case BV_EC: case BV_ENUM: case BV_SET:
	case BV_MASK: case BV_EMPTYLIST:
		return true;
	}
	return false;
}

bool
bv_equal(const bv *x, const bv *y)
{
	if (x->k != y->k)
		return false;
	switch (x->k) {
	case BV_VOID:
		return true;
	case BV_INT: case BV_BOOL:
		return x->i == y->i;
	case BV_ENUM:
		return x->sub == y->sub && x->i == y->i;
	case BV_STR:
		return x->s != NULL && y->s != NULL && x->i == y->i &&
		    memcmp(x->s, y->s, (size_t)x->i) == 0;
	case BV_IP: case BV_PREFIX:
		return mc_prefix_eq(&x->p, &y->p);
	case BV_PAIR: case BV_LC: case BV_EC:
		return x->a == y->a && x->b == y->b && x->c == y->c;
	case BV_SET:
		return x->set == y->set;
	case BV_MASK:
		return x->mask == y->mask;
	case BV_COND:
		return x->cond == y->cond;
	case BV_ATTR:
		return x->sub == y->sub && x->sub != A_OTHER;
	case BV_EMPTYLIST:
		return x->sub == y->sub;
	}
	return false;
}

bool
bv_eval_const(bp *p, const bn *n, bv *out)
{
	bc_eval(p, n, NULL, out);
	return bv_is_const(out);
}

bool
bv_const_u32(bp *p, const bn *n, uint32_t *out)
{
	bv v;

	if (!bv_eval_const(p, n, &v) || v.k != BV_INT || v.i > 0xffffffffu)
		return false;
	*out = (uint32_t)v.i;
	return true;
}

/* ---- prefix patterns ------------------------------------------------ */

void
bv_pattern_ranges(bp *p, mc_prefix_list *pl, const mc_prefix *px, int lo,
    int hi, int line)
{
	int bits = mc_af_bits(px->af), l;
	mc_prefix_entry e;

	if (lo < 0)
		lo = 0;
	if (hi > bits)
		hi = bits;
	if (lo > hi)
		return;
	memset(&e, 0, sizeof(e));
	e.permit = true;
	e.line = line;
	/* ancestors: exactly the supernet of that length */
	for (l = lo; l <= hi && l < px->len; l++) {
		mc_prefix t = mc_prefix_trunc(px, l);

		if (mc_range_make(&t, l, l, &e.r)) {
			e.seq = (int)pl->entries.n + 1;
			mc_vec_push(p->a, &pl->entries, e);
		}
	}
	if (hi >= px->len && mc_range_make(px, lo > px->len ? lo : px->len,
	    hi, &e.r)) {
		e.seq = (int)pl->entries.n + 1;
		mc_vec_push(p->a, &pl->entries, e);
	}
}

mc_prefix_list *
bv_pattern_plist(bp *p, const mc_prefix *px, int lo, int hi,
    const char *name, int line)
{
	mc_prefix_list *pl = mc_alloc(p->a, sizeof(*pl));

	pl->name = name;
	pl->line = line;
	bv_pattern_ranges(p, pl, px, lo, hi, line);
	pl->af = px->af;
	return pl;
}

mc_prefix_list *
bv_set_plist(bp *p, bset *s)
{
	mc_prefix_list *pl;
	size_t k;
	int af = -1;

	if (s->plist != NULL)
		return s->plist;
	pl = mc_alloc(p->a, sizeof(*pl));
	pl->name = s->name;
	pl->line = s->line;
	for (k = 0; k < s->items.n; k++) {
		bsitem *it = &s->items.v[k];

		if (it->k != BSI_PREFIX)
			continue;
		bv_pattern_ranges(p, pl, &it->p, it->plo, it->phi, s->line);
		if (af == -1)
			af = it->p.af;
		else if (af != it->p.af)
			af = 0;
	}
	pl->af = af < 0 ? 0 : af;
	s->plist = pl;
	return pl;
}

/* ---- set literals --------------------------------------------------- */

static bool
comp_range(bp *p, const bn *c, benv *env, uint64_t max, uint64_t *lo,
    uint64_t *hi)
{
	bv a, b;

	if (c->kind == BN_WILD) {
		*lo = 0;
		*hi = max;
		return true;
	}
	if (c->kind == BN_RANGE && c->nkids == 2) {
		bc_eval(p, c->kids[0], env, &a);
		bc_eval(p, c->kids[1], env, &b);
		if (a.k != BV_INT || b.k != BV_INT)
			return false;
		*lo = a.i;
		*hi = b.i;
		return true;
	}
	bc_eval(p, c, env, &a);
	if (a.k != BV_INT)
		return false;
	*lo = *hi = a.i;
	return true;
}

static bool
tuple_item(bp *p, const bn *t, benv *env, bsitem *it)
{
	int k, first = 0;

	if (t->nkids == 3 && t->kids[0]->kind == BN_ECKIND) {
		it->k = BSI_EC;
		it->ectype = (uint32_t)t->kids[0]->num;
		first = 1;
	} else if (t->nkids == 2)
		it->k = BSI_PAIR;
	else if (t->nkids == 3)
		it->k = BSI_LC;
	else
		return false;
	for (k = first; k < t->nkids; k++)
		if (!comp_range(p, t->kids[k], env, it->k == BSI_PAIR ?
		    65535 : 0xffffffffu, &it->lo[k], &it->hi[k]))
			return false;
	return true;
}

static bool
value_item(const bv *v, bsitem *it)
{
	switch (v->k) {
	case BV_INT:
		it->k = BSI_INT;
		it->lo[0] = it->hi[0] = v->i;
		return true;
	case BV_PAIR:
		it->k = BSI_PAIR;
		it->lo[0] = it->hi[0] = v->a;
		it->lo[1] = it->hi[1] = v->b;
		return true;
	case BV_LC:
		it->k = BSI_LC;
		it->lo[0] = it->hi[0] = v->a;
		it->lo[1] = it->hi[1] = v->b;
		it->lo[2] = it->hi[2] = v->c;
		return true;
	case BV_EC:
		it->k = BSI_EC;
		it->ectype = v->a;
		it->lo[1] = it->hi[1] = v->b;
		it->lo[2] = it->hi[2] = v->c;
		return true;
	case BV_PREFIX:
		it->k = BSI_PREFIX;
		it->p = v->p;
		it->plo = it->phi = v->p.len;
		return true;
	case BV_IP:
		it->k = BSI_IP;
		it->p = v->p;
		return true;
	case BV_ENUM:
		it->k = BSI_ENUM;
		it->eclass = v->sub;
		it->lo[0] = it->hi[0] = v->i;
		return true;
	case BV_STR:
		it->k = BSI_STR;
		it->s = v->s;
		it->lo[0] = v->i;
		return true;
	}
	return false;
}

bool
bv_set_from_node(bp *p, const bn *n, benv *env, bv *out)
{
	bset *s = mc_alloc(p->a, sizeof(*s));
	int k;

	memset(out, 0, sizeof(*out));
	s->line = n->line;
	for (k = 0; k < n->nkids; k++) {
		const bn *e = n->kids[k];
		bsitem it;
		bv a, b;

		memset(&it, 0, sizeof(it));
		if (e->kind == BN_PREFIX) {
			int bits = mc_af_bits(e->pfx.af);

			it.k = BSI_PREFIX;
			it.p = e->pfx;
			switch (e->op) {
			case BP_PLUS:
				it.plo = e->pfx.len;
				it.phi = bits;
				break;
			case BP_MINUS:
				it.plo = 0;
				it.phi = e->pfx.len;
				break;
			case BP_RANGE:
				it.plo = e->plo;
				it.phi = e->phi;
				break;
			default:
				it.plo = it.phi = e->pfx.len;
			}
		} else if (e->kind == BN_TUPLE) {
			if (!tuple_item(p, e, env, &it))
				return false;
		} else if (e->kind == BN_RANGE && e->nkids == 2) {
			bc_eval(p, e->kids[0], env, &a);
			bc_eval(p, e->kids[1], env, &b);
			if (a.k == BV_INT && b.k == BV_INT) {
				it.k = BSI_INT;
				it.lo[0] = a.i;
				it.hi[0] = b.i;
			} else if (a.k == BV_PAIR && b.k == BV_PAIR &&
			    a.a == b.a) {
				it.k = BSI_PAIR;
				it.lo[0] = it.hi[0] = a.a;
				it.lo[1] = a.b;
				it.hi[1] = b.b;
			} else if (a.k == BV_PAIR && b.k == BV_PAIR &&
			    a.a < b.a) {
				/* (1,5)..(3,7): whole middle ASNs */
				it.k = BSI_PAIR;
				it.lo[0] = a.a;
				it.hi[0] = b.a;
				it.lo[1] = 0;
				it.hi[1] = 65535;
			} else
				return false;
		} else {
			bc_eval(p, e, env, &a);
			if (a.k == BV_SET && a.set != NULL) {
				size_t j;

				for (j = 0; j < a.set->items.n; j++)
					mc_vec_push(p->a, &s->items,
					    a.set->items.v[j]);
				continue;
			}
			if (!value_item(&a, &it))
				return false;
		}
		mc_vec_push(p->a, &s->items, it);
	}
	out->k = BV_SET;
	out->set = s;
	out->src = n;
	return true;
}

static bool
in_range(uint64_t v, const bsitem *it, int k)
{
	return v >= it->lo[k] && v <= it->hi[k];
}

/* Membership of a constant in a constant set; *approx when unsure. */
bool
bv_set_has(const bset *s, const bv *v, int *approx)
{
	size_t k;

	for (k = 0; k < s->items.n; k++) {
		const bsitem *it = &s->items.v[k];

		switch (it->k) {
		case BSI_INT:
			if (v->k == BV_INT && in_range(v->i, it, 0))
				return true;
			break;
		case BSI_PAIR:
			if (v->k == BV_PAIR && in_range(v->a, it, 0) &&
			    in_range(v->b, it, 1))
				return true;
			break;
		case BSI_LC:
			if (v->k == BV_LC && in_range(v->a, it, 0) &&
			    in_range(v->b, it, 1) && in_range(v->c, it, 2))
				return true;
			break;
		case BSI_EC:
			if (v->k == BV_EC && v->a == it->ectype &&
			    in_range(v->b, it, 1) && in_range(v->c, it, 2))
				return true;
			break;
		case BSI_PREFIX:
			if (v->k == BV_PREFIX && v->p.af == it->p.af &&
			    v->p.len >= it->plo && v->p.len <= it->phi) {
				int l = v->p.len < it->p.len ? v->p.len :
				    it->p.len;
				mc_prefix x = mc_prefix_trunc(&v->p, l);
				mc_prefix y = mc_prefix_trunc(&it->p, l);

				if (mc_prefix_eq(&x, &y))
					return true;
			}
			break;
		case BSI_IP:
			if (v->k == BV_IP && mc_prefix_eq(&v->p, &it->p))
				return true;
			break;
		case BSI_ENUM:
			if (v->k == BV_ENUM && v->sub == it->eclass &&
			    v->i == it->lo[0])
				return true;
			break;
		case BSI_STR:
			if (v->k == BV_STR && v->i == it->lo[0] &&
			    memcmp(v->s, it->s, (size_t)v->i) == 0)
				return true;
			break;
		default:
			*approx = 1;
		}
	}
	return false;
}

/* ---- path masks ----------------------------------------------------- */

bool
bv_mask_from_node(bp *p, const bn *n, benv *env, bv *out)
{
	bmask *m = mc_alloc(p->a, sizeof(*m));
	int k;

	memset(out, 0, sizeof(*out));
	for (k = 0; k < n->nkids; k++) {
		const bn *e = n->kids[k];
		bmitem it;
		bv v;

		memset(&it, 0, sizeof(it));
		if (e->kind == BN_MASK_PLUS && e->nkids == 1) {
			it.plus = true;
			e = e->kids[0];
		}
		if (e->kind == BN_MASK_STAR)
			it.k = BMI_STAR;
		else if (e->kind == BN_MASK_QUEST)
			it.k = BMI_QUEST;
		else if (e->kind == BN_RANGE && e->nkids == 2) {
			bv a, b;

			bc_eval(p, e->kids[0], env, &a);
			bc_eval(p, e->kids[1], env, &b);
			if (a.k != BV_INT || b.k != BV_INT || a.i > b.i ||
			    b.i > 0xffffffffu)
				return false;
			it.k = BMI_ASN;
			it.lo = (uint32_t)a.i;
			it.hi = (uint32_t)b.i;
		} else {
			bc_eval(p, e, env, &v);
			if (v.k == BV_INT && v.i <= 0xffffffffu) {
				it.k = BMI_ASN;
				it.lo = it.hi = (uint32_t)v.i;
			} else if (v.k == BV_SET && v.set != NULL) {
				it.k = BMI_SET;
				it.set = v.set;
			} else
				return false;
		}
		mc_vec_push(p->a, &m->items, it);
	}
	out->k = BV_MASK;
	out->mask = m;
	out->src = n;
	return true;
}

/*
 * lo..hi (lo <= hi <= 2^32 - 1) as regex alternatives for decimal numbers,
 * "|"-separated after the first of *count, written at *w (NUL-terminated,
 * never past end): blocks aligned on powers of ten, consecutive ones merged
 * in a digit class ("2[0-9][0-9]|1[01][0-9][0-9]|1200" style), at most a
 * few dozen pieces.  False when out of room.
 */
static bool
range_alt(char **w, const char *end, uint64_t lo, uint64_t hi,
    unsigned *count)
{
	uint64_t start = lo, pw, d, n, k;
	int len, z;

	while (start <= hi) {
		if (end - *w < 160)
			return false;
		if (*count > 0)
			*(*w)++ = '|';
		(*count)++;
		if (start == 0) {
			*(*w)++ = '0';
			*(*w) = '\0';
			start = 1;
			continue;
		}
		for (pw = 1, z = 0; start % (pw * 10) == 0 &&
		    start + pw * 10 - 1 <= hi; pw *= 10)
			z++;
		d = (start / pw) % 10;
		n = (hi - start + 1) / pw;
		if (n > 10 - d)
			n = 10 - d;
		len = 0;
		if (start / (pw * 10) > 0)
			len = snprintf(*w, (size_t)(end - *w), "%llu",
			    (unsigned long long)(start / (pw * 10)));
		*w += len;
		if (n == 1)
			len = snprintf(*w, (size_t)(end - *w), "%llu",
			    (unsigned long long)d);
		else
			len = snprintf(*w, (size_t)(end - *w), "[%llu-%llu]",
			    (unsigned long long)d,
			    (unsigned long long)(d + n - 1));
		*w += len;
		for (k = 0; k < (uint64_t)z; k++) {
			memcpy(*w, "[0-9]", 6);
			*w += 5;
		}
		start += n * pw;
	}
	return true;
}

/* Alternation of the ASNs of a range or int set (ranges as digit
 * patterns); NULL when too large to spell out. */
static const char *
asn_alt(bp *p, const bmitem *it)
{
	char *buf, *w;
	size_t cap = 16384, k;
	unsigned count = 0;

	buf = mc_alloc(p->a, cap);
	w = buf;
	*w++ = '(';
	if (it->k == BMI_ASN) {
		uint64_t v;

		/* ranges as digit patterns (lab: BIRD path masks, B12) */
		if (it->hi > it->lo) {
			if (!range_alt(&w, buf + cap - 2, it->lo, it->hi,
			    &count))
				return NULL;
		} else for (v = it->lo; v <= it->hi; v++)
			w += snprintf(w, (size_t)(buf + cap - w), "%s%llu",
			    count++ ? "|" : "", (unsigned long long)v);
	} else {
		for (k = 0; k < it->set->items.n; k++) {
			const bsitem *s = &it->set->items.v[k];
			uint64_t v;

			if (s->k != BSI_INT)
				return NULL;
			if (s->hi[0] > s->lo[0]) {
				if (s->hi[0] > 0xffffffffu ||
				    !range_alt(&w, buf + cap - 2, s->lo[0],
				    s->hi[0], &count))
					return NULL;
				continue;
			}
			for (v = s->lo[0]; v <= s->hi[0]; v++) {
				if (++count > 512 || buf + cap - w < 24)
					return NULL;
				w += snprintf(w, (size_t)(buf + cap - w),
				    "%s%llu", count > 1 ? "|" : "",
				    (unsigned long long)v);
			}
		}
		if (count == 0)
			return NULL;
	}
	*w++ = ')';
	*w = '\0';
	return buf;
}

/*
 * A BIRD mask over the path "A B C": each AS item becomes "X( |$)" (the
 * ASN and its separator), '*' becomes "([0-9]+( |$))*", '?' one token,
 * '+' repeats the item.  Anchored at both ends like BIRD's matcher.
 */
const char *
bv_mask_regex(bp *p, const bmask *m)
{
	MC_VEC(char) out = { 0 };
	size_t k;
	const char *piece;

#define PUT(str) do {							\
	const char *s_ = (str);						\
	while (*s_) mc_vec_push(p->a, &out, *s_++);			\
} while (0)
	PUT("^");
	for (k = 0; k < m->items.n; k++) {
		const bmitem *it = &m->items.v[k];
		char num[24];

		if (it->k == BMI_STAR) {
			PUT("([0-9]+( |$))*");
			continue;
		}
		if (it->plus)
			PUT("(");
		if (it->k == BMI_QUEST)
			PUT("[0-9]+");
		else if (it->k == BMI_ASN && it->lo == it->hi) {
			snprintf(num, sizeof(num), "%u", it->lo);
			PUT(num);
		} else {
			if ((piece = asn_alt(p, it)) == NULL)
				return NULL;
			PUT(piece);
		}
		PUT("( |$)");
		if (it->plus)
			PUT(")+");
	}
	PUT("$");
	mc_vec_push(p->a, &out, '\0');
#undef PUT
	/* the engine takes regexes up to 2 KiB */
	return out.n > 2000 ? NULL : out.v;
}

/* String patterns ("proto ~ \"bgp_*\"") use shell wildcards. */
bool
bv_str_match(const bv *s, const bv *pat)
{
	char a[256], b[256];
	size_t la = s->i < 255 ? (size_t)s->i : 255;
	size_t lb = pat->i < 255 ? (size_t)pat->i : 255;

	memcpy(a, s->s, la);
	a[la] = '\0';
	memcpy(b, pat->s, lb);
	b[lb] = '\0';
	return fnmatch(b, a, 0) == 0;
}
