/*
 * IOS family "router bgp": neighbours, peer-groups (IOS/FRR "peer-group",
 * EOS "peer group"), IOS templates (peer-session / peer-policy with
 * inherit), address families and VRFs (IOS "address-family ipv4 vrf X",
 * EOS "vrf X" blocks, FRR "router bgp N vrf X"), per-AF policy stages,
 * maximum-prefix (EOS maximum-routes), origins and RPKI caches.
 *
 * Defaults relied on (the semantics table holds the rest):
 *  - IPv4 unicast is activated for every neighbour unless "no bgp default
 *    ipv4-unicast"; IPv6 needs "activate" (IOS; FRR doc "bgp default
 *    ipv4-unicast ... defaults to on", FRR bgpd peer_create: IPv6 only with
 *    "bgp default ipv6-unicast").  EOS activates IPv4 unicast for IPv4
 *    transport only unless "bgp default ipv4-unicast transport ipv6".
 *  - FRR "bgp ebgp-requires-policy" is on by default with the traditional
 *    profile and off with "frr defaults datacenter" (FRR user guide,
 *    "Require policy on EBGP"); FRR before 7.4 and Quagga never had it
 *    (github.com/bgp/RFC8212 compliance table).
 *  - IOS-XE with an RPKI server excludes invalid paths from best path
 *    unless "bgp bestpath prefix-validate allow-invalid" or "... disable"
 *    (Cisco "BGP Origin AS Validation" guide; NSRC ROV lab notes).
 *  - EOS "rpki cache" default port 323.
 */
#include <string.h>

#include "vendors/ios.h"

typedef struct bctx {
	const char *vrf;	/* "" for the default VRF */
	int afi;		/* IA_V4, IA_V6, IA_ALL; -1: not unicast (ignored) */
	bool in_af;
	bool global;		/* directly under "router bgp" (default VRF) */
	const mc_node *sec;
	ios_inst *inst;
} bctx;

static void bgp_line(ios *, bctx *, const mc_node *);

/* ---- neighbours ---------------------------------------------------------- */

static void
af_init(ios_af *af)
{
	memset(af, 0, sizeof(*af));
	af->active = af->rsc = af->nhs = af->rpa = -1;
}

static ios_nbr *
nbr_new(ios *c, const char *vrf, const mc_tok *name, int line, int kind)
{
	ios_nbr *x = mc_alloc(c->a, sizeof(*x));
	int k;

	x->n = mc_alloc(c->a, sizeof(*x->n));
	mc_neighbor_init(x->n);
	x->n->address = ios_str(c, name);
	(void)mc_addr_parse(name->s, name->len, &x->n->addr);
	x->n->vrf = vrf[0] != '\0' ? vrf : NULL;
	x->n->line = line;
	x->kind = kind;
	x->def_afi = -1;
	for (k = 0; k < IA_N; k++)
		af_init(&x->af[k]);
	return x;
}

static size_t
key(char *buf, size_t cap, const char *vrf, const char *s, size_t n)
{
	size_t vl = strlen(vrf);

	if (vl > cap / 2)
		vl = cap / 2;
	if (n > cap - vl - 1)
		n = cap - vl - 1;
	memcpy(buf, vrf, vl);
	buf[vl] = '\x1f';
	memcpy(buf + vl + 1, s, n);
	return vl + 1 + n;
}

static ios_nbr *
nbr_find(ios *c, const char *vrf, const char *s, size_t n)
{
	char buf[512];
	size_t kl = key(buf, sizeof(buf), vrf, s, n);

	return ios_map_get(&c->nbrs, buf, kl);
}

static ios_nbr *
nbr_get(ios *c, const char *vrf, const mc_tok *name, int line)
{
	ios_nbr *x;
	char buf[512];
	size_t kl;

	/* consecutive lines usually name the same neighbour */
	if (c->last != NULL && c->last_vrf == vrf &&
	    strlen(c->last->n->address) == name->len &&
	    memcmp(c->last->n->address, name->s, name->len) == 0)
		return c->last;
	kl = key(buf, sizeof(buf), vrf, name->s, name->len);
	x = ios_map_get(&c->nbrs, buf, kl);
	if (x == NULL) {
		x = nbr_new(c, vrf, name, line, NK_NEIGHBOR);
		ios_map_put(c->a, &c->nbrs, buf, kl, x);
		mc_vec_push(c->a, &c->nlist, x);
	}
	c->last = x;
	c->last_vrf = vrf;
	return x;
}

static ios_nbr *
tpl_get(ios *c, bool session, const mc_tok *name, int line, bool create)
{
	char buf[512];
	size_t kl = key(buf, sizeof(buf), session ? "S" : "P", name->s,
	    name->len);
	ios_nbr *x = ios_map_get(&c->tmpls, buf, kl);

	if (x == NULL && create) {
		x = nbr_new(c, "", name, line, session ? NK_SESSION_TPL :
		    NK_POLICY_TPL);
		ios_map_put(c->a, &c->tmpls, buf, kl, x);
	}
	return x;
}

static int
afi_of(const bctx *b)
{
	return b->afi;
}

static void
set_pol(ios_af *af, int dir, int kind, const char *name, int line)
{
	af->pol[dir][kind] = name;
	af->pol_line[dir][kind] = line;
}

