/*
 * Fix texts: the configuration lines, in the device's own syntax, that
 * make a finding go away.  One switch per vendor family; the IOS family
 * (IOS, IOS-XE, NX-OS-ish), EOS and FRR share a generator with small
 * dialect differences.  FRR, BIRD and OpenBGPD forms were checked with
 * `vtysh -C`, `bird -p` and `bgpd -n`.  Names we invent start with MANRS-.
 * Placeholders the operator must fill are in <angle brackets>.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules_int.h"

typedef struct fx {
	mc_rule_ctx *ctx;
	const mc_fix_arg *a;
	char *buf;
	size_t len, cap;
} fx;

static void
L(fx *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
L(fx *f, const char *fmt, ...)
{
	va_list ap;
	size_t room;
	int n;

	/* Formatted in place: fix texts run to dozens of lines each, and
	 * a copy per line through the arena showed in profiles. */
	for (;;) {
		room = f->cap > f->len ? f->cap - f->len : 0;
		va_start(ap, fmt);
		n = mc_vsnprintf(room > 0 ? f->buf + f->len : NULL, room, fmt,
		    ap);
		va_end(ap);
		if (n < 0)
			return;
		if ((size_t)n + 2 <= room)
			break;
		{
			size_t cap = (f->cap ? f->cap * 2 : 512) + (size_t)n + 2;
			char *nb = mc_alloc_nz(f->ctx->arena, cap);

			if (f->len > 0)
				memcpy(nb, f->buf, f->len);
			f->buf = nb;
			f->cap = cap;
		}
	}
	f->len += (size_t)n;
	f->buf[f->len++] = '\n';
	f->buf[f->len] = '\0';
}

static const char *
done(fx *f)
{
	if (f->len == 0)
		return NULL;
	if (f->buf[f->len - 1] == '\n')
		f->buf[--f->len] = '\0';
	return f->buf;
}

/* ---- shared facts ------------------------------------------------------- */

static const char *
asn_s(fx *f)
{
	uint32_t as = mc_dev_asn(f->ctx);

	return as != 0 ? mc_printf(f->ctx->arena, "%u", as) : "<ASN>";
}

static const char *
nbr_s(fx *f)
{
	return f->a->nbr != NULL ? mc_nbr_id(f->a->nbr) : "<neighbor>";
}

static uint32_t
nbr_as(fx *f)
{
	return f->a->nbr != NULL ? mc_nbr_asn(f->ctx->dev, f->a->nbr) : 0;
}

static const char *
nbr_as_s(fx *f)
{
	uint32_t as = nbr_as(f);

	return as != 0 ? mc_printf(f->ctx->arena, "%u", as) : "<neighbor-AS>";
}

/* The policy applied in this direction, if any. */
static const char *
cur_policy(fx *f)
{
	const mc_neighbor *n = f->a->nbr;
	const mc_direction_policy *dp;
	size_t i, j;

	if (n == NULL)
		return NULL;
	dp = f->a->dir == MC_DIR_IN ? &n->af[f->a->afi].in :
	    &n->af[f->a->afi].out;
	for (i = 0; i < dp->stages.n; i++)
		for (j = 0; j < dp->stages.v[i].chain.n; j++)
			if (dp->stages.v[i].chain.v[j].kind == MC_REF_POLICY &&
			    mc_dev_policy(f->ctx->dev,
			    dp->stages.v[i].chain.v[j].name) != NULL)
				return dp->stages.v[i].chain.v[j].name;
	return NULL;
}

static int
first_seq(fx *f, const char *pol)
{
	const mc_policy *p = mc_dev_policy(f->ctx->dev, pol);

	if (p == NULL || p->terms.n == 0 || p->terms.v[0].name == NULL)
		return 10;
	return atoi(p->terms.v[0].name);
}

static const char *
dir_word(fx *f)
{
	return f->a->dir == MC_DIR_IN ? "in" : "out";
}

static bool
v6(fx *f)
{
	return f->a->afi == MC_AFI_V6;
}

/* Our RFC 9234 role towards the neighbour. */
static const char *
local_role(fx *f, bool bird)
{
	switch (f->a->nbr != NULL ? f->a->nbr->role : MC_ROLE_UNKNOWN) {
	case MC_ROLE_CUSTOMER:
		return "provider";
	case MC_ROLE_PROVIDER:
		return "customer";
	case MC_ROLE_PEER:
		return "peer";
	case MC_ROLE_RS:
		return bird ? "rs_client" : "rs-client";
	case MC_ROLE_RS_CLIENT:
		return bird ? "rs_server" : "rs-server";
	default:
		return "<provider|customer|peer|rs-server|rs-client>";
	}
}

/* Own prefixes for export filters: policy file, else device origins. */
static size_t
own_prefixes(fx *f, const mc_prefix **out, mc_prefix *tmp, size_t max)
{
	const mc_policyfile *pf = f->ctx->opts != NULL ?
	    f->ctx->opts->policy : NULL;
	int af = mc_afi_af(f->a->afi);
	size_t i, n = 0;

	if (pf != NULL && pf->prefixes.n > 0) {
		for (i = 0; i < pf->prefixes.n && n < max; i++)
			if (pf->prefixes.v[i].af == af)
				tmp[n++] = pf->prefixes.v[i];
	} else
		for (i = 0; i < f->ctx->dev->origins.n && n < max; i++)
			if (f->ctx->dev->origins.v[i].prefix.af == af &&
			    f->ctx->dev->origins.v[i].vrf == NULL)
				tmp[n++] = f->ctx->dev->origins.v[i].prefix;
	*out = tmp;
	return n;
}

/* The customer's prefixes from the policy file (this family). */
static size_t
cust_prefixes(fx *f, mc_prefix *tmp, size_t max)
{
	const mc_nbr_match *m = NULL;
	int af = mc_afi_af(f->a->afi);
	size_t i, n = 0;

	if (f->a->nbr == NULL)
		return 0;
	for (i = 0; i < f->ctx->dev->neighbors.n; i++)
		if (f->ctx->dev->neighbors.v[i] == f->a->nbr)
			m = f->ctx->cache->nbr[i].pf;
	if (m == NULL)
		return 0;
	for (i = 0; i < m->prefixes.n && n < max; i++)
		if (m->prefixes.v[i].af == af)
			tmp[n++] = m->prefixes.v[i];
	return n;
}

static const char *
pfx(fx *f, const mc_prefix *p)
{
	return mc_prefix_str(f->ctx->arena, p);
}

static int
le_max(fx *f)
{
	return v6(f) ? 48 : 24;
}

/* IOS wildcard form "10.0.0.0 0.255.255.255". */
static const char *
wild(fx *f, const mc_prefix *p)
{
	char a[MC_PREFIX_STRLEN];
	uint32_t m = p->len == 0 ? 0xffffffffu : (p->len >= 32 ? 0 :
	    0xffffffffu >> p->len);

	return mc_printf(f->ctx->arena, "%s %u.%u.%u.%u", mc_addr_fmt(p, a),
	    m >> 24, (m >> 16) & 255, (m >> 8) & 255, m & 255);
}

static const char *const bogon_asn_re[] = {
	"_0_",
	"_23456_",
	"_(6449[6-9]|64[5-9][0-9][0-9]|65[0-9][0-9][0-9]|6[6-9][0-9][0-9][0-9]|[7-9][0-9][0-9][0-9][0-9])_",
	"_(1[0-2][0-9][0-9][0-9][0-9]|130[0-9][0-9][0-9]|1310[0-6][0-9]|13107[01])_",
	"_42[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]_",
};
#define N_BOGON_ASN_RE (sizeof(bogon_asn_re) / sizeof(bogon_asn_re[0]))

