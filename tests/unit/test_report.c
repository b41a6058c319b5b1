/*
 * Reports: a run built by hand (two devices, findings out of order, one
 * waived), rendered as JSON and parsed back, and as text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "manrs/report.h"

typedef struct fixture {
	mc_arena *a;
	mc_diag diag;
	mc_device_result res[2];
	mc_run run;
} fixture;

static mc_neighbor *
neighbor(mc_arena *a, mc_device *d, const char *addr, uint32_t as,
    mc_role role, const char *src, int line)
{
	mc_neighbor *n = mc_alloc(a, sizeof(*n));

	mc_neighbor_init(n);
	n->address = addr;
	mc_addr_parse(addr, strlen(addr), &n->addr);
	n->remote_as_kind = MC_RAS_NUMBER;
	n->remote_as = as;
	n->role = role;
	n->role_source = src;
	n->line = line;
	n->af[MC_AFI_V4].active = true;
	mc_vec_push(a, &d->neighbors, n);
	return n;
}

static mc_finding *
finding(mc_arena *a, mc_device_result *r, const char *rule, int action,
    mc_severity sev, int line, const char *nbr, const char *msg)
{
	mc_finding f;

	memset(&f, 0, sizeof(f));
	f.rule = rule;
	f.action = action;
	f.severity = sev;
	f.file = r->dev->file;
	f.line = line;
	f.hostname = r->dev->hostname;
	f.vendor = r->dev->vendor;
	f.neighbor = nbr;
	f.message = msg;
	mc_vec_push(a, &r->findings, f);
	return &r->findings.v[r->findings.n - 1];
}

static int
setup(void **state)
{
	fixture *fx = calloc(1, sizeof(*fx));
	mc_device *d1, *d2;
	mc_neighbor *n;
	mc_finding *f;
	mc_polref ref = { "CUST-IN", MC_REF_POLICY, 90 };
	mc_stage st = {0};

	fx->a = mc_arena_new();
	mc_diag_init(&fx->diag, fx->a);

	d1 = mc_device_new(fx->a, "net/r1.cfg", MC_VENDOR_IOS);
	d1->hostname = "r1";
	d1->bgp.asn = 64500;
	d1->lines = 1234;
	d1->unrecognized = 3;
	n = neighbor(fx->a, d1, "192.0.2.1", 64501, MC_ROLE_CUSTOMER,
	    "description", 88);
	n->description = "CUSTOMER \xe9t\xe9";	/* Latin-1, not UTF-8 */
	mc_vec_push(fx->a, &st.chain, ref);
	mc_vec_push(fx->a, &n->af[MC_AFI_V4].in.stages, st);
	n = neighbor(fx->a, d1, "198.51.100.7", 64502, MC_ROLE_PEER, "policy",
	    95);
	n->description = "IX peer\033[2J";	/* must not reach a terminal */

	d2 = mc_device_new(fx->a, "net/r2.cfg", MC_VENDOR_FRR);
	d2->hostname = "r2";
	d2->lines = 40;

	fx->res[0].dev = d1;
	fx->res[1].dev = d2;
	/* Out of order on purpose: the reports sort. */
	finding(fx->a, &fx->res[0], "FLT-BOGON-PREFIX", 1, MC_SEV_ERROR, 88,
	    "192.0.2.1", "import policy CUST-IN accepts bogon 10.0.0.0/8");
	finding(fx->a, &fx->res[0], "CFG-UNPARSED", 0, MC_SEV_WARNING, 12,
	    NULL, "3 lines not understood: line 12 (route-map X permit 10): "
	    "'set community 64500:100'; line 14 (route-map X permit 20): "
	    "'set community 64500:200'; line 19 (interface Gi0/2): 'foo bar'");
	finding(fx->a, &fx->res[0], "FLT-BOGON-ASN", 1, MC_SEV_ERROR, 88,
	    "192.0.2.1", "import policy CUST-IN accepts AS 64512 in the path");
	f = finding(fx->a, &fx->res[0], "SEC-GTSM", 0, MC_SEV_INFO, 88,
	    "192.0.2.1", "no TTL security");
	f->waived = true;
	f->waiver_reason = "CPE cannot do it";
	/* The example and fix of the first finding (re-found after pushes). */
	f = &fx->res[0].findings.v[0];
	f->has_example = true;
	f->ex_prefix = "10.0.0.0/8";
	f->ex_path = "64501";
	f->decided_by = "route-map CUST-IN seq 10 (line 92)";
	f->fix = "ip prefix-list BOGONS-V4 seq 5 deny 10.0.0.0/8 le 32\n"
	    "route-map CUST-IN deny 5";
	finding(fx->a, &fx->res[1], "FLT-MAX-PREFIX", 1, MC_SEV_WARNING, 20,
	    "2001:db8::2", "no maximum-prefix");

	fx->res[0].actions[1] = MC_ACT_FAIL;
	fx->res[0].actions[2] = MC_ACT_PASS;
	fx->res[0].actions[3] = MC_ACT_UNKNOWN;
	fx->res[0].actions[4] = MC_ACT_UNKNOWN;
	fx->res[1].actions[1] = MC_ACT_PASS;
	fx->res[1].actions[2] = MC_ACT_FAIL;
	fx->res[1].actions[3] = MC_ACT_PASS;
	fx->res[1].actions[4] = MC_ACT_UNKNOWN;

	fx->run.results = fx->res;
	fx->run.nresults = 2;
	fx->run.diag = &fx->diag;
	fx->run.fail_on = MC_SEV_ERROR;
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	fixture *fx = *state;

	mc_arena_free(fx->a);
	free(fx);
	return 0;
}

