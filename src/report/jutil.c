/* jansson helpers: strings from configurations are not always UTF-8. */
#include <stdlib.h>
#include <string.h>

#include "report/common.h"
#include "report/jutil.h"

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
		if ((l = mc_utf8_seq_len(u + i, n - i)) == 0) {
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

struct jbuf {
	FILE *fp;
	size_t n;
	bool err;
	char b[65536];
};

static bool
jflush(struct jbuf *j)
{
	if (j->n > 0 && fwrite_unlocked(j->b, 1, j->n, j->fp) != j->n)
		j->err = true;
	j->n = 0;
	return !j->err;
}

static int
jput(const char *s, size_t n, void *arg)
{
	struct jbuf *j = arg;

	if (j->n + n > sizeof(j->b) && !jflush(j))
		return -1;
	if (n > sizeof(j->b))
		return fwrite_unlocked(s, 1, n, j->fp) == n ? 0 : -1;
	memcpy(j->b + j->n, s, n);
	j->n += n;
	return 0;
}

int
mc_jdump(json_t *root, FILE *fp, size_t flags)
{
	struct jbuf *j = malloc(sizeof(*j));
	int rc;

	if (j == NULL)
		return json_dumpf(root, fp, flags);
	j->fp = fp;
	j->n = 0;
	j->err = false;
	rc = json_dump_callback(root, jput, j, flags);
	if (!jflush(j))
		rc = -1;
	free(j);
	return rc;
}
