/* BIRD reader: tokens, filters compiled to the IR (sets, masks, function
 * inlining, case, communities, ROA), protocols and templates, and what
 * the engine then decides for real routes. */
#include <unistd.h>
#include <sys/stat.h>

#include "helpers.h"
#include "conf/bird_lex.h"
#include "vendors/bird_int.h"

UT_ARENA_FIXTURE

static mc_device *
parse_diag(const char *text, mc_diag *d)
{
	mc_device *dev;

	mc_diag_init(d, A);
	dev = bird_extract(A, "test.conf", text, strlen(text), BL_NO_INCLUDE,
	    d);
	assert_non_null(dev);
	mc_resolve(dev);
	return dev;
}

static mc_device *
parse(const char *text)
{
	mc_diag d;
	mc_device *dev = parse_diag(text, &d);

	assert_int_equal(d.errors.n, 0);
	return dev;
}

static mc_neighbor *
nbr(const mc_device *d, const char *name)
{
	size_t i;

	for (i = 0; i < d->neighbors.n; i++)
		if (strcmp(d->neighbors.v[i]->name, name) == 0 ||
		    strcmp(d->neighbors.v[i]->address, name) == 0)
			return d->neighbors.v[i];
	fail_msg("no neighbour %s", name);
	return NULL;
}

static const char *
stage_name(const mc_neighbor *n, int afi, mc_dir dir, size_t stage)
{
	const mc_direction_policy *dp = dir == MC_DIR_IN ? &n->af[afi].in :
	    &n->af[afi].out;

	if (dp->stages.n <= stage)
		return NULL;
	return dp->stages.v[stage].chain.v[0].name;
}

static const mc_stmt *
body(const mc_device *d, const char *policy, size_t i)
{
	const mc_policy *p = mc_dev_policy(d, policy);

	assert_non_null(p);
	assert_true(p->terms.n >= 1);
	if (i >= p->terms.v[0].body.n)
		fail_msg("%s has %zu statements", policy, p->terms.v[0].body.n);
	return p->terms.v[0].body.v[i];
}

typedef struct rt {
	const char *pfx, *path, *comm, *comm2;
	int rov;
	const char *proto;
} rt;

static mc_eval_result
run(const mc_device *d, const char *name, mc_dir dir, rt r0)
{
	mc_engine *e = mc_engine_new(d, A);
	mc_route r;
	mc_eval_result res;

	memset(&r, 0, sizeof(r));
	assert_true(mc_prefix_parse(r0.pfx, strlen(r0.pfx), &r.prefix));
	assert_true(mc_route_set_path(&r, r0.path ? r0.path : ""));
	if (r0.comm != NULL)
		assert_true(mc_community_parse(r0.comm, &r.comms[r.ncomms++]));
	if (r0.comm2 != NULL)
		assert_true(mc_community_parse(r0.comm2, &r.comms[r.ncomms++]));
	r.rov = r0.rov ? r0.rov : MC_ROV_NOTFOUND;
	r.protocol = r0.proto;
	res = mc_eval_route(e, nbr(d, name), dir, &r);
	mc_engine_free(e);
	return res;
}

static bool
acc(const mc_device *d, const char *name, mc_dir dir, rt r)
{
	mc_eval_result res = run(d, name, dir, r);

	if (res.approximate)
		fail_msg("%s %s: approximate (%s)", name, r.pfx,
		    res.decided_by ? res.decided_by : "?");
	return res.accept;
}

#define IN(d, n, P, PATH, ...)	acc(d, n, MC_DIR_IN, \
	(rt){ .pfx = P, .path = PATH, __VA_ARGS__ })
#define OUT(d, n, P, PATH, ...)	acc(d, n, MC_DIR_OUT, \
	(rt){ .pfx = P, .path = PATH, __VA_ARGS__ })

/* ---- lexer ---------------------------------------------------------- */

static void
test_lexer(void **state)
{
	const char *t =
	    "# comment\n"
	    "case x { 64512: a; 2001:db8::1 : b; }\n"
	    "/* c\n   d */ [= * 174 * =] +empty+ --empty-- a..b 10.0.0.0/8+\n"
	    "'odd-name' \"str\\\"q\" != !~ <= >= && || -> ::/0 ff00::\n";
	bl_lex lx;
	mc_diag d;
	const bl_tok *k;

	(void)state;
	mc_diag_init(&d, A);
	assert_int_equal(bl_lex_run(A, "t", t, strlen(t), BL_NO_INCLUDE, &lx,
	    &d), 0);
	k = lx.toks.v;
	assert_true(bl_is(&k[0], "case"));
	assert_int_equal(k[0].line, 2);
	assert_int_equal(k[3].t, BT_NUM);	/* 64512: stays a number */
	assert_true(bl_isop(&k[4], ':'));
	assert_int_equal(k[7].t, BT_IP6);
	assert_int_equal(k[7].len, 11);
	assert_true(bl_isop(&k[12], BO_PO));
	assert_int_equal(k[12].line, 4);	/* after a 2-line comment */
	assert_true(bl_isop(&k[16], BO_PC));
	assert_int_equal(k[17].t, BT_EMPTY);
	assert_int_equal(k[17].op, 1);
	assert_int_equal(k[18].op, 3);
	assert_true(bl_isop(&k[20], BO_DDOT));
	assert_int_equal(k[22].t, BT_IP4);
	assert_true(bl_isop(&k[23], '/'));
	assert_true(bl_isop(&k[25], '+'));
	assert_true(bl_is(&k[26], "odd-name"));
	assert_int_equal(k[27].t, BT_STRING);
	assert_int_equal(k[27].len, 6);
	assert_true(bl_isop(&k[28], BO_NEQ));
	assert_true(bl_isop(&k[29], BO_NMA));
	assert_true(bl_isop(&k[34], BO_ARROW));
	assert_int_equal(k[35].t, BT_IP6);
	assert_int_equal(k[38].t, BT_IP6);	/* ff00:: */
	assert_int_equal(k[39].t, BT_EOF);
	assert_int_equal(lx.comments.n, 2);
	assert_int_equal(lx.comments.v[1].line, 3);
}

