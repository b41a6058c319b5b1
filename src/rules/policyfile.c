/*
 * The YAML policy file (DESIGN.md section 7).  Strict: unknown keys, bad
 * prefixes, roles, ASNs and dates are errors with file:line, so that a
 * typo never silently changes what is checked.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <ctype.h>
#include <errno.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <yaml.h>

#include "rules_int.h"

#define PF_MAX_SIZE (16u << 20)

typedef struct pctx {
	mc_arena *a;
	mc_diag *d;
	const char *file;
	yaml_document_t *doc;
	int errors;
} pctx;

static void
err(pctx *p, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
err(pctx *p, const yaml_node_t *n, const char *fmt, ...)
{
	va_list ap;
	char *m;

	va_start(ap, fmt);
	m = mc_vprintf(p->a, fmt, ap);
	va_end(ap);
	mc_diag_error(p->d, p->file, n != NULL ? (int)n->start_mark.line + 1 : 0,
	    "%s", m);
	p->errors++;
}

static int
line_of(const yaml_node_t *n)
{
	return (int)n->start_mark.line + 1;
}

static yaml_node_t *
node(pctx *p, int id)
{
	return yaml_document_get_node(p->doc, id);
}

/* Scalar text, NULL for YAML null ("", "~", "null"). */
static const char *
scalar(pctx *p, yaml_node_t *n, const char *what)
{
	const char *s;

	if (n == NULL)
		return NULL;
	if (n->type != YAML_SCALAR_NODE) {
		err(p, n, "%s: expected a single value", what);
		return NULL;
	}
	s = mc_strndup(p->a, (const char *)n->data.scalar.value,
	    n->data.scalar.length);
	if (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    (*s == '\0' || strcmp(s, "~") == 0 || strcasecmp(s, "null") == 0))
		return NULL;
	return s;
}

static bool
parse_asn(const char *s, uint32_t *out)
{
	unsigned long long v = 0;
	size_t i = 0;

	if (s == NULL)
		return false;
	if (strncasecmp(s, "AS", 2) == 0)
		i = 2;
	if (s[i] == '\0')
		return false;
	for (; s[i] != '\0'; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
		v = v * 10 + (unsigned)(s[i] - '0');
		if (v > 4294967295ull)
			return false;
	}
	*out = (uint32_t)v;
	return v != 0;
}

static bool
asn_node(pctx *p, yaml_node_t *n, const char *what, uint32_t *out)
{
	const char *s = scalar(p, n, what);

	if (s == NULL)
		return false;
	if (!parse_asn(s, out)) {
		err(p, n, "%s: '%s' is not an AS number (1-4294967295, "
		    "optionally written AS64500)", what, s);
		return false;
	}
	return true;
}

static bool
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool
parse_date(const char *s, int *y, int *m, int *d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return false;
	*y = atoi(s);
	*m = atoi(s + 5);
	*d = atoi(s + 8);
	if (*y < 1970 || *m < 1 || *m > 12 || *d < 1)
		return false;
	return *d <= mdays[*m - 1] + (*m == 2 && leap(*y));
}

static void
prefix_list(pctx *p, yaml_node_t *n, const char *what, void *vecp)
{
	MC_VEC(mc_prefix) *vec = vecp;
	yaml_node_item_t *it;

	if (n->type == YAML_SCALAR_NODE) {
		err(p, n, "%s: expected a list, e.g. [192.0.2.0/24, 2001:db8::/32]",
		    what);
		return;
	}
	if (n->type != YAML_SEQUENCE_NODE) {
		err(p, n, "%s: expected a list of prefixes", what);
		return;
	}
	for (it = n->data.sequence.items.start; it < n->data.sequence.items.top;
	    it++) {
		yaml_node_t *e = node(p, *it);
		const char *s = scalar(p, e, what);
		mc_prefix pf;

		if (s == NULL)
			continue;
		if (strchr(s, '/') == NULL || !mc_prefix_parse_strict(s,
		    strlen(s), &pf)) {
			err(p, e, "%s: '%s' is not a prefix (address/length, "
			    "no host bits set)", what, s);
			continue;
		}
		mc_vec_push(p->a, vec, pf);
	}
}

