/*
 * Route policy evaluation.  One engine, vendor behaviour from the semantics
 * table.  The same code answers two questions:
 *  - concrete: does this route pass the neighbour's import/export chain, and
 *    which term decided (manrs-check eval, the lab's differential tests);
 *  - symbolic: of a set of prefixes (a prefix-range set), which pass, given
 *    the route's other attributes (rules look for counter-examples this way:
 *    a hole anywhere in a prefix list is found, not only at probe points).
 */
#ifndef MANRS_POLICY_H
#define MANRS_POLICY_H

#include <stdbool.h>
#include <stdint.h>

#include "manrs/model.h"

typedef enum mc_dir { MC_DIR_IN = 0, MC_DIR_OUT = 1 } mc_dir;

typedef struct mc_route {
	mc_prefix prefix;
	uint32_t path[128];	/* AS path, first = neighbour side, last = origin */
	int path_len;
	mc_community comms[16];
	int ncomms;
	int rov;		/* MC_ROV_VALID / INVALID / NOTFOUND */
	const char *protocol;	/* "bgp" (default when NULL), "static", "connected" */
	mc_prefix next_hop;	/* host prefix; af 0: the neighbour's own address */
	/* LOCAL_PREF as the policy sees it on entry (and after its sets).
	 * Not set: FRR import sees 0 (bgpd ignores an eBGP peer's LOCAL_PREF
	 * and 'set local-preference +N' starts from 0); elsewhere unknown,
	 * so a condition on it makes the answer approximate. */
	uint32_t local_pref;
	bool has_local_pref;
	/* Export: the neighbour the route was learned from (NULL: unknown).
	 * Export conditions on the source (BIRD proto = "NAME", OpenBGPD
	 * 'nexthop neighbor' in a 'to' rule) need it; without it they make
	 * the answer approximate. */
	const struct mc_neighbor *from;
} mc_route;

/* Parse "A B C" into route->path; returns false on a bad token. */
bool mc_route_set_path(mc_route *, const char *text);
bool mc_community_parse(const char *s, mc_community *out);
/* "64500 64501", communities "A:B ..." for messages; arena strings. */
const char *mc_route_path_str(mc_arena *, const mc_route *);
/* The same into buf (at least 128 * 11 + 1 bytes), without printf: regex
 * conditions format the path of every route they look at. */
size_t mc_route_path_fmt(const mc_route *, char *buf);
const char *mc_route_comm_str(mc_arena *, const mc_route *);

typedef struct mc_trace_step {
	const char *policy;	/* policy / list name; NULL for a vendor default */
	const char *term;	/* term / seq / NULL */
	int line;		/* source line, 0 for defaults */
	const char *what;	/* "match prefix-list BOGONS: deny 10.0.0.0/8 le 32", "no policy: RFC 8212 default" */
} mc_trace_step;

typedef struct mc_eval_result {
	bool accept;
	bool approximate;	/* an unknown condition/statement or overflow was met */
	bool by_default;	/* no policy configured: the vendor default decided */
	mc_route out;		/* the route after set actions */
	MC_VEC(mc_trace_step) trace;	/* the steps that decided, in order */
	const char *decided_by;	/* short text of the deciding step */
	int decided_line;
} mc_eval_result;

typedef struct mc_engine mc_engine;

/* One engine per device (holds compiled regexes); not shared across threads. */
mc_engine *mc_engine_new(const mc_device *, mc_arena *);
void mc_engine_free(mc_engine *);
/* Traces of mc_eval_route without the conditions' reasons: no "match ..."
 * steps, only the steps that decide (a check reads only the last one;
 * `manrs-check eval` shows them all), and decided_by is the last step's
 * text alone.  Off by default. */
void mc_engine_brief_trace(mc_engine *, bool on);

/* Concrete: run the route through the neighbour's chain for the family of
 * route->prefix in direction dir. */
mc_eval_result mc_eval_route(mc_engine *, const mc_neighbor *, mc_dir,
    const mc_route *);

/* Route attributes a neighbour's policy chains can look at, in one
 * direction, for one family (afi -1: both).  Anything the analysis does
 * not understand counts as reading everything.  The engine keys its
 * result cache on it; rules skip probes that cannot change an answer. */
enum {
	MC_READ_PATH = 1, MC_READ_COMM = 2, MC_READ_ROV = 4,
	MC_READ_PROTO = 8, MC_READ_NH = 16, MC_READ_LP = 32, MC_READ_ALL = 63
};
unsigned mc_policy_reads(mc_engine *, const mc_neighbor *, int afi, mc_dir);

/* Symbolic: the subset of target that the neighbour's chain accepts when
 * the route has attrs' path, communities, ROV state and protocol (attrs'
 * prefix is ignored).  *approx set when the answer may be imprecise. */
mc_rangeset mc_eval_accepted(mc_engine *, const mc_neighbor *, mc_dir,
    const mc_route *attrs, const mc_rangeset *target, bool *approx);

/* Does the neighbour have any policy configured in this direction/family? */
bool mc_has_policy(const mc_neighbor *, int afi, mc_dir);

/* Per-vendor semantics (src/policy/semantics.c).  Each entry cites the
 * vendor documentation or the daemon behaviour it was checked against. */
typedef enum mc_undef {
	MC_UNDEF_MATCH_ALL,	/* as a match condition: matches every route */
	MC_UNDEF_MATCH_NONE,	/* matches nothing */
	MC_UNDEF_ACCEPT_ALL,	/* as a neighbour policy: everything passes */
	MC_UNDEF_REJECT_ALL,	/* as a neighbour policy: nothing passes */
} mc_undef;

typedef struct mc_semantics {
	mc_vendor vendor;
	bool ebgp_no_policy_accepts;	/* default without ebgp-requires-policy style knobs */
	bool ibgp_no_policy_accepts;
	mc_undef undef_policy_on_neighbor;
	mc_undef undef_prefix_list_on_neighbor;
	mc_undef undef_policy_match;		/* XR apply / Junos from policy */
	mc_undef undef_prefix_list_match;
	mc_undef undef_aspath_list_match;
	mc_undef undef_community_list_match;
	mc_undef undef_acl_match;
	mc_fallthrough policy_fallthrough;
	bool chain_default_accept;	/* when a chain falls through (Junos BGP default policy) */
	bool enforce_first_as_default;
	uint32_t default_max_prefix;	/* EOS maximum-routes 12000 default; 0 none */
	mc_maxpfx_action default_max_prefix_action;
	const char *source;		/* documentation cited */
	/* Added with the engine: */
	mc_undef undef_aspath_list_on_neighbor;	/* neighbor X filter-list N */
	mc_undef undef_acl_on_neighbor;		/* neighbor X distribute-list ACL */
	bool empty_prefix_list_permits_all;	/* a defined list without entries */
	bool undef_policy_is_missing;	/* EOS: an undefined route-map counts as
					 * no policy (bgp missing-policy decides) */
} mc_semantics;

const mc_semantics *mc_semantics_for(mc_vendor);
/* Effective behaviour of a session without policy in this direction,
 * including device knobs (FRR no bgp ebgp-requires-policy, IOS
 * bgp safe-ebgp-policy, EOS missing-policy). */
bool mc_no_policy_accepts(const mc_device *, const mc_neighbor *, mc_dir);
const char *mc_undef_str(mc_undef);

/* Compile a vendor AS-path regex to a PCRE2 pattern over "A B C"
 * (space-separated ASNs).  Returns NULL (and an error text) if invalid. */
const char *mc_aspath_regex_to_pcre(mc_arena *, const char *re,
    mc_regex_dialect, const char **err);

#endif
