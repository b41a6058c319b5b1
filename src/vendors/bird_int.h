/*
 * BIRD reader internals: the syntax tree of filters and functions, the
 * parser state, constant values and the filter compiler's entry points.
 *
 * bird_parse.c   tokens -> top-level objects and filter syntax trees
 * bird_sets.c    constants, sets, path masks, values
 * bird_filter.c  filter/function trees -> policy IR (inlining, folding)
 * bird_proto.c   protocols, templates, channels, statics, RPKI -> model
 * bird.c         mc_extract_bird: the whole pipeline, waivers
 */
#ifndef MANRS_BIRD_INT_H
#define MANRS_BIRD_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "conf/bird_lex.h"
#include "manrs/model.h"
#include "manrs/diag.h"

/* ---- syntax tree ---------------------------------------------------- */

typedef enum bn_kind {
	/* expressions */
	BN_NUM, BN_BOOL, BN_STR, BN_IP, BN_PREFIX, BN_SYM, BN_TUPLE,
	BN_ECKIND,	/* rt / ro / generic / unknown N as a tuple's first part */
	BN_SET, BN_RANGE, BN_WILD, BN_MASK, BN_MASK_STAR, BN_MASK_QUEST,
	BN_MASK_PLUS,	/* kids[0] repeated one or more times */
	BN_EMPTY,	/* +empty+ ...: op = 1..4 */
	BN_NOT, BN_BIN, BN_DOT, BN_CALL, BN_METHOD,
	BN_CONDVAL,	/* synthetic: aux is a compiled mc_cond */
	BN_BADEXPR,	/* an expression we could not parse */
	/* statements */
	BN_IF, BN_BLOCK, BN_CASE, BN_ARM, BN_ACCEPT, BN_REJECT, BN_RETURN,
	BN_PRINT, BN_ASSIGN, BN_EXPR, BN_DECL, BN_NOP, BN_UNKNOWN,
} bn_kind;

/* BN_PREFIX pattern kinds (op). */
enum { BP_EXACT = 0, BP_PLUS, BP_MINUS, BP_RANGE };

typedef struct bn bn;
struct bn {
	uint8_t kind;
	int op;			/* BN_BIN: operator; BN_PREFIX: BP_*; BN_EMPTY: 1..4 */
	int line;		/* line in the main file */
	int t0, t1;		/* first and last token */
	const char *s;		/* name, string, method */
	unsigned len;
	uint64_t num;
	mc_prefix pfx;		/* BN_IP, BN_PREFIX */
	int plo, phi;		/* BP_RANGE bounds */
	bn **kids;
	int nkids;
	void *aux;
	int8_t hasret;		/* cache: 1 no return inside, 2 a return inside */
};
/*
 * BN_IF: kids cond, then, else (NULL).  BN_CASE: kids[0] expr, then
 * BN_ARMs (kids[0] BN_SET of labels or NULL for else, kids[1] BN_BLOCK).
 * BN_ACCEPT/REJECT/PRINT: kids are the message expressions.  BN_RETURN:
 * kids[0] or none.  BN_ASSIGN: lhs, rhs.  BN_EXPR: the call.  BN_DECL:
 * s = name, kids[0] = initial value or none.  BN_CALL: s = name, kids =
 * arguments.  BN_METHOD: kids[0] object, s = method, kids[1..] arguments.
 * BN_DOT: kids[0] object, s = field.
 */

typedef struct bfunc {
	const char *name;
	bool is_filter;
	int line, last_line;
	const char **params;	/* parameter names */
	int nparams;
	const char **locals;	/* declared local variables */
	int nlocals;
	bn *body;		/* BN_BLOCK */
	int purity;		/* 0 not yet known, 1 pure, 2 changes the route, 3 computing */
	int simple;		/* 0 not yet known, 1 return only as the last statement, 2 no */
	mc_policy *policy;	/* filters: compiled */
} bfunc;

typedef struct bconst {
	const char *name;
	bn *expr;
	int line;
	int state;		/* 0 new, 1 evaluating, 2 done */
	struct bv *val;
} bconst;

