/*
 * One self-contained HTML page for people and for the MANRS programme:
 * network-wide status of each action, an inline SVG chart of findings by
 * action and severity, a table of devices with their MANRS status, and per
 * device its neighbours (address, AS, role and where the role came from)
 * and findings with the counter-example route, the deciding term and the
 * fix.  No script and no external resource (a Content-Security-Policy
 * forbids them), so it opens anywhere, offline; everything from the
 * configurations is escaped.
 */
#include <stdlib.h>
#include <string.h>

#include "model/json.h"
#include "report/common.h"

static const char css[] =
"body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
"margin:0 auto;max-width:1200px;padding:1em 2em;color:#1d2330;background:#fff}"
"h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.25em;margin:1.6em 0 .5em;"
"border-bottom:1px solid #dde2ea;padding-bottom:.2em}h3{font-size:1.05em;margin:1em 0 .4em}"
".meta{color:#5a6475}"
".cards{display:flex;gap:1em;flex-wrap:wrap}"
".card{border:1px solid #dde2ea;border-radius:8px;padding:.7em 1em;min-width:11em;"
"border-left:6px solid #9aa3b2}"
".card .n{font-size:.85em;color:#5a6475}.card .t{font-weight:600}"
".card .s{font-size:1.15em;font-weight:700;text-transform:uppercase}"
".card.pass{border-left-color:#2e7d32}.card.fail{border-left-color:#c62828}"
".card.pass .s{color:#2e7d32}.card.fail .s{color:#c62828}.card.unknown .s{color:#6b7280}"
"table{border-collapse:collapse;width:100%;margin:.4em 0 1em}"
"th,td{border:1px solid #dde2ea;padding:.3em .5em;text-align:left;vertical-align:top}"
"th{background:#f3f5f9;font-weight:600}td.num{text-align:right}"
"tr.device-row td:first-child,tr.neighbor td:first-child{white-space:nowrap}"
".badge{display:inline-block;padding:0 .45em;border-radius:4px;font-size:.85em;"
"font-weight:600;color:#fff;background:#6b7280}"
".badge.pass{background:#2e7d32}.badge.fail{background:#c62828}"
".badge.error{background:#c62828}.badge.warning{background:#b45309}"
".badge.info{background:#1e6fb8}.badge.waived,.badge.baselined{background:#8a94a6}"
"details.device{border:1px solid #dde2ea;border-radius:8px;margin:.8em 0;padding:.3em 1em}"
"details.device>summary{cursor:pointer;font-weight:600;font-size:1.05em;padding:.3em 0}"
".finding{border-left:4px solid #9aa3b2;padding:.3em .8em;margin:.7em 0;background:#fafbfc}"
".finding.error{border-left-color:#c62828}.finding.warning{border-left-color:#b45309}"
".finding.info{border-left-color:#1e6fb8}.finding.quiet{opacity:.7}"
".finding .msg{margin:.3em 0}.finding .loc{color:#5a6475;font-size:.9em}"
".finding dl{display:grid;grid-template-columns:max-content 1fr;gap:.1em 1em;margin:.3em 0}"
".finding dt{color:#5a6475}.finding dd{margin:0}"
"pre{background:#f3f5f9;border:1px solid #dde2ea;padding:.5em .8em;overflow-x:auto;"
"font:12.5px/1.4 ui-monospace,Menlo,Consolas,monospace;margin:.3em 0}"
"code{font:12.5px ui-monospace,Menlo,Consolas,monospace}"
"svg text{font:12px system-ui,sans-serif;fill:#1d2330}"
"footer{margin-top:2em;color:#5a6475;font-size:.85em}";

static const char *sev_color[3] = { "#1e6fb8", "#d97706", "#c62828" };

static void
esc(FILE *fp, const char *s)
{
	mc_xml_esc(fp, s != NULL ? s : "", false);
}

static void
attr_esc(FILE *fp, const char *s)
{
	mc_xml_esc(fp, s != NULL ? s : "", true);
}

/* pass when every action passes, fail when one fails, else unknown. */
static mc_action_status
overall(const mc_action_status *acts)
{
	mc_action_status s = MC_ACT_PASS;
	int a;

	for (a = 1; a <= 4; a++)
		if (acts[a] > s)
			s = acts[a];
	return s;
}

