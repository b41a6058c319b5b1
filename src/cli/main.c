/*
 * manrs-check: argument parsing and dispatch to the subcommands.  The work
 * is in libmanrs; this file only turns options into calls.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli/cli.h"
#include "manrs/irr.h"
#include "manrs/peeringdb.h"
#include "manrs/vrp.h"

#define MC_DATA_FILES_MAX 64	/* per data option */

int mc_cmd_filter(int argc, char **argv);	/* filter.c */

static const char usage_text[] =
"usage: manrs-check [check] [options] PATH...\n"
"       manrs-check rules\n"
"       manrs-check explain RULE\n"
"       manrs-check model [--vendor V] [--policy FILE] FILE\n"
"       manrs-check filter AS-SET|ASN --irr FILE... [--vendor V] [-4|-6]\n"
"                   [--aggregate] [--name LIST]\n"
"       manrs-check eval FILE --neighbor ADDR --route PREFIX [--as-path \"A B C\"]\n"
"                   [--community A:B]... [--rov valid|invalid|notfound]\n"
"                   [--direction in|out] [--vendor V]\n";

static const char help_text[] =
"\n"
"Checks router configurations (files, or directories searched recursively)\n"
"against the MANRS actions and reports per device and BGP neighbour.\n"
"\n"
"options of check:\n"
"  --vendor V            force the vendor: ios iosxe eos frr iosxr junos bird\n"
"                        openbgpd ... (default: detect per file)\n"
"  --policy FILE         policy file (default: ./manrs-check.yaml when present)\n"
"  --vrps FILE           RPKI VRPs (rpki-client/Routinator JSON or CSV,\n"
"                        OpenBGPD roa-set, BIRD roa table); repeatable\n"
"  --irr FILE            IRR data: an RPSL dump, plain or gzip; repeatable,\n"
"                        in source order\n"
"  --irr-lenient         drop malformed RPSL objects (counted, first one\n"
"                        named with -v) instead of failing the load\n"
"  --peeringdb FILE      PeeringDB JSON dump (net, poc, netixlan objects)\n"
"  --rtr HOST:PORT       VRPs from an RPKI-to-Router cache (RFC 8210), added\n"
"                        to those of --vrps; \"[ADDR]:PORT\" for IPv6;\n"
"                        repeatable; MANRS_RTR_TIMEOUT seconds (default 30)\n"
"  -f, --format F        text (default), json, sarif, junit, markdown, html\n"
"  -o, --output FILE     write the report to FILE (default: stdout)\n"
"  --rules IDS           run only these rules (comma-separated)\n"
"  --skip IDS            do not run these rules\n"
"  --fail-on SEVERITY    exit 1 on findings at or above: info, warning,\n"
"                        error (default)\n"
"  --baseline FILE       findings whose fingerprint FILE holds are shown as\n"
"                        baselined and do not count for the exit status\n"
"  --write-baseline FILE write the fingerprints of today's findings to FILE\n"
"                        (they are then accepted: baselined in this run too)\n"
"  -j, --jobs N          devices checked in parallel (default: CPUs)\n"
"  --color WHEN          auto (default), always, never\n"
"  -q, --quiet           only findings and the summary line\n"
"  -v, --verbose         also neighbours without findings, lines not understood\n"
"  --version, --help\n"
"\n"
"exit status: 0 nothing at or above --fail-on, 1 findings at or above it,\n"
"2 usage error or input that could not be read (wins over findings).\n"
"`manrs-check explain RULE` documents a rule; see manrs-check(1).\n";

static void
usage(FILE *fp)
{
	fputs(usage_text, fp);
	if (fp == stdout)
		fputs(help_text, fp);
	else
		fputs("Try 'manrs-check --help' for more information.\n", fp);
}

static int
usage_error(const char *fmt, const char *arg)
{
	fputs("manrs-check: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\n", stderr);
	fputs("Try 'manrs-check --help' for more information.\n", stderr);
	return MC_EXIT_ERROR;
}

enum {
	O_VENDOR = 256, O_POLICY, O_VRPS, O_RTR, O_IRR, O_PEERINGDB, O_RULES,
	O_SKIP, O_FAIL_ON, O_BASELINE, O_WRITE_BASELINE, O_COLOR, O_VERSION,
	O_HELP, O_IRR_LENIENT,
};

