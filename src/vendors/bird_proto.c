/*
 * BIRD protocols -> device model: BGP sessions (templates applied first,
 * channels merged as BIRD merges them), pipes, static routes, RPKI caches.
 *
 * Defaults (BIRD User's Guide, "Channel options" and BGP "Channel
 * configuration"; NEWS 2.0.1): a channel without import/export uses
 * `import all` / `export none`, except eBGP in BIRD >= 2.0.1 where both
 * must be explicit (RFC 8212; bird -p says "EBGP requires explicit import
 * policy").  BIRD 1.6 has no channels; its protocol-level import/export
 * default to all/none for every session.  We leave a missing import
 * empty (the semantics table decides; for 1.6 files the device gets
 * ebgp_requires_policy = 0), and make 1.6's implicit `export none`
 * explicit.  `import/receive limit N` default action is disable.
 *
 * A BGP channel bound to a table other than the master one reaches the
 * master through a pipe (IXP route servers: IXP-Manager, old arouteserver):
 * the pipe's filter becomes a second stage: import = [bgp import] then
 * [pipe peer->master], export = [pipe master->peer] then [bgp export].
 */
#include <stdlib.h>
#include <string.h>

#include "vendors/bird_int.h"

enum { DS_UNSET = 0, DS_ALL, DS_NONE, DS_NAME, DS_BLOCK, DS_WHERE };

typedef struct dspec {
	int kind;
	const char *name;
	bn *node;
	int line;
} dspec;

typedef struct chan {
	bool present;
	int line;
	dspec imp, exp;
	mc_maxpfx rlim, ilim;	/* receive limit, import limit */
	const char *table;
	bool nh_self;
} chan;

typedef struct bgpst {
	chan ch[MC_AFI_COUNT];
	chan pl;		/* BIRD 1.6: protocol level */
	bool channels;
	uint32_t las;
	bool has_las;
	const char *nbr;
	mc_prefix naddr;
	mc_remote_as_kind nkind;
	uint32_t ras;
	const char *descr;
	int multihop;
	bool ttlsec, auth, rsc, disabled;
	int efa;
	const char *role;
} bgpst;

typedef struct bpipe {
	const char *name;
	const char *table, *peer;
	dspec imp, exp;
	int line;
	mc_policy *pimp, *pexp;
	bool done;
} bpipe;

static bl_tok *
cur(bp *p)
{
	return &p->t[p->i];
}

static bl_tok *
ahead(bp *p, int k)
{
	int j = p->i + k;

	return &p->t[j < p->nt ? j : p->nt - 1];
}

static void
adv(bp *p)
{
	if (p->i < p->nt - 1)
		p->i++;
}

static bool
eat(bp *p, const char *w)
{
	if (!bp_peek(p, w))
		return false;
	adv(p);
	return true;
}

/* Report the item from t0 as not understood (once per token). */
static void
unk_item(bp *p, bproto *pr, int t0)
{
	int save = p->i, t1;
	unsigned len;
	const char *txt;

	p->i = t0;
	bp_skip_item(p);
	t1 = p->i > t0 ? p->i - 1 : t0;
	p->i = save;
	if (p->reported[t0])
		return;
	p->reported[t0] = 1;
	txt = bp_text(p, t0, t1, &len);
	mc_dev_unparsed(p->dev, p->t[t0].line, mc_printf(p->a, "protocol %s",
	    pr->name), txt, len);
}

/* on/yes/off/no/number; absent = on.  Consumes the switch word. */
static bool
opt_switch(bp *p)
{
	if (eat(p, "off") || eat(p, "no"))
		return false;
	if (eat(p, "on") || eat(p, "yes"))
		return true;
	if (cur(p)->t == BT_NUM) {
		bool v = cur(p)->len != 1 || cur(p)->s[0] != '0';

		adv(p);
		return v;
	}
	return true;
}

