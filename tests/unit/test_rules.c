/*
 * Rules on hand-built device models: every verdict goes through the policy
 * engine, so these tests check the probes, the sets, and the findings'
 * fields (line, example, decided_by, fix), waivers and action status.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "manrs/rules.h"
#include "rules/rules_int.h"
#include "manrs/vrp.h"

/* ---- builders ----------------------------------------------------------- */

static mc_device *
mkdev(mc_arena *a, mc_vendor v)
{
	mc_device *d = mc_device_new(a, "r1.cfg", v);

	d->hostname = "r1";
	d->bgp.asn = 64500;
	d->bgp.line = 1;
	return d;
}

static mc_neighbor *
mknbr(mc_device *d, const char *addr, uint32_t as, const char *desc, int line)
{
	mc_neighbor *n = mc_alloc(d->arena, sizeof(*n));

	mc_neighbor_init(n);
	n->address = addr;
	mc_addr_parse(addr, strlen(addr), &n->addr);
	n->remote_as_kind = MC_RAS_NUMBER;
	n->remote_as = as;
	n->description = desc;
	n->line = line;
	n->af[n->addr.af == MC_AF6 ? MC_AFI_V6 : MC_AFI_V4].active = true;
	mc_vec_push(d->arena, &d->neighbors, n);
	return n;
}

static mc_prefix
P(const char *s)
{
	mc_prefix p;

	assert_true(mc_prefix_parse(s, strlen(s), &p));
	return p;
}

/* Entries "permit 10.0.0.0/8 8 32" (prefix, ge, le). */
static mc_prefix_list *
mkplist(mc_device *d, const char *name, const char *const *ents, int line)
{
	mc_prefix_list *pl = mc_alloc(d->arena, sizeof(*pl));
	int i;

	pl->name = name;
	pl->line = line;
	for (i = 0; ents[i] != NULL; i++) {
		char act[8], pfx[64];
		int lo, hi;
		mc_prefix_entry e;
		mc_prefix p;

		assert_int_equal(sscanf(ents[i], "%7s %63s %d %d", act, pfx, &lo,
		    &hi), 4);
		p = P(pfx);
		memset(&e, 0, sizeof(e));
		e.permit = strcmp(act, "permit") == 0;
		assert_true(mc_range_make(&p, lo, hi, &e.r));
		e.seq = (i + 1) * 5;
		e.line = line + i;
		pl->af = p.af;
		mc_vec_push(d->arena, &pl->entries, e);
	}
	mc_vec_push(d->arena, &d->prefix_lists, pl);
	return pl;
}

static void
mkaspath(mc_device *d, const char *name, bool permit, const char *re, int line)
{
	mc_aspath_list *l = mc_alloc(d->arena, sizeof(*l));
	mc_aspath_entry e;

	l->name = name;
	l->line = line;
	memset(&e, 0, sizeof(e));
	e.permit = permit;
	e.regex = re;
	e.dialect = MC_RE_CISCO;
	e.line = line;
	mc_vec_push(d->arena, &l->entries, e);
	mc_vec_push(d->arena, &d->aspath_lists, l);
}

static mc_policy *
mkpol(mc_device *d, const char *name, int line)
{
	mc_policy *p = mc_alloc(d->arena, sizeof(*p));

	p->name = name;
	p->line = line;
	p->fallthrough = MC_FALL_REJECT;
	mc_vec_push(d->arena, &d->policies, p);
	return p;
}

static mc_cond *
cref(mc_device *d, mc_cond_kind k, const char *ref, int line)
{
	mc_cond *c = mc_cond_new(d->arena, k, line);

	c->ref = ref;
	return c;
}

/* route-map entry: `permit|deny seq` with an optional match. */
static void
term(mc_device *d, mc_policy *p, const char *seq, bool permit, mc_cond *c,
    int line)
{
	mc_term t;
	mc_stmt *fin = mc_stmt_new(d->arena, permit ? MC_S_ACCEPT : MC_S_REJECT,
	    line);

	memset(&t, 0, sizeof(t));
	t.name = seq;
	t.line = line;
	if (c == NULL)
		mc_vec_push(d->arena, &t.body, fin);
	else {
		mc_stmt *s = mc_stmt_new(d->arena, MC_S_IF, line);

		s->cond = c;
		mc_vec_push(d->arena, &s->then, fin);
		mc_vec_push(d->arena, &t.body, s);
	}
	mc_vec_push(d->arena, &p->terms, t);
}

static void
attach(mc_device *d, mc_neighbor *n, int afi, mc_dir dir, mc_ref_kind k,
    const char *name, int line)
{
	mc_direction_policy *dp = dir == MC_DIR_IN ? &n->af[afi].in :
	    &n->af[afi].out;
	mc_stage st;
	mc_polref pr;

	memset(&st, 0, sizeof(st));
	pr.name = name;
	pr.kind = k;
	pr.line = line;
	mc_vec_push(d->arena, &st.chain, pr);
	mc_vec_push(d->arena, &dp->stages, st);
}

static const char *const bogons4[] = {
	"permit 0.0.0.0/8 8 32", "permit 10.0.0.0/8 8 32",
	"permit 100.64.0.0/10 10 32", "permit 127.0.0.0/8 8 32",
	"permit 169.254.0.0/16 16 32", "permit 172.16.0.0/12 12 32",
	"permit 192.0.0.0/24 24 32", "permit 192.0.2.0/24 24 32",
	"permit 192.88.99.0/24 24 32", "permit 192.168.0.0/16 16 32",
	"permit 198.18.0.0/15 15 32", "permit 198.51.100.0/24 24 32",
	"permit 203.0.113.0/24 24 32", "permit 224.0.0.0/4 4 32",
	"permit 240.0.0.0/4 4 32", NULL,
};

/* ---- running and looking -------------------------------------------------- */

static mc_device_result res;
static mc_check_opts opts;

static void
run(mc_device *d)
{
	opts.today_y = 2026;
	opts.today_m = 11;
	opts.today_d = 26;
	mc_check_device(d, &opts, &res);
}

static const mc_finding *
find(const char *rule, const char *nbr)
{
	size_t i;

	for (i = 0; i < res.findings.n; i++) {
		const mc_finding *f = &res.findings.v[i];

		if (strcmp(f->rule, rule) != 0)
			continue;
		if (nbr != NULL && (f->neighbor == NULL ||
		    strcmp(f->neighbor, nbr) != 0))
			continue;
		return f;
	}
	return NULL;
}

