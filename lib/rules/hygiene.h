/*
 * hygiene — the input hygiene of spec §10 for text typed into a form field or
 * a batch file's cell: no C0/C1 control characters and no bidi overrides
 * (markup and =HYPERLINK are harmless text once escaped; these are not: they
 * break single-line fields and let one name display as another). Pure.
 */
#ifndef PORTAL_RULES_HYGIENE_H
#define PORTAL_RULES_HYGIENE_H

/* 1 when s (UTF-8, NUL-terminated) holds no C0 control character
 * (U+0000–U+001F, tab and line breaks included: every text field is one
 * line), no DEL or C1 control (U+007F–U+009F) and no bidi embedding,
 * override or isolate (U+202A–U+202E, U+2066–U+2069); else 0. NULL is clean. */
int text_clean(const char *s);

#endif
