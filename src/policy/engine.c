/*
 * The policy engine: per-device caches (compiled regexes, permitted sets
 * of lists), neighbour chains, and the two public questions.  Concrete
 * evaluation is the symbolic one over a one-prefix set, so they agree.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "policy/policy_int.h"

/* ---- engine and caches ------------------------------------------------------ */

mc_engine *
mc_engine_new(const mc_device *d, mc_arena *a)
{
	mc_engine *e = calloc(1, sizeof(*e));

	if (e == NULL)
		return NULL;
	e->dev = d;
	e->arena = a;
	/* Cached sets die with the engine, not with the device: a check of
	 * thousands of routers keeps only what the report needs. */
	e->cache = mc_arena_new();
	e->sem = mc_semantics_for(d->vendor);
	e->md = pcre2_match_data_create(4, NULL);
	e->mctx = pcre2_match_context_create(NULL);
	if (e->md == NULL || e->mctx == NULL) {
		mc_engine_free(e);
		return NULL;
	}
	/* Hostile regexes must not hang a check. */
	pcre2_set_match_limit(e->mctx, 200000);
	pcre2_set_depth_limit(e->mctx, 10000);
	return e;
}

void
mc_engine_brief_trace(mc_engine *e, bool on)
{
	if (e != NULL)
		e->brief_trace = on;
}

void
mc_engine_free(mc_engine *e)
{
	size_t i;

	if (e == NULL)
		return;
	for (i = 0; i < e->capre; i++)
		if (e->re[i].text != NULL) {
			free(e->re[i].text);
			pcre2_code_free(e->re[i].code);
			pol_re_tok_free(e->re[i].tok);
		}
	free(e->re);
	free(e->memo);
	free(e->res);
	free(e->isect);
	free(e->setop);
	free(e->reads);
	free(e->aspm);
	free(e->chains);
	free(e->ids);
	mc_arena_free(e->cache);
	mc_arena_free(e->scratch);
	pcre2_match_data_free(e->md);
	pcre2_match_context_free(e->mctx);
	free(e);
}

static uint64_t
hash_str(const char *s, int salt)
{
	uint64_t h = 1469598103934665603ull ^ (uint64_t)salt;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	return h;
}

static uint64_t
hash_ptr(const void *p)
{
	uint64_t h = (uint64_t)(uintptr_t)p;

	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	return h;
}

static const void *
slot_ptr(const char *slot, size_t off)
{
	const void *p;

	memcpy(&p, slot + off, sizeof(p));
	return p;
}

bool
pol_tab_grow(void *tab, size_t *cap, size_t start, size_t esz, size_t off,
    uint64_t (*hash)(const void *))
{
	char **tp = tab, *ov = *tp, *nv;
	size_t ncap = *cap ? *cap * 2 : start, i, j;

	if ((nv = calloc(ncap, esz)) == NULL)
		return false;
	for (i = 0; i < *cap; i++) {
		const char *o = ov + i * esz;

		if (slot_ptr(o, off) == NULL)
			continue;
		for (j = hash(o) & (ncap - 1); slot_ptr(nv + j * esz, off) !=
		    NULL; j = (j + 1) & (ncap - 1))
			;
		memcpy(nv + j * esz, o, esz);
	}
	free(ov);
	*tp = nv;
	*cap = ncap;
	return true;
}

static uint64_t
re_hash(const void *slot)
{
	const struct re_ent *r = slot;

	return hash_str(r->text, r->dialect);
}

static bool
re_grow(mc_engine *e)
{
	if (!pol_tab_grow(&e->re, &e->capre, 64, sizeof(*e->re),
	    offsetof(struct re_ent, text), re_hash))
		return false;
	memset(e->relast, 0, sizeof(e->relast));	/* slots moved */
	return true;
}

static struct re_ent *
re_get(ev *x, const char *re, mc_regex_dialect d)
{
	mc_engine *e = x->e;
	struct re_ent *slot;
	struct re_last *l = &e->relast[hash_ptr(re) & (RE_LAST - 1)];
	size_t k;

	/* The lists' regex strings are the model's: their addresses are a
	 * cheaper key than their text. */
	if (l->re == re && l->d == (int)d)
		return l->slot;
	if ((e->nre + 1) * 2 > e->capre && !re_grow(e))
		return NULL;
	k = hash_str(re, (int)d) & (e->capre - 1);
	for (;;) {
		slot = &e->re[k];
		if (slot->text == NULL)
			break;
		if (slot->dialect == (int)d && strcmp(slot->text, re) == 0)
			goto found;
		k = (k + 1) & (e->capre - 1);
	}
	slot->text = strdup(re);
	if (slot->text == NULL)
		return NULL;
	slot->dialect = (int)d;
	e->nre++;
	/* A regex the token matcher takes is compiled by PCRE2 only if a
	 * subject it cannot read comes (a community's text, say). */
	slot->tok = d == MC_RE_CISCO ? pol_re_tok_compile(re) : NULL;
	slot->compiled = slot->tok == NULL;
	slot->code = slot->compiled ? pol_regex_compile(re, d) : NULL;
	slot->uses = 0;
	slot->jit_tried = false;
found:
	l->re = re;
	l->d = (int)d;
	l->slot = slot;
	return slot;
}

int
pol_re_match_asns(ev *x, const char *re, mc_regex_dialect d,
    const mc_route *r)
{
	struct re_ent *e;

	if (re == NULL || (e = re_get(x, re, d)) == NULL || e->tok == NULL)
		return -2;
	return pol_re_tok_match_asns(e->tok, r->path, r->path_len);
}

