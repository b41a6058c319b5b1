/*
 * The AS-path signature of a route for a neighbour's chain: the verdict of
 * every condition in the chain that reads the path (as-path lists and
 * regexes, lengths, AS ranges, filter-lists), in a fixed order.  Two paths
 * with the same signature (and length) go through the chain alike, so the
 * result cache keys on it instead of on the path: the seven bogon-ASN
 * probes a list denies are one evaluation, and neighbours that share a
 * route-map share their normal probe.  No signature (the raw path is used)
 * when the chain could rewrite the path (prepend) before reading it, or
 * holds anything the walk does not know.  Signatures worked out are kept
 * per plan by the path (SIG_MEMO).
 */
#include <string.h>

#include "policy/policy_int.h"

#define SIG_DEPTH 32
/* Statements and conditions visited per plan: the walk is static, so
 * routines called from many places would be walked once per call site
 * (exponential in hostile configurations); past this, key on the path. */
#define SIG_STEPS 4096

/* What a signature evaluates, in order: a condition on the path, or an
 * as-path list applied on the neighbour.  The walk that finds them does
 * not depend on the route, so it runs once per neighbour and direction
 * (the plan) and each signature only evaluates. */
typedef struct sig_item {
	const mc_cond *c;		/* or */
	const mc_aspath_list *l;
} sig_item;

/* Signatures already worked out, by a hash of the path: the rules send
 * the same probe paths through a chain again (each rule asks with the
 * neighbour's probe variants), and a signature depends on the path only. */
#define SIG_MEMO 32
typedef struct sig_memo {
	uint32_t *path;		/* NULL: empty slot */
	int len;
	bool ok;
	unsigned char *bits;	/* the plan's items.n of them */
} sig_memo;

struct sig_plan {
	MC_VEC(sig_item) items;
	bool fail;		/* no signature: key on the path */
	sig_memo *memo;		/* SIG_MEMO slots, made on first use */
};

static size_t
memo_slot(const mc_route *r)
{
	uint64_t h = 0x9e3779b97f4a7c15ull ^ (uint64_t)r->path_len;
	int i;

	for (i = 0; i < r->path_len; i++)
		h = (h ^ r->path[i]) * 0xff51afd7ed558ccdull;
	return (size_t)(h >> 59) & (SIG_MEMO - 1);
}

typedef struct walk {
	mc_engine *e;
	struct sig_plan *p;
	long steps;
} walk;

static void walk_policy(walk *, const mc_policy *, int);

static void
add_item(walk *w, const mc_cond *c, const mc_aspath_list *l)
{
	sig_item it = { c, l };

	mc_vec_push(w->e->cache, &w->p->items, it);
}

static void
walk_cond(walk *w, const mc_cond *c, int depth)
{
	size_t i;

	if (c == NULL || w->p->fail)
		return;
	if (depth > SIG_DEPTH || ++w->steps > SIG_STEPS) {
		w->p->fail = true;
		return;
	}
	if (pol_cond_on_path(c->kind)) {
		/* these hold for the whole flow or for none of it */
		add_item(w, c, NULL);
		return;
	}
	switch (c->kind) {
	case MC_C_AND:
	case MC_C_OR:
	case MC_C_NOT:
		for (i = 0; i < c->kids.n; i++)
			walk_cond(w, c->kids.v[i], depth + 1);
		return;
	case MC_C_AS_PEER:	/* depends on the neighbour: not cached anyway */
	case MC_C_UNKNOWN:
		w->p->fail = true;
		return;
	case MC_C_POLICY:
		walk_policy(w, mc_dev_policy(w->e->dev, c->ref), depth + 1);
		return;
	default:		/* prefix, community, RPKI...: not the path */
		return;
	}
}

static void
walk_block(walk *w, const mc_block *b, int depth)
{
	size_t i;

	if (depth > SIG_DEPTH) {
		w->p->fail = true;
		return;
	}
	for (i = 0; i < b->n && !w->p->fail; i++) {
		const mc_stmt *st = b->v[i];

		if (st == NULL)
			continue;
		if (++w->steps > SIG_STEPS || st->kind == MC_S_UNKNOWN ||
		    (st->kind == MC_S_SET && st->set == MC_SET_PREPEND)) {
			/* too long to walk, not understood, or it changes
			 * the path a later condition sees */
			w->p->fail = true;
			return;
		}
		walk_cond(w, st->cond, depth + 1);
		if (st->kind == MC_S_CALL)
			walk_policy(w, mc_dev_policy(w->e->dev, st->ref),
			    depth + 1);
		walk_block(w, &st->then, depth + 1);
		walk_block(w, &st->els, depth + 1);
	}
}