static char *
render(mc_report_fn fn, const mc_run *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	assert_int_equal(fn(fp, r), 0);
	fclose(fp);
	return buf;
}

static json_t *
render_json(const mc_run *r)
{
	char *text = render(mc_report_json, r);
	json_error_t err;
	json_t *j = json_loads(text, 0, &err);

	if (j == NULL)
		fail_msg("JSON does not parse: %s (line %d)", err.text, err.line);
	free(text);
	return j;
}

/* The first keys of obj, in order, are exactly keys[]. */
static void
assert_keys_begin(json_t *obj, const char *const *keys)
{
	void *it = json_object_iter(obj);
	size_t i;

	for (i = 0; keys[i] != NULL; i++) {
		assert_non_null(it);
		assert_string_equal(json_object_iter_key(it), keys[i]);
		it = json_object_iter_next(obj, it);
	}
}

static void
test_json_schema(void **state)
{
	fixture *fx = *state;
	static const char *const top[] = { "schema", "version", "devices",
		"findings", "errors", "summary", NULL };
	static const char *const dev[] = { "file", "hostname", "vendor", "asn",
		"lines", "unrecognized", "neighbors", NULL };
	static const char *const nb[] = { "address", "vrf", "remote_as",
		"role", "role_source", "line", NULL };
	static const char *const fnd[] = { "rule", "action", "severity", "file",
		"line", "hostname", "vendor", "neighbor", "interface", "message",
		"example", "fix", NULL };
	static const char *const sum[] = { "devices", "findings", "by_rule",
		"actions", NULL };
	json_t *j = render_json(&fx->run), *d, *n, *f;

	assert_keys_begin(j, top);
	assert_string_equal(json_string_value(json_object_get(j, "schema")),
	    "manrs-check/1");
	assert_string_equal(json_string_value(json_object_get(j, "version")),
	    MANRS_VERSION);
	d = json_array_get(json_object_get(j, "devices"), 0);
	assert_keys_begin(d, dev);
	assert_string_equal(json_string_value(json_object_get(d, "file")),
	    "net/r1.cfg");
	assert_string_equal(json_string_value(json_object_get(d, "vendor")),
	    "ios");
	assert_int_equal(json_integer_value(json_object_get(d, "asn")), 64500);
	assert_int_equal(json_integer_value(json_object_get(d, "unrecognized")), 3);
	assert_int_equal(json_array_size(json_object_get(d, "neighbors")), 2);
	n = json_array_get(json_object_get(d, "neighbors"), 0);
	assert_keys_begin(n, nb);
	assert_string_equal(json_string_value(json_object_get(n, "vrf")), "default");
	assert_int_equal(json_integer_value(json_object_get(n, "remote_as")), 64501);
	assert_string_equal(json_string_value(json_object_get(n, "role")), "customer");
	assert_string_equal(json_string_value(json_object_get(n, "role_source")),
	    "description");
	/* Latin-1 bytes became U+FFFD, and the document still parsed. */
	assert_string_equal(json_string_value(json_object_get(n, "description")),
	    "CUSTOMER \xef\xbf\xbdt\xef\xbf\xbd");
	assert_string_equal(json_string_value(json_array_get(json_object_get(n,
	    "policies"), 0)), "CUST-IN");
	assert_non_null(json_object_get(json_object_get(n, "af"), "ipv4"));
	/* Second device: no ASN -> null. */
	d = json_array_get(json_object_get(j, "devices"), 1);
	assert_true(json_is_null(json_object_get(d, "asn")));

	f = json_array_get(json_object_get(j, "findings"), 0);
	assert_keys_begin(f, fnd);
	assert_true(json_is_null(json_object_get(f, "neighbor")));
	assert_true(json_is_null(json_object_get(f, "interface")));
	assert_true(json_is_null(json_object_get(f, "example")));
	assert_keys_begin(json_object_get(j, "summary"), sum);
	assert_int_equal(json_array_size(json_object_get(j, "errors")), 0);
	json_decref(j);
}

