/*
 * OpenBGPD bgpd.conf tokenizer: words, quoted strings, braces, commas and
 * the comparison operators, with newlines kept (they end statements).
 * Macros (name = "value", $name) and include files are handled here, as
 * bgpd's own lexer does, so the parser sees the expanded token stream.
 */
#ifndef MANRS_OBGPD_LEX_H
#define MANRS_OBGPD_LEX_H

#include <stdbool.h>
#include <stddef.h>

#include "manrs/arena.h"
#include "manrs/diag.h"

typedef enum ob_tt {
	OB_EOF = 0,
	OB_NL,		/* end of a statement line */
	OB_WORD,
	OB_STRING,	/* "..." or '...', quotes removed */
	OB_LBRACE,
	OB_RBRACE,
	OB_COMMA,
	OB_OP,		/* = != < <= > >= >< */
} ob_tt;

typedef struct ob_tok {
	const char *s;
	unsigned len;
	int line;	/* in the main file; tokens of an include get its line */
	int t;		/* ob_tt */
} ob_tok;

typedef struct ob_comment {
	const char *text;	/* after the '#', not NUL-terminated */
	unsigned len;
	int line;
	bool trailing;		/* tokens precede it on its line */
} ob_comment;

typedef struct ob_missing {
	const char *name;		/* the include that could not be read */
	int line;
} ob_missing;

typedef struct ob_lex {
	MC_VEC(ob_tok) toks;		/* always ends with OB_NL, OB_EOF */
	MC_VEC(ob_comment) comments;	/* main file only */
	MC_VEC(const char *) notes;	/* includes read or missed, undefined macros */
	MC_VEC(ob_missing) missing;	/* includes that could not be read */
	int lines;			/* lines of the main file */
} ob_lex;

enum {
	OB_LEX_NO_INCLUDE = 1,		/* never open files (fuzzing) */
};

/* Tokenize buf; returns 0 on success, -1 (error in diag) when the input
 * is not text. */
int ob_lex_run(mc_arena *, const char *file, const char *buf, size_t len,
    int flags, ob_lex *out, mc_diag *);

/* Token helpers. */
bool ob_tok_is(const ob_tok *, const char *word);
const char *ob_tok_str(mc_arena *, const ob_tok *);

#endif
