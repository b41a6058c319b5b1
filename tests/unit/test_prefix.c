/* IP prefixes: parsing, formatting, masks, containment, ordering. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <arpa/inet.h>

#include "manrs/prefix.h"

static bool
parse(const char *s, mc_prefix *p)
{
	return mc_prefix_parse(s, strlen(s), p);
}

static const char *
fmt(const mc_prefix *p)
{
	static char buf[4][MC_PREFIX_STRLEN];
	static int i;

	return mc_prefix_fmt(p, buf[i++ % 4]);
}

static void
test_parse_format(void **state)
{
	static const struct {
		const char *in, *out;
	} ok[] = {
		{ "192.0.2.0/24", "192.0.2.0/24" },
		{ "192.0.2.77/24", "192.0.2.0/24" },	/* host bits cleared */
		{ "0.0.0.0/0", "0.0.0.0/0" },
		{ "10.1.2.3", "10.1.2.3/32" },
		{ "2001:db8::/32", "2001:db8::/32" },
		{ "2001:DB8:0:0:1::/64", "2001:db8::/64" },
		{ "2001:db8::1/127", "2001:db8::/127" },
		{ "::/0", "::/0" },
		{ "fe80::1", "fe80::1/128" },
	};
	static const char *bad[] = {
		"", "192.0.2.0/33", "192.0.2.0/", "192.0.2/24", "2001:db8::/129",
		"300.1.1.1/8", "1.2.3.4/2x", "010.1.1.1/8", "abc", "1.2.3.4/1234",
		"2001:db8:::/32",
	};
	mc_prefix p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_true(parse(ok[i].in, &p));
		assert_string_equal(fmt(&p), ok[i].out);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(parse(bad[i], &p));
	/* Not NUL-terminated input. */
	assert_true(mc_prefix_parse("10.0.0.0/8xyz", 10, &p));
	assert_string_equal(fmt(&p), "10.0.0.0/8");
	assert_false(mc_prefix_parse_strict("192.0.2.1/24", 12, &p));
	assert_true(mc_prefix_parse_strict("192.0.2.0/24", 12, &p));
	assert_true(mc_addr_parse("192.0.2.1", 9, &p));
	assert_int_equal(p.len, 32);
	assert_false(mc_addr_parse("192.0.2.1/24", 12, &p));
}

/* IPv4 prefixes with a length (prefix.c reads them in one pass) against a
 * reference: inet_pton for the address, then one to three digits up to 32;
 * strict parsing also rejects host bits. */
static bool
ref_prefix4(const char *s, bool strict, mc_prefix *out)
{
	const char *slash = strchr(s, '/');
	char addr[64];
	unsigned char a[4];
	size_t n, i;
	unsigned len = 0;
	uint32_t v, mask;

	if (slash == NULL || strchr(s, ':') != NULL ||
	    (n = (size_t)(slash - s)) >= sizeof(addr))
		return false;
	memcpy(addr, s, n);
	addr[n] = '\0';
	if (inet_pton(AF_INET, addr, a) != 1)
		return false;
	n = strlen(slash + 1);
	if (n < 1 || n > 3)
		return false;
	for (i = 0; i < n; i++) {
		if (slash[1 + i] < '0' || slash[1 + i] > '9')
			return false;
		len = len * 10 + (unsigned)(slash[1 + i] - '0');
	}
	if (len > 32)
		return false;
	v = (uint32_t)a[0] << 24 | (uint32_t)a[1] << 16 | (uint32_t)a[2] << 8 |
	    a[3];
	mask = len == 0 ? 0 : ~(uint32_t)0 << (32 - len);
	if (strict && (v & ~mask) != 0)
		return false;
	v &= mask;
	memset(out, 0, sizeof(*out));
	out->af = MC_AF4;
	out->len = (uint8_t)len;
	out->a[0] = (uint8_t)(v >> 24);
	out->a[1] = (uint8_t)(v >> 16);
	out->a[2] = (uint8_t)(v >> 8);
	out->a[3] = (uint8_t)v;
	return true;
}

