/*
 * libFuzzer target: AS-path regexes of every dialect, as configurations
 * write them, translated to PCRE2 and matched; and the token matcher
 * (aspath_tokens.c) against PCRE2 on the Cisco ones it takes.  The input
 * is "REGEX\nSUBJECT"; the first byte picks the dialect.  A crash, a
 * sanitizer report, a hang or the two matchers disagreeing is a bug.
 *   make fuzz && build/fuzz/fuzz_aspath_regex -max_len=512 -timeout=5 DIR
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "policy/policy_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The token matcher on the numbers of a path written "A B C" (as the
 * engine asks it); the text's own answer when the text is not the way
 * the engine writes a path (leading zeros, numbers past 32 bits). */
static int
on_asns(const struct pol_re_tok *t, const char *s)
{
	uint32_t asn[128];
	int n = 0;
	const char *p = s;

	while (*p != '\0') {
		uint64_t v = 0;
		const char *q = p;

		if (n == 128 || (*p == '0' && p[1] >= '0' && p[1] <= '9'))
			return pol_re_tok_match(t, s, strlen(s));
		while (*q >= '0' && *q <= '9')
			v = v * 10 + (uint64_t)(*q++ - '0');
		if (v > UINT32_MAX)
			return pol_re_tok_match(t, s, strlen(s));
		asn[n++] = (uint32_t)v;
		p = *q == ' ' ? q + 1 : q;
	}
	return pol_re_tok_match_asns(t, asn, n);
}

/* A NUL-terminated copy of n bytes that are not (the fuzzer's buffer). */
static char *
copy(const char *s, size_t n)
{
	char *c = malloc(n + 1);

	if (c != NULL) {
		memcpy(c, s, n);
		c[n] = '\0';
	}
	return c;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const mc_regex_dialect pick[] = { MC_RE_CISCO, MC_RE_JUNOS,
	    MC_RE_POSIX };
	mc_regex_dialect d;
	const char *nl, *pat, *err = NULL;
	char *re, *subj;
	mc_arena *a;
	size_t rl;

	if (size == 0)
		return 0;
	d = pick[data[0] % (sizeof(pick) / sizeof(pick[0]))];
	data++;
	size--;
	if (memchr(data, '\0', size) != NULL)
		return 0;	/* configurations hold no NUL */
	nl = memchr(data, '\n', size);
	rl = nl != NULL ? (size_t)(nl - (const char *)data) : size;
	if ((re = copy((const char *)data, rl)) == NULL ||
	    (subj = copy(nl != NULL ? nl + 1 : "", nl != NULL ?
	    size - rl - 1 : 0)) == NULL) {
		free(re);
		return 0;
	}
	a = mc_arena_new();
	pat = mc_aspath_regex_to_pcre(a, re, d, &err);
	if (d == MC_RE_CISCO) {
		struct pol_re_tok *t = pol_re_tok_compile(re);

		if (t != NULL) {
			pcre2_code *code;
			pcre2_match_data *md;
			int ec, want, got;
			PCRE2_SIZE eo;

			if (pat == NULL)
				abort();	/* taken by one, not the other */
			code = pcre2_compile((PCRE2_SPTR)pat,
			    PCRE2_ZERO_TERMINATED, PCRE2_NEVER_UTF |
			    PCRE2_NEVER_UCP, &ec, &eo, NULL);
			if (code == NULL)
				abort();
			md = pcre2_match_data_create_from_pattern(code, NULL);
			want = pcre2_match(code, (PCRE2_SPTR)subj,
			    strlen(subj), 0, 0, md, NULL) >= 0;
			got = pol_re_tok_match(t, subj, strlen(subj));
			if (got >= 0 && got != want)
				abort();	/* the two matchers disagree */
			if (got >= 0 && on_asns(t, subj) != got)
				abort();	/* text and numbers disagree */
			pcre2_match_data_free(md);
			pcre2_code_free(code);
			pol_re_tok_free(t);
		}
	}
	mc_arena_free(a);
	free(re);
	free(subj);
	return 0;
}
