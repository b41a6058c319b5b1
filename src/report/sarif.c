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
static json_t *
artifact(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	json_t *o = json_object();
	const unsigned char *p;
	char *buf, *b;
	bool abs;

	if (path == NULL)
		path = "";
	while (path[0] == '.' && path[1] == '/')
		for (path += 2; *path == '/'; path++)
			;
	abs = path[0] == '/';
	if ((buf = malloc(strlen(path) * 3 + 8)) == NULL)
		return o;
	b = buf;
	if (abs) {
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

static json_t *
result_json(const mc_run *r, const mc_finding *f, const mc_device *dev,
    const char *fp, unsigned occ)
{
	json_t *o = json_object(), *locs = json_array(), *pf, *props, *ex;
	const mc_rule *rules;
	size_t nrules, i;
	char key[MC_FINGERPRINT_LEN + 16], *msg;

	mc_jset(o, "ruleId", mc_jstr(f->rule));
	rules = mc_rules(&nrules);
	for (i = 0; f->rule != NULL && i < nrules; i++)
		if (strcmp(rules[i].id, f->rule) == 0) {
			mc_jset(o, "ruleIndex", json_integer((json_int_t)i));
			break;
		}
	mc_jset(o, "level", json_string(level(f->severity)));
	msg = message(f);
	mc_jset(o, "message", text_msg(msg != NULL ? msg : f->message));
	free(msg);
	json_array_append_new(locs, location(f->file, f->line));
	mc_jset(o, "locations", locs);

	pf = json_object();
	if (occ > 1)
		snprintf(key, sizeof(key), "%s:%u", fp, occ);
	else
		snprintf(key, sizeof(key), "%s", fp);
	mc_jset(pf, FP_KEY, json_string(key));
	mc_jset(o, "partialFingerprints", pf);

	if (f->waived) {
		json_t *sup = json_array(), *s = json_object();

		mc_jset(s, "kind", json_string(inline_waived(dev, f) ?
		    "inSource" : "external"));
		mc_jset(s, "status", json_string("accepted"));
		if (f->waiver_reason != NULL)
			mc_jset(s, "justification", mc_jstr(f->waiver_reason));
		json_array_append_new(sup, s);
		mc_jset(o, "suppressions", sup);
	}
	if (r->baseline_used)
		mc_jset(o, "baselineState", json_string(f->baselined ?
		    "unchanged" : "new"));

	props = json_object();
	mc_jset(props, "hostname", mc_jstr(f->hostname));
	mc_jset(props, "vendor", json_string(mc_vendor_name(f->vendor)));
	if (f->neighbor != NULL)
		mc_jset(props, "neighbor", mc_jstr(f->neighbor));
	if (f->vrf != NULL)
		mc_jset(props, "vrf", mc_jstr(f->vrf));
	if (f->interface != NULL)
		mc_jset(props, "interface", mc_jstr(f->interface));
	mc_jset(props, "manrs_action", json_integer(f->action));
	mc_jset(props, "severity", json_string(mc_severity_name(f->severity)));
	if (f->has_example) {
		ex = json_object();
		mc_jset(ex, "prefix", mc_jstr(f->ex_prefix));
		mc_jset(ex, "as_path", mc_jstr(f->ex_path ? f->ex_path : ""));
		if (f->ex_comms != NULL && f->ex_comms[0] != '\0')
			mc_jset(ex, "communities", mc_jstr(f->ex_comms));
		mc_jset(props, "example", ex);
	}
	if (f->decided_by != NULL)
		mc_jset(props, "decided_by", mc_jstr(f->decided_by));
	if (f->fix != NULL)
		mc_jset(props, "fix", mc_jstr(f->fix));
	mc_jset(props, "fingerprint", json_string(fp));
	mc_jset(o, "properties", props);
	return o;
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
		mc_js_put(js, NULL, result_json(r, v[i], v[i]->waived ?
		    device_of(r, v[i]) : NULL, fps[i].fp, fps[i].occ));
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
