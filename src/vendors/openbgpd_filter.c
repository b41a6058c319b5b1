/*
 * OpenBGPD filter rules -> policy IR.
 *
 * bgpd evaluates every rule in order; the last matching allow/deny decides,
 * a matching 'quick' rule decides at once, 'match' only applies its set,
 * and with no matching rule the update is denied (bgpd.conf(5) FILTER,
 * default deny since OpenBSD 6.4).  Every matching rule's set applies, so
 * a 'match ... set community X' changes what later rules see.  The rules
 * are therefore compiled forward, in file order, one term per rule:
 *   quick allow/deny   -> ACCEPT / REJECT
 *   allow / deny       -> MARK accept / clear (the last one wins)
 *   match              -> its set actions only
 *   match quick        -> its set actions, then the end of the policy
 * with MC_FALL_REJECT at the end.  The peer part (from/to any, ebgp,
 * group, address, AS) is decided per neighbour at compile time, so each
 * neighbour gets the rules that concern it; neighbours whose rule lists
 * are the same and neighbour-independent share one policy.  Policies are
 * named "in", "in #2", ... and "out", ... per distinct rule list.
 *
 * Approximations, all visible in the IR: 'nexthop X' compiles to
 * MC_C_NEXT_HOP ('set nexthop' in an earlier rule is not seen by it);
 * max-as-seq, max-communities and avs compile to MC_C_UNKNOWN; 'rib' is
 * ignored.
 */
#include <string.h>

#include "vendors/openbgpd_int.h"

/* Terms compiled over all neighbours: beyond, policies are left out. */
#define MAX_TERMS	4000000

/* ---- parsing ------------------------------------------------------------- */

static ob_item *
item_new(obp *p, ob_item_kind k)
{
	ob_item *it = mc_alloc(p->a, sizeof(*it));

	it->kind = k;
	return it;
}

static bool parse_elem(obp *, ob_rule *, ob_item **, int depth);

static bool
is_close(const obp *p)
{
	return ob_cur(p)->t == OB_RBRACE || ob_cur(p)->t == OB_EOF;
}

static void
skip_seps(obp *p)
{
	while (ob_cur(p)->t == OB_COMMA || ob_cur(p)->t == OB_NL)
		ob_adv(p);
}

/* prefix P [...] or prefix { P ..., { nested lists from macros } } */
static bool
parse_prefixes(obp *p, ob_item *it, int line)
{
	int depth = 0;

	it->plist = mc_alloc(p->a, sizeof(*it->plist));
	it->plist->name = NULL;
	it->plist->line = line;
	if (ob_cur(p)->t != OB_LBRACE)
		return ob_parse_prefix_spec(p, it->plist, line);
	do {
		const ob_tok *t = ob_cur(p);

		if (t->t == OB_LBRACE) {
			depth++;
			ob_adv(p);
		} else if (t->t == OB_RBRACE) {
			depth--;
			ob_adv(p);
		} else if (t->t == OB_COMMA || t->t == OB_NL) {
			ob_adv(p);
		} else if (t->t == OB_EOF ||
		    !ob_parse_prefix_spec(p, it->plist, line))
			return false;
	} while (depth > 0);
	return true;
}

static int
as_type(const ob_tok *t)
{
	if (ob_tok_is(t, "AS"))
		return MC_C_AS_ANY;
	if (ob_tok_is(t, "peer-as"))
		return MC_C_AS_FIRST;
	if (ob_tok_is(t, "source-as"))
		return MC_C_AS_ORIGIN;
	if (ob_tok_is(t, "transit-as"))
		return MC_C_AS_TRANSIT;
	return -1;
}

/* [op] asn | asn - asn | asn >< asn | neighbor-as | local-as */
static bool
parse_as_value(obp *p, ob_item *it)
{
	const ob_tok *t = ob_cur(p);
	char op[3] = "";
	uint32_t a, b;

	if (t->t == OB_OP) {
		memcpy(op, t->s, t->len);
		ob_adv(p);
		t = ob_cur(p);
		if (strcmp(op, "=") != 0 && strcmp(op, "!=") != 0)
			return false;
		it->neg = op[0] == '!';
	}
	if (ob_tok_is(t, "neighbor-as") || ob_tok_is(t, "local-as")) {
		it->asv = ob_tok_is(t, "local-as") ? OB_CV_LOCAL :
		    OB_CV_NEIGHBOR;
		ob_adv(p);
		return true;
	}
	if (!ob_parse_asn(t, &a))
		return false;
	ob_adv(p);
	it->lo = it->hi = a;
	t = ob_cur(p);
	if (op[0] == '\0' && (ob_tok_is(t, "-") || (t->t == OB_OP &&
	    t->len == 2 && t->s[0] == '>'))) {
		bool except = t->t == OB_OP;

		ob_adv(p);
		if (!ob_parse_asn(ob_cur(p), &b) || b < a)
			return false;
		ob_adv(p);
		it->hi = b;
		it->neg = except;
	}
	return true;
}

