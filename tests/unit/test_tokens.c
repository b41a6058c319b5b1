/*
 * mc_tokens: the 64-byte bitmap path and the byte-by-byte path split every
 * line the same way (random lines of blanks, tabs, quotes and words, at
 * and around 64 bytes, with small token limits).
 */
#include "helpers.h"

/* The definition, as a state machine over the bytes: blanks are ' ' and
 * '\t'; a token that starts with '"' runs to the next '"' (or the end),
 * quotes dropped. */
static int
ref_tokens(const char *s, unsigned len, mc_tok *out, int max)
{
	enum { GAP, WORD, QUOTED } st = GAP;
	unsigned i;
	int n = 0;

	for (i = 0; i <= len; i++) {
		int c = i < len ? (unsigned char)s[i] : -1;	/* -1: the end */
		bool blank = c == ' ' || c == '\t';

		if (st == WORD && (blank || c == -1)) {
			out[n - 1].len = (unsigned)(s + i - out[n - 1].s);
			st = GAP;
		} else if (st == QUOTED && (c == '"' || c == -1)) {
			out[n - 1].len = (unsigned)(s + i - out[n - 1].s);
			st = GAP;
			continue;	/* the closing quote is no token start */
		}
		if (st != GAP || c == -1 || blank)
			continue;
		if (n == max)
			break;
		out[n].s = c == '"' ? s + i + 1 : s + i;
		out[n++].len = 0;
		st = c == '"' ? QUOTED : WORD;
	}
	return n;
}

static void
test_random_lines(void **state)
{
	static const char alpha[] = "  \t\"abcXYZ019-./:";
	char *buf = malloc(200);
	unsigned seed = 777;
	int it;

	(void)state;
	assert_non_null(buf);
	for (it = 0; it < 200000; it++) {
		mc_tok a[16], b[16];
		unsigned len, i;
		int na, nb, max, k;

		seed = seed * 1103515245u + 12345u;
		len = (seed >> 8) % 4 == 0 ? 60 + (seed >> 12) % 10 :
		    (seed >> 12) % 100;
		max = 1 + (int)((seed >> 20) % 16);
		for (i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			/* quotes rarely, so that most lines take the fast path */
			buf[i] = alpha[(seed >> 16) % (sizeof(alpha) - 1)];
			if (buf[i] == '"' && (seed >> 5) % 8 != 0)
				buf[i] = 'q';
		}
		buf[len] = 'Z';	/* bytes after the line are not part of it */
		na = mc_tokens(buf, len, a, max);
		nb = ref_tokens(buf, len, b, max);
		if (na != nb)
			fail_msg("line %d (%u bytes, max %d): %d tokens, not %d",
			    it, len, max, na, nb);
		for (k = 0; k < na; k++)
			if (a[k].s != b[k].s || a[k].len != b[k].len)
				fail_msg("line %d: token %d differs", it, k);
	}
	free(buf);
}

/* The edges of the bitmap: a word ending at byte 64, one running past
 * it, an all-blank line, the limit reached mid-line. */
static void
test_edges(void **state)
{
	char line[130];
	mc_tok t[8];

	(void)state;
	memset(line, 'w', sizeof(line));
	line[0] = ' ';
	assert_int_equal(mc_tokens(line, 64, t, 8), 1);
	assert_int_equal(t[0].len, 63);
	assert_int_equal(mc_tokens(line, 65, t, 8), 1);
	assert_int_equal(t[0].len, 64);
	memset(line, ' ', 64);
	assert_int_equal(mc_tokens(line, 64, t, 8), 0);
	assert_int_equal(mc_tokens(line, 0, t, 8), 0);
	memcpy(line, "a b c d", 7);
	assert_int_equal(mc_tokens(line, 7, t, 2), 2);
	assert_int_equal(t[1].len, 1);
	assert_int_equal(t[1].s - line, 2);
}

/* mc_text_suspect against its definition, byte by byte: any byte below
 * space other than tab, line feed and carriage return, or DEL. */
static void
test_text_suspect(void **state)
{
	static const unsigned char odd[] = { 0, 1, 8, 0x0b, 0x0c, 0x1b, 0x1f,
	    0x7f, '\t', '\n', '\r', ' ', 0x80, 0xff, 'a' };
	unsigned char buf[200];
	uint32_t x = 2463534242u;
	int i, k, want, hits = 0;

	(void)state;
	for (i = 0; i < 100000; i++) {
		size_t n;

		x ^= x << 13; x ^= x >> 17; x ^= x << 5;
		n = x % sizeof(buf);
		for (k = 0; k < (int)n; k++) {
			x ^= x << 13; x ^= x >> 17; x ^= x << 5;
			buf[k] = x % 97 == 0 ? odd[(x >> 8) % sizeof(odd)] :
			    (unsigned char)(' ' + (x >> 8) % 95);
		}
		want = 0;
		for (k = 0; k < (int)n; k++)
			if ((buf[k] < 0x20 && buf[k] != '\t' && buf[k] != '\n' &&
			    buf[k] != '\r') || buf[k] == 0x7f)
				want = 1;
		hits += want;
		if (mc_text_suspect((const char *)buf, n) != want)
			fail_msg("case %d (%zu bytes): want %d", i, n, want);
	}
	assert_true(hits > 10000 && hits < 90000);
}

