/*
 * Per-vendor policy semantics.  Every entry says where it comes from;
 * "verify in lab" marks what the documentation leaves open, where we took
 * FRR's behaviour (read from bgpd/lib source, checkable against the
 * daemon) until a lab run says otherwise.
 *
 * FRR facts used below (FRR 8.x/9.x source):
 *  - bgp_input_modifier()/bgp_output_modifier(): a neighbour route-map that
 *    is named but not defined returns RMAP_DENY: every route is denied.
 *  - bgp_input_filter()/bgp_output_filter(): prefix_list_apply(NULL) and
 *    access_list_apply(NULL) and as_list_apply(NULL) return DENY, so an
 *    undefined prefix-list, distribute-list or filter-list on a neighbour
 *    denies everything.
 *  - prefix_list_apply_ext(): a defined prefix-list with no entries
 *    returns PERMIT.
 *  - route_match_address_prefix_list(), route_match_aspath(): an undefined
 *    list in a route-map match returns RMAP_NOMATCH.
 *  - route_map_apply_ext(): 'call' of an undefined route-map is skipped.
 */
#include <string.h>

#include "manrs/policy.h"

#define A MC_UNDEF_ACCEPT_ALL
#define R MC_UNDEF_REJECT_ALL
#define MA MC_UNDEF_MATCH_ALL
#define MN MC_UNDEF_MATCH_NONE

