/*
 * BIRD parser: tokens -> top-level objects (constants, functions, filters,
 * protocols, tables) and syntax trees of filter code.  Protocol bodies are
 * only delimited here; bird_proto.c reads them.  Expression precedence is
 * BIRD's: '.' binds tightest, then '!', '* / %', '+ -', the comparisons
 * (not associative), and && and || share the lowest level, left to right.
 * Anything not understood becomes BN_UNKNOWN / BN_BADEXPR covering its
 * tokens; the compiler reports those as unrecognized lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vendors/bird_int.h"

static bn *parse_stmt(bp *);
static bn *parse_unary(bp *);
static bn *parse_set(bp *);
static bn *parse_mask(bp *);

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
at_eof(bp *p)
{
	return cur(p)->t == BT_EOF;
}

bool
bp_peek_op(bp *p, int op)
{
	return bl_isop(cur(p), op);
}

bool
bp_peek(bp *p, const char *w)
{
	return bl_is(cur(p), w);
}

static bool
eat_op(bp *p, int op)
{
	if (!bp_peek_op(p, op))
		return false;
	adv(p);
	return true;
}

static bool
eat(bp *p, const char *w)
{
	if (!bp_peek(p, w))
		return false;
	adv(p);
	return true;
}

bn *
bp_node(bp *p, int kind, int t0)
{
	bn *n = mc_alloc(p->a, sizeof(*n));

	if (t0 < 0)
		t0 = 0;
	if (t0 >= p->nt)
		t0 = p->nt - 1;
	n->kind = (uint8_t)kind;
	n->t0 = n->t1 = t0;
	n->line = p->t[t0].line;
	return n;
}

static void
fin(bp *p, bn *n)
{
	n->t1 = p->i > n->t0 ? p->i - 1 : n->t0;
}

void
bp_kid(bp *p, bn *n, bn *k)
{
	if (n->nkids == 0 || (n->nkids >= 4 &&
	    (n->nkids & (n->nkids - 1)) == 0)) {
		int cap = n->nkids == 0 ? 4 : n->nkids * 2;
		bn **nk = mc_alloc(p->a, (size_t)cap * sizeof(*nk));

		if (n->nkids > 0)
			memcpy(nk, n->kids, (size_t)n->nkids * sizeof(*nk));
		n->kids = nk;
	}
	n->kids[n->nkids++] = k;
}

const char *
bp_text(bp *p, int t0, int t1, unsigned *len)
{
	const bl_tok *a, *b;

	if (t0 < 0)
		t0 = 0;
	if (t1 >= p->nt)
		t1 = p->nt - 1;
	if (t1 < t0)
		t1 = t0;
	a = &p->t[t0];
	b = &p->t[t1];
	/* Tokens of one file are in one buffer, in order. */
	while (b > a && (b->file != a->file || b->s < a->s))
		b--;
	*len = (unsigned)(b->s + b->len - a->s);
	if (b->t == BT_STRING && b->op == 1)
		*len += 1;	/* closing quote */
	if (a->t == BT_STRING) {
		*len += 1;	/* opening quote: always in the buffer */
		return a->s - 1;
	}
	return a->s;
}

/* Skip to the end of the current item: after ';' at depth 0, or after a
 * balanced { } block (and a ';' right after it).  Stops before an
 * unbalanced '}'. */
void
bp_skip_item(bp *p)
{
	int depth = 0;

	while (!at_eof(p)) {
		bl_tok *t = cur(p);

		if (t->t == BT_OP && (t->op == '{' || t->op == '(' ||
		    t->op == '[' || t->op == BO_PO))
			depth++;
		else if (t->t == BT_OP && (t->op == ')' || t->op == ']' ||
		    t->op == BO_PC)) {
			if (depth > 0)
				depth--;
		} else if (t->t == BT_OP && t->op == '}') {
			if (depth == 0)
				return;
			depth--;
			if (depth == 0) {
				adv(p);
				eat_op(p, ';');
				return;
			}
		} else if (t->t == BT_OP && t->op == ';' && depth == 0) {
			adv(p);
			return;
		}
		adv(p);
	}
}

/* Skip inside a statement to one of: the word `stop` at depth 0, ';' at
 * depth 0 (not consumed), '}' closing the enclosing block. */
static void
skip_to(bp *p, const char *stop)
{
	int depth = 0;

	while (!at_eof(p)) {
		bl_tok *t = cur(p);

		if (depth == 0 && stop != NULL && bl_is(t, stop))
			return;
		if (t->t == BT_OP) {
			if (t->op == '{' || t->op == '(' || t->op == '[' ||
			    t->op == BO_PO)
				depth++;
			else if (t->op == ')' || t->op == ']' ||
			    t->op == BO_PC || t->op == '}') {
				if (depth == 0)
					return;
				depth--;
			} else if (t->op == ';' && depth == 0)
				return;
		}
		adv(p);
	}
}

