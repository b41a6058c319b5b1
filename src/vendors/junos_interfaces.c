/*
 * Junos interfaces: one model interface per logical unit ("ge-0/0/0.0"),
 * addresses of family inet/inet6, disable, description, rpf-check (uRPF:
 * strict unless `mode loose`, feasible-path when routing-options says
 * feasible-paths) and firewall filters (input/output, input-list: the
 * filters of a list run one after the other, so the list is one ACL made of
 * their terms in order).
 */
#include <string.h>

#include "vendors/junos_int.h"

/* Statements we know and do not need (not counted as unrecognized). */
static const char *const phys_known[] = {
	"description", "disable", "enable", "unit", "mtu", "vlan-tagging",
	"flexible-vlan-tagging", "stacked-vlan-tagging", "encapsulation",
	"gigether-options", "ether-options", "aggregated-ether-options",
	"redundant-ether-options", "fabric-options", "speed", "link-mode",
	"mac", "native-vlan-id", "hold-time", "traceoptions", "apply-groups",
	"apply-groups-except", "no-gratuitous-arp-request",
	"gratuitous-arp-reply", "no-gratuitous-arp-reply", "esi",
	"auto-negotiation", "no-auto-negotiation", "per-unit-scheduler",
	"hierarchical-scheduler", "optics-options", "framing",
	"sonet-options", "clocking", "damping", "tunnel", "serial-options",
	"passive-monitor-mode", "vlan-vci-tagging", "number-of-sub-ports",
	"otn-options", "interface-transmit-statistics", "satop-options",
	"dsl-options", "e1-options", "t1-options", "t3-options",
	"e3-options", "ima-group-options", "atm-options", "ppp-options",
	"keepalives", "no-keepalives", "receive-bucket", "transmit-bucket",
	"shared-scheduler", "dce", "no-partition", "partition",
	"multiservice-options", "services-options", "container-options",
	"logical-tunnel-options", "ima-link-options", "fastether-options",
	"wavelength", "forwarding-class-accounting", "traps", "no-traps",
	"link-degrade-monitor", "media-type", "flexible-ethernet-services",
	"ethernet-switch-profile", "power-over-ethernet", "lacp",
	"anchor-point", "vdsl-options", "port-mirror-instance",
	"ieee-802.3az-eee", "accounting-profile", "alias",
	"interface-range", "member", "member-range", NULL
};

static const char *const unit_known[] = {
	"description", "disable", "family", "vlan-id", "vlan-tags",
	"vlan-id-list", "vlan-id-range", "encapsulation", "apply-groups",
	"apply-groups-except", "proxy-arp", "bandwidth", "tunnel",
	"peer-unit", "input-vlan-map", "output-vlan-map", "traps",
	"no-traps", "point-to-point", "multipoint", "demux-source",
	"demux-options", "dial-options", "mtu", "accounting-profile",
	"alias", "arp-resp", "clear-dont-fragment-bit", "dlci",
	"copy-tos-to-outer-ip-header", "native-inner-vlan-id",
	"interface-shared-with", "layer2-policer", "passive-monitor-mode",
	"ppp-options", "pppoe-options", "service-domain", "vci", "vpi",
	"swap-by-poppush", "routing-instance", "backup-options",
	"radio-router", "virtual-gateway-accept-data",
	"virtual-gateway-v4-mac", "virtual-gateway-v6-mac", "mac",
	"esi", "etree-ac-role", "vlan-rewrite", "hold-time",
	"no-vrf-propagate-ttl", "vrf-propagate-ttl", "targeted-options",
	"auto-configure", "keepalives", "proxy-macip-advertisement", NULL
};

static const char *const fam_known[] = {
	"address", "filter", "rpf-check", "mtu", "no-redirects", "dhcp",
	"dhcp-client", "dhcpv6-client", "sampling", "targeted-broadcast",
	"policer", "accounting", "unnumbered-address", "receive-ttl-exceeded",
	"simple-filter", "service", "dad-disable", "ndp-max-solicit",
	"apply-groups", "apply-groups-except", "primary", "preferred",
	"no-neighbor-learn", "neighbor-limit", "demux-destination",
	"demux-source", "destination-udp-port", "mac-validate",
	"ipsec-sa", "negotiate-address", "next-hop-tunnel", "nd6-stale-time",
	"arp-max-cache", "arp-new-hold-limit", "no-dad-disable",
	"redirects", "interface-mode", "vlan", "port-mode", "native-vlan-id",
	"storm-control", "translation-prohibited", "route-accounting",
	"dhcp-v6-client", "ipv6-nd", "icmp", NULL
};

