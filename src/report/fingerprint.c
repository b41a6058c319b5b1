/*
 * Stable finding fingerprints: the same problem keeps its identity when
 * lines move, so that code-scanning services and --baseline recognise it
 * across commits.  SHA-256 (FIPS 180-4), written out here because it is
 * small and the library should not need a crypto dependency for it.
 */
#include <stdint.h>
#include <string.h>

#include "report/common.h"

typedef struct sha256 {
	uint32_t h[8];
	uint64_t len;		/* bytes */
	unsigned char buf[64];
	size_t nbuf;
} sha256;

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROR(x, n)	(((x) >> (n)) | ((x) << (32 - (n))))

static void
sha_block(sha256 *c, const unsigned char *p)
{
	uint32_t w[64], a, b, cc, d, e, f, g, h, t1, t2;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		    (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	for (i = 16; i < 64; i++) {
		uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^
		    (w[i - 15] >> 3);
		uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^
		    (w[i - 2] >> 10);

		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = c->h[0]; b = c->h[1]; cc = c->h[2]; d = c->h[3];
	e = c->h[4]; f = c->h[5]; g = c->h[6]; h = c->h[7];
	for (i = 0; i < 64; i++) {
		t1 = h + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) +
		    ((e & f) ^ (~e & g)) + K[i] + w[i];
		t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) +
		    ((a & b) ^ (a & cc) ^ (b & cc));
		h = g; g = f; f = e; e = d + t1;
		d = cc; cc = b; b = a; a = t1 + t2;
	}
	c->h[0] += a; c->h[1] += b; c->h[2] += cc; c->h[3] += d;
	c->h[4] += e; c->h[5] += f; c->h[6] += g; c->h[7] += h;
}

static void
sha_init(sha256 *c)
{
	static const uint32_t iv[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};

	memcpy(c->h, iv, sizeof(iv));
	c->len = 0;
	c->nbuf = 0;
}

static void
sha_update(sha256 *c, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t k;

	c->len += n;
	while (n > 0) {
		k = 64 - c->nbuf;
		if (k > n)
			k = n;
		memcpy(c->buf + c->nbuf, p, k);
		c->nbuf += k;
		p += k;
		n -= k;
		if (c->nbuf == 64) {
			sha_block(c, c->buf);
			c->nbuf = 0;
		}
	}
}

static void
sha_final(sha256 *c, unsigned char out[32])
{
	uint64_t bits = c->len * 8;
	unsigned char pad = 0x80, zero = 0, lenb[8];
	int i;

	sha_update(c, &pad, 1);
	while (c->nbuf != 56)
		sha_update(c, &zero, 1);
	for (i = 0; i < 8; i++)
		lenb[i] = (unsigned char)(bits >> (56 - 8 * i));
	sha_update(c, lenb, 8);
	for (i = 0; i < 8; i++) {
		out[4 * i] = (unsigned char)(c->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(c->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(c->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)c->h[i];
	}
}

/* A field: absent and empty are different, and no field can run into the
 * next (length first). */
static void
field(sha256 *c, const char *s)
{
	unsigned char hdr[5];
	size_t n;

	if (s == NULL) {
		hdr[0] = 0;
		sha_update(c, hdr, 1);
		return;
	}
	n = strlen(s);
	hdr[0] = 1;
	hdr[1] = (unsigned char)(n >> 24);
	hdr[2] = (unsigned char)(n >> 16);
	hdr[3] = (unsigned char)(n >> 8);
	hdr[4] = (unsigned char)n;
	sha_update(c, hdr, 5);
	sha_update(c, s, n);
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) ||
	    c == '_' || c == '-';
}

/* The message with the numbers after "line"/"lines" replaced by '#'
 * ("decided by CUST-IN 10 (line 88)", "permits source X (line 221)"):
 * they move when lines are added above. */
static void
message_field(sha256 *c, const char *m)
{
	const char *p, *q;
	unsigned char one = 1;

	if (m == NULL) {
		field(c, NULL);
		return;
	}
	/* Framed by a marker; the length is left out since it changes. */
	sha_update(c, &one, 1);
	for (p = m; *p != '\0'; ) {
		if ((p == m || !is_word(p[-1])) &&
		    (strncmp(p, "line ", 5) == 0 || strncmp(p, "lines ", 6) == 0)) {
			q = p + (p[4] == 's' ? 6 : 5);
			if (is_digit(*q)) {
				sha_update(c, p, (size_t)(q - p));
				sha_update(c, "#", 1);
				/* 12, 12-14, 12, 14 and 20 */
				for (;;) {
					while (is_digit(*q))
						q++;
					if ((q[0] == '-' || q[0] == ',') &&
					    is_digit(q[1]))
						q++;
					else if (q[0] == ',' && q[1] == ' ' &&
					    is_digit(q[2]))
						q += 2;
					else if (strncmp(q, " and ", 5) == 0 &&
					    is_digit(q[5]))
						q += 5;
					else
						break;
				}
				p = q;
				continue;
			}
		}
		sha_update(c, p, 1);
		p++;
	}
	sha_update(c, "\0", 1);
}

void
mc_finding_fingerprint(const mc_finding *f, char out[MC_FINGERPRINT_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char d[32];
	const char *file = f->file;
	sha256 c;
	int i;

	/* "./r1.cfg" and "r1.cfg" are the same file. */
	while (file != NULL && file[0] == '.' && file[1] == '/') {
		file += 2;
		while (*file == '/')
			file++;
	}
	sha_init(&c);
	field(&c, "manrs-check-fingerprint/1");
	field(&c, f->rule);
	field(&c, file);
	field(&c, f->hostname);
	field(&c, f->neighbor);
	field(&c, f->vrf);
	field(&c, f->interface);
	message_field(&c, f->message);
	sha_final(&c, d);
	for (i = 0; i < MC_FINGERPRINT_LEN / 2; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[MC_FINGERPRINT_LEN] = '\0';
}

void
mc_sha256_hex(const char *s, size_t n, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char d[32];
	sha256 c;
	int i;

	sha_init(&c);
	sha_update(&c, s, n);
	sha_final(&c, d);
	for (i = 0; i < 32; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[64] = '\0';
}
