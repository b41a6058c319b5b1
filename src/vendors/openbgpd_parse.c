/*
 * OpenBGPD extractor: token cursor, numbers, prefixes with prefixlen
 * operators, communities and 'set' actions (shared by the statement
 * parser in openbgpd.c and the filter rules in openbgpd_filter.c).
 */
#include <stdio.h>
#include <string.h>

#include "vendors/openbgpd_int.h"

/* ---- cursor helpers ------------------------------------------------------ */

const ob_tok *
ob_cur(const obp *p)
{
	return &p->lx.toks.v[p->i];
}

void
ob_adv(obp *p)
{
	if (p->lx.toks.v[p->i].t != OB_EOF)
		p->i++;
}

bool
ob_at_end(const obp *p)
{
	int t = ob_cur(p)->t;

	return t == OB_NL || t == OB_RBRACE || t == OB_EOF;
}

/* Skip to the end of the statement: its newline at brace level 0 is
 * consumed; a '}' that closes the enclosing block is left. */
void
ob_skip_stmt(obp *p)
{
	int depth = 0;

	for (;;) {
		const ob_tok *t = ob_cur(p);

		if (t->t == OB_EOF)
			return;
		if (t->t == OB_LBRACE)
			depth++;
		else if (t->t == OB_RBRACE) {
			if (depth == 0)
				return;
			depth--;
		} else if (t->t == OB_NL && depth == 0) {
			ob_adv(p);
			return;
		}
		ob_adv(p);
	}
}

const char *
ob_text(obp *p, size_t from, size_t to)
{
	char buf[240];
	size_t n = 0, i;

	for (i = from; i < to && i < p->lx.toks.n; i++) {
		const ob_tok *t = &p->lx.toks.v[i];
		int w;

		if (t->t == OB_NL || t->t == OB_EOF)
			continue;
		w = snprintf(buf + n, sizeof(buf) - n,
		    t->t == OB_STRING ? "%s\"%.*s\"" : "%s%.*s",
		    n ? " " : "", (int)t->len, t->s);
		if (w < 0 || (size_t)w >= sizeof(buf) - n) {
			n = sizeof(buf) - 1;
			break;
		}
		n += (size_t)w;
	}
	return mc_strndup(p->a, buf, n);
}

void
ob_unparsed(obp *p, size_t from, const char *section)
{
	const char *text;
	int line = p->lx.toks.v[from].line;

	p->i = from;
	ob_skip_stmt(p);
	text = ob_text(p, from, p->i);
	mc_dev_unparsed(p->d, line, section, text, strlen(text));
}

/* After a statement that was understood: anything left on it is reported. */
void
ob_finish(obp *p, size_t from, const char *section)
{
	if (!ob_at_end(p)) {
		ob_unparsed(p, from, section);
		return;
	}
	if (ob_cur(p)->t == OB_NL)
		ob_adv(p);
}

static bool
tok_num(const char *s, unsigned len, uint64_t max, uint32_t *out)
{
	uint64_t v = 0;
	unsigned i;

	if (len == 0 || len > 10)
		return false;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (v > max)
		return false;
	*out = (uint32_t)v;
	return true;
}

bool
ob_parse_u32(const ob_tok *t, uint32_t *out)
{
	return t->t == OB_WORD && tok_num(t->s, t->len, UINT32_MAX, out);
}

/* ASPLAIN or ASDOT (3.10). */
bool
ob_parse_asn(const ob_tok *t, uint32_t *out)
{
	const char *dot;
	uint32_t hi, lo;

	if (t->t != OB_WORD && t->t != OB_STRING)
		return false;
	dot = memchr(t->s, '.', t->len);
	if (dot == NULL)
		return tok_num(t->s, t->len, UINT32_MAX, out);
	if (!tok_num(t->s, (unsigned)(dot - t->s), 65535, &hi) ||
	    !tok_num(dot + 1, t->len - (unsigned)(dot - t->s) - 1, 65535, &lo))
		return false;
	*out = hi << 16 | lo;
	return true;
}

/* "10.0.0.0/8", "192.0.2/24" (bgpd pads short IPv4 forms), "::/0", a bare
 * address, "fe80::1%em0". */
bool
ob_parse_prefix(const ob_tok *t, mc_prefix *out)
{
	char buf[80];
	const char *slash;
	unsigned alen, dots = 0, i, n;

	if ((t->t != OB_WORD && t->t != OB_STRING) || t->len >= 64 ||
	    t->len == 0)
		return false;
	slash = memchr(t->s, '/', t->len);
	alen = slash ? (unsigned)(slash - t->s) : t->len;
	memcpy(buf, t->s, alen);
	n = alen;
	for (i = 0; i < alen; i++) {
		if (buf[i] == '%') {	/* scope of a link-local address */
			n = i;
			break;
		}
		if (buf[i] == '.')
			dots++;
	}
	if (memchr(buf, ':', n) == NULL && dots < 3 && slash != NULL &&
	    n > 0) {
		for (; dots < 3; dots++) {
			buf[n++] = '.';
			buf[n++] = '0';
		}
	}
	if (slash != NULL) {
		unsigned rest = t->len - alen;

		memcpy(buf + n, slash, rest);
		n += rest;
	}
	return mc_prefix_parse(buf, n, out);
}

