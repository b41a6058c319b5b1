/* jansson helpers: strings from configurations are not always UTF-8. */
#include <stdint.h>
#include <stddef.h>
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

/* ---- streaming ----------------------------------------------------------- */

static void
js_flush(mc_jstream *js)
{
	if (!js->err && js->n > 0 &&
	    fwrite_unlocked(js->buf, 1, js->n, js->fp) != js->n)
		js->err = true;
	js->n = 0;
}

static void
js_write(mc_jstream *js, const char *s, size_t n)
{
	if (js->n + n > sizeof(js->buf))
		js_flush(js);
	if (n > sizeof(js->buf)) {
		if (!js->err && fwrite_unlocked(s, 1, n, js->fp) != n)
			js->err = true;
		return;
	}
	memcpy(js->buf + js->n, s, n);
	js->n += n;
}

static void
js_indent(mc_jstream *js, int depth)
{
	static const char sp[] = "                                ";
	int n = depth * 2;

	js_write(js, "\n", 1);
	for (; n > 0; n -= (int)sizeof(sp) - 1)
		js_write(js, sp, (size_t)(n < (int)sizeof(sp) - 1 ? n :
		    (int)sizeof(sp) - 1));
}

/* A string as jansson's encoder writes it: '"' and '\\' escaped, control
 * bytes as \b \f \n \r \t or \u00XX (upper-case hex), everything else
 * as is (jansson strings are valid UTF-8, and '/' is not escaped without
 * JSON_ESCAPE_SLASH). */
static void
js_str(mc_jstream *js, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i, from = 0;

	js_write(js, "\"", 1);
	for (i = 0; i < n; i++) {
		unsigned char c;
		char esc[6] = { '\\', 0, 0, 0, 0, 0 };
		size_t el = 2;

		/* Eight plain bytes at a time: none below 0x20, no '"' or
		 * '\\' (the usual has-zero-byte tests). */
		while (i + 8 <= n) {
			uint64_t w, q, b;

			memcpy(&w, s + i, 8);
			q = w ^ 0x2222222222222222ull;
			b = w ^ 0x5c5c5c5c5c5c5c5cull;
			if ((((w - 0x2020202020202020ull) & ~w) |
			    ((q - 0x0101010101010101ull) & ~q) |
			    ((b - 0x0101010101010101ull) & ~b)) &
			    0x8080808080808080ull)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		js_write(js, s + from, i - from);
		from = i + 1;
		switch (c) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			memcpy(esc + 1, "u00", 3);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			el = 6;
			break;
		}
		js_write(js, esc, el);
	}
	js_write(js, s + from, n - from);
	js_write(js, "\"", 1);
}

/*
 * v written at this depth exactly as json_dumpf(JSON_INDENT(2) |
 * JSON_PRESERVE_ORDER) writes it there (jansson's dump.c: a line break
 * and two spaces per level before each member and before the closing
 * bracket, ": " after a key, members in insertion order, which is
 * jansson's iteration order), without building the text first: encoding
 * through json_dumps cost more than the whole check.  Reals, which the
 * reports do not use, go through jansson.
 */
static void
js_enc(mc_jstream *js, json_t *v, int depth)
{
	char num[32];
	const char *key;
	json_t *m;
	size_t i, n;
	int len;

	if (depth > 64) {
		js->err = true;	/* our documents are a few levels deep */
		return;
	}
	switch (json_typeof(v)) {
	case JSON_NULL:
		js_write(js, "null", 4);
		break;
	case JSON_TRUE:
		js_write(js, "true", 4);
		break;
	case JSON_FALSE:
		js_write(js, "false", 5);
		break;
	case JSON_INTEGER:
		len = mc_snprintf(num, sizeof(num), "%lld",
		    (long long)json_integer_value(v));
		if (len > 0 && (size_t)len < sizeof(num))
			js_write(js, num, (size_t)len);
		else
			js->err = true;
		break;
	case JSON_STRING:
		js_str(js, json_string_value(v), json_string_length(v));
		break;
	case JSON_ARRAY:
		n = json_array_size(v);
		js_write(js, "[", 1);
		for (i = 0; i < n; i++) {
			if (i > 0)
				js_write(js, ",", 1);
			js_indent(js, depth + 1);
			js_enc(js, json_array_get(v, i), depth + 1);
		}
		if (n > 0)
			js_indent(js, depth);
		js_write(js, "]", 1);
		break;
	case JSON_OBJECT:
		i = 0;
		js_write(js, "{", 1);
		json_object_foreach(v, key, m) {
			if (i++ > 0)
				js_write(js, ",", 1);
			js_indent(js, depth + 1);
			js_str(js, key, strlen(key));
			js_write(js, ": ", 2);
			js_enc(js, m, depth + 1);
		}
		if (i > 0)
			js_indent(js, depth);
		js_write(js, "}", 1);
		break;
	default: {
		char *t = json_dumps(v, JSON_ENCODE_ANY);

		if (t == NULL) {
			js->err = true;
			return;
		}
		js_write(js, t, strlen(t));
		free(t);
		break;
	}
	}
}