static void
test_json_order_and_summary(void **state)
{
	fixture *fx = *state;
	static const struct { const char *file; int line; const char *rule; }
	    want[] = {
		{ "net/r1.cfg", 12, "CFG-UNPARSED" },
		{ "net/r1.cfg", 88, "FLT-BOGON-ASN" },
		{ "net/r1.cfg", 88, "FLT-BOGON-PREFIX" },
		{ "net/r1.cfg", 88, "SEC-GTSM" },
		{ "net/r2.cfg", 20, "FLT-MAX-PREFIX" },
	};
	json_t *j = render_json(&fx->run), *fs, *f, *s, *br, *act, *ex;
	size_t i;

	fs = json_object_get(j, "findings");
	assert_int_equal(json_array_size(fs), 5);
	for (i = 0; i < 5; i++) {
		f = json_array_get(fs, i);
		assert_string_equal(json_string_value(json_object_get(f, "file")),
		    want[i].file);
		assert_int_equal(json_integer_value(json_object_get(f, "line")),
		    want[i].line);
		assert_string_equal(json_string_value(json_object_get(f, "rule")),
		    want[i].rule);
	}
	f = json_array_get(fs, 2);
	assert_string_equal(json_string_value(json_object_get(f, "severity")), "error");
	assert_int_equal(json_integer_value(json_object_get(f, "action")), 1);
	assert_string_equal(json_string_value(json_object_get(f, "neighbor")),
	    "192.0.2.1");
	ex = json_object_get(f, "example");
	assert_string_equal(json_string_value(json_object_get(ex, "prefix")),
	    "10.0.0.0/8");
	assert_string_equal(json_string_value(json_object_get(ex, "as_path")),
	    "64501");
	assert_non_null(strstr(json_string_value(json_object_get(f, "fix")),
	    "BOGONS-V4"));
	assert_false(json_boolean_value(json_object_get(f, "waived")));
	f = json_array_get(fs, 3);
	assert_true(json_boolean_value(json_object_get(f, "waived")));
	assert_string_equal(json_string_value(json_object_get(f,
	    "waiver_reason")), "CPE cannot do it");

	s = json_object_get(j, "summary");
	assert_int_equal(json_integer_value(json_object_get(s, "devices")), 2);
	/* Waived findings are listed but not counted. */
	assert_int_equal(json_integer_value(json_object_get(s, "findings")), 4);
	assert_int_equal(json_integer_value(json_object_get(s, "waived")), 1);
	br = json_object_get(s, "by_rule");
	assert_int_equal(json_object_size(br), 4);
	assert_int_equal(json_integer_value(json_object_get(br, "FLT-BOGON-PREFIX")), 1);
	assert_null(json_object_get(br, "SEC-GTSM"));
	/* by_rule keys sorted. */
	assert_string_equal(json_object_iter_key(json_object_iter(br)),
	    "CFG-UNPARSED");
	act = json_object_get(s, "actions");
	assert_string_equal(json_string_value(json_object_get(act, "1")), "fail");
	assert_string_equal(json_string_value(json_object_get(act, "2")), "fail");
	assert_string_equal(json_string_value(json_object_get(act, "3")), "unknown");
	assert_string_equal(json_string_value(json_object_get(act, "4")), "unknown");
	assert_int_equal(json_integer_value(json_object_get(s, "exit_status")), 1);
	json_decref(j);
}