static void
dump(void)
{
	size_t i;

	for (i = 0; i < res.findings.n; i++)
		fprintf(stderr, "  %d %s %s [%s]%s: %s\n", res.findings.v[i].line,
		    res.findings.v[i].rule,
		    mc_severity_name(res.findings.v[i].severity),
		    res.findings.v[i].neighbor ? res.findings.v[i].neighbor :
		    (res.findings.v[i].interface ? res.findings.v[i].interface : "-"),
		    res.findings.v[i].waived ? " (waived)" : "",
		    res.findings.v[i].message);
}

#define FIRES(rule, nbr) do {						\
	if (find(rule, nbr) == NULL) { dump();				\
		fail_msg("%s should fire for %s", rule, nbr ? nbr : "-"); } \
} while (0)
#define SILENT(rule, nbr) do {						\
	if (find(rule, nbr) != NULL) { dump();				\
		fail_msg("%s should be silent for %s", rule, nbr ? nbr : "-"); } \
} while (0)

static int
setup(void **state)
{
	(void)state;
	memset(&opts, 0, sizeof(opts));
	memset(&res, 0, sizeof(res));
	return 0;
}

/* ---- registry and data ---------------------------------------------------- */

static void
test_registry(void **state)
{
	static const char *const ids[] = {
		"FLT-NO-IMPORT-POLICY", "FLT-NO-EXPORT-POLICY", "FLT-UNDEFINED-REF",
		"FLT-BOGON-PREFIX", "FLT-BOGON-ASN", "FLT-TOO-SPECIFIC",
		"FLT-DEFAULT-ROUTE", "FLT-CUSTOMER-PREFIX", "FLT-CUSTOMER-ASPATH",
		"FLT-TRANSIT-FREE-ASN", "FLT-MAX-PREFIX", "FLT-RPKI-INVALID",
		"FLT-AS-PATH-LENGTH", "FLT-FIRST-AS", "FLT-EXPORT-LEAK",
		"FLT-EXPORT-UNOWNED", "FLT-EXPORT-BOGON", "FLT-NEXT-HOP",
		"ASP-CUSTOMER-INGRESS", "ASP-BOGON-SOURCE", "ASP-EGRESS",
		"COORD-PEERINGDB", "COORD-IRR-CONTACT", "COORD-NEIGHBOR-DESC",
		"GV-ROA-INVALID", "GV-ROA-MISSING", "GV-IRR-ROUTE",
		"GV-IRR-CUSTOMER", "SEC-GTSM", "SEC-SESSION-AUTH", "SEC-BGP-ROLE",
		"CFG-UNPARSED", "CFG-WAIVER-EXPIRED",
	};
	const mc_rule *r;
	size_t n, i, j;

	(void)state;
	r = mc_rules(&n);
	assert_int_equal(n, sizeof(ids) / sizeof(ids[0]));
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		assert_non_null(mc_rule_find(ids[i]));
		assert_string_equal(mc_rule_find(ids[i])->id, ids[i]);
	}
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			assert_string_not_equal(r[i].id, r[j].id);
	assert_null(mc_rule_find("FLT-NOPE"));
	assert_int_equal(mc_rule_find("FLT-BOGON-PREFIX")->severity, MC_SEV_ERROR);
	assert_int_equal(mc_rule_find("FLT-TOO-SPECIFIC")->severity, MC_SEV_WARNING);
	assert_int_equal(mc_rule_find("SEC-GTSM")->severity, MC_SEV_INFO);
	assert_int_equal(mc_rule_find("GV-ROA-INVALID")->needs, MC_DATA_VRPS);
	assert_int_equal(mc_rule_find("ASP-EGRESS")->action, 2);
	assert_string_equal(mc_severity_name(MC_SEV_WARNING), "warning");
	assert_int_equal(mc_severity_from_name("error"), MC_SEV_ERROR);
	assert_int_equal(mc_severity_from_name("bad"), -1);
	assert_string_equal(mc_action_status_name(MC_ACT_UNKNOWN), "unknown");
	assert_string_equal(mc_action_status_name(MC_ACT_FAIL), "fail");
}

static void
test_bogon_data(void **state)
{
	mc_arena *a = mc_arena_new();
	const mc_rangeset *b4 = mc_bogon_prefixes(a, MC_AF4);
	const mc_rangeset *b6 = mc_bogon_prefixes(a, MC_AF6);
	mc_prefix p;

	(void)state;
	p = P("10.1.2.0/24");
	assert_true(mc_rs_has(b4, &p));
	assert_string_equal(mc_bogon_label(&p), "10.0.0.0/8");
	p = P("10.0.0.0/8");
	assert_true(mc_rs_has(b4, &p));
	p = P("8.0.0.0/8");
	assert_false(mc_rs_has(b4, &p));
	assert_null(mc_bogon_label(&p));
	p = P("0.0.0.0/0");
	assert_false(mc_rs_has(b4, &p));	/* the default is not a bogon */
	p = P("192.31.196.0/24");		/* AS112: global */
	assert_false(mc_rs_has(b4, &p));
	p = P("192.175.48.0/24");
	assert_false(mc_prefix_is_bogon(&p));
	p = P("2001:4860::/32");		/* inside 2001::/23, global */
	assert_false(mc_rs_has(b6, &p));
	p = P("2001:db8:1::/48");
	assert_true(mc_rs_has(b6, &p));
	p = P("fc00::/8");
	assert_true(mc_rs_has(b6, &p));
	assert_string_equal(mc_bogon_label(&p), "fc00::/7");
	p = P("4000::/16");
	assert_true(mc_rs_has(b6, &p));
	assert_string_equal(mc_bogon_label(&p), "outside 2000::/3");
	p = P("2a00::/12");
	assert_false(mc_rs_has(b6, &p));
	assert_true(mc_asn_is_bogon(0));
	assert_true(mc_asn_is_bogon(23456));
	assert_false(mc_asn_is_bogon(64495));
	assert_true(mc_asn_is_bogon(64496));
	assert_true(mc_asn_is_bogon(65535));
	assert_true(mc_asn_is_bogon(131071));
	assert_false(mc_asn_is_bogon(131072));
	assert_false(mc_asn_is_bogon(4199999999u));
	assert_true(mc_asn_is_bogon(4200000000u));
	assert_true(mc_asn_is_bogon(4294967295u));
	{
		size_t n, i;
		const uint32_t *tf = mc_transit_free_default(&n);
		const char *const *t;

		assert_int_equal(n, 19);
		assert_int_equal(tf[0], 174);
		for (i = 0; i < n; i++)
			assert_false(mc_asn_is_bogon(tf[i]));
		t = mc_bogon_table(MC_AF6, &n);
		for (i = 0; i < n; i++) {
			p = P(t[i]);
			assert_true(mc_rs_has(b6, &p));
		}
	}
	mc_arena_free(a);
}

