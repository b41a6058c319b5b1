/*
 * Junos reader: braces and set forms into one tree of words (junos_tree.h).
 *
 * One pass over the text with a small tokenizer.  Each word of a statement is
 * inserted as a child of the previous word as soon as it is read, so nothing
 * is buffered per statement and both forms build the same paths.
 */
#include <string.h>

#include "conf/junos_tree.h"

/* ---- nodes ---------------------------------------------------------------- */

static uint32_t
hash(const char *w, unsigned n)
{
	uint32_t h = 2166136261u;

	while (n-- > 0)
		h = (h ^ (unsigned char)*w++) * 16777619u;
	return h;
}

static bool
weq(const jt_node *k, const char *w, unsigned n)
{
	return k->wlen == n && memcmp(k->w, w, n) == 0;
}

static void
idx_put(jt_node **tab, unsigned cap, jt_node *k)
{
	unsigned i = hash(k->w, k->wlen) & (cap - 1);

	while (tab[i] != NULL)
		i = (i + 1) & (cap - 1);
	tab[i] = k;
}

static void
idx_build(mc_arena *a, jt_node *p, unsigned cap)
{
	jt_node *k;

	p->idx = mc_alloc(a, sizeof(*p->idx) * cap);
	p->idxcap = cap;
	for (k = p->kid; k != NULL; k = k->next)
		idx_put(p->idx, cap, k);
}

/* Any child with this word, active or not. */
static jt_node *
find(const jt_node *p, const char *w, unsigned n)
{
	jt_node *k;
	unsigned i;

	if (p == NULL)
		return NULL;
	if (p->idx != NULL) {
		i = hash(w, n) & (p->idxcap - 1);
		while ((k = p->idx[i]) != NULL) {
			if (weq(k, w, n))
				return k;
			i = (i + 1) & (p->idxcap - 1);
		}
		return NULL;
	}
	for (k = p->kid; k != NULL; k = k->next)
		if (weq(k, w, n))
			return k;
	return NULL;
}

bool
jt_wild_is(const char *w, unsigned len)
{
	return len >= 2 && w[0] == '<' && w[len - 1] == '>';
}

jt_node *
jt_add(jt_tree *t, jt_node *p, const char *w, unsigned wlen, int line,
    unsigned flags)
{
	jt_node *k;

	if (p == NULL)
		return NULL;
	if ((k = find(p, w, wlen)) != NULL)
		return k;
	if (t->nodes >= JT_MAX_NODES) {
		t->truncated = true;
		return NULL;
	}
	k = mc_alloc(t->a, sizeof(*k));
	k->w = w;
	k->wlen = wlen;
	k->line = line;
	k->flags = flags & (JT_QUOTED | JT_INHERITED | JT_INACTIVE);
	k->parent = p;
	if (k->flags & JT_INACTIVE)
		p->ninact++;
	if (p->last_kid == NULL)
		p->kid = k;
	else
		p->last_kid->next = k;
	p->last_kid = k;
	p->nkids++;
	t->nodes++;
	if (jt_wild_is(w, wlen))
		p->flags |= JT_HASWILD;
	if (p->idx != NULL && p->nkids * 2 <= p->idxcap)
		idx_put(p->idx, p->idxcap, k);
	else if (p->nkids >= 8)
		idx_build(t->a, p, p->idxcap ? p->idxcap * 4 : 32);
	return k;
}

/* Statements with one value (or one list of values). */
static const char *const value_keys[] = {
	"peer-as", "local-as", "type", "description", "import", "export",
	"authentication-key", "authentication-key-chain",
	"authentication-algorithm", "local-address", "host-name",
	"autonomous-system", "router-id", "ttl", "hold-time", "cluster",
	"preference", "metric", "metric-out", "local-preference", "mode",
	"members", "mtu", "encapsulation", "vlan-id", "speed", "maximum",
	"teardown", "port", "instance-type", "route-distinguisher",
	"vrf-import", "vrf-export", "input", "output", "input-list",
	"output-list", "fail-filter", "apply-path", "as-path-prepend",
	"multihop", "idle-timeout", NULL
};

