/*
 * BIRD tokenizer (see bird_lex.h).  Follows BIRD's cf-lex.l where it
 * matters: an IPv6 literal needs "::" or at least three colons, so case
 * labels like "64512:" stay numbers; `[=` and `=]` are path mask brackets;
 * +empty+ and friends are the empty list literals.  Bounded: include
 * nesting 8 (as BIRD), 256 included files, 64 MiB of included text.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf/bird_lex.h"
#include "manrs/conf.h"
#include "manrs/prefix.h"

#define INCLUDE_DEPTH	8
#define INCLUDE_FILES	256
#define INCLUDE_BYTES	(64u * 1024 * 1024)

typedef struct lexctx {
	mc_arena *a;
	mc_diag *d;
	const char *mainfile;
	int flags;
	bl_lex *out;
	size_t included;
} lexctx;

static void lex_buf(lexctx *, const char *, size_t, const char *, uint16_t,
    int, int);

bool
bl_is(const bl_tok *t, const char *w)
{
	size_t n = strlen(w);

	return t->t == BT_IDENT && t->len == n && memcmp(t->s, w, n) == 0;
}

bool
bl_isop(const bl_tok *t, int op)
{
	return t->t == BT_OP && t->op == op;
}

const char *
bl_str(mc_arena *a, const bl_tok *t)
{
	return mc_strndup(a, t->s, t->len);
}

static int
identc(int c)
{
	return isalnum((unsigned char)c) || c == '_';
}

static void
emit(lexctx *c, int t, int op, const char *s, size_t len, int fline,
    uint16_t file, int incline)
{
	bl_tok k;

	k.s = s;
	k.len = (unsigned)len;
	k.fline = fline;
	k.line = file == 0 ? fline : incline;
	k.file = file;
	k.t = (uint8_t)t;
	k.op = op;
	mc_vec_push(c->a, &c->out->toks, k);
}

/* An IPv6 literal at p, as BIRD's lexer: "::" or three colons or more.
 * Returns its length or 0. */
static size_t
ip6_at(const char *p, const char *end)
{
	const char *q = p;
	size_t n, colons = 0;
	bool dbl = false;
	mc_prefix tmp;

	while (q < end && (isxdigit((unsigned char)*q) || *q == ':')) {
		if (*q == ':') {
			colons++;
			if (q + 1 < end && q[1] == ':')
				dbl = true;
		}
		q++;
	}
	if (colons == 0)
		return 0;
	/* Embedded IPv4 tail (::ffff:1.2.3.4). */
	if (q < end && *q == '.' && q + 1 < end &&
	    isdigit((unsigned char)q[1]))
		while (q < end && (isdigit((unsigned char)*q) || *q == '.'))
			q++;
	if (!dbl && colons < 3)
		return 0;
	n = (size_t)(q - p);
	if (q < end && identc(*q))
		return 0;
	if (mc_addr_parse(p, n, &tmp) && tmp.af == MC_AF6)
		return n;
	/* A case label "2001:db8::1:" ends with the label's colon. */
	if (n > 2 && p[n - 1] == ':' && p[n - 2] != ':' &&
	    mc_addr_parse(p, n - 1, &tmp) && tmp.af == MC_AF6)
		return n - 1;
	return 0;
}

static size_t
ip4_at(const char *p, const char *end)
{
	const char *q = p;
	int dots = 0;
	mc_prefix tmp;

	while (q < end) {
		if (isdigit((unsigned char)*q))
			q++;
		else if (*q == '.' && dots < 3 && q + 1 < end &&
		    isdigit((unsigned char)q[1]) && q > p && q[-1] != '.') {
			dots++;
			q++;
		} else
			break;
	}
	if (dots != 3 || (q < end && identc(*q)))
		return 0;
	if (!mc_addr_parse(p, (size_t)(q - p), &tmp) || tmp.af != MC_AF4)
		return 0;
	return (size_t)(q - p);
}

/* +empty+ -empty- --empty-- ---empty--- */
static size_t
empty_at(const char *p, const char *end, int *kind)
{
	static const char *pats[] = { "+empty+", "-empty-", "--empty--",
	    "---empty---" };
	int i;

	for (i = 3; i >= 0; i--) {
		size_t n = strlen(pats[i]);

		if ((size_t)(end - p) >= n && memcmp(p, pats[i], n) == 0 &&
		    (p + n == end || !identc(p[n]))) {
			*kind = i + 1;
			return n;
		}
	}
	return 0;
}

static const struct { const char *s; int op; } ops2[] = {
	{ "!~", BO_NMA }, { "!=", BO_NEQ }, { "<=", BO_LEQ }, { ">=", BO_GEQ },
	{ "&&", BO_AND }, { "||", BO_OR }, { "..", BO_DDOT }, { "[=", BO_PO },
	{ "=]", BO_PC }, { "->", BO_ARROW },
};

