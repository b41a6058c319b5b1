/*
 * The AS-path signature of a route for a neighbour's chain: the verdict of
 * every condition in the chain that reads the path (as-path lists and
 * regexes, lengths, AS ranges, filter-lists), in a fixed order.  Two paths
 * with the same signature (and length) go through the chain alike, so the
 * result cache keys on it instead of on the path: the seven bogon-ASN
 * probes a list denies are one evaluation, and neighbours that share a
 * route-map share their normal probe.  No signature (the raw path is used)
 * when the chain could rewrite the path (prepend) before reading it, or
 * holds anything the walk does not know.
 */
#include <string.h>

#include "policy/policy_int.h"

#define SIG_DEPTH 32
/* Statements and conditions visited per signature: the walk is static, so
 * routines called from many places would be walked once per call site
 * (exponential in hostile configurations); past this, key on the path. */
#define SIG_STEPS 4096

typedef struct sig {
	ev *x;
	flow *f;		/* the route, with a one-prefix set */
	unsigned char *bits;
	size_t n, max;
	long steps;
	bool fail;
} sig;

static void sig_policy(sig *, const mc_policy *, int);

static void
sig_put(sig *s, bool v)
{
	if (s->n >= s->max) {
		s->fail = true;
		return;
	}
	s->bits[s->n++] = v ? 1 : 0;
}

static void
sig_cond(sig *s, const mc_cond *c, int depth)
{
	const char *why;
	size_t i;

	if (c == NULL || s->fail)
		return;
	if (depth > SIG_DEPTH || ++s->steps > SIG_STEPS) {
		s->fail = true;
		return;
	}
	if (pol_cond_on_path(c->kind)) {
		/* these hold for the whole flow or for none of it */
		mc_rangeset t = pol_cond(s->x, c, s->f, &why);

		sig_put(s, !mc_rs_empty(&t));
		return;
	}
	switch (c->kind) {
	case MC_C_AND:
	case MC_C_OR:
	case MC_C_NOT:
		for (i = 0; i < c->kids.n; i++)
			sig_cond(s, c->kids.v[i], depth + 1);
		return;
	case MC_C_AS_PEER:	/* depends on the neighbour: not cached anyway */
	case MC_C_UNKNOWN:
		s->fail = true;
		return;
	case MC_C_POLICY:
		sig_policy(s, mc_dev_policy(s->x->e->dev, c->ref), depth + 1);
		return;
	default:		/* prefix, community, RPKI...: not the path */
		return;
	}
}

static void
sig_block(sig *s, const mc_block *b, int depth)
{
	size_t i;

	if (depth > SIG_DEPTH) {
		s->fail = true;
		return;
	}
	for (i = 0; i < b->n && !s->fail; i++) {
		const mc_stmt *st = b->v[i];

		if (st == NULL)
			continue;
		if (++s->steps > SIG_STEPS || st->kind == MC_S_UNKNOWN ||
		    (st->kind == MC_S_SET && st->set == MC_SET_PREPEND)) {
			/* too long to walk, not understood, or it changes
			 * the path a later condition sees */
			s->fail = true;
			return;
		}
		sig_cond(s, st->cond, depth + 1);
		if (st->kind == MC_S_CALL)
			sig_policy(s, mc_dev_policy(s->x->e->dev, st->ref),
			    depth + 1);
		sig_block(s, &st->then, depth + 1);
		sig_block(s, &st->els, depth + 1);
	}
}

static void
sig_policy(sig *s, const mc_policy *p, int depth)
{
	size_t i;

	if (p == NULL || s->fail)
		return;		/* undefined: the semantics table decides */
	if (depth > SIG_DEPTH) {
		s->fail = true;
		return;
	}
	for (i = 0; i < p->terms.n && !s->fail; i++)
		sig_block(s, &p->terms.v[i].body, depth + 1);
}

bool
pol_path_sig(mc_engine *e, const mc_neighbor *n, mc_dir dir,
    const mc_route *r, unsigned char *bits, size_t max, size_t *nbits)
{
	mc_prefix any;
	flow f;
	ev x;
	sig s;
	int afi;
	size_t st, c;

	memset(&any, 0, sizeof(any));
	any.af = MC_AF4;
	pol_ev_init(&x, e, n, dir, false);
	memset(&f, 0, sizeof(f));
	f.set = mc_rs_single(x.tmp, &any);
	f.r = *r;
	memset(&s, 0, sizeof(s));
	s.x = &x;
	s.f = &f;
	s.bits = bits;
	s.max = max;
	for (afi = 0; afi < MC_AFI_COUNT && !s.fail; afi++) {
		const mc_direction_policy *dp = dir == MC_DIR_IN ?
		    &n->af[afi].in : &n->af[afi].out;

		for (st = 0; st < dp->stages.n && !s.fail; st++)
			for (c = 0; c < dp->stages.v[st].chain.n; c++) {
				const mc_polref *ref = &dp->stages.v[st].chain.v[c];
				const mc_aspath_list *l;
				const mc_aspath_entry *hit;

				if (ref->kind == MC_REF_POLICY)
					sig_policy(&s, mc_dev_policy(e->dev,
					    ref->name), 1);
				else if (ref->kind == MC_REF_ASPATH_LIST &&
				    (l = mc_dev_aspath_list(e->dev,
				    ref->name)) != NULL)
					sig_put(&s, pol_aspath_list(&x, l, r,
					    &hit) == 1);
			}
	}
	/* A regex that could not run, or a condition on the neighbour:
	 * the raw path it is. */
	if (x.approx || x.nbr_dep)
		s.fail = true;
	pol_ev_done(&x);
	*nbits = s.n;
	return !s.fail;
}
