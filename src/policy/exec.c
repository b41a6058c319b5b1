/*
 * Running a policy: terms in order, statements in a term, with flows split
 * by prefix conditions.  A work list replaces recursion so that long terms
 * cannot exhaust the stack; only calls nest (bounded by EV_MAX_DEPTH).
 */
#include <string.h>

#include "policy/policy_int.h"

struct frame {
	const mc_block *b;
	size_t i;
	const struct frame *up;
};

struct work {
	const mc_block *b;
	size_t i;
	const struct frame *up;
	flow f;
};

typedef MC_VEC(struct work) workvec;

const char *
pol_kind_word(const mc_device *d)
{
	switch (d->vendor) {
	case MC_VENDOR_JUNOS:
		return "policy-statement";
	case MC_VENDOR_IOSXR:
		return "route-policy";
	case MC_VENDOR_BIRD:
	case MC_VENDOR_OPENBGPD:
		return "filter";
	case MC_VENDOR_SROS:
	case MC_VENDOR_VRP:
		return "route-policy";
	case MC_VENDOR_ROUTEROS:
		return "chain";
	default:
		return "route-map";
	}
}

static void
emit(ev *x, outvec *o, const flow *f, int v)
{
	outcome oc;

	oc.f = *f;
	oc.v = v;
	mc_vec_push(x->tmp, o, oc);
}

static bool
comm_eq(const mc_community *a, const mc_community *b)
{
	return a->kind == b->kind && a->a == b->a && a->b == b->b &&
	    (a->kind != 1 || a->c == b->c);
}

static bool
comm_pat(const mc_community *pat, const mc_community *c)
{
	return pat->kind == c->kind &&
	    (pat->a == 0xffffffffu || pat->a == c->a) &&
	    (pat->b == 0xffffffffu || pat->b == c->b) &&
	    (pat->kind != 1 || pat->c == 0xffffffffu || pat->c == c->c);
}

/*
 * Communities a 'comm-list delete' removes: each community on its own, the
 * first entry that matches it decides, permit deletes.  FRR
 * (bgp_clist.c community_list_match_delete): a standard entry matches a
 * community it lists (any of its values), an expanded entry when its regex
 * matches the community's text (well-known values by name, B5); a
 * standard list's regexes see standard communities only, a large list's
 * large ones.  Elsewhere a standard entry must match with every value.
 */
static bool
list_deletes(ev *x, const mc_community_list *l, const mc_community *c)
{
	bool frr = x->e->dev->vendor == MC_VENDOR_FRR;
	char buf[48];
	size_t i, k;

	for (i = 0; i < l->entries.n; i++) {
		const mc_community_entry *en = &l->entries.v[i];
		bool m = false;

		if (en->expanded) {
			if (c->kind == (l->large ? 1 : 0) && en->regex != NULL)
				m = pol_re_match(x, en->regex, MC_RE_CISCO,
				    pol_comm_text(x, c, buf, sizeof(buf))) == 1;
		} else if (frr) {
			for (k = 0; k < en->all_of.n && !m; k++)
				m = comm_pat(&en->all_of.v[k], c);
		} else {
			m = en->all_of.n > 0;
			for (k = 0; k < en->all_of.n && m; k++)
				m = comm_pat(&en->all_of.v[k], c);
		}
		if (m)
			return en->permit;
	}
	return false;
}

/* The list a 'comm-list delete' names; n & 2: FRR large-comm-list, a name
 * space of its own. */
static const mc_community_list *
del_list(ev *x, const mc_stmt *st)
{
	const mc_device *d = x->e->dev;
	bool large = (st->n & 2) != 0;
	size_t i;

	if (d->vendor != MC_VENDOR_FRR)
		return mc_dev_community_list(d, st->ref);
	for (i = 0; i < d->community_lists.n; i++) {
		const mc_community_list *l = d->community_lists.v[i];

		if (l->large == large && l->name != NULL &&
		    strcmp(l->name, st->ref) == 0)
			return l;
	}
	return NULL;
}

