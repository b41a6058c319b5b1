/*
 * FLT-UNDEFINED-REF: every reference reachable from a session (the
 * neighbour's policies and lists, conditions inside policies, calls) must
 * name something defined.  What the platform does with an undefined name
 * comes from the semantics table.
 */
#include <string.h>

#include "rules_int.h"

#define MAX_DEPTH 64

typedef struct walk {
	mc_rule_ctx *ctx;
	const mc_rule *r;
	const mc_semantics *sem;
	MC_VEC(const mc_policy *) seen;	/* visited policies */
	MC_VEC(const mc_policy *) todo;
	MC_VEC(const char *) reported;	/* "line:name" keys */
} walk;

static const char *
undef_text(mc_undef u)
{
	switch (u) {
	case MC_UNDEF_MATCH_ALL:
		return "treats it as matching every route (match-all)";
	case MC_UNDEF_MATCH_NONE:
		return "treats it as matching no route (match-none)";
	case MC_UNDEF_ACCEPT_ALL:
		return "then accepts every route (accept-all)";
	case MC_UNDEF_REJECT_ALL:
		return "then rejects every route (reject-all)";
	}
	return "behaves in a way we do not know";
}

static bool
once(walk *w, int line, const char *name)
{
	const char *key = mc_printf(w->ctx->arena, "%d:%s", line, name);
	size_t i;

	for (i = 0; i < w->reported.n; i++)
		if (strcmp(w->reported.v[i], key) == 0)
			return false;
	mc_vec_push(w->ctx->arena, &w->reported, key);
	return true;
}

/* Where a reference sits, put in words only when one is reported: most
 * references are defined, and the walk meets every condition. */
typedef struct where {
	const char *text;		/* these words, or else */
	const char *policy;		/* "policy NAME", or else */
	const mc_neighbor *nbr;		/* "neighbor ID import|export" */
	int dir;
} where;

static const char *
where_str(walk *w, const where *at)
{
	if (at->text != NULL)
		return at->text;
	if (at->policy != NULL)
		return mc_printf(w->ctx->arena, "policy %s", at->policy);
	return mc_printf(w->ctx->arena, "neighbor %s %s", mc_nbr_id(at->nbr),
	    at->dir == 0 ? "import" : "export");
}

static void
report(walk *w, int line, const mc_neighbor *n, const where *at,
    const char *kind, const char *name, mc_undef u)
{
	mc_finding *f;
	mc_fix_arg a;

	if (!once(w, line, name))
		return;
	f = mc_emit(w->ctx, w->r, line, n, NULL,
	    "%s references %s %s, which is not defined: %s %s",
	    where_str(w, at), kind,
	    name, mc_vendor_name(w->ctx->dev->vendor), undef_text(u));
	memset(&a, 0, sizeof(a));
	a.nbr = n;
	a.ref = name;
	a.ref_kind = kind;
	f->fix = mc_fix(w->ctx, FIX_UNDEFINED_REF, &a);
}

/* EOS: an undefined route-map on a neighbour counts as no policy. */
static void
report_missing(walk *w, int line, const mc_neighbor *n, const where *at,
    const char *name)
{
	mc_finding *f;
	mc_fix_arg a;

	if (!once(w, line, name))
		return;
	f = mc_emit(w->ctx, w->r, line, n, NULL,
	    "%s references policy %s, which is not defined: %s treats the "
	    "session as having no policy, so `bgp missing-policy` (or the "
	    "platform default) decides", where_str(w, at), name,
	    mc_vendor_name(w->ctx->dev->vendor));
	memset(&a, 0, sizeof(a));
	a.nbr = n;
	a.ref = name;
	a.ref_kind = "route-map";
	f->fix = mc_fix(w->ctx, FIX_UNDEFINED_REF, &a);
}

static void
want_policy(walk *w, const mc_policy *p)
{
	size_t i;

	for (i = 0; i < w->seen.n; i++)
		if (w->seen.v[i] == p)
			return;
	mc_vec_push(w->ctx->arena, &w->seen, p);
	mc_vec_push(w->ctx->arena, &w->todo, p);
}

static void
walk_cond(walk *w, const mc_policy *p, const mc_cond *c, int depth)
{
	const mc_device *d = w->ctx->dev;
	const where at = { NULL, p->name, NULL, 0 };
	size_t i;

	if (c == NULL || depth > MAX_DEPTH)
		return;
	switch (c->kind) {
	case MC_C_AND:
	case MC_C_OR:
	case MC_C_NOT:
		for (i = 0; i < c->kids.n; i++)
			walk_cond(w, p, c->kids.v[i], depth + 1);
		break;
	case MC_C_PREFIX_LIST:
		if (c->ref != NULL && mc_dev_prefix_list(d, c->ref) == NULL)
			report(w, c->line, NULL, &at, "prefix-list", c->ref,
			    w->sem->undef_prefix_list_match);
		break;
	case MC_C_PREFIX_ACL:
		if (c->ref != NULL && mc_dev_acl(d, c->ref) == NULL)
			report(w, c->line, NULL, &at, "access-list", c->ref,
			    w->sem->undef_acl_match);
		break;
	case MC_C_NEXT_HOP:	/* match ip next-hop prefix-list / ACL */
		if (c->ref == NULL)
			break;
		if (c->n == MC_C_PREFIX_ACL) {
			if (mc_dev_acl(d, c->ref) == NULL)
				report(w, c->line, NULL, &at, "access-list",
				    c->ref, w->sem->undef_acl_match);
		} else if (mc_dev_prefix_list(d, c->ref) == NULL)
			report(w, c->line, NULL, &at, "prefix-list", c->ref,
			    w->sem->undef_prefix_list_match);
		break;
	case MC_C_ASPATH_LIST:
		if (c->ref != NULL && mc_dev_aspath_list(d, c->ref) == NULL)
			report(w, c->line, NULL, &at, "as-path list", c->ref,
			    w->sem->undef_aspath_list_match);
		break;
	case MC_C_COMMUNITY_LIST:
		if (c->ref != NULL && mc_dev_community_list(d, c->ref) == NULL)
			report(w, c->line, NULL, &at, "community list",
			    c->ref, w->sem->undef_community_list_match);
		break;
	case MC_C_POLICY:
		if (c->ref == NULL)
			break;
		if (mc_dev_policy(d, c->ref) == NULL)
			report(w, c->line, NULL, &at, "policy", c->ref,
			    w->sem->undef_policy_match);
		else
			want_policy(w, mc_dev_policy(d, c->ref));
		break;
	default:
		break;
	}
}

