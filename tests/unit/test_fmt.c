/*
 * mc_vsnprintf must give vsnprintf's bytes and return value for every
 * format, whether it formats itself or falls back, at every buffer size.
 */
#include "helpers.h"

#include <limits.h>

static char ours[256], theirs[256];

/* Both formatters on the same format and arguments, at size cap. */
static void __attribute__((format(printf, 2, 3)))
same(size_t cap, const char *fmt, ...)
{
	va_list a, b;
	int n1, n2;

	memset(ours, 'x', sizeof(ours));
	memset(theirs, 'x', sizeof(theirs));
	va_start(a, fmt);
	va_copy(b, a);
	n1 = mc_vsnprintf(cap > 0 ? ours : NULL, cap, fmt, a);
	n2 = vsnprintf(cap > 0 ? theirs : NULL, cap, fmt, b);
	va_end(b);
	va_end(a);
	if (n1 != n2 || memcmp(ours, theirs, sizeof(ours)) != 0)
		fail_msg("format \"%s\" at size %zu: %d \"%.*s\" vs %d \"%.*s\"",
		    fmt, cap, n1, (int)(cap < sizeof(ours) ? cap : 0), ours,
		    n2, (int)(cap < sizeof(theirs) ? cap : 0), theirs);
}

static void
test_conversions(void **st)
{
	size_t cap;
	/* formats the compiler would warn about, out of its sight */
	const char *volatile empty = "", *volatile trailing = "trailing %";
	const char *volatile nulfmt = "%s|%.*s|%.*s";
	const char *volatile nul = NULL;

	(void)st;
	for (cap = 0; cap < 48; cap++) {
		same(cap, "plain text, no conversion");
		same(cap, empty);
		same(cap, "%s", "");
		same(cap, "neighbor %s remote-as %u", "192.0.2.1", 64496u);
		same(cap, "%d %d %d", 0, -1, INT_MIN);
		same(cap, "%u %u", 0u, UINT_MAX);
		same(cap, "%zu|%ld|%lu", (size_t)SIZE_MAX, LONG_MIN, ULONG_MAX);
		same(cap, "%lld %llu", LLONG_MIN, ULLONG_MAX);
		same(cap, "100%% of %c%c", 'a', 'Z');
		same(cap, "[%.*s] [%.*s] [%.*s]", 3, "abcdef", 0, "abc", -1,
		    "whole");
		same(cap, "[%.*s]", 10, "short");
		same(cap, nulfmt, nul, 2, nul, 8, nul);
		/* fall back: widths, flags, other conversions */
		same(cap, "%5d|%-4s|%02x", 7, "ab", 10u);
		same(cap, "%s then %x", "first", 255u);
		same(cap, "%.2f %p", 1.5, (void *)0);
		same(cap, trailing);
	}
}

/* Random formats from the conversions we do, with random arguments. */
static void
test_random(void **st)
{
	static const char *const words[] = { "", "a", "route-map", " ",
	    "198.51.100.0/24", "%%", "\n", "ÿ" };
	unsigned seed = 12345;
	int it;

	(void)st;
	for (it = 0; it < 20000; it++) {
		char fmt[64];
		int k = 0, i, kind, v;
		size_t cap;

		seed = seed * 1103515245u + 12345u;
		kind = (int)((seed >> 16) % 6);
		v = (int)(seed >> 3);
		cap = (seed >> 8) % 40;
		fmt[0] = '\0';
		for (i = 0; i < 2; i++)
			k += snprintf(fmt + k, sizeof(fmt) - (size_t)k, "%s",
			    words[(seed >> (4 * i)) % UT_NITEMS(words)]);
		switch (kind) {
		case 0:
			strcat(fmt, "<%s>");
			same(cap, fmt, words[(unsigned)v % UT_NITEMS(words)]);
			break;
		case 1:
			strcat(fmt, "<%d>");
			same(cap, fmt, v);
			break;
		case 2:
			strcat(fmt, "<%u>");
			same(cap, fmt, (unsigned)v);
			break;
		case 3:
			strcat(fmt, "<%zu>");
			same(cap, fmt, (size_t)(unsigned)v * 977u);
			break;
		case 4:
			strcat(fmt, "<%.*s>");
			same(cap, fmt, v % 9 - 1, "abcdefg");
			break;
		default:
			strcat(fmt, "<%lld>");
			same(cap, fmt, (long long)v * -1000003ll);
			break;
		}
	}
}