static uint64_t
tok_num(const bl_tok *t)
{
	char buf[32];
	size_t n = t->len < sizeof(buf) - 1 ? t->len : sizeof(buf) - 1;

	memcpy(buf, t->s, n);
	buf[n] = '\0';
	return strtoull(buf, NULL, 0);
}

/* ---- expressions ---------------------------------------------------- */

static bn *
bad(bp *p)
{
	p->failed = true;
	return NULL;
}

static bn *
parse_args(bp *p, bn *n)
{
	/* at '(' */
	adv(p);
	if (eat_op(p, ')'))
		return n;
	for (;;) {
		bn *e = bp_parse_expr(p);

		if (e == NULL)
			return NULL;
		bp_kid(p, n, e);
		if (eat_op(p, ','))
			continue;
		if (eat_op(p, ')'))
			return n;
		return bad(p);
	}
}

/* A component of a tuple or a set item: '*', expr, expr..expr. */
static bn *
parse_component(bp *p)
{
	int t0 = p->i;
	bn *lo, *r;

	if (bp_peek_op(p, '*') && (bl_isop(ahead(p, 1), ',') ||
	    bl_isop(ahead(p, 1), ')') || bl_isop(ahead(p, 1), ']'))) {
		adv(p);
		return bp_node(p, BN_WILD, t0);
	}
	if ((lo = bp_parse_expr(p)) == NULL)
		return NULL;
	if (!eat_op(p, BO_DDOT))
		return lo;
	r = bp_node(p, BN_RANGE, t0);
	bp_kid(p, r, lo);
	if ((lo = bp_parse_expr(p)) == NULL)
		return NULL;
	bp_kid(p, r, lo);
	fin(p, r);
	return r;
}

static bn *
parse_paren(bp *p)
{
	int t0 = p->i;
	bn *first, *tup;

	adv(p);
	/* Extended community kinds. */
	if ((bp_peek(p, "rt") || bp_peek(p, "ro") || bp_peek(p, "generic")) &&
	    bl_isop(ahead(p, 1), ',')) {
		first = bp_node(p, BN_ECKIND, p->i);
		first->s = cur(p)->s;
		first->len = cur(p)->len;
		first->num = bp_peek(p, "rt") ? 2 : bp_peek(p, "ro") ? 3 : 0;
		adv(p);
	} else if (bp_peek(p, "unknown") && ahead(p, 1)->t == BT_NUM) {
		first = bp_node(p, BN_ECKIND, p->i);
		first->s = "unknown";
		first->len = 7;
		adv(p);
		first->num = tok_num(cur(p));
		adv(p);
	} else if ((first = parse_component(p)) == NULL)
		return NULL;
	if (eat_op(p, ')')) {
		if (first->kind == BN_ECKIND || first->kind == BN_WILD ||
		    first->kind == BN_RANGE)
			return bad(p);
		return first;
	}
	tup = bp_node(p, BN_TUPLE, t0);
	bp_kid(p, tup, first);
	while (eat_op(p, ',')) {
		bn *e = parse_component(p);

		if (e == NULL)
			return NULL;
		bp_kid(p, tup, e);
		if (tup->nkids > 4)
			return bad(p);
	}
	if (!eat_op(p, ')'))
		return bad(p);
	fin(p, tup);
	return tup;
}

static bn *
parse_primary(bp *p)
{
	bl_tok *t = cur(p);
	int t0 = p->i;
	bn *n;

	switch (t->t) {
	case BT_NUM:
		n = bp_node(p, BN_NUM, t0);
		n->num = tok_num(t);
		adv(p);
		return n;
	case BT_IP4:
	case BT_IP6:
		if (bl_isop(ahead(p, 1), '/') && ahead(p, 2)->t == BT_NUM) {
			uint64_t len = tok_num(ahead(p, 2));
			char buf[80];
			size_t k = t->len < 60 ? t->len : 60;

			memcpy(buf, t->s, k);
			k += (size_t)snprintf(buf + k, sizeof(buf) - k, "/%u",
			    (unsigned)(len > 255 ? 255 : len));
			n = bp_node(p, BN_PREFIX, t0);
			if (!mc_prefix_parse(buf, k, &n->pfx))
				return bad(p);
			adv(p);
			adv(p);
			adv(p);
			n->op = BP_EXACT;
			fin(p, n);
			return n;
		}
		n = bp_node(p, BN_IP, t0);
		if (!mc_addr_parse(t->s, t->len, &n->pfx))
			return bad(p);
		adv(p);
		return n;
	case BT_STRING:
		n = bp_node(p, BN_STR, t0);
		n->s = t->s;
		n->len = t->len;
		adv(p);
		return n;
	case BT_EMPTY:
		n = bp_node(p, BN_EMPTY, t0);
		n->op = t->op;
		adv(p);
		return n;
	case BT_IDENT:
		if (bl_is(t, "true") || bl_is(t, "false")) {
			n = bp_node(p, BN_BOOL, t0);
			n->num = bl_is(t, "true");
			adv(p);
			return n;
		}
		if (bl_isop(ahead(p, 1), '(')) {
			n = bp_node(p, BN_CALL, t0);
			n->s = t->s;
			n->len = t->len;
			adv(p);
			if (parse_args(p, n) == NULL)
				return NULL;
			fin(p, n);
			return n;
		}
		n = bp_node(p, BN_SYM, t0);
		n->s = t->s;
		n->len = t->len;
		adv(p);
		return n;
	case BT_OP:
		if (t->op == '(')
			return parse_paren(p);
		if (t->op == '[')
			return parse_set(p);
		if (t->op == BO_PO)
			return parse_mask(p);
		return bad(p);
	default:
		return bad(p);
	}
}

