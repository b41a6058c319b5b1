/*
 * Policy engine internals.  One evaluator: the state is a flow = (set of
 * prefixes still under consideration, the route's other attributes).
 * Conditions on the prefix split a flow's set; conditions on attributes
 * hold or fail for the whole flow.  A concrete evaluation is the same run
 * with a one-prefix set (and a trace).
 */
#ifndef MANRS_POLICY_INT_H
#define MANRS_POLICY_INT_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "manrs/policy.h"

#define EV_MAX_DEPTH 16		/* call / policy-as-condition nesting */
/* Statements executed per evaluation.  The corpus and the bench need at
 * most about a thousand; past the limit the run drops what is left and is
 * approximate.  A flow carries a whole route (about 1 KB), so the limit
 * also bounds an evaluation's memory. */
#define EV_MAX_STEPS 200000L
#define EV_MAX_COND_DEPTH 200	/* nested AND/OR/NOT */

struct pol_re_tok;

struct re_ent {
	char *text;		/* NULL: free slot */
	int dialect;
	pcre2_code *code;	/* NULL: the regex does not compile */
	struct pol_re_tok *tok;	/* aspath_tokens.c, NULL: PCRE2 only */
	bool compiled;		/* code is set (tok regexes: on first need) */
	unsigned uses;		/* matches so far, until it is JIT-compiled */
	bool jit_tried;
};

struct memo_ent {
	const void *key;	/* prefix list or ACL; NULL: free slot */
	mc_rangeset set;
	bool approx;
	bool fixed;		/* set is as compaction leaves it (mc_rs_compact) */
	bool indexed;		/* ix built: one-prefix flows meet set by it */
	uint8_t win[2][2];	/* mc_rs_windows of set */
	mc_rs_index ix;
};

/* Intersections of a flow's set with a list's permitted set, shared by
 * evaluations that reach the same list with the same set (neighbours whose
 * routes differ only in attributes the list does not read). */
struct isect_ent {
	const void *key;	/* the list; NULL: free slot */
	uint64_t h1, h2;	/* the flow's set */
	mc_rangeset set;
};

/* Differences and unions of big sets, shared the same way: a route
 * server sends every neighbour's flow through the same conditions, and a
 * BIRD "a || b || c" takes each match away from what is left and adds it
 * to what matched. */
enum { SETOP_SUB, SETOP_UNION };
struct setop_ent {
	const void *eng;	/* the engine; NULL: free slot */
	int op;			/* SETOP_* */
	uint64_t x1, x2, y1, y2;	/* the two sets */
	uint64_t r1, r2;	/* and the answer's */
	mc_rangeset set;
};

/* Symbolic results of whole chains, shared by neighbours whose chains,
 * route attributes and target are the same. */
struct res_ent {
	uint64_t h;
	unsigned char *key;	/* NULL: free slot */
	size_t klen;
	mc_rangeset set;
	bool approx;
	/* Keyed without the path's length (engine.c, cache_key): the most
	 * ASes the run prepended to any route; valid for a path of length L
	 * while L + grow <= 128 (no prepend is cut short). */
	int grow;
};

/* What a policy's conditions can look at (reads.c): MC_READ_* of policy.h. */

/* As-path list verdicts: a neighbour's probes send the same path through
 * the same list once per flow and once per rule (symbolic, then the
 * concrete counter-example), each a regex match per entry; 101-ASN paths
 * make those matches long.  Direct-mapped; a miss just matches again. */
#define ASPM_SLOTS 512
struct aspm_ent {
	const void *list;	/* NULL: empty slot */
	uint32_t *path;		/* a copy in the engine's cache arena */
	int len;
	int verdict;		/* pol_aspath_list's answer */
	int hit;		/* index of the matching entry, -1 none */
	bool approx;		/* a regex could not be run */
};

struct reads_ent {
	const mc_policy *p;	/* NULL: free slot */
	unsigned mask;
	int state;		/* 1 being computed, 2 done */
};

/* The last regex looked up per hash of its string's address. */
#define RE_LAST 64
struct re_last {
	const char *re;
	int d;
	struct re_ent *slot;
};

/* A neighbour's chain in one direction, as the result cache keys it
 * (engine.c): the chain's description interned (equal descriptions, equal
 * ids, so neighbours sharing a route-map share entries) and what its
 * conditions read.  Worked out once per neighbour, not per query. */
struct chain_ent {
	const mc_neighbor *n;	/* NULL: free slot */
	int dir;
	uint64_t id;
	unsigned reads;
	struct sig_plan *plan;	/* pathsig.c, made on first use */
};

/* An interned chain description. */
struct chain_id {
	uint64_t h;
	unsigned char *text;	/* NULL: free slot */
	size_t len;
	uint64_t id;
};