static void
js_value(mc_jstream *js, json_t *v, int depth)
{
	js_enc(js, v, depth);
	json_decref(v);
}

/* Before a value in the open container: the comma, the line break and
 * the indentation; then the key in an object. */
static void
js_lead(mc_jstream *js, const char *key)
{
	int d = js->depth - 1;

	if (!js->first[d])
		js_write(js, ",", 1);
	js->first[d] = false;
	js_indent(js, js->depth);
	if (key != NULL) {
		js_str(js, key, strlen(key));
		js_write(js, ": ", 2);
	}
}

void
mc_js_begin(mc_jstream *js, FILE *fp)
{
	js->fp = fp;
	js->depth = 1;
	js->first[0] = true;
	js->close[0] = '}';
	js->err = false;
	js->n = 0;
	js_write(js, "{", 1);
}

/* Only ASCII: such strings go out as they are, no UTF-8 check needed. */
static bool
is_ascii(const char *s, size_t n)
{
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		if (w & 0x8080808080808080ull)
			return false;
	}
	for (; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

void
mc_js_str(mc_jstream *js, const char *key, const char *s)
{
	size_t n;

	js_lead(js, key);
	if (s == NULL) {
		js_write(js, "null", 4);
		return;
	}
	n = strlen(s);
	if (is_ascii(s, n))
		js_str(js, s, n);
	else
		js_value(js, mc_jstr(s), js->depth);	/* U+FFFD for non-UTF-8 */
}

void
mc_js_int(mc_jstream *js, const char *key, long long v)
{
	char num[32];
	int len = mc_snprintf(num, sizeof(num), "%lld", v);

	js_lead(js, key);
	js_write(js, num, len > 0 ? (size_t)len : 0);
}

void
mc_js_bool(mc_jstream *js, const char *key, bool v)
{
	js_lead(js, key);
	js_write(js, v ? "true" : "false", v ? 4 : 5);
}

void
mc_js_put(mc_jstream *js, const char *key, json_t *v)
{
	js_lead(js, key);
	js_value(js, v != NULL ? v : json_null(), js->depth);
}

void
mc_js_open(mc_jstream *js, const char *key, char kind)
{
	if (js->depth >= MC_JS_DEPTH) {
		js->err = true;
		return;
	}
	js_lead(js, key);
	js_write(js, kind == '[' ? "[" : "{", 1);
	js->first[js->depth] = true;
	js->close[js->depth] = kind == '[' ? ']' : '}';
	js->depth++;
}

void
mc_js_close(mc_jstream *js)
{
	int d;

	if (js->depth <= 0)
		return;
	d = --js->depth;
	if (!js->first[d])	/* empty: "[]" or "{}" */
		js_indent(js, d);
	js_write(js, &js->close[d], 1);
}

char *
mc_js_render(json_t *v, int depth)
{
	mc_jstream *js = malloc(sizeof(*js));
	char *text = NULL;
	size_t len = 0;
	FILE *fp;

	if (js == NULL || (fp = open_memstream(&text, &len)) == NULL) {
		free(js);
		json_decref(v);
		return NULL;
	}
	/* A value alone: no container of the stream's is open. */
	memset(js, 0, offsetof(mc_jstream, buf));
	js->fp = fp;
	js->depth = depth;
	js_value(js, v, depth);
	js_flush(js);
	if (fclose(fp) != 0 || js->err) {
		free(text);
		text = NULL;
	}
	free(js);
	return text;
}

void
mc_js_raw(mc_jstream *js, const char *key, const char *text)
{
	js_lead(js, key);
	js_write(js, text, strlen(text));
}

int
mc_js_end(mc_jstream *js)
{
	while (js->depth > 0)
		mc_js_close(js);
	js_write(js, "\n", 1);
	js_flush(js);
	return js->err || ferror(js->fp) ? -1 : 0;
}
