/* The YAML policy file (DESIGN.md section 7): roles, own prefixes, waivers. */
#ifndef MANRS_POLICYFILE_H
#define MANRS_POLICYFILE_H

#include <stdbool.h>
#include <stdint.h>

#include "manrs/diag.h"
#include "manrs/model.h"

typedef struct mc_nbr_match {
	const char *device;		/* hostname or file name; NULL any */
	const char *address;
	const char *vrf;
	const char *description;	/* PCRE2 pattern ("(?i)" allowed) */
	bool has_remote_as;
	uint32_t remote_as;
	mc_role role;
	const char *as_set;
	MC_VEC(mc_prefix) prefixes;	/* customer's prefixes, optional */
	int line;
} mc_nbr_match;

typedef struct mc_iface_match {
	const char *device, *name;
	mc_role role;
	int line;
} mc_iface_match;

typedef struct mc_waiver {
	const char *rule;	/* rule ID */
	const char *device, *neighbor, *interface;
	const char *reason;
	int exp_y, exp_m, exp_d;	/* 0: never expires */
	int line;
} mc_waiver;

typedef struct mc_policyfile {
	const char *file;
	uint32_t asn;
	MC_VEC(mc_prefix) prefixes;	/* what we originate */
	const char *as_set;
	MC_VEC(mc_nbr_match) neighbors;
	MC_VEC(mc_iface_match) interfaces;
	MC_VEC(mc_waiver) waivers;
	MC_VEC(uint32_t) transit_free;	/* empty: built-in list */
} mc_policyfile;

/* NULL with an error (file:line) in diag on a bad file. */
mc_policyfile *mc_policyfile_load(mc_arena *, const char *path, mc_diag *);
/* The same from text in memory; errors name `name`. */
mc_policyfile *mc_policyfile_parse(mc_arena *, const char *name,
    const char *text, size_t len, mc_diag *);

#endif
