/*
 * OpenBGPD tokenizer (see obgpd_lex.h).  Follows bgpd's parse.y lexer:
 * '#' comments, backslash-newline continuation, single or double quotes,
 * include "file", and $macro at the start of a token: the value is pushed
 * back into the input, so "$ASN:1:1" is one word and a macro may hold a
 * "{ list }"; values are not expanded again.  Bounded: include nesting 8,
 * 64 MiB of included text.
 */
#include <stdio.h>
#include <string.h>

#include "conf/obgpd_lex.h"
#include "manrs/conf.h"

/* Text means no NUL byte; *bad gets its line otherwise. */
static int
is_text(const char *b, size_t len, int *bad)
{
	const char *z = memchr(b, 0, len);
	const char *p;

	if (z == NULL)
		return 1;
	*bad = 1;
	for (p = b; p < z; p++)
		if (*p == '\n')
			(*bad)++;
	return 0;
}

#define INCLUDE_DEPTH	8
#define INCLUDE_BYTES	(64u * 1024 * 1024)
#define MAX_NOTES	50

typedef struct macro {
	const char *name;
	const char *value;
	unsigned nlen, vlen;
} macro;

typedef struct lexctx {
	mc_arena *a;
	const char *file;
	int flags;
	ob_lex *out;
	MC_VEC(macro) macros;
	int braces;		/* brace depth over the whole stream */
	size_t stmt;		/* index of the first token of the statement */
	size_t included;	/* bytes read from include files */
} lexctx;

static void
note(lexctx *c, const char *fmt, const char *arg, unsigned alen, int line)
{
	if (c->out->notes.n >= MAX_NOTES)
		return;
	mc_vec_push(c->a, &c->out->notes,
	    mc_printf(c->a, fmt, (int)alen, arg, line));
}

static void
emit(lexctx *c, int t, const char *s, unsigned len, int line)
{
	ob_tok k;

	if (t == OB_NL && (c->out->toks.n == 0 ||
	    c->out->toks.v[c->out->toks.n - 1].t == OB_NL))
		return;		/* empty lines carry nothing */
	k.s = s;
	k.len = len;
	k.line = line;
	k.t = t;
	mc_vec_push(c->a, &c->out->toks, k);
	if (t == OB_LBRACE)
		c->braces++;
	else if (t == OB_RBRACE && c->braces > 0)
		c->braces--;
}

static const macro *
find_macro(const lexctx *c, const char *name, unsigned len)
{
	size_t i;

	/* Last definition wins, as in bgpd. */
	for (i = c->macros.n; i-- > 0;)
		if (c->macros.v[i].nlen == len &&
		    memcmp(c->macros.v[i].name, name, len) == 0)
			return &c->macros.v[i];
	return NULL;
}

static void lex_buf(lexctx *, const char *, size_t, int, int);

/* Read an include file: relative names are taken from the directory of
 * the including file first, then as given. */
static char *
read_include(lexctx *c, const char *name, size_t *lenp)
{
	const char *slash = strrchr(c->file, '/');
	const char *try[2];
	FILE *f = NULL;
	char *buf = NULL;
	size_t cap = 0, n = 0, r;
	int i;

	try[0] = name;
	try[1] = NULL;
	if (name[0] != '/' && slash != NULL) {
		try[0] = mc_printf(c->a, "%.*s/%s", (int)(slash - c->file),
		    c->file, name);
		try[1] = name;
	}
	for (i = 0; i < 2 && f == NULL; i++)
		if (try[i] != NULL)
			f = fopen(try[i], "r");
	if (f == NULL)
		return NULL;
	for (;;) {
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 65536;
			char *nb;

			if (c->included + ncap > INCLUDE_BYTES)
				break;
			nb = mc_alloc(c->a, ncap);
			if (n)
				memcpy(nb, buf, n);
			buf = nb;
			cap = ncap;
		}
		r = fread(buf + n, 1, cap - n, f);
		if (r == 0)
			break;
		n += r;
	}
	fclose(f);
	c->included += n;
	*lenp = n;
	return buf ? buf : mc_strdup(c->a, "");
}

/* A statement ended at a newline at brace depth 0: macro definitions and
 * include lines are consumed here. */
