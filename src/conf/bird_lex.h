/*
 * BIRD (1.6, 2.x, 3.x) configuration tokenizer: identifiers, numbers, IPv4
 * and IPv6 addresses, strings, operators, with '#' and C comments dropped
 * (kept aside for inline waivers) and `include "file";` expanded as BIRD's
 * own lexer does (relative to the including file's directory, shell
 * wildcards in alphabetic order, the main file and at most 7 nested
 * levels, as BIRD 2.0.12 accepts).  An include whose file does not exist
 * is not an error here: it is recorded in bl_lex.missing and the caller
 * marks the analysis incomplete (an operator checks a copy of the
 * configuration without the files it includes).  Include cycles, files
 * that are not regular text files and too many or too deep includes are
 * errors.
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

/* An include statement that named no file. */
typedef struct bl_missing {
	const char *path;	/* as resolved against the including file */
	const char *from;	/* the including file */
	int line;		/* line in the main file */
	int fline;		/* line in the including file */
	bool pattern;		/* a wildcard that matched nothing (BIRD accepts it) */
} bl_missing;

#define BL_MISSING_KEEP	64

typedef struct bl_lex {
	MC_VEC(bl_tok) toks;		/* always ends with BT_EOF */
	MC_VEC(bl_comment) comments;	/* main file only */
	MC_VEC(const char *) files;	/* [0] main file, then includes read */
	int lines;			/* lines of the main file */
	int include_errors;
	MC_VEC(bl_missing) missing;	/* at most BL_MISSING_KEEP kept */
	int nmissing;			/* literal paths not found, all counted */
	int nnomatch;			/* wildcards matching nothing, all counted */
} bl_lex;

enum {
	BL_NO_INCLUDE = 1,		/* never open files (fuzzing) */
};

/* Tokenize buf; returns 0 on success, -1 (error in diag) when the input
 * is not text.  Missing include files go to out->missing; unreadable
 * ones, cycles and bounds exceeded are errors in diag; lexing goes on. */
int bl_lex_run(mc_arena *, const char *file, const char *buf, size_t len,
    int flags, bl_lex *out, mc_diag *);

bool bl_is(const bl_tok *, const char *word);	/* identifier equal to word */
bool bl_isop(const bl_tok *, int op);
const char *bl_str(mc_arena *, const bl_tok *);

#endif
