/*
 * Neighbour roles.  Order (DESIGN.md section 7): the policy file's first
 * matching entry; the RFC 9234 role configured on the session; iBGP;
 * route-server-client configured on us; keywords in the description, the
 * peer-group name, and the names of the policies applied.  Otherwise
 * unknown.  role_source says which one decided.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <ctype.h>
#include <pcre2.h>
#include <string.h>
#include <strings.h>

#include "rules_int.h"

bool
mc_is_ebgp(const mc_device *d, const mc_neighbor *n)
{
	uint32_t local;

	/* The operator's word wins (confederation members, odd setups). */
	if (n->role_source != NULL && strcmp(n->role_source, "policy") == 0) {
		if (n->role == MC_ROLE_INTERNAL)
			return false;
		if (n->role != MC_ROLE_UNKNOWN)
			return true;
	}
	switch (n->remote_as_kind) {
	case MC_RAS_EXTERNAL:
		return true;
	case MC_RAS_INTERNAL:
		return false;
	case MC_RAS_NUMBER:
		local = n->local_as != 0 ? n->local_as : d->bgp.asn;
		return local == 0 || n->remote_as != local;
	default:
		return n->role != MC_ROLE_UNKNOWN && n->role != MC_ROLE_INTERNAL;
	}
}

/* ---- names -------------------------------------------------------------- */

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL ? s + 1 : path;
}

bool
mc_pf_device_match(const char *want, const mc_device *d)
{
	const char *b, *dot;

	if (want == NULL)
		return true;
	if (d->hostname != NULL && strcasecmp(want, d->hostname) == 0)
		return true;
	if (d->file == NULL)
		return false;
	if (strcmp(want, d->file) == 0)
		return true;
	b = base_name(d->file);
	if (strcmp(want, b) == 0)
		return true;
	dot = strrchr(b, '.');
	return dot != NULL && dot != b && strlen(want) == (size_t)(dot - b) &&
	    strncmp(want, b, (size_t)(dot - b)) == 0;
}

bool
mc_ifname_match(const char *pat, const char *name)
{
	size_t pa = 0, na = 0;

	if (pat == NULL || name == NULL)
		return false;
	if (strcasecmp(pat, name) == 0)
		return true;
	while (isalpha((unsigned char)pat[pa]))
		pa++;
	while (isalpha((unsigned char)name[na]))
		na++;
	if (pa < 2 || pa > na || strncasecmp(pat, name, pa) != 0)
		return false;
	/* "Gi 0/1" and "Gi0/1" name the same port. */
	while (pat[pa] == ' ')
		pa++;
	while (name[na] == ' ')
		na++;
	return strcasecmp(pat + pa, name + na) == 0;
}

static bool
addr_match(const char *want, const mc_neighbor *n)
{
	mc_prefix a;

	if (n->address != NULL && strcmp(want, n->address) == 0)
		return true;
	if (n->name != NULL && strcmp(want, n->name) == 0)
		return true;
	return n->addr.af != 0 && mc_addr_parse(want, strlen(want), &a) &&
	    mc_prefix_eq(&a, &n->addr);
}

static bool
vrf_match(const char *want, const char *have)
{
	bool wdef = strcmp(want, "default") == 0 || strcmp(want, "global") == 0;

	if (have == NULL || strcmp(have, "default") == 0)
		return wdef;
	return strcmp(want, have) == 0;
}

/* ---- policy-file matching ----------------------------------------------- */

typedef struct re_cache {
	pcre2_code **code;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
} re_cache;

static void
re_init(re_cache *rc, const mc_policyfile *pf)
{
	size_t i;
	int err;
	PCRE2_SIZE off;

	memset(rc, 0, sizeof(*rc));
	if (pf->neighbors.n == 0)
		return;
	rc->code = calloc(pf->neighbors.n, sizeof(*rc->code));
	if (rc->code == NULL)
		return;
	for (i = 0; i < pf->neighbors.n; i++)
		if (pf->neighbors.v[i].description != NULL)
			rc->code[i] = pcre2_compile(
			    (PCRE2_SPTR)pf->neighbors.v[i].description,
			    PCRE2_ZERO_TERMINATED, 0, &err, &off, NULL);
	rc->md = pcre2_match_data_create(4, NULL);
	rc->mctx = pcre2_match_context_create(NULL);
	if (rc->mctx != NULL)
		pcre2_set_match_limit(rc->mctx, 200000);
}

static void
re_free(re_cache *rc, const mc_policyfile *pf)
{
	size_t i;

	if (rc->code != NULL)
		for (i = 0; i < pf->neighbors.n; i++)
			pcre2_code_free(rc->code[i]);
	free(rc->code);
	pcre2_match_data_free(rc->md);
	pcre2_match_context_free(rc->mctx);
}

