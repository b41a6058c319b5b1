/*
 * PeeringDB dump: of each net only what the rules use (ASN, name,
 * irr_as_set, how many reachable NOC/Abuse contacts, how many IX ports).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "manrs/arena.h"
#include "manrs/peeringdb.h"

struct mc_pdb {
	mc_arena *arena;
	mc_pdb_net *v;
	size_t n, cap;
};

mc_pdb *
mc_pdb_new(void)
{
	mc_pdb *s = calloc(1, sizeof(*s));

	if (s == NULL) {
		fputs("manrs-check: out of memory\n", stderr);
		abort();
	}
	s->arena = mc_arena_new();
	return s;
}

void
mc_pdb_free(mc_pdb *s)
{
	if (s == NULL)
		return;
	mc_arena_free(s->arena);
	free(s->v);
	free(s);
}

static int
by_id(const void *a, const void *b)
{
	const mc_pdb_net *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

static int
by_asn(const void *a, const void *b)
{
	const mc_pdb_net *x = a, *y = b;

	if (x->asn != y->asn)
		return x->asn < y->asn ? -1 : 1;
	return by_id(a, b);
}

/* The "data" array of one object type; NULL when the type is absent. */
static json_t *
section(json_t *root, const char *type, const char **bad)
{
	json_t *o = json_object_get(root, type), *d;

	if (o == NULL)
		return NULL;
	if (!json_is_object(o) || !json_is_array(d = json_object_get(o, "data"))) {
		*bad = type;
		return NULL;
	}
	return d;
}

static const char *
str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s != NULL ? s : "";
}

static int
fail(mc_diag *d, const char *name, const char *what, const char *type,
    size_t i)
{
	mc_diag_error(d, name, 0, "\"%s\" data[%zu]: %s", type, i, what);
	return -1;
}

static int
load_root(mc_pdb *s, const char *name, json_t *root, mc_diag *d)
{
	const char *bad = NULL;
	json_t *nets, *pocs, *ixl, *e;
	size_t i, first = s->n;
	mc_pdb_net key, *net;

	if (!json_is_object(root)) {
		mc_diag_error(d, name, 0, "not a PeeringDB dump (a JSON object "
		    "with \"net\", \"poc\", \"netixlan\")");
		return -1;
	}
	nets = section(root, "net", &bad);
	pocs = section(root, "poc", &bad);
	ixl = section(root, "netixlan", &bad);
	if (bad != NULL) {
		mc_diag_error(d, name, 0, "\"%s\": expected {\"data\": [...]}",
		    bad);
		return -1;
	}
	if (nets == NULL) {
		mc_diag_error(d, name, 0, "not a PeeringDB dump: no \"net\" "
		    "objects");
		return -1;
	}
	json_array_foreach(nets, i, e) {
		json_t *asn = json_object_get(e, "asn"), *id;

		id = json_object_get(e, "id");
		if (!json_is_object(e) || !json_is_integer(asn) ||
		    !json_is_integer(id) || json_integer_value(asn) < 0 ||
		    json_integer_value(asn) > (json_int_t)UINT32_MAX)
			return fail(d, name, "needs integer \"id\" and \"asn\"",
			    "net", i);
		if (s->n == s->cap) {
			s->cap = s->cap ? s->cap * 2 : 1024;
			if ((s->v = realloc(s->v, s->cap * sizeof(*s->v))) ==
			    NULL) {
				fputs("manrs-check: out of memory\n", stderr);
				abort();
			}
		}
		net = &s->v[s->n++];
		memset(net, 0, sizeof(*net));
		net->asn = (uint32_t)json_integer_value(asn);
		net->id = (long)json_integer_value(id);
		net->name = mc_strdup(s->arena, str(e, "name"));
		net->irr_as_set = mc_strdup(s->arena, str(e, "irr_as_set"));
	}
	/* This file's nets by id, to attach its pocs and ports. */
	qsort(s->v + first, s->n - first, sizeof(*s->v), by_id);
	memset(&key, 0, sizeof(key));
	json_array_foreach(pocs, i, e) {
		json_t *nid = json_object_get(e, "net_id");
		const char *role = str(e, "role");

		if (!json_is_object(e) || !json_is_integer(nid))
			return fail(d, name, "needs an integer \"net_id\"", "poc",
			    i);
		key.id = (long)json_integer_value(nid);
		if ((net = bsearch(&key, s->v + first, s->n - first,
		    sizeof(*s->v), by_id)) == NULL)
			continue;	/* a deleted network */
		net->npocs++;
		if ((strcasecmp(role, "NOC") == 0 ||
		    strcasecmp(role, "Abuse") == 0) &&
		    (str(e, "email")[0] != '\0' || str(e, "phone")[0] != '\0'))
			net->ncontacts++;
	}
	json_array_foreach(ixl, i, e) {
		json_t *nid = json_object_get(e, "net_id");

		if (!json_is_object(e) || !json_is_integer(nid))
			return fail(d, name, "needs an integer \"net_id\"",
			    "netixlan", i);
		key.id = (long)json_integer_value(nid);
		if ((net = bsearch(&key, s->v + first, s->n - first,
		    sizeof(*s->v), by_id)) != NULL)
			net->nixlan++;
	}
	qsort(s->v, s->n, sizeof(*s->v), by_asn);
	return 0;
}

static int
finish(mc_pdb *s, const char *name, json_t *root, json_error_t *err,
    mc_diag *d)
{
	int rc;

	if (root == NULL) {
		mc_diag_error(d, name, err->line > 0 ? err->line : 0,
		    "not valid JSON: %s", err->text);
		return -1;
	}
	rc = load_root(s, name, root, d);
	json_decref(root);
	return rc;
}

int
mc_pdb_load_buf(mc_pdb *s, const char *name, const char *buf, size_t len,
    mc_diag *d)
{
	json_error_t err;

	return finish(s, name, json_loadb(buf, len, 0, &err), &err, d);
}

int
mc_pdb_load(mc_pdb *s, const char *path, mc_diag *d)
{
	json_error_t err;
	FILE *fp;
	json_t *root;

	if ((fp = fopen(path, "r")) == NULL) {
		mc_diag_error(d, path, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	root = json_loadf(fp, 0, &err);
	fclose(fp);
	return finish(s, path, root, &err, d);
}

size_t
mc_pdb_count(const mc_pdb *s)
{
	return s->n;
}

const mc_pdb_net *
mc_pdb_net_by_asn(const mc_pdb *s, uint32_t asn)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->v[mid].asn < asn)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->n && s->v[lo].asn == asn ? &s->v[lo] : NULL;
}
