/*
 * The whole device model as JSON (manrs-check model): what the parser
 * understood, with source lines, so that a user can see why a rule
 * decided as it did.  Policies are shown in IR form: terms of statements,
 * conditions as readable text.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/json.h"
#include "report/jutil.h"

#define MAX_DEPTH 64	/* IR nesting shown; deeper is elided */

/* ---- a small growable string ---- */

typedef struct sbuf {
	char *s;
	size_t n, cap;
} sbuf;

static void
sb_add(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
sb_add(sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		size_t room = b->cap - b->n;

		va_start(ap, fmt);
		n = vsnprintf(b->s != NULL ? b->s + b->n : NULL, room, fmt, ap);
		va_end(ap);
		if (n < 0)
			return;
		if ((size_t)n < room) {
			b->n += (size_t)n;
			return;
		}
		b->cap = (b->cap + (size_t)n + 1) * 2;
		if ((b->s = realloc(b->s, b->cap)) == NULL) {
			fputs("manrs-check: out of memory\n", stderr);
			abort();
		}
	}
}

static json_t *
sb_json(sbuf *b)
{
	json_t *j = mc_jstr(b->s != NULL ? b->s : "");

	free(b->s);
	memset(b, 0, sizeof(*b));
	return j;
}

/* ---- names ---- */

const char *
mc_remote_as_kind_name(mc_remote_as_kind k)
{
	switch (k) {
	case MC_RAS_NUMBER:
		return "number";
	case MC_RAS_EXTERNAL:
		return "external";
	case MC_RAS_INTERNAL:
		return "internal";
	default:
		return "unknown";
	}
}

const char *
mc_maxpfx_action_name(mc_maxpfx_action a)
{
	switch (a) {
	case MC_MAXP_TEARDOWN:
		return "teardown";
	case MC_MAXP_DROP:
		return "drop";
	case MC_MAXP_WARN:
		return "warn";
	default:
		return "none";
	}
}

static const char *
urpf_name(mc_urpf u)
{
	switch (u) {
	case MC_URPF_STRICT:
		return "strict";
	case MC_URPF_FEASIBLE:
		return "feasible";
	case MC_URPF_LOOSE:
		return "loose";
	case MC_URPF_LOOSE_DEFAULT:
		return "loose-allow-default";
	default:
		return NULL;
	}
}

static const char *
dialect_name(mc_regex_dialect d)
{
	switch (d) {
	case MC_RE_JUNOS:
		return "junos";
	case MC_RE_POSIX:
		return "posix";
	default:
		return "cisco";
	}
}

static const char *
ref_kind_name(mc_ref_kind k)
{
	switch (k) {
	case MC_REF_PREFIX_LIST:
		return "prefix-list";
	case MC_REF_ASPATH_LIST:
		return "as-path-list";
	case MC_REF_ACL:
		return "acl";
	default:
		return "policy";
	}
}

static const char *
fallthrough_name(mc_fallthrough f)
{
	switch (f) {
	case MC_FALL_NEXT_POLICY:
		return "next-policy";
	case MC_FALL_ACCEPT:
		return "accept";
	default:
		return "reject";
	}
}

static const char *
origin_kind_name(mc_origin_kind k)
{
	switch (k) {
	case MC_ORIG_AGGREGATE:
		return "aggregate";
	case MC_ORIG_STATIC:
		return "static";
	case MC_ORIG_REDISTRIBUTE:
		return "redistribute";
	default:
		return "network";
	}
}

static json_t *
tristate(int v)
{
	return v < 0 ? json_null() : json_boolean(v);
}

static json_t *
jint(long long v)
{
	return json_integer(v);
}

static json_t *
af_json(int af)
{
	if (af == MC_AF4)
		return json_string("ipv4");
	if (af == MC_AF6)
		return json_string("ipv6");
	return json_null();
}