static bool
parse_as_elem(obp *p, ob_item **out, int type)
{
	ob_item *it;

	if (ob_tok_is(ob_cur(p), "as-set")) {
		ob_adv(p);
		if (ob_cur(p)->t != OB_WORD && ob_cur(p)->t != OB_STRING)
			return false;
		it = item_new(p, OB_I_ASSET);
		it->astype = type;
		it->name = ob_tok_str(p->a, ob_cur(p));
		ob_adv(p);
		*out = it;
		return true;
	}
	if (ob_cur(p)->t == OB_LBRACE) {	/* AS { 1, 2, 3 } */
		ob_item *or = item_new(p, OB_I_OR);

		ob_adv(p);
		for (;;) {
			skip_seps(p);
			if (is_close(p))
				break;
			it = item_new(p, OB_I_AS);
			it->astype = type;
			if (!parse_as_value(p, it))
				return false;
			mc_vec_push(p->a, &or->kids, it);
		}
		if (ob_cur(p)->t != OB_RBRACE)
			return false;
		ob_adv(p);
		*out = or;
		return true;
	}
	it = item_new(p, OB_I_AS);
	it->astype = type;
	if (!parse_as_value(p, it))
		return false;
	*out = it;
	return true;
}

/* One filter element at the cursor. */
static bool
parse_elem(obp *p, ob_rule *r, ob_item **out, int depth)
{
	const ob_tok *t = ob_cur(p);
	size_t from = p->i;
	ob_item *it;
	uint32_t v;
	int type, lo[2], hi[2], n, k;


	if (depth > 8)
		return false;
	if (t->t == OB_LBRACE) {	/* { AS 1, source-as 2 } */
		it = item_new(p, OB_I_OR);
		ob_adv(p);
		for (;;) {
			ob_item *kid;

			skip_seps(p);
			if (is_close(p))
				break;
			if (!parse_elem(p, r, &kid, depth + 1))
				return false;
			mc_vec_push(p->a, &it->kids, kid);
		}
		if (ob_cur(p)->t != OB_RBRACE)
			return false;
		ob_adv(p);
		*out = it;
		return true;
	}
	if ((type = as_type(t)) >= 0) {
		ob_adv(p);
		if (!parse_as_elem(p, out, type))
			return false;
		return true;
	}
	if (ob_tok_is(t, "prefix")) {
		ob_adv(p);
		it = item_new(p, OB_I_PREFIX);
		if (!parse_prefixes(p, it, t->line))
			return false;
		*out = it;
		return true;
	}
	if (ob_tok_is(t, "prefix-set") || ob_tok_is(t, "origin-set")) {
		it = item_new(p, ob_tok_is(t, "prefix-set") ? OB_I_PREFIXSET :
		    OB_I_ORIGINSET);
		ob_adv(p);
		if (ob_cur(p)->t != OB_WORD && ob_cur(p)->t != OB_STRING)
			return false;
		it->name = ob_tok_str(p->a, ob_cur(p));
		ob_adv(p);
		if (it->kind == OB_I_PREFIXSET &&
		    ob_tok_is(ob_cur(p), "or-longer")) {
			it->orlonger = true;
			ob_adv(p);
		}
		*out = it;
		return true;
	}
	if (ob_tok_is(t, "inet") || ob_tok_is(t, "inet6")) {
		it = item_new(p, OB_I_AF);
		it->n = ob_tok_is(t, "inet6") ? MC_AF6 : MC_AF4;
		ob_adv(p);
		*out = it;
		return true;
	}
	if (ob_tok_is(t, "prefixlen")) {
		ob_adv(p);
		n = ob_plen_op(p, 0, 128, lo, hi);
		if (n < 0)
			return false;
		it = item_new(p, OB_I_OR);
		for (k = 0; k < n; k++) {
			ob_item *kid = item_new(p, OB_I_PLEN);

			if (hi[k] < lo[k] || hi[k] < 0)
				continue;	/* e.g. prefixlen < 0 */
			kid->lo = lo[k] < 0 ? 0 : (uint32_t)lo[k];
			kid->hi = (uint32_t)hi[k];
			mc_vec_push(p->a, &it->kids, kid);
		}
		*out = it;
		return true;
	}
	if (ob_tok_is(t, "community") || ob_tok_is(t, "large-community") ||
	    ob_tok_is(t, "ext-community")) {
		int kind = ob_tok_is(t, "community") ? 0 :
		    ob_tok_is(t, "large-community") ? 1 : 2;

		ob_adv(p);
		it = item_new(p, OB_I_COMM);
		if (!ob_parse_comm(p, kind, &it->comm, false))
			return false;
		for (k = 0; k < 3; k++)
			if (it->comm.spec[k] == OB_CV_NEIGHBOR)
				r->nbr_dep = true;
		*out = it;
		return true;
	}
	if (ob_tok_is(t, "ovs")) {
		ob_adv(p);
		it = item_new(p, OB_I_OVS);
		t = ob_cur(p);
		if (ob_tok_is(t, "valid"))
			it->n = MC_ROV_VALID;
		else if (ob_tok_is(t, "invalid"))
			it->n = MC_ROV_INVALID;
		else if (ob_tok_is(t, "not-found"))
			it->n = MC_ROV_NOTFOUND;
		else
			return false;
		ob_adv(p);
		*out = it;
		return true;
	}
	if (ob_tok_is(t, "max-as-len")) {
		ob_adv(p);
		if (!ob_parse_u32(ob_cur(p), &v))
			return false;
		ob_adv(p);
		it = item_new(p, OB_I_MAXASLEN);
		it->lo = v;
		*out = it;
		return true;
	}
	if (ob_tok_is(t, "nexthop")) {
		ob_adv(p);
		if (ob_cur(p)->t != OB_WORD && ob_cur(p)->t != OB_STRING)
			return false;
		it = item_new(p, OB_I_NEXTHOP);
		it->name = ob_tok_str(p->a, ob_cur(p));
		ob_adv(p);
		*out = it;
		return true;
	}
	if (ob_tok_is(t, "max-as-seq") || ob_tok_is(t, "max-communities") ||
	    ob_tok_is(t, "max-large-communities") ||
	    ob_tok_is(t, "max-ext-communities") || ob_tok_is(t, "avs")) {
		ob_adv(p);
		if (ob_cur(p)->t != OB_WORD)
			return false;
		ob_adv(p);
		it = item_new(p, OB_I_UNKNOWN);
		it->name = ob_text(p, from, p->i);
		*out = it;
		return true;
	}
	return false;
}