/* ---- import filtering ----------------------------------------------------- */

static void
test_customer_no_policy_ios(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_device *d = mkdev(a, MC_VENDOR_IOS);
	const mc_finding *f;

	(void)state;
	mknbr(d, "198.51.100.1", 64501, "CUST-ACME", 20);
	run(d);
	FIRES("FLT-NO-IMPORT-POLICY", "198.51.100.1");
	f = find("FLT-NO-IMPORT-POLICY", "198.51.100.1");
	assert_int_equal(f->severity, MC_SEV_ERROR);
	assert_int_equal(f->line, 20);
	assert_string_equal(f->hostname, "r1");
	assert_string_equal(f->file, "r1.cfg");
	assert_non_null(f->fix);
	assert_non_null(strstr(f->fix, "neighbor 198.51.100.1 route-map MANRS-IN in"));
	FIRES("FLT-BOGON-PREFIX", "198.51.100.1");
	f = find("FLT-BOGON-PREFIX", "198.51.100.1");
	assert_true(f->has_example);
	assert_string_equal(f->ex_path, "64501");
	{
		mc_prefix ex = P(f->ex_prefix);

		assert_true(mc_prefix_is_bogon(&ex));
	}
	assert_non_null(strstr(f->fix, "ip prefix-list MANRS-BOGONS-V4 seq 10 permit 10.0.0.0/8 le 32"));
	FIRES("FLT-CUSTOMER-PREFIX", "198.51.100.1");
	FIRES("FLT-TOO-SPECIFIC", "198.51.100.1");
	FIRES("FLT-DEFAULT-ROUTE", "198.51.100.1");
	FIRES("FLT-BOGON-ASN", "198.51.100.1");
	FIRES("FLT-CUSTOMER-ASPATH", "198.51.100.1");
	FIRES("FLT-TRANSIT-FREE-ASN", "198.51.100.1");
	FIRES("FLT-MAX-PREFIX", "198.51.100.1");
	FIRES("FLT-RPKI-INVALID", NULL);
	FIRES("FLT-AS-PATH-LENGTH", "198.51.100.1");
	FIRES("FLT-EXPORT-BOGON", "198.51.100.1");
	SILENT("FLT-EXPORT-LEAK", NULL);	/* customers may get everything */
	SILENT("FLT-FIRST-AS", NULL);		/* IOS enforces it by default */
	SILENT("SEC-BGP-ROLE", NULL);		/* IOS has no RFC 9234 */
	FIRES("SEC-GTSM", "198.51.100.1");
	FIRES("SEC-SESSION-AUTH", "198.51.100.1");
	SILENT("COORD-NEIGHBOR-DESC", NULL);
	assert_int_equal(res.actions[1], MC_ACT_FAIL);
	assert_int_equal(res.actions[3], MC_ACT_UNKNOWN);	/* no PeeringDB */
	assert_int_equal(res.actions[4], MC_ACT_UNKNOWN);	/* no VRPs, IRR */
	mc_arena_free(a);
}

/* opts.no_fix (the one-line text report): the same findings, no fix texts. */
static void
test_no_fix(void **state)
{
	mc_arena *a = mc_arena_new(), *b = mc_arena_new();
	mc_device *d = mkdev(a, MC_VENDOR_IOS), *d2 = mkdev(b, MC_VENDOR_IOS);
	mc_device_result full;
	size_t i, nfix = 0;

	(void)state;
	mknbr(d, "198.51.100.1", 64501, "CUST-ACME", 20);
	mknbr(d2, "198.51.100.1", 64501, "CUST-ACME", 20);
	run(d);
	full = res;
	memset(&res, 0, sizeof(res));
	opts.no_fix = true;
	run(d2);
	assert_int_equal(res.findings.n, full.findings.n);
	for (i = 0; i < res.findings.n; i++) {
		assert_string_equal(res.findings.v[i].rule,
		    full.findings.v[i].rule);
		assert_string_equal(res.findings.v[i].message,
		    full.findings.v[i].message);
		assert_null(res.findings.v[i].fix);
		nfix += full.findings.v[i].fix != NULL;
	}
	assert_true(nfix > 10);
	mc_arena_free(a);
	mc_arena_free(b);
}

/* A customer with an explicit /22 list and an origin check. */
static void
good_customer(mc_device *d, mc_neighbor *n, bool aspath)
{
	static const char *const cust[] = { "permit 8.8.8.0/22 22 24", NULL };
	mc_policy *p;
	mc_cond *c;

	mkplist(d, "CUST-PFX", cust, 100);
	p = mkpol(d, "CUST-IN", 110);
	if (aspath) {
		mkaspath(d, "CUST-PATH", true, "^64501(_64501)*$", 105);
		c = mc_cond_new(d->arena, MC_C_AND, 111);
		mc_vec_push(d->arena, &c->kids,
		    cref(d, MC_C_PREFIX_LIST, "CUST-PFX", 111));
		mc_vec_push(d->arena, &c->kids,
		    cref(d, MC_C_ASPATH_LIST, "CUST-PATH", 112));
	} else
		c = cref(d, MC_C_PREFIX_LIST, "CUST-PFX", 111);
	term(d, p, "10", true, c, 110);
	attach(d, n, MC_AFI_V4, MC_DIR_IN, MC_REF_POLICY, "CUST-IN", 21);
	n->af[MC_AFI_V4].maxpfx.limit = 10;
	n->af[MC_AFI_V4].maxpfx.action = MC_MAXP_TEARDOWN;
	n->af[MC_AFI_V4].maxpfx.line = 22;
}

