/* The command-line program: internal interfaces between src/cli files. */
#ifndef MANRS_CLI_H
#define MANRS_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "manrs/diag.h"
#include "manrs/policyfile.h"
#include "manrs/report.h"
#include "manrs/rules.h"
#include "manrs/vendor.h"

/* Files larger than this are rejected with a clear error (see README). */
#define MC_FILE_MAX ((size_t)512 * 1024 * 1024)
/* Directory recursion depth. */
#define MC_WALK_DEPTH 64

/* Usage/option errors and input errors both exit 2. */
enum { MC_EXIT_OK = 0, MC_EXIT_FINDINGS = 1, MC_EXIT_ERROR = 2 };

typedef struct mc_paths {
	MC_VEC(const char *) v;		/* arena strings, sorted per argument */
} mc_paths;

/* walk.c: expand files and directories into configuration files.  Errors
 * (missing path, unreadable directory, ...) go to diag. */
void mc_walk(mc_arena *, char *const *args, int nargs, mc_paths *, mc_diag *);
/* Read a whole file into the arena (NUL-terminated); NULL with an error in
 * diag when it is missing, unreadable, not regular, empty, binary or too big. */
char *mc_read_file(mc_arena *, const char *path, size_t *len, mc_diag *);

/* run.c: parse and check every file with nthreads workers. */
typedef struct mc_run_opts {
	mc_vendor vendor;		/* MC_VENDOR_UNKNOWN: detect */
	const mc_check_opts *check;
	int jobs;
	bool brief;			/* keep only mc_result_brief of each device */
	mc_report_prepare_fn prepare;	/* with brief: what the report takes first */
	/* With brief, not NULL: each device's result goes to emit in file
	 * order, as soon as the files before it are done, and is then freed
	 * but for its action statuses (mc_run_state keeps it with no
	 * findings and no device).  Errors reach diag in file order too.
	 * Calls never overlap. */
	void (*emit)(void *ctx, const mc_device_result *);
	void *emit_ctx;
} mc_run_opts;

typedef struct mc_run_state {
	mc_arena **arenas;		/* one per file; freed by mc_run_free */
	mc_device_result *results;	/* parsed devices, in file order */
	size_t nresults;
	size_t nfiles;
} mc_run_state;

void mc_run_files(const mc_paths *, const mc_run_opts *, mc_run_state *,
    mc_diag *);
void mc_run_free(mc_run_state *);
int mc_default_jobs(void);

/* subcommands.c */
int mc_cmd_rules(int argc, char **argv);
int mc_cmd_explain(int argc, char **argv);
int mc_cmd_model(int argc, char **argv);
int mc_cmd_eval(int argc, char **argv);

/* Shared by subcommands and main. */
void mc_print_errors(FILE *, const mc_diag *);
bool mc_today(int *y, int *m, int *d);	/* MANRS_TODAY or the local date */
const mc_policyfile *mc_load_policy(mc_arena *, const char *path, bool given,
    mc_diag *);

/* The generated build/gen/ruledocs.c: docs/rules/<ID>.md embedded. */
typedef struct mc_rule_doc {
	const char *id;
	const char *text;
} mc_rule_doc;
extern const mc_rule_doc mc_rule_docs[];
extern const size_t mc_nrule_docs;

#endif
