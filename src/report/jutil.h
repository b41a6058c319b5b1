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
 * report's thousands of findings are encoded one at a time instead of as
 * one tree (half the time and memory of a big JSON report).
 */
typedef struct mc_jstream {
	FILE *fp;
	int depth;		/* of the value being written */
	bool first;		/* nothing written yet in the open container */
	bool err;
	size_t n;		/* bytes waiting in buf */
	char buf[65536];
} mc_jstream;

/* Open the root object / close it (with the final newline). */
void mc_js_begin(mc_jstream *, FILE *);
int mc_js_end(mc_jstream *);
/* "key": value in the open object; v is consumed (decref'd). */
void mc_js_put(mc_jstream *, const char *key, json_t *v);
/* "key": [ ... ] in the open object: open, add items (consumed), close. */
void mc_js_array_begin(mc_jstream *, const char *key);
void mc_js_array_add(mc_jstream *, json_t *item);
void mc_js_array_end(mc_jstream *);

#endif
