/* json — see json.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/json.h"

void json_init(struct json *j, char *buf, size_t cap)
{
    memset(j, 0, sizeof *j);
    j->buf = buf;
    j->cap = cap;
    if (!buf || cap == 0)
        j->err = 1;
    else
        buf[0] = '\0';
}

static void put(struct json *j, const char *p, size_t n)
{
    if (j->err)
        return;
    if (n >= j->cap - j->len) {   /* keep room for the NUL */
        j->err = 1;
        return;
    }
    memcpy(j->buf + j->len, p, n);
    j->len += n;
    j->buf[j->len] = '\0';
}

/* Before a value or a key: the comma after an earlier one at this level. A
 * value after a key needs none; a key only goes into an object, a value
 * into an array, after a key, or alone at the top. */
static void separate(struct json *j, int is_key)
{
    int in_object = j->depth > 0 && j->open[j->depth - 1] == '{';

    if (j->after_key) {
        j->after_key = 0;
        if (is_key)
            j->err = 1;
        return;
    }
    if (is_key ? !in_object : in_object) {
        j->err = 1;
        return;
    }
    if (j->depth == 0) {
        if (j->len > 0)
            j->err = 1;   /* a second top-level value */
        return;
    }
    if (j->count[j->depth - 1])
        put(j, ",", 1);
    j->count[j->depth - 1] = 1;
}

static void open_level(struct json *j, char c)
{
    separate(j, 0);
    if (j->depth >= JSON_MAX_DEPTH) {
        j->err = 1;
        return;
    }
    put(j, &c, 1);
    j->open[j->depth] = c;
    j->count[j->depth] = 0;
    j->depth++;
}

void json_object(struct json *j)
{
    open_level(j, '{');
}

void json_array(struct json *j)
{
    open_level(j, '[');
}

void json_close(struct json *j)
{
    char c;

    if (j->depth == 0 || j->after_key) {
        j->err = 1;
        return;
    }
    j->depth--;
    c = j->open[j->depth] == '{' ? '}' : ']';
    put(j, &c, 1);
}

/* A quoted, escaped string: ", \ and the control characters U+0000..U+001F
 * as JSON requires; every other byte as it is. */
static void put_string(struct json *j, const char *s)
{
    static const char hex[] = "0123456789abcdef";

    put(j, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        const char *esc = NULL;
        char u[7];
        switch (*p) {
        case '"':  esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        default:
            if (*p < 0x20) {
                memcpy(u, "\\u00", 4);
                u[4] = hex[*p >> 4];
                u[5] = hex[*p & 15];
                u[6] = '\0';
                esc = u;
            }
        }
        if (esc)
            put(j, esc, strlen(esc));
        else
            put(j, (const char *)p, 1);
    }
    put(j, "\"", 1);
}

void json_key(struct json *j, const char *key)
{
    separate(j, 1);
    put_string(j, key ? key : "");
    put(j, ":", 1);
    j->after_key = 1;
}

void json_str(struct json *j, const char *s)
{
    separate(j, 0);
    if (s)
        put_string(j, s);
    else
        put(j, "null", 4);
}

void json_int(struct json *j, long long v)
{
    char num[24];
    int n = snprintf(num, sizeof num, "%lld", v);

    separate(j, 0);
    put(j, num, (size_t)n);
}

void json_bool(struct json *j, int v)
{
    separate(j, 0);
    if (v)
        put(j, "true", 4);
    else
        put(j, "false", 5);
}

void json_kstr(struct json *j, const char *key, const char *s)
{
    json_key(j, key);
    json_str(j, s);
}

void json_kint(struct json *j, const char *key, long long v)
{
    json_key(j, key);
    json_int(j, v);
}

void json_kbool(struct json *j, const char *key, int v)
{
    json_key(j, key);
    json_bool(j, v);
}

int json_end(struct json *j)
{
    if (j->err || j->depth != 0 || j->after_key || j->len == 0) {
        if (j->buf && j->cap > 0)
            j->buf[0] = '\0';
        j->err = 1;
        return -1;
    }
    return 0;
}

/* ---- reading -------------------------------------------------------------- */

#define JSON_READ_MAX 1024   /* bytes of one key or scalar */

struct jread {
    const char *p;
    json_scalar_fn fn;
    void *arg;
    char key[JSON_READ_MAX], sub[JSON_READ_MAX], val[JSON_READ_MAX];
};

