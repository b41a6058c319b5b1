/* Rules: one file per MANRS action; a registry table names them all. */
#ifndef MANRS_RULES_H
#define MANRS_RULES_H

#include <stdbool.h>
#include <stdint.h>

#include "manrs/model.h"
#include "manrs/policy.h"
#include "manrs/policyfile.h"

typedef enum mc_severity { MC_SEV_INFO = 0, MC_SEV_WARNING, MC_SEV_ERROR } mc_severity;
const char *mc_severity_name(mc_severity);
int mc_severity_from_name(const char *);	/* -1 if unknown */

typedef struct mc_finding {
	const char *rule;
	int action;		/* 1..4; 0 for session security / hygiene */
	mc_severity severity;
	const char *file;
	int line;
	const char *hostname;
	mc_vendor vendor;
	const char *neighbor;	/* address/name, NULL: device-level */
	const char *vrf;
	const char *interface;	/* NULL unless about an interface */
	const char *message;
	bool has_example;
	const char *ex_prefix, *ex_path, *ex_comms, *ex_rov;	/* counter-example route */
	const char *decided_by;	/* the policy term that let it through */
	const char *fix;	/* vendor lines that fix it */
	bool waived;
	const char *waiver_reason;
	bool baselined;		/* in the --baseline file: shown, not counted
				 * for the exit status (set by the CLI) */
} mc_finding;

typedef enum mc_action_status { MC_ACT_PASS = 0, MC_ACT_UNKNOWN, MC_ACT_FAIL } mc_action_status;
const char *mc_action_status_name(mc_action_status);

/* External data; members are NULL until their loaders land. */
typedef struct mc_data {
	const void *vrps;
	const void *irr;
	const void *peeringdb;
	const uint32_t *transit_free;	/* the list in force */
	size_t ntransit_free;
} mc_data;

enum { MC_DATA_VRPS = 1, MC_DATA_IRR = 2, MC_DATA_PEERINGDB = 4 };

typedef struct mc_rule_ctx mc_rule_ctx;

typedef struct mc_rule {
	const char *id;
	int action;
	mc_severity severity;
	unsigned roles;		/* mask of 1u << mc_role the rule applies to */
	unsigned needs;		/* MC_DATA_* required */
	const char *title;
	void (*check)(mc_rule_ctx *, const struct mc_rule *);
} mc_rule;

const mc_rule *mc_rules(size_t *n);
const mc_rule *mc_rule_find(const char *id);

typedef struct mc_check_opts {
	const mc_policyfile *policy;	/* may be NULL */
	const mc_data *data;		/* may be NULL */
	const char *only;		/* --rules: comma list, NULL all */
	const char *skip;		/* --skip: comma list */
	int today_y, today_m, today_d;	/* for waiver expiry */
	bool no_fix;			/* the report shows no fix texts:
					 * findings get none (fix NULL) */
} mc_check_opts;

typedef struct mc_device_result {
	mc_device *dev;
	MC_VEC(mc_finding) findings;	/* sorted by line, rule */
	mc_action_status actions[5];	/* index 1..4 */
	/* The JSON report's object for the device, written while the whole
	 * model was there (mc_report_json_prepare); NULL: the report builds
	 * it from dev. */
	const char *json;
} mc_device_result;

/* Assign roles, run every selected rule, apply waivers, sort. */
void mc_check_device(mc_device *, const mc_check_opts *, mc_device_result *);
/* Keep only what the text, SARIF, Markdown and HTML reports read: the
 * findings and the device's brief (mc_device_brief), copied into a; the
 * device's own arena may then be freed. */
void mc_result_brief(mc_device_result *, mc_arena *a);
/* mc_check_device, then mc_result_brief into a (not NULL), without
 * copying the findings twice.  before, if not NULL, runs first, while the
 * result still has the whole device (a report that needs more than the
 * brief takes it there, into a). */
typedef void (*mc_result_hook)(mc_device_result *, mc_arena *a);
void mc_check_device_brief(mc_device *, const mc_check_opts *,
    mc_device_result *, mc_arena *a, mc_result_hook before);

/* The context rules see. */
struct mc_rule_ctx {
	mc_device *dev;
	mc_engine *engine;
	const mc_check_opts *opts;
	mc_device_result *res;
	mc_arena *arena;
	/* Where a finding's own text goes (mc_emit, mc_finding_example): the
	 * arena the findings are kept in, which outlives arena.  NULL: arena. */
	mc_arena *keep;
	struct mc_rule_cache *cache;	/* rules layer internal (src/rules/rules_int.h) */
	bool incomplete;	/* set by a rule that could not decide (e.g. no usable data):
				 * its action is then "unknown" unless it fails */
};

/* Used by rule implementations.  A finding's message, example and deciding
 * step are set by these two only: they write them into ctx->keep, and
 * the check keeps the findings without copying those fields again, so a
 * text a rule put there from ctx->arena would not outlive the check. */
mc_finding *mc_emit(mc_rule_ctx *, const mc_rule *, int line,
    const mc_neighbor *, const char *iface, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
void mc_finding_example(mc_rule_ctx *, mc_finding *, const mc_route *,
    const mc_eval_result *);

/* Role inference (src/rules/roles.c). */
void mc_assign_roles(mc_device *, const mc_policyfile *);
bool mc_is_ebgp(const mc_device *, const mc_neighbor *);

/* Built-in data (src/data/bogons.c). */
const mc_rangeset *mc_bogon_prefixes(mc_arena *, int af);	/* every bogon and more-specific */
bool mc_asn_is_bogon(uint32_t);
const uint32_t *mc_transit_free_default(size_t *n);
/* The bogon table entry covering q ("10.0.0.0/8", "fc00::/7", "outside
 * 2000::/3"), NULL when q is not a bogon; and why it is one. */
const char *mc_bogon_label(const mc_prefix *q);
const char *mc_bogon_reason(const mc_prefix *q);
bool mc_prefix_is_bogon(const mc_prefix *q);
/* The bogon prefixes as text, for the filters fix texts propose. */
const char *const *mc_bogon_table(int af, size_t *n);
/* One ASN of each bogon block, for probes. */
const uint32_t *mc_bogon_asn_probes(size_t *n);

/* Interface names as operators abbreviate them: "Gi0/1" names
 * "GigabitEthernet0/1" (case-insensitive; the number part must be equal). */
bool mc_ifname_match(const char *pattern, const char *name);

#endif
