/*
 * Helpers shared by the rule files: probe routes, the sets they are run
 * against, witnesses, and address-space arithmetic.
 */
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "rules_int.h"

const char *
mc_nbr_id(const mc_neighbor *n)
{
	if (n->address != NULL)
		return n->address;
	if (n->name != NULL)
		return n->name;
	return "?";
}

bool
mc_rule_applies(mc_rule_ctx *ctx, const mc_rule *r, const mc_neighbor *n)
{
	if (n->is_group_only || n->shutdown)
		return false;
	if ((unsigned)n->role >= 32 || !(r->roles & (1u << n->role)))
		return false;
	/* An unknown role applies only to eBGP sessions, except for rules
	 * valid for every session. */
	if (n->role == MC_ROLE_UNKNOWN && !(r->roles & ROLE(INTERNAL)) &&
	    !mc_is_ebgp(ctx->dev, n))
		return false;
	return true;
}

const char *
mc_afi_name(int afi)
{
	return afi == MC_AFI_V6 ? "IPv6" : "IPv4";
}

static const char *
ref_word(mc_vendor v, mc_ref_kind k)
{
	switch (k) {
	case MC_REF_PREFIX_LIST:
		return v == MC_VENDOR_IOSXR ? "prefix-set" : "prefix-list";
	case MC_REF_ASPATH_LIST:
		return v == MC_VENDOR_JUNOS ? "as-path" : "filter-list";
	case MC_REF_ACL:
		return "distribute-list";
	case MC_REF_POLICY:
	default:
		break;
	}
	switch (v) {
	case MC_VENDOR_IOSXR:
		return "route-policy";
	case MC_VENDOR_JUNOS:
		return "policy";
	case MC_VENDOR_BIRD:
		return "filter";
	case MC_VENDOR_OPENBGPD:
		return "rules";
	case MC_VENDOR_SROS:
		return "policy";
	default:
		return "route-map";
	}
}

const char *
mc_policy_word(mc_vendor v)
{
	return ref_word(v, MC_REF_POLICY);
}

struct nbr_text *
mc_nbr_text(mc_rule_ctx *ctx, const mc_neighbor *n)
{
	struct nbr_text *t;

	if (ctx->cache == NULL)
		return NULL;
	/* neighbours lie a struct's size apart: spread by a multiply */
	t = &ctx->cache->ntext[(((uintptr_t)n * 0x9e3779b97f4a7c15ull) >>
	    56) % (sizeof(ctx->cache->ntext) / sizeof(ctx->cache->ntext[0]))];
	if (t->n != n) {
		memset(t, 0, sizeof(*t));
		t->n = n;
	}
	return t;
}

const char *
mc_nbr_text_once(mc_rule_ctx *ctx, const mc_neighbor *n, size_t off,
    const char *(*make)(mc_rule_ctx *, const mc_neighbor *))
{
	struct nbr_text *t = mc_nbr_text(ctx, n);
	const char **slot;

	if (t == NULL)
		return make(ctx, n);
	slot = (const char **)(void *)((char *)t + off);
	if (*slot == NULL)
		*slot = make(ctx, n);
	return *slot;
}

static const char *dir_chain(mc_rule_ctx *, const mc_neighbor *, int,
    mc_dir);

/* "route-map CUST-IN", "prefix-list P and route-map M", "policy [A B]". */
const char *
mc_dir_chain(mc_rule_ctx *ctx, const mc_neighbor *n, int afi, mc_dir dir)
{
	struct nbr_text *t = mc_nbr_text(ctx, n);
	int d = dir == MC_DIR_IN;

	if (t == NULL || afi < 0 || afi >= MC_AFI_COUNT)
		return dir_chain(ctx, n, afi, dir);
	if (t->chain[afi][d] == NULL)
		t->chain[afi][d] = dir_chain(ctx, n, afi, dir);
	return t->chain[afi][d];
}

