/*
 * form — parsers for untrusted request input: query strings,
 * application/x-www-form-urlencoded bodies, multipart/form-data bodies, cookies.
 * Pure functions (no I/O), each with a fuzz harness under tests/fuzz/.
 *
 * Every parser rejects (returns a FORM_E* code, and leaves *out empty):
 *  - bad percent-encoding, embedded NUL bytes, invalid UTF-8 in names or
 *    (non-file) values,
 *  - more than `max_fields` fields, a name longer than 64 bytes, a value longer
 *    than the limit,
 *  - (multipart) a missing/odd boundary, a part without Content-Disposition,
 *    a truncated body.
 * Repeated names are kept in order; form_get returns the first.
 * A NULL form_limits means { 64, 4096, 8 MiB }. *out need not be initialised
 * (it is overwritten); on success the caller owns it and calls form_free.
 * urlencoded: pairs with an empty name ("=x", "a&&b") are skipped; "a" is a=''.
 * multipart: a part without Content-Type gets "text/plain" (or
 * "application/octet-stream" for a file part); filename="" (no file chosen) is a
 * file part with an empty file name; a part header block is at most 8 KiB.
 * cookies: at most 32 are kept (later ones ignored); a name must be an RFC 6265
 * token of at most 64 bytes, a value valid UTF-8 without control bytes.
 */
#ifndef PORTAL_FORM_H
#define PORTAL_FORM_H
#include <stddef.h>
#include "base/utf8.h"   /* utf8_valid, which the parsers apply */

enum form_err {
    FORM_OK = 0,
    FORM_EENCODING,   /* bad %xx, NUL, invalid UTF-8 */
    FORM_ETOOMANY,    /* too many fields */
    FORM_ETOOLONG,    /* a name or value over its limit */
    FORM_EMULTIPART,  /* malformed multipart body / boundary */
    FORM_ENOMEM
};

struct form_field {
    char  *name;          /* UTF-8, NUL-terminated */
    char  *value;         /* NUL-terminated; for file parts the raw bytes (may contain NUL) */
    size_t len;           /* length of value in bytes */
    char  *filename;      /* multipart file parts only, else NULL (sanitised: no path, UTF-8) */
    char  *content_type;  /* multipart parts only, else NULL */
};

struct form {
    struct form_field *f;
    size_t n, cap;
};

struct form_limits {
    size_t max_fields;    /* e.g. 64 */
    size_t max_value;     /* max bytes of a non-file value, e.g. 4096 */
    size_t max_file;      /* max bytes of a file part (multipart), e.g. 8 MiB */
};

/* Parses "a=1&b=%E4%B8%AD+x" ('+' is a space). An empty string is zero fields. */
enum form_err form_parse_urlencoded(const char *s, size_t len,
                                    const struct form_limits *lim, struct form *out);
/* content_type is the whole request header, e.g. "multipart/form-data; boundary=XYZ". */
enum form_err form_parse_multipart(const char *body, size_t len, const char *content_type,
                                   const struct form_limits *lim, struct form *out);
/* Parses a Cookie header ("a=b; c=d"); no percent-decoding; invalid pairs skipped. */
enum form_err form_parse_cookies(const char *header, struct form *out);

/* First field with that name, or NULL. Lent: valid until form_free. */
const struct form_field *form_get(const struct form *f, const char *name);
void form_free(struct form *f);   /* frees all fields, re-zeroes; accepts a zeroed form */

#endif
