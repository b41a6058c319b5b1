/*
 * The text report: by device, then neighbour (role and where it came
 * from), then interface; each finding with its severity, rule, message,
 * file:line, the counter-example route, the policy term that let it through
 * and the fix.  Colour only when asked for (the CLI decides from the tty).
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "report/common.h"
#include "core/asan.h"

typedef struct out {
	FILE *fp;
	const mc_run *r;
	char *tmp[8];		/* sanitised copies, reused in turn */
	unsigned ntmp;
} out;

/* Keep a malloc'd string until the report ends (the S() ring). */
static const char *
keep(out *o, char *c)
{
	if (c == NULL)
		return "?";
	free(o->tmp[o->ntmp % 8]);
	o->tmp[o->ntmp++ % 8] = c;
	return c;
}

/* Text from configurations may hold control characters (an ESC sequence
 * in a description would drive the terminal): they are shown as '?'.
 * Whether s (of length n) holds one: sixteen bytes a step where there is
 * SSE2 (every line of the report passes here), then eight. */
static inline bool
has_control(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;

#ifdef __SSE2__
	{
		const __m128i lim = _mm_set1_epi8(0x1f),
		    del = _mm_set1_epi8(0x7f);

		/* v <= 0x1f where min(v, 0x1f) is v */
		for (; n >= 16; u += 16, n -= 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)u);

			if (_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(
			    _mm_min_epu8(v, lim), v), _mm_cmpeq_epi8(v, del))))
				return true;
		}
	}
#endif
	for (; n >= 8; u += 8, n -= 8) {
		uint64_t w, lo, del;

		memcpy(&w, u, sizeof(w));
		lo = (w - 0x2020202020202020ull) & ~w & 0x8080808080808080ull;
		del = w ^ 0x7f7f7f7f7f7f7f7full;
		del = (del - 0x0101010101010101ull) & ~del &
		    0x8080808080808080ull;
		if ((lo | del) != 0)
			break;
	}
	for (; n > 0; u++, n--)
		if (*u < 0x20 || *u == 0x7f)
			return true;
	return false;
}

/* The length of s's first run without a control character: up to its
 * NUL, or to the first control character.  One pass where strlen and then
 * has_control were two: aligned sixteen-byte loads (which never cross a
 * page), the bytes before s masked off.  AddressSanitizer would see the
 * bytes past the NUL: a plain loop there. */
static inline size_t
safe_span(const char *s)
{
#if defined(__SSE2__) && !defined(MC_ASAN)
	const __m128i lim = _mm_set1_epi8(0x1f), del = _mm_set1_epi8(0x7f);
	const char *p = (const char *)((uintptr_t)s & ~(uintptr_t)15);
	unsigned m;

	for (m = ~0u << (s - p);; p += 16) {
		__m128i v = _mm_load_si128((const __m128i *)p);

		m &= (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(
		    _mm_min_epu8(v, lim), v), _mm_cmpeq_epi8(v, del)));
		if (m != 0)
			return (size_t)(p + __builtin_ctz(m) - s);
		m = ~0u;
	}
#else
	const unsigned char *u = (const unsigned char *)s;

	while (*u >= 0x20 && *u != 0x7f)
		u++;
	return (size_t)((const char *)u - s);
#endif
}

static const char *
S(out *o, const char *s)
{
	char *c;
	size_t i;

	if (s == NULL)
		return "";
	if (!has_control(s, strlen(s)))
		return s;
	if ((c = strdup(s)) == NULL)
		return "?";
	for (i = 0; c[i] != '\0'; i++)
		if ((unsigned char)c[i] < 0x20 || c[i] == 0x7f)
			c[i] = '?';
	free(o->tmp[o->ntmp % 8]);
	o->tmp[o->ntmp++ % 8] = c;
	return c;
}

enum { C_RESET, C_BOLD, C_DIM, C_RED, C_YELLOW, C_CYAN, C_GREEN };

static const char *
col(out *o, int c)
{
	static const char *codes[] = {
		"\033[0m", "\033[1m", "\033[2m", "\033[31;1m", "\033[33;1m",
		"\033[36m", "\033[32m",
	};

	return o->r->color ? codes[c] : "";
}