static const char *
dir_chain(mc_rule_ctx *ctx, const mc_neighbor *n, int afi, mc_dir dir)
{
	const mc_direction_policy *dp = dir == MC_DIR_IN ? &n->af[afi].in :
	    &n->af[afi].out;
	const char *s = NULL;
	size_t i, j;

	for (i = 0; i < dp->stages.n; i++) {
		const mc_stage *st = &dp->stages.v[i];
		const char *one;

		if (st->chain.n == 0)
			continue;
		if (st->chain.n == 1)
			one = mc_printf(ctx->arena, "%s %s",
			    ref_word(ctx->dev->vendor, st->chain.v[0].kind),
			    st->chain.v[0].name);
		else {
			one = mc_printf(ctx->arena, "%s [%s",
			    ref_word(ctx->dev->vendor, st->chain.v[0].kind),
			    st->chain.v[0].name);
			for (j = 1; j < st->chain.n && j < 8; j++)
				one = mc_printf(ctx->arena, "%s %s", one,
				    st->chain.v[j].name);
			one = mc_printf(ctx->arena, "%s%s]", one,
			    j < st->chain.n ? " ..." : "");
		}
		s = s == NULL ? one : mc_printf(ctx->arena, "%s and %s", s, one);
	}
	return s != NULL ? s : "without a policy";
}

uint32_t
mc_nbr_asn(const mc_device *d, const mc_neighbor *n)
{
	(void)d;
	return n->remote_as_kind == MC_RAS_NUMBER ? n->remote_as : 0;
}

uint32_t
mc_dev_asn(mc_rule_ctx *ctx)
{
	if (ctx->dev->bgp.asn != 0)
		return ctx->dev->bgp.asn;
	if (ctx->opts != NULL && ctx->opts->policy != NULL)
		return ctx->opts->policy->asn;
	return 0;
}

void
mc_path_set(mc_route *r, const uint32_t *asns, int n)
{
	int i;

	if (n > (int)(sizeof(r->path) / sizeof(r->path[0])))
		n = (int)(sizeof(r->path) / sizeof(r->path[0]));
	for (i = 0; i < n; i++)
		r->path[i] = asns[i];
	r->path_len = n;
}

int
mc_probe_variants(const mc_neighbor *n)
{
	(void)n;
	return 2;
}

int
mc_variants_for(mc_rule_ctx *ctx, size_t ni, int afi)
{
	return mc_chain_uses(ctx, ni, afi, MC_DIR_IN) & USE_PATH ?
	    mc_probe_variants(ctx->dev->neighbors.v[ni]) : 1;
}

/*
 * A plausible route from this neighbour: customers originate their own
 * routes ([N], then [N X] for their cone); peers and providers send routes
 * of others ([N X], then [N]); a route server passes on its members'
 * routes unchanged ([X Y], then [N X]).
 */
void
mc_probe_attrs(mc_rule_ctx *ctx, const mc_neighbor *n, int afi, int variant,
    mc_route *out)
{
	uint32_t nas = mc_nbr_asn(ctx->dev, n), p[2];

	memset(out, 0, sizeof(*out));
	out->prefix.af = (uint8_t)mc_afi_af(afi);
	out->rov = MC_ROV_NOTFOUND;
	out->protocol = "bgp";
	if (nas == 0)
		nas = PROBE_AS;
	if (n->role == MC_ROLE_RS && variant == 0) {
		p[0] = PROBE_AS;
		p[1] = PROBE_AS2;
		mc_path_set(out, p, 2);
		return;
	}
	p[0] = nas;
	p[1] = nas == PROBE_AS ? PROBE_AS2 : PROBE_AS;
	if (n->role == MC_ROLE_CUSTOMER || n->role == MC_ROLE_RS_CLIENT)
		mc_path_set(out, p, variant == 0 ? 1 : 2);
	else
		mc_path_set(out, p, variant == 0 ? 2 : 1);
}

const mc_rangeset *
mc_global(mc_rule_ctx *ctx, int afi)
{
	return &ctx->cache->k->global[afi];
}

const mc_rangeset *
mc_bogons(mc_rule_ctx *ctx, int afi)
{
	return ctx->cache->k->bogons[afi];
}

