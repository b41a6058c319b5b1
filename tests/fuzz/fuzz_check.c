/*
 * libFuzzer target: the whole check of an IOS-family configuration (the
 * policy engine, the rules, the findings), not only the reader.  The first
 * byte picks the vendor as fuzz_ios does; the rest is the configuration.
 * When its top bit is set, the check leaves a brief (as the CLI does for
 * the text report), the model is freed, and the text, SARIF and JSON
 * reports are written from the brief alone.
 * Any crash, sanitizer report, leak or hang is a bug: the engine's bounds
 * (steps per evaluation, nesting, set sizes) must hold on any input.
 *   make fuzz && build/fuzz/fuzz_check -max_len=16384 -timeout=10 CORPUS_DIR
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "manrs/conf.h"
#include "manrs/report.h"
#include "manrs/rules.h"
#include "manrs/vendor.h"
#include "vendor_pick.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The reports that read only the brief, written to nowhere. */
static void
report_brief(mc_device_result *res, const mc_check_opts *co)
{
	mc_run run;
	FILE *fp = fopen("/dev/null", "w");

	if (fp == NULL)
		return;
	memset(&run, 0, sizeof(run));
	run.results = res;
	run.nresults = 1;
	run.verbose = true;
	run.fail_on = MC_SEV_ERROR;
	run.check = co;
	mc_report_text(fp, &run);
	mc_report_sarif(fp, &run);
	mc_report_json(fp, &run);
	/* and the -q lines: their own writer (text.c, finding_quiet) */
	run.verbose = false;
	run.quiet = true;
	mc_report_text(fp, &run);
	fclose(fp);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mc_check_opts co;
	mc_device_result res;
	mc_device *dev;
	mc_vendor v;
	mc_arena *a, *b;
	mc_diag d;
	bool brief;

	if (size == 0)
		return 0;
	brief = (data[0] & 0x80) != 0;
	v = fuzz_vendor_pick(&data, &size);
	a = mc_arena_new();
	mc_diag_init(&d, a);
	dev = mc_parse_config(a, "fuzz", (const char *)data, size, v, &d);
	if (dev == NULL) {
		mc_arena_free(a);
		return 0;
	}
	memset(&co, 0, sizeof(co));
	memset(&res, 0, sizeof(res));
	if (!brief) {
		mc_check_device(dev, &co, &res);
		mc_arena_free(a);
		return 0;
	}
	b = mc_arena_new();
	mc_check_device_brief(dev, &co, &res, b, mc_report_json_prepare);
	mc_arena_free(a);	/* nothing of the model may be read below */
	report_brief(&res, &co);
	mc_arena_free(b);
	return 0;
}