static void
test_customer_good_filter(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_device *d = mkdev(a, MC_VENDOR_IOS);
	mc_neighbor *n;
	const mc_finding *f;

	(void)state;
	n = mknbr(d, "198.51.100.1", 64501, "CUST-ACME", 20);
	good_customer(d, n, false);
	run(d);
	SILENT("FLT-NO-IMPORT-POLICY", NULL);
	SILENT("FLT-BOGON-PREFIX", NULL);
	SILENT("FLT-TOO-SPECIFIC", NULL);
	SILENT("FLT-DEFAULT-ROUTE", NULL);
	SILENT("FLT-CUSTOMER-PREFIX", NULL);
	SILENT("FLT-MAX-PREFIX", NULL);
	/* No AS-path check: a bogon ASN after the customer passes. */
	FIRES("FLT-BOGON-ASN", "198.51.100.1");
	f = find("FLT-BOGON-ASN", "198.51.100.1");
	assert_true(f->has_example);
	assert_string_equal(f->ex_path, "64501 23456");
	{
		mc_prefix ex = P(f->ex_prefix), blk = P("8.8.8.0/22");

		assert_true(mc_prefix_contains(&blk, &ex));
	}
	assert_non_null(f->decided_by);
	assert_non_null(strstr(f->decided_by, "CUST-IN"));
	assert_non_null(strstr(f->message, "route-map CUST-IN"));
	FIRES("FLT-CUSTOMER-ASPATH", "198.51.100.1");
	mc_arena_free(a);

	/* With the origin check, the path rules are quiet too. */
	memset(&res, 0, sizeof(res));
	a = mc_arena_new();
	d = mkdev(a, MC_VENDOR_IOS);
	n = mknbr(d, "198.51.100.1", 64501, "CUST-ACME", 20);
	good_customer(d, n, true);
	run(d);
	SILENT("FLT-BOGON-ASN", NULL);
	SILENT("FLT-CUSTOMER-ASPATH", NULL);
	SILENT("FLT-TRANSIT-FREE-ASN", NULL);
	SILENT("FLT-CUSTOMER-PREFIX", NULL);
	/* The 101-long prepended path still matches ^64501(_64501)*$. */
	FIRES("FLT-AS-PATH-LENGTH", "198.51.100.1");
	mc_arena_free(a);
}

static void
test_customer_prefix_policyfile(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_device *d = mkdev(a, MC_VENDOR_IOS);
	mc_policyfile pf;
	mc_nbr_match m;
	mc_prefix p = P("8.8.8.0/23");
	mc_neighbor *n;
	const mc_finding *f;

	(void)state;
	n = mknbr(d, "198.51.100.1", 64501, "ACME", 20);
	good_customer(d, n, true);
	memset(&pf, 0, sizeof(pf));
	memset(&m, 0, sizeof(m));
	m.address = "198.51.100.1";
	m.role = MC_ROLE_CUSTOMER;
	mc_vec_push(a, &m.prefixes, p);	/* the filter allows a /22: too much */
	mc_vec_push(a, &pf.neighbors, m);
	opts.policy = &pf;
	run(d);
	assert_int_equal(n->role, MC_ROLE_CUSTOMER);
	FIRES("FLT-CUSTOMER-PREFIX", "198.51.100.1");
	f = find("FLT-CUSTOMER-PREFIX", "198.51.100.1");
	{
		mc_prefix ex = P(f->ex_prefix), in = P("8.8.8.0/22"),
		    ok = P("8.8.8.0/23");

		assert_true(mc_prefix_contains(&in, &ex));
		assert_false(mc_prefix_contains(&ok, &ex));
	}
	assert_non_null(strstr(f->message, "8.8.8.0/23"));
	mc_arena_free(a);
}

static void
test_peer_bogon_filter_only(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_device *d = mkdev(a, MC_VENDOR_IOS);
	mc_policy *p;
	mc_neighbor *n;
	const mc_finding *f;

	(void)state;
	n = mknbr(d, "192.0.2.1", 64510, "PEER AMS-IX", 30);
	mkplist(d, "BOGONS", bogons4, 200);
	p = mkpol(d, "PEER-IN", 220);
	term(d, p, "10", false, cref(d, MC_C_PREFIX_LIST, "BOGONS", 221), 220);
	term(d, p, "20", true, NULL, 222);
	attach(d, n, MC_AFI_V4, MC_DIR_IN, MC_REF_POLICY, "PEER-IN", 31);
	n->af[MC_AFI_V4].maxpfx.limit = 100;
	n->af[MC_AFI_V4].maxpfx.action = MC_MAXP_WARN;
	n->af[MC_AFI_V4].maxpfx.line = 32;
	run(d);
	assert_int_equal(n->role, MC_ROLE_PEER);
	SILENT("FLT-BOGON-PREFIX", NULL);
	SILENT("FLT-CUSTOMER-PREFIX", NULL);	/* not a customer */
	FIRES("FLT-TOO-SPECIFIC", "192.0.2.1");
	f = find("FLT-TOO-SPECIFIC", "192.0.2.1");
	assert_int_equal(P(f->ex_prefix).len, 25);
	assert_non_null(strstr(f->decided_by, "20"));
	FIRES("FLT-DEFAULT-ROUTE", "192.0.2.1");
	FIRES("FLT-TRANSIT-FREE-ASN", "192.0.2.1");
	f = find("FLT-MAX-PREFIX", "192.0.2.1");
	assert_non_null(f);
	assert_int_equal(f->line, 32);
	assert_non_null(strstr(f->message, "only logs"));
	assert_non_null(strstr(f->fix, "maximum-prefix 100 90 restart 15"));
	mc_arena_free(a);
}

static void
test_frr_rfc8212_info(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_device *d = mkdev(a, MC_VENDOR_FRR);
	const mc_finding *f;

	(void)state;
	mknbr(d, "2001:db8:1::1", 64510, "peer", 40);
	run(d);
	f = find("FLT-NO-IMPORT-POLICY", "2001:db8:1::1");
	if (f == NULL) {
		dump();
		fail();
	}
	assert_int_equal(f->severity, MC_SEV_INFO);
	assert_non_null(strstr(f->message, "RFC 8212"));
	/* Nothing is accepted, so nothing leaks. */
	SILENT("FLT-BOGON-PREFIX", NULL);
	SILENT("FLT-TOO-SPECIFIC", NULL);
	FIRES("SEC-BGP-ROLE", "2001:db8:1::1");
	assert_non_null(strstr(find("SEC-BGP-ROLE", NULL)->fix, "local-role peer"));
	/* An info note does not fail the action. */
	assert_true(res.actions[1] != MC_ACT_FAIL || find("FLT-RPKI-INVALID", NULL));
	mc_arena_free(a);
}