static bn *
parse_postfix(bp *p)
{
	bn *n = parse_primary(p);

	while (n != NULL && bp_peek_op(p, '.') && ahead(p, 1)->t == BT_IDENT) {
		bn *m;
		int t0 = n->t0;

		adv(p);
		if (bl_isop(ahead(p, 1), '(')) {
			m = bp_node(p, BN_METHOD, t0);
			m->s = cur(p)->s;
			m->len = cur(p)->len;
			bp_kid(p, m, n);
			adv(p);
			if (parse_args(p, m) == NULL)
				return NULL;
		} else {
			m = bp_node(p, BN_DOT, t0);
			m->s = cur(p)->s;
			m->len = cur(p)->len;
			bp_kid(p, m, n);
			adv(p);
		}
		fin(p, m);
		n = m;
	}
	return n;
}

static bn *
parse_unary(bp *p)
{
	bn *n, *k;
	int t0 = p->i;

	if (++p->depth > BP_MAX_DEPTH) {
		p->depth--;
		return bad(p);
	}
	if (bp_peek_op(p, '!')) {
		adv(p);
		k = parse_unary(p);
		if (k == NULL) {
			p->depth--;
			return NULL;
		}
		n = bp_node(p, BN_NOT, t0);
		bp_kid(p, n, k);
		fin(p, n);
	} else
		n = parse_postfix(p);
	p->depth--;
	return n;
}

static bn *
binop(bp *p, int op, bn *l, bn *r)
{
	bn *n = bp_node(p, BN_BIN, l->t0);

	n->op = op;
	n->line = l->line;
	bp_kid(p, n, l);
	bp_kid(p, n, r);
	fin(p, n);
	return n;
}

static bn *
parse_mul(bp *p)
{
	bn *l = parse_unary(p);
	int chain = 0;

	while (l != NULL && cur(p)->t == BT_OP && (cur(p)->op == '*' ||
	    cur(p)->op == '/' || cur(p)->op == '%')) {
		int op = cur(p)->op;
		bn *r;

		if (++chain > BP_MAX_CHAIN)
			return bad(p);

		/* '*' before ',' or ')' is a wildcard, not a product */
		if (op == '*' && (bl_isop(ahead(p, 1), ',') ||
		    bl_isop(ahead(p, 1), ')') || bl_isop(ahead(p, 1), ']')))
			break;
		adv(p);
		if ((r = parse_unary(p)) == NULL)
			return NULL;
		l = binop(p, op, l, r);
	}
	return l;
}

static bool
prefix_suffix_ahead(bp *p)
{
	const bl_tok *n = ahead(p, 1);

	return bl_isop(n, ',') || bl_isop(n, ']') || bl_isop(n, ':') ||
	    bl_isop(n, BO_DDOT) || bl_isop(n, BO_PC);
}

static bn *
parse_add(bp *p)
{
	bn *l = parse_mul(p);
	int chain = 0;

	while (l != NULL && cur(p)->t == BT_OP && (cur(p)->op == '+' ||
	    cur(p)->op == '-')) {
		int op = cur(p)->op;
		bn *r;

		if (++chain > BP_MAX_CHAIN)
			return bad(p);

		/* 10.0.0.0/8+ and /8- are prefix patterns in sets */
		if (l->kind == BN_PREFIX && l->op == BP_EXACT &&
		    prefix_suffix_ahead(p))
			break;
		adv(p);
		if ((r = parse_mul(p)) == NULL)
			return NULL;
		l = binop(p, op, l, r);
	}
	return l;
}

static bool
is_cmp(const bl_tok *t)
{
	if (t->t != BT_OP)
		return false;
	switch (t->op) {
	case '=': case '<': case '>': case '~': case BO_NEQ: case BO_LEQ:
	case BO_GEQ: case BO_NMA:
		return true;
	}
	return false;
}

static bn *
parse_cmp(bp *p)
{
	bn *l = parse_add(p), *r;
	int op;

	if (l == NULL || !is_cmp(cur(p)))
		return l;
	op = cur(p)->op;
	adv(p);
	if ((r = parse_add(p)) == NULL)
		return NULL;
	return binop(p, op, l, r);
}

