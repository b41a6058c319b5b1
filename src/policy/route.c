/* Route attributes as text: AS paths and communities. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "manrs/policy.h"

static bool
num(const char **sp, uint64_t max, uint32_t *out)
{
	const char *s = *sp;
	uint64_t v = 0;

	if (*s < '0' || *s > '9')
		return false;
	while (*s >= '0' && *s <= '9') {
		v = v * 10 + (uint64_t)(*s - '0');
		if (v > max)
			return false;
		s++;
	}
	*sp = s;
	*out = (uint32_t)v;
	return true;
}

/* "64500 64501 65000.10": asplain or asdot.  Braces of an AS_SET are
 * ignored (the set's members count as ASNs of the path). */
bool
mc_route_set_path(mc_route *r, const char *text)
{
	const char *s = text;
	int n = 0;

	if (text == NULL) {
		r->path_len = 0;
		return true;
	}
	for (;;) {
		uint32_t hi, lo;

		while (*s == ' ' || *s == '\t' || *s == ',' || *s == '{' ||
		    *s == '}')
			s++;
		if (*s == '\0')
			break;
		if (!num(&s, UINT32_MAX, &hi))
			return false;
		if (*s == '.') {
			s++;
			if (hi > 65535 || !num(&s, 65535, &lo))
				return false;
			hi = hi << 16 | lo;
		}
		if (*s != '\0' && *s != ' ' && *s != '\t' && *s != ',' &&
		    *s != '{' && *s != '}')
			return false;
		if (n >= (int)(sizeof(r->path) / sizeof(r->path[0])))
			return false;
		r->path[n++] = hi;
	}
	r->path_len = n;
	return true;
}

static const struct {
	const char *name;
	uint32_t value;
} wellknown[] = {
	{ "internet", 0 },
	{ "graceful-shutdown", 0xFFFF0000u },
	{ "accept-own", 0xFFFF0001u },
	{ "llgr-stale", 0xFFFF0006u },
	{ "no-llgr", 0xFFFF0007u },
	{ "blackhole", 0xFFFF029Au },
	{ "no-export", 0xFFFFFF01u },
	{ "no-advertise", 0xFFFFFF02u },
	{ "local-as", 0xFFFFFF03u },
	{ "no-export-subconfed", 0xFFFFFF03u },
	{ "no-peer", 0xFFFFFF04u },
};

/* "A:B", "A:B:C" (large), a well-known name, or a 32-bit number; '*' in a
 * part is a wildcard (0xffffffff) for matching. */
bool
mc_community_parse(const char *s, mc_community *out)
{
	uint32_t part[3];
	int n = 0;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (s == NULL || *s == '\0')
		return false;
	for (i = 0; i < sizeof(wellknown) / sizeof(wellknown[0]); i++)
		if (strcasecmp(s, wellknown[i].name) == 0) {
			out->a = wellknown[i].value >> 16;
			out->b = wellknown[i].value & 0xffff;
			return true;
		}
	for (;;) {
		if (n == 3)
			return false;
		if (*s == '*') {
			part[n++] = 0xffffffffu;
			s++;
		} else if (!num(&s, UINT32_MAX, &part[n++]))
			return false;
		if (*s == '\0')
			break;
		if (*s != ':')
			return false;
		s++;
	}
	switch (n) {
	case 1:
		if (part[0] == 0xffffffffu)
			return false;
		out->a = part[0] >> 16;
		out->b = part[0] & 0xffff;
		return true;
	case 2:
		if ((part[0] > 65535 && part[0] != 0xffffffffu) ||
		    (part[1] > 65535 && part[1] != 0xffffffffu))
			return false;
		out->a = part[0];
		out->b = part[1];
		return true;
	default:
		out->kind = 1;
		out->a = part[0];
		out->b = part[1];
		out->c = part[2];
		return true;
	}
}

size_t
mc_route_path_fmt(const mc_route *r, char *buf)
{
	size_t n = 0, last = 0, lastlen = 0;
	int i;

	for (i = 0; i < r->path_len && i < 128; i++) {
		char d[10];
		uint32_t v = r->path[i];
		int k = 0;

		if (i > 0)
			buf[n++] = ' ';
		/* A prepend repeats the AS before it: copy its digits (the
		 * long-path probes are a hundred of them). */
		if (i > 0 && v == r->path[i - 1]) {
			memcpy(buf + n, buf + last, lastlen);
			last = n;
			n += lastlen;
			continue;
		}
		last = n;
		do {
			d[k++] = (char)('0' + v % 10);
			v /= 10;
		} while (v != 0);
		lastlen = (size_t)k;
		while (k > 0)
			buf[n++] = d[--k];
	}
	buf[n] = '\0';
	return n;
}

const char *
mc_route_path_str(mc_arena *a, const mc_route *r)
{
	char buf[128 * 11 + 1];

	return mc_strndup(a, buf, mc_route_path_fmt(r, buf));
}

const char *
mc_route_comm_str(mc_arena *a, const mc_route *r)
{
	char buf[16 * 34 + 1];
	size_t n = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < r->ncomms && i < 16; i++) {
		const mc_community *c = &r->comms[i];

		if (c->kind == 1)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n,
			    "%s%u:%u:%u", i ? " " : "", c->a, c->b, c->c);
		else
			n += (size_t)snprintf(buf + n, sizeof(buf) - n,
			    "%s%u:%u", i ? " " : "", c->a, c->b);
	}
	return mc_strdup(a, buf);
}
