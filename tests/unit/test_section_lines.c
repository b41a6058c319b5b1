/*
 * section_lines (the denominator of "lines inside BGP/policy sections
 * understood" in tests/corpus.sh) for Junos in both forms and BIRD: every
 * line counted once, only the sections whose unknown lines are reported.
 * Also the Junos prefix-limit actions found by the equivalence suite work.
 */
#include "helpers.h"

static mc_device *
ex(void **state, ut_extract_fn fn, const char *cfg)
{
	mc_diag d;

	return ut_extract(*state, fn, cfg, &d);
}

/* Braces: statements and opening braces count, closing braces, comments
 * and system/routing-options do not. */
static void
test_junos_braces(void **state)
{
	mc_device *d = ex(state, mc_extract_junos,
	    "system {\n"				/* 1 */
	    "    host-name r1;\n"			/* 2 */
	    "}\n"					/* 3 */
	    "routing-options {\n"			/* 4 */
	    "    autonomous-system 65000;\n"		/* 5 */
	    "}\n"					/* 6 */
	    "protocols {\n"				/* 7 */
	    "    bgp {\n"				/* 8: counted */
	    "        /* a comment */\n"			/* 9 */
	    "        group T {\n"			/* 10: counted */
	    "            peer-as 1299;\n"		/* 11: counted */
	    "            neighbor 192.0.2.1;\n"		/* 12: counted */
	    "            frobnicate yes;\n"		/* 13: counted, unknown */
	    "        }\n"				/* 14 */
	    "    }\n"					/* 15 */
	    "}\n"					/* 16 */
	    "policy-options {\n"			/* 17: counted */
	    "    policy-statement P {\n"		/* 18: counted */
	    "        then reject;\n"			/* 19: counted */
	    "    }\n"					/* 20 */
	    "}\n");					/* 21 */

	assert_int_equal(d->section_lines, 8);
	assert_int_equal(d->unrecognized, 1);
}

/* Set form: one per set line under a section, a repeated line once. */
static void
test_junos_set(void **state)
{
	mc_device *d = ex(state, mc_extract_junos,
	    "set system host-name r1\n"
	    "set routing-options autonomous-system 65000\n"
	    "set protocols bgp group T peer-as 1299\n"
	    "set protocols bgp group T neighbor 192.0.2.1\n"
	    "set protocols bgp group T neighbor 192.0.2.1\n"
	    "set protocols bgp group T frobnicate yes\n"
	    "set policy-options policy-statement P then reject\n"
	    "set interfaces xe-0/0/0 unit 0 family inet address 192.0.2.2/24\n"
	    "set routing-instances V protocols bgp group G peer-as 1\n");

	assert_int_equal(d->section_lines, 6);
	assert_int_equal(d->unrecognized, 1);
}

/* BIRD: lines of protocols, templates, functions and filters. */
static void
test_bird(void **state)
{
	mc_device *d = ex(state, mc_extract_bird,
	    "router id 192.0.2.1;\n"			/* 1 */
	    "define X = 1;\n"				/* 2 */
	    "protocol device { }\n"			/* 3: counted */
	    "filter f\n"				/* 4: counted */
	    "{\n"					/* 5: counted */
	    "	# comment\n"				/* 6 */
	    "	accept;\n"				/* 7: counted */
	    "}\n"					/* 8: counted */
	    "\n"					/* 9 */
	    "protocol bgp b {\n"			/* 10: counted */
	    "	local as 65000;\n"			/* 11: counted */
	    "	neighbor 192.0.2.2 as 65001;\n"		/* 12: counted */
	    "	ipv4 { import filter f; export none; };\n" /* 13: counted */
	    "}\n");					/* 14: counted */

	assert_int_equal(d->section_lines, 10);
}

/* Junos prefix-limit: teardown tears down, drop-excess/hide-excess keep
 * the excess out (acts), neither only logs. */
static void
test_junos_prefix_limit(void **state)
{
	static const struct {
		const char *body;
		mc_maxpfx_action want;
	} cases[] = {
		{ "prefix-limit { maximum 100; }", MC_MAXP_WARN },
		{ "prefix-limit { maximum 100; teardown 80; }", MC_MAXP_TEARDOWN },
		{ "prefix-limit { maximum 100; drop-excess 90; }", MC_MAXP_DROP },
		{ "accepted-prefix-limit { maximum 100; hide-excess; }",
		    MC_MAXP_DROP },
		{ "prefix-limit { maximum 100; } accepted-prefix-limit { "
		    "maximum 200; teardown; }", MC_MAXP_TEARDOWN },
	};
	char cfg[1024];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		mc_device *d;

		snprintf(cfg, sizeof(cfg),
		    "routing-options { autonomous-system 65000; }\n"
		    "protocols { bgp { group C { type external; import P; "
		    "export P; neighbor 192.0.2.1 { peer-as 65001; family inet "
		    "{ unicast { %s } } } } } }\n"
		    "policy-options { policy-statement P { then reject; } }\n",
		    cases[i].body);
		d = ex(state, mc_extract_junos, cfg);
		assert_int_equal(d->neighbors.n, 1);
		assert_int_equal(d->neighbors.v[0]->af[MC_AFI_V4].maxpfx.action,
		    cases[i].want);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		UT_STATE_TEST(test_junos_braces),
		UT_STATE_TEST(test_junos_set),
		UT_STATE_TEST(test_bird),
		UT_STATE_TEST(test_junos_prefix_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
