/*
 * json — a small JSON writer into a caller-owned buffer, for the
 * declarations' before/after data and the job pages' format=json. Strings
 * are escaped (quote, backslash, control characters); other bytes, UTF-8
 * included, are copied as they are (the runtime guarantees valid UTF-8
 * input). Compact output, no spaces: {"a":"x","n":1,"l":["1","2"],"b":true}.
 *
 * Commas are the writer's business: a value after another value of the
 * same object or array gets one. Nesting is limited to JSON_MAX_DEPTH.
 * Nothing fails loudly: when the buffer is too small or the calls are
 * unbalanced, json_end() returns -1 and the buffer holds "".
 */
#ifndef PORTAL_STORE_JSON_H
#define PORTAL_STORE_JSON_H

#include <stddef.h>

#define JSON_MAX_DEPTH 8

struct json {
    char *buf;            /* lent by the caller */
    size_t cap, len;
    int depth;
    int err;
    char open[JSON_MAX_DEPTH];            /* '{' or '[' of each open level */
    unsigned char count[JSON_MAX_DEPTH];  /* 1 once a level has a value */
    unsigned char after_key;              /* the next value belongs to a key */
};

/* Starts writing into buf[0..cap) (cap >= 1). */
void json_init(struct json *j, char *buf, size_t cap);

void json_object(struct json *j);      /* { */
void json_array(struct json *j);       /* [ */
void json_close(struct json *j);       /* } or ], whichever is open */
void json_key(struct json *j, const char *key);
void json_str(struct json *j, const char *s);   /* NULL writes null */
void json_int(struct json *j, long long v);
void json_bool(struct json *j, int v);          /* true (v != 0) or false */

/* key + value in one call */
void json_kstr(struct json *j, const char *key, const char *s);
void json_kint(struct json *j, const char *key, long long v);
void json_kbool(struct json *j, const char *key, int v);

/* 0 when the document is complete and fitted (buf NUL-terminated); else -1
 * and buf holds "". */
int json_end(struct json *j);

/*
 * Reading, for showing the before/after data on a page: the scalars of a
 * JSON object, flat. fn is called for each scalar in document order with
 *   key    the top-level member's name,
 *   index  its position when the member is an array (else -1),
 *   sub    the member's name inside an object that is the member or an
 *          element of it (else NULL),
 *   value  the scalar as text, strings unescaped (NULL for null).
 * Deeper nesting is skipped. Everything passed is lent for the call only.
 * fn returns 0 to go on. Returns 0; -1 when text is not one JSON object
 * (scalars before the error have been passed) or fn stopped.
 */
typedef int (*json_scalar_fn)(void *arg, const char *key, int index, const char *sub,
                              const char *value);
int json_read_flat(const char *text, json_scalar_fn fn, void *arg);

#endif
