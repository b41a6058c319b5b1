/* Configuration text -> trees with source lines (shared by vendor readers). */
#ifndef MANRS_CONF_H
#define MANRS_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "manrs/arena.h"
#include "manrs/diag.h"

/* A node is one logical line of configuration; children are the lines
 * indented below it (IOS family) or inside its braces (Junos, BIRD). The
 * text points into the input buffer (not NUL-terminated): no copy per line. */
typedef struct mc_node mc_node;
struct mc_node {
	const char *text;	/* first non-blank character */
	unsigned len;		/* without trailing blanks and CR */
	int line;		/* 1-based */
	int indent;		/* columns of leading white space */
	mc_node *parent, *kid, *last_kid, *next;
	unsigned nkids;
};

/* Limits that keep hostile input bounded. */
#define MC_CONF_MAX_BYTES	(512u * 1024 * 1024)
#define MC_CONF_MAX_DEPTH	64

/* IOS, IOS-XE, EOS, FRR, NX-OS, IOS-XR: '!' and '#' comment lines are
 * dropped (kept as comments, see below), depth by indentation.  Returns the
 * root (text NULL) or NULL with an error in diag (binary input, too large). */
mc_node *mc_indent_parse(mc_arena *, const char *file, const char *buf,
    size_t len, mc_diag *);

/* A comment line seen while reading, for inline waivers. */
typedef struct mc_comment {
	const char *text;
	unsigned len;
	int line;
	bool trailing;		/* at the end of a configuration line */
	mc_node *node;		/* trailing: the node it ends; otherwise the node
				 * that follows it (NULL at the end of the file) */
} mc_comment;
typedef MC_VEC(mc_comment) mc_comment_vec;

/* Options of the indentation reader (mc_indent_parse_opts).  Lines
 * "exit", "exit-address-family", "exit-vrf", "exit-peer-*" and "end" close
 * sections and never become nodes.  Configurations whose sub-commands are
 * not indented (some FRR/Quagga files) are read as the daemons read them:
 * a node without children for which flat_section() says it opens a mode
 * takes the following siblings that flat_child() accepts, the way vtysh
 * stays in a mode until a command is not one of that mode. */
typedef struct mc_indent_opts {
	int (*flat_section)(const mc_node *);
	int (*flat_child)(const mc_node *section, const mc_node *line);
	/* When set, comments containing "manrs-check:" are appended here. */
	mc_comment_vec *comments;
	/*
	 * When set, a line at the left margin without children, without a
	 * waiver comment on or before it, and before any flat section (none
	 * can take it in) is first offered to light(): when it takes the
	 * line (1), the line is the caller's to read, in its place in file
	 * order, and makes no node.  light() must take only lines that never
	 * open a section.  Most lines of a big configuration are prefix-list
	 * entries: a node each, and the passes over the tree, were a fifth of
	 * reading them.
	 */
	int (*light)(void *ctx, const char *text, unsigned len, int line);
	void *light_ctx;
} mc_indent_opts;

/* mc_indent_parse with options (NULL: as mc_indent_parse).  The root's
 * `line` holds the number of lines of the file. */
mc_node *mc_indent_parse_opts(mc_arena *, const char *file, const char *buf,
    size_t len, const mc_indent_opts *, mc_diag *);

/* Token helpers over a node's text. */
typedef struct mc_tok {
	const char *s;
	unsigned len;
} mc_tok;

/* Split on white space (quoted strings "..." kept whole, quotes removed);
 * returns the number of tokens, at most max. */
int mc_tokens(const char *s, unsigned len, mc_tok *out, int max);
/* Token equals a NUL-terminated word (case-sensitive).  Inline: it is
 * the parsers' innermost call, and with a literal word the length is a
 * constant and the compare a few instructions. */
static inline int
mc_tok_is(const mc_tok *t, const char *word)
{
	size_t n = __builtin_strlen(word);

	return t->len == n && (n == 0 || __builtin_memcmp(t->s, word, n) == 0);
}
/* Decimal number; returns 0 and leaves *out unchanged if not a number or
 * out of range. */
int mc_tok_u32(const mc_tok *, uint32_t *out);
/* Token to arena string. */
const char *mc_tok_str(mc_arena *, const mc_tok *);
/* Text of the node starting at token i to the end of the line. */
const char *mc_tok_rest(mc_arena *, const mc_node *, const mc_tok *from);
/* Does the node's text start with this word sequence ("router bgp")? */
int mc_node_starts(const mc_node *, const char *words);

/* Is this buffer text (no NUL bytes, mostly printable)?  Returns 0 and sets
 * *bad_line to the line of the first offending byte otherwise. */
int mc_is_text(const char *buf, size_t len, int *bad_line);
/* Any byte below space other than tab, line feed and carriage return, or
 * DEL (a quick test; plain text has none). */
int mc_text_suspect(const char *buf, size_t len);
/* Whether the readers' scans may take thirty-two bytes a step: the CPU
 * has AVX2 and MANRS_NO_AVX2 is not set in the environment (the tests use
 * it to run the sixteen-byte scans too). */
int mc_cpu_avx2(void);

#endif
