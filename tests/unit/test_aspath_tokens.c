/*
 * The token matcher for common Cisco as-path regexes (aspath_tokens.c)
 * against PCRE2 on the translated regex, which defines the answer: fixed
 * cases, then random regexes of the five shapes and their near misses on
 * random paths.
 */
#include "helpers.h"
#include "policy/policy_int.h"

static mc_arena *A;

/* PCRE2's answer on the Cisco regex. */
static int
pcre(const char *re, const char *subj)
{
	const char *err = NULL, *pat = mc_aspath_regex_to_pcre(A, re,
	    MC_RE_CISCO, &err);
	pcre2_code *code;
	pcre2_match_data *md;
	int ec, rc;
	PCRE2_SIZE eo;

	if (pat == NULL)
		return -2;
	code = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
	    PCRE2_NEVER_UTF | PCRE2_NEVER_UCP, &ec, &eo, NULL);
	if (code == NULL)
		return -2;
	md = pcre2_match_data_create_from_pattern(code, NULL);
	rc = pcre2_match(code, (PCRE2_SPTR)subj, strlen(subj), 0, 0, md, NULL);
	pcre2_match_data_free(md);
	pcre2_code_free(code);
	return rc >= 0 ? 1 : 0;
}

static int
tok(const char *re, const char *subj)
{
	struct pol_re_tok *t = pol_re_tok_compile(re);
	int rc;

	if (t == NULL)
		return -2;
	rc = pol_re_tok_match(t, subj, strlen(subj));
	pol_re_tok_free(t);
	return rc;
}

#define SAME(re, subj, want) do {                                          \
	int w_ = (want), t_ = tok(re, subj), p_ = pcre(re, subj);          \
	if (t_ != w_ || p_ != w_)                                          \
		fail_msg("%s on \"%s\": token %d, pcre %d, want %d", re,  \
		    subj, t_, p_, w_);                                     \
} while (0)

static void
test_shapes(void **state)
{
	(void)state;
	SAME("_23456_", "64500 23456", 1);
	SAME("_23456_", "64500 234567", 0);
	SAME("_23456_", "23456", 1);
	SAME("_23456_", "", 0);
	SAME("_(174|209|3356)_", "64500 3356 15169", 1);
	SAME("_(174|209|3356)_", "64500 33560 1740", 0);
	SAME("_(6449[6-9]|64[5-9][0-9][0-9]|6[5-9][0-9][0-9][0-9])_",
	    "64500 64496", 1);
	SAME("_(6449[6-9]|64[5-9][0-9][0-9]|6[5-9][0-9][0-9][0-9])_",
	    "64500 64495", 1);	/* 64[5-9]..: 64500 itself */
	SAME("_(6449[6-9]|64[5-9][0-9][0-9]|6[5-9][0-9][0-9][0-9])_",
	    "3333 64495 100", 0);
	SAME("_[0-9]_", "1 22 333", 1);
	SAME("_[1-3][0-9]_", "5 99 100", 0);
	SAME("^64500_", "64500 1 2", 1);
	SAME("^64500_", "1 64500", 0);
	SAME("^64500_", "64500", 1);
	SAME("_15169$", "64500 15169", 1);
	SAME("_15169$", "15169 64500", 0);
	SAME("^4000$", "4000", 1);
	SAME("^4000$", "4000 4000", 0);
	SAME("^4000$", "", 0);
	SAME("^1000(_1000)*$", "1000 1000 1000", 1);
	SAME("^1000(_1000)*$", "1000", 1);
	SAME("^1000(_1000)*$", "1000 1000 1001", 0);
	SAME("^1000(_1000)*$", "", 0);
	SAME("^(1|22)(_(1|22))*$", "22 1 22", 1);
	SAME("^(1|22)(_(1|22))*$", "22 12", 0);
	/* subjects the matcher does not read: PCRE2 answers */
	assert_int_equal(tok("_1_", "1  2"), -1);
	assert_int_equal(tok("_1_", " 1"), -1);
	assert_int_equal(tok("_1_", "1 "), -1);
	assert_int_equal(tok("_1_", "65000:1"), -1);
	assert_int_equal(tok("_1_", "12345678901"), -1);
	/* regexes it does not take */
	assert_int_equal(tok("_.*_", "1"), -2);
	assert_int_equal(tok("^1000", "1"), -2);
	assert_int_equal(tok("^(200)", "1"), -2);
	assert_int_equal(tok("_1_2_", "1 2"), -2);
	assert_int_equal(tok("_[0-9]+_", "1"), -2);
	assert_int_equal(tok("_(1|2)*_", "1"), -2);
	assert_int_equal(tok("_[^0-9]_", "1"), -2);
	assert_int_equal(tok("_\\d_", "1"), -2);
	assert_int_equal(tok("_[1-]_", "1"), -2);
	assert_int_equal(tok("_[]_", "1"), -2);
	assert_int_equal(tok("_()_", "1"), -2);
	assert_int_equal(tok("_(1|)_", "1"), -2);
	assert_int_equal(tok("^1(_2)*$", "1"), -2);
	assert_int_equal(tok("^(1|2)(_(1|3))*$", "1"), -2);
	assert_int_equal(tok("_12345678901_", "1"), -2);
}

