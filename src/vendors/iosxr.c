/*
 * Cisco IOS-XR extractor: indentation tree (conf/indent.c) -> device model.
 *
 * Interfaces, ipv4/ipv6 access-lists, router static, router bgp with
 * neighbor-group / session-group / af-group inheritance, VRFs and RPKI
 * servers; RPL sets and route-policies are compiled in iosxr_rpl.c.
 *
 * Inheritance (IOS XR BGP configuration guide, "BGP configuration
 * grouping"): a neighbour's own setting wins over the session-group or
 * af-group it uses, which wins over its neighbor-group (itself resolved the
 * same way).  'inheritance-disable' turns an inherited setting off.
 */
#include <string.h>

#include "manrs/vendor.h"
#include "vendors/iosxr_int.h"

#define MAXTOK 64
#define GROUP_DEPTH 8

static bool
tis(const mc_tok *t, int i, int nt, const char *w)
{
	return i < nt && mc_tok_is(&t[i], w);
}

void
xr_unparsed(xrp *x, const mc_node *n, const char *section)
{
	mc_dev_unparsed(x->d, n->line, section, n->text, n->len);
}

/* asplain or asdot */
bool
xr_parse_asn(const char *s, unsigned len, uint32_t *out)
{
	mc_tok t;
	const char *dot = memchr(s, '.', len);
	uint32_t hi, lo;

	if (dot == NULL) {
		t.s = s;
		t.len = len;
		return mc_tok_u32(&t, out);
	}
	t.s = s;
	t.len = (unsigned)(dot - s);
	if (!mc_tok_u32(&t, &hi) || hi > 65535)
		return false;
	t.s = dot + 1;
	t.len = len - t.len - 1;
	if (!mc_tok_u32(&t, &lo) || lo > 65535)
		return false;
	*out = hi << 16 | lo;
	return true;
}

/* All descendants in document order. */
static void
flatten(xrp *x, const mc_node *n, xr_nodes *out, int depth)
{
	const mc_node *k;

	if (depth > MC_CONF_MAX_DEPTH)
		return;
	for (k = n->kid; k != NULL; k = k->next) {
		mc_vec_push(x->a, out, k);
		flatten(x, k, out, depth + 1);
	}
}

/* ---- interfaces ------------------------------------------------------------ */

static void
iface_addr(xrp *x, mc_interface *f, const mc_node *n, mc_tok *t, int nt)
{
	mc_iface_addr ia;
	mc_prefix mask;
	int len, i = 2;

	memset(&ia, 0, sizeof(ia));
	ia.line = n->line;
	if (nt < 3)
		goto bad;
	if (memchr(t[2].s, '/', t[2].len) != NULL) {
		mc_prefix p;

		if (!mc_prefix_parse(t[2].s, t[2].len, &p) ||
		    !mc_addr_parse(t[2].s, (size_t)((const char *)memchr(t[2].s,
		    '/', t[2].len) - t[2].s), &ia.addr))
			goto bad;
		ia.addr.len = p.len;	/* host bits kept */
		ia.net = p;
		i = 3;
	} else {
		if (nt < 4 || !mc_addr_parse(t[2].s, t[2].len, &ia.addr) ||
		    !mc_addr_parse(t[3].s, t[3].len, &mask) ||
		    (len = mc_netmask_len(&mask)) < 0)
			goto bad;
		ia.addr.len = (uint8_t)len;
		ia.net = ia.addr;
		mc_prefix_clear_host(&ia.net);
		i = 4;
	}
	if (tis(t, i, nt, "secondary"))
		ia.secondary = true;
	if (tis(t, i, nt, "link-local"))
		return;
	mc_vec_push(x->a, &f->addrs, ia);
	return;
bad:
	xr_unparsed(x, n, mc_printf(x->a, "interface %s", f->name));
}

static void
iface_urpf(mc_tok *t, int nt, mc_urpf *u)
{
	int i;

	*u = MC_URPF_NONE;
	for (i = 0; i < nt; i++) {
		if (mc_tok_is(&t[i], "rx"))
			*u = MC_URPF_STRICT;
		else if (mc_tok_is(&t[i], "any"))
			*u = MC_URPF_LOOSE;
	}
	for (i = 0; i < nt; i++)
		if (mc_tok_is(&t[i], "allow-default") && *u == MC_URPF_LOOSE)
			*u = MC_URPF_LOOSE_DEFAULT;
}

