/* Junos reader and extractor: both forms, groups, policies, BGP, filters. */
#include "helpers.h"
#include "conf/junos_tree.h"

/* ---- helpers ---------------------------------------------------------------- */

static mc_device *
ex(void **state, const char *cfg)
{
	mc_diag d;
	mc_device *dev = ut_extract(*state, mc_extract_junos, cfg, &d);

	assert_int_equal(d.errors.n, 0);
	return dev;
}

static jt_tree *
tree(void **state, const char *cfg)
{
	jt_tree *t = jt_parse(*state, cfg, strlen(cfg));

	jt_expand_groups(t);
	return t;
}

/* Every active path of the tree, one per line. */
static void
dump(const jt_node *n, char *path, size_t plen, char *out, size_t cap)
{
	const jt_node *k;
	size_t l;

	if (jt_first(n) == NULL) {
		l = strlen(out);
		snprintf(out + l, cap - l, "%s\n", path);
		return;
	}
	for (k = jt_first(n); k != NULL; k = jt_next(k)) {
		l = strlen(path);
		snprintf(path + l, plen - l, "%s%.*s", l ? " " : "",
		    (int)k->wlen, k->w);
		dump(k, path, plen, out, cap);
		path[l] = '\0';
	}
}

static const char *
dumps(void **state, const char *cfg)
{
	static char out[2][8192];
	static int i;
	char path[1024] = "";
	char *o = out[i++ % 2];

	o[0] = '\0';
	dump(tree(state, cfg)->root, path, sizeof(path), o, 8192);
	return o;
}

static mc_neighbor *
nbr(const mc_device *d, const char *addr)
{
	size_t i;

	for (i = 0; i < d->neighbors.n; i++)
		if (strcmp(d->neighbors.v[i]->address, addr) == 0)
			return d->neighbors.v[i];
	return NULL;
}

static mc_prefix
P(const char *s)
{
	mc_prefix p;

	assert_true(mc_prefix_parse(s, strlen(s), &p));
	return p;
}

/* First-match over a prefix list: 1 permit, 0 deny, -1 no entry. */
static int
fm(const mc_prefix_list *pl, const char *s)
{
	mc_prefix q = P(s);
	size_t i;

	for (i = 0; i < pl->entries.n; i++) {
		const mc_range *r = &pl->entries.v[i].r;

		if (mc_prefix_contains(&r->p, &q) && q.len >= r->lo &&
		    q.len <= r->hi)
			return pl->entries.v[i].permit;
	}
	return -1;
}

/* Does the inline list of a term's prefix condition pass the route? */
static bool
passes(const mc_prefix_list *pl, const char *s)
{
	return fm(pl, s) == 1;
}

/* The PREFIX_INLINE condition somewhere in c (first found). */
static const mc_cond *
find_inline(const mc_cond *c)
{
	const mc_cond *r;
	size_t i;

	if (c == NULL)
		return NULL;
	if (c->kind == MC_C_PREFIX_INLINE)
		return c;
	for (i = 0; i < c->kids.n; i++)
		if ((r = find_inline(c->kids.v[i])) != NULL)
			return r;
	return NULL;
}

static const mc_cond *
find_kind(const mc_cond *c, mc_cond_kind k)
{
	const mc_cond *r;
	size_t i;

	if (c == NULL)
		return NULL;
	if (c->kind == k)
		return c;
	for (i = 0; i < c->kids.n; i++)
		if ((r = find_kind(c->kids.v[i], k)) != NULL)
			return r;
	return NULL;
}

static mc_stmt_kind
last_kind(const mc_block *b)
{
	return b->n ? b->v[b->n - 1]->kind : MC_S_UNKNOWN;
}

/* ---- the reader ------------------------------------------------------------- */

static const char braces[] =
    "## Last commit: 2026-11-24 09:14:02 UTC by netops\n"
    "version 21.4R3;\n"
    "system {\n"
    "    host-name \"edge 1\";\n"
    "}\n"
    "protocols {\n"
    "    bgp {\n"
    "        group T {\n"
    "            type external;\n"
    "            import [ A B ];\n"
    "            /* annotation */\n"
    "            neighbor 192.0.2.1 {\n"
    "                peer-as 64500;\n"
    "            }\n"
    "        }\n"
    "    }\n"
    "}\n";

static const char setform[] =
    "#RANCID-CONTENT-TYPE: juniper\n"
    "set version 21.4R3\n"
    "set system host-name \"edge 1\"\n"
    "set protocols bgp group T type external\n"
    "set protocols bgp group T import [ A B ]\n"
    "set protocols bgp group T neighbor 192.0.2.1 peer-as 64500\n";

static void
test_forms_same_tree(void **state)
{
	const char *a = dumps(state, braces), *b = dumps(state, setform);

	assert_string_equal(a, b);
	assert_non_null(strstr(a, "protocols bgp group T import A\n"));
	assert_non_null(strstr(a, "protocols bgp group T import B\n"));
	assert_non_null(strstr(a, "system host-name edge 1\n"));
	assert_false(jt_is_set_form(tree(state, braces)));
	assert_true(jt_is_set_form(tree(state, setform)));
}

static void
test_lines_and_text(void **state)
{
	jt_tree *t = tree(state, braces);
	jt_node *n = jt_path(t->root, "protocols bgp group T neighbor 192.0.2.1");
	const char *s;
	size_t len;

	assert_non_null(n);
	assert_int_equal(n->line, 12);
	assert_int_equal(t->lines, 17);
	s = jt_line_text(t, n, &len);
	assert_int_equal(len, strlen("neighbor 192.0.2.1 {"));
	assert_memory_equal(s, "neighbor 192.0.2.1 {", len);
	n = jt_path(t->root, "protocols bgp group T import");
	assert_int_equal(jt_count(n), 2);
	assert_true(jt_is(jt_first(n), "A"));
	assert_true(jt_is(jt_last(n), "B"));
}

