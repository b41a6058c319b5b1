/*
 * MANRS Action 1, import side.  Every verdict comes from running probe
 * routes through the neighbour's chain with the engine: symbolic over a
 * prefix-range set first (a hole anywhere is found), then one concrete
 * route to name the policy term that let it through.
 */
#include <stddef.h>
#include <string.h>

#include "rules_int.h"

#define FOR_NBR(ctx, r, i, n)						\
	for ((i) = 0; (i) < (ctx)->dev->neighbors.n; (i)++)		\
		if (((n) = (ctx)->dev->neighbors.v[(i)]) != NULL &&	\
		    mc_rule_applies((ctx), (r), (n)))

static const char *
asn_text(mc_rule_ctx *ctx, const mc_neighbor *n)
{
	uint32_t as = mc_nbr_asn(ctx->dev, n);

	if (as != 0)
		return mc_printf(ctx->arena, " (AS%u, %s)", as,
		    mc_role_name(n->role));
	return mc_printf(ctx->arena, " (%s)", mc_role_name(n->role));
}

static const char *
asn_str(mc_rule_ctx *ctx, const mc_neighbor *n)
{
	return mc_nbr_text_once(ctx, n, offsetof(struct nbr_text, asn),
	    asn_text);
}

static void
add_fix(mc_rule_ctx *ctx, mc_finding *f, mc_fix_kind k, const mc_neighbor *n,
    int afi, mc_dir dir)
{
	mc_fix_arg a;

	memset(&a, 0, sizeof(a));
	a.nbr = n;
	a.afi = afi;
	a.dir = dir;
	f->fix = mc_fix(ctx, k, &a);
}

/*
 * The AS-path probes (bogon ASN, customer cone, transit-free, length,
 * first AS): does the import of n accept its usual probe prefix with the
 * AS path of attrs?  If so, one finding "<lead>import CHAIN from<who> NBR
 * accepts PREFIX<what>" (what: printf-style, after the route is known:
 * %s in it is the route's path), with counter-example and fix.
 */
typedef struct path_leak {
	const char *lead;	/* "" or "enforce-first-as is off ... and " */
	const char *who;	/* "" or "customer " */
	int line;		/* 0: the neighbour's */
	mc_fix_kind fix;
} path_leak;

static bool
probe_path(mc_rule_ctx *ctx, const mc_rule *r, size_t i, mc_neighbor *n,
    int afi, const mc_route *attrs, const path_leak *pl, const char *what,
    uint32_t arg)
{
	mc_route route;
	mc_eval_result res;
	mc_finding *f;
	bool approx;
	const char *tail;

	if (!mc_find_leak(ctx, n, MC_DIR_IN, attrs, mc_normal_probe(ctx, i,
	    afi), NULL, &route, &res, NULL, &approx))
		return false;
	/* what's conversions are fixed per call site: the path, an ASN */
	tail = mc_printf(ctx->arena, what, mc_path_text(ctx, &route), arg);
	f = mc_emit(ctx, r, pl->line > 0 ? pl->line : n->line, n, NULL,
	    "%simport %s from %s%s%s accepts %s%s%s%s", pl->lead,
	    mc_dir_chain(ctx, n, afi, MC_DIR_IN), pl->who, mc_nbr_id(n),
	    asn_str(ctx, n), mc_prefix_text(ctx, &route.prefix), tail,
	    mc_decided_str(ctx, &res), mc_approx_note(approx ||
	    res.approximate));
	mc_finding_example(ctx, f, &route, &res);
	add_fix(ctx, f, pl->fix, n, afi, MC_DIR_IN);
	return true;
}

/* ---- FLT-NO-IMPORT-POLICY / FLT-NO-EXPORT-POLICY ---------------------- */