int
pol_re_match(ev *x, const char *re, mc_regex_dialect d, const char *subj)
{
	struct re_ent *r;
	size_t len;
	int rc;

	if (re == NULL || (r = re_get(x, re, d)) == NULL) {
		x->approx = true;
		return -1;
	}
	len = strlen(subj);
	if (r->tok != NULL && (rc = pol_re_tok_match(r->tok, subj, len)) >= 0)
		return rc;
	if (!r->compiled) {
		r->code = pol_regex_compile(re, d);
		r->compiled = true;
	}
	if (r->code == NULL) {
		x->approx = true;	/* a regex we cannot run */
		return -1;
	}
	/* Compiled to machine code where PCRE2 can (pcre2_match then uses
	 * it; where it cannot, the interpreter runs as before) once it pays:
	 * a regex matched often, or against a long path (a Cisco '_' is an
	 * alternation PCRE2 cannot anchor on, tried at every byte of the
	 * 101-AS probe path).  Compiling costs some fifty short matches. */
	if (!r->jit_tried && (++r->uses >= 16 || len > 64)) {
		r->jit_tried = true;
		(void)pcre2_jit_compile(r->code, PCRE2_JIT_COMPLETE);
	}
	rc = pcre2_match(r->code, (PCRE2_SPTR)subj, len, 0, 0,
	    x->e->md, x->e->mctx);
	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	x->approx = true;	/* match or depth limit */
	return -1;
}

/* A set's content hash: the one frozen with it, else computed now. */
void
pol_set_hash(const mc_rangeset *s, uint64_t *h1, uint64_t *h2)
{
	if (s->fp[0] != 0 || s->fp[1] != 0) {
		*h1 = s->fp[0];
		*h2 = s->fp[1];
	} else
		mc_rs_hash(s, h1, h2);
}

static uint64_t
isect_hash(const void *slot)
{
	const struct isect_ent *t = slot;

	return hash_ptr(t->key) ^ t->h1;
}

static bool
isect_grow(mc_engine *e)
{
	return pol_tab_grow(&e->isect, &e->capisect, 64, sizeof(*e->isect),
	    offsetof(struct isect_ent, key), isect_hash);
}

static struct memo_ent *
memo_slot(mc_engine *e, const void *key)
{
	size_t k;

	if (e->capmemo == 0)
		return NULL;
	for (k = hash_ptr(key) & (e->capmemo - 1); e->memo[k].key != NULL;
	    k = (k + 1) & (e->capmemo - 1))
		if (e->memo[k].key == key)
			return &e->memo[k];
	return NULL;
}

static bool
frozen(const mc_rangeset *s)
{
	return s->fp[0] != 0 || s->fp[1] != 0;
}

/* The index, with parents, of a frozen set the engine meets again and
 * again; NULL when all slots are taken by others (or out of memory). */
static const mc_rs_index *
target_index(mc_engine *e, const mc_rangeset *f)
{
	struct target_ix *t;
	size_t i;

	for (i = 0; i < sizeof(e->tix) / sizeof(e->tix[0]); i++) {
		t = &e->tix[i];
		if (t->v == f->v && t->n == f->n && t->fp[0] == f->fp[0] &&
		    t->fp[1] == f->fp[1])
			return &t->ix;
		if (t->v != NULL)
			continue;
		mc_rs_index_build(e->cache, f, &t->ix);
		if (!mc_rs_index_parents(e->cache, &t->ix))
			return NULL;
		t->v = f->v;
		t->n = f->n;
		t->fp[0] = f->fp[0];
		t->fp[1] = f->fp[1];
		return &t->ix;
	}
	return NULL;
}

mc_rangeset
pol_isect(ev *x, const mc_rangeset *f, const void *key, const mc_rangeset *s)
{
	mc_engine *e = x->e;
	struct isect_ent *slot;
	struct memo_ent *m;
	const mc_rs_index *ti = NULL, *isect = NULL;
	const mc_rangeset *fixed;
	mc_rangeset r;
	uint64_t h1, h2;
	size_t k;

	/* One prefix (a route, a probe) against a list's set: by binary
	 * search in the list's index, made once for the engine. */
	if (key != NULL && f->n == 1 && s->n >= 16 &&
	    (m = memo_slot(e, key)) != NULL && &m->set == s) {
		if (!m->indexed) {
			mc_rs_index_build(e->cache, s, &m->ix);
			m->indexed = true;
		}
		return mc_rs_index_isect(x->tmp, &f->v[0], f->overflow, &m->ix);
	}
	if (key != NULL && (m = memo_slot(e, key)) != NULL && &m->set == s) {
		/* A target whose lengths the list never admits (the
		 * too-specific probes against a customer's /24s): nothing
		 * in common, known without a sweep. */
		if (frozen(f) && !mc_rs_windows_meet(f->win, m->win)) {
			r = (mc_rangeset){ .overflow = f->overflow ||
			    s->overflow };
			return r;
		}
		/* The list's set as compaction left it: a result that is
		 * all of it need not be compacted again. */
		fixed = m->fixed ? s : NULL;
	} else
		fixed = NULL;
	/* Small sets: intersecting costs less than hashing and keeping. */
	if (key == NULL || f->n < 8 || s->n < 8)
		return mc_rs_intersect_fixed(x->tmp, f, s, fixed);
	/* One set many times the other's size: from the small side, by the
	 * big one's index (below): a rule's target against a list, a flow
	 * against a big list. */
	if (frozen(f) && s->n * 3 < f->n && (ti = target_index(e, f)) != NULL)
		isect = ti;
	else if (f->n * 3 < s->n && (m = memo_slot(e, key)) != NULL &&
	    &m->set == s) {
		if (!m->indexed) {
			mc_rs_index_build(e->cache, s, &m->ix);
			m->indexed = true;
		}
		if (mc_rs_index_parents(e->cache, &m->ix))
			isect = &m->ix;
	}
	pol_set_hash(f, &h1, &h2);
	if ((e->nisect + 1) * 2 > e->capisect && !isect_grow(e))
		return mc_rs_intersect_fixed(x->tmp, f, s, fixed);
	k = (hash_ptr(key) ^ h1) & (e->capisect - 1);
	for (;;) {
		slot = &e->isect[k];
		if (slot->key == NULL)
			break;
		if (slot->key == key && slot->h1 == h1 && slot->h2 == h2 &&
		    slot->set.overflow == (f->overflow || s->overflow)) {
			r = slot->set;
			r.cap = r.n;
			return r;
		}
		k = (k + 1) & (e->capisect - 1);
	}
	if (isect == NULL)
		r = mc_rs_intersect_fixed(x->tmp, f, s, fixed);
	else
		r = mc_rs_index_isect_set_fixed(x->tmp, isect == ti ? s : f,
		    isect, fixed);
	slot->key = key;
	slot->h1 = h1;
	slot->h2 = h2;
	/* all of the list's set shares its array, which lives as long */
	slot->set = r.v == s->v && r.n == s->n && s == fixed ? r :
	    mc_rs_copy(e->cache, &r);
	e->nisect++;
	r = slot->set;
	r.cap = r.n;
	return r;
}

