/* libFuzzer target: IOS-XR text -> model (RPL compiled, apply expanded),
 * then reference resolution and the model's JSON. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "manrs/vendor.h"
#include "vendors/iosxr_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mc_arena *a = mc_arena_new();
	mc_diag d;
	mc_device *dev;

	mc_diag_init(&d, a);
	dev = mc_iosxr_parse(a, "fuzz/router.cfg", (const char *)data, size,
	    &d);
	if (dev != NULL) {
		char *j;

		mc_resolve(dev);
		j = mc_device_to_json(dev);
		free(j);
	}
	mc_arena_free(a);
	return 0;
}