static void
no_policy(mc_rule_ctx *ctx, const mc_rule *r, mc_dir dir)
{
	const char *vn = mc_vendor_name(ctx->dev->vendor);
	const char *dname = dir == MC_DIR_IN ? "import" : "export";
	mc_neighbor *n;
	mc_finding *f;
	size_t i;
	int afi;

	FOR_NBR(ctx, r, i, n)
	for (afi = 0; afi < MC_AFI_COUNT; afi++) {
		if (!n->af[afi].active || mc_has_policy(n, afi, dir))
			continue;
		if (mc_no_policy_accepts(ctx->dev, n, dir)) {
			f = mc_emit(ctx, r, n->line, n, NULL,
			    "eBGP session %s%s has no %s %s policy: on %s %s",
			    mc_nbr_id(n), asn_str(ctx, n), mc_afi_name(afi),
			    dname, vn, dir == MC_DIR_IN ?
			    "every route it sends is accepted" :
			    "every route in the table is advertised to it");
		} else {
			f = mc_emit(ctx, r, n->line, n, NULL,
			    "eBGP session %s%s has no %s %s policy: %s follows "
			    "RFC 8212 here, so the session %s nothing until "
			    "one is configured", mc_nbr_id(n), asn_str(ctx, n),
			    mc_afi_name(afi), dname, vn, dir == MC_DIR_IN ?
			    "accepts" : "advertises");
			f->severity = MC_SEV_INFO;
		}
		add_fix(ctx, f, dir == MC_DIR_IN ? FIX_NO_IMPORT : FIX_NO_EXPORT,
		    n, afi, dir);
	}
}

void
mc_chk_no_import_policy(mc_rule_ctx *ctx, const mc_rule *r)
{
	no_policy(ctx, r, MC_DIR_IN);
}

void
mc_chk_no_export_policy(mc_rule_ctx *ctx, const mc_rule *r)
{
	no_policy(ctx, r, MC_DIR_OUT);
}

/* ---- bogon prefixes ----------------------------------------------------- */

/* "10.0.0.0/8, 172.16.0.0/12 and 3 more": bogon blocks with a leak. */
static const char *
bogon_blocks(mc_rule_ctx *ctx, const mc_rangeset *acc, int afi)
{
	const char *const *tab;
	const char *s = NULL;
	size_t n, i, hit = 0;

	tab = mc_bogon_table(mc_afi_af(afi), &n);
	for (i = 0; i < n; i++) {
		mc_rangeset one, x;
		mc_prefix p;
		mc_range rg;

		memset(&one, 0, sizeof(one));
		if (!mc_prefix_parse(tab[i], strlen(tab[i]), &p) ||
		    !mc_range_make(&p, p.len, mc_af_bits(p.af), &rg))
			continue;
		mc_rs_add(ctx->arena, &one, &rg);
		x = mc_rs_intersect(ctx->arena, acc, &one);
		if (mc_rs_empty(&x))
			continue;
		if (++hit <= 4)
			s = s == NULL ? tab[i] : mc_printf(ctx->arena, "%s, %s",
			    s, tab[i]);
	}
	if (hit > 4)
		s = mc_printf(ctx->arena, "%s and %zu more", s, hit - 4);
	return s;
}

void
mc_chk_bogon_prefix(mc_rule_ctx *ctx, const mc_rule *r)
{
	mc_neighbor *n;
	size_t i;
	int afi, v;

	FOR_NBR(ctx, r, i, n)
	for (afi = 0; afi < MC_AFI_COUNT; afi++) {
		if (!n->af[afi].active)
			continue;
		for (v = 0; v < mc_variants_for(ctx, i, afi); v++) {
			mc_route attrs, route;
			mc_eval_result res;
			mc_rangeset acc;
			mc_finding *f;
			const char *blocks;
			bool approx;

			mc_probe_attrs(ctx, n, afi, v, &attrs);
			if (!mc_find_leak(ctx, n, MC_DIR_IN, &attrs,
			    mc_bogons(ctx, afi), NULL, &route, &res, &acc,
			    &approx))
				continue;
			blocks = bogon_blocks(ctx, &acc, afi);
			f = mc_emit(ctx, r, n->line, n, NULL,
			    "import %s from %s%s accepts bogon %s (%s, %s) with "
			    "AS path %s%s; bogon space accepted: %s%s",
			    mc_dir_chain(ctx, n, afi, MC_DIR_IN), mc_nbr_id(n),
			    asn_str(ctx, n), mc_prefix_text(ctx,
			    &route.prefix), mc_bogon_label(&route.prefix),
			    mc_bogon_reason(&route.prefix),
			    mc_path_text(ctx, &route),
			    mc_decided_str(ctx, &res), blocks != NULL ? blocks :
			    "?", mc_approx_note(approx || res.approximate));
			mc_finding_example(ctx, f, &route, &res);
			add_fix(ctx, f, FIX_BOGON_PREFIX, n, afi, MC_DIR_IN);
			break;
		}
	}
}