/* ---- prefix specifications ----------------------------------------------- */

/* prefixlen operators; returns the number of ranges (0..2) in lo/hi. */
int
ob_plen_op(obp *p, int base, int max, int lo[2], int hi[2])
{
	const ob_tok *t = ob_cur(p);
	uint32_t a, b;
	char op[3] = "";

	if (t->t == OB_OP) {
		memcpy(op, t->s, t->len);
		ob_adv(p);
		if (!ob_parse_u32(ob_cur(p), &a))
			return -1;
		ob_adv(p);
		b = a;
	} else if (t->t == OB_WORD) {
		const char *dash = memchr(t->s, '-', t->len);

		if (dash != NULL && dash != t->s) {	/* 8-12 */
			if (!tok_num(t->s, (unsigned)(dash - t->s), 255, &a) ||
			    !tok_num(dash + 1, t->len -
			    (unsigned)(dash - t->s) - 1, 255, &b))
				return -1;
			ob_adv(p);
			op[0] = '-';
		} else {
			if (!ob_parse_u32(t, &a))
				return -1;
			ob_adv(p);
			t = ob_cur(p);
			if (ob_tok_is(t, "-") || (t->t == OB_OP &&
			    t->len == 2 && t->s[0] == '>' && t->s[1] == '<')) {
				op[0] = t->s[0];
				op[1] = t->len == 2 ? t->s[1] : '\0';
				ob_adv(p);
				if (!ob_parse_u32(ob_cur(p), &b))
					return -1;
				ob_adv(p);
			} else {
				op[0] = '=';
				b = a;
			}
		}
	} else
		return -1;
	if (a > 255 || b > 255)
		return -1;
	if (strcmp(op, "=") == 0) {
		lo[0] = (int)a, hi[0] = (int)a;
		return 1;
	}
	if (strcmp(op, "!=") == 0) {
		lo[0] = base, hi[0] = (int)a - 1;
		lo[1] = (int)a + 1, hi[1] = max;
		return 2;
	}
	if (strcmp(op, "<") == 0) {
		lo[0] = base, hi[0] = (int)a - 1;
		return 1;
	}
	if (strcmp(op, "<=") == 0) {
		lo[0] = base, hi[0] = (int)a;
		return 1;
	}
	if (strcmp(op, ">") == 0) {
		lo[0] = (int)a + 1, hi[0] = max;
		return 1;
	}
	if (strcmp(op, ">=") == 0) {
		lo[0] = (int)a, hi[0] = max;
		return 1;
	}
	if (strcmp(op, "-") == 0) {
		lo[0] = (int)a, hi[0] = (int)b;
		return 1;
	}
	if (strcmp(op, "><") == 0) {
		lo[0] = base, hi[0] = (int)a - 1;
		lo[1] = (int)b + 1, hi[1] = max;
		return 2;
	}
	return -1;
}

static void
add_range(obp *p, mc_prefix_list *pl, const mc_prefix *pfx, int lo, int hi,
    int line)
{
	mc_prefix_entry e;

	memset(&e, 0, sizeof(e));
	e.permit = true;
	e.line = line;
	e.seq = (int)pl->entries.n + 1;
	if (lo < pfx->len)
		lo = pfx->len;
	if (hi > mc_af_bits(pfx->af))
		hi = mc_af_bits(pfx->af);
	if (!mc_range_make(pfx, lo, hi, &e.r))
		return;		/* empty: matches nothing */
	mc_vec_push(p->a, &pl->entries, e);
	if (pl->af == 0 && pl->entries.n == 1)
		pl->af = pfx->af;
	else if (pl->af != pfx->af)
		pl->af = 0;
}

bool
ob_parse_prefix_spec(obp *p, mc_prefix_list *pl, int line)
{
	mc_prefix pfx;
	int lo[2], hi[2], n, i, max;
	uint32_t ml;

	if (!ob_parse_prefix(ob_cur(p), &pfx))
		return false;
	ob_adv(p);
	max = mc_af_bits(pfx.af);
	if (ob_tok_is(ob_cur(p), "prefixlen")) {
		ob_adv(p);
		n = ob_plen_op(p, pfx.len, max, lo, hi);
		if (n < 0)
			return false;
		for (i = 0; i < n; i++)
			add_range(p, pl, &pfx, lo[i], hi[i], line);
		return true;
	}
	if (ob_tok_is(ob_cur(p), "or-longer")) {
		ob_adv(p);
		add_range(p, pl, &pfx, pfx.len, max, line);
		return true;
	}
	if (ob_tok_is(ob_cur(p), "maxlen")) {
		ob_adv(p);
		if (!ob_parse_u32(ob_cur(p), &ml) || ml > 128)
			return false;
		ob_adv(p);
		add_range(p, pl, &pfx, pfx.len, (int)ml, line);
		return true;
	}
	add_range(p, pl, &pfx, pfx.len, pfx.len, line);
	return true;
}

