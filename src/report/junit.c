/*
 * JUnit XML, as Jenkins and GitLab read it: one <testsuite> per device,
 * one <testcase> per rule and BGP neighbour (per rule and device for the
 * rules about the device and its interfaces), including the rules that
 * passed, so that the counts mean something.  A finding at or above
 * --fail-on is a <failure>; findings below it leave the testcase passing
 * and are told in its <system-out>, as they do not fail the run either.
 * Waived and baselined findings, and rules that could not run for lack of
 * data, are <skipped>.  Input errors are <error>s of a suite "input".
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "report/common.h"

typedef struct tcase {
	const mc_rule *rule;
	const mc_neighbor *nbr;		/* NULL: about the device */
	const char *subject;		/* a neighbour or interface the model
					 * does not list; NULL otherwise */
	const char *skip;		/* not run: why */
	const mc_finding **f;
	size_t nf, cap;
} tcase;

typedef struct tlist {
	tcase *v;
	size_t n, cap;
} tlist;

static void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n)) == NULL) {
		fputs("manrs-check: out of memory\n", stderr);
		abort();
	}
	return p;
}

static tcase *
add_case(tlist *l, const mc_rule *r, const mc_neighbor *nbr,
    const char *subject)
{
	tcase *t;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	t = &l->v[l->n++];
	memset(t, 0, sizeof(*t));
	t->rule = r;
	t->nbr = nbr;
	t->subject = subject;
	return t;
}

static void
add_finding(tcase *t, const mc_finding *f)
{
	if (t->nf == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 4;
		t->f = xrealloc(t->f, t->cap * sizeof(*t->f));
	}
	t->f[t->nf++] = f;
}

/* --rules/--skip as check.c reads them: IDs and "FLT-*" prefixes. */
static bool
listed(const char *list, const char *id)
{
	const char *p = list, *e;
	size_t n, idn = strlen(id);

	while (p != NULL && *p != '\0') {
		while (*p == ',' || *p == ' ' || *p == '\t')
			p++;
		for (e = p; *e != '\0' && *e != ','; e++)
			;
		n = (size_t)(e - p);
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (n > 0 && p[n - 1] == '*') {
			if (n - 1 <= idn && strncasecmp(p, id, n - 1) == 0)
				return true;
		} else if (n > 0 && n == idn && strncasecmp(p, id, n) == 0)
			return true;
		p = e;
	}
	return false;
}

static bool
selected(const mc_check_opts *o, const char *id)
{
	if (o == NULL)
		return true;
	if (o->skip != NULL && listed(o->skip, id))
		return false;
	if (o->only != NULL && *o->only != '\0' && !listed(o->only, id))
		return false;
	return true;
}

static const char *
missing_data(const mc_check_opts *o, unsigned needs)
{
	const mc_data *d = o != NULL ? o->data : NULL;

	if ((needs & MC_DATA_VRPS) && (d == NULL || d->vrps == NULL))
		return "not run: needs RPKI VRPs (--vrps or --rtr)";
	if ((needs & MC_DATA_IRR) && (d == NULL || d->irr == NULL))
		return "not run: needs IRR data (--irr)";
	if ((needs & MC_DATA_PEERINGDB) && (d == NULL || d->peeringdb == NULL))
		return "not run: needs PeeringDB data (--peeringdb)";
	return NULL;
}

/* Which neighbours a rule runs for (rules/common.c, mc_rule_applies). */
static bool
applies(const mc_device *d, const mc_rule *r, const mc_neighbor *n)
{
	if (n->is_group_only || n->shutdown)
		return false;
	if ((unsigned)n->role >= 32 || !(r->roles & (1u << n->role)))
		return false;
	if (n->role == MC_ROLE_UNKNOWN && !(r->roles & (1u << MC_ROLE_INTERNAL)) &&
	    !mc_is_ebgp(d, n))
		return false;
	return true;
}

static bool
str_eq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

