/* Findings: one place fills the fields every report needs. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "rules_int.h"

static const char *
iface_vrf(const mc_device *d, const char *iface)
{
	const mc_interface *i = mc_dev_iface(d, iface);

	return i != NULL ? i->vrf : NULL;
}

/* A finding's text is written once, where the findings are kept (check.c
 * moves the findings there without copying it again). */
static mc_arena *
kept(mc_rule_ctx *ctx)
{
	return ctx->keep != NULL ? ctx->keep : ctx->arena;
}

/*
 * The returned pointer is valid until the next mc_emit on the same device
 * (the findings vector may move): fill example and fix right away.
 */
mc_finding *
mc_emit(mc_rule_ctx *ctx, const mc_rule *r, int line, const mc_neighbor *n,
    const char *iface, const char *fmt, ...)
{
	mc_finding f;
	va_list ap;

	memset(&f, 0, sizeof(f));
	f.rule = r->id;
	f.action = r->action;
	f.severity = r->severity;
	f.file = ctx->dev->file;
	f.line = line > 0 ? line : (n != NULL ? n->line : 0);
	f.hostname = ctx->dev->hostname;
	f.vendor = ctx->dev->vendor;
	if (n != NULL) {
		f.neighbor = mc_nbr_id(n);
		f.vrf = n->vrf;
	}
	if (iface != NULL) {
		f.interface = iface;
		if (f.vrf == NULL)
			f.vrf = iface_vrf(ctx->dev, iface);
	}
	va_start(ap, fmt);
	f.message = mc_vprintf(kept(ctx), fmt, ap);
	va_end(ap);
	mc_vec_push(ctx->arena, &ctx->res->findings, f);
	return &ctx->res->findings.v[ctx->res->findings.n - 1];
}

static const char *
rov_name(int rov)
{
	switch (rov) {
	case MC_ROV_VALID:
		return "valid";
	case MC_ROV_INVALID:
		return "invalid";
	case MC_ROV_NOTFOUND:
		return "notfound";
	default:
		return NULL;
	}
}

/* The slot for res's deciding step, or NULL when it has none worth
 * keeping (no policy: the text is res's own). */
static struct dt_ent *
dt_slot(mc_rule_ctx *ctx, const mc_eval_result *res)
{
	const mc_trace_step *st;
	struct dt_ent *d;
	uintptr_t h;

	if (ctx->cache == NULL || res->trace.n == 0)
		return NULL;
	st = &res->trace.v[res->trace.n - 1];
	if (st->policy == NULL)
		return NULL;
	h = (((uintptr_t)st->policy ^ (uintptr_t)st->term * 31u ^
	    (uintptr_t)st->line) * 0x9e3779b97f4a7c15ull) >> 56;
	d = &ctx->cache->dt[h % (sizeof(ctx->cache->dt) /
	    sizeof(ctx->cache->dt[0]))];
	if (d->policy == st->policy && d->term == st->term &&
	    d->line == st->line && d->decided_line == res->decided_line &&
	    (d->what == st->what || (d->what != NULL && st->what != NULL &&
	    strcmp(d->what, st->what) == 0)))
		return d;
	memset(d, 0, sizeof(*d));
	d->policy = st->policy;
	d->term = st->term;
	d->line = st->line;
	d->decided_line = res->decided_line;
	/* the trace's words live as long as the check's arena */
	d->what = st->what;
	return d;
}

static const char *
decided_text(mc_rule_ctx *ctx, const mc_eval_result *res)
{
	const mc_trace_step *st = &res->trace.v[res->trace.n - 1];
	const char *who;

	who = mc_dev_policy(ctx->dev, st->policy) != NULL ?
	    mc_printf(ctx->arena, "%s %s", mc_policy_word(ctx->dev->vendor),
	    st->policy) : st->policy;
	if (st->term != NULL)
		who = mc_printf(ctx->arena, "%s %s%s", who,
		    ctx->dev->vendor == MC_VENDOR_JUNOS ? "term " : "", st->term);
	if (st->what != NULL && strstr(st->what, st->policy) == NULL)
		who = mc_printf(ctx->arena, "%s: %s", who, st->what);
	else if (st->what != NULL)
		who = st->what;
	return who;
}

