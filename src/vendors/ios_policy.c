/*
 * IOS family routing policy: route-maps compiled to the policy IR,
 * prefix-lists (IOS "seq/ge/le", EOS sub-block form with "eq"), AS-path
 * access-lists and community lists (standard/expanded, numbered, FRR
 * "bgp ..." forms, EOS "regexp" forms, large communities).
 */
#include <stdlib.h>
#include <string.h>

#include "vendors/ios.h"

/* ---- prefix lists -------------------------------------------------------- */

typedef struct plb {
	mc_prefix_list *pl;
	size_t namelen;
	uint64_t w1, w2;	/* the name's words as the direct reader hashes them */
	int maxseq;
	bool unsorted;
} plb;

static plb *
plist_get(ios *c, const mc_tok *name, int af, int line)
{
	plb *b = ios_map_get(&c->plists, name->s, name->len);

	if (b == NULL) {
		b = mc_alloc(c->a, sizeof(*b));
		b->pl = mc_alloc(c->a, sizeof(*b->pl));
		b->pl->name = ios_str(c, name);
		b->namelen = name->len;
		b->pl->af = af;
		b->pl->line = line;
		mc_vec_push(c->a, &c->d->prefix_lists, b->pl);
		ios_map_put(c->a, &c->plists, name->s, name->len, b);
	}
	return b;
}

/* The entry e, numbered seq, goes to the end of b's list (inline: once
 * per prefix-list line). */
static inline __attribute__((always_inline)) void
plist_add(ios *c, plb *b, mc_prefix_entry *e, uint32_t seq, int line, int af)
{
	e->seq = (int)seq;
	e->line = line;
	if ((int)seq < b->maxseq)
		b->unsorted = true;
	else
		b->maxseq = (int)seq;
	if (b->pl->af != af && b->pl->entries.n > 0)
		b->pl->af = 0;
	else if (b->pl->entries.n == 0)
		b->pl->af = af;
	mc_vec_push(c->a, &b->pl->entries, *e);
}

/* The lengths an entry takes, with IOS's meaning: none given, the
 * prefix's own; ge, ge to the family's maximum; le, the prefix's to le;
 * eq, that one.  false when they do not make a window. */
static bool
plist_window(mc_range *r, uint32_t ge, uint32_t le, uint32_t eq, int bits)
{
	int lo = r->p.len, hi = r->p.len;

	if (eq != 0)
		lo = hi = (int)eq;
	else if (ge != 0 || le != 0) {
		lo = ge != 0 ? (int)ge : r->p.len;
		hi = le != 0 ? (int)le : bits;
	}
	if (lo < r->p.len || hi < lo || hi > bits)
		return false;
	r->lo = (uint8_t)lo;
	r->hi = (uint8_t)hi;
	return true;
}

/* "[seq N] permit|deny P [ge X] [le Y] [eq Z]" from t[i]. */
static bool
plist_entry(ios *c, plb *b, const mc_node *n, mc_tok *t, int nt, int i,
    int af)
{
	mc_prefix_entry e;
	uint32_t seq = 0, ge = 0, le = 0, eq = 0;
	int bits = af == MC_AF6 ? 128 : 32;

	memset(&e, 0, sizeof(e));
	if (ios_is(t, i, nt, "seq")) {
		if (i + 1 >= nt || !mc_tok_u32(&t[i + 1], &seq) || seq > 0x7fffffff)
			return false;
		i += 2;
	} else
		seq = (uint32_t)b->maxseq + 5;	/* IOS numbers by fives */
	if (ios_is(t, i, nt, "permit"))
		e.permit = true;
	else if (!ios_is(t, i, nt, "deny"))
		return false;
	i++;
	if (i >= nt)
		return false;
	if (mc_tok_is(&t[i], "any")) {
		/* FRR: "any" is 0.0.0.0/0 le 32 (::/0 le 128) */
		memset(&e.r.p, 0, sizeof(e.r.p));
		e.r.p.af = (uint8_t)af;
		e.r.lo = 0;
		e.r.hi = (uint8_t)bits;
		i++;
	} else {
		if (!mc_prefix_parse(t[i].s, t[i].len, &e.r.p) ||
		    memchr(t[i].s, '/', t[i].len) == NULL || e.r.p.af != af)
			return false;
		i++;
		for (; i + 1 < nt; i += 2) {
			uint32_t *v = mc_tok_is(&t[i], "ge") ? &ge :
			    mc_tok_is(&t[i], "le") ? &le :
			    mc_tok_is(&t[i], "eq") ? &eq : NULL;

			if (v == NULL || !mc_tok_u32(&t[i + 1], v) ||
			    *v > (uint32_t)bits)
				return false;
		}
		if (i < nt || !plist_window(&e.r, ge, le, eq, bits))
			return false;
	}
	plist_add(c, b, &e, seq, n->line, af);
	return true;
}

void
ios_prefix_list(ios *c, const mc_node *n, mc_tok *t, int nt, int af)
{
	mc_tok kt[IOS_MAXTOK];
	const mc_node *k;
	plb *b;
	int knt;

	if (nt < 3) {
		ios_unknown(c, n, n);
		return;
	}
	if (mc_tok_is(&t[2], "sequence-number") || mc_tok_is(&t[2], "description"))
		return;
	if (nt == 3 && mc_tok_is(&t[2], "sequence-number"))
		return;
	b = plist_get(c, &t[2], af, n->line);
	if (nt == 3) {
		/* EOS: "ip prefix-list NAME" with "seq N permit P ..." below */
		for (k = n->kid; k != NULL; k = k->next) {
			knt = ios_toks(k, kt);
			if (!plist_entry(c, b, k, kt, knt, 0, af))
				ios_unknown_tree(c, k, n);
		}
		return;
	}
	if (mc_tok_is(&t[3], "description"))
		return;
	if (!plist_entry(c, b, n, t, nt, 3, af))
		ios_unknown(c, n, n);
}

/*
 * The common line "ip[v6] prefix-list NAME [seq N] permit|deny P [ge X]
 * [le Y] [eq Z]", words one space apart, read straight off the text: such
 * lines are most of a big configuration, and the general path tokenizes
 * the line, compares words and looks the list up by name each time.
 * Anything else (a tab, two spaces, a quote, "any", a value out of range,
 * another word) returns false before any change, and the general path
 * decides; so both read a line alike (test_ios_parse checks it).
 */

