/*
 * MANRS Action 2, anti-spoofing.  Interfaces get a role from the policy
 * file, else from the BGP neighbours whose addresses lie in their connected
 * subnets.  ACLs are analysed in order: a permit that lets some source of
 * the forbidden space through before a deny has dropped it is a hole.
 */
#include <string.h>
#include <strings.h>

#include "rules_int.h"

static bool
vrf_eq(const char *a, const char *b)
{
	bool ad = a == NULL || strcmp(a, "default") == 0;
	bool bd = b == NULL || strcmp(b, "default") == 0;

	if (ad || bd)
		return ad && bd;
	return strcmp(a, b) == 0;
}

/* Roles (mask) of the interface; from_pf set when the policy file said. */
static unsigned
iface_roles_of(mc_rule_ctx *ctx, const mc_interface *ifc, bool *from_pf)
{
	const mc_policyfile *pf = ctx->opts != NULL ? ctx->opts->policy : NULL;
	unsigned mask = 0;
	size_t i, j;

	*from_pf = false;
	if (pf != NULL)
		for (i = 0; i < pf->interfaces.n; i++) {
			const mc_iface_match *m = &pf->interfaces.v[i];

			if (m->device != NULL && !mc_pf_device_match(m->device,
			    ctx->dev))
				continue;
			if (!mc_ifname_match(m->name, ifc->name))
				continue;
			*from_pf = true;
			return 1u << m->role;
		}
	for (i = 0; i < ctx->dev->neighbors.n; i++) {
		const mc_neighbor *n = ctx->dev->neighbors.v[i];

		if (n->is_group_only || n->addr.af == 0)
			continue;
		/* the addresses first: most pairs share no subnet */
		for (j = 0; j < ifc->addrs.n; j++)
			if (ifc->addrs.v[j].net.af == n->addr.af &&
			    mc_prefix_contains(&ifc->addrs.v[j].net, &n->addr) &&
			    ifc->addrs.v[j].net.len < mc_af_bits(n->addr.af) &&
			    vrf_eq(n->vrf, ifc->vrf))
				mask |= 1u << n->role;
	}
	return mask;
}

/* Interface ii's roles, worked out once per device: each of the three
 * anti-spoofing rules asks for every interface, and each answer scans
 * the neighbours. */
static unsigned
iface_roles(mc_rule_ctx *ctx, size_t ii, bool *from_pf)
{
	mc_rule_cache *c = ctx->cache;
	struct iface_roles *r;

	if (c->ifroles == NULL)
		c->ifroles = mc_alloc(ctx->arena, (ctx->dev->ifaces.n + 1) *
		    sizeof(*c->ifroles));
	r = &c->ifroles[ii];
	if (!r->done) {
		r->mask = iface_roles_of(ctx, ctx->dev->ifaces.v[ii],
		    &r->from_pf);
		r->done = true;
	}
	*from_pf = r->from_pf;
	return r->mask;
}

static bool
af_in_use(const mc_interface *ifc, int af)
{
	size_t j;

	for (j = 0; j < ifc->addrs.n; j++)
		if (ifc->addrs.v[j].net.af == af)
			return true;
	return false;
}

static bool
full_deny(const mc_acl_entry *e)
{
	if (e->permit || e->remark || e->has_ports || e->src_noncontig)
		return false;
	if (e->proto != NULL && strcasecmp(e->proto, "ip") != 0 &&
	    strcasecmp(e->proto, "ipv6") != 0 && strcasecmp(e->proto, "any") != 0)
		return false;
	return e->dst.len == 0;
}

/* ICMPv6 neighbour discovery (RFC 4861 types 133-137) as IOS, EOS and
 * Junos name it. */
static bool
nd_type(const char *w, size_t n)
{
	static const char *const names[] = {
		"nd-na", "nd-ns", "router-advertisement", "router-solicitation",
		"neighbor-solicitation", "neighbor-advertisement",
		"neighbor-solicit", "router-solicit", "redirect",
		"133", "134", "135", "136", "137", NULL
	};
	size_t i;

	for (i = 0; names[i] != NULL; i++)
		if (strlen(names[i]) == n && strncasecmp(names[i], w, n) == 0)
			return true;
	return false;
}

/*
 * A permit that only lets through packets that are never forwarded:
 * ICMPv6 neighbour discovery (hop limit 255, link scope; duplicate address
 * detection legitimately sends from ::, RFC 4862) or anything addressed to
 * a link-local or link-scope multicast destination.  Such entries are no
 * spoofing vector and must not count as holes.
 */