static void
test_inactive_and_deactivate(void **state)
{
	static const char b[] =
	    "protocols { bgp { group T {\n"
	    "  inactive: neighbor 192.0.2.1 { peer-as 1; }\n"
	    "  neighbor 192.0.2.2 { inactive: peer-as 2; }\n"
	    "  neighbor 192.0.2.3 { peer-as 3; }\n"
	    "} } }\n";
	static const char s[] =
	    "set protocols bgp group T neighbor 192.0.2.1 peer-as 1\n"
	    "set protocols bgp group T neighbor 192.0.2.2 peer-as 2\n"
	    "set protocols bgp group T neighbor 192.0.2.3 peer-as 3\n"
	    "set protocols bgp group U neighbor 192.0.2.4 peer-as 4\n"
	    "deactivate protocols bgp group T neighbor 192.0.2.1\n"
	    "deactivate protocols bgp group T neighbor 192.0.2.2 peer-as\n"
	    "deactivate protocols bgp group U\n"
	    "activate protocols bgp group U\n"
	    "delete protocols bgp group T neighbor 192.0.2.3\n";
	mc_device *d;

	d = ex(state, b);
	assert_int_equal(d->neighbors.n, 2);
	assert_null(nbr(d, "192.0.2.1"));
	assert_int_equal(nbr(d, "192.0.2.2")->remote_as_kind, MC_RAS_UNKNOWN);
	assert_int_equal(nbr(d, "192.0.2.3")->remote_as, 3);
	d = ex(state, "set protocols bgp group E type external neighbor "
	    "192.0.2.9 peer-as 64509 description x\n"
	    "set interfaces ge-0/0/0 unit 0 family inet rpf-check mode loose "
	    "fail-filter F\n"
	    "set interfaces ge-0/0/0 unit 0 family inet address 192.0.2.1/24\n");
	assert_int_equal(nbr(d, "192.0.2.9")->remote_as, 64509);
	assert_string_equal(nbr(d, "192.0.2.9")->description, "x");
	assert_int_equal(nbr(d, "192.0.2.9")->remote_as_kind, MC_RAS_NUMBER);
	assert_int_equal(d->ifaces.v[0]->urpf4, MC_URPF_LOOSE);
	d = ex(state, s);
	assert_int_equal(d->neighbors.n, 3);
	assert_null(nbr(d, "192.0.2.1"));
	assert_int_equal(nbr(d, "192.0.2.2")->remote_as_kind, MC_RAS_UNKNOWN);
	/* delete lines are ignored (display set never prints them) */
	assert_int_equal(nbr(d, "192.0.2.3")->remote_as, 3);
	assert_int_equal(nbr(d, "192.0.2.4")->remote_as, 4);
}

static void
test_inactive_values(void **state)
{
	static const char b[] =
	    "protocols { bgp { group T { import G-IN; peer-as 64500;\n"
	    "  neighbor 192.0.2.1 { inactive: import N-IN; inactive: peer-as 1; }\n"
	    "  neighbor 192.0.2.2 { inactive: passive; }\n"
	    "  neighbor 192.0.2.3 { import [ A B ]; inactive: description x; }\n"
	    "} } }\n";
	mc_device *d = ex(state, b);
	mc_neighbor *n;

	assert_int_equal(d->neighbors.n, 3);
	n = nbr(d, "192.0.2.1");
	assert_string_equal(n->af[0].in.stages.v[0].chain.v[0].name, "G-IN");
	assert_int_equal(n->remote_as, 64500);
	assert_non_null(nbr(d, "192.0.2.2"));
	n = nbr(d, "192.0.2.3");
	assert_int_equal(n->af[0].in.stages.v[0].chain.n, 2);
	assert_null(n->description);
}

static void
test_odd_syntax(void **state)
{
	static const char b[] =
	    "{master:0}[edit]\n"
	    "user@r1> show configuration\n"
	    "groups {\n"
	    "  replace:\n"
	    "  g1{\n"
	    "    system { host-name from-group; }\n"
	    "  }\n"
	    "}\n"
	    "protect: system {\n"
	    "    domain-name example.net # trailing, no semicolon\n"
	    "}\n"
	    "interfaces\n"
	    "{\n"
	    "  ge-0/0/0 { unit 0 { description \"a \\\"quoted\\\" {word}\"; } }\n"
	    "}\n"
	    "delete: policy-options { prefix-list X { 10.0.0.0/8; } }\n"
	    "policy-options { prefix-list Y { 192.0.2.0/24; } }\n"
	    "}}}\n";
	jt_tree *t = tree(state, b);
	mc_device *d = ex(state, b);

	assert_non_null(jt_path(t->root, "system domain-name example.net"));
	assert_non_null(jt_path(t->root, "groups g1 system host-name"));
	assert_null(jt_path(t->root, "policy-options prefix-list X"));
	assert_non_null(jt_path(t->root, "policy-options prefix-list Y"));
	assert_int_equal(d->ifaces.n, 1);
	assert_string_equal(d->ifaces.v[0]->description,
	    "a \\\"quoted\\\" {word}");
	assert_int_equal(d->prefix_lists.n, 1);
}

static void
test_waivers(void **state)
{
	static const char b[] =
	    "protocols {\n"
	    "  bgp {\n"
	    "    group T {\n"
	    "      # manrs-check: ignore FLT-MAX-PREFIX transit carries a full table\n"
	    "      neighbor 192.0.2.1 {\n"
	    "        peer-as 64500;\n"
	    "      }\n"
	    "      /* manrs-check: ignore all lab session */\n"
	    "      neighbor 192.0.2.2;\n"
	    "      neighbor 192.0.2.3 { # manrs-check: ignore SEC-GTSM no ttl\n"
	    "      }\n"
	    "    }\n"
	    "  }\n"
	    "}\n";
	static const char s[] =
	    "set system host-name r\n"
	    "# manrs-check: ignore COORD-NEIGHBOR-DESC  known peer  \n"
	    "set protocols bgp group T neighbor 192.0.2.1 peer-as 64500\n"
	    "set protocols bgp group T neighbor 192.0.2.2 peer-as 64501 # manrs-check: ignore SEC-SESSION-AUTH x\n";
	mc_device *d = ex(state, b);

	assert_int_equal(d->waivers.n, 3);
	assert_string_equal(d->waivers.v[0].rule, "FLT-MAX-PREFIX");
	assert_string_equal(d->waivers.v[0].reason,
	    "transit carries a full table");
	assert_int_equal(d->waivers.v[0].line, 4);
	assert_int_equal(d->waivers.v[0].first, 5);
	assert_int_equal(d->waivers.v[0].last, 7);
	assert_string_equal(d->waivers.v[1].rule, "all");
	assert_string_equal(d->waivers.v[1].reason, "lab session");
	assert_int_equal(d->waivers.v[1].first, 9);
	assert_int_equal(d->waivers.v[1].last, 9);
	assert_string_equal(d->waivers.v[2].rule, "SEC-GTSM");
	assert_int_equal(d->waivers.v[2].first, 10);
	assert_int_equal(d->waivers.v[2].last, 11);

	d = ex(state, s);
	assert_int_equal(d->waivers.n, 2);
	assert_string_equal(d->waivers.v[0].reason, "known peer");
	assert_int_equal(d->waivers.v[0].first, 3);
	assert_int_equal(d->waivers.v[0].last, 3);
	assert_int_equal(d->waivers.v[1].first, 4);
	assert_int_equal(d->waivers.v[1].last, 4);
}

