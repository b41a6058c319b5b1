/*
 * BIRD tokenizer (see bird_lex.h).  Follows BIRD's cf-lex.l where it
 * matters: an IPv6 literal needs "::" or at least three colons, so case
 * labels like "64512:" stay numbers; `[=` and `=]` are path mask brackets;
 * +empty+ and friends are the empty list literals.  Bounded: 8 files
 * open at once (the main file and 7 nested includes, as BIRD), 256
 * included files, 4096 include attempts, 64 MiB of included text; a file
 * that includes itself (directly or not) is an error, not a loop.
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

#define INCLUDE_DEPTH	8	/* files open at once, the main file counted */
#define INCLUDE_FILES	256
#define INCLUDE_TRIES	4096	/* include statements and pattern matches */
#define INCLUDE_BYTES	(64u * 1024 * 1024)

/* A file being read, for include cycles. */
typedef struct openfile {
	bool valid;
	dev_t dev;
	ino_t ino;
	const char *name;
} openfile;

typedef struct lexctx {
	mc_arena *a;
	mc_diag *d;
	const char *mainfile;
	int flags;
	bl_lex *out;
	size_t included;
	int tried;
	bool full;			/* a bound was reached: no more includes */
	openfile open[INCLUDE_DEPTH];	/* [depth - 1]: the main file first */
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

/* Is `st` a file being read (an include cycle)?  Returns its name. */
static const char *
open_already(const lexctx *c, const struct stat *st, int depth)
{
	int k;

	for (k = 0; k < depth && k < INCLUDE_DEPTH; k++)
		if (c->open[k].valid && c->open[k].dev == st->st_dev &&
		    c->open[k].ino == st->st_ino)
			return c->open[k].name;
	return NULL;
}

static void
note_missing(lexctx *c, const char *path, const char *from, int incline,
    int fline, bool pattern)
{
	bl_missing m;

	if (pattern)
		c->out->nnomatch++;
	else
		c->out->nmissing++;
	if (c->out->missing.n >= BL_MISSING_KEEP)
		return;
	m.path = path;
	m.from = from;
	m.line = incline;
	m.fline = fline;
	m.pattern = pattern;
	mc_vec_push(c->a, &c->out->missing, m);
}

static void
inc_error(lexctx *c, const char *from, int fline, const char *path,
    const char *why)
{
	mc_diag_error(c->d, from, fline, "include \"%s\": %s", path, why);
	c->out->include_errors++;
}

/* Read one file named by an include (depth: of the including file).  A
 * regular text file only: never a FIFO or device, which could block or
 * never end.  Returns false when no further file may be read. */
static bool
include_one(lexctx *c, const char *path, int depth, int incline,
    const char *from, int fline, bool matched)
{
	struct stat st;
	const char *cyc;
	size_t got = 0;
	char *buf;
	int fd, bad = 0;
	uint16_t idx;

	if (c->out->files.n >= INCLUDE_FILES) {
		inc_error(c, from, fline, path, mc_printf(c->a,
		    "more than %d included files: the rest are ignored",
		    INCLUDE_FILES));
		c->full = true;
		return false;
	}
	if (stat(path, &st) != 0) {
		if (!matched && (errno == ENOENT || errno == ENOTDIR))
			note_missing(c, path, from, incline, fline, false);
		else
			inc_error(c, from, fline, path, mc_printf(c->a,
			    "cannot read: %s", strerror(errno)));
		return true;
	}
	if (matched && S_ISDIR(st.st_mode))
		return true;		/* BIRD skips directories a pattern matches */
	if (!S_ISREG(st.st_mode)) {
		inc_error(c, from, fline, path, "not a regular file");
		return true;
	}
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		inc_error(c, from, fline, path, mc_printf(c->a,
		    "cannot read: %s", strerror(errno)));
		return true;
	}
	/* the file opened is the one checked */
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		inc_error(c, from, fline, path, "not a regular file");
		return true;
	}
	if ((cyc = open_already(c, &st, depth)) != NULL) {
		close(fd);
		inc_error(c, from, fline, path, mc_printf(c->a,
		    "include cycle: %s is already being read", cyc));
		return true;
	}
	if ((size_t)st.st_size > INCLUDE_BYTES - c->included) {
		close(fd);
		inc_error(c, from, fline, path, mc_printf(c->a,
		    "more than %u MiB of included text: the rest are ignored",
		    INCLUDE_BYTES / (1024 * 1024)));
		c->full = true;
		return false;
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
	if (!mc_is_text(buf, got, &bad)) {
		inc_error(c, from, fline, path, mc_printf(c->a,
		    "not a text file (line %d)", bad));
		return true;
	}
	idx = (uint16_t)c->out->files.n;
	mc_vec_push(c->a, &c->out->files, mc_strdup(c->a, path));
	c->open[depth].valid = true;
	c->open[depth].dev = st.st_dev;
	c->open[depth].ino = st.st_ino;
	c->open[depth].name = c->out->files.v[idx];
	lex_buf(c, buf, got, c->out->files.v[idx], idx, depth + 1, incline);
	c->open[depth].valid = false;
	return true;
}

