/* IOS family reader and extractor: small configurations of each dialect
 * and the model they must give. */
#include "helpers.h"

UT_ARENA_DIAG_FIXTURE

static mc_device *
parse(const char *text, mc_vendor v)
{
	return ut_parse(A, &D, text, v);
}

static mc_neighbor *
nbr(mc_device *d, const char *addr, const char *vrf)
{
	size_t i;

	for (i = 0; i < d->neighbors.n; i++) {
		mc_neighbor *n = d->neighbors.v[i];

		if (strcmp(n->address, addr) == 0 && ((vrf == NULL && n->vrf == NULL) ||
		    (vrf != NULL && n->vrf != NULL && strcmp(vrf, n->vrf) == 0)))
			return n;
	}
	return NULL;
}

static const char *
stage_name(const mc_direction_policy *p, size_t i)
{
	return i < p->stages.n && p->stages.v[i].chain.n > 0 ?
	    p->stages.v[i].chain.v[0].name : NULL;
}

static int
has_stage(const mc_direction_policy *p, mc_ref_kind k, const char *name)
{
	size_t i;

	for (i = 0; i < p->stages.n; i++)
		if (p->stages.v[i].chain.v[0].kind == k &&
		    strcmp(p->stages.v[i].chain.v[0].name, name) == 0)
			return 1;
	return 0;
}

/* ---- IOS ---------------------------------------------------------------- */

static const char ios_cfg[] =
    "version 15.2\n"
    "service timestamps debug datetime msec\n"
    "hostname r1\n"
    "!\n"
    "interface GigabitEthernet0/1\n"
    " description customer A\n"
    " ip address 192.0.2.1 255.255.255.252\n"
    " ip address 198.51.100.1 255.255.255.0 secondary\n"
    " ipv6 address 2001:db8:1::1/64\n"
    " ip verify unicast source reachable-via rx\n"
    " ipv6 verify unicast source reachable-via any\n"
    " ip access-group 10 in\n"
    " ipv6 traffic-filter V6IN in\n"
    "!\n"
    "interface GigabitEthernet0/2\n"
    " vrf forwarding CUST\n"
    " ip address 10.1.1.1 255.255.255.0\n"
    " ip verify unicast source reachable-via any allow-default\n"
    " shutdown\n"
    "!\n"
    "interface Serial0/0\n"
    " ip verify unicast reverse-path\n"
    " ip verify unicast frobnicate\n"
    "!\n"
    "access-list 10 permit 192.0.2.0 0.0.0.3\n"
    "access-list 10 deny   any log\n"
    "access-list 101 permit tcp any host 192.0.2.9 eq 22\n"
    "access-list 101 remark web\n"
    "ip access-list extended EXT\n"
    " 10 permit ip 203.0.113.0 0.0.0.255 any\n"
    " deny ip any any\n"
    "ipv6 access-list V6IN\n"
    " sequence 10 permit ipv6 2001:db8::/32 any\n"
    " deny ipv6 any any\n"
    "!\n"
    "router bgp 64500\n"
    " bgp router-id 192.0.2.1\n"
    " bgp log-neighbor-changes\n"
    " neighbor CUST peer-group\n"
    " neighbor CUST remote-as 64501\n"
    " neighbor CUST password 7 0822455D0A16\n"
    " neighbor 192.0.2.2 peer-group CUST\n"
    " neighbor 192.0.2.2 description customer A\n"
    " neighbor 192.0.2.6 peer-group CUST\n"
    " neighbor 192.0.2.6 remote-as 64502\n"
    " neighbor 2001:db8:1::2 remote-as 64501\n"
    " neighbor 198.51.100.9 remote-as 64510\n"
    " neighbor 198.51.100.9 ttl-security hops 1\n"
    " neighbor 198.51.100.9 shutdown\n"
    " neighbor 198.51.100.9 frobnicate\n"
    " !\n"
    " address-family ipv4\n"
    "  network 192.0.2.0 mask 255.255.255.0\n"
    "  network 10.0.0.0\n"
    "  aggregate-address 198.51.100.0 255.255.255.0 summary-only\n"
    "  redistribute static route-map STATIC\n"
    "  neighbor CUST route-map CUST-IN in\n"
    "  neighbor CUST prefix-list CUST-PL in\n"
    "  neighbor CUST maximum-prefix 100 80 restart 5\n"
    "  neighbor 192.0.2.6 route-map OTHER-IN in\n"
    "  neighbor 192.0.2.6 filter-list 5 in\n"
    "  neighbor 192.0.2.6 distribute-list 10 out\n"
    "  neighbor 192.0.2.6 maximum-prefix 50 warning-only\n"
    "  no neighbor 2001:db8:1::2 activate\n"
    " exit-address-family\n"
    " !\n"
    " address-family ipv6\n"
    "  neighbor 2001:db8:1::2 activate\n"
    "  neighbor 2001:db8:1::2 route-map V6-IN in\n"
    " exit-address-family\n"
    " !\n"
    " address-family ipv4 vrf CUST\n"
    "  neighbor 10.1.1.2 remote-as 64520\n"
    "  neighbor 10.1.1.2 route-map VRF-IN in\n"
    " exit-address-family\n"
    "!\n"
    "ip route 192.0.2.0 255.255.255.0 Null0\n"
    "ip route vrf CUST 10.9.0.0 255.255.0.0 10.1.1.2\n"
    "ipv6 route 2001:db8::/32 Null0\n"
    "ip prefix-list CUST-PL seq 10 permit 203.0.113.0/24\n"
    "ip prefix-list CUST-PL seq 5 deny 10.0.0.0/8 le 32\n"
    "ip prefix-list CUST-PL seq 20 permit 198.18.0.0/15 ge 24\n"
    "ip prefix-list CUST-PL seq 30 permit 100.64.0.0/10 ge 16 le 24\n"
    "ip prefix-list CUST-PL permit 1.0.0.0/8 le 24\n"
    "ip as-path access-list 5 permit ^64501(_64501)*$\n"
    "ip community-list standard BLACKHOLE permit 65535:666\n"
    "ip community-list expanded EXP permit ^64500:1[0-9]$\n"
    "ip community-list 1 permit no-export 64500:1\n"
    "route-map CUST-IN permit 20\n"
    " match ip address prefix-list CUST-PL\n"
    " set local-preference 200\n"
    "route-map CUST-IN deny 10\n"
    " match community BLACKHOLE\n"
    "route-map CUST-IN permit 30\n"
    " match as-path 5\n"
    " match ip next-hop 7\n"
    " set community 64500:100 additive\n"
    " set as-path prepend 64500 64500 64500\n"
    " continue 50\n"
    "route-map CUST-IN permit 50\n"
    " match rpki invalid\n"
    "end\n";

static void
ios_basics(void **st)
{
	mc_device *d = parse(ios_cfg, MC_VENDOR_UNKNOWN);
	mc_interface *i1, *i2, *i3;

	(void)st;
	assert_non_null(d);
	assert_int_equal(d->vendor, MC_VENDOR_IOS);
	assert_string_equal(d->hostname, "r1");
	assert_int_equal(d->bgp.asn, 64500);
	assert_string_equal(d->bgp.router_id, "192.0.2.1");
	assert_int_equal(d->lines, 102);
	/* the unknown interface line and the unknown neighbour command
	 * ("match ip next-hop 7" is modelled: MC_C_NEXT_HOP) */
	assert_int_equal(d->unrecognized, 2);
	assert_true(d->section_lines > 70);

	i1 = mc_dev_iface(d, "GigabitEthernet0/1");
	assert_non_null(i1);
	assert_string_equal(i1->description, "customer A");
	assert_int_equal(i1->addrs.n, 3);
	assert_true(i1->addrs.v[1].secondary);
	assert_int_equal(i1->addrs.v[0].net.len, 30);
	assert_int_equal(i1->addrs.v[2].addr.af, MC_AF6);
	assert_int_equal(i1->urpf4, MC_URPF_STRICT);
	assert_int_equal(i1->urpf6, MC_URPF_LOOSE);
	assert_string_equal(i1->acl_in4, "10");
	assert_string_equal(i1->acl_in6, "V6IN");
	i2 = mc_dev_iface(d, "GigabitEthernet0/2");
	assert_string_equal(i2->vrf, "CUST");
	assert_true(i2->shutdown);
	assert_int_equal(i2->urpf4, MC_URPF_LOOSE_DEFAULT);
	i3 = mc_dev_iface(d, "Serial0/0");
	assert_int_equal(i3->urpf4, MC_URPF_STRICT);
}

