/*
 * manrs-check filter AS-SET|ASN --irr FILE...: the prefix filter the IRR
 * implies (route/route6 objects of every ASN the as-set expands to), in
 * the syntax of a router, ready to paste, as bgpq4 prints it.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "manrs/irr.h"

int mc_cmd_filter(int argc, char **argv);

#define FILTER_FILES_MAX 64
#define FILTER_ASNS_MAX ((uint64_t)4 * 1024 * 1024)	/* against AS0-AS4294967295 */

enum { F_IRR = 256, F_VENDOR, F_AGGREGATE, F_NAME, F_HELP };

static const struct option filter_opts[] = {
	{ "irr", required_argument, NULL, F_IRR },
	{ "vendor", required_argument, NULL, F_VENDOR },
	{ "aggregate", no_argument, NULL, F_AGGREGATE },
	{ "name", required_argument, NULL, F_NAME },
	{ "help", no_argument, NULL, F_HELP },
	{ NULL, 0, NULL, 0 },
};

static const char filter_usage[] =
"usage: manrs-check filter AS-SET|ASN --irr FILE... [--vendor V] [-4|-6]\n"
"                          [--aggregate] [--name LIST]\n"
"  --vendor V   ios (default), iosxe, eos, frr, iosxr, junos, bird, openbgpd\n"
"  -4, -6       IPv4 (default) or IPv6 route objects\n"
"  --aggregate  merge into length ranges as bgpq4 -A does (not for junos)\n"
"  --name LIST  name of the prefix list (default NN, as bgpq4)\n";

/* A prefix and a length range: every prefix of length lo..hi under p is
 * in the list (bgpq4 -A's aggregates). */
typedef struct agg {
	mc_prefix p;
	uint8_t lo, hi;
	bool dead;
} agg;

static int
acmp(const void *a, const void *b)
{
	const agg *x = a, *y = b;
	int c;

	if ((c = mc_prefix_cmp(&x->p, &y->p)) != 0)
		return c;
	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	return x->hi < y->hi ? -1 : x->hi > y->hi;
}

static agg *
agg_find(agg *v, size_t n, const mc_prefix *p, int lo, int hi)
{
	agg key, *f;

	memset(&key, 0, sizeof(key));
	key.p = *p;
	key.lo = (uint8_t)lo;
	key.hi = (uint8_t)hi;
	f = bsearch(&key, v, n, sizeof(*v), acmp);
	return f != NULL && !f->dead ? f : NULL;
}

/*
 * Aggregation as bgpq4 -A does it, from the longest length up: two
 * sibling entries with the same range become their parent with that
 * range, and a prefix present itself absorbs the range of its children
 * that starts one bit longer ("/20 le 21").  The prefixes matched stay
 * exactly the same.  v is sorted and unique on entry; returns the count.
 */
static size_t
aggregate(agg **vp, size_t n, size_t *cap, int bits)
{
	agg *v = *vp, *o, *sib;
	size_t i, k, nn;
	bool dirty = true;	/* sort only after a change: 128 levels */
	int l;

	for (l = bits; l >= 1; l--) {
		if (dirty)
			qsort(v, n, sizeof(*v), acmp);
		dirty = false;
		/* A prefix absorbs the children's range one bit longer. */
		for (i = 0; i < n; i++) {
			if (v[i].dead || v[i].p.len != l || v[i].lo != l ||
			    v[i].hi != l)
				continue;
			for (k = i + 1; k < n && mc_prefix_eq(&v[k].p, &v[i].p);
			    k++)
				if (!v[k].dead && v[k].lo == l + 1 &&
				    v[k].hi >= v[i].hi) {
					v[i].hi = v[k].hi;
					v[k].dead = true;
					dirty = true;
				}
		}
		/* Siblings with the same range become their parent. */
		nn = n;
		for (i = 0; i < n; i++) {
			mc_prefix s;

			if (v[i].dead || v[i].p.len != l ||
			    mc_prefix_bit(&v[i].p, l - 1) != 0)
				continue;
			s = v[i].p;
			mc_prefix_set_bit(&s, l - 1, 1);
			if ((sib = agg_find(v, n, &s, v[i].lo, v[i].hi)) == NULL)
				continue;
			if (nn == *cap) {
				*cap *= 2;
				if ((v = realloc(v, *cap * sizeof(*v))) == NULL) {
					fputs("manrs-check: out of memory\n", stderr);
					abort();
				}
				sib = agg_find(v, n, &s, v[i].lo, v[i].hi);
			}
			o = &v[nn++];
			dirty = true;
			*o = v[i];
			o->p = mc_prefix_trunc(&v[i].p, l - 1);
			v[i].dead = sib->dead = true;
		}
		/* Drop the dead, keep the array small. */
		for (i = k = 0; i < nn; i++)
			if (!v[i].dead)
				v[k++] = v[i];
		n = k;
	}
	qsort(v, n, sizeof(*v), acmp);
	*vp = v;
	return n;
}