/* ---- bogon ASNs --------------------------------------------------------- */

void
mc_chk_bogon_asn(mc_rule_ctx *ctx, const mc_rule *r)
{
	const uint32_t *bog;
	size_t nb, i, k;
	mc_neighbor *n;
	int afi;

	bog = mc_bogon_asn_probes(&nb);
	FOR_NBR(ctx, r, i, n)
	for (afi = 0; afi < MC_AFI_COUNT; afi++) {
		const mc_rangeset *normal;
		mc_route nattrs;

		if (!n->af[afi].active)
			continue;
		normal = mc_normal_accepted(ctx, i, afi, &nattrs);
		if (mc_rs_empty(normal))
			continue;	/* accepts nothing: nothing to leak */
		for (k = 0; k < nb; k++) {
			static const path_leak pl = { "", "", 0, FIX_BOGON_ASN };
			mc_route attrs = nattrs;

			if (bog[k] == mc_nbr_asn(ctx->dev, n))
				continue;
			attrs.path[1] = bog[k];
			attrs.path_len = 2;
			if (probe_path(ctx, r, i, n, afi, &attrs, &pl,
			    " with AS path %s, which contains bogon AS%u",
			    bog[k]))
				break;
		}
	}
}

/* ---- too specific, default ---------------------------------------------- */

void
mc_chk_too_specific(mc_rule_ctx *ctx, const mc_rule *r)
{
	const mc_rangeset *ts = ctx->cache->k->too_specific;
	mc_neighbor *n;
	size_t i;
	int afi, v;

	FOR_NBR(ctx, r, i, n)
	for (afi = 0; afi < MC_AFI_COUNT; afi++) {
		if (!n->af[afi].active)
			continue;
		for (v = 0; v < mc_variants_for(ctx, i, afi); v++) {
			mc_route attrs, route;
			mc_eval_result res;
			mc_finding *f;
			bool approx;

			mc_probe_attrs(ctx, n, afi, v, &attrs);
			if (!mc_find_leak(ctx, n, MC_DIR_IN, &attrs, &ts[afi],
			    NULL, &route, &res, NULL, &approx))
				continue;
			f = mc_emit(ctx, r, n->line, n, NULL,
			    "import %s from %s%s accepts %s, longer than /%d, "
			    "with AS path %s%s%s",
			    mc_dir_chain(ctx, n, afi, MC_DIR_IN), mc_nbr_id(n),
			    asn_str(ctx, n), mc_prefix_text(ctx,
			    &route.prefix), afi == MC_AFI_V6 ? 48 : 24,
			    mc_path_text(ctx, &route),
			    mc_decided_str(ctx, &res),
			    mc_approx_note(approx || res.approximate));
			mc_finding_example(ctx, f, &route, &res);
			add_fix(ctx, f, FIX_TOO_SPECIFIC, n, afi, MC_DIR_IN);
			break;
		}
	}
}

