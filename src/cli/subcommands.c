/* The subcommands other than check: rules, explain, model, eval. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"

static int
sub_usage(const char *text)
{
	fprintf(stderr, "usage: %s\n", text);
	return MC_EXIT_ERROR;
}

/* ---- rules ---- */

static void
needs_str(unsigned needs, char *buf, size_t n)
{
	buf[0] = '\0';
	if (needs & MC_DATA_VRPS)
		strncat(buf, "vrps,", n - strlen(buf) - 1);
	if (needs & MC_DATA_IRR)
		strncat(buf, "irr,", n - strlen(buf) - 1);
	if (needs & MC_DATA_PEERINGDB)
		strncat(buf, "peeringdb,", n - strlen(buf) - 1);
	if (buf[0] == '\0')
		strncat(buf, "-", n - 1);
	else
		buf[strlen(buf) - 1] = '\0';
}

int
mc_cmd_rules(int argc, char **argv)
{
	const mc_rule *r;
	size_t i, n;
	char data[64];

	if (argc > 1)
		return sub_usage("manrs-check rules");
	r = mc_rules(&n);
	printf("%-22s %-6s %-8s %-10s %s\n", "RULE", "ACTION", "SEVERITY",
	    "DATA", "TITLE");
	for (i = 0; i < n; i++) {
		needs_str(r[i].needs, data, sizeof(data));
		printf("%-22s %-6d %-8s %-10s %s\n", r[i].id, r[i].action,
		    mc_severity_name(r[i].severity), data,
		    r[i].title ? r[i].title : "");
	}
	return ferror(stdout) ? MC_EXIT_ERROR : MC_EXIT_OK;
}

/* ---- explain ---- */

int
mc_cmd_explain(int argc, char **argv)
{
	const mc_rule *r;
	size_t i;

	if (argc != 2)
		return sub_usage("manrs-check explain RULE");
	for (i = 0; i < mc_nrule_docs; i++)
		if (strcasecmp(mc_rule_docs[i].id, argv[1]) == 0) {
			fputs(mc_rule_docs[i].text, stdout);
			return ferror(stdout) ? MC_EXIT_ERROR : MC_EXIT_OK;
		}
	if ((r = mc_rule_find(argv[1])) != NULL) {
		printf("%s (MANRS action %d, %s)\n\n%s\n\n(no documentation "
		    "page for this rule yet)\n", r->id, r->action,
		    mc_severity_name(r->severity), r->title ? r->title : "");
		return MC_EXIT_OK;
	}
	fprintf(stderr, "manrs-check: explain: unknown rule '%s' "
	    "('manrs-check rules' lists them)\n", argv[1]);
	return MC_EXIT_ERROR;
}

/* ---- model and eval: one file in ---- */

static mc_device *
load_one(mc_arena *a, const char *file, const char *vendor, mc_diag *diag)
{
	mc_vendor v = MC_VENDOR_UNKNOWN;
	mc_device *dev;
	size_t len;
	char *buf;

	if (vendor != NULL &&
	    (v = mc_vendor_from_name(vendor)) == MC_VENDOR_UNKNOWN) {
		mc_diag_error(diag, NULL, 0, "--vendor %s: unknown vendor",
		    vendor);
		return NULL;
	}
	if ((buf = mc_read_file(a, file, &len, diag)) == NULL)
		return NULL;
	dev = mc_parse_config(a, file, buf, len, v, diag);
	if (dev == NULL && diag->errors.n == 0)
		mc_diag_error(diag, file, 0,
		    "not understood as a router configuration");
	return dev;
}

enum { O_VENDOR = 256, O_POLICY, O_NEIGHBOR, O_ROUTE, O_ASPATH, O_COMM, O_BATCH,
	O_ROV, O_DIR, O_VRF };

