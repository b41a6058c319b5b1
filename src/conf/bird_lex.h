/*
 * BIRD (1.6, 2.x, 3.x) configuration tokenizer: identifiers, numbers, IPv4
 * and IPv6 addresses, strings, operators, with '#' and C comments dropped
 * (kept aside for inline waivers) and `include "file";` expanded as BIRD's
 * own lexer does (relative to the including file's directory, shell
 * wildcards in alphabetic order, nesting at most 8).
 */
#ifndef MANRS_BIRD_LEX_H
#define MANRS_BIRD_LEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "manrs/arena.h"
#include "manrs/diag.h"

typedef enum bl_tt {
	BT_EOF = 0,
	BT_IDENT,	/* name or 'quoted name' (quotes removed) */
	BT_NUM,		/* decimal or 0x hexadecimal */
	BT_IP4,		/* a.b.c.d */
	BT_IP6,		/* anything inet_pton(AF_INET6) takes */
	BT_STRING,	/* "..." without the quotes, escapes kept; op 1 if closed */
	BT_OP,		/* punctuation: see op */
	BT_EMPTY,	/* +empty+ (op 1), -empty- (2), --empty-- (3), ---empty--- (4) */
} bl_tt;

/* Multi-character operators; single characters use their own code. */
enum {
	BO_NMA = 256,	/* !~ */
	BO_NEQ,		/* != */
	BO_LEQ,		/* <= */
	BO_GEQ,		/* >= */
	BO_AND,		/* && */
	BO_OR,		/* || */
	BO_DDOT,	/* .. */
	BO_PO,		/* [= */
	BO_PC,		/* =] */
	BO_ARROW,	/* -> */
	BO_IMP,		/* =~ (rare, BIRD 3) */
};

typedef struct bl_tok {
	const char *s;
	unsigned len;
	int line;	/* line in the main file; included tokens get the include's line */
	int fline;	/* line in the file the token is in */
	uint16_t file;	/* index into bl_lex.files; 0 is the main file */
	uint8_t t;	/* bl_tt */
	int op;		/* BT_OP: operator code; BT_EMPTY: kind 1..4 */
} bl_tok;

typedef struct bl_comment {
	const char *text;	/* after '#' or inside the C comment */
	unsigned len;
	int line;
} bl_comment;

typedef struct bl_lex {
	MC_VEC(bl_tok) toks;		/* always ends with BT_EOF */
	MC_VEC(bl_comment) comments;	/* main file only */
	MC_VEC(const char *) files;	/* [0] main file, then includes read */
	int lines;			/* lines of the main file */
	int include_errors;
} bl_lex;

enum {
	BL_NO_INCLUDE = 1,		/* never open files (fuzzing) */
};

/* Tokenize buf; returns 0 on success, -1 (error in diag) when the input
 * is not text.  Unreadable includes are errors in diag, lexing goes on. */
int bl_lex_run(mc_arena *, const char *file, const char *buf, size_t len,
    int flags, bl_lex *out, mc_diag *);

bool bl_is(const bl_tok *, const char *word);	/* identifier equal to word */
bool bl_isop(const bl_tok *, int op);
const char *bl_str(mc_arena *, const bl_tok *);

#endif
