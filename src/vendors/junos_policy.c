/*
 * Junos policy-options -> named lists and policies in the IR.
 *
 * prefix-list NAME { P; apply-path "..."; }   exact entries
 * route-filter-list NAME { P match-type; }    anonymous list per use
 * as-path NAME "regex"; as-path-group G { as-path N "re"; }
 * community NAME members [ a:b ... ];         every member must be present
 * policy-statement NAME { term T { from {} to {} then {} } from/then }
 *
 * Route filters follow Junos' evaluation: of the route-filter prefixes of a
 * term, only the longest one that contains the route counts; the route
 * matches if one of that prefix's match types (first one in order) matches.
 * That is a first-match prefix list: prefixes longest first, for each its
 * match types as permit entries and then "deny P orlonger".  A route filter
 * with its own action (`route-filter 10/8 orlonger reject;`) takes that
 * action instead of the term's then: the entries of each action class
 * become one list and one IF before the term's then.
 * Multiple values of one condition (community [ A B ]) are OR, different
 * conditions AND; route-filter, prefix-list, prefix-list-filter and
 * route-filter-list together are one prefix condition (OR).
 * The policy falls through to the next policy of the chain.
 */
#include <stdio.h>
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

/* ---- conditions ------------------------------------------------------------ */

typedef MC_VEC(mc_cond *) condv;

static mc_cond *
cnew(jx *x, mc_cond_kind k, int line)
{
	return mc_cond_new(x->a, k, line);
}

static mc_cond *
cjoin(jx *x, mc_cond_kind k, const condv *v, int line)
{
	mc_cond *c;
	size_t i;

	if (v->n == 0)
		return cnew(x, k == MC_C_AND ? MC_C_TRUE : MC_C_FALSE, line);
	if (v->n == 1)
		return v->v[0];
	c = cnew(x, k, line);
	for (i = 0; i < v->n; i++)
		mc_vec_push(x->a, &c->kids, v->v[i]);
	return c;
}

static mc_cond *
cand2(jx *x, mc_cond *a, mc_cond *b, int line)
{
	condv v = {0};

	if (a->kind != MC_C_TRUE)
		mc_vec_push(x->a, &v, a);
	if (b->kind != MC_C_TRUE)
		mc_vec_push(x->a, &v, b);
	return cjoin(x, MC_C_AND, &v, line);
}

static mc_cond *
cref(jx *x, mc_cond_kind k, const jt_node *n)
{
	mc_cond *c = cnew(x, k, n->line);

	c->ref = jx_str(x, n);
	return c;
}

static mc_cond *
cunknown(jx *x, const jt_node *n)
{
	mc_cond *c = cnew(x, MC_C_UNKNOWN, n->line);
	size_t len;
	const char *s = jt_line_text(x->t, n, &len);

	c->str = mc_strndup(x->a, s, len);
	return c;
}

/* ---- route filters ---------------------------------------------------------- */

typedef struct rfitem {
	mc_prefix p;
	const jt_node *mt;	/* exact / orlonger / longer / upto / ... */
	const jt_node *arg;	/* /24, /16-/24, through prefix; NULL */
	const jt_node *act;	/* node whose children are the actions */
	const char *sig;	/* actions as text, NULL: none */
	int seq;
} rfitem;

typedef MC_VEC(rfitem) rfv;

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
	for (k = jt_first(n); k != NULL; k = jt_next(k)) {
		*s = mc_printf(x->a, "%s %.*s", *s, (int)k->wlen, k->w);
		sig_walk(x, k, s, depth + 1);
		*s = mc_printf(x->a, "%s;", *s);
	}
}

static bool
is_match_type(const jt_node *n)
{
	static const char *const mts[] = {
		"exact", "orlonger", "longer", "upto", "prefix-length-range",
		"through", "address-mask", NULL
	};

	return jx_in(n, mts);
}

