/*
 * MANRS Action 1, export side: route leaks (RFC 7908), prefixes that are
 * neither ours nor our customers', bogons.
 */
#include <stddef.h>
#include <string.h>

#include "rules_int.h"

#define FOR_NBR(ctx, r, i, n)						\
	for ((i) = 0; (i) < (ctx)->dev->neighbors.n; (i)++)		\
		if (((n) = (ctx)->dev->neighbors.v[(i)]) != NULL &&	\
		    mc_rule_applies((ctx), (r), (n)))

static void
add_fix(mc_rule_ctx *ctx, mc_finding *f, mc_fix_kind k, const mc_neighbor *n,
    int afi)
{
	mc_fix_arg a;

	memset(&a, 0, sizeof(a));
	a.nbr = n;
	a.afi = afi;
	a.dir = MC_DIR_OUT;
	f->fix = mc_fix(ctx, k, &a);
}

static const char *
who_text(mc_rule_ctx *ctx, const mc_neighbor *n)
{
	uint32_t as = mc_nbr_asn(ctx->dev, n);

	if (as != 0)
		return mc_printf(ctx->arena, "%s %s (AS%u)",
		    mc_role_name(n->role), mc_nbr_id(n), as);
	return mc_printf(ctx->arena, "%s %s", mc_role_name(n->role),
	    mc_nbr_id(n));
}

static const char *
who(mc_rule_ctx *ctx, const mc_neighbor *n)
{
	return mc_nbr_text_once(ctx, n, offsetof(struct nbr_text, who),
	    who_text);
}

static void
export_attrs(int afi, const uint32_t *path, int len, const char *proto,
    mc_route *a)
{
	memset(a, 0, sizeof(*a));
	a->prefix.af = (uint8_t)mc_afi_af(afi);
	a->rov = MC_ROV_NOTFOUND;
	a->protocol = proto;
	mc_path_set(a, path, len);
}

/* Our own and our customers' space: what may be exported to anyone. */
static const mc_rangeset *
ours(mc_rule_ctx *ctx, int afi)
{
	mc_rule_cache *c = ctx->cache;

	/* Per device, not per neighbour.  The export rules look for a
	 * route in global unicast outside this set; building that
	 * difference costs tens of thousands of fragments on a router with
	 * many customers, so only its witness is searched for
	 * (mc_find_leak_outside). */
	if (!c->ours_done[afi]) {
		c->ours[afi] = mc_rs_union(ctx->arena, mc_own_space(ctx, afi),
		    mc_customer_space(ctx, afi));
		mc_rs_freeze(&c->ours[afi]);
		c->ours_done[afi] = true;
	}
	return &c->ours[afi];
}

/* A set of communities our own import policy attached to a route. */
#define MAX_TAGSETS 4
typedef struct tagset {
	mc_community c[16];
	int n;
} tagset;

static bool
comm_eq(const mc_community *a, const mc_community *b)
{
	return a->kind == b->kind && a->a == b->a && a->b == b->b &&
	    a->c == b->c;
}

/* An extended community the reader kept without its value: all such
 * look alike, so matching on them would be noise. */
static bool
opaque(const mc_community *c)
{
	return c->kind == 2 && c->a == 0 && c->b == 0 && c->c == 0;
}

static bool
tagset_eq(const tagset *x, const tagset *y)
{
	int i, j;

	if (x->n != y->n)
		return false;
	for (i = 0; i < x->n; i++) {
		for (j = 0; j < y->n; j++)
			if (comm_eq(&x->c[i], &y->c[j]))
				break;
		if (j == y->n)
			return false;
	}
	return true;
}

/*
 * The communities our import policies attach to routes from neighbours of
 * these roles (RULES.md: probe with routes as tagged from another peer or
 * provider): the empty set first, then each distinct set, found by running
 * every such neighbour's normal probe route through its import chain.
 */
