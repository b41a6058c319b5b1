/*
 * Junos policy-options named objects:
 * prefix-list NAME { P; apply-path "..."; }   exact entries
 * route-filter-list NAME { P match-type; }    compiled like route filters
 * as-path NAME "regex"; as-path-group G { as-path N "re"; }
 * community NAME members [ a:b ... ];         every member must be present
 */
#include <stdio.h>
#include <string.h>

#include "vendors/junos_int.h"

static void
ap_add(void *arg, const jt_node *n)
{
	void **a = arg;
	jx *x = a[0];
	mc_prefix_list *pl = a[1];
	mc_prefix_entry e;
	mc_prefix p;

	if (!jx_prefix(n, &p))
		return;
	memset(&e, 0, sizeof(e));
	e.permit = true;
	jx_range(&p, p.len, p.len, &e.r);
	e.seq = (int)(pl->entries.n + 1) * 5;
	e.line = n->line;
	mc_vec_push(x->a, &pl->entries, e);
}

static void
prefix_lists(jx *x, const jt_node *po)
{
	const jt_node *l, *k, *ap;
	mc_prefix_list *pl;
	mc_prefix_entry e;
	mc_prefix p;
	const char *section;
	void *arg[2];
	size_t i, n4, n6;
	int napath = 0;

	for (l = jt_first(jt_kid(po, "prefix-list")); l != NULL;
	    l = jt_next(l)) {
		pl = mc_alloc(x->a, sizeof(*pl));
		pl->name = jx_str(x, l);
		pl->line = l->line;
		section = mc_printf(x->a, "prefix-list %s", pl->name);
		for (k = jt_first(l); k != NULL; k = jt_next(k)) {
			if (jt_is(k, "apply-path") ||
			    jt_is(k, "apply-groups") ||
			    jt_is(k, "apply-groups-except"))
				continue;
			if (!jx_prefix(k, &p)) {
				jx_unparsed(x, k, section);
				continue;
			}
			memset(&e, 0, sizeof(e));
			e.permit = true;
			jx_range(&p, p.len, p.len, &e.r);
			e.seq = (int)(pl->entries.n + 1) * 5;
			e.line = k->line;
			mc_vec_push(x->a, &pl->entries, e);
		}
		if ((ap = jt_val(l, "apply-path")) != NULL &&
		    ++napath > 256) {
			jx_note(x, "more than 256 apply-path lists: prefix-list "
			    "%s and later ones are left empty", pl->name);
		} else if (ap != NULL) {
			arg[0] = x;
			arg[1] = pl;
			i = pl->entries.n;
			jt_apply_path(x->t, ap->w, ap->wlen, ap_add, arg);
			jx_note(x, "prefix-list %s: apply-path \"%.*s\" at line "
			    "%d gives %zu prefixes in this configuration",
			    pl->name, (int)ap->wlen, ap->w, ap->line,
			    pl->entries.n - i);
		}
		for (i = n4 = n6 = 0; i < pl->entries.n; i++)
			pl->entries.v[i].r.p.af == MC_AF4 ? n4++ : n6++;
		pl->af = n4 && !n6 ? MC_AF4 : n6 && !n4 ? MC_AF6 : 0;
		mc_vec_push(x->a, &x->d->prefix_lists, pl);
	}
}

static void
route_filter_lists(jx *x, const jt_node *po)
{
	const jt_node *l;
	jx_rfl r;
	rfv v = {0};
	int seq;
	size_t i;

	for (l = jt_first(jt_kid(po, "route-filter-list")); l != NULL;
	    l = jt_next(l)) {
		v.n = 0;
		seq = 0;
		jx_rf_items(x, l, &v, &seq);
		memset(&r, 0, sizeof(r));
		r.name = jx_str(x, l);
		for (i = 0; i < v.n; i++)
			if (v.v[i].sig != NULL)
				r.has_actions = true;
		r.plist = jx_rf_encode(x, v.v, v.n, JX_SEL_ALL, NULL, l->line);
		r.plist->name = r.name;
		mc_vec_push(x->a, &x->rfls, r);
	}
}

static void
aspath_add(jx *x, mc_aspath_list *al, const jt_node *re)
{
	mc_aspath_entry e;

	memset(&e, 0, sizeof(e));
	e.permit = true;
	e.regex = jx_str(x, re);
	e.dialect = MC_RE_JUNOS;
	e.line = re->line;
	mc_vec_push(x->a, &al->entries, e);
}

static void
aspaths(jx *x, const jt_node *po)
{
	const jt_node *l, *k, *re;
	mc_aspath_list *al;

	for (l = jt_first(jt_kid(po, "as-path")); l != NULL; l = jt_next(l)) {
		if ((re = jt_last(l)) == NULL)
			continue;
		al = mc_alloc(x->a, sizeof(*al));
		al->name = jx_str(x, l);
		al->line = l->line;
		aspath_add(x, al, re);
		mc_vec_push(x->a, &x->d->aspath_lists, al);
	}
	for (l = jt_first(jt_kid(po, "as-path-group")); l != NULL;
	    l = jt_next(l)) {
		al = mc_alloc(x->a, sizeof(*al));
		al->name = jx_str(x, l);
		al->line = l->line;
		for (k = jt_first(jt_kid(l, "as-path")); k != NULL;
		    k = jt_next(k))
			if ((re = jt_last(k)) != NULL)
				aspath_add(x, al, re);
		mc_vec_push(x->a, &x->d->aspath_lists, al);
	}
}