static void
test_undefined_ref(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_device *d = mkdev(a, MC_VENDOR_IOS);
	mc_policy *p;
	mc_neighbor *n;
	const mc_finding *f;

	(void)state;
	n = mknbr(d, "192.0.2.1", 64510, "peer", 30);
	attach(d, n, MC_AFI_V4, MC_DIR_IN, MC_REF_POLICY, "NOPE-IN", 33);
	p = mkpol(d, "OUT", 50);
	term(d, p, "10", true, cref(d, MC_C_PREFIX_LIST, "MISSING-PL", 51), 50);
	attach(d, n, MC_AFI_V4, MC_DIR_OUT, MC_REF_POLICY, "OUT", 34);
	run(d);
	f = find("FLT-UNDEFINED-REF", "192.0.2.1");
	assert_non_null(f);
	assert_int_equal(f->line, 33);
	assert_non_null(strstr(f->message, "NOPE-IN"));
	assert_non_null(strstr(f->message, "reject-all"));
	f = find("FLT-UNDEFINED-REF", NULL);
	assert_non_null(f);
	{
		size_t i;
		bool seen = false;

		for (i = 0; i < res.findings.n; i++)
			if (strcmp(res.findings.v[i].rule, "FLT-UNDEFINED-REF") == 0 &&
			    res.findings.v[i].line == 51) {
				seen = true;
				assert_non_null(strstr(res.findings.v[i].message,
				    "MISSING-PL"));
				assert_non_null(strstr(res.findings.v[i].message,
				    "match-all"));
			}
		assert_true(seen);
	}
	mc_arena_free(a);
}

static void
test_first_as(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_device *d = mkdev(a, MC_VENDOR_IOS);
	mc_neighbor *n;
	const mc_finding *f;

	(void)state;
	n = mknbr(d, "192.0.2.1", 64510, "transit", 30);
	d->bgp.enforce_first_as = 0;
	run(d);
	f = find("FLT-FIRST-AS", "192.0.2.1");
	assert_non_null(f);
	assert_int_equal(f->line, 1);		/* the global knob's line */
	assert_true(f->has_example);
	assert_true(strncmp(f->ex_path, "64510", 5) != 0);
	n->enforce_first_as = 1;		/* neighbour overrides */
	memset(&res, 0, sizeof(res));
	run(d);
	SILENT("FLT-FIRST-AS", NULL);
	mc_arena_free(a);
}

/* ---- export --------------------------------------------------------------- */

static void
test_export(void **state)
{
	static const char *const own[] = { "permit 8.8.8.0/24 24 24", NULL };
	mc_arena *a = mc_arena_new();
	mc_device *d = mkdev(a, MC_VENDOR_IOS);
	mc_neighbor *good;
	mc_origin o;
	mc_policy *p;
	const mc_finding *f;

	(void)state;
	mknbr(d, "192.0.2.1", 64510, "Transit A", 30);
	good = mknbr(d, "192.0.2.5", 64511, "Transit B", 40);
	memset(&o, 0, sizeof(o));
	o.prefix = P("8.8.8.0/24");
	o.kind = MC_ORIG_NETWORK;
	o.line = 5;
	mc_vec_push(a, &d->origins, o);
	mkplist(d, "OWN", own, 60);
	p = mkpol(d, "TO-TRANSIT", 70);
	term(d, p, "10", true, cref(d, MC_C_PREFIX_LIST, "OWN", 71), 70);
	attach(d, good, MC_AFI_V4, MC_DIR_OUT, MC_REF_POLICY, "TO-TRANSIT", 41);
	run(d);
	FIRES("FLT-NO-EXPORT-POLICY", "192.0.2.1");
	FIRES("FLT-EXPORT-LEAK", "192.0.2.1");
	f = find("FLT-EXPORT-LEAK", "192.0.2.1");
	assert_string_equal(f->ex_path, "13335");
	{
		mc_prefix ex = P(f->ex_prefix), ours = P("8.8.8.0/24");

		assert_false(mc_prefix_contains(&ours, &ex));
	}
	FIRES("FLT-EXPORT-UNOWNED", "192.0.2.1");
	assert_string_equal(find("FLT-EXPORT-UNOWNED", "192.0.2.1")->ex_path, "");
	FIRES("FLT-EXPORT-BOGON", "192.0.2.1");
	SILENT("FLT-NO-EXPORT-POLICY", "192.0.2.5");
	SILENT("FLT-EXPORT-LEAK", "192.0.2.5");
	SILENT("FLT-EXPORT-UNOWNED", "192.0.2.5");
	SILENT("FLT-EXPORT-BOGON", "192.0.2.5");
	assert_non_null(strstr(f->fix, "8.8.8.0/24"));
	mc_arena_free(a);
}

/* ---- RPKI ----------------------------------------------------------------- */

static void
test_rpki(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_device *d = mkdev(a, MC_VENDOR_IOSXE);
	mc_neighbor *n, *m;
	mc_rpki_cache c = { "192.0.2.99", 3323, 3 };
	mc_policy *p;
	mc_cond *rov;
	const mc_finding *f;

	(void)state;
	n = mknbr(d, "192.0.2.1", 64510, "peer one", 30);
	m = mknbr(d, "192.0.2.5", 64511, "peer two", 40);
	run(d);
	f = find("FLT-RPKI-INVALID", NULL);
	assert_non_null(f);
	assert_null(f->neighbor);
	assert_non_null(strstr(f->message, "not configured"));
	assert_non_null(strstr(f->fix, "bgp rpki server"));

	mc_vec_push(a, &d->rpki_caches, c);
	p = mkpol(d, "ROV", 80);
	rov = mc_cond_new(a, MC_C_RPKI, 81);
	rov->n = MC_ROV_INVALID;
	term(d, p, "10", false, rov, 80);
	term(d, p, "20", true, NULL, 82);
	attach(d, n, MC_AFI_V4, MC_DIR_IN, MC_REF_POLICY, "ROV", 31);
	memset(&res, 0, sizeof(res));
	run(d);
	SILENT("FLT-RPKI-INVALID", "192.0.2.1");
	f = find("FLT-RPKI-INVALID", "192.0.2.5");
	assert_non_null(f);
	assert_string_equal(f->ex_rov, "invalid");
	(void)m;
	mc_arena_free(a);
}

