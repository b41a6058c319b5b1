/* Policy evaluation on devices built by hand with the model builders. */
#include <time.h>

#include "helpers.h"
#include "manrs/policy.h"
#include "policy/policy_int.h"	/* pol_path_sig */

static mc_arena *A;

/* ---- builders --------------------------------------------------------------- */

static mc_prefix
P(const char *s)
{
	mc_prefix p;

	if (!mc_prefix_parse(s, strlen(s), &p))
		fail_msg("bad prefix %s", s);
	return p;
}

/* "deny 10.0.0.0/8 8 32; permit 0.0.0.0/0 0 24" */
static mc_prefix_list *
plist(mc_device *d, const char *name, const char *spec)
{
	mc_prefix_list *pl = mc_alloc(A, sizeof(*pl));
	char *s = mc_strdup(A, spec), *save = NULL, *tok;
	int seq = 5;

	pl->name = name;
	pl->line = 1;
	for (tok = strtok_r(s, ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
		char act[8], pfx[64];
		int lo, hi;
		mc_prefix_entry e;
		mc_prefix p;

		memset(&e, 0, sizeof(e));
		if (sscanf(tok, "%7s %63s %d %d", act, pfx, &lo, &hi) != 4)
			fail_msg("bad spec %s", tok);
		p = P(pfx);
		e.permit = strcmp(act, "permit") == 0;
		assert_true(mc_range_make(&p, lo, hi, &e.r));
		e.seq = seq;
		e.line = seq;
		seq += 5;
		mc_vec_push(A, &pl->entries, e);
	}
	if (d != NULL)
		mc_vec_push(A, &d->prefix_lists, pl);
	return pl;
}

/* "deny _6451[2-9]_; permit ^64501_": a Cisco as-path list. */
static mc_aspath_list *
aslist(mc_device *d, const char *name, const char *spec)
{
	mc_aspath_list *l = mc_alloc(A, sizeof(*l));
	char *s = mc_strdup(A, spec), *save = NULL, *tok;

	l->name = name;
	for (tok = strtok_r(s, ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
		mc_aspath_entry ae;

		while (*tok == ' ')
			tok++;
		memset(&ae, 0, sizeof(ae));
		ae.dialect = MC_RE_CISCO;
		ae.permit = strncmp(tok, "permit ", 7) == 0;
		if (!ae.permit && strncmp(tok, "deny ", 5) != 0)
			fail_msg("bad spec %s", tok);
		ae.regex = tok + (ae.permit ? 7 : 5);
		mc_vec_push(A, &l->entries, ae);
	}
	mc_vec_push(A, &d->aspath_lists, l);
	return l;
}

static mc_policy *
pol(mc_device *d, const char *name, mc_fallthrough ft)
{
	mc_policy *p = mc_alloc(A, sizeof(*p));

	p->name = name;
	p->fallthrough = ft;
	p->line = 100;
	mc_vec_push(A, &d->policies, p);
	return p;
}

/* A term with statements (NULL-terminated). */
static void
term(mc_policy *p, const char *name, ...)
{
	mc_term t;
	va_list ap;
	mc_stmt *s;

	memset(&t, 0, sizeof(t));
	t.name = name;
	t.line = atoi(name);
	va_start(ap, name);
	while ((s = va_arg(ap, mc_stmt *)) != NULL)
		mc_vec_push(A, &t.body, s);
	va_end(ap);
	mc_vec_push(A, &p->terms, t);
}

static mc_stmt *
S(mc_stmt_kind k)
{
	return mc_stmt_new(A, k, 7);
}

static mc_stmt *
IF(mc_cond *c, ...)
{
	mc_stmt *s = S(MC_S_IF), *k;
	va_list ap;

	s->cond = c;
	va_start(ap, c);
	while ((k = va_arg(ap, mc_stmt *)) != NULL)
		mc_vec_push(A, &s->then, k);
	va_end(ap);
	return s;
}

static mc_stmt *
GOTO(int n, bool mark)
{
	mc_stmt *s = S(MC_S_GOTO);

	s->n = n;
	s->mark_accept = mark;
	return s;
}

static mc_stmt *
CALL(const char *name, bool returns)
{
	mc_stmt *s = S(MC_S_CALL);

	s->ref = name;
	s->call_returns = returns;
	return s;
}

static mc_stmt *
SETCOMM(mc_set_kind k, const char *c)
{
	mc_stmt *s = S(MC_S_SET);

	s->set = k;
	if (c != NULL)
		assert_true(mc_community_parse(c, &s->comm));
	return s;
}

static mc_cond *
C(mc_cond_kind k, const char *ref)
{
	mc_cond *c = mc_cond_new(A, k, 9);

	c->ref = ref;
	c->str = ref;
	return c;
}

static mc_cond *
CRANGE(mc_cond_kind k, uint32_t lo, uint32_t hi)
{
	mc_cond *c = mc_cond_new(A, k, 9);

	c->lo = lo;
	c->hi = hi;
	return c;
}

static mc_cond *
CK(mc_cond_kind k, ...)
{
	mc_cond *c = mc_cond_new(A, k, 9), *x;
	va_list ap;

	va_start(ap, k);
	while ((x = va_arg(ap, mc_cond *)) != NULL)
		mc_vec_push(A, &c->kids, x);
	va_end(ap);
	return c;
}

static mc_neighbor *
nbr(mc_device *d, const char *addr, uint32_t ras)
{
	mc_neighbor *n = mc_alloc(A, sizeof(*n));

	mc_neighbor_init(n);
	n->address = addr;
	n->addr = P(addr);
	n->remote_as_kind = MC_RAS_NUMBER;
	n->remote_as = ras;
	n->af[MC_AFI_V4].active = true;
	n->af[MC_AFI_V6].active = true;
	n->line = 50;
	mc_vec_push(A, &d->neighbors, n);
	return n;
}

/* One stage of refs: (kind, name) pairs ended by -1, both families. */
static void
stage(mc_neighbor *n, mc_dir dir, ...)
{
	int afi;

	for (afi = 0; afi < MC_AFI_COUNT; afi++) {
		mc_direction_policy *dp = dir == MC_DIR_IN ? &n->af[afi].in :
		    &n->af[afi].out;
		mc_stage sg;
		va_list ap;
		int k;

		memset(&sg, 0, sizeof(sg));
		va_start(ap, dir);
		while ((k = va_arg(ap, int)) >= 0) {
			mc_polref r;

			r.kind = (mc_ref_kind)k;
			r.name = va_arg(ap, const char *);
			r.line = 60;
			mc_vec_push(A, &sg.chain, r);
		}
		va_end(ap);
		mc_vec_push(A, &dp->stages, sg);
	}
}

static mc_device *
dev(mc_vendor v)
{
	mc_device *d = mc_device_new(A, "test.cfg", v);

	d->bgp.asn = 64500;
	return d;
}

static mc_route
route(const char *pfx, const char *path)
{
	mc_route r;

	memset(&r, 0, sizeof(r));
	r.prefix = P(pfx);
	assert_true(mc_route_set_path(&r, path));
	return r;
}

static bool
acc(mc_engine *e, const mc_neighbor *n, const char *pfx, const char *path)
{
	mc_route r = route(pfx, path);

	return mc_eval_route(e, n, MC_DIR_IN, &r).accept;
}

static bool
trace_has(const mc_eval_result *r, const char *needle)
{
	size_t i;

	for (i = 0; i < r->trace.n; i++)
		if (strstr(r->trace.v[i].what, needle) != NULL)
			return true;
	return false;
}

static const char *BOGONS4 =
    "permit 0.0.0.0/8 8 32; permit 10.0.0.0/8 8 32; "
    "permit 100.64.0.0/10 10 32; permit 127.0.0.0/8 8 32; "
    "permit 169.254.0.0/16 16 32; permit 172.16.0.0/12 12 32; "
    "permit 192.0.2.0/24 24 32; permit 192.168.0.0/16 16 32; "
    "permit 198.18.0.0/15 15 32; permit 224.0.0.0/4 4 32; "
    "permit 240.0.0.0/4 4 32";

/* ---- tests -------------------------------------------------------------------- */

static void
test_bogon_route_map(void **state)
{
	mc_device *d = dev(MC_VENDOR_IOS);
	mc_policy *p = pol(d, "CUST-IN", MC_FALL_REJECT);
	mc_neighbor *n = nbr(d, "198.51.100.1", 64501);
	mc_engine *e;
	mc_eval_result r;
	mc_route rt;
	mc_rangeset all, ok, bog;
	bool approx = true;

	(void)state;
	plist(d, "BOGONS", BOGONS4);
	plist(d, "MAXLEN", "permit 0.0.0.0/0 0 24; permit ::/0 0 48");
	/* 10 deny bogons; 20 permit what is not too specific. */
	term(p, "10", IF(C(MC_C_PREFIX_LIST, "BOGONS"), S(MC_S_REJECT), NULL),
	    NULL);
	term(p, "20", IF(C(MC_C_PREFIX_LIST, "MAXLEN"), S(MC_S_ACCEPT), NULL),
	    NULL);
	stage(n, MC_DIR_IN, MC_REF_POLICY, "CUST-IN", -1);
	e = mc_engine_new(d, A);
	assert_false(acc(e, n, "10.1.0.0/16", "64501"));
	assert_false(acc(e, n, "192.168.1.0/24", "64501"));
	assert_true(acc(e, n, "8.8.8.0/24", "64501"));
	assert_false(acc(e, n, "8.8.8.0/25", "64501"));
	assert_true(acc(e, n, "2001:db8::/32", "64501"));
	rt = route("10.0.0.0/8", "64501");
	r = mc_eval_route(e, n, MC_DIR_IN, &rt);
	assert_false(r.accept);
	assert_false(r.by_default);
	assert_true(trace_has(&r, "prefix-list BOGONS (seq 10 permit 10.0.0.0/8 le 32)"));
	assert_string_equal(r.decided_by, "route-map CUST-IN 10: match "
	    "prefix-list BOGONS (seq 10 permit 10.0.0.0/8 le 32) -> deny");
	assert_int_equal(r.decided_line, 7);
	rt = route("8.8.8.0/24", "64501");
	r = mc_eval_route(e, n, MC_DIR_IN, &rt);
	assert_true(r.accept);
	assert_string_equal(r.trace.v[0].policy, "CUST-IN");
	assert_string_equal(r.trace.v[0].term, "20");
	/* Symbolically: nothing of a bogon gets through. */
	all = mc_rs_universe(A, 0);
	ok = mc_eval_accepted(e, n, MC_DIR_IN, &rt, &all, &approx);
	assert_false(approx);
	{
		mc_rangeset b = {0};
		mc_prefix_list *bl = mc_dev_prefix_list(d, "BOGONS");
		size_t i;

		for (i = 0; i < bl->entries.n; i++)
			mc_rs_add(A, &b, &bl->entries.v[i].r);
		bog = mc_rs_intersect(A, &ok, &b);
		assert_true(mc_rs_empty(&bog));
	}
	assert_true(mc_rs_has(&ok, &rt.prefix));
	mc_engine_free(e);
}

/* A long list: the trace names the first entry holding the route, and the
 * verdict is that entry's, whatever the order of prefixes in the list. */
static void
test_long_list_first_match(void **state)
{
	mc_device *d = dev(MC_VENDOR_IOS);
	mc_policy *p = pol(d, "IN", MC_FALL_REJECT);
	mc_neighbor *n = nbr(d, "198.51.100.1", 64501);
	mc_prefix_list *pl = plist(d, "BIG", "deny 192.0.2.0/24 24 32");
	mc_engine *e;
	uint64_t seed = 4242;
	int i, matched = 0, unmatched = 0;

	(void)state;
	for (i = 0; i < 400; i++) {
		mc_prefix_entry en;
		mc_prefix q = P(i % 10 == 0 ? "2001:db8::/32" : "10.0.0.0/8");
		int len = q.af == MC_AF6 ? 32 + (int)ut_rnd(&seed, 17) :
		    (int)ut_rnd(&seed, 3) == 0 ? (int)ut_rnd(&seed, 9) :
		    8 + (int)ut_rnd(&seed, 13), b, lo, hi;

		for (b = q.af == MC_AF6 ? 32 : 8; b < len; b++)
			mc_prefix_set_bit(&q, b, (int)ut_rnd(&seed, 2));
		q.len = (uint8_t)len;
		mc_prefix_clear_host(&q);
		lo = len + (int)ut_rnd(&seed, 4);
		hi = lo + (int)ut_rnd(&seed, 6);
		memset(&en, 0, sizeof(en));
		en.permit = ut_rnd(&seed, 3) != 0;
		if (!mc_range_make(&q, lo, hi, &en.r))
			continue;
		en.seq = 10 + i * 5;
		en.line = en.seq;
		mc_vec_push(A, &pl->entries, en);
	}
	term(p, "10", IF(C(MC_C_PREFIX_LIST, "BIG"), S(MC_S_ACCEPT), NULL),
	    NULL);
	stage(n, MC_DIR_IN, MC_REF_POLICY, "IN", -1);
	e = mc_engine_new(d, A);
	for (i = 0; i < 4000; i++) {
		mc_route rt;
		mc_eval_result r;
		mc_prefix q = P(i % 10 == 0 ? "2001:db8::/32" : "10.0.0.0/8");
		int len = q.af == MC_AF6 ? 32 + (int)ut_rnd(&seed, 24) :
		    8 + (int)ut_rnd(&seed, 20), b;
		size_t k;
		char want[96];
		const char *hit;
		ev x;

		for (b = q.af == MC_AF6 ? 32 : 8; b < len; b++)
			mc_prefix_set_bit(&q, b, (int)ut_rnd(&seed, 4) != 0);
		q.len = (uint8_t)len;
		mc_prefix_clear_host(&q);
		memset(&rt, 0, sizeof(rt));
		rt.prefix = q;
		assert_true(mc_route_set_path(&rt, "64501"));
		r = mc_eval_route(e, n, MC_DIR_IN, &rt);
		for (k = 0; k < pl->entries.n; k++)
			if (mc_range_has(&pl->entries.v[k].r, &q))
				break;
		/* The entry the trace names, asked directly (the trace shows
		 * only a permit's). */
		pol_ev_init(&x, e, n, MC_DIR_IN, true);
		hit = pol_plist_hit(&x, pl, &q);
		pol_ev_done(&x);
		if (k < pl->entries.n) {
			snprintf(want, sizeof(want), "seq %d %s ",
			    pl->entries.v[k].seq, pl->entries.v[k].permit ?
			    "permit" : "deny");
			if (strncmp(hit, want, strlen(want)) != 0)
				fail_msg("route %d: \"%s\", not \"%s...\"", i,
				    hit, want);
			assert_int_equal(r.accept, pl->entries.v[k].permit);
			if (r.accept) {
				snprintf(want, sizeof(want), "prefix-list BIG "
				    "(seq %d permit ", pl->entries.v[k].seq);
				assert_true(trace_has(&r, want));
			}
			matched++;
		} else {
			assert_string_equal(hit, "no entry matches: implicit deny");
			assert_false(r.accept);
			unmatched++;
		}
	}
	assert_true(matched > 1000 && unmatched > 400);
	mc_engine_free(e);
}

static void
test_deny_then_permit_all(void **state)
{
	mc_device *d = dev(MC_VENDOR_FRR);
	mc_policy *p = pol(d, "IN", MC_FALL_REJECT);
	mc_neighbor *n = nbr(d, "192.0.2.1", 64501);
	mc_engine *e;
	mc_rangeset all = mc_rs_universe(A, MC_AF4), ok;
	mc_prefix w;
	bool approx;

	(void)state;
	/* A list with a hole: deny 10/8 only up to /16, so 10.1.2.0/24 leaks. */
	plist(d, "BOG", "deny 10.0.0.0/8 8 16; deny 192.168.0.0/16 16 32; "
	    "permit 0.0.0.0/0 0 32");
	term(p, "10", IF(C(MC_C_PREFIX_LIST, "BOG"), S(MC_S_ACCEPT), NULL), NULL);
	stage(n, MC_DIR_IN, MC_REF_POLICY, "IN", -1);
	e = mc_engine_new(d, A);
	ok = mc_eval_accepted(e, n, MC_DIR_IN, &(mc_route){ .path_len = 0 },
	    &all, &approx);
	{
		mc_rangeset ten = {0}, leak;
		mc_range r;
		mc_prefix t = P("10.0.0.0/8");

		mc_range_make(&t, 8, 32, &r);
		mc_rs_add(A, &ten, &r);
		leak = mc_rs_intersect(A, &ok, &ten);
		assert_true(mc_rs_witness(&leak, &w));
		/* The shortest leaking prefix is a /17. */
		assert_int_equal(w.len, 17);
		assert_true(mc_prefix_contains(&t, &w));
	}
	assert_false(acc(e, n, "10.1.0.0/16", ""));
	assert_true(acc(e, n, "10.1.2.0/24", ""));
	assert_false(acc(e, n, "192.168.5.0/24", ""));
	mc_engine_free(e);
}

static void
test_continue(void **state)
{
	mc_device *d = dev(MC_VENDOR_IOS);
	mc_policy *p = pol(d, "RM", MC_FALL_REJECT);
	mc_neighbor *n = nbr(d, "192.0.2.1", 64501);
	mc_engine *e;
	mc_route rt;
	mc_eval_result r;

	(void)state;
	plist(d, "A", "permit 203.0.0.0/8 8 24");
	plist(d, "B", "permit 203.0.113.0/24 24 24");
	/* 10 permit A, set 1:1, continue 30; 20 permit everything (skipped
	 * by the jump); 30 deny B with 1:1; end. */
	term(p, "10", IF(C(MC_C_PREFIX_LIST, "A"),
	    SETCOMM(MC_SET_COMMUNITY_ADD, "64500:1"), GOTO(2, true), NULL), NULL);
	term(p, "20", IF(C(MC_C_PREFIX_LIST, "B"), S(MC_S_ACCEPT), NULL), NULL);
	{
		mc_cond *cm = mc_cond_new(A, MC_C_COMMUNITY, 9);

		mc_community_parse("64500:1", &cm->comm);
		term(p, "30", IF(CK(MC_C_AND, C(MC_C_PREFIX_LIST, "B"), cm, NULL),
		    S(MC_S_REJECT), NULL), NULL);
	}
	stage(n, MC_DIR_IN, MC_REF_POLICY, "RM", -1);
	e = mc_engine_new(d, A);
	assert_false(acc(e, n, "203.0.113.0/24", ""));	/* A, then B+1:1 deny */
	rt = route("203.0.114.0/24", "");
	r = mc_eval_route(e, n, MC_DIR_IN, &rt);		/* A, no later match */
	assert_true(r.accept);
	assert_int_equal(r.out.ncomms, 1);
	assert_int_equal(r.out.comms[0].b, 1);
	assert_true(trace_has(&r, "after a permitting entry"));
	assert_false(acc(e, n, "8.8.8.0/24", ""));	/* nothing matched */
	mc_engine_free(e);
}

/*
 * A brief trace (mc_engine_brief_trace, what a check uses) decides alike
 * and ends in the same step as a full one, without the conditions'
 * reasons: routes through route-maps with continue, calls, AND/OR/NOT,
 * as-path and community conditions, and through a prefix-list and a
 * filter-list on the neighbour.
 */
static void
test_brief_trace(void **state)
{
	static const char *const pfx[] = { "203.0.113.0/24", "203.0.114.0/24",
	    "198.51.100.0/24", "8.8.8.0/24", "203.0.0.0/8" };
	static const char *const path[] = { "", "64501", "64501 23456",
	    "64501 3333", "64501 64501 64501" };
	mc_device *d = dev(MC_VENDOR_IOS);
	mc_policy *rm = pol(d, "RM", MC_FALL_REJECT);
	mc_policy *sub = pol(d, "SUB", MC_FALL_REJECT);
	mc_neighbor *n1 = nbr(d, "192.0.2.1", 64501);
	mc_neighbor *n2 = nbr(d, "192.0.2.2", 64501);
	mc_cond *cm = mc_cond_new(A, MC_C_COMMUNITY, 9);
	mc_engine *full, *brief;
	int i, reasons = 0, steps = 0;

	(void)state;
	plist(d, "A", "permit 203.0.0.0/8 8 24");
	plist(d, "B", "permit 203.0.113.0/24 24 24; deny 8.0.0.0/8 8 24");
	aslist(d, "10", "permit _23456_");
	aslist(d, "30", "deny _23456_; permit .*");
	mc_community_parse("64500:1", &cm->comm);
	term(sub, "5", IF(C(MC_C_ASPATH_LIST, "10"), S(MC_S_REJECT), NULL),
	    NULL);
	term(sub, "6", S(MC_S_ACCEPT), NULL);
	term(rm, "10", IF(CK(MC_C_AND, C(MC_C_PREFIX_LIST, "A"),
	    CK(MC_C_NOT, cm, NULL), NULL), SETCOMM(MC_SET_COMMUNITY_ADD,
	    "64500:1"), GOTO(2, true), NULL), NULL);
	term(rm, "20", IF(C(MC_C_PREFIX_LIST, "B"), S(MC_S_ACCEPT), NULL), NULL);
	term(rm, "30", IF(CK(MC_C_OR, C(MC_C_ASPATH_LIST, "10"),
	    CRANGE(MC_C_ASPATH_LEN, 3, 128), NULL), S(MC_S_REJECT), NULL),
	    NULL);
	term(rm, "40", IF(C(MC_C_PREFIX_LIST, "A"), CALL("SUB", false), NULL),
	    NULL);
	stage(n1, MC_DIR_IN, MC_REF_POLICY, "RM", -1);
	stage(n2, MC_DIR_IN, MC_REF_PREFIX_LIST, "B", -1);
	stage(n2, MC_DIR_IN, MC_REF_ASPATH_LIST, "30", -1);
	full = mc_engine_new(d, A);
	brief = mc_engine_new(d, A);
	mc_engine_brief_trace(brief, true);
	for (i = 0; i < 100; i++) {
		const mc_neighbor *n = i % 2 ? n2 : n1;
		mc_route rt = route(pfx[i / 2 % 5], path[i / 10 % 5]);
		mc_eval_result a, b;
		const mc_trace_step *x, *y;
		size_t k;

		if (i % 3 == 0) {
			rt.comms[0] = cm->comm;
			rt.ncomms = 1;
		}
		a = mc_eval_route(full, n, MC_DIR_IN, &rt);
		b = mc_eval_route(brief, n, MC_DIR_IN, &rt);
		assert_int_equal(a.accept, b.accept);
		assert_int_equal(a.approximate, b.approximate);
		assert_int_equal(a.by_default, b.by_default);
		assert_int_equal(a.decided_line, b.decided_line);
		assert_int_equal(a.out.ncomms, b.out.ncomms);
		assert_int_equal(a.out.path_len, b.out.path_len);
		assert_true(a.trace.n > 0 && b.trace.n > 0);
		assert_true(b.trace.n <= a.trace.n);
		x = &a.trace.v[a.trace.n - 1];
		y = &b.trace.v[b.trace.n - 1];
		assert_true(x->policy == y->policy ||
		    strcmp(x->policy, y->policy) == 0);
		assert_true(x->term == y->term || strcmp(x->term, y->term) == 0);
		assert_string_equal(x->what, y->what);
		assert_int_equal(x->line, y->line);
		assert_string_equal(b.decided_by, y->what);
		for (k = 0; k < b.trace.n; k++) {
			assert_true(strncmp(b.trace.v[k].what, "match ", 6) != 0);
			assert_true(strncmp(b.trace.v[k].what, "no match", 8) != 0);
		}
		for (k = 0; k < a.trace.n; k++)
			reasons += strncmp(a.trace.v[k].what, "match ", 6) == 0;
		steps += (int)b.trace.n;
	}
	/* the full traces did give reasons: the brief ones left them out */
	assert_true(reasons > 20 && steps > 100);
	mc_engine_free(full);
	mc_engine_free(brief);
}

static void
test_call(void **state)
{
	mc_device *d = dev(MC_VENDOR_FRR);
	mc_policy *main_p = pol(d, "MAIN", MC_FALL_REJECT);
	mc_policy *sub = pol(d, "SUB", MC_FALL_REJECT);
	mc_policy *fn = pol(d, "FN", MC_FALL_REJECT);
	mc_neighbor *n = nbr(d, "192.0.2.1", 64501), *n2;
	mc_engine *e;
	mc_route rt;
	mc_eval_result r;

	(void)state;
	plist(d, "X", "permit 10.0.0.0/8 8 32");
	plist(d, "Y", "permit 20.0.0.0/8 8 32");
	/* SUB: deny X, permit rest.  MAIN: call SUB (returns), then deny Y,
	 * permit the rest with a prepend. */
	term(sub, "10", IF(C(MC_C_PREFIX_LIST, "X"), S(MC_S_REJECT), NULL), NULL);
	term(sub, "20", S(MC_S_ACCEPT), NULL);
	{
		mc_stmt *pp = S(MC_S_SET);

		pp->set = MC_SET_PREPEND;
		pp->comm.a = 64500;
		pp->n = 2;
		term(main_p, "10", CALL("SUB", true),
		    IF(C(MC_C_PREFIX_LIST, "Y"), S(MC_S_REJECT), NULL), pp,
		    S(MC_S_ACCEPT), NULL);
	}
	stage(n, MC_DIR_IN, MC_REF_POLICY, "MAIN", -1);
	e = mc_engine_new(d, A);
	assert_false(acc(e, n, "10.1.0.0/16", "64501"));	/* SUB's deny is final */
	assert_false(acc(e, n, "20.1.0.0/16", "64501"));	/* back in MAIN */
	rt = route("30.0.0.0/8", "64501");
	r = mc_eval_route(e, n, MC_DIR_IN, &rt);
	assert_true(r.accept);
	assert_int_equal(r.out.path_len, 3);
	assert_int_equal(r.out.path[0], 64500);
	assert_int_equal(r.out.path[2], 64501);
	assert_true(trace_has(&r, "call SUB"));
	/* A function (XR apply) that decides nothing returns to the caller;
	 * a non-returning call's accept is final. */
	fn->is_function = true;
	term(fn, "1", IF(C(MC_C_PREFIX_LIST, "X"), S(MC_S_REJECT), NULL), NULL);
	{
		mc_policy *m2 = pol(d, "M2", MC_FALL_REJECT);

		term(m2, "1", CALL("FN", true),
		    IF(C(MC_C_PREFIX_LIST, "Y"), S(MC_S_ACCEPT), NULL), NULL);
	}
	n2 = nbr(d, "192.0.2.2", 64502);
	stage(n2, MC_DIR_IN, MC_REF_POLICY, "M2", -1);
	assert_false(acc(e, n2, "10.0.0.0/8", ""));
	assert_true(acc(e, n2, "20.0.0.0/8", ""));
	assert_false(acc(e, n2, "30.0.0.0/8", ""));	/* M2 implicit deny */
	/* Calls nested without end are bounded and flagged. */
	{
		mc_policy *loop = pol(d, "LOOP", MC_FALL_REJECT);
		mc_neighbor *n3 = nbr(d, "192.0.2.3", 64503);

		term(loop, "1", CALL("LOOP", true), S(MC_S_ACCEPT), NULL);
		stage(n3, MC_DIR_IN, MC_REF_POLICY, "LOOP", -1);
		rt = route("30.0.0.0/8", "");
		r = mc_eval_route(e, n3, MC_DIR_IN, &rt);
		assert_false(r.accept);
		assert_true(r.approximate);
	}
	mc_engine_free(e);
}

static void
test_undefined_refs(void **state)
{
	mc_device *frr = dev(MC_VENDOR_FRR), *ios = dev(MC_VENDOR_IOS);
	mc_device *eos = dev(MC_VENDOR_EOS);
	mc_neighbor *nf = nbr(frr, "192.0.2.1", 64501);
	mc_neighbor *ni = nbr(ios, "192.0.2.1", 64501);
	mc_neighbor *ne = nbr(eos, "192.0.2.1", 64501);
	mc_neighbor *nf2 = nbr(frr, "192.0.2.2", 64502);
	mc_neighbor *ni2 = nbr(ios, "192.0.2.2", 64502);
	mc_policy *pf = pol(frr, "RM", MC_FALL_REJECT);
	mc_policy *pi = pol(ios, "RM", MC_FALL_REJECT);
	mc_engine *ef, *ei, *ee;
	mc_route rt = route("10.0.0.0/8", "64501");
	mc_eval_result r;

	(void)state;
	stage(nf, MC_DIR_IN, MC_REF_POLICY, "NOPE", -1);
	stage(ni, MC_DIR_IN, MC_REF_PREFIX_LIST, "NOPE", -1);
	stage(ne, MC_DIR_IN, MC_REF_POLICY, "NOPE", -1);
	/* 'deny if in undefined list, then permit': FRR's no-match lets the
	 * route through, IOS's match-all denies it. */
	term(pf, "10", IF(C(MC_C_PREFIX_LIST, "NOPE"), S(MC_S_REJECT), NULL), NULL);
	term(pf, "20", S(MC_S_ACCEPT), NULL);
	term(pi, "10", IF(C(MC_C_PREFIX_LIST, "NOPE"), S(MC_S_REJECT), NULL), NULL);
	term(pi, "20", S(MC_S_ACCEPT), NULL);
	stage(nf2, MC_DIR_IN, MC_REF_POLICY, "RM", -1);
	stage(ni2, MC_DIR_IN, MC_REF_POLICY, "RM", -1);
	ef = mc_engine_new(frr, A);
	ei = mc_engine_new(ios, A);
	ee = mc_engine_new(eos, A);
	r = mc_eval_route(ef, nf, MC_DIR_IN, &rt);
	assert_false(r.accept);
	assert_true(trace_has(&r, "not defined"));
	assert_true(mc_eval_route(ei, ni, MC_DIR_IN, &rt).accept);
	assert_true(mc_eval_route(ee, ne, MC_DIR_IN, &rt).accept);
	eos->bgp.ebgp_requires_policy = 1;	/* bgp missing-policy ... deny */
	assert_false(mc_eval_route(ee, ne, MC_DIR_IN, &rt).accept);
	assert_true(mc_eval_route(ef, nf2, MC_DIR_IN, &rt).accept);
	assert_false(mc_eval_route(ei, ni2, MC_DIR_IN, &rt).accept);
	/* A defined but empty prefix-list: IOS and FRR permit everything
	 * with it, Junos matches nothing. */
	{
		mc_device *jn = dev(MC_VENDOR_JUNOS);
		mc_policy *pj = pol(jn, "RM", MC_FALL_REJECT);
		mc_policy *pi2 = pol(ios, "RM2", MC_FALL_REJECT);
		mc_neighbor *nj = nbr(jn, "192.0.2.3", 64503);
		mc_neighbor *ni3 = nbr(ios, "192.0.2.3", 64503);
		mc_engine *ej;

		plist(jn, "EMPTY", "permit 0.0.0.0/0 0 0")->entries.n = 0;
		plist(ios, "EMPTY", "permit 0.0.0.0/0 0 0")->entries.n = 0;
		term(pj, "1", IF(C(MC_C_PREFIX_LIST, "EMPTY"), S(MC_S_REJECT), NULL),
		    S(MC_S_ACCEPT), NULL);
		term(pi2, "1", IF(C(MC_C_PREFIX_LIST, "EMPTY"), S(MC_S_REJECT), NULL),
		    S(MC_S_ACCEPT), NULL);
		stage(nj, MC_DIR_IN, MC_REF_POLICY, "RM", -1);
		stage(ni3, MC_DIR_IN, MC_REF_POLICY, "RM2", -1);
		ej = mc_engine_new(jn, A);
		assert_true(mc_eval_route(ej, nj, MC_DIR_IN, &rt).accept);
		assert_false(mc_eval_route(ei, ni3, MC_DIR_IN, &rt).accept);
		mc_engine_free(ej);
	}
	mc_engine_free(ef);
	mc_engine_free(ei);
	mc_engine_free(ee);
}

static void
test_junos_chain(void **state)
{
	mc_device *d = dev(MC_VENDOR_JUNOS);
	mc_policy *a = pol(d, "A", MC_FALL_NEXT_POLICY);
	mc_policy *b = pol(d, "B", MC_FALL_NEXT_POLICY);
	mc_neighbor *n = nbr(d, "192.0.2.1", 64501);
	mc_cond *cm = mc_cond_new(A, MC_C_COMMUNITY, 9);
	mc_engine *e;
	mc_route rt;
	mc_eval_result r;

	(void)state;
	plist(d, "P", "permit 10.0.0.0/8 8 8");
	mc_community_parse("64500:666", &cm->comm);
	term(a, "bogon", IF(C(MC_C_PREFIX_LIST, "P"), S(MC_S_REJECT), NULL), NULL);
	term(a, "tag", SETCOMM(MC_SET_COMMUNITY_ADD, "64500:100"), NULL);
	term(b, "bh", IF(cm, S(MC_S_REJECT), NULL), NULL);
	term(b, "nx", S(MC_S_NEXT_POLICY), NULL);
	stage(n, MC_DIR_IN, MC_REF_POLICY, "A", MC_REF_POLICY, "B", -1);
	e = mc_engine_new(d, A);
	assert_false(acc(e, n, "10.0.0.0/8", ""));
	assert_true(acc(e, n, "10.0.0.0/9", ""));	/* route-filter exact */
	rt = route("8.0.0.0/8", "64501");
	rt.comms[rt.ncomms++] = cm->comm;
	assert_false(mc_eval_route(e, n, MC_DIR_IN, &rt).accept);
	rt.ncomms = 0;
	r = mc_eval_route(e, n, MC_DIR_IN, &rt);
	assert_true(r.accept);
	assert_true(trace_has(&r, "default policy accepts"));
	assert_int_equal(r.out.ncomms, 1);	/* A's set survives */
	mc_engine_free(e);
	/* The same chain where the default rejects (e.g. a vendor with
	 * no default accept): nothing undecided passes. */
	d->vendor = MC_VENDOR_FRR;
	e = mc_engine_new(d, A);
	assert_false(acc(e, n, "8.0.0.0/8", ""));
	n->af[MC_AFI_V4].in.chain_default_accept = true;
	assert_true(acc(e, n, "8.0.0.0/8", ""));
	mc_engine_free(e);
}

/*
 * The result cache keys a chain's evaluation on the verdicts of its path
 * conditions, not on the path (pathsig.c).  Whatever order the questions
 * come in, a warm engine must answer as a fresh one: paths that a list
 * tells apart must not share an entry, and a chain that prepends before
 * it matches keys on the path itself.
 */
static void
test_path_signature_cache(void **state)
{
	static const uint32_t asns[] = { 64501, 64502, 3333, 174, 23456,
	    64512, 65000 };
	mc_device *d = dev(MC_VENDOR_IOS);
	mc_neighbor *na = nbr(d, "192.0.2.1", 64501);
	mc_neighbor *nb = nbr(d, "192.0.2.2", 64502);
	mc_neighbor *nc = nbr(d, "192.0.2.3", 64503);
	mc_neighbor *nd = nbr(d, "192.0.2.4", 64504);
	mc_neighbor *who[4] = { na, nb, nc, nd };
	mc_policy *rm = pol(d, "RM", MC_FALL_REJECT);
	mc_policy *rmp = pol(d, "RMP", MC_FALL_REJECT);
	mc_policy *rmc = pol(d, "RMC", MC_FALL_REJECT);
	mc_stmt *pre = S(MC_S_SET);
	mc_cond *len = CRANGE(MC_C_ASPATH_LEN, 3, 128);
	mc_engine *warm;
	mc_rangeset target = mc_rs_universe(A, MC_AF4);
	unsigned seed = 99;
	int it, same = 0;

	(void)state;
	aslist(d, "10", "permit _23456_; permit _6451[2-9]_");
	aslist(d, "20", "permit ^64502_64501_");
	aslist(d, "30", "deny _23456_; permit .*");
	plist(d, "CUST", "permit 198.51.100.0/22 22 24");
	plist(d, "MORE", "permit 203.0.113.0/24 24 25");
	/* RM: bogon ASNs out, long paths only for MORE, CUST in. */
	term(rm, "5", IF(C(MC_C_ASPATH_LIST, "10"), S(MC_S_REJECT), NULL), NULL);
	term(rm, "10", IF(C(MC_C_PREFIX_LIST, "CUST"), S(MC_S_ACCEPT), NULL),
	    NULL);
	term(rm, "20", IF(len, IF(C(MC_C_PREFIX_LIST, "MORE"), S(MC_S_ACCEPT),
	    NULL), NULL), NULL);
	/* RMP: prepend 64502, then list 20 reads the new path (it matches
	 * only after the prepend, when the path began with 64501). */
	pre->set = MC_SET_PREPEND;
	pre->comm.a = 64502;
	pre->n = 1;
	term(rmp, "10", pre, GOTO(2, false), NULL);
	term(rmp, "20", IF(C(MC_C_ASPATH_LIST, "20"), S(MC_S_ACCEPT), NULL),
	    NULL);
	stage(na, MC_DIR_IN, MC_REF_POLICY, "RM", -1);
	stage(nb, MC_DIR_IN, MC_REF_POLICY, "RM", -1);
	stage(nc, MC_DIR_IN, MC_REF_POLICY, "RMP", -1);
	/* nd: a route-map that reads no path, then a filter-list (the
	 * chain's own as-path list, outside any route-map). */
	term(rmc, "10", IF(C(MC_C_PREFIX_LIST, "CUST"), S(MC_S_ACCEPT), NULL),
	    NULL);
	stage(nd, MC_DIR_IN, MC_REF_POLICY, "RMC", -1);
	stage(nd, MC_DIR_IN, MC_REF_ASPATH_LIST, "30", -1);
	warm = mc_engine_new(d, A);
	for (it = 0; it < 400; it++) {
		mc_route r;
		mc_rangeset a, b, x, y;
		mc_engine *fresh;
		mc_neighbor *n;
		int k, plen;

		memset(&r, 0, sizeof(r));
		r.prefix.af = MC_AF4;
		seed = seed * 1103515245u + 12345u;
		n = who[(seed >> 16) % 4];
		plen = 1 + (int)((seed >> 20) % 4);
		for (k = 0; k < plen; k++) {
			seed = seed * 1103515245u + 12345u;
			r.path[k] = asns[(seed >> 16) % (sizeof(asns) / sizeof(asns[0]))];
		}
		r.path_len = plen;
		a = mc_eval_accepted(warm, n, MC_DIR_IN, &r, &target, NULL);
		fresh = mc_engine_new(d, A);
		b = mc_eval_accepted(fresh, n, MC_DIR_IN, &r, &target, NULL);
		x = mc_rs_subtract(A, &a, &b);
		y = mc_rs_subtract(A, &b, &a);
		if (!mc_rs_empty(&x) || !mc_rs_empty(&y))
			fail_msg("query %d: the warm engine answers otherwise",
			    it);
		same += mc_rs_empty(&a) ? 0 : 1;
		mc_engine_free(fresh);
	}
	/* Not all one answer: the questions do tell paths apart. */
	assert_true(same > 0 && same < 400);
	mc_engine_free(warm);
}

/* The result cache leaves the path's length out of its key when only a
 * prepend cut short at 128 ASes could tell lengths apart: one run serves
 * every length that leaves room for the chain's prepends, and a length that
 * does not is run, approximate, and kept apart.  A warm engine answers as a
 * fresh one, sets and approximation alike. */
static void
test_cache_path_length(void **state)
{
	/* Twice: from a length with room, then from a cut one. */
	static const int lens[] = { 1, 2, 3, 50, 117, 118, 119, 120, 125, 128,
	    4, 126, 2, 118 }, lens2[] = { 125, 3, 118, 125, 1, 120, 60 };
	mc_device *d = dev(MC_VENDOR_IOS);
	mc_neighbor *na = nbr(d, "192.0.2.1", 64501);
	mc_neighbor *nb = nbr(d, "192.0.2.2", 64502);
	mc_policy *rmx = pol(d, "RMX", MC_FALL_REJECT);
	mc_policy *rmy = pol(d, "RMY", MC_FALL_REJECT);
	mc_stmt *pre = S(MC_S_SET);
	mc_rangeset target = mc_rs_universe(A, MC_AF4);
	mc_engine *warm;
	size_t i, before;
	int w;

	(void)state;
	aslist(d, "10", "permit _23456_");
	plist(d, "CUST", "permit 198.51.100.0/22 22 24");
	pre->set = MC_SET_PREPEND;
	pre->comm.a = 64500;
	pre->n = 10;
	/* RMX reads no path and prepends ten ASes; RMY reads the path (a
	 * signature: a chain that prepends has none) and prepends nothing. */
	term(rmx, "10", pre, GOTO(1, false), NULL);	/* term index 1 */
	term(rmx, "20", IF(C(MC_C_PREFIX_LIST, "CUST"), S(MC_S_ACCEPT), NULL),
	    NULL);
	term(rmy, "5", IF(C(MC_C_ASPATH_LIST, "10"), S(MC_S_REJECT), NULL),
	    NULL);
	term(rmy, "20", IF(C(MC_C_PREFIX_LIST, "CUST"), S(MC_S_ACCEPT), NULL),
	    NULL);
	stage(na, MC_DIR_IN, MC_REF_POLICY, "RMX", -1);
	stage(nb, MC_DIR_IN, MC_REF_POLICY, "RMY", -1);
	for (w = 0; w < 4; w++) {
		mc_neighbor *n = w % 2 == 0 ? na : nb;
		const int *L = w < 2 ? lens : lens2;
		size_t nl = w < 2 ? UT_NITEMS(lens) : UT_NITEMS(lens2);

		warm = mc_engine_new(d, A);
		for (i = 0; i < nl; i++) {
			mc_route r;
			mc_rangeset a, b, x, y;
			mc_engine *fresh;
			bool apw = false, apf = false;
			int k;

			memset(&r, 0, sizeof(r));
			r.prefix.af = MC_AF4;
			for (k = 0; k < L[i]; k++)
				r.path[k] = 64501 + (uint32_t)(k % 7);
			r.path_len = L[i];
			before = warm->nres;
			a = mc_eval_accepted(warm, n, MC_DIR_IN, &r, &target, &apw);
			fresh = mc_engine_new(d, A);
			b = mc_eval_accepted(fresh, n, MC_DIR_IN, &r, &target,
			    &apf);
			x = mc_rs_subtract(A, &a, &b);
			y = mc_rs_subtract(A, &b, &a);
			assert_true(mc_rs_empty(&x) && mc_rs_empty(&y));
			assert_false(mc_rs_empty(&a));
			/* Ten prepends fit up to a length of 118. */
			assert_int_equal(apw, w % 2 == 0 && L[i] > 118);
			assert_int_equal(apf, apw);
			/* New runs: each cut length once, and one for all the
			 * lengths with room (all lengths, without prepends). */
			for (k = 0; k < (int)i; k++)
				if (w % 2 == 1 || (L[i] > 118 ? L[k] == L[i] :
				    L[k] <= 118))
					break;
			assert_int_equal(warm->nres, before + (k == (int)i));
			mc_engine_free(fresh);
		}
		mc_engine_free(warm);
	}
}

/* The signature walk is static: a routine called from eight places in
 * each of seven levels would be walked eight million times.  Past its
 * budget it gives up (the cache keys on the path), at once. */
static void
test_path_signature_budget(void **state)
{
	mc_device *d = dev(MC_VENDOR_FRR);
	mc_neighbor *n = nbr(d, "192.0.2.1", 64501), *n2;
	static const char *names[] = { "R0", "R1", "R2", "R3", "R4", "R5",
	    "R6", "R7" };
	mc_policy *top = pol(d, "TOP", MC_FALL_REJECT);
	mc_engine *e;
	mc_route r = route("198.51.100.0/24", "64501 3333");
	unsigned char bits[256];
	size_t nb;
	int i, k;

	(void)state;
	term(top, "5", IF(CRANGE(MC_C_ASPATH_LEN, 50, 128), S(MC_S_REJECT),
	    NULL), NULL);
	term(top, "10", CALL("R0", true), S(MC_S_ACCEPT), NULL);
	for (i = 0; i < 8; i++) {
		mc_policy *p = pol(d, names[i], MC_FALL_REJECT);

		for (k = 0; k < 8; k++)
			if (i < 7)
				term(p, "10", CALL(names[i + 1], true), NULL);
			else
				term(p, "10", S(MC_S_NEXT_TERM), NULL);
	}
	stage(n, MC_DIR_IN, MC_REF_POLICY, "TOP", -1);
	e = mc_engine_new(d, A);
	assert_false(pol_path_sig(e, n, MC_DIR_IN, &r, bits, sizeof(bits),
	    &nb));
	/* the same length check without the fan-out: a bit per family */
	n2 = nbr(d, "192.0.2.2", 64502);
	top = pol(d, "TOP2", MC_FALL_REJECT);
	term(top, "5", IF(CRANGE(MC_C_ASPATH_LEN, 50, 128), S(MC_S_REJECT),
	    NULL), NULL);
	stage(n2, MC_DIR_IN, MC_REF_POLICY, "TOP2", -1);
	assert_true(pol_path_sig(e, n2, MC_DIR_IN, &r, bits, sizeof(bits),
	    &nb));
	assert_int_equal(nb, 2);
	assert_true(bits[0] == 0 && bits[1] == 0);
	mc_engine_free(e);
}

/*
 * Eight levels of route-maps, each with eight entries that call the next
 * level and go on: 8^8 statements when every call runs.  The engine runs a
 * routine once per distinct flow (exec.c, call_run), so the answer is
 * exact: without that it stops at its step limit and drops the route.
 */
static void
test_call_fanout(void **state)
{
	mc_device *d = dev(MC_VENDOR_FRR);
	mc_neighbor *n = nbr(d, "192.0.2.1", 64501);
	static const char *names[] = { "R0", "R1", "R2", "R3", "R4", "R5",
	    "R6", "R7" };
	mc_policy *top = pol(d, "TOP", MC_FALL_REJECT);
	mc_route r = route("198.51.100.0/24", "64501 3333");
	mc_rangeset u = mc_rs_universe(A, MC_AF4), got;
	mc_eval_result res;
	mc_engine *e;
	bool approx = true;
	int i, k;

	(void)state;
	term(top, "10", CALL("R0", true), S(MC_S_ACCEPT), NULL);
	for (i = 0; i < 8; i++) {
		mc_policy *p = pol(d, names[i], MC_FALL_ACCEPT);

		for (k = 0; k < 8; k++)
			if (i < 7)
				term(p, "10", CALL(names[i + 1], true),
				    S(MC_S_NEXT_TERM), NULL);
			else
				term(p, "10", S(MC_S_NEXT_TERM), NULL);
	}
	stage(n, MC_DIR_IN, MC_REF_POLICY, "TOP", -1);
	e = mc_engine_new(d, A);
	got = mc_eval_accepted(e, n, MC_DIR_IN, &r, &u, &approx);
	assert_false(approx);
	assert_int_equal(got.n, u.n);
	/* traced: the repeated calls are summarised, the verdict exact */
	res = mc_eval_route(e, n, MC_DIR_IN, &r);
	assert_true(res.accept);
	assert_false(res.approximate);
	assert_true(trace_has(&res, "as when called at line"));
	assert_true(res.trace.n < 100000);
	mc_engine_free(e);
}

/* A routine called twice on one route whose path changed in between: the
 * second call must run again (the memo keys on the route), and answer
 * differently. */
static void
test_call_memo_keys_on_route(void **state)
{
	mc_device *d = dev(MC_VENDOR_FRR);
	mc_neighbor *n = nbr(d, "192.0.2.1", 64501);
	mc_policy *top = pol(d, "TOP", MC_FALL_REJECT);
	mc_policy *sub = pol(d, "SHORT", MC_FALL_ACCEPT);
	mc_stmt *prep = S(MC_S_SET);
	mc_route r = route("198.51.100.0/24", "64501 3333");
	mc_rangeset u = mc_rs_universe(A, MC_AF4), got;
	mc_engine *e;
	bool approx = true;

	(void)state;
	prep->set = MC_SET_PREPEND;
	prep->n = 1;
	prep->comm.a = 64501;
	term(sub, "10", IF(CRANGE(MC_C_ASPATH_LEN, 3, 128), S(MC_S_REJECT),
	    NULL), NULL);
	term(top, "10", CALL("SHORT", true), prep, CALL("SHORT", true),
	    S(MC_S_ACCEPT), NULL);
	stage(n, MC_DIR_IN, MC_REF_POLICY, "TOP", -1);
	e = mc_engine_new(d, A);
	got = mc_eval_accepted(e, n, MC_DIR_IN, &r, &u, &approx);
	assert_false(approx);
	assert_true(mc_rs_empty(&got));
	assert_false(acc(e, n, "198.51.100.0/24", "64501 3333"));
	/* one AS shorter, both calls pass */
	r = route("198.51.100.0/24", "64501");
	got = mc_eval_accepted(e, n, MC_DIR_IN, &r, &u, &approx);
	assert_false(approx);
	assert_int_equal(got.n, u.n);
	mc_engine_free(e);
}

/*
 * The step limit (EV_MAX_STEPS, 200,000 statements per evaluation) bounds
 * hostile policies, not long ordinary ones: 30,000 route-map entries that
 * each test a prefix list are still analysed exactly; 150,000 are not,
 * and say so (approximate) instead of answering wrongly.
 */
static void
test_step_limit(void **state)
{
	static const int nterms[] = { 30000, 150000 };
	mc_rangeset u = mc_rs_universe(A, MC_AF4), got, want, none;
	mc_route r = route("198.51.100.0/24", "64501 3333");
	mc_prefix p = P("192.0.2.0/24");
	int i, k;

	(void)state;
	none = mc_rs_single(A, &p);
	want = mc_rs_subtract(A, &u, &none);
	for (k = 0; k < 2; k++) {
		mc_device *d = dev(MC_VENDOR_IOS);
		mc_neighbor *n = nbr(d, "192.0.2.1", 64501);
		mc_policy *top = pol(d, "LONG", MC_FALL_REJECT);
		mc_engine *e;
		bool approx = false;

		plist(d, "NONE", "permit 192.0.2.0/24 24 24");
		for (i = 0; i < nterms[k]; i++)
			term(top, "10", IF(C(MC_C_PREFIX_LIST, "NONE"),
			    S(MC_S_REJECT), NULL), NULL);
		term(top, "20", S(MC_S_ACCEPT), NULL);
		stage(n, MC_DIR_IN, MC_REF_POLICY, "LONG", -1);
		e = mc_engine_new(d, A);
		got = mc_eval_accepted(e, n, MC_DIR_IN, &r, &u, &approx);
		if (k == 0) {
			mc_rangeset a = mc_rs_subtract(A, &got, &want);
			mc_rangeset b = mc_rs_subtract(A, &want, &got);

			assert_false(approx);
			assert_true(mc_rs_empty(&a) && mc_rs_empty(&b));
		} else
			assert_true(approx);
		mc_engine_free(e);
	}
}

static void
test_lists_and_stages(void **state)
{
	mc_device *d = dev(MC_VENDOR_IOS);
	mc_neighbor *n = nbr(d, "192.0.2.1", 64501);
	mc_community_list *cl = mc_alloc(A, sizeof(*cl));
	mc_community_entry ce;
	mc_community c;
	mc_policy *p = pol(d, "RM", MC_FALL_REJECT);
	mc_engine *e;
	mc_route rt;

	(void)state;
	aslist(d, "1", "deny _6451[2-9]_; permit ^64501(_64501)*(_[0-9]+)?$");
	cl->name = "NOEXP";
	memset(&ce, 0, sizeof(ce));
	ce.permit = true;
	mc_community_parse("no-export", &c);
	mc_vec_push(A, &ce.all_of, c);
	mc_vec_push(A, &cl->entries, ce);
	memset(&ce, 0, sizeof(ce));
	ce.permit = true;
	ce.expanded = true;
	ce.regex = "^64501:6[0-9][0-9]$";
	mc_vec_push(A, &cl->entries, ce);
	mc_vec_push(A, &d->community_lists, cl);
	plist(d, "CUST", "permit 198.51.100.0/24 24 24");
	term(p, "10", IF(C(MC_C_COMMUNITY_LIST, "NOEXP"), S(MC_S_REJECT), NULL),
	    NULL);
	term(p, "20", S(MC_S_ACCEPT), NULL);
	/* prefix-list AND filter-list AND route-map. */
	stage(n, MC_DIR_IN, MC_REF_PREFIX_LIST, "CUST", -1);
	stage(n, MC_DIR_IN, MC_REF_ASPATH_LIST, "1", -1);
	stage(n, MC_DIR_IN, MC_REF_POLICY, "RM", -1);
	e = mc_engine_new(d, A);
	assert_true(acc(e, n, "198.51.100.0/24", "64501"));
	assert_true(acc(e, n, "198.51.100.0/24", "64501 64501 65010"));
	assert_false(acc(e, n, "198.51.100.0/24", "64501 64512"));
	assert_false(acc(e, n, "198.51.100.0/24", "64502"));
	assert_false(acc(e, n, "198.51.101.0/24", "64501"));
	rt = route("198.51.100.0/24", "64501");
	mc_community_parse("no-export", &rt.comms[rt.ncomms++]);
	assert_false(mc_eval_route(e, n, MC_DIR_IN, &rt).accept);
	rt.ncomms = 0;
	mc_community_parse("64501:666", &rt.comms[rt.ncomms++]);
	assert_false(mc_eval_route(e, n, MC_DIR_IN, &rt).accept);
	rt.comms[0].b = 100;
	assert_true(mc_eval_route(e, n, MC_DIR_IN, &rt).accept);
	mc_engine_free(e);
}

static void
test_rpki_and_lengths(void **state)
{
	mc_device *d = dev(MC_VENDOR_IOSXE);
	mc_policy *p = pol(d, "RM", MC_FALL_REJECT);
	mc_neighbor *n = nbr(d, "192.0.2.1", 64501);
	mc_cond *inv = mc_cond_new(A, MC_C_RPKI, 9), *v6 = mc_cond_new(A, MC_C_NET_AF, 9);
	mc_engine *e;
	mc_route rt = route("8.8.8.0/24", "64501");

	(void)state;
	inv->n = MC_ROV_INVALID;
	v6->n = MC_AF6;
	term(p, "10", IF(inv, S(MC_S_REJECT), NULL), NULL);
	term(p, "20", IF(CK(MC_C_AND, v6, CRANGE(MC_C_NET_LEN, 49, 128), NULL),
	    S(MC_S_REJECT), NULL), NULL);
	term(p, "30", IF(CRANGE(MC_C_ASPATH_LEN, 51, 1000), S(MC_S_REJECT), NULL),
	    NULL);
	term(p, "40", S(MC_S_ACCEPT), NULL);
	stage(n, MC_DIR_IN, MC_REF_POLICY, "RM", -1);
	e = mc_engine_new(d, A);
	rt.rov = MC_ROV_INVALID;
	assert_false(mc_eval_route(e, n, MC_DIR_IN, &rt).accept);
	rt.rov = MC_ROV_VALID;
	assert_true(mc_eval_route(e, n, MC_DIR_IN, &rt).accept);
	rt.rov = 0;
	assert_true(mc_eval_route(e, n, MC_DIR_IN, &rt).accept);
	assert_false(acc(e, n, "2001:db8::/64", "64501"));
	assert_true(acc(e, n, "2001:db8::/48", "64501"));
	assert_true(acc(e, n, "8.8.8.0/32", "64501"));
	{
		char path[600] = "";
		int i;

		for (i = 0; i < 60; i++)
			strcat(path, "64501 ");
		assert_false(acc(e, n, "8.8.8.0/24", path));
	}
	mc_engine_free(e);
}

static void
test_no_policy_and_families(void **state)
{
	mc_device *frr = dev(MC_VENDOR_FRR), *ios = dev(MC_VENDOR_IOS);
	mc_device *obgp = dev(MC_VENDOR_OPENBGPD);
	mc_neighbor *nf = nbr(frr, "192.0.2.1", 64501);
	mc_neighbor *ni = nbr(ios, "192.0.2.1", 64501);
	mc_neighbor *nibgp = nbr(frr, "192.0.2.9", 64500);
	mc_neighbor *no = nbr(obgp, "192.0.2.9", 64500);
	mc_engine *ef = mc_engine_new(frr, A), *ei = mc_engine_new(ios, A);
	mc_engine *eo = mc_engine_new(obgp, A);
	mc_route rt = route("8.8.8.0/24", "64501");
	mc_eval_result r;

	(void)state;
	r = mc_eval_route(ef, nf, MC_DIR_IN, &rt);
	assert_false(r.accept);
	assert_true(r.by_default);
	assert_true(trace_has(&r, "RFC 8212"));
	assert_false(mc_has_policy(nf, MC_AFI_V4, MC_DIR_IN));
	frr->bgp.ebgp_requires_policy = 0;
	assert_true(mc_eval_route(ef, nf, MC_DIR_IN, &rt).accept);
	frr->bgp.ebgp_requires_policy = -1;
	assert_true(mc_eval_route(ef, nibgp, MC_DIR_IN, &rt).accept);
	assert_true(mc_eval_route(ei, ni, MC_DIR_OUT, &rt).accept);
	assert_false(mc_eval_route(eo, no, MC_DIR_IN, &rt).accept);
	/* Not active for IPv6: nothing of IPv6 passes. */
	ni->af[MC_AFI_V6].active = false;
	rt = route("2001:db8::/32", "64501");
	assert_false(mc_eval_route(ei, ni, MC_DIR_IN, &rt).accept);
	mc_engine_free(ef);
	mc_engine_free(ei);
	mc_engine_free(eo);
}

static mc_acl *
acl(mc_device *d, const char *name)
{
	mc_acl *a = mc_alloc(A, sizeof(*a));

	a->name = name;
	a->af = MC_AF4;
	mc_vec_push(A, &d->acls, a);
	return a;
}

static void
acl_add(mc_acl *a, bool permit, const char *proto, const char *src,
    const char *dst)
{
	mc_acl_entry en;

	memset(&en, 0, sizeof(en));
	en.permit = permit;
	en.proto = proto;
	en.src = P(src);
	en.dst = P(dst);
	mc_vec_push(A, &a->entries, en);
}

static void
test_acl_filters(void **state)
{
	mc_device *d = dev(MC_VENDOR_IOS);
	mc_acl *std = acl(d, "1"), *ext = acl(d, "100");
	mc_neighbor *n1 = nbr(d, "192.0.2.1", 64501), *n2 = nbr(d, "192.0.2.2", 64502);
	mc_engine *e;

	(void)state;
	/* access-list 1 deny 10.1.0.0 0.0.255.255, permit 10.0.0.0 0.255.255.255 */
	acl_add(std, false, NULL, "10.1.0.0/16", "0.0.0.0/0");
	acl_add(std, true, NULL, "10.0.0.0/8", "0.0.0.0/0");
	/* access-list 100 permit ip 10.0.0.0 0.255.255.255 255.255.0.0 0.0.255.255:
	 * network in 10/8, mask /16 or longer. */
	acl_add(ext, true, "ip", "10.0.0.0/8", "255.255.0.0/16");
	stage(n1, MC_DIR_IN, MC_REF_ACL, "1", -1);
	stage(n2, MC_DIR_IN, MC_REF_ACL, "100", -1);
	e = mc_engine_new(d, A);
	assert_true(acc(e, n1, "10.2.0.0/16", ""));
	assert_true(acc(e, n1, "10.0.0.0/8", ""));
	assert_true(acc(e, n1, "10.0.0.0/7", ""));	/* network 10.0.0.0 */
	assert_false(acc(e, n1, "10.1.5.0/24", ""));
	assert_false(acc(e, n1, "10.1.0.0/16", ""));
	assert_false(acc(e, n1, "11.0.0.0/8", ""));
	assert_true(acc(e, n2, "10.1.0.0/16", ""));
	assert_true(acc(e, n2, "10.1.2.0/24", ""));
	assert_false(acc(e, n2, "10.0.0.0/8", ""));
	assert_false(acc(e, n2, "10.0.0.0/15", ""));
	assert_false(acc(e, n2, "11.1.0.0/16", ""));
	mc_engine_free(e);
}

static void
test_unknown_is_approximate(void **state)
{
	mc_device *d = dev(MC_VENDOR_IOS);
	mc_policy *p = pol(d, "RM", MC_FALL_REJECT);
	mc_neighbor *n = nbr(d, "192.0.2.1", 64501);
	mc_engine *e;
	mc_route rt = route("8.8.8.0/24", "64501");
	mc_eval_result r;
	mc_stmt *u = S(MC_S_UNKNOWN);
	bool approx = false;
	mc_rangeset all = mc_rs_universe(A, 0), ok;

	(void)state;
	u->str = "set weird-thing 5";
	term(p, "10", IF(C(MC_C_UNKNOWN, "match frobnicate 7"), S(MC_S_REJECT),
	    NULL), NULL);
	term(p, "20", u, S(MC_S_ACCEPT), NULL);
	stage(n, MC_DIR_IN, MC_REF_POLICY, "RM", -1);
	e = mc_engine_new(d, A);
	r = mc_eval_route(e, n, MC_DIR_IN, &rt);
	assert_true(r.accept);
	assert_true(r.approximate);
	assert_true(trace_has(&r, "not understood"));
	ok = mc_eval_accepted(e, n, MC_DIR_IN, &rt, &all, &approx);
	assert_true(approx);
	assert_int_equal(ok.n, 2);
	mc_engine_free(e);
}

/* Hostile shapes: deep nesting, backward jumps, a bad regex. */
static void
test_hostile(void **state)
{
	mc_device *d = dev(MC_VENDOR_IOS);
	mc_policy *p = pol(d, "RM", MC_FALL_REJECT);
	mc_neighbor *n = nbr(d, "192.0.2.1", 64501);
	mc_cond *c = C(MC_C_TRUE, NULL), *re = C(MC_C_ASPATH_REGEX, "(((");
	mc_engine *e;
	mc_route rt = route("8.8.8.0/24", "64501");
	mc_eval_result r;
	int i;

	(void)state;
	for (i = 0; i < 20000; i++)
		c = CK(MC_C_NOT, c, NULL);
	re->dialect = MC_RE_CISCO;
	term(p, "1", IF(c, S(MC_S_ACCEPT), NULL), NULL);
	term(p, "2", GOTO(0, false), NULL);	/* backwards: not followed */
	term(p, "3", IF(re, S(MC_S_REJECT), NULL), S(MC_S_ACCEPT), NULL);
	stage(n, MC_DIR_IN, MC_REF_POLICY, "RM", -1);
	e = mc_engine_new(d, A);
	r = mc_eval_route(e, n, MC_DIR_IN, &rt);
	assert_true(r.approximate);
	assert_true(r.accept);	/* the bad regex matches nothing */
	mc_engine_free(e);
}

/* Provisional verdicts (XR pass, OpenBGPD last-match), next hops,
 * per-direction no-policy knobs, FRR exact-match access lists. */
static void
test_mark_nexthop_knobs(void **state)
{
	mc_device *d = dev(MC_VENDOR_IOSXR);
	mc_policy *p = pol(d, "RP", MC_FALL_REJECT);
	mc_neighbor *n = nbr(d, "192.0.2.1", 64501);
	mc_neighbor *rs = nbr(d, "192.0.2.7", 64507);
	mc_policy *q = pol(d, "NH", MC_FALL_REJECT);
	mc_stmt *pass = S(MC_S_MARK), *undo = S(MC_S_MARK);
	mc_engine *e;
	mc_route rt;

	(void)state;
	pass->mark_accept = true;
	plist(d, "X", "permit 10.0.0.0/8 8 24");
	plist(d, "Y", "permit 10.9.0.0/16 16 24");
	term(p, "1", IF(C(MC_C_PREFIX_LIST, "X"), pass, NULL), NULL);
	term(p, "2", IF(C(MC_C_PREFIX_LIST, "Y"), undo, NULL), NULL);
	stage(n, MC_DIR_IN, MC_REF_POLICY, "RP", -1);
	term(q, "1", IF(C(MC_C_NEXT_HOP, NULL), S(MC_S_ACCEPT), NULL), NULL);
	stage(rs, MC_DIR_IN, MC_REF_POLICY, "NH", -1);
	e = mc_engine_new(d, A);
	assert_true(acc(e, n, "10.1.0.0/16", ""));
	assert_false(acc(e, n, "10.9.1.0/24", ""));	/* mark cleared */
	assert_false(acc(e, n, "11.0.0.0/8", ""));
	rt = route("8.8.8.0/24", "64507");
	assert_true(mc_eval_route(e, rs, MC_DIR_IN, &rt).accept);
	rt.next_hop = P("192.0.2.99");
	assert_false(mc_eval_route(e, rs, MC_DIR_IN, &rt).accept);
	rt.next_hop = P("192.0.2.7");
	assert_true(mc_eval_route(e, rs, MC_DIR_IN, &rt).accept);
	mc_engine_free(e);
	/* Knobs: IOS-XR rejects without policy, unless told otherwise per
	 * direction; the per-direction knob wins over the global one. */
	{
		mc_neighbor *bare = nbr(d, "192.0.2.8", 64508);

		e = mc_engine_new(d, A);
		rt = route("8.8.8.0/24", "64508");
		assert_false(mc_eval_route(e, bare, MC_DIR_IN, &rt).accept);
		d->bgp.requires_policy_dir[MC_DIR_IN] = 2;
		assert_true(mc_eval_route(e, bare, MC_DIR_IN, &rt).accept);
		assert_false(mc_eval_route(e, bare, MC_DIR_OUT, &rt).accept);
		d->bgp.requires_policy_dir[MC_DIR_OUT] = 2;
		assert_true(mc_eval_route(e, bare, MC_DIR_OUT, &rt).accept);
		d->bgp.requires_policy_dir[MC_DIR_OUT] = 1;
		assert_false(mc_eval_route(e, bare, MC_DIR_OUT, &rt).accept);
		mc_engine_free(e);
	}
	/* access-list F permit 10.0.0.0/8 exact-match */
	{
		mc_device *f = dev(MC_VENDOR_FRR);
		mc_acl *a = acl(f, "F");
		mc_neighbor *nf = nbr(f, "192.0.2.1", 64501);

		acl_add(a, true, NULL, "10.0.0.0/8", "0.0.0.0/0");
		a->entries.v[0].exact = true;
		stage(nf, MC_DIR_IN, MC_REF_ACL, "F", -1);
		e = mc_engine_new(f, A);
		assert_true(acc(e, nf, "10.0.0.0/8", ""));
		assert_false(acc(e, nf, "10.1.0.0/16", ""));
		mc_engine_free(e);
	}
}

static uint64_t rng = 424242;

static uint32_t
rnd(uint32_t n)
{
	return ut_rnd(&rng, n);
}

/* Concrete and symbolic answers agree on random prefixes. */
static void
test_symbolic_matches_concrete(void **state)
{
	mc_device *d = dev(MC_VENDOR_IOS);
	mc_policy *p = pol(d, "RM", MC_FALL_REJECT);
	mc_neighbor *n = nbr(d, "192.0.2.1", 64501);
	mc_acl *std = acl(d, "5");
	mc_engine *e;
	mc_route attrs = route("0.0.0.0/0", "64501 3356");
	mc_rangeset all = mc_rs_universe(A, 0), ok;
	bool approx;
	int i, yes = 0;

	(void)state;
	plist(d, "BOG", BOGONS4);
	plist(d, "L1", "deny 20.0.0.0/8 12 20; permit 16.0.0.0/4 8 28; "
	    "deny 0.0.0.0/0 25 32; permit 0.0.0.0/0 0 32; permit ::/0 0 48");
	plist(d, "L2", "permit 20.16.0.0/12 12 24; permit 2001:db8::/32 32 64");
	acl_add(std, true, NULL, "24.0.0.0/6", "0.0.0.0/0");
	term(p, "10", IF(C(MC_C_PREFIX_LIST, "BOG"), S(MC_S_REJECT), NULL), NULL);
	term(p, "20", IF(CK(MC_C_OR, CK(MC_C_AND, C(MC_C_PREFIX_LIST, "L2"),
	    CRANGE(MC_C_NET_LEN, 16, 22), NULL), C(MC_C_PREFIX_ACL, "5"), NULL),
	    S(MC_S_ACCEPT), NULL), NULL);
	term(p, "30", IF(CK(MC_C_NOT, C(MC_C_PREFIX_LIST, "L1"), NULL),
	    S(MC_S_REJECT), NULL), NULL);
	term(p, "40", IF(CRANGE(MC_C_NET_LEN, 0, 20), S(MC_S_ACCEPT), NULL), NULL);
	stage(n, MC_DIR_IN, MC_REF_POLICY, "RM", -1);
	e = mc_engine_new(d, A);
	ok = mc_eval_accepted(e, n, MC_DIR_IN, &attrs, &all, &approx);
	assert_false(approx);
	for (i = 0; i < 3000; i++) {
		mc_route r = attrs;
		mc_prefix q;
		int k;

		memset(&q, 0, sizeof(q));
		if (rnd(5) == 0) {
			q.af = MC_AF6;
			q.a[0] = 0x20;
			q.a[1] = (uint8_t)(rnd(2) ? 0x01 : 0x02);
			q.a[2] = 0x0d;
			q.a[3] = (uint8_t)(rnd(2) ? 0xb8 : rnd(256));
			for (k = 4; k < 16; k++)
				q.a[k] = (uint8_t)rnd(256);
			q.len = (uint8_t)(16 + rnd(60));
		} else {
			q.af = MC_AF4;
			q.a[0] = (uint8_t)(rnd(4) ? 8 + rnd(24) : rnd(256));
			for (k = 1; k < 4; k++)
				q.a[k] = (uint8_t)rnd(256);
			q.len = (uint8_t)rnd(33);
		}
		mc_prefix_clear_host(&q);
		r.prefix = q;
		if (mc_eval_route(e, n, MC_DIR_IN, &r).accept != mc_rs_has(&ok, &q)) {
			char b[MC_PREFIX_STRLEN];

			fail_msg("disagree on %s", mc_prefix_fmt(&q, b));
		}
		yes += mc_rs_has(&ok, &q);
	}
	/* Both answers occur: the test can tell them apart. */
	assert_true(yes > 100 && yes < 2900);
	mc_engine_free(e);
}

/* "permit a.b.0.0/16 16 24; ..." for n /16s from a.b on, b stepping. */
static char *
many16(int a, int b, int step, int n)
{
	size_t cap = (size_t)n * 40 + 1, len = 0;
	char *s = mc_alloc(A, cap);
	int i;

	for (i = 0; i < n; i++)
		len += (size_t)snprintf(s + len, cap - len,
		    "%spermit %d.%d.0.0/16 16 24", i ? "; " : "", a + (b +
		    i * step) / 256, (b + i * step) % 256);
	return s;
}

/*
 * Big differences and unions are remembered for the engine's life
 * (engine.c, setop): neighbours whose policies take the same lists away
 * from the same flows share them.  Each neighbour's symbolic answer must
 * still be the one its own policy gives route by route, whatever order
 * the lists come in and whichever of them another neighbour used first.
 */
static void
test_set_memo(void **state)
{
	mc_device *d = dev(MC_VENDOR_IOS);
	mc_policy *p1 = pol(d, "OR-AB", MC_FALL_REJECT);
	mc_policy *p2 = pol(d, "OR-BA", MC_FALL_REJECT);
	mc_policy *p3 = pol(d, "NOT-A", MC_FALL_REJECT);
	mc_policy *p4 = pol(d, "OR-AB-AGAIN", MC_FALL_REJECT);
	mc_neighbor *n[4];
	mc_engine *e;
	mc_route attrs = route("0.0.0.0/0", "64501");
	mc_rangeset all = mc_rs_universe(A, MC_AF4), ok[4];
	const mc_neighbor *who[4];
	size_t made;
	bool approx;
	int i, k, yes[4] = {0};

	(void)state;
	plist(d, "LA", many16(40, 0, 3, 90));
	plist(d, "LB", many16(40, 1, 3, 90));
	term(p1, "10", IF(CK(MC_C_OR, C(MC_C_PREFIX_LIST, "LA"),
	    C(MC_C_PREFIX_LIST, "LB"), NULL), S(MC_S_ACCEPT), NULL), NULL);
	term(p2, "10", IF(CK(MC_C_OR, C(MC_C_PREFIX_LIST, "LB"),
	    C(MC_C_PREFIX_LIST, "LA"), NULL), S(MC_S_ACCEPT), NULL), NULL);
	term(p3, "10", IF(CK(MC_C_NOT, C(MC_C_PREFIX_LIST, "LA"), NULL),
	    S(MC_S_ACCEPT), NULL), NULL);
	/* another name: no chain result to share, only the sets */
	term(p4, "10", IF(CK(MC_C_OR, C(MC_C_PREFIX_LIST, "LA"),
	    C(MC_C_PREFIX_LIST, "LB"), NULL), S(MC_S_ACCEPT), NULL), NULL);
	n[0] = nbr(d, "192.0.2.1", 64501);
	n[1] = nbr(d, "192.0.2.2", 64502);
	n[2] = nbr(d, "192.0.2.3", 64503);
	n[3] = nbr(d, "192.0.2.4", 64504);
	stage(n[0], MC_DIR_IN, MC_REF_POLICY, "OR-AB", -1);
	stage(n[1], MC_DIR_IN, MC_REF_POLICY, "OR-BA", -1);
	stage(n[2], MC_DIR_IN, MC_REF_POLICY, "NOT-A", -1);
	stage(n[3], MC_DIR_IN, MC_REF_POLICY, "OR-AB-AGAIN", -1);
	e = mc_engine_new(d, A);
	for (i = 0; i < 4; i++) {
		who[i] = n[i];
		ok[i] = mc_eval_accepted(e, n[i], MC_DIR_IN, &attrs, &all,
		    &approx);
		assert_false(approx);
		if (i == 2)
			made = e->nsetop;
	}
	/* the sets were big enough to be kept, and the fourth neighbour
	 * (the first's terms under another name) found them all, and gets
	 * the first's answer */
	assert_true(made >= 4);
	assert_int_equal(e->nsetop, made);
	assert_int_equal(ok[3].n, ok[0].n);
	assert_memory_equal(ok[3].v, ok[0].v, ok[0].n * sizeof(ok[0].v[0]));
	for (k = 0; k < 4000; k++) {
		mc_route r = attrs;
		mc_prefix q;

		memset(&q, 0, sizeof(q));
		q.af = MC_AF4;
		q.a[0] = (uint8_t)(38 + rnd(6));
		q.a[1] = (uint8_t)rnd(256);
		q.a[2] = (uint8_t)rnd(256);
		q.len = (uint8_t)(12 + rnd(16));
		mc_prefix_clear_host(&q);
		r.prefix = q;
		for (i = 0; i < 4; i++) {
			bool acc = mc_eval_route(e, who[i], MC_DIR_IN,
			    &r).accept;

			if (acc != mc_rs_has(&ok[i], &q)) {
				char b[MC_PREFIX_STRLEN];

				fail_msg("neighbour %d disagrees on %s", i,
				    mc_prefix_fmt(&q, b));
			}
			yes[i] += acc;
		}
		/* either order of the lists: the same prefixes */
		assert_true(mc_rs_has(&ok[0], &q) == mc_rs_has(&ok[1], &q));
	}
	/* both answers occur for every neighbour */
	for (i = 0; i < 4; i++)
		assert_true(yes[i] > 100 && yes[i] < 3900);
	mc_engine_free(e);
}

/* Symbolic evaluation is fast enough for thousands of neighbours. */
static void
test_speed(void **state)
{
	mc_device *d = dev(MC_VENDOR_IOS);
	mc_policy *p = pol(d, "RM", MC_FALL_REJECT);
	mc_prefix_list *big;
	mc_engine *e;
	mc_route attrs = route("0.0.0.0/0", "64501");
	mc_rangeset all = mc_rs_universe(A, 0);
	clock_t t0;
	double secs;
	int i, k;

	(void)state;
	plist(d, "BOG", BOGONS4);
	big = plist(d, "BIG", "permit 1.0.0.0/24 24 24");
	for (i = 0; i < 3000; i++) {
		mc_prefix_entry en = big->entries.v[0];

		en.r.p.a[0] = (uint8_t)(1 + rnd(200));
		en.r.p.a[1] = (uint8_t)rnd(256);
		en.r.p.a[2] = (uint8_t)rnd(256);
		en.r.hi = 24;
		mc_vec_push(A, &big->entries, en);
	}
	term(p, "10", IF(C(MC_C_PREFIX_LIST, "BOG"), S(MC_S_REJECT), NULL), NULL);
	term(p, "20", IF(C(MC_C_PREFIX_LIST, "BIG"), S(MC_S_ACCEPT), NULL), NULL);
	for (i = 0; i < 200; i++) {
		char *addr = mc_printf(A, "192.0.2.%d", i);
		mc_neighbor *n = nbr(d, addr, 64501);

		stage(n, MC_DIR_IN, MC_REF_POLICY, "RM", -1);
	}
	e = mc_engine_new(d, A);
	/* RM reads no AS path, so these share one cached answer. */
	t0 = clock();
	for (i = 0; i < 300; i++) {
		bool approx;
		mc_rangeset ok;

		attrs.path[0] = 64501 + (uint32_t)i;
		ok = mc_eval_accepted(e, d->neighbors.v[0], MC_DIR_IN, &attrs,
		    &all, &approx);
		assert_true(ok.n > 1000);
	}
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	print_message("300 symbolic evaluations against a 3000-entry "
	    "list: %.2fs (figures only: make bench measures speed)\n", secs);
	/* 200 neighbours sharing the policy, 30 questions each. */
	t0 = clock();
	for (i = 0; i < 200; i++)
		for (k = 0; k < 30; k++) {
			bool approx;
			mc_rangeset ok;

			attrs.path[0] = 64501 + (uint32_t)k;
			ok = mc_eval_accepted(e, d->neighbors.v[i], MC_DIR_IN,
			    &attrs, &all, &approx);
			assert_true(ok.n > 1000);
		}
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	print_message("6000 evaluations over 200 neighbours: %.2fs\n", secs);
	mc_engine_free(e);
}

/* The result cache leaves out attributes the chain does not read, and
 * only those: a chain that looks at the path answers per path. */
static void
test_cache_reads(void **state)
{
	mc_device *d = dev(MC_VENDOR_IOS);
	mc_policy *p = pol(d, "RM", MC_FALL_REJECT);
	mc_policy *q = pol(d, "PL", MC_FALL_REJECT);
	mc_cond *orig = C(MC_C_AS_ORIGIN, NULL);
	mc_neighbor *n1 = nbr(d, "192.0.2.1", 64501);
	mc_neighbor *n2 = nbr(d, "192.0.2.2", 64502);
	/* same length: only the ASNs tell them apart */
	mc_route shortp = route("0.0.0.0/0", "64501 64502");
	mc_route longp = route("0.0.0.0/0", "64501 64504");
	mc_rangeset all = mc_rs_universe(A, MC_AF4);
	mc_engine *e;
	mc_rangeset r;
	bool approx;

	(void)state;
	plist(d, "ANY", "permit 0.0.0.0/0 0 32");
	orig->lo = orig->hi = 64504;
	term(p, "10", IF(orig, S(MC_S_REJECT), NULL), NULL);
	term(p, "20", S(MC_S_ACCEPT), NULL);
	term(q, "10", IF(C(MC_C_PREFIX_LIST, "ANY"), S(MC_S_ACCEPT), NULL),
	    NULL);
	stage(n1, MC_DIR_IN, MC_REF_POLICY, "RM", -1);
	stage(n2, MC_DIR_IN, MC_REF_POLICY, "PL", -1);
	e = mc_engine_new(d, A);
	r = mc_eval_accepted(e, n1, MC_DIR_IN, &shortp, &all, &approx);
	assert_false(mc_rs_empty(&r));
	r = mc_eval_accepted(e, n1, MC_DIR_IN, &longp, &all, &approx);
	assert_true(mc_rs_empty(&r));
	r = mc_eval_accepted(e, n1, MC_DIR_IN, &shortp, &all, &approx);
	assert_false(mc_rs_empty(&r));
	/* PL reads no path: both paths pass, from one cached answer. */
	r = mc_eval_accepted(e, n2, MC_DIR_IN, &longp, &all, &approx);
	assert_false(mc_rs_empty(&r));
	r = mc_eval_accepted(e, n2, MC_DIR_IN, &shortp, &all, &approx);
	assert_false(mc_rs_empty(&r));
	mc_engine_free(e);
}

static void
test_route_text(void **state)
{
	mc_route r;
	mc_community c;

	(void)state;
	memset(&r, 0, sizeof(r));
	assert_true(mc_route_set_path(&r, "64500 1.10 {65001,65002}"));
	assert_int_equal(r.path_len, 4);
	assert_int_equal(r.path[1], 65546);
	assert_false(mc_route_set_path(&r, "64500 x"));
	assert_false(mc_route_set_path(&r, "4294967296"));
	assert_string_equal(mc_route_path_str(A, &(mc_route){ .path = { 1, 2 },
	    .path_len = 2 }), "1 2");
	/* Paths with prepends (repeats copied) against printf, to the cap
	 * of 128 ASes. */
	{
		uint64_t seed = 77;
		char want[128 * 11 + 1], got[128 * 11 + 1];
		int iter, i;

		for (iter = 0; iter < 2000; iter++) {
			size_t n = 0;

			memset(&r, 0, sizeof(r));
			r.path_len = (int)ut_rnd(&seed, 131);
			for (i = 0; i < r.path_len && i < 128; i++) {
				uint32_t k = ut_rnd(&seed, 4);

				r.path[i] = i > 0 && k < 2 ? r.path[i - 1] :
				    k == 2 ? ut_rnd(&seed, 100) :
				    (uint32_t)(ut_rnd(&seed, 65536) << 16 |
				    ut_rnd(&seed, 65536));
				n += (size_t)snprintf(want + n, sizeof(want) - n,
				    "%s%u", i > 0 ? " " : "", r.path[i]);
			}
			want[n] = '\0';
			assert_int_equal(mc_route_path_fmt(&r, got), n);
			assert_string_equal(got, want);
			assert_string_equal(mc_route_path_str(A, &r), want);
		}
	}
	assert_true(mc_community_parse("64500:100", &c));
	assert_int_equal(c.a, 64500);
	assert_int_equal(c.b, 100);
	assert_true(mc_community_parse("no-export", &c));
	assert_int_equal(c.a, 65535);
	assert_int_equal(c.b, 65281);
	assert_true(mc_community_parse("64500:1:2", &c));
	assert_int_equal(c.kind, 1);
	assert_true(mc_community_parse("64500:*", &c));
	assert_int_equal(c.b, 0xffffffffu);
	assert_false(mc_community_parse("70000:1", &c));
	assert_false(mc_community_parse("1:2:3:4", &c));
	assert_false(mc_community_parse("", &c));
	r.ncomms = 2;
	mc_community_parse("64500:1", &r.comms[0]);
	mc_community_parse("1:2:3", &r.comms[1]);
	assert_string_equal(mc_route_comm_str(A, &r), "64500:1 1:2:3");
}

static void
test_semantics_table(void **state)
{
	int v;

	(void)state;
	for (v = 0; v < MC_VENDOR_COUNT; v++) {
		const mc_semantics *s = mc_semantics_for((mc_vendor)v);

		assert_int_equal(s->vendor, v);
		assert_non_null(s->source);
	}
	assert_false(mc_semantics_for(MC_VENDOR_IOSXR)->ebgp_no_policy_accepts);
	assert_false(mc_semantics_for(MC_VENDOR_FRR)->ebgp_no_policy_accepts);
	assert_false(mc_semantics_for(MC_VENDOR_BIRD)->ebgp_no_policy_accepts);
	assert_true(mc_semantics_for(MC_VENDOR_IOS)->ebgp_no_policy_accepts);
	assert_true(mc_semantics_for(MC_VENDOR_JUNOS)->chain_default_accept);
	assert_int_equal(mc_semantics_for(MC_VENDOR_EOS)->default_max_prefix, 12000);
	assert_string_equal(mc_undef_str(MC_UNDEF_MATCH_NONE), "matches no route");
}

/* MC_C_NEXT_HOP with ref (named prefix list / ACL, IOS/FRR match ip
 * next-hop) or plist (XR next-hop in (..)): the next hop, unset = the
 * neighbour's address, as a host prefix against the list. */
static mc_cond *
NH(const char *ref, int kind, mc_prefix_list *pl)
{
	mc_cond *c = mc_cond_new(A, MC_C_NEXT_HOP, 9);

	c->ref = ref;
	c->n = kind;
	c->plist = pl;
	return c;
}

static void
test_next_hop_lists(void **state)
{
	mc_device *d = dev(MC_VENDOR_FRR);
	mc_neighbor *a = nbr(d, "192.0.2.7", 64507);
	mc_neighbor *b = nbr(d, "192.0.2.8", 64508);
	mc_neighbor *c = nbr(d, "192.0.2.9", 64509);
	mc_neighbor *u = nbr(d, "192.0.2.10", 64510);
	mc_neighbor *x = nbr(d, "192.0.2.11", 64511);
	mc_acl *al = acl(d, "LAN");
	mc_engine *e;
	mc_eval_result r;
	mc_route rt;

	(void)state;
	/* a: permit only its own address; b: deny entry for every next
	 * hop but its own, first match decides */
	plist(d, "NH-A", "permit 192.0.2.7/32 32 32");
	plist(d, "NOT-B", "deny 192.0.2.8/32 32 32; permit 0.0.0.0/0 0 32");
	term(pol(d, "A-IN", MC_FALL_REJECT), "10", IF(NH("NH-A",
	    MC_C_PREFIX_LIST, NULL), S(MC_S_ACCEPT), NULL), NULL);
	term(pol(d, "B-IN", MC_FALL_REJECT), "5", IF(NH("NOT-B",
	    MC_C_PREFIX_LIST, NULL), S(MC_S_REJECT), NULL), S(MC_S_ACCEPT),
	    NULL);
	/* c: ACL of the peering LAN */
	acl_add(al, true, NULL, "192.0.2.0/24", "0.0.0.0/0");
	term(pol(d, "C-IN", MC_FALL_REJECT), "10", IF(NH("LAN",
	    MC_C_PREFIX_ACL, NULL), S(MC_S_ACCEPT), NULL), NULL);
	/* u: undefined list (FRR: matches nothing) */
	term(pol(d, "U-IN", MC_FALL_REJECT), "10", IF(NH("NOPE",
	    MC_C_PREFIX_LIST, NULL), S(MC_S_ACCEPT), NULL), NULL);
	/* x: anonymous list */
	term(pol(d, "X-IN", MC_FALL_REJECT), "10", IF(NH(NULL, 0,
	    plist(NULL, "", "permit 192.0.2.11/32 32 32; permit "
	    "198.51.100.0/24 24 32")), S(MC_S_ACCEPT), NULL), NULL);
	stage(a, MC_DIR_IN, MC_REF_POLICY, "A-IN", -1);
	stage(b, MC_DIR_IN, MC_REF_POLICY, "B-IN", -1);
	stage(c, MC_DIR_IN, MC_REF_POLICY, "C-IN", -1);
	stage(u, MC_DIR_IN, MC_REF_POLICY, "U-IN", -1);
	stage(x, MC_DIR_IN, MC_REF_POLICY, "X-IN", -1);
	e = mc_engine_new(d, A);

	rt = route("8.8.8.0/24", "64507");
	r = mc_eval_route(e, a, MC_DIR_IN, &rt);
	assert_true(r.accept);
	assert_false(r.approximate);
	assert_true(trace_has(&r, "next hop 192.0.2.7 in prefix-list NH-A"));
	rt.next_hop = P("192.0.2.99");
	assert_false(mc_eval_route(e, a, MC_DIR_IN, &rt).accept);
	rt.next_hop = P("192.0.2.7");
	assert_true(mc_eval_route(e, a, MC_DIR_IN, &rt).accept);

	rt = route("8.8.8.0/24", "64508");
	assert_true(mc_eval_route(e, b, MC_DIR_IN, &rt).accept);
	rt.next_hop = P("192.0.2.7");
	assert_false(mc_eval_route(e, b, MC_DIR_IN, &rt).accept);

	rt = route("8.8.8.0/24", "64509");
	assert_true(mc_eval_route(e, c, MC_DIR_IN, &rt).accept);
	rt.next_hop = P("192.0.2.200");
	assert_true(mc_eval_route(e, c, MC_DIR_IN, &rt).accept);
	rt.next_hop = P("203.0.113.1");
	assert_false(mc_eval_route(e, c, MC_DIR_IN, &rt).accept);

	rt = route("8.8.8.0/24", "64510");
	assert_false(mc_eval_route(e, u, MC_DIR_IN, &rt).accept);

	rt = route("8.8.8.0/24", "64511");
	assert_true(mc_eval_route(e, x, MC_DIR_IN, &rt).accept);
	rt.next_hop = P("198.51.100.77");
	assert_true(mc_eval_route(e, x, MC_DIR_IN, &rt).accept);
	rt.next_hop = P("192.0.2.12");
	assert_false(mc_eval_route(e, x, MC_DIR_IN, &rt).accept);
	rt.next_hop = P("2001:db8::11");	/* other family: no match */
	assert_false(mc_eval_route(e, x, MC_DIR_IN, &rt).accept);
	mc_engine_free(e);
}

/* Lookups by name through the index answer as a search of the vector
 * would: the first of two with one name, nothing for an unknown name,
 * and objects added after the index was built are still found. */
static void
test_name_index(void **state)
{
	mc_device *d = dev(MC_VENDOR_IOS);
	mc_policy *a1 = pol(d, "A", MC_FALL_REJECT);
	mc_policy *b = pol(d, "B", MC_FALL_REJECT);
	mc_policy *c;
	char name[16];
	int i;

	(void)state;
	(void)pol(d, "A", MC_FALL_ACCEPT);
	for (i = 0; i < 40; i++) {		/* enough to grow the table */
		snprintf(name, sizeof(name), "P%d", i);
		(void)pol(d, mc_strdup(A, name), MC_FALL_REJECT);
	}
	mc_dev_index(d);
	assert_ptr_equal(mc_dev_policy(d, "A"), a1);
	assert_ptr_equal(mc_dev_policy(d, "B"), b);
	assert_non_null(mc_dev_policy(d, "P39"));
	assert_null(mc_dev_policy(d, "C"));
	assert_null(mc_dev_policy(d, NULL));
	c = pol(d, "C", MC_FALL_REJECT);
	assert_ptr_equal(mc_dev_policy(d, "C"), c);
	assert_null(mc_dev_prefix_list(d, "A"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bogon_route_map),
		cmocka_unit_test(test_long_list_first_match),
		cmocka_unit_test(test_deny_then_permit_all),
		cmocka_unit_test(test_continue),
		cmocka_unit_test(test_call),
		cmocka_unit_test(test_undefined_refs),
		cmocka_unit_test(test_junos_chain),
		cmocka_unit_test(test_lists_and_stages),
		cmocka_unit_test(test_rpki_and_lengths),
		cmocka_unit_test(test_no_policy_and_families),
		cmocka_unit_test(test_acl_filters),
		cmocka_unit_test(test_unknown_is_approximate),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_mark_nexthop_knobs),
		cmocka_unit_test(test_symbolic_matches_concrete),
		cmocka_unit_test(test_set_memo),
		cmocka_unit_test(test_speed),
		cmocka_unit_test(test_cache_reads),
		cmocka_unit_test(test_name_index),
		cmocka_unit_test(test_route_text),
		cmocka_unit_test(test_semantics_table),
		cmocka_unit_test(test_next_hop_lists),
		cmocka_unit_test(test_brief_trace),
		cmocka_unit_test(test_path_signature_cache),
		cmocka_unit_test(test_cache_path_length),
		cmocka_unit_test(test_path_signature_budget),
		cmocka_unit_test(test_call_fanout),
		cmocka_unit_test(test_call_memo_keys_on_route),
		cmocka_unit_test(test_step_limit),
	};
	int rc;

	A = mc_arena_new();
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	mc_arena_free(A);
	return rc;
}