/* ---- communities ---------------------------------------------------------- */

static const struct {
	const char *name;
	uint32_t v;
} wellknown[] = {
	{"GRACEFUL_SHUTDOWN", 0xFFFF0000u},
	{"ACCEPT_OWN", 0xFFFF0001u},
	{"LLGR_STALE", 0xFFFF0006u},
	{"NO_LLGR", 0xFFFF0007u},
	{"BLACKHOLE", 0xFFFF029Au},
	{"NO_EXPORT", 0xFFFFFF01u},
	{"NO_ADVERTISE", 0xFFFFFF02u},
	{"NO_EXPORT_SUBCONFED", 0xFFFFFF03u},
	{"NO_PEER", 0xFFFFFF04u},
};

static const char *ext_subtypes[] = {
	"*", "rt", "soo", "odi", "ort", "ori", "bdc", "srcas", "vrfri",
	"l2vid", "mac-mob", "esi-lab", "esi-rt", "defgw", "ovs",
};

static bool
comm_part(const char *s, unsigned len, uint64_t max, uint32_t *v,
    uint8_t *spec)
{
	*spec = OB_CV_NUM;
	*v = 0;
	if (len == 1 && s[0] == '*') {
		*spec = OB_CV_ANY;
		*v = 0xffffffffu;
		return true;
	}
	if (len == 8 && memcmp(s, "local-as", 8) == 0) {
		*spec = OB_CV_LOCAL;
		return true;
	}
	if (len == 11 && memcmp(s, "neighbor-as", 11) == 0) {
		*spec = OB_CV_NEIGHBOR;
		return true;
	}
	return tok_num(s, len, max, v);
}

/* Standard (kind 0), large (1) or extended (2) community at the cursor. */
bool
ob_parse_comm(obp *p, int kind, ob_comm *out, bool for_set)
{
	const ob_tok *t = ob_cur(p);
	const char *parts[3];
	unsigned plen[3], np = 0, i;
	uint32_t v;
	mc_prefix ip;

	(void)for_set;
	memset(out, 0, sizeof(*out));
	out->c.kind = (uint8_t)kind;
	if (t->t != OB_WORD && t->t != OB_STRING)
		return false;
	if (kind == 2) {
		const ob_tok *val;

		for (i = 0; i < sizeof(ext_subtypes) / sizeof(*ext_subtypes);
		    i++)
			if (ob_tok_is(t, ext_subtypes[i]))
				break;
		if (i == sizeof(ext_subtypes) / sizeof(*ext_subtypes))
			return false;
		out->c.a = i == 0 ? 0xffffffffu : (uint32_t)i;
		out->spec[0] = i == 0 ? OB_CV_ANY : OB_CV_NUM;
		ob_adv(p);
		val = ob_cur(p);
		if (val->t != OB_WORD)
			return false;
		if (ob_tok_is(t, "ovs")) {
			if (ob_tok_is(val, "valid"))
				out->c.c = 0;
			else if (ob_tok_is(val, "not-found"))
				out->c.c = 1;
			else if (ob_tok_is(val, "invalid"))
				out->c.c = 2;
			else if (ob_tok_is(val, "*"))
				out->spec[2] = OB_CV_ANY, out->c.c = 0xffffffffu;
			else
				return false;
			ob_adv(p);
			return true;
		}
		t = val;
	}
	/* split on ':' */
	parts[0] = t->s;
	for (i = 0; i < t->len && np < 3; i++)
		if (t->s[i] == ':') {
			plen[np] = (unsigned)(t->s + i - parts[np]);
			np++;
			if (np < 3)
				parts[np] = t->s + i + 1;
		}
	if (np < 3)
		plen[np] = (unsigned)(t->s + t->len - parts[np]);
	np++;
	if (kind == 0 && np == 1) {
		for (i = 0; i < sizeof(wellknown) / sizeof(*wellknown); i++)
			if (ob_tok_is(t, wellknown[i].name)) {
				out->c.a = wellknown[i].v >> 16;
				out->c.b = wellknown[i].v & 0xffff;
				ob_adv(p);
				return true;
			}
		return false;
	}
	if (kind == 0) {
		if (np != 2 || !comm_part(parts[0], plen[0], 65535, &out->c.a,
		    &out->spec[0]) || !comm_part(parts[1], plen[1], 65535,
		    &out->c.b, &out->spec[1]))
			return false;
	} else if (kind == 1) {
		if (np != 3)
			return false;
		for (i = 0; i < 3; i++) {
			uint32_t *dst = i == 0 ? &out->c.a : i == 1 ?
			    &out->c.b : &out->c.c;

			if (!comm_part(parts[i], plen[i], UINT32_MAX, dst,
			    &out->spec[i]))
				return false;
		}
	} else {
		/* ext: AS:local, IP:local or a single number */
		if (np == 1) {
			if (!comm_part(parts[0], plen[0], UINT32_MAX,
			    &out->c.c, &out->spec[2]))
				return false;
		} else if (np == 2) {
			if (mc_addr_parse(parts[0], plen[0], &ip) &&
			    ip.af == MC_AF4) {
				out->c.b = (uint32_t)ip.a[0] << 24 |
				    (uint32_t)ip.a[1] << 16 |
				    (uint32_t)ip.a[2] << 8 | ip.a[3];
			} else if (!comm_part(parts[0], plen[0], UINT32_MAX,
			    &out->c.b, &out->spec[1]))
				return false;
			if (!comm_part(parts[1], plen[1], UINT32_MAX, &v,
			    &out->spec[2]))
				return false;
			out->c.c = v;
		} else
			return false;
	}
	ob_adv(p);
	return true;
}