/* from|to PEER or { PEER, ... } */
static bool
parse_peer(obp *p, ob_rule *r)
{
	const ob_tok *t = ob_cur(p);
	ob_peerspec s;

	memset(&s, 0, sizeof(s));
	if (ob_tok_is(t, "any"))
		s.kind = OB_P_ANY;
	else if (ob_tok_is(t, "ibgp"))
		s.kind = OB_P_IBGP;
	else if (ob_tok_is(t, "ebgp"))
		s.kind = OB_P_EBGP;
	else if (ob_tok_is(t, "group")) {
		ob_adv(p);
		t = ob_cur(p);
		if (t->t != OB_WORD && t->t != OB_STRING)
			return false;
		s.kind = OB_P_GROUP;
		s.s = ob_tok_str(p->a, t);
	} else if (ob_tok_is(t, "AS")) {
		ob_adv(p);
		t = ob_cur(p);
		if (!ob_parse_asn(t, &s.as))
			return false;
		s.kind = OB_P_AS;
	} else if (t->t == OB_WORD || t->t == OB_STRING) {
		s.kind = OB_P_ADDR;
		s.s = ob_tok_str(p->a, t);
		if (!ob_parse_prefix(t, &s.p))
			memset(&s.p, 0, sizeof(s.p));
	} else
		return false;
	ob_adv(p);
	mc_vec_push(p->a, &r->peers, s);
	return true;
}

static bool
parse_peers(obp *p, ob_rule *r)
{
	if (ob_cur(p)->t != OB_LBRACE)
		return parse_peer(p, r);
	ob_adv(p);
	for (;;) {
		skip_seps(p);
		if (is_close(p))
			break;
		if (!parse_peer(p, r))
			return false;
	}
	if (ob_cur(p)->t != OB_RBRACE)
		return false;
	ob_adv(p);
	return true;
}