/* Neighbour sub-commands with no bearing on what the model holds. */
static const char *const nbr_harmless[] = {
	"update-source", "timers", "soft-reconfiguration", "send-community",
	"advertisement-interval", "bfd", "fall-over", "capability", "version",
	"allowas-in", "default-originate", "weight", "unsuppress-map",
	"advertise-map", "as-override", "disable-connected-check",
	"dont-capability-negotiate", "ha-mode", "log-neighbor-changes",
	"path-attribute", "transport", "additional-paths", "advertise",
	"send-label", "graceful-restart", "graceful-restart-helper",
	"route-reflector-client", "passive", "solo", "strict-capability-match",
	"override-capability", "port", "addpath-tx-all-paths",
	"addpath-tx-bestpath-per-AS", "addpath-rx-paths-limit",
	"addpath-tx-best-selected", "attribute-unchanged",
	"next-hop-unchanged", "next-hop-peer", "aigp", "as-path-loopcheck",
	"auto-local-addr", "idle-restart-timer", "link-bandwidth",
	"local-v6-addr", "local-v4-addr", "out-delay", "rib-in",
	"route-to-peer", "enforce-multihop", "cluster-id",
	"sender-as-path-loop-detection", "extended-optional-parameters",
	"graceful-shutdown", "tcp-mss", "accept-own", "soo", "dmzlink-bw",
	"slow-peer", "translate-update", "bmp-activate", "rpki", "oad",
	"encapsulation", "route-target", "missing-policy", "maximum-prefix-out",
	"next-hop-v6-addr", "domain", "description", "send-community",
	"as-path", "bgp-ls", "extended-link-bandwidth", "dynamic-capability",
	"addpath", "role", "prefix-list-out", "import", "export", "ip-helper",
	"peer-tag", "default-route", "fast-external-fallover", "activate",
	"buffers", "dampening", "inherit", "update-group", "aspath",
	"send-rpki", "announce", "ebgp-multihop", "shutdown",
	"send-nexthop-characteristics", "graceful-restart-disable",
	"local-link-id", "disable-link-bw-encoding-ieee", "fail-over",
	"metric-out", "import-localpref", "export-localpref", "session",
	"next-hop", "peer-filter", "remote-port", "idle-restart",
	"bfd-enable", "capability-orf", "ip", "ipv6", NULL
};

static bool
in_list(const mc_tok *t, const char *const *list)
{
	int i;

	for (i = 0; list[i] != NULL; i++)
		if (mc_tok_is(t, list[i]))
			return true;
	return false;
}

static void
maxp(const mc_node *n, mc_tok *t, int nt, int i, mc_maxpfx *m,
    mc_maxpfx_action act_default)
{
	uint32_t v = 0;
	int j;

	(void)mc_tok_u32(&t[i], &v);
	m->limit = v;
	m->line = n->line;
	m->action = act_default;
	for (j = i + 1; j < nt; j++)
		if (mc_tok_is(&t[j], "warning-only"))
			m->action = MC_MAXP_WARN;
	if (v == 0)
		m->action = MC_MAXP_NONE;	/* EOS: 0 means no limit */
}

/* "neighbor X <t[i]...>" (or a template line); returns false when the
 * command is not understood. */
