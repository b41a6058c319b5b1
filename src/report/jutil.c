/* jansson helpers: strings from configurations are not always UTF-8. */
#include <stdlib.h>
#include <string.h>

#include "report/jutil.h"

/* Length of the valid UTF-8 sequence at s, 0 if invalid. */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned c = s[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	/* Overlong forms, surrogates and code points past U+10FFFF. */
	if (len == 3 && ((c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] >= 0xa0)))
		return 0;
	if (len == 4 && ((c == 0xf0 && s[1] < 0x90) || (c == 0xf4 && s[1] >= 0x90)))
		return 0;
	return len;
}

json_t *
mc_jstr(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n, i, o, l;
	json_t *j;
	char *buf;

	if (s == NULL)
		return json_null();
	if ((j = json_string(s)) != NULL)
		return j;
	n = strlen(s);
	if ((buf = malloc(n * 3 + 1)) == NULL)
		return json_null();
	for (i = o = 0; i < n; ) {
		if ((l = utf8_len(u + i, n - i)) == 0) {
			memcpy(buf + o, "\xef\xbf\xbd", 3);	/* U+FFFD */
			o += 3;
			i++;
			continue;
		}
		memcpy(buf + o, s + i, l);
		o += l;
		i += l;
	}
	buf[o] = '\0';
	j = json_string(buf);
	free(buf);
	return j != NULL ? j : json_null();
}

json_t *
mc_jprefix(const mc_prefix *p)
{
	char buf[MC_PREFIX_STRLEN];

	if (p == NULL || (p->af != MC_AF4 && p->af != MC_AF6))
		return json_null();
	return json_string(mc_prefix_fmt(p, buf));
}

void
mc_jset(json_t *obj, const char *key, json_t *val)
{
	json_object_set_new(obj, key, val != NULL ? val : json_null());
}
