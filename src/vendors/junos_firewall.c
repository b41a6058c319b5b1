/*
 * Junos firewall filters -> ACLs.  `firewall family inet filter F` (or
 * `firewall filter F`, family inet) and `family inet6`.  Each term becomes
 * entries in order: one per source address (x destination address), permit
 * for accept / routing-instance, deny for discard / reject; a term without
 * a terminating action accepts, a term with `next term` decides nothing.
 * Terms that also match on protocol, ports, flags, destination... have
 * has_ports set (they do not decide every packet of the source).
 *
 * `except` addresses leave the term: the packet goes on to later terms.
 * They become entries with the action of the first later term that decides
 * their packets (the implicit discard at the end if none), placed before the
 * term's own entries; when a later term decides them only in part, the
 * entry is marked has_ports (approximate).
 * A term that calls another filter (`term T filter G`) gets G's entries.
 */
#include <stdlib.h>
#include <string.h>

#include "vendors/junos_int.h"

#define MAX_TERM_ENTRIES 4096

/* Match conditions we know: anything in `from` besides addresses. */
static const char *const from_other[] = {
	"protocol", "protocol-except", "source-port", "destination-port",
	"port", "source-port-except", "destination-port-except",
	"port-except", "icmp-type", "icmp-code", "icmp-type-except",
	"icmp-code-except", "tcp-flags", "tcp-established", "tcp-initial",
	"fragment-offset", "fragment-offset-except", "is-fragment",
	"first-fragment", "fragment-flags", "dscp", "dscp-except",
	"precedence", "precedence-except", "ttl", "ttl-except",
	"packet-length", "packet-length-except", "interface",
	"interface-set", "interface-group", "interface-group-except",
	"forwarding-class", "forwarding-class-except", "next-header",
	"next-header-except", "payload-protocol", "payload-protocol-except",
	"traffic-class", "traffic-class-except", "hop-limit",
	"hop-limit-except", "ip-options", "ip-options-except",
	"loss-priority", "loss-priority-except", "source-class",
	"destination-class", "ah-spi", "esp-spi", "ip-version", "gre-key",
	"flexible-match-range", "flexible-match-mask", "extension-header",
	"extension-header-except", "source-mac-address",
	"destination-mac-address", "ether-type", "vlan-ether-type",
	"learn-vlan-id", "user-vlan-id", "service-filter-hit",
	"apply-groups", "icmp-type-except", "source-class-except",
	"destination-class-except", "ip-protocol", "ip-protocol-except",
	"ip-source-address", "ip-destination-address", "ip-precedence",
	"tcp-initial", "fragment-offset", "port-mirror",
	"destination-port-range-optimize", "source-port-range-optimize",
	"packet-length-range", "ip6-source-address", "eth-type",
	"l2-encap-type", "vxlan", "gtp", "source-address-except",
	"ipv6-source-address", "ipv6-destination-address", NULL
};

static const char *const then_known[] = {
	"accept", "discard", "reject", "next", "routing-instance", "count",
	"log", "syslog", "sample", "policer", "three-color-policer",
	"hierarchical-policer", "forwarding-class", "loss-priority",
	"port-mirror", "port-mirror-instance", "analyzer", "dscp",
	"traffic-class", "service-accounting", "next-hop-group",
	"prefix-action", "packet-mode", "next-ip", "next-ip6",
	"next-interface", "topology", "decapsulate", "encapsulate",
	"service-filter-input", "service-filter-output", "apply-groups",
	"virtual-channel", "forwarding-class-except", "load-balance",
	"ipsec-sa", "force-premium", "service-accounting-deferred",
	"cflowd", "policy-map", "mirror", "traceoptions", NULL
};

static const char *const filter_known[] = {
	"term", "interface-specific", "physical-interface-filter",
	"instance-shared", "enhanced-mode", "fast-lookup-filter",
	"accounting-profile", "apply-groups", "apply-groups-except",
	"enhanced-mode-override", "filter-specific", "promote",
	"only-at-create", NULL
};

typedef struct fdef {
	const char *name;	/* as stored: inet6 collisions get " (inet6)" */
	const jt_node *node;
	int af;
	mc_acl *acl;		/* NULL until built */
	bool building;
} fdef;

typedef struct fw {
	jx *x;
	MC_VEC(fdef) defs;
} fw;

typedef struct addr {
	mc_prefix p;
	bool except;
	int line;
} addr;

typedef MC_VEC(addr) addrv;

