/*
 * Indentation reader for the IOS family (IOS, IOS-XE, EOS, FRR, NX-OS,
 * IOS-XR): one pass over the buffer, one arena node per configuration line,
 * node text pointing into the input (lines the caller reads by themselves,
 * mc_indent_opts.light, may stay out of the tree).  A second, cheap pass
 * over the sibling lists drops exit markers and gathers the sub-commands
 * of flat (non-indented) sections.
 */
#include <stdbool.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#include "manrs/conf.h"

#define TABSTOP 8
#define BANNER_MAX_LINES 400	/* an unterminated banner is not a banner */

typedef struct rd {
	mc_arena *a;
	const char *p, *end;	/* next line */
	int line;		/* number of the line last read */
} rd;

enum { LN_NUL = 1, LN_MARK = 2 };	/* a NUL; a '!' or '#' */

/* One step's masks (newlines, NULs, '!' or '#'): whether the line ends in
 * it.  *f gathers what the line holds up to its end; *p moves to the
 * newline. */
static inline __attribute__((always_inline)) bool
step(unsigned mn, unsigned mz, unsigned mc, unsigned *f, const char **p)
{
	if (mn != 0) {
		unsigned before = (mn & -mn) - 1;

		*f |= (mz & before ? LN_NUL : 0) | (mc & before ? LN_MARK : 0);
		*p += __builtin_ctz(mn);
		return true;
	}
	*f |= (mz ? LN_NUL : 0) | (mc ? LN_MARK : 0);
	return false;
}

/* The rest of the line from p byte by byte (nothing when p is at its
 * newline), then the line's outputs. */
static inline __attribute__((always_inline)) int
line_end(rd *r, const char *p, unsigned f, const char **e, unsigned *fl)
{
	const char *end = r->end;

	for (; p < end && *p != '\n'; p++)
		if (*p == '\0')
			f |= LN_NUL;
		else if (*p == '!' || *p == '#')
			f |= LN_MARK;
	*e = p;
	r->p = p < end ? p + 1 : end;
	r->line++;
	*fl = f;
	return 1;
}

/* One physical line: [s, e) without the newline; *fl what it holds (the
 * reader asked memchr three more times per line before).  Sixteen bytes a
 * step. */
static int
next_line_fl(rd *r, const char **s, const char **e, unsigned *fl)
{
	const char *p = r->p, *end = r->end;
	unsigned f = 0;

	if (p >= end)
		return 0;
	*s = p;
#ifdef __SSE2__
	{
		const __m128i nl = _mm_set1_epi8('\n'), z = _mm_setzero_si128(),
		    ex = _mm_set1_epi8('!'), hs = _mm_set1_epi8('#');

		for (; end - p >= 16; p += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)p);

			if (step((unsigned)_mm_movemask_epi8(
			    _mm_cmpeq_epi8(v, nl)),
			    (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, z)),
			    (unsigned)_mm_movemask_epi8(_mm_or_si128(
			    _mm_cmpeq_epi8(v, ex), _mm_cmpeq_epi8(v, hs))),
			    &f, &p))
				break;
		}
	}
#endif
	return line_end(r, p, f, e, fl);
}

#if defined(__x86_64__) && defined(__GNUC__)
/* next_line_fl thirty-two bytes a step, where the CPU has AVX2 (the
 * reader asks once per file): most lines end within two steps. */
__attribute__((target("avx2"))) static int
next_line_fl_avx2(rd *r, const char **s, const char **e, unsigned *fl)
{
	const char *p = r->p, *end = r->end;
	const __m256i nl = _mm256_set1_epi8('\n'), z = _mm256_setzero_si256(),
	    ex = _mm256_set1_epi8('!'), hs = _mm256_set1_epi8('#');
	unsigned f = 0;

	if (p >= end)
		return 0;
	*s = p;
	for (; end - p >= 32; p += 32) {
		__m256i v = _mm256_loadu_si256((const __m256i *)p);

		if (step((unsigned)_mm256_movemask_epi8(
		    _mm256_cmpeq_epi8(v, nl)),
		    (unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, z)),
		    (unsigned)_mm256_movemask_epi8(_mm256_or_si256(
		    _mm256_cmpeq_epi8(v, ex), _mm256_cmpeq_epi8(v, hs))),
		    &f, &p))
			break;
	}
	return line_end(r, p, f, e, fl);
}
#endif

/* The line reader for this CPU. */
static int (*
line_reader(void))(rd *, const char **, const char **, unsigned *)
{
#if defined(__x86_64__) && defined(__GNUC__)
	if (mc_cpu_avx2())
		return next_line_fl_avx2;
#endif
	return next_line_fl;
}