static const char *const addr_known[] = {
	"primary", "preferred", "vrrp-group", "vrrp-inet6-group", "arp",
	"destination", "broadcast", "master-only", "virtual-gateway-address",
	"web-authentication", "ndp", "destination-profile",
	"multipoint-destination", "eui-64", "apply-groups", NULL
};

/* The ACL an interface filter statement names; input-list of several
 * filters becomes one ACL made of theirs. */
static const char *
filter_ref(jx *x, const jt_node *f, int af, int *line)
{
	const jt_node *k;
	mc_acl *acl, *part;
	const char *name = NULL;
	unsigned n;

	if (f == NULL)
		return NULL;
	*line = f->line;
	n = jt_count(f);
	if (n == 1 || !(jt_is(f, "input-list") || jt_is(f, "output-list")))
		return jx_str(x, jt_last(f));
	for (k = jt_first(f); k != NULL; k = jt_next(k))
		name = name == NULL ? jx_str(x, k) :
		    mc_printf(x->a, "%s+%.*s", name, (int)k->wlen, k->w);
	if (name == NULL || mc_dev_acl(x->d, name) != NULL)
		return name;
	acl = mc_alloc(x->a, sizeof(*acl));
	acl->name = name;
	acl->af = af;
	acl->line = f->line;
	for (k = jt_first(f); k != NULL; k = jt_next(k)) {
		const char *pn = jx_str(x, k);

		part = mc_dev_acl(x->d, pn);
		if (part != NULL && part->af != af)
			part = mc_dev_acl(x->d, mc_printf(x->a, "%s (inet6)",
			    pn));
		if (part == NULL)
			return pn;	/* undefined: report that name */
		for (size_t i = 0; i < part->entries.n; i++)
			mc_vec_push(x->a, &acl->entries, part->entries.v[i]);
	}
	mc_vec_push(x->a, &x->d->acls, acl);
	return name;
}

/* A filter name as the firewall section stored it (inet6 filters that share
 * a name with an inet filter carry the suffix " (inet6)"). */
static const char *
acl_name(jx *x, const char *name, int af)
{
	mc_acl *acl;
	const char *alt;

	if (name == NULL || af != MC_AF6)
		return name;
	acl = mc_dev_acl(x->d, name);
	if (acl == NULL || acl->af == MC_AF6)
		return name;
	alt = mc_printf(x->a, "%s (inet6)", name);
	return mc_dev_acl(x->d, alt) != NULL ? alt : name;
}

static void
family(jx *x, mc_interface *ifc, const jt_node *fam, int af,
    const char *section)
{
	const jt_node *k, *a, *f;
	mc_iface_addr ia;
	mc_prefix p;
	const char *s;
	size_t slash;
	int line = 0;
	mc_urpf u;

	for (k = jt_first(fam); k != NULL; k = jt_next(k)) {
		if (!jx_in(k, fam_known))
			jx_unparsed(x, k, section);
	}
	for (a = jt_first(jt_kid(fam, "address")); a != NULL;
	    a = jt_next(a)) {
		memset(&ia, 0, sizeof(ia));
		s = memchr(a->w, '/', a->wlen);
		slash = s != NULL ? (size_t)(s - a->w) : a->wlen;
		if (!mc_addr_parse(a->w, slash, &ia.addr) ||
		    ia.addr.af != af || !mc_prefix_parse(a->w, a->wlen, &p))
			continue;
		ia.addr.len = p.len;	/* host bits kept */
		ia.net = p;
		ia.line = a->line;
		ia.secondary = ifc->addrs.n > 0 && !jt_kid(a, "primary");
		mc_vec_push(x->a, &ifc->addrs, ia);
		for (k = jt_first(a); k != NULL; k = jt_next(k))
			if (!jx_in(k, addr_known))
				jx_unparsed(x, k, section);
	}
	if ((f = jt_kid(fam, "rpf-check")) != NULL) {
		u = x->feasible ? MC_URPF_FEASIBLE : MC_URPF_STRICT;
		if (jt_is(jt_val(f, "mode"), "loose"))
			u = MC_URPF_LOOSE;
		if (af == MC_AF4) {
			ifc->urpf4 = u;
			ifc->urpf4_line = f->line;
		} else {
			ifc->urpf6 = u;
			ifc->urpf6_line = f->line;
		}
	}
	f = jt_kid(fam, "filter");
	if (f == NULL)
		return;
	k = jt_kid(f, "input-list");
	if (k == NULL)
		k = jt_kid(f, "input");
	s = acl_name(x, filter_ref(x, k, af, &line), af);
	if (s != NULL) {
		if (af == MC_AF4) {
			ifc->acl_in4 = s;
			ifc->acl_in4_line = line;
		} else {
			ifc->acl_in6 = s;
			ifc->acl_in6_line = line;
		}
	}
	k = jt_kid(f, "output-list");
	if (k == NULL)
		k = jt_kid(f, "output");
	s = acl_name(x, filter_ref(x, k, af, &line), af);
	if (s != NULL) {
		if (af == MC_AF4) {
			ifc->acl_out4 = s;
			ifc->acl_out4_line = line;
		} else {
			ifc->acl_out6 = s;
			ifc->acl_out6_line = line;
		}
	}
}

