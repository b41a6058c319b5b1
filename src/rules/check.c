/*
 * Checking one device: roles, the selected rules, waivers, order, and the
 * status of each MANRS action.
 *
 * Action status (documented in RULES.md terms):
 *  - fail:    a finding of that action with severity error that no waiver
 *             covers (warnings are guidance and do not fail an action);
 *  - unknown: otherwise, when a selected rule of that action could not run
 *             (it needs VRPs, IRR or PeeringDB data that was not given, or
 *             it said it could not decide), or no rule of it was selected;
 *  - pass:    otherwise.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "rules_int.h"

int
mc_date_cmp(int y1, int m1, int d1, int y2, int m2, int d2)
{
	if (y1 != y2)
		return y1 < y2 ? -1 : 1;
	if (m1 != m2)
		return m1 < m2 ? -1 : 1;
	if (d1 != d2)
		return d1 < d2 ? -1 : 1;
	return 0;
}

/* id in a comma list; "FLT-*" selects by prefix. */
static bool
in_list(const char *list, const char *id)
{
	const char *p = list, *e;
	size_t n, idn = strlen(id);

	while (p != NULL && *p != '\0') {
		while (*p == ',' || *p == ' ' || *p == '\t')
			p++;
		e = p;
		while (*e != '\0' && *e != ',')
			e++;
		n = (size_t)(e - p);
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (n > 0) {
			if (p[n - 1] == '*') {
				if (n - 1 <= idn && strncasecmp(p, id, n - 1) == 0)
					return true;
			} else if (n == idn && strncasecmp(p, id, n) == 0)
				return true;
		}
		p = e;
	}
	return false;
}

static bool
selected(const mc_check_opts *o, const char *id)
{
	if (o == NULL)
		return true;
	if (o->skip != NULL && in_list(o->skip, id))
		return false;
	if (o->only != NULL && *o->only != '\0' && !in_list(o->only, id))
		return false;
	return true;
}

static unsigned
data_have(const mc_check_opts *o)
{
	unsigned have = 0;

	if (o == NULL || o->data == NULL)
		return 0;
	if (o->data->vrps != NULL)
		have |= MC_DATA_VRPS;
	if (o->data->irr != NULL)
		have |= MC_DATA_IRR;
	if (o->data->peeringdb != NULL)
		have |= MC_DATA_PEERINGDB;
	return have;
}

static void
cache_init(mc_rule_ctx *ctx)
{
	mc_rule_cache *c = mc_alloc(ctx->arena, sizeof(*c));
	const mc_policyfile *pf = ctx->opts != NULL ? ctx->opts->policy : NULL;
	const mc_nbr_match **m;
	mc_route *attrs;
	size_t i;

	ctx->cache = c;
	c->k = mc_rule_consts_get();
	c->nbr = mc_alloc(ctx->arena,
	    (ctx->dev->neighbors.n + 1) * sizeof(*c->nbr));
	attrs = mc_alloc_nz(ctx->arena, (ctx->dev->neighbors.n + 1) *
	    MC_AFI_COUNT * sizeof(*attrs));
	for (i = 0; i <= ctx->dev->neighbors.n; i++)
		c->nbr[i].normal_attrs = attrs + i * MC_AFI_COUNT;
	if (pf != NULL && ctx->dev->neighbors.n > 0) {
		m = mc_alloc(ctx->arena, ctx->dev->neighbors.n * sizeof(*m));
		mc_pf_match_all(pf, ctx->dev, m);
		for (i = 0; i < ctx->dev->neighbors.n; i++)
			c->nbr[i].pf = m[i];
	}
	c->tf = mc_tf_list(ctx, &c->ntf);
}

/* ---- waivers ------------------------------------------------------------ */

static bool
rule_match(const char *want, const char *rule)
{
	return want != NULL && (strcasecmp(want, "all") == 0 ||
	    strcasecmp(want, rule) == 0);
}

static bool
nbr_match(const char *want, const char *have)
{
	mc_prefix a, b;

	if (have == NULL)
		return false;
	if (strcmp(want, have) == 0)
		return true;
	return mc_addr_parse(want, strlen(want), &a) &&
	    mc_addr_parse(have, strlen(have), &b) && mc_prefix_eq(&a, &b);
}

