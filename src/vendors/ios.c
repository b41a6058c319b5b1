/*
 * Cisco IOS family extractor: Cisco IOS, IOS-XE, Arista EOS, FRR and
 * Quagga.  The dialects share the command language; where they differ
 * (defaults, EOS "peer group", FRR "frr defaults" profiles, ...) the
 * difference is handled where the command is read.  This file holds the
 * entry point, the top-level dispatch and the shared helpers; sections
 * have their own files (ios_iface.c, ios_acl.c, ios_bgp.c, ios_policy.c).
 */
#include <string.h>

#include "vendors/ios.h"

/* ---- hash map ------------------------------------------------------------ */

static uint32_t
hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	while (n-- > 0)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

void *
ios_map_get(const ios_map *m, const char *key, size_t klen)
{
	uint32_t h;
	size_t i;

	if (m->cap == 0)
		return NULL;
	h = hash(key, klen);
	for (i = h & (m->cap - 1); m->v[i].key != NULL; i = (i + 1) & (m->cap - 1))
		if (m->v[i].hash == h && strncmp(m->v[i].key, key, klen) == 0 &&
		    m->v[i].key[klen] == '\0')
			return m->v[i].val;
	return NULL;
}

static void
put(ios_map *m, const char *key, uint32_t h, void *val)
{
	size_t i;

	for (i = h & (m->cap - 1); m->v[i].key != NULL; i = (i + 1) & (m->cap - 1))
		if (m->v[i].hash == h && strcmp(m->v[i].key, key) == 0) {
			m->v[i].val = val;
			return;
		}
	m->v[i].key = key;
	m->v[i].hash = h;
	m->v[i].val = val;
	m->n++;
}

void
ios_map_put(mc_arena *a, ios_map *m, const char *key, size_t klen, void *val)
{
	if ((m->n + 1) * 2 > m->cap) {
		ios_map old = *m;
		size_t i;

		m->cap = old.cap ? old.cap * 2 : 64;
		m->v = mc_alloc(a, m->cap * sizeof(*m->v));
		m->n = 0;
		for (i = 0; i < old.cap; i++)
			if (old.v[i].key != NULL)
				put(m, old.v[i].key, old.v[i].hash, old.v[i].val);
	}
	put(m, mc_strndup(a, key, klen), hash(key, klen), val);
}

/* ---- shared helpers -------------------------------------------------------- */

int
ios_toks(const mc_node *n, mc_tok *t)
{
	return mc_tokens(n->text, n->len, t, IOS_MAXTOK);
}

bool
ios_is(const mc_tok *t, int i, int nt, const char *word)
{
	return i < nt && mc_tok_is(&t[i], word);
}

const char *
ios_str(ios *c, const mc_tok *t)
{
	return mc_tok_str(c->a, t);
}

/* asplain "64500" or asdot "1.10" (= 65546). */
bool
ios_asn(const mc_tok *t, uint32_t *out)
{
	const char *dot = memchr(t->s, '.', t->len);
	mc_tok hi, lo;
	uint32_t h, l;

	if (dot == NULL)
		return mc_tok_u32(t, out) != 0;
	hi.s = t->s;
	hi.len = (unsigned)(dot - t->s);
	lo.s = dot + 1;
	lo.len = t->len - hi.len - 1;
	if (!mc_tok_u32(&hi, &h) || !mc_tok_u32(&lo, &l) || h > 65535 ||
	    l > 65535)
		return false;
	*out = h << 16 | l;
	return true;
}

static const char *
section_name(ios *c, const mc_node *sec)
{
	if (sec == NULL || sec->text == NULL)
		return "";
	return mc_strndup(c->a, sec->text, sec->len > 80 ? 80 : sec->len);
}

void
ios_unknown(ios *c, const mc_node *n, const mc_node *sec)
{
	/* only the first 200 are kept: no copies for the others */
	mc_dev_unparsed(c->d, n->line, c->d->unparsed.n < 200 ?
	    section_name(c, sec) : "", n->text, n->len);
}