static void
comm_fmt(sbuf *b, const mc_community *c)
{
	if (c->kind == 2)
		sb_add(b, "ext:");
	if (c->a == 0xffffffffu)
		sb_add(b, "*");
	else
		sb_add(b, "%u", c->a);
	if (c->b == 0xffffffffu)
		sb_add(b, ":*");
	else
		sb_add(b, ":%u", c->b);
	if (c->kind == 1 || c->kind == 2) {
		if (c->c == 0xffffffffu)
			sb_add(b, ":*");
		else
			sb_add(b, ":%u", c->c);
	}
}

static json_t *
comm_json(const mc_community *c)
{
	sbuf b = {0};

	comm_fmt(&b, c);
	return sb_json(&b);
}

static json_t *
range_json(const mc_range *r)
{
	json_t *o = json_object();

	mc_jset(o, "prefix", mc_jprefix(&r->p));
	mc_jset(o, "min", jint(r->lo));
	mc_jset(o, "max", jint(r->hi));
	return o;
}

/* ---- conditions, as text ---- */

static void
range_fmt(sbuf *b, const mc_range *r)
{
	char buf[MC_PREFIX_STRLEN];

	mc_prefix_fmt(&r->p, buf);
	if (r->lo == r->p.len && r->hi == r->p.len)
		sb_add(b, "%s", buf);
	else
		sb_add(b, "%s{%u,%u}", buf, r->lo, r->hi);
}

static void
cond_fmt(sbuf *b, const mc_cond *c, int depth)
{
	size_t i;

	if (c == NULL) {
		sb_add(b, "true");
		return;
	}
	if (depth > MAX_DEPTH) {
		sb_add(b, "...");
		return;
	}
	switch (c->kind) {
	case MC_C_TRUE:
		sb_add(b, "true");
		break;
	case MC_C_FALSE:
		sb_add(b, "false");
		break;
	case MC_C_AND:
	case MC_C_OR:
		if (c->kids.n == 0) {
			sb_add(b, c->kind == MC_C_AND ? "true" : "false");
			break;
		}
		sb_add(b, "(");
		for (i = 0; i < c->kids.n; i++) {
			if (i > 0)
				sb_add(b, c->kind == MC_C_AND ? " and " : " or ");
			cond_fmt(b, c->kids.v[i], depth + 1);
		}
		sb_add(b, ")");
		break;
	case MC_C_NOT:
		sb_add(b, "not ");
		cond_fmt(b, c->kids.n > 0 ? c->kids.v[0] : NULL, depth + 1);
		break;
	case MC_C_PREFIX_LIST:
		sb_add(b, "prefix-list %s", c->ref ? c->ref : "?");
		break;
	case MC_C_PREFIX_ACL:
		sb_add(b, "prefix in acl %s", c->ref ? c->ref : "?");
		break;
	case MC_C_PREFIX_INLINE:
		sb_add(b, "prefix in [");
		if (c->plist != NULL)
			for (i = 0; i < c->plist->entries.n; i++) {
				const mc_prefix_entry *e = &c->plist->entries.v[i];

				if (i > 0)
					sb_add(b, ", ");
				if (!e->permit)
					sb_add(b, "deny ");
				range_fmt(b, &e->r);
			}
		sb_add(b, "]");
		break;
	case MC_C_NET_LEN:
		sb_add(b, "prefix length %u..%u", c->lo, c->hi);
		break;
	case MC_C_NET_AF:
		sb_add(b, "family %s", c->n == MC_AF6 ? "ipv6" : "ipv4");
		break;
	case MC_C_ASPATH_LIST:
		sb_add(b, "as-path-list %s", c->ref ? c->ref : "?");
		break;
	case MC_C_ASPATH_REGEX:
		sb_add(b, "as-path ~ \"%s\" (%s)", c->str ? c->str : "",
		    dialect_name(c->dialect));
		break;
	case MC_C_ASPATH_LEN:
		if (c->hi >= 0xffffu)
			sb_add(b, "as-path length >= %u", c->lo);
		else
			sb_add(b, "as-path length %u..%u", c->lo, c->hi);
		break;
	case MC_C_AS_ANY:
	case MC_C_AS_ORIGIN:
	case MC_C_AS_FIRST:
	case MC_C_AS_TRANSIT:
		sb_add(b, "%s ", c->kind == MC_C_AS_ANY ? "any-as" :
		    c->kind == MC_C_AS_ORIGIN ? "origin-as" :
		    c->kind == MC_C_AS_FIRST ? "first-as" : "transit-as");
		if (c->lo == c->hi)
			sb_add(b, "%u", c->lo);
		else
			sb_add(b, "%u..%u", c->lo, c->hi);
		break;
	case MC_C_AS_PEER:
		sb_add(b, "first-as = neighbor-as");
		break;
	case MC_C_COMMUNITY_LIST:
		sb_add(b, "community-list %s", c->ref ? c->ref : "?");
		break;
	case MC_C_COMMUNITY:
		sb_add(b, "community ");
		comm_fmt(b, &c->comm);
		break;
	case MC_C_RPKI: {
		const char *sep = "";

		sb_add(b, "rpki in {");
		if (c->n & MC_ROV_VALID) {
			sb_add(b, "valid");
			sep = ", ";
		}
		if (c->n & MC_ROV_INVALID) {
			sb_add(b, "%sinvalid", sep);
			sep = ", ";
		}
		if (c->n & MC_ROV_NOTFOUND)
			sb_add(b, "%snot-found", sep);
		sb_add(b, "}");
		break;
	}
	case MC_C_PROTOCOL:
		sb_add(b, "protocol %s", c->str ? c->str : "?");
		break;
	case MC_C_NEIGHBOR:
		sb_add(b, "neighbor %s", c->str ? c->str : "?");
		break;
	case MC_C_POLICY:
		sb_add(b, "policy %s accepts", c->ref ? c->ref : "?");
		break;
	case MC_C_NEXT_HOP:
		if (c->ref != NULL)
			sb_add(b, "next-hop in %s %s", c->n == MC_C_PREFIX_ACL ?
			    "acl" : "prefix-list", c->ref);
		else if (c->plist != NULL)
			sb_add(b, "next-hop in (inline list)");
		else if (c->str != NULL)
			sb_add(b, "next-hop %s", c->str);
		else
			sb_add(b, "next-hop is the neighbour's address");
		break;
	case MC_C_LOCAL_PREF:
		sb_add(b, "local-preference %u-%u", c->lo, c->hi);
		break;
	default:
		sb_add(b, "unknown(\"%s\")", c->str ? c->str : "");
		break;
	}
}