static void
ios_acls(void **st)
{
	mc_device *d = parse(ios_cfg, MC_VENDOR_IOS);
	mc_acl *a10, *a101, *ext, *v6;

	(void)st;
	a10 = mc_dev_acl(d, "10");
	assert_non_null(a10);
	assert_int_equal(a10->entries.n, 2);
	assert_true(a10->entries.v[0].permit);
	assert_int_equal(a10->entries.v[0].src.len, 30);
	assert_false(a10->entries.v[1].permit);
	assert_int_equal(a10->entries.v[1].src.len, 0);
	a101 = mc_dev_acl(d, "101");
	assert_int_equal(a101->entries.n, 2);
	assert_string_equal(a101->entries.v[0].proto, "tcp");
	assert_true(a101->entries.v[0].has_ports);
	assert_int_equal(a101->entries.v[0].dst.len, 32);
	assert_true(a101->entries.v[1].remark);
	ext = mc_dev_acl(d, "EXT");
	assert_int_equal(ext->entries.n, 2);
	assert_null(ext->entries.v[0].proto);
	assert_int_equal(ext->entries.v[0].src.len, 24);
	v6 = mc_dev_acl(d, "V6IN");
	assert_int_equal(v6->af, MC_AF6);
	assert_int_equal(v6->entries.n, 2);
	assert_int_equal(v6->entries.v[0].src.len, 32);
}

static void
ios_bgp_neighbors(void **st)
{
	mc_device *d = parse(ios_cfg, MC_VENDOR_IOS);
	mc_neighbor *g, *a, *b, *v6, *sh, *vr;

	(void)st;
	g = nbr(d, "CUST", NULL);
	assert_non_null(g);
	assert_true(g->is_group_only);
	/* member inherits remote-as, password, policies, max-prefix */
	a = nbr(d, "192.0.2.2", NULL);
	assert_non_null(a);
	assert_false(a->is_group_only);
	assert_string_equal(a->group, "CUST");
	assert_int_equal(a->remote_as, 64501);
	assert_true(a->auth);
	assert_string_equal(a->description, "customer A");
	assert_true(a->af[MC_AFI_V4].active);
	assert_false(a->af[MC_AFI_V6].active);
	assert_int_equal(a->af[MC_AFI_V4].in.stages.n, 2);
	assert_true(has_stage(&a->af[MC_AFI_V4].in, MC_REF_POLICY, "CUST-IN"));
	assert_true(has_stage(&a->af[MC_AFI_V4].in, MC_REF_PREFIX_LIST,
	    "CUST-PL"));
	assert_int_equal(a->af[MC_AFI_V4].maxpfx.limit, 100);
	assert_int_equal(a->af[MC_AFI_V4].maxpfx.action, MC_MAXP_TEARDOWN);
	/* member overrides the same kind, inherits the others */
	b = nbr(d, "192.0.2.6", NULL);
	assert_int_equal(b->remote_as, 64502);
	assert_int_equal(b->af[MC_AFI_V4].in.stages.n, 3);
	assert_true(has_stage(&b->af[MC_AFI_V4].in, MC_REF_POLICY, "OTHER-IN"));
	assert_false(has_stage(&b->af[MC_AFI_V4].in, MC_REF_POLICY, "CUST-IN"));
	assert_true(has_stage(&b->af[MC_AFI_V4].in, MC_REF_ASPATH_LIST, "5"));
	assert_true(has_stage(&b->af[MC_AFI_V4].in, MC_REF_PREFIX_LIST,
	    "CUST-PL"));
	assert_true(has_stage(&b->af[MC_AFI_V4].out, MC_REF_ACL, "10"));
	assert_int_equal(b->af[MC_AFI_V4].maxpfx.action, MC_MAXP_WARN);
	/* IPv6 neighbour: IPv4 switched off, IPv6 activated */
	v6 = nbr(d, "2001:db8:1::2", NULL);
	assert_false(v6->af[MC_AFI_V4].active);
	assert_true(v6->af[MC_AFI_V6].active);
	assert_string_equal(stage_name(&v6->af[MC_AFI_V6].in, 0), "V6-IN");
	assert_int_equal(v6->addr.af, MC_AF6);
	sh = nbr(d, "198.51.100.9", NULL);
	assert_true(sh->shutdown);
	assert_int_equal(sh->ttl_security, 1);
	assert_int_equal(sh->af[MC_AFI_V4].in.stages.n, 0);
	/* VRF neighbour defined inside its address family */
	vr = nbr(d, "10.1.1.2", "CUST");
	assert_non_null(vr);
	assert_true(vr->af[MC_AFI_V4].active);
	assert_string_equal(stage_name(&vr->af[MC_AFI_V4].in, 0), "VRF-IN");
	assert_int_equal(d->bgp.enforce_first_as, -1);
	assert_int_equal(d->bgp.ebgp_requires_policy, -1);
}

static void
ios_origins(void **st)
{
	mc_device *d = parse(ios_cfg, MC_VENDOR_IOS);
	size_t i, nnull = 0;

	(void)st;
	assert_int_equal(d->origins.n, 4);
	assert_int_equal(d->origins.v[0].kind, MC_ORIG_NETWORK);
	assert_int_equal(d->origins.v[0].prefix.len, 24);
	assert_int_equal(d->origins.v[1].prefix.len, 8);	/* classful */
	assert_int_equal(d->origins.v[2].kind, MC_ORIG_AGGREGATE);
	assert_int_equal(d->origins.v[3].kind, MC_ORIG_REDISTRIBUTE);
	assert_string_equal(d->origins.v[3].detail, "static");
	assert_string_equal(d->origins.v[3].policy, "STATIC");
	assert_int_equal(d->statics.n, 3);
	for (i = 0; i < d->statics.n; i++)
		nnull += d->statics.v[i].null_route;
	assert_int_equal(nnull, 2);
	assert_string_equal(d->statics.v[1].vrf, "CUST");
}