/* ---- random differential test ------------------------------------------ */

#define MAXALT 6
#define MAXLEN 6

typedef struct gx {
	int nalt;
	int len[MAXALT];
	uint16_t cls[MAXALT][MAXLEN];
} gx;

static uint64_t seed = 0x9e3779b97f4a7c15ull;

static unsigned
rnd(unsigned n)
{
	return ut_rnd(&seed, n);
}

/* A random token expression, written into buf. */
static void
gen_x(gx *x, char *buf, size_t cap)
{
	size_t n = 0;
	int a, i;

	x->nalt = 1 + (int)rnd(MAXALT);
	if (x->nalt > 1 || rnd(4) == 0)
		n += (size_t)snprintf(buf + n, cap - n, "(");
	for (a = 0; a < x->nalt; a++) {
		x->len[a] = 1 + (int)rnd(MAXLEN);
		if (a > 0)
			n += (size_t)snprintf(buf + n, cap - n, "|");
		for (i = 0; i < x->len[a]; i++) {
			if (rnd(3) == 0) {
				int lo = (int)rnd(10), hi = lo + (int)rnd(10 - lo);
				int lone = (int)rnd(10), d;

				x->cls[a][i] = 0;
				for (d = lo; d <= hi; d++)
					x->cls[a][i] |= (uint16_t)(1u << d);
				x->cls[a][i] |= (uint16_t)(1u << lone);
				n += (size_t)snprintf(buf + n, cap - n,
				    "[%d-%d%d]", lo, hi, lone);
			} else {
				int d = (int)rnd(10);

				x->cls[a][i] = (uint16_t)(1u << d);
				n += (size_t)snprintf(buf + n, cap - n, "%d", d);
			}
		}
	}
	if (buf[0] == '(')
		n += (size_t)snprintf(buf + n, cap - n, ")");
}

/* A token X matches (or, with miss, usually one it does not). */
static void
gen_token(const gx *x, char *out, bool miss)
{
	int a = (int)rnd((unsigned)x->nalt), i, len;

	if (miss) {
		len = 1 + (int)rnd(7);
		for (i = 0; i < len; i++)
			out[i] = (char)('0' + rnd(10));
		if (out[0] == '0' && len > 1)
			out[0] = '1';
		out[len] = '\0';
		return;
	}
	for (i = 0; i < x->len[a]; i++) {
		int d;

		do
			d = (int)rnd(10);
		while (!(x->cls[a][i] >> d & 1));
		out[i] = (char)('0' + d);
	}
	out[x->len[a]] = '\0';
	/* a near miss: one digit less, or one more */
	if (rnd(5) == 0)
		out[x->len[a] - 1] = '\0';
	else if (rnd(4) == 0) {
		out[x->len[a]] = rnd(2) ? out[0] : '7';
		out[x->len[a] + 1] = '\0';
	}
}