static const char *
dir_of(mc_arena *a, const char *file)
{
	const char *sl = file ? strrchr(file, '/') : NULL;

	if (sl == NULL)
		return ".";
	if (sl == file)
		return "/";
	return mc_strndup(a, file, (size_t)(sl - file));
}

/* Read a regular file whole (never a FIFO or device: they could block or
 * never end).  Returns NULL with errno-style text in *why. */
static char *
read_regular(lexctx *c, const char *path, size_t *len, const char **why)
{
	struct stat st;
	char *buf;
	size_t got = 0;
	int fd;

	if (stat(path, &st) != 0) {
		*why = strerror(errno);
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		*why = "not a regular file";
		return NULL;
	}
	if ((size_t)st.st_size > INCLUDE_BYTES - c->included) {
		*why = "too much included text";
		return NULL;
	}
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		*why = strerror(errno);
		return NULL;
	}
	buf = mc_alloc(c->a, (size_t)st.st_size + 1);
	while (got < (size_t)st.st_size) {
		ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	c->included += got;
	*len = got;
	return buf;
}

static void
include_one(lexctx *c, const char *path, int depth, int incline,
    const char *from, int fromline)
{
	const char *why = NULL;
	size_t len = 0;
	char *buf;
	int bad = 0;
	uint16_t idx;

	if (c->out->files.n >= INCLUDE_FILES) {
		mc_diag_error(c->d, from, fromline,
		    "include \"%s\": more than %d included files", path,
		    INCLUDE_FILES);
		c->out->include_errors++;
		return;
	}
	buf = read_regular(c, path, &len, &why);
	if (buf == NULL) {
		mc_diag_error(c->d, from, fromline,
		    "include \"%s\": cannot read: %s", path, why);
		c->out->include_errors++;
		return;
	}
	if (!mc_is_text(buf, len, &bad)) {
		mc_diag_error(c->d, from, fromline,
		    "include \"%s\": not a text file (line %d)", path, bad);
		c->out->include_errors++;
		return;
	}
	idx = (uint16_t)c->out->files.n;
	mc_vec_push(c->a, &c->out->files, mc_strdup(c->a, path));
	lex_buf(c, buf, len, c->out->files.v[idx], idx, depth + 1, incline);
}

static void
do_include(lexctx *c, const char *name, size_t nlen, const char *curfile,
    int depth, int incline, int fline)
{
	const char *raw = mc_strndup(c->a, name, nlen);
	const char *path, *from;
	glob_t g;
	size_t i;

	from = curfile;
	if (c->flags & BL_NO_INCLUDE)
		return;
	if (depth >= INCLUDE_DEPTH) {
		mc_diag_error(c->d, from, fline,
		    "include \"%s\": nested deeper than %d", raw,
		    INCLUDE_DEPTH);
		c->out->include_errors++;
		return;
	}
	path = raw[0] == '/' ? raw :
	    mc_printf(c->a, "%s/%s", dir_of(c->a, curfile), raw);
	if (strpbrk(raw, "*?[") == NULL) {
		include_one(c, path, depth, incline, from, fline);
		return;
	}
	memset(&g, 0, sizeof(g));
	if (glob(path, GLOB_ERR, NULL, &g) != 0) {
		globfree(&g);
		return;		/* no match: BIRD includes nothing */
	}
	for (i = 0; i < g.gl_pathc; i++)
		include_one(c, mc_strdup(c->a, g.gl_pathv[i]), depth, incline,
		    from, fline);
	globfree(&g);
}