void
ob_parse_rule(obp *p)
{
	const ob_tok *t = ob_cur(p);
	size_t from = p->i, text_end = 0;
	ob_rule *r = mc_alloc(p->a, sizeof(*r));
	size_t k;

	r->line = t->line;
	r->action = ob_tok_is(t, "allow") ? OB_ALLOW : ob_tok_is(t, "deny") ?
	    OB_DENY : OB_MATCH;
	ob_adv(p);
	if (ob_tok_is(ob_cur(p), "quick")) {
		r->quick = true;
		ob_adv(p);
	}
	t = ob_cur(p);
	if (!ob_tok_is(t, "from") && !ob_tok_is(t, "to")) {
		ob_unparsed(p, from, "filter");
		return;
	}
	r->dir = ob_tok_is(t, "to");
	ob_adv(p);
	if (!parse_peers(p, r)) {
		ob_unparsed(p, from, "filter");
		return;
	}
	while (!ob_at_end(p)) {
		size_t el = p->i;
		ob_item *it = NULL;

		if (ob_tok_is(ob_cur(p), "set")) {
			text_end = p->i;
			ob_adv(p);
			ob_parse_sets(p, &r->sets, "filter");
			continue;
		}
		if (ob_tok_is(ob_cur(p), "rib")) {
			ob_adv(p);
			ob_adv(p);
			continue;
		}
		if (!parse_elem(p, r, &it, 0)) {
			/* Keep the rule, flagged: the rest of it is unknown. */
			const char *txt;

			ob_unparsed(p, el, "filter");
			txt = ob_text(p, el, p->i);
			it = item_new(p, OB_I_UNKNOWN);
			it->name = txt;
			mc_vec_push(p->a, &r->items, it);
			r->text = ob_text(p, from, p->i);
			mc_vec_push(p->a, &p->rules, r);
			return;
		}
		mc_vec_push(p->a, &r->items, it);
	}
	r->text = ob_text(p, from, text_end ? text_end : p->i);
	for (k = 0; k < r->items.n; k++)
		if (r->items.v[k]->kind == OB_I_AS &&
		    r->items.v[k]->asv == OB_CV_NEIGHBOR &&
		    r->items.v[k]->astype != MC_C_AS_FIRST)
			r->nbr_dep = true;
	for (k = 0; k < r->sets.n; k++) {
		const ob_set *s = &r->sets.v[k];

		if (s->prepend_neighbor || s->comm.spec[0] == OB_CV_NEIGHBOR ||
		    s->comm.spec[1] == OB_CV_NEIGHBOR ||
		    s->comm.spec[2] == OB_CV_NEIGHBOR)
			r->nbr_dep = true;
	}
	if (ob_cur(p)->t == OB_NL)
		ob_adv(p);
	mc_vec_push(p->a, &p->rules, r);
}

/* ---- compiling ------------------------------------------------------------- */

static uint32_t
local_as(const obp *p, const mc_neighbor *n)
{
	return n->local_as ? n->local_as : p->d->bgp.asn;
}

static bool
is_ibgp(const obp *p, const mc_neighbor *n)
{
	return n->remote_as_kind == MC_RAS_NUMBER &&
	    n->remote_as == local_as(p, n);
}

static bool
peer_matches(const obp *p, const ob_peerspec *s, const mc_neighbor *n)
{
	mc_prefix a;

	switch (s->kind) {
	case OB_P_ANY:
		return true;
	case OB_P_IBGP:
		return is_ibgp(p, n);
	case OB_P_EBGP:
		return !is_ibgp(p, n);
	case OB_P_GROUP:
		return n->group != NULL && strcmp(n->group, s->s) == 0;
	case OB_P_AS:
		return n->remote_as_kind == MC_RAS_NUMBER &&
		    n->remote_as == s->as;
	case OB_P_ADDR:
		if (s->p.af != 0 && n->addr.af != 0)
			return mc_prefix_eq(&s->p, &n->addr);
		if (s->p.af != 0 && mc_prefix_parse(n->address,
		    strlen(n->address), &a))
			return mc_prefix_eq(&s->p, &a);
		return strcmp(s->s, n->address) == 0;
	}
	return false;
}

static bool
rule_applies(const obp *p, const ob_rule *r, const mc_neighbor *n, int dir)
{
	size_t i;

	if (r->dir != dir)
		return false;
	for (i = 0; i < r->peers.n; i++)
		if (peer_matches(p, &r->peers.v[i], n))
			return true;
	return false;
}

static mc_cond *
unknown(obp *p, const char *text, int line)
{
	mc_cond *c = mc_cond_new(p->a, MC_C_UNKNOWN, line);

	c->str = text;
	return c;
}

static mc_cond *
as_range(obp *p, int type, uint32_t lo, uint32_t hi, int line)
{
	mc_cond *c = mc_cond_new(p->a, (mc_cond_kind)type, line);

	c->lo = lo;
	c->hi = hi;
	return c;
}

/* bgpd compares each AS of the part: 'AS != 5' matches a path with some
 * AS other than 5, so negations become the complement ranges. */
static mc_cond *
as_cond(obp *p, int type, uint32_t lo, uint32_t hi, bool neg, int line)
{
	mc_cond *c;

	if (!neg)
		return as_range(p, type, lo, hi, line);
	c = mc_cond_new(p->a, MC_C_OR, line);
	if (lo > 0)
		mc_vec_push(p->a, &c->kids, as_range(p, type, 0, lo - 1, line));
	if (hi < UINT32_MAX)
		mc_vec_push(p->a, &c->kids, as_range(p, type, hi + 1,
		    UINT32_MAX, line));
	return c;
}

static mc_cond *
cache_get(const obp *p, int kind, int astype, const char *name)
{
	size_t i;

	for (i = 0; i < p->conds.n; i++)
		if (p->conds.v[i].kind == kind &&
		    p->conds.v[i].astype == astype &&
		    strcmp(p->conds.v[i].name, name) == 0)
			return p->conds.v[i].c;
	return NULL;
}

