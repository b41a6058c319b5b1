/* IOS family interfaces: addresses, VRF, state, uRPF, ACLs applied. */
#include <string.h>

#include "vendors/ios.h"

static void
add_addr(ios *c, mc_interface *ifc, const mc_prefix *a, int len,
    bool secondary, int line)
{
	mc_iface_addr x;

	memset(&x, 0, sizeof(x));
	x.addr = *a;
	x.net = *a;
	x.net.len = (uint8_t)len;
	mc_prefix_clear_host(&x.net);
	x.secondary = secondary;
	x.line = line;
	mc_vec_push(c->a, &ifc->addrs, x);
}

/* "ip address A M [secondary]", "ip address A/len [secondary]" (EOS,
 * FRR), "ip address virtual A/len" (EOS). */
static bool
ipv4_address(ios *c, mc_interface *ifc, const mc_node *n, mc_tok *t, int nt,
    int i)
{
	mc_prefix a, m;
	const char *slash;
	int len;

	if (ios_is(t, i, nt, "virtual"))
		i++;
	if (i >= nt)
		return false;
	if (mc_tok_is(&t[i], "dhcp") || mc_tok_is(&t[i], "negotiated") ||
	    mc_tok_is(&t[i], "unnumbered") || mc_tok_is(&t[i], "pool"))
		return true;
	slash = memchr(t[i].s, '/', t[i].len);
	if (slash != NULL) {
		mc_prefix p;

		if (!mc_addr_parse(t[i].s, (size_t)(slash - t[i].s), &a) ||
		    !mc_prefix_parse(t[i].s, t[i].len, &p))
			return false;
		len = p.len;
		i++;
	} else {
		if (i + 1 >= nt || !mc_addr_parse(t[i].s, t[i].len, &a) ||
		    !mc_addr_parse(t[i + 1].s, t[i + 1].len, &m) ||
		    (len = mc_netmask_len(&m)) < 0 || a.af != MC_AF4)
			return false;
		i += 2;
	}
	if (a.af != MC_AF4)
		return false;
	add_addr(c, ifc, &a, len, ios_is(t, i, nt, "secondary"), n->line);
	return true;
}

/* "ipv6 address X/len [eui-64|anycast]", "ipv6 address X link-local" */
static bool
ipv6_address(ios *c, mc_interface *ifc, const mc_node *n, mc_tok *t, int nt,
    int i)
{
	mc_prefix a, p;
	const char *slash;

	if (i >= nt)
		return false;
	if (mc_tok_is(&t[i], "autoconfig") || mc_tok_is(&t[i], "dhcp") ||
	    mc_tok_is(&t[i], "auto-config"))
		return true;
	if (ios_is(t, i + 1, nt, "link-local") || mc_tok_is(&t[i], "link-local"))
		return true;	/* no subnet to speak of */
	slash = memchr(t[i].s, '/', t[i].len);
	if (slash == NULL || !mc_addr_parse(t[i].s, (size_t)(slash - t[i].s),
	    &a) || !mc_prefix_parse(t[i].s, t[i].len, &p) || a.af != MC_AF6)
		return false;
	add_addr(c, ifc, &a, p.len, false, n->line);
	return true;
}

/*
 * uRPF.  IOS: "ip verify unicast source reachable-via rx|any
 * [allow-default] [allow-self-ping] [ACL]" and the older "ip verify
 * unicast reverse-path [ACL]" (strict); the same under "ipv6 verify".
 * EOS: "ip verify unicast source reachable-via rx|any [allow-default]".
 * Strict with allow-default is still strict towards this interface.
 */
static bool
urpf(mc_interface *ifc, const mc_node *n, mc_tok *t, int nt, int i, bool v6,
    bool neg)
{
	mc_urpf mode = MC_URPF_NONE;
	int j;

	if (!ios_is(t, i, nt, "unicast"))
		return ios_is(t, i, nt, "source") || ios_is(t, i, nt, "drop-rate");
	i++;
	if (neg && i == nt) {
		mode = MC_URPF_NONE;
		goto set;
	}
	if (ios_is(t, i, nt, "reverse-path"))
		mode = MC_URPF_STRICT;
	else if (ios_is(t, i, nt, "source") &&
	    ios_is(t, i + 1, nt, "reachable-via")) {
		if (ios_is(t, i + 2, nt, "rx"))
			mode = MC_URPF_STRICT;
		else if (ios_is(t, i + 2, nt, "any")) {
			mode = MC_URPF_LOOSE;
			for (j = i + 3; j < nt; j++)
				if (mc_tok_is(&t[j], "allow-default"))
					mode = MC_URPF_LOOSE_DEFAULT;
		} else
			return false;
	} else
		return ios_is(t, i, nt, "notification");
	if (neg)
		mode = MC_URPF_NONE;
set:
	if (v6) {
		ifc->urpf6 = mode;
		ifc->urpf6_line = n->line;
	} else {
		ifc->urpf4 = mode;
		ifc->urpf4_line = n->line;
	}
	return true;
}