static void
test_errors_and_exit(void **state)
{
	fixture *fx = *state;
	json_t *j, *e;
	int i;

	assert_int_equal(mc_run_exit_status(&fx->run), 1);
	/* Only waived errors left: 0 at error level, 1 at warning. */
	for (i = 0; i < 3; i++)
		if (fx->res[0].findings.v[i].severity == MC_SEV_ERROR)
			fx->res[0].findings.v[i].waived = true;
	assert_int_equal(mc_run_exit_status(&fx->run), 0);
	fx->run.fail_on = MC_SEV_WARNING;
	assert_int_equal(mc_run_exit_status(&fx->run), 1);
	/* Input errors win over findings. */
	mc_diag_error(&fx->diag, "net/broken.cfg", 7, "unbalanced brace");
	assert_int_equal(mc_run_exit_status(&fx->run), 2);
	j = render_json(&fx->run);
	e = json_array_get(json_object_get(j, "errors"), 0);
	assert_string_equal(json_string_value(json_object_get(e, "file")),
	    "net/broken.cfg");
	assert_int_equal(json_integer_value(json_object_get(e, "line")), 7);
	assert_string_equal(json_string_value(json_object_get(e, "message")),
	    "unbalanced brace");
	json_decref(j);
}

static void
test_action_status(void **state)
{
	fixture *fx = *state;
	mc_run empty = {0};

	assert_int_equal(mc_run_action(&fx->run, 1), MC_ACT_FAIL);
	assert_int_equal(mc_run_action(&fx->run, 3), MC_ACT_UNKNOWN);
	fx->res[0].actions[3] = MC_ACT_PASS;
	assert_int_equal(mc_run_action(&fx->run, 3), MC_ACT_PASS);
	assert_int_equal(mc_run_action(&empty, 1), MC_ACT_UNKNOWN);
	assert_int_equal(mc_run_action(&fx->run, 0), MC_ACT_UNKNOWN);
	assert_int_equal(mc_run_action(&fx->run, 5), MC_ACT_UNKNOWN);
}

static void
test_text(void **state)
{
	fixture *fx = *state;
	char *t, *p, *q;

	t = render(mc_report_text, &fx->run);
	assert_null(strchr(t, '\033'));
	assert_non_null(strstr(t, "r1  net/r1.cfg  (ios, AS64500, 1234 lines"));
	assert_non_null(strstr(t, "neighbour 192.0.2.1 AS64501"));
	assert_non_null(strstr(t, "customer (from description), line 88"));
	assert_non_null(p = strstr(t, "FLT-BOGON-PREFIX"));
	assert_non_null(strstr(p, "net/r1.cfg:88"));
	assert_non_null(strstr(p, "example:    10.0.0.0/8 as-path 64501"));
	assert_non_null(strstr(p, "decided by: route-map CUST-IN seq 10"));
	assert_non_null(strstr(p, "               route-map CUST-IN deny 5\n"));
	assert_non_null(strstr(t, "waived  SEC-GTSM"));
	/* The peer without findings shows only with -v. */
	assert_null(strstr(t, "198.51.100.7"));
	/* Device-level findings come before neighbours. */
	q = strstr(t, "CFG-UNPARSED");
	assert_non_null(q);
	assert_true(q < p);
	/* Long messages are wrapped at 100 columns. */
	for (p = t; *p != '\0'; p = q + 1) {
		if ((q = strchr(p, '\n')) == NULL)
			break;
		if (strncmp(p, "2 devices", 9) != 0)
			assert_in_range(q - p, 0, 100);
	}
	p = strstr(t, "FLT-BOGON-PREFIX");
	q = strstr(t, "CFG-UNPARSED");
	/* The neighbour of r2 is not in its model: still grouped. */
	assert_non_null(strstr(t, "neighbour 2001:db8::2"));
	assert_non_null(strstr(t, "2 devices, 4 findings (2 errors, 2 warnings, "
	    "0 info), 1 waived; MANRS actions: 1 filtering fail, "
	    "2 anti-spoofing fail, 3 coordination unknown, "
	    "4 global validation unknown\n"));
	free(t);

	fx->run.verbose = true;
	t = render(mc_report_text, &fx->run);
	assert_non_null(strstr(t, "neighbour 198.51.100.7 AS64502"));
	assert_non_null(strstr(t, "peer (from policy)"));
	assert_non_null(strstr(t, "\"IX peer?[2J\""));
	assert_null(strchr(t, '\033'));
	free(t);

	fx->run.verbose = false;
	fx->run.quiet = true;
	t = render(mc_report_text, &fx->run);
	assert_null(strstr(t, "neighbour"));
	assert_non_null(strstr(t, "net/r1.cfg:88: error FLT-BOGON-PREFIX "
	    "[192.0.2.1] import policy CUST-IN accepts bogon 10.0.0.0/8"));
	assert_null(strstr(t, "SEC-GTSM"));
	free(t);

	fx->run.quiet = false;
	fx->run.color = true;
	t = render(mc_report_text, &fx->run);
	assert_non_null(strstr(t, "\033[31;1merror"));
	free(t);
}

