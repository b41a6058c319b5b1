/*
 * OpenBGPD extractor: bgpd.conf(5) -> device model.
 *
 * Statements are read from the token stream of conf/obgpd_lex.c (macros
 * and includes already expanded).  Neighbours copy their group's settings
 * at the point where they are defined, as bgpd's parser does; filter rules
 * are compiled per neighbour in openbgpd_filter.c.
 */
#include <stdio.h>
#include <string.h>

#include "manrs/vendor.h"
#include "vendors/openbgpd_int.h"

/* ---- sets: prefix-set, as-set, origin-set, roa-set ------------------------ */

static const char *
name_tok(obp *p)
{
	const ob_tok *t = ob_cur(p);

	if (t->t != OB_WORD && t->t != OB_STRING)
		return NULL;
	ob_adv(p);
	return ob_tok_str(p->a, t);
}

/* Steps over a { ... } block (the cursor is on '{'). */
static void
skip_block(obp *p)
{
	int depth = 0;

	do {
		int t = ob_cur(p)->t;

		if (t == OB_EOF)
			return;
		if (t == OB_LBRACE)
			depth++;
		else if (t == OB_RBRACE)
			depth--;
		ob_adv(p);
	} while (depth > 0);
}

/* Iterate the elements of a { ... } list: calls fn at each element start;
 * fn must consume at least one token or return false. */
typedef bool (*elem_fn)(obp *, void *);

static void
parse_list(obp *p, elem_fn fn, void *arg, const char *section)
{
	if (ob_cur(p)->t != OB_LBRACE) {
		ob_unparsed(p, p->i, section);
		return;
	}
	ob_adv(p);
	for (;;) {
		const ob_tok *t = ob_cur(p);
		size_t from = p->i;

		if (t->t == OB_EOF)
			return;
		if (t->t == OB_RBRACE) {
			ob_adv(p);
			break;
		}
		if (t->t == OB_NL || t->t == OB_COMMA) {
			ob_adv(p);
			continue;
		}
		if (!fn(p, arg)) {
			const char *txt;

			p->i = from;
			ob_skip_elem(p);
			if (p->i == from)
				ob_adv(p);
			txt = ob_text(p, from, p->i);
			mc_dev_unparsed(p->d, p->lx.toks.v[from].line, section,
			    txt, strlen(txt));
		}
	}
	if (ob_cur(p)->t == OB_NL)
		ob_adv(p);
}

static bool
prefix_elem(obp *p, void *arg)
{
	return ob_parse_prefix_spec(p, arg, ob_cur(p)->line);
}

static void
parse_prefix_set(obp *p, int line)
{
	mc_prefix_list *pl;
	const char *name;
	size_t from = p->i - 1;

	name = name_tok(p);
	if (name == NULL) {
		ob_unparsed(p, from, "prefix-set");
		return;
	}
	pl = mc_alloc(p->a, sizeof(*pl));
	pl->name = name;
	pl->line = line;
	parse_list(p, prefix_elem, pl, mc_printf(p->a, "prefix-set %s", name));
	mc_vec_push(p->a, &p->d->prefix_lists, pl);
}

static bool
asn_elem(obp *p, void *arg)
{
	ob_asset *s = arg;
	uint32_t v;

	if (!ob_parse_asn(ob_cur(p), &v))
		return false;
	ob_adv(p);
	mc_vec_push(p->a, &s->asns, v);
	return true;
}

static void
parse_as_set(obp *p, int line)
{
	ob_asset *s;
	size_t from = p->i - 1;

	s = mc_alloc(p->a, sizeof(*s));
	s->line = line;
	s->name = name_tok(p);
	if (s->name == NULL) {
		ob_unparsed(p, from, "as-set");
		return;
	}
	parse_list(p, asn_elem, s, mc_printf(p->a, "as-set %s", s->name));
	mc_vec_push(p->a, &p->asets, s);
}

/* origin-set and roa-set entries: P [maxlen N | prefixlen ...] source-as N
 * [expires T] */