/* Where a word ends: 1 at a space, 2 where the tokenizer would differ. */
static const unsigned char word_stop[256] = {
	[' '] = 1, ['\t'] = 2, ['"'] = 2
};

/*
 * The first space, tab or quote in [p, e), or e: a list's name.  Eight
 * bytes a step where the machine is little-endian: a byte equal to c gives
 * a zero byte of w ^ c, whose high bit (x - 1) & ~x sets; a borrow can
 * only flag bytes above a true zero, so the lowest flag is exact.
 */
static const char *
name_end(const char *p, const char *e)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = 0x0101010101010101ull;

	for (; e - p >= 8; p += 8) {
		uint64_t w, x, m;

		memcpy(&w, p, sizeof(w));
		x = w ^ (ones * ' ');
		m = (x - ones) & ~x;
		x = w ^ (ones * '\t');
		m |= (x - ones) & ~x;
		x = w ^ (ones * '"');
		m |= (x - ones) & ~x;
		m &= ones << 7;
		if (m != 0)
			return p + (__builtin_ctzll(m) >> 3);
	}
#endif
	while (p < e && word_stop[(unsigned char)*p] == 0)
		p++;
	return p;
}

static bool
slash_near_end(const char *s, const char *e)
{
	const char *p;

	for (p = e; p > s && e - p < 4; p--)
		if (p[-1] == '/')
			return true;
	return false;
}

/* A decimal of 1 to max digits from *p, then the line's end or a space. */
static bool
plist_num(const char **p, const char *e, unsigned max, uint32_t *out)
{
	const char *s = *p;
	uint32_t v = 0;
	unsigned k;

	for (k = 0; s < e && *s >= '0' && *s <= '9'; s++, k++) {
		if (k == max)
			return false;
		v = v * 10 + (uint32_t)(*s - '0');
	}
	if (k == 0 || (s < e && *s != ' '))
		return false;
	*p = s;
	*out = v;
	return true;
}

static bool
plist_word(const char **p, const char *e, const char *w, size_t n)
{
	if ((size_t)(e - *p) <= n || memcmp(*p, w, n) != 0 || (*p)[n] != ' ')
		return false;
	*p += n + 1;
	return true;
}

bool
ios_plist_read(const char *text, unsigned len, int line, ios_plline *l)
{
	const char *p = text, *e = p + len, *q;
	mc_tok name;
	uint32_t seq = 0, v, ge = 0, le = 0, eq = 0, *to;
	int bits;

	/* both words in one compare for the common "ip prefix-list " */
	if (len > 15 && memcmp(p, "ip prefix-list ", 15) == 0) {
		l->af = MC_AF4;
		p += 15;
	} else {
		if (plist_word(&p, e, "ip", 2))
			l->af = MC_AF4;
		else if (plist_word(&p, e, "ipv6", 4))
			l->af = MC_AF6;
		else
			return false;
		if (!plist_word(&p, e, "prefix-list", 11))
			return false;
	}
	bits = l->af == MC_AF6 ? 128 : 32;
	q = p;
	p = name_end(p, e);
	if (p < e && word_stop[(unsigned char)*p] == 2)
		return false;	/* a tab or a quote */
	name.s = q;
	name.len = (unsigned)(p - q);
	/* the general path's special words, and "NAME" alone (EOS) */
	if (name.len == 0 || mc_tok_is(&name, "sequence-number") ||
	    mc_tok_is(&name, "description") || p == e)
		return false;
	p++;
	if ((l->have_seq = plist_word(&p, e, "seq", 3)) &&
	    (!plist_num(&p, e, 9, &seq) || p == e || *p++ != ' '))
		return false;
	memset(&l->ent, 0, sizeof(l->ent));
	l->ent.seq = (int)seq;
	l->ent.line = line;
	if (plist_word(&p, e, "permit", 6))
		l->ent.permit = true;
	else if (!plist_word(&p, e, "deny", 4))
		return false;
	/* Most prefixes are "a.b.c.d/len" followed by a space or the end:
	 * read in one pass (mc_prefix_parse reads that form alike).  Else
	 * the word up to the next space; a tab or a quote in it fails the
	 * parse. */
	q = p;
	if (l->af != MC_AF4 || (p = mc_prefix4_span(q, e, false,
	    &l->ent.r.p)) == NULL || (p < e && *p != ' ')) {
		if ((p = memchr(q, ' ', (size_t)(e - q))) == NULL)
			p = e;
		/* A prefix, not an address: the parse takes a '/' only in
		 * the word's last four bytes ("/len"), so look there. */
		if (!mc_prefix_parse(q, (size_t)(p - q), &l->ent.r.p) ||
		    l->ent.r.p.af != l->af || !slash_near_end(q, p))
			return false;
	}
	while (p < e) {
		p++;	/* the space */
		to = plist_word(&p, e, "ge", 2) ? &ge :
		    plist_word(&p, e, "le", 2) ? &le :
		    plist_word(&p, e, "eq", 2) ? &eq : NULL;
		if (to == NULL || !plist_num(&p, e, 3, &v) ||
		    v > (uint32_t)bits)
			return false;
		*to = v;
	}
	if (!plist_window(&l->ent.r, ge, le, eq, bits))
		return false;
	l->af = (unsigned char)(bits == 128 ? MC_AF6 : MC_AF4);
	l->name = name.s;
	l->namelen = name.len;
	return true;
}

void
ios_plist_apply(ios *c, const ios_plline *l)
{
	mc_prefix_entry ent = l->ent;
	uint64_t w1, w2 = 0;
	size_t slot;
	plb *b;

	/* The map never changes a name's list once made: the lists met
	 * last are remembered by a hash of the name's first and last eight
	 * bytes (the line goes on for at least eight past the name's
	 * start: a space, permit or deny, a prefix). */
	memcpy(&w1, l->name, sizeof(w1));
	if (l->namelen < 8)
		w1 &= ~(uint64_t)0 >> (64 - 8 * l->namelen);
	else
		memcpy(&w2, l->name + l->namelen - 8, sizeof(w2));
	slot = (size_t)(((w1 * 0x9e3779b97f4a7c15ull) ^
	    (w2 * 0xc2b2ae3d27d4eb4full) ^ l->namelen) >> 56);
	b = c->pl_cache[slot];
	/* up to sixteen bytes, the two words are the whole name */
	if (b == NULL || b->namelen != l->namelen || b->w1 != w1 ||
	    b->w2 != w2 || (l->namelen > 16 && memcmp(b->pl->name,
	    l->name, l->namelen) != 0)) {
		mc_tok name = { l->name, l->namelen };

		b = c->pl_cache[slot] = plist_get(c, &name, l->af,
		    ent.line);
		b->w1 = w1;
		b->w2 = w2;
	}
	plist_add(c, b, &ent, l->have_seq ? (uint32_t)ent.seq :
	    (uint32_t)b->maxseq + 5, ent.line, l->af);	/* IOS: by fives */
}

