/*
 * Issue 6 in the library: SHA-256 and finding fingerprints (line numbers
 * do not count, everything else does), the escaping of the XML/HTML and
 * Markdown writers, baselines (load, match each entry once, exit status),
 * and every format rendered over a run with hostile and missing fields.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "manrs/model.h"
#include "manrs/report.h"
#include "manrs/vendor.h"
#include "report/common.h"
#include "report/jutil.h"

static char *
capture_esc(void (*fn)(FILE *, const char *, bool), const char *s, bool attr)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	fn(fp, s, attr);
	fclose(fp);
	return buf;
}

static void
test_sha256(void **state)
{
	char out[65], *m;
	size_t n = 1000000;

	(void)state;
	mc_sha256_hex("", 0, out);
	assert_string_equal(out, "e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855");
	mc_sha256_hex("abc", 3, out);
	assert_string_equal(out, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
	m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	mc_sha256_hex(m, strlen(m), out);
	assert_string_equal(out, "248d6a61d20638b8e5c026930c3e6039"
	    "a33ce45964ff2167f6ecedd419db06c1");
	/* 55 and 64 bytes: the padding edge cases */
	m = malloc(n);
	assert_non_null(m);
	memset(m, 'a', n);
	mc_sha256_hex(m, n, out);
	assert_string_equal(out, "cdc76e5c9914fb9281a1c7e284d73e67"
	    "f1809a48a497200e046d39ccc7112cd0");
	mc_sha256_hex(m, 55, out);
	assert_string_equal(out, "9f4390f8d30c2dd92ec9f095b65e2b9a"
	    "e9b0a925a5258e241c9f1e910f734318");
	mc_sha256_hex(m, 64, out);
	assert_string_equal(out, "ffe054fe7ae0cb6dc65c3af9b61d5209"
	    "f439851db43d0ba5997337df154668eb");
	free(m);
}

static mc_finding
base_finding(void)
{
	mc_finding f;

	memset(&f, 0, sizeof(f));
	f.rule = "FLT-BOGON-PREFIX";
	f.action = 1;
	f.severity = MC_SEV_ERROR;
	f.file = "net/r1.cfg";
	f.line = 88;
	f.hostname = "r1";
	f.neighbor = "192.0.2.1";
	f.message = "import route-map CUST-IN accepts bogon 10.0.0.0/8 "
	    "(decided by route-map CUST-IN 20: permit, line 154)";
	return f;
}

static void
fp_of(const mc_finding *f, char out[MC_FINGERPRINT_LEN + 1])
{
	mc_finding_fingerprint(f, out);
	assert_int_equal(strlen(out), MC_FINGERPRINT_LEN);
	assert_int_equal(strspn(out, "0123456789abcdef"), MC_FINGERPRINT_LEN);
}

