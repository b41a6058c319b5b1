/*
 * Daemon behaviour the differential lab found (tests/lab/README.md, bugs
 * B2-B8): small FRR and BIRD configurations, routes through the engine,
 * the verdicts bgpd / BIRD gave (tests/lab/regress/frr-2..5, bird-1).
 */
#include "helpers.h"

UT_ARENA_DIAG_FIXTURE

static const char frr_head[] =
    "frr defaults traditional\n"
    "hostname t\n"
    "!\n";

/* One neighbour 192.0.2.10 AS 200 with "route-map RM in" after the
 * given policy text. */
static mc_device *
frr(const char *policy)
{
	const char *text = mc_printf(A, "%s%s!\nrouter bgp 100\n"
	    " neighbor 192.0.2.10 remote-as 200\n"
	    " address-family ipv4 unicast\n"
	    "  neighbor 192.0.2.10 route-map RM in\n"
	    " exit-address-family\n"
	    "exit\n", frr_head, policy);
	mc_device *d = ut_parse(A, &D, text, MC_VENDOR_FRR);

	assert_non_null(d);
	return d;
}

static const mc_neighbor *
nbr(const mc_device *d, const char *key)
{
	size_t i;

	for (i = 0; i < d->neighbors.n; i++) {
		const mc_neighbor *n = d->neighbors.v[i];

		if ((n->address != NULL && strcmp(n->address, key) == 0) ||
		    (n->name != NULL && strcmp(n->name, key) == 0))
			return n;
	}
	fail_msg("no neighbour %s", key);
	return NULL;
}

/* Verdict for a route "PREFIX" with path "A B" and communities "x y"
 * ("" none) from neighbour key. */
static bool
accepts(const mc_device *d, const char *key, const char *pfx,
    const char *path, const char *comms)
{
	mc_engine *e = mc_engine_new(d, A);
	mc_route r = ut_route(A, pfx, path, comms);
	mc_eval_result res;

	res = mc_eval_route(e, nbr(d, key), MC_DIR_IN, &r);
	mc_engine_free(e);
	return res.accept;
}

#define N "192.0.2.10"

/* A policy and the verdicts bgpd gave for routes with path "200" from N. */
struct verdict {
	const char *pfx, *comms;
	bool accept;
};

struct frr_case {
	const char *name;
	const char *policy;
	struct verdict v[5];	/* up to the first without a prefix */
	size_t min_notes;
};

