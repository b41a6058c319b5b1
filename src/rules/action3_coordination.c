/* MANRS Action 3, coordination: contacts in PeeringDB and the IRR, and
 * neighbour descriptions so that the operator knows whom to call. */
#include <string.h>

#include "manrs/irr.h"
#include "manrs/peeringdb.h"
#include "rules_int.h"

/*
 * COORD-PEERINGDB and COORD-IRR-CONTACT read mc_data.peeringdb (mc_pdb)
 * and mc_data.irr (mc_irr).  Without the data the checker does not call
 * them and the action stays "unknown" rather than passing unchecked.
 */

/* Our network record must give a NOC or abuse contact that can be
 * reached (e-mail or phone). */
void
mc_chk_peeringdb(mc_rule_ctx *ctx, const mc_rule *r)
{
	const mc_pdb *pdb = ctx->opts->data->peeringdb;
	uint32_t asn = mc_dev_asn(ctx);
	const mc_pdb_net *net;

	if (asn == 0) {
		ctx->incomplete = true;
		return;
	}
	if ((net = mc_pdb_net_by_asn(pdb, asn)) == NULL)
		mc_emit(ctx, r, ctx->dev->bgp.line, NULL, NULL,
		    "AS%u has no network record in PeeringDB: create one with "
		    "a NOC or abuse contact", asn);
	else if (net->ncontacts == 0)
		mc_emit(ctx, r, ctx->dev->bgp.line, NULL, NULL,
		    "the PeeringDB record of AS%u (%s, net %ld) has no NOC or "
		    "abuse contact with an e-mail or phone%s", asn,
		    net->name[0] != '\0' ? net->name : "unnamed", net->id,
		    net->npocs > 0 ? " (its contacts may be hidden from "
		    "public view: make one public)" : "");
}

/* The aut-num must exist and name admin-c and tech-c (abuse-c is not
 * required: not every registry has it). */
void
mc_chk_irr_contact(mc_rule_ctx *ctx, const mc_rule *r)
{
	const mc_irr *irr = ctx->opts->data->irr;
	uint32_t asn = mc_dev_asn(ctx);
	unsigned fl = 0;

	if (asn == 0) {
		ctx->incomplete = true;
		return;
	}
	if (!mc_irr_autnum(irr, asn, &fl))
		mc_emit(ctx, r, ctx->dev->bgp.line, NULL, NULL,
		    "no aut-num object for AS%u in the IRR data: register one "
		    "with admin-c and tech-c contacts", asn);
	else if ((fl & (MC_IRR_ADMIN_C | MC_IRR_TECH_C)) !=
	    (MC_IRR_ADMIN_C | MC_IRR_TECH_C))
		mc_emit(ctx, r, ctx->dev->bgp.line, NULL, NULL,
		    "aut-num AS%u in the IRR has no %s: add it so that other "
		    "networks know whom to call", asn,
		    (fl & MC_IRR_ADMIN_C) == 0 && (fl & MC_IRR_TECH_C) == 0 ?
		    "admin-c and tech-c" : (fl & MC_IRR_ADMIN_C) == 0 ?
		    "admin-c" : "tech-c");
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