static mc_cond *
cache_put(obp *p, int kind, int astype, const char *name, mc_cond *c)
{
	ob_condcache e;

	e.kind = kind;
	e.astype = astype;
	e.name = name;
	e.c = c;
	mc_vec_push(p->a, &p->conds, e);
	return c;
}

static mc_cond *
asset_cond(obp *p, const ob_item *it, int line)
{
	const ob_asset *s = NULL;
	mc_cond *c;
	uint32_t *v;
	size_t i, j, n;

	if ((c = cache_get(p, OB_I_ASSET, it->astype, it->name)) != NULL)
		return c;
	for (i = 0; i < p->asets.n; i++)
		if (strcmp(p->asets.v[i]->name, it->name) == 0)
			s = p->asets.v[i];
	if (s == NULL)
		return unknown(p, mc_printf(p->a, "as-set %s is not defined",
		    it->name), line);
	/* sorted copy, consecutive numbers merged into ranges */
	n = s->asns.n;
	v = mc_alloc(p->a, (n ? n : 1) * sizeof(*v));
	if (n > 0)
		memcpy(v, s->asns.v, n * sizeof(*v));
	for (i = 1; i < n; i++)		/* insertion sort: sets are small */
		for (j = i; j > 0 && v[j - 1] > v[j]; j--) {
			uint32_t x = v[j];

			v[j] = v[j - 1];
			v[j - 1] = x;
		}
	c = mc_cond_new(p->a, MC_C_OR, line);
	c->str = mc_printf(p->a, "as-set %s", s->name);
	for (i = 0; i < n;) {
		j = i;
		while (j + 1 < n && (v[j + 1] == v[j] || v[j + 1] == v[j] + 1))
			j++;
		mc_vec_push(p->a, &c->kids, as_range(p, it->astype, v[i], v[j],
		    line));
		i = j + 1;
	}
	return cache_put(p, OB_I_ASSET, it->astype, s->name, c);
}

static mc_cond *
originset_cond(obp *p, const ob_item *it, int line)
{
	const ob_originset *s = NULL;
	mc_cond *c;
	size_t i, j;

	if ((c = cache_get(p, OB_I_ORIGINSET, 0, it->name)) != NULL)
		return c;
	for (i = 0; i < p->osets.n; i++)
		if (strcmp(p->osets.v[i]->name, it->name) == 0)
			s = p->osets.v[i];
	if (s == NULL)
		return unknown(p, mc_printf(p->a, "origin-set %s is not "
		    "defined", it->name), line);
	c = mc_cond_new(p->a, MC_C_OR, line);
	c->str = mc_printf(p->a, "origin-set %s", s->name);
	/* one (prefixes AND origin) per source AS, in first-seen order */
	for (i = 0; i < s->e.n; i++) {
		uint32_t as = s->e.v[i].asn;
		mc_prefix_list *pl;
		mc_cond *and, *pc;
		bool seen = false;

		for (j = 0; j < i; j++)
			if (s->e.v[j].asn == as)
				seen = true;
		if (seen)
			continue;
		pl = mc_alloc(p->a, sizeof(*pl));
		pl->name = mc_printf(p->a, "origin-set %s AS%u", s->name, as);
		pl->line = s->line;
		for (j = i; j < s->e.n; j++)
			if (s->e.v[j].asn == as) {
				mc_prefix_entry e;

				memset(&e, 0, sizeof(e));
				e.permit = true;
				e.r = s->e.v[j].r;
				e.line = s->line;
				e.seq = (int)pl->entries.n + 1;
				mc_vec_push(p->a, &pl->entries, e);
			}
		pc = mc_cond_new(p->a, MC_C_PREFIX_INLINE, line);
		pc->plist = pl;
		and = mc_cond_new(p->a, MC_C_AND, line);
		mc_vec_push(p->a, &and->kids, pc);
		mc_vec_push(p->a, &and->kids, as_range(p, MC_C_AS_ORIGIN, as,
		    as, line));
		mc_vec_push(p->a, &c->kids, and);
	}
	return cache_put(p, OB_I_ORIGINSET, 0, s->name, c);
}

/* prefix-set NAME or-longer: every entry widened to all longer prefixes. */
static mc_prefix_list *
orlonger_list(obp *p, const char *name)
{
	mc_prefix_list *src = mc_dev_prefix_list(p->d, name), *pl;
	size_t i;

	if (src == NULL)
		return NULL;
	for (i = 0; i < p->orlonger.n; i++)
		if (strcmp(p->orlonger.v[i]->name, src->name) == 0)
			return p->orlonger.v[i];
	pl = mc_alloc(p->a, sizeof(*pl));
	pl->name = src->name;
	pl->af = src->af;
	pl->line = src->line;
	for (i = 0; i < src->entries.n; i++) {
		mc_prefix_entry e = src->entries.v[i];

		e.r.lo = e.r.p.len;
		e.r.hi = (uint8_t)mc_af_bits(e.r.p.af);
		mc_vec_push(p->a, &pl->entries, e);
	}
	mc_vec_push(p->a, &p->orlonger, pl);
	return pl;
}