/* "174|209|..." without the neighbour's own AS. */
static const char *
tf_alt(fx *f, const char *sep)
{
	char *s;
	size_t k, n = 0, cap = 16;

	/* One buffer, not a printf of the whole list per ASN. */
	for (k = 0; k < f->ctx->cache->ntf; k++)
		cap += 11 + strlen(sep);
	s = mc_alloc_nz(f->ctx->arena, cap);
	for (k = 0; k < f->ctx->cache->ntf; k++) {
		if (f->ctx->cache->tf[k] == nbr_as(f))
			continue;
		n += (size_t)mc_snprintf(s + n, cap - n, "%s%u", n > 0 ? sep :
		    "", f->ctx->cache->tf[k]);
	}
	return n > 0 ? s : "174";
}

/* ---- IOS, IOS-XE, EOS, FRR ---------------------------------------------- */

typedef enum { D_IOS, D_EOS, D_FRR } dialect;

static const char *
cmt(mc_vendor v)
{
	switch (v) {
	case MC_VENDOR_JUNOS:
	case MC_VENDOR_BIRD:
	case MC_VENDOR_OPENBGPD:
		return "#";
	default:
		return "!";
	}
}

static void
ios_plist(fx *f, dialect d, const char *name, bool six, const char *entry,
    int seq)
{
	if (d == D_EOS && six) {
		L(f, "ipv6 prefix-list %s", name);
		L(f, "   seq %d permit %s", seq, entry);
	} else
		L(f, "%s prefix-list %s seq %d permit %s", six ? "ipv6" : "ip",
		    name, seq, entry);
}

static void
ios_bogon_plist(fx *f, dialect d, const char *name)
{
	const char *const *tab;
	size_t n, i;

	tab = mc_bogon_table(mc_afi_af(f->a->afi), &n);
	if (d == D_EOS && v6(f)) {
		L(f, "ipv6 prefix-list %s", name);
		for (i = 0; i < n; i++)
			L(f, "   seq %zu permit %s le 128", (i + 1) * 5, tab[i]);
		return;
	}
	for (i = 0; i < n; i++)
		L(f, "%s prefix-list %s seq %zu permit %s le %d",
		    v6(f) ? "ipv6" : "ip", name, (i + 1) * 5, tab[i],
		    v6(f) ? 128 : 32);
}

static void
ios_aspath(fx *f, dialect d, const char *name, const char *re, int seq)
{
	switch (d) {
	case D_FRR:
		L(f, "bgp as-path access-list %s seq %d permit %s", name, seq, re);
		break;
	case D_EOS:
		L(f, "ip as-path access-list %s permit %s any", name, re);
		break;
	default:
		L(f, "ip as-path access-list %s permit %s", name, re);
		break;
	}
}

static void
ios_router_bgp(fx *f, dialect d)
{
	L(f, "router bgp %s", asn_s(f));
	if (d == D_FRR)
		L(f, " address-family %s unicast", v6(f) ? "ipv6" : "ipv4");
	else if (d == D_EOS) {
		if (v6(f))
			L(f, "   address-family ipv6");
	} else
		L(f, " address-family %s", v6(f) ? "ipv6" : "ipv4");
}

static const char *
ind(dialect d, int level)
{
	if (d == D_EOS)
		return level == 1 ? "   " : "      ";
	return level == 1 ? " " : "  ";
}

/* A deny entry in front of the neighbour's route-map, or a new route-map
 * that denies `match` and then lets the existing policy decide. */
static void
ios_deny_entry(fx *f, dialect d, int slot, const char *match)
{
	const char *pol = cur_policy(f);
	int first;

	if (pol != NULL) {
		first = first_seq(f, pol);
		if (slot >= first)
			L(f, "%s route-map %s starts at sequence %d: renumber "
			    "it so this entry comes first", cmt(f->ctx->dev->vendor),
			    pol, first);
		L(f, "route-map %s deny %d", pol, slot);
		L(f, "%s%s", ind(d, 1), match);
		if (d == D_FRR)
			L(f, "exit");
		return;
	}
	pol = f->a->dir == MC_DIR_IN ? "MANRS-IN" : "MANRS-OUT";
	L(f, "route-map %s deny %d", pol, slot);
	L(f, "%s%s", ind(d, 1), match);
	if (d == D_FRR)
		L(f, "exit");
	L(f, "%s then the entries that accept what this neighbour may send",
	    cmt(f->ctx->dev->vendor));
	L(f, "route-map %s permit 100", pol);
	if (d == D_FRR)
		L(f, "exit");
	ios_router_bgp(f, d);
	L(f, "%sneighbor %s route-map %s %s",
	    d == D_EOS && !v6(f) ? ind(d, 1) : ind(d, 2), nbr_s(f), pol,
	    dir_word(f));
}

static const char *
ios_match_plist(fx *f, const char *name)
{
	return mc_printf(f->ctx->arena, "match %s address prefix-list %s",
	    v6(f) ? "ipv6" : "ip", name);
}

static const char *
aspath_name(dialect d, const char *name, int num)
{
	/* Classic IOS numbers its AS-path access lists. */
	if (d == D_IOS) {
		switch (num) {
		case 101: return "101";
		case 102: return "102";
		case 103: return "103";
		default: return "104";
		}
	}
	return name;
}

static void
ios_acl_src(fx *f, dialect d, const char *name, bool egress)
{
	const char *const *tab;
	const mc_prefix *own;
	mc_prefix tmp[32], p;
	size_t n, i;
	bool six = v6(f);

	if (d == D_FRR) {
		L(f, "# FRR does not filter forwarded packets: on Linux, e.g. nftables");
		if (egress)
			L(f, "# nft add rule inet filter forward oifname \"%s\" %s saddr != { <our and customer prefixes> } drop",
			    f->a->iface, six ? "ip6" : "ip");
		else {
			tab = mc_bogon_table(mc_afi_af(f->a->afi), &n);
			L(f, "# nft add rule inet filter forward iifname \"%s\" %s saddr { %s, ... } drop",
			    f->a->iface, six ? "ip6" : "ip", tab[0]);
		}
		return;
	}
	if (six || d == D_EOS)
		L(f, "%s access-list %s", six ? "ipv6" : "ip", name);
	else
		L(f, "ip access-list extended %s", name);
	if (egress) {
		n = own_prefixes(f, &own, tmp, 32);
		for (i = 0; i < n; i++)
			L(f, "%spermit %s %s any", ind(d, 1), six ? "ipv6" : "ip",
			    six || d == D_EOS ? pfx(f, &own[i]) : wild(f, &own[i]));
		L(f, "%s%s permit the customers' prefixes here too", ind(d, 1),
		    cmt(f->ctx->dev->vendor));
		L(f, "%sdeny %s any any", ind(d, 1), six ? "ipv6" : "ip");
	} else {
		tab = mc_bogon_table(mc_afi_af(f->a->afi), &n);
		for (i = 0; i < n; i++) {
			if (!mc_prefix_parse(tab[i], strlen(tab[i]), &p))
				continue;
			/* Link-local sources carry neighbour discovery. */
			if (six && strcmp(tab[i], "fe80::/10") == 0)
				continue;
			if (six && (strcmp(tab[i], "::/3") == 0 ||
			    strcmp(tab[i], "8000::/1") == 0))
				continue;	/* would cover ND; named ones suffice */
			L(f, "%sdeny %s %s any", ind(d, 1), six ? "ipv6" : "ip",
			    six || d == D_EOS ? tab[i] : wild(f, &p));
		}
		L(f, "%spermit %s any any", ind(d, 1), six ? "ipv6" : "ip");
	}
	L(f, "interface %s", f->a->iface);
	if (six && d == D_IOS)
		L(f, " ipv6 traffic-filter %s %s", name, egress ? "out" : "in");
	else
		L(f, "%s%s access-group %s %s", ind(d, 1), six ? "ipv6" : "ip",
		    name, egress ? "out" : "in");
}

