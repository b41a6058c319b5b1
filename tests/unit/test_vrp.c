/* VRP loaders and RFC 6811 origin validation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "manrs/policy.h"
#include "manrs/vrp.h"

static mc_prefix
P(const char *s)
{
	mc_prefix p;

	assert_true(mc_prefix_parse(s, strlen(s), &p));
	return p;
}

static int
load(mc_vrps *s, const char *text, mc_diag *d)
{
	return mc_vrps_load_buf(s, "t", text, strlen(text), d);
}

static void
test_rfc6811(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_diag d;
	mc_vrps *s = mc_vrps_new();
	mc_prefix p;

	(void)state;
	mc_diag_init(&d, a);
	assert_int_equal(load(s, "ASN,IP Prefix,Max Length,Trust Anchor\n"
	    "AS64999,185.10.0.0/16,20,lab\n"
	    "AS0,185.20.0.0/16,16,lab\n"
	    "AS64998,2a0e:1000::/32,48,lab\n", &d), 0);
	assert_int_equal(mc_vrps_count(s), 3);
	p = P("185.10.0.0/16");
	assert_int_equal(mc_vrps_validate(s, &p, 64999), MC_ROV_VALID);
	p = P("185.10.16.0/20");
	assert_int_equal(mc_vrps_validate(s, &p, 64999), MC_ROV_VALID);
	/* Longer than maxLength: invalid even with the right origin. */
	p = P("185.10.16.0/24");
	assert_int_equal(mc_vrps_validate(s, &p, 64999), MC_ROV_INVALID);
	/* Wrong origin. */
	p = P("185.10.0.0/16");
	assert_int_equal(mc_vrps_validate(s, &p, 64500), MC_ROV_INVALID);
	/* AS0 covers but never validates. */
	p = P("185.20.1.0/24");
	assert_int_equal(mc_vrps_validate(s, &p, 0), MC_ROV_INVALID);
	/* Not covered: a less specific of a VRP is not covered by it. */
	p = P("185.0.0.0/8");
	assert_int_equal(mc_vrps_validate(s, &p, 64999), MC_ROV_NOTFOUND);
	p = P("2a0e:1000:5::/48");
	assert_int_equal(mc_vrps_validate(s, &p, 64998), MC_ROV_VALID);
	p = P("2a0e:1000:5::/49");
	assert_int_equal(mc_vrps_validate(s, &p, 64998), MC_ROV_INVALID);
	assert_int_equal(d.errors.n, 0);
	mc_vrps_free(s);
	mc_arena_free(a);
}

/* The same VRPs in every format give the same answers. */
static void
test_formats(void **state)
{
	static const char *inputs[] = {
		"{\"metadata\":{},\"roas\":[{\"asn\":64999,\"prefix\":\"185.10.0.0/24\","
		    "\"maxLength\":24,\"ta\":\"lab\"},{\"asn\":\"AS64512\","
		    "\"prefix\":\"2a0e::/32\",\"maxLength\":40,\"ta\":\"x\"}]}",
		/* An escape and a nested value: the jansson path, not the fast one. */
		"{\"roas\":[{\"asn\":64999,\"prefix\":\"185.10.0.0/24\",\"maxLength\":24,"
		    "\"ta\":\"l\\u0061b\",\"x\":[1]},{\"asn\":\"AS64512\","
		    "\"prefix\":\"2a0e::/32\",\"maxLength\":40}],\"metadata\":{}}",
		"AS64999,185.10.0.0/24,24,lab,1893456000\nAS64512,2a0e::/32,40,x\n",
		"# Generated\nroa-set {\n\t185.10.0.0/24 source-as 64999 expires 1\n"
		    "\t2a0e::/32 maxlen 40 source-as 64512\n}\n",
		"# Generated\n\ndefine force = 1;\nroa4 table R4;\nroa6 table R6;\n"
		    "protocol static {\n\troa4 { table R4; };\n"
		    "\troute 185.10.0.0/24 max 24 as 64999;\n}\n"
		    "protocol static {\n\troa6 { table R6; };\n"
		    "\troute 2a0e::/32 max 40 as 64512;\n}\n",
		"roa table ROAS {\n\troa 185.10.0.0/24 max 24 as 64999;\n"
		    "\troa 2a0e::/32 max 40 as 64512;\n}\n",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		mc_arena *a = mc_arena_new();
		mc_diag d;
		mc_vrps *s = mc_vrps_new();
		mc_prefix p;

		mc_diag_init(&d, a);
		assert_int_equal(load(s, inputs[i], &d), 0);
		assert_int_equal(mc_vrps_count(s), 2);
		p = P("185.10.0.0/24");
		assert_int_equal(mc_vrps_validate(s, &p, 64999), MC_ROV_VALID);
		p = P("2a0e:0:8000::/33");
		assert_int_equal(mc_vrps_validate(s, &p, 64512), MC_ROV_VALID);
		assert_int_equal(mc_vrps_validate(s, &p, 1), MC_ROV_INVALID);
		mc_vrps_free(s);
		mc_arena_free(a);
	}
}

/* Hostile input: a clear error with a line, never a crash. */
static void
test_bad(void **state)
{
	static const struct { const char *text; int line; } cases[] = {
		{ "", 0 },
		{ "{\"roas\": [ {\"asn\": 1, \"prefix\": \"1.0.0.0/8\"", 1 },
		{ "{\"roas\": [ {\"asn\": -5, \"prefix\": \"1.0.0.0/8\"} ] }", 0 },
		{ "{\"other\": 1}", 1 },
		{ "ASN,IP Prefix,Max Length\nAS1,1.0.0.0/8,7,x\n", 2 },
		{ "AS1,1.0.0.0/8,33,x\n", 1 },
		{ "AS1,1.0.0.1/8,8,x\n", 1 },
		{ "AS99999999999,1.0.0.0/8,8,x\n", 1 },
		{ "roa-set {\n 1.0.0.0/8 source-as\n}\n", 2 },
		{ "hello world\n", 1 },
		{ "roa-set {\n 1.0.0.0/8 maxlen 9 expires 5\n}\n", 2 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		mc_arena *a = mc_arena_new();
		mc_diag d;
		mc_vrps *s = mc_vrps_new();

		mc_diag_init(&d, a);
		if (load(s, cases[i].text, &d) != -1)
			fail_msg("case %zu accepted", i);
		assert_int_equal(d.errors.n, 1);
		assert_int_equal(d.errors.v[0].line, cases[i].line);
		mc_vrps_free(s);
		mc_arena_free(a);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc6811),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
