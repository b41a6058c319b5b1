/*
 * SARIF 2.1.0 (OASIS), as GitHub code scanning and other viewers take it:
 * one run, the driver lists every rule of the registry with its
 * documentation, each finding is a result at file:line with a
 * fingerprint that does not change when lines move; waived findings carry
 * a suppression, and with a baseline every result says whether it is new.
 * Input errors are tool execution notifications.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "report/common.h"
#include "report/jutil.h"

#define SARIF_SCHEMA "https://docs.oasis-open.org/sarif/sarif/v2.1.0/" \
	"errata01/os/schemas/sarif-schema-2.1.0.json"
/* The tool's home page for informationUri; packagers may set the
 * project's own (and MANRS_DOCS_URI, where docs/rules/ID.md are served,
 * for each rule's helpUri).  Both must be absolute URIs. */
#ifndef MANRS_HOME_URI
#define MANRS_HOME_URI "https://www.manrs.org/"
#endif
#ifndef MANRS_DOCS_URI
#define MANRS_DOCS_URI ""
#endif
#define FP_KEY "manrsFinding/v1"

static const char *
level(mc_severity s)
{
	return s == MC_SEV_ERROR ? "error" : s == MC_SEV_WARNING ? "warning" :
	    "note";
}

/* "FLT-BOGON-PREFIX" -> "FltBogonPrefix": SARIF wants a readable name
 * distinct from the opaque id. */
static json_t *
rule_name(const char *id)
{
	char buf[128];
	size_t o = 0;
	bool up = true;

	for (; *id != '\0' && o + 1 < sizeof(buf); id++) {
		if (*id == '-' || *id == '_') {
			up = true;
			continue;
		}
		buf[o++] = up ? *id : (char)(*id >= 'A' && *id <= 'Z' ?
		    *id - 'A' + 'a' : *id);
		up = false;
	}
	buf[o] = '\0';
	return json_string(buf);
}

/* The first paragraph of the page's "Why it matters" section, in one
 * line; NULL when there is none. */
static char *
why(const char *doc)
{
	const char *p, *e;
	char *s;
	size_t o = 0;

	if (doc == NULL || (p = strstr(doc, "\n## Why it matters")) == NULL)
		return NULL;
	if ((p = strchr(p + 1, '\n')) == NULL)
		return NULL;
	while (*p == '\n')
		p++;
	if ((e = strstr(p, "\n\n")) == NULL)
		e = p + strlen(p);
	if (e == p || (s = malloc((size_t)(e - p) + 1)) == NULL)
		return NULL;
	for (; p < e; p++)
		s[o++] = *p == '\n' ? ' ' : *p;
	s[o] = '\0';
	return s;
}

static json_t *
text_msg(const char *t)
{
	json_t *o = json_object();

	mc_jset(o, "text", mc_jstr(t != NULL ? t : ""));
	return o;
}

static json_t *
rule_json(const mc_run *r, const mc_rule *rule)
{
	json_t *o = json_object(), *props, *tags, *help, *cfg;
	const char *doc = r->rule_doc != NULL ? r->rule_doc(rule->id) : NULL;
	char *full = why(doc), *t;
	char act[16];

	mc_jset(o, "id", json_string(rule->id));
	mc_jset(o, "name", rule_name(rule->id));
	mc_jset(o, "shortDescription", text_msg(rule->title));
	mc_jset(o, "fullDescription", text_msg(full != NULL ? full :
	    rule->title));
	free(full);
	if (MANRS_DOCS_URI[0] != '\0' &&
	    asprintf(&t, "%s%s.md", MANRS_DOCS_URI, rule->id) >= 0) {
		mc_jset(o, "helpUri", json_string(t));
		free(t);
	}
	help = json_object();
	if (doc != NULL) {
		mc_jset(help, "text", mc_jstr(doc));
		mc_jset(help, "markdown", mc_jstr(doc));
	} else if (asprintf(&t, "%s. See docs/rules/%s.md in the manrs-check "
	    "sources, or run `manrs-check explain %s`.", rule->title, rule->id,
	    rule->id) >= 0) {
		mc_jset(help, "text", mc_jstr(t));
		free(t);
	}
	mc_jset(o, "help", help);
	cfg = json_object();
	mc_jset(cfg, "level", json_string(level(rule->severity)));
	mc_jset(o, "defaultConfiguration", cfg);

	props = json_object();
	tags = json_array();
	json_array_append_new(tags, json_string("manrs"));
	json_array_append_new(tags, json_string("routing-security"));
	if (rule->action >= 1 && rule->action <= 4) {
		snprintf(act, sizeof(act), "manrs-action-%d", rule->action);
		json_array_append_new(tags, json_string(act));
	}
	mc_jset(props, "tags", tags);
	mc_jset(props, "precision", json_string("high"));
	mc_jset(props, "problem.severity", json_string(
	    rule->severity == MC_SEV_INFO ? "recommendation" :
	    level(rule->severity)));
	mc_jset(props, "manrs_action", json_integer(rule->action));
	mc_jset(props, "manrs_action_title",
	    json_string(mc_action_title(rule->action)));
	mc_jset(o, "properties", props);
	return o;
}

