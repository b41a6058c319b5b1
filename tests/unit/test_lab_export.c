/*
 * What the export runs of the differential lab found (tests/lab/README.md,
 * "Export mode", B12): BIRD path masks with wide ASN ranges, on export, and
 * a brute-force check of the digit patterns those ranges become.
 */
#include "helpers.h"

#include <stdio.h>

UT_ARENA_DIAG_FIXTURE

static const mc_neighbor *
nbr(const mc_device *d, const char *name)
{
	size_t i;

	for (i = 0; i < d->neighbors.n; i++) {
		const mc_neighbor *n = d->neighbors.v[i];

		if (n->name != NULL && strcmp(n->name, name) == 0)
			return n;
	}
	fail_msg("no neighbour %s", name);
	return NULL;
}

/* Export verdict toward neighbour name of 185.10.0.0/24 with path; the
 * verdict must be sure (not approximate). */
static bool
sends(const mc_device *d, const char *name, const char *path)
{
	mc_engine *e = mc_engine_new(d, A);
	mc_route r = ut_route(A, "185.10.0.0/24", path, "");
	mc_eval_result res;

	res = mc_eval_route(e, nbr(d, name), MC_DIR_OUT, &r);
	mc_engine_free(e);
	if (res.approximate)
		fail_msg("path %s: approximate", path);
	return res.accept;
}

/* B12: regress/bird-export-3, the verdicts BIRD 2.0.12 gave. */
static void
test_wide_mask_ranges(void **st)
{
	static const char text[] =
	    "router id 192.0.2.1;\n"
	    "protocol device { }\n"
	    "filter F_1 {\n"
	    "  if bgp_path ~ [= 199 [65000, 200..1200] =] then accept;\n"
	    "  if bgp_path ~ [= 199 * [64512..65534] 174 =] then accept;\n"
	    "  if bgp_path ~ [= 199 ? [4200000000..4294967294, 0..299] * =]"
	    " then accept;\n"
	    "  reject;\n"
	    "}\n"
	    "template bgp T {\n"
	    "  local 192.0.2.1 as 100;\n"
	    "  ipv4 { import none; export none; };\n"
	    "}\n"
	    "protocol bgp s199 from T { neighbor 192.0.2.9 as 199;\n"
	    "  ipv4 { import all; export none; }; }\n"
	    "protocol bgp n1 from T { neighbor 192.0.2.11 as 201;\n"
	    "  ipv4 { import none; export filter F_1; }; }\n";
	static const struct { const char *path; bool send; } v[] = {
		{ "199 200", true }, { "199 1200", true },
		{ "199 1201", false }, { "199 199", false },
		{ "199 65000", true }, { "199 999", true },
		{ "199 1000", true }, { "199 65001", false },
		{ "199 64512 174", true }, { "199 3356 65534 174", true },
		{ "199 65535 174", true }, { "199 64511 174", true },
		{ "199 64999 174 1", true }, { "199 3356 4200000000", true },
		{ "199 3356 4294967294 7", true }, { "199 3356 299", true },
		{ "199 3356 300", false }, { "199 3356 4199999999", false },
		{ "199 200 3356", false }, { "199 5000 1100", false },
		{ "199 23456", false },
	};
	mc_device *d = ut_parse(A, &D, text, MC_VENDOR_BIRD);
	size_t i;

	(void)st;
	assert_non_null(d);
	for (i = 0; i < UT_NITEMS(v); i++)
		if (sends(d, "n1", v[i].path) != v[i].send)
			fail_msg("path %s: want %s", v[i].path,
			    v[i].send ? "send" : "keep");
}

/* Every range becomes the right set of numbers: edges, neighbours of the
 * edges, powers of ten, and pseudo-random ASNs, for ranges across digit
 * lengths up to 2^32 - 1. */
static void
test_range_patterns(void **st)
{
	static const uint64_t rg[][2] = {
		{ 0, 300 }, { 200, 1200 }, { 64512, 65534 }, { 1, 999 },
		{ 10, 100000 }, { 65000, 4200000000u }, { 123, 123456 },
		{ 4200000000u, 4294967294u }, { 4294967040u, 4294967295u },
		{ 99, 100099 }, { 1000, 1255 }, { 7, 1000000007 },
	};
	uint64_t seed = 42;
	size_t i, k;

	(void)st;
	for (i = 0; i < UT_NITEMS(rg); i++) {
		const char *text = mc_printf(A,
		    "router id 192.0.2.1;\n"
		    "protocol device { }\n"
		    "filter F { if bgp_path ~ [= 199 [%llu..%llu] =] then "
		    "accept; reject; }\n"
		    "protocol bgp n1 { local 192.0.2.1 as 100;\n"
		    "  neighbor 192.0.2.11 as 201;\n"
		    "  ipv4 { import none; export filter F; }; }\n",
		    (unsigned long long)rg[i][0],
		    (unsigned long long)rg[i][1]);
		mc_device *d = ut_parse(A, &D, text, MC_VENDOR_BIRD);
		uint64_t t[64];
		size_t nt = 0;

		assert_non_null(d);
		t[nt++] = rg[i][0];
		t[nt++] = rg[i][1];
		t[nt++] = rg[i][0] + 1;
		t[nt++] = rg[i][1] - 1;
		if (rg[i][0] > 0)
			t[nt++] = rg[i][0] - 1;
		if (rg[i][1] < 4294967295u)
			t[nt++] = rg[i][1] + 1;
		for (k = 1; k <= 1000000000u; k *= 10) {
			t[nt++] = k;
			t[nt++] = k - 1 + (k == 1);
		}
		while (nt < UT_NITEMS(t)) {
			seed = seed * 6364136223846793005u + 1442695040888963407u;
			t[nt++] = (seed >> 33) % 4294967296u;
			if (nt < UT_NITEMS(t))
				t[nt++] = rg[i][0] + (seed >> 20) %
				    (rg[i][1] - rg[i][0] + 1);
		}
		for (k = 0; k < nt; k++) {
			char path[32];
			bool in = t[k] >= rg[i][0] && t[k] <= rg[i][1];

			snprintf(path, sizeof(path), "199 %llu",
			    (unsigned long long)t[k]);
			if (sends(d, "n1", path) != in)
				fail_msg("[%llu..%llu] %llu: want %s",
				    (unsigned long long)rg[i][0],
				    (unsigned long long)rg[i][1],
				    (unsigned long long)t[k],
				    in ? "match" : "no match");
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_wide_mask_ranges, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_range_patterns, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