/* Files for the include tests, in a fresh directory. */
static void
put_file(const char *dir, const char *name, const char *text)
{
	char path[400];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void
rm_tree(const char *dir)
{
	char cmd[300];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* The lexer on `text` read as DIR/bird.conf, with fresh diagnostics. */
static int
lex_at(const char *dir, const char *text, int flags, bl_lex *lx, mc_diag *d)
{
	char path[300];

	snprintf(path, sizeof(path), "%s/bird.conf", dir);
	mc_diag_init(d, A);
	return bl_lex_run(A, path, text, strlen(text), flags, lx, d);
}

/* The same through the extractor: there must be a device. */
static mc_device *
extract_at(const char *dir, const char *text, mc_diag *d)
{
	char path[300];
	mc_device *dev;

	snprintf(path, sizeof(path), "%s/bird.conf", dir);
	mc_diag_init(d, A);
	dev = mc_extract_bird(A, path, text, strlen(text), d);
	assert_non_null(dev);
	return dev;
}

static bool
has_error(const mc_diag *d, int line, const char *word)
{
	size_t i;

	for (i = 0; i < d->errors.n; i++)
		if (d->errors.v[i].line == line &&
		    strstr(d->errors.v[i].message, word) != NULL)
			return true;
	return false;
}

/* A literal include whose file is not there (a copy of the configuration
 * without its include targets) is a warning: an unrecognized line with
 * the include's line (CFG-UNPARSED) and a note; parsing goes on.  A
 * pattern matching nothing is no problem (BIRD includes nothing). */
static void
test_include(void **state)
{
	char dir[] = "/tmp/birdtestXXXXXX";
	const char *main_conf =
	    "router id 192.0.2.1;\n"
	    "include \"peers.conf\";\n"
	    "include \"missing.conf\";\n"
	    "include \"nomatch-*.conf\";\n"
	    "filter f { accept; }\n";
	mc_diag d;
	mc_device *dev;
	size_t k;

	(void)state;
	assert_non_null(mkdtemp(dir));
	put_file(dir, "peers.conf", "protocol bgp p1 {\n local as 65000;\n"
	    " neighbor 192.0.2.2 as 65001;\n"
	    " ipv4 { import filter f; export none; };\n}\n");
	dev = extract_at(dir, main_conf, &d);
	assert_int_equal(d.errors.n, 0);
	assert_int_equal(dev->unrecognized, 1);
	assert_int_equal(dev->unparsed.v[0].line, 3);
	assert_string_equal(dev->unparsed.v[0].section, "include");
	assert_non_null(strstr(dev->unparsed.v[0].text, "missing.conf"));
	assert_non_null(strstr(dev->unparsed.v[0].text, "not found"));
	assert_true(ut_has_note(dev, "analysis may be incomplete"));
	assert_true(ut_has_note(dev, "nomatch-*.conf\" matched no file"));
	/* what follows the missing include was read */
	assert_int_equal(dev->neighbors.n, 1);
	assert_int_equal(dev->neighbors.v[0]->line, 2);	/* the include's */
	assert_string_equal(stage_name(dev->neighbors.v[0], MC_AFI_V4,
	    MC_DIR_IN, 0), "f");
	assert_non_null(mc_dev_policy(dev, "f"));
	assert_int_equal(dev->bgp.asn, 65000);
	for (k = 0; k < dev->notes.n; k++)
		assert_null(strstr(dev->notes.v[k], "peers.conf\": file not"));
	rm_tree(dir);
}

/* The lexer's view: what is missing, where; a pattern in a directory
 * that does not exist is missing too (glob fails on it); directories a
 * pattern matches are skipped as BIRD does; relative includes resolve
 * against the including file's directory, not the working directory. */
static void
test_include_lex(void **state)
{
	char dir[] = "/tmp/birdtestXXXXXX", path[300], sub[320];
	const char *main_conf =
	    "include \"sub/a.conf\";\n"
	    "include \"nodir/*.conf\";\n"
	    "include \"sub/*\";\n"
	    "x;\n";
	bl_lex lx;
	mc_diag d;
	size_t k;
	int seen_b = 0;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(sub, sizeof(sub), "%s/sub", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	snprintf(path, sizeof(path), "%s/sub/dir.d", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	/* "b.conf" relative to sub/, where a.conf is */
	put_file(sub, "a.conf", "a1;\ninclude \"b.conf\";\ninclude \"gone.conf\";\n");
	put_file(sub, "b.conf", "b1;\n");
	assert_int_equal(lex_at(dir, main_conf, 0, &lx, &d), 0);
	assert_int_equal(d.errors.n, 0);
	assert_int_equal(lx.nmissing, 3);	/* gone.conf twice, nodir */
	assert_int_equal(lx.nnomatch, 0);
	assert_int_equal(lx.missing.n, 3);
	/* gone.conf: included from a.conf line 3, main line 1 */
	assert_non_null(strstr(lx.missing.v[0].path, "sub/gone.conf"));
	assert_non_null(strstr(lx.missing.v[0].from, "sub/a.conf"));
	assert_int_equal(lx.missing.v[0].line, 1);
	assert_int_equal(lx.missing.v[0].fline, 3);
	assert_false(lx.missing.v[0].pattern);
	assert_non_null(strstr(lx.missing.v[1].path, "nodir/*.conf"));
	assert_int_equal(lx.missing.v[1].line, 2);
	/* a.conf, b.conf, then the pattern: a.conf, b.conf again */
	for (k = 0; k < lx.toks.n; k++)
		if (bl_is(&lx.toks.v[k], "b1"))
			seen_b++;
	assert_int_equal(seen_b, 3);
	assert_int_equal(lx.files.n, 6);
	assert_true(bl_is(&lx.toks.v[lx.toks.n - 3], "x"));
	assert_int_equal(lx.toks.v[lx.toks.n - 3].line, 4);
	rm_tree(dir);
}

/* Include cycles are errors (not a loop to the depth bound); a file may
 * be included twice when it does not include itself. */
static void
test_include_cycle(void **state)
{
	char dir[] = "/tmp/birdtestXXXXXX";
	const char *conf = "include \"a.conf\";\ninclude \"b.conf\";\n"
	    "include \"self.conf\";\n";
	bl_lex lx;
	mc_diag d;

	(void)state;
	assert_non_null(mkdtemp(dir));
	put_file(dir, "bird.conf", "router id 192.0.2.1;\ninclude \"a.conf\";\n");
	put_file(dir, "a.conf", "a1;\ninclude \"b.conf\";\n");
	put_file(dir, "b.conf", "b1;\ninclude \"a.conf\";\ninclude \"bird.conf\";\n");
	put_file(dir, "self.conf", "s;\ninclude \"self.conf\";\n");
	assert_int_equal(lex_at(dir, conf, 0, &lx, &d), 0);
	/* a -> b -> a and b -> bird.conf (the main file): cycles, b.conf
	 * line 2 and 3; then b.conf alone -> a -> b: a cycle again */
	assert_true(has_error(&d, 2, "include cycle"));
	assert_true(has_error(&d, 3, "include cycle"));
	assert_true(has_error(&d, 2, "a.conf is already being read") ||
	    has_error(&d, 2, "b.conf is already being read"));
	assert_true(has_error(&d, 2, "self.conf is already being read"));
	assert_int_equal(lx.include_errors, (int)d.errors.n);
	assert_int_equal(d.errors.n, 5);
	assert_int_equal(lx.nmissing, 0);
	rm_tree(dir);
}

/* BIRD 2.0.12 reads the main file and 7 nested includes; the 8th is
 * "Max include depth reached".  Bounded the same way here. */
static void
test_include_depth(void **state)
{
	char dir[] = "/tmp/birdtestXXXXXX", path[300], name[32], text[64];
	const char *main_conf = "include \"i1.conf\";\n";
	bl_lex lx;
	mc_diag d;
	size_t k;
	int i, seen = 0;

	(void)state;
	assert_non_null(mkdtemp(dir));
	for (i = 1; i <= 9; i++) {
		snprintf(name, sizeof(name), "i%d.conf", i);
		snprintf(text, sizeof(text), "t%d;\ninclude \"i%d.conf\";\n",
		    i, i + 1);
		put_file(dir, name, text);
	}
	assert_int_equal(lex_at(dir, main_conf, 0, &lx, &d), 0);
	assert_int_equal(d.errors.n, 1);
	assert_non_null(strstr(d.errors.v[0].file, "i7.conf"));
	assert_int_equal(d.errors.v[0].line, 2);
	assert_non_null(strstr(d.errors.v[0].message, "nested deeper"));
	for (k = 0; k < lx.toks.n; k++)
		if (lx.toks.v[k].t == BT_IDENT && lx.toks.v[k].s[0] == 't')
			seen++;
	assert_int_equal(seen, 7);		/* t1 .. t7 */
	assert_int_equal(lx.files.n, 8);

	/* at most 256 files (the main one counted), one error, then no
	 * more includes at all */
	snprintf(path, sizeof(path), "%s/many", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "f%03d.conf", i);
		put_file(path, name, "m;\n");
	}
	main_conf = "include \"many/*.conf\";\ninclude \"i9.conf\";\n";
	assert_int_equal(lex_at(dir, main_conf, 0, &lx, &d), 0);
	assert_int_equal(lx.files.n, 256);
	assert_int_equal(d.errors.n, 1);
	assert_non_null(strstr(d.errors.v[0].message, "f255.conf\": more "
	    "than 256 included files"));
	assert_false(bl_is(&lx.toks.v[lx.toks.n - 3], "t9"));

	/* the fuzzing flag never opens a file and records nothing */
	main_conf = "include \"i1.conf\";\ninclude \"/nonexistent/x\";\n";
	assert_int_equal(lex_at(dir, main_conf, BL_NO_INCLUDE, &lx, &d), 0);
	assert_int_equal(d.errors.n, 0);
	assert_int_equal(lx.files.n, 1);
	assert_int_equal(lx.nmissing, 0);
	assert_int_equal(lx.toks.n, 1);		/* EOF */
	rm_tree(dir);
}

/* A filter or function defined only in a missing include: the
 * undefined filter keeps BIRD's semantics (nothing passes, and the
 * undefined reference is reported) with a note naming the missing
 * include; a call to an undefined function is not understood, so the
 * evaluation is approximate, never a clean answer. */
static void
test_include_undefined(void **state)
{
	char dir[] = "/tmp/birdtestXXXXXX";
	const char *conf =
	    "include \"hooks.local\";\n"
	    "filter t_in {\n"
	    "  if net ~ [ 10.0.0.0/8+ ] then reject;\n"
	    "  if !hook_accept() then reject;\n"
	    "  accept;\n"
	    "}\n"
	    "protocol bgp t { local as 1; neighbor 192.0.2.2 as 2;\n"
	    "  ipv4 { import filter t_in; export none; }; }\n"
	    "protocol bgp q { local as 1; neighbor 192.0.2.3 as 3;\n"
	    "  ipv4 { import filter q_in; export none; }; }\n";
	mc_eval_result r;
	mc_engine *e;
	mc_route rr;
	mc_diag d;
	mc_device *dev;

	(void)state;
	assert_non_null(mkdtemp(dir));
	dev = extract_at(dir, conf, &d);
	mc_resolve(dev);
	assert_int_equal(d.errors.n, 0);
	assert_int_equal(dev->unrecognized, 2);	/* the include, the call */
	assert_int_equal(dev->unparsed.v[0].line, 1);
	assert_int_equal(dev->unparsed.v[1].line, 4);
	assert_true(ut_has_note(dev, "filter q_in is not defined in the files "
	    "read"));
	assert_false(ut_has_note(dev, "filter t_in"));
	r = run(dev, "t", MC_DIR_IN, (rt){ .pfx = "185.10.0.0/24",
	    .path = "2" });
	assert_true(r.approximate);
	/* the result's texts live in the engine: keep it until checked */
	e = mc_engine_new(dev, A);
	memset(&rr, 0, sizeof(rr));
	assert_true(mc_prefix_parse("185.10.0.0/24", 13, &rr.prefix));
	assert_true(mc_route_set_path(&rr, "3"));
	rr.rov = MC_ROV_NOTFOUND;
	r = mc_eval_route(e, nbr(dev, "q"), MC_DIR_IN, &rr);
	assert_false(r.accept);
	assert_non_null(r.decided_by);
	assert_non_null(strstr(r.decided_by, "not defined"));
	mc_engine_free(e);
	rm_tree(dir);
}

/* ---- filters -------------------------------------------------------- */

static const char *bogon_conf =
    "define BOGONS = [ 0.0.0.0/8+, 10.0.0.0/8+, 192.168.0.0/16{16,24} ];\n"
    "define BOGON_ASNS = [ 0, 23456, 64512..65534 ];\n"
    "function is_bogon() -> bool { return net ~ BOGONS; }\n"
    "function len_ok(int lo; int hi) -> bool {\n"
    "  if net.len < lo then return false;\n"
    "  if net.len > hi then return false;\n"
    "  return true;\n"
    "}\n"
    "filter in_f {\n"
    "  if is_bogon() then reject \"bogon\";\n"
    "  if net = 0.0.0.0/0 then reject;\n"
    "  if net.type = NET_IP4 && !len_ok(8, 24) then reject;\n"
    "  if bgp_path ~ BOGON_ASNS then reject;\n"
    "  if bgp_path.len > 50 then reject;\n"
    "  if bgp_path.first != 3356 then reject;\n"
    "  if roa_check(r4, net, bgp_path.last) = ROA_INVALID then reject;\n"
    "  accept;\n"
    "}\n"
    "roa4 table r4;\n"
    "protocol bgp up {\n"
    "  local 192.0.2.1 as 65000;\n"
    "  neighbor 192.0.2.2 as 3356;\n"
    "  ipv4 { import filter in_f; export none; import limit 1000 action "
    "block; };\n"
    "}\n";

static void
test_filter_ir(void **state)
{
	mc_device *d = parse(bogon_conf);
	const mc_stmt *s;
	const mc_prefix_list *pl;

	(void)state;
	s = body(d, "in_f", 0);
	assert_int_equal(s->kind, MC_S_IF);
	assert_int_equal(s->cond->kind, MC_C_PREFIX_INLINE);
	pl = s->cond->plist;
	assert_string_equal(pl->name, "BOGONS");
	/* 192.168.0.0/16{16,24}: one range; the others p+ */
	assert_int_equal(pl->entries.n, 3);
	assert_int_equal(pl->entries.v[2].r.lo, 16);
	assert_int_equal(pl->entries.v[2].r.hi, 24);
	assert_int_equal(s->then.v[0]->kind, MC_S_REJECT);
	assert_int_equal(s->line, 10);
	/* len_ok(8, 24) inlined with its arguments */
	s = body(d, "in_f", 2);
	assert_int_equal(s->cond->kind, MC_C_AND);
	s = body(d, "in_f", 3);
	assert_int_equal(s->cond->kind, MC_C_OR);
	assert_int_equal(s->cond->kids.v[2]->kind, MC_C_AS_ANY);
	assert_int_equal(s->cond->kids.v[2]->lo, 64512);
	assert_int_equal(s->cond->kids.v[2]->hi, 65534);
	s = body(d, "in_f", 4);
	assert_int_equal(s->cond->kind, MC_C_ASPATH_LEN);
	assert_int_equal(s->cond->lo, 51);
	s = body(d, "in_f", 5);
	assert_int_equal(s->cond->kind, MC_C_NOT);
	assert_int_equal(s->cond->kids.v[0]->kind, MC_C_AS_FIRST);
	s = body(d, "in_f", 6);
	assert_int_equal(s->cond->kind, MC_C_RPKI);
	assert_int_equal(s->cond->n, MC_ROV_INVALID);
	assert_int_equal(body(d, "in_f", 7)->kind, MC_S_ACCEPT);
	assert_true(d->bgp.rpki_configured);
	assert_int_equal(d->unrecognized, 0);
	assert_int_equal(nbr(d, "up")->af[MC_AFI_V4].maxpfx.limit, 1000);
	assert_int_equal(nbr(d, "up")->af[MC_AFI_V4].maxpfx.action,
	    MC_MAXP_DROP);
}

static void
test_filter_eval(void **state)
{
	mc_device *d = parse(bogon_conf);

	(void)state;
	assert_true(IN(d, "up", "185.10.0.0/24", "3356 3333"));
	assert_false(IN(d, "up", "10.1.0.0/24", "3356"));
	assert_false(IN(d, "up", "192.168.1.0/24", "3356"));
	/* 192.168.0.0/16{16,24}: a /25 is not in it, but too long anyway */
	assert_false(IN(d, "up", "192.168.1.0/25", "3356"));
	assert_false(IN(d, "up", "0.0.0.0/0", "3356"));
	assert_false(IN(d, "up", "185.10.0.0/25", "3356"));
	assert_false(IN(d, "up", "5.0.0.0/7", "3356"));
	assert_true(IN(d, "up", "5.0.0.0/8", "3356"));
	assert_false(IN(d, "up", "185.10.0.0/24", "3356 64513"));
	assert_false(IN(d, "up", "185.10.0.0/24", "3333 3356"));
	assert_false(IN(d, "up", "185.10.0.0/24", "3356", .rov =
	    MC_ROV_INVALID));
	assert_true(IN(d, "up", "185.10.0.0/24", "3356", .rov = MC_ROV_VALID));
	/* export none */
	assert_false(OUT(d, "up", "185.10.0.0/24", "3356"));
}

/* a/l- is a/l and its supernets, never its subnets (BIRD manual). */
static void
test_prefix_patterns(void **state)
{
	mc_device *d = parse(
	    "filter f {\n"
	    "  if net ~ [ 10.1.0.0/16- ] then reject;\n"
	    "  if net ~ [ 172.16.0.0/12{8,14} ] then reject;\n"
	    "  if net ~ 100.64.0.0/10 then reject;\n"
	    "  accept;\n"
	    "}\n"
	    "protocol bgp p { local as 1; neighbor 192.0.2.2 as 2;\n"
	    "  ipv4 { import filter f; export none; }; }\n");

	(void)state;
	assert_false(IN(d, "p", "10.1.0.0/16", "2"));
	assert_false(IN(d, "p", "10.0.0.0/8", "2"));
	assert_false(IN(d, "p", "0.0.0.0/0", "2"));
	assert_true(IN(d, "p", "10.1.1.0/24", "2"));	/* a subnet: no */
	assert_true(IN(d, "p", "11.0.0.0/8", "2"));
	/* {8,14} on a /12: supernets /8../11 and the /12../14 subnets */
	assert_false(IN(d, "p", "172.0.0.0/8", "2"));
	assert_false(IN(d, "p", "172.16.0.0/12", "2"));
	assert_false(IN(d, "p", "172.20.0.0/14", "2"));
	assert_true(IN(d, "p", "172.16.0.0/15", "2"));
	assert_true(IN(d, "p", "172.0.0.0/7", "2"));
	assert_false(IN(d, "p", "100.64.0.0/24", "2"));	/* net ~ prefix */
}

static void
test_masks_and_communities(void **state)
{
	mc_device *d = parse(
	    "define ME = 65000;\n"
	    "filter f {\n"
	    "  if bgp_path ~ [= * 174 * =] then reject;\n"
	    "  if bgp_path ~ [= 3356 * =] then reject;\n"
	    "  if bgp_path ~ [= * 701 ? =] then reject;\n"
	    "  if (65535, 666) ~ bgp_community then reject;\n"
	    "  if bgp_large_community ~ [(ME, 1, *)] then reject;\n"
	    "  if bgp_community ~ [(64600, 1..3)] then reject;\n"
	    "  bgp_community.add((ME, 100));\n"
	    "  bgp_large_community.add((ME, 2, 3));\n"
	    "  accept;\n"
	    "}\n"
	    "filter out_f {\n"
	    "  if (65000, 100) ~ bgp_community then accept;\n"
	    "  reject;\n"
	    "}\n"
	    "protocol bgp p { local as 65000; neighbor 192.0.2.2 as 2;\n"
	    "  ipv4 { import filter f; export filter out_f; }; }\n");
	const mc_stmt *s;

	(void)state;
	s = body(d, "f", 0);
	assert_int_equal(s->cond->kind, MC_C_AS_ANY);
	assert_int_equal(s->cond->lo, 174);
	assert_int_equal(body(d, "f", 1)->cond->kind, MC_C_AS_FIRST);
	assert_int_equal(body(d, "f", 2)->cond->kind, MC_C_ASPATH_REGEX);
	s = body(d, "f", 6);
	assert_int_equal(s->kind, MC_S_SET);
	assert_int_equal(s->set, MC_SET_COMMUNITY_ADD);
	assert_int_equal(s->comm.a, 65000);
	assert_int_equal(s->comm.b, 100);
	assert_true(IN(d, "p", "185.10.0.0/24", "2 1299"));
	assert_false(IN(d, "p", "185.10.0.0/24", "2 174 1"));
	assert_false(IN(d, "p", "185.10.0.0/24", "3356 2"));
	assert_false(IN(d, "p", "185.10.0.0/24", "2 701 9"));
	assert_true(IN(d, "p", "185.10.0.0/24", "2 701"));
	assert_true(IN(d, "p", "185.10.0.0/24", "2 701 9 9"));
	assert_false(IN(d, "p", "185.10.0.0/24", "2", .comm = "65535:666"));
	assert_false(IN(d, "p", "185.10.0.0/24", "2", .comm = "65000:1:77"));
	assert_true(IN(d, "p", "185.10.0.0/24", "2", .comm = "65000:2:77"));
	assert_false(IN(d, "p", "185.10.0.0/24", "2", .comm = "64600:2"));
	assert_true(IN(d, "p", "185.10.0.0/24", "2", .comm = "64600:4"));
	/* out_f only lets tagged routes out */
	assert_true(OUT(d, "p", "185.10.0.0/24", "5", .comm = "65000:100"));
	assert_false(OUT(d, "p", "185.10.0.0/24", "5"));
}

/* case, function returns in branches, local variables, reject inside a
 * function ending the filter. */
static void
test_functions_and_case(void **state)
{
	mc_device *d = parse(
	    "define TRANSIT = [ 174, 701, 1299 ];\n"
	    "function rtt(ip a) -> int {\n"
	    "  case a { 192.0.2.2: return 10; 192.0.2.3: return 90; }\n"
	    "  return 0;\n"
	    "}\n"
	    "function check_path(int peer) {\n"
	    "  if bgp_path.first != peer then reject \"first AS\";\n"
	    "  if bgp_path ~ TRANSIT then {\n"
	    "    bgp_community.add((65000, 9));\n"
	    "    return;\n"
	    "  }\n"
	    "  bgp_community.add((65000, 1));\n"
	    "}\n"
	    "function tagged(int n) -> bool\n"
	    "bool ok;\n"
	    "{\n"
	    "  ok = false;\n"
	    "  if (65000, n) ~ bgp_community then ok = true;\n"
	    "  return ok;\n"
	    "}\n"
	    "filter f\n"
	    "int t;\n"
	    "{\n"
	    "  t = rtt(192.0.2.3);\n"
	    "  if t > 50 then bgp_local_pref = 50;\n"
	    "  check_path(65001);\n"
	    "  if tagged(9) then reject;\n"
	    "  case net.len { 8..24: accept; else: reject; }\n"
	    "}\n"
	    "protocol bgp p { local as 65000; neighbor 192.0.2.2 as 65001;\n"
	    "  ipv4 { import filter f; export none; }; }\n");

	(void)state;
	assert_int_equal(d->unrecognized, 0);
	assert_true(IN(d, "p", "185.10.0.0/24", "65001"));
	assert_false(IN(d, "p", "185.10.0.0/25", "65001"));
	assert_false(IN(d, "p", "185.10.0.0/24", "65002"));
	assert_false(IN(d, "p", "185.10.0.0/24", "65001 1299 5"));
	/* a function with a return in a branch is called, not inlined */
	assert_non_null(mc_dev_policy(d, "check_path(65001)"));
	assert_true(mc_dev_policy(d, "check_path(65001)")->is_function);
}

/* A filter that ends without a verdict rejects; return in a filter too. */
static void
test_fallthrough(void **state)
{
	mc_device *d = parse(
	    "filter f { if net.len <= 24 then accept; }\n"
	    "protocol bgp p { local as 1; neighbor 192.0.2.2 as 2;\n"
	    "  ipv4 { import filter f; export none; }; }\n");
	const mc_policy *p = mc_dev_policy(d, "f");

	(void)state;
	assert_int_equal(p->fallthrough, MC_FALL_REJECT);
	assert_true(IN(d, "p", "185.10.0.0/24", "2"));
	assert_false(IN(d, "p", "185.10.0.0/25", "2"));
}

/* import where / filter { } / all: generated policies */
static void
test_channel_forms(void **state)
{
	mc_device *d = parse(
	    "template bgp T {\n"
	    "  local 192.0.2.1 as 65000;\n"
	    "  ipv4 { import where net.len <= 24 && bgp_path.len < 10;"
	    " export filter { if source = RTS_STATIC then accept; reject; }; };\n"
	    "}\n"
	    "protocol bgp a from T { neighbor 192.0.2.2 as 65001;"
	    " description \"AS65001 customer\"; password \"x\"; ttl security on;"
	    " ipv6 { import all; export none; receive limit 10; }; }\n"
	    "protocol bgp b from T { neighbor 192.0.2.3 as 65000; multihop 2;"
	    " ipv4 { import filter { reject; }; }; disabled; }\n");
	mc_neighbor *a = nbr(d, "a"), *b = nbr(d, "b");

	(void)state;
	assert_string_equal(stage_name(a, MC_AFI_V4, MC_DIR_IN, 0),
	    "proto:a:ipv4:import");
	assert_string_equal(stage_name(a, MC_AFI_V6, MC_DIR_IN, 0),
	    "proto:a:ipv6:import");
	assert_true(a->af[MC_AFI_V6].active);
	assert_int_equal(a->af[MC_AFI_V6].maxpfx.action, MC_MAXP_TEARDOWN);
	assert_string_equal(a->group, "T");
	assert_string_equal(a->description, "AS65001 customer");
	assert_true(a->auth);
	assert_int_equal(a->ttl_security, 1);
	assert_int_equal(a->remote_as, 65001);
	assert_true(IN(d, "a", "185.10.0.0/24", "65001"));
	assert_false(IN(d, "a", "185.10.0.0/25", "65001"));
	assert_true(IN(d, "a", "2001:678::/32", "65001"));
	assert_true(OUT(d, "a", "185.10.0.0/24", "", .proto = "static"));
	assert_false(OUT(d, "a", "185.10.0.0/24", "65009"));
	/* b: inherited export, own import; iBGP; disabled */
	assert_false(IN(d, "b", "185.10.0.0/24", "65000"));
	assert_true(OUT(d, "b", "185.10.0.0/24", "", .proto = "static"));
	assert_true(b->shutdown);
	assert_int_equal(b->ebgp_multihop, 2);
	assert_int_equal(d->bgp.asn, 65000);
}

/* BIRD 1.6: no channels; protocol-level import/export; implicit export
 * none; pipes between per-peer tables and the master table. */
static void
test_bird16_and_pipes(void **state)
{
	mc_device *d = parse(
	    "router id 192.0.2.1;\n"
	    "table t_peer;\n"
	    "filter tag_in { if net.len > 24 then bgp_community.add((65000, 1));"
	    " accept; }\n"
	    "filter to_master { if (65000, 1) ~ bgp_community then reject;"
	    " accept; }\n"
	    "protocol pipe pp { table master; peer table t_peer;"
	    " import filter to_master; export where net.len <= 24; }\n"
	    "protocol bgp peer1 {\n"
	    "  local as 65000; neighbor 192.0.2.2 as 65001; rs client;\n"
	    "  table t_peer; import filter tag_in; route limit 50;\n"
	    "}\n"
	    "protocol bgp peer2 { local as 65000; neighbor 192.0.2.3 as 65002; }\n");
	mc_neighbor *p1 = nbr(d, "peer1"), *p2 = nbr(d, "peer2");

	(void)state;
	assert_int_equal(d->bgp.ebgp_requires_policy, 0);
	assert_true(p1->af[MC_AFI_V4].rs_client);
	assert_int_equal(p1->af[MC_AFI_V4].maxpfx.limit, 50);
	assert_string_equal(stage_name(p1, MC_AFI_V4, MC_DIR_IN, 0), "tag_in");
	assert_string_equal(stage_name(p1, MC_AFI_V4, MC_DIR_IN, 1),
	    "to_master");
	assert_string_equal(stage_name(p1, MC_AFI_V4, MC_DIR_OUT, 0),
	    "pipe:pp:export");
	assert_true(IN(d, "peer1", "185.10.0.0/24", "65001"));
	/* tagged by the bgp filter, dropped by the pipe */
	assert_false(IN(d, "peer1", "185.10.0.0/25", "65001"));
	assert_false(OUT(d, "peer1", "185.10.0.0/24", "65009"));
	/* peer2: 1.6 defaults, import all (no policy), export none */
	assert_int_equal(p2->af[MC_AFI_V4].in.stages.n, 0);
	assert_true(IN(d, "peer2", "10.0.0.0/8", "65002"));
	assert_false(OUT(d, "peer2", "185.10.0.0/24", "65009"));
}

/* IXP-Manager style: a function with returns in its branches tags the
 * route and is used as a condition; the import accepts everything and a
 * pipe into the master table drops the tagged routes. */
static void
test_ixp_tag_and_pipe(void **state)
{
	mc_device *d = parse(
	    "define RS = 65501;\n"
	    "roa4 table t_roa;\n"
	    "function filter_rpki()\n"
	    "{\n"
	    "  if roa_check(t_roa) = ROA_INVALID then {\n"
	    "    bgp_large_community.add((RS, 1101, 13));\n"
	    "    return true;\n"
	    "  }\n"
	    "  if roa_check(t_roa) = ROA_VALID then return true;\n"
	    "  bgp_large_community.add((RS, 1000, 2));\n"
	    "  return false;\n"
	    "}\n"
	    "filter f_import {\n"
	    "  if net ~ [ 0.0.0.0/0{25,32} ] then {\n"
	    "    bgp_large_community.add((RS, 1101, 1)); accept; }\n"
	    "  if filter_rpki() then accept;\n"
	    "  accept;\n"
	    "}\n"
	    "filter f_to_master {\n"
	    "  if bgp_large_community ~ [(RS, 1101, *)] then reject;\n"
	    "  accept;\n"
	    "}\n"
	    "ipv4 table t_42;\n"
	    "protocol pipe pp_42 { table master4; peer table t_42;\n"
	    "  import filter f_to_master; export all; }\n"
	    "protocol bgp pb_42 { local as RS; neighbor 10.1.0.36 as 42;\n"
	    "  rs client;\n"
	    "  ipv4 { table t_42; import filter f_import; export all; }; }\n");
	const mc_stmt *s;

	(void)state;
	/* filter_rpki() is called (its returns are in branches) */
	s = body(d, "f_import", 1);
	assert_int_equal(s->kind, MC_S_CALL);
	assert_string_equal(s->ref, "filter_rpki()");
	assert_true(mc_dev_policy(d, "filter_rpki()")->is_function);
	assert_true(IN(d, "pb_42", "185.10.0.0/24", "42", .rov =
	    MC_ROV_VALID));
	assert_true(IN(d, "pb_42", "185.10.0.0/24", "42"));
	assert_false(IN(d, "pb_42", "185.10.0.0/24", "42", .rov =
	    MC_ROV_INVALID));
	assert_false(IN(d, "pb_42", "185.10.0.0/25", "42"));
	assert_string_equal(stage_name(nbr(d, "pb_42"), MC_AFI_V4, MC_DIR_IN,
	    1), "f_to_master");
}

static void
test_session_options(void **state)
{
	mc_device *d = parse(
	    "protocol bgp rs1 {\n"
	    "  local as 64500; neighbor 2001:db8::2 as 64501;\n"
	    "  local role rs_server; enforce first as;\n"
	    "  ipv6 { import none; export all; next hop self; };\n"
	    "}\n"
	    "protocol bgp other { local as 64999; neighbor 192.0.2.9 external;"
	    " ipv4 { import none; export none; }; }\n"
	    "protocol static s { ipv4; route 192.0.2.0/24 blackhole;"
	    " route 198.51.100.0/24 via 192.0.2.1; }\n"
	    "protocol rpki r { roa4 { table r4; }; remote \"rpki.example\" port"
	    " 3323; }\n"
	    "roa4 table r4;\n");
	mc_neighbor *n = nbr(d, "rs1"), *o = nbr(d, "other");

	(void)state;
	assert_string_equal(n->address, "2001:db8::2");
	assert_int_equal(n->addr.af, MC_AF6);
	assert_string_equal(n->bgp_role, "rs_server");
	assert_int_equal(n->enforce_first_as, 1);
	assert_true(n->af[MC_AFI_V6].nh_self);
	assert_false(n->af[MC_AFI_V4].active);
	assert_int_equal(o->remote_as_kind, MC_RAS_EXTERNAL);
	assert_int_equal(o->local_as, 64999);
	assert_int_equal(d->bgp.asn, 64500);
	assert_int_equal(d->statics.n, 2);
	assert_true(d->statics.v[0].null_route);
	assert_int_equal(d->origins.n, 2);
	assert_int_equal(d->origins.v[1].kind, MC_ORIG_STATIC);
	assert_int_equal(d->rpki_caches.n, 1);
	assert_string_equal(d->rpki_caches.v[0].host, "rpki.example");
	assert_int_equal(d->rpki_caches.v[0].port, 3323);
}

/* Not understood: counted, with text; the engine marks results
 * approximate.  Next-hop checks get their own condition. */
static void
test_unknown_counted(void **state)
{
	mc_device *d = parse(
	    "filter f {\n"
	    "  if defined(bgp_otc) then reject;\n"
	    "  if from = bgp_next_hop then accept;\n"
	    "  frobnicate;\n"
	    "  accept;\n"
	    "}\n"
	    "protocol bgp p { local as 1; neighbor 192.0.2.2 as 2;\n"
	    "  ipv4 { import filter f; export none; }; weird option 7; }\n");
	mc_eval_result r;

	(void)state;
	assert_int_equal(d->unrecognized, 3);
	assert_int_equal(d->unparsed.v[0].line, 2);
	assert_string_equal(d->unparsed.v[0].text, "defined(bgp_otc)");
	assert_int_equal(body(d, "f", 1)->cond->kind, MC_C_NEXT_HOP);
	assert_null(body(d, "f", 1)->cond->str);
	assert_int_equal(body(d, "f", 2)->kind, MC_S_UNKNOWN);
	r = run(d, "p", MC_DIR_IN, (rt){ .pfx = "185.10.0.0/24", .path = "2" });
	assert_true(r.approximate);
}

static void
test_waivers(void **state)
{
	mc_device *d = parse(
	    "filter f { accept; }\n"
	    "# manrs-check: ignore FLT-BOGON-PREFIX transit takes full table\n"
	    "protocol bgp p {\n"
	    "  local as 1; neighbor 192.0.2.2 as 2;\n"
	    "  ipv4 { import filter f; export none; };\n"
	    "}\n");

	(void)state;
	assert_int_equal(d->waivers.n, 1);
	assert_string_equal(d->waivers.v[0].rule, "FLT-BOGON-PREFIX");
	assert_int_equal(d->waivers.v[0].first, 2);
	assert_int_equal(d->waivers.v[0].last, 6);
}

/* Hostile input: deep nesting, junk, unterminated things. */
static void
test_hostile(void **state)
{
	char *deep = malloc(200000);
	size_t i, n = 0;
	mc_diag dg;
	mc_device *d;
	static const char *junk[] = {
		"filter f { if ( then accept; ",
		"protocol bgp { ipv4 { import filter { if net ~ [ 1.2.3.4/ ",
		"define x = [= * 1 2 3 \"",
		"function f() { case 1 { 1: 2: else: } } filter g { f(); f() }",
		"}}}}}}} ;;;; protocol protocol template bgp from from {",
		"filter f { x = y = z; bgp_path.prepend(; return return; }",
		"include \"/dev/zero\"; filter f { accept; }",
	};

	(void)state;
	n += (size_t)snprintf(deep, 64, "filter f { ");
	for (i = 0; i < 20000; i++)
		deep[n++] = '(';
	for (i = 0; i < 20000; i++)
		n += (size_t)snprintf(deep + n, 8, "{ if ");
	deep[n] = '\0';
	mc_diag_init(&dg, A);
	d = bird_extract(A, "deep.conf", deep, n, BL_NO_INCLUDE, &dg);
	assert_non_null(d);
	for (i = 0; i < sizeof(junk) / sizeof(junk[0]); i++) {
		mc_diag_init(&dg, A);
		d = bird_extract(A, "junk.conf", junk[i], strlen(junk[i]),
		    BL_NO_INCLUDE, &dg);
		assert_non_null(d);
	}
	free(deep);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lexer),
		cmocka_unit_test(test_include),
		cmocka_unit_test(test_include_lex),
		cmocka_unit_test(test_include_cycle),
		cmocka_unit_test(test_include_depth),
		cmocka_unit_test(test_include_undefined),
		cmocka_unit_test(test_filter_ir),
		cmocka_unit_test(test_filter_eval),
		cmocka_unit_test(test_prefix_patterns),
		cmocka_unit_test(test_masks_and_communities),
		cmocka_unit_test(test_functions_and_case),
		cmocka_unit_test(test_fallthrough),
		cmocka_unit_test(test_channel_forms),
		cmocka_unit_test(test_bird16_and_pipes),
		cmocka_unit_test(test_ixp_tag_and_pipe),
		cmocka_unit_test(test_session_options),
		cmocka_unit_test(test_unknown_counted),
		cmocka_unit_test(test_waivers),
		cmocka_unit_test(test_hostile),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