const mc_rangeset *
mc_normal_accepted(mc_rule_ctx *ctx, size_t ni, int afi, mc_route *attrs)
{
	mc_nbr_cache *nc = &ctx->cache->nbr[ni];
	const mc_neighbor *n = ctx->dev->neighbors.v[ni];
	int v, nv = mc_variants_for(ctx, ni, afi);

	if (!nc->normal_done[afi]) {
		nc->normal_done[afi] = true;
		for (v = 0; v < nv; v++) {
			bool approx = false;

			mc_probe_attrs(ctx, n, afi, v, &nc->normal_attrs[afi]);
			nc->normal[afi] = mc_eval_accepted(ctx->engine, n,
			    MC_DIR_IN, &nc->normal_attrs[afi],
			    mc_global(ctx, afi), &approx);
			nc->normal_approx[afi] = approx;
			if (!mc_rs_empty(&nc->normal[afi]))
				break;
		}
		if (mc_rs_empty(&nc->normal[afi]))
			mc_probe_attrs(ctx, n, afi, 0, &nc->normal_attrs[afi]);
	}
	if (attrs != NULL)
		*attrs = nc->normal_attrs[afi];
	return &nc->normal[afi];
}

bool
mc_leak_witness(mc_rule_ctx *ctx, const mc_neighbor *n, mc_dir dir,
    const mc_route *attrs, const mc_rangeset *accepted, mc_route *route,
    mc_eval_result *res)
{
	mc_rangeset cur = *accepted;
	mc_prefix w;
	int tries;

	/* The symbolic answer may over-approximate when the policy has
	 * constructs the engine cannot model: confirm on a concrete route. */
	for (tries = 0; tries < 4; tries++) {
		mc_rangeset one;

		if (!mc_rs_witness(&cur, &w))
			return false;
		*route = *attrs;
		route->prefix = w;
		*res = mc_eval_route(ctx->engine, n, dir, route);
		if (res->accept)
			return true;
		one = mc_rs_single(ctx->arena, &w);
		cur = mc_rs_subtract(ctx->arena, &cur, &one);
	}
	return false;
}

const uint32_t *
mc_tf_list(mc_rule_ctx *ctx, size_t *n)
{
	const mc_check_opts *o = ctx->opts;

	if (o != NULL && o->data != NULL && o->data->ntransit_free > 0 &&
	    o->data->transit_free != NULL) {
		*n = o->data->ntransit_free;
		return o->data->transit_free;
	}
	if (o != NULL && o->policy != NULL && o->policy->transit_free.n > 0) {
		*n = o->policy->transit_free.n;
		return o->policy->transit_free.v;
	}
	return mc_transit_free_default(n);
}

/* ---- address space ------------------------------------------------------ */

void
mc_rs_add_hosts(mc_arena *a, mc_rangeset *rs, const mc_prefix *p)
{
	mc_range r;
	int bits = mc_af_bits(p->af);

	if (mc_range_make(p, bits, bits, &r))
		mc_rs_add(a, rs, &r);
}

mc_rangeset
mc_rs_hosts_of(mc_arena *a, const mc_rangeset *ranges)
{
	mc_rangeset out;
	size_t i;

	memset(&out, 0, sizeof(out));
	for (i = 0; i < ranges->n; i++)
		mc_rs_add_hosts(a, &out, &ranges->v[i].p);
	out.overflow = ranges->overflow;
	return out;
}

static void
add_le(mc_arena *a, mc_rangeset *rs, const mc_prefix *p)
{
	int max = p->af == MC_AF6 ? 48 : 24;
	mc_range r;

	if (mc_range_make(p, p->len, p->len > max ? p->len : max, &r))
		mc_rs_add(a, rs, &r);
}

static void
own_build(mc_rule_ctx *ctx)
{
	const mc_policyfile *pf = ctx->opts != NULL ? ctx->opts->policy : NULL;
	mc_rule_cache *c = ctx->cache;
	size_t i;

	c->own_done = true;
	if (pf != NULL && pf->prefixes.n > 0) {
		c->own_from_pf = true;
		for (i = 0; i < pf->prefixes.n; i++)
			add_le(ctx->arena, &c->own[mc_af_afi(pf->prefixes.v[i].af)],
			    &pf->prefixes.v[i]);
		return;
	}
	for (i = 0; i < ctx->dev->origins.n; i++) {
		const mc_origin *o = &ctx->dev->origins.v[i];

		if (o->prefix.af == 0 || o->vrf != NULL)
			continue;
		add_le(ctx->arena, &c->own[mc_af_afi(o->prefix.af)], &o->prefix);
	}
}