bool
jt_is_value_key(const jt_node *n)
{
	int i;

	for (i = 0; value_keys[i] != NULL; i++)
		if (jt_is(n, value_keys[i]))
			return true;
	return false;
}

bool
jt_active(const jt_node *n)
{
	if (n == NULL || (n->flags & JT_INACTIVE) != 0)
		return false;
	/* `inactive: import X;` marks X: import has no value left */
	return n->nkids == 0 || n->ninact < n->nkids || !jt_is_value_key(n);
}

void
jt_set_inactive(jt_node *n, bool on)
{
	if (n == NULL || ((n->flags & JT_INACTIVE) != 0) == on)
		return;
	if (on) {
		n->flags |= JT_INACTIVE;
		if (n->parent != NULL)
			n->parent->ninact++;
	} else {
		n->flags &= ~(unsigned)JT_INACTIVE;
		if (n->parent != NULL)
			n->parent->ninact--;
	}
}

bool
jt_is(const jt_node *n, const char *word)
{
	size_t l = strlen(word);

	return n != NULL && n->wlen == l && memcmp(n->w, word, l) == 0;
}

jt_node *
jt_first(const jt_node *n)
{
	jt_node *k;

	if (n == NULL)
		return NULL;
	for (k = n->kid; k != NULL && !jt_active(k); k = k->next)
		;
	return k;
}

jt_node *
jt_next(const jt_node *n)
{
	jt_node *k;

	if (n == NULL)
		return NULL;
	for (k = n->next; k != NULL && !jt_active(k); k = k->next)
		;
	return k;
}

jt_node *
jt_last(const jt_node *n)
{
	jt_node *k, *last = NULL;

	for (k = jt_first(n); k != NULL; k = jt_next(k))
		last = k;
	return last;
}

unsigned
jt_count(const jt_node *n)
{
	jt_node *k;
	unsigned c = 0;

	for (k = jt_first(n); k != NULL; k = jt_next(k))
		c++;
	return c;
}

jt_node *
jt_kidn(const jt_node *n, const char *w, size_t len)
{
	jt_node *k = find(n, w, (unsigned)len);

	return jt_active(k) ? k : NULL;
}

jt_node *
jt_kid(const jt_node *n, const char *word)
{
	return jt_kidn(n, word, strlen(word));
}

jt_node *
jt_path(const jt_node *n, const char *path)
{
	const char *s = path, *e;

	while (n != NULL && *s != '\0') {
		while (*s == ' ')
			s++;
		if (*s == '\0')
			break;
		for (e = s; *e != '\0' && *e != ' '; e++)
			;
		n = jt_kidn(n, s, (size_t)(e - s));
		s = e;
	}
	return (jt_node *)n;
}

jt_node *
jt_val(const jt_node *n, const char *key)
{
	return jt_last(jt_kid(n, key));
}

const char *
jt_str(mc_arena *a, const jt_node *n)
{
	if (n == NULL || n->w == NULL)
		return NULL;
	return mc_strndup(a, n->w, n->wlen);
}

const char *
jt_line_text(const jt_tree *t, const jt_node *n, size_t *len)
{
	const char *ls, *s, *e, *lim, *end = t->buf + t->len;
	bool q = false, setl;

	if (n == NULL || n->w == NULL || n->w < t->buf || n->w > end) {
		*len = 0;
		return "";
	}
	ls = n->w;
	lim = ls - t->buf > 200 ? ls - 200 : t->buf;
	while (ls > lim && ls[-1] != '\n')
		ls--;
	while (ls < n->w && (*ls == ' ' || *ls == '\t'))
		ls++;
	/* set form: the whole line; braces: the statement from its word */
	setl = (end - ls > 4 && memcmp(ls, "set ", 4) == 0) ||
	    (end - ls > 11 && memcmp(ls, "deactivate ", 11) == 0);
	s = n->w;
	if (setl)
		s = ls;
	else {
		while (s > ls && s[-1] != ';' && s[-1] != '{' && s[-1] != '}')
			s--;
		while (s < n->w && (*s == ' ' || *s == '\t'))
			s++;
	}
	e = s;
	lim = end - e > 200 ? e + 200 : end;
	while (e < lim && *e != '\n' && *e != '\r') {
		if (*e == '"')
			q = !q;
		else if (!setl && !q && (*e == ';' || *e == '{')) {
			e++;
			break;
		}
		e++;
	}
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	*len = (size_t)(e - s);
	return s;
}