void
mc_chk_default_route(mc_rule_ctx *ctx, const mc_rule *r)
{
	mc_neighbor *n;
	size_t i;
	int afi, v;

	FOR_NBR(ctx, r, i, n)
	for (afi = 0; afi < MC_AFI_COUNT; afi++) {
		mc_prefix def;
		mc_rangeset t;

		if (!n->af[afi].active)
			continue;
		memset(&def, 0, sizeof(def));
		def.af = (uint8_t)mc_afi_af(afi);
		t = mc_rs_single(ctx->arena, &def);
		for (v = 0; v < mc_variants_for(ctx, i, afi); v++) {
			mc_route attrs, route;
			mc_eval_result res;
			mc_finding *f;
			bool approx;

			mc_probe_attrs(ctx, n, afi, v, &attrs);
			if (!mc_find_leak(ctx, n, MC_DIR_IN, &attrs, &t, NULL,
			    &route, &res, NULL, &approx))
				continue;
			f = mc_emit(ctx, r, n->line, n, NULL,
			    "import %s from %s%s accepts the default route %s "
			    "with AS path %s%s%s",
			    mc_dir_chain(ctx, n, afi, MC_DIR_IN), mc_nbr_id(n),
			    asn_str(ctx, n), mc_prefix_str(ctx->arena, &def),
			    mc_path_text(ctx, &route),
			    mc_decided_str(ctx, &res),
			    mc_approx_note(approx || res.approximate));
			mc_finding_example(ctx, f, &route, &res);
			add_fix(ctx, f, FIX_DEFAULT_ROUTE, n, afi, MC_DIR_IN);
			break;
		}
	}
}

/* ---- customers ---------------------------------------------------------- */

static const char *
pf_prefixes_str(mc_rule_ctx *ctx, const mc_nbr_match *m, int afi)
{
	const char *s = NULL;
	size_t j, shown = 0;

	for (j = 0; j < m->prefixes.n; j++) {
		if (m->prefixes.v[j].af != mc_afi_af(afi))
			continue;
		if (++shown > 4)
			continue;
		s = s == NULL ? mc_prefix_str(ctx->arena, &m->prefixes.v[j]) :
		    mc_printf(ctx->arena, "%s, %s", s,
		    mc_prefix_str(ctx->arena, &m->prefixes.v[j]));
	}
	if (shown > 4)
		s = mc_printf(ctx->arena, "%s and %zu more", s, shown - 4);
	return s != NULL ? s : "none of this family";
}

void
mc_chk_customer_prefix(mc_rule_ctx *ctx, const mc_rule *r)
{
	mc_neighbor *n;
	size_t i, j;
	int afi;

	mc_customer_prefix_irr(ctx, r);	/* with --irr: action1_customer_irr.c */
	FOR_NBR(ctx, r, i, n)
	for (afi = 0; afi < MC_AFI_COUNT; afi++) {
		const mc_nbr_match *m = ctx->cache->nbr[i].pf;
		const mc_rangeset *acc;
		mc_route attrs, route;
		mc_eval_result res;
		mc_finding *f;
		mc_prefix hit;
		uint64_t space;

		if (!n->af[afi].active)
			continue;
		acc = mc_normal_accepted(ctx, i, afi, &attrs);
		if (mc_rs_empty(acc))
			continue;
		if (m != NULL && m->prefixes.n > 0) {
			mc_rangeset allowed, outside;

			memset(&allowed, 0, sizeof(allowed));
			for (j = 0; j < m->prefixes.n; j++) {
				const mc_prefix *p = &m->prefixes.v[j];
				int max = afi == MC_AFI_V6 ? 48 : 24;
				mc_range rg;

				if (p->af != mc_afi_af(afi))
					continue;
				if (mc_range_make(p, p->len, p->len > max ?
				    p->len : max, &rg))
					mc_rs_add(ctx->arena, &allowed, &rg);
			}
			outside = mc_rs_subtract(ctx->arena, acc, &allowed);
			if (mc_rs_empty(&outside) || !mc_leak_witness(ctx, n,
			    MC_DIR_IN, &attrs, &outside, &route, &res))
				continue;
			f = mc_emit(ctx, r, n->line, n, NULL,
			    "import %s from customer %s%s accepts %s, outside "
			    "the customer's prefixes in the policy file (%s, "
			    "up to /%d)%s%s",
			    mc_dir_chain(ctx, n, afi, MC_DIR_IN), mc_nbr_id(n),
			    asn_str(ctx, n), mc_prefix_text(ctx,
			    &route.prefix), pf_prefixes_str(ctx, m, afi),
			    afi == MC_AFI_V6 ? 48 : 24,
			    mc_decided_str(ctx, &res),
			    mc_approx_note(ctx->cache->nbr[i].normal_approx[afi] ||
			    res.approximate));
		} else {
			int hits;

			if (mc_nbr_filter_is_explicit(ctx, i, afi, acc, &hit,
			    &space))
				continue;
			hits = mc_probe_hits(ctx, afi, acc, NULL);
			if (hits > 0) {
				mc_rangeset one = mc_rs_single(ctx->arena, &hit);

				if (!mc_leak_witness(ctx, n, MC_DIR_IN, &attrs,
				    &one, &route, &res) && !mc_leak_witness(ctx,
				    n, MC_DIR_IN, &attrs, acc, &route, &res))
					continue;
			} else if (!mc_leak_witness(ctx, n, MC_DIR_IN, &attrs,
			    acc, &route, &res))
				continue;
			f = mc_emit(ctx, r, n->line, n, NULL,
			    "import %s from customer %s%s is not an explicit "
			    "prefix list: it accepts %s and %s (%s accepted "
			    "in all; criterion: an explicit list accepts none "
			    "of 64 pseudo-random global %s and at most a /%d "
			    "of address space)%s%s",
			    mc_dir_chain(ctx, n, afi, MC_DIR_IN), mc_nbr_id(n),
			    asn_str(ctx, n), mc_prefix_text(ctx,
			    &route.prefix), hits > 0 ? mc_printf(ctx->arena,
			    "%d of 64 random probe prefixes", hits) :
			    "no probe prefix but a large space",
			    mc_space_str(ctx, space, afi),
			    afi == MC_AFI_V6 ? "/48s" : "/24s",
			    afi == MC_AFI_V6 ? 16 : 8, mc_decided_str(ctx, &res),
			    mc_approx_note(ctx->cache->nbr[i].normal_approx[afi] ||
			    res.approximate));
		}
		mc_finding_example(ctx, f, &route, &res);
		add_fix(ctx, f, FIX_CUSTOMER_PREFIX, n, afi, MC_DIR_IN);
	}
}