static void
test_prefix4_like_reference(void **state)
{
	const char alpha[] = "0123456789./";
	uint32_t x = 987654321;
	size_t i, k;

	(void)state;
	for (i = 0; i < 400000; i++) {
		char buf[40];
		mc_prefix p, q;
		int strict;

		x ^= x << 13; x ^= x >> 17; x ^= x << 5;
		if (x % 2) {
			/* well formed, or nearly: octets up to 300, lengths up
			 * to 40, a leading zero now and then */
			uint32_t y = x;

			y ^= y << 13; y ^= y >> 17; y ^= y << 5;
			snprintf(buf, sizeof(buf), "%s%u.%u.%u.%u/%s%u",
			    y % 37 == 0 ? "0" : "", y % 301, (y >> 9) % 256,
			    (y >> 17) % 256, (y >> 3) % (y % 5 ? 256 : 300),
			    y % 41 == 0 ? "0" : y % 43 == 0 ? "00" : "",
			    (y >> 11) % 41);
		} else {
			size_t n;

			x ^= x << 13; x ^= x >> 17; x ^= x << 5;
			n = 1 + x % 20;
			for (k = 0; k < n; k++) {
				x ^= x << 13; x ^= x >> 17; x ^= x << 5;
				buf[k] = alpha[x % (sizeof(alpha) - 1)];
			}
			buf[n] = '\0';
			if (strchr(buf, '/') == NULL)
				continue;	/* the address test covers those */
		}
		for (strict = 0; strict < 2; strict++) {
			bool want = ref_prefix4(buf, strict, &q);
			bool got = strict ? mc_prefix_parse_strict(buf,
			    strlen(buf), &p) : mc_prefix_parse(buf, strlen(buf),
			    &p);

			if (want != got)
				fail_msg("\"%s\"%s: reference %d, parsed %d",
				    buf, strict ? " strict" : "", want, got);
			if (want)
				assert_memory_equal(&p, &q, sizeof(p));
		}
	}
}

/* Leading ones of m (of its complement when invert), bit by bit. */
static int
ref_ones(const mc_prefix *m, int invert)
{
	int bits = m->af == MC_AF6 ? 128 : 32, i, len = 0;

	for (i = 0; i < bits; i++) {
		int one = ((m->a[i / 8] >> (7 - i % 8)) & 1) ^ invert;

		if (one && len != i)
			return -1;
		len += one;
	}
	return len;
}

/* mc_prefix4_span, where it says the form ends at a space or the end,
 * reads the word as mc_prefix_parse does. */
static void
test_prefix4_span(void **state)
{
	static const char *const tails[] = { "", " ", " le 24", "3", "\"",
	    "/", "\t", "x" };
	const char alpha[] = "0123456789./";
	uint32_t x = 123456789;
	size_t i, k, hits = 0;

	(void)state;
	for (i = 0; i < 200000; i++) {
		char buf[64];
		const char *end, *sp;
		mc_prefix p, q;
		size_t n;

		x ^= x << 13; x ^= x >> 17; x ^= x << 5;
		if (x % 2)
			n = (size_t)snprintf(buf, sizeof(buf), "%s%u.%u.%u.%u/%u",
			    x % 37 == 0 ? "0" : "", x % 301, (x >> 9) % 256,
			    (x >> 17) % 256, (x >> 3) % 256, (x >> 11) % 41);
		else {
			n = 1 + x % 20;
			for (k = 0; k < n; k++) {
				x ^= x << 13; x ^= x >> 17; x ^= x << 5;
				buf[k] = alpha[x % (sizeof(alpha) - 1)];
			}
		}
		x ^= x << 13; x ^= x >> 17; x ^= x << 5;
		snprintf(buf + n, sizeof(buf) - n, "%s",
		    tails[x % (sizeof(tails) / sizeof(tails[0]))]);
		n = strlen(buf);
		end = mc_prefix4_span(buf, buf + n, x % 3 == 0, &p);
		if (end == NULL || (end < buf + n && *end != ' '))
			continue;
		hits++;
		sp = memchr(buf, ' ', n);
		if (sp == NULL)
			sp = buf + n;
		assert_ptr_equal(end, sp);
		assert_true(x % 3 == 0 ? mc_prefix_parse_strict(buf,
		    (size_t)(sp - buf), &q) : mc_prefix_parse(buf,
		    (size_t)(sp - buf), &q));
		assert_memory_equal(&p, &q, sizeof(p));
	}
	assert_true(hits > 10000);
}

