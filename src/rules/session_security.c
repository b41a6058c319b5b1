/* Session security (NIST SP 800-189, RFC 7454, RFC 9234). */
#include <string.h>

#include "rules_int.h"

static void
nbr_fix(mc_rule_ctx *ctx, mc_finding *f, mc_fix_kind k, const mc_neighbor *n)
{
	mc_fix_arg a;

	memset(&a, 0, sizeof(a));
	a.nbr = n;
	f->fix = mc_fix(ctx, k, &a);
}

void
mc_chk_gtsm(mc_rule_ctx *ctx, const mc_rule *r)
{
	mc_finding *f;
	size_t i;

	for (i = 0; i < ctx->dev->neighbors.n; i++) {
		const mc_neighbor *n = ctx->dev->neighbors.v[i];

		if (!mc_rule_applies(ctx, r, n) || n->ttl_security > 0 ||
		    n->ebgp_multihop > 1)
			continue;
		f = mc_emit(ctx, r, n->line, n, NULL,
		    "single-hop eBGP session %s has no TTL security (GTSM, "
		    "RFC 5082): spoofed packets from afar can reach the BGP "
		    "port", mc_nbr_id(n));
		nbr_fix(ctx, f, FIX_GTSM, n);
	}
}

void
mc_chk_session_auth(mc_rule_ctx *ctx, const mc_rule *r)
{
	mc_finding *f;
	size_t i;

	for (i = 0; i < ctx->dev->neighbors.n; i++) {
		const mc_neighbor *n = ctx->dev->neighbors.v[i];

		if (!mc_rule_applies(ctx, r, n) || n->auth)
			continue;
		f = mc_emit(ctx, r, n->line, n, NULL,
		    "eBGP session %s has no TCP-AO or TCP-MD5 authentication",
		    mc_nbr_id(n));
		nbr_fix(ctx, f, FIX_AUTH, n);
	}
}

/*
 * RFC 9234 roles exist in FRR (8.4 and later, `neighbor X local-role`),
 * BIRD (2.0.11 and later, `local role`) and OpenBGPD (7.x, `announce
 * policy` / `role`).  Elsewhere the finding could not be acted on, so it
 * is not reported there.
 */
static bool
supports_role(mc_vendor v)
{
	return v == MC_VENDOR_FRR || v == MC_VENDOR_BIRD ||
	    v == MC_VENDOR_OPENBGPD;
}

void
mc_chk_bgp_role(mc_rule_ctx *ctx, const mc_rule *r)
{
	mc_finding *f;
	size_t i;

	if (!supports_role(ctx->dev->vendor))
		return;
	for (i = 0; i < ctx->dev->neighbors.n; i++) {
		const mc_neighbor *n = ctx->dev->neighbors.v[i];

		if (!mc_rule_applies(ctx, r, n) || n->bgp_role != NULL ||
		    n->role == MC_ROLE_MONITOR)
			continue;
		f = mc_emit(ctx, r, n->line, n, NULL,
		    "eBGP session %s (%s) has no RFC 9234 role: with one, "
		    "route leaks are detected by the OTC attribute",
		    mc_nbr_id(n), mc_role_name(n->role));
		nbr_fix(ctx, f, FIX_BGP_ROLE, n);
	}
}
