/*
 * Which BGP neighbour of a device a finding is about, found in O(log n):
 * the reports that group findings by neighbour must stay fast on routers
 * with thousands of sessions.  A finding names its neighbour by address
 * (or name, for unnumbered and interface sessions) and VRF; the first
 * neighbour in configuration order that matches wins, as in the text
 * report.
 */
#include <stdlib.h>
#include <string.h>

#include "report/common.h"

static const char *
vrf_of(const char *v)
{
	return v != NULL ? v : "default";
}

static int
cmp_ent(const void *a, const void *b)
{
	const mc_nbrent *x = a, *y = b;
	int c;

	if ((c = strcmp(x->key, y->key)) != 0)
		return c;
	if ((c = strcmp(x->vrf, y->vrf)) != 0)
		return c;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

void
mc_nbrmap_init(mc_nbrmap *m, const mc_device *d)
{
	size_t i;

	memset(m, 0, sizeof(*m));
	if (d->neighbors.n == 0)
		return;
	if ((m->v = calloc(d->neighbors.n * 2, sizeof(*m->v))) == NULL) {
		fputs("manrs-check: out of memory\n", stderr);
		abort();
	}
	for (i = 0; i < d->neighbors.n; i++) {
		const mc_neighbor *n = d->neighbors.v[i];

		if (n->is_group_only)
			continue;
		if (n->address != NULL)
			m->v[m->n++] = (mc_nbrent){ n->address, vrf_of(n->vrf), i };
		if (n->name != NULL && (n->address == NULL ||
		    strcmp(n->name, n->address) != 0))
			m->v[m->n++] = (mc_nbrent){ n->name, vrf_of(n->vrf), i };
	}
	if (m->n > 1)
		qsort(m->v, m->n, sizeof(*m->v), cmp_ent);
}

long
mc_nbrmap_find(const mc_nbrmap *m, const mc_finding *f)
{
	mc_nbrent k;
	size_t lo = 0, hi = m->n, mid;

	if (f->neighbor == NULL || m->n == 0)
		return -1;
	k.key = f->neighbor;
	k.vrf = vrf_of(f->vrf);
	k.idx = 0;
	/* the first entry not below (key, vrf, 0) */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cmp_ent(&m->v[mid], &k) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* sorted by index last: the earliest neighbour of that key */
	if (lo < m->n && strcmp(m->v[lo].key, k.key) == 0 &&
	    strcmp(m->v[lo].vrf, k.vrf) == 0)
		return (long)m->v[lo].idx;
	return -1;
}

void
mc_nbrmap_free(mc_nbrmap *m)
{
	free(m->v);
	memset(m, 0, sizeof(*m));
}