static bool
link_scope_only(const mc_acl *acl, const mc_acl_entry *e)
{
	static const char *const lscope6[] = { "fe80::/10", "ff02::/16" };
	const char *p, *w;
	mc_prefix q;
	size_t i;
	bool any = false;

	if (acl->af != MC_AF6)
		return false;
	for (i = 0; i < 2; i++)
		if (e->dst.len > 0 && mc_prefix_parse(lscope6[i],
		    strlen(lscope6[i]), &q) && mc_prefix_contains(&q, &e->dst))
			return true;
	if (e->icmp_type == NULL)
		return false;
	for (p = e->icmp_type; *p != '\0'; p += strcspn(p, " ")) {
		p += strspn(p, " ");
		if (*p == '\0')
			break;
		w = p;
		if (!nd_type(w, strcspn(w, " ")))
			return false;
		any = true;
	}
	return any;
}

/*
 * The first permit entry that lets a packet through whose source lies in
 * `bad` (host sets) and that no earlier full deny dropped; *ex gets such
 * a source address.  NULL when there is none (the implicit deny ends it).
 */
static const mc_acl_entry *
acl_hole(mc_rule_ctx *ctx, const mc_acl *acl, const mc_rangeset *bad,
    mc_prefix *ex)
{
	mc_rangeset denied;
	size_t i;

	memset(&denied, 0, sizeof(denied));
	for (i = 0; i < acl->entries.n; i++) {
		const mc_acl_entry *e = &acl->entries.v[i];
		mc_rangeset s, left;

		if (e->remark)
			continue;
		if (!e->permit) {
			if (full_deny(e))
				mc_rs_add_hosts(ctx->arena, &denied, &e->src);
			continue;
		}
		if (link_scope_only(acl, e))
			continue;
		memset(&s, 0, sizeof(s));
		mc_rs_add_hosts(ctx->arena, &s, &e->src);
		left = mc_rs_subtract(ctx->arena, &s, &denied);
		left = mc_rs_intersect(ctx->arena, &left, bad);
		if (mc_rs_witness(&left, ex))
			return e;
	}
	return NULL;
}

static mc_rangeset
complement_hosts(mc_rule_ctx *ctx, const mc_rangeset *allowed, int af)
{
	mc_rangeset u;
	mc_prefix all;

	memset(&u, 0, sizeof(u));
	memset(&all, 0, sizeof(all));
	all.af = (uint8_t)af;
	mc_rs_add_hosts(ctx->arena, &u, &all);
	return mc_rs_subtract(ctx->arena, &u, allowed);
}

static const char *
acl_name(const mc_interface *ifc, int afi, bool in, int *line)
{
	if (afi == MC_AFI_V4) {
		*line = in ? ifc->acl_in4_line : ifc->acl_out4_line;
		return in ? ifc->acl_in4 : ifc->acl_out4;
	}
	*line = in ? ifc->acl_in6_line : ifc->acl_out6_line;
	return in ? ifc->acl_in6 : ifc->acl_out6;
}

static void
iface_fix(mc_rule_ctx *ctx, mc_finding *f, mc_fix_kind k,
    const mc_interface *ifc, int afi)
{
	mc_fix_arg a;

	memset(&a, 0, sizeof(a));
	a.iface = ifc->name;
	a.afi = afi;
	f->fix = mc_fix(ctx, k, &a);
}

/* Customer address space on this interface, as host sets. */
static mc_rangeset
iface_customer_space(mc_rule_ctx *ctx, const mc_interface *ifc, int afi,
    bool *known)
{
	mc_rangeset sp;
	size_t i, j;
	bool ex;

	memset(&sp, 0, sizeof(sp));
	*known = false;
	for (i = 0; i < ctx->dev->neighbors.n; i++) {
		const mc_neighbor *n = ctx->dev->neighbors.v[i];
		const mc_rangeset *ns;

		if (n->is_group_only || n->role != MC_ROLE_CUSTOMER ||
		    n->addr.af == 0 || !vrf_eq(n->vrf, ifc->vrf))
			continue;
		for (j = 0; j < ifc->addrs.n; j++)
			if (mc_prefix_contains(&ifc->addrs.v[j].net, &n->addr))
				break;
		if (j == ifc->addrs.n)
			continue;
		ns = mc_nbr_space(ctx, i, afi, &ex);
		if (!mc_rs_empty(ns))
			*known = true;
		sp = mc_rs_union(ctx->arena, &sp, ns);
	}
	/* The link's own subnet is a legitimate source. */
	for (j = 0; j < ifc->addrs.n; j++)
		if (ifc->addrs.v[j].net.af == mc_afi_af(afi))
			mc_rs_add_hosts(ctx->arena, &sp, &ifc->addrs.v[j].net);
	return sp;
}