static mc_role
role_node(pctx *p, yaml_node_t *n)
{
	const char *s = scalar(p, n, "role");
	mc_role r;

	if (s == NULL)
		return MC_ROLE_UNKNOWN;
	r = mc_role_from_name(s);
	if (r == MC_ROLE_UNKNOWN && strcmp(s, "unknown") != 0)
		err(p, n, "role: '%s' is not one of customer, peer, provider, "
		    "route-server, rs-client, internal, monitor", s);
	return r;
}

/* Looks like an address (digits and dots, or has a colon): must parse. */
static bool
looks_like_addr(const char *s)
{
	size_t i;

	if (strchr(s, ':') != NULL)
		return true;
	for (i = 0; s[i] != '\0'; i++)
		if (!isdigit((unsigned char)s[i]) && s[i] != '.')
			return false;
	return true;
}

typedef bool (*key_fn)(pctx *, const char *key, yaml_node_t *val, void *obj);

/* Walk a mapping; reject duplicate keys and non-scalar keys. */
static void
mapping(pctx *p, yaml_node_t *n, const char *what, key_fn fn, void *obj,
    const char *expected)
{
	yaml_node_pair_t *pr;
	const char *seen[32];
	size_t nseen = 0, i;

	if (n->type != YAML_MAPPING_NODE) {
		err(p, n, "%s: expected a mapping of keys to values", what);
		return;
	}
	for (pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top;
	    pr++) {
		yaml_node_t *k = node(p, pr->key), *v = node(p, pr->value);
		const char *key;

		if (k == NULL || v == NULL)
			continue;
		if (k->type != YAML_SCALAR_NODE) {
			err(p, k, "%s: keys must be plain words", what);
			continue;
		}
		key = mc_strndup(p->a, (const char *)k->data.scalar.value,
		    k->data.scalar.length);
		for (i = 0; i < nseen; i++)
			if (strcmp(seen[i], key) == 0)
				break;
		if (i < nseen) {
			err(p, k, "%s: key '%s' given twice", what, key);
			continue;
		}
		if (nseen < sizeof(seen) / sizeof(seen[0]))
			seen[nseen++] = key;
		if (!fn(p, key, v, obj))
			err(p, k, "%s: unknown key '%s' (expected %s)", what, key,
			    expected);
	}
}

/* ---- neighbors ---------------------------------------------------------- */

static bool
nbr_key(pctx *p, const char *key, yaml_node_t *v, void *obj)
{
	mc_nbr_match *m = obj;
	const char *s;
	mc_prefix a;

	if (strcmp(key, "device") == 0)
		m->device = scalar(p, v, "device");
	else if (strcmp(key, "address") == 0) {
		s = scalar(p, v, "address");
		if (s != NULL && looks_like_addr(s) &&
		    !mc_addr_parse(s, strlen(s), &a))
			err(p, v, "address: '%s' is not an IP address", s);
		m->address = s;
	} else if (strcmp(key, "remote_as") == 0)
		m->has_remote_as = asn_node(p, v, "remote_as", &m->remote_as);
	else if (strcmp(key, "description") == 0) {
		int ec;
		PCRE2_SIZE off;
		pcre2_code *re;

		s = scalar(p, v, "description");
		if (s == NULL)
			return true;
		re = pcre2_compile((PCRE2_SPTR)s, PCRE2_ZERO_TERMINATED, 0, &ec,
		    &off, NULL);
		if (re == NULL) {
			PCRE2_UCHAR buf[160];

			pcre2_get_error_message(ec, buf, sizeof(buf));
			err(p, v, "description: bad regular expression '%s' at "
			    "offset %zu: %s", s, (size_t)off, (char *)buf);
		} else
			pcre2_code_free(re);
		m->description = s;
	} else if (strcmp(key, "vrf") == 0)
		m->vrf = scalar(p, v, "vrf");
	else if (strcmp(key, "role") == 0)
		m->role = role_node(p, v);
	else if (strcmp(key, "as_set") == 0)
		m->as_set = scalar(p, v, "as_set");
	else if (strcmp(key, "prefixes") == 0)
		prefix_list(p, v, "prefixes", &m->prefixes);
	else
		return false;
	return true;
}

