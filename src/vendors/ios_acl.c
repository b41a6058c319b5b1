/*
 * IOS family access lists: numbered standard (1-99, 1300-1999) and
 * extended (100-199, 2000-2699), named "ip access-list standard|extended",
 * EOS "ip access-list NAME" (extended) with sequence numbers, IPv6
 * "ipv6 access-list" with IOS "sequence N", and the FRR/Quagga (zebra)
 * prefix form "access-list NAME [seq N] permit A/len [exact-match]|any".
 */
#include <string.h>
#include <strings.h>

#include "vendors/ios.h"

static mc_acl *
acl_get(ios *c, const mc_tok *name, int af, int line)
{
	mc_acl *acl = ios_map_get(&c->acls, name->s, name->len);

	if (acl == NULL) {
		acl = mc_alloc(c->a, sizeof(*acl));
		acl->name = ios_str(c, name);
		acl->af = af;
		acl->line = line;
		mc_vec_push(c->a, &c->d->acls, acl);
		ios_map_put(c->a, &c->acls, name->s, name->len, acl);
	} else if (acl->af != af)
		acl->af = 0;	/* "ip" and "ipv6" lists of one name: mixed */
	return acl;
}

static void
any(mc_prefix *p, int af)
{
	memset(p, 0, sizeof(*p));
	p->af = (uint8_t)af;
}

/* Leading zero bits of a (non-contiguous) wildcard: the prefix they give
 * contains every address the wildcard matches. */
static int
wild_prefix_len(const mc_prefix *w)
{
	int i, bits = mc_af_bits(w->af);

	for (i = 0; i < bits && !mc_prefix_bit(w, i); i++)
		;
	return i;
}

/* An address operand: any | host A | A/len | A WILDCARD | A (standard
 * lists: a host) | object-group X.  Advances *i. */
static bool
addr_spec(mc_tok *t, int nt, int *i, int af, mc_prefix *out, bool *noncontig)
{
	mc_prefix a, wmask;
	int l;

	if (*i >= nt)
		return false;
	if (mc_tok_is(&t[*i], "any") || mc_tok_is(&t[*i], "any4") ||
	    mc_tok_is(&t[*i], "any6")) {
		any(out, af);
		(*i)++;
		return true;
	}
	if (mc_tok_is(&t[*i], "host")) {
		if (*i + 1 >= nt || !mc_addr_parse(t[*i + 1].s, t[*i + 1].len, out))
			return false;
		*i += 2;
		return true;
	}
	if (mc_tok_is(&t[*i], "object-group") || mc_tok_is(&t[*i], "addrgroup") ||
	    mc_tok_is(&t[*i], "net-group") || mc_tok_is(&t[*i], "addrgroup")) {
		any(out, af);
		*noncontig = true;	/* contents unknown: approximate */
		*i += 2;
		return *i <= nt;
	}
	if (memchr(t[*i].s, '/', t[*i].len) != NULL) {
		if (!mc_prefix_parse(t[*i].s, t[*i].len, out))
			return false;
		(*i)++;
		return true;
	}
	if (!mc_addr_parse(t[*i].s, t[*i].len, &a))
		return false;
	(*i)++;
	*out = a;
	if (a.af == MC_AF4 && *i < nt &&
	    mc_addr_parse(t[*i].s, t[*i].len, &wmask) && wmask.af == MC_AF4) {
		(*i)++;
		l = mc_wildcard_len(&wmask);
		if (l < 0) {
			*noncontig = true;
			l = wild_prefix_len(&wmask);
		}
		out->len = (uint8_t)l;
		mc_prefix_clear_host(out);
	}
	return true;
}

static bool
port_op(mc_tok *t, int nt, int *i)
{
	if (*i >= nt)
		return false;
	if (mc_tok_is(&t[*i], "eq") || mc_tok_is(&t[*i], "neq") ||
	    mc_tok_is(&t[*i], "gt") || mc_tok_is(&t[*i], "lt")) {
		*i += 2;
		return true;
	}
	if (mc_tok_is(&t[*i], "range")) {
		*i += 3;
		return true;
	}
	return false;
}

static bool
log_word(const mc_tok *t)
{
	return mc_tok_is(t, "log") || mc_tok_is(t, "log-input") ||
	    mc_tok_is(t, "count") || mc_tok_is(t, "counters");
}

/*
 * One entry from the action on: t[i] is permit|deny|remark.  extended:
 * "PROTO SRC [ports] DST [ports] [flags]"; otherwise "SRC [log]" or the
 * zebra form "A/len [exact-match]".
 */
