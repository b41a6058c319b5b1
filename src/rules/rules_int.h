/* Shared by the rule files (not a public interface). */
#ifndef MANRS_RULES_INT_H
#define MANRS_RULES_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "manrs/rules.h"

#define ROLE(x)		(1u << MC_ROLE_##x)
/* RULES.md role columns. */
#define RM_IMPORT	(ROLE(CUSTOMER) | ROLE(PEER) | ROLE(PROVIDER) | \
			 ROLE(RS) | ROLE(RS_CLIENT) | ROLE(UNKNOWN))
#define RM_EBGP		(RM_IMPORT | ROLE(MONITOR))
#define RM_ALL		(RM_EBGP | ROLE(INTERNAL))
#define RM_CUST		(ROLE(CUSTOMER) | ROLE(RS_CLIENT))
#define RM_UPPEER	(ROLE(PEER) | ROLE(PROVIDER))

/* Probe ASNs: real, non-bogon networks that are not transit-free. */
#define PROBE_AS	3333u	/* RIPE NCC */
#define LEAK_AS_PEER	13335u	/* a route learned from another peer */
#define LEAK_AS_UP	15169u
#define PROBE_AS2	20940u	/* Akamai */

typedef struct mc_rule_cache mc_rule_cache;

/* Per neighbour, computed once per device check. */
typedef struct mc_nbr_cache {
	const mc_nbr_match *pf;		/* policy-file entry that matched */
	bool normal_done[MC_AFI_COUNT];
	mc_rangeset normal[MC_AFI_COUNT];	/* import accepted over global unicast */
	/* its probe's attributes, written before normal_done is set: not
	 * zeroed with the rest (most of this struct's size) */
	mc_route *normal_attrs;
	bool normal_approx[MC_AFI_COUNT];
	bool space_done[MC_AFI_COUNT];
	mc_rangeset space[MC_AFI_COUNT];	/* customer address space (hosts) */
	bool space_explicit[MC_AFI_COUNT];	/* from the policy file */
	bool probe_done[MC_AFI_COUNT];
	mc_rangeset probe[MC_AFI_COUNT];	/* one accepted prefix (or empty) */
	bool expl_done[MC_AFI_COUNT];		/* mc_nbr_filter_is_explicit on normal */
	bool expl[MC_AFI_COUNT];
	mc_prefix expl_hit[MC_AFI_COUNT];
	uint64_t expl_space[MC_AFI_COUNT];
	int uses[MC_AFI_COUNT][2];		/* mc_chain_uses cache, -1 unknown */
	bool uses_done[MC_AFI_COUNT][2];
	/* The communities its import attaches to its normal probe route
	 * (action1_export.c, import_tags): ntags -1 when it accepts none or
	 * attaches none; tags in the rule arena. */
	bool tags_done[MC_AFI_COUNT];
	int ntags[MC_AFI_COUNT];
	mc_community *tags[MC_AFI_COUNT];
} mc_nbr_cache;

/* Shared by every device, built once (constants.c). */
#define MC_NPROBES 64
typedef struct mc_rule_consts {
	mc_arena *arena;
	const mc_rangeset *bogons[MC_AFI_COUNT];	/* prefix ranges */
	mc_rangeset global[MC_AFI_COUNT];	/* global unicast, v4 /8-/24, v6 /16-/48 */
	mc_rangeset too_specific[MC_AFI_COUNT];	/* v4 /25-/32, v6 /49-/128 */
	mc_prefix probes[MC_AFI_COUNT][MC_NPROBES];	/* pseudo-random global unicast */
	int nprobes[MC_AFI_COUNT];
	/* The probes as exact ranges in range order, and the index in
	 * probes[] of each: one pass over a filter's set finds them all. */
	mc_rangeset probesorted[MC_AFI_COUNT];
	int probeorder[MC_AFI_COUNT][MC_NPROBES];
} mc_rule_consts;
const mc_rule_consts *mc_rule_consts_get(void);