static void
test_fingerprint(void **state)
{
	char a[MC_FINGERPRINT_LEN + 1], b[MC_FINGERPRINT_LEN + 1];
	mc_finding f = base_finding(), g;

	(void)state;
	fp_of(&f, a);

	/* Moved lines: neither the finding's line nor "line N" inside the
	 * message count. */
	g = f;
	g.line = 300;
	g.message = "import route-map CUST-IN accepts bogon 10.0.0.0/8 "
	    "(decided by route-map CUST-IN 20: permit, line 9154)";
	fp_of(&g, b);
	assert_string_equal(a, b);
	g.message = "x lines 3-5, 9 and 12 y";
	fp_of(&g, a);
	g.message = "x lines 30-50, 90 and 120 y";
	fp_of(&g, b);
	assert_string_equal(a, b);
	/* ... but other numbers do: prefixes, ASNs, "pipeline 12" */
	g.message = "x pipeline 12";
	fp_of(&g, a);
	g.message = "x pipeline 13";
	fp_of(&g, b);
	assert_string_not_equal(a, b);

	fp_of(&f, a);
	g = f;
	g.message = "import route-map CUST-IN accepts bogon 10.0.0.0/9 "
	    "(decided by route-map CUST-IN 20: permit, line 154)";
	fp_of(&g, b);
	assert_string_not_equal(a, b);
	g = f;
	g.rule = "FLT-BOGON-ASN";
	fp_of(&g, b);
	assert_string_not_equal(a, b);
	g = f;
	g.neighbor = "192.0.2.2";
	fp_of(&g, b);
	assert_string_not_equal(a, b);
	g = f;
	g.hostname = "r2";
	fp_of(&g, b);
	assert_string_not_equal(a, b);
	g = f;
	g.vrf = "CUST";
	fp_of(&g, b);
	assert_string_not_equal(a, b);
	g = f;
	g.file = "net/r2.cfg";
	fp_of(&g, b);
	assert_string_not_equal(a, b);
	/* "./net/r1.cfg" names the same file */
	g = f;
	g.file = "./net/r1.cfg";
	fp_of(&g, b);
	assert_string_equal(a, b);
	/* absent and empty differ; fields do not run into each other */
	g = f;
	g.neighbor = NULL;
	g.interface = "192.0.2.1";
	fp_of(&g, b);
	assert_string_not_equal(a, b);
	g = f;
	g.severity = MC_SEV_INFO;	/* severity is not identity */
	g.waived = true;
	fp_of(&g, b);
	assert_string_equal(a, b);
	g = f;
	g.message = NULL;
	g.rule = NULL;
	g.file = NULL;
	g.hostname = NULL;
	fp_of(&g, b);
}

static void
test_xml_escape(void **state)
{
	char *s;

	(void)state;
	s = capture_esc(mc_xml_esc, "<a href=\"x\">&'\x01\x1b" "caf\xe9\n\t"
	    "\xc3\xa9\xef\xbf\xbe", false);
	assert_string_equal(s, "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
	    "\xef\xbf\xbd\xef\xbf\xbd" "caf\xef\xbf\xbd\n\t\xc3\xa9\xef\xbf\xbd"
	    "\xef\xbf\xbd\xef\xbf\xbd");
	free(s);
	s = capture_esc(mc_xml_esc, "a\nb\tc", true);
	assert_string_equal(s, "a&#10;b&#9;c");
	free(s);
}

static void
md_wrap(FILE *fp, const char *s, bool attr)
{
	mc_md_esc(fp, s, attr ? 5 : 1000);
}

static void
test_md_escape(void **state)
{
	char *s;

	(void)state;
	s = capture_esc(md_wrap, "a|b\n<c> *d* _e_ [f](g) `h` & \\", false);
	assert_string_equal(s, "a\\|b &lt;c&gt; \\*d\\* \\_e\\_ \\[f\\](g) "
	    "\\`h\\` &amp; \\\\");
	free(s);
	s = capture_esc(md_wrap, "abcdefghij", true);
	assert_string_equal(s, "abcde\xe2\x80\xa6");
	free(s);
}

/* ---- a run of one device ---------------------------------------------- */

typedef struct fixture {
	mc_arena *a;
	mc_diag diag;
	mc_device_result res;
	mc_run run;
	mc_check_opts opts;
} fixture;

static mc_finding *
add(fixture *fx, const char *rule, mc_severity sev, int line,
    const char *nbr, const char *msg)
{
	mc_finding f;

	memset(&f, 0, sizeof(f));
	f.rule = rule;
	f.action = 1;
	f.severity = sev;
	f.file = fx->res.dev->file;
	f.line = line;
	f.hostname = fx->res.dev->hostname;
	f.neighbor = nbr;
	f.message = msg;
	mc_vec_push(fx->a, &fx->res.findings, f);
	return &fx->res.findings.v[fx->res.findings.n - 1];
}