static bool
const_u32_here(bp *p, uint32_t *out)
{
	bn *e;

	p->failed = false;
	e = bp_parse_expr(p);
	if (e == NULL) {
		p->failed = false;
		return false;
	}
	return bv_const_u32(p, e, out);
}

static mc_maxpfx_action
limit_action(bp *p)
{
	if (!eat(p, "action"))
		return MC_MAXP_TEARDOWN;	/* disable */
	if (eat(p, "warn"))
		return MC_MAXP_WARN;
	if (eat(p, "block"))
		return MC_MAXP_DROP;
	if (eat(p, "restart") || eat(p, "disable"))
		return MC_MAXP_TEARDOWN;
	return MC_MAXP_TEARDOWN;
}

static int
action_rank(mc_maxpfx_action a)
{
	return a == MC_MAXP_TEARDOWN ? 3 : a == MC_MAXP_DROP ? 2 :
	    a == MC_MAXP_WARN ? 1 : 0;
}

/* After "import limit" / "receive limit" / "route limit": a later
 * statement (the protocol's after its template's) replaces an earlier. */
static void
parse_limit(bp *p, mc_maxpfx *lim, int line)
{
	mc_maxpfx m;
	uint32_t n;

	memset(&m, 0, sizeof(m));
	m.line = line;
	if (eat(p, "off")) {
		m.action = MC_MAXP_NONE;
		*lim = m;	/* cancels an inherited limit */
		bp_skip_item(p);
		return;
	}
	if (!const_u32_here(p, &n)) {
		bp_skip_item(p);
		return;
	}
	m.limit = n;
	m.action = limit_action(p);
	*lim = m;
	bp_skip_item(p);
}

/* The limit that acts hardest of the receive and import limits. */
static mc_maxpfx
chan_limit(const chan *c)
{
	const mc_maxpfx *r = &c->rlim, *i = &c->ilim;

	if (r->line == 0)
		return *i;
	if (i->line == 0)
		return *r;
	if (action_rank(i->action) > action_rank(r->action) ||
	    (i->action == r->action && i->limit < r->limit))
		return *i;
	return *r;
}

/* import/export all | none | filter NAME | filter { } | where EXPR */
static bool
parse_dspec(bp *p, dspec *d)
{
	int line = cur(p)->line;

	if (eat(p, "all")) {
		d->kind = DS_ALL;
	} else if (eat(p, "none")) {
		d->kind = DS_NONE;
	} else if (eat(p, "filter")) {
		if (bp_peek_op(p, '{')) {
			d->kind = DS_BLOCK;
			d->node = bp_parse_block(p);
			if (d->node == NULL)
				return false;
		} else if (cur(p)->t == BT_IDENT) {
			d->kind = DS_NAME;
			d->name = bl_str(p->a, cur(p));
			adv(p);
		} else
			return false;
	} else if (eat(p, "where")) {
		p->failed = false;
		d->node = bp_parse_expr(p);
		if (d->node == NULL) {
			p->failed = false;
			return false;
		}
		d->kind = DS_WHERE;
	} else
		return false;
	d->line = line;
	bp_skip_item(p);
	return true;
}

/* Channel options (inside ipv4 { } or, in BIRD 1.6, the protocol). */
static bool
chan_item(bp *p, chan *c)
{
	int line = cur(p)->line, save = p->i;
	bool imp;

	if (bp_peek(p, "import") || bp_peek(p, "export")) {
		imp = bp_peek(p, "import");
		adv(p);
		if (bp_peek(p, "limit")) {
			adv(p);
			if (imp)
				parse_limit(p, &c->ilim, line);
			else
				bp_skip_item(p);
			return true;
		}
		if (bp_peek(p, "keep") || bp_peek(p, "table") ||
		    bp_peek(p, "settle") || bp_peek(p, "block")) {
			bp_skip_item(p);
			return true;
		}
		if (parse_dspec(p, imp ? &c->imp : &c->exp))
			return true;
		p->i = save;
		return false;
	}
	if ((bp_peek(p, "receive") || bp_peek(p, "route")) &&
	    bl_is(ahead(p, 1), "limit")) {
		/* 1.x "route limit" is the old name of import limit */
		mc_maxpfx *lim = bp_peek(p, "route") ? &c->ilim : &c->rlim;

		adv(p);
		adv(p);
		parse_limit(p, lim, line);
		return true;
	}
	if (bp_peek(p, "table") && ahead(p, 1)->t == BT_IDENT) {
		adv(p);
		c->table = bl_str(p->a, cur(p));
		bp_skip_item(p);
		return true;
	}
	if (bp_peek(p, "next") && bl_is(ahead(p, 1), "hop") &&
	    bl_is(ahead(p, 2), "self")) {
		adv(p);
		adv(p);
		adv(p);
		c->nh_self = opt_switch(p);
		bp_skip_item(p);
		return true;
	}
	return false;
}