struct mc_rule_cache {
	const mc_rule_consts *k;
	mc_nbr_cache *nbr;			/* parallel to dev->neighbors */
	/* The deciding step's texts (emit.c), by the step: most findings of
	 * a device are decided by a few terms, each evaluation's trace is
	 * new, so the step is known by its policy, term and line (the
	 * model's) and its words (compared). */
	struct dt_ent {
		const char *policy, *term, *what;
		int line, decided_line;
		const char *text;	/* mc_decided_text */
		const char *str;	/* mc_decided_str */
		const char *kept;	/* its decided_by, in ctx->keep */
	} dt[128];
	/* The AS path last written out (mc_path_text): a finding's message
	 * and its example show the same route's path. */
	struct path_text {
		int len;
		uint32_t path[128];
		const char *text;	/* in ctx->keep; NULL: none yet */
	} ptext;
	struct prefix_text {		/* mc_prefix_text's, alike */
		mc_prefix p;
		const char *text;	/* NULL: none yet */
	} pftext;
	/* Texts of a neighbour every finding about it repeats (asn_str,
	 * who, mc_dir_chain), by the neighbour: mc_nbr_text. */
	struct nbr_text {
		const mc_neighbor *n;
		const char *asn, *who;
		const char *chain[MC_AFI_COUNT][2];
	} ntext[256];
	bool own_done;
	mc_rangeset own[MC_AFI_COUNT];		/* our prefixes (ranges to le 24/48) */
	bool own_from_pf;
	bool cust_done;
	mc_rangeset cust[MC_AFI_COUNT];		/* customers' prefixes (ranges) */
	struct dw_memo {			/* mc_find_leak_outside's searches */
		uint64_t fp[2];
		const mc_rangeset *except;
		bool any;
		mc_prefix w;
	} dw[16];
	int ndw;
	bool ours_done[MC_AFI_COUNT];
	mc_rangeset ours[MC_AFI_COUNT];		/* own and customers' space */
	const uint32_t *tf;
	size_t ntf;
	struct iface_roles {			/* action2: parallel to dev->ifaces */
		unsigned mask;
		bool from_pf, done;
	} *ifroles;
	/* mc_probe_hits's answers, and the address space, by the accepted
	 * set's content (frozen sets' hash): neighbours that share a filter
	 * ask about equal sets.
	 * Open addressing; cap a power of two, at most half full. */
	struct probe_memo {
		uint64_t fp[2];
		size_t n;
		int afi, hits, first;	/* afi -1: free slot */
		bool space_done;	/* mc_nbr_filter_is_explicit's */
		uint64_t space;
	} *pm;
	size_t pm_cap, pm_n;
};

static inline int
mc_afi_af(int afi)
{
	return afi == MC_AFI_V6 ? MC_AF6 : MC_AF4;
}

static inline int
mc_af_afi(int af)
{
	return af == MC_AF6 ? MC_AFI_V6 : MC_AFI_V4;
}

/* check.c / common.c */
const char *mc_nbr_id(const mc_neighbor *);
bool mc_rule_applies(mc_rule_ctx *, const mc_rule *, const mc_neighbor *);
const char *mc_afi_name(int afi);			/* "IPv4" / "IPv6" */
const char *mc_dir_chain(mc_rule_ctx *, const mc_neighbor *, int afi, mc_dir);
/* n's slot for texts kept while the check runs; NULL without a cache. */
struct nbr_text *mc_nbr_text(mc_rule_ctx *, const mc_neighbor *n);
/* The text at offset off of n's slot (asn, who), made by make once. */
const char *mc_nbr_text_once(mc_rule_ctx *, const mc_neighbor *n, size_t off,
    const char *(*make)(mc_rule_ctx *, const mc_neighbor *));
/* r's AS path as text, where findings are kept (emit.c). */
const char *mc_path_text(mc_rule_ctx *, const mc_route *r);
const char *mc_prefix_text(mc_rule_ctx *, const mc_prefix *p);
uint32_t mc_nbr_asn(const mc_device *, const mc_neighbor *); /* 0 unknown */
uint32_t mc_dev_asn(mc_rule_ctx *);
void mc_probe_attrs(mc_rule_ctx *, const mc_neighbor *, int afi, int variant,
    mc_route *out);
int mc_probe_variants(const mc_neighbor *);
/* Import probe variants worth trying: 1 when the chain never looks at
 * the AS path (the variants differ only there). */
int mc_variants_for(mc_rule_ctx *, size_t ni, int afi);
const mc_rangeset *mc_global(mc_rule_ctx *, int afi);
const mc_rangeset *mc_bogons(mc_rule_ctx *, int afi);
const mc_rangeset *mc_normal_accepted(mc_rule_ctx *, size_t ni, int afi,
    mc_route *attrs);
/* One prefix the neighbour accepts with a normal path (as a set), for
 * probes that vary the path, ROV state or length: empty if none. */