static void
apply_set(ev *x, const mc_stmt *st, flow *f)
{
	mc_route *r;
	int i, j;

	if (st->set == MC_SET_OTHER)
		return;
	/* other flows may share the route: this one gets its own */
	r = mc_alloc_nz(x->tmp, sizeof(*r));
	*r = *f->r;
	f->r = r;
	switch (st->set) {
	case MC_SET_COMMUNITY_REPLACE:
		r->ncomms = 0;
		/* FALLTHROUGH */
	case MC_SET_COMMUNITY_ADD:
		for (i = 0; i < r->ncomms; i++)
			if (comm_eq(&r->comms[i], &st->comm))
				return;
		if (r->ncomms >= 16) {
			x->approx = true;
			return;
		}
		r->comms[r->ncomms++] = st->comm;
		return;
	case MC_SET_COMMUNITY_DEL: {
		const mc_community_list *l = st->ref ? del_list(x, st) : NULL;

		if (st->ref != NULL && l == NULL)
			return;	/* deleting by an undefined list: nothing */
		for (i = 0, j = 0; i < r->ncomms; i++) {
			bool del = l ? list_deletes(x, l, &r->comms[i]) :
			    comm_pat(&st->comm, &r->comms[i]);

			if (!del)
				r->comms[j++] = r->comms[i];
		}
		r->ncomms = j;
		return;
	}
	case MC_SET_COMMUNITY_NONE:
		r->ncomms = 0;
		return;
	case MC_SET_PREPEND: {
		int n = st->n > 0 ? st->n : 1;

		if (n > 128 - r->path_len) {
			x->approx = true;
			x->cut = true;
			n = 128 - r->path_len;
		}
		if (n <= 0)
			return;
		memmove(r->path + n, r->path, (size_t)r->path_len * sizeof(r->path[0]));
		for (i = 0; i < n; i++)
			r->path[i] = st->comm.a;
		r->path_len += n;
		if (r->path_len - x->plen0 > x->grow)
			x->grow = r->path_len - x->plen0;
		return;
	}
	case MC_SET_LOCAL_PREF: {
		/* FRR route_set_local_pref: "+N"/"-N" start from 0 when the
		 * route has none, and saturate. */
		uint32_t cur = r->has_local_pref ? r->local_pref : 0;

		if (st->n > 0)
			r->local_pref = cur > UINT32_MAX - st->comm.a ?
			    UINT32_MAX : cur + st->comm.a;
		else if (st->n < 0)
			r->local_pref = cur <= st->comm.a ? 0 :
			    cur - st->comm.a;
		else
			r->local_pref = st->comm.a;
		r->has_local_pref = true;
		return;
	}
	case MC_SET_OTHER:
	default:
		return;
	}
}

static bool
route_eq(const mc_route *a, const mc_route *b)
{
	int i;

	if (a->path_len != b->path_len || a->ncomms != b->ncomms ||
	    a->rov != b->rov)
		return false;
	if (memcmp(a->path, b->path, (size_t)a->path_len * sizeof(a->path[0])) != 0)
		return false;
	for (i = 0; i < a->ncomms; i++)
		if (!comm_eq(&a->comms[i], &b->comms[i]))
			return false;
	if (!mc_prefix_eq(&a->next_hop, &b->next_hop))
		return false;
	if (a->has_local_pref != b->has_local_pref ||
	    (a->has_local_pref && a->local_pref != b->local_pref))
		return false;
	if (a->protocol == b->protocol)
		return true;
	return a->protocol != NULL && b->protocol != NULL &&
	    strcmp(a->protocol, b->protocol) == 0;
}

/* Flows with the same attributes go on together: one set, not many. */
static void
merge(ev *x, flowvec *v)
{
	size_t i, k, n = 0;

	if (x->trace || v->n < 2)
		return;
	for (i = 0; i < v->n; i++) {
		for (k = 0; k < n; k++)
			if (v->v[k].mark == v->v[i].mark &&
			    route_eq(v->v[k].r, v->v[i].r))
				break;
		if (k < n)
			v->v[k].set = mc_rs_union(x->tmp, &v->v[k].set,
			    &v->v[i].set);
		else
			v->v[n++] = v->v[i];
	}
	v->n = n;
}

static const struct frame *
frame_new(ev *x, const mc_block *b, size_t i, const struct frame *up)
{
	struct frame *fr = mc_alloc(x->tmp, sizeof(*fr));

	fr->b = b;
	fr->i = i;
	fr->up = up;
	return fr;
}

/*
 * Calls already run in this evaluation.  A routine called again with the
 * same flow (prefix set, attributes, mark) at the same nesting ends the
 * same way, so its outcomes are reused.  Without this, route-map entries
 * that each call the next level and continue make a run exponential in the
 * nesting: ten levels of ten such entries are 10^10 statements, where the
 * memo runs each level once per distinct flow.
 */
