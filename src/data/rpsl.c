/*
 * RPSL dumps (RFC 2622, RFC 4012) as the IRRs publish them, plain or
 * gzip.  A dump is streamed in chunks and reduced on the fly to what the
 * rules need: route/route6 prefix and origin, as-set and route-set
 * members, aut-num contact presence, person/role handles.  The text itself
 * is never kept, so memory follows the number of objects, not the size of
 * the file.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <zlib.h>

#include "manrs/arena.h"
#include "manrs/irr.h"

#define CHUNK ((size_t)1 << 20)

typedef struct member {
	uint32_t lo, hi;	/* ASN range when name is NULL */
	const char *name;	/* a set, upper case */
} member;

typedef struct aset {
	const char *name;	/* upper case */
	size_t m0, nm;		/* slice of irr->mem (route-sets: irr->rmem) */
	bool rset;		/* a route-set ("RS-" names never clash) */
} aset;

/* A route-set member: a prefix range (name NULL), or a route-set, as-set
 * or ASN with a range operator applied to what it expands to. */
enum { OP_NONE, OP_PLUS, OP_MINUS, OP_RANGE };
typedef struct rmember {
	const char *name;	/* upper case, or NULL */
	mc_prefix p;
	uint8_t lo, hi;		/* prefix members: the range */
	uint8_t op, n, m;	/* named members: the operator */
} rmember;

typedef struct autnum {
	uint32_t asn;
	unsigned flags;
	size_t seq;		/* load order: the first source wins */
} autnum;

struct mc_irr {
	mc_arena *arena;	/* names */
	mc_irr_route *r;
	size_t nr, capr;
	member *mem;
	size_t nmem, capmem;
	rmember *rmem;
	size_t nrmem, caprmem;
	aset *sets;		/* as-sets and route-sets */
	size_t nsets, capsets;
	size_t nrsets;		/* of which route-sets */
	size_t *hash;		/* set index + 1, 0 empty; open addressing */
	size_t hcap;
	autnum *an;
	size_t nan, capan;
	const char **nic;
	size_t nnic, capnic;
	bool finished;
	bool lenient;		/* skip bad objects instead of failing */
	size_t nskipped;
	const char *first_skip;	/* "file:line: message" of the first */
};

static void *
xgrow(void *v, size_t *cap, size_t need, size_t el)
{
	size_t ncap;

	if (need <= *cap)
		return v;
	ncap = *cap ? *cap * 2 : 256;
	while (ncap < need)
		ncap *= 2;
	if ((v = realloc(v, ncap * el)) == NULL) {
		fputs("manrs-check: out of memory\n", stderr);
		abort();
	}
	*cap = ncap;
	return v;
}

mc_irr *
mc_irr_new(void)
{
	mc_irr *s = calloc(1, sizeof(*s));

	if (s == NULL) {
		fputs("manrs-check: out of memory\n", stderr);
		abort();
	}
	s->arena = mc_arena_new();
	return s;
}

void
mc_irr_free(mc_irr *s)
{
	if (s == NULL)
		return;
	mc_arena_free(s->arena);
	free(s->r);
	free(s->mem);
	free(s->rmem);
	free(s->sets);
	free(s->hash);
	free(s->an);
	free(s->nic);
	free(s);
}

/* --- names ---------------------------------------------------------- */

static size_t
hash_name(const char *s)
{
	size_t h = 5381;

	for (; *s != '\0'; s++)
		h = h * 33 + (unsigned char)*s;
	return h;
}

static size_t
set_find(const mc_irr *s, const char *name)
{
	size_t i;

	if (s->hcap == 0)
		return (size_t)-1;
	for (i = hash_name(name) & (s->hcap - 1); s->hash[i] != 0;
	    i = (i + 1) & (s->hcap - 1))
		if (strcmp(s->sets[s->hash[i] - 1].name, name) == 0)
			return s->hash[i] - 1;
	return (size_t)-1;
}

static void
hash_put(mc_irr *s, size_t idx)
{
	size_t i;

	for (i = hash_name(s->sets[idx].name) & (s->hcap - 1); s->hash[i] != 0;
	    i = (i + 1) & (s->hcap - 1))
		;
	s->hash[i] = idx + 1;
}

/* Rebuilds the table (with every set) when it is half full; false when
 * it did not, and the newest set still has to be put. */
static bool
hash_grow(mc_irr *s)
{
	size_t i;

	if (s->nsets * 2 < s->hcap)
		return false;
	free(s->hash);
	s->hcap = s->hcap ? s->hcap * 2 : 1024;
	if ((s->hash = calloc(s->hcap, sizeof(*s->hash))) == NULL) {
		fputs("manrs-check: out of memory\n", stderr);
		abort();
	}
	for (i = 0; i < s->nsets; i++)
		hash_put(s, i);
	return true;
}

bool
mc_asn_parse(const char *p, size_t n, uint32_t *out)
{
	uint64_t v = 0, hi = 0;
	bool dot = false;
	size_t i;

	if (n < 3 || (p[0] != 'A' && p[0] != 'a') || (p[1] != 'S' && p[1] != 's'))
		return false;
	for (i = 2; i < n; i++) {
		if (p[i] == '.' && !dot && i > 2 && i + 1 < n) {
			/* asdot: 1.10 is 65546 */
			if (v > 65535)
				return false;
			hi = v;
			v = 0;
			dot = true;
			continue;
		}
		if (!isdigit((unsigned char)p[i]))
			return false;
		v = v * 10 + (uint64_t)(p[i] - '0');
		if (v > UINT32_MAX)
			return false;
	}
	if (dot) {
		if (v > 65535)
			return false;
		v = hi * 65536 + v;
	}
	*out = (uint32_t)v;
	return true;
}

