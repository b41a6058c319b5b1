/* RPSL loader, as-set expansion, hostile inputs. */
#include <unistd.h>
#include <zlib.h>

#include "helpers.h"

static mc_prefix
P(const char *s)
{
	mc_prefix p;

	assert_true(mc_prefix_parse(s, strlen(s), &p));
	return p;
}

static int
load(ut_irr *f, const char *text)
{
	return mc_irr_load_buf(f->s, "t.db", text, strlen(text), &f->d);
}

static const char lab[] =
    "% a comment from the server\n"
    "# and one of ours\n"
    "as-set:   AS-LAB\n"
    "descr:    lab # trailing comment\n"
    "members:  AS200, AS-LAB-CUST # AS999 is commented out\n"
    "+         AS202\n"
    "\t   as203,AS65000.1\n"
    "mbrs-by-ref: ANY\n"
    "source:   LAB\n"
    "\n"
    "as-set:   AS-LAB-CUST\n"
    "members:  AS201, AS64512 - AS64515, AS70000-AS70001\n"
    "members:  AS1:AS-DOWN\n"
    "source:   LAB\n"
    "\n"
    "as-set:   AS1:AS-DOWN\n"
    "members:  AS300, AS-NOWHERE\n"
    "\n"
    "route:    185.10.0.0/24\n"
    "origin:   AS200\n"
    "x-unknown-attribute: whatever\n"
    "\n"
    "route:    185.10.4.0/22\n"
    "descr:    spans\n"
    "  two lines\n"
    "origin:   as200\n"
    "\n"
    "route6:   2001:db8:100::/48\n"
    "origin:   AS201\n"
    "\n"
    "aut-num:  AS200\n"
    "as-name:  LAB\n"
    "admin-c:  LAB1-LAB\n"
    "tech-c:   LAB2-LAB\n"
    "\n"
    "aut-num:  AS201\n"
    "admin-c:  LAB1-LAB\n"
    "\n"
    "person:   Lab Admin\n"
    "nic-hdl:  LAB1-LAB\n"
    "\n"
    "role:     Lab NOC\n"
    "nic-hdl:  lab2-lab\n"
    "\n"
    "mntner:   MAINT-LAB\n"
    "auth:     CRYPT-PW xxx\n"
    "\n"
    "route-set: RS-LAB\n"
    "members:  185.10.0.0/22^+\n"
    "\n"
    "inet-rtr: r1.lab\n"
    "local-as: AS200\n";	/* no blank line at the end */

static void
test_lab(void **state)
{
	mc_irr_expansion e;
	const mc_irr_route *rv[4];
	unsigned fl;
	ut_irr f;

	(void)state;
	ut_irr_init(&f);
	assert_int_equal(load(&f, lab), 0);
	assert_int_equal(f.d.errors.n, 0);
	mc_irr_finish(f.s);
	assert_int_equal(mc_irr_nroutes(f.s), 3);
	assert_int_equal(mc_irr_nsets(f.s), 3);

	mc_prefix p = P("185.10.0.0/24");
	assert_true(mc_irr_has_route(f.s, &p, 200));
	assert_false(mc_irr_has_route(f.s, &p, 201));
	p = P("185.10.5.0/24");
	assert_false(mc_irr_has_route(f.s, &p, 200));
	assert_true(mc_irr_route_covers(f.s, &p, 200));
	assert_false(mc_irr_route_covers(f.s, &p, 201));
	p = P("2001:db8:100::/48");
	assert_true(mc_irr_has_route(f.s, &p, 201));
	assert_int_equal(mc_irr_routes_of(f.s, 200, 0, rv, 4), 2);
	assert_int_equal(mc_irr_routes_of(f.s, 200, MC_AF6, rv, 4), 0);
	assert_int_equal(mc_irr_routes_of(f.s, 201, MC_AF6, rv, 4), 1);

	assert_true(mc_irr_autnum(f.s, 200, &fl));
	assert_int_equal(fl, MC_IRR_ADMIN_C | MC_IRR_TECH_C);
	assert_true(mc_irr_autnum(f.s, 201, &fl));
	assert_int_equal(fl, MC_IRR_ADMIN_C);
	assert_false(mc_irr_autnum(f.s, 202, &fl));
	assert_true(mc_irr_contact_exists(f.s, "lab1-lab"));
	assert_true(mc_irr_contact_exists(f.s, "LAB2-LAB"));
	assert_false(mc_irr_contact_exists(f.s, "LAB3-LAB"));

	/* AS-LAB: 200 202 203 65000.1=4259840001, and AS-LAB-CUST: 201
	 * 64512-64515 70000-70001, AS1:AS-DOWN: 300 (AS-NOWHERE missing). */
	assert_true(mc_irr_expand(f.s, "as-lab", &e));
	assert_int_equal(e.n, 5);
	assert_int_equal(e.v[0].lo, 200);
	assert_int_equal(e.v[0].hi, 203);	/* 200..203 merged */
	assert_int_equal(e.v[1].lo, 300);
	assert_int_equal(e.v[2].lo, 64512);
	assert_int_equal(e.v[2].hi, 64515);
	assert_int_equal(e.v[3].lo, 70000);
	assert_int_equal(e.v[3].hi, 70001);
	assert_int_equal(e.v[4].lo, 4259840001u);
	assert_int_equal(e.missing, 1);
	assert_string_equal(e.first_missing, "AS-NOWHERE");
	assert_false(e.cycle);
	mc_irr_expansion_free(&e);

	assert_true(mc_irr_expand(f.s, "AS65001", &e));
	assert_int_equal(e.n, 1);
	assert_int_equal(e.v[0].lo, 65001);
	mc_irr_expansion_free(&e);
	assert_false(mc_irr_expand(f.s, "AS-UNKNOWN", &e));
	mc_irr_expansion_free(&e);
	ut_irr_free(&f);
}

