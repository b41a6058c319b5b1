/*
 * IOS-XR Routing Policy Language -> policy IR.
 *
 * Semantics (Cisco IOS XR Routing Configuration Guide, "Implementing
 * Routing Policy", Disposition): a route is dropped at the end of the
 * policy unless it was passed ('pass') or modified by a 'set'; 'drop'
 * rejects at once, 'done' accepts at once; an applied policy behaves as if
 * its text were copied at the 'apply' ("the same drop-and-pass semantics").
 * So: pass and every modifying action compile to MC_S_MARK accept, drop to
 * MC_S_REJECT, done to MC_S_ACCEPT, the policy falls through to reject,
 * and 'apply X' compiles to IF(true) { X's statements } (X's compiled
 * block shared, not copied).  Parameterised policies are compiled once per
 * argument list, as "NAME(arg, arg)".
 */
#include <stdio.h>
#include <string.h>

#include "vendors/iosxr_int.h"

#define MAX_APPLY_DEPTH	16
#define MAX_COST	2000000UL	/* statements one evaluation may walk */
#define MAX_ARGS	16
#define MAX_TOKENS	20000000UL	/* compiled over all instances */

/* ---- tokens ---------------------------------------------------------------- */

typedef struct rtok {
	const char *s;
	unsigned len;
	int line;
	bool bol;		/* first token of its line */
	bool quoted;
} rtok;

typedef struct rts {
	MC_VEC(rtok) t;
	size_t i;
} rts;

typedef struct subst {
	const char *name[MAX_ARGS];	/* "$AS" */
	const char *val[MAX_ARGS];
	int n;
} subst;