static void
badge(FILE *fp, const char *cls, const char *text)
{
	fprintf(fp, "<span class=\"badge %s\">", cls);
	esc(fp, text);
	fputs("</span>", fp);
}

static void
header(FILE *fp, const mc_run *r, const mc_report_counts *c)
{
	const mc_check_opts *o = r->check;
	int a;

	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
	    "'none'; style-src 'unsafe-inline'\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
	    fp);
	fprintf(fp, "<meta name=\"generator\" content=\"manrs-check %s\">\n",
	    MANRS_VERSION);
	fprintf(fp, "<title>MANRS report: %zu device%s</title>\n<style>%s</style>\n"
	    "</head>\n<body>\n", r->nresults, r->nresults == 1 ? "" : "s", css);
	fputs("<header>\n<h1>MANRS routing security report</h1>\n<p class=\"meta\">",
	    fp);
	fprintf(fp, "%zu device%s, %zu finding%s (%zu error%s, %zu warning%s, "
	    "%zu info)", r->nresults, r->nresults == 1 ? "" : "s", c->findings,
	    c->findings == 1 ? "" : "s", c->by_sev[MC_SEV_ERROR],
	    c->by_sev[MC_SEV_ERROR] == 1 ? "" : "s", c->by_sev[MC_SEV_WARNING],
	    c->by_sev[MC_SEV_WARNING] == 1 ? "" : "s", c->by_sev[MC_SEV_INFO]);
	if (c->baselined > 0)
		fprintf(fp, ", %zu baselined", c->baselined);
	if (c->waived > 0)
		fprintf(fp, ", %zu waived", c->waived);
	if (c->errors > 0)
		fprintf(fp, ", <strong>%zu input error%s</strong>", c->errors,
		    c->errors == 1 ? "" : "s");
	if (o != NULL && o->today_y > 0)
		fprintf(fp, "; checked on %04d-%02d-%02d", o->today_y,
		    o->today_m, o->today_d);
	fprintf(fp, " by manrs-check %s.</p>\n</header>\n", MANRS_VERSION);

	fputs("<section id=\"actions\">\n<h2>MANRS actions, whole network</h2>\n"
	    "<div class=\"cards\">\n", fp);
	for (a = 1; a <= 4; a++) {
		const char *s = mc_action_status_name(mc_run_action(r, a));

		fprintf(fp, "<div class=\"card %s\" data-action=\"%d\" "
		    "data-status=\"%s\"><div class=\"n\">Action %d</div>"
		    "<div class=\"t\">%s</div><div class=\"s\">%s</div></div>\n",
		    s, a, s, a, mc_action_title(a), s);
	}
	fputs("</div>\n<p class=\"meta\">An action fails when a finding of "
	    "severity error that is not waived belongs to it; it is unknown when "
	    "a rule of it could not run (for lack of RPKI, IRR or PeeringDB "
	    "data).</p>\n</section>\n", fp);
}

/* Grouped bars: for each action (and session security/hygiene), one bar
 * per severity, over the findings that are neither waived nor
 * baselined. */