static void
lex_buf(lexctx *c, const char *buf, size_t len, const char *fname,
    uint16_t file, int depth, int incline)
{
	const char *p = buf, *end = buf + len;
	int fl = 1;

	while (p < end) {
		const char *s = p;
		size_t n;
		int kind, i;

		if (*p == '\n') {
			fl++;
			p++;
			continue;
		}
		if (isspace((unsigned char)*p)) {
			p++;
			continue;
		}
		if (*p == '#') {
			while (p < end && *p != '\n')
				p++;
			if (file == 0) {
				bl_comment cm = { s + 1, (unsigned)(p - s - 1),
				    fl };

				mc_vec_push(c->a, &c->out->comments, cm);
			}
			continue;
		}
		if (*p == '/' && p + 1 < end && p[1] == '*') {
			int l0 = fl;

			p += 2;
			while (p < end && !(*p == '*' && p + 1 < end &&
			    p[1] == '/')) {
				if (*p == '\n')
					fl++;
				p++;
			}
			if (file == 0) {
				bl_comment cm = { s + 2,
				    (unsigned)(p - s - 2), l0 };

				mc_vec_push(c->a, &c->out->comments, cm);
			}
			p = p < end ? p + 2 : end;
			continue;
		}
		if (*p == '"') {
			p++;
			while (p < end && *p != '"' && *p != '\n') {
				if (*p == '\\' && p + 1 < end && p[1] != '\n')
					p++;
				p++;
			}
			emit(c, BT_STRING, p < end && *p == '"', s + 1,
			    (size_t)(p - s - 1), fl, file, incline);
			if (p < end && *p == '"')
				p++;
			continue;
		}
		if (*p == '\'') {
			p++;
			while (p < end && *p != '\'' && *p != '\n')
				p++;
			emit(c, BT_IDENT, 0, s + 1, (size_t)(p - s - 1), fl,
			    file, incline);
			if (p < end && *p == '\'')
				p++;
			continue;
		}
		if ((isxdigit((unsigned char)*p) || *p == ':') &&
		    (n = ip6_at(p, end)) > 0) {
			emit(c, BT_IP6, 0, p, n, fl, file, incline);
			p += n;
			continue;
		}
		if (isdigit((unsigned char)*p)) {
			if ((n = ip4_at(p, end)) > 0) {
				emit(c, BT_IP4, 0, p, n, fl, file, incline);
				p += n;
				continue;
			}
			if (*p == '0' && p + 2 < end && (p[1] == 'x' ||
			    p[1] == 'X') && isxdigit((unsigned char)p[2])) {
				p += 2;
				while (p < end && isxdigit((unsigned char)*p))
					p++;
			} else
				while (p < end && isdigit((unsigned char)*p))
					p++;
			emit(c, BT_NUM, 0, s, (size_t)(p - s), fl, file,
			    incline);
			continue;
		}
		if (isalpha((unsigned char)*p) || *p == '_') {
			while (p < end && identc(*p))
				p++;
			if (p - s == 7 && memcmp(s, "include", 7) == 0) {
				const char *q = p, *ns, *ne;

				while (q < end && (*q == ' ' || *q == '\t'))
					q++;
				if (q < end && *q == '"') {
					ns = ++q;
					while (q < end && *q != '"' &&
					    *q != '\n')
						q++;
					ne = q;
					if (q < end && *q == '"')
						q++;
					while (q < end && (*q == ' ' ||
					    *q == '\t'))
						q++;
					if (q < end && *q == ';')
						q++;
					p = q;
					do_include(c, ns, (size_t)(ne - ns),
					    fname, depth, file == 0 ? fl :
					    incline, fl);
					continue;
				}
			}
			emit(c, BT_IDENT, 0, s, (size_t)(p - s), fl, file,
			    incline);
			continue;
		}
		if ((*p == '+' || *p == '-') && (n = empty_at(p, end,
		    &kind)) > 0) {
			emit(c, BT_EMPTY, kind, p, n, fl, file, incline);
			p += n;
			continue;
		}
		for (i = 0; i < (int)(sizeof(ops2) / sizeof(ops2[0])); i++)
			if (p + 1 < end && p[0] == ops2[i].s[0] &&
			    p[1] == ops2[i].s[1])
				break;
		if (i < (int)(sizeof(ops2) / sizeof(ops2[0]))) {
			emit(c, BT_OP, ops2[i].op, p, 2, fl, file, incline);
			p += 2;
			continue;
		}
		emit(c, BT_OP, (unsigned char)*p, p, 1, fl, file, incline);
		p++;
	}
	if (file == 0)
		c->out->lines = fl - (len > 0 && buf[len - 1] == '\n' ? 1 : 0);
}

int
bl_lex_run(mc_arena *a, const char *file, const char *buf, size_t len,
    int flags, bl_lex *out, mc_diag *d)
{
	lexctx c;
	int bad = 0;
	bl_tok eof;

	memset(out, 0, sizeof(*out));
	if (len > MC_CONF_MAX_BYTES) {
		mc_diag_error(d, file, 0, "file too large");
		return -1;
	}
	if (!mc_is_text(buf, len, &bad)) {
		mc_diag_error(d, file, bad, "not a text file");
		return -1;
	}
	memset(&c, 0, sizeof(c));
	c.a = a;
	c.d = d;
	c.mainfile = file;
	c.flags = flags;
	c.out = out;
	mc_vec_push(a, &out->files, mc_strdup(a, file ? file : "-"));
	lex_buf(&c, buf, len, out->files.v[0], 0, 0, 0);
	memset(&eof, 0, sizeof(eof));
	eof.t = BT_EOF;
	eof.s = buf + len;
	eof.line = out->lines > 0 ? out->lines : 1;
	eof.fline = eof.line;
	mc_vec_push(a, &out->toks, eof);
	return 0;
}