static const struct frr_case cases[] = {
	/* B2: exact-match wants the entry's communities and no others. */
	{ "exact_match",
	    "bgp community-list standard TWO permit 65000:1 65000:2\n"
	    "route-map RM permit 10\n"
	    " match community TWO exact-match\n"
	    "exit\n", {
		{ "185.10.3.0/24", "65000:1 65000:2", true },
		{ "185.10.4.0/24", "65000:2 65000:1", true },
		{ "185.10.1.0/24", "65000:1", false },
		{ "185.10.6.0/24", "65000:1 65000:2 65000:3", false },
		{ "185.10.0.0/24", "", false } }, 0 },
	/* B2: an expanded entry under exact-match matches as without it. */
	{ "exact_match_expanded",
	    "bgp community-list expanded RX permit ^65000:1\n"
	    "route-map RM permit 10\n"
	    " match community RX exact-match\n"
	    "exit\n", {
		{ "185.10.5.0/24", "65000:1 65000:3", true },
		{ "185.10.7.0/24", "64999:1 65000:1", false } }, 0 },
	/* B3: the regex sees the communities sorted by value. */
	{ "regex_sorted",
	    "bgp community-list expanded RX permit ^65000:1\n"
	    "route-map RM permit 10\n"
	    " match community RX\n"
	    "exit\n", {
		{ "185.10.4.0/24", "65000:2 65000:1", true },
		{ "185.10.7.0/24", "65000:1 64999:1", false } }, 0 },
	/* B5: the regex sees well-known communities by name. */
	{ "regex_wellknown",
	    "bgp community-list expanded WK permit 65535:666\n"
	    "bgp community-list expanded WK permit 65535:65281\n"
	    "bgp community-list expanded NAME permit blackhole\n"
	    "bgp community-list expanded NAME permit no-export\n"
	    "route-map RM deny 10\n"
	    " match community WK\n"
	    "exit\n"
	    "route-map RM permit 20\n"
	    " match community NAME\n"
	    "exit\n", {
		{ "185.10.7.0/24", "65535:666", true },
		{ "185.10.8.0/24", "65535:65281", true },
		{ "185.10.9.0/24", "65000:666", false } }, 0 },
	/* B4: a community-list keeps the style of its first entry (and a
	 * note says so). */
	{ "style_conflict",
	    "bgp community-list expanded MIX permit 65000:5\n"
	    "bgp community-list standard MIX permit 65000:666\n"
	    "bgp large-community-list standard LMIX permit 65000:1:1\n"
	    "bgp large-community-list expanded LMIX permit ^65000:2:2$\n"
	    "route-map RM permit 10\n"
	    " match community MIX\n"
	    "exit\n"
	    "route-map RM permit 20\n"
	    " match large-community LMIX\n"
	    "exit\n", {
		{ "185.10.1.0/24", "65000:5", true },
		{ "185.10.2.0/24", "65000:666", false },
		{ "185.10.5.0/24", "65000:1:1", true },
		{ "185.10.6.0/24", "65000:2:2", false } }, 2 },
	/* A large list's regex sees the large communities only. */
	{ "large_regex_subject",
	    "bgp large-community-list expanded L permit ^65000:2:2$\n"
	    "route-map RM permit 10\n"
	    " match large-community L\n"
	    "exit\n", {
		{ "185.10.6.0/24", "65000:1 65000:2:2", true } }, 0 },
	/* B9: a second match of the same command replaces the first. */
	{ "match_replaces",
	    "bgp community-list standard A permit 65000:1\n"
	    "bgp community-list standard B permit 65000:2\n"
	    "bgp large-community-list standard L permit 65000:1:1\n"
	    "route-map RM permit 10\n"
	    " match community A exact-match\n"
	    " match community B\n"
	    "exit\n"
	    "route-map RM permit 20\n"
	    " match community A\n"
	    " match large-community L\n"
	    "exit\n", {
		{ "185.10.3.0/24", "65000:1 65000:2", true },
		{ "185.10.1.0/24", "65000:1", false },
		{ "185.10.4.0/24", "65000:1 65000:1:1", true },
		{ "185.10.5.0/24", "65000:1:1", false } }, 0 },
};

/* One case of the table, the cmocka state. */
static void
test_case(void **st)
{
	const struct frr_case *c = *st;
	mc_device *d = frr(c->policy);
	size_t i;

	for (i = 0; i < UT_NITEMS(c->v) && c->v[i].pfx != NULL; i++)
		if (accepts(d, N, c->v[i].pfx, "200", c->v[i].comms) !=
		    c->v[i].accept)
			fail_msg("%s: %s with \"%s\" is not %s", c->name,
			    c->v[i].pfx, c->v[i].comms,
			    c->v[i].accept ? "accepted" : "dropped");
	assert_true(d->notes.n >= c->min_notes);
}

/* B6: with route-map optimization an entry whose prefix-list is empty is
 * never the first to match; reached by on-match next it matches. */