/* A file path as a URI reference: relative paths stay relative (to the
 * checkout, %SRCROOT%), absolute ones become file: URIs; everything but
 * unreserved characters and '/' is percent-encoded. */
/* The URI of path (malloc'd, NULL when out of memory); *abs: absolute. */
static char *
artifact_uri(const char *path, bool *abs)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	char *buf, *b;

	if (path == NULL)
		path = "";
	while (path[0] == '.' && path[1] == '/')
		for (path += 2; *path == '/'; path++)
			;
	*abs = path[0] == '/';
	if ((buf = malloc(strlen(path) * 3 + 8)) == NULL)
		return NULL;
	b = buf;
	if (*abs) {
		memcpy(b, "file://", 7);
		b += 7;
	}
	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_' || *p == '~' || *p == '/')
			*b++ = (char)*p;
		else {
			*b++ = '%';
			*b++ = hex[*p >> 4];
			*b++ = hex[*p & 15];
		}
	}
	*b = '\0';
	return buf;
}

static json_t *
artifact(const char *path)
{
	json_t *o = json_object();
	bool abs;
	char *buf = artifact_uri(path, &abs);

	if (buf == NULL)
		return o;
	mc_jset(o, "uri", json_string(buf));
	if (!abs)
		mc_jset(o, "uriBaseId", json_string("%SRCROOT%"));
	free(buf);
	return o;
}

static json_t *
location(const char *file, int line)
{
	json_t *loc = json_object(), *phys = json_object(), *reg;

	mc_jset(phys, "artifactLocation", artifact(file));
	/* Code scanning wants a line; device-level findings without one
	 * point at the top of the file. */
	reg = json_object();
	mc_jset(reg, "startLine", json_integer(line > 0 ? line : 1));
	mc_jset(phys, "region", reg);
	mc_jset(loc, "physicalLocation", phys);
	return loc;
}

/* location(), written into the stream. */
static void
location_write(mc_jstream *js, const char *file, int line)
{
	bool abs;
	char *uri = artifact_uri(file, &abs);

	mc_js_open(js, NULL, '{');
	mc_js_open(js, "physicalLocation", '{');
	mc_js_open(js, "artifactLocation", '{');
	if (uri != NULL) {
		mc_js_str(js, "uri", uri);
		if (!abs)
			mc_js_str(js, "uriBaseId", "%SRCROOT%");
	}
	mc_js_close(js);
	mc_js_open(js, "region", '{');
	mc_js_int(js, "startLine", line > 0 ? line : 1);
	mc_js_close(js);
	mc_js_close(js);
	mc_js_close(js);
	free(uri);
}

/* Message, then the counter-example, the deciding term and the fix: what
 * a reviewer needs without opening the text report. */
static char *
message(const mc_finding *f)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);

	if (m == NULL)
		return NULL;
	fputs(f->message != NULL ? f->message : "", m);
	if (f->neighbor != NULL)
		fprintf(m, " [%s: neighbour %s%s%s]", f->hostname ? f->hostname :
		    "?", f->neighbor, f->vrf ? " vrf " : "", f->vrf ? f->vrf : "");
	else if (f->interface != NULL)
		fprintf(m, " [%s: interface %s]", f->hostname ? f->hostname :
		    "?", f->interface);
	else if (f->hostname != NULL)
		fprintf(m, " [%s]", f->hostname);
	if (f->has_example) {
		fprintf(m, "\nExample route: %s as-path %s",
		    f->ex_prefix ? f->ex_prefix : "?",
		    f->ex_path && f->ex_path[0] ? f->ex_path : "(empty)");
		if (f->ex_comms != NULL && f->ex_comms[0] != '\0')
			fprintf(m, " communities %s", f->ex_comms);
	}
	if (f->decided_by != NULL)
		fprintf(m, "\nDecided by: %s", f->decided_by);
	if (f->fix != NULL && f->fix[0] != '\0')
		fprintf(m, "\nFix:\n%s", f->fix);
	fclose(m);
	return buf;
}

/* Was the finding waived by a comment in the configuration (inSource)
 * rather than the policy file (external)?  check.c tries inline waivers
 * first and keeps their reason (or "inline waiver at line N"). */