static const char *
fix_ios(fx *f, mc_fix_kind k, dialect d)
{
	const char *v = v6(f) ? "V6" : "V4", *name, *re;
	const char *c = cmt(f->ctx->dev->vendor);
	mc_prefix tmp[32];
	const mc_prefix *own;
	size_t n, i;

	switch (k) {
	case FIX_BOGON_PREFIX:
	case FIX_EXPORT_BOGON:
		name = mc_printf(f->ctx->arena, "MANRS-BOGONS-%s", v);
		ios_bogon_plist(f, d, name);
		ios_deny_entry(f, d, 1, ios_match_plist(f, name));
		break;
	case FIX_BOGON_ASN:
		name = aspath_name(d, "MANRS-BOGON-ASNS", 101);
		for (i = 0; i < N_BOGON_ASN_RE; i++)
			ios_aspath(f, d, name, bogon_asn_re[i], (int)(i + 1) * 5);
		ios_deny_entry(f, d, 2, mc_printf(f->ctx->arena,
		    "match as-path %s", name));
		break;
	case FIX_TOO_SPECIFIC:
		name = mc_printf(f->ctx->arena, "MANRS-TOO-SPECIFIC-%s", v);
		ios_plist(f, d, name, v6(f), v6(f) ? "::/0 ge 49" :
		    "0.0.0.0/0 ge 25", 5);
		ios_deny_entry(f, d, 3, ios_match_plist(f, name));
		break;
	case FIX_DEFAULT_ROUTE:
		name = mc_printf(f->ctx->arena, "MANRS-DEFAULT-%s", v);
		ios_plist(f, d, name, v6(f), v6(f) ? "::/0" : "0.0.0.0/0", 5);
		ios_deny_entry(f, d, 4, ios_match_plist(f, name));
		break;
	case FIX_TRANSIT_FREE:
		name = aspath_name(d, "MANRS-TRANSIT-FREE", 102);
		ios_aspath(f, d, name, mc_printf(f->ctx->arena, "_(%s)_",
		    tf_alt(f, "|")), 5);
		ios_deny_entry(f, d, 5, mc_printf(f->ctx->arena,
		    "match as-path %s", name));
		break;
	case FIX_ASPATH_LEN:
		if (d == D_IOS) {
			L(f, "router bgp %s", asn_s(f));
			L(f, " bgp maxas-limit 100");
			break;
		}
		if (d == D_EOS) {
			ios_deny_entry(f, d, 6, "match as-path length >= 101");
			break;
		}
		name = "MANRS-TOO-LONG";
		ios_aspath(f, d, name, "^([0-9]+_){100}[0-9]+", 5);
		ios_deny_entry(f, d, 6, "match as-path MANRS-TOO-LONG");
		break;
	case FIX_RPKI_INVALID:
		ios_deny_entry(f, d, 7, d == D_EOS ?
		    "match origin-as validity invalid" : "match rpki invalid");
		break;
	case FIX_NEXT_HOP:
		name = mc_printf(f->ctx->arena, "MANRS-NH-NOT-%s", nbr_s(f));
		L(f, "%s every next hop except the client's own address:", c);
		if (d == D_EOS) {
			L(f, "%s prefix-list %s", v6(f) ? "ipv6" : "ip", name);
			L(f, "   seq 5 deny %s/%d", nbr_s(f), v6(f) ? 128 : 32);
			L(f, "   seq 10 permit %s le %d", v6(f) ? "::/0" :
			    "0.0.0.0/0", v6(f) ? 128 : 32);
		} else {
			L(f, "%s prefix-list %s seq 5 deny %s/%d",
			    v6(f) ? "ipv6" : "ip", name, nbr_s(f),
			    v6(f) ? 128 : 32);
			L(f, "%s prefix-list %s seq 10 permit %s le %d",
			    v6(f) ? "ipv6" : "ip", name, v6(f) ? "::/0" :
			    "0.0.0.0/0", v6(f) ? 128 : 32);
		}
		ios_deny_entry(f, d, 8, mc_printf(f->ctx->arena,
		    "match %s next-hop prefix-list %s", v6(f) ? "ipv6" : "ip",
		    name));
		break;
	case FIX_RPKI_SETUP:
		if (d == D_FRR) {
			L(f, "rpki");
			L(f, " rpki cache <rpki-cache-address> 3323 preference 1");
			L(f, "exit");
		} else if (d == D_EOS) {
			L(f, "router bgp %s", asn_s(f));
			L(f, "   rpki cache MANRS-RPKI");
			L(f, "      host <rpki-cache-address> port 3323");
			L(f, "   rpki origin-validation");
			L(f, "      ebgp local");
		} else {
			L(f, "router bgp %s", asn_s(f));
			L(f, " bgp rpki server tcp <rpki-cache-address> port 3323 refresh 600");
		}
		L(f, "%s then reject invalids in each eBGP import route-map:", c);
		ios_deny_entry(f, d, 7, d == D_EOS ?
		    "match origin-as validity invalid" : "match rpki invalid");
		break;
	case FIX_CUSTOMER_PREFIX:
		name = mc_printf(f->ctx->arena, "MANRS-CUST-AS%s-%s", nbr_as_s(f), v);
		n = cust_prefixes(f, tmp, 32);
		if (n == 0)
			L(f, "%s the customer's prefixes (from its route objects or contract):", c);
		for (i = 0; i < n; i++)
			ios_plist(f, d, name, v6(f), mc_printf(f->ctx->arena,
			    "%s le %d", pfx(f, &tmp[i]), tmp[i].len > le_max(f) ?
			    tmp[i].len : le_max(f)), (int)(i + 1) * 5);
		if (n == 0)
			ios_plist(f, d, name, v6(f), "<customer-prefix> le 24", 5);
		L(f, "route-map MANRS-CUST-AS%s-IN permit 10", nbr_as_s(f));
		L(f, "%s%s", ind(d, 1), ios_match_plist(f, name));
		if (d == D_FRR)
			L(f, "exit");
		ios_router_bgp(f, d);
		L(f, "%sneighbor %s route-map MANRS-CUST-AS%s-IN in",
		    d == D_EOS && !v6(f) ? ind(d, 1) : ind(d, 2), nbr_s(f),
		    nbr_as_s(f));
		break;
	case FIX_CUSTOMER_ASPATH:
		/* A list that matches every path except the customer's own:
		 * a deny entry on it drops the rest. */
		name = aspath_name(d, mc_printf(f->ctx->arena,
		    "MANRS-NOT-AS%s", nbr_as_s(f)), 103);
		re = mc_printf(f->ctx->arena, "^%s(_%s)*$", nbr_as_s(f),
		    nbr_as_s(f));
		if (d == D_FRR) {
			L(f, "bgp as-path access-list %s seq 5 deny %s", name, re);
			L(f, "bgp as-path access-list %s seq 10 permit .*", name);
		} else if (d == D_EOS) {
			L(f, "ip as-path access-list %s deny %s any", name, re);
			L(f, "ip as-path access-list %s permit .* any", name);
		} else {
			L(f, "ip as-path access-list %s deny %s", name, re);
			L(f, "ip as-path access-list %s permit .*", name);
		}
		ios_deny_entry(f, d, 8, mc_printf(f->ctx->arena,
		    "match as-path %s", name));
		break;
	case FIX_MAX_PREFIX: {
		uint32_t lim = f->a->nbr != NULL &&
		    f->a->nbr->af[f->a->afi].maxpfx.limit > 0 ?
		    f->a->nbr->af[f->a->afi].maxpfx.limit : 1000;

		L(f, "%s size the limit to what the neighbour announces (PeeringDB info_prefixes) plus headroom", c);
		ios_router_bgp(f, d);
		if (d == D_EOS)
			L(f, "%sneighbor %s maximum-routes %u", v6(f) ? ind(d, 2) :
			    ind(d, 1), nbr_s(f), lim);
		else
			L(f, "%sneighbor %s maximum-prefix %u 90 restart 15",
			    ind(d, 2), nbr_s(f), lim);
		break;
	}
	case FIX_FIRST_AS:
		L(f, "router bgp %s", asn_s(f));
		if (d == D_FRR)
			L(f, " neighbor %s enforce-first-as", nbr_s(f));
		else
			L(f, "%sbgp enforce-first-as", ind(d, 1));
		break;
	case FIX_EXPORT_OWN:
	case FIX_NO_EXPORT:
		name = mc_printf(f->ctx->arena, "MANRS-OWN-%s", v);
		n = own_prefixes(f, &own, tmp, 32);
		for (i = 0; i < n; i++)
			ios_plist(f, d, name, v6(f), mc_printf(f->ctx->arena,
			    "%s le %d", pfx(f, &own[i]), own[i].len > le_max(f) ?
			    own[i].len : le_max(f)), (int)(i + 1) * 5);
		if (n == 0)
			ios_plist(f, d, name, v6(f), "<our-prefix>", 5);
		L(f, "%s add the customers' prefixes to %s as well", c, name);
		L(f, "route-map MANRS-OUT permit 10");
		L(f, "%s%s", ind(d, 1), ios_match_plist(f, name));
		if (d == D_FRR)
			L(f, "exit");
		ios_router_bgp(f, d);
		L(f, "%sneighbor %s route-map MANRS-OUT out",
		    d == D_EOS && !v6(f) ? ind(d, 1) : ind(d, 2), nbr_s(f));
		break;
	case FIX_NO_IMPORT:
		L(f, "%s accept only what this neighbour may send (see the bogon, too-specific and customer fixes)", c);
		L(f, "route-map MANRS-IN permit 10");
		L(f, "%smatch %s address prefix-list <accepted-prefixes>", ind(d, 1),
		    v6(f) ? "ipv6" : "ip");
		if (d == D_FRR)
			L(f, "exit");
		ios_router_bgp(f, d);
		L(f, "%sneighbor %s route-map MANRS-IN in",
		    d == D_EOS && !v6(f) ? ind(d, 1) : ind(d, 2), nbr_s(f));
		if (d == D_FRR) {
			L(f, "%s and keep RFC 8212 behaviour on:", c);
			L(f, "router bgp %s", asn_s(f));
			L(f, " bgp ebgp-requires-policy");
		}
		break;
	case FIX_UNDEFINED_REF:
		L(f, "%s define %s %s, or remove the reference to it", c,
		    f->a->ref_kind, f->a->ref);
		break;
	case FIX_GTSM:
		L(f, "router bgp %s", asn_s(f));
		if (d == D_EOS)
			L(f, "   neighbor %s ttl maximum-hops 1", nbr_s(f));
		else
			L(f, " neighbor %s ttl-security hops 1", nbr_s(f));
		break;
	case FIX_AUTH:
		L(f, "router bgp %s", asn_s(f));
		L(f, "%sneighbor %s password <shared-secret>", ind(d, 1), nbr_s(f));
		break;
	case FIX_BGP_ROLE:
		if (f->a->nbr == NULL || f->a->nbr->role == MC_ROLE_UNKNOWN)
			L(f, "%s pick our role towards this neighbour", c);
		L(f, "router bgp %s", asn_s(f));
		L(f, " neighbor %s local-role %s", nbr_s(f), local_role(f, false));
		break;
	case FIX_DESCRIPTION:
		L(f, "router bgp %s", asn_s(f));
		L(f, "%sneighbor %s description <organisation, NOC contact>",
		    ind(d, 1), nbr_s(f));
		break;
	case FIX_URPF_STRICT:
		if (d == D_FRR) {
			L(f, "# FRR leaves forwarding to Linux: strict reverse-path filtering");
			L(f, "# sysctl -w net.ipv4.conf.%s.rp_filter=1", f->a->iface);
			break;
		}
		L(f, "interface %s", f->a->iface);
		L(f, "%s%s verify unicast source reachable-via rx", ind(d, 1),
		    v6(f) ? "ipv6" : "ip");
		break;
	case FIX_BOGON_SOURCE:
		ios_acl_src(f, d, v6(f) ? "MANRS-BOGON-SRC6-IN" :
		    "MANRS-BOGON-SRC-IN", false);
		break;
	case FIX_EGRESS:
		ios_acl_src(f, d, v6(f) ? "MANRS-EGRESS6-OUT" :
		    "MANRS-EGRESS-OUT", true);
		break;
	}
	return done(f);
}