/* One more include statement or pattern match; false past the bound. */
static bool
may_try(lexctx *c, const char *from, int fline)
{
	if (c->full)
		return false;
	if (++c->tried <= INCLUDE_TRIES)
		return true;
	mc_diag_error(c->d, from, fline, "more than %d includes: the rest "
	    "are ignored", INCLUDE_TRIES);
	c->out->include_errors++;
	c->full = true;
	return false;
}

/* Does the directory part of a pattern (before its first wildcard)
 * exist?  glob(GLOB_ERR) fails when it does not. */
static bool
pattern_dir_exists(lexctx *c, const char *path)
{
	const char *w = strpbrk(path, "*?["), *sl;
	struct stat st;

	for (sl = w; sl > path && sl[-1] != '/'; sl--)
		;
	if (sl <= path)
		return true;		/* the current directory */
	if (stat(mc_strndup(c->a, path, (size_t)(sl - path)), &st) != 0)
		return !(errno == ENOENT || errno == ENOTDIR);
	return true;
}

/* include "name"; as BIRD's cf_include(): relative to the including
 * file's directory; shell wildcards (no ~, braces or other expansion)
 * in alphabetic order; a pattern matching nothing includes nothing. */
static void
do_include(lexctx *c, const char *name, size_t nlen, const char *curfile,
    int depth, int incline, int fline)
{
	const char *raw, *path;
	glob_t g;
	size_t i;
	int rv;

	if (c->flags & BL_NO_INCLUDE)
		return;			/* fuzzing: never open a file */
	raw = mc_strndup(c->a, name, nlen);
	if (nlen == 0) {
		inc_error(c, curfile, fline, raw, "empty file name");
		return;
	}
	if (!may_try(c, curfile, fline))
		return;
	if (depth >= INCLUDE_DEPTH) {
		inc_error(c, curfile, fline, raw, mc_printf(c->a,
		    "nested deeper than %d files (BIRD's limit)",
		    INCLUDE_DEPTH));
		return;
	}
	path = raw[0] == '/' ? raw :
	    mc_printf(c->a, "%s/%s", dir_of(c->a, curfile), raw);
	if (strpbrk(raw, "*?[") == NULL) {
		include_one(c, path, depth, incline, curfile, fline, false);
		return;
	}
	memset(&g, 0, sizeof(g));
	rv = glob(path, GLOB_ERR | GLOB_NOESCAPE, NULL, &g);
	if (rv == GLOB_NOMATCH || (rv == 0 && g.gl_pathc == 0))
		note_missing(c, path, curfile, incline, fline, true);
	else if (rv == GLOB_ABORTED && !pattern_dir_exists(c, path))
		note_missing(c, path, curfile, incline, fline, false);
	else if (rv != 0)
		inc_error(c, curfile, fline, path, "cannot expand the pattern "
		    "(a directory cannot be read)");
	else
		for (i = 0; i < g.gl_pathc; i++)
			if (!may_try(c, curfile, fline) ||
			    !include_one(c, mc_strdup(c->a, g.gl_pathv[i]),
			    depth, incline, curfile, fline, true))
				break;
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
	struct stat st;
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
	if (!(flags & BL_NO_INCLUDE) && file != NULL && stat(file, &st) == 0 &&
	    S_ISREG(st.st_mode)) {
		c.open[0].valid = true;
		c.open[0].dev = st.st_dev;
		c.open[0].ino = st.st_ino;
		c.open[0].name = out->files.v[0];
	}
	lex_buf(&c, buf, len, out->files.v[0], 0, 1, 0);
	memset(&eof, 0, sizeof(eof));
	eof.t = BT_EOF;
	eof.s = buf + len;
	eof.line = out->lines > 0 ? out->lines : 1;
	eof.fline = eof.line;
	mc_vec_push(a, &out->toks, eof);
	return 0;
}