const mc_rangeset *mc_normal_probe(mc_rule_ctx *, size_t ni, int afi);
/* What the chain's conditions look at (recursively): when a chain never
 * looks at the AS path, path variants of a probe cannot differ. */
enum { USE_PATH = 1, USE_PROTO = 2, USE_OTHER = 4, USE_COMM = 8,
	USE_NEXT_HOP = 16 };
unsigned mc_chain_uses(mc_rule_ctx *, size_t ni, int afi, mc_dir);
/* Find a prefix of `accepted` that the concrete engine also accepts with
 * attrs; fills route and result.  False when no such witness was found. */
bool mc_leak_witness(mc_rule_ctx *, const mc_neighbor *, mc_dir,
    const mc_route *attrs, const mc_rangeset *accepted, mc_route *route,
    mc_eval_result *res);
/* Run attrs over target through the chain; on a leak, a concrete witness
 * (preferably inside `prefer`) in route/res.  acc_out and approx optional. */
bool mc_find_leak(mc_rule_ctx *, const mc_neighbor *, mc_dir,
    const mc_route *attrs, const mc_rangeset *target,
    const mc_rangeset *prefer, mc_route *route, mc_eval_result *res,
    mc_rangeset *acc_out, bool *approx);
/* mc_find_leak over target minus except, without building the difference
 * (target is a set many neighbours share, so the engine answers from its
 * cache; except is a device's own and customer space). */
bool mc_find_leak_outside(mc_rule_ctx *, const mc_neighbor *, mc_dir,
    const mc_route *attrs, const mc_rangeset *target,
    const mc_rangeset *except, mc_route *route, mc_eval_result *res,
    bool *approx);
/* " (approximate: ...)" or "" */
const char *mc_approx_note(bool approx);
/* The prefix-length form of an address-space size: "/6" (approximate). */
const char *mc_space_str(mc_rule_ctx *, uint64_t space, int afi);
const char *mc_policy_word(mc_vendor);		/* "route-map", "policy", ... */
/* The deciding step: "route-map CUST-IN 10: permit ...", NULL if none. */
const char *mc_decided_text(mc_rule_ctx *, const mc_eval_result *);
/* " (decided by route-map X permit 10, line 12)" or "" */
const char *mc_decided_str(mc_rule_ctx *, const mc_eval_result *);
const uint32_t *mc_tf_list(mc_rule_ctx *, size_t *n);
void mc_path_set(mc_route *, const uint32_t *asns, int n);
/* Address-space helpers: host-address sets of prefixes and ranges. */
void mc_rs_add_hosts(mc_arena *, mc_rangeset *, const mc_prefix *);
mc_rangeset mc_rs_hosts_of(mc_arena *, const mc_rangeset *ranges);
/* Summed size of the blocks a range set covers: addresses for v4, /64s
 * for v6 (saturating). */
const mc_rangeset *mc_own_space(mc_rule_ctx *, int afi);
const mc_rangeset *mc_customer_space(mc_rule_ctx *, int afi);
/* Customer prefixes of a neighbour as host sets: policy file, else what
 * its import filter accepts (empty when the filter is open). */
const mc_rangeset *mc_nbr_space(mc_rule_ctx *, size_t ni, int afi,
    bool *explicit_);
/* How many of the pseudo-random probes `accepted` holds; *first (optional)
 * the index of the first one held, -1 when none. */
int mc_probe_hits(mc_rule_ctx *, int afi, const mc_rangeset *accepted,
    int *first);
bool mc_nbr_filter_is_explicit(mc_rule_ctx *, size_t ni, int afi,
    const mc_rangeset *accepted, mc_prefix *probe_hit, uint64_t *space);

/* action1_customer_irr.c: a customer's import filter against its IRR
 * route objects.  The FLT-CUSTOMER-PREFIX comparison (extra and missing
 * prefixes; nothing without --irr) and GV-IRR-CUSTOMER. */
void mc_customer_prefix_irr(mc_rule_ctx *, const mc_rule *);
void mc_irr_customer_cover(mc_rule_ctx *, const mc_rule *);

/* roles.c: the policy-file entry for a neighbour (first match). */
const mc_nbr_match *mc_pf_match(const mc_policyfile *, const mc_device *,
    const mc_neighbor *);
bool mc_pf_device_match(const char *want, const mc_device *);
/* out[i] for every dev->neighbors.v[i] (regexes compiled once). */
void mc_pf_match_all(const mc_policyfile *, const mc_device *,
    const mc_nbr_match **out);