bn *
bp_parse_expr(bp *p)
{
	bn *l;
	int chain = 0;

	if (++p->depth > BP_MAX_DEPTH) {
		p->depth--;
		return bad(p);
	}
	l = parse_cmp(p);
	while (l != NULL && (bp_peek_op(p, BO_AND) || bp_peek_op(p, BO_OR))) {
		int op = cur(p)->op;
		bn *r;

		if (++chain > BP_MAX_CHAIN) {
			l = bad(p);
			break;
		}
		adv(p);
		if ((r = parse_cmp(p)) == NULL) {
			l = NULL;
			break;
		}
		l = binop(p, op, l, r);
	}
	p->depth--;
	return l;
}

/* A prefix pattern suffix after a prefix literal: + - {a,b}. */
static bn *
pattern_suffix(bp *p, bn *e)
{
	if (e == NULL || e->kind != BN_PREFIX)
		return e;
	if (bp_peek_op(p, '+')) {
		e->op = BP_PLUS;
		adv(p);
	} else if (bp_peek_op(p, '-')) {
		e->op = BP_MINUS;
		adv(p);
	} else if (bp_peek_op(p, '{') && ahead(p, 1)->t == BT_NUM &&
	    bl_isop(ahead(p, 2), ',') && ahead(p, 3)->t == BT_NUM &&
	    bl_isop(ahead(p, 4), '}')) {
		e->op = BP_RANGE;
		e->plo = (int)(tok_num(ahead(p, 1)) > 255 ? 255 :
		    tok_num(ahead(p, 1)));
		e->phi = (int)(tok_num(ahead(p, 3)) > 255 ? 255 :
		    tok_num(ahead(p, 3)));
		adv(p);
		adv(p);
		adv(p);
		adv(p);
		adv(p);
	}
	fin(p, e);
	return e;
}

static bn *
parse_set_item(bp *p)
{
	int t0 = p->i;
	bn *lo, *r;

	if ((lo = bp_parse_expr(p)) == NULL)
		return NULL;
	lo = pattern_suffix(p, lo);
	if (!eat_op(p, BO_DDOT))
		return lo;
	r = bp_node(p, BN_RANGE, t0);
	bp_kid(p, r, lo);
	if ((lo = bp_parse_expr(p)) == NULL)
		return NULL;
	bp_kid(p, r, lo);
	fin(p, r);
	return r;
}

static bn *
parse_set(bp *p)
{
	bn *s = bp_node(p, BN_SET, p->i);

	adv(p);		/* [ */
	if (eat_op(p, ']')) {
		fin(p, s);
		return s;
	}
	for (;;) {
		bn *e = parse_set_item(p);

		if (e == NULL)
			return NULL;
		bp_kid(p, s, e);
		if (eat_op(p, ','))
			continue;
		if (eat_op(p, ']'))
			break;
		return bad(p);
	}
	fin(p, s);
	return s;
}

static bn *
parse_mask(bp *p)
{
	bn *m = bp_node(p, BN_MASK, p->i);

	adv(p);		/* [= */
	while (!eat_op(p, BO_PC)) {
		int t0 = p->i;
		bn *it;

		if (at_eof(p))
			return bad(p);
		if (eat_op(p, '*'))
			it = bp_node(p, BN_MASK_STAR, t0);
		else if (eat_op(p, '?'))
			it = bp_node(p, BN_MASK_QUEST, t0);
		else if (cur(p)->t == BT_NUM) {
			it = bp_node(p, BN_NUM, t0);
			it->num = tok_num(cur(p));
			adv(p);
			if (eat_op(p, BO_DDOT)) {
				bn *r = bp_node(p, BN_RANGE, t0), *hi;

				if (cur(p)->t != BT_NUM)
					return bad(p);
				hi = bp_node(p, BN_NUM, p->i);
				hi->num = tok_num(cur(p));
				adv(p);
				bp_kid(p, r, it);
				bp_kid(p, r, hi);
				it = r;
			}
		} else if (bp_peek_op(p, '(')) {
			if ((it = parse_paren(p)) == NULL)
				return NULL;
		} else if (bp_peek_op(p, '[')) {
			if ((it = parse_set(p)) == NULL)
				return NULL;
		} else if (cur(p)->t == BT_IDENT) {
			it = bp_node(p, BN_SYM, t0);
			it->s = cur(p)->s;
			it->len = cur(p)->len;
			adv(p);
		} else
			return bad(p);
		fin(p, it);
		if (bp_peek_op(p, '+')) {
			bn *pl = bp_node(p, BN_MASK_PLUS, t0);

			adv(p);
			bp_kid(p, pl, it);
			fin(p, pl);
			it = pl;
		}
		bp_kid(p, m, it);
		if (m->nkids > 4096)
			return bad(p);
	}
	fin(p, m);
	return m;
}

/* ---- statements ----------------------------------------------------- */

static const char *types[] = { "int", "bool", "ip", "prefix", "pair", "quad",
	"ec", "lc", "string", "bgpmask", "bgppath", "clist", "eclist",
	"lclist", "rd", "bytestring", "enum", "route", NULL };

static bool
is_type(const bl_tok *t)
{
	int k;

	for (k = 0; types[k] != NULL; k++)
		if (bl_is(t, types[k]))
			return true;
	return false;
}