static bool
comm_resolve(const obp *p, const mc_neighbor *n, const ob_comm *oc,
    mc_community *out)
{
	uint32_t *f[3];
	int k;

	*out = oc->c;
	f[0] = &out->a;
	f[1] = &out->b;
	f[2] = &out->c;
	for (k = 0; k < 3; k++)
		switch (oc->spec[k]) {
		case OB_CV_ANY:
			*f[k] = 0xffffffffu;
			break;
		case OB_CV_LOCAL:
			*f[k] = local_as(p, n);
			break;
		case OB_CV_NEIGHBOR:
			if (n->remote_as_kind != MC_RAS_NUMBER)
				return false;
			*f[k] = n->remote_as;
			break;
		}
	return true;
}

static mc_cond *
item_cond(obp *p, const ob_item *it, const mc_neighbor *n, int dir, int line)
{
	mc_cond *c;
	size_t i;

	switch (it->kind) {
	case OB_I_OR:
		if (it->kids.n == 0)
			return mc_cond_new(p->a, MC_C_FALSE, line);
		if (it->kids.n == 1)
			return item_cond(p, it->kids.v[0], n, dir, line);
		c = mc_cond_new(p->a, MC_C_OR, line);
		for (i = 0; i < it->kids.n; i++)
			mc_vec_push(p->a, &c->kids, item_cond(p, it->kids.v[i],
			    n, dir, line));
		return c;
	case OB_I_PREFIX:
		c = mc_cond_new(p->a, MC_C_PREFIX_INLINE, line);
		c->plist = it->plist;
		return c;
	case OB_I_PREFIXSET:
		if (it->orlonger) {
			mc_prefix_list *pl = orlonger_list(p, it->name);

			if (pl != NULL) {
				c = mc_cond_new(p->a, MC_C_PREFIX_INLINE, line);
				c->plist = pl;
				c->str = mc_printf(p->a, "prefix-set %s "
				    "or-longer", it->name);
				return c;
			}
		}
		c = mc_cond_new(p->a, MC_C_PREFIX_LIST, line);
		c->ref = it->name;
		return c;
	case OB_I_AF:
		c = mc_cond_new(p->a, MC_C_NET_AF, line);
		c->n = it->n;
		return c;
	case OB_I_PLEN:
		c = mc_cond_new(p->a, MC_C_NET_LEN, line);
		c->lo = it->lo;
		c->hi = it->hi;
		return c;
	case OB_I_AS:
		if (it->asv == OB_CV_NEIGHBOR) {
			if (it->astype == MC_C_AS_FIRST) {
				c = mc_cond_new(p->a, MC_C_AS_PEER, line);
				if (it->neg) {
					mc_cond *no = mc_cond_new(p->a,
					    MC_C_NOT, line);

					mc_vec_push(p->a, &no->kids, c);
					c = no;
				}
				return c;
			}
			if (n->remote_as_kind != MC_RAS_NUMBER)
				return unknown(p, "neighbor-as of a neighbour "
				    "without remote-as", line);
			return as_cond(p, it->astype, n->remote_as,
			    n->remote_as, it->neg, line);
		}
		if (it->asv == OB_CV_LOCAL)
			return as_cond(p, it->astype, local_as(p, n),
			    local_as(p, n), it->neg, line);
		return as_cond(p, it->astype, it->lo, it->hi, it->neg, line);
	case OB_I_ASSET:
		return asset_cond(p, it, line);
	case OB_I_COMM:
		c = mc_cond_new(p->a, MC_C_COMMUNITY, line);
		if (!comm_resolve(p, n, &it->comm, &c->comm))
			return unknown(p, "community with neighbor-as of a "
			    "neighbour without remote-as", line);
		return c;
	case OB_I_OVS:
		c = mc_cond_new(p->a, MC_C_RPKI, line);
		c->n = it->n;
		return c;
	case OB_I_MAXASLEN:
		c = mc_cond_new(p->a, MC_C_ASPATH_LEN, line);
		c->lo = it->lo + 1;
		c->hi = UINT32_MAX;
		return c;
	case OB_I_NEXTHOP:
		/* bgpd compares the update's next hop with the address, or
		 * with the address of the neighbour the route came from for
		 * 'neighbor' (on 'to' rules too: the source, not the
		 * receiver; the engine takes it from the route). */
		if (strcmp(it->name, "neighbor") == 0)
			return mc_cond_new(p->a, MC_C_NEXT_HOP, line);
		{
			mc_prefix a;

			if (!mc_addr_parse(it->name, strlen(it->name), &a))
				return unknown(p, mc_printf(p->a, "nexthop %s",
				    it->name), line);
		}
		c = mc_cond_new(p->a, MC_C_NEXT_HOP, line);
		c->str = it->name;
		return c;
	case OB_I_ORIGINSET:
		return originset_cond(p, it, line);
	case OB_I_UNKNOWN:
		return unknown(p, it->name, line);
	}
	return unknown(p, "?", line);
}

