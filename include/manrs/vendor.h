/* Vendor detection and extraction: text -> device model. */
#ifndef MANRS_VENDOR_H
#define MANRS_VENDOR_H

#include <stddef.h>

#include "manrs/diag.h"
#include "manrs/model.h"

/* Guess the vendor from content only.  Never MC_VENDOR_IOS for text that
 * merely looks like config: MC_VENDOR_UNKNOWN when unsure. */
mc_vendor mc_detect_vendor(const char *buf, size_t len);

/* Whether an extractor exists for the vendor (others are detected and
 * reported as not yet supported). */
int mc_vendor_supported(mc_vendor);

/* Parse a whole file.  forced = MC_VENDOR_UNKNOWN to detect.  Returns the
 * device (allocated in the arena) or NULL with an error in diag. */
mc_device *mc_parse_config(mc_arena *, const char *file, const char *buf,
    size_t len, mc_vendor forced, mc_diag *);

/* Per-family extractors (src/vendors/<family>.c). */
mc_device *mc_extract_ios_family(mc_arena *, const char *file,
    const char *buf, size_t len, mc_vendor, mc_diag *);
mc_device *mc_extract_iosxr(mc_arena *, const char *file, const char *buf,
    size_t len, mc_diag *);
mc_device *mc_extract_junos(mc_arena *, const char *file, const char *buf,
    size_t len, mc_diag *);
mc_device *mc_extract_bird(mc_arena *, const char *file, const char *buf,
    size_t len, mc_diag *);
mc_device *mc_extract_openbgpd(mc_arena *, const char *file, const char *buf,
    size_t len, mc_diag *);

/* An inline waiver comment "manrs-check: ignore RULE-ID [expires
 * YYYY-MM-DD] reason..." (text from the comment character on; other
 * "manrs-check:" comments are ignored): adds an mc_inline_waiver on line
 * `line` covering lines first..last.  Returns whether it was one. */
int mc_waiver_from_comment(mc_device *, const char *text, size_t len,
    int line, int first, int last);

/* Resolution after extraction (src/model/resolve.c): validates references,
 * fills per-vendor chain defaults.  Inheritance is resolved by extractors. */
void mc_resolve(mc_device *);

#endif