/* An AS path for people: long ones (prepending probes) shortened to
 * "A B C D ... Z (101 ASNs)"; JSON keeps the whole path. */
/* A path's words (runs of bytes other than a space): how many, where the
 * fifth and the last begin.  Sixteen bytes a step: the long-path probes'
 * paths are a hundred ASes, in every finding about them. */
static size_t
path_words(const char *path, const char **cut, const char **last)
{
	size_t n = 0, len = strlen(path), i = 0;
	bool in = false;

	*cut = *last = NULL;
#ifdef __SSE2__
	for (; len - i >= 16; i += 16) {
		unsigned sp = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
		    _mm_loadu_si128((const __m128i *)(path + i)),
		    _mm_set1_epi8(' '))), word = ~sp & 0xffffu;
		unsigned starts = word & ~(word << 1 | (in ? 1u : 0u));

		in = (word >> 15) & 1;
		if (starts == 0)
			continue;
		*last = path + i + (31 - __builtin_clz(starts));
		if (n < 5 && n + (size_t)__builtin_popcount(starts) >= 5) {
			unsigned t = starts;
			size_t k;

			/* drop the starts before the fifth word's */
			for (k = n; k < 4; k++)
				t &= t - 1;
			*cut = path + i + __builtin_ctz(t);
		}
		n += (size_t)__builtin_popcount(starts);
	}
#endif
	for (; i < len; i++) {
		if (path[i] != ' ' && !in) {
			in = true;
			n++;
			*last = path + i;
			if (n == 5)
				*cut = path + i;
		} else if (path[i] == ' ')
			in = false;
	}
	return n;
}

static const char *
short_path(out *o, const char *path)
{
	const char *last, *cut;
	size_t n;
	char *c;

	if (path == NULL || *path == '\0')
		return "(empty)";
	n = path_words(path, &cut, &last);
	if (n <= 12 || cut == NULL)
		return S(o, path);
	if (asprintf(&c, "%.*s... %s (%zu ASNs)", (int)(cut - path), path,
	    last, n) < 0)
		return "?";
	return S(o, keep(o, c));
}

static int
sev_color(mc_severity s)
{
	return s == MC_SEV_ERROR ? C_RED : s == MC_SEV_WARNING ? C_YELLOW :
	    C_CYAN;
}

static const char *
action_title(int a)
{
	static const char *t[] = { "session/hygiene", "filtering",
		"anti-spoofing", "coordination", "global validation" };

	return a >= 0 && a <= 4 ? t[a] : "?";
}

/* Every line of a multi-line text, indented; control characters shown
 * as '?' like everywhere else. */
static void
indented(out *o, const char *indent, const char *text)
{
	const char *p = text, *q, *end = text + strlen(text);

	/* Runs of printable text at once: a fix is dozens of lines, and a
	 * call per byte showed in profiles. */
	fputs_unlocked(indent, o->fp);
	for (;;) {
		/* eight bytes at a time while none is below 0x20 */
		for (q = p; end - q >= 8; q += 8) {
			uint64_t w;

			memcpy(&w, q, sizeof(w));
			if (((w - 0x2020202020202020ull) & ~w &
			    0x8080808080808080ull) != 0)
				break;
		}
		for (; (unsigned char)*q >= 0x20 || *q == '\t'; q++)
			;
		if (q > p)
			fwrite_unlocked(p, 1, (size_t)(q - p), o->fp);
		if (*q == '\0')
			break;
		if (*q == '\n') {
			fputc_unlocked('\n', o->fp);
			if (q[1] != '\0')
				fputs_unlocked(indent, o->fp);
		} else
			fputc_unlocked('?', o->fp);
		p = q + 1;
	}
	if (q > text && q[-1] != '\n')
		fputc_unlocked('\n', o->fp);
}

/* Strings in a row, ended by NULL: fprintf's set-up per call showed in
 * profiles at a hundred findings per router. */
static void
put(out *o, ...)
{
	const char *t;
	va_list ap;

	va_start(ap, o);
	while ((t = va_arg(ap, const char *)) != NULL)
		fputs_unlocked(t, o->fp);
	va_end(ap);
}

