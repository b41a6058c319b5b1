/*
 * Junos routing-options: autonomous-system, router-id, static / aggregate /
 * generate routes (also under `rib inet6.0` and `rib VRF.inet.0`), RPKI
 * caches (validation group G session A) and the uRPF mode switch
 * (forwarding-table unicast-reverse-path feasible-paths).
 */
#include <string.h>

#include "vendors/junos_int.h"

#define RTR_PORT_DEFAULT 2222	/* Junos `validation ... session` port default */

/* static { route P next-hop A | discard | reject | ...; } */
static void
statics(jx *x, const jt_node *st, const char *vrf)
{
	const jt_node *r, *nh;
	mc_static s;

	for (r = jt_first(jt_kid(st, "route")); r != NULL; r = jt_next(r)) {
		memset(&s, 0, sizeof(s));
		if (!jx_prefix(r, &s.prefix))
			continue;
		s.vrf = vrf;
		s.line = r->line;
		if (jt_kid(r, "discard") != NULL) {
			s.nexthop = "discard";
			s.null_route = true;
		} else if (jt_kid(r, "reject") != NULL) {
			s.nexthop = "reject";
			s.null_route = true;
		} else if ((nh = jt_first(jt_kid(r, "next-hop"))) != NULL) {
			s.nexthop = jx_str(x, nh);
		} else if ((nh = jt_first(jt_kid(r, "qualified-next-hop")))
		    != NULL) {
			s.nexthop = jx_str(x, nh);
		} else if ((nh = jt_first(jt_kid(r, "next-table"))) != NULL) {
			s.nexthop = mc_printf(x->a, "next-table %s",
			    jx_str(x, nh));
		} else if (jt_kid(r, "receive") != NULL) {
			s.nexthop = "receive";
		} else
			s.nexthop = "";
		mc_vec_push(x->a, &x->d->statics, s);
		/* Exported only through a policy that accepts it (protocol
		 * static); `no-readvertise` keeps it out of every export. */
		if (jt_kid(r, "no-readvertise") == NULL)
			mc_dev_add_origin(x->d, &s.prefix, MC_ORIG_STATIC, vrf,
			    "static", r->line);
	}
}

static void
aggregates(jx *x, const jt_node *ag, const char *vrf, const char *detail)
{
	const jt_node *r;
	mc_prefix p;

	for (r = jt_first(jt_kid(ag, "route")); r != NULL; r = jt_next(r))
		if (jx_prefix(r, &p))
			mc_dev_add_origin(x->d, &p, MC_ORIG_AGGREGATE, vrf, detail,
			    r->line);
}

static void
routes(jx *x, const jt_node *ro, const char *vrf)
{
	statics(x, jt_kid(ro, "static"), vrf);
	aggregates(x, jt_kid(ro, "aggregate"), vrf, "aggregate");
	aggregates(x, jt_kid(ro, "generate"), vrf, "generate");
}

static void
validation(jx *x, const jt_node *v)
{
	const jt_node *g, *s;
	mc_rpki_cache c;
	uint32_t port;

	if (v == NULL)
		return;
	for (g = jt_first(jt_kid(v, "group")); g != NULL; g = jt_next(g)) {
		for (s = jt_first(jt_kid(g, "session")); s != NULL;
		    s = jt_next(s)) {
			memset(&c, 0, sizeof(c));
			c.host = jx_str(x, s);
			c.port = RTR_PORT_DEFAULT;
			if (jx_u32(jt_val(s, "port"), &port) && port <= 65535)
				c.port = (int)port;
			c.line = s->line;
			mc_vec_push(x->a, &x->d->rpki_caches, c);
			x->d->bgp.rpki_configured = true;
		}
	}
	/* Static ROA records: origin validation without a cache. */
	if (jt_first(jt_path(v, "static record")) != NULL)
		x->d->bgp.rpki_configured = true;
}

void
jx_routing_options(jx *x, const jt_node *ro, const char *vrf, bool main)
{
	const jt_node *n, *rib;
	uint32_t as;

	if (ro == NULL)
		return;
	if (main) {
		n = jt_val(ro, "autonomous-system");
		if (jx_asn(n, &as)) {
			x->d->bgp.asn = as;
			x->d->bgp.line = n->line;
		}
		x->d->bgp.router_id = jx_str(x, jt_val(ro, "router-id"));
		if (jt_path(ro, "forwarding-table unicast-reverse-path "
		    "feasible-paths") != NULL)
			x->feasible = true;
	}
	routes(x, ro, vrf);
	/* rib inet6.0 { static ... }, rib VRF.inet6.0 { ... } */
	for (rib = jt_first(jt_kid(ro, "rib")); rib != NULL;
	    rib = jt_next(rib))
		routes(x, rib, vrf);
	validation(x, jt_kid(ro, "validation"));
}