static void
test_wildcards(void **state)
{
#define W(p, w) jt_wild_match(p, strlen(p), w, strlen(w))
	assert_true(W("<*>", "ge-0/0/0"));
	assert_true(W("<ge-*>", "ge-0/0/0"));
	assert_false(W("<ge-*>", "xe-0/0/0"));
	assert_true(W("<em[0,1]>", "em1"));
	assert_false(W("<em[0,1]>", "em2"));
	assert_true(W("<xe-0/0/[0-3]>", "xe-0/0/2"));
	assert_false(W("<xe-0/0/[!0-3]>", "xe-0/0/2"));
	assert_true(W("<?e-*.0>", "ge-1/2/3.0"));
	assert_true(W("<*a*b*c*>", "xxaxxbxxcxx"));
	assert_false(W("<*a*b*c*>", "xxaxxcxxbxx"));
	assert_true(W("plain", "plain"));
	assert_false(W("<plain", "<plain2"));
#undef W
}

static void
test_groups(void **state)
{
	static const char b[] =
	    "groups {\n"
	    "  EBGP {\n"
	    "    protocols { bgp { group <*> { import BASE-IN; peer-as 1;\n"
	    "      neighbor <*> { authentication-key \"x\"; } } } }\n"
	    "  }\n"
	    "  LATE { protocols { bgp { group <*> { peer-as 9; export LATE-OUT; } } } }\n"
	    "  IFS { interfaces { <ge-*> { unit <*> { family inet { rpf-check; } } } } }\n"
	    "  NEW { interfaces { lo0 { unit 0 { family inet { address 192.0.2.1/32; } } } } }\n"
	    "}\n"
	    "apply-groups [ EBGP LATE IFS NEW ];\n"
	    "interfaces {\n"
	    "  ge-0/0/0 { unit 0 { family inet { address 198.51.100.1/31; } } }\n"
	    "  ge-0/0/1 { apply-groups-except IFS; unit 0 { family inet { address 198.51.100.3/31; } } }\n"
	    "  xe-0/0/0 { unit 0 { family inet { address 198.51.100.5/31; } } }\n"
	    "}\n"
	    "protocols { bgp {\n"
	    "  group A { peer-as 64500; neighbor 192.0.2.10; }\n"
	    "  group B { import OWN-IN; neighbor 192.0.2.20; }\n"
	    "} }\n";
	mc_device *d = ex(state, b);
	mc_neighbor *n;

	n = nbr(d, "192.0.2.10");
	assert_non_null(n);
	assert_int_equal(n->remote_as, 64500);	/* configuration wins */
	assert_true(n->auth);			/* wildcard neighbor <*> */
	assert_string_equal(n->af[0].in.stages.v[0].chain.v[0].name, "BASE-IN");
	assert_string_equal(n->af[0].out.stages.v[0].chain.v[0].name, "LATE-OUT");
	n = nbr(d, "192.0.2.20");
	assert_int_equal(n->remote_as, 1);	/* first group wins over LATE */
	assert_int_equal(n->af[0].in.stages.v[0].chain.n, 1);
	assert_string_equal(n->af[0].in.stages.v[0].chain.v[0].name, "OWN-IN");

	assert_int_equal(mc_dev_iface(d, "ge-0/0/0.0")->urpf4, MC_URPF_STRICT);
	assert_int_equal(mc_dev_iface(d, "ge-0/0/1.0")->urpf4, MC_URPF_NONE);
	assert_int_equal(mc_dev_iface(d, "xe-0/0/0.0")->urpf4, MC_URPF_NONE);
	/* a group may add statements; wildcards only match existing ones */
	assert_non_null(mc_dev_iface(d, "lo0.0"));
	assert_int_equal(d->ifaces.n, 4);
}

static void
test_groups_nested_levels(void **state)
{
	static const char s[] =
	    "set groups G interfaces <*> description from-group\n"
	    "set groups G interfaces <*> unit <*> family inet filter input F\n"
	    "set groups P policy-options prefix-list <*> 203.0.113.0/24\n"
	    "set interfaces ae1 apply-groups G\n"
	    "set interfaces ae1 unit 0 family inet address 192.0.2.1/31\n"
	    "set interfaces ae2 unit 0 family inet address 192.0.2.3/31\n"
	    "set policy-options prefix-list L apply-groups P\n"
	    "set policy-options prefix-list L 192.0.2.0/24\n";
	mc_device *d = ex(state, s);

	assert_string_equal(mc_dev_iface(d, "ae1.0")->acl_in4, "F");
	assert_string_equal(mc_dev_iface(d, "ae1.0")->description,
	    "from-group");
	assert_null(mc_dev_iface(d, "ae2.0")->acl_in4);
	assert_int_equal(mc_dev_prefix_list(d, "L")->entries.n, 2);
}

/* ---- BGP -------------------------------------------------------------------- */