static void
example(out *o, const mc_finding *f, const char *indent)
{
	put(o, indent, "example:    ", f->ex_prefix != NULL ?
	    S(o, f->ex_prefix) : "?", " as-path ", short_path(o, f->ex_path),
	    (const char *)NULL);
	if (f->ex_comms != NULL && f->ex_comms[0] != '\0')
		put(o, " communities ", S(o, f->ex_comms), (const char *)NULL);
	/* not-found is what every probe route is unless said otherwise */
	if (f->ex_rov != NULL && f->ex_rov[0] != '\0' &&
	    strcmp(f->ex_rov, "notfound") != 0 &&
	    strcmp(f->ex_rov, "not-found") != 0)
		put(o, " rpki ", S(o, f->ex_rov), (const char *)NULL);
	fputc_unlocked('\n', o->fp);
}

#define WRAP_COLS 100

/* Text that starts at column col, wrapped at spaces to WRAP_COLS, with
 * continuation lines indented; ends the line. */
static void
wrapped(out *o, int col, const char *indent, const char *text)
{
	const char *p = text, *sp, *end;
	int ind = (int)strlen(indent), width;

	while (*p == ' ')
		p++;
	for (;;) {
		width = WRAP_COLS - col;
		if (width < 20)
			width = 20;
		if ((int)strlen(p) <= width) {
			fputs_unlocked(p, o->fp);
			fputc_unlocked('\n', o->fp);
			return;
		}
		/* the last space within the width, else the first after it */
		for (sp = NULL, end = p; *end != '\0' && end - p <= width; end++)
			if (*end == ' ')
				sp = end;
		if (sp == NULL)
			sp = strchr(p + width, ' ');
		if (sp == NULL) {
			fputs_unlocked(p, o->fp);
			fputc_unlocked('\n', o->fp);
			return;
		}
		fwrite_unlocked(p, 1, (size_t)(sp - p), o->fp);
		fputc_unlocked('\n', o->fp);
		fputs_unlocked(indent, o->fp);
		for (p = sp; *p == ' '; p++)
			;
		if (*p == '\0') {
			fputc_unlocked('\n', o->fp);
			return;
		}
		col = ind;
	}
}

static void
finding_full(out *o, const mc_finding *f)
{
	const char *ind = "             ";

	if (f->waived) {
		fprintf(o->fp, "    %swaived  %s  %s%s%s%s\n", col(o, C_DIM),
		    S(o, f->rule), S(o, f->message),
		    f->waiver_reason ? " (waiver: " : "",
		    S(o, f->waiver_reason),
		    f->waiver_reason ? ")" : "");
		fprintf(o->fp, "%s%s:%d%s\n", ind, S(o, f->file),
		    f->line, col(o, C_RESET));
		return;
	}
	/* Baselined: known on the day of the baseline, dimmed; still with
	 * the whole story, since it is still to be fixed. */
	{
		const char *sev = mc_severity_name(f->severity);
		char pad[8], num[16];
		size_t l = strlen(sev);

		/* "%-7s" */
		memset(pad, ' ', sizeof(pad));
		pad[l < 7 ? 7 - l : 0] = '\0';
		put(o, "    ", col(o, f->baselined ? C_DIM :
		    sev_color(f->severity)), sev, pad, col(o, C_RESET), " ",
		    col(o, f->baselined ? C_DIM : C_BOLD), S(o, f->rule),
		    f->baselined ? " (baselined)" : "", col(o, C_RESET), "  ",
		    (const char *)NULL);
		wrapped(o, 4 + 8 + (int)strlen(f->rule ? f->rule : "") +
		    (f->baselined ? 12 : 0) + 2, ind, S(o, f->message));
		mc_snprintf(num, sizeof(num), ":%d", f->line);
		put(o, ind, S(o, f->file), num, (const char *)NULL);
	}
	if (f->vrf != NULL)
		put(o, " (vrf ", S(o, f->vrf), ")", (const char *)NULL);
	fputc_unlocked('\n', o->fp);
	if (f->has_example)
		example(o, f, ind);
	if (f->decided_by != NULL)
		put(o, ind, "decided by: ", S(o, f->decided_by), "\n",
		    (const char *)NULL);
	if (f->fix != NULL && f->fix[0] != '\0') {
		put(o, ind, "fix:\n", (const char *)NULL);
		indented(o, "               ", f->fix);
	}
}

