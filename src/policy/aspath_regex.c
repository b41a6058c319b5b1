/*
 * AS-path regular expressions of each dialect, translated to PCRE2
 * patterns over the path written as "A B C" (ASNs, single spaces, first =
 * neighbour side).
 *
 * Cisco (IOS, IOS-XE, EOS, NX-OS, XR as-path-set ios-regex, FRR): a
 * POSIX-like regex over the path string searched anywhere in it; '_'
 * matches a space, ',', '{', '}', '(', ')', the start or the end of the
 * string (FRR rewrites '_' the same way in bgp_regcomp()).
 *
 * Junos: the regex is over AS numbers as tokens, not characters: a number
 * or a range "64512-65534" is one AS, '.' any one AS, with the operators
 * * + ? {m} {m,n} {m,} | ( ) and AS sets [ ]; the expression matches the
 * entire path (Junos "Understanding AS Path Regular Expressions for Use as
 * Routing Policy Match Conditions"; "show route aspath-regex: regular
 * expression that matches an entire AS path"), so ^ and $ are implied and
 * '()' is the empty path.
 *
 * POSIX: plain regex over the path string, searched.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "manrs/policy.h"
#include "policy/policy_int.h"

#define RE_MAX_IN 2048
#define RE_MAX_OUT 65536

/* A bounded string builder in a stack buffer grown in the arena. */
typedef struct sb {
	char *p;
	size_t n, cap;
	bool full;
} sb;

