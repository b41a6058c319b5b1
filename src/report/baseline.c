/*
 * Baselines: the fingerprints of findings accepted on some day, so that a
 * CI job fails only on new ones.  A fingerprint ignores line numbers, so a
 * finding whose lines moved is still the same finding.  Each baseline
 * entry matches one finding: if a problem now occurs twice where it
 * occurred once, the second occurrence is new.
 *
 *   {"schema": "manrs-check-baseline/1",
 *    "findings": [{"fingerprint": "...", "rule": "...", "file": "...",
 *                  "hostname": "...", "neighbor": "...", "message": "..."}]}
 *
 * Only "fingerprint" is used for matching; the rest is for the people who
 * review the file in a merge request.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "report/common.h"
#include "report/jutil.h"

/* Hostile input must not exhaust memory. */
#define BASELINE_MAX ((size_t)1000000)

struct mc_baseline {
	char (*fp)[MC_FINGERPRINT_LEN + 1];	/* sorted */
	size_t n;
};

static int
cmp_fp(const void *a, const void *b)
{
	return strcmp(a, b);
}

static bool
valid_fp(const char *s)
{
	size_t i;

	for (i = 0; i < MC_FINGERPRINT_LEN; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return s[MC_FINGERPRINT_LEN] == '\0';
}

mc_baseline *
mc_baseline_load(const char *path, mc_diag *d)
{
	json_error_t je;
	json_t *root, *arr, *e, *fp;
	const char *schema;
	mc_baseline *b;
	size_t i;

	if ((root = json_load_file(path, JSON_REJECT_DUPLICATES, &je)) == NULL) {
		mc_diag_error(d, path, je.line > 0 ? je.line : 0,
		    "baseline: %s", je.text);
		return NULL;
	}
	schema = json_string_value(json_object_get(root, "schema"));
	arr = json_object_get(root, "findings");
	if (!json_is_object(root) || schema == NULL ||
	    strcmp(schema, MANRS_BASELINE_SCHEMA) != 0 || !json_is_array(arr)) {
		mc_diag_error(d, path, 0, "baseline: not a manrs-check baseline "
		    "(expected {\"schema\": \"%s\", \"findings\": [...]}, as "
		    "--write-baseline writes it)", MANRS_BASELINE_SCHEMA);
		json_decref(root);
		return NULL;
	}
	if (json_array_size(arr) > BASELINE_MAX) {
		mc_diag_error(d, path, 0, "baseline: more than %zu findings",
		    BASELINE_MAX);
		json_decref(root);
		return NULL;
	}
	if ((b = calloc(1, sizeof(*b))) == NULL ||
	    (b->fp = calloc(json_array_size(arr) + 1, sizeof(*b->fp))) == NULL) {
		fputs("manrs-check: out of memory\n", stderr);
		abort();
	}
	json_array_foreach(arr, i, e) {
		const char *s;

		fp = json_object_get(e, "fingerprint");
		s = json_string_value(fp);
		if (s == NULL || strlen(s) != MC_FINGERPRINT_LEN || !valid_fp(s)) {
			mc_diag_error(d, path, 0, "baseline: findings[%zu]: "
			    "'fingerprint' must be %d lower-case hex digits", i,
			    MC_FINGERPRINT_LEN);
			json_decref(root);
			mc_baseline_free(b);
			return NULL;
		}
		memcpy(b->fp[b->n++], s, MC_FINGERPRINT_LEN + 1);
	}
	json_decref(root);
	if (b->n > 1)
		qsort(b->fp, b->n, sizeof(*b->fp), cmp_fp);
	return b;
}

void
mc_baseline_free(mc_baseline *b)
{
	if (b == NULL)
		return;
	free(b->fp);
	free(b);
}

size_t
mc_baseline_apply(const mc_baseline *b, mc_run *r)
{
	char fp[MC_FINGERPRINT_LEN + 1];
	const mc_finding **v;
	bool *used;
	size_t i, n, lo, hi, mid, marked = 0;

	if (b == NULL || b->n == 0)
		return 0;
	if ((used = calloc(b->n, sizeof(*used))) == NULL) {
		fputs("manrs-check: out of memory\n", stderr);
		abort();
	}
	/* In report order, so that which of two equal findings is the new
	 * one does not depend on threads. */
	v = mc_report_sorted(r, &n);
	for (i = 0; i < n; i++) {
		mc_finding *f = (mc_finding *)v[i];

		if (f->waived)
			continue;
		mc_finding_fingerprint(f, fp);
		/* The first unused entry equal to fp. */
		lo = 0;
		hi = b->n;
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (strcmp(b->fp[mid], fp) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < b->n && strcmp(b->fp[lo], fp) == 0; lo++)
			if (!used[lo]) {
				used[lo] = true;
				f->baselined = true;
				marked++;
				break;
			}
	}
	free(v);
	free(used);
	return marked;
}

size_t
mc_baseline_accept(mc_run *r)
{
	size_t i, j, marked = 0;

	for (i = 0; i < r->nresults; i++)
		for (j = 0; j < r->results[i].findings.n; j++) {
			mc_finding *f = &r->results[i].findings.v[j];

			if (!f->waived) {
				f->baselined = true;
				marked++;
			}
		}
	return marked;
}

int
mc_baseline_write(FILE *fp, const mc_run *r)
{
	char fpr[MC_FINGERPRINT_LEN + 1];
	json_t *root = json_object(), *arr = json_array();
	const mc_finding **v;
	size_t i, n;
	int rc;

	v = mc_report_sorted(r, &n);
	mc_jset(root, "schema", json_string(MANRS_BASELINE_SCHEMA));
	for (i = 0; i < n; i++) {
		json_t *o;

		if (v[i]->waived)
			continue;
		mc_finding_fingerprint(v[i], fpr);
		o = json_object();
		mc_jset(o, "fingerprint", json_string(fpr));
		mc_jset(o, "rule", mc_jstr(v[i]->rule));
		mc_jset(o, "severity",
		    json_string(mc_severity_name(v[i]->severity)));
		mc_jset(o, "file", mc_jstr(v[i]->file));
		mc_jset(o, "hostname", mc_jstr(v[i]->hostname));
		mc_jset(o, "neighbor", mc_jstr(v[i]->neighbor));
		mc_jset(o, "interface", mc_jstr(v[i]->interface));
		mc_jset(o, "message", mc_jstr(v[i]->message));
		json_array_append_new(arr, o);
	}
	mc_jset(root, "findings", arr);
	rc = mc_jdump(root, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (rc == 0 && fputc('\n', fp) == EOF)
		rc = -1;
	json_decref(root);
	free(v);
	return rc == 0 && !ferror(fp) ? 0 : -1;
}