static void
build(const mc_run *r, const mc_device_result *res, tlist *l)
{
	const mc_check_opts *o = r->check;
	const mc_device *d = res->dev;
	const mc_rule *rules;
	size_t nrules, i, j, nn = d->neighbors.n, first_extra;
	long *nbrcase, *devcase, k;
	mc_nbrmap map;

	rules = mc_rules(&nrules);
	/* testcase index per rule and neighbour, per rule for the device */
	if ((nbrcase = malloc((nrules * nn + 1) * sizeof(*nbrcase))) == NULL ||
	    (devcase = malloc(nrules * sizeof(*devcase))) == NULL) {
		fputs("manrs-check: out of memory\n", stderr);
		abort();
	}
	for (i = 0; i < nrules * nn; i++)
		nbrcase[i] = -1;
	for (i = 0; i < nrules; i++) {
		const mc_rule *ru = &rules[i];
		const char *why;

		devcase[i] = -1;
		if (ru->check == NULL || !selected(o, ru->id))
			continue;
		if ((why = missing_data(o, ru->needs)) != NULL) {
			devcase[i] = (long)l->n;
			add_case(l, ru, NULL, NULL)->skip = why;
			continue;
		}
		if (ru->roles == 0) {
			devcase[i] = (long)l->n;
			add_case(l, ru, NULL, NULL);
			continue;
		}
		for (j = 0; j < nn; j++)
			if (applies(d, ru, d->neighbors.v[j])) {
				nbrcase[i * nn + j] = (long)l->n;
				add_case(l, ru, d->neighbors.v[j], NULL);
			}
	}
	/* Each finding to its testcase: the neighbour's, else the device's
	 * (rules about the device, findings without a neighbour), else one
	 * made for its subject (CFG-WAIVER-EXPIRED, neighbours the model
	 * does not list). */
	first_extra = l->n;
	mc_nbrmap_init(&map, d);
	for (i = 0; i < res->findings.n; i++) {
		const mc_finding *f = &res->findings.v[i];
		const mc_rule *ru = mc_rule_find(f->rule);
		size_t ri;
		long ni;

		if (ru == NULL)
			continue;
		ri = (size_t)(ru - rules);
		k = -1;
		if ((ni = mc_nbrmap_find(&map, f)) >= 0)
			k = nbrcase[ri * nn + (size_t)ni];
		if (k < 0 && (f->neighbor == NULL || ru->roles == 0)) {
			if (devcase[ri] < 0) {
				devcase[ri] = (long)l->n;
				add_case(l, ru, NULL, NULL);
			}
			k = devcase[ri];
		}
		for (j = first_extra; k < 0 && j < l->n; j++)
			if (l->v[j].rule == ru && str_eq(l->v[j].subject,
			    f->neighbor))
				k = (long)j;
		if (k < 0) {
			k = (long)l->n;
			add_case(l, ru, NULL, f->neighbor);
		}
		l->v[k].skip = NULL;
		add_finding(&l->v[k], f);
	}
	mc_nbrmap_free(&map);
	free(nbrcase);
	free(devcase);
}

static void
attr(FILE *fp, const char *name, const char *val)
{
	fprintf(fp, " %s=\"", name);
	mc_xml_esc(fp, val != NULL ? val : "", true);
	fputc('"', fp);
}

/* The name of a testcase: the rule, and what it is about. */
static void
case_name(FILE *fp, const tcase *t)
{
	const mc_neighbor *n = t->nbr;

	fputs(" name=\"", fp);
	mc_xml_esc(fp, t->rule->id, true);
	if (n != NULL) {
		fputs(" neighbor ", fp);
		mc_xml_esc(fp, n->address != NULL ? n->address : n->name, true);
		if (n->vrf != NULL) {
			fputs(" vrf ", fp);
			mc_xml_esc(fp, n->vrf, true);
		}
	} else if (t->subject != NULL) {
		fputc(' ', fp);
		mc_xml_esc(fp, t->subject, true);
	}
	fputc('"', fp);
}

static void
detail(FILE *fp, const mc_finding *f)
{
	char buf[64];

	mc_xml_esc(fp, f->waived ? "waived" : f->baselined ? "baselined" :
	    mc_severity_name(f->severity), false);
	fputc(' ', fp);
	mc_xml_esc(fp, f->rule, false);
	fputs(": ", fp);
	mc_xml_esc(fp, f->message, false);
	fputs("\n  ", fp);
	mc_xml_esc(fp, f->file, false);
	snprintf(buf, sizeof(buf), ":%d", f->line);
	fputs(buf, fp);
	if (f->neighbor != NULL) {
		fputs(" neighbour ", fp);
		mc_xml_esc(fp, f->neighbor, false);
	}
	if (f->interface != NULL) {
		fputs(" interface ", fp);
		mc_xml_esc(fp, f->interface, false);
	}
	if (f->vrf != NULL) {
		fputs(" vrf ", fp);
		mc_xml_esc(fp, f->vrf, false);
	}
	fputc('\n', fp);
	if (f->waived && f->waiver_reason != NULL) {
		fputs("  waiver:     ", fp);
		mc_xml_esc(fp, f->waiver_reason, false);
		fputc('\n', fp);
	}
	if (f->has_example) {
		fputs("  example:    ", fp);
		mc_xml_esc(fp, f->ex_prefix, false);
		fputs(" as-path ", fp);
		mc_xml_esc(fp, f->ex_path != NULL && f->ex_path[0] != '\0' ?
		    f->ex_path : "(empty)", false);
		if (f->ex_comms != NULL && f->ex_comms[0] != '\0') {
			fputs(" communities ", fp);
			mc_xml_esc(fp, f->ex_comms, false);
		}
		fputc('\n', fp);
	}
	if (f->decided_by != NULL) {
		fputs("  decided by: ", fp);
		mc_xml_esc(fp, f->decided_by, false);
		fputc('\n', fp);
	}
	if (f->fix != NULL && f->fix[0] != '\0') {
		const char *p;

		fputs("  fix:\n    ", fp);
		/* indented, line by line (escaped a line at a time: a byte at
		 * a time split UTF-8 characters into replacement marks) */
		for (p = f->fix; *p != '\0'; ) {
			const char *nl = strchr(p, '\n');
			size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);

			mc_xml_escn(fp, p, len, false);
			if (nl == NULL)
				break;
			fputs("\n    ", fp);
			p = nl + 1;
		}
		fputc('\n', fp);
	}
}

