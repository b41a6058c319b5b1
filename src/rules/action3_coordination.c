/* MANRS Action 3, coordination: contacts in PeeringDB and the IRR, and
 * neighbour descriptions so that the operator knows whom to call. */
#include <string.h>

#include "rules_int.h"

/*
 * COORD-PEERINGDB and COORD-IRR-CONTACT need data whose loaders have not
 * landed (mc_data.peeringdb / .irr are opaque).  Without data the checker
 * does not call them; with data they say they could not decide, so the
 * action stays "unknown" rather than passing unchecked.
 */
void
mc_chk_peeringdb(mc_rule_ctx *ctx, const mc_rule *r)
{
	(void)r;
	ctx->incomplete = true;
}

void
mc_chk_irr_contact(mc_rule_ctx *ctx, const mc_rule *r)
{
	(void)r;
	ctx->incomplete = true;
}

void
mc_chk_neighbor_desc(mc_rule_ctx *ctx, const mc_rule *r)
{
	mc_fix_arg a;
	mc_finding *f;
	size_t i;

	for (i = 0; i < ctx->dev->neighbors.n; i++) {
		const mc_neighbor *n = ctx->dev->neighbors.v[i];
		uint32_t as = mc_nbr_asn(ctx->dev, n);

		if (!mc_rule_applies(ctx, r, n))
			continue;
		if (n->description != NULL && n->description[0] != '\0')
			continue;
		/* OpenBGPD's descr is kept as the name. */
		if (ctx->dev->vendor == MC_VENDOR_OPENBGPD && n->name != NULL &&
		    n->name[0] != '\0')
			continue;
		f = mc_emit(ctx, r, n->line, n, NULL,
		    "eBGP neighbour %s%s has no description: say whom to call "
		    "(organisation, NOC contact, circuit)", mc_nbr_id(n),
		    as != 0 ? mc_printf(ctx->arena, " (AS%u)", as) : "");
		memset(&a, 0, sizeof(a));
		a.nbr = n;
		f->fix = mc_fix(ctx, FIX_DESCRIPTION, &a);
	}
}
