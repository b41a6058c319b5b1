/* OpenBGPD extractor: macros, neighbours and groups, sets, filter rules
 * compiled to the IR, and (through the engine) what the rules decide. */
#include <unistd.h>

#include "helpers.h"
#include "vendors/openbgpd_int.h"

UT_ARENA_FIXTURE

static mc_device *
parse(const char *text)
{
	mc_diag d;
	mc_device *dev;

	mc_diag_init(&d, A);
	dev = mc_openbgpd_parse(A, "test.conf", text, strlen(text),
	    OB_LEX_NO_INCLUDE, &d);
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
import_name(const mc_neighbor *n)
{
	const mc_direction_policy *dp = &n->af[MC_AFI_V4].in;

	if (dp->stages.n == 0)
		return NULL;
	return dp->stages.v[0].chain.v[0].name;
}

static const char *
export_name(const mc_neighbor *n)
{
	const mc_direction_policy *dp = &n->af[MC_AFI_V4].out;

	if (dp->stages.n == 0)
		return NULL;
	return dp->stages.v[0].chain.v[0].name;
}

/* Does the neighbour's import (dir 0) or export accept this route? */
static bool
accepts(const mc_device *d, const char *addr, mc_dir dir, const char *pfx,
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
	assert_false(res.approximate);
	mc_engine_free(e);
	return res.accept;
}

/* ---- tests ----------------------------------------------------------------- */

static void
test_macros(void **state)
{
	mc_device *d = parse(
	    "ASN=\"65001\"\n"
	    "peer1 = \"192.0.2.9\"\n"
	    "nets=\"{ 198.51.100.0/24 \\\n 203.0.113.0/24 }\"\n"
	    "AS $ASN\n"
	    "router-id 192.0.2.1\n"
	    "neighbor $peer1 {\n"
	    "\tremote-as 65010\n"
	    "}\n"
	    "allow from $peer1 prefix $nets large-community $ASN:1:1\n"
	    "socket $undefined\n");
	const mc_policy *p;

	(void)state;
	assert_int_equal(d->bgp.asn, 65001);
	assert_string_equal(d->bgp.router_id, "192.0.2.1");
	assert_int_equal(d->neighbors.n, 1);
	assert_string_equal(d->neighbors.v[0]->address, "192.0.2.9");
	assert_int_equal(d->neighbors.v[0]->line, 7);
	p = mc_dev_policy(d, import_name(d->neighbors.v[0]));
	assert_non_null(p);
	assert_int_equal(p->terms.n, 1);
	/* $ASN:1:1 is one word once expanded, as in bgpd */
	assert_string_equal(p->terms.v[0].name,
	    "allow from 192.0.2.9 prefix { 198.51.100.0/24 203.0.113.0/24 } "
	    "large-community 65001:1:1");
	assert_true(ut_has_note(d, "$undefined"));
	assert_int_equal(d->unrecognized, 0);
	assert_int_equal(d->lines, 11);
}

static void
test_groups(void **state)
{
	mc_device *d = parse(
	    "AS 64500\n"
	    "group \"upstreams\" {\n"
	    "\tremote-as 65002\n"
	    "\tmax-prefix 1000 restart 5\n"
	    "\tttl-security yes\n"
	    "\tneighbor 192.0.2.1 {\n"
	    "\t\tdescr \"transit A\"\n"
	    "\t\ttcp md5sig password secret\n"
	    "\t}\n"
	    "\tneighbor 2001:db8::1\n"
	    "\tenforce neighbor-as no\n"	/* after the neighbours: not theirs */
	    "\tneighbor 192.0.2.5 {\n"
	    "\t\tremote-as 65003\n"
	    "\t\tmultihop 3\n"
	    "\t\trole customer\n"
	    "\t\tmax-prefix 10 out\n"
	    "\t\tdown\n"
	    "\t\tannounce IPv6 unicast\n"
	    "\t}\n"
	    "}\n"
	    "neighbor 10.0.0.0/24 {\n"
	    "\tpassive\n"
	    "}\n");
	mc_neighbor *a = nbr(d, "192.0.2.1"), *b = nbr(d, "2001:db8::1"),
	    *c = nbr(d, "192.0.2.5"), *t = nbr(d, "10.0.0.0/24");

	(void)state;
	assert_int_equal(d->neighbors.n, 4);
	assert_int_equal(a->remote_as, 65002);
	assert_int_equal(a->remote_as_kind, MC_RAS_NUMBER);
	assert_string_equal(a->group, "upstreams");
	assert_string_equal(a->description, "transit A");
	assert_true(a->auth);
	assert_int_equal(a->ttl_security, 1);
	assert_int_equal(a->af[MC_AFI_V4].maxpfx.limit, 1000);
	assert_int_equal(a->af[MC_AFI_V4].maxpfx.action, MC_MAXP_TEARDOWN);
	assert_true(a->af[MC_AFI_V4].active);
	assert_false(a->af[MC_AFI_V6].active);
	assert_int_equal(a->enforce_first_as, -1);
	assert_false(b->auth);
	assert_true(b->af[MC_AFI_V6].active);
	assert_false(b->af[MC_AFI_V4].active);
	assert_int_equal(c->enforce_first_as, 0);
	assert_int_equal(c->remote_as, 65003);
	assert_int_equal(c->ebgp_multihop, 3);
	assert_int_equal(c->ttl_security, 3);	/* GTSM over 3 hops */
	assert_string_equal(c->bgp_role, "customer");
	assert_true(c->shutdown);
	assert_int_equal(c->af[MC_AFI_V4].maxpfx.limit, 1000);	/* 'out' ignored */
	assert_true(c->af[MC_AFI_V6].active);
	assert_true(c->af[MC_AFI_V4].active);
	assert_int_equal(t->addr.af, 0);	/* a template, not an address */
	assert_true(t->af[MC_AFI_V4].active);
	assert_int_equal(t->remote_as_kind, MC_RAS_UNKNOWN);
	assert_int_equal(d->unrecognized, 0);
}

static void
test_group_sets(void **state)
{
	mc_device *d = parse(
	    "AS 64500\n"
	    "group \"g\" {\n"
	    "\tremote-as 65001\n"
	    "\tset localpref 50\n"
	    "\tneighbor 192.0.2.1 {\n\t\tset community 1:1\n\t}\n"
	    "\tneighbor 192.0.2.2 {\n\t\tset community 2:2\n\t}\n"
	    "}\n"
	    "allow from any\n");
	const mc_policy *a = mc_dev_policy(d, import_name(nbr(d, "192.0.2.1")));
	const mc_policy *b = mc_dev_policy(d, import_name(nbr(d, "192.0.2.2")));

	(void)state;
	assert_non_null(a);
	assert_non_null(b);
	assert_ptr_not_equal(a, b);
	assert_string_equal(a->terms.v[0].name, "neighbor set");
	assert_int_equal(a->terms.v[0].body.n, 2);
	assert_int_equal(a->terms.v[0].body.v[1]->comm.a, 1);
	assert_int_equal(b->terms.v[0].body.n, 2);
	assert_int_equal(b->terms.v[0].body.v[1]->comm.a, 2);
}

static void
test_prefix_sets(void **state)
{
	mc_device *d = parse(
	    "AS 1\n"
	    "prefix-set test2 { 1.2.3/24 1.2.8.0/22 prefixlen = 24 }\n"
	    "prefix-set \"p\" { \\\n"
	    "\t192.0.211.0/24 prefixlen 24 - 32, \\\n"
	    "\t0.0.0.0/0 prefixlen 8 >< 24 \\\n"
	    "\t192.0.160.0/19 prefixlen >= 22 \\\n"
	    "\t2001:db8::/32 or-longer\n"
	    "\t10.0.0.0/8 maxlen 16\n"
	    "}\n");
	const mc_prefix_list *t2 = mc_dev_prefix_list(d, "test2");
	const mc_prefix_list *p = mc_dev_prefix_list(d, "p");
	char buf[MC_PREFIX_STRLEN];

	(void)state;
	assert_non_null(t2);
	assert_int_equal(t2->entries.n, 2);
	assert_string_equal(mc_prefix_fmt(&t2->entries.v[0].r.p, buf),
	    "1.2.3.0/24");
	assert_int_equal(t2->entries.v[1].r.lo, 24);
	assert_int_equal(t2->entries.v[1].r.hi, 24);
	assert_non_null(p);
	assert_int_equal(p->entries.n, 6);	/* >< gives two ranges */
	assert_int_equal(p->entries.v[0].r.lo, 24);
	assert_int_equal(p->entries.v[0].r.hi, 32);
	assert_int_equal(p->entries.v[1].r.lo, 0);
	assert_int_equal(p->entries.v[1].r.hi, 7);
	assert_int_equal(p->entries.v[2].r.lo, 25);
	assert_int_equal(p->entries.v[2].r.hi, 32);
	assert_int_equal(p->entries.v[3].r.lo, 22);
	assert_int_equal(p->entries.v[4].r.lo, 32);
	assert_int_equal(p->entries.v[4].r.hi, 128);
	assert_int_equal(p->entries.v[5].r.lo, 8);
	assert_int_equal(p->entries.v[5].r.hi, 16);
	assert_int_equal(p->af, 0);
}

static const char rules[] =
    "AS 64500\n"
    "prefix-set bogons { 10.0.0.0/8 or-longer 192.168.0.0/16 or-longer }\n"
    "as-set private { 64512 64513 64514 65000 }\n"
    "group \"peers\" {\n"
    "\tneighbor 192.0.2.1 { remote-as 65001 }\n"
    "\tneighbor 192.0.2.2 { remote-as 65002 }\n"
    "}\n"
    "neighbor 192.0.2.3 {\n"
    "\tremote-as 65003\n"
    "}\n"
    "neighbor 192.0.2.4 {\n"
    "\tremote-as 64500\n"
    "}\n"
    "allow from any inet prefixlen 8 - 24\n"		/* 14 */
    "deny quick from ebgp prefix-set bogons\n"		/* 15 */
    "deny from group peers prefix 198.51.100.0/24\n"	/* 16 */
    "match from 192.0.2.3 community 65003:666 set community 64500:1\n"
    "deny quick from any community 64500:1\n"		/* 18 */
    "deny from any AS as-set private\n"
    "allow quick from ibgp\n"
    "allow to ebgp prefix 203.0.113.0/24\n"
    "deny from AS 65002 max-as-len 3\n";

static void
test_rule_compile(void **state)
{
	mc_device *d = parse(rules);
	mc_neighbor *p1 = nbr(d, "192.0.2.1"), *p2 = nbr(d, "192.0.2.2"),
	    *c = nbr(d, "192.0.2.3"), *i = nbr(d, "192.0.2.4");
	const mc_policy *pol;
	const mc_term *t;

	(void)state;
	/* peers 1 and 2 differ by the 'from AS 65002' rule */
	assert_string_not_equal(import_name(p1), import_name(p2));
	assert_string_equal(export_name(p1), export_name(c));	/* shared */
	pol = mc_dev_policy(d, import_name(p1));
	assert_non_null(pol);
	assert_int_equal(pol->fallthrough, MC_FALL_REJECT);
	/* rules 14 15 16 18 19: in file order */
	assert_int_equal(pol->terms.n, 5);
	t = &pol->terms.v[0];
	assert_int_equal(t->line, 14);
	assert_int_equal(t->body.v[0]->kind, MC_S_IF);
	assert_int_equal(t->body.v[0]->then.v[0]->kind, MC_S_MARK);
	assert_true(t->body.v[0]->then.v[0]->mark_accept);
	assert_int_equal(pol->terms.v[1].body.v[0]->then.v[0]->kind,
	    MC_S_REJECT);
	assert_false(pol->terms.v[2].body.v[0]->then.v[0]->mark_accept);
	assert_int_equal(pol->terms.v[3].line, 18);
	/* the customer gets the match rule: set, no verdict */
	pol = mc_dev_policy(d, import_name(c));
	assert_int_equal(pol->terms.n, 5);
	assert_int_equal(pol->terms.v[2].body.v[0]->then.n, 1);
	assert_int_equal(pol->terms.v[2].body.v[0]->then.v[0]->kind, MC_S_SET);
	assert_int_equal(pol->terms.v[2].body.v[0]->then.v[0]->set,
	    MC_SET_COMMUNITY_ADD);
	/* iBGP: no 'ebgp' rule, the quick allow is unconditional */
	pol = mc_dev_policy(d, import_name(i));
	assert_int_equal(pol->terms.n, 4);
	assert_int_equal(pol->terms.v[3].body.v[0]->kind, MC_S_ACCEPT);
	assert_null(export_name(i));	/* no 'to' rule for iBGP: deny all */
}

static void
test_rule_eval(void **state)
{
	mc_device *d = parse(rules);

	(void)state;
	/* last matching rule: allow by length */
	assert_true(accepts(d, "192.0.2.3", MC_DIR_IN, "198.51.100.0/24",
	    "65003", NULL, 0));
	assert_false(accepts(d, "192.0.2.3", MC_DIR_IN, "198.51.100.0/25",
	    "65003", NULL, 0));		/* no allow matches: default deny */
	/* quick deny of bogons */
	assert_false(accepts(d, "192.0.2.3", MC_DIR_IN, "10.1.0.0/16",
	    "65003", NULL, 0));
	/* a later non-quick deny wins over the earlier allow */
	assert_false(accepts(d, "192.0.2.1", MC_DIR_IN, "198.51.100.0/24",
	    "65001", NULL, 0));
	assert_false(accepts(d, "192.0.2.3", MC_DIR_IN, "198.51.100.0/24",
	    "65003 64513", NULL, 0));
	/* match ... set community, then a quick deny on that community */
	assert_false(accepts(d, "192.0.2.3", MC_DIR_IN, "203.0.113.0/24",
	    "65003", "65003:666", 0));
	assert_true(accepts(d, "192.0.2.3", MC_DIR_IN, "203.0.113.0/24",
	    "65003", "65003:667", 0));
	assert_true(accepts(d, "192.0.2.1", MC_DIR_IN, "203.0.113.0/24",
	    "65001", "65003:666", 0));	/* the match rule is the customer's */
	/* max-as-len for AS 65002 only */
	assert_false(accepts(d, "192.0.2.2", MC_DIR_IN, "203.0.113.0/24",
	    "65002 1 2 3", NULL, 0));
	assert_true(accepts(d, "192.0.2.1", MC_DIR_IN, "203.0.113.0/24",
	    "65001 1 2 3", NULL, 0));
	/* export */
	assert_true(accepts(d, "192.0.2.1", MC_DIR_OUT, "203.0.113.0/24", "",
	    NULL, 0));
	assert_false(accepts(d, "192.0.2.1", MC_DIR_OUT, "203.0.114.0/24", "",
	    NULL, 0));
	/* iBGP: quick allow */
	assert_true(accepts(d, "192.0.2.4", MC_DIR_IN, "192.0.2.0/28", "",
	    NULL, 0));
}

static void
test_match_quick(void **state)
{
	mc_device *d = parse(
	    "AS 64500\n"
	    "neighbor 192.0.2.1 {\n\tremote-as 65001\n}\n"
	    "allow from any\n"
	    "match quick from any community 65001:1 set localpref 10\n"
	    "deny from any\n");

	(void)state;
	/* match quick stops: the allow before it decides */
	assert_true(accepts(d, "192.0.2.1", MC_DIR_IN, "198.51.100.0/24",
	    "65001", "65001:1", 0));
	assert_false(accepts(d, "192.0.2.1", MC_DIR_IN, "198.51.100.0/24",
	    "65001", "65001:2", 0));
}

static void
test_ovs_and_neighbor_as(void **state)
{
	mc_device *d = parse(
	    "AS 64500\n"
	    "roa-set { 192.0.2.0/24 maxlen 24 source-as 64511 }\n"
	    "rtr 192.0.2.100 {\n\tport 8282\n}\n"
	    "rtr 2001:db8::100\n"
	    "origin-set mine { 203.0.113.0/24 source-as 65001 }\n"
	    "neighbor 192.0.2.1 { remote-as 65001 }\n"
	    "allow from any\n"
	    "deny quick from any ovs invalid\n"
	    "deny quick from any peer-as != neighbor-as\n"
	    "deny from any origin-set mine\n");

	(void)state;
	assert_true(d->bgp.rpki_configured);
	assert_int_equal(d->rpki_caches.n, 2);
	assert_int_equal(d->rpki_caches.v[0].port, 8282);
	assert_string_equal(d->rpki_caches.v[1].host, "2001:db8::100");
	assert_int_equal(d->rpki_caches.v[1].port, 323);
	assert_true(accepts(d, "192.0.2.1", MC_DIR_IN, "198.51.100.0/24",
	    "65001 3", NULL, MC_ROV_VALID));
	assert_false(accepts(d, "192.0.2.1", MC_DIR_IN, "198.51.100.0/24",
	    "65001 3", NULL, MC_ROV_INVALID));
	assert_false(accepts(d, "192.0.2.1", MC_DIR_IN, "198.51.100.0/24",
	    "65002 3", NULL, MC_ROV_VALID));
	assert_false(accepts(d, "192.0.2.1", MC_DIR_IN, "203.0.113.0/24",
	    "65001", NULL, 0));
	assert_true(accepts(d, "192.0.2.1", MC_DIR_IN, "203.0.113.0/24",
	    "65001 65002", NULL, 0));
}

static void
test_networks_and_blocks(void **state)
{
	mc_device *d = parse(
	    "AS 64500\n"
	    "prefix-set mine { 192.0.2.0/24 2001:db8::/32 }\n"
	    "network 198.51.100.0/24 set localpref 200\n"
	    "network prefix-set mine set large-community 64500:1:1\n"
	    "network inet static\n"
	    "network inet6 connected\n"
	    "rdomain 1 {\n\trd 65002:1\n\tnetwork 192.0.2.32/27\n}\n"
	    "neighbor 192.0.2.1 {\n"
	    "\tremote-as 65001\n"
	    "\tset localpref 50\n"
	    "\texport none\n"
	    "}\n"
	    "allow from any\n"
	    "allow to any\n");
	const mc_neighbor *n = nbr(d, "192.0.2.1");
	const mc_policy *out = mc_dev_policy(d, export_name(n));

	(void)state;
	assert_int_equal(d->origins.n, 6);
	assert_int_equal(d->origins.v[0].kind, MC_ORIG_NETWORK);
	assert_int_equal(d->origins.v[2].line, 4);
	assert_int_equal(d->origins.v[3].kind, MC_ORIG_REDISTRIBUTE);
	assert_string_equal(d->origins.v[3].detail, "static");
	assert_string_equal(d->origins.v[4].detail, "connected");
	assert_non_null(d->origins.v[5].vrf);
	assert_non_null(out);
	assert_string_equal(out->terms.v[0].name, "export none");
	assert_false(accepts(d, "192.0.2.1", MC_DIR_OUT, "192.0.2.0/24", "",
	    NULL, 0));
	assert_true(accepts(d, "192.0.2.1", MC_DIR_IN, "198.51.100.0/24",
	    "65001", NULL, 0));
	assert_int_equal(d->unrecognized, 0);
}

static void
test_unparsed_and_waivers(void **state)
{
	mc_device *d = parse(
	    "AS 64500\n"
	    "frobnicate yes\n"
	    "# manrs-check: ignore FLT-MAX-PREFIX peer sends few routes\n"
	    "neighbor 192.0.2.1 {\n"
	    "\tremote-as 65001\n"
	    "\tfoo bar\n"
	    "}\n"
	    "allow from any prefix 192.0.2.0/24 frob 3  # manrs-check: ignore all test\n"
	    "listen on 192.0.2.1\n"
	    "fib-update no\n");

	(void)state;
	assert_int_equal(d->unrecognized, 3);
	assert_int_equal(d->unparsed.v[0].line, 2);
	assert_string_equal(d->unparsed.v[1].section, "neighbor 192.0.2.1");
	assert_int_equal(d->unparsed.v[2].line, 8);
	assert_int_equal(d->waivers.n, 2);
	assert_string_equal(d->waivers.v[0].rule, "FLT-MAX-PREFIX");
	assert_string_equal(d->waivers.v[0].reason, "peer sends few routes");
	assert_int_equal(d->waivers.v[0].first, 3);
	assert_int_equal(d->waivers.v[0].last, 7);	/* the neighbour block */
	assert_string_equal(d->waivers.v[1].rule, "all");
	assert_int_equal(d->waivers.v[1].first, 8);
	assert_int_equal(d->waivers.v[1].last, 8);
}

static void
test_include(void **state)
{
	char dir[] = "/tmp/mc-obgpd-XXXXXX", path[256], main_file[256];
	const char *text = "AS 64500\n"
	    "include \"peers.conf\"\n"
	    "include \"missing.conf\"\n"
	    "include \"loop.conf\"\n"
	    "allow from any\n";
	mc_diag dg;
	mc_device *d;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/peers.conf", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("# peers, kept apart\nneighbor 192.0.2.1 {\n\tremote-as 65001\n}\n"
	    "frob\n", f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/loop.conf", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("include \"loop.conf\"\n", f);	/* includes itself */
	fclose(f);
	snprintf(main_file, sizeof(main_file), "%s/bgpd.conf", dir);
	mc_diag_init(&dg, A);
	d = mc_openbgpd_parse(A, main_file, text, strlen(text), 0, &dg);
	assert_non_null(d);
	assert_int_equal(d->neighbors.n, 1);
	/* objects of an included file are reported at the include line */
	assert_int_equal(d->neighbors.v[0]->line, 2);
	/* "frob" from peers.conf, and the include that cannot be read */
	assert_int_equal(d->unrecognized, 2);
	assert_int_equal(d->unparsed.v[0].line + d->unparsed.v[1].line, 5);
	assert_true(d->unparsed.v[0].line == 3 || d->unparsed.v[1].line == 3);
	assert_true(ut_has_note(d, "peers.conf: read"));
	assert_true(ut_has_note(d, "missing.conf (line 3): cannot be read"));
	assert_true(ut_has_note(d, "nested too deep"));
	assert_int_equal(d->lines, 5);
	/* the fuzzing flag never opens files */
	d = mc_openbgpd_parse(A, main_file, text, strlen(text),
	    OB_LEX_NO_INCLUDE, &dg);
	assert_int_equal(d->neighbors.n, 0);
	snprintf(path, sizeof(path), "%s/peers.conf", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/loop.conf", dir);
	unlink(path);
	rmdir(dir);
}

static void
test_hostile(void **state)
{
	static const char *inputs[] = {
		"", "\n\n", "{{{{{{{{", "}}}}}", "neighbor", "neighbor {",
		"allow from", "allow quick from {", "prefix-set x { 1.2.3.4/33",
		"AS \"unterminated", "a = \"b\n$a $a $a", "x=\"$x\"\n$x\n",
		"allow from any prefix { { { 10.0.0.0/8 } }", "group {\n}",
		"deny from any AS 5 - 2\n", "allow from any prefixlen >< \n",
		"network\nrtr\nroa-set {\n", "as-set a { 1 2 x }\nallow from any AS as-set a",
		"include \"/etc/passwd\"\n", "\\\n\\\n\\", "allow to any set {",
		"match from any set { community delete *:* large-community 1:2 }",
		"deny from any community neighbor-as:1\nneighbor 1.2.3.4 { }",
	};
	char big[70000];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		mc_diag dg;

		mc_diag_init(&dg, A);
		(void)mc_openbgpd_parse(A, "h.conf", inputs[i],
		    strlen(inputs[i]), OB_LEX_NO_INCLUDE, &dg);
	}
	memset(big, '{', sizeof(big));
	{
		mc_diag dg;

		mc_diag_init(&dg, A);
		(void)mc_openbgpd_parse(A, "h.conf", big, sizeof(big),
		    OB_LEX_NO_INCLUDE, &dg);
		/* binary input is refused */
		big[10] = '\0';
		assert_null(mc_openbgpd_parse(A, "h.conf", big, sizeof(big),
		    OB_LEX_NO_INCLUDE, &dg));
		assert_true(dg.errors.n > 0);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_macros),
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_group_sets),
		cmocka_unit_test(test_prefix_sets),
		cmocka_unit_test(test_rule_compile),
		cmocka_unit_test(test_rule_eval),
		cmocka_unit_test(test_match_quick),
		cmocka_unit_test(test_ovs_and_neighbor_as),
		cmocka_unit_test(test_networks_and_blocks),
		cmocka_unit_test(test_unparsed_and_waivers),
		cmocka_unit_test(test_include),
		cmocka_unit_test(test_hostile),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