static bool
expired(const mc_check_opts *o, int y, int m, int d)
{
	if (y == 0)
		return false;
	return mc_date_cmp(o->today_y, o->today_m, o->today_d, y, m, d) > 0;
}

static void
emit_expired(mc_rule_ctx *ctx, const mc_finding *f, int line,
    const char *where, const char *rule, int y, int m, int d)
{
	const mc_rule *r = mc_rule_find("CFG-WAIVER-EXPIRED");
	mc_finding copy = *f, *e;

	e = mc_emit(ctx, r, line, NULL, copy.interface,
	    "waiver for %s at %s expired on %04d-%02d-%02d: the %s finding "
	    "at line %d is active again", rule, where, y, m, d, copy.rule,
	    copy.line);
	e->neighbor = copy.neighbor;
	e->vrf = copy.vrf;
}

static void
apply_waivers(mc_rule_ctx *ctx, mc_check_opts *o)
{
	const mc_policyfile *pf = o->policy;
	mc_device *d = ctx->dev;
	size_t nf = ctx->res->findings.n, i, j;
	bool *pf_expired_done = NULL, *in_expired_done = NULL;
	/* Reported even under --rules (it explains why a finding of a
	 * selected rule is back); only --skip silences it. */
	bool report = !(o->skip != NULL &&
	    in_list(o->skip, "CFG-WAIVER-EXPIRED"));

	if (pf != NULL && pf->waivers.n > 0)
		pf_expired_done = mc_alloc(ctx->arena, pf->waivers.n);
	if (d->waivers.n > 0)
		in_expired_done = mc_alloc(ctx->arena, d->waivers.n);
	for (i = 0; i < nf; i++) {
		mc_finding *f = &ctx->res->findings.v[i];
		int exp_kind = 0;	/* 1 inline, 2 policy file */
		size_t exp_idx = 0;

		for (j = 0; j < d->waivers.n && !f->waived; j++) {
			const mc_inline_waiver *w = &d->waivers.v[j];

			if (!rule_match(w->rule, f->rule) || f->line < w->first ||
			    f->line > w->last)
				continue;
			if (expired(o, w->exp_y, w->exp_m, w->exp_d)) {
				exp_kind = 1;
				exp_idx = j;
				continue;
			}
			f->waived = true;
			f->waiver_reason = w->reason != NULL ? w->reason :
			    mc_printf(ctx->arena, "inline waiver at line %d",
			    w->line);
		}
		for (j = 0; pf != NULL && j < pf->waivers.n && !f->waived; j++) {
			const mc_waiver *w = &pf->waivers.v[j];

			if (!rule_match(w->rule, f->rule))
				continue;
			if (w->device != NULL && !mc_pf_device_match(w->device, d))
				continue;
			if (w->neighbor != NULL && !nbr_match(w->neighbor,
			    f->neighbor))
				continue;
			if (w->interface != NULL && (f->interface == NULL ||
			    !mc_ifname_match(w->interface, f->interface)))
				continue;
			if (expired(o, w->exp_y, w->exp_m, w->exp_d)) {
				exp_kind = 2;
				exp_idx = j;
				continue;
			}
			f->waived = true;
			f->waiver_reason = w->reason != NULL ? w->reason :
			    mc_printf(ctx->arena, "%s:%d", pf->file, w->line);
		}
		if (f->waived || exp_kind == 0 || !report)
			continue;
		if (exp_kind == 1 && !in_expired_done[exp_idx]) {
			const mc_inline_waiver *w = &d->waivers.v[exp_idx];

			in_expired_done[exp_idx] = true;
			emit_expired(ctx, f, w->line, mc_printf(ctx->arena,
			    "line %d", w->line), w->rule, w->exp_y, w->exp_m,
			    w->exp_d);
		} else if (exp_kind == 2 && !pf_expired_done[exp_idx]) {
			const mc_waiver *w = &pf->waivers.v[exp_idx];

			pf_expired_done[exp_idx] = true;
			emit_expired(ctx, f, f->line, mc_printf(ctx->arena,
			    "%s:%d", pf->file != NULL ? pf->file : "policy file",
			    w->line), w->rule, w->exp_y, w->exp_m, w->exp_d);
		}
	}
}

