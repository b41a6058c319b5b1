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

/* Random VRP sets (many duplicates, both families, nested prefixes)
 * against a linear RFC 6811 evaluation: the sorted index must give the
 * same state for every query. */
static int
rov_linear(const mc_vrp *v, size_t n, const mc_prefix *p, uint32_t origin)
{
	int covered = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!mc_prefix_contains(&v[i].p, p))
			continue;
		covered = 1;
		if (v[i].asn != 0 && v[i].asn == origin && p->len <= v[i].maxlen)
			return MC_ROV_VALID;
	}
	return covered ? MC_ROV_INVALID : MC_ROV_NOTFOUND;
}

static void
rnd_prefix(unsigned *seed, mc_prefix *p, int af, int min)
{
	int i;

	memset(p, 0, sizeof(*p));
	p->af = (uint8_t)af;
	for (i = 0; i < 16; i++) {
		*seed = *seed * 1103515245 + 12345;
		p->a[i] = (uint8_t)(*seed >> 16) & (i == 0 ? 0x0f : 0xff);
	}
	*seed = *seed * 1103515245 + 12345;
	p->len = (uint8_t)(min + (*seed >> 16) % (af == MC_AF6 ? 33 : 15));
	mc_prefix_clear_host(p);
}

static void
test_sorted_index(void **state)
{
	enum { NV = 20000, NQ = 4000 };
	static mc_vrp v[NV];
	unsigned seed = 42;
	mc_vrps *s = mc_vrps_new();
	int seen[3] = { 0, 0, 0 }, st;
	size_t i;

	(void)state;
	for (i = 0; i < NV; i++) {
		int af = i % 3 == 0 ? MC_AF6 : MC_AF4;

		rnd_prefix(&seed, &v[i].p, af, af == MC_AF6 ? 20 : 12);
		seed = seed * 1103515245 + 12345;
		v[i].asn = (seed >> 16) % 50;	/* AS0 included */
		v[i].maxlen = (uint8_t)(v[i].p.len + (seed >> 8) % 4);
		if (v[i].maxlen > mc_af_bits(af))
			v[i].maxlen = (uint8_t)mc_af_bits(af);
		mc_vrps_add(s, &v[i]);
		if (i % 7 == 0)
			mc_vrps_add(s, &v[i]);	/* duplicates */
	}
	for (i = 0; i < NQ; i++) {
		mc_prefix q;
		uint32_t origin;

		seed = seed * 1103515245 + 12345;
		origin = (seed >> 16) % 50;
		if (i % 2 == 0) {
			/* within a VRP: a more-specific by 0-3 bits */
			const mc_vrp *w = &v[(seed >> 4) % NV];
			int len = w->p.len + (int)(seed >> 24) % 4, b;

			q = w->p;
			for (b = q.len; b < len && b < mc_af_bits(q.af); b++)
				mc_prefix_set_bit(&q, b, (int)(seed >> (b % 16)) & 1);
			q.len = (uint8_t)b;
			if (i % 4 == 0)
				origin = w->asn;
		} else
			rnd_prefix(&seed, &q, i % 3 == 0 ? MC_AF6 : MC_AF4,
			    i % 3 == 0 ? 20 : 14);
		st = rov_linear(v, NV, &q, origin);
		assert_int_equal(mc_vrps_validate(s, &q, origin), st);
		seen[st == MC_ROV_VALID ? 0 : st == MC_ROV_INVALID ? 1 : 2]++;
	}
	/* the queries exercise every outcome */
	print_message("valid %d invalid %d not-found %d\n", seen[0], seen[1], seen[2]);
	assert_true(seen[0] > 20 && seen[1] > 20 && seen[2] > 20);
	mc_vrps_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc6811),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_sorted_index),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
