/*
 * A customer's import filter against the IRR: what the customer's as-set
 * (policy file `as_set`, else PeeringDB irr_as_set, else its ASN alone)
 * registers as route/route6 objects, compared with the prefix-range set
 * the engine says the import chain accepts.
 *
 * - FLT-CUSTOMER-PREFIX (with --irr): accepted prefixes outside the
 *   registered ones (each up to /24 or /48) are extra (error); registered
 *   prefixes the filter drops are missing (info: stricter, but the
 *   customer's routes are lost).
 * - GV-IRR-CUSTOMER: accepted prefixes that no route object covers (the
 *   same prefix or a less specific one), whatever their length.
 */
#include <stdlib.h>
#include <string.h>

#include "manrs/irr.h"
#include "manrs/peeringdb.h"
#include "rules_int.h"

#define FOR_NBR(ctx, r, i, n)						\
	for ((i) = 0; (i) < (ctx)->dev->neighbors.n; (i)++)		\
		if (((n) = (ctx)->dev->neighbors.v[(i)]) != NULL &&	\
		    mc_rule_applies((ctx), (r), (n)))

#define CIRR_ASN_MAX	200000	/* ASNs of one expansion we look up */
#define CIRR_LIST	8	/* prefixes named in a message */

typedef struct cust_irr {
	const char *name;	/* "AS-FOO", "RS-FOO" or "AS64500" */
	const char *from;	/* "policy file", "PeeringDB", "neighbour ASN" */
	mc_rangeset exact;	/* registered prefixes, one range each */
	mc_rangeset upto;	/* each up to /24 (v4) or /48 (v6) */
	mc_rangeset cover;	/* each and every more-specific */
	size_t nroutes;
	const char *unit;	/* "route object" or "prefix range" */
	bool partial;		/* expansion cut, missing sets, too many ASNs */
	const char *why_partial;
} cust_irr;

/* Which set names the customer's routes; NULL when nothing does. */
static const char *
cust_set_name(mc_rule_ctx *ctx, size_t ni, const mc_neighbor *n,
    const char **from)
{
	const mc_nbr_match *m = ctx->cache->nbr[ni].pf;
	const mc_pdb *pdb = ctx->opts->data != NULL ?
	    ctx->opts->data->peeringdb : NULL;
	uint32_t as = mc_nbr_asn(ctx->dev, n);
	const mc_pdb_net *net;

	if (m != NULL && m->as_set != NULL && *m->as_set != '\0') {
		*from = "as_set in the policy file";
		return m->as_set;
	}
	if (as != 0 && pdb != NULL && (net = mc_pdb_net_by_asn(pdb, as)) !=
	    NULL && net->irr_as_set != NULL && *net->irr_as_set != '\0') {
		*from = "PeeringDB irr_as_set";
		return net->irr_as_set;
	}
	if (as == 0)
		return NULL;
	*from = "neighbour ASN";
	return mc_printf(ctx->arena, "AS%u", as);
}

/* PeeringDB's irr_as_set may name several, "RIPE::AS-FOO AS-BAR": the
 * first one, without its source prefix. */
static const char *
first_set(mc_rule_ctx *ctx, const char *s)
{
	const char *p, *e;

	while (*s == ' ' || *s == ',')
		s++;
	for (e = s; *e != '\0' && *e != ' ' && *e != ','; e++)
		;
	for (p = s; p + 1 < e; p++)
		if (p[0] == ':' && p[1] == ':')
			s = p + 2;
	return mc_printf(ctx->arena, "%.*s", (int)(e - s), s);
}

/* A route object (lo == hi == p.len) or a route-set member range.  A
 * bare prefix is taken up to /24 (/48) for FLT-CUSTOMER-PREFIX, as the
 * policy file's prefixes are; a range operator says the lengths itself. */
