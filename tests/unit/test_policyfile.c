/* The YAML policy file: contract of DESIGN.md section 7, strict errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "manrs/policyfile.h"
#include "manrs/rules.h"

static mc_policyfile *
parse(mc_arena *a, mc_diag *d, const char *text)
{
	mc_diag_init(d, a);
	return mc_policyfile_parse(a, "p.yaml", text, strlen(text), d);
}

/* The error list has one at `line` whose message contains `frag`. */
static void
assert_error(const mc_diag *d, int line, const char *frag)
{
	size_t i;

	for (i = 0; i < d->errors.n; i++)
		if (d->errors.v[i].line == line &&
		    strstr(d->errors.v[i].message, frag) != NULL &&
		    strcmp(d->errors.v[i].file, "p.yaml") == 0)
			return;
	for (i = 0; i < d->errors.n; i++)
		fprintf(stderr, "  have: %d: %s\n", d->errors.v[i].line,
		    d->errors.v[i].message);
	fail_msg("no error at line %d containing '%s'", line, frag);
}

static void
test_full(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_diag d;
	mc_policyfile *pf;
	char buf[MC_PREFIX_STRLEN];

	(void)state;
	pf = parse(a, &d,
	    "asn: 64500\n"
	    "prefixes: [192.0.2.0/24, 2001:db8::/32]\n"
	    "as_set: AS-EXAMPLE\n"
	    "neighbors:\n"
	    "  - {device: r1, address: 198.51.100.1, role: customer, as_set: AS-CUST1,\n"
	    "     prefixes: [203.0.113.0/24]}\n"
	    "  - {remote_as: AS64496, role: provider}\n"
	    "  - {description: \"(?i)ix|peer\", role: peer, vrf: default}\n"
	    "interfaces:\n"
	    "  - {device: r1, name: GigabitEthernet0/1, role: customer}\n"
	    "waivers:\n"
	    "  - {rule: ASP-CUSTOMER-INGRESS, device: r2, interface: Gi0/1,\n"
	    "     reason: \"multihomed customer, ACL on CPE\", expires: 2027-06-30}\n"
	    "  - rule: FLT-MAX-PREFIX\n"
	    "    neighbor: 198.51.100.1\n"
	    "transit_free: [174, 3356]\n");
	assert_non_null(pf);
	assert_int_equal(d.errors.n, 0);
	assert_int_equal(pf->asn, 64500);
	assert_int_equal(pf->prefixes.n, 2);
	assert_string_equal(mc_prefix_fmt(&pf->prefixes.v[1], buf), "2001:db8::/32");
	assert_string_equal(pf->as_set, "AS-EXAMPLE");
	assert_int_equal(pf->neighbors.n, 3);
	assert_string_equal(pf->neighbors.v[0].device, "r1");
	assert_string_equal(pf->neighbors.v[0].address, "198.51.100.1");
	assert_int_equal(pf->neighbors.v[0].role, MC_ROLE_CUSTOMER);
	assert_int_equal(pf->neighbors.v[0].prefixes.n, 1);
	assert_int_equal(pf->neighbors.v[0].line, 5);
	assert_true(pf->neighbors.v[1].has_remote_as);
	assert_int_equal(pf->neighbors.v[1].remote_as, 64496);
	assert_int_equal(pf->neighbors.v[1].role, MC_ROLE_PROVIDER);
	assert_string_equal(pf->neighbors.v[2].description, "(?i)ix|peer");
	assert_int_equal(pf->interfaces.n, 1);
	assert_string_equal(pf->interfaces.v[0].name, "GigabitEthernet0/1");
	assert_int_equal(pf->waivers.n, 2);
	assert_string_equal(pf->waivers.v[0].rule, "ASP-CUSTOMER-INGRESS");
	assert_int_equal(pf->waivers.v[0].exp_y, 2027);
	assert_int_equal(pf->waivers.v[0].exp_m, 6);
	assert_int_equal(pf->waivers.v[0].exp_d, 30);
	assert_int_equal(pf->waivers.v[1].exp_y, 0);
	assert_int_equal(pf->waivers.v[1].line, 14);
	assert_int_equal(pf->transit_free.n, 2);
	assert_int_equal(pf->transit_free.v[1], 3356);
	mc_arena_free(a);
}