static const mc_semantics table[MC_VENDOR_COUNT] = {
	[MC_VENDOR_UNKNOWN] = {
		.vendor = MC_VENDOR_UNKNOWN,
		/* Unknown platform: assume the permissive legacy default so
		 * that missing filters are reported rather than hidden. */
		.ebgp_no_policy_accepts = true,
		.ibgp_no_policy_accepts = true,
		.undef_policy_on_neighbor = R,
		.undef_prefix_list_on_neighbor = R,
		.undef_policy_match = MN,
		.undef_prefix_list_match = MN,
		.undef_aspath_list_match = MN,
		.undef_community_list_match = MN,
		.undef_acl_match = MN,
		.policy_fallthrough = MC_FALL_REJECT,
		.source = "no vendor: FRR-like references, legacy accept-all default",
		.undef_aspath_list_on_neighbor = R,
		.undef_acl_on_neighbor = R,
	},
	[MC_VENDOR_IOS] = {
		.vendor = MC_VENDOR_IOS,
		/* Classic IOS has no RFC 8212 behaviour: an eBGP session
		 * without policy sends and accepts everything. */
		.ebgp_no_policy_accepts = true,
		.ibgp_no_policy_accepts = true,
		/* A neighbour route-map that does not exist: no routes pass
		 * (verify in lab). */
		.undef_policy_on_neighbor = R,
		/* Cisco IOS ip prefix-list reference, usage guidelines: "An
		 * empty or nonexistent prefix list permits all prefixes." */
		.undef_prefix_list_on_neighbor = A,
		.undef_prefix_list_match = MA,
		.empty_prefix_list_permits_all = true,
		/* IOS treats a missing access list as permit any (interface
		 * and route-map use alike); as-path access-lists taken to
		 * behave the same (verify in lab). */
		.undef_acl_match = MA,
		.undef_acl_on_neighbor = A,
		.undef_aspath_list_match = MA,
		.undef_aspath_list_on_neighbor = A,
		/* Community lists: FRR's no-match (verify in lab). */
		.undef_community_list_match = MN,
		.undef_policy_match = MN,
		/* Route-map: implicit deny at the end. */
		.policy_fallthrough = MC_FALL_REJECT,
		/* 'bgp enforce-first-as' is on by default. */
		.enforce_first_as_default = true,
		.source = "Cisco IOS IP Routing: BGP Command Reference "
		    "(ip prefix-list, neighbor route-map, bgp enforce-first-as)",
	},
	[MC_VENDOR_IOSXE] = {
		.vendor = MC_VENDOR_IOSXE,
		/* IOS-XE accepts without policy unless 'bgp safe-ebgp-policy'
		 * (RFC 8212 behaviour, opt-in; device knob). */
		.ebgp_no_policy_accepts = true,
		.ibgp_no_policy_accepts = true,
		.undef_policy_on_neighbor = R,		/* verify in lab */
		.undef_prefix_list_on_neighbor = A,	/* as IOS, documented */
		.undef_prefix_list_match = MA,
		.empty_prefix_list_permits_all = true,
		.undef_acl_match = MA,			/* verify in lab */
		.undef_acl_on_neighbor = A,
		.undef_aspath_list_match = MA,		/* verify in lab */
		.undef_aspath_list_on_neighbor = A,
		.undef_community_list_match = MN,	/* verify in lab */
		.undef_policy_match = MN,
		.policy_fallthrough = MC_FALL_REJECT,
		.enforce_first_as_default = true,
		.source = "Cisco IOS XE IP Routing Configuration Guide: BGP "
		    "(bgp safe-ebgp-policy), IOS BGP Command Reference",
	},
	[MC_VENDOR_EOS] = {
		.vendor = MC_VENDOR_EOS,
		/* EOS permits on a session without policy unless 'bgp
		 * missing-policy direction in|out action deny' (device knob). */
		.ebgp_no_policy_accepts = true,
		.ibgp_no_policy_accepts = true,
		/* 'bgp missing-policy' treats a route-map that is configured
		 * on the neighbour but does not exist as missing: the
		 * missing-policy action (default permit) decides. */
		.undef_policy_on_neighbor = A,
		.undef_policy_is_missing = true,
		/* References inside route-maps: FRR's no-match until a lab run
		 * says otherwise (verify in lab). */
		.undef_prefix_list_on_neighbor = R,
		.undef_prefix_list_match = MN,
		.undef_aspath_list_match = MN,
		.undef_aspath_list_on_neighbor = R,
		.undef_community_list_match = MN,
		.undef_acl_match = MN,
		.undef_acl_on_neighbor = R,
		.undef_policy_match = MN,
		.policy_fallthrough = MC_FALL_REJECT,
		.enforce_first_as_default = true,
		/* 'neighbor maximum-routes' defaults to 12000. */
		.default_max_prefix = 12000,
		.default_max_prefix_action = MC_MAXP_TEARDOWN,
		.source = "Arista EOS User Manual: BGP (bgp missing-policy, "
		    "neighbor maximum-routes, route maps)",
	},
	[MC_VENDOR_FRR] = {
		.vendor = MC_VENDOR_FRR,
		/* 'bgp ebgp-requires-policy' is on by default since FRR 7.4
		 * (traditional profile): no routes in or out without policy.
		 * 'frr defaults datacenter' and 'no bgp ebgp-requires-policy'
		 * turn it off (device knob).  iBGP is not affected. */
		.ebgp_no_policy_accepts = false,
		.ibgp_no_policy_accepts = true,
		.undef_policy_on_neighbor = R,		/* bgp_input_modifier */
		.undef_prefix_list_on_neighbor = R,	/* prefix_list_apply(NULL) */
		.undef_aspath_list_on_neighbor = R,	/* as_list_apply(NULL) */
		.undef_acl_on_neighbor = R,		/* access_list_apply(NULL) */
		.undef_prefix_list_match = MN,	/* route_match_address_prefix_list */
		.undef_aspath_list_match = MN,	/* route_match_aspath */
		.undef_community_list_match = MN, /* route_match_community (verify in lab) */
		.undef_acl_match = MN,		/* route_match_ip_address (verify in lab) */
		.undef_policy_match = MA,	/* 'call' of a missing map is skipped */
		.empty_prefix_list_permits_all = true,
		.policy_fallthrough = MC_FALL_REJECT,
		/* 'neighbor X enforce-first-as' is per neighbour and was off
		 * by default until FRR 10.0 (PR #14661 "bgpd: Enable
		 * enforce-first-as by default", 10.0 release notes; the
		 * global 'bgp enforce-first-as' went in 2018).  Off here, the
		 * conservative choice without a version line; the extractor
		 * sets the device default on for 'frr version 10' and later. */
		.enforce_first_as_default = false,
		.source = "FRR user guide: BGP (bgp ebgp-requires-policy, frr "
		    "defaults, neighbor enforce-first-as); FRR 10.0 release "
		    "notes; FRR bgpd/bgp_route.c, lib/plist.c, lib/routemap.c",
	},
	[MC_VENDOR_NXOS] = {
		.vendor = MC_VENDOR_NXOS,
		/* NX-OS has no RFC 8212 default. */
		.ebgp_no_policy_accepts = true,
		.ibgp_no_policy_accepts = true,
		.undef_policy_on_neighbor = R,		/* verify in lab */
		.undef_prefix_list_on_neighbor = R,	/* verify in lab */
		.undef_aspath_list_on_neighbor = R,
		.undef_acl_on_neighbor = R,
		.undef_prefix_list_match = MN,		/* verify in lab */
		.undef_aspath_list_match = MN,
		.undef_community_list_match = MN,
		.undef_acl_match = MN,
		.undef_policy_match = MN,
		/* NX-OS Unicast Routing Configuration Guide, route policy
		 * manager: "An empty prefix list permits all routes." */
		.empty_prefix_list_permits_all = true,
		.policy_fallthrough = MC_FALL_REJECT,
		.enforce_first_as_default = true,	/* verify in lab */
		.source = "Cisco Nexus 9000 NX-OS Unicast Routing Configuration "
		    "Guide: Configuring Route Policy Manager, Basic BGP",
	},
	[MC_VENDOR_IOSXR] = {
		.vendor = MC_VENDOR_IOSXR,
		/* IOS XR implements RFC 8212: an eBGP neighbour without an
		 * inbound (outbound) route-policy accepts (sends) nothing,
		 * unless 'bgp unsafe-ebgp-policy'. */
		.ebgp_no_policy_accepts = false,
		.ibgp_no_policy_accepts = true,
		/* Commit fails for references to undefined policies and sets;
		 * if one shows up anyway, nothing passes. */
		.undef_policy_on_neighbor = R,
		.undef_prefix_list_on_neighbor = R,
		.undef_aspath_list_on_neighbor = R,
		.undef_acl_on_neighbor = R,
		.undef_policy_match = MN,
		.undef_prefix_list_match = MN,
		.undef_aspath_list_match = MN,
		.undef_community_list_match = MN,
		.undef_acl_match = MN,
		/* A route-policy that ends without pass/done drops. */
		.policy_fallthrough = MC_FALL_REJECT,
		.enforce_first_as_default = true,
		.source = "Cisco IOS XR Routing Configuration Guide: BGP (default "
		    "eBGP route propagation without policy, RFC 8212), RPL",
	},
	[MC_VENDOR_JUNOS] = {
		.vendor = MC_VENDOR_JUNOS,
		/* The BGP default import policy accepts every BGP route and
		 * the default export policy advertises active BGP routes,
		 * unless 'protocols bgp defaults ebgp no-policy' (Junos 20.3R1:
		 * receive/advertise reject-always; device knob). */
		.ebgp_no_policy_accepts = true,
		.ibgp_no_policy_accepts = true,
		/* Commit fails on undefined policies and lists. */
		.undef_policy_on_neighbor = R,
		.undef_prefix_list_on_neighbor = R,
		.undef_aspath_list_on_neighbor = R,
		.undef_acl_on_neighbor = R,
		.undef_policy_match = MN,
		.undef_prefix_list_match = MN,
		.undef_aspath_list_match = MN,
		.undef_community_list_match = MN,
		.undef_acl_match = MN,
		/* A policy that does not decide passes to the next policy in
		 * the chain, then to the protocol default policy. */
		.policy_fallthrough = MC_FALL_NEXT_POLICY,
		.chain_default_accept = true,
		.enforce_first_as_default = false,
		.source = "Junos Routing Policies: Default Policies and Actions; "
		    "Implicit Filter for Default EBGP Route Propagation Behavior "
		    "without Policies",
	},
	[MC_VENDOR_BIRD] = {
		.vendor = MC_VENDOR_BIRD,
		/* BIRD 2.0.1 (NEWS, RFC 8212): eBGP requires explicit import
		 * and export filters; bird 2.0.12 refuses the configuration
		 * otherwise ("EBGP requires explicit import policy").  iBGP
		 * channels default to import all, export none. */
		.ebgp_no_policy_accepts = false,
		.ibgp_no_policy_accepts = true,
		/* Undefined filters and sets are configuration errors. */
		.undef_policy_on_neighbor = R,
		.undef_prefix_list_on_neighbor = R,
		.undef_aspath_list_on_neighbor = R,
		.undef_acl_on_neighbor = R,
		.undef_policy_match = MN,
		.undef_prefix_list_match = MN,
		.undef_aspath_list_match = MN,
		.undef_community_list_match = MN,
		.undef_acl_match = MN,
		/* A filter that ends without accept or reject rejects. */
		.policy_fallthrough = MC_FALL_REJECT,
		.enforce_first_as_default = false,
		.source = "BIRD 2 User's Guide: Filters, BGP channel import/export; "
		    "BIRD NEWS 2.0.1; bird -p on 2.0.12",
	},
	[MC_VENDOR_OPENBGPD] = {
		.vendor = MC_VENDOR_OPENBGPD,
		/* bgpd.conf(5) FILTER: the filter sees every UPDATE, eBGP and
		 * iBGP alike, and "the default action is to deny". */
		.ebgp_no_policy_accepts = false,
		.ibgp_no_policy_accepts = false,
		.undef_policy_on_neighbor = R,
		.undef_prefix_list_on_neighbor = R,
		.undef_aspath_list_on_neighbor = R,
		.undef_acl_on_neighbor = R,
		.undef_policy_match = MN,
		.undef_prefix_list_match = MN,	/* undefined sets: config error */
		.undef_aspath_list_match = MN,
		.undef_community_list_match = MN,
		.undef_acl_match = MN,
		.policy_fallthrough = MC_FALL_REJECT,
		/* 'enforce neighbor-as' defaults to yes for eBGP. */
		.enforce_first_as_default = true,
		.source = "OpenBGPD bgpd.conf(5): FILTER, enforce neighbor-as",
	},
	[MC_VENDOR_SROS] = {
		.vendor = MC_VENDOR_SROS,
		/* SR OS 19.5R1 and later: ebgp-default-reject-policy on by
		 * default (RFC 8212). */
		.ebgp_no_policy_accepts = false,
		.ibgp_no_policy_accepts = true,
		.undef_policy_on_neighbor = R,		/* commit error */
		.undef_prefix_list_on_neighbor = R,
		.undef_aspath_list_on_neighbor = R,
		.undef_acl_on_neighbor = R,
		.undef_policy_match = MN,
		.undef_prefix_list_match = MN,
		.undef_aspath_list_match = MN,
		.undef_community_list_match = MN,
		.undef_acl_match = MN,
		/* Policies chain; without a match the protocol default
		 * action applies (verify in lab). */
		.policy_fallthrough = MC_FALL_NEXT_POLICY,
		.chain_default_accept = true,
		.enforce_first_as_default = false,
		.source = "Nokia SR OS Unicast Routing Protocols Guide: BGP "
		    "(ebgp-default-reject-policy), Route Policy",
	},
	[MC_VENDOR_VRP] = {
		.vendor = MC_VENDOR_VRP,
		/* VRP has no RFC 8212 default. */
		.ebgp_no_policy_accepts = true,
		.ibgp_no_policy_accepts = true,
		/* Undefined references: FRR's behaviour (verify in lab). */
		.undef_policy_on_neighbor = R,
		.undef_prefix_list_on_neighbor = R,
		.undef_aspath_list_on_neighbor = R,
		.undef_acl_on_neighbor = R,
		.undef_policy_match = MN,
		.undef_prefix_list_match = MN,
		.undef_aspath_list_match = MN,
		.undef_community_list_match = MN,
		.undef_acl_match = MN,
		/* A route matching no node of a route-policy is denied. */
		.policy_fallthrough = MC_FALL_REJECT,
		.enforce_first_as_default = true,	/* check-first-as */
		.source = "Huawei VRP Configuration Guide: IP Routing, BGP, "
		    "Routing Policy",
	},
	[MC_VENDOR_ROUTEROS] = {
		.vendor = MC_VENDOR_ROUTEROS,
		/* RouterOS v7 accepts without input/output filter chains. */
		.ebgp_no_policy_accepts = true,
		.ibgp_no_policy_accepts = true,
		.undef_policy_on_neighbor = R,		/* verify in lab */
		.undef_prefix_list_on_neighbor = R,
		.undef_aspath_list_on_neighbor = R,
		.undef_acl_on_neighbor = R,
		.undef_policy_match = MN,
		.undef_prefix_list_match = MN,
		.undef_aspath_list_match = MN,
		.undef_community_list_match = MN,
		.undef_acl_match = MN,
		/* End of a filter chain without a decision (verify in lab). */
		.policy_fallthrough = MC_FALL_REJECT,
		.enforce_first_as_default = false,
		.source = "MikroTik RouterOS v7 manual: BGP, Routing Filters",
	},
};