static uint64_t
setop_hash(const void *slot)
{
	const struct setop_ent *t = slot;

	return t->x1 ^ (t->y1 * 0x9e3779b97f4a7c15ull) ^ (uint64_t)t->op;
}

/* Below this many ranges in all, the operation costs about what hashing
 * both sets does. */
#define SETOP_MEMO_MIN 64
#define SETOP_MEMO_BYTES (64u << 20)

/* A set's hash: the last answer's is known (its array is the engine's
 * and never changes), a frozen set's is kept with it. */
static void
setop_set_hash(const mc_engine *e, const mc_rangeset *s, uint64_t *h1,
    uint64_t *h2)
{
	int i;

	for (i = 0; i < 2 && s->v != NULL; i++)
		if (s->v == e->oplast[i].v && s->n == e->oplast[i].n) {
			*h1 = e->oplast[i].h1;
			*h2 = e->oplast[i].h2;
			return;
		}
	pol_set_hash(s, h1, h2);
}

static mc_rangeset
setop(ev *x, int op, const mc_rangeset *a, const mc_rangeset *b)
{
	mc_engine *e = x->e;
	struct setop_ent *slot;
	mc_rangeset r;
	uint64_t x1, x2, y1, y2;
	size_t k;

	/* small, or nothing more may be kept: no hashing */
	if (a->n + b->n < SETOP_MEMO_MIN || e->setop_bytes >= SETOP_MEMO_BYTES)
		goto compute;
	setop_set_hash(e, a, &x1, &x2);
	setop_set_hash(e, b, &y1, &y2);
	/* the overflow marks are part of the answer */
	x2 ^= (uint64_t)a->overflow << 1 | (uint64_t)b->overflow;
	if ((e->nsetop + 1) * 2 > e->capsetop &&
	    !pol_tab_grow(&e->setop, &e->capsetop, 64, sizeof(*e->setop),
	    offsetof(struct setop_ent, eng), setop_hash))
		goto compute;
	for (k = (x1 ^ (y1 * 0x9e3779b97f4a7c15ull) ^ (uint64_t)op) &
	    (e->capsetop - 1);; k = (k + 1) & (e->capsetop - 1)) {
		slot = &e->setop[k];
		if (slot->eng == NULL)
			break;
		if (slot->op == op && slot->x1 == x1 && slot->x2 == x2 &&
		    slot->y1 == y1 && slot->y2 == y2)
			goto found;
	}
	r = op == SETOP_SUB ? mc_rs_subtract(x->tmp, a, b) :
	    mc_rs_union(x->tmp, a, b);
	/* what is kept stays bounded: a route server's thousand neighbours
	 * may each make a big set of their own */
	if (e->setop_bytes + r.n * sizeof(*r.v) > SETOP_MEMO_BYTES)
		return r;
	e->setop_bytes += r.n * sizeof(*r.v);
	slot->eng = e;
	slot->op = op;
	slot->x1 = x1;
	slot->x2 = x2;
	slot->y1 = y1;
	slot->y2 = y2;
	slot->set = mc_rs_copy(e->cache, &r);
	pol_set_hash(&slot->set, &slot->r1, &slot->r2);
	e->nsetop++;
found:
	r = slot->set;
	r.cap = r.n;
	e->oplast[op].v = r.v;
	e->oplast[op].n = r.n;
	e->oplast[op].h1 = slot->r1;
	e->oplast[op].h2 = slot->r2;
	return r;
compute:
	return op == SETOP_SUB ? mc_rs_subtract(x->tmp, a, b) :
	    mc_rs_union(x->tmp, a, b);
}

mc_rangeset
pol_subtract(ev *x, const mc_rangeset *a, const mc_rangeset *b)
{
	/* nothing to take away, or the same ranges (nothing left): no
	 * hashing, mc_rs_subtract answers at once */
	if (b->n == 0 || (a->n == b->n &&
	    memcmp(a->v, b->v, a->n * sizeof(*a->v)) == 0))
		return mc_rs_subtract(x->tmp, a, b);
	return setop(x, SETOP_SUB, a, b);
}

mc_rangeset
pol_union(ev *x, const mc_rangeset *a, const mc_rangeset *b)
{
	return setop(x, SETOP_UNION, a, b);
}

const void *
pol_ref(mc_engine *e, int kind, const char *name)
{
	struct ref_ent *r;

	if (name == NULL)
		return NULL;
	r = &e->refs[((((uintptr_t)name * 0x9e3779b97f4a7c15ull) >> 57) ^
	    (unsigned)kind) % (sizeof(e->refs) / sizeof(e->refs[0]))];
	if (r->name == name && r->kind == kind)
		return r->obj;
	r->name = name;
	r->kind = kind;
	r->obj = kind == POL_REF_POLICY ? (const void *)mc_dev_policy(e->dev,
	    name) : kind == POL_REF_PLIST ? (const void *)
	    mc_dev_prefix_list(e->dev, name) : (const void *)
	    mc_dev_aspath_list(e->dev, name);
	return r->obj;
}

const struct memo_ent *
pol_memo_get(mc_engine *e, const void *key)
{
	return memo_slot(e, key);
}

static uint64_t
memo_hash(const void *slot)
{
	return hash_ptr(((const struct memo_ent *)slot)->key);
}

