/* IP prefixes: parsing, formatting, containment. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "manrs/prefix.h"
#include "core/addr_bits.h"

int
mc_prefix_bit(const mc_prefix *p, int i)
{
	return (p->a[i / 8] >> (7 - i % 8)) & 1;
}

void
mc_prefix_set_bit(mc_prefix *p, int i, int v)
{
	uint8_t m = (uint8_t)(1u << (7 - i % 8));

	if (v)
		p->a[i / 8] |= m;
	else
		p->a[i / 8] &= (uint8_t)~m;
}

void
mc_prefix_clear_host(mc_prefix *p)
{
	int bits = mc_af_bits(p->af), len = p->len, i;

	if (len > bits)
		len = bits;
	/* Whole bytes at once: this runs for every prefix the parsers read. */
	i = len / 8;
	if (len % 8 != 0) {
		p->a[i] &= (uint8_t)(0xff00 >> (len % 8));
		i++;
	}
	for (; i < 16; i++)
		p->a[i] = 0;
}

static bool
has_host_bits(const mc_prefix *p)
{
	mc_prefix q = *p;

	mc_prefix_clear_host(&q);
	return memcmp(q.a, p->a, sizeof(q.a)) != 0;
}

/* Dotted quad, exactly as inet_pton(AF_INET) takes it: four decimal
 * octets up to 255, no leading zeros ("010.1.1.1" is octal elsewhere), no
 * other characters.  By hand: prefix lists have thousands of entries. */
static bool
parse4(const char *s, size_t n, uint8_t *a)
{
	size_t i;
	unsigned v = 0, parts = 0;
	bool digit = false;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c >= '0' && c <= '9') {
			if (digit && v == 0)
				return false;	/* leading zero */
			v = v * 10 + (unsigned)(c - '0');
			if (v > 255)
				return false;
			digit = true;
		} else if (c == '.' && digit && parts < 3) {
			a[parts++] = (uint8_t)v;
			v = 0;
			digit = false;
		} else
			return false;
	}
	if (!digit || parts != 3)
		return false;
	a[3] = (uint8_t)v;
	return true;
}

/*
 * The usual IPv6 text by hand: groups of one to four hex digits, single
 * colons, at most one "::".  1: parsed, as inet_pton would; -1: anything
 * else (an IPv4 tail, a zone, a stray colon, an error), which inet_pton
 * then decides.  A tenth of the prefix lists of a big network are IPv6.
 */
static int
parse6(const char *s, size_t n, uint8_t *a)
{
	unsigned g[8];
	int ng = 0, gap = -1, j;
	size_t i = 0;

	if (n >= 2 && s[0] == ':' && s[1] == ':') {
		gap = 0;
		i = 2;
	} else if (n == 0 || s[0] == ':')
		return -1;
	while (i < n) {
		unsigned v = 0, k;

		for (k = 0; i < n && k < 5; k++, i++) {
			unsigned c = (unsigned char)s[i], d;

			if (c - '0' < 10)
				d = c - '0';
			else if ((c | 0x20) - 'a' < 6)
				d = (c | 0x20) - 'a' + 10;
			else
				break;
			v = v * 16 + d;
		}
		if (k == 0 || k > 4 || ng == 8)
			return -1;
		g[ng++] = v;
		if (i == n)
			break;
		if (s[i++] != ':' || i == n)
			return -1;	/* '.', '%', ... or a final colon */
		if (s[i] == ':') {
			if (gap >= 0)
				return -1;
			gap = ng;
			i++;
		}
	}
	if (gap < 0 ? ng != 8 : ng > 7)
		return -1;
	memset(a, 0, 16);
	for (j = 0; j < ng; j++) {
		/* groups after the gap go to the end */
		int at = gap < 0 || j < gap ? j : 8 - ng + j;

		a[2 * at] = (uint8_t)(g[j] >> 8);
		a[2 * at + 1] = (uint8_t)g[j];
	}
	return 1;
}