static void
parse_interface(xrp *x, const mc_node *n, mc_tok *t, int nt)
{
	mc_interface *f = mc_alloc(x->a, sizeof(*f));
	const mc_node *k;
	mc_tok kt[MAXTOK];
	const char *sec;

	if (nt < 2) {
		xr_unparsed(x, n, "interface");
		return;
	}
	f->name = mc_tok_str(x->a, &t[1]);
	f->line = n->line;
	sec = mc_printf(x->a, "interface %s", f->name);
	for (k = n->kid; k != NULL; k = k->next) {
		int kn = mc_tokens(k->text, k->len, kt, MAXTOK);
		bool v6;

		if (kn == 0)
			continue;
		if (mc_tok_is(&kt[0], "description")) {
			if (kn > 1)
				f->description = mc_tok_rest(x->a, k, &kt[1]);
			continue;
		}
		if (mc_tok_is(&kt[0], "shutdown")) {
			f->shutdown = true;
			continue;
		}
		if (mc_tok_is(&kt[0], "vrf") && kn == 2) {
			f->vrf = mc_tok_str(x->a, &kt[1]);
			continue;
		}
		if (!mc_tok_is(&kt[0], "ipv4") && !mc_tok_is(&kt[0], "ipv6"))
			continue;	/* mtu, bundle, encapsulation, ...: no effect here */
		if (tis(kt, 1, kn, "address") && tis(kt, 2, kn, "dhcp"))
			continue;	/* no static address to analyse */
		v6 = mc_tok_is(&kt[0], "ipv6");
		if (tis(kt, 1, kn, "address")) {
			iface_addr(x, f, k, kt, kn);
		} else if (tis(kt, 1, kn, "verify") && tis(kt, 2, kn, "unicast")) {
			if (v6) {
				iface_urpf(kt, kn, &f->urpf6);
				f->urpf6_line = k->line;
			} else {
				iface_urpf(kt, kn, &f->urpf4);
				f->urpf4_line = k->line;
			}
		} else if (tis(kt, 1, kn, "access-group") && kn >= 4) {
			const char *name = mc_tok_str(x->a, &kt[2]);
			bool in = tis(kt, 3, kn, "ingress");

			if (!in && !tis(kt, 3, kn, "egress")) {
				xr_unparsed(x, k, sec);
				continue;
			}
			if (v6 && in)
				f->acl_in6 = name, f->acl_in6_line = k->line;
			else if (v6)
				f->acl_out6 = name, f->acl_out6_line = k->line;
			else if (in)
				f->acl_in4 = name, f->acl_in4_line = k->line;
			else
				f->acl_out4 = name, f->acl_out4_line = k->line;
		} else if (tis(kt, 1, kn, "mtu") || tis(kt, 1, kn, "enable") ||
		    tis(kt, 1, kn, "nd") || tis(kt, 1, kn, "unnumbered") ||
		    tis(kt, 1, kn, "redirects") || tis(kt, 1, kn, "unreachables") ||
		    tis(kt, 1, kn, "directed-broadcast") ||
		    tis(kt, 1, kn, "helper-address") ||
		    tis(kt, 1, kn, "point-to-point") || tis(kt, 1, kn, "mask-reply") ||
		    tis(kt, 1, kn, "flowspec") || tis(kt, 1, kn, "flow") ||
		    tis(kt, 1, kn, "tcp-mss-adjust") || tis(kt, 1, kn, "bfd") ||
		    tis(kt, 1, kn, "ttl-propagate") || tis(kt, 1, kn, "icmp")) {
			continue;
		} else
			xr_unparsed(x, k, sec);
	}
	mc_vec_push(x->a, &x->d->ifaces, f);
}

/* ---- access lists ---------------------------------------------------------- */

static void
any_of(mc_prefix *p, int af)
{
	memset(p, 0, sizeof(*p));
	p->af = (uint8_t)af;
}

/* any | host A | A/len | A WILDCARD | net-group X */
static bool
acl_addr(const mc_tok *t, int nt, int *i, int af, mc_prefix *out,
    bool *noncontig)
{
	mc_prefix w;
	int len;

	if (*i >= nt)
		return false;
	if (mc_tok_is(&t[*i], "any")) {
		any_of(out, af);
		(*i)++;
		return true;
	}
	if (mc_tok_is(&t[*i], "host") && *i + 1 < nt) {
		if (!mc_addr_parse(t[*i + 1].s, t[*i + 1].len, out))
			return false;
		*i += 2;
		return out->af == af;
	}
	if (mc_tok_is(&t[*i], "net-group") || mc_tok_is(&t[*i], "port-group")) {
		any_of(out, af);
		*noncontig = true;	/* object groups: not modelled */
		*i += 2;
		return true;
	}
	if (memchr(t[*i].s, '/', t[*i].len) != NULL) {
		if (!mc_prefix_parse(t[*i].s, t[*i].len, out))
			return false;
		(*i)++;
		return out->af == af;
	}
	if (!mc_addr_parse(t[*i].s, t[*i].len, out) || out->af != af)
		return false;
	(*i)++;
	if (af == MC_AF4 && *i < nt && mc_addr_parse(t[*i].s, t[*i].len, &w) &&
	    w.af == MC_AF4) {
		(*i)++;
		len = mc_wildcard_len(&w);
		if (len < 0) {
			*noncontig = true;
			len = 0;
			/* keep the bits the wildcard fixes from the top */
			while (len < 32 && !mc_prefix_bit(&w, len))
				len++;
		}
		out->len = (uint8_t)len;
		mc_prefix_clear_host(out);
	}
	return true;
}

static bool
port_spec(const mc_tok *t, int nt, int *i)
{
	if (*i >= nt)
		return false;
	if (mc_tok_is(&t[*i], "eq") || mc_tok_is(&t[*i], "neq") ||
	    mc_tok_is(&t[*i], "gt") || mc_tok_is(&t[*i], "lt")) {
		*i += 2;
		return true;
	}
	if (mc_tok_is(&t[*i], "range")) {
		*i += 3;
		return true;
	}
	return false;
}