/* The statement that failed to parse: from t0 to its end. */
static bn *
unknown_stmt(bp *p, int t0)
{
	bn *n = bp_node(p, BN_UNKNOWN, t0);

	p->failed = false;
	skip_to(p, NULL);
	eat_op(p, ';');
	fin(p, n);
	if (p->i == t0)
		adv(p);		/* always make progress */
	return n;
}

static bool
end_simple(bp *p)
{
	if (eat_op(p, ';'))
		return true;
	return bp_peek_op(p, '}');	/* lenient: last statement of a block */
}

bn *
bp_parse_block(bp *p)
{
	bn *b = bp_node(p, BN_BLOCK, p->i);

	if (!eat_op(p, '{'))
		return bad(p);
	if (++p->depth > BP_MAX_DEPTH) {
		p->depth--;
		skip_to(p, NULL);
		eat_op(p, '}');
		bp_kid(p, b, bp_node(p, BN_UNKNOWN, b->t0));
		fin(p, b);
		return b;
	}
	while (!at_eof(p) && !bp_peek_op(p, '}'))
		bp_kid(p, b, parse_stmt(p));
	eat_op(p, '}');
	p->depth--;
	fin(p, b);
	return b;
}

static bn *
parse_if(bp *p)
{
	int t0 = p->i;
	bn *n = bp_node(p, BN_IF, t0), *c, *th, *el = NULL;

	adv(p);
	c = bp_parse_expr(p);
	if (c == NULL) {
		int c0 = t0 + 1;

		p->failed = false;
		skip_to(p, "then");
		c = bp_node(p, BN_BADEXPR, c0);
		fin(p, c);
	}
	if (!eat(p, "then"))
		return unknown_stmt(p, t0);
	th = parse_stmt(p);
	if (bp_peek_op(p, ';') && bl_is(ahead(p, 1), "else"))
		adv(p);
	if (eat(p, "else"))
		el = parse_stmt(p);
	bp_kid(p, n, c);
	bp_kid(p, n, th);
	bp_kid(p, n, el);
	fin(p, n);
	return n;
}

/* Case labels "a, b..c, d:"; restores the position when there are none. */
static bn *
try_labels(bp *p)
{
	int save = p->i;
	bn *s = bp_node(p, BN_SET, p->i);

	for (;;) {
		bn *e = parse_set_item(p);

		if (e == NULL)
			break;
		bp_kid(p, s, e);
		if (eat_op(p, ','))
			continue;
		if (eat_op(p, ':')) {
			fin(p, s);
			return s;
		}
		break;
	}
	p->failed = false;
	p->i = save;
	return NULL;
}

static bn *
parse_case(bp *p)
{
	int t0 = p->i;
	bn *n = bp_node(p, BN_CASE, t0), *e, *arm = NULL, *labels, *st;

	adv(p);
	e = bp_parse_expr(p);
	if (e == NULL || !bp_peek_op(p, '{'))
		return unknown_stmt(p, t0);
	bp_kid(p, n, e);
	adv(p);
	while (!at_eof(p) && !bp_peek_op(p, '}')) {
		if (bp_peek(p, "else") && bl_isop(ahead(p, 1), ':')) {
			arm = bp_node(p, BN_ARM, p->i);
			bp_kid(p, arm, NULL);
			bp_kid(p, arm, bp_node(p, BN_BLOCK, p->i));
			bp_kid(p, n, arm);
			adv(p);
			adv(p);
			continue;
		}
		if ((labels = try_labels(p)) != NULL) {
			arm = bp_node(p, BN_ARM, labels->t0);
			bp_kid(p, arm, labels);
			bp_kid(p, arm, bp_node(p, BN_BLOCK, p->i));
			bp_kid(p, n, arm);
			continue;
		}
		st = parse_stmt(p);
		if (arm == NULL) {
			/* statements before any label */
			st->kind = BN_UNKNOWN;
			bp_kid(p, n, st);
		} else
			bp_kid(p, arm->kids[1], st);
	}
	if (!eat_op(p, '}'))
		return unknown_stmt(p, t0);
	fin(p, n);
	return n;
}

static bn *
parse_exprs_to_semi(bp *p, bn *n)
{
	if (end_simple(p))
		return n;
	for (;;) {
		bn *e = bp_parse_expr(p);

		if (e == NULL)
			return NULL;
		bp_kid(p, n, e);
		if (eat_op(p, ','))
			continue;
		if (end_simple(p))
			return n;
		return bad(p);
	}
}

