/* libFuzzer target: OpenBGPD text -> model (includes never opened), then
 * reference resolution and the model's JSON. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "manrs/vendor.h"
#include "vendors/openbgpd_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mc_arena *a = mc_arena_new();
	mc_diag d;
	mc_device *dev;

	mc_diag_init(&d, a);
	dev = mc_openbgpd_parse(a, "fuzz/bgpd.conf", (const char *)data, size,
	    OB_LEX_NO_INCLUDE, &d);
	if (dev != NULL) {
		char *j;

		mc_resolve(dev);
		j = mc_device_to_json(dev);
		free(j);
	}
	mc_arena_free(a);
	return 0;
}