static void
parse_acl(xrp *x, const mc_node *n, mc_tok *t, int nt)
{
	mc_acl *acl;
	const mc_node *k;
	mc_tok kt[MAXTOK];
	const char *sec;
	int af = mc_tok_is(&t[0], "ipv6") ? MC_AF6 : MC_AF4;

	if (nt < 3) {
		xr_unparsed(x, n, "access-list");
		return;
	}
	acl = mc_alloc(x->a, sizeof(*acl));
	acl->name = mc_tok_str(x->a, &t[2]);
	acl->af = af;
	acl->line = n->line;
	sec = mc_printf(x->a, "%s access-list %s", af == MC_AF6 ? "ipv6" :
	    "ipv4", acl->name);
	for (k = n->kid; k != NULL; k = k->next) {
		int kn = mc_tokens(k->text, k->len, kt, MAXTOK), i = 0;
		mc_acl_entry e;
		uint32_t seq;

		memset(&e, 0, sizeof(e));
		e.line = k->line;
		if (kn > 0 && mc_tok_u32(&kt[0], &seq))
			i++;
		if (tis(kt, i, kn, "remark")) {
			e.remark = true;
			mc_vec_push(x->a, &acl->entries, e);
			continue;
		}
		if (tis(kt, i, kn, "permit"))
			e.permit = true;
		else if (!tis(kt, i, kn, "deny")) {
			if (!tis(kt, i, kn, "statistics"))
				xr_unparsed(x, k, sec);
			continue;
		}
		i++;
		if (i >= kn)
			goto bad;
		if (!mc_tok_is(&kt[i], "ipv4") && !mc_tok_is(&kt[i], "ip") &&
		    !mc_tok_is(&kt[i], "ipv6"))
			e.proto = mc_tok_str(x->a, &kt[i]);
		i++;
		if (!acl_addr(kt, kn, &i, af, &e.src, &e.src_noncontig))
			goto bad;
		if (port_spec(kt, kn, &i))
			e.has_ports = true;
		if (!acl_addr(kt, kn, &i, af, &e.dst, &e.src_noncontig))
			goto bad;
		for (; i < kn; i++)
			if (!mc_tok_is(&kt[i], "log") &&
			    !mc_tok_is(&kt[i], "log-input") &&
			    !mc_tok_is(&kt[i], "counter"))
				e.has_ports = true;	/* ports, flags, ttl, ... */
		mc_vec_push(x->a, &acl->entries, e);
		continue;
bad:
		xr_unparsed(x, k, sec);
	}
	mc_vec_push(x->a, &x->d->acls, acl);
}

/* ---- router static --------------------------------------------------------- */

static void
static_af(xrp *x, const mc_node *af, const char *vrf)
{
	const mc_node *k;
	mc_tok kt[MAXTOK];

	for (k = af->kid; k != NULL; k = k->next) {
		int kn = mc_tokens(k->text, k->len, kt, MAXTOK), i;
		mc_static s;

		memset(&s, 0, sizeof(s));
		if (kn < 2 || !mc_prefix_parse(kt[0].s, kt[0].len, &s.prefix) ||
		    memchr(kt[0].s, '/', kt[0].len) == NULL)
			continue;	/* bfd, maximum path, ... */
		s.line = k->line;
		s.vrf = vrf;
		s.nexthop = mc_tok_rest(x->a, k, &kt[1]);
		for (i = 1; i < kn; i++)
			if (mc_tok_is(&kt[i], "Null0") ||
			    mc_tok_is(&kt[i], "null0"))
				s.null_route = true;
		mc_vec_push(x->a, &x->d->statics, s);
	}
}

static void
parse_static(xrp *x, const mc_node *n)
{
	const mc_node *k, *v;

	for (k = n->kid; k != NULL; k = k->next) {
		if (mc_node_starts(k, "address-family"))
			static_af(x, k, NULL);
		else if (mc_node_starts(k, "vrf")) {
			mc_tok kt[4];
			const char *vrf = NULL;

			if (mc_tokens(k->text, k->len, kt, 4) >= 2)
				vrf = mc_tok_str(x->a, &kt[1]);
			for (v = k->kid; v != NULL; v = v->next)
				if (mc_node_starts(v, "address-family"))
					static_af(x, v, vrf);
		}
	}
}

/* ---- BGP ------------------------------------------------------------------ */

typedef struct xr_nbr {
	xr_layer L;
	const char *addr;
	const char *vrf;
} xr_nbr;

typedef struct bgpctx {
	MC_VEC(xr_nbr *) nbrs;
	bool use_validity, allow_invalid;
} bgpctx;

static void
layer_init(xr_layer *l)
{
	int afi;

	memset(l, 0, sizeof(*l));
	l->auth = l->ttlsec = l->multihop = l->shutdown = l->efa = -1;
	for (afi = 0; afi < MC_AFI_COUNT; afi++)
		l->af[afi].rpa = l->af[afi].rrc = l->af[afi].nhs =
		    l->af[afi].rsc = -1;
}

static int
afi_of(const mc_tok *t, int i, int nt)
{
	if (!tis(t, i + 1, nt, "unicast"))
		return -1;
	if (tis(t, i, nt, "ipv4"))
		return MC_AFI_V4;
	if (tis(t, i, nt, "ipv6"))
		return MC_AFI_V6;
	return -1;
}

static const char *af_ignored[] = {
	"send-community-ebgp", "send-extended-community-ebgp",
	"soft-reconfiguration", "allowas-in", "as-override",
	"default-originate", "next-hop-unchanged", "orf", "capability",
	"weight", "aigp", "additional-paths", "signalling",
	"encapsulation-type", "import", "send-multicast-attributes",
	"multipath", "bestpath", "long-lived-graceful-restart",
	"accept-own", "site-of-origin", "advertise", "slow-peer",
	"update", "validation", "origin-as", "bgp",
	"send-community-gshut-ebgp", "accept-route-legacy-rt",
	"route-reflector-client", "route-server-client", "next-hop-self",
	NULL,
};

static bool
in_list(const mc_tok *t, const char **list)
{
	int i;

	for (i = 0; list[i] != NULL; i++)
		if (mc_tok_is(t, list[i]))
			return true;
	return false;
}