/* ---- order and status --------------------------------------------------- */

static int
strcmp0(const char *a, const char *b)
{
	if (a == b)
		return 0;	/* rule ids, a neighbour's name: shared */
	if (a == NULL || b == NULL)
		return a == NULL ? -1 : 1;
	return strcmp(a, b);
}

static int
finding_cmp(const void *pa, const void *pb)
{
	const mc_finding *a = pa, *b = pb;
	int c;

	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if ((c = strcmp0(a->rule, b->rule)) != 0)
		return c;
	if ((c = strcmp0(a->neighbor, b->neighbor)) != 0)
		return c;
	if ((c = strcmp0(a->interface, b->interface)) != 0)
		return c;
	return strcmp0(a->message, b->message);
}

static void
today(mc_check_opts *o)
{
	struct tm tm;
	time_t t;

	if (o->today_y != 0)
		return;
	t = time(NULL);
	gmtime_r(&t, &tm);
	o->today_y = tm.tm_year + 1900;
	o->today_m = tm.tm_mon + 1;
	o->today_d = tm.tm_mday;
}

static const char *
keep(mc_arena *a, const char *s)
{
	return s != NULL ? mc_strdup(a, s) : NULL;
}

/* For the fields most findings of a device share (file, host, rule,
 * neighbour): one copy while the text repeats.  Mostly the very same
 * string comes again: that is known without comparing. */
typedef struct shared {
	const char *src, *copy;
} shared;

static const char *
keep_shared(mc_arena *a, const char *s, shared *last)
{
	if (s == NULL)
		return NULL;
	if (s != last->src && (last->copy == NULL ||
	    strcmp(last->copy, s) != 0))
		last->copy = mc_strdup(a, s);
	last->src = s;
	return last->copy;
}

/* Move the findings into a (the device's arena, or a brief's).  written:
 * their own text (message, example, deciding step) is there already, as
 * mc_emit and mc_finding_example wrote it (ctx.keep), and the example's
 * ROV state is one of emit.c's constant names. */
static void
keep_findings(mc_device_result *res, mc_arena *a, bool written)
{
	shared file = {0}, host = {0}, rule = {0}, nbr = {0}, vrf = {0};
	mc_finding *v = NULL;
	size_t i;

	if (res->findings.n > 0)
		v = mc_alloc(a, res->findings.n * sizeof(*v));
	for (i = 0; i < res->findings.n; i++) {
		mc_finding f = res->findings.v[i];

		f.rule = keep_shared(a, f.rule, &rule);
		f.file = keep_shared(a, f.file, &file);
		f.hostname = keep_shared(a, f.hostname, &host);
		f.neighbor = keep_shared(a, f.neighbor, &nbr);
		f.vrf = keep_shared(a, f.vrf, &vrf);
		f.interface = keep(a, f.interface);
		if (!written) {
			f.message = keep(a, f.message);
			f.ex_prefix = keep(a, f.ex_prefix);
			f.ex_path = keep(a, f.ex_path);
			f.ex_comms = keep(a, f.ex_comms);
			f.decided_by = keep(a, f.decided_by);
			f.ex_rov = keep(a, f.ex_rov);
		}
		f.fix = keep(a, f.fix);
		f.waiver_reason = keep(a, f.waiver_reason);
		v[i] = f;
	}
	res->findings.v = v;
	res->findings.cap = res->findings.n;
}

void
mc_result_brief(mc_device_result *res, mc_arena *a)
{
	res->dev = mc_device_brief(res->dev, a);
	keep_findings(res, a, false);
}

/* Did an eBGP import analysis rest on something not understood?  A
 * filter that "accepts nothing" because of an unknown condition must not
 * make the filtering action pass. */