static void
test_cycle_and_depth(void **state)
{
	mc_irr_expansion e;
	char *buf, *p;
	int i;
	ut_irr f;

	(void)state;
	ut_irr_init(&f);
	assert_int_equal(load(&f, "as-set: AS-A\nmembers: AS1, AS-B\n\n"
	    "as-set: AS-B\nmembers: AS2, AS-C\n\n"
	    "as-set: AS-C\nmembers: AS-A, AS-C, AS3\n"), 0);
	mc_irr_finish(f.s);
	assert_true(mc_irr_expand(f.s, "AS-A", &e));
	assert_true(e.cycle);
	assert_int_equal(e.n, 1);
	assert_int_equal(e.v[0].lo, 1);
	assert_int_equal(e.v[0].hi, 3);
	mc_irr_expansion_free(&e);
	ut_irr_free(&f);

	/* A chain 100 deep is cut at the limit, without recursing further. */
	ut_irr_init(&f);
	buf = p = malloc(100 * 64);
	for (i = 0; i < 100; i++)
		p += sprintf(p, "as-set: AS-D%d\nmembers: AS%d, AS-D%d\n\n", i,
		    i + 1, i + 1);
	assert_int_equal(load(&f, buf), 0);
	free(buf);
	mc_irr_finish(f.s);
	assert_true(mc_irr_expand(f.s, "AS-D0", &e));
	assert_true(e.too_deep);
	assert_int_equal(e.n, 1);
	assert_int_equal(e.v[0].lo, 1);
	assert_int_equal(e.v[0].hi, MC_IRR_EXPAND_DEPTH);
	mc_irr_expansion_free(&e);
	ut_irr_free(&f);
}

/* Several sources: the first one loaded wins for a set of the same name. */
static void
test_source_order(void **state)
{
	mc_irr_expansion e;
	ut_irr f;

	(void)state;
	ut_irr_init(&f);
	assert_int_equal(load(&f, "as-set: AS-X\nmembers: AS1\nsource: A\n"), 0);
	assert_int_equal(load(&f, "as-set: as-x\nmembers: AS2\nsource: B\n\n"
	    "route: 10.0.0.0/8\norigin: AS2\n"), 0);
	mc_irr_finish(f.s);
	assert_true(mc_irr_expand(f.s, "AS-X", &e));
	assert_int_equal(e.n, 1);
	assert_int_equal(e.v[0].lo, 1);
	mc_irr_expansion_free(&e);
	assert_int_equal(mc_irr_nroutes(f.s), 1);
	ut_irr_free(&f);
}

static void
bad(const char *text, int line, const char *what)
{
	ut_irr f;

	ut_irr_init(&f);
	assert_int_equal(load(&f, text), -1);
	ut_irr_want_error(&f, line, what);
	ut_irr_free(&f);
}

