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

#endif