static void
ios_policies(void **st)
{
	mc_device *d = parse(ios_cfg, MC_VENDOR_IOS);
	mc_prefix_list *pl = mc_dev_prefix_list(d, "CUST-PL");
	mc_policy *p = mc_dev_policy(d, "CUST-IN");
	mc_community_list *cl;
	mc_stmt *s;

	(void)st;
	assert_non_null(pl);
	assert_int_equal(pl->entries.n, 5);
	/* sorted by seq; exact, ge-only and ge+le ranges */
	assert_int_equal(pl->entries.v[0].seq, 5);
	assert_false(pl->entries.v[0].permit);
	assert_int_equal(pl->entries.v[0].r.lo, 8);
	assert_int_equal(pl->entries.v[0].r.hi, 32);
	assert_int_equal(pl->entries.v[1].r.lo, 24);
	assert_int_equal(pl->entries.v[1].r.hi, 24);
	assert_int_equal(pl->entries.v[2].r.lo, 24);
	assert_int_equal(pl->entries.v[2].r.hi, 32);
	assert_int_equal(pl->entries.v[3].r.lo, 16);
	assert_int_equal(pl->entries.v[3].r.hi, 24);
	/* without "seq": the highest so far plus five */
	assert_int_equal(pl->entries.v[4].seq, 35);
	assert_int_equal(pl->entries.v[4].r.lo, 8);
	assert_int_equal(pl->entries.v[4].r.hi, 24);

	assert_non_null(p);
	assert_int_equal(p->fallthrough, MC_FALL_REJECT);
	assert_int_equal(p->terms.n, 4);
	assert_string_equal(p->terms.v[0].name, "10");
	assert_string_equal(p->terms.v[1].name, "20");
	s = p->terms.v[0].body.v[0];
	assert_int_equal(s->kind, MC_S_IF);
	assert_int_equal(s->cond->kind, MC_C_COMMUNITY_LIST);
	assert_int_equal(s->then.v[s->then.n - 1]->kind, MC_S_REJECT);
	s = p->terms.v[1].body.v[0];
	assert_int_equal(s->cond->kind, MC_C_PREFIX_LIST);
	assert_int_equal(s->then.v[0]->kind, MC_S_SET);
	assert_int_equal(s->then.v[s->then.n - 1]->kind, MC_S_ACCEPT);
	/* term 30: as-path AND next hop in ACL 7; sets; continue -> term 3 */
	s = p->terms.v[2].body.v[0];
	assert_int_equal(s->cond->kind, MC_C_AND);
	assert_int_equal(s->cond->kids.v[0]->kind, MC_C_ASPATH_LIST);
	assert_int_equal(s->cond->kids.v[1]->kind, MC_C_NEXT_HOP);
	assert_string_equal(s->cond->kids.v[1]->ref, "7");
	assert_int_equal(s->cond->kids.v[1]->n, MC_C_PREFIX_ACL);
	assert_int_equal(s->then.v[0]->set, MC_SET_COMMUNITY_ADD);
	assert_int_equal(s->then.v[1]->set, MC_SET_PREPEND);
	assert_int_equal(s->then.v[1]->n, 3);
	assert_int_equal(s->then.v[2]->kind, MC_S_GOTO);
	assert_int_equal(s->then.v[2]->n, 3);
	assert_true(s->then.v[2]->mark_accept);
	s = p->terms.v[3].body.v[0];
	assert_int_equal(s->cond->kind, MC_C_RPKI);
	assert_int_equal(s->cond->n, MC_ROV_INVALID);

	assert_non_null(mc_dev_aspath_list(d, "5"));
	assert_string_equal(mc_dev_aspath_list(d, "5")->entries.v[0].regex,
	    "^64501(_64501)*$");
	cl = mc_dev_community_list(d, "BLACKHOLE");
	assert_int_equal(cl->entries.v[0].all_of.v[0].a, 65535);
	assert_int_equal(cl->entries.v[0].all_of.v[0].b, 666);
	assert_true(mc_dev_community_list(d, "EXP")->entries.v[0].expanded);
	cl = mc_dev_community_list(d, "1");
	assert_int_equal(cl->entries.v[0].all_of.n, 2);
	assert_int_equal(cl->entries.v[0].all_of.v[0].b, 0xFF01);
}

/* ---- IOS templates and IOS-XE knobs ------------------------------------- */

static void
ios_templates(void **st)
{
	static const char cfg[] =
	    "version 17.3\n"
	    "hostname xe\n"
	    "router bgp 1.10\n"
	    " template peer-session BASE\n"
	    "  password SECRET\n"
	    "  ttl-security hops 2\n"
	    " exit-peer-session\n"
	    " template peer-session CUSTOMER\n"
	    "  remote-as 64501\n"
	    "  description from template\n"
	    "  inherit peer-session BASE\n"
	    " exit-peer-session\n"
	    " template peer-policy CUST-POL\n"
	    "  route-map CUST-IN in\n"
	    "  maximum-prefix 20\n"
	    " exit-peer-policy\n"
	    " bgp safe-ebgp-policy\n"
	    " bgp rpki server tcp 192.0.2.50 port 3323 refresh 600\n"
	    " no bgp enforce-first-as\n"
	    " neighbor 192.0.2.2 inherit peer-session CUSTOMER\n"
	    " neighbor 192.0.2.2 description own\n"
	    " address-family ipv4\n"
	    "  neighbor 192.0.2.2 activate\n"
	    "  neighbor 192.0.2.2 inherit peer-policy CUST-POL\n"
	    " exit-address-family\n"
	    "end\n";
	mc_device *d = parse(cfg, MC_VENDOR_UNKNOWN);
	mc_neighbor *n;

	(void)st;
	assert_non_null(d);
	assert_int_equal(d->vendor, MC_VENDOR_IOSXE);
	assert_int_equal(d->bgp.asn, 65546);	/* asdot 1.10 */
	assert_int_equal(d->bgp.ebgp_requires_policy, 1);
	assert_int_equal(d->bgp.enforce_first_as, 0);
	assert_true(d->bgp.rpki_configured);
	assert_true(d->bgp.rov_drops_invalid);
	assert_int_equal(d->rpki_caches.n, 1);
	assert_int_equal(d->rpki_caches.v[0].port, 3323);
	n = nbr(d, "192.0.2.2", NULL);
	assert_non_null(n);
	assert_int_equal(n->remote_as, 64501);
	assert_string_equal(n->description, "own");	/* own wins */
	assert_true(n->auth);				/* two levels up */
	assert_int_equal(n->ttl_security, 2);
	assert_string_equal(n->group, "CUSTOMER");
	assert_string_equal(stage_name(&n->af[MC_AFI_V4].in, 0), "CUST-IN");
	assert_int_equal(n->af[MC_AFI_V4].maxpfx.limit, 20);
	assert_int_equal(d->unrecognized, 0);
}

static void
iosxe_allow_invalid(void **st)
{
	static const char cfg[] =
	    "version 16.9\n"
	    "router bgp 64500\n"
	    " bgp rpki server tcp 192.0.2.50 port 323 refresh 600\n"
	    " bgp bestpath prefix-validate allow-invalid\n"
	    " neighbor 192.0.2.2 remote-as 64501\n"
	    "end\n";
	mc_device *d = parse(cfg, MC_VENDOR_IOSXE);

	(void)st;
	assert_true(d->bgp.rpki_configured);
	assert_false(d->bgp.rov_drops_invalid);
}

/* ---- EOS ----------------------------------------------------------------- */

static const char eos_cfg[] =
    "! Command: show running-config\n"
    "! device: sw1 (DCS-7280SR-48C6, EOS-4.28.3M)\n"
    "!\n"
    "transceiver qsfp default-mode 4x10G\n"
    "hostname sw1\n"
    "!\n"
    "interface Ethernet1\n"
    "   no switchport\n"
    "   vrf RED\n"
    "   ip address 192.0.2.1/31\n"
    "   ip verify unicast source reachable-via rx\n"
    "   ipv6 verify unicast source reachable-via any\n"
    "   ipv6 access-group V6IN in\n"
    "!\n"
    "ip prefix-list PL-IN\n"
    "   seq 10 permit 203.0.113.0/24\n"
    "   seq 20 permit 10.255.0.0/16 eq 32\n"
    "!\n"
    "ip as-path access-list AS1 permit ^64501$ any\n"
    "route-map RM-IN deny 10\n"
    "   match origin-as validity invalid\n"
    "route-map RM-IN permit 20\n"
    "   match ip address prefix-list PL-IN\n"
    "   match as-path AS1\n"
    "!\n"
    "router bgp 64500\n"
    "   router-id 192.0.2.1\n"
    "   no bgp default ipv4-unicast\n"
    "   bgp missing-policy direction in action deny\n"
    "   neighbor PEERS peer group\n"
    "   neighbor PEERS remote-as 64501\n"
    "   neighbor PEERS route-map RM-IN in\n"
    "   neighbor PEERS maximum-routes 1000 warning-only\n"
    "   neighbor PEERS ttl maximum-hops 1\n"
    "   neighbor 192.0.2.0 peer group PEERS\n"
    "   neighbor 192.0.2.4 remote-as 64502\n"
    "   neighbor 192.0.2.4 maximum-routes 0\n"
    "   rpki cache RTR1\n"
    "      host 192.0.2.99 port 8282\n"
    "   !\n"
    "   address-family ipv4\n"
    "      neighbor PEERS activate\n"
    "      neighbor 192.0.2.4 activate\n"
    "      neighbor 192.0.2.4 prefix-list PL-IN in\n"
    "   !\n"
    "   vrf RED\n"
    "      neighbor 192.0.2.0 peer group PEERS\n"
    "      neighbor 10.0.0.1 remote-as 64503\n"
    "!\n"
    "end\n";