static bool
ident(char c)
{
	return c == '_' || c == '-' || (c >= '0' && c <= '9') ||
	    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Replace $PARAM in a token by its argument. */
static void
substitute(mc_arena *a, rtok *t, const subst *sb)
{
	char buf[512];
	size_t n = 0;
	unsigned i = 0;
	bool changed = false;

	if (sb == NULL || sb->n == 0 || memchr(t->s, '$', t->len) == NULL)
		return;
	while (i < t->len && n < sizeof(buf) - 1) {
		int k, hit = -1;
		unsigned e = i + 1;

		if (t->s[i] == '$') {
			while (e < t->len && ident(t->s[e]) && t->s[e] != '-')
				e++;
			for (k = 0; k < sb->n; k++)
				if (strlen(sb->name[k]) == e - i &&
				    memcmp(sb->name[k], t->s + i, e - i) == 0)
					hit = k;
		}
		if (hit >= 0) {
			size_t vl = strlen(sb->val[hit]);

			if (n + vl >= sizeof(buf))
				break;
			memcpy(buf + n, sb->val[hit], vl);
			n += vl;
			i = e;
			changed = true;
		} else
			buf[n++] = t->s[i++];
	}
	if (changed) {
		t->s = mc_strndup(a, buf, n);
		t->len = (unsigned)n;
	}
}

static void
tokenize(mc_arena *a, rts *ts, const mc_node *nd, const subst *sb)
{
	const char *s = nd->text, *e = nd->text + nd->len;
	bool bol = true;

	while (s < e) {
		rtok t;

		if (*s == ' ' || *s == '\t') {
			s++;
			continue;
		}
		if (*s == '#' && bol)	/* RPL remark */
			return;
		memset(&t, 0, sizeof(t));
		t.line = nd->line;
		t.bol = bol;
		bol = false;
		if (*s == '(' || *s == ')' || *s == ',') {
			t.s = s++;
			t.len = 1;
		} else if (*s == '\'' || *s == '"') {
			char q = *s++;
			const char *b = s;

			while (s < e && *s != q)
				s++;
			t.s = b;
			t.len = (unsigned)(s - b);
			t.quoted = true;
			if (s < e)
				s++;
		} else {
			t.s = s;
			while (s < e && *s != ' ' && *s != '\t' && *s != '(' &&
			    *s != ')' && *s != ',')
				s++;
			t.len = (unsigned)(s - t.s);
		}
		substitute(a, &t, sb);
		mc_vec_push(a, &ts->t, t);
	}
}

static const rtok eof_tok = { "", 0, 0, true, false };

static const rtok *
cur(const rts *ts)
{
	return ts->i < ts->t.n ? &ts->t.v[ts->i] : &eof_tok;
}

static bool
at_eof(const rts *ts)
{
	return ts->i >= ts->t.n;
}

static void
adv(rts *ts)
{
	if (ts->i < ts->t.n)
		ts->i++;
}

static bool
is(const rtok *t, const char *w)
{
	size_t n = strlen(w);

	return !t->quoted && t->len == n && memcmp(t->s, w, n) == 0;
}

static const char *
tstr(mc_arena *a, const rtok *t)
{
	return mc_strndup(a, t->s, t->len);
}

static bool
tnum(const rtok *t, uint32_t *out)
{
	uint64_t v = 0;
	unsigned i;

	if (t->len == 0 || t->len > 10)
		return false;
	for (i = 0; i < t->len; i++) {
		if (t->s[i] < '0' || t->s[i] > '9')
			return false;
		v = v * 10 + (uint64_t)(t->s[i] - '0');
	}
	if (v > UINT32_MAX)
		return false;
	*out = (uint32_t)v;
	return true;
}

/* Text of tokens [from, to) for messages. */
static const char *
ttext(mc_arena *a, const rts *ts, size_t from, size_t to)
{
	char buf[240];
	size_t n = 0, i;

	for (i = from; i < to && i < ts->t.n; i++) {
		const rtok *t = &ts->t.v[i];
		int w = snprintf(buf + n, sizeof(buf) - n, t->quoted ?
		    "%s'%.*s'" : "%s%.*s", n && !is(t, ")") && !is(t, ",") &&
		    buf[n - 1] != '(' ? " " : "", (int)t->len, t->s);

		if (w < 0 || (size_t)w >= sizeof(buf) - n) {
			n = sizeof(buf) - 1;
			break;
		}
		n += (size_t)w;
	}
	return mc_strndup(a, buf, n);
}

/* "NAME(a, b)" from tokens [from, to) of an apply. */
static const char *
ref_text(mc_arena *a, const rts *ts, size_t from, size_t to)
{
	char buf[512];
	size_t n = 0, i;

	for (i = from; i < to && i < ts->t.n; i++) {
		const rtok *t = &ts->t.v[i];
		int w = snprintf(buf + n, sizeof(buf) - n, "%.*s%s",
		    (int)t->len, t->s, is(t, ",") ? " " : "");

		if (w < 0 || (size_t)w >= sizeof(buf) - n) {
			n = sizeof(buf) - 1;
			break;
		}
		n += (size_t)w;
	}
	return mc_strndup(a, buf, n);
}

/* ---- sets ----------------------------------------------------------------- */

static xr_condset *
find_set(const xrp *x, int kind, const char *s, unsigned len)
{
	size_t i;

	for (i = 0; i < x->sets.n; i++) {
		xr_condset *c = x->sets.v[i];

		if (c->kind == kind && strlen(c->name) == len &&
		    memcmp(c->name, s, len) == 0)
			return c;
	}
	return NULL;
}

/* Name after "prefix-set", "as-path-set", "community-set", ... */
static const char *
head_name(mc_arena *a, const mc_node *head, int skip)
{
	mc_tok tk[4];
	int n = mc_tokens(head->text, head->len, tk, 4);

	if (n <= skip)
		return NULL;
	return mc_tok_str(a, &tk[skip]);
}

static void
tokenize_lines(mc_arena *a, rts *ts, const mc_node *const *lines, size_t n,
    const subst *sb)
{
	size_t i;

	for (i = 0; i < n; i++)
		tokenize(a, ts, lines[i], sb);
}

/* P [ge N] [le N] [eq N] at the cursor; appended to pl. */
static bool
prefix_entry(xrp *x, rts *ts, mc_prefix_list *pl)
{
	const rtok *t = cur(ts);
	mc_prefix_entry e;
	mc_prefix p;
	uint32_t v;
	int lo, hi, max;

	if (!mc_prefix_parse(t->s, t->len, &p))
		return false;
	memset(&e, 0, sizeof(e));
	e.line = t->line;
	adv(ts);
	max = mc_af_bits(p.af);
	lo = hi = p.len;
	for (;;) {
		t = cur(ts);
		if ((is(t, "ge") || is(t, "le") || is(t, "eq")) &&
		    ts->i + 1 < ts->t.n && tnum(&ts->t.v[ts->i + 1], &v)) {
			if (is(t, "ge")) {
				lo = (int)v;
				if (hi == p.len)
					hi = max;
			} else if (is(t, "le"))
				hi = (int)v;
			else
				lo = hi = (int)v;
			adv(ts);
			adv(ts);
		} else
			break;
	}
	e.permit = true;
	e.seq = (int)pl->entries.n + 1;
	if (lo < p.len)
		lo = p.len;
	if (hi > max)
		hi = max;
	if (mc_range_make(&p, lo, hi, &e.r)) {
		mc_vec_push(x->a, &pl->entries, e);
		if (pl->entries.n == 1)
			pl->af = p.af;
		else if (pl->af != p.af)
			pl->af = 0;
	}
	return true;
}

/* Skip to the next ',' (or ')' when in_paren) after a bad entry. */
static void
skip_entry(rts *ts, bool in_paren)
{
	while (!at_eof(ts) && !is(cur(ts), ",") &&
	    !(in_paren && is(cur(ts), ")")))
		adv(ts);
}

void
xr_prefix_set(xrp *x, const mc_node *head, const mc_node *const *lines,
    size_t n)
{
	mc_prefix_list *pl = mc_alloc(x->a, sizeof(*pl));
	rts ts = {0};
	const char *sec;

	pl->name = head_name(x->a, head, 1);
	pl->line = head->line;
	if (pl->name == NULL) {
		xr_unparsed(x, head, "prefix-set");
		return;
	}
	sec = mc_printf(x->a, "prefix-set %s", pl->name);
	tokenize_lines(x->a, &ts, lines, n, NULL);
	while (!at_eof(&ts)) {
		size_t from = ts.i;

		if (is(cur(&ts), ",")) {
			adv(&ts);
			continue;
		}
		if (!prefix_entry(x, &ts, pl)) {
			const char *txt;

			skip_entry(&ts, false);
			if (ts.i == from)
				adv(&ts);
			txt = ttext(x->a, &ts, from, ts.i);
			mc_dev_unparsed(x->d, ts.t.v[from].line, sec, txt,
			    strlen(txt));
		}
	}
	mc_vec_push(x->a, &x->d->prefix_lists, pl);
}

/* '[a..b]' or 'N' -> range */
static bool
as_range_text(const char *s, unsigned len, uint32_t *lo, uint32_t *hi)
{
	rtok t;
	const char *dots;

	if (len >= 2 && s[0] == '[' && s[len - 1] == ']') {
		dots = memmem(s, len, "..", 2);
		if (dots == NULL)
			return false;
		t.s = s + 1;
		t.len = (unsigned)(dots - s - 1);
		t.quoted = false;
		if (!tnum(&t, lo))
			return false;
		t.s = dots + 2;
		t.len = (unsigned)(s + len - 1 - t.s);
		return tnum(&t, hi) && *lo <= *hi;
	}
	t.s = s;
	t.len = len;
	t.quoted = false;
	if (!tnum(&t, lo))
		return false;
	*hi = *lo;
	return true;
}

static mc_cond *
cond_unknown(xrp *x, const char *text, int line)
{
	mc_cond *c = mc_cond_new(x->a, MC_C_UNKNOWN, line);

	c->str = text;
	return c;
}

static mc_cond *
cond_range(xrp *x, mc_cond_kind k, uint32_t lo, uint32_t hi, int line)
{
	mc_cond *c = mc_cond_new(x->a, k, line);

	c->lo = lo;
	c->hi = hi;
	return c;
}

/* 'N M ...' as a Cisco regex anchored as asked: 0 anywhere, 1 at the start
 * (neighbor-is), 2 at the end (originates). NULL if a word is a range. */
static const char *
seq_regex(xrp *x, const char *s, unsigned len, int anchor)
{
	char buf[256];
	size_t n = 0;
	unsigned i = 0;

	buf[n++] = anchor == 1 ? '^' : '_';
	while (i < len) {
		unsigned b;

		while (i < len && s[i] == ' ')
			i++;
		b = i;
		while (i < len && s[i] != ' ') {
			if (s[i] < '0' || s[i] > '9')
				return NULL;
			i++;
		}
		if (i == b)
			break;
		if (n + (i - b) + 2 >= sizeof(buf))
			return NULL;
		if (buf[n - 1] != '_' && buf[n - 1] != '^')
			buf[n++] = '_';
		memcpy(buf + n, s + b, i - b);
		n += i - b;
	}
	buf[n++] = anchor == 2 ? '$' : '_';
	return mc_strndup(x->a, buf, n);
}

/* One as-path predicate: ios-regex, originates-as, passes-through,
 * neighbor-is, length, is-local.  kw at cursor. */
static mc_cond *
aspath_pred(xrp *x, rts *ts)
{
	const rtok *t = cur(ts), *v;
	size_t from = ts->i;
	int line = t->line;
	mc_cond *c;
	uint32_t lo, hi;
	mc_cond_kind k;
	int anchor;

	if (is(t, "ios-regex") || is(t, "dfa-regex")) {
		adv(ts);
		v = cur(ts);
		if (!v->quoted)
			return NULL;
		adv(ts);
		c = mc_cond_new(x->a, MC_C_ASPATH_REGEX, line);
		c->str = tstr(x->a, v);
		c->dialect = MC_RE_CISCO;
		return c;
	}
	if (is(t, "originates-as") || is(t, "originates-from") ||
	    is(t, "passes-through") || is(t, "neighbor-is")) {
		if (is(t, "neighbor-is"))
			k = MC_C_AS_FIRST, anchor = 1;
		else if (is(t, "passes-through"))
			k = MC_C_AS_ANY, anchor = 0;
		else
			k = MC_C_AS_ORIGIN, anchor = 2;
		adv(ts);
		v = cur(ts);
		if (!v->quoted)
			return NULL;
		adv(ts);
		if (is(cur(ts), "exact"))
			adv(ts);
		if (as_range_text(v->s, v->len, &lo, &hi))
			return cond_range(x, k, lo, hi, line);
		{
			const char *re = seq_regex(x, v->s, v->len, anchor);

			if (re == NULL)
				return cond_unknown(x, ttext(x->a, ts, from,
				    ts->i), line);
			c = mc_cond_new(x->a, MC_C_ASPATH_REGEX, line);
			c->str = re;
			c->dialect = MC_RE_CISCO;
			return c;
		}
	}
	if (is(t, "length")) {
		adv(ts);
		t = cur(ts);
		if (ts->i + 1 >= ts->t.n || !tnum(&ts->t.v[ts->i + 1], &lo))
			return NULL;
		c = mc_cond_new(x->a, MC_C_ASPATH_LEN, line);
		if (is(t, "ge"))
			c->lo = lo, c->hi = UINT32_MAX;
		else if (is(t, "le"))
			c->lo = 0, c->hi = lo;
		else if (is(t, "eq") || is(t, "is"))
			c->lo = c->hi = lo;
		else
			return NULL;
		adv(ts);
		adv(ts);
		if (is(cur(ts), "all"))
			adv(ts);
		return c;
	}
	if (is(t, "is-local")) {
		adv(ts);
		return cond_range(x, MC_C_ASPATH_LEN, 0, 0, line);
	}
	if (is(t, "unique-length")) {
		adv(ts);
		while (!at_eof(ts) && !is(cur(ts), ",") && !is(cur(ts), ")") &&
		    !is(cur(ts), "then") && !is(cur(ts), "and") &&
		    !is(cur(ts), "or"))
			adv(ts);
		return cond_unknown(x, ttext(x->a, ts, from, ts->i), line);
	}
	return NULL;
}

static const struct {
	const char *name;
	uint32_t v;
} wellknown[] = {
	{"no-export", 0xFFFFFF01u},
	{"no-advertise", 0xFFFFFF02u},
	{"local-AS", 0xFFFFFF03u},
	{"local-as", 0xFFFFFF03u},
	{"graceful-shutdown", 0xFFFF0000u},
	{"accept-own", 0xFFFF0001u},
	{"llgr-stale", 0xFFFF0006u},
	{"no-llgr", 0xFFFF0007u},
	{"blackhole", 0xFFFF029Au},
};

/* One part of A:B[:C]: number, *, [a..b], private-as.  *n = values. */
static bool
comm_part(const char *s, unsigned len, uint32_t max, uint32_t *lo,
    uint32_t *hi)
{
	if (len == 1 && s[0] == '*') {
		*lo = 0;
		*hi = max;
		return true;
	}
	if (len == 10 && memcmp(s, "private-as", 10) == 0) {
		*lo = 64512;
		*hi = 65534;
		return true;
	}
	return as_range_text(s, len, lo, hi) && *hi <= max;
}

/* A community literal or pattern at the cursor -> condition (OR over a
 * small expansion of ranges); lits gets the literal values. */
static mc_cond *
comm_pred(xrp *x, rts *ts, int kind, void *lits)
{
	const rtok *t = cur(ts);
	int line = t->line, np = 0, want = kind == XR_SET_LARGE ? 3 : 2;
	const char *parts[3];
	unsigned plen[3], i;
	uint32_t lo[3], hi[3], max = kind == XR_SET_LARGE ? UINT32_MAX : 65535;
	mc_community cm;
	mc_cond *c;
	MC_VEC(mc_community) *out = lits;

	memset(&cm, 0, sizeof(cm));
	cm.kind = kind == XR_SET_LARGE ? 1 : 0;
	if (is(t, "ios-regex") || is(t, "dfa-regex")) {
		mc_community_list *cl;
		mc_community_entry e;

		adv(ts);
		if (!cur(ts)->quoted)
			return NULL;
		cl = mc_alloc(x->a, sizeof(*cl));
		cl->name = mc_printf(x->a, "community regex '%.*s'",
		    (int)cur(ts)->len, cur(ts)->s);
		cl->line = line;
		memset(&e, 0, sizeof(e));
		e.permit = true;
		e.expanded = true;
		e.regex = tstr(x->a, cur(ts));
		e.line = line;
		mc_vec_push(x->a, &cl->entries, e);
		if (mc_dev_community_list(x->d, cl->name) == NULL)
			mc_vec_push(x->a, &x->d->community_lists, cl);
		adv(ts);
		c = mc_cond_new(x->a, MC_C_COMMUNITY_LIST, line);
		c->ref = cl->name;
		return c;
	}
	if (kind != XR_SET_LARGE)
		for (i = 0; i < sizeof(wellknown) / sizeof(*wellknown); i++)
			if (is(t, wellknown[i].name)) {
				cm.a = wellknown[i].v >> 16;
				cm.b = wellknown[i].v & 0xffff;
				adv(ts);
				if (out != NULL)
					mc_vec_push(x->a, out, cm);
				c = mc_cond_new(x->a, MC_C_COMMUNITY, line);
				c->comm = cm;
				return c;
			}
	if (t->quoted || memchr(t->s, ':', t->len) == NULL)
		return NULL;
	parts[0] = t->s;
	for (i = 0; i < t->len && np < 3; i++)
		if (t->s[i] == ':') {
			plen[np] = (unsigned)(t->s + i - parts[np]);
			if (++np < 3)
				parts[np] = t->s + i + 1;
		}
	if (np < 3)
		plen[np] = (unsigned)(t->s + t->len - parts[np]);
	np++;
	if (np != want)
		return NULL;
	for (i = 0; i < (unsigned)np; i++)
		if (!comm_part(parts[i], plen[i], max, &lo[i], &hi[i])) {
			adv(ts);
			return cond_unknown(x, mc_printf(x->a, "community "
			    "%.*s", (int)t->len, t->s), line);
		}
	adv(ts);
	/* A full wildcard part is one value 0xffffffff; small ranges are
	 * expanded, big ones are unknown. */
	{
		uint64_t count = 1;
		uint32_t va[3], k;

		for (i = 0; i < (unsigned)np; i++) {
			if (lo[i] == 0 && hi[i] == max)
				continue;
			count *= (uint64_t)(hi[i] - lo[i]) + 1;
		}
		if (count > 64)
			return cond_unknown(x, mc_printf(x->a, "community %.*s",
			    (int)t->len, t->s), line);
		c = mc_cond_new(x->a, MC_C_OR, line);
		for (i = 0; i < 3; i++)
			va[i] = i < (unsigned)np ? lo[i] : 0;
		for (k = 0; k < count; k++) {
			mc_cond *one = mc_cond_new(x->a, MC_C_COMMUNITY, line);
			uint32_t *f[3];

			one->comm = cm;
			f[0] = &one->comm.a;
			f[1] = &one->comm.b;
			f[2] = &one->comm.c;
			for (i = 0; i < (unsigned)np; i++)
				*f[i] = lo[i] == 0 && hi[i] == max ?
				    0xffffffffu : va[i];
			/* values and patterns (0xffffffff parts): 'delete
			 * community in' deletes by pattern */
			if (out != NULL)
				mc_vec_push(x->a, out, one->comm);
			mc_vec_push(x->a, &c->kids, one);
			/* next combination */
			for (i = (unsigned)np; i-- > 0;) {
				if (lo[i] == 0 && hi[i] == max)
					continue;
				if (va[i] < hi[i]) {
					va[i]++;
					break;
				}
				va[i] = lo[i];
			}
		}
		return c->kids.n == 1 ? c->kids.v[0] : c;
	}
}

void
xr_cond_set(xrp *x, int kind, const mc_node *head,
    const mc_node *const *lines, size_t n)
{
	xr_condset *s = mc_alloc(x->a, sizeof(*s));
	rts ts = {0};
	const char *sec;
	mc_tok tk[4];
	int nt = mc_tokens(head->text, head->len, tk, 4);

	s->kind = kind;
	s->line = head->line;
	/* extcommunity-set rt NAME */
	s->name = nt >= 2 ? mc_tok_str(x->a, &tk[kind == XR_SET_EXT && nt >= 3 ?
	    2 : 1]) : NULL;
	if (s->name == NULL) {
		xr_unparsed(x, head, "set");
		return;
	}
	sec = mc_printf(x->a, "%.*s %s", (int)tk[0].len, tk[0].s, s->name);
	tokenize_lines(x->a, &ts, lines, n, NULL);
	while (!at_eof(&ts)) {
		size_t from = ts.i;
		mc_cond *c = NULL;

		if (is(cur(&ts), ",")) {
			adv(&ts);
			continue;
		}
		if (kind == XR_SET_ASPATH)
			c = aspath_pred(x, &ts);
		else if (kind != XR_SET_EXT)
			c = comm_pred(x, &ts, kind, &s->comms);
		else {
			skip_entry(&ts, false);
			c = cond_unknown(x, ttext(x->a, &ts, from, ts.i),
			    ts.t.v[from].line);
		}
		if (c == NULL) {
			const char *txt;

			ts.i = from;
			skip_entry(&ts, false);
			if (ts.i == from)
				adv(&ts);
			txt = ttext(x->a, &ts, from, ts.i);
			mc_dev_unparsed(x->d, ts.t.v[from].line, sec, txt,
			    strlen(txt));
			continue;
		}
		mc_vec_push(x->a, &s->entries, c);
	}
	mc_vec_push(x->a, &x->sets, s);
}

/* ---- route-policy definitions ------------------------------------------ */

void
xr_route_policy(xrp *x, const mc_node *head, const mc_node *const *lines,
    size_t n)
{
	xr_rpdef *r = mc_alloc(x->a, sizeof(*r));
	const char *s = head->text + 12, *e = head->text + head->len, *p;
	size_t i;

	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	p = s;
	while (p < e && *p != '(' && *p != ' ' && *p != '\t')
		p++;
	if (p == s) {
		xr_unparsed(x, head, "route-policy");
		return;
	}
	r->name = mc_strndup(x->a, s, (size_t)(p - s));
	r->line = head->line;
	while (p < e && *p != '(')
		p++;
	if (p < e) {	/* ($A, $B) */
		p++;
		while (p < e && *p != ')') {
			const char *b;

			while (p < e && (*p == ' ' || *p == ',' || *p == '\t'))
				p++;
			b = p;
			while (p < e && *p != ',' && *p != ')' && *p != ' ')
				p++;
			if (p > b && r->params.n < MAX_ARGS)
				mc_vec_push(x->a, &r->params,
				    mc_strndup(x->a, b, (size_t)(p - b)));
		}
	}
	for (i = 0; i < n; i++)
		mc_vec_push(x->a, &r->lines, lines[i]);
	mc_vec_push(x->a, &x->rps, r);
}

/* ---- compiling ----------------------------------------------------------- */

typedef struct cctx {
	xrp *x;
	rts ts;
	const char *sec;	/* "route-policy NAME" */
	bool report;		/* report unparsed text (first instance only) */
	unsigned long cost;
} cctx;

static mc_cond *parse_or(cctx *);

static void
unparsed(cctx *c, size_t from, size_t to)
{
	const char *txt;

	if (!c->report || from >= c->ts.t.n)
		return;
	txt = ttext(c->x->a, &c->ts, from, to);
	mc_dev_unparsed(c->x->d, c->ts.t.v[from].line, c->sec, txt,
	    strlen(txt));
}

/* Skip the rest of a predicate we model as unknown. */
static void
skip_pred(cctx *c)
{
	int depth = 0;

	while (!at_eof(&c->ts)) {
		const rtok *t = cur(&c->ts);

		if (depth == 0 && (is(t, "and") || is(t, "or") ||
		    is(t, "then") || is(t, ")")))
			break;
		if (is(t, "("))
			depth++;
		else if (is(t, ")"))
			depth--;
		adv(&c->ts);
	}
}

/* destination in NAME | ( P ..., ) */
static mc_cond *
pred_destination(cctx *c, int line)
{
	rts *ts = &c->ts;
	mc_cond *k;

	if (!is(cur(ts), "in"))
		return NULL;
	adv(ts);
	if (is(cur(ts), "(")) {
		mc_prefix_list *pl = mc_alloc(c->x->a, sizeof(*pl));

		adv(ts);
		pl->line = line;
		while (!at_eof(ts) && !is(cur(ts), ")")) {
			if (is(cur(ts), ",")) {
				adv(ts);
				continue;
			}
			if (!prefix_entry(c->x, ts, pl))
				return NULL;
		}
		adv(ts);
		k = mc_cond_new(c->x->a, MC_C_PREFIX_INLINE, line);
		k->plist = pl;
		return k;
	}
	if (at_eof(ts) || is(cur(ts), "then"))
		return NULL;
	k = mc_cond_new(c->x->a, MC_C_PREFIX_LIST, line);
	k->ref = tstr(c->x->a, cur(ts));
	adv(ts);
	return k;
}

/* SET-NAME or ( entries ) for as-path / community predicates; any = OR,
 * else AND (matches-every). */
static mc_cond *
set_or_inline(cctx *c, int kind, bool any, int line)
{
	rts *ts = &c->ts;
	mc_cond *k = mc_cond_new(c->x->a, any ? MC_C_OR : MC_C_AND, line);
	xr_condset *s;
	size_t i;

	if (is(cur(ts), "(")) {
		adv(ts);
		while (!at_eof(ts) && !is(cur(ts), ")")) {
			mc_cond *e;

			if (is(cur(ts), ",")) {
				adv(ts);
				continue;
			}
			e = kind == XR_SET_ASPATH ? aspath_pred(c->x, ts) :
			    comm_pred(c->x, ts, kind, NULL);
			if (e == NULL)
				return NULL;
			mc_vec_push(c->x->a, &k->kids, e);
		}
		adv(ts);
		return k;
	}
	if (at_eof(ts) || is(cur(ts), "then"))
		return NULL;
	s = find_set(c->x, kind, cur(ts)->s, cur(ts)->len);
	if (s == NULL) {
		k = mc_cond_new(c->x->a, kind == XR_SET_ASPATH ?
		    MC_C_ASPATH_LIST : MC_C_COMMUNITY_LIST, line);
		k->ref = tstr(c->x->a, cur(ts));
		adv(ts);
		return k;
	}
	adv(ts);
	k->str = mc_printf(c->x->a, "%s %s", kind == XR_SET_ASPATH ?
	    "as-path-set" : "community-set", s->name);
	for (i = 0; i < s->entries.n; i++)
		mc_vec_push(c->x->a, &k->kids, s->entries.v[i]);
	return k;
}

static mc_cond *
predicate(cctx *c)
{
	rts *ts = &c->ts;
	const rtok *t = cur(ts);
	size_t from = ts->i;
	int line = t->line;
	mc_cond *k;

	if (is(t, "destination")) {
		adv(ts);
		return pred_destination(c, line);
	}
	if (is(t, "next-hop")) {
		/* next-hop in SET | ( A, P/L le N, ... ): the same forms
		 * as destination in, matched against the next hop */
		adv(ts);
		k = pred_destination(c, line);
		if (k != NULL) {
			if (k->kind == MC_C_PREFIX_LIST)
				k->n = MC_C_PREFIX_LIST;
			k->kind = MC_C_NEXT_HOP;
			return k;
		}
		ts->i = from;
		adv(ts);
		skip_pred(c);
		return cond_unknown(c->x, ttext(c->x->a, ts, from, ts->i),
		    line);
	}
	if (is(t, "as-path")) {
		adv(ts);
		if (is(cur(ts), "in")) {
			adv(ts);
			return set_or_inline(c, XR_SET_ASPATH, true, line);
		}
		k = aspath_pred(c->x, ts);
		return k;
	}
	if (is(t, "community") || is(t, "large-community")) {
		int kind = is(t, "community") ? XR_SET_COMMUNITY : XR_SET_LARGE;

		adv(ts);
		if (is(cur(ts), "matches-any") || is(cur(ts), "matches-every")) {
			bool any = is(cur(ts), "matches-any");

			adv(ts);
			return set_or_inline(c, kind, any, line);
		}
		skip_pred(c);	/* is-empty, matches-within, ... */
		return cond_unknown(c->x, ttext(c->x->a, ts, from, ts->i),
		    line);
	}
	if (is(t, "validation-state")) {
		adv(ts);
		if (!is(cur(ts), "is"))
			return NULL;
		adv(ts);
		k = mc_cond_new(c->x->a, MC_C_RPKI, line);
		if (is(cur(ts), "valid"))
			k->n = MC_ROV_VALID;
		else if (is(cur(ts), "invalid"))
			k->n = MC_ROV_INVALID;
		else if (is(cur(ts), "not-found"))
			k->n = MC_ROV_NOTFOUND;
		else
			return NULL;
		adv(ts);
		return k;
	}
	if (is(t, "protocol")) {
		adv(ts);
		if (is(cur(ts), "is")) {
			adv(ts);
			if (at_eof(ts))
				return NULL;
			k = mc_cond_new(c->x->a, MC_C_PROTOCOL, line);
			k->str = tstr(c->x->a, cur(ts));
			adv(ts);
			skip_pred(c);	/* instance name */
			return k;
		}
		skip_pred(c);
		return cond_unknown(c->x, ttext(c->x->a, ts, from, ts->i),
		    line);
	}
	if (is(t, "apply")) {
		const char *name;

		adv(ts);
		if (at_eof(ts))
			return NULL;
		{
			size_t s = ts->i;
			int depth = 0;

			/* NAME or NAME(args): rebuild the text */
			adv(ts);
			if (is(cur(ts), "(")) {
				do {
					if (is(cur(ts), "("))
						depth++;
					else if (is(cur(ts), ")"))
						depth--;
					adv(ts);
				} while (!at_eof(ts) && depth > 0);
			}
			name = ref_text(c->x->a, ts, s, ts->i);
		}
		c->x->depth++;
		k = mc_cond_new(c->x->a, MC_C_POLICY, line);
		k->ref = c->x->depth > MAX_APPLY_DEPTH ? name :
		    xr_policy_ref(c->x, name, line);
		c->x->depth--;
		return k;
	}
	if (is(t, "local-preference") || is(t, "med") || is(t, "tag") ||
	    is(t, "origin") || is(t, "route-type") || is(t, "rib-has-route") ||
	    is(t, "rd") || is(t, "source") ||
	    is(t, "extcommunity") || is(t, "path-type") || is(t, "orf") ||
	    is(t, "ospf-area") || is(t, "route-has-label") ||
	    is(t, "vpn-distinguisher") || is(t, "weight") ||
	    is(t, "mpls") || is(t, "vxlan") || is(t, "ospf-route-type") ||
	    is(t, "qos-group") || is(t, "metric") || is(t, "aigp-metric") ||
	    is(t, "path-selection") || is(t, "source-routing") ||
	    is(t, "label") || is(t, "label-index") || is(t, "esi") ||
	    is(t, "evpn-route-type") || is(t, "mac") || is(t, "ipv4") ||
	    is(t, "ipv6") || is(t, "source-prefix") ||
	    is(t, "destination-prefix") || is(t, "destination-port") ||
	    is(t, "source-port") || is(t, "protocol-number") ||
	    is(t, "dscp") || is(t, "fragment-type") || is(t, "icmp-type") ||
	    is(t, "tcp-flag") || is(t, "packet-length")) {
		skip_pred(c);
		return cond_unknown(c->x, ttext(c->x->a, ts, from, ts->i),
		    line);
	}
	return NULL;
}

static mc_cond *
parse_primary(cctx *c)
{
	rts *ts = &c->ts;
	int line = cur(ts)->line;

	if (is(cur(ts), "not")) {
		mc_cond *k = mc_cond_new(c->x->a, MC_C_NOT, line), *e;

		adv(ts);
		e = parse_primary(c);
		if (e == NULL)
			return NULL;
		mc_vec_push(c->x->a, &k->kids, e);
		return k;
	}
	if (is(cur(ts), "(")) {
		mc_cond *e;

		adv(ts);
		e = parse_or(c);
		if (e == NULL || !is(cur(ts), ")"))
			return NULL;
		adv(ts);
		return e;
	}
	return predicate(c);
}

static mc_cond *
parse_and(cctx *c)
{
	mc_cond *first = parse_primary(c), *k;

	if (first == NULL || !is(cur(&c->ts), "and"))
		return first;
	k = mc_cond_new(c->x->a, MC_C_AND, first->line);
	mc_vec_push(c->x->a, &k->kids, first);
	while (is(cur(&c->ts), "and")) {
		mc_cond *e;

		adv(&c->ts);
		if ((e = parse_primary(c)) == NULL)
			return NULL;
		mc_vec_push(c->x->a, &k->kids, e);
	}
	return k;
}

static mc_cond *
parse_or(cctx *c)
{
	mc_cond *first = parse_and(c), *k;

	if (first == NULL || !is(cur(&c->ts), "or"))
		return first;
	k = mc_cond_new(c->x->a, MC_C_OR, first->line);
	mc_vec_push(c->x->a, &k->kids, first);
	while (is(cur(&c->ts), "or")) {
		mc_cond *e;

		adv(&c->ts);
		if ((e = parse_and(c)) == NULL)
			return NULL;
		mc_vec_push(c->x->a, &k->kids, e);
	}
	return k;
}

/* Index of the first token of the next line (paren depth 0). */
static size_t
line_end(const cctx *c, size_t i)
{
	int depth = 0;

	for (; i < c->ts.t.n; i++) {
		const rtok *t = &c->ts.t.v[i];

		if (is(t, "("))
			depth++;
		else if (is(t, ")") && depth > 0)
			depth--;
		if (i + 1 < c->ts.t.n && c->ts.t.v[i + 1].bol && depth == 0)
			return i + 1;
	}
	return c->ts.t.n;
}

static void
push_mark(cctx *c, mc_block *b, int line)
{
	mc_stmt *s = mc_stmt_new(c->x->a, MC_S_MARK, line);

	s->mark_accept = true;
	mc_vec_push(c->x->a, b, s);
}

static mc_stmt *
set_stmt(cctx *c, mc_set_kind k, const mc_community *cm, const char *text,
    int line)
{
	mc_stmt *s = mc_stmt_new(c->x->a, MC_S_SET, line);

	s->set = k;
	if (cm != NULL)
		s->comm = *cm;
	s->str = text;
	return s;
}

/* set community|large-community (list)|NAME [additive] */
static bool
set_community(cctx *c, mc_block *b, int kind, bool del, size_t end, int line)
{
	rts *ts = &c->ts;
	MC_VEC(mc_community) lits = {0};
	bool additive = false, first = true;
	size_t i;

	if (is(cur(ts), "(")) {
		adv(ts);
		while (ts->i < end && !is(cur(ts), ")")) {
			if (is(cur(ts), ",")) {
				adv(ts);
				continue;
			}
			if (comm_pred(c->x, ts, kind, &lits) == NULL)
				return false;
		}
		adv(ts);
	} else if (ts->i < end) {
		xr_condset *s = find_set(c->x, kind, cur(ts)->s, cur(ts)->len);

		if (s == NULL)
			return false;
		for (i = 0; i < s->comms.n; i++)
			mc_vec_push(c->x->a, &lits, s->comms.v[i]);
		adv(ts);
	} else
		return false;
	if (ts->i < end && is(cur(ts), "additive")) {
		additive = true;
		adv(ts);
	}
	if (!del && !additive && lits.n == 0)
		mc_vec_push(c->x->a, b, set_stmt(c, MC_SET_COMMUNITY_NONE,
		    NULL, NULL, line));
	for (i = 0; i < lits.n; i++) {
		mc_set_kind k = del ? MC_SET_COMMUNITY_DEL :
		    (!additive && first) ? MC_SET_COMMUNITY_REPLACE :
		    MC_SET_COMMUNITY_ADD;

		first = false;
		mc_vec_push(c->x->a, b, set_stmt(c, k, &lits.v[i], NULL,
		    line));
	}
	return true;
}

static void parse_block(cctx *, mc_block *, int depth);

/* apply NAME[(args)] as a statement: the applied policy's statements, as
 * if written here. */
static void
apply_stmt(cctx *c, mc_block *b, size_t from, size_t end, int line)
{
	xrp *x = c->x;
	const char *text = ref_text(x->a, &c->ts, from + 1, end);
	const char *name;
	xr_inst *in = NULL;
	mc_stmt *s;
	size_t i;

	x->depth++;
	name = x->depth > MAX_APPLY_DEPTH ? NULL : xr_policy_ref(x, text, line);
	x->depth--;
	for (i = 0; name != NULL && i < x->insts.n; i++)
		if (strcmp(x->insts.v[i]->name, name) == 0)
			in = x->insts.v[i];
	if (in == NULL || in->busy || in->pol == NULL ||
	    c->cost + in->cost > MAX_COST) {
		s = mc_stmt_new(x->a, MC_S_UNKNOWN, line);
		s->str = mc_printf(x->a, "apply %s (%s)", text, in == NULL ?
		    "route-policy not defined" : in->busy ? "recursive" :
		    "too large to expand");
		if (in == NULL && name != NULL) {
			/* an undefined policy: the call is visible to the
			 * reference checks */
			s->kind = MC_S_CALL;
			s->ref = name;
			s->call_returns = true;
			s->str = NULL;
		}
		mc_vec_push(x->a, b, s);
		return;
	}
	s = mc_stmt_new(x->a, MC_S_IF, line);
	s->cond = mc_cond_new(x->a, MC_C_TRUE, line);
	s->cond->str = mc_printf(x->a, "apply %s", name);
	s->ref = name;
	if (in->pol->terms.n > 0)
		s->then = in->pol->terms.v[0].body;
	c->cost += in->cost;
	mc_vec_push(x->a, b, s);
}

/* One action statement [i, end). */
static void
action(cctx *c, mc_block *b, size_t end)
{
	rts *ts = &c->ts;
	xrp *x = c->x;
	const rtok *t = cur(ts);
	size_t from = ts->i;
	int line = t->line;
	mc_stmt *s;

	c->cost++;
	if (is(t, "pass") || is(t, "drop") || is(t, "done")) {
		if (is(t, "pass"))
			push_mark(c, b, line);
		else
			mc_vec_push(x->a, b, mc_stmt_new(x->a, is(t, "drop") ?
			    MC_S_REJECT : MC_S_ACCEPT, line));
		adv(ts);
		if (ts->i < end)
			goto bad;
		return;
	}
	if (is(t, "apply")) {
		apply_stmt(c, b, from, end, line);
		ts->i = end;
		return;
	}
	if (is(t, "set") && ts->i + 1 < end && (is(&ts->t.v[ts->i + 1],
	    "community") || is(&ts->t.v[ts->i + 1], "large-community"))) {
		int kind = is(&ts->t.v[ts->i + 1], "community") ?
		    XR_SET_COMMUNITY : XR_SET_LARGE;

		adv(ts);
		adv(ts);
		if (!set_community(c, b, kind, false, end, line))
			goto bad;
		push_mark(c, b, line);
		if (ts->i < end)
			goto bad;
		return;
	}
	if (is(t, "delete") && ts->i + 1 < end && (is(&ts->t.v[ts->i + 1],
	    "community") || is(&ts->t.v[ts->i + 1], "large-community"))) {
		int kind = is(&ts->t.v[ts->i + 1], "community") ?
		    XR_SET_COMMUNITY : XR_SET_LARGE;

		adv(ts);
		adv(ts);
		if (is(cur(ts), "all")) {
			mc_vec_push(x->a, b, set_stmt(c, MC_SET_COMMUNITY_NONE,
			    NULL, NULL, line));
			adv(ts);
		} else if (is(cur(ts), "in")) {
			adv(ts);
			if (!set_community(c, b, kind, true, end, line))
				goto bad;
		} else if (is(cur(ts), "not")) {
			s = mc_stmt_new(x->a, MC_S_UNKNOWN, line);
			s->str = ttext(x->a, ts, from, end);
			mc_vec_push(x->a, b, s);
			ts->i = end;
		} else
			goto bad;
		push_mark(c, b, line);
		if (ts->i < end)
			goto bad;
		return;
	}
	if (is(t, "prepend") && ts->i + 2 < end + 1 &&
	    is(&ts->t.v[ts->i + 1], "as-path")) {
		mc_community cm;
		uint32_t v, times = 1;

		memset(&cm, 0, sizeof(cm));
		adv(ts);
		adv(ts);
		if (is(cur(ts), "own-as"))
			cm.a = x->d->bgp.asn;
		else if (is(cur(ts), "most-recent"))
			cm.a = 0;
		else if (xr_parse_asn(cur(ts)->s, cur(ts)->len, &v))
			cm.a = v;
		else
			goto bad;
		adv(ts);
		if (ts->i < end && tnum(cur(ts), &v) && v < 256) {
			times = v;
			adv(ts);
		}
		s = set_stmt(c, cm.a ? MC_SET_PREPEND : MC_SET_OTHER, &cm,
		    ttext(x->a, ts, from, end), line);
		s->n = (int)times;
		mc_vec_push(x->a, b, s);
		push_mark(c, b, line);
		if (ts->i < end)
			goto bad;
		return;
	}
	if (is(t, "set") || is(t, "remove") || is(t, "replace") ||
	    is(t, "delete") || is(t, "prepend") || is(t, "add") ||
	    is(t, "suppress-route") || is(t, "unsuppress-route")) {
		/* modifications with no effect on verdicts */
		mc_vec_push(x->a, b, set_stmt(c, MC_SET_OTHER, NULL,
		    ttext(x->a, ts, from, end), line));
		push_mark(c, b, line);
		ts->i = end;
		return;
	}
bad:
	s = mc_stmt_new(x->a, MC_S_UNKNOWN, line);
	s->str = ttext(x->a, ts, from, end);
	mc_vec_push(x->a, b, s);
	unparsed(c, from, end);
	ts->i = end;
}

/* if COND then BLOCK [elseif COND then BLOCK]... [else BLOCK] endif */
static void
if_stmt(cctx *c, mc_block *b, int depth)
{
	rts *ts = &c->ts;
	size_t from = ts->i;
	int line = cur(ts)->line;
	mc_stmt *s = mc_stmt_new(c->x->a, MC_S_IF, line), *top = s;

	adv(ts);	/* if */
	for (;;) {
		s->cond = parse_or(c);
		if (s->cond == NULL || !is(cur(ts), "then")) {
			size_t e = ts->i;

			while (!at_eof(ts) && !is(cur(ts), "then"))
				adv(ts);
			if (e < ts->i)
				e = ts->i;
			unparsed(c, from, e);
			s->cond = cond_unknown(c->x, ttext(c->x->a, ts, from,
			    e), line);
		}
		adv(ts);	/* then */
		parse_block(c, &s->then, depth + 1);
		if (is(cur(ts), "elseif") && cur(ts)->bol) {
			mc_stmt *n;

			from = ts->i;
			line = cur(ts)->line;
			adv(ts);
			n = mc_stmt_new(c->x->a, MC_S_IF, line);
			mc_vec_push(c->x->a, &s->els, n);
			s = n;
			continue;
		}
		if (is(cur(ts), "else") && cur(ts)->bol) {
			adv(ts);
			parse_block(c, &s->els, depth + 1);
		}
		if (is(cur(ts), "endif"))
			adv(ts);
		else if (c->report)
			mc_dev_unparsed(c->x->d, line, c->sec, "if without endif",
			    15);
		break;
	}
	mc_vec_push(c->x->a, b, top);
}

static void
parse_block(cctx *c, mc_block *b, int depth)
{
	rts *ts = &c->ts;

	while (!at_eof(ts)) {
		const rtok *t = cur(ts);

		if (t->bol && (is(t, "endif") || is(t, "else") ||
		    is(t, "elseif")) && depth > 0)
			return;
		if (t->bol && is(t, "end-policy"))
			return;
		if (is(t, "if") && depth < 64) {
			if_stmt(c, b, depth);
			continue;
		}
		action(c, b, line_end(c, ts->i));
	}
}

/* "NAME(a,b)" -> name, args; the normalised instance name. */
static const char *
split_ref(xrp *x, const char *text, const char **name, const char **args,
    int *nargs)
{
	const char *p = strchr(text, '('), *q;
	char buf[512];
	size_t n;
	int k = 0;

	*nargs = 0;
	if (p == NULL) {
		*name = text;
		return text;
	}
	q = p;
	while (q > text && (q[-1] == ' ' || q[-1] == '\t'))
		q--;
	*name = mc_strndup(x->a, text, (size_t)(q - text));
	while (**name == ' ')
		(*name)++;
	n = (size_t)snprintf(buf, sizeof(buf), "%s(", *name);
	p++;
	while (*p != '\0' && *p != ')' && k < MAX_ARGS) {
		while (*p == ' ' || *p == ',')
			p++;
		q = p;
		while (*q != '\0' && *q != ',' && *q != ')')
			q++;
		while (q > p && q[-1] == ' ')
			q--;
		if (q > p) {
			args[k++] = mc_strndup(x->a, p, (size_t)(q - p));
			if (n < sizeof(buf) - 1)
				n += (size_t)snprintf(buf + n, sizeof(buf) - n,
				    "%s%s", k > 1 ? ", " : "", args[k - 1]);
		}
		p = q;
		while (*p == ' ')
			p++;
	}
	*nargs = k;
	if (n < sizeof(buf) - 1)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, ")");
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	return mc_strndup(x->a, buf, n);
}