/* Role from keywords in a description or name (MC_ROLE_UNKNOWN if none). */
mc_role mc_role_from_keywords(const char *);
/* YYYY-MM-DD comparison helper: <0, 0, >0. */
int mc_date_cmp(int y1, int m1, int d1, int y2, int m2, int d2);

/* fix.c */
typedef enum mc_fix_kind {
	FIX_BOGON_PREFIX, FIX_BOGON_ASN, FIX_TOO_SPECIFIC, FIX_DEFAULT_ROUTE,
	FIX_CUSTOMER_PREFIX, FIX_CUSTOMER_ASPATH, FIX_TRANSIT_FREE,
	FIX_MAX_PREFIX, FIX_RPKI_INVALID, FIX_ASPATH_LEN, FIX_FIRST_AS,
	FIX_EXPORT_OWN, FIX_EXPORT_BOGON, FIX_NO_IMPORT, FIX_NO_EXPORT,
	FIX_UNDEFINED_REF, FIX_GTSM, FIX_AUTH, FIX_BGP_ROLE, FIX_DESCRIPTION,
	FIX_URPF_STRICT, FIX_BOGON_SOURCE, FIX_EGRESS, FIX_RPKI_SETUP,
	FIX_NEXT_HOP,
} mc_fix_kind;

typedef struct mc_fix_arg {
	const mc_neighbor *nbr;
	int afi;
	mc_dir dir;
	const char *iface;
	const char *ref;		/* FIX_UNDEFINED_REF: the missing name */
	const char *ref_kind;		/* "route-map", "prefix-list", ... */
} mc_fix_arg;

const char *mc_fix(mc_rule_ctx *, mc_fix_kind, const mc_fix_arg *);

/* Rule checks (one file per action). */
void mc_chk_no_import_policy(mc_rule_ctx *, const mc_rule *);
void mc_chk_no_export_policy(mc_rule_ctx *, const mc_rule *);
void mc_chk_undefined_ref(mc_rule_ctx *, const mc_rule *);
void mc_chk_bogon_prefix(mc_rule_ctx *, const mc_rule *);
void mc_chk_bogon_asn(mc_rule_ctx *, const mc_rule *);
void mc_chk_too_specific(mc_rule_ctx *, const mc_rule *);
void mc_chk_default_route(mc_rule_ctx *, const mc_rule *);
void mc_chk_customer_prefix(mc_rule_ctx *, const mc_rule *);
void mc_chk_customer_aspath(mc_rule_ctx *, const mc_rule *);
void mc_chk_transit_free(mc_rule_ctx *, const mc_rule *);
void mc_chk_max_prefix(mc_rule_ctx *, const mc_rule *);
void mc_chk_rpki_invalid(mc_rule_ctx *, const mc_rule *);
void mc_chk_aspath_length(mc_rule_ctx *, const mc_rule *);
void mc_chk_first_as(mc_rule_ctx *, const mc_rule *);
void mc_chk_export_leak(mc_rule_ctx *, const mc_rule *);
void mc_chk_export_unowned(mc_rule_ctx *, const mc_rule *);
void mc_chk_export_bogon(mc_rule_ctx *, const mc_rule *);
void mc_chk_next_hop(mc_rule_ctx *, const mc_rule *);
void mc_chk_customer_ingress(mc_rule_ctx *, const mc_rule *);
void mc_chk_bogon_source(mc_rule_ctx *, const mc_rule *);
void mc_chk_egress(mc_rule_ctx *, const mc_rule *);
void mc_chk_peeringdb(mc_rule_ctx *, const mc_rule *);
void mc_chk_irr_contact(mc_rule_ctx *, const mc_rule *);
void mc_chk_neighbor_desc(mc_rule_ctx *, const mc_rule *);
void mc_chk_roa_invalid(mc_rule_ctx *, const mc_rule *);
void mc_chk_roa_missing(mc_rule_ctx *, const mc_rule *);
void mc_chk_irr_route(mc_rule_ctx *, const mc_rule *);
void mc_chk_irr_customer(mc_rule_ctx *, const mc_rule *);
void mc_chk_gtsm(mc_rule_ctx *, const mc_rule *);
void mc_chk_session_auth(mc_rule_ctx *, const mc_rule *);
void mc_chk_bgp_role(mc_rule_ctx *, const mc_rule *);
void mc_chk_unparsed(mc_rule_ctx *, const mc_rule *);

#endif