/* as-set names: components separated by ':', each an ASN or AS-..., at
 * least one AS-... (RFC 2622 section 5.1); route-set names likewise with
 * RS-... (section 5.2). */
static bool
name_ok(const char *p, size_t n, const char *pfx)
{
	size_t i = 0, j;
	bool named = false;
	uint32_t asn;

	if (n == 0 || n > 255)
		return false;
	while (i <= n) {
		for (j = i; j < n && p[j] != ':'; j++)
			;
		if (j - i >= 4 && strncasecmp(p + i, pfx, 3) == 0) {
			size_t k;

			for (k = i + 3; k < j; k++)
				if (!isalnum((unsigned char)p[k]) && p[k] != '-' &&
				    p[k] != '_')
					return false;
			named = true;
		} else if (!mc_asn_parse(p + i, j - i, &asn))
			return false;
		i = j + 1;
	}
	return named;
}

static bool
set_name_ok(const char *p, size_t n)
{
	return name_ok(p, n, "AS-");
}

static bool
rset_name_ok(const char *p, size_t n)
{
	return name_ok(p, n, "RS-");
}

static const char *
upper_dup(mc_arena *a, const char *p, size_t n)
{
	char *s = mc_strndup(a, p, n);
	size_t i;

	for (i = 0; i < n; i++)
		s[i] = (char)toupper((unsigned char)s[i]);
	return s;
}

/* --- the streaming parser ------------------------------------------- */

enum cls { C_NONE, C_OTHER, C_ROUTE, C_ROUTE6, C_ASSET, C_RSET, C_AUTNUM,
	C_MNTNER, C_PERSON, C_ROLE };
enum attr { A_NONE, A_KEY, A_ORIGIN, A_MEMBERS, A_ADMINC, A_TECHC, A_ABUSEC,
	A_NICHDL, A_RMEMBERS };

typedef struct ld {
	mc_irr *s;
	mc_diag *d;
	const char *file;
	int line;
	/* the object being read */
	enum cls cls;
	enum attr attr;
	int objline;
	bool have_key, have_origin, dash;
	mc_prefix p;
	uint32_t origin, asn;
	unsigned flags;
	size_t set;		/* as-set index, or -1 for a duplicate */
	size_t m0;
	const char *nic;
	bool failed;
	bool skip;		/* lenient: the current object is bad */
} ld;

/* An error that ends the load whatever the mode (not RPSL at all, a
 * line beyond the bound, a read error). */
static int
fatal(ld *L, int line, const char *fmt, const char *arg)
{
	if (!L->failed)
		mc_diag_error(L->d, L->file, line, fmt, arg);
	L->failed = true;
	return -1;
}

/* A bad object: fatal, or in lenient mode the object is dropped, counted
 * and the first message kept. */
static int
fail(ld *L, int line, const char *fmt, const char *arg)
{
	char msg[256];

	if (!L->s->lenient)
		return fatal(L, line, fmt, arg);
	if (!L->skip) {
		L->s->nskipped++;
		if (L->s->first_skip == NULL) {
			snprintf(msg, sizeof(msg), fmt, arg);
			L->s->first_skip = mc_printf(L->s->arena, "%s:%d: %s",
			    L->file, line, msg);
		}
	}
	L->skip = true;
	return -1;
}

static const struct {
	const char *name;
	enum cls cls;
} classes[] = {
	{ "route", C_ROUTE }, { "route6", C_ROUTE6 }, { "as-set", C_ASSET },
	{ "route-set", C_RSET }, { "aut-num", C_AUTNUM },
	{ "mntner", C_MNTNER }, { "person", C_PERSON }, { "role", C_ROLE },
};

static enum attr
attr_of(enum cls c, const char *n, size_t len)
{
#define IS(s) (len == sizeof(s) - 1 && strncasecmp(n, s, len) == 0)
	switch (c) {
	case C_ROUTE:
	case C_ROUTE6:
		return IS("origin") ? A_ORIGIN : A_NONE;
	case C_ASSET:
		return IS("members") ? A_MEMBERS : A_NONE;
	case C_RSET:
		return IS("members") || IS("mp-members") ? A_RMEMBERS : A_NONE;
	case C_AUTNUM:
		return IS("admin-c") ? A_ADMINC : IS("tech-c") ? A_TECHC :
		    IS("abuse-c") ? A_ABUSEC : A_NONE;
	case C_PERSON:
	case C_ROLE:
		return IS("nic-hdl") ? A_NICHDL : A_NONE;
	default:
		return A_NONE;
	}
#undef IS
}

static int
add_member(ld *L, const char *t, size_t n)
{
	mc_irr *s = L->s;
	member *m;
	uint32_t lo, hi;
	const char *dash;

	if (n == 1 && t[0] == '-') {
		L->dash = true;		/* "AS1 - AS5" */
		return 0;
	}
	if (L->set == (size_t)-1)
		return 0;
	if (mc_asn_parse(t, n, &lo)) {
		if (L->dash && s->nmem > L->m0 && s->mem[s->nmem - 1].name == NULL &&
		    s->mem[s->nmem - 1].lo == s->mem[s->nmem - 1].hi &&
		    lo >= s->mem[s->nmem - 1].lo) {
			s->mem[s->nmem - 1].hi = lo;
			L->dash = false;
			return 0;
		}
		hi = lo;
	} else if ((dash = memchr(t, '-', n)) != NULL &&
	    mc_asn_parse(t, (size_t)(dash - t), &lo) &&
	    mc_asn_parse(dash + 1, n - (size_t)(dash - t) - 1, &hi) && lo <= hi)
		;
	else if (set_name_ok(t, n)) {
		s->mem = xgrow(s->mem, &s->capmem, s->nmem + 1, sizeof(*s->mem));
		m = &s->mem[s->nmem++];
		m->lo = m->hi = 0;
		m->name = upper_dup(s->arena, t, n);
		L->dash = false;
		return 0;
	} else
		return fail(L, L->line, "as-set member '%s' is neither an ASN, an "
		    "ASN range nor an as-set name", mc_strndup(s->arena, t,
		    n > 64 ? 64 : n));
	if (L->dash)
		return fail(L, L->line, "%s", "dangling '-' in as-set members");
	s->mem = xgrow(s->mem, &s->capmem, s->nmem + 1, sizeof(*s->mem));
	m = &s->mem[s->nmem++];
	m->lo = lo;
	m->hi = hi;
	m->name = NULL;
	return 0;
}