static void
test_empty(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_diag d;

	(void)state;
	assert_non_null(parse(a, &d, ""));
	assert_non_null(parse(a, &d, "# only a comment\n"));
	assert_int_equal(d.errors.n, 0);
	mc_arena_free(a);
}

static void
test_errors(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_diag d;

	(void)state;
	assert_null(parse(a, &d, "asn: 64500\nprefix: [192.0.2.0/24]\n"));
	assert_error(&d, 2, "unknown key 'prefix'");

	assert_null(parse(a, &d, "prefixes: [192.0.2.1/24]\n"));
	assert_error(&d, 1, "not a prefix");

	assert_null(parse(a, &d, "prefixes:\n  - 192.0.2.0/24\n  - 300.0.0.0/8\n"));
	assert_error(&d, 3, "'300.0.0.0/8'");

	assert_null(parse(a, &d, "neighbors:\n  - {address: 192.0.2.1, role: cousin}\n"));
	assert_error(&d, 2, "'cousin' is not one of");

	assert_null(parse(a, &d, "neighbors:\n  - {address: 192.0.2.300}\n"));
	assert_error(&d, 2, "not an IP address");

	assert_null(parse(a, &d, "neighbors:\n  - {adress: 192.0.2.1}\n"));
	assert_error(&d, 2, "unknown key 'adress'");

	assert_null(parse(a, &d, "neighbors:\n  - {description: \"(unclosed\"}\n"));
	assert_error(&d, 2, "bad regular expression");

	assert_null(parse(a, &d, "waivers:\n  - {rule: FLT-NOPE, reason: x}\n"));
	assert_error(&d, 2, "not a rule ID");

	assert_null(parse(a, &d, "waivers:\n  - {rule: SEC-GTSM, expires: 2027-02-30}\n"));
	assert_error(&d, 2, "not a date");

	assert_null(parse(a, &d, "waivers:\n  - {reason: none}\n"));
	assert_error(&d, 2, "'rule' is required");

	assert_null(parse(a, &d, "asn: 0\n"));
	assert_error(&d, 1, "not an AS number");

	assert_null(parse(a, &d, "asn: 64500\nasn: 64501\n"));
	assert_error(&d, 2, "given twice");

	assert_null(parse(a, &d, "neighbors: [ {address: 192.0.2.1\n"));
	assert_true(d.errors.n >= 1);
	assert_true(strstr(d.errors.v[0].message, "YAML error") != NULL);

	assert_null(parse(a, &d, "- a\n- b\n"));
	assert_error(&d, 1, "expected a mapping");

	assert_null(parse(a, &d, "interfaces:\n  - {name: Gi0/1}\n"));
	assert_error(&d, 2, "'role' is required");
	mc_arena_free(a);
}

static void
test_leap_day(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_diag d;
	mc_policyfile *pf;

	(void)state;
	pf = parse(a, &d, "waivers:\n  - {rule: all, expires: 2028-02-29}\n");
	assert_non_null(pf);
	assert_int_equal(pf->waivers.v[0].exp_d, 29);
	assert_null(parse(a, &d, "waivers:\n  - {rule: all, expires: 2027-02-29}\n"));
	mc_arena_free(a);
}

static void
test_load_missing(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_diag d;

	(void)state;
	mc_diag_init(&d, a);
	assert_null(mc_policyfile_load(a, "/nonexistent/manrs-check.yaml", &d));
	assert_int_equal(d.errors.n, 1);
	assert_int_equal(d.errors.v[0].line, 0);
	mc_arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_leap_day),
		cmocka_unit_test(test_load_missing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
