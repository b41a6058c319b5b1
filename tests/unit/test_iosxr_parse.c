/* IOS-XR extractor: interfaces, ACLs, BGP inheritance, RPL compiled to the
 * IR and (through the engine) RPL's pass/drop/done/set semantics. */
#include "helpers.h"
#include "vendors/iosxr_int.h"

UT_ARENA_FIXTURE

static mc_device *
parse(const char *text)
{
	mc_diag d;
	mc_device *dev;

	mc_diag_init(&d, A);
	dev = mc_iosxr_parse(A, "r1.cfg", text, strlen(text), &d);
	assert_non_null(dev);
	assert_int_equal(d.errors.n, 0);
	mc_resolve(dev);
	return dev;
}

static mc_neighbor *
nbr(const mc_device *d, const char *addr)
{
	size_t i;

	for (i = 0; i < d->neighbors.n; i++)
		if (strcmp(d->neighbors.v[i]->address, addr) == 0)
			return d->neighbors.v[i];
	fail_msg("no neighbour %s", addr);
	return NULL;
}

static const char *
pol_name(const mc_neighbor *n, int afi, int out)
{
	const mc_direction_policy *dp = out ? &n->af[afi].out : &n->af[afi].in;

	return dp->stages.n ? dp->stages.v[0].chain.v[0].name : NULL;
}

static mc_eval_result
eval(const mc_device *d, const char *addr, mc_dir dir, const char *pfx,
    const char *path, const char *comm, int rov)
{
	mc_engine *e = mc_engine_new(d, A);
	mc_route r;
	mc_eval_result res;

	memset(&r, 0, sizeof(r));
	assert_true(mc_prefix_parse(pfx, strlen(pfx), &r.prefix));
	assert_true(mc_route_set_path(&r, path));
	if (comm != NULL) {
		assert_true(mc_community_parse(comm, &r.comms[0]));
		r.ncomms = 1;
	}
	r.rov = rov ? rov : MC_ROV_NOTFOUND;
	res = mc_eval_route(e, nbr(d, addr), dir, &r);
	mc_engine_free(e);
	return res;
}

static bool
accepts(const mc_device *d, const char *addr, mc_dir dir, const char *pfx,
    const char *path, const char *comm, int rov)
{
	mc_eval_result r = eval(d, addr, dir, pfx, path, comm, rov);

	assert_false(r.approximate);
	return r.accept;
}

/* ---- tests ----------------------------------------------------------------- */

