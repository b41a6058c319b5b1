/*
 * mc_vsnprintf: vsnprintf for the conversions messages and fix texts use
 * (%s %.*s %d %u %ld %lu %lld %llu %zu %c %%), without flags or widths.
 * glibc's vsnprintf sets up a FILE per call; at a million short messages
 * per thousand routers that was a tenth of a whole check.  Any other
 * conversion falls back to vsnprintf on the untouched arguments, so the
 * bytes are always vsnprintf's.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "manrs/arena.h"

typedef struct out {
	char *buf;
	size_t cap, len;	/* len counts every byte, written or not */
} out;

static inline void
put(out *o, const char *s, size_t n)
{
	/* messages chain conversions ("%s%s%s"): no call for nothing */
	if (n == 0)
		return;
	if (o->len < o->cap) {
		size_t room = o->cap - o->len;

		memcpy(o->buf + o->len, s, n < room ? n : room);
	}
	o->len += n;
}

static void
put_u(out *o, unsigned long long v, bool neg)
{
	char d[24];
	int k = (int)sizeof(d);

	do {
		d[--k] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	if (neg)
		d[--k] = '-';
	put(o, d + k, sizeof(d) - (size_t)k);
}

static void
put_i(out *o, long long v)
{
	if (v < 0)
		put_u(o, 0ull - (unsigned long long)v, true);
	else
		put_u(o, (unsigned long long)v, false);
}

/* The conversion after a '%' is one we do. */
static bool
conv_ok(const char *p)
{
	switch (p[0]) {
	case '%': case 's': case 'd': case 'u': case 'c':
		return true;
	case '.':
		return p[1] == '*' && p[2] == 's';
	case 'z':
		return p[1] == 'u';
	case 'l':
		return p[1] == 'd' || p[1] == 'u' ||
		    (p[1] == 'l' && (p[2] == 'd' || p[2] == 'u'));
	default:
		return false;
	}
}

int
mc_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap)
{
	out o = { buf, cap, 0 };
	const char *p = fmt, *q, *s;
	va_list whole;
	int prec, n;

	/* One pass; a conversion we do not do hands the whole format to
	 * vsnprintf with the arguments as they came. */
	va_copy(whole, ap);
	while ((q = strchr(p, '%')) != NULL) {
		put(&o, p, (size_t)(q - p));
		q++;
		if (!conv_ok(q)) {
			n = vsnprintf(buf, cap, fmt, whole);
			va_end(whole);
			return n;
		}
		switch (*q) {
		case '%':
			put(&o, "%", 1);
			q++;
			break;
		case 's':
			s = va_arg(ap, const char *);
			if (s == NULL)
				s = "(null)";
			put(&o, s, strlen(s));
			q++;
			break;
		case '.':	/* %.*s: at most prec bytes, up to a NUL */
			prec = va_arg(ap, int);
			s = va_arg(ap, const char *);
			if (s == NULL)
				s = prec < 0 || prec >= 6 ? "(null)" : "";
			put(&o, s, prec < 0 ? strlen(s) : strnlen(s, (size_t)prec));
			q += 3;
			break;
		case 'c': {
			char c = (char)va_arg(ap, int);

			put(&o, &c, 1);
			q++;
			break;
		}
		case 'd':
			put_i(&o, va_arg(ap, int));
			q++;
			break;
		case 'u':
			put_u(&o, va_arg(ap, unsigned), false);
			q++;
			break;
		case 'z':
			put_u(&o, va_arg(ap, size_t), false);
			q += 2;
			break;
		default:	/* l: ld lu lld llu (supported() said so) */
			if (q[1] == 'l') {
				if (q[2] == 'd')
					put_i(&o, va_arg(ap, long long));
				else
					put_u(&o, va_arg(ap, unsigned long long),
					    false);
				q += 3;
			} else {
				if (q[1] == 'd')
					put_i(&o, va_arg(ap, long));
				else
					put_u(&o, va_arg(ap, unsigned long),
					    false);
				q += 2;
			}
			break;
		}
		p = q;
	}
	va_end(whole);
	put(&o, p, strlen(p));
	if (cap > 0)
		buf[o.len < cap ? o.len : cap - 1] = '\0';
	return o.len > INT32_MAX ? -1 : (int)o.len;
}

int
mc_snprintf(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = mc_vsnprintf(buf, cap, fmt, ap);
	va_end(ap);
	return n;
}