static bool
origin_elem(obp *p, void *arg)
{
	ob_originset *s = arg;
	mc_prefix_list tmp;
	uint32_t as;
	ob_origin_entry e;
	size_t i;

	memset(&tmp, 0, sizeof(tmp));
	if (!ob_parse_prefix_spec(p, &tmp, ob_cur(p)->line))
		return false;
	if (!ob_tok_is(ob_cur(p), "source-as"))
		return false;
	ob_adv(p);
	if (!ob_parse_asn(ob_cur(p), &as))
		return false;
	ob_adv(p);
	if (ob_tok_is(ob_cur(p), "expires")) {
		ob_adv(p);
		ob_adv(p);
	}
	for (i = 0; s != NULL && i < tmp.entries.n; i++) {
		e.r = tmp.entries.v[i].r;
		e.asn = as;
		mc_vec_push(p->a, &s->e, e);
	}
	return true;
}

static void
parse_origin_set(obp *p, int line)
{
	ob_originset *s;
	size_t from = p->i - 1;

	s = mc_alloc(p->a, sizeof(*s));
	s->line = line;
	s->name = name_tok(p);
	if (s->name == NULL) {
		ob_unparsed(p, from, "origin-set");
		return;
	}
	parse_list(p, origin_elem, s, mc_printf(p->a, "origin-set %s",
	    s->name));
	mc_vec_push(p->a, &p->osets, s);
}

static bool
roa_elem(obp *p, void *arg)
{
	(void)arg;
	return origin_elem(p, NULL);
}

/* ---- network ---------------------------------------------------------------- */

static void
parse_network(obp *p, size_t from, const char *vrf)
{
	const ob_tok *t = ob_cur(p);
	int line = p->lx.toks.v[from].line;
	mc_prefix pfx;
	ob_sets scratch = {0};

	if (ob_tok_is(t, "prefix-set")) {
		mc_prefix_list *pl;
		size_t i;

		ob_adv(p);
		t = ob_cur(p);
		pl = mc_dev_prefix_list(p->d, ob_tok_str(p->a, t));
		ob_adv(p);
		if (pl == NULL) {
			ob_unparsed(p, from, "network");
			return;
		}
		for (i = 0; i < pl->entries.n; i++)
			mc_dev_add_origin(p->d, &pl->entries.v[i].r.p,
			    MC_ORIG_NETWORK, vrf, mc_printf(p->a,
			    "prefix-set %s", pl->name), line);
	} else if (ob_tok_is(t, "inet") || ob_tok_is(t, "inet6")) {
		const char *what;

		ob_adv(p);
		t = ob_cur(p);
		if (ob_tok_is(t, "static") || ob_tok_is(t, "connected")) {
			what = ob_tok_str(p->a, t);
			ob_adv(p);
		} else if (ob_tok_is(t, "priority") ||
		    ob_tok_is(t, "rtlabel")) {
			ob_adv(p);
			ob_adv(p);
			what = ob_text(p, from + 2, p->i);
		} else {
			ob_unparsed(p, from, "network");
			return;
		}
		mc_dev_add_origin(p->d, NULL, MC_ORIG_REDISTRIBUTE, vrf, what,
		    line);
	} else if (ob_parse_prefix(t, &pfx)) {
		ob_adv(p);
		mc_dev_add_origin(p->d, &pfx, MC_ORIG_NETWORK, vrf, NULL, line);
	} else {
		ob_unparsed(p, from, "network");
		return;
	}
	if (ob_tok_is(ob_cur(p), "set")) {
		ob_adv(p);
		ob_parse_sets(p, &scratch, "network");
	}
	ob_finish(p, from, "network");
}

/* ---- rtr ------------------------------------------------------------------ */