static bool
nbr_cmd(ios *c, bctx *b, ios_nbr *x, const mc_node *n, mc_tok *t, int nt,
    int i, bool neg)
{
	mc_neighbor *nb = x->n;
	int afi = afi_of(b), dir, kind;
	uint32_t v;

	if (i >= nt)
		return false;
	if (mc_tok_is(&t[i], "remote-as")) {
		if (i + 1 >= nt)
			return false;
		if (mc_tok_is(&t[i + 1], "external"))
			nb->remote_as_kind = MC_RAS_EXTERNAL;
		else if (mc_tok_is(&t[i + 1], "internal"))
			nb->remote_as_kind = MC_RAS_INTERNAL;
		else if (ios_asn(&t[i + 1], &v)) {
			nb->remote_as_kind = MC_RAS_NUMBER;
			nb->remote_as = v;
		} else if (mc_tok_is(&t[i + 1], "auto"))
			nb->remote_as_kind = MC_RAS_UNKNOWN;
		else
			return false;
		x->set |= NS_RAS;
		if (b->in_af && !c->frr && afi >= 0 && afi < IA_ALL &&
		    x->def_afi < 0)
			x->def_afi = afi;	/* IOS VRF AF: activated there */
		return true;
	}
	if (mc_tok_is(&t[i], "peer-group") || (mc_tok_is(&t[i], "peer") &&
	    ios_is(t, i + 1, nt, "group"))) {
		int j = mc_tok_is(&t[i], "peer") ? i + 2 : i + 1;

		if (j >= nt) {
			x->kind = NK_GROUP;
			nb->is_group_only = true;
		} else if (!neg)
			x->group = ios_str(c, &t[j]);
		else
			x->group = NULL;
		return true;
	}
	if (mc_tok_is(&t[i], "interface")) {
		/* FRR "neighbor IF interface [v6only] [remote-as X|peer-group G]" */
		i++;
		if (ios_is(t, i, nt, "v6only"))
			i++;
		return i >= nt || nbr_cmd(c, b, x, n, t, nt, i, neg);
	}
	if (mc_tok_is(&t[i], "description")) {
		nb->description = neg || i + 1 >= nt ? NULL :
		    mc_tok_rest(c->a, n, &t[i + 1]);
		x->set |= NS_DESC;
		return true;
	}
	if (mc_tok_is(&t[i], "shutdown")) {
		nb->shutdown = !neg;
		x->set |= NS_SHUT;
		return true;
	}
	if (mc_tok_is(&t[i], "password") || mc_tok_is(&t[i], "ao") ||
	    mc_tok_is(&t[i], "tcp-ao")) {
		nb->auth = !neg;
		x->set |= NS_AUTH;
		return true;
	}
	if (mc_tok_is(&t[i], "ttl-security") || (mc_tok_is(&t[i], "ttl") &&
	    ios_is(t, i + 1, nt, "maximum-hops"))) {
		/* IOS/FRR "ttl-security hops N", EOS "ttl maximum-hops N" */
		if (neg)
			nb->ttl_security = 0;
		else if (i + 2 < nt && mc_tok_u32(&t[i + 2], &v) && v < 256)
			nb->ttl_security = (int)v;
		else
			return false;
		x->set |= NS_TTL;
		return true;
	}
	if (mc_tok_is(&t[i], "ebgp-multihop")) {
		nb->ebgp_multihop = neg ? 0 : 255;
		if (!neg && i + 1 < nt && mc_tok_u32(&t[i + 1], &v) && v < 256)
			nb->ebgp_multihop = (int)v;
		x->set |= NS_MH;
		return true;
	}
	if (mc_tok_is(&t[i], "local-as")) {
		nb->local_as = 0;
		if (!neg && (i + 1 >= nt || !ios_asn(&t[i + 1], &nb->local_as)))
			return false;
		x->set |= NS_LAS;
		return true;
	}
	if (mc_tok_is(&t[i], "local-role")) {
		/* FRR (RFC 9234): provider|rs-server|rs-client|customer|peer */
		nb->bgp_role = neg || i + 1 >= nt ? NULL : ios_str(c, &t[i + 1]);
		x->set |= NS_ROLE;
		return true;
	}
	if (mc_tok_is(&t[i], "enforce-first-as")) {
		nb->enforce_first_as = neg ? 0 : 1;
		x->set |= NS_EFA;
		return true;
	}
	if (mc_tok_is(&t[i], "inherit")) {
		if (i + 2 >= nt)
			return false;
		if (mc_tok_is(&t[i + 1], "peer-session"))
			x->stpl = neg ? NULL : ios_str(c, &t[i + 2]);
		else if (mc_tok_is(&t[i + 1], "peer-policy") && afi >= 0)
			x->ptpl[afi] = neg ? NULL : ios_str(c, &t[i + 2]);
		else if (!mc_tok_is(&t[i + 1], "peer-policy"))
			return false;
		return true;
	}
	/* per address family from here on */
	if (afi < 0)
		return true;
	if (mc_tok_is(&t[i], "activate")) {
		x->af[afi].active = !neg;
		if (x->af[afi].line == 0)
			x->af[afi].line = n->line;
		return true;
	}
	kind = mc_tok_is(&t[i], "route-map") ? PK_RMAP :
	    mc_tok_is(&t[i], "prefix-list") ? PK_PLIST :
	    mc_tok_is(&t[i], "filter-list") ? PK_ASPATH :
	    mc_tok_is(&t[i], "distribute-list") ? PK_ACL : -1;
	if (kind >= 0) {
		if (i + 2 >= nt)
			return false;
		if (mc_tok_is(&t[i + 2], "in"))
			dir = 0;
		else if (mc_tok_is(&t[i + 2], "out"))
			dir = 1;
		else
			return false;
		set_pol(&x->af[afi], dir, kind, neg ? NULL : ios_str(c, &t[i + 1]),
		    n->line);
		return true;
	}
	if (mc_tok_is(&t[i], "maximum-prefix") ||
	    mc_tok_is(&t[i], "maximum-routes")) {
		/* IOS/FRR: exceeding tears the session down unless
		 * warning-only; EOS maximum-routes likewise */
		if (neg) {
			x->af[afi].maxp_set = false;
			return true;
		}
		if (i + 1 >= nt || !mc_tok_u32(&t[i + 1], &v))
			return false;
		maxp(n, t, nt, i + 1, &x->af[afi].maxp, MC_MAXP_TEARDOWN);
		x->af[afi].maxp_set = true;
		return true;
	}
	if (mc_tok_is(&t[i], "maximum-accepted-routes")) {
		/* EOS: routes over the limit are not accepted */
		if (neg) {
			x->af[afi].acc_set = false;
			return true;
		}
		if (i + 1 >= nt || !mc_tok_u32(&t[i + 1], &v))
			return false;
		maxp(n, t, nt, i + 1, &x->af[afi].acc, MC_MAXP_DROP);
		x->af[afi].acc_set = true;
		return true;
	}
	if (mc_tok_is(&t[i], "route-server-client")) {
		x->af[afi].rsc = !neg;
		return true;
	}
	if (mc_tok_is(&t[i], "next-hop-self")) {
		x->af[afi].nhs = !neg;
		return true;
	}
	if (mc_tok_is(&t[i], "remove-private-as") ||
	    mc_tok_is(&t[i], "remove-private-AS")) {
		if (ios_is(t, i + 1, nt, "ingress"))
			return true;	/* EOS inbound variant: not this knob */
		x->af[afi].rpa = !neg;
		return true;
	}
	return in_list(&t[i], nbr_harmless);
}

/* ---- origins ---------------------------------------------------------- */

static bool
classful(mc_prefix *p)
{
	unsigned a = p->a[0];

	if (p->af != MC_AF4)
		return false;
	p->len = a < 128 ? 8 : a < 192 ? 16 : a < 224 ? 24 : 32;
	mc_prefix_clear_host(p);
	return true;
}

static const char *
route_map_arg(ios *c, mc_tok *t, int nt, int i)
{
	for (; i + 1 < nt; i++)
		if (mc_tok_is(&t[i], "route-map") || mc_tok_is(&t[i], "rcf"))
			return ios_str(c, &t[i + 1]);
	return NULL;
}