static bool
re_match(re_cache *rc, size_t i, const char *s)
{
	if (s == NULL || rc->code == NULL || rc->code[i] == NULL || rc->md == NULL)
		return false;
	return pcre2_match(rc->code[i], (PCRE2_SPTR)s, strlen(s), 0, 0, rc->md,
	    rc->mctx) >= 0;
}

static const mc_nbr_match *
match_one(const mc_policyfile *pf, const mc_device *d, const mc_neighbor *n,
    re_cache *rc)
{
	size_t i;

	for (i = 0; i < pf->neighbors.n; i++) {
		const mc_nbr_match *m = &pf->neighbors.v[i];

		if (m->device != NULL && !mc_pf_device_match(m->device, d))
			continue;
		if (m->address != NULL && !addr_match(m->address, n))
			continue;
		if (m->vrf != NULL && !vrf_match(m->vrf, n->vrf))
			continue;
		if (m->has_remote_as && (n->remote_as_kind != MC_RAS_NUMBER ||
		    n->remote_as != m->remote_as))
			continue;
		if (m->description != NULL && !re_match(rc, i, n->description) &&
		    !(n->description == NULL && re_match(rc, i, n->name)))
			continue;
		return m;
	}
	return NULL;
}

void
mc_pf_match_all(const mc_policyfile *pf, const mc_device *d,
    const mc_nbr_match **out)
{
	re_cache rc;
	size_t i;

	if (pf == NULL) {
		for (i = 0; i < d->neighbors.n; i++)
			out[i] = NULL;
		return;
	}
	re_init(&rc, pf);
	for (i = 0; i < d->neighbors.n; i++)
		out[i] = match_one(pf, d, d->neighbors.v[i], &rc);
	re_free(&rc, pf);
}

const mc_nbr_match *
mc_pf_match(const mc_policyfile *pf, const mc_device *d, const mc_neighbor *n)
{
	const mc_nbr_match *m;
	re_cache rc;

	if (pf == NULL)
		return NULL;
	re_init(&rc, pf);
	m = match_one(pf, d, n, &rc);
	re_free(&rc, pf);
	return m;
}

/* ---- inference ---------------------------------------------------------- */

/* RFC 9234 roles are configured as our own role on the session (FRR
 * local-role, BIRD local role, OpenBGPD announce policy / role): the
 * neighbour's is the opposite. */
static mc_role
from_bgp_role(const char *s)
{
	char w[32];
	size_t i, n = 0;

	for (i = 0; s[i] != '\0' && s[i] != ' ' && n + 1 < sizeof(w); i++)
		if (s[i] != '-' && s[i] != '_')
			w[n++] = (char)tolower((unsigned char)s[i]);
	w[n] = '\0';
	if (strcmp(w, "provider") == 0)
		return MC_ROLE_CUSTOMER;
	if (strcmp(w, "customer") == 0)
		return MC_ROLE_PROVIDER;
	if (strcmp(w, "peer") == 0)
		return MC_ROLE_PEER;
	if (strcmp(w, "rsserver") == 0 || strcmp(w, "rs") == 0 ||
	    strcmp(w, "routeserver") == 0)
		return MC_ROLE_RS_CLIENT;
	if (strcmp(w, "rsclient") == 0 || strcmp(w, "routeserverclient") == 0)
		return MC_ROLE_RS;
	return MC_ROLE_UNKNOWN;
}

static const char *const kw_rs[] = { "rs", "routeserver", "routeservers", NULL };
static const char *const kw_cust[] = { "customer", "customers", "cust",
    "custs", "downstream", "downstreams", NULL };
static const char *const kw_prov[] = { "transit", "upstream", "upstreams",
    "provider", "providers", NULL };
static const char *const kw_peer[] = { "peer", "peers", "peering", "ix",
    "ixp", "pni", NULL };

static bool
kw_in(const char *const *kw, const char *tok)
{
	for (; *kw != NULL; kw++)
		if ((*kw)[0] == tok[0] && strcmp(*kw, tok) == 0)
			return true;
	return false;
}

/*
 * Keywords as whole words: "CUST-ACME" and "Transit: Foo" count, "Peers"
 * counts, "PeerlessCorp" does not.  Trailing digits are ignored ("rs1").
 * Priority when several appear: route server, customer, provider, peer.
 */