static void
walk_block(walk *w, const mc_policy *p, const mc_block *b, int depth)
{
	const mc_device *d = w->ctx->dev;
	size_t i;

	if (depth > MAX_DEPTH)
		return;
	for (i = 0; i < b->n; i++) {
		const mc_stmt *s = b->v[i];

		if (s == NULL)
			continue;
		if (s->cond != NULL)
			walk_cond(w, p, s->cond, depth + 1);
		if (s->kind == MC_S_CALL && s->ref != NULL) {
			if (mc_dev_policy(d, s->ref) == NULL) {
				const where at = { NULL, p->name, NULL, 0 };

				report(w, s->line, NULL, &at, "policy", s->ref,
				    w->sem->undef_policy_match);
			} else
				want_policy(w, mc_dev_policy(d, s->ref));
		}
		walk_block(w, p, &s->then, depth + 1);
		walk_block(w, p, &s->els, depth + 1);
	}
}

static void
neighbor_refs(walk *w, const mc_neighbor *n)
{
	const mc_device *d = w->ctx->dev;
	int afi, dir;
	size_t i, j;

	for (afi = 0; afi < MC_AFI_COUNT; afi++)
		for (dir = 0; dir < 2; dir++) {
			const mc_direction_policy *dp = dir == 0 ?
			    &n->af[afi].in : &n->af[afi].out;
			const where at = { NULL, NULL, n, dir };

			for (i = 0; i < dp->stages.n; i++)
				for (j = 0; j < dp->stages.v[i].chain.n; j++) {
					const mc_polref *pr =
					    &dp->stages.v[i].chain.v[j];
					int line = pr->line > 0 ? pr->line :
					    n->line;

					switch (pr->kind) {
					case MC_REF_POLICY:
						if (mc_dev_policy(d, pr->name) != NULL)
							want_policy(w, mc_dev_policy(d, pr->name));
						else if (w->sem->undef_policy_is_missing)
							report_missing(w, line, n, &at,
							    pr->name);
						else
							report(w, line, n, &at, "policy",
							    pr->name,
							    w->sem->undef_policy_on_neighbor);
						break;
					case MC_REF_PREFIX_LIST:
						if (mc_dev_prefix_list(d, pr->name) == NULL)
							report(w, line, n, &at,
							    "prefix-list", pr->name,
							    w->sem->undef_prefix_list_on_neighbor);
						break;
					case MC_REF_ASPATH_LIST:
						if (mc_dev_aspath_list(d, pr->name) == NULL)
							report(w, line, n, &at,
							    "as-path list", pr->name,
							    w->sem->undef_aspath_list_on_neighbor);
						break;
					case MC_REF_ACL:
						if (mc_dev_acl(d, pr->name) == NULL)
							report(w, line, n, &at,
							    "access-list", pr->name,
							    w->sem->undef_acl_on_neighbor);
						break;
					}
				}
		}
}

void
mc_chk_undefined_ref(mc_rule_ctx *ctx, const mc_rule *r)
{
	static const mc_semantics fallback = { 0 };
	walk w;
	size_t i, k;

	memset(&w, 0, sizeof(w));
	w.ctx = ctx;
	w.r = r;
	w.sem = mc_semantics_for(ctx->dev->vendor);
	if (w.sem == NULL)
		w.sem = &fallback;
	for (i = 0; i < ctx->dev->neighbors.n; i++) {
		const mc_neighbor *n = ctx->dev->neighbors.v[i];

		if (mc_rule_applies(ctx, r, n))
			neighbor_refs(&w, n);
	}
	/* Origination policies (redistribute ... route-map X) matter too. */
	for (i = 0; i < ctx->dev->origins.n; i++) {
		const mc_origin *o = &ctx->dev->origins.v[i];

		if (o->policy == NULL)
			continue;
		if (mc_dev_policy(ctx->dev, o->policy) != NULL)
			want_policy(&w, mc_dev_policy(ctx->dev, o->policy));
		else {
			const where at = { "redistribution/origination", NULL,
			    NULL, 0 };

			report(&w, o->line, NULL, &at, "policy", o->policy,
			    w.sem->undef_policy_match);
		}
	}
	for (k = 0; k < w.todo.n && k < 10000; k++) {
		const mc_policy *p = w.todo.v[k];

		for (i = 0; i < p->terms.n; i++)
			walk_block(&w, p, &p->terms.v[i].body, 0);
	}
}
