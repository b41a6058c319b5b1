/* Token helpers over configuration lines, and the text/binary check. */
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#include "manrs/conf.h"

/* The end of the word at p: the first blank in [p, e), else e.  Sixteen
 * bytes per step where the line has them (most words end in the first). */
typedef unsigned char u8x16_t __attribute__((vector_size(16)));

static inline const char *
word_end(const char *p, const char *e)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	while (e - p >= 16) {
		u8x16_t v, m;
		uint64_t lo, hi;

		memcpy(&v, p, 16);
		m = (u8x16_t)((v == ' ') | (v == '\t'));
		memcpy(&lo, &m, 8);
		memcpy(&hi, (const char *)&m + 8, 8);
		if (lo != 0)
			return p + (__builtin_ctzll(lo) >> 3);
		if (hi != 0)
			return p + 8 + (__builtin_ctzll(hi) >> 3);
		p += 16;
	}
#endif
	while (p < e && *p != ' ' && *p != '\t')
		p++;
	return p;
}

#ifdef __SSE2__
/*
 * Lines of up to 64 bytes without quotes (nearly all): the blanks of the
 * whole line as one 64-bit map (SSE2 compares and movemask, 16 bytes at a
 * time), tokens read off it with bit scans.  Returns -1 when the line is
 * not one of those.
 */
static int
tokens64(const char *s, unsigned len, mc_tok *out, int max)
{
	unsigned char b[64];
	uint64_t blank = 0, word, starts, ends;
	unsigned quote = 0;
	int n = 0, k;
	const __m128i sp = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t'),
	    dq = _mm_set1_epi8('"');

	if (len > 64)
		return -1;
	memset(b, ' ', sizeof(b));
	memcpy(b, s, len);
	for (k = 0; k < 4; k++) {
		__m128i v = _mm_loadu_si128((const __m128i *)(b + 16 * k));

		blank |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_cmpeq_epi8(v, sp), _mm_cmpeq_epi8(v, tab))) << (16 * k);
		quote |= (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, dq));
	}
	if (quote != 0)
		return -1;
	/* A word's first byte follows a blank (or the start), its last
	 * precedes one (or the end): one bit each, taken lowest first. */
	word = ~blank;
	starts = word & ~(word << 1);
	ends = word & ~(word >> 1);
	while (starts != 0 && n < max) {
		int start = __builtin_ctzll(starts);

		out[n].s = s + start;
		out[n].len = (unsigned)(__builtin_ctzll(ends) + 1 - start);
		n++;
		starts &= starts - 1;
		ends &= ends - 1;
	}
	return n;
}
#endif

int
mc_tokens(const char *s, unsigned len, mc_tok *out, int max)
{
	const char *e = s + len, *t;
	int n = 0;

#ifdef __SSE2__
	if (max > 0 && (n = tokens64(s, len, out, max)) >= 0)
		return n;
	n = 0;
#endif

	while (n < max) {
		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		if (s == e)
			break;
		if (*s == '"') {
			t = memchr(s + 1, '"', (size_t)(e - s - 1));
			out[n].s = s + 1;
			out[n].len = (unsigned)((t != NULL ? t : e) - s - 1);
			s = t != NULL ? t + 1 : e;
		} else {
			t = word_end(s, e);
			out[n].s = s;
			out[n].len = (unsigned)(t - s);
			s = t;
		}
		n++;
	}
	return n;
}

int
mc_tok_u32(const mc_tok *t, uint32_t *out)
{
	uint64_t v = 0;
	unsigned i;

	if (t->len == 0 || t->len > 10)
		return 0;
	for (i = 0; i < t->len; i++) {
		if (t->s[i] < '0' || t->s[i] > '9')
			return 0;
		v = v * 10 + (uint64_t)(t->s[i] - '0');
	}
	if (v > UINT32_MAX)
		return 0;
	*out = (uint32_t)v;
	return 1;
}

const char *
mc_tok_str(mc_arena *a, const mc_tok *t)
{
	return mc_strndup(a, t->s, t->len);
}

const char *
mc_tok_rest(mc_arena *a, const mc_node *n, const mc_tok *from)
{
	const char *s = from->s, *e = n->text + n->len;

	/* A quoted first token: keep the text as written, without quotes. */
	if (s > n->text && s[-1] == '"' && e > s && e[-1] == '"' &&
	    (size_t)(e - s) == from->len + 1)
		e--;
	if (s < n->text || s > e)
		return mc_strdup(a, "");
	return mc_strndup(a, s, (size_t)(e - s));
}

int
mc_node_starts(const mc_node *n, const char *words)
{
	const char *s, *e, *w = words, *we;

	if (n == NULL || n->text == NULL)
		return 0;
	s = n->text;
	e = s + n->len;
	for (;;) {
		while (*w == ' ')
			w++;
		if (*w == '\0')
			return 1;
		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		for (we = w; *we != '\0' && *we != ' '; we++)
			;
		if ((size_t)(e - s) < (size_t)(we - w) ||
		    memcmp(s, w, (size_t)(we - w)) != 0)
			return 0;
		s += we - w;
		if (s < e && *s != ' ' && *s != '\t')
			return 0;
		w = we;
	}
}

/* Control bytes that never occur in configuration text.  Tab, line feed,
 * vertical tab, form feed, carriage return, ^C (IOS banner delimiter) and
 * escape are tolerated. */
static int
bad_byte(unsigned char c)
{
	if (c >= 0x20)
		return c == 0x7f;
	return c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r' &&
	    c != 0x03 && c != 0x1b;
}

static int
line_of(const char *buf, const char *at)
{
	const char *p = buf;
	int line = 1;

	while ((p = memchr(p, '\n', (size_t)(at - p))) != NULL) {
		line++;
		p++;
	}
	return line;
}