/* Findings go under the first neighbour, in configuration order, with
 * their address or name in their VRF; group-only entries are not
 * sessions; the rest (interfaces, names the model does not list) follow
 * in the order of severity and line.  Control bytes in a fix become '?'. */
static void
test_text_grouping(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_device *d = mc_device_new(a, "g.cfg", MC_VENDOR_IOS);
	mc_device_result res[1];
	mc_neighbor *n;
	mc_finding *f;
	mc_run run;
	const char *order[] = { "neighbour 192.0.2.1 AS1", "F-GLOBAL",
	    "neighbour 192.0.2.1 AS2 vrf RED", "F-RED", "F-RED-2",
	    "neighbour 198.51.100.9 (edge) AS3", "F-EDGE", "interface Gi0/1",
	    "F-IFACE", "neighbour 203.0.113.5", "F-UNKNOWN", "neighbour PG",
	    "F-GROUP" };
	char *t, *p;
	size_t i;

	(void)state;
	memset(res, 0, sizeof(res));
	memset(&run, 0, sizeof(run));
	d->hostname = "g";
	neighbor(a, d, "192.0.2.1", 1, MC_ROLE_PEER, "policy", 10);
	n = neighbor(a, d, "192.0.2.1", 2, MC_ROLE_PEER, "policy", 20);
	n->vrf = "RED";
	n = neighbor(a, d, "192.0.2.77", 9, MC_ROLE_PEER, "policy", 25);
	n->address = NULL;
	n->name = "PG";
	n->is_group_only = true;
	n = neighbor(a, d, "198.51.100.9", 3, MC_ROLE_PEER, "policy", 30);
	n->name = "edge";
	res[0].dev = d;
	finding(a, &res[0], "F-IFACE", 2, MC_SEV_ERROR, 1, NULL, "x");
	res[0].findings.v[0].interface = "Gi0/1";
	finding(a, &res[0], "F-UNKNOWN", 1, MC_SEV_ERROR, 2, "203.0.113.5", "x");
	finding(a, &res[0], "F-RED-2", 1, MC_SEV_WARNING, 3, "192.0.2.1", "x");
	res[0].findings.v[2].vrf = "RED";
	finding(a, &res[0], "F-EDGE", 1, MC_SEV_ERROR, 4, "edge", "x");
	finding(a, &res[0], "F-GROUP", 1, MC_SEV_ERROR, 5, "PG", "x");
	finding(a, &res[0], "F-RED", 1, MC_SEV_ERROR, 6, "192.0.2.1", "x");
	res[0].findings.v[5].vrf = "RED";
	f = finding(a, &res[0], "F-GLOBAL", 1, MC_SEV_ERROR, 7, "192.0.2.1",
	    "x");
	f->fix = "line one\n\001bad\tend";
	run.results = res;
	run.nresults = 1;
	run.fail_on = MC_SEV_ERROR;
	t = render(mc_report_text, &run);
	for (i = 0, p = t; i < sizeof(order) / sizeof(order[0]); i++) {
		char *q = strstr(p, order[i]);

		if (q == NULL)
			fail_msg("\"%s\" missing after its predecessor in:\n%s",
			    order[i], t);
		p = q + strlen(order[i]);
	}
	assert_non_null(strstr(t, "               line one\n"
	    "               ?bad\tend\n"));
	free(t);
	mc_arena_free(a);
}