/* A configuration flattened without indentation: an "ip prefix-list NAME"
 * line alone opens a section for the "seq" lines under it (blanks after
 * the name too); a complete "ip prefix-list NAME seq ..." line does not. */
static void
eos_flat_prefix_list(void **st)
{
	mc_device *d = parse("hostname sw2\n"
	    "ip prefix-list A\n"
	    "seq 10 permit 203.0.113.0/24\n"
	    "seq 20 permit 198.51.100.0/24\n"
	    "ip prefix-list B \t \n"
	    "seq 10 permit 192.0.2.0/24\n"
	    "ip prefix-list \t C\n"
	    "seq 10 permit 10.0.0.0/8\n"
	    "ip prefix-list D seq 5 permit 100.64.0.0/10\n"
	    "seq 10 permit 172.16.0.0/12\n"
	    "ip prefix-list \"E F\"\n"
	    "seq 10 permit 10.1.0.0/16\n"
	    "ip prefix-list G \"x\"\n"
	    "seq 10 permit 10.2.0.0/16\n"
	    "ip prefix-list H\"I\n"
	    "seq 10 permit 10.3.0.0/16\n"
	    "ip prefix-list J\tK\n"
	    "seq 10 permit 10.4.0.0/16\n"
	    "router bgp 64500\n"
	    "   neighbor 192.0.2.9 remote-as 64509\n", MC_VENDOR_EOS);

	(void)st;
	assert_non_null(d);
	assert_int_equal(mc_dev_prefix_list(d, "A")->entries.n, 2);
	assert_int_equal(mc_dev_prefix_list(d, "B")->entries.n, 1);
	assert_int_equal(mc_dev_prefix_list(d, "C")->entries.n, 1);
	/* D's own entry only: the "seq 10" line after it is not D's */
	assert_int_equal(mc_dev_prefix_list(d, "D")->entries.n, 1);
	/* Quotes: a quoted name is one word; one after the name is another
	 * word; one inside a name is part of it. */
	assert_int_equal(mc_dev_prefix_list(d, "E F")->entries.n, 1);
	assert_int_equal(mc_dev_prefix_list(d, "G")->entries.n, 0);
	assert_int_equal(mc_dev_prefix_list(d, "H\"I")->entries.n, 1);
	/* a tab before the next word is a blank too: not alone */
	assert_true(mc_dev_prefix_list(d, "J") == NULL ||
	    mc_dev_prefix_list(d, "J")->entries.n == 0);
}

/* The same prefix lists, entry by entry. */
static void
same_prefix_lists(const mc_device *d1, const mc_device *d2)
{
	size_t i, j;

	assert_int_equal(d1->prefix_lists.n, d2->prefix_lists.n);
	for (i = 0; i < d1->prefix_lists.n; i++) {
		const mc_prefix_list *x = d1->prefix_lists.v[i];
		const mc_prefix_list *y = d2->prefix_lists.v[i];

		assert_string_equal(x->name, y->name);
		assert_int_equal(x->af, y->af);
		assert_int_equal(x->line, y->line);
		assert_int_equal(x->entries.n, y->entries.n);
		for (j = 0; j < x->entries.n; j++) {
			const mc_prefix_entry *a = &x->entries.v[j];
			const mc_prefix_entry *b = &y->entries.v[j];

			assert_int_equal(a->permit, b->permit);
			assert_int_equal(a->seq, b->seq);
			assert_int_equal(a->line, b->line);
			assert_memory_equal(&a->r, &b->r, sizeof(a->r));
		}
	}
}

/*
 * Prefix-list lines are read straight off the text when their words are one
 * space apart (ios_prefix_list_line), and tokenized otherwise.  The same
 * lines, once with single spaces and once with two spaces after
 * "prefix-list" (which the direct reader declines), must give the same
 * lists, entries, numbering and unknown-line counts.
 */
/* Each list's well-formed words first (the first `ok`), then odd ones. */
static const char *const pl_af[] = { "ip", "ipv6", "IP" };
/* Two names of twenty bytes alike in their first and last eight (the
 * reader's cache compares those words, and the rest only past sixteen);
 * names of eight and sixteen bytes; a quote and a tab past the eighth. */
static const char *const pl_name[] = { "A", "PL-IN-1", "B", "v6",
	"CUSTOMERS-OF-AS64500", "CUSTOMERS-OF-AS64501", "N%u",
	"CUSTOMERS-XX-AS64500", "EIGHT-16-BYTES-X", "PL-EIGHT", "x\"y",
	"sequence-number", "description", "\"Q R\"", "A\tB", "\"A\"",
	"LONG-NAME-X\"Y", "LONG-NAME-XY\tZ" };
static const char *const pl_seq[] = { "", "seq 5 ", "seq 0 ", "seq 12 ",
	"seq 2147483647 ", "seq 007 ", "seq 3 ", "seq 2147483648 ",
	"seq 99999999999 ", "seq x ", "seq ", "seq  4 " };
static const char *const pl_act[] = { "permit", "deny", "PERMIT",
	"description", "permit  " };
static const char *const pl_pfx[] = { "10.0.0.0/8", "2001:db8::/32",
	"::/0", "0.0.0.0/0", "198.51.100.0/24", "2001:db8:1::/48",
	"10.0.0.1/8", "192.0.2.0", "any", "300.0.0.0/8", "10.0.0.0/33",
	"010.0.0.0/8", "10.0.0.0/8\"" };
static const char *const pl_mod[] = { "", " ge 24", " le 32", " ge 16 le 24",
	" eq 24", " le 24 ge 16", " ge 0024", " eq 0", " ge 0", " le 128",
	" ge 48 le 64", " le 24 le 28", " le 33", " le 129", " ge 4", " ge",
	" foo 1", " le 1234", " le\t24", " le 24 " };

/* Four times in five a well-formed word (one of the first ok). */
static size_t
pl_rand(uint64_t *x, size_t ok, size_t n)
{
	size_t r;

	*x = *x * 6364136223846793005ULL + 1442695040888963407ULL;
	r = (size_t)(*x >> 33);
	return r % 5 != 0 ? r / 5 % ok : r / 5 % n;
}

static char *
pl_lines(unsigned seed, int n, bool two_spaces)
{
	size_t cap = (size_t)n * 128 + 1, len = 0;
	char *buf = malloc(cap);
	uint64_t x = seed;
	int i;

#define PICK(arr, ok) arr[pl_rand(&x, ok, sizeof(arr) / sizeof(arr[0]))]
	assert_non_null(buf);
	for (i = 0; i < n; i++) {
		const char *af = PICK(pl_af, 2), *name = PICK(pl_name, 10),
		    *seq = PICK(pl_seq, 7), *act = PICK(pl_act, 2),
		    *pfx = PICK(pl_pfx, 6), *mod = PICK(pl_mod, 11);

		char nbuf[16];

		/* a thousand names of two to four bytes: more lists than
		 * the reader's cache has slots (256) */
		if (strcmp(name, "N%u") == 0) {
			snprintf(nbuf, sizeof(nbuf), "N%zu",
			    pl_rand(&x, 1000, 1000));
			name = nbuf;
		}
		len += (size_t)snprintf(buf + len, cap - len,
		    "%s prefix-list%s%s %s%s %s%s\n", af,
		    two_spaces ? "  " : " ", name, seq, act, pfx, mod);
	}
#undef PICK
	return buf;
}