static bn *
parse_stmt_inner(bp *p)
{
	bl_tok *t = cur(p);
	int t0 = p->i;
	bn *n, *l, *r;

	if (bl_isop(t, ';')) {
		adv(p);
		return bp_node(p, BN_NOP, t0);
	}
	if (bl_isop(t, '{'))
		return bp_parse_block(p);
	if (t->t != BT_IDENT)
		goto lhs;
	if (bl_is(t, "if"))
		return parse_if(p);
	if (bl_is(t, "case"))
		return parse_case(p);
	if (bl_is(t, "accept") || bl_is(t, "reject")) {
		n = bp_node(p, bl_is(t, "accept") ? BN_ACCEPT : BN_REJECT, t0);
		adv(p);
		if (parse_exprs_to_semi(p, n) == NULL)
			return unknown_stmt(p, t0);
		fin(p, n);
		return n;
	}
	if (bl_is(t, "return")) {
		n = bp_node(p, BN_RETURN, t0);
		adv(p);
		if (end_simple(p)) {
			fin(p, n);
			return n;
		}
		if ((l = bp_parse_expr(p)) == NULL || !end_simple(p))
			return unknown_stmt(p, t0);
		bp_kid(p, n, l);
		fin(p, n);
		return n;
	}
	if (bl_is(t, "print") || bl_is(t, "printn")) {
		n = bp_node(p, BN_PRINT, t0);
		skip_to(p, NULL);
		eat_op(p, ';');
		fin(p, n);
		return n;
	}
	if (bl_is(t, "for")) {
		/* for [type] x in expr do stmt: not modelled */
		n = bp_node(p, BN_UNKNOWN, t0);
		skip_to(p, "do");
		if (eat(p, "do"))
			(void)parse_stmt(p);
		fin(p, n);
		return n;
	}
	if (is_type(t) && (ahead(p, 1)->t == BT_IDENT) &&
	    (!bl_is(ahead(p, 1), "set") || ahead(p, 2)->t == BT_IDENT)) {
		n = bp_node(p, BN_DECL, t0);
		adv(p);
		if (bp_peek(p, "set"))
			adv(p);
		n->s = cur(p)->s;
		n->len = cur(p)->len;
		adv(p);
		if (eat_op(p, '=')) {
			if ((l = bp_parse_expr(p)) == NULL)
				return unknown_stmt(p, t0);
			bp_kid(p, n, l);
		}
		if (!end_simple(p))
			return unknown_stmt(p, t0);
		fin(p, n);
		return n;
	}
lhs:
	l = parse_postfix(p);
	if (l == NULL)
		return unknown_stmt(p, t0);
	if (eat_op(p, '=')) {
		if ((r = bp_parse_expr(p)) == NULL || !end_simple(p))
			return unknown_stmt(p, t0);
		n = bp_node(p, BN_ASSIGN, t0);
		bp_kid(p, n, l);
		bp_kid(p, n, r);
		fin(p, n);
		return n;
	}
	if ((l->kind == BN_CALL || l->kind == BN_METHOD || (l->kind == BN_DOT &&
	    l->len == 5 && memcmp(l->s, "empty", 5) == 0)) && end_simple(p)) {
		n = bp_node(p, BN_EXPR, t0);
		bp_kid(p, n, l);
		fin(p, n);
		return n;
	}
	return unknown_stmt(p, t0);
}

static bn *
parse_stmt(bp *p)
{
	bn *n;
	int t0 = p->i;

	if (++p->depth > BP_MAX_DEPTH) {
		p->depth--;
		return unknown_stmt(p, t0);
	}
	p->failed = false;
	n = parse_stmt_inner(p);
	p->depth--;
	if (p->i == t0 && !at_eof(p))
		adv(p);
	return n;
}

/* ---- top level ------------------------------------------------------ */

bfunc *
bp_func(bp *p, const char *name, unsigned len)
{
	size_t k;

	for (k = 0; k < p->funcs.n; k++)
		if (strlen(p->funcs.v[k]->name) == len &&
		    memcmp(p->funcs.v[k]->name, name, len) == 0)
			return p->funcs.v[k];
	return NULL;
}

bconst *
bp_const(bp *p, const char *name, unsigned len)
{
	size_t k;

	for (k = p->consts.n; k > 0; k--)
		if (strlen(p->consts.v[k - 1]->name) == len &&
		    memcmp(p->consts.v[k - 1]->name, name, len) == 0)
			return p->consts.v[k - 1];
	return NULL;
}

bproto *
bp_proto(bp *p, const char *name)
{
	size_t k;

	if (name == NULL)
		return NULL;
	for (k = 0; k < p->protos.n; k++)
		if (strcmp(p->protos.v[k]->name, name) == 0)
			return p->protos.v[k];
	return NULL;
}

btable *
bp_table(bp *p, const char *name, unsigned len)
{
	size_t k;

	for (k = 0; k < p->tables.n; k++)
		if (strlen(p->tables.v[k].name) == len &&
		    memcmp(p->tables.v[k].name, name, len) == 0)
			return &p->tables.v[k];
	return NULL;
}

/* Names of parameters or local declarations: the identifier before each
 * ';' / ',' / ')' / '{'. */