static void
sb_putn(sb *b, const char *s, size_t n)
{
	if (b->full || b->n + n + 1 > b->cap) {
		b->full = true;
		return;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void
sb_puts(sb *b, const char *s)
{
	sb_putn(b, s, strlen(s));
}

static void
sb_putc(sb *b, char c)
{
	sb_putn(b, &c, 1);
}

/* ---- numeric ranges as regexes ------------------------------------------ */

static void
digit_class(sb *b, char lo, char hi)
{
	if (lo == hi)
		sb_putc(b, lo);
	else if (lo == '0' && hi == '9')
		sb_puts(b, "\\d");
	else {
		sb_putc(b, '[');
		sb_putc(b, lo);
		sb_putc(b, '-');
		sb_putc(b, hi);
		sb_putc(b, ']');
	}
}

static void
any_digits(sb *b, int n)
{
	char buf[16];

	if (n == 1)
		sb_puts(b, "\\d");
	else if (n > 1) {
		snprintf(buf, sizeof(buf), "\\d{%d}", n);
		sb_puts(b, buf);
	}
}

static bool
all_of(const char *s, int n, char c)
{
	int i;

	for (i = 0; i < n; i++)
		if (s[i] != c)
			return false;
	return true;
}

/* Numbers of exactly n digits from lo to hi (decimal strings, lo <= hi). */
static void
range_same_len(sb *b, const char *lo, const char *hi, int n)
{
	static const char nines[] = "9999999999", zeros[] = "0000000000";
	int i = 0, rest;
	bool lo0, hi9, alt = false;
	char start, end;

	while (i < n && lo[i] == hi[i])
		i++;
	sb_putn(b, lo, (size_t)i);
	if (i == n)
		return;
	rest = n - i - 1;
	lo0 = all_of(lo + i + 1, rest, '0');
	hi9 = all_of(hi + i + 1, rest, '9');
	start = lo0 ? lo[i] : (char)(lo[i] + 1);
	end = hi9 ? hi[i] : (char)(hi[i] - 1);
	sb_puts(b, "(?:");
	if (!lo0) {
		sb_putc(b, lo[i]);
		range_same_len(b, lo + i + 1, nines, rest);
		alt = true;
	}
	if (start <= end) {
		if (alt)
			sb_putc(b, '|');
		digit_class(b, start, end);
		any_digits(b, rest);
		alt = true;
	}
	if (!hi9) {
		if (alt)
			sb_putc(b, '|');
		sb_putc(b, hi[i]);
		range_same_len(b, zeros, hi + i + 1, rest);
	}
	sb_putc(b, ')');
}

/* Any decimal number (no leading zeros) from lo to hi. */
static void
range_regex(sb *b, uint32_t lo, uint32_t hi)
{
	uint64_t p10 = 1;
	int d;
	bool alt = false;

	sb_puts(b, "(?:");
	for (d = 1; d <= 10; d++, p10 *= 10) {
		uint64_t dlo = d == 1 ? 0 : p10, dhi = p10 * 10 - 1;
		uint64_t a = lo > dlo ? lo : dlo, z = hi < dhi ? hi : dhi;
		char sa[16], sz[16];

		if (a > z)
			continue;
		snprintf(sa, sizeof(sa), "%llu", (unsigned long long)a);
		snprintf(sz, sizeof(sz), "%llu", (unsigned long long)z);
		if (alt)
			sb_putc(b, '|');
		range_same_len(b, sa, sz, d);
		alt = true;
	}
	sb_putc(b, ')');
}

/* ---- dialects ------------------------------------------------------------- */

static bool
cisco(sb *b, const char *re, const char **err)
{
	const char *s;
	int bracket = 0;

	for (s = re; *s != '\0'; s++) {
		if (*s == '\\' && s[1] != '\0') {
			sb_putn(b, s, 2);
			s++;
		} else if (*s == '[' && !bracket) {
			bracket = 1;
			sb_putc(b, '[');
			/* A ']' right after '[' or '[^' is a literal. */
			if (s[1] == '^') {
				sb_putc(b, '^');
				s++;
			}
			if (s[1] == ']') {
				sb_puts(b, "\\]");
				s++;
			}
		} else if (*s == ']' && bracket) {
			bracket = 0;
			sb_putc(b, ']');
		} else if (*s == '_' && !bracket)
			sb_puts(b, "(?:^|[ ,{}()]|$)");
		else
			sb_putc(b, *s);
	}
	if (bracket) {
		*err = "unterminated [";
		return false;
	}
	return true;
}

static bool
parse_u32(const char **sp, uint32_t *out)
{
	const char *s = *sp;
	uint64_t v = 0;

	if (*s < '0' || *s > '9')
		return false;
	while (*s >= '0' && *s <= '9') {
		v = v * 10 + (uint64_t)(*s - '0');
		if (v > UINT32_MAX)
			return false;
		s++;
	}
	*sp = s;
	*out = (uint32_t)v;
	return true;
}

/* "N" or "N-M" (Junos also writes AS ranges with spaces stripped). */
static bool
junos_number(sb *b, const char **sp, const char **err)
{
	uint32_t lo, hi;
	char buf[16];

	if (!parse_u32(sp, &lo)) {
		*err = "bad AS number";
		return false;
	}
	hi = lo;
	if (**sp == '-') {
		(*sp)++;
		if (!parse_u32(sp, &hi) || hi < lo) {
			*err = "bad AS range";
			return false;
		}
	}
	if (lo == hi) {
		snprintf(buf, sizeof(buf), "%u", lo);
		sb_puts(b, buf);
	} else
		range_regex(b, lo, hi);
	return true;
}

static bool
junos(sb *b, const char *re, const char **err)
{
	const char *s = re;
	int depth = 0;
	bool have_atom = false;

	sb_puts(b, "^(?:");
	while (*s != '\0') {
		if (*s == ' ' || *s == '\t') {
			s++;
			continue;
		}
		if (*s >= '0' && *s <= '9') {
			sb_puts(b, "(?:");
			if (!junos_number(b, &s, err))
				return false;
			sb_puts(b, "(?: |$))");
			have_atom = true;
			continue;
		}
		switch (*s) {
		case '.':
			sb_puts(b, "(?:\\d+(?: |$))");
			have_atom = true;
			s++;
			break;
		case '[': {
			bool alt = false;

			s++;
			if (*s == '^') {
				*err = "negated AS sets are not supported";
				return false;
			}
			sb_puts(b, "(?:(?:");
			for (;;) {
				while (*s == ' ' || *s == '\t')
					s++;
				if (*s == ']')
					break;
				if (*s < '0' || *s > '9') {
					*err = "bad AS set";
					return false;
				}
				if (alt)
					sb_putc(b, '|');
				if (!junos_number(b, &s, err))
					return false;
				alt = true;
			}
			if (!alt) {
				*err = "empty AS set";
				return false;
			}
			s++;
			sb_puts(b, ")(?: |$))");
			have_atom = true;
			break;
		}
		case '(':
			if (++depth > 64) {
				*err = "groups nested too deep";
				return false;
			}
			sb_puts(b, "(?:");
			have_atom = false;
			s++;
			break;
		case ')':
			if (--depth < 0) {
				*err = "unbalanced )";
				return false;
			}
			sb_putc(b, ')');
			have_atom = true;
			s++;
			break;
		case '|':
			sb_putc(b, '|');
			have_atom = false;
			s++;
			break;
		case '*':
		case '+':
		case '?':
			if (!have_atom) {
				*err = "operator without an operand";
				return false;
			}
			sb_putc(b, *s++);
			break;
		case '{': {
			const char *e = strchr(s, '}'), *q;

			if (e == NULL || !have_atom) {
				*err = "bad {m,n}";
				return false;
			}
			for (q = s + 1; q < e; q++)
				if ((*q < '0' || *q > '9') && *q != ',') {
					*err = "bad {m,n}";
					return false;
				}
			sb_putn(b, s, (size_t)(e - s + 1));
			s = e + 1;
			break;
		}
		case '^':
		case '$':
			s++;	/* implied anyway */
			break;
		default:
			*err = "unexpected character in Junos AS-path regex";
			return false;
		}
	}
	if (depth != 0) {
		*err = "unbalanced (";
		return false;
	}
	sb_puts(b, ")$");
	return true;
}

/* The PCRE2 pattern of a regex, in a malloc'd buffer; NULL with *err set. */
static char *
translate(const char *re, mc_regex_dialect d, const char **err)
{
	sb b;
	bool ok;

	if (re == NULL || strlen(re) > RE_MAX_IN) {
		*err = "regex missing or too long";
		return NULL;
	}
	b.cap = RE_MAX_OUT;
	b.p = malloc(b.cap);
	if (b.p == NULL) {
		*err = "out of memory";
		return NULL;
	}
	b.n = 0;
	b.full = false;
	b.p[0] = '\0';
	switch (d) {
	case MC_RE_CISCO:
		ok = cisco(&b, re, err);
		break;
	case MC_RE_JUNOS:
		ok = junos(&b, re, err);
		break;
	default:
		sb_puts(&b, re);
		ok = true;
		break;
	}
	if (ok && b.full) {
		*err = "regex too large";
		ok = false;
	}
	if (!ok) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

static pcre2_code *
compile(const char *pat, int *ec)
{
	PCRE2_SIZE eo;

	return pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
	    PCRE2_NEVER_UTF | PCRE2_NEVER_UCP, ec, &eo, NULL);
}

const char *
mc_aspath_regex_to_pcre(mc_arena *a, const char *re, mc_regex_dialect d,
    const char **err)
{
	const char *e = NULL, *out;
	pcre2_code *code;
	char *pat;
	int ec;

	if (err == NULL)
		err = &e;
	*err = NULL;
	if ((pat = translate(re, d, err)) == NULL)
		return NULL;
	/* Validate now so that callers get the error text. */
	if ((code = compile(pat, &ec)) == NULL) {
		PCRE2_UCHAR msg[160];

		pcre2_get_error_message(ec, msg, sizeof(msg));
		*err = mc_strdup(a, (const char *)msg);
		free(pat);
		return NULL;
	}
	pcre2_code_free(code);
	out = mc_strdup(a, pat);
	free(pat);
	return out;
}

pcre2_code *
pol_regex_compile(const char *re, mc_regex_dialect d)
{
	const char *err = NULL;
	pcre2_code *code;
	char *pat;
	int ec;

	if ((pat = translate(re, d, &err)) == NULL)
		return NULL;
	code = compile(pat, &ec);
	free(pat);
	return code;
}