static void
prefix_list_direct_reader(void **st)
{
	unsigned seed;

	(void)st;
	for (seed = 1; seed <= 40; seed++) {
		char *one = pl_lines(seed, 400, false);
		char *two = pl_lines(seed, 400, true);
		mc_device *d1, *d2;
		size_t i, entries = 0;

		d1 = parse(one, MC_VENDOR_IOS);
		d2 = parse(two, MC_VENDOR_IOS);
		assert_non_null(d1);
		assert_non_null(d2);
		assert_int_equal(d1->unrecognized, d2->unrecognized);
		assert_int_equal(d1->section_lines, d2->section_lines);
		same_prefix_lists(d1, d2);
		for (i = 0; i < d1->prefix_lists.n; i++)
			entries += d1->prefix_lists.v[i]->entries.n;
		/* both kinds of line are common: the test reads both ways */
		assert_true(entries > 50);
		assert_true(d1->unrecognized > 50);
		free(one);
		free(two);
	}
}

/*
 * Prefix-list lines the reader keeps out of the tree (mc_indent_opts.
 * light) must read as nodes read: each configuration once as written and
 * once with two spaces after "prefix-list" (no line is light then).  The
 * cases: an entry with a child line, a waiver comment before an entry and
 * one at its end, entries around a banner and an EOS comment block, an
 * unindented (flat) route-map followed by entries, an entry as the last
 * line, and "exit"/"end" between entries.
 */
static void
light_lines_read_as_nodes(void **st)
{
	static const struct {
		const char *text;
		mc_vendor v;
		size_t lists, waivers;
		int first[2];	/* the waivers' first lines */
	} cases[] = {
		{ "hostname r1\n"
		  "! manrs-check: ignore FLT-BOGON-PREFIX lab\n"
		  "ip prefix-list A seq 5 permit 10.0.0.0/8 le 24\n"
		  "ip prefix-list A seq 10 permit 11.0.0.0/8 "
		  "! manrs-check: ignore FLT-DEFAULT-ROUTE lab\n"
		  "interface Gi1\n"
		  " description uplink\n"
		  "ip prefix-list B seq 5 deny 0.0.0.0/0\n"
		  " description a child\n"
		  "ip prefix-list C seq 5 permit 12.0.0.0/8\n"
		  "banner motd ^C\n"
		  "ip prefix-list D seq 5 permit 13.0.0.0/8\n"
		  "^C\n"
		  "ip prefix-list E permit 14.0.0.0/8\n"
		  "exit\n"
		  "ip prefix-list E permit 15.0.0.0/8 ge 16\n"
		  "end\n"
		  "ipv6 prefix-list F seq 5 permit 2001:db8::/32 le 48\n"
		  "ip prefix-list G seq 5 permit 16.0.0.0/8",
		  MC_VENDOR_IOS, 6, 2, { 3, 4 } },
		{ "hostname q\n"
		  "ip prefix-list X seq 5 permit 10.0.0.0/8\n"
		  "route-map IN permit 10\n"
		  "match ip address prefix-list X\n"
		  "ip prefix-list Y seq 5 permit 10.1.0.0/16\n"
		  "set local-preference 200\n"
		  "route-map IN permit 20\n"
		  "ip prefix-list Z seq 5 permit 10.2.0.0/16\n"
		  "match ip address prefix-list Z\n"
		  "router bgp 64500\n"
		  "neighbor 192.0.2.2 remote-as 64501\n"
		  "neighbor 192.0.2.2 route-map IN in\n",
		  MC_VENDOR_FRR, 3, 0, { 0, 0 } },
		{ "hostname sw\n"
		  "ip prefix-list A seq 10 permit 10.0.0.0/8\n"
		  "comment\n"
		  "ip prefix-list B seq 10 permit 10.0.0.0/8\n"
		  "EOF\n"
		  "ip prefix-list C seq 10 permit 10.0.0.0/8\n"
		  "ip prefix-list D\n"
		  "seq 10 permit 10.0.0.0/8\n"
		  "ip prefix-list E seq 10 permit 10.0.0.0/8\n",
		  MC_VENDOR_EOS, 4, 0, { 0, 0 } },
	};
	size_t i, k;

	(void)st;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *t = cases[i].text, *w;
		char *two = malloc(strlen(t) * 2 + 1);
		mc_device *d1, *d2;
		mc_policy *p1, *p2;

		assert_non_null(two);
		/* "prefix-list " doubled: the direct reader declines it */
		for (k = 0; *t != '\0'; ) {
			if ((w = strstr(t, "prefix-list ")) == NULL)
				w = t + strlen(t);
			memcpy(two + k, t, (size_t)(w - t));
			k += (size_t)(w - t);
			t = w;
			if (*t != '\0') {
				memcpy(two + k, "prefix-list  ", 13);
				k += 13;
				t += 12;
			}
		}
		two[k] = '\0';
		d1 = parse(cases[i].text, cases[i].v);
		d2 = parse(two, cases[i].v);
		assert_non_null(d1);
		assert_non_null(d2);
		same_prefix_lists(d1, d2);
		assert_int_equal(d1->prefix_lists.n, cases[i].lists);
		assert_int_equal(d1->unrecognized, d2->unrecognized);
		assert_int_equal(d1->section_lines, d2->section_lines);
		assert_int_equal(d1->lines, d2->lines);
		assert_int_equal(d1->waivers.n, cases[i].waivers);
		assert_int_equal(d2->waivers.n, cases[i].waivers);
		for (k = 0; k < d1->waivers.n; k++) {
			assert_string_equal(d1->waivers.v[k].rule,
			    d2->waivers.v[k].rule);
			assert_int_equal(d1->waivers.v[k].first,
			    d2->waivers.v[k].first);
			assert_int_equal(d1->waivers.v[k].last,
			    d2->waivers.v[k].last);
			assert_int_equal(d1->waivers.v[k].first,
			    cases[i].first[k]);
		}
		/* a child line stays with its own line, not the section
		 * before it */
		if (mc_dev_iface(d1, "Gi1") != NULL)
			assert_string_equal(mc_dev_iface(d1, "Gi1")->description,
			    "uplink");
		assert_int_equal(d1->policies.n, d2->policies.n);
		if ((p1 = mc_dev_policy(d1, "IN")) != NULL) {
			p2 = mc_dev_policy(d2, "IN");
			assert_non_null(p2);
			assert_int_equal(p1->terms.n, p2->terms.n);
			for (k = 0; k < p1->terms.n; k++)
				assert_int_equal(p1->terms.v[k].body.n,
				    p2->terms.v[k].body.n);
		}
		free(two);
	}
}