const mc_rangeset *
mc_own_space(mc_rule_ctx *ctx, int afi)
{
	if (!ctx->cache->own_done)
		own_build(ctx);
	return &ctx->cache->own[afi];
}

/*
 * Customers' prefixes as ranges: the policy file's, and what each customer
 * neighbour's import filter accepts when that filter is an explicit list.
 */
/* Customers that share a filter accept the same set (the result cache
 * hands out one frozen copy): a second copy adds nothing to a union but
 * its sorting.  Whether s, frozen, was met before; remembers it. */
typedef MC_VEC(const mc_rangeset *) setvec;

static bool
seen_set(mc_rule_ctx *ctx, setvec *seen, const mc_rangeset *s)
{
	size_t i;

	if (s->fp[0] == 0 && s->fp[1] == 0)
		return false;	/* not frozen: no hash to compare */
	for (i = 0; i < seen->n; i++)
		if (seen->v[i]->fp[0] == s->fp[0] &&
		    seen->v[i]->fp[1] == s->fp[1] && seen->v[i]->n == s->n &&
		    (seen->v[i]->v == s->v || memcmp(seen->v[i]->v, s->v,
		    s->n * sizeof(*s->v)) == 0))
			return true;
	mc_vec_push(ctx->arena, seen, s);
	return false;
}

const mc_rangeset *
mc_customer_space(mc_rule_ctx *ctx, int afi)
{
	mc_rule_cache *c = ctx->cache;
	const mc_policyfile *pf = ctx->opts != NULL ? ctx->opts->policy : NULL;
	setvec seen = {0};
	size_t i, j;
	int f;

	if (c->cust_done)
		return &c->cust[afi];
	c->cust_done = true;
	if (pf != NULL)
		for (i = 0; i < pf->neighbors.n; i++) {
			const mc_nbr_match *m = &pf->neighbors.v[i];

			/* `device:` scopes which session the entry describes;
			 * the customer's prefixes are customer space for the
			 * whole AS (its traffic and routes leave anywhere). */
			if (m->role != MC_ROLE_CUSTOMER &&
			    m->role != MC_ROLE_RS_CLIENT)
				continue;
			for (j = 0; j < m->prefixes.n; j++)
				add_le(ctx->arena,
				    &c->cust[mc_af_afi(m->prefixes.v[j].af)],
				    &m->prefixes.v[j]);
		}
	for (i = 0; i < ctx->dev->neighbors.n; i++) {
		const mc_neighbor *n = ctx->dev->neighbors.v[i];

		if (n->is_group_only || n->shutdown ||
		    (n->role != MC_ROLE_CUSTOMER && n->role != MC_ROLE_RS_CLIENT))
			continue;
		for (f = 0; f < MC_AFI_COUNT; f++) {
			const mc_rangeset *acc;

			if (!n->af[f].active)
				continue;
			acc = mc_normal_accepted(ctx, i, f, NULL);
			if (mc_rs_empty(acc) || !mc_nbr_filter_is_explicit(ctx,
			    i, f, acc, NULL, NULL) || seen_set(ctx, &seen, acc))
				continue;
			/* append now, compact once: pairwise unions are
			 * quadratic on routers with hundreds of customers */
			mc_rs_append(ctx->arena, &c->cust[f], acc);
		}
	}
	for (f = 0; f < MC_AFI_COUNT; f++)
		mc_rs_compact(ctx->arena, &c->cust[f]);
	return &c->cust[afi];
}

/* The memo's slot for a frozen set's hash and size: its entry, or the
 * free slot where it goes. */