/* ---- Junos -------------------------------------------------------------- */

static const char *
jgroup(fx *f)
{
	const mc_neighbor *n = f->a->nbr;

	if (n != NULL && n->group != NULL)
		return n->group;
	if (n != NULL && n->name != NULL)
		return n->name;
	return "<group>";
}

static void
j_apply(fx *f, const char *pol)
{
	const char *cur = cur_policy(f);

	L(f, "set protocols bgp group %s neighbor %s %s [ %s%s%s ]", jgroup(f),
	    nbr_s(f), f->a->dir == MC_DIR_IN ? "import" : "export", pol,
	    cur != NULL ? " " : "", cur != NULL ? cur : "");
}

static void
j_reject_term(fx *f, const char *pol, const char *term, const char *from)
{
	L(f, "set policy-options policy-statement %s term %s from %s", pol,
	    term, from);
	L(f, "set policy-options policy-statement %s term %s then reject", pol,
	    term);
}

/* "xe-0/1/0.5" -> "xe-0/1/0 unit 5"; a bare "xe-0/1/0" gets unit 0. */
static const char *
j_ifunit(fx *f)
{
	const char *n = f->a->iface != NULL ? f->a->iface : "<interface>";
	const char *dot = strrchr(n, '.');

	if (dot == NULL || dot[1] == '\0')
		return mc_printf(f->ctx->arena, "%s unit 0", n);
	return mc_printf(f->ctx->arena, "%.*s unit %s", (int)(dot - n), n,
	    dot + 1);
}

