/* AS-path regex dialects translated to PCRE2, on real paths. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "manrs/policy.h"

static mc_arena *A;

static bool
m(const char *re, mc_regex_dialect d, const char *path)
{
	const char *err = NULL, *pat = mc_aspath_regex_to_pcre(A, re, d, &err);
	pcre2_code *code;
	pcre2_match_data *md;
	int ec, rc;
	PCRE2_SIZE eo;

	if (pat == NULL)
		fail_msg("%s: %s", re, err ? err : "?");
	code = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, 0, &ec, &eo,
	    NULL);
	assert_non_null(code);
	md = pcre2_match_data_create_from_pattern(code, NULL);
	rc = pcre2_match(code, (PCRE2_SPTR)path, strlen(path), 0, 0, md, NULL);
	pcre2_match_data_free(md);
	pcre2_code_free(code);
	return rc >= 0;
}

#define YES(re, d, p) do { if (!m(re, d, p)) \
	fail_msg("%s should match \"%s\"", re, p); } while (0)
#define NO(re, d, p) do { if (m(re, d, p)) \
	fail_msg("%s should not match \"%s\"", re, p); } while (0)

static void
test_cisco(void **state)
{
	const mc_regex_dialect C = MC_RE_CISCO;

	(void)state;
	YES("_174_", C, "3356 174 65001");
	YES("_174_", C, "174");
	YES("_174_", C, "174 3356");
	YES("_174_", C, "65001 174");
	NO("_174_", C, "1174 3356");
	NO("_174_", C, "3356 1740");
	NO("_174_", C, "");
	YES("^65001_", C, "65001");
	YES("^65001_", C, "65001 3356 174");
	NO("^65001_", C, "650011");
	NO("^65001_", C, "3356 65001");
	YES("_65001$", C, "3356 65001");
	YES("_65001$", C, "65001");
	NO("_65001$", C, "3356 165001");
	NO("_65001$", C, "65001 3356");
	YES("^$", C, "");
	NO("^$", C, "65001");
	YES("^[0-9]+$", C, "65001");
	NO("^[0-9]+$", C, "65001 65002");
	NO("^[0-9]+$", C, "");
	YES("_6451[2-9]_", C, "64512");
	YES("_6451[2-9]_", C, "3356 64519 65001");
	NO("_6451[2-9]_", C, "64511");
	NO("_6451[2-9]_", C, "645120");
	YES(".*", C, "");
	YES(".*", C, "1 2 3");
	YES("(_[0-9]+)*", C, "1 2 3");
	YES("(_[0-9]+)*", C, "");
	YES("^(65001_)+$", C, "65001");
	YES("^(65001_)+$", C, "65001 65001 65001");
	NO("^(65001_)+$", C, "65001 65002");
	NO("^(65001_)+$", C, "");
	YES("^65001 65002$", C, "65001 65002");
	/* Peer lock style: a transit-free AS behind the neighbour. */
	YES("_(174|701|1299|3356)_", C, "65001 3356 15169");
	NO("_(174|701|1299|3356)_", C, "65001 13335");
	/* Bracket expressions keep '_' literal and ']' after '['. */
	YES("^[]0-9]+$", C, "42");
}