static bool
iface_key(pctx *p, const char *key, yaml_node_t *v, void *obj)
{
	mc_iface_match *m = obj;

	if (strcmp(key, "device") == 0)
		m->device = scalar(p, v, "device");
	else if (strcmp(key, "name") == 0)
		m->name = scalar(p, v, "name");
	else if (strcmp(key, "role") == 0)
		m->role = role_node(p, v);
	else
		return false;
	return true;
}

static bool
waiver_key(pctx *p, const char *key, yaml_node_t *v, void *obj)
{
	mc_waiver *w = obj;
	const char *s;

	if (strcmp(key, "rule") == 0) {
		s = scalar(p, v, "rule");
		if (s != NULL && strcasecmp(s, "all") != 0 &&
		    mc_rule_find(s) == NULL)
			err(p, v, "rule: '%s' is not a rule ID (see "
			    "`manrs-check rules`)", s);
		w->rule = s;
	} else if (strcmp(key, "device") == 0)
		w->device = scalar(p, v, "device");
	else if (strcmp(key, "neighbor") == 0)
		w->neighbor = scalar(p, v, "neighbor");
	else if (strcmp(key, "interface") == 0)
		w->interface = scalar(p, v, "interface");
	else if (strcmp(key, "reason") == 0)
		w->reason = scalar(p, v, "reason");
	else if (strcmp(key, "expires") == 0) {
		s = scalar(p, v, "expires");
		if (s != NULL && !parse_date(s, &w->exp_y, &w->exp_m, &w->exp_d)) {
			err(p, v, "expires: '%s' is not a date YYYY-MM-DD", s);
			w->exp_y = w->exp_m = w->exp_d = 0;
		}
	} else
		return false;
	return true;
}

static void
sequence(pctx *p, yaml_node_t *n, const char *what,
    void (*each)(pctx *, yaml_node_t *, mc_policyfile *), mc_policyfile *pf)
{
	yaml_node_item_t *it;

	if (n->type != YAML_SEQUENCE_NODE) {
		err(p, n, "%s: expected a list", what);
		return;
	}
	for (it = n->data.sequence.items.start; it < n->data.sequence.items.top;
	    it++) {
		yaml_node_t *e = node(p, *it);

		if (e != NULL)
			each(p, e, pf);
	}
}

static void
each_nbr(pctx *p, yaml_node_t *e, mc_policyfile *pf)
{
	mc_nbr_match m;

	memset(&m, 0, sizeof(m));
	m.line = line_of(e);
	mapping(p, e, "neighbors entry", nbr_key, &m, "device, address, "
	    "remote_as, description, vrf, role, as_set, prefixes");
	mc_vec_push(p->a, &pf->neighbors, m);
}

static void
each_iface(pctx *p, yaml_node_t *e, mc_policyfile *pf)
{
	mc_iface_match m;

	memset(&m, 0, sizeof(m));
	m.line = line_of(e);
	mapping(p, e, "interfaces entry", iface_key, &m, "device, name, role");
	if (e->type == YAML_MAPPING_NODE && m.name == NULL)
		err(p, e, "interfaces entry: 'name' is required");
	if (e->type == YAML_MAPPING_NODE && m.role == MC_ROLE_UNKNOWN)
		err(p, e, "interfaces entry: 'role' is required");
	mc_vec_push(p->a, &pf->interfaces, m);
}

static void
each_waiver(pctx *p, yaml_node_t *e, mc_policyfile *pf)
{
	mc_waiver w;

	memset(&w, 0, sizeof(w));
	w.line = line_of(e);
	mapping(p, e, "waivers entry", waiver_key, &w, "rule, device, "
	    "neighbor, interface, reason, expires");
	if (e->type == YAML_MAPPING_NODE && w.rule == NULL)
		err(p, e, "waivers entry: 'rule' is required");
	mc_vec_push(p->a, &pf->waivers, w);
}