struct mc_engine {
	const mc_device *dev;
	mc_arena *arena;	/* the caller's: text that findings keep */
	mc_arena *cache;	/* ours: cached sets and keys, freed with the engine */
	mc_arena *scratch;	/* an evaluation's temporaries, reset after each */
	bool scratch_busy;
	bool brief_trace;	/* mc_engine_brief_trace */
	const mc_semantics *sem;
	struct re_ent *re;
	size_t nre, capre;
	struct re_last relast[RE_LAST];
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	struct memo_ent *memo;
	size_t nmemo, capmemo;
	struct res_ent *res;
	size_t nres, capres;
	struct isect_ent *isect;
	size_t nisect, capisect;
	struct setop_ent *setop;
	size_t nsetop, capsetop, setop_bytes;
	/* The last answers setop gave, by operation, and their hashes: an
	 * "a || b || c" subtracts from what the previous subtraction left
	 * and adds to what the previous union made. */
	struct {
		const mc_range *v;
		size_t n;
		uint64_t h1, h2;
	} oplast[2];
	struct reads_ent *reads;
	size_t nreads, capreads;
	struct aspm_ent *aspm;	/* ASPM_SLOTS, allocated on first use */
	struct chain_ent *chains;
	size_t nchains, capchains;
	/* Indexes of the frozen sets flows start from (the rules' targets:
	 * global unicast, too specific...), with parents: lists meet them
	 * by mc_rs_index_isect_set (engine.c, pol_isect). */
	struct target_ix {
		const mc_range *v;	/* NULL: free */
		size_t n;
		uint64_t fp[2];
		mc_rs_index ix;
	} tix[8];
	struct chain_id *ids;
	size_t nids, capids;
	/* The model's objects by the names the policies give, by the name's
	 * address (pol_ref): conditions name the same few lists on every
	 * evaluation, and the model's lookup hashes and compares the name. */
	struct ref_ent {
		const char *name;	/* NULL: empty */
		int kind;
		const void *obj;	/* NULL too when the name is undefined */
	} refs[128];
	const char *nopol[2][2];	/* no_policy_text: [import][accepts] */
};

enum { POL_REF_POLICY, POL_REF_PLIST, POL_REF_ASPATH };
const void *pol_ref(mc_engine *, int kind, const char *name);
static inline const mc_policy *
pol_policy(mc_engine *e, const char *name)
{
	return pol_ref(e, POL_REF_POLICY, name);
}
static inline const mc_prefix_list *
pol_plist(mc_engine *e, const char *name)
{
	return pol_ref(e, POL_REF_PLIST, name);
}
static inline const mc_aspath_list *
pol_aspath(mc_engine *e, const char *name)
{
	return pol_ref(e, POL_REF_ASPATH, name);
}

/* The trace is a persistent list (newest first), shared by branches. */
typedef struct tnode {
	const struct tnode *prev;
	mc_trace_step s;
} tnode;

/* A flow's route is shared by the flows copied from it, never written
 * through: a set action gives the flow a copy first (exec.c, apply_set).
 * A route is most of a kilobyte and flows are copied at every branch. */
typedef struct flow {
	mc_rangeset set;
	const mc_route *r;
	bool mark;		/* accept at the end unless something decides */
	const tnode *tr;
} flow;

enum { V_ACCEPT, V_REJECT, V_NEXT, V_RETURN };

typedef struct outcome {
	flow f;
	int v;
} outcome;

typedef MC_VEC(outcome) outvec;
typedef MC_VEC(flow) flowvec;

struct call_memo;

typedef struct ev {
	mc_engine *e;
	mc_arena *tmp;		/* scratch, freed when the evaluation ends */
	mc_arena *out;		/* trace text: the engine's arena */
	const mc_neighbor *nbr;
	mc_dir dir;
	bool trace;
	bool why;		/* trace, with the conditions' reasons */
	bool approx;
	bool nbr_dep;		/* the answer depends on the neighbour itself */
	long steps;
	int depth;
	int cdepth;		/* nesting of AND/OR/NOT being evaluated */
	int plen0;		/* the path's length on entry */
	int grow;		/* most ASes prepended to a route so far */
	bool cut;		/* a prepend was cut short at 128 ASes */
	struct call_memo *cm;	/* exec.c: calls already run */
	size_t ncm, capcm;
} ev;


/* aspath_regex.c: the regex compiled (one compile, not a validation and
 * another), NULL when it does not translate or compile. */
pcre2_code *pol_regex_compile(const char *re, mc_regex_dialect);