static void
test_interfaces_acls(void **state)
{
	mc_device *d = parse(
	    "hostname r1\n"
	    "interface GigabitEthernet0/0/0/0\n"
	    " description to customer A\n"
	    " ipv4 address 192.0.2.1 255.255.255.252\n"
	    " ipv4 address 198.51.100.1/24 secondary\n"
	    " ipv6 address 2001:db8::1/64\n"
	    " ipv4 verify unicast source reachable-via rx\n"
	    " ipv6 verify unicast source reachable-via any allow-default\n"
	    " ipv4 access-group CUST-IN ingress\n"
	    " mtu 9000\n"
	    " vrf RED\n"
	    "!\n"
	    "interface GigabitEthernet0/0/0/1\n"
	    " shutdown\n"
	    " ipv4 frobnicate\n"
	    "!\n"
	    "ipv4 access-list CUST-IN\n"
	    " 10 remark customer space\n"
	    " 20 permit ipv4 192.0.2.0 0.0.0.3 any\n"
	    " 30 permit tcp host 203.0.113.5 eq 22 any\n"
	    " 40 permit ipv4 198.51.100.0/24 any\n"
	    " 50 deny ipv4 any any\n"
	    "!\n"
	    "ipv6 access-list V6\n"
	    " 10 deny ipv6 fc00::/7 any\n"
	    "!\n");
	const mc_interface *f = mc_dev_iface(d, "GigabitEthernet0/0/0/0");
	const mc_acl *acl = mc_dev_acl(d, "CUST-IN");
	char b[MC_PREFIX_STRLEN];

	(void)state;
	assert_string_equal(d->hostname, "r1");
	assert_non_null(f);
	assert_string_equal(f->description, "to customer A");
	assert_int_equal(f->addrs.n, 3);
	assert_string_equal(mc_prefix_fmt(&f->addrs.v[0].net, b),
	    "192.0.2.0/30");
	assert_int_equal(f->addrs.v[0].addr.len, 30);
	assert_true(f->addrs.v[1].secondary);
	assert_string_equal(mc_prefix_fmt(&f->addrs.v[2].net, b),
	    "2001:db8::/64");
	assert_int_equal(f->urpf4, MC_URPF_STRICT);
	assert_int_equal(f->urpf6, MC_URPF_LOOSE_DEFAULT);
	assert_string_equal(f->acl_in4, "CUST-IN");
	assert_int_equal(f->acl_in4_line, 9);
	assert_string_equal(f->vrf, "RED");
	assert_true(mc_dev_iface(d, "GigabitEthernet0/0/0/1")->shutdown);
	assert_non_null(acl);
	assert_int_equal(acl->entries.n, 5);
	assert_true(acl->entries.v[0].remark);
	assert_string_equal(mc_prefix_fmt(&acl->entries.v[1].src, b),
	    "192.0.2.0/30");
	assert_null(acl->entries.v[1].proto);
	assert_string_equal(acl->entries.v[2].proto, "tcp");
	assert_true(acl->entries.v[2].has_ports);
	assert_int_equal(acl->entries.v[2].src.len, 32);
	assert_false(acl->entries.v[4].permit);
	assert_int_equal(acl->entries.v[4].src.len, 0);
	assert_int_equal(mc_dev_acl(d, "V6")->af, MC_AF6);
	assert_int_equal(d->unrecognized, 1);	/* ipv4 frobnicate */
}

static const char bgp_cfg[] =
    "prefix-set CUST\n"
    "  192.0.2.0/24 le 25,\n"
    "  198.51.100.0/24\n"
    "end-set\n"
    "!\n"
    "route-policy PASS\n"
    "  pass\n"
    "end-policy\n"
    "!\n"
    "router bgp 64500\n"
    " bgp router-id 10.0.0.1\n"
    " rpki server 192.0.2.100\n"
    "  transport tcp port 8282\n"
    " !\n"
    " bgp bestpath origin-as use validity\n"
    " address-family ipv4 unicast\n"
    "  network 203.0.113.0/24\n"
    "  redistribute static route-policy PASS\n"
    " !\n"
    " session-group SG\n"
    "  password encrypted 0822455D0A16\n"
    "  ttl-security\n"
    " !\n"
    " af-group AFG address-family ipv4 unicast\n"
    "  maximum-prefix 100 75 restart 5\n"
    "  remove-private-AS\n"
    " !\n"
    " neighbor-group CUSTOMERS\n"
    "  use session-group SG\n"
    "  remote-as 65001\n"
    "  description customer\n"
    "  address-family ipv4 unicast\n"
    "   use af-group AFG\n"
    "   route-policy PASS out\n"
    "  !\n"
    " !\n"
    " neighbor 192.0.2.2\n"
    "  use neighbor-group CUSTOMERS\n"
    "  description customer two\n"
    "  address-family ipv4 unicast\n"
    "   maximum-prefix 50 discard-extra-paths\n"
    "  !\n"
    " !\n"
    " neighbor 192.0.2.3\n"
    "  use neighbor-group CUSTOMERS\n"
    "  password inheritance-disable\n"
    "  remote-as 65003\n"
    "  ebgp-multihop 2\n"
    " !\n"
    " neighbor 2001:db8::2\n"
    "  remote-as 65004\n"
    "  address-family ipv6 unicast\n"
    "   route-policy NOPE(1, 2) in\n"
    "   maximum-prefix 10 warning-only\n"
    "  !\n"
    " !\n"
    " vrf RED\n"
    "  rd 64500:1\n"
    "  neighbor 10.1.1.1\n"
    "   remote-as 65005\n"
    "   address-family ipv4 unicast\n"
    "   route-policy PASS in\n"	/* not indented: still the AF's */
    "  !\n"
    " !\n"
    "!\n";

