/*
 * Local preference in route-maps (FRR 8.4 behaviour, checked against bgpd
 * in tests/lab/regress/frr-7) and "set comm-list L delete" with standard
 * and expanded lists.
 */
#include "helpers.h"

UT_ARENA_DIAG_FIXTURE

/* One eBGP neighbour 192.0.2.10 AS 200 with "route-map RM in". */
static mc_device *
conf(mc_vendor v, const char *policy)
{
	const char *text = mc_printf(A, "%s%s!\nrouter bgp 100\n"
	    " neighbor 192.0.2.10 remote-as 200\n"
	    " address-family ipv4 unicast\n"
	    "  neighbor 192.0.2.10 activate\n"
	    "  neighbor 192.0.2.10 route-map RM in\n"
	    " exit-address-family\n"
	    "exit\n", v == MC_VENDOR_FRR ?
	    "frr defaults traditional\nhostname t\n!\n" : "hostname t\n!\n",
	    policy);
	mc_device *d = ut_parse(A, &D, text, v);

	assert_non_null(d);
	assert_true(d->neighbors.n >= 1);
	return d;
}

static mc_route
route(const char *pfx, const char *comms)
{
	return ut_route(A, pfx, "200", comms);
}

static mc_eval_result
eval(const mc_device *d, const mc_route *r)
{
	mc_engine *e = mc_engine_new(d, A);
	mc_eval_result res = mc_eval_route(e, d->neighbors.v[0], MC_DIR_IN, r);

	mc_engine_free(e);
	return res;
}

/* What comes out of map `policy` for 10.1.1.0/24 with communities
 * `comms`. */
static mc_eval_result
out_of(mc_vendor v, const char *policy, const char *comms)
{
	mc_route r = route("10.1.1.0/24", comms);

	return eval(conf(v, policy), &r);
}

#define MATCH_LP(v)	"route-map RM permit 10\n match local-preference " v \
	"\nexit\n"
#define SET_LP(v)	"route-map RM permit 10\n set local-preference " v \
	"\nexit\n"

#define IOS_MATCH_100	"route-map RM permit 10\n" \
	" match local-preference 100\n!\n"

/* Set, then match in a later entry reached by on-match next. */
static const char set_then_match[] =
    "ip prefix-list PL-A seq 5 permit 10.1.0.0/16 le 24\n"
    "route-map RM permit 10\n"
    " match ip address prefix-list PL-A\n"
    " set local-preference 200\n"
    " on-match next\n"
    "exit\n"
    "route-map RM deny 20\n"
    " match local-preference 200\n"
    "exit\n"
    "route-map RM permit 30\n"
    "exit\n";

/* "+N" / "-N" from the value so far (0 when none), saturating at 0. */
static const char add_subtract[] =
    "route-map RM permit 10\n"
    " set local-preference +70\n"
    " on-match next\n"
    "exit\n"
    "route-map RM permit 20\n"
    " set local-preference -20\n"
    " on-match next\n"
    "exit\n"
    "route-map RM permit 30\n"
    " match local-preference 50\n"
    " set local-preference -80\n"
    "exit\n";

/* A map, a route through it, and what comes out. */
struct lp_case {
	const char *name;
	mc_vendor v;
	const char *policy;
	const char *pfx;
	int64_t lp_in;		/* -1: the route has none */
	int verdict;		/* 1 accept, 0 drop (exact), -1 approximate */
	int64_t lp_out;		/* -1: not checked */
};

