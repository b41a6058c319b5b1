/* Findings: one place fills the fields every report needs. */
#include <stdarg.h>
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

const char *
mc_decided_text(mc_rule_ctx *ctx, const mc_eval_result *res)
{
	const mc_trace_step *st;
	const char *who;

	if (res == NULL || res->decided_by == NULL)
		return NULL;
	if (res->trace.n == 0)
		return res->decided_by;
	st = &res->trace.v[res->trace.n - 1];
	if (st->policy == NULL)
		return res->decided_by;
	if (ctx->cache != NULL && ctx->cache->dt_key == res->trace.v)
		return ctx->cache->dt_text;
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
	if (ctx->cache != NULL) {
		ctx->cache->dt_key = res->trace.v;
		ctx->cache->dt_text = who;
	}
	return who;
}

const char *
mc_decided_str(mc_rule_ctx *ctx, const mc_eval_result *res)
{
	const char *t = mc_decided_text(ctx, res);

	if (t == NULL)
		return "";
	if (res->decided_line > 0)
		return mc_printf(ctx->arena, " (decided by %s, line %d)", t,
		    res->decided_line);
	return mc_printf(ctx->arena, " (decided by %s)", t);
}

void
mc_finding_example(mc_rule_ctx *ctx, mc_finding *f, const mc_route *r,
    const mc_eval_result *res)
{
	const char *t;

	f->has_example = true;
	f->ex_prefix = mc_prefix_str(kept(ctx), &r->prefix);
	f->ex_path = mc_route_path_str(kept(ctx), r);
	f->ex_comms = r->ncomms > 0 ? mc_route_comm_str(kept(ctx), r) : NULL;
	f->ex_rov = rov_name(r->rov);
	if ((t = mc_decided_text(ctx, res)) != NULL) {
		if (res->decided_line > 0)
			f->decided_by = mc_printf(kept(ctx), "%s (line %d)", t,
			    res->decided_line);
		else
			f->decided_by = mc_strdup(kept(ctx), t);
	}
}