#undef A
#undef R
#undef MA
#undef MN

const mc_semantics *
mc_semantics_for(mc_vendor v)
{
	if ((unsigned)v >= MC_VENDOR_COUNT)
		v = MC_VENDOR_UNKNOWN;
	return &table[v];
}

const char *
mc_undef_str(mc_undef u)
{
	switch (u) {
	case MC_UNDEF_MATCH_ALL:
		return "matches every route";
	case MC_UNDEF_MATCH_NONE:
		return "matches no route";
	case MC_UNDEF_ACCEPT_ALL:
		return "every route passes";
	case MC_UNDEF_REJECT_ALL:
		return "no route passes";
	}
	return "unknown";
}

/* iBGP: remote AS is the local one. */
static bool
is_ibgp(const mc_device *d, const mc_neighbor *n)
{
	uint32_t local = n->local_as ? n->local_as : d->bgp.asn;

	if (n->remote_as_kind == MC_RAS_INTERNAL)
		return true;
	return n->remote_as_kind == MC_RAS_NUMBER && local != 0 &&
	    n->remote_as == local;
}

bool
mc_no_policy_accepts(const mc_device *d, const mc_neighbor *n, mc_dir dir)
{
	const mc_semantics *s = mc_semantics_for(d->vendor);

	if (is_ibgp(d, n)) {
		/* BIRD channels export nothing by default, iBGP too. */
		if (d->vendor == MC_VENDOR_BIRD && dir == MC_DIR_OUT)
			return false;
		return s->ibgp_no_policy_accepts;
	}
	/* Per-direction knobs first: EOS 'bgp missing-policy direction
	 * in|out action ...', Junos 'defaults ebgp no-policy receive|
	 * advertise ...' (1 reject, 2 accept). */
	switch (d->bgp.requires_policy_dir[dir == MC_DIR_OUT]) {
	case 1:
		return false;
	case 2:
		return true;
	}
	if (d->bgp.ebgp_requires_policy == 1)
		return false;
	if (d->bgp.ebgp_requires_policy == 0)
		return true;
	return s->ebgp_no_policy_accepts;
}
