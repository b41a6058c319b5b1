/*
 * Resolution after extraction: fill what every extractor would otherwise
 * repeat (neighbour addresses), and make the model safe for the engine
 * (policy call cycles are cut and reported).  Idempotent: running it twice
 * changes nothing.
 */
#include <string.h>

#include "manrs/vendor.h"

enum { WHITE, GREY, BLACK };

typedef struct walk {
	mc_device *d;
	unsigned char *color;
	int depth;
} walk;

static int policy_index(const mc_device *, const char *);
static void visit_policy(walk *, int);

static void
visit_block(walk *w, mc_block *b, const mc_policy *from);

static void
visit_ref(walk *w, const char *ref, int line, const mc_policy *from,
    mc_stmt *st, mc_cond *c)
{
	int j = policy_index(w->d, ref);

	if (j < 0)
		return;		/* undefined: a rule reports it */
	if (w->color[j] == GREY || w->depth > 64) {
		/* A call cycle (or absurd depth) would make evaluation loop. */
		mc_vec_push(w->d->arena, &w->d->notes, mc_printf(w->d->arena,
		    "line %d: policy %s calls %s, which calls it back: the "
		    "call is treated as not understood", line, from->name, ref));
		if (st != NULL) {
			st->kind = MC_S_UNKNOWN;
			st->str = mc_printf(w->d->arena, "call %s (cycle)", ref);
		}
		if (c != NULL) {
			c->kind = MC_C_UNKNOWN;
			c->str = mc_printf(w->d->arena, "policy %s (cycle)", ref);
		}
		return;
	}
	if (w->color[j] == WHITE) {
		w->depth++;
		visit_policy(w, j);
		w->depth--;
	}
}

static void
visit_cond(walk *w, mc_cond *c, const mc_policy *from, int depth)
{
	size_t i;

	if (c == NULL || depth > 64)
		return;
	if (c->kind == MC_C_POLICY && c->ref != NULL)
		visit_ref(w, c->ref, c->line, from, NULL, c);
	for (i = 0; i < c->kids.n; i++)
		visit_cond(w, c->kids.v[i], from, depth + 1);
}

static void
visit_block(walk *w, mc_block *b, const mc_policy *from)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		mc_stmt *s = b->v[i];

		if (s == NULL)
			continue;
		visit_cond(w, s->cond, from, 0);
		if (s->kind == MC_S_CALL && s->ref != NULL)
			visit_ref(w, s->ref, s->line, from, s, NULL);
		if (w->depth > 64)
			return;
		visit_block(w, &s->then, from);
		visit_block(w, &s->els, from);
	}
}

static int
policy_index(const mc_device *d, const char *name)
{
	size_t i;

	if (name == NULL)
		return -1;
	for (i = 0; i < d->policies.n; i++)
		if (strcmp(d->policies.v[i]->name, name) == 0)
			return (int)i;
	return -1;
}

static void
visit_policy(walk *w, int j)
{
	mc_policy *p = w->d->policies.v[j];
	size_t t;

	w->color[j] = GREY;
	for (t = 0; t < p->terms.n; t++)
		visit_block(w, &p->terms.v[t].body, p);
	w->color[j] = BLACK;
}

static int
has_calls(const mc_device *d)
{
	size_t i, t, k;

	for (i = 0; i < d->policies.n; i++)
		for (t = 0; t < d->policies.v[i]->terms.n; t++) {
			const mc_block *b = &d->policies.v[i]->terms.v[t].body;

			for (k = 0; k < b->n; k++)
				if (b->v[k] != NULL && (b->v[k]->kind == MC_S_CALL ||
				    b->v[k]->kind == MC_S_IF))
					return 1;
		}
	return 0;
}

void
mc_resolve(mc_device *d)
{
	size_t i;

	if (d == NULL)
		return;
	mc_dev_index(d);
	for (i = 0; i < d->neighbors.n; i++) {
		mc_neighbor *n = d->neighbors.v[i];

		if (n->addr.af == 0 && n->address != NULL)
			(void)mc_addr_parse(n->address, strlen(n->address),
			    &n->addr);
	}
	if (d->policies.n > 0 && has_calls(d)) {
		walk w;

		w.d = d;
		w.depth = 0;
		w.color = mc_alloc(d->arena, d->policies.n);
		for (i = 0; i < d->policies.n; i++)
			if (w.color[i] == WHITE)
				visit_policy(&w, (int)i);
	}
}
