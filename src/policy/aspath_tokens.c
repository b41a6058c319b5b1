/*
 * The common Cisco as-path regexes, matched on whole AS numbers instead of
 * by PCRE2.  Operators' lists are nearly all of five shapes around one
 * "token" expression X that matches digits only:
 *
 *   _X_            some AS in the path is in X      (bogon, tier-1 lists)
 *   ^X_   _X$      the first (neighbour) / last (origin) AS is in X
 *   ^X$            the path is one AS, in X
 *   ^X(_X)*$       every AS is in X, at least one   (prepends of one AS)
 *
 * X is a sequence of digits and digit classes ("6449[6-9]"), or such
 * sequences in one alternation group "(174|209|3[0-9][0-9])".  Such an X
 * matches only digit strings, never an empty one, so a '_' next to it can
 * only be a separator or an end, and the regex holds exactly when whole
 * AS numbers of the path fall in X.  This holds on the path as the engine
 * writes it: numbers separated by single spaces (mc_route_path_fmt).  Any
 * other regex or subject goes to PCRE2, which defines the answer; the unit
 * test compares the two on random regexes and paths.
 */
#include <stdlib.h>
#include <string.h>

#include "policy/policy_int.h"

#define TOK_ALTS 64
#define TOK_DIGITS 10		/* an AS number has at most ten digits */

enum { SH_ANY, SH_FIRST, SH_LAST, SH_ONLY, SH_ALL };

struct pol_re_tok {
	int shape;
	int nalt;
	struct {
		int len;
		uint16_t cls[TOK_DIGITS];	/* bit d: digit d allowed */
	} alt[TOK_ALTS];
};

/* A digit class "[...]" at *sp: digits and ranges "a-b", no negation. */
static bool
parse_class(const char **sp, uint16_t *out)
{
	const char *s = *sp + 1;
	uint16_t m = 0;

	if (*s == ']')
		return false;
	while (*s != ']') {
		if (*s < '0' || *s > '9')
			return false;
		if (s[1] == '-' && s[2] != ']') {
			int a = *s - '0', b = s[2] - '0', d;

			if (s[2] < '0' || s[2] > '9' || b < a)
				return false;
			for (d = a; d <= b; d++)
				m |= (uint16_t)(1u << d);
			s += 3;
		} else {
			m |= (uint16_t)(1u << (*s - '0'));
			s++;
		}
	}
	*sp = s + 1;
	*out = m;
	return true;
}

/* One alternative: digits and classes up to a '|', ')' or the end. */
static bool
parse_seq(const char **sp, struct pol_re_tok *t)
{
	const char *s = *sp;
	int k;

	if (t->nalt >= TOK_ALTS)
		return false;
	k = t->nalt;
	t->alt[k].len = 0;
	for (;;) {
		uint16_t m;

		if (*s >= '0' && *s <= '9') {
			m = (uint16_t)(1u << (*s - '0'));
			s++;
		} else if (*s == '[') {
			if (!parse_class(&s, &m))
				return false;
		} else
			break;
		if (t->alt[k].len >= TOK_DIGITS)
			return false;
		t->alt[k].cls[t->alt[k].len++] = m;
	}
	if (t->alt[k].len == 0)
		return false;
	t->nalt++;
	*sp = s;
	return true;
}

/* X at *sp: a sequence, or one group of alternative sequences. */
static bool
parse_x(const char **sp, struct pol_re_tok *t)
{
	const char *s = *sp;

	if (*s != '(')
		return parse_seq(sp, t);
	s++;
	for (;;) {
		if (!parse_seq(&s, t))
			return false;
		if (*s == ')')
			break;
		if (*s != '|')
			return false;
		s++;
	}
	*sp = s + 1;
	return true;
}

