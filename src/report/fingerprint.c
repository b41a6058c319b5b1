/*
 * Stable finding fingerprints: the same problem keeps its identity when
 * lines move, so that code-scanning services and --baseline recognise it
 * across commits.  SHA-256 from Nettle.
 */
#include <stdint.h>
#include <string.h>

#include <nettle/sha2.h>

#include "report/common.h"

typedef struct sha256_ctx sha256;

static void
sha_update(sha256 *c, const void *data, size_t n)
{
	sha256_update(c, n, data);
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

/* Bytes for the hash, gathered: one sha256_update per call was most of
 * the cost on messages with many 'l's.  Chunking does not change a
 * SHA-256. */
typedef struct gather {
	sha256 *c;
	size_t n;
	unsigned char b[1024];
} gather;

static void
g_put(gather *g, const char *s, size_t n)
{
	if (g->n + n > sizeof(g->b)) {
		sha_update(g->c, g->b, g->n);
		g->n = 0;
		if (n > sizeof(g->b)) {
			sha_update(g->c, s, n);
			return;
		}
	}
	memcpy(g->b + g->n, s, n);
	g->n += n;
}

/* The message with the numbers after "line"/"lines" replaced by '#'
 * ("decided by CUST-IN 10 (line 88)", "permits source X (line 221)"):
 * they move when lines are added above. */
static void
message_field(sha256 *c, const char *m)
{
	const char *p, *q;
	gather g;

	if (m == NULL) {
		field(c, NULL);
		return;
	}
	g.c = c;
	g.n = 0;
	/* Framed by a marker; the length is left out since it changes. */
	g_put(&g, "\1", 1);
	for (p = m; *p != '\0'; ) {
		if ((p == m || !is_word(p[-1])) &&
		    (strncmp(p, "line ", 5) == 0 || strncmp(p, "lines ", 6) == 0)) {
			q = p + (p[4] == 's' ? 6 : 5);
			if (is_digit(*q)) {
				g_put(&g, p, (size_t)(q - p));
				g_put(&g, "#", 1);
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
		/* the run up to the next place "line" may start */
		q = strchr(p + 1, 'l');
		if (q == NULL)
			q = p + 1 + strlen(p + 1);
		g_put(&g, p, (size_t)(q - p));
		p = q;
	}
	g_put(&g, "", 1);	/* the NUL */
	sha_update(c, g.b, g.n);
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
	sha256_init(&c);
	field(&c, "manrs-check-fingerprint/1");
	field(&c, f->rule);
	field(&c, file);
	field(&c, f->hostname);
	field(&c, f->neighbor);
	field(&c, f->vrf);
	field(&c, f->interface);
	message_field(&c, f->message);
	sha256_digest(&c, sizeof(d), d);
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

	sha256_init(&c);
	sha_update(&c, s, n);
	sha256_digest(&c, sizeof(d), d);
	for (i = 0; i < 32; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[64] = '\0';
}