#define CALL_MEMO_MAX 256
/* A traced run reuses a call only once it is this long: the trace then
 * says "as before" instead of repeating the callee's steps, and ordinary
 * policies (the corpus needs about a thousand steps at most) keep their
 * full trace. */
#define CALL_MEMO_TRACE_AFTER 10000L

struct call_memo {
	const mc_policy *q;
	int depth;
	bool mark;
	size_t n;
	uint64_t h1, h2;	/* the flow's set */
	const mc_route *r;	/* the flow's: never written through */
	int line;		/* the call statement that ran it first */
	outvec sub;
	bool approx, nbr_dep;	/* what the run added to the evaluation */
};

static struct call_memo *
call_find(ev *x, const mc_policy *q, const flow *f, uint64_t h1, uint64_t h2)
{
	size_t i;

	for (i = 0; i < x->ncm; i++) {
		struct call_memo *m = &x->cm[i];

		if (m->q == q && m->depth == x->depth && m->mark == f->mark &&
		    m->n == f->set.n && m->h1 == h1 && m->h2 == h2 &&
		    route_eq(m->r, f->r))
			return m;
	}
	return NULL;
}

static const char *
outcome_word(int v)
{
	switch (v) {
	case V_ACCEPT:
		return "permit";
	case V_REJECT:
		return "deny";
	case V_RETURN:
		return "return";
	default:
		return "no decision";
	}
}

/* Run q on f, or reuse an earlier run of it on the same flow. */
static outvec
call_run(ev *x, const mc_policy *p, const mc_term *t, const mc_stmt *st,
    const mc_policy *q, flow *f)
{
	struct call_memo *m;
	outvec sub = {0};
	uint64_t h1, h2;
	bool approx = x->approx, dep = x->nbr_dep, known;
	size_t i;

	pol_set_hash(&f->set, &h1, &h2);
	m = call_find(x, q, f, h1, h2);
	if (m != NULL && (!x->trace || x->steps > CALL_MEMO_TRACE_AFTER)) {
		x->approx |= m->approx;
		x->nbr_dep |= m->nbr_dep;
		if (!x->trace)
			return m->sub;
		/* The same outcomes on this flow's trace, each with one
		 * step that points at the first run. */
		for (i = 0; i < m->sub.n; i++) {
			outcome o = m->sub.v[i];

			o.f.tr = f->tr;
			pol_note(x, &o.f, p->name, t->name, st->line,
			    "%s: %s, as when called at line %d", q->name,
			    outcome_word(o.v), m->line);
			mc_vec_push(x->tmp, &sub, o);
		}
		return sub;
	}
	known = m != NULL;	/* m may move while q runs: not used below */
	x->approx = x->nbr_dep = false;
	x->depth++;
	pol_run(x, q, f, true, &sub);
	x->depth--;
	if (!known && x->ncm < CALL_MEMO_MAX) {
		/* grown as needed: an entry holds a whole route */
		if (x->ncm == x->capcm)
			x->cm = mc_vec_grow(x->tmp, x->cm, &x->capcm,
			    sizeof(*x->cm));
		m = &x->cm[x->ncm++];
		m->q = q;
		m->depth = x->depth;
		m->mark = f->mark;
		m->n = f->set.n;
		m->h1 = h1;
		m->h2 = h2;
		m->r = f->r;
		m->line = st->line;
		m->sub = sub;
		m->approx = x->approx;
		m->nbr_dep = x->nbr_dep;
	}
	x->approx |= approx;
	x->nbr_dep |= dep;
	return sub;
}

static void
do_call(ev *x, const mc_policy *p, const mc_term *t, const mc_stmt *st,
    struct work *cur, workvec *w, outvec *out)
{
	const mc_policy *q = pol_policy(x->e, st->ref);
	const mc_semantics *sem = x->e->sem;
	flow *f = &cur->f;
	outvec sub;
	size_t i;