static struct probe_memo *
probe_memo_slot(mc_rule_cache *c, int afi, const uint64_t fp[2], size_t n)
{
	size_t i = (size_t)(fp[0] ^ (uint64_t)afi) & (c->pm_cap - 1);

	for (;; i = (i + 1) & (c->pm_cap - 1)) {
		struct probe_memo *m = &c->pm[i];

		if (m->afi < 0 || (m->afi == afi && m->fp[0] == fp[0] &&
		    m->fp[1] == fp[1] && m->n == n))
			return m;
	}
}

static void
probe_memo_grow(mc_rule_ctx *ctx)
{
	mc_rule_cache *c = ctx->cache;
	struct probe_memo *old = c->pm;
	size_t i, ocap = c->pm_cap;

	c->pm_cap = ocap ? ocap * 2 : 64;
	c->pm = mc_alloc_nz(ctx->arena, c->pm_cap * sizeof(*c->pm));
	for (i = 0; i < c->pm_cap; i++)
		c->pm[i].afi = -1;
	for (i = 0; i < ocap; i++)
		if (old[i].afi >= 0)
			*probe_memo_slot(c, old[i].afi, old[i].fp, old[i].n) =
			    old[i];
}

/* Which probes the set holds: one pass over it for all of them, instead
 * of a scan of it per probe (customer lists have hundreds of entries). */
static int
probes_in(mc_rule_ctx *ctx, int afi, const mc_rangeset *s, int *first)
{
	mc_rule_cache *c = ctx->cache;
	const mc_rangeset *q = &c->k->probesorted[afi];
	bool in[MC_NPROBES];
	size_t k;
	int n = 0;

	*first = -1;
	mc_rs_has_each(ctx->arena, s, q, in);
	for (k = 0; k < q->n; k++)
		if (in[k]) {
			if (*first < 0 || c->k->probeorder[afi][k] < *first)
				*first = c->k->probeorder[afi][k];
			n++;
		}
	return n;
}

/* The memo's entry for a frozen set, made (with its probes) on first
 * use; NULL for a set that is not frozen. */
static struct probe_memo *
probe_memo(mc_rule_ctx *ctx, int afi, const mc_rangeset *s)
{
	mc_rule_cache *c = ctx->cache;
	struct probe_memo *m;

	if (s->fp[0] == 0 && s->fp[1] == 0)
		return NULL;
	if (2 * (c->pm_n + 1) > c->pm_cap)
		probe_memo_grow(ctx);
	m = probe_memo_slot(c, afi, s->fp, s->n);
	if (m->afi < 0) {
		m->fp[0] = s->fp[0];
		m->fp[1] = s->fp[1];
		m->n = s->n;
		m->afi = afi;
		m->hits = probes_in(ctx, afi, s, &m->first);
		m->space_done = false;
		c->pm_n++;
	}
	return m;
}

int
mc_probe_hits(mc_rule_ctx *ctx, int afi, const mc_rangeset *accepted,
    int *first)
{
	struct probe_memo *m;
	int n, f;

	/* Asked again for an equal set (another neighbour with the same
	 * filter): the answer is the content's. */
	if ((m = probe_memo(ctx, afi, accepted)) != NULL) {
		n = m->hits;
		f = m->first;
	} else
		n = probes_in(ctx, afi, accepted, &f);
	if (first != NULL)
		*first = f;
	return n;
}

/* The customer-filter criterion (FLT-CUSTOMER-PREFIX without data): the
 * filter is an explicit list when it accepts none of the pseudo-random
 * probes and at most a /8 (IPv4) or a /16 (IPv6) of address space. */
