/* Report formats by name, and what every format agrees on: order, counts,
 * action status, exit status. */
#include <stdlib.h>
#include <string.h>

#include "report/common.h"

/* model: the format reads more of a device than mc_device_brief keeps
 * (JUnit asks which rules apply to each session).  prepare: what it takes
 * from the model before that is freed (the JSON report lists each
 * session's policies: it writes the device's object then). */
static const struct {
	const char *name;
	mc_report_fn fn;
	bool model;
	mc_report_prepare_fn prepare;
} formats[] = {
	{ "text", mc_report_text, false, NULL },
	{ "json", mc_report_json, false, mc_report_json_prepare },
	{ "sarif", mc_report_sarif, false, NULL },
	{ "junit", mc_report_junit, true, NULL },
	{ "markdown", mc_report_markdown, false, NULL },
	{ "html", mc_report_html, false, NULL },
};

static int
format_index(const char *name)
{
	size_t i;

	if (name == NULL)
		return -1;
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcmp(formats[i].name, name) == 0)
			return (int)i;
	return -1;
}

mc_report_fn
mc_report_for(const char *name)
{
	int i = format_index(name);

	return i < 0 ? NULL : formats[i].fn;
}

bool
mc_report_needs_model(const char *name)
{
	int i = format_index(name);

	return i < 0 || formats[i].model;
}

mc_report_prepare_fn
mc_report_prepare_for(const char *name)
{
	int i = format_index(name);

	return i < 0 ? NULL : formats[i].prepare;
}

mc_action_status
mc_run_action(const mc_run *r, int action)
{
	mc_action_status worst = MC_ACT_PASS;
	size_t i;

	if (action < 1 || action > 4 || r->nresults == 0)
		return MC_ACT_UNKNOWN;
	for (i = 0; i < r->nresults; i++)
		if (r->results[i].actions[action] > worst)
			worst = r->results[i].actions[action];
	return worst;
}

static int
strcmp_null(const char *a, const char *b)
{
	if (a == b)
		return 0;	/* a device's findings share file and rule */
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

int
mc_finding_cmp(const mc_finding *a, const mc_finding *b)
{
	int c;

	if ((c = strcmp_null(a->file, b->file)) != 0)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if ((c = strcmp_null(a->rule, b->rule)) != 0)
		return c;
	if ((c = strcmp_null(a->neighbor, b->neighbor)) != 0)
		return c;
	if ((c = strcmp_null(a->interface, b->interface)) != 0)
		return c;
	return strcmp_null(a->message, b->message);
}

static int
cmp_ptr(const void *a, const void *b)
{
	return mc_finding_cmp(*(const mc_finding *const *)a,
	    *(const mc_finding *const *)b);
}

void
mc_findings_sort(const mc_finding **v, size_t n)
{
	size_t i;

	/* Usually in order already (each device's findings are sorted and
	 * files come in path order): one pass to see, instead of a sort. */
	for (i = 1; i < n; i++)
		if (mc_finding_cmp(v[i - 1], v[i]) > 0)
			break;
	if (i < n)
		qsort(v, n, sizeof(*v), cmp_ptr);
}

const mc_finding **
mc_report_sorted(const mc_run *r, size_t *np)
{
	const mc_finding **v;
	size_t i, j, n = 0;

	for (i = 0; i < r->nresults; i++)
		n += r->results[i].findings.n;
	if ((v = calloc(n + 1, sizeof(*v))) == NULL) {
		fputs("manrs-check: out of memory\n", stderr);
		abort();
	}
	n = 0;
	for (i = 0; i < r->nresults; i++)
		for (j = 0; j < r->results[i].findings.n; j++)
			v[n++] = &r->results[i].findings.v[j];
	mc_findings_sort(v, n);
	*np = n;
	return v;
}

void
mc_report_tally(const mc_device_result *res, mc_report_counts *c)
{
	size_t j;

	for (j = 0; j < res->findings.n; j++) {
		const mc_finding *f = &res->findings.v[j];

		if (f->waived) {
			c->waived++;
			continue;
		}
		if (f->baselined) {
			c->baselined++;
			continue;
		}
		c->findings++;
		if ((unsigned)f->severity <= MC_SEV_ERROR)
			c->by_sev[f->severity]++;
	}
}

void
mc_report_count(const mc_run *r, mc_report_counts *c)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	if (r->streamed != NULL)
		*c = *r->streamed;
	for (i = 0; i < r->nresults; i++)
		mc_report_tally(&r->results[i], c);
	c->errors = r->diag != NULL ? r->diag->errors.n : 0;
}

int
mc_run_exit_status(const mc_run *r)
{
	mc_report_counts c;
	int s;

	mc_report_count(r, &c);
	if (c.errors > 0)
		return 2;
	for (s = (int)r->fail_on; s <= MC_SEV_ERROR; s++)
		if (s >= 0 && c.by_sev[s] > 0)
			return 1;
	return 0;
}