static void
test_bgp_inheritance(void **state)
{
	static const char b[] =
	    "routing-options { autonomous-system 1.10; router-id 192.0.2.255; }\n"
	    "protocols { bgp {\n"
	    "  import GLOBAL-IN;\n"
	    "  family inet { unicast { prefix-limit { maximum 100; teardown 80; } } }\n"
	    "  group IBGP { type internal; local-address 192.0.2.255;\n"
	    "    family inet6 { unicast; }\n"
	    "    neighbor 2001:db8::2; }\n"
	    "  group EXT { type external; description \"group desc\";\n"
	    "    import [ G1 G2 ]; export OUT; multihop { ttl 3; }\n"
	    "    authentication-key \"$9$abc\"; remove-private;\n"
	    "    neighbor 192.0.2.1 { peer-as 64500; description \"peer one\"; }\n"
	    "    neighbor 192.0.2.2 { peer-as 65000.1; import N-IN; local-as 64999 private;\n"
	    "      family inet { unicast { accepted-prefix-limit { maximum 50; } } }\n"
	    "      family inet6 { unicast { prefix-limit { maximum 10; teardown; } } } }\n"
	    "    neighbor 2001:db8::1 { peer-as 64501; }\n"
	    "    allow 198.51.100.0/24;\n"
	    "  }\n"
	    "} }\n";
	mc_device *d = ex(state, b);
	mc_neighbor *n;

	assert_int_equal(d->bgp.asn, 65546);
	assert_string_equal(d->bgp.router_id, "192.0.2.255");
	assert_int_equal(d->neighbors.n, 5);

	n = nbr(d, "2001:db8::2");
	assert_int_equal(n->remote_as_kind, MC_RAS_INTERNAL);
	assert_int_equal(n->remote_as, 65546);
	assert_false(n->af[0].active);
	assert_true(n->af[1].active);
	assert_string_equal(n->af[1].in.stages.v[0].chain.v[0].name,
	    "GLOBAL-IN");
	assert_int_equal(n->af[1].maxpfx.action, MC_MAXP_NONE);
	assert_int_equal(n->ebgp_multihop, 0);

	n = nbr(d, "192.0.2.1");
	assert_int_equal(n->remote_as_kind, MC_RAS_NUMBER);
	assert_int_equal(n->remote_as, 64500);
	assert_string_equal(n->description, "peer one");
	assert_string_equal(n->group, "EXT");
	assert_int_equal(n->af[0].in.stages.n, 1);
	assert_int_equal(n->af[0].in.stages.v[0].chain.n, 2);
	assert_string_equal(n->af[0].in.stages.v[0].chain.v[1].name, "G2");
	assert_true(n->af[0].in.chain_default_accept);
	assert_true(n->af[0].out.chain_default_accept);
	assert_string_equal(n->af[0].out.stages.v[0].chain.v[0].name, "OUT");
	assert_int_equal(n->ebgp_multihop, 3);
	assert_true(n->auth);
	assert_true(n->af[0].remove_private_as);
	assert_true(n->af[0].active);
	assert_false(n->af[1].active);
	assert_int_equal(n->af[0].maxpfx.action, MC_MAXP_TEARDOWN);
	assert_int_equal(n->af[0].maxpfx.limit, 100);

	n = nbr(d, "192.0.2.2");
	assert_int_equal(n->remote_as, 65000u << 16 | 1);
	assert_int_equal(n->local_as, 64999);
	assert_string_equal(n->af[0].in.stages.v[0].chain.v[0].name, "N-IN");
	assert_int_equal(n->af[0].in.stages.v[0].chain.n, 1);
	assert_int_equal(n->af[0].maxpfx.action, MC_MAXP_WARN);
	assert_int_equal(n->af[0].maxpfx.limit, 50);
	assert_true(n->af[1].active);
	assert_int_equal(n->af[1].maxpfx.action, MC_MAXP_TEARDOWN);
	assert_string_equal(n->description, "group desc");

	n = nbr(d, "2001:db8::1");
	assert_true(n->af[0].active);	/* the global family statement */
	assert_false(n->af[1].active);

	n = nbr(d, "198.51.100.0/24");
	assert_non_null(n);
	assert_int_equal(n->addr.af, 0);
	assert_int_equal(d->bgp.ebgp_requires_policy, -1);
}

static void
test_bgp_defaults_vrf(void **state)
{
	static const char s[] =
	    "set routing-options autonomous-system 64496\n"
	    "set protocols bgp defaults ebgp no-policy receive reject-always\n"
	    "set protocols bgp defaults ebgp no-policy advertise reject\n"
	    "set protocols bgp group X neighbor 192.0.2.1 peer-as 64500\n"
	    "set protocols bgp group X neighbor 192.0.2.1 enforce-first-as\n"
	    "set routing-instances CUST instance-type vrf\n"
	    "set routing-instances CUST interface ge-0/0/1.100\n"
	    "set routing-instances CUST interface ge-0/0/2\n"
	    "set routing-instances CUST routing-options autonomous-system 64497\n"
	    "set routing-instances CUST routing-options static route 10.9.0.0/16 discard\n"
	    "set routing-instances CUST protocols bgp group C type internal\n"
	    "set routing-instances CUST protocols bgp group C neighbor 10.0.0.1\n"
	    "set interfaces ge-0/0/1 unit 100 family inet address 10.0.0.2/30\n"
	    "set interfaces ge-0/0/2 unit 0 family inet address 10.0.1.2/30\n";
	mc_device *d = ex(state, s);
	mc_neighbor *n;

	assert_int_equal(d->bgp.ebgp_requires_policy, 1);
	assert_int_equal(d->bgp.requires_policy_dir[0], 1);
	assert_int_equal(d->bgp.requires_policy_dir[1], 1);
	n = nbr(d, "192.0.2.1");
	assert_int_equal(n->enforce_first_as, 1);
	assert_null(n->vrf);
	n = nbr(d, "10.0.0.1");
	assert_string_equal(n->vrf, "CUST");
	assert_int_equal(n->local_as, 64497);
	assert_int_equal(n->remote_as_kind, MC_RAS_INTERNAL);
	assert_int_equal(n->remote_as, 64497);
	assert_string_equal(mc_dev_iface(d, "ge-0/0/1.100")->vrf, "CUST");
	assert_string_equal(mc_dev_iface(d, "ge-0/0/2.0")->vrf, "CUST");
	assert_int_equal(d->statics.n, 1);
	assert_string_equal(d->statics.v[0].vrf, "CUST");
	assert_true(d->statics.v[0].null_route);
}

/* ---- policies --------------------------------------------------------------- */

static const mc_policy *
pol(const mc_device *d, const char *name)
{
	const mc_policy *p = mc_dev_policy(d, name);

	assert_non_null(p);
	return p;
}

