/* libFuzzer target: RPSL text -> IRR set, then queries and expansion. */
#include <stddef.h>
#include <stdint.h>

#include "manrs/irr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *sets[] = { "AS-A", "AS-B", "AS1:AS-C", "AS1" };
	mc_arena *a = mc_arena_new();
	mc_irr_expansion e;
	mc_irr *s = mc_irr_new();
	mc_prefix p;
	unsigned fl;
	size_t i;
	mc_diag d;

	mc_diag_init(&d, a);
	(void)mc_irr_load_buf(s, "fuzz.db", (const char *)data, size, &d);
	mc_irr_finish(s);
	if (mc_prefix_parse("10.1.2.0/24", 11, &p))
		(void)mc_irr_route_covers(s, &p, 1);
	(void)mc_irr_autnum(s, 1, &fl);
	for (i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
		if (mc_irr_expand(s, sets[i], &e))
			mc_irr_expansion_free(&e);
	}
	mc_irr_free(s);
	mc_arena_free(a);
	return 0;
}