static bool
dec16(const char *s, size_t n, uint32_t *out, uint32_t max)
{
	uint64_t v = 0;
	size_t i;

	if (n == 0 || n > 10)
		return false;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (v > max)
		return false;
	*out = (uint32_t)v;
	return true;
}

/* A literal member: "65000:100", "large:A:B:C", well-known names, or an
 * extended community ("target:...": kept opaque). */
static bool
member_literal(const char *s, size_t n, mc_community *c)
{
	static const struct { const char *name; uint32_t v; } wk[] = {
		{ "no-export", 0xFFFFFF01 }, { "no-advertise", 0xFFFFFF02 },
		{ "no-export-subconfed", 0xFFFFFF03 },
		{ "llgr-stale", 0xFFFF0006 }, { "no-llgr", 0xFFFF0007 },
		{ "graceful-shutdown", 0xFFFF0000 },
		{ "blackhole", 0xFFFF029A }, { NULL, 0 }
	};
	const char *c1, *c2;
	int i;

	memset(c, 0, sizeof(*c));
	for (i = 0; wk[i].name != NULL; i++)
		if (strlen(wk[i].name) == n && memcmp(s, wk[i].name, n) == 0) {
			c->a = wk[i].v >> 16;
			c->b = wk[i].v & 0xffff;
			return true;
		}
	for (i = 0; i < (int)n; i++)
		if (s[i] == '\0' || strchr(".*+?[]()^$|\\{}", s[i]) != NULL)
			return false;
	c1 = memchr(s, ':', n);
	if (c1 == NULL)
		return false;
	if (n > 6 && memcmp(s, "large:", 6) == 0) {
		s += 6;
		n -= 6;
		c1 = memchr(s, ':', n);
		c2 = c1 ? memchr(c1 + 1, ':', n - (size_t)(c1 + 1 - s)) : NULL;
		if (c1 == NULL || c2 == NULL ||
		    !dec16(s, (size_t)(c1 - s), &c->a, 0xffffffffu) ||
		    !dec16(c1 + 1, (size_t)(c2 - c1 - 1), &c->b,
		    0xffffffffu) ||
		    !dec16(c2 + 1, n - (size_t)(c2 + 1 - s), &c->c,
		    0xffffffffu))
			return false;
		c->kind = 1;
		return true;
	}
	if (dec16(s, (size_t)(c1 - s), &c->a, 0xffff) &&
	    dec16(c1 + 1, n - (size_t)(c1 + 1 - s), &c->b, 0xffff))
		return true;
	c->kind = 2;		/* extended: opaque */
	return true;
}

/* One member regex as part of a PCRE over "A:B A:B": the member matches one
 * community, so '.' may not cross a space and anchors go to the community's
 * bounds. */
static char *
member_re(jx *x, const char *s, size_t n)
{
	char *out = mc_alloc(x->a, n * 6 + 64), *o = out;
	size_t i = 0;
	bool cls = false;

	if (n > 0 && s[0] == '^')
		i = 1;
	if (n > i && s[n - 1] == '$' && (n < 2 || s[n - 2] != '\\'))
		n--;
	o += sprintf(o, "(?=(?:.*[ ])?(?:");
	for (; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n) {
			*o++ = s[i++];
			*o++ = s[i];
		} else if (s[i] == '[') {
			cls = true;
			*o++ = '[';
		} else if (s[i] == ']') {
			cls = false;
			*o++ = ']';
		} else if (s[i] == '.' && !cls) {
			o += sprintf(o, "[^ ]");
		} else
			*o++ = s[i];
	}
	o += sprintf(o, ")(?:[ ]|$))");
	*o = '\0';
	return out;
}

static void
communities(jx *x, const jt_node *po)
{
	const jt_node *l, *m;
	mc_community_list *cl;
	mc_community_entry e, all;
	mc_community c;
	bool regex;
	char *re;

	for (l = jt_first(jt_kid(po, "community")); l != NULL;
	    l = jt_next(l)) {
		cl = mc_alloc(x->a, sizeof(*cl));
		cl->name = jx_str(x, l);
		cl->line = l->line;
		memset(&e, 0, sizeof(e));
		e.permit = jt_kid(l, "invert-match") == NULL;
		e.line = l->line;
		regex = false;
		for (m = jt_first(jt_kid(l, "members")); m != NULL;
		    m = jt_next(m))
			if (!member_literal(m->w, m->wlen, &c))
				regex = true;
		re = "^";
		for (m = jt_first(jt_kid(l, "members")); m != NULL;
		    m = jt_next(m)) {
			if (regex)
				re = mc_printf(x->a, "%s%s", re,
				    member_re(x, m->w, m->wlen));
			else if (member_literal(m->w, m->wlen, &c))
				mc_vec_push(x->a, &e.all_of, c);
		}
		if (regex) {
			e.expanded = true;
			e.regex = re;
		}
		if (jt_first(jt_kid(l, "members")) != NULL)
			mc_vec_push(x->a, &cl->entries, e);
		if (!e.permit) {
			/* invert-match: every other route matches */
			memset(&all, 0, sizeof(all));
			all.permit = true;
			all.line = l->line;
			mc_vec_push(x->a, &cl->entries, all);
		}
		mc_vec_push(x->a, &x->d->community_lists, cl);
	}
}

void
jx_named_lists(jx *x, const jt_node *po)
{
	prefix_lists(x, po);
	route_filter_lists(x, po);
	aspaths(x, po);
	communities(x, po);
}
