/*
 * Junos protocols bgp: global -> group -> neighbor inheritance.  A statement
 * at a more specific level replaces the one above it whole (import [ A B ],
 * family ...: the neighbor's family statements replace the group's).
 * `allow P` (dynamic peers) gives a neighbour named by its prefix.
 * Without import/export policy Junos applies the BGP default policy: accept
 * every BGP route on import, advertise active BGP routes on export; the
 * chain ends in that default too (chain_default_accept).
 * `defaults ebgp no-policy receive|advertise reject|reject-always` (Junos
 * 20.3R1 and later) turns that into RFC 8212 behaviour for eBGP.
 */
#include <string.h>

#include "vendors/junos_int.h"

#define MULTIHOP_TTL_DEFAULT 64	/* Junos: multihop without ttl */

/* Statements of the bgp / group / neighbor levels we know. */
static const char *const bgp_known[] = {
	"type", "peer-as", "local-as", "local-address", "description",
	"import", "export", "family", "neighbor", "group",
	"authentication-key", "authentication-key-chain",
	"authentication-algorithm", "multihop", "ttl", "remove-private",
	"passive", "enforce-first-as", "defaults", "log-updown", "hold-time",
	"cluster", "multipath", "bfd-liveness-detection", "local-preference",
	"metric-out", "preference", "advertise-inactive",
	"advertise-peer-as", "no-advertise-peer-as", "as-override",
	"damping", "graceful-restart", "keep", "mtu-discovery",
	"no-mtu-discovery", "out-delay", "path-selection",
	"precision-timers", "traceoptions", "tcp-mss", "vpn-apply-export",
	"allow", "apply-groups", "apply-groups-except",
	"include-mp-next-hop", "accept-remote-nexthop", "advertise-external",
	"rib-group", "local-interface", "forwarding-context",
	"drop-path-attributes", "egress-te", "egress-te-node-segment",
	"outbound-route-filter", "disable", "shutdown", "bgp-error-tolerance",
	"bmp", "unconfigured-peer-graceful-restart",
	"delay-route-advertisements", "mvpn-iana-rt-import",
	"route-server-client", "ipsec-sa", "tcp-aggressive-transmission",
	"idle-after-switch-over", "sharding", "snmp-options",
	"output-queue-priority", "no-client-reflect",
	"send-addpath-optimization", "advertise-bgp-static",
	"link-protection", "egress-protection", "optimal-route-reflection",
	"multipath-build-priority", "peer-type", "local-address-subnet",
	"hold-time-minimum", "tcp-connect-retry-interval", "minimum-hold-time",
	"authentication-key-chain-name", "egress-te-backup-paths",
	"egress-te-set-segment", "egress-te-sid-stack", "source-packet-routing",
	"dynamic-neighbor", "peer-as-list", "local-as-list",
	"advertise-prefix-sid", "accept-prefix-sid", "stale-labels-holddown-period",
	"entropy-label", "trace", "remove-private-as", "as-path-ignore",
	"deactivate", "import-policy", "export-policy", "metric-out-igp",
	"bgp-orf-cisco-mode", "ipv4-unicast", "vpn-apply-export",
	"no-aggregator-id", "no-precision-timers", "always-compare-med",
	"protocol-preference", "bfd-liveness", "labeled-unicast",
	"disable-4byte-as", NULL
};

static const char *const afi_known[] = {
	"unicast", "multicast", "any", "labeled-unicast", "flow",
	"prefix-limit", "accepted-prefix-limit", "rib-group", "add-path",
	"loops", "protection", "aigp", "nexthop-resolution", "topology",
	"output-queue-priority", "route-refresh-priority", "withdraw-priority",
	"extended-nexthop", "extended-nexthop-color", "no-install",
	"delay-route-advertisements", "graceful-restart", "local-ipv4-address",
	"defer-initial-multipath-build", "per-prefix-label", "per-group-label",
	"traffic-statistics", "explicit-null", "rib", "resolve-vpn",
	"entropy-label", "strip-nexthop", "damping", "secondary-independent-resolution",
	"omit-route-origin-validation", "route-target-filter", "apply-groups",
	"advertise-srv6-service", "accept-srv6-service", "segment-routing-te",
	NULL
};

typedef struct levels {
	const jt_node *v[3];	/* bgp, group, neighbor (NULL when absent) */
} levels;

/* The most specific level that has key. */
static const jt_node *
look(const levels *l, const char *key)
{
	const jt_node *n;
	int i;

	for (i = 2; i >= 0; i--)
		if (l->v[i] != NULL && (n = jt_kid(l->v[i], key)) != NULL)
			return n;
	return NULL;
}