static void
chart(FILE *fp, const mc_run *r)
{
	static const int order[5] = { 1, 2, 3, 4, 0 };
	size_t cnt[5][3], max = 0, step, top, i, j, t;
	const int W = 760, H = 300, L = 48, B = 56, T = 20, R = 12;
	double gw, bw, scale;
	int g, s;

	memset(cnt, 0, sizeof(cnt));
	for (i = 0; i < r->nresults; i++)
		for (j = 0; j < r->results[i].findings.n; j++) {
			const mc_finding *f = &r->results[i].findings.v[j];

			if (f->waived || f->baselined || f->action < 0 ||
			    f->action > 4 || (unsigned)f->severity > MC_SEV_ERROR)
				continue;
			cnt[f->action][f->severity]++;
		}
	for (g = 0; g < 5; g++)
		for (s = 0; s < 3; s++)
			if (cnt[g][s] > max)
				max = cnt[g][s];
	/* A round scale: steps of 1, 2 or 5 times a power of ten. */
	for (step = 1;; step *= 10) {
		if (step * 4 >= max) break;
		if (step * 2 * 4 >= max) { step *= 2; break; }
		if (step * 5 * 4 >= max) { step *= 5; break; }
	}
	top = step * 4;
	scale = (double)(H - B - T) / (double)top;
	gw = (double)(W - L - R) / 5.0;
	bw = gw / 4.5;

	fputs("<section id=\"chart\">\n<h2>Findings by action and severity</h2>\n",
	    fp);
	fprintf(fp, "<svg id=\"findings-chart\" xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
	    "aria-label=\"Findings by MANRS action and severity\">\n", W, H, W, H);
	for (t = 0; t <= 4; t++) {
		double y = (double)(H - B) - (double)(t * step) * scale;

		fprintf(fp, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
		    "stroke=\"%s\" stroke-width=\"1\"/>\n", L, y, W - R, y,
		    t == 0 ? "#5a6475" : "#e3e7ee");
		fprintf(fp, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%zu</text>\n",
		    L - 6, y + 4, t * step);
	}
	for (g = 0; g < 5; g++) {
		int a = order[g];
		double x0 = L + g * gw + (gw - 3 * bw) / 2;

		for (s = 0; s < 3; s++) {
			int sev = MC_SEV_ERROR - s;	/* error, warning, info */
			size_t v = cnt[a][sev];
			double h = (double)v * scale, x = x0 + s * bw;

			fprintf(fp, "<rect class=\"bar\" data-action=\"%d\" "
			    "data-severity=\"%s\" data-count=\"%zu\" x=\"%.1f\" "
			    "y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
			    "<title>%s: %zu %s</title></rect>\n", a,
			    mc_severity_name(sev), v, x + 1, (double)(H - B) - h,
			    bw - 2, h, sev_color[sev], mc_action_title(a), v,
			    mc_severity_name(sev));
			if (v > 0)
				fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" "
				    "text-anchor=\"middle\">%zu</text>\n",
				    x + bw / 2, (double)(H - B) - h - 4, v);
		}
		fprintf(fp, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
		    L + g * gw + gw / 2, H - B + 18,
		    a == 0 ? "Session/hygiene" : mc_action_title(a));
		if (a > 0)
			fprintf(fp, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" "
			    "fill=\"#5a6475\">action %d</text>\n",
			    L + g * gw + gw / 2, H - B + 33, a);
	}
	for (s = 0; s < 3; s++) {
		int sev = MC_SEV_ERROR - s;
		int x = L + 10 + s * 110;

		fprintf(fp, "<rect class=\"legend\" x=\"%d\" y=\"%d\" width=\"12\" "
		    "height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>\n",
		    x, H - 14, sev_color[sev], x + 17, H - 3,
		    mc_severity_name(sev));
	}
	fputs("</svg>\n</section>\n", fp);
}

static void
count_device(const mc_device_result *res, size_t sev[3], size_t *waived,
    size_t *base)
{
	size_t j;

	sev[0] = sev[1] = sev[2] = 0;
	*waived = *base = 0;
	for (j = 0; j < res->findings.n; j++) {
		const mc_finding *f = &res->findings.v[j];

		if (f->waived)
			(*waived)++;
		else if (f->baselined)
			(*base)++;
		else if ((unsigned)f->severity <= MC_SEV_ERROR)
			sev[f->severity]++;
	}
}

static const char *
host(const mc_device *d)
{
	return d->hostname != NULL ? d->hostname : d->file;
}

