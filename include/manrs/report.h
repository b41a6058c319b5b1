/* Reports: one file per format under src/report. */
#ifndef MANRS_REPORT_H
#define MANRS_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "manrs/diag.h"
#include "manrs/rules.h"

#define MANRS_VERSION "0.1.0"
#define MANRS_SCHEMA "manrs-check/1"

/* Counts of a run's findings (summary lines, exit status). */
typedef struct mc_report_counts {
	size_t findings;		/* neither waived nor baselined */
	size_t waived;
	size_t by_sev[3];		/* neither waived nor baselined */
	size_t errors;			/* input errors */
	size_t baselined;		/* not waived, in the baseline */
} mc_report_counts;

typedef struct mc_run {
	mc_device_result *results;	/* sorted by file */
	size_t nresults;
	const mc_diag *diag;		/* input errors */
	bool color;
	bool quiet;			/* only findings and the summary line */
	bool verbose;			/* also neighbours without findings, trace */
	mc_severity fail_on;
	/* Actions that could not be judged for lack of data (network-wide). */
	const mc_check_opts *check;	/* the rules selected (JUnit lists the
					 * ones that passed); may be NULL */
	/* A rule's documentation (Markdown), NULL if unknown: the CLI embeds
	 * docs/rules; SARIF uses it for the rules' help.  May be NULL. */
	const char *(*rule_doc)(const char *id);
	bool baseline_used;		/* --baseline or --write-baseline given */
	/* Not NULL: the text report's devices were written one by one while
	 * the check ran (mc_report_text_device), and the results keep no
	 * findings (nor devices); these are their counts (mc_report_tally).
	 * The text report then writes only the errors and the summary. */
	const mc_report_counts *streamed;
} mc_run;

typedef int (*mc_report_fn)(FILE *, const mc_run *);

int mc_report_text(FILE *, const mc_run *);
/* The text report's part for one device (with r->quiet its lines, in
 * report order); r gives the options.  Written for each device in file
 * order, as mc_walk gives them, then mc_report_text with r->streamed set,
 * the bytes are mc_report_text's. */
int mc_report_text_device(FILE *, const mc_run *r, const mc_device_result *);
/* Add a device's findings to c (not its errors). */
void mc_report_tally(const mc_device_result *, mc_report_counts *c);
int mc_report_json(FILE *, const mc_run *);
int mc_report_sarif(FILE *, const mc_run *);	/* SARIF 2.1.0 */
int mc_report_junit(FILE *, const mc_run *);	/* JUnit XML */
int mc_report_markdown(FILE *, const mc_run *);	/* a merge-request comment */
int mc_report_html(FILE *, const mc_run *);	/* one self-contained page */
/* Looks a format up by name ("text", "json", ...); NULL if unknown. */
mc_report_fn mc_report_for(const char *format);
/* Does the format read the whole device model, or only the findings and
 * mc_device_brief?  (Unknown formats: true.) */
bool mc_report_needs_model(const char *format);
/* What a format takes from a checked device while its whole model is
 * there, into the result (in a), so that the model can then be freed and
 * the brief kept; NULL when it needs nothing more than the brief. */
typedef mc_result_hook mc_report_prepare_fn;
mc_report_prepare_fn mc_report_prepare_for(const char *format);
/* The JSON report's: the device's object, written now (res->json). */
void mc_report_json_prepare(mc_device_result *, mc_arena *a);

/* Network-wide action status: worst over devices. */
mc_action_status mc_run_action(const mc_run *, int action);

/* The exit status the CLI gives this run: 2 when there are input errors
 * (they win over findings), 1 when a finding that is neither waived nor
 * baselined is at or above fail_on, else 0. */
int mc_run_exit_status(const mc_run *);

/* A finding's stable identity (src/report/fingerprint.c): 32 hex digits
 * of SHA-256 over rule, file, hostname, neighbour, VRF, interface and the
 * message with line numbers blanked, so that moving lines changes
 * nothing.  JSON, SARIF and baselines share it. */
#define MC_FINGERPRINT_LEN 32
void mc_finding_fingerprint(const mc_finding *, char out[MC_FINGERPRINT_LEN + 1]);

/* Baselines (src/report/baseline.c), schema "manrs-check-baseline/1". */
#define MANRS_BASELINE_SCHEMA "manrs-check-baseline/1"
typedef struct mc_baseline mc_baseline;
/* NULL with an error in diag (naming path) when unreadable or invalid. */
mc_baseline *mc_baseline_load(const char *path, mc_diag *);
void mc_baseline_free(mc_baseline *);
/* Marks every finding that is not waived and whose fingerprint the
 * baseline holds (each entry matches once) as baselined; returns how
 * many. */
size_t mc_baseline_apply(const mc_baseline *, mc_run *);
/* Marks every finding that is not waived as baselined (what
 * --write-baseline accepts); returns how many. */
size_t mc_baseline_accept(mc_run *);
/* The fingerprints of the findings that are not waived, as JSON. */
int mc_baseline_write(FILE *, const mc_run *);

#endif
