/* PeeringDB: the JSON dump ({"net":{"data":[...]}, "poc":..., "netixlan":...}). */
#ifndef MANRS_PEERINGDB_H
#define MANRS_PEERINGDB_H

#include <stddef.h>
#include <stdint.h>

#include "manrs/diag.h"

typedef struct mc_pdb_net {
	uint32_t asn;
	long id;
	const char *name;
	const char *irr_as_set;		/* "" when not set */
	unsigned ncontacts;		/* NOC/Abuse pocs with e-mail or phone */
	unsigned npocs;			/* all pocs of the network */
	unsigned nixlan;		/* netixlan records */
} mc_pdb_net;

/* Loaded once, then shared read-only by every thread. */
typedef struct mc_pdb mc_pdb;

mc_pdb *mc_pdb_new(void);
void mc_pdb_free(mc_pdb *);
/* Returns 0, or -1 with an error (file:line) in d.  Each file's poc and
 * netixlan records refer to the nets of the same file. */
int mc_pdb_load(mc_pdb *, const char *path, mc_diag *d);
int mc_pdb_load_buf(mc_pdb *, const char *name, const char *buf, size_t len,
    mc_diag *d);
size_t mc_pdb_count(const mc_pdb *);
/* The network record of an ASN, NULL if none. */
const mc_pdb_net *mc_pdb_net_by_asn(const mc_pdb *, uint32_t asn);

#endif