static void
eos_model(void **st)
{
	mc_device *d = parse(eos_cfg, MC_VENDOR_UNKNOWN);
	mc_neighbor *p, *q, *r, *x;
	mc_prefix_list *pl;
	mc_interface *i1;
	mc_policy *rm;

	(void)st;
	assert_non_null(d);
	assert_int_equal(d->vendor, MC_VENDOR_EOS);
	assert_int_equal(d->unrecognized, 0);
	assert_int_equal(d->bgp.requires_policy_dir[0], 1);
	assert_int_equal(d->bgp.requires_policy_dir[1], 0);
	assert_int_equal(d->rpki_caches.n, 1);
	assert_string_equal(d->rpki_caches.v[0].host, "192.0.2.99");
	assert_int_equal(d->rpki_caches.v[0].port, 8282);
	assert_false(d->bgp.rov_drops_invalid);

	i1 = mc_dev_iface(d, "Ethernet1");
	assert_string_equal(i1->vrf, "RED");
	assert_int_equal(i1->addrs.v[0].net.len, 31);
	assert_int_equal(i1->urpf4, MC_URPF_STRICT);
	assert_int_equal(i1->urpf6, MC_URPF_LOOSE);
	assert_string_equal(i1->acl_in6, "V6IN");

	pl = mc_dev_prefix_list(d, "PL-IN");
	assert_int_equal(pl->entries.n, 2);
	assert_int_equal(pl->entries.v[1].r.lo, 32);
	assert_int_equal(pl->entries.v[1].r.hi, 32);
	assert_string_equal(mc_dev_aspath_list(d, "AS1")->entries.v[0].regex,
	    "^64501$");
	rm = mc_dev_policy(d, "RM-IN");
	assert_int_equal(rm->terms.v[0].body.v[0]->cond->kind, MC_C_RPKI);

	p = nbr(d, "192.0.2.0", NULL);
	assert_non_null(p);
	assert_int_equal(p->remote_as, 64501);
	assert_int_equal(p->ttl_security, 1);
	assert_true(p->af[MC_AFI_V4].active);		/* group activated */
	assert_false(p->af[MC_AFI_V6].active);
	/* router-bgp level route-map and maximum-routes: every family */
	assert_string_equal(stage_name(&p->af[MC_AFI_V4].in, 0), "RM-IN");
	assert_string_equal(stage_name(&p->af[MC_AFI_V6].in, 0), "RM-IN");
	assert_int_equal(p->af[MC_AFI_V4].maxpfx.limit, 1000);
	assert_int_equal(p->af[MC_AFI_V4].maxpfx.action, MC_MAXP_WARN);
	q = nbr(d, "192.0.2.4", NULL);
	assert_true(q->af[MC_AFI_V4].active);
	assert_string_equal(stage_name(&q->af[MC_AFI_V4].in, 0), "PL-IN");
	assert_int_equal(q->af[MC_AFI_V4].maxpfx.action, MC_MAXP_NONE);
	assert_int_equal(q->af[MC_AFI_V4].maxpfx.limit, 0);
	assert_true(q->af[MC_AFI_V4].maxpfx.line > 0);	/* explicitly unlimited */
	/* VRF neighbours, the global peer group applies */
	r = nbr(d, "192.0.2.0", "RED");
	assert_non_null(r);
	assert_int_equal(r->remote_as, 64501);
	x = nbr(d, "10.0.0.1", "RED");
	assert_non_null(x);
	assert_false(x->af[MC_AFI_V4].active);	/* no bgp default ipv4-unicast */
}

/* ---- FRR ------------------------------------------------------------------ */

static const char frr_cfg[] =
    "frr version 9.1\n"
    "frr defaults traditional\n"
    "hostname r2\n"
    "!\n"
    "interface eth0\n"
    " ip address 192.0.2.1/30\n"
    "exit\n"
    "!\n"
    "router bgp 64500\n"
    " bgp router-id 192.0.2.1\n"
    " neighbor UP peer-group\n"
    " neighbor UP remote-as external\n"
    " neighbor UP local-role customer\n"
    " neighbor 192.0.2.2 peer-group UP\n"
    " neighbor swp1 interface remote-as external\n"
    " neighbor 198.51.100.1 remote-as internal\n"
    " neighbor 198.51.100.1 enforce-first-as\n"
    " !\n"
    " address-family ipv4 unicast\n"
    "  network 203.0.113.0/24\n"
    "  neighbor UP route-map UP-IN in\n"
    "  neighbor UP maximum-prefix 500 90 restart 10\n"
    "  neighbor 198.51.100.1 route-server-client\n"
    " exit-address-family\n"
    " !\n"
    " address-family ipv6 unicast\n"
    "  neighbor 192.0.2.2 activate\n"
    " exit-address-family\n"
    "exit\n"
    "!\n"
    "router bgp 64500 vrf BLUE\n"
    " no bgp ebgp-requires-policy\n"
    " neighbor 10.0.0.2 remote-as 64510\n"
    "exit\n"
    "!\n"
    "ip prefix-list ANY seq 5 permit any\n"
    "ipv6 prefix-list V6 seq 5 permit 2001:db8::/32 le 48\n"
    "bgp as-path access-list ORIGIN seq 5 permit ^64501$\n"
    "bgp community-list standard NOEXP seq 5 permit no-export\n"
    "bgp large-community-list standard LC seq 5 permit 64500:1:2\n"
    "!\n"
    "route-map UP-IN deny 30\n"
    " match rpki invalid\n"
    "exit\n"
    "route-map UP-IN permit 10\n"
    " match ip address prefix-list ANY\n"
    " on-match goto 40\n"
    "exit\n"
    "route-map UP-IN permit 40\n"
    " call SUB\n"
    " match large-community LC\n"
    "exit\n"
    "route-map SUB permit 10\n"
    " set community none\n"
    "exit\n"
    "!\n"
    "rpki\n"
    " rpki cache 192.0.2.60 3323 preference 1\n"
    "exit\n"
    "!\n"
    "line vty\n"
    "!\n";

static void
frr_model(void **st)
{
	mc_device *d = parse(frr_cfg, MC_VENDOR_UNKNOWN);
	mc_neighbor *n, *sw, *ib, *vr;
	mc_policy *p;
	mc_stmt *s;

	(void)st;
	assert_non_null(d);
	assert_int_equal(d->vendor, MC_VENDOR_FRR);
	assert_int_equal(d->unrecognized, 0);
	/* traditional profile: the default VRF keeps the RFC 8212 default;
	 * a VRF instance's "no bgp ebgp-requires-policy" does not override */
	assert_int_equal(d->bgp.ebgp_requires_policy, -1);
	assert_int_equal(d->notes.n, 1);
	n = nbr(d, "192.0.2.2", NULL);
	assert_int_equal(n->remote_as_kind, MC_RAS_EXTERNAL);
	assert_string_equal(n->bgp_role, "customer");
	assert_true(n->af[MC_AFI_V4].active);
	assert_true(n->af[MC_AFI_V6].active);
	assert_string_equal(stage_name(&n->af[MC_AFI_V4].in, 0), "UP-IN");
	assert_int_equal(n->af[MC_AFI_V4].maxpfx.action, MC_MAXP_TEARDOWN);
	sw = nbr(d, "swp1", NULL);
	assert_non_null(sw);
	assert_int_equal(sw->remote_as_kind, MC_RAS_EXTERNAL);
	assert_int_equal(sw->addr.af, 0);
	ib = nbr(d, "198.51.100.1", NULL);
	assert_int_equal(ib->remote_as_kind, MC_RAS_INTERNAL);
	assert_int_equal(ib->enforce_first_as, 1);
	assert_true(ib->af[MC_AFI_V4].rs_client);
	vr = nbr(d, "10.0.0.2", "BLUE");
	assert_non_null(vr);

	assert_int_equal(mc_dev_prefix_list(d, "ANY")->entries.v[0].r.hi, 32);
	assert_int_equal(mc_dev_prefix_list(d, "V6")->af, MC_AF6);
	assert_non_null(mc_dev_aspath_list(d, "ORIGIN"));
	assert_int_equal(mc_dev_community_list(d, "LC")->entries.v[0].all_of.v[0].kind,
	    1);
	p = mc_dev_policy(d, "UP-IN");
	assert_int_equal(p->terms.n, 3);
	/* 10: on-match goto 40 -> term index 2 */
	s = p->terms.v[0].body.v[0];
	assert_int_equal(s->then.v[s->then.n - 1]->kind, MC_S_GOTO);
	assert_int_equal(s->then.v[s->then.n - 1]->n, 2);
	s = p->terms.v[1].body.v[0];
	assert_int_equal(s->then.v[0]->kind, MC_S_REJECT);
	s = p->terms.v[2].body.v[0];
	assert_int_equal(s->cond->kind, MC_C_COMMUNITY_LIST);
	assert_int_equal(s->then.v[0]->kind, MC_S_CALL);
	assert_true(s->then.v[0]->call_returns);
	assert_string_equal(s->then.v[0]->ref, "SUB");
	assert_int_equal(d->rpki_caches.n, 1);
	assert_int_equal(d->rpki_caches.v[0].port, 3323);
	assert_int_equal(d->origins.n, 1);
	assert_int_equal(mc_dev_iface(d, "eth0")->addrs.n, 1);
	/* FRR 10 spelling */
	d = parse("rpki\n rpki cache tcp 192.0.2.61 323 preference 1\nexit\n",
	    MC_VENDOR_FRR);
	assert_string_equal(d->rpki_caches.v[0].host, "192.0.2.61");
	assert_int_equal(d->rpki_caches.v[0].port, 323);
}

