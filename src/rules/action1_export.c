/*
 * MANRS Action 1, export side: route leaks (RFC 7908), prefixes that are
 * neither ours nor our customers', bogons.
 */
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
who(mc_rule_ctx *ctx, const mc_neighbor *n)
{
	uint32_t as = mc_nbr_asn(ctx->dev, n);

	if (as != 0)
		return mc_printf(ctx->arena, "%s %s (AS%u)",
		    mc_role_name(n->role), mc_nbr_id(n), as);
	return mc_printf(ctx->arena, "%s %s", mc_role_name(n->role),
	    mc_nbr_id(n));
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

/* Global unicast that is neither ours nor a known customer's. */
static mc_rangeset
foreign_space(mc_rule_ctx *ctx, int afi)
{
	mc_rangeset t;

	t = mc_rs_subtract(ctx->arena, mc_global(ctx, afi),
	    mc_own_space(ctx, afi));
	return mc_rs_subtract(ctx->arena, &t, mc_customer_space(ctx, afi));
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

	FOR_NBR(ctx, r, i, n)
	for (afi = 0; afi < MC_AFI_COUNT; afi++) {
		mc_rangeset t;

		if (!n->af[afi].active)
			continue;
		t = foreign_space(ctx, afi);
		nv = mc_chain_uses(ctx, i, afi, MC_DIR_OUT) & USE_PATH ? 2 : 1;
		for (v = 0; v < nv; v++) {
			mc_route attrs, route;
			mc_eval_result res;
			mc_finding *f;
			bool approx;

			if (v == 0)
				export_attrs(afi, from_peer, 1, "bgp", &attrs);
			else
				export_attrs(afi, from_up, 2, "bgp", &attrs);
			if (attrs.path[0] == mc_nbr_asn(ctx->dev, n))
				continue;
			if (!mc_find_leak(ctx, n, MC_DIR_OUT, &attrs, &t, NULL,
			    &route, &res, NULL, &approx))
				continue;
			f = mc_emit(ctx, r, n->line, n, NULL,
			    "export %s to %s advertises %s learned from %s "
			    "AS%u (AS path %s): a route leak (RFC 7908)%s%s",
			    mc_dir_chain(ctx, n, afi, MC_DIR_OUT), who(ctx, n),
			    mc_prefix_str(ctx->arena, &route.prefix),
			    v == 0 ? "peer" : "provider", route.path[0],
			    mc_route_path_str(ctx->arena, &route),
			    mc_decided_str(ctx, &res),
			    mc_approx_note(approx || res.approximate));
			mc_finding_example(ctx, f, &route, &res);
			add_fix(ctx, f, FIX_EXPORT_OWN, n, afi);
			break;
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

	FOR_NBR(ctx, r, i, n)
	for (afi = 0; afi < MC_AFI_COUNT; afi++) {
		mc_rangeset t;

		if (!n->af[afi].active)
			continue;
		t = foreign_space(ctx, afi);
		nv = mc_chain_uses(ctx, i, afi, MC_DIR_OUT) & USE_PATH ? 2 : 1;
		for (v = 0; v < nv; v++) {
			mc_route attrs, route;
			mc_eval_result res;
			mc_finding *f;
			bool approx;

			export_attrs(afi, some, v == 0 ? 0 : 1, "bgp", &attrs);
			if (!mc_find_leak(ctx, n, MC_DIR_OUT, &attrs, &t, NULL,
			    &route, &res, NULL, &approx))
				continue;
			f = mc_emit(ctx, r, n->line, n, NULL,
			    "export %s to %s advertises %s (AS path %s), which "
			    "is neither among %s nor a customer's%s%s",
			    mc_dir_chain(ctx, n, afi, MC_DIR_OUT), who(ctx, n),
			    mc_prefix_str(ctx->arena, &route.prefix),
			    route.path_len == 0 ? "empty: originated here" :
			    mc_route_path_str(ctx->arena, &route),
			    own_source(ctx), mc_decided_str(ctx, &res),
			    mc_approx_note(approx || res.approximate));
			mc_finding_example(ctx, f, &route, &res);
			add_fix(ctx, f, FIX_EXPORT_OWN, n, afi);
			break;
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
			    mc_prefix_str(ctx->arena, &route.prefix),
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