const char *
mc_decided_text(mc_rule_ctx *ctx, const mc_eval_result *res)
{
	struct dt_ent *d;

	if (res == NULL || res->decided_by == NULL)
		return NULL;
	if (res->trace.n == 0 ||
	    res->trace.v[res->trace.n - 1].policy == NULL)
		return res->decided_by;
	if ((d = dt_slot(ctx, res)) == NULL)
		return decided_text(ctx, res);
	if (d->text == NULL)
		d->text = decided_text(ctx, res);
	return d->text;
}

static const char *
decided_str(mc_rule_ctx *ctx, const mc_eval_result *res, const char *t)
{
	if (res->decided_line > 0)
		return mc_printf(ctx->arena, " (decided by %s, line %d)", t,
		    res->decided_line);
	return mc_printf(ctx->arena, " (decided by %s)", t);
}

const char *
mc_decided_str(mc_rule_ctx *ctx, const mc_eval_result *res)
{
	const char *t = mc_decided_text(ctx, res);
	struct dt_ent *d;

	if (t == NULL)
		return "";
	if ((d = dt_slot(ctx, res)) == NULL)
		return decided_str(ctx, res, t);
	if (d->str == NULL)
		d->str = decided_str(ctx, res, t);
	return d->str;
}

/* A finding's decided_by: the step, with its line. */
static const char *
decided_by(mc_rule_ctx *ctx, const mc_eval_result *res, const char *t)
{
	if (res->decided_line > 0)
		return mc_printf(kept(ctx), "%s (line %d)", t,
		    res->decided_line);
	return mc_strdup(kept(ctx), t);
}

const char *
mc_path_text(mc_rule_ctx *ctx, const mc_route *r)
{
	struct path_text *t;
	int n = r->path_len < 128 ? r->path_len : 128;

	if (ctx->cache == NULL)
		return mc_route_path_str(kept(ctx), r);
	t = &ctx->cache->ptext;
	if (t->text != NULL && t->len == n && memcmp(t->path, r->path,
	    (size_t)n * sizeof(r->path[0])) == 0)
		return t->text;
	t->len = n;
	memcpy(t->path, r->path, (size_t)n * sizeof(r->path[0]));
	t->text = mc_route_path_str(kept(ctx), r);
	return t->text;
}

const char *
mc_prefix_text(mc_rule_ctx *ctx, const mc_prefix *p)
{
	struct prefix_text *t;

	if (ctx->cache == NULL)
		return mc_prefix_str(kept(ctx), p);
	t = &ctx->cache->pftext;
	if (t->text != NULL && t->p.af == p->af && t->p.len == p->len &&
	    memcmp(t->p.a, p->a, sizeof(p->a)) == 0)
		return t->text;
	t->p = *p;
	t->text = mc_prefix_str(kept(ctx), p);
	return t->text;
}

void
mc_finding_example(mc_rule_ctx *ctx, mc_finding *f, const mc_route *r,
    const mc_eval_result *res)
{
	const char *t;

	f->has_example = true;
	f->ex_prefix = mc_prefix_text(ctx, &r->prefix);
	f->ex_path = mc_path_text(ctx, r);
	f->ex_comms = r->ncomms > 0 ? mc_route_comm_str(kept(ctx), r) : NULL;
	f->ex_rov = rov_name(r->rov);
	if ((t = mc_decided_text(ctx, res)) != NULL) {
		struct dt_ent *d = dt_slot(ctx, res);

		if (d == NULL)
			f->decided_by = decided_by(ctx, res, t);
		else {
			if (d->kept == NULL)
				d->kept = decided_by(ctx, res, t);
			f->decided_by = d->kept;
		}
	}
}
