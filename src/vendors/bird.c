/* BIRD extractor: placeholder until the vendor lands (issue 3). */
#include "manrs/vendor.h"

mc_device *
mc_extract_bird(mc_arena *a, const char *file, const char *buf, size_t len,
    mc_diag *d)
{
	(void)a;
	(void)buf;
	(void)len;
	mc_diag_error(d, file, 0, "BIRD configuration detected: not yet supported");
	return NULL;
}