static void
stage(jx *x, mc_direction_policy *dp, const jt_node *n)
{
	const jt_node *k, *w[64];
	mc_stage st;
	mc_polref r;
	int nw, i;

	dp->chain_default_accept = true;	/* BGP default policy */
	if (n == NULL || jt_first(n) == NULL)
		return;
	memset(&st, 0, sizeof(st));
	k = jt_first(n);
	if (jt_count(n) == 1 && (jt_is(k, "(") || jt_is(k, "!"))) {
		/* a policy expression: its policies, approximately */
		nw = jx_chain(k, w, 64);
		jx_note(x, "policy expression at line %d is read as a chain "
		    "of its policies (approximate)", n->line);
		for (i = 0; i < nw; i++) {
			if (jt_is(w[i], "(") || jt_is(w[i], ")") ||
			    jt_is(w[i], "&&") || jt_is(w[i], "||") ||
			    jt_is(w[i], "!"))
				continue;
			memset(&r, 0, sizeof(r));
			r.name = jx_str(x, w[i]);
			r.kind = MC_REF_POLICY;
			r.line = w[i]->line;
			mc_vec_push(x->a, &st.chain, r);
		}
	} else {
		for (; k != NULL; k = jt_next(k)) {
			memset(&r, 0, sizeof(r));
			r.name = jx_str(x, k);
			r.kind = MC_REF_POLICY;
			r.line = k->line;
			mc_vec_push(x->a, &st.chain, r);
		}
	}
	if (st.chain.n > 0)
		mc_vec_push(x->a, &dp->stages, st);
}

/* How strongly a limit acts: teardown > drop > log only. */
static int
maxp_rank(mc_maxpfx_action a)
{
	return a == MC_MAXP_TEARDOWN ? 3 : a == MC_MAXP_DROP ? 2 :
	    a == MC_MAXP_WARN ? 1 : 0;
}

/* prefix-limit { maximum N; teardown [pct] [idle-timeout T]; } and
 * accepted-prefix-limit: teardown acts; drop-excess and hide-excess
 * (Junos 18.x and later) keep the routes over the limit out of use, which
 * acts too; with none of them Junos only logs ("prefix-limit" and
 * "accepted-prefix-limit" in the Junos CLI reference). */
static void
maxpfx(mc_maxpfx *m, const jt_node *s)
{
	static const char *const kinds[] = {
		"prefix-limit", "accepted-prefix-limit", NULL
	};
	const jt_node *pl;
	uint32_t max;
	mc_maxpfx_action act;
	int i;

	for (i = 0; kinds[i] != NULL; i++) {
		if ((pl = jt_kid(s, kinds[i])) == NULL ||
		    !jx_u32(jt_val(pl, "maximum"), &max))
			continue;
		if (jt_kid(pl, "teardown"))
			act = MC_MAXP_TEARDOWN;
		else if (jt_kid(pl, "drop-excess") || jt_kid(pl, "hide-excess"))
			act = MC_MAXP_DROP;
		else
			act = MC_MAXP_WARN;
		if (m->action == MC_MAXP_NONE ||
		    maxp_rank(act) > maxp_rank(m->action) ||
		    (act == m->action && max < m->limit)) {
			m->limit = max;
			m->action = act;
			m->line = pl->line;
		}
	}
}

static void
family(jx *x, mc_neighbor *nb, const jt_node *fam, const char *section)
{
	static const char *const afs[] = { "inet", "inet6" };
	static const char *const sub[] = {
		"unicast", "any", "labeled-unicast", NULL
	};
	const jt_node *f, *s, *k;
	int i, j;

	for (i = 0; i < MC_AFI_COUNT; i++) {
		if ((f = jt_kid(fam, afs[i])) == NULL)
			continue;
		for (k = jt_first(f); k != NULL; k = jt_next(k))
			if (!jx_in(k, afi_known))
				jx_unparsed(x, k, section);
		for (j = 0; sub[j] != NULL; j++) {
			if ((s = jt_kid(f, sub[j])) == NULL)
				continue;
			nb->af[i].active = true;
			if (nb->af[i].line == 0)
				nb->af[i].line = s->line;
			for (k = jt_first(s); k != NULL; k = jt_next(k))
				if (!jx_in(k, afi_known))
					jx_unparsed(x, k, section);
			maxpfx(&nb->af[i].maxpfx, s);
		}
		if (jt_first(f) == NULL) {	/* `family inet;` */
			nb->af[i].active = true;
			nb->af[i].line = f->line;
		}
	}
}