static const char *
fix_junos(fx *f, mc_fix_kind k)
{
	const char *const *tab;
	const mc_prefix *own;
	mc_prefix tmp[32];
	const char *pol = "MANRS-IMPORT-GUARD", *fam = v6(f) ? "inet6" : "inet";
	size_t n, i;

	switch (k) {
	case FIX_BOGON_PREFIX:
	case FIX_EXPORT_BOGON:
		tab = mc_bogon_table(mc_afi_af(f->a->afi), &n);
		pol = k == FIX_BOGON_PREFIX ? "MANRS-BOGONS" : "MANRS-BOGONS-OUT";
		for (i = 0; i < n; i++)
			L(f, "set policy-options policy-statement %s term %s from "
			    "route-filter %s orlonger", pol, v6(f) ? "v6" : "v4",
			    tab[i]);
		L(f, "set policy-options policy-statement %s term %s then reject",
		    pol, v6(f) ? "v6" : "v4");
		j_apply(f, pol);
		break;
	case FIX_BOGON_ASN:
		L(f, "set policy-options as-path MANRS-BOGON-ASNS \".* (0|23456|64496-131071|4200000000-4294967295) .*\"");
		j_reject_term(f, pol, "bogon-asns", "as-path MANRS-BOGON-ASNS");
		j_apply(f, pol);
		break;
	case FIX_TOO_SPECIFIC:
		j_reject_term(f, pol, v6(f) ? "too-specific-v6" : "too-specific-v4",
		    v6(f) ? "route-filter ::/0 prefix-length-range /49-/128" :
		    "route-filter 0.0.0.0/0 prefix-length-range /25-/32");
		j_apply(f, pol);
		break;
	case FIX_DEFAULT_ROUTE:
		j_reject_term(f, pol, "default", v6(f) ?
		    "route-filter ::/0 exact" : "route-filter 0.0.0.0/0 exact");
		j_apply(f, pol);
		break;
	case FIX_TRANSIT_FREE:
		L(f, "set policy-options as-path MANRS-TRANSIT-FREE \".* (%s) .*\"",
		    tf_alt(f, "|"));
		j_reject_term(f, pol, "transit-free", "as-path MANRS-TRANSIT-FREE");
		j_apply(f, pol);
		break;
	case FIX_ASPATH_LEN:
		L(f, "set policy-options as-path MANRS-TOO-LONG \".{101,}\"");
		j_reject_term(f, pol, "too-long", "as-path MANRS-TOO-LONG");
		j_apply(f, pol);
		break;
	case FIX_NEXT_HOP:
		L(f, "set policy-options policy-statement MANRS-NEXT-HOP term client from next-hop %s", nbr_s(f));
		L(f, "set policy-options policy-statement MANRS-NEXT-HOP term client then next policy");
		L(f, "set policy-options policy-statement MANRS-NEXT-HOP term other then reject");
		j_apply(f, "MANRS-NEXT-HOP");
		break;
	case FIX_RPKI_SETUP:
		L(f, "set routing-options validation group MANRS-RPKI session <rpki-cache-address> port 3323");
		/* FALLTHROUGH */
	case FIX_RPKI_INVALID:
		L(f, "set policy-options policy-statement MANRS-RPKI term invalid from protocol bgp");
		L(f, "set policy-options policy-statement MANRS-RPKI term invalid from validation-database invalid");
		L(f, "set policy-options policy-statement MANRS-RPKI term invalid then validation-state invalid");
		L(f, "set policy-options policy-statement MANRS-RPKI term invalid then reject");
		j_apply(f, "MANRS-RPKI");
		break;
	case FIX_CUSTOMER_PREFIX:
		n = cust_prefixes(f, tmp, 32);
		pol = mc_printf(f->ctx->arena, "MANRS-CUST-AS%s-IN", nbr_as_s(f));
		for (i = 0; i < n; i++)
			L(f, "set policy-options policy-statement %s term prefixes from route-filter %s upto /%d",
			    pol, pfx(f, &tmp[i]), tmp[i].len > le_max(f) ?
			    tmp[i].len : le_max(f));
		if (n == 0)
			L(f, "set policy-options policy-statement %s term prefixes from route-filter <customer-prefix> upto /%d",
			    pol, le_max(f));
		L(f, "set policy-options policy-statement %s term prefixes then accept", pol);
		L(f, "set policy-options policy-statement %s then reject", pol);
		L(f, "set protocols bgp group %s neighbor %s import %s",
		    jgroup(f), nbr_s(f), pol);
		break;
	case FIX_CUSTOMER_ASPATH:
		L(f, "set policy-options as-path MANRS-CUST-AS%s \"%s+\"",
		    nbr_as_s(f), nbr_as_s(f));
		L(f, "# add to the term that accepts this customer's routes:");
		L(f, "set policy-options policy-statement <customer-import> term <term> from as-path MANRS-CUST-AS%s",
		    nbr_as_s(f));
		break;
	case FIX_MAX_PREFIX:
		L(f, "set protocols bgp group %s neighbor %s family %s unicast prefix-limit maximum 1000",
		    jgroup(f), nbr_s(f), fam);
		L(f, "set protocols bgp group %s neighbor %s family %s unicast prefix-limit teardown 90 idle-timeout 15",
		    jgroup(f), nbr_s(f), fam);
		break;
	case FIX_FIRST_AS:
		L(f, "set policy-options as-path MANRS-FIRST-AS-%s \"%s .*\"",
		    nbr_as_s(f), nbr_as_s(f));
		L(f, "set policy-options policy-statement %s term first-as from as-path MANRS-FIRST-AS-%s",
		    pol, nbr_as_s(f));
		L(f, "set policy-options policy-statement %s term first-as then next policy",
		    pol);
		L(f, "set policy-options policy-statement %s term not-first-as then reject", pol);
		j_apply(f, pol);
		break;
	case FIX_EXPORT_OWN:
	case FIX_NO_EXPORT:
		n = own_prefixes(f, &own, tmp, 32);
		for (i = 0; i < n; i++)
			L(f, "set policy-options prefix-list MANRS-OWN %s",
			    pfx(f, &own[i]));
		if (n == 0)
			L(f, "set policy-options prefix-list MANRS-OWN <our-prefix>");
		L(f, "# add the customers' prefixes (or match a customer community) as well");
		L(f, "set policy-options policy-statement MANRS-EXPORT term own from prefix-list-filter MANRS-OWN orlonger");
		L(f, "set policy-options policy-statement MANRS-EXPORT term own then accept");
		L(f, "set policy-options policy-statement MANRS-EXPORT then reject");
		L(f, "set protocols bgp group %s neighbor %s export MANRS-EXPORT",
		    jgroup(f), nbr_s(f));
		break;
	case FIX_NO_IMPORT:
		L(f, "set policy-options policy-statement MANRS-IMPORT term accept from route-filter <accepted-prefix> upto /%d",
		    le_max(f));
		L(f, "set policy-options policy-statement MANRS-IMPORT term accept then accept");
		L(f, "set policy-options policy-statement MANRS-IMPORT then reject");
		L(f, "set protocols bgp group %s neighbor %s import MANRS-IMPORT",
		    jgroup(f), nbr_s(f));
		break;
	case FIX_UNDEFINED_REF:
		L(f, "# define %s %s, or remove the reference to it",
		    f->a->ref_kind, f->a->ref);
		break;
	case FIX_GTSM:
		L(f, "# Junos has no per-session GTSM knob: protect TCP/179 with a lo0 filter that checks the TTL");
		L(f, "set firewall family inet filter MANRS-BGP-TTL term gtsm from protocol tcp port bgp");
		L(f, "set firewall family inet filter MANRS-BGP-TTL term gtsm from ttl-except 255");
		L(f, "set firewall family inet filter MANRS-BGP-TTL term gtsm then discard");
		break;
	case FIX_AUTH:
		L(f, "set protocols bgp group %s neighbor %s authentication-key \"<shared-secret>\"",
		    jgroup(f), nbr_s(f));
		break;
	case FIX_BGP_ROLE:
		L(f, "# RFC 9234 roles: not configurable on this platform");
		break;
	case FIX_DESCRIPTION:
		L(f, "set protocols bgp group %s neighbor %s description \"<organisation, NOC contact>\"",
		    jgroup(f), nbr_s(f));
		break;
	case FIX_URPF_STRICT:
		L(f, "set interfaces %s family %s rpf-check", j_ifunit(f), fam);
		break;
	case FIX_BOGON_SOURCE:
		tab = mc_bogon_table(mc_afi_af(f->a->afi), &n);
		for (i = 0; i < n; i++) {
			if (v6(f) && (strcmp(tab[i], "fe80::/10") == 0 ||
			    strcmp(tab[i], "::/3") == 0 ||
			    strcmp(tab[i], "8000::/1") == 0))
				continue;
			L(f, "set firewall family %s filter MANRS-BOGON-SRC term bogons from source-address %s",
			    fam, tab[i]);
		}
		L(f, "set firewall family %s filter MANRS-BOGON-SRC term bogons then discard", fam);
		L(f, "set firewall family %s filter MANRS-BOGON-SRC term rest then accept", fam);
		L(f, "set interfaces %s family %s filter input MANRS-BOGON-SRC",
		    j_ifunit(f), fam);
		break;
	case FIX_EGRESS:
		n = own_prefixes(f, &own, tmp, 32);
		for (i = 0; i < n; i++)
			L(f, "set firewall family %s filter MANRS-EGRESS term ours from source-address %s",
			    fam, pfx(f, &own[i]));
		L(f, "# add the customers' prefixes to term ours as well");
		L(f, "set firewall family %s filter MANRS-EGRESS term ours then accept", fam);
		L(f, "set firewall family %s filter MANRS-EGRESS term rest then discard", fam);
		L(f, "set interfaces %s family %s filter output MANRS-EGRESS",
		    j_ifunit(f), fam);
		break;
	}
	return done(f);
}