/* A range operator after '^': "+", "-", "n", "n-m" (RFC 2622 2). */
static bool
parse_op(const char *t, size_t n, uint8_t *op, uint8_t *lo, uint8_t *hi)
{
	size_t i = 0;
	unsigned a = 0, b;

	if (n == 1 && (t[0] == '+' || t[0] == '-')) {
		*op = t[0] == '+' ? OP_PLUS : OP_MINUS;
		return true;
	}
	for (; i < n && i < 4 && isdigit((unsigned char)t[i]); i++)
		a = a * 10 + (unsigned)(t[i] - '0');
	if (i == 0 || a > 128)
		return false;
	b = a;
	if (i < n) {
		size_t j;

		if (t[i] != '-' || i + 1 >= n)
			return false;
		for (b = 0, j = i + 1; j < n && j - i <= 4 &&
		    isdigit((unsigned char)t[j]); j++)
			b = b * 10 + (unsigned)(t[j] - '0');
		if (j != n || b > 128 || b < a)
			return false;
	}
	*op = OP_RANGE;
	*lo = (uint8_t)a;
	*hi = (uint8_t)b;
	return true;
}

/* A route-set member: "192.0.2.0/24", "10.0.0.0/8^+", "RS-FOO^24-32",
 * "AS-BAR", "AS65000^-" (RFC 2622 5.2, RFC 4012 mp-members). */
static int
add_rmember(ld *L, const char *t, size_t n)
{
	mc_irr *s = L->s;
	const char *car = memchr(t, '^', n);
	size_t k = car != NULL ? (size_t)(car - t) : n;
	uint8_t op = OP_NONE, a = 0, b = 0;
	uint32_t asn;
	rmember m;

	if (L->set == (size_t)-1)
		return 0;
	memset(&m, 0, sizeof(m));
	if (car != NULL && !parse_op(car + 1, n - k - 1, &op, &a, &b))
		return fail(L, L->line, "route-set member '%s': bad range "
		    "operator (^+, ^-, ^n or ^n-m)", mc_strndup(s->arena, t,
		    n > 64 ? 64 : n));
	if (memchr(t, '/', k) != NULL) {
		int bits;

		if (!mc_prefix_parse_strict(t, k, &m.p))
			return fail(L, L->line, "route-set member '%s' is not "
			    "a valid prefix", mc_strndup(s->arena, t,
			    k > 64 ? 64 : k));
		bits = mc_af_bits(m.p.af);
		m.lo = m.hi = m.p.len;
		if (op == OP_PLUS)
			m.hi = (uint8_t)bits;
		else if (op == OP_MINUS) {
			if (m.p.len == bits)
				return 0;	/* no more-specifics: empty */
			m.lo = m.p.len + 1;
			m.hi = (uint8_t)bits;
		} else if (op == OP_RANGE) {
			if (a < m.p.len || b > bits)
				return fail(L, L->line, "route-set member '%s': "
				    "lengths outside the prefix's range",
				    mc_strndup(s->arena, t, n > 64 ? 64 : n));
			m.lo = a;
			m.hi = b;
		}
	} else if (rset_name_ok(t, k) || set_name_ok(t, k) ||
	    mc_asn_parse(t, k, &asn)) {
		m.name = upper_dup(s->arena, t, k);
		m.op = op;
		m.n = a;
		m.m = b;
	} else
		return fail(L, L->line, "route-set member '%s' is neither a "
		    "prefix, a route-set, an as-set nor an ASN",
		    mc_strndup(s->arena, t, n > 64 ? 64 : n));
	s->rmem = xgrow(s->rmem, &s->caprmem, s->nrmem + 1, sizeof(*s->rmem));
	s->rmem[s->nrmem++] = m;
	return 0;
}

/* The first word of a value (up to whitespace or ','). */
static size_t
word(const char *v, size_t n)
{
	size_t i;

	for (i = 0; i < n && !isspace((unsigned char)v[i]) && v[i] != ','; i++)
		;
	return i;
}

/*
 * Starts as-set (rset false) or route-set v[0..w): its members follow in
 * the as-set or the route-set member array.  A set an earlier source
 * defined keeps its members: L->set becomes (size_t)-1.
 */
