/* json — see json.h. */
#include <stdio.h>
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