static uint32_t
tf_other_than(mc_rule_ctx *ctx, uint32_t as)
{
	size_t k;

	for (k = 0; k < ctx->cache->ntf; k++)
		if (ctx->cache->tf[k] != as)
			return ctx->cache->tf[k];
	return 0;
}

void
mc_chk_customer_aspath(mc_rule_ctx *ctx, const mc_rule *r)
{
	mc_neighbor *n;
	size_t i;
	int afi;

	FOR_NBR(ctx, r, i, n)
	for (afi = 0; afi < MC_AFI_COUNT; afi++) {
		static const path_leak pl = { "", "customer ", 0,
		    FIX_CUSTOMER_ASPATH };
		const mc_rangeset *normal;
		mc_route attrs;
		uint32_t tf;

		if (!n->af[afi].active)
			continue;
		normal = mc_normal_accepted(ctx, i, afi, &attrs);
		tf = tf_other_than(ctx, attrs.path[0]);
		if (mc_rs_empty(normal) || tf == 0)
			continue;
		attrs.path[1] = tf;
		attrs.path_len = 2;
		(void)probe_path(ctx, r, i, n, afi, &attrs, &pl,
		    " with AS path %s: a route originated by transit-free AS%u "
		    "is not in the customer's cone", tf);
	}
}

void
mc_chk_transit_free(mc_rule_ctx *ctx, const mc_rule *r)
{
	mc_neighbor *n;
	size_t i, k;
	int afi;

	FOR_NBR(ctx, r, i, n)
	for (afi = 0; afi < MC_AFI_COUNT; afi++) {
		const mc_rangeset *normal;
		mc_route nattrs;
		uint32_t nas = mc_nbr_asn(ctx->dev, n);

		if (!n->af[afi].active)
			continue;
		normal = mc_normal_accepted(ctx, i, afi, &nattrs);
		if (mc_rs_empty(normal))
			continue;
		for (k = 0; k < ctx->cache->ntf; k++) {
			static const path_leak pl = { "", "", 0,
			    FIX_TRANSIT_FREE };
			mc_route attrs = nattrs;
			uint32_t tf = ctx->cache->tf[k];

			/* Peer lock: the transit-free network itself may
			 * send its own routes. */
			if (tf == nas || tf == nattrs.path[0])
				continue;
			attrs.path[1] = tf;
			attrs.path[2] = PROBE_AS;
			attrs.path_len = 3;
			if (probe_path(ctx, r, i, n, afi, &attrs, &pl,
			    mc_printf(ctx->arena, " with AS path %%s through "
			    "transit-free AS%%u: a %s does not provide transit "
			    "from a tier-1 network", mc_role_name(n->role)), tf))
				break;
		}
	}
}