static void skip_ws(struct jread *r)
{
    while (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r')
        r->p++;
}

static int put_utf8(char *out, size_t *o, size_t n, unsigned cp)
{
    char tmp[4];
    size_t k = 0;

    if (cp < 0x80) {
        tmp[k++] = (char)cp;
    } else if (cp < 0x800) {
        tmp[k++] = (char)(0xc0 | (cp >> 6));
        tmp[k++] = (char)(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        tmp[k++] = (char)(0xe0 | (cp >> 12));
        tmp[k++] = (char)(0x80 | ((cp >> 6) & 0x3f));
        tmp[k++] = (char)(0x80 | (cp & 0x3f));
    } else {
        tmp[k++] = (char)(0xf0 | (cp >> 18));
        tmp[k++] = (char)(0x80 | ((cp >> 12) & 0x3f));
        tmp[k++] = (char)(0x80 | ((cp >> 6) & 0x3f));
        tmp[k++] = (char)(0x80 | (cp & 0x3f));
    }
    if (*o + k >= n)
        return -1;
    memcpy(out + *o, tmp, k);
    *o += k;
    return 0;
}

static int hex4(const char *p, unsigned *v)
{
    *v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return -1;
        *v = *v * 16 + (unsigned)d;
    }
    return 0;
}

/* The escape after a backslash (r->p at the letter) into out. */
static int read_escape(struct jread *r, char *out, size_t *o, size_t n)
{
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    const char *e = strchr(from, *r->p);
    unsigned cp, lo;

    if (*r->p && e) {
        r->p++;
        return put_utf8(out, o, n, (unsigned char)to[e - from]);
    }
    if (*r->p != 'u' || hex4(r->p + 1, &cp) != 0)
        return -1;
    r->p += 5;
    if (cp >= 0xd800 && cp < 0xdc00 && r->p[0] == '\\' && r->p[1] == 'u' &&
        hex4(r->p + 2, &lo) == 0 && lo >= 0xdc00 && lo < 0xe000) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        r->p += 6;
    }
    return put_utf8(out, o, n, cp);
}

/* A string (r->p at its opening quote) into out[0..n). */
static int read_string(struct jread *r, char *out, size_t n)
{
    size_t o = 0;

    r->p++;
    while (*r->p != '"') {
        if (*r->p == '\0' || (unsigned char)*r->p < 0x20)
            return -1;
        if (*r->p == '\\') {
            r->p++;
            if (read_escape(r, out, &o, n) != 0)
                return -1;
            continue;
        }
        if (o + 1 >= n)
            return -1;
        out[o++] = *r->p++;
    }
    r->p++;
    out[o] = '\0';
    return 0;
}

/* A scalar into r->val; *is_null for null. -1 when the value is no scalar. */
static int read_scalar(struct jread *r, int *is_null)
{
    size_t k = 0;

    *is_null = 0;
    if (*r->p == '"')
        return read_string(r, r->val, sizeof r->val);
    while (*r->p && strchr("+-.0123456789eEtruefalsn", *r->p) && k + 1 < sizeof r->val)
        r->val[k++] = *r->p++;
    r->val[k] = '\0';
    if (k == 0)
        return -1;
    *is_null = strcmp(r->val, "null") == 0;
    return 0;
}

static int read_value(struct jread *r, int depth, int index, int in_object);

/* An object or array (r->p at '{' or '['); its members' values at depth+1. */
static int read_container(struct jread *r, int depth, int index)
{
    char close = *r->p == '{' ? '}' : ']';
    int i = 0;

    r->p++;
    skip_ws(r);
    if (*r->p == close) {
        r->p++;
        return 0;
    }
    for (;; i++) {
        skip_ws(r);
        if (close == '}') {
            if (*r->p != '"' ||
                read_string(r, depth == 0 ? r->key : r->sub, sizeof r->key) != 0)
                return -1;
            skip_ws(r);
            if (*r->p++ != ':')
                return -1;
            skip_ws(r);
        }
        if (read_value(r, depth + 1, close == ']' && depth == 1 ? i : index, close == '}') != 0)
            return -1;
        skip_ws(r);
        if (*r->p == close) {
            r->p++;
            return 0;
        }
        if (*r->p++ != ',')
            return -1;
    }
}

/* A value at depth (1: a member of the top object; 2: an element of a member
 * array, or a member of a member object; 3: a member of an object that is an
 * element of a member array). Deeper containers are read through unreported. */
static int read_value(struct jread *r, int depth, int index, int in_object)
{
    int is_null;

    if (*r->p == '{' || *r->p == '[') {
        int shown = depth == 1 || (depth == 2 && *r->p == '{' && !in_object);
        json_scalar_fn fn = r->fn;
        int rc;
        if (!shown)
            r->fn = NULL;
        rc = read_container(r, depth, index);
        r->fn = fn;
        return rc;
    }
    if (read_scalar(r, &is_null) != 0)
        return -1;
    if (!r->fn)
        return 0;
    return r->fn(r->arg, r->key, index, depth >= 2 && in_object ? r->sub : NULL,
                 is_null ? NULL : r->val);
}

int json_read_flat(const char *text, json_scalar_fn fn, void *arg)
{
    struct jread *r;
    int rc = -1;

    if (!text || !fn || !(r = calloc(1, sizeof *r)))
        return -1;
    r->p = text;
    r->fn = fn;
    r->arg = arg;
    skip_ws(r);
    if (*r->p == '{' && read_container(r, 0, -1) == 0) {
        skip_ws(r);
        rc = *r->p == '\0' ? 0 : -1;
    }
    free(r);
    return rc;
}
