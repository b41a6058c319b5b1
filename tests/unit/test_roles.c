/* Neighbour roles: policy file first, then RFC 9234, iBGP, keywords. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "manrs/rules.h"
#include "rules/rules_int.h"

static mc_neighbor *
nbr(mc_device *d, const char *addr, uint32_t as, const char *desc)
{
	mc_neighbor *n = mc_alloc(d->arena, sizeof(*n));

	mc_neighbor_init(n);
	n->address = addr;
	mc_addr_parse(addr, strlen(addr), &n->addr);
	n->remote_as_kind = MC_RAS_NUMBER;
	n->remote_as = as;
	n->description = desc;
	n->line = 10 + (int)d->neighbors.n;
	n->af[MC_AFI_V4].active = true;
	mc_vec_push(d->arena, &d->neighbors, n);
	return n;
}

static mc_device *
dev(mc_arena *a)
{
	mc_device *d = mc_device_new(a, "net/r1.cfg", MC_VENDOR_IOS);

	d->hostname = "r1";
	d->bgp.asn = 64500;
	return d;
}

static void
test_keywords(void **state)
{
	(void)state;
	assert_int_equal(mc_role_from_keywords("CUST-ACME"), MC_ROLE_CUSTOMER);
	assert_int_equal(mc_role_from_keywords("Customer: Foo Ltd"), MC_ROLE_CUSTOMER);
	assert_int_equal(mc_role_from_keywords("downstream foo"), MC_ROLE_CUSTOMER);
	assert_int_equal(mc_role_from_keywords("Transit: Cogent"), MC_ROLE_PROVIDER);
	assert_int_equal(mc_role_from_keywords("UPSTREAM-1"), MC_ROLE_PROVIDER);
	assert_int_equal(mc_role_from_keywords("provider"), MC_ROLE_PROVIDER);
	assert_int_equal(mc_role_from_keywords("AMS-IX peering"), MC_ROLE_PEER);
	assert_int_equal(mc_role_from_keywords("PNI Netflix"), MC_ROLE_PEER);
	assert_int_equal(mc_role_from_keywords("PEERS"), MC_ROLE_PEER);
	assert_int_equal(mc_role_from_keywords("DE-CIX RS1"), MC_ROLE_RS);
	assert_int_equal(mc_role_from_keywords("IX route server"), MC_ROLE_RS);
	assert_int_equal(mc_role_from_keywords("route-server"), MC_ROLE_RS);
	/* one keyword for each first letter the scan looks for */
	assert_int_equal(mc_role_from_keywords("IX Frankfurt"), MC_ROLE_PEER);
	assert_int_equal(mc_role_from_keywords("Routeservers"), MC_ROLE_RS);
	assert_int_equal(mc_role_from_keywords("x downstreams"), MC_ROLE_CUSTOMER);
	assert_int_equal(mc_role_from_keywords("x upstreams"), MC_ROLE_PROVIDER);
	/* A customer that buys transit is a customer. */
	assert_int_equal(mc_role_from_keywords("transit customer ACME"), MC_ROLE_CUSTOMER);
	/* Keywords are whole words. */
	assert_int_equal(mc_role_from_keywords("Peerless Corp"), MC_ROLE_UNKNOWN);
	assert_int_equal(mc_role_from_keywords("customs office"), MC_ROLE_UNKNOWN);
	assert_int_equal(mc_role_from_keywords("BOGONS-IN"), MC_ROLE_UNKNOWN);
	assert_int_equal(mc_role_from_keywords(NULL), MC_ROLE_UNKNOWN);
}

static void
test_inference_order(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_device *d = dev(a);
	mc_neighbor *ibgp, *role, *desc, *grp, *pol, *none, *ext, *rsc;
	mc_stage st;
	mc_polref pr;

	(void)state;
	ibgp = nbr(d, "10.0.0.2", 64500, "core peer");
	role = nbr(d, "192.0.2.1", 64501, "peer at IX");
	role->bgp_role = "provider";		/* we are its provider */
	desc = nbr(d, "192.0.2.5", 64502, "CUST-FOO");
	grp = nbr(d, "192.0.2.9", 64503, NULL);
	grp->group = "TRANSIT";
	pol = nbr(d, "192.0.2.13", 64504, "Example Inc");
	memset(&st, 0, sizeof(st));
	pr.name = "FROM-PEER-IN";
	pr.kind = MC_REF_POLICY;
	pr.line = 3;
	mc_vec_push(a, &st.chain, pr);
	mc_vec_push(a, &pol->af[MC_AFI_V4].in.stages, st);
	none = nbr(d, "192.0.2.17", 64505, "Example Ltd");
	ext = nbr(d, "192.0.2.21", 0, NULL);
	ext->remote_as_kind = MC_RAS_INTERNAL;
	rsc = nbr(d, "192.0.2.25", 64506, NULL);
	rsc->af[MC_AFI_V4].rs_client = true;

	mc_assign_roles(d, NULL);
	assert_int_equal(ibgp->role, MC_ROLE_INTERNAL);
	assert_string_equal(ibgp->role_source, "ibgp");
	assert_int_equal(role->role, MC_ROLE_CUSTOMER);
	assert_string_equal(role->role_source, "bgp-role");
	assert_int_equal(desc->role, MC_ROLE_CUSTOMER);
	assert_string_equal(desc->role_source, "description");
	assert_int_equal(grp->role, MC_ROLE_PROVIDER);
	assert_string_equal(grp->role_source, "group-name");
	assert_int_equal(pol->role, MC_ROLE_PEER);
	assert_string_equal(pol->role_source, "policy-name");
	assert_int_equal(none->role, MC_ROLE_UNKNOWN);
	assert_string_equal(none->role_source, "none");
	assert_int_equal(ext->role, MC_ROLE_INTERNAL);
	assert_int_equal(rsc->role, MC_ROLE_RS_CLIENT);

	assert_false(mc_is_ebgp(d, ibgp));
	assert_true(mc_is_ebgp(d, desc));
	assert_false(mc_is_ebgp(d, ext));
	mc_arena_free(a);
}

