/*
 * Junos policy-statements -> policies in the IR.
 *
 * policy-statement NAME { term T { from {} to {} then {} } from/then }: the
 * from/then outside terms is a last, unnamed term.  Multiple values of one
 * condition (community [ A B ]) are OR, different conditions AND;
 * route-filter, prefix-list, prefix-list-filter and route-filter-list
 * together are one prefix condition (OR), route filters by longest match
 * (junos_rfilter.c).  A route filter with its own action
 * (`route-filter 10/8 orlonger reject;`) takes that action instead of the
 * term's then: one IF per action class before the term's then.  A matching
 * term without flow control goes on to the next term; the policy falls
 * through to the next policy of the chain, the chain to the BGP default.
 */
#include <string.h>

#include "vendors/junos_int.h"

#define MAX_ACTION_CLASSES 64

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

static mc_cond *
cinline(jx *x, mc_prefix_list *pl, int line)
{
	mc_cond *c = cnew(x, MC_C_PREFIX_INLINE, line);

	c->plist = pl;
	return c;
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
	"route-type", "interface", "area", "tag", "tag2",
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
	jx_plf memo;
	const char *key;
	size_t i, j;

	for (l = jt_first(k); l != NULL; l = jt_next(l)) {
		pl = mc_dev_prefix_list(x->d, jx_str(x, l));
		for (mt = jt_first(l); mt != NULL; mt = jt_next(mt)) {
			if (!jx_is_match_type(mt))
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
			key = it.arg == NULL ? jx_str(x, mt) : mc_printf(x->a,
			    "%.*s %.*s", (int)mt->wlen, mt->w,
			    (int)it.arg->wlen, it.arg->w);
			for (i = 0; i < x->plfs.n; i++)
				if (x->plfs.v[i].pl == pl &&
				    strcmp(x->plfs.v[i].mt, key) == 0)
					break;
			if (i == x->plfs.n) {
				for (j = 0; j < pl->entries.n; j++) {
					it.p = pl->entries.v[j].r.p;
					it.seq = (int)j;
					mc_vec_push(x->a, &v, it);
				}
				memo.pl = pl;
				memo.mt = key;
				memo.enc = jx_rf_encode(x, v.v, v.n, JX_SEL_ALL,
				    NULL, mt->line);
				memo.enc->name = pl->name;
				mc_vec_push(x->a, &x->plfs, memo);
			}
			c = cinline(x, x->plfs.v[i].enc, mt->line);
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
			jx_rf_items(x, k, &fc->rf, &seq);
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
		} else if (jt_is(k, "next-hop")) {
			/* addresses, any one matches (BGP: the protocol
			 * next hop); other forms (self, ...) not modelled */
			if (jt_first(k) == NULL)
				mc_vec_push(x->a, &or, cunknown(x, k));
			for (v = jt_first(k); v != NULL; v = jt_next(v)) {
				mc_prefix a;

				if (!mc_addr_parse(v->w, v->wlen, &a)) {
					mc_vec_push(x->a, &or, cunknown(x, k));
					break;
				}
				c = cnew(x, MC_C_NEXT_HOP, v->line);
				c->str = jx_str(x, v);
				mc_vec_push(x->a, &or, c);
			}
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
		if (j < nsig)
			continue;
		if (nsig == MAX_ACTION_CLASSES) {
			/* bound the work: these go with the term's then */
			jx_note(x, "%s: more than %d different route-filter "
			    "actions in one term: the rest are not analysed",
			    section, MAX_ACTION_CLASSES);
			fc.rf.v[i].sig = NULL;
			noact = true;
			continue;
		}
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
		c = cinline(x, jx_rf_encode(x, fc.rf.v, fc.rf.n, JX_SEL_SIG, sigs[j],
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
		mc_vec_push(x->a, &fc.pfx, cinline(x, jx_rf_encode(x, fc.rf.v,
		    fc.rf.n, JX_SEL_NOACT, NULL, tn->line), tn->line));
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
	jx_named_lists(x, po);
	policies(x, po);
}