static void
unit(jx *x, const jt_node *phys, const jt_node *u)
{
	mc_interface *ifc;
	const jt_node *k, *fam;
	const char *section;

	ifc = mc_alloc(x->a, sizeof(*ifc));
	ifc->name = mc_printf(x->a, "%.*s.%.*s", (int)phys->wlen, phys->w,
	    (int)u->wlen, u->w);
	ifc->line = u->line;
	ifc->description = jx_str(x, jt_val(u, "description"));
	if (ifc->description == NULL)
		ifc->description = jx_str(x, jt_val(phys, "description"));
	ifc->shutdown = jt_kid(phys, "disable") != NULL ||
	    jt_kid(u, "disable") != NULL;
	section = mc_printf(x->a, "interfaces %s", ifc->name);
	for (k = jt_first(u); k != NULL; k = jt_next(k))
		if (!jx_in(k, unit_known))
			jx_unparsed(x, k, section);
	if ((fam = jt_path(u, "family inet")) != NULL)
		family(x, ifc, fam, MC_AF4, section);
	if ((fam = jt_path(u, "family inet6")) != NULL)
		family(x, ifc, fam, MC_AF6, section);
	mc_vec_push(x->a, &x->d->ifaces, ifc);
}

void
jx_interfaces(jx *x, const jt_node *ifs)
{
	const jt_node *p, *k, *u;
	const char *section;

	for (p = jt_first(ifs); p != NULL; p = jt_next(p)) {
		if (jt_is(p, "interface-range") || jt_is(p, "traceoptions") ||
		    jt_is(p, "apply-groups") || jt_is(p, "apply-groups-except") ||
		    jt_wild_is(p->w, p->wlen) || jt_is(p, "interface-set"))
			continue;
		section = mc_printf(x->a, "interfaces %.*s", (int)p->wlen,
		    p->w);
		for (k = jt_first(p); k != NULL; k = jt_next(k))
			if (!jx_in(k, phys_known))
				jx_unparsed(x, k, section);
		for (u = jt_first(jt_kid(p, "unit")); u != NULL;
		    u = jt_next(u))
			if (!jt_wild_is(u->w, u->wlen))
				unit(x, p, u);
	}
	if ((p = jt_kid(ifs, "interface-range")) != NULL && jt_first(p))
		jx_note(x, "interface-range at line %d is not expanded: "
		    "its members' settings are not analysed", p->line);
}

/* routing-instances R { interface ge-0/0/1.0; } */
void
jx_instance_ifaces(jx *x, const jt_node *ri, const char *vrf)
{
	const jt_node *k;
	mc_interface *ifc;
	const char *name;

	for (k = jt_first(jt_kid(ri, "interface")); k != NULL;
	    k = jt_next(k)) {
		name = jx_str(x, k);
		if (memchr(k->w, '.', k->wlen) == NULL)
			name = mc_printf(x->a, "%s.0", name);
		if ((ifc = mc_dev_iface(x->d, name)) != NULL)
			ifc->vrf = vrf;
	}
}