typedef struct tcount {
	size_t tests, failures, skipped;
} tcount;

/* What a testcase says: 'F'ailure, 'S'kipped or 'P'assed. */
static char
verdict(const mc_run *r, const tcase *t)
{
	size_t i, quiet = 0;

	if (t->skip != NULL)
		return 'S';
	for (i = 0; i < t->nf; i++) {
		const mc_finding *f = t->f[i];

		if (f->waived || f->baselined)
			quiet++;
		else if (f->severity >= r->fail_on)
			return 'F';
	}
	return t->nf > 0 && quiet == t->nf ? 'S' : 'P';
}

static void
testcase(FILE *fp, const mc_run *r, const mc_device *d, const char *cls,
    const tcase *t)
{
	char v = verdict(r, t), buf[32];
	const mc_finding *first = NULL;
	size_t i, nfail = 0;
	int line;

	for (i = 0; i < t->nf; i++) {
		const mc_finding *f = t->f[i];

		if (!f->waived && !f->baselined && f->severity >= r->fail_on &&
		    nfail++ == 0)
			first = f;
	}
	fputs("    <testcase", fp);
	case_name(fp, t);
	attr(fp, "classname", cls);
	attr(fp, "file", d->file);
	line = t->nf > 0 ? t->f[0]->line : t->nbr != NULL ? t->nbr->line : 0;
	if (line > 0) {
		snprintf(buf, sizeof(buf), "%d", line);
		attr(fp, "line", buf);
	}
	fputs(" time=\"0\"", fp);
	if (v == 'P' && t->nf == 0) {
		fputs("/>\n", fp);
		return;
	}
	fputs(">\n", fp);
	if (v == 'F') {
		fputs("      <failure", fp);
		if (nfail > 1) {
			char *m;

			if (asprintf(&m, "%s (and %zu more)", first->message ?
			    first->message : "", nfail - 1) >= 0) {
				attr(fp, "message", m);
				free(m);
			}
		} else
			attr(fp, "message", first->message);
		attr(fp, "type", t->rule->id);
		fputs(">", fp);
		for (i = 0; i < t->nf; i++)
			detail(fp, t->f[i]);
		fputs("</failure>\n", fp);
	} else if (v == 'S') {
		fputs("      <skipped", fp);
		if (t->skip != NULL)
			attr(fp, "message", t->skip);
		else {
			const mc_finding *f = t->f[0];
			char *m;

			if (asprintf(&m, "%s: %s", f->waived ? "waived" :
			    "baselined", f->waived && f->waiver_reason ?
			    f->waiver_reason : f->message ? f->message : "") >= 0) {
				attr(fp, "message", m);
				free(m);
			}
		}
		fputs("/>\n", fp);
	}
	/* Findings the verdict does not show (below --fail-on, or waived
	 * next to a failure) are still told. */
	if (v != 'F' && t->nf > 0) {
		fputs("      <system-out>", fp);
		for (i = 0; i < t->nf; i++)
			detail(fp, t->f[i]);
		fputs("</system-out>\n", fp);
	}
	fputs("    </testcase>\n", fp);
}