static void
parse_af(xrp *x, xr_af *af, const mc_node *n, const char *sec)
{
	const mc_node *k;
	mc_tok t[MAXTOK];

	af->present = true;
	af->line = n->line;
	for (k = n->kid; k != NULL; k = k->next) {
		int nt = mc_tokens(k->text, k->len, t, MAXTOK), i;
		uint32_t v;

		if (nt == 0)
			continue;
		if (mc_tok_is(&t[0], "route-policy") && nt >= 3 &&
		    (mc_tok_is(&t[nt - 1], "in") || mc_tok_is(&t[nt - 1], "out"))) {
			const char *s = t[1].s, *e = t[nt - 1].s;
			const char *ref;

			while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
				e--;
			ref = mc_strndup(x->a, s, (size_t)(e - s));
			if (mc_tok_is(&t[nt - 1], "in"))
				af->pol_in = ref, af->pol_in_line = k->line;
			else
				af->pol_out = ref, af->pol_out_line = k->line;
		} else if (mc_tok_is(&t[0], "maximum-prefix") && nt >= 2 &&
		    mc_tok_u32(&t[1], &v)) {
			af->maxpfx.limit = v;
			af->maxpfx.action = MC_MAXP_TEARDOWN;
			af->maxpfx.line = k->line;
			for (i = 2; i < nt; i++)
				if (mc_tok_is(&t[i], "warning-only"))
					af->maxpfx.action = MC_MAXP_WARN;
				else if (mc_tok_is(&t[i], "discard-extra-paths"))
					af->maxpfx.action = MC_MAXP_DROP;
		} else if (mc_tok_is(&t[0], "remove-private-AS")) {
			af->rpa = !tis(t, 1, nt, "inbound") &&
			    !tis(t, 1, nt, "inheritance-disable");
		} else if (mc_tok_is(&t[0], "route-reflector-client")) {
			af->rrc = !tis(t, 1, nt, "inheritance-disable");
		} else if (mc_tok_is(&t[0], "route-server-client")) {
			af->rsc = !tis(t, 1, nt, "inheritance-disable");
		} else if (mc_tok_is(&t[0], "next-hop-self")) {
			af->nhs = !tis(t, 1, nt, "inheritance-disable");
		} else if (mc_tok_is(&t[0], "use") && tis(t, 1, nt, "af-group") &&
		    nt >= 3) {
			af->af_group = mc_tok_str(x->a, &t[2]);
		} else if (!in_list(&t[0], af_ignored))
			xr_unparsed(x, k, sec);
	}
}

static const char *nbr_ignored[] = {
	"update-source", "timers", "bfd", "session-open-mode", "capability",
	"graceful-restart", "advertisement-interval", "local",
	"dmz-link-bandwidth", "tcp", "log", "dscp", "precedence",
	"receive-buffer-size", "send-buffer-size", "ignore-connected-check",
	"egress-engineering", "cluster-id", "idle-watch-time", "update",
	"remote-as-list", "bmp-activate", "neighbor-class", "enforce-first-as",
	"send-socket-buffer-size", "receive-socket-buffer-size",
	"as-override", "allowas-in", "description", "maximum-peers",
	"ebgp-recv-extcommunity-dmz", "ebgp-send-extcommunity-dmz",
	"suppress-all-capabilities", "suppress-4byteas", "epe",
	"password-disable", "keychain-disable", "internal-vpn-client",
	"graceful-maintenance", "origin-as", "peer-set", "bfd-fast-detect",
	NULL,
};

/* neighbour, neighbor-group or session-group body */
static void
parse_layer(xrp *x, xr_layer *l, const mc_node *n, const char *sec,
    bool session_only)
{
	const mc_node *k;
	mc_tok t[MAXTOK];

	for (k = n->kid; k != NULL; k = k->next) {
		int nt = mc_tokens(k->text, k->len, t, MAXTOK), afi;
		bool off;
		uint32_t v;

		if (nt == 0)
			continue;
		off = mc_tok_is(&t[nt - 1], "inheritance-disable") ||
		    mc_tok_is(&t[nt - 1], "disable");
		if (mc_tok_is(&t[0], "remote-as") && nt >= 2) {
			if (!xr_parse_asn(t[1].s, t[1].len, &v)) {
				xr_unparsed(x, k, sec);
				continue;
			}
			l->ras_set = 1;
			l->remote_as = v;
		} else if (mc_tok_is(&t[0], "description") && nt >= 2) {
			l->desc = mc_tok_rest(x->a, k, &t[1]);
		} else if (mc_tok_is(&t[0], "password") ||
		    mc_tok_is(&t[0], "keychain") || mc_tok_is(&t[0], "ao")) {
			l->auth = !off;
		} else if (mc_tok_is(&t[0], "ttl-security")) {
			l->ttlsec = !off;
		} else if (mc_tok_is(&t[0], "ebgp-multihop")) {
			l->multihop = nt >= 2 && mc_tok_u32(&t[1], &v) && v < 256 ?
			    (int)v : 255;
		} else if (mc_tok_is(&t[0], "shutdown")) {
			l->shutdown = !off;
		} else if (mc_tok_is(&t[0], "local-as") && nt >= 2 &&
		    xr_parse_asn(t[1].s, t[1].len, &v)) {
			l->local_as = v;
		} else if (mc_tok_is(&t[0], "enforce-first-as")) {
			l->efa = !off;
		} else if (mc_tok_is(&t[0], "use") && nt >= 3 &&
		    (mc_tok_is(&t[1], "neighbor-group") ||
		    mc_tok_is(&t[1], "session-group"))) {
			if (mc_tok_is(&t[1], "neighbor-group"))
				l->use_ngroup = mc_tok_str(x->a, &t[2]);
			else
				l->use_sgroup = mc_tok_str(x->a, &t[2]);
		} else if (mc_tok_is(&t[0], "address-family") && !session_only) {
			if ((afi = afi_of(t, 1, nt)) >= 0)
				parse_af(x, &l->af[afi], k, mc_printf(x->a,
				    "%s address-family", sec));
			/* vpnv4, l2vpn, multicast, ...: not modelled */
		} else if (!in_list(&t[0], nbr_ignored))
			xr_unparsed(x, k, sec);
	}
}