static void
unknown_stmts(jx *x, const jt_node *n, const char *section)
{
	const jt_node *k;

	for (k = jt_first(n); k != NULL; k = jt_next(k))
		if (!jx_in(k, bgp_known))
			jx_unparsed(x, k, section);
}

static bool
gtsm_acl(jx *x, const char *name, const mc_prefix *addr, int *hops)
{
	const char *p, *e;
	size_t i, j, n;
	bool hit = false, in;

	for (p = name;; p = e + 1) {
		e = strchr(p, '+');	/* input-list: "A+B" */
		n = e != NULL ? (size_t)(e - p) : strlen(p);
		for (i = 0; i < x->gtsm.n; i++) {
			if (strlen(x->gtsm.v[i].acl) != n ||
			    memcmp(x->gtsm.v[i].acl, p, n) != 0)
				continue;
			in = x->gtsm.v[i].src.n == 0;
			for (j = 0; j < x->gtsm.v[i].src.n && !in; j++)
				in = mc_prefix_contains(&x->gtsm.v[i].src.v[j],
				    addr);
			if (!in)
				continue;
			if (!hit || x->gtsm.v[i].hops < *hops)
				*hops = x->gtsm.v[i].hops;
			hit = true;
		}
		if (e == NULL)
			break;
	}
	return hit;
}

/* Junos has no per-session GTSM: it is a firewall filter that discards
 * packets below TTL 255 (ttl-except), on the interface towards the
 * neighbour or on lo0. */
static int
gtsm(jx *x, const mc_neighbor *nb)
{
	const mc_interface *ifc, *lo = NULL;
	const char *acl;
	size_t i, j;
	int hops = 0;
	bool v6 = nb->addr.af == MC_AF6;

	if (nb->addr.af == 0 || x->gtsm.n == 0)
		return 0;
	for (i = 0; i < x->d->ifaces.n; i++) {
		ifc = x->d->ifaces.v[i];
		if ((ifc->vrf == NULL) != (nb->vrf == NULL) ||
		    (ifc->vrf && strcmp(ifc->vrf, nb->vrf) != 0))
			continue;
		if (strncmp(ifc->name, "lo0.", 4) == 0)
			lo = ifc;
		for (j = 0; j < ifc->addrs.n; j++)
			if (mc_prefix_contains(&ifc->addrs.v[j].net, &nb->addr)) {
				acl = v6 ? ifc->acl_in6 : ifc->acl_in4;
				if (acl != NULL && gtsm_acl(x, acl, &nb->addr, &hops))
					return hops;
			}
	}
	if (lo != NULL) {
		acl = v6 ? lo->acl_in6 : lo->acl_in4;
		if (acl != NULL && gtsm_acl(x, acl, &nb->addr, &hops))
			return hops;
	}
	return 0;
}