static int
setup(void **state)
{
	fixture *fx = calloc(1, sizeof(*fx));
	mc_neighbor *n;
	mc_device *d;
	mc_finding *f;

	fx->a = mc_arena_new();
	mc_diag_init(&fx->diag, fx->a);
	d = mc_device_new(fx->a, "net/r 1 <&>.cfg", MC_VENDOR_IOS);
	d->hostname = "r1<&\"'>";
	d->bgp.asn = 64500;
	n = mc_alloc(fx->a, sizeof(*n));
	mc_neighbor_init(n);
	n->address = "192.0.2.1";
	mc_addr_parse(n->address, strlen(n->address), &n->addr);
	n->remote_as_kind = MC_RAS_NUMBER;
	n->remote_as = 64501;
	n->role = MC_ROLE_CUSTOMER;
	n->role_source = "policy";
	n->description = "cust <script>x</script> \x01 \xe9";
	n->line = 10;
	n->af[MC_AFI_V4].active = true;
	mc_vec_push(fx->a, &d->neighbors, n);
	fx->res.dev = d;
	/* the same problem twice (e.g. two address families said alike) */
	add(fx, "SEC-GTSM", MC_SEV_INFO, 10, "192.0.2.1", "no GTSM");
	add(fx, "SEC-GTSM", MC_SEV_INFO, 12, "192.0.2.1", "no GTSM");
	f = add(fx, "FLT-BOGON-PREFIX", MC_SEV_ERROR, 10, "192.0.2.1",
	    "route-map EVIL|<b>&\"x' accepts 10.0.0.0/8\x01");
	f->has_example = true;
	f->ex_prefix = "10.0.0.0/8";
	f->ex_path = "64501";
	f->decided_by = "route-map EVIL|<b> 10 (line 3)";
	f->fix = "route-map EVIL|<b> deny 5\n match ip address prefix-list B\n"
	    " description caf\xc3\xa9\n";
	f = add(fx, "CFG-UNPARSED", MC_SEV_WARNING, 0, NULL, NULL);
	f->hostname = NULL;
	f = add(fx, "ASP-EGRESS", MC_SEV_INFO, 20, NULL, "egress");
	f->interface = "Gi0/1";
	f->waived = true;
	f->waiver_reason = "reason <&>";
	fx->res.actions[1] = MC_ACT_FAIL;
	fx->res.actions[2] = MC_ACT_PASS;
	fx->res.actions[3] = MC_ACT_UNKNOWN;
	fx->res.actions[4] = MC_ACT_UNKNOWN;
	mc_diag_error(&fx->diag, "bad <file>", 7, "not understood & \"x\"");

	fx->opts.today_y = 2026;
	fx->opts.today_m = 11;
	fx->opts.today_d = 26;
	fx->run.results = &fx->res;
	fx->run.nresults = 1;
	fx->run.diag = &fx->diag;
	fx->run.fail_on = MC_SEV_ERROR;
	fx->run.check = &fx->opts;
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
	assert_non_null(buf);
	return buf;
}

static void
test_registry(void **state)
{
	(void)state;
	assert_ptr_equal(mc_report_for("sarif"), mc_report_sarif);
	assert_ptr_equal(mc_report_for("junit"), mc_report_junit);
	assert_ptr_equal(mc_report_for("markdown"), mc_report_markdown);
	assert_ptr_equal(mc_report_for("html"), mc_report_html);
	assert_null(mc_report_for("pdf"));
}