typedef struct bproto {
	const char *type;	/* "bgp", "static", "pipe", "rpki", ... */
	const char *name;
	const char *from;
	bool is_template;
	int line, last_line;
	int b0, b1;		/* token indexes: first inside '{', the '}' */
	int waiver_first;	/* first line of the object (comments before it) */
} bproto;

typedef struct btable {
	const char *name;
	const char *kind;	/* "ipv4", "ipv6", "roa4", "roa6", "roa", "table" */
	int line;
} btable;

/* ---- values --------------------------------------------------------- */

typedef enum bv_kind {
	BV_VOID, BV_UNKNOWN, BV_INT, BV_BOOL, BV_STR, BV_IP, BV_PREFIX,
	BV_PAIR, BV_LC, BV_EC, BV_ENUM, BV_SET, BV_MASK, BV_COND, BV_ATTR,
	BV_EMPTYLIST, BV_SYMREF,
} bv_kind;

/* Route attributes a filter can read (BV_ATTR sub). */
enum {
	A_NET = 1, A_NET_LEN, A_NET_TYPE, A_NET_IP, A_PATH, A_PATH_FIRST,
	A_PATH_LAST, A_PATH_LEN, A_CLIST, A_LCLIST, A_ECLIST, A_LIST_LEN,
	A_SOURCE, A_PROTO, A_FROM, A_NEXTHOP, A_ROA, A_OTHER,
};

/* Enumeration classes (BV_ENUM sub). */
enum { EN_RTS = 1, EN_NET, EN_ROA, EN_ASPA, EN_SCOPE, EN_RTD, EN_ORIGIN,
	EN_OTHER };

/* Set items. */
enum { BSI_INT = 1, BSI_PAIR, BSI_LC, BSI_EC, BSI_PREFIX, BSI_IP, BSI_ENUM,
	BSI_STR };

typedef struct bsitem {
	uint8_t k;
	uint64_t lo[3], hi[3];	/* int: [0]; pair: [0..1]; lc: [0..2]; ec: [1..2] */
	uint32_t ectype;	/* BSI_EC */
	mc_prefix p;		/* BSI_PREFIX pattern p{plo,phi}; BSI_IP address */
	int plo, phi;
	int eclass;		/* BSI_ENUM: class, value in lo[0] */
	const char *s;		/* BSI_STR */
} bsitem;

typedef struct bset {
	const char *name;	/* the constant's name, for traces */
	int line;
	MC_VEC(bsitem) items;
	mc_prefix_list *plist;	/* prefix sets: built on first use */
} bset;

enum { BMI_ASN = 1, BMI_STAR, BMI_QUEST, BMI_SET };

typedef struct bmitem {
	uint8_t k;
	bool plus;		/* one or more of this item */
	uint32_t lo, hi;	/* BMI_ASN range */
	bset *set;		/* BMI_SET */
} bmitem;

typedef struct bmask {
	MC_VEC(bmitem) items;
} bmask;

typedef struct bv {
	uint8_t k;		/* bv_kind */
	int sub;		/* BV_ATTR: A_*; BV_ENUM: EN_*; BV_EMPTYLIST: 1..4 */
	uint64_t i;		/* int, bool, enum value */
	uint32_t a, b, c;	/* pair (a,b), lc (a,b,c), ec (type a, b, c) */
	mc_prefix p;		/* ip, prefix */
	const char *s;		/* string, unknown text, attr name, symbol */
	mc_cond *cond;		/* BV_COND */
	bset *set;
	bmask *mask;
	const bn *src;		/* where it came from (unknown texts) */
} bv;

/* A function compiled for given arguments (bird_filter.c). */
typedef struct bfmemo {
	const char *key;
	mc_policy *pol;
} bfmemo;

/* Variables of one function activation (bird_filter.c). */
typedef struct benv benv;
struct benv {
	const char *name;
	unsigned len;
	bv val;
	benv *next;
};

/* ---- parser / compiler state ---------------------------------------- */

