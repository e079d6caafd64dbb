/*
 * buf — a growable byte buffer, always NUL-terminated.
 * A zeroed struct buf is an empty buffer. buf_free() releases and re-zeroes it.
 * Appends return 0, or -1 when memory is exhausted (the buffer keeps its old content).
 */
#ifndef PORTAL_BUF_H
#define PORTAL_BUF_H
#include <stddef.h>
#include <stdarg.h>

struct buf { char *p; size_t len, cap; };

int  buf_append(struct buf *b, const void *data, size_t n);
int  buf_puts(struct buf *b, const char *s);
int  buf_putc(struct buf *b, char c);
int  buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_reset(struct buf *b);          /* len = 0, keeps memory */
void buf_free(struct buf *b);

/* HTML text/attribute escaping (& < > " ' ), for the rare output that does not
 * go through a template. */
int  buf_html(struct buf *b, const char *s);
/* Percent-encoding of every byte but A-Z a-z 0-9 - _ . (RFC 3986 unreserved,
 * without '~'), for a URL's query argument or an RFC 5987 filename*. */
int  buf_url(struct buf *b, const char *s);

#endif