static xr_layer *
find_layer(const xr_layers *ls, const char *name)
{
	size_t i;

	if (name == NULL)
		return NULL;
	for (i = ls->n; i-- > 0;)
		if (strcmp(ls->v[i]->name, name) == 0)
			return ls->v[i];
	return NULL;
}

static void
merge_af(xr_af *d, const xr_af *s)
{
	if (!s->present)
		return;
	d->present = true;
	if (s->pol_in)
		d->pol_in = s->pol_in, d->pol_in_line = s->pol_in_line;
	if (s->pol_out)
		d->pol_out = s->pol_out, d->pol_out_line = s->pol_out_line;
	if (s->maxpfx.line)
		d->maxpfx = s->maxpfx;
	if (s->rpa >= 0)
		d->rpa = s->rpa;
	if (s->rrc >= 0)
		d->rrc = s->rrc;
	if (s->nhs >= 0)
		d->nhs = s->nhs;
	if (s->rsc >= 0)
		d->rsc = s->rsc;
	if (d->line == 0)
		d->line = s->line;
}

static void
merge(xr_layer *d, const xr_layer *s)
{
	if (s->ras_set)
		d->ras_set = 1, d->remote_as = s->remote_as;
	if (s->desc)
		d->desc = s->desc;
	if (s->auth >= 0)
		d->auth = s->auth;
	if (s->ttlsec >= 0)
		d->ttlsec = s->ttlsec;
	if (s->multihop >= 0)
		d->multihop = s->multihop;
	if (s->shutdown >= 0)
		d->shutdown = s->shutdown;
	if (s->efa >= 0)
		d->efa = s->efa;
	if (s->local_as)
		d->local_as = s->local_as;
}

static void apply_layer(xrp *, xr_layer *, const xr_layer *, int);

static void
apply_sgroup(xrp *x, xr_layer *acc, const char *name, int depth)
{
	const xr_layer *s = find_layer(&x->sgroups, name);

	if (s == NULL || depth > GROUP_DEPTH)
		return;
	if (s->use_sgroup)
		apply_sgroup(x, acc, s->use_sgroup, depth + 1);
	merge(acc, s);
}

/* AF part of a layer, with the af-group it uses under it. */
static void
apply_afs(xrp *x, xr_layer *acc, const xr_layer *l)
{
	int afi;

	for (afi = 0; afi < MC_AFI_COUNT; afi++) {
		const xr_af *a = &l->af[afi];

		if (!a->present)
			continue;
		if (a->af_group) {
			const xr_layer *g = find_layer(&x->afgroups, a->af_group);

			if (g != NULL)
				merge_af(&acc->af[afi], &g->af[afi]);
		}
		merge_af(&acc->af[afi], a);
	}
}

static void
apply_layer(xrp *x, xr_layer *acc, const xr_layer *l, int depth)
{
	if (depth > GROUP_DEPTH)
		return;
	if (l->use_ngroup) {
		const xr_layer *g = find_layer(&x->ngroups, l->use_ngroup);

		if (g != NULL)
			apply_layer(x, acc, g, depth + 1);
	}
	if (l->use_sgroup)
		apply_sgroup(x, acc, l->use_sgroup, depth + 1);
	apply_afs(x, acc, l);
	merge(acc, l);
}

static void
attach(xrp *x, mc_direction_policy *dp, const char *ref, int line)
{
	mc_stage st = {0};
	mc_polref r;

	r.name = xr_policy_ref(x, ref, line);
	r.kind = MC_REF_POLICY;
	r.line = line;
	mc_vec_push(x->a, &st.chain, r);
	mc_vec_push(x->a, &dp->stages, st);
}

static void
emit_neighbor(xrp *x, const xr_nbr *b, const mc_node *node)
{
	mc_neighbor *n = mc_alloc(x->a, sizeof(*n));
	xr_layer acc;
	int afi;

	layer_init(&acc);
	apply_layer(x, &acc, &b->L, 0);
	mc_neighbor_init(n);
	n->address = b->addr;
	if (!mc_addr_parse(b->addr, strlen(b->addr), &n->addr))
		memset(&n->addr, 0, sizeof(n->addr));
	n->vrf = b->vrf;
	n->group = b->L.use_ngroup;
	n->line = node->line;
	if (acc.ras_set) {
		n->remote_as_kind = MC_RAS_NUMBER;
		n->remote_as = acc.remote_as;
	}
	n->description = acc.desc;
	n->shutdown = acc.shutdown == 1;
	n->auth = acc.auth == 1;
	n->ttl_security = acc.ttlsec == 1 ? 1 : 0;
	n->ebgp_multihop = acc.multihop > 0 ? acc.multihop : 0;
	if (n->ttl_security && n->ebgp_multihop > 0)
		n->ttl_security = n->ebgp_multihop;
	n->local_as = acc.local_as;
	n->enforce_first_as = acc.efa;
	for (afi = 0; afi < MC_AFI_COUNT; afi++) {
		const xr_af *a = &acc.af[afi];
		mc_af_settings *s = &n->af[afi];

		s->active = a->present;
		s->line = a->line;
		if (a->pol_in)
			attach(x, &s->in, a->pol_in, a->pol_in_line);
		if (a->pol_out)
			attach(x, &s->out, a->pol_out, a->pol_out_line);
		s->maxpfx = a->maxpfx;
		s->remove_private_as = a->rpa == 1;
		s->nh_self = a->nhs == 1;
		s->rs_client = a->rsc == 1;
	}
	mc_vec_push(x->a, &x->d->neighbors, n);
}