static int
set_open(ld *L, const char *v, size_t w, bool rset)
{
	mc_irr *s = L->s;
	const char *name;

	if (!(rset ? rset_name_ok(v, w) : set_name_ok(v, w)))
		return fail(L, L->line, rset ?
		    "route-set name '%s' is not valid (RS-NAME, or "
		    "hierarchical AS1:RS-NAME)" :
		    "as-set name '%s' is not valid (AS-NAME, or hierarchical "
		    "AS1:AS-NAME)", mc_strndup(s->arena, v, w > 64 ? 64 : w));
	name = upper_dup(s->arena, v, w);
	if (set_find(s, name) != (size_t)-1) {
		L->set = (size_t)-1;	/* an earlier source wins */
		return 0;
	}
	s->sets = xgrow(s->sets, &s->capsets, s->nsets + 1, sizeof(*s->sets));
	L->set = s->nsets;
	s->sets[s->nsets].name = name;
	s->sets[s->nsets].m0 = rset ? s->nrmem : s->nmem;
	s->sets[s->nsets].nm = 0;
	s->sets[s->nsets].rset = rset;
	s->nsets++;
	if (rset)
		s->nrsets++;
	if (!hash_grow(s))
		hash_put(s, L->set);
	if (!rset)
		L->m0 = s->nmem;
	return 0;
}

static int
key_value(ld *L, const char *v, size_t n)
{
	size_t w = word(v, n);

	if (w == 0)
		return 0;		/* on a continuation line, perhaps */
	L->have_key = true;
	switch (L->cls) {
	case C_ROUTE:
	case C_ROUTE6:
		if (!mc_prefix_parse_strict(v, w, &L->p) ||
		    L->p.af != (L->cls == C_ROUTE ? MC_AF4 : MC_AF6) ||
		    memchr(v, '/', w) == NULL)
			return fail(L, L->line, "%s: not a valid prefix",
			    L->cls == C_ROUTE ? "route" : "route6");
		break;
	case C_ASSET:
		return set_open(L, v, w, false);
	case C_RSET:
		return set_open(L, v, w, true);
	case C_AUTNUM:
		if (!mc_asn_parse(v, w, &L->asn))
			return fail(L, L->line, "%s", "aut-num: not an AS number");
		break;
	default:
		break;
	}
	return 0;
}

static int
value(ld *L, const char *v, size_t n)
{
	const char *h;
	size_t w;

	/* A '#' starts a comment up to the end of the line. */
	if ((h = memchr(v, '#', n)) != NULL)
		n = (size_t)(h - v);
	while (n > 0 && isspace((unsigned char)*v)) {
		v++;
		n--;
	}
	switch (L->attr) {
	case A_KEY:
		return L->have_key ? 0 : key_value(L, v, n);
	case A_ORIGIN:
		if ((w = word(v, n)) == 0 || L->have_origin)
			return 0;
		if (!mc_asn_parse(v, w, &L->origin))
			return fail(L, L->line, "%s", "origin: not an AS number");
		L->have_origin = true;
		return 0;
	case A_MEMBERS:
	case A_RMEMBERS:
		while (n > 0) {
			while (n > 0 && (isspace((unsigned char)*v) || *v == ',')) {
				v++;
				n--;
			}
			if ((w = word(v, n)) == 0)
				break;
			if ((L->attr == A_MEMBERS ? add_member(L, v, w) :
			    add_rmember(L, v, w)) != 0)
				return -1;
			v += w;
			n -= w;
		}
		return 0;
	case A_ADMINC:
	case A_TECHC:
	case A_ABUSEC:
		if (word(v, n) > 0)
			L->flags |= L->attr == A_ADMINC ? MC_IRR_ADMIN_C :
			    L->attr == A_TECHC ? MC_IRR_TECH_C : MC_IRR_ABUSE_C;
		return 0;
	case A_NICHDL:
		if ((w = word(v, n)) > 0 && L->nic == NULL)
			L->nic = upper_dup(L->s->arena, v, w);
		return 0;
	default:
		return 0;
	}
}

static int
end_object(ld *L)
{
	mc_irr *s = L->s;

	if (L->cls == C_NONE)
		return 0;
	if (L->cls != C_OTHER && !L->have_key && L->cls != C_MNTNER &&
	    L->cls != C_PERSON && L->cls != C_ROLE)
		return fail(L, L->objline, "%s", "object without a name");
	switch (L->cls) {
	case C_ROUTE:
	case C_ROUTE6:
		if (!L->have_origin)
			return fail(L, L->objline, "%s object without origin",
			    L->cls == C_ROUTE ? "route" : "route6");
		s->r = xgrow(s->r, &s->capr, s->nr + 1, sizeof(*s->r));
		s->r[s->nr].p = L->p;
		s->r[s->nr].origin = L->origin;
		s->nr++;
		break;
	case C_ASSET:
		if (L->dash)
			return fail(L, L->objline, "%s",
			    "dangling '-' in as-set members");
		if (L->set != (size_t)-1)
			s->sets[L->set].nm = s->nmem - s->sets[L->set].m0;
		break;
	case C_RSET:
		if (L->set != (size_t)-1)
			s->sets[L->set].nm = s->nrmem - s->sets[L->set].m0;
		break;
	case C_AUTNUM:
		s->an = xgrow(s->an, &s->capan, s->nan + 1, sizeof(*s->an));
		s->an[s->nan].asn = L->asn;
		s->an[s->nan].flags = L->flags;
		s->an[s->nan].seq = s->nan;
		s->nan++;
		break;
	case C_PERSON:
	case C_ROLE:
		if (L->nic != NULL) {
			s->nic = xgrow(s->nic, &s->capnic, s->nnic + 1,
			    sizeof(*s->nic));
			s->nic[s->nnic++] = L->nic;
		}
		break;
	default:
		break;
	}
	L->cls = C_NONE;
	return 0;
}

static void
begin_object(ld *L, enum cls c)
{
	L->cls = c;
	L->objline = L->line;
	L->have_key = L->have_origin = L->dash = false;
	L->flags = 0;
	L->nic = NULL;
	L->set = (size_t)-1;
	L->m0 = L->s->nmem;
}

/* Lenient mode: forget the object being read (a set keeps its name, so
 * that a later source cannot take it over, but no members). */