typedef struct bp {
	mc_arena *a;
	mc_device *dev;
	mc_diag *d;
	const char *file;
	bl_lex lx;
	bl_tok *t;
	int nt;
	int i;			/* current token */
	int depth;		/* recursion guard */
	bool failed;		/* current expression could not be parsed */
	MC_VEC(bfunc *) funcs;
	MC_VEC(bconst *) consts;
	MC_VEC(bproto *) protos;
	MC_VEC(btable) tables;
	const char *router_id;
	int router_id_line;
	const char *hostname;
	int v1, v2;		/* evidence of BIRD 1.x / 2.x syntax */
	uint8_t *reported;	/* per token: unknown already counted */
	/* compiler */
	const char *section;	/* "filter X" for unparsed reports */
	long budget;		/* IR nodes left for the current policy */
	long dev_budget;	/* for the whole device */
	long steps;		/* value evaluation steps left */
	int anon;		/* generated policy counter */
	int end_line;		/* last line of the filter being compiled */
	bool overflowed;	/* the budget ran out in this policy */
	bool in_function;	/* compiling a function policy: return -> MC_S_RETURN */
	int fn_depth;		/* function policies being compiled */
	MC_VEC(struct bfmemo) memo;	/* function policies by name(args) */
	int edepth;		/* expression evaluation nesting */
	struct cdmap *cdm;	/* depth of the conditions built */
} bp;

#define BP_MAX_DEPTH	200	/* syntax nesting */
#define BP_MAX_CHAIN	512	/* a || b || ... operands in one expression */
#define BC_MAX_EDEPTH	2000	/* expression evaluation nesting */
#define BC_MAX_CDEPTH	300	/* nesting of a compiled condition */
#define BC_MAX_CALLS	32	/* inlined call depth */
#define BC_POLICY_NODES	200000L
#define BC_DEVICE_NODES	4000000L
#define BC_EVAL_STEPS	2000000L

/* bird_parse.c */
void bp_parse_top(bp *);
bn *bp_parse_expr(bp *);
bn *bp_parse_block(bp *);	/* at '{' */
bn *bp_node(bp *, int kind, int t0);
void bp_kid(bp *, bn *, bn *);
bool bp_peek_op(bp *, int op);
bool bp_peek(bp *, const char *word);
void bp_skip_item(bp *);	/* to after ';' or a balanced { } block */
const char *bp_text(bp *, int t0, int t1, unsigned *len);
bfunc *bp_func(bp *, const char *name, unsigned len);
bconst *bp_const(bp *, const char *name, unsigned len);
bproto *bp_proto(bp *, const char *name);
btable *bp_table(bp *, const char *name, unsigned len);

/* bird_sets.c */
bool bv_eval_const(bp *, const bn *, bv *);	/* no route, no variables */
bool bv_const_u32(bp *, const bn *, uint32_t *);
bool bv_is_const(const bv *);
bool bv_equal(const bv *, const bv *);
bool bv_set_from_node(bp *, const bn *, benv *, bv *);
bool bv_set_has(const bset *, const bv *, int *approx);
mc_prefix_list *bv_set_plist(bp *, bset *);
bool bv_mask_from_node(bp *, const bn *, benv *, bv *);
const char *bv_mask_regex(bp *, const bmask *);
bool bv_enum_lookup(const char *, unsigned, bv *);
const char *bv_rts_protocol(uint64_t);
bool bv_str_match(const bv *, const bv *pattern);
mc_prefix_list *bv_pattern_plist(bp *, const mc_prefix *, int lo, int hi,
    const char *name, int line);
void bv_pattern_ranges(bp *, mc_prefix_list *, const mc_prefix *, int lo,
    int hi, int line);

/* bird_filter.c */
bool bc_eval(bp *, const bn *, benv *, bv *);
mc_policy *bc_compile_filter(bp *, bfunc *);
mc_policy *bc_compile_block(bp *, const char *name, bn *block, int line);
mc_policy *bc_compile_where(bp *, const char *name, bn *expr, int line);
mc_policy *bc_compile_all(bp *, const char *name, bool accept, int line);
void bc_unknown(bp *, const bn *, const char *why);

/* bird_proto.c */
void bproto_build(bp *);

/* bird.c: the extractor with lexer flags (BL_NO_INCLUDE for fuzzing) */
mc_device *bird_extract(mc_arena *, const char *file, const char *buf,
    size_t len, int flags, mc_diag *);

#endif