void
pol_memo_put(mc_engine *e, const void *key, const mc_rangeset *s, bool fixed,
    bool approx)
{
	size_t k;

	if ((e->nmemo + 1) * 2 > e->capmemo &&
	    !pol_tab_grow(&e->memo, &e->capmemo, 64, sizeof(*e->memo),
	    offsetof(struct memo_ent, key), memo_hash))
		abort();
	k = hash_ptr(key) & (e->capmemo - 1);
	while (e->memo[k].key != NULL && e->memo[k].key != key)
		k = (k + 1) & (e->capmemo - 1);
	if (e->memo[k].key == NULL)
		e->nmemo++;
	e->memo[k].key = key;
	e->memo[k].set = mc_rs_copy(e->cache, s);
	e->memo[k].approx = approx;
	e->memo[k].fixed = fixed;
	e->memo[k].indexed = false;
	mc_rs_windows(s, e->memo[k].win);
}

/* ---- trace -------------------------------------------------------------------- */

void
pol_note(ev *x, flow *f, const char *policy, const char *term, int line,
    const char *fmt, ...)
{
	va_list ap;
	const char *what;

	if (!x->trace)
		return;
	va_start(ap, fmt);
	what = mc_vprintf(x->out, fmt, ap);
	va_end(ap);
	pol_note_text(x, f, policy, term, line, what);
}

/* pol_note with its words made already (they outlive the evaluation). */
void
pol_note_text(ev *x, flow *f, const char *policy, const char *term,
    int line, const char *what)
{
	tnode *n;

	if (!x->trace)
		return;
	n = mc_alloc(x->tmp, sizeof(*n));
	n->prev = f->tr;
	n->s.policy = policy;
	n->s.term = term;
	n->s.line = line;
	n->s.what = what;
	f->tr = n;
}

bool
pol_flow_prefix(const flow *f, mc_prefix *p)
{
	if (f->set.n != 1 || f->set.v[0].lo != f->set.v[0].hi ||
	    f->set.v[0].lo != f->set.v[0].p.len)
		return false;
	*p = f->set.v[0].p;
	return true;
}

static void
emit(ev *x, outvec *o, const flow *f, int v)
{
	/* into the vector at once: a flow carries a whole route */
	if (o->n == o->cap)
		o->v = mc_vec_grow(x->tmp, o->v, &o->cap, sizeof(*o->v));
	o->v[o->n].f = *f;
	o->v[o->n++].v = v;
}

/* ---- neighbour chains ------------------------------------------------------ */

static bool
pass_undef(mc_undef u)
{
	return u == MC_UNDEF_ACCEPT_ALL || u == MC_UNDEF_MATCH_ALL;
}

/* A prefix filter on the neighbour: its permitted set passes. */
static void
filter_set(ev *x, const mc_polref *ref, const char *what, const void *list,
    const mc_rangeset *P, const flow *f, outvec *res)
{
	mc_rangeset T = pol_isect(x, &f->set, list, P), E = {0};
	flow g = *f;

	/* Rejected sets matter only to a trace. */
	if (x->trace)
		E = mc_rs_subtract(x->tmp, &f->set, &T);

	if (!mc_rs_empty(&T)) {
		g.set = T;
		pol_note(x, &g, ref->name, NULL, ref->line, "%s %s: permit",
		    what, ref->name);
		emit(x, res, &g, V_ACCEPT);
	}
	if (!mc_rs_empty(&E)) {
		g = *f;
		g.set = E;
		pol_note(x, &g, ref->name, NULL, ref->line,
		    "%s %s: deny or no match", what, ref->name);
		emit(x, res, &g, V_REJECT);
	}
}

static void
undefined_ref(ev *x, const mc_polref *ref, const char *what, bool pass,
    flow *f, outvec *res)
{
	pol_note(x, f, ref->name, NULL, ref->line,
	    "%s %s is not defined: %s on %s", what, ref->name,
	    pass ? "every route passes" : "no route passes",
	    mc_vendor_name(x->e->dev->vendor));
	emit(x, res, f, pass ? V_ACCEPT : V_REJECT);
}

static void
run_ref(ev *x, const mc_polref *ref, flow *f, outvec *res, flowvec *next)
{
	mc_engine *e = x->e;
	const mc_semantics *sem = e->sem;
	bool approx = false;
	size_t i;

	switch (ref->kind) {
	case MC_REF_POLICY: {
		const mc_policy *p = pol_policy(e, ref->name);
		outvec sub = {0};

		if (p == NULL) {
			bool pass = sem->undef_policy_is_missing ?
			    mc_no_policy_accepts(e->dev, x->nbr, x->dir) :
			    pass_undef(sem->undef_policy_on_neighbor);

			/* mc_no_policy_accepts is part of the cache key */

			undefined_ref(x, ref, pol_kind_word(e->dev), pass, f, res);
			return;
		}
		pol_run(x, p, f, false, &sub);
		for (i = 0; i < sub.n; i++)
			if (sub.v[i].v == V_ACCEPT || sub.v[i].v == V_REJECT)
				mc_vec_push(x->tmp, res, sub.v[i]);
			else
				mc_vec_push(x->tmp, next, sub.v[i].f);
		return;
	}
	case MC_REF_PREFIX_LIST: {
		const mc_prefix_list *pl = pol_plist(e, ref->name);

		if (pl == NULL) {
			undefined_ref(x, ref, "prefix-list",
			    pass_undef(sem->undef_prefix_list_on_neighbor), f, res);
			return;
		}
		filter_set(x, ref, "prefix-list", pl, pol_plist_set(x, pl,
		    true, &approx), f, res);
		break;
	}
	case MC_REF_ACL: {
		const mc_acl *acl = mc_dev_acl(e->dev, ref->name);

		if (acl == NULL) {
			undefined_ref(x, ref, "distribute-list",
			    pass_undef(sem->undef_acl_on_neighbor), f, res);
			return;
		}
		filter_set(x, ref, "distribute-list", acl, pol_acl_set(x,
		    acl, &approx), f, res);
		break;
	}
	case MC_REF_ASPATH_LIST: {
		const mc_aspath_list *l = pol_aspath(e, ref->name);
		const mc_aspath_entry *hit;
		char buf[128 * 11 + 1];
		int m;

		if (l == NULL) {
			undefined_ref(x, ref, "filter-list",
			    pass_undef(sem->undef_aspath_list_on_neighbor), f, res);
			return;
		}
		m = pol_aspath_list(x, l, f->r, &hit);
		if (x->trace)	/* the path's text only for the trace */
			pol_note(x, f, ref->name, NULL, hit ? hit->line :
			    ref->line, "filter-list %s: %s for path \"%s\"",
			    ref->name, m == 1 ? "permit" : hit ? "deny" :
			    "no match, deny", pol_path_str(f->r, buf,
			    sizeof(buf)));
		emit(x, res, f, m == 1 ? V_ACCEPT : V_REJECT);
		break;
	}
	}
	if (approx)
		x->approx = true;
}