static void
test_formats_hostile(void **state)
{
	fixture *fx = *state;
	json_error_t je;
	json_t *j, *res;
	char *s;

	/* SARIF: parses, two equal findings get distinct fingerprints */
	s = render(mc_report_sarif, &fx->run);
	j = json_loads(s, 0, &je);
	assert_non_null(j);
	res = json_object_get(json_array_get(json_object_get(j, "runs"), 0),
	    "results");
	assert_int_equal(json_array_size(res), 5);
	{
		const char *a = NULL, *b = NULL;
		size_t i;
		json_t *r;

		json_array_foreach(res, i, r) {
			const char *fp = json_string_value(json_object_get(
			    json_object_get(r, "partialFingerprints"),
			    "manrsFinding/v1"));

			assert_non_null(fp);
			if (strcmp(json_string_value(json_object_get(r,
			    "ruleId")), "SEC-GTSM") == 0) {
				if (a == NULL)
					a = fp;
				else
					b = fp;
			}
		}
		assert_non_null(b);
		assert_string_not_equal(a, b);
		assert_int_equal(strncmp(a, b, MC_FINGERPRINT_LEN), 0);
		assert_string_equal(b + MC_FINGERPRINT_LEN, ":2");
	}
	json_decref(j);
	free(s);

	/* JUnit, HTML: no raw markup, no control characters */
	s = render(mc_report_junit, &fx->run);
	assert_null(strstr(s, "<b>"));
	assert_null(strchr(s, '\x01'));
	assert_non_null(strstr(s, "EVIL|&lt;b&gt;&amp;&quot;x&#39;"));
	assert_non_null(strstr(s, "<testsuite name=\"input\""));
	/* the fix indented line by line, UTF-8 kept whole */
	assert_non_null(strstr(s, "  fix:\n    route-map EVIL|&lt;b&gt; deny 5\n"
	    "     match ip address prefix-list B\n"
	    "     description caf\xc3\xa9\n    \n"));
	free(s);
	s = render(mc_report_html, &fx->run);
	assert_null(strstr(s, "<script>x"));
	assert_null(strstr(s, "<b>"));
	assert_null(strchr(s, '\x01'));
	assert_non_null(strstr(s, "r1&lt;&amp;&quot;&#39;&gt;"));
	assert_non_null(strstr(s, "data-severity=\"error\" data-count=\"1\""));
	free(s);
	s = render(mc_report_markdown, &fx->run);
	assert_non_null(strstr(s, "EVIL\\|&lt;b&gt;"));
	assert_null(strchr(s, '\x01'));
	free(s);
	/* the text report still works with baselined findings */
	fx->res.findings.v[0].baselined = true;
	s = render(mc_report_text, &fx->run);
	assert_non_null(strstr(s, "(baselined)"));
	assert_non_null(strstr(s, "1 baselined"));
	free(s);
}

static void
test_baseline(void **state)
{
	fixture *fx = *state;
	char path[] = "/tmp/manrs-bl-XXXXXX", *buf = NULL;
	mc_report_counts c;
	mc_baseline *b;
	size_t len = 0, i;
	json_error_t je;
	json_t *j;
	FILE *fp;
	int fd;

	/* the exit status counts neither waived nor baselined findings */
	fx->run.diag = NULL;
	assert_int_equal(mc_run_exit_status(&fx->run), 1);

	fp = open_memstream(&buf, &len);
	assert_int_equal(mc_baseline_write(fp, &fx->run), 0);
	fclose(fp);
	j = json_loads(buf, 0, &je);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "schema")),
	    MANRS_BASELINE_SCHEMA);
	/* the waived finding is not in it */
	assert_int_equal(json_array_size(json_object_get(j, "findings")), 4);
	/* keep one SEC-GTSM entry of two, and FLT-BOGON-PREFIX */
	json_array_remove(json_object_get(j, "findings"), 3);
	json_array_remove(json_object_get(j, "findings"), 0);
	free(buf);

	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(json_dump_file(j, path, 0), 0);
	json_decref(j);

	b = mc_baseline_load(path, &fx->diag);
	assert_non_null(b);
	assert_int_equal(mc_baseline_apply(b, &fx->run), 2);
	mc_baseline_free(b);
	mc_report_count(&fx->run, &c);
	assert_int_equal(c.baselined, 2);
	assert_int_equal(c.waived, 1);
	assert_int_equal(c.findings, 2);	/* one SEC-GTSM, CFG-UNPARSED */
	for (i = 0; i < fx->res.findings.n; i++) {
		const mc_finding *f = &fx->res.findings.v[i];

		if (strcmp(f->rule, "FLT-BOGON-PREFIX") == 0)
			assert_true(f->baselined);
	}
	assert_int_equal(mc_run_exit_status(&fx->run), 0);
	fx->run.fail_on = MC_SEV_INFO;
	assert_int_equal(mc_run_exit_status(&fx->run), 1);
	assert_int_equal(mc_baseline_accept(&fx->run), 4);
	assert_int_equal(mc_run_exit_status(&fx->run), 0);

	/* broken baselines are errors that name the file */
	fp = fopen(path, "w");
	fputs("{\"schema\": \"manrs-check-baseline/1\", \"findings\": "
	    "[{\"fingerprint\": \"ABC\"}]}", fp);
	fclose(fp);
	assert_null(mc_baseline_load(path, &fx->diag));
	fp = fopen(path, "w");
	fputs("[1, 2", fp);
	fclose(fp);
	assert_null(mc_baseline_load(path, &fx->diag));
	assert_int_equal(fx->diag.errors.n, 3);	/* with the one of setup */
	assert_string_equal(fx->diag.errors.v[1].file, path);
	unlink(path);
}