static bool
entry(ios *c, mc_acl *acl, const mc_node *n, mc_tok *t, int nt, int i,
    bool extended, int af)
{
	mc_acl_entry e;

	memset(&e, 0, sizeof(e));
	e.line = n->line;
	if (i >= nt)
		return false;
	if (mc_tok_is(&t[i], "remark")) {
		e.remark = true;
		mc_vec_push(c->a, &acl->entries, e);
		return true;
	}
	if (mc_tok_is(&t[i], "permit"))
		e.permit = true;
	else if (!mc_tok_is(&t[i], "deny"))
		return false;
	i++;
	if (extended || (i < nt && (mc_tok_is(&t[i], "ip") ||
	    mc_tok_is(&t[i], "ipv6")) && i + 2 < nt)) {
		if (i >= nt)
			return false;
		if (!mc_tok_is(&t[i], "ip") && !mc_tok_is(&t[i], "ipv6"))
			e.proto = ios_str(c, &t[i]);
		i++;
		if (!addr_spec(t, nt, &i, af, &e.src, &e.src_noncontig))
			return false;
		if (port_op(t, nt, &i))
			e.has_ports = true;
		if (!addr_spec(t, nt, &i, af, &e.dst, &e.src_noncontig))
			return false;
		/* ICMP message type (name, or number before a code). */
		if (e.proto != NULL && strncasecmp(e.proto, "icmp", 4) == 0 &&
		    i < nt && !log_word(&t[i]))
			e.icmp_type = ios_str(c, &t[i]);
		for (; i < nt; i++)
			if (!log_word(&t[i]))
				e.has_ports = true;	/* ports, flags, types */
	} else {
		/* FRR zebra form "A/len": a route filter on prefixes within
		 * A/len (lib/filter.c filter_match_zebra). */
		e.zebra = c->d->vendor == MC_VENDOR_FRR && i < nt &&
		    memchr(t[i].s, '/', t[i].len) != NULL;
		if (!addr_spec(t, nt, &i, af, &e.src, &e.src_noncontig))
			return false;
		any(&e.dst, af);
		if (ios_is(t, i, nt, "exact-match")) {
			e.exact = true;
			i++;
		}
		for (; i < nt; i++)
			if (!log_word(&t[i]))
				return false;
	}
	if (e.src.af != af && !(af == 0))
		return false;
	mc_vec_push(c->a, &acl->entries, e);
	return true;
}

void
ios_acl_numbered(ios *c, const mc_node *n, mc_tok *t, int nt)
{
	uint32_t num;
	bool extended = false, numbered;
	mc_acl *acl;
	int i = 2, af = MC_AF4;

	if (nt < 3) {
		ios_unknown(c, n, n);
		return;
	}
	numbered = mc_tok_u32(&t[1], &num);
	if (numbered)
		extended = (num >= 100 && num <= 199) ||
		    (num >= 2000 && num <= 2699);
	if (ios_is(t, 2, nt, "seq") && nt > 4)
		i = 4;
	acl = acl_get(c, &t[1], af, n->line);
	if (ios_is(t, i, nt, "dynamic")) {
		ios_unknown(c, n, n);
		return;
	}
	if (!entry(c, acl, n, t, nt, i, extended, af))
		ios_unknown(c, n, n);
}

void
ios_acl_named(ios *c, const mc_node *n, mc_tok *t, int nt)
{
	mc_tok kt[IOS_MAXTOK];
	const mc_node *k;
	bool extended = true, v6 = mc_tok_is(&t[0], "ipv6");
	int i = 2, af = v6 ? MC_AF6 : MC_AF4, knt, j;
	mc_acl *acl;

	if (ios_is(t, i, nt, "standard")) {
		extended = false;
		i++;
	} else if (ios_is(t, i, nt, "extended"))
		i++;
	else if (ios_is(t, i, nt, "resequence") || ios_is(t, i, nt, "logging") ||
	    ios_is(t, i, nt, "log-update") || ios_is(t, i, nt, "role-based"))
		return;
	if (i >= nt) {
		ios_unknown(c, n, n);
		return;
	}
	acl = acl_get(c, &t[i], af, n->line);
	i++;
	if (i < nt) {
		/* FRR one-line form: "ipv6 access-list NAME [seq N] permit X/len" */
		if (ios_is(t, i, nt, "seq"))
			i += 2;
		if (!entry(c, acl, n, t, nt, i, false, af))
			ios_unknown(c, n, n);
		return;
	}
	/* IOS: named standard lists and FRR prefix lists are prefix-only;
	 * IPv6 lists are always "PROTO SRC DST". */
	for (k = n->kid; k != NULL; k = k->next) {
		knt = ios_toks(k, kt);
		j = 0;
		if (knt == 0)
			continue;
		if (mc_tok_is(&kt[0], "sequence") || mc_tok_is(&kt[0], "seq"))
			j = 2;
		else if (kt[0].len > 0 && kt[0].s[0] >= '0' && kt[0].s[0] <= '9')
			j = 1;
		if (j == 0 && (mc_tok_is(&kt[0], "statistics") ||
		    mc_tok_is(&kt[0], "counters") || mc_tok_is(&kt[0], "no") ||
		    mc_tok_is(&kt[0], "fragments") ||
		    mc_tok_is(&kt[0], "hardware")))
			continue;
		if (!entry(c, acl, k, kt, knt, j, extended, af))
			ios_unknown_tree(c, k, n);
	}
}