static void
test_masks(void **state)
{
	mc_prefix m;
	uint32_t x = 42;
	int i, k;

	(void)state;
	/* every contiguous mask and its complement, then random bytes and
	 * masks with one bit flipped, both families */
	for (i = 0; i < 200000; i++) {
		int bits, len;

		memset(&m, 0, sizeof(m));
		m.af = i % 2 ? MC_AF6 : MC_AF4;
		bits = m.af == MC_AF6 ? 128 : 32;
		x ^= x << 13; x ^= x >> 17; x ^= x << 5;
		len = (int)(x % (uint32_t)(bits + 1));
		for (k = 0; k < len; k++)
			m.a[k / 8] |= (uint8_t)(0x80 >> (k % 8));
		if (i % 5 == 1)
			m.a[(x >> 8) % (uint32_t)(bits / 8)] ^=
			    (uint8_t)(1u << ((x >> 16) % 8));
		if (i % 7 == 2)
			for (k = 0; k < bits / 8; k++)
				m.a[k] = (uint8_t)(x >> (k % 4 * 8));
		if (i % 3 == 0)
			for (k = 0; k < bits / 8; k++)
				m.a[k] ^= 0xff;
		assert_int_equal(mc_netmask_len(&m), ref_ones(&m, 0));
		assert_int_equal(mc_wildcard_len(&m), ref_ones(&m, 1));
	}
	assert_true(mc_addr_parse("255.255.255.0", 13, &m));
	assert_int_equal(mc_netmask_len(&m), 24);
	assert_true(mc_addr_parse("255.0.255.0", 11, &m));
	assert_int_equal(mc_netmask_len(&m), -1);
	assert_true(mc_addr_parse("0.0.0.255", 9, &m));
	assert_int_equal(mc_wildcard_len(&m), 24);
	assert_true(mc_addr_parse("0.255.0.255", 11, &m));
	assert_int_equal(mc_wildcard_len(&m), -1);
	assert_true(mc_addr_parse("0.0.0.0", 7, &m));
	assert_int_equal(mc_wildcard_len(&m), 32);
	assert_int_equal(mc_netmask_len(&m), 0);
}

static void
test_contains_trunc_cmp(void **state)
{
	mc_prefix a, b, c, v6;

	(void)state;
	parse("10.0.0.0/8", &a);
	parse("10.1.0.0/16", &b);
	parse("11.0.0.0/8", &c);
	parse("::/0", &v6);
	assert_true(mc_prefix_contains(&a, &b));
	assert_true(mc_prefix_contains(&a, &a));
	assert_false(mc_prefix_contains(&b, &a));
	assert_false(mc_prefix_contains(&a, &c));
	assert_false(mc_prefix_contains(&v6, &a));	/* families differ */
	b = mc_prefix_trunc(&b, 8);
	assert_true(mc_prefix_eq(&a, &b));
	parse("10.255.0.0/16", &b);
	b = mc_prefix_trunc(&b, 9);
	assert_string_equal(fmt(&b), "10.128.0.0/9");
	parse("10.0.0.0/9", &b);
	assert_true(mc_prefix_cmp(&a, &b) < 0);	/* shorter first */
	assert_true(mc_prefix_cmp(&a, &c) < 0);
	assert_true(mc_prefix_cmp(&a, &v6) < 0);	/* v4 before v6 */
	assert_int_equal(mc_prefix_cmp(&a, &a), 0);
	assert_int_equal(mc_prefix_bit(&c, 7), 1);
	assert_int_equal(mc_prefix_bit(&c, 6), 1);
	assert_int_equal(mc_prefix_bit(&c, 5), 0);
}

/* The hand-written IPv4 reader accepts and reads exactly what
 * inet_pton(AF_INET) does: crafted edge cases, then random strings over
 * digits and dots. */
static void
test_v4_like_inet_pton(void **state)
{
	static const char *cases[] = {
		"0.0.0.0", "255.255.255.255", "256.1.1.1", "1.2.3", "1.2.3.4.5",
		"01.2.3.4", "1.02.3.4", "1.2.3.00", "1.2.3.0", "1..2.3",
		".1.2.3", "1.2.3.", "1.2.3.4 ", " 1.2.3.4", "1.2.3.4a", "999",
		"10.0.0.1", "192.168.001.1", "1.2.3.255", "1.2.3.2555", "",
		"0.0.0.00",
	};
	const char alpha[] = "0123456789..";
	uint32_t x = 12345;
	size_t i, k;

	(void)state;
	for (i = 0; i < 200000 + sizeof(cases) / sizeof(cases[0]); i++) {
		char buf[24];
		unsigned char want[4];
		mc_prefix p;
		bool ok, got;

		if (i < sizeof(cases) / sizeof(cases[0]))
			snprintf(buf, sizeof(buf), "%s", cases[i]);
		else {
			size_t n;

			x ^= x << 13; x ^= x >> 17; x ^= x << 5;
			n = 1 + x % 16;
			for (k = 0; k < n; k++) {
				x ^= x << 13; x ^= x >> 17; x ^= x << 5;
				buf[k] = alpha[x % (sizeof(alpha) - 1)];
			}
			buf[n] = '\0';
		}
		ok = inet_pton(AF_INET, buf, want) == 1;
		got = mc_addr_parse(buf, strlen(buf), &p);
		if (ok != got)
			fail_msg("\"%s\": inet_pton %d, mc_addr_parse %d", buf,
			    ok, got);
		if (ok)
			assert_memory_equal(p.a, want, 4);
	}
	/* and back: formatting gives inet_ntop's text */
	for (i = 0; i < 200000; i++) {
		char a[MC_PREFIX_STRLEN], b[INET_ADDRSTRLEN];
		mc_prefix p;

		memset(&p, 0, sizeof(p));
		p.af = MC_AF4;
		x ^= x << 13; x ^= x >> 17; x ^= x << 5;
		/* every octet width: 0-9, 10-99, 100-255 */
		for (k = 0; k < 4; k++)
			p.a[k] = (uint8_t)(i < 256 ? i : (x >> (8 * k)) %
			    (k % 3 == 0 ? 256 : k % 3 == 1 ? 100 : 10));
		inet_ntop(AF_INET, p.a, b, sizeof(b));
		assert_string_equal(mc_addr_fmt(&p, a), b);
	}
}