int
mc_cmd_model(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "vendor", required_argument, NULL, O_VENDOR },
		{ "policy", required_argument, NULL, O_POLICY },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *use = "manrs-check model [--vendor V] "
	    "[--policy FILE] FILE";
	const char *vendor = NULL, *policy = NULL;
	const mc_policyfile *pf;
	mc_device *dev;
	mc_arena *a;
	mc_diag diag;
	char *json;
	int c, rc = MC_EXIT_OK;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		switch (c) {
		case O_VENDOR:
			vendor = optarg;
			break;
		case O_POLICY:
			policy = optarg;
			break;
		case 'h':
			printf("usage: %s\n", use);
			return MC_EXIT_OK;
		default:
			return sub_usage(use);
		}
	}
	if (argc - optind != 1)
		return sub_usage(use);
	a = mc_arena_new();
	mc_diag_init(&diag, a);
	pf = mc_load_policy(a, policy, policy != NULL, &diag);
	if (diag.errors.n == 0 &&
	    (dev = load_one(a, argv[optind], vendor, &diag)) != NULL) {
		/* Roles as the checks would see them. */
		mc_assign_roles(dev, pf);
		if ((json = mc_device_to_json(dev)) == NULL) {
			mc_diag_error(&diag, argv[optind], 0,
			    "cannot render the model");
		} else {
			fputs(json, stdout);
			fputc('\n', stdout);
			free(json);
		}
	}
	if (diag.errors.n > 0) {
		mc_print_errors(stderr, &diag);
		rc = MC_EXIT_ERROR;
	}
	if (fflush(stdout) != 0)
		rc = MC_EXIT_ERROR;
	mc_arena_free(a);
	return rc;
}

/* ---- eval ---- */

static bool
same_addr(const char *text, const mc_neighbor *n)
{
	mc_prefix p;

	if (n->address != NULL && strcasecmp(text, n->address) == 0)
		return true;
	if (n->name != NULL && strcmp(text, n->name) == 0)
		return true;
	return n->addr.af != 0 && mc_addr_parse(text, strlen(text), &p) &&
	    mc_prefix_eq(&p, &n->addr);
}

static const mc_neighbor *
find_neighbor(const mc_device *d, const char *addr, const char *vrf)
{
	size_t i;
	int pass;

	/* Sessions first; a peer-group only when no session matches. */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < d->neighbors.n; i++) {
			const mc_neighbor *n = d->neighbors.v[i];
			const char *nv = n->vrf != NULL ? n->vrf : "default";

			if (n->is_group_only != (pass == 1))
				continue;
			if (vrf != NULL && strcmp(vrf, nv) != 0)
				continue;
			if (same_addr(addr, n))
				return n;
		}
	return NULL;
}

static void
list_neighbors(const mc_device *d)
{
	size_t i;

	fprintf(stderr, "neighbours in %s:\n", d->file);
	for (i = 0; i < d->neighbors.n; i++) {
		const mc_neighbor *n = d->neighbors.v[i];

		fprintf(stderr, "  %s", n->address ? n->address :
		    n->name ? n->name : "?");
		if (n->name != NULL && n->address != NULL &&
		    strcmp(n->name, n->address) != 0)
			fprintf(stderr, " (%s)", n->name);
		if (n->remote_as_kind == MC_RAS_NUMBER)
			fprintf(stderr, " AS%u", n->remote_as);
		if (n->vrf != NULL)
			fprintf(stderr, " vrf %s", n->vrf);
		if (n->is_group_only)
			fprintf(stderr, " (group)");
		fprintf(stderr, ", line %d\n", n->line);
	}
	if (d->neighbors.n == 0)
		fprintf(stderr, "  (none)\n");
}

static int
rov_from_name(const char *s)
{
	if (strcasecmp(s, "valid") == 0)
		return MC_ROV_VALID;
	if (strcasecmp(s, "invalid") == 0)
		return MC_ROV_INVALID;
	if (strcasecmp(s, "notfound") == 0 || strcasecmp(s, "not-found") == 0 ||
	    strcasecmp(s, "unknown") == 0)
		return MC_ROV_NOTFOUND;
	return 0;
}

static const char *
rov_name(int rov)
{
	return rov == MC_ROV_VALID ? "valid" : rov == MC_ROV_INVALID ?
	    "invalid" : "notfound";
}

static bool
route_changed(const mc_route *a, const mc_route *b)
{
	int i;

	if (a->path_len != b->path_len || a->ncomms != b->ncomms)
		return true;
	for (i = 0; i < a->path_len && i < 128; i++)
		if (a->path[i] != b->path[i])
			return true;
	for (i = 0; i < a->ncomms && i < 16; i++)
		if (a->comms[i].kind != b->comms[i].kind ||
		    a->comms[i].a != b->comms[i].a ||
		    a->comms[i].b != b->comms[i].b ||
		    a->comms[i].c != b->comms[i].c)
			return true;
	return false;
}