static bool
top_key(pctx *p, const char *key, yaml_node_t *v, void *obj)
{
	mc_policyfile *pf = obj;
	yaml_node_item_t *it;
	uint32_t as;

	if (strcmp(key, "asn") == 0)
		asn_node(p, v, "asn", &pf->asn);
	else if (strcmp(key, "prefixes") == 0)
		prefix_list(p, v, "prefixes", &pf->prefixes);
	else if (strcmp(key, "as_set") == 0)
		pf->as_set = scalar(p, v, "as_set");
	else if (strcmp(key, "neighbors") == 0)
		sequence(p, v, "neighbors", each_nbr, pf);
	else if (strcmp(key, "interfaces") == 0)
		sequence(p, v, "interfaces", each_iface, pf);
	else if (strcmp(key, "waivers") == 0)
		sequence(p, v, "waivers", each_waiver, pf);
	else if (strcmp(key, "transit_free") == 0) {
		if (v->type != YAML_SEQUENCE_NODE) {
			err(p, v, "transit_free: expected a list of AS numbers");
			return true;
		}
		for (it = v->data.sequence.items.start;
		    it < v->data.sequence.items.top; it++)
			if (asn_node(p, node(p, *it), "transit_free", &as))
				mc_vec_push(p->a, &pf->transit_free, as);
	} else
		return false;
	return true;
}

static mc_policyfile *
load_buf(mc_arena *a, const char *path, const unsigned char *buf, size_t len,
    mc_diag *d)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root;
	mc_policyfile *pf;
	pctx p;

	memset(&p, 0, sizeof(p));
	p.a = a;
	p.d = d;
	p.file = path;
	if (!yaml_parser_initialize(&parser)) {
		mc_diag_error(d, path, 0, "cannot initialise the YAML parser");
		return NULL;
	}
	yaml_parser_set_input_string(&parser, buf, len);
	if (!yaml_parser_load(&parser, &doc)) {
		mc_diag_error(d, path, (int)parser.problem_mark.line + 1,
		    "YAML error: %s%s%s", parser.problem != NULL ?
		    parser.problem : "syntax error", parser.context != NULL ?
		    " " : "", parser.context != NULL ? parser.context : "");
		yaml_parser_delete(&parser);
		return NULL;
	}
	p.doc = &doc;
	pf = mc_alloc(a, sizeof(*pf));
	pf->file = mc_strdup(a, path);
	root = yaml_document_get_root_node(&doc);
	if (root != NULL) {
		if (root->type == YAML_SCALAR_NODE &&
		    root->data.scalar.length == 0)
			;	/* empty document */
		else
			mapping(&p, root, "policy file", top_key, pf, "asn, "
			    "prefixes, as_set, neighbors, interfaces, waivers, "
			    "transit_free");
	}
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	return p.errors > 0 ? NULL : pf;
}

/* Exposed for tests: parse text as if it were the file `name`. */
mc_policyfile *
mc_policyfile_parse(mc_arena *a, const char *name, const char *text,
    size_t len, mc_diag *d)
{
	return load_buf(a, name, (const unsigned char *)text, len, d);
}

mc_policyfile *
mc_policyfile_load(mc_arena *a, const char *path, mc_diag *d)
{
	struct stat st;
	unsigned char *buf;
	mc_policyfile *pf;
	FILE *fp;
	size_t n;

	if ((fp = fopen(path, "rb")) == NULL) {
		mc_diag_error(d, path, 0, "cannot read policy file: %s",
		    strerror(errno));
		return NULL;
	}
	if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode) ||
	    (unsigned long long)st.st_size > PF_MAX_SIZE) {
		mc_diag_error(d, path, 0, "policy file is not a regular file "
		    "of at most %u MiB", PF_MAX_SIZE >> 20);
		fclose(fp);
		return NULL;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (buf == NULL) {
		fclose(fp);
		mc_diag_error(d, path, 0, "out of memory");
		return NULL;
	}
	n = fread(buf, 1, (size_t)st.st_size, fp);
	fclose(fp);
	pf = load_buf(a, path, buf, n, d);
	free(buf);
	return pf;
}
