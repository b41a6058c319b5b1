/* RPSL route-sets: members, range operators, nesting, hostile input. */
#include "helpers.h"

static int
load(ut_irr *f, const char *text)
{
	int rc = mc_irr_load_buf(f->s, "t.db", text, strlen(text), &f->d);

	mc_irr_finish(f->s);
	return rc;
}

/* The expansion as sorted text "p lo-hi;..." for comparison. */
static int
rcmp(const void *a, const void *b)
{
	const mc_range *x = a, *y = b;
	int c = mc_prefix_cmp(&x->p, &y->p);

	if (c != 0)
		return c;
	return x->lo != y->lo ? x->lo - y->lo : x->hi - y->hi;
}

static const char *
rtext(mc_irr_rexpansion *e, char *buf, size_t n)
{
	char p[MC_PREFIX_STRLEN];
	size_t i, o = 0;

	buf[0] = '\0';
	qsort(e->v, e->n, sizeof(*e->v), rcmp);
	for (i = 0; i < e->n && o < n; i++)
		o += (size_t)snprintf(buf + o, n - o, "%s%s %u-%u",
		    i > 0 ? ";" : "", mc_prefix_fmt(&e->v[i].p, p), e->v[i].lo,
		    e->v[i].hi);
	return buf;
}

static const char dump[] =
    "route-set: RS-CUST\n"
    "members: 192.0.2.0/24, 198.51.100.0/22^+,\n"
    "         203.0.113.0/24^-\n"
    "+        10.0.0.0/8^16-24 # a comment\n"
    "mp-members: 2001:db8::/32^48, RS-CUST:RS-V6\n"
    "members: AS-DOWN^24, RS-MISSING\n"
    "source: TEST\n"
    "\n"
    "route-set: RS-CUST:RS-V6\n"
    "mp-members: 2001:db8:1000::/36^+\n"
    "\n"
    "as-set: AS-DOWN\n"
    "members: AS64500\n"
    "\n"
    "route: 100.64.0.0/16\n"
    "origin: AS64500\n"
    "\n"
    "route: 100.65.0.0/24\n"
    "origin: AS64500\n"
    "\n"
    "route6: 2001:db8:2000::/40\n"
    "origin: AS64500\n"
    "\n"
    "route-set: RS-OUTER\n"
    "members: RS-INNER^24-32\n"
    "\n"
    "route-set: RS-INNER\n"
    "members: 5.0.0.0/8^+, 128.9.0.0/16^-, 30.0.0.0/8^20-26\n";

static void
test_members(void **st)
{
	mc_irr_rexpansion e;
	char buf[2048];
	ut_irr f;

	(void)st;
	ut_irr_init(&f);
	assert_int_equal(load(&f, dump), 0);
	assert_true(mc_irr_expand_routes(f.s, "rs-cust", 0, &e));
	/* AS-DOWN^24: the /24s within each of AS64500's route objects (the
	 * v6 one has none); RS-MISSING is not there. */
	assert_string_equal(rtext(&e, buf, sizeof(buf)),
	    "10.0.0.0/8 16-24;100.64.0.0/16 24-24;100.65.0.0/24 24-24;"
	    "192.0.2.0/24 24-24;198.51.100.0/22 22-32;203.0.113.0/24 25-32;"
	    "2001:db8::/32 48-48;2001:db8:1000::/36 36-128");
	assert_int_equal(e.missing, 1);
	assert_string_equal(e.first_missing, "RS-MISSING");
	assert_false(e.cycle);
	mc_irr_rexpansion_free(&e);

	/* One family only. */
	assert_true(mc_irr_expand_routes(f.s, "RS-CUST", MC_AF6, &e));
	assert_string_equal(rtext(&e, buf, sizeof(buf)),
	    "2001:db8::/32 48-48;2001:db8:1000::/36 36-128");
	mc_irr_rexpansion_free(&e);

	/* RFC 2622 section 2's example: an operator narrows a set. */
	assert_true(mc_irr_expand_routes(f.s, "RS-OUTER", 0, &e));
	assert_string_equal(rtext(&e, buf, sizeof(buf)),
	    "5.0.0.0/8 24-32;30.0.0.0/8 24-26;128.9.0.0/16 24-32");
	mc_irr_rexpansion_free(&e);

	/* Not route-sets. */
	assert_false(mc_irr_expand_routes(f.s, "AS-DOWN", 0, &e));
	assert_false(mc_irr_expand_routes(f.s, "RS-NONE", 0, &e));
	/* and a route-set is not an as-set */
	{
		mc_irr_expansion x;

		assert_false(mc_irr_expand(f.s, "RS-CUST", &x));
	}
	ut_irr_free(&f);
}