typedef struct term {
	const jt_node *node;
	addrv src, dst, both;	/* both: `address` / `prefix-list`: src or dst */
	bool other;		/* non-address match conditions */
	int action;		/* 1 permit, 0 deny, -1 none (next term) */
	const char *proto;
	const char *icmp_type;	/* icmp-type values, space-separated */
	const jt_node *call;	/* term T filter G */
	int ttl_min;		/* lowest TTL of ttl-except, 0 none */
} term;

static void
add_addr(jx *x, addrv *v, const jt_node *n, int af)
{
	const jt_node *k, *e;
	mc_prefix_list *pl;
	addr a;
	size_t i;

	if (jt_is(n, "source-prefix-list") ||
	    jt_is(n, "destination-prefix-list") || jt_is(n, "prefix-list")) {
		for (k = jt_first(n); k != NULL; k = jt_next(k)) {
			pl = mc_dev_prefix_list(x->d, jx_str(x, k));
			if (pl == NULL) {
				jx_note(x, "firewall filter uses undefined "
				    "prefix-list %.*s (line %d)", (int)k->wlen,
				    k->w, k->line);
				continue;
			}
			e = jt_kid(k, "except");
			for (i = 0; i < pl->entries.n; i++) {
				if (pl->entries.v[i].r.p.af != af)
					continue;
				a.p = pl->entries.v[i].r.p;
				a.except = e != NULL;
				a.line = k->line;
				mc_vec_push(x->a, v, a);
			}
		}
		return;
	}
	for (k = jt_first(n); k != NULL; k = jt_next(k)) {
		if (!jx_prefix(k, &a.p) || a.p.af != af)
			continue;
		a.except = jt_kid(k, "except") != NULL;
		a.line = k->line;
		mc_vec_push(x->a, v, a);
	}
}

static void
read_term(fw *f, const jt_node *tn, int af, term *t, const char *section)
{
	jx *x = f->x;
	const jt_node *from, *then, *k, *p;
	bool terminated = false;

	memset(t, 0, sizeof(*t));
	t->node = tn;
	t->action = 1;		/* no terminating action: accept */
	t->call = jt_val(tn, "filter");
	from = jt_kid(tn, "from");
	for (k = jt_first(from); k != NULL; k = jt_next(k)) {
		if (jt_is(k, "source-address") ||
		    jt_is(k, "source-prefix-list"))
			add_addr(x, &t->src, k, af);
		else if (jt_is(k, "destination-address") ||
		    jt_is(k, "destination-prefix-list"))
			add_addr(x, &t->dst, k, af);
		else if (jt_is(k, "address") || jt_is(k, "prefix-list"))
			add_addr(x, &t->both, k, af);
		else {
			t->other = true;
			if (!jx_in(k, from_other))
				jx_unparsed(x, k, section);
			if ((jt_is(k, "protocol") || jt_is(k, "next-header") ||
			    jt_is(k, "payload-protocol")) && jt_count(k) == 1)
				t->proto = jx_str(x, jt_first(k));
			if (jt_is(k, "icmp-type"))
				for (p = jt_first(k); p != NULL; p = jt_next(p))
					t->icmp_type = t->icmp_type == NULL ?
					    jx_str(x, p) : mc_printf(x->a, "%s %s",
					    t->icmp_type, jx_str(x, p));
			if (jt_is(k, "ttl-except") || jt_is(k, "hop-limit-except"))
				for (p = jt_first(k); p != NULL; p = jt_next(p)) {
					uint32_t v;

					if (jx_u32(p, &v) && v > 0 && v <= 255 &&
					    (t->ttl_min == 0 || (int)v < t->ttl_min))
						t->ttl_min = (int)v;
				}
		}
	}
	then = jt_kid(tn, "then");
	for (k = jt_first(then); k != NULL; k = jt_next(k)) {
		if (!jx_in(k, then_known))
			jx_unparsed(x, k, section);
		if (jt_is(k, "accept") || jt_is(k, "routing-instance") ||
		    jt_is(k, "next-ip") || jt_is(k, "next-ip6") ||
		    jt_is(k, "next-interface") || jt_is(k, "topology")) {
			t->action = 1;
			terminated = true;
		} else if (jt_is(k, "discard") || jt_is(k, "reject")) {
			t->action = 0;
			terminated = true;
		} else if (jt_is(k, "next") &&
		    (p = jt_kid(k, "term")) != NULL && !terminated)
			t->action = -1;
	}
}

static bool
overlaps(const mc_prefix *a, const mc_prefix *b)
{
	return mc_prefix_contains(a, b) || mc_prefix_contains(b, a);
}

/* What later terms do with the packets of except prefix e.  Sets *approx
 * when a term decides only part of them. */