mc_role
mc_role_from_keywords(const char *s)
{
	char tok[40], prev[40] = "";
	bool rs = false, cust = false, prov = false, peer = false;
	size_t i = 0, n;

	if (s == NULL)
		return MC_ROLE_UNKNOWN;
	while (s[i] != '\0') {
		while (s[i] != '\0' && !isalnum((unsigned char)s[i]))
			i++;
		n = 0;
		while (isalnum((unsigned char)s[i])) {
			if (n + 1 < sizeof(tok))
				tok[n++] = (char)tolower((unsigned char)s[i]);
			i++;
		}
		while (n > 1 && isdigit((unsigned char)tok[n - 1]))
			n--;
		tok[n] = '\0';
		if (n == 0)
			continue;
		/* every keyword, and "server", starts with one of these */
		if (strchr("cdiprstu", tok[0]) != NULL) {
			if (kw_in(kw_rs, tok) || (strcmp(prev, "route") == 0 &&
			    strcmp(tok, "server") == 0))
				rs = true;
			else if (kw_in(kw_cust, tok))
				cust = true;
			else if (kw_in(kw_prov, tok))
				prov = true;
			else if (kw_in(kw_peer, tok))
				peer = true;
		}
		memcpy(prev, tok, n + 1);
	}
	if (rs)
		return MC_ROLE_RS;
	if (cust)
		return MC_ROLE_CUSTOMER;
	if (prov)
		return MC_ROLE_PROVIDER;
	if (peer)
		return MC_ROLE_PEER;
	return MC_ROLE_UNKNOWN;
}

static mc_role
from_policy_names(const mc_neighbor *n)
{
	int afi, dir;
	size_t i, j;
	mc_role r;

	for (dir = 0; dir < 2; dir++)
		for (afi = 0; afi < MC_AFI_COUNT; afi++) {
			const mc_direction_policy *dp = dir == 0 ?
			    &n->af[afi].in : &n->af[afi].out;

			for (i = 0; i < dp->stages.n; i++)
				for (j = 0; j < dp->stages.v[i].chain.n; j++) {
					r = mc_role_from_keywords(
					    dp->stages.v[i].chain.v[j].name);
					if (r != MC_ROLE_UNKNOWN)
						return r;
				}
		}
	return MC_ROLE_UNKNOWN;
}

static bool
is_ibgp(const mc_device *d, const mc_neighbor *n, uint32_t pf_asn)
{
	uint32_t local;

	if (n->remote_as_kind == MC_RAS_INTERNAL)
		return true;
	if (n->remote_as_kind != MC_RAS_NUMBER)
		return false;
	local = n->local_as != 0 ? n->local_as :
	    (d->bgp.asn != 0 ? d->bgp.asn : pf_asn);
	return local != 0 && n->remote_as == local;
}

static void
infer(mc_device *d, mc_neighbor *n, const mc_nbr_match *m, uint32_t pf_asn)
{
	mc_role r;
	int afi;

	if (m != NULL && m->role != MC_ROLE_UNKNOWN) {
		n->role = m->role;
		n->role_source = "policy";
		return;
	}
	if (n->bgp_role != NULL &&
	    (r = from_bgp_role(n->bgp_role)) != MC_ROLE_UNKNOWN) {
		n->role = r;
		n->role_source = "bgp-role";
		return;
	}
	if (is_ibgp(d, n, pf_asn)) {
		n->role = MC_ROLE_INTERNAL;
		n->role_source = "ibgp";
		return;
	}
	for (afi = 0; afi < MC_AFI_COUNT; afi++)
		if (n->af[afi].rs_client) {
			n->role = MC_ROLE_RS_CLIENT;
			n->role_source = "route-server-client";
			return;
		}
	r = mc_role_from_keywords(n->description);
	if (r == MC_ROLE_UNKNOWN && n->description == NULL)
		r = mc_role_from_keywords(n->name);
	if (r != MC_ROLE_UNKNOWN) {
		n->role = r;
		n->role_source = "description";
		return;
	}
	if ((r = mc_role_from_keywords(n->group)) != MC_ROLE_UNKNOWN) {
		n->role = r;
		n->role_source = "group-name";
		return;
	}
	if ((r = from_policy_names(n)) != MC_ROLE_UNKNOWN) {
		n->role = r;
		n->role_source = "policy-name";
		return;
	}
	n->role = MC_ROLE_UNKNOWN;
	n->role_source = "none";
}

void
mc_assign_roles(mc_device *d, const mc_policyfile *pf)
{
	const mc_nbr_match **m = NULL;
	size_t i;

	if (d->neighbors.n == 0)
		return;
	if (pf != NULL) {
		m = mc_alloc(d->arena, d->neighbors.n * sizeof(*m));
		mc_pf_match_all(pf, d, m);
	}
	for (i = 0; i < d->neighbors.n; i++) {
		mc_neighbor *n = d->neighbors.v[i];

		n->role = MC_ROLE_UNKNOWN;
		n->role_source = NULL;
		infer(d, n, m != NULL ? m[i] : NULL, pf != NULL ? pf->asn : 0);
	}
}