/* The streaming writer gives the bytes json_dumpf gives for the whole
 * document: empty and nested containers, escapes, every scalar type. */
static json_t *
sample_item(int i)
{
	json_t *o = json_object(), *a = json_array(), *e = json_object();

	json_object_set_new(o, "n", json_integer(i));
	json_object_set_new(o, "text", json_string("line\nbreak \"quoted\" caf\xc3\xa9"));
	json_object_set_new(o, "controls", json_string("back\\slash /slash "
	    "\t\b\f\r\x01\x1f\x7f end"));
	json_object_set_new(o, "nul", json_stringn("nul\0in", 6));
	json_object_set_new(o, "key \"quoted\"\n", json_integer(-1234567890123ll));
	json_object_set_new(o, "empty_array", json_array());
	json_object_set_new(o, "empty_object", json_object());
	json_array_append_new(a, json_null());
	json_array_append_new(a, json_true());
	json_array_append_new(a, json_real(0.5));
	json_object_set_new(e, "deep", json_pack("[[i, {s: s}], []]", i,
	    "k", "v"));
	json_array_append_new(a, e);
	json_object_set_new(o, "mixed", a);
	return o;
}

static void
test_json_stream(void **state)
{
	json_t *root = json_object(), *arr = json_array(), *run = json_object();
	json_t *res = json_array(), *runs = json_array();
	char *want, *got = NULL;
	size_t len = 0;
	mc_jstream *js = malloc(sizeof(*js));
	FILE *fp;
	int i;

	(void)state;
	assert_non_null(js);
	/* The whole tree, written at once. */
	json_object_set_new(root, "schema", json_string("x/1"));
	for (i = 0; i < 3; i++)
		json_array_append_new(arr, sample_item(i));
	json_object_set_new(root, "items", arr);
	json_object_set_new(root, "none", json_array());
	json_object_set_new(run, "tool", json_string("t"));
	for (i = 0; i < 2; i++)
		json_array_append_new(res, sample_item(10 + i));
	json_object_set_new(run, "results", res);
	json_object_set_new(run, "tail", json_integer(7));
	json_array_append_new(runs, run);
	json_object_set_new(root, "runs", runs);
	json_object_set_new(root, "summary", sample_item(99));
	{
		json_t *sc = json_object();

		json_object_set_new(sc, "ascii", mc_jstr("plain \"text\"\t"));
		json_object_set_new(sc, "latin1", mc_jstr("caf\xe9 \xff end"));
		json_object_set_new(sc, "utf8", mc_jstr("caf\xc3\xa9"));
		json_object_set_new(sc, "none", mc_jstr(NULL));
		json_object_set_new(sc, "int", json_integer(-5));
		json_object_set_new(sc, "yes", json_true());
		json_object_set_new(sc, "no", json_false());
		json_object_set_new(root, "scalars", sc);
	}
	want = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	assert_non_null(want);
	json_decref(root);

	/* The same, streamed. */
	fp = open_memstream(&got, &len);
	assert_non_null(fp);
	mc_js_begin(js, fp);
	mc_js_put(js, "schema", json_string("x/1"));
	mc_js_open(js, "items", '[');
	for (i = 0; i < 3; i++)
		mc_js_put(js, NULL, sample_item(i));
	mc_js_close(js);
	mc_js_open(js, "none", '[');
	mc_js_close(js);
	mc_js_open(js, "runs", '[');
	mc_js_open(js, NULL, '{');
	mc_js_put(js, "tool", json_string("t"));
	mc_js_open(js, "results", '[');
	for (i = 0; i < 2; i++)
		mc_js_put(js, NULL, sample_item(10 + i));
	mc_js_close(js);
	mc_js_put(js, "tail", json_integer(7));
	mc_js_close(js);
	mc_js_close(js);
	mc_js_put(js, "summary", sample_item(99));
	/* scalars written without jansson values */
	mc_js_open(js, "scalars", '{');
	mc_js_str(js, "ascii", "plain \"text\"\t");
	mc_js_str(js, "latin1", "caf\xe9 \xff end");
	mc_js_str(js, "utf8", "caf\xc3\xa9");
	mc_js_str(js, "none", NULL);
	mc_js_int(js, "int", -5);
	mc_js_bool(js, "yes", true);
	mc_js_bool(js, "no", false);
	mc_js_close(js);
	assert_int_equal(mc_js_end(js), 0);
	fclose(fp);
	assert_int_equal(strlen(got), strlen(want) + 1);
	assert_memory_equal(got, want, strlen(want));
	assert_int_equal(got[strlen(want)], '\n');
	free(want);
	free(got);
	free(js);
}

