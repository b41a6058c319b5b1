/*
 * Junos configuration groups: `groups NAME { ... }` applied with
 * `apply-groups [ A B ]` at any level (and removed below a level with
 * `apply-groups-except`), wildcards <*> / <ge-*> in the group matching
 * existing statements only.  Statements in the configuration itself win over
 * group data; the first group listed wins over later ones; groups applied at
 * a lower level come before the ones inherited from above.
 */
#include <string.h>

#include "conf/junos_tree.h"

#define MAXG 32		/* groups in effect at one level */
#define MAXM 64		/* group nodes matching one configuration node */

typedef struct gmatch {
	const jt_node *g;	/* the group's root (groups > NAME) */
	const jt_node *n;	/* the group node at this path */
} gmatch;

typedef struct gx {
	jt_tree *t;
	const jt_node *groups;
	const jt_node *path[JT_MAX_DEPTH + 2];
	size_t limit;
} gx;

/* Group nodes under gn matching the configuration word w. */
static int
descend(const jt_node *g, const jt_node *gn, const jt_node *w, gmatch *out,
    int nout)
{
	jt_node *k;

	if ((k = jt_kidn(gn, w->w, w->wlen)) != NULL && nout < MAXM) {
		out[nout].g = g;
		out[nout++].n = k;
	}
	if ((gn->flags & JT_HASWILD) == 0)
		return nout;
	for (k = jt_first(gn); k != NULL && nout < MAXM; k = jt_next(k)) {
		if (!jt_wild_is(k->w, k->wlen))
			continue;
		if (jt_wild_match(k->w, k->wlen, w->w, w->wlen)) {
			out[nout].g = g;
			out[nout++].n = k;
		}
	}
	return nout;
}

/* All nodes of group g at the configuration path path[1..depth]. */
static int
collect(const gx *x, const jt_node *g, int depth, gmatch *out, int nout)
{
	gmatch a[MAXM], b[MAXM];
	int na = 1, nb, i, d;

	a[0].g = g;
	a[0].n = g;
	for (d = 1; d <= depth && na > 0; d++) {
		nb = 0;
		for (i = 0; i < na; i++)
			nb = descend(g, a[i].n, x->path[d], b, nb);
		memcpy(a, b, sizeof(b[0]) * (size_t)nb);
		na = nb;
	}
	for (i = 0; i < na && nout < MAXM; i++)
		out[nout++] = a[i];
	return nout;
}

static bool
in_list(const jt_node *const *v, int n, const jt_node *g)
{
	int i;

	for (i = 0; i < n; i++)
		if (v[i] == g)
			return true;
	return false;
}

static void
merge(gx *x, jt_node *n, const jt_node *gn)
{
	jt_node *c;
	bool had = jt_first(n) != NULL;

	if (had && jt_is_value_key(n))
		return;
	for (c = jt_first(gn); c != NULL; c = jt_next(c)) {
		if (jt_wild_is(c->w, c->wlen) || jt_is(c, "apply-groups") ||
		    jt_is(c, "apply-groups-except"))
			continue;
		if (x->t->nodes >= x->limit) {
			x->t->groups_truncated = true;
			return;
		}
		jt_add(x->t, n, c->w, c->wlen, c->line,
		    (c->flags & JT_QUOTED) | JT_INHERITED);
	}
}

static void
expand(gx *x, jt_node *n, int depth, const jt_node *const *peff, int npeff,
    const gmatch *pm, int npm)
{
	const jt_node *eff[MAXG];
	gmatch m[MAXM];
	jt_node *k, *ag, *ex;
	const jt_node *g;
	int neff = 0, nm = 0, i, j;

	if (depth > JT_MAX_DEPTH || x->t->groups_truncated)
		return;
	x->path[depth] = n;
	/* Groups applied here, then the inherited ones not excepted. */
	ag = jt_kid(n, "apply-groups");
	for (k = jt_first(ag); k != NULL && neff < MAXG; k = jt_next(k))
		if ((g = jt_kidn(x->groups, k->w, k->wlen)) != NULL &&
		    !in_list(eff, neff, g))
			eff[neff++] = g;
	ex = jt_kid(n, "apply-groups-except");
	for (i = 0; i < npeff && neff < MAXG; i++) {
		if (in_list(eff, neff, peff[i]) ||
		    jt_kidn(ex, peff[i]->w, peff[i]->wlen) != NULL)
			continue;
		eff[neff++] = peff[i];
	}
	/* Where each group is at this path. */
	for (i = 0; i < neff; i++) {
		if (in_list(peff, npeff, eff[i])) {
			for (j = 0; j < npm; j++)
				if (pm[j].g == eff[i] && nm < MAXM)
					nm = descend(eff[i], pm[j].n, n, m, nm);
		} else
			nm = collect(x, eff[i], depth, m, nm);
	}
	for (i = 0; i < neff; i++)
		for (j = 0; j < nm; j++)
			if (m[j].g == eff[i])
				merge(x, n, m[j].n);
	for (k = jt_first(n); k != NULL; k = jt_next(k)) {
		if (depth == 0 && jt_is(k, "groups"))
			continue;
		if (jt_is(k, "apply-groups") || jt_is(k, "apply-groups-except"))
			continue;
		if (neff == 0 && !(k->flags & JT_INHERITED) &&
		    !jt_kid(k, "apply-groups") && k->nkids == 0)
			continue;	/* a leaf: nothing to inherit */
		expand(x, k, depth + 1, eff, neff, m, nm);
	}
}

void
jt_expand_groups(jt_tree *t)
{
	gx x;
	size_t lim;

	memset(&x, 0, sizeof(x));
	x.t = t;
	x.groups = jt_kid(t->root, "groups");
	if (x.groups == NULL)
		return;
	lim = t->nodes * 16 + 1000000;
	x.limit = lim < JT_MAX_NODES ? lim : JT_MAX_NODES;
	expand(&x, t->root, 0, NULL, 0, NULL, 0);
}
