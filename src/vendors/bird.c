/*
 * BIRD extractor: bird.conf (BIRD 1.6, 2.x, 3.x) -> device model.
 * Tokens (src/conf/bird_lex.c) -> top-level objects (bird_parse.c) ->
 * filters compiled to the policy IR (bird_filter.c) -> protocols,
 * sessions, statics, RPKI (bird_proto.c).  BIRD has no device ASN: the
 * first BGP session's `local as` stands for it.
 */
#include <string.h>

#include "manrs/vendor.h"
#include "vendors/bird_int.h"

/* 1.x vs 2.x: channels (ipv4 { } / ipv4;) inside protocols, nettype
 * tables, "-> type" mean 2.x; protocol-level import/export in protocols
 * other than pipes, `table X;` and `roa table` mean 1.x. */
static void
detect_version(bp *p)
{
	size_t k;

	for (k = 0; k < p->protos.n; k++) {
		bproto *pr = p->protos.v[k];
		int i, depth = 0;

		for (i = pr->b0; i < pr->b1 && i < p->nt; i++) {
			bl_tok *t = &p->t[i];

			if (t->t == BT_OP && t->op == '{')
				depth++;
			else if (t->t == BT_OP && t->op == '}')
				depth--;
			if (depth != 0 || t->t != BT_IDENT)
				continue;
			if (i > pr->b0 && !(p->t[i - 1].t == BT_OP &&
			    (p->t[i - 1].op == ';' || p->t[i - 1].op == '{' ||
			    p->t[i - 1].op == '}')))
				continue;	/* not at the start of an option */
			if ((bl_is(t, "ipv4") || bl_is(t, "ipv6")) &&
			    i + 1 < p->nt && p->t[i + 1].t == BT_OP &&
			    (p->t[i + 1].op == '{' || p->t[i + 1].op == ';'))
				p->v2++;
			else if ((bl_is(t, "import") || bl_is(t, "export")) &&
			    strcmp(pr->type, "pipe") != 0)
				p->v1++;
		}
	}
}

/* Lines inside protocols, templates, functions and filters: the sections
 * whose unknown statements are counted.  A line counts once (tokens of
 * one line are consecutive); a file included inside a section counts its
 * own lines, as the unrecognized statements in it do. */
static void
section_lines(bp *p)
{
	uint8_t *in;
	size_t k;
	int i, max = p->lx.lines, last_file = -1, last_line = -1;

	if (max <= 0 || p->nt == 0)
		return;
	in = mc_alloc(p->a, (size_t)max + 2);
	memset(in, 0, (size_t)max + 2);
	for (k = 0; k < p->protos.n; k++)
		for (i = p->protos.v[k]->line;
		    i >= 1 && i <= p->protos.v[k]->last_line && i <= max; i++)
			in[i] = 1;
	for (k = 0; k < p->funcs.n; k++)
		for (i = p->funcs.v[k]->line;
		    i >= 1 && i <= p->funcs.v[k]->last_line && i <= max; i++)
			in[i] = 1;
	for (i = 0; i < p->nt; i++) {
		const bl_tok *t = &p->t[i];

		if (t->line < 1 || t->line > max || !in[t->line])
			continue;
		if (t->file == last_file && t->fline == last_line)
			continue;
		last_file = t->file;
		last_line = t->fline;
		p->dev->section_lines++;
	}
}

/* Object line ranges, for inline waivers. */
typedef struct span {
	int first, last;
} span;

static void
waivers(bp *p)
{
	MC_VEC(span) sp = { 0 };
	size_t k, j;
	int n = 0;

	for (k = 0; k < p->protos.n; k++) {
		span s = { p->protos.v[k]->line, p->protos.v[k]->last_line };

		mc_vec_push(p->a, &sp, s);
	}
	for (k = 0; k < p->funcs.n; k++) {
		span s = { p->funcs.v[k]->line, p->funcs.v[k]->last_line };

		mc_vec_push(p->a, &sp, s);
	}
	for (k = 0; k < p->lx.comments.n && n < 1000; k++) {
		const bl_comment *c = &p->lx.comments.v[k];
		int first = c->line, last = c->line, best = 0;

		if (memmem(c->text, c->len, "manrs-check:", 12) == NULL)
			continue;
		n++;
		for (j = 0; j < sp.n; j++) {
			if (sp.v[j].first <= c->line && c->line <= sp.v[j].last) {
				/* inside an object: all of it (its findings are
				 * reported at its first line) */
				first = sp.v[j].first;
				last = sp.v[j].last;
				best = -1;
				break;
			}
			if (sp.v[j].first > c->line && (best == 0 ||
			    sp.v[j].first < best)) {
				best = sp.v[j].first;
				last = sp.v[j].last;
			}
		}
		mc_waiver_from_comment(p->dev, c->text, c->len, c->line, first,
		    last < first ? first : last);
	}
}

mc_device *
bird_extract(mc_arena *a, const char *file, const char *buf, size_t len,
    int flags, mc_diag *d)
{
	bp *p = mc_alloc(a, sizeof(*p));
	size_t k;

	p->a = a;
	p->d = d;
	p->file = file ? file : "-";
	if (bl_lex_run(a, p->file, buf, len, flags, &p->lx, d) != 0)
		return NULL;
	p->t = p->lx.toks.v;
	p->nt = (int)p->lx.toks.n;
	p->reported = mc_alloc(a, (size_t)p->nt + 1);
	p->dev = mc_device_new(a, p->file, MC_VENDOR_BIRD);
	p->dev->lines = p->lx.lines;
	p->dev_budget = BC_DEVICE_NODES;
	p->steps = BC_EVAL_STEPS;
	bp_parse_top(p);
	detect_version(p);
	p->dev->hostname = p->hostname;
	p->dev->bgp.router_id = p->router_id;
	if (p->v1 > 0 && p->v2 == 0) {
		/* BIRD 1.x: no RFC 8212, sessions without import accept all */
		p->dev->bgp.ebgp_requires_policy = 0;
		mc_vec_push(a, &p->dev->notes, "BIRD 1.x syntax (no channels): "
		    "import defaults to all, export to none");
	}
	for (k = 1; k < p->lx.files.n; k++)
		if (p->dev->notes.n < 50)
			mc_vec_push(a, &p->dev->notes, mc_printf(a,
			    "included %s", p->lx.files.v[k]));
	for (k = 0; k < p->funcs.n; k++) {
		bfunc *f = p->funcs.v[k];

		mc_policy *pol;

		if (!f->is_filter || f->name[0] == '\0' ||
		    mc_dev_policy(p->dev, f->name) != NULL)
			continue;
		/* compiling may add function policies: push afterwards */
		pol = bc_compile_filter(p, f);
		mc_vec_push(a, &p->dev->policies, pol);
	}
	for (k = 0; k < p->protos.n; k++)
		if (!p->protos.v[k]->is_template &&
		    strcmp(p->protos.v[k]->type, "bgp") == 0) {
			p->dev->bgp.line = p->protos.v[k]->line;
			break;
		}
	bproto_build(p);
	section_lines(p);
	waivers(p);
	return p->dev;
}

mc_device *
mc_extract_bird(mc_arena *a, const char *file, const char *buf, size_t len,
    mc_diag *d)
{
	return bird_extract(a, file, buf, len, 0, d);
}