static void
test_empty_plist_optimization(void **st)
{
	const char *lists =
	    "ip prefix-list EMPTY description nothing\n"
	    "ip prefix-list ALL seq 5 permit 0.0.0.0/0 le 32\n";
	mc_device *opt = frr(mc_printf(A, "%s"
	    "route-map RM permit 10\n"
	    " match ip address prefix-list EMPTY\n"
	    "exit\n", lists));
	mc_device *noopt = frr(mc_printf(A, "%s"
	    "route-map RM permit 10\n"
	    " match ip address prefix-list EMPTY\n"
	    "exit\n"
	    "no route-map RM optimization\n", lists));
	mc_device *next = frr(mc_printf(A, "%s"
	    "route-map RM permit 10\n"
	    " match ip address prefix-list ALL\n"
	    " on-match next\n"
	    "exit\n"
	    "route-map RM deny 20\n"
	    " match ip address prefix-list EMPTY\n"
	    "exit\n"
	    "route-map RM permit 30\n"
	    "exit\n", lists));
	mc_device *deny = frr(mc_printf(A, "%s"
	    "route-map RM deny 10\n"
	    " match ip address prefix-list EMPTY\n"
	    "exit\n"
	    "route-map RM permit 20\n"
	    " on-match next\n"
	    "exit\n", lists));

	(void)st;
	assert_false(accepts(opt, N, "185.10.0.0/16", "200", ""));
	assert_true(accepts(noopt, N, "185.10.0.0/16", "200", ""));
	/* 10 matches, next: deny 20 matches (empty list permits all). */
	assert_false(accepts(next, N, "185.10.0.0/16", "200", ""));
	/* deny 10 is skipped by the search, 20 permits. */
	assert_true(accepts(deny, N, "10.0.0.0/8", "200", ""));
}

/* B7: zebra access-list "permit P/len": routes within P. */
static void
test_zebra_acl(void **st)
{
	mc_device *d = frr(
	    "access-list AL seq 5 permit 193.0.0.0/21\n"
	    "access-list 10 seq 5 permit 193.0.0.0 0.0.7.255\n"
	    "route-map RM permit 10\n"
	    " match ip address AL\n"
	    "exit\n"
	    "route-map RM2 permit 10\n"
	    " match ip address 10\n"
	    "exit\n");
	const mc_acl *w = mc_dev_acl(d, "10");

	(void)st;
	assert_false(accepts(d, N, "193.0.0.0/16", "200", ""));
	assert_true(accepts(d, N, "193.0.0.0/21", "200", ""));
	assert_true(accepts(d, N, "193.0.4.0/24", "200", ""));
	assert_false(accepts(d, N, "193.0.8.0/24", "200", ""));
	assert_non_null(w);
	assert_false(w->entries.v[0].zebra);
}

/* B8: BIRD proto = "NAME" names the protocol instance. */
static void
test_bird_proto_name(void **st)
{
	static const char text[] =
	    "router id 192.0.2.1;\n"
	    "protocol device { }\n"
	    "filter F {\n"
	    "  if proto = \"n1\" then reject;\n"
	    "  if proto != \"n2\" then accept;\n"
	    "  reject;\n"
	    "}\n"
	    "template bgp T {\n"
	    "  local 192.0.2.1 as 100;\n"
	    "  ipv4 { import filter F; export none; };\n"
	    "}\n"
	    "protocol bgp n0 from T { neighbor 192.0.2.10 as 200; }\n"
	    "protocol bgp n1 from T { neighbor 192.0.2.11 as 201; }\n"
	    "protocol bgp n2 from T { neighbor 192.0.2.12 as 202; }\n";
	mc_device *d = ut_parse(A, &D, text, MC_VENDOR_BIRD);

	(void)st;
	assert_non_null(d);
	assert_true(accepts(d, "n0", "185.10.0.0/16", "200", ""));
	assert_false(accepts(d, "n1", "185.10.0.0/16", "201", ""));
	assert_false(accepts(d, "n2", "185.10.0.0/16", "202", ""));
}

int
main(void)
{
	const struct CMUnitTest more[] = {
		cmocka_unit_test_setup_teardown(test_empty_plist_optimization,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_zebra_acl, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bird_proto_name, setup,
		    teardown),
	};
	struct CMUnitTest tests[UT_NITEMS(cases) + UT_NITEMS(more)];
	size_t i;

	for (i = 0; i < UT_NITEMS(cases); i++)
		tests[i] = (struct CMUnitTest){ cases[i].name, test_case, setup,
		    teardown, (void *)&cases[i] };
	for (i = 0; i < UT_NITEMS(more); i++)
		tests[UT_NITEMS(cases) + i] = more[i];
	return cmocka_run_group_tests(tests, NULL, NULL);
}