static json_t *
cond_json(const mc_cond *c)
{
	sbuf b = {0};

	cond_fmt(&b, c, 0);
	return sb_json(&b);
}

/* ---- statements ---- */

static json_t *block_json(const mc_block *, int depth);

static const char *
set_name(mc_set_kind k)
{
	switch (k) {
	case MC_SET_COMMUNITY_ADD:
		return "community add";
	case MC_SET_COMMUNITY_DEL:
		return "community delete";
	case MC_SET_COMMUNITY_REPLACE:
		return "community replace";
	case MC_SET_COMMUNITY_NONE:
		return "community none";
	case MC_SET_PREPEND:
		return "as-path prepend";
	case MC_SET_LOCAL_PREF:
		return "local-preference";
	default:
		return "other";
	}
}

static json_t *
stmt_json(const mc_stmt *s, int depth)
{
	json_t *o = json_object();
	static const char *ops[] = {
		[MC_S_IF] = "if", [MC_S_ACCEPT] = "accept",
		[MC_S_REJECT] = "reject", [MC_S_NEXT_TERM] = "next-term",
		[MC_S_NEXT_POLICY] = "next-policy", [MC_S_GOTO] = "goto",
		[MC_S_CALL] = "call", [MC_S_SET] = "set",
		[MC_S_RETURN] = "return", [MC_S_UNKNOWN] = "unknown",
		[MC_S_MARK] = "mark",
	};
	const char *op = (size_t)s->kind < sizeof(ops) / sizeof(ops[0]) ?
	    ops[s->kind] : NULL;

	mc_jset(o, "op", mc_jstr(op != NULL ? op : "unknown"));
	mc_jset(o, "line", jint(s->line));
	switch (s->kind) {
	case MC_S_IF:
		mc_jset(o, "cond", cond_json(s->cond));
		mc_jset(o, "then", block_json(&s->then, depth + 1));
		if (s->els.n > 0)
			mc_jset(o, "else", block_json(&s->els, depth + 1));
		break;
	case MC_S_GOTO:
		mc_jset(o, "term", jint(s->n));
		mc_jset(o, "mark_accept", json_boolean(s->mark_accept));
		break;
	case MC_S_CALL:
		mc_jset(o, "policy", mc_jstr(s->ref));
		mc_jset(o, "returns", json_boolean(s->call_returns));
		break;
	case MC_S_RETURN:
	case MC_S_MARK:
		mc_jset(o, "mark_accept", json_boolean(s->mark_accept));
		break;
	case MC_S_SET:
		mc_jset(o, "set", mc_jstr(set_name(s->set)));
		if (s->set == MC_SET_PREPEND) {
			mc_jset(o, "asn", jint(s->comm.a));
			mc_jset(o, "times", jint(s->n));
		} else if (s->set == MC_SET_LOCAL_PREF) {
			/* n: 0 set, 1 add, -1 subtract (FRR +N/-N) */
			mc_jset(o, "value", jint(s->comm.a));
			mc_jset(o, "op", mc_jstr(s->n > 0 ? "add" : s->n < 0 ?
			    "subtract" : "set"));
		} else if (s->set != MC_SET_OTHER && s->set != MC_SET_COMMUNITY_NONE)
			mc_jset(o, "community", comm_json(&s->comm));
		if (s->str != NULL)
			mc_jset(o, "text", mc_jstr(s->str));
		break;
	case MC_S_UNKNOWN:
		mc_jset(o, "text", mc_jstr(s->str));
		break;
	default:
		break;
	}
	return o;
}