static const struct lp_case lp_cases[] = {
	/* bgpd: an eBGP route enters the import map with local-preference
	 * 0, not the default 100, and the answer is exact. */
	{ "ebgp_starts_at_zero", MC_VENDOR_FRR, MATCH_LP("0"), "10.1.1.0/24",
	    -1, 1, -1 },
	{ "ebgp_not_100", MC_VENDOR_FRR, MATCH_LP("100"), "10.1.1.0/24",
	    -1, 0, -1 },
	/* A value given with the route is the one the map sees. */
	{ "given_value_seen", MC_VENDOR_FRR, MATCH_LP("100"), "10.1.1.0/24",
	    100, 1, 100 },
	{ "set_then_match", MC_VENDOR_FRR, set_then_match, "10.1.1.0/24",
	    -1, 0, -1 },
	{ "set_then_match_other", MC_VENDOR_FRR, set_then_match,
	    "20.1.1.0/24", -1, 1, -1 },
	/* The route after the map carries what was set. */
	{ "set_carried", MC_VENDOR_FRR, SET_LP("70"), "10.1.1.0/24", -1, 1,
	    70 },
	{ "add_subtract", MC_VENDOR_FRR, add_subtract, "10.1.1.0/24", -1, 1,
	    0 },
	/* The top end saturates too. */
	{ "add_saturates", MC_VENDOR_FRR, SET_LP("+10"), "10.1.1.0/24",
	    4294967290, 1, 4294967295 },
	/* IOS: the value an unset route has on entry is not known. */
	{ "ios_unset_is_approximate", MC_VENDOR_IOS,
	    IOS_MATCH_100, "10.1.1.0/24", -1, -1, -1 },
	{ "ios_set_is_exact", MC_VENDOR_IOS, IOS_MATCH_100,
	    "10.1.1.0/24", 100, 1, -1 },
};

/* One row of lp_cases, the cmocka state. */
static void
test_lp_case(void **st)
{
	const struct lp_case *c = *st;
	mc_route r = route(c->pfx, "");
	mc_eval_result res;

	if (c->lp_in >= 0) {
		r.has_local_pref = true;
		r.local_pref = (uint32_t)c->lp_in;
	}
	res = eval(conf(c->v, c->policy), &r);
	if (c->verdict < 0)
		assert_true(res.approximate);
	else {
		assert_false(res.approximate);
		assert_int_equal(res.accept, c->verdict == 1);
	}
	if (c->lp_out >= 0) {
		assert_true(res.out.has_local_pref);
		assert_int_equal(res.out.local_pref, c->lp_out);
	}
}

/* Symbolic: flows that differ only in local preference must not be merged
 * (exec.c route_eq), and the result cache must tell such routes apart
 * (engine.c cache_key, reads.c POL_READ_LP). */
static void
test_symbolic_and_cache(void **st)
{
	mc_device *d = conf(MC_VENDOR_FRR,
	    "ip prefix-list PL-A seq 5 permit 10.1.0.0/16 le 24\n"
	    "route-map SUB permit 10\n"
	    " match ip address prefix-list PL-A\n"
	    " set local-preference 200\n"
	    "exit\n"
	    "route-map SUB permit 20\n"
	    "exit\n"
	    "route-map RM permit 10\n"
	    " call SUB\n"
	    " on-match next\n"
	    "exit\n"
	    "route-map RM permit 20\n"
	    " match local-preference 200\n"
	    "exit\n");
	mc_device *d2 = conf(MC_VENDOR_FRR,
	    "route-map RM permit 10\n match local-preference 300\nexit\n");
	mc_engine *e = mc_engine_new(d, A);
	mc_rangeset u = mc_rs_universe(A, MC_AF4), got;
	mc_route attrs = route("0.0.0.0/0", "");
	mc_prefix in, out;
	bool ap = true;

	(void)st;
	got = mc_eval_accepted(e, d->neighbors.v[0], MC_DIR_IN, &attrs, &u, &ap);
	assert_false(ap);
	assert_true(mc_prefix_parse("10.1.2.0/24", 11, &in));
	assert_true(mc_prefix_parse("10.2.0.0/24", 11, &out));
	assert_true(mc_rs_has(&got, &in));
	assert_false(mc_rs_has(&got, &out));
	mc_engine_free(e);

	e = mc_engine_new(d2, A);
	attrs.has_local_pref = true;
	attrs.local_pref = 300;
	got = mc_eval_accepted(e, d2->neighbors.v[0], MC_DIR_IN, &attrs, &u, &ap);
	assert_true(mc_rs_has(&got, &out));
	attrs.has_local_pref = false;
	got = mc_eval_accepted(e, d2->neighbors.v[0], MC_DIR_IN, &attrs, &u, &ap);
	assert_false(mc_rs_has(&got, &out));
	attrs.has_local_pref = true;
	attrs.local_pref = 301;
	got = mc_eval_accepted(e, d2->neighbors.v[0], MC_DIR_IN, &attrs, &u, &ap);
	assert_false(mc_rs_has(&got, &out));
	mc_engine_free(e);
}