static void
drop_object(ld *L)
{
	mc_irr *s = L->s;

	if (L->set != (size_t)-1 && (L->cls == C_ASSET || L->cls == C_RSET)) {
		s->sets[L->set].nm = 0;
		if (L->cls == C_ASSET)
			s->nmem = s->sets[L->set].m0;
		else
			s->nrmem = s->sets[L->set].m0;
	}
	L->cls = C_NONE;
	L->skip = false;
}

static int
one_line(ld *L, const char *t, size_t n)
{
	size_t i, k;

	if (n > 0 && t[n - 1] == '\r')
		n--;
	if (memchr(t, '\0', n) != NULL)
		return fatal(L, L->line, "%s", "binary data (NUL byte): not an "
		    "RPSL file");
	for (i = 0; i < n && (t[i] == ' ' || t[i] == '\t'); i++)
		;
	if (i == n) {			/* blank line: end of object */
		if (!L->skip)
			(void)end_object(L);
		if (L->skip)
			drop_object(L);
		return L->failed ? -1 : 0;
	}
	if (L->skip)
		return 0;		/* lenient: up to the next blank line */
	if (t[0] == '#' || t[0] == '%')
		return 0;		/* comment, server remark */
	if (t[0] == ' ' || t[0] == '\t' || t[0] == '+') {
		if (L->cls == C_NONE)
			return fail(L, L->line, "%s", "continuation line outside "
			    "an object");
		return value(L, t + 1, n - 1);
	}
	for (i = 0; i < n && (isalnum((unsigned char)t[i]) || t[i] == '-' ||
	    t[i] == '_'); i++)
		;
	if (i == 0 || i >= n || t[i] != ':')
		return fail(L, L->line, "%s", "expected 'attribute: value' or a "
		    "blank line between objects");
	if (L->cls == C_NONE) {
		begin_object(L, C_OTHER);
		for (k = 0; k < sizeof(classes) / sizeof(classes[0]); k++)
			if (strlen(classes[k].name) == i &&
			    strncasecmp(classes[k].name, t, i) == 0)
				L->cls = classes[k].cls;
		L->attr = A_KEY;
	} else
		L->attr = attr_of(L->cls, t, i);
	if (L->attr == A_NONE)
		return 0;
	return value(L, t + i + 1, n - i - 1);
}

typedef int (*readfn)(void *src, char *buf, size_t n);

static int
gz_read(void *src, char *buf, size_t n)
{
	int r = gzread((gzFile)src, buf, (unsigned)n), err;

	/* A truncated gzip stream ends like a file, with Z_BUF_ERROR. */
	if (r == 0 && (gzerror((gzFile)src, &err), err != Z_OK))
		return -1;
	return r;
}

typedef struct membuf {
	const char *p;
	size_t left;
} membuf;

static int
mem_read(void *src, char *buf, size_t n)
{
	membuf *m = src;

	if (n > m->left)
		n = m->left;
	memcpy(buf, m->p, n);
	m->p += n;
	m->left -= n;
	return (int)n;
}

static int
stream(mc_irr *s, const char *name, readfn rd, void *src, mc_diag *d)
{
	size_t cap = CHUNK + MC_IRR_LINE_MAX, have = 0, off;
	char *buf, *nl;
	ld L;
	int r;

	memset(&L, 0, sizeof(L));
	L.s = s;
	L.d = d;
	L.file = name;
	if ((buf = malloc(cap)) == NULL) {
		fputs("manrs-check: out of memory\n", stderr);
		abort();
	}
	for (;;) {
		r = rd(src, buf + have, cap - have);
		if (r < 0) {
			fatal(&L, L.line + 1, "%s", "read error (truncated or "
			    "corrupt gzip data?)");
			break;
		}
		have += (size_t)r;
		off = 0;
		while (!L.failed &&
		    (nl = memchr(buf + off, '\n', have - off)) != NULL) {
			L.line++;
			if ((size_t)(nl - (buf + off)) > MC_IRR_LINE_MAX)
				fail(&L, L.line, "%s", "line too long");
			else
				one_line(&L, buf + off, (size_t)(nl - (buf + off)));
			off = (size_t)(nl - buf) + 1;
		}
		if (L.failed)
			break;
		memmove(buf, buf + off, have - off);
		have -= off;
		if (have > MC_IRR_LINE_MAX) {
			fatal(&L, L.line + 1, "%s", "line too long");
			break;
		}
		if (r == 0) {
			if (have > 0) {		/* last line without newline */
				L.line++;
				one_line(&L, buf, have);
			}
			if (!L.failed && !L.skip)
				end_object(&L);
			if (L.skip)
				drop_object(&L);
			break;
		}
	}
	free(buf);
	if (L.failed && L.cls == C_ASSET && L.set != (size_t)-1)
		s->sets[L.set].nm = s->nmem - s->sets[L.set].m0;
	if (L.failed && L.cls == C_RSET && L.set != (size_t)-1)
		s->sets[L.set].nm = s->nrmem - s->sets[L.set].m0;
	return L.failed ? -1 : 0;
}

void
mc_irr_set_lenient(mc_irr *s, bool on)
{
	s->lenient = on;
}

size_t
mc_irr_nskipped(const mc_irr *s, const char **first)
{
	if (first != NULL)
		*first = s->first_skip;
	return s->nskipped;
}

int
mc_irr_load_buf(mc_irr *s, const char *name, const char *buf, size_t len,
    mc_diag *d)
{
	membuf m = { buf, len };

	s->finished = false;
	return stream(s, name, mem_read, &m, d);
}