static void
origin_line(xrp *x, const mc_node *k, mc_tok *t, int nt, const char *vrf)
{
	mc_origin o;
	int i;

	memset(&o, 0, sizeof(o));
	o.line = k->line;
	o.vrf = vrf;
	if (mc_tok_is(&t[0], "network") || mc_tok_is(&t[0], "aggregate-address")) {
		if (nt < 2 || !mc_prefix_parse(t[1].s, t[1].len, &o.prefix))
			return;
		o.kind = mc_tok_is(&t[0], "network") ? MC_ORIG_NETWORK :
		    MC_ORIG_AGGREGATE;
	} else {
		if (nt < 2)
			return;
		o.kind = MC_ORIG_REDISTRIBUTE;
		o.detail = mc_tok_str(x->a, &t[1]);
	}
	for (i = 2; i + 1 < nt; i++)
		if (mc_tok_is(&t[i], "route-policy"))
			o.policy = mc_tok_str(x->a, &t[i + 1]);
	mc_vec_push(x->a, &x->d->origins, o);
}

static void
bgp_af(xrp *x, bgpctx *b, const mc_node *n, const char *vrf)
{
	const mc_node *k;
	mc_tok t[MAXTOK];

	for (k = n->kid; k != NULL; k = k->next) {
		int nt = mc_tokens(k->text, k->len, t, MAXTOK);

		if (nt == 0)
			continue;
		if (mc_tok_is(&t[0], "network") ||
		    mc_tok_is(&t[0], "aggregate-address") ||
		    mc_tok_is(&t[0], "redistribute"))
			origin_line(x, k, t, nt, vrf);
		else if (mc_tok_is(&t[0], "bgp") && tis(t, 1, nt, "bestpath") &&
		    tis(t, 2, nt, "origin-as")) {
			if (tis(t, 3, nt, "use"))
				b->use_validity = true;
			else if (tis(t, 3, nt, "allow"))
				b->allow_invalid = true;
		}
		/* maximum-paths, allocate-label, table-policy, ...: not modelled */
	}
}

static void
rpki_server(xrp *x, const mc_node *n, mc_tok *t, int nt)
{
	mc_rpki_cache c;
	const mc_node *k;
	mc_tok kt[8];

	if (nt < 3)
		return;
	memset(&c, 0, sizeof(c));
	c.host = mc_tok_str(x->a, &t[2]);
	c.line = n->line;
	c.port = 323;
	for (k = n->kid; k != NULL; k = k->next) {
		int kn = mc_tokens(k->text, k->len, kt, 8);
		uint32_t v;

		if (kn >= 4 && mc_tok_is(&kt[0], "transport") &&
		    mc_tok_is(&kt[2], "port") && mc_tok_u32(&kt[3], &v) &&
		    v < 65536)
			c.port = (int)v;
	}
	x->d->bgp.rpki_configured = true;
	mc_vec_push(x->a, &x->d->rpki_caches, c);
}

static const char *bgp_ignored[] = {
	"nsr", "timers", "bfd", "ibgp", "default-information", "mpls",
	"socket", "distance", "attribute-filter", "segment-routing",
	"default-metric", "nexthop", "update", "mvpn", "bmp", "graceful-maintenance",
	"address-family", "rd", "label", "neighbor-group", "as-league",
	"slow-peer", "adjacencies", "bgp", "maximum", "advertise",
	"description", "vrf", NULL,
};

static void
bgp_body(xrp *x, bgpctx *b, const mc_node *n, const char *vrf, int depth)
{
	const mc_node *k;
	mc_tok t[MAXTOK];
	const char *sec = vrf ? mc_printf(x->a, "router bgp vrf %s", vrf) :
	    "router bgp";

	for (k = n->kid; k != NULL; k = k->next) {
		int nt = mc_tokens(k->text, k->len, t, MAXTOK);

		if (nt == 0)
			continue;
		if (mc_tok_is(&t[0], "neighbor") && nt >= 2) {
			xr_nbr *nb = mc_alloc(x->a, sizeof(*nb));

			layer_init(&nb->L);
			nb->addr = mc_tok_str(x->a, &t[1]);
			nb->vrf = vrf;
			nb->L.name = nb->addr;
			nb->L.line = k->line;
			parse_layer(x, &nb->L, k, mc_printf(x->a, "neighbor %s",
			    nb->addr), false);
			emit_neighbor(x, nb, k);
		} else if (mc_tok_is(&t[0], "neighbor-group") ||
		    mc_tok_is(&t[0], "session-group") ||
		    mc_tok_is(&t[0], "af-group")) {
			continue;	/* read by bgp_groups_first() */
		} else if (mc_tok_is(&t[0], "address-family")) {
			bgp_af(x, b, k, vrf);
		} else if (mc_tok_is(&t[0], "vrf") && nt >= 2 && depth == 0) {
			bgp_body(x, b, k, mc_tok_str(x->a, &t[1]), depth + 1);
		} else if (mc_tok_is(&t[0], "bgp") && tis(t, 1, nt, "router-id") &&
		    nt >= 3) {
			if (vrf == NULL)
				x->d->bgp.router_id = mc_tok_str(x->a, &t[2]);
		} else if (mc_tok_is(&t[0], "bgp") && tis(t, 1, nt, "bestpath") &&
		    tis(t, 2, nt, "origin-as")) {
			if (tis(t, 3, nt, "use"))
				b->use_validity = true;
			else if (tis(t, 3, nt, "allow"))
				b->allow_invalid = true;
		} else if (mc_tok_is(&t[0], "bgp") &&
		    tis(t, 1, nt, "unsafe-ebgp-policy")) {
			x->d->bgp.ebgp_requires_policy = 0;
		} else if (mc_tok_is(&t[0], "bgp") &&
		    tis(t, 1, nt, "enforce-first-as") && tis(t, 2, nt, "disable")) {
			x->d->bgp.enforce_first_as = 0;
		} else if (mc_tok_is(&t[0], "rpki") && tis(t, 1, nt, "server")) {
			rpki_server(x, k, t, nt);
		} else if (mc_tok_is(&t[0], "rpki")) {
			continue;
		} else if (!in_list(&t[0], bgp_ignored))
			xr_unparsed(x, k, sec);
	}
}