static void
parse_rtr(obp *p, size_t from)
{
	mc_rpki_cache c;
	const ob_tok *t = ob_cur(p);

	memset(&c, 0, sizeof(c));
	c.line = t->line;
	c.port = 323;
	if (t->t != OB_WORD && t->t != OB_STRING) {
		ob_unparsed(p, from, "rtr");
		return;
	}
	c.host = ob_tok_str(p->a, t);
	ob_adv(p);
	p->d->bgp.rpki_configured = true;
	if (ob_cur(p)->t == OB_LBRACE) {
		ob_adv(p);
		for (;;) {
			size_t s = p->i;
			uint32_t port;

			t = ob_cur(p);
			if (t->t == OB_EOF)
				break;
			if (t->t == OB_RBRACE) {
				ob_adv(p);
				break;
			}
			if (t->t == OB_NL) {
				ob_adv(p);
				continue;
			}
			if (ob_tok_is(t, "port")) {
				ob_adv(p);
				if (ob_parse_u32(ob_cur(p), &port) &&
				    port < 65536) {
					c.port = (int)port;
					ob_adv(p);
				}
				ob_finish(p, s, "rtr");
			} else if (ob_tok_is(t, "descr") ||
			    ob_tok_is(t, "local-address")) {
				ob_adv(p);
				ob_adv(p);
				ob_finish(p, s, "rtr");
			} else
				ob_unparsed(p, s, "rtr");
		}
	}
	mc_vec_push(p->a, &p->d->rpki_caches, c);
	ob_finish(p, from, "rtr");
}

/* ---- neighbours and groups --------------------------------------------------- */

static bool
yesno(obp *p, int *out)
{
	const ob_tok *t = ob_cur(p);

	if (ob_tok_is(t, "yes"))
		*out = 1;
	else if (ob_tok_is(t, "no"))
		*out = 0;
	else
		return false;
	ob_adv(p);
	return true;
}

static void
nbr_defaults(ob_nbr *b)
{
	mc_neighbor_init(&b->n);
	b->transparent_as = -1;
}

/* Options that may appear in a neighbor or a group block.  Returns false
 * for 'neighbor' (the group parser handles it). */
static void parse_neighbor(obp *, ob_nbr *group);

