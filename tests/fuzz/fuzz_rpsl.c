/* libFuzzer target: RPSL text -> IRR set, then queries and expansion of
 * as-sets and route-sets; strict, then lenient loading. */
#include <stddef.h>
#include <stdint.h>

#include "manrs/irr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *sets[] = { "AS-A", "AS-B", "AS1:AS-C", "AS1" };
	static const char *rsets[] = { "RS-A", "RS-B", "AS1:RS-C" };
	mc_irr_rexpansion re;
	int pass;
	mc_arena *a = mc_arena_new();
	mc_irr_expansion e;
	mc_irr *s = mc_irr_new();
	mc_prefix p;
	unsigned fl;
	size_t i;
	mc_diag d;

	mc_diag_init(&d, a);
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			mc_irr_free(s);
			s = mc_irr_new();
			mc_irr_set_lenient(s, true);
		}
		(void)mc_irr_load_buf(s, "fuzz.db", (const char *)data, size,
		    &d);
		mc_irr_finish(s);
		(void)mc_irr_nskipped(s, NULL);
		if (mc_prefix_parse("10.1.2.0/24", 11, &p))
			(void)mc_irr_route_covers(s, &p, 1);
		(void)mc_irr_autnum(s, 1, &fl);
		for (i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
			if (mc_irr_expand(s, sets[i], &e))
				mc_irr_expansion_free(&e);
		}
		for (i = 0; i < sizeof(rsets) / sizeof(rsets[0]); i++) {
			if (mc_irr_expand_routes(s, rsets[i], 0, &re))
				mc_irr_rexpansion_free(&re);
		}
	}
	mc_irr_free(s);
	mc_arena_free(a);
	return 0;
}
