/*
 * What many unit tests share.  Each test_*.c is built alone, so only
 * macros and static inline functions live here.
 */
#ifndef UT_HELPERS_H
#define UT_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "manrs/conf.h"
#include "manrs/irr.h"
#include "manrs/policy.h"
#include "manrs/vendor.h"

#define UT_NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

/* A reproducible pseudo-random number below n (xorshift64 on *state),
 * for the randomised tests: the same seed, the same cases every run. */
static inline uint32_t
ut_rnd(uint64_t *state, uint32_t n)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return (uint32_t)(*state % n);
}

/*
 * A file-wide arena A that setup makes (then runs `init`) and teardown
 * frees, per test or per group as the file registers them.
 */
#define UT_ARENA_FIXTURE_INIT(init)					\
static mc_arena *A;							\
static int								\
setup(void **st)							\
{									\
	(void)st;							\
	A = mc_arena_new();						\
	init;								\
	return 0;							\
}									\
static int								\
teardown(void **st)							\
{									\
	(void)st;							\
	mc_arena_free(A);						\
	return 0;							\
}

#define UT_ARENA_FIXTURE	UT_ARENA_FIXTURE_INIT((void)0)

/* The same with diagnostics D on A. */
#define UT_ARENA_DIAG_FIXTURE						\
static mc_diag D;							\
UT_ARENA_FIXTURE_INIT(mc_diag_init(&D, A))

/* An arena as the cmocka state of each test. */
static inline int
ut_state_setup(void **state)
{
	*state = mc_arena_new();
	return 0;
}

static inline int
ut_state_teardown(void **state)
{
	mc_arena_free(*state);
	return 0;
}

#define UT_STATE_TEST(f)						\
	cmocka_unit_test_setup_teardown(f, ut_state_setup, ut_state_teardown)

/* `text` read as vendor v into a device; without one the last error is
 * printed. */
static inline mc_device *
ut_parse(mc_arena *a, mc_diag *d, const char *text, mc_vendor v)
{
	mc_device *dev = mc_parse_config(a, "t.conf", text, strlen(text), v,
	    d);

	if (dev == NULL && d->errors.n > 0)
		print_message("error: %s\n",
		    d->errors.v[d->errors.n - 1].message);
	return dev;
}

typedef mc_device *(*ut_extract_fn)(mc_arena *, const char *, const char *,
    size_t, mc_diag *);

/* `cfg` through one vendor's extractor with fresh diagnostics *d: there
 * must be a device. */
static inline mc_device *
ut_extract(mc_arena *a, ut_extract_fn fn, const char *cfg, mc_diag *d)
{
	mc_device *dev;

	mc_diag_init(d, a);
	dev = fn(a, "t.conf", cfg, strlen(cfg), d);
	assert_non_null(dev);
	return dev;
}

/* A route for prefix `pfx` with AS path "A B ..." and communities "x y"
 * ("" none), ROV not found. */
static inline mc_route
ut_route(mc_arena *a, const char *pfx, const char *path, const char *comms)
{
	char *s = mc_strdup(a, comms), *save = NULL, *tok;
	mc_route r;

	memset(&r, 0, sizeof(r));
	assert_true(mc_prefix_parse(pfx, strlen(pfx), &r.prefix));
	assert_true(mc_route_set_path(&r, path));
	for (tok = strtok_r(s, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save))
		assert_true(mc_community_parse(tok, &r.comms[r.ncomms++]));
	r.rov = MC_ROV_NOTFOUND;
	return r;
}

/* Does a note of the device say `word`? */
static inline bool
ut_has_note(const mc_device *dev, const char *word)
{
	size_t i;

	for (i = 0; i < dev->notes.n; i++)
		if (strstr(dev->notes.v[i], word) != NULL)
			return true;
	return false;
}

/* An IRR store with its arena and diagnostics. */
typedef struct ut_irr {
	mc_arena *a;
	mc_diag d;
	mc_irr *s;
} ut_irr;

static inline void
ut_irr_init(ut_irr *f)
{
	f->a = mc_arena_new();
	mc_diag_init(&f->d, f->a);
	f->s = mc_irr_new();
}

static inline void
ut_irr_free(ut_irr *f)
{
	mc_irr_free(f->s);
	mc_arena_free(f->a);
}

/* The first error is about file t.db, line `line`, and says `what`. */
static inline void
ut_irr_want_error(ut_irr *f, int line, const char *what)
{
	assert_true(f->d.errors.n >= 1);
	assert_string_equal(f->d.errors.v[0].file, "t.db");
	assert_int_equal(f->d.errors.v[0].line, line);
	if (strstr(f->d.errors.v[0].message, what) == NULL)
		fail_msg("error '%s' does not say '%s'",
		    f->d.errors.v[0].message, what);
}

#endif