static bool
import_approximate(const mc_rule_ctx *ctx)
{
	size_t i;
	int afi;

	for (i = 0; i < ctx->dev->neighbors.n; i++)
		for (afi = 0; afi < MC_AFI_COUNT; afi++)
			if (ctx->cache->nbr[i].normal_done[afi] &&
			    ctx->cache->nbr[i].normal_approx[afi])
				return true;
	return false;
}

/* keep: where the findings go; NULL the device's arena, else the result
 * is left as a brief there (mc_result_brief). */
static void
check_device(mc_device *dev, const mc_check_opts *opts,
    mc_device_result *res, mc_arena *keep, mc_result_hook before)
{
	mc_check_opts o;
	mc_rule_ctx ctx;
	const mc_rule *rules;
	size_t nrules, i;
	unsigned have;
	bool ran[5] = { false }, unknown[5] = { false }, fail[5] = { false };
	bool approx1;
	int a;

	memset(&o, 0, sizeof(o));
	if (opts != NULL)
		o = *opts;
	today(&o);
	memset(res, 0, sizeof(*res));
	res->dev = dev;

	mc_assign_roles(dev, o.policy);

	memset(&ctx, 0, sizeof(ctx));
	ctx.dev = dev;
	ctx.opts = &o;
	ctx.res = res;
	/* Caches and intermediate sets live in a scratch arena freed below;
	 * only the findings are copied to the device's arena for the report,
	 * so a check of thousands of routers keeps what it prints. */
	ctx.arena = mc_arena_new();
	ctx.keep = keep != NULL ? keep : dev->arena;
	ctx.engine = mc_engine_new(dev, ctx.arena);
	/* findings name the deciding step only (emit.c) */
	mc_engine_brief_trace(ctx.engine, true);
	cache_init(&ctx);

	have = data_have(&o);
	rules = mc_rules(&nrules);
	for (i = 0; i < nrules; i++) {
		const mc_rule *r = &rules[i];

		if (r->check == NULL || !selected(&o, r->id))
			continue;
		a = r->action;
		if ((r->needs & have) != r->needs) {
			unknown[a] = true;
			continue;
		}
		ctx.incomplete = false;
		r->check(&ctx, r);
		ran[a] = true;
		if (ctx.incomplete)
			unknown[a] = true;
	}
	approx1 = ran[1] && import_approximate(&ctx);
	apply_waivers(&ctx, &o);
	mc_engine_free(ctx.engine);
	ctx.engine = NULL;

	if (res->findings.n > 1)
		qsort(res->findings.v, res->findings.n,
		    sizeof(res->findings.v[0]), finding_cmp);
	for (i = 0; i < res->findings.n; i++) {
		const mc_finding *f = &res->findings.v[i];

		if (!f->waived && f->severity == MC_SEV_ERROR &&
		    f->action >= 1 && f->action <= 4)
			fail[f->action] = true;
	}
	if (approx1 && !fail[1]) {
		unknown[1] = true;
		mc_vec_push(dev->arena, &dev->notes, "an import policy has "
		    "statements or conditions the analysis could not model: "
		    "no finding does not prove that filtering (action 1) holds, "
		    "so it is reported unknown");
	}
	res->actions[0] = MC_ACT_PASS;
	for (a = 1; a <= 4; a++) {
		if (fail[a])
			res->actions[a] = MC_ACT_FAIL;
		else if (unknown[a] || !ran[a])
			res->actions[a] = MC_ACT_UNKNOWN;
		else
			res->actions[a] = MC_ACT_PASS;
	}
	if (before != NULL)
		before(res, keep);
	if (keep != NULL)
		res->dev = mc_device_brief(dev, keep);
	keep_findings(res, ctx.keep, true);
	mc_arena_free(ctx.arena);
	ctx.arena = NULL;
	ctx.cache = NULL;
}

void
mc_check_device(mc_device *dev, const mc_check_opts *opts,
    mc_device_result *res)
{
	check_device(dev, opts, res, NULL, NULL);
}

void
mc_check_device_brief(mc_device *dev, const mc_check_opts *opts,
    mc_device_result *res, mc_arena *keep, mc_result_hook before)
{
	check_device(dev, opts, res, keep, before);
}