struct pol_re_tok *
pol_re_tok_compile(const char *re)
{
	struct pol_re_tok t, *out;
	const char *s = re, *x0, *x1;
	bool start;

	memset(&t, 0, sizeof(t));
	if (*s != '_' && *s != '^')
		return NULL;
	start = *s == '^';
	x0 = ++s;
	if (!parse_x(&s, &t))
		return NULL;
	x1 = s;
	if (strcmp(s, "_") == 0)
		t.shape = start ? SH_FIRST : SH_ANY;
	else if (strcmp(s, "$") == 0)
		t.shape = start ? SH_ONLY : SH_LAST;
	else if (start && strncmp(s, "(_", 2) == 0 &&
	    strncmp(s + 2, x0, (size_t)(x1 - x0)) == 0 &&
	    strcmp(s + 2 + (x1 - x0), ")*$") == 0)
		t.shape = SH_ALL;
	else
		return NULL;
	if ((out = malloc(sizeof(*out))) == NULL)
		return NULL;
	*out = t;
	return out;
}

static bool
in_x(const struct pol_re_tok *t, const char *s, int len)
{
	int k, i;

	for (k = 0; k < t->nalt; k++) {
		if (t->alt[k].len != len)
			continue;
		for (i = 0; i < len; i++)
			if (!(t->alt[k].cls[i] >> (s[i] - '0') & 1))
				break;
		if (i == len)
			return true;
	}
	return false;
}

/* The regex's answer from what the path's ASNs did. */
static int
shape_answer(const struct pol_re_tok *t, int ntok, bool first, bool last,
    bool any, bool all)
{
	switch (t->shape) {
	case SH_ANY:
		return any;
	case SH_FIRST:
		return ntok > 0 && first;
	case SH_LAST:
		return ntok > 0 && last;
	case SH_ONLY:
		return ntok == 1 && first;
	default:
		return ntok > 0 && all;
	}
}

/*
 * 1 match, 0 no match, -1 the subject is not a path of numbers separated
 * by single spaces (the caller then asks PCRE2).
 */
int
pol_re_tok_match(const struct pol_re_tok *t, const char *s, size_t n)
{
	size_t i = 0, j, pi = 0, pn = 0;
	bool any = false, all = true, first = true, last = false;
	int ntok = 0;

	while (i < n) {
		for (j = i; j < n && s[j] >= '0' && s[j] <= '9'; j++)
			;
		if (j == i || j - i > TOK_DIGITS)
			return -1;
		if (j < n && (s[j] != ' ' || j + 1 == n))
			return -1;
		/* a prepended AS repeats: its verdict too */
		if (ntok == 0 || j - i != pn || memcmp(s + i, s + pi, pn) != 0)
			last = in_x(t, s + i, (int)(j - i));
		pi = i;
		pn = j - i;
		if (ntok == 0)
			first = last;
		any |= last;
		all &= last;
		ntok++;
		i = j + 1;
	}
	return shape_answer(t, ntok, first, last, any, all);
}


/* The same on the AS numbers themselves: the path is never written out
 * (a 101-AS probe path is 600 bytes of text per list and path). */
int
pol_re_tok_match_asns(const struct pol_re_tok *t, const uint32_t *path,
    int len)
{
	bool any = false, all = true, first = true, last = false;
	char d[TOK_DIGITS];
	int i, k;

	if (len > 128)
		len = 128;	/* as mc_route_path_fmt */
	for (i = 0; i < len; i++) {
		if (i == 0 || path[i] != path[i - 1]) {
			uint32_t v = path[i];
			char rev[TOK_DIGITS];
			int n = 0;

			do {
				rev[n++] = (char)('0' + v % 10);
				v /= 10;
			} while (v != 0);
			for (k = 0; k < n; k++)
				d[k] = rev[n - 1 - k];
			last = in_x(t, d, n);
		}
		if (i == 0)
			first = last;
		any |= last;
		all &= last;
	}
	return shape_answer(t, len < 0 ? 0 : len, first, last, any, all);
}

void
pol_re_tok_free(struct pol_re_tok *t)
{
	free(t);
}
