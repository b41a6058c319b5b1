/* Whole-file entry point: checks, vendor detection, dispatch. */
#include <ctype.h>
#include <string.h>

#include "manrs/conf.h"
#include "manrs/vendor.h"

static const char *
long_name(mc_vendor v)
{
	switch (v) {
	case MC_VENDOR_NXOS:
		return "NX-OS";
	case MC_VENDOR_SROS:
		return "Nokia SR OS";
	case MC_VENDOR_VRP:
		return "Huawei VRP";
	case MC_VENDOR_ROUTEROS:
		return "MikroTik RouterOS";
	default:
		return mc_vendor_name(v);
	}
}

static int
blank_or_comments(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;

	while (p < end) {
		while (p < end && isspace((unsigned char)*p))
			p++;
		if (p == end)
			return 1;
		if (*p != '!' && *p != '#')
			return 0;
		p = memchr(p, '\n', (size_t)(end - p));
		if (p == NULL)
			return 1;
	}
	return 1;
}

mc_device *
mc_parse_config(mc_arena *a, const char *file, const char *buf, size_t len,
    mc_vendor forced, mc_diag *diag)
{
	mc_device *d = NULL;
	mc_vendor v;
	int bad;

	if (len > MC_CONF_MAX_BYTES) {
		mc_diag_error(diag, file, 0, "file too large (%zu bytes; the "
		    "limit is %u MiB)", len, MC_CONF_MAX_BYTES >> 20);
		return NULL;
	}
	if (!mc_is_text(buf, len, &bad)) {
		mc_diag_error(diag, file, bad, "binary content: not a "
		    "configuration file");
		return NULL;
	}
	if (blank_or_comments(buf, len)) {
		mc_diag_error(diag, file, 0, "empty configuration");
		return NULL;
	}
	v = forced != MC_VENDOR_UNKNOWN ? forced : mc_detect_vendor(buf, len);
	switch (v) {
	case MC_VENDOR_IOS:
	case MC_VENDOR_IOSXE:
	case MC_VENDOR_EOS:
	case MC_VENDOR_FRR:
		d = mc_extract_ios_family(a, file, buf, len, v, diag);
		break;
	case MC_VENDOR_IOSXR:
		d = mc_extract_iosxr(a, file, buf, len, diag);
		break;
	case MC_VENDOR_JUNOS:
		d = mc_extract_junos(a, file, buf, len, diag);
		break;
	case MC_VENDOR_BIRD:
		d = mc_extract_bird(a, file, buf, len, diag);
		break;
	case MC_VENDOR_OPENBGPD:
		d = mc_extract_openbgpd(a, file, buf, len, diag);
		break;
	case MC_VENDOR_NXOS:
	case MC_VENDOR_SROS:
	case MC_VENDOR_VRP:
	case MC_VENDOR_ROUTEROS:
		mc_diag_error(diag, file, 0, "%s configuration detected: not "
		    "yet supported", long_name(v));
		return NULL;
	default:
		mc_diag_error(diag, file, 0, "could not recognise the "
		    "configuration's vendor (use --vendor)");
		return NULL;
	}
	if (d == NULL)
		return NULL;
	if (d->lines == 0) {
		const char *p = buf, *end = buf + len;

		while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
			d->lines++;
			p++;
		}
		if (len > 0 && buf[len - 1] != '\n')
			d->lines++;
	}
	mc_resolve(d);
	return d;
}

/* ---- inline waivers ----------------------------------------------------- */

static const char *
skipsp(const char *s, const char *e)
{
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

static const char *
wend(const char *s, const char *e)
{
	while (s < e && *s != ' ' && *s != '\t')
		s++;
	return s;
}

static int
date(const char *s, const char *e, int *y, int *m, int *dd)
{
	if (e - s != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return 0;
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*dd = (s[8] - '0') * 10 + (s[9] - '0');
	return *m >= 1 && *m <= 12 && *dd >= 1 && *dd <= 31;
}

int
mc_waiver_from_comment(mc_device *d, const char *text, size_t len, int line,
    int first, int last)
{
	const char *e = text + len, *s, *r, *re, *k;
	mc_inline_waiver w;

	s = memmem(text, len, "manrs-check:", 12);
	if (s == NULL)
		return 0;
	s = skipsp(s + 12, e);
	if ((size_t)(e - s) < 6 || memcmp(s, "ignore", 6) != 0 ||
	    (s + 6 < e && s[6] != ' ' && s[6] != '\t'))
		return 0;
	r = skipsp(s + 6, e);
	re = wend(r, e);
	if (r == re)
		return 0;
	memset(&w, 0, sizeof(w));
	w.rule = mc_strndup(d->arena, r, (size_t)(re - r));
	s = skipsp(re, e);
	/* optional "expires YYYY-MM-DD" right after the rule or at the end */
	k = wend(s, e);
	if (k - s == 7 && memcmp(s, "expires", 7) == 0) {
		const char *ds = skipsp(k, e), *de = wend(ds, e);

		if (date(ds, de, &w.exp_y, &w.exp_m, &w.exp_d))
			s = skipsp(de, e);
	} else if (e - s >= 18 && date(e - 10, e, &w.exp_y, &w.exp_m,
	    &w.exp_d) && memcmp(e - 18, "expires ", 8) == 0) {
		e -= 18;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == ','))
			e--;
	}
	w.reason = mc_strndup(d->arena, s, (size_t)(e > s ? e - s : 0));
	w.line = line;
	w.first = first;
	w.last = last;
	mc_vec_push(d->arena, &d->waivers, w);
	return 1;
}