	if (q == NULL) {
		mc_undef u = sem->undef_policy_match;
		bool pass = u == MC_UNDEF_MATCH_ALL || u == MC_UNDEF_ACCEPT_ALL;

		pol_note(x, f, p->name, t->name, st->line,
		    "call %s: not defined, %s", st->ref ? st->ref : "?",
		    pass ? "skipped" : "no route passes");
		if (!pass)
			emit(x, out, f, V_REJECT);
		else if (st->call_returns)
			mc_vec_push(x->tmp, w, *cur);
		else
			emit(x, out, f, V_ACCEPT);
		return;
	}
	if (x->depth >= EV_MAX_DEPTH) {
		x->approx = true;
		pol_note(x, f, p->name, t->name, st->line,
		    "call %s: nested too deep, route dropped", q->name);
		emit(x, out, f, V_REJECT);
		return;
	}
	pol_note(x, f, p->name, t->name, st->line, "call %s", q->name);
	sub = call_run(x, p, t, st, q, f);
	for (i = 0; i < sub.n; i++) {
		outcome *o = &sub.v[i];
		struct work nw = *cur;

		nw.f = o->f;
		switch (o->v) {
		case V_REJECT:
			emit(x, out, &o->f, V_REJECT);
			break;
		case V_ACCEPT:
			if (st->call_returns)
				mc_vec_push(x->tmp, w, nw);
			else
				emit(x, out, &o->f, V_ACCEPT);
			break;
		case V_RETURN:
			mc_vec_push(x->tmp, w, nw);
			break;
		default:	/* V_NEXT */
			if (st->call_returns)
				mc_vec_push(x->tmp, w, nw);
			else
				emit(x, out, &o->f, V_NEXT);
			break;
		}
	}
}

/* Nothing follows in this policy but its implicit deny. */
static bool
dead_end(const mc_policy *p, size_t ti, const struct work *cur, bool called,
    const flow *f)
{
	const struct frame *fr;

	if (called || f->mark || p->fallthrough != MC_FALL_REJECT ||
	    ti + 1 != p->terms.n || cur->i < cur->b->n)
		return false;
	for (fr = cur->up; fr != NULL; fr = fr->up)
		if (fr->i < fr->b->n)
			return false;
	return true;
}