/*
 * eval --batch QUERIES: one route per line, for the differential lab and for
 * scripts that ask many questions of one configuration:
 *   NEIGHBOR PREFIX [path=A,B,C] [comm=A:B,...|-] [rov=valid|invalid|notfound]
 *   [lp=N] [from=NEIGHBOR] [dir=in|out]
 * (lp: the local preference the policy sees on entry; without it FRR
 * import policies see 0, as bgpd gives eBGP routes; from: on export, the
 * neighbour the route was learned from) prints
 * "NEIGHBOR PREFIX accept|reject" per line.  A path of "-" or no
 * path= is empty on export and the neighbour's AS on import.
 */
static int
eval_batch(mc_device *dev, const char *qfile, mc_dir defdir, const char *vrf)
{
	mc_engine *eng = mc_engine_new(dev, dev->arena);
	FILE *f = fopen(qfile, "r");
	char line[4096];
	int lineno = 0, rc = MC_EXIT_OK;

	if (f == NULL) {
		fprintf(stderr, "manrs-check eval: %s: %s\n", qfile,
		    strerror(errno));
		mc_engine_free(eng);
		return MC_EXIT_ERROR;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		char *tok[12], *save = NULL, *t;
		const mc_neighbor *n;
		mc_eval_result res;
		mc_dir dir = defdir;
		mc_route rt;
		bool has_path = false;
		int nt = 0, i;

		lineno++;
		for (t = strtok_r(line, " \t\r\n", &save); t != NULL && nt < 12;
		    t = strtok_r(NULL, " \t\r\n", &save))
			tok[nt++] = t;
		if (nt == 0 || tok[0][0] == '#')
			continue;
		memset(&rt, 0, sizeof(rt));
		rt.rov = MC_ROV_NOTFOUND;
		if (nt < 2 || !mc_prefix_parse(tok[1], strlen(tok[1]), &rt.prefix))
			goto bad;
		for (i = 2; i < nt; i++) {
			char *v = strchr(tok[i], '=');

			if (v == NULL)
				goto bad;
			*v++ = '\0';
			if (strcmp(tok[i], "path") == 0) {
				char *p;

				if (strcmp(v, "-") != 0) {
					for (p = v; *p; p++)
						if (*p == ',')
							*p = ' ';
					if (!mc_route_set_path(&rt, v))
						goto bad;
					has_path = true;
				}
			} else if (strcmp(tok[i], "comm") == 0) {
				char *c, *cs = NULL;

				if (strcmp(v, "-") == 0)
					continue;
				for (c = strtok_r(v, ",", &cs); c != NULL;
				    c = strtok_r(NULL, ",", &cs)) {
					if (rt.ncomms >= (int)(sizeof(rt.comms) /
					    sizeof(rt.comms[0])) ||
					    !mc_community_parse(c, &rt.comms[rt.ncomms]))
						goto bad;
					rt.ncomms++;
				}
			} else if (strcmp(tok[i], "rov") == 0) {
				if ((rt.rov = rov_from_name(v)) == 0)
					goto bad;
			} else if (strcmp(tok[i], "lp") == 0) {
				char *end;
				unsigned long long lp;

				/* LOCAL_PREF as the policy sees it on entry */
				errno = 0;
				lp = strtoull(v, &end, 10);
				if (*v < '0' || *v > '9' || *end != '\0' ||
				    errno != 0 || lp > UINT32_MAX)
					goto bad;
				rt.local_pref = (uint32_t)lp;
				rt.has_local_pref = true;
			} else if (strcmp(tok[i], "from") == 0) {
				/* export: the neighbour the route came from */
				if ((rt.from = find_neighbor(dev, v, vrf)) == NULL)
					goto bad;
			} else if (strcmp(tok[i], "dir") == 0) {
				if (strcmp(v, "in") == 0)
					dir = MC_DIR_IN;
				else if (strcmp(v, "out") == 0)
					dir = MC_DIR_OUT;
				else
					goto bad;
			} else
				goto bad;
		}
		if ((n = find_neighbor(dev, tok[0], vrf)) == NULL) {
			fprintf(stderr, "manrs-check eval: %s:%d: no neighbour "
			    "%s\n", qfile, lineno, tok[0]);
			rc = MC_EXIT_ERROR;
			continue;
		}
		if (!has_path && dir == MC_DIR_IN &&
		    n->remote_as_kind == MC_RAS_NUMBER) {
			rt.path[0] = n->remote_as;
			rt.path_len = 1;
		}
		res = mc_eval_route(eng, n, dir, &rt);
		printf("%s %s %s%s\n", tok[0], tok[1],
		    res.accept ? "accept" : "reject",
		    res.approximate ? " approximate" : "");
		continue;
bad:
		fprintf(stderr, "manrs-check eval: %s:%d: expected NEIGHBOR "
		    "PREFIX [path=A,B] [comm=A:B,..] [rov=..] [lp=N] [from=NBR] "
		    "[dir=in|out]\n",
		    qfile, lineno);
		rc = MC_EXIT_ERROR;
	}
	fclose(f);
	mc_engine_free(eng);
	if (fflush(stdout) != 0)
		rc = MC_EXIT_ERROR;
	return rc;
}