static void
test_route_filter_longest_match(void **state)
{
	static const char b[] =
	    "policy-options {\n"
	    "  policy-statement P {\n"
	    "    term t1 {\n"
	    "      from {\n"
	    "        route-filter 10.0.0.0/8 orlonger;\n"
	    "        route-filter 10.1.0.0/16 exact;\n"
	    "        route-filter 172.16.0.0/12 upto /24;\n"
	    "        route-filter 192.168.0.0/16 longer;\n"
	    "        route-filter 100.64.0.0/10 prefix-length-range /12-/14;\n"
	    "        route-filter 198.18.0.0/15 through 198.19.0.0/16;\n"
	    "      }\n"
	    "      then accept;\n"
	    "    }\n"
	    "  }\n"
	    "}\n";
	mc_device *d = ex(state, b);
	const mc_policy *p = pol(d, "P");
	const mc_stmt *s;
	const mc_prefix_list *pl;

	assert_int_equal(p->fallthrough, MC_FALL_NEXT_POLICY);
	assert_int_equal(p->terms.n, 1);
	assert_string_equal(p->terms.v[0].name, "t1");
	assert_int_equal(p->terms.v[0].body.n, 1);
	s = p->terms.v[0].body.v[0];
	assert_int_equal(s->kind, MC_S_IF);
	assert_int_equal(last_kind(&s->then), MC_S_ACCEPT);
	pl = find_inline(s->cond)->plist;
	assert_true(passes(pl, "10.0.0.0/8"));
	assert_true(passes(pl, "10.2.0.0/16"));
	assert_true(passes(pl, "10.1.0.0/16"));
	/* longest match is 10.1.0.0/16 exact: the /8 orlonger is not tried */
	assert_false(passes(pl, "10.1.1.0/24"));
	assert_true(passes(pl, "172.16.5.0/24"));
	assert_false(passes(pl, "172.16.5.0/25"));
	assert_false(passes(pl, "192.168.0.0/16"));
	assert_true(passes(pl, "192.168.1.0/24"));
	assert_false(passes(pl, "100.64.0.0/10"));
	assert_true(passes(pl, "100.64.0.0/13"));
	assert_false(passes(pl, "100.64.0.0/15"));
	assert_true(passes(pl, "198.18.0.0/15"));
	assert_true(passes(pl, "198.19.0.0/16"));
	assert_false(passes(pl, "198.18.0.0/16"));
	assert_false(passes(pl, "198.19.0.0/17"));
	assert_false(passes(pl, "11.0.0.0/8"));
}

static void
test_route_filter_actions(void **state)
{
	static const char s[] =
	    "set policy-options policy-statement IN term bogons from route-filter 0.0.0.0/0 prefix-length-range /25-/32 reject\n"
	    "set policy-options policy-statement IN term bogons from route-filter 10.0.0.0/8 orlonger\n"
	    "set policy-options policy-statement IN term bogons from route-filter 192.168.0.0/16 orlonger reject\n"
	    "set policy-options policy-statement IN term bogons then community add TAG\n"
	    "set policy-options policy-statement IN term bogons then accept\n"
	    "set policy-options policy-statement IN then reject\n"
	    "set policy-options community TAG members 64496:1\n";
	mc_device *d = ex(state, s);
	const mc_policy *p = pol(d, "IN");
	const mc_block *b;
	const mc_prefix_list *rej, *then;

	assert_int_equal(p->terms.n, 2);
	b = &p->terms.v[0].body;
	/* one IF for the reject action class, one for the term's then */
	assert_int_equal(b->n, 2);
	assert_int_equal(last_kind(&b->v[0]->then), MC_S_REJECT);
	assert_int_equal(b->v[1]->then.n, 2);
	assert_int_equal(b->v[1]->then.v[0]->set, MC_SET_COMMUNITY_ADD);
	assert_int_equal(b->v[1]->then.v[0]->comm.a, 64496);
	assert_int_equal(b->v[1]->then.v[0]->comm.b, 1);
	assert_int_equal(last_kind(&b->v[1]->then), MC_S_ACCEPT);
	rej = find_inline(b->v[0]->cond)->plist;
	then = find_inline(b->v[1]->cond)->plist;
	assert_true(passes(rej, "203.0.113.0/25"));
	assert_true(passes(rej, "192.168.0.0/16"));
	assert_true(passes(rej, "192.168.1.0/30"));
	/* inside 10/8 the longest match is 10/8: its then, not the /0 reject */
	assert_false(passes(rej, "10.1.1.0/25"));
	assert_true(passes(then, "10.1.1.0/25"));
	assert_false(passes(then, "203.0.113.0/25"));
	assert_false(passes(then, "203.0.113.0/24"));
	assert_false(passes(rej, "203.0.113.0/24"));
	/* the unnamed final term */
	assert_string_equal(p->terms.v[1].name, "");
	assert_int_equal(last_kind(&p->terms.v[1].body), MC_S_REJECT);
}

