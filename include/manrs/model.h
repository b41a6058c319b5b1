/*
 * The vendor-neutral device model.  Every vendor extractor fills one of
 * these; rules and the policy engine read only this.  All memory belongs to
 * the device arena.  Every object keeps its 1-based source line.
 */
#ifndef MANRS_MODEL_H
#define MANRS_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "manrs/arena.h"
#include "manrs/prefix.h"

typedef enum mc_vendor {
	MC_VENDOR_UNKNOWN = 0,
	MC_VENDOR_IOS,		/* classic IOS */
	MC_VENDOR_IOSXE,
	MC_VENDOR_EOS,
	MC_VENDOR_FRR,		/* FRR and Quagga */
	MC_VENDOR_NXOS,
	MC_VENDOR_IOSXR,
	MC_VENDOR_JUNOS,	/* braces and set forms */
	MC_VENDOR_BIRD,
	MC_VENDOR_OPENBGPD,
	MC_VENDOR_SROS,
	MC_VENDOR_VRP,
	MC_VENDOR_ROUTEROS,
	MC_VENDOR_COUNT
} mc_vendor;

const char *mc_vendor_name(mc_vendor);		/* "ios", "iosxe", "eos", ... */
mc_vendor mc_vendor_from_name(const char *);	/* MC_VENDOR_UNKNOWN if none */

/* ---- interfaces and ACLs ------------------------------------------------ */

typedef enum mc_urpf {
	MC_URPF_NONE = 0,
	MC_URPF_STRICT,
	MC_URPF_FEASIBLE,
	MC_URPF_LOOSE,
	MC_URPF_LOOSE_DEFAULT,	/* loose, default route counts (allow-default) */
} mc_urpf;

typedef struct mc_iface_addr {
	mc_prefix addr;		/* the interface address, host bits kept */
	mc_prefix net;		/* the connected subnet */
	bool secondary;
	int line;
} mc_iface_addr;

typedef struct mc_interface {
	const char *name;
	const char *vrf;	/* NULL: default */
	const char *description;
	bool shutdown;
	MC_VEC(mc_iface_addr) addrs;
	mc_urpf urpf4, urpf6;
	int urpf4_line, urpf6_line;
	const char *acl_in4, *acl_out4, *acl_in6, *acl_out6;
	int acl_in4_line, acl_out4_line, acl_in6_line, acl_out6_line;
	int line;
} mc_interface;

typedef struct mc_acl_entry {
	bool permit;
	bool remark;		/* a comment line: no effect */
	const char *proto;	/* "ip", "ipv6", "tcp", ... ; NULL = any */
	mc_prefix src, dst;	/* any = /0 of the ACL's family */
	bool src_noncontig;	/* non-contiguous wildcard: analysis approximate */
	bool has_ports;		/* matches on ports/flags: not every packet of src */
	bool exact;		/* FRR/Quagga prefix access-list "exact-match" */
	bool zebra;		/* FRR zebra-style "permit P/len": as a route filter
				 * it matches the routes within src (length >= src's),
				 * not every route whose address lies in src */
	int line;
	/* ICMP/ICMPv6 message types matched, as written, space-separated
	 * ("nd-na", "neighbor-solicitation", "neighbor-solicit
	 * neighbor-advertisement", "135"); NULL: not restricted. */
	const char *icmp_type;
} mc_acl_entry;

typedef struct mc_acl {
	const char *name;
	int af;			/* MC_AF4 / MC_AF6 */
	MC_VEC(mc_acl_entry) entries;
	int line;
} mc_acl;

/* ---- routing policy: named objects --------------------------------------- */

/* One entry of a prefix list / prefix set / route-filter. */
typedef struct mc_prefix_entry {
	bool permit;
	mc_range r;
	int seq;
	int line;
} mc_prefix_entry;

typedef struct mc_prefix_list {
	const char *name;
	int af;			/* 0 when the list mixes or is empty */
	MC_VEC(mc_prefix_entry) entries;
	int line;
} mc_prefix_list;

typedef enum mc_regex_dialect {
	MC_RE_CISCO,		/* IOS/EOS/FRR/NX-OS/XR: '_' boundary, string of ASNs */
	MC_RE_JUNOS,		/* Junos: regex over AS tokens, '.' = one AS */
	MC_RE_POSIX,		/* plain regex over "A B C" */
} mc_regex_dialect;

typedef struct mc_aspath_entry {
	bool permit;
	const char *regex;
	mc_regex_dialect dialect;
	int line;
} mc_aspath_entry;