int
mc_irr_load(mc_irr *s, const char *path, mc_diag *d)
{
	struct stat st;
	gzFile g;
	int rc;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		mc_diag_error(d, path, 0, "is a directory, not an RPSL dump");
		return -1;
	}
	if ((g = gzopen(path, "rb")) == NULL) {
		mc_diag_error(d, path, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	gzbuffer(g, 256 * 1024);
	s->finished = false;
	rc = stream(s, path, gz_read, g, d);
	gzclose(g);
	return rc;
}

/* --- queries -------------------------------------------------------- */

static int
route_cmp(const void *a, const void *b)
{
	const mc_irr_route *x = a, *y = b;
	int c;

	if (x->origin != y->origin)
		return x->origin < y->origin ? -1 : 1;
	if (x->p.af != y->p.af)
		return x->p.af < y->p.af ? -1 : 1;
	/* Host bits are zero: address bytes, then length. */
	if ((c = memcmp(x->p.a, y->p.a, sizeof(x->p.a))) != 0)
		return c;
	return x->p.len < y->p.len ? -1 : x->p.len > y->p.len;
}

/*
 * The route table of a full dump is hundreds of MB: glibc's qsort would
 * merge-sort it through a buffer as large again.  An in-place introsort
 * (median-of-three quicksort, heapsort past 2 log n levels against
 * adversarial input, insertion sort for short runs) keeps the peak at the
 * table itself.
 */
static void
rswap(mc_irr_route *a, mc_irr_route *b)
{
	mc_irr_route t = *a;

	*a = *b;
	*b = t;
}

static void
rsift(mc_irr_route *v, size_t i, size_t n)
{
	size_t c;

	while ((c = 2 * i + 1) < n) {
		if (c + 1 < n && route_cmp(&v[c], &v[c + 1]) < 0)
			c++;
		if (route_cmp(&v[i], &v[c]) >= 0)
			return;
		rswap(&v[i], &v[c]);
		i = c;
	}
}

static void
rheapsort(mc_irr_route *v, size_t n)
{
	size_t i;

	for (i = n / 2; i-- > 0;)
		rsift(v, i, n);
	for (i = n; i-- > 1;) {
		rswap(&v[0], &v[i]);
		rsift(v, 0, i);
	}
}

static void
rsort(mc_irr_route *v, size_t n, int depth)
{
	size_t i, j, m;
	mc_irr_route piv, t;

	while (n > 16) {
		if (depth-- <= 0) {
			rheapsort(v, n);
			return;
		}
		m = n / 2;
		if (route_cmp(&v[m], &v[0]) < 0)
			rswap(&v[m], &v[0]);
		if (route_cmp(&v[n - 1], &v[0]) < 0)
			rswap(&v[n - 1], &v[0]);
		if (route_cmp(&v[n - 1], &v[m]) < 0)
			rswap(&v[n - 1], &v[m]);
		piv = v[m];
		/* Hoare: v[0] <= piv <= v[n - 1] bound both scans, and
		 * 0 <= j < n - 1, so both parts shrink */
		i = 0;
		j = n - 1;
		for (;;) {
			while (route_cmp(&v[i], &piv) < 0)
				i++;
			while (route_cmp(&piv, &v[j]) < 0)
				j--;
			if (i >= j)
				break;
			rswap(&v[i], &v[j]);
			i++;
			j--;
		}
		/* recurse into the smaller part: stack depth O(log n) */
		if (j + 1 < n - (j + 1)) {
			rsort(v, j + 1, depth);
			v += j + 1;
			n -= j + 1;
		} else {
			rsort(v + j + 1, n - (j + 1), depth);
			n = j + 1;
		}
	}
	for (i = 1; i < n; i++) {
		t = v[i];
		for (j = i; j > 0 && route_cmp(&t, &v[j - 1]) < 0; j--)
			v[j] = v[j - 1];
		v[j] = t;
	}
}

static void
sort_routes(mc_irr_route *v, size_t n)
{
	int depth = 0;
	size_t k;

	for (k = n; k > 1; k >>= 1)
		depth += 2;
	rsort(v, n, depth);
}

static int
an_cmp(const void *a, const void *b)
{
	const autnum *x = a, *y = b;

	if (x->asn != y->asn)
		return x->asn < y->asn ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int
nic_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void
mc_irr_finish(mc_irr *s)
{
	size_t i, k;

	if (s->finished)
		return;
	if (s->nr > 0)
		sort_routes(s->r, s->nr);
	for (i = k = 0; i < s->nr; i++)
		if (k == 0 || route_cmp(&s->r[k - 1], &s->r[i]) != 0)
			s->r[k++] = s->r[i];
	s->nr = k;
	if (s->nan > 0)
		qsort(s->an, s->nan, sizeof(*s->an), an_cmp);
	for (i = k = 0; i < s->nan; i++)
		if (k == 0 || s->an[k - 1].asn != s->an[i].asn)
			s->an[k++] = s->an[i];
	s->nan = k;
	if (s->nnic > 0)
		qsort(s->nic, s->nnic, sizeof(*s->nic), nic_cmp);
	s->finished = true;
}

size_t
mc_irr_nroutes(const mc_irr *s)
{
	return s->nr;
}

size_t
mc_irr_nsets(const mc_irr *s)
{
	return s->nsets - s->nrsets;	/* as-sets */
}

bool
mc_irr_has_route(const mc_irr *s, const mc_prefix *p, uint32_t origin)
{
	mc_irr_route key;

	key.p = *p;
	key.origin = origin;
	return s->nr > 0 &&
	    bsearch(&key, s->r, s->nr, sizeof(*s->r), route_cmp) != NULL;
}

bool
mc_irr_route_covers(const mc_irr *s, const mc_prefix *p, uint32_t origin)
{
	int l;

	for (l = p->len; l >= 0; l--) {
		mc_prefix q = mc_prefix_trunc(p, l);

		if (mc_irr_has_route(s, &q, origin))
			return true;
	}
	return false;
}

size_t
mc_irr_routes_of(const mc_irr *s, uint32_t origin, int af,
    const mc_irr_route **out, size_t max)
{
	size_t lo = 0, hi = s->nr, n = 0, i;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->r[mid].origin < origin)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < s->nr && s->r[i].origin == origin; i++) {
		if (af != 0 && s->r[i].p.af != af)
			continue;
		if (n < max)
			out[n] = &s->r[i];
		n++;
	}
	return n;
}