static int
import_tags(mc_rule_ctx *ctx, unsigned roles, int afi, tagset *out)
{
	size_t i;
	int nt = 1, k;

	out[0].n = 0;
	for (i = 0; i < ctx->dev->neighbors.n && nt < MAX_TAGSETS; i++) {
		const mc_neighbor *n = ctx->dev->neighbors.v[i];
		mc_nbr_cache *nc = &ctx->cache->nbr[i];

		if (n->is_group_only || n->shutdown || (unsigned)n->role >= 32 ||
		    !(roles & (1u << n->role)) || !n->af[afi].active)
			continue;
		/* once per neighbour: the export rules ask for several
		 * roles, and a neighbour's answer is its own */
		if (!nc->tags_done[afi]) {
			mc_eval_result res;
			mc_route route;
			mc_prefix w;

			nc->tags_done[afi] = true;
			nc->ntags[afi] = -1;
			if (!mc_rs_witness(mc_normal_probe(ctx, i, afi), &w))
				continue;
			(void)mc_normal_accepted(ctx, i, afi, &route);
			route.prefix = w;
			res = mc_eval_route(ctx->engine, n, MC_DIR_IN, &route);
			if (!res.accept || res.out.ncomms == 0)
				continue;
			nc->tags[afi] = mc_alloc_nz(ctx->arena, 16 *
			    sizeof(mc_community));
			nc->ntags[afi] = 0;
			for (k = 0; k < res.out.ncomms && k < 16; k++)
				if (!opaque(&res.out.comms[k]))
					nc->tags[afi][nc->ntags[afi]++] =
					    res.out.comms[k];
		}
		if (nc->ntags[afi] < 0)
			continue;
		out[nt].n = nc->ntags[afi];
		if (out[nt].n > 0)
			memcpy(out[nt].c, nc->tags[afi],
			    (size_t)out[nt].n * sizeof(mc_community));
		for (k = 0; k < nt; k++)
			if (tagset_eq(&out[k], &out[nt]))
				break;
		if (k == nt)
			nt++;
	}
	return nt;
}

static void
attrs_tag(mc_route *a, const tagset *t)
{
	a->ncomms = t->n;
	if (t->n > 0)
		memcpy(a->comms, t->c, sizeof(mc_community) * (size_t)t->n);
}

/* " and communities X Y" when the probe carries any. */
static const char *
tag_str(mc_rule_ctx *ctx, const mc_route *r)
{
	if (r->ncomms == 0)
		return "";
	return mc_printf(ctx->arena, ", communities %s as our import policy "
	    "tags them", mc_route_comm_str(ctx->arena, r));
}

static const char *
own_source(mc_rule_ctx *ctx)
{
	int afi;
	bool any = false;

	for (afi = 0; afi < MC_AFI_COUNT; afi++)
		if (!mc_rs_empty(mc_own_space(ctx, afi)))
			any = true;
	if (ctx->cache->own_from_pf)
		return "our prefixes per the policy file";
	if (any)
		return "our prefixes (the device's networks, aggregates and "
		    "statics)";
	return "our prefixes (none known: list them under `prefixes` in "
	    "the policy file)";
}

void
mc_chk_export_leak(mc_rule_ctx *ctx, const mc_rule *r)
{
	static const uint32_t from_peer[] = { LEAK_AS_PEER };
	static const uint32_t from_up[] = { 174, LEAK_AS_UP };
	mc_neighbor *n;
	size_t i;
	int afi, v, nv;

	tagset tags[2][MC_AFI_COUNT][MAX_TAGSETS];
	int ntags[2][MC_AFI_COUNT];
	unsigned uses;
	bool done;

	for (afi = 0; afi < MC_AFI_COUNT; afi++) {
		ntags[0][afi] = import_tags(ctx, ROLE(PEER) | ROLE(RS), afi,
		    tags[0][afi]);
		ntags[1][afi] = import_tags(ctx, ROLE(PROVIDER), afi,
		    tags[1][afi]);
	}
	FOR_NBR(ctx, r, i, n)
	for (afi = 0; afi < MC_AFI_COUNT; afi++) {
		if (!n->af[afi].active)
			continue;
		uses = mc_chain_uses(ctx, i, afi, MC_DIR_OUT);
		nv = uses & USE_PATH ? 2 : 1;
		done = false;
		for (v = 0; v < 2 && !done; v++) {
			int k, nk = uses & USE_COMM ? ntags[v][afi] : 1;

			/* Without path conditions the provider probe only
			 * matters for the provider's tags. */
			if (v >= nv && nk < 2)
				continue;
			for (k = v >= nv ? 1 : 0; k < nk && !done; k++) {
				mc_route attrs, route;
				mc_eval_result res;
				mc_finding *f;
				bool approx;

				if (v == 0)
					export_attrs(afi, from_peer, 1, "bgp",
					    &attrs);
				else
					export_attrs(afi, from_up, 2, "bgp",
					    &attrs);
				attrs_tag(&attrs, &tags[v][afi][k]);
				if (attrs.path[0] == mc_nbr_asn(ctx->dev, n))
					continue;
				if (!mc_find_leak_outside(ctx, n, MC_DIR_OUT,
				    &attrs, mc_global(ctx, afi), ours(ctx, afi),
				    &route, &res, &approx))
					continue;
				f = mc_emit(ctx, r, n->line, n, NULL,
				    "export %s to %s advertises %s learned from "
				    "%s AS%u (AS path %s%s): a route leak "
				    "(RFC 7908)%s%s",
				    mc_dir_chain(ctx, n, afi, MC_DIR_OUT),
				    who(ctx, n),
				    mc_prefix_text(ctx, &route.prefix),
				    v == 0 ? "peer" : "provider", route.path[0],
				    mc_path_text(ctx, &route),
				    tag_str(ctx, &route),
				    mc_decided_str(ctx, &res),
				    mc_approx_note(approx || res.approximate));
				mc_finding_example(ctx, f, &route, &res);
				add_fix(ctx, f, FIX_EXPORT_OWN, n, afi);
				done = true;
			}
		}
	}
}