bool
jt_is_set_form(const jt_tree *t)
{
	return t->set_cmds > 0 && t->set_cmds >= t->brace_stmts;
}

/* ---- wildcards ------------------------------------------------------------ */

/* One character against a [class] starting at pat[i] (after '['); returns
 * the index after ']' or 0 when the class is not closed. */
static unsigned
class_match(const char *pat, unsigned plen, unsigned i, char c, bool *ok)
{
	bool neg = false, hit = false;
	unsigned start;

	if (i < plen && (pat[i] == '!' || pat[i] == '^')) {
		neg = true;
		i++;
	}
	start = i;
	for (; i < plen; i++) {
		if (pat[i] == ']' && i > start)
			break;
		if (i + 2 < plen && pat[i + 1] == '-' && pat[i + 2] != ']') {
			if (c >= pat[i] && c <= pat[i + 2])
				hit = true;
			i += 2;
		} else if (pat[i] == c)
			hit = true;
	}
	if (i >= plen)
		return 0;
	*ok = hit != neg;
	return i + 1;
}

bool
jt_wild_match(const char *pat, unsigned plen, const char *w, unsigned wlen)
{
	unsigned pi = 0, wi = 0, star_p = 0, star_w = 0, next;
	bool star = false, ok;
	unsigned long steps = 0;

	if (!jt_wild_is(pat, plen))
		return plen == wlen && memcmp(pat, w, wlen) == 0;
	pat++;
	plen -= 2;
	while (wi < wlen) {
		if (++steps > 1000000)
			return false;	/* pathological pattern */
		if (pi < plen && pat[pi] == '*') {
			star = true;
			star_p = ++pi;
			star_w = wi;
			continue;
		}
		if (pi < plen && pat[pi] == '?') {
			pi++;
			wi++;
			continue;
		}
		if (pi < plen && pat[pi] == '[') {
			next = class_match(pat, plen, pi + 1, w[wi], &ok);
			if (next != 0 && ok) {
				pi = next;
				wi++;
				continue;
			}
			if (next == 0 && w[wi] == '[') {	/* literal '[' */
				pi++;
				wi++;
				continue;
			}
		} else if (pi < plen && pat[pi] == w[wi]) {
			pi++;
			wi++;
			continue;
		}
		if (!star)
			return false;
		pi = star_p;
		wi = ++star_w;
	}
	while (pi < plen && pat[pi] == '*')
		pi++;
	return pi == plen;
}

/* ---- apply-path ----------------------------------------------------------- */

typedef struct pword {
	const char *s;
	unsigned n;
} pword;

static void
ap_walk(const jt_node *n, const pword *pw, int np, int i,
    void (*fn)(void *, const jt_node *), void *arg, unsigned long *budget)
{
	jt_node *k;

	if (i == np) {
		fn(arg, n);
		return;
	}
	if (*budget == 0)
		return;
	(*budget)--;
	if (!jt_wild_is(pw[i].s, pw[i].n)) {
		if ((k = jt_kidn(n, pw[i].s, pw[i].n)) != NULL)
			ap_walk(k, pw, np, i + 1, fn, arg, budget);
		return;
	}
	for (k = jt_first(n); k != NULL; k = jt_next(k)) {
		if (n->parent == NULL && (jt_is(k, "groups") ||
		    jt_is(k, "apply-groups")))
			continue;
		if (jt_wild_match(pw[i].s, pw[i].n, k->w, k->wlen))
			ap_walk(k, pw, np, i + 1, fn, arg, budget);
	}
}

