/*
 * MANRS Action 4, global validation: what we originate must be valid in
 * the RPKI and registered in the IRR.  Without data these rules are not
 * run (the action is "unknown").
 */
#include <string.h>

#include "manrs/irr.h"
#include "manrs/vrp.h"
#include "rules_int.h"

typedef struct orig {
	mc_prefix p;
	int line;
	const char *how;
} orig;

/* Prefixes we originate: the device's networks, aggregates and
 * statics, then the policy file's `prefixes`; each once. */
static size_t
originated(mc_rule_ctx *ctx, orig **out)
{
	const mc_policyfile *pf = ctx->opts != NULL ? ctx->opts->policy : NULL;
	size_t n = ctx->dev->origins.n + (pf != NULL ? pf->prefixes.n : 0);
	size_t i, j, k = 0;
	orig *v;

	v = mc_alloc(ctx->arena, (n + 1) * sizeof(*v));
	for (i = 0; i < ctx->dev->origins.n; i++) {
		const mc_origin *o = &ctx->dev->origins.v[i];

		if (o->prefix.af == 0 || o->vrf != NULL ||
		    o->kind == MC_ORIG_REDISTRIBUTE)
			continue;
		for (j = 0; j < k && !mc_prefix_eq(&v[j].p, &o->prefix); j++)
			;
		if (j < k)
			continue;
		v[k].p = o->prefix;
		v[k].line = o->line;
		v[k].how = o->kind == MC_ORIG_AGGREGATE ? "aggregate" :
		    o->kind == MC_ORIG_STATIC ? "static" : "network";
		k++;
	}
	for (i = 0; pf != NULL && i < pf->prefixes.n; i++) {
		for (j = 0; j < k && !mc_prefix_eq(&v[j].p, &pf->prefixes.v[i]);
		    j++)
			;
		if (j < k)
			continue;
		v[k].p = pf->prefixes.v[i];
		v[k].line = 0;
		v[k].how = "policy-file prefix";
		k++;
	}
	*out = v;
	return k;
}

static void
roa_check(mc_rule_ctx *ctx, const mc_rule *r, int want)
{
	mc_vrps *vrps = (mc_vrps *)(uintptr_t)ctx->opts->data->vrps;
	uint32_t asn = mc_dev_asn(ctx);
	orig *v;
	size_t n, i;

	if (asn == 0) {
		ctx->incomplete = true;	/* no ASN: cannot validate */
		return;
	}
	n = originated(ctx, &v);
	for (i = 0; i < n; i++) {
		int st = mc_vrps_validate(vrps, &v[i].p, asn);
		int line = v[i].line > 0 ? v[i].line : ctx->dev->bgp.line;

		if (st != want)
			continue;
		if (want == MC_ROV_INVALID) {
			const mc_vrp *cov[4];
			size_t nc = mc_vrps_covering(vrps, &v[i].p, cov, 4);

			mc_emit(ctx, r, line, NULL, NULL,
			    "%s %s originated by AS%u is RPKI-invalid: %zu "
			    "covering ROA%s (e.g. %s maxLength %u AS%u) do%s not "
			    "authorise it", v[i].how,
			    mc_prefix_str(ctx->arena, &v[i].p), asn, nc,
			    nc == 1 ? "" : "s", nc > 0 ?
			    mc_prefix_str(ctx->arena, &cov[0]->p) : "?",
			    nc > 0 ? cov[0]->maxlen : 0, nc > 0 ? cov[0]->asn : 0,
			    nc == 1 ? "es" : "");
		} else
			mc_emit(ctx, r, line, NULL, NULL,
			    "%s %s originated by AS%u is not covered by any "
			    "ROA (RPKI not-found): create a ROA for AS%u",
			    v[i].how, mc_prefix_str(ctx->arena, &v[i].p), asn,
			    asn);
	}
}

void
mc_chk_roa_invalid(mc_rule_ctx *ctx, const mc_rule *r)
{
	roa_check(ctx, r, MC_ROV_INVALID);
}

void
mc_chk_roa_missing(mc_rule_ctx *ctx, const mc_rule *r)
{
	roa_check(ctx, r, MC_ROV_NOTFOUND);
}

/* An exact route/route6 object: IRR-built filters (bgpq4 without -R)
 * accept only the registered prefix, not its more-specifics. */
void
mc_chk_irr_route(mc_rule_ctx *ctx, const mc_rule *r)
{
	const mc_irr *irr = ctx->opts->data->irr;
	uint32_t asn = mc_dev_asn(ctx);
	orig *v;
	size_t n, i;

	if (asn == 0) {
		ctx->incomplete = true;
		return;
	}
	n = originated(ctx, &v);
	for (i = 0; i < n; i++) {
		int line = v[i].line > 0 ? v[i].line : ctx->dev->bgp.line;
		const char *ps = mc_prefix_str(ctx->arena, &v[i].p);

		if (mc_irr_has_route(irr, &v[i].p, asn))
			continue;
		mc_emit(ctx, r, line, NULL, NULL,
		    "%s %s originated by AS%u has no %s object with origin "
		    "AS%u in the IRR%s", v[i].how, ps, asn,
		    v[i].p.af == MC_AF6 ? "route6" : "route", asn,
		    mc_irr_route_covers(irr, &v[i].p, asn) ?
		    " (only a less specific one): filters built from the IRR "
		    "will drop it" : ": register it");
	}
}

/* In action1_customer_irr.c, next to the FLT-CUSTOMER-PREFIX comparison
 * it shares the expansion with. */
void
mc_chk_irr_customer(mc_rule_ctx *ctx, const mc_rule *r)
{
	mc_irr_customer_cover(ctx, r);
}
