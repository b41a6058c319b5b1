/* libFuzzer target: BIRD text -> model (includes never opened), then
 * reference resolution and the model's JSON. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "manrs/vendor.h"
#include "vendors/bird_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mc_arena *a = mc_arena_new();
	mc_diag d;
	mc_device *dev;

	mc_diag_init(&d, a);
	dev = bird_extract(a, "fuzz/bird.conf", (const char *)data, size,
	    BL_NO_INCLUDE, &d);
	if (dev != NULL) {
		char *j;

		mc_resolve(dev);
		j = mc_device_to_json(dev);
		free(j);
	}
	mc_arena_free(a);
	return 0;
}