void
ios_unknown_tree(ios *c, const mc_node *n, const mc_node *sec)
{
	const mc_node *k;

	ios_unknown(c, n, sec);
	for (k = n->kid; k != NULL; k = k->next)
		ios_unknown_tree(c, k, sec);
}

int
ios_tree_lines(const mc_node *n)
{
	const mc_node *k;
	int c = 1;

	for (k = n->kid; k != NULL; k = k->next)
		c += ios_tree_lines(k);
	return c;
}

ios_inst *
ios_inst_get(ios *c, const char *vrf)
{
	ios_inst *in = ios_map_get(&c->insts, vrf, strlen(vrf));

	if (in == NULL) {
		in = mc_alloc(c->a, sizeof(*in));
		in->default_v4 = in->default_v6 = in->v4_over_v6 = -1;
		ios_map_put(c->a, &c->insts, vrf, strlen(vrf), in);
	}
	return in;
}

/* "A/len", or "A" and a netmask "M" (mask may be NULL: host or classful
 * is up to the caller). */
bool
ios_parse_prefix(const mc_tok *addr, const mc_tok *mask, mc_prefix *out)
{
	mc_prefix m;
	int l;

	if (memchr(addr->s, '/', addr->len) != NULL)
		return mc_prefix_parse(addr->s, addr->len, out);
	if (!mc_addr_parse(addr->s, addr->len, out))
		return false;
	if (mask == NULL)
		return true;
	if (!mc_addr_parse(mask->s, mask->len, &m) || m.af != out->af ||
	    (l = mc_netmask_len(&m)) < 0)
		return false;
	out->len = (uint8_t)l;
	mc_prefix_clear_host(out);
	return true;
}

