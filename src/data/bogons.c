/*
 * Built-in bogon tables (RULES.md, "Bogons"): prefixes, ASNs and the
 * transit-free list.  The tables are constant strings, parsed once per
 * process (pthread_once) and read-only afterwards; range sets are built on
 * demand in the caller's arena.
 */
#include <pthread.h>
#include <string.h>

#include "manrs/rules.h"

typedef struct bogon {
	const char *prefix;
	const char *what;
} bogon;

static const bogon bogons4[] = {
	{ "0.0.0.0/8", "'this' network, RFC 1122" },
	{ "10.0.0.0/8", "private, RFC 1918" },
	{ "100.64.0.0/10", "shared CGN space, RFC 6598" },
	{ "127.0.0.0/8", "loopback, RFC 1122" },
	{ "169.254.0.0/16", "link local, RFC 3927" },
	{ "172.16.0.0/12", "private, RFC 1918" },
	{ "192.0.0.0/24", "IETF protocol assignments, RFC 6890" },
	{ "192.0.2.0/24", "TEST-NET-1, RFC 5737" },
	{ "192.88.99.0/24", "6to4 relay anycast, RFC 7526" },
	{ "192.168.0.0/16", "private, RFC 1918" },
	{ "198.18.0.0/15", "benchmarking, RFC 2544" },
	{ "198.51.100.0/24", "TEST-NET-2, RFC 5737" },
	{ "203.0.113.0/24", "TEST-NET-3, RFC 5737" },
	{ "224.0.0.0/4", "multicast, RFC 5771" },
	{ "240.0.0.0/4", "reserved, RFC 1112" },
};

/*
 * IPv6: everything outside 2000::/3 is ::/3, 4000::/2 and 8000::/1; the
 * specials named in messages lie inside those.  The first three entries
 * with a NULL label are only the cover; labels come from the named ones.
 */
static const bogon bogons6[] = {
	{ "::/3", NULL },
	{ "4000::/2", NULL },
	{ "8000::/1", NULL },
	{ "2001:2::/48", "benchmarking, RFC 5180" },
	{ "2001:10::/28", "ORCHID, RFC 4843" },
	{ "2001:db8::/32", "documentation, RFC 3849" },
	{ "2002::/16", "6to4, RFC 7526" },
	{ "3ffe::/16", "old 6bone, RFC 3701" },
	{ "3fff::/20", "documentation, RFC 9637" },
	{ "5f00::/16", "SRv6 SIDs, RFC 9602" },
};

static const bogon named6[] = {
	{ "::/8", "IPv4-compatible, loopback et al., RFC 4291" },
	{ "100::/64", "discard only, RFC 6666" },
	{ "fc00::/7", "unique local, RFC 4193" },
	{ "fe80::/10", "link local, RFC 4291" },
	{ "fec0::/10", "old site local, RFC 3879" },
	{ "ff00::/8", "multicast, RFC 4291" },
};

#define NITEMS(a) (sizeof(a) / sizeof((a)[0]))

/* The tables' prefixes, parsed: the lookups below run for every probe
 * and every filter entry, too often to parse the strings each time. */
static pthread_once_t parsed_once = PTHREAD_ONCE_INIT;
static mc_prefix parsed4[NITEMS(bogons4)], parsed6[NITEMS(bogons6)],
    parsed_named6[NITEMS(named6)];
static bool ok4[NITEMS(bogons4)], ok6[NITEMS(bogons6)],
    ok_named6[NITEMS(named6)];

static void
parse_all(void)
{
	size_t i;

	for (i = 0; i < NITEMS(bogons4); i++)
		ok4[i] = mc_prefix_parse_strict(bogons4[i].prefix,
		    strlen(bogons4[i].prefix), &parsed4[i]);
	for (i = 0; i < NITEMS(bogons6); i++)
		ok6[i] = mc_prefix_parse_strict(bogons6[i].prefix,
		    strlen(bogons6[i].prefix), &parsed6[i]);
	for (i = 0; i < NITEMS(named6); i++)
		ok_named6[i] = mc_prefix_parse_strict(named6[i].prefix,
		    strlen(named6[i].prefix), &parsed_named6[i]);
}

/* Entry i of table t (bogons4, bogons6 or named6), parsed. */
static bool
parse_entry_of(const bogon *t, size_t i, mc_prefix *p)
{
	(void)pthread_once(&parsed_once, parse_all);
	if (t == bogons4) {
		*p = parsed4[i];
		return ok4[i];
	}
	if (t == bogons6) {
		*p = parsed6[i];
		return ok6[i];
	}
	*p = parsed_named6[i];
	return ok_named6[i];
}