/*
 * The CLI keeps only mc_result_brief of each device for the formats that
 * do not need the model (the JSON report having written the device's
 * object first).  Those formats must print the same from the brief as
 * from the whole device, and the brief must not point into the device's
 * arena (freed before the report; ASan sees a use after free).
 */
static const char brief_conf[] =
	"hostname edge<1>\n"
	"interface Gi0/1\n"
	" ip address 192.0.2.1 255.255.255.0\n"
	" frobnicate the widgets\n"
	"router bgp 64500\n"
	" bgp router-id 192.0.2.1\n"
	" neighbor CUST peer-group\n"
	" neighbor CUST remote-as 64501\n"
	" ! manrs-check: ignore SEC-GTSM expires 2099-01-01 old CPE\n"
	" neighbor 198.51.100.1 peer-group CUST\n"
	" neighbor 198.51.100.1 description customer \"A&B\" <x>\n"
	" neighbor 203.0.113.9 remote-as 64502\n"
	" neighbor 203.0.113.9 shutdown\n"
	" neighbor 203.0.113.9 twiddle knobs\n"
	" address-family ipv4 vrf RED\n"
	"  neighbor 203.0.113.9 remote-as 64503\n"
	"  neighbor 203.0.113.9 route-map PEER-IN in\n"
	" exit-address-family\n"
	"route-map PEER-IN permit 10\n"
	" match ip address prefix-list PL\n"
	"ip prefix-list PL seq 5 permit 0.0.0.0/0 le 32\n";