void
mc_chk_export_unowned(mc_rule_ctx *ctx, const mc_rule *r)
{
	static const uint32_t some[] = { PROBE_AS };
	mc_neighbor *n;
	size_t i;
	int afi, v, nv;

	tagset tags[MC_AFI_COUNT][MAX_TAGSETS];
	int ntags[MC_AFI_COUNT];
	bool done;

	for (afi = 0; afi < MC_AFI_COUNT; afi++)
		ntags[afi] = import_tags(ctx, ROLE(PEER) | ROLE(RS) |
		    ROLE(PROVIDER), afi, tags[afi]);
	FOR_NBR(ctx, r, i, n)
	for (afi = 0; afi < MC_AFI_COUNT; afi++) {
		unsigned uses;
		int k, nk;

		if (!n->af[afi].active)
			continue;
		uses = mc_chain_uses(ctx, i, afi, MC_DIR_OUT);
		nv = uses & USE_PATH ? 2 : 1;
		nk = uses & USE_COMM ? ntags[afi] : 1;
		done = false;
		for (k = 0; k < nk && !done; k++)
		for (v = 0; v < nv && !done; v++) {
			mc_route attrs, route;
			mc_eval_result res;
			mc_finding *f;
			bool approx;

			export_attrs(afi, some, v == 0 ? 0 : 1, "bgp", &attrs);
			/* Our own tags on a route with an empty path are not
			 * what a peer or provider route looks like. */
			if (k > 0 && v == 0) {
				export_attrs(afi, some, 1, "bgp", &attrs);
				if (nv > 1)
					continue;
			}
			attrs_tag(&attrs, &tags[afi][k]);
			if (!mc_find_leak_outside(ctx, n, MC_DIR_OUT, &attrs,
			    mc_global(ctx, afi), ours(ctx, afi), &route, &res,
			    &approx))
				continue;
			f = mc_emit(ctx, r, n->line, n, NULL,
			    "export %s to %s advertises %s (AS path %s%s), which "
			    "is neither among %s nor a customer's%s%s",
			    mc_dir_chain(ctx, n, afi, MC_DIR_OUT), who(ctx, n),
			    mc_prefix_text(ctx, &route.prefix),
			    route.path_len == 0 ? "empty: originated here" :
			    mc_path_text(ctx, &route),
			    tag_str(ctx, &route),
			    own_source(ctx), mc_decided_str(ctx, &res),
			    mc_approx_note(approx || res.approximate));
			mc_finding_example(ctx, f, &route, &res);
			add_fix(ctx, f, FIX_EXPORT_OWN, n, afi);
			done = true;
		}
	}
}

void
mc_chk_export_bogon(mc_rule_ctx *ctx, const mc_rule *r)
{
	static const char *const protos[] = { "bgp", "connected", "static" };
	mc_neighbor *n;
	size_t i;
	int afi, v, nv;

	FOR_NBR(ctx, r, i, n)
	for (afi = 0; afi < MC_AFI_COUNT; afi++) {
		if (!n->af[afi].active)
			continue;
		nv = mc_chain_uses(ctx, i, afi, MC_DIR_OUT) & USE_PROTO ? 3 : 1;
		for (v = 0; v < nv; v++) {
			mc_route attrs, route;
			mc_eval_result res;
			mc_finding *f;
			bool approx;

			export_attrs(afi, NULL, 0, protos[v], &attrs);
			if (!mc_find_leak(ctx, n, MC_DIR_OUT, &attrs,
			    mc_bogons(ctx, afi), NULL, &route, &res, NULL,
			    &approx))
				continue;
			f = mc_emit(ctx, r, n->line, n, NULL,
			    "export %s to %s advertises bogon %s (%s, %s) as a "
			    "%s route with an empty AS path%s%s",
			    mc_dir_chain(ctx, n, afi, MC_DIR_OUT), who(ctx, n),
			    mc_prefix_text(ctx, &route.prefix),
			    mc_bogon_label(&route.prefix),
			    mc_bogon_reason(&route.prefix), protos[v],
			    mc_decided_str(ctx, &res),
			    mc_approx_note(approx || res.approximate));
			mc_finding_example(ctx, f, &route, &res);
			add_fix(ctx, f, FIX_EXPORT_BOGON, n, afi);
			break;
		}
	}
}