static bool
origin(ios *c, bctx *b, const mc_node *n, mc_tok *t, int nt, int i)
{
	mc_origin o;
	int j;

	memset(&o, 0, sizeof(o));
	o.vrf = b->vrf[0] != '\0' ? b->vrf : NULL;
	o.line = n->line;
	if (mc_tok_is(&t[i], "redistribute")) {
		if (i + 1 >= nt)
			return false;
		o.kind = MC_ORIG_REDISTRIBUTE;
		o.detail = ios_str(c, &t[i + 1]);
		o.policy = route_map_arg(c, t, nt, i + 2);
		mc_vec_push(c->a, &c->d->origins, o);
		return true;
	}
	o.kind = mc_tok_is(&t[i], "network") ? MC_ORIG_NETWORK :
	    MC_ORIG_AGGREGATE;
	j = i + 1;
	if (j >= nt)
		return false;
	if (memchr(t[j].s, '/', t[j].len) != NULL) {
		if (!mc_prefix_parse(t[j].s, t[j].len, &o.prefix))
			return false;
		j++;
	} else if (j + 2 < nt && mc_tok_is(&t[j + 1], "mask")) {
		if (!ios_parse_prefix(&t[j], &t[j + 2], &o.prefix))
			return false;
		j += 3;
	} else if (o.kind == MC_ORIG_AGGREGATE && j + 1 < nt &&
	    ios_parse_prefix(&t[j], &t[j + 1], &o.prefix))
		j += 2;
	else {
		if (!mc_addr_parse(t[j].s, t[j].len, &o.prefix) ||
		    !classful(&o.prefix))
			return false;
		j++;
	}
	o.policy = route_map_arg(c, t, nt, j);
	if (o.kind == MC_ORIG_AGGREGATE)
		for (; j < nt; j++)
			if (mc_tok_is(&t[j], "summary-only"))
				o.detail = "summary-only";
	mc_vec_push(c->a, &c->d->origins, o);
	return true;
}

/* ---- global knobs ---------------------------------------------------------- */

static void
rpki_cache(ios *c, const char *host, int port, int line)
{
	mc_rpki_cache r;

	r.host = host;
	r.port = port;
	r.line = line;
	mc_vec_push(c->a, &c->d->rpki_caches, r);
	c->d->bgp.rpki_configured = true;
}

static bool
bgp_knob(ios *c, bctx *b, const mc_node *n, mc_tok *t, int nt, int i,
    bool neg)
{
	mc_bgp_global *g = &c->d->bgp;
	uint32_t v;
	int j;

	if (i + 1 >= nt)
		return false;
	i++;		/* after "bgp" */
	if (mc_tok_is(&t[i], "router-id")) {
		if (b->global && !neg && i + 1 < nt)
			g->router_id = ios_str(c, &t[i + 1]);
		return true;
	}
	if (mc_tok_is(&t[i], "default")) {
		if (ios_is(t, i + 1, nt, "ipv4-unicast")) {
			if (ios_is(t, i + 2, nt, "transport"))
				b->inst->v4_over_v6 = !neg;
			else
				b->inst->default_v4 = !neg;
		} else if (ios_is(t, i + 1, nt, "ipv6-unicast"))
			b->inst->default_v6 = !neg;
		return true;
	}
	if (mc_tok_is(&t[i], "ebgp-requires-policy") ||
	    mc_tok_is(&t[i], "safe-ebgp-policy")) {
		if (b->vrf[0] == '\0')
			c->erp_default = !neg;
		else if (c->erp_vrf < 0)
			c->erp_vrf = !neg;
		return true;
	}
	if (mc_tok_is(&t[i], "missing-policy")) {
		/* EOS: [address-family all] [include ...] direction in|out
		 * action deny|permit|deny-in-out */
		int dir = -1, act = 0;

		for (j = i + 1; j + 1 < nt; j++) {
			if (mc_tok_is(&t[j], "direction"))
				dir = mc_tok_is(&t[j + 1], "in") ? 0 :
				    mc_tok_is(&t[j + 1], "out") ? 1 : -1;
			if (mc_tok_is(&t[j], "action"))
				act = mc_tok_is(&t[j + 1], "permit") ? 2 : 1;
		}
		if (dir < 0 || act == 0)
			return false;
		if (!neg && b->vrf[0] == '\0' && b->afi != IA_V6) {
			g->requires_policy_dir[dir] = act;
			if (dir == 0 && j > 0 && mc_tok_is(&t[nt - 1],
			    "deny-in-out"))
				g->requires_policy_dir[1] = 1;
		}
		return true;
	}
	if (mc_tok_is(&t[i], "enforce-first-as")) {
		if (b->vrf[0] == '\0')
			g->enforce_first_as = !neg;
		return true;
	}
	if (mc_tok_is(&t[i], "maxas-limit")) {
		/* IOS/IOS-XE: UPDATEs whose AS path is longer than N are
		 * discarded before any policy (Cisco IOS BGP command reference). */
		if (neg)
			g->maxas_limit = 0;
		else if (i + 1 < nt && mc_tok_u32(&t[i + 1], &v) && v > 0 &&
		    v <= 2000)
			g->maxas_limit = (int)v;
		else
			return false;
		return true;
	}
	if (mc_tok_is(&t[i], "rpki") && ios_is(t, i + 1, nt, "server")) {
		/* IOS-XE "bgp rpki server tcp A port P refresh N" */
		int port = 323;

		for (j = i + 2; j + 1 < nt; j++)
			if (mc_tok_is(&t[j], "port") && mc_tok_u32(&t[j + 1], &v) &&
			    v < 65536)
				port = (int)v;
		if (!neg && ios_is(t, i + 2, nt, "tcp") && i + 3 < nt)
			rpki_cache(c, ios_str(c, &t[i + 3]), port, n->line);
		return true;
	}
	if (mc_tok_is(&t[i], "bestpath") && ios_is(t, i + 1, nt,
	    "prefix-validate")) {
		if (ios_is(t, i + 2, nt, "allow-invalid"))
			c->rpki_allow_invalid = !neg;
		else if (ios_is(t, i + 2, nt, "disable"))
			c->rpki_bestpath_disable = !neg;
		else if (ios_is(t, i + 2, nt, "disallow-invalid"))
			c->frr_disallow_invalid = !neg;
		return true;
	}
	if (mc_tok_is(&t[i], "listen") && ios_is(t, i + 1, nt, "range") &&
	    i + 2 < nt && !neg) {
		/* dynamic neighbours: a session per address of the range */
		ios_nbr *x = nbr_get(c, b->vrf, &t[i + 2], n->line);

		for (j = i + 3; j + 1 < nt; j++) {
			if (mc_tok_is(&t[j], "peer-group"))
				x->group = ios_str(c, &t[j + 1]);
			else if (mc_tok_is(&t[j], "remote-as") &&
			    ios_asn(&t[j + 1], &v)) {
				x->n->remote_as_kind = MC_RAS_NUMBER;
				x->n->remote_as = v;
				x->set |= NS_RAS;
			}
		}
		return true;
	}
	return true;	/* timers, best-path tuning, logging...: harmless */
}