/* -q: one line per finding, built in memory; control characters in any
 * configuration text as '?', a long AS path shortened, and lines longer
 * than the buffer written in parts with the same bytes (a long text with
 * control characters, and a long clean one). */
static void
test_quiet_lines(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_device *d = mc_device_new(a, "q\033.cfg", MC_VENDOR_IOS);
	mc_device_result res[1];
	mc_finding *f;
	mc_run run;
	char *t, *big, *want, *clean;
	size_t i, n = 9000;

	(void)state;
	memset(res, 0, sizeof(res));
	memset(&run, 0, sizeof(run));
	res[0].dev = d;
	big = mc_alloc(a, n + 1);
	for (i = 0; i < n; i++)
		big[i] = i % 1000 == 999 ? '\001' : (char)('a' + i % 26);
	big[n] = '\0';
	f = finding(a, &res[0], "F-A", 1, MC_SEV_ERROR, 7, "192.0.2.1",
	    "accepts\177 it\ttoo");
	f->has_example = true;
	f->ex_prefix = "10.0.0.0/8";
	f->ex_path = "1 2 3 4 5 6 7 8 9 10 11 12 13";
	clean = mc_alloc(a, 6001);
	memset(clean, 'c', 6000);
	finding(a, &res[0], "F-C", 1, MC_SEV_INFO, 9, "198.51.100.1", clean);
	f = finding(a, &res[0], "F-B", 1, MC_SEV_WARNING, 8, NULL, big);
	f->interface = "Gi\0010/1";
	f->has_example = true;
	f->ex_prefix = "192.0.2.0/24";
	/* line numbers as %d writes them, the widest too */
	finding(a, &res[0], "F-D", 1, MC_SEV_INFO, 0, NULL, "zero");
	finding(a, &res[0], "F-E", 1, MC_SEV_INFO, 2147483647, NULL, "max");
	finding(a, &res[0], "F-F", 1, MC_SEV_INFO, -2147483647 - 1, NULL,
	    "min");
	finding(a, &res[0], "F-G", 1, MC_SEV_INFO, 1000, NULL, "k");
	run.results = res;
	run.nresults = 1;
	run.quiet = true;
	t = render(mc_report_text, &run);
	assert_non_null(strstr(t, "q?.cfg:0: info F-D zero\n"));
	assert_non_null(strstr(t, "q?.cfg:2147483647: info F-E max\n"));
	assert_non_null(strstr(t, "q?.cfg:-2147483648: info F-F min\n"));
	assert_non_null(strstr(t, "q?.cfg:1000: info F-G k\n"));
	assert_non_null(strstr(t, "q?.cfg:7: error F-A [192.0.2.1] "
	    "accepts? it?too (e.g. 10.0.0.0/8 path 1 2 3 4 ... 13 "
	    "(13 ASNs))\n"));
	want = mc_alloc(a, n + 200);
	for (i = 0; i < n; i++)
		big[i] = big[i] == '\001' ? '?' : big[i];
	snprintf(want, n + 200, "q?.cfg:8: warning F-B [Gi?0/1] %s "
	    "(e.g. 192.0.2.0/24)\n", big);
	assert_non_null(strstr(t, want));
	snprintf(want, n + 200, "q?.cfg:9: info F-C [198.51.100.1] %s\n", clean);
	assert_non_null(strstr(t, want));
	free(t);
	mc_arena_free(a);
}

/* Every control byte at every place of a text, across the 16- and 8-byte
 * steps of the test for them and the bytes after: '?' for it, the other
 * bytes (high ones too) as they are. */