/* Range suffix: "", " le 21", " ge 24 le 24" (IOS, EOS, FRR, XR). */
static const char *
range_ios(const agg *a, char *buf, size_t len)
{
	if (a->lo == a->p.len && a->hi == a->p.len)
		buf[0] = '\0';
	else if (a->lo == a->p.len)
		snprintf(buf, len, " le %u", a->hi);
	else
		snprintf(buf, len, " ge %u le %u", a->lo, a->hi);
	return buf;
}

static void
print_list(FILE *out, const char *vendor, const char *name, int af,
    const agg *v, size_t n)
{
	const char *ip = af == MC_AF6 ? "ipv6" : "ip";
	char buf[MC_PREFIX_STRLEN], r[32];
	size_t i;

	if (strcmp(vendor, "junos") == 0) {
		fprintf(out, "policy-options {\nreplace:\n prefix-list %s {\n",
		    name);
		for (i = 0; i < n; i++)
			fprintf(out, "    %s;\n", mc_prefix_fmt(&v[i].p, buf));
		fputs(" }\n}\n", out);
	} else if (strcmp(vendor, "iosxr") == 0) {
		fprintf(out, "no prefix-set %s\nprefix-set %s\n", name, name);
		for (i = 0; i < n; i++)
			fprintf(out, " %s%s%s\n", mc_prefix_fmt(&v[i].p, buf),
			    range_ios(&v[i], r, sizeof(r)), i + 1 < n ? "," : "");
		fputs("end-set\n", out);
	} else if (strcmp(vendor, "bird") == 0) {
		fprintf(out, "define %s = [\n", name);
		for (i = 0; i < n; i++) {
			if (v[i].lo == v[i].p.len && v[i].hi == v[i].p.len)
				r[0] = '\0';
			else
				snprintf(r, sizeof(r), "{%u,%u}", v[i].lo,
				    v[i].hi);
			fprintf(out, "    %s%s%s\n", mc_prefix_fmt(&v[i].p, buf),
			    r, i + 1 < n ? "," : "");
		}
		fputs("];\n", out);
	} else if (strcmp(vendor, "openbgpd") == 0) {
		fprintf(out, "prefix-set %s {\n", name);
		for (i = 0; i < n; i++) {
			if (v[i].lo == v[i].p.len && v[i].hi == v[i].p.len)
				r[0] = '\0';
			else
				snprintf(r, sizeof(r), " prefixlen %u - %u",
				    v[i].lo, v[i].hi);
			fprintf(out, "\t%s%s\n", mc_prefix_fmt(&v[i].p, buf), r);
		}
		fputs("}\n", out);
	} else if (strcmp(vendor, "eos") == 0) {
		fprintf(out, "no %s prefix-list %s\n%s prefix-list %s\n", ip,
		    name, ip, name);
		for (i = 0; i < n; i++)
			fprintf(out, "   seq %zu permit %s%s\n", (i + 1) * 10,
			    mc_prefix_fmt(&v[i].p, buf),
			    range_ios(&v[i], r, sizeof(r)));
	} else {		/* ios, iosxe, frr */
		fprintf(out, "no %s prefix-list %s\n", ip, name);
		for (i = 0; i < n; i++)
			fprintf(out, "%s prefix-list %s permit %s%s\n", ip, name,
			    mc_prefix_fmt(&v[i].p, buf),
			    range_ios(&v[i], r, sizeof(r)));
	}
}