static void
end_statement(lexctx *c, int depth, int line)
{
	ob_tok *t;
	size_t n;

	if (c->braces != 0 || c->stmt >= c->out->toks.n)
		return;
	t = c->out->toks.v + c->stmt;
	n = c->out->toks.n - c->stmt;
	if (n > 0 && t[n - 1].t == OB_NL)
		n--;		/* the newline that ended it */
	if (n == 3 && t[0].t == OB_WORD && t[1].t == OB_OP &&
	    t[1].len == 1 && t[1].s[0] == '=' &&
	    (t[2].t == OB_WORD || t[2].t == OB_STRING)) {
		macro m;

		m.name = t[0].s;
		m.nlen = t[0].len;
		m.value = t[2].s;
		m.vlen = t[2].len;
		mc_vec_push(c->a, &c->macros, m);
		c->out->toks.n = c->stmt;
		return;
	}
	if (n == 2 && ob_tok_is(&t[0], "include") &&
	    (t[1].t == OB_STRING || t[1].t == OB_WORD)) {
		const char *name = ob_tok_str(c->a, &t[1]);
		char *buf;
		size_t len = 0;
		int bad;

		c->out->toks.n = c->stmt;
		if (c->flags & OB_LEX_NO_INCLUDE) {
			note(c, "include %.*s (line %d): not read", name,
			    (unsigned)strlen(name), line);
			return;
		}
		if (depth >= INCLUDE_DEPTH || name[0] == '$') {
			note(c, "include %.*s (line %d): not read (undefined "
			    "macro or nested too deep)", name,
			    (unsigned)strlen(name), line);
			return;
		}
		buf = read_include(c, name, &len);
		if (buf == NULL) {
			ob_missing m = { name, line };

			/* A backup without its bgpq4 includes: say so where
			 * the report shows incomplete analysis (CFG-UNPARSED). */
			if (c->out->missing.n < MAX_NOTES)
				mc_vec_push(c->a, &c->out->missing, m);
			note(c, "include %.*s (line %d): cannot be read", name,
			    (unsigned)strlen(name), line);
			return;
		}
		if (!is_text(buf, len, &bad)) {
			note(c, "include %.*s (line %d): not a text file", name,
			    (unsigned)strlen(name), line);
			return;
		}
		note(c, "include %.*s: read, its objects are reported at "
		    "line %d", name, (unsigned)strlen(name), line);
		lex_buf(c, buf, len, line, depth + 1);
		c->stmt = c->out->toks.n;
	}
}

/* The input: a file buffer, with at most one macro value pushed back in
 * front of it (bgpd does not expand macros inside expansions). */
typedef struct reader {
	const char *b, *m;	/* file, macro value (NULL: none) */
	size_t len, i, mlen, mi;
	int line;
} reader;

static int
rd_peek(const reader *r, size_t k)
{
	if (r->m != NULL) {
		if (r->mi + k < r->mlen)
			return (unsigned char)r->m[r->mi + k];
		k -= r->mlen - r->mi;
	}
	if (r->i + k < r->len)
		return (unsigned char)r->b[r->i + k];
	return -1;
}

static bool
rd_in_macro(const reader *r)
{
	return r->m != NULL && r->mi < r->mlen;
}

static int
rd_get(reader *r)
{
	int c;

	if (r->m != NULL) {
		if (r->mi < r->mlen)
			return (unsigned char)r->m[r->mi++];
		r->m = NULL;
	}
	if (r->i >= r->len)
		return -1;
	c = (unsigned char)r->b[r->i++];
	if (c == '\n')
		r->line++;
	return c;
}

/* Backslash-newline: a blank, as in bgpd. */
static bool
continuation(const reader *r)
{
	return rd_peek(r, 0) == '\\' && (rd_peek(r, 1) == '\n' ||
	    (rd_peek(r, 1) == '\r' && rd_peek(r, 2) == '\n'));
}

static bool
word_char(const reader *r)
{
	int ch = rd_peek(r, 0);

	switch (ch) {
	case -1:
	case ' ': case '\t': case '\r': case '\n': case '\f': case '\v':
	case '{': case '}': case ',': case '#': case '"': case '\'':
	case '=': case '<': case '>':
		return false;
	case '!':
		return rd_peek(r, 1) != '=';
	case '\\':
		return !continuation(r);
	default:
		return true;
	}
}

/* Accumulates a token's text, which may span the macro and the file. */
typedef struct tbuf {
	char *v;
	size_t n, cap;
} tbuf;

static void
tb_put(mc_arena *a, tbuf *t, int ch)
{
	if (t->n + 1 >= t->cap) {
		size_t ncap = t->cap ? t->cap * 2 : 64;
		char *nv = mc_alloc(a, ncap);

		if (t->n)
			memcpy(nv, t->v, t->n);
		t->v = nv;
		t->cap = ncap;
	}
	t->v[t->n++] = (char)ch;
}

/*
 * Lex buf, appending to c->out.  fixed > 0 gives every token that line
 * (include files).
 */