static void
test_quiet_control_bytes(void **state)
{
	static const unsigned char bad[] = { 0x01, 0x09, 0x1b, 0x1f, 0x7f };
	static const unsigned char good[] = { 0x20, 0x7e, 0x80, 0xc3, 0xff };
	mc_arena *a = mc_arena_new();
	mc_device *d = mc_device_new(a, "c.cfg", MC_VENDOR_IOS);
	size_t len, at, b;
	int checked = 0;

	(void)state;
	for (len = 1; len <= 40; len++)
		for (at = 0; at < len; at++)
			for (b = 0; b < sizeof(bad) + sizeof(good); b++) {
				mc_device_result res[1];
				mc_run run;
				char msg[48], want[128], *t;
				bool isbad = b < sizeof(bad);
				size_t i;

				for (i = 0; i < len; i++)
					msg[i] = (char)('a' + i % 26);
				msg[at] = (char)(isbad ? bad[b] :
				    good[b - sizeof(bad)]);
				msg[len] = '\0';
				memset(res, 0, sizeof(res));
				memset(&run, 0, sizeof(run));
				res[0].dev = d;
				finding(a, &res[0], "F-X", 1, MC_SEV_INFO, 3,
				    NULL, msg);
				run.results = res;
				run.nresults = 1;
				run.quiet = true;
				t = render(mc_report_text, &run);
				if (isbad)
					msg[at] = '?';
				snprintf(want, sizeof(want),
				    "c.cfg:3: info F-X %s\n", msg);
				/* the line, then the summary */
				if (strncmp(t, want, strlen(want)) != 0)
					fail_msg("got \"%s\", want \"%s\"", t,
					    want);
				free(t);
				checked++;
			}
	assert_int_equal(checked, 820 * 10);
	mc_arena_free(a);
}

/* The -q line's shortened AS path against the rule written plainly: a
 * path of more than twelve words shows its first four, "...", its last and
 * the count.  Words of 1 to 11 bytes, 1 to 3 spaces between, spaces at
 * either end at times: every place a word can start in a 16-byte step. */
static void
test_quiet_short_path(void **state)
{
	mc_arena *a = mc_arena_new();
	mc_device *d = mc_device_new(a, "p.cfg", MC_VENDOR_IOS);
	uint32_t x = 2463534242u;
	int round, longs = 0;

	(void)state;
	for (round = 0; round < 4000; round++) {
		mc_device_result res[1];
		mc_run run;
		mc_finding *f;
		char path[512], want[2048], shown[1024], *t;
		const char *cut = NULL, *last = NULL, *p;
		size_t n = 0, len = 0, words, w, k;
		bool in = false;

		x ^= x << 13; x ^= x >> 17; x ^= x << 5;
		words = x % 30;
		if (x & 1u << 20)
			path[len++] = ' ';
		for (w = 0; w < words; w++) {
			size_t wl, sp;

			x ^= x << 13; x ^= x >> 17; x ^= x << 5;
			wl = 1 + x % 11;
			sp = w + 1 < words ? 1 + (x >> 8) % 3 :
			    (x >> 12) % 2;
			for (k = 0; k < wl; k++)
				path[len++] = (char)('0' + (x >> (k % 24)) % 10);
			for (k = 0; k < sp; k++)
				path[len++] = ' ';
		}
		path[len] = '\0';
		for (p = path; *p != '\0'; p++)
			if (*p != ' ' && !in) {
				in = true;
				if (++n == 5)
					cut = p;
				last = p;
			} else if (*p == ' ')
				in = false;
		if (len == 0)
			snprintf(shown, sizeof(shown), "(empty)");
		else if (n <= 12)
			snprintf(shown, sizeof(shown), "%s", path);
		else {
			snprintf(shown, sizeof(shown), "%.*s... %s (%zu ASNs)",
			    (int)(cut - path), path, last, n);
			longs++;
		}
		memset(res, 0, sizeof(res));
		memset(&run, 0, sizeof(run));
		res[0].dev = d;
		f = finding(a, &res[0], "F-P", 1, MC_SEV_INFO, 7, NULL, "m");
		f->has_example = true;
		f->ex_prefix = "192.0.2.0/24";
		f->ex_path = path;
		run.results = res;
		run.nresults = 1;
		run.quiet = true;
		t = render(mc_report_text, &run);
		snprintf(want, sizeof(want),
		    "p.cfg:7: info F-P m (e.g. 192.0.2.0/24%s%s)\n",
		    len > 0 ? " path " : "", len > 0 ? shown : "");
		if (strncmp(t, want, strlen(want)) != 0)
			fail_msg("got \"%s\", want \"%s\"", t, want);
		free(t);
	}
	assert_true(longs > 500);
	mc_arena_free(a);
}