static void
test_bgp_inheritance(void **state)
{
	mc_device *d = parse(bgp_cfg);
	mc_neighbor *a = nbr(d, "192.0.2.2"), *b = nbr(d, "192.0.2.3"),
	    *c = nbr(d, "2001:db8::2"), *v = nbr(d, "10.1.1.1");

	(void)state;
	assert_int_equal(d->bgp.asn, 64500);
	assert_string_equal(d->bgp.router_id, "10.0.0.1");
	assert_true(d->bgp.rpki_configured);
	assert_true(d->bgp.rov_drops_invalid);
	assert_int_equal(d->rpki_caches.n, 1);
	assert_int_equal(d->rpki_caches.v[0].port, 8282);
	assert_int_equal(d->origins.n, 2);
	assert_string_equal(d->origins.v[1].detail, "static");
	assert_string_equal(d->origins.v[1].policy, "PASS");
	assert_int_equal(d->neighbors.n, 4);
	/* neighbour over neighbor-group over session-group / af-group */
	assert_int_equal(a->remote_as, 65001);
	assert_string_equal(a->description, "customer two");
	assert_string_equal(a->group, "CUSTOMERS");
	assert_true(a->auth);
	assert_int_equal(a->ttl_security, 1);
	assert_true(a->af[MC_AFI_V4].active);
	assert_false(a->af[MC_AFI_V6].active);
	assert_int_equal(a->af[MC_AFI_V4].maxpfx.limit, 50);
	assert_int_equal(a->af[MC_AFI_V4].maxpfx.action, MC_MAXP_DROP);
	assert_true(a->af[MC_AFI_V4].remove_private_as);
	assert_null(pol_name(a, MC_AFI_V4, 0));
	assert_string_equal(pol_name(a, MC_AFI_V4, 1), "PASS");
	assert_int_equal(b->remote_as, 65003);
	assert_false(b->auth);
	assert_int_equal(b->ttl_security, 2);
	assert_int_equal(b->ebgp_multihop, 2);
	assert_int_equal(b->af[MC_AFI_V4].maxpfx.limit, 100);
	assert_int_equal(b->af[MC_AFI_V4].maxpfx.action, MC_MAXP_TEARDOWN);
	assert_string_equal(pol_name(c, MC_AFI_V6, 0), "NOPE(1, 2)");
	assert_int_equal(c->af[MC_AFI_V6].maxpfx.action, MC_MAXP_WARN);
	assert_string_equal(v->vrf, "RED");
	assert_string_equal(pol_name(v, MC_AFI_V4, 0), "PASS");
	assert_int_equal(d->unrecognized, 0);
	/* RFC 8212: nothing in without a policy */
	assert_false(mc_has_policy(a, MC_AFI_V4, MC_DIR_IN));
	assert_false(eval(d, "192.0.2.2", MC_DIR_IN, "192.0.2.0/24", "65001",
	    NULL, 0).accept);
}

