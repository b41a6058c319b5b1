/* Cisco IOS family extractor (IOS, IOS-XE, EOS, FRR/Quagga): private. */
#ifndef MANRS_VENDORS_IOS_H
#define MANRS_VENDORS_IOS_H

#include <stdbool.h>
#include <stdint.h>

#include "manrs/conf.h"
#include "manrs/model.h"
#include "manrs/vendor.h"

#define IOS_MAXTOK 256

/* String-keyed hash map (open addressing) of arena pointers. */
typedef struct ios_ent {
	const char *key;
	uint32_t hash;
	void *val;
} ios_ent;

typedef struct ios_map {
	ios_ent *v;
	size_t n, cap;
} ios_map;

void *ios_map_get(const ios_map *, const char *key, size_t klen);
/* key is copied into the arena. */
void ios_map_put(mc_arena *, ios_map *, const char *key, size_t klen, void *);

/* Per address family settings of a neighbour, group or template, with
 * "not configured" states so that inheritance can tell set from unset. */
enum { IA_V4 = 0, IA_V6 = 1, IA_ALL = 2, IA_N = 3 };	/* IA_ALL: EOS router-bgp level */
enum { PK_PLIST, PK_ACL, PK_ASPATH, PK_RMAP, PK_N };	/* stage kinds, in evaluation order */

typedef struct ios_af {
	int active;			/* -1 not configured */
	const char *pol[2][PK_N];	/* [dir][kind] names, NULL not configured */
	int pol_line[2][PK_N];
	bool maxp_set, acc_set;
	mc_maxpfx maxp;			/* maximum-prefix / EOS maximum-routes */
	mc_maxpfx acc;			/* EOS maximum-accepted-routes */
	int rsc, nhs, rpa;		/* -1 not configured */
	int line;
} ios_af;

/* session-level fields configured on this object */
enum {
	NS_RAS = 1 << 0, NS_DESC = 1 << 1, NS_SHUT = 1 << 2, NS_AUTH = 1 << 3,
	NS_TTL = 1 << 4, NS_MH = 1 << 5, NS_LAS = 1 << 6, NS_ROLE = 1 << 7,
	NS_EFA = 1 << 8,
};

enum { NK_NEIGHBOR, NK_GROUP, NK_SESSION_TPL, NK_POLICY_TPL };

typedef struct ios_nbr ios_nbr;
struct ios_nbr {
	mc_neighbor *n;
	int kind;			/* NK_* */
	unsigned set;			/* NS_* */
	ios_af af[IA_N];
	const char *group;		/* peer-group it belongs to */
	const char *stpl;		/* inherit peer-session */
	const char *ptpl[IA_N];		/* inherit peer-policy, per AF */
	int def_afi;			/* IOS: defined inside this AF block (-1) */
	int state;			/* 0 new, 1 resolving, 2 resolved */
};

/* Per BGP instance (VRF) switches; -1 not configured. */
typedef struct ios_inst {
	int default_v4, default_v6, v4_over_v6;
} ios_inst;

typedef struct ios_rm_entry {
	int seq;
	bool permit;
	int line;
	MC_VEC(const mc_node *) nodes;	/* each "route-map" line of this entry */
} ios_rm_entry;

typedef struct ios_rmap {
	const char *name;
	int line;
	MC_VEC(ios_rm_entry *) entries;
} ios_rmap;

/* A prefix-list line read straight off the text (ios_plist_read), to be
 * added to its list (ios_plist_apply).  Kept small: the reader keeps one
 * per entry of the file until the model is built. */
typedef struct ios_plline {
	struct ios_plline *next;	/* the reader's, in file order */
	const char *name;		/* in the line */
	unsigned namelen;
	unsigned char af;
	bool have_seq;			/* else numbered after the list's last */
	mc_prefix_entry ent;		/* its seq and line too */
} ios_plline;

typedef struct ios {
	mc_arena *a;
	mc_device *d;
	mc_vendor v;
	bool eos, frr;
	/* BGP */
	ios_map nbrs;			/* "vrf\x1fname" -> ios_nbr */
	MC_VEC(ios_nbr *) nlist;
	ios_map tmpls;			/* "S\x1fname", "P\x1fname" -> ios_nbr */
	ios_map insts;			/* vrf -> ios_inst */
	ios_nbr *last;			/* cache: consecutive lines name one neighbour */
	const char *last_vrf;
	bool bgp_seen;
	int erp_default, erp_vrf;	/* ebgp-requires-policy, -1 unset */
	bool rpki_allow_invalid, rpki_bestpath_disable, frr_disallow_invalid;
	bool frr_datacenter, quagga;
	int frr_major, frr_minor;	/* "frr version" */
	/* policy objects */
	ios_map rmaps, plists, aslists, clists, acls;
	struct plb *pl_cache[256];	/* lists by a hash of their name */
	MC_VEC(ios_rmap *) rmlist;
	ios_map ifmap;			/* interface name -> mc_interface */
	mc_comment_vec comments;
	/* prefix-list lines the reader kept out of the tree, in file order */
	mc_arena *tree;
	ios_plline *plines, **plines_end;
} ios;

/* ios.c: shared helpers */
int ios_toks(const mc_node *, mc_tok *);
bool ios_asn(const mc_tok *, uint32_t *);
bool ios_is(const mc_tok *, int i, int nt, const char *word);
const char *ios_str(ios *, const mc_tok *);
void ios_unknown(ios *, const mc_node *n, const mc_node *section);
void ios_unknown_tree(ios *, const mc_node *n, const mc_node *section);
int ios_tree_lines(const mc_node *);
ios_inst *ios_inst_get(ios *, const char *vrf);
void ios_static(ios *, const mc_node *, mc_tok *, int nt, int i,
    const char *vrf, int af);
bool ios_parse_prefix(const mc_tok *addr, const mc_tok *mask, mc_prefix *);

/* ios_iface.c */
void ios_interface(ios *, const mc_node *);

/* ios_acl.c */
void ios_acl_numbered(ios *, const mc_node *, mc_tok *, int nt);
void ios_acl_named(ios *, const mc_node *, mc_tok *, int nt);

/* ios_bgp.c */
void ios_router_bgp(ios *, const mc_node *, mc_tok *, int nt);
void ios_rpki_block(ios *, const mc_node *);
void ios_bgp_finish(ios *);

/* ios_policy.c */
void ios_route_map(ios *, const mc_node *, mc_tok *, int nt);
void ios_prefix_list(ios *, const mc_node *, mc_tok *, int nt, int af);
bool ios_prefix_list_line(ios *, const mc_node *);
bool ios_plist_read(const char *text, unsigned len, int line, ios_plline *);
void ios_plist_apply(ios *, const ios_plline *);
void ios_aspath_list(ios *, const mc_node *, mc_tok *, int nt, int first);
void ios_community_list(ios *, const mc_node *, mc_tok *, int nt, int first,
    bool large);
void ios_policy_finish(ios *);

#endif
