/* Shared by the report formats (not a public interface). */
#ifndef MANRS_REPORT_COMMON_H
#define MANRS_REPORT_COMMON_H

#include <stddef.h>

#include "manrs/report.h"

/* Every finding of the run, sorted by file, line, rule (then neighbour,
 * interface, message): one order for every format.  Caller frees. */
const mc_finding **mc_report_sorted(const mc_run *, size_t *n);

typedef struct mc_report_counts {
	size_t findings;		/* not waived */
	size_t waived;
	size_t by_sev[3];		/* not waived, per mc_severity */
	size_t errors;			/* input errors */
} mc_report_counts;

void mc_report_count(const mc_run *, mc_report_counts *);
int mc_finding_cmp(const mc_finding *, const mc_finding *);
void mc_findings_sort(const mc_finding **, size_t);

#endif