typedef struct mc_aspath_list {
	const char *name;
	MC_VEC(mc_aspath_entry) entries;
	int line;
} mc_aspath_list;

/* Communities: standard as (asn << 16 | value), large as three words. */
typedef struct mc_community {
	uint8_t kind;		/* 0 standard, 1 large, 2 extended (opaque) */
	uint32_t a, b, c;	/* standard: a=asn, b=value; large: a:b:c */
} mc_community;

typedef struct mc_community_entry {
	bool permit;
	bool expanded;		/* regex over "A:B A:B" */
	const char *regex;	/* expanded */
	MC_VEC(mc_community) all_of; /* standard: every one must be present */
	int line;
} mc_community_entry;

typedef struct mc_community_list {
	const char *name;
	bool large;		/* FRR/IOS large-community list: its regexes see
				 * the large communities only, others the standard */
	MC_VEC(mc_community_entry) entries;
	int line;
} mc_community_list;

/* ---- routing policy: the intermediate representation ---------------------
 * A policy is a list of terms; a term is a block of statements.  Route-maps,
 * Junos policy-statements, IOS-XR RPL, BIRD filters and OpenBGPD rule sets
 * all compile to this.  Conditions on the prefix evaluate to prefix-range
 * sets, which lets the engine evaluate a whole set of prefixes at once.
 */
typedef enum mc_cond_kind {
	MC_C_TRUE,
	MC_C_FALSE,
	MC_C_AND,		/* kids */
	MC_C_OR,		/* kids */
	MC_C_NOT,		/* kids[0] */
	MC_C_PREFIX_LIST,	/* ref: named mc_prefix_list, first match decides */
	MC_C_PREFIX_ACL,	/* ref: named mc_acl used as prefix filter (IOS distribute-list / match ip address) */
	MC_C_PREFIX_INLINE,	/* plist: anonymous list (BIRD [..], Junos route-filter) */
	MC_C_NET_LEN,		/* lo..hi: prefix length in range */
	MC_C_NET_AF,		/* n = MC_AF4 / MC_AF6 */
	MC_C_ASPATH_LIST,	/* ref: named mc_aspath_list */
	MC_C_ASPATH_REGEX,	/* str, dialect */
	MC_C_ASPATH_LEN,	/* lo..hi: number of ASNs in the path */
	MC_C_AS_ANY,		/* some AS in the path in [lo,hi]   (OpenBGPD AS, BIRD [= * N * =]) */
	MC_C_AS_ORIGIN,		/* origin (last) AS in [lo,hi]      (source-as, bgp_path.last) */
	MC_C_AS_FIRST,		/* first AS in [lo,hi]              (peer-as, bgp_path.first) */
	MC_C_AS_TRANSIT,	/* a non-origin AS in [lo,hi]       (transit-as) */
	MC_C_AS_PEER,		/* first AS equals the neighbour's AS (OpenBGPD peer-as, neighbor-as) */
	MC_C_COMMUNITY_LIST,	/* ref: named mc_community_list */
	MC_C_COMMUNITY,		/* comm: route carries this community (wildcards: value 0xffffffff) */
	MC_C_RPKI,		/* n: mask of MC_ROV_* states that match */
	MC_C_PROTOCOL,		/* str: "bgp", "static", "connected", "ospf", ... */
	MC_C_NEIGHBOR,		/* str: neighbour address */
	MC_C_POLICY,		/* ref: result of evaluating another policy as a condition (Junos from policy, XR apply in if) */
	MC_C_UNKNOWN,		/* a condition we could not understand: str is the text */
	MC_C_NEXT_HOP,		/* the route's next hop is the address str; all of str,
				 * ref, plist NULL: it is
				 * the address of the neighbour the route came from (BIRD
				 * "from = bgp_next_hop").  ref set: the next hop, as a
				 * host prefix, is matched by the named list, n telling
				 * which: MC_C_PREFIX_LIST (prefix list / XR prefix-set,
				 * first match, implicit deny) or MC_C_PREFIX_ACL (ACL);
				 * plist set: by that anonymous list (XR next-hop in
				 * (..)).  Engines without next-hop support treat it
				 * like MC_C_UNKNOWN. */
	MC_C_LOCAL_PREF,	/* the route's LOCAL_PREF in [lo,hi] (FRR/IOS match local-preference N) */
} mc_cond_kind;

enum { MC_ROV_VALID = 1, MC_ROV_INVALID = 2, MC_ROV_NOTFOUND = 4 };