static mc_cond *
rule_cond(obp *p, const ob_rule *r, const mc_neighbor *n)
{
	mc_cond *c;
	size_t i;

	if (r->items.n == 0)
		return NULL;
	if (r->items.n == 1)
		return item_cond(p, r->items.v[0], n, r->dir, r->line);
	c = mc_cond_new(p->a, MC_C_AND, r->line);
	for (i = 0; i < r->items.n; i++)
		mc_vec_push(p->a, &c->kids, item_cond(p, r->items.v[i], n,
		    r->dir, r->line));
	return c;
}

static void
push_sets(obp *p, mc_block *b, const ob_sets *sets, const mc_neighbor *n,
    int only_dir)
{
	size_t i;

	for (i = 0; i < sets->n; i++) {
		const ob_set *s = &sets->v[i];
		mc_stmt *st;
		bool outbound = s->kind == MC_SET_PREPEND ? !s->prepend_neighbor :
		    (s->text != NULL && strncmp(s->text, "nexthop", 7) == 0 &&
		    (strstr(s->text, "self") || strstr(s->text, "no-modify")));

		/* neighbour-block sets: prepend-self and nexthop self /
		 * no-modify act on export, the others on import */
		if (only_dir >= 0 && outbound != (only_dir == 1))
			continue;
		st = mc_stmt_new(p->a, MC_S_SET, s->line);
		st->set = s->kind;
		st->str = s->text;
		if (s->kind == MC_SET_PREPEND) {
			st->n = s->n;
			st->comm.a = s->prepend_neighbor ? n->remote_as :
			    local_as(p, n);
		} else if (s->kind != MC_SET_OTHER &&
		    !comm_resolve(p, n, &s->comm, &st->comm)) {
			st->kind = MC_S_UNKNOWN;
			st->str = "community with neighbor-as of a neighbour "
			    "without remote-as";
		}
		mc_vec_push(p->a, b, st);
	}
}

static void
rule_term(obp *p, mc_policy *pol, const ob_rule *r, const mc_neighbor *n)
{
	mc_term t;
	mc_block body = {0};
	mc_stmt *st = NULL;
	mc_cond *c;

	memset(&t, 0, sizeof(t));
	t.name = r->text;
	t.line = r->line;
	push_sets(p, &body, &r->sets, n, -1);
	if (r->action == OB_MATCH && r->quick) {
		/* 'match quick': evaluation stops, the last allow/deny so far
		 * (the mark) decides: jump past the last term (patched by
		 * compile_one once the term count is known) */
		st = mc_stmt_new(p->a, MC_S_GOTO, r->line);
		st->n = -1;
		mc_vec_push(p->a, &body, st);
	} else if (r->action != OB_MATCH) {
		if (r->quick)
			st = mc_stmt_new(p->a, r->action == OB_ALLOW ?
			    MC_S_ACCEPT : MC_S_REJECT, r->line);
		else {
			st = mc_stmt_new(p->a, MC_S_MARK, r->line);
			st->mark_accept = r->action == OB_ALLOW;
		}
		mc_vec_push(p->a, &body, st);
	}
	if (body.n == 0)
		return;		/* 'match' without set: no effect */
	c = rule_cond(p, r, n);
	if (c == NULL)
		t.body = body;
	else {
		st = mc_stmt_new(p->a, MC_S_IF, r->line);
		st->cond = c;
		st->then = body;
		mc_vec_push(p->a, &t.body, st);
	}
	mc_vec_push(p->a, &pol->terms, t);
}

/* Terms bgpd derives from the neighbour block itself. */
static bool
extra_terms(obp *p, mc_policy *pol, const ob_nbr *b, int dir)
{
	mc_term t;
	mc_stmt *st;

	memset(&t, 0, sizeof(t));
	if (dir == 1 && b->export_mode != 0) {
		t.name = b->export_mode == 1 ? "export none" :
		    "export default-route";
		t.line = b->export_line;
		st = mc_stmt_new(p->a, MC_S_REJECT, b->export_line);
		if (b->export_mode == 2) {
			mc_stmt *ifs = mc_stmt_new(p->a, MC_S_IF,
			    b->export_line);
			mc_cond *no = mc_cond_new(p->a, MC_C_NOT,
			    b->export_line);
			mc_cond *dflt = mc_cond_new(p->a, MC_C_NET_LEN,
			    b->export_line);

			dflt->lo = dflt->hi = 0;
			mc_vec_push(p->a, &no->kids, dflt);
			ifs->cond = no;
			mc_vec_push(p->a, &ifs->then, st);
			st = ifs;
		}
		mc_vec_push(p->a, &t.body, st);
		if (pol != NULL)
			mc_vec_push(p->a, &pol->terms, t);
		return true;
	}
	if (b->sets.n > 0) {
		mc_block body = {0};

		push_sets(p, &body, &b->sets, &b->n, dir);
		if (body.n == 0)
			return false;
		t.name = "neighbor set";
		t.line = body.v[0]->line;
		t.body = body;
		if (pol != NULL)
			mc_vec_push(p->a, &pol->terms, t);
		return true;
	}
	return false;
}