/* Options we know and that do not matter for the checks. */
static bool
known_option(const bl_tok *t)
{
	static const char *w[] = { "source", "passive", "hold", "keepalive",
		"connect", "startup", "error", "graceful", "long",
		"interpret", "enable", "capabilities", "advertise", "add",
		"bfd", "check", "strict", "free", "path", "med",
		"deterministic", "igp", "prefer", "default", "allow",
		"confederation", "rr", "debug", "mrtdump", "router", "vrf",
		"interface", "dynamic", "setkey", "gateway", "import",
		"export", "secondary", "missing", "next", "require", "min",
		"aigp", "preference", "mandatory", "extended", "rpki",
		"validate", "base", "onlink", "cost", "tx", "rx", "disable",
		"mpls", "llgr", "description", "gw", "table", "receive",
		"route", "local", "neighbor", "multihop", "direct", "ttl",
		"password", "rs", "disabled", "enforce", "authentication",
		"transport", "bind", "port", "hostname", "ipv4", "ipv6",
		"vpn4", "vpn6", "flow4", "flow6", "aspa", "roa4", "roa6",
		"relaxed", "first", "export", "multipath", NULL };
	int k;

	if (t->t != BT_IDENT)
		return t->t == BT_OP && t->op == ';';
	for (k = 0; w[k] != NULL; k++)
		if (bl_is(t, w[k]))
			return true;
	return false;
}

static void
parse_channel_block(bp *p, bproto *pr, chan *c)
{
	/* at '{' */
	adv(p);
	while (cur(p)->t != BT_EOF && !bp_peek_op(p, '}')) {
		int t0 = p->i;

		if (chan_item(p, c))
			continue;
		if (!known_option(cur(p)))
			unk_item(p, pr, t0);
		bp_skip_item(p);
		if (p->i == t0)
			adv(p);
	}
	if (bp_peek_op(p, '}'))
		adv(p);
	if (bp_peek_op(p, ';'))
		adv(p);
}

static void
set_nbr_as(bp *p, bgpst *st)
{
	uint32_t n;

	if (eat(p, "internal")) {
		st->nkind = MC_RAS_INTERNAL;
		return;
	}
	if (eat(p, "external")) {
		st->nkind = MC_RAS_EXTERNAL;
		return;
	}
	if (eat(p, "as")) {
		if (const_u32_here(p, &n)) {
			st->nkind = MC_RAS_NUMBER;
			st->ras = n;
		} else
			st->nkind = MC_RAS_UNKNOWN;
	}
}