static void
frr_flat_and_profiles(void **st)
{
	/* Quagga-style file whose sub-commands are not indented */
	static const char flat[] =
	    "hostname q\n"
	    "log file /var/log/quagga/bgpd.log\n"
	    "!\n"
	    "router bgp 64500\n"
	    "bgp router-id 192.0.2.1\n"
	    "neighbor 192.0.2.2 remote-as 64501\n"
	    "neighbor 192.0.2.2 route-map IN in\n"
	    "address-family ipv6\n"
	    "neighbor 192.0.2.2 activate\n"
	    "exit-address-family\n"
	    "neighbor 192.0.2.3 remote-as 64502\n"
	    "!\n"
	    "ip prefix-list X seq 5 permit 10.0.0.0/8\n"
	    "route-map IN permit 10\n"
	    "match ip address prefix-list X\n"
	    "!\n"
	    "line vty\n";
	static const char dc[] =
	    "frr version 8.4\n"
	    "frr defaults datacenter\n"
	    "router bgp 64500\n"
	    " neighbor 192.0.2.2 remote-as 64501\n";
	static const char old[] =
	    "frr version 7.2\n"
	    "router bgp 64500\n"
	    " neighbor 192.0.2.2 remote-as 64501\n";
	mc_device *d = parse(flat, MC_VENDOR_FRR);
	mc_neighbor *n;
	mc_policy *p;

	(void)st;
	assert_non_null(d);
	assert_int_equal(d->neighbors.n, 2);
	n = nbr(d, "192.0.2.2", NULL);
	assert_true(n->af[MC_AFI_V6].active);
	assert_string_equal(stage_name(&n->af[MC_AFI_V4].in, 0), "IN");
	assert_non_null(nbr(d, "192.0.2.3", NULL));
	p = mc_dev_policy(d, "IN");
	assert_int_equal(p->terms.v[0].body.v[0]->cond->kind, MC_C_PREFIX_LIST);
	assert_int_equal(d->bgp.ebgp_requires_policy, 0);	/* Quagga */
	assert_int_equal(d->unrecognized, 0);

	d = parse(dc, MC_VENDOR_FRR);
	assert_int_equal(d->bgp.ebgp_requires_policy, 0);
	d = parse(old, MC_VENDOR_FRR);
	assert_int_equal(d->bgp.ebgp_requires_policy, 0);
	d = parse(dc + strlen("frr version 8.4\nfrr defaults datacenter\n"),
	    MC_VENDOR_FRR);
	assert_int_equal(d->bgp.ebgp_requires_policy, -1);	/* table default */
}

/* ---- waivers, errors, detection, hostile input ---------------------------- */

static void
waivers(void **st)
{
	static const char cfg[] =
	    "version 15.2\n"
	    "! manrs-check: ignore FLT-MAX-PREFIX lab router, no limits needed\n"
	    "router bgp 64500\n"
	    " neighbor 192.0.2.2 remote-as 64501\n"
	    " ! manrs-check: ignore SEC-GTSM expires 2027-01-31 multihop peer\n"
	    " neighbor 192.0.2.3 remote-as 64502\n"
	    " neighbor 192.0.2.4 remote-as 64503 ! manrs-check: ignore all test\n"
	    "!\n"
	    "! an ordinary comment\n";
	mc_device *d = parse(cfg, MC_VENDOR_IOS);
	mc_inline_waiver *w;

	(void)st;
	assert_int_equal(d->waivers.n, 3);
	w = &d->waivers.v[0];
	assert_string_equal(w->rule, "FLT-MAX-PREFIX");
	assert_string_equal(w->reason, "lab router, no limits needed");
	assert_int_equal(w->line, 2);
	assert_int_equal(w->first, 3);
	assert_int_equal(w->last, 7);
	w = &d->waivers.v[1];
	assert_string_equal(w->rule, "SEC-GTSM");
	assert_int_equal(w->exp_y, 2027);
	assert_int_equal(w->exp_m, 1);
	assert_string_equal(w->reason, "multihop peer");
	assert_int_equal(w->first, 6);
	assert_int_equal(w->last, 6);
	w = &d->waivers.v[2];
	assert_string_equal(w->rule, "all");
	assert_int_equal(w->first, 7);
	assert_int_equal(w->last, 7);
	/* the trailing comment is not part of the command */
	assert_int_equal(nbr(d, "192.0.2.4", NULL)->remote_as, 64503);
	assert_int_equal(d->unrecognized, 0);
}

static void
errors(void **st)
{
	static const char bin[] = "router bgp 1\n neighbor 1.2.3.4\0 x\n";
	static const char nxos[] =
	    "hostname n1\nfeature bgp\nvrf context X\nrouter bgp 1\n"
	    "  neighbor 1.2.3.4\n    remote-as 2\n";
	mc_device *d;

	(void)st;
	D.errors.n = 0;
	d = mc_parse_config(A, "b.cfg", bin, sizeof(bin) - 1, MC_VENDOR_UNKNOWN,
	    &D);
	assert_null(d);
	assert_int_equal(D.errors.n, 1);
	assert_int_equal(D.errors.v[0].line, 2);
	assert_non_null(strstr(D.errors.v[0].message, "binary"));
	/* also when the vendor is forced */
	d = mc_parse_config(A, "b.cfg", bin, sizeof(bin) - 1, MC_VENDOR_IOS, &D);
	assert_null(d);
	d = parse("", MC_VENDOR_UNKNOWN);
	assert_null(d);
	assert_non_null(strstr(D.errors.v[D.errors.n - 1].message, "empty"));
	d = parse("!\n! only comments\n\n", MC_VENDOR_IOS);
	assert_null(d);
	d = parse(nxos, MC_VENDOR_UNKNOWN);
	assert_null(d);
	assert_string_equal(D.errors.v[D.errors.n - 1].message,
	    "NX-OS configuration detected: not yet supported");
	d = parse("hello world\nthis is not a router\n", MC_VENDOR_UNKNOWN);
	assert_null(d);
}

