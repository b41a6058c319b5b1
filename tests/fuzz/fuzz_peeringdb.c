/* libFuzzer target: PeeringDB JSON dump -> network records. */
#include <stddef.h>
#include <stdint.h>

#include "manrs/peeringdb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mc_arena *a = mc_arena_new();
	mc_pdb *s = mc_pdb_new();
	mc_diag d;

	mc_diag_init(&d, a);
	(void)mc_pdb_load_buf(s, "fuzz.json", (const char *)data, size, &d);
	(void)mc_pdb_net_by_asn(s, 64500);
	mc_pdb_free(s);
	mc_arena_free(a);
	return 0;
}