static void
suite(FILE *fp, const mc_run *r, const mc_device_result *res, tcount *all)
{
	const mc_device *d = res->dev;
	const char *host = d->hostname != NULL ? d->hostname : d->file;
	tlist l = { 0 };
	tcount c = { 0 };
	char *cls, *p, buf[32];
	size_t i;
	int a;

	build(r, res, &l);
	for (i = 0; i < l.n; i++) {
		char v = verdict(r, &l.v[i]);

		c.tests++;
		c.failures += v == 'F';
		c.skipped += v == 'S';
	}
	all->tests += c.tests;
	all->failures += c.failures;
	all->skipped += c.skipped;

	/* Jenkins splits class names at dots: keep the hostname whole. */
	if (asprintf(&cls, "manrs-check.%s", host != NULL ? host : "?") < 0)
		cls = NULL;
	for (p = cls != NULL ? cls + 12 : NULL; p != NULL && *p != '\0'; p++)
		if (*p == '.')
			*p = '_';

	fputs("  <testsuite", fp);
	attr(fp, "name", host);
	attr(fp, "file", d->file);
	snprintf(buf, sizeof(buf), "%zu", c.tests);
	attr(fp, "tests", buf);
	snprintf(buf, sizeof(buf), "%zu", c.failures);
	attr(fp, "failures", buf);
	fputs(" errors=\"0\"", fp);
	snprintf(buf, sizeof(buf), "%zu", c.skipped);
	attr(fp, "skipped", buf);
	fputs(" time=\"0\">\n", fp);
	fputs("    <properties>\n", fp);
	fputs("      <property", fp);
	attr(fp, "name", "vendor");
	attr(fp, "value", mc_vendor_name(d->vendor));
	fputs("/>\n", fp);
	if (d->bgp.asn != 0) {
		snprintf(buf, sizeof(buf), "%u", d->bgp.asn);
		fputs("      <property", fp);
		attr(fp, "name", "asn");
		attr(fp, "value", buf);
		fputs("/>\n", fp);
	}
	for (a = 1; a <= 4; a++) {
		snprintf(buf, sizeof(buf), "manrs-action-%d", a);
		fputs("      <property", fp);
		attr(fp, "name", buf);
		attr(fp, "value", mc_action_status_name(res->actions[a]));
		fputs("/>\n", fp);
	}
	fputs("    </properties>\n", fp);
	for (i = 0; i < l.n; i++)
		testcase(fp, r, d, cls != NULL ? cls : "manrs-check", &l.v[i]);
	fputs("  </testsuite>\n", fp);
	for (i = 0; i < l.n; i++)
		free(l.v[i].f);
	free(l.v);
	free(cls);
}

static void
input_errors(FILE *fp, const mc_run *r)
{
	size_t i, n = r->diag != NULL ? r->diag->errors.n : 0;
	char buf[32];

	if (n == 0)
		return;
	fputs("  <testsuite name=\"input\"", fp);
	snprintf(buf, sizeof(buf), "%zu", n);
	attr(fp, "tests", buf);
	fputs(" failures=\"0\"", fp);
	attr(fp, "errors", buf);
	fputs(" skipped=\"0\" time=\"0\">\n", fp);
	for (i = 0; i < n; i++) {
		const mc_error *e = &r->diag->errors.v[i];

		fputs("    <testcase", fp);
		attr(fp, "name", e->file != NULL ? e->file : "input");
		attr(fp, "classname", "manrs-check.input");
		if (e->file != NULL)
			attr(fp, "file", e->file);
		if (e->line > 0) {
			snprintf(buf, sizeof(buf), "%d", e->line);
			attr(fp, "line", buf);
		}
		fputs(" time=\"0\">\n      <error", fp);
		attr(fp, "message", e->message);
		attr(fp, "type", "input-error");
		fputs(">", fp);
		mc_xml_esc(fp, e->file != NULL ? e->file : "", false);
		if (e->line > 0) {
			snprintf(buf, sizeof(buf), ":%d", e->line);
			fputs(buf, fp);
		}
		fputs(": ", fp);
		mc_xml_esc(fp, e->message, false);
		fputs("</error>\n    </testcase>\n", fp);
	}
	fputs("  </testsuite>\n", fp);
}

int
mc_report_junit(FILE *out, const mc_run *r)
{
	char *buf = NULL, num[32];
	size_t len = 0, i, nerr = r->diag != NULL ? r->diag->errors.n : 0;
	tcount all = { 0 };
	FILE *fp;

	/* The totals come first in the file but are known last. */
	if ((fp = open_memstream(&buf, &len)) == NULL)
		return -1;
	for (i = 0; i < r->nresults; i++)
		suite(fp, r, &r->results[i], &all);
	input_errors(fp, r);
	if (fclose(fp) != 0) {
		free(buf);
		return -1;
	}
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites", out);
	attr(out, "name", "manrs-check");
	snprintf(num, sizeof(num), "%zu", all.tests + nerr);
	attr(out, "tests", num);
	snprintf(num, sizeof(num), "%zu", all.failures);
	attr(out, "failures", num);
	snprintf(num, sizeof(num), "%zu", nerr);
	attr(out, "errors", num);
	snprintf(num, sizeof(num), "%zu", all.skipped);
	attr(out, "skipped", num);
	fputs(" time=\"0\">\n", out);
	fwrite(buf, 1, len, out);
	fputs("</testsuites>\n", out);
	free(buf);
	return ferror(out) ? -1 : 0;
}