/* route-filter P match-type [arg] [actions]: one item per match type. */
static void
rf_items(jx *x, const jt_node *list, rfv *out, int *seq)
{
	const jt_node *p, *mt;
	rfitem it;
	char *s;

	for (p = jt_first(list); p != NULL; p = jt_next(p)) {
		memset(&it, 0, sizeof(it));
		if (!jx_prefix(p, &it.p))
			continue;
		for (mt = jt_first(p); mt != NULL; mt = jt_next(mt)) {
			if (!is_match_type(mt))
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

enum { SEL_ALL, SEL_NOACT, SEL_SIG };

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
static mc_prefix_list *
encode(jx *x, rfitem *v, size_t n, int sel, const char *sig, int line)
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
			permit = sel == SEL_ALL ||
			    (sel == SEL_NOACT && v[j].sig == NULL) ||
			    (sel == SEL_SIG && v[j].sig != NULL &&
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

static mc_cond *
cinline(jx *x, mc_prefix_list *pl, int line)
{
	mc_cond *c = cnew(x, MC_C_PREFIX_INLINE, line);

	c->plist = pl;
	return c;
}

/* ---- named objects ---------------------------------------------------------- */

static void
ap_add(void *arg, const jt_node *n)
{
	void **a = arg;
	jx *x = a[0];
	mc_prefix_list *pl = a[1];
	mc_prefix_entry e;
	mc_prefix p;

	if (!jx_prefix(n, &p))
		return;
	memset(&e, 0, sizeof(e));
	e.permit = true;
	jx_range(&p, p.len, p.len, &e.r);
	e.seq = (int)(pl->entries.n + 1) * 5;
	e.line = n->line;
	mc_vec_push(x->a, &pl->entries, e);
}

static void
prefix_lists(jx *x, const jt_node *po)
{
	const jt_node *l, *k, *ap;
	mc_prefix_list *pl;
	mc_prefix_entry e;
	mc_prefix p;
	const char *section;
	void *arg[2];
	size_t i, n4, n6;

	for (l = jt_first(jt_kid(po, "prefix-list")); l != NULL;
	    l = jt_next(l)) {
		pl = mc_alloc(x->a, sizeof(*pl));
		pl->name = jx_str(x, l);
		pl->line = l->line;
		section = mc_printf(x->a, "prefix-list %s", pl->name);
		for (k = jt_first(l); k != NULL; k = jt_next(k)) {
			if (jt_is(k, "apply-path") ||
			    jt_is(k, "apply-groups") ||
			    jt_is(k, "apply-groups-except"))
				continue;
			if (!jx_prefix(k, &p)) {
				jx_unparsed(x, k, section);
				continue;
			}
			memset(&e, 0, sizeof(e));
			e.permit = true;
			jx_range(&p, p.len, p.len, &e.r);
			e.seq = (int)(pl->entries.n + 1) * 5;
			e.line = k->line;
			mc_vec_push(x->a, &pl->entries, e);
		}
		if ((ap = jt_val(l, "apply-path")) != NULL) {
			arg[0] = x;
			arg[1] = pl;
			i = pl->entries.n;
			jt_apply_path(x->t, ap->w, ap->wlen, ap_add, arg);
			jx_note(x, "prefix-list %s: apply-path \"%.*s\" at line "
			    "%d gives %zu prefixes in this configuration",
			    pl->name, (int)ap->wlen, ap->w, ap->line,
			    pl->entries.n - i);
		}
		for (i = n4 = n6 = 0; i < pl->entries.n; i++)
			pl->entries.v[i].r.p.af == MC_AF4 ? n4++ : n6++;
		pl->af = n4 && !n6 ? MC_AF4 : n6 && !n4 ? MC_AF6 : 0;
		mc_vec_push(x->a, &x->d->prefix_lists, pl);
	}
}

static void
route_filter_lists(jx *x, const jt_node *po)
{
	const jt_node *l;
	jx_rfl r;
	rfv v = {0};
	int seq;
	size_t i;

	for (l = jt_first(jt_kid(po, "route-filter-list")); l != NULL;
	    l = jt_next(l)) {
		v.n = 0;
		seq = 0;
		rf_items(x, l, &v, &seq);
		memset(&r, 0, sizeof(r));
		r.name = jx_str(x, l);
		for (i = 0; i < v.n; i++)
			if (v.v[i].sig != NULL)
				r.has_actions = true;
		r.plist = encode(x, v.v, v.n, SEL_ALL, NULL, l->line);
		r.plist->name = r.name;
		mc_vec_push(x->a, &x->rfls, r);
	}
}

static void
aspath_add(jx *x, mc_aspath_list *al, const jt_node *re)
{
	mc_aspath_entry e;

	memset(&e, 0, sizeof(e));
	e.permit = true;
	e.regex = jx_str(x, re);
	e.dialect = MC_RE_JUNOS;
	e.line = re->line;
	mc_vec_push(x->a, &al->entries, e);
}

static void
aspaths(jx *x, const jt_node *po)
{
	const jt_node *l, *k, *re;
	mc_aspath_list *al;

	for (l = jt_first(jt_kid(po, "as-path")); l != NULL; l = jt_next(l)) {
		if ((re = jt_last(l)) == NULL)
			continue;
		al = mc_alloc(x->a, sizeof(*al));
		al->name = jx_str(x, l);
		al->line = l->line;
		aspath_add(x, al, re);
		mc_vec_push(x->a, &x->d->aspath_lists, al);
	}
	for (l = jt_first(jt_kid(po, "as-path-group")); l != NULL;
	    l = jt_next(l)) {
		al = mc_alloc(x->a, sizeof(*al));
		al->name = jx_str(x, l);
		al->line = l->line;
		for (k = jt_first(jt_kid(l, "as-path")); k != NULL;
		    k = jt_next(k))
			if ((re = jt_last(k)) != NULL)
				aspath_add(x, al, re);
		mc_vec_push(x->a, &x->d->aspath_lists, al);
	}
}

static bool
dec16(const char *s, size_t n, uint32_t *out, uint32_t max)
{
	uint64_t v = 0;
	size_t i;

	if (n == 0 || n > 10)
		return false;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (v > max)
		return false;
	*out = (uint32_t)v;
	return true;
}

/* A literal member: "65000:100", "large:A:B:C", well-known names, or an
 * extended community ("target:...": kept opaque). */
static bool
member_literal(const char *s, size_t n, mc_community *c)
{
	static const struct { const char *name; uint32_t v; } wk[] = {
		{ "no-export", 0xFFFFFF01 }, { "no-advertise", 0xFFFFFF02 },
		{ "no-export-subconfed", 0xFFFFFF03 },
		{ "llgr-stale", 0xFFFF0006 }, { "no-llgr", 0xFFFF0007 },
		{ "graceful-shutdown", 0xFFFF0000 },
		{ "blackhole", 0xFFFF029A }, { NULL, 0 }
	};
	const char *c1, *c2;
	int i;

	memset(c, 0, sizeof(*c));
	for (i = 0; wk[i].name != NULL; i++)
		if (strlen(wk[i].name) == n && memcmp(s, wk[i].name, n) == 0) {
			c->a = wk[i].v >> 16;
			c->b = wk[i].v & 0xffff;
			return true;
		}
	for (i = 0; i < (int)n; i++)
		if (s[i] == '\0' || strchr(".*+?[]()^$|\\{}", s[i]) != NULL)
			return false;
	c1 = memchr(s, ':', n);
	if (c1 == NULL)
		return false;
	if (n > 6 && memcmp(s, "large:", 6) == 0) {
		s += 6;
		n -= 6;
		c1 = memchr(s, ':', n);
		c2 = c1 ? memchr(c1 + 1, ':', n - (size_t)(c1 + 1 - s)) : NULL;
		if (c1 == NULL || c2 == NULL ||
		    !dec16(s, (size_t)(c1 - s), &c->a, 0xffffffffu) ||
		    !dec16(c1 + 1, (size_t)(c2 - c1 - 1), &c->b,
		    0xffffffffu) ||
		    !dec16(c2 + 1, n - (size_t)(c2 + 1 - s), &c->c,
		    0xffffffffu))
			return false;
		c->kind = 1;
		return true;
	}
	if (dec16(s, (size_t)(c1 - s), &c->a, 0xffff) &&
	    dec16(c1 + 1, n - (size_t)(c1 + 1 - s), &c->b, 0xffff))
		return true;
	c->kind = 2;		/* extended: opaque */
	return true;
}

/* One member regex as part of a PCRE over "A:B A:B": the member matches one
 * community, so '.' may not cross a space and anchors go to the community's
 * bounds. */
static char *
member_re(jx *x, const char *s, size_t n)
{
	char *out = mc_alloc(x->a, n * 6 + 64), *o = out;
	size_t i = 0;
	bool cls = false;

	if (n > 0 && s[0] == '^')
		i = 1;
	if (n > i && s[n - 1] == '$' && (n < 2 || s[n - 2] != '\\'))
		n--;
	o += sprintf(o, "(?=(?:.*[ ])?(?:");
	for (; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n) {
			*o++ = s[i++];
			*o++ = s[i];
		} else if (s[i] == '[') {
			cls = true;
			*o++ = '[';
		} else if (s[i] == ']') {
			cls = false;
			*o++ = ']';
		} else if (s[i] == '.' && !cls) {
			o += sprintf(o, "[^ ]");
		} else
			*o++ = s[i];
	}
	o += sprintf(o, ")(?:[ ]|$))");
	*o = '\0';
	return out;
}

static void
communities(jx *x, const jt_node *po)
{
	const jt_node *l, *m;
	mc_community_list *cl;
	mc_community_entry e, all;
	mc_community c;
	bool regex;
	char *re;

	for (l = jt_first(jt_kid(po, "community")); l != NULL;
	    l = jt_next(l)) {
		cl = mc_alloc(x->a, sizeof(*cl));
		cl->name = jx_str(x, l);
		cl->line = l->line;
		memset(&e, 0, sizeof(e));
		e.permit = jt_kid(l, "invert-match") == NULL;
		e.line = l->line;
		regex = false;
		for (m = jt_first(jt_kid(l, "members")); m != NULL;
		    m = jt_next(m))
			if (!member_literal(m->w, m->wlen, &c))
				regex = true;
		re = "^";
		for (m = jt_first(jt_kid(l, "members")); m != NULL;
		    m = jt_next(m)) {
			if (regex)
				re = mc_printf(x->a, "%s%s", re,
				    member_re(x, m->w, m->wlen));
			else if (member_literal(m->w, m->wlen, &c))
				mc_vec_push(x->a, &e.all_of, c);
		}
		if (regex) {
			e.expanded = true;
			e.regex = re;
		}
		if (jt_first(jt_kid(l, "members")) != NULL)
			mc_vec_push(x->a, &cl->entries, e);
		if (!e.permit) {
			/* invert-match: every other route matches */
			memset(&all, 0, sizeof(all));
			all.permit = true;
			all.line = l->line;
			mc_vec_push(x->a, &cl->entries, all);
		}
		mc_vec_push(x->a, &x->d->community_lists, cl);
	}
}

/* ---- actions ---------------------------------------------------------------- */

static const char *const then_other[] = {
	"local-preference", "metric", "metric2", "metric3", "metric4",
	"next-hop", "origin", "preference", "preference2", "tag", "tag2",
	"color", "color2", "damping", "cos-next-hop-map", "forwarding-class",
	"destination-class", "source-class", "load-balance",
	"install-nexthop", "priority", "label-allocation", "aigp-originate",
	"aigp-adjust", "external", "validation-state", "trace",
	"as-path-expand", "add-path", "multipath-resolve", "no-backup",
	"resolution-map", "prefix-segment", "no-entropy-label-capability",
	"map-to-interface", "install-to-fib", "no-install-to-fib",
	"analyze", "class", "label", "bgp-output-queue-priority",
	"mhop-bfd-port", "no-route-localize", "dynamic-tunnel-attributes",
	"tunnel-attribute", "tunnel-end-point-address", "backup-pe-group",
	"p2mp-lsp-root", "selected-mldp-egress", "ssm-source",
	"apply-groups", "mpls-label", "sr-te-template", "route-target",
	"nexthop-selection", "accept-reject-default", "flow-label",
	"label-allocation-fallback-reject", NULL
};

static mc_stmt *
snew(jx *x, mc_stmt_kind k, int line)
{
	return mc_stmt_new(x->a, k, line);
}

static void
comm_action(jx *x, mc_block *b, const jt_node *c)
{
	const jt_node *op, *name;
	mc_community_list *cl;
	mc_set_kind kind;
	mc_stmt *s;
	size_t i, j;
	bool first = true;

	for (op = jt_first(c); op != NULL; op = jt_next(op)) {
		if (jt_is(op, "add") || jt_is(op, "+"))
			kind = MC_SET_COMMUNITY_ADD;
		else if (jt_is(op, "delete") || jt_is(op, "-"))
			kind = MC_SET_COMMUNITY_DEL;
		else if (jt_is(op, "set") || jt_is(op, "="))
			kind = MC_SET_COMMUNITY_REPLACE;
		else {
			s = snew(x, MC_S_UNKNOWN, op->line);
			s->str = mc_printf(x->a, "community %.*s",
			    (int)op->wlen, op->w);
			mc_vec_push(x->a, b, s);
			continue;
		}
		for (name = jt_first(op); name != NULL; name = jt_next(name)) {
			cl = mc_dev_community_list(x->d, jx_str(x, name));
			first = true;
			if (cl == NULL || cl->entries.n == 0) {
				s = snew(x, MC_S_SET, name->line);
				s->set = kind == MC_SET_COMMUNITY_REPLACE ?
				    MC_SET_COMMUNITY_NONE : kind;
				s->ref = jx_str(x, name);
				if (cl == NULL)
					s->kind = MC_S_UNKNOWN;
				s->str = mc_printf(x->a, "community %.*s %s",
				    (int)op->wlen, op->w, s->ref);
				mc_vec_push(x->a, b, s);
				continue;
			}
			for (i = 0; i < cl->entries.n; i++) {
				mc_community_entry *e = &cl->entries.v[i];

				if (!e->permit)
					continue;
				if (e->expanded) {
					s = snew(x, MC_S_SET, name->line);
					s->set = kind == MC_SET_COMMUNITY_DEL ?
					    kind : MC_SET_OTHER;
					s->ref = cl->name;
					s->str = e->regex;
					mc_vec_push(x->a, b, s);
					continue;
				}
				for (j = 0; j < e->all_of.n; j++) {
					s = snew(x, MC_S_SET, name->line);
					s->set = kind;
					if (kind == MC_SET_COMMUNITY_REPLACE &&
					    !first)
						s->set = MC_SET_COMMUNITY_ADD;
					first = false;
					s->comm = e->all_of.v[j];
					s->ref = cl->name;
					mc_vec_push(x->a, b, s);
				}
			}
		}
	}
}

static void
prepend(jx *x, mc_block *b, const jt_node *n)
{
	const jt_node *v = jt_last(n);
	uint32_t asn[64];
	int na = 0, i, j;
	const char *p, *e, *s;
	jt_node tmp;
	mc_stmt *st;

	if (v == NULL)
		return;
	p = v->w;
	e = v->w + v->wlen;
	while (p < e && na < 64) {
		while (p < e && *p == ' ')
			p++;
		for (s = p; p < e && *p != ' '; p++)
			;
		if (p == s)
			break;
		tmp = *v;
		tmp.w = s;
		tmp.wlen = (unsigned)(p - s);
		if (!jx_asn(&tmp, &asn[na])) {
			st = snew(x, MC_S_UNKNOWN, n->line);
			st->str = "as-path-prepend";
			mc_vec_push(x->a, b, st);
			return;
		}
		na++;
	}
	/* "A A B" puts A A B in front: prepend from the right. */
	for (i = na - 1; i >= 0; i = j) {
		for (j = i; j >= 0 && asn[j] == asn[i]; j--)
			;
		st = snew(x, MC_S_SET, n->line);
		st->set = MC_SET_PREPEND;
		st->comm.a = asn[i];
		st->n = i - j;
		mc_vec_push(x->a, b, st);
	}
}

/* The actions of `then` (or of a route filter) into b.  Flow control goes
 * last; `next term` / `next policy` win over accept / reject. */
static void
actions(jx *x, mc_block *b, const jt_node *then, const char *section)
{
	const jt_node *k, *nx;
	mc_stmt *s;
	mc_stmt_kind flow = MC_S_UNKNOWN;
	int flow_line = 0;

	for (k = jt_first(then); k != NULL; k = jt_next(k)) {
		if (jt_is(k, "accept") || jt_is(k, "reject")) {
			if (flow != MC_S_NEXT_TERM && flow != MC_S_NEXT_POLICY) {
				flow = jt_is(k, "accept") ? MC_S_ACCEPT :
				    MC_S_REJECT;
				flow_line = k->line;
			}
		} else if (jt_is(k, "next")) {
			nx = jt_last(k);
			if (jt_is(nx, "term"))
				flow = MC_S_NEXT_TERM;
			else if (jt_is(nx, "policy"))
				flow = MC_S_NEXT_POLICY;
			flow_line = k->line;
		} else if (jt_is(k, "community")) {
			comm_action(x, b, k);
		} else if (jt_is(k, "as-path-prepend")) {
			prepend(x, b, k);
		} else if (jt_is(k, "default-action")) {
			/* reject overrides the BGP default at the chain's end */
			s = snew(x, jt_is(jt_last(k), "accept") ? MC_S_SET :
			    MC_S_UNKNOWN, k->line);
			s->set = MC_SET_OTHER;
			s->str = "default-action";
			if (s->kind == MC_S_UNKNOWN)
				s->str = "default-action reject";
			mc_vec_push(x->a, b, s);
		} else if (jx_in(k, then_other)) {
			s = snew(x, MC_S_SET, k->line);
			s->set = MC_SET_OTHER;
			s->str = jx_str(x, k);
			mc_vec_push(x->a, b, s);
		} else {
			jx_unparsed(x, k, section);
			s = snew(x, MC_S_UNKNOWN, k->line);
			s->str = jx_str(x, k);
			mc_vec_push(x->a, b, s);
		}
	}
	if (flow != MC_S_UNKNOWN)
		mc_vec_push(x->a, b, snew(x, flow, flow_line));
}

static bool
has_flow(const mc_block *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		switch (b->v[i]->kind) {
		case MC_S_ACCEPT:
		case MC_S_REJECT:
		case MC_S_NEXT_TERM:
		case MC_S_NEXT_POLICY:
			return true;
		default:
			break;
		}
	return false;
}

/* ---- from ------------------------------------------------------------------- */

/* Known match conditions we do not model: they make the term approximate. */
static const char *const from_unmodelled[] = {
	"route-type", "next-hop", "interface", "area", "tag", "tag2",
	"metric", "metric2", "metric3", "metric4", "local-preference",
	"origin", "color", "color2", "instance", "rib", "level", "external",
	"internal", "aggregate-contributor", "condition", "nlri-route-type",
	"community-count", "route-distinguisher", "state",
	"source-address-filter", "multicast-scope", "mac-address",
	"next-hop-type", "srlg", "as-path-calc-length",
	"as-path-unique-count", "priority", "label", "tunnel-type",
	"evpn-esi", "evpn-mac-route", "evpn-tag", "preference",
	"preference2", "ospf-external-type", "prefix-length-range",
	"route-filter-list-name", "traffic-engineering", "rib-has-route",
	"neighbor-as", "origin-as", "lsp", "lsp-regex",
	"isis-level", "bgp-output-queue-priority", "packet-length",
	"local-as", "peer-as", NULL
};

static const char *
proto_name(jx *x, const jt_node *n)
{
	if (jt_is(n, "direct"))
		return "connected";
	return jx_str(x, n);
}

/* from policy ( A && ! B ) */
typedef struct pexpr {
	jx *x;
	const jt_node **w;
	int n, i;
	bool bad;
} pexpr;

static mc_cond *pe_or(pexpr *);

static mc_cond *
pe_atom(pexpr *p)
{
	mc_cond *c, *k;

	if (p->i >= p->n) {
		p->bad = true;
		return cnew(p->x, MC_C_FALSE, 0);
	}
	if (jt_is(p->w[p->i], "!")) {
		p->i++;
		k = pe_atom(p);
		c = cnew(p->x, MC_C_NOT, k->line);
		mc_vec_push(p->x->a, &c->kids, k);
		return c;
	}
	if (jt_is(p->w[p->i], "(")) {
		p->i++;
		c = pe_or(p);
		if (p->i < p->n && jt_is(p->w[p->i], ")"))
			p->i++;
		else
			p->bad = true;
		return c;
	}
	if (jt_is(p->w[p->i], ")") || jt_is(p->w[p->i], "&&") ||
	    jt_is(p->w[p->i], "||")) {
		p->bad = true;
		p->i++;
		return cnew(p->x, MC_C_FALSE, 0);
	}
	return cref(p->x, MC_C_POLICY, p->w[p->i++]);
}

static mc_cond *
pe_and(pexpr *p)
{
	mc_cond *a = pe_atom(p), *c;

	if (p->i >= p->n || !jt_is(p->w[p->i], "&&"))
		return a;
	c = cnew(p->x, MC_C_AND, a->line);
	mc_vec_push(p->x->a, &c->kids, a);
	while (p->i < p->n && jt_is(p->w[p->i], "&&") && !p->bad) {
		p->i++;
		mc_vec_push(p->x->a, &c->kids, pe_atom(p));
	}
	return c;
}

static mc_cond *
pe_or(pexpr *p)
{
	mc_cond *a = pe_and(p), *c;

	if (p->i >= p->n || !jt_is(p->w[p->i], "||"))
		return a;
	c = cnew(p->x, MC_C_OR, a->line);
	mc_vec_push(p->x->a, &c->kids, a);
	while (p->i < p->n && jt_is(p->w[p->i], "||") && !p->bad) {
		p->i++;
		mc_vec_push(p->x->a, &c->kids, pe_and(p));
	}
	return c;
}

static mc_cond *
from_policy(jx *x, const jt_node *k)
{
	const jt_node *w[64];
	condv v = {0};
	const jt_node *n;
	pexpr p;

	n = jt_first(k);
	if (n != NULL && jt_count(k) == 1 && (jt_is(n, "(") || jt_is(n, "!"))) {
		memset(&p, 0, sizeof(p));
		p.x = x;
		p.w = w;
		p.n = jx_chain(n, w, 64);
		return pe_or(&p);
	}
	for (; n != NULL; n = jt_next(n))
		mc_vec_push(x->a, &v, cref(x, MC_C_POLICY, n));
	return cjoin(x, MC_C_OR, &v, k->line);
}

typedef struct actioned {
	mc_cond *cond;
	const jt_node *act;
} actioned;

typedef struct fromc {
	condv and;		/* the other conditions: AND */
	condv pfx;		/* prefix conditions without own action: OR */
	MC_VEC(actioned) act;	/* prefix conditions with their own action */
	rfv rf;			/* route-filter items of this term */
	bool has_pfx;
} fromc;

/* prefix-list-filter L match-type [actions] */
static void
plf(jx *x, fromc *fc, const jt_node *k)
{
	const jt_node *l, *mt;
	mc_prefix_list *pl;
	rfv v = {0};
	rfitem it;
	mc_cond *c;
	actioned a;
	size_t i;

	for (l = jt_first(k); l != NULL; l = jt_next(l)) {
		pl = mc_dev_prefix_list(x->d, jx_str(x, l));
		for (mt = jt_first(l); mt != NULL; mt = jt_next(mt)) {
			if (!is_match_type(mt))
				continue;
			fc->has_pfx = true;
			if (pl == NULL) {
				mc_vec_push(x->a, &fc->pfx,
				    cref(x, MC_C_PREFIX_LIST, l));
				continue;
			}
			v.n = 0;
			memset(&it, 0, sizeof(it));
			it.mt = mt;
			it.act = mt;
			if (jt_is(mt, "upto") ||
			    jt_is(mt, "prefix-length-range") ||
			    jt_is(mt, "through")) {
				it.arg = jt_first(mt);
				it.act = it.arg;
			}
			for (i = 0; i < pl->entries.n; i++) {
				it.p = pl->entries.v[i].r.p;
				it.seq = (int)i;
				mc_vec_push(x->a, &v, it);
			}
			c = cinline(x, encode(x, v.v, v.n, SEL_ALL, NULL,
			    mt->line), mt->line);
			c->plist->name = pl->name;
			if (it.act != NULL && jt_first(it.act) != NULL) {
				a.cond = c;
				a.act = it.act;
				mc_vec_push(x->a, &fc->act, a);
			} else
				mc_vec_push(x->a, &fc->pfx, c);
		}
	}
}

static void
rfl(jx *x, fromc *fc, const jt_node *k)
{
	const jt_node *l;
	size_t i;
	mc_cond *c;
	actioned a;

	for (l = jt_first(k); l != NULL; l = jt_next(l)) {
		fc->has_pfx = true;
		for (i = 0; i < x->rfls.n; i++)
			if (jt_is(l, x->rfls.v[i].name))
				break;
		if (i == x->rfls.n) {
			jx_note(x, "route-filter-list %.*s is not defined "
			    "(line %d)", (int)l->wlen, l->w, l->line);
			mc_vec_push(x->a, &fc->pfx, cunknown(x, l));
			continue;
		}
		if (x->rfls.v[i].has_actions)
			jx_note(x, "route-filter-list %s: per-entry actions "
			    "are not analysed", x->rfls.v[i].name);
		c = cinline(x, x->rfls.v[i].plist, l->line);
		if (jt_first(l) != NULL) {
			a.cond = c;
			a.act = l;
			mc_vec_push(x->a, &fc->act, a);
		} else
			mc_vec_push(x->a, &fc->pfx, c);
	}
}

static void
from(jx *x, fromc *fc, const jt_node *fr, const char *section, bool to)
{
	const jt_node *k, *v;
	condv or = {0};
	mc_cond *c;
	int seq = 0, mask;

	for (k = jt_first(fr); k != NULL; k = jt_next(k)) {
		or.n = 0;
		if (to) {
			/* `to` conditions depend on the target: unmodelled */
			if (!jt_is(k, "apply-groups"))
				mc_vec_push(x->a, &fc->and, cunknown(x, k));
			continue;
		}
		if (jt_is(k, "route-filter")) {
			fc->has_pfx = true;
			rf_items(x, k, &fc->rf, &seq);
		} else if (jt_is(k, "prefix-list")) {
			fc->has_pfx = true;
			for (v = jt_first(k); v != NULL; v = jt_next(v))
				mc_vec_push(x->a, &fc->pfx,
				    cref(x, MC_C_PREFIX_LIST, v));
		} else if (jt_is(k, "prefix-list-filter")) {
			plf(x, fc, k);
		} else if (jt_is(k, "route-filter-list")) {
			rfl(x, fc, k);
		} else if (jt_is(k, "as-path") || jt_is(k, "as-path-group")) {
			for (v = jt_first(k); v != NULL; v = jt_next(v))
				mc_vec_push(x->a, &or,
				    cref(x, MC_C_ASPATH_LIST, v));
		} else if (jt_is(k, "community")) {
			for (v = jt_first(k); v != NULL; v = jt_next(v))
				mc_vec_push(x->a, &or,
				    cref(x, MC_C_COMMUNITY_LIST, v));
		} else if (jt_is(k, "protocol")) {
			for (v = jt_first(k); v != NULL; v = jt_next(v)) {
				c = cnew(x, MC_C_PROTOCOL, v->line);
				c->str = proto_name(x, v);
				mc_vec_push(x->a, &or, c);
			}
		} else if (jt_is(k, "neighbor")) {
			for (v = jt_first(k); v != NULL; v = jt_next(v)) {
				c = cnew(x, MC_C_NEIGHBOR, v->line);
				c->str = jx_str(x, v);
				mc_vec_push(x->a, &or, c);
			}
		} else if (jt_is(k, "family")) {
			for (v = jt_first(k); v != NULL; v = jt_next(v)) {
				if (jt_is(v, "inet") || jt_is(v, "inet6")) {
					c = cnew(x, MC_C_NET_AF, v->line);
					c->n = jt_is(v, "inet") ? MC_AF4 :
					    MC_AF6;
				} else	/* inet-vpn, evpn...: not unicast */
					c = cnew(x, MC_C_FALSE, v->line);
				mc_vec_push(x->a, &or, c);
			}
		} else if (jt_is(k, "validation-database")) {
			mask = 0;
			for (v = jt_first(k); v != NULL; v = jt_next(v))
				mask |= jt_is(v, "valid") ? MC_ROV_VALID :
				    jt_is(v, "invalid") ? MC_ROV_INVALID :
				    jt_is(v, "unknown") ? MC_ROV_NOTFOUND : 0;
			c = cnew(x, MC_C_RPKI, k->line);
			c->n = mask;
			mc_vec_push(x->a, &or, c);
		} else if (jt_is(k, "policy")) {
			mc_vec_push(x->a, &or, from_policy(x, k));
		} else if (jt_is(k, "apply-groups") ||
		    jt_is(k, "apply-groups-except")) {
			continue;
		} else {
			if (!jx_in(k, from_unmodelled))
				jx_unparsed(x, k, section);
			mc_vec_push(x->a, &or, cunknown(x, k));
		}
		if (or.n > 0)
			mc_vec_push(x->a, &fc->and,
			    cjoin(x, MC_C_OR, &or, k->line));
	}
}

/* ---- terms and policies ----------------------------------------------------- */

static void
add_if(jx *x, mc_block *body, mc_cond *c, mc_block *then, int line)
{
	mc_stmt *s;
	size_t i;

	if (c->kind == MC_C_FALSE)
		return;
	if (c->kind == MC_C_TRUE) {
		for (i = 0; i < then->n; i++)
			mc_vec_push(x->a, body, then->v[i]);
		return;
	}
	s = snew(x, MC_S_IF, line);
	s->cond = c;
	s->then = *then;
	mc_vec_push(x->a, body, s);
}

static void
term(jx *x, mc_policy *pol, const jt_node *tn, const char *name,
    const char *section)
{
	static const char *const term_known[] = {
		"from", "to", "then", "apply-groups", "apply-groups-except",
		NULL
	};
	mc_term t;
	fromc fc;
	mc_cond *others, *c, *pfx;
	mc_block then;
	const char **sigs;
	size_t i, j, nsig = 0;
	bool noact = false;

	memset(&t, 0, sizeof(t));
	memset(&fc, 0, sizeof(fc));
	t.name = name;
	t.line = tn->line;
	if (jt_is(tn->parent, "term")) {
		const jt_node *k;

		for (k = jt_first(tn); k != NULL; k = jt_next(k))
			if (!jx_in(k, term_known))
				jx_unparsed(x, k, section);
	}
	from(x, &fc, jt_kid(tn, "from"), section, false);
	from(x, &fc, jt_kid(tn, "to"), section, true);
	others = cjoin(x, MC_C_AND, &fc.and, tn->line);

	/* Route filters with their own actions: one IF per action class. */
	sigs = mc_alloc(x->a, sizeof(*sigs) * (fc.rf.n + 1));
	for (i = 0; i < fc.rf.n; i++) {
		if (fc.rf.v[i].sig == NULL) {
			noact = true;
			continue;
		}
		for (j = 0; j < nsig; j++)
			if (strcmp(sigs[j], fc.rf.v[i].sig) == 0)
				break;
		if (j == nsig)
			sigs[nsig++] = fc.rf.v[i].sig;
	}
	for (j = 0; j < nsig; j++) {
		const jt_node *act = NULL;

		for (i = 0; i < fc.rf.n; i++)
			if (fc.rf.v[i].sig != NULL &&
			    strcmp(fc.rf.v[i].sig, sigs[j]) == 0) {
				act = fc.rf.v[i].act;
				break;
			}
		memset(&then, 0, sizeof(then));
		actions(x, &then, act, section);
		if (!has_flow(&then))	/* the term's then is not evaluated */
			mc_vec_push(x->a, &then,
			    snew(x, MC_S_NEXT_TERM, act->line));
		c = cinline(x, encode(x, fc.rf.v, fc.rf.n, SEL_SIG, sigs[j],
		    act->line), act->line);
		add_if(x, &t.body, cand2(x, others, c, act->line), &then,
		    act->line);
	}
	for (i = 0; i < fc.act.n; i++) {
		memset(&then, 0, sizeof(then));
		actions(x, &then, fc.act.v[i].act, section);
		if (!has_flow(&then))
			mc_vec_push(x->a, &then, snew(x, MC_S_NEXT_TERM,
			    fc.act.v[i].act->line));
		add_if(x, &t.body, cand2(x, others, fc.act.v[i].cond,
		    fc.act.v[i].cond->line), &then, fc.act.v[i].cond->line);
	}
	/* The term's own then. */
	if (noact)
		mc_vec_push(x->a, &fc.pfx, cinline(x, encode(x, fc.rf.v,
		    fc.rf.n, SEL_NOACT, NULL, tn->line), tn->line));
	memset(&then, 0, sizeof(then));
	actions(x, &then, jt_kid(tn, "then"), section);
	if (then.n > 0) {
		c = others;
		if (fc.has_pfx) {
			pfx = cjoin(x, MC_C_OR, &fc.pfx, tn->line);
			c = cand2(x, others, pfx, tn->line);
			if (fc.pfx.n == 0)
				c = cnew(x, MC_C_FALSE, tn->line);
		}
		add_if(x, &t.body, c, &then, tn->line);
	}
	mc_vec_push(x->a, &pol->terms, t);
}

static void
policies(jx *x, const jt_node *po)
{
	static const char *const ps_known[] = {
		"term", "from", "to", "then", "apply-groups",
		"apply-groups-except", "dynamic-db", NULL
	};
	const jt_node *ps, *tn, *k;
	mc_policy *pol;
	const char *section;

	for (ps = jt_first(jt_kid(po, "policy-statement")); ps != NULL;
	    ps = jt_next(ps)) {
		pol = mc_alloc(x->a, sizeof(*pol));
		pol->name = jx_str(x, ps);
		pol->line = ps->line;
		pol->fallthrough = MC_FALL_NEXT_POLICY;
		section = mc_printf(x->a, "policy-statement %s", pol->name);
		for (k = jt_first(ps); k != NULL; k = jt_next(k))
			if (!jx_in(k, ps_known))
				jx_unparsed(x, k, section);
		for (tn = jt_first(jt_kid(ps, "term")); tn != NULL;
		    tn = jt_next(tn))
			term(x, pol, tn, jx_str(x, tn), section);
		/* from/then outside terms: a last, unnamed term */
		if (jt_kid(ps, "from") || jt_kid(ps, "to") ||
		    jt_kid(ps, "then"))
			term(x, pol, ps, "", section);
		mc_vec_push(x->a, &x->d->policies, pol);
	}
}

void
jx_policy_options(jx *x, const jt_node *po)
{
	static const char *const po_known[] = {
		"prefix-list", "route-filter-list", "as-path", "as-path-group",
		"community", "policy-statement", "condition", "damping",
		"apply-groups", "apply-groups-except", "mac-list",
		"tunnel-attribute", "resolution-map", "application-maps",
		"defaults", "as-list", "as-list-group", "ip-prefix-list",
		NULL
	};
	const jt_node *k;

	if (po == NULL)
		return;
	for (k = jt_first(po); k != NULL; k = jt_next(k))
		if (!jx_in(k, po_known))
			jx_unparsed(x, k, "policy-options");
	prefix_lists(x, po);
	route_filter_lists(x, po);
	aspaths(x, po);
	communities(x, po);
	policies(x, po);
}
