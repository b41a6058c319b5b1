/*
 * The JSON report: DESIGN.md section 6, schema "manrs-check/1".  Keys come
 * in the documented order; keys are added after the documented ones, never
 * renamed.  Findings are sorted by file, line, rule.
 */
#include <stdlib.h>
#include <string.h>

#include "model/json.h"
#include "report/common.h"
#include "report/jutil.h"

static json_t *
jint(long long v)
{
	return json_integer(v);
}

static json_t *
neighbor_json(const mc_neighbor *n)
{
	static const char *afname[MC_AFI_COUNT] = { "ipv4", "ipv6" };
	json_t *o = json_object(), *afs = json_object();
	int af;

	/* Documented keys. */
	mc_jset(o, "address", mc_jstr(n->address));
	mc_jset(o, "vrf", mc_jstr(n->vrf != NULL ? n->vrf : "default"));
	mc_jset(o, "remote_as", n->remote_as_kind == MC_RAS_NUMBER ?
	    jint(n->remote_as) : json_null());
	mc_jset(o, "role", json_string(mc_role_name(n->role)));
	mc_jset(o, "role_source", mc_jstr(n->role_source != NULL ?
	    n->role_source : "none"));
	mc_jset(o, "line", jint(n->line));
	/* Added keys. */
	mc_jset(o, "remote_as_kind",
	    json_string(mc_remote_as_kind_name(n->remote_as_kind)));
	mc_jset(o, "name", mc_jstr(n->name));
	mc_jset(o, "description", mc_jstr(n->description));
	mc_jset(o, "shutdown", json_boolean(n->shutdown));
	for (af = 0; af < MC_AFI_COUNT; af++) {
		const mc_af_settings *s = &n->af[af];
		json_t *aj;

		if (!s->active)
			continue;
		aj = json_object();
		mc_jset(aj, "import", mc_json_direction(&s->in));
		mc_jset(aj, "export", mc_json_direction(&s->out));
		mc_jset(aj, "max_prefix", mc_json_maxpfx(&s->maxpfx));
		mc_jset(afs, afname[af], aj);
	}
	mc_jset(o, "af", afs);
	mc_jset(o, "policies", mc_json_neighbor_policies(n));
	return o;
}

static json_t *
device_json(const mc_device_result *r)
{
	const mc_device *d = r->dev;
	json_t *o = json_object(), *nb = json_array(), *arr, *acts;
	char key[2] = "0";
	size_t i;
	int a;

	mc_jset(o, "file", mc_jstr(d->file));
	mc_jset(o, "hostname", mc_jstr(d->hostname));
	mc_jset(o, "vendor", json_string(mc_vendor_name(d->vendor)));
	mc_jset(o, "asn", d->bgp.asn ? jint(d->bgp.asn) : json_null());
	mc_jset(o, "lines", jint(d->lines));
	mc_jset(o, "unrecognized", jint(d->unrecognized));
	for (i = 0; i < d->neighbors.n; i++)
		if (!d->neighbors.v[i]->is_group_only)
			json_array_append_new(nb, neighbor_json(d->neighbors.v[i]));
	mc_jset(o, "neighbors", nb);

	acts = json_object();
	for (a = 1; a <= 4; a++) {
		key[0] = (char)('0' + a);
		mc_jset(acts, key, json_string(mc_action_status_name(r->actions[a])));
	}
	mc_jset(o, "actions", acts);
	arr = json_array();
	for (i = 0; i < d->origins.n; i++)
		if (d->origins.v[i].prefix.af != 0)
			json_array_append_new(arr,
			    mc_jprefix(&d->origins.v[i].prefix));
	mc_jset(o, "originated", arr);
	arr = json_array();
	for (i = 0; i < d->notes.n; i++)
		json_array_append_new(arr, mc_jstr(d->notes.v[i]));
	mc_jset(o, "notes", arr);
	return o;
}

/* In the "devices" array: the root object, then the array. */
#define DEVICE_DEPTH 2

/* Runs in the checking threads (mc_check_device_brief's hook): on jansson
 * values of its own, which jansson allows without locks. */
void
mc_report_json_prepare(mc_device_result *r, mc_arena *a)
{
	char *text = mc_js_render(device_json(r), DEVICE_DEPTH);

	if (text == NULL) {
		fputs("manrs-check: out of memory\n", stderr);
		abort();
	}
	r->json = mc_strdup(a, text);
	free(text);
}

/* One finding, written straight into the stream: building it as a
 * jansson object first cost as much as the rest of the report. */