static void
peer_opt(obp *p, ob_nbr *b, const char *section)
{
	const ob_tok *t = ob_cur(p);
	size_t from = p->i;
	uint32_t v;
	int yn;
	int afi;

	if (ob_tok_is(t, "remote-as")) {
		ob_adv(p);
		if (!ob_parse_asn(ob_cur(p), &v))
			goto bad;
		ob_adv(p);
		b->n.remote_as = v;
		b->n.remote_as_kind = MC_RAS_NUMBER;
	} else if (ob_tok_is(t, "descr")) {
		ob_adv(p);
		if (ob_cur(p)->t != OB_STRING && ob_cur(p)->t != OB_WORD)
			goto bad;
		b->n.description = ob_tok_str(p->a, ob_cur(p));
		b->n.name = b->n.description;
		ob_adv(p);
	} else if (ob_tok_is(t, "max-prefix")) {
		bool out = false;

		ob_adv(p);
		if (!ob_parse_u32(ob_cur(p), &v))
			goto bad;
		ob_adv(p);
		if (ob_tok_is(ob_cur(p), "out")) {
			out = true;
			ob_adv(p);
		}
		if (ob_tok_is(ob_cur(p), "restart")) {
			ob_adv(p);
			ob_adv(p);
		}
		if (!out)
			for (afi = 0; afi < MC_AFI_COUNT; afi++) {
				b->n.af[afi].maxpfx.limit = v;
				b->n.af[afi].maxpfx.action = MC_MAXP_TEARDOWN;
				b->n.af[afi].maxpfx.line = t->line;
			}
	} else if (ob_tok_is(t, "ttl-security")) {
		ob_adv(p);
		if (!yesno(p, &yn))
			goto bad;
		b->n.ttl_security = yn;
	} else if (ob_tok_is(t, "multihop")) {
		ob_adv(p);
		if (!ob_parse_u32(ob_cur(p), &v) || v > 255)
			goto bad;
		ob_adv(p);
		b->n.ebgp_multihop = (int)v;
	} else if (ob_tok_is(t, "tcp")) {
		ob_adv(p);
		if (!ob_tok_is(ob_cur(p), "md5sig"))
			goto bad;
		ob_adv(p);
		if (!ob_tok_is(ob_cur(p), "password") &&
		    !ob_tok_is(ob_cur(p), "key"))
			goto bad;
		ob_adv(p);
		ob_adv(p);
		b->n.auth = true;
	} else if (ob_tok_is(t, "ipsec")) {
		ob_skip_stmt(p);
		b->n.auth = true;
		return;
	} else if (ob_tok_is(t, "enforce")) {
		ob_adv(p);
		if (ob_tok_is(ob_cur(p), "neighbor-as")) {
			ob_adv(p);
			if (!yesno(p, &yn))
				goto bad;
			b->n.enforce_first_as = yn;
		} else if (ob_tok_is(ob_cur(p), "local-as")) {
			ob_adv(p);
			if (!yesno(p, &yn))
				goto bad;
		} else
			goto bad;
	} else if (ob_tok_is(t, "transparent-as")) {
		ob_adv(p);
		if (!yesno(p, &yn))
			goto bad;
		b->transparent_as = yn;
	} else if (ob_tok_is(t, "role")) {
		ob_adv(p);
		if (ob_cur(p)->t != OB_WORD)
			goto bad;
		b->n.bgp_role = ob_tok_is(ob_cur(p), "none") ? NULL :
		    ob_tok_str(p->a, ob_cur(p));
		ob_adv(p);
	} else if (ob_tok_is(t, "announce")) {
		ob_adv(p);
		t = ob_cur(p);
		if (ob_tok_is(t, "IPv4") || ob_tok_is(t, "IPv6")) {
			afi = ob_tok_is(t, "IPv6") ? MC_AFI_V6 : MC_AFI_V4;
			ob_adv(p);
			t = ob_cur(p);
			if (t->t != OB_WORD)
				goto bad;
			b->af_explicit[afi] = true;
			if (ob_tok_is(t, "unicast"))
				b->af_on[afi] = true;
			else if (ob_tok_is(t, "none"))
				b->af_on[afi] = false;
			ob_adv(p);
		} else if (ob_tok_is(t, "policy")) {
			/* 7.x: announce policy ROLE [enforce]; 8.x: yes|no|enforce with 'role' */
			ob_adv(p);
			t = ob_cur(p);
			if (t->t != OB_WORD)
				goto bad;
			if (ob_tok_is(t, "provider") || ob_tok_is(t, "customer") ||
			    ob_tok_is(t, "rs") || ob_tok_is(t, "rs-client") ||
			    ob_tok_is(t, "peer"))
				b->n.bgp_role = ob_tok_str(p->a, t);
			ob_skip_stmt(p);
			return;
		} else {
			ob_skip_stmt(p);
			return;
		}
	} else if (ob_tok_is(t, "local-as")) {
		ob_adv(p);
		if (!ob_parse_asn(ob_cur(p), &v))
			goto bad;
		ob_adv(p);
		b->n.local_as = v;
		if (ob_parse_asn(ob_cur(p), &v))
			ob_adv(p);
	} else if (ob_tok_is(t, "down")) {
		b->n.shutdown = true;
		ob_skip_stmt(p);
		return;
	} else if (ob_tok_is(t, "export")) {
		ob_adv(p);
		if (ob_tok_is(ob_cur(p), "none"))
			b->export_mode = 1;
		else if (ob_tok_is(ob_cur(p), "default-route"))
			b->export_mode = 2;
		else
			goto bad;
		b->export_line = t->line;
		ob_adv(p);
	} else if (ob_tok_is(t, "set")) {
		ob_adv(p);
		ob_parse_sets(p, &b->sets, section);
	} else if (ob_tok_is(t, "passive") || ob_tok_is(t, "local-address") ||
	    ob_tok_is(t, "no") || ob_tok_is(t, "holdtime") ||
	    ob_tok_is(t, "port") || ob_tok_is(t, "log") ||
	    ob_tok_is(t, "dump") || ob_tok_is(t, "demote") ||
	    ob_tok_is(t, "depend") || ob_tok_is(t, "rib") ||
	    ob_tok_is(t, "rde") || ob_tok_is(t, "as-override") ||
	    ob_tok_is(t, "reject") || ob_tok_is(t, "route-reflector") ||
	    ob_tok_is(t, "interface") || ob_tok_is(t, "auth") ||
	    ob_tok_is(t, "staletime")) {
		if (ob_tok_is(t, "auth"))
			b->n.auth = true;
		ob_skip_stmt(p);
		return;
	} else
		goto bad;
	ob_finish(p, from, section);
	return;
bad:
	ob_unparsed(p, from, section);
}