static void
test_cycle_depth(void **st)
{
	mc_irr_rexpansion e;
	char *big;
	size_t o = 0, cap = 1 << 20;
	int i;
	ut_irr f;

	(void)st;
	ut_irr_init(&f);
	assert_int_equal(load(&f,
	    "route-set: RS-A\nmembers: 192.0.2.0/24, RS-B\n\n"
	    "route-set: RS-B\nmembers: RS-A, 198.51.100.0/24\n"), 0);
	assert_true(mc_irr_expand_routes(f.s, "RS-A", 0, &e));
	assert_true(e.cycle);
	assert_int_equal(e.n, 2);
	mc_irr_rexpansion_free(&e);
	ut_irr_free(&f);

	/* 200 nested sets: cut at the depth limit, nothing hangs. */
	ut_irr_init(&f);
	big = malloc(cap);
	assert_non_null(big);
	for (i = 0; i < 200; i++)
		o += (size_t)snprintf(big + o, cap - o, "route-set: RS-N%d\n"
		    "members: 192.0.%d.0/24, RS-N%d\n\n", i, i % 256, i + 1);
	assert_int_equal(load(&f, big), 0);
	assert_true(mc_irr_expand_routes(f.s, "RS-N0", 0, &e));
	assert_true(e.too_deep);
	assert_int_equal(e.n, MC_IRR_EXPAND_DEPTH);
	mc_irr_rexpansion_free(&e);
	ut_irr_free(&f);

	/* A diamond ladder (each set names the next one twice): 2^30 paths
	 * without a bound; the work limit stops it. */
	ut_irr_init(&f);
	o = 0;
	for (i = 0; i < 30; i++)
		o += (size_t)snprintf(big + o, cap - o, "route-set: RS-D%d\n"
		    "members: 192.0.2.0/24, RS-D%d, RS-D%d^+\n\n", i, i + 1,
		    i + 1);
	assert_int_equal(load(&f, big), 0);
	assert_true(mc_irr_expand_routes(f.s, "RS-D0", 0, &e));
	assert_true(e.truncated);
	assert_true(e.n <= MC_IRR_RANGES_MAX);
	mc_irr_rexpansion_free(&e);
	ut_irr_free(&f);
	free(big);
}

static void
test_errors(void **st)
{
	static const struct {
		const char *text;
		int line;
		const char *what;
	} bad[] = {
		{ "route-set: RS-X\nmembers: 192.0.2.0/24^33\n", 2,
		  "lengths outside" },
		{ "route-set: RS-X\nmembers: 192.0.2.0/24^16\n", 2,
		  "lengths outside" },
		{ "route-set: RS-X\nmembers: 192.0.2.0/24^28-26\n", 2,
		  "bad range operator" },
		{ "route-set: RS-X\nmembers: 192.0.2.0/24^\n", 2,
		  "bad range operator" },
		{ "route-set: RS-X\nmembers: 192.0.2.1/24\n", 2,
		  "not a valid prefix" },
		{ "route-set: RS-X\nmembers: FOO-BAR\n", 2, "neither a prefix" },
		{ "route-set: AS-NOT-RS\nmembers: 192.0.2.0/24\n", 1,
		  "route-set name" },
		{ "route-set:\nmembers: 192.0.2.0/24\n", 1, "without a name" },
		{ "route-set: RS-X\nmembers: 10.0.0.0/8^99999999999\n", 2,
		  "bad range operator" },
	};
	size_t i;

	(void)st;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ut_irr f;

		ut_irr_init(&f);
		assert_int_equal(load(&f, bad[i].text), -1);
		ut_irr_want_error(&f, bad[i].line, bad[i].what);
		ut_irr_free(&f);
	}
}