static json_t *
block_json(const mc_block *bl, int depth)
{
	json_t *a = json_array();
	size_t i;

	if (depth > MAX_DEPTH) {
		json_array_append_new(a, json_string("..."));
		return a;
	}
	for (i = 0; i < bl->n; i++)
		json_array_append_new(a, stmt_json(bl->v[i], depth));
	return a;
}

static json_t *
policy_json(const mc_policy *p)
{
	json_t *o = json_object(), *terms = json_array();
	size_t i;

	mc_jset(o, "name", mc_jstr(p->name));
	mc_jset(o, "line", jint(p->line));
	mc_jset(o, "fallthrough", json_string(fallthrough_name(p->fallthrough)));
	mc_jset(o, "function", json_boolean(p->is_function));
	for (i = 0; i < p->terms.n; i++) {
		const mc_term *t = &p->terms.v[i];
		json_t *tj = json_object();

		mc_jset(tj, "name", mc_jstr(t->name));
		mc_jset(tj, "line", jint(t->line));
		mc_jset(tj, "statements", block_json(&t->body, 0));
		json_array_append_new(terms, tj);
	}
	mc_jset(o, "terms", terms);
	return o;
}

/* ---- named lists ---- */

static json_t *
prefix_list_json(const mc_prefix_list *pl)
{
	json_t *o = json_object(), *ents = json_array();
	size_t i;

	mc_jset(o, "name", mc_jstr(pl->name));
	mc_jset(o, "af", af_json(pl->af));
	mc_jset(o, "line", jint(pl->line));
	for (i = 0; i < pl->entries.n; i++) {
		const mc_prefix_entry *e = &pl->entries.v[i];
		json_t *ej = range_json(&e->r);

		json_object_set_new(ej, "action",
		    json_string(e->permit ? "permit" : "deny"));
		mc_jset(ej, "seq", jint(e->seq));
		mc_jset(ej, "line", jint(e->line));
		json_array_append_new(ents, ej);
	}
	mc_jset(o, "entries", ents);
	return o;
}