static bool
bgp_item(bp *p, bproto *pr, bgpst *st)
{
	bl_tok *t = cur(p);
	uint32_t n;
	int afi;

	if (bl_is(t, "local")) {
		adv(p);
		while (cur(p)->t != BT_EOF && !bp_peek_op(p, ';') &&
		    !bp_peek_op(p, '}')) {
			if (eat(p, "as")) {
				if (const_u32_here(p, &n)) {
					st->las = n;
					st->has_las = true;
				}
				continue;
			}
			if (bp_peek(p, "role") && ahead(p, 1)->t == BT_IDENT) {
				adv(p);
				st->role = bl_str(p->a, cur(p));
			}
			adv(p);
		}
		bp_skip_item(p);
		return true;
	}
	if (bl_is(t, "neighbor")) {
		adv(p);
		if (eat(p, "range") && (cur(p)->t == BT_IP4 ||
		    cur(p)->t == BT_IP6)) {
			int t0 = p->i;
			unsigned len;

			while (cur(p)->t != BT_EOF && (bp_peek_op(p, '/') ||
			    cur(p)->t == BT_IP4 || cur(p)->t == BT_IP6 ||
			    (cur(p)->t == BT_NUM && p->i == t0 + 2)))
				adv(p);
			{
				const char *txt = bp_text(p, t0, p->i - 1,
				    &len);

				st->nbr = mc_printf(p->a, "range %.*s",
				    (int)len, txt);
			}
			memset(&st->naddr, 0, sizeof(st->naddr));
		} else if (cur(p)->t == BT_IP4 || cur(p)->t == BT_IP6) {
			st->nbr = bl_str(p->a, cur(p));
			if (!mc_addr_parse(cur(p)->s, cur(p)->len, &st->naddr))
				memset(&st->naddr, 0, sizeof(st->naddr));
			adv(p);
		}
		while (cur(p)->t != BT_EOF && !bp_peek_op(p, ';') &&
		    !bp_peek_op(p, '}')) {
			if (bp_peek(p, "as") || bp_peek(p, "internal") ||
			    bp_peek(p, "external")) {
				set_nbr_as(p, st);
				continue;
			}
			adv(p);
		}
		bp_skip_item(p);
		return true;
	}
	if (bl_is(t, "description") && ahead(p, 1)->t == BT_STRING) {
		adv(p);
		st->descr = bl_str(p->a, cur(p));
		bp_skip_item(p);
		return true;
	}
	if (bl_is(t, "multihop")) {
		adv(p);
		st->multihop = 64;	/* BIRD's TTL without a number */
		if (cur(p)->t == BT_NUM && const_u32_here(p, &n))
			st->multihop = (int)(n > 255 ? 255 : n);
		bp_skip_item(p);
		return true;
	}
	if (bl_is(t, "direct")) {
		st->multihop = 0;
		bp_skip_item(p);
		return true;
	}
	if (bl_is(t, "ttl") && bl_is(ahead(p, 1), "security")) {
		adv(p);
		adv(p);
		st->ttlsec = opt_switch(p);
		bp_skip_item(p);
		return true;
	}
	if (bl_is(t, "password")) {
		st->auth = true;
		bp_skip_item(p);
		return true;
	}
	if (bl_is(t, "authentication")) {
		adv(p);
		if (!bp_peek(p, "none"))
			st->auth = true;
		bp_skip_item(p);
		return true;
	}
	if (bl_is(t, "rs") && bl_is(ahead(p, 1), "client")) {
		adv(p);
		adv(p);
		st->rsc = opt_switch(p);
		bp_skip_item(p);
		return true;
	}
	if (bl_is(t, "disabled")) {
		adv(p);
		st->disabled = opt_switch(p);
		bp_skip_item(p);
		return true;
	}
	if (bl_is(t, "enforce") && bl_is(ahead(p, 1), "first") &&
	    bl_is(ahead(p, 2), "as")) {
		adv(p);
		adv(p);
		adv(p);
		st->efa = opt_switch(p) ? 1 : 0;
		bp_skip_item(p);
		return true;
	}
	if ((bl_is(t, "ipv4") || bl_is(t, "ipv6")) &&
	    (bl_isop(ahead(p, 1), '{') || bl_isop(ahead(p, 1), ';'))) {
		afi = bl_is(t, "ipv6") ? MC_AFI_V6 : MC_AFI_V4;
		st->channels = true;
		st->ch[afi].present = true;
		if (st->ch[afi].line == 0)
			st->ch[afi].line = t->line;
		adv(p);
		if (bp_peek_op(p, '{'))
			parse_channel_block(p, pr, &st->ch[afi]);
		else
			adv(p);
		return true;
	}
	if (bl_is(t, "ipv4") || bl_is(t, "ipv6") || bl_is(t, "vpn4") ||
	    bl_is(t, "vpn6") || bl_is(t, "flow4") || bl_is(t, "flow6")) {
		/* multicast, mpls, flowspec: not unicast, not checked */
		st->channels = true;
		bp_skip_item(p);
		return true;
	}
	if (bl_is(t, "import") || bl_is(t, "export") || bl_is(t, "table") ||
	    ((bl_is(t, "receive") || bl_is(t, "route")) &&
	    bl_is(ahead(p, 1), "limit")) || bl_is(t, "next")) {
		int save = p->i;

		if (chan_item(p, &st->pl)) {
			st->pl.present = true;
			return true;
		}
		p->i = save;
	}
	return false;
}