static void
test_brief_same_report(void **state)
{
	static const struct {
		const char *format;
		bool verbose, quiet;
	} fmts[] = {
		{ "text", false, false }, { "text", true, false },
		{ "text", false, true }, { "sarif", false, false },
		{ "markdown", false, false }, { "html", true, false },
		{ "json", false, false },
	};
	mc_arena *a = mc_arena_new(), *b = mc_arena_new();
	mc_check_opts co;
	mc_device_result res;
	mc_diag diag;
	mc_device *d;
	mc_run run;
	char *full[7], *brief;
	size_t i, k;

	(void)state;
	mc_diag_init(&diag, a);
	d = mc_parse_config(a, "brief.cfg", brief_conf, strlen(brief_conf),
	    MC_VENDOR_UNKNOWN, &diag);
	assert_non_null(d);
	memset(&co, 0, sizeof(co));
	co.today_y = 2026;
	co.today_m = 11;
	co.today_d = 27;
	mc_check_device(d, &co, &res);
	assert_true(res.findings.n > 5);
	mc_vec_push(a, &d->notes, (const char *)mc_strdup(a,
	    "a note <about> the device"));
	memset(&run, 0, sizeof(run));
	run.results = &res;
	run.nresults = 1;
	run.fail_on = MC_SEV_ERROR;
	run.check = &co;
	for (i = 0; i < 7; i++) {
		assert_false(mc_report_needs_model(fmts[i].format));
		run.verbose = fmts[i].verbose;
		run.quiet = fmts[i].quiet;
		full[i] = render(mc_report_for(fmts[i].format), &run);
	}
	/* what the brief must carry shows in the reports */
	assert_non_null(strstr(full[1], "edge<1>"));
	assert_non_null(strstr(full[1], "vrf RED"));
	assert_non_null(strstr(full[1], "shut down"));
	assert_non_null(strstr(full[1], "customer \"A&B\" <x>"));
	assert_non_null(strstr(full[1], "twiddle knobs"));
	assert_non_null(strstr(full[3], "\"inSource\""));
	assert_non_null(strstr(full[5], "AS64500"));
	assert_non_null(strstr(full[0], "a note <about> the device"));

	/* the JSON report takes the device's object first */
	assert_ptr_equal(mc_report_prepare_for("json"), mc_report_json_prepare);
	assert_null(mc_report_prepare_for("text"));
	mc_report_json_prepare(&res, b);
	assert_non_null(res.json);
	assert_non_null(strstr(res.json, "\"PEER-IN\""));
	mc_result_brief(&res, b);
	memset(d, 0x5a, sizeof(*d));	/* the old device is gone */
	mc_arena_free(a);
	for (k = 0; k < 2; k++) {
		if (k == 1) {
			/* The same from the check that briefs directly (the
			 * note is the check's own this time: none). */
			a = mc_arena_new();
			mc_arena_free(b);
			b = mc_arena_new();
			mc_diag_init(&diag, a);
			d = mc_parse_config(a, "brief.cfg", brief_conf,
			    strlen(brief_conf), MC_VENDOR_UNKNOWN, &diag);
			assert_non_null(d);
			mc_vec_push(a, &d->notes, (const char *)mc_strdup(a,
			    "a note <about> the device"));
			mc_check_device_brief(d, &co, &res, b,
			    mc_report_json_prepare);
			memset(d, 0x5a, sizeof(*d));
			mc_arena_free(a);
		}
		for (i = 0; i < 7; i++) {
			run.verbose = fmts[i].verbose;
			run.quiet = fmts[i].quiet;
			brief = render(mc_report_for(fmts[i].format), &run);
			if (strcmp(brief, full[i]) != 0)
				fail_msg("%s%s (%s): the brief prints otherwise:"
				    "\n%s\n--- whole device:\n%s",
				    fmts[i].format, fmts[i].verbose ? " -v" :
				    fmts[i].quiet ? " -q" : "", k == 0 ?
				    "mc_result_brief" : "mc_check_device_brief",
				    brief, full[i]);
			free(brief);
		}
	}
	for (i = 0; i < 7; i++)
		free(full[i]);
	assert_true(mc_report_needs_model("junit"));
	assert_true(mc_report_needs_model("pdf"));
	mc_arena_free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256),
		cmocka_unit_test(test_json_stream),
		cmocka_unit_test(test_fingerprint),
		cmocka_unit_test(test_xml_escape),
		cmocka_unit_test(test_md_escape),
		cmocka_unit_test(test_registry),
		cmocka_unit_test(test_brief_same_report),
		cmocka_unit_test_setup_teardown(test_formats_hostile, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_baseline, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