static int
except_action(const term *tv, size_t nt, size_t i, const mc_prefix *e,
    bool *approx)
{
	size_t j, k;
	bool cover, touch, excl;

	for (j = i + 1; j < nt; j++) {
		const term *t = &tv[j];

		if (j > i + 1000) {		/* bound the work: approximate */
			*approx = true;
			return 0;
		}

		if (t->action < 0 || t->call != NULL)
			continue;
		cover = touch = false;
		if (t->src.n == 0 && t->both.n == 0)
			cover = true;
		for (k = 0; k < t->src.n; k++) {
			if (t->src.v[k].except)
				continue;
			if (mc_prefix_contains(&t->src.v[k].p, e))
				cover = true;
			else if (overlaps(&t->src.v[k].p, e))
				touch = true;
		}
		for (k = 0; k < t->both.n; k++)
			if (overlaps(&t->both.v[k].p, e))
				touch = true;
		excl = false;
		for (k = 0; k < t->src.n; k++)
			if (t->src.v[k].except && overlaps(&t->src.v[k].p, e))
				excl = true;
		if (cover && !excl) {
			if (t->other || t->dst.n > 0 || t->both.n > 0)
				*approx = true;
			return t->action;
		}
		if (cover || touch) {
			*approx = true;
			return t->action;
		}
	}
	return 0;	/* implicit discard at the end of the filter */
}

static mc_prefix
any(int af)
{
	mc_prefix p;

	memset(&p, 0, sizeof(p));
	p.af = (uint8_t)af;
	return p;
}

static void
push(jx *x, mc_acl *acl, bool permit, const term *t, const mc_prefix *src,
    const mc_prefix *dst, bool cond, int line)
{
	mc_acl_entry e;

	memset(&e, 0, sizeof(e));
	e.permit = permit;
	e.proto = t->proto;
	e.icmp_type = t->icmp_type;
	e.src = *src;
	e.dst = *dst;
	e.has_ports = cond;
	e.line = line;
	mc_vec_push(x->a, &acl->entries, e);
}

static int
by_len_desc(const void *a, const void *b)
{
	const addr *p = a, *q = b;

	return (int)q->p.len - (int)p->p.len;
}

static mc_acl *build(fw *, fdef *, int depth);

static void
term_entries(fw *f, mc_acl *acl, const term *tv, size_t nt, size_t i,
    int depth)
{
	jx *x = f->x;
	const term *t = &tv[i];
	mc_prefix anyp = any(acl->af);
	size_t k, j, n = 0, pos = 0, neg = 0;
	bool approx, cond, dcond;
	int a;

	if (t->call != NULL) {
		const char *g = jx_str(x, t->call);
		mc_acl *sub = NULL;

		for (k = 0; k < f->defs.n; k++)
			if (f->defs.v[k].af == acl->af &&
			    jt_is(f->defs.v[k].node, g))
				sub = build(f, &f->defs.v[k], depth + 1);
		if (sub == NULL || sub == acl) {
			jx_note(x, "filter %s calls filter %s, which is undefined "
			    "or calls it back (line %d)", acl->name, g,
			    t->call->line);
			return;
		}
		for (k = 0; k < sub->entries.n; k++)
			mc_vec_push(x->a, &acl->entries, sub->entries.v[k]);
		return;
	}
	if (t->action < 0)
		return;
	/* Except prefixes first, most specific first. */
	for (k = 0; k < t->src.n; k++) {
		if (t->src.v[k].except)
			neg++;
		else
			pos++;
	}
	if (neg > 0) {
		addr *ex = mc_alloc(x->a, sizeof(*ex) * neg);

		for (k = 0, j = 0; k < t->src.n; k++)
			if (t->src.v[k].except)
				ex[j++] = t->src.v[k];
		qsort(ex, neg, sizeof(*ex), by_len_desc);
		for (k = 0; k < neg && k < 1024; k++) {
			bool inside = pos == 0;

			for (j = 0; j < t->src.n; j++)
				if (!t->src.v[j].except &&
				    mc_prefix_contains(&t->src.v[j].p,
				    &ex[k].p))
					inside = true;
			if (!inside)
				continue;
			approx = pos == 0;
			a = except_action(tv, nt, i, &ex[k].p, &approx);
			push(x, acl, a == 1, t, &ex[k].p, &anyp, approx,
			    ex[k].line);
		}
	}
	cond = t->other;
	dcond = false;
	for (k = 0; k < t->dst.n; k++)
		if (t->dst.v[k].except)
			dcond = true;	/* destination exceptions: approximate */
	/* Sources x destinations. */
	if (pos == 0 && t->both.n == 0) {
		if (t->dst.n == 0 || dcond)
			push(x, acl, t->action == 1, t, &anyp, &anyp,
			    cond || dcond, t->node->line);
		for (k = 0; k < t->dst.n && !dcond && n < MAX_TERM_ENTRIES;
		    k++, n++)
			push(x, acl, t->action == 1, t, &anyp,
			    &t->dst.v[k].p, true, t->dst.v[k].line);
	}
	for (j = 0; j < t->src.n && n < MAX_TERM_ENTRIES; j++) {
		if (t->src.v[j].except)
			continue;
		if (t->dst.n == 0 || dcond) {
			push(x, acl, t->action == 1, t, &t->src.v[j].p, &anyp,
			    cond || dcond, t->src.v[j].line);
			n++;
			continue;
		}
		for (k = 0; k < t->dst.n && n < MAX_TERM_ENTRIES; k++, n++)
			push(x, acl, t->action == 1, t, &t->src.v[j].p,
			    &t->dst.v[k].p, true, t->dst.v[k].line);
	}
	/* `address`: the source or the destination. */
	for (j = 0; j < t->both.n && n < MAX_TERM_ENTRIES; j++, n++) {
		if (t->both.v[j].except)
			continue;
		push(x, acl, t->action == 1, t, &t->both.v[j].p, &anyp,
		    cond || t->dst.n > 0, t->both.v[j].line);
		push(x, acl, t->action == 1, t, &anyp, &t->both.v[j].p, true,
		    t->both.v[j].line);
	}
	if (n >= MAX_TERM_ENTRIES)
		jx_note(x, "filter %s term at line %d has more than %d "
		    "address pairs: the rest is not analysed", acl->name,
		    t->node->line, MAX_TERM_ENTRIES);
}