static void
test_bgp_role_mapping(void **state)
{
	static const struct { const char *cfg; mc_role want; } t[] = {
		{ "provider", MC_ROLE_CUSTOMER },
		{ "customer", MC_ROLE_PROVIDER },
		{ "peer", MC_ROLE_PEER },
		{ "rs-server", MC_ROLE_RS_CLIENT },
		{ "rs_server", MC_ROLE_RS_CLIENT },
		{ "rs", MC_ROLE_RS_CLIENT },
		{ "rs-client", MC_ROLE_RS },
		{ "customer strict-mode", MC_ROLE_PROVIDER },
	};
	mc_arena *a = mc_arena_new();
	mc_device *d = dev(a);
	mc_neighbor *n = nbr(d, "192.0.2.1", 64501, "peer");
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		n->bgp_role = t[i].cfg;
		mc_assign_roles(d, NULL);
		assert_int_equal(n->role, t[i].want);
	}
	mc_arena_free(a);
}

static void
test_policy_first(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_device *d = dev(a);
	mc_neighbor *n1, *n2, *n3, *n4, *n5;
	mc_policyfile pf;
	mc_nbr_match m;

	(void)state;
	n1 = nbr(d, "198.51.100.1", 64501, "peer at IX");	/* by address */
	n2 = nbr(d, "198.51.100.5", 64496, "CUST");		/* by remote_as */
	n3 = nbr(d, "198.51.100.9", 64510, "AMS-IX link");	/* by regex */
	n4 = nbr(d, "198.51.100.13", 64511, "Transit X");	/* no match */
	n5 = nbr(d, "10.9.9.9", 64500, "core");			/* policy says customer */
	memset(&pf, 0, sizeof(pf));
	memset(&m, 0, sizeof(m));
	m.device = "r1";
	m.address = "198.51.100.1";
	m.role = MC_ROLE_CUSTOMER;
	mc_vec_push(a, &pf.neighbors, m);
	memset(&m, 0, sizeof(m));
	m.device = "r2";	/* another device: must not match */
	m.has_remote_as = true;
	m.remote_as = 64511;
	m.role = MC_ROLE_PEER;
	mc_vec_push(a, &pf.neighbors, m);
	memset(&m, 0, sizeof(m));
	m.has_remote_as = true;
	m.remote_as = 64496;
	m.role = MC_ROLE_PROVIDER;
	mc_vec_push(a, &pf.neighbors, m);
	memset(&m, 0, sizeof(m));
	m.description = "(?i)\\bix\\b";
	m.role = MC_ROLE_PEER;
	mc_vec_push(a, &pf.neighbors, m);
	memset(&m, 0, sizeof(m));
	m.device = "r1.cfg";	/* file name works too */
	m.address = "10.9.9.9";
	m.role = MC_ROLE_CUSTOMER;
	mc_vec_push(a, &pf.neighbors, m);

	mc_assign_roles(d, &pf);
	assert_int_equal(n1->role, MC_ROLE_CUSTOMER);
	assert_string_equal(n1->role_source, "policy");
	assert_int_equal(n2->role, MC_ROLE_PROVIDER);
	assert_int_equal(n3->role, MC_ROLE_PEER);
	assert_string_equal(n3->role_source, "policy");
	assert_int_equal(n4->role, MC_ROLE_PROVIDER);
	assert_string_equal(n4->role_source, "description");
	assert_int_equal(n5->role, MC_ROLE_CUSTOMER);
	/* The operator's word makes a same-AS session eBGP for the rules. */
	assert_true(mc_is_ebgp(d, n5));
	assert_ptr_equal(mc_pf_match(&pf, d, n1), &pf.neighbors.v[0]);
	assert_null(mc_pf_match(&pf, d, n4));
	mc_arena_free(a);
}

static void
test_ifname(void **state)
{
	(void)state;
	assert_true(mc_ifname_match("Gi0/1", "GigabitEthernet0/1"));
	assert_true(mc_ifname_match("gi0/1", "GigabitEthernet0/1"));
	assert_true(mc_ifname_match("GigabitEthernet0/1", "GigabitEthernet0/1"));
	assert_true(mc_ifname_match("Et1", "Ethernet1"));
	assert_true(mc_ifname_match("Te0/0/0", "TenGigabitEthernet0/0/0"));
	assert_false(mc_ifname_match("Gi0/1", "GigabitEthernet0/10"));
	assert_false(mc_ifname_match("Gi0/1", "TenGigabitEthernet0/1"));
	assert_false(mc_ifname_match("G0/1", "GigabitEthernet0/1"));
	assert_true(mc_ifname_match("ge-0/0/0", "ge-0/0/0"));
	assert_false(mc_ifname_match(NULL, "x"));
}

static void
test_device_match(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_device *d = dev(a);

	(void)state;
	assert_true(mc_pf_device_match("r1", d));
	assert_true(mc_pf_device_match("R1", d));
	assert_true(mc_pf_device_match("r1.cfg", d));
	assert_true(mc_pf_device_match("net/r1.cfg", d));
	assert_false(mc_pf_device_match("r2", d));
	assert_false(mc_pf_device_match("r", d));
	mc_arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keywords),
		cmocka_unit_test(test_inference_order),
		cmocka_unit_test(test_bgp_role_mapping),
		cmocka_unit_test(test_policy_first),
		cmocka_unit_test(test_ifname),
		cmocka_unit_test(test_device_match),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