static int
next_line(rd *r, const char **s, const char **e)
{
	unsigned fl;

	return next_line_fl(r, s, e, &fl);
}

static int
word_at(const char *s, const char *e, const char *w)
{
	size_t n = strlen(w);

	return (size_t)(e - s) >= n && memcmp(s, w, n) == 0 &&
	    ((size_t)(e - s) == n || s[n] == ' ' || s[n] == '\t');
}

static const char *
skip_blank(const char *s, const char *e)
{
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

static const char *
skip_word(const char *s, const char *e)
{
	while (s < e && *s != ' ' && *s != '\t')
		s++;
	return s;
}

static const char *
find(const char *s, const char *e, const char *pat, size_t n)
{
	if (n == 0 || (size_t)(e - s) < n)
		return NULL;
	return memmem(s, (size_t)(e - s), pat, n);
}

/* EOS banners and comment blocks: text lines up to "EOF" (reader left
 * unchanged when there is none). */
static void
skip_to_eof(rd *r)
{
	const char *save_p = r->p, *ls, *le;
	int save_line = r->line, n;

	for (n = 0; n < BANNER_MAX_LINES && next_line(r, &ls, &le); n++) {
		while (le > ls && (le[-1] == '\r' || le[-1] == ' ' ||
		    le[-1] == '\t'))
			le--;
		while (ls < le && (*ls == ' ' || *ls == '\t'))
			ls++;
		if (le - ls == 3 && memcmp(ls, "EOF", 3) == 0)
			return;
	}
	r->p = save_p;
	r->line = save_line;
}

/*
 * IOS "banner motd ^C ... ^C" (delimiter: "^C" written out, the 0x03 byte
 * or any character) and EOS "banner login" ... "EOF": the banner text is
 * not configuration.  Returns with the reader past the banner, or restores
 * it when no end is found.
 */
static void
skip_banner(rd *r, const char *s, const char *e)
{
	const char *save_p = r->p, *t, *ls, *le;
	char delim[2];
	size_t dn;
	int save_line = r->line, n;

	t = skip_blank(skip_word(s, e), e);	/* "banner" */
	t = skip_blank(skip_word(t, e), e);	/* motd, login, exec ... */
	if (t == e) {
		skip_to_eof(r);	/* EOS: text lines up to "EOF" */
		return;
	}
	if (e - t >= 2 && t[0] == '^' && t[1] == 'C') {
		delim[0] = '^';
		delim[1] = 'C';
		dn = 2;
	} else {
		delim[0] = *t;
		dn = 1;
	}
	if (find(t + dn, e, delim, dn) != NULL)
		return;		/* one-line banner */
	for (n = 0; n < BANNER_MAX_LINES && next_line(r, &ls, &le); n++)
		if (find(ls, le, delim, dn) != NULL)
			return;
	r->p = save_p;
	r->line = save_line;
}

/* "... ! manrs-check: ..." at the end of a line: position of the '!'. */
static const char *
trailing_waiver(const char *s, const char *e)
{
	const char *m = find(s, e, "manrs-check:", 12), *q;

	if (m == NULL)
		return NULL;
	for (q = m; q > s && (q[-1] == ' ' || q[-1] == '\t'); q--)
		;
	if (q == s || (q[-1] != '!' && q[-1] != '#'))
		return NULL;
	q--;
	if (q == s || (q[-1] != ' ' && q[-1] != '\t'))
		return NULL;
	return q;
}

static void
add_kid(mc_node *parent, mc_node *n)
{
	n->parent = parent;
	n->next = NULL;
	if (parent->last_kid != NULL)
		parent->last_kid->next = n;
	else
		parent->kid = n;
	parent->last_kid = n;
	parent->nkids++;
}

static void
note_comment(mc_comment_vec *v, mc_arena *a, const char *s, const char *e,
    int line, bool trailing, mc_node *node)
{
	mc_comment c;

	c.text = s;
	c.len = (unsigned)(e - s);
	c.line = line;
	c.trailing = trailing;
	c.node = node;
	mc_vec_push(a, v, c);
}

/* ---- second pass: exit markers and flat sections ----------------------- */

enum { EX_NONE, EX_EXIT, EX_END, EX_AF, EX_VRF, EX_TEMPLATE, EX_OTHER };

static int
exit_kind(const mc_node *n)
{
	const char *s = n->text;
	unsigned l = n->len;

	if (l < 3 || s[0] != 'e')
		return EX_NONE;
	if (l == 3 && memcmp(s, "end", 3) == 0)
		return EX_END;
	if (l == 4 && memcmp(s, "exit", 4) == 0)
		return EX_EXIT;
	if (l < 5 || memcmp(s, "exit-", 5) != 0 || memchr(s, ' ', l) != NULL)
		return EX_NONE;
	if (l == 19 && memcmp(s, "exit-address-family", 19) == 0)
		return EX_AF;
	if (l == 8 && memcmp(s, "exit-vrf", 8) == 0)
		return EX_VRF;
	if (l > 10 && memcmp(s, "exit-peer-", 10) == 0)
		return EX_TEMPLATE;
	return EX_OTHER;
}

static int
starts(const mc_node *n, const char *w)
{
	return word_at(n->text, n->text + n->len, w);
}

static int
closes(int kind, const mc_node *sec)
{
	switch (kind) {
	case EX_AF:
		return starts(sec, "address-family");
	case EX_VRF:
		return starts(sec, "vrf");
	case EX_TEMPLATE:
		return starts(sec, "template");
	default:
		return 1;
	}
}

static void
unlink_next(mc_node *parent, mc_node *prev, mc_node *n)
{
	if (prev != NULL)
		prev->next = n->next;
	else
		parent->kid = n->next;
	if (parent->last_kid == n)
		parent->last_kid = prev;
	parent->nkids--;
	n->next = NULL;
}

static void
fix_level(mc_node *parent, const mc_indent_opts *o, int depth)
{
	mc_node *stack[MC_CONF_MAX_DEPTH], *prev = NULL, *n, *next;
	int sp = 0, k, i;

	for (n = parent->kid; n != NULL; n = next) {
		next = n->next;
		if ((k = exit_kind(n)) != EX_NONE) {
			unlink_next(parent, prev, n);
			if (k == EX_END)
				sp = 0;
			else if (k == EX_EXIT || k == EX_OTHER) {
				if (sp > 0)
					sp--;
			} else {
				for (i = sp - 1; i >= 0 && !closes(k, stack[i]); i--)
					;
				if (i >= 0)
					sp = i;
			}
			continue;
		}
		if (o != NULL && o->flat_child != NULL && sp > 0) {
			for (i = sp - 1; i >= 0 && !o->flat_child(stack[i], n); i--)
				;
			sp = i + 1;
			if (i >= 0) {
				unlink_next(parent, prev, n);
				add_kid(stack[i], n);
				if (n->kid == NULL && sp < MC_CONF_MAX_DEPTH &&
				    o->flat_section != NULL && o->flat_section(n))
					stack[sp++] = n;
				continue;
			}
		}
		if (o != NULL && o->flat_section != NULL && n->kid == NULL &&
		    o->flat_section(n)) {
			sp = 0;
			stack[sp++] = n;
		} else
			sp = 0;
		prev = n;
	}
	if (depth >= MC_CONF_MAX_DEPTH)
		return;
	for (n = parent->kid; n != NULL; n = n->next)
		if (n->kid != NULL)
			fix_level(n, o, depth + 1);
}

/* ---- first pass ------------------------------------------------------- */

/* A line waiting to know whether light() may have it: the next line
 * tells whether it has children. */
typedef struct cand {
	const char *text;
	unsigned len;
	int line;
} cand;

/* Every field set here: one node per line, not worth zeroing. */
static mc_node *
node_new(mc_arena *a, const char *text, unsigned len, int line, int indent)
{
	mc_node *n = mc_alloc_nz(a, sizeof(*n));

	n->text = text;
	n->len = len;
	n->line = line;
	n->indent = indent;
	n->parent = n->kid = n->last_kid = n->next = NULL;
	n->nkids = 0;
	return n;
}

/* A line whose following lines are not configuration: a banner (at the
 * margin) or an EOS comment block. */
enum { BLK_NONE, BLK_BANNER, BLK_COMMENT };

static inline __attribute__((always_inline)) int
block_start(const char *t, const char *e, int indent)
{
	if (indent == 0 && *t == 'b' && word_at(t, e, "banner"))
		return BLK_BANNER;
	if (e - t == 7 && memcmp(t, "comment", 7) == 0)
		return BLK_COMMENT;
	return BLK_NONE;
}

/* A node for a line of the margin, added to the root. */
static mc_node *
root_node(mc_arena *a, mc_node *root, const cand *c)
{
	mc_node *n = node_new(a, c->text, c->len, c->line, 0);

	add_kid(root, n);
	return n;
}

mc_node *
mc_indent_parse_opts(mc_arena *a, const char *file, const char *buf,
    size_t len, const mc_indent_opts *o, mc_diag *diag)
{
	mc_node *root, *stack[MC_CONF_MAX_DEPTH + 1], *n, *last = NULL;
	mc_comment_vec *cv = o != NULL ? o->comments : NULL;
	size_t pending = 0, first = 0;	/* own-line comments waiting for their node */
	const char *s, *e, *t, *w;
	int depth = 0, indent;
	bool light = o != NULL && o->light != NULL, flat_seen = false;
	cand cd = { NULL, 0, 0 };	/* text NULL: none waiting */
	int (*next)(rd *, const char **, const char **, unsigned *) =
	    line_reader();
	unsigned fl;
	rd r;

	if (len > MC_CONF_MAX_BYTES) {
		mc_diag_error(diag, file, 0, "file too large (%zu bytes; the "
		    "limit is %u MiB)", len, MC_CONF_MAX_BYTES >> 20);
		return NULL;
	}
	r.a = a;
	r.p = buf;
	r.end = buf + len;
	r.line = 0;
	root = mc_alloc(a, sizeof(*root));
	root->indent = -1;
	stack[0] = root;
	while (next(&r, &s, &e, &fl)) {
		if (fl & LN_NUL) {
			mc_diag_error(diag, file, r.line, "binary content (NUL "
			    "byte): not a configuration file");
			return NULL;
		}
		while (e > s && (e[-1] == '\r' || e[-1] == ' ' ||
		    e[-1] == '\t' || e[-1] == '\f' || e[-1] == '\v'))
			e--;
		indent = 0;
		for (t = s; t < e && (*t == ' ' || *t == '\t'); t++)
			indent = *t == '\t' ? (indent / TABSTOP + 1) * TABSTOP :
			    indent + 1;
		if (t == e)
			continue;
		if (*t == '!' || *t == '#') {
			if (cv != NULL && find(t, e, "manrs-check:", 12) != NULL) {
				if (pending++ == 0)
					first = cv->n;
				note_comment(cv, a, t, e, r.line, false, NULL);
			}
			continue;
		}
		if (cd.text != NULL) {
			/* children, or not light()'s: a node after all */
			if (indent > 0 || !o->light(o->light_ctx, cd.text,
			    cd.len, cd.line)) {
				last = root_node(a, root, &cd);
				stack[depth = 1] = last;
			}
			cd.text = NULL;
		}
		if (light && indent == 0) {
			/* The last root line is complete: once a flat section
			 * may be open (fix_level), every line must be a node
			 * it could take in. */
			if (!flat_seen && last != NULL && last->kid == NULL &&
			    o->flat_section != NULL && o->flat_section(last))
				flat_seen = true;
			last = NULL;
			if (!flat_seen && pending == 0 && !(fl & LN_MARK) &&
			    block_start(t, e, 0) == BLK_NONE) {
				cd.text = t;
				cd.len = (unsigned)(e - t);
				cd.line = r.line;
				continue;
			}
		}
		n = node_new(a, t, 0, r.line, indent);
		if (cv != NULL && (fl & LN_MARK) &&
		    (w = trailing_waiver(t, e)) != NULL) {
			note_comment(cv, a, w, e, r.line, true, n);
			for (e = w; e > t && (e[-1] == ' ' || e[-1] == '\t'); e--)
				;
		}
		n->len = (unsigned)(e - t);
		for (; pending > 0; pending--)
			cv->v[first++].node = n;
		while (depth > 0 && stack[depth]->indent >= indent)
			depth--;
		if (depth == MC_CONF_MAX_DEPTH)
			depth--;	/* too deep: a sibling, never deeper */
		add_kid(stack[depth], n);
		stack[++depth] = n;
		if (indent == 0)
			last = n;
		switch (block_start(t, e, indent)) {
		case BLK_BANNER:
			skip_banner(&r, t, e);
			break;
		case BLK_COMMENT:
			skip_to_eof(&r);	/* EOS comment block */
			break;
		}
	}
	if (cd.text != NULL && !o->light(o->light_ctx, cd.text, cd.len,
	    cd.line))
		(void)root_node(a, root, &cd);
	root->line = r.line;
	fix_level(root, o, 0);
	return root;
}

mc_node *
mc_indent_parse(mc_arena *a, const char *file, const char *buf, size_t len,
    mc_diag *diag)
{
	return mc_indent_parse_opts(a, file, buf, len, NULL, diag);
}