static const char rpl_cfg[] =
    "prefix-set BOGONS\n"
    "  10.0.0.0/8 le 32,\n"
    "  192.168.0.0/16 le 32,\n"
    "  0.0.0.0/0 ge 25\n"
    "end-set\n"
    "!\n"
    "as-path-set BAD-AS\n"
    "  passes-through '[64512..64999]',\n"
    "  ios-regex '_23456_',\n"
    "  length ge 50\n"
    "end-set\n"
    "!\n"
    "community-set BH\n"
    "  65000:666,\n"
    "  no-export\n"
    "end-set\n"
    "!\n"
    "route-policy FILTER\n"
    "  if destination in BOGONS then\n"
    "    drop\n"
    "  endif\n"
    "  if as-path in BAD-AS then\n"
    "    drop\n"
    "  endif\n"
    "end-policy\n"
    "!\n"
    "route-policy TAG($C)\n"
    "  set community (64500:$C) additive\n"
    "end-policy\n"
    "!\n"
    "route-policy IN($AS, $PS)\n"
    "  apply FILTER\n"
    "  # remark\n"
    "  if validation-state is invalid then\n"
    "    drop\n"
    "  elseif community matches-any BH then\n"
    "    set local-preference 50\n"
    "    done\n"
    "  elseif destination in $PS and as-path originates-from '$AS' then\n"
    "    apply TAG($AS)\n"
    "  elseif destination in (203.0.113.0/24) then\n"
    "    pass\n"
    "  else\n"
    "    if as-path neighbor-is '$AS' then\n"
    "      pass\n"
    "    endif\n"
    "    drop\n"
    "  endif\n"
    "end-policy\n"
    "!\n"
    "route-policy OUT\n"
    "  if destination in (198.51.100.0/24 le 24) then\n"
    "    prepend as-path own-as 2\n"
    "  endif\n"
    "end-policy\n"
    "!\n"
    "route-policy EMPTY\n"
    "end-policy\n"
    "!\n"
    "prefix-set CUST\n"
    "  192.0.2.0/24 le 24\n"
    "end-set\n"
    "!\n"
    "router bgp 64500\n"
    " neighbor 192.0.2.2\n"
    "  remote-as 65001\n"
    "  address-family ipv4 unicast\n"
    "   route-policy IN(65001, CUST) in\n"
    "   route-policy OUT out\n"
    "  !\n"
    " !\n"
    " neighbor 192.0.2.3\n"
    "  remote-as 65003\n"
    "  address-family ipv4 unicast\n"
    "   route-policy EMPTY in\n"
    "  !\n"
    " !\n"
    "!\n";

static void
test_rpl_compile(void **state)
{
	mc_device *d = parse(rpl_cfg);
	const mc_policy *p = mc_dev_policy(d, "IN(65001, CUST)");
	const mc_block *b;

	(void)state;
	assert_non_null(p);
	assert_int_equal(p->fallthrough, MC_FALL_REJECT);
	assert_int_equal(p->terms.n, 1);
	b = &p->terms.v[0].body;
	assert_int_equal(b->n, 2);
	/* apply FILTER: FILTER's statements under IF(true) */
	assert_int_equal(b->v[0]->kind, MC_S_IF);
	assert_int_equal(b->v[0]->cond->kind, MC_C_TRUE);
	assert_int_equal(b->v[0]->then.n, 2);
	assert_int_equal(b->v[0]->then.v[0]->then.v[0]->kind, MC_S_REJECT);
	/* if/elseif chain: nested in else blocks */
	assert_int_equal(b->v[1]->cond->kind, MC_C_RPKI);
	assert_int_equal(b->v[1]->els.v[0]->then.v[0]->kind, MC_S_SET);
	assert_int_equal(b->v[1]->els.v[0]->then.v[1]->kind, MC_S_MARK);
	assert_int_equal(b->v[1]->els.v[0]->then.v[2]->kind, MC_S_ACCEPT);
	assert_non_null(mc_dev_policy(d, "TAG(65001)"));
	assert_non_null(mc_dev_policy(d, "FILTER"));
	assert_null(mc_dev_policy(d, "IN"));	/* only instances */
	assert_int_equal(d->unrecognized, 0);
}