/* A line built in memory, written with one call: at a hundred findings
 * per router, a stdio call per piece showed in profiles.  A line longer
 * than the buffer goes out in parts. */
typedef struct line {
	FILE *fp;
	char *p;
	size_t n, cap;
} line;

static void
ln_flush(line *l)
{
	if (l->n > 0)
		fwrite_unlocked(l->p, 1, l->n, l->fp);
	l->n = 0;
}

/* What does not fit: the buffer out first, then s if still too long. */
static void
ln_spill(line *l, const char *s, size_t n)
{
	ln_flush(l);
	if (n > l->cap)
		fwrite_unlocked(s, 1, n, l->fp);
	else {
		memcpy(l->p, s, n);
		l->n = n;
	}
}

static inline void
ln_raw(line *l, const char *s, size_t n)
{
	if (n > l->cap - l->n) {
		ln_spill(l, s, n);
		return;
	}
	memcpy(l->p + l->n, s, n);
	l->n += n;
}

static void
ln_str(line *l, const char *s)
{
	ln_raw(l, s, strlen(s));
}

/* n bytes of s as S() would show them: control characters as '?'. */
static void
ln_safe_n(line *l, const char *s, size_t n)
{
	size_t i;

	if (!has_control(s, n)) {
		ln_raw(l, s, n);
		return;
	}
	for (i = 0; i < n; i++) {
		if (l->n == l->cap)
			ln_flush(l);
		l->p[l->n++] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ?
		    '?' : s[i];
	}
}

/* A string as S() would show it, NULL as nothing: the run before the
 * first control character (the whole of nearly every text) at once. */
static void
ln_safe(line *l, const char *s)
{
	size_t i;

	if (s == NULL)
		return;
	i = safe_span(s);
	ln_raw(l, s, i);
	if (s[i] != '\0')
		ln_safe_n(l, s + i, strlen(s + i));
}

/* short_path's text, written straight into the line. */
static void
ln_path(line *l, const char *path)
{
	const char *last, *cut;
	char num[24];
	size_t n;
	int k;

	if (path == NULL || *path == '\0') {
		ln_raw(l, "(empty)", 7);
		return;
	}
	n = path_words(path, &cut, &last);
	if (n <= 12 || cut == NULL) {
		ln_safe(l, path);
		return;
	}
	ln_safe_n(l, path, (size_t)(cut - path));
	ln_raw(l, "... ", 4);
	ln_safe(l, last);
	k = snprintf(num, sizeof(num), " (%zu ASNs)", n);
	ln_raw(l, num, (size_t)k);
}

/* ":LINE: " at the end of buf (of 16), as "%d" writes the number;
 * where it starts. */
static const char *
line_no(char *buf, int v)
{
	char *p = buf + 16;
	unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;

	*--p = ' ';
	*--p = ':';
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		*--p = '-';
	*--p = ':';
	return p;
}

static void
finding_quiet(out *o, const mc_finding *f)
{
	char mem[4096], num[16];
	line l = { o->fp, mem, 0, sizeof(mem) };
	const char *nb;

	ln_safe(&l, f->file);
	nb = line_no(num, f->line);
	ln_raw(&l, nb, (size_t)(num + sizeof(num) - nb));
	ln_str(&l, col(o, sev_color(f->severity)));
	ln_str(&l, mc_severity_name(f->severity));
	ln_str(&l, col(o, C_RESET));
	ln_raw(&l, " ", 1);
	ln_safe(&l, f->rule);
	if (f->neighbor != NULL || f->interface != NULL) {
		ln_raw(&l, " [", 2);
		ln_safe(&l, f->neighbor != NULL ? f->neighbor : f->interface);
		ln_raw(&l, "]", 1);
	}
	ln_raw(&l, " ", 1);
	ln_safe(&l, f->message);
	if (f->has_example) {
		ln_raw(&l, " (e.g. ", 7);
		ln_safe(&l, f->ex_prefix);
		if (f->ex_path && f->ex_path[0]) {
			ln_raw(&l, " path ", 6);
			ln_path(&l, f->ex_path);
		}
		ln_raw(&l, ")", 1);
	}
	ln_raw(&l, "\n", 1);
	ln_flush(&l);
}