static json_t *
aspath_list_json(const mc_aspath_list *l)
{
	json_t *o = json_object(), *ents = json_array();
	size_t i;

	mc_jset(o, "name", mc_jstr(l->name));
	mc_jset(o, "line", jint(l->line));
	for (i = 0; i < l->entries.n; i++) {
		const mc_aspath_entry *e = &l->entries.v[i];
		json_t *ej = json_object();

		mc_jset(ej, "action", json_string(e->permit ? "permit" : "deny"));
		mc_jset(ej, "regex", mc_jstr(e->regex));
		mc_jset(ej, "dialect", json_string(dialect_name(e->dialect)));
		mc_jset(ej, "line", jint(e->line));
		json_array_append_new(ents, ej);
	}
	mc_jset(o, "entries", ents);
	return o;
}

static json_t *
community_list_json(const mc_community_list *l)
{
	json_t *o = json_object(), *ents = json_array();
	size_t i, k;

	mc_jset(o, "name", mc_jstr(l->name));
	mc_jset(o, "line", jint(l->line));
	for (i = 0; i < l->entries.n; i++) {
		const mc_community_entry *e = &l->entries.v[i];
		json_t *ej = json_object(), *all = json_array();

		mc_jset(ej, "action", json_string(e->permit ? "permit" : "deny"));
		mc_jset(ej, "expanded", json_boolean(e->expanded));
		if (e->expanded)
			mc_jset(ej, "regex", mc_jstr(e->regex));
		for (k = 0; k < e->all_of.n; k++)
			json_array_append_new(all, comm_json(&e->all_of.v[k]));
		mc_jset(ej, "all_of", all);
		mc_jset(ej, "line", jint(e->line));
		json_array_append_new(ents, ej);
	}
	mc_jset(o, "entries", ents);
	return o;
}

static json_t *
acl_json(const mc_acl *acl)
{
	json_t *o = json_object(), *ents = json_array();
	size_t i;

	mc_jset(o, "name", mc_jstr(acl->name));
	mc_jset(o, "af", af_json(acl->af));
	mc_jset(o, "line", jint(acl->line));
	for (i = 0; i < acl->entries.n; i++) {
		const mc_acl_entry *e = &acl->entries.v[i];
		json_t *ej = json_object();

		mc_jset(ej, "action", json_string(e->remark ? "remark" :
		    e->permit ? "permit" : "deny"));
		if (!e->remark) {
			mc_jset(ej, "proto", mc_jstr(e->proto));
			mc_jset(ej, "src", mc_jprefix(&e->src));
			mc_jset(ej, "dst", mc_jprefix(&e->dst));
			if (e->icmp_type != NULL)
				mc_jset(ej, "icmp_type", mc_jstr(e->icmp_type));
			if (e->src_noncontig)
				mc_jset(ej, "src_noncontiguous", json_true());
			if (e->has_ports)
				mc_jset(ej, "ports", json_true());
		}
		mc_jset(ej, "line", jint(e->line));
		json_array_append_new(ents, ej);
	}
	mc_jset(o, "entries", ents);
	return o;
}

/* ---- interfaces ---- */

static json_t *
acl_ref(const char *name, int line)
{
	json_t *o;

	if (name == NULL)
		return json_null();
	o = json_object();
	mc_jset(o, "name", mc_jstr(name));
	mc_jset(o, "line", jint(line));
	return o;
}

static json_t *
urpf_json(mc_urpf u, int line)
{
	json_t *o;

	if (u == MC_URPF_NONE)
		return json_null();
	o = json_object();
	mc_jset(o, "mode", mc_jstr(urpf_name(u)));
	mc_jset(o, "line", jint(line));
	return o;
}

