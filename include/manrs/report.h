/* Reports: one file per format under src/report. */
#ifndef MANRS_REPORT_H
#define MANRS_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "manrs/diag.h"
#include "manrs/rules.h"

#define MANRS_VERSION "0.1.0"
#define MANRS_SCHEMA "manrs-check/1"

typedef struct mc_run {
	mc_device_result *results;	/* sorted by file */
	size_t nresults;
	const mc_diag *diag;		/* input errors */
	bool color;
	bool quiet;			/* only findings and the summary line */
	bool verbose;			/* also neighbours without findings, trace */
	mc_severity fail_on;
	/* Actions that could not be judged for lack of data (network-wide). */
} mc_run;

typedef int (*mc_report_fn)(FILE *, const mc_run *);

int mc_report_text(FILE *, const mc_run *);
int mc_report_json(FILE *, const mc_run *);
/* Looks a format up by name ("text", "json", ...); NULL if unknown. */
mc_report_fn mc_report_for(const char *format);

/* Network-wide action status: worst over devices. */
mc_action_status mc_run_action(const mc_run *, int action);

/* The exit status the CLI gives this run: 2 when there are input errors
 * (they win over findings), 1 when a finding that is not waived is at or
 * above fail_on, else 0. */
int mc_run_exit_status(const mc_run *);

#endif