static const struct option check_opts[] = {
	{ "vendor", required_argument, NULL, O_VENDOR },
	{ "policy", required_argument, NULL, O_POLICY },
	{ "vrps", required_argument, NULL, O_VRPS },
	{ "rtr", required_argument, NULL, O_RTR },
	{ "irr", required_argument, NULL, O_IRR },
	{ "irr-lenient", no_argument, NULL, O_IRR_LENIENT },
	{ "peeringdb", required_argument, NULL, O_PEERINGDB },
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ "rules", required_argument, NULL, O_RULES },
	{ "skip", required_argument, NULL, O_SKIP },
	{ "fail-on", required_argument, NULL, O_FAIL_ON },
	{ "baseline", required_argument, NULL, O_BASELINE },
	{ "write-baseline", required_argument, NULL, O_WRITE_BASELINE },
	{ "jobs", required_argument, NULL, 'j' },
	{ "color", required_argument, NULL, O_COLOR },
	{ "colour", required_argument, NULL, O_COLOR },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "version", no_argument, NULL, O_VERSION },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

typedef struct opts {
	const char *vendor, *policy, *format, *output, *rules, *skip;
	const char *color;
	const char *baseline, *write_baseline;
	int fail_on, jobs;
	bool quiet, verbose, irr_lenient;
	/* External data files, in command-line order. */
	const char *vrps[MC_DATA_FILES_MAX];
	int nvrps;
	const char *rtr[MC_DATA_FILES_MAX];	/* HOST:PORT */
	int nrtr;
	const char *irr[MC_DATA_FILES_MAX];
	int nirr;
	const char *pdb[MC_DATA_FILES_MAX];
	int npdb;
} opts;

/* An ID, or a prefix ending in '*' ("FLT-*"), that names some rule. */
static bool
rule_known(const char *id)
{
	const mc_rule *r;
	size_t i, n, len = strlen(id);

	if (len == 0 || id[len - 1] != '*')
		return mc_rule_find(id) != NULL;
	r = mc_rules(&n);
	for (i = 0; i < n; i++)
		if (strncasecmp(r[i].id, id, len - 1) == 0)
			return true;
	return false;
}

/* Every ID of a comma list names a rule. */
static bool
rule_list_ok(const char *opt, const char *list)
{
	const char *p = list, *e;
	bool ok = true;
	char id[64];

	while (*p != '\0') {
		while (*p == ',' || *p == ' ')
			p++;
		if (*p == '\0')
			break;
		for (e = p; *e != '\0' && *e != ',' && *e != ' '; e++)
			;
		if ((size_t)(e - p) >= sizeof(id) ||
		    (memcpy(id, p, (size_t)(e - p)), id[e - p] = '\0',
		    !rule_known(id))) {
			fprintf(stderr, "manrs-check: %s: unknown rule '%.*s' "
			    "('manrs-check rules' lists them)\n", opt,
			    (int)(e - p), p);
			ok = false;
		}
		p = e;
	}
	return ok;
}

static bool
want_color(const char *when, FILE *out)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");

	if (strcmp(when, "always") == 0)
		return true;
	if (strcmp(when, "never") == 0)
		return false;
	if (nc != NULL && nc[0] != '\0')
		return false;
	if (term != NULL && strcmp(term, "dumb") == 0)
		return false;
	return isatty(fileno(out));
}

/* The embedded docs/rules page of a rule, for the SARIF rules' help. */
static const char *
rule_doc(const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < mc_nrule_docs; i++)
		if (strcasecmp(mc_rule_docs[i].id, id) == 0)
			return mc_rule_docs[i].text;
	return NULL;
}

/* Written beside the target and renamed, so that a failed run never
 * leaves half a baseline; a failure is an input error (exit 2). */