static void
add_route(mc_rule_ctx *ctx, cust_irr *c, const mc_prefix *p, int lo, int hi,
    int afi)
{
	int bits = mc_af_bits(p->af), max = afi == MC_AFI_V6 ? 48 : 24;
	mc_range rg;

	if (mc_range_make(p, lo, hi, &rg))
		mc_rs_add(ctx->arena, &c->exact, &rg);
	if (lo != p->len || hi != p->len)
		max = hi;
	if (mc_range_make(p, lo, hi > max ? hi : max, &rg))
		mc_rs_add(ctx->arena, &c->upto, &rg);
	if (mc_range_make(p, lo, bits, &rg))
		mc_rs_add(ctx->arena, &c->cover, &rg);
	c->nroutes++;
}

/* Why an expansion is incomplete, NULL when it is not: nesting cut at
 * the depth limit, or referenced sets not found. */
static const char *
cut_why(mc_rule_ctx *ctx, bool too_deep, size_t missing, const char *first)
{
	if (too_deep)
		return "nesting cut at the depth limit";
	if (missing > 0)
		return mc_printf(ctx->arena, "%zu referenced set%s not found, "
		    "e.g. %s", missing, missing == 1 ? "" : "s",
		    first != NULL ? first : "?");
	return NULL;
}

static void
cust_irr_done(mc_rule_ctx *ctx, cust_irr *c)
{
	c->partial = c->why_partial != NULL;
	/* exact stays uncompacted: one range per route object */
	mc_rs_compact(ctx->arena, &c->upto);
	mc_rs_compact(ctx->arena, &c->cover);
}

/* A route-set names its prefixes itself (RFC 2622 5.2). */
static bool
cust_rset_load(mc_rule_ctx *ctx, const mc_irr *irr, int afi, cust_irr *c)
{
	mc_irr_rexpansion e;
	size_t k;

	if (!mc_irr_expand_routes(irr, c->name, mc_afi_af(afi), &e))
		return false;
	c->unit = "prefix range";
	for (k = 0; k < e.n; k++)
		add_route(ctx, c, &e.v[k].p, e.v[k].lo, e.v[k].hi, afi);
	c->why_partial = e.truncated ? "too many prefixes" :
	    cut_why(ctx, e.too_deep, e.missing, e.first_missing);
	mc_irr_rexpansion_free(&e);
	cust_irr_done(ctx, c);
	return true;
}

/* The registered prefixes of the customer in family afi.  False when the
 * IRR cannot say (no name, unknown set): the rule is then undecided. */
static bool
cust_irr_load(mc_rule_ctx *ctx, size_t ni, const mc_neighbor *n, int afi,
    cust_irr *c)
{
	const mc_irr *irr = ctx->opts->data->irr;
	mc_irr_expansion x;
	const mc_irr_route **rv = NULL;
	size_t cap = 0, k, j, nasn = 0;
	const char *raw;

	memset(c, 0, sizeof(*c));
	if ((raw = cust_set_name(ctx, ni, n, &c->from)) == NULL)
		return false;
	c->name = first_set(ctx, raw);
	if (cust_rset_load(ctx, irr, afi, c))
		return true;
	c->unit = "route object";
	memset(&x, 0, sizeof(x));
	if (!mc_irr_expand(irr, c->name, &x)) {
		mc_irr_expansion_free(&x);
		return false;
	}
	c->why_partial = cut_why(ctx, x.too_deep, x.missing, x.first_missing);
	for (k = 0; k < x.n && c->why_partial == NULL; k++) {
		uint64_t as;

		for (as = x.v[k].lo; as <= x.v[k].hi; as++) {
			size_t nr;

			if (++nasn > CIRR_ASN_MAX) {
				c->why_partial = mc_printf(ctx->arena, "more "
				    "than %d ASNs", CIRR_ASN_MAX);
				break;
			}
			nr = mc_irr_routes_of(irr, (uint32_t)as,
			    mc_afi_af(afi), NULL, 0);
			if (nr == 0)
				continue;
			if (nr > cap) {
				free(rv);
				cap = nr;
				if ((rv = malloc(cap * sizeof(*rv))) == NULL)
					abort();
			}
			nr = mc_irr_routes_of(irr, (uint32_t)as,
			    mc_afi_af(afi), rv, cap);
			for (j = 0; j < nr && j < cap; j++)
				add_route(ctx, c, &rv[j]->p, rv[j]->p.len,
				    rv[j]->p.len, afi);
		}
	}
	free(rv);
	mc_irr_expansion_free(&x);
	cust_irr_done(ctx, c);
	return true;
}