/* IPv6 addresses: whatever the hand-written reader takes, it must take as
 * inet_pton(AF_INET6) does, and what it leaves, inet_pton decides.
 * Crafted edge cases; addresses built from random groups with and without
 * "::" (the reader's share); random strings over hex digits, colons and
 * dots. */
static void
test_v6_like_inet_pton(void **state)
{
	static const char *cases[] = {
		"::", "::1", "1::", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::",
		"::2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "1:2:3:4::5:6:7:8",
		":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", "1:::2", "::1::", "12345::",
		"abcd:EF01::", "::ffff:192.0.2.1", "1:2:3:4:5:6:1.2.3.4",
		"fe80::1%eth0", ":", "::0:", "0::0", "2001:db8::/32", "g::",
		"1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7", "0000:0000::00000",
		"1::2::3", "2001:0db8:0000:0000:0000:ff00:0042:8329",
	};
	const char alpha[] = "0123456789abcdefABCDEF:::::.";
	uint32_t x = 2463534242u;
	size_t i, k, fast = 0;

	(void)state;
	for (i = 0; i < 300000 + sizeof(cases) / sizeof(cases[0]); i++) {
		char buf[64];
		unsigned char want[16];
		mc_prefix p;
		bool ok, got;

		x ^= x << 13; x ^= x >> 17; x ^= x << 5;
		if (i < sizeof(cases) / sizeof(cases[0]))
			snprintf(buf, sizeof(buf), "%s", cases[i]);
		else if (i % 2 == 0) {
			/* groups of 1-4 digits, "::" somewhere or nowhere */
			int ng = 1 + (int)(x % 8), gap = (int)(x >> 4) % 10, g;
			size_t n = 0;

			for (g = 0; g < ng; g++) {
				int d = 1 + (int)((x >> (g + 7)) % 4), j;

				if (g == gap)
					buf[n++] = ':';
				if (g > 0 || g == gap)
					buf[n++] = ':';
				for (j = 0; j < d; j++) {
					x ^= x << 13; x ^= x >> 17; x ^= x << 5;
					buf[n++] = "0123456789abcdefABCDEF"[x % 22];
				}
			}
			if (gap == ng) {
				buf[n++] = ':';
				buf[n++] = ':';
			}
			buf[n] = '\0';
		} else {
			size_t n = 1 + x % 40;

			for (k = 0; k < n; k++) {
				x ^= x << 13; x ^= x >> 17; x ^= x << 5;
				buf[k] = alpha[x % (sizeof(alpha) - 1)];
			}
			buf[n] = '\0';
		}
		ok = inet_pton(AF_INET6, buf, want) == 1;
		got = mc_addr_parse(buf, strlen(buf), &p) && p.af == MC_AF6;
		if (ok != got)
			fail_msg("\"%s\": inet_pton %d, mc_addr_parse %d", buf,
			    ok, got);
		if (ok) {
			assert_memory_equal(p.a, want, 16);
			fast++;
		}
	}
	/* valid addresses of every shape were met */
	assert_true(fast > 50000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_format),
		cmocka_unit_test(test_v4_like_inet_pton),
		cmocka_unit_test(test_v6_like_inet_pton),
		cmocka_unit_test(test_prefix4_like_reference),
		cmocka_unit_test(test_prefix4_span),
		cmocka_unit_test(test_masks),
		cmocka_unit_test(test_contains_trunc_cmp),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