static void
test_policy_conditions(void **state)
{
	static const char b[] =
	    "policy-options {\n"
	    "  prefix-list CUST { 192.0.2.0/24; 198.51.100.0/24; }\n"
	    "  as-path BOGON-ASN \".* (0|23456|64496-131071) .*\";\n"
	    "  as-path-group TF { as-path a \".* 174 .*\"; as-path b \".* 3356 .*\"; }\n"
	    "  community C1 members [ 64496:1 64496:2 ];\n"
	    "  community C2 members \"^64496:1..$\";\n"
	    "  community NOEXP members no-export;\n"
	    "  community INV { invert-match; members 64496:9; }\n"
	    "  policy-statement P {\n"
	    "    term a { from { as-path [ BOGON-ASN ]; as-path-group TF; } then reject; }\n"
	    "    term b { from { validation-database invalid; } then { validation-state invalid; reject; } }\n"
	    "    term c { from { community [ C1 C2 ]; protocol [ bgp direct ]; family inet6; } then next policy; }\n"
	    "    term d { from { prefix-list-filter CUST orlonger; neighbor 192.0.2.7; } then { as-path-prepend \"64496 64496 64497\"; next term; } }\n"
	    "    term e { from { prefix-list CUST; route-type external; policy ( SUB && ! SUB2 ); } to neighbor 192.0.2.9; then accept; }\n"
	    "  }\n"
	    "}\n";
	mc_device *d = ex(state, b);
	const mc_policy *p = pol(d, "P");
	const mc_cond *c;
	const mc_block *t;
	const mc_community_list *cl;

	assert_int_equal(p->terms.n, 5);
	/* a: as-path OR, as-path-group: AND of two OR groups */
	c = p->terms.v[0].body.v[0]->cond;
	assert_int_equal(c->kind, MC_C_AND);
	assert_int_equal(c->kids.n, 2);
	assert_int_equal(c->kids.v[0]->kind, MC_C_ASPATH_LIST);
	assert_string_equal(c->kids.v[1]->ref, "TF");
	assert_int_equal(mc_dev_aspath_list(d, "TF")->entries.n, 2);
	assert_int_equal(mc_dev_aspath_list(d, "BOGON-ASN")->entries.v[0].dialect,
	    MC_RE_JUNOS);
	/* b: RPKI */
	c = p->terms.v[1].body.v[0]->cond;
	assert_int_equal(c->kind, MC_C_RPKI);
	assert_int_equal(c->n, MC_ROV_INVALID);
	assert_int_equal(last_kind(&p->terms.v[1].body.v[0]->then),
	    MC_S_REJECT);
	/* c: communities OR, protocols OR (direct = connected), family */
	c = p->terms.v[2].body.v[0]->cond;
	assert_int_equal(c->kind, MC_C_AND);
	assert_int_equal(c->kids.n, 3);
	assert_int_equal(c->kids.v[0]->kind, MC_C_OR);
	assert_string_equal(c->kids.v[1]->kids.v[1]->str, "connected");
	assert_int_equal(c->kids.v[2]->kind, MC_C_NET_AF);
	assert_int_equal(c->kids.v[2]->n, MC_AF6);
	assert_int_equal(last_kind(&p->terms.v[2].body.v[0]->then),
	    MC_S_NEXT_POLICY);
	/* d: prefix-list-filter orlonger, prepend from the right */
	c = p->terms.v[3].body.v[0]->cond;
	assert_true(passes(find_inline(c)->plist, "192.0.2.128/25"));
	assert_false(passes(find_inline(c)->plist, "203.0.113.0/24"));
	assert_non_null(find_kind(c, MC_C_NEIGHBOR));
	t = &p->terms.v[3].body.v[0]->then;
	assert_int_equal(t->n, 3);
	assert_int_equal(t->v[0]->set, MC_SET_PREPEND);
	assert_int_equal(t->v[0]->comm.a, 64497);
	assert_int_equal(t->v[0]->n, 1);
	assert_int_equal(t->v[1]->comm.a, 64496);
	assert_int_equal(t->v[1]->n, 2);
	assert_int_equal(last_kind(t), MC_S_NEXT_TERM);
	/* e: prefix-list ref, unmodelled route-type / to, policy expression */
	c = p->terms.v[4].body.v[0]->cond;
	assert_string_equal(find_kind(c, MC_C_PREFIX_LIST)->ref, "CUST");
	assert_non_null(find_kind(c, MC_C_UNKNOWN));
	assert_non_null(find_kind(c, MC_C_NOT));
	assert_string_equal(find_kind(find_kind(c, MC_C_NOT),
	    MC_C_POLICY)->ref, "SUB2");
	/* communities */
	cl = mc_dev_community_list(d, "C1");
	assert_int_equal(cl->entries.n, 1);
	assert_int_equal(cl->entries.v[0].all_of.n, 2);
	assert_false(cl->entries.v[0].expanded);
	cl = mc_dev_community_list(d, "C2");
	assert_true(cl->entries.v[0].expanded);
	assert_non_null(strstr(cl->entries.v[0].regex, "64496:1[^ ][^ ]"));
	cl = mc_dev_community_list(d, "NOEXP");
	assert_int_equal(cl->entries.v[0].all_of.v[0].a, 65535);
	assert_int_equal(cl->entries.v[0].all_of.v[0].b, 65281);
	cl = mc_dev_community_list(d, "INV");
	assert_int_equal(cl->entries.n, 2);
	assert_false(cl->entries.v[0].permit);
	assert_true(cl->entries.v[1].permit);
	assert_int_equal(d->unrecognized, 0);
}

static void
test_apply_path(void **state)
{
	static const char s[] =
	    "set interfaces ge-0/0/0 unit 0 family inet address 192.0.2.1/24\n"
	    "set interfaces lo0 unit 0 family inet address 198.51.100.1/32\n"
	    "set protocols bgp group A neighbor 203.0.113.1 peer-as 64500\n"
	    "set protocols bgp group B neighbor 203.0.113.5 peer-as 64501\n"
	    "set policy-options prefix-list PEERS apply-path \"protocols bgp group <*> neighbor <*>\"\n"
	    "set policy-options prefix-list LO apply-path \"interfaces <lo*> unit <*> family inet address <*>\"\n";
	mc_device *d = ex(state, s);
	const mc_prefix_list *pl = mc_dev_prefix_list(d, "PEERS");

	assert_int_equal(pl->entries.n, 2);
	assert_int_equal(fm(pl, "203.0.113.5/32"), 1);
	pl = mc_dev_prefix_list(d, "LO");
	assert_int_equal(pl->entries.n, 1);
	assert_int_equal(fm(pl, "198.51.100.1/32"), 1);
	assert_true(d->notes.n >= 2);
}

/* ---- interfaces, filters, routing-options ---------------------------------- */