/* ---- session limits and knobs ------------------------------------------- */

void
mc_chk_max_prefix(mc_rule_ctx *ctx, const mc_rule *r)
{
	const mc_semantics *sem = mc_semantics_for(ctx->dev->vendor);
	mc_neighbor *n;
	mc_finding *f;
	size_t i;
	int afi;

	FOR_NBR(ctx, r, i, n)
	for (afi = 0; afi < MC_AFI_COUNT; afi++) {
		const mc_maxpfx *mp = &n->af[afi].maxpfx;

		if (!n->af[afi].active)
			continue;
		if (mp->action == MC_MAXP_TEARDOWN || mp->action == MC_MAXP_DROP)
			continue;
		if (mp->action == MC_MAXP_WARN) {
			f = mc_emit(ctx, r, mp->line, n, NULL,
			    "%s maximum-prefix %u on %s%s only logs a warning: "
			    "a leak of a full table is still accepted",
			    mc_afi_name(afi), mp->limit, mc_nbr_id(n),
			    asn_str(ctx, n));
		} else if (mp->line > 0 && mp->limit == 0) {
			f = mc_emit(ctx, r, mp->line, n, NULL,
			    "%s maximum-prefix limit on %s%s is explicitly "
			    "disabled: a leak of a full table would be accepted",
			    mc_afi_name(afi), mc_nbr_id(n), asn_str(ctx, n));
		} else if (sem != NULL && sem->default_max_prefix > 0 &&
		    (sem->default_max_prefix_action == MC_MAXP_TEARDOWN ||
		    sem->default_max_prefix_action == MC_MAXP_DROP)) {
			continue;	/* the platform default acts (EOS) */
		} else {
			f = mc_emit(ctx, r, n->line, n, NULL,
			    "no %s maximum-prefix limit on %s%s: a leak of a "
			    "full table would be accepted", mc_afi_name(afi),
			    mc_nbr_id(n), asn_str(ctx, n));
		}
		add_fix(ctx, f, FIX_MAX_PREFIX, n, afi, MC_DIR_IN);
	}
}

