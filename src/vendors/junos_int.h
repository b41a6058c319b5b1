/* Junos extractor internals: shared by src/vendors/junos*.c only. */
#ifndef MANRS_JUNOS_INT_H
#define MANRS_JUNOS_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "conf/junos_tree.h"
#include "manrs/model.h"

/* A compiled route-filter-list (policy-options route-filter-list NAME). */
typedef struct jx_rfl {
	const char *name;
	mc_prefix_list *plist;	/* longest-match encoding, see junos_policy.c */
	bool has_actions;	/* per-entry actions: ignored, analysis approximate */
} jx_rfl;

/* A firewall filter that drops packets below a TTL (GTSM done by hand:
 * `from { ttl-except 255; protocol tcp; port bgp; } then discard`). */
typedef struct jx_gtsm {
	const char *acl;
	int hops;		/* 1 for ttl-except 255, 2 with 254 too */
	MC_VEC(mc_prefix) src;	/* sources the term checks; empty: any */
} jx_gtsm;

/* prefix-list-filter L match-type: compiled once per list and match type */
typedef struct jx_plf {
	const mc_prefix_list *pl;
	const char *mt;		/* "orlonger", "upto /24", ... */
	mc_prefix_list *enc;
} jx_plf;

typedef struct jx {
	mc_arena *a;
	mc_device *d;
	jt_tree *t;
	bool feasible;		/* forwarding-table unicast-reverse-path feasible-paths */
	MC_VEC(jx_rfl) rfls;
	MC_VEC(jx_gtsm) gtsm;
	MC_VEC(jx_plf) plfs;
	const char *ls;		/* logical system being read, NULL: the main one */
} jx;

/* junos.c: helpers */
const char *jx_str(jx *, const jt_node *);
void jx_unparsed(jx *, const jt_node *, const char *section);
void jx_note(jx *, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool jx_in(const jt_node *, const char *const *words);
bool jx_asn(const jt_node *, uint32_t *);
bool jx_u32(const jt_node *, uint32_t *);
bool jx_prefix(const jt_node *, mc_prefix *);
/* Words of a one-child chain ("( A && B )" read as a path), up to max. */
int jx_chain(const jt_node *, const jt_node **out, int max);

/* sections */
void jx_interfaces(jx *, const jt_node *ifs);
void jx_instance_ifaces(jx *, const jt_node *ri, const char *vrf);
void jx_firewall(jx *, const jt_node *fw);
void jx_routing_options(jx *, const jt_node *ro, const char *vrf, bool main);
void jx_policy_options(jx *, const jt_node *po);
void jx_bgp(jx *, const jt_node *bgp, const char *vrf, uint32_t inst_as);

/* junos_rfilter.c: route filters as first-match prefix lists */
typedef struct rfitem {
	mc_prefix p;
	const jt_node *mt;	/* exact / orlonger / longer / upto / ... */
	const jt_node *arg;	/* /24, /16-/24, through prefix; NULL */
	const jt_node *act;	/* node whose children are the actions */
	const char *sig;	/* actions as text, NULL: none */
	int seq;
} rfitem;
typedef MC_VEC(rfitem) rfv;
enum { JX_SEL_ALL, JX_SEL_NOACT, JX_SEL_SIG };

bool jx_range(const mc_prefix *, int lo, int hi, mc_range *out);
bool jx_is_match_type(const jt_node *);
/* route-filter P match-type [arg] [actions]: one item per match type */
void jx_rf_items(jx *, const jt_node *list, rfv *out, int *seq);
/* The routes whose deciding route filter is selected (all, those without
 * an own action, those with action text sig) as a first-match list. */
mc_prefix_list *jx_rf_encode(jx *, rfitem *, size_t n, int sel,
    const char *sig, int line);

/* junos_lists.c: prefix-list, route-filter-list, as-path, community */
void jx_named_lists(jx *, const jt_node *po);

#endif