static void
test_interfaces_filters(void **state)
{
	static const char b[] =
	    "routing-options { forwarding-table { unicast-reverse-path feasible-paths; } }\n"
	    "interfaces {\n"
	    "  ge-0/0/0 { description CUST-A; unit 0 { family inet { address 192.0.2.1/31; rpf-check; }\n"
	    "    family inet6 { address 2001:db8::1/127 { primary; } address 2001:db8:1::1/64; rpf-check { mode loose; } } } }\n"
	    "  ge-0/0/1 { disable; unit 10 { description TEN; family inet { address 192.0.2.3/31; filter { input-list [ BOGONS CUST-B ]; output EGRESS; } } } }\n"
	    "  ge-0/0/2 { unit 0 { family inet6 { filter { input PROTECT; } } } }\n"
	    "}\n"
	    "policy-options { prefix-list CUSTB { 198.51.100.0/24; } }\n"
	    "firewall {\n"
	    "  family inet {\n"
	    "    filter BOGONS { term b { from { source-address { 10.0.0.0/8; 192.168.0.0/16; } } then discard; }\n"
	    "                   term next { then next term; } }\n"
	    "    filter CUST-B {\n"
	    "      term allow { from { source-prefix-list { CUSTB; } source-address { 198.51.100.128/25 except; } } then accept; }\n"
	    "      term icmp { from { protocol icmp; } then { count c; } }\n"
	    "      term deny { then discard; } }\n"
	    "    filter PROTECT { term a { then accept; } }\n"
	    "  }\n"
	    "  family inet6 {\n"
	    "    filter PROTECT { term a { from { source-address { ::/0; 2001:db8::/32 except; } destination-address { 2001:db8:ff::/48; } } then reject; } }\n"
	    "  }\n"
	    "  filter EGRESS { term a { from { address { 192.0.2.0/24; } } then accept; } }\n"
	    "}\n";
	mc_device *d = ex(state, b);
	mc_interface *i;
	mc_acl *a;

	i = mc_dev_iface(d, "ge-0/0/0.0");
	assert_string_equal(i->description, "CUST-A");
	assert_int_equal(i->urpf4, MC_URPF_FEASIBLE);
	assert_int_equal(i->urpf6, MC_URPF_LOOSE);
	assert_int_equal(i->addrs.n, 3);
	assert_int_equal(i->addrs.v[0].addr.len, 31);
	assert_int_equal(i->addrs.v[0].addr.a[3], 1);	/* host bits kept */
	assert_int_equal(i->addrs.v[0].net.a[3], 0);
	assert_false(i->addrs.v[1].secondary);
	assert_true(i->addrs.v[2].secondary);

	i = mc_dev_iface(d, "ge-0/0/1.10");
	assert_true(i->shutdown);
	assert_string_equal(i->description, "TEN");
	assert_string_equal(i->acl_in4, "BOGONS+CUST-B");
	assert_string_equal(i->acl_out4, "EGRESS");
	a = mc_dev_acl(d, "BOGONS+CUST-B");
	assert_non_null(a);
	/* BOGONS: 2 deny; next term: nothing; CUST-B: except first (decided
	 * by the icmp term in part: approximate -> permit with has_ports),
	 * the list's prefix, icmp (accept: no terminating action), deny */
	assert_int_equal(a->entries.n, 6);
	assert_false(a->entries.v[0].permit);
	assert_int_equal(a->entries.v[1].src.len, 16);
	assert_int_equal(a->entries.v[2].src.len, 25);
	assert_true(a->entries.v[2].has_ports);
	assert_true(a->entries.v[3].permit);
	assert_int_equal(a->entries.v[3].src.len, 24);
	assert_false(a->entries.v[3].has_ports);
	assert_true(a->entries.v[4].permit);
	assert_true(a->entries.v[4].has_ports);
	assert_string_equal(a->entries.v[4].proto, "icmp");
	assert_false(a->entries.v[5].permit);
	assert_int_equal(a->entries.v[5].src.len, 0);

	/* inet6 filter with the name of an inet filter */
	i = mc_dev_iface(d, "ge-0/0/2.0");
	assert_string_equal(i->acl_in6, "PROTECT (inet6)");
	a = mc_dev_acl(d, "PROTECT (inet6)");
	assert_int_equal(a->af, MC_AF6);
	assert_int_equal(a->entries.n, 2);
	assert_false(a->entries.v[0].permit);	/* except: implicit discard */
	assert_int_equal(a->entries.v[0].src.len, 32);
	assert_true(a->entries.v[1].has_ports);	/* destination restricted */
	a = mc_dev_acl(d, "EGRESS");
	assert_int_equal(a->entries.n, 2);
	assert_int_equal(a->entries.v[0].src.len, 24);
	assert_int_equal(a->entries.v[1].dst.len, 24);
	assert_true(a->entries.v[1].has_ports);
}

static void
test_routing_options(void **state)
{
	static const char b[] =
	    "routing-options {\n"
	    "  static { route 185.66.84.0/22 discard; route 0.0.0.0/0 next-hop 192.0.2.1;\n"
	    "           route 10.0.0.0/8 { reject; no-readvertise; } }\n"
	    "  rib inet6.0 { static { route 2a0e:b100::/32 discard; } aggregate { route 2a0e:b100::/29; } }\n"
	    "  aggregate { route 185.66.80.0/20; }\n"
	    "  generate { route 0.0.0.0/0 discard; }\n"
	    "  validation { group RPKI { session 192.0.2.53 { port 3323; } session 192.0.2.54; } }\n"
	    "}\n";
	mc_device *d = ex(state, b);
	size_t i, nst = 0, nag = 0;

	assert_int_equal(d->statics.n, 4);
	assert_true(d->statics.v[0].null_route);
	assert_string_equal(d->statics.v[1].nexthop, "192.0.2.1");
	assert_false(d->statics.v[1].null_route);
	assert_true(d->statics.v[2].null_route);
	for (i = 0; i < d->origins.n; i++) {
		if (d->origins.v[i].kind == MC_ORIG_STATIC)
			nst++;
		if (d->origins.v[i].kind == MC_ORIG_AGGREGATE)
			nag++;
	}
	assert_int_equal(nst, 3);	/* no-readvertise is never exported */
	assert_int_equal(nag, 3);
	assert_true(d->bgp.rpki_configured);
	assert_int_equal(d->rpki_caches.n, 2);
	assert_int_equal(d->rpki_caches.v[0].port, 3323);
	assert_int_equal(d->rpki_caches.v[1].port, 2222);
}

