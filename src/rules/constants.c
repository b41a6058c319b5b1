/*
 * What every device's check starts from and no device changes: the bogon
 * and global-unicast range sets and the pseudo-random probe prefixes.
 * Built once per process (pthread_once) and read-only afterwards, so the
 * threads that check devices in parallel share it without locks; it was
 * 15% of the front end's time when each device built its own copy.
 */
#include <pthread.h>
#include <string.h>

#include "rules_int.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static mc_rule_consts consts;

/* 64 pseudo-random non-bogon /24s and /48s, the same on every run. */
static void
make_probes(mc_rule_consts *c)
{
	uint32_t x = 0x4d414e52u;	/* xorshift32, fixed seed */
	int afi, iter, i;

	for (afi = 0; afi < MC_AFI_COUNT; afi++) {
		c->nprobes[afi] = 0;
		for (iter = 0; iter < 4096 && c->nprobes[afi] < MC_NPROBES;
		    iter++) {
			mc_prefix p;
			int k;

			memset(&p, 0, sizeof(p));
			if (afi == MC_AFI_V4) {
				x ^= x << 13; x ^= x >> 17; x ^= x << 5;
				p.af = MC_AF4;
				p.len = 24;
				p.a[0] = (uint8_t)(x >> 24);
				p.a[1] = (uint8_t)(x >> 16);
				p.a[2] = (uint8_t)(x >> 8);
				if (p.a[0] == 0)
					continue;
			} else {
				p.af = MC_AF6;
				p.len = 48;
				for (k = 0; k < 6; k++) {
					x ^= x << 13; x ^= x >> 17; x ^= x << 5;
					p.a[k] = (uint8_t)(x >> 11);
				}
				p.a[0] = (uint8_t)(0x20 | (p.a[0] & 0x1f));
			}
			if (mc_prefix_is_bogon(&p))
				continue;
			c->probes[afi][c->nprobes[afi]++] = p;
		}
		/* In range order, each with its index (a few insertions). */
		for (i = 0; i < c->nprobes[afi]; i++) {
			mc_range r;
			int k;

			if (!mc_range_make(&c->probes[afi][i],
			    c->probes[afi][i].len, c->probes[afi][i].len, &r))
				continue;
			mc_rs_add(c->arena, &c->probesorted[afi], &r);
			for (k = (int)c->probesorted[afi].n - 1; k > 0 &&
			    mc_range_cmp(&c->probesorted[afi].v[k - 1], &r) > 0;
			    k--) {
				c->probesorted[afi].v[k] =
				    c->probesorted[afi].v[k - 1];
				c->probeorder[afi][k] = c->probeorder[afi][k - 1];
			}
			c->probesorted[afi].v[k] = r;
			c->probeorder[afi][k] = i;
		}
	}
}

/* Unicast prefixes of lengths lo..hi (IPv6: within 2000::/3), minus the
 * bogons; frozen, since every device queries with it. */
static mc_rangeset
unicast(mc_arena *a, int afi, int lo, int hi, const mc_rangeset *bogons)
{
	mc_rangeset u, out;
	mc_prefix p;
	mc_range r;

	memset(&u, 0, sizeof(u));
	memset(&p, 0, sizeof(p));
	p.af = afi == MC_AFI_V4 ? MC_AF4 : MC_AF6;
	if (afi != MC_AFI_V4) {
		p.len = 3;
		p.a[0] = 0x20;
	}
	if (mc_range_make(&p, lo, hi, &r))
		mc_rs_add(a, &u, &r);
	out = mc_rs_subtract(a, &u, bogons);
	mc_rs_freeze(&out);
	return out;
}

static void
build(void)
{
	mc_rule_consts *c = &consts;
	bool v4;
	int afi;

	c->arena = mc_arena_new();
	for (afi = 0; afi < MC_AFI_COUNT; afi++) {
		v4 = afi == MC_AFI_V4;
		c->bogons[afi] = mc_bogon_prefixes(c->arena, mc_afi_af(afi));
		c->global[afi] = unicast(c->arena, afi, v4 ? 8 : 16,
		    v4 ? 24 : 48, c->bogons[afi]);
		c->too_specific[afi] = unicast(c->arena, afi, v4 ? 25 : 49,
		    v4 ? 32 : 128, c->bogons[afi]);
	}
	make_probes(c);
}

const mc_rule_consts *
mc_rule_consts_get(void)
{
	(void)pthread_once(&once, build);
	return &consts;
}