/* ---- blocks ---------------------------------------------------------------- */

static const char *const bgp_harmless[] = {
	"timers", "distance", "maximum-paths", "synchronization",
	"auto-summary", "default-information", "default-metric", "table-map",
	"graceful-restart", "graceful-restart-helper", "update", "ucmp",
	"vlan", "vlan-aware-bundle", "rd", "route-target", "vni", "import",
	"export", "label", "rt", "sid", "segment-routing", "shutdown",
	"coalesce-time", "dynamic", "additional-paths", "bfd", "host-routes",
	"next-hop", "aggregate-timer", "dampening", "nexthop", "ha-mode", "bmp",
	"vnc", "evpn", "advertise", "flowspec", "monitoring", "description",
	"advertise-all-vni", "advertise-default-gw", "allocate-label",
	"route-reflector", "instance", "graceful-shutdown", "update-delay",
	"write-quanta", "read-quanta", "table", "maximum-paths",
	"distance", "peer-filter", "router-id", "exit", "mpls", "nsr",
	"ibgp", "ebgp", "default", "match", "as-notation", "agentx",
	"traffic-engineering", "packet", "interface", "fast-external-fallover",
	"no", "ip", "ipv6", "neighbor-default", "rfp", "reconnect-interval",
	"local-as", "session", "recovery", "default-route", "comment",
	"neighbor-default", "bgp-ls", "as-path", NULL
};

static void
kids(ios *c, bctx *b, const mc_node *n)
{
	const mc_node *k;

	for (k = n->kid; k != NULL; k = k->next)
		bgp_line(c, b, k);
}

static void
address_family(ios *c, bctx *b, const mc_node *n, mc_tok *t, int nt)
{
	bctx sub = *b;
	int i = 1;

	sub.in_af = true;
	sub.afi = -1;
	if (i < nt && (mc_tok_is(&t[i], "ipv4") || mc_tok_is(&t[i], "ipv6"))) {
		int afi = mc_tok_is(&t[i], "ipv4") ? IA_V4 : IA_V6;

		i++;
		if (i == nt || mc_tok_is(&t[i], "unicast") || mc_tok_is(&t[i], "vrf")) {
			if (i < nt && mc_tok_is(&t[i], "unicast"))
				i++;
			sub.afi = afi;
			if (i + 1 < nt && mc_tok_is(&t[i], "vrf")) {
				sub.vrf = ios_str(c, &t[i + 1]);
				sub.inst = ios_inst_get(c, sub.vrf);
				sub.global = false;
				i += 2;
			}
			if (i < nt)
				sub.afi = -1;	/* something we do not know */
		}
	}
	sub.sec = n;
	if (sub.afi < 0)
		return;		/* VPN, EVPN, multicast, flowspec...: out of scope */
	kids(c, &sub, n);
}

static void
template_block(ios *c, bctx *b, const mc_node *n, mc_tok *t, int nt)
{
	mc_tok kt[IOS_MAXTOK];
	const mc_node *k;
	bool session;
	ios_nbr *x;
	bctx sub = *b;
	int knt, i;

	if (nt < 3 || (!mc_tok_is(&t[1], "peer-session") &&
	    !mc_tok_is(&t[1], "peer-policy"))) {
		ios_unknown_tree(c, n, b->sec);
		return;
	}
	session = mc_tok_is(&t[1], "peer-session");
	x = tpl_get(c, session, &t[2], n->line, true);
	sub.afi = IA_ALL;
	sub.in_af = false;
	for (k = n->kid; k != NULL; k = k->next) {
		knt = ios_toks(k, kt);
		i = 0;
		if (knt > 0 && mc_tok_is(&kt[0], "no"))
			i = 1;
		if (ios_is(kt, i, knt, "inherit") && i + 2 < knt) {
			if (mc_tok_is(&kt[i + 1], "peer-session"))
				x->stpl = ios_str(c, &kt[i + 2]);
			else
				x->ptpl[IA_ALL] = ios_str(c, &kt[i + 2]);
			continue;
		}
		if (!nbr_cmd(c, &sub, x, k, kt, knt, i, i == 1))
			ios_unknown_tree(c, k, n);
	}
}

