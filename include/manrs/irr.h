/* IRR data from RPSL dumps (RFC 2622/4012): what the rules need of it. */
#ifndef MANRS_IRR_H
#define MANRS_IRR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "manrs/diag.h"
#include "manrs/prefix.h"

/* A route/route6 object: prefix and origin only. */
typedef struct mc_irr_route {
	mc_prefix p;
	uint32_t origin;
} mc_irr_route;

/* aut-num contact attributes present. */
enum { MC_IRR_ADMIN_C = 1, MC_IRR_TECH_C = 2, MC_IRR_ABUSE_C = 4 };

/* Loaded once, then mc_irr_finish(); afterwards read-only and shared by
 * every thread. */
typedef struct mc_irr mc_irr;

/* Bounds against hostile input. */
#define MC_IRR_LINE_MAX 65536		/* bytes per physical line */
#define MC_IRR_EXPAND_DEPTH 32		/* as-set nesting */

mc_irr *mc_irr_new(void);
void mc_irr_free(mc_irr *);
/* An RPSL dump, plain or gzip (detected).  Files loaded earlier take
 * precedence for objects of the same name (as-set, aut-num), as IRR
 * source order does.  Returns 0, or -1 with an error (file:line) in d. */
int mc_irr_load(mc_irr *, const char *path, mc_diag *d);
int mc_irr_load_buf(mc_irr *, const char *name, const char *buf, size_t len,
    mc_diag *d);
/* Lenient mode (off by default): a malformed object is dropped and
 * counted instead of failing the load, as real registry dumps hold a few;
 * binary data, read errors and lines beyond MC_IRR_LINE_MAX without a
 * newline still fail.  Set before loading. */
void mc_irr_set_lenient(mc_irr *, bool);
/* Objects dropped so far; *first (may be NULL) gets "file:line: message"
 * of the first one, or NULL. */
size_t mc_irr_nskipped(const mc_irr *, const char **first);
/* Sort and index; call once after loading, before any query. */
void mc_irr_finish(mc_irr *);

size_t mc_irr_nroutes(const mc_irr *);
size_t mc_irr_nsets(const mc_irr *);
/* A route/route6 object for exactly p with this origin. */
bool mc_irr_has_route(const mc_irr *, const mc_prefix *p, uint32_t origin);
/* One for p or a less specific of p with this origin. */
bool mc_irr_route_covers(const mc_irr *, const mc_prefix *p, uint32_t origin);
/* The route objects of an origin (af 0: both families); returns how
 * many there are, writes at most max. */
size_t mc_irr_routes_of(const mc_irr *, uint32_t origin, int af,
    const mc_irr_route **out, size_t max);
/* The aut-num of asn: true when it exists, with MC_IRR_*_C in *flags. */
bool mc_irr_autnum(const mc_irr *, uint32_t asn, unsigned *flags);
/* A person or role object with this nic-hdl exists. */
bool mc_irr_contact_exists(const mc_irr *, const char *nic_hdl);

/* Expansion of an as-set (or "AS123") into sorted, merged ASN ranges. */
typedef struct mc_asn_range {
	uint32_t lo, hi;
} mc_asn_range;

typedef struct mc_irr_expansion {
	mc_asn_range *v;	/* malloc'd; mc_irr_expansion_free */
	size_t n;
	size_t missing;		/* referenced sets not found */
	bool cycle;		/* a set includes itself (ignored) */
	bool too_deep;		/* nesting beyond MC_IRR_EXPAND_DEPTH (cut) */
	const char *first_missing;	/* name of one missing set, or NULL */
} mc_irr_expansion;

/* Returns false when name is neither an ASN nor a known as-set. */
bool mc_irr_expand(const mc_irr *, const char *name, mc_irr_expansion *);
void mc_irr_expansion_free(mc_irr_expansion *);
bool mc_asn_parse(const char *s, size_t n, uint32_t *out);	/* "AS123" */

/* Expansion of a route-set ("RS-FOO", "AS1:RS-BAR") into prefix ranges of
 * family af (0: both): its prefix members with their range operators
 * (^+ ^- ^n ^n-m), nested route-sets, and for as-set and ASN members the
 * route objects they originate, each narrowed by the member's operator.
 * Ranges are neither sorted nor merged. */
#define MC_IRR_RANGES_MAX 1000000	/* ranges (and steps) per expansion */
typedef struct mc_irr_rexpansion {
	mc_range *v;		/* malloc'd; mc_irr_rexpansion_free */
	size_t n;
	size_t missing;		/* referenced sets not found (or *-ANY) */
	bool cycle, too_deep;
	bool truncated;		/* stopped at MC_IRR_RANGES_MAX */
	const char *first_missing;
} mc_irr_rexpansion;

/* Returns false when name is not a known route-set. */
bool mc_irr_expand_routes(const mc_irr *, const char *name, int af,
    mc_irr_rexpansion *);
void mc_irr_rexpansion_free(mc_irr_rexpansion *);

#endif