void
jt_apply_path(const jt_tree *t, const char *path, size_t len,
    void (*fn)(void *, const jt_node *), void *arg)
{
	pword pw[JT_MAX_DEPTH];
	int np = 0;
	size_t i = 0, j;
	unsigned long budget = 1000000;

	while (i < len && np < JT_MAX_DEPTH) {
		while (i < len && (path[i] == ' ' || path[i] == '\t'))
			i++;
		if (i == len)
			break;
		for (j = i; j < len && path[j] != ' ' && path[j] != '\t'; j++)
			;
		pw[np].s = path + i;
		pw[np].n = (unsigned)(j - i);
		np++;
		i = j;
	}
	if (np > 0)
		ap_walk(t->root, pw, np, 0, fn, arg, &budget);
}

/* ---- parser --------------------------------------------------------------- */

enum mode { M_NONE, M_BRACE, M_SET, M_DEACT, M_ACT, M_SKIP };

struct frame {
	jt_node *node;		/* NULL: an ignored block */
};

struct parser {
	jt_tree *t;
	const char *p, *end;
	int line;
	struct frame stack[JT_MAX_DEPTH + 1];
	int depth;		/* open frames above the root */
	int overflow;		/* blocks nested deeper than the limit */
	/* the statement being read */
	enum mode mode;
	int nwords;
	jt_node *cur;
	jt_node *list_parent;
	bool in_list, had_list, inactive, skip;
	size_t wv_first;	/* waivers of this statement: [wv_first, n) */
	/* the last finished statement, for trailing waiver comments */
	int stmt_line;
	const char *brace_at;	/* a '{' found ahead by brace_follows() */
	int prev_line, prev_first, prev_last;
	int last_tok_line;
};

static bool
word_is(const char *s, unsigned n, const char *w)
{
	return strlen(w) == n && memcmp(s, w, n) == 0;
}

static jt_node *
frame_node(struct parser *ps)
{
	if (ps->overflow > 0)
		return NULL;
	return ps->depth == 0 ? ps->t->root : ps->stack[ps->depth].node;
}

/* Resolve the lines of the waivers of a finished statement. */
static void
waivers_end(struct parser *ps, int last)
{
	size_t i;

	for (i = ps->wv_first; i < ps->t->waivers.n; i++)
		if (ps->t->waivers.v[i].last == 0)
			ps->t->waivers.v[i].last = last;
}

static void
stmt_reset(struct parser *ps)
{
	ps->mode = M_NONE;
	ps->nwords = 0;
	ps->cur = NULL;
	ps->list_parent = NULL;
	ps->in_list = ps->had_list = ps->inactive = ps->skip = false;
	ps->wv_first = ps->t->waivers.n;
}

static void
stmt_end(struct parser *ps)
{
	jt_node *target = ps->had_list ? ps->list_parent : ps->cur;

	if (ps->nwords == 0 && ps->mode == M_NONE) {
		stmt_reset(ps);
		return;
	}
	switch (ps->mode) {
	case M_DEACT:
		if (ps->nwords > 1)
			jt_set_inactive(target, true);
		break;
	case M_ACT:
		if (ps->nwords > 1)
			jt_set_inactive(target, false);
		break;
	case M_BRACE:
		ps->t->brace_stmts++;
		if (ps->inactive && !ps->skip)
			jt_set_inactive(target, true);
		break;
	default:
		break;
	}
	waivers_end(ps, ps->line);
	ps->prev_line = ps->line;
	ps->prev_first = ps->stmt_line;
	ps->prev_last = ps->line;
	stmt_reset(ps);
}