void
mc_chk_rpki_invalid(mc_rule_ctx *ctx, const mc_rule *r)
{
	mc_device *d = ctx->dev;
	mc_neighbor *n, *first = NULL;
	size_t i, count = 0;
	int afi;

	if (d->rpki_caches.n == 0 && !d->bgp.rpki_configured) {
		mc_finding *f;
		mc_fix_arg a;

		/* Only sessions that import something: an RFC 8212 session
		 * without policy, or a filter that rejects every route,
		 * accepts no invalid either. */
		FOR_NBR(ctx, r, i, n) {
			bool imports = false;

			for (afi = 0; afi < MC_AFI_COUNT && !imports; afi++)
				imports = n->af[afi].active &&
				    !mc_rs_empty(mc_normal_accepted(ctx, i, afi,
				    NULL));
			if (!imports)
				continue;
			if (first == NULL)
				first = n;
			count++;
		}
		if (first == NULL)
			return;
		f = mc_emit(ctx, r, d->bgp.line > 0 ? d->bgp.line :
		    first->line, NULL, NULL,
		    "RPKI origin validation is not configured (no RPKI cache "
		    "or ROA table): RPKI-invalid routes from the %zu eBGP "
		    "session%s that import%s routes (e.g. %s) are accepted",
		    count, count == 1 ? "" : "s", count == 1 ? "s" : "",
		    mc_nbr_id(first));
		memset(&a, 0, sizeof(a));
		a.nbr = first;
		f->fix = mc_fix(ctx, FIX_RPKI_SETUP, &a);
		return;
	}
	if (d->bgp.rov_drops_invalid)
		return;
	FOR_NBR(ctx, r, i, n)
	for (afi = 0; afi < MC_AFI_COUNT; afi++) {
		const mc_rangeset *normal;
		mc_route attrs, route;
		mc_eval_result res;
		mc_finding *f;
		bool approx;

		if (!n->af[afi].active)
			continue;
		normal = mc_normal_accepted(ctx, i, afi, &attrs);
		if (mc_rs_empty(normal))
			continue;
		attrs.rov = MC_ROV_INVALID;
		if (!mc_find_leak(ctx, n, MC_DIR_IN, &attrs,
		    mc_normal_probe(ctx, i, afi), NULL,
		    &route, &res, NULL, &approx))
			continue;
		f = mc_emit(ctx, r, n->line, n, NULL,
		    "import %s from %s%s accepts RPKI-invalid routes (e.g. %s "
		    "with AS path %s): ROV is configured but invalids are not "
		    "rejected%s%s", mc_dir_chain(ctx, n, afi, MC_DIR_IN),
		    mc_nbr_id(n), asn_str(ctx, n),
		    mc_prefix_text(ctx, &route.prefix),
		    mc_path_text(ctx, &route),
		    mc_decided_str(ctx, &res),
		    mc_approx_note(approx || res.approximate));
		mc_finding_example(ctx, f, &route, &res);
		add_fix(ctx, f, FIX_RPKI_INVALID, n, afi, MC_DIR_IN);
	}
}

void
mc_chk_aspath_length(mc_rule_ctx *ctx, const mc_rule *r)
{
	mc_neighbor *n;
	size_t i;
	int afi, k;

	FOR_NBR(ctx, r, i, n)
	for (afi = 0; afi < MC_AFI_COUNT; afi++) {
		static const path_leak pl = { "", "", 0, FIX_ASPATH_LEN };
		const mc_rangeset *normal;
		mc_route attrs;

		if (!n->af[afi].active)
			continue;
		/* A global limit (IOS bgp maxas-limit) drops such paths before
		 * any neighbour policy runs. */
		if (ctx->dev->bgp.maxas_limit > 0 &&
		    ctx->dev->bgp.maxas_limit <= 100)
			continue;
		normal = mc_normal_accepted(ctx, i, afi, &attrs);
		if (mc_rs_empty(normal))
			continue;
		/* Excessive prepending is what makes paths this long. */
		for (k = 1; k < 101; k++)
			attrs.path[k] = attrs.path[0];
		attrs.path_len = 101;
		/* the path itself is too long to print: %.0s skips it */
		(void)probe_path(ctx, r, i, n, afi, &attrs, &pl,
		    " with an AS path of 101 ASNs (AS%2$u prepended 100 times)"
		    "%1$.0s", attrs.path[0]);
	}
}