/* ---- anti-spoofing -------------------------------------------------------- */

static mc_interface *
mkif(mc_device *d, const char *name, const char *addr, int line)
{
	mc_interface *i = mc_alloc(d->arena, sizeof(*i));
	mc_iface_addr ad;

	i->name = name;
	i->line = line;
	memset(&ad, 0, sizeof(ad));
	ad.addr = P(addr);
	ad.net = ad.addr;
	mc_prefix_clear_host(&ad.net);
	ad.line = line + 1;
	mc_vec_push(d->arena, &i->addrs, ad);
	mc_vec_push(d->arena, &d->ifaces, i);
	return i;
}

static mc_acl *
mkacl(mc_device *d, const char *name, int line)
{
	mc_acl *acl = mc_alloc(d->arena, sizeof(*acl));

	acl->name = name;
	acl->af = MC_AF4;
	acl->line = line;
	mc_vec_push(d->arena, &d->acls, acl);
	return acl;
}

static void
ace(mc_device *d, mc_acl *acl, bool permit, const char *src, int line)
{
	mc_acl_entry e;

	memset(&e, 0, sizeof(e));
	e.permit = permit;
	e.src = P(src);
	e.dst = P("0.0.0.0/0");
	e.line = line;
	mc_vec_push(d->arena, &acl->entries, e);
}

static void
test_antispoofing(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_device *d = mkdev(a, MC_VENDOR_IOS);
	mc_interface *ci, *ui;
	mc_neighbor *cn;
	mc_acl *acl, *bacl;
	const mc_finding *f;

	(void)state;
	ci = mkif(d, "GigabitEthernet0/1", "198.51.100.0/31", 300);
	ui = mkif(d, "GigabitEthernet0/2", "203.0.113.0/31", 310);
	cn = mknbr(d, "198.51.100.1", 64501, "CUST-ACME", 20);
	good_customer(d, cn, true);
	mknbr(d, "203.0.113.1", 64496, "TRANSIT-X", 25);
	run(d);
	f = find("ASP-CUSTOMER-INGRESS", NULL);
	assert_non_null(f);
	assert_string_equal(f->interface, "GigabitEthernet0/1");
	assert_int_equal(f->line, 300);
	assert_non_null(strstr(f->fix, "ip verify unicast source reachable-via rx"));
	f = find("ASP-BOGON-SOURCE", NULL);
	assert_non_null(f);
	assert_string_equal(f->interface, "GigabitEthernet0/2");
	FIRES("ASP-EGRESS", NULL);
	assert_int_equal(res.actions[2], MC_ACT_FAIL);

	/* loose uRPF alone is not enough */
	ci->urpf4 = MC_URPF_LOOSE;
	ci->urpf4_line = 305;
	memset(&res, 0, sizeof(res));
	run(d);
	f = find("ASP-CUSTOMER-INGRESS", NULL);
	assert_non_null(f);
	assert_int_equal(f->line, 305);
	assert_non_null(strstr(f->message, "loose"));

	/* strict passes */
	ci->urpf4 = MC_URPF_STRICT;
	memset(&res, 0, sizeof(res));
	run(d);
	SILENT("ASP-CUSTOMER-INGRESS", NULL);

	/* an ACL that permits any source leaks; one limited to the
	 * customer's prefixes (learned from its import filter) passes */
	ci->urpf4 = MC_URPF_NONE;
	acl = mkacl(d, "CUST-IN-ACL", 400);
	ace(d, acl, true, "8.8.8.0/22", 401);
	ace(d, acl, true, "0.0.0.0/0", 402);
	ci->acl_in4 = "CUST-IN-ACL";
	ci->acl_in4_line = 303;
	memset(&res, 0, sizeof(res));
	run(d);
	f = find("ASP-CUSTOMER-INGRESS", NULL);
	assert_non_null(f);
	assert_int_equal(f->line, 402);
	acl->entries.n = 1;
	memset(&res, 0, sizeof(res));
	run(d);
	SILENT("ASP-CUSTOMER-INGRESS", NULL);

	/* bogon ACL: deny every bogon then permit any */
	bacl = mkacl(d, "EXT-IN", 500);
	{
		int i;

		for (i = 0; bogons4[i] != NULL; i++) {
			char pf[64];

			sscanf(bogons4[i], "%*s %63s", pf);
			ace(d, bacl, false, pf, 501 + i);
		}
	}
	ace(d, bacl, true, "0.0.0.0/0", 520);
	ui->acl_in4 = "EXT-IN";
	memset(&res, 0, sizeof(res));
	run(d);
	SILENT("ASP-BOGON-SOURCE", NULL);
	/* drop one deny (10/8): the permit any now lets 10/8 through */
	memmove(&bacl->entries.v[1], &bacl->entries.v[2],
	    (bacl->entries.n - 2) * sizeof(bacl->entries.v[0]));
	bacl->entries.n--;
	memset(&res, 0, sizeof(res));
	run(d);
	f = find("ASP-BOGON-SOURCE", NULL);
	assert_non_null(f);
	assert_non_null(strstr(f->message, "10.0.0.0/8"));
	assert_int_equal(f->line, 520);
	mc_arena_free(a);
}

/* ---- waivers, selection, order -------------------------------------------- */