/* Any byte below space other than tab, line feed and carriage return, or
 * DEL, in the whole sixteen-byte blocks of [p, p + len): 1 if any; *done
 * is where the blocks end. */
#ifdef __SSE2__
static int
suspect_blocks(const unsigned char *p, size_t len, size_t *done)
{
	/* By hand: GCC compiled the vector-extension form below to
	 * slower code. */
	const __m128i lim = _mm_set1_epi8(0x1f), del = _mm_set1_epi8(0x7f),
	    nl = _mm_set1_epi8('\n'), tab = _mm_set1_epi8('\t'),
	    cr = _mm_set1_epi8('\r');
	__m128i bad = _mm_setzero_si128();
	size_t i;

	for (i = 0; i + 16 <= len; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(p + i));
		__m128i lo = _mm_cmpeq_epi8(_mm_min_epu8(v, lim), v);
		__m128i ok = _mm_or_si128(_mm_cmpeq_epi8(v, nl),
		    _mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, cr)));

		bad = _mm_or_si128(bad, _mm_or_si128(_mm_andnot_si128(ok, lo),
		    _mm_cmpeq_epi8(v, del)));
	}
	*done = i;
	return _mm_movemask_epi8(bad) != 0;
}
#else
typedef unsigned char u8x16 __attribute__((vector_size(16)));
typedef signed char s8x16 __attribute__((vector_size(16)));

static int
suspect_blocks(const unsigned char *p, size_t len, size_t *done)
{
	s8x16 acc = {0};
	size_t i, k;

	for (i = 0; i + 16 <= len; i += 16) {
		u8x16 v;

		memcpy(&v, p + i, 16);
		acc |= ((v < 0x20) & (v != '\n') & (v != '\t') & (v != '\r')) |
		    (v == 0x7f);
	}
	*done = i;
	for (k = 0; k < 16; k++)
		if (acc[k])
			return 1;
	return 0;
}
#endif

#if defined(__x86_64__) && defined(__GNUC__)
/* The same test on thirty-two bytes at a time, where the CPU has AVX2
 * (asked at run time: the build targets every x86-64).  Every file's
 * bytes pass through it once. */
__attribute__((target("avx2"))) static int
suspect_blocks_avx2(const unsigned char *p, size_t len, size_t *done)
{
	const __m256i lim = _mm256_set1_epi8(0x1f),
	    del = _mm256_set1_epi8(0x7f), nl = _mm256_set1_epi8('\n'), tab = _mm256_set1_epi8('\t'),
	    cr = _mm256_set1_epi8('\r');
	__m256i bad = _mm256_setzero_si256();
	size_t i;

	for (i = 0; i + 32 <= len; i += 32) {
		__m256i v = _mm256_loadu_si256((const __m256i *)(p + i));
		__m256i lo = _mm256_cmpeq_epi8(_mm256_min_epu8(v, lim), v);
		__m256i ok = _mm256_or_si256(_mm256_cmpeq_epi8(v, nl),
		    _mm256_or_si256(_mm256_cmpeq_epi8(v, tab),
		    _mm256_cmpeq_epi8(v, cr)));

		bad = _mm256_or_si256(bad, _mm256_or_si256(
		    _mm256_andnot_si256(ok, lo), _mm256_cmpeq_epi8(v, del)));
	}
	*done = i;
	return _mm256_movemask_epi8(bad) != 0;
}
#endif

int
mc_cpu_avx2(void)
{
#if defined(__x86_64__) && defined(__GNUC__)
	__builtin_cpu_init();
	return __builtin_cpu_supports("avx2") &&
	    getenv("MANRS_NO_AVX2") == NULL;
#else
	return 0;
#endif
}

int
mc_text_suspect(const char *buf, size_t len)
{
	const unsigned char *p = (const unsigned char *)buf;
	size_t i;

#if defined(__x86_64__) && defined(__GNUC__)
	if (mc_cpu_avx2()) {
		if (suspect_blocks_avx2(p, len, &i))
			return 1;
		p += i;
		len -= i;
	}
#endif
	if (suspect_blocks(p, len, &i))
		return 1;
	for (; i < len; i++)
		if ((p[i] < 0x20 && p[i] != '\n' && p[i] != '\t' &&
		    p[i] != '\r') || p[i] == 0x7f)
			return 1;
	return 0;
}

int
mc_is_text(const char *buf, size_t len, int *bad_line)
{
	const unsigned char *p = (const unsigned char *)buf;
	const char *nul, *first = NULL;
	size_t i, bad = 0;

	/* Almost every file is plain text: a count of the bytes below
	 * space other than tab, line feed and carriage return, and of DEL,
	 * compiles to vector compares; only a file with any such byte is
	 * looked at closely. */
	if (!mc_text_suspect(buf, len))
		return 1;
	nul = memchr(buf, '\0', len);
	if (nul != NULL) {
		if (bad_line != NULL)
			*bad_line = line_of(buf, nul);
		return 0;
	}
	bad = 0;
	/* Only files with a suspect byte come here: no table needed (a
	 * static one filled on first use was shared by the threads). */
	for (i = 0; i < len; i++)
		bad += (size_t)bad_byte(p[i]);
	if (bad > 0)
		for (i = 0; i < len && first == NULL; i++)
			if (bad_byte(p[i]))
				first = buf + i;
	/* A few stray control bytes happen in real files; many do not. */
	if ((bad > 8 && bad * 100 > len) || bad > 4096) {
		if (bad_line != NULL)
			*bad_line = line_of(buf, first);
		return 0;
	}
	return 1;
}