static void
run_stage(ev *x, const mc_direction_policy *dp, const mc_stage *sg,
    const flow *in, outvec *res)
{
	const mc_device *d = x->e->dev;
	flowvec cur = {0};
	size_t ci, k;
	bool acc;

	mc_vec_push(x->tmp, &cur, *in);
	for (ci = 0; ci < sg->chain.n && cur.n > 0; ci++) {
		flowvec next = {0};

		for (k = 0; k < cur.n; k++)
			run_ref(x, &sg->chain.v[ci], &cur.v[k], res, &next);
		cur = next;
	}
	/* Nothing in the chain decided: the default policy does. */
	acc = dp->chain_default_accept || x->e->sem->chain_default_accept;
	for (k = 0; k < cur.n; k++) {
		flow *f = &cur.v[k];
		bool a = acc;

		/* Junos' default export policy advertises BGP routes only. */
		if (a && d->vendor == MC_VENDOR_JUNOS && x->dir == MC_DIR_OUT &&
		    f->r->protocol != NULL && strcmp(f->r->protocol, "bgp") != 0)
			a = false;
		pol_note(x, f, NULL, NULL, 0, "end of the policy chain: the "
		    "default policy %s", a ? "accepts" : "rejects");
		emit(x, res, f, a ? V_ACCEPT : V_REJECT);
	}
}

bool
mc_has_policy(const mc_neighbor *n, int afi, mc_dir dir)
{
	const mc_direction_policy *dp;
	size_t i;

	if (n == NULL || afi < 0 || afi >= MC_AFI_COUNT)
		return false;
	dp = dir == MC_DIR_IN ? &n->af[afi].in : &n->af[afi].out;
	for (i = 0; i < dp->stages.n; i++)
		if (dp->stages.v[i].chain.n > 0)
			return true;
	return false;
}

/* The part of target in family af: the set itself (shared, cap == n so
 * that an append copies first) when it is all of that family. */
static mc_rangeset
af_part(mc_arena *a, const mc_rangeset *target, int af)
{
	mc_rangeset s, u;
	size_t i, same = 0;
	int f = af == MC_AF6;

	/* a frozen target's windows say which families it holds */
	if (frozen(target) && target->win[!f][0] > target->win[!f][1])
		same = target->win[f][0] <= target->win[f][1] ? target->n : 0;
	else
		for (i = 0; i < target->n; i++)
			if (target->v[i].p.af == af)
				same++;
	if (same == 0) {
		memset(&s, 0, sizeof(s));
		s.overflow = target->overflow;
		return s;
	}
	if (same < target->n) {
		u = mc_rs_universe(a, af);
		return mc_rs_intersect(a, target, &u);
	}
	s = *target;
	s.cap = s.n;
	return s;
}

/* The deciding step of a session without a policy: the same words for
 * every route, made once per engine (only traced evaluations ask). */
static const char *
no_policy_text(ev *x, bool ok, const char *dirw)
{
	const char **t = &x->e->nopol[x->dir == MC_DIR_IN][ok];

	if (!x->trace)
		return NULL;
	if (*t == NULL)
		*t = mc_printf(x->out, ok ?
		    "no %s policy: %s passes every route without one" :
		    "no %s policy: %s passes nothing without one "
		    "(RFC 8212 behaviour)", dirw,
		    mc_vendor_name(x->e->dev->vendor));
	return *t;
}

/* Every prefix of target through the neighbour's chains: the accepted
 * and the rejected flows. */
static void
eval_all(ev *x, const mc_route *attrs, const mc_rangeset *target,
    outvec *acc, outvec *rej, bool *by_default)
{
	const mc_neighbor *n = x->nbr;
	const mc_device *d = x->e->dev;
	const char *dirw = x->dir == MC_DIR_IN ? "import" : "export";
	int afi;

	x->plen0 = attrs->path_len;
	for (afi = 0; afi < MC_AFI_COUNT; afi++) {
		int af = afi == MC_AFI_V6 ? MC_AF6 : MC_AF4;
		const mc_af_settings *as = &n->af[afi];
		const mc_direction_policy *dp;
		flowvec cur = {0};
		mc_rangeset part = af_part(x->tmp, target, af);
		flow f;
		size_t s, k;

		if (mc_rs_empty(&part))
			continue;
		memset(&f, 0, sizeof(f));
		f.set = part;
		f.r = attrs;
		if (!as->active) {
			pol_note(x, &f, NULL, NULL, n->line, "neighbor %s is not "
			    "active for %s unicast: nothing is exchanged",
			    n->address ? n->address : "?",
			    af == MC_AF6 ? "IPv6" : "IPv4");
			emit(x, rej, &f, V_REJECT);
			continue;
		}
		dp = x->dir == MC_DIR_IN ? &as->in : &as->out;
		if (!mc_has_policy(n, afi, x->dir)) {
			bool ok = mc_no_policy_accepts(d, n, x->dir);

			/* ok depends on the neighbour: it is in the cache key */
			*by_default = true;
			pol_note_text(x, &f, NULL, NULL, 0,
			    no_policy_text(x, ok, dirw));
			emit(x, ok ? acc : rej, &f, ok ? V_ACCEPT : V_REJECT);
			continue;
		}
		mc_vec_push(x->tmp, &cur, f);
		/* Stages are ANDed: what one accepts goes to the next. */
		for (s = 0; s < dp->stages.n && cur.n > 0; s++) {
			outvec res = {0};

			if (dp->stages.v[s].chain.n == 0)
				continue;
			for (k = 0; k < cur.n; k++)
				run_stage(x, dp, &dp->stages.v[s], &cur.v[k], &res);
			cur.n = 0;
			for (k = 0; k < res.n; k++)
				if (res.v[k].v == V_ACCEPT)
					mc_vec_push(x->tmp, &cur, res.v[k].f);
				else
					mc_vec_push(x->tmp, rej, res.v[k]);
		}
		for (k = 0; k < cur.n; k++)
			emit(x, acc, &cur.v[k], V_ACCEPT);
	}
}