typedef struct mc_cond mc_cond;
struct mc_cond {
	mc_cond_kind kind;
	MC_VEC(mc_cond *) kids;
	const char *ref;		/* name of a referenced object */
	const char *str;		/* regex, protocol, neighbour, unknown text */
	mc_regex_dialect dialect;
	struct mc_prefix_list *plist;	/* MC_C_PREFIX_INLINE */
	mc_community comm;
	uint32_t lo, hi;
	int n;
	int line;
};

typedef enum mc_stmt_kind {
	MC_S_IF,		/* cond ? then : els */
	MC_S_ACCEPT,		/* final accept */
	MC_S_REJECT,		/* final reject */
	MC_S_NEXT_TERM,		/* leave this term, go on with the next */
	MC_S_NEXT_POLICY,	/* leave this policy: next in the chain decides (Junos) */
	MC_S_GOTO,		/* continue at term index n (route-map continue); mark_accept set when the
				 * entry was a permit, so that falling off the end accepts */
	MC_S_CALL,		/* ref: run another policy; if it accepts or rejects that is final
				 * unless call_returns (IOS 'call', XR 'apply'): then its accept
				 * returns here and its reject is final */
	MC_S_SET,		/* attribute change: set_* fields */
	MC_S_RETURN,		/* BIRD function return / XR 'done' when mark_accept */
	MC_S_UNKNOWN,		/* a statement we could not understand: str */
	MC_S_MARK,		/* provisional verdict, evaluation goes on: mark_accept
				 * true marks the route accepted, false clears the mark.
				 * When the neighbour's policy ends without a final
				 * ACCEPT/REJECT, a set mark accepts; otherwise the
				 * policy's fallthrough applies.  XR 'pass' and 'set'
				 * (accepted unless dropped later), OpenBGPD non-quick
				 * allow/deny (the last matching rule decides). */
} mc_stmt_kind;

typedef enum mc_set_kind {
	MC_SET_OTHER = 0,	/* local-pref, med, weight, next-hop...: no effect on verdicts */
	MC_SET_COMMUNITY_ADD,
	MC_SET_COMMUNITY_DEL,
	MC_SET_COMMUNITY_REPLACE,
	MC_SET_COMMUNITY_NONE,
	MC_SET_PREPEND,		/* comm.a = asn, n = times */
	MC_SET_LOCAL_PREF,	/* comm.a = value; n = 0 set it, 1 add comm.a (capped at
				 * 4294967295), -1 subtract it (floored at 0): FRR "+N", "-N" */
} mc_set_kind;

typedef struct mc_stmt mc_stmt;
typedef MC_VEC(mc_stmt *) mc_block;
struct mc_stmt {
	mc_stmt_kind kind;
	mc_cond *cond;
	mc_block then, els;
	const char *ref;
	bool call_returns;
	bool mark_accept;
	int n;
	mc_set_kind set;
	mc_community comm;
	const char *str;
	int line;
};

typedef struct mc_term {
	const char *name;	/* route-map seq "10", Junos term name, ... */
	mc_block body;
	int line;
} mc_term;

typedef enum mc_fallthrough {
	MC_FALL_REJECT,		/* IOS route-map, BIRD filter: implicit deny */
	MC_FALL_NEXT_POLICY,	/* Junos: next policy in the chain, then the default policy */
	MC_FALL_ACCEPT,		/* e.g. OpenBGPD has its own chain semantics */
} mc_fallthrough;

typedef struct mc_policy {
	const char *name;
	MC_VEC(mc_term) terms;
	mc_fallthrough fallthrough;
	bool is_function;	/* BIRD function / XR RPL called with apply */
	int line;
} mc_policy;

/* A reference from a neighbour to a policy object. */
typedef enum mc_ref_kind {
	MC_REF_POLICY,		/* route-map / policy-statement / route-policy / filter */
	MC_REF_PREFIX_LIST,	/* neighbor X prefix-list L in */
	MC_REF_ASPATH_LIST,	/* neighbor X filter-list N in */
	MC_REF_ACL,		/* neighbor X distribute-list ACL in */
} mc_ref_kind;

typedef struct mc_polref {
	const char *name;
	mc_ref_kind kind;
	int line;
} mc_polref;

/* A stage is a chain of policies evaluated in order until one decides
 * (Junos import [A B C]); for single-policy vendors it has one element.
 * Every stage of a direction must accept (IOS prefix-list AND filter-list
 * AND route-map). */
typedef struct mc_stage {
	MC_VEC(mc_polref) chain;
} mc_stage;