static void
exec_term(ev *x, const mc_policy *p, size_t ti, const flow *in, bool called,
    flowvec *pend, outvec *out)
{
	const mc_term *t = &p->terms.v[ti];
	size_t nt = p->terms.n;
	workvec w = {0};
	struct work cur;

	cur.b = &t->body;
	cur.i = 0;
	cur.up = NULL;
	cur.f = *in;
	mc_vec_push(x->tmp, &w, cur);
	while (w.n > 0) {
		cur = w.v[--w.n];
		for (;;) {
			flow *f = &cur.f;
			const mc_stmt *st;

			if (mc_rs_empty(&f->set))
				break;
			if (++x->steps > EV_MAX_STEPS) {
				x->approx = true;
				pol_note_text(x, f, p->name, t->name, t->line,
				    "evaluation too long: route dropped");
				emit(x, out, f, V_REJECT);
				break;
			}
			if (cur.i >= cur.b->n) {
				if (cur.up == NULL) {
					mc_vec_push(x->tmp, &pend[ti + 1], *f);
					break;
				}
				cur.b = cur.up->b;
				cur.i = cur.up->i;
				cur.up = cur.up->up;
				continue;
			}
			st = cur.b->v[cur.i++];
			switch (st->kind) {
			case MC_S_IF: {
				const char *why = NULL;
				mc_rangeset T = pol_cond(x, st->cond, f, &why);
				mc_rangeset E = {0};

				/* The else part is dropped unseen when only an
				 * implicit deny follows (the common last
				 * term): skip computing a large complement. */
				if (mc_rs_empty(&T))
					E = f->set;
				else if (T.v == f->set.v && T.n == f->set.n)
					;	/* the whole flow: E stays empty */
				else if (x->trace || st->els.n > 0 ||
				    !dead_end(p, ti, &cur, called, f))
					E = pol_subtract(x, &f->set, &T);
				const struct frame *cont = frame_new(x, cur.b,
				    cur.i, cur.up);
				bool tn = !mc_rs_empty(&T), en = !mc_rs_empty(&E);

				if (tn && en) {
					struct work o;

					o.b = &st->els;
					o.i = 0;
					o.up = cont;
					o.f = *f;
					o.f.set = E;
					mc_vec_push(x->tmp, &w, o);
				}
				/* The reasons: steps that never decide
				 * (a brief trace leaves them out). */
				if (tn) {
					f->set = T;
					if (st->then.n > 0 && x->why)
						pol_note(x, f, p->name, t->name,
						    st->cond ? st->cond->line : st->line,
						    "match %s", why ? why : "?");
					cur.b = &st->then;
				} else {
					f->set = E;
					if (st->els.n > 0 && x->why)
						pol_note(x, f, p->name, t->name,
						    st->cond ? st->cond->line : st->line,
						    "no match: %s", why ? why : "?");
					cur.b = &st->els;
				}
				cur.i = 0;
				cur.up = cont;
				continue;
			}
			case MC_S_ACCEPT:
				pol_note_text(x, f, p->name, t->name,
				    st->line, "permit");
				emit(x, out, f, V_ACCEPT);
				break;
			case MC_S_REJECT:
				pol_note_text(x, f, p->name, t->name,
				    st->line, "deny");
				emit(x, out, f, V_REJECT);
				break;
			case MC_S_NEXT_TERM:
				mc_vec_push(x->tmp, &pend[ti + 1], *f);
				break;
			case MC_S_NEXT_POLICY:
				pol_note_text(x, f, p->name, t->name, st->line,
				    "next policy");
				emit(x, out, f, V_NEXT);
				break;
			case MC_S_GOTO: {
				size_t n = st->n > 0 ? (size_t)st->n : 0;

				if (st->mark_accept)
					f->mark = true;
				if (n <= ti) {
					/* Only forward jumps: no loops. */
					x->approx = true;
					n = ti + 1;
				}
				if (n > nt)
					n = nt;
				pol_note(x, f, p->name, t->name, st->line,
				    "continue%s", st->mark_accept ?
				    " (permitted so far)" : "");
				mc_vec_push(x->tmp, &pend[n], *f);
				break;
			}
			case MC_S_CALL:
				do_call(x, p, t, st, &cur, &w, out);
				break;
			case MC_S_SET:
				apply_set(x, st, f);
				continue;
			case MC_S_RETURN:
				if (st->mark_accept) {
					pol_note_text(x, f, p->name, t->name,
					    st->line, "done: permit");
					emit(x, out, f, V_ACCEPT);
				} else if (called)
					emit(x, out, f, V_RETURN);
				else
					mc_vec_push(x->tmp, &pend[nt], *f);
				break;
			case MC_S_MARK:
				/* Provisional verdict; the end of the policy
				 * reads it (XR pass, OpenBGPD non-quick rules). */
				f->mark = st->mark_accept;
				pol_note(x, f, p->name, t->name, st->line, "%s",
				    st->mark_accept ? "permit for now" :
				    "deny for now");
				continue;
			case MC_S_UNKNOWN:
			default:
				x->approx = true;
				pol_note(x, f, p->name, t->name, st->line,
				    "statement not understood, ignored: %s",
				    st->str ? st->str : "?");
				continue;
			}
			break;
		}
	}
}

void
pol_run(ev *x, const mc_policy *p, const flow *in, bool called, outvec *out)
{
	size_t nt = p->terms.n, i, k;
	flowvec *pend = mc_alloc(x->tmp, (nt + 1) * sizeof(*pend));
	const char *word = pol_kind_word(x->e->dev);

	mc_vec_push(x->tmp, &pend[0], *in);
	for (i = 0; i < nt; i++) {
		merge(x, &pend[i]);
		for (k = 0; k < pend[i].n; k++)
			exec_term(x, p, i, &pend[i].v[k], called, pend, out);
	}
	merge(x, &pend[nt]);
	for (k = 0; k < pend[nt].n; k++) {
		flow f = pend[nt].v[k];

		if (called && p->is_function) {
			emit(x, out, &f, V_RETURN);
		} else if (f.mark) {
			pol_note(x, &f, p->name, NULL, p->line,
			    "end of %s %s after a permitting entry: permit",
			    word, p->name);
			emit(x, out, &f, V_ACCEPT);
		} else if (p->fallthrough == MC_FALL_ACCEPT) {
			pol_note(x, &f, p->name, NULL, p->line,
			    "end of %s %s: permit", word, p->name);
			emit(x, out, &f, V_ACCEPT);
		} else if (p->fallthrough == MC_FALL_NEXT_POLICY) {
			pol_note(x, &f, p->name, NULL, p->line,
			    "end of %s %s: no decision, next policy", word,
			    p->name);
			emit(x, out, &f, V_NEXT);
		} else {
			pol_note(x, &f, p->name, NULL, p->line,
			    "end of %s %s: implicit deny", word, p->name);
			emit(x, out, &f, V_REJECT);
		}
	}
}
