/*
 * Juniper Junos extractor: the word tree of src/conf/junos_tree.c (both the
 * braces and the set forms) into the device model.  One file per section:
 * junos_interfaces.c, junos_firewall.c, junos_routing.c (routing-options),
 * junos_policy.c (policy-options), junos_bgp.c, junos_groups.c.
 */
#include <stdarg.h>
#include <string.h>

#include "manrs/conf.h"
#include "manrs/vendor.h"
#include "vendors/junos_int.h"

const char *
jx_str(jx *x, const jt_node *n)
{
	return jt_str(x->a, n);
}

void
jx_unparsed(jx *x, const jt_node *n, const char *section)
{
	const char *s;
	size_t len;

	s = jt_line_text(x->t, n, &len);
	mc_dev_unparsed(x->d, n->line, section, s, len);
}

void
jx_note(jx *x, const char *fmt, ...)
{
	va_list ap;
	const char *s;
	size_t i;

	va_start(ap, fmt);
	s = mc_vprintf(x->a, fmt, ap);
	va_end(ap);
	for (i = 0; i < x->d->notes.n; i++)
		if (strcmp(x->d->notes.v[i], s) == 0)
			return;
	if (x->d->notes.n < 100)
		mc_vec_push(x->a, &x->d->notes, s);
}

bool
jx_in(const jt_node *n, const char *const *words)
{
	int i;

	for (i = 0; words[i] != NULL; i++)
		if (jt_is(n, words[i]))
			return true;
	return false;
}

/* Decimal with leading zeros allowed. */
static bool
dec(const char *s, size_t n, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (n == 0)
		return false;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (uint64_t)(s[i] - '0');
		if (v > max)
			return false;
	}
	*out = v;
	return true;
}

bool
jx_u32(const jt_node *n, uint32_t *out)
{
	uint64_t v;

	if (n == NULL || !dec(n->w, n->wlen, 0xffffffffu, &v))
		return false;
	*out = (uint32_t)v;
	return true;
}

/* "65000", "4200000000", asdot "1.10" (= 65546), leading zeros allowed. */
bool
jx_asn(const jt_node *n, uint32_t *out)
{
	const char *dot;
	uint64_t hi, lo;

	if (n == NULL)
		return false;
	dot = memchr(n->w, '.', n->wlen);
	if (dot == NULL)
		return jx_u32(n, out);
	if (!dec(n->w, (size_t)(dot - n->w), 65535, &hi) ||
	    !dec(dot + 1, n->wlen - (size_t)(dot - n->w) - 1, 65535, &lo))
		return false;
	*out = (uint32_t)(hi << 16 | lo);
	return true;
}

bool
jx_prefix(const jt_node *n, mc_prefix *p)
{
	return n != NULL && mc_prefix_parse(n->w, n->wlen, p);
}

int
jx_chain(const jt_node *n, const jt_node **out, int max)
{
	int k = 0;

	while (n != NULL && k < max) {
		out[k++] = n;
		if (jt_count(n) != 1)
			break;
		n = jt_first(n);
	}
	return k;
}

/* Mark the source lines of every word under sec (itself included) and
 * count the ones not seen before: a line of the set form and a statement
 * of the braces form count once however many words they hold, and a group
 * statement inherited into several places once.  Iterative: the tree is
 * at most JT_MAX_DEPTH deep but may be wide. */
static void
count_lines(jx *x, const jt_node *sec, uint8_t *seen, int max)
{
	const jt_node *n = sec;

	if (sec == NULL || seen == NULL)
		return;
	for (;;) {
		if (n->line >= 1 && n->line <= max &&
		    (seen[n->line >> 3] & (1u << (n->line & 7))) == 0) {
			seen[n->line >> 3] |= (uint8_t)(1u << (n->line & 7));
			x->d->section_lines++;
		}
		if (n->kid != NULL) {
			n = n->kid;
			continue;
		}
		while (n != sec && n->next == NULL)
			n = n->parent;
		if (n == sec)
			break;
		n = n->next;
	}
}

/* The sections whose unknown statements are reported (jx_unparsed):
 * interfaces, firewall, policy-options and BGP, also in instances. */