bool
ios_prefix_list_line(ios *c, const mc_node *n)
{
	ios_plline l;

	if (!ios_plist_read(n->text, n->len, n->line, &l))
		return false;
	ios_plist_apply(c, &l);
	return true;
}

static int
cmp_pentry(const void *a, const void *b)
{
	const mc_prefix_entry *x = a, *y = b;

	if (x->seq != y->seq)
		return x->seq < y->seq ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* ---- AS-path lists ------------------------------------------------------- */

/*
 * IOS/EOS "ip as-path access-list N permit|deny REGEX" (EOS may end with
 * an origin: any|igp|egp|incomplete), FRR "bgp as-path access-list NAME
 * [seq N] permit|deny REGEX".  first: index of the name.
 */
void
ios_aspath_list(ios *c, const mc_node *n, mc_tok *t, int nt, int first)
{
	mc_aspath_list *l;
	mc_aspath_entry e;
	const char *s, *end;
	int i = first + 1;

	if (nt <= first + 2) {
		ios_unknown(c, n, n);
		return;
	}
	if (ios_is(t, i, nt, "seq"))
		i += 2;
	if (i >= nt)
		goto bad;
	memset(&e, 0, sizeof(e));
	if (mc_tok_is(&t[i], "permit"))
		e.permit = true;
	else if (!mc_tok_is(&t[i], "deny"))
		goto bad;
	i++;
	if (i >= nt)
		goto bad;
	s = t[i].s;
	end = n->text + n->len;
	if (c->eos && nt - i >= 2 && (mc_tok_is(&t[nt - 1], "any") ||
	    mc_tok_is(&t[nt - 1], "igp") || mc_tok_is(&t[nt - 1], "egp") ||
	    mc_tok_is(&t[nt - 1], "incomplete")))
		end = t[nt - 2].s + t[nt - 2].len;
	e.regex = mc_strndup(c->a, s, (size_t)(end - s));
	e.dialect = MC_RE_CISCO;
	e.line = n->line;
	l = ios_map_get(&c->aslists, t[first].s, t[first].len);
	if (l == NULL) {
		l = mc_alloc(c->a, sizeof(*l));
		l->name = ios_str(c, &t[first]);
		l->line = n->line;
		mc_vec_push(c->a, &c->d->aspath_lists, l);
		ios_map_put(c->a, &c->aslists, t[first].s, t[first].len, l);
	}
	mc_vec_push(c->a, &l->entries, e);
	return;
bad:
	ios_unknown(c, n, n);
}

/* ---- communities --------------------------------------------------------- */

static bool
u16(const char *s, size_t n, uint32_t *v, uint32_t max)
{
	mc_tok t;

	t.s = s;
	t.len = (unsigned)n;
	return mc_tok_u32(&t, v) && *v <= max;
}

/* "A:B", a 32-bit number, a well-known name; large: "A:B:C". */
static bool
community(const mc_tok *t, bool large, mc_community *out)
{
	static const struct { const char *name; uint32_t v; } wk[] = {
		{ "no-export", 0xFFFFFF01 }, { "no-advertise", 0xFFFFFF02 },
		{ "local-AS", 0xFFFFFF03 }, { "local-as", 0xFFFFFF03 },
		{ "no-export-subconfed", 0xFFFFFF03 }, { "no-peer", 0xFFFFFF04 },
		{ "gshut", 0xFFFF0000 }, { "graceful-shutdown", 0xFFFF0000 },
		{ "blackhole", 0xFFFF029A }, { "accept-own", 0xFFFF0001 },
		{ "llgr-stale", 0xFFFF0006 }, { "no-llgr", 0xFFFF0007 },
		{ "internet", 0 },
	};
	const char *c1, *c2;
	uint32_t a, b, v;
	size_t i;

	memset(out, 0, sizeof(*out));
	c1 = memchr(t->s, ':', t->len);
	if (large) {
		if (c1 == NULL || (c2 = memchr(c1 + 1, ':',
		    (size_t)(t->s + t->len - c1 - 1))) == NULL)
			return false;
		out->kind = 1;
		return u16(t->s, (size_t)(c1 - t->s), &out->a, UINT32_MAX) &&
		    u16(c1 + 1, (size_t)(c2 - c1 - 1), &out->b, UINT32_MAX) &&
		    u16(c2 + 1, (size_t)(t->s + t->len - c2 - 1), &out->c,
		    UINT32_MAX);
	}
	if (c1 != NULL) {
		if (!u16(t->s, (size_t)(c1 - t->s), &a, 65535) ||
		    !u16(c1 + 1, (size_t)(t->s + t->len - c1 - 1), &b, 65535))
			return false;
		out->a = a;
		out->b = b;
		return true;
	}
	if (mc_tok_u32(t, &v)) {
		out->a = v >> 16;
		out->b = v & 0xffff;
		return true;
	}
	for (i = 0; i < sizeof(wk) / sizeof(wk[0]); i++)
		if (mc_tok_is(t, wk[i].name)) {
			out->a = wk[i].v >> 16;
			out->b = wk[i].v & 0xffff;
			return true;
		}
	return false;
}

/*
 * IOS "ip community-list <1-99>|<100-500>|standard N|expanded N
 * permit|deny ...", FRR "bgp [large-]community-list ... [seq N] ...", EOS
 * "ip community-list [regexp] NAME ...".  first: index after the keyword.
 */
void
ios_community_list(ios *c, const mc_node *n, mc_tok *t, int nt, int first,
    bool large)
{
	mc_community_list *l;
	mc_community_entry e;
	mc_community cm;
	const mc_tok *name;
	uint32_t num;
	int i = first;
	bool expanded = false;
	char key[8 + 256];
	size_t kl;

	if (i >= nt)
		goto bad;
	if (mc_tok_is(&t[i], "standard") || mc_tok_is(&t[i], "expanded") ||
	    mc_tok_is(&t[i], "regexp")) {
		expanded = !mc_tok_is(&t[i], "standard");
		i++;
	} else if (mc_tok_u32(&t[i], &num))
		expanded = num >= 100;
	if (i >= nt)
		goto bad;
	name = &t[i++];
	if (ios_is(t, i, nt, "seq"))
		i += 2;
	memset(&e, 0, sizeof(e));
	if (ios_is(t, i, nt, "permit"))
		e.permit = true;
	else if (!ios_is(t, i, nt, "deny"))
		goto bad;
	i++;
	if (i >= nt)
		goto bad;
	e.expanded = expanded;
	e.line = n->line;
	if (expanded)
		e.regex = mc_tok_rest(c->a, n, &t[i]);
	else
		for (; i < nt; i++) {
			if (!community(&t[i], large, &cm))
				goto bad;
			if (!large && cm.a == 0 && cm.b == 0 &&
			    mc_tok_is(&t[i], "internet"))
				continue;	/* matches every route */
			mc_vec_push(c->a, &e.all_of, cm);
		}
	/* Large and standard lists are separate name spaces: the large ones
	 * are looked up under their own key, shown under their name. */
	kl = name->len > 256 ? 256 : name->len;
	memcpy(key, large ? "L\x1f" : "S\x1f", 2);
	memcpy(key + 2, name->s, kl);
	l = ios_map_get(&c->clists, key, kl + 2);
	if (l == NULL) {
		l = mc_alloc(c->a, sizeof(*l));
		l->name = ios_str(c, name);
		l->large = large;
		l->line = n->line;
		mc_vec_push(c->a, &c->d->community_lists, l);
		ios_map_put(c->a, &c->clists, key, kl + 2, l);
	} else if (c->d->vendor == MC_VENDOR_FRR && l->entries.n > 0 &&
	    l->entries.v[0].expanded != e.expanded) {
		/* bgpd keeps the style of the first entry and refuses the
		 * other ("% Community name conflict", bgp_clist.c
		 * community_list_set), though vtysh -C accepts the file. */
		mc_vec_push(c->a, &c->d->notes, mc_printf(c->a,
		    "line %d: bgpd refuses this entry of community-list %s: "
		    "the list is %s (its first entry)", n->line, l->name,
		    l->entries.v[0].expanded ? "expanded" : "standard"));
		return;
	}
	mc_vec_push(c->a, &l->entries, e);
	return;
bad:
	ios_unknown(c, n, n);
}

/* ---- route-maps: collection ---------------------------------------------- */

void
ios_route_map(ios *c, const mc_node *n, mc_tok *t, int nt)
{
	ios_rm_entry *e = NULL;
	ios_rmap *rm;
	uint32_t seq = 0;
	bool permit = true, has_seq = false;
	size_t k;
	int i = 2;

	if (nt < 2) {
		ios_unknown(c, n, n);
		return;
	}
	if (nt == 3 && mc_tok_is(&t[2], "optimization"))
		return;		/* FRR: the default; read in ios_policy_finish */
	if (ios_is(t, i, nt, "permit"))
		i++;
	else if (ios_is(t, i, nt, "deny")) {
		permit = false;
		i++;
	}
	if (i < nt) {
		if (!mc_tok_u32(&t[i], &seq) || i + 1 < nt) {
			ios_unknown_tree(c, n, n);
			return;
		}
		has_seq = true;
	}
	rm = ios_map_get(&c->rmaps, t[1].s, t[1].len);
	if (rm == NULL) {
		rm = mc_alloc(c->a, sizeof(*rm));
		rm->name = ios_str(c, &t[1]);
		rm->line = n->line;
		mc_vec_push(c->a, &c->rmlist, rm);
		ios_map_put(c->a, &c->rmaps, t[1].s, t[1].len, rm);
	}
	if (!has_seq) {
		/* IOS: no number edits the only entry, or starts at 10. */
		if (rm->entries.n == 1)
			e = rm->entries.v[0];
		else if (rm->entries.n == 0)
			seq = 10;
		else
			seq = (uint32_t)rm->entries.v[rm->entries.n - 1]->seq + 10;
	} else if (rm->entries.n > 0 &&
	    rm->entries.v[rm->entries.n - 1]->seq == (int)seq)
		e = rm->entries.v[rm->entries.n - 1];
	else
		for (k = 0; k < rm->entries.n && rm->entries.n < 4096; k++)
			if (rm->entries.v[k]->seq == (int)seq) {
				e = rm->entries.v[k];
				break;
			}
	if (e == NULL) {
		e = mc_alloc(c->a, sizeof(*e));
		e->seq = (int)(seq > 0x7fffffff ? 0x7fffffff : seq);
		e->line = n->line;
		mc_vec_push(c->a, &rm->entries, e);
	}
	e->permit = permit;
	mc_vec_push(c->a, &e->nodes, n);
}

/* ---- route-maps: compilation to the IR ------------------------------------ */

static mc_cond *
ref_cond(ios *c, mc_cond_kind k, const mc_tok *t, int line)
{
	mc_cond *x = mc_cond_new(c->a, k, line);

	x->ref = ios_str(c, t);
	return x;
}

/* Names t[i..nt) (stopping at stop words) as one condition: several names
 * on one match line are alternatives. */
static mc_cond *
names_cond(ios *c, mc_cond_kind k, mc_tok *t, int nt, int i, int line,
    int *exact)
{
	mc_cond *or = NULL, *x;
	int cnt = 0;

	for (; i < nt; i++) {
		if (mc_tok_is(&t[i], "exact-match")) {
			if (exact != NULL)
				*exact = 1;
			continue;
		}
		x = ref_cond(c, k, &t[i], line);
		if (cnt++ == 0)
			or = x;
		else {
			if (cnt == 2) {
				mc_cond *o = mc_cond_new(c->a, MC_C_OR, line);

				mc_vec_push(c->a, &o->kids, or);
				or = o;
			}
			mc_vec_push(c->a, &or->kids, x);
		}
	}
	return or;
}

static mc_cond *
rpki_cond(ios *c, const mc_tok *t, int line)
{
	mc_cond *x;
	int m;

	if (mc_tok_is(t, "valid"))
		m = MC_ROV_VALID;
	else if (mc_tok_is(t, "invalid"))
		m = MC_ROV_INVALID;
	else if (mc_tok_is(t, "notfound") || mc_tok_is(t, "not-found"))
		m = MC_ROV_NOTFOUND;
	else
		return NULL;
	x = mc_cond_new(c->a, MC_C_RPKI, line);
	x->n = m;
	return x;
}

/* match ip|ipv6 next-hop ...: t[3..] are prefix-list / ACL names or
 * addresses (FRR "address A"; a bare address in some IOS-like CLIs),
 * several are alternatives.  The IR form is MC_C_NEXT_HOP with ref and
 * n = the kind of list, or with str. */
static mc_cond *
next_hop_cond(ios *c, mc_tok *t, int nt, int line)
{
	mc_cond *or = mc_cond_new(c->a, MC_C_OR, line), *x;
	int i = 3, kind = MC_C_PREFIX_ACL;
	mc_prefix a;

	if (ios_is(t, i, nt, "prefix-list"))
		kind = MC_C_PREFIX_LIST, i++;
	else if (ios_is(t, i, nt, "access-list") || ios_is(t, i, nt, "address"))
		i++;
	else if (ios_is(t, i, nt, "type"))
		return NULL;	/* FRR type blackhole: not modelled */
	for (; i < nt && or->kids.n < 64; i++) {
		x = mc_cond_new(c->a, MC_C_NEXT_HOP, line);
		if (kind == MC_C_PREFIX_ACL &&
		    mc_addr_parse(t[i].s, t[i].len, &a))
			x->str = ios_str(c, &t[i]);
		else {
			x->ref = ios_str(c, &t[i]);
			x->n = kind;
		}
		mc_vec_push(c->a, &or->kids, x);
	}
	return or->kids.n == 1 ? or->kids.v[0] : or->kids.n ? or : NULL;
}

static mc_cond *
match_line(ios *c, const mc_node *n, mc_tok *t, int nt)
{
	mc_cond *x = NULL;
	int exact = 0, i = 1;
	uint32_t v;

	if (nt < 3)
		return NULL;
	if (mc_tok_is(&t[i], "ip") || mc_tok_is(&t[i], "ipv6")) {
		if (ios_is(t, i + 1, nt, "next-hop"))
			return next_hop_cond(c, t, nt, n->line);
		if (!ios_is(t, i + 1, nt, "address"))
			return NULL;	/* route-source: not modelled */
		if (ios_is(t, i + 2, nt, "prefix-list"))
			return names_cond(c, MC_C_PREFIX_LIST, t, nt, i + 3,
			    n->line, NULL);
		if (ios_is(t, i + 2, nt, "access-list"))
			i++;	/* EOS/NX spelling */
		return names_cond(c, MC_C_PREFIX_ACL, t, nt, i + 2, n->line,
		    NULL);
	}
	if (mc_tok_is(&t[i], "as-path")) {
		if (ios_is(t, i + 1, nt, "length") && nt == 5 &&
		    mc_tok_u32(&t[4], &v)) {
			/* EOS "match as-path length <= N" */
			x = mc_cond_new(c->a, MC_C_ASPATH_LEN, n->line);
			if (mc_tok_is(&t[3], "<="))
				x->lo = 0, x->hi = v;
			else if (mc_tok_is(&t[3], ">="))
				x->lo = v, x->hi = UINT32_MAX;
			else if (mc_tok_is(&t[3], "=") || mc_tok_is(&t[3], "=="))
				x->lo = x->hi = v;
			else
				return NULL;
			return x;
		}
		return names_cond(c, MC_C_ASPATH_LIST, t, nt, i + 1, n->line,
		    NULL);
	}
	if (mc_tok_is(&t[i], "community") || mc_tok_is(&t[i], "large-community")) {
		/* n: 1 exact-match, 2 a large-community list */
		int f = (exact ? 1 : 0) |
		    (mc_tok_is(&t[i], "large-community") ? 2 : 0);

		x = names_cond(c, MC_C_COMMUNITY_LIST, t, nt, i + 1, n->line,
		    &exact);
		if (x != NULL && exact)
			f |= 1;
		if (x != NULL && f) {
			size_t k;

			x->n = f;
			for (k = 0; k < x->kids.n; k++)
				x->kids.v[k]->n = f;
		}
		return x;
	}
	if (mc_tok_is(&t[i], "rpki"))
		return nt == 3 ? rpki_cond(c, &t[2], n->line) : NULL;
	if (mc_tok_is(&t[i], "origin-as") && ios_is(t, 2, nt, "validity") &&
	    nt == 4)
		return rpki_cond(c, &t[3], n->line);	/* EOS */
	if (mc_tok_is(&t[i], "source-protocol")) {
		mc_cond *or = mc_cond_new(c->a, MC_C_OR, n->line);

		for (i = 2; i < nt; i++) {
			if (mc_tok_u32(&t[i], &v))
				continue;	/* process id, AS */
			x = mc_cond_new(c->a, MC_C_PROTOCOL, n->line);
			x->str = ios_str(c, &t[i]);
			mc_vec_push(c->a, &or->kids, x);
		}
		return or->kids.n == 1 ? or->kids.v[0] : or->kids.n ? or : NULL;
	}
	if (mc_tok_is(&t[i], "local-preference") && nt == 3 &&
	    mc_tok_u32(&t[2], &v)) {
		x = mc_cond_new(c->a, MC_C_LOCAL_PREF, n->line);
		x->lo = x->hi = v;
		return x;
	}
	if (mc_tok_is(&t[i], "peer") && nt == 3) {
		x = mc_cond_new(c->a, MC_C_NEIGHBOR, n->line);
		x->str = ios_str(c, &t[2]);
		return x;
	}
	return NULL;
}

static void
push(ios *c, mc_block *b, mc_stmt *s)
{
	mc_vec_push(c->a, b, s);
}

static mc_stmt *
set_stmt(ios *c, mc_set_kind k, int line)
{
	mc_stmt *s = mc_stmt_new(c->a, MC_S_SET, line);

	s->set = k;
	return s;
}

/* One "set" line into statements.  Returns false when not understood. */
static bool
set_line(ios *c, mc_block *b, const mc_node *n, mc_tok *t, int nt)
{
	mc_community cm;
	mc_stmt *s;
	bool large, additive = false, first = true;
	uint32_t asn, prev = 0;
	int i, run = 0;

	if (nt < 2)
		return false;
	large = mc_tok_is(&t[1], "large-community");
	if (mc_tok_is(&t[1], "community") || large) {
		if (ios_is(t, 2, nt, "none")) {
			push(c, b, set_stmt(c, MC_SET_COMMUNITY_NONE, n->line));
			return true;
		}
		if (ios_is(t, 2, nt, "community-list") && nt >= 4) {
			/* EOS "set community community-list L [delete]" */
			s = set_stmt(c, ios_is(t, 4, nt, "delete") ?
			    MC_SET_COMMUNITY_DEL : MC_SET_OTHER, n->line);
			s->str = ios_str(c, &t[3]);
			if (s->set == MC_SET_COMMUNITY_DEL)
				s->ref = s->str;	/* the engine deletes by ref */
			push(c, b, s);
			return true;
		}
		for (i = 2; i < nt; i++)
			if (mc_tok_is(&t[i], "additive"))
				additive = true;
		for (i = 2; i < nt; i++) {
			if (mc_tok_is(&t[i], "additive"))
				continue;
			if (!community(&t[i], large, &cm))
				return false;
			s = set_stmt(c, additive || !first ?
			    MC_SET_COMMUNITY_ADD : MC_SET_COMMUNITY_REPLACE,
			    n->line);
			s->comm = cm;
			push(c, b, s);
			first = false;
		}
		return !first;
	}
	if ((mc_tok_is(&t[1], "comm-list") ||
	    mc_tok_is(&t[1], "large-comm-list")) && nt == 4 &&
	    mc_tok_is(&t[3], "delete")) {
		s = set_stmt(c, MC_SET_COMMUNITY_DEL, n->line);
		s->str = ios_str(c, &t[2]);
		s->ref = s->str;
		/* FRR: large-comm-list names a large list (own name space) */
		s->n = mc_tok_is(&t[1], "large-comm-list") ? 2 : 0;
		push(c, b, s);
		return true;
	}
	if (mc_tok_is(&t[1], "local-preference") && nt == 3) {
		const mc_tok *v = &t[2];
		mc_tok tv = *v;
		int mode = 0;

		/* FRR also takes "+N" and "-N" (added to the value so far) */
		if (tv.len > 1 && (tv.s[0] == '+' || tv.s[0] == '-') &&
		    c->d->vendor == MC_VENDOR_FRR) {
			mode = tv.s[0] == '+' ? 1 : -1;
			tv.s++;
			tv.len--;
		}
		if (!mc_tok_u32(&tv, &asn))
			return false;
		s = set_stmt(c, MC_SET_LOCAL_PREF, n->line);
		s->comm.a = asn;
		s->n = mode;
		s->str = mc_strndup(c->a, n->text, n->len);
		push(c, b, s);
		return true;
	}
	if (mc_tok_is(&t[1], "as-path") && ios_is(t, 2, nt, "prepend") &&
	    !ios_is(t, 3, nt, "last-as")) {
		for (i = 3; i <= nt; i++) {
			if (i < nt && !ios_asn(&t[i], &asn))
				return false;
			if (i == nt || (run > 0 && asn != prev)) {
				if (run > 0) {
					s = set_stmt(c, MC_SET_PREPEND, n->line);
					s->comm.a = prev;
					s->n = run;
					push(c, b, s);
				}
				run = 0;
			}
			if (i < nt) {
				prev = asn;
				run++;
			}
		}
		return true;
	}
	s = set_stmt(c, MC_SET_OTHER, n->line);
	s->str = mc_strndup(c->a, n->text, n->len);
	push(c, b, s);
	return true;
}

static int
cmp_entry(const void *a, const void *b)
{
	const ios_rm_entry *x = *(ios_rm_entry *const *)a,
	    *y = *(ios_rm_entry *const *)b;

	if (x->seq != y->seq)
		return x->seq < y->seq ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* The index of the first entry after idx whose seq is at least seq. */
static int
goto_index(const ios_rmap *rm, size_t idx, long seq)
{
	size_t k;

	for (k = idx + 1; k < rm->entries.n; k++)
		if (rm->entries.v[k]->seq >= seq)
			return (int)k;
	return (int)rm->entries.n;
}

/* The match commands of an FRR route-map entry so far. */
struct mkeys {
	struct { const char *s; size_t len; size_t kid; } v[32];
	size_t n;
};

/*
 * FRR keeps one rule per match command in an entry: a second "match
 * community L2" replaces "match community L1" (lib/routemap.c
 * route_map_add_match).  The command is the words between "match" and the
 * argument ("ip address prefix-list", "community" before "L [exact-match]").
 * Returns true with *at the index of the condition to replace; otherwise
 * records the command for condition index kid.
 */
static bool
frr_replaces(struct mkeys *mk, const mc_tok *t, int nt, size_t kid,
    size_t *at)
{
	const char *s;
	size_t len, i;

	if (nt > 2 && mc_tok_is(&t[nt - 1], "exact-match"))
		nt--;
	if (nt < 3)
		return false;
	s = t[1].s;
	len = (size_t)(t[nt - 2].s + t[nt - 2].len - s);
	for (i = 0; i < mk->n; i++)
		if (mk->v[i].len == len && memcmp(mk->v[i].s, s, len) == 0) {
			*at = mk->v[i].kid;
			return true;
		}
	if (mk->n < sizeof(mk->v) / sizeof(mk->v[0])) {
		mk->v[mk->n].s = s;
		mk->v[mk->n].len = len;
		mk->v[mk->n].kid = kid;
		mk->n++;
	}
	return false;
}

/* base: index of the term where entry 0 is (jumps land there). */
static void
compile_entry(ios *c, ios_rmap *rm, size_t idx, mc_term *term, size_t base)
{
	ios_rm_entry *e = rm->entries.v[idx];
	mc_cond *and = mc_cond_new(c->a, MC_C_AND, e->line), *x;
	mc_tok t[IOS_MAXTOK];
	mc_block then = { 0 };
	mc_stmt *iff, *s, *jump = NULL, *call = NULL;
	const mc_node *n, *sec;
	uint32_t v;
	size_t k, at;
	int nt;
	struct mkeys mk = { 0 };

	for (k = 0; k < e->nodes.n; k++) {
		sec = e->nodes.v[k];
		for (n = sec->kid; n != NULL; n = n->next) {
			nt = ios_toks(n, t);
			if (nt == 0)
				continue;
			if (mc_tok_is(&t[0], "match")) {
				x = match_line(c, n, t, nt);
				if (x == NULL) {
					x = mc_cond_new(c->a, MC_C_UNKNOWN, n->line);
					x->str = mc_strndup(c->a, n->text, n->len);
					ios_unknown(c, n, sec);
				}
				if (c->d->vendor == MC_VENDOR_FRR &&
				    frr_replaces(&mk, t, nt, and->kids.n, &at))
					and->kids.v[at] = x;
				else
					mc_vec_push(c->a, &and->kids, x);
			} else if (mc_tok_is(&t[0], "set")) {
				if (!set_line(c, &then, n, t, nt)) {
					s = mc_stmt_new(c->a, MC_S_UNKNOWN, n->line);
					s->str = mc_strndup(c->a, n->text, n->len);
					push(c, &then, s);
					ios_unknown(c, n, sec);
				}
			} else if (mc_tok_is(&t[0], "continue") ||
			    mc_tok_is(&t[0], "on-match")) {
				/* IOS/EOS "continue [seq]", FRR "on-match
				 * next|goto N" */
				long target = -1;

				if (mc_tok_is(&t[0], "continue") && nt == 2 &&
				    mc_tok_u32(&t[1], &v))
					target = v;
				else if (mc_tok_is(&t[0], "on-match") && nt == 3 &&
				    mc_tok_is(&t[1], "goto") && mc_tok_u32(&t[2], &v))
					target = v;
				else if (!(nt == 1 && mc_tok_is(&t[0], "continue")) &&
				    !(nt == 2 && mc_tok_is(&t[1], "next"))) {
					ios_unknown(c, n, sec);
					continue;
				}
				jump = mc_stmt_new(c->a, MC_S_GOTO, n->line);
				jump->n = (int)base + (target < 0 ? (int)idx + 1 :
				    goto_index(rm, idx, target));
				jump->mark_accept = true;
			} else if (mc_tok_is(&t[0], "call") && nt == 2) {
				call = mc_stmt_new(c->a, MC_S_CALL, n->line);
				call->ref = ios_str(c, &t[1]);
				call->call_returns = true;
			} else if (mc_tok_is(&t[0], "sub-route-map") && nt >= 2) {
				/* EOS: the entry matches when the sub-map permits */
				x = mc_cond_new(c->a, MC_C_POLICY, n->line);
				x->ref = ios_str(c, &t[1]);
				if (ios_is(t, 2, nt, "invert-result")) {
					mc_cond *no = mc_cond_new(c->a, MC_C_NOT,
					    n->line);

					mc_vec_push(c->a, &no->kids, x);
					x = no;
				}
				mc_vec_push(c->a, &and->kids, x);
			} else if (mc_tok_is(&t[0], "description") ||
			    mc_tok_is(&t[0], "no"))
				continue;
			else
				ios_unknown_tree(c, n, sec);
		}
	}
	if (!e->permit) {
		then.n = 0;	/* a deny entry rejects: sets do not matter */
		push(c, &then, mc_stmt_new(c->a, MC_S_REJECT, e->line));
	} else {
		if (call != NULL)
			push(c, &then, call);
		push(c, &then, jump != NULL ? jump :
		    mc_stmt_new(c->a, MC_S_ACCEPT, e->line));
	}
	if (and->kids.n == 0)
		and->kind = MC_C_TRUE;
	else if (and->kids.n == 1)
		and = and->kids.v[0];
	iff = mc_stmt_new(c->a, MC_S_IF, e->line);
	iff->cond = and;
	iff->then.v = then.v;
	iff->then.n = then.n;
	iff->then.cap = then.cap;
	if (c->d->vendor == MC_VENDOR_FRR) {
		/* FRR: an entry reached after a permit with continue/on-match
		 * that does not match turns the result into deny; a later match
		 * permits again (lib/routemap.c route_map_apply_ext, checked
		 * against bgpd in tests/lab/regress/frr-1). */
		mc_stmt *clear = mc_stmt_new(c->a, MC_S_MARK, e->line);

		clear->mark_accept = false;
		mc_vec_push(c->a, &iff->els, clear);
	}
	term->name = mc_printf(c->a, "%d", e->seq);
	term->line = e->line;
	mc_vec_push(c->a, &term->body, iff);
}

/*
 * FRR route-map optimization (on unless "no route-map NAME optimization";
 * lib/routemap.c route_map_get_index): the first entry to match is looked
 * up in a table of the prefixes of the entries' prefix-lists, and an
 * entry whose prefix-list is defined but empty has no prefix there, so it
 * is never the first to match; reached by on-match/continue it matches as
 * usual (tests/lab/regress/frr-4).  For other lists the lookup finds what
 * the plain walk finds.
 */
static bool
frr_never_first(ios *c, const ios_rm_entry *e)
{
	mc_tok t[IOS_MAXTOK];
	const mc_node *n;
	const plb *b;
	bool empty[2] = { false, false };	/* ip, ipv6: the last line counts */
	size_t k;
	int nt;

	for (k = 0; k < e->nodes.n; k++)
		for (n = e->nodes.v[k]->kid; n != NULL; n = n->next) {
			nt = ios_toks(n, t);
			if (nt != 5 || !mc_tok_is(&t[0], "match") ||
			    !(mc_tok_is(&t[1], "ip") ||
			    mc_tok_is(&t[1], "ipv6")) ||
			    !mc_tok_is(&t[2], "address") ||
			    !mc_tok_is(&t[3], "prefix-list"))
				continue;
			b = ios_map_get(&c->plists, t[4].s, t[4].len);
			empty[mc_tok_is(&t[1], "ipv6")] = b != NULL &&
			    b->pl->entries.n == 0;
		}
	return empty[0] || empty[1];
}

/* "no route-map NAME optimization" (the last word for NAME counts). */
static void
frr_optimization(ios *c, ios_map *off)
{
	int *on = mc_alloc(c->a, 2 * sizeof(*on)), *no = on + 1;
	mc_tok t[8];
	const mc_node *root = NULL, *n;
	size_t i;
	int nt;

	for (i = 0; i < c->rmlist.n && root == NULL; i++)
		if (c->rmlist.v[i]->entries.n > 0 &&
		    c->rmlist.v[i]->entries.v[0]->nodes.n > 0)
			root = c->rmlist.v[i]->entries.v[0]->nodes.v[0]->parent;
	if (root == NULL)
		return;
	on[0] = 1;
	no[0] = 0;
	for (n = root->kid; n != NULL; n = n->next) {
		nt = mc_tokens(n->text, n->len, t, 8);
		if (nt == 4 && mc_tok_is(&t[0], "no") &&
		    mc_tok_is(&t[1], "route-map") &&
		    mc_tok_is(&t[3], "optimization"))
			ios_map_put(c->a, off, t[2].s, t[2].len, no);
		else if (nt == 3 && mc_tok_is(&t[0], "route-map") &&
		    mc_tok_is(&t[2], "optimization"))
			ios_map_put(c->a, off, t[1].s, t[1].len, on);
	}
}

/* A permit entry with on-match next|goto or continue. */
static bool
entry_jumps(const ios_rm_entry *e)
{
	mc_tok t[2];
	const mc_node *n;
	size_t k;

	if (!e->permit)
		return false;
	for (k = 0; k < e->nodes.n; k++)
		for (n = e->nodes.v[k]->kid; n != NULL; n = n->next)
			if (mc_tokens(n->text, n->len, t, 2) > 0 &&
			    (mc_tok_is(&t[0], "continue") ||
			    mc_tok_is(&t[0], "on-match")))
				return true;
	return false;
}

/* The entry as seen by the search for the first match: it does not match. */
static mc_term
never_first(ios *c, const mc_term *in, int line)
{
	mc_term t = *in;
	mc_stmt *iff;
	mc_cond *and, *no;

	if (in->body.n != 1 || in->body.v[0]->kind != MC_S_IF)
		return t;
	iff = mc_alloc(c->a, sizeof(*iff));
	*iff = *in->body.v[0];
	and = mc_cond_new(c->a, MC_C_AND, line);
	no = mc_cond_new(c->a, MC_C_FALSE, line);
	no->str = "route-map optimization: an entry that matches an empty "
	    "prefix-list is never the first to match";
	if (iff->cond != NULL && iff->cond->kind != MC_C_TRUE)
		mc_vec_push(c->a, &and->kids, iff->cond);
	mc_vec_push(c->a, &and->kids, no);
	iff->cond = and;
	memset(&t.body, 0, sizeof(t.body));
	mc_vec_push(c->a, &t.body, iff);
	return t;
}

static void
compile_rmap(ios *c, ios_rmap *rm, mc_policy *p, const ios_map *off)
{
	bool *skip, any = false, jumps = false;
	mc_term *terms, term;
	const int *o;
	size_t k, n = rm->entries.n, base;
	mc_stmt *s;

	if (c->d->vendor != MC_VENDOR_FRR || n == 0) {
		for (k = 0; k < n; k++) {
			memset(&term, 0, sizeof(term));
			compile_entry(c, rm, k, &term, 0);
			mc_vec_push(c->a, &p->terms, term);
		}
		return;
	}
	skip = mc_alloc(c->a, n * sizeof(*skip));
	terms = mc_alloc(c->a, n * sizeof(*terms));
	o = ios_map_get(off, rm->name, strlen(rm->name));
	for (k = 0; k < n; k++) {
		skip[k] = (o == NULL || *o != 0) &&
		    frr_never_first(c, rm->entries.v[k]);
		any = any || skip[k];
		jumps = jumps || entry_jumps(rm->entries.v[k]);
	}
	/* Without jumps an entry is only reached by the search for the first
	 * match.  With them: the search, a barrier to the end (nothing
	 * matched), then the plain entries, where the jumps land. */
	base = any && jumps ? n + 1 : 0;
	for (k = 0; k < n; k++) {
		memset(&terms[k], 0, sizeof(terms[k]));
		compile_entry(c, rm, k, &terms[k], base);
		term = skip[k] ? never_first(c, &terms[k],
		    rm->entries.v[k]->line) : terms[k];
		mc_vec_push(c->a, &p->terms, term);
	}
	if (base == 0)
		return;
	memset(&term, 0, sizeof(term));
	term.name = "end";
	term.line = rm->line;
	s = mc_stmt_new(c->a, MC_S_GOTO, rm->line);
	s->n = (int)(2 * n + 1);
	mc_vec_push(c->a, &term.body, s);
	mc_vec_push(c->a, &p->terms, term);
	for (k = 0; k < n; k++)
		mc_vec_push(c->a, &p->terms, terms[k]);
}

void
ios_policy_finish(ios *c)
{
	ios_map off = { 0 };
	size_t i;

	for (i = 0; i < c->d->prefix_lists.n; i++) {
		mc_prefix_list *pl = c->d->prefix_lists.v[i];
		size_t k;

		/* Lists are almost always written in order: check first. */
		for (k = 1; k < pl->entries.n &&
		    cmp_pentry(&pl->entries.v[k - 1], &pl->entries.v[k]) <= 0; k++)
			;
		if (k < pl->entries.n)
			qsort(pl->entries.v, pl->entries.n, sizeof(*pl->entries.v),
			    cmp_pentry);
	}
	if (c->d->vendor == MC_VENDOR_FRR)
		frr_optimization(c, &off);
	for (i = 0; i < c->rmlist.n; i++) {
		ios_rmap *rm = c->rmlist.v[i];
		mc_policy *p = mc_alloc(c->a, sizeof(*p));

		if (rm->entries.n > 1)
			qsort(rm->entries.v, rm->entries.n, sizeof(*rm->entries.v),
			    cmp_entry);
		p->name = rm->name;
		p->line = rm->line;
		p->fallthrough = MC_FALL_REJECT;	/* implicit deny */
		compile_rmap(c, rm, p, &off);
		mc_vec_push(c->a, &c->d->policies, p);
	}
}
