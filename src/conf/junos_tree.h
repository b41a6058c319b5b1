/*
 * Junos configuration text -> one tree of words.
 *
 * Both forms that Junos prints read into the same tree: the hierarchical
 * form (`show configuration`: `name { ... }`, `stmt;`, `[ a b ]` lists) and
 * the set form (`show configuration | display set`: one `set a b c` line per
 * leaf).  Each word of a statement is one node, the next word its child, so
 * `protocols { bgp { group X { peer-as 1; } } }` and
 * `set protocols bgp group X peer-as 1` give the same path
 * protocols > bgp > group > X > peer-as > 1, and lines of the set form merge
 * into the tree the way the router merges them.  A list `[ a b ]` makes its
 * elements children of the word before it.
 *
 * Words point into the input buffer (quotes removed, not NUL-terminated).
 * `inactive:` statements and `deactivate` lines mark their node inactive;
 * lookups skip inactive nodes.  `delete` lines are ignored.
 */
#ifndef MANRS_JUNOS_TREE_H
#define MANRS_JUNOS_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include "manrs/arena.h"
#include "manrs/model.h"

enum {
	JT_INACTIVE = 1,	/* inactive: prefix or deactivate line */
	JT_QUOTED = 2,		/* the word was a quoted string */
	JT_INHERITED = 4,	/* copied from a configuration group */
	JT_HASWILD = 8,		/* some child word is a <wildcard> */
};

typedef struct jt_node jt_node;
struct jt_node {
	const char *w;		/* the word; NULL for the root */
	jt_node *parent, *kid, *last_kid, *next;
	jt_node **idx;		/* child index once there are many children */
	unsigned wlen;
	int line;		/* 1-based line of the word */
	unsigned nkids;
	unsigned ninact;	/* children marked inactive */
	unsigned idxcap;
	unsigned flags;
};

/* Limits that keep hostile input bounded. */
#define JT_MAX_NODES	(4u * 1024 * 1024)
#define JT_MAX_DEPTH	64

typedef struct jt_tree {
	mc_arena *a;
	const char *buf;
	size_t len;
	jt_node *root;
	int lines;
	int set_cmds;		/* set/deactivate/... command lines */
	int brace_stmts;	/* statements ending in ';' or '{' */
	size_t nodes;
	bool truncated;		/* JT_MAX_NODES reached: the rest was dropped */
	bool groups_truncated;	/* group expansion stopped at the limit */
	MC_VEC(mc_inline_waiver) waivers;
} jt_tree;

/* Parse a whole file (either form, or both mixed). Never fails on text:
 * whatever does not parse is dropped.  Inline waivers
 * (`# manrs-check: ignore RULE reason` or the same in a comment block) are
 * collected with the lines of the statement they precede. */
jt_tree *jt_parse(mc_arena *, const char *buf, size_t len);

/* Expand configuration groups (apply-groups, apply-groups-except, wildcards
 * <*> and <ge-*>) into the tree.  src/vendors/junos_groups.c */
void jt_expand_groups(jt_tree *);

/* Does the form look like `display set` (more set lines than braces)? */
bool jt_is_set_form(const jt_tree *);

/* Node helpers. */
bool jt_is(const jt_node *, const char *word);
/* Not marked inactive, and not a one-value statement whose values are all
 * inactive (`inactive: import X;` leaves `import` without a value). */
bool jt_active(const jt_node *);
void jt_set_inactive(jt_node *, bool);
/* A statement that takes one value or one list (peer-as, import, ...): a
 * value from configuration groups never adds to one already there. */
bool jt_is_value_key(const jt_node *);
/* First / next active child. */
jt_node *jt_first(const jt_node *);
jt_node *jt_next(const jt_node *);
/* Last active child (single-valued leaves: a later `set` wins). */
jt_node *jt_last(const jt_node *);
/* Active child with this word. */
jt_node *jt_kid(const jt_node *, const char *word);
jt_node *jt_kidn(const jt_node *, const char *w, size_t n);
/* Follow a space-separated path of literal words: jt_path(n, "protocols bgp"). */
jt_node *jt_path(const jt_node *, const char *path);
/* Last active child of child `key`: the value of `key value;`. */
jt_node *jt_val(const jt_node *, const char *key);
unsigned jt_count(const jt_node *);	/* active children */
/* The word as an arena string. */
const char *jt_str(mc_arena *, const jt_node *);
/* The physical source line the word is on (bounded to 200 characters). */
const char *jt_line_text(const jt_tree *, const jt_node *, size_t *len);

/* Insert (or find) a child; used by the parser and the group expansion.
 * Returns NULL when the node limit is reached. */
jt_node *jt_add(jt_tree *, jt_node *parent, const char *w, unsigned wlen,
    int line, unsigned flags);

/* Junos wildcard: pattern "<ge-*>" (with the angle brackets) against a word:
 * '*' any run, '?' one character, [abc] / [a-z] / [!a] classes. */
bool jt_wild_is(const char *w, unsigned len);
bool jt_wild_match(const char *pat, unsigned plen, const char *w,
    unsigned wlen);

/* apply-path: every word reached by the space-separated path of words or
 * wildcards from the root ("interfaces <*> unit <*> family inet address
 * <*>").  Calls fn for each leaf reached; the groups subtree is skipped. */
void jt_apply_path(const jt_tree *, const char *path, size_t len,
    void (*fn)(void *, const jt_node *), void *arg);

#endif