bool
mc_irr_autnum(const mc_irr *s, uint32_t asn, unsigned *flags)
{
	const autnum *a;

	if (s->nan == 0)
		return false;
	/* seq 0..n: compare on asn only for the lookup. */
	{
		size_t lo = 0, hi = s->nan;

		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (s->an[mid].asn < asn)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo == s->nan || s->an[lo].asn != asn)
			return false;
		a = &s->an[lo];
	}
	if (flags != NULL)
		*flags = a->flags;
	return true;
}

bool
mc_irr_contact_exists(const mc_irr *s, const char *nic)
{
	char up[256];
	const char *k = up;
	size_t i;

	for (i = 0; nic[i] != '\0' && i + 1 < sizeof(up); i++)
		up[i] = (char)toupper((unsigned char)nic[i]);
	up[i] = '\0';
	return s->nnic > 0 &&
	    bsearch(&k, s->nic, s->nnic, sizeof(*s->nic), nic_cmp) != NULL;
}

/* --- as-set expansion ----------------------------------------------- */

typedef struct ex {
	const mc_irr *s;
	unsigned char *state;	/* 0 new, 1 on the path, 2 done */
	mc_irr_expansion *e;
	size_t cap;
} ex;

static void
ex_add(ex *X, uint32_t lo, uint32_t hi)
{
	X->e->v = xgrow(X->e->v, &X->cap, X->e->n + 1, sizeof(*X->e->v));
	X->e->v[X->e->n].lo = lo;
	X->e->v[X->e->n].hi = hi;
	X->e->n++;
}

static void
ex_set(ex *X, size_t idx, int depth)
{
	const aset *a = &X->s->sets[idx];
	size_t i, j;

	if (X->state[idx] == 1) {
		X->e->cycle = true;
		return;
	}
	if (X->state[idx] == 2)
		return;
	if (depth >= MC_IRR_EXPAND_DEPTH) {
		X->e->too_deep = true;
		return;
	}
	X->state[idx] = 1;
	for (i = 0; i < a->nm; i++) {
		const member *m = &X->s->mem[a->m0 + i];

		if (m->name == NULL) {
			ex_add(X, m->lo, m->hi);
			continue;
		}
		if ((j = set_find(X->s, m->name)) == (size_t)-1 ||
		    X->s->sets[j].rset) {
			uint32_t asn;

			/* "AS1:AS-FOO" style names are sets; a plain ASN
			 * never reaches here. */
			if (mc_asn_parse(m->name, strlen(m->name), &asn))
				ex_add(X, asn, asn);
			else {
				X->e->missing++;
				if (X->e->first_missing == NULL)
					X->e->first_missing = m->name;
			}
			continue;
		}
		ex_set(X, j, depth + 1);
	}
	X->state[idx] = 2;
}

static int
range_cmp(const void *a, const void *b)
{
	const mc_asn_range *x = a, *y = b;

	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	return x->hi < y->hi ? -1 : x->hi > y->hi;
}

bool
mc_irr_expand(const mc_irr *s, const char *name, mc_irr_expansion *e)
{
	char up[256];
	size_t i, k, idx;
	uint32_t asn;
	ex X;

	memset(e, 0, sizeof(*e));
	memset(&X, 0, sizeof(X));
	X.s = s;
	X.e = e;
	if (mc_asn_parse(name, strlen(name), &asn)) {
		ex_add(&X, asn, asn);
		return true;
	}
	for (i = 0; name[i] != '\0' && i + 1 < sizeof(up); i++)
		up[i] = (char)toupper((unsigned char)name[i]);
	up[i] = '\0';
	if ((idx = set_find(s, up)) == (size_t)-1 || s->sets[idx].rset)
		return false;
	if ((X.state = calloc(s->nsets, 1)) == NULL) {
		fputs("manrs-check: out of memory\n", stderr);
		abort();
	}
	ex_set(&X, idx, 0);
	free(X.state);
	if (e->n > 1) {
		qsort(e->v, e->n, sizeof(*e->v), range_cmp);
		for (i = k = 0; i < e->n; i++) {
			if (k > 0 && (uint64_t)e->v[i].lo <=
			    (uint64_t)e->v[k - 1].hi + 1) {
				if (e->v[i].hi > e->v[k - 1].hi)
					e->v[k - 1].hi = e->v[i].hi;
			} else
				e->v[k++] = e->v[i];
		}
		e->n = k;
	}
	return true;
}

void
mc_irr_expansion_free(mc_irr_expansion *e)
{
	free(e->v);
	memset(e, 0, sizeof(*e));
}

/* --- route-set expansion -------------------------------------------- */

typedef struct rx {
	const mc_irr *s;
	unsigned char *onpath;	/* route-sets on the current path */
	mc_irr_rexpansion *e;
	size_t cap;
	int af;
	size_t steps;		/* work bound against hostile nesting */
} rx;