/* aspath_tokens.c: the common Cisco shapes matched on whole AS numbers;
 * compile gives NULL for any other regex, match -1 for a subject that is
 * not numbers separated by single spaces (then PCRE2 answers). */
struct pol_re_tok *pol_re_tok_compile(const char *re);
int pol_re_tok_match(const struct pol_re_tok *, const char *subj, size_t len);
int pol_re_tok_match_asns(const struct pol_re_tok *, const uint32_t *path,
    int len);
/* engine.c: a regex on a route's AS path without writing the path out
 * when the token matcher takes the regex; -2 when it does not (then
 * pol_re_match on the text). */
int pol_re_match_asns(ev *, const char *re, mc_regex_dialect,
    const mc_route *);
void pol_re_tok_free(struct pol_re_tok *);

/* engine.c */
void pol_ev_init(ev *, mc_engine *, const mc_neighbor *, mc_dir, bool trace);
void pol_ev_done(ev *);
/* re: a string of the model (its address keys a cache for the engine's
 * life). */
int pol_re_match(ev *, const char *re, mc_regex_dialect, const char *subj);
void pol_set_hash(const mc_rangeset *, uint64_t *h1, uint64_t *h2);
void pol_note_text(ev *, flow *, const char *policy, const char *term,
    int line, const char *what);
void pol_note(ev *, flow *, const char *policy, const char *term, int line,
    const char *fmt, ...) __attribute__((format(printf, 6, 7)));
bool pol_flow_prefix(const flow *, mc_prefix *);
/* f ∩ s, where s is the permitted set of list `key` (a prefix list or
 * ACL of the device): remembered for the engine's life.  Like the result
 * cache's sets, the answer has cap == n, so an add by the caller copies. */
mc_rangeset pol_isect(ev *, const mc_rangeset *f, const void *key,
    const mc_rangeset *s);
/* x minus y and x plus y, remembered for the engine's life when the
 * sets are big (cap == n, as pol_isect's). */
mc_rangeset pol_subtract(ev *, const mc_rangeset *x, const mc_rangeset *y);
mc_rangeset pol_union(ev *, const mc_rangeset *x, const mc_rangeset *y);
const struct memo_ent *pol_memo_get(mc_engine *, const void *key);
void pol_memo_put(mc_engine *, const void *key, const mc_rangeset *,
    bool fixed, bool approx);

/* eval_cond.c */
mc_rangeset pol_cond(ev *, const mc_cond *, const flow *, const char **why);
const mc_rangeset *pol_plist_set(ev *, const mc_prefix_list *, bool named,
    bool *approx);
const mc_rangeset *pol_acl_set(ev *, const mc_acl *, bool *approx);
/* Conditions on the AS path alone, true for a whole flow or for none
 * (MC_C_AS_PEER also reads the neighbour). */
static inline bool
pol_cond_on_path(mc_cond_kind k)
{
	return k == MC_C_ASPATH_LIST || k == MC_C_ASPATH_REGEX ||
	    k == MC_C_ASPATH_LEN || k == MC_C_AS_ANY || k == MC_C_AS_ORIGIN ||
	    k == MC_C_AS_FIRST || k == MC_C_AS_TRANSIT;
}

/* pathsig.c: the chain's path-condition verdicts for r (false: none,
 * key on the path itself) */
/* engine.c: the engine's tables are open-addressed, a slot free where the
 * pointer at offset off is NULL.  Doubles *tab (or makes it, of start
 * slots), placing each entry at hash(entry); false when out of memory
 * (the table is then unchanged). */
bool pol_tab_grow(void *tab, size_t *cap, size_t start, size_t esz,
    size_t off, uint64_t (*hash)(const void *));
/* engine.c: the neighbour's chain in direction dir (NULL: out of memory);
 * the pointer holds until the next call for another neighbour (the table
 * may grow). */
struct chain_ent *pol_chain(mc_engine *, const mc_neighbor *, mc_dir);
bool pol_path_sig(mc_engine *, const mc_neighbor *, mc_dir, const mc_route *,
    unsigned char *bits, size_t max, size_t *nbits);
int pol_aspath_list(ev *, const mc_aspath_list *, const mc_route *,
    const mc_aspath_entry **hit);
const char *pol_plist_hit(ev *, const mc_prefix_list *, const mc_prefix *);
const char *pol_range_str(ev *, const mc_range *);
const char *pol_path_str(const mc_route *, char *buf, size_t n);
/* One community as the device shows it to a community regex (FRR:
 * well-known values by name). */
const char *pol_comm_text(ev *, const mc_community *, char *buf, size_t n);

/* exec.c */
void pol_run(ev *, const mc_policy *, const flow *, bool called, outvec *);
const char *pol_kind_word(const mc_device *);

#endif