static mc_acl *
build(fw *f, fdef *def, int depth)
{
	jx *x = f->x;
	const jt_node *k;
	const char *section;
	term *tv;
	size_t nt = 0, i;

	if (def->building || depth > 8)
		return NULL;	/* a loop of filter calls */
	if (def->acl != NULL)
		return def->acl;
	def->building = true;
	def->acl = mc_alloc(x->a, sizeof(*def->acl));
	def->acl->name = def->name;
	def->acl->af = def->af;
	def->acl->line = def->node->line;
	section = mc_printf(x->a, "firewall filter %s", def->name);
	for (k = jt_first(def->node); k != NULL; k = jt_next(k))
		if (!jx_in(k, filter_known))
			jx_unparsed(x, k, section);
	tv = mc_alloc(x->a, sizeof(*tv) * (jt_count(jt_kid(def->node,
	    "term")) + 1));
	for (k = jt_first(jt_kid(def->node, "term")); k != NULL;
	    k = jt_next(k))
		read_term(f, k, def->af, &tv[nt++], section);
	for (i = 0; i < nt; i++) {
		term_entries(f, def->acl, tv, nt, i, depth);
		if (tv[i].ttl_min > 0 && tv[i].action == 0) {
			jx_gtsm g;
			size_t j;

			memset(&g, 0, sizeof(g));
			g.acl = def->name;
			g.hops = 256 - tv[i].ttl_min;
			for (j = 0; j < tv[i].src.n; j++)
				if (!tv[i].src.v[j].except)
					mc_vec_push(x->a, &g.src,
					    tv[i].src.v[j].p);
			mc_vec_push(x->a, &x->gtsm, g);
		}
	}
	def->building = false;
	return def->acl;
}

static void
collect(fw *f, const jt_node *fams, int af)
{
	const jt_node *k;
	fdef d;
	size_t i;

	for (k = jt_first(fams); k != NULL; k = jt_next(k)) {
		memset(&d, 0, sizeof(d));
		d.node = k;
		d.af = af;
		d.name = jx_str(f->x, k);
		for (i = 0; i < f->defs.n; i++)
			if (f->defs.v[i].af != af &&
			    strcmp(f->defs.v[i].name, d.name) == 0)
				d.name = mc_printf(f->x->a, "%s (inet6)",
				    d.name);
		mc_vec_push(f->x->a, &f->defs, d);
	}
}

void
jx_firewall(jx *x, const jt_node *fwn)
{
	fw f;
	size_t i;

	if (fwn == NULL)
		return;
	memset(&f, 0, sizeof(f));
	f.x = x;
	collect(&f, jt_kid(fwn, "filter"), MC_AF4);
	collect(&f, jt_path(fwn, "family inet filter"), MC_AF4);
	collect(&f, jt_path(fwn, "family inet6 filter"), MC_AF6);
	for (i = 0; i < f.defs.n; i++)
		if (build(&f, &f.defs.v[i], 0) != NULL)
			mc_vec_push(x->a, &x->d->acls, f.defs.v[i].acl);
}