static void
lex_buf(lexctx *c, const char *b, size_t len, int fixed, int depth)
{
	reader r;
	int online = 0;		/* tokens seen on the current line */

	memset(&r, 0, sizeof(r));
	r.b = b;
	r.len = len;
	r.line = 1;
#define LN (fixed > 0 ? fixed : r.line)
	for (;;) {
		int ch = rd_peek(&r, 0);
		int line = LN;

		if (ch < 0)
			break;
		if (continuation(&r)) {
			rd_get(&r);
			if (rd_get(&r) == '\r')
				rd_get(&r);
			continue;
		}
		if (ch == '\n') {
			emit(c, OB_NL, "\n", 1, line);
			end_statement(c, depth, line);
			c->stmt = c->out->toks.n;
			rd_get(&r);
			online = 0;
			continue;
		}
		if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\f' ||
		    ch == '\v') {
			rd_get(&r);
			continue;
		}
		if (ch == '#') {
			bool file = !rd_in_macro(&r);
			size_t s = r.i + 1;

			while ((ch = rd_peek(&r, 0)) >= 0 && ch != '\n' &&
			    (file || rd_in_macro(&r)))
				rd_get(&r);
			if (file && fixed == 0 && depth == 0) {
				ob_comment cm;

				cm.text = b + s;
				cm.len = (unsigned)(r.i - s);
				cm.line = line;
				cm.trailing = online > 0;
				mc_vec_push(c->a, &c->out->comments, cm);
			}
			continue;
		}
		online++;
		if (ch == '$' && !rd_in_macro(&r)) {
			size_t s = r.i + 1, e;
			const macro *m;

			rd_get(&r);
			while ((ch = rd_peek(&r, 0)) == '_' ||
			    (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
			    (ch >= 'A' && ch <= 'Z'))
				rd_get(&r);
			e = r.i;
			m = find_macro(c, b + s, (unsigned)(e - s));
			if (m != NULL && e > s) {
				r.m = m->value;
				r.mlen = m->vlen;
				r.mi = 0;
				continue;
			}
			note(c, "macro $%.*s is not defined (line %d)", b + s,
			    (unsigned)(e - s), line);
			emit(c, OB_WORD, b + s - 1, (unsigned)(e - s + 1), line);
			continue;
		}
		if (ch == '"' || ch == '\'') {
			int q = ch;
			tbuf t = {0};

			rd_get(&r);
			while ((ch = rd_get(&r)) >= 0 && ch != q) {
				if (ch == '\\') {
					int nx = rd_peek(&r, 0);

					if (nx == '\n') {
						rd_get(&r);
						continue;
					}
					if (nx == q || nx == ' ' || nx == '\t')
						ch = rd_get(&r);
				} else if (ch == '\n')
					ch = ' ';
				tb_put(c->a, &t, ch);
			}
			emit(c, OB_STRING, t.n ? t.v : "", (unsigned)t.n, line);
			continue;
		}
		if (ch == '{' || ch == '}' || ch == ',') {
			rd_get(&r);
			emit(c, ch == '{' ? OB_LBRACE : ch == '}' ? OB_RBRACE :
			    OB_COMMA, ch == '{' ? "{" : ch == '}' ? "}" : ",", 1,
			    line);
			continue;
		}
		if (ch == '=' || ch == '<' || ch == '>' ||
		    (ch == '!' && rd_peek(&r, 1) == '=')) {
			int nx = rd_peek(&r, 1);
			const char *op;

			rd_get(&r);
			if (ch == '=')
				op = "=";
			else if (ch == '!')
				op = "!=";
			else if (nx == '=')
				op = ch == '<' ? "<=" : ">=";
			else if (ch == '>' && nx == '<')
				op = "><";
			else
				op = ch == '<' ? "<" : ">";
			if (op[1] != '\0')
				rd_get(&r);
			emit(c, OB_OP, op, (unsigned)strlen(op), line);
			continue;
		}
		{
			tbuf t = {0};

			while (word_char(&r))
				tb_put(c->a, &t, rd_get(&r));
			if (t.n == 0)	/* a lone '\' */
				rd_get(&r);
			else
				emit(c, OB_WORD, t.v, (unsigned)t.n, line);
		}
	}
	emit(c, OB_NL, "\n", 1, LN);
	end_statement(c, depth, LN);
	c->stmt = c->out->toks.n;
	if (fixed == 0 && depth == 0)
		c->out->lines = r.line - (len > 0 && b[len - 1] == '\n');
#undef LN
}

int
ob_lex_run(mc_arena *a, const char *file, const char *buf, size_t len,
    int flags, ob_lex *out, mc_diag *d)
{
	lexctx c;
	int bad = 0;
	ob_tok eof;

	memset(out, 0, sizeof(*out));
	if (len > MC_CONF_MAX_BYTES) {
		mc_diag_error(d, file, 0, "file too large (%zu bytes)", len);
		return -1;
	}
	if (!is_text(buf, len, &bad)) {
		mc_diag_error(d, file, bad, "not a text file");
		return -1;
	}
	memset(&c, 0, sizeof(c));
	c.a = a;
	c.file = file ? file : "";
	c.flags = flags;
	c.out = out;
	lex_buf(&c, buf, len, 0, 0);
	if (out->toks.n == 0 || out->toks.v[out->toks.n - 1].t != OB_NL) {
		eof.s = "\n";
		eof.len = 1;
		eof.line = out->lines;
		eof.t = OB_NL;
		mc_vec_push(a, &out->toks, eof);
	}
	eof.s = "";
	eof.len = 0;
	eof.line = out->lines;
	eof.t = OB_EOF;
	mc_vec_push(a, &out->toks, eof);
	return 0;
}

bool
ob_tok_is(const ob_tok *t, const char *word)
{
	size_t n = strlen(word);

	return (t->t == OB_WORD || t->t == OB_STRING) && t->len == n &&
	    memcmp(t->s, word, n) == 0;
}

const char *
ob_tok_str(mc_arena *a, const ob_tok *t)
{
	return mc_strndup(a, t->s, t->len);
}