static void
rx_add(rx *X, const mc_prefix *p, int lo, int hi)
{
	mc_range r;

	if (X->af != 0 && p->af != X->af)
		return;
	if (X->e->n >= MC_IRR_RANGES_MAX) {
		X->e->truncated = true;
		return;
	}
	if (!mc_range_make(p, lo, hi, &r))
		return;
	X->e->v = xgrow(X->e->v, &X->cap, X->e->n + 1, sizeof(*X->e->v));
	X->e->v[X->e->n++] = r;
}

/* Applies a member's operator to what it expanded to, v[from..n): the
 * operator's window, relative to each prefix, narrows each range, the more
 * specific one wins (RFC 2622 section 2: {5.0.0.0/8^+}^24-32 is
 * 5.0.0.0/8^24-32, {5.0.0.0/8^-}^+ stays 5.0.0.0/8^-). */
static void
rx_apply(rx *X, size_t from, const rmember *m)
{
	size_t i, k = from;

	if (m->op == OP_NONE)
		return;
	for (i = from; i < X->e->n; i++) {
		mc_range r = X->e->v[i];
		int bits = mc_af_bits(r.p.af), lo, hi;

		/* a bare prefix takes the operator whole: AS1^24 is the
		 * /24s within each of AS1's route objects */
		if (r.lo == r.p.len && r.hi == r.p.len)
			r.hi = (uint8_t)bits;

		switch (m->op) {
		case OP_PLUS:
			lo = r.p.len;
			hi = bits;
			break;
		case OP_MINUS:
			lo = r.p.len + 1;
			hi = bits;
			break;
		default:
			lo = m->n;
			hi = m->m;
			break;
		}
		if (lo < r.lo)
			lo = r.lo;
		if (hi > r.hi)
			hi = r.hi;
		if (lo > hi || hi > bits)
			continue;
		r.lo = (uint8_t)lo;
		r.hi = (uint8_t)hi;
		X->e->v[k++] = r;
	}
	X->e->n = k;
}

static void
rx_missing(rx *X, const char *name)
{
	X->e->missing++;
	if (X->e->first_missing == NULL)
		X->e->first_missing = name;
}

/* The route objects whose origin is asn or in the as-set name. */
static void
rx_origins(rx *X, const char *name)
{
	mc_irr_expansion ae;
	size_t i, j, lo, hi;
	uint64_t as;

	if (!mc_irr_expand(X->s, name, &ae)) {
		rx_missing(X, name);
		return;
	}
	if (ae.missing > 0)
		rx_missing(X, ae.first_missing != NULL ? ae.first_missing : name);
	X->e->cycle |= ae.cycle;
	X->e->too_deep |= ae.too_deep;
	for (i = 0; i < ae.n && !X->e->truncated; i++)
		for (as = ae.v[i].lo; as <= ae.v[i].hi && !X->e->truncated;
		    as++) {
			if (++X->steps > MC_IRR_RANGES_MAX) {
				X->e->truncated = true;
				break;
			}
			/* the routes of one origin are contiguous */
			lo = 0;
			hi = X->s->nr;
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;

				if (X->s->r[mid].origin < as)
					lo = mid + 1;
				else
					hi = mid;
			}
			for (j = lo; j < X->s->nr && X->s->r[j].origin == as;
			    j++)
				rx_add(X, &X->s->r[j].p, X->s->r[j].p.len,
				    X->s->r[j].p.len);
		}
	mc_irr_expansion_free(&ae);
}

static void
rx_set(rx *X, size_t idx, int depth)
{
	const aset *a = &X->s->sets[idx];
	size_t i, j, from;

	if (X->onpath[idx]) {
		X->e->cycle = true;
		return;
	}
	if (depth >= MC_IRR_EXPAND_DEPTH) {
		X->e->too_deep = true;
		return;
	}
	X->onpath[idx] = 1;
	for (i = 0; i < a->nm && !X->e->truncated; i++) {
		const rmember *m = &X->s->rmem[a->m0 + i];

		if (++X->steps > MC_IRR_RANGES_MAX) {
			X->e->truncated = true;
			break;
		}
		if (m->name == NULL) {
			rx_add(X, &m->p, m->lo, m->hi);
			continue;
		}
		from = X->e->n;
		if (strcmp(m->name, "RS-ANY") == 0 ||
		    strcmp(m->name, "AS-ANY") == 0)
			rx_missing(X, m->name);	/* "everything": not a list */
		else if ((j = set_find(X->s, m->name)) != (size_t)-1 &&
		    X->s->sets[j].rset)
			rx_set(X, j, depth + 1);
		else if (rset_name_ok(m->name, strlen(m->name)))
			rx_missing(X, m->name);
		else
			rx_origins(X, m->name);
		rx_apply(X, from, m);
	}
	X->onpath[idx] = 0;
}

bool
mc_irr_expand_routes(const mc_irr *s, const char *name, int af,
    mc_irr_rexpansion *e)
{
	char up[256];
	size_t i, idx;
	rx X;

	memset(e, 0, sizeof(*e));
	memset(&X, 0, sizeof(X));
	for (i = 0; name[i] != '\0' && i + 1 < sizeof(up); i++)
		up[i] = (char)toupper((unsigned char)name[i]);
	up[i] = '\0';
	if ((idx = set_find(s, up)) == (size_t)-1 || !s->sets[idx].rset)
		return false;
	X.s = s;
	X.e = e;
	X.af = af;
	if ((X.onpath = calloc(s->nsets, 1)) == NULL) {
		fputs("manrs-check: out of memory\n", stderr);
		abort();
	}
	rx_set(&X, idx, 0);
	free(X.onpath);
	return true;
}

void
mc_irr_rexpansion_free(mc_irr_rexpansion *e)
{
	free(e->v);
	memset(e, 0, sizeof(*e));
}
