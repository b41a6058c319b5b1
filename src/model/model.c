/* Model builders, names and lookups shared by every extractor. */
#include <string.h>

#include "manrs/model.h"

static const char *vendor_names[MC_VENDOR_COUNT] = {
	[MC_VENDOR_UNKNOWN] = "unknown",
	[MC_VENDOR_IOS] = "ios",
	[MC_VENDOR_IOSXE] = "iosxe",
	[MC_VENDOR_EOS] = "eos",
	[MC_VENDOR_FRR] = "frr",
	[MC_VENDOR_NXOS] = "nxos",
	[MC_VENDOR_IOSXR] = "iosxr",
	[MC_VENDOR_JUNOS] = "junos",
	[MC_VENDOR_BIRD] = "bird",
	[MC_VENDOR_OPENBGPD] = "openbgpd",
	[MC_VENDOR_SROS] = "sros",
	[MC_VENDOR_VRP] = "vrp",
	[MC_VENDOR_ROUTEROS] = "routeros",
};

const char *
mc_vendor_name(mc_vendor v)
{
	return (unsigned)v < MC_VENDOR_COUNT ? vendor_names[v] : "unknown";
}

mc_vendor
mc_vendor_from_name(const char *s)
{
	int i;

	if (s == NULL)
		return MC_VENDOR_UNKNOWN;
	for (i = 1; i < MC_VENDOR_COUNT; i++)
		if (strcmp(s, vendor_names[i]) == 0)
			return (mc_vendor)i;
	/* Common spellings operators use. */
	if (strcmp(s, "ios-xe") == 0 || strcmp(s, "xe") == 0)
		return MC_VENDOR_IOSXE;
	if (strcmp(s, "arista") == 0)
		return MC_VENDOR_EOS;
	if (strcmp(s, "quagga") == 0)
		return MC_VENDOR_FRR;
	if (strcmp(s, "ios-xr") == 0 || strcmp(s, "xr") == 0)
		return MC_VENDOR_IOSXR;
	if (strcmp(s, "juniper") == 0 || strcmp(s, "junos-set") == 0)
		return MC_VENDOR_JUNOS;
	if (strcmp(s, "bird2") == 0)
		return MC_VENDOR_BIRD;
	return MC_VENDOR_UNKNOWN;
}

static const char *role_names[MC_ROLE_COUNT] = {
	[MC_ROLE_UNKNOWN] = "unknown",
	[MC_ROLE_CUSTOMER] = "customer",
	[MC_ROLE_PEER] = "peer",
	[MC_ROLE_PROVIDER] = "provider",
	[MC_ROLE_RS] = "route-server",
	[MC_ROLE_RS_CLIENT] = "rs-client",
	[MC_ROLE_INTERNAL] = "internal",
	[MC_ROLE_MONITOR] = "monitor",
};

const char *
mc_role_name(mc_role r)
{
	return (unsigned)r < MC_ROLE_COUNT ? role_names[r] : "unknown";
}

mc_role
mc_role_from_name(const char *s)
{
	int i;

	if (s == NULL)
		return MC_ROLE_UNKNOWN;
	for (i = 0; i < MC_ROLE_COUNT; i++)
		if (strcmp(s, role_names[i]) == 0)
			return (mc_role)i;
	if (strcmp(s, "upstream") == 0 || strcmp(s, "transit") == 0)
		return MC_ROLE_PROVIDER;
	if (strcmp(s, "downstream") == 0)
		return MC_ROLE_CUSTOMER;
	if (strcmp(s, "rs") == 0)
		return MC_ROLE_RS;
	if (strcmp(s, "ibgp") == 0)
		return MC_ROLE_INTERNAL;
	return MC_ROLE_UNKNOWN;
}

#define LOOKUP(fn, type, field)                                         \
	type *fn(const mc_device *d, const char *name)                  \
	{                                                               \
		size_t i;                                               \
		if (name == NULL)                                       \
			return NULL;                                    \
		for (i = 0; i < d->field.n; i++)                        \
			if (strcmp(d->field.v[i]->name, name) == 0)     \
				return d->field.v[i];                   \
		return NULL;                                            \
	}

LOOKUP(mc_dev_prefix_list, mc_prefix_list, prefix_lists)
LOOKUP(mc_dev_aspath_list, mc_aspath_list, aspath_lists)
LOOKUP(mc_dev_community_list, mc_community_list, community_lists)
LOOKUP(mc_dev_policy, mc_policy, policies)
LOOKUP(mc_dev_acl, mc_acl, acls)
LOOKUP(mc_dev_iface, mc_interface, ifaces)

mc_device *
mc_device_new(mc_arena *a, const char *file, mc_vendor v)
{
	mc_device *d = mc_alloc(a, sizeof(*d));

	d->arena = a;
	d->file = mc_strdup(a, file);
	d->vendor = v;
	d->bgp.ebgp_requires_policy = -1;
	d->bgp.enforce_first_as = -1;
	return d;
}

#define MC_UNPARSED_KEEP 200

void
mc_dev_unparsed(mc_device *d, int line, const char *section, const char *text,
    size_t len)
{
	mc_unparsed u;

	d->unrecognized++;
	if (d->unparsed.n >= MC_UNPARSED_KEEP)
		return;
	u.line = line;
	u.section = section;
	u.text = mc_strndup(d->arena, text, len > 200 ? 200 : len);
	mc_vec_push(d->arena, &d->unparsed, u);
}

mc_cond *
mc_cond_new(mc_arena *a, mc_cond_kind k, int line)
{
	mc_cond *c = mc_alloc(a, sizeof(*c));

	c->kind = k;
	c->line = line;
	return c;
}

mc_stmt *
mc_stmt_new(mc_arena *a, mc_stmt_kind k, int line)
{
	mc_stmt *s = mc_alloc(a, sizeof(*s));

	s->kind = k;
	s->line = line;
	return s;
}

void
mc_neighbor_init(mc_neighbor *n)
{
	memset(n, 0, sizeof(*n));
	n->remote_as_kind = MC_RAS_UNKNOWN;
	n->enforce_first_as = -1;
}