static void
parse_peer_block(obp *p, ob_nbr *b, const char *section, bool is_group)
{
	ob_adv(p);	/* '{' */
	for (;;) {
		const ob_tok *t = ob_cur(p);

		if (t->t == OB_EOF)
			return;
		if (t->t == OB_RBRACE) {
			ob_adv(p);
			break;
		}
		if (t->t == OB_NL) {
			ob_adv(p);
			continue;
		}
		if (is_group && ob_tok_is(t, "neighbor")) {
			ob_adv(p);
			parse_neighbor(p, b);
			continue;
		}
		peer_opt(p, b, section);
	}
	if (ob_cur(p)->t == OB_NL)
		ob_adv(p);
}

static void
parse_neighbor(obp *p, ob_nbr *group)
{
	const ob_tok *t = ob_cur(p);
	size_t from = p->i - 1;
	ob_nbr *b;
	mc_prefix a;

	if (t->t != OB_WORD && t->t != OB_STRING) {
		ob_unparsed(p, from, "neighbor");
		return;
	}
	b = mc_alloc(p->a, sizeof(*b));
	if (group != NULL) {
		size_t k;

		*b = *group;	/* settings so far, as bgpd copies them */
		/* own copy of the set list: later pushes must not reach
		 * the group's array */
		memset(&b->sets, 0, sizeof(b->sets));
		for (k = 0; k < group->sets.n; k++)
			mc_vec_push(p->a, &b->sets, group->sets.v[k]);
		b->n.is_group_only = false;
		b->n.group = group->n.group;
	} else
		nbr_defaults(b);
	b->n.address = ob_tok_str(p->a, t);
	b->n.line = t->line;
	memset(&b->n.addr, 0, sizeof(b->n.addr));
	b->af = 0;
	if (ob_parse_prefix(t, &a)) {
		b->af = a.af;
		if (memchr(t->s, '/', t->len) == NULL)
			b->n.addr = a;	/* else a template for a network */
	}
	ob_adv(p);
	if (ob_cur(p)->t == OB_LBRACE)
		parse_peer_block(p, b, mc_printf(p->a, "neighbor %s",
		    b->n.address), false);
	else
		ob_finish(p, from, "neighbor");
	mc_vec_push(p->a, &p->nbrs, b);
}

static void
parse_group(obp *p, size_t from)
{
	ob_nbr *g;
	const char *name = name_tok(p);

	if (name == NULL || ob_cur(p)->t != OB_LBRACE) {
		ob_unparsed(p, from, "group");
		return;
	}
	g = mc_alloc(p->a, sizeof(*g));
	nbr_defaults(g);
	g->n.group = name;
	g->n.is_group_only = true;
	g->n.line = p->lx.toks.v[from].line;
	mc_vec_push(p->a, &p->groups, g);
	parse_peer_block(p, g, mc_printf(p->a, "group %s", name), true);
}

/* rdomain N { ... } and vpn "descr" on mpeN { ... }: networks only. */
static void
parse_vpn(obp *p, size_t from)
{
	const char *vrf;

	while (!ob_at_end(p) && ob_cur(p)->t != OB_LBRACE)
		ob_adv(p);
	vrf = ob_text(p, from, p->i);
	if (ob_cur(p)->t != OB_LBRACE) {
		ob_unparsed(p, from, "vpn");
		return;
	}
	ob_adv(p);
	for (;;) {
		const ob_tok *t = ob_cur(p);
		size_t s = p->i;

		if (t->t == OB_EOF)
			return;
		if (t->t == OB_RBRACE) {
			ob_adv(p);
			break;
		}
		if (t->t == OB_NL) {
			ob_adv(p);
			continue;
		}
		if (ob_tok_is(t, "network")) {
			ob_adv(p);
			parse_network(p, s, vrf);
		} else
			ob_skip_stmt(p);	/* rd, targets, depend on, ... */
	}
	if (ob_cur(p)->t == OB_NL)
		ob_adv(p);
}

/* ---- top level ---------------------------------------------------------- */

