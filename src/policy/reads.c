/*
 * Which route attributes a neighbour's chain can look at.  The result
 * cache leaves the others out of its key, so that probing a prefix-list
 * filter with a hundred AS paths costs one evaluation, not a hundred.
 * Conservative: anything not understood reads everything.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "policy/policy_int.h"

#define READS_DEPTH 64

static unsigned policy_reads(mc_engine *, const mc_policy *, int, bool *);

static unsigned
cond_reads(mc_engine *e, const mc_cond *c, int depth, bool *cyc)
{
	unsigned m = 0;
	size_t i;

	if (c == NULL)
		return 0;
	if (depth > READS_DEPTH)
		return MC_READ_ALL;
	if (pol_cond_on_path(c->kind) || c->kind == MC_C_AS_PEER)
		return MC_READ_PATH;
	switch (c->kind) {
	case MC_C_TRUE:
	case MC_C_FALSE:
	case MC_C_PREFIX_LIST:
	case MC_C_PREFIX_ACL:
	case MC_C_PREFIX_INLINE:
	case MC_C_NET_LEN:
	case MC_C_NET_AF:
	case MC_C_NEIGHBOR:	/* the neighbour, not the route (nbr_dep) */
		return 0;
	case MC_C_AND:
	case MC_C_OR:
	case MC_C_NOT:
		for (i = 0; i < c->kids.n; i++)
			m |= cond_reads(e, c->kids.v[i], depth + 1, cyc);
		return m;
	case MC_C_COMMUNITY_LIST:
	case MC_C_COMMUNITY:
		return MC_READ_COMM;
	case MC_C_RPKI:
		return MC_READ_ROV;
	case MC_C_PROTOCOL:
		return MC_READ_PROTO;
	case MC_C_NEXT_HOP:
		return MC_READ_NH;
	case MC_C_LOCAL_PREF:
		return MC_READ_LP;
	case MC_C_POLICY:
		return policy_reads(e, mc_dev_policy(e->dev, c->ref), depth + 1,
		    cyc);
	default:		/* MC_C_UNKNOWN and kinds added later */
		return MC_READ_ALL;
	}
}

static unsigned
block_reads(mc_engine *e, const mc_block *b, int depth, bool *cyc)
{
	unsigned m = 0;
	size_t i;

	if (depth > READS_DEPTH)
		return MC_READ_ALL;
	for (i = 0; i < b->n; i++) {
		const mc_stmt *s = b->v[i];

		if (s == NULL)
			continue;
		m |= cond_reads(e, s->cond, depth + 1, cyc);
		if (s->kind == MC_S_CALL)
			m |= policy_reads(e, mc_dev_policy(e->dev, s->ref),
			    depth + 1, cyc);
		else if (s->kind == MC_S_UNKNOWN)
			m |= MC_READ_ALL;
		m |= block_reads(e, &s->then, depth + 1, cyc);
		m |= block_reads(e, &s->els, depth + 1, cyc);
	}
	return m;
}

static uint64_t
reads_hash(const void *slot)
{
	return (uintptr_t)((const struct reads_ent *)slot)->p >> 4;
}

static struct reads_ent *
reads_slot(mc_engine *e, const mc_policy *p)
{
	size_t i;

	if ((e->nreads + 1) * 2 > e->capreads &&
	    !pol_tab_grow(&e->reads, &e->capreads, 64, sizeof(*e->reads),
	    offsetof(struct reads_ent, p), reads_hash))
		return NULL;
	for (i = ((uintptr_t)p >> 4) & (e->capreads - 1); e->reads[i].p != NULL;
	    i = (i + 1) & (e->capreads - 1))
		if (e->reads[i].p == p)
			return &e->reads[i];
	e->reads[i].p = p;
	e->nreads++;
	return &e->reads[i];
}

static unsigned
policy_reads(mc_engine *e, const mc_policy *p, int depth, bool *cyc)
{
	struct reads_ent *r;
	unsigned m = 0;
	size_t i;

	if (p == NULL)
		return 0;	/* undefined: semantics table, no attribute */
	if (depth > READS_DEPTH || (r = reads_slot(e, p)) == NULL)
		return MC_READ_ALL;
	if (r->state == 2)
		return r->mask;
	if (r->state == 1) {	/* a cycle: do not trust partial answers */
		*cyc = true;
		return MC_READ_ALL;
	}
	r->state = 1;
	for (i = 0; i < p->terms.n; i++)
		m |= block_reads(e, &p->terms.v[i].body, depth + 1, cyc);
	/* reads_slot may have moved the table: look the entry up again */
	r = reads_slot(e, p);
	if (r == NULL)
		return MC_READ_ALL;
	r->mask = *cyc ? MC_READ_ALL : m;
	r->state = 2;
	return r->mask;
}

unsigned
mc_policy_reads(mc_engine *e, const mc_neighbor *n, int want, mc_dir dir)
{
	unsigned m = 0;
	bool cyc = false;
	const mc_direction_policy *dp;
	size_t s, c;
	int afi;

	for (afi = 0; afi < MC_AFI_COUNT; afi++) {
		if (want >= 0 && afi != want)
			continue;
		dp = dir == MC_DIR_IN ? &n->af[afi].in : &n->af[afi].out;
		for (s = 0; s < dp->stages.n; s++)
			for (c = 0; c < dp->stages.v[s].chain.n; c++) {
				const mc_polref *pr = &dp->stages.v[s].chain.v[c];

				switch (pr->kind) {
				case MC_REF_PREFIX_LIST:
				case MC_REF_ACL:
					break;
				case MC_REF_ASPATH_LIST:
					m |= MC_READ_PATH;
					break;
				case MC_REF_POLICY:
					m |= policy_reads(e, mc_dev_policy(e->dev,
					    pr->name), 0, &cyc);
					break;
				default:
					m |= MC_READ_ALL;
					break;
				}
			}
	}
	return m;
}