static void
test_rpl_eval(void **state)
{
	mc_device *d = parse(rpl_cfg);

	(void)state;
	/* parameters: the customer's prefixes from its AS: set = accepted */
	assert_true(accepts(d, "192.0.2.2", MC_DIR_IN, "192.0.2.0/24", "65001",
	    NULL, 0));
	assert_true(accepts(d, "192.0.2.2", MC_DIR_IN, "192.0.2.0/24",
	    "65001 65001", NULL, 0));
	/* not in the prefix-set: else branch; pass then drop: dropped */
	assert_false(accepts(d, "192.0.2.2", MC_DIR_IN, "8.8.8.0/24",
	    "65001 15169", NULL, 0));
	assert_false(accepts(d, "192.0.2.2", MC_DIR_IN, "8.8.8.0/24",
	    "65002 15169", NULL, 0));
	/* applied FILTER drops bogons and private ASNs first */
	assert_false(accepts(d, "192.0.2.2", MC_DIR_IN, "10.0.0.0/8", "65001",
	    NULL, 0));
	assert_false(accepts(d, "192.0.2.2", MC_DIR_IN, "192.0.2.0/25",
	    "65001", NULL, 0));
	assert_false(accepts(d, "192.0.2.2", MC_DIR_IN, "192.0.2.0/24",
	    "65001 64512", NULL, 0));
	assert_false(accepts(d, "192.0.2.2", MC_DIR_IN, "192.0.2.0/24",
	    "65001 23456", NULL, 0));
	/* RPKI invalid dropped */
	assert_false(accepts(d, "192.0.2.2", MC_DIR_IN, "192.0.2.0/24",
	    "65001", NULL, MC_ROV_INVALID));
	/* done */
	assert_true(accepts(d, "192.0.2.2", MC_DIR_IN, "1.1.1.0/24",
	    "65002", "65000:666", 0));
	/* pass on an inline prefix */
	assert_true(accepts(d, "192.0.2.2", MC_DIR_IN, "203.0.113.0/24",
	    "65009", NULL, 0));
	/* export: a set (prepend) accepts, nothing else does */
	assert_true(accepts(d, "192.0.2.2", MC_DIR_OUT, "198.51.100.0/24", "",
	    NULL, 0));
	assert_false(accepts(d, "192.0.2.2", MC_DIR_OUT, "203.0.113.0/24", "",
	    NULL, 0));
	/* an empty policy drops everything */
	assert_false(accepts(d, "192.0.2.3", MC_DIR_IN, "203.0.113.0/24",
	    "65003", NULL, 0));
}

static void
test_rpl_communities(void **state)
{
	mc_device *d = parse(
	    "community-set INTERNAL\n"
	    "  64500:*,\n"
	    "  [65000..65001]:666\n"
	    "end-set\n"
	    "route-policy IN\n"
	    "  if community matches-any (65001:666) then\n"
	    "    drop\n"
	    "  endif\n"
	    "  delete community in INTERNAL\n"
	    "  if community matches-any (64500:1) then\n"
	    "    drop\n"
	    "  endif\n"
	    "end-policy\n"
	    "router bgp 64500\n"
	    " neighbor 192.0.2.2\n"
	    "  remote-as 65001\n"
	    "  address-family ipv4 unicast\n"
	    "   route-policy IN in\n");

	(void)state;
	/* the range expands to two values */
	assert_false(accepts(d, "192.0.2.2", MC_DIR_IN, "203.0.113.0/24",
	    "65001", "65001:666", 0));
	/* 64500:* is deleted before the check; the delete is a
	 * modification, so the route is accepted */
	assert_true(accepts(d, "192.0.2.2", MC_DIR_IN, "203.0.113.0/24",
	    "65001", "64500:1", 0));
	assert_true(accepts(d, "192.0.2.2", MC_DIR_IN, "203.0.113.0/24",
	    "65001", NULL, 0));
}

static void
test_waivers_and_flat_sets(void **state)
{
	mc_device *d = parse(
	    "prefix-set FLAT\n"
	    "10.0.0.0/8 ge 9 le 24,\n"
	    "172.16.0.0/12 eq 24\n"
	    "end-set\n"
	    "!\n"
	    "router bgp 64500\n"
	    " ! manrs-check: ignore FLT-NO-IMPORT-POLICY lab peer\n"
	    " neighbor 192.0.2.9\n"
	    "  remote-as 65009\n"
	    " !\n"
	    " neighbor 192.0.2.10 ! manrs-check: ignore SEC-GTSM expires 2027-01-01 multihop\n"
	    "  remote-as 65010\n"
	    "!\n");
	const mc_prefix_list *pl = mc_dev_prefix_list(d, "FLAT");

	(void)state;
	assert_non_null(pl);
	assert_int_equal(pl->entries.n, 2);
	assert_int_equal(pl->entries.v[0].r.lo, 9);
	assert_int_equal(pl->entries.v[0].r.hi, 24);
	assert_int_equal(pl->entries.v[1].r.lo, 24);
	assert_int_equal(pl->entries.v[1].r.hi, 24);
	assert_int_equal(d->waivers.n, 2);
	assert_string_equal(d->waivers.v[0].rule, "FLT-NO-IMPORT-POLICY");
	assert_int_equal(d->waivers.v[0].first, 8);
	assert_int_equal(d->waivers.v[0].last, 9);
	assert_string_equal(d->waivers.v[1].rule, "SEC-GTSM");
	assert_int_equal(d->waivers.v[1].exp_y, 2027);
	assert_int_equal(d->waivers.v[1].first, 11);
	assert_int_equal(d->waivers.v[1].last, 11);
	assert_string_equal(nbr(d, "192.0.2.10")->address, "192.0.2.10");
}