static void
collect_names(bp *p, const char ***out, int *n, int stopop)
{
	MC_VEC(const char *) v = { 0 };

	while (!at_eof(p) && !bp_peek_op(p, stopop)) {
		if (cur(p)->t == BT_IDENT && (bl_isop(ahead(p, 1), ';') ||
		    bl_isop(ahead(p, 1), ',') || bl_isop(ahead(p, 1), stopop)) &&
		    !is_type(cur(p)) && !bl_is(cur(p), "set"))
			mc_vec_push(p->a, &v, bl_str(p->a, cur(p)));
		if (bp_peek_op(p, '}') || bp_peek(p, "function") ||
		    bp_peek(p, "filter") || bp_peek(p, "protocol"))
			break;
		adv(p);
	}
	*out = v.v;
	*n = (int)v.n;
}

static void
parse_function(bp *p, bool is_filter)
{
	int t0 = p->i;
	bfunc *f = mc_alloc(p->a, sizeof(*f));

	f->line = cur(p)->line;
	f->is_filter = is_filter;
	adv(p);
	if (cur(p)->t != BT_IDENT) {
		if (is_filter && bp_peek_op(p, '{'))
			f->name = "";	/* filter { } at top level: nonsense */
		else {
			bp_skip_item(p);
			return;
		}
	} else {
		f->name = bl_str(p->a, cur(p));
		adv(p);
	}
	if (!is_filter && bp_peek_op(p, '(')) {
		adv(p);
		collect_names(p, &f->params, &f->nparams, ')');
		eat_op(p, ')');
	}
	if (eat_op(p, BO_ARROW)) {
		p->v2++;
		adv(p);			/* type */
		if (bp_peek(p, "set"))
			adv(p);
	}
	collect_names(p, &f->locals, &f->nlocals, '{');
	if (!bp_peek_op(p, '{')) {
		p->i = t0;
		adv(p);
		bp_skip_item(p);
		return;
	}
	f->body = bp_parse_block(p);
	f->last_line = p->t[p->i > 0 ? p->i - 1 : 0].line;
	mc_vec_push(p->a, &p->funcs, f);
}

static void
parse_proto(bp *p, bool is_template)
{
	bproto *pr = mc_alloc(p->a, sizeof(*pr));
	MC_VEC(const char *) words = { 0 };
	int depth = 0;
	size_t k;

	pr->line = cur(p)->line;
	pr->is_template = is_template;
	adv(p);
	while (!at_eof(p) && !bp_peek_op(p, '{') && !bp_peek_op(p, ';')) {
		if (eat(p, "from")) {
			if (cur(p)->t == BT_IDENT)
				pr->from = bl_str(p->a, cur(p));
			adv(p);
			continue;
		}
		if (cur(p)->t == BT_IDENT)
			mc_vec_push(p->a, &words, bl_str(p->a, cur(p)));
		adv(p);
	}
	if (!bp_peek_op(p, '{')) {
		bp_skip_item(p);
		return;
	}
	pr->type = words.n > 0 ? words.v[0] : "unknown";
	for (k = 1; k < words.n; k++)
		if (strcmp(words.v[k], "v2") != 0 &&
		    strcmp(words.v[k], "v3") != 0)
			pr->name = words.v[k];
	adv(p);
	pr->b0 = p->i;
	while (!at_eof(p)) {
		if (bp_peek_op(p, '{'))
			depth++;
		else if (bp_peek_op(p, '}')) {
			if (depth == 0)
				break;
			depth--;
		}
		adv(p);
	}
	pr->b1 = p->i;
	pr->last_line = cur(p)->line;
	eat_op(p, '}');
	eat_op(p, ';');
	if (pr->name == NULL) {
		/* BIRD names unnamed instances <type><n> */
		int nth = 1;

		for (k = 0; k < p->protos.n; k++)
			if (strcmp(p->protos.v[k]->type, pr->type) == 0)
				nth++;
		pr->name = mc_printf(p->a, "%s%d", pr->type, nth);
	}
	mc_vec_push(p->a, &p->protos, pr);
}

static void
add_table(bp *p, const char *kind, int line)
{
	btable tb;

	if (cur(p)->t != BT_IDENT) {
		bp_skip_item(p);
		return;
	}
	tb.name = bl_str(p->a, cur(p));
	tb.kind = kind;
	tb.line = line;
	mc_vec_push(p->a, &p->tables, tb);
	if (strcmp(kind, "roa") == 0 || strcmp(kind, "roa4") == 0 ||
	    strcmp(kind, "roa6") == 0)
		p->dev->bgp.rpki_configured = true;
	bp_skip_item(p);
}

static void
parse_define(bp *p)
{
	bconst *c;

	adv(p);
	if (cur(p)->t != BT_IDENT || !bl_isop(ahead(p, 1), '=')) {
		bp_skip_item(p);
		return;
	}
	c = mc_alloc(p->a, sizeof(*c));
	c->name = bl_str(p->a, cur(p));
	c->line = cur(p)->line;
	adv(p);
	adv(p);
	p->failed = false;
	c->expr = bp_parse_expr(p);
	if (c->expr == NULL || !eat_op(p, ';')) {
		c->expr = NULL;
		p->failed = false;
		bp_skip_item(p);
	}
	mc_vec_push(p->a, &p->consts, c);
}