static const char *ignored_global[] = {
	"listen", "fib-update", "fib-priority", "log", "socket", "holdtime",
	"connect-retry", "dump", "nexthop", "rde", "reject", "rtable",
	"route-collector", "mrtdump", "set", "rib", "as-override",
	"staletime", "announce", "bgpid",
};

static void
parse_top(obp *p, int *g_transparent)
{
	const ob_tok *t = ob_cur(p);
	size_t from = p->i;
	uint32_t v;
	size_t k;

	if (t->t == OB_NL) {
		ob_adv(p);
		return;
	}
	if (t->t == OB_RBRACE) {
		ob_adv(p);
		mc_dev_unparsed(p->d, t->line, "global", "}", 1);
		return;
	}
	if (ob_tok_is(t, "AS")) {
		ob_adv(p);
		if (!ob_parse_asn(ob_cur(p), &v)) {
			ob_unparsed(p, from, "global");
			return;
		}
		p->d->bgp.asn = v;
		p->d->bgp.line = t->line;
		ob_adv(p);
		if (ob_parse_asn(ob_cur(p), &v))
			ob_adv(p);
		ob_finish(p, from, "global");
	} else if (ob_tok_is(t, "router-id")) {
		ob_adv(p);
		if (ob_cur(p)->t != OB_WORD) {
			ob_unparsed(p, from, "global");
			return;
		}
		p->d->bgp.router_id = ob_tok_str(p->a, ob_cur(p));
		ob_adv(p);
		ob_finish(p, from, "global");
	} else if (ob_tok_is(t, "prefix-set")) {
		ob_adv(p);
		parse_prefix_set(p, t->line);
	} else if (ob_tok_is(t, "as-set")) {
		ob_adv(p);
		parse_as_set(p, t->line);
	} else if (ob_tok_is(t, "origin-set")) {
		ob_adv(p);
		parse_origin_set(p, t->line);
	} else if (ob_tok_is(t, "roa-set")) {
		ob_adv(p);
		p->d->bgp.rpki_configured = true;
		parse_list(p, roa_elem, NULL, "roa-set");
	} else if (ob_tok_is(t, "aspa-set") || ob_tok_is(t, "flowspec")) {
		while (!ob_at_end(p) && ob_cur(p)->t != OB_LBRACE)
			ob_adv(p);
		if (ob_cur(p)->t == OB_LBRACE)
			skip_block(p);
		ob_skip_stmt(p);
	} else if (ob_tok_is(t, "rtr")) {
		ob_adv(p);
		parse_rtr(p, from);
	} else if (ob_tok_is(t, "network")) {
		ob_adv(p);
		parse_network(p, from, NULL);
	} else if (ob_tok_is(t, "group")) {
		ob_adv(p);
		parse_group(p, from);
	} else if (ob_tok_is(t, "neighbor")) {
		ob_adv(p);
		parse_neighbor(p, NULL);
	} else if (ob_tok_is(t, "allow") || ob_tok_is(t, "deny") ||
	    ob_tok_is(t, "match")) {
		ob_parse_rule(p);
	} else if (ob_tok_is(t, "rdomain") || ob_tok_is(t, "vpn")) {
		parse_vpn(p, from);
	} else if (ob_tok_is(t, "transparent-as")) {
		int yn;

		ob_adv(p);
		if (yesno(p, &yn))
			*g_transparent = yn;
		ob_finish(p, from, "global");
	} else {
		for (k = 0; k < sizeof(ignored_global) / sizeof(*ignored_global);
		    k++)
			if (ob_tok_is(t, ignored_global[k])) {
				ob_skip_stmt(p);
				return;
			}
		ob_unparsed(p, from, "global");
	}
}

/* ---- waivers ----------------------------------------------------------------- */

/* Last line of the statement that starts at the first token at or after
 * line (trailing: on line). */
static int
stmt_last_line(const obp *p, int line)
{
	size_t i;
	int depth = 0, last = line;

	for (i = 0; i < p->lx.toks.n; i++)
		if (p->lx.toks.v[i].line >= line)
			break;
	for (; i < p->lx.toks.n; i++) {
		const ob_tok *t = &p->lx.toks.v[i];

		if (t->t == OB_EOF)
			break;
		last = t->line;
		if (t->t == OB_LBRACE)
			depth++;
		else if (t->t == OB_RBRACE && --depth < 0)
			break;
		else if (t->t == OB_NL && depth == 0)
			break;
	}
	return last;
}