static int
range_cmp(const void *a, const void *b)
{
	return mc_range_cmp(a, b);
}

static const char *
range_str(mc_rule_ctx *ctx, const mc_range *g)
{
	const char *p = mc_prefix_str(ctx->arena, &g->p);

	if (g->lo == g->p.len && g->hi == g->p.len)
		return p;
	if (g->lo == g->p.len)
		return mc_printf(ctx->arena, "%s le %u", p, g->hi);
	return mc_printf(ctx->arena, "%s ge %u le %u", p, g->lo, g->hi);
}

/* "a, b, c and 4 more", in address order, each once. */
static const char *
list_str(mc_rule_ctx *ctx, const mc_rangeset *s)
{
	mc_range *v;
	const char *out = NULL;
	size_t i, k = 0, shown = 0;

	if (s->n == 0)
		return "none";
	v = mc_alloc(ctx->arena, s->n * sizeof(*v));
	memcpy(v, s->v, s->n * sizeof(*v));
	qsort(v, s->n, sizeof(*v), range_cmp);
	for (i = 0; i < s->n; i++) {
		if (i > 0 && range_cmp(&v[i], &v[i - 1]) == 0)
			continue;
		k++;
		if (shown++ >= CIRR_LIST)
			continue;
		out = out == NULL ? range_str(ctx, &v[i]) :
		    mc_printf(ctx->arena, "%s, %s", out, range_str(ctx, &v[i]));
	}
	if (k > CIRR_LIST)
		out = mc_printf(ctx->arena, "%s and %zu more", out,
		    k - CIRR_LIST);
	return out;
}

static const char *
partial_note(mc_rule_ctx *ctx, const cust_irr *c)
{
	if (!c->partial)
		return "";
	return mc_printf(ctx->arena, " (IRR expansion incomplete: %s)",
	    c->why_partial);
}

/* Registered prefixes (global unicast ones) the filter does not accept
 * with a normal path. */
static mc_rangeset
missing_of(mc_rule_ctx *ctx, const cust_irr *c, const mc_rangeset *acc,
    int afi)
{
	const mc_rangeset *glob = mc_global(ctx, afi);
	mc_rangeset out;
	size_t i;

	memset(&out, 0, sizeof(out));
	for (i = 0; i < c->exact.n; i++) {
		const mc_range *g = &c->exact.v[i];
		mc_rangeset one, left;
		mc_prefix w;

		if (g->lo == g->p.len && g->hi == g->p.len) {
			if (mc_rs_has(glob, &g->p) && !mc_rs_has(acc, &g->p))
				mc_rs_add(ctx->arena, &out, g);
			continue;
		}
		/* a route-set range: missing when part of its global
		 * unicast share is filtered */
		memset(&one, 0, sizeof(one));
		mc_rs_add(ctx->arena, &one, g);
		one = mc_rs_intersect(ctx->arena, &one, glob);
		left = mc_rs_subtract(ctx->arena, &one, acc);
		if (mc_rs_witness(&left, &w))
			mc_rs_add(ctx->arena, &out, g);
	}
	return out;
}

static const char *
set_desc(mc_rule_ctx *ctx, const cust_irr *c, const char *more)
{
	return mc_printf(ctx->arena, "%s (%s; %zu %s%s%s)", c->name, c->from,
	    c->nroutes, c->unit, c->nroutes == 1 ? "" : "s", more);
}