static void
devices_table(FILE *fp, const mc_run *r)
{
	size_t i, j, sev[3], waived, base, ns;
	int a;

	fputs("<section id=\"devices\">\n<h2>Devices</h2>\n<table>\n<thead><tr>"
	    "<th>device</th><th>file</th><th>platform</th><th>AS</th>"
	    "<th>BGP sessions</th><th>errors</th><th>warnings</th><th>info</th>"
	    "<th>waived / baselined</th><th>1 Filtering</th><th>2 Anti-spoofing</th>"
	    "<th>3 Coordination</th><th>4 Global validation</th>"
	    "<th>MANRS</th></tr></thead>\n<tbody>\n", fp);
	for (i = 0; i < r->nresults; i++) {
		const mc_device_result *res = &r->results[i];
		const mc_device *d = res->dev;
		const char *st = mc_action_status_name(overall(res->actions));

		count_device(res, sev, &waived, &base);
		for (j = ns = 0; j < d->neighbors.n; j++)
			if (!d->neighbors.v[j]->is_group_only)
				ns++;
		fprintf(fp, "<tr class=\"device-row\" data-status=\"%s\"><td>"
		    "<a href=\"#dev-%zu\">", st, i + 1);
		esc(fp, host(d));
		fputs("</a></td><td><code>", fp);
		esc(fp, d->file);
		fprintf(fp, "</code></td><td>%s</td><td>", mc_vendor_name(d->vendor));
		if (d->bgp.asn)
			fprintf(fp, "AS%u", d->bgp.asn);
		fprintf(fp, "</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td>"
		    "<td class=\"num\">%zu</td><td class=\"num\">%zu</td>"
		    "<td class=\"num\">%zu / %zu</td>", ns, sev[MC_SEV_ERROR],
		    sev[MC_SEV_WARNING], sev[MC_SEV_INFO], waived, base);
		for (a = 1; a <= 4; a++) {
			const char *s = mc_action_status_name(res->actions[a]);

			fputs("<td>", fp);
			badge(fp, s, s);
			fputs("</td>", fp);
		}
		fputs("<td>", fp);
		badge(fp, st, st);
		fputs("</td></tr>\n", fp);
	}
	fputs("</tbody>\n</table>\n</section>\n", fp);
}

static void
neighbors(FILE *fp, const mc_device_result *res)
{
	const mc_device *d = res->dev;
	size_t i, k, (*sev)[3];
	mc_nbrmap map;
	long ni;

	for (i = k = 0; i < d->neighbors.n; i++)
		k += !d->neighbors.v[i]->is_group_only;
	if (k == 0) {
		fputs("<p class=\"meta\">No BGP neighbours.</p>\n", fp);
		return;
	}
	/* findings per neighbour and severity, in one pass */
	if ((sev = calloc(d->neighbors.n, sizeof(*sev))) == NULL)
		return;
	mc_nbrmap_init(&map, d);
	for (i = 0; i < res->findings.n; i++) {
		const mc_finding *f = &res->findings.v[i];

		if (!f->waived && !f->baselined &&
		    (unsigned)f->severity <= MC_SEV_ERROR &&
		    (ni = mc_nbrmap_find(&map, f)) >= 0)
			sev[ni][f->severity]++;
	}
	mc_nbrmap_free(&map);
	fputs("<h3>BGP neighbours</h3>\n<table class=\"neighbors\">\n<thead><tr>"
	    "<th>address</th><th>AS</th><th>role</th><th>role from</th>"
	    "<th>description</th><th>line</th><th>errors</th><th>warnings</th>"
	    "<th>info</th></tr></thead>\n<tbody>\n", fp);
	for (i = 0; i < d->neighbors.n; i++) {
		const mc_neighbor *n = d->neighbors.v[i];

		if (n->is_group_only)
			continue;
		fputs("<tr class=\"neighbor\"><td><code>", fp);
		esc(fp, n->address != NULL ? n->address : n->name);
		fputs("</code>", fp);
		if (n->vrf != NULL) {
			fputs(" (vrf ", fp);
			esc(fp, n->vrf);
			fputs(")", fp);
		}
		if (n->shutdown)
			fputs(" (shut down)", fp);
		fputs("</td><td>", fp);
		if (n->remote_as_kind == MC_RAS_NUMBER)
			fprintf(fp, "AS%u", n->remote_as);
		else
			esc(fp, mc_remote_as_kind_name(n->remote_as_kind));
		fprintf(fp, "</td><td>%s</td><td>", mc_role_name(n->role));
		esc(fp, n->role_source != NULL ? n->role_source : "none");
		fputs("</td><td>", fp);
		esc(fp, n->description);
		fprintf(fp, "</td><td class=\"num\">%d</td><td class=\"num\">%zu</td>"
		    "<td class=\"num\">%zu</td><td class=\"num\">%zu</td></tr>\n",
		    n->line, sev[i][MC_SEV_ERROR], sev[i][MC_SEV_WARNING],
		    sev[i][MC_SEV_INFO]);
	}
	fputs("</tbody>\n</table>\n", fp);
	free(sev);
}

