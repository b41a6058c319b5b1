/* Configuration hygiene.  CFG-WAIVER-EXPIRED is emitted by check.c when
 * it applies waivers. */
#include <string.h>

#include "rules_int.h"

void
mc_chk_unparsed(mc_rule_ctx *ctx, const mc_rule *r)
{
	const mc_device *d = ctx->dev;
	const char *ex = "";
	size_t i;

	if (d->unrecognized <= 0)
		return;
	for (i = 0; i < d->unparsed.n && i < 3; i++) {
		const mc_unparsed *u = &d->unparsed.v[i];

		ex = mc_printf(ctx->arena, "%s%sline %d%s%s%s: '%s'", ex,
		    i == 0 ? "" : "; ", u->line, u->section != NULL ? " (" : "",
		    u->section != NULL ? u->section : "",
		    u->section != NULL ? ")" : "", u->text != NULL ? u->text : "");
	}
	mc_emit(ctx, r, d->unparsed.n > 0 ? d->unparsed.v[0].line : 0, NULL,
	    NULL, "%d line%s inside BGP, policy, interface or ACL sections "
	    "%s not understood; the analysis of the objects they belong to "
	    "may be incomplete%s%s", d->unrecognized,
	    d->unrecognized == 1 ? "" : "s",
	    d->unrecognized == 1 ? "was" : "were", *ex != '\0' ? ": " : "", ex);
}
