/* libFuzzer target: Junos text (either form) -> tree -> device model -> JSON. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "manrs/vendor.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mc_arena *a = mc_arena_new();
	mc_device *dev;
	mc_diag d;
	char *json;

	mc_diag_init(&d, a);
	dev = mc_extract_junos(a, "fuzz.conf", (const char *)data, size, &d);
	if (dev != NULL) {
		mc_resolve(dev);
		json = mc_device_to_json(dev);
		free(json);
	}
	mc_arena_free(a);
	return 0;
}