/* Every prefix of the dump cut at every byte, and bytes flipped: an
 * error or a load, never a crash (ASan run in `make test`). */
static void
test_truncated_and_garbled(void **st)
{
	size_t n = strlen(dump), cut, k;
	char *buf = malloc(n + 1);
	unsigned seed = 1;

	(void)st;
	assert_non_null(buf);
	for (cut = 0; cut <= n; cut++) {
		mc_irr_rexpansion e;
		ut_irr f;

		ut_irr_init(&f);
		memcpy(buf, dump, cut);
		(void)mc_irr_load_buf(f.s, "t.db", buf, cut, &f.d);
		mc_irr_finish(f.s);
		if (mc_irr_expand_routes(f.s, "RS-CUST", 0, &e))
			mc_irr_rexpansion_free(&e);
		ut_irr_free(&f);
	}
	for (k = 0; k < 2000; k++) {
		mc_irr_rexpansion e;
		ut_irr f;
		int j;

		memcpy(buf, dump, n);
		for (j = 0; j < 4; j++) {
			seed = seed * 1103515245 + 12345;
			buf[(seed >> 8) % n] = (char)(seed >> 20);
		}
		ut_irr_init(&f);
		(void)mc_irr_load_buf(f.s, "t.db", buf, n, &f.d);
		mc_irr_finish(f.s);
		if (mc_irr_expand_routes(f.s, "RS-CUST", 0, &e))
			mc_irr_rexpansion_free(&e);
		if (mc_irr_expand_routes(f.s, "RS-OUTER", 0, &e))
			mc_irr_rexpansion_free(&e);
		ut_irr_free(&f);
	}
	free(buf);
}

/* Lenient mode: bad objects are dropped and counted, good ones kept; the
 * same text fails in the default (strict) mode. */
static void
test_lenient(void **st)
{
	static const char text[] =
	    "route: 192.0.2.1/24\norigin: AS1\n\n"		/* host bits */
	    "route: 198.51.100.0/24\norigin: AS2\n\n"
	    "route: 203.0.113.0/24\n\n"			/* no origin */
	    "as-set: AS-GOOD\nmembers: AS1, AS2\n\n"
	    "as-set: AS-BAD\nmembers: AS3, FOO, AS4\n\n"	/* bad member */
	    "  continuation outside an object\nroute: 10.0.0.0/8\n\n"
	    "garbage without a colon\nmore garbage\n\n"
	    "route-set: RS-X\nmembers: 192.0.2.0/24^99\n\n"
	    "route6: 2001:db8::/32\norigin: AS3\n";
	mc_irr_expansion x;
	const char *first;
	ut_irr f;

	(void)st;
	ut_irr_init(&f);
	assert_int_equal(load(&f, text), -1);
	ut_irr_want_error(&f, 1, "not a valid prefix");
	ut_irr_free(&f);

	ut_irr_init(&f);
	mc_irr_set_lenient(f.s, true);
	assert_int_equal(load(&f, text), 0);
	assert_int_equal(f.d.errors.n, 0);
	assert_int_equal(mc_irr_nskipped(f.s, &first), 6);
	assert_non_null(first);
	assert_string_equal(first, "t.db:1: route: not a valid prefix");
	assert_int_equal(mc_irr_nroutes(f.s), 2);	/* AS2's and AS3's */
	assert_true(mc_irr_expand(f.s, "AS-GOOD", &x));
	assert_int_equal(x.n, 1);	/* AS1-AS2 merged */
	mc_irr_expansion_free(&x);
	assert_true(mc_irr_expand(f.s, "AS-BAD", &x));	/* known, empty */
	assert_int_equal(x.n, 0);
	mc_irr_expansion_free(&x);
	ut_irr_free(&f);

	/* Fatal even when lenient: binary data. */
	ut_irr_init(&f);
	mc_irr_set_lenient(f.s, true);
	assert_int_equal(mc_irr_load_buf(f.s, "t.db", "route: 10.0.0.0/8\n\0\n",
	    20, &f.d), -1);
	ut_irr_want_error(&f, 2, "binary data");
	ut_irr_free(&f);
}