/* Includes that named no file.  A missing file is an unrecognized line
 * (CFG-UNPARSED, a warning with the include's line: the analysis may be
 * incomplete) and a note; a pattern matching nothing is only a note, as
 * BIRD includes nothing then. */
static void
missing_includes(bp *p)
{
	size_t k;
	int kept = 0;

	for (k = 0; k < p->lx.missing.n; k++) {
		const bl_missing *m = &p->lx.missing.v[k];
		const char *where = "", *text;

		if (strcmp(m->from, p->file) != 0)
			where = mc_printf(p->a, " (in %s line %d)", m->from,
			    m->fline);
		if (m->pattern) {
			if (p->dev->notes.n < 50)
				mc_vec_push(p->a, &p->dev->notes, mc_printf(p->a,
				    "line %d: include \"%s\"%s matched no "
				    "file: nothing included", m->line, m->path,
				    where));
			continue;
		}
		text = mc_printf(p->a, "include \"%s\"%s: file not found",
		    m->path, where);
		mc_dev_unparsed(p->dev, m->line, "include", text,
		    strlen(text));
		kept++;
		if (p->dev->notes.n < 50)
			mc_vec_push(p->a, &p->dev->notes, mc_printf(p->a,
			    "line %d: %s; what it defines is unknown and the "
			    "analysis may be incomplete", m->line, text));
	}
	/* only BL_MISSING_KEEP are kept: count the others */
	if (p->lx.nmissing > kept)
		p->dev->unrecognized += p->lx.nmissing - kept;
}

/* With an include missing, filters named by protocols but defined
 * nowhere in what was read may be defined there: say so beside the
 * undefined reference the checks then report. */
static void
undefined_filters(bp *p)
{
	MC_VEC(const char *) seen = { 0 };
	bfunc *f;
	size_t k;
	int i;

	if (p->lx.nmissing == 0)
		return;
	for (i = 1; i + 1 < p->nt && p->dev->notes.n < 50; i++) {
		const bl_tok *t = &p->t[i], *n = &p->t[i + 1];

		if (!bl_is(t, "filter") || n->t != BT_IDENT ||
		    !(bl_is(&p->t[i - 1], "import") ||
		    bl_is(&p->t[i - 1], "export")))
			continue;
		f = bp_func(p, n->s, n->len);
		if (f != NULL && f->is_filter)
			continue;
		for (k = 0; k < seen.n; k++)
			if (strlen(seen.v[k]) == n->len &&
			    memcmp(seen.v[k], n->s, n->len) == 0)
				break;
		if (k < seen.n)
			continue;
		mc_vec_push(p->a, &seen, bl_str(p->a, n));
		mc_vec_push(p->a, &p->dev->notes, mc_printf(p->a,
		    "line %d: filter %s is not defined in the files read; it "
		    "may be defined in a missing include (BIRD refuses a "
		    "configuration that names an undefined filter)", n->line,
		    bl_str(p->a, n)));
	}
}

void
bp_parse_top(bp *p)
{
	missing_includes(p);
	while (!at_eof(p)) {
		bl_tok *t = cur(p);
		int line = t->line;

		if (t->t != BT_IDENT) {
			bp_skip_item(p);
			if (bp_peek_op(p, '}'))
				adv(p);		/* stray closing brace */
			continue;
		}
		if (bl_is(t, "router") && bl_is(ahead(p, 1), "id")) {
			adv(p);
			adv(p);
			if (cur(p)->t == BT_IP4 || cur(p)->t == BT_NUM) {
				p->router_id = bl_str(p->a, cur(p));
				p->router_id_line = line;
			}
			bp_skip_item(p);
		} else if (bl_is(t, "hostname") && ahead(p, 1)->t == BT_STRING) {
			adv(p);
			p->hostname = bl_str(p->a, cur(p));
			bp_skip_item(p);
		} else if (bl_is(t, "define"))
			parse_define(p);
		else if (bl_is(t, "function"))
			parse_function(p, false);
		else if (bl_is(t, "filter"))
			parse_function(p, true);
		else if (bl_is(t, "protocol"))
			parse_proto(p, false);
		else if (bl_is(t, "template"))
			parse_proto(p, true);
		else if (bl_is(ahead(p, 1), "table") && (bl_is(t, "roa4") ||
		    bl_is(t, "roa6") || bl_is(t, "ipv4") || bl_is(t, "ipv6") ||
		    bl_is(t, "roa") || bl_is(t, "vpn4") || bl_is(t, "vpn6") ||
		    bl_is(t, "flow4") || bl_is(t, "flow6") ||
		    bl_is(t, "mpls") || bl_is(t, "aspa"))) {
			const char *kind = bl_str(p->a, t);

			if (strcmp(kind, "roa") == 0)
				p->v1++;
			else
				p->v2++;
			adv(p);
			adv(p);
			add_table(p, kind, line);
		} else if (bl_is(t, "table")) {
			p->v1++;
			adv(p);
			add_table(p, "table", line);
		} else
			bp_skip_item(p);
	}
	undefined_filters(p);
}