static void
apply_bgp(bp *p, bproto *pr, bproto *self, bgpst *st, int depth)
{
	bproto *t;

	if (pr->from != NULL && depth < 16 &&
	    (t = bp_proto(p, pr->from)) != NULL && t != pr)
		apply_bgp(p, t, self, st, depth + 1);
	p->i = pr->b0;
	while (p->i < pr->b1 && cur(p)->t != BT_EOF) {
		int t0 = p->i;

		if (bgp_item(p, self, st))
			continue;
		if (!known_option(cur(p)))
			unk_item(p, pr, t0);
		bp_skip_item(p);
		if (p->i == t0)
			adv(p);
	}
}

/* ---- policies for a direction --------------------------------------- */

static mc_policy *
spec_policy(bp *p, const dspec *d, const char *gname)
{
	mc_policy *pol;

	switch (d->kind) {
	case DS_ALL:
	case DS_NONE:
		pol = bc_compile_all(p, gname, d->kind == DS_ALL, d->line);
		break;
	case DS_BLOCK:
		pol = bc_compile_block(p, gname, d->node, d->line);
		break;
	case DS_WHERE:
		pol = bc_compile_where(p, gname, d->node, d->line);
		break;
	default:
		return NULL;
	}
	mc_vec_push(p->a, &p->dev->policies, pol);
	return pol;
}

static void
add_stage(bp *p, mc_direction_policy *dp, const char *name, int line)
{
	mc_stage sg;
	mc_polref r;

	memset(&sg, 0, sizeof(sg));
	r.name = name;
	r.kind = MC_REF_POLICY;
	r.line = line;
	mc_vec_push(p->a, &sg.chain, r);
	mc_vec_push(p->a, &dp->stages, sg);
}

static void
stage_for(bp *p, mc_direction_policy *dp, const dspec *d, const char *gname)
{
	mc_policy *pol;

	if (d->kind == DS_UNSET)
		return;
	if (d->kind == DS_NAME) {
		add_stage(p, dp, d->name, d->line);
		return;
	}
	if ((pol = spec_policy(p, d, gname)) != NULL)
		add_stage(p, dp, pol->name, d->line);
}

/* ---- pipes ---------------------------------------------------------- */

typedef MC_VEC(bpipe) pipevec;

static void
collect_pipes(bp *p, pipevec *pv)
{
	size_t k;

	for (k = 0; k < p->protos.n; k++) {
		bproto *pr = p->protos.v[k];
		bpipe pi;
		chan c;

		if (pr->is_template || strcmp(pr->type, "pipe") != 0)
			continue;
		memset(&pi, 0, sizeof(pi));
		memset(&c, 0, sizeof(c));
		pi.name = pr->name;
		pi.line = pr->line;
		p->i = pr->b0;
		while (p->i < pr->b1 && cur(p)->t != BT_EOF) {
			int t0 = p->i;

			if (bp_peek(p, "peer") && bl_is(ahead(p, 1), "table") &&
			    ahead(p, 2)->t == BT_IDENT) {
				pi.peer = bl_str(p->a, ahead(p, 2));
				bp_skip_item(p);
				continue;
			}
			if (chan_item(p, &c))
				continue;
			bp_skip_item(p);
			if (p->i == t0)
				adv(p);
		}
		pi.table = c.table;
		pi.imp = c.imp;
		pi.exp = c.exp;
		if (pi.imp.kind == DS_UNSET) {
			pi.imp.kind = DS_ALL;	/* channel default */
			pi.imp.line = pr->line;
		}
		if (pi.exp.kind == DS_UNSET) {
			pi.exp.kind = DS_NONE;
			pi.exp.line = pr->line;
		}
		mc_vec_push(p->a, pv, pi);
	}
}