/* set comm-list L delete: a standard entry deletes each value it lists, an
 * expanded entry each community its regex matches on its own (well-known
 * ones by name), the first entry to match a community decides. */
static void
test_comm_list_delete(void **st)
{
	mc_eval_result res = out_of(MC_VENDOR_FRR,
	    "bgp community-list standard DEL permit 65000:1 65000:2\n"
	    "bgp community-list expanded XDEL deny ^65000:3$\n"
	    "bgp community-list expanded XDEL permit ^65000:\n"
	    "bgp community-list expanded BH permit ^blackhole$\n"
	    "route-map RM permit 10\n"
	    " set comm-list DEL delete\n"
	    " set comm-list XDEL delete\n"
	    " set comm-list BH delete\n"
	    "exit\n",
	    "65000:1 65000:2 65000:3 65000:4 65001:4 65535:666 65000:1:1");
	int i;

	(void)st;
	assert_true(res.accept);
	assert_false(res.approximate);
	assert_int_equal(res.out.ncomms, 3);
	for (i = 0; i < res.out.ncomms; i++) {
		const mc_community *c = &res.out.comms[i];

		assert_true((c->kind == 0 && c->a == 65000 && c->b == 3) ||
		    (c->kind == 0 && c->a == 65001 && c->b == 4) ||
		    (c->kind == 1 && c->a == 65000));
	}
}

/* A regex on the number does not see 65535:666 (bgpd shows "blackhole"). */
static void
test_comm_list_delete_wellknown(void **st)
{
	mc_eval_result res = out_of(MC_VENDOR_FRR,
	    "bgp community-list expanded BH permit ^65535:666$\n"
	    "route-map RM permit 10\n"
	    " set comm-list BH delete\n"
	    "exit\n", "65535:666");

	(void)st;
	assert_int_equal(res.out.ncomms, 1);
}

/* IOS and EOS spellings reach the engine too (the list name was lost). */
static void
test_comm_list_delete_ios_eos(void **st)
{
	static const struct {
		mc_vendor v;
		const char *policy;
	} maps[] = {
		{ MC_VENDOR_IOS,
		    "ip community-list standard DEL permit 65000:1\n"
		    "route-map RM permit 10\n"
		    " set comm-list DEL delete\n"
		    "!\n" },
		{ MC_VENDOR_EOS,
		    "ip community-list DEL permit 65000:1\n"
		    "route-map RM permit 10\n"
		    " set community community-list DEL delete\n"
		    "!\n" },
	};
	size_t i;

	(void)st;
	for (i = 0; i < UT_NITEMS(maps); i++) {
		mc_eval_result res = out_of(maps[i].v, maps[i].policy,
		    "65000:1 65000:2");

		assert_int_equal(res.out.ncomms, 1);
		assert_int_equal(res.out.comms[0].b, 2);
	}
}

int
main(void)
{
	const struct CMUnitTest more[] = {
		cmocka_unit_test(test_symbolic_and_cache),
		cmocka_unit_test(test_comm_list_delete),
		cmocka_unit_test(test_comm_list_delete_wellknown),
		cmocka_unit_test(test_comm_list_delete_ios_eos),
	};
	struct CMUnitTest tests[UT_NITEMS(lp_cases) + UT_NITEMS(more)];
	size_t i;

	for (i = 0; i < UT_NITEMS(lp_cases); i++)
		tests[i] = (struct CMUnitTest){ lp_cases[i].name, test_lp_case,
		    NULL, NULL, (void *)&lp_cases[i] };
	for (i = 0; i < UT_NITEMS(more); i++)
		tests[UT_NITEMS(lp_cases) + i] = more[i];
	return cmocka_run_group_tests(tests, setup, teardown);
}