void
pol_ev_init(ev *x, mc_engine *e, const mc_neighbor *n, mc_dir dir, bool trace)
{
	memset(x, 0, sizeof(*x));
	x->e = e;
	/* One scratch arena per engine, reset after each evaluation: a new
	 * arena each time cost a malloc, a free and fresh pages per query. */
	if (!e->scratch_busy) {
		if (e->scratch == NULL)
			e->scratch = mc_arena_new();
		x->tmp = e->scratch;
		e->scratch_busy = true;
	} else
		x->tmp = mc_arena_new();
	x->out = e->arena;
	x->nbr = n;
	x->dir = dir;
	x->trace = trace;
	x->why = trace && !e->brief_trace;
}

void
pol_ev_done(ev *x)
{
	if (x->tmp == x->e->scratch) {
		mc_arena_reset(x->tmp);
		x->e->scratch_busy = false;
	} else
		mc_arena_free(x->tmp);
	x->tmp = NULL;
}

/* ---- result cache -------------------------------------------------------- */

/* A key is built in the caller's buffer (keys are a few hundred bytes),
 * on the heap only past it. */
typedef struct kbuf {
	unsigned char *p;
	size_t n, cap;
	bool bad, heap;
} kbuf;

static void
kput(kbuf *k, const void *v, size_t n)
{
	if (k->bad)
		return;
	if (k->n + n > k->cap) {
		size_t ncap = k->cap * 2 + n;
		unsigned char *np = k->heap ? realloc(k->p, ncap) :
		    malloc(ncap);

		if (np == NULL) {
			k->bad = true;
			return;
		}
		if (!k->heap && k->n > 0)
			memcpy(np, k->p, k->n);
		k->p = np;
		k->cap = ncap;
		k->heap = true;
	}
	memcpy(k->p + k->n, v, n);
	k->n += n;
}

static void
kstr(kbuf *k, const char *s)
{
	kput(k, s ? s : "", (s ? strlen(s) : 0) + 1);
}

static inline void
kint(kbuf *k, int64_t v)
{
	if (k->n + sizeof(v) <= k->cap) {
		memcpy(k->p + k->n, &v, sizeof(v));
		k->n += sizeof(v);
	} else
		kput(k, &v, sizeof(v));
}

static uint64_t hash_bytes(const unsigned char *, size_t);

/* The neighbour's chain as a key reads it: what "no policy" (or a missing
 * one, where it counts as none) means for it (eBGP vs iBGP, RFC 8212
 * knobs), and per family whether it is active and its stages. */
static void
chain_text(kbuf *k, mc_engine *e, const mc_neighbor *n, mc_dir dir)
{
	int afi;
	size_t s, c;

	kint(k, dir);
	kint(k, mc_no_policy_accepts(e->dev, n, dir));
	for (afi = 0; afi < MC_AFI_COUNT; afi++) {
		const mc_direction_policy *dp = dir == MC_DIR_IN ?
		    &n->af[afi].in : &n->af[afi].out;

		kint(k, n->af[afi].active);
		kint(k, dp->chain_default_accept);
		kint(k, (int64_t)dp->stages.n);
		for (s = 0; s < dp->stages.n; s++) {
			kint(k, (int64_t)dp->stages.v[s].chain.n);
			for (c = 0; c < dp->stages.v[s].chain.n; c++) {
				kint(k, dp->stages.v[s].chain.v[c].kind);
				kstr(k, dp->stages.v[s].chain.v[c].name);
			}
		}
	}
}

static uint64_t
id_hash(const void *slot)
{
	return ((const struct chain_id *)slot)->h;
}

/* The id of a chain's text: equal texts, equal ids (1, 2, ...). */
static uint64_t
chain_intern(mc_engine *e, const kbuf *k)
{
	uint64_t h = hash_bytes(k->p, k->n);
	size_t i;

	if ((e->nids + 1) * 2 > e->capids &&
	    !pol_tab_grow(&e->ids, &e->capids, 32, sizeof(*e->ids),
	    offsetof(struct chain_id, text), id_hash))
		return 0;
	for (i = h & (e->capids - 1); e->ids[i].text != NULL;
	    i = (i + 1) & (e->capids - 1))
		if (e->ids[i].h == h && e->ids[i].len == k->n &&
		    memcmp(e->ids[i].text, k->p, k->n) == 0)
			return e->ids[i].id;
	e->ids[i].h = h;
	e->ids[i].len = k->n;
	e->ids[i].text = mc_alloc(e->cache, k->n);
	memcpy(e->ids[i].text, k->p, k->n);
	e->ids[i].id = ++e->nids;
	return e->ids[i].id;
}

static uint64_t
chain_hash(const void *slot)
{
	const struct chain_ent *c = slot;

	return hash_ptr(c->n) ^ (unsigned)c->dir;
}

/* The neighbour's chain in direction dir, worked out on first use; NULL
 * when memory ran out (the query is then not cached). */