static json_t *
iface_json(const mc_interface *f)
{
	json_t *o = json_object(), *addrs = json_array(), *acl;
	size_t i;

	mc_jset(o, "name", mc_jstr(f->name));
	mc_jset(o, "vrf", mc_jstr(f->vrf));
	mc_jset(o, "description", mc_jstr(f->description));
	mc_jset(o, "shutdown", json_boolean(f->shutdown));
	for (i = 0; i < f->addrs.n; i++) {
		const mc_iface_addr *a = &f->addrs.v[i];
		json_t *aj = json_object();
		char buf[MC_PREFIX_STRLEN], nb[MC_PREFIX_STRLEN];

		snprintf(buf, sizeof(buf), "%s/%u", mc_addr_fmt(&a->addr, nb),
		    a->net.len);
		mc_jset(aj, "address", mc_jstr(a->addr.af ? buf : NULL));
		mc_jset(aj, "network", mc_jprefix(&a->net));
		mc_jset(aj, "secondary", json_boolean(a->secondary));
		mc_jset(aj, "line", jint(a->line));
		json_array_append_new(addrs, aj);
	}
	mc_jset(o, "addresses", addrs);
	mc_jset(o, "urpf_ipv4", urpf_json(f->urpf4, f->urpf4_line));
	mc_jset(o, "urpf_ipv6", urpf_json(f->urpf6, f->urpf6_line));
	acl = json_object();
	mc_jset(acl, "in_ipv4", acl_ref(f->acl_in4, f->acl_in4_line));
	mc_jset(acl, "out_ipv4", acl_ref(f->acl_out4, f->acl_out4_line));
	mc_jset(acl, "in_ipv6", acl_ref(f->acl_in6, f->acl_in6_line));
	mc_jset(acl, "out_ipv6", acl_ref(f->acl_out6, f->acl_out6_line));
	mc_jset(o, "acl", acl);
	mc_jset(o, "line", jint(f->line));
	return o;
}

/* ---- neighbours ---- */

json_t *
mc_json_direction(const mc_direction_policy *d)
{
	json_t *o = json_object(), *stages = json_array();
	size_t i, k;

	for (i = 0; i < d->stages.n; i++) {
		const mc_stage *st = &d->stages.v[i];
		json_t *chain = json_array();

		for (k = 0; k < st->chain.n; k++) {
			const mc_polref *r = &st->chain.v[k];
			json_t *rj = json_object();

			mc_jset(rj, "name", mc_jstr(r->name));
			mc_jset(rj, "kind", json_string(ref_kind_name(r->kind)));
			mc_jset(rj, "line", jint(r->line));
			json_array_append_new(chain, rj);
		}
		json_array_append_new(stages, chain);
	}
	mc_jset(o, "stages", stages);
	mc_jset(o, "chain_default", json_string(d->chain_default_accept ?
	    "accept" : "reject"));
	return o;
}

json_t *
mc_json_maxpfx(const mc_maxpfx *m)
{
	json_t *o;

	if (m->action == MC_MAXP_NONE)
		return json_null();
	o = json_object();
	mc_jset(o, "limit", jint(m->limit));
	mc_jset(o, "action", json_string(mc_maxpfx_action_name(m->action)));
	mc_jset(o, "line", jint(m->line));
	return o;
}

static void
add_unique(json_t *arr, const char *name)
{
	size_t i;
	json_t *v;

	if (name == NULL)
		return;
	json_array_foreach(arr, i, v)
		if (strcmp(json_string_value(v) ? json_string_value(v) : "",
		    name) == 0)
			return;
	json_array_append_new(arr, mc_jstr(name));
}

json_t *
mc_json_neighbor_policies(const mc_neighbor *n)
{
	json_t *a = json_array();
	size_t i, k;
	int af, dir;

	for (af = 0; af < MC_AFI_COUNT; af++)
		for (dir = 0; dir < 2; dir++) {
			const mc_direction_policy *d = dir == 0 ?
			    &n->af[af].in : &n->af[af].out;

			for (i = 0; i < d->stages.n; i++)
				for (k = 0; k < d->stages.v[i].chain.n; k++)
					add_unique(a, d->stages.v[i].chain.v[k].name);
		}
	return a;
}