/* mc_printf goes through it: long results still come out whole. */
static void
test_arena_printf(void **st)
{
	mc_arena *a = mc_arena_new();
	char big[2000];
	const char *s;

	(void)st;
	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	s = mc_printf(a, "<%s|%u>", big, 42u);
	assert_int_equal(strlen(s), 1999 + 5);
	assert_memory_equal(s + 2000, "|42>", 5);
	mc_arena_free(a);
}

/* Results are formatted in place in the arena's newest chunk when they
 * fit, else through the stack or a fresh allocation: thousands of them,
 * of every size across chunk ends, each whole and none overwritten. */
static void
test_arena_printf_in_place(void **st)
{
	mc_arena *a = mc_arena_new();
	char big[9000];
	enum { N = 20000 };
	const char **s = malloc(N * sizeof(*s));
	unsigned *len = malloc(N * sizeof(*len)), x = 12345;
	size_t i, j;

	(void)st;
	assert_non_null(s);
	assert_non_null(len);
	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	for (i = 0; i < N; i++) {
		x = x * 1103515245u + 12345u;
		len[i] = (x >> 16) % (i % 97 == 0 ? 8900 : 600);
		s[i] = mc_printf(a, "%zu:%.*s.", i, (int)len[i], big);
		/* odd sizes, some bigger than a chunk: chunks of every size */
		if (i % 40 == 0)
			(void)mc_alloc_nz(a, (x >> 8) % 140000 + 1);
	}
	for (i = 0; i < N; i++) {
		char head[32];
		size_t h = (size_t)snprintf(head, sizeof(head), "%zu:", i);

		assert_int_equal(strlen(s[i]), h + len[i] + 1);
		assert_memory_equal(s[i], head, h);
		for (j = 0; j < len[i]; j++)
			if (s[i][h + j] != 'z')
				fail_msg("string %zu overwritten at %zu", i, j);
		assert_int_equal(s[i][h + len[i]], '.');
	}
	free(s);
	free(len);
	mc_arena_free(a);
}

/* A result that fills a chunk to its last bytes, when the chunk's size is
 * not a multiple of the alignment (big arenas grow by a quarter of what
 * they hold): it must not be kept past the chunk's end.  Under the
 * sanitizers a write past it fails the run.  The sizes below reach that
 * end with arena.c's 64 KB chunks and quarter growth; other constants
 * would need other sizes (the random test above still covers the rest). */
static void
test_arena_printf_chunk_end(void **st)
{
	char fill[256], tail[600];
	size_t first, last, k;

	(void)st;
	memset(fill, 'f', sizeof(fill) - 1);
	fill[sizeof(fill) - 1] = '\0';
	memset(tail, 't', sizeof(tail) - 1);
	tail[sizeof(tail) - 1] = '\0';
	for (first = 300000; first < 300064; first += 4)
		for (last = 400; last < 470; last++) {
			mc_arena *a = mc_arena_new();
			const char *s, *after;
			char *p;

			(void)mc_alloc_nz(a, first);
			(void)mc_alloc_nz(a, 64);
			for (k = 0; k < 291; k++)
				(void)mc_printf(a, "%s", fill);
			s = mc_printf(a, "%.*s", (int)last, tail);
			p = mc_alloc_nz(a, 100);
			memset(p, 'p', 100);
			after = mc_printf(a, "%.*s", 200, tail);
			assert_int_equal(strlen(s), last);
			assert_int_equal(s[0], 't');
			assert_int_equal(strlen(after), 200);
			mc_arena_free(a);
		}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conversions),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_arena_printf),
		cmocka_unit_test(test_arena_printf_in_place),
		cmocka_unit_test(test_arena_printf_chunk_end),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