struct chain_ent *
pol_chain(mc_engine *e, const mc_neighbor *n, mc_dir dir)
{
	unsigned char kmem[512];
	kbuf k = { kmem, 0, sizeof(kmem), false, false };
	struct chain_ent *c;
	uint64_t id;
	size_t i;

	if (e->capchains > 0)
		for (i = (hash_ptr(n) ^ (unsigned)dir) & (e->capchains - 1);
		    e->chains[i].n != NULL; i = (i + 1) & (e->capchains - 1))
			if (e->chains[i].n == n && e->chains[i].dir == (int)dir)
				return &e->chains[i];
	if ((e->nchains + 1) * 2 > e->capchains &&
	    !pol_tab_grow(&e->chains, &e->capchains, 64, sizeof(*e->chains),
	    offsetof(struct chain_ent, n), chain_hash))
		return NULL;
	chain_text(&k, e, n, dir);
	id = k.bad ? 0 : chain_intern(e, &k);
	if (k.heap)
		free(k.p);
	if (id == 0)
		return NULL;
	for (i = (hash_ptr(n) ^ (unsigned)dir) & (e->capchains - 1);
	    e->chains[i].n != NULL; i = (i + 1) & (e->capchains - 1))
		;
	c = &e->chains[i];
	c->n = n;
	c->dir = (int)dir;
	c->id = id;
	c->reads = mc_policy_reads(e, n, -1, dir);
	c->plan = NULL;
	e->nchains++;
	return c;
}

/* Everything the answer depends on, the neighbour itself apart.  The
 * path's length goes last, and only when the path is keyed by itself: when
 * the chain reads no path, or only through a signature, a length matters
 * only to a prepend cut short at 128 ASes, and *lenfree tells the caller
 * to check that on a hit (mc_eval_accepted). */
static void
cache_key(kbuf *k, mc_engine *e, const mc_neighbor *n, mc_dir dir,
    const mc_route *r, const mc_rangeset *t, bool *lenfree)
{
	const struct chain_ent *ch = pol_chain(e, n, dir);
	int i;
	uint64_t h1, h2;
	unsigned rd;

	if (ch == NULL) {
		k->bad = true;
		return;
	}
	kint(k, (int64_t)ch->id);
	/* Attributes no condition of the chain looks at stay out of the key;
	 * their lengths stay in (community and prepend overflow). */
	rd = ch->reads;
	kint(k, rd);
	*lenfree = (rd & MC_READ_PATH) == 0;
	if (rd & MC_READ_PATH) {
		unsigned char bits[256];
		size_t nb;

		/* What the chain's path conditions say of this path, when
		 * that is all the path decides (pathsig.c); else the path. */
		if (rd != MC_READ_ALL && pol_path_sig(e, n, dir, r, bits,
		    sizeof(bits), &nb)) {
			kint(k, 1);
			kint(k, (int64_t)nb);
			kput(k, bits, nb);
			*lenfree = true;
		} else {
			kint(k, 0);
			for (i = 0; i < r->path_len && i < 128; i++)
				kint(k, r->path[i]);
		}
	}
	kint(k, r->ncomms);
	if (rd & MC_READ_COMM)
		for (i = 0; i < r->ncomms && i < 16; i++) {
			kint(k, r->comms[i].kind);
			kint(k, r->comms[i].a);
			kint(k, r->comms[i].b);
			kint(k, r->comms[i].kind == 1 ? r->comms[i].c : 0);
		}
	if (rd & MC_READ_ROV)
		kint(k, r->rov);
	kstr(k, r->protocol ? r->protocol : "bgp");	/* engine.c reads it */
	if (rd & MC_READ_LP) {
		kint(k, r->has_local_pref);
		kint(k, r->has_local_pref ? r->local_pref : 0);
	}
	if (rd & MC_READ_NH) {
		kput(k, &r->next_hop.af, 1);
		kput(k, &r->next_hop.len, 1);
		kput(k, r->next_hop.a, 16);
	}
	/* The target set by two independent 64-bit hashes of its ranges:
	 * serialising a 10,000-range set per query dominated whole checks. */
	kint(k, (int64_t)t->n);
	kint(k, t->overflow);
	pol_set_hash(t, &h1, &h2);
	kput(k, &h1, sizeof(h1));
	kput(k, &h2, sizeof(h2));
	kint(k, *lenfree ? -1 : r->path_len);
}