void
mc_chk_customer_ingress(mc_rule_ctx *ctx, const mc_rule *r)
{
	size_t i;
	int afi;

	for (i = 0; i < ctx->dev->ifaces.n; i++) {
		const mc_interface *ifc = ctx->dev->ifaces.v[i];
		bool from_pf;

		if (ifc->shutdown ||
		    !(iface_roles(ctx, i, &from_pf) & ROLE(CUSTOMER)))
			continue;
		for (afi = 0; afi < MC_AFI_COUNT; afi++) {
			mc_urpf u = afi == MC_AFI_V4 ? ifc->urpf4 : ifc->urpf6;
			int uline = afi == MC_AFI_V4 ? ifc->urpf4_line :
			    ifc->urpf6_line, aline;
			const char *an = acl_name(ifc, afi, true, &aline);
			const mc_acl *acl = mc_dev_acl(ctx->dev, an);
			const mc_acl_entry *e;
			mc_rangeset allowed, bad;
			mc_finding *f;
			mc_prefix ex;
			bool known;

			if (!af_in_use(ifc, mc_afi_af(afi)))
				continue;
			if (u == MC_URPF_STRICT || u == MC_URPF_FEASIBLE)
				continue;
			if (acl != NULL && acl->af == mc_afi_af(afi)) {
				allowed = iface_customer_space(ctx, ifc, afi,
				    &known);
				bad = complement_hosts(ctx, &allowed,
				    mc_afi_af(afi));
				if ((e = acl_hole(ctx, acl, &bad, &ex)) == NULL)
					continue;
				f = mc_emit(ctx, r, e->line > 0 ? e->line : aline,
				    NULL, ifc->name,
				    "customer interface %s: ingress %s ACL %s "
				    "permits source %s (line %d), outside the "
				    "customer's prefixes%s%s", ifc->name,
				    mc_afi_name(afi), acl->name,
				    mc_addr_fmt(&ex, (char[MC_PREFIX_STRLEN]){0}),
				    e->line, known ? "" :
				    " (customer prefixes unknown: only the link "
				    "subnet counts; list them in the policy file)",
				    u == MC_URPF_LOOSE || u == MC_URPF_LOOSE_DEFAULT ?
				    "; loose uRPF does not help" : "");
				f->interface = ifc->name;
				iface_fix(ctx, f, FIX_URPF_STRICT, ifc, afi);
				continue;
			}
			if (u == MC_URPF_LOOSE || u == MC_URPF_LOOSE_DEFAULT)
				f = mc_emit(ctx, r, uline > 0 ? uline : ifc->line,
				    NULL, ifc->name,
				    "customer interface %s has only loose %s uRPF%s "
				    "and no ingress ACL: a customer can send "
				    "packets with any routed source address",
				    ifc->name, mc_afi_name(afi),
				    u == MC_URPF_LOOSE_DEFAULT ?
				    " (allow-default)" : "");
			else
				f = mc_emit(ctx, r, ifc->line, NULL, ifc->name,
				    "customer interface %s has neither strict or "
				    "feasible %s uRPF nor an ingress ACL%s: "
				    "spoofed sources from the customer pass",
				    ifc->name, mc_afi_name(afi), an != NULL ?
				    mc_printf(ctx->arena, " (ACL %s is not "
				    "defined)", an) : "");
			iface_fix(ctx, f, FIX_URPF_STRICT, ifc, afi);
		}
	}
}

static mc_rangeset
null_routed(mc_rule_ctx *ctx, const mc_interface *ifc, int af)
{
	mc_rangeset s;
	size_t i;

	memset(&s, 0, sizeof(s));
	for (i = 0; i < ctx->dev->statics.n; i++) {
		const mc_static *st = &ctx->dev->statics.v[i];

		if (st->null_route && st->prefix.af == af &&
		    vrf_eq(st->vrf, ifc->vrf))
			mc_rs_add_hosts(ctx->arena, &s, &st->prefix);
	}
	return s;
}