static void
block_open(struct parser *ps)
{
	jt_node *n = ps->skip ? NULL : ps->cur;
	size_t i;

	if (ps->inactive)
		jt_set_inactive(n, true);
	ps->t->brace_stmts++;
	if (ps->overflow > 0 || ps->depth >= JT_MAX_DEPTH) {
		ps->overflow++;
	} else {
		ps->depth++;
		ps->stack[ps->depth].node = n;
	}
	/* Waivers before the opener cover the block: last set on close. */
	for (i = ps->wv_first; i < ps->t->waivers.n; i++)
		if (ps->t->waivers.v[i].last == 0)
			ps->t->waivers.v[i].last = -(ps->depth + ps->overflow);
	ps->prev_line = ps->line;
	ps->prev_first = ps->stmt_line;
	ps->prev_last = -(ps->depth + ps->overflow);
	stmt_reset(ps);
}

static void
block_close(struct parser *ps)
{
	int d = ps->depth + ps->overflow;
	size_t i;

	if (ps->nwords > 0 || ps->mode != M_NONE)
		stmt_end(ps);
	if (d == 0)
		return;		/* stray '}' */
	for (i = ps->t->waivers.n; i-- > 0;)
		if (ps->t->waivers.v[i].last == -d)
			ps->t->waivers.v[i].last = ps->line;
	if (ps->prev_last == -d)
		ps->prev_last = ps->line;
	if (ps->overflow > 0)
		ps->overflow--;
	else
		ps->depth--;
}

static enum mode
command_mode(const char *w, unsigned n)
{
	static const char *skip[] = {
		"delete", "del", "insert", "annotate", "protect", "unprotect",
		"rename", "copy", "edit", "top", "up", "exit", "quit",
		"commit", "load", "run", "show", "status", "rollback",
		"wildcard", "save", "help", NULL
	};
	int i;

	if (word_is(w, n, "set"))
		return M_SET;
	if (word_is(w, n, "deactivate"))
		return M_DEACT;
	if (word_is(w, n, "activate"))
		return M_ACT;
	for (i = 0; skip[i] != NULL; i++)
		if (word_is(w, n, skip[i]))
			return M_SKIP;
	return M_NONE;
}

/* The CLI takes more statements of the same level after a statement with
 * one value: `set protocols bgp group X type external neighbor A peer-as 1`.
 * Is n the value of such a statement (so the next word is a sibling)? */
static bool
chains(const jt_node *n)
{
	static const char *const keys[] = {
		"type", "peer-as", "description", "local-address",
		"authentication-key", "hold-time", "host-name", "router-id",
		"cluster", "preference", "local-preference", "mtu", "vlan-id",
		"encapsulation", "speed", "instance-type",
		"route-distinguisher", "maximum", "port", "mode", NULL
	};
	int i;

	if (n == NULL || n->parent == NULL || n->parent->parent == NULL ||
	    n->nkids > 0)
		return false;
	for (i = 0; keys[i] != NULL; i++)
		if (jt_is(n->parent, keys[i]))
			return true;
	return false;
}

static void
word(struct parser *ps, const char *w, unsigned n, bool quoted, int line)
{
	enum mode m;
	size_t i;

	if (ps->nwords == 0 && ps->mode == M_NONE) {
		/* A statement starts: pending waivers cover it. */
		for (i = ps->wv_first; i < ps->t->waivers.n; i++)
			if (ps->t->waivers.v[i].first == 0)
				ps->t->waivers.v[i].first = line;
		ps->stmt_line = line;
		if (!quoted && ps->depth == 0 && ps->overflow == 0 &&
		    (m = command_mode(w, n)) != M_NONE) {
			ps->mode = m;
			ps->cur = ps->t->root;
			ps->nwords = 1;
			ps->t->set_cmds++;
			return;
		}
		if (!quoted && n > 1 && w[n - 1] == ':') {
			if (word_is(w, n, "inactive:")) {
				ps->inactive = true;
				return;
			}
			if (word_is(w, n, "protect:") ||
			    word_is(w, n, "replace:") ||
			    word_is(w, n, "unprotect:") ||
			    word_is(w, n, "active:"))
				return;
			if (word_is(w, n, "delete:")) {
				ps->skip = true;
				return;
			}
		}
		ps->mode = M_BRACE;
		ps->cur = frame_node(ps);
	}
	ps->nwords++;
	if (ps->skip || ps->mode == M_SKIP)
		return;
	if (ps->in_list) {
		if (ps->list_parent != NULL && ps->mode != M_ACT)
			jt_add(ps->t, ps->list_parent, w, n, line,
			    quoted ? JT_QUOTED : 0);
		return;
	}
	if (ps->had_list)
		return;		/* words after `[ ... ]`: not a path */
	if ((ps->mode == M_SET || ps->mode == M_DEACT) && chains(ps->cur))
		ps->cur = ps->cur->parent->parent;
	if (ps->mode == M_ACT)
		ps->cur = find(ps->cur, w, n);
	else
		ps->cur = jt_add(ps->t, ps->cur, w, n, line,
		    quoted ? JT_QUOTED : 0);
}