static bool
null_nexthop(const mc_tok *t)
{
	static const char *names[] = { "Null0", "null0", "NULL0", "Null",
	    "null", "blackhole", "reject", "discard" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (mc_tok_is(t, names[i]))
			return true;
	return false;
}

/*
 * Static routes.  IOS "ip route [vrf V] A M NH|IF [...]", EOS "ip route
 * [vrf V] A/len NH", FRR "ip route A/len NH|IF|blackhole [...] [vrf V]",
 * "ipv6 route ...".  i is the index of the token after "route".
 */
void
ios_static(ios *c, const mc_node *n, mc_tok *t, int nt, int i,
    const char *vrf, int af)
{
	mc_static s;
	int j;

	memset(&s, 0, sizeof(s));
	s.line = n->line;
	s.vrf = vrf;
	if (ios_is(t, i, nt, "vrf") && i + 1 < nt) {
		s.vrf = ios_str(c, &t[i + 1]);
		i += 2;
	}
	if (i >= nt)
		goto bad;
	if (memchr(t[i].s, '/', t[i].len) != NULL) {
		if (!mc_prefix_parse(t[i].s, t[i].len, &s.prefix))
			goto bad;
		i++;
	} else {
		if (i + 1 >= nt || !ios_parse_prefix(&t[i], &t[i + 1], &s.prefix))
			goto bad;
		i += 2;
	}
	if ((af == MC_AF4) != (s.prefix.af == MC_AF4) || i >= nt)
		goto bad;
	s.nexthop = ios_str(c, &t[i]);
	s.null_route = null_nexthop(&t[i]);
	/* "Null 0" written with a blank */
	if (!s.null_route && mc_tok_is(&t[i], "Null") && i + 1 < nt)
		s.null_route = true;
	for (j = i + 1; j + 1 < nt; j++)
		if (mc_tok_is(&t[j], "vrf") && c->frr)
			s.vrf = ios_str(c, &t[j + 1]);
	mc_vec_push(c->a, &c->d->statics, s);
	return;
bad:
	/* static routes are outside the counted sections: nothing to count */
	return;
}

/* ---- flat sections (FRR/Quagga files without indentation) ---------------- */

static bool
w(const mc_node *n, int i, const char *word)
{
	mc_tok t[4];
	int nt = mc_tokens(n->text, n->len, t, 4);

	return i < nt && mc_tok_is(&t[i], word);
}

static bool
first_in(const mc_node *n, int i, const char *const *list)
{
	mc_tok t[4];
	int nt = mc_tokens(n->text, n->len, t, 4), k;

	if (i >= nt)
		return false;
	for (k = 0; list[k] != NULL; k++)
		if (mc_tok_is(&t[i], list[k]))
			return true;
	return false;
}

static const char *const bgp_words[] = { "neighbor", "bgp", "network",
	"aggregate-address", "redistribute", "address-family", "timers",
	"distance", "maximum-paths", "synchronization", "auto-summary",
	"default-information", "table-map", "template", "router-id", NULL };
static const char *const af_words[] = { "neighbor", "network",
	"aggregate-address", "redistribute", "maximum-paths", "bgp", "distance",
	"table-map", "import", "export", "label", "rd", "rt", "auto-summary",
	"synchronization", "default-information", NULL };
static const char *const rm_words[] = { "match", "set", "continue", "call",
	"on-match", "description", "sub-route-map", NULL };
static const char *const if_ip_words[] = { "address", "verify",
	"access-group", "ospf", "pim", "igmp", "router", "rip", "mtu",
	"helper-address", "policy", "proxy-arp", "redirects", "unreachables",
	"directed-broadcast", "nat", "irdp", "vrf", "unnumbered", "nd",
	"ospf6", "traffic-filter", "mld", "enable", "multicast", NULL };
static const char *const if_words[] = { "description", "shutdown",
	"link-detect", "bandwidth", "mtu", "link-params", "isis", "openfabric",
	"bfd", "evpn", "multicast", "vrf", NULL };
static const char *const acl_words[] = { "permit", "deny", "remark",
	"sequence", NULL };
static const char *const tpl_words[] = { "remote-as", "description",
	"password", "ebgp-multihop", "ttl-security", "update-source", "timers",
	"inherit", "local-as", "shutdown", "route-map", "prefix-list",
	"filter-list", "distribute-list", "maximum-prefix", "next-hop-self",
	"remove-private-as", "send-community", "soft-reconfiguration", NULL };

/*
 * "ip prefix-list NAME seq ..." lines are most of a big configuration:
 * such a line opens a section only when NAME ends it, the answer of the
 * token test in flat_section, found without tokenizing.  1 or 0; -1 when
 * the line is not one of those or NAME is quoted (the token test decides).
 * A quote elsewhere changes nothing: inside NAME it is part of the word,
 * after NAME the line goes on either way.
 */
static int
plist_name_alone(const mc_node *n)
{
	const char *s, *e = n->text + n->len;

	/* "ipv6 prefix-list ..." never opens one (only "ip" does, below) */
	if (n->len > 17 && memcmp(n->text, "ipv6 prefix-list ", 17) == 0)
		return 0;
	if (n->len <= 15 || memcmp(n->text, "ip prefix-list ", 15) != 0)
		return -1;
	for (s = n->text + 15; s < e && (*s == ' ' || *s == '\t'); s++)
		;
	if (s == e)
		return 0;
	if (*s == '"')
		return -1;
	/* A space after NAME's start: a word follows NAME, as a node's text
	 * never ends in blanks (one search instead of a loop per byte). */
	if (memchr(s, ' ', (size_t)(e - s)) != NULL)
		return 0;
	while (s < e && *s != ' ' && *s != '\t')
		s++;
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	return s == e;
}

static int
flat_section(const mc_node *n)
{
	mc_tok t[6];
	int nt;

	/* cheap filter: called for every node without children */
	switch (n->text[0]) {
	case 'r': case 'a': case 'i': case 't': case 'v':
		break;
	default:
		return 0;
	}
	if ((nt = plist_name_alone(n)) >= 0)
		return nt;
	/* five tokens tell every shape below apart (nt 5: five or more) */
	nt = mc_tokens(n->text, n->len, t, 5);
	if (nt == 0)
		return 0;
	if (mc_tok_is(&t[0], "router") && ios_is(t, 1, nt, "bgp"))
		return 1;
	if (mc_tok_is(&t[0], "address-family") || mc_tok_is(&t[0], "route-map") ||
	    mc_tok_is(&t[0], "interface") || mc_tok_is(&t[0], "int") ||
	    mc_tok_is(&t[0], "template"))
		return 1;
	if (nt == 1 && mc_tok_is(&t[0], "rpki"))
		return 1;
	if (nt == 2 && mc_tok_is(&t[0], "vrf") && n->indent == 0)
		return 1;
	if ((mc_tok_is(&t[0], "ip") || mc_tok_is(&t[0], "ipv6")) &&
	    ios_is(t, 1, nt, "access-list") && nt <= 4)
		return 1;
	if (mc_tok_is(&t[0], "ip") && ios_is(t, 1, nt, "prefix-list") && nt == 3)
		return 1;
	return 0;
}

static int
flat_child(const mc_node *sec, const mc_node *n)
{
	mc_tok t[4];
	int nt = mc_tokens(sec->text, sec->len, t, 4), i = 0;

	if (nt == 0)
		return 0;
	if (w(n, 0, "no") || w(n, 0, "default"))
		i = 1;
	if (mc_tok_is(&t[0], "router"))
		/* "bgp as-path access-list", "bgp community-list"... are
		 * top-level FRR commands, not router-bgp ones */
		return first_in(n, i, bgp_words) && !(w(n, i, "bgp") &&
		    (w(n, i + 1, "as-path") || w(n, i + 1, "community-list") ||
		    w(n, i + 1, "large-community-list") ||
		    w(n, i + 1, "extcommunity-list")));
	if (mc_tok_is(&t[0], "address-family"))
		return first_in(n, i, af_words);
	if (mc_tok_is(&t[0], "route-map"))
		return first_in(n, i, rm_words);
	if (mc_tok_is(&t[0], "interface") || mc_tok_is(&t[0], "int")) {
		if (w(n, i, "ip") || w(n, i, "ipv6"))
			return first_in(n, i + 1, if_ip_words);
		if (w(n, i, "mpls"))
			return w(n, i + 1, "enable");
		return first_in(n, i, if_words);
	}
	if (mc_tok_is(&t[0], "template"))
		return first_in(n, i, tpl_words);
	if (mc_tok_is(&t[0], "rpki"))
		return w(n, 0, "rpki") && n->len > 5;
	if (mc_tok_is(&t[0], "vrf"))
		return ((w(n, 0, "ip") || w(n, 0, "ipv6")) && (w(n, 1, "route") ||
		    w(n, 1, "protocol") || w(n, 1, "router-id") ||
		    w(n, 1, "nht"))) || w(n, 0, "vni");
	if (mc_tok_is(&t[0], "ip") || mc_tok_is(&t[0], "ipv6")) {
		mc_tok f[1];

		if (ios_is(t, 1, nt, "prefix-list"))
			return w(n, 0, "seq");
		if (first_in(n, i, acl_words))
			return 1;
		/* "10 permit ..." */
		return mc_tokens(n->text, n->len, f, 1) == 1 && f[0].len > 0 &&
		    f[0].s[0] >= '0' && f[0].s[0] <= '9';
	}
	return 0;
}

/* ---- top level -------------------------------------------------------- */

static void
frr_version(ios *c, mc_tok *t, int nt)
{
	const char *s;
	unsigned i;

	if (nt < 3)
		return;
	s = t[2].s;
	c->frr_major = c->frr_minor = 0;
	for (i = 0; i < t[2].len && s[i] >= '0' && s[i] <= '9'; i++)
		c->frr_major = c->frr_major * 10 + (s[i] - '0');
	if (i < t[2].len && s[i] == '.')
		for (i++; i < t[2].len && s[i] >= '0' && s[i] <= '9'; i++)
			c->frr_minor = c->frr_minor * 10 + (s[i] - '0');
	if (c->frr_major > 1000)
		c->frr_major = 1000;
}

/* FRR "vrf NAME" block: static routes of the VRF. */
static void
frr_vrf(ios *c, const mc_node *n, mc_tok *t, int nt)
{
	const char *vrf = nt > 1 ? ios_str(c, &t[1]) : NULL;
	const mc_node *k;
	mc_tok kt[IOS_MAXTOK];
	int knt;

	for (k = n->kid; k != NULL; k = k->next) {
		knt = ios_toks(k, kt);
		if (knt > 2 && mc_tok_is(&kt[1], "route") &&
		    (mc_tok_is(&kt[0], "ip") || mc_tok_is(&kt[0], "ipv6")))
			ios_static(c, k, kt, knt, 2, vrf,
			    mc_tok_is(&kt[0], "ip") ? MC_AF4 : MC_AF6);
	}
}

static void
count_section(ios *c, const mc_node *n)
{
	c->d->section_lines += ios_tree_lines(n);
}

/* A prefix-list line the reader kept out of the tree, in its turn: as
 * top() reads it as a node (one line of a section). */
static void
light_line(ios *c, const ios_plline *l)
{
	ios_plist_apply(c, l);
	c->d->section_lines++;
}

/* mc_indent_opts.light: a prefix-list line the direct reader takes (it
 * never opens a section), kept to be added in its turn. */
static int
light(void *ctx, const char *text, unsigned len, int line)
{
	ios *c = ctx;
	ios_plline r, *l;

	if (text[0] != 'i' || !ios_plist_read(text, len, line, &r))
		return 0;
	/* a list, not a vector: no copies as it grows */
	l = mc_alloc_nz(c->tree, sizeof(*l));
	*l = r;
	l->next = NULL;
	*c->plines_end = l;
	c->plines_end = &l->next;
	return 1;
}

static void
top(ios *c, const mc_node *n)
{
	mc_tok t[IOS_MAXTOK];
	int nt;

	/* most lines of a big configuration: read without tokens */
	if (n->kid == NULL && n->text[0] == 'i' && ios_prefix_list_line(c, n)) {
		count_section(c, n);
		return;
	}
	nt = ios_toks(n, t);
	/* An empty first token (a lone '"') has no first character to read. */
	if (nt == 0 || t[0].len == 0)
		return;
	switch (t[0].s[0]) {
	case 'a':
		if (mc_tok_is(&t[0], "access-list")) {
			count_section(c, n);
			ios_acl_numbered(c, n, t, nt);
		}
		return;
	case 'b':
		if (mc_tok_is(&t[0], "bgp") && nt > 2) {
			if (mc_tok_is(&t[1], "as-path") &&
			    ios_is(t, 2, nt, "access-list")) {
				count_section(c, n);
				ios_aspath_list(c, n, t, nt, 3);
			} else if (mc_tok_is(&t[1], "community-list") ||
			    mc_tok_is(&t[1], "large-community-list")) {
				count_section(c, n);
				ios_community_list(c, n, t, nt, 2,
				    mc_tok_is(&t[1], "large-community-list"));
			} else if (mc_tok_is(&t[1], "extcommunity-list"))
				count_section(c, n);
		}
		return;
	case 'f':
		if (mc_tok_is(&t[0], "frr") && nt > 1) {
			if (mc_tok_is(&t[1], "version"))
				frr_version(c, t, nt);
			else if (mc_tok_is(&t[1], "defaults") &&
			    ios_is(t, 2, nt, "datacenter"))
				c->frr_datacenter = true;
		}
		return;
	case 'h':
		if (mc_tok_is(&t[0], "hostname") && nt > 1 && c->d->hostname == NULL)
			c->d->hostname = ios_str(c, &t[1]);
		return;
	case 'i':
		if (mc_tok_is(&t[0], "interface") || mc_tok_is(&t[0], "int")) {
			count_section(c, n);
			ios_interface(c, n);
			return;
		}
		if (!mc_tok_is(&t[0], "ip") && !mc_tok_is(&t[0], "ipv6"))
			return;
		if (nt < 2)
			return;
		if (mc_tok_is(&t[1], "route")) {
			ios_static(c, n, t, nt, 2, NULL,
			    mc_tok_is(&t[0], "ip") ? MC_AF4 : MC_AF6);
		} else if (mc_tok_is(&t[1], "prefix-list")) {
			count_section(c, n);
			ios_prefix_list(c, n, t, nt,
			    mc_tok_is(&t[0], "ip") ? MC_AF4 : MC_AF6);
		} else if (mc_tok_is(&t[1], "access-list")) {
			count_section(c, n);
			ios_acl_named(c, n, t, nt);
		} else if (mc_tok_is(&t[1], "as-path") &&
		    ios_is(t, 2, nt, "access-list")) {
			count_section(c, n);
			ios_aspath_list(c, n, t, nt, 3);
		} else if (mc_tok_is(&t[1], "community-list") ||
		    mc_tok_is(&t[1], "large-community-list")) {
			count_section(c, n);
			ios_community_list(c, n, t, nt, 2,
			    mc_tok_is(&t[1], "large-community-list"));
		} else if (mc_tok_is(&t[1], "extcommunity-list"))
			count_section(c, n);
		return;
	case 'l':
		if (mc_tok_is(&t[0], "log") && memmem(n->text, n->len, "quagga",
		    6) != NULL)
			c->quagga = true;
		return;
	case 'r':
		if (mc_tok_is(&t[0], "router") && ios_is(t, 1, nt, "bgp")) {
			count_section(c, n);
			ios_router_bgp(c, n, t, nt);
		} else if (mc_tok_is(&t[0], "route-map")) {
			count_section(c, n);
			ios_route_map(c, n, t, nt);
		} else if (mc_tok_is(&t[0], "rpki") && nt == 1) {
			count_section(c, n);
			ios_rpki_block(c, n);
		}
		return;
	case 'v':
		if (mc_tok_is(&t[0], "vrf") && c->frr && n->kid != NULL)
			frr_vrf(c, n, t, nt);
		return;
	default:
		return;
	}
}

/* Inline waivers: an own-line comment covers the node that follows and its
 * children; a comment at the end of a line covers that line. */
static int
last_line(const mc_node *n)
{
	int depth = 0;

	while (n->last_kid != NULL && depth++ < MC_CONF_MAX_DEPTH * 4)
		n = n->last_kid;
	return n->line;
}

static void
waivers(ios *c)
{
	size_t i;

	for (i = 0; i < c->comments.n; i++) {
		const mc_comment *m = &c->comments.v[i];
		int first = m->line, last = m->line;

		if (m->node != NULL) {
			first = m->node->line;
			last = m->trailing ? m->node->line : last_line(m->node);
		}
		mc_waiver_from_comment(c->d, m->text, m->len, m->line, first,
		    last);
	}
}

mc_device *
mc_extract_ios_family(mc_arena *a, const char *file, const char *buf,
    size_t len, mc_vendor v, mc_diag *diag)
{
	mc_indent_opts o;
	mc_node *root, *n;
	mc_device *d;
	mc_arena *t;
	const ios_plline *l;
	ios *c;

	/* The tree and the reader's state live in an arena of their own,
	 * freed once the model is built: the model copies what it keeps,
	 * and a check of thousands of routers holds only the models. */
	t = mc_arena_new();
	c = mc_alloc(t, sizeof(*c));
	c->a = a;
	c->v = v;
	c->eos = v == MC_VENDOR_EOS;
	c->frr = v == MC_VENDOR_FRR;
	c->erp_default = c->erp_vrf = -1;
	memset(&o, 0, sizeof(o));
	o.flat_section = flat_section;
	o.flat_child = flat_child;
	o.comments = &c->comments;
	o.light = light;
	o.light_ctx = c;
	c->tree = t;
	c->plines_end = &c->plines;
	root = mc_indent_parse_opts(t, file, buf, len, &o, diag);
	if (root == NULL) {
		mc_arena_free(t);
		return NULL;
	}
	c->d = mc_device_new(a, file, v);
	c->d->lines = root->line;
	l = c->plines;
	/* the tree's lines and the reader's light ones, in file order */
	for (n = root->kid; n != NULL; n = n->next) {
		for (; l != NULL && l->ent.line < n->line; l = l->next)
			light_line(c, l);
		top(c, n);
	}
	for (; l != NULL; l = l->next)
		light_line(c, l);
	ios_policy_finish(c);
	ios_bgp_finish(c);
	waivers(c);
	d = c->d;
	mc_arena_free(t);
	return d;
}