static const char *
find_shared(obp *p, int dir, const size_t *idx, size_t n)
{
	size_t i;

	for (i = 0; i < p->shared.n; i++) {
		const ob_shared *s = &p->shared.v[i];

		if (s->dir == dir && s->n == n &&
		    memcmp(s->idx, idx, n * sizeof(*idx)) == 0)
			return s->name;
	}
	return NULL;
}

static void
attach(obp *p, mc_neighbor *n, int dir, const char *name, int line)
{
	mc_stage st = {0};
	mc_polref ref;
	int afi;

	ref.name = name;
	ref.kind = MC_REF_POLICY;
	ref.line = line;
	mc_vec_push(p->a, &st.chain, ref);
	for (afi = 0; afi < MC_AFI_COUNT; afi++) {
		mc_direction_policy *dp = dir ? &n->af[afi].out :
		    &n->af[afi].in;

		mc_vec_push(p->a, &dp->stages, st);
		dp->chain_default_accept = false;
	}
}

static void
compile_one(obp *p, ob_nbr *b, int dir, size_t *idx)
{
	mc_neighbor *n = b->out;
	size_t i, cnt = 0;
	bool dep = false;
	mc_policy *pol;
	const char *name;

	for (i = 0; i < p->rules.n; i++)
		if (rule_applies(p, p->rules.v[i], n, dir)) {
			idx[cnt++] = i;
			dep |= p->rules.v[i]->nbr_dep;
		}
	if (cnt == 0)
		return;		/* no rule: bgpd denies everything */
	dep |= extra_terms(p, NULL, b, dir);
	if (!dep && (name = find_shared(p, dir, idx, cnt)) != NULL) {
		attach(p, n, dir, name, p->rules.v[idx[0]]->line);
		return;
	}
	pol = mc_alloc(p->a, sizeof(*pol));
	pol->fallthrough = MC_FALL_REJECT;
	pol->line = p->rules.v[idx[0]]->line;
	/* "in", "in #2", ...: every distinct rule list of a direction */
	p->nshared[dir]++;
	pol->name = p->nshared[dir] == 1 ? (dir ? "out" : "in") :
	    mc_printf(p->a, "%s #%d", dir ? "out" : "in", p->nshared[dir]);
	if (!dep) {
		ob_shared s;

		s.dir = dir;
		s.n = cnt;
		s.idx = mc_alloc(p->a, cnt * sizeof(*idx));
		memcpy(s.idx, idx, cnt * sizeof(*idx));
		s.name = pol->name;
		mc_vec_push(p->a, &p->shared, s);
	}
	extra_terms(p, pol, b, dir);
	if (p->budget + cnt > MAX_TERMS) {
		/* hostile sizes: keep the reference, say it is not analysed */
		mc_term t;
		mc_stmt *u = mc_stmt_new(p->a, MC_S_UNKNOWN, pol->line);

		memset(&t, 0, sizeof(t));
		u->str = "filter rules not compiled: the configuration is too "
		    "large";
		t.name = "not compiled";
		t.line = pol->line;
		mc_vec_push(p->a, &t.body, u);
		mc_vec_push(p->a, &pol->terms, t);
		cnt = 0;
	}
	p->budget += cnt;
	for (i = 0; i < cnt; i++)
		rule_term(p, pol, p->rules.v[idx[i]], n);
	for (i = 0; i < pol->terms.n; i++) {
		mc_block *tb = &pol->terms.v[i].body;
		mc_stmt *g;

		if (tb->n == 0)
			continue;
		g = tb->v[0]->kind == MC_S_IF ? tb->v[0]->then.v[
		    tb->v[0]->then.n - 1] : tb->v[tb->n - 1];
		if (g->kind == MC_S_GOTO && g->n == -1)
			g->n = (int)pol->terms.n;
	}
	mc_vec_push(p->a, &p->d->policies, pol);
	attach(p, n, dir, pol->name, pol->line);
}

void
ob_compile_filters(obp *p)
{
	size_t *idx, i;
	int dir;

	if (p->rules.n == 0)
		return;
	idx = mc_alloc(p->a, p->rules.n * sizeof(*idx));
	for (i = 0; i < p->nbrs.n; i++)
		for (dir = 0; dir < 2; dir++)
			compile_one(p, p->nbrs.v[i], dir, idx);
}