static int
cmp_sev_first(const void *a, const void *b)
{
	const mc_finding *x = *(const mc_finding *const *)a;
	const mc_finding *y = *(const mc_finding *const *)b;

	if (x->waived != y->waived)
		return x->waived ? 1 : -1;
	if (x->baselined != y->baselined)
		return x->baselined ? 1 : -1;
	if (x->severity != y->severity)
		return x->severity > y->severity ? -1 : 1;
	return mc_finding_cmp(x, y);
}

static void
neighbor_header(out *o, const mc_neighbor *n)
{
	fprintf(o->fp, "  %sneighbour %s%s", col(o, C_BOLD),
	    S(o, n->address ? n->address : n->name ? n->name : "?"),
	    col(o, C_RESET));
	if (n->name != NULL && n->address != NULL &&
	    strcmp(n->name, n->address) != 0)
		fprintf(o->fp, " (%s)", S(o, n->name));
	if (n->remote_as_kind == MC_RAS_NUMBER)
		fprintf(o->fp, " AS%u", n->remote_as);
	else if (n->remote_as_kind != MC_RAS_UNKNOWN)
		fprintf(o->fp, " remote-as %s", n->remote_as_kind ==
		    MC_RAS_EXTERNAL ? "external" : "internal");
	if (n->vrf != NULL)
		fprintf(o->fp, " vrf %s", S(o, n->vrf));
	if (n->description != NULL)
		fprintf(o->fp, " \"%s\"", S(o, n->description));
	fprintf(o->fp, ": %s (from %s), line %d%s\n", mc_role_name(n->role),
	    n->role_source ? S(o, n->role_source) : "none", n->line,
	    n->shutdown ? ", shut down" : "");
}

/*
 * Each neighbour in configuration order, with its findings in the order of
 * v.  One lookup per finding (nbrmap.c: the first neighbour with that
 * address or name in that VRF); scanning every finding for each neighbour
 * was quadratic on routers with many sessions.
 */
static void
by_neighbour(out *o, const mc_device *d, const mc_finding **v, size_t n,
    bool *done)
{
	size_t nn = d->neighbors.n, *first, *fill, *idx, i, j, k;
	mc_nbrmap map;
	long *owner;

	first = calloc(2 * (nn + 1) + n + 1, sizeof(*first));
	owner = calloc(n + 1, sizeof(*owner));
	if (first == NULL || owner == NULL) {
		free(first);
		free(owner);
		return;
	}
	fill = first + nn + 1;
	idx = fill + nn + 1;
	mc_nbrmap_init(&map, d);
	for (i = 0; i < n; i++) {
		owner[i] = done[i] ? -1 : mc_nbrmap_find(&map, v[i]);
		if (owner[i] >= 0)
			first[owner[i] + 1]++;
	}
	mc_nbrmap_free(&map);
	for (j = 0; j < nn; j++) {
		first[j + 1] += first[j];
		fill[j] = first[j];
	}
	for (i = 0; i < n; i++)
		if (owner[i] >= 0)
			idx[fill[owner[i]]++] = i;
	for (j = 0; j < nn; j++) {
		const mc_neighbor *nb = d->neighbors.v[j];

		if (nb->is_group_only ||
		    (first[j] == first[j + 1] && !o->r->verbose))
			continue;
		neighbor_header(o, nb);
		for (k = first[j]; k < first[j + 1]; k++) {
			finding_full(o, v[idx[k]]);
			done[idx[k]] = true;
		}
	}
	free(first);
	free(owner);
}