/* "ip access-group X in|out", "ipv6 traffic-filter X in|out" (IOS),
 * "ipv6 access-group X in|out" (EOS). */
static bool
access_group(ios *c, mc_interface *ifc, const mc_node *n, mc_tok *t, int nt,
    int i, bool v6, bool neg)
{
	const char *name;
	bool in;

	if (i + 1 >= nt)
		return false;
	if (mc_tok_is(&t[i + 1], "in"))
		in = true;
	else if (mc_tok_is(&t[i + 1], "out"))
		in = false;
	else
		return false;
	name = neg ? NULL : ios_str(c, &t[i]);
	if (v6 && in) {
		ifc->acl_in6 = name;
		ifc->acl_in6_line = n->line;
	} else if (v6) {
		ifc->acl_out6 = name;
		ifc->acl_out6_line = n->line;
	} else if (in) {
		ifc->acl_in4 = name;
		ifc->acl_in4_line = n->line;
	} else {
		ifc->acl_out4 = name;
		ifc->acl_out4_line = n->line;
	}
	return true;
}

static bool
ip_line(ios *c, mc_interface *ifc, const mc_node *n, mc_tok *t, int nt,
    int i, bool neg)
{
	bool v6 = mc_tok_is(&t[i], "ipv6");

	i++;
	if (i >= nt)
		return false;
	if (mc_tok_is(&t[i], "address") || mc_tok_is(&t[i], "addr")) {
		if (neg)
			return true;
		return v6 ? ipv6_address(c, ifc, n, t, nt, i + 1) :
		    ipv4_address(c, ifc, n, t, nt, i + 1);
	}
	if (mc_tok_is(&t[i], "verify"))
		return urpf(ifc, n, t, nt, i + 1, v6, neg);
	if (mc_tok_is(&t[i], "access-group") ||
	    (v6 && mc_tok_is(&t[i], "traffic-filter")))
		return access_group(c, ifc, n, t, nt, i + 1, v6, neg);
	if (mc_tok_is(&t[i], "vrf") && ios_is(t, i + 1, nt, "forwarding") &&
	    i + 2 < nt) {
		ifc->vrf = neg ? NULL : ios_str(c, &t[i + 2]);
		return true;
	}
	/* ospf, pim, helper-address, nat...: no bearing on MANRS */
	return true;
}

void
ios_interface(ios *c, const mc_node *sec)
{
	mc_tok t[IOS_MAXTOK];
	mc_interface *ifc;
	const mc_node *n;
	int nt, i;
	bool neg, ok;

	nt = ios_toks(sec, t);
	if (nt < 2)
		return;
	/* An interface may be entered twice: merge. */
	ifc = ios_map_get(&c->ifmap, t[1].s, t[1].len);
	if (ifc == NULL) {
		ifc = mc_alloc(c->a, sizeof(*ifc));
		ifc->name = ios_str(c, &t[1]);
		ifc->line = sec->line;
		mc_vec_push(c->a, &c->d->ifaces, ifc);
		ios_map_put(c->a, &c->ifmap, t[1].s, t[1].len, ifc);
	}
	/* FRR "interface X vrf V" */
	if (nt > 3 && mc_tok_is(&t[2], "vrf"))
		ifc->vrf = ios_str(c, &t[3]);
	for (n = sec->kid; n != NULL; n = n->next) {
		nt = ios_toks(n, t);
		if (nt == 0)
			continue;
		i = 0;
		neg = false;
		if (mc_tok_is(&t[0], "no")) {
			neg = true;
			i = 1;
		} else if (mc_tok_is(&t[0], "default"))
			continue;
		if (i >= nt)
			continue;
		if (mc_tok_is(&t[i], "ip") || mc_tok_is(&t[i], "ipv6"))
			ok = ip_line(c, ifc, n, t, nt, i, neg);
		else if (mc_tok_is(&t[i], "description")) {
			if (!neg && i + 1 < nt)
				ifc->description = mc_tok_rest(c->a, n, &t[i + 1]);
			ok = true;
		} else if (mc_tok_is(&t[i], "shutdown")) {
			ifc->shutdown = !neg;
			ok = true;
		} else if (mc_tok_is(&t[i], "vrf")) {
			/* "vrf forwarding X" (IOS-XE, old EOS), "vrf X" (EOS) */
			ok = true;
			if (neg)
				ifc->vrf = NULL;
			else if (ios_is(t, i + 1, nt, "forwarding") && i + 2 < nt)
				ifc->vrf = ios_str(c, &t[i + 2]);
			else if (i + 1 < nt && !ios_is(t, i + 1, nt, "forwarding"))
				ifc->vrf = ios_str(c, &t[i + 1]);
			else
				ok = false;
		} else
			ok = true;	/* speed, mtu, switchport...: no bearing */
		if (!ok)
			ios_unknown(c, n, sec);
	}
}