static void
section_lines(jx *x, const jt_node *root)
{
	const jt_node *ri;
	uint8_t *seen;
	int max = x->t->lines;

	if (max <= 0)
		return;
	seen = mc_alloc(x->a, (size_t)max / 8 + 1);
	memset(seen, 0, (size_t)max / 8 + 1);
	count_lines(x, jt_kid(root, "interfaces"), seen, max);
	count_lines(x, jt_kid(root, "firewall"), seen, max);
	count_lines(x, jt_kid(root, "policy-options"), seen, max);
	count_lines(x, jt_path(root, "protocols bgp"), seen, max);
	for (ri = jt_first(jt_kid(root, "routing-instances")); ri != NULL;
	    ri = jt_next(ri))
		count_lines(x, jt_path(ri, "protocols bgp"), seen, max);
}

/* routing-instances: interfaces and routes first (BGP of the main instance
 * looks at interface VRFs), BGP afterwards. */
static void
instances(jx *x, const jt_node *ris, bool bgp)
{
	const jt_node *ri, *n;
	const char *vrf;
	uint32_t as;

	for (ri = jt_first(ris); ri != NULL; ri = jt_next(ri)) {
		vrf = jx_str(x, ri);
		if (!bgp) {
			jx_instance_ifaces(x, ri, vrf);
			jx_routing_options(x, jt_kid(ri, "routing-options"),
			    vrf, false);
			continue;
		}
		if (!jx_asn(jt_val(jt_kid(ri, "routing-options"),
		    "autonomous-system"), &as))
			as = 0;
		if ((n = jt_path(ri, "protocols bgp")) != NULL)
			jx_bgp(x, n, vrf, as);
	}
}

mc_device *
mc_extract_junos(mc_arena *a, const char *file, const char *buf, size_t len,
    mc_diag *diag)
{
	jx x;
	jt_tree *t;
	const jt_node *root, *n;
	int bad;

	if (len > MC_CONF_MAX_BYTES) {
		mc_diag_error(diag, file, 0, "file too large (%zu bytes)", len);
		return NULL;
	}
	if (memchr(buf, '\0', len) != NULL) {
		bad = 1;
		for (const char *p = buf; *p != '\0'; p++)
			if (*p == '\n')
				bad++;
		mc_diag_error(diag, file, bad, "binary data (NUL byte)");
		return NULL;
	}
	t = jt_parse(a, buf, len);
	jt_expand_groups(t);
	memset(&x, 0, sizeof(x));
	x.a = a;
	x.t = t;
	x.d = mc_device_new(a, file, MC_VENDOR_JUNOS);
	x.d->lines = t->lines;
	for (size_t i = 0; i < t->waivers.n; i++)
		mc_vec_push(a, &x.d->waivers, t->waivers.v[i]);
	root = t->root;
	x.d->hostname = jx_str(&x, jt_val(jt_kid(root, "system"),
	    "host-name"));

	/* Order matters: filters use prefix lists, interfaces use filters
	 * and the uRPF mode of routing-options, BGP uses the device ASN. */
	jx_routing_options(&x, jt_kid(root, "routing-options"), NULL, true);
	jx_policy_options(&x, jt_kid(root, "policy-options"));
	jx_firewall(&x, jt_kid(root, "firewall"));
	jx_interfaces(&x, jt_kid(root, "interfaces"));
	instances(&x, jt_kid(root, "routing-instances"), false);
	if ((n = jt_path(root, "protocols bgp")) != NULL)
		jx_bgp(&x, n, NULL, 0);
	instances(&x, jt_kid(root, "routing-instances"), true);
	if ((n = jt_kid(root, "logical-systems")) != NULL && jt_first(n))
		jx_note(&x, "logical-systems are not analysed (line %d)",
		    n->line);
	section_lines(&x, root);
	if (t->truncated)
		jx_note(&x, "configuration larger than %u statements: the "
		    "rest was not read", JT_MAX_NODES);
	if (t->groups_truncated)
		jx_note(&x, "configuration groups expand beyond the limit: "
		    "some group data was not applied");
	return x.d;
}
