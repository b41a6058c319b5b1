/*
 * The IOS-family fuzz targets' first byte: which reader to force (or none:
 * detection decides), taken off the input.
 */
#ifndef FUZZ_VENDOR_PICK_H
#define FUZZ_VENDOR_PICK_H

#include <stddef.h>
#include <stdint.h>

#include "manrs/model.h"

static inline mc_vendor
fuzz_vendor_pick(const uint8_t **data, size_t *size)
{
	static const mc_vendor pick[] = { MC_VENDOR_UNKNOWN, MC_VENDOR_IOS,
	    MC_VENDOR_IOSXE, MC_VENDOR_EOS, MC_VENDOR_FRR };
	mc_vendor v = pick[**data % (sizeof(pick) / sizeof(pick[0]))];

	(*data)++;
	(*size)--;
	return v;
}

#endif
