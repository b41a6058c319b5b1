/*
 * VRP sets: loaders for the formats rpki-client and Routinator write, and
 * origin validation.  VRPs are kept sorted by (family, address, length);
 * a query looks up every less-specific of the route (at most 33 or 129
 * binary searches), which is simple and fast enough for a full table.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "manrs/policy.h"
#include "manrs/vrp.h"

struct mc_vrps {
	mc_vrp *v;
	size_t n, cap;
	int sorted;
};

mc_vrps *
mc_vrps_new(void)
{
	mc_vrps *s = calloc(1, sizeof(*s));

	if (s == NULL) {
		fputs("manrs-check: out of memory\n", stderr);
		abort();
	}
	return s;
}

void
mc_vrps_free(mc_vrps *s)
{
	if (s == NULL)
		return;
	free(s->v);
	free(s);
}

void
mc_vrps_add(mc_vrps *s, const mc_vrp *v)
{
	if (s->n == s->cap) {
		size_t ncap = s->cap ? s->cap * 2 : 1024;
		mc_vrp *nv = realloc(s->v, ncap * sizeof(*nv));

		if (nv == NULL) {
			fputs("manrs-check: out of memory\n", stderr);
			abort();
		}
		s->v = nv;
		s->cap = ncap;
	}
	s->v[s->n++] = *v;
	s->sorted = 0;
}

static int
vrp_cmp(const void *a, const void *b)
{
	const mc_vrp *x = a, *y = b;
	int c = mc_prefix_cmp(&x->p, &y->p);

	if (c != 0)
		return c;
	if (x->asn != y->asn)
		return x->asn < y->asn ? -1 : 1;
	return (int)x->maxlen - (int)y->maxlen;
}

/*
 * Sorting a full set was half the load time with qsort (a merge sort
 * through a second buffer, an indirect call and a 16-byte memcmp per
 * comparison).  An in-place introsort with the order of vrp_cmp inlined:
 * the address as two big-endian 64-bit words.
 */
static inline uint64_t
be64(const uint8_t *b)
{
	uint64_t v;

	memcpy(&v, b, sizeof(v));
	return __builtin_bswap64(v);
}

static inline int
vrp_less(const mc_vrp *x, const mc_vrp *y)
{
	uint64_t a, b;

	if (x->p.af != y->p.af)
		return x->p.af < y->p.af;
	if ((a = be64(x->p.a)) != (b = be64(y->p.a)))
		return a < b;
	if ((a = be64(x->p.a + 8)) != (b = be64(y->p.a + 8)))
		return a < b;
	if (x->p.len != y->p.len)
		return x->p.len < y->p.len;
	if (x->asn != y->asn)
		return x->asn < y->asn;
	return x->maxlen < y->maxlen;
}

static inline void
vswap(mc_vrp *a, mc_vrp *b)
{
	mc_vrp t = *a;

	*a = *b;
	*b = t;
}

static void
vsift(mc_vrp *v, size_t i, size_t n)
{
	size_t c;

	while ((c = 2 * i + 1) < n) {
		if (c + 1 < n && vrp_less(&v[c], &v[c + 1]))
			c++;
		if (!vrp_less(&v[i], &v[c]))
			return;
		vswap(&v[i], &v[c]);
		i = c;
	}
}

static void
vsort(mc_vrp *v, size_t n, int depth)
{
	size_t i, j, m;
	mc_vrp piv, t;

	while (n > 16) {
		if (depth-- <= 0) {	/* adversarial input: heapsort */
			for (i = n / 2; i-- > 0;)
				vsift(v, i, n);
			for (i = n; i-- > 1;) {
				vswap(&v[0], &v[i]);
				vsift(v, 0, i);
			}
			return;
		}
		m = n / 2;
		if (vrp_less(&v[m], &v[0]))
			vswap(&v[m], &v[0]);
		if (vrp_less(&v[n - 1], &v[0]))
			vswap(&v[n - 1], &v[0]);
		if (vrp_less(&v[n - 1], &v[m]))
			vswap(&v[n - 1], &v[m]);
		piv = v[m];
		/* Hoare: v[0] <= piv <= v[n - 1] bound both scans */
		i = 0;
		j = n - 1;
		for (;;) {
			while (vrp_less(&v[i], &piv))
				i++;
			while (vrp_less(&piv, &v[j]))
				j--;
			if (i >= j)
				break;
			vswap(&v[i], &v[j]);
			i++;
			j--;
		}
		if (j + 1 < n - (j + 1)) {	/* smaller part first */
			vsort(v, j + 1, depth);
			v += j + 1;
			n -= j + 1;
		} else {
			vsort(v + j + 1, n - (j + 1), depth);
			n = j + 1;
		}
	}
	for (i = 1; i < n; i++) {
		t = v[i];
		for (j = i; j > 0 && vrp_less(&t, &v[j - 1]); j--)
			v[j] = v[j - 1];
		v[j] = t;
	}
}

