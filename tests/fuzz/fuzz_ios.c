/*
 * libFuzzer target: the IOS family reader and extractor.  The first byte
 * picks the vendor (forced IOS, IOS-XE, EOS, FRR, or detection); the rest
 * is the configuration.  Any crash, sanitizer report or hang is a bug.
 *   make fuzz && build/fuzz/fuzz_ios -max_len=65536 -timeout=5 CORPUS_DIR
 */
#include <stddef.h>
#include <stdint.h>

#include "manrs/conf.h"
#include "manrs/vendor.h"
#include "vendor_pick.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mc_vendor v;
	mc_arena *a;
	mc_diag d;

	if (size == 0)
		return 0;
	v = fuzz_vendor_pick(&data, &size);
	a = mc_arena_new();
	mc_diag_init(&d, a);
	(void)mc_detect_vendor((const char *)data, size);
	(void)mc_parse_config(a, "fuzz", (const char *)data, size, v, &d);
	/* the bare reader too, as other vendors use it */
	(void)mc_indent_parse(a, "fuzz", (const char *)data, size, &d);
	mc_arena_free(a);
	return 0;
}