static void
eos_rpki(ios *c, const mc_node *n, mc_tok *t, int nt)
{
	mc_tok kt[IOS_MAXTOK];
	const mc_node *k;
	uint32_t v;
	int knt, j, port = 323;
	const char *host = NULL;

	if (nt < 3 || !mc_tok_is(&t[1], "cache"))
		return;		/* "rpki origin-validation" and the like */
	for (k = n->kid; k != NULL; k = k->next) {
		knt = ios_toks(k, kt);
		if (knt < 2 || !mc_tok_is(&kt[0], "host"))
			continue;
		host = ios_str(c, &kt[1]);
		for (j = 2; j + 1 < knt; j++)
			if (mc_tok_is(&kt[j], "port") && mc_tok_u32(&kt[j + 1], &v) &&
			    v < 65536)
				port = (int)v;
	}
	rpki_cache(c, host != NULL ? host : ios_str(c, &t[2]), port, n->line);
}

static void
bgp_line(ios *c, bctx *b, const mc_node *n)
{
	mc_tok t[IOS_MAXTOK];
	int nt = ios_toks(n, t), i = 0;
	bool neg = false, ok = true;
	ios_nbr *x;

	if (nt == 0)
		return;
	if (mc_tok_is(&t[0], "no")) {
		neg = true;
		i = 1;
	} else if (mc_tok_is(&t[0], "default"))
		return;
	if (i >= nt)
		return;
	if (mc_tok_is(&t[i], "router") && i == 0 && ios_is(t, 1, nt, "bgp")) {
		/* mis-indented next instance: vtysh leaves the mode */
		ios_router_bgp(c, n, t, nt);
	} else if (mc_tok_is(&t[i], "neighbor") && c->eos &&
	    ios_is(t, i + 1, nt, "interface") && i + 2 < nt) {
		/* EOS unnumbered: "neighbor interface IF peer-group G
		 * [remote-as N|peer-filter F]": sessions on those links */
		x = neg ? NULL : nbr_get(c, b->vrf, &t[i + 2], n->line);
		for (int j = i + 3; x != NULL && j + 1 < nt; j++)
			if (mc_tok_is(&t[j], "peer-group"))
				x->group = ios_str(c, &t[j + 1]);
			else if (mc_tok_is(&t[j], "remote-as"))
				(void)nbr_cmd(c, b, x, n, t, nt, j, false);
	} else if (mc_tok_is(&t[i], "neighbor")) {
		if (i + 2 >= nt || b->afi < 0) {
			ok = b->afi < 0;
		} else if (mc_tok_is(&t[i + 1], "default") && c->eos) {
			ok = true;
		} else {
			/* a peer-group name in a VRF may be a global group */
			x = c->last != NULL && c->last_vrf == b->vrf &&
			    strncmp(c->last->n->address, t[i + 1].s,
			    t[i + 1].len) == 0 &&
			    c->last->n->address[t[i + 1].len] == '\0' ? c->last :
			    nbr_find(c, b->vrf, t[i + 1].s, t[i + 1].len);
			if (x == NULL && b->vrf[0] != '\0' &&
			    (x = nbr_find(c, "", t[i + 1].s, t[i + 1].len)) !=
			    NULL && x->kind != NK_GROUP)
				x = NULL;
			if (x == NULL)
				x = nbr_get(c, b->vrf, &t[i + 1], n->line);
			/* a "no" form that we cannot read removes something */
			ok = nbr_cmd(c, b, x, n, t, nt, i + 2, neg) || neg;
		}
	} else if (mc_tok_is(&t[i], "bgp"))
		ok = bgp_knob(c, b, n, t, nt, i, neg) || neg;
	else if (mc_tok_is(&t[i], "network") ||
	    mc_tok_is(&t[i], "aggregate-address") ||
	    mc_tok_is(&t[i], "redistribute"))
		ok = neg || b->afi < 0 || origin(c, b, n, t, nt, i);
	else if (mc_tok_is(&t[i], "address-family") && !b->in_af && !neg)
		address_family(c, b, n, t, nt);
	else if (mc_tok_is(&t[i], "vrf") && c->eos && b->global && nt == 2) {
		bctx sub = *b;

		sub.vrf = ios_str(c, &t[1]);
		sub.inst = ios_inst_get(c, sub.vrf);
		sub.global = false;
		sub.sec = n;
		kids(c, &sub, n);
	} else if (mc_tok_is(&t[i], "template") && !neg)
		template_block(c, b, n, t, nt);
	else if (mc_tok_is(&t[i], "rpki") && c->eos)
		eos_rpki(c, n, t, nt);
	else if (mc_tok_is(&t[i], "router-id")) {
		if (b->global && nt > 1 && !neg)
			c->d->bgp.router_id = ios_str(c, &t[1]);
	} else if (!in_list(&t[i], bgp_harmless))
		ok = false;
	if (!ok)
		ios_unknown_tree(c, n, b->sec);
}