static void
device(out *o, const mc_device_result *res, bool *done)
{
	const mc_device *d = res->dev;
	const mc_finding **v;
	size_t i, k, n = res->findings.n, active = 0, nsessions = 0, nbase = 0;

	for (i = 0; i < d->neighbors.n; i++)
		if (!d->neighbors.v[i]->is_group_only)
			nsessions++;
	for (i = 0; i < n; i++)
		if (!res->findings.v[i].waived && !res->findings.v[i].baselined)
			active++;
		else if (!res->findings.v[i].waived)
			nbase++;
	fprintf(o->fp, "%s%s%s  %s  (%s", col(o, C_BOLD),
	    d->hostname ? S(o, d->hostname) : "(no hostname)", col(o, C_RESET),
	    S(o, d->file), mc_vendor_name(d->vendor));
	if (d->bgp.asn)
		fprintf(o->fp, ", AS%u", d->bgp.asn);
	fprintf(o->fp, ", %d lines, %zu BGP session%s", d->lines, nsessions,
	    nsessions == 1 ? "" : "s");
	if (d->unrecognized > 0)
		fprintf(o->fp, ", %d lines not understood", d->unrecognized);
	fprintf(o->fp, ")%s\n", active > 0 ? "" : nbase > 0 ?
	    ": no new findings" : ": no findings");
	for (i = 0; i < d->notes.n; i++)
		fprintf(o->fp, "  note: %s\n", S(o, d->notes.v[i]));

	if ((v = calloc(n + 1, sizeof(*v))) == NULL)
		return;
	for (i = 0; i < n; i++) {
		v[i] = &res->findings.v[i];
		done[i] = false;
	}
	/* Within a device: errors first, then by line and rule. */
	qsort(v, n, sizeof(*v), cmp_sev_first);

	/* The device itself. */
	for (i = k = 0; i < n; i++) {
		if (v[i]->neighbor != NULL || v[i]->interface != NULL)
			continue;
		if (k++ == 0)
			fprintf(o->fp, "  %sdevice%s\n", col(o, C_BOLD),
			    col(o, C_RESET));
		finding_full(o, v[i]);
		done[i] = true;
	}
	by_neighbour(o, d, v, n, done);
	/* Interfaces and neighbours the model does not list (e.g. groups),
	 * each with its findings, in the order above. */
	for (i = 0; i < n; i++) {
		const char *key;
		bool nbr;

		if (done[i])
			continue;
		nbr = v[i]->neighbor != NULL;
		key = nbr ? v[i]->neighbor : v[i]->interface;
		fprintf(o->fp, "  %s%s %s%s\n", col(o, C_BOLD),
		    nbr ? "neighbour" : "interface", S(o, key), col(o, C_RESET));
		for (k = i; k < n; k++) {
			if (done[k])
				continue;
			if (nbr ? (v[k]->neighbor == NULL ||
			    strcmp(v[k]->neighbor, key) != 0) :
			    (v[k]->neighbor != NULL || v[k]->interface == NULL ||
			    strcmp(v[k]->interface, key) != 0))
				continue;
			finding_full(o, v[k]);
			done[k] = true;
		}
	}
	if (o->r->verbose && d->unparsed.n > 0) {
		fprintf(o->fp, "  %slines not understood%s\n", col(o, C_BOLD),
		    col(o, C_RESET));
		for (i = 0; i < d->unparsed.n; i++)
			fprintf(o->fp, "    %s:%d: [%s] %s\n", S(o, d->file),
			    d->unparsed.v[i].line, S(o, d->unparsed.v[i].section),
			    S(o, d->unparsed.v[i].text));
		if ((size_t)d->unrecognized > d->unparsed.n)
			fprintf(o->fp, "    ... and %zu more\n",
			    (size_t)d->unrecognized - d->unparsed.n);
	}
	free(v);
}

static void
summary(out *o)
{
	const mc_run *r = o->r;
	mc_report_counts c;
	int a;

	mc_report_count(r, &c);
	fprintf(o->fp, "%s%zu device%s, %zu finding%s%s (%s%zu error%s%s, "
	    "%s%zu warning%s%s, %zu info)", col(o, C_BOLD), r->nresults,
	    r->nresults == 1 ? "" : "s", c.findings, c.findings == 1 ? "" : "s",
	    col(o, C_RESET),
	    c.by_sev[MC_SEV_ERROR] ? col(o, C_RED) : "", c.by_sev[MC_SEV_ERROR],
	    c.by_sev[MC_SEV_ERROR] == 1 ? "" : "s", col(o, C_RESET),
	    c.by_sev[MC_SEV_WARNING] ? col(o, C_YELLOW) : "",
	    c.by_sev[MC_SEV_WARNING], c.by_sev[MC_SEV_WARNING] == 1 ? "" : "s",
	    col(o, C_RESET), c.by_sev[MC_SEV_INFO]);
	if (c.baselined > 0)
		fprintf(o->fp, ", %zu baselined", c.baselined);
	if (c.waived > 0)
		fprintf(o->fp, ", %zu waived", c.waived);
	if (c.errors > 0)
		fprintf(o->fp, ", %s%zu input error%s%s", col(o, C_RED), c.errors,
		    c.errors == 1 ? "" : "s", col(o, C_RESET));
	fprintf(o->fp, "; MANRS actions:");
	for (a = 1; a <= 4; a++) {
		mc_action_status s = mc_run_action(r, a);

		fprintf(o->fp, " %d %s %s%s%s%s", a, action_title(a),
		    col(o, s == MC_ACT_FAIL ? C_RED : s == MC_ACT_PASS ?
		    C_GREEN : C_DIM), mc_action_status_name(s), col(o, C_RESET),
		    a < 4 ? "," : "\n");
	}
}