void
mc_chk_first_as(mc_rule_ctx *ctx, const mc_rule *r)
{
	const mc_semantics *sem = mc_semantics_for(ctx->dev->vendor);
	mc_neighbor *n;
	size_t i;
	int afi;

	FOR_NBR(ctx, r, i, n) {
		const char *where;
		int eff, line;
		uint32_t nas = mc_nbr_asn(ctx->dev, n);
		bool reported = false;

		if (n->enforce_first_as != -1) {
			eff = n->enforce_first_as;
			where = "on this neighbour";
			line = n->line;
		} else if (ctx->dev->bgp.enforce_first_as != -1) {
			eff = ctx->dev->bgp.enforce_first_as;
			where = "globally";
			line = ctx->dev->bgp.line;
		} else {
			eff = sem != NULL && sem->enforce_first_as_default;
			where = ctx->dev->vendor == MC_VENDOR_FRR ?
			    "by the platform default (FRR before 10.0, or no "
			    "\"frr version\" line)" : "by the platform default";
			line = n->line;
		}
		if (eff)
			continue;
		for (afi = 0; afi < MC_AFI_COUNT && !reported; afi++) {
			const mc_rangeset *normal;
			mc_route attrs;
			path_leak pl;

			if (!n->af[afi].active)
				continue;
			normal = mc_normal_accepted(ctx, i, afi, &attrs);
			if (mc_rs_empty(normal) || nas == 0)
				continue;
			attrs.path[0] = nas == PROBE_AS2 ? PROBE_AS : PROBE_AS2;
			attrs.path[1] = nas == LEAK_AS_PEER ? LEAK_AS_UP :
			    LEAK_AS_PEER;
			attrs.path_len = 2;
			pl.lead = mc_printf(ctx->arena, "enforce-first-as is off "
			    "%s and ", where);
			pl.who = "";
			pl.line = line;
			pl.fix = FIX_FIRST_AS;
			reported = probe_path(ctx, r, i, n, afi, &attrs, &pl,
			    " with AS path %s, whose first AS is not the "
			    "neighbour's AS%u", nas);
		}
	}
}

/*
 * FLT-NEXT-HOP: an IXP route server passes routes on without changing the
 * next hop, so a client could point other members' traffic at a third
 * party.  Probe: a route the client's import otherwise accepts, with the
 * next hop set to another address of the peering LAN.  Vendors express the
 * check as BIRD `bgp_next_hop != from`, OpenBGPD `nexthop neighbor`, ...:
 * whatever the extractor compiles to MC_C_NEXT_HOP the engine evaluates;
 * a check it could not read leaves the analysis approximate.
 */

/* Another host of the neighbour's subnet: the address with its last bit
 * flipped (185.1.47.25 -> 185.1.47.24; on a /31 the other end). */
static mc_prefix
third_party(const mc_prefix *a)
{
	mc_prefix o = *a;
	int last = mc_af_bits(a->af) - 1;

	mc_prefix_set_bit(&o, last, !mc_prefix_bit(a, last));
	if (o.af == MC_AF4 && o.a[3] == 0)
		o.a[3] = 2;	/* not the network address */
	return o;
}

void
mc_chk_next_hop(mc_rule_ctx *ctx, const mc_rule *r)
{
	mc_neighbor *n;
	size_t i;
	int afi;

	FOR_NBR(ctx, r, i, n) {
		bool reported = false;

		if (n->addr.af == 0)
			continue;	/* no address to compare with */
		for (afi = 0; afi < MC_AFI_COUNT && !reported; afi++) {
			const mc_rangeset *normal;
			mc_route attrs, route;
			mc_eval_result res;
			mc_finding *f;
			char nh[MC_PREFIX_STRLEN];
			bool approx;

			/* The next hop of this family's routes is an address of
			 * the session's own family only when they agree. */
			if (!n->af[afi].active || n->addr.af != mc_afi_af(afi))
				continue;
			normal = mc_normal_accepted(ctx, i, afi, &attrs);
			if (mc_rs_empty(normal))
				continue;
			attrs.next_hop = third_party(&n->addr);
			if (!mc_find_leak(ctx, n, MC_DIR_IN, &attrs,
			    mc_normal_probe(ctx, i, afi), NULL, &route, &res,
			    NULL, &approx))
				continue;
			f = mc_emit(ctx, r, n->line, n, NULL,
			    "import %s from route-server client %s%s accepts %s "
			    "with next hop %s, which is not the client's own "
			    "address: the client can divert other members' "
			    "traffic to a third party%s%s",
			    mc_dir_chain(ctx, n, afi, MC_DIR_IN), mc_nbr_id(n),
			    asn_str(ctx, n), mc_prefix_text(ctx,
			    &route.prefix), mc_addr_fmt(&attrs.next_hop, nh),
			    mc_decided_str(ctx, &res),
			    mc_approx_note(approx || res.approximate));
			mc_finding_example(ctx, f, &route, &res);
			add_fix(ctx, f, FIX_NEXT_HOP, n, afi, MC_DIR_IN);
			reported = true;
		}
	}
}
