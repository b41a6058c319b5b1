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

/* Open addressing over (name, object); the first object of a name wins,
 * as in a search of the vector. */
struct mc_name_index {
	size_t n;		/* objects indexed */
	size_t mask;
	struct name_slot {
		const char *name;
		void *obj;
	} *slot;
};

enum { IX_PLIST, IX_ASPATH, IX_COMM, IX_POLICY, IX_ACL, IX_IFACE, IX_COUNT };
_Static_assert(IX_COUNT == sizeof(((mc_device *)0)->index) /
    sizeof(((mc_device *)0)->index[0]), "one index per kind of name");

static uint64_t
name_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	return h;
}

static const struct name_slot *
ix_find(const struct mc_name_index *ix, const char *name)
{
	size_t k;

	for (k = name_hash(name) & ix->mask; ix->slot[k].name != NULL;
	    k = (k + 1) & ix->mask)
		if (strcmp(ix->slot[k].name, name) == 0)
			return &ix->slot[k];
	return NULL;
}

static struct mc_name_index *
ix_build(mc_arena *a, void *const *objs, const char *const *names, size_t n)
{
	struct mc_name_index *ix = mc_alloc(a, sizeof(*ix));
	size_t cap = 16, i, k;

	while (cap < n * 2)
		cap *= 2;
	ix->n = n;
	ix->mask = cap - 1;
	ix->slot = mc_alloc(a, cap * sizeof(*ix->slot));
	for (i = 0; i < n; i++) {
		if (names[i] == NULL || ix_find(ix, names[i]) != NULL)
			continue;
		for (k = name_hash(names[i]) & ix->mask;
		    ix->slot[k].name != NULL; k = (k + 1) & ix->mask)
			;
		ix->slot[k].name = names[i];
		ix->slot[k].obj = objs[i];
	}
	return ix;
}

#define LOOKUP(fn, type, field, which)                                  \
	type *fn(const mc_device *d, const char *name)                  \
	{                                                               \
		const struct mc_name_index *ix = d->index[which];       \
		const struct name_slot *sl;                             \
		size_t i;                                               \
		if (name == NULL)                                       \
			return NULL;                                    \
		if (ix != NULL && ix->n == d->field.n) {                \
			sl = ix_find(ix, name);                         \
			return sl != NULL ? sl->obj : NULL;             \
		}                                                       \
		for (i = 0; i < d->field.n; i++)                        \
			if (d->field.v[i]->name != NULL &&              \
			    strcmp(d->field.v[i]->name, name) == 0)     \
				return d->field.v[i];                   \
		return NULL;                                            \
	}

LOOKUP(mc_dev_prefix_list, mc_prefix_list, prefix_lists, IX_PLIST)
LOOKUP(mc_dev_aspath_list, mc_aspath_list, aspath_lists, IX_ASPATH)
LOOKUP(mc_dev_community_list, mc_community_list, community_lists, IX_COMM)
LOOKUP(mc_dev_policy, mc_policy, policies, IX_POLICY)
LOOKUP(mc_dev_acl, mc_acl, acls, IX_ACL)
LOOKUP(mc_dev_iface, mc_interface, ifaces, IX_IFACE)

#define INDEX(which, field)						\
	do {								\
		size_t i_, n_ = d->field.n;				\
		void **o_ = mc_alloc(d->arena, (n_ + 1) * sizeof(*o_));	\
		const char **s_ = mc_alloc(d->arena,			\
		    (n_ + 1) * sizeof(*s_));				\
		for (i_ = 0; i_ < n_; i_++) {				\
			o_[i_] = d->field.v[i_];			\
			s_[i_] = d->field.v[i_]->name;			\
		}							\
		d->index[which] = ix_build(d->arena, o_, s_, n_);	\
	} while (0)

void
mc_dev_index(mc_device *d)
{
	INDEX(IX_PLIST, prefix_lists);
	INDEX(IX_ASPATH, aspath_lists);
	INDEX(IX_COMM, community_lists);
	INDEX(IX_POLICY, policies);
	INDEX(IX_ACL, acls);
	INDEX(IX_IFACE, ifaces);
}

mc_origin *
mc_dev_add_origin(mc_device *d, const mc_prefix *p, mc_origin_kind k,
    const char *vrf, const char *detail, int line)
{
	mc_origin o;

	memset(&o, 0, sizeof(o));
	if (p != NULL)
		o.prefix = *p;
	o.kind = k;
	o.vrf = vrf;
	o.detail = detail;
	o.line = line;
	mc_vec_push(d->arena, &d->origins, o);
	return &d->origins.v[d->origins.n - 1];
}

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

static const char *
brief_str(mc_arena *a, const char *s)
{
	return s != NULL ? mc_strdup(a, s) : NULL;
}

mc_device *
mc_device_brief(const mc_device *d, mc_arena *a)
{
	mc_device *b = mc_alloc(a, sizeof(*b));
	mc_neighbor *nv;
	size_t i, n;

	b->arena = a;
	b->file = brief_str(a, d->file);
	b->vendor = d->vendor;
	b->hostname = brief_str(a, d->hostname);
	b->lines = d->lines;
	b->unrecognized = d->unrecognized;
	b->section_lines = d->section_lines;
	b->bgp = d->bgp;	/* platform switches: numbers only */
	b->bgp.router_id = brief_str(a, d->bgp.router_id);
	if ((n = d->unparsed.n) > 0) {
		b->unparsed.v = mc_alloc(a, n * sizeof(*b->unparsed.v));
		for (i = 0; i < n; i++) {
			b->unparsed.v[i].line = d->unparsed.v[i].line;
			b->unparsed.v[i].section = brief_str(a, d->unparsed.v[i].section);
			b->unparsed.v[i].text = brief_str(a, d->unparsed.v[i].text);
		}
		b->unparsed.n = b->unparsed.cap = n;
	}
	if ((n = d->neighbors.n) > 0) {
		b->neighbors.v = mc_alloc(a, n * sizeof(*b->neighbors.v));
		nv = mc_alloc(a, n * sizeof(*nv));
		for (i = 0; i < n; i++) {
			const mc_neighbor *o = d->neighbors.v[i];
			mc_neighbor *c = &nv[i];

			mc_neighbor_init(c);
			c->address = brief_str(a, o->address);
			c->addr = o->addr;
			c->name = brief_str(a, o->name);
			c->vrf = brief_str(a, o->vrf);
			c->remote_as_kind = o->remote_as_kind;
			c->remote_as = o->remote_as;
			c->description = brief_str(a, o->description);
			c->shutdown = o->shutdown;
			c->is_group_only = o->is_group_only;
			c->role = o->role;
			c->role_source = brief_str(a, o->role_source);
			c->line = o->line;
			b->neighbors.v[i] = c;
		}
		b->neighbors.n = b->neighbors.cap = n;
	}
	if ((n = d->waivers.n) > 0) {
		b->waivers.v = mc_alloc(a, n * sizeof(*b->waivers.v));
		for (i = 0; i < n; i++) {
			b->waivers.v[i] = d->waivers.v[i];
			b->waivers.v[i].rule = brief_str(a, d->waivers.v[i].rule);
			b->waivers.v[i].reason = brief_str(a, d->waivers.v[i].reason);
		}
		b->waivers.n = b->waivers.cap = n;
	}
	if ((n = d->notes.n) > 0) {
		b->notes.v = mc_alloc(a, n * sizeof(*b->notes.v));
		for (i = 0; i < n; i++)
			b->notes.v[i] = brief_str(a, d->notes.v[i]);
		b->notes.n = b->notes.cap = n;
	}
	return b;
}