static void
detection(void **st)
{
	(void)st;
#define DET(s) mc_detect_vendor((s), strlen(s))
	assert_int_equal(DET(ios_cfg), MC_VENDOR_IOS);
	assert_int_equal(DET(eos_cfg), MC_VENDOR_EOS);
	assert_int_equal(DET(frr_cfg), MC_VENDOR_FRR);
	assert_int_equal(DET("system {\n host-name r1;\n}\nprotocols {\n bgp {\n"
	    "  group x {\n  }\n }\n}\n"), MC_VENDOR_JUNOS);
	assert_int_equal(DET("set system host-name r1\nset protocols bgp group "
	    "x neighbor 1.2.3.4\n"), MC_VENDOR_JUNOS);
	assert_int_equal(DET("router id 192.0.2.1;\nprotocol bgp up {\n local as "
	    "64500;\n}\n"), MC_VENDOR_BIRD);
	assert_int_equal(DET("AS 64500\nneighbor 192.0.2.2 {\n remote-as 1\n}\n"
	    "allow from any\n"), MC_VENDOR_OPENBGPD);
	assert_int_equal(DET("!! IOS XR Configuration 7.3.2\nroute-policy X\n"
	    "  pass\nend-policy\n"), MC_VENDOR_IOSXR);
	assert_int_equal(DET("sysname R1\nbgp 100\n peer 1.2.3.4 as-number 200\n"),
	    MC_VENDOR_VRP);
	assert_int_equal(DET("/routing bgp instance set default as=300\n"
	    "/ip address add address=1.2.3.4/24 interface=ether1\n"),
	    MC_VENDOR_ROUTEROS);
	assert_int_equal(DET("just some text\n"), MC_VENDOR_UNKNOWN);
	assert_int_equal(DET(""), MC_VENDOR_UNKNOWN);
	assert_true(mc_vendor_supported(MC_VENDOR_FRR));
	assert_false(mc_vendor_supported(MC_VENDOR_NXOS));
	/* Long prefix lists (bgpq4 output) before or after the markers
	 * change nothing, and give the Cisco family its point: two
	 * access-lists and a route-map are one point short of a decision,
	 * which an IPv4 prefix list (not an IPv6 one) gives. */
	{
		static const char *const heads[] = { ios_cfg, eos_cfg, frr_cfg,
		    "!! IOS XR Configuration 7.3.2\nroute-policy X\n  pass\n"
		    "end-policy\n" };
		static const mc_vendor want[] = { MC_VENDOR_IOS, MC_VENDOR_EOS,
		    MC_VENDOR_FRR, MC_VENDOR_IOSXR };
		size_t cap = 4000 * 64 + 4096, n, i, k;
		char *buf = malloc(cap);

		assert_non_null(buf);
		for (k = 0; k < UT_NITEMS(heads); k++) {
			n = (size_t)snprintf(buf, cap, "%s", heads[k]);
			for (i = 0; i < 4000; i++)
				n += (size_t)snprintf(buf + n, cap - n,
				    "ip%s prefix-list L seq %zu permit %s\n",
				    i % 2 ? "v6" : "", i * 5 + 5, i % 2 ?
				    "2001:db8::/32 le 48" : "192.0.2.0/24 le 32");
			assert_int_equal(mc_detect_vendor(buf, n), want[k]);
			n = (size_t)snprintf(buf, cap, "ip prefix-list L seq 5 "
			    "permit 192.0.2.0/24\n%s", heads[k]);
			assert_int_equal(mc_detect_vendor(buf, n), want[k]);
		}
		n = (size_t)snprintf(buf, cap, "access-list 10 permit any\n"
		    "access-list 11 permit any\nroute-map X permit 10\n");
		assert_int_equal(mc_detect_vendor(buf, n), MC_VENDOR_UNKNOWN);
		n += (size_t)snprintf(buf + n, cap - n, "ipv6 prefix-list L "
		    "seq 5 permit 2001:db8::/32\n");
		assert_int_equal(mc_detect_vendor(buf, n), MC_VENDOR_UNKNOWN);
		n += (size_t)snprintf(buf + n, cap - n, "ip prefix-list L "
		    "seq 5 permit 192.0.2.0/24\n");
		assert_int_equal(mc_detect_vendor(buf, n), MC_VENDOR_IOS);
		free(buf);
	}
#undef DET
}

static void
hostile(void **st)
{
	size_t n = 200000, i, k = 0;
	char *buf = malloc(n * 2 + 64), *p;
	mc_device *d;
	mc_node *root;

	(void)st;
	/* ever deeper indentation: bounded, no recursion blow-up */
	p = buf;
	p += sprintf(p, "router bgp 1\n");
	for (i = 1; i < 2000 && (size_t)(p - buf) < n; i++) {
		memset(p, ' ', i);
		p += i;
		p += sprintf(p, "neighbor 10.0.%zu.%zu remote-as 2\n", i / 256,
		    i % 256);
	}
	d = parse(buf, MC_VENDOR_IOS);
	assert_non_null(d);
	assert_true(d->neighbors.n > 0);
	/* one very long line */
	memset(buf, 'x', n);
	memcpy(buf, "hostname ", 9);
	buf[n] = '\0';
	d = parse(buf, MC_VENDOR_IOS);
	assert_non_null(d);
	assert_int_equal(strlen(d->hostname), n - 9);
	/* the raw reader: depth never exceeds its bound */
	p = buf;
	for (i = 0; i < 300; i++) {
		memset(p, ' ', i);
		p += i;
		*p++ = 'x';
		*p++ = '\n';
	}
	root = mc_indent_parse(A, "deep", buf, (size_t)(p - buf), &D);
	assert_non_null(root);
	for (mc_node *x = root; x->kid != NULL; x = x->kid)
		k++;
	assert_true(k <= MC_CONF_MAX_DEPTH);
	/* the raw reader: a NUL anywhere in a line, before or after its
	 * first sixteen bytes or in a short last line, is binary content
	 * reported on that line; a NUL-free text parses */
	{
		static const struct {
			const char *text;
			size_t len;
			int line;
		} nul[] = {
#define NUL_CASE(t, l) { t, sizeof(t) - 1, l }
			NUL_CASE("a\nb\0c\nd\n", 2),
			NUL_CASE("a\nbbbbbbbbbbbbbbbbbbbbbbbbbbbb\0c\nd\n", 2),
			NUL_CASE("aaaaaaaaaaaaaaaaaaaaaaaaaaaa\nb\nc\0", 3),
			NUL_CASE("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\0",
			    1),
			NUL_CASE("x\naaa\0aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", 2),
#undef NUL_CASE
		};

		for (i = 0; i < sizeof(nul) / sizeof(nul[0]); i++) {
			mc_diag dd;

			mc_diag_init(&dd, A);
			assert_null(mc_indent_parse(A, "nul", nul[i].text,
			    nul[i].len, &dd));
			assert_int_equal(dd.errors.n, 1);
			assert_int_equal(dd.errors.v[0].line, nul[i].line);
		}
		assert_non_null(mc_indent_parse(A, "ok", "a\nbbbbbbbbbbbbbbbbbbbb"
		    "bbbbbbbbbbb!x#\nc", 38, &D));
	}
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(ios_basics, setup, teardown),
		cmocka_unit_test_setup_teardown(ios_acls, setup, teardown),
		cmocka_unit_test_setup_teardown(ios_bgp_neighbors, setup, teardown),
		cmocka_unit_test_setup_teardown(ios_origins, setup, teardown),
		cmocka_unit_test_setup_teardown(ios_policies, setup, teardown),
		cmocka_unit_test_setup_teardown(ios_templates, setup, teardown),
		cmocka_unit_test_setup_teardown(iosxe_allow_invalid, setup, teardown),
		cmocka_unit_test_setup_teardown(eos_model, setup, teardown),
		cmocka_unit_test_setup_teardown(eos_flat_prefix_list, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(light_lines_read_as_nodes, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(prefix_list_direct_reader,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(frr_model, setup, teardown),
		cmocka_unit_test_setup_teardown(frr_flat_and_profiles, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(waivers, setup, teardown),
		cmocka_unit_test_setup_teardown(errors, setup, teardown),
		cmocka_unit_test_setup_teardown(detection, setup, teardown),
		cmocka_unit_test_setup_teardown(hostile, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