/* Groups must be known before the neighbours that use them: XR prints
 * them first, but a hand-written file may not. */
static void
bgp_groups_first(xrp *x, const mc_node *n)
{
	const mc_node *k;
	mc_tok t[MAXTOK];

	for (k = n->kid; k != NULL; k = k->next) {
		int nt = mc_tokens(k->text, k->len, t, MAXTOK), afi;

		if (nt >= 2 && (mc_tok_is(&t[0], "neighbor-group") ||
		    mc_tok_is(&t[0], "session-group"))) {
			xr_layer *l = mc_alloc(x->a, sizeof(*l));
			bool sg = mc_tok_is(&t[0], "session-group");

			layer_init(l);
			l->name = mc_tok_str(x->a, &t[1]);
			l->line = k->line;
			parse_layer(x, l, k, mc_printf(x->a, "%.*s %s",
			    (int)t[0].len, t[0].s, l->name), sg);
			mc_vec_push(x->a, sg ? &x->sgroups : &x->ngroups, l);
		} else if (nt >= 5 && mc_tok_is(&t[0], "af-group")) {
			xr_layer *l = mc_alloc(x->a, sizeof(*l));

			layer_init(l);
			l->name = mc_tok_str(x->a, &t[1]);
			l->line = k->line;
			if ((afi = afi_of(t, 3, nt)) >= 0)
				parse_af(x, &l->af[afi], k, mc_printf(x->a,
				    "af-group %s", l->name));
			mc_vec_push(x->a, &x->afgroups, l);
		}
	}
}

/* Every 'router bgp' section (a file may repeat it): groups of all of
 * them first, then neighbours; another ASN than the first is a local-as. */
static void
parse_bgp(xrp *x, const mc_node *const *sec, size_t nsec)
{
	bgpctx b;
	uint32_t asn[16];
	mc_tok t[8];
	size_t i, j;

	memset(&b, 0, sizeof(b));
	for (i = 0; i < nsec; i++) {
		int nt = mc_tokens(sec[i]->text, sec[i]->len, t, 8);

		asn[i] = 0;
		if (nt < 3 || !xr_parse_asn(t[2].s, t[2].len, &asn[i])) {
			xr_unparsed(x, sec[i], "router bgp");
			continue;
		}
		if (x->d->bgp.asn == 0) {
			x->d->bgp.asn = asn[i];
			x->d->bgp.line = sec[i]->line;
		}
		bgp_groups_first(x, sec[i]);
	}
	for (i = 0; i < nsec; i++) {
		size_t first = x->d->neighbors.n;

		if (asn[i] == 0)
			continue;
		bgp_body(x, &b, sec[i], NULL, 0);
		for (j = first; j < x->d->neighbors.n; j++)
			if (asn[i] != x->d->bgp.asn &&
			    x->d->neighbors.v[j]->local_as == 0)
				x->d->neighbors.v[j]->local_as = asn[i];
	}
	if (b.use_validity && !b.allow_invalid && x->d->bgp.rpki_configured)
		x->d->bgp.rov_drops_invalid = true;
}

/* ---- top level ------------------------------------------------------------- */

/* Hand-written files sometimes leave a neighbour's address-family body
 * unindented; XR's CLI would still put those commands in the AF mode. */
static const char *af_cmds[] = {
	"route-policy", "maximum-prefix", "remove-private-AS", "next-hop-self",
	"route-reflector-client", "route-server-client", "send-community-ebgp",
	"send-extended-community-ebgp", "soft-reconfiguration", "allowas-in",
	"as-override", "default-originate", "next-hop-unchanged", "use", NULL,
};

static int
flat_section(const mc_node *n)
{
	return mc_node_starts(n, "address-family") && n->parent != NULL &&
	    (mc_node_starts(n->parent, "neighbor") ||
	    mc_node_starts(n->parent, "neighbor-group"));
}

static int
flat_child(const mc_node *sec, const mc_node *line)
{
	mc_tok t[2];

	(void)sec;
	if (mc_tokens(line->text, line->len, t, 2) < 1)
		return 0;
	if (mc_tok_is(&t[0], "use"))
		return mc_node_starts(line, "use af-group");
	return in_list(&t[0], af_cmds);
}

/* The body of a set or route-policy: its children, or (flat text) the
 * following siblings up to the end marker.  Returns the last node used. */