static bool
is_sp(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static bool
is_special(char c)
{
	return c == ';' || c == '{' || c == '}' || c == '"' || is_sp(c) ||
	    c == '\n';
}

/* A comment: record an inline waiver if it is one. */
static void
comment(struct parser *ps, const char *s, size_t n, int line)
{
	static const char key[] = "manrs-check:";
	const char *e = s + n, *p, *r0, *r1;
	mc_inline_waiver w;

	p = memmem(s, n, key, sizeof(key) - 1);
	if (p == NULL)
		return;
	p += sizeof(key) - 1;
	while (p < e && is_sp(*p))
		p++;
	if (e - p < 6 || memcmp(p, "ignore", 6) != 0)
		return;
	p += 6;
	while (p < e && is_sp(*p))
		p++;
	r0 = p;
	while (p < e && !is_sp(*p) && *p != '\n')
		p++;
	r1 = p;
	if (r1 == r0)
		return;
	while (p < e && is_sp(*p))
		p++;
	while (e > p && (is_sp(e[-1]) || e[-1] == '\n'))
		e--;
	memset(&w, 0, sizeof(w));
	w.rule = mc_strndup(ps->t->a, r0, (size_t)(r1 - r0));
	w.reason = mc_strndup(ps->t->a, p, (size_t)(e - p));
	w.line = line;
	if (ps->nwords == 0 && ps->mode == M_NONE && ps->prev_line == line &&
	    ps->last_tok_line == line) {
		/* Trailing comment: it belongs to the statement on its line. */
		w.first = ps->prev_first;
		w.last = ps->prev_last;
		mc_vec_push(ps->t->a, &ps->t->waivers, w);
		return;
	}
	mc_vec_push(ps->t->a, &ps->t->waivers, w);
}

/* Is the next significant character '{'?  (Statement split over lines.) */
static bool
brace_follows(struct parser *ps)
{
	const char *p = ps->p;

	if (ps->brace_at != NULL && ps->p <= ps->brace_at)
		return true;	/* seen on an earlier line of this run */
	while (p < ps->end && (is_sp(*p) || *p == '\n'))
		p++;
	if (p < ps->end && *p == '{') {
		ps->brace_at = p;
		return true;
	}
	return false;
}

jt_tree *
jt_parse(mc_arena *a, const char *buf, size_t len)
{
	jt_tree *t = mc_alloc(a, sizeof(*t));
	struct parser ps;
	const char *s;
	int l0;
	bool q;

	t->a = a;
	t->buf = buf;
	t->len = len;
	t->root = mc_alloc(a, sizeof(*t->root));
	memset(&ps, 0, sizeof(ps));
	ps.t = t;
	ps.p = buf;
	ps.end = buf + len;
	ps.line = 1;
	stmt_reset(&ps);
	while (ps.p < ps.end) {
		char c = *ps.p;

		if (c == '\n') {
			ps.p++;
			if (ps.mode == M_SET || ps.mode == M_DEACT ||
			    ps.mode == M_ACT || ps.mode == M_SKIP)
				stmt_end(&ps);
			else if (ps.nwords > 0 && !ps.in_list &&
			    !brace_follows(&ps))
				stmt_end(&ps);	/* missing ';' */
			ps.line++;
			continue;
		}
		if (is_sp(c)) {
			ps.p++;
			continue;
		}
		if (c == '#') {
			s = ps.p;
			while (ps.p < ps.end && *ps.p != '\n')
				ps.p++;
			comment(&ps, s, (size_t)(ps.p - s), ps.line);
			continue;
		}
		if (c == '/' && ps.p + 1 < ps.end && ps.p[1] == '*') {
			s = ps.p;
			l0 = ps.line;
			ps.p += 2;
			while (ps.p < ps.end && !(*ps.p == '*' &&
			    ps.p + 1 < ps.end && ps.p[1] == '/')) {
				if (*ps.p == '\n')
					ps.line++;
				ps.p++;
			}
			comment(&ps, s + 2, (size_t)(ps.p - s - 2), l0);
			ps.p = ps.p + 2 < ps.end ? ps.p + 2 : ps.end;
			continue;
		}
		ps.last_tok_line = ps.line;
		if (c == ';') {
			ps.p++;
			if (ps.mode == M_BRACE || ps.mode == M_NONE)
				stmt_end(&ps);	/* not inside a set line */
			continue;
		}
		if (c == '{') {
			ps.p++;
			if (ps.mode != M_NONE && ps.mode != M_BRACE)
				continue;	/* braces inside a set line */
			if (ps.nwords == 0 && ps.depth == 0 &&
			    ps.overflow == 0) {
				/* "{master:0}" prompt lines and the like */
				while (ps.p < ps.end && *ps.p != '\n')
					ps.p++;
				stmt_reset(&ps);
				continue;
			}
			if (ps.nwords == 0)
				ps.skip = true;
			block_open(&ps);
			continue;
		}
		if (c == '}') {
			ps.p++;
			if (ps.mode != M_NONE && ps.mode != M_BRACE)
				continue;
			block_close(&ps);
			continue;
		}
		/* a word: quoted or bare */
		l0 = ps.line;
		q = c == '"';
		if (q) {
			s = ++ps.p;
			while (ps.p < ps.end && *ps.p != '"') {
				if (*ps.p == '\\' && ps.p + 1 < ps.end) {
					if (ps.p[1] == '\n')
						ps.line++;
					ps.p++;
				} else if (*ps.p == '\n')
					ps.line++;
				ps.p++;
			}
			word(&ps, s, (unsigned)(ps.p - s), true, l0);
			if (ps.p < ps.end)
				ps.p++;
			continue;
		}
		s = ps.p;
		while (ps.p < ps.end && !is_special(*ps.p))
			ps.p++;
		if (ps.p - s == 1 && *s == '[' && ps.mode != M_NONE) {
			ps.in_list = true;
			ps.had_list = true;
			ps.list_parent = ps.cur;
			ps.nwords++;
			continue;
		}
		if (ps.p - s == 1 && *s == ']' && ps.in_list) {
			ps.in_list = false;
			continue;
		}
		word(&ps, s, (unsigned)(ps.p - s), false, l0);
	}
	if (ps.nwords > 0 || ps.mode != M_NONE)
		stmt_end(&ps);
	while (ps.depth + ps.overflow > 0)
		block_close(&ps);
	t->lines = len == 0 ? 0 : ps.line;
	if (len > 0 && buf[len - 1] == '\n')
		t->lines--;
	/* Waivers never attached to a statement cover their own line. */
	for (size_t i = 0; i < t->waivers.n; i++) {
		if (t->waivers.v[i].first == 0)
			t->waivers.v[i].first = t->waivers.v[i].line;
		if (t->waivers.v[i].last <= 0)
			t->waivers.v[i].last = t->waivers.v[i].first;
	}
	return t;
}
