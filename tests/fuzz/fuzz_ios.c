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

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const mc_vendor pick[] = { MC_VENDOR_UNKNOWN, MC_VENDOR_IOS,
	    MC_VENDOR_IOSXE, MC_VENDOR_EOS, MC_VENDOR_FRR };
	mc_vendor v;
	mc_arena *a;
	mc_diag d;

	if (size == 0)
		return 0;
	v = pick[data[0] % (sizeof(pick) / sizeof(pick[0]))];
	data++;
	size--;
	a = mc_arena_new();
	mc_diag_init(&d, a);
	(void)mc_detect_vendor((const char *)data, size);
	(void)mc_parse_config(a, "fuzz", (const char *)data, size, v, &d);
	/* the bare reader too, as other vendors use it */
	(void)mc_indent_parse(a, "fuzz", (const char *)data, size, &d);
	mc_arena_free(a);
	return 0;
}