/* ---- IOS-XR ------------------------------------------------------------- */

static void
xr_guard(fx *f, const char *body)
{
	const char *cur = cur_policy(f);

	L(f, "route-policy MANRS-GUARD");
	L(f, "  %s", body);
	L(f, "end-policy");
	if (cur != NULL)
		L(f, "! and as the first statement of route-policy %s: apply MANRS-GUARD", cur);
	else {
		L(f, "router bgp %s", asn_s(f));
		L(f, " neighbor %s", nbr_s(f));
		L(f, "  address-family %s unicast", v6(f) ? "ipv6" : "ipv4");
		L(f, "   route-policy MANRS-GUARD %s", dir_word(f));
	}
}

static const char *
fix_xr(fx *f, mc_fix_kind k)
{
	const char *const *tab;
	const mc_prefix *own;
	mc_prefix tmp[32];
	const char *s = NULL;
	size_t n, i;

	switch (k) {
	case FIX_BOGON_PREFIX:
	case FIX_EXPORT_BOGON:
		tab = mc_bogon_table(mc_afi_af(f->a->afi), &n);
		L(f, "prefix-set MANRS-BOGONS-%s", v6(f) ? "V6" : "V4");
		for (i = 0; i < n; i++)
			L(f, "  %s le %d%s", tab[i], v6(f) ? 128 : 32,
			    i + 1 < n ? "," : "");
		L(f, "end-set");
		xr_guard(f, mc_printf(f->ctx->arena,
		    "if destination in MANRS-BOGONS-%s then drop endif",
		    v6(f) ? "V6" : "V4"));
		break;
	case FIX_BOGON_ASN:
		for (i = 0; i < N_BOGON_ASN_RE; i++)
			s = s == NULL ? mc_printf(f->ctx->arena, "ios-regex '%s'",
			    bogon_asn_re[i]) : mc_printf(f->ctx->arena,
			    "%s, ios-regex '%s'", s, bogon_asn_re[i]);
		xr_guard(f, mc_printf(f->ctx->arena,
		    "if as-path in (%s) then drop endif", s));
		break;
	case FIX_TOO_SPECIFIC:
		xr_guard(f, v6(f) ? "if destination in (::/0 ge 49) then drop endif" :
		    "if destination in (0.0.0.0/0 ge 25) then drop endif");
		break;
	case FIX_DEFAULT_ROUTE:
		xr_guard(f, v6(f) ? "if destination in (::/0) then drop endif" :
		    "if destination in (0.0.0.0/0) then drop endif");
		break;
	case FIX_TRANSIT_FREE:
		xr_guard(f, mc_printf(f->ctx->arena,
		    "if as-path in (ios-regex '_(%s)_') then drop endif",
		    tf_alt(f, "|")));
		break;
	case FIX_ASPATH_LEN:
		xr_guard(f, "if as-path length ge 101 then drop endif");
		break;
	case FIX_NEXT_HOP:
		xr_guard(f, mc_printf(f->ctx->arena,
		    "if not next-hop in (%s) then drop endif", nbr_s(f)));
		break;
	case FIX_RPKI_SETUP:
		L(f, "router bgp %s", asn_s(f));
		L(f, " rpki server <rpki-cache-address>");
		L(f, "  transport tcp port 3323");
		/* FALLTHROUGH */
	case FIX_RPKI_INVALID:
		xr_guard(f, "if validation-state is invalid then drop endif");
		break;
	case FIX_CUSTOMER_PREFIX:
		n = cust_prefixes(f, tmp, 32);
		L(f, "prefix-set MANRS-CUST-AS%s", nbr_as_s(f));
		for (i = 0; i < n; i++)
			L(f, "  %s le %d%s", pfx(f, &tmp[i]), tmp[i].len > le_max(f) ?
			    tmp[i].len : le_max(f), i + 1 < n ? "," : "");
		if (n == 0)
			L(f, "  <customer-prefix> le %d", le_max(f));
		L(f, "end-set");
		L(f, "route-policy MANRS-CUST-AS%s-IN", nbr_as_s(f));
		L(f, "  if destination in MANRS-CUST-AS%s then pass else drop endif",
		    nbr_as_s(f));
		L(f, "end-policy");
		break;
	case FIX_CUSTOMER_ASPATH:
		L(f, "! in the customer's import policy:");
		L(f, "  if not as-path in (ios-regex '^%s(_%s)*$') then drop endif",
		    nbr_as_s(f), nbr_as_s(f));
		break;
	case FIX_MAX_PREFIX:
		L(f, "router bgp %s", asn_s(f));
		L(f, " neighbor %s", nbr_s(f));
		L(f, "  address-family %s unicast", v6(f) ? "ipv6" : "ipv4");
		L(f, "   maximum-prefix 1000 90 restart 15");
		break;
	case FIX_FIRST_AS:
		L(f, "router bgp %s", asn_s(f));
		L(f, " no bgp enforce-first-as disable");
		break;
	case FIX_EXPORT_OWN:
	case FIX_NO_EXPORT:
		n = own_prefixes(f, &own, tmp, 32);
		L(f, "prefix-set MANRS-OWN-%s", v6(f) ? "V6" : "V4");
		for (i = 0; i < n; i++)
			L(f, "  %s%s", pfx(f, &own[i]), i + 1 < n ? "," : "");
		if (n == 0)
			L(f, "  <our-prefix>");
		L(f, "end-set");
		L(f, "route-policy MANRS-OUT");
		L(f, "  if destination in MANRS-OWN-%s then pass else drop endif",
		    v6(f) ? "V6" : "V4");
		L(f, "end-policy");
		break;
	case FIX_NO_IMPORT:
		L(f, "! IOS-XR drops everything without a policy: configure one to receive routes");
		L(f, "route-policy MANRS-IN");
		L(f, "  if destination in <accepted-prefix-set> then pass else drop endif");
		L(f, "end-policy");
		break;
	case FIX_UNDEFINED_REF:
		L(f, "! define %s %s, or remove the reference to it",
		    f->a->ref_kind, f->a->ref);
		break;
	case FIX_GTSM:
		L(f, "router bgp %s", asn_s(f));
		L(f, " neighbor %s", nbr_s(f));
		L(f, "  ttl-security");
		break;
	case FIX_AUTH:
		L(f, "router bgp %s", asn_s(f));
		L(f, " neighbor %s", nbr_s(f));
		L(f, "  password clear <shared-secret>");
		break;
	case FIX_BGP_ROLE:
		L(f, "! RFC 9234 roles: not configurable on this platform");
		break;
	case FIX_DESCRIPTION:
		L(f, "router bgp %s", asn_s(f));
		L(f, " neighbor %s", nbr_s(f));
		L(f, "  description <organisation, NOC contact>");
		break;
	case FIX_URPF_STRICT:
		L(f, "interface %s", f->a->iface);
		L(f, " %s verify unicast source reachable-via rx",
		    v6(f) ? "ipv6" : "ipv4");
		break;
	case FIX_BOGON_SOURCE:
	case FIX_EGRESS:
		L(f, "%s access-list MANRS-%s", v6(f) ? "ipv6" : "ipv4",
		    k == FIX_EGRESS ? "EGRESS" : "BOGON-SRC");
		if (k == FIX_EGRESS) {
			n = own_prefixes(f, &own, tmp, 32);
			for (i = 0; i < n; i++)
				L(f, " %zu permit %s %s any", (i + 1) * 10,
				    v6(f) ? "ipv6" : "ipv4", pfx(f, &own[i]));
			L(f, " ! permit the customers' prefixes here too");
			L(f, " 1000 deny %s any any", v6(f) ? "ipv6" : "ipv4");
		} else {
			tab = mc_bogon_table(mc_afi_af(f->a->afi), &n);
			for (i = 0; i < n; i++) {
				if (v6(f) && (strcmp(tab[i], "fe80::/10") == 0 ||
				    strcmp(tab[i], "::/3") == 0 ||
				    strcmp(tab[i], "8000::/1") == 0))
					continue;
				L(f, " %zu deny %s %s any", (i + 1) * 10,
				    v6(f) ? "ipv6" : "ipv4", tab[i]);
			}
			L(f, " 1000 permit %s any any", v6(f) ? "ipv6" : "ipv4");
		}
		L(f, "interface %s", f->a->iface);
		L(f, " %s access-group MANRS-%s %s", v6(f) ? "ipv6" : "ipv4",
		    k == FIX_EGRESS ? "EGRESS" : "BOGON-SRC",
		    k == FIX_EGRESS ? "egress" : "ingress");
		break;
	}
	return done(f);
}