static void
add_family(mc_arena *a, mc_rangeset *rs, int af)
{
	const bogon *t = af == MC_AF4 ? bogons4 : bogons6;
	size_t n = af == MC_AF4 ? NITEMS(bogons4) : NITEMS(bogons6), i;
	mc_prefix p;
	mc_range r;

	for (i = 0; i < n; i++) {
		if (!parse_entry_of(t, i, &p))
			continue;	/* cannot happen: the table is checked by tests */
		if (mc_range_make(&p, p.len, mc_af_bits(af), &r))
			mc_rs_add(a, rs, &r);
	}
}

const mc_rangeset *
mc_bogon_prefixes(mc_arena *a, int af)
{
	mc_rangeset *rs = mc_alloc(a, sizeof(*rs));

	if (af == 0 || af == MC_AF4)
		add_family(a, rs, MC_AF4);
	if (af == 0 || af == MC_AF6)
		add_family(a, rs, MC_AF6);
	mc_rs_freeze(rs);	/* queried again and again: hashed once */
	return rs;
}

const char *const *
mc_bogon_table(int af, size_t *n)
{
	static const char *const v4[] = {
		"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
		"169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
		"192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16",
		"198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
		"224.0.0.0/4", "240.0.0.0/4",
	};
	/* For filters: the explicit list operators expect, plus the
	 * complement of 2000::/3 so that nothing outside it passes. */
	static const char *const v6[] = {
		"::/8", "100::/64", "2001:2::/48", "2001:10::/28",
		"2001:db8::/32", "2002::/16", "3ffe::/16", "3fff::/20",
		"5f00::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
		"::/3", "4000::/2", "8000::/1",
	};

	if (af == MC_AF6) {
		*n = NITEMS(v6);
		return v6;
	}
	*n = NITEMS(v4);
	return v4;
}

const char *
mc_bogon_label(const mc_prefix *q)
{
	static const char *const outside = "outside 2000::/3";
	const bogon *t;
	size_t n, i;
	mc_prefix p;

	if (q->af == MC_AF4) {
		t = bogons4;
		n = NITEMS(bogons4);
	} else if (q->af == MC_AF6) {
		for (i = 0; i < NITEMS(named6); i++)
			if (parse_entry_of(named6, i, &p) &&
			    mc_prefix_contains(&p, q))
				return named6[i].prefix;
		t = bogons6;
		n = NITEMS(bogons6);
	} else
		return NULL;
	for (i = 0; i < n; i++) {
		if (!parse_entry_of(t, i, &p) || !mc_prefix_contains(&p, q))
			continue;
		return t[i].what != NULL ? t[i].prefix : outside;
	}
	return NULL;
}

const char *
mc_bogon_reason(const mc_prefix *q)
{
	const bogon *t;
	size_t n, i;
	mc_prefix p;

	if (q->af == MC_AF6) {
		for (i = 0; i < NITEMS(named6); i++)
			if (parse_entry_of(named6, i, &p) &&
			    mc_prefix_contains(&p, q))
				return named6[i].what;
		t = bogons6;
		n = NITEMS(bogons6);
	} else {
		t = bogons4;
		n = NITEMS(bogons4);
	}
	for (i = 0; i < n; i++) {
		if (!parse_entry_of(t, i, &p) || !mc_prefix_contains(&p, q))
			continue;
		return t[i].what != NULL ? t[i].what : "not allocated for global unicast";
	}
	return NULL;
}

bool
mc_prefix_is_bogon(const mc_prefix *q)
{
	return mc_bogon_label(q) != NULL;
}

bool
mc_asn_is_bogon(uint32_t asn)
{
	return asn == 0 || asn == 23456 ||
	    (asn >= 64496 && asn <= 131071) ||
	    asn >= 4200000000u;
}

static const uint32_t transit_free[] = {
	174, 209, 701, 702, 1239, 1299, 2828, 2914, 3257, 3320, 3356, 3491,
	5511, 6453, 6461, 6762, 6830, 7018, 12956,
};

const uint32_t *
mc_transit_free_default(size_t *n)
{
	*n = NITEMS(transit_free);
	return transit_free;
}

/* One bogon ASN from each reserved block, for probes.  AS 0 is left out:
 * RFC 7607 makes routers treat an UPDATE with AS 0 in its path as a
 * withdrawal whatever the policy says, so it can never be a leak. */
const uint32_t *
mc_bogon_asn_probes(size_t *n)
{
	static const uint32_t probes[] = {
		23456, 64496, 64512, 65535, 65551, 100000, 4200000000u,
		4294967295u,
	};

	*n = NITEMS(probes);
	return probes;
}