int
mc_cmd_filter(int argc, char **argv)
{
	static const char *vendors[] = { "ios", "iosxe", "frr", "eos", "iosxr",
	    "junos", "bird", "openbgpd" };
	const char *files[FILTER_FILES_MAX], *vendor = "ios", *name = "NN";
	const mc_irr_route **rv = NULL;
	mc_irr_expansion e;
	agg *pv = NULL;
	size_t i, k, np = 0, cap = 0, nr, nfiles = 0;
	uint64_t asn, nasn = 0;
	mc_arena *a;
	mc_diag diag;
	mc_irr *irr;
	int c, af = MC_AF4, rc = MC_EXIT_OK;
	bool known = false, aggr = false;

	optind = 1;
	while ((c = getopt_long(argc, argv, "46h", filter_opts, NULL)) != -1) {
		switch (c) {
		case '4':
			af = MC_AF4;
			break;
		case '6':
			af = MC_AF6;
			break;
		case F_IRR:
			if (nfiles >= FILTER_FILES_MAX) {
				fputs("manrs-check filter: too many --irr files\n",
				    stderr);
				return MC_EXIT_ERROR;
			}
			files[nfiles++] = optarg;
			break;
		case F_VENDOR:
			vendor = optarg;
			break;
		case F_NAME:
			name = optarg;
			break;
		case F_AGGREGATE:
			aggr = true;
			break;
		case 'h':
		case F_HELP:
			fputs(filter_usage, stdout);
			return MC_EXIT_OK;
		default:
			fputs(filter_usage, stderr);
			return MC_EXIT_ERROR;
		}
	}
	for (i = 0; i < sizeof(vendors) / sizeof(vendors[0]); i++)
		known |= strcmp(vendor, vendors[i]) == 0;
	if (!known || optind + 1 != argc || nfiles == 0 || name[0] == '\0' ||
	    strcspn(name, " \t\r\n;{}[]\"'") != strlen(name)) {
		if (!known)
			fprintf(stderr, "manrs-check filter: --vendor %s: not "
			    "supported\n", vendor);
		fputs(filter_usage, stderr);
		return MC_EXIT_ERROR;
	}

	if (aggr && strcmp(vendor, "junos") == 0) {
		/* As bgpq4: a prefix-list has no length ranges. */
		fputs("manrs-check filter: --aggregate needs length ranges, "
		    "which Junos prefix-lists do not have\n", stderr);
		return MC_EXIT_ERROR;
	}
	a = mc_arena_new();
	mc_diag_init(&diag, a);
	irr = mc_irr_new();
	for (i = 0; i < nfiles; i++)
		if (mc_irr_load(irr, files[i], &diag) != 0)
			break;
	if (diag.errors.n > 0) {
		mc_print_errors(stderr, &diag);
		rc = MC_EXIT_ERROR;
		goto out;
	}
	mc_irr_finish(irr);
	if (!mc_irr_expand(irr, argv[optind], &e)) {
		fprintf(stderr, "manrs-check filter: %s: no such as-set in the "
		    "IRR data\n", argv[optind]);
		rc = MC_EXIT_ERROR;
		goto out;
	}
	if (e.cycle)
		fprintf(stderr, "manrs-check filter: %s: an as-set includes "
		    "itself (the loop is ignored)\n", argv[optind]);
	if (e.too_deep)
		fprintf(stderr, "manrs-check filter: %s: as-sets nested deeper "
		    "than %d (cut there)\n", argv[optind], MC_IRR_EXPAND_DEPTH);
	if (e.missing > 0)
		fprintf(stderr, "manrs-check filter: %s: %zu as-set(s) not in "
		    "the IRR data, e.g. %s\n", argv[optind], e.missing,
		    e.first_missing);
	for (i = 0; i < e.n; i++)
		nasn += (uint64_t)e.v[i].hi - e.v[i].lo + 1;
	if (nasn > FILTER_ASNS_MAX) {
		fprintf(stderr, "manrs-check filter: %s expands to %llu ASNs: "
		    "too many (an ASN range?)\n", argv[optind],
		    (unsigned long long)nasn);
		mc_irr_expansion_free(&e);
		rc = MC_EXIT_ERROR;
		goto out;
	}
	for (i = 0; i < e.n; i++)
		for (asn = e.v[i].lo; asn <= e.v[i].hi; asn++) {
			nr = mc_irr_routes_of(irr, (uint32_t)asn, af, NULL, 0);
			if (nr == 0)
				continue;
			rv = realloc(rv, nr * sizeof(*rv));
			if (np + nr > cap) {
				cap = (np + nr) * 2;
				pv = realloc(pv, cap * sizeof(*pv));
			}
			if (rv == NULL || pv == NULL) {
				fputs("manrs-check: out of memory\n", stderr);
				abort();
			}
			mc_irr_routes_of(irr, (uint32_t)asn, af, rv, nr);
			for (k = 0; k < nr; k++) {
				memset(&pv[np], 0, sizeof(pv[np]));
				pv[np].p = rv[k]->p;
				pv[np].lo = pv[np].hi = rv[k]->p.len;
				np++;
			}
		}
	mc_irr_expansion_free(&e);
	if (np > 1)
		qsort(pv, np, sizeof(*pv), acmp);
	for (i = k = 0; i < np; i++)
		if (k == 0 || !mc_prefix_eq(&pv[k - 1].p, &pv[i].p))
			pv[k++] = pv[i];
	np = k;
	if (aggr && np > 0)
		np = aggregate(&pv, np, &cap, mc_af_bits(af));
	if (np == 0) {
		fprintf(stderr, "manrs-check filter: %s: no %s objects\n",
		    argv[optind], af == MC_AF6 ? "route6" : "route");
		rc = MC_EXIT_FINDINGS;
		goto out;
	}
	print_list(stdout, vendor, name, af, pv, np);
	if (fflush(stdout) != 0)
		rc = MC_EXIT_ERROR;
out:
	free(rv);
	free(pv);
	mc_irr_free(irr);
	mc_arena_free(a);
	return rc;
}