static void
test_model_json(void **state)
{
	fixture *fx = *state;
	mc_device *d = fx->res[0].dev;
	mc_policy *pol = mc_alloc(fx->a, sizeof(*pol));
	mc_term term = {0};
	mc_stmt *st = mc_stmt_new(fx->a, MC_S_IF, 91);
	mc_cond *c = mc_cond_new(fx->a, MC_C_AND, 91), *k;
	json_error_t err;
	json_t *j, *t, *n;
	char *text;

	k = mc_cond_new(fx->a, MC_C_PREFIX_LIST, 91);
	k->ref = "BOGONS-V4";
	mc_vec_push(fx->a, &c->kids, k);
	k = mc_cond_new(fx->a, MC_C_RPKI, 91);
	k->n = MC_ROV_VALID | MC_ROV_INVALID;
	mc_vec_push(fx->a, &c->kids, k);
	st->cond = c;
	mc_vec_push(fx->a, &st->then, mc_stmt_new(fx->a, MC_S_REJECT, 92));
	term.name = "10";
	term.line = 90;
	mc_vec_push(fx->a, &term.body, st);
	pol->name = "CUST-IN";
	pol->line = 90;
	mc_vec_push(fx->a, &pol->terms, term);
	mc_vec_push(fx->a, &d->policies, pol);

	text = mc_device_to_json(d);
	assert_non_null(text);
	j = json_loads(text, 0, &err);
	free(text);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "schema")),
	    "manrs-check-model/1");
	assert_int_equal(json_integer_value(json_object_get(j, "lines")), 1234);
	assert_int_equal(json_integer_value(json_object_get(j, "unrecognized")), 3);
	t = json_array_get(json_object_get(json_array_get(json_object_get(j,
	    "policies"), 0), "terms"), 0);
	assert_string_equal(json_string_value(json_object_get(t, "name")), "10");
	t = json_array_get(json_object_get(t, "statements"), 0);
	assert_string_equal(json_string_value(json_object_get(t, "op")), "if");
	assert_string_equal(json_string_value(json_object_get(t, "cond")),
	    "(prefix-list BOGONS-V4 and rpki in {valid, invalid})");
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(t, "then"), 0), "op")), "reject");
	n = json_array_get(json_object_get(j, "neighbors"), 0);
	assert_string_equal(json_string_value(json_object_get(n, "address")),
	    "192.0.2.1");
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_array_get(json_object_get(json_object_get(json_object_get(
	    json_object_get(n, "af"), "ipv4"), "import"), "stages"), 0), 0),
	    "name")), "CUST-IN");
	assert_true(json_is_null(json_object_get(json_object_get(
	    json_object_get(n, "af"), "ipv6"), "max_prefix")));
	json_decref(j);
}

static void
test_registry(void **state)
{
	(void)state;
	assert_ptr_equal(mc_report_for("json"), mc_report_json);
	assert_ptr_equal(mc_report_for("text"), mc_report_text);
	assert_ptr_equal(mc_report_for("sarif"), mc_report_sarif);
	assert_null(mc_report_for(NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_json_schema, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_order_and_summary,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors_and_exit, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_action_status, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_text, setup, teardown),
		cmocka_unit_test(test_text_grouping),
		cmocka_unit_test(test_quiet_lines),
		cmocka_unit_test(test_quiet_control_bytes),
		cmocka_unit_test(test_quiet_short_path),
		cmocka_unit_test_setup_teardown(test_model_json, setup, teardown),
		cmocka_unit_test(test_registry),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
