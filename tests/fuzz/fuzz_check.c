/*
 * libFuzzer target: the whole check of an IOS-family configuration (the
 * policy engine, the rules, the findings), not only the reader.  The first
 * byte picks the vendor as fuzz_ios does; the rest is the configuration.
 * Any crash, sanitizer report, leak or hang is a bug: the engine's bounds
 * (steps per evaluation, nesting, set sizes) must hold on any input.
 *   make fuzz && build/fuzz/fuzz_check -max_len=16384 -timeout=10 CORPUS_DIR
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "manrs/conf.h"
#include "manrs/rules.h"
#include "manrs/vendor.h"
#include "vendor_pick.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mc_check_opts co;
	mc_device_result res;
	mc_device *dev;
	mc_vendor v;
	mc_arena *a;
	mc_diag d;

	if (size == 0)
		return 0;
	v = fuzz_vendor_pick(&data, &size);
	a = mc_arena_new();
	mc_diag_init(&d, a);
	dev = mc_parse_config(a, "fuzz", (const char *)data, size, v, &d);
	if (dev != NULL) {
		memset(&co, 0, sizeof(co));
		memset(&res, 0, sizeof(res));
		mc_check_device(dev, &co, &res);
	}
	mc_arena_free(a);
	return 0;
}