void
ios_router_bgp(ios *c, const mc_node *n, mc_tok *t, int nt)
{
	bctx b;
	uint32_t asn = 0;
	int i;

	memset(&b, 0, sizeof(b));
	b.vrf = "";
	b.global = true;
	b.afi = c->eos ? IA_ALL : IA_V4;
	b.sec = n;
	if (nt > 2 && !ios_asn(&t[2], &asn)) {
		ios_unknown_tree(c, n, n);
		return;
	}
	for (i = 3; i + 1 < nt; i++)
		if (mc_tok_is(&t[i], "vrf") || mc_tok_is(&t[i], "view")) {
			/* FRR: another instance; a view is a VRF of its own */
			b.vrf = ios_str(c, &t[i + 1]);
			b.global = false;
		}
	b.inst = ios_inst_get(c, b.vrf);
	if (b.global && c->d->bgp.asn == 0) {
		c->d->bgp.asn = asn;
		c->d->bgp.line = n->line;
	}
	c->bgp_seen = true;
	kids(c, &b, n);
}

/* FRR "rpki" block: "rpki cache [tcp|ssh] HOST PORT ... preference N". */
void
ios_rpki_block(ios *c, const mc_node *n)
{
	mc_tok t[IOS_MAXTOK];
	const mc_node *k;
	uint32_t v;
	int nt, i;

	for (k = n->kid; k != NULL; k = k->next) {
		nt = ios_toks(k, t);
		if (nt >= 2 && mc_tok_is(&t[0], "rpki") && mc_tok_is(&t[1], "cache")) {
			i = 2;
			if (ios_is(t, i, nt, "tcp") || ios_is(t, i, nt, "ssh"))
				i++;
			if (i + 1 >= nt || !mc_tok_u32(&t[i + 1], &v) || v > 65535) {
				ios_unknown(c, k, n);
				continue;
			}
			rpki_cache(c, ios_str(c, &t[i]), (int)v, k->line);
		} else if (nt >= 1 && !mc_tok_is(&t[0], "rpki") &&
		    !mc_tok_is(&t[0], "exit"))
			ios_unknown_tree(c, k, n);
	}
	c->d->bgp.rpki_configured = true;
}

/* ---- inheritance and the model ---------------------------------------------- */

static void
inherit_af(ios_af *dst, const ios_af *src)
{
	int d, k;

	if (dst->active < 0)
		dst->active = src->active;
	for (d = 0; d < 2; d++)
		for (k = 0; k < PK_N; k++)
			if (dst->pol[d][k] == NULL && src->pol[d][k] != NULL) {
				dst->pol[d][k] = src->pol[d][k];
				dst->pol_line[d][k] = src->pol_line[d][k];
			}
	if (!dst->maxp_set && src->maxp_set) {
		dst->maxp = src->maxp;
		dst->maxp_set = true;
	}
	if (!dst->acc_set && src->acc_set) {
		dst->acc = src->acc;
		dst->acc_set = true;
	}
	if (dst->rsc < 0)
		dst->rsc = src->rsc;
	if (dst->nhs < 0)
		dst->nhs = src->nhs;
	if (dst->rpa < 0)
		dst->rpa = src->rpa;
	if (dst->line == 0)
		dst->line = src->line;
}

static void
inherit_session(ios_nbr *dst, const ios_nbr *src)
{
	mc_neighbor *d = dst->n;
	const mc_neighbor *s = src->n;
	unsigned m = src->set & ~dst->set;

	if (m & NS_RAS) {
		d->remote_as_kind = s->remote_as_kind;
		d->remote_as = s->remote_as;
	}
	if (m & NS_DESC)
		d->description = s->description;
	if (m & NS_SHUT)
		d->shutdown = s->shutdown;
	if (m & NS_AUTH)
		d->auth = s->auth;
	if (m & NS_TTL)
		d->ttl_security = s->ttl_security;
	if (m & NS_MH)
		d->ebgp_multihop = s->ebgp_multihop;
	if (m & NS_LAS)
		d->local_as = s->local_as;
	if (m & NS_ROLE)
		d->bgp_role = s->bgp_role;
	if (m & NS_EFA)
		d->enforce_first_as = s->enforce_first_as;
	dst->set |= m;
}

static void resolve(ios *, ios_nbr *, int);

static ios_nbr *
find_named(ios *c, bool session, const char *name)
{
	mc_tok t;

	t.s = name;
	t.len = (unsigned)strlen(name);
	return tpl_get(c, session, &t, 0, false);
}

static void
resolve(ios *c, ios_nbr *x, int depth)
{
	ios_nbr *g, *tp;
	int k;

	if (x->state != 0 || depth > 16)
		return;
	x->state = 1;	/* a cycle stops here */
	if (x->group != NULL) {
		const char *vrf = x->n->vrf != NULL ? x->n->vrf : "";

		g = nbr_find(c, vrf, x->group, strlen(x->group));
		if (g == NULL && vrf[0] != '\0')
			g = nbr_find(c, "", x->group, strlen(x->group));
		if (g != NULL && g != x) {
			resolve(c, g, depth + 1);
			inherit_session(x, g);
			for (k = 0; k < IA_N; k++)
				inherit_af(&x->af[k], &g->af[k]);
		}
		x->n->group = x->group;
	}
	if (x->stpl != NULL && (tp = find_named(c, true, x->stpl)) != NULL &&
	    tp != x) {
		resolve(c, tp, depth + 1);
		inherit_session(x, tp);
		if (x->n->group == NULL)
			x->n->group = x->stpl;
	}
	for (k = 0; k < IA_N; k++)
		if (x->ptpl[k] != NULL &&
		    (tp = find_named(c, false, x->ptpl[k])) != NULL && tp != x) {
			resolve(c, tp, depth + 1);
			inherit_af(&x->af[k], &tp->af[IA_ALL]);
			if (x->n->group == NULL)
				x->n->group = x->ptpl[k];
		}
	x->state = 2;
}

