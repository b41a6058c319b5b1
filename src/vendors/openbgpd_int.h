/* OpenBGPD extractor internals shared by openbgpd.c and openbgpd_filter.c. */
#ifndef MANRS_OPENBGPD_INT_H
#define MANRS_OPENBGPD_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "conf/obgpd_lex.h"
#include "manrs/model.h"

/* Parts of a community that are not literal numbers. */
enum { OB_CV_NUM = 0, OB_CV_ANY, OB_CV_LOCAL, OB_CV_NEIGHBOR };

typedef struct ob_comm {
	mc_community c;
	uint8_t spec[3];	/* OB_CV_* for a, b, c */
} ob_comm;

typedef struct ob_set {
	mc_set_kind kind;
	ob_comm comm;		/* community add/delete */
	int n;			/* prepend count */
	bool prepend_neighbor;	/* prepend-neighbor, else prepend-self */
	const char *text;	/* for SET_OTHER: "localpref 100" */
	int line;
} ob_set;

typedef MC_VEC(ob_set) ob_sets;

/* A filter element; OR items hold alternatives (a { list }). */
typedef enum ob_item_kind {
	OB_I_OR,
	OB_I_PREFIX,		/* plist: inline prefixes */
	OB_I_PREFIXSET,		/* name, orlonger */
	OB_I_AF,		/* n */
	OB_I_PLEN,		/* lo..hi, neg */
	OB_I_AS,		/* astype, lo..hi, neg, asv (OB_CV_*) */
	OB_I_ASSET,		/* astype, name */
	OB_I_COMM,		/* comm */
	OB_I_OVS,		/* n: MC_ROV_* mask */
	OB_I_MAXASLEN,		/* n */
	OB_I_NEXTHOP,		/* name: address or "neighbor" */
	OB_I_ORIGINSET,		/* name */
	OB_I_UNKNOWN,		/* name: the text */
} ob_item_kind;

typedef struct ob_item ob_item;
struct ob_item {
	ob_item_kind kind;
	MC_VEC(ob_item *) kids;
	mc_prefix_list *plist;
	const char *name;
	bool orlonger, neg;
	int astype;		/* MC_C_AS_ANY / _FIRST / _ORIGIN / _TRANSIT */
	int asv;		/* OB_CV_NUM or OB_CV_LOCAL / OB_CV_NEIGHBOR */
	uint32_t lo, hi;
	int n;
	ob_comm comm;
};

typedef enum ob_peer_kind {
	OB_P_ANY, OB_P_IBGP, OB_P_EBGP, OB_P_ADDR, OB_P_GROUP, OB_P_AS,
} ob_peer_kind;

typedef struct ob_peerspec {
	ob_peer_kind kind;
	const char *s;		/* address text or group name */
	mc_prefix p;		/* address, af 0 if it did not parse */
	uint32_t as;
} ob_peerspec;

enum { OB_ALLOW, OB_DENY, OB_MATCH };

typedef struct ob_rule {
	int action;		/* OB_ALLOW / OB_DENY / OB_MATCH */
	bool quick;
	int dir;		/* 0 from (import), 1 to (export) */
	MC_VEC(ob_peerspec) peers;
	MC_VEC(ob_item *) items;	/* all must match */
	ob_sets sets;
	bool nbr_dep;		/* compiles differently per neighbour */
	const char *text;	/* the rule without its set part */
	int line;
} ob_rule;

typedef struct ob_asset {
	const char *name;
	MC_VEC(uint32_t) asns;
	int line;
} ob_asset;

typedef struct ob_origin_entry {
	mc_range r;
	uint32_t asn;
} ob_origin_entry;

typedef struct ob_originset {
	const char *name;
	MC_VEC(ob_origin_entry) e;
	int line;
} ob_originset;

/* Neighbour or group under construction; a neighbour copies its group at
 * the point where it is defined, as bgpd does. */
typedef struct ob_nbr {
	mc_neighbor n;
	int transparent_as;	/* -1 unset, 0, 1 */
	int export_mode;	/* 0 normal, 1 none, 2 default-route */
	int export_line;
	ob_sets sets;		/* 'set' in a neighbour/group block */
	bool af_explicit[MC_AFI_COUNT];	/* 'announce IPvX ...' seen */
	bool af_on[MC_AFI_COUNT];
	int af;			/* MC_AF4/MC_AF6 of the address or template */
	mc_neighbor *out;	/* the model neighbour (sessions only) */
} ob_nbr;

typedef struct ob_shared {
	int dir;
	size_t *idx;
	size_t n;
	const char *name;
} ob_shared;

/* Conditions built once per set (as-set for one AS part, origin-set). */
typedef struct ob_condcache {
	const char *name;
	int kind;		/* OB_I_ASSET / OB_I_ORIGINSET */
	int astype;
	mc_cond *c;
} ob_condcache;

typedef struct obp {
	mc_arena *a;
	mc_device *d;
	ob_lex lx;
	size_t i;		/* token cursor */
	MC_VEC(ob_asset *) asets;
	MC_VEC(ob_originset *) osets;
	MC_VEC(ob_nbr *) nbrs;
	MC_VEC(ob_nbr *) groups;
	MC_VEC(ob_rule *) rules;
	MC_VEC(mc_prefix_list *) orlonger;	/* prefix-set NAME or-longer */
	MC_VEC(ob_shared) shared;
	MC_VEC(ob_condcache) conds;
	int nshared[2];
	size_t budget;		/* terms compiled so far, bounded */
} obp;

/* Cursor and value helpers (openbgpd_parse.c). */
const ob_tok *ob_cur(const obp *);
void ob_adv(obp *);
bool ob_at_end(const obp *);		/* NL, '}' or EOF */
void ob_skip_stmt(obp *);
const char *ob_text(obp *, size_t from, size_t to);
void ob_unparsed(obp *, size_t from, const char *section);
/* End of an understood statement: anything left on it is reported. */
void ob_finish(obp *, size_t from, const char *section);
/* Skip one element of a { list }: to ',', newline or the closing '}'. */
void ob_skip_elem(obp *);
bool ob_parse_asn(const ob_tok *, uint32_t *);
bool ob_parse_u32(const ob_tok *, uint32_t *);
bool ob_parse_prefix(const ob_tok *, mc_prefix *);
/* A prefix with optional prefixlen/or-longer/maxlen: ranges appended. */
bool ob_parse_prefix_spec(obp *, mc_prefix_list *, int line);
/* prefixlen operators after 'prefixlen': ranges in lo/hi, count or -1. */
int ob_plen_op(obp *, int base, int max, int lo[2], int hi[2]);
bool ob_parse_comm(obp *, int kind, ob_comm *, bool for_set);
/* 'set attr' or 'set { ... }' after the 'set' keyword. */
void ob_parse_sets(obp *, ob_sets *, const char *section);

/* Filter rules (openbgpd_filter.c). */
void ob_parse_rule(obp *);
void ob_compile_filters(obp *);

/* Entry with parser flags (OB_LEX_*), for the fuzzer and tests. */
mc_device *mc_openbgpd_parse(mc_arena *, const char *file, const char *buf,
    size_t len, int flags, mc_diag *);

#endif
