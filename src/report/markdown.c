/*
 * Markdown for a merge-request comment (GitHub, GitLab): the status of
 * each MANRS action, counts by severity, and a table of the findings that
 * are neither waived nor baselined, worst first, capped so that the
 * comment stays readable (and under the forges' size limits).
 */
#include <stdlib.h>
#include <string.h>

#include "report/common.h"

#define MD_MAX_ROWS	50
#define MD_MAX_CELL	300	/* bytes of a message cell */
#define MD_MAX_ERRORS	10

static const char *
status_icon(mc_action_status s)
{
	return s == MC_ACT_PASS ? "\xe2\x9c\x85" :	/* ✅ */
	    s == MC_ACT_FAIL ? "\xe2\x9d\x8c" :		/* ❌ */
	    "\xe2\x9d\x94";				/* ❔ */
}

static int
cmp_worst(const void *a, const void *b)
{
	const mc_finding *x = *(const mc_finding *const *)a;
	const mc_finding *y = *(const mc_finding *const *)b;

	if (x->severity != y->severity)
		return x->severity > y->severity ? -1 : 1;
	return mc_finding_cmp(x, y);
}

static void
plural(FILE *fp, size_t n, const char *word)
{
	fprintf(fp, "%zu %s%s", n, word, n == 1 ? "" : "s");
}

int
mc_report_markdown(FILE *fp, const mc_run *r)
{
	const mc_finding **v;
	mc_report_counts c;
	size_t i, n, k, rows;
	int a, st;

	v = mc_report_sorted(r, &n);
	mc_report_count(r, &c);
	st = mc_run_exit_status(r);

	fprintf(fp, "### %s manrs-check: ", st == 0 ? "\xe2\x9c\x85" :
	    st == 1 ? "\xe2\x9d\x8c" : "\xe2\x9a\xa0\xef\xb8\x8f");
	if (c.findings == 0)
		fputs("no findings", fp);
	else {
		plural(fp, c.by_sev[MC_SEV_ERROR], "error");
		fputs(", ", fp);
		plural(fp, c.by_sev[MC_SEV_WARNING], "warning");
		fprintf(fp, ", %zu info", c.by_sev[MC_SEV_INFO]);
	}
	fputs(" on ", fp);
	plural(fp, r->nresults, "device");
	if (c.baselined > 0)
		fprintf(fp, " (%zu baselined)", c.baselined);
	if (c.errors > 0) {
		fputs(", ", fp);
		plural(fp, c.errors, "input error");
	}
	fputs("\n\n", fp);

	fputs("| MANRS action | status |\n|---|---|\n", fp);
	for (a = 1; a <= 4; a++) {
		mc_action_status s = mc_run_action(r, a);

		fprintf(fp, "| %d %s | %s %s |\n", a, mc_action_title(a),
		    status_icon(s), mc_action_status_name(s));
	}
	fputs("\n| severity | findings |\n|---|---:|\n", fp);
	fprintf(fp, "| error | %zu |\n| warning | %zu |\n| info | %zu |\n",
	    c.by_sev[MC_SEV_ERROR], c.by_sev[MC_SEV_WARNING],
	    c.by_sev[MC_SEV_INFO]);
	if (c.baselined > 0)
		fprintf(fp, "| baselined (not counted) | %zu |\n", c.baselined);
	if (c.waived > 0)
		fprintf(fp, "| waived | %zu |\n", c.waived);
	fputc('\n', fp);

	/* Only what makes or would make the run fail: the new findings. */
	for (i = k = 0; i < n; i++)
		if (!v[i]->waived && !v[i]->baselined)
			v[k++] = v[i];
	if (k > 1)
		qsort(v, k, sizeof(*v), cmp_worst);
	if (k > 0) {
		fputs("| device | neighbour | rule | severity | message |\n"
		    "|---|---|---|---|---|\n", fp);
		rows = k < MD_MAX_ROWS ? k : MD_MAX_ROWS;
		for (i = 0; i < rows; i++) {
			const mc_finding *f = v[i];

			fputs("| ", fp);
			mc_md_esc(fp, f->hostname != NULL ? f->hostname : f->file,
			    100);
			fputs(" | ", fp);
			if (f->neighbor != NULL)
				mc_md_esc(fp, f->neighbor, 100);
			else if (f->interface != NULL) {
				fputs("interface ", fp);
				mc_md_esc(fp, f->interface, 100);
			} else
				fputs("\xe2\x80\x94", fp);	/* — */
			fputs(" | ", fp);
			mc_md_esc(fp, f->rule, 64);
			fprintf(fp, " | %s | ", mc_severity_name(f->severity));
			mc_md_esc(fp, f->message, MD_MAX_CELL);
			fputs(" (", fp);
			mc_md_esc(fp, f->file, 200);
			fprintf(fp, ":%d) |\n", f->line);
		}
		if (k > rows)
			fprintf(fp, "\n_\xe2\x80\xa6 and %zu more finding%s: run "
			    "manrs-check for the full report._\n", k - rows,
			    k - rows == 1 ? "" : "s");
	}
	if (c.errors > 0) {
		fputs("\n**Input errors**\n\n", fp);
		for (i = 0; i < r->diag->errors.n && i < MD_MAX_ERRORS; i++) {
			const mc_error *e = &r->diag->errors.v[i];

			fputs("- ", fp);
			if (e->file != NULL) {
				mc_md_esc(fp, e->file, 200);
				if (e->line > 0)
					fprintf(fp, ":%d", e->line);
				fputs(": ", fp);
			}
			mc_md_esc(fp, e->message, MD_MAX_CELL);
			fputc('\n', fp);
		}
		if (r->diag->errors.n > MD_MAX_ERRORS)
			fprintf(fp, "- \xe2\x80\xa6 and %zu more\n",
			    r->diag->errors.n - MD_MAX_ERRORS);
	}
	free(v);
	return ferror(fp) ? -1 : 0;
}