static bool
inline_waived(const mc_device *d, const mc_finding *f)
{
	size_t i;

	if (d == NULL || f->waiver_reason == NULL)
		return false;
	for (i = 0; i < d->waivers.n; i++) {
		const mc_inline_waiver *w = &d->waivers.v[i];

		if (w->rule == NULL || (strcasecmp(w->rule, "all") != 0 &&
		    strcasecmp(w->rule, f->rule) != 0) ||
		    f->line < w->first || f->line > w->last)
			continue;
		if (w->reason != NULL ? strcmp(w->reason, f->waiver_reason) == 0 :
		    strncmp(f->waiver_reason, "inline waiver at line ", 22) == 0)
			return true;
	}
	return false;
}

/* One result, written straight into the stream (as the JSON report's
 * findings: jansson objects per result cost more than the check). */
static void
result_write(mc_jstream *js, const mc_run *r, const mc_finding *f,
    const mc_device *dev, const char *fp, unsigned occ)
{
	const mc_rule *rules;
	size_t nrules, i;
	char key[MC_FINGERPRINT_LEN + 16], *msg;

	mc_js_open(js, NULL, '{');
	mc_js_str(js, "ruleId", f->rule);
	rules = mc_rules(&nrules);
	for (i = 0; f->rule != NULL && i < nrules; i++)
		if (strcmp(rules[i].id, f->rule) == 0) {
			mc_js_int(js, "ruleIndex", (long long)i);
			break;
		}
	mc_js_str(js, "level", level(f->severity));
	msg = message(f);
	mc_js_open(js, "message", '{');
	mc_js_str(js, "text", msg != NULL ? msg : f->message != NULL ?
	    f->message : "");
	mc_js_close(js);
	free(msg);
	mc_js_open(js, "locations", '[');
	location_write(js, f->file, f->line);
	mc_js_close(js);

	if (occ > 1)
		mc_snprintf(key, sizeof(key), "%s:%u", fp, occ);
	else
		mc_snprintf(key, sizeof(key), "%s", fp);
	mc_js_open(js, "partialFingerprints", '{');
	mc_js_str(js, FP_KEY, key);
	mc_js_close(js);

	if (f->waived) {
		mc_js_open(js, "suppressions", '[');
		mc_js_open(js, NULL, '{');
		mc_js_str(js, "kind", inline_waived(dev, f) ? "inSource" :
		    "external");
		mc_js_str(js, "status", "accepted");
		if (f->waiver_reason != NULL)
			mc_js_str(js, "justification", f->waiver_reason);
		mc_js_close(js);
		mc_js_close(js);
	}
	if (r->baseline_used)
		mc_js_str(js, "baselineState", f->baselined ? "unchanged" :
		    "new");

	mc_js_open(js, "properties", '{');
	mc_js_str(js, "hostname", f->hostname);
	mc_js_str(js, "vendor", mc_vendor_name(f->vendor));
	if (f->neighbor != NULL)
		mc_js_str(js, "neighbor", f->neighbor);
	if (f->vrf != NULL)
		mc_js_str(js, "vrf", f->vrf);
	if (f->interface != NULL)
		mc_js_str(js, "interface", f->interface);
	mc_js_int(js, "manrs_action", f->action);
	mc_js_str(js, "severity", mc_severity_name(f->severity));
	if (f->has_example) {
		mc_js_open(js, "example", '{');
		mc_js_str(js, "prefix", f->ex_prefix);
		mc_js_str(js, "as_path", f->ex_path ? f->ex_path : "");
		if (f->ex_comms != NULL && f->ex_comms[0] != '\0')
			mc_js_str(js, "communities", f->ex_comms);
		mc_js_close(js);
	}
	if (f->decided_by != NULL)
		mc_js_str(js, "decided_by", f->decided_by);
	if (f->fix != NULL)
		mc_js_str(js, "fix", f->fix);
	mc_js_str(js, "fingerprint", fp);
	mc_js_close(js);
	mc_js_close(js);
}

typedef struct fpent {
	char fp[MC_FINGERPRINT_LEN + 1];
	size_t idx;
	unsigned occ;
} fpent;