static void
test_hostile(void **state)
{
	static const char *inputs[] = {
		"", "route-policy\n", "route-policy X(\n", "route-policy X\n if\n",
		"route-policy X\n if then\n endif\nend-policy\n",
		"route-policy X\n if ( ( ( destination in (\nend-policy\n",
		"route-policy A\n apply A\nend-policy\nrouter bgp 1\n neighbor 1.1.1.1\n"
		"  remote-as 2\n  address-family ipv4 unicast\n   route-policy A in\n",
		"route-policy A($x)\n apply A($x)\nend-policy\nroute-policy B\n apply A(1)\nend-policy\n",
		"prefix-set P\n 1.2.3.4/99 le 200,\n ,,,\nend-set\n",
		"as-path-set Q\n passes-through '[9..1]'\n length\nend-set\n",
		"community-set C\n [0..65535]:[0..65535]\n *:*\nend-set\n",
		"router bgp x\n", "router bgp 1\n neighbor-group A\n  use neighbor-group A\n"
		" neighbor 1.1.1.1\n  use neighbor-group A\n",
		"interface X\n ipv4 address 1.2.3.4 255.0.255.0\n",
		"ipv4 access-list A\n 10 permit\n 20 deny ipv4 host\n",
		"route-policy X\n set community (\nend-policy\n",
		"route-policy X\n prepend as-path\n delete community in\nend-policy\n",
	};
	size_t i;
	char deep[4096];
	int k;

	(void)state;
	for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		mc_diag dg;

		mc_diag_init(&dg, A);
		(void)mc_iosxr_parse(A, "h.cfg", inputs[i], strlen(inputs[i]),
		    &dg);
	}
	/* deep if nesting and long apply chains stay bounded */
	{
		size_t n = 0;
		mc_diag dg;

		n += (size_t)snprintf(deep + n, sizeof(deep) - n,
		    "route-policy D\n");
		for (k = 0; k < 150 && n < sizeof(deep) - 100; k++)
			n += (size_t)snprintf(deep + n, sizeof(deep) - n,
			    "if destination in (1.0.0.0/8) then\n");
		n += (size_t)snprintf(deep + n, sizeof(deep) - n,
		    "pass\nend-policy\n");
		mc_diag_init(&dg, A);
		assert_non_null(mc_iosxr_parse(A, "d.cfg", deep, n, &dg));
	}
	{
		/* P0 applies P1 twice, P1 applies P2 twice, ... */
		char *buf = mc_alloc(A, 1 << 16);
		size_t n = 0;
		mc_diag dg;

		for (k = 0; k < 40; k++)
			n += (size_t)snprintf(buf + n, (1 << 16) - n,
			    "route-policy P%d\n apply P%d\n apply P%d\n"
			    "end-policy\n", k, k + 1, k + 1);
		mc_diag_init(&dg, A);
		assert_non_null(mc_iosxr_parse(A, "e.cfg", buf, n, &dg));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_interfaces_acls),
		cmocka_unit_test(test_bgp_inheritance),
		cmocka_unit_test(test_rpl_compile),
		cmocka_unit_test(test_rpl_eval),
		cmocka_unit_test(test_rpl_communities),
		cmocka_unit_test(test_waivers_and_flat_sets),
		cmocka_unit_test(test_hostile),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