/* ---- set actions ---------------------------------------------------------- */

static bool
parse_one_set(obp *p, ob_sets *sets)
{
	const ob_tok *t = ob_cur(p);
	size_t from = p->i;
	ob_set s;
	int kind = -1;

	memset(&s, 0, sizeof(s));
	s.line = t->line;
	if (ob_tok_is(t, "community"))
		kind = 0;
	else if (ob_tok_is(t, "large-community"))
		kind = 1;
	else if (ob_tok_is(t, "ext-community"))
		kind = 2;
	if (kind >= 0) {
		ob_adv(p);
		s.kind = MC_SET_COMMUNITY_ADD;
		if (ob_tok_is(ob_cur(p), "delete")) {
			s.kind = MC_SET_COMMUNITY_DEL;
			ob_adv(p);
		}
		if (!ob_parse_comm(p, kind, &s.comm, true))
			return false;
		mc_vec_push(p->a, sets, s);
		return true;
	}
	if (ob_tok_is(t, "prepend-self") || ob_tok_is(t, "prepend-neighbor")) {
		uint32_t n;

		s.kind = MC_SET_PREPEND;
		s.prepend_neighbor = ob_tok_is(t, "prepend-neighbor");
		ob_adv(p);
		if (!ob_parse_u32(ob_cur(p), &n) || n > 255)
			return false;
		s.n = (int)n;
		ob_adv(p);
		mc_vec_push(p->a, sets, s);
		return true;
	}
	if (ob_tok_is(t, "localpref") || ob_tok_is(t, "med") ||
	    ob_tok_is(t, "metric") || ob_tok_is(t, "weight") ||
	    ob_tok_is(t, "origin") || ob_tok_is(t, "nexthop") ||
	    ob_tok_is(t, "pftable") || ob_tok_is(t, "rtlabel")) {
		ob_adv(p);
		if (ob_cur(p)->t != OB_WORD && ob_cur(p)->t != OB_STRING)
			return false;
		ob_adv(p);
		s.kind = MC_SET_OTHER;
		s.text = ob_text(p, from, p->i);
		mc_vec_push(p->a, sets, s);
		return true;
	}
	return false;
}

/* Skip one element of a set list: to ',' or newline or the closing '}'. */
void
ob_skip_elem(obp *p)
{
	while (ob_cur(p)->t != OB_EOF && ob_cur(p)->t != OB_RBRACE &&
	    ob_cur(p)->t != OB_COMMA && ob_cur(p)->t != OB_NL)
		ob_adv(p);
}

void
ob_parse_sets(obp *p, ob_sets *sets, const char *section)
{
	size_t from;

	if (ob_cur(p)->t != OB_LBRACE) {
		from = p->i;
		if (!parse_one_set(p, sets)) {
			ob_skip_elem(p);
			mc_dev_unparsed(p->d, p->lx.toks.v[from].line, section,
			    ob_text(p, from, p->i), strlen(ob_text(p, from,
			    p->i)));
		}
		return;
	}
	ob_adv(p);
	for (;;) {
		const ob_tok *t = ob_cur(p);

		if (t->t == OB_EOF)
			return;
		if (t->t == OB_RBRACE) {
			ob_adv(p);
			return;
		}
		if (t->t == OB_NL || t->t == OB_COMMA) {
			ob_adv(p);
			continue;
		}
		from = p->i;
		if (!parse_one_set(p, sets)) {
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
}
