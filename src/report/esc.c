/*
 * Escaping for the XML, HTML and Markdown reports.  Text from router
 * configurations is hostile: descriptions hold '<', '&', quotes, Latin-1
 * bytes and even control characters, none of which may break the document
 * or inject markup.
 */
#include <string.h>

#include "report/common.h"

#define REPLACEMENT "\xef\xbf\xbd"	/* U+FFFD */

/* Length of the valid UTF-8 sequence at s, 0 if invalid (JSON's rule). */
size_t
mc_utf8_seq_len(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned c = s[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	/* Overlong forms, surrogates and code points past U+10FFFF. */
	if (len == 3 && ((c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] >= 0xa0)))
		return 0;
	if (len == 4 && ((c == 0xf0 && s[1] < 0x90) || (c == 0xf4 && s[1] >= 0x90)))
		return 0;
	return len;
}

/* The same for XML, where U+FFFE and U+FFFF are not characters either. */
size_t
mc_utf8_len(const unsigned char *s, size_t n)
{
	size_t len = mc_utf8_seq_len(s, n);

	if (len == 3 && s[0] == 0xef && s[1] == 0xbf &&
	    (s[2] == 0xbe || s[2] == 0xbf))
		return 0;
	return len;
}

/* The characters both XML/HTML and Markdown cells write as entities. */
static const char *
entity(unsigned char c)
{
	return c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : NULL;
}

static bool
xml_plain(unsigned char c)
{
	return c >= 0x20 && c < 0x7f && c != '&' && c != '<' && c != '>' &&
	    c != '"' && c != '\'';
}

void
mc_xml_esc(FILE *fp, const char *s, bool attr)
{
	if (s != NULL)
		mc_xml_escn(fp, s, strlen(s), attr);
}

void
mc_xml_escn(FILE *fp, const char *s, size_t n, bool attr)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, l;

	for (i = 0; i < n; i += l) {
		unsigned char c = u[i];
		size_t run;

		/* Printable ASCII that needs no entity, written as one run: a
		 * call per byte was most of a JUnit report's time. */
		for (run = i; run < n && xml_plain(u[run]); run++)
			;
		if (run > i) {
			fwrite(u + i, 1, run - i, fp);
			l = run - i;
			continue;
		}
		if ((l = mc_utf8_len(u + i, n - i)) == 0) {
			fputs(REPLACEMENT, fp);
			l = 1;
			continue;
		}
		if (l > 1) {
			fwrite(u + i, 1, l, fp);
			continue;
		}
		if (entity(c) != NULL) {
			fputs(entity(c), fp);
			continue;
		}
		switch (c) {
		case '"':
			fputs("&quot;", fp);
			break;
		case '\'':
			fputs("&#39;", fp);
			break;
		case '\n':
			/* Attribute values are normalised by parsers: keep the
			 * newline as a reference. */
			fputs(attr ? "&#10;" : "\n", fp);
			break;
		case '\t':
			fputs(attr ? "&#9;" : "\t", fp);
			break;
		default:
			if (c < 0x20 || c == 0x7f)
				fputs(REPLACEMENT, fp);
			else
				fputc(c, fp);
		}
	}
}

/* One table cell of GitHub/GitLab-flavoured Markdown: no newline, no '|'
 * (it would end the cell), no markup, no HTML. */
void
mc_md_esc(FILE *fp, const char *s, size_t max)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n, i, l, out = 0;

	if (s == NULL)
		return;
	n = strlen(s);
	for (i = 0; i < n; i += l) {
		unsigned char c = u[i];

		if (out >= max) {
			fputs("\xe2\x80\xa6", fp);	/* … */
			return;
		}
		if ((l = mc_utf8_len(u + i, n - i)) == 0) {
			fputs(REPLACEMENT, fp);
			l = 1;
			out++;
			continue;
		}
		out += l;
		if (l > 1) {
			fwrite(u + i, 1, l, fp);
			continue;
		}
		if (c == '\n' || c == '\r' || c == '\t') {
			fputc(' ', fp);
			continue;
		}
		if (c < 0x20 || c == 0x7f) {
			fputs(REPLACEMENT, fp);
			continue;
		}
		if (entity(c) != NULL) {
			fputs(entity(c), fp);
			continue;
		}
		switch (c) {
		case '|': case '\\': case '`': case '*': case '_': case '[':
		case ']': case '~': case '#': case '!':
			fputc('\\', fp);
			fputc(c, fp);
			break;
		default:
			fputc(c, fp);
		}
	}
}

const char *
mc_action_title(int a)
{
	static const char *t[] = { "Session security and hygiene", "Filtering",
		"Anti-spoofing", "Coordination", "Global validation" };

	return a >= 0 && a <= 4 ? t[a] : "?";
}

const char *
mc_rule_title(const char *id)
{
	const mc_rule *r = mc_rule_find(id);

	return r != NULL && r->title != NULL ? r->title : "";
}