bool
mc_addr_parse(const char *s, size_t n, mc_prefix *out)
{
	char buf[64];

	if (n == 0 || n >= sizeof(buf))
		return false;
	if (memchr(s, ':', n) == NULL) {
		memset(out, 0, sizeof(*out));
		if (!parse4(s, n, out->a))
			return false;
		out->af = MC_AF4;
		out->len = 32;
		return true;
	}
	memset(out, 0, sizeof(*out));
	if (parse6(s, n, out->a) == 1) {
		out->af = MC_AF6;
		out->len = 128;
		return true;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (memchr(buf, ':', n) != NULL) {
		if (inet_pton(AF_INET6, buf, out->a) != 1)
			return false;
		out->af = MC_AF6;
		out->len = 128;
	} else {
		/* inet_pton rejects the "010.1.1.1" octal forms: good. */
		if (inet_pton(AF_INET, buf, out->a) != 1)
			return false;
		out->af = MC_AF4;
		out->len = 32;
	}
	return true;
}

/*
 * "a.b.c.d/len" in one pass, the form of nearly every prefix in a
 * configuration: octets of one to three digits without a leading zero, a
 * length of one or two digits.  Reads from s as far as that form goes and
 * returns where it stopped, or NULL when the text there is not of that
 * form (then *out is untouched).  Whatever the form does not take, the
 * general path below decides, so that both accept the same strings with
 * the same value.  Host bits are cleared; strict: they make it NULL.
 */
const char *
mc_prefix4_span(const char *s, const char *end, bool strict, mc_prefix *out)
{
	const unsigned char *p = (const unsigned char *)s,
	    *e = (const unsigned char *)end;
	uint32_t a = 0, mask;
	unsigned v, d, len, k;

	/* the digits are unrolled (a loop over characters cost twice as
	 * much) */
	for (k = 0; k < 4; k++) {
		if (p == e || (v = (unsigned)*p - '0') > 9)
			return NULL;
		if (++p < e && (d = (unsigned)*p - '0') <= 9) {
			if (v == 0)
				return NULL;	/* leading zero */
			v = v * 10 + d;
			if (++p < e && (d = (unsigned)*p - '0') <= 9) {
				v = v * 10 + d;
				p++;
			}
		}
		if (v > 255 || p == e)
			return NULL;
		a = a << 8 | v;
		if (*p++ != (k < 3 ? '.' : '/'))
			return NULL;
	}
	if (p == e || (len = (unsigned)*p - '0') > 9)
		return NULL;
	if (++p < e && (d = (unsigned)*p - '0') <= 9) {
		len = len * 10 + d;
		p++;
	}
	if (len > 32)
		return NULL;
	mask = len == 0 ? 0 : ~(uint32_t)0 << (32 - len);
	if (strict && (a & ~mask) != 0)
		return NULL;
	a &= mask;
	memset(out, 0, sizeof(*out));
	out->af = MC_AF4;
	out->len = (uint8_t)len;
	out->a[0] = (uint8_t)(a >> 24);
	out->a[1] = (uint8_t)(a >> 16);
	out->a[2] = (uint8_t)(a >> 8);
	out->a[3] = (uint8_t)a;
	return (const char *)p;
}

/* The whole of [s, s + n) in the one-pass form: 1, else -1. */
static int
fast4(const char *s, size_t n, mc_prefix *out, bool strict)
{
	mc_prefix t;

	if (mc_prefix4_span(s, s + n, strict, &t) != s + n)
		return -1;
	*out = t;
	return 1;
}

static bool
parse(const char *s, size_t n, mc_prefix *out, bool strict)
{
	const char *slash;
	unsigned len = 0;
	size_t i;

	if (fast4(s, n, out, strict) == 1)
		return true;
	slash = memchr(s, '/', n);

	if (slash == NULL)
		return mc_addr_parse(s, n, out);
	if (!mc_addr_parse(s, (size_t)(slash - s), out))
		return false;
	i = (size_t)(slash - s) + 1;
	if (i == n || n - i > 3)
		return false;
	for (; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		len = len * 10 + (unsigned)(s[i] - '0');
	}
	if (len > (unsigned)mc_af_bits(out->af))
		return false;
	out->len = (uint8_t)len;
	if (strict && has_host_bits(out))
		return false;
	mc_prefix_clear_host(out);
	return true;
}

bool
mc_prefix_parse(const char *s, size_t n, mc_prefix *out)
{
	return parse(s, n, out, false);
}

bool
mc_prefix_parse_strict(const char *s, size_t n, mc_prefix *out)
{
	return parse(s, n, out, true);
}

/* Leading ones of the mask (of its complement when invert), or -1 when a
 * one follows a zero.  A byte at a time: interface masks and ACL
 * wildcards are read for every line that has one. */
static int
ones_len(const mc_prefix *m, int invert)
{
	int nbytes = mc_af_bits(m->af) / 8, i, len = 0;
	unsigned flip = invert ? 0xffu : 0u;

	for (i = 0; i < nbytes; i++) {
		unsigned b = (m->a[i] ^ flip) & 0xffu;

		if (b == 0xffu) {
			len += 8;
			continue;
		}
		/* ones then zeros within the byte; zeros in every later byte */
		if ((~b & 0xffu) & ((~b & 0xffu) + 1))
			return -1;
		len += __builtin_popcount(b);
		for (i++; i < nbytes; i++)
			if ((m->a[i] ^ flip) & 0xffu)
				return -1;
		return len;
	}
	return len;
}

int
mc_netmask_len(const mc_prefix *mask)
{
	return ones_len(mask, 0);
}

int
mc_wildcard_len(const mc_prefix *wild)
{
	return ones_len(wild, 1);
}

/* Dotted quad by hand: glibc's inet_ntop formats IPv4 with sprintf, and
 * every counter-example and message prints prefixes. */
static char *
fmt4(const uint8_t *a, char *buf)
{
	char *o = buf;
	int i;

	for (i = 0; i < 4; i++) {
		unsigned v = a[i];

		if (i > 0)
			*o++ = '.';
		if (v >= 100)
			*o++ = (char)('0' + v / 100);
		if (v >= 10)
			*o++ = (char)('0' + v / 10 % 10);
		*o++ = (char)('0' + v % 10);
	}
	*o = '\0';
	return buf;
}

char *
mc_addr_fmt(const mc_prefix *p, char *buf)
{
	if (p->af == MC_AF6)
		inet_ntop(AF_INET6, p->a, buf, MC_PREFIX_STRLEN);
	else if (p->af == MC_AF4)
		fmt4(p->a, buf);
	else
		snprintf(buf, MC_PREFIX_STRLEN, "?");
	return buf;
}

char *
mc_prefix_fmt(const mc_prefix *p, char *buf)
{
	size_t n;

	mc_addr_fmt(p, buf);
	n = strlen(buf);
	mc_snprintf(buf + n, MC_PREFIX_STRLEN - n, "/%u", p->len);
	return buf;
}

const char *
mc_prefix_str(mc_arena *a, const mc_prefix *p)
{
	char buf[MC_PREFIX_STRLEN];

	return mc_strdup(a, mc_prefix_fmt(p, buf));
}

bool
mc_prefix_contains(const mc_prefix *outer, const mc_prefix *inner)
{
	if (outer->len > 128)
		return false;
	return contains(outer, inner);
}

bool
mc_prefix_eq(const mc_prefix *a, const mc_prefix *b)
{
	return a->af == b->af && a->len == b->len &&
	    memcmp(a->a, b->a, sizeof(a->a)) == 0;
}

int
mc_prefix_cmp(const mc_prefix *a, const mc_prefix *b)
{
	int c;

	if (a->af != b->af)
		return a->af < b->af ? -1 : 1;
	c = memcmp(a->a, b->a, sizeof(a->a));
	if (c != 0)
		return c < 0 ? -1 : 1;
	return a->len < b->len ? -1 : a->len > b->len;
}

mc_prefix
mc_prefix_trunc(const mc_prefix *p, int len)
{
	mc_prefix q = *p;

	if (len < q.len) {
		q.len = (uint8_t)len;
		mc_prefix_clear_host(&q);
	}
	return q;
}