/* ---- BIRD 2 ------------------------------------------------------------- */

static const char *
bird_proto(fx *f)
{
	const mc_neighbor *n = f->a->nbr;

	return n != NULL && n->name != NULL ? n->name : "<protocol>";
}

static void
bird_in_filter(fx *f, const char *stmt)
{
	L(f, "# first statement of the %s filter of protocol %s (%s channel):",
	    f->a->dir == MC_DIR_IN ? "import" : "export", bird_proto(f),
	    v6(f) ? "ipv6" : "ipv4");
	L(f, "%s", stmt);
}

static const char *
fix_bird(fx *f, mc_fix_kind k)
{
	const char *const *tab;
	const mc_prefix *own;
	mc_prefix tmp[32];
	const char *s = NULL;
	size_t n, i;

	switch (k) {
	case FIX_BOGON_PREFIX:
	case FIX_EXPORT_BOGON:
		tab = mc_bogon_table(mc_afi_af(f->a->afi), &n);
		for (i = 0; i < n; i++)
			s = s == NULL ? mc_printf(f->ctx->arena, "%s+", tab[i]) :
			    mc_printf(f->ctx->arena, "%s, %s+", s, tab[i]);
		L(f, "define MANRS_BOGONS_%s = [ %s ];", v6(f) ? "V6" : "V4", s);
		bird_in_filter(f, mc_printf(f->ctx->arena,
		    "if net ~ MANRS_BOGONS_%s then reject;", v6(f) ? "V6" : "V4"));
		break;
	case FIX_BOGON_ASN:
		L(f, "define MANRS_BOGON_ASNS = [ 0, 23456, 64496..131071, 4200000000..4294967295 ];");
		bird_in_filter(f, "if bgp_path ~ MANRS_BOGON_ASNS then reject;");
		break;
	case FIX_TOO_SPECIFIC:
		bird_in_filter(f, v6(f) ? "if net.len > 48 then reject;" :
		    "if net.len > 24 then reject;");
		break;
	case FIX_DEFAULT_ROUTE:
		bird_in_filter(f, v6(f) ? "if net = ::/0 then reject;" :
		    "if net = 0.0.0.0/0 then reject;");
		break;
	case FIX_TRANSIT_FREE:
		bird_in_filter(f, mc_printf(f->ctx->arena,
		    "if bgp_path ~ [= * [%s] * =] then reject;", tf_alt(f, ", ")));
		break;
	case FIX_ASPATH_LEN:
		bird_in_filter(f, "if bgp_path.len > 100 then reject;");
		break;
	case FIX_NEXT_HOP:
		bird_in_filter(f, "if bgp_next_hop != from then reject;");
		break;
	case FIX_RPKI_SETUP:
		L(f, "roa%s table manrs_roa%s;", v6(f) ? "6" : "4", v6(f) ? "6" : "4");
		L(f, "protocol rpki manrs_rpki {");
		L(f, "\troa%s { table manrs_roa%s; };", v6(f) ? "6" : "4",
		    v6(f) ? "6" : "4");
		L(f, "\tremote \"<rpki-cache-address>\" port 3323;");
		L(f, "}");
		/* FALLTHROUGH */
	case FIX_RPKI_INVALID:
		bird_in_filter(f, mc_printf(f->ctx->arena,
		    "if roa_check(manrs_roa%s, net, bgp_path.last) = ROA_INVALID then reject;",
		    v6(f) ? "6" : "4"));
		break;
	case FIX_CUSTOMER_PREFIX:
		n = cust_prefixes(f, tmp, 32);
		for (i = 0; i < n; i++)
			s = mc_printf(f->ctx->arena, "%s%s%s{%d,%d}", s != NULL ?
			    s : "", s != NULL ? ", " : "", pfx(f, &tmp[i]),
			    tmp[i].len, tmp[i].len > le_max(f) ? tmp[i].len :
			    le_max(f));
		L(f, "define MANRS_CUST_AS%s = [ %s ];", nbr_as_s(f),
		    s != NULL ? s : "<customer-prefix>{len,24}");
		bird_in_filter(f, mc_printf(f->ctx->arena,
		    "if ! (net ~ MANRS_CUST_AS%s) then reject;", nbr_as_s(f)));
		break;
	case FIX_CUSTOMER_ASPATH:
		bird_in_filter(f, mc_printf(f->ctx->arena,
		    "if bgp_path.last != %s then reject;", nbr_as_s(f)));
		break;
	case FIX_MAX_PREFIX:
		L(f, "# in the %s channel of protocol %s:", v6(f) ? "ipv6" : "ipv4",
		    bird_proto(f));
		L(f, "receive limit 1000 action restart;");
		break;
	case FIX_FIRST_AS:
		L(f, "# in protocol %s:", bird_proto(f));
		L(f, "enforce first as on;");
		break;
	case FIX_EXPORT_OWN:
	case FIX_NO_EXPORT:
		n = own_prefixes(f, &own, tmp, 32);
		for (i = 0; i < n; i++)
			s = mc_printf(f->ctx->arena, "%s%s%s", s != NULL ? s : "",
			    s != NULL ? ", " : "", pfx(f, &own[i]));
		L(f, "define MANRS_OWN_%s = [ %s ];", v6(f) ? "V6" : "V4",
		    s != NULL ? s : "<our-prefix>");
		L(f, "# add the customers' prefixes too; in the %s channel of protocol %s:",
		    v6(f) ? "ipv6" : "ipv4", bird_proto(f));
		L(f, "export where net ~ MANRS_OWN_%s;", v6(f) ? "V6" : "V4");
		break;
	case FIX_NO_IMPORT:
		L(f, "# BIRD accepts nothing without a filter: configure one to receive routes");
		L(f, "import filter <import-filter>;");
		break;
	case FIX_UNDEFINED_REF:
		L(f, "# define %s %s, or remove the reference to it",
		    f->a->ref_kind, f->a->ref);
		break;
	case FIX_GTSM:
		L(f, "# in protocol %s:", bird_proto(f));
		L(f, "ttl security on;");
		break;
	case FIX_AUTH:
		L(f, "# in protocol %s:", bird_proto(f));
		L(f, "password \"<shared-secret>\";");
		break;
	case FIX_BGP_ROLE:
		L(f, "# in protocol %s:", bird_proto(f));
		L(f, "local role %s;", local_role(f, true));
		break;
	case FIX_DESCRIPTION:
		L(f, "# in protocol %s:", bird_proto(f));
		L(f, "description \"<organisation, NOC contact>\";");
		break;
	case FIX_URPF_STRICT:
		L(f, "# BIRD does not forward packets: on Linux, strict reverse-path filtering");
		L(f, "# sysctl -w net.ipv4.conf.%s.rp_filter=1", f->a->iface);
		break;
	case FIX_BOGON_SOURCE:
	case FIX_EGRESS:
		L(f, "# BIRD does not filter packets: use nftables on %s", f->a->iface);
		break;
	}
	return done(f);
}