static json_t *
neighbor_json(const mc_neighbor *n)
{
	static const char *afname[MC_AFI_COUNT] = { "ipv4", "ipv6" };
	json_t *o = json_object(), *afs = json_object();
	int af;

	mc_jset(o, "address", mc_jstr(n->address));
	mc_jset(o, "name", mc_jstr(n->name));
	mc_jset(o, "vrf", mc_jstr(n->vrf != NULL ? n->vrf : "default"));
	mc_jset(o, "group", mc_jstr(n->group));
	mc_jset(o, "group_only", json_boolean(n->is_group_only));
	mc_jset(o, "remote_as", n->remote_as_kind == MC_RAS_NUMBER ?
	    jint(n->remote_as) : json_null());
	mc_jset(o, "remote_as_kind",
	    json_string(mc_remote_as_kind_name(n->remote_as_kind)));
	mc_jset(o, "local_as", n->local_as ? jint(n->local_as) : json_null());
	mc_jset(o, "description", mc_jstr(n->description));
	mc_jset(o, "shutdown", json_boolean(n->shutdown));
	mc_jset(o, "ttl_security", jint(n->ttl_security));
	mc_jset(o, "ebgp_multihop", jint(n->ebgp_multihop));
	mc_jset(o, "auth", json_boolean(n->auth));
	mc_jset(o, "bgp_role", mc_jstr(n->bgp_role));
	mc_jset(o, "enforce_first_as", tristate(n->enforce_first_as));
	mc_jset(o, "role", json_string(mc_role_name(n->role)));
	mc_jset(o, "role_source", mc_jstr(n->role_source));
	mc_jset(o, "line", jint(n->line));
	for (af = 0; af < MC_AFI_COUNT; af++) {
		const mc_af_settings *s = &n->af[af];
		json_t *aj = json_object();

		mc_jset(aj, "active", json_boolean(s->active));
		mc_jset(aj, "import", mc_json_direction(&s->in));
		mc_jset(aj, "export", mc_json_direction(&s->out));
		mc_jset(aj, "max_prefix", mc_json_maxpfx(&s->maxpfx));
		mc_jset(aj, "rs_client", json_boolean(s->rs_client));
		mc_jset(aj, "next_hop_self", json_boolean(s->nh_self));
		mc_jset(aj, "remove_private_as", json_boolean(s->remove_private_as));
		mc_jset(aj, "line", jint(s->line));
		mc_jset(afs, afname[af], aj);
	}
	mc_jset(o, "af", afs);
	return o;
}

/* ---- the device ---- */

#define ARRAY_OF(key, field, fn)                                           \
	do {                                                            \
		json_t *arr_ = json_array();                            \
		size_t i_;                                              \
		for (i_ = 0; i_ < d->field.n; i_++)                     \
			json_array_append_new(arr_, fn(d->field.v[i_]));\
		mc_jset(root, key, arr_);                              \
	} while (0)