static void
finding_write(mc_jstream *js, const mc_finding *f)
{
	char fp[MC_FINGERPRINT_LEN + 1];

	mc_js_open(js, NULL, '{');
	mc_js_str(js, "rule", f->rule);
	mc_js_int(js, "action", f->action);
	mc_js_str(js, "severity", mc_severity_name(f->severity));
	mc_js_str(js, "file", f->file);
	mc_js_int(js, "line", f->line);
	mc_js_str(js, "hostname", f->hostname);
	mc_js_str(js, "vendor", mc_vendor_name(f->vendor));
	mc_js_str(js, "neighbor", f->neighbor);
	mc_js_str(js, "interface", f->interface);
	mc_js_str(js, "message", f->message);
	if (f->has_example) {
		mc_js_open(js, "example", '{');
		mc_js_str(js, "prefix", f->ex_prefix);
		mc_js_str(js, "as_path", f->ex_path != NULL ? f->ex_path : "");
		if (f->ex_comms != NULL && f->ex_comms[0] != '\0')
			mc_js_str(js, "communities", f->ex_comms);
		if (f->ex_rov != NULL && f->ex_rov[0] != '\0')
			mc_js_str(js, "rov", f->ex_rov);
		mc_js_close(js);
	} else
		mc_js_str(js, "example", NULL);
	mc_js_str(js, "fix", f->fix);
	mc_js_str(js, "vrf", f->vrf);
	mc_js_str(js, "decided_by", f->decided_by);
	mc_js_bool(js, "waived", f->waived);
	mc_js_str(js, "waiver_reason", f->waived ? f->waiver_reason : NULL);
	mc_finding_fingerprint(f, fp);
	mc_js_str(js, "fingerprint", fp);
	mc_js_bool(js, "baselined", f->baselined);
	mc_js_close(js);
}

static int
cmp_rule(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static json_t *
by_rule_json(const mc_finding **v, size_t n)
{
	json_t *o = json_object();
	const char **ids;
	size_t i, k = 0, j;

	if ((ids = calloc(n + 1, sizeof(*ids))) == NULL)
		return o;
	for (i = 0; i < n; i++)
		if (!v[i]->waived && !v[i]->baselined && v[i]->rule != NULL)
			ids[k++] = v[i]->rule;
	if (k > 1)
		qsort(ids, k, sizeof(*ids), cmp_rule);
	for (i = 0; i < k; i = j) {
		for (j = i; j < k && strcmp(ids[i], ids[j]) == 0; j++)
			;
		mc_jset(o, ids[i], jint((long long)(j - i)));
	}
	free(ids);
	return o;
}

int
mc_report_json(FILE *fp, const mc_run *r)
{
	json_t *sum = json_object(), *acts, *sev;
	const mc_finding **v;
	mc_report_counts c;
	mc_jstream *js = malloc(sizeof(*js));
	char key[2] = "0";
	size_t i, n;
	int a, rc;

	if (js == NULL) {
		json_decref(sum);
		return -1;
	}
	v = mc_report_sorted(r, &n);
	mc_report_count(r, &c);

	/* Streamed: one device or finding encoded at a time. */
	mc_js_begin(js, fp);
	mc_js_put(js, "schema", json_string(MANRS_SCHEMA));
	mc_js_put(js, "version", json_string(MANRS_VERSION));
	mc_js_open(js, "devices", '[');
	for (i = 0; i < r->nresults; i++)
		if (r->results[i].json != NULL)
			mc_js_raw(js, NULL, r->results[i].json);
		else
			mc_js_put(js, NULL, device_json(&r->results[i]));
	mc_js_close(js);
	mc_js_open(js, "findings", '[');
	for (i = 0; i < n; i++)
		finding_write(js, v[i]);
	mc_js_close(js);
	mc_js_open(js, "errors", '[');
	if (r->diag != NULL)
		for (i = 0; i < r->diag->errors.n; i++) {
			const mc_error *e = &r->diag->errors.v[i];
			json_t *ej = json_object();

			mc_jset(ej, "file", mc_jstr(e->file));
			mc_jset(ej, "line", jint(e->line));
			mc_jset(ej, "message", mc_jstr(e->message));
			mc_js_put(js, NULL, ej);
		}
	mc_js_close(js);

	mc_jset(sum, "devices", jint((long long)r->nresults));
	mc_jset(sum, "findings", jint((long long)c.findings));
	mc_jset(sum, "by_rule", by_rule_json(v, n));
	acts = json_object();
	for (a = 1; a <= 4; a++) {
		key[0] = (char)('0' + a);
		mc_jset(acts, key, json_string(mc_action_status_name(
		    mc_run_action(r, a))));
	}
	mc_jset(sum, "actions", acts);
	sev = json_object();
	mc_jset(sev, "error", jint((long long)c.by_sev[MC_SEV_ERROR]));
	mc_jset(sev, "warning", jint((long long)c.by_sev[MC_SEV_WARNING]));
	mc_jset(sev, "info", jint((long long)c.by_sev[MC_SEV_INFO]));
	mc_jset(sum, "by_severity", sev);
	mc_jset(sum, "waived", jint((long long)c.waived));
	mc_jset(sum, "baselined", jint((long long)c.baselined));
	mc_jset(sum, "errors", jint((long long)c.errors));
	mc_jset(sum, "fail_on", json_string(mc_severity_name(r->fail_on)));
	mc_jset(sum, "exit_status", jint(mc_run_exit_status(r)));
	mc_js_put(js, "summary", sum);

	rc = mc_js_end(js);
	free(js);
	free(v);
	return rc;
}