static uint64_t
hash_bytes(const unsigned char *p, size_t n)
{
	uint64_t h = 1469598103934665603ull ^ n, g = 0x94d049bb133111ebull, w,
	    v;

	/* Sixteen bytes a step in two lanes, so that one multiply need not
	 * wait for the other (keys are a few hundred bytes, hashed on
	 * every query); the table compares whole keys, so only the spread
	 * matters. */
	for (; n >= 16; p += 16, n -= 16) {
		memcpy(&w, p, 8);
		memcpy(&v, p + 8, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15ull;
		g = (g ^ v) * 0xc2b2ae3d27d4eb4full;
		h ^= h >> 29;
		g ^= g >> 31;
	}
	h ^= g * 0xff51afd7ed558ccdull;
	if (n >= 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15ull;
		h ^= h >> 29;
		p += 8;
		n -= 8;
	}
	while (n-- > 0) {
		h ^= *p++;
		h *= 1099511628211ull;
	}
	return h ^ (h >> 32);
}

static struct res_ent *
res_find(mc_engine *e, uint64_t h, const kbuf *k)
{
	size_t i;

	if (e->capres == 0)
		return NULL;
	for (i = h & (e->capres - 1); e->res[i].key != NULL;
	    i = (i + 1) & (e->capres - 1))
		if (e->res[i].h == h && e->res[i].klen == k->n &&
		    memcmp(e->res[i].key, k->p, k->n) == 0)
			return &e->res[i];
	return NULL;
}

static uint64_t
res_hash(const void *slot)
{
	return ((const struct res_ent *)slot)->h;
}

static void
res_put(mc_engine *e, uint64_t h, const kbuf *k, const mc_rangeset *set,
    bool approx, int grow)
{
	size_t i;

	if ((e->nres + 1) * 2 > e->capres &&
	    !pol_tab_grow(&e->res, &e->capres, 256, sizeof(*e->res),
	    offsetof(struct res_ent, key), res_hash))
		return;
	for (i = h & (e->capres - 1); e->res[i].key != NULL;
	    i = (i + 1) & (e->capres - 1))
		;
	e->res[i].h = h;
	e->res[i].key = mc_alloc(e->cache, k->n);
	memcpy(e->res[i].key, k->p, k->n);
	e->res[i].klen = k->n;
	e->res[i].set = *set;
	e->res[i].approx = approx;
	e->res[i].grow = grow;
	e->nres++;
}

mc_rangeset
mc_eval_accepted(mc_engine *e, const mc_neighbor *n, mc_dir dir,
    const mc_route *attrs, const mc_rangeset *target, bool *approx)
{
	ev x;
	outvec acc = {0}, rej = {0};
	mc_rangeset res = {0}, out;
	bool by_default = false, ap;
	unsigned char kmem[1024];
	kbuf k = { kmem, 0, sizeof(kmem), false, false };
	uint64_t h = 0;
	struct res_ent *hit;
	size_t i;
	bool lenfree = false;

	cache_key(&k, e, n, dir, attrs, target, &lenfree);
	if (!k.bad) {
		h = hash_bytes(k.p, k.n);
		hit = res_find(e, h, &k);
		if (hit != NULL && lenfree &&
		    attrs->path_len + hit->grow > 128)
			hit = NULL;	/* a prepend would be cut: not alike */
		if (hit == NULL && lenfree) {
			/* Such runs are kept under the exact length. */
			k.n -= sizeof(int64_t);
			kint(&k, attrs->path_len);
			h = hash_bytes(k.p, k.n);
			hit = res_find(e, h, &k);
			if (hit == NULL && !k.bad) {
				/* Back to the length-free key for the run. */
				k.n -= sizeof(int64_t);
				kint(&k, -1);
				h = hash_bytes(k.p, k.n);
			}
		}
		if (hit != NULL) {
			if (k.heap)
				free(k.p);
			if (approx != NULL)
				*approx = hit->approx;
			return hit->set;	/* cap == n: callers' adds copy */
		}
	}
	pol_ev_init(&x, e, n, dir, false);
	eval_all(&x, attrs, target, &acc, &rej, &by_default);
	if (acc.n == 1) {
		res = acc.v[0].f.set;	/* already compact */
	} else {
		for (i = 0; i < acc.n; i++)
			mc_rs_append(x.tmp, &res, &acc.v[i].f.set);
		mc_rs_compact(x.tmp, &res);
	}
	out = mc_rs_copy(e->cache, &res);
	mc_rs_freeze(&out);	/* hash and witness once: callers ask again */
	ap = x.approx || out.overflow || target->overflow;
	if (approx != NULL)
		*approx = ap;
	if (!k.bad && !x.nbr_dep) {
		if (lenfree && (x.cut || res_find(e, h, &k) != NULL)) {
			/* Cut short, or the length-free entry is another
			 * length's: keep this one under the exact length. */
			k.n -= sizeof(int64_t);
			kint(&k, attrs->path_len);
			h = hash_bytes(k.p, k.n);
			x.grow = 0;
		}
		if (!k.bad && res_find(e, h, &k) == NULL)
			res_put(e, h, &k, &out, ap, x.grow);
	}
	if (k.heap)
		free(k.p);
	pol_ev_done(&x);
	return out;
}

/* "route-map CUST-IN 10: match prefix-list CUST (seq 5 permit
 * 198.51.100.0/24 le 24) -> permit": the last step, with the match that led
 * to it when both are in the same term. */
static void
decided(mc_engine *e, mc_eval_result *r)
{
	const mc_trace_step *last = &r->trace.v[r->trace.n - 1], *prev = NULL;
	const char *head;

	r->decided_line = last->line;
	if (r->trace.n > 1)
		prev = &r->trace.v[r->trace.n - 2];
	/* A brief trace's reader names the last step itself (rules/emit.c):
	 * not worth two formatted strings per route. */
	if (last->policy == NULL || last->term == NULL || e->brief_trace) {
		r->decided_by = last->what;
		return;
	}
	head = mc_printf(e->arena, "%s %s %s", pol_kind_word(e->dev),
	    last->policy, last->term);
	if (prev != NULL && prev->policy == last->policy &&
	    prev->term == last->term && strncmp(prev->what, "match ", 6) == 0)
		r->decided_by = mc_printf(e->arena, "%s: %s -> %s", head,
		    prev->what, last->what);
	else
		r->decided_by = mc_printf(e->arena, "%s: %s", head, last->what);
}

mc_eval_result
mc_eval_route(mc_engine *e, const mc_neighbor *n, mc_dir dir,
    const mc_route *route)
{
	mc_eval_result r;
	ev x;
	outvec acc = {0}, rej = {0};
	mc_rangeset target;
	const outcome *dec = NULL;
	const tnode *t;
	size_t cnt = 0, i;

	/* field by field: out is most of a kilobyte, copied once below */
	r.accept = r.approximate = r.by_default = false;
	memset(&r.trace, 0, sizeof(r.trace));
	r.decided_by = NULL;
	r.decided_line = 0;
	pol_ev_init(&x, e, n, dir, true);
	target = mc_rs_single(x.tmp, &route->prefix);
	if (mc_rs_empty(&target)) {
		r.out = *route;
		r.approximate = true;
		r.decided_by = "not a valid prefix";
		pol_ev_done(&x);
		return r;
	}
	eval_all(&x, route, &target, &acc, &rej, &r.by_default);
	if (acc.n > 0)
		dec = &acc.v[0];
	else if (rej.n > 0)
		dec = &rej.v[0];
	r.accept = acc.n > 0;
	r.approximate = x.approx;
	r.out = dec != NULL ? *dec->f.r : *route;
	if (dec != NULL) {
		for (t = dec->f.tr; t != NULL; t = t->prev)
			cnt++;
		if (cnt > 0) {
			r.trace.v = mc_alloc(e->arena, cnt * sizeof(*r.trace.v));
			r.trace.n = r.trace.cap = cnt;
			for (i = cnt, t = dec->f.tr; t != NULL; t = t->prev)
				r.trace.v[--i] = t->s;
			decided(e, &r);
		}
	}
	pol_ev_done(&x);
	return r;
}