/* The report, every device then the errors and the summary. */
static int
report(out *o)
{
	size_t i, n, max = 0;
	const mc_finding **v;
	bool *done;

	if (o->r->streamed != NULL) {
		/* the devices are out already (mc_report_text_device) */
	} else if (o->r->quiet) {
		v = mc_report_sorted(o->r, &n);
		for (i = 0; i < n; i++)
			if (!v[i]->waived && !v[i]->baselined)
				finding_quiet(o, v[i]);
		free(v);
	} else {
		for (i = 0; i < o->r->nresults; i++)
			if (o->r->results[i].findings.n > max)
				max = o->r->results[i].findings.n;
		if ((done = calloc(max + 1, sizeof(*done))) == NULL)
			return -1;
		for (i = 0; i < o->r->nresults; i++) {
			device(o, &o->r->results[i], done);
			fputc_unlocked('\n', o->fp);
		}
		free(done);
	}
	if (o->r->diag != NULL && o->r->diag->errors.n > 0) {
		fprintf(o->fp, "%sinput errors%s\n", col(o, C_BOLD),
		    col(o, C_RESET));
		for (i = 0; i < o->r->diag->errors.n; i++) {
			const mc_error *e = &o->r->diag->errors.v[i];

			if (e->file != NULL && e->line > 0)
				fprintf(o->fp, "  %s:%d: %s\n", S(o, e->file),
				    e->line, S(o, e->message));
			else if (e->file != NULL)
				fprintf(o->fp, "  %s: %s\n", S(o, e->file),
				    S(o, e->message));
			else
				fprintf(o->fp, "  %s\n", S(o, e->message));
		}
		if (!o->r->quiet)
			fputc_unlocked('\n', o->fp);
	}
	summary(o);
	for (i = 0; i < 8; i++)
		free(o->tmp[i]);
	return ferror(o->fp) ? -1 : 0;
}

int
mc_report_text_device(FILE *fp, const mc_run *r,
    const mc_device_result *res)
{
	out o = { .fp = fp, .r = r };
	const mc_finding **v = NULL;
	bool *done = NULL;
	size_t i, n = res->findings.n;

	if (r->quiet)
		v = calloc(n + 1, sizeof(*v));
	else
		done = calloc(n + 1, sizeof(*done));
	if (v == NULL && done == NULL)
		return -1;
	flockfile(fp);
	if (r->quiet) {
		for (i = 0; i < n; i++)
			v[i] = &res->findings.v[i];
		mc_findings_sort(v, n);	/* as report() has them */
		for (i = 0; i < n; i++)
			if (!v[i]->waived && !v[i]->baselined)
				finding_quiet(&o, v[i]);
	} else {
		device(&o, res, done);
		fputc_unlocked('\n', fp);
	}
	funlockfile(fp);
	free(v);
	free(done);
	for (i = 0; i < 8; i++)
		free(o.tmp[i]);
	return ferror(fp) ? -1 : 0;
}

int
mc_report_text(FILE *fp, const mc_run *r)
{
	out o = { .fp = fp, .r = r };
	int rc;

	/* Held for the whole report: the pieces below are written with the
	 * _unlocked calls, which skip the lock per call. */
	flockfile(fp);
	rc = report(&o);
	funlockfile(fp);
	return rc;
}