static void
test_waivers(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_device *d = mkdev(a, MC_VENDOR_IOS);
	mc_inline_waiver iw;
	mc_policyfile pf;
	mc_waiver w;
	const mc_finding *f;

	(void)state;
	mknbr(d, "192.0.2.1", 64510, "peer one", 30);
	mknbr(d, "192.0.2.5", 64511, "peer two", 40);
	memset(&iw, 0, sizeof(iw));
	iw.rule = "SEC-GTSM";
	iw.reason = "multihop by design";
	iw.line = 29;
	iw.first = 29;
	iw.last = 30;
	mc_vec_push(a, &d->waivers, iw);
	memset(&pf, 0, sizeof(pf));
	pf.file = "manrs-check.yaml";
	memset(&w, 0, sizeof(w));
	w.rule = "SEC-SESSION-AUTH";
	w.device = "r1";
	w.neighbor = "192.0.2.5";
	w.reason = "IX policy";
	w.line = 7;
	mc_vec_push(a, &pf.waivers, w);
	w.rule = "FLT-MAX-PREFIX";
	w.reason = "old";
	w.exp_y = 2026;
	w.exp_m = 11;
	w.exp_d = 25;		/* expired yesterday */
	w.line = 9;
	mc_vec_push(a, &pf.waivers, w);
	w.rule = "FLT-TOO-SPECIFIC";
	w.exp_d = 26;		/* valid through today */
	w.line = 11;
	mc_vec_push(a, &pf.waivers, w);
	opts.policy = &pf;
	run(d);

	f = find("SEC-GTSM", "192.0.2.1");
	assert_true(f->waived);
	assert_string_equal(f->waiver_reason, "multihop by design");
	assert_false(find("SEC-GTSM", "192.0.2.5")->waived);
	assert_true(find("SEC-SESSION-AUTH", "192.0.2.5")->waived);
	assert_false(find("SEC-SESSION-AUTH", "192.0.2.1")->waived);
	assert_true(find("FLT-TOO-SPECIFIC", "192.0.2.5")->waived);
	assert_false(find("FLT-MAX-PREFIX", "192.0.2.5")->waived);
	f = find("CFG-WAIVER-EXPIRED", "192.0.2.5");
	assert_non_null(f);
	assert_int_equal(f->severity, MC_SEV_WARNING);
	assert_non_null(strstr(f->message, "manrs-check.yaml:9"));
	assert_non_null(strstr(f->message, "2026-11-25"));

	/* sorted by line, then rule */
	{
		size_t i;

		for (i = 1; i < res.findings.n; i++) {
			const mc_finding *x = &res.findings.v[i - 1],
			    *y = &res.findings.v[i];

			assert_true(x->line < y->line || (x->line == y->line &&
			    strcmp(x->rule, y->rule) <= 0));
		}
	}
	mc_arena_free(a);
}

static void
test_selection(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_device *d = mkdev(a, MC_VENDOR_IOS);
	size_t i;

	(void)state;
	mknbr(d, "192.0.2.1", 64510, "peer one", 30);
	opts.only = "SEC-*, FLT-BOGON-PREFIX";
	opts.skip = "sec-gtsm";
	run(d);
	FIRES("FLT-BOGON-PREFIX", NULL);
	FIRES("SEC-SESSION-AUTH", NULL);
	for (i = 0; i < res.findings.n; i++) {
		assert_string_not_equal(res.findings.v[i].rule, "SEC-GTSM");
		assert_true(strncmp(res.findings.v[i].rule, "SEC-", 4) == 0 ||
		    strcmp(res.findings.v[i].rule, "FLT-BOGON-PREFIX") == 0);
	}
	assert_int_equal(res.actions[2], MC_ACT_UNKNOWN);	/* nothing ran */
	mc_arena_free(a);
}

static void
test_unparsed_and_desc(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_device *d = mkdev(a, MC_VENDOR_IOS);
	const mc_finding *f;

	(void)state;
	mknbr(d, "192.0.2.1", 64510, NULL, 30);
	mc_dev_unparsed(d, 33, "router bgp", " neighbor 192.0.2.1 frobnicate", 30);
	mc_dev_unparsed(d, 34, "router bgp", " bgp foo", 8);
	run(d);
	f = find("CFG-UNPARSED", NULL);
	assert_non_null(f);
	assert_int_equal(f->line, 33);
	assert_non_null(strstr(f->message, "2 lines"));
	assert_non_null(strstr(f->message, "frobnicate"));
	f = find("COORD-NEIGHBOR-DESC", "192.0.2.1");
	assert_non_null(f);
	assert_non_null(strstr(f->fix, "neighbor 192.0.2.1 description"));
	mc_arena_free(a);
}

static void
test_fix_vendors(void **state)
{
	static const mc_vendor vs[] = { MC_VENDOR_EOS, MC_VENDOR_FRR,
	    MC_VENDOR_JUNOS, MC_VENDOR_IOSXR, MC_VENDOR_BIRD,
	    MC_VENDOR_OPENBGPD };
	static const char *const want[] = { "ip prefix-list MANRS-BOGONS-V4",
	    "ip prefix-list MANRS-BOGONS-V4", "route-filter 10.0.0.0/8 orlonger",
	    "prefix-set MANRS-BOGONS-V4", "10.0.0.0/8+",
	    "10.0.0.0/8 or-longer" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(vs) / sizeof(vs[0]); i++) {
		mc_arena *a = mc_arena_new();
		mc_device *d = mkdev(a, vs[i]);
		const mc_finding *f;

		d->bgp.ebgp_requires_policy = 0;	/* accept without policy */
		mknbr(d, "192.0.2.1", 64510, "peer", 30);
		memset(&res, 0, sizeof(res));
		run(d);
		f = find("FLT-BOGON-PREFIX", "192.0.2.1");
		if (f == NULL) {
			dump();
			fail_msg("vendor %s", mc_vendor_name(vs[i]));
		}
		assert_non_null(f->fix);
		if (strstr(f->fix, want[i]) == NULL)
			fail_msg("%s fix lacks '%s':\n%s", mc_vendor_name(vs[i]),
			    want[i], f->fix);
		mc_arena_free(a);
	}
}

static void
test_roa(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_device *d = mkdev(a, MC_VENDOR_IOS);
	mc_vrps *v = mc_vrps_new();
	mc_vrp roa;
	mc_data data;
	mc_origin o;
	const mc_finding *f;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.kind = MC_ORIG_NETWORK;
	o.prefix = P("8.8.8.0/24");	/* ROA for another AS: invalid */
	o.line = 5;
	mc_vec_push(a, &d->origins, o);
	o.prefix = P("9.9.9.0/24");	/* no ROA: not found */
	o.line = 6;
	mc_vec_push(a, &d->origins, o);
	o.prefix = P("1.1.1.0/24");	/* valid */
	o.line = 7;
	mc_vec_push(a, &d->origins, o);
	roa.p = P("8.8.8.0/24");
	roa.maxlen = 24;
	roa.asn = 15169;
	mc_vrps_add(v, &roa);
	roa.p = P("1.1.0.0/16");
	roa.maxlen = 24;
	roa.asn = 64500;
	mc_vrps_add(v, &roa);
	mc_vrps_count(v);	/* sorts: shared read-only afterwards */
	memset(&data, 0, sizeof(data));
	data.vrps = v;
	opts.data = &data;
	run(d);
	f = find("GV-ROA-INVALID", NULL);
	assert_non_null(f);
	assert_int_equal(f->line, 5);
	assert_non_null(strstr(f->message, "AS15169"));
	f = find("GV-ROA-MISSING", NULL);
	assert_non_null(f);
	assert_int_equal(f->line, 6);
	assert_int_equal(res.actions[4], MC_ACT_FAIL);
	mc_vrps_free(v);
	mc_arena_free(a);
}