typedef struct mc_direction_policy {
	MC_VEC(mc_stage) stages;	/* empty: no policy configured */
	/* What happens when nothing in the chain decides: set by the vendor
	 * (e.g. Junos BGP default policy accepts, XR drops). */
	bool chain_default_accept;
} mc_direction_policy;

typedef enum mc_maxpfx_action {
	MC_MAXP_NONE = 0,	/* not configured */
	MC_MAXP_TEARDOWN,	/* session torn down (optionally restarted) */
	MC_MAXP_DROP,		/* excess routes discarded */
	MC_MAXP_WARN,		/* warning only */
} mc_maxpfx_action;

/* limit 0, action NONE and a line: explicitly unlimited (EOS maximum-routes 0). */
typedef struct mc_maxpfx {
	uint32_t limit;
	mc_maxpfx_action action;
	int line;
} mc_maxpfx;

enum { MC_AFI_V4 = 0, MC_AFI_V6 = 1, MC_AFI_COUNT = 2 };

typedef struct mc_af_settings {
	bool active;			/* address family enabled for this neighbour */
	mc_direction_policy in, out;
	mc_maxpfx maxpfx;
	bool rs_client;			/* route-server-client in this AF */
	bool nh_self;
	bool remove_private_as;
	int line;
} mc_af_settings;

typedef enum mc_remote_as_kind {
	MC_RAS_NUMBER, MC_RAS_EXTERNAL, MC_RAS_INTERNAL, MC_RAS_UNKNOWN,
} mc_remote_as_kind;

typedef enum mc_role {
	MC_ROLE_UNKNOWN = 0,
	MC_ROLE_CUSTOMER,
	MC_ROLE_PEER,
	MC_ROLE_PROVIDER,
	MC_ROLE_RS,		/* route server: we are its client */
	MC_ROLE_RS_CLIENT,	/* we are the route server */
	MC_ROLE_INTERNAL,
	MC_ROLE_MONITOR,
	MC_ROLE_COUNT
} mc_role;

const char *mc_role_name(mc_role);
mc_role mc_role_from_name(const char *);

typedef struct mc_neighbor {
	const char *address;	/* as written; BIRD/OpenBGPD may give a name instead */
	mc_prefix addr;		/* host prefix; af 0 if not an address */
	const char *name;	/* BIRD protocol name, OpenBGPD descr, Junos group */
	const char *vrf;	/* NULL: default */
	const char *group;	/* peer-group / template / Junos group it inherits from */
	mc_remote_as_kind remote_as_kind;
	uint32_t remote_as;
	uint32_t local_as;	/* 0: the device ASN */
	const char *description;
	bool shutdown;
	bool is_group_only;	/* a peer-group definition, not a session: rules skip it */
	mc_af_settings af[MC_AFI_COUNT];
	int ttl_security;	/* GTSM hops, 0 off */
	int ebgp_multihop;	/* TTL, 0 = single hop */
	bool auth;		/* MD5 or TCP-AO */
	const char *bgp_role;	/* RFC 9234 role as configured, NULL if none */
	int enforce_first_as;	/* -1 platform default, 0 off, 1 on */
	/* Roles are filled by the rules layer (policy file, then inference). */
	mc_role role;
	const char *role_source; /* "policy", "bgp-role", "ibgp", "description", "policy-name", "none" */
	int line;
} mc_neighbor;

typedef enum mc_origin_kind {
	MC_ORIG_NETWORK, MC_ORIG_AGGREGATE, MC_ORIG_STATIC, MC_ORIG_REDISTRIBUTE,
} mc_origin_kind;

typedef struct mc_origin {
	mc_prefix prefix;	/* af 0 for "redistribute X" without a prefix */
	mc_origin_kind kind;
	const char *vrf;
	const char *detail;	/* "static", "connected", route-map name, ... */
	const char *policy;	/* route-map applied, if any */
	int line;
} mc_origin;

typedef struct mc_static {
	mc_prefix prefix;
	const char *nexthop;	/* text; "Null0", "discard", "blackhole" for null routes */
	bool null_route;
	const char *vrf;
	int line;
} mc_static;

typedef struct mc_rpki_cache {
	const char *host;
	int port;
	int line;
} mc_rpki_cache;

typedef struct mc_unparsed {
	int line;
	const char *section;	/* "router bgp", "route-map X", "interface Y", ... */
	const char *text;
} mc_unparsed;

/* Platform switches that change defaults.  -1 means "not configured, use the
 * vendor default from the semantics table". */