/* The route table's own sort: sorted, reversed, all-equal and random
 * inputs with many duplicates; every lookup agrees with a count. */
static void
test_route_sort(void **st)
{
	static const int shapes[] = { 0, 1, 2, 3 };
	size_t cap = 8 << 20, o, k;
	char *buf = malloc(cap);
	unsigned seed = 7, want[64];
	int sh, i;

	(void)st;
	assert_non_null(buf);
	for (sh = 0; sh < 4; sh++) {
		const mc_irr_route *rv[1];
		ut_irr f;

		memset(want, 0, sizeof(want));
		o = 0;
		for (i = 0; i < 60000; i++) {
			unsigned a, as;

			switch (shapes[sh]) {
			case 0: a = (unsigned)i; as = (unsigned)i % 64; break;
			case 1: a = 60000u - (unsigned)i; as = 63 - (unsigned)i % 64; break;
			case 2: a = 5; as = 9; break;
			default:
				seed = seed * 1103515245 + 12345;
				a = (seed >> 8) % 5000;
				as = (seed >> 4) % 64;
				break;
			}
			o += (size_t)snprintf(buf + o, cap - o, "route: %u.%u.%u.0/24\n"
			    "origin: AS%u\n\n", 1 + a / 65536 % 200, a / 256 % 256,
			    a % 256, 1000 + as);
		}
		ut_irr_init(&f);
		assert_int_equal(mc_irr_load_buf(f.s, "t.db", buf, o, &f.d), 0);
		mc_irr_finish(f.s);
		/* distinct (origin, prefix) pairs, counted the slow way */
		for (k = 0; k < 64; k++)
			want[k] = (unsigned)mc_irr_routes_of(f.s, 1000 + (uint32_t)k,
			    0, rv, 0);
		{
			size_t tot = 0;

			for (k = 0; k < 64; k++)
				tot += want[k];
			assert_int_equal(tot, mc_irr_nroutes(f.s));
		}
		if (sh == 2)
			assert_int_equal(mc_irr_nroutes(f.s), 1);
		if (sh < 2)
			assert_int_equal(mc_irr_nroutes(f.s), 60000);
		/* every route of AS1000 is found by exact lookup */
		{
			const mc_irr_route **all;
			size_t nn = mc_irr_routes_of(f.s, 1000, 0, NULL, 0), q;

			all = malloc((nn + 1) * sizeof(*all));
			assert_non_null(all);
			assert_int_equal(mc_irr_routes_of(f.s, 1000, 0, all, nn), nn);
			for (q = 0; q < nn; q++) {
				assert_true(mc_irr_has_route(f.s, &all[q]->p, 1000));
				if (q > 0)
					assert_true(mc_prefix_cmp(&all[q - 1]->p,
					    &all[q]->p) < 0);
			}
			free(all);
		}
		ut_irr_free(&f);
	}
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_members),
		cmocka_unit_test(test_cycle_depth),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_truncated_and_garbled),
		cmocka_unit_test(test_lenient),
		cmocka_unit_test(test_route_sort),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