static int
inst_flag(ios *c, const char *vrf, int which)
{
	ios_inst *in = ios_inst_get(c, vrf), *def;
	int v = which == 0 ? in->default_v4 : which == 1 ? in->default_v6 :
	    in->v4_over_v6;

	if (v >= 0 || c->frr || vrf[0] == '\0')
		return v;
	/* IOS/EOS: VRFs follow the global setting */
	def = ios_inst_get(c, "");
	return which == 0 ? def->default_v4 : which == 1 ? def->default_v6 :
	    def->v4_over_v6;
}

static bool
default_active(ios *c, ios_nbr *x, int afi)
{
	const char *vrf = x->n->vrf != NULL ? x->n->vrf : "";

	if (!c->frr && !c->eos && x->def_afi >= 0)
		return x->def_afi == afi;
	if (afi == IA_V6)
		return inst_flag(c, vrf, 1) == 1;
	if (inst_flag(c, vrf, 0) == 0)
		return false;
	if (c->eos && x->n->addr.af == MC_AF6)
		return inst_flag(c, vrf, 2) == 1;
	return true;
}

static void
build_af(ios *c, ios_nbr *x, int afi, mc_af_settings *out)
{
	static const mc_ref_kind refk[PK_N] = { MC_REF_PREFIX_LIST, MC_REF_ACL,
	    MC_REF_ASPATH_LIST, MC_REF_POLICY };
	ios_af *a = &x->af[afi];
	int d, k;

	out->active = a->active >= 0 ? a->active == 1 :
	    default_active(c, x, afi);
	for (d = 0; d < 2; d++) {
		mc_direction_policy *dp = d == 0 ? &out->in : &out->out;

		size_t ns = 0;

		dp->chain_default_accept = false;
		for (k = 0; k < PK_N; k++)
			ns += a->pol[d][k] != NULL;
		if (ns == 0)
			continue;
		/* exact sizes: a big router has tens of thousands of these */
		dp->stages.v = mc_alloc(c->a, ns * sizeof(*dp->stages.v));
		dp->stages.cap = ns;
		for (k = 0; k < PK_N; k++) {
			mc_stage *st;
			mc_polref *r;

			if (a->pol[d][k] == NULL)
				continue;
			st = &dp->stages.v[dp->stages.n++];
			r = mc_alloc(c->a, sizeof(*r));
			r->name = a->pol[d][k];
			r->kind = refk[k];
			r->line = a->pol_line[d][k];
			st->chain.v = r;
			st->chain.n = st->chain.cap = 1;
		}
	}
	if (a->maxp_set)
		out->maxpfx = a->maxp;
	if (a->acc_set && (!a->maxp_set || a->maxp.action != MC_MAXP_TEARDOWN))
		out->maxpfx = a->acc;
	out->rs_client = a->rsc == 1;
	out->nh_self = a->nhs == 1;
	out->remove_private_as = a->rpa == 1;
	out->line = a->line;
}

void
ios_bgp_finish(ios *c)
{
	mc_bgp_global *g = &c->d->bgp;
	size_t i;

	for (i = 0; i < c->nlist.n; i++)
		resolve(c, c->nlist.v[i], 0);
	for (i = 0; i < c->nlist.n; i++) {
		ios_nbr *x = c->nlist.v[i];

		/* EOS: router-bgp level settings apply to each family unless
		 * the family sets its own */
		inherit_af(&x->af[IA_V4], &x->af[IA_ALL]);
		inherit_af(&x->af[IA_V6], &x->af[IA_ALL]);
		build_af(c, x, IA_V4, &x->n->af[MC_AFI_V4]);
		build_af(c, x, IA_V6, &x->n->af[MC_AFI_V6]);
		mc_vec_push(c->a, &c->d->neighbors, x->n);
	}
	/* One switch per device: the default instance's (FRR VRF instances
	 * have their own; a difference is noted). */
	g->ebgp_requires_policy = c->erp_default;
	if (c->frr && g->ebgp_requires_policy < 0 && (c->frr_datacenter ||
	    c->quagga || (c->frr_major > 0 && (c->frr_major < 7 ||
	    (c->frr_major == 7 && c->frr_minor < 4)))))
		g->ebgp_requires_policy = 0;
	/* FRR 10.0 turned enforce-first-as on by default (semantics.c). */
	if (c->frr && g->enforce_first_as < 0 && c->frr_major >= 10)
		g->enforce_first_as = 1;
	if (c->erp_vrf >= 0 && c->erp_vrf != g->ebgp_requires_policy)
		mc_vec_push(c->a, &c->d->notes, c->erp_vrf ? "a VRF instance "
		    "requires eBGP policy (RFC 8212) unlike the default "
		    "instance; the default instance's setting is used" :
		    "a VRF instance has \"no bgp ebgp-requires-policy\"; the "
		    "default instance's setting is used for every session");
	if (c->quagga)
		mc_vec_push(c->a, &c->d->notes, "Quagga configuration: eBGP "
		    "sessions without policy exchange every route");
	if (g->rpki_configured) {
		if (c->v == MC_VENDOR_IOS || c->v == MC_VENDOR_IOSXE)
			g->rov_drops_invalid = !c->rpki_allow_invalid &&
			    !c->rpki_bestpath_disable;
		else if (c->frr)
			g->rov_drops_invalid = c->frr_disallow_invalid;
	}
}