static const char *
pipe_policy(bp *p, bpipe *pi, bool imp)
{
	const dspec *d = imp ? &pi->imp : &pi->exp;
	mc_policy *pol;

	if (d->kind == DS_NAME)
		return d->name;
	pol = imp ? pi->pimp : pi->pexp;
	if (pol == NULL) {
		pol = spec_policy(p, d, mc_printf(p->a, "pipe:%s:%s", pi->name,
		    imp ? "import" : "export"));
		if (imp)
			pi->pimp = pol;
		else
			pi->pexp = pol;
	}
	return pol ? pol->name : NULL;
}

/* The pipe linking table t to another table, and whether t is its peer
 * side (then the pipe's import carries routes out of t). */
static bpipe *
pipe_of(pipevec *pv, const char *t, bool *t_is_peer)
{
	size_t k;

	if (t == NULL)
		return NULL;
	for (k = 0; k < pv->n; k++) {
		if (pv->v[k].peer != NULL && strcmp(pv->v[k].peer, t) == 0) {
			*t_is_peer = true;
			return &pv->v[k];
		}
		if (pv->v[k].table != NULL && strcmp(pv->v[k].table, t) == 0 &&
		    pv->v[k].peer != NULL) {
			*t_is_peer = false;
			return &pv->v[k];
		}
	}
	return NULL;
}

static bool
is_master(const char *t)
{
	return t == NULL || strcmp(t, "master") == 0 ||
	    strcmp(t, "master4") == 0 || strcmp(t, "master6") == 0;
}

/* ---- neighbours ------------------------------------------------------ */

static void
build_af(bp *p, bproto *pr, bgpst *st, mc_neighbor *n, int afi, chan *c,
    pipevec *pv, bool v16)
{
	mc_af_settings *as = &n->af[afi];
	const char *base = v16 ? mc_printf(p->a, "proto:%s", pr->name) :
	    mc_printf(p->a, "proto:%s:%s", pr->name, afi == MC_AFI_V6 ?
	    "ipv6" : "ipv4");
	bool ebgp, tpeer = false;
	bpipe *pi = NULL;
	const char *pn;

	as->active = true;
	as->line = c->line ? c->line : pr->line;
	as->maxpfx = chan_limit(c);
	as->rs_client = st->rsc;
	as->nh_self = c->nh_self;
	if (!is_master(c->table))
		pi = pipe_of(pv, c->table, &tpeer);
	/* import: bgp filter, then the pipe into the main table */
	stage_for(p, &as->in, &c->imp, mc_printf(p->a, "%s:import", base));
	if (pi != NULL && (pn = pipe_policy(p, pi, tpeer)) != NULL)
		add_stage(p, &as->in, pn, pi->line);
	/* export: the pipe out of the main table, then the bgp filter */
	if (pi != NULL && (pn = pipe_policy(p, pi, !tpeer)) != NULL)
		add_stage(p, &as->out, pn, pi->line);
	if (v16 && c->exp.kind == DS_UNSET) {
		dspec none;

		memset(&none, 0, sizeof(none));
		none.kind = DS_NONE;
		none.line = pr->line;
		stage_for(p, &as->out, &none, mc_printf(p->a,
		    "%s:export (BIRD 1.6 default)", base));
	} else
		stage_for(p, &as->out, &c->exp, mc_printf(p->a, "%s:export",
		    base));
	ebgp = st->nkind == MC_RAS_EXTERNAL || (st->nkind == MC_RAS_NUMBER &&
	    st->ras != st->las);
	if (!v16 && ebgp && (c->imp.kind == DS_UNSET ||
	    c->exp.kind == DS_UNSET) && p->dev->notes.n < 50)
		mc_vec_push(p->a, &p->dev->notes, mc_printf(p->a,
		    "%s:%d: protocol %s has no explicit %s policy for %s: BIRD "
		    ">= 2.0.1 refuses such an eBGP configuration (RFC 8212)",
		    p->file, pr->line, pr->name, c->imp.kind == DS_UNSET ?
		    "import" : "export", afi == MC_AFI_V6 ? "ipv6" : "ipv4"));
}