/* The indentation reader's line scan (sixteen or thirty-two bytes a step,
 * by CPU) against the lines as written: lines of every length around the
 * step sizes, some with '!' or '#' inside, some ending in an inline
 * waiver, some with a carriage return; then one NUL somewhere, which must
 * be reported on its line. */
static void
test_line_reader(void **state)
{
	static const char alpha[] = "abcdefgh0123 !#";
	enum { LINES = 300 };
	size_t cap = LINES * 160 + 1;
	char *buf = malloc(cap);
	uint32_t x = 88172645u;
	int iter;

	(void)state;
	assert_non_null(buf);
	for (iter = 0; iter < 60; iter++) {
		mc_arena *a = mc_arena_new();
		mc_comment_vec cv = {0};
		mc_indent_opts o = {0};
		mc_diag d;
		unsigned want_len[LINES];
		bool waiver[LINES];
		size_t len = 0, nw = 0;
		const mc_node *n, *root;
		int i, k, nul_line;

		for (i = 0; i < LINES; i++) {
			int m;
			size_t start = len;

			x ^= x << 13; x ^= x >> 17; x ^= x << 5;
			m = 1 + (int)(x % 90);
			buf[len++] = 'a';
			for (k = 1; k < m; k++) {
				x ^= x << 13; x ^= x >> 17; x ^= x << 5;
				buf[len++] = alpha[x % (sizeof(alpha) - 1)];
			}
			while (len > start && buf[len - 1] == ' ')
				len--;	/* no trailing blank before a waiver */
			want_len[i] = (unsigned)(len - start);
			waiver[i] = x % 5 == 0;
			if (waiver[i]) {
				/* a short one ends in the mark's own step */
				const char *wv = x % 3 == 0 ? " !manrs-check:" :
				    " ! manrs-check: ignore X";

				memcpy(buf + len, wv, strlen(wv));
				len += strlen(wv);
				nw++;
			}
			if (x % 7 == 0)
				buf[len++] = '\r';
			buf[len++] = '\n';
		}
		buf[len] = '\0';
		mc_diag_init(&d, a);
		o.comments = &cv;
		root = mc_indent_parse_opts(a, "t.conf", buf, len, &o, &d);
		assert_non_null(root);
		for (i = 0, n = root->kid; n != NULL; n = n->next, i++) {
			assert_true(i < LINES);
			assert_int_equal(n->line, i + 1);
			if (n->len != want_len[i])
				fail_msg("iteration %d line %d: %u bytes, want %u",
				    iter, i + 1, n->len, want_len[i]);
		}
		assert_int_equal(i, LINES);
		assert_int_equal(cv.n, nw);
		/* a NUL on one line */
		x ^= x << 13; x ^= x >> 17; x ^= x << 5;
		nul_line = 1 + (int)(x % LINES);
		for (i = 1, k = 0; i < nul_line; k++)
			if (buf[k] == '\n')
				i++;
		buf[k + 1 + (int)(x >> 20) % (int)want_len[nul_line - 1] / 2] =
		    '\0';
		mc_diag_init(&d, a);
		assert_null(mc_indent_parse_opts(a, "t.conf", buf, len, &o, &d));
		assert_int_equal(d.errors.n, 1);
		assert_int_equal(d.errors.v[0].line, nul_line);
		mc_arena_free(a);
	}
	free(buf);
}

/* The same two tests on the sixteen-byte scans, which a CPU with AVX2
 * would not otherwise run. */
static void
test_text_suspect_sse2(void **state)
{
	assert_int_equal(setenv("MANRS_NO_AVX2", "1", 1), 0);
	assert_false(mc_cpu_avx2());
	test_text_suspect(state);
	unsetenv("MANRS_NO_AVX2");
}

static void
test_line_reader_sse2(void **state)
{
	assert_int_equal(setenv("MANRS_NO_AVX2", "1", 1), 0);
	test_line_reader(state);
	unsetenv("MANRS_NO_AVX2");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_lines),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_text_suspect),
		cmocka_unit_test(test_line_reader),
		cmocka_unit_test(test_text_suspect_sse2),
		cmocka_unit_test(test_line_reader_sse2),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