static int
cmp_fpent(const void *a, const void *b)
{
	const fpent *x = a, *y = b;
	int c = strcmp(x->fp, y->fp);

	if (c != 0)
		return c;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int
cmp_idx(const void *a, const void *b)
{
	const fpent *x = a, *y = b;

	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* The device a finding belongs to (for its inline waivers). */
static const mc_device *
device_of(const mc_run *r, const mc_finding *f)
{
	size_t i;

	for (i = 0; i < r->nresults; i++)
		if (r->results[i].findings.n > 0 &&
		    f >= r->results[i].findings.v &&
		    f < r->results[i].findings.v + r->results[i].findings.n)
			return r->results[i].dev;
	return NULL;
}

int
mc_report_sarif(FILE *fp, const mc_run *r)
{
	json_t *tool = json_object(), *drv = json_object(), *rules = json_array();
	json_t *inv = json_array(), *iv, *notes, *props, *acts;
	mc_jstream *js = malloc(sizeof(*js));
	const mc_rule *rl;
	const mc_finding **v;
	mc_report_counts c;
	fpent *fps;
	size_t i, n, nrules;
	char key[2] = "0";
	int a, rc;

	if (js == NULL) {
		json_decref(tool);
		json_decref(drv);
		json_decref(rules);
		json_decref(inv);
		return -1;
	}
	v = mc_report_sorted(r, &n);
	mc_report_count(r, &c);

	/* Streamed: the results are encoded one at a time. */
	mc_js_begin(js, fp);
	mc_js_put(js, "$schema", json_string(SARIF_SCHEMA));
	mc_js_put(js, "version", json_string("2.1.0"));
	mc_js_open(js, "runs", '[');
	mc_js_open(js, NULL, '{');

	mc_jset(drv, "name", json_string("manrs-check"));
	mc_jset(drv, "fullName", json_string("manrs-check " MANRS_VERSION));
	mc_jset(drv, "version", json_string(MANRS_VERSION));
	mc_jset(drv, "semanticVersion", json_string(MANRS_VERSION));
	mc_jset(drv, "informationUri", json_string(MANRS_HOME_URI));
	rl = mc_rules(&nrules);
	for (i = 0; i < nrules; i++)
		json_array_append_new(rules, rule_json(r, &rl[i]));
	mc_jset(drv, "rules", rules);
	mc_jset(tool, "driver", drv);
	mc_js_put(js, "tool", tool);

	/* Occurrence numbers for findings that share a fingerprint, in
	 * report order, so that each result keeps its own identity. */
	if ((fps = calloc(n + 1, sizeof(*fps))) == NULL) {
		fputs("manrs-check: out of memory\n", stderr);
		abort();
	}
	for (i = 0; i < n; i++) {
		mc_finding_fingerprint(v[i], fps[i].fp);
		fps[i].idx = i;
	}
	qsort(fps, n, sizeof(*fps), cmp_fpent);
	for (i = 0; i < n; i++)
		fps[i].occ = i > 0 && strcmp(fps[i].fp, fps[i - 1].fp) == 0 ?
		    fps[i - 1].occ + 1 : 1;
	qsort(fps, n, sizeof(*fps), cmp_idx);

	iv = json_object();
	mc_jset(iv, "executionSuccessful", json_boolean(c.errors == 0));
	mc_jset(iv, "exitCode", json_integer(mc_run_exit_status(r)));
	notes = json_array();
	if (r->diag != NULL)
		for (i = 0; i < r->diag->errors.n; i++) {
			const mc_error *e = &r->diag->errors.v[i];
			json_t *no = json_object(), *locs = json_array();

			mc_jset(no, "level", json_string("error"));
			mc_jset(no, "message", text_msg(e->message));
			if (e->file != NULL) {
				json_array_append_new(locs,
				    location(e->file, e->line));
				mc_jset(no, "locations", locs);
			} else
				json_decref(locs);
			json_array_append_new(notes, no);
		}
	mc_jset(iv, "toolExecutionNotifications", notes);
	json_array_append_new(inv, iv);
	mc_js_put(js, "invocations", inv);

	mc_js_open(js, "results", '[');
	for (i = 0; i < n; i++)
		result_write(js, r, v[i], v[i]->waived ? device_of(r, v[i]) :
		    NULL, fps[i].fp, fps[i].occ);
	mc_js_close(js);
	mc_js_put(js, "columnKind", json_string("unicodeCodePoints"));

	props = json_object();
	acts = json_object();
	for (a = 1; a <= 4; a++) {
		key[0] = (char)('0' + a);
		mc_jset(acts, key, json_string(mc_action_status_name(
		    mc_run_action(r, a))));
	}
	mc_jset(props, "manrs_actions", acts);
	mc_jset(props, "devices", json_integer((json_int_t)r->nresults));
	mc_jset(props, "findings", json_integer((json_int_t)c.findings));
	mc_jset(props, "waived", json_integer((json_int_t)c.waived));
	mc_jset(props, "baselined", json_integer((json_int_t)c.baselined));
	mc_js_put(js, "properties", props);
	mc_js_close(js);	/* the run */
	mc_js_close(js);	/* runs */

	rc = mc_js_end(js);
	free(js);
	free(fps);
	free(v);
	return rc;
}
