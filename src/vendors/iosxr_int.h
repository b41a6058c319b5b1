/* IOS-XR extractor internals shared by iosxr.c and iosxr_rpl.c. */
#ifndef MANRS_IOSXR_INT_H
#define MANRS_IOSXR_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "manrs/conf.h"
#include "manrs/model.h"

typedef MC_VEC(const mc_node *) xr_nodes;

/* A route-policy as written: compiled per argument list on demand. */
typedef struct xr_rpdef {
	const char *name;
	MC_VEC(const char *) params;	/* "$AS", ... */
	xr_nodes lines;			/* body lines in order */
	int line;
} xr_rpdef;

/* An as-path-set or community-set compiled to conditions, one per entry. */
typedef struct xr_condset {
	const char *name;
	int kind;		/* XR_SET_ASPATH, XR_SET_COMMUNITY, XR_SET_LARGE */
	MC_VEC(mc_cond *) entries;
	MC_VEC(mc_community) comms;	/* literal entries, for 'set community NAME' */
	int line;
} xr_condset;

enum { XR_SET_ASPATH, XR_SET_COMMUNITY, XR_SET_LARGE, XR_SET_EXT };

/* A compiled route-policy instance: "NAME" or "NAME(arg, arg)". */
typedef struct xr_inst {
	const char *name;
	mc_policy *pol;
	unsigned long cost;	/* statements walked by one evaluation */
	bool busy;		/* being compiled: apply recursion */
} xr_inst;

/* Neighbour settings layer: neighbour, neighbor-group, session-group,
 * af-group.  -1 / NULL / 0 mean "not set here". */
typedef struct xr_af {
	bool present;
	const char *pol_in, *pol_out;
	int pol_in_line, pol_out_line;
	mc_maxpfx maxpfx;
	int rpa, rrc, nhs, rsc;
	const char *af_group;
	int line;
} xr_af;

typedef struct xr_layer {
	const char *name;
	int line;
	int ras_set;		/* remote-as given */
	uint32_t remote_as;
	const char *desc;
	int auth, ttlsec, multihop, shutdown, efa;
	uint32_t local_as;
	const char *use_ngroup, *use_sgroup;
	xr_af af[MC_AFI_COUNT];
} xr_layer;

typedef MC_VEC(xr_layer *) xr_layers;

typedef struct xrp {
	mc_arena *a;
	mc_device *d;
	MC_VEC(xr_rpdef *) rps;
	MC_VEC(xr_condset *) sets;
	MC_VEC(xr_inst *) insts;
	xr_layers ngroups, sgroups, afgroups;
	int depth;		/* apply nesting while compiling */
	size_t ntok;		/* RPL tokens compiled so far, bounded */
} xrp;

/* RPL (iosxr_rpl.c). */
void xr_prefix_set(xrp *, const mc_node *head, const mc_node *const *lines,
    size_t n);
void xr_cond_set(xrp *, int kind, const mc_node *head,
    const mc_node *const *lines, size_t n);
void xr_route_policy(xrp *, const mc_node *head, const mc_node *const *lines,
    size_t n);
/* Compile "NAME" or "NAME(args)"; returns the instance's policy name
 * (what neighbours reference), NULL-safe: undefined names come back as
 * written. */
const char *xr_policy_ref(xrp *, const char *text, int line);
void xr_compile_all(xrp *);

/* Helpers (iosxr.c). */
bool xr_parse_asn(const char *s, unsigned len, uint32_t *out);
void xr_unparsed(xrp *, const mc_node *, const char *section);

/* Entry without vendor detection, for tests. */
mc_device *mc_iosxr_parse(mc_arena *, const char *file, const char *buf,
    size_t len, mc_diag *);

#endif