/* FLT-CUSTOMER-PREFIX with --irr: called by mc_chk_customer_prefix. */
void
mc_customer_prefix_irr(mc_rule_ctx *ctx, const mc_rule *r)
{
	mc_neighbor *n;
	size_t i;
	int afi;

	if (ctx->opts == NULL || ctx->opts->data == NULL ||
	    ctx->opts->data->irr == NULL)
		return;
	FOR_NBR(ctx, r, i, n)
	for (afi = 0; afi < MC_AFI_COUNT; afi++) {
		const mc_rangeset *acc;
		mc_rangeset extra, missing;
		mc_route attrs, route;
		mc_eval_result res;
		mc_finding *f;
		cust_irr c;
		bool approx;

		if (!n->af[afi].active)
			continue;
		acc = mc_normal_accepted(ctx, i, afi, &attrs);
		if (!cust_irr_load(ctx, i, n, afi, &c))
			continue;	/* no name or unknown set: GV says so */
		approx = ctx->cache->nbr[i].normal_approx[afi];
		extra = mc_rs_subtract(ctx->arena, acc, &c.upto);
		missing = missing_of(ctx, &c, acc, afi);
		if (!mc_rs_empty(&extra) && mc_leak_witness(ctx, n, MC_DIR_IN,
		    &attrs, &extra, &route, &res)) {
			f = mc_emit(ctx, r, n->line, n, NULL,
			    "import %s from customer %s accepts %s prefixes "
			    "the IRR does not register for %s: extra %s; "
			    "missing %s%s%s%s",
			    mc_dir_chain(ctx, n, afi, MC_DIR_IN), mc_nbr_id(n),
			    mc_afi_name(afi), set_desc(ctx, &c, mc_printf(
			    ctx->arena, ", %s taken up to /%d",
			    strcmp(c.unit, "route object") == 0 ? "each" :
			    "a bare prefix", afi == MC_AFI_V6 ? 48 : 24)), list_str(ctx, &extra),
			    list_str(ctx, &missing), partial_note(ctx, &c),
			    mc_decided_str(ctx, &res),
			    mc_approx_note(approx || res.approximate));
			mc_finding_example(ctx, f, &route, &res);
		} else if (!mc_rs_empty(&missing)) {
			f = mc_emit(ctx, r, n->line, n, NULL,
			    "import %s from customer %s drops %s prefixes "
			    "registered for %s: missing %s%s%s",
			    mc_dir_chain(ctx, n, afi, MC_DIR_IN), mc_nbr_id(n),
			    mc_afi_name(afi), set_desc(ctx, &c, ""),
			    list_str(ctx, &missing), partial_note(ctx, &c),
			    mc_approx_note(approx));
			f->severity = MC_SEV_INFO;	/* stricter, not a leak */
		}
	}
}

/* GV-IRR-CUSTOMER. */
void
mc_irr_customer_cover(mc_rule_ctx *ctx, const mc_rule *r)
{
	mc_neighbor *n;
	size_t i;
	int afi;

	FOR_NBR(ctx, r, i, n)
	for (afi = 0; afi < MC_AFI_COUNT; afi++) {
		const mc_rangeset *acc;
		mc_rangeset extra;
		mc_route attrs, route;
		mc_eval_result res;
		mc_finding *f;
		cust_irr c;

		if (!n->af[afi].active)
			continue;
		acc = mc_normal_accepted(ctx, i, afi, &attrs);
		if (mc_rs_empty(acc))
			continue;
		if (!cust_irr_load(ctx, i, n, afi, &c)) {
			ctx->incomplete = true;	/* neither ASN nor known set */
			continue;
		}
		extra = mc_rs_subtract(ctx->arena, acc, &c.cover);
		if (mc_rs_empty(&extra) || !mc_leak_witness(ctx, n, MC_DIR_IN,
		    &attrs, &extra, &route, &res))
			continue;
		f = mc_emit(ctx, r, n->line, n, NULL,
		    "import %s from customer %s accepts %s prefixes that no "
		    "route object of %s covers: %s%s%s%s",
		    mc_dir_chain(ctx, n, afi, MC_DIR_IN), mc_nbr_id(n),
		    mc_afi_name(afi), set_desc(ctx, &c, ""),
		    list_str(ctx, &extra),
		    partial_note(ctx, &c), mc_decided_str(ctx, &res),
		    mc_approx_note(ctx->cache->nbr[i].normal_approx[afi] ||
		    res.approximate));
		mc_finding_example(ctx, f, &route, &res);
	}
}