static void
waivers(obp *p)
{
	size_t i;
	int n = 0;

	for (i = 0; i < p->lx.comments.n && n < 1000; i++) {
		const ob_comment *c = &p->lx.comments.v[i];
		int last;

		if (memmem(c->text, c->len, "manrs-check:", 12) == NULL)
			continue;
		n++;
		last = stmt_last_line(p, c->trailing ? c->line : c->line + 1);
		mc_waiver_from_comment(p->d, c->text, c->len, c->line, c->line,
		    last < c->line ? c->line : last);
	}
}

/* Lines that hold configuration (every statement is BGP configuration). */
static int
config_lines(const obp *p)
{
	size_t i;
	int n = 0, last = 0;

	for (i = 0; i < p->lx.toks.n; i++) {
		const ob_tok *t = &p->lx.toks.v[i];

		if (t->t != OB_NL && t->t != OB_EOF && t->line != last) {
			n++;
			last = t->line;
		}
	}
	return n;
}

/* ---- neighbours into the model ---------------------------------------------- */

static void
emit_neighbors(obp *p, int g_transparent)
{
	size_t i;
	int afi;

	for (i = 0; i < p->nbrs.n; i++) {
		ob_nbr *b = p->nbrs.v[i];
		mc_neighbor *n = mc_alloc(p->a, sizeof(*n));
		int af;

		*n = b->n;
		af = b->af;
		for (afi = 0; afi < MC_AFI_COUNT; afi++) {
			if (b->af_explicit[afi])
				n->af[afi].active = b->af_on[afi];
			else
				n->af[afi].active = (afi == MC_AFI_V4 &&
				    af == MC_AF4) || (afi == MC_AFI_V6 &&
				    af == MC_AF6);
			n->af[afi].line = n->line;
			if (b->transparent_as == 1 || (b->transparent_as < 0 &&
			    g_transparent == 1) || (n->bgp_role != NULL &&
			    strcmp(n->bgp_role, "rs") == 0))
				n->af[afi].rs_client = true;
		}
		if (n->ttl_security)
			n->ttl_security = n->ebgp_multihop > 0 ?
			    n->ebgp_multihop : 1;
		b->out = n;
		mc_vec_push(p->a, &p->d->neighbors, n);
	}
}

mc_device *
mc_openbgpd_parse(mc_arena *a, const char *file, const char *buf, size_t len,
    int flags, mc_diag *diag)
{
	obp *p = mc_alloc(a, sizeof(*p));
	int g_transparent = -1;
	size_t i;

	p->a = a;
	if (ob_lex_run(a, file, buf, len, flags, &p->lx, diag) != 0)
		return NULL;
	p->d = mc_device_new(a, file ? file : "", MC_VENDOR_OPENBGPD);
	p->d->lines = p->lx.lines;
	p->d->section_lines = config_lines(p);
	for (i = 0; i < p->lx.notes.n; i++)
		mc_vec_push(a, &p->d->notes, p->lx.notes.v[i]);
	for (i = 0; i < p->lx.missing.n; i++) {
		const char *t = mc_printf(a, "include \"%s\": cannot be read; "
		    "what it defines is unknown", p->lx.missing.v[i].name);

		mc_dev_unparsed(p->d, p->lx.missing.v[i].line, "include", t,
		    strlen(t));
	}
	while (ob_cur(p)->t != OB_EOF) {
		size_t before = p->i;

		parse_top(p, &g_transparent);
		if (p->i == before)	/* never loop on a token */
			ob_adv(p);
	}
	emit_neighbors(p, g_transparent);
	ob_compile_filters(p);
	waivers(p);
	return p->d;
}

mc_device *
mc_extract_openbgpd(mc_arena *a, const char *file, const char *buf, size_t len,
    mc_diag *d)
{
	return mc_openbgpd_parse(a, file, buf, len, 0, d);
}