/*
 * mc_probe_hits remembers its answers, and mc_nbr_filter_is_explicit the
 * address space, by the set's content.  Sets built
 * at random (about half of them holding probes), frozen, asked in random
 * order with repeats, through copies at other addresses, for both
 * families (and across them): every answer, count and first probe, must be brute force's
 * over the probe table; equal contents are answered from the memo and
 * the memo grows past its first size.
 */
static void
test_probe_hits_memo(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_rule_cache cache;
	mc_rule_ctx ctx;
	mc_rangeset sets[2][150];
	uint64_t x = 0x2545f4914f6cdd1dull;
	int afi, i, k, q, held = 0;

	(void)state;
	memset(&cache, 0, sizeof(cache));
	memset(&ctx, 0, sizeof(ctx));
	cache.k = mc_rule_consts_get();
	cache.nbr = mc_alloc(a, sizeof(*cache.nbr));	/* neighbour 0 */
	ctx.cache = &cache;
	ctx.arena = a;
	for (afi = 0; afi < MC_AFI_COUNT; afi++)
		for (i = 0; i < 150; i++) {
			mc_rangeset *s = &sets[afi][i];
			int n = 1 + (int)(x % 40);

			memset(s, 0, sizeof(*s));
			for (k = 0; k < n; k++) {
				mc_range r;
				mc_prefix p;

				x ^= x << 13; x ^= x >> 7; x ^= x << 17;
				if (x % 40 == 0) {
					/* around a probe: it, its /16 or /32 */
					p = cache.k->probes[afi][x % (uint64_t)
					    cache.k->nprobes[afi]];
					p = mc_prefix_trunc(&p, (int)(x >> 8) % 2 ?
					    p.len : afi == MC_AFI_V4 ? 16 : 32);
				} else {
					memset(&p, 0, sizeof(p));
					p.af = (uint8_t)mc_afi_af(afi);
					p.a[0] = (uint8_t)(x >> 16);
					p.a[1] = (uint8_t)(x >> 24);
					p.len = afi == MC_AFI_V4 ? 16 : 32;
				}
				assert_true(mc_range_make(&p, p.len, afi ==
				    MC_AFI_V4 ? 24 : 48, &r));
				mc_rs_add(a, s, &r);
			}
			mc_rs_compact(a, s);
			mc_rs_freeze(s);
		}
	for (q = 0; q < 3000; q++) {
		mc_rangeset copy;
		const mc_rangeset *s;
		int want = 0, wfirst = -1, got, gfirst = -2;

		x ^= x << 13; x ^= x >> 7; x ^= x << 17;
		afi = (int)(x % 2);
		/* now and then the other family's set: none of the probes */
		s = &sets[x % 7 == 0 ? 1 - afi : afi][(x >> 8) % 150];
		if (x % 5 == 0) {	/* equal content elsewhere */
			copy = mc_rs_copy(a, s);
			mc_rs_freeze(&copy);
			s = &copy;
		}
		for (k = 0; k < cache.k->nprobes[afi]; k++)
			if (mc_rs_has(s, &cache.k->probes[afi][k])) {
				if (wfirst < 0)
					wfirst = k;
				want++;
			}
		if (q % 2 == 0) {
			/* the filter criterion, with the space remembered
			 * alongside */
			uint64_t space, wspace = mc_rs_space(a, s,
			    mc_afi_af(afi));
			mc_prefix hit;
			bool expl = mc_nbr_filter_is_explicit(&ctx, 0, afi, s,
			    &hit, &space);

			assert_true(space == wspace);
			assert_true(expl == (want == 0 && wspace <= (afi ==
			    MC_AFI_V6 ? 1ull << 48 : 1ull << 24)));
			if (want > 0)
				assert_true(mc_prefix_eq(&hit,
				    &cache.k->probes[afi][wfirst]));
		}
		got = mc_probe_hits(&ctx, afi, s, &gfirst);
		if (got != want || gfirst != wfirst)
			fail_msg("query %d: %d probes, first %d; brute force "
			    "%d, first %d", q, got, gfirst, want, wfirst);
		assert_int_equal(mc_probe_hits(&ctx, afi, s, NULL), want);
		held += want > 0;
	}
	assert_true(held > 300 && held < 2700);
	assert_true(cache.pm_n > 64 && cache.pm_n <= 600);
	mc_arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_registry, setup),
		cmocka_unit_test_setup(test_bogon_data, setup),
		cmocka_unit_test_setup(test_customer_no_policy_ios, setup),
		cmocka_unit_test_setup(test_no_fix, setup),
		cmocka_unit_test_setup(test_customer_good_filter, setup),
		cmocka_unit_test_setup(test_customer_prefix_policyfile, setup),
		cmocka_unit_test_setup(test_peer_bogon_filter_only, setup),
		cmocka_unit_test_setup(test_frr_rfc8212_info, setup),
		cmocka_unit_test_setup(test_undefined_ref, setup),
		cmocka_unit_test_setup(test_first_as, setup),
		cmocka_unit_test_setup(test_export, setup),
		cmocka_unit_test_setup(test_rpki, setup),
		cmocka_unit_test_setup(test_antispoofing, setup),
		cmocka_unit_test_setup(test_waivers, setup),
		cmocka_unit_test_setup(test_selection, setup),
		cmocka_unit_test_setup(test_unparsed_and_desc, setup),
		cmocka_unit_test_setup(test_fix_vendors, setup),
		cmocka_unit_test_setup(test_roa, setup),
		cmocka_unit_test(test_probe_hits_memo),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