typedef struct mc_bgp_global {
	uint32_t asn;
	const char *router_id;
	int ebgp_requires_policy;	/* FRR 'bgp ebgp-requires-policy'; IOS 'bgp safe-ebgp-policy'; EOS missing-policy deny */
	/* eBGP without policy, per direction (mc_dir: 0 in, 1 out), where the
	 * platform sets the directions apart: EOS 'bgp missing-policy direction
	 * in|out action deny|permit', Junos 'defaults ebgp no-policy
	 * receive|advertise'.  0 not configured (ebgp_requires_policy decides),
	 * 1 reject (RFC 8212), 2 accept. */
	int requires_policy_dir[2];
	int enforce_first_as;		/* global default */
	int maxas_limit;		/* IOS 'bgp maxas-limit N': longer paths discarded; 0 none */
	bool rpki_configured;		/* RPKI caches / ROA tables present */
	bool rov_drops_invalid;		/* platform drops invalids without policy (e.g. IOS-XE bestpath excludes invalid) */
	int line;
} mc_bgp_global;

typedef struct mc_inline_waiver {
	const char *rule;	/* rule ID or "all" */
	const char *reason;
	int line;		/* the line it is on */
	int first, last;	/* lines it covers */
	int exp_y, exp_m, exp_d;	/* expiry date; 0: never expires */
} mc_inline_waiver;

typedef struct mc_device {
	mc_arena *arena;
	const char *file;
	mc_vendor vendor;
	const char *hostname;
	int lines;
	int unrecognized;	/* unknown lines inside BGP/policy/interface/ACL sections */
	int section_lines;	/* all lines inside BGP/policy/interface/ACL sections */
	MC_VEC(mc_unparsed) unparsed;	/* capped at 200 kept, all counted */
	mc_bgp_global bgp;
	MC_VEC(mc_interface *) ifaces;
	MC_VEC(mc_acl *) acls;
	MC_VEC(mc_prefix_list *) prefix_lists;
	MC_VEC(mc_aspath_list *) aspath_lists;
	MC_VEC(mc_community_list *) community_lists;
	MC_VEC(mc_policy *) policies;
	MC_VEC(mc_neighbor *) neighbors;	/* sessions, inheritance resolved */
	MC_VEC(mc_origin) origins;
	MC_VEC(mc_static) statics;
	MC_VEC(mc_rpki_cache) rpki_caches;
	MC_VEC(mc_inline_waiver) waivers;
	MC_VEC(const char *) notes;	/* e.g. "NX-OS detected: not yet supported" */
	/* Hash indexes for the lookups by name below, built by
	 * mc_dev_index (mc_resolve calls it); without them, or when objects
	 * were added since, the lookups search the vectors. */
	struct mc_name_index *index[6];
} mc_device;

/* Lookups by name (NULL when undefined). */
mc_prefix_list *mc_dev_prefix_list(const mc_device *, const char *);
mc_aspath_list *mc_dev_aspath_list(const mc_device *, const char *);
mc_community_list *mc_dev_community_list(const mc_device *, const char *);
mc_policy *mc_dev_policy(const mc_device *, const char *);
mc_acl *mc_dev_acl(const mc_device *, const char *);
mc_interface *mc_dev_iface(const mc_device *, const char *);
/* Append an origin (what the device announces); p NULL for one without a
 * prefix (redistribution).  Returns it, for the caller to add a policy. */
mc_origin *mc_dev_add_origin(mc_device *, const mc_prefix *p,
    mc_origin_kind, const char *vrf, const char *detail, int line);
/* Index the names above: the policy engine looks names up for every
 * route it evaluates, and routers have hundreds of lists. */
void mc_dev_index(mc_device *);

/* Builders used by extractors. */
mc_device *mc_device_new(mc_arena *, const char *file, mc_vendor);
void mc_dev_unparsed(mc_device *, int line, const char *section, const char *text, size_t len);
mc_cond *mc_cond_new(mc_arena *, mc_cond_kind, int line);
mc_stmt *mc_stmt_new(mc_arena *, mc_stmt_kind, int line);
void mc_neighbor_init(mc_neighbor *);	/* fields to "not configured" defaults */

/* What the reports other than JSON and JUnit read of a device, copied into
 * a: identity, line counts, the global BGP settings, unparsed lines, sessions (address,
 * name, VRF, remote AS, description, role, line, shutdown), inline
 * waivers and notes.  Policies, lists, interfaces, ACLs and origins are
 * left out: once the rules have run, the device's own arena can be freed
 * and a run over thousands of routers keeps only this. */
mc_device *mc_device_brief(const mc_device *, mc_arena *a);

/* The whole model as JSON text (manrs-check model); caller frees with free(). */
char *mc_device_to_json(const mc_device *);

#endif