static const mc_node *
body(xrp *x, const mc_node *head, const char *end,
    xr_nodes *out)
{
	const mc_node *k = head;

	flatten(x, head, out, 0);
	if (head->kid != NULL) {
		if (head->next != NULL && mc_node_starts(head->next, end))
			return head->next;
		return head;
	}
	for (k = head->next; k != NULL; k = k->next) {
		if (mc_node_starts(k, end))
			return k;
		mc_vec_push(x->a, out, k);
		flatten(x, k, out, 0);
	}
	return NULL;	/* no end marker: everything was read */
}

/* Lines of a section (the node and everything below it). */
static int
count_lines(const mc_node *n, int depth)
{
	const mc_node *k;
	int c = 1;

	if (depth > MC_CONF_MAX_DEPTH)
		return c;
	for (k = n->kid; k != NULL; k = k->next)
		c += count_lines(k, depth + 1);
	return c;
}

static const char *top_ignored[] = {
	"end-set", "end-policy", "end", "commit", "Building", "!!",
	NULL,
};

static int
last_line(const mc_node *n)
{
	int depth = 0;

	while (n->last_kid != NULL && depth++ < MC_CONF_MAX_DEPTH * 4)
		n = n->last_kid;
	return n->line;
}

mc_device *
mc_iosxr_parse(mc_arena *a, const char *file, const char *buf, size_t len,
    mc_diag *diag)
{
	mc_indent_opts o;
	mc_comment_vec comments = {0};
	mc_node *root;
	const mc_node *n, *bgp[16];
	size_t nbgp = 0;
	mc_tok t[MAXTOK];
	mc_device *d;
	mc_arena *tree;
	xrp *x;
	size_t i;

	memset(&o, 0, sizeof(o));
	o.comments = &comments;
	o.flat_section = flat_section;
	o.flat_child = flat_child;
	/* The tree is freed once the model is built (as for IOS). */
	tree = mc_arena_new();
	root = mc_indent_parse_opts(tree, file, buf, len, &o, diag);
	if (root == NULL) {
		mc_arena_free(tree);
		return NULL;
	}
	x = mc_alloc(a, sizeof(*x));
	x->a = a;
	x->d = mc_device_new(a, file ? file : "", MC_VENDOR_IOSXR);
	x->d->lines = root->line;
	for (n = root->kid; n != NULL; n = n->next) {
		int nt = mc_tokens(n->text, n->len, t, MAXTOK);
		xr_nodes lines = {0};
		const mc_node *last;

		if (nt == 0)
			continue;
		if (mc_tok_is(&t[0], "interface") || mc_tok_is(&t[0], "router") ||
		    tis(t, 1, nt, "access-list"))
			x->d->section_lines += count_lines(n, 0);
		if (mc_tok_is(&t[0], "hostname") && nt >= 2) {
			x->d->hostname = mc_tok_str(a, &t[1]);
		} else if (mc_tok_is(&t[0], "interface")) {
			parse_interface(x, n, t, nt);
		} else if ((mc_tok_is(&t[0], "ipv4") || mc_tok_is(&t[0], "ipv6")) &&
		    tis(t, 1, nt, "access-list")) {
			parse_acl(x, n, t, nt);
		} else if (mc_tok_is(&t[0], "router") && tis(t, 1, nt, "static")) {
			parse_static(x, n);
		} else if (mc_tok_is(&t[0], "router") && tis(t, 1, nt, "bgp")) {
			if (nbgp < 16)
				bgp[nbgp++] = n;	/* read last: policies first */
			else
				xr_unparsed(x, n, "router bgp");
		} else if (mc_tok_is(&t[0], "prefix-set") ||
		    mc_tok_is(&t[0], "as-path-set") ||
		    mc_tok_is(&t[0], "community-set") ||
		    mc_tok_is(&t[0], "large-community-set") ||
		    mc_tok_is(&t[0], "extcommunity-set")) {
			last = body(x, n, "end-set", &lines);
			x->d->section_lines += (int)lines.n + 1;
			if (mc_tok_is(&t[0], "prefix-set"))
				xr_prefix_set(x, n, lines.v, lines.n);
			else
				xr_cond_set(x, mc_tok_is(&t[0], "as-path-set") ?
				    XR_SET_ASPATH : mc_tok_is(&t[0],
				    "community-set") ? XR_SET_COMMUNITY :
				    mc_tok_is(&t[0], "large-community-set") ?
				    XR_SET_LARGE : XR_SET_EXT, n, lines.v,
				    lines.n);
			if (last == NULL)
				break;
			n = last;
		} else if (mc_tok_is(&t[0], "route-policy")) {
			last = body(x, n, "end-policy", &lines);
			x->d->section_lines += (int)lines.n + 1;
			xr_route_policy(x, n, lines.v, lines.n);
			if (last == NULL)
				break;
			n = last;
		} else if (in_list(&t[0], top_ignored))
			continue;
		/* other sections (ntp, telemetry, ...) are not about routing
		 * policy: not counted */
	}
	parse_bgp(x, bgp, nbgp);
	xr_compile_all(x);
	for (i = 0; i < comments.n; i++) {
		const mc_comment *m = &comments.v[i];
		int first = m->line, last = m->line;

		if (m->node != NULL) {
			first = m->node->line;
			last = m->trailing ? m->node->line : last_line(m->node);
		}
		mc_waiver_from_comment(x->d, m->text, m->len, m->line, first,
		    last);
	}
	d = x->d;
	mc_arena_free(tree);
	return d;
}

mc_device *
mc_extract_iosxr(mc_arena *a, const char *file, const char *buf, size_t len,
    mc_diag *d)
{
	return mc_iosxr_parse(a, file, buf, len, d);
}