int
mc_cmd_eval(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "neighbor", required_argument, NULL, O_NEIGHBOR },
		{ "neighbour", required_argument, NULL, O_NEIGHBOR },
		{ "route", required_argument, NULL, O_ROUTE },
		{ "as-path", required_argument, NULL, O_ASPATH },
		{ "community", required_argument, NULL, O_COMM },
		{ "rov", required_argument, NULL, O_ROV },
		{ "direction", required_argument, NULL, O_DIR },
		{ "vrf", required_argument, NULL, O_VRF },
		{ "vendor", required_argument, NULL, O_VENDOR },
		{ "batch", required_argument, NULL, O_BATCH },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *use = "manrs-check eval FILE --neighbor ADDR "
	    "--route PREFIX [--as-path \"A B C\"]\n"
	    "       [--community A:B]... [--rov valid|invalid|notfound] "
	    "[--direction in|out]\n       [--vrf VRF] [--vendor V]\n"
	    "       manrs-check eval FILE --batch QUERIES [--direction in|out]";
	const char *nbr = NULL, *route = NULL, *aspath = NULL, *vendor = NULL;
	const char *vrf = NULL, *file, *batch = NULL;
	const mc_neighbor *n;
	mc_eval_result res;
	mc_engine *eng;
	mc_device *dev;
	mc_dir dir = MC_DIR_IN;
	mc_route rt;
	mc_arena *a;
	mc_diag diag;
	size_t i;
	int c, rc;

	memset(&rt, 0, sizeof(rt));
	rt.rov = MC_ROV_NOTFOUND;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		switch (c) {
		case O_NEIGHBOR:
			nbr = optarg;
			break;
		case O_ROUTE:
			route = optarg;
			break;
		case O_ASPATH:
			aspath = optarg;
			break;
		case O_COMM:
			if (rt.ncomms >= (int)(sizeof(rt.comms) /
			    sizeof(rt.comms[0]))) {
				fprintf(stderr, "manrs-check eval: at most %zu "
				    "communities\n", sizeof(rt.comms) /
				    sizeof(rt.comms[0]));
				return MC_EXIT_ERROR;
			}
			if (!mc_community_parse(optarg, &rt.comms[rt.ncomms])) {
				fprintf(stderr, "manrs-check eval: --community "
				    "%s: expected A:B or A:B:C\n", optarg);
				return MC_EXIT_ERROR;
			}
			rt.ncomms++;
			break;
		case O_ROV:
			if ((rt.rov = rov_from_name(optarg)) == 0) {
				fprintf(stderr, "manrs-check eval: --rov %s: "
				    "expected valid, invalid or notfound\n",
				    optarg);
				return MC_EXIT_ERROR;
			}
			break;
		case O_DIR:
			if (strcmp(optarg, "in") == 0 ||
			    strcmp(optarg, "import") == 0)
				dir = MC_DIR_IN;
			else if (strcmp(optarg, "out") == 0 ||
			    strcmp(optarg, "export") == 0)
				dir = MC_DIR_OUT;
			else {
				fprintf(stderr, "manrs-check eval: --direction "
				    "%s: expected in or out\n", optarg);
				return MC_EXIT_ERROR;
			}
			break;
		case O_VRF:
			vrf = optarg;
			break;
		case O_VENDOR:
			vendor = optarg;
			break;
		case O_BATCH:
			batch = optarg;
			break;
		case 'h':
			printf("usage: %s\n", use);
			return MC_EXIT_OK;
		default:
			return sub_usage(use);
		}
	}
	if (argc - optind != 1 || (batch == NULL && (nbr == NULL || route == NULL)))
		return sub_usage(use);
	file = argv[optind];
	if (batch != NULL) {
		a = mc_arena_new();
		mc_diag_init(&diag, a);
		if ((dev = load_one(a, file, vendor, &diag)) == NULL) {
			mc_print_errors(stderr, &diag);
			mc_arena_free(a);
			return MC_EXIT_ERROR;
		}
		rc = eval_batch(dev, batch, dir, vrf);
		mc_arena_free(a);
		return rc;
	}
	if (!mc_prefix_parse(route, strlen(route), &rt.prefix)) {
		fprintf(stderr, "manrs-check eval: --route %s: expected a "
		    "prefix such as 192.0.2.0/24 or 2001:db8::/32\n", route);
		return MC_EXIT_ERROR;
	}
	if (aspath != NULL && !mc_route_set_path(&rt, aspath)) {
		fprintf(stderr, "manrs-check eval: --as-path \"%s\": expected "
		    "AS numbers separated by spaces\n", aspath);
		return MC_EXIT_ERROR;
	}

	a = mc_arena_new();
	mc_diag_init(&diag, a);
	if ((dev = load_one(a, file, vendor, &diag)) == NULL) {
		mc_print_errors(stderr, &diag);
		mc_arena_free(a);
		return MC_EXIT_ERROR;
	}
	if ((n = find_neighbor(dev, nbr, vrf)) == NULL) {
		fprintf(stderr, "manrs-check: %s: no neighbour %s%s%s\n", file,
		    nbr, vrf ? " in vrf " : "", vrf ? vrf : "");
		list_neighbors(dev);
		mc_arena_free(a);
		return MC_EXIT_ERROR;
	}
	/* A route received from the neighbour carries its AS first; one we
	 * send starts empty (we prepend on the wire). */
	if (aspath == NULL && dir == MC_DIR_IN &&
	    n->remote_as_kind == MC_RAS_NUMBER) {
		rt.path[0] = n->remote_as;
		rt.path_len = 1;
	}

	eng = mc_engine_new(dev, a);
	res = mc_eval_route(eng, n, dir, &rt);

	printf("route %s as-path %s", mc_prefix_str(a, &rt.prefix),
	    rt.path_len > 0 ? mc_route_path_str(a, &rt) : "(empty)");
	if (rt.ncomms > 0)
		printf(" communities %s", mc_route_comm_str(a, &rt));
	printf(" rpki %s\n", rov_name(rt.rov));
	printf("%s neighbour %s", dir == MC_DIR_IN ? "import from" :
	    "export to", n->address ? n->address : n->name ? n->name : "?");
	if (n->remote_as_kind == MC_RAS_NUMBER)
		printf(" (AS%u)", n->remote_as);
	printf(", %s line %d\n\n", dev->file, n->line);

	printf("%s%s%s\n", res.accept ? "ACCEPT" : "REJECT",
	    res.by_default ? " (vendor default)" : "",
	    res.approximate ? " (approximate: part of the policy was not "
	    "understood)" : "");
	for (i = 0; i < res.trace.n; i++) {
		const mc_trace_step *s = &res.trace.v[i];

		printf("  %zu. ", i + 1);
		if (s->policy != NULL) {
			printf("%s", s->policy);
			if (s->term != NULL)
				printf(" term %s", s->term);
		} else
			printf("(vendor default)");
		if (s->line > 0)
			printf(" at %s:%d", dev->file, s->line);
		if (s->what != NULL)
			printf(": %s", s->what);
		printf("\n");
	}
	if (res.decided_by != NULL) {
		printf("decided by: %s", res.decided_by);
		if (res.decided_line > 0)
			printf(" (%s:%d)", dev->file, res.decided_line);
		printf("\n");
	}
	if (res.accept && route_changed(&rt, &res.out)) {
		printf("after the policy: as-path %s",
		    res.out.path_len > 0 ? mc_route_path_str(a, &res.out) :
		    "(empty)");
		if (res.out.ncomms > 0)
			printf(" communities %s", mc_route_comm_str(a, &res.out));
		printf("\n");
	}
	rc = res.accept ? MC_EXIT_OK : MC_EXIT_FINDINGS;
	if (fflush(stdout) != 0)
		rc = MC_EXIT_ERROR;
	mc_engine_free(eng);
	mc_arena_free(a);
	return rc;
}