static void
finding(FILE *fp, const mc_finding *f)
{
	const char *sev = mc_severity_name(f->severity);
	const char *title = mc_rule_title(f->rule);

	fprintf(fp, "<div class=\"finding %s%s\" data-rule=\"", sev,
	    f->waived || f->baselined ? " quiet" : "");
	attr_esc(fp, f->rule);
	fprintf(fp, "\" data-severity=\"%s\">\n<div class=\"head\">", sev);
	badge(fp, sev, sev);
	if (f->waived)
		badge(fp, "waived", "waived");
	else if (f->baselined)
		badge(fp, "baselined", "baselined");
	fputs(" <code class=\"rule\">", fp);
	esc(fp, f->rule);
	fputs("</code> ", fp);
	esc(fp, title);
	if (f->neighbor != NULL) {
		fputs(" &middot; neighbour <code>", fp);
		esc(fp, f->neighbor);
		fputs("</code>", fp);
	} else if (f->interface != NULL) {
		fputs(" &middot; interface <code>", fp);
		esc(fp, f->interface);
		fputs("</code>", fp);
	}
	fputs("</div>\n<p class=\"msg\">", fp);
	esc(fp, f->message);
	fprintf(fp, "</p>\n<p class=\"loc\"><code>");
	esc(fp, f->file);
	fprintf(fp, ":%d</code>", f->line);
	if (f->vrf != NULL) {
		fputs(" (vrf ", fp);
		esc(fp, f->vrf);
		fputs(")", fp);
	}
	fputs("</p>\n", fp);
	if (f->has_example || f->decided_by != NULL ||
	    (f->waived && f->waiver_reason != NULL)) {
		fputs("<dl>", fp);
		if (f->waived && f->waiver_reason != NULL) {
			fputs("<dt>Waiver</dt><dd>", fp);
			esc(fp, f->waiver_reason);
			fputs("</dd>", fp);
		}
		if (f->has_example) {
			fputs("<dt>Counter-example route</dt><dd class=\"example\">"
			    "<code>", fp);
			esc(fp, f->ex_prefix);
			fputs("</code> as-path <code>", fp);
			esc(fp, f->ex_path != NULL && f->ex_path[0] != '\0' ?
			    f->ex_path : "(empty)");
			fputs("</code>", fp);
			if (f->ex_comms != NULL && f->ex_comms[0] != '\0') {
				fputs(" communities <code>", fp);
				esc(fp, f->ex_comms);
				fputs("</code>", fp);
			}
			/* not-found is what every probe is unless said */
			if (f->ex_rov != NULL && f->ex_rov[0] != '\0' &&
			    strcmp(f->ex_rov, "notfound") != 0 &&
			    strcmp(f->ex_rov, "not-found") != 0) {
				fputs(" RPKI ", fp);
				esc(fp, f->ex_rov);
			}
			fputs("</dd>", fp);
		}
		if (f->decided_by != NULL) {
			fputs("<dt>Decided by</dt><dd class=\"decided\">", fp);
			esc(fp, f->decided_by);
			fputs("</dd>", fp);
		}
		fputs("</dl>\n", fp);
	}
	if (f->fix != NULL && f->fix[0] != '\0') {
		fputs("<div class=\"fixlabel\">Fix:</div><pre class=\"fix\">", fp);
		esc(fp, f->fix);
		fputs("</pre>\n", fp);
	}
	fputs("</div>\n", fp);
}

static int
cmp_show(const void *a, const void *b)
{
	const mc_finding *x = *(const mc_finding *const *)a;
	const mc_finding *y = *(const mc_finding *const *)b;

	if (x->waived != y->waived)
		return x->waived ? 1 : -1;
	if (x->baselined != y->baselined)
		return x->baselined ? 1 : -1;
	if (x->severity != y->severity)
		return x->severity > y->severity ? -1 : 1;
	return mc_finding_cmp(x, y);
}