static void
walk_policy(walk *w, const mc_policy *p, int depth)
{
	size_t i;

	if (p == NULL || w->p->fail)
		return;		/* undefined: the semantics table decides */
	if (depth > SIG_DEPTH) {
		w->p->fail = true;
		return;
	}
	for (i = 0; i < p->terms.n && !w->p->fail; i++)
		walk_block(w, &p->terms.v[i].body, depth + 1);
}

static struct sig_plan *
make_plan(mc_engine *e, const mc_neighbor *n, mc_dir dir)
{
	struct sig_plan *p = mc_alloc(e->cache, sizeof(*p));
	walk w = { e, p, 0 };
	size_t st, c;
	int afi;

	for (afi = 0; afi < MC_AFI_COUNT && !p->fail; afi++) {
		const mc_direction_policy *dp = dir == MC_DIR_IN ?
		    &n->af[afi].in : &n->af[afi].out;

		for (st = 0; st < dp->stages.n && !p->fail; st++)
			for (c = 0; c < dp->stages.v[st].chain.n; c++) {
				const mc_polref *ref = &dp->stages.v[st].chain.v[c];
				const mc_aspath_list *l;

				if (ref->kind == MC_REF_POLICY)
					walk_policy(&w, mc_dev_policy(e->dev,
					    ref->name), 1);
				else if (ref->kind == MC_REF_ASPATH_LIST &&
				    (l = mc_dev_aspath_list(e->dev,
				    ref->name)) != NULL)
					add_item(&w, NULL, l);
			}
	}
	return p;
}

bool
pol_path_sig(mc_engine *e, const mc_neighbor *n, mc_dir dir,
    const mc_route *r, unsigned char *bits, size_t max, size_t *nbits)
{
	struct chain_ent *ch = pol_chain(e, n, dir);
	struct sig_plan *p;
	const mc_aspath_entry *hit;
	sig_memo *memo;
	mc_prefix any;
	flow f;
	ev x;
	size_t i;
	bool ok;

	if (ch == NULL)
		return false;
	if (ch->plan == NULL)
		ch->plan = make_plan(e, n, dir);
	p = ch->plan;
	if (p->fail || p->items.n > max)
		return false;
	if (r->path_len < 0 || r->path_len > 128)
		memo = NULL;
	else {
		if (p->memo == NULL)
			p->memo = mc_alloc(e->cache, SIG_MEMO * sizeof(*p->memo));
		memo = &p->memo[memo_slot(r)];
		if (memo->path != NULL && memo->len == r->path_len &&
		    memcmp(memo->path, r->path, (size_t)r->path_len *
		    sizeof(r->path[0])) == 0) {
			if (p->items.n > 0)
				memcpy(bits, memo->bits, p->items.n);
			*nbits = p->items.n;
			return memo->ok;
		}
	}
	memset(&any, 0, sizeof(any));
	any.af = MC_AF4;
	pol_ev_init(&x, e, n, dir, false);
	memset(&f, 0, sizeof(f));
	f.set = mc_rs_single(x.tmp, &any);
	f.r = r;
	for (i = 0; i < p->items.n; i++) {
		const sig_item *it = &p->items.v[i];

		if (it->c != NULL) {
			const char *why;
			mc_rangeset t = pol_cond(&x, it->c, &f, &why);

			bits[i] = !mc_rs_empty(&t);
		} else
			bits[i] = pol_aspath_list(&x, it->l, r, &hit) == 1;
	}
	/* A regex that could not run, or a condition on the neighbour:
	 * the raw path it is. */
	ok = !x.approx && !x.nbr_dep;
	pol_ev_done(&x);
	*nbits = p->items.n;
	if (memo != NULL) {
		/* a new copy each time: a slot's old one may be shorter */
		memo->path = mc_alloc_nz(e->cache, (size_t)(r->path_len + 1) *
		    sizeof(r->path[0]));
		memo->bits = mc_alloc_nz(e->cache, p->items.n + 1);
		memcpy(memo->path, r->path, (size_t)r->path_len *
		    sizeof(r->path[0]));
		memcpy(memo->bits, bits, p->items.n);
		memo->len = r->path_len;
		memo->ok = ok;
	}
	return ok;
}