static void
test_junos(void **state)
{
	const mc_regex_dialect J = MC_RE_JUNOS;

	(void)state;
	YES(".* 65001", J, "3356 65001");
	YES(".* 65001", J, "65001");
	NO(".* 65001", J, "65001 3356");
	NO(".* 65001", J, "3356 165001");
	YES("65001 .*", J, "65001 3356");
	YES("65001 .*", J, "65001");
	NO("65001 .*", J, "3356 65001");
	NO("65001", J, "65001 65001");	/* the whole path */
	YES(".*", J, "");
	YES(".*", J, "1 2 3");
	YES("()", J, "");
	NO("()", J, "1");
	YES(". . .", J, "1 2 3");
	NO(". . .", J, "1 2");
	YES(".{1,3}", J, "1 2 3");
	NO(".{1,3}", J, "1 2 3 4");
	YES("64512-65534", J, "64512");
	YES("64512-65534", J, "65534");
	YES("64512-65534", J, "65000");
	NO("64512-65534", J, "65535");
	NO("64512-65534", J, "64511");
	NO("64512-65534", J, "64512 1");
	YES(".* 64512-65534 .*", J, "3356 65000 15169");
	NO(".* 64512-65534 .*", J, "3356 15169");
	YES("65001+", J, "65001 65001");
	NO("65001+", J, "65001 65002");
	YES("(65001|65002) .*", J, "65002 1");
	YES("^65001 .*$", J, "65001 2");
	YES("[ 65001 65002 ] .*", J, "65002 9");
	NO("[ 65001 65002 ] .*", J, "65003 9");
	YES(".* [ 0 23456 64496-131071 4200000000-4294967295 ] .*", J,
	    "3356 4200000001");
	NO(".* [ 0 23456 64496-131071 4200000000-4294967295 ] .*", J,
	    "3356 15169 13335");
	YES("65001 65002?", J, "65001");
	YES("65001 65002?", J, "65001 65002");
}

static void
test_posix_and_errors(void **state)
{
	const char *err = NULL;

	(void)state;
	YES("^65001 ", MC_RE_POSIX, "65001 3356");
	NO("^65001 ", MC_RE_POSIX, "65001");
	assert_null(mc_aspath_regex_to_pcre(A, "(174", MC_RE_CISCO, &err));
	assert_non_null(err);
	assert_null(mc_aspath_regex_to_pcre(A, "65001 (", MC_RE_JUNOS, &err));
	assert_null(mc_aspath_regex_to_pcre(A, "abc", MC_RE_JUNOS, &err));
	assert_null(mc_aspath_regex_to_pcre(A, "[^ 1]", MC_RE_JUNOS, &err));
	assert_null(mc_aspath_regex_to_pcre(A, "5-4", MC_RE_JUNOS, &err));
	assert_null(mc_aspath_regex_to_pcre(A, "*", MC_RE_JUNOS, &err));
	assert_null(mc_aspath_regex_to_pcre(A, NULL, MC_RE_CISCO, &err));
}

static uint64_t rng = 12345;

static uint32_t
rnd32(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)rng;
}

/* Numeric ranges against arithmetic, around their edges. */
static void
test_ranges_brute(void **state)
{
	int i, k;

	(void)state;
	for (i = 0; i < 300; i++) {
		uint32_t lo, hi, t;
		char re[40], s[16];

		switch (i % 4) {
		case 0:
			lo = rnd32() % 1000;
			hi = lo + rnd32() % 1000;
			break;
		case 1:
			lo = rnd32() % 70000;
			hi = lo + rnd32() % 200000;
			break;
		case 2:
			lo = rnd32();
			hi = lo + rnd32() % 100000;
			if (hi < lo)
				hi = UINT32_MAX;
			break;
		default:
			lo = rnd32() % 10;
			hi = rnd32();
			if (hi < lo)
				hi = lo;
			break;
		}
		snprintf(re, sizeof(re), "%u-%u", lo, hi);
		for (k = 0; k < 12; k++) {
			uint64_t v;

			switch (k) {
			case 0: v = lo; break;
			case 1: v = hi; break;
			case 2: v = (uint64_t)lo - 1; break;
			case 3: v = (uint64_t)hi + 1; break;
			case 4: v = lo + (hi - lo) / 2; break;
			case 5: v = (uint64_t)lo * 10; break;
			case 6: v = lo / 10; break;
			default: v = rnd32(); break;
			}
			if (v > UINT32_MAX || (k == 2 && lo == 0))
				continue;
			t = (uint32_t)v;
			snprintf(s, sizeof(s), "%u", t);
			if (m(re, MC_RE_JUNOS, s) != (t >= lo && t <= hi))
				fail_msg("range %s on %s", re, s);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cisco),
		cmocka_unit_test(test_junos),
		cmocka_unit_test(test_posix_and_errors),
		cmocka_unit_test(test_ranges_brute),
	};
	int rc;

	A = mc_arena_new();
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	mc_arena_free(A);
	return rc;
}