static xr_rpdef *
find_rp(const xrp *x, const char *name)
{
	size_t i;

	for (i = x->rps.n; i-- > 0;)
		if (strcmp(x->rps.v[i]->name, name) == 0)
			return x->rps.v[i];
	return NULL;
}

const char *
xr_policy_ref(xrp *x, const char *text, int line)
{
	const char *name, *args[MAX_ARGS], *iname;
	int nargs, k;
	xr_rpdef *r;
	xr_inst *in;
	cctx c;
	subst sb;
	mc_term t;
	size_t i;

	iname = split_ref(x, text, &name, args, &nargs);
	for (i = 0; i < x->insts.n; i++)
		if (strcmp(x->insts.v[i]->name, iname) == 0)
			return iname;
	r = find_rp(x, name);
	if (r == NULL)
		return iname;		/* undefined: the reference says so */
	in = mc_alloc(x->a, sizeof(*in));
	in->name = iname;
	in->busy = true;
	mc_vec_push(x->a, &x->insts, in);
	memset(&sb, 0, sizeof(sb));
	for (k = 0; k < nargs && k < (int)r->params.n; k++) {
		sb.name[k] = r->params.v[k];
		sb.val[k] = args[k];
	}
	sb.n = k;
	memset(&c, 0, sizeof(c));
	c.x = x;
	c.sec = mc_printf(x->a, "route-policy %s", r->name);
	/* report unparsed text once per definition */
	c.report = true;
	for (i = 0; i < x->insts.n - 1; i++) {
		const char *nm = x->insts.v[i]->name;
		size_t l = strlen(r->name);

		if (strncmp(nm, r->name, l) == 0 && (nm[l] == '\0' ||
		    nm[l] == '('))
			c.report = false;
	}
	memset(&t, 0, sizeof(t));
	t.line = r->line;
	if (x->ntok > MAX_TOKENS) {
		/* hostile sizes: an instance we do not expand */
		mc_stmt *u = mc_stmt_new(x->a, MC_S_UNKNOWN, r->line);

		u->str = "route-policy not compiled: the configuration is "
		    "too large";
		mc_vec_push(x->a, &t.body, u);
	} else {
		tokenize_lines(x->a, &c.ts, r->lines.v, r->lines.n, &sb);
		x->ntok += c.ts.t.n;
		parse_block(&c, &t.body, 0);
	}
	while (!at_eof(&c.ts)) {	/* stray endif/else */
		size_t e = line_end(&c, c.ts.i);

		unparsed(&c, c.ts.i, e);
		c.ts.i = e;
	}
	in->pol = mc_alloc(x->a, sizeof(*in->pol));
	in->pol->name = iname;
	in->pol->line = r->line;
	in->pol->fallthrough = MC_FALL_REJECT;
	/* 'apply' is expanded in place; as an 'if apply X' condition the
	 * policy's own end decides (pass/set: true), so never a function */
	in->pol->is_function = false;
	mc_vec_push(x->a, &in->pol->terms, t);
	in->cost = c.cost + 1;
	in->busy = false;
	mc_vec_push(x->a, &x->d->policies, in->pol);
	(void)line;
	return iname;
}

void
xr_compile_all(xrp *x)
{
	size_t i;

	for (i = 0; i < x->rps.n; i++)
		if (x->rps.v[i]->params.n == 0)
			xr_policy_ref(x, x->rps.v[i]->name, x->rps.v[i]->line);
}