/* Sorting is lazy so that several files can be loaded first. */
static void
finish(mc_vrps *s)
{
	size_t i, o, k;
	int depth = 0;

	if (s->sorted)
		return;
	for (k = s->n; k > 1; k >>= 1)
		depth += 2;
	vsort(s->v, s->n, depth);
	for (i = o = 0; i < s->n; i++)
		if (o == 0 || vrp_cmp(&s->v[o - 1], &s->v[i]) != 0)
			s->v[o++] = s->v[i];
	s->n = o;
	s->sorted = 1;
}

size_t
mc_vrps_count(mc_vrps *s)
{
	finish(s);
	return s->n;
}

/* First index whose prefix equals p (any asn/maxlen), or s->n. */
static size_t
lower_bound(const mc_vrps *s, const mc_prefix *p)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (mc_prefix_cmp(&s->v[mid].p, p) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t
mc_vrps_covering(mc_vrps *s, const mc_prefix *p, const mc_vrp **out,
    size_t max)
{
	size_t found = 0, i;
	int len;

	finish(s);
	for (len = 0; len <= p->len; len++) {
		mc_prefix q = mc_prefix_trunc(p, len);

		for (i = lower_bound(s, &q); i < s->n &&
		    mc_prefix_eq(&s->v[i].p, &q); i++) {
			if (found < max)
				out[found] = &s->v[i];
			found++;
		}
	}
	return found;
}

int
mc_vrps_validate(mc_vrps *s, const mc_prefix *p, uint32_t origin)
{
	int covered = 0, len;
	size_t i;

	finish(s);
	for (len = 0; len <= p->len; len++) {
		mc_prefix q = mc_prefix_trunc(p, len);

		for (i = lower_bound(s, &q); i < s->n &&
		    mc_prefix_eq(&s->v[i].p, &q); i++) {
			covered = 1;
			/* AS 0 VRPs never match (RFC 6483 section 4). */
			if (s->v[i].asn == origin && origin != 0 &&
			    p->len <= s->v[i].maxlen)
				return MC_ROV_VALID;
		}
	}
	return covered ? MC_ROV_INVALID : MC_ROV_NOTFOUND;
}

/* ---- loaders ------------------------------------------------------------ */

/* "AS64500", "as64500" or "64500". */
static int
parse_asn(const char *s, size_t n, uint32_t *out)
{
	unsigned long long v = 0;
	size_t i = 0;

	if (n >= 2 && (s[0] == 'A' || s[0] == 'a') && (s[1] == 'S' || s[1] == 's'))
		i = 2;
	if (i == n)
		return -1;
	for (; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (unsigned)(s[i] - '0');
		if (v > UINT32_MAX)
			return -1;
	}
	*out = (uint32_t)v;
	return 0;
}

static int
check_vrp(mc_vrp *v, long maxlen)
{
	if (maxlen < 0)
		maxlen = v->p.len;
	if (maxlen < v->p.len || maxlen > mc_af_bits(v->p.af))
		return -1;
	v->maxlen = (uint8_t)maxlen;
	return 0;
}

/* Line number of a byte offset, for messages about text formats. */
static int
line_of(const char *buf, const char *at)
{
	int line = 1;

	for (; buf < at; buf++)
		if (*buf == '\n')
			line++;
	return line;
}

/* Adds one VRP object of a "roas" array; idx names it in messages. */
static int
add_json_vrp(mc_vrps *s, json_t *r)
{
	json_t *ja = json_object_get(r, "asn");
	json_t *jp = json_object_get(r, "prefix");
	json_t *jm = json_object_get(r, "maxLength");
	const char *ps;
	mc_vrp v;

	memset(&v, 0, sizeof(v));
	if (json_is_integer(ja) && json_integer_value(ja) >= 0 &&
	    json_integer_value(ja) <= UINT32_MAX)
		v.asn = (uint32_t)json_integer_value(ja);
	else if (!json_is_string(ja) || parse_asn(json_string_value(ja),
	    json_string_length(ja), &v.asn) != 0)
		return -1;
	if (!json_is_string(jp))
		return -1;
	ps = json_string_value(jp);
	if (!mc_prefix_parse_strict(ps, strlen(ps), &v.p))
		return -1;
	if (check_vrp(&v, json_is_integer(jm) ?
	    (long)json_integer_value(jm) : -1) != 0)
		return -1;
	mc_vrps_add(s, &v);
	return 0;
}

static long
num(const char *s, size_t n)
{
	long v = 0;
	size_t i;

	if (n == 0 || n > 9)
		return -2;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -2;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* JSON white space. */
static const char *
skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

/* A string without escapes ("..."): sets *s, *n; NULL if not one. */
static const char *
plain_string(const char *p, const char *end, const char **s, size_t *n)
{
	const char *q;

	if (p == end || *p != '"')
		return NULL;
	for (q = p + 1; q < end && *q != '"'; q++)
		if (*q == '\\' || (unsigned char)*q < 0x20)
			return NULL;
	if (q == end)
		return NULL;
	*s = p + 1;
	*n = (size_t)(q - p - 1);
	return q + 1;
}

/*
 * One flat VRP object {"asn": .., "prefix": "..", "maxLength": .., ...}
 * with string, number, true/false/null values.  Returns the end of the
 * object, or NULL for anything else (the caller falls back to jansson).
 */
static const char *
flat_vrp(const char *p, const char *end, mc_vrps *s)
{
	const char *k, *v, *ps = NULL;
	size_t kl, vl, pl = 0;
	long maxlen = -1;
	mc_vrp vrp;
	int got_asn = 0;

	memset(&vrp, 0, sizeof(vrp));
	p = skip_ws(p + 1, end);
	while (p < end && *p != '}') {
		if ((p = plain_string(p, end, &k, &kl)) == NULL)
			return NULL;
		p = skip_ws(p, end);
		if (p == end || *p++ != ':')
			return NULL;
		p = skip_ws(p, end);
		if (p < end && *p == '"') {
			if ((p = plain_string(p, end, &v, &vl)) == NULL)
				return NULL;
			if (kl == 6 && memcmp(k, "prefix", 6) == 0) {
				ps = v;
				pl = vl;
			} else if (kl == 3 && memcmp(k, "asn", 3) == 0) {
				if (parse_asn(v, vl, &vrp.asn) != 0)
					return NULL;
				got_asn = 1;
			}
		} else {
			v = p;
			while (p < end && (isalnum((unsigned char)*p) || *p == '-' ||
			    *p == '+' || *p == '.'))
				p++;
			vl = (size_t)(p - v);
			if (vl == 0)
				return NULL;	/* nested object/array or junk */
			if (kl == 3 && memcmp(k, "asn", 3) == 0) {
				if (parse_asn(v, vl, &vrp.asn) != 0)
					return NULL;
				got_asn = 1;
			} else if (kl == 9 && memcmp(k, "maxLength", 9) == 0) {
				if ((maxlen = num(v, vl)) < 0)
					return NULL;
			}
		}
		p = skip_ws(p, end);
		if (p < end && *p == ',')
			p = skip_ws(p + 1, end);
		else if (p == end || *p != '}')
			return NULL;
	}
	if (p == end || !got_asn || ps == NULL ||
	    !mc_prefix_parse_strict(ps, pl, &vrp.p) || check_vrp(&vrp, maxlen) != 0)
		return NULL;
	mc_vrps_add(s, &vrp);
	return p + 1;
}

/*
 * A full VRP set is 800,000 small objects: jansson's DOM costs about 1 KB
 * and several microseconds per VRP.  The fast path reads the top-level
 * "roas" array of flat objects directly; anything it does not expect
 * (escapes, nesting, a second "roas", a bad entry) makes it give up, and the
 * whole document is parsed by jansson, which also gives precise errors.
 */
static int
load_json_fast(mc_vrps *s, const char *buf, size_t len, size_t *count)
{
	const char *p, *end = buf + len, *key;
	size_t n0 = s->n;

	key = memmem(buf, len, "\"roas\"", 6);
	if (key == NULL || memmem(key + 6, (size_t)(end - key - 6), "\"roas\"", 6))
		return -1;
	p = skip_ws(key + 6, end);
	if (p == end || *p++ != ':')
		return -1;
	p = skip_ws(p, end);
	if (p == end || *p++ != '[')
		return -1;
	for (;;) {
		p = skip_ws(p, end);
		if (p == end)
			goto fallback;
		if (*p == ']')
			break;
		if (*p != '{' || (p = flat_vrp(p, end, s)) == NULL)
			goto fallback;
		p = skip_ws(p, end);
		if (p < end && *p == ',')
			p++;
		else if (p == end || *p != ']')
			goto fallback;
	}
	*count = s->n - n0;
	return 0;
fallback:
	s->n = n0;	/* forget what this file added; the slow path redoes it */
	return -1;
}

static int
load_json(mc_vrps *s, const char *name, const char *buf, size_t len,
    mc_diag *d)
{
	json_error_t err;
	json_t *root, *roas, *r;
	size_t i, n;

	if (load_json_fast(s, buf, len, &n) == 0)
		return 0;
	root = json_loadb(buf, len, 0, &err);
	if (root == NULL) {
		mc_diag_error(d, name, err.line, "VRP JSON: %s", err.text);
		return -1;
	}
	roas = json_object_get(root, "roas");
	if (!json_is_array(roas)) {
		mc_diag_error(d, name, 1, "VRP JSON: no \"roas\" array "
		    "(expected rpki-client or Routinator output)");
		json_decref(root);
		return -1;
	}
	json_array_foreach(roas, i, r) {
		if (add_json_vrp(s, r) != 0) {
			/* jansson keeps no positions per value: name the entry. */
			mc_diag_error(d, name, 0, "VRP JSON: roas[%zu] is not a "
			    "valid VRP (asn, prefix, maxLength)", i);
			json_decref(root);
			return -1;
		}
	}
	json_decref(root);
	return 0;
}

/* Splits a text line into at most max white-space or comma separated words. */
static int
words(const char *s, const char *e, int comma, const char **w, size_t *wl,
    int max)
{
	int n = 0;

	while (s < e && n < max) {
		while (s < e && (isspace((unsigned char)*s) || (comma && *s == ',')))
			s++;
		if (s == e)
			break;
		w[n] = s;
		while (s < e && !isspace((unsigned char)*s) && !(comma && *s == ',') &&
		    *s != ';')
			s++;
		wl[n] = (size_t)(s - w[n]);
		n++;
		if (s < e && *s == ';')
			s++;
	}
	return n;
}


enum { FMT_CSV, FMT_OPENBGPD, FMT_BIRD };

/* One VRP per line; comments and framing lines are skipped. */
static int
load_text(mc_vrps *s, const char *name, const char *buf, size_t len, int fmt,
    mc_diag *d)
{
	const char *p = buf, *end = buf + len;
	int line = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		const char *w[12];
		size_t wl[12];
		int n, i;
		mc_vrp v;
		long maxlen = -1;
		int got_asn = 0;

		line++;
		n = words(p, e, fmt == FMT_CSV, w, wl, 12);
		p = nl ? nl + 1 : end;
		if (n == 0 || w[0][0] == '#')
			continue;
		memset(&v, 0, sizeof(v));
		if (fmt == FMT_CSV) {
			if (n >= 1 && strncmp(w[0], "ASN", wl[0]) == 0 && wl[0] == 3)
				continue;	/* header */
			if (n < 3 || parse_asn(w[0], wl[0], &v.asn) != 0 ||
			    !mc_prefix_parse_strict(w[1], wl[1], &v.p) ||
			    (maxlen = num(w[2], wl[2])) < 0)
				goto bad;
		} else if (fmt == FMT_OPENBGPD) {
			/* "P [maxlen N] source-as N [expires T]" inside roa-set { } */
			if (n == 1 && (w[0][0] == '}' || w[0][0] == '{'))
				continue;
			if (n >= 2 && wl[0] == 7 && strncmp(w[0], "roa-set", 7) == 0)
				continue;
			if (!mc_prefix_parse_strict(w[0], wl[0], &v.p) ||
			    n % 2 != 1 || n < 3)
				goto bad;	/* P then keyword/value pairs */
			for (i = 1; i + 1 < n; i += 2) {
				if (wl[i] == 6 && strncmp(w[i], "maxlen", 6) == 0)
					maxlen = num(w[i + 1], wl[i + 1]);
				else if (wl[i] == 9 && strncmp(w[i], "source-as", 9) == 0) {
					if (parse_asn(w[i + 1], wl[i + 1], &v.asn) != 0)
						goto bad;
					got_asn = 1;
				} else if (!(wl[i] == 7 && strncmp(w[i], "expires", 7) == 0))
					goto bad;
			}
			if (maxlen == -2 || !got_asn)
				goto bad;
		} else {
			/* BIRD 2: "route P max N as A;"  BIRD 1: "roa P max N as A;" */
			if ((wl[0] != 5 || strncmp(w[0], "route", 5) != 0) &&
			    (wl[0] != 3 || strncmp(w[0], "roa", 3) != 0 || n < 6))
				continue;	/* define, table, protocol, braces */
			if (n < 6 || !mc_prefix_parse_strict(w[1], wl[1], &v.p) ||
			    strncmp(w[2], "max", wl[2]) != 0 ||
			    (maxlen = num(w[3], wl[3])) < 0 ||
			    strncmp(w[4], "as", wl[4]) != 0 ||
			    parse_asn(w[5], wl[5], &v.asn) != 0)
				goto bad;
		}
		if (check_vrp(&v, maxlen) != 0)
			goto bad;
		mc_vrps_add(s, &v);
		continue;
bad:
		mc_diag_error(d, name, line, "not a VRP line: %.*s",
		    (int)((e - w[0]) > 80 ? 80 : (e - w[0])), w[0]);
		return -1;
	}
	return 0;
}

int
mc_vrps_load_buf(mc_vrps *s, const char *name, const char *buf, size_t len,
    mc_diag *d)
{
	const char *p = buf, *end = buf + len;

	if (memchr(buf, '\0', len) != NULL) {
		const char *z = memchr(buf, '\0', len);

		mc_diag_error(d, name, line_of(buf, z),
		    "binary data in a VRP file");
		return -1;
	}
	/* Skip white space and '#' comment lines to see the format. */
	while (p < end) {
		if (isspace((unsigned char)*p))
			p++;
		else if (*p == '#') {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			p = nl ? nl + 1 : end;
		} else
			break;
	}
	if (p == end) {
		mc_diag_error(d, name, 0, "empty VRP file");
		return -1;
	}
	if (*p == '{')
		return load_json(s, name, buf, len, d);
	if (end - p >= 7 && strncmp(p, "roa-set", 7) == 0)
		return load_text(s, name, buf, len, FMT_OPENBGPD, d);
	if ((end - p >= 3 && strncmp(p, "ASN", 3) == 0) ||
	    ((end - p >= 2 && strncasecmp(p, "AS", 2) == 0 && end - p > 2 &&
	    isdigit((unsigned char)p[2]))))
		return load_text(s, name, buf, len, FMT_CSV, d);
	if ((end - p >= 6 && strncmp(p, "define", 6) == 0) ||
	    (end - p >= 3 && strncmp(p, "roa", 3) == 0) ||
	    (end - p >= 8 && strncmp(p, "protocol", 8) == 0))
		return load_text(s, name, buf, len, FMT_BIRD, d);
	mc_diag_error(d, name, line_of(buf, p), "unknown VRP format (expected "
	    "rpki-client/Routinator JSON or CSV, OpenBGPD roa-set or BIRD roa table)");
	return -1;
}

int
mc_vrps_load(mc_vrps *s, const char *path, mc_diag *d)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0;
	int rc;

	if (f == NULL) {
		mc_diag_error(d, path, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	for (;;) {
		size_t got;

		if (cap - len < 65536) {
			char *nb;

			cap = cap ? cap * 2 : 1 << 20;
			if ((nb = realloc(buf, cap)) == NULL) {
				free(buf);
				fclose(f);
				mc_diag_error(d, path, 0, "out of memory");
				return -1;
			}
			buf = nb;
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		mc_diag_error(d, path, 0, "read error: %s", strerror(errno));
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	rc = mc_vrps_load_buf(s, path, buf ? buf : "", len, d);
	free(buf);
	return rc;
}