char *
mc_device_to_json(const mc_device *d)
{
	json_t *root = json_object(), *bgp = json_object(), *arr;
	char *out;
	size_t i;

	mc_jset(root, "schema", json_string("manrs-check-model/1"));
	mc_jset(root, "file", mc_jstr(d->file));
	mc_jset(root, "vendor", json_string(mc_vendor_name(d->vendor)));
	mc_jset(root, "hostname", mc_jstr(d->hostname));
	mc_jset(root, "lines", jint(d->lines));
	mc_jset(root, "unrecognized", jint(d->unrecognized));
	mc_jset(root, "section_lines", jint(d->section_lines));

	mc_jset(bgp, "asn", d->bgp.asn ? jint(d->bgp.asn) : json_null());
	mc_jset(bgp, "router_id", mc_jstr(d->bgp.router_id));
	mc_jset(bgp, "ebgp_requires_policy", tristate(d->bgp.ebgp_requires_policy));
	mc_jset(bgp, "missing_policy_in", jint(d->bgp.requires_policy_dir[0]));
	mc_jset(bgp, "missing_policy_out", jint(d->bgp.requires_policy_dir[1]));
	mc_jset(bgp, "enforce_first_as", tristate(d->bgp.enforce_first_as));
	mc_jset(bgp, "maxas_limit", jint(d->bgp.maxas_limit));
	mc_jset(bgp, "rpki_configured", json_boolean(d->bgp.rpki_configured));
	mc_jset(bgp, "rov_drops_invalid", json_boolean(d->bgp.rov_drops_invalid));
	mc_jset(bgp, "line", jint(d->bgp.line));
	mc_jset(root, "bgp", bgp);

	ARRAY_OF("neighbors", neighbors, neighbor_json);
	ARRAY_OF("interfaces", ifaces, iface_json);
	ARRAY_OF("acls", acls, acl_json);
	ARRAY_OF("prefix_lists", prefix_lists, prefix_list_json);
	ARRAY_OF("aspath_lists", aspath_lists, aspath_list_json);
	ARRAY_OF("community_lists", community_lists, community_list_json);
	ARRAY_OF("policies", policies, policy_json);

	arr = json_array();
	for (i = 0; i < d->origins.n; i++) {
		const mc_origin *o = &d->origins.v[i];
		json_t *oj = json_object();

		mc_jset(oj, "prefix", mc_jprefix(&o->prefix));
		mc_jset(oj, "kind", json_string(origin_kind_name(o->kind)));
		mc_jset(oj, "vrf", mc_jstr(o->vrf));
		mc_jset(oj, "detail", mc_jstr(o->detail));
		mc_jset(oj, "policy", mc_jstr(o->policy));
		mc_jset(oj, "line", jint(o->line));
		json_array_append_new(arr, oj);
	}
	mc_jset(root, "origins", arr);

	arr = json_array();
	for (i = 0; i < d->statics.n; i++) {
		const mc_static *s = &d->statics.v[i];
		json_t *sj = json_object();

		mc_jset(sj, "prefix", mc_jprefix(&s->prefix));
		mc_jset(sj, "nexthop", mc_jstr(s->nexthop));
		mc_jset(sj, "null_route", json_boolean(s->null_route));
		mc_jset(sj, "vrf", mc_jstr(s->vrf));
		mc_jset(sj, "line", jint(s->line));
		json_array_append_new(arr, sj);
	}
	mc_jset(root, "statics", arr);

	arr = json_array();
	for (i = 0; i < d->rpki_caches.n; i++) {
		const mc_rpki_cache *c = &d->rpki_caches.v[i];
		json_t *cj = json_object();

		mc_jset(cj, "host", mc_jstr(c->host));
		mc_jset(cj, "port", c->port ? jint(c->port) : json_null());
		mc_jset(cj, "line", jint(c->line));
		json_array_append_new(arr, cj);
	}
	mc_jset(root, "rpki_caches", arr);

	arr = json_array();
	for (i = 0; i < d->waivers.n; i++) {
		const mc_inline_waiver *w = &d->waivers.v[i];
		json_t *wj = json_object();

		mc_jset(wj, "rule", mc_jstr(w->rule));
		mc_jset(wj, "reason", mc_jstr(w->reason));
		mc_jset(wj, "line", jint(w->line));
		mc_jset(wj, "first", jint(w->first));
		mc_jset(wj, "last", jint(w->last));
		if (w->exp_y != 0) {
			char date[16];

			snprintf(date, sizeof(date), "%04d-%02d-%02d",
			    w->exp_y % 10000, w->exp_m % 100, w->exp_d % 100);
			mc_jset(wj, "expires", json_string(date));
		} else
			mc_jset(wj, "expires", json_null());
		json_array_append_new(arr, wj);
	}
	mc_jset(root, "inline_waivers", arr);

	arr = json_array();
	for (i = 0; i < d->notes.n; i++)
		json_array_append_new(arr, mc_jstr(d->notes.v[i]));
	mc_jset(root, "notes", arr);

	arr = json_array();
	for (i = 0; i < d->unparsed.n; i++) {
		const mc_unparsed *u = &d->unparsed.v[i];
		json_t *uj = json_object();

		mc_jset(uj, "line", jint(u->line));
		mc_jset(uj, "section", mc_jstr(u->section));
		mc_jset(uj, "text", mc_jstr(u->text));
		json_array_append_new(arr, uj);
	}
	mc_jset(root, "unparsed", arr);

	out = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	return out;
}