bool
mc_nbr_filter_is_explicit(mc_rule_ctx *ctx, size_t ni, int afi,
    const mc_rangeset *accepted, mc_prefix *probe_hit, uint64_t *space)
{
	mc_rule_cache *c = ctx->cache;
	mc_nbr_cache *nc = &c->nbr[ni];
	uint64_t limit = afi == MC_AFI_V6 ? (1ull << 48) : (1ull << 24);
	mc_prefix hit;
	uint64_t sp;
	bool expl;
	int i;

	/* Asked of the normal set by several rules: remembered for it. */
	if (accepted == &nc->normal[afi] && nc->expl_done[afi]) {
		expl = nc->expl[afi];
		hit = nc->expl_hit[afi];
		sp = nc->expl_space[afi];
	} else {
		struct probe_memo *m = probe_memo(ctx, afi, accepted);

		memset(&hit, 0, sizeof(hit));
		if (m == NULL)
			sp = mc_rs_space(ctx->arena, accepted, mc_afi_af(afi));
		else {
			if (!m->space_done) {
				m->space = mc_rs_space(ctx->arena, accepted,
				    mc_afi_af(afi));
				m->space_done = true;
			}
			sp = m->space;
		}
		if (mc_probe_hits(ctx, afi, accepted, &i) > 0) {
			hit = c->k->probes[afi][i];
			expl = false;
		} else
			expl = sp <= limit;
		if (accepted == &nc->normal[afi]) {
			nc->expl_done[afi] = true;
			nc->expl[afi] = expl;
			nc->expl_hit[afi] = hit;
			nc->expl_space[afi] = sp;
		}
	}
	if (probe_hit != NULL)
		*probe_hit = hit;
	if (space != NULL)
		*space = sp;
	return expl;
}

const mc_rangeset *
mc_nbr_space(mc_rule_ctx *ctx, size_t ni, int afi, bool *explicit_)
{
	mc_nbr_cache *nc = &ctx->cache->nbr[ni];
	const mc_nbr_match *m = nc->pf;
	size_t j;

	if (!nc->space_done[afi]) {
		nc->space_done[afi] = true;
		if (m != NULL && m->prefixes.n > 0) {
			nc->space_explicit[afi] = true;
			for (j = 0; j < m->prefixes.n; j++)
				if (m->prefixes.v[j].af == mc_afi_af(afi))
					mc_rs_add_hosts(ctx->arena,
					    &nc->space[afi], &m->prefixes.v[j]);
		} else {
			const mc_rangeset *acc = mc_normal_accepted(ctx, ni,
			    afi, NULL);

			if (!mc_rs_empty(acc) && mc_nbr_filter_is_explicit(ctx,
			    ni, afi, acc, NULL, NULL))
				nc->space[afi] = mc_rs_hosts_of(ctx->arena, acc);
		}
	}
	if (explicit_ != NULL)
		*explicit_ = nc->space_explicit[afi];
	return &nc->space[afi];
}

bool
mc_find_leak(mc_rule_ctx *ctx, const mc_neighbor *n, mc_dir dir,
    const mc_route *attrs, const mc_rangeset *target,
    const mc_rangeset *prefer, mc_route *route, mc_eval_result *res,
    mc_rangeset *acc_out, bool *approx)
{
	mc_rangeset acc, both;
	bool ap = false;

	acc = mc_eval_accepted(ctx->engine, n, dir, attrs, target, &ap);
	if (approx != NULL)
		*approx = ap || acc.overflow;
	if (acc_out != NULL)
		*acc_out = acc;
	if (mc_rs_empty(&acc)) {
		/* "Nothing leaks" from a policy we could not fully model is
		 * not a pass: the action becomes unknown unless another
		 * finding fails it. */
		if (ap || acc.overflow)
			ctx->incomplete = true;
		return false;
	}
	if (prefer != NULL) {
		both = mc_rs_intersect(ctx->arena, &acc, prefer);
		if (!mc_rs_empty(&both) && mc_leak_witness(ctx, n, dir, attrs,
		    &both, route, res))
			return true;
	}
	return mc_leak_witness(ctx, n, dir, attrs, &acc, route, res);
}

/* mc_rs_diff_witness, remembered for the device: neighbours that share
 * an export policy ask the same question with the same accepted set. */