static void
device_detail(FILE *fp, const mc_run *r, size_t idx)
{
	const mc_device_result *res = &r->results[idx];
	const mc_device *d = res->dev;
	const mc_finding **v;
	size_t i, n = res->findings.n, sev[3], waived, base;
	mc_action_status st = overall(res->actions);
	int a;

	count_device(res, sev, &waived, &base);
	fprintf(fp, "<details class=\"device\" id=\"dev-%zu\" data-hostname=\"",
	    idx + 1);
	attr_esc(fp, host(d));
	fprintf(fp, "\"%s>\n<summary>", sev[0] + sev[1] + sev[2] > 0 ? " open" : "");
	esc(fp, host(d));
	fputs(" ", fp);
	badge(fp, mc_action_status_name(st), mc_action_status_name(st));
	fprintf(fp, " <span class=\"meta\">%zu error%s, %zu warning%s, %zu info",
	    sev[MC_SEV_ERROR], sev[MC_SEV_ERROR] == 1 ? "" : "s",
	    sev[MC_SEV_WARNING], sev[MC_SEV_WARNING] == 1 ? "" : "s",
	    sev[MC_SEV_INFO]);
	if (base > 0)
		fprintf(fp, ", %zu baselined", base);
	if (waived > 0)
		fprintf(fp, ", %zu waived", waived);
	fputs("</span></summary>\n<p class=\"meta\"><code>", fp);
	esc(fp, d->file);
	fprintf(fp, "</code>, %s", mc_vendor_name(d->vendor));
	if (d->bgp.asn)
		fprintf(fp, ", AS%u", d->bgp.asn);
	fprintf(fp, ", %d lines", d->lines);
	if (d->unrecognized > 0)
		fprintf(fp, ", %d not understood", d->unrecognized);
	fputs(". Actions:", fp);
	for (a = 1; a <= 4; a++) {
		const char *s = mc_action_status_name(res->actions[a]);

		fprintf(fp, " %d ", a);
		badge(fp, s, s);
	}
	fputs("</p>\n", fp);
	for (i = 0; i < d->notes.n; i++) {
		fputs("<p class=\"meta note\">Note: ", fp);
		esc(fp, d->notes.v[i]);
		fputs("</p>\n", fp);
	}
	neighbors(fp, res);
	if (n == 0) {
		fputs("<p>No findings.</p>\n</details>\n", fp);
		return;
	}
	if ((v = calloc(n, sizeof(*v))) == NULL) {
		fputs("</details>\n", fp);
		return;
	}
	for (i = 0; i < n; i++)
		v[i] = &res->findings.v[i];
	qsort(v, n, sizeof(*v), cmp_show);
	fputs("<h3>Findings</h3>\n", fp);
	for (i = 0; i < n; i++)
		finding(fp, v[i]);
	free(v);
	fputs("</details>\n", fp);
}

int
mc_report_html(FILE *fp, const mc_run *r)
{
	mc_report_counts c;
	size_t i;

	mc_report_count(r, &c);
	header(fp, r, &c);
	chart(fp, r);
	devices_table(fp, r);
	fputs("<section id=\"detail\">\n<h2>Per device</h2>\n", fp);
	for (i = 0; i < r->nresults; i++)
		device_detail(fp, r, i);
	fputs("</section>\n", fp);
	if (c.errors > 0) {
		fputs("<section id=\"errors\">\n<h2>Input errors</h2>\n<ul>\n", fp);
		for (i = 0; i < r->diag->errors.n; i++) {
			const mc_error *e = &r->diag->errors.v[i];

			fputs("<li class=\"input-error\"><code>", fp);
			esc(fp, e->file != NULL ? e->file : "");
			if (e->line > 0)
				fprintf(fp, ":%d", e->line);
			fputs("</code> ", fp);
			esc(fp, e->message);
			fputs("</li>\n", fp);
		}
		fputs("</ul>\n</section>\n", fp);
	}
	fprintf(fp, "<footer>manrs-check %s. Rules are documented in "
	    "docs/rules and by <code>manrs-check explain RULE</code>.</footer>\n"
	    "</body>\n</html>\n", MANRS_VERSION);
	return ferror(fp) ? -1 : 0;
}