static void
gen_path(const gx *x, char *out, size_t cap)
{
	int n = (int)rnd(6), i;
	size_t k = 0;
	char t[16];

	if (rnd(4) == 0) {
		/* a prepend: one AS many times, maybe another before it */
		gen_token(x, t, rnd(2));
		if (t[0] == '\0')
			strcpy(t, "1");
		n = 1 + (int)rnd(30);
		for (i = 0; i < n; i++)
			k += (size_t)snprintf(out + k, cap - k, "%s%s",
			    i ? " " : "", t);
		if (rnd(2)) {
			gen_token(x, t, rnd(2));
			if (t[0] != '\0')
				k += (size_t)snprintf(out + k, cap - k, " %s",
				    t);
		}
		return;
	}
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		gen_token(x, t, rnd(3) == 0);
		if (t[0] == '\0')
			continue;
		k += (size_t)snprintf(out + k, cap - k, "%s%s", k ? " " : "",
		    t);
	}
}

/* Numbers without leading zeros, as an AS path is written. */
static bool
canonical(const char *s)
{
	const char *p;

	for (p = s; *p != '\0'; p++)
		if (*p == '0' && p[1] >= '0' && p[1] <= '9' &&
		    (p == s || p[-1] == ' '))
			return false;
	return true;
}

static void
test_random(void **state)
{
	static const char noise[] = "_^$()|*+?.[]-0123456789\\ ";
	int i, p, taken = 0, yes = 0, no = 0, other = 0, nasn = 0;

	(void)state;
	for (i = 0; i < 4000; i++) {
		char x1[256], x2[256], re[600], path[512];
		gx gx1, gx2;
		struct pol_re_tok *t;
		int shape = (int)rnd(6);

		gen_x(&gx1, x1, sizeof(x1));
		gen_x(&gx2, x2, sizeof(x2));
		switch (shape) {
		case 0: snprintf(re, sizeof(re), "_%s_", x1); break;
		case 1: snprintf(re, sizeof(re), "^%s_", x1); break;
		case 2: snprintf(re, sizeof(re), "_%s$", x1); break;
		case 3: snprintf(re, sizeof(re), "^%s$", x1); break;
		case 4: snprintf(re, sizeof(re), "^%s(_%s)*$", x1, x1); break;
		default: snprintf(re, sizeof(re), "^%s(_%s)*$", x1, x2); break;
		}
		if (rnd(3) == 0) {
			/* a near miss: one character inserted anywhere */
			size_t at = rnd((unsigned)strlen(re) + 1), l = strlen(re);

			memmove(re + at + 1, re + at, l - at + 1);
			re[at] = noise[rnd(sizeof(noise) - 1)];
		}
		t = pol_re_tok_compile(re);
		if (t == NULL) {
			other++;
			continue;
		}
		taken++;
		if (pcre(re, "1") == -2)
			fail_msg("%s: taken by the token matcher, not by PCRE2",
			    re);
		for (p = 0; p < 25; p++) {
			int a, b;

			gen_path(&gx1, path, sizeof(path));
			a = pol_re_tok_match(t, path, strlen(path));
			b = pcre(re, path);
			if (a != b)
				fail_msg("%s on \"%s\": token %d, pcre %d", re,
				    path, a, b);
			/* and on the numbers, as the engine asks (the paths
			 * it writes have no leading zeros) */
			if (canonical(path)) {
				uint32_t asn[128];
				int na = 0;
				char *q = path, *e;

				while (*q != '\0' && na < 128) {
					unsigned long v = strtoul(q, &e, 10);

					asn[na++] = (uint32_t)v;
					q = *e == ' ' ? e + 1 : e;
				}
				if (pol_re_tok_match_asns(t, asn, na) != a)
					fail_msg("%s on %d ASNs \"%s\": not %d",
					    re, na, path, a);
				nasn++;
			}
			if (a)
				yes++;
			else
				no++;
		}
		pol_re_tok_free(t);
	}
	print_message("taken %d other %d yes %d no %d, %d on ASNs\n", taken,
	    other, yes, no, nasn);
	/* the test must have exercised both answers and both paths */
	assert_true(taken > 1500);
	assert_true(other > 500);
	assert_true(yes > 5000);
	assert_true(no > 5000);
	assert_true(nasn > 20000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_random),
	};
	int rc;

	A = mc_arena_new();
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	mc_arena_free(A);
	return rc;
}