static void
test_hostile(void **state)
{
	char *big;
	ut_irr f;

	(void)state;
	/* truncated object: route without origin at the end of the file */
	bad("route: 10.0.0.0/8\norigin: AS1\n\nroute: 10.1.0.0/16\n",
	    4, "without origin");
	bad("route: 10.0.0.0/8\nori", 2, "attribute: value");
	bad("route: 10.0.0.0/33\norigin: AS1\n", 1, "not a valid prefix");
	bad("route: 10.0.0.1/8\norigin: AS1\n", 1, "not a valid prefix");
	bad("route6: 10.0.0.0/8\norigin: AS1\n", 1, "not a valid prefix");
	bad("route: 10.0.0.0/8\norigin: ASX\n", 2, "origin");
	bad("aut-num: 12345\n", 1, "AS number");
	bad("as-set: FOO\nmembers: AS1\n", 1, "as-set name");
	bad("as-set: AS-FOO\nmembers: AS1, 1.2.3.4\n", 2, "as-set member");
	bad("as-set: AS-FOO\nmembers: AS1 -\n", 1, "dangling");
	bad(" continuation\n", 1, "continuation");
	bad("route: 10.0.0.0/8\norigin: AS1\n\n\x01\x02\x03garbage\n", 4,
	    "attribute: value");

	/* A NUL inside a line needs the length-aware loader. */
	ut_irr_init(&f);
	assert_int_equal(mc_irr_load_buf(f.s, "t.db", "as-set: AS-A\n\0\n", 15,
	    &f.d), -1);
	ut_irr_want_error(&f, 2, "binary");
	ut_irr_free(&f);

	/* A huge line, with or without a newline. */
	big = malloc(3 * MC_IRR_LINE_MAX);
	memset(big, 'a', 3 * MC_IRR_LINE_MAX - 1);
	memcpy(big, "remarks: ", 9);
	big[3 * MC_IRR_LINE_MAX - 1] = '\0';
	bad(big, 1, "too long");
	big[2 * MC_IRR_LINE_MAX] = '\n';
	bad(big, 1, "too long");
	free(big);

	/* Unknown attributes and classes are tolerated. */
	ut_irr_init(&f);
	assert_int_equal(load(&f, "key-cert: PGPKEY-1\nx: y\n\n"
	    "route: 10.0.0.0/8\norigin: AS1\nfoo-bar_baz: 1\n"), 0);
	mc_irr_finish(f.s);
	assert_int_equal(mc_irr_nroutes(f.s), 1);
	ut_irr_free(&f);
}

/* Files: plain and gzip through the same call; a truncated gzip file and
 * a missing file fail with the file named. */
static void
test_files(void **state)
{
	char plain[] = "/tmp/test_irr_XXXXXX", gz[] = "/tmp/test_irr_gz_XXXXXX";
	const char *text = "route: 192.0.2.0/24\norigin: AS64500\n\n"
	    "route6: 2001:db8::/32\norigin: AS64500\n";
	mc_prefix p;
	gzFile g;
	FILE *fp;
	long sz;
	int fd;
	ut_irr f;

	(void)state;
	fd = mkstemp(plain);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (long)strlen(text));
	close(fd);
	fd = mkstemp(gz);
	assert_true(fd >= 0);
	close(fd);
	g = gzopen(gz, "wb");
	assert_non_null(g);
	assert_true(gzputs(g, text) > 0);
	gzclose(g);

	ut_irr_init(&f);
	assert_int_equal(mc_irr_load(f.s, plain, &f.d), 0);
	assert_int_equal(mc_irr_load(f.s, gz, &f.d), 0);
	mc_irr_finish(f.s);
	assert_int_equal(mc_irr_nroutes(f.s), 2);	/* duplicates merged */
	p = P("2001:db8::/32");
	assert_true(mc_irr_has_route(f.s, &p, 64500));
	assert_int_equal(mc_irr_load(f.s, "/nonexistent/x.db", &f.d), -1);
	assert_string_equal(f.d.errors.v[0].file, "/nonexistent/x.db");
	ut_irr_free(&f);

	/* Cut the gzip file in half. */
	fp = fopen(gz, "r+");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	sz = ftell(fp);
	fclose(fp);
	assert_int_equal(truncate(gz, sz / 2), 0);
	ut_irr_init(&f);
	assert_int_equal(mc_irr_load(f.s, gz, &f.d), -1);
	assert_true(f.d.errors.n >= 1);
	ut_irr_free(&f);
	unlink(plain);
	unlink(gz);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lab),
		cmocka_unit_test(test_cycle_and_depth),
		cmocka_unit_test(test_source_order),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