static void
build_bgp(bp *p, bproto *pr, pipevec *pv)
{
	mc_neighbor *n = mc_alloc(p->a, sizeof(*n));
	bgpst st;
	int afi;
	bool v16;

	memset(&st, 0, sizeof(st));
	st.nkind = MC_RAS_UNKNOWN;
	st.efa = -1;
	p->section = mc_printf(p->a, "protocol %s", pr->name);
	apply_bgp(p, pr, pr, &st, 0);
	mc_neighbor_init(n);
	n->name = pr->name;
	n->group = pr->from;
	n->address = st.nbr != NULL ? st.nbr : pr->name;
	n->addr = st.naddr;
	n->remote_as_kind = st.nkind;
	n->remote_as = st.ras;
	if (st.nkind == MC_RAS_NUMBER && st.has_las && st.ras == st.las)
		n->remote_as_kind = MC_RAS_NUMBER;
	if (st.has_las && p->dev->bgp.asn != 0 && st.las != p->dev->bgp.asn)
		n->local_as = st.las;
	n->description = st.descr;
	n->shutdown = st.disabled;
	n->ebgp_multihop = st.multihop;
	n->ttl_security = st.ttlsec ? (st.multihop > 0 ? st.multihop : 1) : 0;
	n->auth = st.auth;
	n->bgp_role = st.role;
	n->enforce_first_as = st.efa;
	n->line = pr->line;
	v16 = !st.channels && p->v1 > 0 && p->v2 == 0;
	if (st.channels) {
		for (afi = 0; afi < MC_AFI_COUNT; afi++)
			if (st.ch[afi].present)
				build_af(p, pr, &st, n, afi, &st.ch[afi], pv,
				    false);
	} else {
		/* BIRD 1.6 protocol options, or BIRD 2 without a channel:
		 * the session's own address family */
		afi = st.naddr.af == MC_AF6 ? MC_AFI_V6 : MC_AFI_V4;
		st.pl.line = pr->line;
		build_af(p, pr, &st, n, afi, &st.pl, pv, v16);
	}
	mc_vec_push(p->a, &p->dev->neighbors, n);
}

/* ---- static, rpki --------------------------------------------------- */