/* ---- OpenBGPD ----------------------------------------------------------- */

static const char *
fix_openbgpd(fx *f, mc_fix_kind k)
{
	const char *const *tab;
	const mc_prefix *own;
	mc_prefix tmp[32];
	const char *nb = nbr_s(f), *s = NULL;
	size_t n, i;

	switch (k) {
	case FIX_BOGON_PREFIX:
	case FIX_EXPORT_BOGON:
		tab = mc_bogon_table(mc_afi_af(f->a->afi), &n);
		L(f, "prefix-set manrs-bogons-%s {", v6(f) ? "v6" : "v4");
		for (i = 0; i < n; i++)
			L(f, "\t%s or-longer", tab[i]);
		L(f, "}");
		L(f, "deny quick %s %s prefix-set manrs-bogons-%s",
		    k == FIX_BOGON_PREFIX ? "from" : "to", nb, v6(f) ? "v6" : "v4");
		break;
	case FIX_BOGON_ASN:
		L(f, "deny quick from %s AS 0", nb);
		L(f, "deny quick from %s AS 23456", nb);
		L(f, "deny quick from %s AS 64496 - 131071", nb);
		L(f, "deny quick from %s AS 4200000000 - 4294967295", nb);
		break;
	case FIX_TOO_SPECIFIC:
		L(f, "deny quick from %s %s prefixlen > %d", nb,
		    v6(f) ? "inet6" : "inet", le_max(f));
		break;
	case FIX_DEFAULT_ROUTE:
		L(f, "deny quick from %s prefix %s", nb, v6(f) ? "::/0" : "0.0.0.0/0");
		break;
	case FIX_TRANSIT_FREE:
		L(f, "deny quick from %s transit-as { %s }", nb, tf_alt(f, ", "));
		break;
	case FIX_ASPATH_LEN:
		L(f, "deny quick from %s max-as-len 100", nb);
		break;
	case FIX_NEXT_HOP:
		L(f, "# the last matching rule decides: keep the client's other");
		L(f, "# checks as \"deny quick\" rules after these two");
		L(f, "deny from %s", nb);
		L(f, "allow from %s nexthop neighbor", nb);
		break;
	case FIX_RPKI_SETUP:
		L(f, "rtr <rpki-cache-address> { port 3323 }");
		/* FALLTHROUGH */
	case FIX_RPKI_INVALID:
		L(f, "deny quick from %s ovs invalid", nb);
		break;
	case FIX_CUSTOMER_PREFIX:
		n = cust_prefixes(f, tmp, 32);
		L(f, "prefix-set manrs-cust-as%s {", nbr_as_s(f));
		for (i = 0; i < n; i++)
			L(f, "\t%s prefixlen %d - %d", pfx(f, &tmp[i]), tmp[i].len,
			    tmp[i].len > le_max(f) ? tmp[i].len : le_max(f));
		if (n == 0)
			L(f, "\t<customer-prefix> prefixlen <len> - %d", le_max(f));
		L(f, "}");
		L(f, "# and no broader allow for this neighbour:");
		L(f, "allow from %s prefix-set manrs-cust-as%s", nb, nbr_as_s(f));
		break;
	case FIX_CUSTOMER_ASPATH:
		L(f, "allow from %s source-as %s prefix-set manrs-cust-as%s", nb,
		    nbr_as_s(f), nbr_as_s(f));
		break;
	case FIX_MAX_PREFIX:
		L(f, "neighbor %s {", nb);
		L(f, "\tmax-prefix 1000 restart 15");
		L(f, "}");
		break;
	case FIX_FIRST_AS:
		L(f, "neighbor %s {", nb);
		L(f, "\tenforce neighbor-as yes");
		L(f, "}");
		break;
	case FIX_EXPORT_OWN:
	case FIX_NO_EXPORT:
		n = own_prefixes(f, &own, tmp, 32);
		L(f, "prefix-set manrs-own {");
		for (i = 0; i < n; i++)
			L(f, "\t%s", pfx(f, &own[i]));
		if (n == 0)
			L(f, "\t<our-prefix>");
		L(f, "}");
		L(f, "# and no broader allow to this neighbour; customers' prefixes too:");
		L(f, "allow to %s prefix-set manrs-own", nb);
		break;
	case FIX_NO_IMPORT:
		L(f, "# OpenBGPD accepts nothing without a rule: configure one to receive routes");
		L(f, "allow from %s prefix-set <accepted-prefixes>", nb);
		break;
	case FIX_UNDEFINED_REF:
		L(f, "# define %s %s, or remove the reference to it",
		    f->a->ref_kind, f->a->ref);
		break;
	case FIX_GTSM:
		L(f, "neighbor %s {", nb);
		L(f, "\tttl-security yes");
		L(f, "}");
		break;
	case FIX_AUTH:
		L(f, "neighbor %s {", nb);
		L(f, "\ttcp md5sig password <shared-secret>");
		L(f, "}");
		break;
	case FIX_BGP_ROLE:
		L(f, "neighbor %s {", nb);
		s = local_role(f, false);
		if (strcmp(s, "rs-server") == 0)
			s = "rs";
		L(f, "\tannounce policy %s", s);
		L(f, "}");
		break;
	case FIX_DESCRIPTION:
		L(f, "neighbor %s {", nb);
		L(f, "\tdescr \"<organisation, NOC contact>\"");
		L(f, "}");
		break;
	case FIX_URPF_STRICT:
		L(f, "# in pf.conf on OpenBSD:");
		L(f, "block in quick on %s from urpf-failed", f->a->iface);
		break;
	case FIX_BOGON_SOURCE:
	case FIX_EGRESS:
		L(f, "# in pf.conf on OpenBSD: a table of %s sources and a block rule on %s",
		    k == FIX_EGRESS ? "allowed" : "bogon", f->a->iface);
		break;
	}
	return done(f);
}

const char *
mc_fix(mc_rule_ctx *ctx, mc_fix_kind k, const mc_fix_arg *a)
{
	fx f;

	if (ctx->opts != NULL && ctx->opts->no_fix)
		return NULL;
	memset(&f, 0, sizeof(f));
	f.ctx = ctx;
	f.a = a;
	switch (ctx->dev->vendor) {
	case MC_VENDOR_IOS:
	case MC_VENDOR_IOSXE:
	case MC_VENDOR_NXOS:
		return fix_ios(&f, k, D_IOS);
	case MC_VENDOR_EOS:
		return fix_ios(&f, k, D_EOS);
	case MC_VENDOR_FRR:
		return fix_ios(&f, k, D_FRR);
	case MC_VENDOR_JUNOS:
		return fix_junos(&f, k);
	case MC_VENDOR_IOSXR:
		return fix_xr(&f, k);
	case MC_VENDOR_BIRD:
		return fix_bird(&f, k);
	case MC_VENDOR_OPENBGPD:
		return fix_openbgpd(&f, k);
	default:
		return NULL;	/* no syntax we can vouch for */
	}
}
