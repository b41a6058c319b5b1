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

typedef struct jx {
	mc_arena *a;
	mc_device *d;
	jt_tree *t;
	bool feasible;		/* forwarding-table unicast-reverse-path feasible-paths */
	MC_VEC(jx_rfl) rfls;
	MC_VEC(jx_gtsm) gtsm;
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

/* junos_policy.c: route-filter match types as prefix ranges */
bool jx_range(const mc_prefix *, int lo, int hi, mc_range *out);

#endif
