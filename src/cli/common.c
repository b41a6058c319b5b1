/* Helpers the subcommands share: errors on stderr, today's date, the
 * policy file. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

void
mc_print_errors(FILE *fp, const mc_diag *d)
{
	size_t i;

	for (i = 0; i < d->errors.n; i++) {
		const mc_error *e = &d->errors.v[i];

		if (e->file != NULL && e->line > 0)
			fprintf(fp, "manrs-check: %s:%d: %s\n", e->file,
			    e->line, e->message);
		else if (e->file != NULL)
			fprintf(fp, "manrs-check: %s: %s\n", e->file,
			    e->message);
		else
			fprintf(fp, "manrs-check: %s\n", e->message);
	}
}

static bool
valid_date(int y, int m, int d)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };

	if (y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1)
		return false;
	if (d > mdays[m - 1])
		return false;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return false;
	return true;
}

/* MANRS_TODAY=YYYY-MM-DD fixes the date (tests, reproducible reports). */
bool
mc_today(int *y, int *m, int *d)
{
	const char *env = getenv("MANRS_TODAY");
	struct tm tm;
	time_t now;
	char tail;

	if (env != NULL && env[0] != '\0') {
		if (sscanf(env, "%4d-%2d-%2d%c", y, m, d, &tail) != 3 ||
		    strlen(env) != 10 || !valid_date(*y, *m, *d)) {
			fprintf(stderr, "manrs-check: MANRS_TODAY=%s: expected "
			    "a date YYYY-MM-DD\n", env);
			return false;
		}
		return true;
	}
	now = time(NULL);
	if (localtime_r(&now, &tm) == NULL)
		return false;
	*y = tm.tm_year + 1900;
	*m = tm.tm_mon + 1;
	*d = tm.tm_mday;
	return true;
}

/* The policy file named with --policy, else ./manrs-check.yaml when it
 * exists, else none (NULL with no error). */
const mc_policyfile *
mc_load_policy(mc_arena *a, const char *path, bool given, mc_diag *diag)
{
	const mc_policyfile *pf;
	size_t nerr = diag->errors.n;

	if (!given) {
		if (access("manrs-check.yaml", F_OK) != 0)
			return NULL;
		path = "manrs-check.yaml";
	}
	pf = mc_policyfile_load(a, path, diag);
	if (pf == NULL && diag->errors.n == nerr)
		mc_diag_error(diag, path, 0, "cannot load the policy file");
	return pf;
}