void
mc_chk_bogon_source(mc_rule_ctx *ctx, const mc_rule *r)
{
	size_t i;
	int afi;

	for (i = 0; i < ctx->dev->ifaces.n; i++) {
		const mc_interface *ifc = ctx->dev->ifaces.v[i];
		bool from_pf;
		unsigned roles;

		if (ifc->shutdown)
			continue;
		roles = iface_roles(ctx, i, &from_pf);
		if (!(roles & RM_UPPEER))
			continue;
		for (afi = 0; afi < MC_AFI_COUNT; afi++) {
			mc_urpf u = afi == MC_AFI_V4 ? ifc->urpf4 : ifc->urpf6;
			int aline;
			const char *an = acl_name(ifc, afi, true, &aline);
			const mc_acl *acl = mc_dev_acl(ctx->dev, an);
			const mc_acl_entry *e;
			mc_rangeset bog, left;
			mc_finding *f;
			mc_prefix ex;
			char buf[MC_PREFIX_STRLEN];

			if (!af_in_use(ifc, mc_afi_af(afi)))
				continue;
			bog = mc_rs_hosts_of(ctx->arena, mc_bogons(ctx, afi));
			if (acl != NULL && acl->af == mc_afi_af(afi)) {
				if ((e = acl_hole(ctx, acl, &bog, &ex)) == NULL)
					continue;
				f = mc_emit(ctx, r, e->line > 0 ? e->line : aline,
				    NULL, ifc->name,
				    "external interface %s: ingress %s ACL %s "
				    "permits bogon source %s (%s) at line %d",
				    ifc->name, mc_afi_name(afi), acl->name,
				    mc_addr_fmt(&ex, buf), mc_bogon_label(&ex) ?
				    mc_bogon_label(&ex) : "bogon", e->line);
				iface_fix(ctx, f, FIX_BOGON_SOURCE, ifc, afi);
				continue;
			}
			if (u == MC_URPF_STRICT || u == MC_URPF_FEASIBLE ||
			    u == MC_URPF_LOOSE) {
				mc_rangeset nulls = null_routed(ctx, ifc,
				    mc_afi_af(afi));

				left = mc_rs_subtract(ctx->arena, &bog, &nulls);
				if (!mc_rs_witness(&left, &ex))
					continue;
				f = mc_emit(ctx, r, ifc->line, NULL, ifc->name,
				    "external interface %s has %s uRPF but "
				    "bogon %s (%s) is not null-routed, so a "
				    "default route lets such sources pass",
				    ifc->name, mc_afi_name(afi),
				    mc_addr_fmt(&ex, buf), mc_bogon_label(&ex) ?
				    mc_bogon_label(&ex) : "bogon");
			} else
				f = mc_emit(ctx, r, ifc->line, NULL, ifc->name,
				    "external interface %s (%s) has no ingress "
				    "%s ACL dropping bogon sources%s",
				    ifc->name, roles & ROLE(PROVIDER) ?
				    "provider" : "peer", mc_afi_name(afi),
				    an != NULL && acl == NULL ? mc_printf(
				    ctx->arena, " (ACL %s is not defined)", an) :
				    "");
			iface_fix(ctx, f, FIX_BOGON_SOURCE, ifc, afi);
		}
	}
}

void
mc_chk_egress(mc_rule_ctx *ctx, const mc_rule *r)
{
	size_t i, j;
	int afi;

	for (i = 0; i < ctx->dev->ifaces.n; i++) {
		const mc_interface *ifc = ctx->dev->ifaces.v[i];
		bool from_pf;

		if (ifc->shutdown ||
		    !(iface_roles(ctx, i, &from_pf) & RM_UPPEER))
			continue;
		for (afi = 0; afi < MC_AFI_COUNT; afi++) {
			int aline;
			const char *an = acl_name(ifc, afi, false, &aline);
			const mc_acl *acl = mc_dev_acl(ctx->dev, an);
			const mc_acl_entry *e;
			mc_rangeset allowed, own, cust, bad;
			mc_finding *f;
			mc_prefix ex;
			char buf[MC_PREFIX_STRLEN];

			if (!af_in_use(ifc, mc_afi_af(afi)))
				continue;
			if (acl == NULL || acl->af != mc_afi_af(afi)) {
				f = mc_emit(ctx, r, ifc->line, NULL, ifc->name,
				    "external interface %s has no egress %s ACL: "
				    "packets with any source address leave "
				    "towards the %s", ifc->name, mc_afi_name(afi),
				    "provider or peer");
				iface_fix(ctx, f, FIX_EGRESS, ifc, afi);
				continue;
			}
			own = mc_rs_hosts_of(ctx->arena, mc_own_space(ctx, afi));
			cust = mc_rs_hosts_of(ctx->arena,
			    mc_customer_space(ctx, afi));
			allowed = mc_rs_union(ctx->arena, &own, &cust);
			for (j = 0; j < ifc->addrs.n; j++)
				if (ifc->addrs.v[j].net.af == mc_afi_af(afi))
					mc_rs_add_hosts(ctx->arena, &allowed,
					    &ifc->addrs.v[j].net);
			bad = complement_hosts(ctx, &allowed, mc_afi_af(afi));
			if ((e = acl_hole(ctx, acl, &bad, &ex)) == NULL)
				continue;
			f = mc_emit(ctx, r, e->line > 0 ? e->line : aline, NULL,
			    ifc->name,
			    "egress %s ACL %s on %s permits source %s (line %d), "
			    "which is neither ours nor a customer's",
			    mc_afi_name(afi), acl->name, ifc->name,
			    mc_addr_fmt(&ex, buf), e->line);
			iface_fix(ctx, f, FIX_EGRESS, ifc, afi);
		}
	}
}
