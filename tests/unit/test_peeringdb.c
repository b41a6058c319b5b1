/* PeeringDB dump loader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "manrs/peeringdb.h"

static int
load(mc_pdb *s, const char *text, mc_diag *d)
{
	return mc_pdb_load_buf(s, "p.json", text, strlen(text), d);
}

static void
test_dump(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_pdb *s = mc_pdb_new();
	const mc_pdb_net *n;
	mc_diag d;

	(void)state;
	mc_diag_init(&d, a);
	assert_int_equal(load(s, "{\"net\":{\"data\":["
	    "{\"id\":7,\"asn\":64500,\"name\":\"A\",\"irr_as_set\":\"AS-A\"},"
	    "{\"id\":3,\"asn\":64501,\"name\":\"B\"}]},"
	    "\"poc\":{\"data\":["
	    "{\"net_id\":7,\"role\":\"noc\",\"email\":\"n@a.example\"},"
	    "{\"net_id\":7,\"role\":\"Abuse\",\"phone\":\"+1 555\"},"
	    "{\"net_id\":7,\"role\":\"Policy\",\"email\":\"p@a.example\"},"
	    "{\"net_id\":3,\"role\":\"NOC\",\"email\":\"\"},"
	    "{\"net_id\":99,\"role\":\"NOC\",\"email\":\"x@y.example\"}]},"
	    "\"netixlan\":{\"data\":[{\"net_id\":7},{\"net_id\":7},"
	    "{\"net_id\":3}]}}", &d), 0);
	assert_int_equal(mc_pdb_count(s), 2);
	n = mc_pdb_net_by_asn(s, 64500);
	assert_non_null(n);
	assert_int_equal(n->id, 7);
	assert_int_equal(n->ncontacts, 2);
	assert_int_equal(n->npocs, 3);
	assert_int_equal(n->nixlan, 2);
	assert_string_equal(n->irr_as_set, "AS-A");
	n = mc_pdb_net_by_asn(s, 64501);
	assert_non_null(n);
	assert_int_equal(n->ncontacts, 0);
	assert_int_equal(n->npocs, 1);
	assert_string_equal(n->irr_as_set, "");
	assert_null(mc_pdb_net_by_asn(s, 64502));
	mc_pdb_free(s);
	mc_arena_free(a);
}

static void
bad(const char *text, const char *what)
{
	mc_arena *a = mc_arena_new();
	mc_pdb *s = mc_pdb_new();
	mc_diag d;

	mc_diag_init(&d, a);
	assert_int_equal(load(s, text, &d), -1);
	assert_true(d.errors.n >= 1);
	assert_string_equal(d.errors.v[0].file, "p.json");
	assert_non_null(strstr(d.errors.v[0].message, what));
	mc_pdb_free(s);
	mc_arena_free(a);
}

static void
test_bad(void **state)
{
	(void)state;
	bad("", "not valid JSON");
	bad("{\"net\":{\"data\":[{\"id\":1,\"asn\":1}]", "not valid JSON");
	bad("[]", "not a PeeringDB dump");
	bad("{\"poc\":{\"data\":[]}}", "no \"net\"");
	bad("{\"net\":[]}", "expected {\"data\"");
	bad("{\"net\":{\"data\":[{\"id\":1,\"asn\":\"x\"}]}}", "integer");
	bad("{\"net\":{\"data\":[{\"id\":1,\"asn\":-5}]}}", "integer");
	bad("{\"net\":{\"data\":[{\"id\":1,\"asn\":1}]},"
	    "\"poc\":{\"data\":[7]}}", "net_id");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dump),
		cmocka_unit_test(test_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