static int
write_baseline(const char *path, const mc_run *run, mc_diag *diag)
{
	char *tmp;
	FILE *fp;
	int rc;

	if (asprintf(&tmp, "%s.tmp%ld", path, (long)getpid()) < 0)
		return -1;
	if ((fp = fopen(tmp, "w")) == NULL) {
		mc_diag_error(diag, path, 0, "cannot write the baseline: %s",
		    strerror(errno));
		free(tmp);
		return -1;
	}
	rc = mc_baseline_write(fp, run);
	if (fclose(fp) != 0)
		rc = -1;
	if (rc == 0 && rename(tmp, path) != 0)
		rc = -1;
	if (rc != 0) {
		mc_diag_error(diag, path, 0, "cannot write the baseline: %s",
		    strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	return rc;
}

/* MANRS_RTR_TIMEOUT: seconds to wait for an RTR cache (0: default). */
static unsigned
rtr_timeout(void)
{
	const char *e = getenv("MANRS_RTR_TIMEOUT");
	char *end;
	long v;

	if (e == NULL || *e == '\0')
		return 0;
	v = strtol(e, &end, 10);
	return (*end != '\0' || v < 1 || v > 3600) ? 0 : (unsigned)v;
}

/* Load every --vrps file and --rtr cache into one set, sorted here
 * (mc_vrps_count) so that the worker threads only read it.  NULL when
 * none is given or on an error (in diag, with file:line).  -v tells how
 * many distinct VRPs there are. */
static mc_vrps *
load_vrps(const opts *o, mc_diag *diag)
{
	mc_vrps *s;
	size_t n;
	int i;

	if (o->nvrps == 0 && o->nrtr == 0)
		return NULL;
	s = mc_vrps_new();
	for (i = 0; i < o->nvrps; i++)
		if (mc_vrps_load(s, o->vrps[i], diag) != 0) {
			mc_vrps_free(s);
			return NULL;
		}
	for (i = 0; i < o->nrtr; i++)
		if (mc_vrps_load_rtr(s, o->rtr[i], rtr_timeout(), diag) != 0) {
			mc_vrps_free(s);
			return NULL;
		}
	n = mc_vrps_count(s);
	if (o->verbose)
		fprintf(stderr, "manrs-check: %zu VRPs (%d file%s, %d RTR "
		    "cache%s)\n", n, o->nvrps, o->nvrps == 1 ? "" : "s",
		    o->nrtr, o->nrtr == 1 ? "" : "s");
	return s;
}

/* Every --irr file into one set, in the order given (earlier sources
 * win for objects of the same name); indexed before the threads start. */
static mc_irr *
load_irr(const opts *o, mc_diag *diag)
{
	mc_irr *s;
	int i;

	if (o->nirr == 0)
		return NULL;
	s = mc_irr_new();
	mc_irr_set_lenient(s, o->irr_lenient);
	for (i = 0; i < o->nirr; i++)
		if (mc_irr_load(s, o->irr[i], diag) != 0) {
			mc_irr_free(s);
			return NULL;
		}
	if (o->irr_lenient) {
		const char *first = NULL;
		size_t n = mc_irr_nskipped(s, &first);

		/* Never silent: a dropped object may be the one that matters. */
		if (n > 0)
			fprintf(stderr, "manrs-check: --irr-lenient: %zu malformed "
			    "RPSL object%s dropped%s%s\n", n, n == 1 ? "" : "s",
			    o->verbose && first != NULL ? "; first: " : "",
			    o->verbose && first != NULL ? first : "");
	}
	mc_irr_finish(s);
	return s;
}

static mc_pdb *
load_pdb(const opts *o, mc_diag *diag)
{
	mc_pdb *s;
	int i;

	if (o->npdb == 0)
		return NULL;
	s = mc_pdb_new();
	for (i = 0; i < o->npdb; i++)
		if (mc_pdb_load(s, o->pdb[i], diag) != 0) {
			mc_pdb_free(s);
			return NULL;
		}
	return s;
}

/* The text report: each device's part as soon as the files before it
 * are done. */
typedef struct stream_ctx {
	FILE *out;
	const mc_run *run;
	mc_report_counts counts;
} stream_ctx;

static void
stream_device(void *arg, const mc_device_result *res)
{
	stream_ctx *sc = arg;

	/* a write error stays on the stream: the end of the report sees it */
	(void)mc_report_text_device(sc->out, sc->run, res);
	mc_report_tally(res, &sc->counts);
}

static int
cmd_check(int argc, char **argv)
{
	opts o = { .format = "text", .color = "auto", .fail_on = MC_SEV_ERROR };
	mc_check_opts co;
	mc_run_opts ro;
	mc_run_state st;
	mc_paths paths;
	mc_report_fn fn;
	mc_baseline *bl = NULL;
	mc_vrps *vrps = NULL;
	mc_irr *irr = NULL;
	mc_pdb *pdb = NULL;
	mc_data data;
	mc_arena *a;
	mc_diag diag;
	mc_run run;
	stream_ctx sc;
	FILE *out = stdout;
	char *end;
	long v;
	int c, rc;

	memset(&paths, 0, sizeof(paths));
	o.jobs = mc_default_jobs();
	optind = 1;
	while ((c = getopt_long(argc, argv, "f:o:j:qvh", check_opts, NULL)) != -1) {
		switch (c) {
		case O_VENDOR:
			o.vendor = optarg;
			break;
		case O_POLICY:
			o.policy = optarg;
			break;
		case O_VRPS:
			if (o.nvrps >= MC_DATA_FILES_MAX)
				return usage_error("--vrps %s: too many files",
				    optarg);
			o.vrps[o.nvrps++] = optarg;
			break;
		case O_RTR:
			if (o.nrtr >= MC_DATA_FILES_MAX)
				return usage_error("--rtr %s: too many caches",
				    optarg);
			o.rtr[o.nrtr++] = optarg;
			break;
		case O_IRR_LENIENT:
			o.irr_lenient = true;
			break;
		case O_IRR:
			if (o.nirr >= MC_DATA_FILES_MAX)
				return usage_error("--irr %s: too many files",
				    optarg);
			o.irr[o.nirr++] = optarg;
			break;
		case O_PEERINGDB:
			if (o.npdb >= MC_DATA_FILES_MAX)
				return usage_error("--peeringdb %s: too many "
				    "files", optarg);
			o.pdb[o.npdb++] = optarg;
			break;
		case O_BASELINE:
			o.baseline = optarg;
			break;
		case O_WRITE_BASELINE:
			o.write_baseline = optarg;
			break;
		case 'f':
			o.format = optarg;
			break;
		case 'o':
			o.output = optarg;
			break;
		case O_RULES:
			o.rules = optarg;
			break;
		case O_SKIP:
			o.skip = optarg;
			break;
		case O_FAIL_ON:
			if ((o.fail_on = mc_severity_from_name(optarg)) < 0)
				return usage_error("--fail-on %s: expected info, "
				    "warning or error", optarg);
			break;
		case 'j':
			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || end == optarg ||
			    v < 1 || v > 256)
				return usage_error("-j %s: expected a number "
				    "from 1 to 256", optarg);
			o.jobs = (int)v;
			break;
		case O_COLOR:
			if (strcmp(optarg, "auto") != 0 &&
			    strcmp(optarg, "always") != 0 &&
			    strcmp(optarg, "never") != 0)
				return usage_error("--color %s: expected auto, "
				    "always or never", optarg);
			o.color = optarg;
			break;
		case 'q':
			o.quiet = true;
			break;
		case 'v':
			o.verbose = true;
			break;
		case O_VERSION:
			printf("manrs-check %s\n", MANRS_VERSION);
			return MC_EXIT_OK;
		case 'h':
			usage(stdout);
			return MC_EXIT_OK;
		default:
			usage(stderr);
			return MC_EXIT_ERROR;
		}
	}
	if ((fn = mc_report_for(o.format)) == NULL)
		return usage_error("-f %s: unknown format (text, json, sarif, "
		    "junit, markdown, html)", o.format);
	if (optind >= argc) {
		fputs("manrs-check: no PATH given\n", stderr);
		usage(stderr);
		return MC_EXIT_ERROR;
	}
	memset(&ro, 0, sizeof(ro));
	if (o.vendor != NULL &&
	    (ro.vendor = mc_vendor_from_name(o.vendor)) == MC_VENDOR_UNKNOWN)
		return usage_error("--vendor %s: unknown vendor (ios, iosxe, "
		    "eos, frr, nxos, iosxr, junos, bird, openbgpd, sros, vrp, "
		    "routeros)", o.vendor);
	/* '|': both lists are checked, so that every unknown ID is named. */
	if ((o.rules != NULL && !rule_list_ok("--rules", o.rules)) |
	    (o.skip != NULL && !rule_list_ok("--skip", o.skip)))
		return MC_EXIT_ERROR;

	memset(&co, 0, sizeof(co));
	co.only = o.rules;
	co.skip = o.skip;
	/* The one-line text report shows no fix texts: do not build them
	 * (about 6% of a full check). */
	co.no_fix = fn == mc_report_text && o.quiet;
	if (!mc_today(&co.today_y, &co.today_m, &co.today_d))
		return MC_EXIT_ERROR;

	a = mc_arena_new();
	mc_diag_init(&diag, a);
	co.policy = mc_load_policy(a, o.policy, o.policy != NULL, &diag);
	if (diag.errors.n == 0 && o.baseline != NULL)
		bl = mc_baseline_load(o.baseline, &diag);
	if (diag.errors.n == 0)
		vrps = load_vrps(&o, &diag);
	if (diag.errors.n == 0)
		irr = load_irr(&o, &diag);
	if (diag.errors.n == 0)
		pdb = load_pdb(&o, &diag);
	if (diag.errors.n > 0) {
		mc_print_errors(stderr, &diag);
		mc_vrps_free(vrps);
		mc_irr_free(irr);
		mc_baseline_free(bl);
		mc_arena_free(a);
		return MC_EXIT_ERROR;
	}
	memset(&data, 0, sizeof(data));
	data.vrps = vrps;
	data.irr = irr;
	data.peeringdb = pdb;
	if (data.vrps != NULL || data.irr != NULL || data.peeringdb != NULL)
		co.data = &data;

	/* An unwritable report file is found before the work, not after. */
	if (o.output != NULL && (out = fopen(o.output, "w")) == NULL) {
		fprintf(stderr, "manrs-check: %s: %s\n", o.output,
		    strerror(errno));
		mc_vrps_free(vrps);
		mc_irr_free(irr);
		mc_pdb_free(pdb);
		mc_arena_free(a);
		return MC_EXIT_ERROR;
	}

	mc_walk(a, argv + optind, argc - optind, &paths, &diag);
	if (paths.v.n == 0 && diag.errors.n == 0)
		mc_diag_error(&diag, NULL, 0, "no configuration files found "
		    "(directories skip dot-files, documentation and data "
		    "files: see manrs-check(1))");
	memset(&run, 0, sizeof(run));
	run.diag = &diag;
	run.color = want_color(o.color, out);
	run.quiet = o.quiet;
	run.verbose = o.verbose;
	run.fail_on = (mc_severity)o.fail_on;
	run.check = &co;
	run.rule_doc = rule_doc;
	run.baseline_used = o.baseline != NULL || o.write_baseline != NULL;

	ro.check = &co;
	ro.jobs = o.jobs;
	ro.brief = !mc_report_needs_model(o.format);
	ro.prepare = mc_report_prepare_for(o.format);
	/* The text report needs nothing of a device once its part is out:
	 * write it as the check goes (in file order, so the bytes are the
	 * same) and keep no finding.  A baseline reads them all first.
	 * MANRS_NO_STREAM keeps the whole run first (tests compare). */
	memset(&sc, 0, sizeof(sc));
	if (fn == mc_report_text && bl == NULL && o.write_baseline == NULL &&
	    getenv("MANRS_NO_STREAM") == NULL) {
		sc.out = out;
		sc.run = &run;
		ro.emit = stream_device;
		ro.emit_ctx = &sc;
	}
	mc_run_files(&paths, &ro, &st, &diag);
	run.results = st.results;
	run.nresults = st.nresults;
	if (ro.emit != NULL)
		run.streamed = &sc.counts;
	if (bl != NULL) {
		mc_baseline_apply(bl, &run);
		mc_baseline_free(bl);
	}
	if (o.write_baseline != NULL &&
	    write_baseline(o.write_baseline, &run, &diag) == 0)
		mc_baseline_accept(&run);

	/* Errors always reach stderr, unless the text report shows them on
	 * the same terminal already. */
	if (!(fn == mc_report_text && out == stdout && isatty(fileno(stdout))))
		mc_print_errors(stderr, &diag);

	rc = fn(out, &run);
	if (fflush(out) != 0)
		rc = -1;
	if (out != stdout && fclose(out) != 0)
		rc = -1;
	if (rc != 0) {
		fprintf(stderr, "manrs-check: %s: cannot write the report: %s\n",
		    o.output != NULL ? o.output : "stdout", strerror(errno));
		rc = MC_EXIT_ERROR;
	} else
		rc = mc_run_exit_status(&run);
	mc_run_free(&st);
	mc_vrps_free(vrps);
	mc_irr_free(irr);
	mc_pdb_free(pdb);
	mc_arena_free(a);
	return rc;
}

int
main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} cmds[] = {
		{ "rules", mc_cmd_rules },
		{ "explain", mc_cmd_explain },
		{ "model", mc_cmd_model },
		{ "eval", mc_cmd_eval },
	};
	static char prog[64];
	size_t i;

	if (argc >= 2 && strcmp(argv[1], "check") == 0) {
		argv[1] = argv[0];
		return cmd_check(argc - 1, argv + 1);
	}
	if (argc >= 2 && strcmp(argv[1], "filter") == 0) {
		snprintf(prog, sizeof(prog), "manrs-check filter");
		argv[1] = prog;
		return mc_cmd_filter(argc - 1, argv + 1);
	}
	for (i = 0; argc >= 2 && i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(argv[1], cmds[i].name) == 0) {
			/* getopt names the subcommand in its messages. */
			snprintf(prog, sizeof(prog), "manrs-check %s",
			    cmds[i].name);
			argv[1] = prog;
			return cmds[i].fn(argc - 1, argv + 1);
		}
	return cmd_check(argc, argv);
}
