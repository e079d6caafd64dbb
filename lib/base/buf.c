/* buf — growable NUL-terminated byte buffer. See buf.h. */
#include "base/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Makes room for n more bytes plus the terminating NUL. */
static int buf_grow(struct buf *b, size_t n)
{
    size_t need, cap;
    char *p;

    if (n > SIZE_MAX - b->len - 1)
        return -1;
    need = b->len + n + 1;
    if (need <= b->cap)
        return 0;
    cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    p = realloc(b->p, cap);
    if (!p)
        return -1;
    b->p = p;
    b->cap = cap;
    return 0;
}

int buf_append(struct buf *b, const void *data, size_t n)
{
    if (buf_grow(b, n) < 0)
        return -1;
    if (n)
        memcpy(b->p + b->len, data, n);
    b->len += n;
    b->p[b->len] = '\0';
    return 0;
}

int buf_puts(struct buf *b, const char *s)
{
    return buf_append(b, s, strlen(s));
}

int buf_putc(struct buf *b, char c)
{
    return buf_append(b, &c, 1);
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    char small[256];
    int n;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return -1;
    if ((size_t)n < sizeof small)
        return buf_append(b, small, (size_t)n);

    if (buf_grow(b, (size_t)n) < 0)
        return -1;
    va_start(ap, fmt);
    n = vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->p[b->len] = '\0';
        return -1;
    }
    b->len += (size_t)n;
    return 0;
}

void buf_reset(struct buf *b)
{
    b->len = 0;
    if (b->p)
        b->p[0] = '\0';
}

void buf_free(struct buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

int buf_html(struct buf *b, const char *s)
{
    size_t old = b->len;
    const char *run = s;

    for (; *s; s++) {
        const char *rep;
        switch (*s) {
        case '&':  rep = "&amp;";  break;
        case '<':  rep = "&lt;";   break;
        case '>':  rep = "&gt;";   break;
        case '"':  rep = "&quot;"; break;
        case '\'': rep = "&#39;";  break;
        default:   continue;
        }
        if (buf_append(b, run, (size_t)(s - run)) < 0 || buf_puts(b, rep) < 0)
            goto fail;
        run = s + 1;
    }
    if (buf_append(b, run, (size_t)(s - run)) < 0)
        goto fail;
    return 0;
fail:
    /* keep the old content, as promised for every append */
    b->len = old;
    if (b->p)
        b->p[old] = '\0';
    return -1;
}

int buf_url(struct buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t old = b->len;

    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        int rc;
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.')
            rc = buf_putc(b, (char)*p);
        else
            rc = buf_printf(b, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
        if (rc < 0) {
            b->len = old;   /* keep the old content, as promised for every append */
            if (b->p)
                b->p[old] = '\0';
            return -1;
        }
    }
    return 0;
}