static bool
diff_witness(mc_rule_ctx *ctx, const mc_rangeset *acc, const mc_rangeset *ex,
    const mc_rangeset *except, mc_prefix *w)
{
	mc_rule_cache *c = ctx->cache;
	struct dw_memo *m;
	bool any;
	int i;

	if (ex->v != except->v || (acc->fp[0] == 0 && acc->fp[1] == 0))
		return mc_rs_diff_witness(ctx->arena, acc, ex, w);
	for (i = 0; i < c->ndw; i++) {
		m = &c->dw[i];
		if (m->except == except && m->fp[0] == acc->fp[0] &&
		    m->fp[1] == acc->fp[1]) {
			*w = m->w;
			return m->any;
		}
	}
	any = mc_rs_diff_witness(ctx->arena, acc, ex, w);
	m = &c->dw[c->ndw < 16 ? c->ndw++ : (int)(acc->fp[0] % 16)];
	m->fp[0] = acc->fp[0];
	m->fp[1] = acc->fp[1];
	m->except = except;
	m->any = any;
	if (any)
		m->w = *w;
	return any;
}

bool
mc_find_leak_outside(mc_rule_ctx *ctx, const mc_neighbor *n, mc_dir dir,
    const mc_route *attrs, const mc_rangeset *target,
    const mc_rangeset *except, mc_route *route, mc_eval_result *res,
    bool *approx)
{
	mc_rangeset acc, ex = *except;
	bool ap = false;
	mc_prefix w;
	int tries;

	acc = mc_eval_accepted(ctx->engine, n, dir, attrs, target, &ap);
	if (approx != NULL)
		*approx = ap || acc.overflow;
	/* As mc_leak_witness: confirm on a concrete route, and look again
	 * without a prefix the concrete engine rejects. */
	for (tries = 0; tries < 4; tries++) {
		mc_rangeset one;

		if (!diff_witness(ctx, &acc, &ex, except, &w))
			break;
		*route = *attrs;
		route->prefix = w;
		*res = mc_eval_route(ctx->engine, n, dir, route);
		if (res->accept)
			return true;
		one = mc_rs_single(ctx->arena, &w);
		ex = mc_rs_union(ctx->arena, &ex, &one);
	}
	if (tries == 0 && (ap || acc.overflow))
		ctx->incomplete = true;	/* as in mc_find_leak */
	return false;
}

const char *
mc_approx_note(bool approx)
{
	return approx ? " (analysis approximate: the policy has statements "
	    "or conditions the analysis could not model)" : "";
}

const char *
mc_space_str(mc_rule_ctx *ctx, uint64_t space, int afi)
{
	int bits = 0;

	while (bits < 64 && (space >> bits) > 1)
		bits++;
	if (afi == MC_AFI_V6)
		return mc_printf(ctx->arena, "about a /%d", 64 - bits);
	return mc_printf(ctx->arena, "about a /%d", 32 - bits);
}

const mc_rangeset *
mc_normal_probe(mc_rule_ctx *ctx, size_t ni, int afi)
{
	mc_nbr_cache *nc = &ctx->cache->nbr[ni];
	const mc_rangeset *acc;
	mc_prefix w;

	if (!nc->probe_done[afi]) {
		nc->probe_done[afi] = true;
		acc = mc_normal_accepted(ctx, ni, afi, NULL);
		if (mc_rs_witness(acc, &w))
			nc->probe[afi] = mc_rs_single(ctx->arena, &w);
	}
	return &nc->probe[afi];
}

/* What the neighbour's chain looks at: the engine's analysis (one walk of
 * the policy IR for both), in the terms the rules use. */
unsigned
mc_chain_uses(mc_rule_ctx *ctx, size_t ni, int afi, mc_dir dir)
{
	mc_nbr_cache *nc = &ctx->cache->nbr[ni];
	unsigned m, u = 0;

	if (nc->uses_done[afi][dir])
		return (unsigned)nc->uses[afi][dir];
	m = mc_policy_reads(ctx->engine, ctx->dev->neighbors.v[ni], afi, dir);
	if (m & MC_READ_PATH)
		u |= USE_PATH;
	if (m & MC_READ_PROTO)
		u |= USE_PROTO;
	if (m & MC_READ_COMM)
		u |= USE_COMM;
	if (m & MC_READ_NH)
		u |= USE_NEXT_HOP;
	if (m == MC_READ_ALL)
		u |= USE_OTHER;
	nc->uses_done[afi][dir] = true;
	nc->uses[afi][dir] = (int)u;
	return u;
}
