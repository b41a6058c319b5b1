/* jansson helpers shared by the JSON writers (report and model). */
#ifndef MANRS_JUTIL_H
#define MANRS_JUTIL_H

#include <jansson.h>

#include <stdio.h>

#include "manrs/prefix.h"

/* A JSON string, null for NULL; bytes that are not UTF-8 (Latin-1
 * descriptions are common in configurations) become U+FFFD. */
json_t *mc_jstr(const char *);
json_t *mc_jprefix(const mc_prefix *);	/* null when af is 0 */
/* json_object_set_new, but a NULL value becomes null. */
void mc_jset(json_t *obj, const char *key, json_t *val);

/* json_dumpf through a 64 KiB buffer: jansson writes a report token by
 * token, and a locked fwrite per token was a third of a big JSON run. */
int mc_jdump(json_t *, FILE *, size_t flags);

/*
 * Writing a big document piece by piece, with the bytes json_dumpf with
 * JSON_INDENT(2) | JSON_PRESERVE_ORDER would give for the whole: the
 * reports' thousands of findings are encoded one at a time instead of as
 * one tree (half the time and memory of a big JSON or SARIF report).
 */
#define MC_JS_DEPTH 16
typedef struct mc_jstream {
	FILE *fp;
	int depth;			/* open containers, the root included */
	bool first[MC_JS_DEPTH];	/* nothing written yet in container i */
	char close[MC_JS_DEPTH];	/* its closing bracket */
	bool err;
	size_t n;			/* bytes waiting in buf */
	char buf[65536];
} mc_jstream;

/* Open the root object / close it (with the final newline); -1 on a
 * write error. */
void mc_js_begin(mc_jstream *, FILE *);
int mc_js_end(mc_jstream *);
/* A value in the open container: "key": v in an object, v in an array
 * (key NULL).  v is consumed (decref'd). */
void mc_js_put(mc_jstream *, const char *key, json_t *v);
/* The same for one scalar, written without a jansson value: a string
 * (null for NULL; mc_jstr's treatment of bytes that are not UTF-8), an
 * integer, a boolean. */
void mc_js_str(mc_jstream *, const char *key, const char *s);
void mc_js_int(mc_jstream *, const char *key, long long v);
void mc_js_bool(mc_jstream *, const char *key, bool v);
/* Open an object ('{') or array ('[') there, to be filled by puts and
 * closed by mc_js_close. */
void mc_js_open(mc_jstream *, const char *key, char kind);
void mc_js_close(mc_jstream *);
/* v as mc_js_put would write it in a container depth levels deep (the
 * root is 1), without the comma, line break and indentation before it:
 * text to pass to mc_js_raw later.  v is consumed; the text is malloc'd
 * (NULL when out of memory). */
char *mc_js_render(json_t *v, int depth);
/* Text from mc_js_render, as a value in the open container. */
void mc_js_raw(mc_jstream *, const char *key, const char *text);

#endif
