/* RPKI Validated ROA Payloads and route origin validation (RFC 6811). */
#ifndef MANRS_VRP_H
#define MANRS_VRP_H

#include <stddef.h>
#include <stdint.h>

#include "manrs/diag.h"
#include "manrs/prefix.h"

typedef struct mc_vrp {
	mc_prefix p;
	uint8_t maxlen;
	uint32_t asn;
} mc_vrp;

/* A VRP set is loaded once and then shared read-only by every thread. */
typedef struct mc_vrps mc_vrps;

mc_vrps *mc_vrps_new(void);
void mc_vrps_free(mc_vrps *);
/* rpki-client JSON, Routinator JSON, CSV (rpki-client/Routinator), the
 * OpenBGPD roa-set and BIRD 1/2 ROA outputs of rpki-client; the format is
 * detected from content.  Returns 0, or -1 with an error (file:line) in d. */
int mc_vrps_load(mc_vrps *, const char *path, mc_diag *d);
int mc_vrps_load_buf(mc_vrps *, const char *name, const char *buf,
    size_t len, mc_diag *d);
void mc_vrps_add(mc_vrps *, const mc_vrp *);
/* The VRPs an RPKI-to-Router cache (RFC 8210) serves, added to the set:
 * "HOST:PORT" or "[ADDR]:PORT"; gives up after timeout seconds (0: the
 * default).  Returns 0, or -1 with an error in d. */
#define MC_RTR_TIMEOUT 30
int mc_vrps_load_rtr(mc_vrps *, const char *hostport, unsigned timeout,
    mc_diag *d);
size_t mc_vrps_count(mc_vrps *);
/* RFC 6811: MC_ROV_VALID, MC_ROV_INVALID or MC_ROV_NOTFOUND (policy.h). */
int mc_vrps_validate(mc_vrps *, const mc_prefix *, uint32_t origin);
/* The VRPs covering p (at most max written); returns how many cover it. */
size_t mc_vrps_covering(mc_vrps *, const mc_prefix *, const mc_vrp **out,
    size_t max);

#endif