static void
test_unrecognized(void **state)
{
	static const char b[] =
	    "system { foo bar; }\n"
	    "protocols { bgp { log-updown; frobnicate yes;\n"
	    "  group G { type external; bogus-knob; neighbor 192.0.2.1 { peer-as 1; hold-time 30; wibble; } } } }\n"
	    "policy-options { policy-statement P { term t { from { protocol bgp; tag 5; colour red; } then { accpet; local-preference 200; } } } }\n"
	    "interfaces { ge-0/0/0 { mtu 9192; speeed 10g; unit 0 { family inet { address 192.0.2.1/31; mtu 1500; } } } }\n"
	    "firewall { filter F { term a { from { dscp ef; weird 1; } then accept; } } }\n";
	mc_device *d = ex(state, b);
	size_t i;

	/* frobnicate, bogus-knob, wibble, colour, accpet, speeed, weird */
	assert_int_equal(d->unrecognized, 7);
	assert_int_equal(d->unparsed.n, 7);
	for (i = 0; i < d->unparsed.n; i++)
		if (strcmp(d->unparsed.v[i].section, "protocols bgp") == 0)
			break;
	assert_true(i < d->unparsed.n);
	assert_string_equal(d->unparsed.v[i].text, "frobnicate yes;");
	assert_int_equal(d->unparsed.v[i].line, 2);
}

static void
test_hostile(void **state)
{
	char *buf;
	size_t n = 200000, i;
	mc_diag dg;
	mc_device *d;

	/* deep nesting, unbalanced braces, stray tokens */
	buf = malloc(n + 1);
	for (i = 0; i < n; i++)
		buf[i] = "a{"[i % 2];
	buf[n] = '\0';
	d = ex(state, buf);
	assert_non_null(d);
	for (i = 0; i < n; i++)
		buf[i] = "}]; [\"/*#\n"[i % 10];
	d = ex(state, buf);
	assert_non_null(d);
	/* one huge quoted word, unterminated */
	memset(buf, 'x', n);
	buf[0] = '"';
	d = ex(state, buf);
	assert_non_null(d);
	/* binary */
	buf[10] = '\0';
	mc_diag_init(&dg, *state);
	assert_null(mc_extract_junos(*state, "b", buf, n, &dg));
	assert_int_equal(dg.errors.n, 1);
	free(buf);
	/* filters that call themselves or each other */
	d = ex(state, "set firewall filter F term a filter F\n"
	    "set firewall filter F term b from address 10.0.0.0/8\n"
	    "set firewall filter F term b then discard\n"
	    "set firewall filter G term a filter H\n"
	    "set firewall filter H term a filter G\n"
	    "set firewall filter H term b then accept\n");
	assert_int_equal(mc_dev_acl(d, "F")->entries.n, 2);
	assert_true(mc_dev_acl(d, "G")->entries.n <= 2);
	/* a wildcard group applied everywhere stays bounded */
	d = ex(state, "groups { G { <*> { <*> { <*> { x; } } } } }\n"
	    "apply-groups G; interfaces { a { b { c; } } }\n");
	assert_non_null(d);
}

static void
test_gtsm(void **state)
{
	static const char s[] =
	    "set routing-options autonomous-system 64496\n"
	    "set interfaces xe-0/0/0 unit 0 family inet address 192.0.2.0/31\n"
	    "set interfaces xe-0/0/1 unit 0 family inet address 192.0.2.2/31\n"
	    "set interfaces xe-0/0/1 unit 0 family inet filter input-list [ EDGE TTL2 ]\n"
	    "set interfaces lo0 unit 0 family inet filter input RE\n"
	    "set policy-options prefix-list GTSM-PEERS 192.0.2.1/32\n"
	    "set firewall family inet filter RE term gtsm from source-prefix-list GTSM-PEERS\n"
	    "set firewall family inet filter RE term gtsm from protocol tcp\n"
	    "set firewall family inet filter RE term gtsm from port bgp\n"
	    "set firewall family inet filter RE term gtsm from ttl-except 255\n"
	    "set firewall family inet filter RE term gtsm then discard\n"
	    "set firewall family inet filter RE term rest then accept\n"
	    "set firewall family inet filter EDGE term a then accept\n"
	    "set firewall family inet filter TTL2 term t from ttl-except [ 254 255 ]\n"
	    "set firewall family inet filter TTL2 term t then discard\n"
	    "set protocols bgp group E type external\n"
	    "set protocols bgp group E neighbor 192.0.2.1 peer-as 64500\n"
	    "set protocols bgp group E neighbor 192.0.2.3 peer-as 64501\n"
	    "set protocols bgp group E neighbor 198.51.100.1 peer-as 64502\n"
	    "set protocols bgp group M type external\n"
	    "set protocols bgp group M multihop ttl 2\n"
	    "set protocols bgp group M neighbor 203.0.113.1 peer-as 64503\n"
	    "set protocols bgp group I type internal\n"
	    "set protocols bgp group I neighbor 192.0.2.9\n";
	mc_device *d = ex(state, s);

	assert_int_equal(nbr(d, "192.0.2.1")->ttl_security, 1);	/* lo0 */
	assert_int_equal(nbr(d, "192.0.2.3")->ttl_security, 2);	/* input-list */
	assert_int_equal(nbr(d, "198.51.100.1")->ttl_security, 0); /* not in list */
	assert_int_equal(nbr(d, "203.0.113.1")->ttl_security, 0);
	assert_int_equal(nbr(d, "203.0.113.1")->ebgp_multihop, 2);
	assert_int_equal(nbr(d, "192.0.2.9")->ttl_security, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		UT_STATE_TEST(test_forms_same_tree),
		UT_STATE_TEST(test_lines_and_text),
		UT_STATE_TEST(test_inactive_and_deactivate),
		UT_STATE_TEST(test_inactive_values),
		UT_STATE_TEST(test_odd_syntax),
		UT_STATE_TEST(test_waivers),
		UT_STATE_TEST(test_wildcards),
		UT_STATE_TEST(test_groups),
		UT_STATE_TEST(test_groups_nested_levels),
		UT_STATE_TEST(test_bgp_inheritance),
		UT_STATE_TEST(test_bgp_defaults_vrf),
		UT_STATE_TEST(test_route_filter_longest_match),
		UT_STATE_TEST(test_route_filter_actions),
		UT_STATE_TEST(test_policy_conditions),
		UT_STATE_TEST(test_apply_path),
		UT_STATE_TEST(test_interfaces_filters),
		UT_STATE_TEST(test_routing_options),
		UT_STATE_TEST(test_unrecognized),
		UT_STATE_TEST(test_gtsm),
		UT_STATE_TEST(test_hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
