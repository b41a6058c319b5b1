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

static const char usage_text[] =
"usage: manrs-check [check] [options] PATH...\n"
"       manrs-check rules\n"
"       manrs-check explain RULE\n"
"       manrs-check model [--vendor V] [--policy FILE] FILE\n"
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
"  --vrps FILE, --rtr HOST:PORT, --irr FILE, --peeringdb FILE\n"
"                        external data (not yet supported)\n"
"  -f, --format F        text (default) or json\n"
"  -o, --output FILE     write the report to FILE (default: stdout)\n"
"  --rules IDS           run only these rules (comma-separated)\n"
"  --skip IDS            do not run these rules\n"
"  --fail-on SEVERITY    exit 1 on findings at or above: info, warning,\n"
"                        error (default)\n"
"  --baseline FILE, --write-baseline FILE   (not yet supported)\n"
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
	O_HELP,
};

static const struct option check_opts[] = {
	{ "vendor", required_argument, NULL, O_VENDOR },
	{ "policy", required_argument, NULL, O_POLICY },
	{ "vrps", required_argument, NULL, O_VRPS },
	{ "rtr", required_argument, NULL, O_RTR },
	{ "irr", required_argument, NULL, O_IRR },
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
	int fail_on, jobs;
	bool quiet, verbose;
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

static int
not_yet(const char *what)
{
	fprintf(stderr, "manrs-check: %s: not yet supported\n", what);
	return MC_EXIT_ERROR;
}

static int
cmd_check(int argc, char **argv)
{
	static const char *later_formats[] = { "sarif", "junit", "html",
		"markdown", NULL };
	opts o = { .format = "text", .color = "auto", .fail_on = MC_SEV_ERROR };
	mc_check_opts co;
	mc_run_opts ro;
	mc_run_state st;
	mc_paths paths;
	mc_report_fn fn;
	mc_arena *a;
	mc_diag diag;
	mc_run run;
	FILE *out = stdout;
	char *end;
	long v;
	int c, i, rc;

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
			return not_yet("--vrps (RPKI data)");
		case O_RTR:
			return not_yet("--rtr (RPKI-to-Router)");
		case O_IRR:
			return not_yet("--irr (IRR data)");
		case O_PEERINGDB:
			return not_yet("--peeringdb (PeeringDB data)");
		case O_BASELINE:
			return not_yet("--baseline");
		case O_WRITE_BASELINE:
			return not_yet("--write-baseline");
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
	if ((fn = mc_report_for(o.format)) == NULL) {
		for (i = 0; later_formats[i] != NULL; i++)
			if (strcmp(o.format, later_formats[i]) == 0) {
				fprintf(stderr, "manrs-check: -f %s: not yet "
				    "supported (text, json)\n", o.format);
				return MC_EXIT_ERROR;
			}
		return usage_error("-f %s: unknown format (text, json)",
		    o.format);
	}
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
	if (!mc_today(&co.today_y, &co.today_m, &co.today_d))
		return MC_EXIT_ERROR;

	a = mc_arena_new();
	mc_diag_init(&diag, a);
	co.policy = mc_load_policy(a, o.policy, o.policy != NULL, &diag);
	if (diag.errors.n > 0) {
		mc_print_errors(stderr, &diag);
		mc_arena_free(a);
		return MC_EXIT_ERROR;
	}

	/* An unwritable report file is found before the work, not after. */
	if (o.output != NULL && (out = fopen(o.output, "w")) == NULL) {
		fprintf(stderr, "manrs-check: %s: %s\n", o.output,
		    strerror(errno));
		mc_arena_free(a);
		return MC_EXIT_ERROR;
	}

	mc_walk(a, argv + optind, argc - optind, &paths, &diag);
	if (paths.v.n == 0 && diag.errors.n == 0)
		mc_diag_error(&diag, NULL, 0, "no configuration files found "
		    "(directories skip dot-files, documentation and data "
		    "files: see manrs-check(1))");
	ro.check = &co;
	ro.jobs = o.jobs;
	mc_run_files(&paths, &ro, &st, &diag);

	memset(&run, 0, sizeof(run));
	run.results = st.results;
	run.nresults = st.nresults;
	run.diag = &diag;
	run.color = want_color(o.color, out);
	run.quiet = o.quiet;
	run.verbose = o.verbose;
	run.fail_on = (mc_severity)o.fail_on;

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
	if (argc >= 2 && strcmp(argv[1], "filter") == 0)
		return not_yet("manrs-check filter (IRR data)");
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
