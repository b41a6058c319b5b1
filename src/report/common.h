/* Shared by the report formats (not a public interface). */
#ifndef MANRS_REPORT_COMMON_H
#define MANRS_REPORT_COMMON_H

#include <stddef.h>

#include "manrs/report.h"

/* Every finding of the run, sorted by file, line, rule (then neighbour,
 * interface, message): one order for every format.  Caller frees. */
const mc_finding **mc_report_sorted(const mc_run *, size_t *n);

/* The run's counts (r->streamed's when the findings were streamed). */
void mc_report_count(const mc_run *, mc_report_counts *);
int mc_finding_cmp(const mc_finding *, const mc_finding *);
void mc_findings_sort(const mc_finding **, size_t);

/* Escaping shared by the XML/HTML and Markdown writers (src/report/esc.c).
 * Bytes that are not UTF-8 become U+FFFD; control characters other than
 * tab and newline become U+FFFD too (XML 1.0 forbids them). */
void mc_xml_esc(FILE *, const char *, bool attr);	/* &<>"' ; attr: \n, \t as refs */
void mc_xml_escn(FILE *, const char *, size_t n, bool attr);	/* n bytes of it */
void mc_md_esc(FILE *, const char *, size_t max);	/* table cell, at most max bytes */
/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid. */
size_t mc_utf8_len(const unsigned char *s, size_t n);	/* XML */
size_t mc_utf8_seq_len(const unsigned char *s, size_t n);	/* JSON */
const char *mc_action_title(int action);	/* "Filtering", ... ; 0: "Session security and hygiene" */
/* "action" / "rule": the rule's title from the registry, "" if unknown. */
const char *mc_rule_title(const char *id);
/* Neighbour lookup for findings (nbrmap.c): the index in dev->neighbors
 * of the neighbour a finding names (address or name, and VRF), -1 if
 * none. */
typedef struct mc_nbrent {
	const char *key, *vrf;
	size_t idx;
} mc_nbrent;
typedef struct mc_nbrmap {
	mc_nbrent *v;
	size_t n;
} mc_nbrmap;
void mc_nbrmap_init(mc_nbrmap *, const mc_device *);
long mc_nbrmap_find(const mc_nbrmap *, const mc_finding *);
void mc_nbrmap_free(mc_nbrmap *);

/* The SHA-256 of n bytes in hex (fingerprint.c; for its unit test). */
void mc_sha256_hex(const char *s, size_t n, char out[65]);

#endif
