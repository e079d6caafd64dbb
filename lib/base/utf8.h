/* utf8 — UTF-8 validation, shared by the form parsers (lib/web) and the CSV reader. */
#ifndef PORTAL_UTF8_H
#define PORTAL_UTF8_H
#include <stddef.h>

/* 1 when s[0..n) is valid UTF-8 without NUL bytes and without overlong/surrogate forms. */
int utf8_valid(const char *s, size_t n);

#endif