static void
neighbor(jx *x, const levels *l, const jt_node *addr, const char *vrf,
    uint32_t inst_as, const char *section)
{
	mc_neighbor *nb = mc_alloc(x->a, sizeof(*nb));
	const jt_node *n, *fam;
	uint32_t as;
	int i;

	mc_neighbor_init(nb);
	nb->address = jx_str(x, addr);
	if (!mc_addr_parse(addr->w, addr->wlen, &nb->addr))
		memset(&nb->addr, 0, sizeof(nb->addr));
	nb->vrf = vrf;
	nb->line = addr->line;
	if (l->v[1] != NULL) {
		nb->group = jx_str(x, l->v[1]);
		nb->name = nb->group;
	}
	if (jx_asn(jt_first(look(l, "local-as")), &as))
		nb->local_as = as;
	else if (inst_as != 0 && inst_as != x->d->bgp.asn)
		nb->local_as = inst_as;
	if (jx_asn(jt_last(look(l, "peer-as")), &as)) {
		nb->remote_as_kind = MC_RAS_NUMBER;
		nb->remote_as = as;
	} else if (jt_is(jt_last(look(l, "type")), "internal")) {
		nb->remote_as_kind = MC_RAS_INTERNAL;
		nb->remote_as = nb->local_as ? nb->local_as :
		    inst_as ? inst_as : x->d->bgp.asn;
	} else if (jt_is(jt_last(look(l, "type")), "external"))
		nb->remote_as_kind = MC_RAS_EXTERNAL;
	nb->description = jx_str(x, jt_last(look(l, "description")));
	nb->shutdown = look(l, "shutdown") != NULL;
	nb->auth = look(l, "authentication-key") != NULL ||
	    look(l, "authentication-key-chain") != NULL;
	if ((n = look(l, "multihop")) != NULL &&
	    !jt_is(jt_last(look(l, "type")), "internal")) {
		uint32_t ttl;

		nb->ebgp_multihop = MULTIHOP_TTL_DEFAULT;
		if (jx_u32(jt_val(n, "ttl"), &ttl) && ttl > 0 && ttl < 256)
			nb->ebgp_multihop = (int)ttl;
	}
	if (nb->ebgp_multihop == 0 && nb->remote_as_kind != MC_RAS_INTERNAL &&
	    !(nb->remote_as_kind == MC_RAS_NUMBER &&
	    nb->remote_as == (nb->local_as ? nb->local_as : inst_as ? inst_as :
	    x->d->bgp.asn)))
		nb->ttl_security = gtsm(x, nb);
	if (look(l, "enforce-first-as") != NULL)
		nb->enforce_first_as = 1;
	/* The most specific level with family statements has them all. */
	fam = NULL;
	for (i = 2; i >= 0 && fam == NULL; i--)
		if (l->v[i] != NULL)
			fam = jt_kid(l->v[i], "family");
	if (fam != NULL)
		family(x, nb, fam, section);
	else if (nb->addr.af == MC_AF6)
		nb->af[MC_AFI_V6].active = true;	/* see below */
	else
		nb->af[MC_AFI_V4].active = true;	/* default: inet unicast */
	for (i = 0; i < MC_AFI_COUNT; i++) {
		stage(x, &nb->af[i].in, look(l, "import"));
		stage(x, &nb->af[i].out, look(l, "export"));
		if (look(l, "remove-private") != NULL)
			nb->af[i].remove_private_as = true;
		if (look(l, "route-server-client") != NULL)
			nb->af[i].rs_client = true;
	}
	mc_vec_push(x->a, &x->d->neighbors, nb);
}

static int
no_policy(const jt_node *n)
{
	const jt_node *v = jt_first(n);

	if (v == NULL)
		return 0;
	return jt_is(v, "reject") || jt_is(v, "reject-always") ? 1 : 2;
}

void
jx_bgp(jx *x, const jt_node *bgp, const char *vrf, uint32_t inst_as)
{
	const jt_node *g, *nb, *np;
	const char *section, *gsec;
	levels l;
	int in, out;

	if (!jt_active(bgp))
		return;
	section = vrf ? mc_printf(x->a, "routing-instances %s protocols bgp",
	    vrf) : "protocols bgp";
	unknown_stmts(x, bgp, section);
	if (vrf == NULL &&
	    (np = jt_path(bgp, "defaults ebgp no-policy")) != NULL) {
		in = no_policy(jt_kid(np, "receive"));
		out = no_policy(jt_kid(np, "advertise"));
		x->d->bgp.requires_policy_dir[0] = in;	/* receive */
		x->d->bgp.requires_policy_dir[1] = out;	/* advertise */
		if (in == 1 && out == 1)
			x->d->bgp.ebgp_requires_policy = 1;
		else if (in == 2 && out == 2)
			x->d->bgp.ebgp_requires_policy = 0;
	}
	memset(&l, 0, sizeof(l));
	l.v[0] = bgp;
	for (g = jt_first(jt_kid(bgp, "group")); g != NULL; g = jt_next(g)) {
		l.v[1] = g;
		l.v[2] = NULL;
		gsec = mc_printf(x->a, "%s group %.*s", section, (int)g->wlen,
		    g->w);
		unknown_stmts(x, g, gsec);
		for (nb = jt_first(jt_kid(g, "neighbor")); nb != NULL;
		    nb = jt_next(nb)) {
			l.v[2] = nb;
			unknown_stmts(x, nb, gsec);
			neighbor(x, &l, nb, vrf, inst_as, gsec);
		}
		l.v[2] = NULL;
		for (nb = jt_first(jt_kid(g, "allow")); nb != NULL;
		    nb = jt_next(nb))
			neighbor(x, &l, nb, vrf, inst_as, gsec);
	}
	/* neighbours outside groups (not valid Junos, seen in hand edits) */
	l.v[1] = NULL;
	for (nb = jt_first(jt_kid(bgp, "neighbor")); nb != NULL;
	    nb = jt_next(nb)) {
		l.v[2] = nb;
		neighbor(x, &l, nb, vrf, inst_as, section);
	}
}