static void
build_static(bp *p, bproto *pr)
{
	bool disabled = false;

	p->i = pr->b0;
	while (p->i < pr->b1 && cur(p)->t != BT_EOF) {
		int t0 = p->i, line = cur(p)->line;
		mc_static st;
		mc_origin o;
		bool roa = false;

		if (bp_peek(p, "disabled")) {
			adv(p);
			disabled = opt_switch(p);
			bp_skip_item(p);
			continue;
		}
		if (!bp_peek(p, "route") || (ahead(p, 1)->t != BT_IP4 &&
		    ahead(p, 1)->t != BT_IP6) || !bl_isop(ahead(p, 2), '/') ||
		    ahead(p, 3)->t != BT_NUM) {
			bp_skip_item(p);
			if (p->i == t0)
				adv(p);
			continue;
		}
		memset(&st, 0, sizeof(st));
		memset(&o, 0, sizeof(o));
		{
			unsigned len;
			const char *txt = bp_text(p, t0 + 1, t0 + 3, &len);

			if (!mc_prefix_parse(txt, len, &st.prefix)) {
				bp_skip_item(p);
				continue;
			}
		}
		p->i = t0 + 4;
		st.line = line;
		if (eat(p, "via") || eat(p, "recursive")) {
			st.nexthop = bl_str(p->a, cur(p));
		} else if (bp_peek(p, "blackhole") || bp_peek(p, "unreachable") ||
		    bp_peek(p, "prohibit") || bp_peek(p, "drop") ||
		    bp_peek(p, "reject")) {
			st.nexthop = bl_str(p->a, cur(p));
			st.null_route = true;
		} else if (bp_peek(p, "max") || bp_peek(p, "as"))
			roa = true;	/* an entry of a ROA table */
		else if (bp_peek(p, "multipath"))
			st.nexthop = "multipath";
		bp_skip_item(p);
		if (roa)
			continue;
		mc_vec_push(p->a, &p->dev->statics, st);
		if (disabled)
			continue;
		o.prefix = st.prefix;
		o.kind = MC_ORIG_STATIC;
		o.detail = mc_printf(p->a, "static %s", pr->name);
		o.line = line;
		mc_vec_push(p->a, &p->dev->origins, o);
	}
}

static void
build_rpki(bp *p, bproto *pr)
{
	mc_rpki_cache rc;
	int port = 0;
	bool ssh = false;

	memset(&rc, 0, sizeof(rc));
	rc.line = pr->line;
	p->i = pr->b0;
	while (p->i < pr->b1 && cur(p)->t != BT_EOF) {
		int t0 = p->i;

		if (bp_peek(p, "remote")) {
			adv(p);
			if (cur(p)->t == BT_STRING || cur(p)->t == BT_IP4 ||
			    cur(p)->t == BT_IP6 || cur(p)->t == BT_IDENT) {
				rc.host = bl_str(p->a, cur(p));
				rc.line = cur(p)->line;
				adv(p);
			}
			if (eat(p, "port") && cur(p)->t == BT_NUM)
				port = (int)strtol(bl_str(p->a, cur(p)), NULL,
				    10);
		} else if (bp_peek(p, "port") && ahead(p, 1)->t == BT_NUM) {
			port = (int)strtol(bl_str(p->a, ahead(p, 1)), NULL, 10);
		} else if (bp_peek(p, "transport") && bl_is(ahead(p, 1), "ssh"))
			ssh = true;
		bp_skip_item(p);
		if (p->i == t0)
			adv(p);
	}
	rc.port = port ? port : ssh ? 22 : 323;
	if (rc.host == NULL)
		rc.host = "?";
	mc_vec_push(p->a, &p->dev->rpki_caches, rc);
	p->dev->bgp.rpki_configured = true;
}

void
bproto_build(bp *p)
{
	pipevec pv = { 0 };
	size_t k;

	/* The device's ASN: BIRD has none; take the first session's. */
	for (k = 0; k < p->protos.n && p->dev->bgp.asn == 0; k++) {
		bproto *pr = p->protos.v[k];
		bgpst st;

		if (pr->is_template || strcmp(pr->type, "bgp") != 0)
			continue;
		memset(&st, 0, sizeof(st));
		st.efa = -1;
		apply_bgp(p, pr, pr, &st, 0);
		if (st.has_las)
			p->dev->bgp.asn = st.las;
	}
	collect_pipes(p, &pv);
	for (k = 0; k < p->protos.n; k++) {
		bproto *pr = p->protos.v[k];

		if (pr->is_template)
			continue;
		if (strcmp(pr->type, "bgp") == 0)
			build_bgp(p, pr, &pv);
		else if (strcmp(pr->type, "static") == 0)
			build_static(p, pr);
		else if (strcmp(pr->type, "rpki") == 0)
			build_rpki(p, pr);
	}
}
